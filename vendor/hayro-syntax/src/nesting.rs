//! shiryo patch (see PATCHED.md): a bound on how deeply arrays and dictionaries may nest.
//!
//! Arrays and dictionaries are skipped and read recursively; without a bound, a small file
//! whose objects nest thousands deep overflows the stack and aborts the whole process
//! (upstream issue LaurenzV/hayro#1347). Every recursive descent passes through
//! `Array::skip` or `Dict::skip`, which hold a [`Level`] while they run: deeper than
//! [`MAX_NESTING`], the object fails to parse like any other malformed object. The page tree
//! (`page::resolve_pages`) and object streams found inside object streams (`XRef::get_with`)
//! recurse too: they take a level each, and the page tree has a budget of nodes.

/// How deeply arrays and dictionaries may nest (real PDFs nest a handful of levels); page
/// trees and object streams held in object streams are bounded by the same count.
pub(crate) const MAX_NESTING: u32 = 256;

/// How many nodes of a page tree are visited (pages and their parents; a cycle in `/Kids`
/// visits nodes again and again).
pub(crate) const MAX_PAGE_TREE_NODES: usize = 100_000;

#[cfg(feature = "std")]
std::thread_local! {
    static DEPTH: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

/// One level of nesting, held while an array or dictionary is parsed.
pub(crate) struct Level(());

impl Level {
    /// Enters one more level, or none when that would be deeper than [`MAX_NESTING`].
    #[cfg(feature = "std")]
    pub(crate) fn enter() -> Option<Self> {
        DEPTH.with(|depth| {
            let n = depth.get();
            if n >= MAX_NESTING {
                return None;
            }
            depth.set(n + 1);
            Some(Level(()))
        })
    }

    /// Without `std` there is no thread-local state: unbounded, as upstream.
    #[cfg(not(feature = "std"))]
    pub(crate) fn enter() -> Option<Self> {
        Some(Level(()))
    }
}

#[cfg(feature = "std")]
impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

#[cfg(test)]
mod tests {
    use crate::object::{Array, Dict, FromBytes};

    #[test]
    fn deep_nesting_fails_to_parse_instead_of_overflowing() {
        for depth in [10usize, 255, 300, 100_000] {
            let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let dicts = format!("{}{}", "<</A ".repeat(depth), ">>".repeat(depth));
            let ok = depth <= super::MAX_NESTING as usize;
            assert_eq!(Array::from_bytes(arrays.as_bytes()).is_some(), ok, "{depth}");
            assert_eq!(Dict::from_bytes(dicts.as_bytes()).is_some(), ok, "{depth}");
        }
        // The level is given back: a shallow object parses after a refused deep one.
        assert!(Array::from_bytes(b"[[1]]").is_some());
    }
}
