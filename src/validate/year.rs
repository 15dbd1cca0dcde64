//! Checks of one fiscal year's files: goals (numbering, 【再掲】, defined terms, 【再掲】 rows
//! left pointing at a goal's number of the year before), meetings (order, dates, records) and
//! members. The evaluation's checks are in `evaluation`.

use super::*;

pub(super) fn check_goals(council: &Council, fy: i32, year: &YearData, out: &mut Problems) {
    let (Some(set), Some(file)) = (&year.goals, year.files.get("goals")) else {
        return;
    };
    let mut seen = BTreeSet::new();
    let mut components = BTreeSet::new();
    for c in &set.components {
        if !components.insert(c.number) {
            out.push(
                Problem::error(file, format!("構成要素 {} が２回あります。", c.number))
                    .at(find_line(file, "number", &c.number.to_string()), None),
            );
        }
    }
    let goals: BTreeMap<GoalNo, &Goal> = goal_iter(set).map(|g| (g.number, g)).collect();
    for c in &set.components {
        let mut last: Option<GoalNo> = None;
        for g in c.issues.iter().flat_map(|i| &i.goals) {
            let n = g.number;
            let at = |p: Problem| p.at(find_goal_line(file, n), None);
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
                    None => out.push(at(Problem::error(
                        file,
                        format!(
                            "目標 {n} は {r} の再掲ですが、{} に目標 {r} がありません。",
                            fy_name(fy)
                        ),
                    )
                    .hint("repeats: には同じ年度の目標番号を書いてください。"))),
                    Some(o) if o.repeats.is_some() => out.push(at(Problem::error(
                        file,
                        format!("目標 {n} の再掲元 {r} も再掲です。"),
                    )
                    .hint("再掲元には本文のある目標を指定してください。"))),
                    Some(origin) => {
                        if r < n {
                            check_relisted_terms(council, file, n, origin, out);
                        }
                    }
                }
                if g.activity.is_some() || g.target.is_some() {
                    out.push(at(Problem::error(
                        file,
                        format!("目標 {n} は {r} の再掲なのに、活動目標や目標値が書かれています。"),
                    )
                    .hint("再掲の目標には number と repeats だけを書きます（本文は再掲元から引き継がれます）。")));
                }
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
    let changes = crate::goal_changes::compare(old, new);
    // A row of year `fy` that also restates a text (an error of its own) does not say
    // which goal it meant to re-list.
    let restated = |g: &Goal| g.activity.is_some() || g.target.is_some();
    // A row whose number is no goal of the year at all has its own error already.
    let exists = |n: GoalNo| goal_iter(new).any(|g| g.number == n);
    for (was, row, now) in changes
        .stale()
        .filter(|(was, row, _)| !restated(was) && row.repeats.is_some_and(exists))
    {
        let (n, r) = (row.number, row.repeats.unwrap_or(row.number));
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
            .at(find_goal_line(file, n), None)
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
    file: &Path,
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
            out.push(problem.at(find_goal_line(file, n), None));
        }
    }
}

