//! Reading the project's files: only from inside the project root, only regular files, never
//! more than a stated number of bytes, and never the junk that editors and systems leave
//! beside them.
//!
//! Every file shiryo reads (content YAML, templates, fonts, figures, attachments) comes through
//! here or through the typst world, which applies the same rules.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Problem, io_ja};

pub(crate) use crate::limits::MAX_TEXT_BYTES;

/// Files that editors and operating systems leave in folders: never content.
///
/// `._name` (macOS resource forks on shared drives), `~$name` (Word and Excel lock files),
/// `Thumbs.db`, `desktop.ini`, `.DS_Store`, and any other hidden file (`.name`), backup
/// (`name~`) or temporary file (`.tmp`, `.bak`).
pub(crate) fn is_junk(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || matches!(lower.as_str(), "thumbs.db" | "desktop.ini" | "ehthumbs.db")
        || lower.ends_with(".tmp")
        || lower.ends_with(".bak")
}

/// Whether a path written in content (relative to a council folder) leads out of it as
/// written: absolute, with a drive or root, or with `..`. Such a path is refused without
/// looking at the file system, so nothing is learnt about what exists outside.
pub(crate) fn leaves(written: &str) -> bool {
    use std::path::Component;
    let path = Path::new(written);
    written.starts_with(['/', '\\'])
        || written.contains(":\\")
        || path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
}

/// `path`, resolved (links followed), when it lies inside `root` (itself resolved).
pub(crate) fn resolve_inside(root: &Path, path: &Path) -> Result<PathBuf, Problem> {
    let real = path
        .canonicalize()
        .map_err(|e| Problem::error(path, format!("ファイルを読めません（{}）。", io_ja(&e))))?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if !real.starts_with(&root) {
        return Err(Problem::error(
            path,
            "プロジェクトのフォルダの外にあるファイル（リンク先）は読めません。",
        )
        .hint("ファイルそのものをプロジェクトのフォルダの中に置いてください。"));
    }
    Ok(real)
}

/// The bytes of a regular file inside `root`, refusing links out of it, devices, pipes and
/// folders, and files over `limit` bytes (checked before reading, and again while reading).
pub(crate) fn read_bytes(root: &Path, path: &Path, limit: u64) -> Result<Vec<u8>, Problem> {
    let real = resolve_inside(root, path)?;
    let cannot = |e: std::io::Error| {
        Problem::error(path, format!("ファイルを読めません（{}）。", io_ja(&e)))
    };
    let meta = std::fs::metadata(&real).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Problem::error(
            path,
            if meta.is_dir() {
                "ファイルではなくフォルダです。"
            } else {
                "普通のファイルではありません（パイプや装置などは読めません）。"
            },
        ));
    }
    if meta.len() > limit {
        return Err(too_large(path, Some(meta.len()), limit));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(&real)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, None, limit));
    }
    Ok(bytes)
}

/// A size as a file manager shows it: 「2.9 MB」, 「512 KB」, 「300 バイト」.
pub(crate) fn size_words(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    let tenths = |unit: u64| {
        let t = (bytes * 10 + unit / 2) / unit;
        if t.is_multiple_of(10) {
            format!("{}", t / 10)
        } else {
            format!("{}.{}", t / 10, t % 10)
        }
    };
    if bytes >= MB {
        format!("{} MB", tenths(MB))
    } else if bytes >= KB {
        format!("{} KB", tenths(KB))
    } else {
        format!("{bytes} バイト")
    }
}

fn too_large(path: &Path, len: Option<u64>, limit: u64) -> Problem {
    let limit = size_words(limit);
    let size = match len {
        Some(len) => format!("{}。上限は {limit}", size_words(len)),
        None => format!("上限の {limit} を超えています"),
    };
    Problem::error(path, format!("ファイルが大きすぎます（{size}）。"))
        .hint("ファイルを分けるか、誤って貼り付けた内容がないか確かめてください。")
}

/// A text file inside `root` (at most [`MAX_TEXT_BYTES`]), as UTF-8 without the byte-order
/// mark Windows Notepad writes. The text is kept (see [`crate::diag::places`]) for messages that point
/// at a line of it.
pub(crate) fn read_text(root: &Path, path: &Path) -> Result<String, Problem> {
    let bytes = read_bytes(root, path, MAX_TEXT_BYTES)?;
    let text = decode_text(bytes).map_err(|p| Problem {
        file: path.to_path_buf(),
        ..p
    })?;
    crate::diag::places::remember(path, &text);
    Ok(text)
}

