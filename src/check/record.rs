//! Checks of what a meeting's minutes print (meetings.yaml): absent and online members, the
//! record of each agenda item, the reason a meeting was closed.

use super::*;

/// The parts of a meeting that minutes print: absent members must be members, every record
/// entry says one thing, a closed meeting says why.
pub(super) fn check_meeting_record(
    c: &CouncilData,
    fy: i32,
    year: &YearData,
    i: usize,
    m: &crate::model::Meeting,
    file: &Path,
    out: &mut Problems,
) {
    let n = crate::model::council::called(m.series.as_deref(), m.number);
    // A joint meeting's attendance is every body's members.
    let members: Vec<&crate::model::Member> = match c.joint.get(&(fy, m.series.clone(), m.number)) {
        Some(bodies) => bodies.iter().flat_map(|b| &b.members).collect(),
        None => year.members.iter().flat_map(|l| &l.members).collect(),
    };
    check_attendance(c, fy, (i, m), members.len(), file, out);
    let names: Vec<&str> = members.iter().filter_map(|mb| mb.name.as_deref()).collect();
    let lists = [
        ("absent", &m.absent, "欠席者", "欠席した"),
        (
            "online",
            &m.online,
            "オンラインの出席者",
            "オンラインで出席した",
        ),
    ];
    for (key, j, a, what, did) in lists
        .iter()
        .flat_map(|(k, l, w, d)| l.iter().enumerate().map(move |(j, a)| (*k, j, a, *w, *d)))
    {
        let at = format!("meetings[{i}].{key}[{j}]");
        // Each member of that name, by place in the list (and organization when written).
        let same: Vec<String> = members
            .iter()
            .enumerate()
            .filter(|(_, mb)| mb.name.as_deref() == Some(a.as_str()))
            .map(|(k, mb)| match mb.organization.as_deref() {
                Some(o) => format!(
                    "{}人目・{o}の{a}",
                    japanese::fullwidth(&(k + 1).to_string())
                ),
                None => format!("{}人目の{a}", japanese::fullwidth(&(k + 1).to_string())),
            })
            .collect();
        if same.len() > 1 {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "{n}の{what}「{a}」に当たる委員が{}人います（名簿の{}）。どの委員が{did}か決められません。",
                        japanese::fullwidth(&same.len().to_string()),
                        same.join("、")
                    ),
                )
                .at_value(&at)
                .field(format!("meetings[{i}].{key}"))
                .hint(format!("members.yaml の name を「渡部 太郎」のように名字と名前で書き分け、{key} にも同じ書き方で書いてください（会議録にもその名前で載ります）。")),
            );
        } else if !names.contains(&a.as_str()) {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "{n}の{what}「{a}」は{}の委員（members.yaml）にいません。",
                        fy_name(fy)
                    ),
                )
                .at_value(&at)
                .field(format!("meetings[{i}].{key}"))
                .hint("members.yaml の name と同じ書き方にしてください。"),
            );
        }
    }
    for (j, a) in m
        .online
        .iter()
        .enumerate()
        .filter(|(_, a)| m.absent.contains(a))
    {
        out.push(
            Problem::error(
                file,
                format!("{n}の「{a}」が、欠席者（absent）とオンラインの出席者（online）の両方にあります。"),
            )
            .at_value(&format!("meetings[{i}].online[{j}]"))
            .field(format!("meetings[{i}].online"))
            .hint("どちらか一方にしてください。"),
        );
    }
    if let Some(p) = &m.public
        && !p.allowed
        && p.reason.as_deref().is_none_or(|r| r.trim().is_empty())
    {
        out.push(
            Problem::warning(
                file,
                format!("{n}は傍聴不可ですが、理由（reason）が書かれていません。"),
            )
            .field(format!("meetings[{i}].public.reason")),
        );
    }
    fn walk<'a>(
        items: &'a [crate::model::AgendaItem],
        path: String,
        out: &mut Vec<(String, &'a crate::model::RecordEntry)>,
    ) {
        for (k, item) in items.iter().enumerate() {
            let here = format!("{path}[{k}]");
            for (r, e) in item.record.iter().enumerate() {
                out.push((format!("{here}.record[{r}]"), e));
            }
            walk(&item.items, format!("{here}.items"), out);
        }
    }
    let mut entries = Vec::new();
    walk(&m.agenda, format!("meetings[{i}].agenda"), &mut entries);
    for (field, e) in entries {
        let kinds = usize::from(e.bullet.is_some())
            + usize::from(e.note.is_some())
            + usize::from(e.question.is_some())
            + usize::from(e.next_meeting);
        if kinds != 1 || (e.answer.is_some() && e.question.is_none()) {
            out.push(
                Problem::error(file, format!("{n}の会議結果の１項目に、書き方が{}。", if kinds == 0 { "ありません" } else { "２つ以上あります" }))
                    .field(field)
                    .hint("１項目には bullet、note、question（と answer）、next_meeting: true のどれか１つを書きます。"),
            );
        } else if e.next_meeting
            && crate::model::council::next_meeting(c, fy, m.series.as_deref(), m.number).is_none()
        {
            out.push(
                Problem::error(file, format!("{n}の記録に次回の開催日がありますが、次の会議が meetings.yaml にありません。"))
                    .field(field)
                    .hint(format!("{}の会議（date と start）を書いてください。", crate::model::council::called(m.series.as_deref(), m.number.saturating_add(1)))),
            );
        }
    }
}

