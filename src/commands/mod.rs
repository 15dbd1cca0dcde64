//! The commands of the command line, one module each: what each does and the words it reports.

pub mod build;
pub mod new;
pub mod next_year;
pub mod schema;
pub mod serve;
pub mod watch;
