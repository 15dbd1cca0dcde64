//! Checks of one fiscal year's files: goals (numbering, 【再掲】, defined terms, 【再掲】 rows
//! left pointing at a goal's number of the year before), meetings (order, dates, goals) and
//! members. The evaluation's checks are in `evaluation`, a meeting's record in `record`.

use super::*;
use crate::model::Day;
use crate::text::dates;

pub(super) fn check_goals(council: &Council, fy: i32, year: &YearData, out: &mut Problems) {
    let (Some(set), Some(file)) = (&year.goals, year.files.get("goals")) else {
        return;
    };
    let mut seen = BTreeSet::new();
    let mut components = BTreeSet::new();
    for (ci, c) in set.components.iter().enumerate() {
        if !components.insert(c.number) {
            out.push(
                Problem::error(file, format!("構成要素 {} が２回あります。", c.number))
                    .at_value(&format!("components[{ci}].number")),
            );
        }
    }
    let goals: BTreeMap<GoalNo, &Goal> = goal_iter(set).map(|g| (g.number, g)).collect();
    let mut last: Option<GoalNo> = None;
    let mut component = None;
    for (path, g) in goal_paths(set) {
        // The numbering runs on within a component.
        if component != Some(path.component) {
            component = Some(path.component);
            last = None;
        }
        let c = &set.components[path.component];
        let n = g.number;
        let at = |p: Problem| p.at_value(&format!("{path}.number"));
        let at_repeats = |p: Problem| p.at_value(&format!("{path}.repeats"));
        if !seen.insert(n) {
            out.push(at(Problem::error(
                file,
                format!("目標番号 {n} が２回あります。"),
            )
            .hint("番号を付け直してください。")));
        }
        if n.component != c.number {
            out.push(at(Problem::error(
                file,
                format!(
                    "目標 {n} が構成要素 {} の中にあります。",
                    japanese::fullwidth(&c.number.to_string())
                ),
            )
            .hint(format!(
                "番号を {} にするか、構成要素 {} の中に移してください。",
                GoalNo {
                    component: c.number,
                    seq: n.seq
                },
                japanese::fullwidth(&n.component.to_string())
            ))));
        }
        if let Some(prev) = last
            && prev.component == n.component
            && n.seq != prev.seq + 1
            && n.seq > prev.seq
        {
            out.push(at(Problem::warning(
                file,
                format!("目標番号が {prev} の次に {n} となっていて、間が抜けています。"),
            )
            .hint(
                "番号を詰めてください（番号を変えたら評価や日程の番号も直します）。",
            )));
        }
        last = Some(n);
        // A goal without its text is something not written yet: the report that prints it
        // says so (`documents`), as a warning while it is a draft.
        if let Some(r) = g.repeats {
            match goals.get(&r) {
                None => out.push(at_repeats(
                    Problem::error(
                        file,
                        format!(
                            "目標 {n} は {r} の再掲ですが、{} に目標 {r} がありません。",
                            fy_name(fy)
                        ),
                    )
                    .hint("repeats: には同じ年度の目標番号を書いてください。"),
                )),
                Some(o) if o.repeats.is_some() => out.push(at_repeats(
                    Problem::error(file, format!("目標 {n} の再掲元 {r} も再掲です。"))
                        .hint("再掲元には本文のある目標を指定してください。"),
                )),
                Some(origin) => {
                    if r < n {
                        check_relisted_terms(council, (file, path), n, origin, out);
                    }
                }
            }
            if g.activity.is_some() || g.target.is_some() {
                let written = if g.activity.is_some() {
                    "activity"
                } else {
                    "target"
                };
                out.push(Problem::error(
                    file,
                    format!("目標 {n} は {r} の再掲なのに、活動目標や目標値が書かれています。"),
                )
                .at_value(&format!("{path}.{written}"))
                .hint("再掲の目標には number と repeats だけを書きます（本文は再掲元から引き継がれます）。"));
            }
        }
    }
}

