//! Minutes laid out as the council's `minutes:` description says: every printed phrase
//! (date and time, place, attendees, secretariat, item numbers, material numbers, speakers)
//! computed here, once, for the PDF and the web page alike. The `minutes_layout` templates
//! only place the title lines and the sections' blocks.

use schemars::JsonSchema;
use serde::Serialize;

use super::meeting::{AttendeeView, MaterialView};
use crate::japanese::fullwidth;
use crate::model::{
    AgendaItem, Council, Frame, Groups, HouseStyle, MaterialStyle, Meeting, MinutesDescription,
    SectionKind, SpeakerStyle, TimeStyle, Turn, Viewers, ViewersWord, fill,
};
use crate::phrases::{self, place, when};

mod attendance;
use attendance::{
    absent, attendance, closed_reason, disclosure, public, quorum, secretariat, viewers,
};

/// 様式（minutes:）どおりに並べた会議録: 題名の行と項目。
#[derive(Debug, Serialize, JsonSchema)]
pub struct LaidOut {
    /// 形: lines（行に並べる）/ ruled（罫線の表）。
    pub frame: Frame,
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
pub struct SectionView {
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
pub struct Block {
    /// 種類: text（文）/ item（議題: number、depth、beside）/ topic（会議結果の中の議題の見出し:
    /// number、depth）/ material（資料: number）/
    /// group（【事前送付資料】などの見出し）/ speaker（１行の発言者）/ speech（発言）/ heading（見出し）/
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
}

impl Block {
    pub(super) fn new(kind: &'static str, text: impl Into<String>) -> Block {
        Block {
            kind,
            text: text.into(),
            number: None,
            depth: 1,
            beside: None,
        }
    }

