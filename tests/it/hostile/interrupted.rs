//! Builds stopped, raced and locked: an output folder that links out, a template that takes all
//! memory, builds killed midway or after the last file, readers while a PDF is replaced, two
//! builds on one root, the lock.

use super::*;

#[cfg(unix)]
#[test]
fn an_output_folder_that_links_out_is_not_written() {
    let p = TempProject::sample();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join(".shiryo-keep.tmp"), "not ours").unwrap();
    std::os::unix::fs::symlink(outside.path(), p.path().join("output")).unwrap();
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("output フォルダがプロジェクトの外"), "{out}");
    let left: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "nothing written or cleared outside");
}

/// Template code that would take all the memory of the machine stops at the ceiling, in
/// Japanese, without touching output/.
#[test]
fn a_template_that_takes_all_memory_stops_at_the_ceiling() {
    let p = TempProject::sample();
    let member_list = "templates/member_list.typ.j2";
    let text = p.read(member_list);
    p.write(member_list, &format!("{text}#let a = range(300000000)\n"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(["build", "--root"])
        .arg(p.path())
        .env("SHIRYO_MEMORY_LIMIT_MB", "1024")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("メモリが足りなくなったため、作成を中止しました"),
        "{err}"
    );
    assert!(!p.path().join("output/koganei-seishin").exists());
}

/// `shiryo ARGS --root P` started, not waited for, with `env` set.
fn spawn(p: &TempProject, args: &[&str], env: &[(&str, &str)]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(args)
        .arg("--root")
        .arg(p.path())
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: std::process::Child) -> (i32, String) {
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        ),
    )
}

const HYOKA_PDF: &str = "output/niiza-chiiki-ikou/r6-hyoka.pdf";
const MEIBO_PDF: &str = "output/koganei-seishin/r6-meibo.pdf";

/// The journal a build killed with `kill -9` leaves: `complete` when every file was in place.
fn killed_build(p: &TempProject, complete: bool) {
    let entry = |target: &str| {
        let dir = std::path::Path::new(target).parent().unwrap();
        let name = std::path::Path::new(target).file_name().unwrap();
        let name = name.to_string_lossy();
        serde_json::json!({
            "target": target.strip_prefix("output/").unwrap(),
            "temp": format!("{}/.shiryo-XyZ{name}.tmp", dir.strip_prefix("output").unwrap().display()).trim_start_matches('/'),
            "backup": format!("{}/.shiryo-backup-{name}", dir.strip_prefix("output").unwrap().display()).trim_start_matches('/'),
        })
    };
    for target in [HYOKA_PDF, MEIBO_PDF] {
        let path = p.path().join(target);
        let backup = path.with_file_name(format!(
            ".shiryo-backup-{}",
            path.file_name().unwrap().to_string_lossy()
        ));
        std::fs::write(backup, "the PDF of the build before").unwrap();
    }
    let journal = serde_json::json!({
        "entries": [entry(HYOKA_PDF), entry(MEIBO_PDF)],
        "complete": complete,
    });
    std::fs::write(
        p.path().join("output/.shiryo-journal"),
        serde_json::to_vec(&journal).unwrap(),
    )
    .unwrap();
}

