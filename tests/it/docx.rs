//! The Word files (`build --docx`): every sample document is made, each part of each file is
//! well-formed XML, the structure staff rely on is there (Word heading styles, a header row
//! that repeats, the merged cells of 表２, A4 with the PDF's margins, the fonts named, the
//! 資料番号 and 案 in the header, page numbers in the footer, title and author in the
//! properties), and generated hostile values come back as text, in order, changing nothing.

use crate::common;
mod members;

use std::collections::BTreeMap;

use common::docx::{W, check_xml, paragraphs, parts};
use common::{TempProject, small_council};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
mod councils;

fn sample_built() -> TempProject {
    let p = TempProject::sample();
    let (code, out, err) = p.run(&["build", "--docx"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(".docx（Word、"), "{out}");
    p
}

fn docx(p: &TempProject, rel: &str) -> BTreeMap<String, String> {
    let bytes = std::fs::read(p.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let parts = parts(&bytes);
    check_xml(&parts, rel);
    parts
}

#[test]
fn every_sample_document_is_written_as_word() {
    let p = sample_built();
    let mut made = 0;
    for e in walkdir::WalkDir::new(p.path().join("output")) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "pdf") {
            let rel = e
                .path()
                .strip_prefix(p.path())
                .unwrap()
                .with_extension("docx");
            let parts = docx(&p, rel.to_str().unwrap());
            for part in [
                "[Content_Types].xml",
                "word/document.xml",
                "word/styles.xml",
                "word/header1.xml",
                "word/footer1.xml",
                "docProps/core.xml",
            ] {
                assert!(parts.contains_key(part), "{rel:?}: {part}");
            }
            // A4, 25 mm top, 22 mm elsewhere; no floating frame or text box.
            let body = &parts["word/document.xml"];
            assert!(body.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
            assert!(body.contains(r#"w:top="1417" w:right="1247" w:bottom="1247" w:left="1247""#));
            for floating in [
                "w:framePr",
                "w:tblpPr",
                "wp:anchor",
                "w:txbxContent",
                "v:textbox",
            ] {
                assert!(!body.contains(floating), "{rel:?}: {floating}");
            }
            assert!(parts["word/footer1.xml"].contains(r#"w:instr=" PAGE ""#));
            made += 1;
        }
    }
    assert!(made >= 10, "only {made} Word files");
    // Without --docx, none.
    let q = TempProject::sample();
    assert_eq!(q.run(&["build", "koganei-seishin/r6-1-kaigiroku"]).0, 0);
    assert!(
        !q.path()
            .join("output/koganei-seishin/r6-1-kaigiroku.docx")
            .exists()
    );
}

#[test]
fn the_report_has_headings_merged_cells_and_repeated_header_rows() {
    let p = sample_built();
    let parts = docx(&p, "output/niiza-chiiki-ikou/r6-hyoka.docx");
    let body = &parts["word/document.xml"];
    let doc = roxmltree::Document::parse(body).unwrap();
    // Chapters in Word's heading style (the navigation pane lists them).
    let headings: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "pStyle")) && n.attribute((W, "val")) == Some("Heading1"))
        .map(|n| {
            let p = n.ancestors().find(|a| a.has_tag_name((W, "p"))).unwrap();
            p.descendants().filter_map(|t| t.text()).collect::<String>()
        })
        .collect();
    assert_eq!(headings.len(), 5, "{headings:?}");
    let styles = &parts["word/styles.xml"];
    assert!(styles.contains(r#"<w:name w:val="heading 1"/>"#));
    assert!(styles.contains(r#"<w:outlineLvl w:val="0"/>"#));
    assert!(styles.contains("BIZ UD明朝") && styles.contains("BIZ UDゴシック"));
    // 表１–表３, each with one header row that repeats.
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .collect();
    assert_eq!(tables.len(), 3);
    for t in &tables {
        let rows: Vec<_> = t.children().filter(|n| n.has_tag_name((W, "tr"))).collect();
        let repeated =
            |r: &roxmltree::Node| r.descendants().any(|n| n.has_tag_name((W, "tblHeader")));
        assert!(repeated(&rows[0]));
        assert!(rows[1..].iter().all(|r| !repeated(r)));
        // Rows of ordinary length stay on one page, as in the PDF (a long one may split: see
        // hostile_values_come_back_as_text).
        assert!(
            rows.iter()
                .all(|r| r.descendants().any(|n| n.has_tag_name((W, "cantSplit"))))
        );
    }
    // 表２: the component and issue cells merged down their goals' rows.
    let merged = |t: &roxmltree::Node, how: Option<&str>| {
        t.descendants()
            .filter(|n| n.has_tag_name((W, "vMerge")) && n.attribute((W, "val")) == how)
            .count()
    };
    assert!(merged(&tables[1], Some("restart")) >= 2);
    assert!(merged(&tables[1], None) >= 2, "no cell continues a merge");
    // The 資料番号 in the header; title and author in the properties.
    let header = paragraphs(&parts["word/header1.xml"]).concat();
    assert!(header.contains("資料"), "{header}");
    let core = &parts["docProps/core.xml"];
    assert!(
        core.contains("<dc:title>") && core.contains("評価結果"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>"), "{core}");
}

/// The report's figure is in the Word file as in the PDF: an inline picture (no floating frame)
/// after its caption, drawn as a PNG from the SVG (which rides along for Word 2016 and later),
/// described by the figure's alternative text, tied to its part by a relationship, with a
/// content type for each kind of image.
#[test]
fn the_report_figure_is_a_picture_in_the_text_flow() {
    let p = sample_built();
    let parts = docx(&p, "output/niiza-chiiki-ikou/r6-hyoka.docx");
    assert!(
        parts["word/media/picture1.png"].contains("[137, 80, 78, 71"),
        "{parts:?}"
    );
    assert!(parts.contains_key("word/media/picture1.svg"));
    let body = &parts["word/document.xml"];
    let doc = roxmltree::Document::parse(body).unwrap();
    const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
    const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
    const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let inline: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((WP, "inline")))
        .collect();
    assert_eq!(inline.len(), 1);
    assert!(!body.contains("wp:anchor"), "no floating frame");
    let alt = inline[0]
        .children()
        .find(|n| n.has_tag_name((WP, "docPr")))
        .and_then(|n| n.attribute("descr"))
        .unwrap();
    assert!(alt.starts_with("精神障害にも対応した地域包括ケアシステムの構築イメージ図。"));
    // 124 mm wide, as the PDF's 75 % of the text width; as tall as the SVG's 800 × 500 says.
    let extent = inline[0]
        .children()
        .find(|n| n.has_tag_name((WP, "extent")))
        .unwrap();
    assert_eq!(extent.attribute("cx"), Some("4464000"));
    assert_eq!(extent.attribute("cy"), Some("2790000"));
    let blip = doc
        .descendants()
        .find(|n| n.has_tag_name((A, "blip")))
        .unwrap();
    let id = blip.attribute((R, "embed")).unwrap();
    let rels = &parts["word/_rels/document.xml.rels"];
    assert!(
        rels.contains(&format!(r#"Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/picture1.png""#)),
        "{rels}"
    );
    let types = &parts["[Content_Types].xml"];
    assert!(types.contains(r#"Extension="png" ContentType="image/png""#));
    assert!(types.contains(r#"Extension="svg" ContentType="image/svg+xml""#));
    // The picture is the paragraph right after its caption.
    let top: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .filter(|n| n.parent().is_some_and(|p| p.has_tag_name((W, "body"))))
        .collect();
    let text = |n: &roxmltree::Node| -> String {
        n.descendants()
            .filter(|t| t.has_tag_name((W, "t")))
            .filter_map(|t| t.text())
            .collect()
    };
    let caption = top
        .iter()
        .position(|n| text(n) == "【にも包括の構築イメージ図】")
        .unwrap();
    assert!(
        top[caption + 1]
            .descendants()
            .any(|d| d.has_tag_name((WP, "inline")))
    );
}

#[test]
fn a_draft_says_so_in_the_header_and_properties() {
    let p = TempProject::sample();
    p.edit(
        "content/koganei-seishin/documents/r6-1-kaigiroku.yaml",
        "meeting: 1\n",
        "meeting: 1\nstatus: draft\n",
    );
    let (code, out, err) = p.run(&["build", "--docx", "koganei-seishin/r6-1-kaigiroku"]);
    assert_eq!(code, 0, "{out}{err}");
    let parts = docx(&p, "output/koganei-seishin/r6-1-kaigiroku.docx");
    assert!(
        paragraphs(&parts["word/header1.xml"])
            .concat()
            .contains('案')
    );
    assert!(parts["docProps/core.xml"].contains("<cp:keywords>案</cp:keywords>"));
}

/// Characters that mean something to XML, to Word or to a line breaker, controls XML cannot
/// hold, and ordinary Japanese text.
const ALPHABET: &str = "<>&\"';/=![]?-#abcXYZ あいう漢字協議会、。「」（）・０１２３\u{3000}";

fn strings(n: usize) -> Vec<String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    let piece = prop_oneof![
        8 => proptest::sample::select(chars).prop_map(String::from),
        1 => proptest::sample::select(vec!["\n", "\r\n", "\t", "\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{2028}"]).prop_map(String::from),
        1 => proptest::sample::select(vec!["</w:t>", "<w:p>", "]]>", "<![CDATA[", "<?xml?>", "<?shiryo-part word/styles.xml?>", "&amp;", "&#0;", "<script>alert(\"x\")</script>", "<img src=x onerror=alert(1)>", "<h1>見出し</h1>"]).prop_map(String::from),
    ];
    let strategy = proptest::collection::vec(piece, 1..10).prop_map(|v| v.concat());
    let mut runner = TestRunner::deterministic();
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// A string as Word shows it: controls and non-characters dropped, whitespace aside.
fn visible(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .filter(|c| !matches!(c, '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'))
        .collect()
}

#[test]
fn hostile_values_come_back_as_text() {
    let strings = strings(300);
    let p = TempProject::empty();
    // The same activity for the structure's sake, and every generated string as one
    // paragraph of 成果と課題.
    small_council(&p, 2, &strings[0], "成果");
    let meetings = serde_yaml::to_string(&serde_json::json!({
        "meetings": [{
            "number": 1, "date": "2024-05-10", "start": "14:00", "end": "16:00",
            "venue": "会議室", "attendance": 10, "activity": strings[0], "outcomes": strings,
        }]
    }))
    .unwrap();
    p.write("content/test/2024/meetings.yaml", &meetings);
    let mut builder = shiryo::commands::build::Builder::new(p.path()).unwrap();
    builder.keep_overflow();
    builder.set_formats(
        shiryo::commands::build::Formats::PDF.with(shiryo::commands::build::Format::Docx, true),
    );
    let (project, _) = builder.load().unwrap_or_else(|e| panic!("{e}"));
    let (c, d) = project.documents().next().unwrap();
    let t = builder.typeset(c, d).unwrap_or_else(|e| panic!("{e}"));
    let parts = parts(t.docx.as_deref().unwrap());
    check_xml(&parts, "hostile");
    let text: String = paragraphs(&parts["word/document.xml"])
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut at = 0;
    for (i, s) in strings.iter().enumerate() {
        let v = visible(s);
        match text[at..].find(&v) {
            Some(found) => at += found + v.len(),
            None => panic!(
                "string {i}: {s:?} not in the Word file as text (looked for {v:?}); next: {:?}",
                text[at..].chars().take(200).collect::<String>()
            ),
        }
    }
    // The meeting's row, 300 paragraphs long, may split over pages; its header row repeats.
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let table1 = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "tbl")))
        .unwrap();
    let rows: Vec<_> = table1
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .collect();
    assert!(
        !rows[1]
            .descendants()
            .any(|n| n.has_tag_name((W, "cantSplit")))
    );
    assert!(
        rows[0]
            .descendants()
            .any(|n| n.has_tag_name((W, "tblHeader")))
    );
    // No value made an element: the body has the tables and paragraphs of a plain report.
    let plain = TempProject::empty();
    small_council(&plain, 2, "活動", "成果");
    let mut b = shiryo::commands::build::Builder::new(plain.path()).unwrap();
    b.set_formats(builder.formats());
    let (project, _) = b.load().unwrap();
    let (c, d) = project.documents().next().unwrap();
    let plain = parts_of(&b.typeset(c, d).unwrap());
    let shape = |body: &str| {
        let doc = roxmltree::Document::parse(body).unwrap();
        let count = |tag: &str| {
            doc.descendants()
                .filter(|n| n.has_tag_name((W, tag)))
                .count()
        };
        let headings = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "pStyle")))
            .filter(|n| {
                n.attribute((W, "val"))
                    .is_some_and(|v| v.starts_with("Heading"))
            })
            .count();
        (count("tbl"), count("tr"), count("tc"), headings)
    };
    assert_eq!(
        shape(&parts["word/document.xml"]),
        shape(&plain["word/document.xml"])
    );
    assert_eq!(
        parts.keys().collect::<Vec<_>>(),
        plain.keys().collect::<Vec<_>>()
    );
}

fn parts_of(t: &shiryo::commands::build::Typeset) -> BTreeMap<String, String> {
    parts(t.docx.as_deref().unwrap())
}

/// Every text field of a small report, one at a time, holding a value that tries to end the
/// text, start a part or a paragraph: the file stays well-formed and the value comes back as
/// text, in the body, the header or the properties (where it is printed).
#[test]
fn hostile_values_in_every_field_are_escaped() {
    let hostile = r#"</w:t></w:r><w:p>&amp;"'<?shiryo-part word/styles.xml?>]]><script>x</script>"#;
    let fields = [
        (
            "content/test/council.yaml",
            "name: テスト市協議会",
            "name: ",
        ),
        ("content/test/council.yaml", "body: テスト部会", "body: "),
        (
            "content/test/2024/goals.yaml",
            "name: 協議の場の設置",
            "name: ",
        ),
        (
            "content/test/2024/goals.yaml",
            "issue: 課題の文章です。",
            "issue: ",
        ),
        (
            "content/test/2025/goals.yaml",
            "activity: 令和７年度の第1目標の文章です。",
            "activity: ",
        ),
        (
            "content/test/2025/goals.yaml",
            "target: 目標値1を年１回以上実施",
            "target: ",
        ),
        (
            "content/test/documents/report.yaml",
            "title: テスト部会長",
            "title: ",
        ),
        (
            "content/test/documents/report.yaml",
            "name: 山田 太郎",
            "name: ",
        ),
        (
            "content/test/documents/report.yaml",
            "[はじめの文章です。]",
            "",
        ),
    ];
    let value = serde_json::to_string(hostile).unwrap();
    for (file, from, key) in fields {
        let p = TempProject::empty();
        small_council(&p, 2, "活動", "成果");
        let to = if key.is_empty() {
            format!("[{value}]")
        } else {
            format!("{key}{value}")
        };
        p.edit(file, from, &to);
        // Runs like 「</w:t></w:r>」 cannot break in a narrow cell of the PDF: a build
        // refuses them (hostile.rs); here the layout is kept to read the Word file.
        let mut builder = shiryo::commands::build::Builder::new(p.path()).unwrap();
        builder.keep_overflow();
        builder.set_formats(
            shiryo::commands::build::Formats::PDF.with(shiryo::commands::build::Format::Docx, true),
        );
        let (project, _) = builder
            .load()
            .unwrap_or_else(|e| panic!("{file} {from}: {e}"));
        let (c, d) = project.documents().next().unwrap();
        let t = (builder.typeset(c, d)).unwrap_or_else(|e| panic!("{file} {from}: {e}"));
        let parts = parts_of(&t);
        check_xml(&parts, from);
        let text: String = ["word/document.xml", "word/header1.xml"]
            .iter()
            .flat_map(|part| paragraphs(&parts[*part]))
            .collect();
        let core = roxmltree::Document::parse(&parts["docProps/core.xml"]).unwrap();
        let props: String = core.descendants().filter_map(|n| n.text()).collect();
        assert!(
            text.contains(hostile) || props.contains(hostile),
            "{file} {from}: the value is not printed as text"
        );
        assert_eq!(parts.len(), 9, "{file} {from}: a value made a part");
    }
}
