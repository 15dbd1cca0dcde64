//! Names that become files and links, files a check must not open, and what a root is
//! (issue 19): through the real command line.

use std::path::Path;

use super::common::{TempProject, dom::Dom};
use super::run_bounded;

const MEETINGS: &str = "content/koganei-seishin/2024/meetings.yaml";
const MEIBO: &str = "content/koganei-seishin/documents/r6-meibo.yaml";

/// Percent-decoding of a link (tests only: the program never decodes).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Every `href` and `src` of every page under `output/`: none has a scheme but `data:` (an
/// image's `src`), and each leads to a file that was built beside the page.
pub fn every_link_leads_to_a_built_file(root: &Path) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut links = 0;
    for entry in walkdir::WalkDir::new(root.join("output")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let dom = Dom::parse(&html);
        for (tag, attr) in [("a", "href"), ("img", "src"), ("link", "href")] {
            for el in dom.select(&format!("{tag}[{attr}]")) {
                let link = el.attr(attr).unwrap();
                links += 1;
                let page = entry.path().display();
                if tag == "img" && link.starts_with("data:image/") {
                    continue;
                }
                let path = link.split('#').next().unwrap();
                let scheme = path.split('/').next().unwrap().contains(':');
                if scheme {
                    wrong.push(format!("{page}: {attr}={link:?} has a scheme"));
                    continue;
                }
                if path.contains(['?', '\\', '"', '<', '>', ' ']) {
                    wrong.push(format!("{page}: {attr}={link:?} is not encoded"));
                    continue;
                }
                let target = entry.path().parent().unwrap().join(decode(path));
                if !path.is_empty() && !target.is_file() {
                    wrong.push(format!("{page}: {attr}={link:?} leads nowhere"));
                }
            }
        }
    }
    assert!(links > 0 || wrong.is_empty());
    wrong
}

#[test]
fn a_document_name_never_becomes_a_script_link() {
    let p = TempProject::sample();
    // A name that would be a script link, linked from the packet too.
    let hostile = "content/koganei-seishin/documents/javascript:alert(document.domain).yaml";
    std::fs::rename(p.path().join(MEIBO), p.path().join(hostile)).unwrap();
    p.edit(
        MEETINGS,
        "document: r6-meibo",
        "document: \"javascript:alert(document.domain)\"",
    );
    let (code, out) = run_bounded(&p, &["build", "--html"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("javascript:alert(document.domain).yaml"),
        "{out}"
    );
    assert!(out.contains("ファイルの名前"), "{out}");
    assert!(out.contains("「:」"), "{out}");
    assert!(!p.path().join("output").exists());
}

#[test]
fn names_unsafe_on_windows_are_refused_with_their_file() {
    let p = TempProject::sample();
    let long = "長".repeat(70);
    for (name, says) in [
        ("CON.yaml", "予約"),
        ("lpt3.yaml", "予約"),
        ("a\\b.yaml", "「\\」"),
        ("what?.yaml", "「?」"),
        ("tab\there.yaml", "制御文字"),
        ("end .yaml", "空白で終わって"),
        (&format!("{long}.yaml"), "長すぎます"),
    ] {
        let path = p
            .path()
            .join("content/koganei-seishin/documents")
            .join(name);
        std::fs::rename(p.path().join(MEIBO), &path).unwrap();
        let (code, out) = run_bounded(&p, &["check"]);
        assert_eq!(code, 1, "{name}: {out}");
        assert!(out.contains(says), "{name}: {out}");
        assert!(
            out.lines().any(
                |l| l.starts_with("エラー: content/koganei-seishin/documents/")
                    && l.contains("名前を")
                    || l.contains("名前が")
            ),
            "{name}: {out}"
        );
        std::fs::rename(&path, p.path().join(MEIBO)).unwrap();
    }
    // A council folder's name is a folder under output/: the same rules.
    std::fs::rename(
        p.path().join("content/minato-kyogikai"),
        p.path().join("content/minato:kyogikai"),
    )
    .unwrap();
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("エラー: content/minato:kyogikai"), "{out}");
    assert!(out.contains("フォルダの名前"), "{out}");
}

