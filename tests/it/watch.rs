//! `shiryo watch`: a rebuild per save, a failed save reported without losing the last good
//! PDF, recovery on the next good save; editors that save by rename and files deleted then
//! re-created.

use crate::common;

use std::sync::mpsc::{Receiver, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use common::TempProject;
use shiryo::commands::build::{Format, Formats};
use shiryo::commands::watch::Report;

const PDF: &str = "output/niiza-chiiki-ikou/r6-hyoka.pdf";
const MEETINGS: &str = "content/niiza-chiiki-ikou/2024/meetings.yaml";

#[derive(Debug)]
enum Seen {
    Built { changed: String, pages: usize },
    Unchanged,
    Failed(String),
    Waiting,
}

fn next(rx: &Receiver<Seen>) -> Seen {
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the watch reported nothing")
}

/// Saves like editors that write a temporary file and rename it over the original.
fn save_by_rename(p: &TempProject, rel: &str, text: &str) {
    let tmp = p.path().join(format!("{rel}.swp"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, p.path().join(rel)).unwrap();
}

/// `shiryo::commands::watch::rounds` on the sample report in a thread, its reports sent to the receiver.
/// `rounds` only bounds the thread in case the test stops early.
fn watch(p: &TempProject, rounds: usize, html: bool) -> (Receiver<Seen>, JoinHandle<()>) {
    let root = p.path().to_path_buf();
    let (tx, rx) = channel();
    let watcher = std::thread::spawn(move || {
        let only = ["niiza-chiiki-ikou/r6-hyoka".to_string()];
        shiryo::commands::watch::rounds(
            &root,
            &only,
            Some(rounds),
            Formats::PDF.with(Format::Html, html),
            |r| {
                let seen = match r {
                    Report::Built { changed, pages, .. } => Seen::Built {
                        changed: changed.to_string(),
                        pages,
                    },
                    Report::Unchanged { .. } => Seen::Unchanged,
                    Report::Failed(problems) => Seen::Failed(problems.to_string()),
                    Report::Waiting(_) => Seen::Waiting,
                    Report::Page { .. } | Report::Typeset { .. } | Report::Done => return,
                };
                let _ = tx.send(seen);
            },
        )
        .unwrap();
    });
    (rx, watcher)
}

#[test]
fn watch_rebuilds_reports_failures_and_recovers() {
    let p = TempProject::sample();
    let (rx, watcher) = watch(&p, 50, false);

    // 1. The first build.
    assert!(matches!(next(&rx), Seen::Built { pages, .. } if pages > 10));
    let original = p.read(MEETINGS);

    // 2. One value edited, saved by rename.
    save_by_rename(
        &p,
        MEETINGS,
        &original.replacen("attendance: 35", "attendance: 36", 1),
    );
    match next(&rx) {
        Seen::Built { changed, .. } => assert!(changed.contains("meetings.yaml"), "{changed}"),
        other => panic!("{other:?}"),
    }
    let good = std::fs::read(p.path().join(PDF)).unwrap();

    // 3. A broken save: the message, and the last good PDF untouched.
    save_by_rename(
        &p,
        MEETINGS,
        &original.replacen("attendance: 35", "attendance: 三十", 1),
    );
    match next(&rx) {
        Seen::Failed(message) => {
            assert!(message.contains("１番目の会議の attendance"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read(p.path().join(PDF)).unwrap(), good);

    // 3b. A save that leaves the file empty: a failure, never an emptied 表１.
    save_by_rename(&p, MEETINGS, "");
    match next(&rx) {
        Seen::Failed(message) => assert!(message.contains("ファイルが空です"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read(p.path().join(PDF)).unwrap(), good);

    // 4. Deleted, then re-created: a failure, then a recovery.
    std::fs::remove_file(p.path().join(MEETINGS)).unwrap();
    match next(&rx) {
        Seen::Failed(message) => assert!(
            message.contains("会議（meetings.yaml）がありません"),
            "{message}"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(std::fs::read(p.path().join(PDF)).unwrap(), good);
    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(p.path().join(MEETINGS), &original).unwrap();
    loop {
        match next(&rx) {
            Seen::Built { changed, .. } => {
                assert!(changed.contains("meetings.yaml"), "{changed}");
                break;
            }
            Seen::Failed(_) | Seen::Unchanged | Seen::Waiting => continue,
        }
    }
    // The watch goes on waiting for saves; the test is done with it.
    drop((rx, watcher));
}

#[test]
fn watch_with_html_rewrites_the_page_with_the_pdf() {
    let p = TempProject::sample();
    let (rx, _watcher) = watch(&p, 3, true);
    let page = "output/niiza-chiiki-ikou/r6-hyoka.html";
    assert!(matches!(next(&rx), Seen::Built { .. }));
    assert!(
        common::unphrased(&p.read(page)).contains("【出席者】<span class=\"nw\">３５</span>名")
    );
    let original = p.read(MEETINGS);
    save_by_rename(
        &p,
        MEETINGS,
        &original.replacen("attendance: 35", "attendance: 36", 1),
    );
    assert!(matches!(next(&rx), Seen::Built { .. }));
    assert!(
        common::unphrased(&p.read(page)).contains("【出席者】<span class=\"nw\">３６</span>名")
    );

    // A change to the page's template alone rebuilds the page.
    let template = "templates/annual_report.html.j2";
    let text = p.read(template);
    let row = "<p class=\"label\">{{ r.label }}</p>";
    assert!(text.contains(row), "{text}");
    p.write(
        template,
        &text.replacen(row, "<p class=\"label\">（表１）{{ r.label }}</p>", 1),
    );
    assert!(matches!(next(&rx), Seen::Built { .. }));
    assert!(p.read(page).contains("（表１）"));
}

/// What a round that failed reports in `watch_rounds`.
const FAILED: &str = "（失敗）";

/// The documents built in each round of a watch of the project at `root` over several
/// councils' documents (a round that changes nothing is an empty list; one that fails,
/// `FAILED`).
fn watch_rounds(root: &std::path::Path, ids: &[&str], rounds: usize) -> Receiver<Vec<String>> {
    let root = root.to_path_buf();
    let names: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut round = Vec::new();
        shiryo::commands::watch::rounds(&root, &names, Some(rounds), Formats::PDF, |r| match r {
            Report::Built { id, .. } => round.push(id.to_string()),
            Report::Failed(_) => round.push(FAILED.to_string()),
            Report::Done => {
                round.sort();
                let _ = tx.send(std::mem::take(&mut round));
            }
            _ => {}
        })
        .unwrap();
    });
    rx
}

fn next_round(rx: &Receiver<Vec<String>>) -> Vec<String> {
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the watch reported nothing")
}

/// Document `id` as a fresh build of the project makes it now.
fn typeset_now(p: &TempProject, id: &str) -> shiryo::commands::build::Typeset {
    let mut b = shiryo::commands::build::Builder::new(p.path()).unwrap();
    let (project, _) = b.load().unwrap();
    let (council, file) = project.documents().find(|(c, d)| d.id(c) == id).unwrap();
    b.typeset(council, file).unwrap()
}

/// The PDF in `output/` of document `id` is what a fresh build of the project makes now.
#[track_caller]
fn assert_current(p: &TempProject, id: &str) {
    let fresh = typeset_now(p, id).pdf;
    let written = std::fs::read(p.path().join(format!("output/{id}.pdf"))).unwrap();
    assert!(
        written == fresh,
        "output/{id}.pdf is not what a build makes now"
    );
}

#[test]
fn a_save_rebuilds_the_documents_it_affects_across_councils_and_only_those() {
    let p = TempProject::sample();
    let shuro = "kitamidai-shuro/r6-2-kaigiroku";
    let soudan = "kitamidai-soudan/r6-2-kaigiroku";
    let packet = "koganei-seishin/r6-1-shiryo";
    let report = "niiza-chiiki-ikou/r6-hyoka";
    let rx = watch_rounds(p.path(), &[shuro, soudan, packet, report], 20);
    let next = || next_round(&rx);
    let mut all = vec![shuro, soudan, packet, report];
    all.sort();
    assert_eq!(next(), all);

    // The record of a joint meeting is written once, by the body that kept it: both bodies'
    // minutes change.
    p.edit(
        "content/kitamidai-shuro/2024/meetings.yaml",
        "製造業２社",
        "製造業３社",
    );
    assert_eq!(next(), [shuro, soudan]);

    // A member of the other body: the minutes of the body that kept the record list them
    // (by family name: 山本副部会長).
    p.edit(
        "content/kitamidai-soudan/2024/members.yaml",
        "山本 大輔",
        "山元 大輔",
    );
    let round = next();
    assert!(round.contains(&shuro.to_string()), "{round:?}");
    assert!(!round.contains(&packet.to_string()) && !round.contains(&report.to_string()));

    // A file a document is made from (an attachment of the packet, replaced by another of as
    // many pages; the report's figure): that document.
    std::fs::copy(
        p.path()
            .join("content/minato-kyogikai/attachments/jokyo.pdf"),
        p.path()
            .join("content/koganei-seishin/attachments/shien-jokyo.pdf"),
    )
    .unwrap();
    assert_eq!(next(), [packet]);
    p.edit(
        "content/niiza-chiiki-ikou/figures/nimo-houkatsu.svg",
        "</svg>",
        "<rect x=\"0\" y=\"0\" width=\"1\" height=\"1\"/></svg>",
    );
    assert_eq!(next(), [report]);

    // A template: every document it lays out, though no content changed.
    let template = "templates/minutes_layout.typ.j2";
    p.write(template, &format!("{}\n// 変更\n", p.read(template)));
    assert_eq!(next(), [shuro, soudan]);

    // What shiryo typesets into a packet (its agenda) changed, the packet's markup did not.
    p.edit(
        "content/koganei-seishin/2024/meetings.yaml",
        "第二庁舎 ８０１会議室",
        "第二庁舎 ８０２会議室",
    );
    assert_eq!(next(), [packet]);
    assert_current(&p, packet);
}

/// Saves made while the project is broken (a template that does not load, a figure, while
/// the minutes' attendance is not a number) all reach the output once the project is whole
/// again, and a broken template stays an error however many other saves follow.
#[test]
fn saves_made_while_a_round_fails_count_in_the_next_good_one() {
    let p = TempProject::sample();
    let report = "niiza-chiiki-ikou/r6-hyoka";
    let rx = watch_rounds(p.path(), &[report], 10);
    let next = || next_round(&rx);
    assert_eq!(next(), [report]);
    let before = std::fs::read(p.path().join(PDF)).unwrap();

    let template = "templates/annual_report.typ.j2";
    let good_template = p.read(template);
    p.write(template, &format!("{good_template}\n{{% if %}}\n"));
    assert_eq!(next(), [FAILED]);
    p.edit(MEETINGS, "attendance: 35", "attendance: 36");
    assert_eq!(next(), [FAILED], "built with the template as it was");
    p.write(
        template,
        &format!("{good_template}\n#text[テンプレート変更]\n"),
    );
    assert_eq!(next(), [report]);
    assert_current(&p, report);

    let original = p.read(MEETINGS);
    p.write(
        MEETINGS,
        &original.replacen("attendance: 36", "attendance: 三十", 1),
    );
    assert_eq!(next(), [FAILED]);
    p.write(template, &good_template);
    assert_eq!(next(), [FAILED]);
    p.edit(
        "content/niiza-chiiki-ikou/figures/nimo-houkatsu.svg",
        "</svg>",
        "<rect x=\"0\" y=\"0\" width=\"50\" height=\"50\"/></svg>",
    );
    assert_eq!(next(), [FAILED]);
    // Back exactly as it was before it broke: the template and the figure saved meanwhile
    // are in the report.
    p.write(MEETINGS, &original);
    assert_eq!(next(), [report]);
    assert_current(&p, report);
    assert!(std::fs::read(p.path().join(PDF)).unwrap() != before);
}

/// A project reached through another path than its canonical one (a symbolic link here; on
/// Windows every path, canonical ones starting with `\\?\`): the files a document was made
/// from are still recognised in the events.
#[cfg(unix)]
#[test]
fn a_project_reached_through_a_link_still_rebuilds_on_a_figure_save() {
    let p = TempProject::sample();
    let link_dir = tempfile::tempdir().unwrap();
    let link = link_dir.path().join("リンク");
    std::os::unix::fs::symlink(p.path(), &link).unwrap();
    let report = "niiza-chiiki-ikou/r6-hyoka";
    let rx = watch_rounds(&link, &[report], 3);
    let next = || next_round(&rx);
    assert_eq!(next(), [report]);
    p.edit(
        "content/niiza-chiiki-ikou/figures/nimo-houkatsu.svg",
        "</svg>",
        "<rect x=\"0\" y=\"0\" width=\"1\" height=\"1\"/></svg>",
    );
    assert_eq!(next(), [report]);
}

#[test]
fn a_typeset_report_names_the_first_page_the_save_changed() {
    let p = TempProject::sample();
    let report = "niiza-chiiki-ikou/r6-hyoka";
    let root = p.path().to_path_buf();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let only = [report.to_string()];
        shiryo::commands::watch::rounds(&root, &only, Some(4), Formats::PDF, |r| {
            if let Report::Typeset { changed_page, .. } = r {
                let _ = tx.send(changed_page);
            }
        })
        .unwrap();
    });
    let next = || rx.recv_timeout(Duration::from_secs(60)).unwrap();
    assert_eq!(next(), None, "the first build has nothing to compare with");
    // 表３ (next year's goals) is near the end of the report; it spans several pages, and a
    // goal on its last pages changes those, not the page where the table starts.
    let goals = "content/niiza-chiiki-ikou/2025/goals.yaml";
    let edits = [
        ("推進会議との連携", "推進会議とのれんけい"),
        (
            "target: 保健センターとの協働",
            "target: 保健センターとのきょうどう",
        ),
    ];
    let mut firsts = Vec::new();
    for (from, to) in edits {
        let before = common::page_texts(&typeset_now(&p, report));
        p.edit(goals, from, to);
        let changed = next().expect("a page changed");
        let after = common::page_texts(&typeset_now(&p, report));
        let first = before
            .iter()
            .zip(&after)
            .take_while(|(a, b)| a == b)
            .count()
            + 1;
        assert_eq!(changed, first, "{to}");
        firsts.push(first);
    }
    assert!(1 < firsts[0] && firsts[0] < firsts[1], "{firsts:?}");
}
