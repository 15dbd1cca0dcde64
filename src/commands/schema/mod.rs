//! JSON Schemas for the content files, generated from the model's types (never kept by hand),
//! so editors with a YAML language server complete keys and flag mistakes while staff type.

pub mod reference;
mod run;
pub use run::run;

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

/// The schema files for `dir` (`schema/` of the project): `(path, text)`.
pub fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    all()
        .into_iter()
        .map(|(name, schema)| {
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
            (dir.join(name), text)
        })
        .collect()
}
