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

/// The sample council every measurement starts from.
#[path = "bench/serve.rs"]
mod serve;

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

fn main() -> Result<()> {
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

/// Copies a directory tree.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from).with_context(|| from.display().to_string())? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Replicates, in the council folder `dir`, the 2024 meetings `k` times (renumbered, dates
/// spread over fiscal 2024) and the components, issues and goals of every year `k` times
/// (copy `r` moves component `c` to `c + r × components`, re-listed goals follow their
/// originals), and gives every 2024 primary goal its original's evaluation result.
fn scale_council(dir: &Path, k: usize) -> Result<()> {
    let year_dir = dir.join(YEAR.to_string());
    let meetings: MeetingList = read(&year_dir.join("meetings.yaml"))?;
    write(
        &year_dir.join("meetings.yaml"),
        &scale_meetings(meetings, k)?,
    )?;

    // Every year's goals; the evaluated year's are kept for its evaluation.
    let mut evaluated = None;
    for entry in std::fs::read_dir(dir)? {
        let goals_file = entry?.path().join("goals.yaml");
        if goals_file.is_file() {
            let set: GoalSet = read(&goals_file)?;
            let (set, offset) = scale_goals(set, k);
            write(&goals_file, &set)?;
            if goals_file.starts_with(&year_dir) {
                evaluated = Some((set, offset));
            }
        }
    }

    let (goals, offset) = evaluated.ok_or_else(|| anyhow!("no {YEAR}/goals.yaml"))?;
    let eval_file = year_dir.join("evaluation.yaml");
    let original: Evaluation = read(&eval_file)?;
    let council: shiryo::model::Council = read(&dir.join("council.yaml"))?;
    let mut results = BTreeMap::new();
    for (i, goal) in shiryo::model::council::goal_iter(&goals).enumerate() {
        if goal.repeats.is_some() {
            continue;
        }
        let base = GoalNo {
            component: (goal.number.component - 1) % offset + 1,
            seq: goal.number.seq,
        };
        let word = original.results.get(&base).cloned().unwrap_or_else(|| {
            Some(shiryo::model::GoalResult::Word(
                council.evaluation_words[i % council.evaluation_words.len()].clone(),
            ))
        });
        results.insert(goal.number, word);
    }
    write(&eval_file, &Evaluation { results })
}

/// `k` copies of the meetings, numbered 1…, dated evenly over the fiscal year (several a day
/// when there are more than 365).
fn scale_meetings(list: MeetingList, k: usize) -> Result<MeetingList> {
    let april = time::Date::from_calendar_date(YEAR, time::Month::April, 1)?;
    let days = 365;
    let total = list.meetings.len() * k;
    let meetings = (0..total)
        .map(|i| {
            let mut m = list.meetings[i % list.meetings.len()].clone();
            m.number = u32::try_from(i + 1)?;
            let offset = i64::try_from(i * days / total)?;
            m.date = Some(Day(april + time::Duration::days(offset)));
            Ok(m)
        })
        .collect::<Result<_>>()?;
    Ok(MeetingList { meetings, ..list })
}

/// `k` copies of a goal set; returns it and the component offset between copies.
fn scale_goals(set: GoalSet, k: usize) -> (GoalSet, u32) {
    let offset = set.components.iter().map(|c| c.number).max().unwrap_or(0);
    let shift = |n: GoalNo, r: u32| GoalNo {
        component: n.component + r * offset,
        seq: n.seq,
    };
    let mut components = Vec::new();
    for r in 0..k as u32 {
        for c in &set.components {
            let mut c = c.clone();
            c.number += r * offset;
            for goal in c.issues.iter_mut().flat_map(|i| i.goals.iter_mut()) {
                goal.number = shift(goal.number, r);
                goal.repeats = goal.repeats.map(|n| shift(n, r));
            }
            components.push(c);
        }
    }
    (GoalSet { components }, offset)
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path)?;
    shiryo::load::yaml::parse::parse_yaml(&text).map_err(|p| anyhow!("{}: {p}", path.display()))
}

