//! `meetings.yaml`'s `counts:`: who came to a meeting, counted instead of named (委員19名,
//! 事務局16名), with the members' groups (学識経験者3名, …) and how many joined online.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 出席者などの人数（名前でなく人数で記録した会議）。書いた会議の会議録は、出席者を人数で印刷します
/// （書き方は council.yaml の minutes: の attendance.counts）。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Headcount {
    /// 出席した委員の数。書かなければ、groups の人数の合計か、名簿（members.yaml）の委員から欠席者
    /// （absent）を除いた数。
    #[serde(default)]
    pub members: Option<u32>,
    /// 出席した委員の区分ごとの内訳（例: [{group: 学識経験者, count: 3}]）。人数を書かない区分は名前だけ
    /// （例: [障害者団体, 家族会]）。
    #[serde(default)]
    pub groups: Vec<CountGroup>,
    /// 出席した委員のうち、オンラインで出席した数。書かなければ online の人数。
    #[serde(default)]
    pub online: Option<u32>,
    /// 欠席した委員の数。書かなければ absent の人数。
    #[serde(default)]
    pub absent: Option<u32>,
    /// 事務局の人数。書かなければ staff の人数（count を含む）か secretariat の数。
    #[serde(default)]
    pub secretariat: Option<u32>,
}

/// 委員の区分１つ: 名前だけ（障害者団体）か、名前と人数（{group: 学識経験者, count: 3}）。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "区分（groups の１つ）には、区分の名前（例: 家族会）か {group: 区分の名前, count: 人数} を書いてください。"
)]
pub enum CountGroup {
    /// 区分の名前だけ。
    Name(String),
    /// 区分の名前と人数。
    Counted {
        /// 区分の名前（例: 学識経験者）。
        group: String,
        /// 人数。
        count: u32,
    },
}

impl CountGroup {
    pub fn name(&self) -> &str {
        match self {
            CountGroup::Name(n) | CountGroup::Counted { group: n, .. } => n,
        }
    }

    pub fn count(&self) -> Option<u32> {
        match self {
            CountGroup::Name(_) => None,
            CountGroup::Counted { count, .. } => Some(*count),
        }
    }
}
