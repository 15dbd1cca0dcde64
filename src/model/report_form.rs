//! The annual report's form (`council.yaml`: `report:`): its title lines, whether its date
//! and its author print, and its sections in order, each under a numbered heading of its own
//! or continuing the one before. The shipped form (`shipped/report.yaml`) is the
//! 評価結果及び目標設定; what a council writes under `report:` replaces the key it names, so an
//! activity report (活動報告) with no evaluation is a form written in content, not a template.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ReportLabels, ReportSettings};

/// 評価結果の資料の様式（題名、日付、作成者、章）。いつもの様式は docs/templates.md の「評価結果の資料の様式」です。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportForm {
    /// 題名の行。
    pub title: Vec<String>,
    /// 右上に資料の日付を印刷するか。
    pub date: bool,
    /// 題名の下に作成者を印刷するか。
    pub author: bool,
    /// 章（この順に）。
    pub sections: Vec<ReportSection>,
}

/// 資料の章１つ: 何を印刷するかと、その見出し。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportSection {
    /// 章の種類: purpose（設置の目的: council.yaml の purpose）/ introduction（はじめに: 資料の
    /// introduction）/ activities（表１: 活動内容と成果と課題）/ meetings（開催状況: 開いた会議と研修会を
    /// 開催日の順に、種類・開催日・主な内容の表で）/ evaluation（表２: 評価結果と、資料の evaluation_closing）/
    /// members_evaluated（評価した年度の委員）/ goals（表３: 次の年度の活動目標と、資料の goals_introduction、
    /// figure）/ schedule（次の年度の活動日程）/ members（次の年度の委員）/ discussion（検討・協議内容: 資料の
    /// discussion）/ carry_over（次の年度に引き継ぐ課題: 資料の carry_over）。
    pub section: ReportPart,
    /// 見出しの言葉（書かなければ種類ごとのいつもの言葉: report.labels の introduction、evaluation、
    /// purpose など）。{年度} {年度略} {次年度} {会議} が使えます。
    #[serde(default)]
    pub label: Option<String>,
    /// 見出しを印刷しないか（番号も付けず、前の章に続けて印刷します）。
    #[serde(default)]
    pub unlabelled: bool,
    /// 開催状況の章（meetings）の表の列（この順に）: kind（種類: 部会、研修会）/ date（開催日）/
    /// content（主な内容）。書くと、見出しの行（labels の held_kind、held_date、held_content）と、会議・
    /// 研修会ごとに１行の表になります。書かなければ、会議・研修会ごとに種類の行の下に開催日と主な内容の
    /// 行を並べます。例: [date, kind, content]。
    #[serde(default)]
    pub columns: Option<Vec<HeldColumn>>,
}

/// 開催状況の表の列。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HeldColumn {
    /// 種類（部会、研修会）。
    Kind,
    /// 開催日。
    Date,
    /// 主な内容。
    Content,
}

/// 章の種類。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportPart {
    /// 設置の目的（council.yaml の purpose）。
    Purpose,
    /// はじめに（資料の introduction）。
    Introduction,
    /// 表１: 評価する年度の活動内容と成果と課題。
    Activities,
    /// 開催状況: 評価する年度に開いた会議と研修会などを開催日の順に（種類、開催日、主な内容）。
    Meetings,
    /// 表２: 評価する年度の評価結果（と資料の evaluation_closing）。
    Evaluation,
    /// 評価する年度の委員。
    MembersEvaluated,
    /// 表３: 次の年度の活動目標（と資料の goals_introduction、figure）。
    Goals,
    /// 次の年度の活動日程（と資料の schedule_introduction）。
    Schedule,
    /// 次の年度の委員（と資料の members_introduction）。
    Members,
    /// 検討・協議内容（資料の discussion）。
    Discussion,
    /// 次の年度に引き継ぐ課題（資料の carry_over）。
    CarryOver,
}

impl ReportPart {
    /// The words a section of this kind is headed by unless the form says otherwise.
    pub fn usual_label(self, w: &ReportLabels) -> &str {
        match self {
            ReportPart::Purpose => &w.purpose,
            ReportPart::Introduction => &w.introduction,
            ReportPart::Activities | ReportPart::Evaluation => &w.evaluation,
            ReportPart::Meetings => &w.meetings,
            ReportPart::MembersEvaluated => &w.members_evaluated,
            ReportPart::Goals => &w.goal_setting,
            ReportPart::Schedule => &w.schedule,
            ReportPart::Members => &w.members,
            ReportPart::Discussion => &w.discussion,
            ReportPart::CarryOver => &w.carry_over,
        }
    }

    /// The anchor of its heading on the web page.
    pub fn anchor(self) -> &'static str {
        match self {
            ReportPart::Purpose => "purpose",
            ReportPart::Introduction => "intro",
            ReportPart::Activities | ReportPart::Evaluation => "evaluation",
            ReportPart::Meetings => "meetings",
            ReportPart::MembersEvaluated => "members-evaluated-section",
            ReportPart::Goals => "goals",
            ReportPart::Schedule => "schedule",
            ReportPart::Members => "members",
            ReportPart::Discussion => "discussion",
            ReportPart::CarryOver => "carry-over",
        }
    }
}

/// The shipped form as YAML text: what a council would write under `report:` to get it (the
/// forms section of docs/templates.md prints this file).
pub fn report_shipped() -> &'static str {
    include_str!("shipped/report.yaml")
}

impl ReportForm {
    /// The shipped form: `shipped/report.yaml`.
    pub fn shipped() -> ReportForm {
        // Constant text, parsed by the tests below: it cannot fail at a user's desk.
        serde_yaml::from_str(report_shipped()).expect("the shipped report form is valid")
    }

    /// The council's form: the shipped one with what its `report:` writes in its place.
    pub fn for_council(settings: &ReportSettings) -> ReportForm {
        let shipped = ReportForm::shipped();
        ReportForm {
            title: settings.title.clone().unwrap_or(shipped.title),
            date: settings.date.unwrap_or(shipped.date),
            author: settings.author.unwrap_or(shipped.author),
            sections: settings.sections.clone().unwrap_or(shipped.sections),
        }
    }

    /// Whether a section of kind `part` is printed.
    pub fn has(&self, part: ReportPart) -> bool {
        self.sections.iter().any(|s| s.section == part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_form_is_the_evaluation_report() {
        let f = ReportForm::shipped();
        assert!(f.date && f.author);
        let kinds: Vec<ReportPart> = f.sections.iter().map(|s| s.section).collect();
        assert_eq!(
            kinds,
            [
                ReportPart::Introduction,
                ReportPart::Activities,
                ReportPart::Evaluation,
                ReportPart::MembersEvaluated,
                ReportPart::Goals,
                ReportPart::Schedule,
                ReportPart::Members
            ]
        );
    }

    #[test]
    fn what_report_names_replaces_the_shipped_and_the_rest_stays() {
        let s: ReportSettings =
            serde_yaml::from_str("author: false\nsections: [{section: meetings}]\n").unwrap();
        let f = ReportForm::for_council(&s);
        assert!(!f.author && f.date);
        assert_eq!(f.title, ReportForm::shipped().title);
        assert!(f.has(ReportPart::Meetings) && !f.has(ReportPart::Evaluation));
    }
}
