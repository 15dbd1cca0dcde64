//! `shiryo new` as staff and scripts use it (issue 31): a council made from options or from
//! answers typed line by line checks clean, builds every document chosen as a draft with the
//! places still to write marked, and says にも包括 only when it is a にも包括 協議の場.

use std::io::Write;
use std::process::{Command, Stdio};

use super::common::{TempProject, text, typeset_all};

/// Runs `shiryo new` in `p` with `input` on its standard input (not a terminal).
fn new(p: &TempProject, args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .arg("new")
        .args(args)
        .arg("--root")
        .arg(p.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A refusal may come before the input is read: the pipe may be closed by then.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const ALL: &str = "評価結果,会議録,次第,委員名簿,資料一式";

/// The laid-out text of every PDF of the project and every page `build --html` wrote, by
/// document id.
fn built(p: &TempProject, folder: &str) -> Vec<(String, String, String)> {
    typeset_all(p.path())
        .iter()
        .filter(|t| t.id.starts_with(&format!("{folder}/")))
        .map(|t| {
            let page = super::common::unphrased(&p.read(&format!("output/{}.html", t.id)));
            (t.id.clone(), text(t), page)
        })
        .collect()
}

#[test]
fn a_council_made_from_options_checks_clean_and_builds_every_document() {
    let p = TempProject::empty();
    let (code, out, err) = new(
        &p,
        &[
            "minami-shuro",
            "--city",
            "南市",
            "--body",
            "就労支援部会",
            "--year",
            "令和7年度",
            "--documents",
            ALL,
        ],
        "",
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("作成: content/minami-shuro/2025/meetings.yaml（会議）"),
        "{out}"
    );
    assert!(out.contains("これから書くこと"), "{out}");
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        out, "確認しました: 資料 5 件、エラー 0 件、警告 0 件\n",
        "{err}"
    );
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let docs = built(&p, "minami-shuro");
    let ids: Vec<&str> = docs.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "minami-shuro/r7-1-kaigiroku",
            "minami-shuro/r7-1-shidai",
            "minami-shuro/r7-1-shiryo",
            "minami-shuro/r7-hyoka",
            "minami-shuro/r7-meibo",
        ]
    );
    for (id, pdf, page) in &docs {
        assert!(p.path().join(format!("output/{id}.pdf")).is_file(), "{id}");
        // A draft, its unwritten places marked, in the PDF and on the page alike (a packet's
        // pages are the PDFs of its agenda and materials placed whole: its own text is their
        // stamps and page numbers).
        if !id.ends_with("-shiryo") {
            assert!(
                pdf.contains('案') && pdf.contains("【記入】"),
                "{id}: {pdf}"
            );
        }
        assert!(page.contains("【記入】"), "{id}");
        for word in ["にも包括", "新座", "協議の場"] {
            assert!(!pdf.contains(word), "{id} prints {word}: {pdf}");
            assert!(!page.contains(word), "{id}'s page says {word}");
        }
    }
    let report = &docs[3].1;
    for line in [
        "南市地域自立支援協議会就労支援部会",
        "令和７年度評価結果及び令和８年度目標設定",
        "南市地域自立支援協議会",
        "就労支援部会長 【記入】氏名",
        "【表２ 令和７年度の評価結果】",
    ] {
        assert!(report.lines().any(|l| l.trim() == line), "{line}\n{report}");
    }
    assert!(report.contains("重点項"), "{report}");
    let minutes = &docs[0].1;
    assert!(
        minutes.contains("【記入】氏名１部会長、【記入】氏名２副部会長、【記入】氏名３委員"),
        "{minutes}"
    );
    // The member list's title is printed once, as written.
    let list = &docs[4].1;
    assert_eq!(
        list.matches("南市地域自立支援協議会就労支援部会委員名簿")
            .count(),
        1,
        "{list}"
    );
}

