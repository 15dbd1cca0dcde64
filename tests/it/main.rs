//! The integration tests: one binary (`cargo test --test it`), one module per subject. Each
//! drives shiryo as staff do (the program, or the library on a copy of the samples) and checks
//! real output: the PDF's text, the page's structure, the Word file's XML, the messages.

mod common;

mod activity_report;
mod architecture;
mod broken;
mod changes;
mod cli;
mod cycle;
mod docx;
mod escape_property;
mod hostile;
mod html;
mod meetings;
mod members;
mod mutants;
mod report;
mod series;
mod serve;
mod style;
mod templates;
mod typesetting;
mod watch;
