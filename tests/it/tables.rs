//! Tables that do not fit their page (issue 32): `check` names the table (its caption as
//! printed) and the column (its header) whose words are wider than the column, at the content
//! line that holds the word, and says what to do; a council sets that table on landscape pages
//! or in smaller text in council.yaml (`tables:`), for that table only, in the PDF and the web
//! page alike. Read from the real output: the messages of `shiryo check`, the laid-out text and
//! the PDF's page sizes.

use crate::common;
use common::{TempProject, small_council, typeset_all};
use shiryo::typeset::text_runs;
use word::word_sections;

mod word;

/// Each page's width and height in points, as the PDF file says (its MediaBox).
fn page_sizes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let pdf = hayro_syntax::Pdf::new(pdf.to_vec()).unwrap_or_else(|_| panic!("a PDF"));
    pdf.pages()
        .iter()
        .map(|p| {
            let b = p.media_box();
            ((b.x1 - b.x0).round(), (b.y1 - b.y0).round())
        })
        .collect()
}

const A4: (f64, f64) = (595.0, 842.0);
const A4_LANDSCAPE: (f64, f64) = (842.0, 595.0);

/// The line (from 1) of `rel` that holds `needle`.
fn line_of(p: &TempProject, rel: &str, needle: &str) -> usize {
    p.read(rel)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} in {rel}"))
        + 1
}

/// The lines of `check`'s report that tell of a table that does not fit.
fn narrow_lines(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.contains("に入りません")).collect()
}

/// A council whose member list has every column, and members whose post (職名) holds a word
/// wider than that column on a portrait page: 「コーディネーター」.
fn member_list_council(p: &TempProject, tables: &str) {
    let c = "content/meibo-test";
    p.write(
        &format!("{c}/council.yaml"),
        &format!(
            "name: テスト市協議会\nmeeting_label: 協議会\nroles: [会長, 委員]\ncategories: [関係機関, 当事者]\nmember_list:\n  columns: [category, organization, post, name, role]\n{tables}"
        ),
    );
    let mut members = String::from("members:\n");
    for (i, (category, post)) in [
        ("関係機関", "地域生活支援コーディネーター"),
        ("関係機関", "相談支援専門員"),
        ("当事者", "ピアサポーター"),
        ("当事者", "委員"),
    ]
    .iter()
    .enumerate()
    {
        members.push_str(&format!(
            "  - category: {category}\n    organization: テスト市相談支援事業所\n    post: {post}\n    name: 山田 太郎{i}\n    role: {}\n",
            if i == 0 { "会長" } else { "委員" }
        ));
    }
    p.write(&format!("{c}/2024/members.yaml"), &members);
    p.write(
        &format!("{c}/documents/meibo.yaml"),
        "type: member_list\nyear: 2024\ntitle: テスト市協議会委員名簿\ndate: 2024-05-23\n",
    );
}

#[test]
fn a_member_list_too_wide_for_portrait_is_named_by_table_and_column_at_the_members_line() {
    let p = TempProject::empty();
    member_list_council(&p, "");
    let (code, out, err) = p.run(&["check"]);
    let all = format!("{out}{err}");
    // A warning: the list prints, but a word of it breaks inside.
    assert_eq!(code, 0, "{all}");
    let narrow = narrow_lines(&all);
    assert_eq!(narrow.len(), 1, "{all}");
    let line = line_of(
        &p,
        "content/meibo-test/2024/members.yaml",
        "コーディネーター",
    );
    let said = narrow[0];
    assert!(
        said.contains(&format!("members.yaml:{line}")),
        "the members' line {line}: {all}"
    );
    for words in [
        "表「テスト市協議会委員名簿」",
        "縦のページ",
        "「職名」の列",
        "「コーディネーター」",
    ] {
        assert!(said.contains(words), "{words}: {all}");
    }
    // What to do, in the council's own words.
    assert!(
        all.contains("tables: {member_list: {landscape: true}}")
            && all.contains("member_list: columns から列を減らす"),
        "{all}"
    );
}

