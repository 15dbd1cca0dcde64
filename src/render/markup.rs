//! Values into Typst markup: escaped so that they print verbatim and run nothing, digit runs and
//! short texts kept whole, and markup read back to plain text.

use crate::text::japanese;
use crate::text::visible::is_line_break;

/// Escapes text for Typst markup so that it prints verbatim and runs nothing.
///
/// - every ASCII punctuation character is backslash-escaped, so no markup, code, math,
///   comment, label or reference can start;
/// - line breaks become `#linebreak()`, so the generated source never breaks a Japanese
///   paragraph (a source newline would print as a space, typst issue 792);
/// - control characters, which nothing can print, are dropped;
/// - runs of full-width digits (５０, １０：００, ３－５) are wrapped in `#box[…]` so a line
///   break never splits them;
/// - a short text of Japanese ([`breaks::phrases`]) is cut into phrases, their parts and the parts'
///   pieces: `#[…]<ph>` holding `#[…]<pt>` holding `#[…]<pc>` (a level of one is left out:
///   `#[設置]<ph>`). Inert where text runs as prose; where a template sets a text `phrased`
///   (common.typ.j2) each is kept on one line where it fits.
pub(super) fn escape_markup(text: &str) -> String {
    let Some(phrases) = crate::text::breaks::phrases(text) else {
        return escape_units(text);
    };
    // One phrase of one part of one piece: nothing to keep whole beyond what fits (and a long
    // table of short values stays light: no labels to show).
    if let [phrase] = &phrases[..]
        && let [part] = &phrase[..]
        && part.len() == 1
    {
        return escape_digits(text);
    }
    // The whole text in a content block of its own: a label at the top level of a heading's
    // line (`= #[…]<ph> …`) would end the heading there.
    let mut out = String::with_capacity(text.len() * 2 + 16);
    out.push_str("#[");
    for phrase in phrases {
        let whole = phrase.concat().concat();
        if whole.starts_with(char::is_whitespace) {
            escape_plain(&whole, &mut out);
            continue;
        }
        out.push_str("#[");
        if let [part] = &phrase[..] {
            escape_pieces(part, &mut out);
        } else {
            for part in &phrase {
                out.push_str("#[");
                escape_pieces(part, &mut out);
                out.push_str("]<pt>");
            }
        }
        out.push_str("]<ph>");
    }
    out.push(']');
    out
}

/// A text too long to cut: its units (a name, a date, a number with its unit) `#[…]<ph>`, as
/// phrases are, the rest as prose.
fn escape_units(text: &str) -> String {
    let Some(units) = crate::text::breaks::units(text) else {
        return escape_digits(text);
    };
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str("#[");
    for (unit, run) in units {
        if unit {
            out.push_str("#[");
            out.push_str(&escape_digits(run));
            out.push_str("]<ph>");
        } else {
            out.push_str(&escape_digits(run));
        }
    }
    out.push(']');
    out
}

/// The pieces of a part: `#[…]<pc>` each, or the one piece as it is.
fn escape_pieces(part: &[&str], out: &mut String) {
    if let [piece] = part {
        out.push_str(&escape_digits(piece));
        return;
    }
    for piece in part {
        out.push_str("#[");
        out.push_str(&escape_digits(piece));
        out.push_str("]<pc>");
    }
}

/// `escape_markup` without phrases: digit runs boxed.
fn escape_digits(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (run, piece) in japanese::digit_runs(text) {
        if run {
            out.push_str("#box[");
            out.push_str(piece);
            out.push(']');
        } else {
            escape_plain(piece, &mut out);
        }
    }
    out
}

