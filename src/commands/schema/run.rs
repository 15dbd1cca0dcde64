//! `shiryo schema`: the JSON Schemas under `schema/` and the layout reference, written all
//! together or not at all.

use std::path::Path;

use crate::commands::console::{Console, Failure, Outcome};
use crate::diag::Problems;

pub fn run(c: &Console) -> Outcome {
    let root = c.root();
    let mut files = super::files(&root.join("schema"));
    files.push((
        root.join(super::reference::REFERENCE_FILE),
        super::reference::markdown(),
    ));
    let all: Vec<(&Path, &[u8])> = (files.iter())
        .map(|(path, text)| (path.as_path(), text.as_bytes()))
        .collect();
    match crate::output::write_in_project(root, &all) {
        Ok(()) => {
            for (path, _) in &files {
                c.say(format!("作成: {}", path.display()));
            }
            Ok(())
        }
        Err(problem) => {
            c.report(&Problems(vec![problem]));
            c.tell("スキーマは書き込んでいません（ファイルは何も変えていません）。");
            Err(Failure::Failed)
        }
    }
}
