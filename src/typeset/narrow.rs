//! Columns too narrow for their words: a table that does not fit its page.
//!
//! A short text in a table cell breaks between phrases, then between words, and inside a word
//! only when the word is wider than its column (`common.typ.j2`'s `phrased`). Where that
//! happens, the template leaves a mark in the laid-out document with the word, the column's
//! width and the word's; `named-table` marks where each table starts (its caption as printed,
//! its key under council.yaml's `tables:`, its columns' headers) and ends; the column is that of
//! the cell holding the word's mark. Here each table and column is said once, in plain
//! Japanese, at the content line that holds the word, with what to do: turn the table's pages
//! (`tables: {…: {landscape: true}}`), set its text smaller, or drop a column.

use std::collections::BTreeMap;
use std::path::Path;

use typst::foundations::{Content, Dict, Element, Label, Selector, Smart, StyleChain, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::model::TableCell;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::diag::Problem;
use crate::model::{Council, TableLayout};

/// A word wider than its table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Narrow {
    /// The page it is on (from 1).
    pub page: usize,
    /// The table's key under council.yaml's `tables:` (`evaluation`, `member_list`).
    pub table: String,
    /// The table's caption as printed (【表２ 令和６年度の評価結果】), or the document's title.
    pub name: String,
    /// The header of the word's column.
    pub column: String,
    /// The word.
    pub word: String,
    /// The column's width and the word's, in points.
    pub room: f64,
    pub need: f64,
}

/// Every word of a table too wide for its column, in document order (a word laid out twice is
/// listed once).
///
/// In document order, a named table's marks stand before and after it (`named-table`), and a
/// word's mark after the cell that holds it: typst tags every table cell it lays out, so the
/// last cell before the mark is the word's, and its `x` the column. No rule in the markup
/// does this work (a show rule per cell or around a long table slowed every build).
pub fn narrows(doc: &PagedDocument) -> Vec<Narrow> {
    let introspector = doc.introspector();
    let metadata = Selector::Elem(Element::of::<MetadataElem>(), None);
    let marks = introspector.query(&metadata);
    // Most documents have no word too wide: their cells are not looked at.
    if !marks.iter().any(|m| narrow_word(m).is_some()) {
        return Vec::new();
    }
    let cells = Selector::Elem(Element::of::<TableCell>(), None);
    let in_order = introspector.query(&Selector::Or([metadata, cells].into_iter().collect()));
    let (start, end) = (label("shiryo-table"), label("shiryo-table-end"));
    let mut table: Option<&Dict> = None;
    let mut column_index: Option<usize> = None;
    let mut found: Vec<Narrow> = Vec::new();
    for content in in_order.iter() {
        if let Some(cell) = content.to_packed::<TableCell>() {
            column_index = match cell.x.get(StyleChain::default()) {
                Smart::Custom(x) => Some(x),
                Smart::Auto => None,
            };
            continue;
        }
        if content.label().is_some() && content.label() == start {
            table = match &content.to_packed::<MetadataElem>().map(|m| &m.value) {
                Some(Value::Dict(dict)) => Some(dict),
                _ => None,
            };
            column_index = None;
            continue;
        }
        if content.label().is_some() && content.label() == end {
            table = None;
            continue;
        }
        // A word outside a named table (a list, a schedule) is not a table's.
        let (Some(dict), Some(named)) = (narrow_word(content), table) else {
            continue;
        };
        let (Some(key), Some(word)) = (text(named, "table"), text(dict, "word")) else {
            continue;
        };
        let page = content
            .location()
            .and_then(|l| introspector.page(l))
            .map_or(1, |p| p.get());
        let column = match (column_index, named.get("columns")) {
            (Some(x), Ok(Value::Array(columns))) => match columns.at(x as i64, None) {
                Ok(Value::Str(c)) => c.to_string(),
                _ => String::new(),
            },
            _ => String::new(),
        };
        let narrow = Narrow {
            page,
            table: key,
            name: text(named, "name").unwrap_or_default(),
            column,
            word,
            room: number(dict, "room"),
            need: number(dict, "need"),
        };
        if !found
            .iter()
            .any(|n| n.word == narrow.word && n.column == narrow.column && n.name == narrow.name)
        {
            found.push(narrow);
        }
    }
    found
}

/// The label `name`.
fn label(name: &str) -> Option<Label> {
    Label::new(PicoStr::intern(name))
}

/// A narrow word's mark: metadata holding a dictionary with its `word`.
fn narrow_word(content: &Content) -> Option<&Dict> {
    match &content.to_packed::<MetadataElem>()?.value {
        Value::Dict(dict) if dict.contains("word") => Some(dict),
        _ => None,
    }
}

