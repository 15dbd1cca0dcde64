//! Structure-aware mutation of the sample content, through the real `shiryo build`.
//!
//! Each mutant drops, duplicates, swaps, retypes or truncates lines and values of one content
//! file, drops or empties a file, or re-encodes it as Windows tools would (Shift_JIS, UTF-16,
//! BOM with CRLF). For every mutant:
//! - no panic, and the process ends;
//! - an error exits 1 with a Japanese message naming the file (and no English prose);
//! - a success exits 0 and prints no error;
//! - after a failure `output/` is byte-identical to what it was.
//!
//! Attached PDFs are mutated by their structure too (cut short, nested deep, objects in a
//! compressed object stream, a page tree that loops, bytes flipped), held to the same rules;
//! a PDF cut short must be refused, never placed as blank pages.
//!
//! The mutations are drawn from a fixed seed, so a failure reproduces; `MUTANTS=n` runs more.

use crate::common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::TempProject;
use common::pdf::{nested, page_objects, pdf, pdf_with_object_stream};
mod attachments;

/// A small deterministic generator (xorshift64*): no dependency, same mutants everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values a field may be retyped to.
const VALUES: &[&str] = &[
    "~",
    "\"\"",
    "[]",
    "{}",
    "-1",
    "4294967296",
    "三十五",
    "2024-02-30",
    "25:99",
    "１－１",
    "true",
    "*nowhere",
    "&a x",
    "\"#set page(width: 1pt)\"",
    "[a, [b, [c]]]",
    "{a: 1, a: 2}",
];

/// One mutation of `text` (the file's bytes): the new bytes (None: delete the file) and what
/// was done.
fn mutate(rng: &mut Rng, text: &str) -> (Option<Vec<u8>>, String) {
    let lines: Vec<&str> = text.lines().collect();
    let n = lines.len().max(1);
    let join = |ls: Vec<&str>| Some(format!("{}\n", ls.join("\n")).into_bytes());
    match rng.below(12) {
        0 => {
            let i = rng.below(n);
            let mut ls = lines.clone();
            if i < ls.len() {
                ls.remove(i);
            }
            (join(ls), format!("drop line {}", i + 1))
        }
        1 => {
            let i = rng.below(n);
            let mut ls = lines.clone();
            if let Some(l) = lines.get(i) {
                ls.insert(i, l);
            }
            (join(ls), format!("duplicate line {}", i + 1))
        }
        2 => {
            let (i, j) = (rng.below(n), rng.below(n));
            let mut ls = lines.clone();
            if i < ls.len() && j < ls.len() {
                ls.swap(i, j);
            }
            (join(ls), format!("swap lines {} and {}", i + 1, j + 1))
        }
        3..=5 => {
            // Retype a value: `key: value` → `key: <other>`.
            let candidates: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].contains(": ") && !lines[i].trim_start().starts_with('#'))
                .collect();
            if candidates.is_empty() {
                return (Some(Vec::new()), "empty".into());
            }
            let i = *rng.pick(&candidates);
            let value = *rng.pick(VALUES);
            let (key, _) = lines[i].split_once(": ").unwrap();
            let line = format!("{key}: {value}");
            let mut ls = lines.clone();
            ls[i] = &line;
            (join(ls), format!("line {}: {value}", i + 1))
        }
        6 => {
            let mut at = rng.below(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            (
                Some(text.as_bytes()[..at].to_vec()),
                format!("truncate at byte {at}"),
            )
        }
        7 => (None, "delete the file".into()),
        8 => (Some(Vec::new()), "empty the file".into()),
        9 => {
            // Shift_JIS-like bytes: not UTF-8.
            let mut b = text.as_bytes().to_vec();
            let at = rng.below(b.len());
            b.insert(at, 0x82);
            b.insert(at + 1, 0xA0);
            (Some(b), "Shift_JIS bytes".into())
        }
        10 => {
            let mut b = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            (Some(b), "UTF-16".into())
        }
        _ => {
            // What Notepad writes: a BOM and CRLF line ends, sometimes a full-width space.
            let mut t = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
            if rng.below(2) == 0 {
                let i = rng.below(n);
                let mut ls: Vec<String> = t.split("\r\n").map(str::to_string).collect();
                if let Some(l) = ls.get_mut(i) {
                    *l = l.replacen(": ", ":\u{3000}", 1);
                }
                t = ls.join("\r\n");
            }
            (Some(t.into_bytes()), "BOM, CRLF (full-width space)".into())
        }
    }
}

