//! What the files of the next cycle say: copies with a line saying where they came from, the
//! schedule from this year's pattern, the evaluation to fill in, the report a year on. Every
//! value written is quoted so that no text in content can change the YAML around it.

use time::{Date, Duration, Month};

use crate::diag::fy_name;
use crate::model::{AnnualReport, GoalNo, Meeting};

/// `3-5`: a goal number as staff type it.
pub(super) fn ascii(n: GoalNo) -> String {
    format!("{}-{}", n.component, n.seq)
}

/// `text` on one line, for a YAML comment (which cannot span lines): anything a YAML reader
/// may take for a line break (NEL, LS, PS) or refuse (BOM, control characters) becomes a space.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2028}' | '\u{2029}' | '\u{feff}' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// `  # text` on one line, or nothing.
pub(super) fn comment(text: &str) -> String {
    let one_line = one_line(text);
    if one_line.is_empty() {
        String::new()
    } else {
        format!("  # {one_line}")
    }
}

const MADE_BY: &str = "# shiryo next-year が";

/// The first lines of a file written here: its schema, and what it was made from.
pub(super) fn header(schema: &str, from: &str) -> String {
    // A folder name can hold a line break: it must not start a line of YAML of its own.
    let from = one_line(from);
    format!(
        "# yaml-language-server: $schema=../../../schema/{schema}.schema.json\n{MADE_BY} {from}から作りました。直してから使ってください。\n"
    )
}

