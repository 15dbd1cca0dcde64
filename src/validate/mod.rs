//! Checks on the content beyond what the types enforce, and Japanese wording for the
//! errors serde and YAML report.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use crate::diag::fy_name;
use crate::diag::{Problem, Problems};
use crate::japanese;
use crate::model::{Council, Goal, GoalNo};
use crate::project::{CouncilData, Project, YearData};
use crate::view::{goal_iter, goal_paths};

mod evaluation;
mod layout;
mod members;
mod output_names;
mod record;
mod text;
mod year;

use evaluation::check_evaluation;
pub use evaluation::suggest_word;
pub use output_names::windows_key;
pub use text::check_printable;
#[cfg(test)]
use text::cut_by_comment;
use year::{check_goals, check_meetings, check_members, check_repeats_across_years};

/// Every check on a loaded project. Problems point at the file and, where it can be found,
/// the line of the offending value.
pub fn check(project: &Project) -> Problems {
    let mut problems = Problems::default();
    for council in &project.councils {
        check_council(council, &mut problems);
    }
    output_names::check(project, &mut problems);
    // What `shiryo new` left to write, in a document no longer a draft.
    crate::scaffold::marks::check(project, &mut problems);
    // Two documents about one meeting meet its missing parts twice.
    problems.dedup();
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
            .field("evaluation_legend.meanings")
            .hint("評価の言葉と同じ順に、同じ数だけ書いてください。"),
        );
    }
    // A label's placeholder that is not one would print as written (`{年}` for `{年度}`).
    for (key, label) in c.council.report.labels.entries() {
        for p in crate::model::unknown_report_placeholders(key, label) {
            out.push(
                Problem::error(
                    &council_file,
                    format!("report.labels の {key} の {{{p}}} は、埋められない書き方です。"),
                )
                .field(format!("report.labels.{key}"))
                .hint(format!(
                    "使えるのは {} です。",
                    crate::model::PLACEHOLDERS
                        .iter()
                        .chain(crate::model::row_placeholders(key))
                        .map(|(k, what)| format!("{k}（{what}）"))
                        .collect::<Vec<_>>()
                        .join("、")
                )),
            );
        }
    }
    // A draft must look like one: its mark and its unfilled places print something.
    for (key, value) in [
        ("draft_mark", &c.council.style.draft_mark),
        ("unfilled", &c.council.style.unfilled),
    ] {
        if value.trim().is_empty() {
            out.push(
                Problem::error(&council_file, format!("style の {key} が空です。"))
                    .field(format!("style.{key}"))
                    .hint("案の資料に印刷する言葉を書いてください（書かなければ「案」「（未記入）」）。"),
            );
        }
    }
    layout::check_description(&c.council, &council_file, out);
    layout::check_agenda(&c.council, &council_file, out);
    members::check_member_list(&c.council, &council_file, out);
    evaluation::check_rules(c, &council_file, out);
    for (&fy, year) in &c.years {
        if let Some(file) = year.files.get("meetings") {
            for m in year.meetings.meetings.iter().enumerate() {
                layout::check_materials(&c.council, m, file, out);
            }
        }
        check_goals(&c.council, fy, year, out);
        check_meetings(c, fy, year, out);
        check_evaluation(c, fy, year, out);
        check_members(c, year, out);
        members::check_categories(c, year, out);
        members::check_staff(c, year, out);
        check_repeats_across_years(c, fy, out);
    }
    for file in &c.documents {
        crate::documents::check(c, file, out);
    }
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
        let err = crate::yaml_parse::parse_yaml::<serde_yaml::Value>(&bomb).unwrap_err();
        assert!(started.elapsed().as_secs() < 5);
        assert!(err.message.contains("別名"), "{}", err.message);
    }
}
