//! Pictures in Word files. The `picture` filter of Word templates leaves a mark where a
//! template places an image (`{{ doc.figure_path | picture(124, doc.figure.alt) }}`); once the
//! template is rendered, [`place`] reads each image as the typst world read it for the PDF
//! (one read, one figure), makes it a part of the Word file (`word/media/`) and replaces the
//! mark with an inline DrawingML picture in the text flow (no floating frame).
//!
//! An SVG is drawn to a PNG (resvg, already built for typst's PDF writer; its text in the
//! project's own fonts), since Word before Office 2016 and LibreOffice read no SVG; the SVG
//! rides along as Office's `svgBlip` extension, which Word 2016 and later show instead.

use std::fmt::Write;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{Error, ErrorKind};

/// Marks a picture in a template's output: a NUL (which no value can print: `escape` drops
/// control characters) around the path, width and description, split by a unit separator.
const MARK: char = '\0';
const SEP: char = '\u{1F}';

/// Raster resolution of a drawn SVG: sharp when printed, small in the file.
const DPI: f64 = 200.0;
/// No picture is taller than the page's text (A4 less the PDF's margins), in mm.
const MAX_HEIGHT_MM: f64 = 240.0;
/// Nor wider, in mm.
const MAX_WIDTH_MM: f64 = 166.0;
/// English Metric Units per millimetre (DrawingML's unit).
const EMU_PER_MM: f64 = 36_000.0;

/// An image that became a part of the Word file.
#[derive(Debug)]
pub(super) struct Media {
    /// Its part name (`word/media/image1.png`).
    pub part: String,
    pub bytes: Vec<u8>,
    /// Its relationship id in `word/_rels/document.xml.rels`.
    pub id: String,
}

/// The `picture` filter: `path` (as typst sees it), the width in mm, the description read
/// aloud and shown in Word's alternative text.
pub(super) fn mark(path: &str, width_mm: f64, alt: &str) -> Result<Value, Error> {
    if kind(path).is_none() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "図 {path} は SVG・PNG・JPEG のどれでもないため、Word のファイルに入れられません"
            ),
        ));
    }
    if !(width_mm.is_finite() && width_mm > 0.0) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "picture の幅（mm）は 0 より大きい数にしてください",
        ));
    }
    let clean =
        |s: &str| -> String { s.chars().filter(|c| !c.is_control() && *c != SEP).collect() };
    Ok(Value::from_safe_string(format!(
        "{MARK}{}{SEP}{width_mm}{SEP}{}{MARK}",
        clean(path),
        super::escape_line(&clean(alt))
    )))
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Svg,
    Png,
    Jpeg,
}

fn kind(path: &str) -> Option<Kind> {
    let ext = std::path::Path::new(path)
        .extension()?
        .to_string_lossy()
        .to_ascii_lowercase();
    match ext.as_str() {
        "svg" => Some(Kind::Svg),
        "png" => Some(Kind::Png),
        "jpg" | "jpeg" => Some(Kind::Jpeg),
        _ => None,
    }
}

/// Whether a part holds a picture's mark (a picture goes in the body only).
pub(super) fn marked(xml: &str) -> bool {
    xml.contains(MARK)
}

/// The document part with every picture mark replaced, and the images it now holds. `read`
/// gives an image's bytes by its path; `fonts` are the project's fonts (for an SVG's text).
pub(super) fn place(
    xml: &str,
    mut read: impl FnMut(&str) -> Result<Vec<u8>, String>,
    fonts: &dyn Fn() -> Arc<usvg::fontdb::Database>,
) -> Result<(String, Vec<Media>), String> {
    let mut out = String::with_capacity(xml.len());
    let mut media = Vec::new();
    let mut pieces = xml.split(MARK);
    out.push_str(pieces.next().unwrap_or_default());
    let mut n = 0;
    while let (Some(mark), Some(after)) = (pieces.next(), pieces.next()) {
        n += 1;
        let mut fields = mark.split(SEP);
        let (path, width, alt) = (
            fields.next().unwrap_or_default(),
            fields
                .next()
                .and_then(|w| w.parse::<f64>().ok())
                .unwrap_or(MAX_WIDTH_MM),
            fields.next().unwrap_or_default(),
        );
        let failed = |m: String| format!("図 {path} を Word のファイルに入れられません（{m}）。");
        let bytes = read(path).map_err(failed)?;
        let kind = kind(path).ok_or_else(|| failed("種類が分かりません".into()))?;
        let (w_mm, h_mm, png) = match kind {
            Kind::Svg => {
                let (w, h, png) = draw_svg(&bytes, width, fonts()).map_err(failed)?;
                (w, h, Some(png))
            }
            Kind::Png | Kind::Jpeg => {
                let size = imagesize::blob_size(&bytes)
                    .map_err(|_| failed("画像の大きさが読めません".into()))?;
                let (w, h) = fit(size.width as f64, size.height as f64, width);
                (w, h, None)
            }
        };
        let id = format!("rIdPicture{n}");
        let (main, svg) = match (kind, png) {
            (Kind::Svg, Some(png)) => {
                media.push(Media {
                    part: format!("word/media/picture{n}.png"),
                    bytes: png,
                    id: id.clone(),
                });
                media.push(Media {
                    part: format!("word/media/picture{n}.svg"),
                    bytes,
                    id: format!("{id}Svg"),
                });
                (id.clone(), Some(format!("{id}Svg")))
            }
            (k, _) => {
                let ext = if k == Kind::Png { "png" } else { "jpeg" };
                media.push(Media {
                    part: format!("word/media/picture{n}.{ext}"),
                    bytes,
                    id: id.clone(),
                });
                (id.clone(), None)
            }
        };
        out.push_str(&drawing(n, &main, svg.as_deref(), w_mm, h_mm, alt));
        out.push_str(after);
    }
    Ok((out, media))
}

