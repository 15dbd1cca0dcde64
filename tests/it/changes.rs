//! `shiryo changes` and the check of 【再掲】 rows across years, through the real command line
//! on a copy of the sample project.

use crate::common;

use common::TempProject;

const COUNCIL: &str = "niiza-chiiki-ikou";
const GOALS_2025: &str = "content/niiza-chiiki-ikou/2025/goals.yaml";

#[test]
fn the_samples_changes_name_the_renumbered_goals_and_the_rows_that_followed() {
    let p = TempProject::sample();
    let (code, stdout, stderr) = p.run(&["changes", COUNCIL, "2024"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("新座市地域自立支援協議会 地域移行・定着支援部会: 令和６年度 → 令和７年度 の目標の変わったところ（"),
        "{stdout}"
    );
    // The goal the reference's 表３ re-lists under its old number: ３－５ became ３－４.
    assert!(
        stdout.contains("３－５ → ３－４: 番号が変わりました（じもくらにより"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "４－４【再掲】: 再掲元の番号が ３－５ → ３－４ に変わりました（同じ目標: じもくら"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("３－１: 令和６年度の目標がなくなりました"),
        "{stdout}"
    );
    assert!(stdout.contains("２－４: 新しい目標です"), "{stdout}");
    assert!(
        stdout.contains("３－６ → ３－５: 番号と文が変わりました"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    目標値（令和７年度）: 協議の場を年８回以上開催"),
        "{stdout}"
    );
    // Nothing is stale in the corrected samples, and the latest pair of years is the default.
    assert!(!stdout.contains("のままですが"), "{stdout}");
    assert_eq!(p.run(&["changes", COUNCIL]).1, stdout);
    let (code, stdout, _) = p.run(&["check"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("エラー 0 件、警告 0 件"), "{stdout}");
}

#[test]
fn a_row_left_at_the_old_number_is_warned_about_and_listed() {
    let p = TempProject::sample();
    // The reference's slip: ４－４ re-lists ３－５ as the year before, but ３－５ is now the
    // visit goal and the goal ４－４ re-listed is ３－４.
    p.edit(
        GOALS_2025,
        "          - number: 4-4\n            repeats: 3-4",
        "          - number: 4-4\n            repeats: 3-5",
    );
    let (code, stdout, stderr) = p.run(&["check"]);
    assert_eq!(code, 0, "a warning, not an error: {stderr}");
    assert!(stdout.contains("エラー 0 件、警告 1 件"), "{stdout}");
    // At the row's `repeats:`, the line after its number.
    let line = p
        .read(GOALS_2025)
        .lines()
        .position(|l| l.contains("number: 4-4"))
        .unwrap()
        + 2;
    assert!(
        stderr.contains(&format!(
            "警告: {GOALS_2025}:{line}:22: 目標 ４－４ は ３－５ の再掲ですが、令和６年度に ４－４ で再掲していた目標（じもくらにより"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("は、令和７年度には ３－４ です"),
        "{stderr}"
    );
    assert!(
        stderr.contains("→ 同じ目標を再掲するなら repeats: 3-4 に直してください"),
        "{stderr}"
    );
    let (code, stdout, _) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 1, "{stdout}");

    let (code, stdout, stderr) = p.run(&["changes", COUNCIL, "2024"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            "４－４【再掲】: ３－５ の再掲のままですが、令和７年度の ３－５ は別の目標です"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("repeats: 3-4 に直してください"), "{stdout}");
    // ５－５ was corrected: it still reads as following its goal.
    assert!(
        stdout.contains("５－５【再掲】: 再掲元の番号が ３－５ → ３－４ に変わりました"),
        "{stdout}"
    );
}

#[test]
fn unknown_councils_and_missing_years_are_said_in_japanese() {
    let p = TempProject::sample();
    let (code, _, stderr) = p.run(&["changes", "no-such-council"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("エラー: 協議会 no-such-council が見つかりません"),
        "{stderr}"
    );
    assert!(stderr.contains("niiza-chiiki-ikou"), "{stderr}");
    let (code, _, stderr) = p.run(&["changes", COUNCIL, "2025"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("エラー: 令和８年度の目標（content/niiza-chiiki-ikou/2026/goals.yaml）がないため、比べられません。"),
        "{stderr}"
    );
    assert!(stderr.contains("目標のある年度: 2024, 2025"), "{stderr}");
    let (code, _, stderr) = p.run(&["changes", "koganei-seishin"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("続く２つの年度の目標"), "{stderr}");
    let (code, _, stderr) = p.run(&["changes", COUNCIL, "R6"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("年度「R6」が正しくありません"), "{stderr}");
    // A goal file that does not parse is reported, not compared.
    p.edit(GOALS_2025, "  - number: 1\n", "  - number: [1\n");
    let (code, _, stderr) = p.run(&["changes", COUNCIL, "2024"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!("エラー: {GOALS_2025}:")),
        "{stderr}"
    );
    assert!(
        stderr.contains("が読めないため、比べられません"),
        "{stderr}"
    );
}

#[test]
fn help_is_in_japanese() {
    let p = TempProject::empty();
    let (code, stdout, _) = p.run(&["changes", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("目標の変わったところ"), "{stdout}");
    assert!(
        stdout.contains("使い方: shiryo changes [指定…] <協議会> [年度]"),
        "{stdout}"
    );
}

#[test]
fn a_row_left_at_a_number_the_year_no_longer_has_is_said_once() {
    let p = TempProject::sample();
    // 2024's ６－５ re-listed ３－７, which is ３－６ in 2025; 2025 has no ３－７ at all.
    p.edit(
        GOALS_2025,
        "          - number: 6-5\n            repeats: 3-6",
        "          - number: 6-5\n            repeats: 3-7",
    );
    let (code, stdout, stderr) = p.run(&["check"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stderr.contains(
            "目標 ６－５ は ３－７ の再掲ですが、令和７年度 に目標 ３－７ がありません。"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("警告:"),
        "one message for one slip: {stderr}"
    );
    let (_, stdout, _) = p.run(&["changes", COUNCIL, "2024"]);
    assert!(
        stdout.contains(
            "６－５【再掲】: ３－７ の再掲のままですが、令和７年度に ３－７ はありません。"
        ),
        "{stdout}"
    );
}

/// Bytes a terminal obeys: C0 controls but the line break, DEL and C1 controls.
fn obeyed_by_a_terminal(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && c.is_control())
        .collect()
}

#[test]
fn terminal_escapes_in_a_goal_are_shown_not_obeyed() {
    let p = TempProject::sample();
    // A goal text that would retitle the terminal window and clear it, and a council name
    // that would turn the text red (C1 CSI).
    p.edit(
        GOALS_2025,
        "target: 協議の場を年８回以上開催\n",
        "target: \"協議の場を年８回以上開催\\e]0;x\\a\\e[2J\"\n",
    );
    p.edit(
        "content/niiza-chiiki-ikou/council.yaml",
        "name: 新座市地域自立支援協議会\n",
        "name: \"新座市地域自立支援協議会\\x9b31m\"\n",
    );
    let (code, stdout, stderr) = p.run(&["changes", COUNCIL, "2024"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        obeyed_by_a_terminal(&stdout),
        Vec::<char>::new(),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("目標値（令和７年度）: 協議の場を年８回以上開催<ESC>]0;x<U+0007><ESC>[2J"),
        "{stdout}"
    );
    assert!(
        stdout.starts_with("新座市地域自立支援協議会<U+009B>31m 地域移行"),
        "{stdout}"
    );
    // A value an error message quotes: the year as typed.
    let (code, stdout, stderr) = p.run(&["changes", COUNCIL, "2024\u{1b}[2J\u{7}"]);
    assert_eq!(code, 2, "{stdout}");
    assert_eq!(
        obeyed_by_a_terminal(&stderr),
        Vec::<char>::new(),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("年度「2024<ESC>[2J<U+0007>」が正しくありません。"),
        "{stderr}"
    );
}
