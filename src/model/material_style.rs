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

/// 議題の横の資料番号を、かっこ（beside_item）にどうまとめるか。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BesideSplit {
    /// 全部を１つのかっこに（「【資料１、資料２、参考資料１】」。既定）。
    #[default]
    Together,
    /// 資料と参考資料を別のかっこに（「【資料２】【参考資料３】」）。
    ByKind,
    /// １つずつのかっこに（「【資料１】【資料２】」）。
    Each,
}

/// 議題の資料番号を印刷する場所。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BesideAt {
    /// 行の右端（既定）。
    #[default]
    Right,
    /// 議題の題名のすぐ後ろ（「…について（資料１）」）。
    AfterTitle,
}

/// 参考資料を並べる場所（reference_label を書いたとき）。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReferencePlace {
    /// 参考資料だけの組にして、事前送付・当日配付の後ろに（既定）。
    #[default]
    Last,
    /// 配った組（事前送付・当日配付）の中の終わりに、reference_label の見出しを付けて。
    InGroup,
}

/// 資料の書き方。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaterialStyle {
    /// 議題の横に印刷する、その議題の資料（{資料} に資料番号が beside_separator（既定「、」）でつながって入ります）。例: "【{資料}】"。
    /// 空なら議題の横には印刷しません。
    #[serde(default = "default_item_materials")]
    pub beside_item: String,
    /// 議題の横の資料番号と資料番号の間（例: "、"（既定）、"・"）。
    #[serde(default = "default_beside_separator")]
    pub beside_separator: String,
    /// 議題の横の資料番号をかっこにどうまとめるか: together（全部を１つに。既定: 「【資料１、参考資料１】」）/
    /// by_kind（資料と参考資料を別に: 「【資料２】【参考資料３】」）/ each（１つずつ: 「【資料１】【資料２】」）。
    #[serde(default)]
    pub beside_split: BesideSplit,
    /// 議題の横で、同じ種類の資料番号が続くとき、番号の前後の言葉（資料、参考資料、号）を１回だけ書くか
    /// （「【参考資料１・２】」「資料第１・２号」）。
    #[serde(default)]
    pub beside_shared: bool,
    /// 議題の資料番号を印刷する場所: right（行の右端。既定）/ after_title（題名のすぐ後ろ:
    /// beside_item: "（{資料}）" で「…について（資料１）」）。
    #[serde(default)]
    pub beside_at: BesideAt,
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
    /// 参考資料を並べる場所: last（参考資料の組にして、事前送付・当日配付の後ろに。既定）/ in_group
    /// （配った組の中の終わりに、reference_label の見出しを付けて: 【事前送付資料】の中の【参考資料】）。
    #[serde(default)]
    pub references: ReferencePlace,
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
fn default_beside_separator() -> String {
    "、".into()
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
            beside_separator: default_beside_separator(),
            beside_split: BesideSplit::Together,
            beside_shared: false,
            beside_at: BesideAt::Right,
            sent_label: default_sent(),
            handout_label: default_handout(),
            reference_label: default_reference(),
            references: ReferencePlace::Last,
            groups: Groups::Auto,
            handout_mark: String::new(),
            with_agenda: false,
            mark: default_mark(),
            reference_mark: default_mark(),
        }
    }
}
