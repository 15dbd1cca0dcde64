//! Joint meetings (合同部会): one meeting of two or more bodies, written once, in the
//! meetings.yaml of the body that keeps its record (`joint: {with: [folder], name: …}`). Each
//! other body lists it under its own number (`joint: {held_by: folder, meeting: N}`) and gets
//! the record's facts: date, place, attendance, agenda, record, materials. Its own goals,
//! activity and outcomes stay its own (表１ is each body's). Resolved once, after loading, so
//! that every document reads an ordinary meeting; the bodies and their members are kept for
//! the attendance of the minutes.

use std::collections::BTreeMap;

use crate::diag::{Problem, Problems, fy_name};
use crate::model::{Council, Meeting, Member};
use crate::needs::zen;
use crate::project::CouncilData;

/// A body of a joint meeting, with its members that year.
#[derive(Debug, Clone, PartialEq)]
pub struct JointBody {
    /// The body's name (its `body`, or the council's name).
    pub name: String,
    pub members: Vec<Member>,
}

/// The bodies of each joint meeting of a council, by (fiscal year, its own number), the body
/// that keeps the record first.
pub type JointBodies = BTreeMap<(i32, u32), Vec<JointBody>>;

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

/// A meeting the record keeper wrote, as a body that held it with them sees it.
fn merged(host: &Meeting, own: &Meeting) -> Meeting {
    let mut m = host.clone();
    m.number = own.number;
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
pub fn resolve(councils: &mut [CouncilData], problems: &mut Problems) {
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
                                "第{}回の joint に、{held_by} での回（meeting:）がありません。",
                                zen(m.number)
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
    let mut groups: BTreeMap<(usize, i32, u32), Vec<(usize, u32)>> = BTreeMap::new();
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
        let Some(hm) = host
            .years
            .get(&year)
            .and_then(|y| y.meetings.meetings.iter().find(|m| m.number == number))
            .cloned()
        else {
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
        let guest_slug = councils[gi].slug.clone();
        if !hm
            .joint
            .as_ref()
            .is_some_and(|j| j.with.contains(&guest_slug))
        {
            problems.push(
                Problem::warning(
                    &file,
                    format!(
                        "{} の第{}回の joint: with: に、この部会（{guest_slug}）がありません。",
                        host.slug,
                        zen(number)
                    ),
                )
                .at_value(&at)
                .hint(format!(
                    "{} の meetings.yaml の第{}回に joint: {{with: [{guest_slug}]}} と書いてください。",
                    host.slug,
                    zen(number)
                )),
            );
        }
        let own = &mut councils[gi]
            .years
            .get_mut(&year)
            .expect("the year the meeting was found in")
            .meetings
            .meetings[k];
        let guest_number = own.number;
        *own = merged(&hm, own);
        groups
            .entry((hi, year, number))
            .or_default()
            .push((gi, guest_number));
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
                            .get(&(index[&c.slug], year, m.number))
                            .is_some_and(|g| g.iter().any(|(i, _)| *i == gi))
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
    for ((hi, year, number), guests) in groups {
        let mut bodies = vec![JointBody {
            name: body_name(&councils[hi].council),
            members: members(&councils[hi], year),
        }];
        bodies.extend(guests.iter().map(|&(gi, _)| JointBody {
            name: body_name(&councils[gi].council),
            members: members(&councils[gi], year),
        }));
        councils[hi].joint.insert((year, number), bodies.clone());
        for (gi, n) in guests {
            councils[gi].joint.insert((year, n), bodies.clone());
        }
    }
}
