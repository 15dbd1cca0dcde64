//! The texts read from the project, remembered by path, and the place of each YAML value in
//! them: a problem found later names the line of the value it is about (`Problem::field`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use super::positions::Positions;

/// Remembers `text` as read at `path` (by `load::files::read_text`).
pub(crate) fn remember(path: &Path, text: &str) {
    if let Ok(mut read) = READ.lock() {
        // The same text read again (a watch reloads on every save) keeps its positions.
        if read.get(path).is_none_or(|r| *r.text != *text) {
            let remembered = Remembered {
                text: Arc::from(text),
                positions: OnceLock::new(),
            };
            read.insert(path.to_path_buf(), Arc::new(remembered));
        }
    }
}

/// A text [`read_text`] read, and the place of each YAML value in it (recorded the first
/// time a message asks, once per text).
struct Remembered {
    text: Arc<str>,
    positions: OnceLock<Positions>,
}

/// The texts [`read_text`] read last, by the path they were read at: line numbers in messages
/// come from what was read once, never from a second read of the disk (which could find
/// another file, or a pipe).
static READ: Mutex<BTreeMap<PathBuf, Arc<Remembered>>> = Mutex::new(BTreeMap::new());

fn remembered(path: &Path) -> Option<Arc<Remembered>> {
    READ.lock().ok()?.get(path).cloned()
}

/// The (line, column) of the YAML value at `field` (`meetings[3].materials[2]`) in the text
/// last read at `path`, or of the nearest value written that holds it (see
/// [`Positions::find`]).
pub(crate) fn position(path: &Path, field: &str) -> Option<(usize, usize)> {
    let read = remembered(path)?;
    read.positions
        .get_or_init(|| Positions::record(&read.text))
        .find(field)
}

/// The first file read under `dir` (through `load::files::read_text`) with a line containing `needle`,
/// and that line (1-based).
fn line_containing(dir: &Path, needle: &str) -> Option<(PathBuf, usize)> {
    if needle.is_empty() {
        return None;
    }
    let read = READ.lock().ok()?;
    read.iter()
        .filter(|(path, _)| path.starts_with(dir))
        .find_map(|(path, text)| {
            let i = text.text.lines().position(|l| l.contains(needle))?;
            Some((path.clone(), i + 1))
        })
}

/// `line_containing` for a text as laid out: it is found as printed, in full-width digits or
/// in ASCII digits (a document prints the council's digits, its YAML holds what staff typed).
pub(crate) fn line_written(dir: &Path, printed: &str) -> Option<(PathBuf, usize)> {
    use crate::text::japanese::{ascii_numbers, fullwidth};
    [
        printed.to_string(),
        fullwidth(printed),
        ascii_numbers(printed),
    ]
    .iter()
    .find_map(|n| line_containing(dir, n))
}
