//! Reading a Word file back: its parts, and the text of its paragraphs.

use std::collections::BTreeMap;
use std::io::Read as _;

/// The parts of a Word file (a ZIP): name → text.
pub fn parts(docx: &[u8]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut at = 0;
    while docx[at..].starts_with(b"PK\x03\x04") {
        let u16_at = |i: usize| u16::from_le_bytes([docx[at + i], docx[at + i + 1]]) as usize;
        let size = u32::from_le_bytes(docx[at + 18..at + 22].try_into().unwrap()) as usize;
        let (name_len, extra) = (u16_at(26), u16_at(28));
        let name = String::from_utf8(docx[at + 30..at + 30 + name_len].to_vec()).unwrap();
        let start = at + 30 + name_len + extra;
        let mut bytes = Vec::new();
        flate2::read::DeflateDecoder::new(&docx[start..start + size])
            .read_to_end(&mut bytes)
            .unwrap();
        // Images (word/media/) as a line saying what they are; every other part is text.
        let text = if name.starts_with("word/media/") {
            format!(
                "{} bytes starting {:?}",
                bytes.len(),
                &bytes[..bytes.len().min(8)]
            )
        } else {
            String::from_utf8(bytes).unwrap()
        };
        out.insert(name, text);
        at = start + size;
    }
    out
}

/// Parses every part: a part that is not well-formed XML fails here, with its name.
pub fn check_xml(parts: &BTreeMap<String, String>, what: &str) {
    for (name, text) in parts.iter().filter(|(n, _)| !n.starts_with("word/media/")) {
        if let Err(e) = roxmltree::Document::parse(text) {
            panic!("{what}: {name} is not well-formed XML: {e}");
        }
    }
}

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The text of the body's paragraphs, one string each (`w:t` joined, `w:br` as a newline).
pub fn paragraphs(document: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(document).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter_map(|n| {
                    if n.has_tag_name((W, "t")) {
                        n.text().map(str::to_string)
                    } else if n.has_tag_name((W, "br")) {
                        Some("\n".to_string())
                    } else {
                        None
                    }
                })
                .collect()
        })
        .collect()
}
