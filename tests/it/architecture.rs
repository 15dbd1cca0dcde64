//! The shape of the house, read from the source (ARCHITECTURE.md): no module reaches up a
//! stage, and no cycle runs between modules or between the files of a folder. Edges are the
//! `crate::` and `super::` paths of `src/` (`use` lines, groups and paths in code alike); a
//! folder's `mod.rs` and its own files are one module (the files may use what `mod.rs`
//! shares, `mod.rs` calls its files), so only edges between siblings, at every level, count.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common;

/// The top-level modules of the library, in the order of the stages: each may use the ones
/// before it, never one after it. The bottom row is shared by all.
const STAGES: &[&[&str]] = &[
    &["text", "limits", "memory"],
    &["diag"],
    &["model"],
    &["load"],
    &["view"],
    &["check"],
    &["render"],
    &["typeset"],
    &["output"],
    &["commands"],
];

/// The files of the binary (`main.rs` and the modules it declares): not the library.
const BINARY: &[&str] = &["main", "cli", "desktop", "terminal"];

type Module = Vec<String>;

/// Every module of the library (its path from the crate root) and its source.
fn modules() -> BTreeMap<Module, String> {
    let src = common::repo().join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let module = module_of(path.strip_prefix(&src).unwrap());
        if module.first().is_some_and(|m| BINARY.contains(&m.as_str())) {
            continue;
        }
        out.insert(module, std::fs::read_to_string(path).unwrap());
    }
    out
}

/// `a/b.rs` → `a::b`, `a/mod.rs` → `a`, `lib.rs` → the root.
fn module_of(file: &Path) -> Module {
    let mut parts: Module = file
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

/// The source without comments and without its inline `mod tests { … }` (whose `super` is
/// the file itself).
fn code(source: &str) -> String {
    let lines = source.lines().map(|line| {
        let t = line.trim_start();
        if t.starts_with("//") { "" } else { line }
    });
    let code = lines.collect::<Vec<_>>().join("\n");
    let Some(start) = code.find("#[cfg(test)]\nmod tests {") else {
        return code;
    };
    let end = block_end(&code, start + code[start..].find('{').unwrap());
    format!("{}{}", &code[..start], &code[end..])
}

/// Where the block opened at `open` ends: braces counted outside strings, raw strings and
/// character literals.
fn block_end(code: &str, open: usize) -> usize {
    let bytes = code.as_bytes();
    let (mut depth, mut i) = (0usize, open);
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            b'r' if code[i..].starts_with("r#\"") || code[i..].starts_with("r\"") => {
                let hashes = code[i + 1..].bytes().take_while(|&b| b == b'#').count();
                let close = format!("\"{}", "#".repeat(hashes));
                let from = i + 2 + hashes;
                i = code[from..]
                    .find(&close)
                    .map_or(bytes.len(), |n| from + n + close.len());
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' if code[i..].len() >= 3 && code.as_bytes()[i + 2] == b'\'' => i += 2,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Every path the code names after `crate::`, `super::` or `self::`, each resolved to a full
/// path from the crate root (use groups expanded).
fn paths(module: &Module, code: &str) -> Vec<Module> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let boundary =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || b"_:$".contains(&bytes[i - 1]));
        let rest = &code[i..];
        let start: Option<(Module, usize)> = if !boundary {
            None
        } else if rest.starts_with("crate::") {
            Some((Vec::new(), "crate::".len()))
        } else if rest.starts_with("super::") {
            // `super` of `a/b.rs` and of `a/b/mod.rs` is `a`.
            Some((
                module[..module.len().saturating_sub(1)].to_vec(),
                "super::".len(),
            ))
        } else {
            None
        };
        let Some((mut base, skip)) = start else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut j = i + skip;
        while code[j..].starts_with("super::") {
            base.pop();
            j += "super::".len();
        }
        j = expand(code, j, base, &mut out);
        i = j;
    }
    out
}

/// Reads `a::b::c` or `a::{b, c::{d}}` at `at`, pushing each full path; returns where it ends.
fn expand(code: &str, mut at: usize, mut prefix: Module, out: &mut Vec<Module>) -> usize {
    loop {
        let ident: String = code[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            if code[at..].starts_with('{') {
                at += 1;
                loop {
                    at += code[at..].len() - code[at..].trim_start().len();
                    if code[at..].starts_with('}') {
                        return at + 1;
                    }
                    at = expand(code, at, prefix.clone(), out);
                    at += code[at..].len() - code[at..].trim_start().len();
                    if code[at..].starts_with(',') {
                        at += 1;
                    }
                }
            }
            out.push(prefix);
            return at;
        }
        at += ident.len();
        if ident != "self" {
            prefix.push(ident);
        }
        if code[at..].starts_with("::") {
            at += 2;
        } else {
            out.push(prefix);
            return at;
        }
    }
}

