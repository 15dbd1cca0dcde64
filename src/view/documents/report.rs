//! 「令和N年度評価結果及び令和N+1年度目標設定」: the evaluated year's meetings (表１) and
//! evaluation (表２), the next year's goals (表３), schedule and members.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Attach, Kind, Prepared};
use crate::diag::Problems;
use crate::model::council::{CouncilData, DocumentFile};
use crate::model::{AnnualReport, Council, ReportForm, ReportLabels, ReportPart};
use crate::text::dates;
use crate::text::japanese;
use crate::view::{YearView, council_virtual_dir, year_view};

pub(super) struct Report<'a>(pub &'a AnnualReport);

impl Kind for Report<'_> {
    fn name(&self) -> &'static str {
        "年度の報告"
    }

    fn year(&self) -> i32 {
        self.0.year
    }

    /// A report is written after the year it evaluates, before the next one ends.
    fn dated(&self) -> Option<(time::Date, std::ops::RangeInclusive<i32>)> {
        self.0.date.map(|d| (d.0, self.0.year..=self.0.year + 1))
    }

    fn draft(&self) -> bool {
        self.0.status.is_draft()
    }

    fn template<'a>(&'a self, _: &'a Council) -> &'a str {
        &self.0.template
    }

    fn needs(&self, c: &CouncilData, file: &DocumentFile, out: &mut Problems) {
        super::report_needs::needs(self.0, c, file, out);
    }

    fn prepare(
        &self,
        c: &CouncilData,
        _: &DocumentFile,
        _: &mut Attach<'_>,
    ) -> Result<Prepared, Problems> {
        // An undated report (its form prints no date) is dated by the end of its year.
        let date = self.0.date.map(|d| d.0).unwrap_or_else(|| {
            time::Date::from_calendar_date(self.0.year + 1, time::Month::March, 31)
                .unwrap_or(time::Date::MIN)
        });
        Prepared::new(report_view(c, self.0), date)
    }
}

/// Context of an annual report template.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ReportView<'a> {
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
    /// 題名の行（様式の title を埋めたもの）。
    pub title: Vec<String>,
    /// 資料の題名（PDF の情報と Web ページの title）: 題名の行を空白でつないだもの。
    pub document_title: String,
    /// PDF の情報の作成者（「職名 氏名」。作成者がなければ協議会と部会の名前）。
    pub pdf_author: String,
    /// 右上に印刷する日付（2025-03-25。様式が日付を印刷しないときは空）。
    pub date: Option<String>,
    /// 題名の下の作成者の行（できあがった言葉）: author.organization を書いたときはその行と、
    /// 「職名 氏名」の行。様式が作成者を印刷しないときは空。
    pub author: Vec<String>,
    /// 評価の凡例（「◎ 達成」…。evaluation_legend があるとき）。
    pub legend: Vec<String>,
    /// 表２の活動目標の右の列（key: target / actual / rate / result / reason と、その見出し）。
    pub table2_columns: Vec<TableColumn>,
    /// 表３の活動目標の右の列（目標値）。
    pub table3_columns: Vec<TableColumn>,
    /// 表２・表３の１列目（重点項目）の見出しと値のいちばん長い語の文字数（列をそれより狭くしないために）。
    pub component_widest: usize,
    /// 章（様式の順に）: 種類と、番号の付いた見出し。
    pub sections: Vec<SectionView>,
    /// 図の表題（できあがった言葉。図があるとき）。
    pub figure_caption: Option<String>,
    /// 表１の行: 評価する年度の会議と活動を、開いた順に（できあがった言葉）。
    pub table1: Vec<super::report_rows::Table1Row>,
    /// 活動日程: 次の年度の会議（できあがった言葉）。
    pub schedule: Vec<super::report_rows::ScheduleEntry>,
    /// 開催状況の表の行: 評価する年度に開いた会議と活動を、開いた順に（できあがった言葉）。
    pub held: Vec<super::report_held::HeldRow>,
    /// 開催状況の表の列の幅（文字数）: 種類、欄の見出し（開催日、主な内容）の長いほう、開催日
    /// （それぞれ８、６、１３文字まで。それより長いものは折り返します）。
    pub held_widths: [usize; 3],
    /// 表ごとの組み方（council.yaml の tables から: 横向きのページか、文字を何倍にするか）。PDF、Web ページ、Word の
    /// ファイルが同じものを使います。
    pub tables: crate::model::TableLooks,
}

/// 表の列１つ: 値を読む名前（GoalView の target、actual、rate、result、reason）と見出し。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TableColumn {
    /// target / actual / rate / result / reason。
    pub key: &'static str,
    /// 列の見出し（できあがった言葉）。
    pub label: String,
    /// 見出しのいちばん長い文節と、列の値のいちばん長い語の文字数の大きいほう（列をそれより狭くしないために）。
    pub widest: usize,
}

