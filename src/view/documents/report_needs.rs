//! What a report needs before it is built, asked only for what its form's sections print:
//! the evaluated year's goals and results for 表２, its meetings for 表１ or the 開催状況, the
//! next year's goals, schedule and members for their sections, the council's purpose and the
//! document's texts for theirs, and its date and author where the form prints them. What the
//! document writes that its form does not print is a warning (it would do nothing, silently).

use crate::diag::{Problem, Problems, fy_name};
use crate::model::council::{CouncilData, DocumentFile, YearData};
use crate::model::council::{goal_iter, goal_paths};
use crate::model::{AnnualReport, ReportForm, ReportPart};
use crate::text::dates;
use crate::text::japanese::zen;
use crate::view::needs::{
    blank, has_file, held_meetings, meetings_file, members, nothing_held, planned_meetings,
    readable,
};

pub(super) fn needs(r: &AnnualReport, c: &CouncilData, file: &DocumentFile, out: &mut Problems) {
    let form = ReportForm::for_council(&c.council.report);
    let uses = |p: ReportPart| form.has(p);
    let draft = r.status.is_draft();
    let needs = [
        (
            r.year,
            "goals",
            "目標（goals.yaml）",
            uses(ReportPart::Evaluation),
        ),
        (
            r.year,
            "evaluation",
            "評価（evaluation.yaml）",
            uses(ReportPart::Evaluation),
        ),
        (
            r.year,
            "meetings",
            "会議（meetings.yaml）",
            uses(ReportPart::Activities) || uses(ReportPart::Meetings),
        ),
        (
            r.year,
            "members",
            "委員（members.yaml）",
            uses(ReportPart::MembersEvaluated),
        ),
        (
            r.year + 1,
            "goals",
            "目標（goals.yaml）",
            uses(ReportPart::Goals),
        ),
        (
            r.year + 1,
            "meetings",
            "会議の予定（meetings.yaml）",
            uses(ReportPart::Schedule),
        ),
        (
            r.year + 1,
            "members",
            "委員（members.yaml）",
            uses(ReportPart::Members),
        ),
    ];
    let date = r.date.map(|d| d.0);
    for (fy, key, what, _) in needs.into_iter().filter(|n| n.3) {
        if !has_file(c, fy, key, file, what, out) {
            continue;
        }
        let Some(year) = readable(c, fy, key) else {
            continue;
        };
        match key {
            "meetings" if fy == r.year => {
                if uses(ReportPart::Activities) {
                    held_meetings(c, fy, year, date, draft, out);
                }
                if uses(ReportPart::Meetings) {
                    listed_meetings(c, fy, year, date, draft, out);
                }
            }
            "goals" => unwritten_goals(fy, year, draft, out),
            "evaluation" => unevaluated_goals(c, fy, year, draft, out),
            "meetings" => planned_meetings(c, fy, year, draft, out),
            "members" => members(c, fy, year, out),
            _ => {}
        }
    }
    printed_parts(r, &form, c, file, out);
}

