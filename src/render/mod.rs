//! Rendering: minijinja templates under `templates/` turn the document view into Typst markup.
//!
//! Every value a template prints is escaped for Typst markup automatically (a custom
//! auto-escape mode); templates print markup of their own with `|safe` or write it literally.
//! Undefined variables are errors.

pub mod docx;
pub mod html;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use serde::Serialize;
use walkdir::WalkDir;

use crate::diag::Problem;
use crate::text::japanese;

mod problems;
use problems::template_problem;

/// Templates with this ending produce Typst markup and are auto-escaped.
pub const TYPST_TEMPLATE_SUFFIX: &str = ".typ.j2";
/// Instructions one rendering may run: some hundred times what the largest sample needs.
pub const TEMPLATE_FUEL: u64 = 50_000_000;
const TYPST_ESCAPE: AutoEscape = AutoEscape::Custom("typst");

/// One set of templates and their environment: the shipped `templates/`, or those with a
/// council's own `content/<council>/templates/` laid over them (a council's file replaces the
/// shipped file of the same name, for that council only).
pub struct Renderer {
    env: Environment<'static>,
    /// Template name → its file and text.
    sources: BTreeMap<String, (PathBuf, String)>,
    /// Where a missing template would be looked for first (the last layer).
    dir: PathBuf,
}

/// The shipped templates and every council's own layer over them.
pub struct Templates {
    pub shipped: Renderer,
    /// Council folder → the shipped templates with that council's laid over them.
    pub councils: BTreeMap<PathBuf, Renderer>,
}

/// The name prefix under which the shipped templates stay reachable from a council's own
/// (`{% extends "shipped/agenda.typ.j2" %}`).
pub const SHIPPED_PREFIX: &str = "shipped/";

/// The folder of a council's own templates, beside its council.yaml.
pub const COUNCIL_TEMPLATES: &str = "templates";

impl Templates {
    /// Loads `templates/` under `root`, and each council's `content/<council>/templates/`.
    pub fn load(root: &Path) -> Result<Templates, Problem> {
        let shipped_dir = root.join("templates");
        let shipped = Renderer::load_layers(root, &[&shipped_dir])?;
        let mut councils = BTreeMap::new();
        let content = root.join("content");
        let dirs = WalkDir::new(&content)
            .max_depth(crate::limits::MAX_COUNCIL_DEPTH + 1)
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !crate::load::files::is_junk(&e.file_name().to_string_lossy())
            })
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_dir() && e.file_name() == COUNCIL_TEMPLATES)
            .filter(|e| e.path().with_file_name("council.yaml").is_file())
            .map(|e| e.into_path());
        for dir in dirs {
            let layered = Renderer::load_layers(root, &[&shipped_dir, &dir])?;
            if let Some(council) = dir.parent() {
                councils.insert(council.to_path_buf(), layered);
            }
        }
        Ok(Templates { shipped, councils })
    }

    /// The templates a council's documents use.
    pub fn for_council(&self, council_dir: &Path) -> &Renderer {
        self.councils.get(council_dir).unwrap_or(&self.shipped)
    }
}

impl Renderer {
    /// Loads every template under `dir` (files inside `root` only).
    pub fn load(dir: &Path) -> Result<Renderer, Problem> {
        Renderer::load_layers(dir.parent().unwrap_or(dir), &[dir])
    }

