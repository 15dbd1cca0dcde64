//! Materials as the council's form lists them: their numbers or marks, their groups
//! (【事前送付資料】 …), and the numbers printed beside an agenda item.

use super::*;

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

pub(super) fn beside(style: &MaterialStyle, f: &Facts<'_>, it: &AgendaItem) -> Option<String> {
    if it.materials.is_empty() || style.beside_item.is_empty() {
        return None;
    }
    let numbers: Vec<String> = it
        .materials
        .iter()
        .map(|r| {
            find_material(f.materials, r)
                .and_then(|m| m.number.clone())
                .unwrap_or_else(|| r.clone())
        })
        .collect();
    Some(fill(&style.beside_item, &[("資料", &numbers.join("、"))]))
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
    // References under a label of their own, or (no label) at the end of their group.
    let apart = !style.reference_label.trim().is_empty();
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
        for m in these {
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
