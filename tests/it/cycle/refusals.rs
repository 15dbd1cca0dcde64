//! What a final document, a folder name or a year refuses, writing nothing.

use super::*;

#[test]
fn a_final_report_refuses_blank_records_and_an_empty_goal_table() {
    let p = TempProject::sample();
    let meetings = format!("content/{COUNCIL}/2024/meetings.yaml");
    let text = p.read(&meetings);
    let start = text.find("    activity: 市内共同生活援助事業所").unwrap();
    let end = start + text[start..].find("  - number: 2").unwrap();
    p.write(
        &meetings,
        &format!(
            "{}    activity: \"　\"\n    outcomes: [\"\", \" \"]\n{}",
            &text[..start],
            &text[end..]
        ),
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("第１回（令和６年４月１８日開催）の活動内容（activity）と成果と課題（outcomes）がないため"),
        "{err}"
    );

    let p = TempProject::sample();
    p.write(
        &format!("content/{COUNCIL}/2025/goals.yaml"),
        "components: []\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("令和７年度の目標が１つもないため、目標の表が空になります。"),
        "{err}"
    );
}

#[test]
fn draft_minutes_mark_items_without_a_record_and_a_blank_mark_is_refused() {
    let p = TempProject::sample();
    let doc = "content/koganei-seishin/documents/r6-1-kaigiroku.yaml";
    let text = p.read(doc);
    p.write(doc, &format!("{text}status: draft\n"));
    let all = typeset_all(p.path());
    let minutes = squashed(
        all.iter()
            .find(|t| t.id == "koganei-seishin/r6-1-kaigiroku")
            .unwrap(),
    );
    assert!(
        minutes.contains("２委嘱状の交付・委員名簿の更新について（未記入）"),
        "{minutes}"
    );
    // 議題 has items of its own: it is a heading, not something unwritten.
    assert!(!minutes.contains("３議題（未記入）"), "{minutes}");

    p.edit(
        "content/koganei-seishin/council.yaml",
        "meeting_label: 協議会\n",
        "meeting_label: 協議会\nstyle:\n  draft_mark: \"　\"\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1);
    assert!(err.contains("style の draft_mark が空です。"), "{err}");
}

/// A council folder whose name holds a line break (possible on Linux): refused with the
/// folder named, and nothing written, so no YAML can be injected into the files next-year
/// writes (issue 19). The files' own comments keep any name on one line (`next_year` tests).
#[cfg(unix)]
#[test]
fn a_council_folder_named_with_a_line_break_writes_nothing() {
    let p = TempProject::sample();
    let odd = "niiza\nresults: {1-1: 未達成}";
    std::fs::rename(
        p.path().join(format!("content/{COUNCIL}")),
        p.path().join(format!("content/{odd}")),
    )
    .unwrap();
    let before = common::snapshot(&p.path().join("content"));
    let (code, out, err) = p.run(&["next-year", odd]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(err.contains("フォルダ"), "{err}");
    assert_eq!(common::snapshot(&p.path().join("content")), before);
}

/// A year folder that is a file in the way: `next-year` writes none of its files (it wrote the
/// ones before the blocked folder and left them).
#[test]
fn next_year_over_a_year_that_is_a_file_writes_nothing() {
    let p = TempProject::sample();
    p.write(&format!("content/{COUNCIL}/2026"), "not a folder");
    let before = snapshot(&p);
    let (code, out, err) = p.run(&["next-year", COUNCIL]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains(&format!("content/{COUNCIL}/2026"))
            && err.contains("同じ名前のファイルがあります"),
        "{err}"
    );
    assert_eq!(snapshot(&p), before, "{out}");
}

/// A year folder of four digits out of the years shiryo knows is named with the range, not
/// told to use four digits.
#[test]
fn a_year_folder_out_of_range_says_the_range() {
    let p = TempProject::sample();
    std::fs::create_dir_all(p.path().join(format!("content/{COUNCIL}/9999"))).unwrap();
    let (code, out, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("9999") && err.contains("2200 年度まで"),
        "{err}"
    );
    assert!(!err.contains("西暦４桁で"), "{err}");
}
