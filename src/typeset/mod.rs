//! Typesetting: Typst markup → laid-out document → PDF (PDF/A-2b with PDF/UA-1), inside our
//! own process, and typst's diagnostics turned into problems staff can act on.

pub mod overflow;
pub(crate) mod world;

use std::path::PathBuf;

use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst::layout::{Frame, FrameItem, Point};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::Problem;
use crate::typeset::world::ShiryoWorld;

/// One document to typeset.
pub struct Job<'a> {
    /// A stable identity, e.g. `council/report`: names the PDF's identifier.
    pub ident: &'a str,
    /// Virtual path of the generated main source inside the project root.
    pub vpath: &'a str,
    /// The generated Typst markup.
    pub markup: &'a str,
    /// The document's own date: `today` inside typst and the PDF's timestamp.
    pub date: time::Date,
    /// Where the problem should point when the markup is at fault (the template).
    pub template: PathBuf,
    /// Finds the template line that produced a line of markup.
    pub origin: &'a dyn Fn(&str) -> Option<(PathBuf, usize)>,
    /// Export as PDF/A-2b + PDF/UA-1. A packet, which places other PDFs' pages, cannot be
    /// either (the PDF writer refuses embedded PDFs under both), and is a tagged PDF 1.7.
    pub archival: bool,
}

/// Compiles `job.markup` in `world`. Warnings are returned beside the document.
pub fn compile(
    world: &mut ShiryoWorld,
    job: &Job,
) -> Result<(PagedDocument, Vec<Problem>), Vec<Problem>> {
    world.reset();
    world.set_today(job.date);
    world.set_main(job.vpath, job.markup);
    let warned = compile_in_time(world, job)?;
    let warnings = warned
        .warnings
        .iter()
        // `images::check_figure` warns of an SVG's foreignObject at the figure's YAML line.
        .filter(|d| !d.message.contains("foreign object"))
        .map(|d| diagnostic_problem(world, job, d))
        .collect();
    match warned.output {
        Ok(doc) => Ok((doc, warnings)),
        Err(errors) => Err(errors
            .iter()
            .map(|d| diagnostic_problem(world, job, d))
            .collect()),
    }
}

/// How long one document's compile (Typst evaluation and layout) may take, unless
/// `SHIRYO_TYPST_TIMEOUT_MS` says otherwise (tests).
pub const COMPILE_BUDGET: std::time::Duration = std::time::Duration::from_secs(60);

/// The budget of one compile.
fn budget() -> std::time::Duration {
    std::env::var("SHIRYO_TYPST_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .map_or(COMPILE_BUDGET, std::time::Duration::from_millis)
}

/// Typst code has no limit of its own on loops (`while` and recursion are stopped, nested
/// `for` loops over a large range are not) and cannot be interrupted: the compile runs on a
/// thread of its own, on a copy of the world, and a compile that outlives [`budget`] is left
/// behind (it ends with the process) and reported against the template. `world` is only
/// replaced by the copy when the compile ended in time, and nothing is written: the build
/// fails as on any other typesetting error.
fn compile_in_time(
    world: &mut ShiryoWorld,
    job: &Job,
) -> Result<typst::diag::Warned<typst::diag::SourceResult<PagedDocument>>, Vec<Problem>> {
    let worker = world.worker_copy();
    let (send, receive) = std::sync::mpsc::channel();
    let budget = budget();
    let spawned = std::thread::Builder::new()
        .name("typst".into())
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let warned = typst::compile::<PagedDocument>(&worker);
            let _ = send.send((worker, warned));
        });
    if spawned.is_err() {
        return Err(vec![Problem::error(
            &job.template,
            "組版を始められません（スレッドを作れません。メモリが足りない可能性があります）。",
        )]);
    }
    match receive.recv_timeout(budget) {
        Ok((worker, warned)) => {
            *world = worker;
            Ok(warned)
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(vec![
            Problem::error(
                &job.template,
                format!(
                    "組版が {} 秒たっても終わらないため、止めました（{}）。",
                    budget.as_secs_f64(),
                    job.ident
                ),
            )
            .hint("このテンプレートの Typst に、終わらない繰り返し（大きな range の for の入れ子など）がないか確かめてください。"),
        ]),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(vec![
            Problem::error(&job.template, "組版の途中で内部のエラーが起きました。")
                .hint("このテンプレートを直前の版に戻して、もう一度作ってください。"),
        ]),
    }
}

