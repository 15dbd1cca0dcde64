//! `shiryo check`: every problem of the content and the templates, without writing a PDF.

use super::build::{self, Builder, Format, Formats};
use super::console::{Console, Failure, Outcome};

/// Loads, checks and typesets every document in memory; lists every problem (on a draft the
/// warnings are the list of what is left to write). Fails on an error, or on a warning when
/// `deny_warnings`.
pub fn run(c: &Console, deny_warnings: bool, html: bool) -> Outcome {
    let mut builder = Builder::new(c.root()).map_err(|problems| c.fail(&problems))?;
    builder.set_formats(Formats::PDF.with(Format::Html, html));
    let (problems, documents) = build::check(&mut builder);
    // Everything: on a draft, the warnings are the list of what is left to write.
    c.report_up_to(&problems, 2000);
    let (errors, warnings) = (problems.errors(), problems.warnings());
    c.say(format!(
        "確認しました: 資料 {documents} 件、エラー {errors} 件、警告 {warnings} 件"
    ));
    c.note_interrupted();
    if errors > 0 || (deny_warnings && warnings > 0) {
        Err(Failure::Failed)
    } else {
        Ok(())
    }
}
