//! The yearly cycle: `next-year` starts the next report from the latest one, as a draft that
//! builds at once; filled in, it builds as final with no warnings.

use crate::common;

use common::{TempProject, squashed, typeset_all};
use shiryo::model::council::Project;
use shiryo::model::council::goal_iter;
use shiryo::model::{Document, Status};
mod refusals;

const COUNCIL: &str = "niiza-chiiki-ikou";

fn load(p: &TempProject) -> Project {
    let (project, problems) = Project::load(p.path());
    assert!(!problems.has_errors(), "{problems}");
    project
}

/// Every file under content/, with its bytes.
fn snapshot(p: &TempProject) -> Vec<(String, Vec<u8>)> {
    common::snapshot(&p.path().join("content"))
}

/// The new report's body text, its page headers (one string per page), and its PDF title.
fn report_text(p: &TempProject) -> (String, Vec<String>, String) {
    let all = typeset_all(p.path());
    let t = all
        .iter()
        .find(|t| t.id == "niiza-chiiki-ikou/r7-hyoka")
        .expect("the new report is built");
    let lines = shiryo::typeset::text_lines(&t.document);
    let pages = lines.iter().map(|l| l.page).max().unwrap_or(0);
    let headers = (1..=pages)
        .map(|page| {
            lines
                .iter()
                .filter(|l| l.page == page && l.y < 72.0)
                .map(|l| l.text.replace(char::is_whitespace, ""))
                .collect()
        })
        .collect();
    use typst::model::Document as _;
    let title = t
        .document
        .info()
        .title
        .as_deref()
        .unwrap_or_default()
        .to_string();
    (squashed(t), headers, title)
}

#[test]
fn next_year_writes_the_files_of_the_next_cycle() {
    let p = TempProject::sample();
    let (code, out, err) = p.run(&["next-year", COUNCIL]);
    assert_eq!(code, 0, "{out}{err}");
    for f in [
        "2025/evaluation.yaml",
        "2026/goals.yaml",
        "2026/members.yaml",
        "2026/meetings.yaml",
        "documents/r7-hyoka.yaml",
    ] {
        assert!(
            out.contains(&format!("作成: content/{COUNCIL}/{f}")),
            "{out}"
        );
        let text = p.read(&format!("content/{COUNCIL}/{f}"));
        assert!(text.contains("# shiryo next-year が"), "{f}: {text}");
    }
    assert!(out.contains("これから書くこと:"), "{out}");

    // Parsed back through the model, not compared as text.
    let project = load(&p);
    let c = project.councils.iter().find(|c| c.slug == COUNCIL).unwrap();
    let (y2025, y2026) = (&c.years[&2025], &c.years[&2026]);
    let goals_2025 = y2025.goals.as_ref().unwrap();
    let results = &y2025.evaluation.as_ref().unwrap().results;
    let own: Vec<_> = goal_iter(goals_2025)
        .filter(|g| g.repeats.is_none())
        .map(|g| g.number)
        .collect();
    assert_eq!(results.keys().copied().collect::<Vec<_>>(), own);
    assert!(results.values().all(Option::is_none));
    // The next goal set and members start as this year's.
    let goals_2026 = y2026.goals.as_ref().unwrap();
    let texts = |s| {
        goal_iter(s)
            .map(|g| (g.number, g.activity.clone(), g.target.clone(), g.repeats))
            .collect::<Vec<_>>()
    };
    assert_eq!(texts(goals_2026), texts(goals_2025));
    assert_eq!(
        y2026.members.as_ref().unwrap().members.len(),
        y2025.members.as_ref().unwrap().members.len()
    );
    // The schedule keeps each meeting's week, weekday and times, a year later.
    let (this, next) = (&y2025.meetings.meetings, &y2026.meetings.meetings);
    assert_eq!(this.len(), next.len());
    for (a, b) in this.iter().zip(next) {
        assert_eq!(a.number, b.number);
        let (a_day, b_day) = (a.date.unwrap().0, b.date.unwrap().0);
        assert_eq!(a_day.weekday(), b_day.weekday());
        assert_eq!(a_day.month(), b_day.month());
        assert_eq!((a_day.day() - 1) / 7, (b_day.day() - 1) / 7);
        assert_eq!(shiryo::text::dates::fiscal_year_of(b_day), 2026);
        assert_eq!((a.start, a.end, &a.venue), (b.start, b.end, &b.venue));
    }
    // The report: a year on, a draft, the 資料番号 and prose kept.
    let doc = |name: &str| {
        c.documents
            .iter()
            .find(|d| d.name == name)
            .map(|d| match &d.document {
                Document::AnnualReport(r) => r.as_ref().clone(),
                _ => panic!("{name} is a report"),
            })
            .unwrap()
    };
    let (old, new) = (doc("r6-hyoka"), doc("r7-hyoka"));
    assert_eq!(new.year, 2025);
    assert_eq!(new.status, Status::Draft);
    assert_eq!(
        new.date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-25")
    );
    assert_eq!(new.material, old.material);
    assert_eq!(new.introduction, old.introduction);
    assert_eq!(new.figure.map(|f| f.file), old.figure.map(|f| f.file));
}

