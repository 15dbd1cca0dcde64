//! The journal of a commit: which files a build is replacing, written (and flushed) before the
//! first file is replaced, marked complete once every file is in place, removed when the
//! backups are gone. A build killed at any point leaves `output/` recoverable to one whole
//! state: the journal not complete, the old files come back from their backups; complete, the
//! new files stay and the backups go.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{BACKUP_PREFIX, TEMP_PREFIX, TEMP_SUFFIX};

/// The journal file, in `output/`.
pub(crate) const JOURNAL_FILE: &str = ".shiryo-journal";

/// One file being replaced: paths relative to `output/`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub target: String,
    pub temp: String,
    /// The copy (or hard link) of the old file; none when the target is new.
    pub backup: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Journal {
    pub entries: Vec<Entry>,
    /// Every file is in place.
    pub complete: bool,
}

impl Journal {
    /// Writes the journal into `output` in one step (a temporary file renamed over it), on
    /// disk before this returns.
    pub(crate) fn write(&self, output: &Path) -> std::io::Result<()> {
        let text = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(output)?;
        tmp.write_all(&text)?;
        tmp.as_file().sync_all()?;
        tmp.persist(output.join(JOURNAL_FILE))
            .map_err(|e| e.error)?;
        Ok(())
    }

    fn read(output: &Path) -> Option<Journal> {
        let bytes = std::fs::read(output.join(JOURNAL_FILE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// Whether a build was stopped midway through replacing files: `output/` then holds some new
/// files and some old ones until the next build that writes puts it right.
pub fn interrupted(output: &Path) -> bool {
    output.join(JOURNAL_FILE).exists() && Journal::read(output).is_none_or(|j| !j.complete)
}

/// What `recover` did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Recovered {
    /// Old files put back over the new ones of a build stopped midway.
    pub rolled_back: usize,
    /// Leftovers (temporary files, backups) removed.
    pub cleared: usize,
}

/// Puts `output` right after a build that was killed (call with the lock held: every
/// temporary file and backup is then a dead build's). A journal not marked complete is rolled
/// back (old files renamed over the new); a complete one is finished (backups removed).
/// Temporary files are removed; a backup no journal names goes back only where its file is
/// missing.
pub(crate) fn recover(output: &Path) -> Recovered {
    let mut done = Recovered::default();
    let journal_path = output.join(JOURNAL_FILE);
    if journal_path.exists() {
        // An unreadable journal is one cut short while being written: nothing was replaced
        // yet (the journal is written before the first rename), so the leftovers just go.
        if let Some(journal) = Journal::read(output) {
            for e in &journal.entries {
                let target = output.join(&e.target);
                let temp = output.join(&e.temp);
                match &e.backup {
                    Some(b) if !journal.complete => {
                        let backup = output.join(b);
                        if backup.exists() && std::fs::rename(&backup, &target).is_ok() {
                            done.rolled_back += 1;
                        }
                    }
                    // A new file that was renamed into place (its temporary file is gone).
                    None if !journal.complete && !temp.exists() => {
                        let removed = std::fs::remove_file(&target).is_ok();
                        done.rolled_back += usize::from(removed);
                    }
                    Some(b) => {
                        let removed = std::fs::remove_file(output.join(b)).is_ok();
                        done.cleared += usize::from(removed);
                    }
                    None => {}
                }
                if std::fs::remove_file(&temp).is_ok() {
                    done.cleared += 1;
                }
            }
        }
        let _ = std::fs::remove_file(&journal_path);
    }
    done.cleared += sweep(output);
    done
}

/// Removes temporary files under `output`; a backup goes back only where its file is missing
/// (a build of an older shiryo, without a journal, set it aside), otherwise it is removed.
fn sweep(output: &Path) -> usize {
    let mut cleared = 0;
    let entries = walkdir::WalkDir::new(output)
        // A council's files sit one below its folder.
        .max_depth(crate::limits::MAX_COUNCIL_DEPTH + 2)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file());
    for entry in entries {
        let name = entry.file_name().to_string_lossy();
        let path = entry.path();
        if let Some(original) = name.strip_prefix(BACKUP_PREFIX) {
            let original: PathBuf = path.with_file_name(original);
            let put = if original.exists() {
                std::fs::remove_file(path)
            } else {
                std::fs::rename(path, &original)
            };
            cleared += usize::from(put.is_ok());
        } else if name.starts_with(TEMP_PREFIX)
            && name.ends_with(TEMP_SUFFIX)
            && std::fs::remove_file(path).is_ok()
        {
            cleared += 1;
        }
    }
    cleared
}
