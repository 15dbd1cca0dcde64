//! Who was at the meeting and who could watch it, as the council's `minutes:` description
//! writes them: members (by role, by body at a joint meeting, with marks and the online word),
//! the absent, the secretariat, observers, viewers, whether the meeting and its minutes are
//! public, and the quorum sentence.

use super::*;

fn attendee(d: &MinutesDescription, p: &AttendeeView<'_>) -> String {
    attendee_as(d, &d.attendance.member, p)
}

fn attendee_as(d: &MinutesDescription, pattern: &str, p: &AttendeeView<'_>) -> String {
    let a = &d.attendance;
    let mark = p
        .role
        .and_then(|r| a.marks.get(r))
        .map_or("", String::as_str);
    let pattern = fill(pattern, &[("印", mark)]);
    crate::view::members::member(&pattern, &p.who(), "委員")
}

/// `items` joined by `separator`, on one line; or one a line when the separator is 改行.
pub(super) fn joined(items: Vec<String>, separator: &str) -> Vec<String> {
    if separator == "改行" {
        items
    } else if items.is_empty() {
        vec![]
    } else {
        vec![items.join(separator)]
    }
}

/// Names joined as the council separates them, those who joined online after the online word
/// (「山田委員、鈴木委員（以下オンライン）佐藤委員」): one line, or one a name (改行).
fn names_line(d: &MinutesDescription, people: &[&&AttendeeView<'_>]) -> Vec<String> {
    let a = &d.attendance;
    let name = |p: &AttendeeView<'_>| {
        let mut s = attendee(d, p);
        if p.absent {
            s.push_str(&a.absent_mark);
        }
        s
    };
    let here: Vec<String> = people
        .iter()
        .filter(|p| !p.online)
        .map(|p| name(p))
        .collect();
    let online: Vec<String> = people
        .iter()
        .filter(|p| p.online)
        .map(|p| name(p))
        .collect();
    let mut lines = joined(here, &a.separator);
    if !online.is_empty() {
        let mut online = joined(online, &a.separator);
        if a.separator == "改行" || lines.is_empty() {
            online[0].insert_str(0, &a.online);
        } else {
            let last = lines.pop().unwrap_or_default();
            online[0].insert_str(0, &format!("{last}{}", a.online));
        }
        lines.extend(online);
    }
    lines
}

