//! A council's own templates: `content/<council>/templates/` laid over `templates/` for that
//! council only.

mod common;

use common::{TempProject, squashed, typeset_all};

#[test]
fn a_council_template_changes_that_council_only() {
    let p = TempProject::sample();
    // A second council, the same as the first.
    let from = p.path().join("content/koganei-seishin");
    let to = p.path().join("content/other-council");
    common::copy_dir(&from, &to);
    // The first council's own agenda: the shipped one with a heading of its own.
    let shipped = p.read("templates/agenda.typ.j2");
    let own = shipped.replace(
        "#title[{{ name }}#linebreak()次第]",
        "#title[{{ name }}#linebreak()会議次第（当協議会の様式）]",
    );
    assert_ne!(own, shipped);
    p.write("content/koganei-seishin/templates/agenda.typ.j2", &own);

    let all = typeset_all(p.path());
    let text = |id: &str| squashed(all.iter().find(|t| t.id == id).expect(id));
    assert!(text("koganei-seishin/r6-1-shidai").contains("会議次第（当協議会の様式）"));
    assert!(!text("other-council/r6-1-shidai").contains("当協議会の様式"));

    // A mistake in a council's template is reported at that file.
    p.write(
        "content/koganei-seishin/templates/agenda.typ.j2",
        &own.replace(
            "{{ name }}#linebreak()会議次第",
            "{{ nothing.here }}#linebreak()会議次第",
        ),
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/koganei-seishin/templates/agenda.typ.j2:"),
        "{err}"
    );
    assert!(!err.contains("エラー: templates/agenda.typ.j2"), "{err}");
}
