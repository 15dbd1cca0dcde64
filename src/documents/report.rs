//! 「令和N年度評価結果及び令和N+1年度目標設定」: the evaluated year's meetings (表１) and
//! evaluation (表２), the next year's goals (表３), schedule and members.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Attach, Kind, Prepared};
use crate::diag::{Problem, Problems, fy_name};
use crate::japanese;
use crate::model::{AnnualReport, Council, ReportLabels};
use crate::needs::{blank, has_file, held_meetings, members, planned_meetings, readable};
use crate::project::{CouncilData, DocumentFile, YearData};
use crate::view::{YearView, council_virtual_dir, goal_iter, goal_paths, year_view};

pub(super) struct Report<'a>(pub &'a AnnualReport);

impl Kind for Report<'_> {
    fn name(&self) -> &'static str {
        "評価結果及び目標設定"
    }

    fn year(&self) -> i32 {
        self.0.year
    }

    /// A report is written after the year it evaluates, before the next one ends.
    fn dated(&self) -> Option<(time::Date, std::ops::RangeInclusive<i32>)> {
        Some((self.0.date.0, self.0.year..=self.0.year + 1))
    }

    fn draft(&self) -> bool {
        self.0.status.is_draft()
    }

    fn template<'a>(&'a self, _: &'a Council) -> &'a str {
        &self.0.template
    }

    fn needs(&self, c: &CouncilData, file: &DocumentFile, out: &mut Problems) {
        let r = self.0;
        let needs = [
            (r.year, "goals", "目標（goals.yaml）"),
            (r.year, "evaluation", "評価（evaluation.yaml）"),
            (r.year, "meetings", "会議（meetings.yaml）"),
            (r.year, "members", "委員（members.yaml）"),
            (r.year + 1, "goals", "目標（goals.yaml）"),
            (r.year + 1, "meetings", "会議の予定（meetings.yaml）"),
            (r.year + 1, "members", "委員（members.yaml）"),
        ];
        for (fy, key, what) in needs {
            if !has_file(c, fy, key, file, what, out) {
                continue;
            }
            let Some(year) = readable(c, fy, key) else {
                continue;
            };
            match key {
                "meetings" if fy == r.year => {
                    held_meetings(c, fy, year, r.date.0, r.status.is_draft(), out)
                }
                "goals" => unwritten_goals(fy, year, r.status.is_draft(), out),
                "evaluation" => unevaluated_goals(c, fy, year, r.status.is_draft(), out),
                "meetings" => planned_meetings(c, fy, year, r.status.is_draft(), out),
                "members" => members(c, fy, year, out),
                _ => {}
            }
        }
        if let Some(f) = &r.figure {
            crate::images::check_figure(&c.dir, &f.file, &file.path, out);
            if f.alt.trim().is_empty() {
                out.push(
                    Problem::error(&file.path, "図の説明（alt）が空です。")
                        .field("figure.alt")
                        .hint("画面読み上げソフトが読む、図の内容の説明を書いてください（PDF/UA で必要です）。"),
                );
            }
        }
    }

    fn prepare(
        &self,
        c: &CouncilData,
        _: &DocumentFile,
        _: &mut Attach<'_>,
    ) -> Result<Prepared, Problems> {
        Prepared::new(report_view(c, self.0), self.0.date.0)
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

/// Context of an annual report template.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ReportView<'a> {
    /// 協議会（council.yaml の内容）。
    pub council: &'a Council,
    /// 案（status: draft）か。案なら「案」と印刷し、まだ書いていないところに style.unfilled を印刷します。
    pub draft: bool,
    /// 資料（documents/<資料名>.yaml の内容）。
    pub doc: ReportDoc<'a>,
    /// 評価する年度（表１・表２）。
    pub evaluated: YearView<'a>,
    /// 次の年度（表３、活動日程、委員）。
    pub next: YearView<'a>,
    /// 見出し、列の名前、決まった文（council.yaml の report.labels、{年度} などを埋めたもの）。
    pub words: ReportLabels,
    /// 協議会と部会の名前（〇〇協議会〇〇部会）。
    pub issuer: String,
    /// 題名の下の作成者の行（できあがった言葉）: author.organization を書いたときはその行と、
    /// 「職名 氏名」の行。
    pub author: Vec<String>,
    /// 評価の凡例（「◎ 達成」…。evaluation_legend があるとき）。
    pub legend: Vec<String>,
    /// 表２の活動目標の右の列（key: target / actual / rate / result / reason と、その見出し）。
    pub table2_columns: Vec<TableColumn>,
    /// 表３の活動目標の右の列（目標値）。
    pub table3_columns: Vec<TableColumn>,
    /// 章の見出し（番号の付いた、できあがった言葉）。
    pub headings: Headings,
    /// 図の表題（できあがった言葉。図があるとき）。
    pub figure_caption: Option<String>,
    /// 表１の行: 評価する年度の会議と活動を、開いた順に（できあがった言葉）。
    pub table1: Vec<super::report_rows::Table1Row>,
    /// 活動日程: 次の年度の会議（できあがった言葉）。
    pub schedule: Vec<super::report_rows::ScheduleEntry>,
}