/// The date and author the form prints, the texts its sections print, and what the document
/// writes that no section prints.
fn printed_parts(
    r: &AnnualReport,
    form: &ReportForm,
    c: &CouncilData,
    file: &DocumentFile,
    out: &mut Problems,
) {
    let draft = r.status.is_draft();
    if form.date && r.date.is_none() {
        out.push(
            Problem::error(&file.path, "資料の日付（date）がありません。")
                .field("date")
                .hint("date: 2025-03-25 のように書いてください（council.yaml の report: に date: false と書けば、日付を印刷しない様式になります）。"),
        );
    }
    if form.author && r.author.is_none() {
        out.push(
            Problem::error(&file.path, "作成者（author）がありません。")
                .field("author")
                .hint("author: {title: 部会長, name: 山田 太郎} のように書いてください（council.yaml の report: に author: false と書けば、作成者を印刷しない様式になります）。"),
        );
    }
    let texts: [(ReportPart, &[String], &str, &str); 6] = [
        (
            ReportPart::Introduction,
            &r.introduction,
            "introduction",
            "はじめに",
        ),
        (
            ReportPart::Evaluation,
            &r.evaluation_closing,
            "evaluation_closing",
            "表２の後の文",
        ),
        (
            ReportPart::Goals,
            &r.goals_introduction,
            "goals_introduction",
            "目標設定の初めの文",
        ),
        (
            ReportPart::Schedule,
            &r.schedule_introduction,
            "schedule_introduction",
            "活動日程の初めの文",
        ),
        (
            ReportPart::Members,
            &r.members_introduction,
            "members_introduction",
            "委員の構成の初めの文",
        ),
        (
            ReportPart::Discussion,
            &r.discussion,
            "discussion",
            "検討・協議内容",
        ),
    ];
    let texts = texts.into_iter().chain([(
        ReportPart::CarryOver,
        &r.carry_over[..],
        "carry_over",
        "引き継ぐ課題",
    )]);
    for (part, text, key, what) in texts {
        let written = text.iter().any(|p| !blank(p));
        let needed = matches!(
            part,
            ReportPart::Introduction | ReportPart::Discussion | ReportPart::CarryOver
        );
        if form.has(part) && needed && !written {
            out.push(
                Problem::unfilled(
                    draft,
                    &file.path,
                    format!("{what}（{key}）がないため、その章が空になります。"),
                )
                .field(key)
                .hint(format!(
                    "{key}: の下に、「- 」で始まる行を１段落（１項目）ずつ書いてください。"
                )),
            );
        }
        if !form.has(part) && written {
            out.push(not_printed(file, key, what));
        }
    }
    if let Some(f) = &r.figure {
        if !form.has(ReportPart::Goals) {
            out.push(not_printed(file, "figure", "図"));
        }
        crate::load::images::check_figure(&c.dir, &f.file, &file.path, out);
        if f.alt.trim().is_empty() {
            out.push(
                Problem::error(&file.path, "図の説明（alt）が空です。")
                    .field("figure.alt")
                    .hint("画面読み上げソフトが読む、図の内容の説明を書いてください（PDF/UA で必要です）。"),
            );
        }
    }
    if form.has(ReportPart::Purpose) && c.council.purpose.iter().all(|p| blank(p)) {
        out.push(
            Problem::unfilled(
                draft,
                c.dir.join("council.yaml"),
                "設置の目的（purpose）がないため、報告のその章が空になります。",
            )
            .field("purpose")
            .hint("council.yaml の purpose: の下に、「- 」で始まる行を１段落ずつ書いてください。"),
        );
    }
}

fn not_printed(file: &DocumentFile, key: &str, what: &str) -> Problem {
    Problem::warning(
        &file.path,
        format!(
            "{what}（{key}）は、この協議会の報告の様式に印刷する章がないため、印刷されません。"
        ),
    )
    .field(key)
    .hint(
        "council.yaml の report: の sections: に、それを印刷する章を書くか、ここを消してください。",
    )
}