/// Writes `value` as YAML, leaving out empty optional values.
fn write(path: &Path, value: &impl serde::Serialize) -> Result<()> {
    fn strip_nulls(v: &mut serde_yaml::Value) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                m.retain(|_, v| !v.is_null());
                m.values_mut().for_each(strip_nulls);
            }
            serde_yaml::Value::Sequence(s) => s.iter_mut().for_each(strip_nulls),
            _ => {}
        }
    }
    let mut value = serde_yaml::to_value(value)?;
    strip_nulls(&mut value);
    std::fs::write(path, serde_yaml::to_string(&value)?)?;
    Ok(())
}

/// Meetings and goals in a project root, for the table.
fn content_size(root: &Path) -> Result<(usize, usize)> {
    let builder = Builder::new(root).map_err(|p| anyhow!("{p}"))?;
    let (project, _) = builder.load().map_err(|p| anyhow!("{p}"))?;
    let council = &project.councils[0];
    let meetings = council
        .years
        .get(&YEAR)
        .map_or(0, |y| y.meetings.meetings.len());
    let goals = council
        .years
        .values()
        .filter_map(|y| y.goals.as_ref())
        .map(|g| shiryo::model::council::goal_iter(g).count())
        .sum();
    Ok((meetings, goals))
}

// ---------------------------------------------------------------------------------------------
// Measurements.

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

/// The split of a cold build (the first in a process) and of a warm rebuild in the same
/// process after a one-value edit (what the watch does, without its file events).
#[derive(Default, Clone, Copy)]
struct Split {
    /// `Builder::new`: fonts and templates.
    setup: Duration,
    /// What `Builder::load` does, one part at a time: `Project::load` (read and parse the
    /// YAML), `validate::check`, `validate::check_printable`.
    parse: Duration,
    checks: Duration,
    printable: Duration,
    cold: Stages,
    warm: Stages,
    /// The Word file of the same document, made after the warm build (render, pictures, zip:
    /// `Timings::word`), the PDF and page aside.
    word: Duration,
}

/// Numbers a split child prints before its two sets of stages (and the Word file's time after).
const SPLIT_HEAD: usize = 4;
/// All the numbers a split child prints.
const SPLIT_ALL: usize = SPLIT_HEAD + 2 * Stages::COUNT + 1;

/// Medians of `runs` in-process builds, each in a fresh child process of this binary (typst
/// memoises across compiles in one process, so only a first compile is cold).
fn split(root: &Path, runs: usize) -> Result<Split> {
    let mut samples: Vec<Vec<u64>> = Vec::new();
    for _ in 0..runs {
        let stdout = run_child(SPLIT_CHILD, &root.display().to_string(), "split")?;
        let nanos: Vec<u64> = stdout
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()?;
        ensure!(nanos.len() == SPLIT_ALL, "split run printed {stdout:?}");
        samples.push(nanos);
    }
    let medians: Vec<u64> = (0..SPLIT_ALL)
        .map(|i| median(samples.iter().map(|s| s[i]).collect()))
        .collect();
    let d = |i: usize| Duration::from_nanos(medians[i]);
    Ok(Split {
        setup: d(0),
        parse: d(1),
        checks: d(2),
        printable: d(3),
        cold: Stages::from_nanos(&medians[SPLIT_HEAD..]),
        warm: Stages::from_nanos(&medians[SPLIT_HEAD + Stages::COUNT..]),
        word: d(SPLIT_ALL - 1),
    })
}

