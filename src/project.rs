//! Finding and reading the content: councils, their fiscal years and their documents.
//!
//! Every problem is collected (not just the first), each with its file, line and field path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diag::{Problem, Problems};
use crate::model::{Council, Document, Evaluation, GoalSet, MeetingList, MemberList};

/// Content files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// The project: its root and every council found under `content/`.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub councils: Vec<CouncilData>,
}

/// One council folder (`content/<dir>/council.yaml` and what lies beside it).
#[derive(Debug, Clone)]
pub struct CouncilData {
    /// The folder, absolute.
    pub dir: PathBuf,
    /// The folder's path under `content/` (`/`-separated), used for output paths.
    pub slug: String,
    pub council: Council,
    pub years: BTreeMap<i32, YearData>,
    pub documents: Vec<DocumentFile>,
}

/// What is written about one fiscal year.
#[derive(Debug, Clone, Default)]
pub struct YearData {
    pub goals: Option<GoalSet>,
    pub meetings: MeetingList,
    pub evaluation: Option<Evaluation>,
    pub members: Option<MemberList>,
    /// The files read, for messages (`goals` → path).
    pub files: BTreeMap<&'static str, PathBuf>,
}

/// One document to build.
#[derive(Debug, Clone)]
pub struct DocumentFile {
    pub path: PathBuf,
    /// The file name without `.yaml`.
    pub name: String,
    pub document: Document,
}

impl DocumentFile {
    /// `<council>/<name>`: how the document is named on the command line and under `output/`.
    pub fn id(&self, council: &CouncilData) -> String {
        format!("{}/{}", council.slug, self.name)
    }
}

impl Project {
    /// Reads everything under `<root>/content`. Returns the project with whatever could be read,
    /// and the problems found; callers refuse to build when there are errors.
    pub fn load(root: &Path) -> (Project, Problems) {
        let mut problems = Problems::default();
        let content = root.join("content");
        let mut councils = Vec::new();
        if !content.is_dir() {
            problems.push(
                Problem::error(&content, "content フォルダが見つかりません。")
                    .hint("--root でプロジェクトのフォルダを指定してください。"),
            );
        }
        let mut council_files: Vec<PathBuf> = WalkDir::new(&content)
            .max_depth(4)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name() == "council.yaml")
            .map(|e| e.into_path())
            .collect();
        council_files.sort();
        for file in council_files {
            if let Some(c) = load_council(&file, &content, &mut problems) {
                councils.push(c);
            }
        }
        let problems = Problems(
            problems
                .0
                .into_iter()
                .map(|p| p.relative_to(root))
                .collect(),
        );
        let project = Project {
            root: root.to_path_buf(),
            councils,
        };
        (project, problems)
    }

    /// Every document, with its council.
    pub fn documents(&self) -> impl Iterator<Item = (&CouncilData, &DocumentFile)> {
        self.councils
            .iter()
            .flat_map(|c| c.documents.iter().map(move |d| (c, d)))
    }
}

fn load_council(file: &Path, content: &Path, problems: &mut Problems) -> Option<CouncilData> {
    let dir = file.parent()?.to_path_buf();
    let council: Council = read_yaml(file, problems)?;
    let slug = dir
        .strip_prefix(content)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    let mut years = BTreeMap::new();
    let mut documents = Vec::new();
    for entry in sorted_entries(&dir) {
        let name = entry
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if entry.is_dir() {
            if name == "documents" {
                documents = load_documents(&entry, problems);
            } else if let Ok(year) = name.parse::<i32>() {
                if !(1900..=2200).contains(&year) || name.len() != 4 {
                    problems.push(
                        Problem::error(
                            &entry,
                            format!("年度のフォルダ名 {name} が正しくありません。"),
                        )
                        .hint(
                            "年度のフォルダは西暦４桁で名付けてください（令和６年度なら 2024）。",
                        ),
                    );
                    continue;
                }
                years.insert(year, load_year(&entry, problems));
            }
        }
    }
    Some(CouncilData {
        dir,
        slug,
        council,
        years,
        documents,
    })
}

