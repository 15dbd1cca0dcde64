//! One writer at a time in `output/`: a lock on `output/.shiryo-lock` (an OS file lock, which
//! the system releases when the process ends, however it ends). Builds and watches on one
//! root take turns; one that waits says so, and gives up after a bounded time.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::diag::{Problem, io_ja};

/// The lock file, in `output/`. It stays there (removing a lock file races with its next
/// user); only the OS lock on it means anything.
pub(crate) const LOCK_FILE: &str = ".shiryo-lock";

/// How long a build waits for another to finish writing, unless `SHIRYO_LOCK_WAIT_SECONDS`
/// says otherwise (tests).
const DEFAULT_WAIT: Duration = Duration::from_secs(60);

/// Held while a process writes in `output/`; released when dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    _file: File,
}

fn wait_limit() -> Duration {
    std::env::var("SHIRYO_LOCK_WAIT_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map_or(DEFAULT_WAIT, Duration::from_secs_f64)
}

/// Opens the last part of a path itself, never what a link there leads to.
fn no_follow(options: &mut std::fs::OpenOptions) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        // FILE_FLAG_OPEN_REPARSE_POINT: a link is opened as itself, not followed.
        options.custom_flags(0x0020_0000);
    }
}

/// Takes the lock of `output` (a folder that exists), waiting while another shiryo holds it.
/// `on_wait` gets a Japanese line once, when waiting starts.
pub(crate) fn acquire(output: &Path, on_wait: &mut dyn FnMut(&str)) -> Result<Lock, Problem> {
    let path = output.join(LOCK_FILE);
    // A link in its place (one to a missing file outside the project included) is refused
    // before anything is opened, and the file is opened without following a link, so a link
    // put there in between is not followed either.
    super::refuse_link(output, &path)?;
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    no_follow(&mut options);
    let file = options.open(&path).map_err(|e| {
        Problem::error(
            &path,
            format!(
                "output フォルダの鍵のファイルを作れません（{}）。",
                io_ja(&e)
            ),
        )
        .hint("output フォルダの書き込み権限を確かめてください。")
    })?;
    let limit = wait_limit();
    let started = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => {
                return Err(Problem::error(
                    &path,
                    format!("output フォルダに鍵をかけられません（{}）。", io_ja(&e)),
                )
                .hint("ネットワークドライブなどで鍵が使えないときは、プロジェクトをこの PC のフォルダに置いてください。"));
            }
        }
        if started.elapsed() >= limit {
            return Err(Problem::error(
                &path,
                format!(
                    "ほかの shiryo（build か watch）が output フォルダに書き込み中のまま {} 秒たったため、待つのをやめました。",
                    limit.as_secs()
                ),
            )
            .hint("ほかの画面で shiryo が動いていないか確かめ、終わってから、もう一度実行してください。"));
        }
        if !told {
            told = true;
            on_wait(&format!(
                "ほかの shiryo（build か watch）が output フォルダに書き込み中です。終わるのを待っています（最長 {} 秒）…",
                limit.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
