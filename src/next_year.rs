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

use time::{Date, Duration, Month};

use crate::diag::{Problem, Problems, fy_name};
use crate::model::{AnnualReport, Document, GoalNo, Meeting};
use crate::project::Project;
use crate::view::goal_iter;

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
    if !crate::needs::YEARS.contains(&next) {
        return Err(Problems(vec![Problem::error(
            &file.path,
            format!(
                "年度 {next} の資料は作れません（{}～{} 年度まで）。",
                crate::needs::YEARS.start(),
                crate::needs::YEARS.end()
            ),
        )]));
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
        let original = crate::files::read_text(&c.dir, from)
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
    let existing = c
        .documents
        .iter()
        .find(|d| matches!(&d.document, Document::AnnualReport(r) if r.year == evaluated));
    // A name another document has (of any type, as .yaml or .yml) is not taken over.
    let taken = |name: &str| c.documents.iter().any(|d| d.name == name);
    let path = match existing {
        Some(d) => d.path.clone(),
        None => {
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
            c.dir.join("documents").join(format!("{name}.yaml"))
        }
    };
    let original = crate::files::read_text(&c.dir, &file.path)
        .map_err(|e| Problems(vec![Problem::error(&file.path, e.message)]))?;
    let made_from = format!("{}（{}の評価結果）", rel(&file.path), fy_name(y));
    files.push(Planned {
        text: next_report(&original, report, &made_from)
            .map_err(|e| Problems(vec![Problem::error(&file.path, e)]))?,
        path: path.clone(),
        made_from,
        exists: existing.is_some() || path.exists(),
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

/// Writes the files that do not exist yet; returns the ones written.
pub fn write(plan: &Plan) -> Result<Vec<&Planned>, Problem> {
    let mut written = Vec::new();
    for f in plan.files.iter().filter(|f| !f.exists && !f.path.exists()) {
        if let Some(dir) = f.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                Problem::error(
                    dir,
                    format!("フォルダを作れません（{}）。", crate::diag::io_ja(&e)),
                )
            })?;
        }
        crate::output::write_atomic(&f.path, f.text.as_bytes())?;
        written.push(f);
    }
    Ok(written)
}

/// `3-5`: a goal number as staff type it.
fn ascii(n: GoalNo) -> String {
    format!("{}-{}", n.component, n.seq)
}

/// `  # text` on one line (a YAML comment cannot span lines), or nothing.
fn comment(text: &str) -> String {
    // Anything a YAML reader may take for a line break (NEL, LS, PS) or refuse (BOM) goes too.
    let one_line: String = text
        .chars()
        .map(|c| match c {
            '\u{2028}' | '\u{2029}' | '\u{feff}' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let one_line = one_line.trim();
    if one_line.is_empty() {
        String::new()
    } else {
        format!("  # {one_line}")
    }
}

const MADE_BY: &str = "# shiryo next-year が";

/// The first lines of a file written here: its schema, and what it was made from.
fn header(schema: &str, from: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../../../schema/{schema}.schema.json\n{MADE_BY} {from}から作りました。直してから使ってください。\n"
    )
}

/// A copy of a YAML file with the line saying what it was made from (after its schema line).
fn copy_with_header(original: &str, from: &str) -> String {
    let mut out = String::new();
    let mut lines = original
        .lines()
        .filter(|l| !l.starts_with(MADE_BY))
        .peekable();
    if let Some(first) = lines.next_if(|l| l.starts_with("# yaml-language-server:")) {
        out.push_str(first);
        out.push('\n');
    }
    out.push_str(&format!(
        "{MADE_BY} {from}から作りました。直してから使ってください。\n"
    ));
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// The next year's schedule: each meeting on the same week and weekday of the same month, at
/// the same times and place; 未定 (not written) where this year's was.
fn schedule(meetings: &[Meeting], year: i32, from: &str) -> String {
    let mut text = header("meetings", &format!("{from} の会議の並び"));
    text.push_str("# 日付は前の年度と同じ月の、同じ週の同じ曜日にしてあります。\n");
    if meetings.is_empty() {
        // Nothing to carry over: `check` asks for meetings or a reason (`not_held:`), as a
        // warning while the report is a draft, an error once it is final.
        text.push_str("# 前の年度は会議を開きませんでした。予定する会議を書くか、開かないなら not_held: に理由を書いてください。\nmeetings: []\n");
        return text;
    }
    text.push_str("meetings:\n");
    for m in meetings {
        text.push_str(&format!("  - number: {}\n", m.number));
        if let Some((was, d)) = m
            .date
            .and_then(|d| Some((d.0, same_weekday_next_year(d.0, year)?)))
        {
            text.push_str(&format!("    # 前の年度は {was}\n    date: {d}\n"));
            // A period (a written meeting's answers) keeps its length.
            if let Some(until) = m.until {
                text.push_str(&format!("    until: {}\n", d + (until.0 - was)));
            }
        }
        for (key, t) in [("start", m.start), ("end", m.end)] {
            if let Some(t) = t {
                text.push_str(&format!("    {key}: \"{t}\"\n"));
            }
        }
        if m.format != Default::default() {
            let format = serde_yaml::to_string(&m.format).unwrap_or_default();
            text.push_str(&format!("    format: {}\n", yaml_scalar(format.trim())));
        }
        if let Some(v) = &m.venue {
            text.push_str(&format!("    venue: {}\n", yaml_scalar(v)));
        }
        if !m.goals.is_empty() {
            text.push_str("    goals:\n");
            for g in &m.goals {
                text.push_str(&format!("      - {}\n", ascii(*g)));
            }
        }
    }
    text
}

/// Text as one YAML double-quoted scalar on one line: JSON's string escapes (a JSON string
/// is a YAML double-quoted scalar), and `\uXXXX` for what YAML reads as a line break or a
/// byte-order mark but JSON leaves as it is.
fn yaml_scalar(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out
}

/// The date in fiscal year `year` on the same weekday of the same week of the same month as
/// `date` (the fourth Thursday of May stays the fourth Thursday of May); the last such
/// weekday when the month has no fifth.
fn same_weekday_next_year(date: Date, fiscal: i32) -> Option<Date> {
    let year = if u8::from(date.month()) >= 4 {
        fiscal
    } else {
        fiscal + 1
    };
    let week = (date.day() - 1) / 7;
    let first = Date::from_calendar_date(year, date.month(), 1).ok()?;
    let offset = (7 + date.weekday().number_days_from_monday() as i64
        - first.weekday().number_days_from_monday() as i64)
        % 7;
    let mut day = first + Duration::days(offset + 7 * i64::from(week));
    while day.month() != date.month() {
        day -= Duration::days(7);
    }
    Some(day)
}

/// The report's file, a year later: `year` and `date` advanced, a draft, the rest kept.
fn next_report(original: &str, report: &AnnualReport, made_from: &str) -> Result<String, String> {
    let mut value: serde_yaml::Mapping =
        serde_yaml::from_str(original).map_err(|e| format!("読めません（{e}）。"))?;
    let date = report.date.0;
    let next_date = Date::from_calendar_date(date.year() + 1, date.month(), date.day())
        .or_else(|_| Date::from_calendar_date(date.year() + 1, Month::February, 28))
        .map_err(|e| e.to_string())?;
    let mut out = serde_yaml::Mapping::new();
    for (k, v) in value.iter_mut() {
        let key = k.as_str().unwrap_or_default().to_string();
        let v = match key.as_str() {
            "year" => serde_yaml::Value::from(report.year + 1),
            "date" => serde_yaml::Value::from(next_date.to_string()),
            "status" => continue,
            _ => std::mem::take(v),
        };
        out.insert(k.clone(), v);
        if key == "date" {
            out.insert("status".into(), "draft".into());
        }
    }
    let body = serde_yaml::to_string(&out).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}# 前の年度の文章をそのまま写しています。{}のことに書き直してください。\n{body}",
        header("document", made_from),
        fy_name(report.year + 1)
    ))
}

