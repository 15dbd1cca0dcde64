//! The answers `shiryo new` needs, each read from what staff type (an option or a line of the
//! console) and refused with a Japanese reason when it cannot be used.

use crate::text::dates;

/// Which documents the new council makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Documents {
    /// 評価結果及び目標設定 (annual_report).
    pub report: bool,
    /// 会議録 (minutes) of the first meeting.
    pub minutes: bool,
    /// 次第 (agenda) of the first meeting.
    pub agenda: bool,
    /// 委員名簿 (member_list).
    pub member_list: bool,
    /// 資料一式 (packet) of the first meeting.
    pub packet: bool,
}

/// One kind of document: its flag, the names staff may type for it, and its name in messages.
pub(super) struct Kind {
    pub field: fn(&mut Documents) -> &mut bool,
    pub names: &'static [&'static str],
    pub shown: &'static str,
    /// What it is, for the question.
    pub about: &'static str,
    /// Whether a council makes it unless told otherwise.
    pub usual: bool,
}

/// Every kind, in the order they are asked.
pub(super) const KINDS: [Kind; 5] = [
    Kind {
        field: |d| &mut d.report,
        names: &[
            "評価結果",
            "評価結果及び目標設定",
            "annual_report",
            "report",
        ],
        shown: "評価結果",
        about: "評価結果及び目標設定（年度の評価と次の年度の目標）",
        usual: true,
    },
    Kind {
        field: |d| &mut d.minutes,
        names: &["会議録", "議事録", "minutes"],
        shown: "会議録",
        about: "第１回の会議録",
        usual: true,
    },
    Kind {
        field: |d| &mut d.agenda,
        names: &["次第", "agenda"],
        shown: "次第",
        about: "第１回の次第",
        usual: true,
    },
    Kind {
        field: |d| &mut d.member_list,
        names: &["委員名簿", "名簿", "member_list", "members"],
        shown: "委員名簿",
        about: "委員名簿",
        usual: true,
    },
    Kind {
        field: |d| &mut d.packet,
        names: &["資料一式", "packet"],
        shown: "資料一式",
        about: "第１回の資料一式（次第と資料を１つの PDF に）",
        usual: false,
    },
];

impl Documents {
    /// What a council makes unless told otherwise.
    pub fn usual() -> Documents {
        let mut d = Documents::default();
        for k in &KINDS {
            *(k.field)(&mut d) = k.usual;
        }
        d
    }

    pub fn any(self) -> bool {
        self.report || self.minutes || self.agenda || self.member_list || self.packet
    }

    /// Whether the first meeting is written (every document but the member list is about it).
    pub fn meeting(self) -> bool {
        self.report || self.minutes || self.agenda || self.packet
    }

    /// The names of the chosen kinds, as staff read them.
    pub fn shown(self) -> String {
        let mut d = self;
        let names: Vec<&str> = KINDS
            .iter()
            .filter(|k| *(k.field)(&mut d))
            .map(|k| k.shown)
            .collect();
        names.join("、")
    }
}

/// The documents named in `text` (`評価結果,会議録` or `minutes agenda`).
pub(super) fn documents(text: &str) -> Result<Documents, String> {
    let mut chosen = Documents::default();
    let text = plain(text);
    let words = text
        .split([',', '、', '，', ' ', '　', '/', '・'])
        .filter(|w| !w.is_empty());
    for word in words {
        let kind = KINDS
            .iter()
            .find(|k| k.names.iter().any(|n| n.eq_ignore_ascii_case(word)))
            .ok_or_else(|| {
                format!(
                    "「{word}」という資料はありません。{} から選んでください",
                    KINDS.map(|k| k.shown).join("・")
                )
            })?;
        *(kind.field)(&mut chosen) = true;
    }
    if !chosen.any() {
        return Err("作る資料が１つもありません".into());
    }
    Ok(chosen)
}

/// A yes or no: はい / いいえ (or y / n, yes / no).
pub(super) fn yes_no(text: &str) -> Result<bool, String> {
    match plain(text).to_lowercase().as_str() {
        "はい" | "y" | "yes" | "する" | "作る" => Ok(true),
        "いいえ" | "n" | "no" | "しない" | "作らない" => Ok(false),
        _ => Err("「はい」か「いいえ」で答えてください".into()),
    }
}

