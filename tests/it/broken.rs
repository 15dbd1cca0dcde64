//! The corpus of broken inputs: each file under `tests/it/broken/` makes one mistake in a copy of
//! the sample project and records exactly what `shiryo` must answer (messages and exit code).
//!
//! A case file is YAML front matter, a line `---`, and the expected output. Run with
//! `UPDATE_SNAPSHOTS=1 cargo test --test it broken::` to rewrite the expected outputs after an
//! intended change of wording, then review the diff.

use crate::common;

use common::TempProject;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case is about.
    about: String,
    edits: Vec<Edit>,
    /// Command line, `--root` is added.
    #[serde(default = "default_args")]
    args: Vec<String>,
    exit: i32,
}

fn default_args() -> Vec<String> {
    vec!["check".into()]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    #[serde(default)]
    replace: Option<String>,
    #[serde(default)]
    with: Option<String>,
    #[serde(default)]
    write: Option<String>,
    /// Write this many bytes of filler (for size limits).
    #[serde(default)]
    write_bytes: Option<usize>,
    #[serde(default)]
    delete: bool,
    /// Cut the file just before the first occurrence of this text (a save that stopped short).
    #[serde(default)]
    truncate_before: Option<String>,
    /// Put this text before the file's content (a byte-order mark).
    #[serde(default)]
    prepend: Option<String>,
}

fn apply(p: &TempProject, e: &Edit) {
    if e.delete {
        let path = p.path().join(&e.file);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    } else if let Some(cut) = &e.truncate_before {
        let text = p.read(&e.file);
        let at = text.find(cut.as_str()).expect("truncate_before text");
        p.write(&e.file, &text[..at]);
    } else if let Some(head) = &e.prepend {
        let text = p.read(&e.file);
        p.write(&e.file, &format!("{head}{text}"));
    } else if let Some(text) = &e.write {
        p.write(&e.file, text);
    } else if let Some(n) = e.write_bytes {
        p.write(&e.file, &format!("# {}\n", "x".repeat(n)));
    } else {
        let from = e.replace.as_deref().expect("replace");
        p.edit(&e.file, from, e.with.as_deref().unwrap_or(""));
    }
}

#[test]
fn every_broken_input_gets_its_message() {
    let dir = common::repo().join("tests/it/broken");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus has {} cases", files.len());
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let (head, expected) = text
            .split_once("\n---\n")
            .expect("front matter, ---, output");
        let case: Case = serde_yaml::from_str(head).unwrap();
        let p = TempProject::sample();
        for e in &case.edits {
            apply(&p, e);
        }
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let (code, stdout, stderr) = p.run(&args);
        // A message that names the project's folder names a temporary one here.
        let actual = format!("{stderr}{stdout}").replace(&p.path().display().to_string(), "<root>");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if update {
            std::fs::write(&path, format!("{head}\n---\n{actual}")).unwrap();
            continue;
        }
        if code != case.exit || actual != expected {
            failures.push(format!(
                "{name} ({}): exit {code} (expected {})\n--- expected\n{expected}--- actual\n{actual}",
                case.about, case.exit
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Words that send a clerk to someone else: codes, bases, format names, and places counted
/// from 0 (`meetings[3]`). No expected output in the corpus holds one (the corpus is compared
/// with what shiryo says, so neither does shiryo for these cases).
#[test]
fn no_message_speaks_to_engineers() {
    const WORDS: &[&str] = &[
        "U+3000",
        "全角スペース",
        "終了コード",
        "進数",
        "foreignObject",
        "JSON Schema",
        "yaml-language-server",
        "文字列",
        "exit code",
    ];
    let dir = common::repo().join("tests/it/broken");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, expected) = text
            .split_once("\n---\n")
            .expect("front matter, ---, output");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for line in expected.lines() {
            for w in WORDS {
                if line.contains(w) {
                    found.push(format!("{name}: 「{w}」: {line}"));
                }
            }
            // A place counted from 0, as in `meetings[3]` or `[0]`.
            let bytes = line.as_bytes();
            for (i, _) in line.match_indices('[') {
                let digits = bytes[i + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                if digits > 0 && bytes.get(i + 1 + digits) == Some(&b']') {
                    found.push(format!("{name}: a place counted from 0: {line}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
