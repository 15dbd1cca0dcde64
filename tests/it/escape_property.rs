//! 10,000 generated strings (Typst markup characters, Japanese, control characters, newlines,
//! long runs) go through the templates as YAML values: each one is laid out verbatim, in order,
//! and none changes the structure of the document.

use crate::common;

use common::{TempProject, flow, small_council, typeset_all};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use shiryo::commands::build::Builder;
use shiryo::typeset::text_runs;

const STRINGS: usize = 10_000;
const PER_DOCUMENT: usize = 1_000;

/// Characters that mean something to Typst, to YAML or to a line breaker, and ordinary
/// Japanese text. (Characters no bundled font has are refused by `check`; see the broken-input
/// corpus.)
const ALPHABET: &str = "#$*_`<>@\\[]~=-+/\"'.:;,(){}|^&%!?0123456789abcxyzABC あいうアイウ漢字協議会、。「」（）・ー０１２３４５６７８９－：Ｒ\u{3000}";

fn piece() -> impl Strategy<Value = String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    prop_oneof![
        8 => proptest::sample::select(chars.clone()).prop_map(String::from),
        1 => proptest::sample::select(vec!["\n", "\r\n", "\t", "\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{2028}"])
            .prop_map(String::from),
        1 => (proptest::sample::select(chars), 2..60usize).prop_map(|(c, n)| c.to_string().repeat(n)),
        1 => proptest::sample::select(vec!["#let x = 1", "#set page(width: 1cm)", "= 見出し", "- 項目", "+ 番号", "1. 一", "/ 語: 説明", "$x^2$", "*太字*", "_斜体_", "<label>", "@ref", "// コメント", "/* コメント */", "```raw```", "https://example.com", "#{panic()}", "]", "[", "\\"])
            .prop_map(String::from),
    ]
}

fn strings() -> Vec<String> {
    let strategy = proptest::collection::vec(piece(), 1..12).prop_map(|v| v.concat());
    let mut runner = TestRunner::deterministic();
    (0..STRINGS)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// What a string looks like once laid out, whitespace aside: control characters dropped,
/// line breaks become breaks.
fn visible(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace() && !matches!(c, '\u{2028}' | '\u{2029}'))
        .collect()
}

/// Headings, labels and table headers: the text set in the heading face. A table header row
/// repeats on every page the table reaches, so it is left out.
fn gothic_text(t: &shiryo::commands::build::Typeset) -> String {
    text_runs(&t.document)
        .into_iter()
        .filter(|r| r.font == "BIZ UDGothic")
        .map(|r| r.text)
        .collect::<String>()
        .replace("活動内容成果と課題", "")
}

#[test]
fn generated_strings_are_laid_out_verbatim() {
    let strings = strings();
    assert_eq!(strings.len(), STRINGS);
    assert!(strings.iter().any(|s| s.contains('\n')));
    assert!(strings.iter().any(|s| s.chars().count() > 100));

    // The structure of a plain document: every heading, label and table header.
    let plain = TempProject::empty();
    small_council(&plain, 3, "活動", "成果");
    let plain = typeset_all(plain.path()).remove(0);
    let structure = gothic_text(&plain);

    for (n, batch) in strings.chunks(PER_DOCUMENT).enumerate() {
        let p = TempProject::empty();
        small_council(&p, 3, "活動", "成果");
        // Every string becomes one paragraph of 成果と課題.
        let meetings = serde_yaml::to_string(&serde_json::json!({
            "meetings": [{
                "number": 1, "date": "2024-05-10", "start": "14:00", "end": "16:00",
                "venue": "会議室", "attendance": 10, "activity": "活動", "outcomes": batch,
            }]
        }))
        .unwrap();
        p.write("content/test/2024/meetings.yaml", &meetings);
        // Runs like 「$$$$…」 cannot break and stick out of the cell: a build refuses them (see
        // hostile.rs); here the layout is kept to read the text back.
        let mut builder = Builder::new(p.path()).unwrap();
        builder.keep_overflow();
        let (project, _) = builder.load().unwrap_or_else(|e| panic!("{e}"));
        let (c, d) = project.documents().next().unwrap();
        let t = builder.typeset(c, d).unwrap_or_else(|e| panic!("{e}"));

        // The table's header row repeats where the cell runs onto a new page.
        let laid_out: String = flow(&t)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .replace("活動内容成果と課題", "");
        let mut at = 0;
        for (i, s) in batch.iter().enumerate() {
            let v = visible(s);
            match laid_out[at..].find(&v) {
                Some(found) => at += found + v.len(),
                None => panic!(
                    "batch {n}, string {i}: {s:?} not laid out verbatim (looked for {v:?}); laid out next: {:?}",
                    laid_out[at..].chars().take(300).collect::<String>()
                ),
            }
        }
        assert_eq!(
            gothic_text(&t),
            structure,
            "batch {n}: the document's structure changed"
        );
    }
}
