//! Tests of serve's own pages.

use super::*;

#[test]
fn the_script_and_the_problems_go_into_the_served_page_only() {
    let built = "<!DOCTYPE html><html><head><title>t</title></head><BODY class=\"x\"><h1>表</h1></body></html>";
    let problems = Problems(vec![
        Problem::error("content/a/2024/meetings.yaml", "数ではありません <b>")
            .at(Some(12), Some(5))
            .hint("半角数字で書いてください"),
    ]);
    let page = Page {
        html: Some(built.to_string()),
        failure: Some(problems),
        version: 1,
        pdf_page: None,
    };
    let served = served("a/r6", &page);
    let script = served.find("<script>").unwrap();
    assert!(script < served.find("</head>").unwrap());
    assert!(served.contains("/_shiryo/events?page=a%2Fr6"));
    let alert = served.find("role=\"alert\"").unwrap();
    assert!(served.find("<BODY class=\"x\">").unwrap() < alert);
    assert!(alert < served.find("<h1>表</h1>").unwrap());
    assert!(served.contains(
        "エラー: content/a/2024/meetings.yaml:12:5: 数ではありません &lt;b&gt;\n  → 半角数字で書いてください"
    ));
    // Nothing else of the page changes.
    let without = served.replace(&live_script(&Watching::Page("a/r6".into())), "");
    let start = without.find("<div id=\"shiryo-problems\"").unwrap();
    let end = without[start..].find("</div>").unwrap() + start + "</div>".len();
    assert_eq!(format!("{}{}", &without[..start], &without[end..]), built);
}

#[test]
fn the_viewer_opens_the_pdf_at_the_page_the_save_changed() {
    let mut page = Page {
        html: None,
        failure: None,
        version: 4,
        pdf_page: Some(7),
    };
    assert!(
        viewer("協議会/r6", &page)
            .contains("src=\"/%E5%8D%94%E8%AD%B0%E4%BC%9A/r6.pdf?v=4#page=7\"")
    );
    page.pdf_page = None;
    assert!(viewer("協議会/r6", &page).contains("r6.pdf?v=4\""));
}

#[test]
fn an_id_cannot_close_the_script() {
    let s = live_script(&Watching::Page("a/</script><b>".into()));
    assert_eq!(s.matches("</script>").count(), 1);
    assert!(s.contains("?page=a%2F%3C%2Fscript%3E%3Cb%3E"), "{s}");
}

#[test]
fn the_index_names_a_document_by_its_page_title_less_the_council() {
    let html = "<html><head><title>A市協議会B部会 令和６年度評価結果 &amp; 目標</title>";
    let title = page_title(html).unwrap();
    assert_eq!(title, "A市協議会B部会 令和６年度評価結果 & 目標");
    assert_eq!(
        without_prefix(&title, "A市協議会", Some("B部会")),
        "令和６年度評価結果 & 目標"
    );
    assert_eq!(without_prefix("A市協議会", "A市協議会", None), "A市協議会");
    assert_eq!(
        without_prefix("第１回 会議録", "A市協議会", None),
        "第１回 会議録"
    );
    assert_eq!(page_title("<title> </title>"), None);
}

#[test]
fn links_encode_japanese_folder_names() {
    assert_eq!(
        href("協議会/r6 a", "pdf"),
        "/%E5%8D%94%E8%AD%B0%E4%BC%9A/r6%20a.pdf"
    );
}

#[test]
fn problems_are_counted_for_the_documents_they_concern() {
    let p = |f: &str| Problem::error(f, "x");
    assert!(concerns(&p("content/a/2024/goals.yaml"), "a", "r6"));
    assert!(concerns(&p("content/a/documents/r6.yaml"), "a", "r6"));
    assert!(!concerns(&p("content/a/documents/r7.yaml"), "a", "r6"));
    assert!(!concerns(&p("content/ab/council.yaml"), "a", "r6"));
    assert!(!concerns(&p("content/b/council.yaml"), "a", "r6"));
    assert!(concerns(&p("templates/annual_report.typ.j2"), "a", "r6"));
}
