//! Times as councils write them (issue 33), chosen in `style:`: the range mark (～, 〜,
//! から…まで, から), an open end (「14:00〜」), noon as 午後０時, １２時 or 正午: in the laid-out
//! text of the minutes' PDF and page.

use super::one_council::{RECORDED, assert_both, minutes_council};

/// The minutes of a meeting from `start` to `end` (none: no end) under `style`, both formats.
fn times(style: &str, start: &str, end: Option<&str>, expected: &str, gone: &[&str]) {
    let council = format!("style: {{minutes: headings, {style}}}\n");
    let p = minutes_council(&council, RECORDED, "");
    let meetings = p.read("content/t/2024/meetings.yaml");
    let mut text = meetings.replace("start: \"14:00\"", &format!("start: \"{start}\""));
    text = match end {
        Some(e) => text.replace("end: \"16:00\"", &format!("end: \"{e}\"")),
        None => text.replace("    end: \"16:00\"\n", ""),
    };
    p.write("content/t/2024/meetings.yaml", &text);
    assert_both(&p, &[expected], gone);
}

#[test]
fn range_marks_from_content() {
    times(
        "time: 午後３時, time_range: から, noon: 12時",
        "9:30",
        Some("12:00"),
        "■日時令和６年５月１０日（金）午前９時３０分から１２時■",
        &["まで", "午後０時"],
    );
    times(
        "time: １５時, time_range: 〜",
        "9:30",
        Some("11:30"),
        "（金）９時３０分〜１１時３０分■",
        &["～"],
    );
    times(
        "time: 午後３時００分",
        "19:00",
        Some("20:45"),
        "（金）午後７時００分～午後８時４５分■",
        &[],
    );
    times(
        "time: 午後３時, time_range: から…まで, noon: 正午",
        "10:00",
        Some("12:00"),
        "（金）午前１０時から正午まで■",
        &[],
    );
}

#[test]
fn an_open_end_and_noon_from_content() {
    times(
        "time: \"15:00\", time_range: 〜, open_end: true",
        "14:00",
        None,
        "（金）14:00〜■",
        &[],
    );
    times(
        "time: 午後３時, time_range: から, open_end: true",
        "19:00",
        None,
        "（金）午後７時から■",
        &[],
    );
    // Without open_end, a meeting with no end shows its start alone.
    times("time: 午後３時", "19:00", None, "（金）午後７時■", &["～"]);
    times(
        "time: 午後３時, noon: 12時",
        "12:30",
        Some("14:00"),
        "（金）１２時３０分～午後２時■",
        &["午後０時"],
    );
}
