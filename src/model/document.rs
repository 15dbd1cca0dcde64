//! `documents/<name>.yaml`: one PDF to build, by type.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Day, Status};

/// documents/<資料名>.yaml: 作る PDF １つ。type で種類を決めます。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
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

impl Document {
    /// The 資料番号 the document prints at its top right (`material:`), if any.
    pub fn material(&self) -> Option<&str> {
        match self {
            Document::AnnualReport(r) => r.material.as_deref(),
            Document::Minutes(d) | Document::Agenda(d) => d.material.as_deref(),
            Document::MemberList(d) => d.material.as_deref(),
            Document::Packet(_) => None,
        }
    }

    /// The same document without its own 資料番号: the sheet a packet stamps with its own.
    pub fn without_material(&self) -> Document {
        let mut d = self.clone();
        match &mut d {
            Document::AnnualReport(r) => r.material = None,
            Document::Minutes(d) | Document::Agenda(d) => d.material = None,
            Document::MemberList(d) => d.material = None,
            Document::Packet(_) => {}
        }
        d
    }
}

/// 会議１回についての資料。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingDocument {
    /// 会議の年度（西暦。令和６年度なら 2024）。
    pub year: i32,
    /// draft（案）または final（確定、既定）。
    #[serde(default)]
    pub status: Status,
    /// 第N回の N。
    pub meeting: u32,
    /// 別に数える会議（meetings.yaml に series: を書いた会議）のとき、その呼び方（例: 合同部会）。
    #[serde(default)]
    pub series: Option<String>,
    /// 右上に印刷する資料番号。
    #[serde(default)]
    pub material: Option<String>,
    /// 使うテンプレート（templates/ のファイル名から .typ.j2 を除いたもの）。書かなければいつものもの。
    #[serde(default)]
    pub template: Option<String>,
}

/// 会議の資料一式。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Packet {
    pub year: i32,
    /// draft（案）または final（確定、既定）。
    #[serde(default)]
    pub status: Status,
    pub meeting: u32,
    /// 別に数える会議（meetings.yaml に series: を書いた会議）のとき、その呼び方（例: 合同部会）。
    #[serde(default)]
    pub series: Option<String>,
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

/// 委員名簿の言葉と列（council.yaml の member_list:）。書かなかったものはいつもの言葉です。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct MemberListWords {
    /// 列（この順に）: category（区分）/ organization（所属）/ post（所属の中での役職）/ name（氏名）/
    /// role（役職）。書かなければ [role, name, organization]。だれも書いていない列（所属、職名、区分）は
    /// 印刷しません。列にない職名は所属の後ろに（所属の列もなければ氏名の前に）、列にない区分は区分ごとの
    /// 見出しの行（category_label）に印刷します。
    pub columns: Vec<MemberColumn>,
    /// 役職の列の見出し。
    pub role: String,
    /// 氏名の列の見出し。
    pub name: String,
    /// 所属の列の見出し。
    pub organization: String,
    /// 所属の中での役職（members.yaml の post）の列の見出し。
    pub post: String,
    /// 区分（members.yaml の category）の列の見出し。
    pub category: String,
    /// 区分を列にしないとき、区分ごとの見出しの行（{区分}）。例: "【{区分}】"。空なら区分を印刷しません。
    pub category_label: String,
    /// 題名の下の日付（{日付} は資料の date: 令和６年５月２３日）。
    pub as_of: String,
}

impl Default for MemberListWords {
    fn default() -> Self {
        MemberListWords {
            columns: vec![
                MemberColumn::Role,
                MemberColumn::Name,
                MemberColumn::Organization,
            ],
            role: "役職".into(),
            name: "氏名".into(),
            organization: "所属".into(),
            post: "職名".into(),
            category: "区分".into(),
            category_label: "{区分}".into(),
            as_of: "（{日付}現在）".into(),
        }
    }
}

/// 委員名簿の列。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberColumn {
    /// 区分（members.yaml の category）。
    Category,
    /// 所属。
    Organization,
    /// 所属の中での役職（members.yaml の post）。
    Post,
    /// 氏名。
    Name,
    /// 役職（council.yaml の roles のどれか）。
    Role,
}

impl MemberColumn {
    /// The key a template lays the column out by.
    pub fn key(self) -> &'static str {
        match self {
            MemberColumn::Category => "category",
            MemberColumn::Organization => "organization",
            MemberColumn::Post => "post",
            MemberColumn::Name => "name",
            MemberColumn::Role => "role",
        }
    }
}

/// その年度の委員名簿。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
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

/// The annual 「令和N年度評価結果及び令和N+1年度目標設定」, or the report the council's
/// `report:` form describes (an activity report).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnualReport {
    /// 各ページの右上に印刷する資料番号（例: 資料７）。
    #[serde(default)]
    pub material: Option<String>,
    /// 資料の日付（YYYY-MM-DD）。様式が日付を印刷しないとき（council.yaml の report: {date: false}）は
    /// 書かなくても構いません。
    #[serde(default)]
    pub date: Option<Day>,
    /// draft（案）または final（確定、既定）。案のあいだは、まだ書いていない評価や成果と課題が警告になり、
    /// 「（未記入）」と印刷されます。
    #[serde(default)]
    pub status: Status,
    /// 評価する年度（西暦。令和６年度なら 2024）。目標と日程は次の年度のものになります。
    pub year: i32,
    /// 題名の下に印刷する作成者。様式が作成者を印刷しないとき（council.yaml の report: {author: false}）は
    /// 書かなくても構いません。
    #[serde(default)]
    pub author: Option<Author>,
    /// 使うテンプレート（templates/ のファイル名から .typ.j2 を除いたもの）。
    #[serde(default = "default_report_template")]
    pub template: String,
    /// はじめに（段落ごとに１行）。
    #[serde(default)]
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
    /// 検討・協議内容（様式の discussion の章）: １項目を１行に。「・」を付けて印刷します。
    #[serde(default)]
    pub discussion: Vec<String>,
    /// 次の年度に引き継ぐ課題（様式の carry_over の章）: １項目を１行に。「・」を付けて印刷します。
    #[serde(default)]
    pub carry_over: Vec<String>,
}

fn default_report_template() -> String {
    "annual_report".into()
}

/// 作成者。題名の下に、organization の行と「title name」の行を、書いたとおりに印刷します。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// 作成者の所属（例: 〇〇市地域自立支援協議会）。書けば、職名と氏名の上の行に印刷します。
    #[serde(default)]
    pub organization: Option<String>,
    /// 作成者の職名（例: 地域移行・定着支援部会長）。
    pub title: String,
    /// 作成者の氏名（例: 山田 太郎）。
    pub name: String,
}

/// 資料に置く図。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// 図のファイル（協議会のフォルダからの場所。SVG、PNG、JPEG）。
    pub file: String,
    /// 図の上に印刷する見出し。
    pub caption: String,
    /// 画面読み上げソフトが読む図の説明。
    pub alt: String,
}
