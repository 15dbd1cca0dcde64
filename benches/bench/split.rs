//! A build split by stage in a child process: loading, checking, rendering, typesetting, writing.

use super::*;

/// The split of a cold build (the first in a process) and of a warm rebuild in the same
/// process after a one-value edit (what the watch does, without its file events).
#[derive(Default, Clone, Copy)]
pub(super) struct Split {
    /// `Builder::new`: fonts and templates.
    pub(super) setup: Duration,
    /// What `Builder::load` does, one part at a time: `Project::load` (read and parse the
    /// YAML), `validate::check`, `validate::check_printable`.
    pub(super) parse: Duration,
    pub(super) checks: Duration,
    pub(super) printable: Duration,
    pub(super) cold: Stages,
    pub(super) warm: Stages,
    /// The Word file of the same document, made after the warm build (render, pictures, zip:
    /// `Timings::word`), the PDF and page aside.
    pub(super) word: Duration,
}

/// Numbers a split child prints before its two sets of stages (and the Word file's time after).
pub(super) const SPLIT_HEAD: usize = 4;
/// All the numbers a split child prints.
pub(super) const SPLIT_ALL: usize = SPLIT_HEAD + 2 * Stages::COUNT + 1;

/// Medians of `runs` in-process builds, each in a fresh child process of this binary (typst
/// memoises across compiles in one process, so only a first compile is cold).
pub(super) fn split(root: &Path, runs: usize) -> Result<Split> {
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
pub(super) fn split_child(root: &Path) -> Result<()> {
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
