//! What the command line prints: `say!` to standard output, `tell!` to standard error. Nothing
//! else prints, but clap's help and the fixed out-of-memory line of `shiryo::memory`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use shiryo::commands::console::{Console, Outcome, Stream};

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

/// The console of the command line: what a command says, printed as it says it.
pub fn console(root: &Path) -> Console {
    Console::new(
        root,
        Arc::new(|stream, line: &str| match stream {
            Stream::Out => say!("{line}"),
            Stream::Err => tell!("{line}"),
        }),
    )
}

/// The exit status of a command's outcome.
pub fn exit(outcome: Outcome) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => ExitCode::from(failure.code()),
    }
}

/// `shiryo new` on the terminal: questions asked when standard input is one (or `ask`).
pub fn new_council(root: &Path, given: shiryo::commands::new::Given, ask: bool) -> ExitCode {
    use std::io::IsTerminal;
    let stdin = std::io::stdin();
    let interactive = ask || stdin.is_terminal();
    let mut out = Visible(std::io::stdout());
    let mut err = Visible(std::io::stderr());
    let made = shiryo::commands::new::run(
        root,
        given,
        &mut stdin.lock(),
        &mut out,
        &mut err,
        interactive,
    );
    if made {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A console stream that shows hidden characters as marks (as everything shiryo prints).
struct Visible<W: Write>(W);

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        self.0
            .write_all(shiryo::text::visible::text(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}
