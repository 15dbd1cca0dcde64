//! The template reference for staff: for each document type, every value its template receives,
//! with its kind and what it is. Generated from the view types (their JSON Schemas), written to
//! `docs/templates.md` by `shiryo schema`, and checked by a test, so it is never stale.

use schemars::{JsonSchema, schema_for};
use serde_json::Value;

use crate::view::documents::{MeetingDocView, MemberListView, PacketView, ReportView};

/// Where the reference is written, under the project root.
pub const REFERENCE_FILE: &str = "docs/templates.md";

/// Values nested deeper than this are not listed (an agenda item's items are agenda items).
const MAX_DEPTH: usize = 5;

/// The reference, as Markdown.
pub fn markdown() -> String {
    let mut out = String::from(
        "# テンプレートが受け取る値\n\n\
         `shiryo schema` が資料の種類ごとの値の型から作る一覧です（手で直さないでください）。\
         テンプレートでは `{{ doc.date | wareki }}` のように使います。\
         新しい様式は、`templates/` の同じ種類のテンプレートを `content/<協議会>/templates/` に\
         コピーして直すのが近道です。テンプレートを使わずに council.yaml で変えられる会議録・次第などの\
         いつもの様式は、最後の「会議録と次第のいつもの様式」にあります。同じ項目の組がくり返し出てくる\
         ところは、最初の表だけに中の項目を並べ、あとは「中の項目は … と同じです」と書いています。\n\n\
         フィルタ: `wareki`（令和６年５月２３日）、`wareki_month`、`weekday`（木）、\
         `fiscal_year`（令和６年度。`fiscal_year(日付)` でその日付の元号）、`fiscal_year_short`（Ｒ６）、\
         `time_as(\"午後３時\")`（時刻を書き方に合わせて）、`zen`（全角数字）、`paren_number`（⑴）、\
         `circled_number`（①）、`plain`（見出しを文字だけに）、`typst_str`（Typst の文字列に）。\n\n\
         Web ページ（`shiryo build --html`）は、同じ値を `templates/<名前>.html.j2` で HTML にします\
         （値はすべて HTML 用にエスケープされます）。HTML のテンプレートでは、このほかに `page.pdf`\
         （同じ資料の PDF へのリンク。URL 用にエンコード済み）、`page.pdf_facts`（PDF の大きさとページ数: \
         「PDF：386KB、17ページ」）、`page.name`（資料名）と `page.fragment`（council.yaml の web.form が 部品 \
         のとき true: `common.document` に `fragment=page.fragment` を渡すと、CMS に貼る部分だけを書きます。\
         見出しは shiryo が１段下げます）が使え、フィルタ `attr`\
         （属性 `alt=\"…\"` などに入れる値はかならずこれを通します）、`url`（資料名などからリンクを作るときは\
         かならずこれを通します。`href=\"{{ mat.document | url }}.html\"`）、`notags`（`<title>` 用に文字だけに）、\
         `data_uri`（図を埋め込む）が加わります。\n\n\
         Word ファイル（`shiryo build --docx`）は、同じ値を `templates/<名前>.docx.j2` で Word の XML\
         にします（値はすべて Word 用にエスケープされ、`<w:t>` の中に置けます）。文書のプロパティ（題名、作成者）\
         に入れる値はフィルタ `prop` を通します。図はフィルタ `picture` で本文に入れます\
         （`{{ doc.figure_path | picture(124, doc.figure.alt) }}`: 幅 124 mm、説明つき。SVG は PNG にして入れます）。\
         書き方は docs/word.md を見てください。\n",
    );
    fn schema<T: JsonSchema>() -> Value {
        serde_json::to_value(schema_for!(T)).unwrap_or_default()
    }
    let sections = [
        (
            "annual_report",
            "annual_report.typ.j2",
            schema::<ReportView>(),
        ),
        (
            "minutes",
            "minutes_layout.typ.j2（様式は laid_out: 下の「会議録と次第のいつもの様式」に、council.yaml の \
             minutes: で変えたところを重ねたもの）",
            schema::<MeetingDocView>(),
        ),
        ("agenda", "agenda.typ.j2", schema::<MeetingDocView>()),
        ("packet", "packet.typ.j2", schema::<PacketView>()),
        (
            "member_list",
            "member_list.typ.j2",
            schema::<MemberListView>(),
        ),
    ];
    let kinds: Vec<&str> = sections.iter().map(|(k, _, _)| *k).collect();
    let roots: Vec<&Value> = sections.iter().map(|(_, _, s)| s).collect();
    let rows = rows(&kinds, &roots);
    for (i, (kind, template, _)) in sections.iter().enumerate() {
        out.push_str(&format!(
            "\n## {kind}（templates/{template}）\n\n| 名前 | 種類 | 説明 |\n| --- | --- | --- |\n"
        ));
        for row in rows.iter().filter(|r| r.section == i) {
            let (name, kind, what) = (&row.name, &row.kind, &row.what);
            out.push_str(&format!("| `{name}` | {kind} | {what} |\n"));
        }
    }
    out.push_str(&crate::view::forms::markdown());
    out
}