/// UTF-8 text, with a leading byte-order mark removed. Other encodings are named.
pub(crate) fn decode_text(bytes: Vec<u8>) -> Result<String, Problem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::error("", "文字コードが UTF-16 です。").hint(
            "メモ帳なら「名前を付けて保存」で文字コードを「UTF-8」にして保存し直してください。",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Problem::error(
            "",
            "文字コードが UTF-8 ではありません（Shift_JIS などで保存されています）。",
        )
        .hint("メモ帳なら「名前を付けて保存」で文字コードを「UTF-8」にして保存し直してください。")
    })?;
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The entries of a folder inside `root`, sorted by name, without junk, each resolved inside
/// `root` (an entry that links out of it is reported and left out).
pub(crate) fn list_dir(
    root: &Path,
    dir: &Path,
    problems: &mut crate::diag::Problems,
) -> Vec<PathBuf> {
    // A folder that cannot be listed is said to be so: its files are not "missing".
    let cannot_open = |e: &std::io::Error| {
        crate::diag::Problem::error(
            dir,
            format!("フォルダを開けません（{}）。", crate::diag::io_ja(e)),
        )
        .hint("フォルダの読み取りの権限（プロパティの「セキュリティ」）を確かめるか、別の場所にコピーしてから使ってください。")
    };
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.map_err(|e| problems.push(cannot_open(&e))).ok())
            .filter(|e| !is_junk(&e.file_name().to_string_lossy()))
            .map(|e| e.path())
            .collect(),
        Err(e) => {
            problems.push(cannot_open(&e));
            Vec::new()
        }
    };
    entries.sort();
    entries.retain(|p| match resolve_inside(root, p) {
        Ok(_) => true,
        Err(problem) => {
            problems.push(problem);
            false
        }
    });
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_said_as_a_file_manager_shows_them() {
        assert_eq!(size_words(3_000_003), "2.9 MB");
        assert_eq!(size_words(2 * 1024 * 1024), "2 MB");
        assert_eq!(size_words(1536), "1.5 KB");
        assert_eq!(size_words(300), "300 バイト");
    }

    #[test]
    fn positions_are_recorded_once_per_text_read() {
        use crate::diag::positions::RECORDED;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("members.yaml");
        let mut text = String::from("members:\n");
        for _ in 0..1000 {
            text.push_str("  - name: 岡本\n    role: 委員\n");
        }
        std::fs::write(&file, &text).unwrap();
        read_text(dir.path(), &file).unwrap();
        let before = RECORDED.with(|n| n.get());
        for i in 0..1000 {
            let at = crate::diag::places::position(&file, &format!("members[{i}].role"));
            assert_eq!(at, Some((3 + 2 * i, 11)));
        }
        // Read again unchanged (a watch's next round): the same positions.
        read_text(dir.path(), &file).unwrap();
        assert_eq!(
            crate::diag::places::position(&file, "members[999]"),
            Some((2000, 5))
        );
        assert_eq!(RECORDED.with(|n| n.get()) - before, 1);
        // Changed: recorded again, from the new text.
        std::fs::write(&file, format!("# 名簿\n{text}")).unwrap();
        read_text(dir.path(), &file).unwrap();
        assert_eq!(
            crate::diag::places::position(&file, "members[0].role"),
            Some((4, 11))
        );
        assert_eq!(RECORDED.with(|n| n.get()) - before, 2);
    }

    #[test]
    fn paths_that_leave_as_written() {
        for out in [
            "/etc/passwd",
            "../x.pdf",
            "figures/../../x.svg",
            "C:\\x.pdf",
            "\\\\server\\x",
        ] {
            assert!(leaves(out), "{out}");
        }
        for inside in ["figures/zu.svg", "./attachments/資料.pdf", "a/b/c.png"] {
            assert!(!leaves(inside), "{inside}");
        }
    }

    #[test]
    fn junk_is_recognised() {
        for junk in [
            "._goals.yaml",
            "~$report.yaml",
            "Thumbs.db",
            "desktop.ini",
            "DESKTOP.INI",
            ".DS_Store",
            "goals.yaml~",
            "goals.yaml.bak",
        ] {
            assert!(is_junk(junk), "{junk}");
        }
        for real in ["goals.yaml", "2024", "資料.yaml", "r6-hyoka.yaml"] {
            assert!(!is_junk(real), "{real}");
        }
    }

    #[test]
    fn bom_is_removed_and_other_encodings_named() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa: 1".to_vec()).unwrap(), "a: 1");
        let e = decode_text(b"\xFF\xFEa\x00".to_vec()).unwrap_err();
        assert!(e.message.contains("UTF-16"));
        let e = decode_text(b"\x82\xA0".to_vec()).unwrap_err();
        assert!(e.message.contains("Shift_JIS"));
    }

    #[test]
    fn only_regular_files_inside_the_root_within_the_limit() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("ok.txt"), "ok").unwrap();
        std::fs::write(outside.path().join("secret.txt"), "no").unwrap();
        assert_eq!(
            read_bytes(root.path(), &root.path().join("ok.txt"), 10).unwrap(),
            b"ok"
        );
        let e = read_bytes(root.path(), &root.path().join("ok.txt"), 1).unwrap_err();
        assert!(e.message.contains("大きすぎます"), "{}", e.message);
        let e = read_bytes(root.path(), root.path(), 10).unwrap_err();
        assert!(e.message.contains("フォルダ"), "{}", e.message);
        #[cfg(unix)]
        {
            let link = root.path().join("link.txt");
            std::os::unix::fs::symlink(outside.path().join("secret.txt"), &link).unwrap();
            let e = read_bytes(root.path(), &link, 10).unwrap_err();
            assert!(e.message.contains("外にある"), "{}", e.message);
            assert!(!e.to_string().contains("no"));
            let fifo = root.path().join("pipe");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                let e = read_bytes(root.path(), &fifo, 10).unwrap_err();
                assert!(
                    e.message.contains("普通のファイルではありません"),
                    "{}",
                    e.message
                );
            }
        }
    }
}
