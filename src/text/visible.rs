//! Characters that do not show as themselves, and text with them written out as marks.
//!
//! A terminal obeys control characters (`ESC ] 0 ; … BEL` retitles its window, `ESC [ 2 J`
//! clears it); bidirectional controls (U+202E) make a name read backwards; invisible ones
//! (U+200B) make two names that look alike differ. Everything shiryo prints to a terminal
//! passes [`text`] (main.rs prints nothing else), so what the content holds is shown as a
//! mark (`<ESC>`, `<U+202E>`), never obeyed; names of files and folders are refused when they
//! hold one ([`crate::text::names::unsafe_name`]).

use std::borrow::Cow;

/// Bidirectional controls: they reorder the characters around them (ALM, LRM, RLM,
/// LRE…RLO, LRI…PDI).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Where a value's text starts a new line, in every format alike (a line break in the PDF, `<br>`
/// on the page, `<w:br/>` in Word): LF, CR, vertical tab, form feed, next line (NEL) and the
/// line and paragraph separators. CR LF is one break: callers skip a CR before LF.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Characters with no mark of their own: zero-width spaces and joiners, the byte-order mark,
/// the soft hyphen, word joiner and invisible operators, tag characters, and the line and
/// paragraph separators (which some terminals and editors break lines at, others not).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// What a terminal or a reader cannot see as it is: control characters (C0, DEL, C1),
/// bidirectional controls and invisible characters.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c)
}

/// The mark that shows `c` (one of [`is_hidden`]).
pub fn mark(c: char) -> String {
    match c {
        '\n' => "<改行>".into(),
        '\t' => "<タブ>".into(),
        '\u{1B}' => "<ESC>".into(),
        c => format!("<U+{:04X}>", c as u32),
    }
}

/// `s` with every hidden character as its mark, line breaks kept: text to print.
pub fn text(s: &str) -> Cow<'_, str> {
    marked(s, |c| c != '\n' && is_hidden(c))
}

/// `s` with every hidden character as its mark, line breaks too: one line of a message (a
/// file name, which on Linux may hold a line break).
pub fn line(s: &str) -> Cow<'_, str> {
    marked(s, is_hidden)
}

fn marked(s: &str, hide: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&hide) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if hide(c) {
            out.push_str(&mark(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_shown_not_sent() {
        let shown = text("題\u{1b}]0;x\u{7}\u{1b}[2J\r\n次\u{9b}31m\u{7f}");
        assert_eq!(
            shown,
            "題<ESC>]0;x<U+0007><ESC>[2J<U+000D>\n次<U+009B>31m<U+007F>"
        );
        assert!(!shown.chars().any(|c| c != '\n' && c.is_control()));
    }

    #[test]
    fn bidi_and_invisible_characters_are_shown() {
        assert_eq!(text("a\u{202E}gpj.exe"), "a<U+202E>gpj.exe");
        assert_eq!(
            text("\u{200B}\u{200D}\u{FEFF}\u{AD}\u{E0041}\u{2066}\u{200F}\u{2028}"),
            "<U+200B><U+200D><U+FEFF><U+00AD><U+E0041><U+2066><U+200F><U+2028>"
        );
        assert_eq!(line("a\nb\tc"), "a<改行>b<タブ>c");
        // Ordinary Japanese, full-width spaces and ideographic variation selectors stay.
        let plain = "令和６年度　協議会（葛\u{E0100}飾）";
        assert!(matches!(text(plain), Cow::Borrowed(_)));
    }
}
