//! `shiryo new <フォルダ名>`: a new council folder under `content/`, small and commented, that
//! `check` passes and `build` makes as drafts (案) with every place still to be written marked
//! ([`text::MARK`]).
//!
//! The answers come from options (scripts, tests) or, for those not given, from questions on
//! the console, one a line with its default in brackets (Enter takes it). Questions are read
//! from standard input line by line, nothing else: a Windows console in its usual mode works.
//! When standard input is not a terminal, every required answer must be an option.
//!
//! The files are written into a hidden folder beside the new one and renamed into place in
//! one step: the council is there whole, or not at all.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

mod answers;
mod ask;
mod text;

pub use answers::Documents;
pub use text::MARK;

use crate::diag::Problem;

/// The answers as given on the command line (any may be missing).
#[derive(Debug, Clone, Default)]
pub struct Given {
    pub folder: Option<String>,
    pub city: Option<String>,
    pub council: Option<String>,
    pub body: Option<String>,
    pub year: Option<String>,
    pub nimo: Option<String>,
    pub documents: Option<String>,
}

/// Everything a new council is made from.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    /// The folder under `content/`.
    pub folder: String,
    pub city: String,
    /// The council's formal name (〇〇市地域自立支援協議会).
    pub council: String,
    /// The body (部会), if the folder is one.
    pub body: Option<String>,
    /// The fiscal year of its first documents.
    pub year: i32,
    /// Whether it is a にも包括 協議の場 (only then do its documents say にも包括).
    pub nimo: bool,
    pub documents: Documents,
}

/// `shiryo new` with its console given: questions read from `input` and written to `out`
/// (when `interactive`), results to `out`, problems to `err`. Returns whether it made the
/// council.
pub fn run(
    root: &Path,
    given: Given,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
    interactive: bool,
) -> bool {
    // A folder that is no project is refused before anything is asked.
    if let Err(p) = crate::load::project::check_root(root) {
        let _ = writeln!(err, "{p}");
        let _ = writeln!(err, "協議会は作っていません。");
        return false;
    }
    let answers = match ask::answers(root, &given, input, out, interactive) {
        Ok(Some(a)) => a,
        Ok(None) => {
            let _ = writeln!(out, "作るのをやめました。ファイルは何も書いていません。");
            return false;
        }
        Err(message) => {
            let _ = writeln!(err, "エラー: {message}");
            let _ = writeln!(err, "協議会は作っていません。");
            return false;
        }
    };
    let files = text::files(&answers);
    if let Err(p) = write(root, &answers.folder, &files) {
        let _ = writeln!(err, "{}", p.relative_to(root));
        let _ = writeln!(
            err,
            "協議会は作っていません（途中まで書いたものは消しました）。"
        );
        return false;
    }
    report(&answers, &files, out);
    true
}

/// Why `name` cannot be a new council's folder under `root`'s `content/`, or its name as it
/// will be written (`content/` and a trailing `/` taken off).
pub fn folder(root: &Path, name: &str) -> Result<String, String> {
    let name = crate::commands::next_year::folder(name.trim_matches([' ', '\u{3000}']));
    if let Some(why) = crate::text::names::unsafe_name(name) {
        return Err(format!(
            "フォルダの名前「{name}」は使えません（{why}）。英数字と「-」だけの短い名前（例: minami-shuro）にしてください"
        ));
    }
    if crate::load::files::is_junk(name) {
        return Err(format!(
            "「{name}」のように「.」や「~$」で始まる名前、「~」「.bak」「.tmp」で終わる名前のフォルダは、shiryo が読みません。ほかの名前にしてください"
        ));
    }
    if name.eq_ignore_ascii_case("documents") {
        return Err("documents は資料を置くフォルダの名前のため、協議会のフォルダには使えません。ほかの名前にしてください".into());
    }
    let content = root.join("content");
    if std::fs::symlink_metadata(content.join(name)).is_ok() {
        return Err(format!(
            "content/{name} はもうあります。今ある協議会は変えません。ほかの名前にしてください"
        ));
    }
    let key = crate::text::names::windows_key(name);
    let taken = std::fs::read_dir(&content)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|other| crate::text::names::windows_key(other) == key);
    if let Some(other) = taken {
        return Err(format!(
            "content/{other} と、大文字と小文字（か文字の書き表し方）だけが違う名前です。Windows では同じフォルダになるため、ほかの名前にしてください"
        ));
    }
    Ok(name.to_string())
}

