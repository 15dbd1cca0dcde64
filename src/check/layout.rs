//! Checks of a council's `minutes:` description (council.yaml) and of the materials a
//! meeting's agenda refers to: a label that prints nothing, a placeholder nobody fills, a
//! material reference to no material, two materials with one number.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Problem, Problems};
use crate::model::{AgendaItem, Council, MARK_PLACEHOLDERS, Meeting, unknown_placeholders};

/// A placeholder of `value` (at `part.path` of council.yaml: `minutes`, `title[1]`) that
/// nothing fills.
fn placeholders(
    file: &Path,
    (part, path): (&str, &str),
    value: &str,
    known: &[&str],
    out: &mut Problems,
) {
    // The key as the message names it: `form` for `sections[2].form`, `title` for `title[1]`.
    let last = path.rsplit('.').next().unwrap_or(path);
    let key = last.split('[').next().unwrap_or(last);
    for p in unknown_placeholders(value, known) {
        out.push(
            Problem::error(
                file,
                format!("{part} の {key} に、使えない {{{p}}} があります。"),
            )
            .field(format!("{part}.{path}"))
            .hint(format!(
                "使えるのは {} です。",
                known
                    .iter()
                    .map(|k| format!("{{{k}}}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        );
    }
}

/// What a page number may hold.
const PAGE_NUMBER: &[&str] = &["番号", "総数"];

/// The house style's patterns: a page number names no placeholder it cannot fill, and holds
/// the page's number.
pub(super) fn check_style(council: &Council, file: &Path, out: &mut Problems) {
    let pattern = &council.style.page_number;
    placeholders(file, ("style", "page_number"), pattern, PAGE_NUMBER, out);
    if !pattern.contains("{番号}") {
        out.push(
            Problem::error(file, "style の page_number に {番号} がありません。")
                .field("style.page_number")
                .hint("ページの番号が入る所に {番号} と書いてください（例: \"- {番号} -\"）。"),
        );
    }
}

/// What a title line may hold.
const TITLE: &[&str] = &["年度", "回", "協議会", "会議", "呼び方", "案"];

/// The `agenda:` description's and the `packet:` words' patterns.
pub(super) fn check_agenda(council: &Council, file: &Path, out: &mut Problems) {
    let w = &council.packet;
    let mut packet = |path: &str, value: &str, known: &[&str]| {
        placeholders(file, ("packet", path), value, known, out)
    };
    for (i, t) in w.title.iter().enumerate() {
        packet(&format!("title[{i}]"), t, &["会議"]);
    }
    packet("pages", &w.pages, &["ページ"]);
    packet("page_alt", &w.page_alt, &["資料", "ページ", "総ページ"]);
    let Some(d) = &council.agenda else { return };
    let mut agenda = |path: &str, value: &str, known: &[&str]| {
        placeholders(file, ("agenda", path), value, known, out)
    };
    for (i, t) in d.title.iter().enumerate() {
        agenda(&format!("title[{i}]"), t, TITLE);
    }
    agenda("when", &d.when, &["日時"]);
    agenda("place", &d.place, &["場所"]);
    agenda("materials.beside_item", &d.materials.beside_item, &["資料"]);
    agenda("materials.mark", &d.materials.mark, &["番号"]);
    agenda(
        "materials.reference_mark",
        &d.materials.reference_mark,
        &["番号"],
    );
    for (i, m) in d.marks.items.iter().enumerate() {
        agenda(&format!("marks.items[{i}]"), m, MARK_PLACEHOLDERS);
    }
    if d.title.iter().all(|t| t.trim().is_empty()) {
        out.push(
            Problem::error(file, "agenda の title が空です。")
                .field("agenda.title")
                .hint("例: title: [\"{会議}\", \"次第\"]"),
        );
    }
}

/// The council's minutes form (the shipped one with what its `minutes:` changes): each change
/// fits the form, and the labels and patterns it wrote print something.
pub(super) fn check_description(council: &Council, file: &Path, out: &mut Problems) {
    let Some(changes) = &council.minutes else {
        return;
    };
    let d = match crate::model::MinutesDescription::resolve(council, file) {
        Ok(d) => d,
        Err(p) => return out.push(p),
    };
    let mut found = Problems::default();
    check_form(&d, file, &mut found);
    labels_inline_does_something(&d, changes, file, &mut found);
    super::material_forms::check_reference_place(
        &d.materials,
        (file, "minutes"),
        changes.wrote("materials.references"),
        &mut found,
    );
    // What the shipped form says is not the council's to answer for.
    out.0.extend(found.0.into_iter().filter(|p| {
        match p.field.as_deref().and_then(|f| f.strip_prefix("minutes.")) {
            Some(path) => changes.wrote(path),
            None => true,
        }
    }));
}

/// `labels_inline` written where it changes nothing: members by role, and no label it joins
/// (the role rows follow `roles_inline`).
fn labels_inline_does_something(
    d: &crate::model::MinutesDescription,
    changes: &crate::model::MinutesChanges,
    file: &Path,
    out: &mut Problems,
) {
    use crate::model::SectionKind;
    let a = &d.attendance;
    let has = |kind| d.sections.iter().any(|s| s.section == kind);
    let joins = !a.members_label.is_empty()
        || (!a.absent_label.is_empty() && !has(SectionKind::Absent))
        || (!a.secretariat_label.is_empty() && !has(SectionKind::Secretariat));
    if changes.wrote("attendance.labels_inline") && a.by_role && !joins {
        out.push(
            Problem::warning(
                file,
                "minutes の attendance.labels_inline は、役職ごとの行（by_role）には効きません。ここでは何も変わりません。",
            )
            .field("minutes.attendance.labels_inline")
            .hint("役職と名前を別の行にするなら roles_inline: false と書いてください。labels_inline は members_label、absent_label、secretariat_label の見出しに効きます。"),
        );
    }
}

/// A minutes form's labels and patterns.
fn check_form(d: &crate::model::MinutesDescription, file: &Path, out: &mut Problems) {
    let mut pattern = |path: &str, value: &str, known: &[&str]| {
        placeholders(file, ("minutes", path), value, known, out)
    };
    for (i, t) in d.title.iter().enumerate() {
        pattern(&format!("title[{i}]"), t, TITLE);
    }
    let a = &d.attendance;
    pattern("name", &d.name, TITLE);
    pattern("label", &d.label, &["見出し", "番号", "敬称略"]);
    let member = ["名前", "名字", "役職", "所属", "職名", "区分", "印"];
    pattern("attendance.member", &a.member, &member);
    if let Some(absent) = &a.absent_member {
        pattern("attendance.absent_member", absent, &member);
    }
    pattern("attendance.category_label", &a.category_label, &["区分"]);
    pattern("attendance.department", &a.department, &["課", "事務局"]);
    pattern(
        "attendance.staff_count",
        &a.staff_count,
        &["職名", "名前", "人数"],
    );
    pattern("attendance.marks_legend", &a.marks_legend, &["凡例"]);
    pattern("attendance.quorum", &a.quorum, &["総数", "出席", "欠席"]);
    pattern("attendance.staff", &a.staff, &["職名", "名前", "人数"]);
    let c = &a.counts;
    pattern(
        "attendance.counts.members",
        &c.members,
        &["人数", "内訳", "オンライン"],
    );
    pattern("attendance.counts.groups", &c.groups, &["内訳"]);
    pattern("attendance.counts.group", &c.group, &["区分", "人数"]);
    for (key, value) in [
        ("online", &c.online),
        ("absent", &c.absent),
        ("secretariat", &c.secretariat),
        ("viewers", &c.viewers),
        ("total", &c.total),
    ] {
        pattern(&format!("attendance.counts.{key}"), value, &["人数"]);
    }
    pattern("speakers.speaker", &d.speakers.speaker, &["発言者"]);
    pattern("materials.beside_item", &d.materials.beside_item, &["資料"]);
    pattern("materials.mark", &d.materials.mark, &["番号"]);
    pattern(
        "materials.reference_mark",
        &d.materials.reference_mark,
        &["番号"],
    );
    pattern("speakers.heading", &d.speakers.heading, &["見出し"]);
    for (i, m) in d.marks.items.iter().enumerate() {
        pattern(&format!("marks.items[{i}]"), m, MARK_PLACEHOLDERS);
    }
    for (i, m) in d.marks.topics.iter().flatten().enumerate() {
        pattern(&format!("marks.topics[{i}]"), m, MARK_PLACEHOLDERS);
    }
    for (i, s) in d.sections.iter().enumerate() {
        if let Some(f) = &s.form {
            pattern(
                &format!("sections[{i}].form"),
                f,
                &["見出し", "番号", "敬称略"],
            );
        }
    }
    if !d.columns.is_empty() && (d.columns.len() != 2 || d.frame != crate::model::Frame::Ruled) {
        let (message, hint) = if d.frame != crate::model::Frame::Ruled {
            (
                "minutes の columns（列の見出し）は、罫線の表（frame: ruled）でだけ印刷されます。",
                "frame: ruled と書くか、columns: を消してください。",
            )
        } else {
            (
                "minutes の columns（列の見出し）には、左の列と右の列の２つを書いてください。",
                "例: columns: [項　目, 内　容]",
            )
        };
        out.push(
            Problem::error(file, message)
                .field("minutes.columns")
                .hint(hint),
        );
    }
    if d.sections.is_empty() {
        out.push(
            Problem::error(file, "minutes の sections が空です。")
                .field("minutes.sections")
                .hint("例: - section: when"),
        );
    }
    for (i, s) in d.sections.iter().enumerate() {
        if s.beside && (d.frame != crate::model::Frame::Ruled || i == 0) {
            out.push(
                Problem::warning(
                    file,
                    format!(
                        "minutes の{}番目の項目（{}）の beside: true は、{}。",
                        crate::text::japanese::fullwidth(&(i + 1).to_string()),
                        s.section.usual_label(),
                        if i == 0 {
                            "最初の項目には使えません"
                        } else {
                            "罫線の表（frame: ruled）でだけ効きます"
                        }
                    ),
                )
                .field(format!("minutes.sections[{i}].beside"))
                .hint("frame: ruled と書くか、beside: を消してください。"),
            );
        }
        let empty = |v: &Option<String>| v.as_deref().is_some_and(|v| v.trim().is_empty());
        if empty(&s.label) || empty(&s.form) {
            let key = if empty(&s.label) { "label" } else { "form" };
            out.push(
                Problem::error(
                    file,
                    format!("minutes の{}番目の項目（{}）の見出しが空です。", crate::text::japanese::fullwidth(&(i + 1).to_string()), s.section.usual_label()),
                )
                .field(format!("minutes.sections[{i}].{key}"))
                .hint("見出しの言葉を書いてください。見出しを印刷しないなら unlabelled: true と書きます。"),
            );
        }
    }
}

/// A meeting's materials: numbers written twice, agenda references to no material.
/// `k` is the meeting's place in meetings.yaml.
pub(super) fn check_materials(
    council: &Council,
    (k, m): (usize, &Meeting),
    file: &Path,
    out: &mut Problems,
) {
    let views = crate::view::documents::material_views(council, m);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, v) in views.iter().enumerate() {
        // A mark every material shares (・) is no number: many may carry it.
        let Some(n) = v
            .number
            .as_deref()
            .filter(|n| !crate::model::is_list_mark(n))
        else {
            continue;
        };
        if let Some(first) = seen.insert(n, i) {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "{}の資料「{}」と「{}」が同じ番号（{n}）です。",
                        crate::model::council::called(m.series.as_deref(), m.number),
                        views[first].title,
                        v.title
                    ),
                )
                .at_value(&format!("meetings[{k}].materials[{i}].number"))
                .field(format!("meetings[{k}].materials[{i}]"))
                .hint("number: を書き直してください（書かなければ並んだ順に番号が付きます）。"),
            );
        }
    }
    fn walk(items: &[AgendaItem], path: &str, f: &mut dyn FnMut(&AgendaItem, &str)) {
        for (a, it) in items.iter().enumerate() {
            let here = format!("{path}[{a}]");
            f(it, &here);
            walk(&it.items, &format!("{here}.items"), f);
        }
    }
    walk(
        &m.agenda,
        &format!("meetings[{k}].agenda"),
        &mut |it, path| {
            for (j, r) in it.materials.iter().enumerate() {
                if crate::view::documents::find_material(&views, r).is_none() {
                    out.push(
                        Problem::error(
                            file,
                            format!(
                                "議題「{}」の資料「{r}」に当たる資料が、{}の資料（materials）にありません。",
                                it.title,
                                crate::model::council::called(m.series.as_deref(), m.number)
                            ),
                        )
                        .field(format!("{path}.materials[{j}]"))
                        .hint(known_materials(&views)),
                    );
                }
            }
        },
    );
}

/// What an agenda item may name: each numbered material of the meeting, by its number.
fn known_materials(views: &[crate::view::documents::MaterialView<'_>]) -> String {
    let numbered: Vec<_> = views
        .iter()
        .filter_map(|v| Some((v.number.as_deref()?, v.count.as_deref()?, v.title)))
        .collect();
    let Some((number, count, _)) = numbered.first() else {
        return "この回の materials: に資料を書いてから、議題の materials: にその番号を書いてください。".into();
    };
    let listed: Vec<String> = numbered
        .iter()
        .map(|(n, _, title)| format!("{n}「{title}」"))
        .collect();
    format!(
        "この回の資料は {}です。その番号（「{number}」か「{count}」のように）か、資料に付けた id を書いてください。",
        listed.join("、")
    )
}
