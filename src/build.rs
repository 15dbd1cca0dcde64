//! Building: content → view → markup → PDF → `output/`, one document at a time, written
//! atomically. Nothing in `output/` changes unless every selected document succeeded.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use crate::diag::{Problem, Problems};
use crate::model::Document;
use crate::project::{CouncilData, DocumentFile, Project};
use crate::render::{Renderer, TYPST_TEMPLATE_SUFFIX};
use crate::typeset::{self, Job};
use crate::world::ShiryoWorld;

/// Where PDFs go, under the project root.
pub const OUTPUT_DIR: &str = "output";

/// A typeset document, ready to be written.
pub struct Typeset {
    /// `council/name`.
    pub id: String,
    pub markup: String,
    pub document: PagedDocument,
    pub pdf: Vec<u8>,
    pub warnings: Vec<Problem>,
    /// Time spent on rendering, compiling, exporting.
    pub timings: Timings,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub render: Duration,
    pub compile: Duration,
    pub export: Duration,
}

/// What was written for one document.
#[derive(Debug, Clone)]
pub struct Written {
    pub id: String,
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

/// The long-lived parts of a build: templates and the typst world.
pub struct Builder {
    pub root: PathBuf,
    pub renderer: Renderer,
    pub world: ShiryoWorld,
}

impl Builder {
    pub fn new(root: &Path) -> Result<Builder, Problems> {
        let world = ShiryoWorld::new(root).map_err(|p| Problems(vec![p.relative_to(root)]))?;
        let root = world.root().to_path_buf();
        let renderer = Renderer::load(&root.join("templates"))
            .map_err(|p| Problems(vec![p.relative_to(&root)]))?;
        Ok(Builder {
            root,
            renderer,
            world,
        })
    }

    /// Reads the content and checks it; errors stop the build.
    pub fn load(&self) -> Result<(Project, Problems), Problems> {
        let (project, problems) = self.load_checked();
        if problems.has_errors() {
            return Err(problems);
        }
        Ok((project, problems))
    }

    /// Reads the content and runs every check on it.
    fn load_checked(&self) -> (Project, Problems) {
        let (project, mut problems) = Project::load(&self.root);
        problems.extend(crate::validate::check(&project));
        problems.extend(crate::validate::check_printable(&project, |c| {
            self.world.can_print(c)
        }));
        (project, problems)
    }

    /// Renders, compiles and exports one document.
    pub fn typeset(
        &mut self,
        council: &CouncilData,
        file: &DocumentFile,
    ) -> Result<Typeset, Problems> {
        let rel = |p: Problem| p.relative_to(&self.root);
        let started = Instant::now();
        let (template, markup, date) = match &file.document {
            Document::AnnualReport(report) => {
                let template = format!("{}{TYPST_TEMPLATE_SUFFIX}", report.template);
                let view = crate::view::report_view(council, report);
                let markup = self
                    .renderer
                    .render(&template, &view)
                    .map_err(|p| Problems(vec![rel(p)]))?;
                (template, markup, report.date.0)
            }
        };
        let render = started.elapsed();
        let id = file.id(council);
        let vpath = format!("/content/{}/documents/{}.typ", council.slug, file.name);
        let job = Job {
            ident: &id,
            vpath: &vpath,
            markup: &markup,
            date,
            template: self.root.join("templates").join(&template),
        };
        let started = Instant::now();
        let (document, warnings) = typeset::compile(&mut self.world, &job)
            .map_err(|ps| Problems(ps.into_iter().map(rel).collect()))?;
        let compile = started.elapsed();
        let started = Instant::now();
        let pdf = typeset::export_pdf(&self.world, &job, &document)
            .map_err(|ps| Problems(ps.into_iter().map(rel).collect()))?;
        let export = started.elapsed();
        Ok(Typeset {
            id,
            markup,
            document,
            pdf,
            warnings: warnings.into_iter().map(rel).collect(),
            timings: Timings {
                render,
                compile,
                export,
            },
        })
    }

