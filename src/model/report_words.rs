//! The annual report's own words (`council.yaml`: `report:`): every heading, column label and
//! fixed phrase, with the shipped defaults in this one place. `{年度}` and the other placeholders
//! are filled in by the view, so templates print finished phrases.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The placeholders a label may use, and what each stands for.
pub const PLACEHOLDERS: [(&str, &str); 4] = [
    ("{年度}", "評価する年度（令和６年度）"),
    ("{年度略}", "評価する年度の略（Ｒ６）"),
    ("{次年度}", "次の年度（令和７年度）"),
    ("{会議}", "会議の呼び方（meeting_label、部会）"),
];

/// 評価結果の資料（annual_report）の書き方: 見出し、列の名前、決まった文と、表２の列。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// 見出し、列の名前、決まった文。書かなかったものはいつもの言葉です。{年度} {年度略} {次年度}
    /// {会議} は、その年度（令和６年度、Ｒ６、令和７年度）と会議の呼び方（部会）になります。
    #[serde(default)]
    pub labels: ReportLabels,
    /// 表２に評価の理由の列を入れるか（evaluation.yaml に `1-1: {result: 一部達成, reason: …}`
    /// と書いた理由を印刷します）。
    #[serde(default)]
    pub reason_column: bool,
}

/// Defines `ReportLabels` (what staff write, with defaults) and `fill` (each label with its
/// placeholders replaced) from one list.
macro_rules! report_labels {
    ($($(#[doc = $doc:literal])* $field:ident: $default:literal,)*) => {
        /// 評価結果の資料の言葉（書かなかったものは、いつもの言葉）。
        #[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
        #[serde(deny_unknown_fields, default)]
        pub struct ReportLabels {
            $($(#[doc = $doc])* pub $field: String,)*
        }

        impl Default for ReportLabels {
            fn default() -> Self {
                ReportLabels { $($field: $default.into(),)* }
            }
        }

        impl ReportLabels {
            /// Each label with `f` applied (the placeholders replaced).
            pub fn fill(&self, f: impl Fn(&str) -> String) -> ReportLabels {
                ReportLabels { $($field: f(&self.$field),)* }
            }

            /// Each label with its key, for checking.
            pub fn entries(&self) -> Vec<(&'static str, &str)> {
                vec![$((stringify!($field), self.$field.as_str()),)*]
            }
        }
    };
}

report_labels! {
    /// 表題（既定: {年度}評価結果及び{次年度}目標設定）。
    title: "{年度}評価結果及び{次年度}目標設定",
    /// １の見出し（既定: はじめに）。
    introduction: "はじめに",
    /// ２の見出し（既定: {年度}の評価結果）。
    evaluation: "{年度}の評価結果",
    /// 表１の前の文。
    table1_lead: "{年度}の活動内容に対する成果と課題は表１のとおりです。",
    /// 表１の表題。
    table1: "【表１ {年度}活動内容と成果と課題】",
    /// 表１の左の列（既定: 活動内容）。
    activity: "活動内容",
    /// 表１の右の列（既定: 成果と課題）。
    outcomes: "成果と課題",
    /// 表２の前の文。
    table2_lead: "{年度}の活動目標に対する評価結果は表２のとおりです。",
    /// 表２の表題。
    table2: "【表２ {年度}の評価結果】",
    /// 表２・表３の１列目（既定: にも包括構成要素。重点項目、分野など）。
    component: "にも包括構成要素",
    /// 表２・表３の課題の列。
    issue: "課題",
    /// 表２・表３の活動目標の列。
    goal: "活動目標",
    /// 表２・表３の目標値の列。
    target: "目標値",
    /// 表２の評価の列（既定: {年度略}年度評価結果）。
    result: "{年度略}年度評価結果",
    /// 表２の評価の理由の列（reason_column: true のとき）。
    reason: "評価の理由",
    /// 表２の下の凡例の前の言葉。
    legend: "（評価）",
    /// 評価した年度の委員の一覧の表題。
    members_evaluated: "【{年度}{会議}員】",
    /// ３の見出し。
    goal_setting: "{次年度}の目標設定",
    /// 表３の表題。
    table3: "【表３ {次年度}の活動目標】",
    /// ４の見出し。
    schedule: "{次年度}の活動日程",
    /// ５の見出し。
    members: "{次年度}の{会議}委員の構成",
}

/// The placeholders in `label` that are not one of `PLACEHOLDERS` (`{年}` for `{年度}`).
pub fn unknown_report_placeholders(label: &str) -> Vec<&str> {
    let known: Vec<&str> = PLACEHOLDERS
        .iter()
        .map(|(k, _)| k.trim_start_matches('{').trim_end_matches('}'))
        .collect();
    super::layout::unknown_placeholders(label, &known)
}
