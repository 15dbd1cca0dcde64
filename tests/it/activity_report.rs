//! Reports that are not 「評価結果及び目標設定」 (issue 33): the report's sections, their order,
//! their words and whether each appears are written in council.yaml's `report:`, and the
//! document needs only what its sections print. Read back from the laid-out PDF, the page and
//! the Word file, which say the same phrases.

use crate::common;

use common::dom::Dom;
use common::{TempProject, copy_dir, repo, small_council, typeset_all};

const FUKUOKA: &str = "content/fukuoka-nimohoukatsu";
const DOC: &str = "content/fukuoka-nimohoukatsu/documents/r6-bukai-houkoku.yaml";

/// The Fukuoka activity report alone, in a project of its own.
fn fukuoka() -> TempProject {
    let p = TempProject::empty();
    copy_dir(&repo().join(FUKUOKA), &p.path().join(FUKUOKA));
    p
}

/// The report's laid-out lines top to bottom, whitespace removed: a table's rows read across
/// (the kind of a row beside its date), as on paper.
fn report_lines(p: &TempProject) -> String {
    lines(&typeset_all(p.path()).remove(0))
}

fn lines(t: &shiryo::commands::build::Typeset) -> String {
    common::text(t)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Where each of `parts` is found in `text`, in order; panics naming the first one missing
/// or out of order.
fn in_order(text: &str, parts: &[&str]) {
    let mut at = 0;
    for part in parts {
        match text[at..].find(part) {
            Some(i) => at += i + part.len(),
            None => panic!("{part} (in order) in {text}"),
        }
    }
}

#[test]
fn an_activity_report_is_final_with_no_evaluation_members_or_empty_table() {
    let p = fukuoka();
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = p.run(&["build", "--html", "--docx"]);
    assert_eq!(code, 0, "{out}{err}");

    let t = typeset_all(p.path()).remove(0);
    let flow = lines(&t);
    in_order(
        &flow,
        &[
            "精神障がいに対応した地域包括ケアシステム検討部会報告",
            "１．部会設置の目的等",
            "精神障がい者が、地域の一員として",
            "２．令和６年度の部会・研修会開催状況",
            // The rows in the order held, a training course's kind beside its date and content.
            "研修会開催日令和６年７月１７日（水）主な内容・テーマ：「精神障がいのある方とともに地域で暮らすために」",
            "・講師：内野秀雄氏（当部会委員、油山病院）西村隆之氏（当部会委員、西区基幹相談支援センター）早良区基幹相談支援センター職員２名",
            "・参加者：早良区民生委員児童委員障がい者部計６３名",
            "部会開催日令和６年１１月１８日（月）主な内容・にも包括構築支援事業、厚生労働省行政説明報告",
            "研修会開催日令和７年１月２４日（金）",
            "・内容：講演、グループワーク（オンライン同時開催）",
            "・講師：埼玉県白岡市埼葛北地区基幹相談支援センター長吉澤久美子氏（構築支援事業広域アドバイザー）",
            "部会開催日令和７年３月１０日（月）",
            "・福岡市の現状について共有",
            "３．検討・協議内容",
            "・当部会では、",
        ],
    );
    // Final: no 案; no date, author, parent council, evaluation, goals or members.
    for absent in [
        "案",
        "福岡市障がい者等地域生活支援協議会",
        "表２",
        "表３",
        "評価",
        "活動目標",
        "委員の構成",
        "部会長",
        "令和７年３月３１日",
    ] {
        assert!(!flow.contains(absent), "{absent}: {flow}");
    }
    let pages = common::page_texts(&t);
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0][0], "資料４", "the 資料番号 alone at the top");

    // The page: the same words, the table's rows as row groups headed by their kind.
    let page = p.read("output/fukuoka-nimohoukatsu/r6-bukai-houkoku.html");
    let doc = Dom::parse(&common::unphrased(&page));
    let text = |sel: &str| -> Vec<String> {
        doc.select(sel)
            .iter()
            .map(|e| e.text().split_whitespace().collect())
            .collect()
    };
    assert_eq!(
        text("h1"),
        ["精神障がいに対応した地域包括ケアシステム検討部会報告"]
    );
    assert_eq!(
        text("main > h2"),
        [
            "１．部会設置の目的等",
            "２．令和６年度の部会・研修会開催状況",
            "３．検討・協議内容"
        ]
    );
    assert_eq!(
        text("table.held caption"),
        ["令和６年度の部会・研修会開催状況"]
    );
    assert_eq!(
        text("table.held th[scope=rowgroup]"),
        ["研修会", "部会", "研修会", "部会"]
    );
    let items = text("table.held li");
    assert!(
        items.contains(
            &"・講師：内野秀雄氏（当部会委員、油山病院）西村隆之氏（当部会委員、西区基幹相談支援センター）早良区基幹相談支援センター職員２名".to_string()
        ),
        "{items:?}"
    );
    assert!(
        items.contains(&"・参加者：保健、医療、福祉関係者計８３名".to_string()),
        "{items:?}"
    );
    assert!(doc.select(".draft").is_empty() && doc.select(".author").is_empty());
    assert!(doc.select("header time").is_empty(), "no date: {page}");

    // The Word file: the same phrases, the kind merged down its two rows.
    let bytes = std::fs::read(
        p.path()
            .join("output/fukuoka-nimohoukatsu/r6-bukai-houkoku.docx"),
    )
    .unwrap();
    let parts = common::docx::parts(&bytes);
    common::docx::check_xml(&parts, "docx");
    let paragraphs = common::docx::paragraphs(&parts["word/document.xml"]);
    for said in [
        "精神障がいに対応した地域包括ケアシステム検討部会報告",
        "２．令和６年度の部会・研修会開催状況",
        "・講　師：埼玉県白岡市埼葛北地区基幹相談支援センター長\n吉澤久美子氏（構築支援事業広域アドバイザー）",
        "・参加者：早良区民生委員児童委員 障がい者部\n計６３名",
    ] {
        assert!(
            paragraphs.iter().any(|p| p == said),
            "{said}: {paragraphs:?}"
        );
    }
    assert!(!paragraphs.iter().any(|p| p.contains('案')));
}

