//! `<year>/meetings.yaml`: the meetings of a fiscal year (held or planned), what was said at
//! them, and the activities that are not meetings.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Clock, Day, GoalNo, Headcount};

/// <年度>/meetings.yaml: その年度の会議（開いたもの、予定）と、会議でない活動。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// 第N回の N。series を書いた会議では、その回の中での N（第１回合同部会の １）。
    pub number: u32,
    /// 別に数える会議の呼び方（例: 合同部会、全体会）。書けば、この会議は協議会（部会）のいつもの回とは
    /// 別に、この呼び方の回として第１回から数えます（表１の「第１回合同部会」）。資料からは documents の
    /// series: で指します。
    #[serde(default)]
    pub series: Option<String>,
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
    /// 出席者などの人数（名前でなく人数で記録するとき: 委員、事務局、欠席、オンライン、委員の区分ごと）。
    /// 書けば、会議録は出席者を人数で印刷します。
    #[serde(default)]
    pub counts: Option<Headcount>,
    /// 活動内容（表１）。
    #[serde(default)]
    pub activity: Option<String>,
    /// 講師（研修会として開いた回）。表１に【講師】と印刷されます。
    #[serde(default)]
    pub lecturer: Option<Lecturer>,
    /// 講師が何人かいるとき、その一人ひとり（lecturer の後に続けて印刷されます）。
    #[serde(default)]
    pub lecturers: Vec<Lecturer>,
    /// 参加者（研修会として開いた回の合計と内訳）。表１に【参加者】と印刷されます。
    #[serde(default)]
    pub participants: Option<Participants>,
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
    /// オンラインで出席した委員（対面とオンラインの併用のとき。members.yaml の name と同じ書き方）。
    /// 会議録の様式（minutes:）では、出席者の後ろに「（以下オンライン）」に続けて印刷されます。
    #[serde(default)]
    pub online: Vec<String>,
    /// 事務局（職名）。
    #[serde(default)]
    pub secretariat: Vec<String>,
    /// 事務局の担当課（例: 保健福祉部障害福祉課）。事務局の職名の前に印刷されます。
    #[serde(default)]
    pub secretariat_department: Option<String>,
    /// 事務局の一人ひとり（課、職名、名前、人数）。書けば secretariat の代わりに印刷されます。
    #[serde(default)]
    pub staff: Vec<Staff>,
    /// 発言記録: 発言者と発言を順に（minutes: の様式の transcript の項目に印刷されます）。
    #[serde(default)]
    pub transcript: Vec<Turn>,
    /// 出席者の名前に敬称を付けないこと（「（敬称略）」と印刷されます）。
    #[serde(default)]
    pub honorifics_omitted: bool,
    /// オブザーバー（肩書きと名前）。
    #[serde(default)]
    pub observers: Vec<String>,
    /// 傍聴の可否と傍聴者、会議録の公開。
    #[serde(default)]
    pub public: Option<PublicViewing>,
    /// 合同で開いた会議（合同部会）: 記録を書く部会は with と name を、いっしょに開いた部会は held_by と
    /// meeting だけを書きます（日時、場所、出席、議題、記録は記録を書く部会の meetings.yaml から）。
    #[serde(default)]
    pub joint: Option<JointMeeting>,
    /// 会議次第と、議題ごとの会議結果（record）。
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// 提出資料（この順に 資料１、資料２… と番号が付きます）。
    #[serde(default)]
    pub materials: Vec<Material>,
}

/// 合同で開いた会議。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JointMeeting {
    /// （記録を書く部会が書く）いっしょに開いた部会のフォルダ（content/ の下の名前）。
    #[serde(default)]
    pub with: Vec<String>,
    /// （記録を書く部会が書く）会議の名前（例: 就労支援部会・相談支援部会合同部会）。会議録と次第の題名に
    /// 使います。書かなければ部会の名前のまま。
    #[serde(default)]
    pub name: Option<String>,
    /// （いっしょに開いた部会が書く）記録を書いた部会のフォルダ。
    #[serde(default)]
    pub held_by: Option<String>,
    /// （いっしょに開いた部会が書く）記録を書いた部会での、その会議の回（第N回の N）。
    #[serde(default)]
    pub meeting: Option<u32>,
}

/// 事務局の１人（または同じ職の何人か）。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// 課（例: 障害福祉課）。同じ課の人は続けて書きます。
    #[serde(default)]
    pub department: Option<String>,
    /// 職名（例: 課長、福祉保健部長）。名前だけを並べる事務局（「馬場、池田、髙橋」）では書かなくて
    /// 構いません（そのときは minutes.attendance.staff を "{名前}" にします）。
    #[serde(default)]
    pub post: Option<String>,
    /// 名前。
    #[serde(default)]
    pub name: Option<String>,
    /// 人数（同じ職の人が何人かいるとき）。
    #[serde(default)]
    pub count: Option<u32>,
}

