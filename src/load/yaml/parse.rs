//! Parsing one YAML file's text into a model type, with a problem staff can act on when it
//! fails: line, column, field path and a Japanese message, also for the errors serde reports
//! without a position.

use std::path::PathBuf;

use serde::de::DeserializeOwned;

use crate::diag::Problem;

/// Parses YAML text into `T`; on failure the problem carries line, column, field path and a
/// Japanese message (its `file` is left empty for the caller to fill in). The text is scanned
/// first (`yaml_scan`): limits, duplicate keys and empty files are refused before serde
/// builds anything.
pub fn parse_yaml<T: DeserializeOwned>(text: &str) -> Result<T, Problem> {
    let scanned = crate::load::yaml::scan::scan(text).and_then(|nodes| {
        if nodes == 0 {
            Err(Problem::error(PathBuf::new(), "ファイルが空です。").hint(
                "内容を書いてください。保存の途中で消えてしまったときは、元に戻してください。",
            ))
        } else {
            Ok(())
        }
    });
    let result = scanned.and_then(|()| {
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            let inner = e.into_inner();
            // serde_yaml counts NEL, LS and PS as line breaks; an editor does not.
            let (line, column) = match inner.location() {
                Some(loc) => {
                    let (line, column) = match crate::diag::positions::Lines::of(text) {
                        Some(lines) => lines.editor_place(loc.line(), loc.column()),
                        None => (loc.line(), loc.column()),
                    };
                    (Some(line), Some(column))
                }
                None => (None, None),
            };
            let raw = inner.to_string();
            let (message, hint) = crate::diag::yaml_words::explain(&raw);
            // serde_yaml reports a value our own parser refused (a date that does not exist)
            // at the start of its mapping; point at the value itself, found by its path.
            let exact = || crate::diag::positions::Positions::record(text).find_exact(&field);
            let (line, column) = match line.filter(|_| !field.is_empty()).and_then(|_| exact()) {
                Some((l, c)) if Some(l) > line => (Some(l), Some(c)),
                _ => (line, column),
            };
            // Errors inside a document's body (an internally tagged enum, which serde buffers)
            // come without a position: find the line the message is about.
            let (line, field) = match line {
                Some(_) => (line, field),
                None => match locate(text, &raw) {
                    Some((l, k)) if field.is_empty() || field == "." => (Some(l), k),
                    Some((l, _)) => (Some(l), field),
                    None => (None, field),
                },
            };
            let mut p = Problem::error(PathBuf::new(), message)
                .at(line, column)
                .field(field);
            p.hint = hint;
            p
        })
    });
    // A full-width space or a tab where YAML needs a plain space, or a line separator pasted
    // into a value, is the usual cause of a file that does not parse: name it rather than the
    // parser's consequence of it.
    // So is a bracket left open on a line before the one the parser stopped at.
    result.map_err(|p| {
        let syntax = p.message.starts_with("YAML の書き方");
        crate::diag::yaml_words::invisible_cause(text)
            .or_else(|| crate::diag::yaml_words::hidden_break(text))
            .or_else(|| {
                let line = p.line.filter(|_| syntax)?;
                crate::load::yaml::flow::unclosed_bracket(text, line as usize)
            })
            .unwrap_or(p)
    })
}

/// The line (and key) a position-less serde message is about: the key of an unknown field,
/// the first key left empty for "unit value", the line holding a quoted wrong value.
fn locate(text: &str, raw: &str) -> Option<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let key_of = |l: &str| {
        let t = l.trim_start().trim_start_matches("- ");
        t.split_once(':')
            .filter(|(k, _)| !k.is_empty() && !k.starts_with('#') && !k.contains(' '))
            .map(|(k, v)| {
                (
                    k.to_string(),
                    v.split(" #").next().unwrap_or("").trim().to_string(),
                )
            })
    };
    let indent = |l: &str| l.len() - l.trim_start().len();
    if let Some(rest) = raw.split("unknown field `").nth(1) {
        let name = rest.split('`').next()?;
        let i = lines
            .iter()
            .position(|l| key_of(l).is_some_and(|(k, _)| k == name))?;
        return Some((i + 1, name.to_string()));
    }
    if raw.contains("unit value") || raw.contains("Option value") {
        for (i, l) in lines.iter().enumerate() {
            let Some((k, v)) = key_of(l) else { continue };
            let nested = lines[i + 1..]
                .iter()
                .find(|n| !n.trim().is_empty() && !n.trim_start().starts_with('#'))
                .is_some_and(|n| {
                    indent(n) > indent(l)
                        || (indent(n) == indent(l) && n.trim_start().starts_with("- "))
                });
            if (v.is_empty() || v == "~" || v == "null") && !nested {
                return Some((i + 1, k));
            }
        }
        return None;
    }
    // serde quotes the wrong value in backticks, or a string in double quotes.
    let quoted = raw.split('`').nth(1).or_else(|| raw.split('"').nth(1))?;
    let i = lines
        .iter()
        .position(|l| key_of(l).is_some_and(|(_, v)| v.trim_matches(['"', '\'']) == quoted))?;
    Some((i + 1, key_of(lines[i])?.0))
}
