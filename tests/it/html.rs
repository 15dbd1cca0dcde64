//! The web pages `build --html` writes beside the PDFs: their structure (what a screen reader
//! relies on), escaping, the house style, determinism, a council's own HTML templates, and that
//! a broken HTML template costs nothing already built.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::dom::{Dom, El};
use common::{TempProject, small_council};
mod variants;

const REPORT: &str = "output/niiza-chiiki-ikou/r6-hyoka.html";
const MINUTES: &str = "output/koganei-seishin/r6-1-kaigiroku.html";
const PACKET: &str = "output/koganei-seishin/r6-1-shiryo.html";
const MEMBERS: &str = "output/koganei-seishin/r6-meibo.html";
const SAKURADAI_REPORT: &str = "output/sakuradai-seishin/h30-hyoka.html";
const SAKURADAI_MINUTES: &str = "output/sakuradai-seishin/h30-3-kaigiroku.html";

fn page(p: &TempProject, rel: &str) -> Dom {
    Dom::parse(&p.read(rel))
}

fn all<'a>(doc: &'a Dom, s: &str) -> Vec<El<'a>> {
    doc.select(s)
}

/// An element's text as a browser joins it (source whitespace kept, to catch stray spaces).
fn text(e: El) -> String {
    e.text()
}

/// Every HTML page under `output/`, by path.
fn pages(root: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(root.join("output"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().display().to_string();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn built_sample() -> TempProject {
    let p = TempProject::sample();
    let (code, stdout, stderr) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!("作成: {REPORT}（Web ページ、")),
        "{stdout}"
    );
    p
}

/// The one script every page carries: it makes a table's box a tab stop only where the box
/// scrolls. Fixed text (no value of the content reaches it).
fn the_script(doc: &Dom, rel: &str) -> String {
    let scripts = all(doc, "script");
    assert_eq!(scripts.len(), 1, "{rel}");
    let script = text(scripts[0]);
    assert!(script.contains(".shiryo .table-wrap"), "{rel}");
    script
}

/// What every page has, in either form: one document in Japanese, its styles inside and each
/// scoped to `.shiryo`, tables a screen reader can read in focusable boxes, the PDF linked.
/// `fragment`: the CMS form (no `<html>`, headings one level down).
fn check_structure(rel: &str, html: &str, fragment: bool) -> String {
    let doc = Dom::parse(html);
    let style = if fragment {
        assert!(
            html.starts_with("<div class=\"shiryo\" lang=\"ja\">"),
            "{rel}"
        );
        assert!(html.trim_end().ends_with("</div>"), "{rel}");
        for tag in [
            "<html",
            "<head>",
            "<body",
            "<title",
            "<meta",
            "<h1",
            "<!DOCTYPE",
        ] {
            assert!(!html.contains(tag), "{rel}: {tag}");
        }
        // The CMS page has its own h1: the document's title is the one h2 before any h3.
        assert_eq!(all(&doc, "h1").len(), 0, "{rel}");
        assert_eq!(all(&doc, "main > h2").len().min(1), 1, "{rel}");
        text(all(&doc, "div.shiryo > style")[0])
    } else {
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
            "{rel}"
        );
        let title = text(all(&doc, "head > title")[0]);
        assert!(!title.trim().is_empty(), "{rel}");
        assert_eq!(all(&doc, "h1").len(), 1, "{rel}");
        assert_eq!(all(&doc, "body > div.shiryo > main").len(), 1, "{rel}");
        text(all(&doc, "head > style")[0])
    };
    // Self-contained: the style inside, no file fetched but the images embedded in it.
    assert_eq!(all(&doc, "link").len(), 0, "{rel}");
    let script = the_script(&doc, rel);
    for img in all(&doc, "img") {
        assert!(img.attr("src").unwrap().starts_with("data:image/"), "{rel}");
    }
    assert!(
        style.contains(
            r#""BIZ UDPGothic", "BIZ UDGothic", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif"#
        ),
        "{rel}"
    );
    // No fixed pixel widths (borders and outlines are the only pixel lengths).
    for decl in style.split([';', '{', '}']) {
        if decl.contains("px") {
            assert!(
                ["border", "outline"]
                    .iter()
                    .any(|k| decl.trim().starts_with(k)),
                "{rel}: {decl}"
            );
        }
    }
    // Every rule reaches only the document (a fragment's rules never touch the site around it;
    // the full page adds its own html and body).
    let mut rest = style.as_str();
    while let Some(open) = rest.find('{') {
        let selectors = rest[..open].trim();
        rest = &rest[open + 1..];
        if selectors.starts_with("@media") {
            continue;
        }
        let close = rest.find('}').unwrap();
        rest = &rest[close + 1..];
        for sel in selectors.split(',').map(str::trim) {
            let page_own = !fragment && ["html", "body", "@page"].contains(&sel);
            assert!(
                page_own || sel == ".shiryo" || sel.starts_with(".shiryo "),
                "{rel}: {sel}"
            );
        }
    }
    // Every table: a caption, header cells that say what they head, and a focusable,
    // named box that scrolls it on a narrow screen.
    for table in all(&doc, "table") {
        let wrap = table.parent().unwrap();
        assert_eq!(wrap.attr("role"), Some("region"), "{rel}");
        assert_eq!(wrap.attr("tabindex"), Some("0"), "{rel}");
        let caption = table.select("caption").into_iter().next().expect(rel);
        assert_eq!(wrap.attr("aria-labelledby"), caption.attr("id"), "{rel}");
        for th in table.select("th") {
            assert!(
                matches!(th.attr("scope"), Some("col" | "row" | "rowgroup")),
                "{rel}: {}",
                th.text()
            );
        }
    }
    // The PDF of the same document, linked.
    let pdf = rel.rsplit('/').next().unwrap().replace(".html", ".pdf");
    assert!(
        all(&doc, "footer a")
            .iter()
            .any(|a| a.attr("href") == Some(&pdf)),
        "{rel}"
    );
    script
}

