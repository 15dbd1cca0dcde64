//! Materials numbered as the council numbers them (`style.material_number`,
//! `reference_number`, `material_count`): a number written in content read as its parts (資料
//! ２−１: ２ and its branch １) and printed in the council's form (資料２の１, 資料第２－１号); the
//! others counted through the meeting (資料１, 資料２) or within the agenda item that lists them
//! (議題１資料(１), 資料１－２).

use super::laid_out::find_material;
use super::meeting_parts::MaterialView;
use crate::model::{AgendaItem, Council, Digits, MaterialCount, Meeting, fill, is_list_mark};
use crate::text::japanese::{fullwidth, halfwidth_digits};

/// A material's number in parts: the number and its branch (２−１: ２ and １), in full-width
/// digits (the output writes a half-width council's in its digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts {
    pub number: String,
    pub branch: Option<String>,
}

/// A number written in content as its parts: digits, a separator and digits, and at most a
/// closing bracket after them (「1-1」「２－１」「1の1」「1(1)」「３」). `None` for anything else
/// (「別紙」「A-1」), which prints as written.
pub(crate) fn parts_of(typed: &str) -> Option<Parts> {
    let text = halfwidth_digits(typed.trim());
    let number: String = text.chars().take_while(char::is_ascii_digit).collect();
    if number.is_empty() {
        return None;
    }
    let rest = &text[number.len()..];
    if rest.is_empty() {
        return Some(Parts {
            number: fullwidth(&number),
            branch: None,
        });
    }
    let sep: String = rest
        .chars()
        .take_while(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect();
    let after = &rest[sep.len()..];
    let branch: String = after.chars().take_while(char::is_ascii_digit).collect();
    let tail = &after[branch.len()..];
    let separator =
        ["-", "の", ".", "．", "_", "(", "（", "・", "ー", "‐", "—"].contains(&sep.as_str());
    if branch.is_empty() || !separator || !tail.chars().all(|c| ")）".contains(c)) {
        return None;
    }
    Some(Parts {
        number: fullwidth(&number),
        branch: Some(fullwidth(&branch)),
    })
}

/// `pattern` (資料{番号}, 資料{番号}の{枝番}) filled with a number's parts. A pattern with
/// {枝番} (or {丸枝番}, the branch circled: 資料１－①) takes the number and its branch apart; a
/// number with no branch leaves out what stands from {番号} through the branch and the closing
/// brackets right after it (資料２, not 資料２の). A pattern without a branch takes `whole`, the
/// number as one.
pub(crate) fn number_in_form(pattern: &str, parts: Option<&Parts>, whole: &str) -> String {
    let Some((at, key)) = BRANCH
        .iter()
        .filter_map(|k| Some((pattern.find(k)?, *k)))
        .min()
    else {
        return fill(pattern, &[("番号", whole)]);
    };
    match parts {
        Some(Parts {
            number,
            branch: Some(branch),
        }) => {
            let circled = halfwidth_digits(branch)
                .parse::<u32>()
                .map_or_else(|_| branch.clone(), crate::text::japanese::circled_number);
            fill(
                pattern,
                &[("番号", number), ("枝番", branch), ("丸枝番", &circled)],
            )
        }
        _ => {
            let number = parts.map_or(whole, |p| p.number.as_str());
            let end = at + key.len();
            let closing = pattern[end..]
                .chars()
                .take_while(|c| ")）]］」』〕>＞".contains(*c))
                .map(char::len_utf8)
                .sum::<usize>();
            let from = pattern[..at]
                .rfind("{番号}")
                .map_or(at, |n| n + "{番号}".len());
            let short = format!("{}{}", &pattern[..from], &pattern[end + closing..]);
            fill(&short, &[("番号", number)])
        }
    }
}

/// The placeholders of a branch number.
const BRANCH: [&str; 2] = ["{枝番}", "{丸枝番}"];

/// A half-width hyphen the council wrote between two numbers, in a full-width council's
/// width (資料１-１ → 資料１－１).
fn in_council_width(text: String, digits: Digits) -> String {
    if digits == Digits::Half || !text.contains('-') {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let digit =
        |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(c));
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if c == '-' && i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1)) {
                '－'
            } else {
                c
            }
        })
        .collect()
}

