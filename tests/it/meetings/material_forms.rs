//! Materials numbered and cited in the council's own form (issue 33): numbers with a branch
//! (「資料1の1」, 「資料第1-1号」), numbers counted by agenda item (「議題1資料(1)」), the numbers
//! beside an item in brackets by kind and sharing their words (「【資料2】【参考資料1・2】」) or
//! right after its title (「…について（資料1）」), references inside their group, and dates
//! without a weekday: in the PDF's laid-out lines and the page's text, with no template.

use super::one_council::{assert_both, both, minutes_council};

/// Minutes of the agenda and the materials only (■ headings).
fn form(minutes: &str, style: &str) -> String {
    format!(
        "style: {{minutes: headings{style}}}\nminutes:\n  sections: [{{section: agenda}}, {{section: materials}}]\n{minutes}"
    )
}

const NUMBERED: &str = "    agenda:
      - title: 計画について
        materials: [1-1, 1の2]
      - title: 報告事項
        materials: [\"2\", 参考資料1]
    materials:
      - {title: 計画の案, number: 1-1}
      - {title: 計画の概要, number: 1の2}
      - {title: 報告書}
      - {title: 前回の記録, reference: true}
";

/// A number written in content (`1-1`, `1の2`) prints in the council's form with a branch:
/// 資料１の１ in a full-width council, 資料1の1 in a half-width one; a number with no branch
/// leaves the branch's words out (資料２). The form's half-width hyphen takes the council's
/// width (資料第１－１号).
#[test]
fn a_typed_number_prints_in_the_councils_numbering_form() {
    let p = minutes_council(
        &form("", ", material_number: \"資料{番号}の{枝番}\""),
        NUMBERED,
        "",
    );
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_both(
        &p,
        &[
            "計画について【資料１の１、資料１の２】",
            "報告事項【資料２、参考資料１】",
            "資料１の１計画の案",
            "資料１の２計画の概要",
            "資料２報告書",
        ],
        &["1-1", "１－１", "資料２の"],
    );
    let p = minutes_council(
        &form(
            "",
            ", digits: 半角, material_number: \"資料{番号}の{枝番}\"",
        ),
        NUMBERED,
        "",
    );
    assert_both(
        &p,
        &["資料1の1計画の案", "資料1の2計画の概要", "資料2報告書"],
        &["１", "資料2の"],
    );
    let p = minutes_council(
        &form("", ", material_number: \"資料第{番号}-{枝番}号\""),
        NUMBERED,
        "",
    );
    assert_both(
        &p,
        &[
            "資料第１－１号計画の案",
            "資料第１－２号計画の概要",
            "資料第２号報告書",
        ],
        &["１-１"],
    );
    // The branch circled: 資料１－①.
    let p = minutes_council(
        &form("", ", material_number: \"資料{番号}－{丸枝番}\""),
        NUMBERED,
        "",
    );
    assert_both(
        &p,
        &["資料１－①計画の案", "資料１－②計画の概要", "資料２報告書"],
        &[],
    );
}

/// Counted by agenda item (`material_count: 議題ごと`): each material takes the number of the
/// first item listing it (an item below it counts for it) and its place there; references
/// are counted apart. One no item lists is warned about at its line and has no number.
#[test]
fn numbers_counted_by_agenda_item() {
    let meeting = "    agenda:
      - title: 計画について
        materials: [plan, summary]
      - title: 報告事項
        items:
          - title: 相談について
            materials: [report, past]
    materials:
      - {title: 計画の案, id: plan}
      - {title: 計画の概要, id: summary}
      - {title: 相談の報告, id: report}
      - {title: 前回の記録, id: past, reference: true}
      - {title: 座席表}
";
    let style = ", material_count: 議題ごと, material_number: \"議題{番号}資料({枝番})\", reference_number: \"議題{番号}参考資料({枝番})\"";
    let p = minutes_council(&form("", style), meeting, "");
    assert_both(
        &p,
        &[
            "計画について【議題１資料(１)、議題１資料(２)】",
            "相談について【議題２資料(１)、議題２参考資料(１)】",
            "議題１資料(１)計画の案",
            "議題１資料(２)計画の概要",
            "議題２資料(１)相談の報告",
            "議題２参考資料(１)前回の記録",
        ],
        &["資料３", "座席表議題"],
    );
    let (code, out, err) = p.run(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("content/t/2024/meetings.yaml:19")
            && err.contains("資料「座席表」は、どの議題の materials にも挙げられていないため")
            && err.contains("unnumbered: true"),
        "{err}"
    );
    // With no {枝番} in the form, the number and its branch as one: 資料１－２.
    let p = minutes_council(&form("", ", material_count: 議題ごと"), meeting, "");
    assert_both(
        &p,
        &["資料１－２計画の概要", "参考資料２－１前回の記録"],
        &[],
    );
}

/// The numbers beside an item in the council's brackets: by kind and sharing the words of
/// their form (【資料１】【参考資料１・２】), each in its own, or all in one (today's
/// 【資料１、参考資料１、参考資料２】, still the shipped form).
#[test]
fn numbers_beside_an_item_in_the_councils_brackets() {
    let meeting = "    agenda:
      - title: 報告事項
        materials: [\"1\", 参考資料1, 参考資料2]
    materials:
      - {title: 報告書}
      - {title: 前回の記録, reference: true}
      - {title: 名簿, reference: true}
";
    let p = minutes_council(&form("", ""), meeting, "");
    assert_both(&p, &["報告事項【資料１、参考資料１、参考資料２】"], &[]);
    let p = minutes_council(
        &form(
            "  materials: {beside_split: by_kind, beside_shared: true, beside_separator: ・}\n",
            "",
        ),
        meeting,
        "",
    );
    assert_both(&p, &["報告事項【資料１】【参考資料１・２】■資料"], &[]);
    let p = minutes_council(
        &form("  materials: {beside_split: each}\n", ""),
        meeting,
        "",
    );
    assert_both(&p, &["報告事項【資料１】【参考資料１】【参考資料２】"], &[]);
    // The words after the number are shared too: 資料第１・２号.
    let p = minutes_council(
        &form(
            "  materials: {beside_shared: true, beside_separator: ・}\n",
            ", material_number: \"資料第{番号}号\"",
        ),
        "    agenda:\n      - {title: 報告事項, materials: [\"1\", \"2\"]}\n    materials:\n      - {title: 報告書}\n      - {title: 名簿}\n",
        "",
    );
    assert_both(&p, &["報告事項【資料第１・２号】"], &[]);
}

/// `beside_at: after_title` writes the numbers right after the item's title (「…について
/// （資料１）」), in the agenda (次第) and the minutes alike, not at the line's right end.
#[test]
fn numbers_right_after_the_items_title() {
    let meeting = "    agenda:\n      - {title: 計画について, materials: [\"1\"]}\n      - {title: その他}\n    materials:\n      - {title: 計画の案}\n";
    let p = minutes_council(
        &format!(
            "{}agenda:\n  materials: {{beside_item: \"（{{資料}}）\", beside_at: after_title}}\n",
            form(
                "  materials: {beside_item: \"（{資料}）\", beside_at: after_title}\n",
                ""
            )
        ),
        meeting,
        "",
    );
    p.write(
        "content/t/documents/agenda.yaml",
        "type: agenda\nyear: 2024\nmeeting: 1\n",
    );
    let (lines, page) = both(&p);
    assert!(
        lines.iter().any(|l| l == "１計画について（資料１）"),
        "{lines:?}"
    );
    assert!(page.contains("計画について（資料１）"), "{page}");
    let t = super::by_id(super::typeset_all(p.path()), "t/agenda");
    let agenda: Vec<String> = super::common::text(&t)
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    assert!(
        agenda.iter().any(|l| l == "１計画について（資料１）"),
        "{agenda:?}"
    );
    let page = super::page_text(&p.read("output/t/agenda.html"));
    assert!(page.contains("計画について（資料１）"), "{page}");
}

/// `references: in_group` lists the references given beforehand inside 【事前送付資料】,
/// under their label, and those handed out inside 【当日配付資料】 (they came after 当日配付
/// always); a placement that changes nothing is a warning.
#[test]
fn references_inside_their_group_under_their_label() {
    let meeting = "    materials:
      - {title: 計画, reference: true}
      - {title: 名簿}
      - {title: 座席表, handout: true}
      - {title: 前回の記録, handout: true, reference: true}
    agenda:
      - {title: 報告事項}
";
    let p = minutes_council(
        &form("  materials: {references: in_group}\n", ""),
        meeting,
        "",
    );
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_both(
        &p,
        &[
            "【事前送付資料】資料１名簿【参考資料】参考資料１計画【当日配付資料】資料２座席表【参考資料】参考資料２前回の記録",
        ],
        &[],
    );
    // On the page, the label inside a group is a heading one level below the group's.
    let html = super::common::unphrased(&p.read("output/t/minutes.html"));
    assert!(
        html.contains("<h3>【事前送付資料】</h3>") && html.contains("<h4>【参考資料】</h4>"),
        "{html}"
    );
    // The shipped place: one group of references after 当日配付.
    let p = minutes_council(&form("", ""), meeting, "");
    assert_both(
        &p,
        &["【当日配付資料】資料２座席表【参考資料】参考資料１計画参考資料２前回の記録"],
        &[],
    );
    let p = minutes_council(
        &form(
            "  materials: {references: in_group, reference_label: \"\"}\n",
            "",
        ),
        meeting,
        "",
    );
    let (code, _, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/t/council.yaml:")
            && err
                .contains("minutes の materials.references: in_group は、ここでは何も変えません。")
            && err.contains("reference_label"),
        "{err}"
    );
}

/// `weekday: なし`: dates print no weekday (today's （金） could not be turned off), a space
/// parting the date from the time; a value that is none of the three says which there are.
#[test]
fn a_date_without_its_weekday() {
    let p = minutes_council(
        "style: {minutes: headings, weekday: なし}\nminutes:\n  sections: [{section: when}]\n",
        "",
        "",
    );
    assert_both(
        &p,
        &["■日時令和６年５月１０日午後２時～午後４時"],
        &["（金）", "金曜"],
    );
    let (lines, _) = both(&p);
    let pdf = super::common::text(&super::by_id(super::typeset_all(p.path()), "t/minutes"));
    assert!(
        pdf.contains("令和６年５月１０日　午後２時"),
        "{pdf} {lines:?}"
    );
    let p = minutes_council(
        "style: {minutes: headings, weekday: 無し}\nminutes:\n  sections: [{section: when}]\n",
        "",
        "",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/t/council.yaml:4") && err.contains("なし"),
        "{err}"
    );
}

/// A number form's placeholder nothing fills, or a form with no {番号}, is an error at its
/// line that says what to write.
#[test]
fn a_number_form_that_cannot_be_filled_is_an_error() {
    let p = minutes_council(
        "style:\n  minutes: headings\n  material_number: \"資料{号}\"\n",
        "",
        "",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/t/council.yaml:6")
            && err.contains("style の material_number に、使えない {号} があります。")
            && err.contains("{番号}、{枝番}、{丸枝番}"),
        "{err}"
    );
}

/// A label form ending in a full-width space (`"{見出し}　"`, reported to switch to an aligned
/// grid read as all labels, then all values): each label stays on its value's line, before
/// it, section after section, in the PDF's laid-out lines and on the page.
#[test]
fn a_label_form_with_a_full_width_space_reads_label_then_value() {
    let p = minutes_council(
        "style: {minutes: headings}\nminutes:\n  label: \"{見出し}　\"\n  inline: true\n  sections:\n    - {section: when, label: 日時}\n    - {section: place, label: 場所}\n    - {section: viewers, label: 傍聴}\n    - {section: record}\n",
        &format!(
            "    public: {{allowed: true, viewers: 2}}\n{}",
            super::one_council::RECORDED
        ),
        "",
    );
    let (lines, page) = both(&p);
    let wanted = [
        "日時令和６年５月１０日（金）午後２時～午後４時",
        "場所第一会議室",
        "傍聴２人",
    ];
    let at: Vec<Option<usize>> = wanted
        .iter()
        .map(|w| lines.iter().position(|l| l == w))
        .collect();
    assert!(
        at.iter().all(Option::is_some) && at.windows(2).all(|w| w[0] < w[1]),
        "{lines:?}"
    );
    assert!(page.contains(&wanted.concat()), "{page}");
}

/// A number written with its form's words (`number: 資料1-1`) would print them twice
/// (資料資料１－１): a warning at its line says to write the number alone.
#[test]
fn a_number_written_with_its_words_is_warned_about() {
    let p = minutes_council(
        "style: {minutes: headings}\n",
        &format!(
            "    materials:\n      - {{title: 計画, number: 資料1-1}}\n{}",
            super::one_council::RECORDED
        ),
        "",
    );
    let (code, _, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/t/2024/meetings.yaml:8")
            && err.contains("「資料資料１－１」と印刷されます")
            && err.contains("number: 1-1"),
        "{err}"
    );
}

/// A value that is none of an option's words is an error at its line naming the words there
/// are: the counting of numbers, the brackets beside an item, the place of references.
#[test]
fn an_unknown_word_for_a_new_option_names_the_words_there_are() {
    for (council, line, words) in [
        (
            "style: {minutes: headings, material_count: 議題別}\n",
            "council.yaml:4",
            "通し, 議題ごと",
        ),
        (
            "style: {minutes: headings}\nminutes:\n  materials: {beside_split: kind}\n",
            "council.yaml:6",
            "together, by_kind, each",
        ),
        (
            "style: {minutes: headings}\nagenda:\n  materials: {references: 組の中}\n",
            "council.yaml:6",
            "last, in_group",
        ),
    ] {
        let p = minutes_council(council, super::one_council::RECORDED, "");
        let (code, _, err) = p.run(&["check"]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains(&format!("content/t/{line}"))
                && err.contains("はありません。")
                && err.contains(words),
            "{council}: {err}"
        );
    }
}
