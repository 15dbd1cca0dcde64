//! The `shiryo` command line. Everything a user reads here is Japanese.

use std::process::ExitCode;
use std::time::Instant;

#[macro_use]
mod terminal;

mod cli;
mod desktop;

use cli::{Cli, Command, command, usage_error};

use shiryo::commands::build::{self, Builder, Format, Formats};
use shiryo::diag::Problems;

#[global_allocator]
static ALLOCATOR: shiryo::memory::Allocator = shiryo::memory::Allocator;

/// A panic is a bug of ours, or the console going away under us: either way staff read one
/// Japanese line, not a Rust backtrace.
fn japanese_panics() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = (payload.downcast_ref::<String>().map(String::as_str))
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        // println! panics when stdout is a closed pipe or a full disk.
        if message.starts_with("failed printing to std") {
            tell!(
                "エラー: 結果を表示できませんでした（表示の行き先が閉じられたか、いっぱいです）。"
            );
            std::process::exit(1);
        }
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tell!(
            "エラー: shiryo の内部で思わぬ誤りが起きました（{message}、{place}）。\n  → この表示を添えて、担当の開発者に知らせてください。"
        );
        desktop::wait_if_double_clicked();
        std::process::exit(101);
    }));
}

fn main() -> ExitCode {
    use clap::FromArgMatches;
    japanese_panics();
    shiryo::memory::set_limit();
    if desktop::double_clicked() {
        return desktop::run(run_serve);
    }
    let matches = match command().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            tell!("{}", usage_error(&e));
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => {
            tell!("{}", usage_error(&e));
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Build {
            root,
            emit_typst,
            html,
            docx,
            documents,
        } => run_build(
            &root.path,
            &documents,
            Formats::PDF
                .with(Format::Typst, emit_typst)
                .with(Format::Html, html)
                .with(Format::Docx, docx),
        ),
        Command::Check {
            root,
            deny_warnings,
            html,
        } => run_check(&root.path, deny_warnings, html),
        Command::Changes {
            root,
            council,
            year,
        } => run_changes(&root.path, &council, year.as_deref()),
        Command::Schema { root } => run_schema(&root.path),
        Command::NextYear { root, council } => run_next_year(&root.path, &council),
        Command::Watch {
            root,
            max_rounds,
            html,
            docx,
            documents,
        } => run_watch(
            &root.path,
            &documents,
            max_rounds,
            Formats::PDF
                .with(Format::Html, html)
                .with(Format::Docx, docx),
        ),
        Command::Serve { root, port, open } => run_serve(&root.path, port, open),
        Command::New { root, answers, ask } => {
            shiryo::commands::new::command(&root.path, answers.into(), ask)
        }
    }
}

