//! Checks on the content beyond what the types enforce, and Japanese wording for the
//! errors serde and YAML report.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diag::{Problem, Problems};
use crate::japanese;
use crate::model::{Council, Document, Goal, GoalNo};
use crate::project::{CouncilData, Project, YearData};
use crate::view::goal_iter;

mod files;
mod text;
mod year;

use files::{check_image, check_materials};
pub use text::check_printable;
#[cfg(test)]
use text::cut_by_comment;
pub use year::suggest_word;
use year::{
    check_evaluation, check_goals, check_meetings, check_members, check_repeats_across_years,
};

/// Image formats typst can place.
const IMAGE_FORMATS: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp"];

/// Every check on a loaded project. Problems point at the file and, where it can be found,
/// the line of the offending value.
pub fn check(project: &Project) -> Problems {
    let mut problems = Problems::default();
    for council in &project.councils {
        check_council(council, &mut problems);
    }
    Problems(
        problems
            .0
            .into_iter()
            .map(|p| p.relative_to(&project.root))
            .collect(),
    )
}

fn check_council(c: &CouncilData, out: &mut Problems) {
    let council_file = c.dir.join("council.yaml");
    if c.council.evaluation_words.is_empty() {
        out.push(
            Problem::error(&council_file, "評価の言葉（evaluation_words）が空です。")
                .field("evaluation_words")
                .hint("例: [達成, 一部達成, 未達成]"),
        );
    }
    if let Some(legend) = &c.council.evaluation_legend
        && legend.meanings.len() != c.council.evaluation_words.len()
    {
        out.push(
            Problem::error(
                &council_file,
                format!(
                    "凡例の意味（evaluation_legend.meanings）が {} 個ありますが、評価の言葉（evaluation_words）は {} 個です。",
                    legend.meanings.len(),
                    c.council.evaluation_words.len()
                ),
            )
            .at(find_line(&council_file, "meanings", ""), None)
            .field("evaluation_legend.meanings")
            .hint("評価の言葉と同じ順に、同じ数だけ書いてください。"),
        );
    }
    for (&fy, year) in &c.years {
        check_goals(&c.council, fy, year, out);
        check_meetings(c, fy, year, out);
        check_evaluation(c, fy, year, out);
        check_members(c, year, out);
        check_repeats_across_years(c, fy, out);
    }
    for file in &c.documents {
        crate::needs::check(c, file, out);
        match &file.document {
            Document::AnnualReport(r) => {
                if let Some(f) = &r.figure {
                    check_image(&c.dir, &f.file, &file.path, out);
                    if f.alt.trim().is_empty() {
                        out.push(
                            Problem::error(&file.path, "図の説明（alt）が空です。")
                                .at(find_line(&file.path, "alt", &f.alt), None)
                                .field("figure.alt")
                                .hint("画面読み上げソフトが読む、図の内容の説明を書いてください（PDF/UA で必要です）。"),
                        );
                    }
                }
            }
            Document::Packet(p)
                if !c
                    .years
                    .get(&p.year)
                    .is_some_and(|y| y.broken.contains("meetings")) =>
            {
                check_materials(c, p.year, p.meeting, out);
            }
            _ => {}
        }
    }
}

pub(crate) fn fy_name(fy: i32) -> String {
    japanese::fiscal_year(fy).unwrap_or_else(|_| format!("{fy}年度"))
}

/// The 1-based line of the first `key: value` in a YAML file (ignoring quotes and list dashes).
pub fn find_line(path: &Path, key: &str, value: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.strip_prefix(key)
                .and_then(|r| r.trim_start().strip_prefix(':'))
                .map(|v| {
                    v.split(" #")
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_matches(['"', '\''])
                })
                .is_some_and(|v| v == value)
        })
        .map(|i| i + 1)
}

/// The line where goal `n` is defined or keyed (`number: 3-5`, or `3-5: 達成`), however its
/// digits are written.
fn find_goal_line(path: &Path, n: GoalNo) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let is_n = |s: &str| s.trim().trim_matches(['"', '\'']).parse::<GoalNo>().ok() == Some(n);
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            match l.split_once(':') {
                Some(("number", v)) => is_n(v),
                Some((k, _)) => is_n(k),
                None => false,
            }
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn vocabulary_suggestions_only_when_clear() {
        let symbols: Vec<String> = ["◎ 達成", "○ 概ね達成", "△ 一部達成", "× 未達成"]
            .map(String::from)
            .to_vec();
        assert_eq!(super::suggest_word("◎", &symbols), Some("◎ 達成"));
        assert_eq!(super::suggest_word("●", &symbols), None);
        let bare: Vec<String> = ["◎", "○", "△", "×"].map(String::from).to_vec();
        assert_eq!(super::suggest_word("●", &bare), None);
        let words: Vec<String> = ["達成", "一部達成", "未達成"].map(String::from).to_vec();
        assert_eq!(super::suggest_word("一部達", &words), Some("一部達成"));
        assert_eq!(super::suggest_word("未達", &words), Some("未達成"));
        assert_eq!(super::suggest_word("概ね達成", &words), None);
        assert_eq!(super::suggest_word("達勢", &words), Some("達成"));
    }

    #[test]
    fn a_comment_cutting_a_value_is_found() {
        assert_eq!(
            super::cut_by_comment("    venue: 本庁舎 #3会議室"),
            Some(16)
        );
        assert_eq!(super::cut_by_comment("  - bullet: 文 #1"), Some(15));
        assert_eq!(super::cut_by_comment("    venue: \"本庁舎 #3\""), None);
        assert_eq!(super::cut_by_comment("    venue: 本庁舎#3"), None);
        assert_eq!(super::cut_by_comment("# venue: a #b"), None);
    }

    #[test]
    fn alias_bombs_are_refused_quickly() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            bomb.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(", ")
            ));
        }
        let started = std::time::Instant::now();
        let err = crate::project::parse_yaml::<serde_yaml::Value>(&bomb).unwrap_err();
        assert!(started.elapsed().as_secs() < 5);
        assert!(err.message.contains("別名"), "{}", err.message);
    }
}
