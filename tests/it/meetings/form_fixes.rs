//! What issue 33 found on the way in the minutes forms, each a wrong way for staff: seen in
//! the laid-out text of the PDF and of the page.

use super::one_council::{RECORDED, assert_both, minutes_council};

/// `{番号}` counts the sections that print a number: an unlabelled section and one with a
/// form of its own take none (「4 欠席者」 came out 「7 欠席者」).
#[test]
fn section_numbers_count_only_numbered_sections() {
    let p = minutes_council(
        "minutes:\n  frame: lines\n  label: \"{番号} {見出し}\"\n  sections:\n    - section: name\n      form: \"【{見出し}】\"\n    - section: when\n    - section: place\n    - section: quorum\n      unlabelled: true\n    - section: attendance\n    - section: absent\n    - section: record\n",
        &format!("    absent: [鈴木 花子]\n{RECORDED}"),
        "members:\n  - name: 山田 太郎\n  - name: 鈴木 花子\n",
    );
    assert_both(
        &p,
        &[
            "【会議名称】",
            "１日時",
            "２場所",
            "３出席者",
            "４欠席者",
            "５会議結果",
        ],
        &["６欠席者", "７欠席者"],
    );
}

/// `attendance.separator: 改行` puts each member on a line of their own, as
/// `staff_separator: 改行` does the secretariat; it never prints the word.
#[test]
fn a_line_break_between_members_is_a_line_break() {
    let p = minutes_council(
        "style: {minutes: headings}\nminutes:\n  attendance:\n    separator: 改行\n    members_label: \"\"\n",
        &format!("    online: [佐藤 三郎]\n{RECORDED}"),
        "members:\n  - name: 山田 太郎\n  - name: 鈴木 花子\n  - name: 佐藤 三郎\n",
    );
    assert_both(&p, &["山田委員", "鈴木委員"], &["改行"]);
    let (lines, _) = super::one_council::both(&p);
    for name in ["山田委員", "鈴木委員", "（以下オンライン）佐藤委員"] {
        assert!(lines.iter().any(|l| l == name), "{name}: {lines:?}");
    }
}

/// A member of the secretariat written with `post: ""` printed nothing under the usual staff
/// form (posts only), silently: check says so, and a form that names people prints the name
/// alone.
#[test]
fn staff_without_a_post_are_named_or_refused() {
    let meeting = format!(
        "    staff:\n      - {{post: \"\", name: 馬場}}\n      - {{post: 障害福祉課長}}\n{RECORDED}"
    );
    let p = minutes_council("style: {minutes: headings}\n", &meeting, "");
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/t/2024/meetings.yaml:") && err.contains("何も印刷されません"),
        "{err}"
    );
    let p = minutes_council(
        "style: {minutes: headings}\nminutes:\n  attendance: {staff: \"{職名} {名前}\"}\n",
        &meeting,
        "",
    );
    assert_both(&p, &["事務局：馬場、障害福祉課長"], &[]);
}

/// A member written with an organization and no name is printed once under a form that names
/// both (`member: "{所属} {名前}"` printed 「相談支援センター 相談支援センター」).
#[test]
fn a_member_with_only_an_organization_is_printed_once() {
    let p = minutes_council(
        "style: {minutes: headings}\nminutes:\n  attendance: {member: \"{所属} {名前}\"}\n",
        RECORDED,
        "members:\n  - organization: 相談支援センター\n  - {organization: 福祉会, name: 山田 太郎}\n",
    );
    assert_both(
        &p,
        &["委員：相談支援センター、福祉会山田太郎"],
        &["相談支援センター相談支援センター"],
    );
}

/// A material number typed in half-width (`number: 1-1`) is printed in the council's digits:
/// full-width in a full-width council, as every other number there.
#[test]
fn a_typed_material_number_follows_the_councils_digits() {
    let p = minutes_council(
        "style: {minutes: headings}\n",
        &format!(
            "    materials:\n      - {{title: 計画の案, number: 1-1}}\n      - {{title: 計画の概要}}\n{RECORDED}"
        ),
        "",
    );
    assert_both(&p, &["資料１－１計画の案", "資料２計画の概要"], &["1-1"]);
}

/// What a form prints of the meeting's course decides what minutes need: a form with neither
/// 議題 nor 会議結果 needs no agenda (it said 「第１回の議題（agenda）がないため、会議録が空に
/// なります」), one with the meeting's transcript only needs that.
#[test]
fn minutes_need_only_what_their_form_prints() {
    let p = minutes_council(
        "minutes:\n  sections: [{section: when}, {section: place}, {section: attendance}]\n",
        "",
        "members:\n  - name: 山田 太郎\n",
    );
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("agenda"), "{err}");
    assert_both(&p, &["日時令和６年５月１０日", "委員：山田委員"], &[]);

    let p = minutes_council(
        "minutes:\n  sections: [{section: when}, {section: transcript}]\n",
        RECORDED,
        "",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("第１回の発言記録（transcript）が書かれていないため、会議録が空になります。"),
        "{err}"
    );
    assert!(err.contains("content/t/2024/meetings.yaml:2"), "{err}");
}