pub(super) fn check_meetings(c: &CouncilData, fy: i32, year: &YearData, out: &mut Problems) {
    let Some(file) = year.files.get("meetings") else {
        return;
    };
    for (i, a) in year.meetings.activities.iter().enumerate() {
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
                    .at(find_line(file, "total", &total.to_string()), None)
                    .field(format!("activities[{i}].participants"))
                    .hint("合計か内訳を直してください（合計を書かなければ内訳の合計が印刷されます）。"),
                );
            }
        }
        if let Some(d) = a.date
            && japanese::fiscal_year_of(d.0) != fy
        {
            out.push(
                Problem::error(
                    file,
                    format!("「{}」の日付 {d} が{}の外です。", a.name, fy_name(fy)),
                )
                .at(find_line(file, "date", &d.to_string()), None)
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
    // A council may start writing mid-year (a 第２回 without a 第１回): the numbers run on
    // from the first one written.
    let mut expected = year
        .meetings
        .meetings
        .first()
        .map_or(1, |m| m.number.max(1));
    for (i, m) in year.meetings.meetings.iter().enumerate() {
        let field = |f: &str| format!("meetings[{i}].{f}");
        let line = || find_line(file, "number", &m.number.to_string());
        if m.number != expected {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "会議の回数が順番になっていません（第{}回のところに第{}回があります）。",
                        japanese::fullwidth(&expected.to_string()),
                        japanese::fullwidth(&m.number.to_string())
                    ),
                )
                .at(line(), None)
                .field(field("number"))
                .hint("会議は第１回から順に、重複なく書いてください。"),
            );
        }
        expected = m.number.saturating_add(1);
        if let Some(d) = m.date
            && japanese::fiscal_year_of(d.0) != fy
        {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "第{}回の日付 {} が{}（{}-04-01～{}-03-31）の外です。",
                        japanese::fullwidth(&m.number.to_string()),
                        d,
                        fy_name(fy),
                        fy,
                        fy + 1
                    ),
                )
                .at(find_line(file, "date", &d.to_string()), None)
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
                        "第{}回の期間の終わり（until: {u}）が始まり（date: {d}）より前です。",
                        japanese::fullwidth(&m.number.to_string())
                    ),
                )
                .at(find_line(file, "until", &u.to_string()), None)
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
                        "第{}回の終了時刻 {e} が開始時刻 {s} より前です。",
                        japanese::fullwidth(&m.number.to_string())
                    ),
                )
                .at(find_line(file, "end", &e.to_string()), None)
                .field(field("end")),
            );
        }
        check_meeting_record(c, fy, year, i, m, file, out);
        for g in m.goals.iter().filter(|_| check_goals) {
            if !goals.contains(g) {
                out.push(
                    Problem::error(
                        file,
                        format!(
                            "第{}回が対応する目標 {g} は、{}の目標にありません。",
                            japanese::fullwidth(&m.number.to_string()),
                            fy_name(fy)
                        ),
                    )
                    .at(line(), None)
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
    let n = japanese::fullwidth(&m.number.to_string());
    // A joint meeting's attendance is every body's members.
    let members: Vec<&crate::model::Member> = match c.joint.get(&(fy, m.number)) {
        Some(bodies) => bodies.iter().flat_map(|b| &b.members).collect(),
        None => year.members.iter().flat_map(|l| &l.members).collect(),
    };
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
    for (key, a, what, did) in lists
        .iter()
        .flat_map(|(k, l, w, d)| l.iter().map(move |a| (*k, a, *w, *d)))
    {
        // Each member of that name, by place in the list (and organization when written).
        let same: Vec<String> = members
            .iter()
            .enumerate()
            .filter(|(_, mb)| mb.name.as_deref() == Some(a.as_str()))
            .map(|(k, mb)| match mb.organization.as_deref() {
                Some(o) => format!("{} 人目・{o}の{a}", k + 1),
                None => format!("{} 人目の{a}", k + 1),
            })
            .collect();
        if same.len() > 1 {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "第{n}回の{what}「{a}」に当たる委員が{}人います（名簿の {}）。どの委員が{did}か決められません。",
                        japanese::fullwidth(&same.len().to_string()),
                        same.join("、")
                    ),
                )
                .at(absent_line(file, m.number, key, a), None)
                .field(format!("meetings[{i}].{key}"))
                .hint(format!("members.yaml の name を「渡部 太郎」のように名字と名前で書き分け、{key} にも同じ書き方で書いてください（会議録にもその名前で載ります）。")),
            );
        } else if !names.contains(&a.as_str()) {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "第{n}回の{what}「{a}」は{}の委員（members.yaml）にいません。",
                        fy_name(fy)
                    ),
                )
                .at(absent_line(file, m.number, key, a), None)
                .field(format!("meetings[{i}].{key}"))
                .hint("members.yaml の name と同じ書き方にしてください。"),
            );
        }
    }
    for a in m.online.iter().filter(|a| m.absent.contains(a)) {
        out.push(
            Problem::error(
                file,
                format!("第{n}回の「{a}」が、欠席者（absent）とオンラインの出席者（online）の両方にあります。"),
            )
            .at(absent_line(file, m.number, "online", a), None)
            .field(format!("meetings[{i}].online"))
            .hint("どちらか一方にしてください。"),
        );
    }
    if c.council.minutes.is_none() {
        let item_transcript = {
            fn any(items: &[crate::model::AgendaItem]) -> bool {
                items
                    .iter()
                    .any(|it| !it.transcript.is_empty() || any(&it.items))
            }
            any(&m.agenda)
        };
        for (key, written) in [
            ("online", !m.online.is_empty()),
            ("agenda の transcript", item_transcript),
        ] {
            if written {
                out.push(
                    Problem::warning(
                        file,
                        format!("第{n}回の {key} は、会議録の様式（council.yaml の minutes:）を書いた協議会の会議録にだけ印刷されます。"),
                    )
                    .at(find_line(file, "number", &m.number.to_string()), None)
                    .field(format!("meetings[{i}]"))
                    .hint("council.yaml に minutes: を書くと印刷されます。"),
                );
            }
        }
    }
    if let Some(p) = &m.public
        && !p.allowed
        && p.reason.as_deref().is_none_or(|r| r.trim().is_empty())
    {
        out.push(
            Problem::warning(
                file,
                format!("第{n}回は傍聴不可ですが、理由（reason）が書かれていません。"),
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
                Problem::error(file, format!("第{n}回の会議結果の１項目に、書き方が{}。", if kinds == 0 { "ありません" } else { "２つ以上あります" }))
                    .field(field)
                    .hint("１項目には bullet、note、question（と answer）、next_meeting: true のどれか１つを書きます。"),
            );
        } else if e.next_meeting
            && crate::view::find_meeting(c, fy, m.number.saturating_add(1)).is_none()
            && crate::view::find_meeting(c, fy + 1, 1).is_none()
        {
            out.push(
                Problem::error(file, format!("第{n}回の記録に次回の開催日がありますが、次の会議が meetings.yaml にありません。"))
                    .field(field)
                    .hint(format!("第{}回の会議（date と start）を書いてください。", japanese::fullwidth(&m.number.saturating_add(1).to_string()))),
            );
        }
    }
}

