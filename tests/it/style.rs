//! A council's house style (`style:` in council.yaml) reaches every document alike.

use crate::common;

use common::{TempProject, squashed, typeset_all};

fn text(all: &[shiryo::commands::build::Typeset], id: &str) -> String {
    squashed(all.iter().find(|t| t.id == id).expect(id))
}

#[test]
fn the_time_style_changes_every_document() {
    let p = TempProject::sample();
    // Without a style each document keeps its usual form.
    let all = typeset_all(p.path());
    assert!(
        text(&all, "niiza-chiiki-ikou/r6-hyoka")
            .contains("【日時】令和６年４月１８日（木）午後３時～午後５時")
    );
    assert!(
        text(&all, "koganei-seishin/r6-1-kaigiroku")
            .contains("令和６年５月２３日（木）１０：００～１１：１２")
    );
    assert!(
        text(&all, "koganei-seishin/r6-1-shidai").contains("令和６年５月２３日（木）午前１０時～")
    );

    p.edit(
        "content/koganei-seishin/council.yaml",
        "meeting_label: 協議会\n",
        "meeting_label: 協議会\nstyle:\n  time: 午後３時半\n",
    );
    p.edit(
        "content/koganei-seishin/2024/meetings.yaml",
        "start: \"10:00\"",
        "start: \"10:30\"",
    );
    p.edit(
        "content/niiza-chiiki-ikou/council.yaml",
        "meeting_label: 部会\n",
        "meeting_label: 部会\nstyle:\n  time: \"15:00\"\n  end_time: false\n",
    );
    let all = typeset_all(p.path());
    let report = text(&all, "niiza-chiiki-ikou/r6-hyoka");
    assert!(
        report.contains("【日時】令和６年４月１８日（木）15:00【場所】"),
        "{report}"
    );
    // The schedule of the next year follows the same style.
    assert!(!report.contains("午後３時"), "{report}");
    let minutes = text(&all, "koganei-seishin/r6-1-kaigiroku");
    assert!(
        minutes.contains("令和６年５月２３日（木）午前１０時半～午前１１時１２分"),
        "{minutes}"
    );
    assert!(
        minutes.contains("・令和６年１１月１４日（木）午前９時～"),
        "{minutes}"
    );
    let agenda = text(&all, "koganei-seishin/r6-1-shidai");
    assert!(
        agenda.contains("令和６年５月２３日（木）午前１０時半～"),
        "{agenda}"
    );
}

#[test]
fn an_unknown_time_style_lists_the_styles() {
    let p = TempProject::sample();
    p.edit(
        "content/koganei-seishin/council.yaml",
        "meeting_label: 協議会\n",
        "meeting_label: 協議会\nstyle:\n  time: 午後3時\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("content/koganei-seishin/council.yaml:"),
        "{err}"
    );
    assert!(err.contains("午後３時半"), "{err}");
}

/// A symbol vocabulary with its legend, under 表２ or in its header.
#[test]
fn a_symbol_vocabulary_prints_its_legend() {
    let p = TempProject::sample();
    let council = "content/niiza-chiiki-ikou/council.yaml";
    let eval = "content/niiza-chiiki-ikou/2024/evaluation.yaml";
    let text = p.read(council);
    let words = text.split("evaluation_words:").nth(1).unwrap();
    let words = &words[..words.find("roles:").unwrap()];
    p.write(
        council,
        &text.replace(
            words,
            " [◎, △, ×]\nevaluation_legend:\n  meanings: [達成, 一部達成, 未達成]\n",
        ),
    );
    let results = p
        .read(eval)
        .replace(": 一部達成", ": △")
        .replace(": 未達成", ": ×")
        .replace(": 達成", ": ◎");
    p.write(eval, &results);
    let all = typeset_all(p.path());
    let report = text_of(&all);
    assert!(report.contains("（評価）◎達成△一部達成×未達成"), "{report}");

    p.edit(
        council,
        "  meanings: [達成, 一部達成, 未達成]\n",
        "  meanings: [達成, 一部達成, 未達成]\n  place: header\n",
    );
    let all = typeset_all(p.path());
    let report = text_of(&all);
    assert!(!report.contains("（評価）"), "{report}");
    assert!(
        report.contains("Ｒ６年度評価結果◎達成△一部達成×未達成"),
        "{report}"
    );

    p.edit(
        council,
        "  meanings: [達成, 一部達成, 未達成]\n",
        "  meanings: [達成, 未達成]\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("凡例の意味（evaluation_legend.meanings）が 2 個"),
        "{err}"
    );
}

