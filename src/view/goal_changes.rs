//! What changed in a council's goals from one fiscal year to the next (year N → N+1): goals
//! added, removed, renumbered and reworded, and 【再掲】 rows whose goal moved. Councils are
//! asked why their goals changed; staff read this list (`shiryo changes`), and `check` warns
//! about the one change that is usually a slip: a 【再掲】 row still pointing at the old
//! number of a goal that moved.
//!
//! How goals are matched across the two years (each goal at most once):
//! 1. Same text: activity and target equal once normalised (`normalise`: full-width letters,
//!    digits and signs folded to half-width, all whitespace ignored). Among equal texts the
//!    same number is preferred, then the order of the file.
//! 2. Same number, similar text (`SAME_NUMBER`): the goal reworded.
//! 3. Same place, less similar text (`SAME_PLACE`): a goal standing between the same matched
//!    goals in both years (「３－５ と ３－７ の間」 → 「３－４ と ３－６ の間」) is the goal
//!    reworded, and renumbered when its neighbours were.
//! 4. Anywhere, very similar text (`ANYWHERE`): the goal moved and reworded.
//!
//! In 2. to 4. the most similar pairs are taken first. Anything left is added or removed.
//! Similarity is a Sørensen–Dice coefficient of character bigrams, each weighted by how few
//! goals of the two years use it, so that the drafting all goals share counts for little.
//!
//! A 【再掲】 row has no text of its own: it is the goal it re-lists, under its own number.
//! Rows of the two years are paired by number when they re-list the same goal (matched as
//! above) or keep the same `repeats:` number; then, under other numbers, when they re-list the
//! same goal. A row that keeps its `repeats:` number while the goal it re-listed in year N now
//! lives under another number is `Change::RepeatStale`.
//!
//! A component whose goals all moved, keeping their order, to one other component number is
//! reported once (`Change::ComponentRenumbered`) instead of goal by goal.

use std::collections::{BTreeMap, HashMap};

use crate::model::council::goal_iter;
use crate::model::{Goal, GoalNo, GoalSet};

/// Similarity (`Weights::similarity`) from which two goals under the same number are one goal
/// reworded.
const SAME_NUMBER: f64 = 0.45;
/// … from which two goals in the same place (between the same goals) are one goal reworded.
const SAME_PLACE: f64 = 0.35;
/// … from which two goals anywhere are one goal reworded. Goals drafted alike (「協議の場に
/// おいて、Ｘとの協働により…課題を共有している」) reach 0.75 though they are different goals.
const ANYWHERE: f64 = 0.8;

