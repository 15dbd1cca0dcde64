//! `shiryo serve`, edit → shown, seen from a real browser: `tests/browser/serve.mjs` (headless
//! Chromium through puppeteer-core) opens the sample report's page and PDF viewer from a
//! serve on a copy of the sample, saves 20 one-value edits and times each until the open page
//! shows the new value and the viewer has the new PDF. Needs Node, Chromium and `npm ci` in
//! `tests/browser` (as `.ci/run` sets up); skipped with a word otherwise.

use std::path::Path;
use std::process::Command;

use anyhow::{Result, anyhow, bail};

/// The port the measured serve listens on (not serve's default, so that one running for work
/// is not disturbed).
const PORT: &str = "18791";

/// The line serve.mjs prints (`serve: page median … ms …; PDF median … ms …`), or why the row
/// was skipped.
pub fn browser_latency(repo: &Path, work: &Path, binary: &Path) -> Result<Result<String, String>> {
    let script = repo.join("tests/browser/serve.mjs");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !repo
        .join("tests/browser/node_modules/puppeteer-core")
        .is_dir()
    {
        return Ok(Err(
            "puppeteer-core is not installed (run `npm ci` in tests/browser)".into(),
        ));
    }
    if !Path::new(&chromium).exists() {
        return Ok(Err(format!("no Chromium at {chromium} (set CHROMIUM)")));
    }
    let root = work.join("serve");
    if root.exists() {
        std::fs::remove_dir_all(&root)?;
    }
    for dir in ["content", "templates", "fonts"] {
        super::copy_dir(&repo.join(dir), &root.join(dir))?;
    }
    let out = Command::new("node")
        .arg(&script)
        .arg(binary)
        .arg(&root)
        .arg(PORT)
        .output()
        .map_err(|e| anyhow!("node: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!(
            "serve.mjs failed:\n{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let line = stdout
        .lines()
        .find(|l| l.starts_with("serve: "))
        .ok_or_else(|| anyhow!("serve.mjs printed no figures:\n{stdout}"))?;
    Ok(Ok(line.to_string()))
}
