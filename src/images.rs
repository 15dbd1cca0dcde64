//! Images are checked before typst decodes them: a small file can declare billions of pixels,
//! and decoding it would take more memory than a staff PC has. The dimensions are read from
//! the header only; an SVG is checked for the raster images embedded in it as `data:` URLs.

/// The most pixels one raster image may have (8000 × 6000 is 48 million).
pub const MAX_PIXELS: u64 = 50_000_000;

/// Whether `bytes` (a file named with extension `ext`) can be decoded within [`MAX_PIXELS`].
/// Returns a Japanese reason when not. Files that are not images pass (typst reports those).
pub fn check(ext: &str, bytes: &[u8]) -> Result<(), String> {
    match ext.to_ascii_lowercase().as_str() {
        "svg" | "svgz" => check_svg(bytes),
        "png" | "jpg" | "jpeg" | "gif" | "webp" => check_raster(bytes),
        _ => Ok(()),
    }
}

/// Whether an SVG file parses as typst will parse it. Slower than [`check`] (the whole file is
/// read as XML): used once per build by the content checks, which know the YAML line.
pub fn check_svg_syntax(bytes: &[u8]) -> Result<(), String> {
    let options = usvg::Options::default();
    match usvg::Tree::from_data(bytes, &options) {
        Ok(_) => Ok(()),
        Err(usvg::Error::NotAnUtf8Str) => Err("SVG の文字コードが UTF-8 ではありません。".into()),
        Err(usvg::Error::MalformedGZip) => Err("圧縮された SVG（svgz）が壊れています。".into()),
        Err(usvg::Error::ElementsLimitReached) => Err("SVG の要素が多すぎます。".into()),
        Err(usvg::Error::InvalidSize) => {
            Err("SVG の大きさ（width・height・viewBox）が正しくありません。".into())
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

/// Raster images embedded in an SVG as `data:image/…` URLs.
fn check_svg(bytes: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    let mut rest: &str = &text;
    while let Some(at) = rest.find("data:") {
        let url = &rest[at..];
        let end = url.find(['"', '\'', ')', '<']).unwrap_or(url.len());
        let url = &url[..end];
        rest = &rest[at + end.max(5)..];
        let Ok(data) = data_url::DataUrl::process(url) else {
            continue;
        };
        if !data.mime_type().type_.eq_ignore_ascii_case("image") {
            continue;
        }
        let Ok((decoded, _)) = data.decode_to_vec() else {
            continue;
        };
        let subtype = data.mime_type().subtype.to_ascii_lowercase();
        if subtype.starts_with("svg") {
            check_svg(&decoded)?;
        } else {
            check_raster(&decoded).map_err(|e| format!("SVG の中の画像: {e}"))?;
        }
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
