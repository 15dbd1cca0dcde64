//! The matching on small hand-built goal sets.

use super::words::repeats;
use super::*;
use crate::text::japanese;

/// A goal set from lines `component-seq text` or `component-seq >repeats`: the text is the
/// activity, its target is the text followed by 「を年１回以上実施」.
fn set(lines: &str) -> GoalSet {
    let mut yaml = String::from("components:\n");
    let mut current = 0;
    for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (no, rest) = line.split_once(' ').unwrap();
        let component: u32 = no.split('-').next().unwrap().parse().unwrap();
        if component != current {
            current = component;
            yaml.push_str(&format!(
                "  - number: {component}\n    name: 構成要素{component}\n    issues:\n      - issue: 課題\n        goals:\n"
            ));
        }
        match rest.strip_prefix('>') {
            Some(r) => yaml.push_str(&format!("          - {{number: {no}, repeats: {r}}}\n")),
            None => yaml.push_str(&format!(
                "          - {{number: {no}, activity: '{rest}', target: '{rest}を年１回以上実施'}}\n"
            )),
        }
    }
    serde_yaml::from_str(&yaml).unwrap()
}

/// The changes, one short line each: `kind old→new`.
fn changes(old: &str, new: &str) -> Vec<String> {
    let (old, new) = (set(old), set(new));
    let c = compare(&old, &new);
    let ascii = |s: String| japanese::ascii_numbers(&s);
    c.changes
        .iter()
        .map(|c| {
            ascii(match *c {
                Change::ComponentRenumbered { from, to, .. } => format!("component {from}→{to}"),
                Change::Added(g) => format!("added {}", g.number),
                Change::Removed(g) => format!("removed {}", g.number),
                Change::Renumbered { old, new } => {
                    format!("renumbered {}→{}", old.number, new.number)
                }
                Change::Reworded { old, new } => format!("reworded {}→{}", old.number, new.number),
                Change::RepeatAdded(g) => format!("repeat added {}", g.number),
                Change::RepeatRemoved(g) => format!("repeat removed {}", g.number),
                Change::RepeatFollowed { old, new } => format!(
                    "repeat followed {}({})→{}({})",
                    old.number,
                    repeats(old),
                    new.number,
                    repeats(new)
                ),
                Change::RepeatRetargeted { old, new } => {
                    format!("repeat retargeted {}→{}", old.number, new.number)
                }
                Change::RepeatStale { new, now, .. } => {
                    format!("repeat stale {}({}) now {now}", new.number, repeats(new))
                }
            })
        })
        .collect()
}

const CLUB: &str = "地域の相談支援事業所との協働により課題を共有している";
const VISIT: &str = "入所施設等の見学により地域への移行が可能なケースの実態を把握している";
const PEER: &str = "ピアサポーターとの協働により活動の実際や支援課題を共有している";
const HOME: &str = "居宅介護事業所との協働により生活する上での課題を共有している";

#[test]
fn same_text_under_a_new_number_is_renumbered_and_the_rest_added_or_removed() {
    let old = format!("1-1 {CLUB}\n1-2 {PEER}\n1-3 {VISIT}");
    let new = format!("1-1 {CLUB}\n1-2 {VISIT}\n1-3 {HOME}");
    assert_eq!(
        changes(&old, &new),
        ["removed 1-2", "renumbered 1-3→1-2", "added 1-3"]
    );
}

#[test]
fn width_and_spaces_are_not_changes() {
    let old = "1-1 協議の場を年６回以上開催\n1-2 ＰＤＣＡ サイクル";
    let new = "1-1 協議の場を年6回以上開催\n1-2 PDCA　サイクル";
    assert!(changes(old, new).is_empty());
}

#[test]
fn same_number_and_similar_text_is_reworded() {
    let old = format!("1-1 {HOME}\n1-2 {CLUB}");
    let new = format!("1-1 居宅介護事業所との協働により個別事例の検討が行われている\n1-2 {CLUB}");
    assert_eq!(changes(&old, &new), ["reworded 1-1→1-1"]);
    // A different goal under the same number is not a rewording.
    let new = format!("1-1 市民向けの講演会を開く\n1-2 {CLUB}");
    assert_eq!(changes(&old, &new), ["removed 1-1", "added 1-1"]);
}

