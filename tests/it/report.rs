//! The annual report, end to end: the sample content typeset, read back from the laid-out
//! document, and the Japanese typesetting pitfalls.

use crate::common;

use common::{TempProject, repo, small_council, squashed, text, typeset_all};
use shiryo::model::council::Project;
use shiryo::model::council::goal_iter;
use shiryo::text::dates;
use shiryo::text::japanese;
use shiryo::typeset::{text_lines, text_runs};
mod columns;

fn sample() -> shiryo::commands::build::Typeset {
    let mut all = typeset_all(&repo());
    let i = all
        .iter()
        .position(|t| t.id == "niiza-chiiki-ikou/r6-hyoka")
        .expect("the sample report");
    all.swap_remove(i)
}

#[test]
fn sample_report_has_every_meeting_goal_and_result() {
    let t = sample();
    let pages = t.document.pages().len();
    assert!((14..=20).contains(&pages), "{pages} pages");
    let text = squashed(&t);
    let sq = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();

    let (project, problems) = Project::load(&repo());
    assert!(!problems.has_errors(), "{problems}");
    let council = &project
        .councils
        .iter()
        .find(|c| c.slug == "niiza-chiiki-ikou")
        .unwrap();
    assert!(text.contains("令和６年度評価結果及び令和７年度目標設定"));
    assert!(text.contains("令和７年３月２５日"));

    for (fy, year) in &council.years {
        for m in &year.meetings.meetings {
            let head = format!("第{}回部会", japanese::fullwidth(&m.number.to_string()));
            assert!(text.contains(&head), "{fy}: {head}");
            if let Some(d) = m.date {
                let when = format!("{}（{}）", dates::wareki_date(d.0), dates::weekday(d.0));
                assert!(text.contains(&when), "{fy}: {when}");
            }
            if let Some(a) = &m.activity {
                assert!(text.contains(&sq(a)), "{fy}: {a}");
            }
            for o in &m.outcomes {
                assert!(text.contains(&sq(o)), "{fy}: {o}");
            }
        }
        for a in &year.meetings.activities {
            assert!(text.contains(&sq(&a.name)));
        }
        for g in year.goals.iter().flat_map(goal_iter) {
            let shown = match g.repeats {
                Some(r) => format!("{}（{r}【再掲】）", g.number),
                None => g.number.to_string(),
            };
            assert!(text.contains(&shown), "{fy}: goal {shown}");
        }
        for m in year.members.iter().flat_map(|m| &m.members) {
            let o = m
                .organization
                .as_deref()
                .expect("the sample report's members name theirs");
            assert!(text.contains(&sq(o)), "{o}");
        }
    }

    // The reference's slips are not reproduced: re-listed goals name the goal they repeat
    // (表２: ６－５ re-lists the 生活困窮 goal ３－７; 表３: the じもくら goal is ３－４).
    let t2 = &text[text.find("【表２").unwrap()..text.find("【表３").unwrap()];
    let t3 = &text[text.find("【表３").unwrap()..];
    assert!(t2.contains("６－５（３－７【再掲】）") && !t2.contains("６－５（３－６【再掲】）"));
    for right in ["４－４（３－４【再掲】）", "５－５（３－４【再掲】）"] {
        assert!(t3.contains(right), "{right}");
    }
    assert!(!t3.contains("（３－５【再掲】）"));
    // ２－２ defines 一般企業等; its 【再掲】 row ５－２ uses the term instead of defining it again.
    let defined = "就労定着支援事業者等（以下「一般企業等」という。）";
    assert_eq!(t2.matches(defined).count(), 1);
    let relisted = &t2[t2.find("５－２（２－２【再掲】）").unwrap()..];
    assert!(
        relisted.starts_with("５－２（２－２【再掲】）一般企業等との協働により、精神障がい者が")
    );
    // 表３ is numbered without a gap (the reference jumps from ３－５ to ３－７).
    assert!(t3.contains("３－６") && !t3.contains("３－７"));

    // Every result of 表２, re-listed goals included, in table order.
    let y2024 = &council.years[&2024];
    let eval = y2024.evaluation.as_ref().unwrap();
    let results: Vec<&str> = goal_iter(y2024.goals.as_ref().unwrap())
        .map(|g| {
            eval.results[&g.repeats.unwrap_or(g.number)]
                .as_ref()
                .and_then(|r| r.word())
                .unwrap()
        })
        .collect();
    assert_eq!(results.len(), 34);
    let table2 = &text[text.find("【表２").unwrap()..text.find("【表３").unwrap()];
    let mut at = 0;
    for (i, r) in results.iter().enumerate() {
        let found = table2[at..]
            .find(r)
            .unwrap_or_else(|| panic!("result {i} ({r})"));
        at += found + r.len();
    }

    // 資料番号 and the page number on every page.
    let texts = common::page_texts(&t);
    assert_eq!(texts.len(), pages);
    for page in 1..=pages {
        let on_page: Vec<&str> = texts[page - 1].iter().map(String::as_str).collect();
        assert_eq!(on_page.first(), Some(&"資料７"), "page {page}");
        assert_eq!(
            on_page.last(),
            Some(&page.to_string().as_str()),
            "page {page}"
        );
    }
}

