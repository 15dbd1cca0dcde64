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

/// `council.yaml`: the council (協議会) or sub-committee (部会) and the words it uses.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Council {
    /// The council's full name, e.g. 〇〇市地域自立支援協議会.
    pub name: String,
    /// The sub-committee (部会) this folder is for, if any.
    #[serde(default)]
    pub body: Option<String>,
    /// What one meeting is called in headings: 部会 → 「第１回部会」, 協議会 → 「第１回協議会」.
    pub meeting_label: String,
    /// The words an evaluation result may use, e.g. [達成, 一部達成, 未達成].
    pub evaluation_words: Vec<String>,
    /// 評価の凡例: 評価の言葉が記号（◎ ○ △ ×）のとき、その意味と印刷する場所。
    #[serde(default)]
    pub evaluation_legend: Option<Legend>,
    /// The roles a member may hold, e.g. [部会長, 副部会長].
    #[serde(default)]
    pub roles: Vec<String>,
    /// Terms a goal defines in the drafting style 「…（以下「略称」という。）」: 略称 → the words
    /// before 「（以下」. A 【再掲】 row of that goal prints the 略称 alone, as the document
    /// has defined it already.
    #[serde(default)]
    pub terms: BTreeMap<String, String>,
    /// 書き方の決まり（協議会の様式）: how this council writes times and the like, in every
    /// document. Left out, each document type keeps its usual form.
    #[serde(default)]
    pub style: HouseStyle,
}

/// 評価の凡例: 「◎ 達成　○ 概ね達成　△ 一部達成　× 未達成」.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Legend {
    /// evaluation_words と同じ順に、それぞれの意味（例: [達成, 概ね達成, 一部達成, 未達成]）。
    pub meanings: Vec<String>,
    /// 印刷する場所: under_table（表２の下）または header（表２の評価の列の見出しの中）。
    #[serde(default)]
    pub place: LegendPlace,
}

/// 凡例を印刷する場所。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegendPlace {
    /// 表２の下。
    #[default]
    UnderTable,
    /// 表２の評価の列の見出しの中。
    Header,
}

/// 書き方の決まり: the council's house style, applied by the shipped templates.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HouseStyle {
    /// 時刻の書き方（例の形で書きます）: 午後３時 / 午後３時半 / １５時 / １５：００ / 15:00。
    /// 書かなければ資料の種類ごとのいつもの形（評価結果は 午後３時、会議録は １５：００）。
    #[serde(default)]
    pub time: Option<TimeStyle>,
    /// 終了時刻も書くか（false なら開始時刻だけ）。
    #[serde(default = "yes")]
    pub end_time: bool,
    /// 会議録の様式: ruled（罫線の表、既定）または headings（■日時 ■場所 … の見出し）。
    #[serde(default)]
    pub minutes: MinutesLayout,
    /// 数字: 全角（令和６年４月１８日、３－５。既定）または 半角（令和6年4月18日、3-5）。
    #[serde(default)]
    pub digits: Digits,
    /// 議題の番号の付け方: 「１ ⑴ ①」（既定）または「１． (1) ア」。
    #[serde(default)]
    pub numbering: Numbering,
    /// 出席者の名前と役職の書き方: 「岡本委員」（既定）/「岡本 委員」/「岡本 誠（部会長）」。
    #[serde(default)]
    pub names: NameStyle,
    /// 協議会の名前と部会の名前の間に空白を入れるか（「〇〇協議会 〇〇部会」）。
    #[serde(default)]
    pub space_before_body: bool,
}

/// 議題の番号の付け方（１段目、２段目、３段目）。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Numbering {
    /// １、⑴、①
    #[default]
    #[serde(rename = "１ ⑴ ①")]
    Circled,
    /// １．、(1)、ア
    #[serde(rename = "１． (1) ア")]
    Katakana,
}

/// 出席者の名前と役職の書き方。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum NameStyle {
    /// 岡本委員（名前のすぐ後に役職）
    #[default]
    #[serde(rename = "岡本委員")]
    Joined,
    /// 岡本 委員（間に空白）
    #[serde(rename = "岡本 委員")]
    Spaced,
    /// 岡本 誠（部会長）（役職はかっこの中）
    #[serde(rename = "岡本 誠（部会長）")]
    Bracketed,
}

/// 数字の書き方。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Digits {
    /// 全角（１８、３－５、１０：００）。
    #[default]
    #[serde(rename = "全角")]
    Full,
    /// 半角（18、3-5、10:00）。
    #[serde(rename = "半角")]
    Half,
}

