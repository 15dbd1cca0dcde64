//! Content for the tests of a meeting counted in a series of its own: the sample's joint
//! meeting of kitamidai-shuro and kitamidai-soudan moved to a series of its own (第１回合同部会).

use crate::common::TempProject;

/// The sample with kitamidai's joint meeting counted apart: 第１回合同部会 in both bodies'
/// meetings.yaml and documents, the record keeper's other meetings renumbered 1, 2, 3.
pub fn joint_series(p: &TempProject) {
    let shuro = "content/kitamidai-shuro/2024/meetings.yaml";
    p.edit(
        shuro,
        "  - number: 2\n    date: 2024-09-19",
        "  - number: 1\n    series: 合同部会\n    date: 2024-09-19",
    );
    p.edit(
        shuro,
        "  - number: 3\n    date: 2024-11-21",
        "  - number: 2\n    date: 2024-11-21",
    );
    p.edit(
        shuro,
        "  - number: 4\n    date: 2025-02-20",
        "  - number: 3\n    date: 2025-02-20",
    );
    p.edit(
        "content/kitamidai-soudan/2024/meetings.yaml",
        "  - number: 2\n    joint: {held_by: kitamidai-shuro, meeting: 2}",
        "  - number: 1\n    series: 合同部会\n    joint: {held_by: kitamidai-shuro, meeting: 1}",
    );
    for body in ["kitamidai-shuro", "kitamidai-soudan"] {
        p.edit(
            &format!("content/{body}/documents/r6-2-kaigiroku.yaml"),
            "meeting: 2",
            "meeting: 1\nseries: 合同部会",
        );
    }
}