#[test]
fn names_with_hash_and_percent_link_to_their_files() {
    let p = TempProject::sample();
    let name = "r6#meibo 100%";
    std::fs::rename(
        p.path().join(MEIBO),
        p.path()
            .join(format!("content/koganei-seishin/documents/{name}.yaml")),
    )
    .unwrap();
    // The packet links the member list's page.
    p.edit(
        MEETINGS,
        "document: r6-meibo",
        &format!("document: \"{name}\""),
    );
    let (code, out) = run_bounded(&p, &["build", "--html"]);
    assert_eq!(code, 0, "{out}");
    let page = p.read(&format!("output/koganei-seishin/{name}.html"));
    assert!(page.contains("href=\"r6%23meibo%20100%25.pdf\""), "{page}");
    let packet_page = p.read("output/koganei-seishin/r6-1-shiryo.html");
    assert!(
        packet_page.contains("href=\"r6%23meibo%20100%25.html\""),
        "{packet_page}"
    );
    let wrong = every_link_leads_to_a_built_file(p.path());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[cfg(unix)]
#[test]
fn the_svg_check_opens_no_file_the_svg_links() {
    let p = TempProject::sample();
    let outside = tempfile::tempdir().unwrap();
    let fifo = outside.path().join("never.png");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: skipped");
        return;
    }
    // An absolute link to a pipe outside: opening it would hang the build for ever.
    p.write(
        "content/niiza-chiiki-ikou/figures/linked.svg",
        &format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="{}" width="10" height="10"/></svg>"#,
            fifo.display()
        ),
    );
    p.edit(
        "content/niiza-chiiki-ikou/documents/r6-hyoka.yaml",
        "file: figures/nimo-houkatsu.svg",
        "file: figures/linked.svg",
    );
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("協議会のフォルダの外"), "{out}");
    assert!(!p.path().join("output").exists());
}

#[test]
fn a_root_is_a_folder_with_content_templates_and_fonts() {
    // `--root /` on a machine with `/content`: a folder with content/ only is not a project.
    let dir = tempfile::tempdir().unwrap();
    let sample = TempProject::sample();
    std::fs::rename(sample.path().join("content"), dir.path().join("content")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("shiryo のプロジェクトではありません"), "{err}");
    assert!(err.contains("templates・fonts"), "{err}");
    assert!(!dir.path().join("output").exists());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(["changes", "koganei-seishin", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("shiryo のプロジェクトではありません"), "{err}");
}

#[test]
fn names_that_deceive_or_are_windows_devices_are_refused_with_their_file() {
    let p = TempProject::sample();
    let documents = p.path().join("content/koganei-seishin/documents");
    for (name, says) in [
        // Shown by most viewers as 「r6-1-kaigiexe.jpg.pdf」.
        ("r6-1-kaigi\u{202E}gpj.exe", "向きを変える"),
        ("r6\u{200E}meibo", "向きを変える"),
        ("r6\u{2067}meibo", "向きを変える"),
        ("r6\u{200B}meibo", "目に見えない文字（U+200B）"),
        ("r6\u{200C}meibo", "目に見えない文字（U+200C）"),
        ("r6\u{200D}meibo", "目に見えない文字（U+200D）"),
        ("\u{FEFF}r6-meibo", "目に見えない文字（U+FEFF）"),
        ("r6-mei\u{AD}bo", "目に見えない文字（U+00AD）"),
        ("r6-meibo\u{E0041}", "目に見えない文字（U+E0041）"),
        ("r6\u{2028}meibo", "目に見えない文字（U+2028）"),
        ("COM¹", "予約"),
        ("lpt³", "予約"),
        ("CONIN$", "予約"),
        ("conout$.r6", "予約"),
    ] {
        let path = documents.join(format!("{name}.yaml"));
        std::fs::rename(p.path().join(MEIBO), &path).unwrap();
        let (code, out) = run_bounded(&p, &["check"]);
        assert_eq!(code, 1, "{name:?}: {out}");
        let shown: String = name
            .chars()
            .map(|c| match c {
                '\u{200E}'
                | '\u{2067}'
                | '\u{202E}'
                | '\u{200B}'..='\u{200D}'
                | '\u{FEFF}'
                | '\u{AD}'
                | '\u{E0041}'
                | '\u{2028}' => format!("<U+{:04X}>", c as u32),
                c => c.to_string(),
            })
            .collect();
        let line =
            format!("エラー: content/koganei-seishin/documents/{shown}.yaml: ファイルの名前が");
        assert!(out.contains(&line), "{name:?}: {line}\n{out}");
        assert!(out.contains(says), "{name:?}: {out}");
        // The name is shown, never printed as it is.
        if shown != name {
            assert!(!out.contains(name), "{name:?}: {out}");
        }
        std::fs::rename(&path, p.path().join(MEIBO)).unwrap();
    }
    // A council folder's name is a folder under output/: the same rules.
    std::fs::rename(
        p.path().join("content/minato-kyogikai"),
        p.path().join("content/minato\u{202E}kyogikai"),
    )
    .unwrap();
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("エラー: content/minato<U+202E>kyogikai: フォルダの名前が"),
        "{out}"
    );
    assert!(!p.path().join("output").exists());
}

