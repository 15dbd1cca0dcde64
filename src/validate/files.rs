//! Checks of the files content names: figures (inside the council folder, a format typst
//! places, pixels that fit in memory, the files an SVG links) and attached PDFs.

use super::*;

/// Every material of a packet has exactly one source, and that source exists.
pub(super) fn check_materials(c: &CouncilData, fy: i32, number: u32, out: &mut Problems) {
    let Some(m) = crate::view::find_meeting(c, fy, number) else {
        return;
    };
    let file = c
        .years
        .get(&fy)
        .and_then(|y| y.files.get("meetings"))
        .cloned()
        .unwrap_or_default();
    for (i, mat) in m.materials.iter().enumerate() {
        let field = format!("meetings[{}].materials[{i}]", number.saturating_sub(1));
        let line = || find_line(&file, "title", &mat.title);
        let sources = usize::from(mat.agenda)
            + usize::from(mat.document.is_some())
            + usize::from(mat.file.is_some());
        if sources != 1 {
            out.push(
                Problem::error(
                    &file,
                    format!(
                        "資料「{}」の中身が{}。",
                        mat.title,
                        if sources == 0 {
                            "ありません"
                        } else {
                            "２つ以上書かれています"
                        }
                    ),
                )
                .at(line(), None)
                .field(&field)
                .hint("agenda: true、document: 文書名、file: PDF のどれか１つを書いてください。"),
            );
            continue;
        }
        if let Some(name) = &mat.document {
            match c.documents.iter().find(|d| &d.name == name) {
                None => out.push(
                    Problem::error(
                        &file,
                        format!(
                            "資料「{}」の文書 {name} が documents にありません。",
                            mat.title
                        ),
                    )
                    .at(line(), None)
                    .field(format!("{field}.document"))
                    .hint(format!(
                        "作れる文書: {}",
                        c.documents
                            .iter()
                            .map(|d| d.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                ),
                Some(d) if matches!(d.document, Document::Packet(_)) => out.push(
                    Problem::error(
                        &file,
                        format!("資料「{}」に資料一式 {name} は入れられません。", mat.title),
                    )
                    .at(line(), None)
                    .field(format!("{field}.document")),
                ),
                Some(_) => {}
            }
        }
        if let Some(f) = &mat.file {
            let path = c.dir.join(f);
            let read = if crate::files::leaves(f) {
                Err(Problem::error(&path, "外にある"))
            } else {
                crate::files::read_bytes(&c.dir, &path, crate::files::MAX_BINARY_BYTES)
            };
            let problem = match read {
                Err(e) if e.message.contains("外にある") => Some(format!(
                    "資料「{}」のファイル {f} は協議会のフォルダの外にあります。",
                    mat.title
                )),
                Err(_) if !path.exists() => Some(format!(
                    "資料「{}」のファイル {f} が見つかりません。",
                    mat.title
                )),
                Err(e) => Some(format!(
                    "資料「{}」のファイル {f}: {}",
                    mat.title, e.message
                )),
                Ok(bytes) => match crate::images::check_pdf(&bytes)
                    .map(|()| crate::build::pdf_pages(&bytes))
                {
                    Err(e) => Some(format!("資料「{}」のファイル {f}: {e}", mat.title)),
                    Ok(None) => Some(format!(
                        "資料「{}」のファイル {f} は PDF として読めません。",
                        mat.title
                    )),
                    Ok(Some(n)) if n > crate::images::MAX_PDF_PAGES => Some(format!(
                        "資料「{}」のファイル {f} は {n} ページあります（{} ページまで）。",
                        mat.title,
                        crate::images::MAX_PDF_PAGES
                    )),
                    Ok(Some(_)) => None,
                },
            };
            if let Some(message) = problem {
                out.push(
                    Problem::error(&file, message)
                        .at(find_line(&file, "file", f), None)
                        .field(format!("{field}.file"))
                        .hint("協議会のフォルダからの相対パスで PDF を指定してください。"),
                );
            }
        }
    }
}

/// An image must exist inside the council folder and be in a format typst can place.
pub(super) fn check_image(council_dir: &Path, file: &str, doc: &Path, out: &mut Problems) {
    let path = council_dir.join(file);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let leaves = crate::files::leaves(file);
    let inside = !leaves && crate::files::resolve_inside(council_dir, &path).is_ok();
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
            Ok(bytes) => crate::images::check(&ext, &bytes)
                .and_then(|()| {
                    if ext == "svg" {
                        crate::images::check_svg_syntax(&bytes)?;
                        check_svg_links(council_dir, &path, &bytes)
                    } else {
                        Ok(())
                    }
                })
                .err()
                .map(|e| format!("図のファイル {file}: {e}")),
        }
    };
    if let Some(message) = problem {
        out.push(
            Problem::error(doc, message)
                .at(find_line(doc, "file", file), None)
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
pub(super) fn check_svg_links(council_dir: &Path, svg: &Path, bytes: &[u8]) -> Result<(), String> {
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
        crate::images::check(&ext, &linked_bytes)
            .map_err(|e| format!("SVG の中で参照している {target}: {e}"))?;
    }
    Ok(())
}
