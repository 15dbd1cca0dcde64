//! Every option of a `minutes:` description, changed in a sample council's council.yaml
//! with no template, seen in the laid-out text of the PDF and of the web page (issue 20).

use super::common::TempProject;
use super::{by_id, page_text};
mod other_documents;

const FUCHU: &str = "fuchu-jiritsu";
const KOMAE: &str = "komae-fukushi";
const KASHIWA: &str = "kashiwa-jiritsu";
const BUNKYO: &str = "bunkyo-unei";

/// One option: in `council`'s council.yaml, `from` becomes `to`; the minutes then read
/// `expected` and no longer `gone` (whitespace removed), in both formats.
struct Case {
    option: &'static str,
    council: &'static str,
    from: &'static str,
    to: &'static str,
    expected: &'static [&'static str],
    gone: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        option: "title",
        council: FUCHU,
        from: "  title: [\"{年度}第{回}回{協議会}会議録\"]\n",
        to: "  title: [\"{協議会}会議録（{年度}第{回}回）\"]\n",
        expected: &["府中市障害者等地域自立支援協議会会議録（令和7年度第1回）"],
        gone: &["令和7年度第1回府中市"],
    },
    Case {
        option: "label",
        council: FUCHU,
        from: "  label: \"■{見出し}：\"\n",
        to: "  label: \"【{見出し}】\"\n",
        expected: &["【日時】令和7年7月7日", "【議事】"],
        gone: &["■日時："],
    },
    Case {
        option: "sections[].label",
        council: FUCHU,
        from: "      label: 議事\n",
        to: "      label: 会議次第\n",
        expected: &["■会議次第："],
        gone: &["■議事："],
    },
    Case {
        option: "sections[].form",
        council: FUCHU,
        from: "    - section: place\n",
        to: "    - section: place\n      form: \"〔{見出し}〕\"\n",
        expected: &["〔場所〕"],
        gone: &["■場所："],
    },
    Case {
        option: "sections[].unlabelled",
        council: FUCHU,
        from: "      unlabelled: true\n",
        to: "      unlabelled: false\n",
        expected: &["■資料："],
        gone: &[],
    },
    Case {
        option: "sections[].keep_empty",
        council: FUCHU,
        from: "    - section: viewers\n",
        to: "    - section: viewers\n    - section: absent\n      keep_empty: true\n",
        expected: &["■欠席者："],
        gone: &[],
    },
    Case {
        option: "attendance.member",
        council: FUCHU,
        from: "    member: \"{名前}\"\n",
        to: "    member: \"{名前}委員\"\n",
        expected: &["山口真佐子委員、中川さゆり委員"],
        gone: &[],
    },
    Case {
        option: "attendance.separator",
        council: FUCHU,
        from: "    member: \"{名前}\"\n",
        to: "    member: \"{名前}\"\n    separator: ／\n",
        expected: &["山口真佐子／中川さゆり"],
        gone: &["山口真佐子、中川さゆり"],
    },
    Case {
        option: "attendance.by_role",
        council: KOMAE,
        from: "    by_role: true\n",
        to: "    by_role: false\n",
        expected: &["宮城孝"],
        gone: &["委員長：宮城孝"],
    },
    Case {
        option: "attendance.role_label",
        council: KOMAE,
        from: "    by_role: true\n",
        to: "    by_role: true\n    role_label: \"【{役職}】\"\n",
        expected: &["【委員長】宮城孝"],
        gone: &["委員長：宮城孝"],
    },
    Case {
        option: "attendance.members_label",
        council: FUCHU,
        from: "    members_label: <委員>\n",
        to: "    members_label: 〔委員〕\n",
        expected: &["〔委員〕山口真佐子"],
        gone: &[],
    },
    Case {
        option: "attendance.secretariat_label",
        council: FUCHU,
        from: "    secretariat_label: <事務局>\n",
        to: "    secretariat_label: 〔事務局〕\n",
        expected: &["〔事務局〕"],
        gone: &[],
    },
    Case {
        option: "attendance.staff",
        council: KOMAE,
        from: "    staff: \"{職名}（{名前}）\"\n",
        to: "    staff: \"{名前}{職名}\"\n",
        expected: &["佐渡一宏福祉政策課長"],
        gone: &["福祉政策課長（佐渡一宏）"],
    },
    Case {
        option: "attendance.staff_count",
        council: FUCHU,
        from: "    secretariat_label: <事務局>\n",
        to: "    secretariat_label: <事務局>\n    staff_count: \"{職名}{人数}人\"\n",
        expected: &["障害者福祉課係長・主査5人"],
        gone: &["障害者福祉課係長・主査（5名）"],
    },
    Case {
        option: "attendance.staff_separator",
        council: KOMAE,
        from: "    staff_separator: 改行\n",
        to: "    staff_separator: ／\n",
        expected: &["福祉政策課長（佐渡一宏）／福祉政策課福祉政策係長（小嶋諒）"],
        gone: &[],
    },
    Case {
        option: "attendance.department",
        council: KASHIWA,
        from: "    staff_separator: \" \"\n",
        to: "    staff_separator: \" \"\n    department: \"［{課}］\"\n",
        expected: &["［障害福祉課］"],
        gone: &["（障害福祉課）"],
    },
    Case {
        option: "attendance.honorifics_omitted",
        council: FUCHU,
        from: "    members_label: <委員>\n",
        to: "    members_label: <委員>\n    honorifics_omitted: （敬称は略しました）\n",
        expected: &["（敬称は略しました）"],
        gone: &["（敬称略）"],
    },
    Case {
        option: "speakers.speaker",
        council: KOMAE,
        from: "    members_label: \"\"\n",
        to: "    members_label: \"\"\n  speakers:\n    speaker: \"○{発言者}\"\n",
        expected: &["○委員長本日はお忙しい中"],
        gone: &["（委員長）"],
    },
    Case {
        option: "materials.beside_item",
        council: FUCHU,
        from: "    beside_item: \"【{資料}】\"\n",
        to: "    beside_item: \"［{資料}］\"\n",
        expected: &["3委員自己紹介［資料1］"],
        gone: &["【資料1】"],
    },
    Case {
        option: "materials.reference_label",
        council: FUCHU,
        from: "    with_agenda: false\n",
        to: "    with_agenda: false\n    reference_label: 〔参考資料〕\n",
        expected: &["〔参考資料〕"],
        gone: &["【参考資料】"],
    },
];

