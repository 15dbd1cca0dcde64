//! Checks on the content beyond what the types enforce, and Japanese wording for the
//! errors serde and YAML report.

pub(crate) mod marks;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub use crate::diag::fy_name;
use crate::diag::{Problem, Problems};
use crate::model::council::{CouncilData, Project, YearData};
use crate::model::council::{goal_iter, goal_paths};
use crate::model::{Council, Goal, GoalNo};
use crate::text::japanese;

mod evaluation;
mod layout;
mod material_forms;
mod members;
mod record;
mod text;
mod year;

use evaluation::check_evaluation;
pub use evaluation::suggest_word;
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
    // What `shiryo new` left to write, in a document no longer a draft.
    crate::check::marks::check(project, &mut problems);
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
    if c.council.evaluation_words.is_empty() && evaluates(c) {
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
    report_form(&c.council, &council_file, out);
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
    material_forms::check_number_forms(&c.council, &council_file, out);
    if let Some(d) = &c.council.agenda {
        let at = (council_file.as_path(), "agenda");
        material_forms::check_reference_place(&d.materials, at, true, out);
    }
    layout::check_style(&c.council, &council_file, out);
    c.council.tables.check(&council_file, out);
    members::check_member_list(&c.council, &council_file, out);
    evaluation::check_rules(c, &council_file, out);
    for (&fy, year) in &c.years {
        if let Some(file) = year.files.get("meetings") {
            for m in year.meetings.meetings.iter().enumerate() {
                layout::check_materials(&c.council, m, file, out);
                material_forms::check_counted_by_item(&c.council, m, file, out);
                material_forms::check_typed_numbers(&c.council, m, file, out);
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
        crate::view::documents::check(c, file, out);
    }
}

/// The report form's title lines and section labels fill only the placeholders there are,
/// and the form has a section to print.
fn report_form(c: &Council, council_file: &Path, out: &mut Problems) {
    use crate::model::{PLACEHOLDERS, TITLE_PLACEHOLDERS};
    let words = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(k, what)| format!("{k}（{what}）"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let known = |list: &[(&'static str, &'static str)]| -> Vec<&'static str> {
        list.iter()
            .map(|(k, _)| k.trim_start_matches('{').trim_end_matches('}'))
            .collect()
    };
    let title_words: Vec<(&str, &str)> =
        PLACEHOLDERS.into_iter().chain(TITLE_PLACEHOLDERS).collect();
    let lines = c.report.title.iter().flatten().enumerate();
    let labels = c
        .report
        .sections
        .iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.label.as_deref()?)));
    let places = lines
        .map(|(i, l)| (format!("report.title[{i}]"), l.as_str(), &title_words[..]))
        .chain(labels.map(|(i, l)| (format!("report.sections[{i}].label"), l, &PLACEHOLDERS[..])));
    for (field, text, allowed) in places {
        for p in crate::model::unknown_placeholders(text, &known(allowed)) {
            out.push(
                Problem::error(
                    council_file,
                    format!("{field} の {{{p}}} は、埋められない書き方です。"),
                )
                .field(field.clone())
                .hint(format!("使えるのは {} です。", words(allowed))),
            );
        }
    }
    for (i, s) in c.report.sections.iter().flatten().enumerate() {
        let field = format!("report.sections[{i}].columns");
        match &s.columns {
            Some(_) if s.section != crate::model::ReportPart::Meetings => out.push(
                Problem::warning(council_file, format!("{field} は、開催状況の章（section: meetings）にしか効きません。"))
                    .field(field)
                    .hint("columns を消すか、meetings の章に書いてください。"),
            ),
            Some(columns) if columns.is_empty() => out.push(
                Problem::error(council_file, format!("{field} に列が１つもありません。"))
                    .field(field)
                    .hint("[kind, date, content] のように列を書くか、columns の行を消してください（消せば、会議ごとに種類の行の下に開催日と主な内容を並べます）。"),
            ),
            _ => {}
        }
    }
    if c.report.sections.as_ref().is_some_and(Vec::is_empty) {
        out.push(
            Problem::error(council_file, "報告の様式（report.sections）に章が１つもありません。")
                .field("report.sections")
                .hint("印刷する章を - section: purpose のように書いてください（書かなければ、いつもの評価結果及び目標設定の様式です）。"),
        );
    }
}

/// Whether the council evaluates its goals: a year has results, or a report prints 表２.
fn evaluates(c: &CouncilData) -> bool {
    let reports = c
        .documents
        .iter()
        .any(|d| matches!(d.document, crate::model::Document::AnnualReport(_)));
    let form = crate::model::ReportForm::for_council(&c.council.report);
    c.years.values().any(|y| y.files.contains_key("evaluation"))
        || (reports && form.has(crate::model::ReportPart::Evaluation))
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
        let err = crate::load::yaml::parse::parse_yaml::<serde_yaml::Value>(&bomb).unwrap_err();
        assert!(started.elapsed().as_secs() < 5);
        assert!(err.message.contains("別名"), "{}", err.message);
    }
}
