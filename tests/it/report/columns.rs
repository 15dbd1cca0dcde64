//! A council's columns, reasons, course and rules in 表１ and 表２, and text that cannot fit.

use super::*;

/// A council outside にも包括 heads its goal tables 重点項目 and prints why beside each result,
/// from content alone (no template of its own).
#[test]
fn a_council_names_its_columns_and_prints_reasons() {
    let p = TempProject::empty();
    small_council(&p, 2, "活動", "成果");
    p.edit(
        "content/test/council.yaml",
        "roles: [部会長]\n",
        "roles: [部会長]\nreport:\n  labels:\n    component: 重点項目\n    result: \"{年度略}年度の評価\"\n    reason: 評価の理由・課題\n    evaluation: \"{年度}の{会議}の評価\"\n  reason_column: true\n",
    );
    p.write(
        "content/test/2024/evaluation.yaml",
        "results:\n  1-1: {result: 未達成, reason: 講師が決まらなかった。}\n  1-2: 達成\n",
    );
    let t = typeset_all(p.path()).remove(0);
    let flow = squashed(&t);
    let t2 = &flow[flow.find("【表２").unwrap()..flow.find("【表３").unwrap()];
    let t3 = &flow[flow.find("【表３").unwrap()..];
    assert!(
        t2.contains("重点項目課題活動目標目標値Ｒ６年度の評価評価の理由・課題"),
        "{t2}"
    );
    assert!(t2.contains("未達成講師が決まらなかった。"), "{t2}");
    assert!(t3.contains("重点項目課題活動目標目標値"), "{t3}");
    assert!(flow.contains("２令和６年度の部会の評価"), "{flow}");
    assert!(!flow.contains("にも包括"), "{flow}");
}