/// Exports a laid-out document as PDF/A-2b + PDF/UA-1, deterministically.
pub fn export_pdf(
    world: &ShiryoWorld,
    job: &Job,
    doc: &PagedDocument,
) -> Result<Vec<u8>, Vec<Problem>> {
    let list: &[PdfStandard] = if job.archival {
        &[PdfStandard::A_2b, PdfStandard::Ua_1]
    } else {
        &[]
    };
    let standards = PdfStandards::new(list)
        .map_err(|e| vec![Problem::error(&job.template, e.message().to_string())])?;
    let d = job.date;
    let timestamp = Datetime::from_ymd(d.year(), d.month() as u8, d.day()).map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(job.ident.to_string()),
        creator: Smart::Custom(Some(format!("shiryo {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        errors
            .iter()
            .map(|d| diagnostic_problem(world, job, d))
            .collect()
    })
}

/// A typst diagnostic as a problem pointing at the generated line, with the line itself and
/// its neighbours, so the template or the value that produced it can be found.
fn diagnostic_problem(world: &ShiryoWorld, job: &Job, d: &SourceDiagnostic) -> Problem {
    let severity = match d.severity {
        Severity::Error => crate::diag::Severity::Error,
        Severity::Warning => crate::diag::Severity::Warning,
    };
    let (detail, original) = match pdf_rule_ja(&d.message).or_else(|| typst_ja(&d.message)) {
        Some(ja) => (ja, Some(d.message.to_string())),
        None => (d.message.to_string(), None),
    };
    let mut message = format!("組版でエラーが起きました: {detail}");
    if severity == crate::diag::Severity::Warning {
        message = format!("組版の警告: {detail}");
    }
    let mut p = Problem::error(&job.template, message);
    p.severity = severity;
    let located = d
        .span
        .id()
        .zip(world.range(d.span))
        .and_then(|(id, range)| Some((world.source(id).ok()?, range)));
    if let Some((source, range)) = located {
        let text = source.text();
        let line = text[..range.start.min(text.len())].matches('\n').count();
        let lines: Vec<&str> = text.lines().collect();
        let from = line.saturating_sub(1);
        let to = (line + 2).min(lines.len());
        let context: Vec<String> = (from..to)
            .map(|i| {
                let mark = if i == line { ">" } else { " " };
                format!("{mark}{:>5} | {}", i + 1, shorten(lines[i], 160))
            })
            .collect();
        if let Some((file, n)) = lines.get(line).and_then(|l| (job.origin)(l)) {
            p.file = file;
            p.line = u32::try_from(n).ok();
        }
        p = p.hint(format!(
            "生成された Typst の {} 行目（--emit-typst で全体を出力できます）:\n{}",
            line + 1,
            context.join("\n")
        ));
    }
    let mut hints: Vec<String> = d
        .hints
        .iter()
        .map(|h| h.v.to_string())
        .filter(|h| !h.is_ascii())
        .collect();
    if let Some(original) = original.filter(|o| o.is_ascii()) {
        // Typst's own words, for whoever writes templates; paths outside the project are cut.
        let original = original.split(" (searched at").next().unwrap_or_default();
        hints.push(format!("Typst の原文: {original}"));
    }
    if !hints.is_empty() {
        let extra = hints.join(" / ");
        p.hint = Some(match p.hint {
            Some(h) => format!("{h}\n  → {extra}"),
            None => extra,
        });
    }
    p
}

/// Typst's own messages in Japanese: those about files and images in words staff can act on,
/// anything else as a mistake in a template's Typst. Messages already in Japanese (our
/// world's) pass as they are.
fn typst_ja(message: &str) -> Option<String> {
    // "failed to load linked image big.dat in SVG (画像が大きすぎます…)": typst's words, and
    // in brackets the reason our world gave.
    let (head, reason) = match message.split_once(" (") {
        Some((head, rest)) if rest.ends_with(')') => (head, Some(&rest[..rest.len() - 1])),
        _ => (message, None),
    };
    if !head.is_ascii() {
        return None;
    }
    let reason = reason.filter(|r| !r.is_ascii());
    const TABLE: &[(&str, &str)] = &[
        (
            "failed to process image",
            "画像を読み込めません（壊れているか、拡張子と中身の形式が違います）",
        ),
        (
            "failed to load linked image",
            "SVG の中で参照している画像を読み込めません",
        ),
        ("failed to parse SVG", "SVG を読み込めません"),
        ("file not found", "ファイルが見つかりません"),
        ("failed to load", "ファイルを読み込めません"),
        (
            "unknown variable",
            "テンプレートの Typst に、定義されていない名前があります",
        ),
        (
            "unknown font family",
            "同梱されていないフォントが指定されています",
        ),
    ];
    // Typst's reasons in brackets, or as the whole message (`#read("../x")`: "path escapes
    // project root"): what staff can act on comes first.
    const REASONS: &[(&str, &str)] = &[
        (
            "path escapes project root",
            "プロジェクトのフォルダの外のファイルは読めません",
        ),
        (
            "would escape the project root",
            "プロジェクトのフォルダの外のファイルは読めません",
        ),
        (
            "access denied",
            "プロジェクトのフォルダの外のファイルは読めません",
        ),
        ("is a directory", "ファイルではなくフォルダです"),
        (
            "path contains backslash",
            "ファイルの場所に「\\」は使えません（「/」で区切ってください）",
        ),
        (
            "not valid UTF-8",
            "テキストファイルとして読めません（文字コードが UTF-8 ではありません）",
        ),
    ];
    let ja = REASONS
        .iter()
        .chain(TABLE)
        .find(|(en, _)| message.contains(en))
        .map(|(_, ja)| ja.to_string())
        .unwrap_or_else(|| "テンプレートの Typst の書き方に誤りがあります".to_string());
    Some(match reason {
        Some(r) => format!("{ja}（{r}）"),
        None => ja,
    })
}

/// The PDF writer's messages about PDF/A and PDF/UA rules, in words staff can act on.
fn pdf_rule_ja(message: &str) -> Option<String> {
    let (prefix, rest) = message.split_once(" error: ")?;
    if !prefix.starts_with("PDF/") {
        return None;
    }
    let what = if rest.contains("PDF string is longer") {
        "区切りのない、とても長い文字列があります。途中に空白か改行を入れてください"
    } else if rest.contains("missing alt text") || rest.contains("annotation alt text") {
        "図や画像の説明（alt）がありません"
    } else if rest.contains("document title") {
        "PDF の題名がありません"
    } else if rest.contains("could not be displayed") || rest.contains("codepoint") {
        "同梱のフォントで印刷できない文字があります"
    } else if rest.contains("transparency") {
        "透明な部分のある画像は使えません。透明部分のない画像にしてください"
    } else {
        return Some(format!(
            "{prefix}（長期保存・アクセシビリティの規格）の決まりに合いません（{rest}）"
        ));
    };
    Some(format!("{prefix} の決まりに合いません: {what}"))
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// One run of laid-out text: its page (1-based), position, width and text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub text: String,
    pub font: String,
}

/// Every run of text in the laid-out document, page by page, in frame order. Tests read the
/// document through this, not through a PDF text extractor.
pub fn text_runs(doc: &PagedDocument) -> Vec<TextRun> {
    let mut runs = Vec::new();
    for (i, page) in doc.pages().iter().enumerate() {
        collect_runs(&page.frame, Point::zero(), i + 1, &mut runs);
    }
    runs
}

fn collect_runs(frame: &Frame, offset: Point, page: usize, runs: &mut Vec<TextRun>) {
    for (pos, item) in frame.items() {
        let at = offset + *pos;
        match item {
            FrameItem::Group(group) => {
                let shifted = at + Point::new(group.transform.tx, group.transform.ty);
                collect_runs(&group.frame, shifted, page, runs);
            }
            FrameItem::Text(text) => runs.push(TextRun {
                page,
                x: at.x.to_pt(),
                y: at.y.to_pt(),
                width: text.width().to_pt(),
                text: text.text.to_string(),
                font: text.font.font().info().family.clone(),
            }),
            _ => {}
        }
    }
}

/// One visual line: runs on the same page and baseline that touch each other, left to right
/// (two table cells side by side are two lines).
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// The document's text as visual lines, top to bottom, left to right.
pub fn text_lines(doc: &PagedDocument) -> Vec<TextLine> {
    let mut runs = text_runs(doc);
    let key = |r: &TextRun| {
        (
            r.page,
            (r.y * 10.0).round() as i64,
            (r.x * 10.0).round() as i64,
        )
    };
    runs.sort_by_key(key);
    let mut lines: Vec<(TextLine, f64)> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some((line, end))
                if line.page == r.page
                    && (line.y - r.y).abs() < 0.05
                    && (r.x - *end).abs() < 2.0 =>
            {
                line.text.push_str(&r.text);
                *end = r.x + r.width;
            }
            _ => lines.push((
                TextLine {
                    page: r.page,
                    x: r.x,
                    y: r.y,
                    text: r.text.clone(),
                },
                r.x + r.width,
            )),
        }
    }
    lines.into_iter().map(|(l, _)| l).collect()
}
