//! `shiryo watch` on the console: one line for each report of the rebuilding loop (`serve`
//! prints the same lines).

use std::path::Path;

use super::Report;
use crate::commands::build::Formats;
use crate::commands::console::{Console, Failure, Outcome};

/// Watches the project and rebuilds on every save until stopped (or `max_rounds` rounds).
pub fn run(
    c: &Console,
    documents: &[String],
    max_rounds: Option<usize>,
    formats: Formats,
) -> Outcome {
    c.say("監視を始めます（content/, templates/, fonts/）。終了するには Ctrl+C を押してください。");
    let root: &Path = c.root();
    super::rounds(root, documents, max_rounds, formats, |r| say(c, &r)).map_err(|e| {
        c.tell(format!("エラー: フォルダを監視できません（{e}）。"));
        Failure::Failed
    })
}

/// One line per report of the rebuilding loop (`watch`, `serve`).
pub fn say(c: &Console, r: &Report) {
    match r {
        Report::Built {
            id,
            changed,
            elapsed,
            pages,
            path,
            ..
        } => c.say(format!(
            "作成: {}（{id}、変更: {changed}、{} ms、{pages}ページ）",
            path.display(),
            elapsed.as_millis()
        )),
        Report::Unchanged { changed } => {
            c.say(format!("変更なし: {changed}（作り直す資料はありません）"))
        }
        Report::Failed(problems) => {
            c.report(problems);
            c.tell("前回の PDF はそのまま残しています。直して保存すると作り直します。");
        }
        Report::Waiting(line) => c.tell(line),
        Report::Page { .. } | Report::Typeset { .. } | Report::Done => {}
    }
}