/// Two documents whose PDFs are one file on Windows: each pair refused, naming both files.
#[test]
fn names_one_file_on_windows_are_refused() {
    let p = TempProject::sample();
    let documents = p.path().join("content/koganei-seishin/documents");
    // Letter case: R6-meibo.yaml beside r6-meibo.yaml.
    std::fs::copy(p.path().join(MEIBO), documents.join("R6-meibo.yaml")).unwrap();
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "エラー: content/koganei-seishin/documents/r6-meibo.yaml: この資料の PDF（output/koganei-seishin/r6-meibo.pdf）は、content/koganei-seishin/documents/R6-meibo.yaml の PDF（output/koganei-seishin/R6-meibo.pdf）と Windows では同じファイルになります（名前の大文字と小文字の違いだけです）"
        ),
        "{out}"
    );
    assert!(!p.path().join("output").exists());
    std::fs::remove_file(documents.join("R6-meibo.yaml")).unwrap();
    // NFC beside NFD: 「が」 as one character, and as 「か」 and a combining mark.
    for name in ["会議\u{304C}", "会議\u{304B}\u{3099}"] {
        std::fs::copy(p.path().join(MEIBO), documents.join(format!("{name}.yaml"))).unwrap();
    }
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("と Windows では同じファイルになります"),
        "{out}"
    );
    assert!(out.contains("書き表し方"), "{out}");
    for name in ["会議\u{304C}", "会議\u{304B}\u{3099}"] {
        std::fs::remove_file(documents.join(format!("{name}.yaml"))).unwrap();
    }
    // Council folders that differ in case only: their PDFs are one file too.
    super::common::copy_dir(
        &p.path().join("content/niiza-chiiki-ikou"),
        &p.path().join("content/Niiza-chiiki-ikou"),
    );
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("（output/niiza-chiiki-ikou/r6-hyoka.pdf）は、content/Niiza-chiiki-ikou/documents/r6-hyoka.yaml の PDF（output/Niiza-chiiki-ikou/r6-hyoka.pdf）と Windows では同じファイル"),
        "{out}"
    );
}

#[test]
fn an_output_path_too_long_for_windows_is_warned_about() {
    let p = TempProject::sample();
    let council = format!("niiza-{}", "c".repeat(120));
    let name = format!("r6-{}", "d".repeat(120));
    std::fs::rename(
        p.path().join("content/niiza-chiiki-ikou"),
        p.path().join("content").join(&council),
    )
    .unwrap();
    let documents = p.path().join("content").join(&council).join("documents");
    std::fs::rename(
        documents.join("r6-hyoka.yaml"),
        documents.join(format!("{name}.yaml")),
    )
    .unwrap();
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 0, "a warning: {out}");
    let pdf = p
        .path()
        .join("output")
        .join(&council)
        .join(format!("{name}.pdf"));
    let length = pdf.to_string_lossy().encode_utf16().count();
    assert!(
        out.contains(&format!(
            "警告: content/{council}/documents/{name}.yaml: この資料の PDF（output/{council}/{name}.pdf）のパスは、プロジェクトのフォルダを含めて {length} 文字あります。Windows で書き込めるパスは 260 文字まで"
        )),
        "{out}"
    );
    assert!(out.contains("ファイル名を短くするか"), "{out}");
    assert!(out.contains("エラー 0 件、警告 1 件"), "{out}");
}

#[cfg(unix)]
#[test]
fn the_lock_file_is_never_created_through_a_link() {
    let p = TempProject::sample();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("made-by-shiryo");
    std::fs::create_dir_all(p.path().join("output")).unwrap();
    std::os::unix::fs::symlink(&target, p.path().join("output/.shiryo-lock")).unwrap();
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("エラー: output/.shiryo-lock: output の中の .shiryo-lock はリンク（ショートカット）のため、その先には書き込みません。"),
        "{out}"
    );
    assert!(!target.exists(), "the link's target was created");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    assert!(
        !p.path()
            .join("output/koganei-seishin/r6-meibo.pdf")
            .exists(),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn schema_writes_through_no_link() {
    let p = TempProject::sample();
    let outside = tempfile::tempdir().unwrap();
    // The schema folder a link to a folder outside.
    std::os::unix::fs::symlink(outside.path(), p.path().join("schema")).unwrap();
    let (code, stdout, stderr) = p.run(&["schema"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains(
            "エラー: schema: schema はリンク（ショートカット）のため、その先には書き込みません。"
        ),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    assert!(!p.path().join("docs/templates.md").exists(), "all or none");
    // One schema file a link to a file outside; docs/ a link to a missing folder.
    std::fs::remove_file(p.path().join("schema")).unwrap();
    std::fs::create_dir(p.path().join("schema")).unwrap();
    let secret = outside.path().join("secret.json");
    std::fs::write(&secret, "not ours").unwrap();
    std::os::unix::fs::symlink(&secret, p.path().join("schema/goals.schema.json")).unwrap();
    let (code, _, stderr) = p.run(&["schema"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("schema/goals.schema.json はリンク"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&secret).unwrap(), b"not ours");
    std::fs::remove_file(p.path().join("schema/goals.schema.json")).unwrap();
    let missing = outside.path().join("docs");
    std::os::unix::fs::symlink(&missing, p.path().join("docs")).unwrap();
    let (code, _, stderr) = p.run(&["schema"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("docs はリンク"), "{stderr}");
    assert!(!missing.exists());
    // Without links every file is written.
    std::fs::remove_file(p.path().join("docs")).unwrap();
    let (code, stdout, stderr) = p.run(&["schema"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("schema/goals.schema.json"), "{stdout}");
    assert!(p.path().join("docs/templates.md").is_file());
}
