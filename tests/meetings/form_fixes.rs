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

/// A member of the secretariat written with `post: ""` is named by their name (the usual
/// staff form prints posts only, so nothing was printed), and one with no name leaves no empty
/// brackets.
#[test]
fn staff_without_a_post_are_named() {
    let p = minutes_council(
        "style: {minutes: headings}\n",
        &format!(
            "    staff:\n      - {{post: \"\", name: 馬場}}\n      - {{post: 障害福祉課長}}\n{RECORDED}"
        ),
        "",
    );
    assert_both(&p, &["事務局：馬場、障害福祉課長"], &[]);
    let p = minutes_council(
        "style: {minutes: headings}\nminutes:\n  attendance: {staff: \"{職名}（{名前}）\"}\n",
        &format!(
            "    staff:\n      - {{post: \"\", name: 馬場}}\n      - {{post: 障害福祉課長}}\n{RECORDED}"
        ),
        "",
    );
    assert_both(&p, &["事務局：馬場、障害福祉課長"], &["（馬場）", "（）"]);
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
