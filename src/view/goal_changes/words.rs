//! The changes in Japanese, as staff read them: 「３－５ → ３－４: 番号が変わりました（…）」.

use std::collections::BTreeMap;

use super::{Change, GoalChanges, normalise};
use crate::model::council::goal_iter;
use crate::model::{Goal, GoalNo, GoalSet};
use crate::text::dates;
use crate::text::japanese;

/// Characters of a goal's text quoted to name it.
const GIST: usize = 30;

/// The opening phrases (up to the first 「、」) of at least a quarter of the goals, and of
/// three at least.
pub(super) fn leads(old: &GoalSet, new: &GoalSet) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let activities: Vec<&str> = goal_iter(old)
        .chain(goal_iter(new))
        .filter_map(|g| g.activity.as_deref())
        .collect();
    for a in &activities {
        if let Some((lead, _)) = a.trim().split_once('、') {
            *counts.entry(lead).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= 3 && n * 4 >= activities.len())
        .map(|(lead, _)| format!("{lead}、"))
        .collect()
}

impl<'a> GoalChanges<'a> {
    /// A few words naming goal `g` of a year (`new` or not): its label, or the start of its
    /// activity; for a 【再掲】 row, those of the goal it re-lists.
    pub(crate) fn gist(&self, g: &Goal, new: bool) -> String {
        let set = if new { &self.new } else { &self.old };
        let origin = g.repeats.and_then(|r| set.get(&r)).copied().unwrap_or(g);
        if let Some(label) = &origin.label {
            return label.clone();
        }
        let mut text = origin.activity.as_deref().unwrap_or_default().trim();
        for lead in &self.leads {
            text = text.strip_prefix(lead.as_str()).unwrap_or(text);
        }
        match text.char_indices().nth(GIST) {
            Some((at, _)) => format!("{}…", &text[..at]),
            None => text.to_string(),
        }
    }

    /// The list for staff, one change a paragraph; `year` is year N (western).
    pub(crate) fn render(&self, year: i32) -> String {
        let fy = |y: i32| dates::fiscal_year(y).unwrap_or_else(|_| format!("{y}年度"));
        let (was, now) = (fy(year), fy(year + 1));
        let mut out = Vec::new();
        for c in &self.changes {
            out.push(self.describe(c, &was, &now));
        }
        out.join("\n")
    }

    /// One change in Japanese (the first line says what, the others show text or what to do).
    pub(crate) fn describe(&self, c: &Change, was: &str, now: &str) -> String {
        let old_gist = |g: &Goal| self.gist(g, false);
        let new_gist = |g: &Goal| self.gist(g, true);
        let row = |n: GoalNo| format!("{n}【再掲】");
        match *c {
            Change::ComponentRenumbered {
                from,
                to,
                name,
                seqs: (first, last),
            } => {
                let no = |component, seq| GoalNo { component, seq };
                format!(
                    "構成要素 {} → {}（{name}）: 構成要素の番号が変わりました（目標 {}～{} → {}～{}）",
                    number(from),
                    number(to),
                    no(from, first),
                    no(from, last),
                    no(to, first),
                    no(to, last)
                )
            }
            Change::Added(g) => format!("{}: 新しい目標です（{}）", g.number, new_gist(g)),
            Change::Removed(g) => {
                format!(
                    "{}: {was}の目標がなくなりました（{}）",
                    g.number,
                    old_gist(g)
                )
            }
            Change::Renumbered { old, new } => format!(
                "{} → {}: 番号が変わりました（{}）",
                old.number,
                new.number,
                new_gist(new)
            ),
            Change::Reworded { old, new } => {
                let head = if old.number == new.number {
                    format!("{}: 文が変わりました", new.number)
                } else {
                    format!("{} → {}: 番号と文が変わりました", old.number, new.number)
                };
                let mut lines = vec![head];
                for (what, a, b) in [
                    ("活動目標", &old.activity, &new.activity),
                    ("目標値", &old.target, &new.target),
                ] {
                    let (a, b) = (a.as_deref().unwrap_or(""), b.as_deref().unwrap_or(""));
                    if normalise(a) != normalise(b) {
                        lines.push(format!("    {what}（{was}）: {a}"));
                        lines.push(format!("    {what}（{now}）: {b}"));
                    }
                }
                lines.join("\n")
            }
            Change::RepeatAdded(g) => format!(
                "{}: 再掲の行が加わりました（{} の再掲: {}）",
                row(g.number),
                repeats(g),
                new_gist(g)
            ),
            Change::RepeatRemoved(g) => format!(
                "{}: {was}の再掲の行がなくなりました（{} の再掲: {}）",
                row(g.number),
                repeats(g),
                old_gist(g)
            ),
            Change::RepeatFollowed { old, new } => {
                let what = match (old.number == new.number, old.repeats == new.repeats) {
                    (true, _) => format!(
                        "{}: 再掲元の番号が {} → {} に変わりました",
                        row(new.number),
                        repeats(old),
                        repeats(new)
                    ),
                    (false, true) => {
                        format!("{} → {}: 番号が変わりました", old.number, row(new.number))
                    }
                    (false, false) => format!(
                        "{} → {}: 番号と再掲元の番号（{} → {}）が変わりました",
                        old.number,
                        row(new.number),
                        repeats(old),
                        repeats(new)
                    ),
                };
                format!("{what}（同じ目標: {}）", new_gist(new))
            }
            Change::RepeatRetargeted { old, new } => format!(
                "{}: 再掲する目標が変わりました（{was}: {} {}、{now}: {} {}）",
                row(new.number),
                repeats(old),
                old_gist(old),
                repeats(new),
                new_gist(new)
            ),
            Change::RepeatStale {
                old,
                new,
                now: moved,
            } => {
                let target = new_gist(new);
                let there = if target.is_empty() {
                    format!("{now}に {} はありません", repeats(new))
                } else {
                    format!("{now}の {} は別の目標です（{target}）", repeats(new))
                };
                format!(
                    "{}: {} の再掲のままですが、{there}。{was}に再掲していた目標（{}）は、{now}には {moved} です。\n    → 同じ目標を再掲するなら repeats: {} に直してください。",
                    row(new.number),
                    repeats(new),
                    old_gist(old),
                    japanese::ascii_numbers(&moved.to_string())
                )
            }
        }
    }
}

fn number(n: u32) -> String {
    japanese::fullwidth(&n.to_string())
}

pub(super) fn repeats(g: &Goal) -> String {
    g.repeats.map(|r| r.to_string()).unwrap_or_default()
}
