//! Japanese text as shiryo prints it: numerals, dates and eras (`japanese`), where a line may
//! break (`breaks`), names of files and people (`names`), characters a reader cannot see
//! (`visible`). The bottom of the house: it uses nothing else of shiryo.

pub mod breaks;
pub mod dates;
pub mod japanese;
pub(crate) mod names;
pub mod visible;
