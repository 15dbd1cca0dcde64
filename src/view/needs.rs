//! What documents need before they can be built: the files, meetings and records they print
//! (the checks several types share; which type needs what is in `documents`). A document that would come out with an empty table, a missing schedule or an empty
//! record is an error, never a quiet PDF. A council that really had nothing to record says so
//! in content (`not_held:` in meetings.yaml, `note:` in a record), and that is printed.
//!
//! A file that could not be read or parsed has been reported already: what depends on it is
//! not reported again.

use std::path::Path;

use crate::diag::{Problem, Problems, fy_name};
use crate::model::council::{CouncilData, DocumentFile, YearData, called};
use crate::text::dates;
use crate::text::japanese::zen;

/// A document about a meeting needs the meeting, and in it what the document prints (`has`);
/// otherwise 「第N回{what}」 at the meeting's line.
pub(crate) fn meeting_part(
    c: &CouncilData,
    file: &DocumentFile,
    (fy, series, number): (i32, Option<&str>, u32),
    has: impl Fn(&crate::model::Meeting) -> bool,
    (what, hint): (&str, &str),
    draft: bool,
    out: &mut Problems,
) {
    if let Some(m) = meeting(c, (fy, series, number), file, out)
        && !has(m)
    {
        let path = meetings_file(c, fy);
        let k = (c.years.get(&fy).into_iter())
            .flat_map(|y| y.meetings.meetings.iter())
            .position(|x| std::ptr::eq(x, m));
        let mut problem =
            Problem::unfilled(draft, &path, format!("{}{what}", called(series, number)));
        if let Some(k) = k {
            problem = problem.at_value(&format!("meetings[{k}]"));
        }
        out.push(problem.hint(hint));
    }
}

/// Whether year `fy` has the file `key`; reports it missing otherwise.
pub(crate) fn has_file(
    c: &CouncilData,
    fy: i32,
    key: &str,
    doc: &DocumentFile,
    what: &str,
    out: &mut Problems,
) -> bool {
    let has = c.years.get(&fy).is_some_and(|y| y.files.contains_key(key));
    // A file that is there but could not be read has been reported already.
    let broken = c.years.get(&fy).is_some_and(|y| y.broken.contains(key));
    if !has && !broken {
        out.push(
            Problem::error(&doc.path, format!("{}の{what}がありません。", fy_name(fy)))
                .field("year")
                .hint(format!("{}/{fy}/{key}.yaml を作ってください。", c.slug)),
        );
    }
    has
}

/// Year `fy`, when its file `key` was read and parsed.
pub(crate) fn readable<'a>(c: &'a CouncilData, fy: i32, key: &str) -> Option<&'a YearData> {
    c.years.get(&fy).filter(|y| !y.broken.contains(key))
}

pub(crate) fn meetings_file(c: &CouncilData, fy: i32) -> std::path::PathBuf {
    c.years
        .get(&fy)
        .and_then(|y| y.files.get("meetings"))
        .cloned()
        .unwrap_or_else(|| c.dir.join(fy.to_string()).join("meetings.yaml"))
}

/// `message` at the year's `meetings` when it lists no meeting or activity and no `not_held`:
/// a table of them (表１, 開催状況) would be empty.
pub(crate) fn nothing_held(
    path: &Path,
    year: &YearData,
    message: String,
    hint: &str,
    out: &mut Problems,
) {
    let list = &year.meetings;
    if list.meetings.is_empty() && list.activities.is_empty() && list.not_held.is_none() {
        out.push(Problem::error(path, message).field("meetings").hint(hint));
    }
}

