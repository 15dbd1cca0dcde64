//! Where each value of a YAML file is written: its line and column, found by the value's
//! field path in the spelling problems use (`meetings[3].materials[2].file`, indices from 0,
//! keys as written or in any spelling that means the same key: `results.３－５` is
//! `results.3-5`).
//!
//! The positions are recorded from the parser's events in one pass over the text, as a tree
//! (each node: its place, its parent, the key or index it sits under), so memory grows with
//! the file, not with the length of its paths; a lookup walks the path's segments.
//!
//! Lines and columns are those an editor shows. serde_yaml (libyaml, YAML 1.1) also breaks
//! lines at NEL, LS and PS (U+0085, U+2028, U+2029), and the scan replaces them with line
//! breaks to read what serde reads; Notepad, VS Code and most Windows editors show them
//! inside a line, so positions are counted without them ([`Lines`]).

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// The characters serde_yaml breaks lines at and an editor does not.
const YAML_ONLY_BREAKS: [char; 3] = ['\u{85}', '\u{2028}', '\u{2029}'];

/// `text` as serde_yaml reads its lines: NEL, LS and PS made line breaks. Each is replaced by
/// one character, so character indices are the same in both texts.
pub(crate) fn as_yaml_reads(text: &str) -> Cow<'_, str> {
    if text.contains(YAML_ONLY_BREAKS) {
        text.replace(YAML_ONLY_BREAKS, "\n").into()
    } else {
        text.into()
    }
}

/// Where lines start in a text holding NEL, LS or PS: as YAML counts them and as an editor
/// does. Both count `\n`, `\r\n` and a lone `\r` as one break, as the parser does.
pub(crate) struct Lines {
    /// The character index where each line starts, YAML's count (1-based line n at n - 1).
    yaml: Vec<usize>,
    /// The same, an editor's count.
    editor: Vec<usize>,
}

impl Lines {
    /// The line tables of `text`, or `None` when it holds no NEL, LS or PS (both counts agree).
    pub(crate) fn of(text: &str) -> Option<Lines> {
        if !text.contains(YAML_ONLY_BREAKS) {
            return None;
        }
        let mut lines = Lines {
            yaml: vec![0],
            editor: vec![0],
        };
        let mut chars = text.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
                '\n' | '\r' => {
                    lines.yaml.push(i + 1);
                    lines.editor.push(i + 1);
                }
                c if YAML_ONLY_BREAKS.contains(&c) => lines.yaml.push(i + 1),
                _ => {}
            }
        }
        Some(lines)
    }

    /// The editor's (line, column), both 1-based, of the character at `index`.
    pub(crate) fn at_index(&self, index: usize) -> (usize, usize) {
        let line = self.editor.partition_point(|&start| start <= index).max(1);
        (line, index - self.editor[line - 1] + 1)
    }

    /// The editor's (line, column) of YAML's 1-based `line` and `column`.
    pub(crate) fn editor_place(&self, line: usize, column: usize) -> (usize, usize) {
        match self.yaml.get(line.wrapping_sub(1)) {
            Some(start) => self.at_index(start + column.saturating_sub(1)),
            None => (line, column),
        }
    }
}

/// A step of a field path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Segment {
    /// A mapping's key, normalised (`yaml_scan::normalise_key`).
    Key(Box<str>),
    /// A sequence's item, from 0.
    Index(usize),
}

/// The place of every node of one YAML file, by field path.
#[derive(Debug, Default)]
pub(crate) struct Positions {
    /// Each node's (line, column), 1-based, by node id; the root is 0.
    places: Vec<(u32, u32)>,
    /// The node under each (parent id, segment).
    children: HashMap<(u32, Segment), u32>,
}

/// A mapping or sequence being read.
struct Open {
    /// Its node id, or `None` when it is not recorded (a mapping or sequence used as a key).
    id: Option<u32>,
    mapping: bool,
    /// In a mapping: whether the next node is a key.
    expect_key: bool,
    /// In a mapping: the key whose value comes next, and where the key is written.
    key: Option<(Box<str>, (u32, u32))>,
    /// In a sequence: the index of the next item.
    index: usize,
}