/// What a report needs follows its sections: none of the evaluation's files for an activity
/// report, each one a section prints; a date and an author where the form prints them; the
/// texts its sections print; a warning for a text no section prints.
#[test]
fn a_report_needs_only_what_its_sections_print() {
    let p = fukuoka();
    let council = format!("{FUKUOKA}/council.yaml");
    // No members.yaml, goals or evaluation, and no evaluation words: nothing asks for them.
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");

    p.edit(
        &council,
        "    - section: discussion\n",
        "    - section: discussion\n    - section: members\n    - section: evaluation\n      unlabelled: true\n",
    );
    p.edit(&council, "  date: false\n", "");
    p.edit(&council, "  author: false\n", "");
    p.edit(
        DOC,
        "material: 資料４\n",
        "material: 資料４\ngoals_introduction: [目標の文]\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    for said in [
        "令和７年度の委員（members.yaml）がありません",
        "令和６年度の評価（evaluation.yaml）がありません",
        "評価の言葉（evaluation_words）が空です",
        "資料の日付（date）がありません",
        "作成者（author）がありません",
        "警告: content/fukuoka-nimohoukatsu/documents/r6-bukai-houkoku.yaml:6",
        "目標設定の初めの文（goals_introduction）は、この協議会の報告の様式に印刷する章がないため、印刷されません",
    ] {
        assert!(err.contains(said), "{said}: {err}");
    }

    // The texts its sections print: the purpose at its file, the discussion at the document.
    let p = fukuoka();
    let text = p.read(&council);
    let purpose = text.find("purpose:").unwrap();
    let report = text.find("\nreport:").unwrap() + 1;
    p.write(
        &council,
        &format!("{}{}", &text[..purpose], &text[report..]),
    );
    let doc = p.read(DOC);
    p.write(DOC, &doc[..doc.find("discussion:").unwrap()]);
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("エラー: {council}"))
            && err.contains("設置の目的（purpose）がないため"),
        "{err}"
    );
    assert!(
        err.contains("検討・協議内容（discussion）がないため、その章が空になります"),
        "{err}"
    );
    // A draft says so, and builds with the places still to write marked.
    p.edit(
        DOC,
        "type: annual_report\n",
        "type: annual_report\nstatus: draft\n",
    );
    let (code, _, err) = p.run(&["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("警告") && !err.contains("エラー"), "{err}");

    // A held meeting with nothing to say under 主な内容, and a lecturer who is no one.
    let p = fukuoka();
    let meetings = format!("{FUKUOKA}/2024/meetings.yaml");
    p.edit(
        &meetings,
        "    agenda:\n      - title: 部会委員の活動報告、支援者研修会報告\n      - title: 今後の当検討部会と各区の連携体制について協議（市と区の連携体制及び部会の役割整理）\n      - title: 福岡市の現状について共有\n",
        "",
    );
    p.edit(
        &meetings,
        "      - {affiliation: 早良区基幹相談支援センター, post: 職員, count: 2}\n",
        "      - {post: 職員, count: 2}\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("第２回（令和７年３月１０日開催）の主な内容がないため"),
        "{err}"
    );
    assert!(
        err.contains(&format!("エラー: {meetings}:18"))
            && err.contains("講師の名前（name）も所属（affiliation）もありません"),
        "{err}"
    );
}

/// An evaluation report reshaped in content: 表１ and 表２ without 表３, schedule or members,
/// then the items carried over; headings numbered over the headed sections only; the next
/// year's files not asked for.
#[test]
fn sections_chosen_ordered_and_numbered_in_content() {
    let p = TempProject::empty();
    small_council(&p, 2, "事業所の見学", "見学先が増えた。");
    let c = "content/test";
    p.edit(
        &format!("{c}/council.yaml"),
        "roles: [部会長]\n",
        "roles: [部会長]\nreport:\n  title: [\"{部会}\", \"{年度}活動報告\"]\n  author: false\n  sections:\n    - section: activities\n      label: \"{年度}の活動\"\n    - section: evaluation\n      unlabelled: true\n    - section: carry_over\n  labels:\n    carry_over: 次年度への課題\n",
    );
    for f in ["goals", "meetings", "members"] {
        std::fs::remove_file(p.path().join(format!("{c}/2025/{f}.yaml"))).unwrap();
    }
    p.edit(
        &format!("{c}/documents/report.yaml"),
        "introduction: [はじめの文章です。]\n",
        "carry_over: [見学先を市外にも広げる。, 報告の仕方を決める。]\n",
    );
    let (code, out, err) = p.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{out}{err}");

    let flow = report_lines(&p);
    in_order(
        &flow,
        &[
            "令和７年３月２５日",
            "テスト部会令和６年度活動報告",
            "１令和６年度の活動",
            "【表１令和６年度活動内容と成果と課題】",
            "第１回部会",
            "【表２令和６年度の評価結果】",
            "２次年度への課題",
            "・見学先を市外にも広げる。・報告の仕方を決める。",
        ],
    );
    for absent in [
        "テスト市協議会",
        "山田太郎",
        "【表３",
        "活動日程",
        "委員の構成",
    ] {
        assert!(!flow.contains(absent), "{absent}: {flow}");
    }

    let page = common::unphrased(&p.read("output/test/report.html"));
    let doc = Dom::parse(&page);
    let h2: Vec<String> = doc
        .select("main > h2")
        .iter()
        .map(|e| e.text().split_whitespace().collect())
        .collect();
    assert_eq!(h2, ["１令和６年度の活動", "２次年度への課題"]);
    // The contents list the tables of the chapter the unlabelled 表２ continues.
    let toc: Vec<String> = doc.select("nav li li").iter().map(|e| e.text()).collect();
    assert_eq!(
        toc,
        [
            "【表１ 令和６年度活動内容と成果と課題】",
            "【表２ 令和６年度の評価結果】"
        ]
    );
    let items: Vec<String> = doc
        .select("main ul.record li")
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(
        items,
        ["・見学先を市外にも広げる。", "・報告の仕方を決める。"]
    );
    assert!(doc.select(".author").is_empty());
}

/// The form's words that cannot be filled are errors at their place in council.yaml; a form
/// with no section is refused; a caption for the 開催状況 prints in the PDF when written.
#[test]
fn the_forms_words_are_checked_and_a_caption_prints_when_written() {
    let p = fukuoka();
    let council = format!("{FUKUOKA}/council.yaml");
    p.edit(&council, "[\"{部会}報告\"]", "[\"{部署}報告\"]");
    p.edit(
        &council,
        "      label: 部会設置の目的等\n",
        "      label: \"{年}の目的\"\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("report.title[0] の {部署} は、埋められない書き方です")
            && err.contains("{部会}（部会の名前だけ"),
        "{err}"
    );
    assert!(
        err.contains("report.sections[0].label の {年} は、埋められない書き方です"),
        "{err}"
    );

    let p = fukuoka();
    let text = p.read(&council);
    let from = text.find("  sections:").unwrap();
    let to = text.find("  labels:").unwrap();
    p.write(
        &council,
        &format!("{}  sections: []\n{}", &text[..from], &text[to..]),
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("章が１つもありません"), "{err}");

    let p = fukuoka();
    p.edit(
        &council,
        "  labels:\n",
        "  labels:\n    held_caption: 【表　部会・研修会の開催状況】\n    meeting_kind: \"{会議}（第{回}回）\"\n",
    );
    let flow = report_lines(&p);
    in_order(
        &flow,
        &[
            "２．令和６年度の部会・研修会開催状況【表部会・研修会の開催状況】研修会",
            "部会（第１回）開催日令和６年１１月１８日",
            "部会（第２回）",
        ],
    );
}

/// `next-year` starts the cycle of goals; a report whose form sets none says how to go on
/// instead of asking for goals it never prints, and writes nothing.
#[test]
fn next_year_explains_a_report_without_goals() {
    let p = fukuoka();
    let (code, out, err) = p.run(&["next-year", "fukuoka-nimohoukatsu"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        err.contains("目標の章（goals）がないため、next-year では次の年度を始められません")
            && err.contains("year: を 2025 に直し"),
        "{err}"
    );
    assert!(!p.path().join(format!("{FUKUOKA}/2025")).exists());
}

/// The 開催状況 as a table of the columns the form names, in its order, under a header row:
/// the same rows and phrases in the PDF and on the page; `columns` where it does nothing is
/// said so, and a table of no column is refused.
#[test]
fn the_meetings_table_in_the_columns_the_form_names() {
    let p = fukuoka();
    let council = format!("{FUKUOKA}/council.yaml");
    p.edit(
        &council,
        "    - section: meetings\n",
        "    - section: meetings\n      columns: [date, kind, content]\n",
    );
    p.edit(&council, "  labels:\n", "  labels:\n    held_kind: 種別\n");
    let (code, out, err) = p.run(&["build", "--html", "--docx"]);
    assert_eq!(code, 0, "{out}{err}");
    let flow = report_lines(&p);
    in_order(
        &flow,
        &[
            "開催日種別主な内容",
            "令和６年７月１７日（水）研修会・テーマ：「精神障がいのある方とともに地域で暮らすために」",
            "令和６年１１月１８日（月）部会・にも包括構築支援事業、厚生労働省行政説明報告",
            "令和７年３月１０日（月）部会・部会委員の活動報告、支援者研修会報告",
        ],
    );
    let page = p.read("output/fukuoka-nimohoukatsu/r6-bukai-houkoku.html");
    let doc = Dom::parse(&common::unphrased(&page));
    let cells = |sel: &str| -> Vec<String> {
        doc.select(sel)
            .iter()
            .map(|e| e.text().split_whitespace().collect())
            .collect()
    };
    assert_eq!(cells("table.held thead th"), ["開催日", "種別", "主な内容"]);
    assert_eq!(
        cells("table.held tbody th[scope=row]"),
        ["研修会", "部会", "研修会", "部会"]
    );
    assert_eq!(
        cells("table.held tbody tr")[1],
        "令和６年１１月１８日（月）部会・にも包括構築支援事業、厚生労働省行政説明報告・市と区の連携体制について、新たな重点目標の確認、令和６年度から令和８年度に取り組むことについて協議"
    );

    p.edit(
        &council,
        "    - section: discussion\n",
        "    - section: discussion\n      columns: [kind]\n",
    );
    p.edit(
        &council,
        "      columns: [date, kind, content]\n",
        "      columns: []\n",
    );
    let (code, _, err) = p.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "report.sections[2].columns は、開催状況の章（section: meetings）にしか効きません"
        ),
        "{err}"
    );
    assert!(
        err.contains("report.sections[1].columns に列が１つもありません"),
        "{err}"
    );
}
