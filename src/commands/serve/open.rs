//! Opening the served site in the user's browser (`serve --open`), per system: Windows's
//! `cmd /C start`, macOS's `open`, `xdg-open` elsewhere. The choice is a plain function of the
//! system so that every branch is tested on any machine.

/// The systems that open a URL differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    Windows,
    Mac,
    Other,
}

impl System {
    pub fn current() -> System {
        if cfg!(windows) {
            System::Windows
        } else if cfg!(target_os = "macos") {
            System::Mac
        } else {
            System::Other
        }
    }
}

/// The program and arguments that open `url` in the default browser.
pub fn command(system: System, url: &str) -> (&'static str, Vec<String>) {
    match system {
        // `start`'s first quoted argument is a window title: an empty one (an empty argument
        // is written as `""` on the command line), so that the URL is never taken for it.
        // `^` escapes what cmd would read as its own (`&`, `|`, …).
        System::Windows => {
            let mut escaped = String::new();
            for c in url.chars() {
                if matches!(c, '&' | '|' | '<' | '>' | '^' | '%' | '(' | ')' | '"') {
                    escaped.push('^');
                }
                escaped.push(c);
            }
            (
                "cmd",
                vec!["/C".into(), "start".into(), String::new(), escaped],
            )
        }
        System::Mac => ("open", vec![url.to_string()]),
        System::Other => ("xdg-open", vec![url.to_string()]),
    }
}

/// Opens `url` in the default browser; a Japanese message when that fails.
pub fn open(url: &str) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let (program, args) = command(System::current(), url);
    let child = Command::new(program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            // Reaped in the background: the opener returns at once or when the browser does.
            std::thread::spawn(move || child.wait());
            Ok(())
        }
        Err(e) => Err(format!(
            "ブラウザを開けませんでした（{program}: {}）。\n  → ブラウザで {url} を開いてください。",
            crate::diag::io_ja(&e)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_system_opens_the_url_its_own_way() {
        let url = "http://127.0.0.1:8765/";
        let (p, a) = command(System::Windows, url);
        assert_eq!(
            (p, a.as_slice()),
            (
                "cmd",
                &["/C".to_string(), "start".into(), String::new(), url.into()][..]
            )
        );
        let (p, a) = command(System::Windows, "http://127.0.0.1:1/?a=1&b=2");
        assert_eq!(p, "cmd");
        assert_eq!(a[3], "http://127.0.0.1:1/?a=1^&b=2");
        assert_eq!(command(System::Mac, url), ("open", vec![url.to_string()]));
        assert_eq!(
            command(System::Other, url),
            ("xdg-open", vec![url.to_string()])
        );
        let here = System::current();
        assert_eq!(here == System::Windows, cfg!(windows));
    }
}