/// The 開催状況's rows: at least one meeting or activity (or `not_held`), each with its date
/// and something to say under 主な内容.
fn listed_meetings(
    c: &CouncilData,
    fy: i32,
    year: &YearData,
    by: Option<time::Date>,
    draft: bool,
    out: &mut Problems,
) {
    let list = &year.meetings;
    let path = meetings_file(c, fy);
    nothing_held(
        &path,
        year,
        format!(
            "{}の会議も活動も１つもないため、開催状況の表が空になります。",
            fy_name(fy)
        ),
        "開いた会議を meetings: に、研修会などを activities: に書いてください。本当に１度も開かなかった年度は、not_held: にその理由を書きます。",
        out,
    );
    let held = |d: time::Date| by.is_none_or(|by| d <= by);
    for (i, m) in list.meetings.iter().enumerate() {
        let Some(d) = m.date else {
            out.push(
                Problem::unfilled(
                    draft,
                    &path,
                    format!("{}の第{}回の開催日（date）がないため、開催状況の表に載せられません。", fy_name(fy), zen(m.number)),
                )
                .field(format!("meetings[{i}].date"))
                .hint("開いた日を date: に書いてください。開かなかった回なら、その回を消してください。"),
            );
            continue;
        };
        if held(d.0) && super::report_held::meeting_topics(m).is_empty() {
            out.push(
                Problem::unfilled(
                    draft,
                    &path,
                    format!(
                        "第{}回（{}開催）の主な内容がないため、開催状況の表のこの回が空になります。",
                        zen(m.number),
                        dates::wareki_date(d.0)
                    ),
                )
                .field(format!("meetings[{i}]"))
                .hint("agenda: に議題の title を書くか、activity: に活動内容を書いてください。"),
            );
        }
    }
    for (i, a) in list.activities.iter().enumerate() {
        if a.date.is_none() {
            out.push(
                Problem::unfilled(
                    draft,
                    &path,
                    format!("活動「{}」の開催日（date）がないため、開催状況の表の開催日が空になります。", a.name),
                )
                .field(format!("activities[{i}].date"))
                .hint("開いた日を date: に書いてください。"),
            );
        }
        let said = a.theme.is_some()
            || a.activity.as_deref().is_some_and(|t| !blank(t))
            || a.lecturer.is_some()
            || !a.lecturers.is_empty()
            || a.participants.is_some();
        if !said {
            out.push(
                Problem::unfilled(
                    draft,
                    &path,
                    format!("活動「{}」の主な内容がないため、開催状況の表のこの行が空になります。", a.name),
                )
                .field(format!("activities[{i}]"))
                .hint("theme:（テーマ）、activity:（内容）、lecturers:（講師）、participants:（参加者）のどれかを書いてください。"),
            );
        }
    }
}

/// Goals of year `fy` without their activity or target (a goal set started from last year's
/// and still being written).
fn unwritten_goals(fy: i32, year: &YearData, draft: bool, out: &mut Problems) {
    let (Some(set), Some(file)) = (&year.goals, year.files.get("goals")) else {
        return;
    };
    if goal_iter(set).next().is_none() {
        out.push(
            Problem::unfilled(
                draft,
                file,
                format!(
                    "{}の目標が１つもないため、目標の表が空になります。",
                    fy_name(fy)
                ),
            )
            .field("components")
            .hint("components: に構成要素と課題、活動目標を書いてください。"),
        );
    }
    for (path, g) in goal_paths(set).filter(|(_, g)| g.repeats.is_none()) {
        for (value, key, what) in [
            (&g.activity, "activity", "活動目標"),
            (&g.target, "target", "目標値"),
        ] {
            if value.as_deref().is_none_or(blank) {
                out.push(
                    Problem::unfilled(
                        draft,
                        file,
                        format!(
                            "{}の目標 {} の{what}（{key}）がまだありません。",
                            fy_name(fy),
                            g.number
                        ),
                    )
                    .at_value(&format!("{path}.{key}"))
                    .hint(format!(
                        "{key}: を書いてください（別の目標の再掲なら repeats: を書きます）。{}",
                        if draft {
                            ""
                        } else {
                            "案のあいだは status: draft と書けば警告になります。"
                        }
                    )),
                );
            }
        }
    }
}

/// Goals of the evaluated year without a result yet.
fn unevaluated_goals(c: &CouncilData, fy: i32, year: &YearData, draft: bool, out: &mut Problems) {
    let (Some(set), Some(file)) = (&year.goals, year.files.get("evaluation")) else {
        return;
    };
    let results = year.evaluation.as_ref().map(|e| &e.results);
    for g in goal_iter(set).filter(|g| g.repeats.is_none()) {
        let result = results.and_then(|r| r.get(&g.number));
        if result.is_some_and(|r| r.as_ref().and_then(|r| r.word()).is_some_and(|r| !blank(r))) {
            continue;
        }
        out.push(
            Problem::unfilled(
                draft,
                file,
                format!(
                    "{}の目標 {} の評価がまだありません。",
                    fy_name(fy),
                    g.number
                ),
            )
            .field(format!("results.{}", g.number))
            .hint(format!(
                "{}: のあとに評価（{}）を書いてください。",
                g.number,
                c.council.evaluation_words.join(" / ")
            )),
        );
    }
}
