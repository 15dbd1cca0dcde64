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

use crate::japanese;

mod style;
pub use style::*;

/// council.yaml: 協議会（または部会）と、その協議会が使う言葉。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Council {
    /// 協議会の正式な名前（例: 〇〇市地域自立支援協議会）。
    pub name: String,
    /// このフォルダが部会のとき、その部会の名前。
    #[serde(default)]
    pub body: Option<String>,
    /// 会議の呼び方: 部会 →「第１回部会」、協議会 →「第１回協議会」。
    pub meeting_label: String,
    /// 評価に使う言葉（例: [達成, 一部達成, 未達成]）。
    pub evaluation_words: Vec<String>,
    /// 評価の凡例: 評価の言葉が記号（◎ ○ △ ×）のとき、その意味と印刷する場所。
    #[serde(default)]
    pub evaluation_legend: Option<Legend>,
    /// 委員の役職（例: [部会長, 副部会長]）。
    #[serde(default)]
    pub roles: Vec<String>,
    /// 目標の文で「…（以下「略称」という。）」と定義した語: 略称: 元の語句。【再掲】の行では定義を
    /// くり返さず、略称だけを使います。
    #[serde(default)]
    pub terms: BTreeMap<String, String>,
    /// 書き方の決まり（協議会の様式）: 時刻、数字、番号、名前の書き方など。すべての資料に効きます。
    /// 書かなければ資料の種類ごとのいつもの形です。
    #[serde(default)]
    pub style: HouseStyle,
}

/// <年度>/goals.yaml: その年度の構成要素、課題、活動目標。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalSet {
    /// にも包括の構成要素（順に）。
    pub components: Vec<Component>,
}

/// にも包括の構成要素１つと、その課題。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// 課題の欄に書く文。
    pub issue: String,
    /// この課題の活動目標。
    pub goals: Vec<Goal>,
}

/// 活動目標１つ。文（activity と target）を書くか、【再掲】なら repeats に再掲元の番号だけを書きます。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
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

/// <年度>/meetings.yaml: その年度の会議（開いたもの、予定）と、会議でない活動。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingList {
    /// 会議（第１回から順に）。
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// 会議でない活動（プロジェクトチーム、研修会、講演会など）。表１の行になります。
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// 会議を１度も開かなかった（開かない）年度の理由。表１や活動日程に会議の代わりに印刷されます。
    /// 会議が１つもないのにこれがないと誤りになります。
    #[serde(default)]
    pub not_held: Option<String>,
}

/// 会議１回。予定の会議は、決まっていないこと（日付、場所）を書かなければ「未定」と印刷されます。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// 第N回の N。
    pub number: u32,
    /// 開催日（YYYY-MM-DD）。書かなければ「未定」。
    #[serde(default)]
    pub date: Option<Day>,
    /// 開始時刻（HH:MM）。
    #[serde(default)]
    pub start: Option<Clock>,
    /// 終了時刻（HH:MM）。
    #[serde(default)]
    pub end: Option<Clock>,
    /// 書面開催などで期間があるとき、その最後の日（回答期限）。日時は「date～until」と印刷されます。
    #[serde(default)]
    pub until: Option<Day>,
    /// 場所。書かなければ「未定」。
    #[serde(default)]
    pub venue: Option<String>,
    /// 出席者数。
    #[serde(default)]
    pub attendance: Option<u32>,
    /// 活動内容（表１）。
    #[serde(default)]
    pub activity: Option<String>,
    /// この会議が対応する活動目標の番号。
    #[serde(default)]
    pub goals: Vec<GoalNo>,
    /// 内容（目標に対応しない会議の説明）。
    #[serde(default)]
    pub content: Option<String>,
    /// 成果と課題（段落ごとに１行）。
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// 開催の仕方: in_person（対面、既定）/ online / hybrid / written（書面開催）。
    #[serde(default)]
    pub format: MeetingFormat,
    /// 欠席した委員（members.yaml の name と同じ書き方）。「（欠席）」と印刷されます。
    #[serde(default)]
    pub absent: Vec<String>,
    /// 事務局（職名）。
    #[serde(default)]
    pub secretariat: Vec<String>,
    /// 事務局の担当課（例: 保健福祉部障害福祉課）。事務局の職名の前に印刷されます。
    #[serde(default)]
    pub secretariat_department: Option<String>,
    /// 出席者の名前に敬称を付けないこと（「（敬称略）」と印刷されます）。
    #[serde(default)]
    pub honorifics_omitted: bool,
    /// オブザーバー（肩書きと名前）。
    #[serde(default)]
    pub observers: Vec<String>,
    /// 傍聴の可否と傍聴者、会議録の公開。
    #[serde(default)]
    pub public: Option<PublicViewing>,
    /// 会議次第と、議題ごとの会議結果（record）。
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// 提出資料（この順に 資料１、資料２… と番号が付きます）。
    #[serde(default)]
    pub materials: Vec<Material>,
}

