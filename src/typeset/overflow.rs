//! Text the layout could not hold: runs that stick out of their table cell or off the page,
//! found in the laid-out frames and reported at the content line that holds them.

use std::path::Path;

use typst::layout::{Frame, FrameItem, Point};
use typst_layout::PagedDocument;

use crate::diag::Problem;

/// Text the layout could not hold: a run that sticks out of a frame that holds it (a table
/// cell, a box, the page) by more than a hair.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    pub page: usize,
    pub text: String,
    /// How far it sticks out, in points.
    pub by: f64,
    /// Whether it leaves the page itself (not only its cell).
    pub off_page: bool,
}

/// How far text may stick out of its frame before it counts as overflowing: typst lets
/// punctuation and line ends overhang by a point or so; real overflow is a whole glyph.
pub const MAX_STICK_OUT: f64 = 4.0;

/// Every [`Overflow`] of a laid-out document, in frame order.
pub fn overflows(doc: &PagedDocument) -> Vec<Overflow> {
    let mut found = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        let width = page.frame.width().to_pt();
        let mut runs = Vec::new();
        collect_bounded(&page.frame, Point::zero(), &mut Vec::new(), &mut runs);
        for ((edge, text, hang), right) in runs {
            let run = (edge, text);
            let by = (run.0 - right).max(run.0 - width);
            if by > MAX_STICK_OUT + hang {
                found.push(Overflow {
                    page: i + 1,
                    text: run.1,
                    by,
                    off_page: run.0 > width + MAX_STICK_OUT,
                });
            }
        }
    }
    found
}

/// How far typst lets a line's last character hang past the line's end, as a share of its
/// width (typst-layout's `overhang`): a half-width 「,」 used as a Japanese comma hangs by
/// 0.8 of itself, which is a line's end set as typst means it, not text that overflows.
fn overhang(c: char) -> f64 {
    match c {
        '–' | '—' => 0.2,
        '-' | '\u{ad}' => 0.55,
        '.' | ',' => 0.8,
        ':' | ';' => 0.3,
        '\u{60C}' | '\u{6D4}' => 0.4,
        _ => 0.0,
    }
}

/// A run's right edge, its text and how far its last character may hang, in points.
type Run = (f64, String, f64);

/// Each text run's right edge and text, with the nearest right edge of the frames around it.
fn collect_bounded(
    frame: &Frame,
    offset: Point,
    rights: &mut Vec<f64>,
    runs: &mut Vec<(Run, f64)>,
) {
    for (pos, item) in frame.items() {
        let at = offset + *pos;
        match item {
            FrameItem::Group(group) => {
                let shifted = at + Point::new(group.transform.tx, group.transform.ty);
                let plain = group.transform.sx.get() == 1.0
                    && group.transform.sy.get() == 1.0
                    && group.transform.kx.get() == 0.0
                    && group.transform.ky.get() == 0.0;
                if !plain {
                    continue;
                }
                rights.push(shifted.x.to_pt() + group.frame.width().to_pt());
                collect_bounded(&group.frame, shifted, rights, runs);
                rights.pop();
            }
            FrameItem::Text(text) => {
                let right = at.x.to_pt() + text.width().to_pt();
                let bound = rights.iter().copied().fold(f64::INFINITY, f64::min);
                let hang = match (text.text.chars().last(), text.glyphs.last()) {
                    (Some(c), Some(g)) => overhang(c) * g.x_advance.at(text.size).to_pt(),
                    _ => 0.0,
                };
                runs.push(((right, text.text.to_string(), hang), bound));
            }
            _ => {}
        }
    }
}

/// Text the layout could not hold (it sticks out of its table cell or off the page), each at
/// the content line that holds it when it can be found there, else at the template: an
/// error, since the document would print wrongly.
pub fn problems(council_dir: &Path, template: &Path, document: &PagedDocument) -> Vec<Problem> {
    let mut seen = std::collections::BTreeSet::new();
    overflows(document)
        .into_iter()
        .filter(|o| seen.insert(o.text.clone()))
        .map(|o| {
            let shown: String = o.text.chars().take(24).collect();
            let needle: String = o.text.trim().chars().take(8).collect();
            let found = crate::diag::places::line_written(council_dir, &needle);
            let place = if o.off_page { "ページの右端" } else { "表の枠（セル）" };
            let message = format!(
                "{} ページの「{shown}」が{place}から {:.0} pt はみ出します。",
                o.page, o.by
            );
            let hint = "途中で改行できない長い英数字や記号の続きです。空白や読点で区切るか、短く書いてください。";
            match found {
                Some((file, line)) => Problem::error(file, message).at(Some(line), None).hint(hint),
                None => Problem::error(template, message).hint(hint),
            }
        })
        .collect()
}
