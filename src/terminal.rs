//! What the command line prints: `say!` to standard output, `tell!` to standard error. Nothing
//! else prints, but clap's help and the fixed out-of-memory line of `shiryo::memory`.

/// Prints a line to standard output. Everything shiryo prints passes through `say!` or
/// `tell!`: a control character taken from the content or the command line (a terminal escape
/// in a goal's text, in a value an error message quotes) is shown as a mark such as `<ESC>`,
/// never sent to the terminal (`shiryo::text::visible`).
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", shiryo::text::visible::text(&format!($($arg)*)))
    };
}

/// Prints a line to standard error, as `say!` does.
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", shiryo::text::visible::text(&format!($($arg)*)))
    };
}
