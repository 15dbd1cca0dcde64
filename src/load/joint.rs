//! Joint meetings (合同部会): one meeting of two or more bodies, written once, in the
//! meetings.yaml of the body that keeps its record (`joint: {with: [folder], name: …}`). Each
//! other body lists it under its own number (`joint: {held_by: folder, meeting: N}`) and gets
//! the record's facts: date, place, attendance, agenda, record, materials. Its own goals,
//! activity and outcomes stay its own (表１ is each body's). Resolved once, after loading, so
//! that every document reads an ordinary meeting; the bodies and their members are kept for
//! the attendance of the minutes.

use std::collections::BTreeMap;

use crate::diag::{Problem, Problems, fy_name};
use crate::model::council::{CouncilData, JointBody};
use crate::model::{Council, Meeting, Member};
use crate::text::japanese::zen;

fn body_name(c: &Council) -> String {
    c.body.clone().unwrap_or_else(|| c.name.clone())
}

fn members(c: &CouncilData, year: i32) -> Vec<Member> {
    c.years
        .get(&year)
        .and_then(|y| y.members.as_ref())
        .map(|m| m.members.clone())
        .unwrap_or_default()
}

fn meetings_file(c: &CouncilData, year: i32) -> std::path::PathBuf {
    c.years
        .get(&year)
        .and_then(|y| y.files.get("meetings"))
        .cloned()
        .unwrap_or_else(|| c.dir.join(year.to_string()).join("meetings.yaml"))
}

/// A body that held a joint meeting with its record keeper: the council's place among the
/// councils, and the meeting's series and number as that body counts it.
type Guest = (usize, Option<String>, u32);

/// A meeting the record keeper wrote, as a body that held it with them sees it.
fn merged(host: &Meeting, own: &Meeting) -> Meeting {
    let mut m = host.clone();
    m.number = own.number;
    m.series = own.series.clone();
    m.goals = own.goals.clone();
    m.activity = own.activity.clone().or(m.activity);
    m.content = own.content.clone().or(m.content);
    if !own.outcomes.is_empty() {
        m.outcomes = own.outcomes.clone();
    }
    m.joint = Some(crate::model::JointMeeting {
        with: Vec::new(),
        name: host.joint.as_ref().and_then(|j| j.name.clone()),
        held_by: own.joint.as_ref().and_then(|j| j.held_by.clone()),
        meeting: Some(host.number),
    });
    m
}