/// The size in mm of a picture `w` × `h` (any unit) shown `width` mm wide, made smaller to fit
/// the page's text when it would not.
fn fit(w: f64, h: f64, width: f64) -> (f64, f64) {
    let (w, h) = (w.max(1.0), h.max(1.0));
    let scale = (width.min(MAX_WIDTH_MM) / w).min(MAX_HEIGHT_MM / h);
    (w * scale, h * scale)
}

/// An SVG drawn to a PNG `width` mm wide at [`DPI`]; its size in mm.
fn draw_svg(
    bytes: &[u8],
    width: f64,
    fontdb: Arc<usvg::fontdb::Database>,
) -> Result<(f64, f64, Vec<u8>), String> {
    let options = usvg::Options {
        resources_dir: None,
        // Images inside the SVG only as data: URLs (as the content checks allow).
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        fontdb,
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|e| e.to_string())?;
    let size = tree.size();
    let (w_mm, h_mm) = fit(size.width() as f64, size.height() as f64, width);
    let px = |mm: f64| ((mm / 25.4 * DPI).round() as u32).max(1);
    let (pw, ph) = (px(w_mm), px(h_mm));
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(pw, ph).ok_or("絵にする大きさが正しくありません")?;
    let transform = resvg::tiny_skia::Transform::from_scale(
        pw as f32 / size.width(),
        ph as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|e| e.to_string())?;
    Ok((w_mm, h_mm, png))
}

/// An inline picture (in the text flow, moving with it), `w` × `h` mm, described by `alt`
/// (escaped already).
fn drawing(n: usize, id: &str, svg: Option<&str>, w: f64, h: f64, alt: &str) -> String {
    let (cx, cy) = (
        (w * EMU_PER_MM).round() as u64,
        (h * EMU_PER_MM).round() as u64,
    );
    let mut ext = String::new();
    if let Some(svg) = svg {
        let _ = write!(
            ext,
            r#"<a:extLst><a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="{svg}"/></a:ext></a:extLst>"#
        );
    }
    format!(
        r#"<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="図 {n}" descr="{alt}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="{n}" name="図 {n}" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}">{ext}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_fonts() -> Arc<usvg::fontdb::Database> {
        Arc::new(usvg::fontdb::Database::new())
    }

    #[test]
    fn a_tall_or_wide_picture_fits_the_page_text() {
        assert_eq!(fit(800.0, 500.0, 124.0), (124.0, 77.5));
        let (w, h) = fit(10.0, 10_000.0, 124.0);
        assert!(h <= MAX_HEIGHT_MM + 1e-9 && w < 1.0, "{w} × {h}");
        let (w, _) = fit(10_000.0, 10.0, 500.0);
        assert!(w <= MAX_WIDTH_MM + 1e-9);
    }

    #[test]
    fn an_svg_becomes_a_png_and_rides_along() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="80" height="50"><rect width="80" height="50" fill="red"/></svg>"#;
        let marked = mark("/content/a/f.svg", 40.0, "説明 <&>").unwrap();
        let xml = format!("<w:p>{}</w:p>", marked.as_str().unwrap());
        let (out, media) = place(&xml, |_| Ok(svg.to_vec()), &no_fonts).unwrap();
        assert!(!out.contains(MARK));
        assert!(out.contains(r#"descr="説明 &lt;&amp;&gt;""#), "{out}");
        assert!(
            out.contains(r#"<wp:extent cx="1440000" cy="900000"/>"#),
            "{out}"
        );
        assert_eq!(media.len(), 2);
        assert_eq!(media[0].part, "word/media/picture1.png");
        assert_eq!(&media[0].bytes[1..4], b"PNG");
        assert_eq!(media[1].bytes, svg);
        assert!(out.contains(r#"r:embed="rIdPicture1Svg""#));
    }

    #[test]
    fn only_images_word_shows_are_placed() {
        assert!(mark("/content/a/f.pdf", 40.0, "").is_err());
        assert!(mark("/content/a/f.png", f64::NAN, "").is_err());
        let marked = mark("/content/a/f.png", 40.0, "").unwrap();
        let broken = place(
            marked.as_str().unwrap(),
            |_| Ok(b"not a png".to_vec()),
            &no_fonts,
        );
        assert!(broken.unwrap_err().contains("大きさが読めません"));
    }
}
