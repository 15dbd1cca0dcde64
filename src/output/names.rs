//! Paths under `output/` that Windows cannot keep apart or cannot write, though each name is
//! a valid one (`crate::text::names::unsafe_name` judges the names one by one):
//! - two documents whose files are one file there: names that differ only in letter case
//!   (`R6-hyoka` beside `r6-hyoka`; Windows' file system ignores case) or only in how the
//!   same characters are encoded (NFC beside NFD: macOS ignores the difference, and a reader
//!   cannot see it anywhere). One PDF would overwrite the other without a word: an error.
//! - a path longer than Windows writes (260 characters, the project's own folder counted): a
//!   warning, since the project may be built elsewhere than where it is checked.

use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::OUTPUT_DIR;
use crate::diag::{Problem, Problems};
use crate::model::council::Project;
use crate::text::names::windows_key;

/// The longest path Windows opens without its long-path setting: MAX_PATH (260) less the
/// character that ends it.
pub(crate) const WINDOWS_MAX_PATH: usize = 259;

/// How much longer than its PDF's path another file a build writes beside it may be: the old
/// PDF or page is kept as `.shiryo-backup-<name>` while it is replaced, and a page ends in
/// `.html` (one more than `.pdf`).
const BESIDE: usize = super::BACKUP_PREFIX.len() + 1;

/// Characters of a path as Windows counts them (UTF-16 units), without the `\\?\` prefix a
/// canonical path has there (a path as Explorer shows it has none).
fn windows_length(path: &Path) -> usize {
    let shown = path.to_string_lossy();
    match shown.strip_prefix(r"\\?\UNC\") {
        // `\\?\UNC\server\share` is `\\server\share`.
        Some(rest) => 2 + rest.encode_utf16().count(),
        None => (shown.strip_prefix(r"\\?\").unwrap_or(&shown))
            .encode_utf16()
            .count(),
    }
}

/// Documents whose output files are one file on Windows (an error each, naming the other),
/// and output paths Windows cannot write (a warning each).
pub(crate) fn check(project: &Project, out: &mut Problems) {
    let root = std::path::absolute(&project.root).unwrap_or_else(|_| project.root.clone());
    let mut seen: HashMap<String, (&str, &Path)> = HashMap::new();
    let ids: Vec<_> = project
        .documents()
        .map(|(c, d)| (d.id(c), d.path.as_path()))
        .collect();
    for (id, file) in &ids {
        match seen.get(&windows_key(id)) {
            Some(&(other, other_file)) if other != id => {
                let other_file = other_file.strip_prefix(&project.root).unwrap_or(other_file);
                out.push(collision(file, id, other_file, other));
            }
            Some(_) => {}
            None => {
                seen.insert(windows_key(id), (id, file));
            }
        }
        let pdf = root.join(OUTPUT_DIR).join(format!("{id}.pdf"));
        let length = windows_length(&pdf);
        if length + BESIDE > WINDOWS_MAX_PATH {
            out.push(too_long(file, id, length));
        }
    }
}

fn collision(file: &Path, id: &str, other_file: &Path, other: &str) -> Problem {
    let how = if id.nfc().eq(other.nfc()) {
        "同じ文字の異なる書き表し方（濁点を別の文字で書いたものなど）の違いだけで、見た目も同じです"
    } else {
        "大文字と小文字の違いだけです"
    };
    Problem::error(
        file,
        format!(
            "この資料の PDF（output/{id}.pdf）は、{} の PDF（output/{other}.pdf）と Windows では同じファイルになります（名前の{how}）。一方がもう一方を上書きするため、作りません。",
            other_file.display()
        ),
    )
    .hint("どちらかの資料のファイル名（または協議会のフォルダ名）を、はっきり違う名前に変えてください。")
}

fn too_long(file: &Path, id: &str, length: usize) -> Problem {
    Problem::warning(
        file,
        format!(
            "この資料の PDF（output/{id}.pdf）のパスは、プロジェクトのフォルダを含めて {length} 文字あります。Windows で書き込めるパスは 260 文字までで、作り直すときには PDF のそばにもっと長い名前のファイルも作るため、{} 文字を超えると Windows では作れないことがあります。",
            WINDOWS_MAX_PATH - BESIDE
        ),
    )
    .hint("協議会のフォルダ名か資料のファイル名を短くするか、プロジェクトのフォルダを C:\\shiryo のような浅い場所に移してください。")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_on_windows_is_one_key() {
        assert_eq!(windows_key("R6-hyoka"), windows_key("r6-hyoka"));
        assert_eq!(windows_key("協議会/が"), windows_key("協議会/か\u{3099}"));
        assert_eq!(windows_key("ａｂ"), windows_key("ＡＢ"));
        assert_ne!(windows_key("r6-hyoka"), windows_key("r6-hyoka2"));
        // Half- and full-width are different names on Windows.
        assert_ne!(windows_key("ab"), windows_key("ａｂ"));
        assert_eq!(windows_key("straße"), "STRAßE");
    }

    #[test]
    fn windows_counts_utf16_units_without_the_verbatim_prefix() {
        assert_eq!(windows_length(Path::new(r"\\?\C:\a\資料.pdf")), 11);
        assert_eq!(windows_length(Path::new(r"\\?\UNC\srv\share\a.pdf")), 17);
        assert_eq!(windows_length(Path::new("/a/\u{1F600}")), 5);
    }
}
