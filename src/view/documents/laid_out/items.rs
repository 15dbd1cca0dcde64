//! The agenda's items as the council's form marks them, level by level, each with its
//! materials beside it; in the record, each item followed by what came of it (its points and
//! answers, its transcript), and the meeting's own transcript.

use super::materials::beside;
use super::*;
use crate::model::{BesideAt, Marks, item_mark};

/// How items, their record and transcripts are written: the materials' form (the numbers
/// beside an item), the speakers' and the marks.
pub(in crate::view::documents) struct ItemForm<'a> {
    pub materials: &'a MaterialStyle,
    pub speakers: &'a SpeakerStyle,
    pub marks: &'a Marks,
}

/// The agenda's items, marked as the council marks them, each with its materials beside it;
/// `with_record`, each followed by what came of it (the minutes' record).
pub(in crate::view::documents) fn agenda(
    d: &ItemForm<'_>,
    f: &Facts<'_>,
    with_record: bool,
) -> Vec<Block> {
    fn walk(
        d: &ItemForm<'_>,
        f: &Facts<'_>,
        items: &[AgendaItem],
        depth: usize,
        with_record: bool,
        out: &mut Vec<Block>,
    ) {
        let patterns = match &d.marks.topics {
            Some(topics) if with_record => topics,
            _ => &d.marks.items,
        };
        for (i, it) in items.iter().enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let (mark, spaced) = item_mark(patterns, f.council.style.numbering, depth, n);
            let numbers = (!with_record).then(|| beside(d.materials, f, it)).flatten();
            // The numbers at the right, or right after the title (「…について（資料１）」).
            let (title, beside) = match (numbers, d.materials.beside_at) {
                (Some(b), BesideAt::AfterTitle) => (format!("{}{b}", it.title), None),
                (b, _) => (it.title.clone(), b),
            };
            out.push(Block {
                depth,
                spaced,
                beside,
                ..Block::numbered(if with_record { "topic" } else { "item" }, mark, title)
            });
            if with_record {
                let before = out.len();
                record_entries(d.marks, f, it, out);
                out.extend(transcript(d.speakers, &it.transcript));
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

fn record_entries(marks: &Marks, f: &Facts<'_>, it: &AgendaItem, out: &mut Vec<Block>) {
    let mark = |m: &str, text: String| Block::numbered("mark", Some(m.into()), text);
    for r in &it.record {
        let who = r
            .speaker
            .as_ref()
            .map(|s| format!("（{s}）"))
            .unwrap_or_default();
        if let Some(b) = &r.bullet {
            out.push(mark(&marks.bullet, format!("{who}{b}")));
        }
        if let Some(n) = &r.note {
            out.push(Block::new("text", format!("{who}{n}")));
        }
        if let Some(q) = &r.question {
            out.push(mark(&marks.bullet, format!("{who}{q}")));
        }
        if let Some(a) = &r.answer {
            let by = r
                .answerer
                .as_ref()
                .map(|s| format!("（{s}）"))
                .unwrap_or_default();
            out.push(mark(&marks.answer, format!("{by}{a}")));
        }
        if r.next_meeting {
            let text = phrases::next_meeting(&f.council.style, f.next);
            out.push(mark(&marks.bullet, text));
        }
    }
}

/// Turns of a transcript: each heading in the council's form, each speaker on a line of their
/// own or before their first paragraph, each paragraph after the council's mark.
pub(super) fn transcript(s: &SpeakerStyle, turns: &[Turn]) -> Vec<Block> {
    let mut out = Vec::new();
    let paragraph = |text: String| {
        if s.mark.is_empty() {
            Block::new("speech", text)
        } else {
            Block::numbered("mark", Some(s.mark.clone()), text)
        }
    };
    for t in turns {
        if let Some(h) = &t.heading {
            out.push(Block::new("heading", fill(&s.heading, &[("見出し", h)])));
        }
        let label = t
            .speaker
            .as_ref()
            .map(|who| fill(&s.speaker, &[("発言者", who)]));
        let mut said = t.said.iter();
        match label {
            Some(l) if s.inline => {
                let first = said.next().map(String::as_str).unwrap_or("");
                out.push(paragraph(format!("{l}{first}")));
            }
            Some(l) => out.push(Block::new("speaker", l)),
            None => {}
        }
        out.extend(said.map(|p| paragraph(p.clone())));
    }
    out
}