/// The headings of a page, level and text, in order.
fn headings(html: &str) -> Vec<(u8, String)> {
    let doc = Dom::parse(html);
    doc.elements()
        .into_iter()
        .filter(|e| matches!(e.tag(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
        .map(|h| (h.tag().as_bytes()[1] - b'0', h.text()))
        .collect()
}

#[test]
fn every_page_is_one_document_in_japanese_with_one_h1() {
    let p = built_sample();
    let pages = pages(p.path());
    // One page beside each PDF.
    let pdfs = walkdir::WalkDir::new(p.path().join("output"))
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "pdf")
        })
        .count();
    assert_eq!(pages.len(), pdfs);
    assert_eq!(pages.len(), 21);
    let scripts: std::collections::BTreeSet<String> = pages
        .iter()
        .map(|(rel, html)| check_structure(rel, html, false))
        .collect();
    assert_eq!(scripts.len(), 1, "one script, the same on every page");
}

/// Every council of the sample in the CMS form (`web: {form: 部品}`).
fn as_fragments(p: &TempProject) {
    for e in std::fs::read_dir(p.path().join("content")).unwrap() {
        let yaml = e.unwrap().path().join("council.yaml");
        let mut text = std::fs::read_to_string(&yaml).unwrap();
        text.push_str("\nweb:\n  form: 部品\n");
        std::fs::write(&yaml, text).unwrap();
    }
}

