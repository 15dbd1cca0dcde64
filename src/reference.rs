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
         `data_uri`（図を埋め込む）が加わります。\n",
    );
    let mut seen = Seen::new();
    section::<ReportView>(&mut out, &mut seen, "annual_report", "annual_report.typ.j2");
    section::<MeetingDocView>(
        &mut out,
        &mut seen,
        "minutes",
        "minutes_layout.typ.j2（様式は laid_out: 下の「会議録と次第のいつもの様式」に、council.yaml の \
         minutes: で変えたところを重ねたもの）",
    );
    section::<MeetingDocView>(&mut out, &mut seen, "agenda", "agenda.typ.j2");
    section::<PacketView>(&mut out, &mut seen, "packet", "packet.typ.j2");
    section::<MemberListView>(&mut out, &mut seen, "member_list", "member_list.typ.j2");
    out.push_str(&crate::forms::markdown());
    out
}

/// The groups of values listed so far: the type's name → the section and the name under
/// which its rows are (`council`, `evaluated`). A group met again is one row that points
/// there (`next` has the rows of `evaluated`; every document's `council` those of the first).
type Seen = std::collections::HashMap<String, (String, String)>;

fn section<T: JsonSchema>(out: &mut String, seen: &mut Seen, kind: &str, template: &str) {
    let schema = serde_json::to_value(schema_for!(T)).unwrap_or_default();
    out.push_str(&format!(
        "\n## {kind}（templates/{template}）\n\n| 名前 | 種類 | 説明 |\n| --- | --- | --- |\n"
    ));
    let mut rows = Vec::new();
    let mut walker = Walker {
        root: &schema,
        kind,
        seen,
        rows: &mut rows,
    };
    walker.walk(&schema, "", 0);
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

struct Walker<'a> {
    root: &'a Value,
    kind: &'a str,
    seen: &'a mut Seen,
    rows: &'a mut Vec<(String, String, String)>,
}

impl Walker<'_> {
    fn walk(&mut self, node: &Value, prefix: &str, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let root = self.root;
        let node = present(root, node);
        let Some(props) = node.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (name, prop) in props {
            let path = format!("{prefix}{name}");
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
            let (group, below) = match inner.get("items") {
                Some(items) => (ref_name(items), format!("{path}[].")),
                None => (ref_name(prop), format!("{path}.")),
            };
            let group_node = match inner.get("items") {
                Some(items) => present(root, items),
                None => inner,
            };
            let has_rows = group_node.get("properties").is_some();
            if let (Some(group), true) = (group, has_rows) {
                if let Some((kind, first)) = self.seen.get(group) {
                    let there = if kind == self.kind {
                        format!("`{first}`")
                    } else {
                        format!("{kind} の `{first}`")
                    };
                    what.push_str(&format!("（中の項目は {there} と同じです）"));
                    self.rows.push((path, kind_of(root, prop), what));
                    continue;
                }
                // Listed here only when its rows are (not below the depth listed).
                if depth < MAX_DEPTH {
                    self.seen
                        .insert(group.to_string(), (self.kind.to_string(), path.clone()));
                }
            }
            self.rows.push((path, kind_of(root, prop), what));
            if has_rows {
                self.walk(group_node, &below, depth + 1);
            }
        }
    }
}
