//! The view: what a template receives. Derived from the content, never written by staff:
//! re-listed goals carry the text and result of the goal they repeat, years come in pairs,
//! counts for spanning cells are computed.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::japanese;
use crate::model::{
    Activity, AgendaItem, AnnualReport, Council, Goal, GoalNo, GoalSet, Meeting, MeetingFormat,
    Member, MemberListDocument, PublicViewing,
};
use crate::project::{CouncilData, YearData};

/// Context of an annual report template.
#[derive(Debug, Serialize)]
pub struct ReportView<'a> {
    pub council: &'a Council,
    pub doc: ReportDoc<'a>,
    /// The evaluated year.
    pub evaluated: YearView<'a>,
    /// The year the new goals are for.
    pub next: YearView<'a>,
}

/// The report as written, and the figure's path as typst sees it (`/content/…`).
#[derive(Debug, Serialize)]
pub struct ReportDoc<'a> {
    #[serde(flatten)]
    pub report: &'a AnnualReport,
    pub figure_path: Option<String>,
}

/// One fiscal year as templates see it.
#[derive(Debug, Serialize)]
pub struct YearView<'a> {
    /// Western year of its April (2024 for 令和６年度).
    pub year: i32,
    pub components: Vec<ComponentView<'a>>,
    pub meetings: Vec<MeetingView<'a>>,
    pub activities: &'a [Activity],
    /// Why no meeting was held that year (`not_held` in meetings.yaml), if so.
    pub not_held: Option<&'a str>,
    pub members: &'a [Member],
}

#[derive(Debug, Serialize)]
pub struct ComponentView<'a> {
    pub number: u32,
    pub name: &'a str,
    /// Rows the component's cell spans.
    pub rows: usize,
    pub issues: Vec<IssueView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct IssueView<'a> {
    pub issue: &'a str,
    pub rows: usize,
    pub goals: Vec<GoalView<'a>>,
}

/// A goal with everything resolved.
#[derive(Debug, Clone, Serialize)]
pub struct GoalView<'a> {
    /// ３－５.
    pub number: String,
    /// The goal it re-lists, ３－４, when it is a 【再掲】.
    pub repeats: Option<String>,
    /// The 活動目標; in a 【再掲】 row, with the terms its goal defined already in use.
    pub activity: Cow<'a, str>,
    pub target: Cow<'a, str>,
    pub label: Option<&'a str>,
    /// The evaluation result, when the year was evaluated.
    pub result: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct MeetingView<'a> {
    /// The fiscal year it belongs to.
    pub year: i32,
    pub number: u32,
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub venue: Option<&'a str>,
    pub attendance: Option<u32>,
    pub activity: Option<&'a str>,
    pub goals: Vec<GoalView<'a>>,
    pub content: Option<&'a str>,
    pub outcomes: &'a [String],
    pub format: MeetingFormat,
    pub secretariat: &'a [String],
    pub observers: &'a [String],
    pub public: Option<&'a PublicViewing>,
    pub agenda: &'a [AgendaItem],
}

/// Context of a document about one meeting (minutes, agenda, packet).
#[derive(Debug, Serialize)]
pub struct MeetingDocView<'a> {
    pub council: &'a Council,
    pub material: Option<&'a str>,
    pub meeting: MeetingView<'a>,
    /// The meeting after this one, when it is known.
    pub next_meeting: Option<MeetingView<'a>>,
    /// The year's members, each marked absent or not.
    pub members: Vec<AttendeeView<'a>>,
    /// 提出資料, numbered.
    pub materials: Vec<MaterialView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct AttendeeView<'a> {
    pub organization: &'a str,
    pub name: Option<&'a str>,
    pub role: Option<&'a str>,
    pub absent: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MaterialView<'a> {
    /// 資料１ …; none for the agenda itself.
    pub number: Option<String>,
    pub title: &'a str,
    pub agenda: bool,
    pub handout: bool,
    /// Where its pages come from in a packet (virtual path of a PDF), filled in by the build.
    pub pdf: Option<String>,
    /// How many pages that PDF has.
    pub pages: usize,
}

/// Context of a member list.
#[derive(Debug, Serialize)]
pub struct MemberListView<'a> {
    pub council: &'a Council,
    pub doc: &'a MemberListDocument,
    pub year: i32,
    pub members: &'a [Member],
}

/// The goals of a year by number, for resolving references.
struct GoalIndex<'a> {
    goals: BTreeMap<GoalNo, &'a Goal>,
    results: BTreeMap<GoalNo, &'a str>,
    /// The council's defined terms (略称 → the words it stands for).
    terms: &'a BTreeMap<String, String>,
}

impl<'a> GoalIndex<'a> {
    fn new(year: &'a YearData, terms: &'a BTreeMap<String, String>) -> Self {
        let goals = year
            .goals
            .iter()
            .flat_map(goal_iter)
            .map(|g| (g.number, g))
            .collect();
        let results = year
            .evaluation
            .iter()
            .flat_map(|e| e.results.iter().map(|(k, v)| (*k, v.as_str())))
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
        GoalView {
            number: g.number.to_string(),
            repeats: g.repeats.map(|r| r.to_string()),
            activity: text(&origin.activity),
            target: text(&origin.target),
            label: g.label.as_deref().or(origin.label.as_deref()),
            result: self.results.get(&origin.number).copied(),
        }
    }

