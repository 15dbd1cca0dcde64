//! Title lines in the council's words (issue 33): the meeting's label and the draft mark
//! inside a title.

use super::one_council::{assert_both, minutes_council};

/// A title line may carry the meeting's label (`{呼び方}`: 第２回全体会) and the draft mark
/// inside it (`{案}`: 議事要旨（案） in a draft, 議事要旨 once final).
#[test]
fn a_title_with_the_meetings_label_and_the_draft_mark_inside() {
    let p = minutes_council(
        "meeting_label: 全体会\nminutes:\n  title: [\"第{回}回{呼び方}\", \"議事要旨{案}\"]\n",
        "    agenda:\n      - {title: 報告, record: [{bullet: 報告を受けた。}]}\n",
        "",
    );
    p.edit("content/t/council.yaml", "meeting_label: 協議会\n", "");
    p.edit(
        "content/t/documents/minutes.yaml",
        "meeting: 1\n",
        "meeting: 1\nstatus: draft\n",
    );
    assert_both(&p, &["第１回全体会議事要旨（案）"], &[]);
    p.edit("content/t/documents/minutes.yaml", "status: draft\n", "");
    assert_both(&p, &["第１回全体会議事要旨会議名称"], &["（案）"]);
}
