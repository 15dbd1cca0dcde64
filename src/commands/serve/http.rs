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
use super::routes::{Route, Watching, route};
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
/// The media type of a Word file.
const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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
pub(super) struct Hub {
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
    pub(super) fn send(&self, changes: &[Change], site: &Site) {
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
pub(super) fn serve(
    server: Server,
    port: u16,
    site: Arc<Site>,
    hub: Arc<Hub>,
    index: pages::Index,
) {
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
