//! The view: what a template receives. Derived from the content, never written by staff:
//! re-listed goals carry the text and result of the goal they repeat, years come in pairs,
//! counts for spanning cells are computed.

pub(crate) mod achievement;
pub(crate) mod documents;
pub(crate) mod forms;
pub(crate) mod goal_changes;
pub(crate) mod members;
pub(crate) mod needs;
pub(crate) mod phrases;

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::council::goal_iter;
use crate::model::council::{CouncilData, YearData};
use crate::model::{
    Activity, AgendaItem, Council, Goal, GoalNo, GoalResult, Meeting, MeetingFormat, Member,
    PublicViewing, TimeStyle,
};
use crate::text::japanese;

/// One fiscal year as templates see it.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct YearView<'a> {
    /// 年度（西暦、令和６年度なら 2024）。`fiscal_year` フィルタで「令和６年度」に。
    pub year: i32,
    /// 構成要素（重点項目、にも包括の構成要素など。goals.yaml）。
    pub components: Vec<ComponentView<'a>>,
    /// 会議（meetings.yaml）。
    pub meetings: Vec<MeetingView<'a>>,
    /// 会議でない活動（表１の行）。
    pub activities: Vec<ActivityView<'a>>,
    /// 会議を開かなかった理由（meetings.yaml の not_held）。
    pub not_held: Option<&'a str>,
    /// 委員（members.yaml）。
    pub members: Vec<MemberView<'a>>,
}

/// A member, and the line a report lists them by.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct MemberView<'a> {
    #[serde(flatten)]
    pub member: &'a Member,
    /// 所属 職名 氏名（役職）（書いたものだけ。council.yaml の report.labels.member の形）。
    pub line: String,
    /// この委員から区分が変わるとき、その区分の見出し（report.labels.member_group の形: 【識見を有する者】）。
    pub group: Option<String>,
}

/// The members of a year as a report lists them: each one's line, and a heading before the
/// first of each category when the council groups them (`report.labels.member_group`, and
/// no `{区分}` beside each name).
pub(crate) fn member_views<'a>(council: &Council, members: &'a [Member]) -> Vec<MemberView<'a>> {
    let w = &council.report.labels;
    let line = |m: &'a Member| crate::view::members::member(&w.member, &m.into(), "");
    let grouped = !w.member_group.is_empty()
        && !w.member.contains("{区分}")
        && crate::view::members::any_category(members.iter());
    if !grouped {
        return members
            .iter()
            .map(|m| MemberView {
                member: m,
                line: line(m),
                group: None,
            })
            .collect();
    }
    crate::view::members::by_category(council, members, |m| m.category.as_deref())
        .into_iter()
        .flat_map(|(category, these)| {
            let heading = category.map(|c| crate::model::fill(&w.member_group, &[("区分", &c)]));
            these.into_iter().enumerate().map(move |(i, m)| MemberView {
                member: m,
                line: line(m),
                group: heading.clone().filter(|_| i == 0),
            })
        })
        .collect()
}

/// An activity (研修会・講演会など) with its date and place in the council's words.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ActivityView<'a> {
    #[serde(flatten)]
    pub activity: &'a Activity,
    /// 日時（協議会の書き方で）。
    pub when: String,
    /// 場所（開催の仕方に合わせて）。
    pub place: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ComponentView<'a> {
    /// 構成要素の番号。
    pub number: u32,
    /// 構成要素の名前。
    pub name: &'a str,
    /// 構成要素のセルがまたがる行の数。
    pub rows: usize,
    /// 課題。
    pub issues: Vec<IssueView<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct IssueView<'a> {
    /// 課題の文。
    pub issue: &'a str,
    /// 課題のセルがまたがる行の数（目標の数）。
    pub rows: usize,
    /// 活動目標。
    pub goals: Vec<GoalView<'a>>,
}