fn text(dict: &Dict, key: &str) -> Option<String> {
    match dict.get(key).ok()? {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

fn number(dict: &Dict, key: &str) -> f64 {
    match dict.get(key) {
        Ok(Value::Float(f)) => *f,
        Ok(Value::Int(i)) => *i as f64,
        _ => 0.0,
    }
}

/// What the laid-out document could not hold: text that sticks out of its cell or off the
/// page ([`super::overflow`]), then table columns too narrow for their words.
pub fn held(
    council: &crate::model::council::CouncilData,
    template: &Path,
    document: &PagedDocument,
) -> Vec<Problem> {
    let mut held = super::overflow::problems(&council.dir, template, document);
    held.extend(problems(&council.dir, &council.council, document));
    held
}

/// How many of a column's words a message names.
const WORDS_SHOWN: usize = 3;

/// One warning for each table column too narrow for a word of it (the document prints, but
/// the word breaks inside), at the content line holding its first such word, else at
/// council.yaml.
pub fn problems(council_dir: &Path, council: &Council, document: &PagedDocument) -> Vec<Problem> {
    // (table, name, column) → its words, in order.
    let mut columns: BTreeMap<(String, String, String), Vec<Narrow>> = BTreeMap::new();
    for n in narrows(document) {
        let key = (n.table.clone(), n.name.clone(), n.column.clone());
        columns.entry(key).or_default().push(n);
    }
    let mut sorted: Vec<_> = columns.into_values().collect();
    sorted.sort_by_key(|words| words[0].page);
    sorted
        .into_iter()
        .map(|words| problem(council_dir, council, &words))
        .collect()
}

/// The warning for one column's words.
fn problem(council_dir: &Path, council: &Council, words: &[Narrow]) -> Problem {
    let first = &words[0];
    let layout = table_layout(council, &first.table);
    let landscape = layout.is_some_and(|l| l.landscape);
    let shown: Vec<String> = words
        .iter()
        .take(WORDS_SHOWN)
        .map(|n| format!("「{}」", n.word.trim()))
        .collect();
    let more = if words.len() > WORDS_SHOWN {
        format!("など {} 語", words.len())
    } else {
        String::new()
    };
    let table = match first.name.trim() {
        "" => "表".to_string(),
        name if name.starts_with('【') => format!("表{name}"),
        name => format!("表「{name}」"),
    };
    let column = match first.column.trim() {
        "" => "列".to_string(),
        c => format!("「{c}」の列"),
    };
    let page = if landscape {
        "横向きのページ"
    } else {
        "縦のページ"
    };
    let message = format!(
        "{} ページの{table}が{page}に入りません: {column}（幅 {:.0} pt）が{}{more}より狭く、語の途中で折り返されます（{:.0} pt 要ります）。",
        first.page,
        first.room,
        shown.join(""),
        first.need,
    );
    let key = &first.table;
    let fewer = match key.as_str() {
        "evaluation" => "、council.yaml の report: columns から列を減らす",
        "member_list" => "、council.yaml の member_list: columns から列を減らす",
        "meetings" => {
            "、council.yaml の report の開催状況の章（section: meetings）の columns から列を減らす"
        }
        _ => "",
    };
    let hint = if landscape {
        format!(
            "council.yaml の tables: {{{key}: {{landscape: true, text_size: 9}}}} のように文字を小さくする{fewer}か、言葉を短くしてください。"
        )
    } else {
        format!(
            "council.yaml に tables: {{{key}: {{landscape: true}}}} と書くと、この表を横向きのページにします。ほかに、文字を小さくする（tables: {{{key}: {{text_size: 9}}}}）{fewer}か、言葉を短くすることもできます。"
        )
    };
    let needle: String = first.word.trim().chars().take(12).collect();
    let found = crate::diag::places::line_written(council_dir, &needle);
    match found {
        Some((file, line)) => Problem::warning(file, message)
            .at(Some(line), None)
            .hint(hint),
        // A word the council did not write (a shipped header): the line that asks for the
        // table's columns, or its tables: entry.
        None => {
            let problem = Problem::warning(council_dir.join("council.yaml"), message).hint(hint);
            match (layout, key.as_str()) {
                (Some(_), _) => problem.field(format!("tables.{key}")),
                (None, "evaluation") if council.report.columns.is_some() => {
                    problem.field("report.columns")
                }
                (None, "member_list") => problem.field("member_list.columns"),
                (None, _) => problem,
            }
        }
    }
}

/// What council.yaml's `tables:` says of the table `key`.
fn table_layout(council: &Council, key: &str) -> Option<TableLayout> {
    let t = &council.tables;
    match key {
        "activities" => t.activities,
        "meetings" => t.meetings,
        "evaluation" => t.evaluation,
        "goals" => t.goals,
        "member_list" => t.member_list,
        "minutes" => t.minutes,
        _ => None,
    }
}
