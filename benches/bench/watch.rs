//! Watch rounds and memory: a save timed until its PDF is written, and the memory of a long watch.

use super::*;

/// What the watch thread reports back.
pub(super) enum Event {
    Built(Duration),
    Unchanged,
    Failed(String),
}

/// A `shiryo::commands::watch::rounds` on `root` in its own thread, stopping after `rounds` rebuild rounds
/// (the first build included).
pub(super) struct Watch {
    pub(super) events: mpsc::Receiver<Event>,
    pub(super) thread: std::thread::JoinHandle<notify::Result<()>>,
}

impl Watch {
    pub(super) fn start(root: &Path, rounds: usize) -> Result<Watch> {
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
    pub(super) fn next_build(&self) -> Result<Duration> {
        match self.events.recv_timeout(Duration::from_secs(600)) {
            Ok(Event::Built(elapsed)) => Ok(elapsed),
            Ok(Event::Unchanged) => bail!("the watch saw the edit but rebuilt nothing"),
            Ok(Event::Failed(problems)) => bail!("the watch failed:\n{problems}"),
            Err(e) => bail!("no report from the watch ({e})"),
        }
    }

    pub(super) fn finish(self) -> Result<()> {
        self.thread
            .join()
            .map_err(|_| anyhow!("the watch thread panicked"))??;
        Ok(())
    }
}

/// Edits one value of `meetings.yaml`: the first meeting's attendance, alternately one more
/// than it was and back.
pub(super) struct Edit {
    pub(super) path: PathBuf,
    pub(super) original: String,
    pub(super) line: usize,
    pub(super) value: u32,
}

impl Edit {
    pub(super) fn new(root: &Path) -> Result<Edit> {
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
    pub(super) fn apply(&self, i: usize) -> Result<()> {
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

    pub(super) fn restore(&self) -> Result<()> {
        std::fs::write(&self.path, &self.original)?;
        Ok(())
    }
}

/// 3a: the median rebuild time of the watch after `edits` one-value edits.
pub(super) fn watch_edits(root: &Path, edits: usize) -> Result<Option<Duration>> {
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
pub(super) struct Memory {
    pub(super) rounds: usize,
    /// (rounds done, VmRSS in KB).
    pub(super) samples: Vec<(usize, u64)>,
    pub(super) rebuild: Duration,
}

impl Memory {
    pub(super) fn first(&self) -> u64 {
        self.samples.first().map_or(0, |s| s.1)
    }
    pub(super) fn last(&self) -> u64 {
        self.samples.last().map_or(0, |s| s.1)
    }
    pub(super) fn max(&self) -> u64 {
        self.samples.iter().map(|s| s.1).max().unwrap_or(0)
    }
    /// Last against first, in percent.
    pub(super) fn change(&self) -> f64 {
        (self.last() as f64 / self.first().max(1) as f64 - 1.0) * 100.0
    }
}

/// Runs this binary again as a child with `var=value` (it then does one measurement and prints
/// numbers), returning what it printed.
pub(super) fn run_child(var: &str, value: &str, what: &str) -> Result<String> {
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
pub(super) fn watch_memory(root: &Path, rounds: usize) -> Result<Memory> {
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
pub(super) fn memory_child(arg: &str) -> Result<()> {
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

pub(super) fn vm_rss_kb() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| anyhow!("no VmRSS in /proc/self/status"))
}
