//! Finding and reading the content: councils, their fiscal years and their documents.
//!
//! Every problem is collected (not just the first), each with its file, line and field path.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diag::{Problem, Problems};
use crate::load::files;
use crate::load::yaml::cache::YamlCache;
use crate::model::Council;
use crate::model::council::{CouncilData, DocumentFile, Project, YEARS, YearData};

impl Project {
    /// Reads everything under `<root>/content`. Returns the project with whatever could be read,
    /// and the problems found; callers refuse to build when there are errors.
    pub fn load(root: &Path) -> (Project, Problems) {
        Project::load_with(root, &YamlCache::default())
    }

    /// `load`, parsing only the files whose text is not in `cache` from an earlier load.
    pub fn load_with(root: &Path, cache: &YamlCache) -> (Project, Problems) {
        cache.begin();
        let mut problems = Problems::default();
        let content = root.join("content");
        let mut councils = Vec::new();
        let council_files = match check_root(root) {
            Ok(()) => find_councils(root, &content, &mut problems),
            Err(p) => {
                problems.push(p);
                Vec::new()
            }
        };
        let mut loader = Loader {
            root,
            cache,
            problems: &mut problems,
            texts: Vec::new(),
            bytes: 0,
        };
        for file in council_files {
            if let Some(c) = loader.council(&file, &content) {
                councils.push(c);
            }
        }
        let texts = loader.texts;
        cache.end();
        crate::load::joint::resolve(&mut councils, &mut problems);
        let mut problems = Problems(
            problems
                .0
                .into_iter()
                .map(|p| p.relative_to(root))
                .collect(),
        );
        problems.dedup();
        let project = Project {
            root: root.to_path_buf(),
            councils,
            texts,
        };
        (project, problems)
    }
}

/// The folders a project root holds. A folder without all of them is not a project, and
/// nothing is read from it or written to it (`--root /` on a machine that has `/content` is
/// refused, not built).
pub const ROOT_FOLDERS: [&str; 3] = ["content", "templates", "fonts"];

/// Whether `root` is a project: a folder holding every one of [`ROOT_FOLDERS`].
pub fn check_root(root: &Path) -> Result<(), Problem> {
    let missing: Vec<&str> = ROOT_FOLDERS
        .iter()
        .copied()
        .filter(|f| !root.join(f).is_dir())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let has_content = root.join("content").is_dir();
    let what = if has_content {
        "content フォルダはありますが、"
    } else {
        ""
    };
    // A folder inside a project (a council's folder, `content/` itself): name the project.
    let inside = std::path::absolute(root).ok().and_then(|abs| {
        abs.ancestors()
            .skip(1)
            .find(|a| ROOT_FOLDERS.iter().all(|f| a.join(f).is_dir()))
            .map(Path::to_path_buf)
    });
    let hint = match inside {
        Some(project) => format!(
            "このフォルダは shiryo のプロジェクト {} の中にあります。そのフォルダで実行するか、--root にそのフォルダを指定してください。",
            project.display()
        ),
        None => format!(
            "--root には {} の３つのフォルダがそろったフォルダ（shiryo を展開したフォルダ）を指定してください。",
            ROOT_FOLDERS.join("・")
        ),
    };
    // A new council is made inside the program's folder, not in an empty one of its own.
    let hint = if has_content {
        hint
    } else {
        format!(
            "{hint}新しい協議会を作るときも、shiryo を展開したフォルダで shiryo new フォルダ名 を実行します（協議会はその content フォルダの中にできます）。"
        )
    };
    Err(Problem::error(
        root,
        format!(
            "このフォルダは shiryo のプロジェクトではありません（{what}{} フォルダがありません）。",
            missing.join("・")
        ),
    )
    .hint(hint))
}

pub use crate::limits::MAX_COUNCIL_DEPTH;

