//! Checks of a council's `minutes:` description (council.yaml) and of the materials a
//! meeting's agenda refers to: a label that prints nothing, a placeholder nobody fills, a
//! material reference to no material, two materials with one number.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Problem, Problems};
use crate::files::find_line;
use crate::model::{AgendaItem, Council, Meeting, unknown_placeholders};

/// A placeholder of `value` (the `part.key` of council.yaml) that nothing fills.
fn placeholders(
    file: &Path,
    part: &str,
    key: &str,
    value: &str,
    known: &[&str],
    out: &mut Problems,
) {
    for p in unknown_placeholders(value, known) {
        out.push(
            Problem::error(
                file,
                format!("{part} の {key} に、使えない {{{p}}} があります。"),
            )
            .at(find_line(file, key, value), None)
            .field(format!("{part}.{key}"))
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

/// What a title line may hold.
const TITLE: &[&str] = &["年度", "回", "協議会", "会議"];

/// The `agenda:` description's and the `packet:` words' patterns.
pub(super) fn check_agenda(council: &Council, file: &Path, out: &mut Problems) {
    let w = &council.packet;
    for t in &w.title {
        placeholders(file, "packet", "title", t, &["会議"], out);
    }
    placeholders(file, "packet", "pages", &w.pages, &["ページ"], out);
    placeholders(
        file,
        "packet",
        "page_alt",
        &w.page_alt,
        &["資料", "ページ", "総ページ"],
        out,
    );
    let Some(d) = &council.agenda else { return };
    for t in &d.title {
        placeholders(file, "agenda", "title", t, TITLE, out);
    }
    placeholders(file, "agenda", "when", &d.when, &["日時"], out);
    placeholders(file, "agenda", "place", &d.place, &["場所"], out);
    placeholders(
        file,
        "agenda",
        "beside_item",
        &d.materials.beside_item,
        &["資料"],
        out,
    );
    if d.title.iter().all(|t| t.trim().is_empty()) {
        out.push(
            Problem::error(file, "agenda の title が空です。")
                .at(find_line(file, "title", ""), None)
                .field("agenda.title")
                .hint("例: title: [\"{会議}\", \"次第\"]"),
        );
    }
}

/// The `minutes:` description's labels and patterns.
pub(super) fn check_description(council: &Council, file: &Path, out: &mut Problems) {
    let Some(d) = &council.minutes else { return };
    let mut pattern = |key: &str, value: &str, known: &[&str]| {
        placeholders(file, "minutes", key, value, known, out)
    };
    for t in &d.title {
        pattern("title", t, TITLE);
    }
    pattern("label", &d.label, &["見出し", "番号", "敬称略"]);
    pattern(
        "member",
        &d.attendance.member,
        &["名前", "役職", "所属", "印"],
    );
    pattern("marks_legend", &d.attendance.marks_legend, &["凡例"]);
    pattern("quorum", &d.attendance.quorum, &["総数", "出席", "欠席"]);
    pattern("staff", &d.attendance.staff, &["職名", "名前", "人数"]);
    pattern("speaker", &d.speakers.speaker, &["発言者"]);
    pattern("beside_item", &d.materials.beside_item, &["資料"]);
    for s in &d.sections {
        if let Some(f) = &s.form {
            pattern("form", f, &["見出し", "番号", "敬称略"]);
        }
    }
    if d.sections.is_empty() {
        out.push(
            Problem::error(file, "minutes の sections が空です。")
                .at(find_line(file, "sections", ""), None)
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
                        "minutes の {} 番目の項目（{}）の beside: true は、{}。",
                        i + 1,
                        s.section.usual_label(),
                        if i == 0 {
                            "最初の項目には使えません"
                        } else {
                            "罫線の表（frame: ruled）でだけ効きます"
                        }
                    ),
                )
                .at(find_line(file, "beside", "true"), None)
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
                    format!("minutes の {} 番目の項目（{}）の見出しが空です。", i + 1, s.section.usual_label()),
                )
                .at(find_empty_line(file, key), None)
                .field(format!("minutes.sections[{i}].{key}"))
                .hint("見出しの言葉を書いてください。見出しを印刷しないなら unlabelled: true と書きます。"),
            );
        }
    }
}

/// The first line of `file` that gives `key` an empty value.
fn find_empty_line(file: &Path, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim();
            l.strip_prefix(key)
                .and_then(|r| r.strip_prefix(':'))
                .is_some_and(|v| matches!(v.trim(), "" | "\"\"" | "''"))
        })
        .map(|i| i + 1)
}

/// A meeting's materials: numbers written twice, agenda references to no material.
pub(super) fn check_materials(council: &Council, m: &Meeting, file: &Path, out: &mut Problems) {
    let views = crate::documents::material_views(council, m);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, v) in views.iter().enumerate() {
        let Some(n) = v.number.as_deref() else {
            continue;
        };
        if let Some(first) = seen.insert(n, i) {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "第{}回の資料「{}」と「{}」が同じ番号（{n}）です。",
                        m.number, views[first].title, v.title
                    ),
                )
                .at(find_line(file, "title", v.title), None)
                .field("materials")
                .hint("number: を書き直してください（書かなければ並んだ順に番号が付きます）。"),
            );
        }
    }
    fn walk(items: &[AgendaItem], f: &mut dyn FnMut(&AgendaItem)) {
        for it in items {
            f(it);
            walk(&it.items, f);
        }
    }
    walk(&m.agenda, &mut |it| {
        for r in &it.materials {
            if crate::documents::find_material(&views, r).is_none() {
                out.push(
                    Problem::error(
                        file,
                        format!(
                            "議題「{}」の資料「{r}」が、第{}回の materials にありません。",
                            it.title, m.number
                        ),
                    )
                    .at(
                        find_line(file, "materials", r)
                            .or_else(|| find_line(file, "title", &it.title)),
                        None,
                    )
                    .field("agenda.materials")
                    .hint("materials の id か番号（例: 2−1）を書いてください。"),
                );
            }
        }
    });
}
