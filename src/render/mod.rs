//! Rendering: minijinja templates under `templates/` turn the document view into Typst markup.
//!
//! Every value a template prints is escaped for Typst markup automatically (a custom
//! auto-escape mode); templates print markup of their own with `|safe` or write it literally.
//! Undefined variables are errors.

pub(crate) mod docx;
pub(crate) mod html;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use serde::Serialize;
use walkdir::WalkDir;

use crate::diag::Problem;
use crate::text::japanese;
use crate::text::visible::is_line_break;

mod filters;
mod markup;
mod problems;
use markup::escape_markup;
use problems::template_problem;

/// Templates with this ending produce Typst markup and are auto-escaped.
pub(crate) const TYPST_TEMPLATE_SUFFIX: &str = ".typ.j2";
/// Instructions one rendering may run: some hundred times what the largest sample needs.
pub(crate) const TEMPLATE_FUEL: u64 = 50_000_000;
const TYPST_ESCAPE: AutoEscape = AutoEscape::Custom("typst");

/// One set of templates and their environment: the shipped `templates/`, or those with a
/// council's own `content/<council>/templates/` laid over them (a council's file replaces the
/// shipped file of the same name, for that council only).
pub(crate) struct Renderer {
    env: Environment<'static>,
    /// Template name → its file and text.
    sources: BTreeMap<String, (PathBuf, String)>,
    /// Where a missing template would be looked for first (the last layer).
    dir: PathBuf,
}

/// The shipped templates and every council's own layer over them.
pub(crate) struct Templates {
    pub shipped: Renderer,
    /// Council folder → the shipped templates with that council's laid over them.
    pub councils: BTreeMap<PathBuf, Renderer>,
}

/// The name prefix under which the shipped templates stay reachable from a council's own
/// (`{% extends "shipped/agenda.typ.j2" %}`).
pub(crate) const SHIPPED_PREFIX: &str = "shipped/";

/// The folder of a council's own templates, beside its council.yaml.
pub(crate) const COUNCIL_TEMPLATES: &str = "templates";

impl Templates {
    /// Loads `templates/` under `root`, and each council's `content/<council>/templates/`.
    pub(crate) fn load(root: &Path) -> Result<Templates, Problem> {
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
    pub(crate) fn for_council(&self, council_dir: &Path) -> &Renderer {
        self.councils.get(council_dir).unwrap_or(&self.shipped)
    }
}

impl Renderer {
    /// Loads every template under `dir` (files inside `root` only).
    #[cfg(test)]
    pub(crate) fn load(dir: &Path) -> Result<Renderer, Problem> {
        Renderer::load_layers(dir.parent().unwrap_or(dir), &[dir])
    }

    /// Loads the templates under each of `dirs` in turn; a later folder's file replaces an
    /// earlier one of the same name.
    pub(crate) fn load_layers(root: &Path, dirs: &[&Path]) -> Result<Renderer, Problem> {
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
        filters::register_filters(&mut env);
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
    pub(crate) fn render(
        &self,
        template: &str,
        context: impl Serialize,
    ) -> Result<String, Problem> {
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
    pub(crate) fn file_of(&self, template: &str) -> PathBuf {
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
    pub(crate) fn origin_of(&self, generated: &str) -> Option<(PathBuf, usize)> {
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

/// Escapes text for XML element content and quoted attribute values (the web page's HTML,
/// Word's `<w:t>`): markup characters as references (`apos` for `'`), each line break
/// ([`is_line_break`], CR LF as one) as `line_break`, tabs as spaces, and what XML 1.0 cannot
/// hold and nothing can print (controls, U+FFFE, U+FFFF) dropped, as the PDF drops them.
pub(crate) fn escape_xml(text: &str, apos: &str, line_break: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apos),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if is_line_break(c) => out.push_str(line_break),
            '\t' => out.push(' '),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
