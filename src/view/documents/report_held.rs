//! The 開催状況 of an activity report: every meeting and activity (研修会, 講演会) of the year,
//! in the order held, as a row of its kind, its date and its main content. The content is
//! made of entries, each a head (「・テーマ：」「・講師：」) and lines that hang under the first:
//! a theme, the activity, each lecturer (a post or affiliation on a line of its own, as
//! published reports set them), the participants and their total; a meeting's agenda items.
//! Words from `report.labels`, computed once for the PDF, the page and the Word file.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Activity, Lecturer, Meeting, Participants, ReportLabels, fill};
use crate::view::{ActivityView, MeetingView, YearView};

use super::report_rows::{all_lecturers, count, participant_groups};

/// 開催状況の表の１行: 会議か、研修会などの活動１つ。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct HeldRow {
    /// 種類（研修会、部会。labels の meeting_kind か、活動の名前）。
    pub kind: String,
    /// 開催日（できあがった言葉）。
    pub when: String,
    /// 主な内容の一つひとつ。
    pub entries: Vec<HeldEntry>,
}

/// 主な内容の１項目: 初めの言葉（・テーマ：、・講師：、・）と、その後ろの行（２行目からは初めの
/// 言葉の後ろにそろえます）。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct HeldEntry {
    /// 初めの言葉。
    pub head: String,
    /// 行。
    pub lines: Vec<String>,
}

/// One lecturer's lines: 「内野秀雄氏（当部会委員、油山病院）」; a post before the name on a
/// line of its own; one without a name as its affiliation, then post and count (「職員２名」).
fn lecturer_lines(w: &ReportLabels, l: &Lecturer) -> Vec<String> {
    let note: Vec<&str> = [l.role.as_deref(), l.affiliation.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let counted = l
        .count
        .map(|n| fill(&w.lecturer_count, &[("人数", &count(n))]))
        .unwrap_or_default();
    let mut lines = Vec::new();
    match &l.name {
        Some(name) => {
            lines.extend(l.post.clone());
            let mut line = fill(&w.lecturer_name, &[("名前", name)]) + &counted;
            if !note.is_empty() {
                line += &fill(&w.lecturer_note, &[("注記", &note.join("、"))]);
            }
            lines.push(line);
        }
        None => {
            lines.extend(l.affiliation.clone());
            let line = l.post.clone().unwrap_or_default() + &counted;
            let role = l
                .role
                .as_ref()
                .map(|r| fill(&w.lecturer_note, &[("注記", r)]))
                .unwrap_or_default();
            if !line.is_empty() || !role.is_empty() {
                lines.push(line + &role);
            }
        }
    }
    lines
}

fn lecturers_entry<'a>(
    w: &ReportLabels,
    lecturers: impl Iterator<Item = &'a Lecturer>,
) -> Option<HeldEntry> {
    let lines: Vec<String> = lecturers.flat_map(|l| lecturer_lines(w, l)).collect();
    (!lines.is_empty()).then(|| HeldEntry {
        head: w.lecturers_head.clone(),
        lines,
    })
}

/// 「・参加者：」 the participants as described (or their breakdown), then 「計６３名」.
fn participants_entry(w: &ReportLabels, p: Option<&Participants>) -> Option<HeldEntry> {
    let p = p?;
    let mut lines: Vec<String> = p.who.iter().cloned().collect();
    if !p.breakdown.is_empty() {
        let groups = participant_groups(w, p);
        lines.push(groups.join("、"));
    }
    let total = p
        .total
        .or_else(|| (!p.breakdown.is_empty()).then(|| p.breakdown.iter().map(|g| g.count).sum()));
    lines.extend(total.map(|n| fill(&w.participants_total, &[("人数", &count(n))])));
    (!lines.is_empty()).then(|| HeldEntry {
        head: w.participants_head.clone(),
        lines,
    })
}

fn item(w: &ReportLabels, text: &str) -> HeldEntry {
    HeldEntry {
        head: w.item_head.clone(),
        lines: vec![text.to_string()],
    }
}

/// What a meeting's row says it dealt with: its agenda, else its activity, else its content.
pub(crate) fn meeting_topics(m: &Meeting) -> Vec<&str> {
    let agenda: Vec<&str> = m.agenda.iter().map(|a| a.title.as_str()).collect();
    if !agenda.is_empty() {
        return agenda;
    }
    m.activity
        .as_deref()
        .or(m.content.as_deref())
        .filter(|s| !s.trim().is_empty())
        .into_iter()
        .collect()
}

fn meeting_row(w: &ReportLabels, m: &MeetingView<'_>, raw: &Meeting, unfilled: &str) -> HeldRow {
    let mut entries: Vec<HeldEntry> = meeting_topics(raw)
        .into_iter()
        .map(|t| item(w, t))
        .collect();
    entries.extend(lecturers_entry(
        w,
        all_lecturers(raw.lecturer.as_ref(), &raw.lecturers),
    ));
    entries.extend(participants_entry(w, raw.participants.as_ref()));
    if entries.is_empty() && !unfilled.is_empty() {
        entries.push(item(w, unfilled));
    }
    HeldRow {
        kind: fill(&w.meeting_kind, &[("回", &count(m.number))]),
        when: m.when.clone(),
        entries,
    }
}

