//! A council's own templates: `content/<council>/templates/` laid over `templates/` for that
//! council only.

use crate::common;

use common::{TempProject, squashed, typeset_all};

#[test]
fn a_council_template_changes_that_council_only() {
    let p = TempProject::sample();
    // A second council, the same as the first.
    let from = p.path().join("content/koganei-seishin");
    let to = p.path().join("content/other-council");
    common::copy_dir(&from, &to);
    // The first council's own agenda: the shipped one with a title of its own, written as
    // an extension of the shipped file rather than a copy of it.
    let own = "{% extends \"shipped/agenda.typ.j2\" %}\n{% block title %}\n#title[{{ agenda_sheet.title[0] }}#linebreak()会議次第（当協議会の様式）]\n#pagebreak()\n{% endblock %}\n";
    p.write("content/koganei-seishin/templates/agenda.typ.j2", own);
    p.write(
        "content/koganei-seishin/templates/agenda.html.j2",
        "{% extends \"shipped/agenda.html.j2\" %}\n{% block materials %}{% endblock %}\n",
    );
    let all = typeset_all(p.path());
    let text = |id: &str| squashed(all.iter().find(|t| t.id == id).expect(id));
    assert!(text("koganei-seishin/r6-1-shidai").contains("会議次第（当協議会の様式）"));
    assert!(!text("other-council/r6-1-shidai").contains("当協議会の様式"));
    // The rest of the agenda is the shipped one's.
    let shidai = text("koganei-seishin/r6-1-shidai");
    assert!(shidai.contains("日時："), "{shidai}");
    assert!(shidai.contains("【資料】"), "{shidai}");
    // The packet's first sheet is the council's own agenda: its title stands on a page of its
    // own there too (the packet's pages are placed images, so they are counted).
    let pages = |id: &str| {
        all.iter()
            .find(|t| t.id == id)
            .expect(id)
            .document
            .pages()
            .len()
    };
    assert_eq!(
        pages("koganei-seishin/r6-1-shidai"),
        pages("other-council/r6-1-shidai") + 1
    );
    assert_eq!(
        pages("koganei-seishin/r6-1-shiryo"),
        pages("other-council/r6-1-shiryo") + 1
    );

    // The page extends the shipped page and leaves out its materials.
    let (code, _, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{err}");
    let page = p.read("output/koganei-seishin/r6-1-shidai.html");
    assert!(page.contains("日時："), "{page}");
    assert!(!page.contains("【資料】"), "{page}");
    let other = p.read("output/other-council/r6-1-shidai.html");
    assert!(other.contains("【資料】"), "{other}");

    // A mistake in a council's template is reported at that file.
    p.write(
        "content/koganei-seishin/templates/agenda.typ.j2",
        &own.replace("agenda_sheet.title[0]", "nothing.here"),
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("content/koganei-seishin/templates/agenda.typ.j2:"),
        "{err}"
    );
    assert!(!err.contains("エラー: templates/agenda.typ.j2"), "{err}");
}

/// A template that reads a file outside the project is told so in Japanese, not called a
/// mistake in its Typst with the reason left in English.
#[test]
fn a_template_reading_outside_the_project_says_so() {
    let p = TempProject::sample();
    let template = "templates/member_list.typ.j2";
    for path in ["../../../../etc/passwd", "/../outside.txt"] {
        let text = p.read(template);
        p.write(template, &format!("{text}\n#read(\"{path}\")\n"));
        let (code, _, err) = p.run(&["check"]);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("プロジェクトのフォルダの外のファイルは読めません"),
            "{path}: {err}"
        );
        assert!(!err.contains("書き方に誤りがあります"), "{path}: {err}");
        p.write(template, &text);
    }
}
