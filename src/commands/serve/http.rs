//! The requests `serve` answers: which paths name what (and nothing else), the Host check
//! against DNS rebinding, and the event stream that tells open pages to update.
//!
//! Requests come from the door (`gate`), which has bounded their heads; a fixed pool of
//! [`WORKERS`] answers them, so that a browser slow to read a large PDF holds one worker (until
//! the door's write timeout frees it), not the others.
//!
//! Nothing is read from disk here: every answer comes from the [`Site`] in memory or is one of
//! serve's own pages, so a path cannot reach a file, whatever it spells (`..`, `%2e%2e`, an
//! absolute path, a link under `output/`).

use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

use super::pages;
use super::site::{Change, Site};

/// Requests answered at once.
const WORKERS: usize = 8;
/// At most this many pages listen at once (each holds a connection and a thread). A page
/// closed or reloaded gives its place back within a few seconds (see [`KEEP_ALIVE`]).
const MAX_LISTENERS: usize = 64;
/// A comment line this often keeps a quiet stream alive and finds closed ones: a write to a
/// connection the browser has closed fails at the latest on the second try, and the stream's
/// place among the listeners is given back then.
const KEEP_ALIVE: Duration = Duration::from_secs(1);
/// Where pages listen for changes.
pub const EVENTS: &str = "/_shiryo/events";
/// The PDF viewer page of a document: `/_shiryo/pdf/<council>/<name>`.
pub const VIEWER: &str = "/_shiryo/pdf/";

/// The media type of a Word file.
const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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
    fn of_query(target: &str) -> Watching {
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
    fn cares(&self, change: &Change) -> bool {
        let (id, kinds): (&str, &[&str]) = match self {
            Watching::Index => return true,
            Watching::Page(id) => (id, &["page", "problems"]),
            Watching::Viewer(id) => (id, &["pdf", "problems"]),
        };
        (change.id == id || change.id == "*") && kinds.contains(&change.what)
    }
}

/// Whether a request's Host header names this machine by the names serve answers to:
/// `localhost` or `127.0.0.1`, with no port or with serve's own. Anything else (a DNS name
/// that was made to point at 127.0.0.1 by a web page, another port, none) is refused.
pub fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) => (name, Some(p)),
        None => (host, None),
    };
    let name_ok = name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1";
    name_ok && given_port.is_none_or(|p| p.parse::<u16>().ok() == Some(port))
}

/// The pages listening for changes.
#[derive(Default)]
pub struct Hub {
    listeners: Mutex<Vec<Listener>>,
}

/// A page listening for changes, while its stream's thread runs (`open` is gone when it has
/// ended: the page went away).
struct Listener {
    watching: Watching,
    tx: Sender<String>,
    open: Weak<()>,
}

impl Listener {
    fn is_open(&self) -> bool {
        self.open.strong_count() > 0
    }
}

impl Hub {
    /// Tells every listening page that `changes` concern what they now are: a document's
    /// page or viewer gets its HTML as served now, in one message however many changes it
    /// hears of; the index a word to fetch itself. Pages that went away are forgotten.
    pub fn send(&self, changes: &[Change], site: &Site) {
        if changes.is_empty() {
            return;
        }
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        // One rendering per page, however many tabs show it.
        let mut made: Vec<(Watching, String)> = Vec::new();
        listeners.retain(|Listener { watching, tx, open }| {
            if open.strong_count() == 0 {
                return false;
            }
            if !changes.iter().any(|c| watching.cares(c)) {
                return true;
            }
            let message = match made.iter().find(|(w, _)| w == watching) {
                Some((_, m)) => m.clone(),
                None => {
                    let m = message(watching, site);
                    made.push((watching.clone(), m.clone()));
                    m
                }
            };
            tx.send(message).is_ok()
        });
    }

    /// Turns the request into an event stream (`text/event-stream`) in a thread of its own.
    fn listen(&self, request: Request, watching: Watching) {
        let (rx, open) = {
            let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
            listeners.retain(Listener::is_open);
            if listeners.len() >= MAX_LISTENERS {
                drop(listeners);
                let text = "開いているページが多すぎます。使っていないタブを閉じてください。";
                return respond(request, text_response(503, text));
            }
            let (tx, rx) = channel();
            let open = Arc::new(());
            listeners.push(Listener {
                watching,
                tx,
                open: Arc::downgrade(&open),
            });
            (rx, open)
        };
        let writer = request.into_writer();
        // A thread that cannot be started drops `open` with it: the place is given back.
        let _ = std::thread::Builder::new()
            .name("shiryo serve events".into())
            .spawn(move || {
                let _open = open;
                stream(writer, rx);
            });
    }
}

