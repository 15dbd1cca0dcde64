//! Pure helpers for Japanese official-document formatting: 和暦 dates, fiscal years,
//! times of day, goal numbers and outline numbering. Error messages are in Japanese
//! because they are shown to municipal staff.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::str::FromStr;

/// Offset between an ASCII character and its full-width form (U+FF01..U+FF5E).
const FULLWIDTH_OFFSET: u32 = 0xFEE0;

/// Parses a run of ASCII digits (no sign, no spaces) whose length is in `len`.
pub(crate) fn digits<T: FromStr>(s: &str, len: RangeInclusive<usize>) -> Option<T> {
    let ok = len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

/// A full-width digit (０…９).
pub fn is_fw_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// A separator that joins full-width digits into one number (３－５, １０：００, １，０００).
pub fn is_fw_joiner(c: char) -> bool {
    matches!(c, '－' | '：' | '，' | '．' | '／')
}

/// The longest digit run (in characters) kept on one line whole: dates, times, goal numbers,
/// amounts. A longer run (a phone number, a long figure) is kept together in pieces of at most
/// [`MAX_PIECE`] characters, cut after a separator where there is one, so that a narrow table
/// cell can still hold it (a run that cannot break would stick out of its cell).
pub const MAX_UNBROKEN: usize = 6;
/// See [`MAX_UNBROKEN`].
pub const MAX_PIECE: usize = 4;

/// `text` cut into pieces, each a run of two or more full-width digits (`true`: joined by
/// separators only between digits) or the text between runs (`false`). Printed output keeps
/// a run on one line: a line may otherwise break between any two full-width characters. A run
/// longer than [`MAX_UNBROKEN`] comes in several `true` pieces, each kept on one line.
pub fn digit_runs(text: &str) -> Vec<(bool, &str)> {
    let mut pieces = Vec::new();
    for (run, piece) in whole_digit_runs(text) {
        if !run || piece.chars().count() <= MAX_UNBROKEN {
            pieces.push((run, piece));
            continue;
        }
        let (mut start, mut count) = (0, 0);
        for (at, c) in piece.char_indices() {
            count += 1;
            let end = at + c.len_utf8();
            if is_fw_joiner(c) || count == MAX_PIECE {
                pieces.push((true, &piece[start..end]));
                (start, count) = (end, 0);
            }
        }
        if start < piece.len() {
            pieces.push((true, &piece[start..]));
        }
    }
    pieces
}

/// `digit_runs` without cutting long runs.
fn whole_digit_runs(text: &str) -> Vec<(bool, &str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut pieces = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < chars.len() {
        if !is_fw_digit(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len()
            && (is_fw_digit(chars[j].1)
                || (is_fw_joiner(chars[j].1)
                    && chars.get(j + 1).is_some_and(|&(_, c)| is_fw_digit(c))))
        {
            j += 1;
        }
        if j - i >= 2 {
            if start < at(i) {
                pieces.push((false, &text[start..at(i)]));
            }
            pieces.push((true, &text[at(i)..at(j)]));
            start = at(j);
        }
        i = j;
    }
    if start < text.len() {
        pieces.push((false, &text[start..]));
    }
    pieces
}

/// ASCII digits and letters, and `- : ( ) ~ / %`, to their full-width forms; everything
/// else (spaces, already full-width characters, kanji) is unchanged.
pub fn fullwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' | 'a'..='z' | '-' | ':' | '(' | ')' | '~' | '/' | '%' => {
                char::from_u32(c as u32 + FULLWIDTH_OFFSET).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Full-width digits to ASCII, and hyphen-like characters (U+FF0D '－', U+2010 '‐',
/// U+2212 '−', U+2013 '–') to '-'. The katakana long vowel 'ー' is deliberately kept.
pub fn halfwidth_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - FULLWIDTH_OFFSET).unwrap_or(c),
            '\u{FF0D}' | '\u{2010}' | '\u{2212}' | '\u{2013}' => '-',
            _ => c,
        })
        .collect()
}

