//! A first pass over a YAML file's events, before serde builds any value from it.
//!
//! serde_yaml builds values straight from the text: an alias fanned out a million times, or
//! a mapping that names the same key twice, reach the content model before anything can look
//! at them. This pass reads the event stream (saphyr-parser: positions, anchors, no values
//! built) and refuses, with the line:
//! - nesting deeper than [`MAX_DEPTH`];
//! - more than [`MAX_NODES`] nodes or [`MAX_SCALAR_BYTES`] bytes of text once aliases
//!   (`*name`) are expanded, the size of what serde would build;
//! - a key written twice in one mapping, in any spelling that means the same key
//!   (`1-1` and `１－１`).
//!
//! Its cost is linear in the file: an alias adds its anchor's size, computed once.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError};

use crate::diag::Problem;
use crate::diag::positions::normalise_key;
use crate::diag::positions::{Lines, as_yaml_reads};

/// Nesting deeper than this is refused.
pub(crate) const MAX_DEPTH: usize = crate::limits::MAX_YAML_DEPTH;
/// Nodes (values, lists, mappings) a file may hold, aliases expanded.
pub(crate) const MAX_NODES: u64 = 200_000;
/// Bytes of text a file may hold, aliases expanded: no more than a file may hold written out
/// (aliases must not let a small file print what a large one could not).
pub(crate) const MAX_SCALAR_BYTES: u64 = crate::limits::MAX_TEXT_BYTES;

/// The size of what serde would build: nodes and bytes of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Size {
    nodes: u64,
    bytes: u64,
}

/// An open mapping or sequence.
struct Open {
    anchor: usize,
    /// `total` when it opened.
    start: Size,
    mapping: bool,
    /// In a mapping: whether the next node is a key.
    expect_key: bool,
    /// In a mapping: each key seen (normalised) → the line it is on, as written.
    keys: HashMap<String, (usize, String)>,
    /// The path segment this collection is under (for messages).
    segment: String,
    /// In a mapping: the key whose value comes next.
    pending_key: Option<String>,
    /// In a sequence: the index of the next item.
    index: usize,
}

