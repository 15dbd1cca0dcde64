//! What each document needs before it can be built: the files, meetings and records it
//! prints. A document that would come out with an empty table, a missing schedule or an empty
//! record is an error, never a quiet PDF. A council that really had nothing to record says so
//! in content (`not_held:` in meetings.yaml, `note:` in a record), and that is printed.
//!
//! A file that could not be read or parsed has been reported already: what depends on it is
//! not reported again.

use crate::diag::{Problem, Problems};
use crate::japanese;
use crate::model::{AgendaItem, Document};
use crate::project::{CouncilData, DocumentFile, YearData};
use crate::validate::{find_line, fy_name};

/// The fiscal years a document may be about (the range of year folders).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Every need of one document.
pub fn check(c: &CouncilData, file: &DocumentFile, out: &mut Problems) {
    let year = match &file.document {
        Document::AnnualReport(r) => r.year,
        Document::Minutes(d) | Document::Agenda(d) => d.year,
        Document::Packet(p) => p.year,
        Document::MemberList(d) => d.year,
    };
    if !YEARS.contains(&year) {
        out.push(
            Problem::error(&file.path, format!("年度 {year} が正しくありません。"))
                .at(find_line(&file.path, "year", &year.to_string()), None)
                .field("year")
                .hint("年度は西暦４桁で書いてください（令和６年度なら 2024）。"),
        );
        return;
    }
    let dated = match &file.document {
        // A report is written after the year it evaluates, before the next one ends.
        Document::AnnualReport(r) => Some((r.date.0, year, year + 1)),
        Document::MemberList(d) => Some((d.date.0, year - 1, year)),
        _ => None,
    };
    if let Some((date, from, to)) = dated
        && !(from..=to).contains(&japanese::fiscal_year_of(date))
    {
        out.push(
            Problem::error(
                &file.path,
                format!(
                    "日付 {} が{}の資料の日付としてありえません（{}-04-01～{}-03-31）。",
                    crate::model::Day(date),
                    fy_name(year),
                    from,
                    to + 1
                ),
            )
            .at(
                find_line(&file.path, "date", &crate::model::Day(date).to_string()),
                None,
            )
            .field("date")
            .hint("date と year を確かめてください。"),
        );
    }
    match &file.document {
        Document::AnnualReport(r) => {
            let needs = [
                (r.year, "goals", "目標（goals.yaml）"),
                (r.year, "evaluation", "評価（evaluation.yaml）"),
                (r.year, "meetings", "会議（meetings.yaml）"),
                (r.year, "members", "委員（members.yaml）"),
                (r.year + 1, "goals", "目標（goals.yaml）"),
                (r.year + 1, "meetings", "会議の予定（meetings.yaml）"),
                (r.year + 1, "members", "委員（members.yaml）"),
            ];
            for (fy, key, what) in needs {
                if !has_file(c, fy, key, file, what, out) {
                    continue;
                }
                let Some(year) = readable(c, fy, key) else {
                    continue;
                };
                match key {
                    "meetings" if fy == r.year => held_meetings(c, fy, year, r.date.0, out),
                    "meetings" => planned_meetings(c, fy, year, out),
                    "members" => members(c, fy, year, out),
                    _ => {}
                }
            }
        }
        Document::Minutes(d) => meeting_part(
            c,
            file,
            (d.year, d.meeting),
            |m| has_record(&m.agenda),
            "の会議結果（agenda の record）が書かれていないため、会議録が空になります。",
            "議題（agenda）ごとに record: を書いてください。発言のなかった議題は note: （意見なし） のように書きます。",
            out,
        ),
        Document::Agenda(d) => meeting_part(
            c,
            file,
            (d.year, d.meeting),
            |m| !m.agenda.is_empty(),
            "の議題（agenda）がないため、次第が空になります。",
            "agenda: に議題の title を順に書いてください。",
            out,
        ),
        Document::Packet(p) => meeting_part(
            c,
            file,
            (p.year, p.meeting),
            |m| !m.materials.is_empty(),
            "の資料（materials）がないため、資料一式に入れるものがありません。",
            "materials: に資料を順に書いてください。",
            out,
        ),
        Document::MemberList(d) => {
            if has_file(c, d.year, "members", file, "委員（members.yaml）", out)
                && let Some(year) = readable(c, d.year, "members")
            {
                members(c, d.year, year, out);
            }
        }
    }
}

/// A document about a meeting needs the meeting, and in it what the document prints (`has`);
/// otherwise 「第N回{what}」 at the meeting's line.
fn meeting_part(
    c: &CouncilData,
    file: &DocumentFile,
    (fy, number): (i32, u32),
    has: impl Fn(&crate::model::Meeting) -> bool,
    what: &str,
    hint: &str,
    out: &mut Problems,
) {
    if let Some(m) = meeting(c, fy, number, file, out)
        && !has(m)
    {
        let path = meetings_file(c, fy);
        out.push(
            Problem::error(&path, format!("第{}回{what}", zen(number)))
                .at(find_line(&path, "number", &number.to_string()), None)
                .hint(hint),
        );
    }
}

/// Whether year `fy` has the file `key`; reports it missing otherwise.
fn has_file(
    c: &CouncilData,
    fy: i32,
    key: &str,
    doc: &DocumentFile,
    what: &str,
    out: &mut Problems,
) -> bool {
    let has = c.years.get(&fy).is_some_and(|y| y.files.contains_key(key));
    if !has {
        out.push(
            Problem::error(&doc.path, format!("{}の{what}がありません。", fy_name(fy)))
                .field("year")
                .hint(format!("{}/{fy}/{key}.yaml を作ってください。", c.slug)),
        );
    }
    has
}

