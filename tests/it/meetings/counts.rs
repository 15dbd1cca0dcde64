//! Attendance as counts (issue 33): a meeting's `counts:` printed by the minutes in the lines
//! of the council's form, 「委員19名」「事務局16名」「傍聴2名」, members by group, the online
//! share, the absent as a count and a total; counts not written are counted from names.

use super::one_council::{RECORDED, assert_both, both, minutes_council};

/// Counts written for the meeting, in the usual lines, each a line of its own; the viewers
/// under 出席者 when the form has no section of theirs.
#[test]
fn counts_in_the_usual_lines() {
    let p = minutes_council(
        "minutes:\n  frame: lines\n  label: \"{番号} {見出し}\"\n  sections: [{section: when}, {section: attendance}, {section: record}]\n",
        &format!(
            "    counts: {{members: 19, secretariat: 16}}\n    public: {{allowed: true, viewers: 2}}\n{RECORDED}"
        ),
        "",
    );
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_both(
        &p,
        &["２出席者委員１９名事務局１６名傍聴２名３会議結果"],
        &["委員："],
    );
    let (lines, _) = both(&p);
    for l in ["委員１９名", "事務局１６名", "傍聴２名"] {
        assert!(lines.iter().any(|x| x == l), "{l}: {lines:?}");
    }
}

/// Members by group (some counted, some named only), the online share, the absent in their
/// own section, the secretariat counted from its staff, a total and a quorum, in the
/// council's words.
#[test]
fn counts_by_group_online_absent_and_total_in_the_councils_words() {
    let form = "minutes:
  frame: lines
  label: \"{見出し}\"
  sections:
    - section: attendance
    - section: absent
    - section: quorum
      unlabelled: true
    - section: record
  attendance:
    counts:
      members: \"【委員】委員{人数}名{内訳}{オンライン}\"
      groups: \"({内訳})\"
      online: \"（内オンライン参加{人数}人）\"
      secretariat: \"【事務局】{人数}名\"
      absent: \"{人数}名\"
      total: \"（計{人数}名）\"
";
    let meeting = format!(
        "    counts:\n      members: 25\n      absent: 2\n      online: 3\n      groups: [{{group: 学識経験者, count: 3}}, 家族会]\n    staff:\n      - {{post: 課長}}\n      - {{post: 係員, count: 4}}\n{RECORDED}"
    );
    let p = minutes_council(form, &meeting, "");
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_both(
        &p,
        &[
            "出席者【委員】委員２５名(学識経験者３名、家族会)（内オンライン参加３人）【事務局】５名（計３０名）欠席者２名",
            "委員２７名中２５名の出席により、会議は成立しました。",
        ],
        &["欠席２名"],
    );
}

/// Counts not written are counted from the names the meeting gives: members from the member
/// list less the absent, the absent and online from their lists.
#[test]
fn counts_not_written_are_counted_from_names() {
    let p = minutes_council(
        "style: {minutes: headings}\nminutes:\n  sections: [{section: attendance}, {section: record}]\n",
        &format!(
            "    counts: {{}}\n    absent: [鈴木 花子]\n    online: [佐藤 三郎]\n    secretariat: [課長, 係長]\n{RECORDED}"
        ),
        "members:\n  - name: 山田 太郎\n  - name: 鈴木 花子\n  - name: 佐藤 三郎\n",
    );
    assert_both(
        &p,
        &["委員２名（うちオンライン１名）欠席１名事務局２名"],
        &["山田"],
    );
}

/// A count pattern's placeholder nothing fills is an error at its line.
#[test]
fn an_unknown_placeholder_in_a_count_is_an_error() {
    let p = minutes_council(
        "minutes:\n  attendance:\n    counts:\n      members: \"委員{人}名\"\n",
        &format!("    counts: {{members: 3}}\n{RECORDED}"),
        "",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/t/council.yaml:7")
            && err.contains("minutes の members に、使えない {人} があります。"),
        "{err}"
    );
}