#[test]
fn each_too_narrow_column_is_named_by_the_cell_that_holds_its_word_on_any_page() {
    // Two columns too narrow, each for a word of its own: 役職 on the first page, 職名 only in
    // the last member, on a page after the table's repeated header.
    let p = TempProject::empty();
    let c = "content/meibo-test";
    p.write(
        &format!("{c}/council.yaml"),
        "name: テスト市協議会\nmeeting_label: 協議会\nroles: [スーパーバイザーリーダー, 委員]\nmember_list:\n  columns: [organization, post, name, role]\n",
    );
    let mut members = String::from("members:\n");
    for i in 0..45 {
        let post = if i == 44 {
            "地域生活支援コーディネーター"
        } else {
            "相談員"
        };
        let role = if i == 0 {
            "スーパーバイザーリーダー"
        } else {
            "委員"
        };
        members.push_str(&format!(
            "  - organization: テスト市相談支援事業所\n    post: {post}\n    name: 山田 太郎{i}\n    role: {role}\n"
        ));
    }
    p.write(&format!("{c}/2024/members.yaml"), &members);
    p.write(
        &format!("{c}/documents/meibo.yaml"),
        "type: member_list\nyear: 2024\ntitle: テスト市協議会委員名簿\ndate: 2024-05-23\n",
    );
    let (code, out, err) = p.run(&["check"]);
    let all = format!("{out}{err}");
    assert_eq!(code, 0, "{all}");
    let narrow = narrow_lines(&all);
    assert_eq!(narrow.len(), 2, "{all}");
    let role = narrow
        .iter()
        .find(|l| l.contains("「役職」の列"))
        .expect(&all);
    assert!(
        role.contains("1 ページ") && role.contains("リーダー」"),
        "{all}"
    );
    let post = narrow
        .iter()
        .find(|l| l.contains("「職名」の列"))
        .expect(&all);
    assert!(
        !post.contains("1 ページ") && post.contains("コーディネーター"),
        "{all}"
    );
    let line = line_of(&p, &format!("{c}/2024/members.yaml"), "コーディネーター");
    assert!(post.contains(&format!("members.yaml:{line}")), "{all}");
}

#[test]
fn a_member_list_on_landscape_pages_fits_and_its_pdf_pages_are_landscape() {
    let p = TempProject::empty();
    member_list_council(&p, "tables:\n  member_list: {landscape: true}\n");
    let (code, out, err) = p.run(&["check"]);
    let all = format!("{out}{err}");
    assert_eq!(code, 0, "{all}");
    assert!(narrow_lines(&all).is_empty(), "{all}");
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let pdf = std::fs::read(p.path().join("output/meibo-test/meibo.pdf")).unwrap();
    let sizes = page_sizes(&pdf);
    assert!(
        !sizes.is_empty() && sizes.iter().all(|s| *s == A4_LANDSCAPE),
        "{sizes:?}"
    );
    // The web page prints the table on a landscape sheet of its own.
    let html = std::fs::read_to_string(p.path().join("output/meibo-test/meibo.html")).unwrap();
    assert!(html.contains("size: A4 landscape"), "{html}");
    assert!(html.contains("class=\"table-wrap landscape\""), "{html}");
    // So does the Word file: every page turned, the table as wide as a landscape page.
    let (code, out, err) = p.run(&["build", "--docx"]);
    assert_eq!(code, 0, "{out}{err}");
    let bytes = std::fs::read(p.path().join("output/meibo-test/meibo.docx")).unwrap();
    let body = &common::docx::parts(&bytes)["word/document.xml"];
    let sections = word_sections(body);
    assert!(sections.len() == 1 && sections[0].0, "{sections:?}");
    assert!(body.contains("<w:tblW w:w=\"14344\""), "{body}");
}

