//! shiryo: YAML under `content/` → minijinja templates → Typst → PDF, for the official documents
//! of Japanese municipal councils.
//!
//! The data flows one way: `project` reads the content (`model`), `validate` checks it, each
//! document type in `documents` says what it needs and derives what its template sees (from the
//! shared parts in `view`), `render` produces Typst markup (escaping every value), `typeset`
//! compiles it in our own `world` and exports the PDF, and `build` writes it to `output/`;
//! with `--html`, `html` renders the same view through `*.html.j2` into a web page beside it.
//! `watch` rebuilds on every save; `serve` runs that loop and serves what it builds locally.

pub mod achievement;
pub mod breaks;
pub mod build;
pub mod diag;
pub mod documents;
pub mod docx;
pub mod field_words;
pub mod files;
pub mod forms;
pub mod goal_changes;
pub mod html;
pub mod images;
pub mod japanese;
pub mod joint;
pub mod members;
pub mod memory;
pub mod model;
pub mod names;
pub mod narrow;
pub mod needs;
pub mod next_year;
pub mod output;
pub mod overflow;
pub mod phrases;
pub mod project;
pub mod reference;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod typeset;
pub mod validate;
pub mod view;
pub mod visible;
pub mod watch;
pub mod world;
pub mod yaml_cache;
pub mod yaml_flow;
pub mod yaml_messages;
pub mod yaml_parse;
pub mod yaml_positions;
pub mod yaml_scan;
