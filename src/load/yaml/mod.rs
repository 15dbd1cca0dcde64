//! YAML read in two passes: `scan` walks the events within limits (depth, size, aliases,
//! duplicate keys), then `parse` builds the values through serde; `flow` and `cache` serve both.

pub(crate) mod cache;
pub(crate) mod flow;
pub mod parse;
pub(crate) mod scan;