/// 会議録の様式。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MinutesLayout {
    /// 罫線の表（会議名称｜開催日時｜…）。
    #[default]
    Ruled,
    /// ■日時 ■場所 ■出席者 ■傍聴者 ■資料 ■議事 の見出し。
    Headings,
}

impl MinutesLayout {
    /// The shipped template of this layout (under `templates/`, without `.typ.j2`).
    pub fn template(self) -> &'static str {
        match self {
            MinutesLayout::Ruled => "minutes",
            MinutesLayout::Headings => "minutes_headings",
        }
    }
}

fn yes() -> bool {
    true
}

impl Default for HouseStyle {
    fn default() -> Self {
        HouseStyle {
            time: None,
            end_time: true,
            minutes: MinutesLayout::default(),
            digits: Digits::default(),
            numbering: Numbering::default(),
            names: NameStyle::default(),
            space_before_body: false,
        }
    }
}

/// How a time of day is printed, named by what 15:30 looks like in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum TimeStyle {
    /// 午後３時、午後３時３０分
    #[serde(rename = "午後３時")]
    Ja,
    /// 午後３時、午後３時半（３０分を「半」と書く）
    #[serde(rename = "午後３時半")]
    JaHalf,
    /// １５時、１５時３０分（２４時間）
    #[serde(rename = "１５時")]
    Hour,
    /// １５：００、１５：３０（全角）
    #[serde(rename = "１５：００")]
    ClockFullWidth,
    /// 15:00、15:30（半角）
    #[serde(rename = "15:00")]
    Clock,
}

impl TimeStyle {
    pub const ALL: [TimeStyle; 5] = [
        TimeStyle::Ja,
        TimeStyle::JaHalf,
        TimeStyle::Hour,
        TimeStyle::ClockFullWidth,
        TimeStyle::Clock,
    ];

    /// The name staff write (what 15:00 looks like).
    pub fn name(self) -> &'static str {
        match self {
            TimeStyle::Ja => "午後３時",
            TimeStyle::JaHalf => "午後３時半",
            TimeStyle::Hour => "１５時",
            TimeStyle::ClockFullWidth => "１５：００",
            TimeStyle::Clock => "15:00",
        }
    }

    /// `t` in this style.
    pub fn format(self, t: japanese::ClockTime) -> String {
        match self {
            TimeStyle::Ja => japanese::time_ja(t),
            TimeStyle::JaHalf if t.minute == 30 => {
                format!(
                    "{}半",
                    japanese::time_ja(japanese::ClockTime { minute: 0, ..t })
                )
            }
            TimeStyle::JaHalf => japanese::time_ja(t),
            TimeStyle::Hour => japanese::time_hour(t),
            TimeStyle::ClockFullWidth => japanese::time_clock(t),
            TimeStyle::Clock => format!("{}:{:02}", t.hour, t.minute),
        }
    }
}

/// `<year>/goals.yaml`: the goal set of one fiscal year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalSet {
    /// にも包括 components (構成要素), in order.
    pub components: Vec<Component>,
}

/// One にも包括 component (構成要素) with its issues.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Its number (１ for 協議の場の設置 …).
    pub number: u32,
    /// Its name.
    pub name: String,
    /// The issues (課題) found under this component.
    pub issues: Vec<Issue>,
}

/// One issue (課題) and the goals that answer it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// The issue as written in the 課題 column.
    pub issue: String,
    /// The goals for this issue.
    pub goals: Vec<Goal>,
}

/// One activity goal. Either its own text (`activity` and `target`), or `repeats` naming the
/// goal it re-lists (【再掲】), whose text it inherits.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Goal number, e.g. 3-5 (or ３－５).
    pub number: GoalNo,
    /// 活動目標.
    #[serde(default)]
    pub activity: Option<String>,
    /// 目標値.
    #[serde(default)]
    pub target: Option<String>,
    /// A short name used where the goal is cited, e.g. in the schedule:
    /// 「３－１（共同生活援助事業所との個別事例の検討）」.
    #[serde(default)]
    pub label: Option<String>,
    /// The goal this one re-lists (【再掲】). Its text is inherited, never restated.
    #[serde(default)]
    pub repeats: Option<GoalNo>,
}

/// `<year>/meetings.yaml`: the meetings of one fiscal year, held or planned, and activities
/// that are not meetings.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingList {
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// Activities that are not meetings (a project team, a visit programme …).
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// 会議を開かなかった年度: why, printed in 表１ (or the schedule) in place of meetings.
    /// Only for a year with no meetings: an empty list without it is an error.
    #[serde(default)]
    pub not_held: Option<String>,
}