fn table_columns(
    w: &ReportLabels,
    columns: &[crate::model::Column],
    year: &YearView<'_>,
) -> Vec<TableColumn> {
    use crate::model::Column;
    // The widest word of a column's values: a column is never narrower than its longest word.
    let goals = || {
        year.components
            .iter()
            .flat_map(|c| &c.issues)
            .flat_map(|i| &i.goals)
    };
    let widest_value = |c: &Column| {
        goals()
            .map(|g| match c {
                Column::Target => crate::text::breaks::widest_word(&g.target),
                Column::Actual => g.actual.map_or(0, crate::text::breaks::widest_word),
                Column::Rate => g
                    .rate
                    .as_deref()
                    .map_or(0, crate::text::breaks::widest_word),
                Column::Result => g.result.map_or(0, crate::text::breaks::widest_word),
                Column::Reason => g.reason.map_or(0, crate::text::breaks::widest_word),
            })
            .max()
            .unwrap_or(0)
    };
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
                widest: crate::text::breaks::widest_phrase(&label).max(widest_value(c)),
                label,
            }
        })
        .collect()
}

/// 章１つ: 何を印刷するかと、その見出し。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SectionView {
    /// 種類（purpose / introduction / activities / meetings / evaluation / members_evaluated / goals /
    /// schedule / members / discussion / carry_over）。
    pub section: ReportPart,
    /// 番号の付いた見出し（section_heading の形。unlabelled の章にはありません）。
    pub heading: Option<String>,
    /// Web ページでの見出しの id。
    pub id: String,
    /// 目次でこの見出しの下に並べる表（id と表題）: この章と、続く unlabelled の章の表。
    pub tables: Vec<TocEntry>,
    /// 文だけの章（purpose、introduction、discussion、carry_over）の段落か、「・」（labels の
    /// item_head）の付いた項目（できあがった言葉）。案でまだ書いていなければ style.unfilled。
    pub paragraphs: Vec<String>,
    /// 開催状況の表の列（様式の columns を書いたとき。書かなければ空で、会議・研修会ごとに種類の
    /// 行の下に開催日と主な内容の行）。
    pub columns: Vec<super::report_held::HeldColumnView>,
    /// 開催状況の表の名前（labels の held_caption、空なら章の見出しの言葉）。Web ページの表の
    /// caption です。PDF には held_caption を書いたときだけ印刷します。
    pub caption: Option<String>,
}

/// 目次の表１つ。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct TocEntry {
    /// 表の id。
    pub id: &'static str,
    /// 表題。
    pub caption: String,
}

/// The sections of `form`: headed ones numbered in order (unlabelled ones are not counted),
/// each with its anchor, the tables the contents list under it and its text (`texts`).
fn sections(
    w: &ReportLabels,
    form: &ReportForm,
    (fill, widths): (impl Fn(&str) -> String, [usize; 3]),
    texts: impl Fn(ReportPart) -> Vec<String>,
) -> Vec<SectionView> {
    let mut out: Vec<SectionView> = Vec::new();
    let mut number = 0;
    let mut ids: Vec<String> = Vec::new();
    for s in &form.sections {
        let words = fill(s.label.as_deref().unwrap_or(s.section.usual_label(w)));
        let caption = (s.section == ReportPart::Meetings).then(|| {
            if w.held_caption.trim().is_empty() {
                words.clone()
            } else {
                w.held_caption.clone()
            }
        });
        let heading = (!s.unlabelled).then(|| {
            number += 1;
            crate::model::fill(
                &w.section_heading,
                &[
                    ("番号", &japanese::fullwidth(&number.to_string())),
                    ("見出し", &words),
                ],
            )
        });
        let mut id = s.section.anchor().to_string();
        let mut n = 1;
        while ids.contains(&id) {
            n += 1;
            id = format!("{}-{n}", s.section.anchor());
        }
        ids.push(id.clone());
        let table = match s.section {
            ReportPart::Activities => Some(("table-1", &w.table1)),
            ReportPart::Evaluation => Some(("table-2", &w.table2)),
            ReportPart::Goals => Some(("table-3", &w.table3)),
            _ => None,
        }
        .map(|(id, caption)| TocEntry {
            id,
            caption: caption.clone(),
        });
        let mut tables = Vec::new();
        match out.iter_mut().rev().find(|v| v.heading.is_some()) {
            Some(open) if heading.is_none() => open.tables.extend(table),
            _ => tables.extend(table),
        }
        out.push(SectionView {
            section: s.section,
            heading,
            id,
            tables,
            paragraphs: texts(s.section),
            columns: match (&s.columns, s.section) {
                (Some(c), ReportPart::Meetings) => super::report_held::columns(c, w, widths),
                _ => Vec::new(),
            },
            caption,
        });
    }
    out
}

