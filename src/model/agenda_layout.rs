//! `council.yaml`'s `agenda:`: how a council lays out its agenda (次第), said in content: the
//! title lines, the lines of when and where, and how materials are listed. The view turns it
//! into finished phrases (`documents::agenda_sheet`); the shipped `agenda` templates (and the
//! packet's page) only lay them out.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{AgendaMarks, MaterialStyle, TimeStyle};

/// 次第の様式（council.yaml の agenda:）。書かなければ、いつもの形（題名「{会議}」「次第」、
/// 「日時：」「場所：」、資料は【資料】）。書いたところだけがいつもの形と変わります。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaDescription {
    /// 題名の行。{年度}（令和７年度）、{回}（第１回の１）、{協議会}（協議会と部会の名前）、
    /// {会議}（会議の名前: 令和７年度 第１回…部会）、{呼び方}（meeting_label）、{案}（案の資料では「（案）」）が
    /// 入ります。例: ["{会議}", "次第"]、["{会議}次第"]、["次　第"]。
    #[serde(default = "default_title")]
    pub title: Vec<String>,
    /// 日時の行（{日時} に 令和６年５月２３日（木）午後３時～ が入ります）。例: "日時：{日時}"、
    /// "１ 日時 {日時}"。空なら印刷しません。
    #[serde(default = "default_when")]
    pub when: String,
    /// 場所の行（{場所}）。例: "場所：{場所}"、"会場：{場所}"。空なら印刷しません。
    #[serde(default = "default_place")]
    pub place: String,
    /// 書き方の決まり（style.time）を書いていない協議会の、日時の時刻の書き方。書かなければ
    /// 午前１０時 の形。
    #[serde(default)]
    pub usual_time: Option<TimeStyle>,
    /// 資料を分けずに並べるとき、その前に印刷する見出し（例: "【資料】"、"配布資料"）。空なら見出しなし。
    #[serde(default = "default_materials_label")]
    pub materials_label: String,
    /// 資料の書き方（議題の横の資料番号、事前送付・当日配付・参考資料の見出し、分け方）。
    #[serde(default)]
    pub materials: MaterialStyle,
    /// 議題の前の印（段ごとの番号や「〇」）。
    #[serde(default)]
    pub marks: AgendaMarks,
}

fn default_title() -> Vec<String> {
    vec!["{会議}".into(), "次第".into()]
}
fn default_when() -> String {
    "日時：{日時}".into()
}
fn default_place() -> String {
    "場所：{場所}".into()
}
fn default_materials_label() -> String {
    "【資料】".into()
}

impl Default for AgendaDescription {
    fn default() -> Self {
        AgendaDescription {
            title: default_title(),
            when: default_when(),
            place: default_place(),
            usual_time: None,
            materials_label: default_materials_label(),
            materials: MaterialStyle::default(),
            marks: AgendaMarks::default(),
        }
    }
}

impl AgendaDescription {
    /// The council's own description, or the usual one.
    pub fn for_council(council: &super::Council) -> std::borrow::Cow<'_, AgendaDescription> {
        match &council.agenda {
            Some(d) => std::borrow::Cow::Borrowed(d),
            None => std::borrow::Cow::Owned(AgendaDescription::default()),
        }
    }

    /// The time style of 日時 when the council names none.
    pub fn time(&self) -> TimeStyle {
        self.usual_time.unwrap_or(TimeStyle::Ja)
    }
}

/// 資料一式（packet）の言葉（council.yaml の packet:）。書かなかったものはいつもの言葉です。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct PacketWords {
    /// 題名の行（PDF の情報と Web ページの見出し）。{会議} が会議の名前になります。
    pub title: Vec<String>,
    /// Web ページの次第の見出し。
    pub agenda_heading: String,
    /// Web ページの資料の見出し。
    pub materials_heading: String,
    /// Web ページで資料ごとに示す、資料一式の PDF のページ（{ページ} に ３ や ３～５ が入ります）。
    pub pages: String,
    /// 当日配付の資料の後ろに付ける言葉（Web ページ）。
    pub handout_mark: String,
    /// PDF の各ページの代わりの文（画面読み上げ用）。{資料}（資料番号と名前）、{ページ}、{総ページ}。
    pub page_alt: String,
}

impl Default for PacketWords {
    fn default() -> Self {
        PacketWords {
            title: vec!["{会議}".into(), "会議資料".into()],
            agenda_heading: "次第".into(),
            materials_heading: "資料".into(),
            pages: "資料一式の PDF の{ページ}ページ".into(),
            handout_mark: "（当日配付）".into(),
            page_alt: "{資料}（{ページ}／{総ページ}ページ）".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_description_is_the_usual_one() {
        let d: AgendaDescription = serde_yaml::from_str("{}").unwrap();
        let usual = AgendaDescription::default();
        assert_eq!(d.title, usual.title);
        assert_eq!((d.when, d.place), (usual.when, usual.place));
        assert_eq!(d.materials_label, "【資料】");
    }
}
