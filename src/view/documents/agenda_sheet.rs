//! 次第 laid out as the council's `agenda:` description says: the title lines, the lines of
//! when and where, the numbered items with their materials beside them, and the materials in
//! their groups, every phrase finished here for the agenda's PDF, its page and the packet's
//! page alike.

use schemars::JsonSchema;
use serde::Serialize;

use super::laid_out::{Block, Facts, ItemForm, agenda, materials, named, title_lines};
use crate::model::{AgendaDescription, Marks, MeetingFormat, fill};
use crate::view::phrases::{place, when_start, written};

/// 様式（agenda:）どおりに並べた次第。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct AgendaSheet {
    /// 題名の行（できあがった言葉）。
    pub title: Vec<String>,
    /// Web ページの見出し（h1）の行: 題名の行。協議会の名前が入っていなければ、その前の行に会議の名前。
    pub heading: Vec<String>,
    /// 資料の題名（PDF の情報と Web ページの title）。
    pub document_title: String,
    /// 題名の下の行: 日時と場所（書面開催なら、その言葉だけ）。
    pub lines: Vec<String>,
    /// 議題（kind: item。number、depth、beside が入ります）。
    pub items: Vec<Block>,
    /// 資料（kind: group が見出し、material が資料１つ）。
    pub materials: Vec<Block>,
}

/// The agenda laid out as `d` says.
pub(super) fn lay_out(d: &AgendaDescription, f: &Facts<'_>) -> AgendaSheet {
    let style = &f.council.style;
    let m = f.meeting;
    let title = title_lines(&d.title, f);
    let (document_title, heading) = named(&title, f);
    // A line whose pattern is empty is not printed.
    let mut lines = Vec::new();
    if m.format == MeetingFormat::Written {
        lines.push(written(style, m));
    } else {
        if !d.when.is_empty() {
            let when = when_start(style, m, f.usual_time);
            lines.push(fill(&d.when, &[("日時", &when)]));
        }
        if !d.place.is_empty() {
            lines.push(fill(&d.place, &[("場所", &place(style, m))]));
        }
    }
    // The agenda itself is not one of its own materials.
    let style = crate::model::MaterialStyle {
        with_agenda: false,
        ..d.materials.clone()
    };
    let mut listed = materials(&style, f);
    let grouped = listed.iter().any(|b| b.kind == "group");
    if !listed.is_empty() && !grouped && !d.materials_label.is_empty() {
        listed.insert(0, Block::new("group", d.materials_label.clone()));
    }
    AgendaSheet {
        title,
        heading,
        document_title,
        lines,
        items: agenda(
            &ItemForm {
                materials: &d.materials,
                speakers: &Default::default(),
                marks: &Marks {
                    items: d.marks.items.clone(),
                    ..Marks::default()
                },
            },
            f,
            false,
        ),
        materials: listed,
    }
}
