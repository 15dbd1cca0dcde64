//! The sizes shiryo reads at most, in one place: a hostile or mistaken file is refused before
//! it is read, with a message that says the limit.

/// Content YAML and templates larger than this are refused before they are read.
pub(crate) const MAX_TEXT_BYTES: u64 = 2 * 1024 * 1024;

/// YAML nested deeper than this is refused (the content model nests about eight levels).
pub(crate) const MAX_YAML_DEPTH: usize = 32;
/// Figures, attached PDFs and fonts larger than this are refused before they are read.
pub(crate) const MAX_BINARY_BYTES: u64 = 64 * 1024 * 1024;

/// How many folders deep under `content/` a council's folder may be (`content/市/福祉/部会`
/// is 3): what `output/` and the council's own templates are looked for under.
pub const MAX_COUNCIL_DEPTH: usize = 6;
