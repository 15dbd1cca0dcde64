//! serve's front door: every connection from the browser is taken here first, and each
//! request head it sends is read here, within bounds, before tiny_http sees it.
//!
//! Why: tiny_http 0.12 (which parses the requests and writes the answers) reads a request
//! line or header line byte by byte into a buffer with no limit (a 2 GB header line is held
//! whole in memory) and sets no timeout on its sockets, and it has no setting or hook for
//! either: it accepts its connections itself and never shows the socket. So the door owns
//! the socket instead. It reads one head at a time, at most [`MAX_LINE`] bytes a line and
//! [`MAX_HEAD`] in all within [`HEAD_TIME`] (a larger one is answered 431, a slow one is
//! closed), sends the head to tiny_http over a loopback connection of its own, and copies
//! the answer back with a write timeout, so a browser that stops reading frees the worker
//! that answers it. The door does not parse HTTP beyond finding where a head ends; it does
//! not forward request bodies (serve only reads; a request that announces one gets 413).
//! Replacing tiny_http by a crate with limits was weighed: hyper needs an async runtime
//! (README: 26 crates, 2 min cold build), and oxhttp answers an oversized head with a plain
//! 400 and stops accepting when its thread limit is reached.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The longest request line or header line, with its line end.
pub(super) const MAX_LINE: usize = 8 * 1024;
/// The longest request head (request line and all header lines).
pub(super) const MAX_HEAD: usize = 32 * 1024;
/// How long a head may take to arrive, and how long a kept-alive connection may stay idle.
const HEAD_TIME: Duration = Duration::from_secs(30);
/// How long one write to the browser may wait for it to read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(20);
/// How long tiny_http may take to start or continue an answer (an event stream writes every
/// few seconds; the index of a very large project may take a while to compute).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(300);
/// Connections open at once, at most; each has a thread of its own (a browser opens about six,
/// plus one per open tab).
const MAX_CONNECTIONS: usize = 256;
/// After refusing a head, how long the rest of what the browser sends is read and dropped, so
/// that it gets the refusal (closing with unread data would reset the connection).
const LINGER: Duration = Duration::from_secs(2);

/// Accepts connections on `listener` until it fails, each handled in a thread of its own that
/// hands its requests to tiny_http at `backend`.
pub(super) fn run(listener: TcpListener, backend: SocketAddr) {
    let open = Arc::new(AtomicUsize::new(0));
    for client in listener.incoming() {
        let Ok(mut client) = client else {
            // Out of file handles, most likely: let some connections end.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            let _ = client.set_write_timeout(Some(Duration::from_secs(1)));
            refuse(
                &mut client,
                "503 Service Unavailable",
                "接続が多すぎます。使っていないタブを閉じてから、もう一度開いてください。",
            );
            continue;
        }
        open.fetch_add(1, Ordering::SeqCst);
        let count = Count(Arc::clone(&open));
        let spawned = std::thread::Builder::new()
            .name("shiryo serve connection".into())
            .stack_size(256 * 1024)
            .spawn(move || {
                let _count = count;
                let _ = connection(client, backend);
            });
        // A thread that cannot be started drops its connection (and its count) with it.
        drop(spawned);
    }
}

/// One connection counted while it is open.
struct Count(Arc<AtomicUsize>);