#[test]
fn running_twice_writes_nothing_and_says_why() {
    let p = TempProject::sample();
    assert_eq!(p.run(&["next-year", COUNCIL]).0, 0);
    let before = snapshot(&p);
    let (code, out, err) = p.run(&["next-year", COUNCIL]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("案（status: draft）のまま"), "{err}");
    assert!(err.contains("ファイルは何も書いていません。"), "{err}");
    assert_eq!(snapshot(&p), before);
}

#[test]
fn files_that_exist_are_never_changed() {
    let p = TempProject::sample();
    let own = "# yaml-language-server: $schema=../../../schema/goals.schema.json\ncomponents:\n  - number: 1\n    name: 協議の場の設置\n    issues:\n      - issue: 課題\n        goals:\n          - number: 1-1\n            activity: 自分で書いた目標\n            target: 年１回\n";
    p.write(&format!("content/{COUNCIL}/2026/goals.yaml"), own);
    let (code, out, err) = p.run(&["next-year", COUNCIL]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(&format!(
            "そのまま: content/{COUNCIL}/2026/goals.yaml（もうあるので変えていません）"
        )),
        "{out}"
    );
    assert_eq!(p.read(&format!("content/{COUNCIL}/2026/goals.yaml")), own);
}

#[test]
fn an_unknown_council_is_named_with_the_known_ones() {
    let p = TempProject::sample();
    let (code, _, err) = p.run(&["next-year", "niiza"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("協議会 niiza が content/ にありません。"),
        "{err}"
    );
    assert!(err.contains("niiza-chiiki-ikou"), "{err}");
}

#[test]
fn the_draft_builds_at_once_marked_and_unfilled_visibly() {
    let p = TempProject::sample();
    assert_eq!(p.run(&["next-year", COUNCIL]).0, 0);
    let (text, headers, title) = report_text(&p);
    assert!(headers.len() > 10);
    assert!(headers.iter().all(|h| h == "資料７案"), "{headers:?}");
    assert!(
        title.ends_with("令和７年度評価結果及び令和８年度目標設定（案）"),
        "{title}"
    );
    assert!(
        text.contains("令和７年度評価結果及び令和８年度目標設定"),
        "{text}"
    );
    // Meetings of the evaluated year not written up yet, and goals not evaluated yet.
    assert!(
        text.contains("第１回部会（未記入）【日時】令和７年４月１７日"),
        "{text}"
    );
    assert!(text.matches("（未記入）").count() > 30, "{text}");

    // check: warnings on the draft, each with file and line; errors once it is final.
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "警告: content/{COUNCIL}/2025/evaluation.yaml:4:3（results の１－１）: 令和７年度の目標 １－１ の評価がまだありません。"
        )),
        "{err}"
    );
    assert!(err.contains("第１回（令和７年４月１７日開催）の活動内容（activity）と成果と課題（outcomes）がないため"), "{err}");
    assert!(!err.contains("エラー:"), "{err}");
    let (code, out, _) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 1, "{out}");

    p.edit(
        &format!("content/{COUNCIL}/documents/r7-hyoka.yaml"),
        "status: draft\n",
        "",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "エラー: content/{COUNCIL}/2025/evaluation.yaml:4:3（results の１－１）: 令和７年度の目標 １－１ の評価がまだありません。"
        )),
        "{err}"
    );
    let (code, _, err) = p.run(&["build"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn filled_in_it_builds_as_final_with_no_warnings() {
    let p = TempProject::sample();
    assert_eq!(p.run(&["next-year", COUNCIL]).0, 0);
    // Results for every goal of 2025.
    let eval = format!("content/{COUNCIL}/2025/evaluation.yaml");
    let filled: String = p
        .read(&eval)
        .lines()
        .map(|l| match l.split_once(":  #") {
            Some((key, _)) => format!("{key}: 達成\n"),
            None => format!("{l}\n"),
        })
        .collect();
    p.write(&eval, &filled);
    // Each meeting of 2025 written up.
    let meetings = format!("content/{COUNCIL}/2025/meetings.yaml");
    let written: String = p
        .read(&meetings)
        .lines()
        .map(|l| {
            if l.starts_with("    date:") {
                format!("{l}\n    attendance: 12\n    activity: 事例の検討\n    outcomes:\n      - 検討した。\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    p.write(&meetings, &written);
    p.edit(
        &format!("content/{COUNCIL}/documents/r7-hyoka.yaml"),
        "status: draft\n",
        "",
    );
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("エラー 0 件、警告 0 件"), "{out}");
    let (text, headers, title) = report_text(&p);
    assert!(!text.contains("（未記入）"), "{text}");
    assert!(headers.iter().all(|h| h == "資料７"), "{headers:?}");
    assert!(!title.contains("案"), "{title}");
    assert!(
        text.contains("第１回部会事例の検討【日時】令和７年４月１７日"),
        "{text}"
    );
}

#[test]
fn any_document_can_be_a_draft_in_the_council_s_own_words() {
    let p = TempProject::sample();
    p.edit(
        "content/koganei-seishin/council.yaml",
        "meeting_label: 協議会\n",
        "meeting_label: 協議会\nstyle:\n  draft_mark: 素案\n  draft_watermark: true\n",
    );
    let doc = "content/koganei-seishin/documents/r6-1-kaigiroku.yaml";
    let text = p.read(doc);
    p.write(doc, &format!("{text}status: 案\n"));
    let all = typeset_all(p.path());
    let minutes = all
        .iter()
        .find(|t| t.id == "koganei-seishin/r6-1-kaigiroku")
        .unwrap();
    for on_page in common::page_texts(minutes) {
        // The mark at the top right, and the watermark across the page.
        assert!(on_page[0].contains("素案"), "{on_page:?}");
        assert!(
            on_page.iter().filter(|l| l.contains("素案")).count() >= 2,
            "{on_page:?}"
        );
    }
    // Another council's documents are not drafts.
    let report = all
        .iter()
        .find(|t| t.id == "niiza-chiiki-ikou/r6-hyoka")
        .unwrap();
    assert!(!common::text(report).contains("案"));
}

#[test]
fn goal_texts_cannot_break_the_files_written() {
    let p = TempProject::sample();
    // A target that, copied carelessly into a comment, would end the comment and start YAML.
    p.edit(
        &format!("content/{COUNCIL}/2025/goals.yaml"),
        "target: 協議の場を年８回以上開催",
        "target: \"協議の場を\\u2028results: {1-1: 達成}\\n\\u0085 # 年８回: 以上開催\"",
    );
    p.edit(
        &format!("content/{COUNCIL}/2025/meetings.yaml"),
        "venue: 本庁舎３階３０１・３０２会議室",
        "venue: \"本庁舎 # 3階: [301]\"",
    );
    let (code, out, err) = p.run(&["next-year", COUNCIL]);
    assert_eq!(code, 0, "{out}{err}");
    let project = load(&p);
    let c = project.councils.iter().find(|c| c.slug == COUNCIL).unwrap();
    let results = &c.years[&2025].evaluation.as_ref().unwrap().results;
    assert_eq!(results.len(), 30);
    assert!(results.values().all(Option::is_none));
    let first = &c.years[&2026].meetings.meetings[0];
    assert_eq!(first.venue.as_deref(), Some("本庁舎 # 3階: [301]"));
}

#[test]
fn the_schedule_keeps_venues_periods_and_meetingless_years_as_written() {
    let p = TempProject::sample();
    let meetings = format!("content/{COUNCIL}/2025/meetings.yaml");
    p.edit(
        &meetings,
        "venue: 本庁舎３階３０３・３０４会議室\n    goals:\n      - 4-5",
        "venue: \"本庁舎\\n３階\\u2028３０３\\u0085・\\\"３０４\\\"\"\n    format: written\n    until: 2025-06-26\n    goals:\n      - 4-5",
    );
    assert_eq!(p.run(&["next-year", COUNCIL]).0, 0);
    let project = load(&p);
    let c = project.councils.iter().find(|c| c.slug == COUNCIL).unwrap();
    let (was, now) = (
        &c.years[&2025].meetings.meetings[1],
        &c.years[&2026].meetings.meetings[1],
    );
    assert_eq!(now.venue, was.venue);
    assert_eq!(now.format, was.format);
    // The answer period keeps its length: 2025-06-12 … 06-26, 2026-06-11 … 06-25.
    assert_eq!(now.date.unwrap().0.to_string(), "2026-06-11");
    assert_eq!(now.until.unwrap().0.to_string(), "2026-06-25");

    // A year without meetings gives a schedule to fill in, never placeholder text that prints.
    let p = TempProject::sample();
    p.write(
        &meetings,
        "meetings: []\nnot_held: 感染症の流行のため開催しませんでした。\n",
    );
    assert_eq!(p.run(&["next-year", COUNCIL]).0, 0);
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("警告: content/niiza-chiiki-ikou/2026/meetings.yaml:5:1（meetings）: 令和８年度の会議の予定が１つもないため"),
        "{err}"
    );
}

#[test]
fn the_latest_report_must_be_one_and_its_new_name_free() {
    let p = TempProject::sample();
    let doc = p.read(&format!("content/{COUNCIL}/documents/r6-hyoka.yaml"));
    p.write(&format!("content/{COUNCIL}/documents/zz-hyoka.yaml"), &doc);
    let before = common::snapshot(&p.path().join("content"));
    let (code, _, err) = p.run(&["next-year", COUNCIL]);
    assert_eq!(code, 1);
    assert!(
        err.contains("令和６年度の評価結果が 2 件あります（r6-hyoka、zz-hyoka）"),
        "{err}"
    );
    assert_eq!(common::snapshot(&p.path().join("content")), before);

    // A name another document uses is left to it.
    let p = TempProject::sample();
    p.write(
        &format!("content/{COUNCIL}/documents/r7-hyoka.yml"),
        "type: member_list\nyear: 2025\ntitle: 委員名簿\ndate: 2025-04-01\n",
    );
    let (code, out, err) = p.run(&["next-year", COUNCIL]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!(
            "作成: content/{COUNCIL}/documents/r6-hyoka-2025.yaml"
        )),
        "{out}"
    );
    assert_eq!(p.run(&["check"]).0, 0);
}
