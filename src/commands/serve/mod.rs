//! `shiryo serve`: builds everything, then serves a local site on 127.0.0.1 only (an index of
//! the councils' documents, each document's web page and PDF) that updates itself on every
//! save.
//!
//! The rebuilding is `watch`'s loop (`watch::rounds`, with web pages): what it writes to
//! `output/` follows its all-or-nothing rule; what it reports is kept in memory (`site`) and
//! served from there (`http`), so a preview open in a browser never holds a file in `output/`.
//! Each report becomes a change that open pages hear of through server-sent events; a page
//! then fetches itself again (`pages`). A page's web version is reported before its PDF is
//! typeset, so the page follows a save without waiting for typst.
//!
//! The browser's connections reach the door (`gate`) first, which reads each request head
//! within bounds and hands it to tiny_http on a second loopback port of serve's own.

mod gate;
mod http;
mod open;
mod pages;
mod routes;
mod site;

use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

pub use http::host_allowed;
pub use open::{System, command as browser_command, open as open_browser};
pub use routes::{Route, route};

use crate::commands::console::{Console, Failure, Outcome};

use crate::commands::watch::Report;

/// The port when none is given.
pub const DEFAULT_PORT: u16 = 8765;

/// The first port from `from` on (up to 20 further) that can be listened on now, or `from`
/// itself when none can (serve then says why). A second double-click while one shiryo is
/// serving starts another on the next port instead of failing.
pub fn free_port(from: u16) -> u16 {
    (from..=from.saturating_add(20))
        .find(|&port| TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok())
        .unwrap_or(from)
}

/// A running serve: its address, and the thread that rebuilds.
pub struct Running {
    pub port: u16,
    watch: JoinHandle<notify::Result<()>>,
}

impl Running {
    /// `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Blocks while serve runs (until the process is stopped, or the folder cannot be
    /// watched any more).
    pub fn wait(self) -> Result<(), String> {
        match self.watch.join() {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(watch_failed(&e)),
            Err(_) => Err("エラー: 作り直しの途中で止まりました。".to_string()),
        }
    }
}

fn watch_failed(e: &notify::Error) -> String {
    format!("エラー: フォルダを監視できません（{e}）。")
}

/// Why a port cannot be listened on, in words staff can act on.
pub fn port_message(port: u16, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let next = port.checked_add(1).unwrap_or(DEFAULT_PORT);
    let what = match e.kind() {
        ErrorKind::AddrInUse => format!(
            "ポート {port} はほかのプログラム（すでに起動している shiryo serve など）が使っています。"
        ),
        // Unix: a port under 1024; Windows: a port the system has reserved (WSAEACCES).
        ErrorKind::PermissionDenied => {
            format!("ポート {port} は使えません（使う権限がないか、システムが予約しています）。")
        }
        _ => format!(
            "ポート {port} で待ち受けられません（{}）。",
            crate::diag::io_ja(e)
        ),
    };
    format!(
        "エラー: {what}\n  → 別の番号を指定してください（例: shiryo serve --port {next}）。前に起動した serve を止めるには、その画面で Ctrl+C を押します。"
    )
}

fn inner_failed(e: &std::io::Error) -> String {
    format!(
        "エラー: ページを見せる準備ができません（{}）。",
        crate::diag::io_ja(e)
    )
}

/// Builds everything under `root`, then serves it on 127.0.0.1:`port` (0: any free port).
/// Returns once the first build has finished (with or without errors); `on_report` hears
/// every report of the rebuilding loop (for the console).
pub fn start(
    root: &Path,
    port: u16,
    mut on_report: impl FnMut(&Report) + Send + 'static,
) -> Result<Running, String> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map_err(|e| port_message(port, &e))?;
    let port = listener
        .local_addr()
        .map_err(|e| port_message(port, &e))?
        .port();
    // tiny_http listens on a port of its own, which only the door connects to.
    let inner = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| inner_failed(&e))?;
    let backend = inner.local_addr().map_err(|e| inner_failed(&e))?;
    let server = tiny_http::Server::from_listener(inner, None)
        .map_err(|e| format!("エラー: ポート {port} で待ち受けられません（{e}）。"))?;
    let site = Arc::new(site::Site::default());
    let hub = Arc::new(http::Hub::default());
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let root: PathBuf = root.to_path_buf();
    let watch = {
        let (site, hub, root) = (site.clone(), hub.clone(), root.clone());
        std::thread::spawn(move || {
            // The page and the PDF are shown; the Word file is written to output/ beside them,
            // for the members' check and the department's approval.
            let formats = (crate::commands::build::Formats::PDF)
                .with(crate::commands::build::Format::Html, true)
                .with(crate::commands::build::Format::Docx, true);
            crate::commands::watch::rounds(&root, &[], None, formats, |r| {
                hub.send(&site.apply(&r), &site);
                on_report(&r);
                if matches!(r, Report::Done) {
                    let _ = ready_tx.send(());
                }
            })
        })
    };
    if ready_rx.recv().is_err() {
        // The loop ended before its first round: the folders could not be watched.
        return Err(match watch.join() {
            Ok(Err(e)) => watch_failed(&e),
            _ => "エラー: 最初の作成の途中で止まりました。".to_string(),
        });
    }
    let root = root.canonicalize().unwrap_or(root);
    http::serve(server, port, site, hub, pages::Index::new(&root));
    std::thread::spawn(move || gate::run(listener, backend));
    Ok(Running { port, watch })
}

/// `shiryo serve`: builds everything, serves it on `port` (opening the browser when `open`)
/// and rebuilds on every save until stopped.
pub fn run(c: &Console, port: u16, open: bool) -> Outcome {
    c.say("すべての資料を作っています…");
    let printer = c.clone();
    let running = start(c.root(), port, move |r| {
        crate::commands::watch::say(&printer, r)
    })
    .map_err(|message| {
        c.tell(message);
        Failure::Failed
    })?;
    let url = running.url();
    c.say(format!(
        "ブラウザで {url} を開くと、資料の一覧から Web ページと PDF を見られます（この PC からだけ見られます）。"
    ));
    c.say(
        "content/ やテンプレートを保存するたびに作り直し、開いているページも新しくなります。終了するには Ctrl+C を押してください。",
    );
    if open && let Err(message) = open_browser(&url) {
        c.tell(message);
    }
    running.wait().map_err(|message| {
        c.tell(message);
        Failure::Failed
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_port_is_found_past_a_taken_one() {
        let here = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let taken = here.local_addr().unwrap().port();
        if taken < u16::MAX - 21 {
            assert_ne!(free_port(taken), taken);
        }
    }

    #[test]
    fn a_taken_port_says_so_and_suggests_another() {
        let taken = std::io::Error::from(std::io::ErrorKind::AddrInUse);
        let m = port_message(8765, &taken);
        assert!(m.contains("ポート 8765 はほかのプログラム"), "{m}");
        assert!(m.contains("shiryo serve --port 8766"), "{m}");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(port_message(80, &denied).contains("使えません"));
        assert!(port_message(u16::MAX, &taken).contains("--port 8765"));
        // Windows's WSAEADDRINUSE (10048) reads as AddrInUse there; this machine maps its own.
        let here = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = here.local_addr().unwrap().port();
        let e = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).unwrap_err();
        assert!(port_message(port, &e).contains("ほかのプログラム"), "{e}");
    }
}