    fn numbered(kind: &'static str, number: Option<String>, text: impl Into<String>) -> Block {
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
}

fn fiscal_year(f: &Facts<'_>) -> String {
    phrases::fiscal_year(f.year, f.meeting)
}

pub(super) fn meeting_name(f: &Facts<'_>) -> String {
    phrases::meeting_name(f.council, f.year, f.meeting)
}

/// The material `r` names: its id, its number as typed or printed, or the number alone.
pub fn find_material<'v, 'a>(
    materials: &'v [MaterialView<'a>],
    r: &str,
) -> Option<&'v MaterialView<'a>> {
    let r = r.trim();
    let key = same_number(r);
    let same = |n: Option<&str>| n.is_some_and(|n| same_number(n) == key);
    // The id or the number as written or printed; else the number alone (「1」 for 資料１),
    // a material's before a reference's (参考資料１).
    materials
        .iter()
        .find(|m| m.id == Some(r) || same(m.typed_number) || same(m.number.as_deref()))
        .or_else(|| {
            let mut alone = materials.iter().filter(|m| same(m.count.as_deref()));
            let first = alone.next()?;
            if first.reference {
                Some(alone.find(|m| !m.reference).unwrap_or(first))
            } else {
                Some(first)
            }
        })
}

/// A material number as compared: digits and dashes in one width, no spaces (「資料１」,
/// 「資料 1」 and 「資料1」 are one; so are 「2−1」 and 「２－１」).
pub(super) fn same_number(n: &str) -> String {
    crate::japanese::halfwidth_digits(n)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn beside(style: &MaterialStyle, f: &Facts<'_>, it: &AgendaItem) -> Option<String> {
    if it.materials.is_empty() || style.beside_item.is_empty() {
        return None;
    }
    let numbers: Vec<String> = it
        .materials
        .iter()
        .map(|r| {
            find_material(f.materials, r)
                .and_then(|m| m.number.clone())
                .unwrap_or_else(|| r.clone())
        })
        .collect();
    Some(fill(&style.beside_item, &[("資料", &numbers.join("、"))]))
}

/// The agenda's items, numbered as the council numbers them, each with its materials beside
/// it; `with_record`, each followed by what came of it (the minutes' record).
pub(super) fn agenda(
    d: (&MaterialStyle, &SpeakerStyle),
    f: &Facts<'_>,
    with_record: bool,
) -> Vec<Block> {
    fn walk(
        d: (&MaterialStyle, &SpeakerStyle),
        f: &Facts<'_>,
        items: &[AgendaItem],
        depth: usize,
        with_record: bool,
        out: &mut Vec<Block>,
    ) {
        for (i, it) in items.iter().enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            out.push(Block {
                depth,
                beside: if with_record {
                    None
                } else {
                    beside(d.0, f, it)
                },
                ..Block::numbered(
                    if with_record { "topic" } else { "item" },
                    Some(f.council.style.numbering.number(depth, n)),
                    it.title.clone(),
                )
            });
            if with_record {
                let before = out.len();
                record_entries(f, it, out);
                out.extend(transcript(d.1, &it.transcript));
                // A draft says what is not written yet (a final document prints nothing).
                if out.len() == before && it.items.is_empty() && !f.unfilled.is_empty() {
                    out.push(Block::new("text", f.unfilled));
                }
            }
            walk(d, f, &it.items, depth + 1, with_record, out);
        }
    }
    let mut out = Vec::new();
    walk(d, f, &f.meeting.agenda, 1, with_record, &mut out);
    out
}

fn record_entries(f: &Facts<'_>, it: &AgendaItem, out: &mut Vec<Block>) {
    let mark = |m: &str, text: String| Block::numbered("mark", Some(m.into()), text);
    for r in &it.record {
        let who = r
            .speaker
            .as_ref()
            .map(|s| format!("（{s}）"))
            .unwrap_or_default();
        if let Some(b) = &r.bullet {
            out.push(mark("・", format!("{who}{b}")));
        }
        if let Some(n) = &r.note {
            out.push(Block::new("text", format!("{who}{n}")));
        }
        if let Some(q) = &r.question {
            out.push(mark("・", format!("{who}{q}")));
        }
        if let Some(a) = &r.answer {
            let by = r
                .answerer
                .as_ref()
                .map(|s| format!("（{s}）"))
                .unwrap_or_default();
            out.push(mark("⇒", format!("{by}{a}")));
        }
        if r.next_meeting {
            let text = phrases::next_meeting(&f.council.style, f.next);
            out.push(mark("・", text));
        }
    }
}

/// The materials, in their groups (【事前送付資料】 …) as `style` says.
pub(super) fn materials(style: &MaterialStyle, f: &Facts<'_>) -> Vec<Block> {
    let listed: Vec<_> = f
        .materials
        .iter()
        .filter(|m| style.with_agenda || !m.agenda)
        .collect();
    if style.groups == Groups::Never {
        return listed
            .into_iter()
            .map(|m| {
                let mark = if m.handout {
                    style.handout_mark.as_str()
                } else {
                    ""
                };
                Block::numbered("material", m.number.clone(), format!("{}{mark}", m.title))
            })
            .collect();
    }
    let groups = [
        (&style.sent_label, 0),
        (&style.handout_label, 1),
        (&style.reference_label, 2),
    ];
    let group_of = |m: &MaterialView<'_>| {
        if m.reference {
            2
        } else if m.handout {
            1
        } else {
            0
        }
    };
    let used = groups
        .iter()
        .filter(|(_, g)| listed.iter().any(|m| group_of(m) == *g))
        .count();
    let mut out = Vec::new();
    for (label, g) in groups {
        let these: Vec<_> = listed.iter().filter(|m| group_of(m) == g).collect();
        if these.is_empty() {
            continue;
        }
        if used > 1 || style.groups == Groups::Always {
            out.push(Block::new("group", label.clone()));
        }
        for m in these {
            out.push(Block::numbered("material", m.number.clone(), m.title));
        }
    }
    out
}

fn transcript(s: &SpeakerStyle, turns: &[Turn]) -> Vec<Block> {
    let mut out = Vec::new();
    for t in turns {
        if let Some(h) = &t.heading {
            out.push(Block::new("heading", h.clone()));
        }
        let label = t
            .speaker
            .as_ref()
            .map(|who| fill(&s.speaker, &[("発言者", who)]));
        let mut said = t.said.iter();
        match label {
            Some(l) if s.inline => {
                let first = said.next().map(String::as_str).unwrap_or("");
                out.push(Block::new("speech", format!("{l}{first}")));
            }
            Some(l) => out.push(Block::new("speaker", l)),
            None => {}
        }
        out.extend(said.map(|p| Block::new("speech", p.clone())));
    }
    out
}

/// Title lines filled in: {年度} {回} {協議会} {会議}.
pub(super) fn title_lines(patterns: &[String], f: &Facts<'_>) -> Vec<String> {
    let fy = fiscal_year(f);
    let number = fullwidth(&f.meeting.number.to_string());
    let who = phrases::held_by(f.council, f.meeting);
    let name = meeting_name(f);
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
    let name = meeting_name(f);
    let title = title_lines(&d.title, f);
    let mut sections = Vec::new();
    for s in &d.sections {
        let blocks = match s.section {
            SectionKind::Name => vec![Block::new("text", name.clone())],
            SectionKind::When => vec![Block::new("text", when(style, f.meeting, f.usual_time))],
            SectionKind::Place => vec![Block::new("text", place(style, f.meeting))],
            SectionKind::Attendance => attendance(d, f),
            SectionKind::Absent => absent(d, f),
            SectionKind::Secretariat => secretariat(d, f.meeting),
            SectionKind::Viewers => viewers(d, style, f.meeting),
            SectionKind::Public => public(f.meeting),
            SectionKind::ClosedReason => closed_reason(f.meeting),
            SectionKind::Disclosure => disclosure(f.meeting),
            SectionKind::Agenda => agenda((&d.materials, &d.speakers), f, false),
            SectionKind::Materials => materials(&d.materials, f),
            SectionKind::Record => agenda((&d.materials, &d.speakers), f, true),
            SectionKind::Transcript => transcript(&d.speakers, &f.meeting.transcript),
            SectionKind::Quorum => quorum(d, f),
        };
        if blocks.is_empty() && !s.keep_empty {
            continue;
        }
        // 欠席者 or 事務局 kept when nobody is in it says so (「なし」).
        let mut blocks = blocks;
        if blocks.is_empty()
            && matches!(s.section, SectionKind::Absent | SectionKind::Secretariat)
            && !d.attendance.nobody.is_empty()
        {
            blocks.push(Block::new("text", d.attendance.nobody.clone()));
        }
        let words = s.label.as_deref().unwrap_or(s.section.usual_label());
        let n = fullwidth(&(sections.len() + 1).to_string());
        let honorifics = if f.meeting.honorifics_omitted {
            d.attendance.honorifics_omitted.as_str()
        } else {
            ""
        };
        let label = if s.unlabelled {
            String::new()
        } else {
            let form = fill(s.form.as_deref().unwrap_or(&d.label), &[("番号", &n)]);
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
        title,
        document_title,
        heading,
        sections,
    }
}