#[test]
fn a_smaller_text_size_sets_that_table_smaller_in_the_pdf_and_the_page_by_one_factor() {
    let p = TempProject::empty();
    member_list_council(&p, "tables:\n  member_list: {text_size: 9}\n");
    let all = typeset_all(p.path());
    let list = all.iter().find(|t| t.id.ends_with("meibo")).unwrap();
    // 「相談支援専門員」 is set at 9 pt: each of its characters 9 pt wide, not 10.5.
    let runs: Vec<_> = text_runs(&list.document)
        .into_iter()
        .filter(|r| !r.text.is_empty() && r.text.chars().all(|c| "相談支援専門員".contains(c)))
        .collect();
    assert!(!runs.is_empty());
    for run in &runs {
        let per_char = run.width / run.text.chars().count() as f64;
        assert!((per_char - 9.0).abs() < 0.1, "{run:?}");
    }
    // The title is not the table's: it keeps its size (14 pt).
    let title = text_runs(&list.document)
        .into_iter()
        .find(|r| r.text.contains("名簿"))
        .expect("the title");
    let per_char = title.width / title.text.chars().count() as f64;
    assert!((per_char - 14.0).abs() < 0.5, "{title:?}");
    // The page scales the table's text by the same factor (9 / 10.5).
    let p2 = TempProject::empty();
    member_list_council(&p2, "tables:\n  member_list: {text_size: 9}\n");
    let (code, out, err) = p2.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let html = std::fs::read_to_string(p2.path().join("output/meibo-test/meibo.html")).unwrap();
    assert!(html.contains("style=\"font-size: 0.857em\""), "{html}");
    let sizes = page_sizes(&std::fs::read(p2.path().join("output/meibo-test/meibo.pdf")).unwrap());
    assert!(sizes.iter().all(|s| *s == A4), "{sizes:?}");
}

/// A six-column 表２ (target, actual, rate, result, reason) whose issue holds a word wider than
/// the issue column: 「ピアサポーター」.
fn six_columns(p: &TempProject, tables: &str) {
    small_council(p, 2, "会議", "成果");
    p.edit(
        "content/test/council.yaml",
        "roles: [部会長]\n",
        &format!(
            "roles: [部会長]\nreport:\n  columns: [target, actual, rate, result, reason]\n{tables}"
        ),
    );
    p.edit(
        "content/test/2024/goals.yaml",
        "課題の文章です。",
        "ピアサポーターの活用",
    );
}

#[test]
fn a_six_column_table_two_names_its_caption_and_the_issue_column_at_the_goals_line() {
    let p = TempProject::empty();
    six_columns(&p, "");
    let (code, out, err) = p.run(&["check"]);
    let all = format!("{out}{err}");
    assert_eq!(code, 0, "{all}");
    let narrow = narrow_lines(&all);
    assert_eq!(
        narrow.len(),
        1,
        "only 表２ (表３ has its usual columns): {all}"
    );
    let line = line_of(&p, "content/test/2024/goals.yaml", "ピアサポーター");
    assert!(
        narrow[0].contains(&format!("2024/goals.yaml:{line}")),
        "{all}"
    );
    for words in [
        "表【表２ 令和６年度の評価結果】",
        "「課題」の列",
        "「ピアサポーター」",
    ] {
        assert!(narrow[0].contains(words), "{words}: {all}");
    }
    assert!(
        all.contains("tables: {evaluation: {landscape: true}}"),
        "{all}"
    );
    assert!(all.contains("report: columns から列を減らす"), "{all}");
}

