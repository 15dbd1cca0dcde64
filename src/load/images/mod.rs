//! Images are checked before typst decodes them: a small file can declare billions of pixels,
//! and decoding it would take more memory than a staff PC has. The dimensions are read from
//! the header only; an SVG is checked for the raster images embedded in it as `data:` URLs.

pub mod pdf;

use std::path::Path;

use crate::diag::{Problem, Problems};

/// The most pixels one raster image may have (8000 × 6000 is 48 million).
pub const MAX_PIXELS: u64 = 50_000_000;

/// Whether `bytes` (a file named with extension `ext`) can be decoded within [`MAX_PIXELS`].
/// Returns a Japanese reason when not. A raster image is recognised by its content, whatever
/// its name (an SVG may link `big.dat`); a PDF must be readable in full ([`pdf::check`]).
/// Other files pass (typst reports those).
pub fn check(ext: &str, bytes: &[u8]) -> Result<(), String> {
    match ext.to_ascii_lowercase().as_str() {
        "svg" | "svgz" => check_svg(bytes),
        "png" | "jpg" | "jpeg" | "gif" | "webp" => check_raster(bytes),
        "pdf" => pdf::check(bytes).map(|_| ()),
        _ if imagesize::image_type(bytes).is_ok() => check_raster(bytes),
        _ => Ok(()),
    }
}