/// A 【再掲】 row of year `fy + 1` that kept its `repeats:` number while the goal it re-listed
/// in year `fy` moved to another number (the slip of re-listing 「３－５」 after 「３－５」
/// became 「３－４」): a warning, since re-listing another goal may be meant.
pub(super) fn check_repeats_across_years(c: &CouncilData, fy: i32, out: &mut Problems) {
    let (Some(old), Some(next)) = (
        c.years.get(&fy).and_then(|y| y.goals.as_ref()),
        c.years.get(&(fy + 1)),
    ) else {
        return;
    };
    let (Some(new), Some(file)) = (&next.goals, next.files.get("goals")) else {
        return;
    };
    let changes = crate::view::goal_changes::compare(old, new);
    // A row of year `fy` that also restates a text (an error of its own) does not say
    // which goal it meant to re-list.
    let restated = |g: &Goal| g.activity.is_some() || g.target.is_some();
    // Where each row of year `fy + 1` is written.
    let paths: std::collections::HashMap<*const Goal, crate::model::council::GoalPath> =
        goal_paths(new)
            .map(|(path, g)| (g as *const Goal, path))
            .collect();
    // A row whose number is no goal of the year at all has its own error already.
    let numbers: BTreeSet<GoalNo> = goal_iter(new).map(|g| g.number).collect();
    let exists = |n: GoalNo| numbers.contains(&n);
    for (was, row, now) in changes
        .stale()
        .filter(|(was, row, _)| !restated(was) && row.repeats.is_some_and(exists))
    {
        let (n, r) = (row.number, row.repeats.unwrap_or(row.number));
        let at = paths
            .get(&(row as *const Goal))
            .map(|p| format!("{p}.repeats"))
            .unwrap_or_default();
        out.push(
            Problem::warning(
                file,
                format!(
                    "目標 {n} は {r} の再掲ですが、{}に {} で再掲していた目標（{}）は、{}には {now} です（{r} は「{}」）。",
                    fy_name(fy),
                    was.number,
                    changes.gist(was, false),
                    fy_name(fy + 1),
                    changes.gist(row, true),
                ),
            )
            .at_value(&at)
            .hint(format!(
                "同じ目標を再掲するなら repeats: {} に直してください（別の目標を再掲するつもりなら、そのままで構いません）。",
                japanese::ascii_numbers(&now.to_string())
            )),
        );
    }
}

/// A 【再掲】 row uses the terms its goal defined (see `Council::terms`); a definition the
/// council does not list would be printed a second time.
pub(super) fn check_relisted_terms(
    council: &Council,
    (file, path): (&Path, crate::model::council::GoalPath),
    n: GoalNo,
    origin: &Goal,
    out: &mut Problems,
) {
    let r = origin.number;
    let texts = [&origin.activity, &origin.target];
    for text in texts.into_iter().flatten() {
        for short in japanese::defined_terms(text) {
            let problem = match council.terms.get(short) {
                None => Problem::warning(
                    file,
                    format!("再掲の目標 {n} に、{r} の「（以下「{short}」という。）」がもう一度載ります。"),
                )
                .hint(format!(
                    "council.yaml の terms: に「{short}: 」と、目標 {r} の文で「（以下」の前にある語句を書くと、再掲の行は「{short}」とだけ書きます。"
                )),
                Some(long) if !text.contains(&japanese::definition(short, long)) => Problem::warning(
                    file,
                    format!("council.yaml の terms の「{short}」の語句が、目標 {r} の「（以下「{short}」という。）」の前の語句と一致しません。"),
                )
                .hint("目標の文の「（以下」の前の語句を、そのまま terms に写してください。"),
                Some(_) => continue,
            };
            out.push(problem.at_value(&format!("{path}.repeats")));
        }
    }
}

