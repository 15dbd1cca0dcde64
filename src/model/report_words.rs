//! The annual report's own words (`council.yaml`: `report:`): every heading, column label and
//! fixed phrase, with the shipped defaults in this one place. `{年度}` and the other placeholders
//! are filled in by the view, so templates print finished phrases.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The placeholders the title lines may use beside `PLACEHOLDERS`.
pub const TITLE_PLACEHOLDERS: [(&str, &str); 3] = [
    ("{協議会}", "協議会と部会の名前"),
    ("{部会}", "部会の名前だけ（部会でなければ協議会の名前）"),
    ("{表題}", "labels の title"),
];

/// The placeholders a label may use, and what each stands for.
pub const PLACEHOLDERS: [(&str, &str); 4] = [
    ("{年度}", "評価する年度（令和６年度）"),
    ("{年度略}", "評価する年度の略（Ｒ６）"),
    ("{次年度}", "次の年度（令和７年度）"),
    ("{会議}", "会議の呼び方（meeting_label、部会）"),
];

/// 評価結果の資料（annual_report）の書き方: 見出し、列の名前、決まった文と、表２の列。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
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
    /// 表２の活動目標の右の列（この順に）: target（目標値）/ actual（実績）/ rate（達成率）/ result（評価）/
    /// reason（評価の理由）。書かなければ [target, result]（reason_column なら reason も）。
    #[serde(default)]
    pub columns: Option<Vec<Column>>,
    /// 題名の行（１行か２行）。{協議会}（協議会と部会の名前）、{部会}（部会の名前だけ。部会でなければ
    /// 協議会の名前）、{表題}（labels の title）と {年度} {年度略} {次年度} {会議} が入ります。書かなければ
    /// ["{協議会}", "{表題}"]。例: ["{部会}報告"]。
    #[serde(default)]
    pub title: Option<Vec<String>>,
    /// 右上に資料の日付（資料の date）を印刷するか。書かなければ true。false なら資料の date は
    /// 書かなくても構いません。
    #[serde(default)]
    pub date: Option<bool>,
    /// 題名の下に作成者（資料の author）を印刷するか。書かなければ true。false なら資料の author は
    /// 書かなくても構いません。
    #[serde(default)]
    pub author: Option<bool>,
    /// 章とその順（書くと、このリストに置き換わります）。書かなければ はじめに、表１、表２、評価した年度の
    /// 委員、表３、活動日程、委員の構成（docs/templates.md の「評価結果の資料の様式」）。資料が求める
    /// ファイル（目標、評価、委員など）は、ここにある章が印刷するものだけです。
    #[serde(default)]
    pub sections: Option<Vec<super::ReportSection>>,
}

/// 表２の列。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// 目標値。
    Target,
    /// 実績（evaluation.yaml の actual）。
    Actual,
    /// 達成率（実績 ÷ 目標値。どちらかに数がなければ空）。
    Rate,
    /// 評価。
    Result,
    /// 評価の理由（evaluation.yaml の reason）。
    Reason,
}

impl Column {
    /// The key a template reads the column's value and label by.
    pub fn key(self) -> &'static str {
        match self {
            Column::Target => "target",
            Column::Actual => "actual",
            Column::Rate => "rate",
            Column::Result => "result",
            Column::Reason => "reason",
        }
    }
}

impl ReportSettings {
    /// The columns of 表２ right of the goal.
    pub fn table2_columns(&self) -> Vec<Column> {
        match &self.columns {
            Some(c) => c.clone(),
            None if self.reason_column => vec![Column::Target, Column::Result, Column::Reason],
            None => vec![Column::Target, Column::Result],
        }
    }
}