/// One meeting. Planned meetings leave out what is not known yet (date, venue → 未定).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// 第N回.
    pub number: u32,
    /// 開催日 (YYYY-MM-DD). Left out: 未定.
    #[serde(default)]
    pub date: Option<Day>,
    /// 開始時刻 (HH:MM).
    #[serde(default)]
    pub start: Option<Clock>,
    /// 終了時刻 (HH:MM).
    #[serde(default)]
    pub end: Option<Clock>,
    /// 書面開催などで期間があるとき、その最後の日（回答期限）。日時は「date～until」と印刷されます。
    #[serde(default)]
    pub until: Option<Day>,
    /// 場所. Left out: 未定.
    #[serde(default)]
    pub venue: Option<String>,
    /// 出席者数.
    #[serde(default)]
    pub attendance: Option<u32>,
    /// 活動内容: what was done, as in 表１.
    #[serde(default)]
    pub activity: Option<String>,
    /// The goals this meeting serves.
    #[serde(default)]
    pub goals: Vec<GoalNo>,
    /// 内容: free text where the meeting serves no goal.
    #[serde(default)]
    pub content: Option<String>,
    /// 成果と課題: paragraphs.
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// How the meeting is held: in person (default), online, or in writing (書面開催).
    #[serde(default)]
    pub format: MeetingFormat,
    /// Members absent (their names as in members.yaml): printed 「（欠席）」.
    #[serde(default)]
    pub absent: Vec<String>,
    /// The secretariat (事務局), by post.
    #[serde(default)]
    pub secretariat: Vec<String>,
    /// 事務局の担当課（例: 保健福祉部障害福祉課）。事務局の職名の前に印刷されます。
    #[serde(default)]
    pub secretariat_department: Option<String>,
    /// 出席者の名前に敬称を付けないこと（「（敬称略）」と印刷されます）。
    #[serde(default)]
    pub honorifics_omitted: bool,
    /// Observers (オブザーバー).
    #[serde(default)]
    pub observers: Vec<String>,
    /// Whether the public may attend (傍聴), and how many did.
    #[serde(default)]
    pub public: Option<PublicViewing>,
    /// 会議次第: the numbered items, with what was said under each (会議結果).
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// 提出資料: the materials, in the order they are numbered (資料１, 資料２ …).
    #[serde(default)]
    pub materials: Vec<Material>,
}

/// How a meeting is held.
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

/// 傍聴: open to the public or not.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicViewing {
    /// 傍聴の可否.
    pub allowed: bool,
    /// 傍聴者: 人数（例: 3）か、人数を書かないときは なし / あり。
    #[serde(default)]
    pub viewers: Option<Viewers>,
    /// Why the meeting was closed (when not allowed).
    #[serde(default)]
    pub reason: Option<String>,
    /// 会議録の公開: 会議とは別に決めるとき（例: 会議は公開、会議録は個人情報のため非公開）。
    #[serde(default)]
    pub minutes: Option<MinutesDisclosure>,
}

/// 傍聴者: a count, or only whether there were any.
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

/// One item of the 会議次第, numbered １, ２ … (sub-items ⑴, ⑵ …).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// The item as printed in the 次第.
    pub title: String,
    /// Sub-items.
    #[serde(default)]
    pub items: Vec<AgendaItem>,
    /// What was said and decided (会議結果), in order.
    #[serde(default)]
    pub record: Vec<RecordEntry>,
}

/// One entry of the record under an agenda item. Write exactly one of `bullet`, `note`,
/// `question` (with its `answer`), or `next_meeting: true`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordEntry {
    /// A point made: printed 「・…」.
    #[serde(default)]
    pub bullet: Option<String>,
    /// A line as it is, e.g. 「（意見なし。承諾された。）」 or 「（以下意見要旨）」.
    #[serde(default)]
    pub note: Option<String>,
    /// A question: printed 「・…」.
    #[serde(default)]
    pub question: Option<String>,
    /// Its answer: printed 「⇒…」.
    #[serde(default)]
    pub answer: Option<String>,
    /// The date of the next meeting, taken from meetings.yaml.
    #[serde(default)]
    pub next_meeting: bool,
    /// 発言者: 委員、事務局、会長 など。印刷は「（委員）…」。
    #[serde(default)]
    pub speaker: Option<String>,
    /// 答えた人（answer の発言者）: 事務局 など。印刷は「⇒（事務局）…」。
    #[serde(default)]
    pub answerer: Option<String>,
}

/// One material (資料) of a meeting. Numbered by its place in the list; the agenda itself
/// (`agenda: true`) is listed first and has no number.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Its title as listed, e.g. 〇〇市協議会委員名簿.
    pub title: String,
    /// This entry is the 次第 itself.
    #[serde(default)]
    pub agenda: bool,
    /// A document shiryo builds (its name under documents/).
    #[serde(default)]
    pub document: Option<String>,
    /// A PDF received from elsewhere (path from the council folder).
    #[serde(default)]
    pub file: Option<String>,
    /// Handed out on the day (当日配付) rather than sent before (事前送付).
    #[serde(default)]
    pub handout: bool,
}

