//! The agenda, the packet, the member list and a joint meeting, each from content alone.

use super::*;

/// An agenda's layout said in council.yaml (`agenda:`): its title, the lines under it, the
/// materials beside their items and under a heading of the council's words, in the PDF, on
/// its page and on the packet's page.
#[test]
fn an_agendas_title_lines_and_materials_from_content() {
    let p = TempProject::sample();
    p.edit(
        "content/koganei-seishin/council.yaml",
        "meeting_label: 協議会\n",
        "meeting_label: 協議会\nagenda:\n  title: [\"次　第\"]\n  when: \"１　日時　{日時}\"\n  place: \"\"\n  materials_label: 配布資料\n  materials:\n    beside_item: \"（{資料}）\"\n",
    );
    p.edit(
        "content/koganei-seishin/2024/meetings.yaml",
        "      - title: 委嘱状の交付・委員名簿の更新について\n",
        "      - title: 委嘱状の交付・委員名簿の更新について\n        materials: [資料１]\n",
    );
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let all = super::super::typeset_all(p.path());
    let t = by_id(all, "koganei-seishin/r6-1-shidai");
    let lines: Vec<String> = super::super::common::text(&t)
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    let text = lines.join("\n");
    assert!(lines.iter().any(|l| l == "次　第"), "{text}");
    assert!(
        lines.iter().any(|l| l.starts_with("１　日時　令和６年")),
        "{text}"
    );
    assert!(!text.contains("場所："), "{text}");
    assert!(!text.contains("日時："), "{text}");
    assert!(lines.iter().any(|l| l == "配布資料"), "{text}");
    assert!(!text.contains("【資料】"), "{text}");
    // At the right of its item's line (the laid-out text splits the line at the gap).
    let item = lines
        .iter()
        .position(|l| l.contains("委嘱状の交付"))
        .expect("the item");
    assert_eq!(lines[item + 1], "（資料１）", "{text}");

    // The page and the packet's page say the same.
    for page in ["r6-1-shidai", "r6-1-shiryo"] {
        let html = p.read(&format!("output/koganei-seishin/{page}.html"));
        let text = page_text(&html);
        assert!(text.contains("１日時令和６年"), "{page}: {text}");
        assert!(!text.contains("場所："), "{page}: {text}");
        assert!(text.contains("（資料１）"), "{page}: {text}");
    }
    let html = p.read("output/koganei-seishin/r6-1-shidai.html");
    // A title without the council's name gets the meeting's name before it.
    assert!(
        html.contains("<title>令和６年度 第１回小金井市精神保健福祉連絡協議会 次　第"),
        "{html}"
    );
    assert!(page_text(&html).contains("配布資料"));
}

/// A packet's page in the council's words (`packet:`): its title, its headings, how a
/// material's pages in the packet's PDF and a handout are named.
#[test]
fn a_packets_words_from_content() {
    let p = TempProject::sample();
    p.edit(
        "content/koganei-seishin/council.yaml",
        "meeting_label: 協議会\n",
        "meeting_label: 協議会\npacket:\n  title: [\"{会議}\", \"資料一式\"]\n  materials_heading: 配布資料\n  pages: \"PDF の{ページ}ページ目\"\n",
    );
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let html = p.read("output/koganei-seishin/r6-1-shiryo.html");
    let text = page_text(&html);
    assert!(text.contains("協議会資料一式"), "{text}");
    assert!(!text.contains("会議資料"), "{text}");
    assert!(
        super::super::common::unphrased(&html).contains("<h2 id=\"materials\">配布資料</h2>"),
        "{html}"
    );
    assert!(text.contains("PDFの１ページ目"), "{text}");
    assert!(!text.contains("資料一式のPDF"), "{text}");

    // A placeholder nothing fills is an error at its line.
    p.edit(
        "content/koganei-seishin/council.yaml",
        "\"PDF の{ページ}ページ目\"",
        "\"PDF の{頁}ページ目\"",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("packet の pages に、使えない {頁} があります。"),
        "{err}"
    );
    assert!(err.contains("council.yaml:"), "{err}");
}