/// 開催の仕方。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingFormat {
    /// 対面.
    #[default]
    InPerson,
    /// オンライン.
    Online,
    /// 対面とオンラインの併用.
    Hybrid,
    /// 書面開催.
    Written,
}

/// 傍聴。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicViewing {
    /// 傍聴できるか（true / false）。
    pub allowed: bool,
    /// 傍聴者: 人数（例: 3）か、人数を書かないときは なし / あり。
    #[serde(default)]
    pub viewers: Option<Viewers>,
    /// 傍聴不可の理由。
    #[serde(default)]
    pub reason: Option<String>,
    /// 会議録の公開: 会議とは別に決めるとき（例: 会議は公開、会議録は個人情報のため非公開）。
    #[serde(default)]
    pub minutes: Option<MinutesDisclosure>,
}

/// 傍聴者: 人数、または なし / あり。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Viewers {
    /// 人数。
    Count(u32),
    /// なし / あり（人数を書かないとき）。
    Word(ViewersWord),
}

/// 傍聴者が いたか いなかったか。
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
pub enum ViewersWord {
    #[serde(rename = "なし")]
    None,
    #[serde(rename = "あり")]
    Some,
}

/// 会議録を公開するか、しないならその理由。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesDisclosure {
    /// 公開するか（true / false）。
    pub public: bool,
    /// 公開しない理由。
    #[serde(default)]
    pub reason: Option<String>,
}

/// 会議次第の議題１つ（１、２…。下の段は ⑴、⑵…）。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// 次第に印刷する議題。
    pub title: String,
    /// 下の段の議題。
    #[serde(default)]
    pub items: Vec<AgendaItem>,
    /// 会議結果（発言や決まったこと、順に）。
    #[serde(default)]
    pub record: Vec<RecordEntry>,
}

/// 会議結果の１項目。bullet、note、question（と answer）、next_meeting: true のどれか１つを書きます。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordEntry {
    /// 発言や報告の要点。「・…」と印刷されます。
    #[serde(default)]
    pub bullet: Option<String>,
    /// A line as it is, e.g. 「（意見なし。承諾された。）」 or 「（以下意見要旨）」.
    #[serde(default)]
    pub note: Option<String>,
    /// 質問。「・…」と印刷されます。
    #[serde(default)]
    pub question: Option<String>,
    /// 質問への答え。「⇒…」と印刷されます。
    #[serde(default)]
    pub answer: Option<String>,
    /// 次回の開催日（meetings.yaml の次の会議から入ります）。
    #[serde(default)]
    pub next_meeting: bool,
    /// 発言者: 委員、事務局、会長 など。印刷は「（委員）…」。
    #[serde(default)]
    pub speaker: Option<String>,
    /// 答えた人（answer の発言者）: 事務局 など。印刷は「⇒（事務局）…」。
    #[serde(default)]
    pub answerer: Option<String>,
}

