//! Checks of how members and the secretariat are written: a member's category (区分) among the
//! council's categories, the member list's columns and heading, and a secretariat entry that
//! the council's form would print as nothing.

use super::*;

/// Each member's category is one of the council's `categories` (when it names them).
pub(super) fn check_categories(c: &CouncilData, year: &YearData, out: &mut Problems) {
    let (Some(list), Some(file)) = (&year.members, year.files.get("members")) else {
        return;
    };
    let known = &c.council.categories;
    for (i, m) in list.members.iter().enumerate() {
        let Some(category) = &m.category else {
            continue;
        };
        if category.trim().is_empty() {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "{}人目の委員の区分（category）が空です。",
                        japanese::fullwidth(&(i + 1).to_string())
                    ),
                )
                .field(format!("members[{i}].category"))
                .hint("区分を書くか、category: の行を消してください。"),
            );
        } else if !known.is_empty() && !known.contains(category) {
            out.push(
                Problem::error(
                    file,
                    format!("区分「{category}」は council.yaml の categories にありません。"),
                )
                .field(format!("members[{i}].category"))
                .hint(format!(
                    "使える区分: {}（council.yaml の categories に加えることもできます）",
                    known.join(" / ")
                )),
            );
        }
    }
}

/// The member list's columns name the name, each once; its category heading fills only
/// {区分}.
pub(super) fn check_member_list(council: &Council, file: &Path, out: &mut Problems) {
    let w = &council.member_list;
    if !w.columns.contains(&crate::model::MemberColumn::Name) {
        out.push(
            Problem::error(file, "member_list の columns に name（氏名）がありません。")
                .field("member_list.columns")
                .hint("例: columns: [role, name, organization]"),
        );
    }
    let mut seen = Vec::new();
    for (i, c) in w.columns.iter().enumerate() {
        if seen.contains(c) {
            out.push(
                Problem::warning(
                    file,
                    format!(
                        "member_list の columns に {} が２回あります（１回だけ印刷します）。",
                        c.key()
                    ),
                )
                .field(format!("member_list.columns[{i}]"))
                .hint("同じ列は１回だけ書いてください。"),
            );
        }
        seen.push(*c);
    }
    for p in crate::model::unknown_placeholders(&w.category_label, &["区分"]) {
        out.push(
            Problem::error(
                file,
                format!("member_list の category_label に、使えない {{{p}}} があります。"),
            )
            .field("member_list.category_label")
            .hint("使えるのは {区分} です。"),
        );
    }
}

/// Each secretariat entry of a meeting prints something in the council's minutes form: a post
/// or a name the form's `staff` (or `staff_count`) pattern uses.
pub(super) fn check_staff(c: &CouncilData, year: &YearData, out: &mut Problems) {
    let Some(file) = year.files.get("meetings") else {
        return;
    };
    let form = crate::model::MinutesDescription::for_council(&c.council);
    let a = &form.attendance;
    for (i, m) in year.meetings.meetings.iter().enumerate() {
        // A joint meeting's facts are the record keeper's, checked in its own file.
        if m.joint.as_ref().is_some_and(|j| j.held_by.is_some()) {
            continue;
        }
        for (j, s) in m.staff.iter().enumerate() {
            let (pattern, key) = if s.count.is_some() {
                (&a.staff_count, "staff_count")
            } else {
                (&a.staff, "staff")
            };
            let count = s.count.map(|n| n.to_string()).unwrap_or_default();
            let shown = crate::view::members::fill_parts(
                pattern,
                &[
                    ("職名", s.post.as_deref().unwrap_or("")),
                    ("名前", s.name.as_deref().unwrap_or("")),
                    ("人数", &count),
                ],
            );
            if !shown.trim().is_empty() {
                continue;
            }
            let written = [&s.post, &s.name]
                .iter()
                .any(|v| v.as_deref().is_some_and(|v| !v.trim().is_empty()));
            let problem = if written {
                Problem::error(
                    file,
                    format!(
                        "{}の事務局の{}人目は、会議録の書き方（minutes.attendance.{key}: \"{pattern}\"）では何も印刷されません。",
                        crate::model::council::called(m.series.as_deref(), m.number),
                        japanese::fullwidth(&(j + 1).to_string())
                    ),
                )
                .hint(format!(
                    "名前だけを並べるなら council.yaml の minutes: の attendance: に {key}: \"{{名前}}\" と書くか、この人の post: を書いてください。"
                ))
            } else {
                Problem::error(
                    file,
                    format!(
                        "{}の事務局の{}人目に、職名（post）も名前（name）もありません。",
                        crate::model::council::called(m.series.as_deref(), m.number),
                        japanese::fullwidth(&(j + 1).to_string())
                    ),
                )
                .hint("post: か name: の少なくとも一方を書いてください。")
            };
            out.push(problem.field(format!("meetings[{i}].staff[{j}]")));
        }
    }
}