#[test]
fn the_fragment_form_is_the_same_page_to_paste_into_a_cms() {
    let full = built_sample();
    let p = TempProject::sample();
    as_fragments(&p);
    let (code, _, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{err}");
    let fragments = pages(p.path());
    let pages = pages(full.path());
    assert_eq!(fragments.len(), pages.len());
    for (rel, html) in &fragments {
        check_structure(rel, html, true);
        // The same headings, one level down; the same text in the same order.
        let shifted: Vec<(u8, String)> = headings(&pages[rel])
            .into_iter()
            .map(|(level, t)| ((level + 1).min(6), t))
            .collect();
        assert_eq!(headings(html), shifted, "{rel}");
        let main = |h: &str| text(Dom::parse(h).select("main")[0]);
        assert_eq!(main(html), main(&pages[rel]), "{rel}");
    }
}

#[test]
fn the_report_page_reads_as_the_report() {
    let p = built_sample();
    let doc = page(&p, REPORT);
    // The 資料番号 and the date in the page header.
    let header = text(all(&doc, "div.shiryo > header")[0]);
    assert!(header.contains("資料７"), "{header}");
    assert!(header.contains("令和７年３月２５日"), "{header}");
    assert_eq!(
        all(&doc, "header time")[0].attr("datetime"),
        Some("2025-03-25")
    );
    // The title and the council's name, with no space inside a word.
    let h1 = text(all(&doc, "h1")[0]);
    assert_eq!(
        h1,
        "新座市地域自立支援協議会地域移行・定着支援部会令和６年度評価結果及び令和７年度目標設定"
    );
    let body = text(all(&doc, "body")[0]);
    assert!(!body.contains("協 議"), "letters spaced out");
    assert!(!body.contains("　　"), "layout made of full-width spaces");
    // Numbered sections as headings, after the contents list's own.
    let h2: Vec<String> = all(&doc, "h2").into_iter().map(text).collect();
    assert_eq!(h2[0], "目次");
    let h2 = h2[1..].to_vec();
    assert_eq!(
        h2,
        [
            "１ はじめに",
            "２ 令和６年度の評価結果",
            "３ 令和７年度の目標設定",
            "４ 令和７年度の活動日程",
            "５ 令和７年度の部会委員の構成"
        ]
    );
    // Three tables with their captions.
    let captions: Vec<String> = all(&doc, "caption").into_iter().map(text).collect();
    assert_eq!(
        captions,
        [
            "【表１ 令和６年度活動内容と成果と課題】",
            "【表２ 令和６年度の評価結果】",
            "【表３ 令和７年度の活動目標】"
        ]
    );
    // In 表２ and 表３, each 構成要素 heads its row group and each 課題 its goals' rows.
    for id in ["table-2", "table-3"] {
        let table = all(&doc, &format!("div[aria-labelledby={id}] table"))[0];
        let groups = table.select("tbody");
        assert!(groups.len() >= 6, "{id}");
        for group in &groups {
            let rows = group.select("tr").len();
            let heads = group.select("th[scope=rowgroup]");
            assert_eq!(heads.len(), 1, "{id}");
            assert_eq!(heads[0].attr("rowspan"), Some(rows.to_string().as_str()));
            let issue_rows: usize = group
                .select("th[scope=row]")
                .into_iter()
                .filter_map(|th| th.attr("rowspan"))
                .map(|n| n.parse::<usize>().unwrap())
                .sum();
            assert_eq!(issue_rows, rows, "{id}");
            // Each goal's cell (its number and text) heads its row: a result cell announces
            // which goal it is the result of.
            for tr in group.select("tr") {
                let goal = tr.select("th.goal");
                assert_eq!(goal.len(), 1, "{id}");
                assert_eq!(goal[0].attr("scope"), Some("row"), "{id}");
                assert!(goal[0].select("span.goal-no").len() == 1, "{id}");
            }
        }
        let cols: Vec<String> = table.select("thead th").into_iter().map(text).collect();
        assert_eq!(
            cols[..4],
            ["にも包括構成要素", "課題", "活動目標", "目標値"]
        );
    }
    let first_component = text(all(&doc, "th[scope=rowgroup]")[0]);
    assert_eq!(first_component, "１協議の場の設置");
    // The figure with its alternative text.
    let img = all(&doc, "figure img")[0];
    assert!(
        img.attr("alt")
            .unwrap()
            .starts_with("精神障害にも対応した地域包括ケアシステムの構築イメージ図。")
    );
    assert!(
        img.attr("src")
            .unwrap()
            .starts_with("data:image/svg+xml;base64,")
    );
    assert_eq!(
        text(all(&doc, "figure figcaption")[0]),
        "【にも包括の構築イメージ図】"
    );
    // Members and the schedule as lists.
    assert!(all(&doc, "ul.members li").len() >= 15);
    assert!(all(&doc, "ul.schedule > li").len() >= 5);
    // A line break written in the content breaks the line here too.
    assert!(common::unphrased(&p.read(REPORT)).contains("ついて意見交換<br>意見交換"));
}

#[test]
fn minutes_packet_and_member_list_pages() {
    let p = built_sample();
    let minutes = page(&p, MINUTES);
    // The form's short parts read as a definition list, its long ones as headings.
    let dt: Vec<String> = all(&minutes, "dl > dt").into_iter().map(text).collect();
    assert_eq!(
        dt,
        [
            "会議名称",
            "開催日時",
            "開催場所",
            "出席者等",
            "傍聴の可否",
            "傍聴者数"
        ],
        "{dt:?}"
    );
    let h2: Vec<String> = all(&minutes, "h2").into_iter().map(text).collect();
    assert_eq!(h2, ["会議次第", "会議結果", "提出資料"], "{h2:?}");
    // The page's heading names the meeting (the PDF's title line alone does not).
    assert_eq!(
        text(all(&minutes, "h1")[0]),
        "令和６年度 第１回小金井市精神保健福祉連絡協議会会議録（要点記録）"
    );
    // Agenda items: one list, deeper items nested in the item above them, and headings inside
    // 会議結果.
    assert_eq!(all(&minutes, "ol.items > li > ol.items > li").len(), 3);
    let h3: Vec<String> = all(&minutes, "h3").into_iter().map(text).collect();
    assert_eq!(h3[0], "１ 開会");
    assert!(
        all(&minutes, "h4")
            .iter()
            .any(|h| text(*h).starts_with("⑴"))
    );
    assert!(all(&minutes, "ul.record li").len() > 10);
    let body = text(all(&minutes, "main")[0]);
    assert!(body.contains("第１回小金井市精神保健福祉連絡協議会"));
    assert!(body.contains("⇒原則自立生活支援課が窓口になるが"));

    // The packet: an index of the agenda with a link to each material.
    let packet = page(&p, PACKET);
    let links: Vec<&str> = all(&packet, "main a")
        .into_iter()
        .filter_map(|a| a.attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "r6-1-shidai.html",
            "r6-1-shiryo.pdf#page=1",
            "r6-meibo.html",
            "r6-1-shiryo.pdf#page=2",
            "r6-1-shiryo.pdf#page=3",
            "r6-1-shiryo.pdf#page=4"
        ]
    );
    assert!(all(&packet, "ol.items li").len() >= 5);

    // The member list: each name heads its row.
    let members = page(&p, MEMBERS);
    let names = all(&members, "tbody th[scope=row]");
    assert!(names.len() >= 10);
    assert_eq!(all(&members, "caption").len(), 1);
}

