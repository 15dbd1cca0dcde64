//! What `serve` shows, kept in memory: each document's last good web page and PDF (never read
//! back from `output/`, so a preview open in a browser never holds a file there), the page and
//! PDF made in the round under way ahead of its write, and the problems of the last round that
//! failed.
//!
//! `apply` turns each report of the watch loop into the changes open pages are told about.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::commands::watch::Report;
use crate::diag::Problems;

/// One document as served.
#[derive(Default)]
struct Doc {
    /// The last page written with its PDF.
    html: Option<String>,
    /// A page made in the round under way, ahead of its write (dropped if the round fails).
    preview: Option<String>,
    /// The last PDF written.
    pdf: Option<Arc<Vec<u8>>>,
    /// A PDF typeset in the round under way, ahead of its write (dropped if the round fails).
    pdf_preview: Option<Arc<Vec<u8>>>,
    /// The last Word file written (none while the document has none).
    docx: Option<Arc<Vec<u8>>>,
    /// Counts the PDFs shown: the viewer asks for `…pdf?v=N`, so a browser never shows a
    /// cached one.
    version: u64,
    /// The page (from 1) the viewer opens at: the first one the last save changed.
    pdf_page: Option<usize>,
}

impl Doc {
    fn shown(&self) -> Option<&str> {
        self.preview.as_deref().or(self.html.as_deref())
    }

    fn shown_pdf(&self) -> Option<&Arc<Vec<u8>>> {
        self.pdf_preview.as_ref().or(self.pdf.as_ref())
    }

    /// Shows `pdf` from now on (as a preview, or as written): the changes open pages hear of.
    fn show(&mut self, id: &str, html: Option<&str>, pdf: &[u8], preview: bool) -> Vec<Change> {
        let mut changes = Vec::new();
        let pdf_changed = self.shown_pdf().is_none_or(|p| p.as_slice() != pdf);
        let page_changed = self.shown() != html;
        let pdf = match self.shown_pdf() {
            Some(p) if !pdf_changed => Arc::clone(p),
            _ => Arc::new(pdf.to_vec()),
        };
        if preview {
            self.preview = html.map(str::to_string);
            self.pdf_preview = Some(pdf);
        } else {
            self.html = html.map(str::to_string);
            self.pdf = Some(pdf);
            self.preview = None;
            self.pdf_preview = None;
        }
        if pdf_changed {
            self.version += 1;
            changes.push(Change::new(id, "pdf"));
        }
        if page_changed {
            changes.push(Change::new(id, "page"));
        }
        changes
    }
}

#[derive(Default)]
struct State {
    docs: BTreeMap<String, Doc>,
    /// The problems of the last round, while it is the last one that failed.
    failure: Option<Problems>,
    /// Whether anything failed in the round under way.
    failing: bool,
    /// Counts finished rounds (the index is recomputed when it moves).
    rounds: u64,
}

/// What an open page is told: `id` is a document (or `*` for all), `what` is `page`, `pdf`
/// or `problems`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    pub id: String,
    pub what: &'static str,
}

impl Change {
    fn new(id: &str, what: &'static str) -> Change {
        Change {
            id: id.to_string(),
            what,
        }
    }
}

/// The served site, shared by the watch thread (which writes it) and the server.
#[derive(Default)]
pub(super) struct Site {
    state: Mutex<State>,
}

/// A page to serve: the document's page (none when it never built) and the problems shown
/// over it.
pub(super) struct Page {
    pub html: Option<String>,
    pub failure: Option<Problems>,
    pub version: u64,
    /// Where the viewer opens the PDF (from 1; none: at its start).
    pub pdf_page: Option<usize>,
}

impl Site {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes in one report of the watch; returns what open pages must be told.
    pub(super) fn apply(&self, report: &Report) -> Vec<Change> {
        let mut s = self.lock();
        match report {
            Report::Page { id, html } => {
                let doc = s.docs.entry(id.to_string()).or_default();
                doc.preview = Some(html.to_string());
                vec![Change::new(id, "page")]
            }
            Report::Typeset {
                id,
                pdf,
                html,
                changed_page,
            } => {
                let doc = s.docs.entry(id.to_string()).or_default();
                let changes = doc.show(id, *html, pdf, true);
                if changed_page.is_some() && changes.iter().any(|c| c.what == "pdf") {
                    doc.pdf_page = *changed_page;
                }
                changes
            }
            Report::Built {
                id,
                pdf,
                html,
                docx,
                ..
            } => {
                let doc = s.docs.entry(id.to_string()).or_default();
                doc.docx = docx.map(|d| Arc::new(d.to_vec()));
                doc.show(id, *html, pdf, false)
            }
            Report::Unchanged { .. } | Report::Waiting(_) => Vec::new(),
            Report::Failed(problems) => {
                s.failing = true;
                s.failure = Some((*problems).clone());
                let mut changes = vec![Change::new("*", "problems")];
                for (id, doc) in &mut s.docs {
                    if doc.preview.take().is_some() {
                        changes.push(Change::new(id, "page"));
                    }
                    if doc.pdf_preview.take().is_some() {
                        doc.version += 1;
                        changes.push(Change::new(id, "pdf"));
                    }
                }
                changes
            }
            Report::Done => {
                s.rounds += 1;
                let recovered = !s.failing && s.failure.take().is_some();
                s.failing = false;
                if recovered {
                    vec![Change::new("*", "problems")]
                } else {
                    Vec::new()
                }
            }
        }
    }

