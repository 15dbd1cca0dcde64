//! Minutes laid out as the council's `minutes:` description says: every printed phrase
//! (date and time, place, attendees, secretariat, item numbers, material numbers, speakers)
//! computed here, once, for the PDF and the web page alike. The `minutes_layout` templates
//! only place the title lines and the sections' blocks.

use schemars::JsonSchema;
use serde::Serialize;

use super::meeting_parts::{AttendeeView, MaterialView};
use crate::model::{
    AgendaItem, Council, Frame, Groups, HouseStyle, MaterialStyle, Meeting, MinutesDescription,
    SectionKind, SpeakerStyle, TimeStyle, Turn, Viewers, ViewersWord, fill,
};
use crate::text::japanese::fullwidth;
use crate::view::phrases::{self, place, when};

mod attendance;
mod counts;
mod items;
mod materials;
use attendance::{
    absent, attendance, closed_reason, disclosure, public, quorum, secretariat, viewers,
};
use items::transcript;
pub(super) use items::{ItemForm, agenda};
pub(crate) use materials::find_material;
pub(super) use materials::{materials, same_number};

/// What a section kept when empty prints under its label, unless the form says otherwise.
const NOTHING: &str = "なし";

/// 様式（minutes:）どおりに並べた会議録: 題名の行と項目。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct LaidOut {
    /// 形: lines（行に並べる）/ ruled（罫線の表）。
    pub frame: Frame,
    /// 罫線の表の列の見出し（左の列、右の列）。空なら見出しの行なし。
    pub columns: Vec<String>,
    /// 題名の行（できあがった言葉）。
    pub title: Vec<String>,
    /// Web ページの見出し（h1）の行: 題名の行。協議会の名前が入っていなければ、その前の行に会議の名前。
    pub heading: Vec<String>,
    /// 資料の題名（PDF の情報と Web ページの title）: 題名の行を空白でつないだもの。協議会の名前が
    /// 入っていなければ会議の名前を前に付けます（「…第１回…協議会 会議録（要点記録）」）。
    pub document_title: String,
    /// 項目（様式の順に。内容のない項目は、keep_empty でなければ入りません）。
    pub sections: Vec<SectionView>,
}

/// 項目１つ: できあがった見出しと、その内容。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct SectionView {
    /// 項目の種類。
    pub section: SectionKind,
    /// 見出し（形をあてはめたもの: 「■日時：」「1 日時」「<出席者>」）。
    pub label: String,
    /// 見出しと同じ行に最初の内容を続けるか。
    pub inline: bool,
    /// 罫線の表で、前の項目と同じ行に並べるか。
    pub beside: bool,
    /// ウェブページで見出し（h2）にする長い項目か（でなければ定義リスト dl の１項目）。
    pub long: bool,
    /// 内容。
    pub blocks: Vec<Block>,
}

/// 内容の１行（段落）。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Block {
    /// 種類: text（文）/ item（議題: number、depth、beside）/ topic（会議結果の中の議題の見出し:
    /// number、depth）/ material（資料: number）/
    /// group（【事前送付資料】などの見出し。depth 2 は組の中の【参考資料】）/ speaker（１行の発言者）/ speech（発言）/ heading（見出し）/
    /// mark（・や⇒で始まる行: number が印）。
    pub kind: &'static str,
    /// 文。
    pub text: String,
    /// 番号（議題の番号、資料番号、行の印）。
    pub number: Option<String>,
    /// 議題の段（1 から）。
    pub depth: usize,
    /// 議題の横に印刷する資料（【資料１】）。
    pub beside: Option<String>,
    /// 番号と文の間を空けるか（「(1) 開会」。どの項目にも同じ印「〇」「・」なら空けずに「〇開会」）。
    pub spaced: bool,
}

impl Block {
    pub(super) fn new(kind: &'static str, text: impl Into<String>) -> Block {
        Block {
            kind,
            text: text.into(),
            number: None,
            depth: 1,
            beside: None,
            spaced: true,
        }
    }

    pub(super) fn numbered(
        kind: &'static str,
        number: Option<String>,
        text: impl Into<String>,
    ) -> Block {
        Block {
            number,
            ..Block::new(kind, text)
        }
    }
}

/// What the laying out reads.
pub(super) struct Facts<'a> {
    pub council: &'a Council,
    pub year: i32,
    pub meeting: &'a Meeting,
    pub members: &'a [AttendeeView<'a>],
    pub materials: &'a [MaterialView<'a>],
    pub next: Option<&'a Meeting>,
    /// The time style of 日時 when the council names none.
    pub usual_time: TimeStyle,
    /// What a draft prints for an item with nothing recorded yet ("" in a final document).
    pub unfilled: &'a str,
    /// Whether the document is a draft (a title's {案} says so).
    pub draft: bool,
}

fn fiscal_year(f: &Facts<'_>) -> String {
    phrases::fiscal_year(f.year, f.meeting)
}

pub(super) fn meeting_name(f: &Facts<'_>) -> String {
    phrases::meeting_name(f.council, f.year, f.meeting)
}