/// 会議の資料１つ。並んだ順に番号が付きます。次第そのもの（agenda: true）は番号なし。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// 資料の名前（例: 〇〇市協議会委員名簿）。
    pub title: String,
    /// この資料が次第そのものか。
    #[serde(default)]
    pub agenda: bool,
    /// shiryo が作る資料（documents の資料名）。
    #[serde(default)]
    pub document: Option<String>,
    /// 受け取った PDF（協議会のフォルダからの場所）。
    #[serde(default)]
    pub file: Option<String>,
    /// 当日配付か（書かなければ事前送付）。
    #[serde(default)]
    pub handout: bool,
}

/// 会議でない活動（表１の１行）。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// 名前。
    pub name: String,
    /// 活動内容。
    pub activity: String,
    /// 成果と課題（段落ごとに１行）。
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// 研修会・講演会などの開催日（YYYY-MM-DD）。書くと表１に【日時】【場所】が印刷されます。
    #[serde(default)]
    pub date: Option<Day>,
    /// 開始時刻。
    #[serde(default)]
    pub start: Option<Clock>,
    /// 終了時刻。
    #[serde(default)]
    pub end: Option<Clock>,
    /// 期間があるときの最後の日。
    #[serde(default)]
    pub until: Option<Day>,
    /// 場所。
    #[serde(default)]
    pub venue: Option<String>,
    /// 開催の仕方（in_person / online / hybrid / written）。
    #[serde(default)]
    pub format: MeetingFormat,
    /// 講師（研修会・講演会）。
    #[serde(default)]
    pub lecturer: Option<Lecturer>,
    /// 参加者（合計と内訳）。
    #[serde(default)]
    pub participants: Option<Participants>,
}

/// 講師: 名前と所属。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lecturer {
    /// 氏名。
    pub name: String,
    /// 所属・肩書（例: 桜台こころのクリニック院長）。
    #[serde(default)]
    pub affiliation: Option<String>,
}

/// 参加者: 合計（計６３名）と内訳。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participants {
    /// 合計人数。内訳だけ書けば内訳の合計になります。
    #[serde(default)]
    pub total: Option<u32>,
    /// 内訳（例: - {group: 市民, count: 40}）。
    #[serde(default)]
    pub breakdown: Vec<ParticipantGroup>,
}

/// 参加者の内訳の１行。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantGroup {
    /// 区分（市民、事業所職員 など）。
    pub group: String,
    /// 人数。
    pub count: u32,
}

/// <年度>/evaluation.yaml: その年度の目標ごとの評価（【再掲】の目標には書きません）。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// 目標番号: 評価（例: 1-1: 達成）。まだ評価していない目標は、評価を空にしておけます（`1-1:`）。
    pub results: BTreeMap<GoalNo, Option<String>>,
}

/// <年度>/members.yaml: その年度の委員。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberList {
    /// 委員（名簿の順に）。
    pub members: Vec<Member>,
}

/// 委員１人（所属、氏名、役職）。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// 所属。
    pub organization: String,
    /// 氏名。
    #[serde(default)]
    pub name: Option<String>,
    /// 役職（council.yaml の roles のどれか）。
    #[serde(default)]
    pub role: Option<String>,
}

/// documents/<資料名>.yaml: 作る PDF １つ。type で種類を決めます。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Document {
    /// 評価結果及び目標設定: year の年度の評価と、次の年度の目標。
    AnnualReport(Box<AnnualReport>),
    /// 会議１回の会議録（要点記録）。
    Minutes(MeetingDocument),
    /// 会議１回の次第（議題と資料）。
    Agenda(MeetingDocument),
    /// 会議資料一式: 次第と、資料番号を押したすべての資料。
    Packet(Packet),
    /// 委員名簿: その年度の委員。
    MemberList(MemberListDocument),
}