/// A lecturer is someone: a name or an affiliation (a group without names: an affiliation, a
/// post and a count). Otherwise the row would print an empty 講師 line.
fn check_lecturers(
    file: &std::path::Path,
    at: &str,
    one: Option<&crate::model::Lecturer>,
    more: &[crate::model::Lecturer],
    out: &mut Problems,
) {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    let paths = one
        .map(|l| (format!("{at}.lecturer"), l))
        .into_iter()
        .chain(
            more.iter()
                .enumerate()
                .map(|(j, l)| (format!("{at}.lecturers[{j}]"), l)),
        );
    for (path, l) in paths {
        if blank(&l.name) && blank(&l.affiliation) {
            out.push(
                Problem::error(file, "講師の名前（name）も所属（affiliation）もありません。")
                    .at_value(&path)
                    .field(path)
                    .hint("name: に名前を書いてください。名前を載せない何人か（職員２名など）は、affiliation: に所属、post: に職名、count: に人数を書きます。"),
            );
        }
    }
}

pub(super) fn check_meetings(c: &CouncilData, fy: i32, year: &YearData, out: &mut Problems) {
    let Some(file) = year.files.get("meetings") else {
        return;
    };
    for (i, m) in year.meetings.meetings.iter().enumerate() {
        check_lecturers(
            file,
            &format!("meetings[{i}]"),
            m.lecturer.as_ref(),
            &m.lecturers,
            out,
        );
    }
    check_meeting_dates(year, file, out);
    for (i, a) in year.meetings.activities.iter().enumerate() {
        check_lecturers(
            file,
            &format!("activities[{i}]"),
            a.lecturer.as_ref(),
            &a.lecturers,
            out,
        );
        if let Some(p) = &a.participants
            && let Some(total) = p.total
            && !p.breakdown.is_empty()
        {
            let sum: u64 = p.breakdown.iter().map(|g| u64::from(g.count)).sum();
            if sum != u64::from(total) {
                out.push(
                    Problem::error(
                        file,
                        format!(
                            "「{}」の参加者の合計（{total}名）と内訳の合計（{sum}名）が合いません。",
                            a.name
                        ),
                    )
                    .at_value(&format!("activities[{i}].participants.total"))
                    .field(format!("activities[{i}].participants"))
                    .hint("合計か内訳を直してください（合計を書かなければ内訳の合計が印刷されます）。"),
                );
            }
        }
        if let Some(d) = a.date
            && dates::fiscal_year_of(d.0) != fy
        {
            out.push(
                Problem::error(
                    file,
                    format!("「{}」の日付 {d} が{}の外です。", a.name, fy_name(fy)),
                )
                .field(format!("activities[{i}].date")),
            );
        }
    }
    // Without that year's goals, the goals each meeting serves cannot be checked (the
    // documents that need them say so).
    let check_goals = year.goals.is_some();
    let goals: BTreeSet<GoalNo> = year
        .goals
        .iter()
        .flat_map(goal_iter)
        .map(|g| g.number)
        .collect();
    // Each series (the council's own meetings, and each `series:` counted apart) numbered in
    // the order written, and in the order of its dates. A council may start writing mid-year
    // (a 第２回 without a 第１回): the numbers run on from the first one written.
    let mut expected: BTreeMap<Option<&str>, u32> = BTreeMap::new();
    for (i, m) in year.meetings.meetings.iter().enumerate() {
        let field = |f: &str| format!("meetings[{i}].{f}");
        let series = m.series.as_deref();
        let want = *expected.entry(series).or_insert(m.number.max(1));
        if m.number != want {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "会議の回数が順番になっていません（{}のところに{}があります）。",
                        crate::model::council::called(series, want),
                        crate::model::council::called(series, m.number)
                    ),
                )
                .field(field("number"))
                .hint(match series {
                    Some(s) => format!("{s}は第１回から順に、重複なく書いてください。"),
                    None => "会議は第１回から順に、重複なく書いてください。".into(),
                }),
            );
        }
        expected.insert(series, m.number.saturating_add(1));
        if let Some(d) = m.date
            && dates::fiscal_year_of(d.0) != fy
        {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "{}の日付 {} が{}（{}-04-01～{}-03-31）の外です。",
                        crate::model::council::called(m.series.as_deref(), m.number),
                        d,
                        fy_name(fy),
                        fy,
                        fy + 1
                    ),
                )
                .field(field("date")),
            );
        }
        if let (Some(d), Some(u)) = (m.date, m.until)
            && u < d
        {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "{}の期間の終わり（until: {u}）が始まり（date: {d}）より前です。",
                        crate::model::council::called(m.series.as_deref(), m.number)
                    ),
                )
                .field(field("until")),
            );
        }
        if let (Some(s), Some(e)) = (m.start, m.end)
            && e <= s
        {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "{}の終了時刻 {e} が開始時刻 {s} より前です。",
                        crate::model::council::called(m.series.as_deref(), m.number)
                    ),
                )
                .field(field("end")),
            );
        }
        super::record::check_meeting_record(c, fy, year, i, m, file, out);
        for (j, g) in m.goals.iter().enumerate().filter(|_| check_goals) {
            if !goals.contains(g) {
                out.push(
                    Problem::error(
                        file,
                        format!(
                            "{}が対応する目標 {g} は、{}の目標にありません。",
                            crate::model::council::called(m.series.as_deref(), m.number),
                            fy_name(fy)
                        ),
                    )
                    .at_value(&field(&format!("goals[{j}]")))
                    .field(field("goals"))
                    .hint(format!(
                        "{}/{fy}/goals.yaml の目標番号を確かめてください。",
                        c.slug
                    )),
                );
            }
        }
    }
}