/// The child side of `split`: times `Builder::new`, then a cold build (load, typeset, write),
/// then a one-value edit and the same again; prints the durations in nanoseconds. Before the
/// builds, the parts of `Builder::load` one by one (the builds are timed by themselves).
fn split_child(root: &Path) -> Result<()> {
    let started = Instant::now();
    let mut builder = Builder::new(root).map_err(|p| anyhow!("{p}"))?;
    let setup = started.elapsed();
    let started = Instant::now();
    let (project, _) = shiryo::model::council::Project::load(builder.root());
    let parse = started.elapsed();
    let started = Instant::now();
    let _ = shiryo::check::check(&project);
    let checks = started.elapsed();
    let started = Instant::now();
    let _ = shiryo::check::check_printable(&project, |c| builder.can_print(c));
    let printable = started.elapsed();
    let cold = build_stages(&mut builder)?;
    let edit = Edit::new(root)?;
    edit.apply(1)?;
    let warm = build_stages(&mut builder);
    edit.restore()?;
    let word = word_file(&mut builder)?;
    let times: Vec<String> = [setup, parse, checks, printable]
        .map(|d| d.as_nanos())
        .into_iter()
        .chain(cold.nanos())
        .chain(warm?.nanos())
        .chain([word.as_nanos()])
        .map(|n| n.to_string())
        .collect();
    println!("{}", times.join(" "));
    Ok(())
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

/// What the watch thread reports back.
enum Event {
    Built(Duration),
    Unchanged,
    Failed(String),
}

/// A `shiryo::commands::watch::rounds` on `root` in its own thread, stopping after `rounds` rebuild rounds
/// (the first build included).
struct Watch {
    events: mpsc::Receiver<Event>,
    thread: std::thread::JoinHandle<notify::Result<()>>,
}

impl Watch {
    fn start(root: &Path, rounds: usize) -> Result<Watch> {
        let (tx, events) = mpsc::channel();
        let root = root.to_path_buf();
        let thread = std::thread::spawn(move || {
            shiryo::commands::watch::rounds(
                &root,
                &[],
                Some(rounds),
                Default::default(),
                |report| {
                    let event = match report {
                        Report::Built { elapsed, .. } => Event::Built(elapsed),
                        Report::Unchanged { .. } => Event::Unchanged,
                        Report::Failed(problems) => Event::Failed(problems.to_string()),
                        Report::Waiting(_)
                        | Report::Page { .. }
                        | Report::Typeset { .. }
                        | Report::Done => return,
                    };
                    let _ = tx.send(event);
                },
            )
        });
        let watch = Watch { events, thread };
        watch.next_build()?; // the first build
        Ok(watch)
    }

    /// Waits for the next rebuild; its time from the file event to the PDF in place.
    fn next_build(&self) -> Result<Duration> {
        match self.events.recv_timeout(Duration::from_secs(600)) {
            Ok(Event::Built(elapsed)) => Ok(elapsed),
            Ok(Event::Unchanged) => bail!("the watch saw the edit but rebuilt nothing"),
            Ok(Event::Failed(problems)) => bail!("the watch failed:\n{problems}"),
            Err(e) => bail!("no report from the watch ({e})"),
        }
    }

    fn finish(self) -> Result<()> {
        self.thread
            .join()
            .map_err(|_| anyhow!("the watch thread panicked"))??;
        Ok(())
    }
}

/// Edits one value of `meetings.yaml`: the first meeting's attendance, alternately one more
/// than it was and back.
struct Edit {
    path: PathBuf,
    original: String,
    line: usize,
    value: u32,
}

impl Edit {
    fn new(root: &Path) -> Result<Edit> {
        let path = root
            .join("content")
            .join(COUNCIL)
            .join(YEAR.to_string())
            .join("meetings.yaml");
        let original = std::fs::read_to_string(&path)?;
        let (line, value) = original
            .lines()
            .enumerate()
            .find_map(|(i, l)| {
                let v = l.trim_start().strip_prefix("attendance:")?;
                Some((i, v.trim().parse().ok()?))
            })
            .ok_or_else(|| anyhow!("no attendance in {}", path.display()))?;
        Ok(Edit {
            path,
            original,
            line,
            value,
        })
    }

    /// Writes edit number `i` (odd: +1, even: the original value).
    fn apply(&self, i: usize) -> Result<()> {
        let value = self.value + u32::from(i % 2 == 1);
        let mut text = String::new();
        for (n, l) in self.original.lines().enumerate() {
            if n == self.line {
                let indent = &l[..l.len() - l.trim_start().len()];
                writeln!(text, "{indent}attendance: {value}")?;
            } else {
                writeln!(text, "{l}")?;
            }
        }
        std::fs::write(&self.path, text)?;
        Ok(())
    }

    fn restore(&self) -> Result<()> {
        std::fs::write(&self.path, &self.original)?;
        Ok(())
    }
}

/// 3a: the median rebuild time of the watch after `edits` one-value edits.
fn watch_edits(root: &Path, edits: usize) -> Result<Option<Duration>> {
    let edit = Edit::new(root)?;
    let watch = Watch::start(root, edits + 1)?;
    let mut times = Vec::new();
    for i in 1..=edits {
        edit.apply(i)?;
        times.push(watch.next_build()?);
        std::thread::sleep(WATCH_PAUSE);
    }
    watch.finish()?;
    edit.restore()?;
    if let (Some(min), Some(max)) = (times.iter().min(), times.iter().max()) {
        eprintln!("   watch rebuilds: {} … {} ms", ms(*min), ms(*max));
    }
    Ok((!times.is_empty()).then(|| median(times)))
}

/// 3b: resident memory of a process running the watch, over many rebuilds.
struct Memory {
    rounds: usize,
    /// (rounds done, VmRSS in KB).
    samples: Vec<(usize, u64)>,
    rebuild: Duration,
}

impl Memory {
    fn first(&self) -> u64 {
        self.samples.first().map_or(0, |s| s.1)
    }
    fn last(&self) -> u64 {
        self.samples.last().map_or(0, |s| s.1)
    }
    fn max(&self) -> u64 {
        self.samples.iter().map(|s| s.1).max().unwrap_or(0)
    }
    /// Last against first, in percent.
    fn change(&self) -> f64 {
        (self.last() as f64 / self.first().max(1) as f64 - 1.0) * 100.0
    }
}

/// Runs this binary again as a child with `var=value` (it then does one measurement and prints
/// numbers), returning what it printed.
fn run_child(var: &str, value: &str, what: &str) -> Result<String> {
    let output = Command::new(std::env::current_exe()?)
        .env(var, value)
        .stdin(Stdio::null())
        .output()?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    ensure!(
        output.status.success(),
        "{what} run failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(stdout)
}

/// Runs `memory_child` in a fresh process of this binary, so that VmRSS is the watch's alone.
fn watch_memory(root: &Path, rounds: usize) -> Result<Memory> {
    let stdout = run_child(
        MEMORY_CHILD,
        &format!("{rounds}:{}", root.display()),
        "memory",
    )?;
    let mut numbers = stdout.split_whitespace().map(str::parse::<u64>);
    let rebuild = Duration::from_nanos(numbers.next().ok_or_else(|| anyhow!("no output"))??);
    let numbers: Vec<u64> = numbers.collect::<Result<_, _>>()?;
    let samples = numbers
        .chunks_exact(2)
        .map(|p| Ok((usize::try_from(p[0])?, p[1])))
        .collect::<Result<_>>()?;
    Ok(Memory {
        rounds,
        samples,
        rebuild,
    })
}

/// The child side of `watch_memory`: a watch on the root, `rounds` one-value edits, VmRSS
/// after the first build and every `RSS_EVERY` rebuilds. Prints the median rebuild time, then
/// `rounds KB` pairs.
fn memory_child(arg: &str) -> Result<()> {
    let (rounds, root) = arg
        .split_once(':')
        .ok_or_else(|| anyhow!("{MEMORY_CHILD}={arg}"))?;
    let (rounds, root): (usize, &Path) = (rounds.parse()?, Path::new(root));
    let edit = Edit::new(root)?;
    let watch = Watch::start(root, rounds + 1)?;
    let mut samples = vec![(0, vm_rss_kb()?)];
    let mut times = Vec::new();
    for i in 1..=rounds {
        edit.apply(i)?;
        times.push(watch.next_build()?);
        if i % RSS_EVERY == 0 {
            samples.push((i, vm_rss_kb()?));
        }
        std::thread::sleep(WATCH_PAUSE);
    }
    watch.finish()?;
    edit.restore()?;
    let mut out = median(times).as_nanos().to_string();
    for (i, kb) in samples {
        let _ = write!(out, "\n{i} {kb}");
    }
    println!("{out}");
    Ok(())
}

fn vm_rss_kb() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow!("no VmRSS in /proc/self/status"))
}