#[test]
fn a_nimo_council_says_so_and_only_it() {
    let p = TempProject::empty();
    let (code, out, err) = new(
        &p,
        &[
            "minami-seishin",
            "--city",
            "南市",
            "--body",
            "精神保健福祉部会",
            "--year",
            "2025",
            "--nimo",
            "はい",
            "--documents",
            "評価結果",
        ],
        "",
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(p.run(&["build", "--html"]).0, 0);
    let docs = built(&p, "minami-seishin");
    assert_eq!(docs.len(), 1);
    let (_, pdf, page) = &docs[0];
    // The header cell breaks between its phrases (「にも／包括／構成要素」).
    assert!(
        pdf.contains("にも包括構成要素") || (pdf.contains("にも\n") && pdf.contains("包括")),
        "{pdf}"
    );
    assert!(page.contains("にも包括構成要素"));
    assert!(
        pdf.contains("協議の場の設置") || pdf.contains("協議の"),
        "{pdf}"
    );
}

#[test]
fn answers_typed_line_by_line_make_the_council() {
    let p = TempProject::empty();
    let input = [
        "kita-kyogikai", // folder
        "北市",          // city
        "",              // council: 北市地域自立支援協議会
        "なし",          // body: the council itself
        "R6",            // year
        "",              // にも包括: いいえ
        "いいえ",        // report
        "",              // minutes: はい
        "",              // agenda: はい
        "",              // member list: はい
        "はい",          // packet
        "",              // confirm
    ]
    .join("\n")
        + "\n";
    let (code, out, err) = new(&p, &["--ask"], &input);
    assert_eq!(code, 0, "{out}{err}");
    for asked in [
        "協議会の正式な名前 [北市地域自立支援協議会]: ",
        "第１回の会議録を作りますか（はい／いいえ） [はい]: ",
        "  作る資料: 会議録、次第、委員名簿、資料一式",
    ] {
        assert!(out.contains(asked), "{asked}\n{out}");
    }
    let council = p.read("content/kita-kyogikai/council.yaml");
    assert!(council.contains("meeting_label: 協議会\n"), "{council}");
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(p.run(&["build", "--html"]).0, 0);
    let docs = built(&p, "kita-kyogikai");
    assert_eq!(docs.len(), 4);
    let agenda = &docs[1].1;
    assert!(
        agenda.contains("令和６年度 第１回北市地域自立支援協議会"),
        "{agenda}"
    );
    // The packet holds the member list the meeting's materials name, stamped 資料１.
    let (_, packet, page) = &docs[2];
    assert!(packet.contains("資料１"), "{packet}");
    assert!(page.contains("北市地域自立支援協議会委員名簿"), "{page}");
}

#[test]
fn refusals_name_what_is_wrong_and_change_nothing() {
    // Not a project: said before anything is asked.
    let empty = TempProject {
        dir: tempfile::tempdir().unwrap(),
    };
    let (code, out, err) = new(&empty, &["--ask"], "minami\n");
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("このフォルダは shiryo のプロジェクトではありません（content・templates・fonts フォルダがありません）。"),
        "{err}"
    );
    assert!(err.contains("協議会は作っていません。"), "{err}");
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
    assert!(
        err.contains("新しい協議会を作るときも、shiryo を展開したフォルダで shiryo new フォルダ名 を実行します"),
        "{err}"
    );

    let p = TempProject::sample();
    // Run inside a council's folder, a command names the project it is in.
    let inside = p.path().join("content/niiza-chiiki-ikou");
    let out = Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .args(["check", "--root"])
        .arg(&inside)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "このフォルダは shiryo のプロジェクト {} の中にあります。",
            std::path::absolute(p.path()).unwrap().display()
        )),
        "{err}"
    );
    let before = super::common::snapshot(&p.path().join("content"));
    let cases: [(&[&str], &str); 4] = [
        (
            &[
                "niiza-chiiki-ikou",
                "--city",
                "南市",
                "--year",
                "2025",
                "--documents",
                "次第",
            ],
            "content/niiza-chiiki-ikou はもうあります。今ある協議会は変えません。",
        ),
        (
            &[
                "a|b",
                "--city",
                "南市",
                "--year",
                "2025",
                "--documents",
                "次第",
            ],
            "フォルダの名前「a|b」は使えません（名前に Windows のファイル名に使えない文字「|」があります）。",
        ),
        (
            &["minami", "--city", "南市"],
            "答えの指定が足りません: --year（年度）、--documents（作る資料）。",
        ),
        (
            &[
                "minami",
                "--city",
                "南市",
                "--year",
                "2025",
                "--documents",
                "次第",
                "--nimo",
                "たぶん",
            ],
            "--nimo: 「はい」か「いいえ」で答えてください。",
        ),
    ];
    for (args, message) in cases {
        let (code, out, err) = new(&p, args, "");
        assert_eq!(code, 1, "{args:?}: {out}{err}");
        assert!(
            err.contains(&format!("エラー: {message}")),
            "{args:?}: {err}"
        );
        assert_eq!(super::common::snapshot(&p.path().join("content")), before);
    }
}

