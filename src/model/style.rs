//! How a council writes things (`council.yaml`: `style:` and `evaluation_legend:`): the house
//! style the shipped templates follow, in every document type.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::text::dates;
use crate::text::japanese;

/// 評価の凡例: 「◎ 達成　○ 概ね達成　△ 一部達成　× 未達成」.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
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

/// 書き方の決まり（協議会の様式）。
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
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
    /// 出席者の名前と役職の書き方: 「岡本委員」（既定。名字と役職）/「岡本 委員」（名字、空白、役職）/
    /// 「岡本 誠（部会長）」（氏名と、かっこの中に役職）。名字は members.yaml の name の最初の空白の前です。
    #[serde(default)]
    pub names: NameStyle,
    /// 協議会の名前と部会の名前の間に空白を入れるか（「〇〇協議会 〇〇部会」）。
    #[serde(default)]
    pub space_before_body: bool,
    /// 案の資料に、資料番号の横（資料番号がなければ右上）に印刷する言葉。
    #[serde(default = "default_draft_mark")]
    pub draft_mark: String,
    /// 案の資料の各ページに、大きく薄い「案」の透かしを入れるか。
    #[serde(default)]
    pub draft_watermark: bool,
    /// まだ書いていないところ（評価、目標値、成果と課題など）に、案の資料で印刷する言葉。
    #[serde(default = "default_unfilled")]
    pub unfilled: String,
    /// 曜日の書き方: （木）（既定）、（木曜日）、または なし（曜日を印刷しない。日付の後に時刻が続くときは
    /// 全角の空白で区切ります: 「令和６年５月２３日　午後３時～」）。すべての資料の日付に使います。
    #[serde(default)]
    pub weekday: WeekdayStyle,
    /// 開始と終了の間: ～（既定、「午後３時～午後５時」）/ 〜 / から…まで（「午後２時から４時まで」）/
    /// から（「午前９時３０分から１２時」）。
    #[serde(default)]
    pub time_range: RangeStyle,
    /// 終了時刻を印刷しない会議（end を書いていない、または end_time: false）で、開始時刻の後に範囲の印を
    /// 付けるか（「１４：００～」「午後７時から」）。
    #[serde(default)]
    pub open_end: bool,
    /// 昼の１２時の書き方: 午後０時（既定）/ 12時（「１２時」「１２時３０分」）/ 正午（１２時ちょうどを「正午」）。
    #[serde(default)]
    pub noon: NoonStyle,
    /// 終了時刻にも午前・午後を書くか（false なら、開始と同じときは「午後７時～８時４５分」）。
    #[serde(default = "yes")]
    pub repeat_meridiem: bool,
    /// 日付や場所がまだ決まっていないときに印刷する言葉（例: 未定、調整中、後日決定）。
    #[serde(default = "default_undecided")]
    pub undecided: String,
    /// 人数の単位（傍聴者「１人」または「１名」）。
    #[serde(default = "default_people")]
    pub people: String,
    /// 資料番号の書き方（{番号} に番号が入ります）。例: 資料{番号}（資料１）、資料第{番号}号。
    /// 枝番のある番号（number: 1-1 や、議題ごとに数えた番号）の形は {枝番} で書きます: {番号} が前の番号、
    /// {枝番} が後ろの番号になり、枝番のない資料では {番号} の後ろから {枝番}（とすぐ後ろの閉じかっこ）
    /// までを省きます。例: 資料{番号}の{枝番}（資料１の１、資料２）、資料{番号}－{枝番}、
    /// 議題{番号}資料({枝番})（議題１資料(１)。material_count: 議題ごと と）。{丸枝番} は枝番を ①② で
    /// （資料{番号}－{丸枝番} で 資料１－①）。{枝番} がなければ、
    /// 書いた番号をそのまま（数字は digits の幅で）{番号} に入れます。
    #[serde(default = "default_material_number")]
    pub material_number: String,
    /// 参考資料の番号の書き方（materials の reference: true の資料。書き方は material_number と同じ）。
    /// 例: 参考{番号}、参考資料{番号}、参考資料{番号}の{枝番}。
    #[serde(default = "default_reference_number")]
    pub reference_number: String,
    /// number: を書いていない資料の数え方: 通し（既定。会議の資料を並んだ順に 1, 2, …）または 議題ごと
    /// （その資料を materials に挙げた最初の議題の番号と、その議題の中での順: 議題１の資料が 1-1, 1-2、
    /// 議題２の資料が 2-1。material_number に {枝番} を書けばその形で、書かなければ「１－１」）。
    /// 議題ごとのとき、どの議題にも挙げていない資料には番号が付きません。
    #[serde(default)]
    pub material_count: MaterialCount,
    /// オンライン併用の会議の場所の書き方（{場所}）。例: {場所}（オンライン併用）、{場所}およびオンライン。
    #[serde(default = "default_hybrid_place")]
    pub hybrid_place: String,
    /// ページ番号の書き方（{番号} にそのページの番号、{総数} にページの数が入ります）。
    /// 例: {番号}（1）、- {番号} -（- 1 -）、{番号}／{総数}（1／5）。２ページ以上の資料の下に印刷します。
    #[serde(default = "default_page_number")]
    pub page_number: String,
}

