//! Hostile and careless inputs through the real command line: files that lead out of the
//! project, pipes, images that would not fit in memory, a build that cannot replace a PDF,
//! what a killed build left behind, and metadata that must be plain text.

use crate::common;
mod links;
mod messages;
mod pdfs;
mod scale;

use std::time::{Duration, Instant};

use common::TempProject;
mod interrupted;

const REPORT: &str = "content/niiza-chiiki-ikou/documents/r6-hyoka.yaml";
const MEMBERS: &str = "content/niiza-chiiki-ikou/2024/members.yaml";

/// Runs the command line, failing the test (not hanging it) if it takes over a minute.
fn run_bounded(p: &TempProject, args: &[&str]) -> (i32, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(args)
        .arg("--root")
        .arg(p.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("shiryo {args:?} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        ),
    )
}

/// A PNG header declaring `w` × `h` pixels (no pixel data: the size is all a decoder needs
/// to try to allocate).
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    b.extend_from_slice(b"IHDR");
    b.extend_from_slice(&w.to_be_bytes());
    b.extend_from_slice(&h.to_be_bytes());
    b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    b
}

fn use_figure(p: &TempProject, file: &str) {
    p.edit(
        REPORT,
        "file: figures/nimo-houkatsu.svg",
        &format!("file: {file}"),
    );
}

#[cfg(unix)]
#[test]
fn nothing_is_read_through_links_out_of_the_project() {
    let p = TempProject::sample();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("members.yaml");
    std::fs::write(&secret, "members:\n  - organization: SECRET-ORGANISATION\n").unwrap();
    std::fs::remove_file(p.path().join(MEMBERS)).unwrap();
    std::os::unix::fs::symlink(&secret, p.path().join(MEMBERS)).unwrap();
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("プロジェクトのフォルダの外にある"), "{out}");
    assert!(!out.contains("SECRET"), "{out}");
    assert!(!p.path().join("output").exists());

    // A link to a system file: refused, and nothing of it echoed.
    std::fs::remove_file(p.path().join(MEMBERS)).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", p.path().join(MEMBERS)).unwrap();
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("root:"), "{out}");

    // A year folder that links out.
    std::fs::remove_file(p.path().join(MEMBERS)).unwrap();
    std::fs::copy(common::repo().join(MEMBERS), p.path().join(MEMBERS)).unwrap();
    std::fs::write(outside.path().join("goals.yaml"), "components: []\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path(),
        p.path().join("content/niiza-chiiki-ikou/2026"),
    )
    .unwrap();
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("content/niiza-chiiki-ikou/2026"), "{out}");

    // A template that links out.
    std::fs::remove_file(p.path().join("content/niiza-chiiki-ikou/2026")).unwrap();
    std::fs::write(outside.path().join("x.typ.j2"), "secret").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("x.typ.j2"),
        p.path().join("templates/x.typ.j2"),
    )
    .unwrap();
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("templates/x.typ.j2"), "{out}");
}

#[cfg(unix)]
#[test]
fn a_pipe_in_place_of_an_attachment_does_not_hang() {
    let p = TempProject::sample();
    let pdf = p
        .path()
        .join("content/koganei-seishin/attachments/kadai-matome.pdf");
    std::fs::remove_file(&pdf).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&pdf).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: skipped");
        return;
    }
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("普通のファイルではありません"), "{out}");
}

#[test]
fn images_too_large_to_decode_are_refused_from_their_header() {
    let p = TempProject::sample();
    std::fs::write(
        p.path().join("content/niiza-chiiki-ikou/figures/big.png"),
        png_header(100_000, 100_000),
    )
    .unwrap();
    use_figure(&p, "figures/big.png");
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("{REPORT}:19")) && out.contains("100000 × 100000"),
        "{out}"
    );

    // The same, embedded in an SVG.
    let p = TempProject::sample();
    let png = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        png_header(60_000, 60_000),
    );
    p.write(
        "content/niiza-chiiki-ikou/figures/big.svg",
        &format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image width="10" height="10" href="data:image/png;base64,{png}"/></svg>"#
        ),
    );
    use_figure(&p, "figures/big.svg");
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("SVG の中の画像: 画像が大きすぎます"), "{out}");
}

#[test]
fn a_broken_svg_is_reported_in_japanese_at_the_yaml_line() {
    let p = TempProject::sample();
    p.write(
        "content/niiza-chiiki-ikou/figures/broken.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n</svg>\n",
    );
    use_figure(&p, "figures/broken.svg");
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{REPORT}:19")), "{out}");
    assert!(out.contains("SVG（XML）の書き方に誤りがあります"), "{out}");
    assert!(!out.contains("failed to parse"), "{out}");
}

#[test]
fn minutes_and_agenda_need_their_record() {
    let p = TempProject::sample();
    p.write(
        "content/koganei-seishin/2024/meetings.yaml",
        "meetings:\n  - number: 1\n    date: 2024-05-23\n    start: \"10:00\"\n    materials:\n      - title: 次第\n        agenda: true\n",
    );
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("content/koganei-seishin/2024/meetings.yaml:2:5: 第１回の会議結果（agenda の record）が書かれていないため、会議録が空になります。"),
        "{out}"
    );
    assert!(out.contains("次第が空になります"), "{out}");
}

