use super::*;

/// A project of empty folders: enough for `shiryo new`, which reads nothing else.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in crate::load::project::ROOT_FOLDERS {
        std::fs::create_dir(dir.path().join(f)).unwrap();
    }
    dir
}

fn given(folder: &str) -> Given {
    Given {
        folder: Some(folder.into()),
        city: Some("南市".into()),
        body: Some("就労支援部会".into()),
        year: Some("令和7年度".into()),
        documents: Some("評価結果,会議録,次第,委員名簿,資料一式".into()),
        ..Given::default()
    }
}

/// Runs `shiryo new` with `input` as the console: (made, stdout, stderr).
fn run_with(root: &Path, given: Given, input: &str, interactive: bool) -> (bool, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let made = run(
        root,
        given,
        &mut input.as_bytes(),
        &mut out,
        &mut err,
        interactive,
    );
    (
        made,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            e.path().strip_prefix(dir).unwrap().display().to_string()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn options_make_every_file_and_say_what_to_write_next() {
    let p = project();
    let (made, out, err) = run_with(p.path(), given("minami-shuro"), "", false);
    assert!(made, "{err}");
    let dir = p.path().join("content/minami-shuro");
    let files = listing(&dir);
    for f in [
        "council.yaml",
        "2025/members.yaml",
        "2025/meetings.yaml",
        "2025/goals.yaml",
        "2025/evaluation.yaml",
        "2026/goals.yaml",
        "2026/meetings.yaml",
        "2026/members.yaml",
        "documents/r7-hyoka.yaml",
        "documents/r7-1-kaigiroku.yaml",
        "documents/r7-1-shidai.yaml",
        "documents/r7-meibo.yaml",
        "documents/r7-1-shiryo.yaml",
    ] {
        assert!(files.contains(&f.to_string()), "{f}: {files:?}");
        assert!(
            out.contains(&format!("作成: content/minami-shuro/{f}（")),
            "{f}: {out}"
        );
    }
    // Nothing else, and no hidden folder left behind.
    assert_eq!(listing(&p.path().join("content")).len(), files.len() + 1);
    let council = std::fs::read_to_string(dir.join("council.yaml")).unwrap();
    assert!(
        council.contains("name: 南市地域自立支援協議会\n"),
        "{council}"
    );
    assert!(council.contains("body: 就労支援部会\n"), "{council}");
    assert!(!council.contains("にも包括"), "{council}");
    assert!(out.contains("これから書くこと"), "{out}");
    assert!(
        out.contains("content/minami-shuro/2025/members.yaml: 令和７年度の委員の所属・氏名・役職"),
        "{out}"
    );
    assert!(out.contains("shiryo check"), "{out}");
}

#[test]
fn the_nimo_question_decides_the_words() {
    let p = project();
    let mut g = given("minami-seishin");
    g.nimo = Some("はい".into());
    g.documents = Some("評価結果".into());
    let (made, _, err) = run_with(p.path(), g, "", false);
    assert!(made, "{err}");
    let dir = p.path().join("content/minami-seishin");
    let council = std::fs::read_to_string(dir.join("council.yaml")).unwrap();
    assert!(council.contains("component: にも包括構成要素"), "{council}");
    let goals = std::fs::read_to_string(dir.join("2025/goals.yaml")).unwrap();
    assert!(goals.contains("name: 協議の場の設置"), "{goals}");
    assert!(!dir.join("documents/r7-meibo.yaml").exists());
}

#[test]
fn refusals_say_why_and_write_nothing() {
    let p = project();
    std::fs::create_dir(p.path().join("content/minami")).unwrap();
    let before = listing(p.path());
    for (folder, why) in [
        ("minami", "content/minami はもうあります"),
        ("MINAMI", "大文字と小文字"),
        ("con", "装置の名前"),
        ("a:b", "使えない文字「:」"),
        (".hidden", "shiryo が読みません"),
        ("documents", "documents は資料を置くフォルダ"),
        ("", "名前がありません"),
    ] {
        let (made, _, err) = run_with(p.path(), given(folder), "", false);
        assert!(!made, "{folder}");
        assert!(err.contains(why), "{folder}: {err}");
        assert!(err.contains("協議会は作っていません。"), "{err}");
        assert_eq!(listing(p.path()), before, "{folder}");
    }
    let mut g = given("minami-2");
    g.year = Some("来年".into());
    let (_, _, err) = run_with(p.path(), g, "", false);
    assert!(err.contains("--year: 年度「来年」が読めません"), "{err}");
    let mut g = given("minami-2");
    g.documents = Some("予算書".into());
    let (_, _, err) = run_with(p.path(), g, "", false);
    assert!(
        err.contains("--documents: 「予算書」という資料はありません"),
        "{err}"
    );
    assert_eq!(listing(p.path()), before);
}

#[test]
fn without_a_console_every_required_answer_is_an_option() {
    let p = project();
    let g = Given {
        folder: Some("minami".into()),
        city: Some("南市".into()),
        ..Given::default()
    };
    let (made, out, err) = run_with(p.path(), g, "ignored\n", false);
    assert!(!made);
    assert!(
        err.contains("答えの指定が足りません: --year（年度）、--documents（作る資料）。"),
        "{err}"
    );
    assert!(err.contains("shiryo new minami-shuro --city"), "{err}");
    assert!(
        !out.contains("？") && !out.contains("]: "),
        "nothing asked: {out}"
    );
}

#[test]
fn a_folder_that_is_no_project_is_refused_before_asking() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let (made, out, err) = run_with(dir.path(), Given::default(), "minami\n", true);
    assert!(!made);
    assert!(out.is_empty(), "nothing asked: {out}");
    assert!(
        err.contains("shiryo のプロジェクトではありません（content フォルダはありますが、templates・fonts フォルダがありません）"),
        "{err}"
    );
    assert_eq!(listing(dir.path()), vec!["content".to_string()]);
}

#[test]
fn questions_are_asked_one_a_line_with_their_defaults() {
    let p = project();
    // A name in use is asked again; Enter takes the default; a wrong year is asked again.
    let input = [
        "",             // folder: no default, asked again
        "con",          // refused
        "kita-shuro",   // folder
        "北市",         // city
        "",             // council: 北市地域自立支援協議会
        "就労支援部会", // body
        "来年",         // refused
        "R6",           // year
        "",             // nimo: いいえ
        "",             // report: はい
        "いいえ",       // minutes
        "たぶん",       // asked again
        "いいえ",       // agenda
        "",             // member list: はい
        "",             // packet: いいえ
        "",             // confirm: はい
    ]
    .join("\n")
        + "\n";
    let (made, out, err) = run_with(p.path(), Given::default(), &input, true);
    assert!(made, "{out}{err}");
    for asked in [
        "市町村の名前（例: 南市）: ",
        "協議会の正式な名前 [北市地域自立支援協議会]: ",
        "部会の名前（協議会そのものの資料なら「なし」） [なし]: ",
        "にも包括（精神障害にも対応した地域包括ケアシステム）の協議の場ですか（はい／いいえ） [いいえ]: ",
        "第１回の資料一式（次第と資料を１つの PDF に）を作りますか（はい／いいえ） [いいえ]: ",
        "  → 答えを入力してください。",
        "  → 年度「来年」が読めません。令和７年度、R7、2025 のように書いてください。",
        "  → 「はい」か「いいえ」で答えてください。",
        "  作る資料: 評価結果、委員名簿",
        "この内容で作りますか（はい／いいえ） [はい]: ",
    ] {
        assert!(out.contains(asked), "{asked}\n{out}");
    }
    assert!(out.contains("フォルダの名前「con」は使えません"), "{out}");
    let dir = p.path().join("content/kita-shuro");
    let council = std::fs::read_to_string(dir.join("council.yaml")).unwrap();
    assert!(
        council.contains("name: 北市地域自立支援協議会\n"),
        "{council}"
    );
    assert!(dir.join("documents/r6-hyoka.yaml").exists());
    assert!(dir.join("documents/r6-meibo.yaml").exists());
    assert!(!dir.join("documents/r6-1-kaigiroku.yaml").exists());
}

#[test]
fn input_that_ends_early_or_a_no_writes_nothing() {
    let p = project();
    let (made, _, err) = run_with(p.path(), Given::default(), "kita\n北市\n", true);
    assert!(!made);
    assert!(err.contains("答えの入力が途中で終わりました。"), "{err}");
    // Asked for what no option gave (the council's name, にも包括), then the summary.
    let (made, out, _) = run_with(p.path(), given("kita"), "\n\nいいえ\n", true);
    assert!(!made);
    assert!(
        out.contains("作るのをやめました。ファイルは何も書いていません。"),
        "{out}"
    );
    assert!(listing(&p.path().join("content")).is_empty());
}

#[test]
fn a_council_without_a_body_is_a_council() {
    let p = project();
    let mut g = given("kita-kyogikai");
    g.body = Some("なし".into());
    g.council = Some("北市障害者自立支援協議会".into());
    let (made, _, err) = run_with(p.path(), g, "", false);
    assert!(made, "{err}");
    let dir = p.path().join("content/kita-kyogikai");
    let council = std::fs::read_to_string(dir.join("council.yaml")).unwrap();
    assert!(council.contains("meeting_label: 協議会\n"), "{council}");
    assert!(council.contains("roles: [会長, 副会長, 委員]"), "{council}");
    assert!(!council.contains("\nbody:"), "{council}");
    let report = std::fs::read_to_string(dir.join("documents/r7-hyoka.yaml")).unwrap();
    assert!(report.contains("  title: 会長\n"), "{report}");
}

#[test]
fn every_answer_given_asks_nothing_even_on_a_console() {
    let p = project();
    let mut g = given("kita");
    g.council = Some("北市地域自立支援協議会".into());
    g.nimo = Some("いいえ".into());
    let (made, out, err) = run_with(p.path(), g, "", true);
    assert!(made, "{err}");
    assert!(
        !out.contains("]: ") && !out.contains("この内容で作りますか"),
        "{out}"
    );
}