impl Drop for Count {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What came of reading a request head.
#[derive(Debug, PartialEq, Eq)]
enum Head {
    /// The head, up to and with its empty line.
    Whole(Vec<u8>),
    /// The connection ended (or stayed silent) before a head began.
    Closed,
    /// A line or the whole head over its bound.
    TooLarge,
    /// The head ended before its empty line, or took too long.
    Cut,
}

/// Answers the requests of one connection, one after another, each through a connection of
/// its own to tiny_http.
fn connection(client: TcpStream, backend: SocketAddr) -> io::Result<()> {
    client.set_nodelay(true)?;
    client.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let mut reader = BufReader::with_capacity(8 * 1024, client.try_clone()?);
    let mut client = client;
    loop {
        let head = match read_head(&mut reader)? {
            Head::Whole(head) => head,
            Head::Closed | Head::Cut => return Ok(()),
            Head::TooLarge => {
                refuse(
                    &mut client,
                    "431 Request Header Fields Too Large",
                    "送られてきた要求が長すぎるため、応えません。",
                );
                return linger(client, reader);
            }
        };
        if announces_body(&head) {
            refuse(
                &mut client,
                "413 Content Too Large",
                "serve はページを見せるだけで、データを受け取りません。",
            );
            return linger(client, reader);
        }
        let mut answer = TcpStream::connect(backend)?;
        answer.set_nodelay(true)?;
        answer.set_read_timeout(Some(ANSWER_TIMEOUT))?;
        answer.write_all(&head)?;
        // tiny_http reads the end of the connection as "no more requests" and closes it when
        // its answer is written: the end of the answer.
        answer.shutdown(Shutdown::Write)?;
        // Nothing copied: tiny_http could make nothing of the head (it closed without a word).
        if relay(&mut answer, &mut client)? == 0 || last_request(&head) {
            return Ok(());
        }
    }
}

/// Reads one request head from `r`, within [`MAX_LINE`], [`MAX_HEAD`] and [`HEAD_TIME`].
/// Lines end with LF (tiny_http ends them at CRLF only, so it never sees a longer line than
/// this counts). Empty lines before a request line are skipped, as HTTP allows.
fn read_head(r: &mut BufReader<TcpStream>) -> io::Result<Head> {
    let started = Instant::now();
    let mut head: Vec<u8> = Vec::new();
    let mut line_start = 0;
    let ended = |head: &Vec<u8>| {
        Ok(if head.is_empty() {
            Head::Closed
        } else {
            Head::Cut
        })
    };
    loop {
        if r.buffer().is_empty() {
            let left = HEAD_TIME.saturating_sub(started.elapsed());
            if left.is_zero() {
                return ended(&head);
            }
            r.get_ref().set_read_timeout(Some(left))?;
        }
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted || timed_out(&e) => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return ended(&head);
        }
        let (end, line_ends) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        // At most one byte past a bound is taken: enough to know it is passed.
        let room = (MAX_LINE + 1 - (head.len() - line_start)).min(MAX_HEAD + 1 - head.len());
        let take = end.min(room);
        head.extend_from_slice(&available[..take]);
        r.consume(take);
        if head.len() - line_start > MAX_LINE || head.len() > MAX_HEAD {
            return Ok(Head::TooLarge);
        }
        if line_ends {
            let line = &head[line_start..];
            if line == b"\r\n" || line == b"\n" {
                if line_start == 0 {
                    head.clear();
                    continue;
                }
                return Ok(Head::Whole(head));
            }
            line_start = head.len();
        }
    }
}

fn timed_out(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

/// The values of the header lines called `name` in a head.
fn values<'a>(head: &'a [u8], name: &'a str) -> impl Iterator<Item = String> + 'a {
    head.split(|&b| b == b'\n').skip(1).filter_map(move |line| {
        let line = String::from_utf8_lossy(line);
        let (n, value) = line.split_once(':')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_ascii_lowercase())
    })
}

/// Whether a head announces a body (a `Content-Length` other than 0, or a
/// `Transfer-Encoding`).
fn announces_body(head: &[u8]) -> bool {
    values(head, "transfer-encoding").next().is_some()
        || values(head, "content-length").any(|v| v.parse() != Ok(0u64))
}

/// Whether tiny_http will close the connection after answering this request (its own rule:
/// `Connection: close` or `upgrade`, or HTTP/1.0 without `keep-alive`); the door then closes
/// the browser's connection too, which is how such a browser knows the answer has ended.
fn last_request(head: &[u8]) -> bool {
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let http10 = first.trim_ascii_end().ends_with(b"HTTP/1.0");
    match values(head, "connection").next() {
        Some(v) if v.contains("close") || v.contains("upgrade") => true,
        Some(v) => http10 && !v.contains("keep-alive"),
        None => http10,
    }
}