/// 発言記録の１つ: 発言者とその発言（段落ごとに１行）、または見出し。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    /// 発言者（例: 委員長、事務局、山田会長）。
    #[serde(default)]
    pub speaker: Option<String>,
    /// 発言（段落ごとに１つ）。
    #[serde(default)]
    pub said: Vec<String>,
    /// 発言の前に印刷する見出し（例: 議事）。
    #[serde(default)]
    pub heading: Option<String>,
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "傍聴者（viewers）には、人数（例: 3）か、なし / あり を書いてください。"
)]
pub enum Viewers {
    /// 人数。
    Count(u32),
    /// なし / あり（人数を書かないとき）。
    Word(ViewersWord),
}

/// 傍聴者が いたか いなかったか。
#[derive(Debug, Clone, PartialEq, Copy, Deserialize, Serialize, JsonSchema)]
pub enum ViewersWord {
    #[serde(rename = "なし")]
    None,
    #[serde(rename = "あり")]
    Some,
}

/// 会議録を公開するか、しないならその理由。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesDisclosure {
    /// 公開するか（true / false）。
    pub public: bool,
    /// 公開しない理由。
    #[serde(default)]
    pub reason: Option<String>,
}

/// 会議次第の議題１つ（１、２…。下の段は ⑴、⑵…）。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
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
    /// この議題の資料（materials の id か番号）。議題の横に「【資料１】」のように印刷されます。
    #[serde(default)]
    pub materials: Vec<String>,
    /// この議題での発言記録（発言者とその発言）。会議録の様式（minutes:）の record の項目で、この議題の
    /// 下に印刷されます。
    #[serde(default)]
    pub transcript: Vec<Turn>,
}

/// 会議結果の１項目。bullet、note、question（と answer）、next_meeting: true のどれか１つを書きます。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
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
    /// 議題から参照するときの名前（書かなければ番号で参照します）。
    #[serde(default)]
    pub id: Option<String>,
    /// 資料番号（例: 2−1、1の1、3）。style.material_number の形で印刷します（形に {枝番} があれば、
    /// 2−1 を 2 と枝番 1 に分けて「資料２の１」など）。書かなければ、同じ種類の資料の中で並んだ順に
    /// 1, 2, … と付きます（style.material_count: 議題ごと なら議題ごとに）。
    #[serde(default)]
    pub number: Option<String>,
    /// 参考資料か（参考資料は参考資料の番号で、【参考資料】の下に印刷されます）。
    #[serde(default)]
    pub reference: bool,
    /// 番号を付けない資料か（席次表など）。
    #[serde(default)]
    pub unnumbered: bool,
}

/// 会議でない活動（表１の１行、開催状況の表の１行）。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// 名前（研修会、講演会、〇〇プロジェクトチームなど）。開催状況の表では、この名前が行の種類になります。
    pub name: String,
    /// 活動内容（表１）。開催状況の表では、主な内容の「・内容：」の行になります。
    #[serde(default)]
    pub activity: Option<String>,
    /// テーマ（研修会・講演会）。開催状況の表の主な内容に「・テーマ：「…」」と印刷されます。
    #[serde(default)]
    pub theme: Option<String>,
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
    /// 講師が何人かいるとき、その一人ひとり（lecturer の後に続けて印刷されます）。
    #[serde(default)]
    pub lecturers: Vec<Lecturer>,
    /// 参加者（合計と内訳）。
    #[serde(default)]
    pub participants: Option<Participants>,
}

/// 講師: 名前と所属など。名前か所属の少なくとも一方を書きます。名前のない何人か（職員２名）は、
/// 所属と post と count で書きます。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lecturer {
    /// 氏名。
    #[serde(default)]
    pub name: Option<String>,
    /// 所属・肩書（例: 桜台こころのクリニック院長）。開催状況の表では名前の後ろの（ ）の中に印刷します。
    #[serde(default)]
    pub affiliation: Option<String>,
    /// 名前の前に印刷する職名・肩書（例: 〇〇基幹相談支援センター長）。名前がなければ所属の後ろ（例: 職員）。
    #[serde(default)]
    pub post: Option<String>,
    /// この会での立場（例: 当部会委員、広域アドバイザー）。名前の後ろの（ ）の中に、所属の前に印刷します。
    #[serde(default)]
    pub role: Option<String>,
    /// 名前を書かない何人かの人数（例: 2 →「職員２名」）。
    #[serde(default)]
    pub count: Option<u32>,
}

/// 参加者: 合計（計６３名）と内訳、または参加者の区分。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participants {
    /// 合計人数。内訳だけ書けば内訳の合計になります。
    #[serde(default)]
    pub total: Option<u32>,
    /// 内訳（例: - {group: 市民, count: 40}）。
    #[serde(default)]
    pub breakdown: Vec<ParticipantGroup>,
    /// 参加者の区分（例: 保健、医療、福祉関係者）。開催状況の表で「・参加者：」の後に、合計の前に印刷します。
    #[serde(default)]
    pub who: Option<String>,
}

/// 参加者の内訳の１行。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantGroup {
    /// 区分（市民、事業所職員 など）。
    pub group: String,
    /// 人数。
    pub count: u32,
}
