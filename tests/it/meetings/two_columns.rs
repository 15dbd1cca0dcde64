//! A two-column label/value form from content (issue 33): the ruled frame with its column
//! heads, a section with no label across both columns, and the 会議名 in the council's words;
//! in the PDF's lines, the emitted Typst and the page's table.

use super::one_council::{assert_both, both, minutes_council};

const FORM: &str = "minutes:
  frame: ruled
  columns: [項　目, 内　容]
  name: \"{協議会}\"
  label: \"{見出し}\"
  sections:
    - section: name
      label: 会議名
    - section: when
    - section: transcript
      unlabelled: true
";

const MEETING: &str = "    transcript:\n      - heading: 開会\n        said: [事務局より説明。]\n";

#[test]
fn a_ruled_form_with_column_heads_and_a_full_width_record() {
    let p = minutes_council(FORM, MEETING, "");
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_both(
        &p,
        &[
            "項目内容会議名テスト市協議会日時令和６年５月１０日",
            "開会事務局より説明。",
        ],
        &["会議名令和６年度"],
    );
    // The heads are cells of their own; the record has no label cell before it.
    let (lines, _) = both(&p);
    assert!(lines.iter().any(|l| l == "項目"), "{lines:?}");
    assert!(lines.iter().any(|l| l == "内容"), "{lines:?}");
    let (code, out, err) = p.run(&["build", "--emit-typst"]);
    assert_eq!(code, 0, "{out}{err}");
    let typ = p.read("output/t/minutes.typ");
    assert!(typ.contains("table.header(form-label["), "{typ}");
    assert!(
        typ.contains("table.cell(colspan: 4, breakable: true"),
        "{typ}"
    );
    // The page: a table with column heads, each label a row header, the record across both.
    let html = super::common::unphrased(&p.read("output/t/minutes.html"));
    assert!(
        html.contains(
            "<thead><tr><th scope=\"col\">項　目</th><th scope=\"col\">内　容</th></tr></thead>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<tr><th scope=\"row\">会議名</th><td>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><td colspan=\"2\"><h2 id=\"section-3-1\">開会</h2>"),
        "{html}"
    );
    assert!(html.contains("aria-labelledby=\"form-caption\""), "{html}");
}

/// Column heads need the ruled frame and two words: said at their line.
#[test]
fn column_heads_outside_a_ruled_form_are_an_error() {
    let p = minutes_council(&FORM.replace("frame: ruled", "frame: lines"), MEETING, "");
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/t/council.yaml:")
            && err
                .contains("columns（列の見出し）は、罫線の表（frame: ruled）でだけ印刷されます。"),
        "{err}"
    );
}