/// Copies tiny_http's answer to the browser until tiny_http closes; the bytes copied.
fn relay(answer: &mut TcpStream, client: &mut TcpStream) -> io::Result<u64> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut copied = 0;
    loop {
        let n = match answer.read(&mut buf) {
            Ok(0) => return Ok(copied),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        client.write_all(&buf[..n])?;
        copied += n as u64;
    }
}

/// A short plain-text answer of the door's own, after which the connection is closed.
fn refuse(client: &mut TcpStream, status: &str, text: &str) {
    let body = format!("{text}\n");
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = client
        .write_all(head.as_bytes())
        .and_then(|()| client.write_all(body.as_bytes()))
        .and_then(|()| client.flush());
}

/// Closes after a refusal: no more is sent, and what the browser still sends is read and
/// dropped for at most [`LINGER`], so that the refusal reaches it before the connection ends.
fn linger(client: TcpStream, mut reader: BufReader<TcpStream>) -> io::Result<()> {
    client.shutdown(Shutdown::Write)?;
    let until = Instant::now() + LINGER;
    let mut buf = [0u8; 16 * 1024];
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        client.set_read_timeout(Some(left))?;
        match reader.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connected pair: what the test writes to the first, the door reads from the second.
    fn pair() -> (TcpStream, TcpStream) {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let a = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (b, _) = l.accept().unwrap();
        (a, b)
    }

    fn head_of(bytes: &[u8]) -> Head {
        let (mut a, b) = pair();
        a.write_all(bytes).unwrap();
        a.shutdown(Shutdown::Write).unwrap();
        read_head(&mut BufReader::with_capacity(1024, b)).unwrap()
    }

    #[test]
    fn heads_are_read_whole_and_no_further() {
        let (mut a, b) = pair();
        a.write_all(b"\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\nGET /a HTTP/1.1\r\n\r\n")
            .unwrap();
        let mut r = BufReader::with_capacity(4, b);
        assert_eq!(
            read_head(&mut r).unwrap(),
            Head::Whole(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_vec())
        );
        assert_eq!(
            read_head(&mut r).unwrap(),
            Head::Whole(b"GET /a HTTP/1.1\r\n\r\n".to_vec())
        );
        drop(a);
        assert_eq!(read_head(&mut r).unwrap(), Head::Closed);
        assert_eq!(head_of(b"GET / HTTP/1.1\r\nHost"), Head::Cut);
    }

    #[test]
    fn lines_and_heads_over_their_bounds_are_too_large() {
        let line = |n: usize| format!("X-A: {}\r\n", "a".repeat(n - 7));
        let at =
            |lines: &[String]| format!("GET / HTTP/1.1\r\n{}\r\n", lines.concat()).into_bytes();
        assert!(matches!(head_of(&at(&[line(MAX_LINE)])), Head::Whole(_)));
        assert_eq!(head_of(&at(&[line(MAX_LINE + 1)])), Head::TooLarge);
        let long_target = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_LINE));
        assert_eq!(head_of(long_target.as_bytes()), Head::TooLarge);
        let many = vec![line(MAX_LINE / 2); 2 * MAX_HEAD / MAX_LINE + 1];
        assert_eq!(head_of(&at(&many)), Head::TooLarge);
        let fits = vec![line(1000); MAX_HEAD / 1000 - 1];
        assert!(matches!(head_of(&at(&fits)), Head::Whole(_)));
    }

    #[test]
    fn a_body_is_announced_by_its_length_or_encoding() {
        assert!(!announces_body(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assert!(!announces_body(
            b"GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
        ));
        assert!(announces_body(
            b"POST / HTTP/1.1\r\ncontent-length: 5\r\n\r\n"
        ));
        assert!(announces_body(
            b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n"
        ));
        assert!(announces_body(
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        ));
    }

    #[test]
    fn the_last_request_of_a_connection_is_known_as_tiny_http_knows_it() {
        assert!(!last_request(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assert!(last_request(b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n"));
        assert!(last_request(b"GET / HTTP/1.0\r\n\r\n"));
        assert!(!last_request(
            b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
        ));
    }
}