/// Writes every file of the council into a hidden folder under `content/`, then renames it to
/// `content/<folder>`: the council appears whole or not at all, and nothing is written
/// through a link.
fn write(root: &Path, folder: &str, files: &[text::File]) -> Result<(), Problem> {
    let content = root.join("content");
    let target = content.join(folder);
    let failed = |what: &Path, e: std::io::Error| {
        Problem::error(
            what,
            format!(
                "協議会のフォルダを作れません（{}）。",
                crate::diag::io_ja(&e)
            ),
        )
        .hint("content フォルダに書き込めるか（読み取り専用や、ほかのアプリで開いていないか）確かめてください。")
    };
    let staging = tempfile::Builder::new()
        .prefix(".shiryo-new-")
        .tempdir_in(&content)
        .map_err(|e| failed(&content, e))?;
    let paths: Vec<PathBuf> = files.iter().map(|f| staging.path().join(&f.path)).collect();
    let all: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(files)
        .map(|(p, f)| (p.as_path(), f.text.as_bytes()))
        .collect();
    crate::output::write_in_project(root, &all)?;
    // Made by someone else meanwhile: theirs is kept.
    if std::fs::symlink_metadata(&target).is_ok() {
        return Err(Problem::error(
            &target,
            "このフォルダは、作っている間にほかで作られました。今あるフォルダは変えません。",
        ));
    }
    std::fs::rename(staging.path(), &target).map_err(|e| failed(&target, e))?;
    let _ = staging.keep();
    Ok(())
}

/// What was written, and what to write next, in which file.
fn report(a: &Answers, files: &[text::File], out: &mut dyn Write) {
    let dir = format!("content/{}", a.folder);
    for f in files {
        let _ = writeln!(out, "作成: {dir}/{}（{}）", f.path, f.holds);
    }
    let name = format!("{}{}", a.council, a.body.as_deref().unwrap_or_default());
    let _ = writeln!(
        out,
        "\n「{name}」の協議会のフォルダ {dir} を作りました（{}、作る資料: {}）。",
        answers::year_shown(a.year),
        a.documents.shown()
    );
    let _ = writeln!(
        out,
        "\nこれから書くこと（ファイルをメモ帳などで開き、{MARK}と書いた所を書き直します）:"
    );
    for (i, (file, what)) in to_do(a, files).iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {dir}/{file}: {what}",
            crate::text::japanese::fullwidth(&(i + 1).to_string())
        );
    }
    let _ = writeln!(
        out,
        "\n書いたら shiryo check で確かめ、shiryo build --html で案の PDF と Web ページを作ります（output/{}/ にできます）。\n資料ができあがったら、documents の各ファイルの status: draft の行を消して確定します。\n書き方の手引き: docs/new-council-ja.md",
        a.folder
    );
}

/// What each written file still needs, in the order to write them.
fn to_do(a: &Answers, files: &[text::File]) -> Vec<(String, String)> {
    // 令和７年度, from the year folder a file is in (`2025/goals.yaml`).
    let year = |path: &str| {
        let fy = path.split('/').next().and_then(|y| y.parse().ok());
        crate::diag::fy_name(fy.unwrap_or(a.year))
    };
    let d = a.documents;
    let component = if a.nimo {
        "構成要素"
    } else {
        "重点項目"
    };
    files
        .iter()
        .filter_map(|f| {
            let path = f.path.as_str();
            let what = if path == "council.yaml" {
                "協議会の名前、部会の名前、評価の言葉、役職を確かめます".to_string()
            } else if path.ends_with("members.yaml") {
                format!(
                    "{}の委員の所属・氏名・役職（人数に合わせて増やします）",
                    year(path)
                )
            } else if path.ends_with("meetings.yaml") && path.starts_with(&a.year.to_string()) {
                let mut parts = vec!["第１回の日付・時刻・場所・出席者数"];
                if d.report {
                    parts.push("活動内容・成果と課題");
                }
                if d.minutes || d.agenda || d.packet {
                    parts.push("事務局・議題・会議結果・資料");
                }
                parts.join("、")
            } else if path.ends_with("meetings.yaml") {
                format!(
                    "{}の会議の予定（決まっていない日付と場所は「未定」と印刷されます）",
                    year(path)
                )
            } else if path.ends_with("goals.yaml") {
                format!("{}の{component}・課題・活動目標・目標値", year(path))
            } else if path.ends_with("evaluation.yaml") {
                "年度の終わりに、目標ごとの評価（いまは仮に「一部達成」）".into()
            } else if path.ends_with("-hyoka.yaml") {
                "作成者の氏名と、各章の初めの文".into()
            } else if path.ends_with("-meibo.yaml") {
                "委員名簿の題名と日付を確かめます".into()
            } else {
                return None;
            };
            Some((path.to_string(), what))
        })
        .collect()
}

#[cfg(test)]
mod tests;
