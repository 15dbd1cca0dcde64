//! How members are written, once for every document that prints them: the member list (委員名簿),
//! the report's list of members and the minutes' attendance. A member's parts (区分, 所属,
//! 職名, 氏名, 役職) fill the council's patterns; a part that is not written goes with the
//! brackets around it and the space beside it, so one pattern serves members with and without
//! a post. Members are grouped by their category (区分) in the council's order.

use crate::model::{Council, Member};

/// The brackets a part may stand in: 「（{役職}）」, 「【{区分}】」.
const BRACKETS: [(char, char); 10] = [
    ('（', '）'),
    ('(', ')'),
    ('【', '】'),
    ('［', '］'),
    ('[', ']'),
    ('〔', '〕'),
    ('「', '」'),
    ('<', '>'),
    ('＜', '＞'),
    ('《', '》'),
];

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// `pattern` with its placeholders filled from `values`. A placeholder whose value is empty
/// is left out with the brackets right around it and one space beside it: 「{所属} {職名}
/// {名前}」 of a member with no post is 「所属 名前」, 「{名前}（{役職}）」 of one with no role
/// is 「名前」. A placeholder not among `values` stays as written (the checks report it).
pub(crate) fn fill_parts(pattern: &str, values: &[(&str, &str)]) -> String {
    // The pattern as text between placeholders: texts[i] before slot i, the last after all.
    let mut texts: Vec<String> = Vec::new();
    let mut slots: Vec<Option<&str>> = Vec::new();
    let mut rest = pattern;
    let mut text = String::new();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        text.push_str(&rest[..open]);
        let key = &after[..close];
        match values.iter().find(|(k, _)| *k == key) {
            Some((_, v)) => {
                texts.push(std::mem::take(&mut text));
                slots.push(Some(v));
            }
            None => {
                text.push('{');
                text.push_str(key);
                text.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    texts.push(text);
    for i in 0..slots.len() {
        if slots[i].is_some_and(|v| !v.is_empty()) {
            continue;
        }
        slots[i] = None;
        let (before, after) = texts.split_at_mut(i + 1);
        let (before, after) = (&mut before[i], &mut after[0]);
        let opened = before.chars().last();
        let closed = after.chars().next();
        if let (Some(o), Some(c)) = (opened, closed)
            && BRACKETS.contains(&(o, c))
        {
            before.pop();
            after.remove(0);
        }
        if before.chars().last().is_some_and(is_space) {
            before.pop();
        } else if after.chars().next().is_some_and(is_space) {
            after.remove(0);
        }
    }
    let mut out = String::with_capacity(pattern.len() + 16);
    for (i, t) in texts.iter().enumerate() {
        out.push_str(t);
        if let Some(Some(v)) = slots.get(i) {
            out.push_str(v);
        }
    }
    out.trim_matches(is_space).to_string()
}

/// A member's parts, as documents print them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Who<'a> {
    pub name: Option<&'a str>,
    pub role: Option<&'a str>,
    pub organization: Option<&'a str>,
    pub post: Option<&'a str>,
    pub category: Option<&'a str>,
}

impl<'a> From<&'a Member> for Who<'a> {
    fn from(m: &'a Member) -> Who<'a> {
        Who {
            name: m.name.as_deref(),
            role: m.role.as_deref(),
            organization: m.organization.as_deref(),
            post: m.post.as_deref(),
            category: m.category.as_deref(),
        }
    }
}

/// A member by `pattern` ({名前}, {名字}, {役職}, {所属}, {職名}, {区分}). A member without a
/// name is named by the organization, unless the pattern prints the organization itself.
/// `no_role` is what {役職} says of a member without one (「委員」 in the minutes, nothing in
/// a report's list). {名字} is the name up to its first space.
pub(crate) fn member(pattern: &str, who: &Who<'_>, no_role: &str) -> String {
    let organization = who.organization.unwrap_or_default();
    let name = match who.name {
        Some(n) => n,
        None if pattern.contains("{所属}") => "",
        None => organization,
    };
    fill_parts(
        pattern,
        &[
            ("名前", name),
            ("名字", family_name(name)),
            ("役職", who.role.unwrap_or(no_role)),
            ("所属", organization),
            ("職名", who.post.unwrap_or_default()),
            ("区分", who.category.unwrap_or_default()),
        ],
    )
}

/// The family name of `name` as members.yaml writes it (名字 and 名前 parted by a space of
/// either width): the part before the first space.
pub(crate) fn family_name(name: &str) -> &str {
    let name = name.trim_matches(is_space);
    name.split(is_space).next().unwrap_or(name)
}

/// `items` in groups by category: the council's categories in its order, then the others (and
/// the members with none, a group without a heading) in the order they first appear. Within a
/// group, the order of `items`.
pub(crate) fn by_category<'i, T>(
    council: &Council,
    items: &'i [T],
    category: impl Fn(&T) -> Option<&str>,
) -> Vec<(Option<String>, Vec<&'i T>)> {
    let mut groups: Vec<(Option<String>, Vec<&'i T>)> = Vec::new();
    for it in items {
        let c = category(it);
        match groups.iter_mut().find(|(g, _)| g.as_deref() == c) {
            Some((_, list)) => list.push(it),
            None => groups.push((c.map(str::to_owned), vec![it])),
        }
    }
    let rank = |c: &Option<String>| {
        c.as_ref()
            .and_then(|c| council.categories.iter().position(|k| k == c))
            .unwrap_or(usize::MAX)
    };
    // A stable sort: the unlisted keep the order they first appeared in.
    groups.sort_by_key(|(c, _)| rank(c));
    groups
}

/// Whether any of `members` has a category.
pub(crate) fn any_category<'m>(mut members: impl Iterator<Item = &'m Member>) -> bool {
    members.any(|m| m.category.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_part_goes_with_its_brackets_and_one_space() {
        let v = |post: &'static str, role: &'static str| {
            fill_parts(
                "{所属} {職名} {名前}（{役職}）",
                &[
                    ("所属", "北見台病院"),
                    ("職名", post),
                    ("名前", "岡本 誠"),
                    ("役職", role),
                ],
            )
        };
        assert_eq!(v("院長", "部会長"), "北見台病院 院長 岡本 誠（部会長）");
        assert_eq!(v("", "部会長"), "北見台病院 岡本 誠（部会長）");
        assert_eq!(v("", ""), "北見台病院 岡本 誠");
        assert_eq!(
            fill_parts("{区分}　{名前}", &[("区分", ""), ("名前", "岡本")]),
            "岡本"
        );
        assert_eq!(
            fill_parts("【{区分}】{名前}{x}", &[("区分", ""), ("名前", "岡本")]),
            "岡本{x}"
        );
    }

    #[test]
    fn a_member_without_a_name_is_named_by_the_organization_once() {
        let who = Who {
            organization: Some("みなと保健所"),
            ..Who::default()
        };
        assert_eq!(member("{所属} {名前}", &who, "委員"), "みなと保健所");
        assert_eq!(member("{名字}{役職}", &who, "委員"), "みなと保健所委員");
        assert_eq!(member("{名前}（{役職}）", &who, ""), "みなと保健所");
    }
}