/// The XMP metadata packet of a PDF.
fn xmp(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("<x:xmpmeta").expect("XMP metadata");
    let end = text[start..].find("</x:xmpmeta>").unwrap() + start;
    text[start..end].to_string()
}

#[test]
fn metadata_is_plain_text() {
    let p = TempProject::sample();
    // Meetings of 令和１０年度 (a two-digit era year), a council name with brackets and a
    // control character.
    let council = "content/koganei-seishin";
    std::fs::rename(
        p.path().join(format!("{council}/2024")),
        p.path().join(format!("{council}/2028")),
    )
    .unwrap();
    let meetings = format!("{council}/2028/meetings.yaml");
    let text = p
        .read(&meetings)
        .replace("2024-", "2028-")
        .replace("2025-", "2029-");
    p.write(&meetings, &text);
    for doc in ["r6-1-kaigiroku", "r6-1-shidai", "r6-1-shiryo", "r6-meibo"] {
        let path = format!("{council}/documents/{doc}.yaml");
        let text = p.read(&path).replace("2024", "2028");
        p.write(&path, &text);
    }
    p.edit(
        &format!("{council}/council.yaml"),
        "name: 小金井市精神保健福祉連絡協議会",
        "name: \"小金井市(仮称)精神保健福祉\\x01連絡協議会\"",
    );
    let (code, out) = run_bounded(&p, &["build", "r6-1-kaigiroku"]);
    assert_eq!(code, 0, "{out}");
    let pdf = std::fs::read(p.path().join("output/koganei-seishin/r6-1-kaigiroku.pdf")).unwrap();
    let meta = xmp(&pdf);
    assert!(
        meta.contains("令和１０年度 第１回小金井市(仮称)精神保健福祉連絡協議会 会議録（要点記録）"),
        "{meta}"
    );
    assert!(!meta.contains("#box") && !meta.contains('\\'), "{meta}");
    assert!(
        !meta
            .chars()
            .any(|c| c.is_control() && !"\n\r\t".contains(c)),
        "control characters in the XMP packet"
    );
}

#[test]
fn a_build_that_cannot_replace_one_pdf_changes_none() {
    let p = TempProject::sample();
    assert_eq!(run_bounded(&p, &["build"]).0, 0);
    let snapshot = || common::snapshot(&p.path().join("output"));
    // The koganei documents come first and would change; the niiza report cannot be replaced
    // (a folder with something in it stands at its path).
    p.edit(
        "content/koganei-seishin/council.yaml",
        "name: 小金井市精神保健福祉連絡協議会",
        "name: 小金井市精神保健福祉連絡会議",
    );
    let report = p.path().join("output/niiza-chiiki-ikou/r6-hyoka.pdf");
    std::fs::remove_file(&report).unwrap();
    std::fs::create_dir_all(report.join("x")).unwrap();
    let before = snapshot();
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(snapshot(), before, "output/ changed: {out}");
    assert!(
        out.contains("output/niiza-chiiki-ikou/r6-hyoka.pdf"),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l
            .starts_with("誤りのない資料も、そろって作れるまで書き込んでいません: ")
            && l.contains("koganei-seishin/r6-1-kaigiroku")),
        "{out}"
    );
    assert!(
        out.trim_end()
            .ends_with("output/ の PDF は変更していません。")
            || out.contains("output/ の PDF は変更していません。"),
        "{out}"
    );
}

#[test]
fn what_a_killed_build_left_is_cleared() {
    let p = TempProject::sample();
    let dir = p.path().join("output/niiza-chiiki-ikou");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".shiryo-Ab12Cd.tmp"), "half a PDF").unwrap();
    std::fs::write(dir.join(".shiryo-backup-r6-hyoka.pdf"), "the old PDF").unwrap();
    let (code, out) = run_bounded(&p, &["build", "r6-hyoka"]);
    assert_eq!(code, 0, "{out}");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".shiryo-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(
        std::fs::read(dir.join("r6-hyoka.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}

#[test]
fn japanese_folder_names_build() {
    let p = TempProject::sample();
    std::fs::create_dir_all(p.path().join("content/新座市")).unwrap();
    std::fs::rename(
        p.path().join("content/niiza-chiiki-ikou"),
        p.path().join("content/新座市/地域移行・定着支援部会"),
    )
    .unwrap();
    let (code, out) = run_bounded(&p, &["build", "r6-hyoka"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        p.path()
            .join("output/新座市/地域移行・定着支援部会/r6-hyoka.pdf")
            .is_file(),
        "{out}"
    );
}

#[test]
fn a_root_that_does_not_exist_is_named() {
    let p = TempProject::empty();
    let missing = p.path().join("どこにもない");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(["build", "--root"])
        .arg(&missing)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("どこにもない"), "{err}");
    assert!(err.contains("見つかりません"), "{err}");
}

#[test]
fn a_template_that_never_ends_is_stopped() {
    let p = TempProject::sample();
    p.edit(
        "templates/agenda.typ.j2",
        "{% import \"common.typ.j2\" as common %}",
        "{% import \"common.typ.j2\" as common %}{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    );
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("templates/agenda.typ.j2"), "{out}");
    assert!(out.contains("テンプレートの処理が長すぎる"), "{out}");
}

/// A small PNG whose colour profile (iCCP) inflates to 64 MB: refused at the figure's line
/// before the decoder inflates it.
#[test]
fn a_png_whose_colour_profile_inflates_without_bound_is_refused_at_its_line() {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&vec![0u8; 64 * 1024 * 1024]).unwrap();
    let profile = z.finish().unwrap();
    let mut png = png_header(10, 10);
    let mut chunk = b"icc\0\0".to_vec();
    chunk.extend_from_slice(&profile);
    png.extend_from_slice(&(chunk.len() as u32).to_be_bytes());
    png.extend_from_slice(b"iCCP");
    png.extend_from_slice(&chunk);
    png.extend_from_slice(&[0; 4]);
    let p = TempProject::sample();
    std::fs::write(
        p.path().join("content/niiza-chiiki-ikou/figures/icc.png"),
        &png,
    )
    .unwrap();
    use_figure(&p, "figures/icc.png");
    for command in ["check", "build"] {
        let (code, out) = run_bounded(&p, &[command]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!("{REPORT}:19"))
                && out.contains("icc.png")
                && out.contains("展開すると大きすぎます"),
            "{command}: {out}"
        );
    }
}