/// The small example of the staff guide (docs/new-council-ja.md), file by file as it is
/// written there, checks clean and builds what the guide says.
#[test]
fn the_guides_example_builds() {
    let guide =
        std::fs::read_to_string(super::common::repo().join("docs/new-council-ja.md")).unwrap();
    let p = TempProject::empty();
    let mut written = 0;
    let mut lines = guide.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line.strip_prefix("**`").and_then(|l| l.strip_suffix("`**")) else {
            continue;
        };
        assert_eq!(lines.next(), Some(""), "{path}");
        assert_eq!(lines.next(), Some("```yaml"), "{path}");
        let text: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        p.write(path, &(text.join("\n") + "\n"));
        written += 1;
    }
    assert_eq!(written, 6);
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let docs = built(&p, "minami-kyogikai");
    let ids: Vec<&str> = docs.iter().map(|(id, _, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "minami-kyogikai/r7-1-shidai",
            "minami-kyogikai/r7-1-shiryo",
            "minami-kyogikai/r7-meibo",
        ]
    );
    let agenda = &docs[0].1;
    for line in ["令和７年度 第１回南市地域自立支援協議会", "次第"] {
        assert!(agenda.lines().any(|l| l.trim() == line), "{line}\n{agenda}");
    }
    // 【資料１】 beside the item that cites the member list by its id.
    assert!(agenda.contains("２ 委員の紹介\n【資料１】\n"), "{agenda}");
    let packet = &docs[1].1;
    assert!(packet.contains("資料１"), "{packet}");
}

/// A document made final while a place `shiryo new` marked is still unwritten is an error at
/// the mark; the drafts beside it are not.
#[test]
fn a_final_document_with_a_mark_left_is_an_error_at_the_mark() {
    let p = TempProject::empty();
    let args = [
        "minami",
        "--city",
        "南市",
        "--year",
        "2025",
        "--documents",
        "委員名簿,次第",
    ];
    assert_eq!(new(&p, &args, "").0, 0);
    p.edit(
        "content/minami/documents/r7-meibo.yaml",
        "status: draft\n",
        "",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("エラー: content/minami/2025/members.yaml:6:19: 【記入】の所がまだ書き直されていません（確定した資料 r7-meibo に、そのまま印刷されます）。"),
        "{err}"
    );
    assert!(
        err.contains("documents/r7-meibo.yaml に status: draft と書きます"),
        "{err}"
    );
    // The agenda is still a draft: its meetings.yaml marks are not reported.
    assert!(!err.contains("meetings.yaml"), "{err}");
    // Written, the list is final and clean.
    let members = p.read("content/minami/2025/members.yaml");
    p.write(
        "content/minami/2025/members.yaml",
        &members
            .replace("【記入】所属", "南市社会福祉協議会")
            .replace("【記入】氏名", "山田 太郎"),
    );
    let (code, out, err) = p.run(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
}