/// Year `fy`, when its file `key` was read and parsed.
fn readable<'a>(c: &'a CouncilData, fy: i32, key: &str) -> Option<&'a YearData> {
    c.years.get(&fy).filter(|y| !y.broken.contains(key))
}

fn meetings_file(c: &CouncilData, fy: i32) -> std::path::PathBuf {
    c.years
        .get(&fy)
        .and_then(|y| y.files.get("meetings"))
        .cloned()
        .unwrap_or_else(|| c.dir.join(fy.to_string()).join("meetings.yaml"))
}

/// The evaluated year's meetings: at least one meeting or activity for 表１ (or `not_held`),
/// and every meeting held by the report's date has what 表１ prints of it.
fn held_meetings(
    c: &CouncilData,
    fy: i32,
    year: &YearData,
    report: time::Date,
    out: &mut Problems,
) {
    let list = &year.meetings;
    let path = meetings_file(c, fy);
    if list.meetings.is_empty() && list.activities.is_empty() && list.not_held.is_none() {
        out.push(
            Problem::error(
                &path,
                format!("{}の会議が１つもないため、表１が空になります。", fy_name(fy)),
            )
            .field("meetings")
            .hint("開いた会議を meetings: に書いてください。本当に１度も開かなかった年度は、not_held: にその理由を書きます（表１に印刷されます）。"),
        );
    }
    for (i, m) in list.meetings.iter().enumerate() {
        // Looked up only for a problem (a scan of the file each time).
        let line = || find_line(&path, "number", &m.number.to_string());
        let reported = !m.outcomes.is_empty() || m.attendance.is_some();
        if m.date.is_none() && reported {
            out.push(
                Problem::error(
                    &path,
                    format!(
                        "第{}回は成果と課題や出席者数が書かれているのに、開催日（date）がありません（表１に「未定」と印刷されます）。",
                        zen(m.number)
                    ),
                )
                .at(line(), None)
                .field(format!("meetings[{i}].date"))
                .hint("date: に開催日を書いてください。"),
            );
        }
        let held = m.date.is_some_and(|d| d.0 <= report);
        if !held {
            continue;
        }
        if m.attendance == Some(0) {
            out.push(
                Problem::warning(
                    &path,
                    format!("第{}回の出席者数が０名です。", zen(m.number)),
                )
                .at(line(), None)
                .field(format!("meetings[{i}].attendance"))
                .hint("出席者数を確かめてください。"),
            );
        }
        let mut lacks = Vec::new();
        if m.activity.is_none() && m.content.is_none() {
            lacks.push("活動内容（activity）");
        }
        if m.outcomes.is_empty() {
            lacks.push("成果と課題（outcomes）");
        }
        if !lacks.is_empty() {
            out.push(
                Problem::error(
                    &path,
                    format!(
                        "第{}回（{}開催）の{}がないため、表１のこの回が欠けます。",
                        zen(m.number),
                        japanese::wareki_date(m.date.map(|d| d.0).unwrap_or(report)),
                        lacks.join("と")
                    ),
                )
                .at(line(), None)
                .field(format!("meetings[{i}]"))
                .hint("ファイルが途中で切れていないか確かめ、書き足してください。"),
            );
        }
    }
}

/// The following year's meetings: the schedule needs at least one (dates may be 未定).
fn planned_meetings(c: &CouncilData, fy: i32, year: &YearData, out: &mut Problems) {
    let list = &year.meetings;
    if list.meetings.is_empty() && list.not_held.is_none() {
        out.push(
            Problem::error(
                meetings_file(c, fy),
                format!("{}の会議の予定が１つもないため、活動日程が空になります。", fy_name(fy)),
            )
            .field("meetings")
            .hint("予定する会議を number だけでも書いてください（日時と場所は「未定」と印刷されます）。開かない予定なら not_held: に理由を書きます。"),
        );
    }
}

fn members(c: &CouncilData, fy: i32, year: &YearData, out: &mut Problems) {
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
fn meeting<'a>(
    c: &'a CouncilData,
    fy: i32,
    number: u32,
    doc: &DocumentFile,
    out: &mut Problems,
) -> Option<&'a crate::model::Meeting> {
    if c.years
        .get(&fy)
        .is_some_and(|y| y.broken.contains("meetings"))
    {
        return None;
    }
    match crate::view::find_meeting(c, fy, number) {
        None => {
            out.push(
                Problem::error(
                    &doc.path,
                    format!(
                        "{}の第{}回の会議が meetings.yaml にありません。",
                        fy_name(fy),
                        zen(number)
                    ),
                )
                .field("meeting")
                .hint(format!(
                    "{}/{fy}/meetings.yaml に第{}回を書いてください。",
                    c.slug,
                    zen(number)
                )),
            );
            None
        }
        Some(m) if m.date.is_none() => {
            out.push(
                Problem::error(
                    &doc.path,
                    format!("第{}回の会議の日付（date）がありません。", zen(number)),
                )
                .hint("meetings.yaml に date: を書いてください。"),
            );
            None
        }
        Some(m) => Some(m),
    }
}

/// Whether any agenda item, at any depth, has a record entry.
fn has_record(items: &[AgendaItem]) -> bool {
    items
        .iter()
        .any(|i| !i.record.is_empty() || has_record(&i.items))
}

fn zen(n: u32) -> String {
    japanese::fullwidth(&n.to_string())
}
