//! `cargo bench --bench bench`: how long shiryo takes, where the time goes, and how much
//! memory it needs, on the sample annual report and on synthetic content 1×, 10× and 100× its
//! size. Prints Markdown tables of medians (the README's "Benchmark" section pastes them).
//!
//! Everything runs on copies in a temporary directory: the sample council
//! (`content/niiza-chiiki-ikou`), `templates/` and `fonts/`. The repository's own `content/`
//! is never built (other councils there may be half-written).
//!
//! Options (after `--`): `--scales 1,10,100` (which synthetic sizes), `--memory-rounds 500`
//! (watch rebuilds for the memory row, 0 to skip), `--keep DIR` (generate the content into DIR
//! and leave it there, for profiling).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail, ensure};
use shiryo::commands::build::Builder;
use shiryo::commands::watch::Report;
use shiryo::model::{Day, Evaluation, GoalNo, GoalSet, MeetingList};

#[path = "bench/scale.rs"]
mod scale;
#[path = "bench/serve.rs"]
mod serve;
#[path = "bench/split.rs"]
mod split;
#[path = "bench/tables.rs"]
mod tables;
#[path = "bench/typst_alone.rs"]
mod typst_alone;
#[path = "bench/watch.rs"]
mod watch;

use scale::*;
use split::*;
use tables::*;
use typst_alone::*;
use watch::*;

/// The sample council every measurement starts from.
const COUNCIL: &str = "niiza-chiiki-ikou";
/// Its document (the annual report), as `shiryo build` names it.
const DOCUMENT: &str = "niiza-chiiki-ikou/r6-hyoka";
/// The fiscal year whose meetings and evaluation are replicated.
const YEAR: i32 = 2024;
/// The `typst` package on PyPI matching the typst crate shiryo links.
const PY_TYPST: &str = "typst==0.15.0";
/// Set in the environment of a child run of this binary (a fresh process: no typst caches, no
/// memory left by other measurements): measure the split of one cold build of the root it
/// names, print it, exit.
const SPLIT_CHILD: &str = "SHIRYO_BENCH_SPLIT_ROOT";
/// The same for the memory over many watch rebuilds: `<rounds>:<root>`.
const MEMORY_CHILD: &str = "SHIRYO_BENCH_MEMORY";
/// Edits per watch measurement (fewer at 100×, where one rebuild takes many seconds), and the
/// pause after each rebuild.
const WATCH_EDITS: usize = 20;
const WATCH_EDITS_100X: usize = 5;
const WATCH_PAUSE: Duration = Duration::from_millis(50);
/// Read VmRSS every this many rounds of the long watch run.
const RSS_EVERY: usize = 50;

/// shiryo stops a compile after 60 s (a template that never ends); the 100× report, 1300 pages,
/// may take longer on a slow machine. The benchmark measures it instead: every build it runs,
/// in this process and its children, has half an hour.
const BUDGET_VAR: &str = "SHIRYO_TYPST_TIMEOUT_MS";
const BUDGET_MS: &str = "1800000";

