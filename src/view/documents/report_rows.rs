//! The annual report's 表１ rows and schedule entries as finished lines: each meeting and
//! activity with its name, date, place, attendance, lecturer and participants in the council's
//! words (`report.labels`), in the order they were held. The PDF and the page print the same
//! lines.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Lecturer, Meeting, Participants, ReportLabels, fill};
use crate::text::japanese::fullwidth;
use crate::view::{ActivityView, MeetingView, YearView};

/// 表１の行: 会議か活動１つ。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Table1Row {
    /// 左の列の見出し（第１回部会、研修会の名前）。
    pub label: String,
    /// 見出しの下の行（活動内容、【日時】…、【場所】…、【出席者】…、【講師】…、【参加者】…）。
    pub lines: Vec<String>,
    /// 右の列: 成果と課題（段落ごとに。案で書いていなければ style.unfilled）。
    pub outcomes: Vec<String>,
    /// ページをまたいでよい長い行か。
    pub long: bool,
}

/// 活動日程の１つ: 会議の名前と、その下の行（日時、場所、対応する活動目標、内容）。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ScheduleEntry {
    /// 会議の名前（第１回部会）。
    pub label: String,
    /// その下の行。
    pub lines: Vec<String>,
}

/// A row longer than this (in characters) may break across pages.
const LONG_ROW: usize = 600;

/// 第１回部会, or 第１回合同部会 for a meeting counted in a series of its own. `w.meeting`
/// keeps its {会議} for this (the other labels have the council's `meeting_label` in it).
fn meeting_label(w: &ReportLabels, m: &MeetingView<'_>) -> String {
    fill(
        &w.meeting,
        &[
            ("回", &fullwidth(&m.number.to_string())),
            ("会議", &m.counted_as),
        ],
    )
}

pub(super) fn count(n: u32) -> String {
    fullwidth(&n.to_string())
}

/// The participants' groups, each as `participant_group` says (「医療関係者３０名」).
pub(super) fn participant_groups(w: &ReportLabels, p: &Participants) -> Vec<String> {
    (p.breakdown.iter())
        .map(|g| {
            fill(
                &w.participant_group,
                &[("区分", &g.group), ("人数", &count(g.count))],
            )
        })
        .collect()
}

/// Every lecturer of a meeting or an activity: `lecturer`, then `lecturers`.
pub(crate) fn all_lecturers<'a>(
    one: Option<&'a Lecturer>,
    more: &'a [Lecturer],
) -> impl Iterator<Item = &'a Lecturer> {
    one.into_iter().chain(more)
}

/// The 【講師】 line: each lecturer's affiliation and name, 「、」 between lecturers.
fn lecturer(w: &ReportLabels, one: Option<&Lecturer>, more: &[Lecturer]) -> Option<String> {
    let who: Vec<String> = all_lecturers(one, more)
        .map(|l| {
            [l.affiliation.as_deref(), l.name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    (!who.is_empty()).then(|| fill(&w.lecturer, &[("講師", &who.join("、"))]))
}

/// The 【参加者】 line: the total (or the breakdown's sum) and the breakdown.
fn participants(w: &ReportLabels, participants: Option<&Participants>) -> Option<String> {
    let p = participants?;
    let total = p
        .total
        .unwrap_or_else(|| p.breakdown.iter().map(|g| g.count).sum());
    let breakdown = if p.breakdown.is_empty() {
        String::new()
    } else {
        let groups = participant_groups(w, p);
        fill(&w.participants_breakdown, &[("内訳", &groups.join("、"))])
    };
    Some(fill(
        &w.participants,
        &[("人数", &count(total)), ("内訳", &breakdown)],
    ))
}

fn meeting_row(w: &ReportLabels, m: &MeetingView<'_>, unfilled: &str) -> Table1Row {
    let mut lines = Vec::new();
    if let Some(a) = m.activity {
        lines.push(a.to_string());
    } else if !unfilled.is_empty() && m.content.is_none() {
        lines.push(unfilled.to_string());
    }
    lines.extend(lecturer(w, m.lecturer, m.lecturers));
    lines.push(fill(&w.held_when, &[("日時", &m.when)]));
    lines.push(fill(&w.held_place, &[("場所", &m.place)]));
    if let Some(n) = m.attendance {
        lines.push(fill(&w.held_attendance, &[("人数", &count(n))]));
    }
    lines.extend(participants(w, m.participants));
    let mut outcomes = m.outcomes.to_vec();
    if outcomes.is_empty() && !unfilled.is_empty() {
        outcomes.push(unfilled.to_string());
    }
    let size = m.outcomes.concat().chars().count() + m.activity.map_or(0, |a| a.chars().count());
    Table1Row {
        label: meeting_label(w, m),
        lines,
        outcomes,
        long: size > LONG_ROW,
    }
}

fn activity_row(w: &ReportLabels, a: &ActivityView<'_>) -> Table1Row {
    let act = a.activity;
    let mut lines: Vec<String> = act.activity.iter().cloned().collect();
    lines.extend(lecturer(w, act.lecturer.as_ref(), &act.lecturers));
    if act.date.is_some() {
        lines.push(fill(&w.held_when, &[("日時", &a.when)]));
        lines.push(fill(&w.held_place, &[("場所", &a.place)]));
    }
    lines.extend(participants(w, act.participants.as_ref()));
    let size = act.outcomes.concat().chars().count()
        + act.activity.as_deref().map_or(0, |a| a.chars().count());
    Table1Row {
        label: act.name.clone(),
        lines,
        outcomes: act.outcomes.clone(),
        long: size > LONG_ROW,
    }
}

/// 表１: the year's meetings and activities in the order they were held (an undated one after
/// the dated ones, in the order written).
pub(super) fn table1(
    w: &ReportLabels,
    year: &YearView<'_>,
    held: &[Meeting],
    unfilled: &str,
) -> Vec<Table1Row> {
    let mut rows: Vec<(Option<time::Date>, Table1Row)> = year
        .meetings
        .iter()
        .zip(held)
        .map(|(m, raw)| (raw.date.map(|d| d.0), meeting_row(w, m, unfilled)))
        .chain(
            year.activities
                .iter()
                .map(|a| (a.activity.date.map(|d| d.0), activity_row(w, a))),
        )
        .collect();
    rows.sort_by_key(|(d, _)| (d.is_none(), *d));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// 活動日程: the next year's meetings.
pub(super) fn schedule(w: &ReportLabels, year: &YearView<'_>) -> Vec<ScheduleEntry> {
    year.meetings
        .iter()
        .map(|m| {
            let mut lines = vec![
                fill(&w.schedule_when, &[("日時", &m.when)]),
                fill(&w.schedule_place, &[("場所", &m.place)]),
            ];
            if !m.goals.is_empty() {
                let goals: Vec<&str> = m.goals.iter().map(|g| g.cited.as_str()).collect();
                lines.push(fill(&w.schedule_goals, &[("目標", &goals.join("、"))]));
            }
            if let Some(c) = m.content {
                lines.push(fill(&w.schedule_content, &[("内容", c)]));
            }
            ScheduleEntry {
                label: meeting_label(w, m),
                lines,
            }
        })
        .collect()
}