/// Title lines filled in: {年度} {回} {協議会} {会議} {呼び方}, and {案}: 「（案）」 in a draft
/// (the council's draft mark in brackets), nothing in a final document.
pub(super) fn title_lines(patterns: &[String], f: &Facts<'_>) -> Vec<String> {
    let fy = fiscal_year(f);
    let number = fullwidth(&f.meeting.number.to_string());
    let who = phrases::held_by(f.council, f.meeting);
    let name = meeting_name(f);
    let draft = if f.draft {
        format!("（{}）", f.council.style.draft_mark)
    } else {
        String::new()
    };
    patterns
        .iter()
        .map(|t| {
            fill(
                t,
                &[
                    ("年度", &fy),
                    ("回", &number),
                    ("協議会", &who),
                    ("会議", &name),
                    ("呼び方", &f.council.meeting_label),
                    ("案", &draft),
                ],
            )
        })
        .collect()
}

/// The document's title and its page's heading lines. A title that names the council names
/// the document; one that does not (「会議録（要点記録）」, 「次　第」) gets the meeting's name
/// before it on the page and in the PDF's information.
pub(super) fn named(title: &[String], f: &Facts<'_>) -> (String, Vec<String>) {
    let joined = title.join(" ");
    let name = meeting_name(f);
    if joined.contains(&phrases::held_by(f.council, f.meeting)) {
        (joined, title.to_vec())
    } else {
        let mut heading = vec![name.clone()];
        heading.extend(title.iter().cloned());
        (format!("{name} {joined}"), heading)
    }
}

/// The minutes laid out as `d` says.
pub(super) fn lay_out(d: &MinutesDescription, f: &Facts<'_>) -> LaidOut {
    let style = &f.council.style;
    let title = title_lines(&d.title, f);
    let mut sections = Vec::new();
    let mut numbered = 0;
    let form = items::ItemForm {
        materials: &d.materials,
        speakers: &d.speakers,
        marks: &d.marks,
    };
    for s in &d.sections {
        let blocks = match s.section {
            SectionKind::Name => title_lines(std::slice::from_ref(&d.name), f)
                .into_iter()
                .map(|n| Block::new("text", n))
                .collect(),
            SectionKind::When => vec![Block::new("text", when(style, f.meeting, f.usual_time))],
            SectionKind::Place => vec![Block::new("text", place(style, f.meeting))],
            SectionKind::Attendance => attendance(d, f),
            SectionKind::Absent => absent(d, f),
            SectionKind::Secretariat => secretariat(d, f),
            SectionKind::Viewers => viewers(d, style, f.meeting),
            SectionKind::Public => public(f.meeting),
            SectionKind::ClosedReason => closed_reason(f.meeting),
            SectionKind::Disclosure => disclosure(f.meeting),
            SectionKind::Agenda => agenda(&form, f, false),
            SectionKind::Materials => materials(&d.materials, f),
            SectionKind::Record => agenda(&form, f, true),
            SectionKind::Transcript => transcript(&d.speakers, &f.meeting.transcript),
            SectionKind::Quorum => quorum(d, f),
        };
        let mut blocks = blocks;
        if blocks.is_empty() {
            // A section kept when empty says so: its own word, the form's word for nobody
            // (欠席者, 事務局), or なし; "" keeps the label alone.
            let nobody = matches!(s.section, SectionKind::Absent | SectionKind::Secretariat)
                .then_some(d.attendance.nobody.as_str());
            if !s.keep_empty && s.empty.is_none() {
                continue;
            }
            let word = s.empty.as_deref().or(nobody).unwrap_or(NOTHING);
            if !word.is_empty() {
                blocks.push(Block::new("text", word));
            }
        }
        let words = s.label.as_deref().unwrap_or(s.section.usual_label());
        // {番号} counts the sections that print one: unlabelled ones and those whose own form
        // has no number do not take one (「4 欠席者」 after three numbered sections).
        let form = s.form.as_deref().unwrap_or(&d.label);
        if !s.unlabelled && form.contains("{番号}") {
            numbered += 1;
        }
        let n = fullwidth(&numbered.to_string());
        let honorifics = if f.meeting.honorifics_omitted {
            d.attendance.honorifics_omitted.as_str()
        } else {
            ""
        };
        let label = if s.unlabelled {
            String::new()
        } else {
            let form = fill(form, &[("番号", &n)]);
            let label = fill(&form, &[("見出し", words)]);
            fill(&label, &[("敬称略", honorifics)])
        };
        let long = matches!(
            s.section,
            SectionKind::Agenda
                | SectionKind::Materials
                | SectionKind::Record
                | SectionKind::Transcript
        );
        let inline = !s.unlabelled
            && s.inline.unwrap_or(d.inline)
            && blocks.first().is_some_and(|b| b.kind == "text");
        sections.push(SectionView {
            section: s.section,
            label,
            inline,
            beside: s.beside && d.frame == Frame::Ruled && !sections.is_empty(),
            long,
            blocks,
        });
    }
    let (document_title, heading) = named(&title, f);
    LaidOut {
        frame: d.frame,
        columns: d.columns.clone(),
        title,
        document_title,
        heading,
        sections,
    }
}
