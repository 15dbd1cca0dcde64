//! `shiryo watch`: build once, then rebuild what a change affects, keeping one long-lived
//! typst world so incremental compilation reuses everything that did not change.
//!
//! A save that breaks something prints the same messages as `check` and keeps the last good
//! PDF; the next good save recovers. The watch never exits on bad input. What a round writes
//! obeys `build`'s rule: every rebuilt document's files, or none. `serve` runs the same loop
//! and keeps what it reports in memory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::commands::build::{self, Builder};
use crate::diag::Problems;
use crate::model::council::CouncilData;

mod look;
mod say;
pub use say::{run, say};

/// After the first event of a burst, wait this long for more (editors save in bursts: write a
/// temporary file, rename it, touch metadata).
const QUIET: Duration = Duration::from_millis(8);

/// After an event that says a save is complete (a file closed after writing, or renamed into
/// place), wait only this long for the rest of its burst.
const DONE: Duration = Duration::from_millis(1);

/// What the watch remembers of a document's last good build.
struct Built {
    /// The council's content the markup and page were rendered from: while it is the same
    /// (and the templates and the files typst read are too), the document is not rendered
    /// again.
    council: CouncilData,
    markup: String,
    /// A packet's materials as typst got them (`Rendered::materials`).
    materials: u128,
    /// The web page, when the watch writes them too.
    html: Option<String>,
    deps: Vec<PathBuf>,
    /// A hash of what each page draws, to tell where the next build first differs.
    pages: Vec<u128>,
}

/// One line per event the watch reports (also what tests read).
pub enum Report<'a> {
    /// A document's web page rendered anew (`html` only), before its PDF is typeset: a
    /// preview, not yet written (the round may still fail).
    Page {
        id: &'a str,
        html: &'a str,
    },
    /// A document's PDF typeset anew (and its page, which tells the PDF's size), before the
    /// round's other documents are rendered and anything is written: a preview too.
    Typeset {
        id: &'a str,
        pdf: &'a [u8],
        html: Option<&'a str>,
        /// The first page (from 1) laid out differently from the last good build's, when
        /// there was one: where a viewer of the PDF opens.
        changed_page: Option<usize>,
    },
    /// A document rebuilt and written to `output/`.
    Built {
        id: &'a str,
        changed: &'a str,
        elapsed: Duration,
        pages: usize,
        path: &'a Path,
        pdf: &'a [u8],
        html: Option<&'a str>,
        /// The Word file written beside the PDF, when the watch writes them too.
        docx: Option<&'a [u8]>,
    },
    Unchanged {
        changed: &'a str,
    },
    Failed(&'a Problems),
    /// Another shiryo is writing in `output/`: this one waits (a Japanese line).
    Waiting(&'a str),
    /// The end of a round (the first build, or one burst of saves).
    Done,
}

/// Watches `root` until the process is stopped (or after `max_rounds` rebuild rounds, for
/// tests and benchmarks). `report` is called for every outcome.
pub fn rounds(
    root: &Path,
    names: &[String],
    max_rounds: Option<usize>,
    formats: build::Formats,
    mut report: impl FnMut(Report),
) -> notify::Result<()> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |res| {
        let _ = tx.send(res);
    })?;
    // The folders are watched by the same absolute path the world and the loader use (on
    // Windows, canonical paths start with `\\?\`), so every path an event names can be
    // compared with the files a document was made from.
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for dir in ["content", "templates", "fonts"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let mut builder: Option<Builder> = None;
    let mut built: HashMap<String, Built> = HashMap::new();
    let mut label = String::from("起動");
    let mut paths: Vec<PathBuf> = Vec::new();
    // Every path saved since the last good round: a save whose round failed (the content
    // broken elsewhere, a template that does not parse) still counts when the next one is
    // good.
    let mut pending: Vec<PathBuf> = Vec::new();
    let mut rounds = 0;
    let mut started = Instant::now();
    loop {
        if builder.is_none() || paths.iter().any(|p| p.starts_with(root.join("fonts"))) {
            // Fonts are part of the world: a new one, and every document built again.
            builder = match Builder::new(&root) {
                Ok(mut b) => {
                    b.formats = formats;
                    Some(b)
                }
                Err(problems) => {
                    report(Report::Failed(&problems));
                    None
                }
            };
            built.clear();
        }
        for p in paths.drain(..) {
            if !pending.contains(&p) {
                pending.push(p);
            }
        }
        let templates_changed = pending
            .iter()
            .any(|p| p.starts_with(root.join("templates")) || is_council_template(&root, p));
        if let Some(b) = builder.as_mut() {
            // Templates saved since the last good round are loaded again until they are
            // (a template that does not load fails every round, as `build` would).
            let loaded = if templates_changed {
                crate::render::Templates::load(&root)
                    .map(|t| b.templates = t)
                    .map_err(|p| Problems(vec![p.relative_to(&root)]))
            } else {
                Ok(())
            };
            let good = match loaded {
                Ok(()) => {
                    let round = Round {
                        changed: &label,
                        paths: &pending,
                        templates_changed,
                        started,
                    };
                    rebuild(b, names, &round, &mut built, &mut report)
                }
                Err(problems) => {
                    report(Report::Failed(&problems));
                    false
                }
            };
            if good {
                pending.clear();
            }
        }
        report(Report::Done);
        comemo::evict(10);
        rounds += 1;
        if max_rounds.is_some_and(|m| rounds >= m) {
            return Ok(());
        }
        (paths, started) = next_burst(&rx);
        if paths.is_empty() {
            return Ok(()); // the watcher is gone
        }
        label = paths
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
    }
}

