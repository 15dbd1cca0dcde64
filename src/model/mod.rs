//! The content model: what staff write in YAML under `content/`.
//!
//! Each fact is written once. Everything that can be derived (titles, re-listed goal texts,
//! the evaluation of a re-listed goal, meeting numbers in headings) is derived in `view`.
//!
//! Layout of one council folder:
//!
//! ```text
//! content/<council>/council.yaml          the council, its vocabulary
//! content/<council>/<fiscal year>/goals.yaml       e.g. 2024/goals.yaml
//! content/<council>/<fiscal year>/meetings.yaml    meetings held or planned that year
//! content/<council>/<fiscal year>/evaluation.yaml  the results of that year's goals
//! content/<council>/<fiscal year>/members.yaml     the members that year
//! content/<council>/documents/<name>.yaml          one file per PDF to build
//! ```

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::dates;
use crate::text::japanese;

mod agenda_layout;
pub mod council;
mod count_style;
mod document;
mod headcount;
mod layout;
mod list_marks;
mod material_style;
mod meeting;
mod minutes_form;
mod report_form;
mod report_words;
mod style;
pub use agenda_layout::*;
pub use count_style::*;
pub use document::*;
pub use headcount::*;
pub use layout::*;
pub use list_marks::*;
pub use material_style::*;
pub use meeting::*;
pub use minutes_form::*;
pub use report_form::*;
pub use report_words::*;
pub use style::*;

/// council.yaml: 協議会（または部会）と、その協議会が使う言葉。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Council {
    /// 協議会の正式な名前（例: 〇〇市地域自立支援協議会）。
    pub name: String,
    /// このフォルダが部会のとき、その部会の名前。
    #[serde(default)]
    pub body: Option<String>,
    /// 会議の呼び方: 部会 →「第１回部会」、協議会 →「第１回協議会」。
    pub meeting_label: String,
    /// 評価に使う言葉（例: [達成, 一部達成, 未達成]）。評価をしない協議会（評価の表のない報告、
    /// 会議録や次第だけ）は書かなくて構いません。
    #[serde(default)]
    pub evaluation_words: Vec<String>,
    /// 評価の凡例: 評価の言葉が記号（◎ ○ △ ×）のとき、その意味と印刷する場所。
    #[serde(default)]
    pub evaluation_legend: Option<Legend>,
    /// 評価の決まり: 達成率（実績 ÷ 目標値）から評価を決める決まり（上から順に、最初に当てはまるもの）。
    /// 例: [{word: A, at_least: 110}, {word: B, at_least: 80}, {word: C, at_least: 50}, {word: D}]。
    /// check が、書いた評価と決まりの違いを知らせます。
    #[serde(default)]
    pub evaluation_rules: Vec<EvaluationRule>,
    /// 設置の目的（段落ごとに１行）。報告の様式に purpose の章があれば、そこに印刷します。
    #[serde(default)]
    pub purpose: Vec<String>,
    /// 委員の役職（例: [部会長, 副部会長]）。
    #[serde(default)]
    pub roles: Vec<String>,
    /// 委員の区分（例: [識見を有する者, 関係団体の代表者, アドバイザー] や [第１号委員, 第２号委員]）。
    /// 書けば members.yaml の category はこのどれかにし、区分ごとにまとめるときはこの順に並びます。
    /// 書かなければ、members.yaml に出てきた順です。
    #[serde(default)]
    pub categories: Vec<String>,
    /// 目標の文で「…（以下「略称」という。）」と定義した語: 略称: 元の語句。【再掲】の行では定義を
    /// くり返さず、略称だけを使います。
    #[serde(default)]
    pub terms: BTreeMap<String, String>,
    /// 書き方の決まり（協議会の様式）: 時刻、数字、番号、名前の書き方など。すべての資料に効きます。
    /// 書かなければ資料の種類ごとのいつもの形です。
    #[serde(default)]
    pub style: HouseStyle,
    /// 会議録の様式: 項目とその見出し、順、題名、出席者や発言者の書き方。書いたところだけが、いつもの様式
    /// （style.minutes の ruled か headings。docs/templates.md の「会議録と次第のいつもの様式」）から変わります。
    #[serde(default)]
    pub minutes: Option<MinutesChanges>,
    /// 次第の様式: 題名、日時と場所の行、資料の見出しと書き方。書けば次第（と資料一式のページ）はこの様式に
    /// なります。
    #[serde(default)]
    pub agenda: Option<AgendaDescription>,
    /// 資料一式の言葉: 題名、Web ページの見出し、ページの示し方。書かなかったものはいつもの言葉です。
    #[serde(default)]
    pub packet: PacketWords,
    /// 委員名簿の言葉: 列の見出しと、題名の下の日付。書かなかったものはいつもの言葉です。
    #[serde(default)]
    pub member_list: MemberListWords,
    /// 評価結果の資料の見出し、列の名前、決まった文と、表２の列。書かなければいつもの言葉です。
    #[serde(default)]
    pub report: ReportSettings,
    /// Web ページ（build --html）の形: ページ（そのまま公開できる１つのページ）か、部品（市の CMS の
    /// ページに HTML のソースとして貼る部分）。書かなければ ページ。
    #[serde(default)]
    pub web: WebSettings,
    /// PDF のほかに、いつも作るもの（例: [Web ページ, Word]）。build や watch に --html、--docx を
    /// 付けたのと同じです（serve はいつもどちらも作ります）。書かなければ PDF だけです。
    #[serde(default)]
    pub outputs: Vec<ExtraOutput>,
}

