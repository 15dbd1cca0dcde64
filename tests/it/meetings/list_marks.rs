//! List marks chosen in content (issue 33): agenda items level by level (「(1)」「1)」「〇」,
//! none), the items heading the record, its points and answers, a transcript's headings and
//! paragraphs, and materials as a list that shares one mark, with references inside their
//! group: in the PDF's laid-out lines and the page's text, with no template.

use super::one_council::{assert_both, both, minutes_council};

const MEETING: &str = "    agenda:
      - title: 報告事項
        items:
          - title: 相談支援について
            record:
              - question: 件数は。
                answer: 増えています。
          - title: 就労支援について
            record:
              - bullet: 報告を受けた。
      - title: その他
        record:
          - note: （なし）
    transcript:
      - heading: 閉会
        said: [事務局より連絡。, 閉会。]
    materials:
      - {title: 次第, agenda: true}
      - {title: 委員名簿}
      - {title: 座席表, handout: true}
      - {title: 前回の議事概要, handout: true, reference: true}
      - {title: 事業計画, reference: true}
";

const FORM: &str = "style: {minutes: headings}
minutes:
  sections:
    - section: agenda
    - section: materials
    - section: record
    - section: transcript
      unlabelled: true
  marks:
    items: [\"({番号})\", \"〇\"]
    topics: [\"【{番号}】\", \"{番号})\"]
    bullet: ○
    answer: →
  speakers:
    heading: \"【{見出し}】\"
    mark: ・
  materials:
    mark: ・
    reference_mark: \"\"
    reference_label: \"\"
    sent_label: （事前配布資料）
    handout_label: （当日資料）
    with_agenda: true
";

#[test]
fn marks_by_level_and_materials_as_a_list_from_content() {
    let p = minutes_council(FORM, MEETING, "");
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_both(
        &p,
        &[
            // 議題: (1) with a space, 〇 shared and joined to the title.
            "(１)報告事項〇相談支援について〇就労支援について(２)その他",
            // Materials: one list of ・, references at the end of their group, unmarked.
            "（事前配布資料）・次第・委員名簿事業計画（当日資料）・座席表前回の議事概要",
            // The record: its own marks per level, its points and answers.
            "【１】報告事項１)相談支援について○件数は。→増えています。２)就労支援について○報告を受けた。【２】その他",
            // The meeting's transcript: its heading's form, a mark before each paragraph.
            "【閉会】・事務局より連絡。・閉会。",
        ],
        &["資料１", "【参考資料】", "⇒"],
    );
    // A mark shared by every item is joined to its title; a number is parted by a space.
    let (lines, _) = both(&p);
    assert!(lines.iter().any(|l| l == "〇相談支援について"), "{lines:?}");
    let html = p.read("output/t/minutes.html");
    let page = super::common::unphrased(&html);
    assert!(page.contains("<li>〇相談支援について"), "{page}");
    assert!(page.contains("<li>(１) 報告事項"), "{page}");
    assert!(
        page.contains("<li><span aria-hidden=\"true\">・</span>委員名簿</li>"),
        "{page}"
    );
}

/// A mark typed as each material's number (`number: ・`) is a shared mark, not a number
/// written twice: check accepts it and the minutes print it as a list.
#[test]
fn a_mark_typed_as_the_number_is_shared() {
    let p = minutes_council(
        "style: {minutes: headings}\n",
        "    agenda:\n      - {title: 報告, record: [{bullet: 報告を受けた。}]}\n    materials:\n      - {title: 次第案, number: ・}\n      - {title: 名簿, number: ・}\n      - {title: 計画}\n",
        "",
    );
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_both(&p, &["・次第案・名簿資料１計画"], &["資料・"]);
}

/// The agenda (次第) takes its items' marks from `agenda: {marks: …}` and lists materials
/// after the shared mark, in its PDF and on its page.
#[test]
fn an_agendas_marks_from_content() {
    let p = minutes_council(
        "agenda:\n  marks: {items: [〇]}\n  materials: {mark: ・, beside_item: \"\"}\n",
        "    agenda:\n      - {title: 開会}\n      - {title: 報告事項, materials: [1]}\n    materials:\n      - {title: 委員名簿}\n",
        "",
    );
    p.write(
        "content/t/documents/agenda.yaml",
        "type: agenda\nyear: 2024\nmeeting: 1\n",
    );
    std::fs::remove_file(p.path().join("content/t/documents/minutes.yaml")).unwrap();
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let t = super::by_id(super::typeset_all(p.path()), "t/agenda");
    let pdf = super::squashed(&t);
    let page = super::page_text(&p.read("output/t/agenda.html"));
    for (format, text) in [("PDF", &pdf), ("page", &page)] {
        assert!(text.contains("〇開会〇報告事項"), "{format}: {text}");
        assert!(text.contains("・委員名簿"), "{format}: {text}");
        assert!(!text.contains("資料１"), "{format}: {text}");
    }
}

/// A mark's placeholder nothing fills is an error at its line.
#[test]
fn an_unknown_placeholder_in_a_mark_is_an_error() {
    let p = minutes_council(
        "minutes:\n  marks:\n    items: [\"({号})\"]\n",
        "    agenda:\n      - {title: 報告, record: [{bullet: 報告を受けた。}]}\n",
        "",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/t/council.yaml:6")
            && err.contains("minutes の items に、使えない {号} があります。"),
        "{err}"
    );
    assert!(err.contains("{番号} {丸番号} {かっこ番号} {カナ}"), "{err}");
}
