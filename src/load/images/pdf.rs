//! PDFs that a packet attaches or a template places, checked before typst places their pages.
//!
//! typst reads a PDF with hayro, which gives up quietly: a page it cannot read is placed blank,
//! an object it cannot parse is left out. A PDF cut short by a failed copy or download would then
//! build a packet of empty pages carrying only their 資料 stamp. Here a PDF is accepted only when
//! every page can be read in full:
//! 1. the file is read as PDF syntax without recursion: arrays and dictionaries may not nest
//!    deeper than [`MAX_NESTING`], compressed streams may not inflate past [`MAX_INFLATED`], and
//!    the file must end as every complete PDF does (`%%EOF`);
//! 2. hayro opens it (its own recursion is bounded by our patch, `vendor/hayro-syntax`), it has
//!    between one and [`MAX_PAGES`] pages, and each page's content, images, forms and fonts
//!    resolve and decode.
//!
//! The answer is remembered by the file's hash, so `watch` and `serve` check a PDF once, not on
//! every save.

use std::collections::HashMap;
use std::sync::Mutex;

use hayro_syntax::object::{Array, Dict, Name, Stream};

/// Pages an attached PDF may have (its pages are placed one by one in the packet).
pub const MAX_PAGES: usize = 300;

/// Arrays and dictionaries a PDF may nest (real PDFs nest a handful).
pub const MAX_NESTING: usize = 256;

/// What compressed streams may inflate to, all streams together.
pub const MAX_INFLATED: u64 = 256 * 1024 * 1024;

/// The number of pages of a PDF whose every page can be read and that has at most
/// [`MAX_PAGES`] pages, or a Japanese reason why not.
pub fn check(bytes: &[u8]) -> Result<usize, String> {
    match pages(bytes)? {
        n if n > MAX_PAGES => Err(format!("{n} ページあります（{MAX_PAGES} ページまで）。")),
        n => Ok(n),
    }
}

/// The number of pages of a PDF whose every page can be read, or a Japanese reason why not.
pub fn pages(bytes: &[u8]) -> Result<usize, String> {
    static CHECKED: Mutex<Option<HashMap<u128, Result<usize, String>>>> = Mutex::new(None);
    let key = typst::utils::hash128(&bytes);
    if let Some(known) = CHECKED
        .lock()
        .ok()
        .and_then(|map| map.as_ref()?.get(&key).cloned())
    {
        return known;
    }
    let result = scan(bytes).and_then(|()| read_pages(bytes));
    if let Ok(mut map) = CHECKED.lock() {
        let map = map.get_or_insert_with(HashMap::new);
        if map.len() >= 64 {
            map.clear();
        }
        map.insert(key, result.clone());
    }
    result
}

const BROKEN: &str = "PDF が途中で切れているか、壊れています。";

/// Step 1: the nesting, the inflated size and the end of the file, read token by token.
fn scan(bytes: &[u8]) -> Result<(), String> {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if find(tail, b"%%EOF").is_none() {
        return Err(format!("{BROKEN}（ファイルの終わりがありません）"));
    }
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
            b if is_regular(b) => {
                // A name (`/Xstream`), a number or a keyword, read whole: only the keyword
                // `stream` itself starts stream data.
                let start = i;
                while i < bytes.len() && is_regular(bytes[i]) {
                    i += 1;
                }
                if &bytes[start..i] == b"stream"
                    && (start == 0 || bytes[start - 1] != b'/')
                    && matches!(bytes.get(i), Some(b'\r' | b'\n'))
                {
                    // Stream data runs to `endstream`; compressed data may not inflate past
                    // the limit (a small PDF can hold gigabytes of page content).
                    let Some(end) = find(&bytes[i..], b"endstream") else {
                        break;
                    };
                    let data = &bytes[i..i + end];
                    let data = data
                        .strip_prefix(b"\r\n")
                        .or_else(|| data.strip_prefix(b"\n"))
                        .or_else(|| data.strip_prefix(b"\r"))
                        .unwrap_or(data);
                    inflated =
                        inflated.saturating_add(inflated_size(data, MAX_INFLATED - inflated));
                    if inflated >= MAX_INFLATED {
                        return Err(format!(
                            "PDF の中身を展開すると大きすぎます（{} MB まで）。",
                            MAX_INFLATED / 1024 / 1024
                        ));
                    }
                    i += end + b"endstream".len();
                }
                continue;
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(format!(
                "PDF の中の入れ子が深すぎます（{MAX_NESTING} 段まで）。壊れているか、普通の PDF ではありません。"
            ));
        }
        i += 1;
    }
    Ok(())
}

/// A byte of a name, number or keyword (not white space, not a delimiter).
fn is_regular(b: u8) -> bool {
    !matches!(
        b,
        b'\0'
            | b'\t'
            | b'\n'
            | b'\x0C'
            | b'\r'
            | b' '
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'%'
    )
}