/// 「（◎部会長　○副部会長）」: the marks that some listed member carries, in the order of the
/// council's roles.
fn marks_legend(
    d: &MinutesDescription,
    f: &Facts<'_>,
    people: &[&&AttendeeView<'_>],
) -> Option<String> {
    let a = &d.attendance;
    if a.marks.is_empty() || a.marks_legend.is_empty() {
        return None;
    }
    let mut roles: Vec<&str> = f.council.roles.iter().map(String::as_str).collect();
    roles.extend(
        a.marks
            .keys()
            .map(String::as_str)
            .filter(|r| !f.council.roles.iter().any(|c| c == r)),
    );
    let entries: Vec<String> = roles
        .into_iter()
        .filter(|r| people.iter().any(|p| p.role == Some(*r)))
        .filter_map(|r| a.marks.get(r).map(|m| format!("{m}{r}")))
        .collect();
    (!entries.is_empty()).then(|| fill(&a.marks_legend, &[("凡例", &entries.join("　"))]))
}

/// 「委員１８名中１５名の出席により…」 from the members and who was absent.
pub(super) fn quorum(d: &MinutesDescription, f: &Facts<'_>) -> Vec<Block> {
    let counted = f
        .meeting
        .counts
        .as_ref()
        .and_then(|h| super::counts::quorum_numbers(h, f));
    let (total, absent) = match counted {
        Some((total, _, absent)) => (total as usize, absent as usize),
        None if f.members.is_empty() => return vec![],
        None => (
            f.members.len(),
            f.members.iter().filter(|p| p.absent).count(),
        ),
    };
    let n = |k: usize| fullwidth(&k.to_string());
    vec![Block::new(
        "text",
        fill(
            &d.attendance.quorum,
            &[
                ("総数", &n(total)),
                ("出席", &n(total - absent)),
                ("欠席", &n(absent)),
            ],
        ),
    )]
}

/// The secretariat, as blocks: by department when the staff say one, else one line.
pub(super) fn secretariat(d: &MinutesDescription, f: &Facts<'_>) -> Vec<Block> {
    let m = f.meeting;
    if let Some(h) = &m.counts {
        return super::counts::secretariat(d, f, h);
    }
    let a = &d.attendance;
    if m.staff.is_empty() {
        let line = phrases::secretariat(m);
        return if line.is_empty() {
            vec![]
        } else {
            vec![Block::new("text", line)]
        };
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < m.staff.len() {
        let dep = m.staff[i].department.as_deref();
        let group: Vec<_> = m.staff[i..]
            .iter()
            .take_while(|s| s.department.as_deref() == dep)
            .collect();
        i += group.len();
        let people: Vec<String> = group.iter().map(|s| staff_member(d, s)).collect();
        let mut lines = joined(people, &a.staff_separator);
        if let Some(dep) = dep {
            // The department on a line of its own, or with its people (`{事務局}`).
            if a.department.contains("{事務局}") {
                let first = if lines.is_empty() {
                    String::new()
                } else {
                    lines.remove(0)
                };
                lines.insert(0, fill(&a.department, &[("課", dep), ("事務局", &first)]));
            } else {
                lines.insert(0, fill(&a.department, &[("課", dep)]));
            }
        }
        out.extend(lines.into_iter().map(|l| Block::new("text", l)));
    }
    out
}

/// One of the secretariat as the council writes them: a part not written goes with the
/// brackets around it (「課長（）」 is 「課長」); one that prints nothing is refused by check.
fn staff_member(d: &MinutesDescription, s: &crate::model::Staff) -> String {
    let a = &d.attendance;
    let count = s.count.map(|c| c.to_string()).unwrap_or_default();
    let pattern = if s.count.is_some() {
        &a.staff_count
    } else {
        &a.staff
    };
    crate::view::members::fill_parts(
        pattern,
        &[
            ("職名", s.post.as_deref().unwrap_or("").trim()),
            ("名前", s.name.as_deref().unwrap_or("").trim()),
            ("人数", &count),
        ],
    )
}

fn has(d: &MinutesDescription, kind: SectionKind) -> bool {
    d.sections.iter().any(|s| s.section == kind)
}

/// Whether the honorifics word goes into a section's label (`{敬称略}`), not under it.
fn honorifics_in_label(d: &MinutesDescription) -> bool {
    let mark = "{敬称略}";
    d.label.contains(mark)
        || d.sections.iter().any(|s| {
            s.section == SectionKind::Attendance
                && (s.label.as_deref().is_some_and(|l| l.contains(mark))
                    || s.form.as_deref().is_some_and(|l| l.contains(mark)))
        })
}

/// `label` and `text` as the council joins them: on one line (`labels_inline`) or the label on
/// a line of its own.
fn labelled(d: &MinutesDescription, label: &str, mut lines: Vec<Block>, out: &mut Vec<Block>) {
    if lines.is_empty() {
        return;
    }
    if label.is_empty() {
        out.extend(lines);
    } else if d.attendance.labels_inline && !lines.is_empty() {
        lines[0].text.insert_str(0, label);
        out.extend(lines);
    } else {
        out.push(Block::new("text", label));
        out.extend(lines);
    }
}

/// The members' names line(s): by role (a line each, or run together as `role_separator`
/// says; each role beside its first name or, `roles_inline: false`, above its names), or all
/// on one.
fn role_lines(d: &MinutesDescription, present: &[&AttendeeView<'_>]) -> Vec<Block> {
    let a = &d.attendance;
    let text = |lines: Vec<String>| {
        lines
            .into_iter()
            .map(|l| Block::new("text", l))
            .collect::<Vec<_>>()
    };
    if !a.by_role {
        let all: Vec<_> = present.iter().collect();
        return text(names_line(d, &all));
    }
    let mut roles: Vec<&str> = Vec::new();
    for p in present {
        let r = p.role.unwrap_or("委員");
        if !roles.contains(&r) {
            roles.push(r);
        }
    }
    let groups = roles.into_iter().map(|r| {
        let these: Vec<_> = present
            .iter()
            .filter(|p| p.role.unwrap_or("委員") == r)
            .collect();
        let mut names = names_line(d, &these);
        let role = fill(&a.role_label, &[("役職", r)]);
        match names.first_mut() {
            Some(first) if a.roles_inline => first.insert_str(0, &role),
            _ => names.insert(0, role),
        }
        names
    });
    if a.role_separator == "改行" {
        return text(groups.flatten().collect());
    }
    // Run together: each role's first line after the line before it.
    let mut lines: Vec<String> = Vec::new();
    for group in groups {
        let mut group = group.into_iter();
        match (lines.last_mut(), group.next()) {
            (Some(last), Some(first)) => {
                last.push_str(&a.role_separator);
                last.push_str(&first);
            }
            (None, Some(first)) => lines.push(first),
            _ => {}
        }
        lines.extend(group);
    }
    text(lines)
}

/// The members' lines, under their categories' headings when the council groups them
/// (`category_label`), each category's by role or on one line.
fn member_lines(
    d: &MinutesDescription,
    f: &Facts<'_>,
    present: &[&AttendeeView<'_>],
) -> Vec<Block> {
    let a = &d.attendance;
    if a.category_label.is_empty() || present.iter().all(|p| p.category.is_none()) {
        return role_lines(d, present);
    }
    let mut lines = Vec::new();
    for (category, these) in crate::view::members::by_category(f.council, present, |p| p.category) {
        let these: Vec<&AttendeeView<'_>> = these.into_iter().copied().collect();
        let mut group = role_lines(d, &these);
        if let Some(c) = category {
            let label = fill(&a.category_label, &[("区分", &c)]);
            match group.first_mut() {
                Some(first) if a.category_inline => first.text.insert_str(0, &label),
                _ => lines.push(Block::new("text", label)),
            }
        }
        lines.extend(group);
    }
    lines
}

pub(super) fn attendance(d: &MinutesDescription, f: &Facts<'_>) -> Vec<Block> {
    let a = &d.attendance;
    let m = f.meeting;
    if let Some(h) = &m.counts {
        return super::counts::attendance(d, f, h);
    }
    // Absent members: in a section of their own, on a line of their own, or marked in the list.
    let apart = has(d, SectionKind::Absent);
    let absent_line = !apart && !a.absent_label.is_empty();
    let mut out = Vec::new();
    if m.honorifics_omitted && !honorifics_in_label(d) {
        out.push(Block::new("text", a.honorifics_omitted.clone()));
    }
    let present: Vec<_> = f
        .members
        .iter()
        .filter(|p| !((apart || absent_line) && p.absent))
        .collect();
    // A joint meeting's members body by body, each body's under its name.
    let mut bodies: Vec<Option<&str>> = Vec::new();
    for p in &present {
        if !bodies.contains(&p.body) {
            bodies.push(p.body);
        }
    }
    let lines = if bodies.len() > 1 {
        let mut lines = Vec::new();
        for body in bodies {
            let these: Vec<_> = present.iter().filter(|p| p.body == body).copied().collect();
            lines.push(Block::new(
                "text",
                fill(&a.body_label, &[("部会", body.unwrap_or_default())]),
            ));
            lines.extend(member_lines(d, f, &these));
        }
        lines
    } else {
        member_lines(d, f, &present)
    };
    if !present.is_empty() {
        labelled(d, &a.members_label, lines, &mut out);
        if let Some(legend) = marks_legend(d, f, &present.iter().collect::<Vec<_>>()) {
            out.push(Block::new("text", legend));
        }
    }
    if absent_line {
        let lines = absent(d, f);
        labelled(d, &a.absent_label, lines, &mut out);
    }
    if !has(d, SectionKind::Secretariat) {
        let staff = secretariat(d, f);
        labelled(d, &a.secretariat_label, staff, &mut out);
    }
    if !m.observers.is_empty() {
        out.push(Block::new(
            "text",
            format!("{}{}", a.observers_label, m.observers.join("、")),
        ));
    }
    out
}

pub(super) fn absent(d: &MinutesDescription, f: &Facts<'_>) -> Vec<Block> {
    if let Some(h) = &f.meeting.counts {
        return super::counts::absent(d, f, h);
    }
    let names: Vec<String> = f
        .members
        .iter()
        .filter(|p| p.absent)
        .map(|p| match &d.attendance.absent_member {
            Some(pattern) => attendee_as(d, pattern, p),
            None => attendee(d, p),
        })
        .collect();
    joined(names, &d.attendance.separator)
        .into_iter()
        .map(|n| Block::new("text", n))
        .collect()
}

/// 傍聴者: how many, or (when no 傍聴の可否 section says it) that the meeting was closed and
/// why; then, when no 会議録の公開 section says it, that the minutes are not public.
pub(super) fn viewers(d: &MinutesDescription, style: &HouseStyle, m: &Meeting) -> Vec<Block> {
    let Some(p) = &m.public else { return vec![] };
    let mut out = Vec::new();
    if p.allowed {
        let text = match &p.viewers {
            Some(Viewers::Count(n)) => format!("{}{}", fullwidth(&n.to_string()), style.people),
            Some(Viewers::Word(ViewersWord::None)) => "なし".into(),
            Some(Viewers::Word(ViewersWord::Some)) => "あり".into(),
            None => "－".into(),
        };
        out.push(Block::new("text", text));
    } else if !has(d, SectionKind::Public) {
        out.push(Block::new(
            "text",
            with_reason("非公開", p.reason.as_deref()),
        ));
    }
    if !has(d, SectionKind::Disclosure)
        && let Some(mp) = &p.minutes
        && !mp.public
    {
        out.push(Block::new(
            "text",
            with_reason("会議録は非公開", mp.reason.as_deref()),
        ));
    }
    out
}

/// 「非公開（個人情報を含むため）」.
fn with_reason(word: &str, reason: Option<&str>) -> String {
    match reason {
        Some(r) => format!("{word}（{r}）"),
        None => word.to_string(),
    }
}

/// 傍聴の可否: 可 / 不可.
pub(super) fn public(m: &Meeting) -> Vec<Block> {
    match &m.public {
        Some(p) => vec![Block::new("text", if p.allowed { "可" } else { "不可" })],
        None => vec![],
    }
}

/// 不可の理由, for a closed meeting only.
pub(super) fn closed_reason(m: &Meeting) -> Vec<Block> {
    match &m.public {
        Some(p) if !p.allowed => vec![Block::new("text", p.reason.clone().unwrap_or_default())],
        _ => vec![],
    }
}

/// 会議録の公開: 公開 / 非公開（理由）, when the meeting says it.
pub(super) fn disclosure(m: &Meeting) -> Vec<Block> {
    match m.public.as_ref().and_then(|p| p.minutes.as_ref()) {
        Some(mp) if mp.public => vec![Block::new("text", "公開")],
        Some(mp) => vec![Block::new(
            "text",
            with_reason("非公開", mp.reason.as_deref()),
        )],
        None => vec![],
    }
}
