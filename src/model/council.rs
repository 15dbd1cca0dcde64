//! A council as read from its folder: its `council.yaml`, what is written about each fiscal
//! year and the documents to build; and the questions every stage asks of it (a meeting by
//! number, the goals in order).

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{
    Council, Document, Evaluation, Goal, GoalSet, Meeting, MeetingList, Member, MemberList,
};

/// The fiscal years a document may be about (the range of year folders).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The project: its root and every council found under `content/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub root: PathBuf,
    pub councils: Vec<CouncilData>,
    /// Every content file read, with its text (byte-order mark removed), in reading order.
    pub texts: Vec<(PathBuf, String)>,
}

/// One council folder (`content/<dir>/council.yaml` and what lies beside it).
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilData {
    /// The folder, absolute.
    pub dir: PathBuf,
    /// The folder's path under `content/` (`/`-separated), used for output paths.
    pub slug: String,
    pub council: Council,
    pub years: BTreeMap<i32, YearData>,
    pub documents: Vec<DocumentFile>,
    /// The bodies of each joint meeting (合同部会) of this council, and their members.
    pub joint: JointBodies,
}

/// What is written about one fiscal year.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct YearData {
    pub goals: Option<GoalSet>,
    pub meetings: MeetingList,
    pub evaluation: Option<Evaluation>,
    pub members: Option<MemberList>,
    /// The files found, for messages (`goals` → path), whether or not they could be read.
    pub files: BTreeMap<&'static str, PathBuf>,
    /// The files found that could not be read or parsed (already reported): checks that
    /// depend on them stay quiet rather than report what follows from the first error.
    pub broken: std::collections::BTreeSet<&'static str>,
}

/// One document to build.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentFile {
    pub path: PathBuf,
    /// The file name without `.yaml`.
    pub name: String,
    pub document: Document,
}

impl DocumentFile {
    /// `<council>/<name>`: how the document is named on the command line and under `output/`.
    pub fn id(&self, council: &CouncilData) -> String {
        format!("{}/{}", council.slug, self.name)
    }
}

impl Project {
    /// Every document, with its council.
    pub fn documents(&self) -> impl Iterator<Item = (&CouncilData, &DocumentFile)> {
        self.councils
            .iter()
            .flat_map(|c| c.documents.iter().map(move |d| (c, d)))
    }
}

/// A body of a joint meeting, with its members that year.
#[derive(Debug, Clone, PartialEq)]
pub struct JointBody {
    /// The body's name (its `body`, or the council's name).
    pub name: String,
    pub members: Vec<Member>,
}

/// The bodies of each joint meeting of a council, by (fiscal year, its own series, its own
/// number), the body that keeps the record first.
pub type JointBodies = BTreeMap<(i32, Option<String>, u32), Vec<JointBody>>;

/// Every goal of a goal set, in order.
pub fn goal_iter(set: &GoalSet) -> impl Iterator<Item = &Goal> {
    set.components
        .iter()
        .flat_map(|c| c.issues.iter().flat_map(|i| i.goals.iter()))
}

/// Where a goal is written in goals.yaml, as a field path: `components[0].issues[1].goals[2]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalPath {
    pub component: usize,
    pub issue: usize,
    pub goal: usize,
}

impl std::fmt::Display for GoalPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let GoalPath {
            component,
            issue,
            goal,
        } = self;
        write!(f, "components[{component}].issues[{issue}].goals[{goal}]")
    }
}

/// Every goal of a goal set, in order, with where it is written.
pub fn goal_paths(set: &GoalSet) -> impl Iterator<Item = (GoalPath, &Goal)> {
    set.components
        .iter()
        .enumerate()
        .flat_map(|(component, c)| {
            c.issues.iter().enumerate().flat_map(move |(issue, i)| {
                i.goals.iter().enumerate().map(move |(goal, g)| {
                    let path = GoalPath {
                        component,
                        issue,
                        goal,
                    };
                    (path, g)
                })
            })
        })
}

/// The meeting `number` of fiscal year `year` in `series` (none: the council's own numbered
/// meetings), if written.
pub fn find_meeting<'a>(
    council: &'a CouncilData,
    year: i32,
    series: Option<&str>,
    number: u32,
) -> Option<&'a Meeting> {
    council
        .years
        .get(&year)?
        .meetings
        .meetings
        .iter()
        .find(|m| m.number == number && m.series.as_deref() == series)
}

/// The meeting after `number` of `year` in its series: the next number, or the first of the
/// next year's.
pub fn next_meeting<'a>(
    council: &'a CouncilData,
    year: i32,
    series: Option<&str>,
    number: u32,
) -> Option<(i32, &'a Meeting)> {
    find_meeting(council, year, series, number.saturating_add(1))
        .map(|n| (year, n))
        .or_else(|| find_meeting(council, year + 1, series, 1).map(|n| (year + 1, n)))
}

/// A meeting as messages name it: 第２回, or 第１回合同部会 in a series of its own.
pub fn called(series: Option<&str>, number: u32) -> String {
    format!(
        "第{}回{}",
        crate::text::japanese::zen(number),
        series.unwrap_or_default()
    )
}