/// Sizes and places no page could hold (a font size of 10^30) would be written into the PDF
/// as numbers readers reject: refused at the figure's line.
#[test]
fn an_svg_with_extreme_sizes_is_refused_at_its_line() {
    for inner in [
        r#"<text x="10" y="50" font-size="1e30">図</text>"#,
        r#"<rect width="1e30" height="10"/>"#,
        r#"<g transform="scale(1e20)"><rect width="10" height="10"/></g>"#,
    ] {
        let p = TempProject::sample();
        p.write(
            "content/niiza-chiiki-ikou/figures/huge.svg",
            &format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">{inner}</svg>"#
            ),
        );
        use_figure(&p, "figures/huge.svg");
        let (code, out) = run_bounded(&p, &["build"]);
        assert_eq!(code, 1, "{inner}: {out}");
        assert!(
            out.contains(&format!("{REPORT}:19")) && out.contains("とても大きい値"),
            "{inner}: {out}"
        );
    }
}

/// An SVG that links itself, or two that link each other: the figure's YAML line is named,
/// not the template typst would blame.
#[test]
fn an_svg_that_links_itself_is_refused_at_the_figures_line() {
    let svg = |href: &str| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><image href="{href}" width="50" height="50"/></svg>"#
        )
    };
    for (files, figure) in [
        (vec![("self.svg", svg("self.svg"))], "figures/self.svg"),
        (
            vec![("a.svg", svg("b.svg")), ("b.svg", svg("a.svg"))],
            "figures/a.svg",
        ),
    ] {
        let p = TempProject::sample();
        for (name, text) in &files {
            p.write(&format!("content/niiza-chiiki-ikou/figures/{name}"), text);
        }
        use_figure(&p, figure);
        let (code, out) = run_bounded(&p, &["build"]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!("{REPORT}:19")) && out.contains("参照が輪になっている"),
            "{out}"
        );
        assert!(!out.contains("templates/"), "{out}");
    }
}

#[test]
fn svg_filters_and_images_under_other_names_are_refused_quickly() {
    let p = TempProject::sample();
    p.write(
        "content/niiza-chiiki-ikou/figures/slow.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><filter id="f"><feMorphology operator="dilate" radius="500"/></filter><rect width="100" height="100" fill="red" filter="url(#f)"/></svg>"#,
    );
    use_figure(&p, "figures/slow.svg");
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("フィルタ効果"), "{out}");

    // A huge PNG named .dat, linked from an SVG.
    let p = TempProject::sample();
    std::fs::write(
        p.path().join("content/niiza-chiiki-ikou/figures/big.dat"),
        png_header(16_000, 16_000),
    )
    .unwrap();
    p.write(
        "content/niiza-chiiki-ikou/figures/link.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100"><image xlink:href="big.dat" width="100" height="100"/></svg>"#,
    );
    use_figure(&p, "figures/link.svg");
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("failed to"), "{out}");
    assert!(
        out.contains(&format!("{REPORT}:19"))
            && out.contains("SVG の中で参照している big.dat: 画像が大きすぎます"),
        "{out}"
    );
}

#[test]
fn attached_pdfs_that_would_exhaust_the_reader_are_refused() {
    let p = TempProject::sample();
    let pdf = "content/koganei-seishin/attachments/shien-jokyo.pdf";
    // Nested 200,000 deep: a reader would overflow its stack.
    let deep = format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Foo {} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        "[".repeat(200_000)
    );
    p.write(pdf, &deep);
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("PDF の中の入れ子が深すぎます"), "{out}");
    assert!(!out.contains("overflow"), "{out}");
}
