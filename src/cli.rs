//! The command line: its commands, their Japanese help, and Japanese words for clap's mistakes.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "shiryo",
    version,
    about = "YAML で書いた協議会の資料を PDF にします",
    long_about = "content/ の YAML と templates/ のテンプレートから、協議会の資料（評価結果及び目標設定、会議録など）の PDF を output/ に作ります。"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The project folder, as every command takes it.
#[derive(clap::Args)]
pub struct Root {
    /// プロジェクトのフォルダ（content/, templates/, fonts/ がある場所。省略すると今のフォルダ）
    #[arg(
        long = "root",
        default_value = ".",
        hide_default_value = true,
        value_name = "フォルダ"
    )]
    pub path: PathBuf,
}

#[derive(Subcommand)]
pub enum Command {
    /// content/ のすべての資料（または指定した資料）の PDF を output/ に作ります
    Build {
        #[command(flatten)]
        root: Root,
        /// 生成した Typst ファイル（.typ）も PDF の隣に書き出します（確認用）
        #[arg(long)]
        emit_typst: bool,
        /// 同じ資料の Web ページ（.html）も PDF の隣に作ります（市のホームページに載せる用）
        #[arg(long)]
        html: bool,
        /// 同じ資料の Word ファイル（.docx）も PDF の隣に作ります（直しや決裁に回す用）
        #[arg(long)]
        docx: bool,
        /// 作る資料（例: niiza-chiiki-ikou/r6-hyoka）。省略するとすべて
        #[arg(value_name = "資料")]
        documents: Vec<String>,
    },
    /// PDF を書かずに、content/ とテンプレートの誤りをすべて確かめます
    Check {
        #[command(flatten)]
        root: Root,
        /// 警告があるときも、エラーのときと同じく「失敗」として終わります（自動の確認で警告を見落とさないために）
        #[arg(long)]
        deny_warnings: bool,
        /// Web ページ（.html）のテンプレートも確かめます
        #[arg(long)]
        html: bool,
    },
    /// 最初にすべてを作り、その後は保存のたびに変わった資料だけを作り直します（Ctrl+C で終了）
    Watch {
        #[command(flatten)]
        root: Root,
        /// この回数だけ作り直したら終了します（テストと計測用）
        #[arg(long, hide = true)]
        max_rounds: Option<usize>,
        /// 同じ資料の Web ページ（.html）も作り直します
        #[arg(long)]
        html: bool,
        /// 同じ資料の Word ファイル（.docx）も作り直します
        #[arg(long)]
        docx: bool,
        /// 作る資料（省略するとすべて）
        #[arg(value_name = "資料")]
        documents: Vec<String>,
    },
    /// すべてを作り、この PC のブラウザだけで見られるページ（http://127.0.0.1:ポート/）を開きます。保存のたびに、開いているページが自動で新しくなります（Ctrl+C で終了）
    Serve {
        #[command(flatten)]
        root: Root,
        /// 待ち受けるポートの番号（ほかのプログラムが使っているときは別の番号を指定します）
        #[arg(long, default_value_t = shiryo::commands::serve::DEFAULT_PORT, value_name = "番号", value_parser = port_number)]
        port: u16,
        /// 作り終えたら、いつものブラウザで一覧のページを開きます
        #[arg(long)]
        open: bool,
    },
    /// 最新の評価結果から次の年度を始めます: 評価の表、次の年度の目標・委員・日程のひな形、案の評価結果を書きます（あるファイルは変えません）
    NextYear {
        #[command(flatten)]
        root: Root,
        /// 協議会のフォルダ名（content/ の下。例: niiza-chiiki-ikou）
        #[arg(value_name = "協議会")]
        council: String,
    },
    /// 目標の変わったところ（ある年度 → 次の年度）を表示します: 加わった目標、なくなった目標、番号や文の変わった目標、再掲元の番号
    Changes {
        #[command(flatten)]
        root: Root,
        /// 協議会（content/ の下のフォルダ名。例: niiza-chiiki-ikou）
        #[arg(value_name = "協議会")]
        council: String,
        /// 比べる前の年度（西暦。2024 なら 令和６年度 → 令和７年度）。省略すると、次の年度の目標がある最後の年度
        #[arg(value_name = "年度")]
        year: Option<String>,
    },
    /// 新しい協議会のフォルダを content/ に作ります: 質問に答えるか、答えを指定で渡します（今ある協議会は変えません）
    New {
        #[command(flatten)]
        root: Root,
        #[command(flatten)]
        answers: NewAnswers,
        /// 端末でなくても、足りない答えを標準入力から１行ずつ読んで尋ねます（テスト用）
        #[arg(long, hide = true)]
        ask: bool,
    },
    /// エディタが項目名を補ったり書き誤りに印を付けたりするための説明を schema/ に、テンプレートの値の一覧と会議録・次第のいつもの様式を docs/ に書き出します
    Schema {
        #[command(flatten)]
        root: Root,
    },
}