/// A goal with everything resolved.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct GoalView<'a> {
    /// 目標番号（３－５）。
    pub number: String,
    /// 【再掲】のとき、再掲元の目標番号（３－４）。
    pub repeats: Option<String>,
    /// 活動目標。【再掲】の行では、再掲元で定義した略称を使った文。
    pub activity: Cow<'a, str>,
    /// 目標値。
    pub target: Cow<'a, str>,
    /// 引用するときの短い名前（活動日程の「３－１（…）」）。
    pub label: Option<&'a str>,
    /// 評価（評価した年度のとき）。
    pub result: Option<&'a str>,
    /// 評価の理由（evaluation.yaml に reason: を書いたとき）。
    pub reason: Option<&'a str>,
    /// 実績（evaluation.yaml に actual: を書いたとき）。
    pub actual: Option<&'a str>,
    /// 達成率（目標値と実績に数があるとき: ６０％）。
    pub rate: Option<String>,
    /// その行の目標番号の書き方（３－５、３－５（３－４【再掲】））。
    pub shown: String,
    /// 引用するときの書き方（３－１（略称）、【再掲】ならその元）。
    pub cited: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct MeetingView<'a> {
    /// 会議の年度（西暦）。
    pub year: i32,
    /// 第N回。
    pub number: u32,
    /// 別に数える会議のとき、その呼び方（meetings.yaml の series: 合同部会）。
    pub series: Option<&'a str>,
    /// 第N回の後ろに付く回の呼び方: series、なければ協議会の meeting_label（部会）。
    pub counted_as: String,
    /// 開催日（2024-05-23）。`wareki`、`weekday` フィルタで「令和６年５月２３日」「木」に。
    pub date: Option<String>,
    /// 開始時刻（15:00）。`time_as` フィルタで協議会の書き方に。
    pub start: Option<String>,
    /// 終了時刻。
    pub end: Option<String>,
    /// 期間の最後の日（書面開催の回答期限など）。
    pub until: Option<String>,
    /// 場所（書かれていなければ空）。印刷には `place` を使います。
    pub venue: Option<&'a str>,
    /// 会議の名前（令和６年度 第１回〇〇協議会〇〇部会）。
    pub name: String,
    /// 日時（協議会の書き方で: 令和６年５月２３日（木）午後３時～午後５時。決まっていなければ「未定」など）。
    pub when: String,
    /// 次第の日時（開始時刻まで: 令和６年５月２３日（木）午後３時～。決まっていなければ「未定」など）。
    pub when_start: String,
    /// 書面開催の次第の見出し（書面開催（令和６年５月２３日（木）））。
    pub written: String,
    /// 場所（開催の仕方に合わせて: 書面開催、オンライン開催、〇〇（オンライン併用）、未定）。
    pub place: String,
    /// 事務局を１行で（障害福祉課（課長、係長））。
    pub secretariat_line: String,
    /// 出席者数。
    pub attendance: Option<u32>,
    /// 活動内容（表１）。
    pub activity: Option<&'a str>,
    /// 講師（研修会として開いた回）。
    pub lecturer: Option<&'a crate::model::Lecturer>,
    /// 講師が何人かいるとき、lecturer に続く一人ひとり。
    pub lecturers: &'a [crate::model::Lecturer],
    /// 参加者（研修会として開いた回）。
    pub participants: Option<&'a crate::model::Participants>,
    /// 対応する活動目標。
    pub goals: Vec<GoalView<'a>>,
    /// 内容（目標に対応しない会議の説明）。
    pub content: Option<&'a str>,
    /// 成果と課題（段落）。
    pub outcomes: &'a [String],
    /// 開催の仕方: in_person / online / hybrid / written。
    pub format: MeetingFormat,
    /// 事務局（職名）。
    pub secretariat: &'a [String],
    /// 事務局の担当課。
    pub secretariat_department: Option<&'a str>,
    /// 敬称略と印刷するか。
    pub honorifics_omitted: bool,
    /// オブザーバー。
    pub observers: &'a [String],
    /// 傍聴と会議録の公開。
    pub public: Option<&'a PublicViewing>,
    /// 会議次第と会議結果。
    pub agenda: &'a [AgendaItem],
}

/// The goals of a year by number, for resolving references.
pub(crate) struct GoalIndex<'a> {
    goals: BTreeMap<GoalNo, &'a Goal>,
    results: BTreeMap<GoalNo, &'a GoalResult>,
    /// The council's defined terms (略称 → the words it stands for).
    terms: &'a BTreeMap<String, String>,
}

impl<'a> GoalIndex<'a> {
    pub(crate) fn new(year: &'a YearData, terms: &'a BTreeMap<String, String>) -> Self {
        let goals = year
            .goals
            .iter()
            .flat_map(goal_iter)
            .map(|g| (g.number, g))
            .collect();
        let results = year
            .evaluation
            .iter()
            .flat_map(|e| {
                e.results
                    .iter()
                    .filter_map(|(k, v)| Some((*k, v.as_ref()?)))
            })
            .collect();
        GoalIndex {
            goals,
            results,
            terms,
        }
    }