fn main() -> Result<()> {
    if std::env::var_os(BUDGET_VAR).is_none() {
        // SAFETY: the first thing the program does, before any other thread exists.
        unsafe { std::env::set_var(BUDGET_VAR, BUDGET_MS) };
    }
    if let Ok(root) = std::env::var(SPLIT_CHILD) {
        return split_child(Path::new(&root));
    }
    if let Ok(arg) = std::env::var(MEMORY_CHILD) {
        return memory_child(&arg);
    }
    let options = Options::parse()?;
    let load_before = load_average();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::Builder::new().prefix("shiryo-bench-").tempdir()?;
    let work = options
        .keep
        .clone()
        .unwrap_or_else(|| temp.path().to_path_buf());
    let python = python_typst(repo);
    if let Err(e) = &python {
        eprintln!("typst alone (PyPI {PY_TYPST}) is skipped: {e:#}");
    }

    let mut columns = Vec::new();
    let mut variants = vec![Variant::Sample];
    variants.extend(options.scales.iter().map(|&k| Variant::Scaled(k)));
    for variant in variants {
        let root = work.join(variant.dir());
        eprintln!("== {} ({})", variant.label(), root.display());
        variant.generate(repo, &root)?;
        columns.push(measure(&variant, &root, python.as_ref().ok())?);
    }

    let memory = if options.memory_rounds > 0 {
        let root = work.join(Variant::Sample.dir());
        eprintln!("== memory over {} watch rebuilds", options.memory_rounds);
        Some(watch_memory(&root, options.memory_rounds)?)
    } else {
        None
    };

    eprintln!("== serve, edit → shown in a real browser");
    let served = serve::browser_latency(repo, &work, Path::new(env!("CARGO_BIN_EXE_shiryo")))?;

    let python_note = python.as_ref().err().map(|e| format!("{e:#}"));
    println!("{}\n", machine(&load_before));
    println!("{}\n", table(&columns, python_note.as_deref()));
    if let Some(m) = &memory {
        println!("{}\n", memory_table(m));
    }
    match served {
        Ok(line) => println!("{line} (targets: page ≤ 15 ms, PDF ≤ 50 ms)\n"),
        Err(why) => println!("serve, edit → shown in a browser: skipped: {why}\n"),
    }
    println!("{}", targets(&columns, memory.as_ref()));
    Ok(())
}

/// Command-line options (after `cargo bench --bench bench --`).
struct Options {
    scales: Vec<usize>,
    memory_rounds: usize,
    keep: Option<PathBuf>,
}

impl Options {
    fn parse() -> Result<Options> {
        let mut options = Options {
            scales: vec![1, 10, 100],
            memory_rounds: 500,
            keep: None,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = || args.next().ok_or_else(|| anyhow!("{arg} needs a value"));
            match arg.as_str() {
                "--bench" => {} // passed by `cargo bench`
                "--scales" => {
                    options.scales = value()?
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::parse)
                        .collect::<Result<_, _>>()?
                }
                "--memory-rounds" => options.memory_rounds = value()?.parse()?,
                "--keep" => options.keep = Some(PathBuf::from(value()?)),
                other => bail!("unknown option {other}"),
            }
        }
        Ok(options)
    }
}

// ---------------------------------------------------------------------------------------------
// Content: the sample, and synthetic content scaled from it.

/// Which content a column measures.
enum Variant {
    /// The sample council, copied as it is.
    Sample,
    /// The sample's 2024 meetings and both years' goals replicated `k` times.
    Scaled(usize),
}

impl Variant {
    fn dir(&self) -> String {
        match self {
            Variant::Sample => "sample".into(),
            Variant::Scaled(k) => format!("x{k}"),
        }
    }

    fn label(&self) -> String {
        match self {
            Variant::Sample => "sample".into(),
            Variant::Scaled(k) => format!("{k}×"),
        }
    }

    /// How many times the sample's time the target allows this variant (1 for the sample).
    fn scale(&self) -> usize {
        match self {
            Variant::Sample => 1,
            Variant::Scaled(k) => *k,
        }
    }

    /// Writes a project root (content, templates, fonts) for this variant and checks that
    /// shiryo loads it without errors.
    fn generate(&self, repo: &Path, root: &Path) -> Result<()> {
        if root.exists() {
            std::fs::remove_dir_all(root)?;
        }
        for dir in ["templates", "fonts"] {
            copy_dir(&repo.join(dir), &root.join(dir))?;
        }
        let council = root.join("content").join(COUNCIL);
        copy_dir(&repo.join("content").join(COUNCIL), &council)?;
        if let Variant::Scaled(k) = self {
            scale_council(&council, *k)?;
        }
        let builder = Builder::new(root).map_err(|p| anyhow!("{p}"))?;
        builder
            .load()
            .map_err(|p| anyhow!("{} content does not load:\n{p}", self.label()))?;
        Ok(())
    }
}

