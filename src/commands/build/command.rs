//! The commands over a builder: which documents a build makes (`select`), making them all
//! (`typeset_all`), writing them to `output/` all or none (`build`), and `check`.

use std::path::{Path, PathBuf};

use super::{Builder, OUTPUT_DIR, Typeset, Written};
use crate::diag::{Problem, Problems};
use crate::model::council::{CouncilData, DocumentFile, Project};

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
        problems.dedup(); // a name given twice
        Err(problems)
    } else {
        Ok(chosen)
    }
}

/// `output/` under `root`, refused when it is a link that leads out of the project (nothing is
/// written, or cleared, outside it).
pub fn output_dir(root: &Path) -> Result<PathBuf, Problems> {
    let output = root.join(OUTPUT_DIR);
    if output.exists()
        && let Err(p) = crate::load::files::resolve_inside(root, &output)
    {
        return Err(Problems::from(
            Problem::error(
                &output,
                "output フォルダがプロジェクトの外（リンク先）を指しているため、書き込みません。",
            )
            .hint(p.hint.unwrap_or_default())
            .relative_to(root),
        ));
    }
    Ok(output)
}

/// Why a build wrote nothing (or, when files could not be put back, what it left changed).
#[derive(Debug)]
pub struct BuildFailure {
    pub problems: Problems,
    /// Files in `output/` that were replaced and could not be put back (normally none).
    pub left_changed: Vec<PathBuf>,
    /// Documents that were typeset without error but not written, because of the others.
    pub not_written: Vec<String>,
    /// What putting `output/` right after a killed build did before this one failed.
    pub recovered: crate::output::Recovered,
}

impl From<Problems> for BuildFailure {
    fn from(problems: Problems) -> Self {
        BuildFailure {
            problems,
            left_changed: Vec::new(),
            not_written: Vec::new(),
            recovered: Default::default(),
        }
    }
}

/// Builds the selected documents. Every document is typeset and written to a temporary file
/// before any is moved into place, and they are moved all or none, so a failure anywhere
/// leaves `output/` exactly as it was. `output/` is locked only to write (`on_wait` hears when
/// another shiryo holds it), and a killed build's leftovers are put right only then: a build
/// that fails before writing changes nothing.
pub fn build(
    builder: &mut Builder,
    names: &[String],
    on_wait: &mut dyn FnMut(&str),
    mut on_done: impl FnMut(&Typeset, &Written),
) -> Result<Problems, BuildFailure> {
    let output_path = output_dir(&builder.root)?;
    let (project, mut problems) = builder.load()?;
    let selected = select(&project, names)?;
    let mut done = Vec::new();
    let mut failed = Problems::default();
    for result in typeset_all(builder, &selected) {
        match result {
            Ok(t) => done.push(t),
            Err(ps) => failed.extend(ps),
        }
    }
    let ids = || {
        done.iter()
            .map(|t: &Typeset| t.id.clone())
            .collect::<Vec<_>>()
    };
    if failed.has_errors() {
        problems.extend(failed);
        return Err(BuildFailure {
            problems,
            left_changed: Vec::new(),
            not_written: ids(),
            recovered: Default::default(),
        });
    }
    let root = builder.root.clone();
    let rel = |p: Problem| Problems::from(p.relative_to(&root));
    let output = crate::output::Output::open(&output_path, on_wait).map_err(|p| BuildFailure {
        problems: rel(p),
        left_changed: Vec::new(),
        not_written: ids(),
        recovered: Default::default(),
    })?;
    let not_written = |problems| BuildFailure {
        problems,
        left_changed: Vec::new(),
        not_written: ids(),
        recovered: output.recovered,
    };
    let mut staged = Vec::new();
    for t in &done {
        for (_, path, bytes) in t.files(&builder.output_path(&t.id)) {
            staged.push(
                output
                    .stage(&path, bytes)
                    .map_err(rel)
                    .map_err(not_written)?,
            );
        }
    }
    output.commit(staged).map_err(|e| BuildFailure {
        not_written: ids(),
        recovered: output.recovered,
        problems: rel(*e.problem),
        left_changed: e
            .left_changed
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).to_path_buf())
            .collect(),
    })?;
    for t in &done {
        let path = builder.output_path(&t.id);
        problems.0.extend(t.warnings.iter().cloned());
        let written = Written {
            id: t.id.clone(),
            path: path.strip_prefix(&root).unwrap_or(&path).to_path_buf(),
            pages: t.document.pages().len(),
            bytes: t.pdf.len(),
        };
        on_done(t, &written);
    }
    Ok(problems)
}

/// Typesets documents on every core: one world per worker thread (a world is mutated by each
/// compile), documents handed out in turn. Results come back in the order given. Not rayon:
/// typst runs rayon work of its own inside a compile, and a rayon worker waiting on it may take
/// another of our documents on the same thread, whose builder it already holds.
pub fn typeset_all(
    builder: &mut Builder,
    docs: &[(&CouncilData, &DocumentFile)],
) -> Vec<Result<Typeset, Problems>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(docs.len());
    if workers <= 1 {
        return docs.iter().map(|(c, d)| builder.typeset(c, d)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new((0..docs.len()).map(|_| None).collect::<Vec<_>>());
    let (root, formats, refuse_overflow) = (
        builder.root.clone(),
        builder.formats,
        builder.refuse_overflow,
    );
    // Every document from the queue until it is empty.
    let work = |b: &mut Builder| {
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((c, d)) = docs.get(i) else { break };
            let r = b.typeset(c, d);
            if let Ok(mut all) = results.lock() {
                all[i] = Some(r);
            }
        }
    };
    std::thread::scope(|scope| {
        // The other workers make their builders on their own threads, while this one works.
        for _ in 1..workers {
            let (root, work) = (&root, &work);
            scope.spawn(move || {
                // A builder that cannot be made: fewer workers, same results.
                if let Ok(mut b) = Builder::new(root) {
                    b.formats = formats;
                    b.refuse_overflow = refuse_overflow;
                    work(&mut b);
                }
            });
        }
        work(builder);
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Problems::default())))
        .collect()
}

/// Everything `build` does except writing: load, check, render, compile and export every
/// document. Returns all problems found and how many documents were checked.
pub fn check(builder: &mut Builder) -> (Problems, usize) {
    let (project, mut problems) = builder.load_checked();
    if problems.has_errors() {
        return (problems, project.documents().count());
    }
    let docs: Vec<_> = project.documents().collect();
    for result in typeset_all(builder, &docs) {
        match result {
            Ok(t) => problems.0.extend(t.warnings),
            Err(ps) => problems.extend(ps),
        }
    }
    (problems, docs.len())
}