/// The council.yaml files under `content/`, sorted. A link that leads out of the project, a
/// council file under another name, and a folder of documents without its council.yaml are
/// reported: a council never vanishes without a word.
fn find_councils(root: &Path, content: &Path, problems: &mut Problems) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut with_documents = Vec::new();
    // Deeper than a council may be, so that one too deep is named rather than skipped.
    let entries = WalkDir::new(content)
        .max_depth(MAX_COUNCIL_DEPTH + 8)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !files::is_junk(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok);
    for e in entries {
        let name = e.file_name().to_string_lossy().to_lowercase();
        if e.path_is_symlink()
            && let Err(p) = files::resolve_inside(root, e.path())
        {
            problems.push(p);
            continue;
        }
        if e.file_type().is_dir() {
            if name == "documents"
                && let Some(parent) = e.path().parent()
            {
                with_documents.push(parent.to_path_buf());
            }
            continue;
        }
        match name.as_str() {
            "council.yaml" if e.depth() > MAX_COUNCIL_DEPTH + 1 => problems.push(
                Problem::error(
                    e.path(),
                    format!(
                        "協議会のフォルダが深すぎます（content フォルダから {MAX_COUNCIL_DEPTH} 段までです）。この協議会の資料は作りません。"
                    ),
                )
                .hint("協議会のフォルダを、content フォルダに近い所へ移してください。"),
            ),
            "council.yaml" => found.push(e.into_path()),
            "council.yml" => problems.push(
                Problem::error(
                    e.path(),
                    "協議会のファイルの名前が council.yaml ではありません。",
                )
                .hint("名前を council.yaml に変えてください。"),
            ),
            _ => {}
        }
    }
    for dir in with_documents {
        // (A council folder too deep has been named already.)
        if !found.iter().any(|f| f.parent() == Some(dir.as_path()))
            && !dir.join("council.yaml").is_file()
        {
            problems.push(
                Problem::error(
                    &dir,
                    "このフォルダに council.yaml がないため、documents の資料を作れません。",
                )
                .hint("協議会の名前などを書いた council.yaml を置いてください。"),
            );
        }
    }
    found.sort();
    found
}

/// Reads the files of the project, keeping their texts and the problems found.
struct Loader<'a> {
    root: &'a Path,
    cache: &'a YamlCache,
    problems: &'a mut Problems,
    texts: Vec<(PathBuf, String)>,
    /// The bytes of `texts`, all together.
    bytes: usize,
}

/// Content files a project may hold, and their bytes in all: what one build keeps in memory.
pub const MAX_FILES: usize = 5_000;
pub const MAX_TOTAL_BYTES: usize = 32 * 1024 * 1024;

impl Loader<'_> {
    fn yaml<T: DeserializeOwned + Clone + Send + 'static>(&mut self, path: &Path) -> Option<T> {
        if self.texts.len() >= MAX_FILES || self.bytes >= MAX_TOTAL_BYTES {
            if !self
                .problems
                .0
                .iter()
                .any(|p| p.message.starts_with("content フォルダ"))
            {
                self.problems.push(
                    Problem::error(
                        path,
                        format!(
                            "content フォルダの YAML が多すぎるため、ここから先は読みません（{MAX_FILES} ファイル、合わせて {} まで）。",
                            crate::load::files::size_words(MAX_TOTAL_BYTES as u64)
                        ),
                    )
                    .hint("使わないファイルを content フォルダの外に移してください。"),
                );
            }
            return None;
        }
        let before = self.texts.len();
        let read = read_yaml(self.root, path, self.cache, self.problems, &mut self.texts);
        self.bytes += self.texts[before..]
            .iter()
            .map(|(_, t)| t.len())
            .sum::<usize>();
        read
    }

    fn entries(&mut self, dir: &Path) -> Vec<PathBuf> {
        files::list_dir(self.root, dir, self.problems)
    }

    fn council(&mut self, file: &Path, content: &Path) -> Option<CouncilData> {
        let dir = file.parent()?.to_path_buf();
        if let Err(p) = files::resolve_inside(self.root, &dir) {
            self.problems.push(p);
            return None;
        }
        let council: Council = self.yaml(file)?;
        let slug = dir
            .strip_prefix(content)
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        if let Some(why) = slug.split('/').find_map(crate::text::names::unsafe_name) {
            self.problems.push(unsafe_name(&dir, &why, "フォルダ"));
            return None;
        }
        let mut years = BTreeMap::new();
        let mut documents = Vec::new();
        for entry in self.entries(&dir) {
            let name = entry
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if entry.is_dir() {
                if name == "documents" {
                    documents = self.documents(&entry);
                } else if let Ok(year) = name.parse::<i32>() {
                    if !YEARS.contains(&year) || name.len() != 4 {
                        let hint = if name.len() == 4 {
                            format!(
                                "年度は {} 年度から {} 年度までです。年度のフォルダは西暦で名付けてください（令和６年度なら 2024）。",
                                YEARS.start(),
                                YEARS.end()
                            )
                        } else {
                            "年度のフォルダは西暦４桁で名付けてください（令和６年度なら 2024）。"
                                .to_string()
                        };
                        self.problems.push(
                            Problem::error(
                                &entry,
                                format!("年度のフォルダ名 {name} が正しくありません。"),
                            )
                            .hint(hint),
                        );
                        continue;
                    }
                    let data = self.year(&entry);
                    years.insert(year, data);
                }
            }
        }
        Some(CouncilData {
            dir,
            slug,
            council,
            years,
            documents,
            joint: Default::default(),
        })
    }

    fn year(&mut self, dir: &Path) -> YearData {
        let mut year = YearData::default();
        let reported = self.problems.0.len();
        let entries = self.entries(dir);
        if self.problems.0[reported..].iter().any(|p| p.file == dir) {
            // The folder could not be listed (said so): its files are not missing.
            year.broken
                .extend(["goals", "meetings", "evaluation", "members"]);
        }
        for entry in entries {
            let Some(stem) = self.yaml_stem(&entry) else {
                continue;
            };
            let key: &'static str = match stem.as_str() {
                "goals" => "goals",
                "meetings" => "meetings",
                "evaluation" => "evaluation",
                "members" => "members",
                _ => {
                    self.problems.push(
                        Problem::warning(&entry, "このファイルは読み込まれません。")
                            .hint("年度のフォルダに置けるのは goals.yaml, meetings.yaml, evaluation.yaml, members.yaml です。"),
                    );
                    continue;
                }
            };
            if let Some(first) = year.files.get(key) {
                self.problems.push(twice(first, &entry));
                year.broken.insert(key);
                continue;
            }
            let read = match key {
                "goals" => {
                    year.goals = self.yaml(&entry);
                    year.goals.is_some()
                }
                "meetings" => {
                    let read = self.yaml(&entry);
                    let ok = read.is_some();
                    year.meetings = read.unwrap_or_default();
                    ok
                }
                "evaluation" => {
                    year.evaluation = self.yaml(&entry);
                    year.evaluation.is_some()
                }
                _ => {
                    year.members = self.yaml(&entry);
                    year.members.is_some()
                }
            };
            if !read {
                year.broken.insert(key);
            }
            year.files.insert(key, entry);
        }
        year
    }

    /// The name of a YAML file without its extension (`.yaml` or `.yml`, in any case). Other
    /// files are reported as not read; a folder with a YAML name is reported as a folder.
    fn yaml_stem(&mut self, entry: &Path) -> Option<String> {
        let ext = entry
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let is_yaml = matches!(ext.as_str(), "yaml" | "yml");
        if entry.is_dir() {
            if is_yaml {
                self.problems.push(
                    Problem::error(entry, "YAML ファイルの名前のフォルダがあります。")
                        .hint("フォルダではなくファイルを置いてください。"),
                );
            }
            return None;
        }
        if !is_yaml {
            self.problems.push(
                Problem::warning(entry, "このファイルは読み込まれません。")
                    .hint("内容は .yaml のファイルに書いてください（図や PDF は協議会のフォルダの figures/ や attachments/ などに置きます）。"),
            );
            return None;
        }
        Some(
            entry
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
        )
    }

    fn documents(&mut self, dir: &Path) -> Vec<DocumentFile> {
        let mut documents: Vec<DocumentFile> = Vec::new();
        for path in self.entries(dir) {
            let Some(name) = self.yaml_stem(&path) else {
                continue;
            };
            if let Some(why) = crate::text::names::unsafe_name(&name) {
                self.problems.push(unsafe_name(&path, &why, "ファイル"));
                continue;
            }
            if let Some(first) = documents.iter().find(|d| d.name == name) {
                let first = first.path.clone();
                self.problems.push(twice(&first, &path));
                documents.retain(|d| d.name != name);
                continue;
            }
            let Some(document) = self.yaml(&path) else {
                continue;
            };
            documents.push(DocumentFile {
                path,
                name,
                document,
            });
        }
        documents
    }
}