/// The answers `shiryo new` takes as options (those not given are asked on the console).
#[derive(clap::Args)]
pub struct NewAnswers {
    /// 協議会のフォルダの名前（content/ の下に作ります。例: minami-shuro）
    #[arg(value_name = "フォルダ名")]
    folder: Option<String>,
    /// 市町村の名前（例: 南市）
    #[arg(long, value_name = "名前")]
    city: Option<String>,
    /// 協議会の正式な名前（省略すると「市町村の名前＋地域自立支援協議会」）
    #[arg(long, value_name = "名前")]
    council: Option<String>,
    /// 部会の名前（協議会そのものなら なし。省略すると なし）
    #[arg(long, value_name = "名前")]
    body: Option<String>,
    /// 年度（令和7年度、R7、2025 など）
    #[arg(long, value_name = "年度")]
    year: Option<String>,
    /// にも包括の協議の場か（はい / いいえ。省略すると いいえ）
    #[arg(long, value_name = "はい/いいえ")]
    nimo: Option<String>,
    /// 作る資料を「,」で区切って: 評価結果,会議録,次第,委員名簿,資料一式
    #[arg(long, value_name = "資料")]
    documents: Option<String>,
}

impl From<NewAnswers> for shiryo::commands::new::Given {
    fn from(a: NewAnswers) -> Self {
        shiryo::commands::new::Given {
            folder: a.folder,
            city: a.city,
            council: a.council,
            body: a.body,
            year: a.year,
            nimo: a.nimo,
            documents: a.documents,
        }
    }
}

/// `serve --port`: a number from 1 to 65535 (0 would be "any free port", of no use to staff who
/// type the address into a browser).
fn port_number(value: &str) -> Result<u16, String> {
    match value.trim().parse::<u16>() {
        Ok(port) if port >= 1 => Ok(port),
        _ => Err(format!(
            "ポートの番号は 1 から 65535 までの数で指定してください（例: --port {}）。",
            shiryo::commands::serve::DEFAULT_PORT + 1
        )),
    }
}

/// Help laid out with Japanese headings (clap's own are English).
const HELP: &str = "{about}\n\n使い方: {usage}\n\n指定:\n{positionals}\n{options}";
const TOP_HELP: &str = "{about}\n\n使い方: {usage}\n\nコマンド:\n{subcommands}\n\n指定:\n{options}";

/// The command line, every word a user sees in Japanese.
pub fn command() -> clap::Command {
    use clap::{Arg, ArgAction, CommandFactory};
    let japanese = |c: clap::Command| {
        let usage = format!("shiryo {} [指定…]", c.get_name());
        c.help_template(HELP)
            .override_usage(usage)
            .disable_help_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("この説明を表示します"),
            )
            .next_help_heading("指定")
    };
    japanese(Cli::command())
        .help_template(TOP_HELP)
        .override_usage("shiryo <コマンド> [指定…]")
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("版を表示します"),
        )
        .subcommand_help_heading("コマンド")
        .mut_subcommands(japanese)
        .mut_subcommand("changes", |c| {
            c.override_usage("shiryo changes [指定…] <協議会> [年度]")
        })
        .mut_subcommand("new", |c| {
            c.override_usage("shiryo new [指定…] [フォルダ名]")
        })
}

/// A command-line mistake in Japanese, with what to do.
pub fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |k| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::UnknownArgument => format!(
            "知らない指定 {} があります。",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidSubcommand => format!(
            "知らないコマンド {} です（build, check, watch, serve, new, next-year, changes, schema のどれかです）。",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "コマンド（build, check, watch, serve, new, next-year, changes, schema）を指定してください。"
                .to_string()
        }
        ErrorKind::InvalidValue | ErrorKind::NoEquals => format!(
            "{} の値が正しくないか、ありません。",
            context(ContextKind::InvalidArg)
        ),
        // A value our own parser refused: its reason is in Japanese already.
        ErrorKind::ValueValidation => format!(
            "{} の値が正しくありません。{}",
            context(ContextKind::InvalidArg),
            std::error::Error::source(e).map_or(String::new(), |why| why.to_string())
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "必要な指定 {} がありません。",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::ArgumentConflict => format!(
            "{} は一緒に指定できません。",
            context(ContextKind::InvalidArg)
        ),
        _ => "コマンドの指定に誤りがあります。".to_string(),
    };
    format!(
        "エラー: {what}\n  → 使い方は shiryo --help（コマンドごとには shiryo build --help など）で表示します。"
    )
}