/// The name of next year's report: the year in the name advanced (`r6-hyoka` → `r7-hyoka`,
/// `h29-hyoka` → `h30-hyoka`, `2024-report` → `2025-report`), or the year appended where the
/// next year has another era's name (`h30-hyoka` → `h30-hyoka-2019`) or none is found.
fn next_name(name: &str, year: i32) -> String {
    // The numbers that may stand for `year`: itself, its Reiwa year, its Heisei year while the
    // next year is still Heisei.
    let matches = |n: i32| {
        n == year
            || (year >= 2019 && n == year - 2018)
            || ((1989..2018).contains(&year) && n == year - 1988)
    };
    let mut out = String::new();
    let mut replaced = false;
    let mut digits = String::new();
    let mut flush = |digits: &mut String, out: &mut String| {
        match digits.parse::<i32>() {
            Ok(n) if !replaced && matches(n) => {
                out.push_str(&(n + 1).to_string());
                replaced = true;
            }
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for ch in name.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
        } else {
            flush(&mut digits, &mut out);
            out.push(ch);
        }
    }
    flush(&mut digits, &mut out);
    if replaced {
        out
    } else {
        format!("{name}-{}", year + 1)
    }
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
        .filter_map(|fy| crate::japanese::fiscal_year(fy).ok())
        .filter(|label| {
            prose
                .iter()
                .any(|ps| ps.iter().any(|p| p.contains(label.as_str())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
    }

    #[test]
    fn the_same_week_and_weekday_a_year_later() {
        // Thursday 2025-04-17 is the third Thursday of April; in 2026 that is 04-16.
        assert_eq!(
            same_weekday_next_year(date(2025, 4, 17), 2026),
            Some(date(2026, 4, 16))
        );
        // January belongs to the fiscal year before: FY2026's January is in 2027.
        assert_eq!(
            same_weekday_next_year(date(2026, 1, 22), 2026),
            Some(date(2027, 1, 28))
        );
        // A fifth Friday that next year's month lacks becomes its last Friday.
        assert_eq!(
            same_weekday_next_year(date(2025, 5, 30), 2026),
            Some(date(2026, 5, 29))
        );
        assert_eq!(
            same_weekday_next_year(date(2024, 8, 29), 2025),
            Some(date(2025, 8, 28))
        );
    }

    #[test]
    fn names_advance_their_year() {
        assert_eq!(next_name("r6-hyoka", 2024), "r7-hyoka");
        assert_eq!(next_name("2024-report", 2024), "2025-report");
        assert_eq!(next_name("hyoka", 2024), "hyoka-2025");
        assert_eq!(next_name("r1-hyoka", 2019), "r2-hyoka");
        assert_eq!(next_name("資料7-r6", 2024), "資料7-r7");
        assert_eq!(next_name("h29-hyoka", 2017), "h30-hyoka");
        // 2019 is 令和元年度: another era's name, so the year is added instead.
        assert_eq!(next_name("h30-hyoka", 2018), "h30-hyoka-2019");
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment("年１回\n以上"), "  # 年１回 以上");
        assert_eq!(comment(""), "");
        assert_eq!(comment("a\u{2028}b\u{85}c\u{feff}"), "  # a b c");
    }
}