/// A document or council folder whose name cannot be a file name under `output/` on
/// Windows and Linux (or whose link would not be its name).
fn unsafe_name(path: &Path, why: &str, what: &str) -> Problem {
    Problem::error(path, format!("{what}の名前が PDF や Web ページのファイル名に使えません（{why}）。"))
        .hint(format!("{what}の名前を、英数字・かな・漢字と「-」「_」だけの短い名前に変えてください（例: r6-hyoka）。"))
}

/// Two files for one thing (`goals.yaml` and `goals.yml`): neither is used.
fn twice(first: &Path, second: &Path) -> Problem {
    Problem::error(
        second,
        format!(
            "{} と同じ内容のファイルが２つあります。どちらを使うか決められません。",
            first.file_name().unwrap_or_default().to_string_lossy()
        ),
    )
    .hint("使わない方を消すか、content フォルダの外に移してください。")
}

/// Reads and parses one YAML file inside `root`, recording a problem (with line, column and
/// field path) on failure. Every text read is kept in `texts`, for later checks; a text parsed
/// by an earlier load is taken from `cache`.
pub fn read_yaml<T: DeserializeOwned + Clone + Send + 'static>(
    root: &Path,
    path: &Path,
    cache: &YamlCache,
    problems: &mut Problems,
    texts: &mut Vec<(PathBuf, String)>,
) -> Option<T> {
    let text = match crate::load::files::read_text(root, path) {
        Ok(text) => text,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    let parsed = cache.parse(path, &text, crate::load::yaml::parse::parse_yaml);
    texts.push((path.to_path_buf(), text));
    match parsed {
        Ok(v) => Some(v),
        Err(p) => {
            problems.push(Problem {
                file: path.to_path_buf(),
                ..p
            });
            None
        }
    }
}
