//! Problems found in the content, reported to staff in Japanese with file, line and field.

pub(crate) mod field_words;
pub(crate) mod places;
pub(crate) mod positions;
pub(crate) mod yaml_words;

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem: where it is, what is wrong, what to do.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    pub severity: Severity,
    /// The file, relative to the project root where possible.
    pub file: PathBuf,
    /// 1-based line and column, where known.
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// The field path, e.g. `meetings[2].date` (indices from 0); shown to staff in words
    /// counted from 1 (`field_words::place`).
    pub field: Option<String>,
    /// What is wrong (Japanese).
    pub message: String,
    /// What to do about it (Japanese).
    pub hint: Option<String>,
}

impl Problem {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, message)
        }
    }

    /// Something not written yet: a warning on a draft (案), an error on a final document.
    pub fn unfilled(draft: bool, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        if draft {
            Problem::warning(file, message)
        } else {
            Problem::error(file, message)
        }
    }

    pub fn at(mut self, line: Option<usize>, column: Option<usize>) -> Self {
        let small = |n: Option<usize>| n.and_then(|n| u32::try_from(n).ok());
        self.line = small(line);
        self.column = small(column);
        self
    }

    /// Names the value the problem is about by its field path (`meetings[3].date`, indices
    /// from 0). A problem not yet at a line is placed at that value in its file, as the YAML
    /// scanner saw it (see [`Problem::at_value`]).
    pub fn field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        self = self.at_value(&field);
        self.field = (!field.is_empty() && field != ".").then_some(field);
        self
    }

    /// Places a problem not yet at a line at the value `path` names in its file
    /// (`components[0].issues[1].goals[2]`), or at the nearest value written that holds it,
    /// without naming the path in the message. The file is the YAML text read when the
    /// content was loaded (`files::read_text`); a file not read so leaves the problem as is.
    pub fn at_value(self, path: &str) -> Self {
        if self.line.is_some() || path.is_empty() {
            return self;
        }
        match places::position(&self.file, path) {
            Some((line, column)) => self.at(Some(line), Some(column)),
            None => self,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Shows the file relative to `root` when it lies inside it.
    pub fn relative_to(mut self, root: &Path) -> Self {
        // The root itself stays as given (an empty path would name nothing).
        if let Ok(rel) = self.file.strip_prefix(root)
            && !rel.as_os_str().is_empty()
        {
            self.file = rel.to_path_buf();
        }
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
        };
        let file = self.file.display().to_string();
        write!(f, "{label}: {}", crate::text::visible::line(&file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        // The value's place in words staff count by (「２番目の会議の date」), not the path.
        if let Some(place) = self
            .field
            .as_deref()
            .and_then(crate::diag::field_words::place)
        {
            write!(f, "（{}）", crate::text::visible::line(&place))?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  → {hint}")?;
        }
        Ok(())
    }
}

/// A list of problems, in the order found.
///
/// The very same problem met twice is said once (one file can be met by two walks of the
/// project: a link that loops is found by each; two documents share a template): lists are
/// rid of repeats where they are merged ([`Problems::extend`]) and where a walk that may meet
/// a problem twice ends ([`Problems::dedup`]), in time linear in the list. (Looking for each
/// new problem among those listed made content with 30,000 problems take minutes.)
#[derive(Debug, Clone, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Adds `p` at the end (repeats are dropped by [`Problems::dedup`]).
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    /// Adds `other`'s problems, except those listed already.
    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
        self.dedup();
    }

    /// Keeps the first of each problem listed more than once, in order.
    pub fn dedup(&mut self) {
        let mut seen = std::collections::HashSet::with_capacity(self.0.len());
        let keep: Vec<bool> = self.0.iter().map(|p| seen.insert(p)).collect();
        let mut keep = keep.into_iter();
        self.0.retain(|_| keep.next().unwrap_or(true));
    }

    pub fn errors(&self) -> usize {
        self.0
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// 「令和６年度」, or 「2024年度」 for a year outside the eras.
pub fn fy_name(fy: i32) -> String {
    crate::text::dates::fiscal_year(fy).unwrap_or_else(|_| format!("{fy}年度"))
}

/// An I/O error in words staff understand.
pub fn io_ja(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "見つかりません".into(),
        PermissionDenied => "権限がありません".into(),
        AlreadyExists => "すでにあります".into(),
        StorageFull => "ディスクの空きがありません".into(),
        ReadOnlyFilesystem => "書き込めない場所です".into(),
        NotADirectory => "フォルダではありません".into(),
        IsADirectory => "フォルダです".into(),
        InvalidFilename => "名前が長すぎるか、名前に使えない文字があります".into(),
        DirectoryNotEmpty => "フォルダが空ではありません".into(),
        FileTooLarge => "ファイルが大きすぎます".into(),
        ResourceBusy => "ほかのアプリが使っています".into(),
        TimedOut => "時間切れになりました".into(),
        InvalidData | UnexpectedEof => "中身が壊れています".into(),
        _ => match e.raw_os_error() {
            // ELOOP (Linux 40, macOS 62); ERROR_CANT_RESOLVE_FILENAME on Windows.
            #[cfg(unix)]
            Some(code) if code == libc::ELOOP => {
                "リンク（ショートカット）がくり返し自分を指しています".into()
            }
            #[cfg(unix)]
            Some(code) if code == libc::ENAMETOOLONG => {
                "名前が長すぎるか、名前に使えない文字があります".into()
            }
            #[cfg(windows)]
            Some(1921) => "リンク（ショートカット）がくり返し自分を指しています".into(),
            Some(code) => format!("OS のエラー {code}"),
            None => "原因の分からない読み書きの失敗".into(),
        },
    }
}
