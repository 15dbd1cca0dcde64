//! The same documents typeset by typst alone (its Python binding, one call per document): the
//! baseline a shiryo build is measured against.

use super::*;

/// 5: the same markup compiled by typst alone (the PyPI package, same typst version).
pub(super) struct TypstAlone {
    /// `python -c 'import typst; typst.compile(…)'`, whole process.
    pub(super) whole: Timed,
    /// The `typst.compile` call alone: the first in a process, and the median of the others.
    pub(super) first_call: Duration,
    pub(super) later_calls: Duration,
}

/// A venv under `target/bench-venv` with the `typst` package; created when missing.
pub(super) fn python_typst(repo: &Path) -> Result<PathBuf> {
    let venv = repo.join("target").join("bench-venv");
    let python = venv.join("bin").join("python");
    let has_typst = |python: &Path| {
        Command::new(python)
            .args(["-c", "import typst; assert typst.__version__ == '0.15.0'"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if has_typst(&python) {
        return Ok(python);
    }
    if !python.is_file() {
        run_quietly(Command::new("python3").arg("-m").arg("venv").arg(&venv))
            .context("python3 -m venv")?;
    }
    run_quietly(Command::new(venv.join("bin").join("pip")).args(["install", "--quiet", PY_TYPST]))
        .context("pip install")?;
    ensure!(has_typst(&python), "{PY_TYPST} did not install");
    Ok(python)
}

/// Compiles the markup `shiryo build --emit-typst` wrote, with the same root, only the bundled
/// fonts (no system or embedded fonts) and the same PDF standards as shiryo.
pub(super) const PY_COMPILE: &str = r#"
import sys, time, typst
typ, pdf, root, fonts, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[fonts])
for _ in range(runs):
    started = time.perf_counter()
    typst.compile(typ, output=pdf, root=root, font_paths=fonts, pdf_standards=["a-2b", "ua-1"])
    print(int((time.perf_counter() - started) * 1e9))
"#;

/// `shiryo build --emit-typst`: the markup typst alone compiles.
pub(super) fn emit_typst(root: &Path) -> Result<PathBuf> {
    let mut emit = Command::new(env!("CARGO_BIN_EXE_shiryo"));
    run_quietly(
        emit.arg("build")
            .arg("--emit-typst")
            .arg("--root")
            .arg(root),
    )?;
    Ok(pdf_path(root).with_extension("typ"))
}

/// One Python process compiling `typ` `runs` times, printing the time of each
/// `typst.compile` call.
pub(super) fn typst_command(python: &Path, root: &Path, typ: &Path, runs: usize) -> Command {
    let mut command = Command::new(python);
    command
        .arg("-c")
        .arg(PY_COMPILE)
        .arg(typ)
        .arg(root.join("typst-alone.pdf"))
        .arg(root)
        .arg(root.join("fonts"))
        .arg(runs.to_string());
    command
}

/// Runs `typst_command`; the time of each `typst.compile` call.
pub(super) fn typst_calls(
    python: &Path,
    root: &Path,
    typ: &Path,
    runs: usize,
) -> Result<Vec<Duration>> {
    let output = typst_command(python, root, typ, runs)
        .stdin(Stdio::null())
        .output()?;
    ensure!(
        output.status.success(),
        "typst alone failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .map(|s| Ok(Duration::from_nanos(s.parse()?)))
        .collect()
}
