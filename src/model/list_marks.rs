//! The marks before listed things, as a council's form says: agenda items level by level,
//! the items heading the record, the record's points and answers. A mark is a pattern: a
//! number in it (「(1)」「1)」「1.」「①」), one mark for every item (「〇」「・」), or nothing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Numbering, fill};
use crate::text::japanese::{circled_number, fullwidth, katakana_number, paren_number};

/// What a mark pattern may hold.
pub const MARK_PLACEHOLDERS: &[&str] = &["番号", "丸番号", "かっこ番号", "カナ"];

/// 会議録の印の付け方（minutes: の marks）。書かなければ、議題は style.numbering の番号、要点は「・」、答えは「⇒」。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Marks {
    /// 議題の印を、段ごとに１段目から。{番号} が議題の番号（1, 2, …）、{丸番号} が ①、{かっこ番号} が ⑴、
    /// {カナ} が ア になります。番号の入らない印（"〇"、"・"）はどの議題にも同じ印、"" は印なし。
    /// 書かない段は style.numbering のとおりです。例: ["({番号})"]、["{番号}.", "{番号})"]、["〇"]、[""]。
    #[serde(default)]
    pub items: Vec<String>,
    /// 会議結果（record の項目）の中の議題の見出しの印（段ごと。書き方は items と同じ）。書かなければ items と同じ。
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    /// 会議結果の要点（bullet）と質問（question）の前の印。例: "・"（既定）、"〇"、"－"、""（印なし）。
    #[serde(default = "default_bullet")]
    pub bullet: String,
    /// 質問への答え（answer）の前の印。例: "⇒"（既定）、"→"。
    #[serde(default = "default_answer")]
    pub answer: String,
}

fn default_bullet() -> String {
    "・".into()
}
fn default_answer() -> String {
    "⇒".into()
}

impl Default for Marks {
    fn default() -> Self {
        Marks {
            items: Vec::new(),
            topics: None,
            bullet: default_bullet(),
            answer: default_answer(),
        }
    }
}

/// 次第の印の付け方（agenda: の marks）。
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaMarks {
    /// 議題の印を、段ごとに１段目から（書き方は minutes: の marks.items と同じ）。書かない段は
    /// style.numbering のとおりです。例: ["({番号})"]、["〇"]。
    #[serde(default)]
    pub items: Vec<String>,
}

/// An item's mark: the pattern of its level filled in, or the council's numbering where no
/// pattern is written. `None` for an empty mark; the flag says whether a space parts the mark
/// from the text (a number does, a mark shared by every item, 〇 or ・, does not).
pub fn item_mark(
    patterns: &[String],
    numbering: Numbering,
    depth: usize,
    n: u32,
) -> (Option<String>, bool) {
    let Some(pattern) = depth.checked_sub(1).and_then(|i| patterns.get(i)) else {
        return (Some(numbering.number(depth, n)), true);
    };
    let numbered = MARK_PLACEHOLDERS
        .iter()
        .any(|p| pattern.contains(&format!("{{{p}}}")));
    let text = fill(
        pattern,
        &[
            ("番号", &fullwidth(&n.to_string())),
            ("丸番号", &circled_number(n)),
            ("かっこ番号", &paren_number(n)),
            ("カナ", &katakana_number(n)),
        ],
    );
    ((!text.is_empty()).then_some(text), numbered)
}

/// Whether `text` is a list mark many things may share (・, 〇, ※): no letter, kana, kanji
/// or digit in it. A material numbered so is marked, not numbered.
pub fn is_list_mark(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.chars().all(|c| "・･〇○●◎◆◇■□※＊*-－–—•→⇒".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_by_level_then_the_numbering() {
        let p = vec!["({番号})".to_string(), "〇".into(), String::new()];
        let n = Numbering::default();
        assert_eq!(item_mark(&p, n, 1, 2), (Some("(２)".into()), true));
        assert_eq!(item_mark(&p, n, 2, 2), (Some("〇".into()), false));
        assert_eq!(item_mark(&p, n, 3, 2), (None, false));
        assert_eq!(item_mark(&p, n, 4, 2), (Some("②".into()), true));
        assert_eq!(item_mark(&[], n, 1, 3), (Some("３".into()), true));
        let p = vec!["{丸番号}".to_string(), "{カナ}.".into()];
        assert_eq!(item_mark(&p, n, 1, 1).0.as_deref(), Some("①"));
        assert_eq!(item_mark(&p, n, 2, 2).0.as_deref(), Some("イ."));
    }
}
