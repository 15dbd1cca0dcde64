//! Dates and times as Japanese official documents write them: 和暦 dates and fiscal years,
//! weekdays, times of day. Error messages are in Japanese because they are shown to staff.

use time::{Date, Month};

use super::japanese::{digits, fullwidth, halfwidth_digits};

/// Eras, newest first: (name, short initial, first day as (year, month, day)).
const ERAS: [(&str, char, (i32, u8, u8)); 5] = [
    ("令和", 'Ｒ', (2019, 5, 1)),
    ("平成", 'Ｈ', (1989, 1, 8)),
    ("昭和", 'Ｓ', (1926, 12, 25)),
    ("大正", 'Ｔ', (1912, 7, 30)),
    ("明治", 'Ｍ', (1868, 1, 25)),
];

/// Splits a normalised "YYYY-MM-DD" into fields, checking each field's own range.
fn date_fields(s: &str) -> Option<(i32, Month, u8)> {
    let mut parts = s.split('-');
    let year = digits(parts.next()?, 4..=4)?;
    let month = Month::try_from(digits::<u8>(parts.next()?, 1..=2)?).ok()?;
    let day = digits(parts.next()?, 1..=2).filter(|d| (1..=31).contains(d))?;
    parts.next().is_none().then_some((year, month, day))
}

/// Parses "YYYY-MM-DD" (ASCII or full-width digits accepted, e.g. "２０２５-０３-２５") into a
/// real calendar date; rejects 2025-02-30 etc. Month and day may also be written with one digit.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let (year, month, day) = date_fields(&halfwidth_digits(s.trim())).ok_or_else(|| {
        format!("日付の形式が正しくありません（YYYY-MM-DD で書いてください）: 「{s}」")
    })?;
    Date::from_calendar_date(year, month, day).map_err(|_| format!("存在しない日付です: 「{s}」"))
}

/// A time of day, hours 0..=23, minutes 0..=59.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

/// Parses "15:00", "9:05", "１５：００" (full-width digits/colon accepted). Minutes need two digits.
pub fn parse_time(s: &str) -> Result<ClockTime, String> {
    let norm = halfwidth_digits(s.trim()).replace('：', ":");
    let (hour, minute) = norm
        .split_once(':')
        .and_then(|(h, m)| Some((digits(h, 1..=2)?, digits(m, 2..=2)?)))
        .ok_or_else(|| {
            format!("時刻の形式が正しくありません（15:00 のように書いてください）: 「{s}」")
        })?;
    if hour > 23 || minute > 59 {
        return Err(format!("時刻が範囲外です（0:00～23:59）: 「{s}」"));
    }
    Ok(ClockTime { hour, minute })
}

/// Index into `ERAS` of the era in force on `date`, if any.
fn era_index(date: Date) -> Option<usize> {
    let ymd = (date.year(), u8::from(date.month()), date.day());
    ERAS.iter().position(|&(_, _, start)| ymd >= start)
}

/// Japanese era (和暦) of a date, as (era name, year within era). Dates before 明治
/// (1868-01-25) are an error.
pub fn era_of(date: Date) -> Result<(&'static str, i32), String> {
    let i = era_index(date).ok_or_else(|| format!("明治より前の日付は和暦にできません: {date}"))?;
    let (name, _, (start_year, _, _)) = ERAS[i];
    Ok((name, date.year() - start_year + 1))
}

/// Era year as written: 1 -> "元", otherwise full-width digits ("７", "１０").
pub fn era_year_text(year: i32) -> String {
    if year == 1 {
        "元".to_owned()
    } else {
        fullwidth(&year.to_string())
    }
}

/// "令和７年" for dates with an era, "１８５０年" (Western year) before 明治.
fn wareki_year(date: Date) -> String {
    match era_of(date) {
        Ok((era, year)) => format!("{era}{}年", era_year_text(year)),
        Err(_) => format!("{}年", fullwidth(&date.year().to_string())),
    }
}

