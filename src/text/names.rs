//! Names that become files and links: a document's or a council folder's name is written to
//! `output/` (a PDF, a page, a backup beside them) and linked from pages. A name is refused
//! unless it is a safe file name on Windows and on Linux; a link is always built from the
//! name by percent-encoding each path segment, never printed as written.
//!
//! `#` and `%` are allowed in names (both systems accept them) and encoded in links; `?` is
//! refused (Windows does not allow it in a file name).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;

/// What may stay as it is in a path segment of a link: letters, digits and `-._~`
/// (RFC 3986 unreserved). Everything else, `:` and every non-ASCII byte included, is
/// percent-encoded, so no link can start with a scheme (`javascript:`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The bytes a name may have: 255 (the limit of Linux and Windows file names) less what the
/// output adds around it (`.shiryo-backup-` before it, `.html` after it, a margin).
pub(crate) const MAX_NAME_BYTES: usize = 255 - 64;

/// A relative link to `path` (`/`-separated segments), each segment percent-encoded.
pub(crate) fn url_path(path: &str) -> String {
    path.split('/')
        .map(|segment| utf8_percent_encode(segment, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// Characters a name may not hold though they are no control: invisible ones (zero-width
/// spaces and joiners, the byte-order mark, the soft hyphen, tag characters, line and
/// paragraph separators) and variation selectors, which change nothing a reader sees in a
/// file name.
fn invisible(c: char) -> bool {
    crate::text::visible::is_invisible(c)
        || matches!(c, '\u{180B}'..='\u{180D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// The part before the first `.` of `name` when Windows takes it for a device (`CON`,
/// `com1.txt`, `LPT³`, `CONIN$`), in any case, with or without an extension. The list is
/// Microsoft's ("Naming Files, Paths, and Namespaces"): COM0 and LPT0 and the superscript
/// digits ¹ ² ³ included.
fn device_name(name: &str) -> Option<&str> {
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    let upper = stem.to_ascii_uppercase();
    let numbered = |prefix: &str| {
        upper.strip_prefix(prefix).is_some_and(|n| {
            let mut digits = n.chars();
            matches!(
                (digits.next(), digits.next()),
                (Some('0'..='9' | '¹' | '²' | '³'), None)
            )
        })
    };
    let reserved = matches!(
        upper.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || numbered("COM")
        || numbered("LPT");
    reserved.then_some(stem)
}

/// Why `name` (one file or folder name, without any path) cannot be a file name on Windows
/// and Linux, in Japanese, or `None` when it can.
pub(crate) fn unsafe_name(name: &str) -> Option<String> {
    const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];
    if name.is_empty() {
        return Some("名前がありません".into());
    }
    if let Some(c) = name.chars().find(|c| FORBIDDEN.contains(c)) {
        return Some(format!(
            "名前に Windows のファイル名に使えない文字「{c}」があります"
        ));
    }
    if name.chars().any(char::is_control) {
        return Some("名前に改行やタブなどの制御文字があります".into());
    }
    if let Some(c) = name
        .chars()
        .find(|&c| crate::text::visible::is_bidi_control(c))
    {
        return Some(format!(
            "名前に、文字の並ぶ向きを変える見えない文字（U+{:04X}）があり、表示される名前が本当の名前と違って見えます",
            c as u32
        ));
    }
    if let Some(c) = name.chars().find(|&c| invisible(c)) {
        return Some(format!(
            "名前に目に見えない文字（U+{:04X}）があり、同じに見える別の名前になります",
            c as u32
        ));
    }
    if name.ends_with(['.', ' ', '\u{3000}']) {
        return Some("名前が「.」か空白で終わっています（Windows では使えません）".into());
    }
    if let Some(stem) = device_name(name) {
        return Some(format!(
            "「{stem}」は Windows で装置の名前として予約されていて、ファイル名に使えません"
        ));
    }
    if name.len() > MAX_NAME_BYTES {
        return Some(format!(
            "名前が長すぎます（{} バイト。{MAX_NAME_BYTES} バイトまで、全角なら約 {} 文字まで）",
            name.len(),
            MAX_NAME_BYTES / 3
        ));
    }
    None
}

/// The name Windows (letter case) and macOS (normalisation) file a path under: two paths
/// with one key are one file there. Letters are compared as Windows does, one character for
/// one (its upper-case table has no `ß` → `SS`).
pub(crate) fn windows_key(path: &str) -> String {
    path.nfc()
        .map(|c| {
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                (Some(u), None) => u,
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_encoded_segment_by_segment() {
        assert_eq!(
            url_path("javascript:alert(document.domain).pdf"),
            "javascript%3Aalert%28document.domain%29.pdf"
        );
        assert_eq!(url_path("a#b%c?.pdf"), "a%23b%25c%3F.pdf");
        assert_eq!(url_path("r6-hyoka.pdf"), "r6-hyoka.pdf");
        assert_eq!(url_path("資料.html"), "%E8%B3%87%E6%96%99.html");
        assert_eq!(url_path("a b/c.pdf"), "a%20b/c.pdf");
    }

    #[test]
    fn names_unsafe_on_windows_or_linux_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "a\\b",
            "a/b",
            "a\nb",
            "a\u{7}",
            "what?",
            "a*",
            "a<b>",
            "a|b",
            "say\"",
            "end.",
            "end ",
            "CON",
            "con.txt",
            "Nul",
            "COM1",
            "lpt9.yaml",
            "aux .x",
            "COM0",
            "COM¹",
            "com².pdf",
            "LPT³",
            "conin$",
            "CONOUT$.txt",
            "r6-1-kaigi\u{202E}gpj.exe",
            "a\u{200E}b",
            "a\u{200F}b",
            "a\u{2066}b",
            "zw\u{200B}sp",
            "zw\u{200C}nj",
            "zw\u{200D}j",
            "\u{FEFF}bom",
            "soft\u{AD}hyphen",
            "tag\u{E0041}",
            "line\u{2028}sep",
            "para\u{2029}sep",
            "vs\u{FE0F}",
            "葛\u{E0100}飾",
        ] {
            assert!(unsafe_name(bad).is_some(), "{bad:?}");
        }
        assert!(unsafe_name(&"長".repeat(70)).is_some());
        for good in [
            "r6-hyoka",
            "資料一式",
            "a#b",
            "100%",
            "COM10",
            "CONSOLE",
            "LPT",
            "COM¹0",
            "CONIN",
            "LPT¹²",
            "r6-hyoka（案）",
            &"長".repeat(60),
        ] {
            assert!(unsafe_name(good).is_none(), "{good:?}");
        }
    }
}
