//! The Word file follows council.yaml's `tables:` as the PDF does: a landscape table in a
//! landscape section of its own, a smaller one in a table style of its size; and no section
//! Word would print as a blank page. Read from the Word file's XML.

use crate::common;
use common::TempProject;

/// The sections of a Word body in order: each one's orientation (true: landscape) and the text
/// of its paragraphs and tables.
pub(super) fn word_sections(document: &str) -> Vec<(bool, String)> {
    use common::docx::W;
    let doc = roxmltree::Document::parse(document).unwrap();
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .unwrap();
    let landscape = |sect: roxmltree::Node| {
        sect.descendants()
            .find(|n| n.has_tag_name((W, "pgSz")))
            .and_then(|n| n.attribute((W, "orient")))
            == Some("landscape")
    };
    let mut sections = Vec::new();
    let mut text = String::new();
    for node in body.children().filter(|n| n.is_element()) {
        text.extend(
            node.descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text()),
        );
        // A section ends at a paragraph holding its properties, or at the body's own.
        if let Some(sect) = node.descendants().find(|n| n.has_tag_name((W, "sectPr"))) {
            sections.push((landscape(sect), std::mem::take(&mut text)));
        }
    }
    sections
}

#[test]
fn the_word_file_turns_and_shrinks_the_tables_the_council_names() {
    let p = TempProject::sample();
    p.edit(
        "content/niiza-chiiki-ikou/council.yaml",
        "report:\n",
        "tables:\n  evaluation: {landscape: true, text_size: 9}\n  goals: {text_size: 8}\nreport:\n",
    );
    p.edit(
        "content/toyonaka-sabetsu/council.yaml",
        "minutes:\n",
        "tables:\n  minutes: {landscape: true, text_size: 9}\nminutes:\n",
    );
    let (code, out, err) = p.run(&["build", "--docx"]);
    assert_eq!(code, 0, "{out}{err}");
    let word = |rel: &str| {
        let bytes = std::fs::read(p.path().join("output").join(rel)).unwrap();
        let parts = common::docx::parts(&bytes);
        common::docx::check_xml(&parts, rel);
        parts
    };
    // The report: 表２ with its lead and caption in a landscape section of its own, between
    // portrait ones; 表３ stays portrait.
    let report = word("niiza-chiiki-ikou/r6-hyoka.docx");
    let sections = word_sections(&report["word/document.xml"]);
    let turned: Vec<bool> = sections.iter().map(|s| s.0).collect();
    assert_eq!(turned, [false, true, false], "{sections:?}");
    assert!(sections[1].1.contains("表２のとおりです"), "{sections:?}");
    assert!(sections[1].1.contains("【表２"), "{sections:?}");
    assert!(!sections[1].1.contains("【表３"), "{sections:?}");
    assert!(sections[2].1.contains("【表３"), "{sections:?}");
    // 表２ as wide as a landscape page in 9 pt text (18 half-points), 表３ portrait in 8 pt.
    let body = &report["word/document.xml"];
    let styles = &report["word/styles.xml"];
    assert_eq!(body.matches("<w:tblW w:w=\"14344\"").count(), 1, "{body}");
    assert_eq!(body.matches("<w:tblStyle w:val=\"Grid18\"/>").count(), 1);
    assert_eq!(body.matches("<w:tblStyle w:val=\"Grid16\"/>").count(), 1);
    for size in ["18", "16"] {
        assert!(
            styles.contains(&format!(
                "<w:style w:type=\"table\" w:styleId=\"Grid{size}\"><w:name w:val=\"Table Grid {size}\"/><w:basedOn w:val=\"Grid\"/><w:rPr><w:sz w:val=\"{size}\"/>"
            )),
            "{styles}"
        );
    }
    // The ruled minutes, a table in the PDF, are paragraphs in Word: every page turned, all
    // text at 9 pt.
    let minutes = word("toyonaka-sabetsu/h29-1-gijigaiyou.docx");
    let sections = word_sections(&minutes["word/document.xml"]);
    assert_eq!(sections.len(), 1);
    assert!(sections[0].0, "{sections:?}");
    assert!(
        minutes["word/styles.xml"].contains("<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/><w:lang"),
        "{}",
        minutes["word/styles.xml"]
    );
    // A council that asks nothing keeps portrait pages and the usual text.
    let other = word("kitamidai-shuro/r6-kekka.docx");
    assert!(
        word_sections(&other["word/document.xml"])
            .iter()
            .all(|s| !s.0)
    );
    assert!(!other["word/document.xml"].contains("Grid1"));
}

#[test]
fn a_report_ending_with_a_landscape_table_leaves_no_blank_page_in_word() {
    // 表２ and 表３ turned, the report ending with 表３: nothing printed after it. (Two breaks
    // with nothing between are dropped too: `render::docx`'s unit test.)
    let p = TempProject::sample();
    let c = "content/niiza-chiiki-ikou";
    p.edit(
        &format!("{c}/council.yaml"),
        "report:\n",
        "tables:\n  evaluation: {landscape: true}\n  goals: {landscape: true}\nreport:\n  sections:\n    - section: evaluation\n      label: 評価\n    - section: goals\n",
    );
    p.write(
        &format!("{c}/documents/r6-hyoka.yaml"),
        "type: annual_report\nmaterial: 資料７\ndate: 2025-03-25\nyear: 2024\nauthor:\n  organization: 新座市地域自立支援協議会\n  title: 部会長\n  name: 高野 通尚\n",
    );
    let (code, out, err) = p.run(&["build", "--docx"]);
    assert_eq!(code, 0, "{out}{err}");
    let bytes = std::fs::read(p.path().join("output/niiza-chiiki-ikou/r6-hyoka.docx")).unwrap();
    let parts = common::docx::parts(&bytes);
    common::docx::check_xml(&parts, "r6-hyoka.docx");
    let sections = word_sections(&parts["word/document.xml"]);
    // The title's portrait section, 表２'s landscape one, the goals' heading on a portrait page,
    // and 表３'s landscape section, the body's own: no section without text after it.
    let turned: Vec<bool> = sections.iter().map(|s| s.0).collect();
    assert_eq!(turned, [false, true, false, true], "{sections:?}");
    assert!(
        sections.iter().all(|s| !s.1.trim().is_empty()),
        "{sections:?}"
    );
    assert!(
        sections[1].1.contains("【表２") && sections[3].1.contains("【表３"),
        "{sections:?}"
    );
}
