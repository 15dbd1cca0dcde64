//! Writing into `output/`: every file of a build, or none, and never a moment without a file.
//!
//! Each new file is first written in full to a hidden temporary file beside its target
//! (`.shiryo-*.tmp`) and flushed to disk. Only when all are written are they moved into place:
//! a journal naming them is written first ([`journal`]), each old file is kept as a hard link
//! (or a copy) `.shiryo-backup-<name>`, and each new file is renamed over its target in one
//! step (rename(2) on Unix, `MoveFileExW` with `MOVEFILE_REPLACE_EXISTING` on Windows, as
//! `tempfile` persists), so a reader finds the old file or the new one, never none. If any
//! move fails (on Windows, a PDF open in a viewer cannot be replaced) the files already moved
//! are put back from their backups. One process writes at a time ([`lock`]); a build killed
//! midway is put right by the next one that writes, from the journal.

/// The folder under the project root that every document is written to.
pub const OUTPUT_DIR: &str = "output";

pub(crate) mod journal;
pub(crate) mod lock;
pub(crate) mod names;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Problem, io_ja};

pub use journal::{Recovered, interrupted};

const TEMP_PREFIX: &str = ".shiryo-";
const TEMP_SUFFIX: &str = ".tmp";
pub(crate) const BACKUP_PREFIX: &str = ".shiryo-backup-";

/// A file written in full to a temporary file beside its target, not yet in place. Dropped
/// without `commit`, the temporary file is removed.
pub struct Staged {
    target: PathBuf,
    temp: tempfile::TempPath,
}

/// Writes `bytes` to a temporary file beside `target`, flushed to disk.
pub fn stage(target: &Path, bytes: &[u8]) -> Result<Staged, Problem> {
    let dir = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| {
        Problem::error(dir, format!("出力フォルダを作れません（{}）。", io_ja(&e)))
            .hint("フォルダの書き込み権限を確かめてください。")
    })?;
    let fail = |e: std::io::Error| write_failure(target, &e, cfg!(windows));
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    // Temporary files are private; the PDF is for everyone who can read the folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    Ok(Staged {
        target: target.to_path_buf(),
        temp: tmp.into_temp_path(),
    })
}

/// `output/`, locked for this process, put right after any build killed midway.
#[derive(Debug)]
pub struct Output {
    dir: PathBuf,
    _lock: lock::Lock,
    /// What putting it right did (normally nothing).
    pub recovered: Recovered,
}

impl Output {
    /// Creates `dir` if needed, takes its lock (waiting for another shiryo, `on_wait` told
    /// once) and recovers what a killed build left. `dir` itself must not be a link.
    pub fn open(dir: &Path, on_wait: &mut dyn FnMut(&str)) -> Result<Output, Problem> {
        refuse_link(dir, dir)?;
        std::fs::create_dir_all(dir).map_err(|e| {
            Problem::error(dir, format!("出力フォルダを作れません（{}）。", io_ja(&e)))
                .hint("フォルダの書き込み権限を確かめてください。")
        })?;
        let lock = lock::acquire(dir, on_wait)?;
        let recovered = journal::recover(dir);
        Ok(Output {
            dir: dir.to_path_buf(),
            _lock: lock,
            recovered,
        })
    }

    /// `stage`, for a file under this folder reached through no link.
    pub fn stage(&self, target: &Path, bytes: &[u8]) -> Result<Staged, Problem> {
        no_links_below(&self.dir, target)?;
        stage(target, bytes)
    }

    /// Moves every staged file into place, or none, journaled.
    pub fn commit(&self, staged: Vec<Staged>) -> Result<Vec<PathBuf>, CommitError> {
        replace_all(staged, Some(&self.dir))
    }

    /// Writes several files under this folder: all of them replaced, or none.
    pub fn write_all(&self, files: &[(&Path, &[u8])]) -> Result<(), Problem> {
        let staged = (files.iter())
            .map(|(path, bytes)| self.stage(path, bytes))
            .collect::<Result<Vec<_>, _>>()?;
        self.commit(staged).map(|_| ()).map_err(|e| *e.problem)
    }
}

/// Whether `path` is a link: a symbolic link, or on Windows a junction or another reparse
/// point that stands for a name elsewhere (`symlink_metadata` reports those as links too). A
/// link whose target is missing is a link: writing through it would create the target.
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// A link at `path` (a folder or file under `output/`, or `output/` itself) is refused:
/// nothing is written through a link, wherever it leads.
fn refuse_link(output: &Path, path: &Path) -> Result<(), Problem> {
    if !is_link(path) {
        return Ok(());
    }
    let (what, hint) = if path == output {
        (
            "output フォルダ".to_string(),
            "リンクを消して、普通のフォルダにしてください（PDF はリンク先ではなく output フォルダの中に作ります）。",
        )
    } else {
        let rel = path.strip_prefix(output).unwrap_or(path);
        (
            format!("output の中の {} ", rel.display()),
            "リンクを消してから、もう一度実行してください（PDF などはリンク先ではなく output フォルダの中に作ります）。",
        )
    };
    Err(Problem::error(
        path,
        format!("{what}はリンク（ショートカット）のため、その先には書き込みません。"),
    )
    .hint(hint))
}

