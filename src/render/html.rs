//! The web page of a document: `templates/<name>.html.j2` rendered from the same view as its
//! Typst template, written beside the PDF as `output/<council>/<document>.html`.
//!
//! Every value a `.html.j2` template prints is escaped for HTML (the Typst escaping is never
//! applied there); a council that writes half-width digits gets them here too. Images are
//! embedded as `data:` URLs (`data_uri` filter), so the page is one self-contained file; the
//! bytes are those the typst world read for the PDF ([`embed`], after typesetting).

use std::fmt::Write as _;
use std::path::Path;

use base64::Engine as _;
use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind};
use serde::Serialize;

use crate::model::WebForm;
use crate::text::visible::is_line_break;

/// Templates with this ending produce HTML and are auto-escaped for it.
pub(crate) const HTML_TEMPLATE_SUFFIX: &str = ".html.j2";

/// What every HTML template receives besides the document's view: `page.pdf` is a link to
/// the same document's PDF (beside the page, percent-encoded), `page.name` the document's
/// name (text, not a link: links to other documents go through the `url` filter), and
/// `page.pdf_facts` what city sites write beside a PDF link (「PDF：386KB、17ページ」), from the
/// PDF actually built (absent before it is: see `build::Builder::typeset_rendered`).
#[derive(Serialize)]
struct PageContext<'a> {
    name: &'a str,
    pdf: String,
    pdf_facts: Option<String>,
    fragment: bool,
}

/// The PDF a page links to, as built: its size in bytes and its number of pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PdfFacts {
    pub bytes: usize,
    pub pages: usize,
}

impl PdfFacts {
    /// 「PDF：386KB、17ページ」: kilobytes rounded up (as file managers show them), megabytes
    /// with one decimal from 1,000 KB on.
    pub(crate) fn phrase(self) -> String {
        let kb = self.bytes.div_ceil(1024).max(1);
        let size = if kb >= 1000 {
            let tenths = (self.bytes as u64 * 10).div_ceil(1024 * 1024);
            format!("{}.{}MB", tenths / 10, tenths % 10)
        } else {
            format!("{kb}KB")
        };
        format!("PDF：{size}、{}ページ", self.pages)
    }
}

/// The template (`name.html.j2`) and the context of the page of the document called
/// `document` (its PDF is `document.pdf`): `view`, and `page`. The caller renders it with the
/// council's templates, shipped or its own, then passes it through [`finish`].
pub(crate) fn page(
    name: &str,
    document: &str,
    view: &impl Serialize,
    pdf: Option<PdfFacts>,
    form: WebForm,
) -> (String, Value) {
    let template = format!("{name}{HTML_TEMPLATE_SUFFIX}");
    let page = PageContext {
        name: document,
        pdf: crate::text::names::url_path(&format!("{document}.pdf")),
        pdf_facts: pdf.map(PdfFacts::phrase),
        fragment: form == WebForm::Fragment,
    };
    let context = minijinja::context! {
        page => Value::from_serialize(&page),
        ..Value::from_serialize(view)
    };
    (template, context)
}

/// A rendered page in the council's form. A fragment goes into a CMS page that has its own
/// `h1` (the page's title): every heading goes one level down (`h1` → `h2`, …, `h6` stays).
/// Every value a template prints is escaped, so each `<h` here is the templates' own markup.
pub(crate) fn finish(page: String, form: WebForm) -> String {
    if form == WebForm::Page {
        return page;
    }
    let mut out = page;
    for level in (1..=5).rev() {
        for (from, to) in [("<h", "<h"), ("</h", "</h")] {
            out = out.replace(&format!("{from}{level}"), &format!("{to}{}", level + 1));
        }
    }
    out
}

/// Whether the council being rendered writes half-width digits (`style.digits: 半角`).
pub(crate) fn half_width_digits(state: &minijinja::State) -> bool {
    state
        .lookup("council")
        .and_then(|c| c.get_attr("style").ok())
        .and_then(|s| s.get_attr("digits").ok())
        .is_some_and(|d| d.as_str() == Some("半角"))
}

/// Prints a value into an HTML template: half-width digits when the council writes them, then
/// escaped, runs of full-width digits kept on one line. Values marked safe (a macro's output,
/// `data_uri`, `attr`) are printed as they are.
pub(crate) fn format(
    out: &mut minijinja::Output,
    value: &Value,
    half_width: bool,
) -> Result<(), Error> {
    format_with(out, value, half_width, escape_text)
}