/// Numbers in half-width: full-width digits to ASCII, and the separators between two digits
/// (－ ： ， ． ／) too: 「令和６年４月１８日」 → 「令和6年4月18日」, 「３－５」 → 「3-5」.
pub fn ascii_numbers(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let digit =
        |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c));
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            '０'..='９' => char::from_u32(c as u32 - FULLWIDTH_OFFSET).unwrap_or(c),
            '－' | '：' | '，' | '．' | '／'
                if i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1)) =>
            {
                char::from_u32(c as u32 - FULLWIDTH_OFFSET).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

/// Goal number "３－５" from (component 3, sequence 5).
pub fn goal_number(component: u32, seq: u32) -> String {
    fullwidth(&format!("{component}-{seq}"))
}

/// Parses a goal number as staff type it: "3-5", "３－５", "3－5", " 3 - 5 " -> (3, 5).
pub fn parse_goal_number(s: &str) -> Result<(u32, u32), String> {
    const HINT: &str = "（「３－５」または「3-5」のように書いてください）";
    let norm = halfwidth_digits(s);
    norm.split_once('-')
        .and_then(|(a, b)| Some((digits(a.trim(), 1..=9)?, digits(b.trim(), 1..=9)?)))
        .ok_or_else(|| format!("目標番号の形式が正しくありません{HINT}: 「{s}」"))
}

/// Numbers 1..=20 as `base`, `base + 1`, ...; others as "（２１）".
fn special_number(n: u32, base: u32) -> String {
    match (1..=20).contains(&n).then(|| char::from_u32(base + n - 1)) {
        Some(Some(c)) => c.to_string(),
        _ => fullwidth(&format!("({n})")),
    }
}

/// Parenthesised outline number: 1 -> "⑴" (U+2474) ... 20 -> "⒇"; above 20 -> "（２１）".
pub fn paren_number(n: u32) -> String {
    special_number(n, 0x2474)
}

/// Katakana outline number in 五十音 order: 1 -> "ア", 2 -> "イ" … 44 -> "ワ"; above that
/// "（４５）".
pub fn katakana_number(n: u32) -> String {
    const KANA: &str =
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ";
    n.checked_sub(1)
        .and_then(|i| KANA.chars().nth(i as usize))
        .map(String::from)
        .unwrap_or_else(|| fullwidth(&format!("({n})")))
}

/// Circled number: 1 -> "①" ... 20 -> "⑳"; above 20 -> "（２１）".
pub fn circled_number(n: u32) -> String {
    special_number(n, 0x2460)
}

/// How Japanese drafting defines a short term for the rest of a document:
/// 「一般企業、…事業者等（以下「一般企業等」という。）との協働」.
const DEFINITION_OPEN: &str = "（以下「";
const DEFINITION_CLOSE: &str = "」という。）";

/// The short terms `text` defines in the drafting style `…（以下「略称」という。）`, in order.
pub fn defined_terms(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices(DEFINITION_OPEN)
        .filter_map(move |(at, open)| {
            let rest = &text[at + open.len()..];
            rest.find(DEFINITION_CLOSE).map(|end| &rest[..end])
        })
}

/// The definition of `short` standing for `long`: 「long（以下「short」という。）」.
pub fn definition(short: &str, long: &str) -> String {
    format!("{long}{DEFINITION_OPEN}{short}{DEFINITION_CLOSE}")
}

/// `text` as it reads once its terms are defined: each definition of a known term
/// (`terms`: short → long) is replaced by the short term alone.
pub fn after_definitions<'a>(text: &'a str, terms: &BTreeMap<String, String>) -> Cow<'a, str> {
    let mut out = Cow::Borrowed(text);
    for short in defined_terms(text) {
        if let Some(long) = terms.get(short) {
            let defined = definition(short, long);
            if out.contains(&defined) {
                out = out.replace(&defined, short).into();
            }
        }
    }
    out
}