/// One row of a section's table.
struct Row {
    section: usize,
    /// The names on the way to the value: the table is sorted by them.
    key: Vec<String>,
    name: String,
    kind: String,
    what: String,
}

/// The rows of every section. A group of values (a type: the council, a meeting, a year) is
/// listed once, where it is met first going down level by level (the shallowest place, the
/// earlier section first: `meeting` in minutes, `council` in annual_report); everywhere else
/// it is one row that points there (`next` has the rows of `evaluated`).
fn rows(kinds: &[&str], roots: &[&Value]) -> Vec<Row> {
    use std::collections::{HashMap, VecDeque};
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    let mut rows = Vec::new();
    let mut queue: VecDeque<(usize, &Value, String, Vec<String>, usize)> = (0..roots.len())
        .map(|i| (i, roots[i], String::new(), Vec::new(), 0))
        .collect();
    while let Some((section, node, prefix, key, depth)) = queue.pop_front() {
        let root = roots[section];
        let node = present(root, node);
        let Some(props) = node.get("properties").and_then(Value::as_object) else {
            continue;
        };
        for (name, prop) in props {
            let path = format!("{prefix}{name}");
            let key = [key.clone(), vec![name.clone()]].concat();
            let mut what = {
                let own = describe(prop);
                if own.is_empty() {
                    describe(present(root, prop))
                } else {
                    own
                }
            };
            let inner = present(root, prop);
            // The group a list holds, or the group itself.
            let (group, group_node, below) = match inner.get("items") {
                Some(items) => (ref_name(items), present(root, items), format!("{path}[].")),
                None => (ref_name(prop), inner, format!("{path}.")),
            };
            let has_rows = group_node.get("properties").is_some() && depth < MAX_DEPTH;
            if let (Some(group), true) = (group, has_rows) {
                if let Some((there, first)) = seen.get(group) {
                    let place = if *there == section {
                        format!("`{first}`")
                    } else {
                        format!("{} の `{first}`", kinds[*there])
                    };
                    what.push_str(&format!("（中の項目は {place} と同じです）"));
                    let kind = kind_of(root, prop);
                    rows.push(Row {
                        section,
                        key,
                        name: path,
                        kind,
                        what,
                    });
                    continue;
                }
                seen.insert(group.to_string(), (section, path.clone()));
            }
            let kind = kind_of(root, prop);
            rows.push(Row {
                section,
                key: key.clone(),
                name: path,
                kind,
                what,
            });
            if has_rows {
                queue.push_back((section, group_node, below, key, depth + 1));
            }
        }
    }
    rows.sort_by(|a, b| (a.section, &a.key).cmp(&(b.section, &b.key)));
    rows
}

/// The definition a `$ref` names.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix("#/$defs/")
            .and_then(|name| root.get("$defs")?.get(name))
            .unwrap_or(node),
        None => node,
    }
}

/// The schema of a value that may be absent (`anyOf: [X, null]`, `type: [x, null]`).
fn present<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let node = resolve(root, node);
    match node.get("anyOf").and_then(Value::as_array) {
        Some(options) => options
            .iter()
            .find(|o| o.get("type").and_then(Value::as_str) != Some("null"))
            .map(|o| resolve(root, o))
            .unwrap_or(node),
        None => node,
    }
}

fn kind_of(root: &Value, node: &Value) -> String {
    let node = present(root, node);
    if node.get("properties").is_some() {
        return "項目の組".into();
    }
    if node.get("oneOf").is_some() || node.get("enum").is_some() {
        return "決まった言葉".into();
    }
    let types: Vec<&str> = match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    match types.iter().find(|t| **t != "null") {
        Some(&"string") => "文字列".into(),
        Some(&"integer") => "整数".into(),
        Some(&"boolean") => "真偽（true / false）".into(),
        Some(&"array") => format!(
            "リスト（{}）",
            kind_of(root, node.get("items").unwrap_or(&Value::Null))
        ),
        Some(&"object") => "項目の組".into(),
        _ => "値".into(),
    }
}

fn describe(node: &Value) -> String {
    node.get("description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .replace('\n', " ")
        .replace('|', "／")
}

/// The name of the type a property's schema refers to (`$ref`, also inside `anyOf`).
fn ref_name(node: &Value) -> Option<&str> {
    let direct = node.get("$ref").and_then(Value::as_str);
    let inside = || {
        node.get("anyOf")?
            .as_array()?
            .iter()
            .find_map(|o| o.get("$ref")?.as_str())
    };
    direct.or_else(inside)?.strip_prefix("#/$defs/")
}