/// 会議１回についての資料。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingDocument {
    /// 会議の年度（西暦。令和６年度なら 2024）。
    pub year: i32,
    /// draft（案）または final（確定、既定）。
    #[serde(default)]
    pub status: Status,
    /// 第N回の N。
    pub meeting: u32,
    /// 右上に印刷する資料番号。
    #[serde(default)]
    pub material: Option<String>,
    /// 使うテンプレート（templates/ のファイル名から .typ.j2 を除いたもの）。書かなければいつものもの。
    #[serde(default)]
    pub template: Option<String>,
}

/// 会議の資料一式。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Packet {
    pub year: i32,
    /// draft（案）または final（確定、既定）。
    #[serde(default)]
    pub status: Status,
    pub meeting: u32,
    /// ページ番号: continuous（通し）または per_material（資料ごとに１から）。
    #[serde(default)]
    pub page_numbers: PageNumbers,
    #[serde(default)]
    pub template: Option<String>,
}

/// 資料一式のページ番号の付け方。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageNumbers {
    /// 資料一式を通して １、２、３…。
    #[default]
    Continuous,
    /// 資料ごとに １ から。
    PerMaterial,
}

/// その年度の委員名簿。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberListDocument {
    pub year: i32,
    /// draft（案）または final（確定、既定）。
    #[serde(default)]
    pub status: Status,
    /// 題名（例: 委員名簿）。
    pub title: String,
    #[serde(default)]
    pub material: Option<String>,
    /// 印刷する日付（YYYY-MM-DD）。
    pub date: Day,
    #[serde(default)]
    pub template: Option<String>,
}

/// The annual 「令和N年度評価結果及び令和N+1年度目標設定」.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnualReport {
    /// 各ページの右上に印刷する資料番号（例: 資料７）。
    #[serde(default)]
    pub material: Option<String>,
    /// 資料の日付（YYYY-MM-DD）。
    pub date: Day,
    /// draft（案）または final（確定、既定）。案のあいだは、まだ書いていない評価や成果と課題が警告になり、
    /// 「（未記入）」と印刷されます。
    #[serde(default)]
    pub status: Status,
    /// 評価する年度（西暦。令和６年度なら 2024）。目標と日程は次の年度のものになります。
    pub year: i32,
    /// 題名の下に印刷する作成者。
    pub author: Author,
    /// 使うテンプレート（templates/ のファイル名から .typ.j2 を除いたもの）。
    #[serde(default = "default_report_template")]
    pub template: String,
    /// はじめに（段落ごとに１行）。
    pub introduction: Vec<String>,
    /// 表２の後の文（以上のとおり…）。
    #[serde(default)]
    pub evaluation_closing: Vec<String>,
    /// 次の年度の目標設定（３）の初めの文。
    #[serde(default)]
    pub goals_introduction: Vec<String>,
    /// 表３の前に置く図。
    #[serde(default)]
    pub figure: Option<Figure>,
    /// 次の年度の活動日程の初めの文。
    #[serde(default)]
    pub schedule_introduction: Vec<String>,
    /// 次の年度の委員の構成の初めの文。
    #[serde(default)]
    pub members_introduction: Vec<String>,
}

fn default_report_template() -> String {
    "annual_report".into()
}

/// 作成者。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// 作成者の職名（例: 地域移行・定着支援部会長）。
    pub title: String,
    /// 作成者の氏名（例: 山田 太郎）。
    pub name: String,
}

/// 資料に置く図。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// 図のファイル（協議会のフォルダからの場所。SVG、PNG、JPEG）。
    pub file: String,
    /// 図の上に印刷する見出し。
    pub caption: String,
    /// 画面読み上げソフトが読む図の説明。
    pub alt: String,
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
        japanese::parse_date(s).map(Day)
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
pub struct Clock(pub japanese::ClockTime);

impl std::str::FromStr for Clock {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        japanese::parse_time(s).map(Clock)
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