#[test]
fn only_the_bundled_fonts_are_used() {
    let t = sample();
    for r in text_runs(&t.document) {
        assert!(
            r.font == "BIZ UDMincho" || r.font == "BIZ UDGothic",
            "{} in {}",
            r.text,
            r.font
        );
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = typeset_all(&repo());
    let b = typeset_all(&repo());
    assert_eq!(a.len(), b.len());
    for (a, b) in a.iter().zip(&b) {
        assert!(a.pdf == b.pdf, "{} differs between builds", a.id);
        assert!(a.pdf.starts_with(b"%PDF-"));
    }
}

/// Text made of every Typst markup character and line breaks comes out verbatim and runs
/// nothing.
#[test]
fn markup_characters_are_printed_verbatim() {
    let nasty = "# $ * _ ` < > @ \\ [ ] ~ = - + / \" ' #panic(\"x\") $x^2$ *bold* <l> @r // c /* c */ = h\n- item\n+ enum\n1. one\n/ term: d\nhttps://example.com #set page(width: 1cm)";
    let p = TempProject::empty();
    small_council(&p, 2, nasty, nasty);
    let t = typeset_all(p.path()).remove(0);
    let laid_out = text(&t);
    let flow = squashed(&t);
    for line in nasty.lines() {
        let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let occurrences = flow.matches(&line).count();
        assert_eq!(
            occurrences, 2,
            "{line:?} should appear in both cells:\n{laid_out}"
        );
    }
    // The page was not resized, nothing was made bold, the panic never ran.
    let page = &t.document.pages()[0];
    assert!((page.frame.width().to_mm() - 210.0).abs() < 0.5);
    assert!(
        !text_runs(&t.document)
            .iter()
            .any(|r| r.text.contains("bold") && r.font != "BIZ UDMincho")
    );
}

/// Typst issue 792: a newline inside a Japanese paragraph of the source prints as a space.
/// Nothing in the sample may show a space between two Japanese characters.
#[test]
fn no_stray_spaces_between_japanese_characters() {
    let t = sample();
    let flow = common::flow(&t);
    let (project, _) = Project::load(&repo());
    let mut paragraphs = Vec::new();
    for year in project
        .councils
        .iter()
        .find(|c| c.slug == "niiza-chiiki-ikou")
        .unwrap()
        .years
        .values()
    {
        for m in &year.meetings.meetings {
            paragraphs.extend(m.activity.iter().cloned());
            paragraphs.extend(m.outcomes.iter().cloned());
        }
        for g in year.goals.iter().flat_map(goal_iter) {
            paragraphs.extend(g.activity.iter().cloned());
            paragraphs.extend(g.target.iter().cloned());
        }
    }
    assert!(paragraphs.len() > 100);
    for p in paragraphs.iter().filter(|p| !p.contains([' ', '\n'])) {
        assert!(flow.contains(p.as_str()), "not laid out as written: {p}");
    }
    // A value with a line break becomes a line break, never a space.
    let p = TempProject::empty();
    small_council(&p, 1, "一行目\n二行目", "成果");
    let t = typeset_all(p.path()).remove(0);
    let lines: Vec<String> = text_lines(&t.document)
        .into_iter()
        .map(|l| l.text)
        .collect();
    assert!(lines.iter().any(|l| l.ends_with("一行目")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("二行目")), "{lines:?}");
}

/// Kinsoku: no line starts with closing punctuation (needs `lang: "ja"`).
#[test]
fn no_line_starts_with_closing_punctuation() {
    let long = "あいうえお、かきくけこ。".repeat(40) + &"「さしすせそ」（たちつてと）".repeat(20);
    let p = TempProject::empty();
    small_council(&p, 1, &long, &long);
    let mut all = typeset_all(p.path());
    all.push(sample());
    for t in &all {
        for line in text_lines(&t.document) {
            let first = line.text.chars().next().unwrap();
            assert!(
                !"、。，．）」』】〕｝〉》ー：；！？".contains(first),
                "{} page {}: line starts with {first}: {}",
                t.id,
                line.page,
                line.text
            );
        }
    }
}

/// A run of full-width digits (５０名) is never split across two lines.
#[test]
fn full_width_numbers_stay_on_one_line() {
    // Numbers at every offset, so some of them meet a line end.
    let mut s = String::new();
    for i in 0..60 {
        s.push_str(&"あ".repeat(i % 7));
        s.push_str("出席者１２３４５名、");
    }
    let p = TempProject::empty();
    small_council(&p, 1, &s, &s);
    let mut all = typeset_all(p.path());
    all.push(sample());
    for t in &all {
        let lines = text_lines(&t.document);
        for pair in lines.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let ends = a
                .text
                .chars()
                .last()
                .is_some_and(|c| ('０'..='９').contains(&c));
            let starts = b
                .text
                .chars()
                .next()
                .is_some_and(|c| ('０'..='９').contains(&c));
            assert!(
                !(ends && starts && (a.x - b.x).abs() < 30.0),
                "{}: number split between {:?} and {:?}",
                t.id,
                a.text,
                b.text
            );
        }
        if t.id == "test/report" {
            assert_eq!(squashed(t).matches("１２３４５名").count(), 120);
        }
    }
}

