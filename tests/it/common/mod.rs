//! Helpers shared by the integration tests: temporary projects and the laid-out text.

pub mod built;
pub mod docx;
pub mod dom;
pub mod pdf;

use std::path::{Path, PathBuf};

use shiryo::commands::build::{Builder, Typeset};
use shiryo::typeset::text_lines;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A throw-away project: the repository's templates and fonts, and content of the test's own.
pub struct TempProject {
    pub dir: tempfile::TempDir,
}

impl TempProject {
    /// Templates and fonts only.
    pub fn empty() -> TempProject {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("templates"), &dir.path().join("templates"));
        copy_dir(&repo().join("fonts"), &dir.path().join("fonts"));
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        TempProject { dir }
    }

    /// The repository's sample content too.
    pub fn sample() -> TempProject {
        let p = TempProject::empty();
        copy_dir(&repo().join("content"), &p.path().join("content"));
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap()
    }

    /// Replaces `from` by `to` in a content file (exactly once).
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert_eq!(text.matches(from).count(), 1, "{from:?} in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Runs the real command line in this project.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
            .args(args)
            .arg("--root")
            .arg(self.path())
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// A web page without the marks of its phrases (`<wbr>`, `<span class="ph">…</span>`, units
/// `<span class="un">…</span>`): its
/// text and tags as written.
pub fn unphrased(html: &str) -> String {
    let html = html.replace("<wbr>", "");
    let mut out = String::with_capacity(html.len());
    // Whether each open <span> is a phrase's.
    let mut open: Vec<bool> = Vec::new();
    let mut rest = html.as_str();
    while let Some(at) = rest
        .find("<span")
        .into_iter()
        .chain(rest.find("</span>"))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(r) = rest.strip_prefix("</span>") {
            if open.pop() != Some(true) {
                out.push_str("</span>");
            }
            rest = r;
        } else if let Some(r) = (rest.strip_prefix("<span class=\"ph\">"))
            .or_else(|| rest.strip_prefix("<span class=\"un\">"))
        {
            open.push(true);
            rest = r;
        } else {
            open.push(false);
            out.push_str("<span");
            rest = &rest[5..];
        }
    }
    out.push_str(rest);
    out
}

/// Copies the folder `from` to `to`, with everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Typesets every document of the project at `root`, panicking with the problems on failure.
pub fn typeset_all(root: &Path) -> Vec<Typeset> {
    let mut builder = Builder::new(root).unwrap_or_else(|p| panic!("{p}"));
    let (project, _) = builder.load().unwrap_or_else(|p| panic!("{p}"));
    project
        .documents()
        .map(|(c, d)| builder.typeset(c, d).unwrap_or_else(|p| panic!("{p}")))
        .collect()
}

/// The laid-out text, one visual line per line.
pub fn text(t: &Typeset) -> String {
    text_lines(&t.document)
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The laid-out lines of each page, top to bottom (page 1 first).
pub fn page_texts(t: &Typeset) -> Vec<Vec<String>> {
    let mut pages: Vec<Vec<String>> = vec![Vec::new(); t.document.pages().len()];
    for l in text_lines(&t.document) {
        pages[l.page - 1].push(l.text);
    }
    pages
}

/// The body text (page headers and footers left out) in reading (frame) order, runs joined
/// as they are: a paragraph wrapped over several lines, even inside a table cell, reads as it
/// was written, and a stray space shows.
pub fn flow(t: &Typeset) -> String {
    let body = |r: &&shiryo::typeset::TextRun| r.y > 72.0 && r.y < 778.0;
    shiryo::typeset::text_runs(&t.document)
        .iter()
        .filter(body)
        .map(|r| r.text.as_str())
        .collect()
}

/// `flow` with all whitespace removed.
pub fn squashed(t: &Typeset) -> String {
    flow(t).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A small council: one component, `goals` goals, one meeting, one annual report.
/// `activity` and `outcome` are what the meeting says.
pub fn small_council(p: &TempProject, goals: usize, activity: &str, outcome: &str) {
    let c = "content/test";
    p.write(
        &format!("{c}/council.yaml"),
        "name: テスト市協議会\nbody: テスト部会\nmeeting_label: 部会\nevaluation_words: [達成, 未達成]\nroles: [部会長]\n",
    );
    let goal_yaml = |year: &str| {
        let mut s = String::from(
            "components:\n  - number: 1\n    name: 協議の場の設置\n    issues:\n      - issue: 課題の文章です。\n        goals:\n",
        );
        for i in 1..=goals {
            s.push_str(&format!(
                "          - number: 1-{i}\n            activity: {year}の第{i}目標の文章です。\n            target: 目標値{i}を年１回以上実施\n"
            ));
        }
        s
    };
    p.write(&format!("{c}/2024/goals.yaml"), &goal_yaml("令和６年度"));
    p.write(&format!("{c}/2025/goals.yaml"), &goal_yaml("令和７年度"));
    let mut eval = String::from("results:\n");
    for i in 1..=goals {
        eval.push_str(&format!("  1-{i}: 達成\n"));
    }
    p.write(&format!("{c}/2024/evaluation.yaml"), &eval);
    let meeting = serde_yaml::to_string(&serde_json::json!({
        "meetings": [{
            "number": 1, "date": "2024-05-10", "start": "14:00", "end": "16:00",
            "venue": "会議室", "attendance": 10, "activity": activity, "outcomes": [outcome],
        }]
    }))
    .unwrap();
    p.write(&format!("{c}/2024/meetings.yaml"), &meeting);
    p.write(
        &format!("{c}/2025/meetings.yaml"),
        "meetings:\n  - number: 1\n",
    );
    for year in ["2024", "2025"] {
        p.write(
            &format!("{c}/{year}/members.yaml"),
            "members:\n  - organization: テスト事業所\n    name: 山田 太郎\n    role: 部会長\n",
        );
    }
    p.write(
        &format!("{c}/documents/report.yaml"),
        "type: annual_report\ndate: 2025-03-25\nyear: 2024\nauthor: {title: テスト部会長, name: 山田 太郎}\nintroduction: [はじめの文章です。]\n",
    );
}

/// Every file under `dir`, with its bytes, in order: to show that nothing changed.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