/// Scans `text`; returns how many nodes it holds, or the first problem found (its `file`
/// empty, for the caller to fill in).
pub(crate) fn scan(text: &str) -> Result<u64, Problem> {
    let mut total = Size::default();
    let mut anchors: HashMap<usize, Option<Size>> = HashMap::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut documents = 0;
    if let Some(p) = control_character(text) {
        return Err(p);
    }
    // serde_yaml (libyaml, YAML 1.1) breaks lines at NEL, LS and PS as well; YAML 1.2 parsers
    // do not. Scan what serde_yaml will read, and say where as the editor shows it.
    let lines = Lines::of(text);
    let place = |m: &Marker| match &lines {
        Some(lines) => lines.at_index(m.index()),
        None => (m.line(), m.col() + 1),
    };
    for item in Parser::new_from_str(&as_yaml_reads(text)) {
        let (event, span) = item.map_err(|e| {
            let at = place(e.marker());
            syntax_problem(e, at)
        })?;
        let (line, col) = place(&span.start);
        let at = |p: Problem| p.at(Some(line), Some(col));
        // What this node adds, and its key if it is a mapping key.
        let mut scalar_key = None;
        let tagged = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, tag)
            | Event::MappingStart(_, tag) => tag.is_some(),
            _ => false,
        };
        if tagged {
            return Err(at(Problem::error(
                "",
                "「!」で始まる型の指定（!!binary など）は使えません。",
            )
            .hint("「!」を消すか、値全体を \"…\" で囲んでください。")));
        }
        if matches!(event, Event::DocumentStart(_)) {
            documents += 1;
            if documents > 1 {
                return Err(at(Problem::error(
                    "",
                    "１つのファイルに「---」で区切った内容が２つ以上あります。",
                )
                .hint("「---」から後を消すか、別のファイルに分けてください。")));
            }
        }
        if let Event::Scalar(value, ScalarStyle::Plain, _, _) = &event
            && let Some(p) = non_decimal_number(value)
        {
            return Err(at(p));
        }
        match &event {
            Event::Scalar(value, _, anchor, _) => {
                let size = Size {
                    nodes: 1,
                    bytes: value.len() as u64,
                };
                add(&mut total, size);
                if *anchor != 0 {
                    anchors.insert(*anchor, Some(size));
                }
                scalar_key = Some(value.to_string());
            }
            Event::Alias(id) => match anchors.get(id) {
                Some(Some(size)) => add(&mut total, *size),
                Some(None) => {
                    return Err(at(Problem::error(
                        "",
                        "別名（*）が、それ自身を含む値を指しています。",
                    )
                    .hint("別名（& と *）を使わずに、値をそのまま書いてください。")));
                }
                None => {} // the parser reports unknown anchors itself
            },
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                add(&mut total, Size { nodes: 1, bytes: 0 });
                if stack.len() >= MAX_DEPTH {
                    return Err(at(Problem::error(
                        "",
                        format!("入れ子が深すぎます（{MAX_DEPTH} 段まで）。"),
                    )
                    .hint("「[」「{」の閉じ忘れや、字下げ（行頭の空白）の誤りがないか確かめてください。")));
                }
                if *anchor != 0 {
                    anchors.insert(*anchor, None);
                }
            }
            _ => {}
        }
        if total.nodes > MAX_NODES || total.bytes > MAX_SCALAR_BYTES {
            return Err(at(Problem::error(
                "",
                format!(
                    "内容が多すぎます（別名 * を展開すると、値 {} 個・文字 {} を超えます）。",
                    MAX_NODES,
                    crate::load::files::size_words(MAX_SCALAR_BYTES)
                ),
            )
            .hint(
                "別名（& と *）をくり返し使っていないか確かめ、ファイルを分けてください。",
            )));
        }
        let is_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        // The node takes its place in the enclosing collection.
        let mut segment = String::new();
        if is_node && let Some((parent, ancestors)) = stack.split_last_mut() {
            if parent.mapping {
                if parent.expect_key {
                    let shown = scalar_key.clone().unwrap_or_default();
                    if let Some(key) = scalar_key.as_deref().map(normalise_key) {
                        if let Some((first, first_shown)) = parent.keys.get(&key) {
                            let path = path_of(ancestors, &parent.segment, &shown);
                            let same = if *first_shown == shown {
                                format!("「{shown}」")
                            } else {
                                format!("「{first_shown}」と「{shown}」（同じ項目です）")
                            };
                            return Err(at(Problem::error(
                                "",
                                format!("同じ項目{same}が２回書かれています（{first} 行目と {line} 行目）。"),
                            )
                            .field(path)
                            .hint("どちらか一方を消してください（どちらを使うかは shiryo には決められません）。")));
                        }
                        parent.keys.insert(key, (line, shown.clone()));
                    }
                    parent.pending_key = Some(shown);
                } else {
                    segment = parent.pending_key.take().unwrap_or_default();
                }
                parent.expect_key = !parent.expect_key;
            } else {
                segment = format!("[{}]", parent.index);
                parent.index += 1;
            }
        }
        match event {
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                stack.push(Open {
                    anchor,
                    start: total,
                    mapping: matches!(event, Event::MappingStart(..)),
                    expect_key: true,
                    keys: HashMap::new(),
                    segment,
                    pending_key: None,
                    index: 0,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(open) = stack.pop()
                    && open.anchor != 0
                {
                    let size = Size {
                        nodes: total.nodes - open.start.nodes + 1,
                        bytes: total.bytes - open.start.bytes,
                    };
                    anchors.insert(open.anchor, Some(size));
                }
            }
            _ => {}
        }
    }
    Ok(total.nodes)
}

