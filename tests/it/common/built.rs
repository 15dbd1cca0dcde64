//! A project built with its web pages, read back as the tests of issue 33 read it: each
//! document's PDF (its laid-out lines, its text without whitespace) and its page (its text
//! without tags or whitespace).

use super::{TempProject, squashed, text, typeset_all};

/// The web page's body text without tags or whitespace.
pub fn page_text(html: &str) -> String {
    let body = html.split("<body>").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Builds `p` with pages: each document's PDF (laid out) and page, by id.
pub struct Built {
    pub typeset: Vec<shiryo::commands::build::Typeset>,
    pub p: TempProject,
}

impl Built {
    pub fn new(p: TempProject) -> Built {
        let (code, out, err) = p.run(&["build", "--html"]);
        assert_eq!(code, 0, "{out}{err}");
        Built {
            typeset: typeset_all(p.path()),
            p,
        }
    }

    pub fn pdf(&self, id: &str) -> &shiryo::commands::build::Typeset {
        self.typeset.iter().find(|t| t.id == id).expect(id)
    }

    /// The PDF's visual lines, trimmed.
    pub fn lines(&self, id: &str) -> Vec<String> {
        text(self.pdf(id))
            .lines()
            .map(|l| l.trim().to_string())
            .collect()
    }

    pub fn html(&self, id: &str) -> String {
        super::unphrased(&self.p.read(&format!("output/{id}.html")))
    }

    /// The PDF's text and the page's, both without whitespace, each containing every one of
    /// `expected` (whitespace removed too).
    pub fn both_contain(&self, id: &str, expected: &[&str]) {
        let pdf = squashed(self.pdf(id));
        let page = page_text(&self.html(id));
        for (format, text) in [("PDF", &pdf), ("page", &page)] {
            for e in expected {
                let e: String = e.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(text.contains(&e), "{id} ({format}): no {e}\n{text}");
            }
        }
    }
}