#[test]
fn every_layout_option_changes_both_formats_without_a_template() {
    let mut failures = Vec::new();
    for case in CASES {
        let p = TempProject::sample();
        p.edit(
            &format!("content/{}/council.yaml", case.council),
            case.from,
            case.to,
        );
        let (code, out, err) = p.run(&["build", "--html"]);
        if code != 0 {
            failures.push(format!("{}: exit {code}\n{out}{err}", case.option));
            continue;
        }
        let doc = std::fs::read_dir(p.path().join(format!("content/{}/documents", case.council)))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let name = doc.file_stem().unwrap().to_string_lossy().to_string();
        let id = format!("{}/{name}", case.council);
        let pdf = super::squashed(&by_id(super::typeset_all(p.path()), &id));
        let page = page_text(&p.read(&format!("output/{id}.html")));
        for (format, text) in [("PDF", &pdf), ("page", &page)] {
            for e in case.expected {
                if !text.contains(e) {
                    failures.push(format!("{} ({format}): no {e}\n{text}", case.option));
                }
            }
            for g in case.gone {
                if text.contains(g) {
                    failures.push(format!("{} ({format}): still {g}", case.option));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `council`'s council.yaml with each `from` made `to`, built with pages: the laid-out lines
/// of document `id`'s PDF (trimmed) and its page's HTML.
fn lines_and_page(council: &str, edits: &[(&str, &str)], id: &str) -> (Vec<String>, String) {
    let p = TempProject::sample();
    for (from, to) in edits {
        p.edit(&format!("content/{council}/council.yaml"), from, to);
    }
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let t = by_id(super::typeset_all(p.path()), id);
    let lines = super::common::text(&t)
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    (lines, p.read(&format!("output/{id}.html")))
}

/// The options that say what stands on a line of its own (a section's first content after its
/// label, a speech after its speaker): seen in the PDF's lines and the page's elements.
#[test]
fn inline_options_put_the_text_beside_its_label_or_under_it() {
    // A speaker on a line of its own, the speech under it.
    let (lines, html) = lines_and_page(
        BUNKYO,
        &[(
            "    speaker: \"{発言者}：\"\n    inline: true\n",
            "    speaker: \"{発言者}：\"\n    inline: false\n",
        )],
        "bunkyo-unei/r6-2-kaigiroku",
    );
    let speaker = lines
        .iter()
        .find(|l| l.ends_with('：') && l.chars().count() < 12);
    assert!(
        speaker.is_some(),
        "a speaker alone on a line:\n{}",
        lines.join("\n")
    );
    assert!(html.contains("<p class=\"speaker\">"), "{html}");

    // The section's label on a line of its own (inline: false), its content under it.
    let (lines, html) = lines_and_page(
        FUCHU,
        &[("  inline: true\n", "  inline: false\n")],
        "fuchu-jiritsu/r7-1-kaigiroku",
    );
    assert!(lines.iter().any(|l| l == "■日時："), "{}", lines.join("\n"));
    let page = page_text(&html);
    assert!(page.contains("■日時：令和7年7月7日"), "{page}");
}

/// Marks before names with their legend, members who joined online after the council's word,
/// a quorum sentence counted from the members, and a transcript under its agenda item: each
/// said in content only, each in the PDF and the page.
#[test]
fn marks_online_members_quorum_and_an_items_transcript_from_content() {
    let p = TempProject::sample();
    let members = "content/fuchu-jiritsu/2025/members.yaml";
    p.edit(
        members,
        "  - name: 山口真佐子\n",
        "  - name: 山口真佐子\n    role: 会長\n",
    );
    p.edit(
        members,
        "  - name: 中川さゆり\n",
        "  - name: 中川さゆり\n    role: 副会長\n",
    );
    let council = "content/fuchu-jiritsu/council.yaml";
    p.edit(
        council,
        "    member: \"{名前}\"\n",
        "    member: \"{印}{名前}\"\n    marks: {会長: ◎, 副会長: ○}\n    online: （以下ウェブ参加）\n",
    );
    p.edit(
        council,
        "    - section: viewers\n",
        "    - section: quorum\n      unlabelled: true\n    - section: viewers\n    - section: record\n      label: 議事録\n",
    );
    let meetings = "content/fuchu-jiritsu/2025/meetings.yaml";
    p.edit(
        meetings,
        "    honorifics_omitted: true\n",
        "    honorifics_omitted: true\n    absent: [張健羽]\n    online: [高野麻都, 中村嘉人]\n",
    );
    p.edit(
        meetings,
        "      - title: その他\n",
        "      - title: その他\n        transcript:\n          - speaker: 会長\n            said: [ほかにありますか。]\n          - speaker: 事務局\n            said: [ございません。]\n",
    );
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let id = "fuchu-jiritsu/r7-1-kaigiroku";
    let pdf = super::squashed(&by_id(super::typeset_all(p.path()), id));
    let page = page_text(&p.read(&format!("output/{id}.html")));
    for (format, text) in [("PDF", &pdf), ("page", &page)] {
        for e in [
            "<委員>◎山口真佐子、○中川さゆり、橋美佳",
            "佐藤真智子（以下ウェブ参加）高野麻都、中村嘉人",
            "（◎会長○副会長）",
            "委員16名中15名の出席により、会議は成立しました。",
            "張健羽（欠席）",
            "その他（会長）ほかにありますか。（事務局）ございません。",
        ] {
            assert!(text.contains(e), "{format}: no {e}\n{text}");
        }
    }
}

/// A council that wants its minutes as a ruled form says so in content: label cells on the
/// left, two sections sharing a row, no template.
#[test]
fn a_ruled_frame_from_content_with_two_sections_on_one_row() {
    let (lines, html) = lines_and_page(
        FUCHU,
        &[
            (
                "  label: \"■{見出し}：\"\n  inline: true\n",
                "  label: \"{見出し}\"\n",
            ),
            ("  frame: lines\n", "  frame: ruled\n"),
        ],
        "fuchu-jiritsu/r7-1-kaigiroku",
    );
    let lines = lines.join("\n");
    assert!(!lines.contains("■"), "{lines}");
    // Each label its own cell, its text in the next one.
    for label in ["日時", "場所", "出席者", "傍聴者"] {
        assert!(
            lines.lines().any(|l| l == label),
            "no label cell {label}:\n{lines}"
        );
    }
    let page = page_text(&html);
    assert!(page.contains("日時令和7年7月7日"), "{page}");

    // 場所 beside 日時: one row of four cells.
    let p = TempProject::sample();
    p.edit(
        "content/fuchu-jiritsu/council.yaml",
        "  label: \"■{見出し}：\"\n  inline: true\n",
        "  label: \"{見出し}\"\n",
    );
    p.edit(
        "content/fuchu-jiritsu/council.yaml",
        "  frame: lines\n",
        "  frame: ruled\n",
    );
    p.edit(
        "content/fuchu-jiritsu/council.yaml",
        "    - section: place\n",
        "    - section: place\n      beside: true\n",
    );
    let (code, out, err) = p.run(&["build", "--emit-typst"]);
    assert_eq!(code, 0, "{out}{err}");
    let typ = p.read("output/fuchu-jiritsu/r7-1-kaigiroku.typ");
    assert!(
        typ.contains("form-label[日時], table.cell(phrased["),
        "日時 shares its row:\n{typ}"
    );
    assert!(
        typ.contains("]), form-label[場所], table.cell(phrased["),
        "{typ}"
    );
}

/// The shipped ruled form is a description like any council's: copied into council.yaml as
/// it is, the minutes read the same; changed there, they change in both formats.
#[test]
fn the_shipped_ruled_form_copied_into_content_is_the_same_and_can_be_changed() {
    const KOGANEI: &str = "koganei-seishin";
    let id = "koganei-seishin/r6-1-kaigiroku";
    let shipped =
        std::fs::read_to_string(super::repo().join("src/model/shipped/minutes_ruled.yaml"))
            .unwrap();
    let copied: String = std::iter::once("minutes:\n".to_string())
        .chain(shipped.lines().map(|l| format!("  {l}\n")))
        .collect();
    let build = |edits: &[(&str, &str)]| {
        let p = TempProject::sample();
        let council = format!("content/{KOGANEI}/council.yaml");
        let mut text = p.read(&council);
        text.push_str(&copied);
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            text = text.replacen(from, to, 1);
        }
        p.write(&council, &text);
        let (code, out, err) = p.run(&["build", "--html"]);
        assert_eq!(code, 0, "{out}{err}");
        let pdf = super::squashed(&by_id(super::typeset_all(p.path()), id));
        (pdf, page_text(&p.read(&format!("output/{id}.html"))))
    };
    let usual = {
        let p = TempProject::sample();
        assert_eq!(p.run(&["build", "--html"]).0, 0);
        let pdf = super::squashed(&by_id(super::typeset_all(p.path()), id));
        (pdf, page_text(&p.read(&format!("output/{id}.html"))))
    };
    // The shipped member pattern is the council's style.names (岡本委員); written out here.
    let same = build(&[(
        "  attendance:\n",
        "  attendance:\n    member: \"{名前}{役職}\"\n",
    )]);
    assert_eq!(same, usual);

    let changed = build(&[
        (
            "  attendance:\n",
            "  attendance:\n    absent_label: 欠席：\n    absent_member: \"{名前}\"\n",
        ),
        ("  with_agenda: true\n", "  with_agenda: false\n"),
        ("    label: 出席者等\n", "    label: 出席者\n"),
    ]);
    for (format, text) in [("PDF", &changed.0), ("page", &changed.1)] {
        for e in ["出席者委員：小髙会長", "欠席：渡部、藤原", "提出資料資料１"]
        {
            assert!(text.contains(e), "{format}: no {e}\n{text}");
        }
        for g in ["（欠席）", "提出資料次第", "出席者等"] {
            assert!(!text.contains(g), "{format}: still {g}");
        }
    }
}