/// Every folder between `output` and `target`, and `target` itself, is no link.
fn no_links_below(output: &Path, target: &Path) -> Result<(), Problem> {
    refuse_link(output, output)?;
    let Ok(rel) = target.strip_prefix(output) else {
        return Ok(());
    };
    let mut path = output.to_path_buf();
    for part in rel.components() {
        path.push(part);
        refuse_link(output, &path)?;
    }
    Ok(())
}

/// Writes files of the project outside `output/` (`schema/`, `docs/`, a new year's content):
/// all of them replaced, or none, and none through a link. Every folder between `root` and
/// each file, and the file itself, must be no link (the root itself may be one: it is where
/// the user said the project is). Nothing is written when one is.
pub fn write_in_project(root: &Path, files: &[(&Path, &[u8])]) -> Result<(), Problem> {
    for (target, _) in files {
        let Ok(rel) = target.strip_prefix(root) else {
            continue;
        };
        let mut path = root.to_path_buf();
        for part in rel.components() {
            path.push(part);
            if is_link(&path) {
                let shown = path
                    .strip_prefix(root)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                return Err(Problem::error(
                    &path,
                    format!("{shown} はリンク（ショートカット）のため、その先には書き込みません。"),
                )
                .hint(format!(
                    "リンクを消してから、もう一度実行してください（{shown} はリンク先ではなく、プロジェクトのフォルダの中に作ります）。"
                )));
            }
        }
    }
    write_all_atomic(files)
}

/// Why a commit failed, and whether `output/` is as it was.
#[derive(Debug)]
pub struct CommitError {
    pub problem: Box<Problem>,
    /// Files that are new and could not be put back (empty: nothing changed).
    pub left_changed: Vec<PathBuf>,
}

/// Moves every staged file into place, or none (without a journal: for files outside
/// `output/`). Returns the targets written.
pub fn commit(staged: Vec<Staged>) -> Result<Vec<PathBuf>, CommitError> {
    replace_all(staged, None)
}

/// The old file kept beside `target` as a hard link, or a copy where links are not possible
/// (FAT, some network drives). The target itself is not touched.
fn keep_old(target: &Path, backup: &Path) -> std::io::Result<()> {
    let _ = std::fs::remove_file(backup);
    if std::fs::hard_link(target, backup).is_ok() {
        return Ok(());
    }
    std::fs::copy(target, backup)?;
    std::fs::File::open(backup)?.sync_all()
}

fn replace_all(
    staged: Vec<Staged>,
    journal_dir: Option<&Path>,
) -> Result<Vec<PathBuf>, CommitError> {
    let fail = |problem: Problem| CommitError {
        problem: Box::new(problem),
        left_changed: Vec::new(),
    };
    // Refused before anything moves: a folder where a file goes.
    if let Some(s) = staged.iter().find(|s| s.target.is_dir()) {
        return Err(fail(
            Problem::error(
                &s.target,
                "PDF と同じ名前のフォルダがあるため、書き込めません。",
            )
            .hint("そのフォルダの名前を変えるか、別の場所に移してください。"),
        ));
    }
    let backups: Vec<Option<PathBuf>> = (staged.iter())
        .map(|s| s.target.exists().then(|| backup_path(&s.target)))
        .collect();
    let rel = |p: &Path, dir: &Path| {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    let mut journal = journal_dir.map(|dir| {
        let entries = (staged.iter().zip(&backups))
            .map(|(s, b)| journal::Entry {
                target: rel(&s.target, dir),
                temp: rel(&s.temp, dir),
                backup: b.as_deref().map(|b| rel(b, dir)),
            })
            .collect();
        (
            dir,
            journal::Journal {
                entries,
                complete: false,
            },
        )
    });
    if let Some((dir, j)) = &journal {
        j.write(dir)
            .map_err(|e| fail(write_failure(&dir.join(journal::JOURNAL_FILE), &e, false)))?;
    }
    let remove_backups = |upto: usize| {
        for b in backups.iter().take(upto).flatten() {
            let _ = std::fs::remove_file(b);
        }
    };
    for (i, (s, b)) in staged.iter().zip(&backups).enumerate() {
        if let Some(b) = b
            && let Err(e) = keep_old(&s.target, b)
        {
            remove_backups(i + 1);
            if let Some((dir, _)) = &journal {
                let _ = std::fs::remove_file(dir.join(journal::JOURNAL_FILE));
            }
            return Err(fail(write_failure(&s.target, &e, cfg!(windows))));
        }
    }
    let mut done: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    let mut failure = None;
    for (s, backup) in staged.into_iter().zip(backups.iter().cloned()) {
        match s.temp.persist(&s.target) {
            Ok(()) => done.push((s.target, backup)),
            Err(e) => {
                failure = Some(write_failure(&s.target, &e.error, cfg!(windows)));
                break;
            }
        }
    }
    if failure.is_none()
        && let Some((dir, j)) = &mut journal
    {
        j.complete = true;
        // Until it is marked complete, a recovery rolls back to the old files: put them back
        // now rather than report a build that a recovery would undo.
        if let Err(e) = j.write(dir) {
            failure = Some(write_failure(&dir.join(journal::JOURNAL_FILE), &e, false));
        }
    }
    let Some(problem) = failure else {
        remove_backups(backups.len());
        if let Some((dir, _)) = &journal {
            let _ = std::fs::remove_file(dir.join(journal::JOURNAL_FILE));
        }
        return Ok(done.into_iter().map(|(t, _)| t).collect());
    };
    let mut left_changed = Vec::new();
    for (target, backup) in done.into_iter().rev() {
        let restored = match &backup {
            Some(b) => std::fs::rename(b, &target),
            None => std::fs::remove_file(&target),
        };
        if restored.is_err() {
            left_changed.push(target);
        }
    }
    if left_changed.is_empty() {
        remove_backups(backups.len());
        if let Some((dir, _)) = &journal {
            let _ = std::fs::remove_file(dir.join(journal::JOURNAL_FILE));
        }
    }
    // Otherwise journal and backups stay: the next build that writes puts the old files back.
    Err(CommitError {
        problem: Box::new(problem),
        left_changed,
    })
}

/// Writes one file atomically: a temporary file beside it, then a rename. On failure the old
/// file is untouched and no temporary file is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    write_all_atomic(&[(path, bytes)])
}

