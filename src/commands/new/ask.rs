//! The questions of `shiryo new`, one a line: each answer taken from its option when given,
//! otherwise asked with its default in brackets (Enter takes it), and asked again when it
//! cannot be used. Without a console to ask on, a required answer missing is an error that
//! names its option.

use std::io::{BufRead, Write};
use std::path::Path;

use super::answers::{self, Documents, KINDS};
use super::{Answers, Given};

/// Reads the answers. `Ok(None)`: staff said no to the summary.
pub(super) fn answers(
    root: &Path,
    given: &Given,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    interactive: bool,
) -> Result<Option<Answers>, String> {
    if !interactive {
        missing(given)?;
    }
    let mut console = Console {
        input,
        out,
        interactive,
        asked: false,
    };
    let folder = console.answer(
        given.folder.as_deref(),
        "フォルダ名",
        "協議会のフォルダの名前（content の中に作ります。英数字と「-」の短い名前。例: minami-shuro）",
        None,
        |text| super::folder(root, text),
    )?;
    let city = console.answer(
        given.city.as_deref(),
        "--city",
        "市町村の名前（例: 南市）",
        None,
        answers::name,
    )?;
    let council = console.answer(
        given.council.as_deref(),
        "--council",
        "協議会の正式な名前",
        Some(format!("{city}地域自立支援協議会")),
        answers::name,
    )?;
    let body = console.answer(
        given.body.as_deref(),
        "--body",
        "部会の名前（協議会そのものの資料なら「なし」）",
        Some("なし".into()),
        answers::body,
    )?;
    let this_year = answers::this_year();
    let year = console.answer(
        given.year.as_deref(),
        "--year",
        "年度（令和７年度、R7、2025 など）",
        Some(crate::text::dates::fiscal_year(this_year).unwrap_or_else(|_| this_year.to_string())),
        answers::year,
    )?;
    let nimo = console.answer(
        given.nimo.as_deref(),
        "--nimo",
        "にも包括（精神障害にも対応した地域包括ケアシステム）の協議の場ですか（はい／いいえ）",
        Some("いいえ".into()),
        answers::yes_no,
    )?;
    let documents = match given.documents.as_deref() {
        Some(text) => answers::documents(text).map_err(|why| format!("--documents: {why}。"))?,
        None => console.documents()?,
    };
    let a = Answers {
        folder,
        city,
        council,
        body,
        year,
        nimo,
        documents,
    };
    // Every answer given as an option: nothing to look over.
    if !console.asked {
        return Ok(Some(a));
    }
    let yes = console.confirm(&a)?;
    Ok(yes.then_some(a))
}

/// The answers a script must give as options, and what each is.
const REQUIRED: [(&str, &str); 4] = [
    ("フォルダ名", "協議会のフォルダの名前"),
    ("--city", "市町村の名前"),
    ("--year", "年度"),
    ("--documents", "作る資料"),
];

/// Without a console, every required answer must be given: names those that are not.
fn missing(given: &Given) -> Result<(), String> {
    let has = [
        given.folder.is_some(),
        given.city.is_some(),
        given.year.is_some(),
        given.documents.is_some(),
    ];
    let lacking: Vec<String> = REQUIRED
        .iter()
        .zip(has)
        .filter(|(_, has)| !has)
        .map(|((option, what), _)| format!("{option}（{what}）"))
        .collect();
    if lacking.is_empty() {
        return Ok(());
    }
    Err(format!(
        "答えの指定が足りません: {}。\n  → 質問に答えて作るには、コマンドプロンプトなどの画面で shiryo new と入力します。指定で渡すときの例: shiryo new minami-shuro --city 南市 --year 令和7年度 --documents 評価結果,会議録,次第,委員名簿（ほかに --council 協議会の名前、--body 部会の名前、--nimo はい）",
        lacking.join("、")
    ))
}

struct Console<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    interactive: bool,
    /// Whether anything was asked (then the answers are shown together before anything is
    /// written).
    asked: bool,
}

impl Console<'_> {
    /// One answer: from its option (`given`), else from the console, else its default.
    fn answer<T>(
        &mut self,
        given: Option<&str>,
        option: &str,
        question: &str,
        default: Option<String>,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, String> {
        // An option's answer that cannot be used is named by its option (the folder's name,
        // the one answer without one, says which it is itself).
        let refused = |why: String| match option.starts_with("--") {
            true => format!("{option}: {why}。"),
            false => format!("{why}。"),
        };
        if let Some(text) = given {
            return parse(text).map_err(refused);
        }
        if !self.interactive {
            // Only an answer with a default can be missing here (see `missing`).
            return parse(default.as_deref().unwrap_or_default()).map_err(refused);
        }
        loop {
            let line = self.ask(question, default.as_deref())?;
            let text = match (line.trim_matches([' ', '\u{3000}']), &default) {
                ("", Some(d)) => d.clone(),
                ("", None) => {
                    self.say("  → 答えを入力してください。");
                    continue;
                }
                (_, _) => line,
            };
            match parse(&text) {
                Ok(v) => return Ok(v),
                Err(why) => self.say(&format!("  → {why}。")),
            }
        }
    }

    /// The documents, one question each, until at least one is chosen.
    fn documents(&mut self) -> Result<Documents, String> {
        loop {
            let mut d = Documents::default();
            for k in &KINDS {
                let usual = if k.usual { "はい" } else { "いいえ" };
                let yes = self.answer(
                    None,
                    "--documents",
                    &format!("{}を作りますか（はい／いいえ）", k.about),
                    Some(usual.into()),
                    answers::yes_no,
                )?;
                *(k.field)(&mut d) = yes;
            }
            if d.any() {
                return Ok(d);
            }
            self.say("  → 作る資料が１つもありません。少なくとも１つ「はい」と答えてください。");
        }
    }

    /// The answers shown together, and whether to go on.
    fn confirm(&mut self, a: &Answers) -> Result<bool, String> {
        let lines = [
            format!("フォルダ: content/{}", a.folder),
            format!("市町村: {}", a.city),
            format!("協議会: {}", a.council),
            format!("部会: {}", a.body.as_deref().unwrap_or("なし")),
            format!("年度: {}", answers::year_shown(a.year)),
            format!(
                "にも包括の協議の場: {}",
                if a.nimo { "はい" } else { "いいえ" }
            ),
            format!("作る資料: {}", a.documents.shown()),
        ];
        self.say("");
        for l in lines {
            self.say(&format!("  {l}"));
        }
        self.answer(
            None,
            "",
            "この内容で作りますか（はい／いいえ）",
            Some("はい".into()),
            answers::yes_no,
        )
    }

    /// Prints the question and reads one line (without its line break).
    fn ask(&mut self, question: &str, default: Option<&str>) -> Result<String, String> {
        self.asked = true;
        let shown = default.map(|d| format!(" [{d}]")).unwrap_or_default();
        let _ = write!(self.out, "{question}{shown}: ");
        let _ = self.out.flush();
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) => Err("答えの入力が途中で終わりました。".into()),
            Ok(_) => Ok(line.trim_end_matches(['\n', '\r']).to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                Err("入力された文字が読めません（文字コードが UTF-8 ではありません）。".into())
            }
            Err(e) => Err(format!(
                "答えを読めませんでした（{}）。",
                crate::diag::io_ja(&e)
            )),
        }
    }

    fn say(&mut self, line: &str) {
        let _ = writeln!(self.out, "{line}");
    }
}