/// Resolves every joint meeting of `councils`: each listing body's meeting takes the record's
/// facts; a body or meeting that does not exist, or a joint meeting one side does not list, is
/// reported at its line.
pub(crate) fn resolve(councils: &mut [CouncilData], problems: &mut Problems) {
    let index: BTreeMap<String, usize> = councils
        .iter()
        .enumerate()
        .map(|(i, c)| (c.slug.clone(), i))
        .collect();
    // (guest council, year, position in its meetings, host council, host number)
    let mut refs = Vec::new();
    for (gi, c) in councils.iter().enumerate() {
        for (&year, y) in &c.years {
            for (k, m) in y.meetings.meetings.iter().enumerate() {
                let Some(held_by) = m.joint.as_ref().and_then(|j| j.held_by.as_deref()) else {
                    continue;
                };
                let file = meetings_file(c, year);
                let at = format!("meetings[{k}].joint.held_by");
                let Some(&hi) = index.get(held_by) else {
                    problems.push(
                        Problem::error(
                            &file,
                            format!("合同で開いた部会 {held_by} が content/ にありません。"),
                        )
                        .field(at)
                        .hint("held_by: に、会議録を書いた部会のフォルダの名前を書いてください。"),
                    );
                    continue;
                };
                let Some(number) = m.joint.as_ref().and_then(|j| j.meeting) else {
                    problems.push(
                        Problem::error(
                            &file,
                            format!(
                                "{}の joint に、{held_by} での回（meeting:）がありません。",
                                crate::model::council::called(m.series.as_deref(), m.number)
                            ),
                        )
                        .at_value(&at)
                        .field(format!("meetings[{k}].joint.meeting"))
                        .hint("例: joint: {held_by: 部会のフォルダ, meeting: 2}"),
                    );
                    continue;
                };
                refs.push((gi, year, k, hi, number, file, at));
            }
        }
    }
    let mut groups: BTreeMap<(usize, i32, Option<String>, u32), Vec<Guest>> = BTreeMap::new();
    for (gi, year, k, hi, number, file, at) in refs {
        let host = &councils[hi];
        // The record keeper's meetings.yaml could not be read (reported already): the
        // meeting's facts are missing, and what needs them is not reported again.
        if host
            .years
            .get(&year)
            .is_some_and(|y| y.broken.contains("meetings"))
        {
            if let Some(y) = councils[gi].years.get_mut(&year) {
                y.broken.insert("meetings");
            }
            continue;
        }
        let host = &councils[hi];
        let guest_slug = councils[gi].slug.clone();
        let own_series = councils[gi].years[&year].meetings.meetings[k]
            .series
            .clone();
        // The record keeper's meeting of that number: the one that names this body, else the
        // one in this body's series, else any (the first that names no body is warned of).
        let candidates: Vec<&Meeting> = (host.years.get(&year).into_iter())
            .flat_map(|y| &y.meetings.meetings)
            .filter(|m| m.number == number)
            .collect();
        let hm = candidates
            .iter()
            .find(|m| {
                m.joint
                    .as_ref()
                    .is_some_and(|j| j.with.contains(&guest_slug))
            })
            .or_else(|| candidates.iter().find(|m| m.series == own_series))
            .or(candidates.first())
            .map(|m| (*m).clone());
        let Some(hm) = hm else {
            problems.push(
                Problem::error(
                    &file,
                    format!(
                        "{} の{}の第{}回の会議が meetings.yaml にありません。",
                        host.slug,
                        fy_name(year),
                        zen(number)
                    ),
                )
                .at_value(&at)
                .hint("joint: の held_by: と meeting: を確かめてください。"),
            );
            continue;
        };
        if !hm
            .joint
            .as_ref()
            .is_some_and(|j| j.with.contains(&guest_slug))
        {
            problems.push(
                Problem::warning(
                    &file,
                    format!(
                        "{} の{}の joint: with: に、この部会（{guest_slug}）がありません。",
                        host.slug,
                        crate::model::council::called(hm.series.as_deref(), number)
                    ),
                )
                .at_value(&at)
                .hint(format!(
                    "{} の meetings.yaml の{}に joint: {{with: [{guest_slug}]}} と書いてください。",
                    host.slug,
                    crate::model::council::called(hm.series.as_deref(), number)
                )),
            );
        }
        let own = &mut councils[gi]
            .years
            .get_mut(&year)
            .expect("the year the meeting was found in")
            .meetings
            .meetings[k];
        let host_slug = councils[hi].slug.clone();
        // One series both bodies count the meeting in gives it one number in both.
        if hm.series.is_some() && own.series == hm.series && own.number != hm.number {
            let series = hm.series.as_deref().unwrap_or_default();
            problems.push(
                Problem::error(
                    &file,
                    format!(
                        "この会議は {host_slug} では{}です。同じ{series}の回は、どちらの部会でも同じ番号にします。",
                        crate::model::council::called(hm.series.as_deref(), hm.number)
                    ),
                )
                .field(format!("meetings[{k}].number"))
                .hint(format!("number: {} と書いてください。", hm.number)),
            );
        }
        let guest = (gi, own.series.clone(), own.number);
        *own = merged(&hm, own);
        groups
            .entry((hi, year, hm.series.clone(), number))
            .or_default()
            .push(guest);
    }
    // Each body the record keeper names exists and lists the meeting back.
    for c in councils.iter() {
        for (&year, y) in &c.years {
            for (k, m) in y.meetings.meetings.iter().enumerate() {
                let Some(j) = &m.joint else { continue };
                for (w, other) in j.with.iter().enumerate() {
                    let file = meetings_file(c, year);
                    let at = format!("meetings[{k}].joint.with[{w}]");
                    let listed = index.get(other).is_some_and(|&gi| {
                        groups
                            .get(&(index[&c.slug], year, m.series.clone(), m.number))
                            .is_some_and(|g| g.iter().any(|(i, _, _)| *i == gi))
                    });
                    if !index.contains_key(other) {
                        problems.push(
                            Problem::error(
                                &file,
                                format!("合同で開いた部会 {other} が content/ にありません。"),
                            )
                            .at_value(&at)
                            .field(format!("meetings[{k}].joint.with"))
                            .hint(
                                "with: に、いっしょに開いた部会のフォルダの名前を書いてください。",
                            ),
                        );
                    } else if !listed {
                        problems.push(
                            Problem::warning(
                                &file,
                                format!(
                                    "合同で開いた部会 {other} の{}の meetings.yaml に、この会議がありません。",
                                    fy_name(year)
                                ),
                            )
                            .at_value(&at)
                            .field(format!("meetings[{k}].joint.with"))
                            .hint(format!(
                                "{other} の meetings.yaml に、その部会での回を joint: {{held_by: {}, meeting: {}}} と書いてください（表１にも入ります）。",
                                c.slug, m.number
                            )),
                        );
                    }
                }
            }
        }
    }
    // The bodies of each group, the record keeper first, for every body's minutes.
    for ((hi, year, series, number), guests) in groups {
        let mut bodies = vec![JointBody {
            name: body_name(&councils[hi].council),
            members: members(&councils[hi], year),
        }];
        bodies.extend(guests.iter().map(|&(gi, _, _)| JointBody {
            name: body_name(&councils[gi].council),
            members: members(&councils[gi], year),
        }));
        councils[hi]
            .joint
            .insert((year, series, number), bodies.clone());
        for (gi, s, n) in guests {
            councils[gi].joint.insert((year, s, n), bodies.clone());
        }
    }
}
