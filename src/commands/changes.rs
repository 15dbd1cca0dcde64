//! `shiryo changes`: what changed in a council's goals from one fiscal year to the next, as
//! staff check it before the next year's report.

use super::console::{Console, Failure, Outcome};
use crate::diag::{Problems, fy_name};
use crate::model::council::{CouncilData, Project, YEARS};
use crate::text::japanese::halfwidth_digits;
use crate::view::goal_changes;

/// Compares the goals of `year` (or of the latest year that has a next one) with the year
/// after, for the council in folder `council` (as under `content/`).
pub fn run(c: &Console, council: &str, year: Option<&str>) -> Outcome {
    let (project, problems) = Project::load(c.root());
    if project.councils.is_empty() && problems.has_errors() {
        return Err(c.fail(&problems));
    }
    let slug = council.trim_end_matches(['/', '\\']);
    let slug = slug.strip_prefix("content/").unwrap_or(slug);
    let Some(data) = project.councils.iter().find(|d| d.slug == slug) else {
        let known: Vec<&str> = project.councils.iter().map(|d| d.slug.as_str()).collect();
        c.tell(format!(
            "エラー: 協議会 {council} が見つかりません（content/{slug}/council.yaml がありません）。\n  → 協議会はフォルダ名で指定します: {}",
            known.join(", ")
        ));
        return Err(Failure::Failed);
    };
    let fy = first_year(c, data, slug, year)?;
    for y in [fy, fy + 1] {
        if !has_goals(data, y) {
            return Err(no_goals(c, data, &problems, slug, y));
        }
    }
    let (old, new) = (&data.years[&fy].goals, &data.years[&(fy + 1)].goals);
    let (Some(old), Some(new)) = (old, new) else {
        return Err(Failure::Failed);
    };
    let changes = goal_changes::compare(old, new);
    let name = match &data.council.body {
        Some(body) => format!("{} {body}", data.council.name),
        None => data.council.name.clone(),
    };
    c.say(format!(
        "{name}: {} → {} の目標の変わったところ（{} 件）",
        fy_name(fy),
        fy_name(fy + 1),
        changes.changes.len()
    ));
    if changes.changes.is_empty() {
        c.say("変わったところはありません。");
    } else {
        c.say(format!("\n{}", changes.render(fy)));
    }
    Ok(())
}

fn has_goals(data: &CouncilData, fy: i32) -> bool {
    data.years.get(&fy).is_some_and(|y| y.goals.is_some())
}

/// The year asked for, or the latest year whose goals have a next year's to compare with.
fn first_year(
    c: &Console,
    data: &CouncilData,
    slug: &str,
    year: Option<&str>,
) -> Result<i32, Failure> {
    if let Some(y) = year {
        return match halfwidth_digits(y.trim()).parse::<i32>() {
            Ok(fy) if YEARS.contains(&fy) => Ok(fy),
            _ => {
                c.tell(format!(
                    "エラー: 年度「{y}」が正しくありません。\n  → {} 年度から {} 年度までの西暦４桁で書いてください（令和６年度なら 2024）。",
                    YEARS.start(),
                    YEARS.end()
                ));
                Err(Failure::Usage)
            }
        };
    }
    let latest =
        (data.years.keys().rev()).find(|&&fy| has_goals(data, fy) && has_goals(data, fy + 1));
    latest.copied().ok_or_else(|| {
        c.tell(format!(
            "エラー: {slug} には、続く２つの年度の目標（goals.yaml）がありません。\n  → 比べるには、たとえば content/{slug}/2024/goals.yaml と content/{slug}/2025/goals.yaml が必要です。"
        ));
        Failure::Failed
    })
}

/// Year `y` has no goals to compare: unreadable (its problems said) or not written.
fn no_goals(c: &Console, data: &CouncilData, problems: &Problems, slug: &str, y: i32) -> Failure {
    let file = format!("content/{slug}/{y}/goals.yaml");
    let broken = data
        .years
        .get(&y)
        .is_some_and(|d| d.broken.contains("goals"));
    if broken {
        let about = (problems.0.iter()).filter(|p| p.file.starts_with(&file));
        c.report(&Problems(about.cloned().collect()));
    }
    c.tell(format!(
        "エラー: {}の目標（{file}）が{}ため、比べられません。",
        fy_name(y),
        if broken { "読めない" } else { "ない" }
    ));
    if !broken {
        let years: Vec<String> = (data.years.keys())
            .filter(|&&y| has_goals(data, y))
            .map(|y| y.to_string())
            .collect();
        c.tell(format!("  → 目標のある年度: {}", years.join(", ")));
    }
    Failure::Failed
}
