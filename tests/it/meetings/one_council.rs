//! A project of one council whose minutes of meeting 1 are the only document: what the tests
//! of issue 33's forms build, quickly (no sample content), and read in both formats.

use super::common::TempProject;

/// One council (`content/t/`): `council` is what council.yaml says after its name lines,
/// `meeting` the lines of meeting 1 after its date (each indented four spaces), `members` the
/// members.yaml text (empty: none).
pub fn minutes_council(council: &str, meeting: &str, members: &str) -> TempProject {
    let p = TempProject::empty();
    p.write(
        "content/t/council.yaml",
        &format!(
            "name: テスト市協議会\nmeeting_label: 協議会\nevaluation_words: [達成]\n{council}"
        ),
    );
    p.write(
        "content/t/2024/meetings.yaml",
        &format!(
            "meetings:\n  - number: 1\n    date: 2024-05-10\n    start: \"14:00\"\n    end: \"16:00\"\n    venue: 第一会議室\n{meeting}"
        ),
    );
    if !members.is_empty() {
        p.write("content/t/2024/members.yaml", members);
    }
    p.write(
        "content/t/documents/minutes.yaml",
        "type: minutes\nyear: 2024\nmeeting: 1\n",
    );
    p
}

/// The minutes as built (`build --html`): the PDF's laid-out lines (trimmed) and the page's
/// text, both without whitespace inside a line.
pub fn both(p: &TempProject) -> (Vec<String>, String) {
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let t = super::by_id(super::typeset_all(p.path()), "t/minutes");
    let lines = super::common::text(&t)
        .lines()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|l| !l.is_empty())
        .collect();
    (lines, super::page_text(&p.read("output/t/minutes.html")))
}

/// `both`, each format as one string without whitespace (the PDF's lines joined).
pub fn both_squashed(p: &TempProject) -> (String, String) {
    let (lines, page) = both(p);
    (lines.concat(), page)
}

/// Asserts that both formats hold every `expected` and none of `gone`.
pub fn assert_both(p: &TempProject, expected: &[&str], gone: &[&str]) {
    let (pdf, page) = both_squashed(p);
    for (format, text) in [("PDF", &pdf), ("page", &page)] {
        for e in expected {
            assert!(text.contains(e), "{format}: no {e}\n{text}");
        }
        for g in gone {
            assert!(!text.contains(g), "{format}: still {g}\n{text}");
        }
    }
}

/// An agenda of one item with a record, for minutes that need one.
pub const RECORDED: &str =
    "    agenda:\n      - title: 報告事項\n        record:\n          - bullet: 報告を受けた。\n";
