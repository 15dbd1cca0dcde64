//! The Word file of a document: `templates/<name>.docx.j2` rendered from the same view as its
//! Typst and HTML templates, written beside the PDF as `output/<council>/<document>.docx`.
//!
//! A `.docx.j2` template writes WordprocessingML itself (a council overrides it like any other
//! template). Its output is several parts of the Word file, each after a line
//! `<?shiryo-part NAME?>`: the body (`word/document.xml`), the styles, the header (資料番号,
//! 案), the footer (page numbers) and the properties (title, author). shiryo adds the parts
//! that only tie these together (content types, relationships) and zips them.
//!
//! Every value a `.docx.j2` template prints is escaped for Word XML: `& < > " '` as
//! references, characters XML cannot hold (controls, U+FFFE/U+FFFF) dropped, line breaks
//! as `<w:br/>`, so a value stands inside a `<w:t>`. For text outside one (the properties),
//! the `prop` filter makes it one line.

mod picture;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error};

use crate::diag::Problem;
use crate::render::Renderer;
use crate::text::visible::is_line_break;

/// Templates with this ending produce Word XML and are escaped for it.
pub(crate) const DOCX_TEMPLATE_SUFFIX: &str = ".docx.j2";
/// The auto-escape mode of `.docx.j2` templates.
pub(crate) const WORD_ESCAPE: AutoEscape = AutoEscape::Custom("word");

/// The parts a template writes, each once: every one of them is needed.
const TEMPLATE_PARTS: [&str; 5] = [
    "word/document.xml",
    "word/styles.xml",
    "word/header1.xml",
    "word/footer1.xml",
    "docProps/core.xml",
];

const MARKER: &str = "<?shiryo-part ";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="svg" ContentType="image/svg+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>
"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>
"#;

/// The body's relationships: templates refer to the header as `rIdHeader` and the footer as
/// `rIdFooter` (in `w:sectPr`); pictures follow (`rIdPicture1`, …).
fn document_rels(media: &[picture::Media]) -> String {
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#,
    );
    for m in media {
        rels.push_str(&format!(
            r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{}"/>"#,
            m.id,
            m.part.trim_start_matches("word/")
        ));
    }
    rels.push_str("</Relationships>\n");
    rels
}

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>shiryo</Application></Properties>
"#;

/// Renders `template` (`<name>.docx.j2`) with `context` and packs its parts into a Word file.
/// `read` gives the bytes of an image a template places (by its path as typst sees it),
/// `fonts` the project's fonts for the text of an SVG.
pub(crate) fn make(
    renderer: &Renderer,
    template: &str,
    context: &Value,
    read: impl FnMut(&str) -> Result<Vec<u8>, String>,
    fonts: &dyn Fn() -> std::sync::Arc<usvg::fontdb::Database>,
) -> Result<Vec<u8>, Problem> {
    let xml = renderer.render(template, context)?;
    let file = renderer.file_of(template);
    let mut parts = split_parts(&xml).map_err(|m| {
        Problem::error(&file, m).hint(
            "Word のテンプレートは、各部品の前に <?shiryo-part 部品名?> の行を書きます（templates の common.docx.j2 を参考にしてください）。",
        )
    })?;
    if let Some((name, _)) = parts[1..].iter().find(|(_, t)| picture::marked(t)) {
        return Err(Problem::error(
            &file,
            format!("図（picture）は本文にだけ入れられます（{name} にあります）。"),
        ));
    }
    let (body, media) =
        picture::place(parts[0].1, read, fonts).map_err(|m| Problem::error(&file, m))?;
    let body = drop_empty_sections(&body);
    parts[0].1 = &body;
    let rels = document_rels(&media);
    let mut all: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("docProps/app.xml", APP.as_bytes()),
    ];
    all.extend(parts.iter().map(|(n, t)| (*n, t.as_bytes())));
    all.extend(media.iter().map(|m| (m.part.as_str(), m.bytes.as_slice())));
    archive(&all).map_err(|e| {
        Problem::error(
            &file,
            format!("Word のファイルを組み立てられません（{e}）。"),
        )
    })
}