#[test]
fn the_house_style_applies_to_the_pages_too() {
    let p = built_sample();
    // 桜台市: half-width digits everywhere, times as 15:00, ■ headings in the minutes.
    let report = p.read(SAKURADAI_REPORT);
    assert!(report.contains("平成30年度評価結果及び平成31年度目標設定"));
    assert!(
        common::unphrased(&report).contains("<time datetime=\"2019-03-20\">平成31年3月20日</time>")
    );
    // Every value in half-width digits (the headings' own numbers are the template's text,
    // as in the PDF).
    let doc = Dom::parse(&report);
    for table in all(&doc, "table") {
        assert!(
            !table.text().chars().any(|c| ('０'..='９').contains(&c)),
            "full-width digit in a 半角 council's table: {}",
            table.text()
        );
    }
    assert!(
        common::unphrased(&report).contains("（評価）◎ 達成"),
        "legend under the table"
    );
    let minutes = page(&p, SAKURADAI_MINUTES);
    let dt: Vec<String> = all(&minutes, "dt").into_iter().map(text).collect();
    assert_eq!(dt[0], "■日時");
    assert!(
        text(all(&doc, "main")[0]).contains("（木）14:00～16:00"),
        "times as 15:00"
    );
    // みなと市: 「１． (1) ア」 numbering, names as 岡本 委員, the council and body apart.
    let minato = page(&p, "output/minato-kyogikai/r7-1-kaigiroku.html");
    let h1 = text(all(&minato, "h1")[0]);
    assert!(
        h1.contains("みなと市地域自立支援協議会 地域移行部会"),
        "{h1}"
    );
    assert!(all(&minato, "ol.items > li")[0].text().starts_with("１．"));
}

#[test]
fn hostile_values_are_escaped() {
    let hostile =
        r#"<script>alert("x")</script> & 'q' <img src=x onerror=alert(1)> <h1>見出し</h1>"#;
    for fragment in [false, true] {
        let p = TempProject::empty();
        small_council(&p, 2, hostile, "成果は \"良好\" & <b>太字</b> でした。");
        if fragment {
            as_fragments(&p);
        }
        let (code, _, err) = p.run(&["build", "--html"]);
        assert_eq!(code, 0, "{err}");
        let html = p.read("output/test/report.html");
        let doc = Dom::parse(&html);
        // The page's own script is the only one; no value ran as markup.
        the_script(&doc, "report.html");
        assert_eq!(html.matches("<script").count(), 1, "a value ran as markup");
        assert!(!html.contains("<img src=x"), "a value ran as markup");
        assert!(!html.contains("<b>"), "a value ran as markup");
        assert!(
            html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;")
        );
        // A heading written in a value stays text (a fragment moves only the page's own).
        assert!(html.contains("&lt;h1&gt;見出し&lt;/h1&gt;"), "{fragment}");
        // Read back, the text is what was written.
        let cells: Vec<String> = all(&doc, "table.activities td p")
            .into_iter()
            .map(text)
            .collect();
        assert!(cells.contains(&hostile.to_string()), "{cells:?}");
        assert!(cells.contains(&"成果は \"良好\" & <b>太字</b> でした。".to_string()));
    }
}