    /// The PDF path of a document.
    pub fn output_path(&self, id: &str) -> PathBuf {
        self.root.join(OUTPUT_DIR).join(format!("{id}.pdf"))
    }
}

/// The documents named on the command line (`council/name` or just `name` when unique), or all.
pub fn select<'a>(
    project: &'a Project,
    names: &[String],
) -> Result<Vec<(&'a CouncilData, &'a DocumentFile)>, Problems> {
    let all: Vec<_> = project.documents().collect();
    if names.is_empty() {
        return Ok(all);
    }
    let mut chosen = Vec::new();
    let mut problems = Problems::default();
    for name in names {
        let name = name.trim_end_matches(".yaml").trim_end_matches(".pdf");
        let matches: Vec<_> = all
            .iter()
            .filter(|(c, d)| d.id(c) == name || d.name == name)
            .collect();
        match matches.as_slice() {
            [one] => chosen.push(**one),
            [] => problems.push(
                Problem::error(
                    project.root.join("content"),
                    format!("資料 {name} が見つかりません。"),
                )
                .hint(format!(
                    "作成できる資料: {}",
                    all.iter()
                        .map(|(c, d)| d.id(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ),
            _ => problems.push(
                Problem::error(
                    project.root.join("content"),
                    format!("資料 {name} が複数あります。"),
                )
                .hint("協議会のフォルダ名を付けて 協議会/資料 の形で指定してください。"),
            ),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(chosen)
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename. On failure
/// the old file is untouched and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| {
        Problem::error(dir, format!("出力フォルダを作れません（{e}）。"))
            .hint("フォルダの書き込み権限を確かめてください。")
    })?;
    let fail = |e: std::io::Error| {
        Problem::error(path, format!("ファイルを書き込めません（{e}）。"))
            .hint("フォルダの書き込み権限と空き容量を確かめ、PDF を開いているアプリがあれば閉じてください。")
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".shiryo-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Builds the selected documents. Every document is typeset before anything is written, so a
/// failure anywhere leaves `output/` exactly as it was.
pub fn build(
    builder: &mut Builder,
    names: &[String],
    emit_typst: bool,
    mut on_done: impl FnMut(&Typeset, &Written),
) -> Result<Problems, Problems> {
    let (project, mut problems) = builder.load()?;
    let selected = select(&project, names)?;
    let mut done = Vec::new();
    let mut failed = Problems::default();
    for (council, file) in selected {
        match builder.typeset(council, file) {
            Ok(t) => done.push(t),
            Err(ps) => failed.extend(ps),
        }
    }
    if failed.has_errors() {
        problems.extend(failed);
        return Err(problems);
    }
    for t in &done {
        let path = builder.output_path(&t.id);
        write_atomic(&path, &t.pdf).map_err(|p| Problems(vec![p.relative_to(&builder.root)]))?;
        if emit_typst {
            write_atomic(&path.with_extension("typ"), t.markup.as_bytes())
                .map_err(|p| Problems(vec![p.relative_to(&builder.root)]))?;
        }
        problems.0.extend(t.warnings.iter().cloned());
        let written = Written {
            id: t.id.clone(),
            path: path
                .strip_prefix(&builder.root)
                .unwrap_or(&path)
                .to_path_buf(),
            pages: t.document.pages().len(),
            bytes: t.pdf.len(),
        };
        on_done(t, &written);
    }
    Ok(problems)
}

/// Everything `build` does except writing: load, check, render, compile and export every
/// document. Returns all problems found and how many documents were checked.
pub fn check(builder: &mut Builder) -> (Problems, usize) {
    let (project, mut problems) = builder.load_checked();
    if problems.has_errors() {
        return (problems, project.documents().count());
    }
    let mut count = 0;
    for (council, file) in project.documents() {
        count += 1;
        match builder.typeset(council, file) {
            Ok(t) => problems.0.extend(t.warnings),
            Err(ps) => problems.extend(ps),
        }
    }
    (problems, count)
}
