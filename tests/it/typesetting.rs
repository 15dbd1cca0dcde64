//! Typesetting a Japanese typographer would sign (issue 32), read from the laid-out sample
//! documents: short texts (labels, names, table cells) break only where shiryo cut them into
//! phrases, parts and pieces, never inside a word; no line of a table is letter-spaced; a
//! lead sentence stays with its table and a heading with what follows it; the web page breaks
//! the same texts between the same phrases.

use crate::common;

use common::dom::Dom;
use common::{TempProject, page_texts, repo, small_council, typeset_all};
use shiryo::commands::build::Typeset;
use shiryo::model::council::Project;
use shiryo::typeset::{TextLine, text_lines, text_runs};

fn by_id<'a>(all: &'a [Typeset], id: &str) -> &'a Typeset {
    all.iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("{id}"))
}

/// The next line down in the same column as `lines[i]` (same page, same left edge).
fn below(lines: &[TextLine], i: usize) -> Option<&TextLine> {
    let a = &lines[i];
    lines[i + 1..]
        .iter()
        .filter(|b| b.page == a.page && b.y > a.y + 1.0 && (b.x - a.x).abs() < 1.5)
        .min_by(|x, y| x.y.total_cmp(&y.y))
}

/// Every place (in characters) where shiryo lets `value` break: between its phrases, their
/// parts and their pieces.
fn cuts(value: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for phrase in shiryo::text::breaks::phrases(value).unwrap_or_default() {
        for part in phrase {
            for piece in part {
                at += piece.chars().count();
                out.push(at);
            }
        }
    }
    out
}

/// Where `value`, laid out over two or more lines of one column (the same left edge, one line
/// below the other), breaks at a place shiryo did not cut: 「重点項／目」.
fn broken_inside(lines: &[TextLine], value: &str) -> Vec<String> {
    let total = value.chars().count();
    let allowed = cuts(value);
    let mut found = Vec::new();
    for (i, first) in lines.iter().enumerate() {
        if !value.starts_with(first.text.as_str()) || first.text.len() >= value.len() {
            continue;
        }
        // Follow the column down while the lines go on spelling the value.
        let mut at = first.text.chars().count();
        let mut last = first;
        let mut breaks = vec![at];
        for next in &lines[i + 1..] {
            if next.page != last.page || next.y <= last.y || (next.x - first.x).abs() > 1.5 {
                continue;
            }
            let rest: String = value.chars().skip(at).collect();
            if next.text.is_empty() || !rest.starts_with(next.text.as_str()) {
                break;
            }
            at += next.text.chars().count();
            last = next;
            if at >= total {
                break;
            }
            breaks.push(at);
        }
        if at < total {
            continue;
        }
        for b in breaks.into_iter().filter(|b| !allowed.contains(b)) {
            let (l, r): (String, String) = (
                value.chars().take(b).collect(),
                value.chars().skip(b).collect(),
            );
            found.push(format!("{l}／{r}"));
        }
    }
    found
}

/// The short texts of the sample content: component names, issues and goals, header words,
/// member names and roles.
fn short_values() -> Vec<String> {
    let (project, _) = Project::load(&repo());
    let mut out = vec!["にも包括構成要素".to_string(), "Ｒ６年度評価結果".into()];
    for c in &project.councils {
        for year in c.years.values() {
            for comp in year.goals.iter().flat_map(|g| &g.components) {
                out.push(comp.name.clone());
                for i in &comp.issues {
                    out.push(i.issue.clone());
                    for g in &i.goals {
                        out.extend(g.activity.iter().cloned());
                        out.extend(g.target.iter().cloned());
                    }
                }
            }
            for m in year.members.iter().flat_map(|l| &l.members) {
                out.extend(m.name.iter().cloned());
                out.extend(m.role.iter().cloned());
                out.extend(m.organization.iter().cloned());
            }
        }
    }
    out.retain(|v| v.chars().count() <= shiryo::text::breaks::SHORT && !v.is_ascii());
    out.sort();
    out.dedup();
    out
}

