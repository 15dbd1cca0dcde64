//! How a council's minutes write attendance as counts (`minutes: attendance: counts:`): the
//! lines of members (with their groups and the online share), the absent, the secretariat,
//! the viewers and a total, each a pattern with {人数}.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 人数で記録した会議（meetings.yaml の counts）の、出席者の書き方。どの行も、その行の言葉をすべて書いた形
/// です（members_label や secretariat_label は付きません）。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountStyle {
    /// 出席した委員の行。{人数}、{内訳}（groups の形）、{オンライン}（online の形）が入ります。
    /// 例: "委員{人数}名{内訳}"、"【委員】委員{人数}名{内訳}"、"{人数}人{オンライン}"。
    #[serde(default = "default_members")]
    pub members: String,
    /// 区分ごとの内訳の形（{内訳} に区分が「、」でつながって入ります）。例: "（{内訳}）"。
    #[serde(default = "default_groups")]
    pub groups: String,
    /// 区分１つの形（{区分}、{人数}）。人数を書かない区分は、区分の名前だけになります。
    #[serde(default = "default_group")]
    pub group: String,
    /// うちオンラインで出席した委員の形（{人数}）。例: "（内オンライン参加{人数}人）"。
    #[serde(default = "default_online")]
    pub online: String,
    /// 欠席した委員の行（{人数}）。欠席者の項目があればその中に、なければ出席者の項目に印刷します。
    /// 例: "{人数}名"、"欠席{人数}名"。
    #[serde(default = "default_absent")]
    pub absent: String,
    /// 事務局の行（{人数}）。事務局の項目があればその中に、なければ出席者の項目に印刷します。
    #[serde(default = "default_secretariat")]
    pub secretariat: String,
    /// 傍聴者の行（{人数}: public の viewers）。様式に傍聴者の項目がないとき、出席者の項目に印刷します。
    #[serde(default = "default_viewers")]
    pub viewers: String,
    /// 合計の行（{人数}: 出席者数 attendance、書かなければ出席した委員と事務局とオブザーバーの合計）。
    /// 空（既定）なら印刷しません。例: "（計{人数}名）"。
    #[serde(default)]
    pub total: String,
}

fn default_members() -> String {
    "委員{人数}名{内訳}{オンライン}".into()
}
fn default_groups() -> String {
    "（{内訳}）".into()
}
fn default_group() -> String {
    "{区分}{人数}名".into()
}
fn default_online() -> String {
    "（うちオンライン{人数}名）".into()
}
fn default_absent() -> String {
    "欠席{人数}名".into()
}
fn default_secretariat() -> String {
    "事務局{人数}名".into()
}
fn default_viewers() -> String {
    "傍聴{人数}名".into()
}

impl Default for CountStyle {
    fn default() -> Self {
        CountStyle {
            members: default_members(),
            groups: default_groups(),
            group: default_group(),
            online: default_online(),
            absent: default_absent(),
            secretariat: default_secretariat(),
            viewers: default_viewers(),
            total: String::new(),
        }
    }
}