/// PDF のほかに作るもの。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum ExtraOutput {
    /// 市のホームページに載せる Web ページ（.html）。
    #[serde(rename = "Web ページ", alias = "Webページ", alias = "html")]
    Web,
    /// 委員への確認や決裁に使う Word のファイル（.docx）。
    #[serde(rename = "Word", alias = "docx")]
    Word,
}

/// Web ページの書き方。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WebSettings {
    /// ページ: `<html>` から始まる１つのページ（そのまま公開するとき）。部品: `<div class="shiryo">`
    /// だけの部分（CMS のページに貼るとき。見出しは h2 から、スタイルはこの div の中だけに効きます）。
    #[serde(default)]
    pub form: WebForm,
}

/// Web ページの形。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum WebForm {
    /// そのまま公開できる１つのページ。
    #[default]
    #[serde(rename = "ページ", alias = "page")]
    Page,
    /// CMS のページに貼る部分。
    #[serde(rename = "部品", alias = "fragment")]
    Fragment,
}

/// <年度>/goals.yaml: その年度の構成要素、課題、活動目標。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalSet {
    /// 構成要素（重点項目、にも包括の構成要素など。順に）。
    pub components: Vec<Component>,
}

/// 構成要素（重点項目など）１つと、その課題。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// 構成要素の番号（協議の場の設置なら １）。
    pub number: u32,
    /// 名前。
    pub name: String,
    /// この構成要素の課題。
    pub issues: Vec<Issue>,
}

/// 課題１つと、それに対する活動目標。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// 課題の欄に書く文。
    pub issue: String,
    /// この課題の活動目標。
    pub goals: Vec<Goal>,
}

/// 活動目標１つ。文（activity と target）を書くか、【再掲】なら repeats に再掲元の番号だけを書きます。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// 目標番号（例: 3-5 または ３－５）。
    pub number: GoalNo,
    /// 活動目標。
    #[serde(default)]
    pub activity: Option<String>,
    /// 目標値。
    #[serde(default)]
    pub target: Option<String>,
    /// 引用するときの短い名前（活動日程の「３－１（共同生活援助事業所との個別事例の検討）」）。
    #[serde(default)]
    pub label: Option<String>,
    /// 再掲元の目標番号（【再掲】）。文と評価は再掲元から入ります。
    #[serde(default)]
    pub repeats: Option<GoalNo>,
}

/// <年度>/evaluation.yaml: その年度の目標ごとの評価（【再掲】の目標には書きません）。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// 目標番号: 評価（例: 1-1: 達成）、または評価と理由（例: 1-1: {result: 一部達成, reason: …}）。
    /// まだ評価していない目標は、評価を空にしておけます（`1-1:`）。
    pub results: BTreeMap<GoalNo, Option<GoalResult>>,
}

/// 評価の決まりの１行: 達成率が at_least ％以上なら word（at_least を書かなければ残りすべて）。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationRule {
    /// 評価の言葉（evaluation_words のどれか）。
    pub word: String,
    /// 達成率（％）がこれ以上なら、この評価。
    #[serde(default)]
    pub at_least: Option<f64>,
}

/// 目標１つの評価: 評価の言葉だけ（`達成`）か、評価と理由（`{result: 一部達成, reason: …}`）。
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum GoalResult {
    /// 評価の言葉（council.yaml の evaluation_words のどれか）。
    Word(String),
    /// 評価と、その理由。
    Detailed(ResultDetail),
}

