//! The double-click start, the index's Word files, the usage from a terminal and Ctrl+C.

use super::*;

/// shiryo started as Explorer starts it on a double-click (no arguments, a console of its own:
/// `SHIRYO_DOUBLE_CLICK=1` stands for that here), in the folder `cwd`, with a stand-in
/// browser opener on PATH that records the address it was asked to open.
#[cfg(unix)]
fn double_click(cwd: &Path, opener: &Path) -> Child {
    use std::os::unix::fs::PermissionsExt;
    let script = opener.join("xdg-open");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$1\" > '{}'\n",
            opener.join("opened").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        opener.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .current_dir(cwd)
        .env("SHIRYO_DOUBLE_CLICK", "1")
        .env("PATH", path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
#[cfg(unix)]
fn a_double_click_in_a_project_serves_it_and_opens_the_browser() {
    let p = small();
    let opener = tempfile::tempdir().unwrap();
    let mut child = double_click(p.path(), opener.path());
    let mut said = String::new();
    let mut url = None;
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        said.push_str(&line);
        said.push('\n');
        if let Some(at) = line.find("http://127.0.0.1:") {
            url = line[at..].split('/').nth(2).map(str::to_string);
            break;
        }
    }
    let host = url.unwrap_or_else(|| panic!("no address in:\n{said}"));
    // Later reports are read and dropped, so that serve never waits on the pipe.
    std::thread::spawn(move || lines.for_each(drop));
    assert!(said.contains("閉じると shiryo は終わります"), "{said}");
    let port: u16 = host.rsplit(':').next().unwrap().parse().unwrap();
    let serve = Serve { child, port };
    let (status, body) = serve.get("/");
    assert_eq!(status, 200);
    // The index a clerk lands on: each document by its own title, its type, year and state.
    assert!(body.contains("<h1>資料の一覧</h1>"), "{body}");
    assert!(
        body.contains("<h2><bdi>テスト市協議会 テスト部会</bdi></h2>"),
        "{body}"
    );
    let title = body.split("<p class=\"title\">").nth(1).unwrap_or_default();
    assert!(
        title.starts_with("令和６年度評価結果及び令和７年度目標設定"),
        "{title}"
    );
    assert!(body.contains("年度の報告・令和６年度・確定"), "{body}");
    assert!(
        !body.contains("<table"),
        "a list, readable at 390 px: {body}"
    );
    let opened = opener.path().join("opened");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !opened.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let opened = std::fs::read_to_string(opened).unwrap_or_default();
    assert_eq!(opened.trim(), format!("http://{host}/"));
}

#[test]
fn the_index_links_each_word_file_and_serve_hands_it_out() {
    let p = small();
    let serve = Serve::start(&p);
    let (status, body) = serve.get("/");
    assert_eq!(status, 200);
    let word = body
        .split("<a href=\"")
        .skip(1)
        .filter_map(|a| a.split_once('"'))
        .find(|(href, _)| href.ends_with(".docx"))
        .map(|(href, _)| href.to_string())
        .unwrap_or_else(|| panic!("no link to a Word file in {body}"));
    assert!(body.contains("download>Word</a>"), "{body}");
    // How to start another council, pointed at from the index.
    assert!(body.contains("「新しい協議会を作る.bat」"), "{body}");
    let mut s = serve.send_get(&word);
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).unwrap();
    let at = answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&answer[..at]).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("wordprocessingml.document"), "{head}");
    assert!(head.contains("content-disposition: attachment"), "{head}");
    let docx = &answer[at + 4..];
    assert_eq!(&docx[..2], b"PK", "a Word file is a ZIP");
    // The same bytes as the file serve wrote to output/.
    let written = std::fs::read(p.path().join(format!("output{word}"))).unwrap();
    assert_eq!(docx, written.as_slice());
    assert_eq!(serve.get("/nothing/here.docx").0, 404);
}

#[test]
#[cfg(unix)]
fn a_double_click_outside_a_project_says_what_to_do_and_waits_for_enter() {
    let lonely = tempfile::tempdir().unwrap();
    let opener = tempfile::tempdir().unwrap();
    let mut child = double_click(lonely.path(), opener.path());
    // The window stays until Enter is pressed.
    std::thread::sleep(Duration::from_millis(500));
    assert!(child.try_wait().unwrap().is_none(), "closed before Enter");
    child.stdin.take().unwrap().write_all(b"\r\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let (said, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{said}{err}");
    assert!(err.contains("shiryo のプロジェクトではありません"), "{err}");
    assert!(err.contains("「すべて展開」"), "{err}");
    assert!(said.contains("Enter キーを押すと"), "{said}");
    assert!(!opener.path().join("opened").exists());
}

#[test]
fn no_arguments_from_a_terminal_still_print_the_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .env("SHIRYO_DOUBLE_CLICK", "0")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("コマンド（build"), "{err}");
}

#[test]
#[cfg(unix)]
fn ctrl_c_ends_serve_and_leaves_the_output_to_the_next_build() {
    let p = small();
    let serve = Serve::start(&p);
    assert_eq!(serve.get("/").0, 200);
    // Ctrl+C in the console: SIGINT (on Windows CTRL_C_EVENT; both end the process by the
    // default handler, and the system releases the output lock).
    let sent = Command::new("kill")
        .args(["-INT", &serve.pid().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let mut serve = serve;
    let status = serve.child.wait().unwrap();
    assert!(!status.success(), "{status:?}");
    let started = Instant::now();
    let (code, out, err) = p.run(&["build"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        !err.contains("待っています"),
        "the lock was left held: {err}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    let leftovers: Vec<_> = walk(&p.path().join("output"))
        .into_iter()
        .filter(|f| f.contains(".shiryo-") && !f.ends_with(".shiryo-lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path.display().to_string());
        }
    }
    found
}
