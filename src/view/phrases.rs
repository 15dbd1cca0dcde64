//! The phrases every document prints about a meeting or an activity, computed once here in
//! the council's words (its `style:`): 日時, 場所, the issuer, the meeting's name. The views
//! carry them finished, so the PDF template, the web page template and the `minutes:`
//! layout print the same words from one rule.

use crate::model::{
    Activity, Council, HouseStyle, Meeting, MeetingFormat, NoonStyle, TimeStyle, WeekdayStyle, fill,
};
use crate::text::dates;
use crate::text::japanese::fullwidth;

/// What 日時 and 場所 are made of: a meeting or an activity (研修会・講演会).
pub(crate) trait Held {
    fn date(&self) -> Option<time::Date>;
    fn until(&self) -> Option<time::Date>;
    fn start(&self) -> Option<dates::ClockTime>;
    fn end(&self) -> Option<dates::ClockTime>;
    fn format(&self) -> MeetingFormat;
    fn venue(&self) -> Option<&str>;
}

macro_rules! held {
    ($t:ty) => {
        impl Held for $t {
            fn date(&self) -> Option<time::Date> {
                self.date.map(|d| d.0)
            }
            fn until(&self) -> Option<time::Date> {
                self.until.map(|d| d.0)
            }
            fn start(&self) -> Option<dates::ClockTime> {
                self.start.map(|t| t.0)
            }
            fn end(&self) -> Option<dates::ClockTime> {
                self.end.map(|t| t.0)
            }
            fn format(&self) -> MeetingFormat {
                self.format
            }
            fn venue(&self) -> Option<&str> {
                self.venue.as_deref()
            }
        }
    };
}
held!(Meeting);
held!(Activity);

/// The council and its body: 〇〇協議会〇〇部会, or with a space.
pub(crate) fn issuer(c: &Council) -> String {
    match &c.body {
        Some(b) if c.style.space_before_body => format!("{} {b}", c.name),
        Some(b) => format!("{}{b}", c.name),
        None => c.name.clone(),
    }
}

/// A document's author as printed under its title: the organization's line when written,
/// then 「職名 氏名」. Exactly what content says: nothing is added in front of it.
pub(crate) fn author(a: &crate::model::Author) -> Vec<String> {
    let mut lines: Vec<String> = a.organization.iter().cloned().collect();
    lines.push(format!("{} {}", a.title, a.name));
    lines
}

/// 令和７年度 (fiscal year `year`, as of the meeting's date), for titles and names.
pub(crate) fn fiscal_year(year: i32, m: &Meeting) -> String {
    dates::fiscal_year_as_of(year, m.date.map(|d| d.0)).unwrap_or_else(|_| year.to_string())
}

/// 令和６年度 第１回〇〇市〇〇協議会 (the meeting's name, in the council's words); a joint
/// meeting with a name of its own is named by it (第２回〇〇協議会就労支援部会・相談支援部会合同部会).
pub(crate) fn meeting_name(c: &Council, year: i32, m: &Meeting) -> String {
    format!(
        "{} 第{}回{}",
        fiscal_year(year, m),
        fullwidth(&m.number.to_string()),
        held_by(c, m)
    )
}

/// Who held meeting `m`, as its name says after 第N回: the council and its body
/// (〇〇協議会〇〇部会); a joint meeting's own name after the council's
/// (〇〇協議会就労支援部会・相談支援部会合同部会); a meeting counted in a series of its own
/// with that series after the issuer (〇〇協議会全体会) unless its joint name says it.
pub(crate) fn held_by(c: &Council, m: &Meeting) -> String {
    match (m.joint.as_ref().and_then(|j| j.name.as_deref()), &m.series) {
        (Some(joint), _) => {
            let gap = if c.style.space_before_body { " " } else { "" };
            format!("{}{gap}{joint}", c.name)
        }
        (None, Some(series)) => format!("{}{series}", issuer(c)),
        (None, None) => issuer(c),
    }
}