/// The number attending (`attendance`, printed in 表１) against who the record says came: no
/// fewer than the members present (the members less the absent), and, when the council makes
/// minutes of the meeting (which name everyone who came), no more than the members present,
/// the secretariat and the observers together. An attendance of 12 with 8 members, none
/// absent and no one else named, would print 12 in 表１ and 8 names in the minutes.
fn check_attendance(
    c: &CouncilData,
    fy: i32,
    (i, m): (usize, &crate::model::Meeting),
    members: usize,
    file: &Path,
    out: &mut Problems,
) {
    let Some(attendance) = m.attendance else {
        return;
    };
    if members == 0 || m.joint.as_ref().is_some_and(|j| j.held_by.is_some()) {
        return;
    }
    let minutes = c.documents.iter().any(|d| {
        matches!(&d.document, crate::model::Document::Minutes(doc)
            if doc.year == fy && doc.meeting == m.number && doc.series == m.series)
    });
    let recorded = minutes || !m.absent.is_empty() || !m.online.is_empty();
    let present = members.saturating_sub(m.absent.len());
    let staff = if m.staff.is_empty() {
        m.secretariat.len()
    } else {
        m.staff.iter().map(|s| s.count.unwrap_or(1) as usize).sum()
    };
    let others = staff + m.observers.len();
    let n = crate::model::council::called(m.series.as_deref(), m.number);
    let count = |k: usize| format!("{}名", japanese::fullwidth(&k.to_string()));
    let members_present = format!("委員{}のうち欠席{}", count(members), count(m.absent.len()));
    if recorded && (attendance as usize) < present {
        out.push(
            Problem::error(
                file,
                format!(
                    "{n}の出席者数（{}）が、出席した委員の数（{}: {members_present}）より少なくなっています。",
                    count(attendance as usize),
                    count(present)
                ),
            )
            .field(format!("meetings[{i}].attendance"))
            .hint("出席者数（attendance）を確かめるか、欠席した委員を absent: に書いてください。"),
        );
    } else if minutes && attendance as usize > present + others {
        let mut named = vec![format!("出席した委員{}", count(present))];
        if staff > 0 {
            named.push(format!("事務局{}", count(staff)));
        }
        if !m.observers.is_empty() {
            named.push(format!("オブザーバー{}", count(m.observers.len())));
        }
        out.push(
            Problem::warning(
                file,
                format!(
                    "{n}の出席者数（{}）が、会議録に出席者として載る人数（{}: {}。{members_present}）より多くなっています。",
                    count(attendance as usize),
                    count(present + others),
                    named.join("、")
                ),
            )
            .field(format!("meetings[{i}].attendance"))
            .hint("欠席した委員がいれば absent: に、ほかに出席した人がいれば secretariat: や observers: に書いてください。人数の誤りなら attendance を直してください。"),
        );
    }
}
