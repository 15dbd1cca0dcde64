//! `council.yaml`'s `minutes:`: how a council lays out its minutes (会議録), said in content.
//! Which sections, in which order, under which words and in which form; the title; how
//! attendees, the secretariat, materials and speakers are written. The view turns it into
//! finished phrases (`documents::laid_out`); the shipped `minutes_layout` templates only lay
//! them out, in the PDF and in the web page alike.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CountStyle, Marks, MaterialStyle, TimeStyle};

/// 会議録の様式。いつもの様式（style.minutes の ruled か headings。docs/templates.md の「会議録と次第のいつもの様式」）に、council.yaml の
/// minutes: で変えたところを重ねたものです（テンプレートは不要）。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesDescription {
    /// 題名の行。{年度}（令和７年度）、{回}（第１回の１）、{協議会}（協議会と部会の名前）、
    /// {会議}（会議の名前: 令和７年度 第１回…部会）、{呼び方}（meeting_label: 全体会）、{案}（案の資料では
    /// 「（案）」、確定した資料では何も入りません）が入ります。例: ["{年度}第{回}回{協議会}会議録"]、
    /// ["議事要旨{案}"]。
    #[serde(default = "default_title")]
    pub title: Vec<String>,
    /// 書き方の決まり（style.time）を書いていない協議会の、日時の時刻の書き方（例: "１５：００"）。
    /// 書かなければ 午前１０時 の形。
    #[serde(default)]
    pub usual_time: Option<TimeStyle>,
    /// 形: lines（見出しと内容を行に並べる。既定）/ ruled（罫線の表: 左の列に見出し、右に内容）。
    #[serde(default)]
    pub frame: Frame,
    /// 罫線の表（frame: ruled）の一番上の行に印刷する、列の見出し（左の列、右の列）。例: [項　目, 内　容]。
    /// 書かなければ見出しの行はありません。
    #[serde(default)]
    pub columns: Vec<String>,
    /// 会議名称の項目（name）に印刷する言葉。{会議}（令和７年度 第１回…部会）、{協議会}（協議会と部会の
    /// 名前）、{年度}、{回}、{呼び方} が入ります。
    #[serde(default = "default_name")]
    pub name: String,
    /// 項目の見出しの形。{見出し} が見出しの言葉、{番号} が項目の番号（1, 2, …）、{敬称略} が
    /// 敬称を略した会議での attendance.honorifics_omitted（そのときは出席者の中には印刷しません）。
    /// 例: "■{見出し}："、"{番号} {見出し}"、"<{見出し}>"、"{見出し}"。
    #[serde(default = "default_label")]
    pub label: String,
    /// 見出しと同じ行に内容を続けるか（false なら見出しは１行で、内容はその下）。
    #[serde(default)]
    pub inline: bool,
    /// 印刷する項目（この順に）。
    pub sections: Vec<Section>,
    /// 出席者、欠席者、事務局の書き方。
    #[serde(default)]
    pub attendance: AttendanceStyle,
    /// 発言記録（transcript）の発言者の書き方。
    #[serde(default)]
    pub speakers: SpeakerStyle,
    /// 資料の書き方。
    #[serde(default)]
    pub materials: MaterialStyle,
    /// 議題、会議結果の中の議題、要点と答えの前の印（段ごとの番号や「〇」「・」）。
    #[serde(default)]
    pub marks: Marks,
}

fn default_title() -> Vec<String> {
    vec!["{年度} 第{回}回{協議会}".into(), "会議録".into()]
}

fn default_name() -> String {
    "{会議}".into()
}

fn default_label() -> String {
    "■{見出し}".into()
}

/// 会議録の形。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frame {
    /// 見出しと内容を行に並べる。
    #[default]
    Lines,
    /// 罫線の表（左の列に見出し、右に内容）。
    Ruled,
}

