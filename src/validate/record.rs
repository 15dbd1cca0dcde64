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
                .at_value(&at)
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
                format!("第{n}回の「{a}」が、欠席者（absent）とオンラインの出席者（online）の両方にあります。"),
            )
            .at_value(&format!("meetings[{i}].online[{j}]"))
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