/// A ZIP archive of `parts` (name, bytes), in the order given, deflated, every entry dated
/// 1980-01-01 so that the same content gives the same bytes.
fn archive(parts: &[(&str, &[u8])]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        writer.start_file(*name, options)?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// The parts of a template's output, in the order of `TEMPLATE_PARTS`; a message in Japanese
/// when one is missing, repeated or unknown.
fn split_parts(xml: &str) -> Result<Vec<(&'static str, &str)>, String> {
    let mut found: Vec<Option<&str>> = vec![None; TEMPLATE_PARTS.len()];
    let mut pieces = xml.split(MARKER);
    if pieces
        .next()
        .is_some_and(|before| !before.trim().is_empty())
    {
        return Err("Word の部品の印 <?shiryo-part …?> より前に文字があります。".into());
    }
    for piece in pieces {
        let (name, rest) = piece
            .split_once("?>")
            .ok_or("Word の部品の印 <?shiryo-part …?> が閉じていません。")?;
        let name = name.trim();
        let i = TEMPLATE_PARTS
            .iter()
            .position(|p| *p == name)
            .ok_or_else(|| {
                format!(
                    "Word の部品 {name} は作れません（作れるもの: {}）。",
                    TEMPLATE_PARTS.join(", ")
                )
            })?;
        if found[i].replace(rest.trim_start()).is_some() {
            return Err(format!("Word の部品 {name} が２回あります。"));
        }
    }
    TEMPLATE_PARTS
        .iter()
        .zip(found)
        .map(|(name, text)| {
            text.map(|t| (*name, t))
                .ok_or(format!("Word の部品 {name} がありません。"))
        })
        .collect()
}

/// Escapes text to stand inside a `<w:t xml:space="preserve">`: markup characters as
/// references, line breaks as `<w:br/>`, tabs as spaces, and what XML 1.0 cannot hold
/// (controls, U+FFFE, U+FFFF) dropped, as the PDF drops them.
pub(crate) fn escape(text: &str) -> String {
    super::escape_xml(text, "&apos;", r#"</w:t><w:br/><w:t xml:space="preserve">"#)
}

/// `escape` on one line: for text outside `<w:t>` (the properties).
fn escape_line(text: &str) -> String {
    let one: String = text
        .chars()
        .map(|c| match c {
            c if is_line_break(c) => ' ',
            c => c,
        })
        .collect();
    escape(&one)
}

/// Prints a value into a Word template: the council's digits, then escaped. Values marked
/// safe (a macro's output) are printed as they are.
pub(crate) fn format(
    out: &mut minijinja::Output,
    value: &Value,
    half_width: bool,
) -> Result<(), Error> {
    crate::render::html::format_with(out, value, half_width, escape)
}

/// The filters of Word templates: `prop` (a value on one line, escaped, for the properties)
/// and `picture` (an image).
pub(crate) fn register_filters(env: &mut Environment<'static>) {
    // An image placed in the text flow, `width_mm` wide (smaller when the page's text is),
    // described by `alt`: `{{ doc.figure_path | picture(124, doc.figure.alt) }}`.
    env.add_filter(
        "picture",
        |path: String, width_mm: f64, alt: Option<String>| {
            picture::mark(&path, width_mm, alt.as_deref().unwrap_or_default())
        },
    );
    env.add_filter("prop", |state: &minijinja::State, v: Value| {
        if v.is_safe() {
            return v;
        }
        let text =
            crate::render::html::house_digits(&v, crate::render::html::half_width_digits(state));
        Value::from_safe_string(escape_line(&text))
    });
}

/// A paragraph that only ends a section (a template's section break: `common.docx.j2`'s
/// `looked_open`, `looked_close`).
const BREAK_OPEN: &str = "<w:p><w:pPr><w:sectPr>";
const BREAK_CLOSE: &str = "</w:sectPr></w:pPr></w:p>";

/// Drops a section break that ends a section holding nothing, which Word prints as a blank
/// page: one right after another (two landscape tables with nothing between them leave an
/// empty portrait section) or opening the body; and one that ends the body's content, whose
/// section properties then become the body's own (a landscape table last: no empty portrait
/// page after it). What follows a dropped break starts a section of its own at the break
/// before, as in the PDF, where each such table starts a page.
fn drop_empty_sections(body: &str) -> String {
    const BODY_SECTION: &str = "<w:sectPr>";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    // Where the last break kept starts and ends in `out`.
    let mut last: Option<(usize, usize)> = None;
    while let Some(start) = rest.find(BREAK_OPEN) {
        let Some(len) = rest[start..]
            .find(BREAK_CLOSE)
            .map(|end| end + BREAK_CLOSE.len())
        else {
            break;
        };
        let (before, paragraph) = (&rest[..start], &rest[start..start + len]);
        let opens_body = |s: &str| s.trim_end().ends_with("<w:body>");
        let after_break = last.is_some_and(|(_, end)| out[end..].trim().is_empty());
        let empty = if before.trim().is_empty() {
            after_break || opens_body(&out)
        } else {
            opens_body(before)
        };
        out.push_str(before);
        if !empty {
            last = Some((out.len(), out.len() + paragraph.len()));
            out.push_str(paragraph);
        }
        rest = &rest[start + len..];
    }
    // The last break ends the content: its section's properties are the body's.
    if let Some((start, end)) = last
        && out[end..].trim().is_empty()
        && rest.trim_start().starts_with(BODY_SECTION)
        && let Some(close) = rest.find("</w:sectPr>")
    {
        let properties = out[start + BREAK_OPEN.len()..end - BREAK_CLOSE.len()].to_string();
        let after = &rest[close + "</w:sectPr>".len()..];
        out.truncate(start);
        out.push_str(BODY_SECTION);
        out.push_str(&properties);
        out.push_str("</w:sectPr>");
        out.push_str(after);
        return out;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_reads_back_in_order_and_the_same_content_gives_the_same_bytes() {
        let parts: [(&str, &[u8]); 2] = [("a.xml", b"<a/>"), ("word/b.xml", "日本語".as_bytes())];
        let zip = archive(&parts).unwrap();
        assert_eq!(zip, archive(&parts).unwrap());
        let mut read = ::zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        for (i, (name, bytes)) in parts.iter().enumerate() {
            let mut entry = read.by_index(i).unwrap();
            assert_eq!(entry.name(), *name);
            let mut back = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut back).unwrap();
            assert_eq!(back, *bytes);
        }
    }

    #[test]
    fn a_section_break_right_after_another_is_dropped_and_no_other() {
        let portrait =
            "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:pPr></w:p>";
        let landscape = "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr></w:pPr></w:p>";
        let table = |n: &str| {
            format!("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
        };
        let text = "<w:p><w:r><w:t>本文</w:t></w:r></w:p>";
        // Two landscape tables with nothing between: the empty portrait section goes.
        let body = format!(
            "{text}{portrait}\n{}{landscape}\n{portrait}\n{}{landscape}{text}",
            table("表２"),
            table("表３")
        );
        assert_eq!(
            drop_empty_sections(&body),
            format!(
                "{text}{portrait}\n{}{landscape}\n\n{}{landscape}{text}",
                table("表２"),
                table("表３")
            )
        );
        // Text between them keeps its portrait section.
        let body = format!(
            "{}{landscape}{text}{portrait}{}{landscape}",
            table("表２"),
            table("表３")
        );
        assert_eq!(drop_empty_sections(&body), body);
        // A landscape table first in the body: no empty portrait section before it.
        let body = format!("<w:body>\n{portrait}{}{landscape}{text}", table("表２"));
        assert_eq!(
            drop_empty_sections(&body),
            format!("<w:body>\n{}{landscape}{text}", table("表２"))
        );
        // A landscape table last: its section's properties become the body's.
        let body = format!(
            "{text}{portrait}{}{landscape}\n<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body>",
            table("表３")
        );
        assert_eq!(
            drop_empty_sections(&body),
            format!(
                "{text}{portrait}{}<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr></w:body>",
                table("表３")
            )
        );
        // A body with no breaks is as it was.
        assert_eq!(drop_empty_sections(text), text);
    }

    #[test]
    fn escaped_for_word() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{FFFF}"),
            "a&lt;b&gt;&amp;&quot;c&apos;"
        );
        assert_eq!(
            escape("一\r\n二"),
            r#"一</w:t><w:br/><w:t xml:space="preserve">二"#
        );
        assert_eq!(escape_line("一\n二"), "一 二");
    }

    #[test]
    fn parts_are_named_once_each() {
        let all: String = TEMPLATE_PARTS
            .iter()
            .map(|p| format!("<?shiryo-part {p}?>\n<x/>\n"))
            .collect();
        let parts = split_parts(&all).unwrap();
        assert_eq!(parts.len(), 5);
        assert_eq!(parts[0], ("word/document.xml", "<x/>\n"));
        let missing = split_parts("<?shiryo-part word/document.xml?><x/>").unwrap_err();
        assert!(missing.contains("word/styles.xml"), "{missing}");
        let twice = format!("{all}<?shiryo-part word/styles.xml?>");
        assert!(split_parts(&twice).unwrap_err().contains("２回"));
        assert!(
            split_parts("x<?shiryo-part a?>")
                .unwrap_err()
                .contains("前に")
        );
        let unknown = format!("{all}<?shiryo-part word/media/a.png?>");
        assert!(split_parts(&unknown).unwrap_err().contains("作れません"));
    }
}