#[test]
fn table_two_on_a_landscape_page_fits_with_its_lead_and_the_rest_stays_portrait() {
    let p = TempProject::empty();
    six_columns(&p, "tables:\n  evaluation: {landscape: true}\n");
    let (code, out, err) = p.run(&["check"]);
    let all = format!("{out}{err}");
    assert_eq!(code, 0, "{all}");
    assert!(narrow_lines(&all).is_empty(), "{all}");
    let (code, out, err) = p.run(&["build"]);
    assert_eq!(code, 0, "{out}{err}");
    let pdf = std::fs::read(p.path().join("output/test/report.pdf")).unwrap();
    let sizes = page_sizes(&pdf);
    let landscape: Vec<usize> = (0..sizes.len())
        .filter(|&i| sizes[i] == A4_LANDSCAPE)
        .collect();
    assert_eq!(landscape.len(), 1, "{sizes:?}");
    assert_eq!(sizes[0], A4, "the report starts portrait: {sizes:?}");
    assert_eq!(
        sizes.last(),
        Some(&A4),
        "表３ and after are portrait: {sizes:?}"
    );
    // The landscape page holds the lead, the caption and the table; 表３ is not on it.
    let all = typeset_all(p.path());
    let report = all.iter().find(|t| t.id.ends_with("report")).unwrap();
    let page: String = text_runs(&report.document)
        .into_iter()
        .filter(|r| r.page == landscape[0] + 1)
        .map(|r| r.text)
        .collect();
    for words in ["表２のとおりです。", "【表２", "ピアサポーター"] {
        assert!(page.contains(words), "{words}: {page}");
    }
    assert!(!page.contains("【表３"), "{page}");
}

#[test]
fn a_text_size_out_of_range_is_an_error_at_its_line() {
    let p = TempProject::empty();
    member_list_council(&p, "tables:\n  member_list: {text_size: 3}\n");
    let (code, out, err) = p.run(&["check"]);
    let all = format!("{out}{err}");
    assert_ne!(code, 0, "{all}");
    let line = line_of(&p, "content/meibo-test/council.yaml", "text_size");
    assert!(
        all.contains(&format!("council.yaml:{line}")) && all.contains("text_size 3 は使えません"),
        "{all}"
    );
}

#[test]
fn the_samples_have_no_table_too_wide_for_its_page() {
    let p = TempProject::sample();
    let (_, out, err) = p.run(&["check"]);
    let all = format!("{out}{err}");
    assert!(narrow_lines(&all).is_empty(), "{all}");
}

#[test]
fn ruled_minutes_and_a_held_table_turn_and_shrink_only_where_the_council_asks() {
    let p = TempProject::sample();
    p.edit(
        "content/toyonaka-sabetsu/council.yaml",
        "minutes:\n",
        "tables:\n  minutes: {landscape: true, text_size: 9}\nminutes:\n",
    );
    p.edit(
        "content/fukuoka-nimohoukatsu/council.yaml",
        "report:\n",
        "tables:\n  meetings: {text_size: 9}\nreport:\n",
    );
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        narrow_lines(&format!("{out}{err}")).is_empty(),
        "{out}{err}"
    );
    let pdf = |rel: &str| std::fs::read(p.path().join("output").join(rel)).unwrap();
    let html = |rel: &str| std::fs::read_to_string(p.path().join("output").join(rel)).unwrap();
    // The ruled minutes: every page turned, the form's text at 9 pt in the PDF and the page.
    let sizes = page_sizes(&pdf("toyonaka-sabetsu/h29-1-gijigaiyou.pdf"));
    assert!(sizes.iter().all(|s| *s == A4_LANDSCAPE), "{sizes:?}");
    let page = html("toyonaka-sabetsu/h29-1-gijigaiyou.html");
    assert!(
        page.contains("<table class=\"form\" style=\"font-size: 0.857em\">"),
        "{page}"
    );
    // The 開催状況 table smaller, on portrait pages; another council's pages stay portrait.
    let sizes = page_sizes(&pdf("fukuoka-nimohoukatsu/r6-bukai-houkoku.pdf"));
    assert!(sizes.iter().all(|s| *s == A4), "{sizes:?}");
    let page = html("fukuoka-nimohoukatsu/r6-bukai-houkoku.html");
    assert!(page.contains("style=\"font-size: 0.857em\""), "{page}");
    let sizes = page_sizes(&pdf("niiza-chiiki-ikou/r6-hyoka.pdf"));
    assert!(sizes.iter().all(|s| *s == A4), "{sizes:?}");
    assert!(!html("niiza-chiiki-ikou/r6-hyoka.html").contains("font-size: 0.857em"));
}