/// 会議録の項目１つ。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// 項目の種類: name（会議名称）/ when（日時）/ place（場所）/ attendance（出席者）/ absent（欠席者）/
    /// secretariat（事務局）/ viewers（傍聴者）/ agenda（議題）/ materials（資料）/ record（会議結果の要点。
    /// 議題ごとの発言記録も）/ transcript（発言記録）/ quorum（会議の成立の文）。
    pub section: SectionKind,
    /// 見出しの言葉（書かなければ項目ごとのいつもの言葉: 日時、場所、出席者 …）。
    #[serde(default)]
    pub label: Option<String>,
    /// この項目だけの見出しの形（書かなければ minutes の label）。
    #[serde(default)]
    pub form: Option<String>,
    /// この項目だけ、見出しと同じ行に内容を続けるか。
    #[serde(default)]
    pub inline: Option<bool>,
    /// 見出しを印刷しないか（内容だけを前の項目に続けて印刷します）。
    #[serde(default)]
    pub unlabelled: bool,
    /// 内容がなくても見出しを印刷するか。内容がなければ、見出しの下に empty の言葉（書かなければ「なし」）を
    /// 印刷します。
    #[serde(default)]
    pub keep_empty: bool,
    /// 内容がないときに見出しの下に印刷する言葉（例: "なし"、"該当なし"）。書けば keep_empty: true と同じく、
    /// 内容がなくても見出しを印刷します。"" なら見出しだけ（例: 添付書類がウェブに別にあるとき）。
    #[serde(default)]
    pub empty: Option<String>,
    /// 罫線の表（frame: ruled）で、前の項目と同じ行に並べるか（例: 傍聴の可否｜可｜傍聴者数｜１人）。
    #[serde(default)]
    pub beside: bool,
}

/// 会議録の項目の種類。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// 会議名称。
    Name,
    /// 日時。
    When,
    /// 場所。
    Place,
    /// 出席者（委員。欠席者の項目がなければ欠席した委員に「（欠席）」。事務局の項目がなければ事務局も）。
    Attendance,
    /// 欠席者。
    Absent,
    /// 事務局。
    Secretariat,
    /// 傍聴者。
    Viewers,
    /// 議題（次第）。議題ごとの資料を横に印刷します。
    Agenda,
    /// 資料（提出資料）。
    Materials,
    /// 会議結果: 議題ごとの要点（record）。
    Record,
    /// 発言記録: 発言者ごとの発言（meetings.yaml の transcript）。
    Transcript,
    /// 会議の成立: 委員の数と出席した委員の数から作る文（attendance.quorum）。
    Quorum,
    /// 傍聴の可否（可 / 不可）。この項目があると、傍聴不可の会議の viewers は印刷しません。
    Public,
    /// 傍聴不可の理由（傍聴できる会議では印刷しません）。
    ClosedReason,
    /// 会議録の公開（公開 / 非公開と理由）。この項目がなければ、非公開のときだけ viewers に続けて印刷します。
    Disclosure,
}

impl SectionKind {
    /// The words a section is usually headed by.
    pub fn usual_label(self) -> &'static str {
        match self {
            SectionKind::Name => "会議名称",
            SectionKind::When => "日時",
            SectionKind::Place => "場所",
            SectionKind::Attendance => "出席者",
            SectionKind::Absent => "欠席者",
            SectionKind::Secretariat => "事務局",
            SectionKind::Viewers => "傍聴者",
            SectionKind::Agenda => "議題",
            SectionKind::Materials => "資料",
            SectionKind::Record => "会議結果",
            SectionKind::Transcript => "会議録",
            SectionKind::Quorum => "会議の成立",
            SectionKind::Public => "傍聴の可否",
            SectionKind::ClosedReason => "不可の理由",
            SectionKind::Disclosure => "会議録の公開",
        }
    }
}

