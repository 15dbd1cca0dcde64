//! How a council lists a meeting's materials, in its minutes and its agenda alike: the numbers
//! beside an agenda item, the groups (【事前送付資料】 …) and their words, and the mark before
//! each material.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 資料を事前送付・当日配付・参考資料に分けて見出しを付けるか。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Groups {
    /// ２つ以上の種類があるときだけ分ける。
    #[default]
    Auto,
    /// いつも分ける（１種類でも見出しを付ける）。
    Always,
    /// 分けない（並んだ順に）。
    Never,
}

/// 資料の書き方。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaterialStyle {
    /// 議題の横に印刷する、その議題の資料（{資料} に資料番号が「、」でつながって入ります）。例: "【{資料}】"。
    /// 空なら議題の横には印刷しません。
    #[serde(default = "default_item_materials")]
    pub beside_item: String,
    /// 事前送付の資料の見出し（当日配付か参考資料もあるときに印刷）。
    #[serde(default = "default_sent")]
    pub sent_label: String,
    /// 当日配付の資料の見出し。
    #[serde(default = "default_handout")]
    pub handout_label: String,
    /// 参考資料の見出し。空（""）なら見出しを付けず、参考資料はそれぞれの組（事前送付・当日配付）の中の
    /// 終わりに並びます。
    #[serde(default = "default_reference")]
    pub reference_label: String,
    /// 事前送付・当日配付・参考資料に分けるか: auto（２種類以上あるとき。既定）/ always / never。
    #[serde(default)]
    pub groups: Groups,
    /// 分けないとき、当日配付の資料の後ろに付ける言葉（例: "（当日配付）"）。
    #[serde(default)]
    pub handout_mark: String,
    /// 次第そのもの（materials の agenda: true）も資料の項目に並べるか。
    #[serde(default)]
    pub with_agenda: bool,
    /// 資料の前に付ける印。{番号} が資料番号（資料１）になります。番号の入らない印（"・"）はどの資料にも
    /// 同じ印、"" は印なし。例: "{番号}"（既定）、"・"、"（{番号}）"。
    #[serde(default = "default_mark")]
    pub mark: String,
    /// 参考資料の前に付ける印（書き方は mark と同じ）。
    #[serde(default = "default_mark")]
    pub reference_mark: String,
}

fn default_item_materials() -> String {
    "【{資料}】".into()
}
fn default_sent() -> String {
    "【事前送付資料】".into()
}
fn default_handout() -> String {
    "【当日配付資料】".into()
}
fn default_reference() -> String {
    "【参考資料】".into()
}
fn default_mark() -> String {
    "{番号}".into()
}

impl Default for MaterialStyle {
    fn default() -> Self {
        MaterialStyle {
            beside_item: default_item_materials(),
            sent_label: default_sent(),
            handout_label: default_handout(),
            reference_label: default_reference(),
            groups: Groups::Auto,
            handout_mark: String::new(),
            with_agenda: false,
            mark: default_mark(),
            reference_mark: default_mark(),
        }
    }
}
