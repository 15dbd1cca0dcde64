//! The document types, each in one place: what it needs in content, the view its template
//! receives, its default template and its date. `build` is generic over them: it asks a
//! document's [`Kind`] for a [`Prepared`] view, renders it and typesets the markup.
//!
//! Data flows one way: content (`model`, `project`) → a kind's checks and view → `render`.
//! The one call back is a packet's: its materials are PDFs that the builder makes or reads,
//! handed in as [`Attach`].

mod agenda_sheet;
mod laid_out;
mod material_numbers;
mod meeting;
mod meeting_parts;
mod member_list;
mod packet;
mod report;
mod report_held;
mod report_needs;
mod report_rows;

use crate::diag::{Problem, Problems, fy_name};
use crate::model::council::{CouncilData, DocumentFile};
use crate::model::{Council, Document, Material};

pub(crate) use laid_out::find_material;
pub(crate) use material_numbers::material_views;
pub(crate) use meeting::MeetingDocView;
pub(crate) use meeting_parts::MaterialView;
pub(crate) use member_list::MemberListView;
pub(crate) use packet::PacketView;
pub(crate) use report::ReportView;

/// One document type.
pub(crate) trait Kind {
    /// What the type is called where documents are listed (serve's index).
    fn name(&self) -> &'static str;
    /// The fiscal year the document is about.
    fn year(&self) -> i32;
    /// The date written in the document and the fiscal years it may fall in, when it has one
    /// of its own (a document about a meeting is dated by the meeting).
    fn dated(&self) -> Option<(time::Date, std::ops::RangeInclusive<i32>)> {
        None
    }
    /// Whether the document is a draft (案): it says so, and what is not written yet is a
    /// warning instead of an error.
    fn draft(&self) -> bool;
    /// The template named in the document, or the council's usual one for this type.
    fn template<'a>(&'a self, council: &'a Council) -> &'a str;
    /// Whether the PDF is archival (PDF/A). A packet embeds PDFs made elsewhere, which may not be.
    fn archival(&self) -> bool {
        true
    }
    /// What the document needs in content, beyond what every document needs (its year).
    fn needs(&self, c: &CouncilData, file: &DocumentFile, out: &mut Problems);
    /// The template's context and the date the PDF is dated by.
    fn prepare(
        &self,
        c: &CouncilData,
        file: &DocumentFile,
        attach: &mut Attach<'_>,
    ) -> Result<Prepared, Problems>;
}

/// A material's PDF, made or read by the builder: its path as typst sees it, and its pages.
pub(crate) type Attach<'a> = dyn FnMut(&Material) -> Result<(String, usize), Problems> + 'a;

/// What a template receives, and the date of the document.
pub(crate) struct Prepared {
    pub view: minijinja::Value,
    pub date: time::Date,
}

impl Prepared {
    fn new(view: impl serde::Serialize, date: time::Date) -> Result<Prepared, Problems> {
        Ok(Prepared {
            view: minijinja::Value::from_serialize(view),
            date,
        })
    }
}

/// The kind of a document.
pub(crate) fn of(document: &Document) -> Box<dyn Kind + '_> {
    match document {
        Document::AnnualReport(r) => Box::new(report::Report(r)),
        Document::Minutes(doc) => Box::new(meeting::OnMeeting { doc, minutes: true }),
        Document::Agenda(doc) => Box::new(meeting::OnMeeting {
            doc,
            minutes: false,
        }),
        Document::Packet(p) => Box::new(packet::Packet(p)),
        Document::MemberList(d) => Box::new(member_list::MemberList(d)),
    }
}

/// Every need of one document: a year in range, a date that fits it, and what its type needs.
pub(crate) fn check(c: &CouncilData, file: &DocumentFile, out: &mut Problems) {
    let kind = of(&file.document);
    let year = kind.year();
    if !crate::model::council::YEARS.contains(&year) {
        out.push(
            Problem::error(&file.path, format!("年度 {year} が正しくありません。"))
                .field("year")
                .hint("年度は西暦４桁で書いてください（令和６年度なら 2024）。"),
        );
        return;
    }
    if let Some((date, years)) = kind.dated()
        && !years.contains(&crate::text::dates::fiscal_year_of(date))
    {
        let day = crate::model::Day(date).to_string();
        out.push(
            Problem::error(
                &file.path,
                format!(
                    "日付 {day} が{}の資料の日付としてありえません（{}-04-01～{}-03-31）。",
                    fy_name(year),
                    years.start(),
                    years.end() + 1
                ),
            )
            .field("date")
            .hint("date と year を確かめてください。"),
        );
    }
    kind.needs(c, file, out);
}
