//! JSON Schemas for the content files, generated from the model's types (never kept by hand),
//! so editors with a YAML language server complete keys and flag mistakes while staff type.

use std::path::{Path, PathBuf};

use schemars::{JsonSchema, schema_for};

use crate::model::{Council, Document, Evaluation, GoalSet, MeetingList, MemberList};

/// `(file name, schema)` for every kind of content file.
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    fn one<T: JsonSchema>() -> serde_json::Value {
        serde_json::to_value(schema_for!(T)).unwrap_or_default()
    }
    vec![
        ("council.schema.json", one::<Council>()),
        ("goals.schema.json", one::<GoalSet>()),
        ("meetings.schema.json", one::<MeetingList>()),
        ("evaluation.schema.json", one::<Evaluation>()),
        ("members.schema.json", one::<MemberList>()),
        ("document.schema.json", one::<Document>()),
    ]
}

/// Writes every schema into `dir`, returning the paths written.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, schema) in all() {
        let path = dir.join(name);
        let text = serde_json::to_string_pretty(&schema).map_err(std::io::Error::other)? + "\n";
        crate::output::write_atomic(&path, text.as_bytes())
            .map_err(|p| std::io::Error::other(p.to_string()))?;
        written.push(path);
    }
    Ok(written)
}
