//! Generated content: the sample council copied and scaled to more meetings and goals.

use super::*;

/// Copies a directory tree.
pub(super) fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from).with_context(|| from.display().to_string())? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Replicates, in the council folder `dir`, the 2024 meetings `k` times (renumbered, dates
/// spread over fiscal 2024) and the components, issues and goals of every year `k` times
/// (copy `r` moves component `c` to `c + r × components`, re-listed goals follow their
/// originals), and gives every 2024 primary goal its original's evaluation result.
pub(super) fn scale_council(dir: &Path, k: usize) -> Result<()> {
    let year_dir = dir.join(YEAR.to_string());
    let meetings: MeetingList = read(&year_dir.join("meetings.yaml"))?;
    write(
        &year_dir.join("meetings.yaml"),
        &scale_meetings(meetings, k)?,
    )?;

    // Every year's goals; the evaluated year's are kept for its evaluation.
    let mut evaluated = None;
    for entry in std::fs::read_dir(dir)? {
        let goals_file = entry?.path().join("goals.yaml");
        if goals_file.is_file() {
            let set: GoalSet = read(&goals_file)?;
            let (set, offset) = scale_goals(set, k);
            write(&goals_file, &set)?;
            if goals_file.starts_with(&year_dir) {
                evaluated = Some((set, offset));
            }
        }
    }

    let (goals, offset) = evaluated.ok_or_else(|| anyhow!("no {YEAR}/goals.yaml"))?;
    let eval_file = year_dir.join("evaluation.yaml");
    let original: Evaluation = read(&eval_file)?;
    let council: shiryo::model::Council = read(&dir.join("council.yaml"))?;
    let mut results = BTreeMap::new();
    for (i, goal) in shiryo::model::council::goal_iter(&goals).enumerate() {
        if goal.repeats.is_some() {
            continue;
        }
        let base = GoalNo {
            component: (goal.number.component - 1) % offset + 1,
            seq: goal.number.seq,
        };
        let word = original.results.get(&base).cloned().unwrap_or_else(|| {
            Some(shiryo::model::GoalResult::Word(
                council.evaluation_words[i % council.evaluation_words.len()].clone(),
            ))
        });
        results.insert(goal.number, word);
    }
    write(&eval_file, &Evaluation { results })
}

/// `k` copies of the meetings, numbered 1…, dated evenly over the fiscal year (several a day
/// when there are more than 365).
pub(super) fn scale_meetings(list: MeetingList, k: usize) -> Result<MeetingList> {
    let april = time::Date::from_calendar_date(YEAR, time::Month::April, 1)?;
    let days = 365;
    let total = list.meetings.len() * k;
    let meetings = (0..total)
        .map(|i| {
            let mut m = list.meetings[i % list.meetings.len()].clone();
            m.number = u32::try_from(i + 1)?;
            let offset = i64::try_from(i * days / total)?;
            m.date = Some(Day(april + time::Duration::days(offset)));
            Ok(m)
        })
        .collect::<Result<_>>()?;
    Ok(MeetingList { meetings, ..list })
}

/// `k` copies of a goal set; returns it and the component offset between copies.
pub(super) fn scale_goals(set: GoalSet, k: usize) -> (GoalSet, u32) {
    let offset = set.components.iter().map(|c| c.number).max().unwrap_or(0);
    let shift = |n: GoalNo, r: u32| GoalNo {
        component: n.component + r * offset,
        seq: n.seq,
    };
    let mut components = Vec::new();
    for r in 0..k as u32 {
        for c in &set.components {
            let mut c = c.clone();
            c.number += r * offset;
            for goal in c.issues.iter_mut().flat_map(|i| i.goals.iter_mut()) {
                goal.number = shift(goal.number, r);
                goal.repeats = goal.repeats.map(|n| shift(n, r));
            }
            components.push(c);
        }
    }
    (GoalSet { components }, offset)
}

pub(super) fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path)?;
    shiryo::load::yaml::parse::parse_yaml(&text).map_err(|p| anyhow!("{}: {p}", path.display()))
}

/// Writes `value` as YAML, leaving out empty optional values.
pub(super) fn write(path: &Path, value: &impl serde::Serialize) -> Result<()> {
    pub(super) fn strip_nulls(v: &mut serde_yaml::Value) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                m.retain(|_, v| !v.is_null());
                m.values_mut().for_each(strip_nulls);
            }
            serde_yaml::Value::Sequence(s) => s.iter_mut().for_each(strip_nulls),
            _ => {}
        }
    }
    let mut value = serde_yaml::to_value(value)?;
    strip_nulls(&mut value);
    std::fs::write(path, serde_yaml::to_string(&value)?)?;
    Ok(())
}

/// Meetings and goals in a project root, for the table.
pub(super) fn content_size(root: &Path) -> Result<(usize, usize)> {
    let builder = Builder::new(root).map_err(|p| anyhow!("{p}"))?;
    let (project, _) = builder.load().map_err(|p| anyhow!("{p}"))?;
    let council = &project.councils[0];
    let meetings = council
        .years
        .get(&YEAR)
        .map_or(0, |y| y.meetings.meetings.len());
    let goals = council
        .years
        .values()
        .filter_map(|y| y.goals.as_ref())
        .map(|g| shiryo::model::council::goal_iter(g).count())
        .sum();
    Ok((meetings, goals))
}

// ---------------------------------------------------------------------------------------------
// Measurements.
