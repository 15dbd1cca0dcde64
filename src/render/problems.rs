//! Template errors as problems staff can act on: the template file and line, the value that is
//! missing and the names that are there, in Japanese.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use minijinja::{Error, ErrorKind};

use super::TEMPLATE_FUEL;
use crate::diag::Problem;

/// A template error as a problem: template file, line, the offending source line.
pub(super) fn template_problem(
    sources: &BTreeMap<String, (PathBuf, String)>,
    err: &Error,
) -> Problem {
    // The innermost error names the template and line where it happened.
    let mut e: &dyn std::error::Error = err;
    let mut located = err;
    while let Some(src) = e.source() {
        if let Some(m) = src.downcast_ref::<Error>()
            && m.name().is_some()
        {
            located = m;
        }
        e = src;
    }
    let name = located.name().unwrap_or("?");
    let line = located.line();
    let detail = located.detail().unwrap_or_default();
    // The expression at fault, as written in the template: the dotted name in it (an
    // undefined value passed to a filter is reported at the filter).
    let expression = located
        .range()
        .zip(sources.get(name))
        .and_then(|(r, (_, src))| {
            let here = src.get(r.clone())?;
            if here.contains('.') {
                return Some(here.trim().to_string());
            }
            let start = src[..r.start].rfind(['{']).unwrap_or(r.start);
            let end = src[r.end..].find('}').map_or(r.end, |i| r.end + i);
            dotted_name(&src[start..end]).or_else(|| Some(here.trim().to_string()))
        });
    let mut names = None;
    let what = match located.kind() {
        ErrorKind::UndefinedError => match &expression {
            Some(e) => {
                names = names_beside(e, &located.display_debug_info().to_string());
                format!("テンプレートで、内容にない値 {e} が使われています。")
            }
            None => "テンプレートで、内容にない値が使われています。".to_string(),
        },
        ErrorKind::SyntaxError => {
            "テンプレートの書き方に誤りがあります（{{ }} や {% %} の閉じ忘れ、綴りの誤りなど）。"
                .to_string()
        }
        ErrorKind::UnknownFilter => match &expression {
            Some(e) => format!("テンプレートで知らないフィルタが使われています（{e}）。"),
            None => "テンプレートで知らないフィルタが使われています。".to_string(),
        },
        ErrorKind::OutOfFuel => format!(
            "テンプレートの処理が長すぎるため止めました（{TEMPLATE_FUEL} 手順まで）。終わらないくり返しがないか確かめてください。"
        ),
        // Our own filters speak Japanese; minijinja's own words are not passed on.
        _ if !detail.is_ascii() => format!("テンプレートの処理に失敗しました（{detail}）。"),
        _ => match &expression {
            Some(e) => format!("テンプレートの処理に失敗しました（{e} のところ）。"),
            None => "テンプレートの処理に失敗しました。".to_string(),
        },
    };
    let file = sources
        .get(name)
        .map(|(f, _)| f.clone())
        .unwrap_or_else(|| Path::new("templates").join(name));
    let mut p = Problem::error(file, what).at(line, None);
    if let (Some(line), Some((_, src))) = (line, sources.get(name))
        && let Some(text) = src.lines().nth(line.saturating_sub(1))
    {
        p = p.hint(format!("{line} 行目: {}", text.trim()));
    }
    if let Some(names) = names {
        let hint = p
            .hint
            .take()
            .map(|h| format!("{h}\n  → "))
            .unwrap_or_default();
        p = p.hint(format!("{hint}{names}"));
    }
    p
}

/// The first dotted name (`doc.date`, `m.place`) in a piece of template.
fn dotted_name(tag: &str) -> Option<String> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    tag.split(|c: char| !(ident(c) || c == '.'))
        .find(|w| {
            w.contains('.')
                && w.split('.').all(|p| !p.is_empty())
                && w.chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_')
        })
        .map(str::to_string)
}

/// For a missing `a.b.c`: the names `a.b` has, read from the values the error referenced
/// (minijinja's debug info: `Referenced variables: { a: { "b": { … } } }`).
fn names_beside(expression: &str, debug: &str) -> Option<String> {
    let path: Vec<&str> = expression
        .split(['.', '['])
        .map(|p| p.trim().trim_end_matches(']').trim_matches(['"', '\'']))
        .collect();
    let (_, parents) = path.split_last()?;
    let lines: Vec<&str> = debug
        .lines()
        .skip_while(|l| !l.starts_with("Referenced variables:"))
        .skip(1)
        .collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let key = |l: &str| {
        let t = l.trim_start();
        let k = t
            .split(": ")
            .next()?
            .trim_end_matches(':')
            .trim_matches('"');
        let is_name = k
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && k.chars().all(|c| c.is_alphanumeric() || c == '_');
        is_name.then(|| k.to_string())
    };
    let (mut from, mut to, mut depth) = (0, lines.len(), 4);
    if parents.is_empty() {
        // A plain name: the names that were there.
        let names: Vec<String> = lines
            .iter()
            .filter(|l| indent(l) == 4)
            .filter_map(|l| key(l))
            .collect();
        return (!names.is_empty()).then(|| format!("使える名前: {}", names.join(", ")));
    }
    for part in parents {
        let at = (from..to)
            .find(|&i| indent(lines[i]) == depth && key(lines[i]).as_deref() == Some(*part))?;
        let end = (at + 1..to)
            .find(|&i| indent(lines[i]) <= depth)
            .unwrap_or(to);
        (from, to, depth) = (at + 1, end, depth + 4);
    }
    let names: Vec<String> = (from..to)
        .filter(|&i| indent(lines[i]) == depth)
        .filter_map(|i| key(lines[i]))
        .collect();
    (!names.is_empty()).then(|| format!("{} にある名前: {}", parents.join("."), names.join(", ")))
}
