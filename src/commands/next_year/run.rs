//! `shiryo next-year`: the files of a council's next fiscal year, started from this year's.

use std::path::Path;

use crate::commands::build::Builder;
use crate::commands::console::{Console, Failure, Outcome};
use crate::diag::{Problems, Severity};

pub fn run(c: &Console, council: &str) -> Outcome {
    let builder = Builder::new(c.root()).map_err(|problems| c.fail_unchanged(&problems))?;
    // Started from content that reads without errors: a year is never built on a broken one.
    // The council's own content must read without errors (another council's need not).
    let (project, problems) = builder.load_checked();
    let folder = Path::new("content").join(super::folder(council));
    let own = (problems.0.into_iter())
        .filter(|p| p.severity == Severity::Error && p.file.starts_with(&folder));
    let own = Problems(own.collect());
    if own.has_errors() {
        c.report(&own);
        c.tell("先に shiryo check の誤りを直してください。ファイルは何も書いていません。");
        return Err(Failure::Failed);
    }
    let plan = super::plan(&project, council).map_err(|problems| c.fail_unchanged(&problems))?;
    let written = super::write(&plan).map_err(|problem| {
        c.report(&Problems(vec![problem]));
        c.tell("ファイルは何も書いていません（途中まで書いたものは消して元に戻しました）。");
        Failure::Failed
    })?;
    let rel = |p: &Path| {
        p.strip_prefix(&builder.root)
            .unwrap_or(p)
            .display()
            .to_string()
    };
    for f in &plan.files {
        if written.iter().any(|w| w.path == f.path) {
            c.say(format!("作成: {}（{}から）", rel(&f.path), f.made_from));
        } else {
            c.say(format!(
                "そのまま: {}（もうあるので変えていません）",
                rel(&f.path)
            ));
        }
    }
    if written.is_empty() {
        c.say("書いたファイルはありません。次の年度に要るファイルはもうそろっています。");
    }
    c.say("これから書くこと:");
    for item in &plan.to_do {
        c.say(format!("  ・{item}"));
    }
    Ok(())
}