fn load_year(dir: &Path, problems: &mut Problems) -> YearData {
    let mut year = YearData::default();
    for entry in sorted_entries(dir) {
        if !is_yaml(&entry) {
            continue;
        }
        let stem = entry
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let key: &'static str = match stem.as_str() {
            "goals" => {
                year.goals = read_yaml(&entry, problems);
                "goals"
            }
            "meetings" => {
                year.meetings = read_yaml(&entry, problems).unwrap_or_default();
                "meetings"
            }
            "evaluation" => {
                year.evaluation = read_yaml(&entry, problems);
                "evaluation"
            }
            "members" => {
                year.members = read_yaml(&entry, problems);
                "members"
            }
            _ => {
                problems.push(
                    Problem::warning(&entry, "このファイルは読み込まれません。")
                        .hint("年度のフォルダに置けるのは goals.yaml, meetings.yaml, evaluation.yaml, members.yaml です。"),
                );
                continue;
            }
        };
        year.files.insert(key, entry);
    }
    year
}

fn load_documents(dir: &Path, problems: &mut Problems) -> Vec<DocumentFile> {
    sorted_entries(dir)
        .into_iter()
        .filter(|p| is_yaml(p))
        .filter_map(|path| {
            let document = read_yaml(&path, problems)?;
            let name = path.file_stem()?.to_string_lossy().into_owned();
            Some(DocumentFile {
                path,
                name,
                document,
            })
        })
        .collect()
}

fn is_yaml(path: &Path) -> bool {
    path.is_file()
        && matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        )
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

/// Reads and parses one YAML file, recording a problem (with line, column and field path) on
/// failure.
pub fn read_yaml<T: DeserializeOwned>(path: &Path, problems: &mut Problems) -> Option<T> {
    match read_text(path) {
        Ok(text) => match parse_yaml(&text) {
            Ok(v) => Some(v),
            Err(p) => {
                problems.push(Problem {
                    file: path.to_path_buf(),
                    ..p
                });
                None
            }
        },
        Err(p) => {
            problems.push(p);
            None
        }
    }
}

/// Reads a content file, refusing what is too large or not UTF-8.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Problem::error(
            path,
            format!("ファイルを読めません（{}）。", crate::diag::io_ja(&e)),
        )
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Problem::error(
            path,
            format!(
                "ファイルが大きすぎます（{} バイト。上限は {} バイト）。",
                meta.len(),
                MAX_FILE_BYTES
            ),
        )
        .hint("ファイルを分けるか、誤って貼り付けた内容がないか確かめてください。"));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Problem::error(
            path,
            format!("ファイルを読めません（{}）。", crate::diag::io_ja(&e)),
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        Problem::error(path, "文字コードが UTF-8 ではありません。")
            .hint("UTF-8 で保存し直してください。")
    })
}

/// Parses YAML text into `T`; on failure the problem carries line, column, field path and a
/// Japanese message (its `file` is left empty for the caller to fill in).
pub fn parse_yaml<T: DeserializeOwned>(text: &str) -> Result<T, Problem> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let (line, column) = match inner.location() {
            Some(loc) => (Some(loc.line()), Some(loc.column())),
            None => (None, None),
        };
        let (message, hint) = crate::validate::explain_serde(&inner.to_string());
        // serde_yaml reports a value our own parser refused at the start of its mapping; point
        // at the key's own line when it follows.
        let key = field.rsplit('.').next().unwrap_or_default();
        let (line, column) = match line.and_then(|l| key_line_after(text, l, key)) {
            Some(l) if Some(l) != line => (Some(l), None),
            _ => (line, column),
        };
        let mut p = Problem::error(PathBuf::new(), message)
            .at(line, column)
            .field(field);
        p.hint = hint;
        p
    })
}

/// The first line at or after `from` (1-based) that sets `key:`.
fn key_line_after(text: &str, from: usize, key: &str) -> Option<usize> {
    if key.is_empty() || key.contains('[') {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| {
            let l = l.trim_start().trim_start_matches("- ");
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|(i, _)| i + 1)
}
