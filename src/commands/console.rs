//! What a command says. Commands write lines for standard output and standard error here;
//! problems are made relative to the project and worded once, here. The command line prints
//! the lines (`say!`/`tell!` in the binary); the library itself never prints.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::Problems;

/// Problems printed in full, at most, before 「…ほか N 件」: a later error is often a
/// consequence of an earlier one.
pub const SHOWN: usize = 30;

/// Which of the two streams a line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// What the command made, and what to do next.
    Out,
    /// Problems, and why nothing was written.
    Err,
}

/// How a command ended when it did not do what it was asked: the process's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The content, a file or the machine stood in the way (status 1).
    Failed,
    /// The command line itself was wrong (status 2).
    Usage,
}

impl Failure {
    pub fn code(self) -> u8 {
        match self {
            Failure::Failed => 1,
            Failure::Usage => 2,
        }
    }
}

/// What every command returns: done, or how it failed (its lines already said why).
pub type Outcome = Result<(), Failure>;

/// What prints a line: the terminal for the command line.
pub type Printer = Arc<dyn Fn(Stream, &str) + Send + Sync>;

/// Where a command's lines go, and the project they are about.
#[derive(Clone)]
pub struct Console {
    root: PathBuf,
    /// The root as an absolute path: problems found through the typst world name files so.
    absolute: PathBuf,
    print: Printer,
}

impl Console {
    pub fn new(root: &Path, print: Printer) -> Console {
        let absolute = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        Console {
            root: root.to_path_buf(),
            absolute,
            print,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn say(&self, line: impl AsRef<str>) {
        (self.print)(Stream::Out, line.as_ref());
    }

    pub fn tell(&self, line: impl AsRef<str>) {
        (self.print)(Stream::Err, line.as_ref());
    }

    /// Prints problems, the first [`SHOWN`] in full, each file named from the project root.
    pub fn report(&self, problems: &Problems) {
        self.report_up_to(problems, SHOWN);
    }

    pub fn report_up_to(&self, problems: &Problems, shown: usize) {
        for p in problems.0.iter().take(shown) {
            let p = p
                .clone()
                .relative_to(&self.absolute)
                .relative_to(&self.root);
            self.tell(p.to_string());
        }
        if let Some(line) = more(problems, shown) {
            self.tell(line);
        }
    }

    /// Problems that stopped a command before it wrote anything to `output/`.
    pub fn fail(&self, problems: &Problems) -> Failure {
        self.report(problems);
        self.tell(format!(
            "エラーが {} 件あります。output/ の PDF は変更していません。",
            problems.errors().max(1)
        ));
        self.note_interrupted();
        Failure::Failed
    }

    /// Problems that stopped a command that writes content files before it wrote any.
    pub fn fail_unchanged(&self, problems: &Problems) -> Failure {
        self.report(problems);
        self.tell("ファイルは何も書いていません。");
        Failure::Failed
    }

    /// Says so when `output/` still holds a build stopped midway (some PDFs new, some old): a
    /// command that did not write leaves it as it found it.
    pub fn note_interrupted(&self) {
        if crate::output::interrupted(&self.root.join(crate::output::OUTPUT_DIR)) {
            self.tell(
                "ただし output/ には途中で止まった前回の作成が残っていて、一部の PDF だけが新しくなっています。次に作成できたときに、そろった状態に戻します。",
            );
        }
    }

    /// A path under the project as staff find it from its folder.
    pub fn shown(&self, path: &Path) -> String {
        let path = (path.strip_prefix(&self.absolute))
            .or_else(|_| path.strip_prefix(&self.root))
            .unwrap_or(path);
        path.display().to_string()
    }
}

/// The line after the first `shown` problems, when there are more (the console and serve's
/// pages alike).
pub(crate) fn more(problems: &Problems, shown: usize) -> Option<String> {
    let rest = problems.0.len().checked_sub(shown).filter(|&n| n > 0)?;
    Some(format!(
        "…ほか {rest} 件（後の誤りは前の誤りから続いていることが多いので、最初のものから直してください）"
    ))
}

/// A file's size as a file manager shows it: 「1.2 MB」, 「35 KB」.
pub fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