/// Each series' meetings held in the order of their numbers: a meeting dated before one with
/// a smaller number (第３回 on 7/1 after 第２回 on 9/19) is reported at its date, or at its
/// number when its date is the record keeper's (a joint meeting).
pub(super) fn check_meeting_dates(year: &YearData, file: &Path, out: &mut Problems) {
    let mut series: BTreeMap<Option<&str>, Vec<(u32, Day, usize)>> = BTreeMap::new();
    for (i, m) in year.meetings.meetings.iter().enumerate() {
        if let Some(d) = m.date {
            let list = series.entry(m.series.as_deref()).or_default();
            list.push((m.number, d, i));
        }
    }
    for (s, mut list) in series {
        list.sort_by_key(|(n, _, i)| (*n, *i));
        let mut latest: Option<(u32, Day)> = None;
        for (n, d, i) in list {
            match latest {
                Some((before, when)) if d < when && before != n => {
                    let m = &year.meetings.meetings[i];
                    let joint = m.joint.as_ref().is_some_and(|j| j.held_by.is_some());
                    out.push(
                        Problem::error(
                            file,
                            format!(
                                "{}の日付（{d}）が、{}の日付（{when}）より前です。回の番号が開いた順になっていません。",
                                crate::model::council::called(s, n),
                                crate::model::council::called(s, before),
                            ),
                        )
                        .field(format!(
                            "meetings[{i}].{}",
                            if joint { "number" } else { "date" }
                        ))
                        .hint(match s {
                            Some(_) => "日付か回の番号（number）を確かめてください。".to_string(),
                            None => "日付か回の番号（number）を確かめてください。合同部会のように別に数える会議には、series: に その呼び方を書きます。".to_string(),
                        }),
                    );
                }
                Some((_, when)) if d < when => {}
                _ => latest = Some((n, d)),
            }
        }
    }
}

pub(super) fn check_members(c: &CouncilData, year: &YearData, out: &mut Problems) {
    let (Some(list), Some(file)) = (&year.members, year.files.get("members")) else {
        return;
    };
    for (i, m) in list.members.iter().enumerate() {
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        if blank(&m.name) && blank(&m.organization) {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "{}人目の委員に、氏名（name）も所属（organization）もありません。",
                        japanese::fullwidth(&(i + 1).to_string())
                    ),
                )
                .field(format!("members[{i}]"))
                .hint("name: か organization: の少なくとも一方を書いてください。"),
            );
        }
        if let Some(role) = &m.role
            && !c.council.roles.contains(role)
        {
            out.push(
                Problem::error(
                    file,
                    format!("役職「{role}」は council.yaml の roles にありません。"),
                )
                .field(format!("members[{i}].role"))
                .hint(format!(
                    "使える役職: {}（council.yaml の roles に加えることもできます）",
                    c.council.roles.join(" / "),
                )),
            );
        }
    }
}