/// "令和７年３月２５日", "令和元年５月１日", "平成３１年４月３０日" (full-width digits, no zero
/// padding). Dates before 明治 fall back to the Western year.
pub fn wareki_date(date: Date) -> String {
    let md = fullwidth(&format!("{}月{}日", u8::from(date.month()), date.day()));
    format!("{}{md}", wareki_year(date))
}

/// "令和７年３月" (year and month only).
pub fn wareki_month(date: Date) -> String {
    let m = fullwidth(&u8::from(date.month()).to_string());
    format!("{}{m}月", wareki_year(date))
}

/// Era index and era year of fiscal year `fy` as named on `as_of` (a document's date): the
/// era in force on 1 May of the year (government practice), unless the document is dated
/// before that and an earlier era was then in force: a 次第 of 2019-04-25, or a report of
/// March 2019 setting the next year's goals, says 平成３１年度; a report of 2020 on the same
/// year says 令和元年度.
fn fiscal_era(fy: i32, as_of: Option<Date>) -> Result<(usize, i32), String> {
    let may_first = Date::from_calendar_date(fy, Month::May, 1).ok();
    let day = match (may_first, as_of) {
        (Some(m), Some(d)) if d < m => Some(d),
        (m, _) => m,
    };
    let i = day
        .and_then(era_index)
        .ok_or_else(|| format!("和暦にできない年度です: {fy}"))?;
    Ok((i, fy - ERAS[i].2.0 + 1))
}

/// Fiscal year starting 1 April of `fy`: "令和６年度" for 2024. The era is the one in force
/// on 1 May (FY2019 is "令和元年度", FY1988 "昭和６３年度", FY1989 "平成元年度").
pub fn fiscal_year(fy: i32) -> Result<String, String> {
    fiscal_year_as_of(fy, None)
}

/// `fiscal_year`, named as on `as_of` (see `fiscal_era`).
pub fn fiscal_year_as_of(fy: i32, as_of: Option<Date>) -> Result<String, String> {
    let (i, year) = fiscal_era(fy, as_of)?;
    Ok(format!("{}{}年度", ERAS[i].0, era_year_text(year)))
}

/// Short fiscal year label, full-width: "Ｒ６" for 2024, "Ｒ元" for 2019, "Ｈ３０" for 2018.
pub fn fiscal_year_short(fy: i32, as_of: Option<Date>) -> Result<String, String> {
    let (i, year) = fiscal_era(fy, as_of)?;
    Ok(format!("{}{}", ERAS[i].1, era_year_text(year)))
}

/// The fiscal year (Western year of its April) a date falls in: 2025-03-25 -> 2024.
pub fn fiscal_year_of(date: Date) -> i32 {
    date.year() - i32::from(date.month() < Month::April)
}

/// Weekday kanji: "月" "火" "水" "木" "金" "土" "日".
pub fn weekday(date: Date) -> &'static str {
    const NAMES: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    NAMES[usize::from(date.weekday().number_days_from_monday())]
}

/// 12-hour Japanese style: 15:00 -> "午後３時", 9:05 -> "午前９時５分", 12:00 -> "午後０時".
pub fn time_ja(t: ClockTime) -> String {
    let half = if t.hour < 12 { "午前" } else { "午後" };
    let hour = fullwidth(&(t.hour % 12).to_string());
    match t.minute {
        0 => format!("{half}{hour}時"),
        m => format!("{half}{hour}時{}分", fullwidth(&m.to_string())),
    }
}

/// 24-hour clock with full-width digits: 10:00 -> "１０：００", 9:05 -> "９：０５".
pub fn time_clock(t: ClockTime) -> String {
    fullwidth(&format!("{}:{:02}", t.hour, t.minute))
}