/// 表の列１つ: 値を読む名前（GoalView の target、actual、rate、result、reason）と見出し。
#[derive(Debug, Serialize, JsonSchema)]
pub struct TableColumn {
    /// target / actual / rate / result / reason。
    pub key: &'static str,
    /// 列の見出し（できあがった言葉）。
    pub label: String,
    /// 見出しのいちばん長い文節の文字数（列をそれより狭くしないために）。
    pub widest: usize,
}

fn table_columns(w: &ReportLabels, columns: &[crate::model::Column]) -> Vec<TableColumn> {
    use crate::model::Column;
    columns
        .iter()
        .map(|c| {
            let label = match c {
                Column::Target => &w.target,
                Column::Actual => &w.actual,
                Column::Rate => &w.rate,
                Column::Result => &w.result,
                Column::Reason => &w.reason,
            }
            .clone();
            TableColumn {
                key: c.key(),
                widest: crate::breaks::widest_phrase(&label),
                label,
            }
        })
        .collect()
}

/// 章の見出し: section_heading の形に番号と言葉を入れたもの。
#[derive(Debug, Serialize, JsonSchema)]
pub struct Headings {
    /// １ はじめに。
    pub introduction: String,
    /// ２ 評価結果。
    pub evaluation: String,
    /// ３ 目標設定。
    pub goal_setting: String,
    /// ４ 活動日程。
    pub schedule: String,
    /// ５ 委員の構成。
    pub members: String,
}

impl Headings {
    fn new(w: &ReportLabels) -> Headings {
        let h = |n: u32, words: &str| {
            crate::model::fill(
                &w.section_heading,
                &[
                    ("番号", &japanese::fullwidth(&n.to_string())),
                    ("見出し", words),
                ],
            )
        };
        Headings {
            introduction: h(1, &w.introduction),
            evaluation: h(2, &w.evaluation),
            goal_setting: h(3, &w.goal_setting),
            schedule: h(4, &w.schedule),
            members: h(5, &w.members),
        }
    }
}

/// The report as written, and the figure's path as typst sees it (`/content/…`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct ReportDoc<'a> {
    #[serde(flatten)]
    pub report: &'a AnnualReport,
    /// 図のファイルの、Typst から見た場所（`image(…)` に渡す）。
    pub figure_path: Option<String>,
}

/// The context of an annual report.
pub(crate) fn report_view<'a>(
    council: &'a CouncilData,
    report: &'a AnnualReport,
) -> ReportView<'a> {
    let council_rel = council_virtual_dir(council);
    let words = report_words(&council.council, report);
    let evaluated = year_view(council, report.year);
    let next = year_view(council, report.year + 1);
    let unfilled = if report.status.is_draft() {
        council.council.style.unfilled.as_str()
    } else {
        ""
    };
    let held = council
        .years
        .get(&report.year)
        .map_or(&[][..], |y| &y.meetings.meetings[..]);
    let table1 = super::report_rows::table1(&words, &evaluated, held, unfilled);
    let schedule = super::report_rows::schedule(&words, &next);
    let headings = Headings::new(&words);
    let table2_columns = table_columns(&words, &council.council.report.table2_columns());
    let table3_columns = table_columns(&words, &[crate::model::Column::Target]);
    let figure_caption = report
        .figure
        .as_ref()
        .map(|f| crate::model::fill(&words.figure_caption, &[("図", &f.caption)]));
    ReportView {
        council: &council.council,
        draft: report.status.is_draft(),
        doc: ReportDoc {
            report,
            figure_path: report
                .figure
                .as_ref()
                .map(|f| format!("{council_rel}/{}", f.file.trim_start_matches("./"))),
        },
        evaluated,
        next,
        words,
        issuer: crate::phrases::issuer(&council.council),
        author: crate::phrases::author(&report.author),
        legend: crate::phrases::legend(&council.council),
        table2_columns,
        table3_columns,
        headings,
        figure_caption,
        table1,
        schedule,
    }
}

/// The council's report labels with their placeholders filled in: years named as on the
/// report's date (as the `fiscal_year` filter names them).
fn report_words(council: &Council, report: &AnnualReport) -> ReportLabels {
    let on = Some(report.date.0);
    let fy = |y: i32| {
        japanese::fiscal_year_as_of(y, on)
            .unwrap_or_else(|_| format!("{}年度", japanese::fullwidth(&y.to_string())))
    };
    let short = japanese::fiscal_year_short(report.year, on)
        .unwrap_or_else(|_| japanese::fullwidth(&report.year.to_string()));
    let (evaluated, next) = (fy(report.year), fy(report.year + 1));
    let years = |label: &str| {
        label
            .replace("{年度略}", &short)
            .replace("{年度}", &evaluated)
            .replace("{次年度}", &next)
    };
    let mut words = council
        .report
        .labels
        .fill(|label| years(label).replace("{会議}", &council.meeting_label));
    // A meeting's name says its own series (第１回合同部会): report_rows fills {会議} per meeting.
    words.meeting = years(&council.report.labels.meeting);
    words
}
