//! Members' attributes wherever members are printed (issue 33): a category (区分) as a group
//! heading or beside each name, a post within the organization, roles and names run together
//! on one line, a section's staff on one line, 「なし」 under an empty 欠席者. Each seen in the
//! laid-out text of the PDF and of the web page.

use crate::common;
pub(crate) mod content;

use common::built::Built;
use common::dom::Dom;
use common::{TempProject, squashed};
use content::{MINUTES_FORM, council_with_categories};

#[test]
fn minutes_group_members_by_category_with_posts_roles_on_one_line_and_staff_by_section() {
    let p = TempProject::empty();
    council_with_categories(&p, MINUTES_FORM);
    let b = Built::new(p);
    b.both_contain(
        "test/minutes",
        &[
            // Categories in the council's order, each one's roles and names on one line; a
            // member with only an organization named by it once.
            "委員：【学識経験者】部会長・テスト大学 教授 岡本 誠\
             【関係団体】副部会長・テスト福祉会 理事長 小川 恵、委員・テスト保健所、テスト作業所 田中 一郎\
             【アドバイザー】委員・松本 修",
            "欠席者なし",
            "事務局政策室市民協働推進担当 馬場、池田、髙橋",
        ],
    );
    let lines = b.lines("test/minutes");
    // Each category's members on a line of their own, beginning with its heading.
    for heading in ["【関係団体】副部会長・", "【アドバイザー】委員・"] {
        assert!(
            lines.iter().any(|l| l.starts_with(heading)),
            "{heading}\n{}",
            lines.join("\n")
        );
    }
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("テスト保健所 テスト保健所"))
    );
}

#[test]
fn a_category_heading_on_a_line_of_its_own_or_the_category_beside_each_name() {
    // The heading alone on its line, the roles each on a line of their own (the default).
    let p = TempProject::empty();
    let form = MINUTES_FORM
        .replace(
            "    role_separator: \"、\"\n",
            "    category_inline: false\n",
        )
        .replace(
            "    by_role: true\n",
            "    by_role: true\n    separator: \"、\"\n",
        );
    council_with_categories(&p, &form);
    let b = Built::new(p);
    let lines = b.lines("test/minutes");
    for line in [
        "【関係団体】",
        "副部会長・テスト福祉会 理事長 小川 恵",
        "【アドバイザー】",
    ] {
        assert!(
            lines.iter().any(|l| l == line),
            "no line {line}\n{}",
            lines.join("\n")
        );
    }
    let dom = Dom::parse(&b.html("test/minutes"));
    let paragraphs: Vec<String> = dom.select("dd p").iter().map(|e| e.text()).collect();
    assert!(
        paragraphs.iter().any(|t| t == "【関係団体】"),
        "{paragraphs:?}"
    );

    // Beside each name, with no heading: the member pattern's {区分}.
    let p = TempProject::empty();
    let form = MINUTES_FORM
        .replace("    category_label: \"【{区分}】\"\n", "")
        .replace(
            "    member: \"{所属} {職名} {名前}\"\n",
            "    member: \"{名前}（{区分}）\"\n",
        );
    council_with_categories(&p, &form);
    let b = Built::new(p);
    b.both_contain(
        "test/minutes",
        &["委員：副部会長・小川 恵（関係団体）、部会長・岡本 誠（学識経験者）、委員・テスト保健所（関係団体）、田中 一郎（関係団体）、松本 修（アドバイザー）"],
    );
}