/// `escape_markup` of text without digit runs.
fn escape_plain(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\r' if chars.get(i + 1) == Some(&'\n') => {}
            c if is_line_break(c) => out.push_str("#linebreak()"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

/// The text that `escape_markup` made `markup` from: `#box[…]` and phrases unwrapped,
/// `#linebreak()` a space, backslash escapes undone. Markup written in a template is kept as it is.
pub(super) fn markup_to_plain(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    // `#[` opened and not yet closed (every `]` of a value is escaped: `\]`).
    let mut open = 0usize;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("#box[")
            && let Some(end) = r.find(']')
            && r[..end]
                .chars()
                .all(|c| japanese::is_fw_digit(c) || japanese::is_fw_joiner(c))
        {
            out.push_str(&r[..end]);
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix("#linebreak()") {
            out.push(' ');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("#[") {
            // A cut text's, a phrase's, a part's or a piece's bracket.
            open += 1;
            rest = r;
        } else if c == ']' && open > 0 {
            open -= 1;
            rest = &rest[1..];
            for label in ["<ph>", "<pt>", "<pc>"] {
                rest = rest.strip_prefix(label).unwrap_or(rest);
            }
        } else if c == '\\'
            && let Some(next) = rest[1..].chars().next()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            rest = &rest[1 + next.len_utf8()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A Typst string literal (for code positions such as `image("…")`).
pub(super) fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Nothing can print them, and XML metadata (the PDF's title) cannot hold them.
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(escape_digits("#let x = 1"), "\\#let x \\= 1");
        assert_eq!(escape_digits("*a* _b_ `c`"), "\\*a\\* \\_b\\_ \\`c\\`");
        assert_eq!(escape_digits("// c"), "\\/\\/ c");
        assert_eq!(escape_digits("a\nb"), "a#linebreak()b");
        assert_eq!(escape_digits("a\r\nb"), "a#linebreak()b");
        assert_eq!(escape_digits("x\u{7}y"), "xy");
        // The same in phrases: the escapes inside, the line break between.
        assert_eq!(escape_markup("#let"), "#let".replace('#', "\\#"));
        assert_eq!(
            escape_markup("あ\r\nい"),
            "#[#[あ]<ph>#linebreak()#[い]<ph>]"
        );
    }

    #[test]
    fn boxes_full_width_number_runs() {
        assert_eq!(escape_digits("５０名"), "#box[５０]名");
        assert_eq!(escape_digits("年１回"), "年１回");
        assert_eq!(
            escape_digits("３－５と１０：００"),
            "#box[３－５]と#box[１０：００]"
        );
        assert_eq!(escape_digits("３－"), "３－");
        assert_eq!(escape_markup("５０名"), "#box[５０]名");
    }

    /// A short text comes as phrases of parts; a long one (prose) as it is.
    #[test]
    fn short_texts_in_phrases() {
        assert_eq!(
            escape_markup("協議の場の設置"),
            "#[#[協議の]<ph>#[場の]<ph>#[設置]<ph>]"
        );
        assert_eq!(
            escape_markup("にも包括構成要素"),
            "#[#[にも]<ph>#[#[#[包括]<pc>#[構成]<pc>]<pt>#[要素]<pt>]<ph>]"
        );
        assert_eq!(escape_markup("高橋 美智子"), "#[#[高橋]<ph> #[美智子]<ph>]");
        let prose = "協議の場の設置について、年２回以上の開催を目指すこととします。";
        assert_eq!(
            escape_markup(prose),
            "#[協議の場の設置について、#[年２回]<ph>以上の開催を目指すこととします。]"
        );
        let plain = "協議の場の設置について、あらためて検討することとします。";
        assert_eq!(escape_markup(plain), plain);
    }

    #[test]
    fn markup_back_to_plain_text() {
        for text in [
            "令和１０年度 第１２回（仮称）協議会",
            "a*b_c#d\\e[f]",
            "３－５：１０，０００",
            "にも包括構成要素",
            "見出し]<ph>#[x]",
            "高橋 美智子（５月２２日）",
        ] {
            assert_eq!(markup_to_plain(&escape_markup(text)), text);
        }
        assert_eq!(markup_to_plain(&escape_markup("一\n二")), "一 二");
    }

    #[test]
    fn typst_strings() {
        assert_eq!(typst_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