/// What the saves since the last good round touched.
struct Round<'a> {
    /// The files of this round's saves, for the messages.
    changed: &'a str,
    paths: &'a [PathBuf],
    /// Whether a template was saved: then every document is rendered again.
    templates_changed: bool,
    /// When the first save arrived: rebuild times count from there.
    started: Instant,
}

/// Rebuilds every selected document whose markup or files changed, and writes them all or,
/// when any failed, none (then false: the round's saves count again in the next). A
/// document whose council's content, templates and files are as they were at its last good
/// build is not rendered at all.
fn rebuild(
    b: &mut Builder,
    names: &[String],
    round: &Round,
    built: &mut HashMap<String, Built>,
    report: &mut impl FnMut(Report),
) -> bool {
    let Round {
        changed,
        paths,
        started,
        ..
    } = *round;
    let (project, _warnings) = match b.load() {
        Ok(v) => v,
        Err(problems) => {
            report(Report::Failed(&problems));
            return false;
        }
    };
    let selected = match build::select(&project, names) {
        Ok(s) => s,
        Err(problems) => {
            report(Report::Failed(&problems));
            return false;
        }
    };
    // The documents of the council whose files were saved first: their page is previewed
    // (and their PDF typeset) before the others are rendered to see whether they changed
    // (a packet's render typesets its materials).
    let mut selected = selected;
    selected.sort_by_key(|(council, file)| {
        let prev = built.get(&file.id(council));
        let touched = paths
            .iter()
            .any(|p| p.starts_with(&council.dir) || prev.is_some_and(|b| b.deps.contains(p)));
        !touched
    });
    let mut done = Vec::new();
    let mut failed = Problems::default();
    for (council, file) in selected {
        let id = file.id(council);
        let prev = built.get(&id);
        let deps_changed = prev.is_some_and(|p| p.deps.iter().any(|d| paths.contains(d)));
        if !round.templates_changed && !deps_changed && prev.is_some_and(|p| p.council == *council)
        {
            continue;
        }
        // The page is shown as soon as it is rendered, when it changed.
        let mut on_page = |html: &str| {
            if prev.is_none_or(|p| p.html.as_deref() != Some(html)) {
                report(Report::Page { id: &id, html });
            }
        };
        let rendered = match b.render_document(council, file, &[], &mut on_page) {
            Ok(r) => r,
            Err(problems) => {
                failed.extend(problems);
                continue;
            }
        };
        if let Some(prev) = built.get_mut(&id)
            && rendered.markup == prev.markup
            && rendered.materials == prev.materials
            && rendered.html == prev.html
            && !deps_changed
            // A Word template is seen only in the Word file, made after typesetting.
            && !(round.templates_changed && b.formats_for(&council.council).has(build::Format::Docx))
        {
            // Rendered the same from this content: remembered as its source.
            prev.council = council.clone();
            continue;
        }
        let materials = rendered.materials;
        match b.typeset_rendered(council, file, rendered) {
            Ok(t) => {
                let pages: Vec<u128> = (t.document.pages().iter())
                    .map(|p| look::page_look(&p.frame))
                    .collect();
                report(Report::Typeset {
                    id: &t.id,
                    pdf: &t.pdf,
                    html: t.html.as_deref(),
                    changed_page: built
                        .get(&id)
                        .and_then(|b| first_difference(&b.pages, &pages)),
                });
                done.push((t, council.clone(), pages, materials))
            }
            Err(problems) => failed.extend(problems),
        }
    }
    if !failed.is_empty() {
        report(Report::Failed(&failed));
        return false;
    }
    if done.is_empty() {
        report(Report::Unchanged { changed });
        return true;
    }
    let output = match build::output_dir(&b.root) {
        Ok(o) => o,
        Err(problems) => {
            report(Report::Failed(&problems));
            return false;
        }
    };
    let paths: Vec<PathBuf> = done.iter().map(|(t, ..)| b.output_path(&t.id)).collect();
    let each: Vec<_> = (done.iter().zip(&paths))
        .flat_map(|((t, ..), path)| t.files(path))
        .collect();
    let files: Vec<_> = each
        .iter()
        .map(|(_, p, bytes)| (p.as_path(), *bytes))
        .collect();
    // Locked for the write only: a `build` beside the watch takes its turn.
    let written = crate::output::Output::open(&output, &mut |l| report(Report::Waiting(l)))
        .and_then(|o| o.write_all(&files));
    if let Err(p) = written {
        report(Report::Failed(&Problems(vec![p.relative_to(&b.root)])));
        return false;
    }
    for ((typeset, council, pages, materials), path) in done.into_iter().zip(paths) {
        let rel = path.strip_prefix(&b.root).unwrap_or(&path).to_path_buf();
        report(Report::Built {
            id: &typeset.id,
            changed,
            elapsed: started.elapsed(),
            pages: typeset.document.pages().len(),
            path: &rel,
            pdf: &typeset.pdf,
            html: typeset.html.as_deref(),
            docx: typeset.docx.as_deref(),
        });
        built.insert(
            typeset.id,
            Built {
                council,
                markup: typeset.markup,
                materials,
                html: typeset.html_key,
                deps: typeset.deps,
                pages,
            },
        );
    }
    true
}