fn weekday(style: &HouseStyle, d: time::Date) -> String {
    match style.weekday {
        WeekdayStyle::Short => format!("（{}）", dates::weekday(d)),
        WeekdayStyle::Long => format!("（{}曜日）", dates::weekday(d)),
        WeekdayStyle::Off => String::new(),
    }
}

/// Between a date and the time after it: nothing after a weekday in brackets, a full-width
/// space where no weekday is printed (「令和６年５月２３日　午後３時～」).
fn before_time(style: &HouseStyle) -> &'static str {
    match style.weekday {
        WeekdayStyle::Off => "　",
        _ => "",
    }
}

pub(crate) fn date_text(style: &HouseStyle, d: time::Date) -> String {
    format!("{}{}", dates::wareki_date(d), weekday(style, d))
}

/// 日時 as the council writes it: 令和５年７月２１日（金曜日）午後７時～８時４５分,
/// 午後２時から４時まで, or the council's word for undecided. `usual` is the time style of
/// the document's form when the council names none.
pub(crate) fn when(style: &HouseStyle, m: &impl Held, usual: TimeStyle) -> String {
    let Some(date) = m.date() else {
        return style.undecided.clone();
    };
    let mut out = date_text(style, date);
    if let Some(until) = m.until() {
        out.push('～');
        out.push_str(&date_text(style, until));
        return out;
    }
    if m.format() == MeetingFormat::Written {
        return out;
    }
    let hours = hours(style, m, usual);
    if !hours.is_empty() {
        out.push_str(before_time(style));
    }
    out.push_str(&hours);
    out
}

/// 日時 as an agenda gives it, from the start only: 令和６年５月２３日（木）午後３時～, or the
/// council's word for undecided.
pub(crate) fn when_start(style: &HouseStyle, m: &impl Held, usual: TimeStyle) -> String {
    let Some(date) = m.date() else {
        return style.undecided.clone();
    };
    let ts = style.time.unwrap_or(usual);
    let start = m
        .start()
        .map(|t| {
            let (clock, mark) = (clock(style, ts, t), style.time_range.between().0);
            format!("{}{clock}{mark}", before_time(style))
        })
        .unwrap_or_default();
    format!("{}{start}", date_text(style, date))
}

/// `t` in the time style `ts`, noon as the council writes it (午後０時, １２時, 正午).
pub(crate) fn clock(style: &HouseStyle, ts: TimeStyle, t: dates::ClockTime) -> String {
    let text = ts.format(t);
    if t.hour != 12 {
        return text;
    }
    match style.noon {
        NoonStyle::Noon if t.minute == 0 => "正午".into(),
        NoonStyle::Twelve => match text.strip_prefix("午後０時") {
            Some(rest) => format!("１２時{rest}"),
            None => text,
        },
        _ => text,
    }
}

/// A meeting held in writing, as an agenda heads it: 書面開催（令和６年５月２３日（木））.
pub(crate) fn written(style: &HouseStyle, m: &impl Held) -> String {
    match m.date() {
        Some(d) => format!("書面開催（{}）", date_text(style, d)),
        None => "書面開催".into(),
    }
}

/// The time of day alone (午後３時～午後５時; empty when no start is written).
pub(crate) fn hours(style: &HouseStyle, m: &impl Held, usual: TimeStyle) -> String {
    let ts = style.time.unwrap_or(usual);
    let Some(start) = m.start() else {
        return String::new();
    };
    let mut out = clock(style, ts, start);
    let (between, after) = style.time_range.between();
    if let Some(end) = m.end().filter(|_| style.end_time) {
        let mut e = clock(style, ts, end);
        let same_half = (start.hour < 12) == (end.hour < 12);
        if !style.repeat_meridiem && same_half {
            for half in ["午前", "午後"] {
                if let Some(rest) = e.strip_prefix(half) {
                    e = rest.to_string();
                }
            }
        }
        out.push_str(between);
        out.push_str(&e);
        out.push_str(after);
    } else if style.open_end {
        out.push_str(between);
    }
    out
}