/// The line of a YAML list item `- value` (in the text read once, through `files`).
/// The line naming `name` in meeting `number`'s list `key` (absent, online): `absent: 渡部`, an
/// item of the list under `absent:`, or inside `absent: [渡部, 藤原]`; looked for from the
/// meeting's own line.
fn absent_line(path: &Path, number: u32, key: &str, name: &str) -> Option<usize> {
    let prefix = format!("{key}:");
    let text = crate::files::text_read(path)?;
    let start = find_line(path, "number", &number.to_string()).unwrap_or(1);
    let mut in_absent = false;
    for (i, line) in text.lines().enumerate().skip(start - 1) {
        let body = line.trim_start().trim_start_matches("- ").trim_start();
        if let Some(value) = body.strip_prefix(prefix.as_str()) {
            if value.contains(name) {
                return Some(i + 1);
            }
            in_absent = value.trim().is_empty();
        } else if in_absent && line.trim_start().starts_with("- ") {
            if body.trim().trim_matches(['"', '\'']) == name {
                return Some(i + 1);
            }
        } else if in_absent {
            in_absent = false;
        }
    }
    find_list_item(path, name)
}

pub(super) fn find_list_item(path: &Path, value: &str) -> Option<usize> {
    let text = crate::files::text_read(path)?;
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix("- ")
                .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == value)
        })
        .map(|i| i + 1)
}

pub(super) fn check_members(c: &CouncilData, year: &YearData, out: &mut Problems) {
    let (Some(list), Some(file)) = (&year.members, year.files.get("members")) else {
        return;
    };
    for (i, m) in list.members.iter().enumerate() {
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        if blank(&m.name) && blank(&m.organization) {
            let line = m.role.as_deref().and_then(|r| find_line(file, "role", r));
            out.push(
                Problem::error(
                    file,
                    format!(
                        "{} 人目の委員に、氏名（name）も所属（organization）もありません。",
                        i + 1
                    ),
                )
                .at(line, None)
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
                .at(find_line(file, "role", role), None)
                .field(format!("members[{i}].role"))
                .hint(format!(
                    "使える役職: {}（council.yaml の roles に加えることもできます）",
                    c.council.roles.join(" / "),
                )),
            );
        }
    }
}