/// Prints a value into a template of any kind: as it is when marked safe, nothing for none,
/// else in the council's digits and escaped by `escape` (the format's own escaping).
pub(crate) fn format_with(
    out: &mut minijinja::Output,
    value: &Value,
    half_width: bool,
    escape: fn(&str) -> String,
) -> Result<(), Error> {
    let failed = |_| Error::new(ErrorKind::WriteFailure, "write failed");
    if value.is_safe() {
        return out
            .write_str(value.as_str().unwrap_or_default())
            .map_err(failed);
    }
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    out.write_str(&escape(&house_digits(value, half_width)))
        .map_err(failed)
}

/// A value as text, in the council's digits.
pub(crate) fn house_digits(value: &Value, half_width: bool) -> String {
    let text = match value.as_str() {
        Some(s) => s.to_string(),
        None => value.to_string(),
    };
    if half_width {
        crate::text::japanese::ascii_numbers(&text)
    } else {
        text
    }
}

/// `escape` for element content, where a run of full-width digits (２５, １０：００, ３－５) is
/// wrapped in `<span class="nw">` so that it never breaks over two lines (browsers may break
/// between any two full-width characters; the PDF boxes the same runs). A time keeps its
/// 午前 / 午後 and its 時 / 分 with its digits (午後５時 never breaks as 「午後 / ５時」).
/// A short text ([`crate::text::breaks::SHORT`]) comes in `<span class="ph">` with a `<wbr>`
/// between its phrases and their parts, the places the PDF breaks it: the page keeps words
/// whole there (`word-break: keep-all`).
pub(crate) fn escape_text(text: &str) -> String {
    let Some(phrases) = crate::text::breaks::phrases(text) else {
        let Some(units) = crate::text::breaks::units(text) else {
            return escape_numbers(text);
        };
        // A long text: its units (a name, a date, a number with its unit) kept whole.
        let mut out = String::with_capacity(text.len() + 64);
        for (unit, run) in units {
            if unit {
                // A unit a browser could break inside although keep-all is on is a block.
                out.push_str(if breaks_inside(run) { UNIT } else { PHRASE });
                out.push_str(&escape_numbers(run));
                out.push_str("</span>");
            } else {
                out.push_str(&escape_numbers(run));
            }
        }
        return out;
    };
    // Between phrases, and between the parts of a phrase: a browser fills its lines greedily
    // and, where nothing may break, breaks anywhere (before a 「、」 too), so it gets the parts'
    // places as well (「社会／参加、」, not 「社会参加／、」).
    let parts: Vec<String> = phrases
        .iter()
        .flat_map(|phrase| phrase.iter().map(|part| part.concat()))
        .collect();
    if parts.len() == 1 {
        // One part breaks only where it does not fit, as any text does.
        return escape_numbers(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    out.push_str(PHRASE);
    let mut after_word = false;
    for part in parts {
        let space = part.starts_with(char::is_whitespace);
        if after_word && !space {
            out.push_str("<wbr>");
        }
        if breaks_inside(&part) {
            out.push_str(UNIT);
            out.push_str(&escape_numbers(&part));
            out.push_str("</span>");
        } else {
            out.push_str(&escape_numbers(&part));
        }
        after_word = !space;
    }
    out.push_str("</span>");
    out
}

/// Opens a phrase, or a unit of a long text, whose words a browser keeps whole
/// (`word-break: keep-all`).
const PHRASE: &str = "<span class=\"ph\">";

/// Opens a unit that a browser lays out whole (an inline block: moved to the next line whole,
/// and broken inside only when it is wider than its cell). `keep-all` keeps the letters of a
/// word together but still lets a line end before an opening bracket or after a comma inside
/// it (「１８日／（木）」); an inline block may end a line on either side of it, so only such
/// units are blocks (「令和６年」 stays a phrase and never leaves its 「度」).
const UNIT: &str = "<span class=\"un\">";

/// Whether a browser may end a line inside `part` although `keep-all` is on: before an
/// opening bracket or after a closing one, a comma or a range mark (〜, ～: 「９時３０分〜／１１時」)
/// that is not at its edge.
fn breaks_inside(part: &str) -> bool {
    let part = part.trim();
    let n = part.chars().count();
    part.chars().enumerate().any(|(i, c)| {
        (i > 0 && "（「【『〔［｛〈《(".contains(c))
            || (i + 1 < n && "）」】』〕］｝〉》)、。，．〜～".contains(c))
    })
}

/// `escape_text` without phrases.
fn escape_numbers(text: &str) -> String {
    let pieces = crate::text::japanese::digit_runs(text);
    let mut out = String::with_capacity(text.len() + 8);
    // The 午前 / 午後 the next run takes, and how much of the next plain piece the last run
    // took (its 時 or 分).
    let (mut prefix, mut taken) = ("", 0);
    for (i, &(run, piece)) in pieces.iter().enumerate() {
        if run {
            let after = pieces.get(i + 1).map_or("", |p| p.1);
            let unit = match after.chars().next() {
                Some(c @ ('時' | '分')) => c.len_utf8(),
                _ => 0,
            };
            out.push_str("<span class=\"nw\">");
            out.push_str(std::mem::take(&mut prefix));
            out.push_str(piece);
            out.push_str(&after[..unit]);
            out.push_str("</span>");
            taken = unit;
        } else {
            let piece = &piece[std::mem::take(&mut taken)..];
            let next_is_run = pieces.get(i + 1).is_some_and(|p| p.0);
            let rest = piece
                .strip_suffix("午前")
                .or_else(|| piece.strip_suffix("午後"))
                .filter(|_| next_is_run)
                .unwrap_or(piece);
            prefix = &piece[rest.len()..];
            times(rest, &mut out);
        }
    }
    out
}

/// Escapes `text`, a time with a one-digit hour (午後３時) in one `nw` span.
fn times(mut text: &str, out: &mut String) {
    let digit = |c: char| ('０'..='９').contains(&c);
    while let Some(at) = ["午前", "午後"].iter().filter_map(|m| text.find(m)).min() {
        let after = &text[at + "午前".len()..];
        let digits: usize = after
            .chars()
            .take_while(|c| digit(*c))
            .map(char::len_utf8)
            .sum();
        let unit = match after[digits..].chars().next() {
            Some(c @ ('時' | '分')) if digits > 0 => c.len_utf8(),
            _ => 0,
        };
        let end = at + "午前".len() + digits + unit;
        out.push_str(&escape(&text[..at]));
        if digits > 0 {
            out.push_str("<span class=\"nw\">");
            out.push_str(&text[at..end]);
            out.push_str("</span>");
        } else {
            out.push_str(&text[at..end]);
        }
        text = &text[end..];
    }
    out.push_str(&escape(text));
}

/// Escapes text for HTML element content and quoted attribute values. Control characters,
/// which HTML does not allow and nothing can print, are dropped; a line break becomes `<br>`,
/// as it prints in the PDF (an attribute takes its value through `oneline` first).
pub(crate) fn escape(text: &str) -> String {
    super::escape_xml(text, "&#39;", "<br>")
}

/// The HTML-only filters: `attr`, `notags`, `url`, and `data_uri`, which embeds an image inside
/// the project (a path as typst sees it, `/content/<council>/figures/x.svg`) as a `data:` URL.
pub(crate) fn register_filters(env: &mut Environment<'static>) {
    // A value for an attribute (alt, href, datetime): escaped, in the council's digits, line
    // breaks as spaces, no markup.
    env.add_filter("attr", |state: &minijinja::State, v: Value| {
        if v.is_safe() {
            return v;
        }
        let text = house_digits(&v, half_width_digits(state));
        let one = text.replace("\r\n", " ").replace(is_line_break, " ");
        Value::from_safe_string(escape(&one))
    });
    // Markup made text again, for <title> (which shows tags as they are): tags removed,
    // character references kept. Values are escaped, so every `<` left is a tag of ours.
    env.add_filter("notags", |v: Value| {
        let s = v.as_str().unwrap_or_default();
        let mut out = String::with_capacity(s.len());
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        if v.is_safe() {
            Value::from_safe_string(out)
        } else {
            // Escaped here, as text: no phrase marks or spans inside a <title>.
            Value::from_safe_string(escape(&out))
        }
    });
    // A relative link built from a name or path (`{{ mat.document | url }}.html`): every
    // path segment percent-encoded, so no name can become a scheme or a query.
    env.add_filter("url", |v: Value| {
        let text = v.as_str().map_or_else(|| v.to_string(), str::to_string);
        Value::from_safe_string(escape(&crate::text::names::url_path(&text)))
    });
    env.add_filter("data_uri", |path: String| {
        data_uri(&path).map(Value::from_safe_string)
    });
}

/// Marks where an embedded file goes: a NUL (which no value can print: `escape` drops control
/// characters) around the path. [`embed`] replaces each mark once the PDF is typeset.
const EMBED_MARK: char = '\0';

/// The `data_uri` filter: checks the type, and leaves a mark that [`embed`] fills with the
/// file's bytes as the typst world read them for the PDF, so the page and the PDF of one build
/// show the same figure (the file is read once).
fn data_uri(path: &str) -> Result<String, Error> {
    let ext = Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if mime(ext.as_deref()).is_none() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("図 {path} は SVG・PNG・JPEG のどれでもないため、埋め込めません"),
        ));
    }
    let path: String = path.chars().filter(|c| !c.is_control()).collect();
    Ok(format!("{EMBED_MARK}{path}{EMBED_MARK}"))
}

