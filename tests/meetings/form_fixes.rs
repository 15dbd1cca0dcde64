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