/// One change from year N (`old`) to year N+1 (`new`). Goals are those of the goal files.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Change<'a> {
    /// Every goal of component `from` (numbered `seqs.0` to `seqs.1`) is now under `to`, each
    /// with its number in the component.
    ComponentRenumbered {
        from: u32,
        to: u32,
        name: &'a str,
        seqs: (u32, u32),
    },
    /// A goal of year N+1 with no counterpart in year N.
    Added(&'a Goal),
    /// A goal of year N with no counterpart in year N+1.
    Removed(&'a Goal),
    /// The same text under another number.
    Renumbered { old: &'a Goal, new: &'a Goal },
    /// The same goal with changed text (its number may have changed too).
    Reworded { old: &'a Goal, new: &'a Goal },
    /// A 【再掲】 row of year N+1 with no counterpart in year N.
    RepeatAdded(&'a Goal),
    /// A 【再掲】 row of year N with no counterpart in year N+1.
    RepeatRemoved(&'a Goal),
    /// The row re-lists the same goal, under a changed row number or `repeats:` number.
    RepeatFollowed { old: &'a Goal, new: &'a Goal },
    /// The row (same number) now re-lists another goal, the old one being gone or re-listed
    /// elsewhere.
    RepeatRetargeted { old: &'a Goal, new: &'a Goal },
    /// The row kept its `repeats:` number, but that number is now another goal; the goal it
    /// re-listed in year N is `now` in year N+1.
    RepeatStale {
        old: &'a Goal,
        new: &'a Goal,
        now: GoalNo,
    },
}

/// The changes between two consecutive goal sets, with both sets to look goals up in.
#[derive(Debug)]
pub(crate) struct GoalChanges<'a> {
    old: BTreeMap<GoalNo, &'a Goal>,
    new: BTreeMap<GoalNo, &'a Goal>,
    /// Opening phrases many goals share (「協議の場において、」), left out when naming a goal.
    leads: Vec<String>,
    /// In the order of year N+1's numbers (a removed goal where it stood in year N).
    pub changes: Vec<Change<'a>>,
}

/// Compares the goals of year N (`old`) with those of year N+1 (`new`).
pub(crate) fn compare<'a>(old: &'a GoalSet, new: &'a GoalSet) -> GoalChanges<'a> {
    let (old_rows, old_text): (Vec<&Goal>, Vec<&Goal>) =
        goal_iter(old).partition(|g| g.repeats.is_some());
    let (new_rows, new_text): (Vec<&Goal>, Vec<&Goal>) =
        goal_iter(new).partition(|g| g.repeats.is_some());
    let pairs = match_goals(&old_text, &new_text);
    let moved: BTreeMap<GoalNo, GoalNo> = pairs
        .iter()
        .map(|&(o, n)| (old_text[o].number, new_text[n].number))
        .collect();
    let mut changes = Vec::new();
    for &(o, n) in &pairs {
        let (old, new) = (old_text[o], new_text[n]);
        if key(old) != key(new) {
            changes.push(Change::Reworded { old, new });
        } else if old.number != new.number {
            changes.push(Change::Renumbered { old, new });
        }
    }
    let matched_new: Vec<usize> = pairs.iter().map(|p| p.1).collect();
    let matched_old: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    changes.extend(unmatched(&old_text, &matched_old).map(Change::Removed));
    changes.extend(unmatched(&new_text, &matched_new).map(Change::Added));
    changes.extend(compare_rows(&old_rows, &new_rows, &moved));
    let components = renumbered_components(old, new, &moved);
    changes.retain(|c| !explained(c, &components));
    changes.extend(components);
    changes.sort_by_key(|c| (place(c), rank(c)));
    GoalChanges {
        leads: words::leads(old, new),
        old: goal_iter(old).map(|g| (g.number, g)).collect(),
        new: goal_iter(new).map(|g| (g.number, g)).collect(),
        changes,
    }
}

/// Above this many (old, new) pairs, goals are matched by text and number only: comparing
/// every pair's wording grows with the square of the goals (a council has tens; content with
/// thousands must still be checked in seconds).
const MAX_COMPARED_PAIRS: usize = 40_000;

/// Pairs of (index in `old`, index in `new`) of the same goal, by the rule of the module.
fn match_goals(old: &[&Goal], new: &[&Goal]) -> Vec<(usize, usize)> {
    let mut m = Matching {
        old_partner: vec![None; old.len()],
        new_taken: vec![false; new.len()],
        pairs: Vec::new(),
    };
    // 1. The same text, under the same number if there is one.
    let mut by_text: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (o, g) in old.iter().enumerate() {
        by_text.entry(key(g)).or_default().push(o);
    }
    for (n, g) in new.iter().enumerate() {
        let Some(same) = by_text.get(&key(g)) else {
            continue;
        };
        let free = |o: &&usize| m.old_partner[**o].is_none();
        let found = (same.iter().filter(free))
            .find(|&&o| old[o].number == g.number)
            .or_else(|| same.iter().find(free));
        if let Some(&o) = found {
            m.pair(o, n);
        }
    }
    // 2. to 4., best pairs first.
    let (weights, old_grams, new_grams) = Weights::new(old, new);
    let old_by_number: HashMap<GoalNo, usize> =
        old.iter().enumerate().map(|(o, g)| (g.number, o)).collect();
    for (min, pass) in [(SAME_NUMBER, 2), (SAME_PLACE, 3), (ANYWHERE, 4)] {
        if pass > 2 && old.len().saturating_mul(new.len()) > MAX_COMPARED_PAIRS {
            break;
        }
        let place = m.places();
        let candidates_of = |n: usize| -> Vec<usize> {
            match pass {
                2 => old_by_number
                    .get(&new[n].number)
                    .copied()
                    .into_iter()
                    .collect(),
                3 => (0..old.len()).filter(|&o| place.same(o, n)).collect(),
                _ => (0..old.len()).collect(),
            }
        };
        let mut candidates: Vec<(f64, usize, usize)> = (0..new.len())
            .filter(|&n| !m.new_taken[n])
            .flat_map(|n| candidates_of(n).into_iter().map(move |o| (o, n)))
            .filter(|&(o, _)| m.old_partner[o].is_none())
            .map(|(o, n)| (weights.similarity(&old_grams[o], &new_grams[n]), o, n))
            .filter(|c| c.0 >= min)
            .collect();
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (_, o, n) in candidates {
            if m.old_partner[o].is_none() && !m.new_taken[n] {
                m.pair(o, n);
            }
        }
    }
    m.pairs
}

/// The pairs found so far, and which goals they take.
struct Matching {
    old_partner: Vec<Option<usize>>,
    new_taken: Vec<bool>,
    pairs: Vec<(usize, usize)>,
}

/// For each goal, the nearest matched goal before it and after it (by the pairs of the
/// moment): old goals by their partner's index, new goals by their own.
struct Places {
    old_before: Vec<Option<usize>>,
    old_after: Vec<Option<usize>>,
    new_before: Vec<Option<usize>>,
    new_after: Vec<Option<usize>>,
}

impl Matching {
    fn pair(&mut self, o: usize, n: usize) {
        self.old_partner[o] = Some(n);
        self.new_taken[n] = true;
        self.pairs.push((o, n));
    }

    fn places(&self) -> Places {
        let scan = |marks: Vec<Option<usize>>, rev: bool| -> Vec<Option<usize>> {
            let mut out = vec![None; marks.len()];
            let mut last = None;
            let order: Vec<usize> = if rev {
                (0..marks.len()).rev().collect()
            } else {
                (0..marks.len()).collect()
            };
            for i in order {
                out[i] = last;
                if marks[i].is_some() {
                    last = marks[i];
                }
            }
            out
        };
        let new_marks: Vec<Option<usize>> = (self.new_taken.iter().enumerate())
            .map(|(n, &t)| t.then_some(n))
            .collect();
        Places {
            old_before: scan(self.old_partner.clone(), false),
            old_after: scan(self.old_partner.clone(), true),
            new_before: scan(new_marks.clone(), false),
            new_after: scan(new_marks, true),
        }
    }
}

impl Places {
    /// Whether old goal `o` and new goal `n` stand between the same matched goals: the
    /// nearest matched goal before each is one goal, and so is the nearest after each (or
    /// there is none).
    fn same(&self, o: usize, n: usize) -> bool {
        self.old_before[o] == self.new_before[n] && self.old_after[o] == self.new_after[n]
    }
}

/// The 【再掲】 rows' changes; `moved` maps year N's goal numbers to year N+1's.
fn compare_rows<'a>(
    old: &[&'a Goal],
    new: &[&'a Goal],
    moved: &BTreeMap<GoalNo, GoalNo>,
) -> Vec<Change<'a>> {
    let target = |g: &Goal| g.repeats.and_then(|r| moved.get(&r).copied());
    let mut changes = Vec::new();
    let mut old_left: Vec<&Goal> = old.to_vec();
    let mut new_left = Vec::new();
    // Same row number: the same goal, or the same `repeats:` number.
    for &n in new {
        let Some(i) = old_left.iter().position(|o| o.number == n.number) else {
            new_left.push(n);
            continue;
        };
        let o = old_left[i];
        match target(o) {
            t if t == n.repeats => {
                if o.repeats != n.repeats {
                    changes.push(Change::RepeatFollowed { old: o, new: n });
                }
            }
            Some(now) if o.repeats == n.repeats => changes.push(Change::RepeatStale {
                old: o,
                new: n,
                now,
            }),
            _ => {
                new_left.push(n);
                continue;
            }
        }
        old_left.remove(i);
    }
    // Another row number, the same goal.
    let mut retarget = Vec::new();
    for n in new_left {
        match old_left.iter().position(|&o| target(o) == n.repeats) {
            Some(i) => changes.push(Change::RepeatFollowed {
                old: old_left.remove(i),
                new: n,
            }),
            None => retarget.push(n),
        }
    }
    // Left with the same row number: it re-lists another goal now.
    for n in retarget {
        match old_left.iter().position(|o| o.number == n.number) {
            Some(i) => changes.push(Change::RepeatRetargeted {
                old: old_left.remove(i),
                new: n,
            }),
            None => changes.push(Change::RepeatAdded(n)),
        }
    }
    changes.extend(old_left.into_iter().map(Change::RepeatRemoved));
    changes
}

/// Components of year N whose goals all moved, in order, to one other component number.
fn renumbered_components<'a>(
    old: &'a GoalSet,
    new: &'a GoalSet,
    moved: &BTreeMap<GoalNo, GoalNo>,
) -> Vec<Change<'a>> {
    let mut found = Vec::new();
    for c in &old.components {
        let goals: Vec<GoalNo> = c
            .issues
            .iter()
            .flat_map(|i| &i.goals)
            .filter(|g| g.repeats.is_none())
            .map(|g| g.number)
            .collect();
        let to = goals
            .first()
            .and_then(|g| moved.get(g))
            .map(|n| n.component);
        let Some(to) = to.filter(|&to| to != c.number) else {
            continue;
        };
        let all_moved = goals.iter().all(|g| {
            moved.get(g)
                == Some(&GoalNo {
                    component: to,
                    seq: g.seq,
                })
        });
        let name = new.components.iter().find(|n| n.number == to);
        if all_moved && let Some(name) = name {
            found.push(Change::ComponentRenumbered {
                from: c.number,
                to,
                name: &name.name,
                seqs: (goals[0].seq, goals[goals.len() - 1].seq),
            });
        }
    }
    found
}