/// Whether an SVG file parses as typst will parse it. Slower than [`check`] (the whole file is
/// read as XML): used once per build by the content checks, which know the YAML line.
/// Nothing is read from disk: images the SVG links by path are left out here (typst loads
/// them through the world, and [`check_figure`] checks them with `files`' rules), and no
/// resources folder is set.
pub fn check_svg_syntax(bytes: &[u8]) -> Result<(), String> {
    let options = usvg::Options {
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    match usvg::Tree::from_data(bytes, &options) {
        Ok(tree) if extreme(tree.root()) || extreme_number(&String::from_utf8_lossy(bytes)) => Err(
            "SVG の中に、とても大きい値（文字の大きさ、座標、拡大率など）があります。PDF が開けなくなるため使えません。図を作ったソフトで書き出し直してください。".into(),
        ),
        Ok(_) => Ok(()),
        Err(usvg::Error::NotAnUtf8Str) => Err("SVG の文字コードが UTF-8 ではありません。".into()),
        Err(usvg::Error::MalformedGZip) => Err("圧縮された SVG（svgz）が壊れています。".into()),
        Err(usvg::Error::ElementsLimitReached) => Err("SVG の要素が多すぎます。".into()),
        Err(usvg::Error::InvalidSize) => {
            Err("SVG の大きさ（width・height・viewBox）が正しくありません。".into())
        }
        Err(usvg::Error::ParsingFailed(e)) if e.to_string().contains("limit") => {
            Err("SVG の要素が多すぎます。".into())
        }
        Err(usvg::Error::ParsingFailed(e)) => Err(format!(
            "SVG（XML）の書き方に誤りがあります（{} 行 {} 列付近）。",
            e.pos().row,
            e.pos().col
        )),
    }
}

/// Coordinates, sizes and scales an SVG may reach: a figure is at most a page, so a value far
/// past that (`font-size="1e30"`) is a mistake, and the PDF writer would write it as a number
/// PDF readers reject.
const MAX_SVG_MAGNITUDE: f32 = 1.0e6;

/// Whether anything under `group` is drawn at an extreme size or place.
fn extreme(group: &usvg::Group) -> bool {
    let big = |v: f32| !v.is_finite() || v.abs() > MAX_SVG_MAGNITUDE;
    let rect = |r: usvg::Rect| {
        [r.left(), r.top(), r.right(), r.bottom()]
            .into_iter()
            .any(big)
    };
    let transform = |t: usvg::Transform| [t.sx, t.kx, t.ky, t.sy, t.tx, t.ty].into_iter().any(big);
    group.children().iter().any(|node| {
        transform(node.abs_transform())
            || rect(node.abs_bounding_box())
            || match node {
                usvg::Node::Group(g) => extreme(g),
                usvg::Node::Text(text) => text
                    .chunks()
                    .iter()
                    .flat_map(|c| c.spans())
                    .any(|span| big(span.font_size().get())),
                _ => false,
            }
    })
}

/// Whether an attribute value or a `<style>` of the SVG's text holds a number past
/// [`MAX_SVG_MAGNITUDE`]. The parsed tree leaves out what it could not lay out without fonts
/// (text, and a group holding only text), which typst lays out with its own.
fn extreme_number(svg: &str) -> bool {
    let mut values: Vec<&str> = Vec::new();
    for (at, quote) in svg.match_indices(['"', '\'']) {
        if svg[..at].trim_end().ends_with('=') {
            let rest = &svg[at + 1..];
            values.push(&rest[..rest.find(quote).unwrap_or(rest.len())]);
        }
    }
    for part in svg.split("<style").skip(1) {
        values.push(part.split("</style").next().unwrap_or_default());
    }
    values
        .iter()
        .filter(|v| !v.trim_start().starts_with("data:"))
        .any(|v| {
            let bytes = v.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                let starts = (bytes[i].is_ascii_digit() || bytes[i] == b'.')
                    && (i == 0
                        || !(bytes[i - 1].is_ascii_alphanumeric()
                            || b"_#".contains(&bytes[i - 1])));
                if !starts {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                    i += 1;
                }
                if i + 1 < bytes.len() && matches!(bytes[i], b'e' | b'E') {
                    let mut j = i + 1;
                    if matches!(bytes[j], b'+' | b'-') {
                        j += 1;
                    }
                    if bytes.get(j).is_some_and(u8::is_ascii_digit) {
                        i = j;
                        while i < bytes.len() && bytes[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                }
                let number: f64 = v[start..i].parse().unwrap_or(0.0);
                if !number.is_finite() || number > f64::from(MAX_SVG_MAGNITUDE) {
                    return true;
                }
            }
            false
        })
}

fn check_raster(bytes: &[u8]) -> Result<(), String> {
    let size = imagesize::blob_size(bytes).map_err(|_| {
        "画像として読めません（ファイルが壊れているか、拡張子と中身の形式が違います）。".to_string()
    })?;
    let pixels = (size.width as u64).saturating_mul(size.height as u64);
    if pixels > MAX_PIXELS {
        return Err(format!(
            "画像が大きすぎます（{} × {} ピクセル。{} ピクセルまで）。",
            size.width, size.height, MAX_PIXELS
        ));
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        check_png_chunks(bytes)?;
    }
    Ok(())
}

/// What the compressed chunks of one PNG (its colour profile, its texts) may inflate to.
pub const MAX_PNG_INFLATED: u64 = 16 * 1024 * 1024;

/// A PNG's compressed side chunks (`iCCP`, `zTXt`, compressed `iTXt`) are inflated by the
/// decoder in full before any pixel: a 1.5 MB colour profile can inflate to gigabytes.
fn check_png_chunks(bytes: &[u8]) -> Result<(), String> {
    let mut at = 8;
    let mut inflated = 0u64;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes
            [(at + 8).min(bytes.len())..(at + 8).saturating_add(len as usize).min(bytes.len())];
        // The compressed part: after the keyword's NUL and the compression method (and for
        // iTXt, the flag, the language and the translated keyword).
        let compressed = match kind {
            b"iCCP" | b"zTXt" => data
                .iter()
                .position(|&b| b == 0)
                .map(|nul| &data[(nul + 2).min(data.len())..]),
            b"iTXt" => data.iter().position(|&b| b == 0).and_then(|nul| {
                let rest = data.get(nul + 1..)?;
                if rest.first() != Some(&1) {
                    return None;
                }
                let rest = rest.get(2..)?;
                let lang = rest.iter().position(|&b| b == 0)?;
                let rest = &rest[lang + 1..];
                let translated = rest.iter().position(|&b| b == 0)?;
                Some(&rest[translated + 1..])
            }),
            b"IEND" => break,
            _ => None,
        };
        if let Some(compressed) = compressed {
            inflated = inflated.saturating_add(pdf::inflated_size(
                compressed,
                MAX_PNG_INFLATED - inflated.min(MAX_PNG_INFLATED),
            ));
            if inflated >= MAX_PNG_INFLATED {
                return Err(format!(
                    "PNG 画像に付いている色の設定や文字の情報が、展開すると大きすぎます（{} MB まで）。画像を編集ソフトで PNG に保存し直してください。",
                    MAX_PNG_INFLATED / 1024 / 1024
                ));
            }
        }
        at = at.saturating_add(12).saturating_add(len as usize);
    }
    Ok(())
}

/// Raster images embedded in an SVG as `data:` URLs (of any declared type: the SVG reader
/// decodes what it finds), and filter effects, which the renderer rasterises at a cost that
/// grows without bound with their parameters.
fn check_svg(bytes: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    if text.contains("<filter") || text.contains(":filter") {
        return Err("SVG のフィルタ効果（filter: 影やぼかしなど）は使えません（処理に時間がかかりすぎることがあります）。効果を付けずに書き出すか、PNG にしてください。".into());
    }
    let mut rest: &str = &text;
    while let Some(at) = rest.find("data:") {
        let url = &rest[at..];
        let end = url.find(['"', '\'', ')', '<']).unwrap_or(url.len());
        let url = &url[..end];
        rest = &rest[at + end.max(5)..];
        let Ok(data) = data_url::DataUrl::process(url) else {
            continue;
        };
        let Ok((decoded, _)) = data.decode_to_vec() else {
            continue;
        };
        let subtype = data.mime_type().subtype.to_ascii_lowercase();
        if subtype.starts_with("svg") || decoded.starts_with(b"<") {
            check_svg(&decoded)?;
        } else if imagesize::image_type(&decoded).is_ok() {
            check_raster(&decoded).map_err(|e| format!("SVG の中の画像: {e}"))?;
        }
    }
    Ok(())
}

/// Image formats typst can place.
pub const IMAGE_FORMATS: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp"];

/// An image must exist inside the council folder and be in a format typst can place.
pub fn check_figure(council_dir: &Path, file: &str, doc: &Path, out: &mut Problems) {
    let path = council_dir.join(file);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let leaves = crate::load::files::leaves(file);
    let inside = !leaves && crate::load::files::resolve_inside(council_dir, &path).is_ok();
    let mut foreign = false;
    let problem = if leaves {
        Some(format!(
            "図のファイル {file} が協議会のフォルダの外にあります。"
        ))
    } else if !path.exists() {
        Some(format!("図のファイル {file} が見つかりません。"))
    } else if !inside {
        Some(format!(
            "図のファイル {file} が協議会のフォルダの外にあります。"
        ))
    } else if !IMAGE_FORMATS.contains(&ext.as_str()) {
        Some(format!("図のファイル {file} は使えない形式です。"))
    } else {
        match crate::load::files::read_bytes(council_dir, &path, crate::limits::MAX_BINARY_BYTES) {
            Err(e) => Some(format!("図のファイル {file}: {}", e.message)),
            Ok(bytes) => {
                // HTML inside the SVG (as some drawing programs write text): typst leaves it
                // out of the PDF, and its own warning would name the template.
                foreign = ext == "svg" && String::from_utf8_lossy(&bytes).contains("foreignObject");
                check(&ext, &bytes)
                    .and_then(|()| {
                        if ext == "svg" {
                            check_svg_syntax(&bytes)?;
                            check_svg_links(council_dir, &path, &bytes)
                        } else {
                            Ok(())
                        }
                    })
                    .err()
                    .map(|e| format!("図のファイル {file}: {e}"))
            }
        }
    };
    if problem.is_none() && foreign {
        out.push(
            Problem::warning(
                doc,
                format!("図のファイル {file} に、Web ページの書き方で埋め込んだ部分（文字や表など）があります。その部分は PDF に描かれません。"),
            )
            .field("figure.file")
            .hint("作図ソフトで、文字も図の一部として書き出す設定にするか、PNG で書き出してください。"),
        );
    }
    if let Some(message) = problem {
        out.push(
            Problem::error(doc, message)
                .field("figure.file")
                .hint(format!(
                    "協議会のフォルダからの相対パスで、{} のいずれかの画像を指定してください。",
                    IMAGE_FORMATS.join(" / ")
                )),
        );
    }
}

/// The files an SVG links (`href="zu.png"`): inside the council folder, and images that fit
/// in memory, like the figure itself.
fn check_svg_links(council_dir: &Path, svg: &Path, bytes: &[u8]) -> Result<(), String> {
    check_svg_links_from(council_dir, &mut vec![svg.to_path_buf()], bytes)
}

/// SVGs may link SVGs: `chain` is the figure and the SVGs that led here, which none may link
/// again (typst would follow the loop and blame the template).
fn check_svg_links_from(
    council_dir: &Path,
    chain: &mut Vec<std::path::PathBuf>,
    bytes: &[u8],
) -> Result<(), String> {
    let svg = chain.last().cloned().unwrap_or_default();
    let svg = svg.as_path();
    let text = String::from_utf8_lossy(bytes);
    for part in text.split("href=").skip(1) {
        let Some(quote) = part.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        let target = part[1..].split(quote).next().unwrap_or_default();
        if target.is_empty() || target.starts_with('#') || target.starts_with("data:") {
            continue;
        }
        let linked = svg.parent().unwrap_or(council_dir).join(target);
        if crate::load::files::leaves(target)
            && crate::load::files::resolve_inside(council_dir, &linked).is_err()
        {
            return Err(format!(
                "SVG の中で参照している {target} は協議会のフォルダの外にあります。"
            ));
        }
        let ext = linked
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let linked_bytes =
            crate::load::files::read_bytes(council_dir, &linked, crate::limits::MAX_BINARY_BYTES)
                .map_err(|e| format!("SVG の中で参照している {target}: {}", e.message))?;
        check(&ext, &linked_bytes).map_err(|e| format!("SVG の中で参照している {target}: {e}"))?;
        if matches!(ext.as_str(), "svg" | "svgz") {
            let same = |a: &Path| a.canonicalize().ok() == linked.canonicalize().ok() && a.exists();
            if chain.iter().any(|p| same(p)) {
                return Err(format!(
                    "SVG の中で参照している {target} は、この図そのもの（または図を参照している SVG）です。参照が輪になっているため描けません。"
                ));
            }
            if chain.len() >= 4 {
                return Err(format!(
                    "SVG の中で参照している {target} の先で、SVG が SVG を参照する段が深すぎます。"
                ));
            }
            chain.push(linked.clone());
            check_svg_links_from(council_dir, chain, &linked_bytes)?;
            chain.pop();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG header (signature and IHDR) declaring `w` × `h` pixels; the data need not follow.
    pub(super) fn png_header(w: u32, h: u32) -> Vec<u8> {
        let mut b = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        b
    }

    #[test]
    fn huge_rasters_are_refused_from_their_header() {
        assert!(check("png", &png_header(800, 600)).is_ok());
        let e = check("PNG", &png_header(100_000, 100_000)).unwrap_err();
        assert!(e.contains("100000 × 100000"), "{e}");
        assert!(check("png", b"not a png").is_err());
    }

    #[test]
    fn rasters_are_known_by_content_and_svg_filters_refused() {
        assert!(check("dat", &png_header(100_000, 100_000)).is_err());
        assert!(check("dat", b"plain text").is_ok());
        use base64::Engine;
        let png = base64::engine::general_purpose::STANDARD.encode(png_header(60_000, 60_000));
        let svg = format!(r#"<svg><image href="data:text/plain;base64,{png}"/></svg>"#);
        assert!(check("svg", svg.as_bytes()).is_err());
        let svg = r#"<svg><filter id="f"><feMorphology radius="20"/></filter></svg>"#;
        assert!(
            check("svg", svg.as_bytes())
                .unwrap_err()
                .contains("フィルタ")
        );
    }

    #[test]
    fn extreme_numbers_in_svgs_are_found_where_they_are_drawn() {
        assert!(extreme_number(r#"<text font-size="1e30">x</text>"#));
        assert!(extreme_number(r#"<g transform="scale(1E+20)"/>"#));
        assert!(extreme_number(
            "<style>text { font-size: 99999999px }</style>"
        ));
        assert!(!extreme_number(
            r#"<path id="path12345678" d="M 0 0 L 100.5 2e3"/>"#
        ));
        assert!(!extreme_number(
            r#"<image href="data:image/png;base64,99999999"/>"#
        ));
        assert!(!extreme_number("<desc>1234567890</desc>"));
        assert!(!extreme_number(
            r##"<rect fill="#2e75b6" style="stroke:#1e30ff"/>"##
        ));
    }

    #[test]
    fn broken_svg_is_named_in_japanese() {
        let e = check_svg_syntax(b"<svg xmlns=\"http://www.w3.org/2000/svg\">\n<g>\n</svg>")
            .unwrap_err();
        assert!(e.contains("3 行"), "{e}");
        assert!(check_svg_syntax(
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>"#
        )
        .is_ok());
    }

    #[test]
    fn huge_rasters_inside_svg_are_refused() {
        use base64::Engine;
        let png = base64::engine::general_purpose::STANDARD.encode(png_header(60_000, 60_000));
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,{png}"/></svg>"#
        );
        let e = check("svg", svg.as_bytes()).unwrap_err();
        assert!(e.starts_with("SVG の中の画像"), "{e}");
        let small = base64::engine::general_purpose::STANDARD.encode(png_header(10, 10));
        let svg = format!(r#"<svg><image href='data:image/png;base64,{small}'/></svg>"#);
        assert!(check("svg", svg.as_bytes()).is_ok());
    }
}