/// The module a path lands in: its longest prefix that is a module.
fn resolve<'a>(modules: &'a BTreeMap<Module, String>, path: &[String]) -> Option<&'a Module> {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get_key_value(&path[..n]).map(|(k, _)| k))
}

/// Every edge between two modules: (from, to) → the path that makes it.
fn edges(modules: &BTreeMap<Module, String>) -> BTreeMap<(Module, Module), String> {
    let mut out = BTreeMap::new();
    for (module, source) in modules {
        for path in paths(module, &code(source)) {
            if let Some(to) = resolve(modules, &path)
                && to != module
            {
                out.entry((module.clone(), to.clone()))
                    .or_insert_with(|| path.join("::"));
            }
        }
    }
    out
}

/// A cycle in `graph`, if there is one, as the nodes along it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), 1);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    let mut found = stack[from..].to_vec();
                    found.push(next.clone());
                    return Some(found);
                }
                Some(_) => {}
                None => {
                    if let Some(found) = visit(next, graph, state, stack) {
                        return Some(found);
                    }
                }
            }
        }
        stack.pop();
        state.insert(node.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if !state.contains_key(node)
            && let Some(found) = visit(node, graph, &mut state, &mut Vec::new())
        {
            return Some(found);
        }
    }
    None
}

#[test]
fn no_cycle_between_the_files_of_any_folder_or_between_modules() {
    let modules = modules();
    assert!(modules.len() > 50, "the source was not found");
    let edges = edges(&modules);
    let mut failures = Vec::new();
    for parent in modules.keys() {
        // The graph of `parent`'s children, each child standing for its whole subtree.
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let child = |m: &Module| {
            (m.len() > parent.len() && m.starts_with(parent)).then(|| m[parent.len()].clone())
        };
        for (from, to) in edges.keys() {
            if let (Some(a), Some(b)) = (child(from), child(to))
                && a != b
            {
                graph.entry(a).or_default().insert(b);
            }
        }
        if let Some(found) = cycle(&graph) {
            let place = if parent.is_empty() {
                "src".to_string()
            } else {
                parent.join("::")
            };
            failures.push(format!("{place}: {}", found.join(" → ")));
        }
    }
    assert!(failures.is_empty(), "cycles:\n{}", failures.join("\n"));
}

#[test]
fn no_module_reaches_up_a_stage() {
    let modules = modules();
    let stage = |m: &Module| {
        let top = m.first()?;
        STAGES.iter().position(|row| row.contains(&top.as_str()))
    };
    for top in modules.keys().filter(|m| m.len() == 1) {
        assert!(
            stage(top).is_some(),
            "{top:?} is in no stage of STAGES (ARCHITECTURE.md)"
        );
    }
    let mut failures = Vec::new();
    for ((from, to), path) in edges(&modules) {
        if let (Some(a), Some(b)) = (stage(&from), stage(&to))
            && a < b
        {
            failures.push(format!("{} uses {path}", from.join("::")));
        }
    }
    assert!(
        failures.is_empty(),
        "reaching up a stage:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_reader_of_paths_expands_groups_and_climbs_supers() {
    let module: Module = vec!["view".into(), "documents".into(), "meeting".into()];
    let code = "use crate::model::{Council, council::{called, find_meeting}};\nuse super::super::phrases;\nlet x = crate::text::japanese::zen(1);";
    let found: Vec<String> = paths(&module, code).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "model::Council",
            "model::council::called",
            "model::council::find_meeting",
            "view::phrases",
            "text::japanese::zen"
        ]
    );
}

#[test]
fn code_after_an_inline_test_module_still_counts() {
    let source = "use crate::a;\n#[cfg(test)]\nmod tests {\n    fn f() { let s = \"}\"; let c = '{'; }\n}\nuse crate::b;\n";
    let module: Module = vec!["x".into()];
    let found: Vec<String> = paths(&module, &code(source))
        .iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(found, ["a", "b"]);
}