/// The evaluated year's meetings: at least one meeting or activity for 表１ (or `not_held`),
/// and every meeting held by the report's date (every dated one when it has none) has what
/// 表１ prints of it.
pub(crate) fn held_meetings(
    c: &CouncilData,
    fy: i32,
    year: &YearData,
    report: Option<time::Date>,
    draft: bool,
    out: &mut Problems,
) {
    let list = &year.meetings;
    let path = meetings_file(c, fy);
    nothing_held(
        &path,
        year,
        format!(
            "{}の会議が１つもないため、表１が空になります。",
            fy_name(fy)
        ),
        "開いた会議を meetings: に書いてください。本当に１度も開かなかった年度は、not_held: にその理由を書きます（表１に印刷されます）。",
        out,
    );
    for (i, m) in list.meetings.iter().enumerate() {
        let reported = !m.outcomes.is_empty() || m.attendance.is_some();
        if m.date.is_none() && reported {
            out.push(
                Problem::error(
                    &path,
                    format!(
                        "{}は成果と課題や出席者数が書かれているのに、開催日（date）がありません。",
                        called(m.series.as_deref(), m.number)
                    ),
                )
                .field(format!("meetings[{i}].date"))
                .hint("date: に開催日を書いてください（開いた会議は、開催日がないと表１に載せられません）。"),
            );
        }
        if m.date.is_none() && !reported {
            // A meeting of a year being evaluated whose date is still open: a draft prints
            // the undecided word in its place, a final report is not made.
            let then = if draft {
                format!(
                    "案のうちは、表１のこの回の日時に「{}」と印刷されます。",
                    c.council.style.undecided
                )
            } else {
                "確定した評価結果は、開催日がそろうまで作れません。".to_string()
            };
            out.push(
                Problem::unfilled(
                    draft,
                    &path,
                    format!(
                        "{}の{}の開催日（date）がまだありません。{then}",
                        fy_name(fy),
                        called(m.series.as_deref(), m.number)
                    ),
                )
                .field(format!("meetings[{i}].date"))
                .hint("開いた日を date: に書いてください。開かなかった回なら、その回を消してください。"),
            );
        }
        let Some(date) = m.date.filter(|d| report.is_none_or(|r| d.0 <= r)) else {
            continue;
        };
        if m.attendance == Some(0) {
            out.push(
                Problem::warning(
                    &path,
                    format!(
                        "{}の出席者数が０名です。",
                        called(m.series.as_deref(), m.number)
                    ),
                )
                .field(format!("meetings[{i}].attendance"))
                .hint("出席者数を確かめてください。"),
            );
        }
        let mut lacks = Vec::new();
        if m.activity.as_deref().is_none_or(blank) && m.content.as_deref().is_none_or(blank) {
            lacks.push("活動内容（activity）");
        }
        if m.outcomes.iter().all(|o| blank(o)) {
            lacks.push("成果と課題（outcomes）");
        }
        if !lacks.is_empty() {
            out.push(
                Problem::unfilled(
                    draft,
                    &path,
                    format!(
                        "{}（{}開催）の{}がないため、表１のこの回が欠けます。",
                        called(m.series.as_deref(), m.number),
                        dates::wareki_date(date.0),
                        lacks.join("と")
                    ),
                )
                .field(format!("meetings[{i}]"))
                .hint("ファイルが途中で切れていないか確かめ、書き足してください。"),
            );
        }
    }
    for (i, a) in list.activities.iter().enumerate() {
        if a.activity.as_deref().is_none_or(blank) {
            out.push(
                Problem::unfilled(
                    draft,
                    &path,
                    format!(
                        "活動「{}」の活動内容（activity）がないため、表１のこの行が欠けます。",
                        a.name
                    ),
                )
                .field(format!("activities[{i}].activity"))
                .hint("activity: に活動内容を書いてください。"),
            );
        }
    }
}

/// The following year's meetings: the schedule needs at least one (dates may be 未定).
pub(crate) fn planned_meetings(
    c: &CouncilData,
    fy: i32,
    year: &YearData,
    draft: bool,
    out: &mut Problems,
) {
    let list = &year.meetings;
    if list.meetings.is_empty() && list.not_held.as_deref().is_none_or(blank) {
        out.push(
            Problem::unfilled(
                draft,
                meetings_file(c, fy),
                format!("{}の会議の予定が１つもないため、活動日程が空になります。", fy_name(fy)),
            )
            .field("meetings")
            .hint("予定する会議を number だけでも書いてください（日時と場所は「未定」と印刷されます）。開かない予定なら not_held: に理由を書きます。"),
        );
    }
}

pub(crate) fn members(c: &CouncilData, fy: i32, year: &YearData, out: &mut Problems) {
    if year.members.as_ref().is_some_and(|m| m.members.is_empty()) {
        let path = c
            .years
            .get(&fy)
            .and_then(|y| y.files.get("members"))
            .cloned()
            .unwrap_or_default();
        out.push(
            Problem::error(
                path,
                format!(
                    "{}の委員が１人もいないため、委員の表が空になります。",
                    fy_name(fy)
                ),
            )
            .field("members")
            .hint("members: に委員を書いてください。"),
        );
    }
}

/// A document about a meeting needs that meeting, with its date. Returns the meeting.
pub(crate) fn meeting<'a>(
    c: &'a CouncilData,
    (fy, series, number): (i32, Option<&str>, u32),
    doc: &DocumentFile,
    out: &mut Problems,
) -> Option<&'a crate::model::Meeting> {
    if c.years
        .get(&fy)
        .is_some_and(|y| y.broken.contains("meetings"))
    {
        return None;
    }
    match crate::model::council::find_meeting(c, fy, series, number) {
        None => {
            // The same number in another series: the document may only lack its series.
            let other = (c.years.get(&fy).into_iter())
                .flat_map(|y| &y.meetings.meetings)
                .find(|m| m.number == number && m.series.as_deref() != series);
            let hint = match (other, series) {
                (Some(m), _) => match &m.series {
                    Some(s) => format!(
                        "{}のことなら、資料に series: {s} と書いてください。",
                        called(Some(s), number)
                    ),
                    None => format!(
                        "{}のことなら、資料の series: を消してください。",
                        called(None, number)
                    ),
                },
                (None, Some(s)) => format!(
                    "{}/{fy}/meetings.yaml に series: {s} の第{}回を書いてください。",
                    c.slug,
                    zen(number)
                ),
                (None, None) => format!(
                    "{}/{fy}/meetings.yaml に第{}回を書いてください。",
                    c.slug,
                    zen(number)
                ),
            };
            out.push(
                Problem::error(
                    &doc.path,
                    format!(
                        "{}の{}の会議が meetings.yaml にありません。",
                        fy_name(fy),
                        called(series, number)
                    ),
                )
                .field("meeting")
                .hint(hint),
            );
            None
        }
        Some(m) if m.date.is_none() => {
            out.push(
                Problem::error(
                    &doc.path,
                    format!(
                        "{}の会議の日付（date）がありません。",
                        called(series, number)
                    ),
                )
                .hint("meetings.yaml に date: を書いてください。"),
            );
            None
        }
        Some(m) => Some(m),
    }
}

/// Text with nothing to print (empty, or spaces of either width only).
pub(crate) fn blank(s: &str) -> bool {
    s.trim().is_empty()
}