/// A number in full-width digits: ５, １２.
pub fn zen(n: u32) -> String {
    fullwidth(&n.to_string())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::fmt::Debug;

    /// Asserts that every `|`-separated input is rejected with a message containing `needle`
    /// and the input itself.
    pub(crate) fn assert_errs<T: Debug>(
        f: fn(&str) -> Result<T, String>,
        inputs: &str,
        needle: &str,
    ) {
        for input in inputs.split('|') {
            let err = f(input).expect_err(input);
            let ok = err.contains(needle) && err.contains(input);
            assert!(ok, "{input}: {err}");
        }
    }

    #[test]
    fn definitions_give_way_to_their_term() {
        let text = "一般企業、就労移行支援事業者等（以下「一般企業等」という。）との協働により、課題を共有している。";
        assert_eq!(defined_terms(text).collect::<Vec<_>>(), ["一般企業等"]);
        let mut terms = BTreeMap::new();
        assert_eq!(
            after_definitions(text, &terms),
            text,
            "an unknown term stays defined"
        );
        terms.insert(
            "一般企業等".to_string(),
            "一般企業、就労移行支援事業者等".to_string(),
        );
        assert_eq!(
            after_definitions(text, &terms),
            "一般企業等との協働により、課題を共有している。"
        );
        terms.insert("一般企業等".to_string(), "一般企業等".to_string());
        assert_eq!(
            after_definitions(text, &terms),
            text,
            "a long form that is not the words before the definition changes nothing"
        );
        assert_eq!(defined_terms("（以下「未完").count(), 0);
        assert_eq!(
            defined_terms("Ａ（以下「Ａ」という。）とＢ（以下「Ｂ」という。）").collect::<Vec<_>>(),
            ["Ａ", "Ｂ"]
        );
    }
    #[test]
    fn width_conversion() {
        assert_eq!(fullwidth("ALWAYS 50名 3-5"), "ＡＬＷＡＹＳ ５０名 ３－５");
        assert_eq!(fullwidth("a:z(1)~/%"), "ａ：ｚ（１）～／％");
        assert_eq!(fullwidth("ＡＢ１ 全角、。!"), "ＡＢ１ 全角、。!");
        assert_eq!(halfwidth_digits("０１２３４５６７８９"), "0123456789");
        assert_eq!(halfwidth_digits("３－５‐1−2–3"), "3-5-1-2-3");
        assert_eq!(halfwidth_digits("データー ＡＢ"), "データー ＡＢ");
    }

    #[test]
    fn katakana_numbers() {
        assert_eq!(katakana_number(1), "ア");
        assert_eq!(katakana_number(6), "カ");
        assert_eq!(katakana_number(44), "ワ");
        assert_eq!(katakana_number(45), "（４５）");
        assert_eq!(katakana_number(0), "（０）");
    }

    #[test]
    fn half_width_numbers() {
        assert_eq!(ascii_numbers("令和６年４月１８日"), "令和6年4月18日");
        assert_eq!(ascii_numbers("３－５（１０：００）"), "3-5（10:00）");
        assert_eq!(ascii_numbers("Ａ－Ｂ、１，０００人"), "Ａ－Ｂ、1,000人");
    }

    #[test]
    fn goal_numbers() {
        assert_eq!(goal_number(3, 5), "３－５");
        assert_eq!(parse_goal_number(&goal_number(12, 10)), Ok((12, 10)));
        for s in ["3-5", "３－５", "3－5", " 3 - 5 ", "３‐５", "3−5", "3–5"] {
            assert_eq!(parse_goal_number(s), Ok((3, 5)), "{s}");
        }
        let bad = "|3|3-|-5|3-5-1|a-5|3ー5|3--5|+3-5|3 5|99999999999-1";
        assert_errs(parse_goal_number, bad, "「３－５」または「3-5」");
    }

    #[test]
    fn outline_numbers() {
        let paren = ["⑴", "⑵", "⑷", "⒇", "（２１）", "（０）"];
        assert_eq!([1, 2, 4, 20, 21, 0].map(paren_number), paren);
        let circled = ["①", "②", "④", "⑳", "（２１）", "（０）"];
        assert_eq!([1, 2, 4, 20, 21, 0].map(circled_number), circled);
    }
}
