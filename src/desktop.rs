//! Started with a double-click (Explorer on Windows): no arguments and a console window that
//! belongs to shiryo alone. Such a window closes the moment the program ends, so shiryo does not
//! print its usage and vanish: it serves the project it stands in (`serve --open`), says what
//! it is doing and how to stop, and, when it cannot, says why and waits for Enter before the
//! window closes.
//!
//! From a terminal (a console shared with the shell) nothing changes: no arguments print the
//! usage. `SHIRYO_DOUBLE_CLICK=1` (or `0`) overrides the detection, for tests.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a double-click run starts: an exit on the way (a panic) waits for Enter too.
static WINDOW_OF_OUR_OWN: AtomicBool = AtomicBool::new(false);

/// Whether this run was started by a double-click rather than from a terminal.
pub fn double_clicked() -> bool {
    if std::env::args_os().len() > 1 {
        return false;
    }
    match std::env::var("SHIRYO_DOUBLE_CLICK").as_deref() {
        Ok("1") => true,
        Ok("0") => false,
        _ => console_is_ours_alone(),
    }
}

/// Windows: the console's process list holds only this process when Explorer made the console
/// for it; a command prompt or PowerShell shares its console, so the list holds two or more.
#[cfg(windows)]
fn console_is_ours_alone() -> bool {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
    }
    let mut list = [0u32; 4];
    // SAFETY: the pointer and count describe `list`, which outlives the call; the function
    // writes at most `count` process ids and returns how many the console has (0 if none).
    let attached = unsafe { GetConsoleProcessList(list.as_mut_ptr(), list.len() as u32) };
    attached == 1
}

/// Elsewhere a program started from a file manager has no console of its own to keep open.
#[cfg(not(windows))]
fn console_is_ours_alone() -> bool {
    false
}

/// The project to serve: the folder the program stands in (the unzipped release folder), or
/// else the current folder (a shortcut whose "start in" names the project).
fn project_folder() -> Result<PathBuf, (PathBuf, String)> {
    let beside_program = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    let current = std::env::current_dir().ok();
    let candidates: Vec<PathBuf> = beside_program.into_iter().chain(current).collect();
    for folder in &candidates {
        if shiryo::load::project::check_root(folder).is_ok() {
            return Ok(folder.clone());
        }
    }
    let first = candidates.into_iter().next().unwrap_or_else(|| ".".into());
    let why = shiryo::load::project::check_root(&first)
        .err()
        .map_or_else(|| "このフォルダを読めません。".to_string(), |p| p.message);
    Err((first, why))
}

/// Runs the double-click mode: serve and open the browser, or explain why not.
pub fn run(serve: impl FnOnce(&Path, u16, bool) -> ExitCode) -> ExitCode {
    WINDOW_OF_OUR_OWN.store(true, Ordering::Relaxed);
    say!("shiryo（資料）: 協議会の資料を作って、ブラウザで見られるようにします。");
    let code = match project_folder() {
        Ok(root) => {
            say!("フォルダ: {}", root.display());
            say!(
                "この黒い画面は開いたままにしてください。閉じると shiryo は終わります（Ctrl+C でも終わります）。"
            );
            let port = shiryo::commands::serve::free_port(shiryo::commands::serve::DEFAULT_PORT);
            serve(&root, port, true)
        }
        Err((folder, why)) => {
            tell!("エラー: {why}");
            tell!("  フォルダ: {}", folder.display());
            tell!(
                "  → 配布された zip ファイルを右クリックして「すべて展開」を選び、展開してできたフォルダの中の shiryo.exe をダブルクリックしてください（zip を開いただけの中からは動きません）。"
            );
            ExitCode::FAILURE
        }
    };
    wait_for_enter();
    code
}

/// In a double-click run, keeps the window open until the user has read what it says.
pub fn wait_if_double_clicked() {
    if WINDOW_OF_OUR_OWN.load(Ordering::Relaxed) {
        wait_for_enter();
    }
}

/// Keeps the window open until the user has read it.
fn wait_for_enter() {
    use std::io::Write;
    say!("");
    say!("Enter キーを押すと、この画面を閉じます。");
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}
