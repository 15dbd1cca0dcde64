//! What `serve` shows, kept in memory: each document's last good web page and PDF (never read
//! back from `output/`, so a preview open in a browser never holds a file there), a page
//! rendered ahead of its PDF, and the problems of the last round that failed.
//!
//! `apply` turns each report of the watch loop into the changes open pages are told about.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::diag::Problems;
use crate::watch::Report;

/// One document as served.
#[derive(Default)]
struct Doc {
    /// The last page written with its PDF.
    html: Option<String>,
    /// A page rendered in the round under way, ahead of its PDF (dropped if the round fails).
    preview: Option<String>,
    pdf: Option<Arc<Vec<u8>>>,
    /// Counts the PDFs built: the viewer asks for `…pdf?v=N`, so a browser never shows a
    /// cached one.
    version: u64,
}

impl Doc {
    fn shown(&self) -> Option<&str> {
        self.preview.as_deref().or(self.html.as_deref())
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
pub struct Change {
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

    /// The event's data line (JSON).
    pub fn json(&self) -> String {
        serde_json::json!({ "id": self.id, "what": self.what }).to_string()
    }
}

/// The served site, shared by the watch thread (which writes it) and the server.
#[derive(Default)]
pub struct Site {
    state: Mutex<State>,
}

/// A page to serve: the document's page (none when it never built) and the problems shown
/// over it.
pub struct Page {
    pub html: Option<String>,
    pub failure: Option<Problems>,
    pub version: u64,
}

impl Site {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes in one report of the watch; returns what open pages must be told.
    pub fn apply(&self, report: &Report) -> Vec<Change> {
        let mut s = self.lock();
        match report {
            Report::Page { id, html } => {
                let doc = s.docs.entry(id.to_string()).or_default();
                doc.preview = Some(html.to_string());
                vec![Change::new(id, "page")]
            }
            Report::Built { id, pdf, html, .. } => {
                let doc = s.docs.entry(id.to_string()).or_default();
                let page_changed = doc.shown() != *html;
                doc.html = html.map(str::to_string);
                doc.preview = None;
                doc.pdf = Some(Arc::new(pdf.to_vec()));
                doc.version += 1;
                let mut changes = vec![Change::new(id, "pdf")];
                if page_changed {
                    changes.push(Change::new(id, "page"));
                }
                changes
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
    pub fn page(&self, id: &str) -> Option<Page> {
        let s = self.lock();
        let doc = s.docs.get(id);
        if doc.is_none() && s.failure.is_none() {
            return None;
        }
        Some(Page {
            html: doc.and_then(|d| d.shown().map(str::to_string)),
            failure: s.failure.clone(),
            version: doc.map_or(0, |d| d.version),
        })
    }

    /// The last good PDF of `id`.
    pub fn pdf(&self, id: &str) -> Option<Arc<Vec<u8>>> {
        self.lock().docs.get(id).and_then(|d| d.pdf.clone())
    }

    /// The problems shown over every page, while the last round failed.
    pub fn failure(&self) -> Option<Problems> {
        self.lock().failure.clone()
    }

    /// How many rounds have finished.
    pub fn rounds(&self) -> u64 {
        self.lock().rounds
    }

    /// The documents that have a PDF.
    pub fn built(&self) -> Vec<String> {
        let s = self.lock();
        (s.docs.iter())
            .filter(|(_, d)| d.pdf.is_some())
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
}