/// The first control character in the text (other than tab and line breaks, NEL among them),
/// with its line and column: one pasted from another program is invisible in an editor, and
/// the parser would blame something else (a NUL byte reads as 「タブ文字」 to it).
fn control_character(text: &str) -> Option<Problem> {
    for (i, line) in text.lines().enumerate() {
        if let Some(col) = line
            .chars()
            .position(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{85}'))
        {
            return Some(
                Problem::error(
                    "",
                    format!(
                        "{} 行目の {} 文字目に目に見えない文字（制御文字）があります。",
                        i + 1,
                        col + 1
                    ),
                )
                .at(Some(i + 1), Some(col + 1))
                .hint("ほかのソフトから貼り付けたときに紛れ込むことがあります。その文字を消してください（見えないときは、前後の数文字を消して打ち直します）。"),
            );
        }
    }
    None
}

/// An unquoted `0x23`, `0o43` or `0b101`: serde_yaml reads it as a number in another base
/// (35, 35, 5) without a word. Nobody means that in a council's document.
fn non_decimal_number(value: &str) -> Option<Problem> {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    let (radix, rest) = match digits.get(..2) {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ => return None,
    };
    let lead = &digits[..2];
    let read = u128::from_str_radix(rest, radix).ok()?;
    Some(
        Problem::error(
            "",
            format!("「{value}」は、{lead} で始まるため、別の数（{read}）と読まれてしまいます。"),
        )
        .hint(format!(
            "数はふつうの書き方（{read} など）で書いてください。文字として書くときは \"{value}\" のように \"…\" で囲みます。"
        )),
    )
}

/// The characters a double-quoted value holds that its text does not: those written as
/// escapes (`"\uFFFE"`, `"\U0001F600"`, `"\x07"`), with the line and column where the value
/// starts. The printable check looks at these as well as at the text itself, so a
/// character no font has is found at its YAML line whichever way it was written.
pub(crate) fn escaped_chars(text: &str) -> Vec<(usize, usize, char)> {
    let mut out = Vec::new();
    if !text.contains('\\') {
        return out;
    }
    let chars: Vec<char> = text.chars().collect();
    for (event, span) in Parser::new_from_str(text).map_while(Result::ok) {
        let Event::Scalar(value, ScalarStyle::DoubleQuoted, _, _) = event else {
            continue;
        };
        let raw = &chars[span.start.index().min(chars.len())..span.end.index().min(chars.len())];
        if !raw.contains(&'\\') {
            continue;
        }
        for c in value.chars() {
            if !raw.contains(&c) && !matches!(c, '\n' | '\t' | ' ') {
                out.push((span.start.line(), span.start.col() + 1, c));
            }
        }
    }
    out.dedup();
    out
}

fn add(total: &mut Size, size: Size) {
    total.nodes = total.nodes.saturating_add(size.nodes);
    total.bytes = total.bytes.saturating_add(size.bytes);
}

/// The field path of `key` in the open collections (`ancestors`, then the mapping whose
/// segment is `last`): `meetings[2].venue`.
fn path_of(ancestors: &[Open], last: &str, key: &str) -> String {
    let mut path = String::new();
    let segments = ancestors
        .iter()
        .skip(1)
        .map(|o| o.segment.as_str())
        .chain((!ancestors.is_empty()).then_some(last));
    for segment in segments.chain(std::iter::once(key)) {
        if !segment.starts_with('[') && !path.is_empty() {
            path.push('.');
        }
        path.push_str(segment);
    }
    path
}

fn syntax_problem(e: ScanError, (line, col): (usize, usize)) -> Problem {
    let (message, hint) = crate::diag::yaml_words::explain(e.info());
    let mut p = Problem::error("", message).at(Some(line), Some(col));
    p.hint = hint;
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_keys_in_either_spelling() {
        let err = scan("results:\n  1\u{2212}1: 達成\n  1-2: 達成\n  1-1: 未達成\n").unwrap_err();
        assert!(err.message.contains("2 行目と 4 行目"), "{}", err.message);
        let err = scan("results:\n  1-1: 達成\n  １－１: 未達成\n").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("2 行目と 3 行目"), "{}", err.message);
        assert!(
            err.message.contains("「1-1」と「１－１」"),
            "{}",
            err.message
        );
        assert_eq!(err.field.as_deref(), Some("results.１－１"));
        let err = scan("meetings:\n  - number: 1\n    venue: a\n    venue: b\n").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("meetings[0].venue"));
        // The same key in two mappings is fine.
        scan("- a: 1\n- a: 2\n").unwrap();
    }

    #[test]
    fn alias_fan_out_is_measured_not_built() {
        let mut bomb = String::from("a: &a [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]\n");
        let names: Vec<String> = (0..30).map(|i| format!("n{i}")).collect();
        let mut prev = "a".to_string();
        for name in &names {
            bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}]\n"));
            prev = name.clone();
        }
        let started = std::time::Instant::now();
        let err = scan(&bomb).unwrap_err();
        assert!(started.elapsed().as_secs() < 2);
        assert!(err.message.contains("多すぎます"), "{}", err.message);
        assert!(err.line.is_some());
    }

    #[test]
    fn deep_nesting_stops_early() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let started = std::time::Instant::now();
        let err = scan(&deep).unwrap_err();
        assert!(started.elapsed().as_secs() < 2);
        assert!(
            err.message.contains("入れ子が深すぎます"),
            "{}",
            err.message
        );
    }

    #[test]
    fn tags_and_second_documents_are_refused() {
        let e = scan("venue: !!binary 5pys5bqB\n").unwrap_err();
        assert!(e.message.contains("!!binary"), "{}", e.message);
        let e = scan("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn control_characters_and_other_bases_are_named_at_their_place() {
        let e = scan("a: 1\nvenue: 会議\u{0}室\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(10)));
        assert!(e.message.contains("目に見えない文字"), "{}", e.message);
        assert!(!e.message.contains("U+"), "{}", e.message);
        let e = scan("public:\n  viewers: 0x23\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("35"), "{}", e.message);
        assert!(scan("viewers: 0o43\n").is_err());
        // Quoted, or a word that is no number, it is text.
        scan("code: \"0x23\"\nname: 0xfeed様\nn: 035\n").unwrap();
    }

    #[test]
    fn escaped_characters_are_found_where_the_value_starts() {
        let found = escaped_chars("a: 1\nvenue: \"会議室\\uFFFE\"\nb: \"\\U0001F600 と \\\\\"\n");
        assert_eq!(found, vec![(2, 8, '\u{FFFE}'), (3, 4, '\u{1F600}')]);
        assert!(escaped_chars("a: '\\uFFFE'\nb: c\\u3042\n").is_empty());
    }

    #[test]
    fn ordinary_aliases_pass() {
        scan("a: &a {x: 1}\nb: *a\nc: *a\n").unwrap();
    }
}