/// A fiscal year as staff write it: 令和７年度, R7, 令和元年度, 平成30年度, H30, 2025, 2025年度.
pub(super) fn year(text: &str) -> Result<i32, String> {
    let cleaned = plain(text);
    let cleaned = cleaned.trim_end_matches("年度").trim_end_matches('年');
    let parsed = if let Ok(y) = cleaned.parse::<i32>() {
        Some(y)
    } else {
        let eras: [(&[&str], i32, i32); 2] = [
            (&["令和", "R", "r"], 2018, 99),
            (&["平成", "H", "h"], 1988, 31),
        ];
        eras.iter().find_map(|(names, base, last)| {
            let rest = names.iter().find_map(|n| cleaned.strip_prefix(n))?;
            let n = if rest == "元" {
                1
            } else {
                rest.parse::<i32>().ok()?
            };
            (1..=*last).contains(&n).then_some(base + n)
        })
    };
    match parsed {
        Some(y) if crate::model::council::YEARS.contains(&y) => Ok(y),
        _ => Err(format!(
            "年度「{}」が読めません。令和７年度、R7、2025 のように書いてください",
            text.trim()
        )),
    }
}

/// The fiscal year `fy` as staff read it: 令和７年度（2025 年度）.
pub(super) fn year_shown(fy: i32) -> String {
    match dates::fiscal_year(fy) {
        Ok(name) => format!("{name}（{fy} 年度）"),
        Err(_) => format!("{fy} 年度"),
    }
}

/// The fiscal year today is in, in Japan (UTC+9): what a new council most likely starts with.
pub(super) fn this_year() -> i32 {
    let now = time::OffsetDateTime::now_utc() + time::Duration::hours(9);
    dates::fiscal_year_of(now.date())
}

/// The longest name or answer taken (a council's formal name is well under this).
const MAX_CHARS: usize = 100;

/// A name to print (city, council, body): one line, no invisible character, not too long.
pub(super) fn name(text: &str) -> Result<String, String> {
    let text = text.trim_matches([' ', '\u{3000}', '\t']);
    if text.is_empty() {
        return Err("名前を入力してください".into());
    }
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() || crate::text::visible::is_hidden(c))
    {
        return Err(format!(
            "名前に目に見えない文字（{}）があります。打ち直してください",
            crate::text::visible::mark(c)
        ));
    }
    if text.chars().count() > MAX_CHARS {
        return Err(format!("名前が長すぎます（{MAX_CHARS} 文字まで）"));
    }
    Ok(text.to_string())
}

/// A body (部会): a name, or none (なし, or nothing typed when asked).
pub(super) fn body(text: &str) -> Result<Option<String>, String> {
    match plain(text).as_str() {
        "" | "なし" | "無し" | "ない" => Ok(None),
        _ => name(text).map(Some),
    }
}

/// `text` trimmed, full-width ASCII letters and digits as half-width (what a Japanese input
/// method types by default).
fn plain(text: &str) -> String {
    text.trim_matches([' ', '\u{3000}', '\t'])
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_read_as_staff_write_them() {
        for (text, fy) in [
            ("令和７年度", 2025),
            ("令和7年度", 2025),
            ("令和７", 2025),
            ("R7", 2025),
            ("Ｒ７", 2025),
            ("r7", 2025),
            ("令和元年度", 2019),
            ("平成30年度", 2018),
            ("H30", 2018),
            ("2025", 2025),
            ("２０２５年度", 2025),
            (" 2024年 ", 2024),
        ] {
            assert_eq!(year(text), Ok(fy), "{text}");
        }
        for bad in ["", "来年", "令和", "R", "平成40年度", "99999", "令和七年度"] {
            let why = year(bad).unwrap_err();
            assert!(why.contains("令和７年度、R7、2025"), "{bad}: {why}");
        }
        assert_eq!(year_shown(2025), "令和７年度（2025 年度）");
    }

    #[test]
    fn documents_are_named_in_either_language() {
        let d = documents("評価結果,会議録").unwrap();
        assert!(d.report && d.minutes && !d.agenda && !d.member_list && !d.packet);
        let d = documents("minutes agenda、委員名簿・packet").unwrap();
        assert!(!d.report && d.minutes && d.agenda && d.member_list && d.packet);
        assert_eq!(d.shown(), "会議録、次第、委員名簿、資料一式");
        let why = documents("会議録,予算書").unwrap_err();
        assert!(why.contains("「予算書」という資料はありません"), "{why}");
        assert!(documents(" , ").unwrap_err().contains("１つもありません"));
        assert!(Documents::usual().report && !Documents::usual().packet);
    }

    #[test]
    fn answers_are_checked() {
        assert_eq!(yes_no("はい"), Ok(true));
        assert_eq!(yes_no("Ｙ"), Ok(true));
        assert_eq!(yes_no(" いいえ "), Ok(false));
        assert!(yes_no("たぶん").is_err());
        assert_eq!(body("なし"), Ok(None));
        assert_eq!(body(""), Ok(None));
        assert_eq!(body("就労支援部会"), Ok(Some("就労支援部会".into())));
        assert_eq!(name("　南市 "), Ok("南市".into()));
        assert!(
            name("南\u{202E}市")
                .unwrap_err()
                .contains("目に見えない文字")
        );
        assert!(name(&"長".repeat(101)).unwrap_err().contains("長すぎます"));
        assert!(name("  ").is_err());
    }
}