/// A member list's column heads and date line in the council's words (`member_list:`), and
/// the report's chapter headings (`report.labels.section_heading`), in the PDF and the page.
#[test]
fn member_list_and_chapter_words_from_content() {
    let p = TempProject::sample();
    p.edit(
        "content/koganei-seishin/council.yaml",
        "meeting_label: 協議会\n",
        "meeting_label: 協議会\nmember_list:\n  role: 職名\n  as_of: \"{日付}時点\"\n",
    );
    p.edit(
        "content/niiza-chiiki-ikou/council.yaml",
        "  labels:\n",
        "  labels:\n    section_heading: \"第{番号}章　{見出し}\"\n",
    );
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let all = super::super::typeset_all(p.path());
    let list = super::super::common::squashed(
        all.iter()
            .find(|t| t.id == "koganei-seishin/r6-meibo")
            .expect("list"),
    );
    assert!(list.contains("職名氏名"), "{list}");
    assert!(list.contains("日時点"), "{list}");
    assert!(!list.contains("現在"), "{list}");
    let page = page_text(&p.read("output/koganei-seishin/r6-meibo.html"));
    assert!(page.contains("職名氏名"), "{page}");
    assert!(page.contains("日時点"), "{page}");

    let report = super::super::common::squashed(
        all.iter()
            .find(|t| t.id == "niiza-chiiki-ikou/r6-hyoka")
            .expect("report"),
    );
    assert!(report.contains("第１章はじめに"), "{report}");
    let page = super::super::common::unphrased(&p.read("output/niiza-chiiki-ikou/r6-hyoka.html"));
    assert!(
        page.contains("<a href=\"#intro\">第１章　はじめに</a>"),
        "{page}"
    );
}

/// A joint meeting of two bodies (issue 16), written once in the record keeper's
/// meetings.yaml: both bodies' minutes print it with each body's members under its name, the
/// other body's 表１ counts it under its own number with its own words, and `check` reports a
/// side that does not list the other, or a body that does not exist, at its line.
#[test]
fn a_joint_meeting_of_two_bodies_written_once() {
    let p = TempProject::sample();
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let all = super::super::typeset_all(p.path());
    let text = |id: &str| {
        super::super::common::text(all.iter().find(|t| t.id == id).expect(id))
            .lines()
            .map(|l| l.trim().to_string())
            .collect::<Vec<_>>()
    };
    for id in [
        "kitamidai-shuro/r6-2-kaigiroku",
        "kitamidai-soudan/r6-2-kaigiroku",
    ] {
        let lines = text(id);
        let joined = lines.join("\n");
        assert!(
            lines
                .concat()
                .contains("就労支援部会・相談支援部会合同部会"),
            "{id}: {joined}"
        );
        let shuro = lines
            .iter()
            .position(|l| l.ends_with("（就労支援部会）"))
            .expect(&joined);
        let soudan = lines
            .iter()
            .position(|l| l == "（相談支援部会）")
            .expect(&joined);
        assert!(shuro < soudan, "{joined}");
        // Members by family name and role (style.names: 岡本委員, the default).
        assert!(lines[shuro + 1].starts_with("高橋部会長"), "{joined}");
        assert!(
            lines[soudan + 1].starts_with("西田部会長（欠席）"),
            "{joined}"
        );
        assert!(
            joined.contains("就労定着に向けた相談支援との連携について"),
            "{joined}"
        );
    }
    let html = p.read("output/kitamidai-soudan/r6-2-kaigiroku.html");
    assert!(
        page_text(&html).contains("（相談支援部会）西田部会長（欠席）"),
        "{html}"
    );

    // The other body's 表１: its own number and words, the record keeper's date and place.
    let report = super::super::common::squashed(
        all.iter()
            .find(|t| t.id == "kitamidai-soudan/r6-kekka")
            .expect("report"),
    );
    assert!(
        report.contains("第２回部会就労定着に向けた相談支援との連携の検討（就労支援部会との合同部会）【日時】令和６年９月１９日"),
        "{report}"
    );

    // One side not listing the other is a warning at its line; a body that does not exist an
    // error.
    let host = "content/kitamidai-shuro/2024/meetings.yaml";
    p.edit(host, "      with: [kitamidai-soudan]\n", "      with: []\n");
    let (code, _, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/kitamidai-soudan/2024/meetings.yaml:15")
            && err.contains("kitamidai-shuro の第２回の joint: with: に、この部会（kitamidai-soudan）がありません。"),
        "{err}"
    );
    p.edit(
        host,
        "      with: []\n",
        "      with: [kitamidai-soudan, kitamidai-nothing]\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{host}:"))
            && err.contains("合同で開いた部会 kitamidai-nothing が content/ にありません。"),
        "{err}"
    );
    p.edit(
        "content/kitamidai-soudan/2024/meetings.yaml",
        "held_by: kitamidai-shuro",
        "held_by: kitamidai-shur",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/kitamidai-soudan/2024/meetings.yaml:15")
            && err.contains("合同で開いた部会 kitamidai-shur が content/ にありません。"),
        "{err}"
    );
}