fn default_page_number() -> String {
    "{番号}".into()
}
fn default_undecided() -> String {
    "未定".into()
}
fn default_people() -> String {
    "人".into()
}
fn default_material_number() -> String {
    "資料{番号}".into()
}
fn default_reference_number() -> String {
    "参考資料{番号}".into()
}
fn default_hybrid_place() -> String {
    "{場所}（オンライン併用）".into()
}

/// 曜日の書き方。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum WeekdayStyle {
    /// （木）
    #[default]
    #[serde(rename = "（木）")]
    Short,
    /// （木曜日）
    #[serde(rename = "（木曜日）")]
    Long,
    /// 曜日を印刷しない。
    #[serde(rename = "なし")]
    Off,
}

/// number: を書いていない資料の数え方。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum MaterialCount {
    /// 会議の資料を並んだ順に 1, 2, …（参考資料は参考資料だけで）。
    #[default]
    #[serde(rename = "通し")]
    Through,
    /// その資料を挙げた最初の議題（１段目）の番号と、その議題の中での順（1-1, 1-2, 2-1）。
    #[serde(rename = "議題ごと")]
    PerItem,
}

/// 開始時刻と終了時刻の間の書き方。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum RangeStyle {
    /// 午後３時～午後５時
    #[default]
    #[serde(rename = "～")]
    Tilde,
    /// 午後２時から４時まで
    #[serde(rename = "から…まで")]
    FromTo,
    /// 午後３時〜午後５時（波ダッシュ）
    #[serde(rename = "〜")]
    WaveDash,
    /// 午前９時３０分から１２時（「まで」なし）
    #[serde(rename = "から")]
    From,
}

impl RangeStyle {
    /// What goes between the start and the end, and after the end.
    pub fn between(self) -> (&'static str, &'static str) {
        match self {
            RangeStyle::Tilde => ("～", ""),
            RangeStyle::WaveDash => ("〜", ""),
            RangeStyle::FromTo => ("から", "まで"),
            RangeStyle::From => ("から", ""),
        }
    }
}

/// 昼の１２時の書き方。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum NoonStyle {
    /// 午後０時、午後０時３０分（時刻の書き方のとおり）
    #[default]
    #[serde(rename = "午後０時")]
    Meridiem,
    /// １２時、１２時３０分（午前・午後を付けない）
    #[serde(rename = "12時", alias = "１２時")]
    Twelve,
    /// 正午（１２時ちょうど。１２時３０分は時刻の書き方のとおり）
    #[serde(rename = "正午")]
    Noon,
}

/// The shipped words of a draft (a council may write its own in `style:`).
fn default_draft_mark() -> String {
    "案".into()
}

fn default_unfilled() -> String {
    "（未記入）".into()
}

/// Whether a document is a draft (案) or final (確定).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Status {
    /// 確定（既定）。まだ書いていないところは誤りになります。
    #[default]
    #[serde(rename = "final", alias = "確定")]
    Final,
    /// 案。「案」と印刷し、まだ書いていないところは警告になります。
    #[serde(rename = "draft", alias = "案")]
    Draft,
}

impl Status {
    pub fn is_draft(self) -> bool {
        self == Status::Draft
    }
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
    /// １、⑴、ア、ａ（４段目まで）
    #[serde(rename = "１ ⑴ ア ａ")]
    CircledKatakana,
    /// １．、(1)、①
    #[serde(rename = "１． (1) ①")]
    DotCircled,
    /// １、(1)、・
    #[serde(rename = "１ (1) ・")]
    ParenBullet,
    /// １．、・（２段目は番号なしの「・」）
    #[serde(rename = "１． ・")]
    DotBullet,
}

