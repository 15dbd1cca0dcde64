//! The `shiryo` command line: parses the arguments and hands each command to its module in
//! `shiryo::commands`, which says what it does through the console (`terminal.rs`). Everything
//! a user reads here is Japanese.

use std::process::ExitCode;

#[macro_use]
mod terminal;

mod cli;
mod desktop;

use cli::{Cli, Command, command, usage_error};
use shiryo::commands::build::{Format, Formats};
use shiryo::commands::{build, changes, check, next_year, schema, serve, watch};

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

/// The command line read, or its status when it was help, a version or a mistake.
fn parse() -> Result<Cli, ExitCode> {
    use clap::FromArgMatches;
    use clap::error::ErrorKind;
    let matches = command().try_get_matches().map_err(|e| {
        if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        tell!("{}", usage_error(&e));
        ExitCode::from(2)
    })?;
    Cli::from_arg_matches(&matches).map_err(|e| {
        tell!("{}", usage_error(&e));
        ExitCode::from(2)
    })
}

fn main() -> ExitCode {
    japanese_panics();
    shiryo::memory::set_limit();
    if desktop::double_clicked() {
        return desktop::run(|root, port, open| {
            terminal::exit(serve::run(&terminal::console(root), port, open))
        });
    }
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let outcome = match cli.command {
        Command::Build {
            root,
            emit_typst,
            html,
            docx,
            documents,
        } => {
            let formats = (Formats::PDF.with(Format::Typst, emit_typst))
                .with(Format::Html, html)
                .with(Format::Docx, docx);
            build::run(&terminal::console(&root.path), &documents, formats)
        }
        Command::Check {
            root,
            deny_warnings,
            html,
        } => check::run(&terminal::console(&root.path), deny_warnings, html),
        Command::Changes {
            root,
            council,
            year,
        } => changes::run(&terminal::console(&root.path), &council, year.as_deref()),
        Command::Schema { root } => schema::run(&terminal::console(&root.path)),
        Command::NextYear { root, council } => {
            next_year::run(&terminal::console(&root.path), &council)
        }
        Command::Watch {
            root,
            max_rounds,
            html,
            docx,
            documents,
        } => {
            let formats = Formats::PDF
                .with(Format::Html, html)
                .with(Format::Docx, docx);
            watch::run(
                &terminal::console(&root.path),
                &documents,
                max_rounds,
                formats,
            )
        }
        Command::Serve { root, port, open } => {
            serve::run(&terminal::console(&root.path), port, open)
        }
        Command::New { root, answers, ask } => {
            return terminal::new_council(&root.path, answers.into(), ask);
        }
    };
    terminal::exit(outcome)
}
