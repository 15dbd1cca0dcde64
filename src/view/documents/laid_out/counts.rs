//! Attendance as counts (a meeting's `counts:`), in the lines the council's form writes:
//! 「委員19名」「事務局16名」「傍聴2名」, the members' groups 「（学識経験者3名、…）」, the online
//! share, the absent 「2名」 and a total 「（計16名）」. A count not written is counted from the
//! names the meeting gives.

use super::*;
use crate::model::{CountStyle, Headcount};

/// The numbers of a meeting kept as counts, each written or counted from names.
struct Counted {
    members: Option<u32>,
    online: u32,
    absent: u32,
    secretariat: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn counted(h: &Headcount, f: &Facts<'_>) -> Counted {
    let m = f.meeting;
    let named =
        |keep: fn(&AttendeeView<'_>) -> bool| count(f.members.iter().filter(|p| keep(p)).count());
    let grouped: Option<u32> = (!h.groups.is_empty())
        .then(|| h.groups.iter().map(|g| g.count()).sum::<Option<u32>>())
        .flatten();
    let members = h
        .members
        .or(grouped)
        .or_else(|| (!f.members.is_empty()).then(|| named(|p| !p.absent)));
    let secretariat = h.secretariat.unwrap_or_else(|| {
        if m.staff.is_empty() {
            count(m.secretariat.len())
        } else {
            m.staff.iter().map(|s| s.count.unwrap_or(1)).sum()
        }
    });
    Counted {
        members,
        online: h.online.unwrap_or_else(|| count(m.online.len())),
        absent: h.absent.unwrap_or_else(|| count(m.absent.len())),
        secretariat,
    }
}

fn people(pattern: &str, n: u32) -> String {
    fill(pattern, &[("人数", &fullwidth(&n.to_string()))])
}

/// The members' line: their number, their groups and the online share.
fn members_line(c: &CountStyle, h: &Headcount, n: &Counted) -> Option<String> {
    let members = n.members?;
    let groups = if h.groups.is_empty() {
        String::new()
    } else {
        let each: Vec<String> = h
            .groups
            .iter()
            .map(|g| match g.count() {
                Some(k) => fill(&people(&c.group, k), &[("区分", g.name())]),
                None => g.name().to_string(),
            })
            .collect();
        fill(&c.groups, &[("内訳", &each.join("、"))])
    };
    let online = if n.online > 0 {
        people(&c.online, n.online)
    } else {
        String::new()
    };
    Some(fill(
        &people(&c.members, members),
        &[("内訳", &groups), ("オンライン", &online)],
    ))
}

/// The attendance section of a meeting kept as counts.
pub(super) fn attendance(d: &MinutesDescription, f: &Facts<'_>, h: &Headcount) -> Vec<Block> {
    let c = &d.attendance.counts;
    let m = f.meeting;
    let n = counted(h, f);
    let has = |kind| d.sections.iter().any(|s| s.section == kind);
    let mut lines: Vec<String> = Vec::new();
    lines.extend(members_line(c, h, &n));
    if !has(SectionKind::Absent) && n.absent > 0 {
        lines.push(people(&c.absent, n.absent));
    }
    if !has(SectionKind::Secretariat) && n.secretariat > 0 {
        lines.push(people(&c.secretariat, n.secretariat));
    }
    if !m.observers.is_empty() {
        lines.push(format!(
            "{}{}",
            d.attendance.observers_label,
            m.observers.join("、")
        ));
    }
    if !has(SectionKind::Viewers)
        && let Some(Viewers::Count(v)) = m.public.as_ref().and_then(|p| p.viewers.as_ref())
    {
        lines.push(people(&c.viewers, *v));
    }
    if !c.total.is_empty() {
        let total = m
            .attendance
            .unwrap_or_else(|| n.members.unwrap_or(0) + n.secretariat + count(m.observers.len()));
        lines.push(people(&c.total, total));
    }
    lines.into_iter().map(|l| Block::new("text", l)).collect()
}

/// The absent of a meeting kept as counts (none when no one was).
pub(super) fn absent(d: &MinutesDescription, f: &Facts<'_>, h: &Headcount) -> Vec<Block> {
    let n = counted(h, f).absent;
    if n == 0 {
        return vec![];
    }
    vec![Block::new("text", people(&d.attendance.counts.absent, n))]
}

/// The secretariat of a meeting kept as counts.
pub(super) fn secretariat(d: &MinutesDescription, f: &Facts<'_>, h: &Headcount) -> Vec<Block> {
    let n = counted(h, f).secretariat;
    if n == 0 {
        return vec![];
    }
    vec![Block::new(
        "text",
        people(&d.attendance.counts.secretariat, n),
    )]
}

/// (members, present, absent) for the quorum sentence of a meeting kept as counts.
pub(super) fn quorum_numbers(h: &Headcount, f: &Facts<'_>) -> Option<(u32, u32, u32)> {
    let n = counted(h, f);
    let present = n.members?;
    Some((present + n.absent, present, n.absent))
}