impl Positions {
    /// Records the place of every node of `text`'s first document, as the file's editor
    /// shows it. Stops at the first syntax error (what was read before it is kept).
    pub(crate) fn record(text: &str) -> Positions {
        #[cfg(test)]
        RECORDED.with(|n| n.set(n.get() + 1));
        let yaml = as_yaml_reads(text);
        let lines = Lines::of(text);
        let mut positions = Positions::default();
        let mut stack: Vec<Open> = Vec::new();
        let mut root_seen = false;
        for item in Parser::new_from_str(&yaml) {
            let Ok((event, span)) = item else { break };
            let (line, col) = match &lines {
                Some(lines) => lines.at_index(span.start.index()),
                None => (span.start.line(), span.start.col() + 1),
            };
            let here = (small(line), small(col));
            let collection = match event {
                Event::MappingStart(..) => Some(true),
                Event::SequenceStart(..) => Some(false),
                Event::Scalar(..) | Event::Alias(_) => None,
                Event::SequenceEnd | Event::MappingEnd => {
                    stack.pop();
                    continue;
                }
                Event::DocumentEnd if root_seen => break,
                _ => continue,
            };
            // Where this node sits: its parent and segment, or nowhere (a key, or the root).
            let id = match stack.last_mut() {
                None if root_seen => break,
                None => {
                    root_seen = true;
                    Some(positions.add(None, here))
                }
                Some(parent) if parent.mapping && parent.expect_key => {
                    parent.expect_key = false;
                    parent.key = match &event {
                        Event::Scalar(value, ..) => {
                            Some((normalise_key(value).into_boxed_str(), here))
                        }
                        _ => None,
                    };
                    None
                }
                Some(parent) if parent.mapping => {
                    parent.expect_key = true;
                    match (parent.id, parent.key.take()) {
                        (Some(pid), Some((key, key_place))) => {
                            // A mapping or list under a key is shown at its key's line (its
                            // first item may be lines below), and so is a value left empty
                            // (`1-1:`); a value at the value.
                            let empty = matches!(&event, Event::Scalar(v, ScalarStyle::Plain, ..) if v.is_empty());
                            let place = if collection.is_some() || empty {
                                key_place
                            } else {
                                here
                            };
                            Some(positions.add(Some((pid, Segment::Key(key))), place))
                        }
                        _ => None,
                    }
                }
                Some(parent) => {
                    parent.index += 1;
                    parent.id.map(|pid| {
                        positions.add(Some((pid, Segment::Index(parent.index - 1))), here)
                    })
                }
            };
            if let Some(mapping) = collection {
                stack.push(Open {
                    id,
                    mapping,
                    expect_key: true,
                    key: None,
                    index: 0,
                });
            }
        }
        positions.children.shrink_to_fit();
        positions
    }

    fn add(&mut self, under: Option<(u32, Segment)>, place: (u32, u32)) -> u32 {
        let id = small(self.places.len());
        self.places.push(place);
        if let Some(under) = under {
            self.children.insert(under, id);
        }
        id
    }

    /// The (line, column) of the value at `path` (`meetings[3].materials[2].file`); when
    /// that value is not written, of the nearest one written that holds it
    /// (`meetings[3].date` missing: the meeting itself). `None` when not even the first step
    /// of the path is written.
    pub(crate) fn find(&self, path: &str) -> Option<(usize, usize)> {
        let (node, _) = self.walk(path)?;
        let (line, col) = self.places[node as usize];
        Some((line as usize, col as usize))
    }

    /// The (line, column) of the value at `path`, only when that very value is written.
    pub(crate) fn find_exact(&self, path: &str) -> Option<(usize, usize)> {
        match self.walk(path)? {
            (node, true) => {
                let (line, col) = self.places[node as usize];
                Some((line as usize, col as usize))
            }
            (_, false) => None,
        }
    }

    /// The deepest node written on `path` (not the root), and whether it is the whole path.
    fn walk(&self, path: &str) -> Option<(u32, bool)> {
        if self.places.is_empty() {
            return None;
        }
        let mut node = 0;
        let mut found = None;
        let mut rest = path.strip_prefix('.').unwrap_or(path);
        while !rest.is_empty() {
            let step = if let Some(after) = rest.strip_prefix('[') {
                let (digits, after) = after.split_once(']')?;
                let index = digits.trim().parse().ok()?;
                self.children
                    .get(&(node, Segment::Index(index)))
                    .map(|&child| (child, after))
            } else {
                // A key may itself hold `.` or `[`: the shortest key written at this node
                // that the path goes on from.
                let rest = rest.strip_prefix('.').unwrap_or(rest);
                rest.char_indices()
                    .filter(|&(_, c)| matches!(c, '.' | '['))
                    .map(|(at, _)| at)
                    .chain(std::iter::once(rest.len()))
                    .find_map(|end| {
                        let key = normalise_key(&rest[..end]);
                        self.children
                            .get(&(node, Segment::Key(key.into_boxed_str())))
                            .map(|&child| (child, &rest[end..]))
                    })
            };
            let Some((child, after)) = step else { break };
            node = child;
            found = Some(child);
            rest = after;
        }
        Some((found?, rest.is_empty()))
    }
}

