//! Checks of a year's evaluation (evaluation.yaml): every goal evaluated in the council's
//! words, reasons and actuals that the report has a column for, results that agree with the
//! council's rules for their achievement rate; and the rules themselves (council.yaml).

use super::*;
use crate::model::Column;

pub(super) fn check_evaluation(c: &CouncilData, fy: i32, year: &YearData, out: &mut Problems) {
    let (Some(eval), Some(file)) = (&year.evaluation, year.files.get("evaluation")) else {
        return;
    };
    let Some(set) = &year.goals else {
        if year.broken.contains("goals") {
            return; // goals.yaml is there but broken: reported already
        }
        out.push(
            Problem::error(
                file,
                format!(
                    "{}の目標（goals.yaml）がないため、評価を確かめられません。",
                    fy_name(fy)
                ),
            )
            .hint(format!("{}/{fy}/goals.yaml を作ってください。", c.slug)),
        );
        return;
    };
    let words = &c.council.evaluation_words;
    // A goal without a result is something not done yet: the report that prints it says
    // so (`documents`), as a warning while it is a draft.
    for g in goal_iter(set) {
        if let Some(r) = g.repeats
            && eval.results.contains_key(&g.number)
        {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "目標 {} は {r} の再掲なので、評価は書きません（{r} の評価が使われます）。",
                        g.number
                    ),
                )
                .field(format!("results.{}", g.number)),
            );
        }
    }
    let known: BTreeSet<GoalNo> = goal_iter(set).map(|g| g.number).collect();
    for (n, word) in &eval.results {
        // A reason or an actual the report has no column for would be dropped without a word.
        let columns = c.council.report.table2_columns();
        if word.as_ref().and_then(|w| w.actual()).is_some()
            && !columns
                .iter()
                .any(|c| matches!(c, Column::Actual | Column::Rate))
        {
            out.push(
                Problem::warning(file, format!("目標 {n} の実績（actual）は印刷されません。"))
                    .field(format!("results.{n}"))
                    .hint("表２に実績の列を入れるには、council.yaml に report: {columns: [target, actual, rate, result]} のように書いてください。"),
            );
        }
        if let Some(detail) = word.as_ref() {
            check_rule(c, set, *n, detail, file, out);
        }
        if word.as_ref().and_then(|w| w.reason()).is_some() && !columns.contains(&Column::Reason) {
            out.push(
                Problem::warning(file, format!("目標 {n} の評価の理由（reason）は印刷されません。"))
                    .field(format!("results.{n}"))
                    .hint("表２に評価の理由の列を入れるには、council.yaml に report: {reason_column: true} と書いてください。"),
            );
        }
        let word = word.as_ref().and_then(|w| w.word()).unwrap_or_default();
        if !known.contains(n) {
            out.push(
                Problem::error(
                    file,
                    format!("目標 {n} は{}の目標にありません。", fy_name(fy)),
                )
                .field(format!("results.{n}")),
            );
        }
        if !word.trim().is_empty() && !words.iter().any(|w| w == word) {
            let mut p = Problem::error(
                file,
                format!("目標 {n} の評価「{word}」は使えない言葉です。"),
            )
            .field(format!("results.{n}"));
            p = match suggest_word(word, words) {
                Some(k) => p.hint(format!(
                    "{word} → {k} ですか？ 使える言葉: {}",
                    words.join(" / ")
                )),
                None => p.hint(format!(
                    "使える言葉: {}（council.yaml の evaluation_words）",
                    words.join(" / ")
                )),
            };
            out.push(p);
        }
    }
}

/// A result that its own rate and the council's rules name otherwise.
fn check_rule(
    c: &CouncilData,
    set: &crate::model::GoalSet,
    n: GoalNo,
    result: &crate::model::GoalResult,
    file: &std::path::Path,
    out: &mut Problems,
) {
    let rules = &c.council.evaluation_rules;
    let (Some(word), Some(actual)) = (result.word(), result.actual()) else {
        return;
    };
    let Some(target) = goal_iter(set)
        .find(|g| g.number == n)
        .and_then(|g| g.target.as_deref())
    else {
        return;
    };
    let Some(rate) = crate::view::achievement::rate(target, actual) else {
        return;
    };
    let Some(rule) = crate::view::achievement::expected(rules, rate) else {
        return;
    };
    if rule.word != word.trim() {
        out.push(
            Problem::warning(
                file,
                format!(
                    "目標 {n} の評価「{word}」は、達成率 {}（実績 {actual} ／ 目標値 {target}）から評価の決まりで決まる「{}」と違います。",
                    crate::view::achievement::rate_text(rate),
                    rule.word
                ),
            )
            .field(format!("results.{n}"))
            .hint("評価か実績を確かめてください（決まりは council.yaml の evaluation_rules）。"),
        );
    }
}

/// The rules' words are the council's evaluation words.
pub(super) fn check_rules(c: &CouncilData, file: &std::path::Path, out: &mut Problems) {
    let words = &c.council.evaluation_words;
    for (i, r) in c.council.evaluation_rules.iter().enumerate() {
        if !words.contains(&r.word) {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "評価の決まり（evaluation_rules）の「{}」は、評価の言葉にありません。",
                        r.word
                    ),
                )
                .field(format!("evaluation_rules[{i}].word"))
                .hint(format!(
                    "使える言葉: {}（evaluation_words）",
                    words.join(" / ")
                )),
            );
        }
    }
}

/// The word of a council's vocabulary that `typed` clearly means: the only word it begins or
/// that begins it (「◎」 for 「◎ 達成」), or the only word one slip away (「達勢」 for 「達成」).
/// None when it is not clear: in a symbol vocabulary (◎ ○ △ ×) every word is one slip from
/// every other.
pub fn suggest_word<'a>(typed: &str, words: &'a [String]) -> Option<&'a str> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let prefixed: Vec<&String> = words
        .iter()
        .filter(|w| w.starts_with(typed) || typed.starts_with(w.as_str()))
        .collect();
    if let [one] = prefixed.as_slice() {
        return Some(one.as_str());
    }
    if !prefixed.is_empty() || typed.chars().count() < 2 {
        return None;
    }
    let close: Vec<&String> = words
        .iter()
        .filter(|w| w.chars().count() >= 2 && strsim::damerau_levenshtein(typed, w) <= 1)
        .collect();
    match close.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    }
}
