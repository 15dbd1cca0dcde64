//! Messages that send staff the right way (issue 19): a pipe where a template should be, a
//! council folder too deep, a folder that cannot be read, HTML inside an SVG figure, a packet
//! too large. Each through the real command line, in bounded time.

use super::common::TempProject;
use super::{REPORT, run_bounded, use_figure};

#[cfg(unix)]
fn fifo(p: &TempProject, rel: &str) {
    let path = p.path().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&path);
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success());
}

#[cfg(unix)]
#[test]
fn a_pipe_in_place_of_a_template_is_named_not_skipped() {
    for rel in [
        "templates/member_list.typ.j2",
        "content/koganei-seishin/templates/minutes_layout.typ.j2",
    ] {
        let p = TempProject::sample();
        fifo(&p, rel);
        let (code, out) = run_bounded(&p, &["build"]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!("エラー: {rel}: 普通のファイルではありません")),
            "{rel}: {out}"
        );
        assert!(!out.contains("見つかりません"), "{out}");
        assert!(!p.path().join("output").exists(), "{out}");
    }
}

#[test]
fn a_council_folder_too_deep_is_named_and_one_less_deep_builds() {
    let p = TempProject::sample();
    let copy = |to: &str| {
        super::common::copy_dir(
            &p.path().join("content/koganei-seishin"),
            &p.path().join(to),
        )
    };
    copy("content/市/福祉/障害/部会/koganei");
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        p.path()
            .join("output/市/福祉/障害/部会/koganei/r6-1-kaigiroku.pdf")
            .is_file(),
        "{out}"
    );
    copy("content/a/b/c/d/e/f/koganei");
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "エラー: content/a/b/c/d/e/f/koganei/council.yaml: 協議会のフォルダが深すぎます"
        ),
        "{out}"
    );
    assert!(!out.contains("council.yaml がないため"), "{out}");
}

/// A year folder its user may not list: said so, not 「goals.yaml を作ってください」. Run as
/// another user when the tests run as root (root reads every folder).
#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_read_is_said_to_be_so() {
    use std::os::unix::fs::PermissionsExt;
    let p = TempProject::sample();
    for e in walkdir::WalkDir::new(p.path()) {
        let e = e.unwrap();
        let mode = if e.file_type().is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let year = p.path().join("content/niiza-chiiki-ikou/2024");
    std::fs::set_permissions(&year, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root = runs_as_root();
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_shiryo"));
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
    };
    let out = cmd.arg("check").arg("--root").arg(p.path()).output();
    std::fs::set_permissions(&year, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = out.expect("setpriv (util-linux) runs the check as another user");
    let text =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "エラー: content/niiza-chiiki-ikou/2024: フォルダを開けません（権限がありません）。"
        ),
        "{text}"
    );
    assert!(!text.contains("を作ってください"), "{text}");
    assert!(!text.contains("がありません。"), "{text}");
}

/// Whether this process runs as root (the owner of `/proc/self`).
#[cfg(unix)]
fn runs_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

#[test]
fn html_inside_an_svg_figure_is_a_warning_at_the_figure_line() {
    let p = TempProject::sample();
    p.write(
        "content/niiza-chiiki-ikou/figures/html.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="gray"/><foreignObject width="100" height="50"><div xmlns="http://www.w3.org/1999/xhtml">文</div></foreignObject></svg>"#,
    );
    use_figure(&p, "figures/html.svg");
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "警告: {REPORT}:19:9（figure の file）: 図のファイル figures/html.svg に、Web ページの書き方で埋め込んだ部分"
        )),
        "{out}"
    );
    assert!(
        !out.contains("foreign") && !out.contains("templates/"),
        "{out}"
    );
}

#[test]
fn a_packet_of_thousands_of_materials_is_refused_at_once() {
    let p = TempProject::sample();
    let meetings = "content/koganei-seishin/2024/meetings.yaml";
    let many: String = (0..3000)
        .map(|i| format!("      - title: 資料{i}\n        file: attachments/shien-jokyo.pdf\n"))
        .collect();
    p.edit(
        meetings,
        "      - title: 精神保健福祉連絡協議会抽出された課題のまとめ\n",
        &format!("{many}      - title: 精神保健福祉連絡協議会抽出された課題のまとめ\n"),
    );
    let started = std::time::Instant::now();
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "エラー: {meetings}:51:5（１番目の会議の materials）: 第１回の資料（materials）が 3004 件あります。"
        )),
        "{out}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_member_list_too_long_for_a_packet_names_the_limit() {
    let p = TempProject::sample();
    let members = "content/koganei-seishin/2024/members.yaml";
    let many: String = (0..14_000)
        .map(|i| format!("  - organization: 団体{i}\n    name: 委員{i}\n    role: 委員\n"))
        .collect();
    p.write(members, &format!("{}{many}", p.read(members)));
    // The packet alone: built with every document, the member list is laid out twice at once
    // (as itself and as the packet's sheet), which passes the memory ceiling first (a refusal
    // of its own, in Japanese).
    let (code, out) = run_bounded(&p, &["build", "koganei-seishin/r6-1-shiryo"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("資料「小金井市精神保健福祉連絡協議会委員名簿」は ")
            && out.contains("資料一式に入れられるのは、１つの資料につき 300 ページまでです。"),
        "{out}"
    );
}

/// Links that loop, and a link whose target's name is too long: in Japanese, once each.
#[cfg(unix)]
#[test]
fn links_that_loop_or_name_too_long_a_file_are_said_in_japanese_once() {
    let p = TempProject::sample();
    let docs = p.path().join("content/niiza-chiiki-ikou/documents");
    std::os::unix::fs::symlink("a.yaml", docs.join("b.yaml")).unwrap();
    std::os::unix::fs::symlink("b.yaml", docs.join("a.yaml")).unwrap();
    std::os::unix::fs::symlink("長".repeat(90), docs.join("c.yaml")).unwrap();
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    let said = |file: &str, why: &str| {
        let line = format!(
            "エラー: content/niiza-chiiki-ikou/documents/{file}: ファイルを読めません（{why}）。"
        );
        assert_eq!(out.matches(&line).count(), 1, "{line}\n{out}");
    };
    said(
        "a.yaml",
        "リンク（ショートカット）がくり返し自分を指しています",
    );
    said("c.yaml", "名前が長すぎるか、名前に使えない文字があります");
    assert!(!out.contains("os error"), "{out}");
}
