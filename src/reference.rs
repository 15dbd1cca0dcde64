//! The template reference for staff: for each document type, every value its template receives,
//! with its kind and what it is. Generated from the view types (their JSON Schemas), written to
//! `docs/templates.md` by `shiryo schema`, and checked by a test, so it is never stale.

use schemars::{JsonSchema, schema_for};
use serde_json::Value;

use crate::documents::{MeetingDocView, MemberListView, PacketView, ReportView};

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
         コピーして直すのが近道です。\n\n\
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
         に入れる値はフィルタ `prop` を通します。書き方は docs/word.md を見てください。\n",
    );
    section::<ReportView>(&mut out, "annual_report", "annual_report.typ.j2");
    section::<MeetingDocView>(
        &mut out,
        "minutes",
        "minutes_layout.typ.j2（様式は laid_out: council.yaml の minutes:、書かなければ style.minutes の\
         いつもの様式 src/model/shipped/minutes_*.yaml）",
    );
    section::<MeetingDocView>(&mut out, "agenda", "agenda.typ.j2");
    section::<PacketView>(&mut out, "packet", "packet.typ.j2");
    section::<MemberListView>(&mut out, "member_list", "member_list.typ.j2");
    out
}

fn section<T: JsonSchema>(out: &mut String, kind: &str, template: &str) {
    let schema = serde_json::to_value(schema_for!(T)).unwrap_or_default();
    out.push_str(&format!(
        "\n## {kind}（templates/{template}）\n\n| 名前 | 種類 | 説明 |\n| --- | --- | --- |\n"
    ));
    let mut rows = Vec::new();
    walk(&schema, &schema, "", 0, &mut rows);
    for (name, kind, what) in rows {
        out.push_str(&format!("| `{name}` | {kind} | {what} |\n"));
    }
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

fn walk(
    root: &Value,
    node: &Value,
    prefix: &str,
    depth: usize,
    rows: &mut Vec<(String, String, String)>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let node = present(root, node);
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, prop) in props {
        let path = format!("{prefix}{name}");
        let what = {
            let own = describe(prop);
            if own.is_empty() {
                describe(present(root, prop))
            } else {
                own
            }
        };
        rows.push((path.clone(), kind_of(root, prop), what));
        let inner = present(root, prop);
        if inner.get("properties").is_some() {
            walk(root, inner, &format!("{path}."), depth + 1, rows);
        } else if let Some(items) = inner.get("items") {
            walk(root, items, &format!("{path}[]."), depth + 1, rows);
        }
    }
}