/// 出席者、欠席者、事務局の書き方。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceStyle {
    /// 委員１人の書き方。{名前}（氏名）、{名字}（氏名の最初の空白の前: 岡本 誠 → 岡本）、{役職}（書かなければ
    /// 「委員」）、{所属}、{職名}（所属の中での役職: members.yaml の post）、{区分}（members.yaml の
    /// category）、{印}（marks の印）が入ります。書かなければ "{名字}{役職}"（岡本委員）。書いていないものは、
    /// すぐ外のかっこと横の空白ごと省きます。例: "{名前}"（氏名だけ）、"{名字} {役職}"（岡本 委員）、
    /// "{名前}（{役職}）"、"{役職} {名前}"、"{印}{名前}"、"{所属} {職名} {名前}"、"{区分}　{名前}"。
    #[serde(default = "default_member")]
    pub member: String,
    /// 出席者の見出し（members_label、secretariat_label）を、名前と同じ行の初めに印刷するか（「委員：…」）。
    #[serde(default)]
    pub labels_inline: bool,
    /// 欠席者の項目がないとき、欠席した委員を「（欠席）」を付けて並べる代わりに、この言葉の後に
    /// 別の行で並べます（例: "欠席："）。空なら（欠席）を付けて並べます。
    #[serde(default)]
    pub absent_label: String,
    /// 欠席した委員の書き方（書かなければ member と同じ）。例: "{名前}"。
    #[serde(default)]
    pub absent_member: Option<String>,
    /// 欠席した委員に付ける言葉（欠席者の項目も absent_label もないとき）。
    #[serde(default = "default_absent_mark")]
    pub absent_mark: String,
    /// オブザーバー（meetings.yaml の observers）の前に印刷する言葉。
    #[serde(default = "default_observers_label")]
    pub observers_label: String,
    /// 委員と委員の間: "、" または " " など。"改行" なら１人１行。
    #[serde(default = "default_separator")]
    pub separator: String,
    /// 役職ごとにまとめるか（「委員長：宮城 孝」「委員：勝田 和行、…」）。
    #[serde(default)]
    pub by_role: bool,
    /// 役職ごとにまとめるときの、役職の書き方（{役職}）。
    #[serde(default = "default_role_label")]
    pub role_label: String,
    /// 役職ごとにまとめるとき、役職（role_label）と名前を同じ行にするか（既定）。false なら役職を１行にして、
    /// 名前はその下に並べます（labels_inline は、役職の行には効きません）。
    #[serde(default = "yes")]
    pub roles_inline: bool,
    /// 役職ごとにまとめるとき、役職と役職の間: "改行"（既定。役職ごとに１行）か、１行に続けるときの言葉
    /// （例: "、" と role_label: "{役職}・" で「会長・山田、副会長・鈴木、委員・田中、佐藤」）。
    #[serde(default = "default_line_break")]
    pub role_separator: String,
    /// 委員を区分（members.yaml の category）ごとにまとめるときの、区分の見出し（{区分}）。例: "【{区分}】"、
    /// "（{区分}）"。区分は council.yaml の categories の順です。空なら区分ごとにまとめません（区分を名前の横に
    /// 書くときは member に {区分} を入れます）。
    #[serde(default)]
    pub category_label: String,
    /// 区分の見出しを、その区分の名前と同じ行の初めに印刷するか（false なら見出しは１行で、名前はその下）。
    #[serde(default = "yes")]
    pub category_inline: bool,
    /// 出席者の項目の中で委員の前に印刷する見出し（例: "<委員>"、"委員"）。空なら見出しなし。
    #[serde(default)]
    pub members_label: String,
    /// 出席者の項目の中で事務局の前に印刷する見出し（例: "<事務局>"、"事務局："）。空なら見出しなし。
    #[serde(default = "default_secretariat_label")]
    pub secretariat_label: String,
    /// 事務局の１人の書き方（meetings.yaml の staff）。{職名}、{名前}、{人数} が入ります（書いていないものは、
    /// すぐ外のかっこと横の空白ごと省きます）。例: "{職名}（{名前}）"、"{名前}{職名}"、"{名前}"。
    #[serde(default = "default_staff")]
    pub staff: String,
    /// 人数を書いた事務局の書き方（例: "{職名}（{人数}名）"）。
    #[serde(default = "default_staff_count")]
    pub staff_count: String,
    /// 事務局と事務局の間（"、" や " "）。"改行" なら１人１行。
    #[serde(default = "default_separator")]
    pub staff_separator: String,
    /// 事務局の課の書き方（staff に department を書いたとき、その人たちの前に）。例: "（{課}）"。
    /// {事務局} を入れると、課とその人たちを１行に印刷します（例: "{課} {事務局}" で
    /// 「政策室市民協働推進担当 馬場、池田、髙橋」）。
    #[serde(default = "default_department")]
    pub department: String,
    /// 敬称略のときに出席者の見出しの後に印刷する言葉。
    #[serde(default = "default_honorifics")]
    pub honorifics_omitted: String,
    /// オンラインで出席した委員（meetings.yaml の online）の前に印刷する言葉。
    #[serde(default = "default_online")]
    pub online: String,
    /// 役職ごとの印（例: {部会長: ◎, 副部会長: ○}）。member の {印} に入ります。
    #[serde(default)]
    pub marks: BTreeMap<String, String>,
    /// 印の凡例の書き方（{凡例} に「◎部会長　○副部会長」が入ります）。出席者の後ろに印刷します。
    /// 空なら凡例なし。
    #[serde(default = "default_marks_legend")]
    pub marks_legend: String,
    /// 合同で開いた会議（meetings.yaml の joint）で、部会ごとの委員の前に印刷する言葉（{部会}）。
    #[serde(default = "default_body_label")]
    pub body_label: String,
    /// 欠席者や事務局の項目に keep_empty: true を書いたとき、だれもいなければ見出しの下に印刷する言葉。
    #[serde(default = "default_nobody")]
    pub nobody: String,
    /// 会議の成立の文（quorum の項目）。{総数}（委員の数）、{出席}（出席した委員の数）、{欠席}
    /// （欠席した委員の数）が入ります。
    #[serde(default = "default_quorum")]
    pub quorum: String,
    /// 人数で記録した会議（meetings.yaml の counts）の、出席者の書き方。
    #[serde(default)]
    pub counts: CountStyle,
}