/// Issue 32: 「にも包／括構成要素」, 「重点項／目」, 「野口委／員」, 「高橋 美／智子」 in narrow
/// cells. Every short text of every sample document breaks only between its phrases, parts or
/// pieces, and the narrow header breaks between words.
#[test]
fn short_texts_break_only_where_they_were_cut() {
    let all = typeset_all(&repo());
    let values = short_values();
    assert!(values.len() > 100, "{}", values.len());
    let mut broken = Vec::new();
    let mut multi_line = 0;
    for t in &all {
        let lines = text_lines(&t.document);
        for v in &values {
            let found = broken_inside(&lines, v);
            multi_line += usize::from(lines.iter().any(|l| {
                v.starts_with(l.text.as_str()) && l.text.len() < v.len() && !l.text.is_empty()
            }));
            broken.extend(found.into_iter().map(|f| format!("{}: {f}", t.id)));
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
    // The test saw texts broken over lines (it would pass on nothing otherwise).
    assert!(multi_line > 20, "{multi_line}");
    // 表２'s first column is three characters wide: its header breaks between its words.
    let report = by_id(&all, "niiza-chiiki-ikou/r6-hyoka");
    let lines: Vec<String> = text_lines(&report.document)
        .into_iter()
        .map(|l| l.text)
        .collect();
    for word in ["包括", "構成", "要素"] {
        assert!(lines.iter().any(|l| l == word), "{word}: {lines:?}");
    }
    assert!(!lines.iter().any(|l| l.ends_with("包") || l == "括構成"));
}

/// A date and its weekday, a number and its unit stay on one line, in table 1's labels too
/// (「５月２２日／（木）」).
#[test]
fn dates_keep_their_weekday() {
    let all = typeset_all(&repo());
    let mut split = Vec::new();
    let mut weekdays = 0;
    for t in &all {
        let lines = text_lines(&t.document);
        for (i, a) in lines.iter().enumerate() {
            weekdays += usize::from(a.text.contains("日（"));
            let Some(b) = below(&lines, i) else { continue };
            let weekday = [
                "（月）",
                "（火）",
                "（水）",
                "（木）",
                "（金）",
                "（土）",
                "（日）",
            ]
            .iter()
            .any(|w| b.text.starts_with(w));
            let number = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
            // A number alone on its line is a label's (１ / 協議の場の設置), not a count.
            let unit = a.text.chars().count() > 2
                && a.text.ends_with(number)
                && b.text.starts_with(['名', '回', '人', '社', '時', '分']);
            if (a.text.ends_with('日') && weekday) || unit {
                split.push(format!("{}: {}／{}", t.id, a.text, b.text));
            }
        }
    }
    assert!(weekdays > 10, "{weekdays}");
    assert!(split.is_empty(), "{split:#?}");
}

/// No letter-spaced lines: in the reports' tables (ragged), no run of three or more full-width
/// characters stands wider apart than 8 % over the body's 10.5 pt (「就 労 定 着 支 援」).
#[test]
fn no_line_of_a_table_is_spread() {
    let all = typeset_all(&repo());
    let mut spread = Vec::new();
    for t in all
        .iter()
        .filter(|t| t.id.contains("hyoka") || t.id.contains("kekka"))
    {
        for r in text_runs(&t.document) {
            // A run with a space is a justified line of prose (its spaces stretch), as
            // typeset_check.py splits words at spaces.
            let n = r.text.chars().count();
            let wide = r.text.chars().all(|c| {
                ('\u{3001}'..='\u{9fff}').contains(&c) || ('\u{ff01}'..='\u{ff5e}').contains(&c)
            });
            if r.font == "BIZ UDMincho" && n >= 3 && wide && r.width / n as f64 > 10.5 * 1.08 {
                spread.push(format!("{} p{}: {}", t.id, r.page, r.text));
            }
        }
    }
    assert!(spread.is_empty(), "{spread:#?}");
}

/// 「…表２のとおりです。」 on the page of its table, and no heading last on its page.
#[test]
fn a_lead_stays_with_its_table_and_a_heading_with_its_text() {
    let p = TempProject::empty();
    // Enough goals that 表２ starts low on a page whatever the sample's length.
    for goals in [3, 9, 14] {
        small_council(
            &p,
            goals,
            &"活動の説明です。".repeat(20),
            &"成果の説明です。".repeat(30),
        );
        let t = typeset_all(p.path()).remove(0);
        let lines = text_lines(&t.document);
        let page_of = |needle: &str| {
            lines
                .iter()
                .find(|l| l.text.contains(needle))
                .map(|l| l.page)
                .unwrap_or_else(|| panic!("{needle}"))
        };
        assert_eq!(
            page_of("表２のとおりです。"),
            page_of("【表２"),
            "{goals} goals"
        );
        assert_eq!(
            page_of("表１のとおりです。"),
            page_of("【表１"),
            "{goals} goals"
        );
        // Headings (１ はじめに …) are in the heading face and never end a page.
        let runs = text_runs(&t.document);
        for (page, _) in t.document.pages().iter().enumerate() {
            let body: Vec<_> = runs
                .iter()
                .filter(|r| r.page == page + 1 && r.y > 72.0 && r.y < 778.0)
                .collect();
            let Some(last) = body.iter().max_by(|a, b| a.y.total_cmp(&b.y)) else {
                continue;
            };
            let heading = last.font == "BIZ UDGothic"
                && last.text.starts_with(|c: char| ('１'..='９').contains(&c));
            assert!(
                !heading,
                "{goals} goals: page {} ends with {}",
                page + 1,
                last.text
            );
        }
    }
}

/// A group of goals too long for one page breaks between its goals; on every page that holds
/// its goals, its component and its issue are printed again (a rowspan's text is not repeated
/// after a page break, typst issue 4707), in 表２ and 表３ alike.
#[test]
fn a_long_group_repeats_its_component_and_issue_on_each_page() {
    let p = TempProject::empty();
    small_council(&p, 40, "活動の説明です。", "成果の説明です。");
    let t = typeset_all(p.path()).remove(0);
    let pages = page_texts(&t);
    let mut continued = 0;
    for (n, page) in pages.iter().enumerate() {
        let text = page.concat();
        let goals = ["令和６年度の第", "令和７年度の第"]
            .iter()
            .filter(|year| text.contains(*year))
            .count();
        if goals == 0 {
            continue;
        }
        let issues = page
            .iter()
            .filter(|l| l.contains("課題の文章です。"))
            .count();
        let components = page.iter().filter(|l| l.contains("協議の")).count();
        assert!(
            issues >= goals && components >= goals,
            "page {}: {goals} tables' goals, {issues} issues, {components} components:\n{}",
            n + 1,
            page.join("\n")
        );
        continued += 1;
    }
    assert!(
        continued >= 4,
        "the groups were meant to span pages: {continued} pages"
    );
}

/// The web page breaks a short text between the phrases the PDF keeps whole (one computation),
/// keeps them whole (`keep-all`) and never spreads a line.
#[test]
fn the_web_page_breaks_between_the_same_phrases() {
    let p = TempProject::sample();
    let (code, _, stderr) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{stderr}");
    let html = p.read("output/niiza-chiiki-ikou/r6-hyoka.html");
    assert!(html.contains(".shiryo .ph { word-break: keep-all;"), "CSS");
    assert!(!html.contains("justify;"), "no text-align: justify");
    let doc = Dom::parse(&html);
    let cells = doc.select("td .ph");
    assert!(cells.len() > 30, "{}", cells.len());
    // 「協議の場の設置」: <wbr> where the PDF may break, and the PDF's lines break there.
    assert!(html.contains("<span class=\"ph\">協議の<wbr>場の<wbr>設置</span>"));
    let all = typeset_all(&repo());
    let lines = text_lines(&by_id(&all, "niiza-chiiki-ikou/r6-hyoka").document);
    assert!(broken_inside(&lines, "協議の場の設置").is_empty());
    assert!(
        lines
            .iter()
            .any(|l| l.text == "協議の場の" || l.text == "協議の"),
        "the component's label is broken over lines"
    );
}