#[cfg(test)]
thread_local! {
    /// How many texts this thread recorded the positions of.
    pub static RECORDED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A count or place that fits the tables (a file has at most 2 MB of text).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Keys that mean the same: full-width letters and digits folded to half-width, the dashes a
/// goal number may be written with made one, spaces ignored, so `１－１`, `1−1` and `1-1`
/// are one key; a goal number is compared as the number it is (`1-01` is `1-1`), as
/// `GoalNo` parses it everywhere else.
pub(crate) fn normalise_key(key: &str) -> String {
    if let Ok((component, seq)) = crate::text::japanese::parse_goal_number(key) {
        return format!("{component}-{seq}");
    }
    crate::text::japanese::halfwidth_digits(key)
        .chars()
        .filter_map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21),
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEETINGS: &str = "\
meetings:
  - number: 1
    materials:
      - title: 委員名簿
        document: r6-meibo
  - number: 2
    materials:
      - title: 次第
        agenda: true
      - title: 委員名簿
    absent: [渡部, 藤原]
";

    #[test]
    fn a_value_is_found_by_its_path_not_by_its_text() {
        let p = Positions::record(MEETINGS);
        assert_eq!(p.find("meetings[1].materials[1]"), Some((10, 9)));
        assert_eq!(p.find("meetings[1].materials[1].title"), Some((10, 16)));
        assert_eq!(p.find("meetings[0].materials[0].title"), Some((4, 16)));
        assert_eq!(p.find("meetings[1].number"), Some((6, 13)));
        assert_eq!(p.find("meetings[1].absent[1]"), Some((11, 18)));
        // A list under a key: the key's line.
        assert_eq!(p.find("meetings[1].materials"), Some((7, 5)));
        assert_eq!(p.find("meetings"), Some((1, 1)));
    }

    #[test]
    fn a_missing_value_is_placed_at_what_holds_it() {
        let p = Positions::record(MEETINGS);
        assert_eq!(p.find("meetings[1].date"), Some((6, 5)));
        assert_eq!(p.find("meetings[1].materials[1].file"), Some((10, 9)));
        assert_eq!(p.find("meetings[7].date"), Some((1, 1)));
        assert_eq!(p.find("members[0]"), None);
        assert_eq!(p.find(""), None);
        assert_eq!(p.find_exact("meetings[1].date"), None);
        assert_eq!(p.find_exact("meetings[1].number"), Some((6, 13)));
    }

    #[test]
    fn keys_in_any_spelling_that_means_the_same() {
        let p = Positions::record(
            "results:\n  １－１: 達成\n  1-02: 未達成\n  2-1:\n\"a.b\": {c: 1}\n",
        );
        assert_eq!(p.find("results.1-1"), Some((2, 8)));
        // A value left empty: at its key.
        assert_eq!(p.find("results.2-1"), Some((4, 3)));
        assert_eq!(p.find("results.１－２"), Some((3, 9)));
        assert_eq!(p.find("a.b.c"), Some((5, 12)));
    }

    #[test]
    fn keys_that_are_collections_and_aliases_are_not_followed() {
        let p = Positions::record("a: &x {b: 1}\n? [k]\n: v\nc: *x\nd: 2\n");
        assert_eq!(p.find("a.b"), Some((1, 11)));
        assert_eq!(p.find("c"), Some((4, 4)));
        assert_eq!(p.find("d"), Some((5, 4)));
    }

    #[test]
    fn line_separators_do_not_count_as_lines() {
        // At the end of a value they change nothing but the count of lines.
        let text = "a: 一\u{2028}\u{2028}\nb:\n  - x\n  - y\u{85}\nc: 1\n";
        let p = Positions::record(text);
        assert_eq!(p.find("b"), Some((2, 1)));
        assert_eq!(p.find("b[1]"), Some((4, 5)));
        assert_eq!(p.find("c"), Some((5, 4)));
        let lines = Lines::of(text).unwrap();
        // YAML's line 4 (`b:`) is the editor's line 2, its line 8 (`c: 1`) the editor's 5.
        assert_eq!(lines.editor_place(4, 1), (2, 1));
        assert_eq!(lines.editor_place(8, 4), (5, 4));
        // A column after a separator counts from the editor's line start.
        assert_eq!(lines.editor_place(2, 1), (1, 6));
        assert!(Lines::of("a: 1\r\nb: 2\n").is_none());
    }

    #[test]
    fn a_large_file_is_recorded_as_a_tree() {
        let mut text = String::from("goals:\n");
        for i in 0..20_000 {
            text.push_str(&format!("  - number: {i}\n    repeats: 1\n"));
        }
        let p = Positions::record(&text);
        assert_eq!(p.places.len(), 1 + 1 + 20_000 * 3);
        assert_eq!(p.find("goals[19999].repeats"), Some((40_001, 14)));
    }
}