    fn view_no(&self, no: GoalNo) -> Option<GoalView<'a>> {
        self.goals.get(&no).map(|g| self.view(g))
    }
}

/// Every goal of a goal set, in order.
pub fn goal_iter(set: &GoalSet) -> impl Iterator<Item = &Goal> {
    set.components
        .iter()
        .flat_map(|c| c.issues.iter().flat_map(|i| i.goals.iter()))
}

static NO_DATA: std::sync::LazyLock<YearData> = std::sync::LazyLock::new(YearData::default);

/// The view of one fiscal year of a council (empty parts where nothing is written).
pub fn year_view<'a>(council: &'a CouncilData, year: i32) -> YearView<'a> {
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
        .map(|m| meeting_view(year, m, &index))
        .collect();
    YearView {
        year,
        components,
        meetings,
        activities: &data.meetings.activities,
        not_held: data.meetings.not_held.as_deref(),
        members: data.members.as_ref().map(|m| &m.members[..]).unwrap_or(&[]),
    }
}

fn meeting_view<'a>(year: i32, m: &'a Meeting, index: &GoalIndex<'a>) -> MeetingView<'a> {
    MeetingView {
        year,
        number: m.number,
        date: m.date.map(|d| d.to_string()),
        start: m.start.map(|t| t.to_string()),
        end: m.end.map(|t| t.to_string()),
        venue: m.venue.as_deref(),
        attendance: m.attendance,
        activity: m.activity.as_deref(),
        goals: m.goals.iter().filter_map(|n| index.view_no(*n)).collect(),
        content: m.content.as_deref(),
        outcomes: &m.outcomes,
        format: m.format,
        secretariat: &m.secretariat,
        observers: &m.observers,
        public: m.public.as_ref(),
        agenda: &m.agenda,
    }
}

/// The meeting `number` of fiscal year `year`, if written.
pub fn find_meeting(council: &CouncilData, year: i32, number: u32) -> Option<&Meeting> {
    council
        .years
        .get(&year)?
        .meetings
        .meetings
        .iter()
        .find(|m| m.number == number)
}

/// The context of a document about meeting `number` of `year` (which must exist: checked).
pub fn meeting_doc_view<'a>(
    council: &'a CouncilData,
    year: i32,
    number: u32,
    material: Option<&'a str>,
) -> Option<MeetingDocView<'a>> {
    let data = council.years.get(&year)?;
    let index = GoalIndex::new(data, &council.council.terms);
    let m = find_meeting(council, year, number)?;
    let next = find_meeting(council, year, number.saturating_add(1))
        .map(|n| (year, n))
        .or_else(|| find_meeting(council, year + 1, 1).map(|n| (year + 1, n)));
    let next_meeting = next.map(|(y, n)| {
        let next_index = GoalIndex::new(
            council.years.get(&y).unwrap_or(&NO_DATA),
            &council.council.terms,
        );
        meeting_view(y, n, &next_index)
    });
    let members = data
        .members
        .iter()
        .flat_map(|l| &l.members)
        .map(|mb| AttendeeView {
            organization: &mb.organization,
            name: mb.name.as_deref(),
            role: mb.role.as_deref(),
            absent: mb
                .name
                .as_ref()
                .is_some_and(|n| m.absent.iter().any(|a| a == n)),
        })
        .collect();
    let mut counter = 0;
    let materials = m
        .materials
        .iter()
        .map(|mat| {
            let number = (!mat.agenda).then(|| {
                counter += 1;
                format!("資料{}", crate::japanese::fullwidth(&counter.to_string()))
            });
            MaterialView {
                number,
                title: &mat.title,
                agenda: mat.agenda,
                handout: mat.handout,
                pdf: None,
                pages: 0,
            }
        })
        .collect();
    Some(MeetingDocView {
        council: &council.council,
        material,
        meeting: meeting_view(year, m, &index),
        next_meeting,
        members,
        materials,
    })
}

/// The context of a member list.
pub fn member_list_view<'a>(
    council: &'a CouncilData,
    doc: &'a MemberListDocument,
) -> MemberListView<'a> {
    let members = council
        .years
        .get(&doc.year)
        .and_then(|y| y.members.as_ref())
        .map(|m| &m.members[..])
        .unwrap_or(&[]);
    MemberListView {
        council: &council.council,
        doc,
        year: doc.year,
        members,
    }
}

/// The context of an annual report.
pub fn report_view<'a>(council: &'a CouncilData, report: &'a AnnualReport) -> ReportView<'a> {
    let council_rel = council_virtual_dir(council);
    ReportView {
        council: &council.council,
        doc: ReportDoc {
            report,
            figure_path: report
                .figure
                .as_ref()
                .map(|f| format!("{council_rel}/{}", f.file.trim_start_matches("./"))),
        },
        evaluated: year_view(council, report.year),
        next: year_view(council, report.year + 1),
    }
}

/// The council folder as a virtual path from the project root: `/content/<slug>`.
pub fn council_virtual_dir(council: &CouncilData) -> String {
    format!("/content/{}", council.slug)
}
