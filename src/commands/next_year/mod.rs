//! `shiryo next-year`: the next turn of a council's yearly cycle, started from its latest
//! annual report. The report of year Y evaluated Y and set the goals of Y+1; the next report
//! evaluates Y+1 and sets Y+2. This writes what that report needs and does not have yet:
//!
//! - `<Y+1>/evaluation.yaml`: every goal of Y+1, with no result yet;
//! - `<Y+2>/goals.yaml` and `<Y+2>/members.yaml`: copies of Y+1's, to be changed;
//! - `<Y+2>/meetings.yaml`: a schedule from Y+1's pattern (the same week and weekday of the
//!   same month, the same times);
//! - `documents/<name>.yaml`: the report itself as a draft (案), years advanced, prose kept.
//!
//! A file that exists is never changed, and a cycle already started (the latest report is a
//! draft) is not started again: running the command twice writes nothing.

use std::path::{Path, PathBuf};

use crate::diag::{Problem, Problems, fy_name};
use crate::model::council::Project;
use crate::model::council::goal_iter;
use crate::model::{AnnualReport, Document};

mod files;
mod run;
use files::{ascii, comment, copy_with_header, header, next_name, next_report, schedule};
pub use run::run;

/// One file of the new cycle: where, what it holds, what it was made from.
#[derive(Debug)]
pub struct Planned {
    pub path: PathBuf,
    pub text: String,
    /// 「2025/goals.yaml の写し」: for the summary.
    pub made_from: String,
    /// Already there: left as it is.
    pub exists: bool,
}

/// What the command will do, and what staff must fill in afterwards.
#[derive(Debug)]
pub struct Plan {
    pub files: Vec<Planned>,
    pub to_do: Vec<String>,
}

/// The council's folder under content/ as typed: `niiza`, `niiza/`, `content/niiza`.
pub fn folder(council: &str) -> &str {
    let council = council.trim_end_matches(['/', '\\']);
    (council.strip_prefix("content/"))
        .or_else(|| council.strip_prefix("content\\"))
        .unwrap_or(council)
}

