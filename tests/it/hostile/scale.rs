//! Checking is linear in the content (issue 29): 10,000 goals, each a 【再掲】 of the one
//! before, give 9,999 messages; each searched the whole file for its line (18 s in `check`,
//! 30,000 goals 174 s, and `watch`/`serve` stalled as long on every save). Each message is now
//! placed by its value's path in positions recorded once per text. Nothing here is timed: the
//! test checks every message's line, and the bound only stops a hang.

use std::time::{Duration, Instant};

use super::common::TempProject;

/// `shiryo check` in `p`, its output written to a file (thousands of messages would fill a
/// pipe nobody reads until the end); stopped if it hangs.
fn check_to_file(p: &TempProject) -> (i32, String) {
    let out = tempfile::NamedTempFile::new().unwrap();
    // One file, one offset: stderr and stdout in the order written.
    let file = out.reopen().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(["check", "--root"])
        .arg(p.path())
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            panic!("shiryo check did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = std::fs::read_to_string(out.path()).unwrap();
    (status.code().unwrap_or(-1), text)
}

/// Goals 1-1 … 1-`n`, each after the first a 【再掲】 of the one before. Goal 1-k's
/// `repeats:` is on line 7 + 2k - 2 (k ≥ 2).
fn relisted_chain(p: &TempProject, n: usize) {
    p.write(
        "content/test/council.yaml",
        "name: テスト市協議会\nmeeting_label: 部会\nevaluation_words: [達成, 未達成]\nroles: [部会長]\n",
    );
    let mut goals = String::from(
        "components:\n  - number: 1\n    name: 協議の場\n    issues:\n      - issue: 課題です。\n        goals:\n          - {number: 1-1, activity: 活動です。, target: 年１回}\n",
    );
    for k in 2..=n {
        goals.push_str(&format!(
            "          - number: 1-{k}\n            repeats: 1-{}\n",
            k - 1
        ));
    }
    p.write("content/test/2024/goals.yaml", &goals);
}

#[test]
fn ten_thousand_relisted_goals_are_each_named_at_their_line() {
    const N: usize = 10_000;
    let p = TempProject::empty();
    relisted_chain(&p, N);
    let (code, out) = check_to_file(&p);
    assert_eq!(code, 1, "{out}");
    // Goal 1-2 re-lists 1-1, which has its text: fine. Every later one re-lists a 【再掲】.
    let shown: Vec<&str> = out.lines().filter(|l| l.starts_with("エラー")).collect();
    assert_eq!(shown.len(), 2000, "{out}");
    for (i, line) in shown.iter().enumerate() {
        let k = i + 3;
        let expected = format!(
            "エラー: content/test/2024/goals.yaml:{}:22: 目標 １－{} の再掲元 １－{} も再掲です。",
            7 + 2 * k - 2,
            shiryo::text::japanese::fullwidth(&k.to_string()),
            shiryo::text::japanese::fullwidth(&(k - 1).to_string())
        );
        assert_eq!(*line, expected);
    }
    assert!(out.contains(&format!("…ほか {} 件", N - 2 - 2000)), "{out}");

    // And every one of them, in the library: each at its own goal's `repeats:`.
    let (project, problems) = shiryo::model::council::Project::load(p.path());
    assert!(problems.is_empty(), "{problems}");
    let problems = shiryo::check::check(&project);
    assert_eq!(problems.0.len(), N - 2);
    for (i, problem) in problems.0.iter().enumerate() {
        let k = i + 3;
        assert_eq!(
            (problem.line, problem.column),
            (Some((7 + 2 * k - 2) as u32), Some(22)),
            "{problem}"
        );
    }
}