fn default_member() -> String {
    "{名字}{役職}".into()
}
fn default_separator() -> String {
    "、".into()
}
fn default_line_break() -> String {
    "改行".into()
}
fn default_nobody() -> String {
    "なし".into()
}
fn yes() -> bool {
    true
}
fn default_role_label() -> String {
    "{役職}：".into()
}
fn default_secretariat_label() -> String {
    "事務局：".into()
}
fn default_staff() -> String {
    "{職名}".into()
}
fn default_staff_count() -> String {
    "{職名}（{人数}名）".into()
}
fn default_department() -> String {
    "（{課}）".into()
}
fn default_honorifics() -> String {
    "（敬称略）".into()
}
fn default_absent_mark() -> String {
    "（欠席）".into()
}
fn default_observers_label() -> String {
    "オブザーバー：".into()
}
fn default_online() -> String {
    "（以下オンライン）".into()
}
fn default_marks_legend() -> String {
    "（{凡例}）".into()
}
fn default_body_label() -> String {
    "（{部会}）".into()
}
fn default_quorum() -> String {
    "委員{総数}名中{出席}名の出席により、会議は成立しました。".into()
}

impl Default for AttendanceStyle {
    fn default() -> Self {
        AttendanceStyle {
            member: default_member(),
            labels_inline: false,
            absent_label: String::new(),
            absent_member: None,
            absent_mark: default_absent_mark(),
            observers_label: default_observers_label(),
            separator: default_separator(),
            by_role: false,
            role_label: default_role_label(),
            roles_inline: true,
            role_separator: default_line_break(),
            category_label: String::new(),
            category_inline: true,
            members_label: String::new(),
            secretariat_label: default_secretariat_label(),
            staff: default_staff(),
            staff_count: default_staff_count(),
            staff_separator: default_separator(),
            department: default_department(),
            honorifics_omitted: default_honorifics(),
            online: default_online(),
            marks: BTreeMap::new(),
            marks_legend: default_marks_legend(),
            body_label: default_body_label(),
            nobody: default_nobody(),
            quorum: default_quorum(),
            counts: CountStyle::default(),
        }
    }
}

/// 発言記録の発言者の書き方。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpeakerStyle {
    /// 発言者の書き方（{発言者}）。例: "（{発言者}）"、"{発言者}："、"○ {発言者}"、"■{発言者}"。
    #[serde(default = "default_speaker")]
    pub speaker: String,
    /// 発言者と同じ行に発言を続けるか（「事務局：それでは…」）。false なら発言者は１行で、発言はその下。
    #[serde(default)]
    pub inline: bool,
    /// 発言記録の見出し（transcript の heading）の書き方（{見出し}）。例: "{見出し}"（既定）、"【{見出し}】"。
    #[serde(default = "default_heading")]
    pub heading: String,
    /// 発言（said の段落）ごとに前に付ける印。例: "・"。既定は印なし。
    #[serde(default)]
    pub mark: String,
}

fn default_speaker() -> String {
    "（{発言者}）".into()
}
fn default_heading() -> String {
    "{見出し}".into()
}

impl Default for SpeakerStyle {
    fn default() -> Self {
        SpeakerStyle {
            speaker: default_speaker(),
            inline: false,
            heading: default_heading(),
            mark: String::new(),
        }
    }
}

/// Fills `{key}` placeholders of `pattern`; an unknown placeholder is left as it is (the
/// checks report it before a build).
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of `pattern` not among `known`.
pub fn unknown_placeholders<'a>(pattern: &'a str, known: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let key = &after[..close];
        if !known.contains(&key) {
            out.push(key);
        }
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_placeholders_and_keeps_others() {
        assert_eq!(fill("■{見出し}：", &[("見出し", "日時")]), "■日時：");
        assert_eq!(fill("{番号} {x}", &[("番号", "1")]), "1 {x}");
        assert_eq!(unknown_placeholders("{番号} {x}", &["番号"]), vec!["x"]);
    }
}