/// 開催場所, by how the meeting is held.
pub(crate) fn place(style: &HouseStyle, m: &impl Held) -> String {
    let venue = m.venue();
    match m.format() {
        MeetingFormat::Written => "書面開催".into(),
        MeetingFormat::Online => match venue {
            Some(v) => format!("オンライン開催（{v}）"),
            None => "オンライン開催".into(),
        },
        MeetingFormat::Hybrid => fill(
            &style.hybrid_place,
            &[("場所", venue.unwrap_or(&style.undecided))],
        ),
        MeetingFormat::InPerson => venue.unwrap_or(&style.undecided).to_string(),
    }
}

/// 事務局 on one line: 障害福祉課（課長、係長）, the department alone, or the posts alone.
pub(crate) fn secretariat(m: &Meeting) -> String {
    let posts = m.secretariat.join("、");
    match (&m.secretariat_department, posts.is_empty()) {
        (Some(dep), true) => dep.clone(),
        (Some(dep), false) => format!("{dep}（{posts}）"),
        (None, _) => posts,
    }
}

/// A goal number as its own row shows it: ３－５, or ３－５（３－４【再掲】）.
pub(crate) fn goal_number(number: &str, repeats: Option<&str>) -> String {
    match repeats {
        Some(r) => format!("{number}（{r}【再掲】）"),
        None => number.to_string(),
    }
}

/// A goal number as a schedule cites it: with its re-listed origin, or its short name.
pub(crate) fn goal_reference(number: &str, repeats: Option<&str>, label: Option<&str>) -> String {
    match (repeats, label) {
        (Some(_), _) => goal_number(number, repeats),
        (None, Some(l)) => format!("{number}（{l}）"),
        (None, None) => number.to_string(),
    }
}

/// The evaluation scale's legend, one entry per word: 「◎ 達成」.
pub(crate) fn legend(c: &Council) -> Vec<String> {
    let meanings = c
        .evaluation_legend
        .as_ref()
        .map(|l| &l.meanings[..])
        .unwrap_or(&[]);
    c.evaluation_words
        .iter()
        .zip(meanings)
        .map(|(w, m)| format!("{w} {m}"))
        .collect()
}

/// The next meeting as a record announces it (次回の開催日): 令和６年１１月１４日（木）９時～,
/// or the council's word for undecided.
pub(crate) fn next_meeting(style: &HouseStyle, next: Option<&Meeting>) -> String {
    match next.and_then(|n| n.date.map(|d| (n, d.0))) {
        Some((n, d)) => {
            let ts = style.time.unwrap_or(TimeStyle::Hour);
            let start = n
                .start
                .map(|t| {
                    let (clock, mark) = (clock(style, ts, t.0), style.time_range.between().0);
                    format!("{}{clock}{mark}", before_time(style))
                })
                .unwrap_or_default();
            format!("{}{start}", date_text(style, d))
        }
        None => style.undecided.clone(),
    }
}

/// One part of a page number as the council writes it (`style.page_number`): words, the
/// page's number, or the number of pages. The PDF and the Word file each place the numbers
/// their own way (Typst's page counter, Word's PAGE and NUMPAGES fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PagePart {
    Text(String),
    Number,
    Total,
}

/// A page number pattern (「- {番号} -」) cut into its parts.
pub(crate) fn page_number_parts(pattern: &str) -> Vec<PagePart> {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while !rest.is_empty() {
        let next = [("{番号}", PagePart::Number), ("{総数}", PagePart::Total)]
            .into_iter()
            .filter_map(|(mark, part)| rest.find(mark).map(|at| (at, mark, part)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, mark, part)) = next else {
            parts.push(PagePart::Text(rest.to_string()));
            break;
        };
        if at > 0 {
            parts.push(PagePart::Text(rest[..at].to_string()));
        }
        parts.push(part);
        rest = &rest[at + mark.len()..];
    }
    parts
}
