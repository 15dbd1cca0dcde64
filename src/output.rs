//! Writing into `output/`: every file of a build, or none.
//!
//! Each new file is first written in full to a hidden temporary file beside its target
//! (`.shiryo-*.tmp`) and flushed to disk. Only when all are written are they moved into place,
//! each old file set aside first (`.shiryo-backup-<name>`). If any move fails (on Windows, a
//! PDF open in a viewer cannot be replaced) the files already moved are put back, so the
//! folder is as it was. A build killed midway leaves hidden files that the next build clears
//! away (`recover`), putting set-aside files back.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Problem, io_ja};

const TEMP_PREFIX: &str = ".shiryo-";
const TEMP_SUFFIX: &str = ".tmp";
const BACKUP_PREFIX: &str = ".shiryo-backup-";

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

/// Why a commit failed, and whether `output/` is as it was.
#[derive(Debug)]
pub struct CommitError {
    pub problem: Box<Problem>,
    /// Files that are new and could not be put back (empty: nothing changed).
    pub left_changed: Vec<PathBuf>,
}

/// Moves every staged file into place, or none: on a failure the files already moved are
/// put back. Returns the targets written.
pub fn commit(staged: Vec<Staged>) -> Result<Vec<PathBuf>, CommitError> {
    // (target, backup of the old file if there was one)
    let mut done: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    let mut failure = None;
    for s in staged {
        if s.target.is_dir() {
            failure = Some(
                Problem::error(
                    &s.target,
                    "PDF と同じ名前のフォルダがあるため、書き込めません。",
                )
                .hint("そのフォルダの名前を変えるか、別の場所に移してください。"),
            );
            break;
        }
        let backup = backup_path(&s.target);
        let had_old = s.target.exists();
        if had_old && let Err(e) = std::fs::rename(&s.target, &backup) {
            failure = Some(write_failure(&s.target, &e, cfg!(windows)));
            break;
        }
        match s.temp.persist(&s.target) {
            Ok(()) => done.push((s.target, had_old.then_some(backup))),
            Err(e) => {
                if had_old {
                    let _ = std::fs::rename(&backup, &s.target);
                }
                failure = Some(write_failure(&s.target, &e.error, cfg!(windows)));
                break;
            }
        }
    }
    match failure {
        None => {
            for (_, backup) in &done {
                if let Some(b) = backup {
                    let _ = std::fs::remove_file(b);
                }
            }
            Ok(done.into_iter().map(|(t, _)| t).collect())
        }
        Some(problem) => {
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
            Err(CommitError {
                problem: Box::new(problem),
                left_changed,
            })
        }
    }
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

/// Clears what a build killed midway left under `dir`: temporary files are removed, and a
/// set-aside old file is put back (the build that set it aside never finished). Returns how
/// many files were cleared.
pub fn recover(dir: &Path) -> usize {
    let mut cleared = 0;
    for entry in walkdir::WalkDir::new(dir)
        .max_depth(6)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let name = entry.file_name().to_string_lossy();
        let path = entry.path();
        if let Some(original) = name.strip_prefix(BACKUP_PREFIX) {
            if std::fs::rename(path, path.with_file_name(original)).is_ok() {
                cleared += 1;
            }
        } else if name.starts_with(TEMP_PREFIX)
            && name.ends_with(TEMP_SUFFIX)
            && std::fs::remove_file(path).is_ok()
        {
            cleared += 1;
        }
    }
    cleared
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
        assert_eq!(recover(dir.path()), 2);
        assert_eq!(std::fs::read(sub.join("r6.pdf")).unwrap(), b"old");
        assert!(!sub.join(".shiryo-abc123.tmp").exists());
        assert_eq!(std::fs::read(sub.join("other.pdf")).unwrap(), b"keep");
    }
}
