//! The README's tables: the figures of every column, the memory rows, the targets.

use super::*;

pub(super) fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 100.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

pub(super) fn mb(kb: u64) -> String {
    format!("{:.1}", kb as f64 / 1024.0)
}

pub(super) fn stages(s: &Stages) -> String {
    [s.load, s.render, s.compile, s.export, s.write]
        .map(ms)
        .join(" / ")
}

pub(super) fn pct(part: Duration, whole: Duration) -> String {
    format!(
        "{:.1} %",
        part.as_secs_f64() / whole.as_secs_f64().max(1e-9) * 100.0
    )
}

/// The table of medians: one row per measurement, one column per content size.
pub(super) fn table(columns: &[Column], python_note: Option<&str>) -> String {
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

pub(super) fn memory_table(m: &Memory) -> String {
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

/// The targets, met or missed, from the figures above.
pub(super) fn targets(columns: &[Column], memory: Option<&Memory>) -> String {
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