/// The report as written, and the figure's path as typst sees it (`/content/…`).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ReportDoc<'a> {
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
    let c = &council.council;
    let council_rel = council_virtual_dir(council);
    let form = ReportForm::for_council(&c.report);
    let years = years_filled(c, report);
    let mut words = c.report.labels.fill(&years);
    // A meeting's name says its own series (第１回合同部会): report_rows fills {会議} per meeting.
    words.meeting = years(&c.report.labels.meeting.replace("{会議}", MEETING_MARK))
        .replace(MEETING_MARK, "{会議}");
    let evaluated = year_view(council, report.year);
    let next = year_view(council, report.year + 1);
    let unfilled = if report.status.is_draft() {
        c.style.unfilled.as_str()
    } else {
        ""
    };
    let meetings = council
        .years
        .get(&report.year)
        .map_or(&[][..], |y| &y.meetings.meetings[..]);
    let table1 = super::report_rows::table1(&words, &evaluated, meetings, unfilled);
    let held = super::report_held::held(
        &words,
        &evaluated,
        meetings,
        report.date.map(|d| d.0),
        unfilled,
    );
    let schedule = super::report_rows::schedule(&words, &next);
    let held_widths = super::report_held::widths(&held, &words);
    let texts = |part: ReportPart| {
        let written: &[String] = match part {
            ReportPart::Purpose => &c.purpose,
            ReportPart::Introduction => &report.introduction,
            ReportPart::Discussion => &report.discussion,
            ReportPart::CarryOver => &report.carry_over,
            _ => return Vec::new(),
        };
        let written = match written {
            [] if !unfilled.is_empty() => vec![unfilled.to_string()],
            _ => written.to_vec(),
        };
        // Items (discussion, carry-over) carry their mark; paragraphs print as written.
        match part {
            ReportPart::Discussion | ReportPart::CarryOver => written
                .into_iter()
                .map(|item| format!("{}{item}", words.item_head))
                .collect(),
            _ => written,
        }
    };
    let sections = sections(&words, &form, (&years, held_widths), texts);
    let table2_columns = table_columns(&words, &c.report.table2_columns(), &evaluated);
    let table3_columns = table_columns(&words, &[crate::model::Column::Target], &next);
    let component_widest = [&evaluated, &next]
        .iter()
        .flat_map(|y| &y.components)
        .map(|c| crate::text::breaks::widest_word(c.name))
        .fold(
            crate::text::breaks::widest_word(&words.component),
            usize::max,
        );
    let figure_caption = report
        .figure
        .as_ref()
        .map(|f| crate::model::fill(&words.figure_caption, &[("図", &f.caption)]));
    let issuer = crate::view::phrases::issuer(c);
    let body = c.body.as_deref().unwrap_or(&c.name);
    let title: Vec<String> = form
        .title
        .iter()
        .map(|line| {
            years(&crate::model::fill(
                line,
                &[("協議会", &issuer), ("部会", body), ("表題", &words.title)],
            ))
        })
        .collect();
    let author = report.author.as_ref();
    ReportView {
        council: c,
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
        document_title: title.join(" "),
        title,
        pdf_author: author.map_or_else(|| issuer.clone(), |a| format!("{} {}", a.title, a.name)),
        date: form
            .date
            .then(|| report.date.map(|d| d.to_string()))
            .flatten(),
        author: match author {
            Some(a) if form.author => crate::view::phrases::author(a),
            _ => Vec::new(),
        },
        words,
        issuer,
        legend: crate::view::phrases::legend(c),
        table2_columns,
        table3_columns,
        component_widest,
        sections,
        figure_caption,
        table1,
        schedule,
        held_widths,
        held,
        tables: c.tables.looks(),
    }
}

/// Stands for `{会議}` while the years are filled into a meeting's name (a mark no label holds).
const MEETING_MARK: &str = "\u{0}会議\u{0}";

/// What fills the years and the meeting's name into a label: `{年度}` `{年度略}` `{次年度}`
/// `{会議}`, the years named as on the report's date (as the `fiscal_year` filter names them).
fn years_filled<'a>(council: &'a Council, report: &AnnualReport) -> impl Fn(&str) -> String + 'a {
    let on = report.date.map(|d| d.0);
    let fy = |y: i32| {
        dates::fiscal_year_as_of(y, on)
            .unwrap_or_else(|_| format!("{}年度", japanese::fullwidth(&y.to_string())))
    };
    let short = dates::fiscal_year_short(report.year, on)
        .unwrap_or_else(|_| japanese::fullwidth(&report.year.to_string()));
    let (evaluated, next) = (fy(report.year), fy(report.year + 1));
    move |label: &str| {
        label
            .replace("{年度略}", &short)
            .replace("{年度}", &evaluated)
            .replace("{次年度}", &next)
            .replace("{会議}", &council.meeting_label)
    }
}