/// Step 2: hayro opens the file and can read every page in full.
fn read_pages(bytes: &[u8]) -> Result<usize, String> {
    let pdf = match hayro_syntax::Pdf::new(bytes.to_vec()) {
        Ok(pdf) => pdf,
        Err(hayro_syntax::LoadPdfError::Decryption(_)) => {
            return Err(
                "パスワードなどで保護された PDF は使えません。保護を外した PDF にしてください。"
                    .into(),
            );
        }
        Err(_) => return Err("PDF として読めません。".into()),
    };
    let pages = pdf.pages();
    if pages.is_empty() {
        return Err(format!("{BROKEN}（ページが見つかりません）"));
    }
    // A page left out of the tree (unreadable, or cut off) leaves fewer pages than it says.
    let xref = pdf.xref();
    let count = xref
        .get::<Dict<'_>>(xref.root_id())
        .and_then(|catalog| catalog.get::<Dict<'_>>(b"Pages".as_slice()))
        .and_then(|tree| tree.get::<usize>(b"Count".as_slice()));
    if let Some(count) = count.filter(|&c| c != pages.len()) {
        return Err(format!(
            "{BROKEN}（{count} ページのうち {} ページしか読めません）",
            pages.len()
        ));
    }
    for (n, page) in pages.iter().enumerate() {
        let resources = page.resources();
        // Images are decoded when placed; a form is drawn like a page, so its content counts.
        let x_object = |d: &Dict<'_>, key: &[u8]| {
            d.get::<Stream<'_>>(key).is_some_and(|s| {
                s.dict().get::<Name<'_>>(b"Subtype".as_slice()).as_deref()
                    != Some(b"Form".as_slice())
                    || s.decoded().is_ok()
            })
        };
        let readable = contents_readable(page.raw())
            && every_value(&resources.x_objects, x_object)
            && every_value(&resources.fonts, |d, key| d.get::<Dict<'_>>(key).is_some());
        if !readable {
            return Err(format!("{BROKEN}（{} ページ目が読めません）", n + 1));
        }
    }
    Ok(pages.len())
}

/// Whether a page's `/Contents` (absent on a blank page) resolves and decodes in full.
fn contents_readable(page: &Dict<'_>) -> bool {
    const CONTENTS: &[u8] = b"Contents";
    if !page.contains_key(CONTENTS) {
        return true;
    }
    let decodes = |s: Stream<'_>| s.decoded().is_ok() && flate_complete(&s);
    if let Some(stream) = page.get::<Stream<'_>>(CONTENTS) {
        return decodes(stream);
    }
    if let Some(array) = page.get::<Array<'_>>(CONTENTS) {
        let listed = array.raw_iter().count();
        let read = array
            .iter::<Stream<'_>>()
            .filter(|s| decodes(s.clone()))
            .count();
        return listed == read;
    }
    false
}

/// Whether a Flate-compressed stream's data runs to the end of its compressed stream (the
/// reader would draw what it could inflate of a cut stream, and leave the rest of the page
/// out). The checksum after it is not asked for: some writers leave it out.
fn flate_complete(stream: &Stream<'_>) -> bool {
    if stream.filters().as_slice() != [hayro_syntax::Filter::FlateDecode] {
        return true;
    }
    let data = stream.raw_data();
    let Some(deflate) = data.get(2..) else {
        return false;
    };
    let mut inflater = flate2::Decompress::new(false);
    let mut sink = vec![0u8; 64 * 1024];
    loop {
        let consumed = inflater.total_in() as usize;
        let before = inflater.total_out();
        match inflater.decompress(
            &deflate[consumed.min(deflate.len())..],
            &mut sink,
            flate2::FlushDecompress::Finish,
        ) {
            Ok(flate2::Status::StreamEnd) => return true,
            Ok(_) if inflater.total_out() > before || (inflater.total_in() as usize) > consumed => {
            }
            _ => return false,
        }
    }
}

/// Whether every value of `dict` (a resource dictionary) resolves and passes `ok`.
fn every_value(dict: &Dict<'_>, ok: impl Fn(&Dict<'_>, &[u8]) -> bool) -> bool {
    dict.keys().all(|key| ok(dict, &key))
}

/// How many bytes zlib `data` inflates to, counting no further than `limit` (data that is
/// not zlib, or stored uncompressed, counts as its own length).
pub(super) fn inflated_size(data: &[u8], limit: u64) -> u64 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_bounded_and_names_are_not_keywords() {
        let deep = format!("1 0 obj << /Foo {} >> endobj\n%%EOF", "[".repeat(200_000));
        assert!(scan(deep.as_bytes()).unwrap_err().contains("入れ子"));
        // A name ending in `stream` does not start stream data that hides what follows.
        let hidden = format!(
            "1 0 obj << /Xstream\n{} >> endobj endstream\n%%EOF",
            "[".repeat(1000)
        );
        assert!(scan(hidden.as_bytes()).unwrap_err().contains("入れ子"));
        let ok = b"1 0 obj << /A [1 [2] (a [[[ string) ] >> stream\n[[[[[[ binary endstream endobj\n%%EOF";
        assert!(scan(ok).is_ok());
    }

    #[test]
    fn a_file_without_its_end_is_refused() {
        let e = scan(b"%PDF-1.7\n1 0 obj << >> endobj\n").unwrap_err();
        assert!(e.contains("途中で切れている"), "{e}");
    }

    #[test]
    fn inflated_size_is_bounded() {
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
        pdf.extend_from_slice(b"\nendstream endobj\n%%EOF");
        let e = scan(&pdf).unwrap_err();
        assert!(e.contains("大きすぎます"), "{e}");
    }
}