#[test]
fn a_build_killed_after_every_file_was_in_place_is_not_undone() {
    let p = TempProject::sample();
    assert_eq!(run_bounded(&p, &["build"]).0, 0);
    killed_build(&p, true);
    let before = common::snapshot(&p.path().join("output"));
    // The next build fails on a typo: it writes nothing, puts nothing "back".
    p.edit(MEMBERS, "members:", "members: [");
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(common::snapshot(&p.path().join("output")), before, "{out}");
    assert!(out.contains("output/ の PDF は変更していません。"), "{out}");
    assert!(!out.contains("途中で止まった"), "{out}");
    // The next good build keeps the killed build's files (it had finished) and clears the rest.
    p.edit(MEMBERS, "members: [", "members:");
    let (code, out) = run_bounded(&p, &["build", "r6-1-kaigiroku"]);
    assert_eq!(code, 0, "{out}");
    for pdf in [HYOKA_PDF, MEIBO_PDF] {
        assert!(
            std::fs::read(p.path().join(pdf))
                .unwrap()
                .starts_with(b"%PDF-"),
            "{pdf} was rolled back to a backup"
        );
    }
    let left: Vec<String> = common::snapshot(&p.path().join("output"))
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n.contains(".shiryo-") && !n.ends_with(".shiryo-lock"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_build_killed_midway_is_rolled_back_only_by_a_build_that_writes() {
    let p = TempProject::sample();
    assert_eq!(run_bounded(&p, &["build"]).0, 0);
    killed_build(&p, false);
    let before = common::snapshot(&p.path().join("output"));
    p.edit(MEMBERS, "members:", "members: [");
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(common::snapshot(&p.path().join("output")), before, "{out}");
    assert!(
        out.contains("output/ には途中で止まった前回の作成が残っていて"),
        "{out}"
    );
    // Every command that fails without writing says so too: `check`, and a build that stops
    // before reading the content (its fonts gone).
    let (code, out) = run_bounded(&p, &["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("途中で止まった前回の作成が残って"), "{out}");
    let fonts = p.path().join("fonts");
    let hidden = p.path().join("fonts-away");
    std::fs::rename(&fonts, &hidden).unwrap();
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("途中で止まった前回の作成が残って"), "{out}");
    std::fs::rename(&hidden, &fonts).unwrap();
    assert_eq!(common::snapshot(&p.path().join("output")), before);
    // A build that writes puts the old files back first: one whole state, then its own files.
    p.edit(MEMBERS, "members: [", "members:");
    let (code, out) = run_bounded(&p, &["build", "r6-1-kaigiroku"]);
    assert_eq!(code, 0, "{out}");
    for pdf in [HYOKA_PDF, MEIBO_PDF] {
        assert_eq!(
            std::fs::read(p.path().join(pdf)).unwrap(),
            b"the PDF of the build before",
            "{pdf}"
        );
    }
    assert!(!p.path().join("output/.shiryo-journal").exists());
}

#[test]
fn a_reader_always_finds_the_pdf_while_it_is_replaced() {
    let p = TempProject::sample();
    assert_eq!(run_bounded(&p, &["build", "r6-meibo"]).0, 0);
    let pdf = p.path().join(MEIBO_PDF);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let poller = {
        let (pdf, stop) = (pdf.clone(), stop.clone());
        std::thread::spawn(move || {
            let (mut looks, mut missing) = (0u64, 0u64);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                looks += 1;
                missing += u64::from(std::fs::symlink_metadata(&pdf).is_err());
            }
            (looks, missing)
        })
    };
    // Every build replaces the PDF, changed or not.
    for _ in 0..6 {
        let (code, out) = run_bounded(&p, &["build", "r6-meibo"]);
        assert_eq!(code, 0, "{out}");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (looks, missing) = poller.join().unwrap();
    assert!(looks > 1000, "{looks}");
    assert_eq!(missing, 0, "the PDF was missing {missing} times of {looks}");
}

#[test]
fn builds_at_once_on_one_root_take_turns() {
    let p = TempProject::sample();
    for _ in 0..4 {
        let a = spawn(&p, &["build", "--html"], &[]);
        let b = spawn(&p, &["build"], &[]);
        let (code_a, out_a) = finish(a);
        let (code_b, out_b) = finish(b);
        assert_eq!((code_a, code_b), (0, 0), "{out_a}\n{out_b}");
    }
}

#[test]
fn a_build_waits_for_the_lock_and_gives_up_in_japanese() {
    let p = TempProject::sample();
    assert_eq!(run_bounded(&p, &["build"]).0, 0);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(p.path().join("output/.shiryo-lock"))
        .unwrap();
    lock.lock().unwrap();
    let before = common::snapshot(&p.path().join("output"));
    let (code, out) = finish(spawn(&p, &["build"], &[("SHIRYO_LOCK_WAIT_SECONDS", "1")]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("終わるのを待っています"), "{out}");
    assert!(out.contains("待つのをやめました"), "{out}");
    assert!(out.contains("output/ の PDF は変更していません。"), "{out}");
    assert_eq!(common::snapshot(&p.path().join("output")), before);
    // Released while it waits: it goes on and writes.
    // Unlocked once it says it waits (not after a fixed time: a loaded machine typesets slowly).
    let mut child = spawn(&p, &["build"], &[("SHIRYO_LOCK_WAIT_SECONDS", "60")]);
    let stderr = child.stderr.take().unwrap();
    let (lines, heard) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        let mut all = String::new();
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = lines.send(line.clone());
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    while let Ok(line) = heard.recv_timeout(Duration::from_secs(60)) {
        if line.contains("終わるのを待っています") {
            break;
        }
    }
    lock.unlock().unwrap();
    let (code, out) = finish(child);
    let err = reader.join().unwrap();
    assert_eq!(code, 0, "{err}{out}");
    assert!(err.contains("終わるのを待っています"), "{err}");
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_link_inside_output() {
    let p = TempProject::sample();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(p.path().join("output")).unwrap();
    std::os::unix::fs::symlink(outside.path(), p.path().join("output/niiza-chiiki-ikou")).unwrap();
    let (code, out) = run_bounded(&p, &["build", "--html"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("output の中の niiza-chiiki-ikou はリンク（ショートカット）のため"),
        "{out}"
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    assert!(!p.path().join(MEIBO_PDF).exists(), "all or nothing: {out}");
    // A link in place of one PDF, and a link deeper down.
    std::fs::remove_file(p.path().join("output/niiza-chiiki-ikou")).unwrap();
    let secret = outside.path().join("secret.pdf");
    std::fs::write(&secret, "not ours").unwrap();
    std::fs::create_dir_all(p.path().join("output/koganei-seishin")).unwrap();
    std::os::unix::fs::symlink(&secret, p.path().join(MEIBO_PDF)).unwrap();
    let (code, out) = run_bounded(&p, &["build"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("r6-meibo.pdf はリンク"), "{out}");
    assert_eq!(std::fs::read(&secret).unwrap(), b"not ours");
}

/// A council's Typst template whose loops never end is stopped at the time budget, with a
/// Japanese message naming the template, and output/ untouched.
#[test]
fn a_typst_template_that_never_ends_is_stopped_at_the_budget() {
    let p = TempProject::sample();
    let shipped = p.read("templates/agenda.typ.j2");
    p.write(
        "content/koganei-seishin/templates/agenda.typ.j2",
        &format!("{shipped}\n#for i in range(100000) {{ for j in range(100000) {{ }} }}\n"),
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(["build", "--root"])
        .arg(p.path())
        .env("SHIRYO_TYPST_TIMEOUT_MS", "3000")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/koganei-seishin/templates/agenda.typ.j2"),
        "{err}"
    );
    assert!(err.contains("終わらないため、止めました"), "{err}");
    assert!(!p.path().join("output").exists());
}