fn mime(ext: Option<&str>) -> Option<&'static str> {
    match ext? {
        "svg" => Some("image/svg+xml"),
        "png" => Some("image/png"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        _ => None,
    }
}

/// The page with every `data_uri` mark replaced by a `data:` URL of the bytes `read` gives
/// for its path (a path as typst sees it, `/content/<council>/figures/x.svg`).
pub(crate) fn embed(
    page: &str,
    mut read: impl FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(page.len());
    let mut parts = page.split(EMBED_MARK);
    out.push_str(parts.next().unwrap_or_default());
    while let (Some(path), Some(after)) = (parts.next(), parts.next()) {
        let ext = Path::new(path)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let bytes = read(path)?;
        let _ = write!(
            out,
            "data:{};base64,{}",
            mime(ext.as_deref()).unwrap_or("application/octet-stream"),
            base64::engine::general_purpose::STANDARD.encode(bytes)
        );
        out.push_str(after);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_facts_as_city_sites_write_them() {
        let f = |bytes, pages| PdfFacts { bytes, pages }.phrase();
        assert_eq!(f(395_000, 17), "PDF：386KB、17ページ");
        assert_eq!(f(1, 1), "PDF：1KB、1ページ");
        assert_eq!(f(0, 1), "PDF：1KB、1ページ");
        assert_eq!(f(1024 * 1000, 3), "PDF：1.0MB、3ページ");
        assert_eq!(f(1_300_000, 40), "PDF：1.3MB、40ページ");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>a&b\"c'd</script>"),
            "&lt;script&gt;a&amp;b&quot;c&#39;d&lt;/script&gt;"
        );
        assert_eq!(escape("一\n二\u{7}\r\n三"), "一<br>二<br>三");
        // Every break the PDF and Word take is one here too (vertical tab, NEL, separators).
        assert_eq!(
            escape("一\u{0B}二\u{85}三\u{2029}四"),
            "一<br>二<br>三<br>四"
        );
    }

    #[test]
    fn full_width_number_runs_stay_on_one_line() {
        assert_eq!(
            escape_numbers("令和６年４月１８日<１０：００>"),
            "令和６年４月<span class=\"nw\">１８</span>日&lt;<span class=\"nw\">１０：００</span>&gt;"
        );
        // A time keeps its 午後 and its 時 and 分; a lone 午後 or a 時 after text stays as it is.
        assert_eq!(
            escape_numbers("午後１０時３０分～午後３時、午後は<時>"),
            "<span class=\"nw\">午後１０時</span><span class=\"nw\">３０分</span>～<span class=\"nw\">午後３時</span>、午後は&lt;時&gt;"
        );
    }

    /// A short text breaks between the phrases the PDF keeps whole; a sentence anywhere.
    #[test]
    fn short_texts_break_between_phrases() {
        assert_eq!(
            escape_text("協議の場の設置"),
            "<span class=\"ph\">協議の<wbr>場の<wbr>設置</span>"
        );
        assert_eq!(
            escape_text("高橋 美智子（５月２２日）"),
            "<span class=\"ph\">高橋 美智子<wbr>（５月<wbr><span class=\"nw\">２２</span>日）</span>"
        );
        let sentence = "協議の場の設置について、あらためて検討することとします。";
        assert_eq!(escape_text(sentence), escape_numbers(sentence));
        // A long text keeps its dates whole.
        assert_eq!(
            escape_text("【日時】令和７年２月２０日（木）午後２時から午後３時まで。"),
            "【<span class=\"ph\">日時</span>】<span class=\"ph\">令和７年</span><span class=\"ph\">２月</span><span class=\"un\"><span class=\"nw\">２０</span>日（木）</span><span class=\"ph\"><span class=\"nw\">午後２時</span></span>から<span class=\"ph\"><span class=\"nw\">午後３時</span></span>まで。"
        );
        // A part a browser would break inside although keep-all is on (before an opening
        // bracket, after a comma) is a unit too.
        assert!(
            breaks_inside("２０日（木）") && breaks_inside("は、今") && !breaks_inside("（木）")
        );
        assert!(!breaks_inside("場の、") && !breaks_inside("設置"));
        // A range mark inside a part: a browser may end a line after it.
        assert!(breaks_inside("９時３０分〜１１時") && breaks_inside("14:00～16:00"));
        assert!(!breaks_inside("１１時〜"));
    }
}
