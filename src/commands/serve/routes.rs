//! The addresses serve answers: what a request path names (`route`) and what an open page
//! listens for (`Watching`).

use super::site::Change;

/// Where pages listen for changes.
pub(super) const EVENTS: &str = "/_shiryo/events";
/// The PDF viewer page of a document: `/_shiryo/pdf/<council>/<name>`.
pub(super) const VIEWER: &str = "/_shiryo/pdf/";

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    Index,
    /// The event stream of an open page (what it shows is in the query).
    Events(Watching),
    /// A document's web page (`/<council>/<name>.html`).
    Page(String),
    /// A document's PDF (`/<council>/<name>.pdf`).
    Pdf(String),
    /// A document's Word file (`/<council>/<name>.docx`), downloaded.
    Docx(String),
    /// The page that shows the PDF and replaces it when it is rebuilt.
    Viewer(String),
}

/// The route of a request target, or none (404) for anything else: a path that is not
/// `/`-rooted, names `.` or `..` or an empty segment (also when percent-encoded), holds a
/// backslash, a drive letter's colon or a NUL, or is not valid UTF-8.
pub fn route(target: &str) -> Option<Route> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return None;
    }
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    if path.contains(['\\', '\0', ':']) {
        return None;
    }
    match path.as_ref() {
        "/" => return Some(Route::Index),
        EVENTS => return Some(Route::Events(Watching::of_query(target))),
        _ => {}
    }
    let rest = &path[1..];
    if rest
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return None;
    }
    if let Some(id) = path.strip_prefix(VIEWER) {
        return Some(Route::Viewer(id.to_string()));
    }
    if rest.starts_with("_shiryo/") {
        return None;
    }
    if let Some(id) = rest.strip_suffix(".html") {
        return Some(Route::Page(id.to_string()));
    }
    if let Some(id) = rest.strip_suffix(".docx") {
        return Some(Route::Docx(id.to_string()));
    }
    rest.strip_suffix(".pdf")
        .map(|id| Route::Pdf(id.to_string()))
}

/// What an open page shows, and so what it is sent when something changes: the index hears
/// of every change (and fetches itself again); a document's page or PDF viewer is sent its
/// new HTML whole, so that it need not ask for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Watching {
    Index,
    Page(String),
    Viewer(String),
}

impl Watching {
    /// The query of its event stream (`?page=<id>`, `?pdf=<id>`, none for the index).
    pub fn query(&self) -> String {
        let encode = |id: &str| {
            percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC)
                .to_string()
        };
        match self {
            Watching::Index => String::new(),
            Watching::Page(id) => format!("?page={}", encode(id)),
            Watching::Viewer(id) => format!("?pdf={}", encode(id)),
        }
    }

    /// Read back from a request target; anything else is the index.
    pub(super) fn of_query(target: &str) -> Watching {
        let query = target.split_once('?').map_or("", |(_, q)| q);
        let query = query.split('#').next().unwrap_or_default();
        for pair in query.split('&') {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            let Ok(id) = percent_encoding::percent_decode_str(value).decode_utf8() else {
                continue;
            };
            match key {
                "page" => return Watching::Page(id.into_owned()),
                "pdf" => return Watching::Viewer(id.into_owned()),
                _ => {}
            }
        }
        Watching::Index
    }

    /// Whether `change` concerns what it shows.
    pub(super) fn cares(&self, change: &Change) -> bool {
        let (id, kinds): (&str, &[&str]) = match self {
            Watching::Index => return true,
            Watching::Page(id) => (id, &["page", "problems"]),
            Watching::Viewer(id) => (id, &["pdf", "problems"]),
        };
        (change.id == id || change.id == "*") && kinds.contains(&change.what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_documents_and_own_pages_have_routes() {
        let page = |id: &str| Some(Route::Page(id.to_string()));
        assert_eq!(route("/"), Some(Route::Index));
        assert_eq!(route("/?x=1"), Some(Route::Index));
        assert_eq!(route(EVENTS), Some(Route::Events(Watching::Index)));
        for watching in [
            Watching::Page("協議会/r6 a&b".into()),
            Watching::Viewer("a/r6".into()),
        ] {
            let target = format!("{EVENTS}{}", watching.query());
            assert_eq!(route(&target), Some(Route::Events(watching)));
        }
        assert_eq!(route("/niiza/r6-hyoka.html"), page("niiza/r6-hyoka"));
        assert_eq!(
            route("/niiza/r6-hyoka.html?v=3#top"),
            page("niiza/r6-hyoka")
        );
        assert_eq!(
            route("/niiza/r6-hyoka.pdf"),
            Some(Route::Pdf("niiza/r6-hyoka".into()))
        );
        assert_eq!(
            route("/niiza/r6-hyoka.docx"),
            Some(Route::Docx("niiza/r6-hyoka".into()))
        );
        assert_eq!(
            route("/_shiryo/pdf/niiza/r6-hyoka"),
            Some(Route::Viewer("niiza/r6-hyoka".into()))
        );
        // Japanese folder names, percent-encoded as browsers send them.
        assert_eq!(
            route("/%E5%8D%94%E8%AD%B0%E4%BC%9A/r6.html"),
            page("協議会/r6")
        );
        for bad in [
            "/../secret.pdf",
            "/a/../../etc/passwd.pdf",
            "/%2e%2e/%2e%2e/etc/passwd.html",
            "/%2E%2E%2Fx.pdf",
            "/a/%2e/b.html",
            "//etc/passwd.pdf",
            "/C:/Windows/win.ini.html",
            "/a%5C..%5Cb.pdf",
            "/a\\..\\b.pdf",
            "/a%00.pdf",
            "/%ff.pdf",
            "http://example.com/a.pdf",
            "/a/b.txt",
            "/council.yaml",
            "/_shiryo/other",
            "/_shiryo/pdf/../x",
            "",
        ] {
            assert_eq!(route(bad), None, "{bad}");
        }
    }
}