/// 評価と、その理由。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultDetail {
    /// 評価の言葉（council.yaml の evaluation_words のどれか）。
    #[serde(default)]
    pub result: Option<String>,
    /// 評価の理由（council.yaml の report.reason_column が true のとき表２に印刷します）。
    #[serde(default)]
    pub reason: Option<String>,
    /// 実績（例: ３人）。目標値と実績に数があれば達成率が計算されます（report.columns の actual、rate）。
    #[serde(default)]
    pub actual: Option<String>,
}

impl GoalResult {
    /// The result word, if written.
    pub fn word(&self) -> Option<&str> {
        match self {
            GoalResult::Word(w) => Some(w),
            GoalResult::Detailed(d) => d.result.as_deref(),
        }
    }

    /// The reason, if written.
    pub fn reason(&self) -> Option<&str> {
        match self {
            GoalResult::Word(_) => None,
            GoalResult::Detailed(d) => d.reason.as_deref(),
        }
    }

    /// The actual value (実績), if written.
    pub fn actual(&self) -> Option<&str> {
        match self {
            GoalResult::Word(_) => None,
            GoalResult::Detailed(d) => d.actual.as_deref(),
        }
    }
}

/// A word or a map: read by hand (not `untagged`) so that a wrong key in the map is reported
/// with its own message and line.
impl<'de> Deserialize<'de> for GoalResult {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = GoalResult;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("評価の言葉、または result: と reason: の組")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<GoalResult, E> {
                Ok(GoalResult::Word(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<GoalResult, A::Error> {
                ResultDetail::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(GoalResult::Detailed)
            }
        }
        d.deserialize_any(V)
    }
}

/// <年度>/members.yaml: その年度の委員。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberList {
    /// 委員（名簿の順に）。
    pub members: Vec<Member>,
}

/// 委員１人（区分、所属、所属での役職、氏名、役職）。所属か氏名の少なくとも一方を書きます。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// 区分（例: 識見を有する者、第２号委員、アドバイザー）。委員名簿では区分ごとの見出しか区分の列に、
    /// 評価結果の委員の一覧では区分ごとの見出しに、会議録では minutes.attendance の category_label か
    /// member の {区分} のとおりに印刷します。
    #[serde(default)]
    pub category: Option<String>,
    /// 所属（会議録に所属が載らないときは書かなくて構いません）。
    #[serde(default)]
    pub organization: Option<String>,
    /// 所属の中での役職（例: 理事長、所長、課長）。所属と氏名の間に印刷します（会議録では member の
    /// {職名}）。
    #[serde(default)]
    pub post: Option<String>,
    /// 氏名。
    #[serde(default)]
    pub name: Option<String>,
    /// 役職（council.yaml の roles のどれか）。
    #[serde(default)]
    pub role: Option<String>,
}

/// A goal number (component, sequence): written `3-5` or `３－５`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GoalNo {
    pub component: u32,
    pub seq: u32,
}

impl fmt::Display for GoalNo {
    /// The form printed in documents: ３－５.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&japanese::goal_number(self.component, self.seq))
    }
}

impl std::str::FromStr for GoalNo {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        japanese::parse_goal_number(s).map(|(component, seq)| GoalNo { component, seq })
    }
}

/// A calendar day, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub time::Date);

impl std::str::FromStr for Day {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        dates::parse_date(s).map(Day)
    }
}

impl fmt::Display for Day {
    /// ISO form, the form templates receive (filters format it in Japanese).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
    }
}

/// A time of day, written `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(pub dates::ClockTime);

impl std::str::FromStr for Clock {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        dates::parse_time(s).map(Clock)
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour, self.0.minute)
    }
}

/// Scalars written as strings in YAML: parsed on load (so serde_yaml reports the line of a bad
/// value), printed back in their canonical string form, described as patterned strings in the
/// JSON Schema.
macro_rules! string_scalar {
    ($ty:ty, $name:literal, $pattern:literal, $what:literal) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $what,
                })
            }
        }
    };
}

string_scalar!(
    GoalNo,
    "GoalNo",
    "^\\s*[0-9０-９]+\\s*[-－]\\s*[0-9０-９]+\\s*$",
    "目標番号（例: 3-5）"
);
string_scalar!(
    Day,
    "Day",
    "^[0-9０-９]{4}-[0-9０-９]{1,2}-[0-9０-９]{1,2}$",
    "日付（例: 2025-03-25）"
);
string_scalar!(
    Clock,
    "Clock",
    "^[0-9０-９]{1,2}[:：][0-9０-９]{2}$",
    "時刻（例: 15:00）"
);