/// Everything measured on one variant.
struct Column {
    label: String,
    scale: usize,
    meetings: usize,
    goals: usize,
    cold: ColdBuild,
    split: Split,
    watch: Option<Duration>,
    typst: Option<TypstAlone>,
}

fn measure(variant: &Variant, root: &Path, python: Option<&PathBuf>) -> Result<Column> {
    let (runs, edits) = if variant.scale() >= 100 {
        (3, WATCH_EDITS_100X)
    } else {
        (5, WATCH_EDITS)
    };
    let (meetings, goals) = content_size(root)?;
    eprintln!("   {meetings} meetings, {goals} goals; whole processes ×{runs}");
    let typ = emit_typst(root)?;
    let (cold, typst_whole) =
        whole_processes(root, python.map(|p| (p.as_path(), typ.as_path())), runs)?;
    eprintln!("   split ×{runs}");
    let split = split(root, runs)?;
    eprintln!("   watch ×{edits}");
    let watch = watch_edits(root, edits)?;
    let typst = match (python, typst_whole) {
        (Some(python), Some(whole)) => {
            eprintln!("   typst alone in-process ×{runs}");
            let calls = typst_calls(python, root, &typ, runs.max(2))?;
            Some(TypstAlone {
                whole,
                first_call: calls[0],
                later_calls: median(calls[1..].to_vec()),
            })
        }
        _ => None,
    };
    Ok(Column {
        label: variant.label(),
        scale: variant.scale(),
        meetings,
        goals,
        cold,
        split,
        watch,
        typst,
    })
}

/// 1 and 4: whole `shiryo build` processes.
struct ColdBuild {
    wall: Duration,
    /// Maximum resident set size (GNU time's %M), in KB.
    peak_kb: Option<u64>,
    pdf_bytes: usize,
    pages: usize,
}

/// A whole process, timed: wall time and, when GNU time is there, peak memory.
struct Timed {
    wall: Duration,
    /// Maximum resident set size (GNU time's %M), in KB.
    peak_kb: Option<u64>,
}

/// 1, 4 and 5: `runs` whole `shiryo build --root <root>` processes, each followed by a whole
/// typst-alone process on `(python, markup)` when given, so that a change in the machine's
/// load hits both alike. Medians of wall time and peak memory.
fn whole_processes(
    root: &Path,
    typst: Option<(&Path, &Path)>,
    runs: usize,
) -> Result<(ColdBuild, Option<Timed>)> {
    let (mut shiryo, mut alone) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let mut build = Command::new(env!("CARGO_BIN_EXE_shiryo"));
        build.arg("build").arg("--root").arg(root);
        shiryo.push(timed(root, &build)?);
        if let Some((python, typ)) = typst {
            alone.push(timed(root, &typst_command(python, root, typ, 1))?);
        }
    }
    let pdf = std::fs::read(pdf_path(root))?;
    let shiryo = medians(shiryo);
    let cold = ColdBuild {
        wall: shiryo.wall,
        peak_kb: shiryo.peak_kb,
        pdf_bytes: pdf.len(),
        pages: shiryo::load::images::pdf::check(&pdf).unwrap_or(0),
    };
    Ok((cold, (!alone.is_empty()).then(|| medians(alone))))
}

/// Runs `command` to its end under `/usr/bin/time -f %M` (when there) and times it; the
/// wrapper costs one fork and exec.
fn timed(root: &Path, command: &Command) -> Result<Timed> {
    let gnu_time = Path::new("/usr/bin/time").is_file();
    let rss_file = root.join("max-rss.txt");
    let mut run = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(&rss_file);
        c.arg(command.get_program());
        c
    } else {
        Command::new(command.get_program())
    };
    run.args(command.get_args());
    let started = Instant::now();
    run_quietly(&mut run)?;
    let wall = started.elapsed();
    let peak_kb = if gnu_time {
        Some(std::fs::read_to_string(&rss_file)?.trim().parse()?)
    } else {
        None
    };
    Ok(Timed { wall, peak_kb })
}