/// A section kept when it has nothing prints 「なし」 under its label (it printed the label
/// alone), or the form's word; `empty: ""` keeps the label alone.
#[test]
fn a_section_kept_empty_says_none() {
    let form = |extra: &str| {
        format!(
            "style: {{minutes: headings}}\nminutes:\n  sections:\n    - section: when\n    - section: absent\n      keep_empty: true\n{extra}    - section: record\n"
        )
    };
    let p = minutes_council(&form(""), RECORDED, "members:\n  - name: 山田 太郎\n");
    assert_both(&p, &["■欠席者なし■会議結果"], &[]);
    let p = minutes_council(
        &form("    - section: viewers\n      empty: 該当なし\n"),
        RECORDED,
        "members:\n  - name: 山田 太郎\n",
    );
    assert_both(&p, &["■傍聴者該当なし■会議結果"], &[]);
    let p = minutes_council(
        &form("    - section: materials\n      empty: \"\"\n"),
        RECORDED,
        "members:\n  - name: 山田 太郎\n",
    );
    assert_both(&p, &["■欠席者なし■資料■会議結果"], &[]);
}

/// `reference_label: ""` lists each reference at the end of its own group (it printed an
/// empty line and kept the references after 当日配付).
#[test]
fn references_without_a_label_stay_in_their_group() {
    let p = minutes_council(
        "style: {minutes: headings}\nminutes:\n  materials: {reference_label: \"\"}\n",
        &format!(
            "    materials:\n      - {{title: 計画, reference: true}}\n      - {{title: 名簿}}\n      - {{title: 座席表, handout: true}}\n{RECORDED}"
        ),
        "",
    );
    assert_both(
        &p,
        &["【事前送付資料】資料１名簿参考資料１計画【当日配付資料】資料２座席表■"],
        &["【参考資料】"],
    );
}

/// A half-width 「,」 written as a Japanese comma may end a line: it hangs past the line's end
/// as typst sets it, which is no overflow (the build stopped, speaking of letters overflowing
/// a table cell).
#[test]
fn a_half_width_comma_at_a_line_end_builds() {
    let said = "令和4年度調布市障害者地域自立支援協議会第2回全体会を開催いたします。本日はお忙しい中,お越しいただきありがとうございます。では谷内会長,進行をお願いします。";
    let p = minutes_council(
        "style: {digits: 半角}\nminutes:\n  frame: lines\n  label: \"{番号} {見出し}\"\n  sections: [{section: when}, {section: record}]\n  speakers: {speaker: \"〇{発言者}\"}\n",
        &format!(
            "    agenda:\n      - title: 開会の挨拶\n        transcript:\n          - speaker: 事務局\n            said: [\"{said}\"]\n"
        ),
        "",
    );
    let (lines, page) = super::one_council::both(&p);
    assert!(
        lines.iter().any(|l| l.ends_with("お忙しい中,")),
        "the comma ends a line: {lines:?}"
    );
    assert!(lines.concat().contains(said), "{lines:?}");
    assert!(page.contains(said), "{page}");
}

/// Members by role: `labels_inline` changed nothing on their rows and said nothing; check now
/// says so, and `roles_inline: false` puts each role on a line above its names.
#[test]
fn labels_inline_on_rows_by_role_says_what_works() {
    let members = "members:\n  - {name: 宮城 孝, role: 委員長}\n  - {name: 勝田 和行}\n  - {name: 北澤 智子}\n";
    let form = |extra: &str| {
        format!(
            "roles: [委員長]\nstyle: {{minutes: headings}}\nminutes:\n  attendance:\n    member: \"{{名前}}\"\n    by_role: true\n    members_label: \"\"\n    secretariat_label: \"\"\n    absent_label: \"\"\n{extra}"
        )
    };
    let p = minutes_council(&form("    labels_inline: false\n"), RECORDED, members);
    let (code, _, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/t/council.yaml:")
            && err.contains("attendance.labels_inline は、役職ごとの行（by_role）には効きません")
            && err.contains("roles_inline: false"),
        "{err}"
    );
    let p = minutes_council(&form("    roles_inline: false\n"), RECORDED, members);
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    let (lines, page) = super::one_council::both(&p);
    for l in ["委員長：", "宮城孝", "委員：", "勝田和行、北澤智子"] {
        assert!(lines.iter().any(|x| x == l), "{l}: {lines:?}");
    }
    assert!(page.contains("委員長：宮城孝委員：勝田和行"), "{page}");
    let html = super::common::unphrased(&p.read("output/t/minutes.html"));
    assert!(html.contains("<p>委員長：</p>"), "{html}");
}
