//! What a council changes in its Word files: its own template, its outputs, and watch rewriting them.

use super::*;

/// `watch --docx` writes the Word file, and writes it again when only a Word template changed
/// (the PDF and page are the same).
#[test]
fn watch_writes_the_word_file_again_when_its_template_changes() {
    use shiryo::commands::build::{Format, Formats};
    let p = TempProject::sample();
    let root = p.path().to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = std::thread::spawn(move || {
        let only = ["koganei-seishin/r6-meibo".to_string()];
        let formats = Formats::PDF.with(Format::Docx, true);
        shiryo::commands::watch::rounds(&root, &only, Some(2), formats, |r| {
            if let shiryo::commands::watch::Report::Built { .. } = r {
                let _ = tx.send(());
            }
        })
        .unwrap();
    });
    let wait = std::time::Duration::from_secs(120);
    rx.recv_timeout(wait).expect("the first build");
    let file = "output/koganei-seishin/r6-meibo.docx";
    assert!(!docx(&p, file)["word/document.xml"].contains("（当協議会の様式）"));
    p.edit(
        "templates/member_list.docx.j2",
        r#"{{ common.p(as_of, "Right") }}"#,
        r#"{{ common.p(as_of ~ "（当協議会の様式）", "Right") }}"#,
    );
    rx.recv_timeout(wait)
        .expect("a rebuild after the template changed");
    watcher.join().unwrap();
    assert!(docx(&p, file)["word/document.xml"].contains("（当協議会の様式）"));
}

/// A council's own Word template (extending the shipped one) changes that council's Word files
/// only.
#[test]
fn a_council_word_template_changes_that_council_only() {
    let p = TempProject::sample();
    p.write(
        "content/koganei-seishin/templates/minutes_layout.docx.j2",
        "{% extends \"shipped/minutes_layout.docx.j2\" %}\n{% block title %}\n<w:p><w:r><w:t>会議録（当協議会の様式）</w:t></w:r></w:p>\n{% endblock %}\n",
    );
    let (code, out, err) = p.run(&["build", "--docx"]);
    assert_eq!(code, 0, "{out}{err}");
    let own = docx(&p, "output/koganei-seishin/r6-1-kaigiroku.docx");
    assert!(paragraphs(&own["word/document.xml"])[0].contains("（当協議会の様式）"));
    let other = docx(&p, "output/minato-kyogikai/r7-1-kaigiroku.docx");
    assert!(!other["word/document.xml"].contains("当協議会の様式"));
}

/// A council that always wants its web pages and Word files says so once in council.yaml
/// (`outputs`): a plain `build` makes them for that council, and only the PDF for the others.
#[test]
fn a_council_outputs_make_its_pages_and_word_files_without_options() {
    let p = TempProject::sample();
    p.edit(
        "content/minato-kyogikai/council.yaml",
        "\nname: ",
        "\noutputs: [Web ページ, Word]\nname: ",
    );
    let (code, out, err) = p.run(&["build"]);
    assert_eq!(code, 0, "{out}{err}");
    for name in ["r7-1-kaigiroku", "r7-1-shidai", "r7-meibo"] {
        for ext in ["pdf", "html", "docx"] {
            let file = format!("output/minato-kyogikai/{name}.{ext}");
            assert!(p.path().join(&file).is_file(), "{file}:\n{out}");
        }
    }
    assert!(
        out.contains("minato-kyogikai/r7-1-kaigiroku.docx（Word、"),
        "{out}"
    );
    let minutes = docx(&p, "output/minato-kyogikai/r7-1-kaigiroku.docx");
    assert!(
        paragraphs(&minutes["word/document.xml"])
            .concat()
            .contains("会議録")
    );
    let others = std::fs::read_dir(p.path().join("output/koganei-seishin")).unwrap();
    let others: Vec<String> = others
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(others.iter().all(|f| f.ends_with(".pdf")), "{others:?}");
    // An output shiryo does not make is refused in Japanese at its line.
    p.edit(
        "content/minato-kyogikai/council.yaml",
        "outputs: [Web ページ, Word]",
        "outputs: [Excel]",
    );
    let (code, out, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{out}{err}");
    let said = format!("{out}{err}");
    assert!(said.contains("council.yaml:"), "{said}");
    assert!(said.contains("Excel"), "{said}");
}