/// Defines `ReportLabels` (what staff write, with defaults) and `fill` (each label with its
/// placeholders replaced) from one list.
macro_rules! report_labels {
    ($($(#[doc = $doc:literal])* $field:ident: $default:literal,)*) => {
        /// 評価結果の資料の言葉（書かなかったものは、いつもの言葉）。
        #[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
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
    /// 表２・表３の１列目（既定: 重点項目。にも包括の協議の場なら にも包括構成要素、分野など）。
    component: "重点項目",
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
    /// 表２の実績の列（columns に actual を書いたとき）。
    actual: "実績",
    /// 表２の達成率の列（columns に rate を書いたとき）。
    rate: "達成率",
    /// 表２の下の凡例の前の言葉。
    legend: "（評価）",
    /// 評価した年度の委員の一覧の表題。
    members_evaluated: "【{年度}{会議}員】",
    /// 章の見出しの形（{番号} は １、２…、{見出し} は introduction などの言葉）。
    section_heading: "{番号} {見出し}",
    /// 図の表題（{図} は資料の figure.caption）。
    figure_caption: "【{図}】",
    /// 表１と活動日程の会議の名前（{回} は第何回、{会議} は会議の呼び方か、別に数える会議の series）。
    meeting: "第{回}回{会議}",
    /// 表１の日時の行（{日時}）。
    held_when: "【日時】{日時}",
    /// 表１の場所の行（{場所}）。
    held_place: "【場所】{場所}",
    /// 表１の出席者の行（{人数}）。
    held_attendance: "【出席者】{人数}名",
    /// 表１の講師の行（{講師} は所属と名前）。
    lecturer: "【講師】{講師}",
    /// 表１の参加者の行（{人数} は合計、{内訳} は participants_breakdown）。
    participants: "【参加者】計{人数}名{内訳}",
    /// 参加者の内訳（{内訳} は participant_group を「、」でつないだもの）。
    participants_breakdown: "（{内訳}）",
    /// 参加者の内訳の１つ（{区分}、{人数}）。
    participant_group: "{区分}{人数}名",
    /// 活動日程の日時の行（{日時}）。
    schedule_when: "日時：{日時}",
    /// 活動日程の場所の行（{場所}）。
    schedule_place: "場所：{場所}",
    /// 活動日程の目標の行（{目標} は対応する活動目標を「、」でつないだもの）。
    schedule_goals: "対応する活動目標：{目標}",
    /// 活動日程の内容の行（{内容}）。
    schedule_content: "内容：{内容}",
    /// ３の見出し。
    goal_setting: "{次年度}の目標設定",
    /// 表３の表題。
    table3: "【表３ {次年度}の活動目標】",
    /// ４の見出し。
    schedule: "{次年度}の活動日程",
    /// ５の見出し。
    members: "{次年度}の{会議}委員の構成",
    /// 設置の目的の章（purpose）の見出し。
    purpose: "設置の目的",
    /// 開催状況の章（meetings）の見出し。
    meetings: "{年度}の開催状況",
    /// 検討・協議内容の章（discussion）の見出し。
    discussion: "検討・協議内容",
    /// 引き継ぐ課題の章（carry_over）の見出し。
    carry_over: "{次年度}に引き継ぐ課題",
    /// 開催状況の表の、会議の種類（{回} は第何回）。研修会などの活動は、その名前（activities の name）です。
    meeting_kind: "{会議}",
    /// 開催状況の表の表題（既定は空: PDF には印刷せず、Web ページでは表の名前として章の見出しの言葉を使います）。
    held_caption: "",
    /// 開催状況の表の、種類の列の見出し（様式の columns に kind を書いたとき）。
    held_kind: "区分",
    /// 開催状況の表の、開催日の欄の見出し。
    held_date: "開催日",
    /// 開催状況の表の、主な内容の欄の見出し。
    held_content: "主な内容",
    /// 主な内容の、テーマの行の初め。
    theme_head: "・テーマ：",
    /// 主な内容の、テーマ（{テーマ} は活動の theme）。
    theme: "「{テーマ}」",
    /// 主な内容の、内容の行の初め（活動の activity）。
    content_head: "・内容：",
    /// 主な内容の、講師の行の初め（講師が何人でも、１人ずつ行を分けます）。
    lecturers_head: "・講師：",
    /// 講師の名前（{名前}）。
    lecturer_name: "{名前}氏",
    /// 講師の名前の後ろの、立場と所属（{注記} は role と affiliation を「、」でつないだもの）。
    lecturer_note: "（{注記}）",
    /// 名前のない講師の人数（{人数}。例: 職員２名）。
    lecturer_count: "{人数}名",
    /// 主な内容の、参加者の行の初め。
    participants_head: "・参加者：",
    /// 主な内容の、参加者の合計（{人数}）。参加者の区分（participants の who）の次の行に印刷します。
    participants_total: "計{人数}名",
    /// 主な内容（会議の議題）、検討・協議内容、引き継ぐ課題の一つひとつの初め。
    item_head: "・",
    /// 委員の一覧の１人の書き方（{区分}、{所属}、{職名}、{名前}、{役職}。書いていないものは、すぐ外の
    /// かっこと横の空白ごと省きます）。
    member: "{所属} {職名} {名前}（{役職}）",
    /// 委員の一覧で、区分（members.yaml の category）ごとの見出し（{区分}）。空なら区分ごとにまとめません
    /// （区分を名前の横に書くときは member に {区分} を入れます）。
    member_group: "【{区分}】",
}

/// The placeholders the label `key` fills from each meeting or activity, beside `PLACEHOLDERS`.
pub fn row_placeholders(key: &str) -> &'static [(&'static str, &'static str)] {
    match key {
        "section_heading" => &[("{番号}", "章の番号（１）"), ("{見出し}", "章の見出し")],
        "figure_caption" => &[("{図}", "図の表題")],
        "meeting" => &[("{回}", "第何回（１）")],
        "held_when" | "schedule_when" => &[("{日時}", "日時")],
        "held_place" | "schedule_place" => &[("{場所}", "場所")],
        "held_attendance" => &[("{人数}", "出席者の数")],
        "lecturer" => &[("{講師}", "講師の所属と名前")],
        "participants" => &[("{人数}", "参加者の合計"), ("{内訳}", "内訳")],
        "participants_breakdown" => &[("{内訳}", "内訳の一つひとつ")],
        "participant_group" => &[("{区分}", "内訳の区分"), ("{人数}", "その人数")],
        "schedule_goals" => &[("{目標}", "対応する活動目標")],
        "schedule_content" => &[("{内容}", "内容")],
        "meeting_kind" => &[("{回}", "第何回（１）")],
        "theme" => &[("{テーマ}", "テーマ")],
        "lecturer_name" => &[("{名前}", "講師の名前")],
        "lecturer_note" => &[("{注記}", "講師の立場と所属")],
        "lecturer_count" | "participants_total" => &[("{人数}", "人数")],
        "member" => &[
            ("{区分}", "区分"),
            ("{所属}", "所属"),
            ("{職名}", "所属の中での役職"),
            ("{名前}", "氏名"),
            ("{役職}", "役職"),
        ],
        "member_group" => &[("{区分}", "区分")],
        _ => &[],
    }
}

/// The placeholders in the label `key` that are neither one of `PLACEHOLDERS` nor one it
/// fills from each row (`{年}` for `{年度}`).
pub fn unknown_report_placeholders<'a>(key: &str, label: &'a str) -> Vec<&'a str> {
    let known: Vec<&str> = PLACEHOLDERS
        .iter()
        .chain(row_placeholders(key))
        .map(|(k, _)| k.trim_start_matches('{').trim_end_matches('}'))
        .collect();
    super::layout::unknown_placeholders(label, &known)
}
