//! Members' attributes and a meeting counted in a series of its own, in the Word files: the
//! same finished phrases as the PDF and the page (tests/it/members.rs), and the member list's
//! category as a heading row across the table or as a column merged down its members.

use super::common::TempProject;
use super::{docx, paragraphs};

use crate::members::content;
use crate::series::content as series;

/// `p` built with Word files: the paragraphs of document `id`'s body.
fn built(p: &TempProject, id: &str) -> Vec<String> {
    let (code, out, err) = p.run(&["build", "--docx"]);
    assert_eq!(code, 0, "{out}{err}");
    paragraphs(&docx(p, &format!("output/{id}.docx"))["word/document.xml"])
}

#[test]
fn members_by_category_with_posts_in_the_minutes_report_and_member_list() {
    let p = TempProject::empty();
    content::council_with_categories(&p, content::MINUTES_FORM);
    let minutes = built(&p, "test/minutes").join("\n");
    for e in [
        "委員：【学識経験者】部会長・テスト大学 教授 岡本 誠",
        "【関係団体】副部会長・テスト福祉会 理事長 小川 恵、委員・テスト保健所、テスト作業所 田中 一郎",
        "【アドバイザー】委員・松本 修",
        "政策室市民協働推進担当 馬場、池田、髙橋",
    ] {
        assert!(minutes.contains(e), "no {e}\n{minutes}");
    }
    assert!(minutes.contains("欠席者\nなし"), "{minutes}");

    let report = built(&p, "test/report");
    let at = |s: &str| {
        report
            .iter()
            .position(|x| x == s)
            .unwrap_or_else(|| panic!("no paragraph {s}\n{}", report.join("\n")))
    };
    assert!(at("【学識経験者】") < at("・テスト大学 教授 岡本 誠（部会長）"));
    assert!(at("【関係団体】") < at("・テスト保健所"));
    assert!(at("【アドバイザー】") < at("・松本 修"));

    // The member list: each category a row spanning the table, the post after the organization.
    let body = &docx(&p, "output/test/meibo.docx")["word/document.xml"];
    assert!(body.contains(r#"<w:gridSpan w:val="3"/>"#), "{body}");
    let list = paragraphs(body);
    let heading = list.iter().position(|x| x == "関係団体").expect("関係団体");
    assert_eq!(
        list[heading + 1..heading + 4],
        ["副部会長", "小川 恵", "テスト福祉会 理事長"]
    );

    // With a category column, its cell merged down the members of that category.
    let p = TempProject::empty();
    content::council_with_categories(
        &p,
        "member_list:\n  columns: [category, organization, post, name, role]\n",
    );
    p.run(&["build", "--docx"]);
    let body = &docx(&p, "output/test/meibo.docx")["word/document.xml"];
    assert_eq!(body.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 1);
    assert_eq!(body.matches("<w:vMerge/>").count(), 2);
    let list = paragraphs(body);
    assert_eq!(list.iter().filter(|x| *x == "関係団体").count(), 1);
    assert!(list.iter().any(|x| x == "理事長"), "{list:?}");
}

#[test]
fn a_joint_meeting_in_its_own_series_in_word() {
    let p = TempProject::sample();
    series::joint_series(&p);
    let report = built(&p, "kitamidai-shuro/r6-kekka");
    for label in ["第１回部会", "第１回合同部会", "第２回部会", "第３回部会"]
    {
        assert!(report.iter().any(|x| x == label), "no {label}\n{report:?}");
    }
    let minutes = built(&p, "kitamidai-soudan/r6-2-kaigiroku").join("\n");
    assert!(
        minutes.contains(
            "令和６年度 第１回北見台市障害者地域自立支援協議会就労支援部会・相談支援部会合同部会"
        ),
        "{minutes}"
    );
}