/// 5: the same markup compiled by typst alone (the PyPI package, same typst version).
struct TypstAlone {
    /// `python -c 'import typst; typst.compile(…)'`, whole process.
    whole: Timed,
    /// The `typst.compile` call alone: the first in a process, and the median of the others.
    first_call: Duration,
    later_calls: Duration,
}

/// A venv under `target/bench-venv` with the `typst` package; created when missing.
fn python_typst(repo: &Path) -> Result<PathBuf> {
    let venv = repo.join("target").join("bench-venv");
    let python = venv.join("bin").join("python");
    let has_typst = |python: &Path| {
        Command::new(python)
            .args(["-c", "import typst; assert typst.__version__ == '0.15.0'"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if has_typst(&python) {
        return Ok(python);
    }
    if !python.is_file() {
        run_quietly(Command::new("python3").arg("-m").arg("venv").arg(&venv))
            .context("python3 -m venv")?;
    }
    run_quietly(Command::new(venv.join("bin").join("pip")).args(["install", "--quiet", PY_TYPST]))
        .context("pip install")?;
    ensure!(has_typst(&python), "{PY_TYPST} did not install");
    Ok(python)
}

/// Compiles the markup `shiryo build --emit-typst` wrote, with the same root, only the bundled
/// fonts (no system or embedded fonts) and the same PDF standards as shiryo.
const PY_COMPILE: &str = r#"
import sys, time, typst
typ, pdf, root, fonts, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[fonts])
for _ in range(runs):
    started = time.perf_counter()
    typst.compile(typ, output=pdf, root=root, font_paths=fonts, pdf_standards=["a-2b", "ua-1"])
    print(int((time.perf_counter() - started) * 1e9))
"#;

/// `shiryo build --emit-typst`: the markup typst alone compiles.
fn emit_typst(root: &Path) -> Result<PathBuf> {
    let mut emit = Command::new(env!("CARGO_BIN_EXE_shiryo"));
    run_quietly(
        emit.arg("build")
            .arg("--emit-typst")
            .arg("--root")
            .arg(root),
    )?;
    Ok(pdf_path(root).with_extension("typ"))
}

/// One Python process compiling `typ` `runs` times, printing the time of each
/// `typst.compile` call.
fn typst_command(python: &Path, root: &Path, typ: &Path, runs: usize) -> Command {
    let mut command = Command::new(python);
    command
        .arg("-c")
        .arg(PY_COMPILE)
        .arg(typ)
        .arg(root.join("typst-alone.pdf"))
        .arg(root)
        .arg(root.join("fonts"))
        .arg(runs.to_string());
    command
}

/// Runs `typst_command`; the time of each `typst.compile` call.
fn typst_calls(python: &Path, root: &Path, typ: &Path, runs: usize) -> Result<Vec<Duration>> {
    let output = typst_command(python, root, typ, runs)
        .stdin(Stdio::null())
        .output()?;
    ensure!(
        output.status.success(),
        "typst alone failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .map(|s| Ok(Duration::from_nanos(s.parse()?)))
        .collect()
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

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 100.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

fn mb(kb: u64) -> String {
    format!("{:.1}", kb as f64 / 1024.0)
}

fn stages(s: &Stages) -> String {
    [s.load, s.render, s.compile, s.export, s.write]
        .map(ms)
        .join(" / ")
}

fn pct(part: Duration, whole: Duration) -> String {
    format!(
        "{:.1} %",
        part.as_secs_f64() / whole.as_secs_f64().max(1e-9) * 100.0
    )
}

/// The table of medians: one row per measurement, one column per content size.
fn table(columns: &[Column], python_note: Option<&str>) -> String {
    let cell = |f: &dyn Fn(&Column) -> String| -> String {
        columns.iter().map(|c| format!(" {} |", f(c))).collect()
    };
    let typst =
        |c: &Column, f: &dyn Fn(&TypstAlone) -> String| c.typst.as_ref().map_or("n/a".into(), f);
    let base = columns.iter().find(|c| c.label == "1×");
    let rows: Vec<(&str, String)> = vec![
        (
            "2024 meetings / goals (2024 + 2025)",
            cell(&|c| format!("{} / {}", c.meetings, c.goals)),
        ),
        (
            "PDF pages / size",
            cell(&|c| format!("{} / {} KB", c.cold.pages, c.cold.pdf_bytes / 1024)),
        ),
        (
            "1. `shiryo build`, whole process (ms)",
            cell(&|c| ms(c.cold.wall)),
        ),
        (
            "5. typst alone, whole process: `python -c 'typst.compile(…)'` (ms)",
            cell(&|c| typst(c, &|t| ms(t.whole.wall))),
        ),
        (
            "5. ratio shiryo / typst alone, whole process",
            cell(&|c| {
                typst(c, &|t| {
                    format!(
                        "{:.2}",
                        c.cold.wall.as_secs_f64() / t.whole.wall.as_secs_f64()
                    )
                })
            }),
        ),
        (
            "5. typst alone, in-process `typst.compile` call: first / later (ms)",
            cell(&|c| {
                typst(c, &|t| {
                    format!("{} / {}", ms(t.first_call), ms(t.later_calls))
                })
            }),
        ),
        (
            "2. setup: `Builder::new` (fonts, templates) (ms)",
            cell(&|c| ms(c.split.setup)),
        ),
        (
            "2. load + checks: `Builder::load` (ms)",
            cell(&|c| ms(c.split.cold.load)),
        ),
        (
            "2. … of which `Project::load` (read, parse YAML) / `validate::check` / `check_printable` (ms)",
            cell(&|c| {
                [c.split.parse, c.split.checks, c.split.printable]
                    .map(ms)
                    .join(" / ")
            }),
        ),
        (
            "2. render: minijinja → Typst markup (ms)",
            cell(&|c| ms(c.split.cold.render)),
        ),
        ("2. typst compile (ms)", cell(&|c| ms(c.split.cold.compile))),
        ("2. PDF export (ms)", cell(&|c| ms(c.split.cold.export))),
        (
            "2. own stages: (load + checks + render) / (load … export)",
            cell(&|c| pct(c.split.cold.ours(), c.split.cold.total())),
        ),
        (
            "2. write: `write_atomic` (temporary file, fsync, rename) (ms)",
            cell(&|c| ms(c.split.cold.write)),
        ),
        (
            "2. warm, after a one-value edit: load / render / compile / export / write (ms)",
            cell(&|c| stages(&c.split.warm)),
        ),
        (
            "2. warm: own stages / (load … export)",
            cell(&|c| pct(c.split.warm.ours(), c.split.warm.total())),
        ),
        (
            "2. Word file (`build --docx`), after the PDF: render, figure, zip (ms)",
            cell(&|c| ms(c.split.word)),
        ),
        (
            "3. watch rebuild after a one-value edit (ms)",
            cell(&|c| c.watch.map_or("n/a".into(), ms)),
        ),
        (
            "4. peak memory of `shiryo build` (MB, max RSS)",
            cell(&|c| c.cold.peak_kb.map_or("n/a".into(), mb)),
        ),
        (
            "4. peak memory of typst alone (python, MB, max RSS)",
            cell(&|c| typst(c, &|t| t.whole.peak_kb.map_or("n/a".into(), mb))),
        ),
        (
            "1. build time / build time of 1×",
            cell(&|c| {
                base.map_or("n/a".into(), |b| {
                    format!(
                        "{:.1}×",
                        c.cold.wall.as_secs_f64() / b.cold.wall.as_secs_f64()
                    )
                })
            }),
        ),
    ];
    let mut out = String::from("| Median |");
    for c in columns {
        let _ = write!(out, " {} |", c.label);
    }
    out.push_str("\n| --- |");
    out.push_str(&" ---: |".repeat(columns.len()));
    for (name, cells) in rows {
        let _ = write!(out, "\n| {name} |{cells}");
    }
    if let Some(note) = python_note {
        let _ = write!(out, "\n\ntypst alone not measured: {note}");
    }
    out
}

fn memory_table(m: &Memory) -> String {
    let samples: Vec<String> = m
        .samples
        .iter()
        .map(|(r, kb)| format!("{r}: {}", mb(*kb)))
        .collect();
    format!(
        "| 3. VmRSS over {} watch rebuilds (sample) | MB |\n| --- | ---: |\n| first (after the first build) | {} |\n| last | {} |\n| max | {} |\n| change last / first | {:+.1} % |\n| median rebuild | {} ms |\n\nVmRSS every {RSS_EVERY} rebuilds (MB): {}",
        m.rounds,
        mb(m.first()),
        mb(m.last()),
        mb(m.max()),
        m.change(),
        ms(m.rebuild),
        samples.join(", ")
    )
}

/// The issue's targets, met or missed, from the figures above.
fn targets(columns: &[Column], memory: Option<&Memory>) -> String {
    let sample = columns.iter().find(|c| c.label == "sample");
    let one = columns.iter().find(|c| c.scale == 1 && c.label != "sample");
    let hundred = columns.iter().find(|c| c.scale == 100);
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    let mut rows = Vec::new();
    if let Some(s) = sample {
        if let Some(t) = &s.typst {
            let r = s.cold.wall.as_secs_f64() / t.whole.wall.as_secs_f64();
            rows.push((
                "sample: shiryo / typst alone ≤ 1.0".to_string(),
                format!("{r:.2}"),
                verdict(r <= 1.0),
            ));
        }
        let own = s.split.cold.ours().as_secs_f64() / s.split.cold.total().as_secs_f64() * 100.0;
        rows.push((
            "sample: own stages < 5 %".into(),
            format!("{own:.1} %"),
            verdict(own < 5.0),
        ));
        if let Some(w) = s.watch {
            rows.push((
                "sample: watch rebuild ≤ 50 ms".into(),
                format!("{} ms", ms(w)),
                verdict(w <= Duration::from_millis(50)),
            ));
        }
        if let Some(kb) = s.cold.peak_kb {
            rows.push((
                "sample: peak memory ≤ 100 MB".into(),
                format!("{} MB", mb(kb)),
                verdict(kb <= 100 * 1024),
            ));
        }
    }
    if let Some(m) = memory {
        let spread = m
            .samples
            .iter()
            .map(|s| (s.1 as f64 / m.first().max(1) as f64 - 1.0).abs() * 100.0)
            .fold(0.0, f64::max);
        rows.push((
            format!("VmRSS flat (±10 %) over {} rebuilds", m.rounds),
            format!("{:+.1} % (largest deviation {spread:.1} %)", m.change()),
            verdict(spread <= 10.0),
        ));
    }
    if let (Some(one), Some(hundred)) = (one, hundred) {
        let r = hundred.cold.wall.as_secs_f64() / one.cold.wall.as_secs_f64();
        rows.push((
            "100× content ≤ 120× the time of 1×".into(),
            format!("{r:.1}×"),
            verdict(r <= 120.0),
        ));
    }
    let mut out = String::from("| Target | Measured | |\n| --- | ---: | --- |");
    for (target, measured, v) in rows {
        let _ = write!(out, "\n| {target} | {measured} | {v} |");
    }
    out
}
