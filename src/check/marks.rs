//! The 【記入】 marks `shiryo new` leaves: a draft prints them where they stand (that is what
//! they are for), a final document must not. A final document whose files still hold one is an
//! error at the mark's line; drafts and documents that do not read the file are left alone.

/// What stands in every place still to be written. It is printed as it is (a draft shows
/// exactly what is missing, and where), and staff search the files for it.
pub const MARK: &str = "【記入】";

use std::path::{Path, PathBuf};

use crate::diag::{Problem, Problems};
use crate::model::Document;
use crate::model::council::{CouncilData, DocumentFile, Project};

/// Every mark left in the files a final document prints.
pub(crate) fn check(project: &Project, out: &mut Problems) {
    for c in &project.councils {
        for d in &c.documents {
            if draft(&d.document) {
                continue;
            }
            for file in reads(c, d) {
                let Some((_, text)) = project.texts.iter().find(|(p, _)| *p == file) else {
                    continue;
                };
                for (line, column) in marks(text) {
                    out.push(
                        Problem::error(
                            &file,
                            format!(
                                "{MARK}の所がまだ書き直されていません（確定した資料 {} に、そのまま印刷されます）。",
                                d.name
                            ),
                        )
                        .at(Some(line), Some(column))
                        .hint(format!(
                            "{MARK}の所を書き直してください。資料がまだ案なら、{} に status: draft と書きます。",
                            shown(&d.path, &c.dir)
                        )),
                    );
                }
            }
        }
    }
}

fn draft(d: &Document) -> bool {
    match d {
        Document::AnnualReport(r) => r.status.is_draft(),
        Document::Minutes(m) | Document::Agenda(m) => m.status.is_draft(),
        Document::Packet(p) => p.status.is_draft(),
        Document::MemberList(l) => l.status.is_draft(),
    }
}

/// `documents/r7-hyoka.yaml`: a document's file as staff find it in their council's folder.
fn shown(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The files whose values `d` prints: its own, council.yaml, and its years' files.
fn reads(c: &CouncilData, d: &DocumentFile) -> Vec<PathBuf> {
    let years: Vec<(i32, &[&str])> = match &d.document {
        Document::AnnualReport(r) => vec![
            (r.year, &["goals", "evaluation", "meetings", "members"]),
            (r.year + 1, &["goals", "meetings", "members"]),
        ],
        Document::Minutes(m) => vec![(m.year, &["meetings", "members"])],
        Document::Agenda(m) => vec![(m.year, &["meetings"])],
        Document::Packet(p) => vec![(p.year, &["meetings"])],
        Document::MemberList(l) => vec![(l.year, &["members"])],
    };
    let mut files = vec![d.path.clone(), c.dir.join("council.yaml")];
    for (fy, keys) in years {
        let Some(year) = c.years.get(&fy) else {
            continue;
        };
        files.extend(keys.iter().filter_map(|k| year.files.get(k).cloned()));
    }
    files
}

/// The line and column (from 1, in characters) of every mark in `text` outside a comment.
fn marks(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        for (at, _) in line.match_indices(MARK) {
            // A mark in a comment after a value (`key: value  # 【記入】…`) is a note.
            if line[..at].contains(" #") {
                break;
            }
            found.push((i + 1, line[..at].chars().count() + 1));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_found_outside_comments() {
        let text = "# 【記入】を探します\nname: 【記入】氏名\n  - bullet: 【記入】要点 【記入】\nvenue: 会場  # 【記入】\n";
        assert_eq!(marks(text), vec![(2, 7), (3, 13), (3, 20)]);
    }
}
