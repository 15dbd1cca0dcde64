//! What issue 31 asked of packets and minutes forms, in real output: a document in a packet
//! is one sheet (the packet's stamp and page number only), `minutes:` changes what it names
//! and keeps the rest of the shipped form, and the shipped forms print what content says
//! (online members, an item's transcript) without a form of the council's own.

use super::common::{TempProject, squashed, typeset_all};
use super::{by_id, stamps};
use shiryo::typeset::text_runs;

/// The sample's annual report (資料７, 17 pages), as a draft, in a draft packet of meeting 7
/// of its year.
fn report_in_a_packet(p: &TempProject) {
    p.edit(
        "content/niiza-chiiki-ikou/documents/r6-hyoka.yaml",
        "year: 2024\n",
        "year: 2024\nstatus: draft\n",
    );
    p.edit(
        "content/niiza-chiiki-ikou/2024/meetings.yaml",
        "activities:\n",
        "    materials:\n      - {title: 次第, agenda: true}\n      - {title: 令和６年度評価結果, document: r6-hyoka}\n    agenda:\n      - title: 評価について\nactivities:\n",
    );
    p.write(
        "content/niiza-chiiki-ikou/documents/r6-7-shiryo.yaml",
        "type: packet\nyear: 2024\nmeeting: 7\nstatus: draft\n",
    );
}

/// Runs of one page at its top (a stamp) and at its foot (a page number).
fn top_and_foot(t: &shiryo::commands::build::Typeset, page: usize) -> (Vec<String>, Vec<String>) {
    let runs = text_runs(&t.document);
    let on = |keep: &dyn Fn(f64) -> bool| {
        runs.iter()
            .filter(|r| r.page == page && keep(r.y))
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
    };
    (on(&|y| y < 60.0), on(&|y| y > 780.0))
}

#[test]
fn a_document_in_a_packet_is_one_sheet_under_the_packets_stamp() {
    let p = TempProject::sample();
    report_in_a_packet(&p);
    // The report on its own: 資料７ and the draft mark at the top of every page, its page
    // numbers at the foot.
    let all = typeset_all(p.path());
    let own = by_id(all, "niiza-chiiki-ikou/r6-hyoka");
    let (top, foot) = top_and_foot(&own, 2);
    assert_eq!(top.concat(), "資料７案");
    assert_eq!(foot, ["2"]);
    // As the packet holds it: neither, so the packet's stamp and number are the only ones.
    let mut builder = shiryo::commands::build::Builder::new(p.path()).unwrap();
    let (project, _) = builder.load().unwrap();
    let council = (project.councils.iter())
        .find(|c| c.slug == "niiza-chiiki-ikou")
        .unwrap();
    let doc = (council.documents.iter())
        .find(|d| d.name == "r6-hyoka")
        .unwrap();
    let meeting = &council.years[&2024].meetings.meetings[6];
    let sheet = builder
        .sheet(council, doc, &meeting.materials[1], &[])
        .unwrap();
    assert_eq!(sheet.document.pages().len(), own.document.pages().len());
    for page in 1..=sheet.document.pages().len() {
        let (top, foot) = top_and_foot(&sheet, page);
        assert!(top.is_empty(), "page {page}: {top:?}");
        assert!(foot.is_empty(), "page {page}: {foot:?}");
    }
    // The packet stamps 資料１ and its draft mark on each of the report's pages (the mark
    // alone on the 次第) and numbers every page once.
    let packet = by_id(typeset_all(p.path()), "niiza-chiiki-ikou/r6-7-shiryo");
    let pages = packet.document.pages().len();
    assert_eq!(pages, 1 + own.document.pages().len());
    let stamped = stamps(&packet);
    assert_eq!(stamped[0], "案");
    assert!(stamped[1..].iter().all(|s| s == "資料１案"), "{stamped:?}");
    for page in 1..=pages {
        assert_eq!(top_and_foot(&packet, page).1, [page.to_string()]);
    }
    // check says the two numbers differ, at the material's line, naming both.
    let (code, out, err) = p.run(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("資料一式では「資料１」ですが、文書 r6-hyoka では「資料７」です"),
        "{err}"
    );
    assert!(err.contains("この資料に number: ７ と書く"), "{err}");
}

#[test]
fn minutes_change_what_they_name_and_keep_the_shipped_form() {
    let p = TempProject::sample();
    let council = "content/koganei-seishin/council.yaml";
    let before = squashed(&by_id(
        typeset_all(p.path()),
        "koganei-seishin/r6-1-kaigiroku",
    ));
    p.edit(
        council,
        "roles:\n",
        "minutes:\n  title: [会議録]\n  materials: {groups: always, sent_label: 《送付した資料》}\nroles:\n",
    );
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    let after = squashed(&by_id(
        typeset_all(p.path()),
        "koganei-seishin/r6-1-kaigiroku",
    ));
    // What was named changed.
    assert!(!after.contains("会議録（要点記録）"), "{after}");
    assert!(after.contains("《送付した資料》"), "{after}");
    // The rest is the shipped ruled form, as before.
    for kept in [
        "会議名称令和６年度第１回小金井市精神保健福祉連絡協議会",
        "開催日時令和６年５月２３日（木）１０：００～１１：１２",
        "事務局：自立生活支援課長、相談支援係長、相談支援係主事",
        "傍聴の可否可傍聴者数１人",
    ] {
        assert!(
            before.contains(kept) && after.contains(kept),
            "{kept}\n{after}"
        );
    }
}

#[test]
fn the_shipped_form_prints_online_members_and_an_items_transcript() {
    let p = TempProject::sample();
    let meetings = "content/koganei-seishin/2024/meetings.yaml";
    p.edit(meetings, "    absent:", "    online: [坂上]\n    absent:");
    p.edit(
        meetings,
        "      - title: 委嘱状の交付・委員名簿の更新について\n",
        "      - title: 委嘱状の交付・委員名簿の更新について\n        transcript:\n          - speaker: 部会長\n            said: [よろしくお願いします。]\n",
    );
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    let minutes = squashed(&by_id(
        typeset_all(p.path()),
        "koganei-seishin/r6-1-kaigiroku",
    ));
    assert!(minutes.contains("（以下オンライン）坂上委員"), "{minutes}");
    assert!(
        minutes.contains("（部会長）よろしくお願いします。"),
        "{minutes}"
    );
}