/// The first page (from 1) of the new build that differs from the old one's (by their page
/// hashes), or its last page when only pages at the end were removed; none when the two are
/// the same.
fn first_difference(old: &[u128], new: &[u128]) -> Option<usize> {
    let same = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    (same < old.len().max(new.len())).then_some((same + 1).min(new.len().max(1)))
}

/// Waits for the next change and returns every path touched in its burst (empty when the
/// watcher has gone away) and when its first event arrived: rebuild times count from there.
fn next_burst(rx: &Receiver<notify::Result<notify::Event>>) -> (Vec<PathBuf>, Instant) {
    let mut paths = Vec::new();
    loop {
        let mut complete = match rx.recv() {
            Ok(res) => add_paths(&mut paths, res),
            Err(_) => return (Vec::new(), Instant::now()),
        };
        let first = Instant::now();
        loop {
            // After a save that says it is complete, only what follows at once belongs to it.
            let wait = if complete { DONE } else { QUIET };
            match rx.recv_timeout(wait) {
                Ok(res) => complete = add_paths(&mut paths, res),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return (paths, first),
            }
        }
        // Editors' temporary files (sed's, vim's 4913 …) are gone by now; what is left, or
        // was deleted, is what changed.
        paths.retain(|p| p.exists() || is_content_file(p));
        if !paths.is_empty() {
            return (paths, first);
        }
    }
}

/// A council's own template (`content/<council>/templates/…`), or its folder.
fn is_council_template(root: &Path, p: &Path) -> bool {
    p.strip_prefix(root.join("content")).is_ok_and(|rel| {
        rel.components()
            .any(|c| c.as_os_str() == crate::render::COUNCIL_TEMPLATES)
    })
}

/// Files shiryo reads: a deleted one still matters.
fn is_content_file(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "yaml"
                | "yml"
                | "j2"
                | "ttf"
                | "otf"
                | "svg"
                | "png"
                | "jpg"
                | "jpeg"
                | "gif"
                | "webp"
                | "pdf"
        )
    })
}

/// The paths an event touched, leaving out reads and our own temporary files.
/// Adds the paths of `res` to `paths`; returns whether the event says a save is complete: a
/// file closed after writing (Linux's inotify says so; Windows and macOS do not) or renamed
/// into place.
fn add_paths(paths: &mut Vec<PathBuf>, res: notify::Result<notify::Event>) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    let Ok(event) = res else {
        return false;
    };
    let complete = matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    );
    if matches!(event.kind, EventKind::Access(_)) {
        return complete;
    }
    for p in event.paths {
        let ours = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(".shiryo-"));
        if !ours && !paths.contains(&p) {
            paths.push(p);
        }
    }
    complete
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, DataChange, ModifyKind, RenameMode};
    use notify::{Event, EventKind};

    #[test]
    fn the_viewer_opens_at_the_first_page_that_changed() {
        assert_eq!(first_difference(&[1, 2, 3], &[1, 2, 3]), None);
        assert_eq!(first_difference(&[1, 2, 3], &[1, 9, 3]), Some(2));
        assert_eq!(first_difference(&[1, 2, 3], &[9, 2, 3]), Some(1));
        // A page added at the end; pages removed from the end: the last page there is.
        assert_eq!(first_difference(&[1, 2], &[1, 2, 3]), Some(3));
        assert_eq!(first_difference(&[1, 2, 3], &[1, 2]), Some(2));
        assert_eq!(first_difference(&[], &[1]), Some(1));
    }

    fn event(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn a_save_that_says_it_is_complete_ends_the_wait() {
        let mut paths = Vec::new();
        // A write on its way (Windows and macOS report only these): wait for more.
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(!add_paths(&mut paths, event(data, "a/meetings.yaml")));
        assert!(!add_paths(
            &mut paths,
            event(EventKind::Any, "a/meetings.yaml")
        ));
        // inotify's close after writing, and a rename into place (editors' safe save).
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(add_paths(&mut paths, event(closed, "a/meetings.yaml")));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(add_paths(&mut paths, event(renamed, "a/goals.yaml")));
        // A read is not a change; our own temporary files are not either.
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!add_paths(&mut paths, event(read, "a/members.yaml")));
        assert!(!add_paths(&mut paths, event(data, "a/.shiryo-tmp")));
        assert_eq!(
            paths,
            [
                PathBuf::from("a/meetings.yaml"),
                PathBuf::from("a/goals.yaml")
            ]
        );
    }
}
