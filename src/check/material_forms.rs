//! Checks of how a council numbers and cites its materials: the number forms
//! (`style.material_number`, `reference_number`) fill only what there is, a material counted
//! by agenda item is listed by an item, and a placement of references that changes nothing
//! says so.

use std::path::Path;

use crate::diag::{Problem, Problems};
use crate::model::{
    AgendaItem, Council, Groups, MaterialCount, MaterialStyle, Meeting, ReferencePlace,
    unknown_placeholders,
};

/// The number forms in `style:`.
pub(super) fn check_number_forms(council: &Council, file: &Path, out: &mut Problems) {
    let s = &council.style;
    for (key, form) in [
        ("material_number", &s.material_number),
        ("reference_number", &s.reference_number),
    ] {
        for p in unknown_placeholders(form, &["番号", "枝番", "丸枝番"]) {
            out.push(
                Problem::error(file, format!("style の {key} に、使えない {{{p}}} があります。"))
                    .field(format!("style.{key}"))
                    .hint("使えるのは {番号}、{枝番}、{丸枝番}（枝番を①②で）です。例: \"資料{番号}\"、\"資料{番号}の{枝番}\"、\"議題{番号}資料({枝番})\"。"),
            );
        }
        if !form.contains("{番号}") {
            out.push(
                Problem::error(
                    file,
                    format!("style の {key}（{form}）に {{番号}} がありません。どの資料も同じ番号になります。"),
                )
                .field(format!("style.{key}"))
                .hint("番号の入る場所に {番号} を書いてください。例: \"資料{番号}\"、\"資料{番号}の{枝番}\"。"),
            );
        }
    }
}

/// A placement of references that changes nothing: `references: in_group` with no label to
/// put in the group, or with materials never grouped. `prefix` names the form (`minutes`,
/// `agenda`); `wrote` says whether the council wrote the key.
pub(super) fn check_reference_place(
    style: &MaterialStyle,
    (file, prefix): (&Path, &str),
    wrote: bool,
    out: &mut Problems,
) {
    if !wrote || style.references != ReferencePlace::InGroup {
        return;
    }
    let hint = if style.groups == Groups::Never {
        "groups: never では資料を組に分けないので、参考資料も並んだ順のままです。組に分けるなら groups: auto か always と書いてください。"
    } else if style.reference_label.trim().is_empty() {
        "reference_label が空なので、参考資料は見出しなしで組の終わりに並びます（references を書かなくても同じです）。組の中に見出しを付けるなら reference_label: \"【参考資料】\" のように書いてください。"
    } else {
        return;
    };
    out.push(
        Problem::warning(
            file,
            format!("{prefix} の materials.references: in_group は、ここでは何も変えません。"),
        )
        .field(format!("{prefix}.materials.references"))
        .hint(hint),
    );
}

/// Counted by agenda item, a material no item lists takes no number: said at the material.
/// `k` is the meeting's place in meetings.yaml.
pub(super) fn check_counted_by_item(
    council: &Council,
    (k, m): (usize, &Meeting),
    file: &Path,
    out: &mut Problems,
) {
    if council.style.material_count != MaterialCount::PerItem {
        return;
    }
    fn any_lists(items: &[AgendaItem]) -> bool {
        items
            .iter()
            .any(|it| !it.materials.is_empty() || any_lists(&it.items))
    }
    let views = crate::view::documents::material_views(council, m);
    for (i, (v, mat)) in views.iter().zip(&m.materials).enumerate() {
        if v.count.is_none() || v.number.is_some() {
            continue;
        }
        let why = if any_lists(&m.agenda) {
            "どの議題の materials にも挙げられていない"
        } else {
            "議題に materials を書いていない"
        };
        out.push(
            Problem::warning(
                file,
                format!(
                    "{}の資料「{}」は、{}ため、議題ごとの番号（style.material_count: 議題ごと）が付きません。番号なしで印刷します。",
                    crate::model::council::called(m.series.as_deref(), m.number),
                    mat.title,
                    why
                ),
            )
            .field(format!("meetings[{k}].materials[{i}]"))
            .hint("この資料を使う議題の materials: に、資料の id（または並んだ順の番号）を書いてください。番号を付けない資料なら unnumbered: true と書き、決まった番号なら number: で書きます。"),
        );
    }
}

/// A number written with its form's words (`number: 資料1-1` under 「資料{番号}」) prints them
/// twice (資料資料１－１): said at the number.
pub(super) fn check_typed_numbers(
    council: &Council,
    (k, m): (usize, &Meeting),
    file: &Path,
    out: &mut Problems,
) {
    let views = crate::view::documents::material_views(council, m);
    for (i, (v, mat)) in views.iter().zip(&m.materials).enumerate() {
        let (Some(typed), Some(printed)) = (mat.number.as_deref(), v.number.as_deref()) else {
            continue;
        };
        let (key, form) = if mat.reference {
            ("reference_number", &council.style.reference_number)
        } else {
            ("material_number", &council.style.material_number)
        };
        let words = &form[..form.find('{').unwrap_or(form.len())];
        if words.trim().is_empty() || !typed.trim().starts_with(words) {
            continue;
        }
        out.push(
            Problem::warning(
                file,
                format!(
                    "{}の資料「{}」の number: {typed} は、資料番号の形（style.{key}: {form}）に入ると「{printed}」と印刷されます。",
                    crate::model::council::called(m.series.as_deref(), m.number),
                    mat.title
                ),
            )
            .field(format!("meetings[{k}].materials[{i}].number"))
            .hint(format!(
                "number: には番号だけを書いてください（例: 「{}」なら number: {}）。",
                typed.trim(),
                typed.trim()[words.len()..].trim()
            )),
        );
    }
}
