//! The parsed YAML of the last load, kept by file: `watch` and `serve` read the whole project
//! again on every save, and a file whose text is the same as last time is not parsed again.
//!
//! The key is the file's path and the type it was read as; a hit needs the very same text
//! (compared whole, not by a hash), so a cached value is always what parsing would give. A
//! load forgets the files it did not read, so the cache holds one copy of the content at most.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diag::Problem;

/// What parsing one text gave: the value, or the problem (its `file` still empty).
type Parsed<T> = Result<T, Problem>;

struct Entry {
    text: String,
    parsed: Box<dyn Any + Send>,
    /// The load that last used it.
    load: u64,
}

/// Parsed files, shared by the loads of one long-lived builder.
#[derive(Default)]
pub struct YamlCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<(PathBuf, TypeId), Entry>,
    load: u64,
}

impl YamlCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a load: what the previous load did not read is forgotten when this one ends.
    pub(crate) fn begin(&self) {
        self.lock().load += 1;
    }

    /// Ends a load: forgets the files it did not read (deleted, renamed, or read as
    /// something else).
    pub(crate) fn end(&self) {
        let mut inner = self.lock();
        let load = inner.load;
        inner.entries.retain(|_, e| e.load == load);
    }

    /// `parse(text)`, or what it gave last time for this file and this very text.
    pub(crate) fn parse<T: Clone + Send + 'static>(
        &self,
        path: &Path,
        text: &str,
        parse: impl FnOnce(&str) -> Parsed<T>,
    ) -> Parsed<T> {
        let key = (path.to_path_buf(), TypeId::of::<T>());
        {
            let mut inner = self.lock();
            let load = inner.load;
            if let Some(entry) = inner.entries.get_mut(&key)
                && entry.text == text
                && let Some(parsed) = entry.parsed.downcast_ref::<Parsed<T>>()
            {
                entry.load = load;
                return parsed.clone();
            }
        }
        let parsed = parse(text);
        let mut inner = self.lock();
        let load = inner.load;
        inner.entries.insert(
            key,
            Entry {
                text: text.to_string(),
                parsed: Box::new(parsed.clone()),
                load,
            },
        );
        parsed
    }

    /// How many files are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn the_same_text_is_parsed_once_and_a_changed_one_again() {
        let cache = YamlCache::default();
        let calls = Cell::new(0);
        let parse = |t: &str| {
            calls.set(calls.get() + 1);
            Ok::<usize, Problem>(t.len())
        };
        let path = Path::new("content/a/2024/goals.yaml");
        cache.begin();
        assert_eq!(cache.parse(path, "abc", parse).unwrap(), 3);
        assert_eq!(cache.parse(path, "abc", parse).unwrap(), 3);
        assert_eq!(calls.get(), 1);
        // One character changed: parsed again, never the old value.
        assert_eq!(cache.parse(path, "abcd", parse).unwrap(), 4);
        assert_eq!(calls.get(), 2);
        // The same text read as another type is another entry.
        let as_string = |t: &str| Ok::<String, Problem>(t.to_uppercase());
        assert_eq!(cache.parse(path, "abcd", as_string).unwrap(), "ABCD");
        cache.end();
        assert_eq!(cache.len(), 2);
        // A load that does not read the file any more forgets it.
        cache.begin();
        cache
            .parse(Path::new("content/a/2024/meetings.yaml"), "x", parse)
            .unwrap();
        cache.end();
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_problem_is_kept_as_it_was_found() {
        let cache = YamlCache::default();
        let broken =
            |_: &str| Err::<u8, Problem>(Problem::error("", "壊れています").at(Some(3), None));
        cache.begin();
        let path = Path::new("a.yaml");
        let first = cache.parse(path, "x: [", broken).unwrap_err();
        let again = cache.parse(path, "x: [", |_| Ok(1u8)).unwrap_err();
        assert_eq!(first, again);
    }
}