fn medians(runs: Vec<Timed>) -> Timed {
    let peaks: Option<Vec<u64>> = runs.iter().map(|t| t.peak_kb).collect();
    Timed {
        wall: median(runs.iter().map(|t| t.wall).collect()),
        peak_kb: peaks.map(median),
    }
}

fn pdf_path(root: &Path) -> PathBuf {
    root.join("output").join(format!("{DOCUMENT}.pdf"))
}

fn run_quietly(command: &mut Command) -> Result<()> {
    let output = command.stdin(Stdio::null()).output()?;
    ensure!(
        output.status.success(),
        "{command:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(())
}

/// 2: one build in-process, stage by stage.
#[derive(Default, Clone, Copy)]
struct Stages {
    /// `Builder::load`: YAML and every check.
    load: Duration,
    /// minijinja → Typst markup.
    render: Duration,
    compile: Duration,
    export: Duration,
    /// `write_atomic` of the PDF (temporary file, fsync, rename).
    write: Duration,
}

impl Stages {
    const COUNT: usize = 5;

    fn from_nanos(n: &[u64]) -> Stages {
        let d = |i: usize| Duration::from_nanos(n[i]);
        Stages {
            load: d(0),
            render: d(1),
            compile: d(2),
            export: d(3),
            write: d(4),
        }
    }

    fn nanos(&self) -> [u128; Stages::COUNT] {
        [
            self.load,
            self.render,
            self.compile,
            self.export,
            self.write,
        ]
        .map(|d| d.as_nanos())
    }

    /// Load, checks and render: what shiryo adds to typst.
    fn ours(&self) -> Duration {
        self.load + self.render
    }

    /// Load, render, compile, export.
    fn total(&self) -> Duration {
        self.ours() + self.compile + self.export
    }
}

/// Loads, typesets and writes the report, timing each stage.
fn build_stages(builder: &mut Builder) -> Result<Stages> {
    let started = Instant::now();
    let (project, _) = builder.load().map_err(|p| anyhow!("{p}"))?;
    let load = started.elapsed();
    let (council, file) = project
        .documents()
        .find(|(c, d)| d.id(c) == DOCUMENT)
        .ok_or_else(|| anyhow!("no {DOCUMENT}"))?;
    let t = builder.typeset(council, file).map_err(|p| anyhow!("{p}"))?;
    let started = Instant::now();
    shiryo::output::write_atomic(&builder.output_path(&t.id), &t.pdf)
        .map_err(|p| anyhow!("{p}"))?;
    Ok(Stages {
        load,
        render: t.timings.render,
        compile: t.timings.compile,
        export: t.timings.export,
        write: started.elapsed(),
    })
}

/// The time to make the report's Word file, once its PDF is typeset (`Timings::word`).
fn word_file(builder: &mut Builder) -> Result<Duration> {
    builder.set_formats(
        shiryo::commands::build::Formats::PDF.with(shiryo::commands::build::Format::Docx, true),
    );
    let (project, _) = builder.load().map_err(|p| anyhow!("{p}"))?;
    let (council, file) = project
        .documents()
        .find(|(c, d)| d.id(c) == DOCUMENT)
        .ok_or_else(|| anyhow!("no {DOCUMENT}"))?;
    let t = builder.typeset(council, file).map_err(|p| anyhow!("{p}"))?;
    ensure!(t.docx.is_some(), "no Word file was made");
    Ok(t.timings.word)
}

fn median<T: Ord + Copy>(mut values: Vec<T>) -> T {
    values.sort();
    values[values.len() / 2]
}

// ---------------------------------------------------------------------------------------------
// Report.

/// `/proc/loadavg`'s three load averages.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// The date, the machine, and how busy it was.
fn machine(load_before: &str) -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "?".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "{} UTC, {cores} cores ({cpu}), load average {load_before} before, {} after",
        time::OffsetDateTime::now_utc().date(),
        load_average()
    )
}