#[test]
fn the_member_list_puts_categories_in_heading_rows_or_a_column_and_posts_after_organizations() {
    // The usual columns: each category a row over its members, the post after the organization.
    let p = TempProject::empty();
    council_with_categories(&p, "");
    let b = Built::new(p);
    // Each cell is a line of its own, in reading order.
    let lines = b.lines("test/meibo");
    assert_eq!(
        lines[2..],
        [
            "役職",
            "氏名",
            "所属",
            "学識経験者",
            "部会長",
            "岡本 誠",
            "テスト大学 教授",
            "関係団体",
            "副部会長",
            "小川 恵",
            "テスト福祉会 理事長",
            "テスト保健所",
            "田中 一郎",
            "テスト作業所",
            "アドバイザー",
            "松本 修",
        ],
        "{}",
        lines.join("\n")
    );
    let html = b.html("test/meibo");
    let dom = Dom::parse(&html);
    let groups: Vec<String> = dom
        .select("tbody th.group")
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(groups, ["学識経験者", "関係団体", "アドバイザー"], "{html}");
    assert_eq!(dom.select("tbody").len(), 3);
    assert!(html.contains(r#"<th scope="rowgroup" colspan="3" class="group">"#));
    b.both_contain("test/meibo", &["副部会長小川恵テスト福祉会 理事長"]);

    // The council's columns: the category a column whose cell spans its members.
    let p = TempProject::empty();
    council_with_categories(
        &p,
        "member_list:\n  columns: [category, organization, post, name, role]\n  post: 役職名\n  category: 分類\n",
    );
    let b = Built::new(p);
    let lines = b.lines("test/meibo");
    assert_eq!(
        lines[2..14],
        [
            "分類",
            "所属",
            "役職名",
            "氏名",
            "役職",
            "学識経験者",
            "テスト大学",
            "教授",
            "岡本 誠",
            "部会長",
            "関係団体",
            "テスト福祉会",
        ],
        "{}",
        lines.join("\n")
    );
    // 関係団体 printed once for its three members.
    assert_eq!(
        lines.iter().filter(|l| l.contains("関係団体")).count(),
        1,
        "{}",
        lines.join("\n")
    );
    let html = b.html("test/meibo");
    assert!(html.contains(r#"<td rowspan="3">関係団体</td>"#), "{html}");
    assert_eq!(Dom::parse(&html).select("th.group").len(), 0);
    let heads: Vec<String> = Dom::parse(&html)
        .select("thead th")
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(heads, ["分類", "所属", "役職名", "氏名", "役職"]);

    // The heading rows in the council's form.
    let p = TempProject::empty();
    council_with_categories(&p, "member_list:\n  category_label: \"＜{区分}＞\"\n");
    let b = Built::new(p);
    assert!(b.lines("test/meibo").iter().any(|l| l == "＜関係団体＞"));
    let groups: Vec<String> = Dom::parse(&b.html("test/meibo"))
        .select("th.group")
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(
        groups,
        ["＜学識経験者＞", "＜関係団体＞", "＜アドバイザー＞"]
    );
}

#[test]
fn the_reports_members_are_listed_under_their_categories_with_posts() {
    let p = TempProject::empty();
    council_with_categories(&p, "");
    let b = Built::new(p);
    b.both_contain(
        "test/report",
        &["【学識経験者】・テスト大学 教授 岡本 誠（部会長）\
           【関係団体】・テスト福祉会 理事長 小川 恵（副部会長）・テスト保健所・テスト作業所 田中 一郎\
           【アドバイザー】・松本 修"],
    );
    let lines = b.lines("test/report");
    assert!(lines.iter().any(|l| l == "【アドバイザー】"), "{lines:?}");
    let dom = Dom::parse(&b.html("test/report"));
    let groups: Vec<String> = dom
        .select("p.member-group")
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(
        groups,
        ["【学識経験者】", "【関係団体】", "【アドバイザー】"].repeat(2)
    );

    // The category beside each name instead (`member` with {区分}): no headings.
    let p = TempProject::empty();
    council_with_categories(
        &p,
        "report:\n  labels:\n    member: \"{区分}　{名前}（{役職}）\"\n",
    );
    let b = Built::new(p);
    b.both_contain(
        "test/report",
        &["・関係団体 小川 恵（副部会長）・学識経験者 岡本 誠（部会長）・関係団体 テスト保健所"],
    );
    assert!(!squashed(b.pdf("test/report")).contains("【学識経験者】"));

    // The headings in the council's form.
    let p = TempProject::empty();
    council_with_categories(&p, "report:\n  labels:\n    member_group: \"◇{区分}\"\n");
    let b = Built::new(p);
    b.both_contain(
        "test/report",
        &["◇学識経験者・テスト大学 教授 岡本 誠（部会長）◇関係団体・テスト福祉会"],
    );
}
