//! YAML read in two passes: `scan` walks the events within limits (depth, size, aliases,
//! duplicate keys), then `parse` builds the values through serde; `flow` and `cache` serve both.

pub mod cache;
pub mod flow;
pub mod parse;
pub mod scan;