/// The plan for `council` (its folder under content/), or why there is none.
pub fn plan(project: &Project, council: &str) -> Result<Plan, Problems> {
    let council = folder(council);
    let c = project
        .councils
        .iter()
        .find(|c| c.slug == council)
        .ok_or_else(|| {
            let known: Vec<&str> = project.councils.iter().map(|c| c.slug.as_str()).collect();
            Problems(vec![
                Problem::error(
                    project.root.join("content"),
                    format!("協議会 {council} が content/ にありません。"),
                )
                .hint(format!("協議会のフォルダ名: {}", known.join(", "))),
            ])
        })?;
    let reports: Vec<_> = (c.documents.iter())
        .filter_map(|d| match &d.document {
            Document::AnnualReport(r) => Some((d, r.as_ref())),
            _ => None,
        })
        .collect();
    let latest = reports.iter().map(|(_, r)| r.year).max().ok_or_else(|| {
        Problems(vec![
            Problem::error(
                c.dir.join("documents"),
                "評価結果及び目標設定の資料（type: annual_report）がないため、次の年度を始められません。",
            )
            .hint("前の年度の評価結果を documents/ に書いてから実行してください。"),
        ])
    })?;
    let of_latest: Vec<_> = reports.iter().filter(|(_, r)| r.year == latest).collect();
    if let Some((draft, _)) = of_latest.iter().find(|(_, r)| r.status.is_draft()) {
        return Err(Problems(vec![
            Problem::error(
                &draft.path,
                format!(
                    "{}の評価結果は案（status: draft）のままなので、その次の年度は始めませんでした。",
                    fy_name(latest)
                ),
            )
            .hint("next-year で始めたばかりなら、次の年度はもう始まっています。書き終えて status: draft の行を消してから、次の年に実行してください。"),
        ]));
    }
    let [(file, report)] = of_latest[..] else {
        let names: Vec<&str> = of_latest.iter().map(|(d, _)| d.name.as_str()).collect();
        return Err(Problems(vec![
            Problem::error(
                c.dir.join("documents"),
                format!(
                    "{}の評価結果が {} 件あります（{}）。どれから次の年度を始めるか決められません。",
                    fy_name(latest),
                    of_latest.len(),
                    names.join("、")
                ),
            )
            .hint("使わない資料を documents/ から移してから実行してください。"),
        ]));
    };
    let y = report.year;
    let (evaluated, next) = (y + 1, y + 2);
    if !crate::model::council::YEARS.contains(&next) {
        return Err(Problems(vec![Problem::error(
            &file.path,
            format!(
                "年度 {next} の資料は作れません（{}～{} 年度まで）。",
                crate::model::council::YEARS.start(),
                crate::model::council::YEARS.end()
            ),
        )]));
    }
    // A report whose form sets no goals (an activity report) has no cycle of goals to start.
    let form = crate::model::ReportForm::for_council(&c.council.report);
    if !form.has(crate::model::ReportPart::Goals) {
        return Err(Problems(vec![
            Problem::error(
                &file.path,
                "この協議会の報告の様式（council.yaml の report: の sections）には目標の章（goals）がないため、next-year では次の年度を始められません。",
            )
            .hint(format!(
                "次の年度の報告は、この資料を写して year: を {} に直し、status: draft を書いて作ってください。",
                y + 1
            )),
        ]));
    }
    let Some((source, set)) = c
        .years
        .get(&evaluated)
        .and_then(|d| d.goals.as_ref().map(|g| (d, g)))
    else {
        return Err(Problems(vec![
            Problem::error(
                &file.path,
                format!(
                    "{}の目標（{}/{evaluated}/goals.yaml）がないため、次の年度を始められません。",
                    fy_name(evaluated),
                    c.slug
                ),
            )
            .hint("評価結果の表３の目標を goals.yaml に書いてから実行してください。"),
        ]));
    };
    let year_file = |fy: i32, key: &str| -> (PathBuf, bool) {
        match c.years.get(&fy).and_then(|d| d.files.get(key)) {
            Some(p) => (p.clone(), true),
            None => (
                c.dir.join(fy.to_string()).join(format!("{key}.yaml")),
                false,
            ),
        }
    };
    let rel = |p: &Path| {
        let p = p.strip_prefix(&project.root).unwrap_or(p);
        p.display().to_string().replace('\\', "/")
    };
    let mut files = Vec::new();
    let mut to_do = Vec::new();

    // The evaluated year's evaluation: every goal, no result.
    let (path, exists) = year_file(evaluated, "evaluation");
    let goals_path = source.files.get("goals").cloned().unwrap_or_default();
    let mut text = header("evaluation", &format!("{} の目標", rel(&goals_path)));
    text.push_str("results:\n");
    let mut count = 0;
    for g in goal_iter(set).filter(|g| g.repeats.is_none()) {
        count += 1;
        text.push_str(&format!(
            "  {}:{}\n",
            ascii(g.number),
            comment(g.target.as_deref().unwrap_or_default())
        ));
    }
    files.push(Planned {
        made_from: format!("{} の目標 {count} 件", rel(&goals_path)),
        path: path.clone(),
        text,
        exists,
    });
    to_do.push(format!(
        "{}: 目標ごとの評価（{}）",
        rel(&path),
        c.council.evaluation_words.join(" / ")
    ));
    if let Some(m) = source.files.get("meetings") {
        to_do.push(format!(
            "{}: 開いた会議ごとの日付、活動内容（activity）、出席者数、成果と課題（outcomes）",
            rel(m)
        ));
    }

    // The next year's goals and members: last year's, to be changed.
    for (key, what) in [("goals", "目標"), ("members", "委員")] {
        let (path, exists) = year_file(next, key);
        let Some(from) = source.files.get(key) else {
            to_do.push(format!(
                "{}: {}の{what}（{}/{key}.yaml がないため、写せませんでした）",
                rel(&path),
                fy_name(next),
                evaluated
            ));
            continue;
        };
        let original = crate::load::files::read_text(&c.dir, from)
            .map_err(|e| Problems(vec![Problem::error(from, e.message)]))?;
        files.push(Planned {
            path: path.clone(),
            text: copy_with_header(&original, &format!("{} の写し", rel(from))),
            made_from: format!("{} の写し", rel(from)),
            exists,
        });
        to_do.push(format!("{}: {}の{what}に直す", rel(&path), fy_name(next)));
    }

    // The next year's schedule, from this year's pattern.
    let (path, exists) = year_file(next, "meetings");
    let from = source.files.get("meetings").cloned().unwrap_or_default();
    files.push(Planned {
        path: path.clone(),
        text: schedule(&source.meetings.meetings, next, &rel(&from)),
        made_from: format!("{} の会議の並び", rel(&from)),
        exists,
    });
    to_do.push(format!(
        "{}: 予定の日付・時刻・場所を確かめる（前の年度と同じ週・曜日にしてあります）",
        rel(&path)
    ));

    // The report itself, as a draft.
    // The latest report is year Y, so none is of Y+1 yet: only the name can be taken, by another
    // document of any type (as .yaml or .yml).
    let taken = |name: &str| c.documents.iter().any(|d| d.name == name);
    let name = [
        next_name(&file.name, y),
        format!("{}-{evaluated}", file.name),
    ]
    .into_iter()
    .find(|n| !taken(n))
    .ok_or_else(|| {
        Problems(vec![
            Problem::error(
                c.dir.join("documents"),
                format!(
                    "新しい評価結果の名前 {} は、ほかの資料が使っています。",
                    next_name(&file.name, y)
                ),
            )
            .hint("その資料の名前を変えてから実行してください。"),
        ])
    })?;
    let path = c.dir.join("documents").join(format!("{name}.yaml"));
    let original = crate::load::files::read_text(&c.dir, &file.path)
        .map_err(|e| Problems(vec![Problem::error(&file.path, e.message)]))?;
    let made_from = format!("{}（{}の評価結果）", rel(&file.path), fy_name(y));
    files.push(Planned {
        text: next_report(&original, report, &made_from)
            .map_err(|e| Problems(vec![Problem::error(&file.path, e)]))?,
        path: path.clone(),
        made_from,
        exists: path.exists(),
    });
    let stale = stale_years(report, y);
    to_do.push(format!(
        "{}: 日付と文章を{}のものに直す{}",
        rel(&path),
        fy_name(evaluated),
        if stale.is_empty() {
            String::new()
        } else {
            format!("（{} とある段落があります）", stale.join("、"))
        }
    ));
    to_do.push(format!(
        "書き終えたら {} の status: draft を消し、shiryo check --deny-warnings で確かめる",
        rel(&path)
    ));
    Ok(Plan { files, to_do })
}