/// Typst issue 4707: the text of a rowspan cell is not repeated after a page break. A
/// component (構成要素) whose goals run over several pages shows its label on every page.
#[test]
fn component_label_on_every_page_its_goals_reach() {
    let p = TempProject::empty();
    small_council(&p, 40, "活動", "成果");
    // Give each goal its own issue, so the component column has many groups.
    let goals = p.read("content/test/2024/goals.yaml");
    let mut split = String::new();
    for line in goals.lines() {
        if line.starts_with("          - number:") && !line.ends_with("1-1") {
            split.push_str("      - issue: 課題の文章です。\n        goals:\n");
        }
        split.push_str(line);
        split.push('\n');
    }
    p.write("content/test/2024/goals.yaml", &split);
    let t = typeset_all(p.path()).remove(0);
    let runs = text_runs(&t.document);
    let page_text = |page: usize| -> String {
        runs.iter()
            .filter(|r| r.page == page)
            .flat_map(|r| r.text.chars())
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let pages: Vec<usize> = (1..=t.document.pages().len())
        .filter(|&p| page_text(p).contains("令和６年度の第"))
        .collect();
    assert!(pages.len() >= 2, "the table must run over pages: {pages:?}");
    for page in pages {
        assert!(
            page_text(page).contains("協議の場の設置"),
            "page {page} has goals of component 1 but not its label"
        );
    }
}
