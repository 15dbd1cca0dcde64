//! A value's place in its file, said as staff count: `meetings[3].materials[2]` (the path
//! serde and the checks use, counted from 0) is 「４番目の会議の３番目の資料」. Keys are shown
//! as written in the file (`attendance`, `１－１`), since that is what staff look for.

use crate::text::japanese::fullwidth;

/// What one item of a list under `key` is called (`meetings` → 会議).
fn noun(key: &str) -> Option<&'static str> {
    Some(match key {
        "meetings" => "会議",
        "activities" => "活動",
        "materials" => "資料",
        "members" => "委員",
        "components" => "構成要素",
        "issues" => "課題",
        "goals" => "目標",
        "agenda" | "items" => "議題",
        "record" => "記録",
        "transcript" | "said" => "発言",
        "sections" => "項目",
        "absent" => "欠席者",
        "online" => "オンラインの出席者",
        "observers" => "オブザーバー",
        "secretariat" | "staff" => "事務局",
        "breakdown" => "内訳",
        "outcomes"
        | "introduction"
        | "goals_introduction"
        | "schedule_introduction"
        | "members_introduction"
        | "evaluation_closing"
        | "content" => "段落",
        "evaluation_rules" => "評価の決まり",
        "evaluation_words" => "評価の言葉",
        "roles" => "役職",
        "title" => "行",
        "columns" => "列",
        "with" => "部会",
        _ => return None,
    })
}

/// `path` in words: list items counted from 1 and named (「２番目の会議の date」), keys as
/// written, joined by 「の」. A path with nothing to say (`""`, `.`) gives nothing.
pub(crate) fn place(path: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for segment in split(path) {
        let (key, indices) = segment;
        let mut noun_of = noun(key);
        let mut key_shown = !key.is_empty();
        if indices.is_empty() {
            if key_shown {
                parts.push(key.to_string());
            }
            continue;
        }
        for i in indices {
            let n = fullwidth(&(i + 1).to_string());
            match noun_of {
                Some(word) => parts.push(format!("{n}番目の{word}")),
                None if key_shown => parts.push(format!("{key} の{n}番目")),
                None => parts.push(format!("{n}番目")),
            }
            // A list of lists: the inner items have no name of their own.
            noun_of = None;
            key_shown = false;
        }
    }
    if parts.is_empty() {
        return None;
    }
    // Japanese words join directly; a key written in ASCII keeps a space on its side of 「の」.
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            if out.ends_with(|c: char| c.is_ascii()) {
                out.push(' ');
            }
            out.push('の');
            if p.starts_with(|c: char| c.is_ascii()) {
                out.push(' ');
            }
        }
        out.push_str(p);
    }
    Some(out)
}

/// The segments of a path: each key with the list indices written after it
/// (`meetings[3]` → (`meetings`, [3])). A key holding brackets or dots that are not indices
/// (`results.1-1`) stays whole.
fn split(path: &str) -> Vec<(&str, Vec<usize>)> {
    let mut out = Vec::new();
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let mut key = segment;
        let mut indices = Vec::new();
        while let Some(rest) = key.strip_suffix(']') {
            let Some(open) = rest.rfind('[') else { break };
            match rest[open + 1..].parse::<usize>() {
                Ok(i) => {
                    indices.push(i);
                    key = &rest[..open];
                }
                Err(_) => break,
            }
        }
        indices.reverse();
        out.push((key, indices));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::place;

    #[test]
    fn items_are_counted_from_one_and_named() {
        assert_eq!(
            place("meetings[3].materials[2]").as_deref(),
            Some("４番目の会議の３番目の資料")
        );
        assert_eq!(
            place("meetings[0].attendance").as_deref(),
            Some("１番目の会議の attendance")
        );
        assert_eq!(
            place("minutes.sections[1].beside").as_deref(),
            Some("minutes の２番目の項目の beside")
        );
        assert_eq!(place("results.１－１").as_deref(), Some("results の１－１"));
        assert_eq!(place("meetings").as_deref(), Some("meetings"));
        assert_eq!(place(".").as_deref(), None);
        assert_eq!(place("").as_deref(), None);
    }

    #[test]
    fn unnamed_lists_are_counted_too() {
        assert_eq!(place("flags[0]").as_deref(), Some("flags の１番目"));
        assert_eq!(place("[2].name").as_deref(), Some("３番目の name"));
        // No index stays in the words.
        assert!(!place("a[0][1].b[2]").unwrap().contains('['));
    }
}