impl Numbering {
    /// The number of the `n`th item at nesting `depth` (1-based).
    pub fn number(self, depth: usize, n: u32) -> String {
        use japanese::{circled_number, fullwidth, katakana_number, paren_number};
        let plain = || fullwidth(&n.to_string());
        let dotted = || format!("{}．", plain());
        let half_paren = || format!("({n})");
        let latin = || {
            char::from_u32(0xFF41 + n - 1)
                .filter(|_| (1..=26).contains(&n))
                .map(String::from)
                .unwrap_or_else(|| fullwidth(&format!("({n})")))
        };
        match (self, depth) {
            (Numbering::Circled | Numbering::CircledKatakana | Numbering::ParenBullet, 1) => {
                plain()
            }
            (Numbering::Katakana | Numbering::DotCircled | Numbering::DotBullet, 1) => dotted(),
            (Numbering::Circled | Numbering::CircledKatakana, 2) => paren_number(n),
            (Numbering::Katakana | Numbering::DotCircled | Numbering::ParenBullet, 2) => {
                half_paren()
            }
            (Numbering::Circled | Numbering::DotCircled, _) => circled_number(n),
            (Numbering::Katakana, _) | (Numbering::CircledKatakana, 3) => katakana_number(n),
            (Numbering::CircledKatakana, _) => latin(),
            (Numbering::ParenBullet | Numbering::DotBullet, _) => "・".into(),
        }
    }
}

/// 出席者の名前と役職の書き方。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum NameStyle {
    /// 岡本委員（名字のすぐ後に役職）
    #[default]
    #[serde(rename = "岡本委員")]
    Joined,
    /// 岡本 委員（名字と役職の間に空白）
    #[serde(rename = "岡本 委員")]
    Spaced,
    /// 岡本 誠（部会長）（役職はかっこの中）
    #[serde(rename = "岡本 誠（部会長）")]
    Bracketed,
}

impl NameStyle {
    /// The attendee pattern this style stands for ({名前} {役職} {所属}), as a `minutes:`
    /// description writes it.
    pub fn pattern(self) -> &'static str {
        match self {
            NameStyle::Joined => "{名字}{役職}",
            NameStyle::Spaced => "{名字} {役職}",
            NameStyle::Bracketed => "{名前}（{役職}）",
        }
    }
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
            draft_mark: default_draft_mark(),
            draft_watermark: false,
            unfilled: default_unfilled(),
            weekday: WeekdayStyle::default(),
            time_range: RangeStyle::default(),
            open_end: false,
            noon: NoonStyle::default(),
            repeat_meridiem: true,
            undecided: default_undecided(),
            people: default_people(),
            material_number: default_material_number(),
            reference_number: default_reference_number(),
            material_count: MaterialCount::default(),
            hybrid_place: default_hybrid_place(),
            page_number: default_page_number(),
        }
    }
}

/// 時刻の書き方。15 時がどう印刷されるかで名前を付けています。
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
    /// 午後３時００分、午後３時３０分（分をいつも書く）
    #[serde(rename = "午後３時００分")]
    JaMinutes,
}

impl TimeStyle {
    pub const ALL: [TimeStyle; 6] = [
        TimeStyle::Ja,
        TimeStyle::JaHalf,
        TimeStyle::Hour,
        TimeStyle::ClockFullWidth,
        TimeStyle::Clock,
        TimeStyle::JaMinutes,
    ];

    /// The name staff write (what 15:00 looks like).
    pub fn name(self) -> &'static str {
        match self {
            TimeStyle::Ja => "午後３時",
            TimeStyle::JaHalf => "午後３時半",
            TimeStyle::Hour => "１５時",
            TimeStyle::ClockFullWidth => "１５：００",
            TimeStyle::Clock => "15:00",
            TimeStyle::JaMinutes => "午後３時００分",
        }
    }

    /// `t` in this style.
    pub fn format(self, t: dates::ClockTime) -> String {
        match self {
            TimeStyle::Ja => dates::time_ja(t),
            TimeStyle::JaHalf if t.minute == 30 => {
                format!("{}半", dates::time_ja(dates::ClockTime { minute: 0, ..t }))
            }
            TimeStyle::JaHalf => dates::time_ja(t),
            TimeStyle::Hour => dates::time_hour(t),
            TimeStyle::ClockFullWidth => dates::time_clock(t),
            TimeStyle::Clock => format!("{}:{:02}", t.hour, t.minute),
            TimeStyle::JaMinutes => {
                let half = if t.hour < 12 { "午前" } else { "午後" };
                japanese::fullwidth(&format!("{half}{}時{:02}分", t.hour % 12, t.minute))
            }
        }
    }
}