fn text_of(all: &[shiryo::commands::build::Typeset]) -> String {
    text(all, "niiza-chiiki-ikou/r6-hyoka")
}

/// The ■-heading minutes, chosen in council.yaml.
#[test]
fn the_heading_form_of_the_minutes() {
    let p = TempProject::sample();
    p.edit(
        "content/koganei-seishin/council.yaml",
        "meeting_label: 協議会\n",
        "meeting_label: 協議会\nstyle:\n  minutes: headings\n  names: 岡本 誠（部会長）\n",
    );
    let all = typeset_all(p.path());
    let minutes = text(&all, "koganei-seishin/r6-1-kaigiroku");
    for part in [
        "■日時令和６年５月２３日（木）午前１０時～午前１１時１２分",
        "■場所小金井市役所第二庁舎８０１会議室",
        "■出席者委員：小髙（会長）、牧野（副会長）",
        "欠席：渡部、藤原",
        "事務局：自立生活支援課長、相談支援係長、相談支援係主事",
        "■傍聴者１人",
        "■資料【事前送付資料】資料１小金井市精神保健福祉連絡協議会委員名簿",
        "■議事１開会",
        "（意見なし。承諾された。）",
    ] {
        assert!(minutes.contains(part), "{part}\n{minutes}");
    }
    assert!(!minutes.contains("会議名称"), "{minutes}");
}

/// Half-width digits in every value: dates, times, meeting and goal numbers.
#[test]
fn half_width_digits_reach_every_number() {
    let p = TempProject::sample();
    p.edit(
        "content/niiza-chiiki-ikou/council.yaml",
        "meeting_label: 部会\n",
        "meeting_label: 部会\nstyle:\n  digits: 半角\n",
    );
    let all = typeset_all(p.path());
    let report = text_of(&all);
    for part in [
        "令和6年度評価結果及び令和7年度目標設定",
        "第1回部会",
        "【日時】令和6年4月18日（木）午後3時～午後5時",
        "【出席者】35名",
        "1-1",
        "6-5（3-7【再掲】）",
    ] {
        assert!(report.contains(part), "{part}\n{report}");
    }
    assert!(!report.contains("令和６年"), "{report}");
}

/// Agenda numbering, names with roles, and the council joined to its body with a space.
#[test]
fn numbering_names_and_the_issuer_follow_the_style() {
    let p = TempProject::sample();
    p.edit(
        "content/koganei-seishin/council.yaml",
        "meeting_label: 協議会\n",
        "meeting_label: 協議会\nbody: 地域移行部会\nstyle:\n  numbering: １． (1) ア\n  names: 岡本 委員\n  space_before_body: true\n",
    );
    let all = typeset_all(p.path());
    let minutes = text(&all, "koganei-seishin/r6-1-kaigiroku");
    for part in [
        "会議名称令和６年度第１回小金井市精神保健福祉連絡協議会地域移行部会",
        "小髙会長、牧野副会長",
        "１．開会",
        "(1)今年度の目標設定について",
    ] {
        assert!(minutes.contains(part), "{part}\n{minutes}");
    }
    // Spaces are squashed out of `text`; the raw runs keep them.
    let raw: String = all
        .iter()
        .find(|t| t.id == "koganei-seishin/r6-1-kaigiroku")
        .map(common::flow)
        .unwrap();
    assert!(raw.contains("連絡協議会 地域移行部会"), "{raw}");
    assert!(raw.contains("小髙 会長"), "{raw}");
    let agenda = text(&all, "koganei-seishin/r6-1-shidai");
    assert!(
        agenda.contains("１．開会") && agenda.contains("(1)今年度の目標設定"),
        "{agenda}"
    );
}