fn output_files(p: &TempProject) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(p.path().join("output"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// English prose (two English words in a row) in a message meant for staff, leaving out
/// what the message quotes from the content (「…」).
fn english(message: &str) -> bool {
    let mut own = String::new();
    let mut depth = 0;
    for c in message.chars() {
        match c {
            '「' => depth += 1,
            '」' => depth -= 1,
            c if depth == 0 => own.push(c),
            _ => {}
        }
    }
    own.split(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
        .any(|part| {
            part.split(' ')
                .filter(|w| w.len() >= 2)
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| w.iter().all(|x| x.chars().all(|c| c.is_ascii_lowercase())))
        })
}

/// The assertions every mutant is held to (see the module's documentation): `Ok(true)` for a
/// clean success, `Ok(false)` for a clear refusal, otherwise what was wrong.
fn judge(
    p: &TempProject,
    label: &str,
    code: i32,
    stdout: &str,
    stderr: &str,
    before: &BTreeMap<PathBuf, Vec<u8>>,
) -> Result<bool, Vec<String>> {
    let mut failures = Vec::new();
    let problem_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("エラー: ") || l.starts_with("警告: "))
        .collect();
    let ok = code == 0;
    match code {
        0 => {
            if stderr.contains("エラー: ") {
                failures.push(format!("{label}: exit 0 with an error\n{stderr}"));
            }
        }
        1 => {
            if !stderr.contains("エラー: ") || problem_lines.is_empty() {
                failures.push(format!("{label}: exit 1 without a message\n{stderr}"));
            }
            for l in &problem_lines {
                let (place, message) = l
                    .split_once(": ")
                    .map(|(_, r)| r.split_once(": ").unwrap_or(("", r)))
                    .unwrap();
                let names_file = place.starts_with("content/")
                    || place.starts_with("templates/")
                    || place.starts_with("output/");
                let japanese = message.chars().any(|c| c > '\u{3000}');
                if !names_file || !japanese || english(message) {
                    failures.push(format!("{label}: unclear message: {l}"));
                }
            }
            if &output_files(p) != before {
                failures.push(format!("{label}: output/ changed after a failure"));
            }
            if !stderr.contains("output/ の PDF は変更していません。") {
                failures.push(format!("{label}: no word on output/\n{stderr}"));
            }
        }
        _ => failures.push(format!("{label}: exit {code}\n{stdout}{stderr}")),
    }
    if stderr.contains("panicked") {
        failures.push(format!("{label}: panic\n{stderr}"));
    }
    if failures.is_empty() {
        Ok(ok)
    } else {
        Err(failures)
    }
}

#[test]
fn mutants_never_crash_never_lie_never_touch_output() {
    let count: usize = std::env::var("MUTANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(160);
    let p = TempProject::sample();
    let (code, out, err) = p.run(&["build"]);
    assert_eq!(code, 0, "{out}{err}");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(p.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| e.into_path())
        .collect();
    let mut rng = Rng(0x51A7_0C0F_FEE5_1A70);
    let mut failures = Vec::new();
    let (mut errors, mut successes) = (0, 0);
    for k in 0..count {
        let file = rng.pick(&files).clone();
        let original = std::fs::read(&file).unwrap();
        let text = String::from_utf8(original.clone()).unwrap();
        let (mutated, what) = mutate(&mut rng, &text);
        let rel = file.strip_prefix(p.path()).unwrap().display().to_string();
        match &mutated {
            Some(bytes) => std::fs::write(&file, bytes).unwrap(),
            None => std::fs::remove_file(&file).unwrap(),
        }
        let before = output_files(&p);
        let (code, stdout, stderr) = p.run(&["build"]);
        let label = format!("mutant {k}: {rel}: {what}");
        match judge(&p, &label, code, &stdout, &stderr, &before) {
            Ok(true) => successes += 1,
            Ok(false) => errors += 1,
            Err(mut found) => failures.append(&mut found),
        }
        std::fs::write(&file, &original).unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The mutations reach both outcomes.
    assert!(
        errors > count / 2 && successes > 0,
        "{errors} errors, {successes} successes"
    );
}

/// Names a file or folder may be given by hand, by a copy (「 - コピー」), or by a hostile
/// user; and what a figure may hold instead of a drawing.
const NAMES: &[&str] = &[
    "javascript:alert(1)",
    "a#b",
    "50%",
    "why?",
    "CON",
    "aux.txt",
    "trailing.",
    "trailing ",
    " 先頭の空白",
    "r6-hyoka - コピー",
    "令和６年度",
    "tab\there",
    "line\nbreak",
    "a\\b",
    "<b>",
    "\"q\"",
    "..",
    "...",
    "%2e%2e",
    "ｆｕｌｌ",
];

/// The bytes a figure may be replaced with, and what they are.
fn figure_mutants(svg: &[u8]) -> Vec<(Vec<u8>, &'static str)> {
    let png = |w: u32, h: u32| {
        let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    };
    let svg_with = |inner: &str| {
        format!(r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">{inner}</svg>"#).into_bytes()
    };
    vec![
        (Vec::new(), "empty"),
        (svg[..svg.len() / 2].to_vec(), "cut in half"),
        (png(40_000, 40_000), "a PNG header of 40,000 px square"),
        (b"GIF89a\x01\x00".to_vec(), "a GIF cut short"),
        (svg_with(r#"<image href="/etc/passwd" width="9" height="9"/>"#), "links a file outside"),
        (svg_with(r#"<image xlink:href="../../../../../../dev/zero" width="9" height="9"/>"#), "links /dev/zero"),
        (svg_with(r#"<image href="data:image/png;base64,AAAA" width="9" height="9"/>"#), "a broken data: image"),
        (svg_with(r#"<script>alert(1)</script><rect width="9" height="9" onload="alert(1)"/>"#), "a script"),
        (svg_with(r#"<foreignObject width="9" height="9"><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>"#), "HTML inside"),
        (svg_with(r#"<filter id="f"><feGaussianBlur stdDeviation="900"/></filter><rect filter="url(#f)" width="9" height="9"/>"#), "a filter"),
        (svg_with(&format!("{}{}", "<g>".repeat(5_000), "</g>".repeat(5_000))), "nested 5,000 deep"),
        (svg_with(r#"<a href="javascript:alert(1)"><text y="9">リンク</text></a>"#), "a javascript: link"),
        (b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><text>\x82\xa0</text></svg>".to_vec(), "Shift_JIS"),
    ]
}

/// A page's links and sources: none has a scheme but an image's `data:`.
fn unsafe_links(p: &TempProject) -> Vec<String> {
    let mut wrong = Vec::new();
    for (path, bytes) in output_files(p) {
        if path.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let page = String::from_utf8_lossy(&bytes);
        for attr in ["href=\"", "src=\""] {
            for part in page.split(attr).skip(1) {
                let link = part.split('"').next().unwrap_or_default();
                let first = link.split(['/', '#', '?']).next().unwrap_or_default();
                if first.contains(':') && !link.starts_with("data:image/") {
                    wrong.push(format!("{}: {attr}{link}", path.display()));
                }
            }
        }
    }
    wrong
}

#[test]
fn name_and_figure_mutants_never_crash_never_lie_never_touch_output() {
    let p = TempProject::sample();
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let content = p.path().join("content");
    // What may be renamed: a document, a year's file, a year folder, a council folder, an
    // attachment, the figure.
    let renamed = [
        "koganei-seishin/documents/r6-1-kaigiroku.yaml",
        "niiza-chiiki-ikou/documents/r6-hyoka.yaml",
        "koganei-seishin/2024/members.yaml",
        "koganei-seishin/2024",
        "koganei-seishin",
        "niiza-chiiki-ikou",
        "koganei-seishin/attachments/shien-jokyo.pdf",
        "niiza-chiiki-ikou/figures/nimo-houkatsu.svg",
    ];
    let mut rng = Rng(0x0F11_E5A3_E5C0_FFEE);
    let mut failures = Vec::new();
    let (mut errors, mut successes) = (0, 0);
    let mut judge_run = |label: String, failures: &mut Vec<String>| {
        let before = output_files(&p);
        let (code, stdout, stderr) = p.run(&["build", "--html"]);
        match judge(&p, &label, code, &stdout, &stderr, &before) {
            Ok(true) => {
                successes += 1;
                failures.extend(
                    unsafe_links(&p)
                        .into_iter()
                        .map(|l| format!("{label}: {l}")),
                );
            }
            Ok(false) => errors += 1,
            Err(mut found) => failures.append(&mut found),
        }
    };
    for k in 0..40 {
        let from = content.join(rng.pick(&renamed));
        let name = *rng.pick(NAMES);
        // Keep the extension of a file, as a rename in Explorer does.
        let ext = from
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()))
            .unwrap_or_default();
        let to = from.with_file_name(format!("{name}{ext}"));
        if std::fs::rename(&from, &to).is_err() {
            continue; // a name this file system refuses itself
        }
        let rel = from.strip_prefix(p.path()).unwrap().display().to_string();
        judge_run(
            format!("name mutant {k}: {rel} → {name:?}{ext}"),
            &mut failures,
        );
        std::fs::rename(&to, &from).unwrap();
    }
    let figure = content.join("niiza-chiiki-ikou/figures/nimo-houkatsu.svg");
    let original = std::fs::read(&figure).unwrap();
    for (bytes, what) in figure_mutants(&original) {
        std::fs::write(&figure, &bytes).unwrap();
        judge_run(format!("figure mutant: {what}"), &mut failures);
    }
    std::fs::write(&figure, &original).unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        errors > 10 && successes > 2,
        "{errors} errors, {successes} successes"
    );
}