/// A copy of a YAML file with the line saying what it was made from (after its schema line).
pub(super) fn copy_with_header(original: &str, from: &str) -> String {
    let mut out = String::new();
    let mut lines = original
        .lines()
        .filter(|l| !l.starts_with(MADE_BY))
        .peekable();
    if let Some(first) = lines.next_if(|l| l.starts_with("# yaml-language-server:")) {
        out.push_str(first);
        out.push('\n');
    }
    out.push_str(&format!(
        "{MADE_BY} {}から作りました。直してから使ってください。\n",
        one_line(from)
    ));
    for l in lines {
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// The next year's schedule: each meeting on the same week and weekday of the same month, at
/// the same times and place; 未定 (not written) where this year's was.
pub(super) fn schedule(meetings: &[Meeting], year: i32, from: &str) -> String {
    let mut text = header("meetings", &format!("{from} の会議の並び"));
    text.push_str("# 日付は前の年度と同じ月の、同じ週の同じ曜日にしてあります。\n");
    if meetings.is_empty() {
        // Nothing to carry over: `check` asks for meetings or a reason (`not_held:`), as a
        // warning while the report is a draft, an error once it is final.
        text.push_str("# 前の年度は会議を開きませんでした。予定する会議を書くか、開かないなら not_held: に理由を書いてください。\nmeetings: []\n");
        return text;
    }
    text.push_str("meetings:\n");
    for m in meetings {
        text.push_str(&format!("  - number: {}\n", m.number));
        if let Some(series) = &m.series {
            text.push_str(&format!("    series: {}\n", yaml_scalar(series)));
        }
        if let Some((was, d)) = m
            .date
            .and_then(|d| Some((d.0, same_weekday_next_year(d.0, year)?)))
        {
            text.push_str(&format!("    # 前の年度は {was}\n    date: {d}\n"));
            // A period (a written meeting's answers) keeps its length.
            if let Some(until) = m.until {
                text.push_str(&format!("    until: {}\n", d + (until.0 - was)));
            }
        }
        for (key, t) in [("start", m.start), ("end", m.end)] {
            if let Some(t) = t {
                text.push_str(&format!("    {key}: \"{t}\"\n"));
            }
        }
        if m.format != Default::default() {
            let format = serde_yaml::to_string(&m.format).unwrap_or_default();
            text.push_str(&format!("    format: {}\n", yaml_scalar(format.trim())));
        }
        if let Some(v) = &m.venue {
            text.push_str(&format!("    venue: {}\n", yaml_scalar(v)));
        }
        if !m.goals.is_empty() {
            text.push_str("    goals:\n");
            for g in &m.goals {
                text.push_str(&format!("      - {}\n", ascii(*g)));
            }
        }
    }
    text
}

/// Text as one YAML double-quoted scalar on one line: JSON's string escapes (a JSON string
/// is a YAML double-quoted scalar), and `\uXXXX` for what YAML reads as a line break or a
/// byte-order mark but JSON leaves as it is.
fn yaml_scalar(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out
}

/// The date in fiscal year `year` on the same weekday of the same week of the same month as
/// `date` (the fourth Thursday of May stays the fourth Thursday of May); the last such
/// weekday when the month has no fifth.
fn same_weekday_next_year(date: Date, fiscal: i32) -> Option<Date> {
    let year = if u8::from(date.month()) >= 4 {
        fiscal
    } else {
        fiscal + 1
    };
    let week = (date.day() - 1) / 7;
    let first = Date::from_calendar_date(year, date.month(), 1).ok()?;
    let offset = (7 + date.weekday().number_days_from_monday() as i64
        - first.weekday().number_days_from_monday() as i64)
        % 7;
    let mut day = first + Duration::days(offset + 7 * i64::from(week));
    while day.month() != date.month() {
        day -= Duration::days(7);
    }
    Some(day)
}

/// The report's file, a year later: `year` and `date` advanced, a draft, the rest kept.
pub(super) fn next_report(
    original: &str,
    report: &AnnualReport,
    made_from: &str,
) -> Result<String, String> {
    let mut value: serde_yaml::Mapping =
        serde_yaml::from_str(original).map_err(|e| format!("読めません（{e}）。"))?;
    let next_date = match report.date {
        Some(d) => Some(
            Date::from_calendar_date(d.0.year() + 1, d.0.month(), d.0.day())
                .or_else(|_| Date::from_calendar_date(d.0.year() + 1, Month::February, 28))
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    // The draft mark follows the date, or the year in a report without one.
    let marked_after = if next_date.is_some() { "date" } else { "year" };
    let mut out = serde_yaml::Mapping::new();
    for (k, v) in value.iter_mut() {
        let key = k.as_str().unwrap_or_default().to_string();
        let v = match (key.as_str(), next_date) {
            ("year", _) => serde_yaml::Value::from(report.year + 1),
            ("date", Some(d)) => serde_yaml::Value::from(d.to_string()),
            ("status", _) => continue,
            _ => std::mem::take(v),
        };
        out.insert(k.clone(), v);
        if key == marked_after {
            out.insert("status".into(), "draft".into());
        }
    }
    let body = serde_yaml::to_string(&out).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}# 前の年度の文章をそのまま写しています。{}のことに書き直してください。\n{body}",
        header("document", made_from),
        fy_name(report.year + 1)
    ))
}

/// The name of next year's report: the year in the name advanced (`r6-hyoka` → `r7-hyoka`,
/// `h29-hyoka` → `h30-hyoka`, `2024-report` → `2025-report`), or the year appended where the
/// next year has another era's name (`h30-hyoka` → `h30-hyoka-2019`) or none is found.
pub(super) fn next_name(name: &str, year: i32) -> String {
    // The numbers that may stand for `year`: itself, its Reiwa year, its Heisei year while the
    // next year is still Heisei.
    let matches = |n: i32| {
        n == year
            || (year >= 2019 && n == year - 2018)
            || ((1989..2018).contains(&year) && n == year - 1988)
    };
    let mut out = String::new();
    let mut replaced = false;
    let mut digits = String::new();
    let mut flush = |digits: &mut String, out: &mut String| {
        match digits.parse::<i32>() {
            Ok(n) if !replaced && matches(n) => {
                out.push_str(&(n + 1).to_string());
                replaced = true;
            }
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for ch in name.chars() {
        if ch.is_ascii_digit() {
            digits.push(ch);
        } else {
            flush(&mut digits, &mut out);
            out.push(ch);
        }
    }
    flush(&mut digits, &mut out);
    if replaced {
        out
    } else {
        format!("{name}-{}", year + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
    }

    #[test]
    fn the_same_week_and_weekday_a_year_later() {
        // Thursday 2025-04-17 is the third Thursday of April; in 2026 that is 04-16.
        assert_eq!(
            same_weekday_next_year(date(2025, 4, 17), 2026),
            Some(date(2026, 4, 16))
        );
        // January belongs to the fiscal year before: FY2026's January is in 2027.
        assert_eq!(
            same_weekday_next_year(date(2026, 1, 22), 2026),
            Some(date(2027, 1, 28))
        );
        // A fifth Friday that next year's month lacks becomes its last Friday.
        assert_eq!(
            same_weekday_next_year(date(2025, 5, 30), 2026),
            Some(date(2026, 5, 29))
        );
        assert_eq!(
            same_weekday_next_year(date(2024, 8, 29), 2025),
            Some(date(2025, 8, 28))
        );
    }

    #[test]
    fn names_advance_their_year() {
        assert_eq!(next_name("r6-hyoka", 2024), "r7-hyoka");
        assert_eq!(next_name("2024-report", 2024), "2025-report");
        assert_eq!(next_name("hyoka", 2024), "hyoka-2025");
        assert_eq!(next_name("r1-hyoka", 2019), "r2-hyoka");
        assert_eq!(next_name("資料7-r6", 2024), "資料7-r7");
        assert_eq!(next_name("h29-hyoka", 2017), "h30-hyoka");
        // 2019 is 令和元年度: another era's name, so the year is added instead.
        assert_eq!(next_name("h30-hyoka", 2018), "h30-hyoka-2019");
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment("年１回\n以上"), "  # 年１回 以上");
        assert_eq!(comment(""), "");
        assert_eq!(comment("a\u{2028}b\u{85}c\u{feff}"), "  # a b c");
    }

    /// A council folder named with a line break (possible on Linux) writes no YAML of its own
    /// into the files it is named in.
    #[test]
    fn a_folder_name_with_a_line_break_stays_in_its_comment() {
        let from = "kyogikai\nresults: {1-1: 達成}\n#/2025";
        let h = header("goals", from);
        assert_eq!(h.lines().count(), 2, "{h}");
        assert!(h.lines().all(|l| l.starts_with('#')), "{h}");
        let copy = copy_with_header("goals: []\n", from);
        let v: serde_yaml::Value = serde_yaml::from_str(&copy).unwrap();
        assert_eq!(
            v,
            serde_yaml::from_str::<serde_yaml::Value>("goals: []").unwrap()
        );
        assert_eq!(copy.lines().count(), 2, "{copy}");
    }
}