/// The materials of `m`, numbered as the council numbers them: a number written in content in
/// the council's form, the others in order within their series (資料, 参考資料), or, counted
/// by agenda item, after the item that first lists them.
pub(crate) fn material_views<'a>(council: &Council, m: &'a Meeting) -> Vec<MaterialView<'a>> {
    let style = &council.style;
    let mut counters = [0u32; 2];
    // Each material's place in its series, as an agenda item may name it (「1」 for the first),
    // and its number's parts.
    let mut views: Vec<(MaterialView<'a>, Option<Parts>)> = m
        .materials
        .iter()
        .map(|mat| {
            let series = usize::from(mat.reference);
            // A mark written as the number (・) is printed as it is and counts nothing.
            let marked = mat.number.as_deref().filter(|n| is_list_mark(n));
            let numbered = !mat.agenda && !mat.unnumbered && marked.is_none();
            let mut count = None;
            let mut parts = None;
            if numbered {
                counters[series] += 1;
                let n = match &mat.number {
                    // A number written in content (2−1) sets the count the next unwritten one
                    // follows (資料2−1, 資料2−2, then 資料3).
                    Some(n) => {
                        let lead: String = halfwidth_digits(n)
                            .chars()
                            .take_while(char::is_ascii_digit)
                            .collect();
                        if let Ok(lead) = lead.parse::<u32>() {
                            counters[series] = lead;
                        }
                        parts = parts_of(n);
                        // In the council's digits: 1-1 is 資料１－１ in a full-width council.
                        match style.digits {
                            Digits::Full => fullwidth(n),
                            Digits::Half => n.clone(),
                        }
                    }
                    None => {
                        let n = fullwidth(&counters[series].to_string());
                        parts = Some(Parts {
                            number: n.clone(),
                            branch: None,
                        });
                        n
                    }
                };
                count = Some(n);
            }
            let view = MaterialView {
                number: marked.map(str::to_string),
                title: &mat.title,
                agenda: mat.agenda,
                handout: mat.handout,
                document: mat.document.as_deref(),
                pdf: None,
                pages: 0,
                id: mat.id.as_deref(),
                typed_number: mat.number.as_deref(),
                count,
                reference: mat.reference,
            };
            (view, parts)
        })
        .collect();
    if style.material_count == MaterialCount::PerItem {
        by_item(m, &mut views);
    }
    for (v, parts) in &mut views {
        let Some(count) = &v.count else { continue };
        if v.typed_number.is_none() && parts.is_none() {
            // Counted by item and listed by none: no number.
            continue;
        }
        let pattern = if v.reference {
            &style.reference_number
        } else {
            &style.material_number
        };
        // The whole number where the form has no {枝番}: as written, or counted (１－２).
        let whole = match (&v.typed_number, &*parts) {
            (None, Some(Parts { number, branch })) => match branch {
                Some(b) => format!("{number}－{b}"),
                None => number.clone(),
            },
            _ => count.clone(),
        };
        v.number = Some(in_council_width(
            number_in_form(pattern, parts.as_ref(), &whole),
            style.digits,
        ));
    }
    views.into_iter().map(|(v, _)| v).collect()
}

/// Counted by agenda item: each material with no number written takes the number of the first
/// top-level item that lists it (itself or below it) and its place among that item's materials
/// of its series; one no item lists takes none.
fn by_item(m: &Meeting, views: &mut [(MaterialView<'_>, Option<Parts>)]) {
    fn named(items: &[AgendaItem], out: &mut Vec<String>) {
        for it in items {
            out.extend(it.materials.iter().cloned());
            named(&it.items, out);
        }
    }
    // Items name materials by id or by their place in the series (「1」), found as before
    // any is numbered by item.
    let mut owner: Vec<Option<(usize, u32)>> = vec![None; views.len()];
    {
        let plain: Vec<MaterialView<'_>> = views.iter().map(|(v, _)| v.clone()).collect();
        for (i, item) in m.agenda.iter().enumerate() {
            let mut refs = Vec::new();
            named(std::slice::from_ref(item), &mut refs);
            let mut counters = [0u32; 2];
            for r in refs {
                let Some(found) = find_material(&plain, &r) else {
                    continue;
                };
                let k = plain
                    .iter()
                    .position(|p| std::ptr::eq(p, found))
                    .unwrap_or_default();
                if owner[k].is_some() || views[k].0.typed_number.is_some() {
                    continue;
                }
                let series = usize::from(found.reference);
                counters[series] += 1;
                owner[k] = Some((i + 1, counters[series]));
            }
        }
    }
    for ((v, parts), owner) in views.iter_mut().zip(owner) {
        if v.count.is_none() || v.typed_number.is_some() {
            continue;
        }
        *parts = owner.map(|(item, k)| Parts {
            number: fullwidth(&item.to_string()),
            branch: Some(fullwidth(&k.to_string())),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(number: &str, branch: Option<&str>) -> Parts {
        Parts {
            number: number.into(),
            branch: branch.map(str::to_string),
        }
    }

    #[test]
    fn typed_numbers_in_parts() {
        assert_eq!(parts_of("1-1"), Some(p("１", Some("１"))));
        assert_eq!(parts_of("２－３"), Some(p("２", Some("３"))));
        assert_eq!(parts_of("2−1"), Some(p("２", Some("１"))));
        assert_eq!(parts_of("1の2"), Some(p("１", Some("２"))));
        assert_eq!(parts_of("1(2)"), Some(p("１", Some("２"))));
        assert_eq!(parts_of("12"), Some(p("１２", None)));
        assert_eq!(parts_of("別紙"), None);
        assert_eq!(parts_of("1-2-3"), None);
        assert_eq!(parts_of("1 2"), None);
    }

    #[test]
    fn forms_with_and_without_a_branch() {
        let both = p("１", Some("２"));
        let one = p("３", None);
        let form = "資料{番号}の{枝番}";
        assert_eq!(number_in_form(form, Some(&both), "1-2"), "資料１の２");
        assert_eq!(number_in_form(form, Some(&one), "３"), "資料３");
        let form = "議題{番号}資料({枝番})";
        assert_eq!(number_in_form(form, Some(&both), ""), "議題１資料(２)");
        assert_eq!(number_in_form(form, Some(&one), ""), "議題３");
        assert_eq!(
            number_in_form("資料第{番号}-{枝番}号", Some(&one), ""),
            "資料第３号"
        );
        // No {枝番}: the number as one.
        assert_eq!(
            number_in_form("資料{番号}", Some(&both), "１－２"),
            "資料１－２"
        );
        assert_eq!(number_in_form(form, None, "別紙"), "議題別紙");
        let circled = "資料{番号}－{丸枝番}";
        assert_eq!(number_in_form(circled, Some(&both), ""), "資料１－②");
        assert_eq!(number_in_form(circled, Some(&one), ""), "資料３");
        assert_eq!(
            in_council_width("資料１-２".into(), Digits::Full),
            "資料１－２"
        );
        assert_eq!(in_council_width("A-1".into(), Digits::Full), "A-1");
    }
}