#[test]
fn very_similar_text_under_another_number_is_renumbered_and_reworded() {
    let old = format!("3-1 {CLUB}\n3-2 {PEER}\n3-3 {VISIT}");
    let new = format!(
        "3-1 {PEER}\n3-2 入所施設等の見学により地域への移行が可能なケースの実態を年２回把握している"
    );
    let c = changes(&old, &new);
    assert_eq!(c, ["removed 3-1", "renumbered 3-2→3-1", "reworded 3-3→3-2"]);
    let (old, new) = (set(&old), set(&new));
    let text = compare(&old, &new).render(2024);
    assert!(
        text.contains("３－３ → ３－２: 番号と文が変わりました"),
        "{text}"
    );
    assert!(
        text.contains("    活動目標（令和７年度）: 入所施設等の見学により"),
        "{text}"
    );
}

#[test]
fn a_repeat_that_kept_the_old_number_of_a_moved_goal_is_stale() {
    // Year N: 3-5 is the goal 4-4 re-lists. Year N+1: a goal was removed, that goal is 3-4,
    // and 3-5 is another goal: 4-4 should say 3-4.
    let old = format!("3-4 {CLUB}\n3-5 {HOME}\n3-6 {VISIT}\n4-4 >3-5");
    let slip = format!("3-4 {HOME}\n3-5 {VISIT}\n4-4 >3-5");
    assert_eq!(
        changes(&old, &slip),
        [
            "removed 3-4",
            "renumbered 3-5→3-4",
            "renumbered 3-6→3-5",
            "repeat stale 4-4(3-5) now 3-4"
        ]
    );
    let (o, s) = (set(&old), set(&slip));
    let c = compare(&o, &s);
    assert_eq!(c.stale().count(), 1);
    let text = c.render(2024);
    assert!(
        text.contains(
            "４－４【再掲】: ３－５ の再掲のままですが、令和７年度の ３－５ は別の目標です"
        ),
        "{text}"
    );
    assert!(text.contains("repeats: 3-4 に直してください"), "{text}");
    // Corrected, the row follows its goal.
    let fixed = format!("3-4 {HOME}\n3-5 {VISIT}\n4-4 >3-4");
    assert_eq!(
        changes(&old, &fixed)[3],
        "repeat followed 4-4(3-5)→4-4(3-4)"
    );
    // A goal that is gone leaves nothing to point at: the row re-lists another goal now.
    let gone = format!("3-4 {CLUB}\n3-5 市民向けの講演会を開く\n3-6 {VISIT}\n4-4 >3-5");
    assert_eq!(
        changes(&old, &gone),
        ["removed 3-5", "added 3-5", "repeat retargeted 4-4→4-4"]
    );
}

#[test]
fn repeats_added_removed_and_retargeted() {
    let old = format!("1-1 {CLUB}\n1-2 {PEER}\n2-1 >1-1\n2-2 >1-2");
    let new = format!("1-1 {CLUB}\n1-2 {PEER}\n2-1 >1-2\n2-3 >1-1");
    // 2-1 re-listed 1-1 and now 1-2; 1-1 is re-listed by 2-3: the row moved.
    assert_eq!(
        changes(&old, &new),
        [
            "repeat followed 2-2(1-2)→2-1(1-2)",
            "repeat followed 2-1(1-1)→2-3(1-1)"
        ]
    );
    let new = format!("1-1 {CLUB}\n1-2 {PEER}\n2-1 >1-2\n2-5 >1-2");
    assert_eq!(
        changes(&old, &new),
        [
            "repeat removed 2-1",
            "repeat followed 2-2(1-2)→2-1(1-2)",
            "repeat added 2-5"
        ]
    );
}

#[test]
fn a_whole_component_renumbered_is_said_once() {
    let old = format!("1-1 {CLUB}\n2-1 {PEER}\n2-2 {VISIT}\n2-3 >1-1\n3-1 >2-2");
    let new = format!("1-1 {CLUB}\n2-1 {HOME}\n3-1 {PEER}\n3-2 {VISIT}\n3-3 >1-1\n4-1 >3-2");
    assert_eq!(
        changes(&old, &new),
        [
            "added 2-1",
            "component 2→3",
            "repeat followed 3-1(2-2)→4-1(3-2)"
        ]
    );
    let (o, n) = (set(&old), set(&new));
    let text = compare(&o, &n).render(2024);
    assert!(
        text.contains("構成要素 ２ → ３（構成要素3）: 構成要素の番号が変わりました（目標 ２－１～２－２ → ３－１～３－２）"),
        "{text}"
    );
}