/// The event's data line (JSON): `{"html": …}`, the page as it is served now, or
/// `{"fetch": true}` (the index, or a document not known).
fn message(watching: &Watching, site: &Site) -> String {
    let html = match watching {
        Watching::Index => None,
        Watching::Page(id) => site.page(id).map(|p| pages::served(id, &p)),
        Watching::Viewer(id) => site.page(id).map(|p| pages::viewer(id, &p)),
    };
    match html {
        Some(html) => serde_json::json!({ "html": html }).to_string(),
        None => serde_json::json!({ "fetch": true }).to_string(),
    }
}

/// Writes the event stream until the page goes away (or serve stops).
fn stream(mut w: Box<dyn Write + Send>, rx: Receiver<String>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if w.write_all(head.as_bytes())
        .and_then(|()| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let event = match rx.recv_timeout(KEEP_ALIVE) {
            Ok(data) => format!("data: {data}\n\n"),
            Err(RecvTimeoutError::Timeout) => ":\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(event.as_bytes())
            .and_then(|()| w.flush())
            .is_err()
        {
            return;
        }
    }
}

/// Starts the [`WORKERS`] that answer requests until the server is closed.
pub fn serve(server: Server, port: u16, site: Arc<Site>, hub: Arc<Hub>, index: pages::Index) {
    let server = Arc::new(server);
    let index = Arc::new(Mutex::new(index));
    for _ in 0..WORKERS {
        let (server, site, hub, index) = (server.clone(), site.clone(), hub.clone(), index.clone());
        let _ = std::thread::Builder::new()
            .name("shiryo serve worker".into())
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, port, &site, &hub, &index);
                }
            });
    }
}

fn handle(request: Request, port: u16, site: &Site, hub: &Hub, index: &Mutex<pages::Index>) {
    let host = (request.headers().iter())
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str());
    if !host_allowed(host, port) {
        let text = format!(
            "このページは http://127.0.0.1:{port}/ または http://localhost:{port}/ で開いてください（ほかの名前からの接続には応えません）。"
        );
        return respond(request, text_response(403, &text));
    }
    if !matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        return respond(
            request,
            text_response(405, "読むこと（GET）しかできません。"),
        );
    }
    let not_found = || text_response(404, "そのページはありません。");
    match route(request.url()) {
        Some(Route::Index) => {
            let html = (index.lock().unwrap_or_else(|e| e.into_inner())).render(site);
            respond(request, html_response(html))
        }
        Some(Route::Events(watching)) => hub.listen(request, watching),
        Some(Route::Page(id)) => match site.page(&id) {
            Some(page) => respond(request, html_response(pages::served(&id, &page))),
            None => respond(request, not_found()),
        },
        Some(Route::Viewer(id)) => match site.page(&id) {
            Some(page) => respond(request, html_response(pages::viewer(&id, &page))),
            None => respond(request, not_found()),
        },
        Some(Route::Pdf(id)) => match site.pdf(&id) {
            Some(pdf) => {
                let response = Response::new(
                    tiny_http::StatusCode(200),
                    vec![header("Content-Type", "application/pdf"), no_store()],
                    Shared(pdf.clone(), 0),
                    Some(pdf.len()),
                    None,
                );
                respond(request, response)
            }
            None => respond(request, not_found()),
        },
        Some(Route::Docx(id)) => match site.docx(&id) {
            Some(docx) => {
                let response = Response::new(
                    tiny_http::StatusCode(200),
                    vec![
                        header("Content-Type", DOCX_TYPE),
                        header("Content-Disposition", "attachment"),
                        no_store(),
                    ],
                    Shared(docx.clone(), 0),
                    Some(docx.len()),
                    None,
                );
                respond(request, response)
            }
            None => respond(request, not_found()),
        },
        None => respond(request, not_found()),
    }
}

/// Bytes the site keeps, read as a response body without a copy per request.
struct Shared(Arc<Vec<u8>>, usize);

impl Read for Shared {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let rest = &self.0[self.1.min(self.0.len())..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.1 += n;
        Ok(n)
    }
}

fn respond<R: Read>(request: Request, response: Response<R>) {
    // A browser that went away mid-answer is no error of ours.
    let _ = request.respond(response);
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn no_store() -> Header {
    header("Cache-Control", "no-store")
}

fn html_response(html: String) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(html.into_bytes())
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(no_store())
}

fn text_response(status: u16, text: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(format!("{text}\n").into_bytes())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(no_store())
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

    #[test]
    fn only_loopback_names_with_this_port_are_answered() {
        for ok in [
            "localhost",
            "localhost:8765",
            "127.0.0.1",
            "127.0.0.1:8765",
            "LOCALHOST:8765",
        ] {
            assert!(host_allowed(Some(ok), 8765), "{ok}");
        }
        for bad in [
            "evil.example:8765",
            "localhost.evil.example:8765",
            "127.0.0.1.nip.io:8765",
            "127.0.0.1:8766",
            "localhost:",
            "[::1]:8765",
            "192.168.0.5:8765",
            "",
        ] {
            assert!(!host_allowed(Some(bad), 8765), "{bad}");
        }
        assert!(!host_allowed(None, 8765));
    }
}
