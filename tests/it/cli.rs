//! The command line as staff use it: what `build` prints and writes, and that a failed build
//! never costs them the last good PDF.

use crate::common;
mod new_council;

use common::TempProject;

const PDF: &str = "output/niiza-chiiki-ikou/r6-hyoka.pdf";

#[test]
fn build_writes_the_pdf_and_says_where() {
    let p = TempProject::sample();
    let (code, stdout, stderr) = p.run(&["build", "--emit-typst"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(&format!("作成: {PDF}（")), "{stdout}");
    assert!(stdout.contains("ページ、"), "{stdout}");
    let pdf = std::fs::read(p.path().join(PDF)).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p.path().join(PDF))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o044, 0o044, "others can read the PDF ({mode:o})");
    }
    let typ = p.read("output/niiza-chiiki-ikou/r6-hyoka.typ");
    assert!(typ.contains("#set document("));
    // Naming one document builds just that one.
    let (code, stdout, _) = p.run(&["build", "r6-hyoka"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.matches("作成:").count(), 1);
    let (code, _, stderr) = p.run(&["build", "no-such-document"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("資料 no-such-document が見つかりません。"),
        "{stderr}"
    );
}

#[test]
fn a_failed_build_leaves_the_last_good_pdf_untouched() {
    let p = TempProject::sample();
    assert_eq!(p.run(&["build"]).0, 0);
    let before = std::fs::read(p.path().join(PDF)).unwrap();
    let listing = || {
        let mut names: Vec<String> = walkdir::WalkDir::new(p.path().join("output"))
            .into_iter()
            .map(|e| e.unwrap().path().display().to_string())
            .collect();
        names.sort();
        names
    };
    let files_before = listing();

    // A content mistake, a template mistake and a Typst mistake: each fails, nothing changes.
    let breakages = [
        (
            "content/niiza-chiiki-ikou/2024/meetings.yaml",
            "date: 2024-04-18",
            "date: 2024-02-30",
        ),
        (
            "templates/annual_report.typ.j2",
            "[{{ doc.date | wareki }}]",
            "[{{ doc.nothing }}]",
        ),
        (
            "templates/annual_report.typ.j2",
            "#align(right)[{{ doc.date",
            "#alin(right)[{{ doc.date",
        ),
    ];
    for (file, from, to) in breakages {
        p.edit(file, from, to);
        let (code, stdout, stderr) = p.run(&["build"]);
        assert_eq!(code, 1, "{file}: {stdout}{stderr}");
        assert!(
            stderr.contains("output/ の PDF は変更していません。"),
            "{stderr}"
        );
        assert_eq!(std::fs::read(p.path().join(PDF)).unwrap(), before, "{file}");
        assert_eq!(
            listing(),
            files_before,
            "no partial or temporary file is left"
        );
        p.edit(file, to, from);
    }
    // The next good save recovers.
    assert_eq!(p.run(&["build"]).0, 0);
}

#[test]
fn an_unwritable_output_folder_is_a_clear_error() {
    let p = TempProject::sample();
    p.write("output", "not a folder");
    let (code, _, stderr) = p.run(&["build"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("出力フォルダを作れません"), "{stderr}");
}

#[test]
fn check_on_the_sample_prints_one_summary_line() {
    let p = TempProject::sample();
    let (code, stdout, stderr) = p.run(&["check"]);
    assert_eq!(code, 0);
    assert_eq!(stderr, "");
    assert_eq!(stdout, "確認しました: 資料 21 件、エラー 0 件、警告 0 件\n");
    assert!(!p.path().join("output").exists(), "check writes nothing");
}

#[test]
fn committed_schemas_are_the_generated_ones() {
    for (name, schema) in shiryo::commands::schema::all() {
        let committed = std::fs::read_to_string(common::repo().join("schema").join(name))
            .unwrap_or_else(|_| panic!("schema/{name} is missing: run `cargo run -- schema`"));
        let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        assert_eq!(
            committed, generated,
            "schema/{name} is stale: run `cargo run -- schema`"
        );
    }
}

/// The template reference for staff is generated from the view types and must be current.
#[test]
fn the_template_reference_is_current() {
    let committed = std::fs::read_to_string(
        common::repo().join(shiryo::commands::schema::reference::REFERENCE_FILE),
    )
    .expect("docs/templates.md is missing: run `cargo run --release -- schema`");
    assert!(
        committed == shiryo::commands::schema::reference::markdown(),
        "docs/templates.md is stale: run `cargo run --release -- schema`"
    );
    // Every value the shipped templates use at the top level is listed.
    for name in [
        "`meeting.date`",
        "`council.style.time`",
        "`doc.figure_path`",
        "`page_numbers`",
    ] {
        assert!(committed.contains(name), "{name}");
    }
}

#[test]
fn command_line_mistakes_and_help_are_in_japanese() {
    let p = TempProject::empty();
    let (code, _, err) = p.run(&["build", "--rot", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("エラー: 知らない指定 --rot があります。"),
        "{err}"
    );
    assert!(!err.contains("Usage") && !err.contains("error:"), "{err}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(["build", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("使い方: shiryo build"), "{help}");
    assert!(
        !help.contains("Usage") && !help.contains("Options") && !help.contains("Print"),
        "{help}"
    );
}

#[test]
#[cfg(unix)]
fn a_console_that_goes_away_is_no_crash() {
    // stdout on a full disk: println! would panic with an English backtrace.
    let p = TempProject::sample();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(["changes", "niiza-chiiki-ikou", "--root"])
        .arg(p.path())
        .env("RUST_BACKTRACE", "1")
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("結果を表示できませんでした"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}
