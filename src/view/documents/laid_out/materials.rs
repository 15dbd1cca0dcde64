//! Materials as the council's form lists them: their numbers or marks, their groups
//! (【事前送付資料】 …), and the numbers printed beside an agenda item.

use super::*;
use crate::model::{BesideSplit, ReferencePlace};

/// The material `r` names: its id, its number as typed or printed, or the number alone.
pub(crate) fn find_material<'v, 'a>(
    materials: &'v [MaterialView<'a>],
    r: &str,
) -> Option<&'v MaterialView<'a>> {
    let r = r.trim();
    let key = same_number(r);
    let same = |n: Option<&str>| n.is_some_and(|n| same_number(n) == key);
    // The id or the number as written or printed; else the number alone (「1」 for 資料１),
    // a material's before a reference's (参考資料１).
    materials
        .iter()
        .find(|m| m.id == Some(r) || same(m.typed_number) || same(m.number.as_deref()))
        .or_else(|| {
            let mut alone = materials.iter().filter(|m| same(m.count.as_deref()));
            let first = alone.next()?;
            if first.reference {
                Some(alone.find(|m| !m.reference).unwrap_or(first))
            } else {
                Some(first)
            }
        })
}

/// A material number as compared: digits and dashes in one width, no spaces (「資料１」,
/// 「資料 1」 and 「資料1」 are one; so are 「2−1」 and 「２－１」).
pub(in crate::view::documents) fn same_number(n: &str) -> String {
    crate::text::japanese::halfwidth_digits(n)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The numbers of an item's materials as the form writes them beside it: in one bracket, a
/// bracket per kind (【資料２】【参考資料３】) or each in its own; numbers of one kind in a row
/// sharing the words around them when the form says so (【参考資料１・２】). `None` when the
/// item lists none or the form prints none.
pub(super) fn beside(style: &MaterialStyle, f: &Facts<'_>, it: &AgendaItem) -> Option<String> {
    if it.materials.is_empty() || style.beside_item.is_empty() {
        return None;
    }
    // Each number with its kind (a reference or not); a name no material has prints as written.
    let numbers: Vec<(bool, String)> = it
        .materials
        .iter()
        .map(|r| match find_material(f.materials, r) {
            Some(m) => (m.reference, m.number.clone().unwrap_or_else(|| r.clone())),
            None => (false, r.clone()),
        })
        .collect();
    let brackets: Vec<Vec<&(bool, String)>> = match style.beside_split {
        BesideSplit::Together => vec![numbers.iter().collect()],
        BesideSplit::Each => numbers.iter().map(|n| vec![n]).collect(),
        BesideSplit::ByKind => {
            let mut kinds: Vec<bool> = Vec::new();
            for (k, _) in &numbers {
                if !kinds.contains(k) {
                    kinds.push(*k);
                }
            }
            kinds
                .into_iter()
                .map(|k| numbers.iter().filter(|n| n.0 == k).collect())
                .collect()
        }
    };
    let style_of = &f.council.style;
    let text: String = brackets
        .into_iter()
        .map(|b| {
            let joined = if style.beside_shared {
                shared(&b, style_of, &style.beside_separator)
            } else {
                b.iter()
                    .map(|(_, n)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(&style.beside_separator)
            };
            fill(&style.beside_item, &[("資料", &joined)])
        })
        .collect();
    Some(text)
}

/// Numbers of one kind in a row written with the words around their form once: 参考資料１・２,
/// 資料第１・２号. A number not in its kind's form is written whole.
fn shared(numbers: &[&(bool, String)], style: &HouseStyle, separator: &str) -> String {
    let words = |reference: bool| {
        let pattern = if reference {
            &style.reference_number
        } else {
            &style.material_number
        };
        let before = &pattern[..pattern.find('{').unwrap_or(pattern.len())];
        let after = &pattern[pattern.rfind('}').map_or(pattern.len(), |i| i + 1)..];
        (before.to_string(), after.to_string())
    };
    // Runs of one kind whose numbers are in its form (each number's core), and numbers that
    // are not, written whole.
    enum Run<'n> {
        Shared(bool, Vec<&'n str>),
        Whole(&'n str),
    }
    let mut runs: Vec<Run<'_>> = Vec::new();
    for (kind, n) in numbers {
        let (before, after) = words(*kind);
        // A form of the number alone ("{番号}") has no words to share.
        let bare = before.is_empty() && after.is_empty();
        let core = n
            .strip_prefix(before.as_str())
            .and_then(|c| c.strip_suffix(after.as_str()))
            .filter(|c| !c.is_empty() && !bare);
        match (core, runs.last_mut()) {
            (Some(c), Some(Run::Shared(k, cores))) if *k == *kind => cores.push(c),
            (Some(c), _) => runs.push(Run::Shared(*kind, vec![c])),
            (None, _) => runs.push(Run::Whole(n)),
        }
    }
    runs.into_iter()
        .map(|r| match r {
            Run::Whole(n) => n.to_string(),
            Run::Shared(kind, cores) => {
                let (before, after) = words(kind);
                format!("{before}{}{after}", cores.join(separator))
            }
        })
        .collect::<Vec<_>>()
        .join(separator)
}

/// The materials, in their groups (【事前送付資料】 …) as `style` says.
pub(in crate::view::documents) fn materials(style: &MaterialStyle, f: &Facts<'_>) -> Vec<Block> {
    let listed: Vec<_> = f
        .materials
        .iter()
        .filter(|m| style.with_agenda || !m.agenda)
        .collect();
    if style.groups == Groups::Never {
        return listed
            .into_iter()
            .map(|m| {
                let mark = if m.handout {
                    style.handout_mark.as_str()
                } else {
                    ""
                };
                material(style, m, format!("{}{mark}", m.title))
            })
            .collect();
    }
    // References under a label of their own after the other groups, or at the end of the
    // group they were given in: under the label there (in_group), or without one.
    let labelled = !style.reference_label.trim().is_empty();
    let apart = labelled && style.references == ReferencePlace::Last;
    let groups = [
        (&style.sent_label, 0),
        (&style.handout_label, 1),
        (&style.reference_label, 2),
    ];
    let group_of = |m: &MaterialView<'_>| {
        if m.reference && apart {
            2
        } else if m.handout {
            1
        } else {
            0
        }
    };
    let used = groups
        .iter()
        .filter(|(_, g)| listed.iter().any(|m| group_of(m) == *g))
        .count();
    let mut out = Vec::new();
    for (label, g) in groups {
        let mut these: Vec<_> = listed.iter().filter(|m| group_of(m) == g).collect();
        if these.is_empty() {
            continue;
        }
        these.sort_by_key(|m| m.reference);
        if used > 1 || style.groups == Groups::Always {
            out.push(Block::new("group", label.clone()));
        }
        for (i, m) in these.iter().enumerate() {
            let first_reference = m.reference && (i == 0 || !these[i - 1].reference);
            if first_reference && labelled && !apart && g != 2 {
                // A heading inside its group: one level below it.
                out.push(Block {
                    depth: 2,
                    ..Block::new("group", style.reference_label.clone())
                });
            }
            out.push(material(style, m, m.title.to_string()));
        }
    }
    out
}

/// One material after its mark: its number in the form's pattern (資料１), the mark every
/// material shares (・, a list), or nothing.
fn material(style: &MaterialStyle, m: &MaterialView<'_>, text: String) -> Block {
    let pattern = if m.reference {
        &style.reference_mark
    } else {
        &style.mark
    };
    if !pattern.contains("{番号}") {
        return if pattern.is_empty() {
            Block::new("material", text)
        } else {
            Block::numbered("mark", Some(pattern.clone()), text)
        };
    }
    match m.number.as_deref() {
        // A mark written as the material's number (・) stays a mark.
        Some(n) if crate::model::is_list_mark(n) => Block::numbered("mark", Some(n.into()), text),
        n => Block::numbered("material", n.map(|n| fill(pattern, &[("番号", n)])), text),
    }
}
