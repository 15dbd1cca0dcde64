//! The Japanese formatting filters templates use (`wareki`, `jikoku`, …), one set for the PDF,
//! the page and the Word file.

use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind};

use super::markup::{escape_markup, markup_to_plain, typst_string};
use crate::text::dates;
use crate::text::japanese;
use crate::view::phrases::{PagePart, page_number_parts};

fn filter_error(e: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, e)
}

fn date_arg(s: &str) -> Result<time::Date, Error> {
    dates::parse_date(s).map_err(filter_error)
}

fn time_arg(s: &str) -> Result<dates::ClockTime, Error> {
    dates::parse_time(s).map_err(filter_error)
}

/// Filters that take any value still refuse an undefined one (strict undefined applies to
/// printing, not to filter arguments).
fn defined(v: Value) -> Result<Value, Error> {
    if v.is_undefined() {
        Err(Error::new(ErrorKind::UndefinedError, "undefined value"))
    } else {
        Ok(v)
    }
}

/// The Japanese formatting filters templates use.
pub(super) fn register_filters(env: &mut Environment<'static>) {
    env.add_filter("wareki", |s: String| date_arg(&s).map(dates::wareki_date));
    env.add_filter("wareki_month", |s: String| {
        date_arg(&s).map(dates::wareki_month)
    });
    env.add_filter("weekday", |s: String| date_arg(&s).map(dates::weekday));
    // `year | fiscal_year` or `year | fiscal_year(doc_date)`: named as on the document's date
    // (a 次第 of 2019-04-25 is for 平成３１年度).
    let as_of = |d: Option<String>| d.as_deref().map(date_arg).transpose();
    env.add_filter("fiscal_year", move |y: i32, on: Option<String>| {
        dates::fiscal_year_as_of(y, as_of(on)?).map_err(filter_error)
    });
    env.add_filter("fiscal_year_short", move |y: i32, on: Option<String>| {
        dates::fiscal_year_short(y, as_of(on)?).map_err(filter_error)
    });
    // `start | time_as(council.style.time or "午後３時")`: a time in a house style, named by
    // what 15:00 looks like in it (see `model::TimeStyle`).
    env.add_filter("time_as", |s: String, style: String| {
        let t = time_arg(&s)?;
        let style = crate::model::TimeStyle::ALL
            .into_iter()
            .find(|st| st.name() == style)
            .ok_or_else(|| {
                filter_error(format!(
                    "時刻の書き方「{style}」はありません（{}）",
                    crate::model::TimeStyle::ALL.map(|s| s.name()).join(" / ")
                ))
            })?;
        Ok(style.format(t))
    });
    // `n | item_number(depth, council.style.numbering)`: an agenda item's number in the
    // council's scheme (`model::Numbering`, the rule the `minutes:` layout uses too).
    env.add_filter("item_number", |n: u32, depth: usize, scheme: String| {
        serde_json::from_value::<crate::model::Numbering>(serde_json::Value::String(scheme.clone()))
            .map(|numbering| numbering.number(depth, n))
            .map_err(|_| filter_error(format!("番号の付け方「{scheme}」はありません")))
    });
    env.add_filter("time_ja", |s: String| time_arg(&s).map(dates::time_ja));
    env.add_filter("clock", |s: String| time_arg(&s).map(dates::time_clock));
    env.add_filter("time_hour", |s: String| time_arg(&s).map(dates::time_hour));
    env.add_filter("zen", |v: Value| {
        defined(v).map(|v| japanese::fullwidth(&v.to_string()))
    });
    env.add_filter("paren_number", japanese::paren_number);
    env.add_filter("circled_number", japanese::circled_number);
    env.add_filter("katakana_number", japanese::katakana_number);
    // A value as a Typst string literal (the PDF's title and author), in the council's digits
    // as every value the formatter prints.
    env.add_filter("typst_str", |state: &minijinja::State, v: Value| {
        defined(v).map(|v| {
            let text = v.to_string();
            let text = if crate::render::html::half_width_digits(state) {
                japanese::ascii_numbers(&text)
            } else {
                text
            };
            Value::from_safe_string(typst_string(&text))
        })
    });
    // Markup a macro produced back to the plain text it was escaped from, for places that take
    // plain text: the PDF's title. Values pass as they are.
    env.add_filter("plain", |v: Value| {
        defined(v).map(|v| match v.as_str() {
            Some(s) if v.is_safe() => Value::from(markup_to_plain(s)),
            _ => v,
        })
    });
    // A page number in the council's form (`style.page_number`), its numbers placed as the
    // format counts pages: Typst's page counter in the PDF, PAGE and NUMPAGES fields in Word.
    env.add_filter(
        "page_number",
        |state: &minijinja::State<'_, '_>, pattern: String| {
            let word = state.auto_escape() == super::docx::WORD_ESCAPE;
            let field = |name: &str| {
                format!("<w:fldSimple w:instr=\" {name} \"><w:r><w:t>1</w:t></w:r></w:fldSimple>")
            };
            let placed = page_number_parts(&pattern)
                .into_iter()
                .map(|part| match (part, word) {
                    (PagePart::Text(t), false) => escape_markup(&t),
                    (PagePart::Number, false) => "#counter(page).display()".to_string(),
                    (PagePart::Total, false) => "#counter(page).final().first()".to_string(),
                    (PagePart::Text(t), true) => format!(
                        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                        super::docx::escape(&t)
                    ),
                    (PagePart::Number, true) => field("PAGE"),
                    (PagePart::Total, true) => field("NUMPAGES"),
                });
            Value::from_safe_string(placed.collect())
        },
    );
}