/// Whether a renumbered component says all there is to say about `c`.
fn explained(c: &Change, components: &[Change]) -> bool {
    let shifted = |old: GoalNo, new: GoalNo| {
        old.seq == new.seq
            && components.iter().any(|k| {
                matches!(k, Change::ComponentRenumbered { from, to, .. }
                    if *from == old.component && *to == new.component)
            })
    };
    match c {
        Change::Renumbered { old, new } => shifted(old.number, new.number),
        Change::RepeatFollowed { old, new } => {
            let pointer = match (old.repeats, new.repeats) {
                (Some(a), Some(b)) => a == b || shifted(a, b),
                _ => false,
            };
            pointer && (old.number == new.number || shifted(old.number, new.number))
        }
        _ => false,
    }
}

/// Where a change is listed: under its year N+1 number (a removal under its year N number).
fn place(c: &Change) -> GoalNo {
    match c {
        Change::ComponentRenumbered { to, .. } => GoalNo {
            component: *to,
            seq: 0,
        },
        Change::Removed(g) | Change::RepeatRemoved(g) => g.number,
        Change::Added(g) | Change::RepeatAdded(g) => g.number,
        Change::Renumbered { new, .. }
        | Change::Reworded { new, .. }
        | Change::RepeatFollowed { new, .. }
        | Change::RepeatRetargeted { new, .. }
        | Change::RepeatStale { new, .. } => new.number,
    }
}

/// Removals first where a number is both: what left makes room for what came.
fn rank(c: &Change) -> u8 {
    match c {
        Change::Removed(_) | Change::RepeatRemoved(_) => 0,
        _ => 1,
    }
}

fn unmatched<'a, 'g>(
    goals: &'g [&'a Goal],
    matched: &'g [usize],
) -> impl Iterator<Item = &'a Goal> + 'g {
    goals
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched.contains(i))
        .map(|(_, g)| *g)
}

impl<'a> GoalChanges<'a> {
    /// The 【再掲】 rows of year N+1 that point where the goal no longer is.
    pub(crate) fn stale(&self) -> impl Iterator<Item = (&'a Goal, &'a Goal, GoalNo)> + '_ {
        self.changes.iter().filter_map(|c| match *c {
            Change::RepeatStale { old, new, now } => Some((old, new, now)),
            _ => None,
        })
    }
}

mod similarity;
mod words;
pub(crate) use similarity::normalise;
use similarity::{Weights, key};

#[cfg(test)]
mod tests;