    /// The page of `id` (none when the document is unknown and nothing failed).
    pub(super) fn page(&self, id: &str) -> Option<Page> {
        let s = self.lock();
        let doc = s.docs.get(id);
        if doc.is_none() && s.failure.is_none() {
            return None;
        }
        Some(Page {
            html: doc.and_then(|d| d.shown().map(str::to_string)),
            failure: s.failure.clone(),
            version: doc.map_or(0, |d| d.version),
            pdf_page: doc.and_then(|d| d.pdf_page),
        })
    }

    /// The PDF of `id` as shown: the one of the round under way, or the last good one.
    pub(super) fn pdf(&self, id: &str) -> Option<Arc<Vec<u8>>> {
        self.lock()
            .docs
            .get(id)
            .and_then(|d| d.shown_pdf().cloned())
    }

    /// The Word file of `id` last written (none when the round did not make one).
    pub(super) fn docx(&self, id: &str) -> Option<Arc<Vec<u8>>> {
        self.lock().docs.get(id).and_then(|d| d.docx.clone())
    }

    /// The problems shown over every page, while the last round failed.
    pub(super) fn failure(&self) -> Option<Problems> {
        self.lock().failure.clone()
    }

    /// How many rounds have finished.
    pub(super) fn rounds(&self) -> u64 {
        self.lock().rounds
    }

    /// The documents that have a PDF.
    pub(super) fn built(&self) -> Vec<String> {
        let s = self.lock();
        (s.docs.iter())
            .filter(|(_, d)| d.shown_pdf().is_some())
            .map(|(id, _)| id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Problem;
    use std::path::Path;
    use std::time::Duration;

    fn built<'a>(id: &'a str, html: &'a str, pdf: &'a [u8]) -> Report<'a> {
        Report::Built {
            id,
            changed: "x",
            elapsed: Duration::ZERO,
            pages: 1,
            path: Path::new("output/a/b.pdf"),
            pdf,
            html: Some(html),
            docx: None,
        }
    }

    #[test]
    fn a_failed_round_keeps_the_last_good_page_until_the_next_good_one() {
        let site = Site::default();
        site.apply(&Report::Page {
            id: "a/b",
            html: "v1",
        });
        site.apply(&built("a/b", "v1", b"%PDF-1"));
        assert_eq!(site.apply(&Report::Done), vec![]);
        assert_eq!(site.page("a/b").unwrap().html.as_deref(), Some("v1"));

        // A page rendered, then the round fails (a Typst error): the preview is dropped.
        site.apply(&Report::Page {
            id: "a/b",
            html: "v2",
        });
        assert_eq!(site.page("a/b").unwrap().html.as_deref(), Some("v2"));
        let problems = Problems(vec![
            Problem::error("content/a/x.yaml", "誤り").at(Some(3), None),
        ]);
        let changes = site.apply(&Report::Failed(&problems));
        assert!(changes.contains(&Change::new("*", "problems")));
        assert!(changes.contains(&Change::new("a/b", "page")));
        site.apply(&Report::Done);
        let page = site.page("a/b").unwrap();
        assert_eq!(page.html.as_deref(), Some("v1"));
        let failure = page.failure.unwrap().to_string();
        assert!(
            failure.contains("エラー: content/a/x.yaml:3: 誤り"),
            "{failure}"
        );
        assert_eq!(site.pdf("a/b").unwrap().as_slice(), b"%PDF-1");

        // A failure in the round and a good outcome after it (old templates kept): still failed.
        site.apply(&Report::Failed(&problems));
        site.apply(&Report::Unchanged { changed: "x" });
        site.apply(&Report::Done);
        assert!(site.failure().is_some());

        // The next good round clears it (even when nothing needed rebuilding).
        site.apply(&Report::Unchanged { changed: "x" });
        assert_eq!(
            site.apply(&Report::Done),
            vec![Change::new("*", "problems")]
        );
        assert!(site.failure().is_none());
        assert_eq!(site.page("a/b").unwrap().version, 1);
        assert!(site.page("a/c").is_none());
    }

    #[test]
    fn a_pdf_typeset_in_the_round_is_shown_before_it_is_written_and_dropped_if_it_fails() {
        let site = Site::default();
        site.apply(&built("a/b", "v1", b"%PDF-1"));
        site.apply(&Report::Done);
        let changes = site.apply(&Report::Typeset {
            id: "a/b",
            pdf: b"%PDF-2",
            html: Some("v2"),
            changed_page: Some(3),
        });
        assert_eq!(
            changes,
            vec![Change::new("a/b", "pdf"), Change::new("a/b", "page")]
        );
        assert_eq!(site.pdf("a/b").unwrap().as_slice(), b"%PDF-2");
        // The viewer opens where the save changed the PDF.
        assert_eq!(site.page("a/b").unwrap().pdf_page, Some(3));
        // Written as typeset: nothing new to tell.
        assert_eq!(site.apply(&built("a/b", "v2", b"%PDF-2")), vec![]);
        site.apply(&Report::Done);
        // Typeset, then the round fails: back to the written one, under a new version.
        let version = site.page("a/b").unwrap().version;
        site.apply(&Report::Typeset {
            id: "a/b",
            pdf: b"%PDF-3",
            html: Some("v3"),
            changed_page: Some(5),
        });
        let problems = Problems(vec![Problem::error("content/a/x.yaml", "誤り")]);
        let changes = site.apply(&Report::Failed(&problems));
        assert!(changes.contains(&Change::new("a/b", "pdf")));
        assert_eq!(site.pdf("a/b").unwrap().as_slice(), b"%PDF-2");
        assert_eq!(site.page("a/b").unwrap().html.as_deref(), Some("v2"));
        assert!(site.page("a/b").unwrap().version > version + 1);
    }
}
