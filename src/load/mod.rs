//! Stage 1, load: reads a project's folders and YAML files, within limits, into the model
//! (`project`), remembering where each value was written so that a problem can name its line.

pub(crate) mod files;
pub mod images;
pub(crate) mod joint;
pub mod project;
pub mod yaml;