/// Text never leaves its cell or the page (issue 19): a long full-width number breaks inside
/// its cell and reads in order; a code with nowhere to break is an error at its YAML line,
/// and nothing is written.
#[test]
fn text_that_cannot_fit_breaks_or_is_refused_where_it_was_written() {
    let goals = "content/niiza-chiiki-ikou/2024/goals.yaml";
    let digits = "１２３４５６７８９０１２３４５６７８９０１２３";
    let p = TempProject::sample();
    p.edit(
        goals,
        "target: 協議の場を年６回以上開催",
        &format!("target: \"{digits}\""),
    );
    let t = typeset_all(p.path())
        .into_iter()
        .find(|t| t.id == "niiza-chiiki-ikou/r6-hyoka")
        .unwrap();
    assert!(shiryo::typeset::overflow::overflows(&t.document).is_empty());
    assert!(squashed(&t).contains(digits), "the digits read in order");

    let p = TempProject::sample();
    let code = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    p.edit(
        goals,
        "target: 朝霞保健所のバックアップを受けた事業を年１回以上実施",
        &format!("target: {code}"),
    );
    let (code, out, err) = p.run(&["build"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(&format!("エラー: {goals}:22: ")) && err.contains("はみ出します"),
        "{err}"
    );
    assert!(!p.path().join("output").exists(), "{out}");
}

/// 表１ as the council says it (issue 16): meetings and activities in the order they were
/// held, a numbered meeting held as a training course with its lecturer and participants, and
/// the row words from `report.labels`, the same in the PDF and on the page.
#[test]
fn table1_rows_in_the_order_held_with_a_course_and_the_councils_words() {
    let p = TempProject::sample();
    let council = "content/sakuradai-seishin";
    p.edit(
        &format!("{council}/2018/meetings.yaml"),
        "    activity: 不動産事業者を招いたオンラインでの意見交換\n",
        "    activity: 不動産事業者を招いたオンラインでの意見交換\n    lecturer: {name: 山田 一郎, affiliation: 桜台不動産協会}\n    participants: {breakdown: [{group: 委員, count: 12}, {group: 事業者, count: 3}]}\n",
    );
    p.edit(
        &format!("{council}/council.yaml"),
        "  labels:\n",
        "  labels:\n    held_when: \"日時：{日時}\"\n    meeting: \"{会議}（第{回}回）\"\n    schedule_place: \"会場：{場所}\"\n",
    );
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let t = typeset_all(p.path())
        .into_iter()
        .find(|t| t.id == "sakuradai-seishin/h30-hyoka")
        .expect("the report");
    let flow = squashed(&t);
    let t1 = &flow[flow.find("【表1").unwrap()..flow.find("【表2").unwrap()];
    // The course held on 2018-11-17 between the second meeting and the third.
    let second = t1.find("部会（第2回）").expect(t1);
    let course = t1.find("市民向け研修会").expect(t1);
    let third = t1.find("部会（第3回）").expect(t1);
    assert!(second < course && course < third, "{t1}");
    assert!(
        t1.contains("【講師】桜台不動産協会山田一郎"),
        "the meeting's lecturer: {t1}"
    );
    assert!(
        t1.contains("【参加者】計15名（委員12名、事業者3名）"),
        "{t1}"
    );
    assert!(t1.contains("日時：平成30年6月14日"), "{t1}");
    assert!(!t1.contains("【日時】"), "{t1}");
    let schedule = &flow[flow.rfind("活動日程").unwrap()..];
    assert!(schedule.contains("会場："), "{schedule}");

    let page = p.read("output/sakuradai-seishin/h30-hyoka.html");
    let page: String = common::unphrased(&page).split_whitespace().collect();
    assert!(
        page.contains("<p>【講師】桜台不動産協会山田一郎</p>"),
        "{page}"
    );
    assert!(page.contains("<p>日時：平成30年6月14日"), "{page}");
    assert!(page.contains("部会（第2回）"), "{page}");
    let (second, course, third) = (
        page.find("部会（第2回）").unwrap(),
        page.find("市民向け研修会").unwrap(),
        page.find("部会（第3回）").unwrap(),
    );
    assert!(second < course && course < third);
}

/// 表２ with the columns a council chooses (issue 16): 実績 and a 達成率 computed from the
/// target and the actual, in the PDF and on the page; `check` warns when a result contradicts
/// the council's rule for that rate, at the result's line.
#[test]
fn chosen_columns_a_computed_rate_and_the_councils_rule() {
    let p = TempProject::sample();
    let t = typeset_all(p.path())
        .into_iter()
        .find(|t| t.id == "kitamidai-shuro/r6-kekka")
        .expect("the sample with a rule");
    let flow = squashed(&t);
    let t2 = &flow[flow.find("【表２").unwrap()..flow.find("【表３").unwrap()];
    assert!(t2.contains("重点項目課題活動目標目標値実績達成率"), "{t2}");
    assert!(t2.contains("企業実習の受け入れ先５社３社６０％C"), "{t2}");
    assert!(t2.contains("１２５％A"), "{t2}");
    let t3 = &flow[flow.find("【表３").unwrap()..];
    assert!(!t3.contains("実績"), "表３ keeps its target only: {t3}");

    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let page = p.read("output/kitamidai-shuro/r6-kekka.html");
    assert!(
        page.contains("<th scope=\"col\">実績</th><th scope=\"col\">達成率</th>"),
        "{page}"
    );
    assert!(
        page.contains("<td class=\"result rate\"><span class=\"nw\">６０</span>％</td>"),
        "{page}"
    );

    // 3 of 5 is 60 %: the rule says C, not B.
    let file = "content/kitamidai-shuro/2024/evaluation.yaml";
    p.edit(file, "1-1: {result: C,", "1-1: {result: B,");
    let (code, _, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{file}:3"))
            && err.contains("目標 １－１ の評価「B」は、達成率 ６０％"),
        "{err}"
    );
    assert!(err.contains("決まる「C」と違います"), "{err}");

    // A rule's word the council does not evaluate with is an error in council.yaml.
    p.edit(file, "1-1: {result: B,", "1-1: {result: C,");
    p.edit(
        "content/kitamidai-shuro/council.yaml",
        "  - {word: D}",
        "  - {word: E}",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("評価の決まり（evaluation_rules）の「E」"),
        "{err}"
    );
    assert!(err.contains("kitamidai-shuro/council.yaml:"), "{err}");
}
