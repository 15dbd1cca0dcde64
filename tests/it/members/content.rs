//! Content for the tests of members' attributes: a council whose members have categories (区分)
//! and posts, with an annual report, the minutes of its first meeting and a member list.

use crate::common::{TempProject, small_council};

/// Members in an order the council's categories put right: 学識経験者 after 関係団体 in
/// members.yaml, before it in print.
pub const MEMBERS: &str = "members:
  - {category: 関係団体, organization: テスト福祉会, post: 理事長, name: 小川 恵, role: 副部会長}
  - {category: 学識経験者, organization: テスト大学, post: 教授, name: 岡本 誠, role: 部会長}
  - {category: 関係団体, organization: テスト保健所}
  - {category: 関係団体, organization: テスト作業所, name: 田中 一郎}
  - {category: アドバイザー, name: 松本 修}
";

/// The council `test` (see `small_council`) with `MEMBERS` in both years, meeting 1 with a
/// secretariat of names only, its minutes and member list; `council_extra` is added to its
/// council.yaml.
pub fn council_with_categories(p: &TempProject, council_extra: &str) {
    small_council(p, 1, "活動の内容", "成果の文章");
    // The secretariat is written by name only: a form that prints it so.
    let staff = if council_extra.contains("minutes:") {
        ""
    } else {
        "minutes:\n  attendance:\n    staff: \"{名前}\"\n"
    };
    p.write(
        "content/test/council.yaml",
        &format!(
            "name: テスト市協議会\nbody: テスト部会\nmeeting_label: 部会\nevaluation_words: [達成, 未達成]\nroles: [部会長, 副部会長]\ncategories: [学識経験者, 関係団体, アドバイザー]\n{council_extra}{staff}"
        ),
    );
    for year in ["2024", "2025"] {
        p.write(&format!("content/test/{year}/members.yaml"), MEMBERS);
    }
    p.write(
        "content/test/2024/meetings.yaml",
        "meetings:
  - number: 1
    date: 2024-05-10
    start: \"14:00\"
    end: \"16:00\"
    venue: 会議室
    attendance: 8
    activity: 活動の内容
    goals: [1-1]
    outcomes: [成果の文章]
    staff:
      - {department: 政策室市民協働推進担当, name: 馬場}
      - {department: 政策室市民協働推進担当, name: 池田}
      - {department: 政策室市民協働推進担当, name: 髙橋}
    agenda:
      - title: 開会
        record:
          - note: （意見なし。承諾された。）
",
    );
    p.write(
        "content/test/documents/minutes.yaml",
        "type: minutes\nyear: 2024\nmeeting: 1\n",
    );
    p.write(
        "content/test/documents/meibo.yaml",
        "type: member_list\nyear: 2024\ntitle: テスト部会委員名簿\ndate: 2024-05-10\n",
    );
}

/// The minutes form of the tests: members under their categories, roles and names run
/// together on one line, each with organization and post; the secretariat's department and
/// names on one line; 欠席者 kept when nobody is absent.
pub const MINUTES_FORM: &str = "minutes:
  sections:
    - section: when
    - section: attendance
    - section: absent
      keep_empty: true
    - section: secretariat
    - section: record
  attendance:
    member: \"{所属} {職名} {名前}\"
    category_label: \"【{区分}】\"
    by_role: true
    role_label: \"{役職}・\"
    role_separator: \"、\"
    staff: \"{名前}\"
    department: \"{課} {事務局}\"
";