fn run_serve(root: &std::path::Path, port: u16, open: bool) -> ExitCode {
    say!("すべての資料を作っています…");
    let running = match shiryo::commands::serve::start(root, port, print_watch_report) {
        Ok(r) => r,
        Err(message) => {
            tell!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let url = running.url();
    say!(
        "ブラウザで {url} を開くと、資料の一覧から Web ページと PDF を見られます（この PC からだけ見られます）。"
    );
    say!(
        "content/ やテンプレートを保存するたびに作り直し、開いているページも新しくなります。終了するには Ctrl+C を押してください。"
    );
    if open && let Err(message) = shiryo::commands::serve::open_browser(&url) {
        tell!("{message}");
    }
    let _ = std::io::Write::flush(&mut std::io::stdout());
    match running.wait() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tell!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// One line per report of the rebuilding loop (`watch`, `serve`).
fn print_watch_report(r: &shiryo::commands::watch::Report) {
    use shiryo::commands::watch::Report;
    use std::io::Write;
    match r {
        Report::Built {
            id,
            changed,
            elapsed,
            pages,
            path,
            ..
        } => say!(
            "作成: {}（{id}、変更: {changed}、{} ms、{pages}ページ）",
            path.display(),
            elapsed.as_millis()
        ),
        Report::Unchanged { changed } => {
            say!("変更なし: {changed}（作り直す資料はありません）")
        }
        Report::Failed(problems) => {
            report(problems);
            tell!("前回の PDF はそのまま残しています。直して保存すると作り直します。");
        }
        Report::Waiting(line) => tell!("{line}"),
        Report::Page { .. } | Report::Typeset { .. } | Report::Done => {}
    }
    let _ = std::io::stdout().flush();
}

fn run_watch(
    root: &std::path::Path,
    documents: &[String],
    max_rounds: Option<usize>,
    formats: Formats,
) -> ExitCode {
    say!("監視を始めます（content/, templates/, fonts/）。終了するには Ctrl+C を押してください。");
    let result = shiryo::commands::watch::run(root, documents, max_rounds, formats, |r| {
        print_watch_report(&r)
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tell!("エラー: フォルダを監視できません（{e}）。");
            ExitCode::FAILURE
        }
    }
}

fn run_check(root: &std::path::Path, deny_warnings: bool, html: bool) -> ExitCode {
    let mut builder = match Builder::new(root) {
        Ok(b) => b,
        Err(problems) => return fail(&problems, root),
    };
    builder.formats = Formats::PDF.with(Format::Html, html);
    let (problems, documents) = build::check(&mut builder);
    // Everything: on a draft, the warnings are the list of what is left to write.
    report_up_to(&problems, 2000);
    let (errors, warnings) = (problems.errors(), problems.warnings());
    say!("確認しました: 資料 {documents} 件、エラー {errors} 件、警告 {warnings} 件");
    note_interrupted(root);
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_next_year(root: &std::path::Path, council: &str) -> ExitCode {
    let builder = match Builder::new(root) {
        Ok(b) => b,
        Err(problems) => return fail_unchanged(&problems),
    };
    // Started from content that reads without errors: a year is never built on a broken one.
    // The council's own content must read without errors (another council's need not).
    let (project, problems) = builder.load_checked();
    let folder = std::path::Path::new("content").join(shiryo::commands::next_year::folder(council));
    let own = Problems(
        (problems.0.into_iter())
            .filter(|p| p.severity == shiryo::diag::Severity::Error && p.file.starts_with(&folder))
            .collect(),
    );
    if own.has_errors() {
        report(&own);
        tell!("先に shiryo check の誤りを直してください。ファイルは何も書いていません。");
        return ExitCode::FAILURE;
    }
    let plan = match shiryo::commands::next_year::plan(&project, council) {
        Ok(plan) => plan,
        Err(problems) => {
            let problems = problems.0.into_iter();
            return fail_unchanged(&Problems(
                problems.map(|p| p.relative_to(&builder.root)).collect(),
            ));
        }
    };
    let written = match shiryo::commands::next_year::write(&plan) {
        Ok(w) => w,
        Err(problem) => {
            report(&Problems(vec![problem.relative_to(&builder.root)]));
            tell!("ファイルは何も書いていません（途中まで書いたものは消して元に戻しました）。");
            return ExitCode::FAILURE;
        }
    };
    let rel = |p: &std::path::Path| {
        p.strip_prefix(&builder.root)
            .unwrap_or(p)
            .display()
            .to_string()
    };
    for f in &plan.files {
        if written.iter().any(|w| w.path == f.path) {
            say!("作成: {}（{}から）", rel(&f.path), f.made_from);
        } else {
            say!("そのまま: {}（もうあるので変えていません）", rel(&f.path));
        }
    }
    if written.is_empty() {
        say!("書いたファイルはありません。次の年度に要るファイルはもうそろっています。");
    }
    say!("これから書くこと:");
    for item in &plan.to_do {
        say!("  ・{item}");
    }
    ExitCode::SUCCESS
}

/// Prints what changed in a council's goals from `year` (or the latest year that has a next
/// one) to the year after.
fn run_changes(root: &std::path::Path, council: &str, year: Option<&str>) -> ExitCode {
    let (project, problems) = shiryo::model::council::Project::load(root);
    if project.councils.is_empty() && problems.has_errors() {
        return fail(&problems, root);
    }
    let slug = council.trim_end_matches(['/', '\\']);
    let slug = slug.strip_prefix("content/").unwrap_or(slug);
    let Some(c) = project.councils.iter().find(|c| c.slug == slug) else {
        let known: Vec<&str> = project.councils.iter().map(|c| c.slug.as_str()).collect();
        tell!(
            "エラー: 協議会 {council} が見つかりません（content/{slug}/council.yaml がありません）。\n  → 協議会はフォルダ名で指定します: {}",
            known.join(", ")
        );
        return ExitCode::FAILURE;
    };
    let has_goals = |fy: i32| c.years.get(&fy).is_some_and(|y| y.goals.is_some());
    let fy = match year {
        Some(y) => match shiryo::text::japanese::halfwidth_digits(y.trim()).parse::<i32>() {
            Ok(fy) if shiryo::model::council::YEARS.contains(&fy) => fy,
            _ => {
                tell!(
                    "エラー: 年度「{y}」が正しくありません。\n  → {} 年度から {} 年度までの西暦４桁で書いてください（令和６年度なら 2024）。",
                    shiryo::model::council::YEARS.start(),
                    shiryo::model::council::YEARS.end()
                );
                return ExitCode::from(2);
            }
        },
        None => match c
            .years
            .keys()
            .rev()
            .find(|&&fy| has_goals(fy) && has_goals(fy + 1))
        {
            Some(&fy) => fy,
            None => {
                tell!(
                    "エラー: {slug} には、続く２つの年度の目標（goals.yaml）がありません。\n  → 比べるには、たとえば content/{slug}/2024/goals.yaml と content/{slug}/2025/goals.yaml が必要です。"
                );
                return ExitCode::FAILURE;
            }
        },
    };
    for y in [fy, fy + 1] {
        if has_goals(y) {
            continue;
        }
        let file = format!("content/{slug}/{y}/goals.yaml");
        let broken = c.years.get(&y).is_some_and(|d| d.broken.contains("goals"));
        if broken {
            let about: Vec<_> = problems
                .0
                .iter()
                .filter(|p| p.file.starts_with(&file))
                .cloned()
                .collect();
            report(&Problems(about));
        }
        let years: Vec<String> = c
            .years
            .keys()
            .filter(|&&y| has_goals(y))
            .map(|y| y.to_string())
            .collect();
        tell!(
            "エラー: {}の目標（{file}）が{}ため、比べられません。",
            shiryo::diag::fy_name(y),
            if broken { "読めない" } else { "ない" }
        );
        if !broken {
            tell!("  → 目標のある年度: {}", years.join(", "));
        }
        return ExitCode::FAILURE;
    }
    let (old, new) = (&c.years[&fy].goals, &c.years[&(fy + 1)].goals);
    let (Some(old), Some(new)) = (old, new) else {
        return ExitCode::FAILURE;
    };
    let changes = shiryo::view::goal_changes::compare(old, new);
    let name = match &c.council.body {
        Some(body) => format!("{} {body}", c.council.name),
        None => c.council.name.clone(),
    };
    say!(
        "{name}: {} → {} の目標の変わったところ（{} 件）",
        shiryo::diag::fy_name(fy),
        shiryo::diag::fy_name(fy + 1),
        changes.changes.len()
    );
    if changes.changes.is_empty() {
        say!("変わったところはありません。");
    } else {
        say!("\n{}", changes.render(fy));
    }
    ExitCode::SUCCESS
}

fn fail_unchanged(problems: &Problems) -> ExitCode {
    report(problems);
    tell!("ファイルは何も書いていません。");
    ExitCode::FAILURE
}

fn run_schema(root: &std::path::Path) -> ExitCode {
    let mut files = shiryo::commands::schema::files(&root.join("schema"));
    files.push((
        root.join(shiryo::commands::schema::reference::REFERENCE_FILE),
        shiryo::commands::schema::reference::markdown(),
    ));
    let all: Vec<(&std::path::Path, &[u8])> = (files.iter())
        .map(|(path, text)| (path.as_path(), text.as_bytes()))
        .collect();
    match shiryo::output::write_in_project(root, &all) {
        Ok(()) => {
            for (path, _) in &files {
                say!("作成: {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            report(&Problems(vec![problem.relative_to(root)]));
            tell!("スキーマは書き込んでいません（ファイルは何も変えていません）。");
            ExitCode::FAILURE
        }
    }
}

fn run_build(root: &std::path::Path, documents: &[String], formats: Formats) -> ExitCode {
    let started = Instant::now();
    let mut builder = match Builder::new(root) {
        Ok(b) => b,
        Err(problems) => return fail(&problems, root),
    };
    builder.formats = formats;
    let mut on_wait = |line: &str| tell!("{line}");
    let result = build::build(&mut builder, documents, &mut on_wait, |t, w| {
        let total = t.timings.render + t.timings.compile + t.timings.export;
        say!(
            "作成: {}（{}ページ、{}、{:.2}秒）",
            w.path.display(),
            w.pages,
            human_size(w.bytes),
            total.as_secs_f64()
        );
        for (format, path, bytes) in t.files(&w.path) {
            if matches!(format, Format::Html | Format::Docx) {
                say!(
                    "作成: {}（{}、{}）",
                    path.display(),
                    format.name_ja(),
                    human_size(bytes.len())
                );
            }
        }
    });
    match result {
        Ok(warnings) => {
            report(&warnings);
            say!("完了（{:.2}秒）", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(failure) => {
            report(&failure.problems);
            if !failure.not_written.is_empty() {
                tell!(
                    "誤りのない資料も、そろって作れるまで書き込んでいません: {}",
                    failure.not_written.join(", ")
                );
            }
            let errors = failure.problems.errors().max(1);
            let rolled_back = failure.recovered.rolled_back;
            if rolled_back > 0 {
                tell!(
                    "途中で止まった前回の作成を元に戻しました（output/ の {rolled_back} 個のファイルを、その前の内容に戻しました）。"
                );
            }
            if failure.left_changed.is_empty() && rolled_back > 0 {
                tell!(
                    "エラーが {errors} 件あります。今回の作成では、ほかに output/ の PDF を変更していません。"
                );
            } else if failure.left_changed.is_empty() {
                tell!("エラーが {errors} 件あります。output/ の PDF は変更していません。");
                note_interrupted(root);
            } else {
                let files: Vec<String> = failure
                    .left_changed
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                tell!(
                    "エラーが {errors} 件あります。次のファイルは新しい内容に置き換わり、元に戻せませんでした: {}",
                    files.join(", ")
                );
            }
            ExitCode::FAILURE
        }
    }
}

/// Prints problems, the first ones in full: a later error is often a consequence of an earlier.
fn report(problems: &Problems) {
    report_up_to(problems, 30);
}

fn report_up_to(problems: &Problems, shown: usize) {
    for p in problems.0.iter().take(shown) {
        tell!("{p}");
    }
    if problems.0.len() > shown {
        tell!(
            "…ほか {} 件（後の誤りは前の誤りから続いていることが多いので、最初のものから直してください）",
            problems.0.len() - shown
        );
    }
}

fn fail(problems: &Problems, root: &std::path::Path) -> ExitCode {
    report(problems);
    tell!(
        "エラーが {} 件あります。output/ の PDF は変更していません。",
        problems.errors().max(1)
    );
    note_interrupted(root);
    ExitCode::FAILURE
}

/// Says so when `output/` still holds a build stopped midway (some PDFs new, some old): a
/// command that did not write leaves it as it found it.
fn note_interrupted(root: &std::path::Path) {
    if shiryo::output::interrupted(&root.join(build::OUTPUT_DIR)) {
        tell!(
            "ただし output/ には途中で止まった前回の作成が残っていて、一部の PDF だけが新しくなっています。次に作成できたときに、そろった状態に戻します。"
        );
    }
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
