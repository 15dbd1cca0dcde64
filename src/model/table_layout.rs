//! `council.yaml`'s `tables:`: how one table of a council's documents is set when its columns
//! do not fit a portrait page: on landscape pages, or in smaller text, for that table only.
//! The view turns it into one [`TableLook`] per table, computed once: the PDF, the web page and
//! the Word file all read it (the PDF turns its pages, the page prints the table for a landscape
//! sheet, Word gives the table a landscape section; each scales the table's text by the same
//! factor).

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diag::{Problem, Problems};

/// The text size of every document, in points (common.typ.j2's `#set text`).
pub const USUAL_TEXT_SIZE: f64 = 10.5;
/// The smallest text a table may be set in, in points: smaller is hard to read on paper.
pub const SMALLEST_TEXT_SIZE: f64 = 7.0;

/// 表ごとの組み方。列が多い、または列の言葉が長くて縦の A4 に入らない表を、その表だけ横向きのページや
/// 小さい文字にします。書かなかった表は、いつもの縦のページといつもの文字（10.5 ポイント）です。
/// 例: {evaluation: {landscape: true}}、{member_list: {text_size: 9}}。
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSettings {
    /// 表１（評価結果の資料の「活動内容と成果と課題」）。
    #[serde(default)]
    pub activities: Option<TableLayout>,
    /// 開催状況の表（評価結果の資料の meetings の章）。
    #[serde(default)]
    pub meetings: Option<TableLayout>,
    /// 表２（評価結果）。
    #[serde(default)]
    pub evaluation: Option<TableLayout>,
    /// 表３（次の年度の活動目標）。
    #[serde(default)]
    pub goals: Option<TableLayout>,
    /// 委員名簿の表（横向きにすると、名簿のページごと横向きになります）。
    #[serde(default)]
    pub member_list: Option<TableLayout>,
    /// 罫線の表の会議録（minutes の frame: ruled。横向きにすると、会議録のページごと横向きになります）。
    #[serde(default)]
    pub minutes: Option<TableLayout>,
}

/// 表１つの組み方。
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableLayout {
    /// この表を横向きの A4 のページに印刷するか。表の前の文と表題も同じページに入り、表の後ろの文は
    /// また縦のページに続きます。Web ページでは、印刷するときにこの表が横向きの用紙になります。Word の
    /// ファイルでも、この表は横向きのページになります。
    #[serde(default)]
    pub landscape: bool,
    /// この表の文字の大きさ（ポイント。7 から 10.5 まで。いつもは 10.5）。例: 9。Web ページの表も
    /// 同じ割合で小さくなります。Word のファイルの表も同じ大きさです。
    #[serde(default)]
    pub text_size: Option<f64>,
}

/// 表の組み方（council.yaml の tables をもとにしたもの。PDF、Web ページ、Word のファイルが同じものを使います）。
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, JsonSchema)]
pub struct TableLook {
    /// 横向きのページに印刷するか。
    pub landscape: bool,
    /// 文字の大きさ: いつもの文字の何倍か（em。例: 0.857）。いつもの大きさなら空。
    pub em: Option<f64>,
}

/// 表ごとの組み方（tables の表ごとに。書いていない表はいつもの組み方）。
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, JsonSchema)]
pub struct TableLooks {
    /// 表１。
    pub activities: TableLook,
    /// 開催状況の表。
    pub meetings: TableLook,
    /// 表２。
    pub evaluation: TableLook,
    /// 表３。
    pub goals: TableLook,
    /// 委員名簿の表。
    pub member_list: TableLook,
    /// 罫線の表の会議録。
    pub minutes: TableLook,
}

impl TableLayout {
    /// The look it asks for: the text's size as a share of the usual one, rounded to a
    /// thousandth (what the PDF and the web page both print).
    pub fn look(self) -> TableLook {
        let em = self
            .text_size
            .filter(|s| (*s - USUAL_TEXT_SIZE).abs() > f64::EPSILON)
            .map(|s| {
                (s.clamp(SMALLEST_TEXT_SIZE, USUAL_TEXT_SIZE) / USUAL_TEXT_SIZE * 1000.0).round()
                    / 1000.0
            });
        TableLook {
            landscape: self.landscape,
            em,
        }
    }
}

impl TableSettings {
    /// Every table's look.
    pub fn looks(&self) -> TableLooks {
        let look = |t: &Option<TableLayout>| t.map(TableLayout::look).unwrap_or_default();
        TableLooks {
            activities: look(&self.activities),
            meetings: look(&self.meetings),
            evaluation: look(&self.evaluation),
            goals: look(&self.goals),
            member_list: look(&self.member_list),
            minutes: look(&self.minutes),
        }
    }

    /// Each table written, with its key.
    fn written(&self) -> [(&'static str, Option<TableLayout>); 6] {
        [
            ("activities", self.activities),
            ("meetings", self.meetings),
            ("evaluation", self.evaluation),
            ("goals", self.goals),
            ("member_list", self.member_list),
            ("minutes", self.minutes),
        ]
    }

    /// A text size too small to read or larger than the usual text (council.yaml `file`).
    pub fn check(&self, file: &Path, out: &mut Problems) {
        for (key, layout) in self.written() {
            let Some(size) = layout.and_then(|l| l.text_size) else {
                continue;
            };
            if !(SMALLEST_TEXT_SIZE..=USUAL_TEXT_SIZE).contains(&size) {
                out.push(
                    Problem::error(
                        file,
                        format!(
                            "tables の {key} の text_size {size} は使えません（{SMALLEST_TEXT_SIZE} から {USUAL_TEXT_SIZE} ポイントまでです）。"
                        ),
                    )
                    .field(format!("tables.{key}.text_size"))
                    .hint("表が入らないときは 9 や 8 ぐらいにするか、landscape: true で横向きにしてください。"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_not_written_keeps_the_usual_look() {
        let s: TableSettings =
            serde_yaml::from_str("evaluation: {landscape: true, text_size: 9}\n").unwrap();
        let looks = s.looks();
        assert_eq!(
            looks.evaluation,
            TableLook {
                landscape: true,
                em: Some(0.857)
            }
        );
        assert_eq!(looks.goals, TableLook::default());
        assert_eq!(TableSettings::default().looks(), TableLooks::default());
    }

    #[test]
    fn a_size_out_of_range_is_an_error_at_its_key() {
        let s: TableSettings = serde_yaml::from_str("member_list: {text_size: 4}\n").unwrap();
        let mut out = Problems::default();
        s.check(Path::new("council.yaml"), &mut out);
        assert_eq!(out.errors(), 1);
        assert!(out.0[0].message.contains("member_list"), "{:?}", out.0);
    }
}
