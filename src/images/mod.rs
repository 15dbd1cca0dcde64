//! Images are checked before typst decodes them: a small file can declare billions of pixels,
//! and decoding it would take more memory than a staff PC has. The dimensions are read from
//! the header only; an SVG is checked for the raster images embedded in it as `data:` URLs.

use std::path::Path;

use crate::diag::{Problem, Problems};

/// The most pixels one raster image may have (8000 × 6000 is 48 million).
pub const MAX_PIXELS: u64 = 50_000_000;

/// Whether `bytes` (a file named with extension `ext`) can be decoded within [`MAX_PIXELS`].
/// Returns a Japanese reason when not. A raster image is recognised by its content, whatever
/// its name (an SVG may link `big.dat`); a PDF must be nested no deeper than
/// [`MAX_PDF_NESTING`]. Other files pass (typst reports those).
pub fn check(ext: &str, bytes: &[u8]) -> Result<(), String> {
    match ext.to_ascii_lowercase().as_str() {
        "svg" | "svgz" => check_svg(bytes),
        "png" | "jpg" | "jpeg" | "gif" | "webp" => check_raster(bytes),
        "pdf" => check_pdf(bytes),
        _ if imagesize::image_type(bytes).is_ok() => check_raster(bytes),
        _ => Ok(()),
    }
}

/// Pages an attached PDF may have (its pages are placed one by one in the packet).
pub const MAX_PDF_PAGES: usize = 300;

/// The number of pages of a PDF, or none when it cannot be read.
pub fn pdf_pages(bytes: &[u8]) -> Option<usize> {
    hayro_syntax::Pdf::new(bytes.to_vec())
        .ok()
        .map(|pdf| pdf.pages().len())
        .filter(|&n| n > 0)
}

/// Arrays and dictionaries a PDF may nest (real PDFs nest a handful; a deeper one would
/// exhaust the reader's stack).
pub const MAX_PDF_NESTING: usize = 256;

/// Whether a PDF can be read within bounds: its objects nest no deeper than
/// [`MAX_PDF_NESTING`] and its compressed streams inflate to at most [`MAX_PDF_INFLATED`].
/// Nesting counts `[` and
/// `<<` outside strings, comments and stream data.
pub fn check_pdf(bytes: &[u8]) -> Result<(), String> {
    let (mut depth, mut i, mut inflated) = (0usize, 0usize, 0u64);
    while i < bytes.len() {
        match bytes[i] {
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let mut level = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'%' => {
                while i < bytes.len() && !matches!(bytes[i], b'\r' | b'\n') {
                    i += 1;
                }
            }
            b'[' => depth += 1,
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b']' => depth = depth.saturating_sub(1),
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if bytes[i..].starts_with(b"stream") && !bytes[..i].ends_with(b"end") => {
                // Stream data runs to `endstream`; compressed data may not inflate past the
                // limit (a small PDF can hold gigabytes of page content).
                let Some(end) = find(&bytes[i + 6..], b"endstream") else {
                    break;
                };
                let data = &bytes[i + 6..i + 6 + end];
                let data = data
                    .strip_prefix(b"\r\n")
                    .or_else(|| data.strip_prefix(b"\n"))
                    .unwrap_or(data);
                inflated =
                    inflated.saturating_add(inflated_size(data, MAX_PDF_INFLATED - inflated));
                if inflated >= MAX_PDF_INFLATED {
                    return Err(format!(
                        "PDF の中身を展開すると大きすぎます（{} MB まで）。",
                        MAX_PDF_INFLATED / 1024 / 1024
                    ));
                }
                i += 6 + end + 8;
            }
            _ => {}
        }
        if depth > MAX_PDF_NESTING {
            return Err(format!(
                "PDF の中の入れ子が深すぎます（{MAX_PDF_NESTING} 段まで）。壊れているか、普通の PDF ではありません。"
            ));
        }
        i += 1;
    }
    Ok(())
}

/// What compressed page content a PDF may inflate to, all streams together.
pub const MAX_PDF_INFLATED: u64 = 256 * 1024 * 1024;

/// How many bytes zlib `data` inflates to, counting no further than `limit` (data that is
/// not zlib, or stored uncompressed, counts as its own length).
fn inflated_size(data: &[u8], limit: u64) -> u64 {
    use std::io::Read;
    let looks_zlib = data.len() >= 2
        && data[0] & 0x0F == 8
        && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    if !looks_zlib {
        return data.len() as u64;
    }
    let mut sink = [0u8; 64 * 1024];
    let mut total = 0u64;
    let mut decoder = flate2::read::ZlibDecoder::new(data).take(limit.saturating_add(1));
    while let Ok(n) = decoder.read(&mut sink) {
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    total
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
    let leaves = crate::files::leaves(file);
    let inside = !leaves && crate::files::resolve_inside(council_dir, &path).is_ok();
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
        match crate::files::read_bytes(council_dir, &path, crate::files::MAX_BINARY_BYTES) {
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
                format!("図のファイル {file} に foreignObject（SVG に埋め込んだ HTML）があります。その部分は PDF に描かれません。"),
            )
            .field("figure.file")
            .hint("作図ソフトで、文字を HTML ではなく SVG の文字（テキスト）として書き出す設定にするか、PNG で書き出してください。"),
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
        if crate::files::leaves(target)
            && crate::files::resolve_inside(council_dir, &linked).is_err()
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
            crate::files::read_bytes(council_dir, &linked, crate::files::MAX_BINARY_BYTES)
                .map_err(|e| format!("SVG の中で参照している {target}: {}", e.message))?;
        check(&ext, &linked_bytes).map_err(|e| format!("SVG の中で参照している {target}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG header (signature and IHDR) declaring `w` × `h` pixels; the data need not follow.
    pub fn png_header(w: u32, h: u32) -> Vec<u8> {
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
    fn pdf_nesting_is_bounded() {
        let deep = format!("1 0 obj << /Foo {} >> endobj", "[".repeat(200_000));
        assert!(check_pdf(deep.as_bytes()).is_err());
        let ok = b"1 0 obj << /A [1 [2] (a [[[ string) ] >> stream\n[[[[[[ binary endstream endobj";
        assert!(check_pdf(ok).is_ok());
        // 300 MB of spaces in a small compressed stream.
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let spaces = vec![b' '; 1024 * 1024];
        for _ in 0..300 {
            z.write_all(&spaces).unwrap();
        }
        let data = z.finish().unwrap();
        assert!(data.len() < 2 * 1024 * 1024);
        let mut pdf = b"1 0 obj << /Filter /FlateDecode >> stream\n".to_vec();
        pdf.extend_from_slice(&data);
        pdf.extend_from_slice(b"\nendstream endobj");
        let e = check_pdf(&pdf).unwrap_err();
        assert!(e.contains("大きすぎます"), "{e}");
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