    /// The goal whose text and result `g` carries: itself, or the goal it re-lists.
    fn origin(&self, g: &'a Goal) -> &'a Goal {
        g.repeats
            .and_then(|r| self.goals.get(&r).copied())
            .unwrap_or(g)
    }

    fn view(&self, g: &'a Goal) -> GoalView<'a> {
        let origin = self.origin(g);
        // A 【再掲】 row comes after the goal it repeats, where the goal's terms were defined:
        // it uses them instead of defining them again.
        let text = |s: &'a Option<String>| {
            let s = s.as_deref().unwrap_or_default();
            if origin.number < g.number {
                japanese::after_definitions(s, self.terms)
            } else {
                Cow::Borrowed(s)
            }
        };
        let number = g.number.to_string();
        let repeats = g.repeats.map(|r| r.to_string());
        let label = g.label.as_deref().or(origin.label.as_deref());
        GoalView {
            shown: phrases::goal_number(&number, repeats.as_deref()),
            cited: phrases::goal_reference(&number, repeats.as_deref(), label),
            number,
            repeats,
            activity: text(&origin.activity),
            target: text(&origin.target),
            label,
            result: self.result(origin, GoalResult::word),
            reason: self.result(origin, GoalResult::reason),
            actual: self.result(origin, GoalResult::actual),
            rate: self
                .result(origin, GoalResult::actual)
                .zip(origin.target.as_deref())
                .and_then(|(a, t)| crate::view::achievement::rate(t, a))
                .map(crate::view::achievement::rate_text),
        }
    }

    /// A part of goal `g`'s result, if written and not blank.
    fn result(&self, g: &Goal, part: fn(&'a GoalResult) -> Option<&'a str>) -> Option<&'a str> {
        let r = self.results.get(&g.number).copied()?;
        part(r).filter(|v| !v.trim().is_empty())
    }

    fn view_no(&self, no: GoalNo) -> Option<GoalView<'a>> {
        self.goals.get(&no).map(|g| self.view(g))
    }
}

pub(crate) static NO_DATA: std::sync::LazyLock<YearData> =
    std::sync::LazyLock::new(YearData::default);

/// The view of one fiscal year of a council (empty parts where nothing is written).
pub(crate) fn year_view<'a>(council: &'a CouncilData, year: i32) -> YearView<'a> {
    let data = council.years.get(&year).unwrap_or(&NO_DATA);
    let index = GoalIndex::new(data, &council.council.terms);
    let components = data
        .goals
        .iter()
        .flat_map(|s| s.components.iter())
        .map(|c| {
            let issues: Vec<IssueView> = c
                .issues
                .iter()
                .map(|i| IssueView {
                    issue: &i.issue,
                    rows: i.goals.len(),
                    goals: i.goals.iter().map(|g| index.view(g)).collect(),
                })
                .collect();
            ComponentView {
                number: c.number,
                name: &c.name,
                rows: issues.iter().map(|i| i.rows).sum(),
                issues,
            }
        })
        .collect();
    let meetings = data
        .meetings
        .meetings
        .iter()
        .map(|m| meeting_view(&council.council, year, m, &index, TimeStyle::Ja))
        .collect();
    let style = &council.council.style;
    let activities = data
        .meetings
        .activities
        .iter()
        .map(|a| ActivityView {
            activity: a,
            when: phrases::when(style, a, TimeStyle::Ja),
            place: phrases::place(style, a),
        })
        .collect();
    YearView {
        year,
        components,
        meetings,
        activities,
        not_held: data.meetings.not_held.as_deref(),
        members: member_views(
            &council.council,
            data.members.as_ref().map_or(&[], |l| &l.members[..]),
        ),
    }
}

/// A meeting as templates see it; `usual` is the time style of the document's form when the
/// council names none.
pub(crate) fn meeting_view<'a>(
    council: &Council,
    year: i32,
    m: &'a Meeting,
    index: &GoalIndex<'a>,
    usual: TimeStyle,
) -> MeetingView<'a> {
    let style = &council.style;
    MeetingView {
        name: phrases::meeting_name(council, year, m),
        when: phrases::when(style, m, usual),
        when_start: phrases::when_start(style, m, usual),
        written: phrases::written(style, m),
        place: phrases::place(style, m),
        secretariat_line: phrases::secretariat(m),
        year,
        number: m.number,
        series: m.series.as_deref(),
        counted_as: m
            .series
            .clone()
            .unwrap_or_else(|| council.meeting_label.clone()),
        date: m.date.map(|d| d.to_string()),
        start: m.start.map(|t| t.to_string()),
        end: m.end.map(|t| t.to_string()),
        until: m.until.map(|d| d.to_string()),
        venue: m.venue.as_deref(),
        attendance: m.attendance,
        activity: m.activity.as_deref(),
        lecturer: m.lecturer.as_ref(),
        lecturers: &m.lecturers,
        participants: m.participants.as_ref(),
        goals: m.goals.iter().filter_map(|n| index.view_no(*n)).collect(),
        content: m.content.as_deref(),
        outcomes: &m.outcomes,
        format: m.format,
        secretariat: &m.secretariat,
        secretariat_department: m.secretariat_department.as_deref(),
        honorifics_omitted: m.honorifics_omitted,
        observers: &m.observers,
        public: m.public.as_ref(),
        agenda: &m.agenda,
    }
}

/// The council folder as a virtual path from the project root: `/content/<slug>`.
pub(crate) fn council_virtual_dir(council: &CouncilData) -> String {
    format!("/content/{}", council.slug)
}
