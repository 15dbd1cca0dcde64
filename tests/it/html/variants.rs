//! What builds and councils change in the pages: the same bytes twice, pages only when asked, a
//! council's own template, a broken one, a draft, the PDF link, the contents list, named columns,
//! the figure, a member list without organizations, a packet's agenda link.

use super::*;

#[test]
fn the_same_content_gives_the_same_bytes() {
    let p = built_sample();
    let first = pages(p.path());
    let q = built_sample();
    assert_eq!(first, pages(q.path()));
    assert_eq!(p.run(&["build", "--html"]).0, 0);
    assert_eq!(first, pages(p.path()));
}

#[test]
fn pages_are_written_only_when_asked() {
    let p = TempProject::sample();
    assert_eq!(p.run(&["build"]).0, 0);
    assert!(pages(p.path()).is_empty());
}

#[test]
fn a_council_html_template_changes_that_council_only() {
    let p = TempProject::sample();
    let shipped = p.read("templates/member_list.html.j2");
    let own = shipped.replace(
        "<h1>{{ doc.title }}</h1>",
        "<h1>{{ doc.title }}（当協議会の様式）</h1>",
    );
    assert_ne!(own, shipped);
    p.write(
        "content/koganei-seishin/templates/member_list.html.j2",
        &own,
    );
    let (code, _, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{err}");
    assert!(p.read(MEMBERS).contains("（当協議会の様式）"));
    assert!(
        !p.read("output/minato-kyogikai/r7-meibo.html")
            .contains("当協議会の様式")
    );
}

#[test]
fn a_broken_html_template_is_reported_in_japanese_and_changes_nothing() {
    let p = built_sample();
    let snapshot = || {
        walkdir::WalkDir::new(p.path().join("output"))
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect::<BTreeMap<_, _>>()
    };
    let before = snapshot();
    let shipped = p.read("templates/agenda.html.j2");
    let line = shipped.lines().position(|l| l.starts_with("<h1>")).unwrap() + 1;
    // A value the view does not have, in a council's own template.
    p.write(
        "content/koganei-seishin/templates/agenda.html.j2",
        &shipped.replace("<h1>{% for", "<h1>{{ meeting.nothing_here }}{% for"),
    );
    let (code, _, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "content/koganei-seishin/templates/agenda.html.j2:{line}"
        )),
        "{err}"
    );
    assert!(err.contains("内容にない値"), "{err}");
    assert!(err.contains("output/ の PDF は変更していません"), "{err}");
    assert_eq!(before, snapshot(), "output/ changed");
    // A syntax error: reported at its line before anything is built.
    p.write(
        "content/koganei-seishin/templates/agenda.html.j2",
        "<p>\n{% if %}\n",
    );
    let (code, _, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/koganei-seishin/templates/agenda.html.j2:2"),
        "{err}"
    );
    assert!(err.contains("エラー"), "{err}");
    assert!(!err.is_ascii());
    assert_eq!(before, snapshot(), "output/ changed");
}

#[test]
fn a_draft_page_says_so() {
    let p = TempProject::sample();
    let doc = "content/niiza-chiiki-ikou/documents/r6-hyoka.yaml";
    p.edit(
        doc,
        "type: annual_report\n",
        "type: annual_report\nstatus: draft\n",
    );
    let (code, _, err) = p.run(&["build", "--html", "r6-hyoka"]);
    assert_eq!(code, 0, "{err}");
    let page = page(&p, REPORT);
    assert!(text(all(&page, "title")[0]).ends_with("（案）"));
    let header: Vec<String> = all(&page, "div.shiryo > header p")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(header[..2], ["資料７", "案"], "{header:?}");
}

/// City sites write a PDF's format, size and pages beside its link: near the top of every page
/// and at its foot, from the PDF actually built (its bytes and its page count).
#[test]
fn every_page_links_its_pdf_near_the_top_with_its_real_size_and_pages() {
    let p = TempProject::sample();
    let (code, stdout, stderr) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{stderr}");
    for (rel, html) in pages(p.path()) {
        let pdf_rel = rel.replace(".html", ".pdf");
        let bytes = std::fs::metadata(p.path().join(&pdf_rel)).unwrap().len() as usize;
        // The build says each PDF's pages: 「作成: output/…pdf（17ページ、…」.
        let said_pages = format!("作成: {pdf_rel}（");
        let line = stdout.lines().find(|l| l.starts_with(&said_pages)).unwrap();
        let pages: usize = line[said_pages.len()..]
            .split("ページ")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let kb = bytes.div_ceil(1024);
        let dom = Dom::parse(&html);
        let top = all(&dom, "header p.pdf-link a");
        assert_eq!(top.len(), 1, "{rel}: one PDF link in the header");
        let name = Path::new(&pdf_rel).file_name().unwrap().to_str().unwrap();
        assert_eq!(top[0].attr("href"), Some(name), "{rel}");
        let said = text(top[0]);
        if kb < 1000 {
            assert!(
                said.contains(&format!("PDF：{kb}KB、")),
                "{rel}: {said} ({bytes} bytes)"
            );
        }
        assert!(
            said.contains(&format!("、{pages}ページ")),
            "{rel}: {said} ({pages} pages)"
        );
        let foot = all(&dom, "footer a");
        assert_eq!(foot.len(), 1, "{rel}");
        assert_eq!(text(foot[0]), said, "{rel}: the foot says the same");
    }
}