/// Writes the files that do not exist yet; returns the ones written. All or nothing: a folder
/// on the way that is a file refuses every file before one is written, and a write that fails
/// midway takes back the files and folders written before it.
pub fn write(plan: &Plan) -> Result<Vec<&Planned>, Problem> {
    let todo: Vec<&Planned> = plan
        .files
        .iter()
        .filter(|f| !f.exists && !f.path.exists())
        .collect();
    for f in &todo {
        if let Some(blocker) = f.path.ancestors().skip(1).find(|d| d.is_file()) {
            return Err(Problem::error(
                blocker,
                "フォルダを作る場所に、同じ名前のファイルがあります。",
            )
            .hint("そのファイルの名前を変えるか別の場所に移してから、もう一度実行してください。"));
        }
    }
    // The folders this creates, outermost first, to take back on failure.
    let mut created: Vec<&Path> = Vec::new();
    for f in &todo {
        for dir in f.path.ancestors().skip(1) {
            if dir.exists() || created.contains(&dir) {
                break;
            }
            created.push(dir);
        }
    }
    created.sort_by_key(|d| d.components().count());
    let mut written: Vec<&Planned> = Vec::new();
    for f in todo {
        let result = match f.path.parent() {
            Some(dir) => std::fs::create_dir_all(dir).map_err(|e| {
                Problem::error(
                    dir,
                    format!("フォルダを作れません（{}）。", crate::diag::io_ja(&e)),
                )
            }),
            None => Ok(()),
        }
        .and_then(|()| crate::output::write_atomic(&f.path, f.text.as_bytes()));
        if let Err(problem) = result {
            for done in &written {
                let _ = std::fs::remove_file(&done.path);
            }
            for dir in created.iter().rev() {
                let _ = std::fs::remove_dir(dir);
            }
            return Err(problem);
        }
        written.push(f);
    }
    Ok(written)
}

/// The years named in the report's prose that will be a year behind (「令和６年度」).
fn stale_years(report: &AnnualReport, year: i32) -> Vec<String> {
    let prose = [
        &report.introduction,
        &report.evaluation_closing,
        &report.goals_introduction,
        &report.schedule_introduction,
        &report.members_introduction,
    ];
    [year, year + 1]
        .into_iter()
        .filter_map(|fy| crate::text::dates::fiscal_year(fy).ok())
        .filter(|label| {
            prose
                .iter()
                .any(|ps| ps.iter().any(|p| p.contains(label.as_str())))
        })
        .collect()
}