fn activity_row(w: &ReportLabels, a: &ActivityView<'_>, unfilled: &str) -> HeldRow {
    let act: &Activity = a.activity;
    let mut entries = Vec::new();
    if let Some(t) = &act.theme {
        entries.push(HeldEntry {
            head: w.theme_head.clone(),
            lines: vec![fill(&w.theme, &[("テーマ", t)])],
        });
    }
    if let Some(text) = act.activity.as_deref().filter(|s| !s.trim().is_empty()) {
        entries.push(HeldEntry {
            head: w.content_head.clone(),
            lines: vec![text.to_string()],
        });
    }
    entries.extend(lecturers_entry(
        w,
        all_lecturers(act.lecturer.as_ref(), &act.lecturers),
    ));
    entries.extend(participants_entry(w, act.participants.as_ref()));
    if entries.is_empty() && !unfilled.is_empty() {
        entries.push(item(w, unfilled));
    }
    HeldRow {
        kind: act.name.clone(),
        when: a.when.clone(),
        entries,
    }
}

/// The year's meetings held by `by` (every dated one when the report has no date) and its
/// activities, in the order held (an undated activity after the dated ones).
pub(super) fn held(
    w: &ReportLabels,
    year: &YearView<'_>,
    meetings: &[Meeting],
    by: Option<time::Date>,
    unfilled: &str,
) -> Vec<HeldRow> {
    let held = |d: Option<time::Date>| d.is_some_and(|d| by.is_none_or(|by| d <= by));
    let mut rows: Vec<(Option<time::Date>, HeldRow)> = year
        .meetings
        .iter()
        .zip(meetings)
        .filter(|(_, raw)| held(raw.date.map(|d| d.0)))
        .map(|(m, raw)| (raw.date.map(|d| d.0), meeting_row(w, m, raw, unfilled)))
        .chain(
            year.activities
                .iter()
                .map(|a| (a.activity.date.map(|d| d.0), activity_row(w, a, unfilled))),
        )
        .collect();
    rows.sort_by_key(|(d, _)| (d.is_none(), *d));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// The widths of the kind, label and date columns, in characters: the longest of each (with
/// its header in a table of columns), up to 8, 6 and 13 (a date with its weekday; longer ones
/// wrap).
pub(super) fn widths(rows: &[HeldRow], w: &ReportLabels) -> [usize; 3] {
    let chars = |s: &str| s.chars().count();
    let longest = |f: fn(&HeldRow) -> &str, head: &str| {
        rows.iter()
            .map(|r| chars(f(r)))
            .max()
            .unwrap_or(0)
            .max(chars(head))
    };
    let label = chars(&w.held_date).max(chars(&w.held_content));
    [
        longest(|r| &r.kind, &w.held_kind).clamp(2, 8),
        label.clamp(2, 6),
        longest(|r| &r.when, &w.held_date).clamp(4, 13),
    ]
}

/// 開催状況の表の列１つ（様式の columns を書いたとき）。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct HeldColumnView {
    /// kind / date / content。
    pub key: &'static str,
    /// 列の見出し（labels の held_kind、held_date、held_content）。
    pub label: String,
    /// 列の幅（文字数。content は残りの幅で、なし）。
    pub width: Option<usize>,
    /// Word の表での列の幅の割合（文字数。content は 40）。
    pub share: usize,
}

/// The columns a form names for the 開催状況, with their headers and widths.
pub(super) fn columns(
    chosen: &[crate::model::HeldColumn],
    w: &ReportLabels,
    widths: [usize; 3],
) -> Vec<HeldColumnView> {
    use crate::model::HeldColumn;
    chosen
        .iter()
        .map(|c| match c {
            HeldColumn::Kind => HeldColumnView {
                key: "kind",
                label: w.held_kind.clone(),
                width: Some(widths[0]),
                share: widths[0] + 2,
            },
            HeldColumn::Date => HeldColumnView {
                key: "date",
                label: w.held_date.clone(),
                width: Some(widths[2]),
                share: widths[2] + 2,
            },
            HeldColumn::Content => HeldColumnView {
                key: "content",
                label: w.held_content.clone(),
                width: None,
                share: 40,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lecturer(yaml: &str) -> Lecturer {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn a_lecturer_with_a_name_a_post_or_a_count() {
        let w = ReportLabels::default();
        assert_eq!(
            lecturer_lines(
                &w,
                &lecturer("{name: 内野秀雄, role: 当部会委員, affiliation: 油山病院}")
            ),
            ["内野秀雄氏（当部会委員、油山病院）"]
        );
        assert_eq!(
            lecturer_lines(
                &w,
                &lecturer("{name: 吉澤久美子, post: 〇〇センター長, role: アドバイザー}")
            ),
            ["〇〇センター長", "吉澤久美子氏（アドバイザー）"]
        );
        assert_eq!(
            lecturer_lines(
                &w,
                &lecturer("{affiliation: 早良区基幹相談支援センター, post: 職員, count: 2}")
            ),
            ["早良区基幹相談支援センター", "職員２名"]
        );
        assert_eq!(
            lecturer_lines(&w, &lecturer("{affiliation: 市医師会}")),
            ["市医師会"]
        );
    }

    #[test]
    fn participants_described_then_their_total() {
        let w = ReportLabels::default();
        let p: Participants =
            serde_yaml::from_str("{who: 保健、医療、福祉関係者, total: 83}").unwrap();
        let e = participants_entry(&w, Some(&p)).unwrap();
        assert_eq!(e.head, "・参加者：");
        assert_eq!(e.lines, ["保健、医療、福祉関係者", "計８３名"]);
        let p: Participants =
            serde_yaml::from_str("{breakdown: [{group: 市民, count: 3}, {group: 職員, count: 2}]}")
                .unwrap();
        let e = participants_entry(&w, Some(&p)).unwrap();
        assert_eq!(e.lines, ["市民３名、職員２名", "計５名"]);
    }
}