/// The report is long: a contents list at its top links to every section and table, and
/// every section heading has the id it links to.
#[test]
fn the_report_has_a_contents_list_linking_every_section_and_table() {
    let p = built_sample();
    let dom = page(&p, REPORT);
    let links: Vec<String> = all(&dom, "nav.toc a")
        .iter()
        .map(|a| a.attr("href").unwrap().trim_start_matches('#').to_string())
        .collect();
    let sections: Vec<El> = all(&dom, "main h2")
        .into_iter()
        .filter(|h| h.attr("id") != Some("toc-heading"))
        .collect();
    assert_eq!(sections.len(), 5);
    for h in &sections {
        let id = h.attr("id").expect("every section heading has an id");
        assert!(links.iter().any(|l| l == id), "contents list lacks #{id}");
        let entry = all(&dom, "nav.toc a")
            .into_iter()
            .find(|a| a.attr("href") == Some(&format!("#{id}")))
            .unwrap();
        assert_eq!(
            text(entry),
            text(*h),
            "the contents list says the heading's words"
        );
    }
    for table in ["table-1", "table-2", "table-3"] {
        assert!(
            links.iter().any(|l| l == table),
            "contents list lacks #{table}"
        );
        assert_eq!(
            all(&dom, "caption")
                .iter()
                .filter(|c| c.attr("id") == Some(table))
                .count(),
            1
        );
    }
}

/// A council outside にも包括: its own column words and a reason column, with the shipped
/// templates; the page prints what the PDF prints.
#[test]
fn a_council_names_its_columns_and_prints_reasons_on_the_page() {
    let p = TempProject::empty();
    small_council(&p, 2, "活動", "成果");
    own_words_and_reasons(&p);
    let (code, _, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{err}");
    let doc = page(&p, "output/test/report.html");
    let table2 = all(&doc, "div[aria-labelledby=table-2] table")[0];
    let cols: Vec<String> = table2.select("thead th").into_iter().map(text).collect();
    assert_eq!(
        cols,
        [
            "重点項目",
            "課題",
            "活動目標",
            "目標値",
            "Ｒ６年度の評価",
            "評価の理由・課題"
        ]
    );
    let rows = table2.select("tbody tr");
    let cells: Vec<String> = rows[0].select("td").into_iter().map(text).collect();
    assert_eq!(
        cells[1..],
        ["未達成", "講師が決まらなかった。"],
        "{cells:?}"
    );
    let table3 = all(&doc, "div[aria-labelledby=table-3] table")[0];
    assert_eq!(text(table3.select("thead th")[0]), "重点項目");
    assert!(!p.read("output/test/report.html").contains("にも包括"));
}

/// What `a_council_names_its_columns_and_prints_reasons*` write (the PDF test in
/// tests/it/report.rs writes the same).
fn own_words_and_reasons(p: &TempProject) {
    p.edit(
        "content/test/council.yaml",
        "roles: [部会長]\n",
        "roles: [部会長]\nreport:\n  labels:\n    component: 重点項目\n    result: \"{年度略}年度の評価\"\n    reason: 評価の理由・課題\n  reason_column: true\n",
    );
    p.write(
        "content/test/2024/evaluation.yaml",
        "results:\n  1-1: {result: 未達成, reason: 講師が決まらなかった。}\n  1-2: 達成\n",
    );
}

/// The page embeds the figure the PDF was made with, byte for byte (issue 19).
#[test]
fn the_page_embeds_the_figure_the_pdf_was_made_with() {
    use base64::Engine;
    let p = TempProject::sample();
    let svg = "content/niiza-chiiki-ikou/figures/nimo-houkatsu.svg";
    let bytes = std::fs::read(p.path().join(svg)).unwrap();
    let (code, out, err) = p.run(&["build", "--html", "r6-hyoka"]);
    assert_eq!(code, 0, "{out}{err}");
    let page = p.read("output/niiza-chiiki-ikou/r6-hyoka.html");
    let data = page
        .split("data:image/svg+xml;base64,")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the figure embedded");
    let embedded = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    assert_eq!(embedded, bytes);
    assert!(!page.contains('\0'), "no mark is left in the page");
}

/// A member's organization is optional: a member list where none is written has no 所属
/// column, and nothing invented is printed in its place (issue 18).
#[test]
fn a_member_list_without_organizations_has_no_organization_column() {
    let p = TempProject::sample();
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let html = p.read("output/koganei-seishin/r6-meibo.html");
    let dom = Dom::parse(&html);
    let heads: Vec<String> = dom.select("thead th").iter().map(|h| h.text()).collect();
    assert_eq!(heads, ["役職", "氏名"]);
    assert!(!html.contains("未記載"));
    for row in dom.select("tbody tr") {
        assert_eq!(row.select("td").len() + row.select("th").len(), 2);
    }
    // With organizations written, the column is there.
    let p = TempProject::sample();
    p.edit(
        "content/koganei-seishin/2024/members.yaml",
        "  - name: 小髙\n",
        "  - name: 小髙\n    organization: 小金井市医師会\n",
    );
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let html = p.read("output/koganei-seishin/r6-meibo.html");
    let html = common::unphrased(&html);
    assert!(html.contains("<th scope=\"col\">所属</th>") && html.contains("小金井市医師会"));
}

/// A packet page's 次第 links to the agenda's own page when there is one, and still to its
/// pages in the packet's PDF (issue 18).
#[test]
fn a_packet_page_links_its_agenda_to_the_agenda_page() {
    let p = TempProject::sample();
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let html = p.read("output/koganei-seishin/r6-1-shiryo.html");
    let dom = Dom::parse(&html);
    let agenda = dom
        .select("ul.materials li")
        .into_iter()
        .find(|li| li.text().contains("次第"))
        .expect("the 次第 is listed");
    let links: Vec<String> = agenda
        .select("a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, ["r6-1-shidai.html", "r6-1-shiryo.pdf#page=1"]);
    assert!(
        p.path()
            .join("output/koganei-seishin/r6-1-shidai.html")
            .is_file()
    );
}