/// A training course in 表１: its lecturer, date, place and participants with the breakdown.
#[test]
fn a_training_course_with_its_lecturer_and_participants() {
    let all = typeset_all(&common::repo());
    let report = text(&all, "sakuradai-seishin/h30-hyoka");
    for part in [
        "市民向け研修会「こころの健康を地域で支える」",
        "【講師】桜台こころのクリニック院長山口恵",
        "【日時】平成30年11月17日（土）13:30～15:30",
        "【場所】桜台市民会館大ホール",
        "【参加者】計63名（市民41名、事業所職員17名、当事者・家族5名）",
        // The report of March 2019 names the next year as it was then: 平成３１年度.
        "平成30年度評価結果及び平成31年度目標設定",
        "（評価）◎達成○概ね達成△一部達成×未達成",
    ] {
        assert!(report.contains(part), "{part}\n{report}");
    }
    // A total that does not match its breakdown is an error.
    let p = TempProject::sample();
    p.edit(
        "content/sakuradai-seishin/2018/meetings.yaml",
        "total: 63",
        "total: 64",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("参加者の合計（64名）と内訳の合計（63名）が合いません"),
        "{err}"
    );
}

/// The fourth sample, written from content alone, prints what its content says.
#[test]
fn the_minato_sample_minutes() {
    let all = typeset_all(&common::repo());
    let minutes = text(&all, "minato-kyogikai/r7-1-kaigiroku");
    for part in [
        "会議名称令和７年度第１回みなと市地域自立支援協議会地域移行部会",
        "開催場所オンライン開催（Web会議）",
        "（敬称略）",
        "田中委員（欠席）",
        "事務局：福祉部障がい福祉課（課長、担当）",
        "オブザーバー：広域アドバイザー松本",
        "傍聴の可否可傍聴者数なし",
        "(1)長期入院者の地域移行について",
        "ア病院との連携",
        "・（部会長）病院の地域連携室と",
        "資料２長期入院者の状況（当日配付）",
    ] {
        assert!(minutes.contains(part), "{part}\n{minutes}");
    }
}

/// A mistyped key under `report:` is an error at its line, and so is a placeholder that would
/// print as written.
#[test]
fn an_unknown_report_word_is_an_error_at_its_line() {
    let p = TempProject::sample();
    let council = "content/niiza-chiiki-ikou/council.yaml";
    let text = p.read(council);
    // The sample's council.yaml ends with its report.labels (にも包括構成要素).
    assert!(text.ends_with("  labels:\n    component: にも包括構成要素\n"));
    let line = text.lines().count() + 1;
    p.write(council, &format!("{text}    componet: 重点項目\n"));
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("{council}:{line}")), "{err}");
    assert!(err.contains("componet"), "{err}");

    p.write(
        council,
        &format!("{text}    evaluation: \"{{年}}の評価結果\"\n"),
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("{council}:{line}")), "{err}");
    assert!(err.contains("{年}") && err.contains("{年度}"), "{err}");
}

