//! `shiryo build`: the documents' PDFs (and pages, Word files) written to `output/`, all
//! together or, on an error, none.

use std::time::Instant;

use super::{Builder, Format, Formats};
use crate::commands::console::{Console, Failure, Outcome, human_size};

pub fn run(c: &Console, documents: &[String], formats: Formats) -> Outcome {
    let started = Instant::now();
    let mut builder = Builder::new(c.root()).map_err(|problems| c.fail(&problems))?;
    builder.set_formats(formats);
    let mut on_wait = |line: &str| c.tell(line);
    let result = super::build(&mut builder, documents, &mut on_wait, |t, w| {
        let total = t.timings.render + t.timings.compile + t.timings.export;
        c.say(format!(
            "作成: {}（{}ページ、{}、{:.2}秒）",
            w.path.display(),
            w.pages,
            human_size(w.bytes),
            total.as_secs_f64()
        ));
        for (format, path, bytes) in t.files(&w.path) {
            if matches!(format, Format::Html | Format::Docx) {
                c.say(format!(
                    "作成: {}（{}、{}）",
                    path.display(),
                    format.name_ja(),
                    human_size(bytes.len())
                ));
            }
        }
    });
    let failure = match result {
        Ok(warnings) => {
            c.report(&warnings);
            c.say(format!("完了（{:.2}秒）", started.elapsed().as_secs_f64()));
            return Ok(());
        }
        Err(failure) => failure,
    };
    c.report(&failure.problems);
    if !failure.not_written.is_empty() {
        c.tell(format!(
            "誤りのない資料も、そろって作れるまで書き込んでいません: {}",
            failure.not_written.join(", ")
        ));
    }
    let errors = failure.problems.errors().max(1);
    let rolled_back = failure.recovered.rolled_back;
    if rolled_back > 0 {
        c.tell(format!(
            "途中で止まった前回の作成を元に戻しました（output/ の {rolled_back} 個のファイルを、その前の内容に戻しました）。"
        ));
    }
    if failure.left_changed.is_empty() && rolled_back > 0 {
        c.tell(format!(
            "エラーが {errors} 件あります。今回の作成では、ほかに output/ の PDF を変更していません。"
        ));
    } else if failure.left_changed.is_empty() {
        c.tell(format!(
            "エラーが {errors} 件あります。output/ の PDF は変更していません。"
        ));
        c.note_interrupted();
    } else {
        let files: Vec<String> = (failure.left_changed.iter())
            .map(|p| p.display().to_string())
            .collect();
        c.tell(format!(
            "エラーが {errors} 件あります。次のファイルは新しい内容に置き換わり、元に戻せませんでした: {}",
            files.join(", ")
        ));
    }
    Err(Failure::Failed)
}
