//! A joint meeting counted in a series of its own (issue 33: 第１回合同部会), apart from each
//! body's numbered meetings: its name in the minutes and 表１, seen in the laid-out text of the
//! PDF and of the web page, and `check` comparing each series' numbers with its dates.

use crate::common;
pub(crate) mod content;

use common::built::Built;
use common::{TempProject, squashed};
use content::joint_series;

#[test]
fn a_joint_meeting_counted_in_its_own_series() {
    let p = TempProject::sample();
    joint_series(&p);
    let b = Built::new(p);
    for body in ["kitamidai-shuro", "kitamidai-soudan"] {
        b.both_contain(
            &format!("{body}/r6-2-kaigiroku"),
            &["令和６年度 第１回北見台市障害者地域自立支援協議会就労支援部会・相談支援部会合同部会"],
        );
    }
    // 表１: the body's own meetings numbered on past the joint one, which is counted apart.
    b.both_contain(
        "kitamidai-shuro/r6-kekka",
        &["第１回部会", "第１回合同部会", "第２回部会", "第３回部会"],
    );
    b.both_contain(
        "kitamidai-soudan/r6-kekka",
        &["第１回部会", "第１回合同部会"],
    );
    let pdf = squashed(b.pdf("kitamidai-shuro/r6-kekka"));
    let at = |s: &str| pdf.find(s).unwrap_or_else(|| panic!("{s}\n{pdf}"));
    assert!(at("第１回部会") < at("第１回合同部会") && at("第１回合同部会") < at("第２回部会"));
    assert!(!pdf.contains("第４回部会"));
}

#[test]
fn an_agenda_and_a_packet_of_a_meeting_in_a_series_name_it() {
    let p = TempProject::sample();
    joint_series(&p);
    p.edit(
        "content/kitamidai-shuro/2024/meetings.yaml",
        "      - title: 閉会\n",
        "      - title: 閉会\n    materials:\n      - {title: 次第, agenda: true}\n",
    );
    let docs = "content/kitamidai-shuro/documents";
    p.write(
        &format!("{docs}/r6-g1-shidai.yaml"),
        "type: agenda\nyear: 2024\nmeeting: 1\nseries: 合同部会\n",
    );
    p.write(
        &format!("{docs}/r6-g1-shiryo.yaml"),
        "type: packet\nyear: 2024\nmeeting: 1\nseries: 合同部会\n",
    );
    let b = Built::new(p);
    let name = "第１回北見台市障害者地域自立支援協議会就労支援部会・相談支援部会合同部会";
    b.both_contain(
        "kitamidai-shuro/r6-g1-shidai",
        &[name, "日時：令和６年９月１９日"],
    );
    // The packet's page lays out the same agenda; its PDF places the agenda's page.
    let page = common::built::page_text(&b.html("kitamidai-shuro/r6-g1-shiryo"));
    assert!(page.contains(&format!("{name}会議資料")), "{page}");
    let packet = b.pdf("kitamidai-shuro/r6-g1-shiryo");
    assert_eq!(shiryo::load::images::pdf::check(&packet.pdf), Ok(1));
}

/// `check` in `p`: its exit code and what it printed.
fn check(p: &TempProject) -> (i32, String) {
    let (code, out, err) = p.run(&["check"]);
    (code, format!("{out}{err}"))
}

#[test]
fn check_reports_a_meeting_numbered_out_of_the_order_of_its_dates_in_its_series() {
    let p = TempProject::sample();
    joint_series(&p);
    assert_eq!(check(&p).0, 0, "{}", check(&p).1);
    // A second joint meeting, numbered 2 but held before the first.
    p.edit(
        "content/kitamidai-shuro/2024/meetings.yaml",
        "  - number: 2\n    date: 2024-11-21",
        "  - number: 2\n    series: 合同部会\n    date: 2024-08-01\n    activity: 合同の事例検討\n    outcomes: [事例を検討しました。]\n  - number: 2\n    date: 2024-11-21",
    );
    let (code, out) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "content/kitamidai-shuro/2024/meetings.yaml:49:11（３番目の会議の date）: 第２回合同部会の日付（2024-08-01）が、第１回合同部会の日付（2024-09-19）より前です。回の番号が開いた順になっていません。"
        ),
        "{out}"
    );
    // The body's own meetings are counted apart from it: no complaint about them.
    assert_eq!(out.matches("エラー:").count(), 1, "{out}");
}

#[test]
fn a_document_naming_a_meeting_in_the_wrong_series_is_told_which_it_may_mean() {
    let p = TempProject::sample();
    joint_series(&p);
    p.edit(
        "content/kitamidai-shuro/documents/r6-2-kaigiroku.yaml",
        "meeting: 1\nseries: 合同部会",
        "meeting: 2\nseries: 合同部会",
    );
    let (code, out) = check(&p);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("令和６年度の第２回合同部会の会議が meetings.yaml にありません。\n  → 第２回のことなら、資料の series: を消してください。"),
        "{out}"
    );
}