/// The house style's words reach every document and both formats from one rule (issue 20):
/// 曜日, から…まで, 午後 once, the undecided word and the hybrid place, in the report (表１ and
/// the schedule) and in the ruled minutes and agenda, PDF and web page alike.
#[test]
fn house_style_phrases_reach_every_document_in_both_formats() {
    let p = TempProject::sample();
    p.edit(
        "content/niiza-chiiki-ikou/council.yaml",
        "meeting_label: 部会\n",
        "meeting_label: 部会\nstyle:\n  weekday: （木曜日）\n  time_range: から…まで\n  repeat_meridiem: false\n  undecided: 調整中\n",
    );
    p.edit(
        "content/minato-kyogikai/council.yaml",
        "  numbering: １． (1) ア\n",
        "  numbering: １． (1) ア\n  weekday: （木曜日）\n  hybrid_place: \"{場所}およびオンライン\"\n",
    );
    p.edit(
        "content/minato-kyogikai/2025/meetings.yaml",
        "    format: online\n    venue: Web会議\n",
        "    format: hybrid\n    venue: 区役所会議室\n",
    );
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");
    let all = typeset_all(p.path());
    let pdf = |id: &str| squashed(all.iter().find(|t| t.id == id).unwrap());
    let page = |rel: &str| {
        let html = p.read(&format!("output/{rel}.html"));
        let dom = common::dom::Dom::parse(&html);
        let text = dom.select("body")[0].text();
        text.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    for text in [
        pdf("niiza-chiiki-ikou/r6-hyoka"),
        page("niiza-chiiki-ikou/r6-hyoka"),
    ] {
        assert!(
            text.contains("【日時】令和６年４月１８日（木曜日）午後３時から５時まで"),
            "{text}"
        );
        assert!(text.contains("場所：調整中"), "{text}");
        assert!(!text.contains("（木）") && !text.contains("未定"), "{text}");
    }
    for rel in [
        "minato-kyogikai/r7-1-kaigiroku",
        "minato-kyogikai/r7-1-shidai",
    ] {
        for text in [pdf(rel), page(rel)] {
            assert!(text.contains("（木曜日）"), "{rel}: {text}");
            assert!(
                text.contains("区役所会議室およびオンライン"),
                "{rel}: {text}"
            );
        }
    }
}

/// `style.page_number`: the council's form of the page number, in the PDF (Typst's page
/// counter) and in the Word file (PAGE and NUMPAGES fields), from one pattern; a pattern
/// without {番号} is refused at its line.
#[test]
fn the_page_number_is_printed_in_the_councils_form() {
    let p = TempProject::sample();
    p.edit(
        "content/niiza-chiiki-ikou/council.yaml",
        "meeting_label: 部会\n",
        "meeting_label: 部会\nstyle:\n  page_number: \"－ {番号} － ／{総数}\"\n",
    );
    let (code, out, err) = p.run(&["build", "--docx", "niiza-chiiki-ikou/r6-hyoka"]);
    assert_eq!(code, 0, "{out}{err}");
    let all = typeset_all(p.path());
    let report = all
        .iter()
        .find(|t| t.id == "niiza-chiiki-ikou/r6-hyoka")
        .unwrap();
    let pages = common::page_texts(report);
    let total = pages.len();
    assert!(total > 2, "{total}");
    for (i, page) in pages.iter().enumerate().skip(1) {
        let last = page.last().map(String::as_str).unwrap_or_default();
        assert_eq!(last, format!("－ {} － ／{total}", i + 1), "page {}", i + 1);
    }
    // Another council keeps the usual number.
    let minutes = all
        .iter()
        .find(|t| t.id == "koganei-seishin/r6-1-kaigiroku")
        .unwrap();
    let pages = common::page_texts(minutes);
    assert_eq!(pages[1].last().map(String::as_str), Some("2"));

    let bytes = std::fs::read(p.path().join("output/niiza-chiiki-ikou/r6-hyoka.docx")).unwrap();
    let parts = common::docx::parts(&bytes);
    let footer = &parts["word/footer1.xml"];
    let at = |s: &str| footer.find(s).unwrap_or_else(|| panic!("{s} in {footer}"));
    assert!(at("－ ") < at("instr=\" PAGE \""), "{footer}");
    assert!(
        at("instr=\" PAGE \"") < at(" ／") && at(" ／") < at("instr=\" NUMPAGES \""),
        "{footer}"
    );

    p.edit(
        "content/niiza-chiiki-ikou/council.yaml",
        "page_number: \"－ {番号} － ／{総数}\"",
        "page_number: \"{ページ}\"",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    let line = |needle: &str| {
        let text = p.read("content/niiza-chiiki-ikou/council.yaml");
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    };
    let n = line("page_number:");
    let at_line = format!("エラー: content/niiza-chiiki-ikou/council.yaml:{n}:");
    assert!(
        err.lines().any(|l| l.starts_with(&at_line)
            && l.contains("style の page_number に、使えない {ページ} があります。")),
        "{err}"
    );
    assert!(
        err.contains("style の page_number に {番号} がありません。"),
        "{err}"
    );
    assert!(
        err.contains("ページの番号が入る所に {番号} と書いてください"),
        "{err}"
    );
}
