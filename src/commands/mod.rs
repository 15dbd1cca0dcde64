//! The commands of the command line, one module each: what each does and the words it reports.

pub mod build;
pub mod changes;
pub mod check;
pub mod console;
pub mod new;
pub mod next_year;
pub mod schema;
pub mod serve;
pub mod watch;
