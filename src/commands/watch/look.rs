//! What a page looks like, as a hash: where a viewer of a rebuilt PDF should open.
//!
//! A frame's own hash will not do: it also hashes the introspection tags (a table's opening
//! tag carries the whole table, so every page the table spans differs when one cell does)
//! and the source spans of its glyphs (which move when the markup above them changes).

use std::hash::{Hash, Hasher};

use typst::layout::{Frame, FrameItem};
use typst::model::Destination;

/// A hash of what `frame` draws: its text, shapes, images and links where they are.
pub(super) fn page_look(frame: &Frame) -> u128 {
    typst::utils::hash128(&Look(frame))
}

struct Look<'a>(&'a Frame);

impl Hash for Look<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        drawn(self.0, state);
    }
}

fn drawn<H: Hasher>(frame: &Frame, state: &mut H) {
    frame.size().hash(state);
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Tag(_) => continue,
            FrameItem::Group(group) => {
                (pos, 0u8, group.transform, &group.clip).hash(state);
                drawn(&group.frame, state);
            }
            FrameItem::Text(text) => {
                (pos, 1u8, &text.font, text.size, &text.fill, &text.stroke).hash(state);
                text.text.hash(state);
                for g in &text.glyphs {
                    (g.id, g.x_advance, g.x_offset, g.y_advance, g.y_offset).hash(state);
                }
            }
            FrameItem::Shape(shape, _span) => (pos, 2u8, shape).hash(state),
            FrameItem::Image(image, size, _span) => (pos, 3u8, image, size).hash(state),
            FrameItem::Link(dest, size) => {
                // Where an internal link leads is not drawn; a URL is part of the page.
                (pos, 4u8, size).hash(state);
                if let Destination::Url(url) = dest {
                    url.hash(state);
                }
            }
        }
    }
}