/// `write_atomic` for several files: all of them replaced, or none.
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> Result<(), Problem> {
    let staged = (files.iter())
        .map(|(path, bytes)| stage(path, bytes))
        .collect::<Result<Vec<_>, _>>()?;
    commit(staged).map(|_| ()).map_err(|e| *e.problem)
}

fn backup_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!("{BACKUP_PREFIX}{name}"))
}

/// A failure to write or replace `path`, in words staff can act on. On Windows a file open
/// in another program (a PDF viewer) cannot be replaced: say so, and what to do.
pub fn write_failure(path: &Path, e: &std::io::Error, windows: bool) -> Problem {
    // ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_USER_MAPPED_FILE
    let in_use = windows
        && (matches!(e.raw_os_error(), Some(5 | 32 | 33 | 1224))
            || e.kind() == std::io::ErrorKind::PermissionDenied);
    if in_use {
        return Problem::error(
            path,
            "この PDF はほかのアプリ（Acrobat Reader やブラウザなど）で開かれているため、置き換えられません。",
        )
        .hint("PDF を閉じてから、もう一度実行してください。");
    }
    Problem::error(path, format!("ファイルを書き込めません（{}）。", io_ja(e))).hint(
        "フォルダの書き込み権限と空き容量を確かめ、PDF を開いているアプリがあれば閉じてください。",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_open_on_windows_says_close_it() {
        let e = std::io::Error::from_raw_os_error(32);
        let p = write_failure(Path::new("output/a/b.pdf"), &e, true);
        assert!(p.message.contains("ほかのアプリ"), "{}", p.message);
        assert_eq!(
            p.hint.as_deref(),
            Some("PDF を閉じてから、もう一度実行してください。")
        );
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(
            write_failure(Path::new("x.pdf"), &denied, true)
                .message
                .contains("開かれている")
        );
        // Elsewhere the same error is a permission problem.
        let p = write_failure(Path::new("x.pdf"), &denied, false);
        assert!(p.message.contains("権限がありません"), "{}", p.message);
    }

    #[test]
    fn all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        let b = dir.path().join("b.pdf");
        std::fs::write(&a, "old a").unwrap();
        // b cannot be replaced: a folder with something in it stands at its path.
        std::fs::create_dir_all(b.join("x")).unwrap();
        let staged = vec![stage(&a, b"new a").unwrap(), stage(&b, b"new b").unwrap()];
        let err = commit(staged).unwrap_err();
        assert!(err.left_changed.is_empty());
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.starts_with(".shiryo-")),
            "{names:?}"
        );
        // Without the obstacle both are written.
        std::fs::remove_dir_all(&b).unwrap();
        let staged = vec![stage(&a, b"new a").unwrap(), stage(&b, b"new b").unwrap()];
        assert_eq!(commit(staged).unwrap(), vec![a.clone(), b.clone()]);
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
    }

    #[test]
    fn recover_clears_what_a_killed_build_left() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("協議会");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(".shiryo-abc123.tmp"), "half").unwrap();
        std::fs::write(sub.join(".shiryo-backup-r6.pdf"), "old").unwrap();
        std::fs::write(sub.join("other.pdf"), "keep").unwrap();
        assert_eq!(journal::recover(dir.path()).cleared, 2);
        assert_eq!(std::fs::read(sub.join("r6.pdf")).unwrap(), b"old");
        assert!(!sub.join(".shiryo-abc123.tmp").exists());
        assert_eq!(std::fs::read(sub.join("other.pdf")).unwrap(), b"keep");
    }
}