    /// Loads the templates under each of `dirs` in turn; a later folder's file replaces an
    /// earlier one of the same name.
    pub fn load_layers(root: &Path, dirs: &[&Path]) -> Result<Renderer, Problem> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(TYPST_TEMPLATE_SUFFIX) {
                TYPST_ESCAPE
            } else if name.ends_with(crate::render::html::HTML_TEMPLATE_SUFFIX) {
                AutoEscape::Html
            } else if name.ends_with(crate::render::docx::DOCX_TEMPLATE_SUFFIX) {
                crate::render::docx::WORD_ESCAPE
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            if state.auto_escape() == TYPST_ESCAPE && !value.is_safe() {
                if value.is_none() {
                    return Ok(());
                }
                let text = match value.as_str() {
                    Some(s) => s.to_string(),
                    None => value.to_string(),
                };
                // A council that writes half-width digits gets them in every value printed,
                // dates and numbers from the filters included.
                let text = if crate::render::html::half_width_digits(state) {
                    japanese::ascii_numbers(&text)
                } else {
                    text
                };
                out.write_str(&escape_markup(&text))
                    .map_err(|_| Error::new(ErrorKind::WriteFailure, "write failed"))
            } else if state.auto_escape() == AutoEscape::Html {
                // Never the Typst escaping: HTML's own, with the same digits.
                crate::render::html::format(
                    out,
                    value,
                    crate::render::html::half_width_digits(state),
                )
            } else if state.auto_escape() == crate::render::docx::WORD_ESCAPE {
                crate::render::docx::format(
                    out,
                    value,
                    crate::render::html::half_width_digits(state),
                )
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        register_filters(&mut env);
        crate::render::html::register_filters(&mut env);
        crate::render::docx::register_filters(&mut env);
        // Errors carry the values their expression referenced: a missing name is reported
        // with the names that are there.
        env.set_debug(true);
        // A template that loops without end runs out of fuel instead of hanging the build.
        env.set_fuel(Some(TEMPLATE_FUEL));

        let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        for (layer, dir) in dirs.iter().enumerate() {
            if !dir.is_dir() {
                return Err(Problem::error(*dir, "templates フォルダが見つかりません。"));
            }
            let mut files: Vec<PathBuf> = WalkDir::new(dir)
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !crate::load::files::is_junk(&e.file_name().to_string_lossy())
                })
                .filter_map(Result::ok)
                // Links, pipes and devices are read too: `files` refuses each with its name
                // (one leading out of the project; a pipe that would never end), where
                // skipping it would use the shipped template instead, or none.
                .filter(|e| !e.file_type().is_dir())
                .map(|e| e.into_path())
                .filter(|p| p.extension().is_some_and(|e| e == "j2"))
                .collect();
            files.sort();
            for path in files {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = crate::load::files::read_text(root, &path)?;
                // The shipped layer stays reachable as `shipped/<name>`: a council's template of
                // the same name can extend or include it instead of copying it whole.
                if layer == 0 {
                    sources.insert(
                        format!("{SHIPPED_PREFIX}{name}"),
                        (path.clone(), text.clone()),
                    );
                }
                sources.insert(name, (path, text));
            }
        }
        for (name, (_, text)) in &sources {
            env.add_template_owned(name.clone(), text.clone())
                .map_err(|e| template_problem(&sources, &e))?;
        }
        Ok(Renderer {
            env,
            sources,
            dir: dirs.last().map(|d| d.to_path_buf()).unwrap_or_default(),
        })
    }

    /// Renders `template` (e.g. `annual_report.typ.j2`) with `context`.
    pub fn render(&self, template: &str, context: impl Serialize) -> Result<String, Problem> {
        let tmpl = self.env.get_template(template).map_err(|_| {
            Problem::error(
                self.dir.join(template),
                format!("テンプレート {template} が見つかりません。"),
            )
            .hint(format!(
                "templates フォルダにあるテンプレート: {}",
                self.sources
                    .keys()
                    .filter(|n| !n.starts_with(SHIPPED_PREFIX))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        tmpl.render(context)
            .map_err(|e| template_problem(&self.sources, &e))
    }

    /// The file a template was read from.
    pub fn file_of(&self, template: &str) -> PathBuf {
        self.sources
            .get(template)
            .map(|(p, _)| p.clone())
            .unwrap_or_else(|| self.dir.join(template))
    }
}

impl Renderer {
    /// The template line most likely to have produced `generated` (a line of markup): the one
    /// whose literal text, around its `{{ … }}` and `{% … %}` tags, appears in it in order.
    /// Returns the template file and its 1-based line.
    pub fn origin_of(&self, generated: &str) -> Option<(PathBuf, usize)> {
        let mut best: Option<(usize, PathBuf, usize)> = None;
        let typst = self
            .sources
            .iter()
            .filter(|(name, _)| name.ends_with(TYPST_TEMPLATE_SUFFIX));
        for (_, (file, text)) in typst {
            for (i, line) in text.lines().enumerate() {
                let literals = literal_parts(line);
                let weight: usize = literals.iter().map(|l| l.chars().count()).sum();
                if weight < 3 || !appears_in_order(&literals, generated) {
                    continue;
                }
                if best.as_ref().is_none_or(|(w, _, _)| weight > *w) {
                    best = Some((weight, file.clone(), i + 1));
                }
            }
        }
        best.map(|(_, file, line)| (file, line))
    }
}

/// The literal pieces of a template line, tags removed.
fn literal_parts(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = line.trim();
    while let Some(start) = ["{{", "{%", "{#"].iter().filter_map(|t| rest.find(t)).min() {
        parts.push(&rest[..start]);
        let close = match &rest[start + 1..start + 2] {
            "{" => "}}",
            "%" => "%}",
            _ => "#}",
        };
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + 2..],
            None => {
                rest = "";
                break;
            }
        }
    }
    parts.push(rest);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn appears_in_order(parts: &[&str], text: &str) -> bool {
    let mut at = 0;
    for p in parts {
        match text[at..].find(p) {
            Some(i) => at += i + p.len(),
            None => return false,
        }
    }
    true
}

/// Escapes text for Typst markup so that it prints verbatim and runs nothing.
///
/// - every ASCII punctuation character is backslash-escaped, so no markup, code, math,
///   comment, label or reference can start;
/// - line breaks become `#linebreak()`, so the generated source never breaks a Japanese
///   paragraph (a source newline would print as a space, typst issue 792);
/// - control characters, which nothing can print, are dropped;
/// - runs of full-width digits (５０, １０：００, ３－５) are wrapped in `#box[…]` so a line
///   break never splits them;
/// - a short text of Japanese ([`breaks::phrases`]) is cut into phrases, their parts and the parts'
///   pieces: `#[…]<ph>` holding `#[…]<pt>` holding `#[…]<pc>` (a level of one is left out:
///   `#[設置]<ph>`). Inert where text runs as prose; where a template sets a text `phrased`
///   (common.typ.j2) each is kept on one line where it fits.
pub fn escape_markup(text: &str) -> String {
    let Some(phrases) = crate::text::breaks::phrases(text) else {
        return escape_units(text);
    };
    // One phrase of one part of one piece: nothing to keep whole beyond what fits (and a long
    // table of short values stays light: no labels to show).
    if let [phrase] = &phrases[..]
        && let [part] = &phrase[..]
        && part.len() == 1
    {
        return escape_digits(text);
    }
    // The whole text in a content block of its own: a label at the top level of a heading's
    // line (`= #[…]<ph> …`) would end the heading there.
    let mut out = String::with_capacity(text.len() * 2 + 16);
    out.push_str("#[");
    for phrase in phrases {
        let whole = phrase.concat().concat();
        if whole.starts_with(char::is_whitespace) {
            escape_plain(&whole, &mut out);
            continue;
        }
        out.push_str("#[");
        if let [part] = &phrase[..] {
            escape_pieces(part, &mut out);
        } else {
            for part in &phrase {
                out.push_str("#[");
                escape_pieces(part, &mut out);
                out.push_str("]<pt>");
            }
        }
        out.push_str("]<ph>");
    }
    out.push(']');
    out
}

/// A text too long to cut: its units (a name, a date, a number with its unit) `#[…]<ph>`, as
/// phrases are, the rest as prose.
fn escape_units(text: &str) -> String {
    let Some(units) = crate::text::breaks::units(text) else {
        return escape_digits(text);
    };
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str("#[");
    for (unit, run) in units {
        if unit {
            out.push_str("#[");
            out.push_str(&escape_digits(run));
            out.push_str("]<ph>");
        } else {
            out.push_str(&escape_digits(run));
        }
    }
    out.push(']');
    out
}

/// The pieces of a part: `#[…]<pc>` each, or the one piece as it is.
fn escape_pieces(part: &[&str], out: &mut String) {
    if let [piece] = part {
        out.push_str(&escape_digits(piece));
        return;
    }
    for piece in part {
        out.push_str("#[");
        out.push_str(&escape_digits(piece));
        out.push_str("]<pc>");
    }
}

/// `escape_markup` without phrases: digit runs boxed.
fn escape_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (run, piece) in japanese::digit_runs(text) {
        if run {
            out.push_str("#box[");
            out.push_str(piece);
            out.push(']');
        } else {
            escape_plain(piece, &mut out);
        }
    }
    out
}

/// `escape_markup` of text without digit runs.
fn escape_plain(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\r' if chars.get(i + 1) == Some(&'\n') => {}
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push_str("#linebreak()");
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// The text that `escape_markup` made `markup` from: `#box[…]` and phrases unwrapped,
/// `#linebreak()` a space, backslash escapes undone. Markup written in a template is kept as it is.
pub fn markup_to_plain(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    // `#[` opened and not yet closed (every `]` of a value is escaped: `\]`).
    let mut open = 0usize;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("#box[")
            && let Some(end) = r.find(']')
            && r[..end]
                .chars()
                .all(|c| japanese::is_fw_digit(c) || japanese::is_fw_joiner(c))
        {
            out.push_str(&r[..end]);
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix("#linebreak()") {
            out.push(' ');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("#[") {
            // A cut text's, a phrase's, a part's or a piece's bracket.
            open += 1;
            rest = r;
        } else if c == ']' && open > 0 {
            open -= 1;
            rest = &rest[1..];
            for label in ["<ph>", "<pt>", "<pc>"] {
                rest = rest.strip_prefix(label).unwrap_or(rest);
            }
        } else if c == '\\'
            && let Some(next) = rest[1..].chars().next()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            rest = &rest[1 + next.len_utf8()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A Typst string literal (for code positions such as `image("…")`).
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Nothing can print them, and XML metadata (the PDF's title) cannot hold them.
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn filter_error(e: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, e)
}

fn date_arg(s: &str) -> Result<time::Date, Error> {
    japanese::parse_date(s).map_err(filter_error)
}

fn time_arg(s: &str) -> Result<japanese::ClockTime, Error> {
    japanese::parse_time(s).map_err(filter_error)
}

/// Filters that take any value still refuse an undefined one (strict undefined applies to
/// printing, not to filter arguments).
fn defined(v: Value) -> Result<Value, Error> {
    if v.is_undefined() {
        Err(Error::new(ErrorKind::UndefinedError, "undefined value"))
    } else {
        Ok(v)
    }
}

/// The Japanese formatting filters templates use.
fn register_filters(env: &mut Environment<'static>) {
    env.add_filter("wareki", |s: String| {
        date_arg(&s).map(japanese::wareki_date)
    });
    env.add_filter("wareki_month", |s: String| {
        date_arg(&s).map(japanese::wareki_month)
    });
    env.add_filter("weekday", |s: String| date_arg(&s).map(japanese::weekday));
    // `year | fiscal_year` or `year | fiscal_year(doc_date)`: named as on the document's date
    // (a 次第 of 2019-04-25 is for 平成３１年度).
    let as_of = |d: Option<String>| d.as_deref().map(date_arg).transpose();
    env.add_filter("fiscal_year", move |y: i32, on: Option<String>| {
        japanese::fiscal_year_as_of(y, as_of(on)?).map_err(filter_error)
    });
    env.add_filter("fiscal_year_short", move |y: i32, on: Option<String>| {
        japanese::fiscal_year_short(y, as_of(on)?).map_err(filter_error)
    });
    // `start | time_as(council.style.time or "午後３時")`: a time in a house style, named by
    // what 15:00 looks like in it (see `model::TimeStyle`).
    env.add_filter("time_as", |s: String, style: String| {
        let t = time_arg(&s)?;
        let style = crate::model::TimeStyle::ALL
            .into_iter()
            .find(|st| st.name() == style)
            .ok_or_else(|| {
                filter_error(format!(
                    "時刻の書き方「{style}」はありません（{}）",
                    crate::model::TimeStyle::ALL.map(|s| s.name()).join(" / ")
                ))
            })?;
        Ok(style.format(t))
    });
    // `n | item_number(depth, council.style.numbering)`: an agenda item's number in the
    // council's scheme (`model::Numbering`, the rule the `minutes:` layout uses too).
    env.add_filter("item_number", |n: u32, depth: usize, scheme: String| {
        serde_json::from_value::<crate::model::Numbering>(serde_json::Value::String(scheme.clone()))
            .map(|numbering| numbering.number(depth, n))
            .map_err(|_| filter_error(format!("番号の付け方「{scheme}」はありません")))
    });
    env.add_filter("time_ja", |s: String| time_arg(&s).map(japanese::time_ja));
    env.add_filter("clock", |s: String| time_arg(&s).map(japanese::time_clock));
    env.add_filter("time_hour", |s: String| {
        time_arg(&s).map(japanese::time_hour)
    });
    env.add_filter("zen", |v: Value| {
        defined(v).map(|v| japanese::fullwidth(&v.to_string()))
    });
    env.add_filter("paren_number", japanese::paren_number);
    env.add_filter("circled_number", japanese::circled_number);
    env.add_filter("katakana_number", japanese::katakana_number);
    // A value as a Typst string literal (the PDF's title and author), in the council's digits
    // as every value the formatter prints.
    env.add_filter("typst_str", |state: &minijinja::State, v: Value| {
        defined(v).map(|v| {
            let text = v.to_string();
            let text = if crate::render::html::half_width_digits(state) {
                japanese::ascii_numbers(&text)
            } else {
                text
            };
            Value::from_safe_string(typst_string(&text))
        })
    });
    // Markup a macro produced back to the plain text it was escaped from, for places that take
    // plain text: the PDF's title. Values pass as they are.
    env.add_filter("plain", |v: Value| {
        defined(v).map(|v| match v.as_str() {
            Some(s) if v.is_safe() => Value::from(markup_to_plain(s)),
            _ => v,
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(escape_digits("#let x = 1"), "\\#let x \\= 1");
        assert_eq!(escape_digits("*a* _b_ `c`"), "\\*a\\* \\_b\\_ \\`c\\`");
        assert_eq!(escape_digits("// c"), "\\/\\/ c");
        assert_eq!(escape_digits("a\nb"), "a#linebreak()b");
        assert_eq!(escape_digits("a\r\nb"), "a#linebreak()b");
        assert_eq!(escape_digits("x\u{7}y"), "xy");
        // The same in phrases: the escapes inside, the line break between.
        assert_eq!(escape_markup("#let"), "#let".replace('#', "\\#"));
        assert_eq!(
            escape_markup("あ\r\nい"),
            "#[#[あ]<ph>#linebreak()#[い]<ph>]"
        );
    }

    #[test]
    fn boxes_full_width_number_runs() {
        assert_eq!(escape_digits("５０名"), "#box[５０]名");
        assert_eq!(escape_digits("年１回"), "年１回");
        assert_eq!(
            escape_digits("３－５と１０：００"),
            "#box[３－５]と#box[１０：００]"
        );
        assert_eq!(escape_digits("３－"), "３－");
        assert_eq!(escape_markup("５０名"), "#box[５０]名");
    }

    /// A short text comes as phrases of parts; a long one (prose) as it is.
    #[test]
    fn short_texts_in_phrases() {
        assert_eq!(
            escape_markup("協議の場の設置"),
            "#[#[協議の]<ph>#[場の]<ph>#[設置]<ph>]"
        );
        assert_eq!(
            escape_markup("にも包括構成要素"),
            "#[#[にも]<ph>#[#[#[包括]<pc>#[構成]<pc>]<pt>#[要素]<pt>]<ph>]"
        );
        assert_eq!(escape_markup("高橋 美智子"), "#[#[高橋]<ph> #[美智子]<ph>]");
        let prose = "協議の場の設置について、年２回以上の開催を目指すこととします。";
        assert_eq!(
            escape_markup(prose),
            "#[協議の場の設置について、#[年２回]<ph>以上の開催を目指すこととします。]"
        );
        let plain = "協議の場の設置について、あらためて検討することとします。";
        assert_eq!(escape_markup(plain), plain);
    }

    #[test]
    fn literal_parts_skip_tags_but_keep_typst_braces() {
        assert_eq!(
            literal_parts("#let f(x) = { x } {{ a }} mid {% if b %}end{% endif %}"),
            vec!["#let f(x) = { x }", "mid", "end"]
        );
    }

    #[test]
    fn undefined_values_are_errors_even_through_filters() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("t.typ.j2"),
            "#image({{ x.missing | typst_str }})",
        )
        .unwrap();
        let r = Renderer::load(dir.path()).unwrap();
        let err = r
            .render("t.typ.j2", serde_json::json!({"x": {}}))
            .unwrap_err();
        assert!(err.message.contains("内容にない値"), "{}", err.message);
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn markup_back_to_plain_text() {
        for text in [
            "令和１０年度 第１２回（仮称）協議会",
            "a*b_c#d\\e[f]",
            "３－５：１０，０００",
            "にも包括構成要素",
            "見出し]<ph>#[x]",
            "高橋 美智子（５月２２日）",
        ] {
            assert_eq!(markup_to_plain(&escape_markup(text)), text);
        }
        assert_eq!(markup_to_plain(&escape_markup("一\n二")), "一 二");
    }

    #[test]
    fn a_missing_name_lists_the_names_there() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("templates");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(
            t.join("x.typ.j2"),
            "{% set m = meeting %}\nA {{ m.place }} B\n",
        )
        .unwrap();
        let r = Renderer::load(&t).unwrap();
        let view = serde_json::json!({"meeting": {"number": 1, "venue": "x", "format": "online"}});
        let p = r.render("x.typ.j2", &view).unwrap_err();
        assert_eq!(
            p.message,
            "テンプレートで、内容にない値 m.place が使われています。"
        );
        assert_eq!(p.line, Some(2));
        let hint = p.hint.unwrap();
        assert!(
            hint.contains("m にある名前: format, number, venue"),
            "{hint}"
        );
    }

    #[test]
    fn typst_strings() {
        assert_eq!(typst_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