/// 24-hour style in words, as minutes give the next meeting: 9:00 -> "９時",
/// 13:30 -> "１３時３０分".
pub fn time_hour(t: ClockTime) -> String {
    if t.minute == 0 {
        fullwidth(&format!("{}時", t.hour))
    } else {
        fullwidth(&format!("{}時{}分", t.hour, t.minute))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::japanese::tests::assert_errs;

    fn d(s: &str) -> Date {
        parse_date(s).expect("valid test date")
    }

    fn t(hour: u8, minute: u8) -> ClockTime {
        ClockTime { hour, minute }
    }

    #[test]
    fn parses_dates() {
        let date = d("2025-03-25");
        assert_eq!(date.to_calendar_date(), (2025, Month::March, 25));
        assert_eq!(d("２０２５－０３－２５"), date);
        assert_eq!(d("２０２５-０３-２５"), date);
        assert_eq!(d(" 2025-3-25 "), date);
        let leap = d("2024-02-29");
        assert_eq!((leap.month(), leap.day()), (Month::February, 29));
    }

    #[test]
    fn rejects_bad_dates() {
        let missing = "2025-02-29|2025-02-30|2025-04-31|２０２５－０２－３０";
        assert_errs(parse_date, missing, "存在しない日付です: ");
        let malformed = "|abc|2025/03/25|25-03-25|2025-03|2025-03-25-1|2025-+3-25|2025-003-01\
                         |2025-13-01|2025-00-10|2025-04-32|2025-04-00|2025-3-1x";
        assert_errs(parse_date, malformed, "（YYYY-MM-DD で書いてください）: ");
        let err = parse_date("2025-13-01").unwrap_err();
        assert_eq!(
            err,
            "日付の形式が正しくありません（YYYY-MM-DD で書いてください）: 「2025-13-01」"
        );
    }

    #[test]
    fn parses_times() {
        assert_eq!(parse_time("15:00"), Ok(t(15, 0)));
        assert_eq!(parse_time("9:05"), Ok(t(9, 5)));
        assert_eq!(parse_time("09:05"), Ok(t(9, 5)));
        assert_eq!(parse_time("１５：００"), Ok(t(15, 0)));
        assert_eq!(parse_time("９:０５"), Ok(t(9, 5)));
        assert_eq!(parse_time(" 0:00 "), Ok(t(0, 0)));
        assert_eq!(parse_time("23:59"), Ok(t(23, 59)));
        assert_errs(parse_time, "25:00|15:60|24:00|２５：００", "範囲外");
        let malformed = "abc||15|15:0|15:000|-1:00|15:00:00|１５時|+9:00";
        assert_errs(parse_time, malformed, "形式");
    }

    #[test]
    fn eras_and_boundaries() {
        assert_eq!(era_of(d("2019-04-30")), Ok(("平成", 31)));
        assert_eq!(era_of(d("2019-05-01")), Ok(("令和", 1)));
        assert_eq!(era_of(d("1989-01-07")), Ok(("昭和", 64)));
        assert_eq!(era_of(d("1989-01-08")), Ok(("平成", 1)));
        assert_eq!(era_of(d("1926-12-24")), Ok(("大正", 15)));
        assert_eq!(era_of(d("1926-12-25")), Ok(("昭和", 1)));
        assert_eq!(era_of(d("1912-07-29")), Ok(("明治", 45)));
        assert_eq!(era_of(d("1912-07-30")), Ok(("大正", 1)));
        assert_eq!(era_of(d("1868-01-25")), Ok(("明治", 1)));
        assert!(era_of(d("1868-01-24")).is_err());
        let texts = ["元", "７", "１０", "３１"];
        assert_eq!([1, 7, 10, 31].map(era_year_text), texts);
    }

    #[test]
    fn wareki_dates() {
        assert_eq!(wareki_date(d("2025-03-25")), "令和７年３月２５日");
        assert_eq!(wareki_date(d("2019-05-01")), "令和元年５月１日");
        assert_eq!(wareki_date(d("2019-04-30")), "平成３１年４月３０日");
        assert_eq!(wareki_date(d("1989-01-07")), "昭和６４年１月７日");
        assert_eq!(wareki_date(d("1989-01-08")), "平成元年１月８日");
        assert_eq!(wareki_date(d("2024-02-29")), "令和６年２月２９日");
        assert_eq!(wareki_date(d("1850-01-01")), "１８５０年１月１日");
        assert_eq!(wareki_month(d("2025-03-25")), "令和７年３月");
        assert_eq!(wareki_month(d("2019-12-01")), "令和元年１２月");
    }

    #[test]
    fn fiscal_years() {
        assert_eq!(fiscal_year(2018).as_deref(), Ok("平成３０年度"));
        assert_eq!(fiscal_year(2019).as_deref(), Ok("令和元年度"));
        assert_eq!(fiscal_year(2020).as_deref(), Ok("令和２年度"));
        assert_eq!(fiscal_year(2024).as_deref(), Ok("令和６年度"));
        assert_eq!(fiscal_year(1988).as_deref(), Ok("昭和６３年度"));
        assert_eq!(fiscal_year(1989).as_deref(), Ok("平成元年度"));
        assert!(fiscal_year(1867).is_err() && fiscal_year(i32::MAX).is_err());
        let short =
            [2024, 2019, 2018, 1988, 1920, 1900].map(|fy| fiscal_year_short(fy, None).unwrap());
        let want = ["Ｒ６", "Ｒ元", "Ｈ３０", "Ｓ６３", "Ｔ９", "Ｍ３３"];
        assert_eq!(short, want);
        assert!(fiscal_year_short(1800, None).is_err());
        // Named as on the document's date: before 1 May 2019 the year was 平成３１年度.
        let named = |fy, on| fiscal_year_as_of(fy, Some(d(on))).unwrap();
        assert_eq!(named(2019, "2019-04-25"), "平成３１年度");
        assert_eq!(named(2019, "2019-04-30"), "平成３１年度");
        assert_eq!(named(2019, "2019-05-01"), "令和元年度");
        assert_eq!(named(2019, "2020-03-25"), "令和元年度");
        // Planned ahead, before the new era was in force: the name then in use.
        assert_eq!(named(2019, "2019-03-20"), "平成３１年度");
        assert_eq!(named(2019, "2018-12-01"), "平成３１年度");
        assert_eq!(named(2025, "2025-03-25"), "令和７年度");
        assert_eq!(
            fiscal_year_short(2019, Some(d("2019-04-25"))).unwrap(),
            "Ｈ３１"
        );
        let dates = ["2025-01-01", "2025-03-31", "2025-04-01", "2025-12-31"];
        let want = [2024, 2024, 2025, 2025];
        assert_eq!(dates.map(|s| fiscal_year_of(d(s))), want);
    }

    #[test]
    fn weekdays() {
        let dates = ["2024-04-18", "2024-05-23", "2025-03-25", "2024-04-21"];
        assert_eq!(dates.map(|s| weekday(d(s))), ["木", "木", "火", "日"]);
        assert_eq!(weekday(d("2024-04-15")), "月");
    }

    #[test]
    fn times() {
        assert_eq!(time_ja(t(0, 0)), "午前０時");
        assert_eq!(time_ja(t(9, 5)), "午前９時５分");
        assert_eq!(time_ja(t(12, 0)), "午後０時");
        assert_eq!(time_ja(t(12, 30)), "午後０時３０分");
        assert_eq!(time_ja(t(14, 30)), "午後２時３０分");
        assert_eq!(time_ja(t(15, 0)), "午後３時");
        assert_eq!(time_ja(t(23, 59)), "午後１１時５９分");
        assert_eq!(time_clock(t(10, 0)), "１０：００");
        assert_eq!(time_clock(t(9, 5)), "９：０５");
        assert!(t(9, 5) < t(10, 0));
    }

    #[test]
    fn hour_style() {
        let t = |s: &str| parse_time(s).unwrap();
        assert_eq!(time_hour(t("09:00")), "９時");
        assert_eq!(time_hour(t("13:30")), "１３時３０分");
        assert_eq!(time_hour(t("0:05")), "０時５分");
    }
}
