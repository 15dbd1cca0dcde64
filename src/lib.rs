//! shiryo: YAML under `content/` → minijinja templates → Typst → PDF, for the official documents
//! of Japanese municipal councils.
//!
//! The data flows one way: `project` reads the content (`model`), `validate` checks it, each
//! document type in `documents` says what it needs and derives what its template sees (from the
//! shared parts in `view`), `render` produces Typst markup (escaping every value), `typeset`
//! compiles it in our own `world` and exports the PDF, and `build` writes it to `output/`;
//! with `--html`, `html` renders the same view through `*.html.j2` into a web page beside it.
//! `watch` rebuilds on every save; `serve` runs that loop and serves what it builds locally.

#![warn(unreachable_pub)]

pub mod check;
pub mod commands;
pub mod diag;
pub(crate) mod limits;
pub mod load;
pub mod memory;
pub mod model;
pub mod output;
pub(crate) mod render;
pub mod text;
pub mod typeset;
pub(crate) mod view;