/// An activity that is not a meeting (a row of 表１).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Its name.
    pub name: String,
    /// What was done.
    pub activity: String,
    /// 成果と課題: paragraphs.
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

/// `<year>/evaluation.yaml`: one result per goal of that year (re-listed goals take the result
/// of the goal they repeat).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Goal number → result word, e.g. `1-1: 達成`.
    pub results: BTreeMap<GoalNo, String>,
}

/// `<year>/members.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberList {
    pub members: Vec<Member>,
}

/// One member organisation, with the person's name and role where given.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// 所属.
    pub organization: String,
    /// 氏名.
    #[serde(default)]
    pub name: Option<String>,
    /// 役職 (from the council's `roles`).
    #[serde(default)]
    pub role: Option<String>,
}

/// `documents/<name>.yaml`: one PDF to build.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Document {
    /// 評価結果及び目標設定: the evaluation of `year` and the goals of the year after.
    AnnualReport(Box<AnnualReport>),
    /// 会議録（要点記録）of one meeting.
    Minutes(MeetingDocument),
    /// 次第 of one meeting: items and materials.
    Agenda(MeetingDocument),
    /// 会議資料一式: the agenda followed by every material, stamped with its 資料番号.
    Packet(Packet),
    /// 委員名簿: the members of a year.
    MemberList(MemberListDocument),
}

/// A document about one meeting.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingDocument {
    /// The fiscal year of the meeting (Western year of its April).
    pub year: i32,
    /// 第N回.
    pub meeting: u32,
    /// 資料番号 printed at the top right, if any.
    #[serde(default)]
    pub material: Option<String>,
    /// The template (under `templates/`, without `.typ.j2`); by default `minutes` or `agenda`.
    #[serde(default)]
    pub template: Option<String>,
}

/// A meeting's packet.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Packet {
    pub year: i32,
    pub meeting: u32,
    /// Page numbers: through the whole packet, or starting again with each 資料.
    #[serde(default)]
    pub page_numbers: PageNumbers,
    #[serde(default)]
    pub template: Option<String>,
}

/// How a packet numbers its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PageNumbers {
    /// １, ２, ３ … through the packet.
    #[default]
    Continuous,
    /// Each 資料 starts again at １.
    PerMaterial,
}

/// A list of the members of a year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberListDocument {
    pub year: i32,
    /// Its title, e.g. 委員名簿.
    pub title: String,
    #[serde(default)]
    pub material: Option<String>,
    /// The date printed (YYYY-MM-DD).
    pub date: Day,
    #[serde(default)]
    pub template: Option<String>,
}

/// The annual 「令和N年度評価結果及び令和N+1年度目標設定」.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnualReport {
    /// 資料番号 printed at the top right of every page, e.g. 資料７.
    #[serde(default)]
    pub material: Option<String>,
    /// Issue date (YYYY-MM-DD).
    pub date: Day,
    /// The evaluated fiscal year (Western year of its April, e.g. 2024 for 令和６年度).
    /// The goals and schedule are those of the following year.
    pub year: i32,
    /// Author line under the title.
    pub author: Author,
    /// The template to use (file under `templates/`, without `.typ.j2`).
    #[serde(default = "default_report_template")]
    pub template: String,
    /// はじめに: paragraphs.
    pub introduction: Vec<String>,
    /// Paragraphs after 表２ (以上のとおり…).
    #[serde(default)]
    pub evaluation_closing: Vec<String>,
    /// Paragraphs that open the next year's goals (section ３).
    #[serde(default)]
    pub goals_introduction: Vec<String>,
    /// The figure shown before 表３.
    #[serde(default)]
    pub figure: Option<Figure>,
    /// Paragraphs that open the next year's schedule.
    #[serde(default)]
    pub schedule_introduction: Vec<String>,
    /// Paragraphs that open the next year's members.
    #[serde(default)]
    pub members_introduction: Vec<String>,
}

fn default_report_template() -> String {
    "annual_report".into()
}

/// Who issues the document.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// e.g. 地域移行・定着支援部会長.
    pub title: String,
    /// e.g. 山田 太郎.
    pub name: String,
}

/// An image placed in a document.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Path of the image, relative to the council folder (SVG, PNG or JPEG).
    pub file: String,
    /// Caption printed above the image.
    pub caption: String,
    /// Alternative text read aloud by screen readers.
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
