//! Documents about one meeting: minutes (会議録), agenda (次第), member list and packet, all
//! from the meeting written once in meetings.yaml.

use crate::common;
mod counts;
mod form_fixes;
mod forms;
mod list_marks;
mod material_forms;
mod one_council;
mod options;
mod times;
mod titles;
mod two_columns;

use common::built::page_text;
use common::{TempProject, repo, small_council, squashed, typeset_all};
use shiryo::typeset::text_runs;

fn by_id(all: Vec<shiryo::commands::build::Typeset>, id: &str) -> shiryo::commands::build::Typeset {
    all.into_iter().find(|t| t.id == id).expect(id)
}

fn assert_contains_all(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "{e}\n{text}");
    }
}

/// The stamp of every page of a packet: the text above the placed material.
fn stamps(t: &shiryo::commands::build::Typeset) -> Vec<String> {
    let runs = text_runs(&t.document);
    (1..=t.document.pages().len())
        .map(|page| {
            runs.iter()
                .filter(|r| r.page == page && r.y < 60.0)
                .map(|r| r.text.as_str())
                .collect()
        })
        .collect()
}

#[test]
fn sample_minutes_have_every_part_of_the_form() {
    let t = by_id(typeset_all(&repo()), "koganei-seishin/r6-1-kaigiroku");
    assert_contains_all(
        &squashed(&t),
        &[
            "会議録（要点記録）",
            "会議名称令和６年度第１回小金井市精神保健福祉連絡協議会",
            "開催日時令和６年５月２３日（木）１０：００～１１：１２",
            "開催場所小金井市役所第二庁舎８０１会議室",
            "小髙会長、牧野副会長、有泉委員、渡部委員（欠席）",
            "藤原委員（欠席）",
            "事務局：自立生活支援課長、相談支援係長、相談支援係主事",
            "傍聴の可否可傍聴者数１人",
            "⑴今年度の目標設定について（対象者の抽出）",
            "（意見なし。承諾された。）",
            "⇒原則自立生活支援課が窓口になるが",
            // The next meeting comes from meeting 2 of meetings.yaml.
            "・令和６年１１月１４日（木）９時～",
            "提出資料次第資料１小金井市精神保健福祉連絡協議会委員名簿資料２",
        ],
    );
}

/// A council with an annual report and the minutes of meeting 1, written once.
fn council_with_minutes(p: &TempProject, meeting_extra: &str) {
    small_council(p, 2, "活動の内容", "成果の文章");
    let meetings = p.read("content/test/2024/meetings.yaml");
    p.write(
        "content/test/2024/meetings.yaml",
        &format!(
            "{}{meeting_extra}  agenda:\n  - title: 開会\n    record:\n    - note: （意見なし。承諾された。）\n",
            meetings.trim_end().to_string() + "\n"
        ),
    );
    p.write(
        "content/test/2024/members.yaml",
        "members:\n- {organization: 所属Ａ, name: 山田, role: 部会長}\n- {organization: 所属Ｂ, name: 鈴木}\n",
    );
    p.write(
        "content/test/documents/minutes.yaml",
        "type: minutes\nyear: 2024\nmeeting: 1\n",
    );
}

#[test]
fn one_edit_reaches_the_minutes_and_the_annual_report() {
    let p = TempProject::empty();
    council_with_minutes(&p, "");
    let before = typeset_all(p.path());
    assert!(before.iter().all(|t| squashed(t).contains("会議室")));
    p.edit(
        "content/test/2024/meetings.yaml",
        "venue: 会議室",
        "venue: 第二会議室",
    );
    let after = typeset_all(p.path());
    assert_eq!(after.len(), 2);
    for t in &after {
        assert!(
            squashed(t).contains("第二会議室"),
            "{} did not follow the edit",
            t.id
        );
    }
    let report = by_id(after, "test/report");
    // 表１ row of the same meeting.
    assert!(squashed(&report).contains("【場所】第二会議室"));
}

#[test]
fn a_closed_meeting_gives_its_reason_instead_of_a_count() {
    let p = TempProject::empty();
    council_with_minutes(
        &p,
        "  public: {allowed: false, reason: 個人情報を扱うため}\n",
    );
    let t = by_id(typeset_all(p.path()), "test/minutes");
    let text = squashed(&t);
    assert!(
        text.contains("傍聴の可否不可不可の理由個人情報を扱うため"),
        "{text}"
    );
    assert!(!text.contains("傍聴者数"));
}

#[test]
fn a_written_meeting_has_no_place_or_hours() {
    let p = TempProject::empty();
    council_with_minutes(&p, "  format: written\n  observers: [保健所職員]\n");
    let t = by_id(typeset_all(p.path()), "test/minutes");
    let text = squashed(&t);
    assert!(text.contains("開催場所書面開催"), "{text}");
    assert!(!text.contains("午後２時"), "{text}");
    assert!(text.contains("オブザーバー：保健所職員"), "{text}");
}

#[test]
fn a_packet_places_each_material_with_its_number() {
    let t = by_id(typeset_all(&repo()), "koganei-seishin/r6-1-shiryo");
    // 次第 (1 page), 資料１ member list (1), 資料２ external PDF (1), 資料３ external PDF (2).
    assert_eq!(t.document.pages().len(), 5);
    // The agenda carries no number.
    assert_eq!(stamps(&t), ["", "資料１", "資料２", "資料３", "資料３"]);
    let runs = text_runs(&t.document);
    // Pages start again with each material: the second page of 資料３ is its page 2.
    assert!(runs.iter().any(|r| r.page == 5 && r.text == "2"));
    assert!(runs.iter().any(|r| r.page == 4 && r.text == "1"));
    // One PDF, its pages from the external files.
    assert_eq!(shiryo::load::images::pdf::check(&t.pdf), Ok(5));
}

#[test]
fn renumbering_the_agenda_renumbers_the_stamps() {
    let p = TempProject::sample();
    // Swap 資料２ and 資料３ in the meeting's list.
    let meetings = "content/koganei-seishin/2024/meetings.yaml";
    let second =
        "      - title: 「地域移行支援」支援状況\n        file: attachments/shien-jokyo.pdf\n";
    let third = "      - title: 精神保健福祉連絡協議会抽出された課題のまとめ\n        file: attachments/kadai-matome.pdf\n";
    p.edit(
        meetings,
        &format!("{second}{third}"),
        &format!("{third}{second}"),
    );
    let t = by_id(typeset_all(p.path()), "koganei-seishin/r6-1-shiryo");
    // The two-page file now comes first, as 資料２.
    assert_eq!(stamps(&t), ["", "資料１", "資料２", "資料２", "資料３"]);
}

#[test]
fn the_agenda_lists_items_and_materials() {
    let t = by_id(typeset_all(&repo()), "koganei-seishin/r6-1-shidai");
    assert_contains_all(
        &squashed(&t),
        &[
            "次第",
            "１開会",
            "⑵精神障害にも対応した地域包括ケアシステムの構築について",
            "５閉会",
            "資料１小金井市精神保健福祉連絡協議会委員名簿",
        ],
    );
}

/// Era labels follow the document's own date: minutes and an agenda dated 25 April 2019 are
/// for 平成３１年度; the same fiscal year named from 1 May 2019 on is 令和元年度.
#[test]
fn era_labels_follow_the_document_date() {
    let p = TempProject::sample();
    let council = "content/koganei-seishin";
    std::fs::rename(
        p.path().join(format!("{council}/2024")),
        p.path().join(format!("{council}/2019")),
    )
    .unwrap();
    let meetings = format!("{council}/2019/meetings.yaml");
    let text = p
        .read(&meetings)
        .replace("2024-05-23", "2019-04-25")
        .replace("2024-11-14", "2019-11-14");
    p.write(&meetings, &text);
    for doc in ["r6-1-kaigiroku", "r6-1-shidai", "r6-1-shiryo", "r6-meibo"] {
        let path = format!("{council}/documents/{doc}.yaml");
        let text = p
            .read(&path)
            .replace("2024-05-23", "2019-04-25")
            .replace("2024", "2019");
        p.write(&path, &text);
    }
    let all = typeset_all(p.path());
    let minutes = squashed(&by_id(all, "koganei-seishin/r6-1-kaigiroku"));
    assert_contains_all(
        &minutes,
        &[
            "会議名称平成３１年度第１回小金井市精神保健福祉連絡協議会",
            "開催日時平成３１年４月２５日（木）",
            // The next meeting, in November, is in the new era.
            "・令和元年１１月１４日（木）９時～",
        ],
    );
    assert!(!minutes.contains("令和元年度"), "{minutes}");
}

/// Who said what, 傍聴者 without a count, and the minutes' own disclosure.
#[test]
fn speakers_viewers_and_disclosure_of_the_minutes() {
    let p = TempProject::empty();
    council_with_minutes(
        &p,
        "  public: {allowed: true, viewers: なし, minutes: {public: false, reason: 個人情報を含むため}}\n",
    );
    let meetings = p.read("content/test/2024/meetings.yaml");
    p.write(
        "content/test/2024/meetings.yaml",
        &meetings.replace(
            "    - note: （意見なし。承諾された。）\n",
            "    - {question: 利用者は何人ですか。, speaker: 委員, answer: ５人です。, answerer: 事務局}\n    - {bullet: 了承しました。, speaker: 会長}\n",
        ),
    );
    let text = squashed(&by_id(typeset_all(p.path()), "test/minutes"));
    assert_contains_all(
        &text,
        &[
            "傍聴の可否可傍聴者数なし",
            "会議録の公開非公開（個人情報を含むため）",
            "・（委員）利用者は何人ですか。⇒（事務局）５人です。",
            "・（会長）了承しました。",
        ],
    );
}

/// A written meeting over a response period; the secretariat as a department; 敬称略.
#[test]
fn a_written_meeting_over_a_period_and_the_secretariat_department() {
    let p = TempProject::empty();
    council_with_minutes(
        &p,
        "  format: written\n  until: 2024-05-24\n  secretariat_department: 保健福祉部障害福祉課\n  secretariat: [課長, 係長]\n  honorifics_omitted: true\n",
    );
    let all = typeset_all(p.path());
    let minutes = squashed(&by_id(all, "test/minutes"));
    assert_contains_all(
        &minutes,
        &[
            "開催日時令和６年５月１０日（金）～令和６年５月２４日（金）",
            "開催場所書面開催",
            "（敬称略）",
            "事務局：保健福祉部障害福祉課（課長、係長）",
        ],
    );
    let all = typeset_all(p.path());
    let report = squashed(&by_id(all, "test/report"));
    assert!(
        report
            .contains("【日時】令和６年５月１０日（金）～令和６年５月２４日（金）【場所】書面開催"),
        "{report}"
    );
}

/// The laid-out text of a document and of its web page, built from the project `p`.
fn both_formats(p: &TempProject, id: &str) -> (String, String) {
    let (code, _, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{err}");
    let pdf = squashed(&by_id(typeset_all(p.path()), id));
    (pdf, page_text(&p.read(&format!("output/{id}.html"))))
}

#[test]
fn the_four_real_councils_are_laid_out_from_content() {
    let p = TempProject::sample();
    let cases: [(&str, &[&str]); 4] = [
        (
            "fuchu-jiritsu/r7-1-kaigiroku",
            &[
                "令和7年度第1回府中市障害者等地域自立支援協議会会議録",
                "■日時：令和7年7月7日（月）午前10時",
                "■出席者：（敬称略）<委員>山口真佐子、中川さゆり",
                "障害者福祉課係長・主査（5名）、障害者福祉課事務職員（3名）",
                "3委員自己紹介【資料1】",
                "6協議会の役割について【資料2−1、資料2−2、資料2−3】",
                "⑴会議の公開等について【資料3−1、資料3−2】",
                "【事前送付資料】資料1第10期",
                "資料4第10期府中市障害者等地域自立支援協議会スケジュール（案）",
                "【参考資料】参考1第9期",
            ],
        ),
        (
            "kashiwa-jiritsu/h28-1-gijiroku",
            &[
                "平成28年度第1回柏市自立支援協議会議事録",
                "開催日時平成28年7月14日（木曜日）午後2時から4時まで",
                "出席者委員平山委員渡部委員",
                "欠席者松村委員寺尾委員坂口委員新福委員",
                "事務局（保健福祉部）成嶋部長（障害福祉課）小川課長阿知波専門監",
                "3．各部会等報告・相談支援部会",
                "会議録議事（事務局）協議会委員の任期",
            ],
        ),
        (
            "komae-fukushi/r5-2-kaigiroku",
            &[
                "1日時令和5年7月21日（金曜日）午後7時～8時45分",
                "2会場防災センター4階会議室およびオンライン",
                "委員長：宮城孝委員：勝田和行、北澤智子",
                "事務局：福祉政策課長（佐渡一宏）",
                "4欠席者河西あかね、阿部敏彦、細谷明美",
                "6添付書類7会議の結果（委員長）本日は",
            ],
        ),
        (
            "bunkyo-unei/r6-2-kaigiroku",
            &[
                "令和6年度第2回文京区障害者地域自立支援協議会運営会議",
                "日時令和6年12月12日（木）午前10時00分から午前11時40分まで",
                "場所オンライン開催<会議次第>1開会2議題⑴令和6年度",
                "山直樹会長、志村健一副会長",
                "向井崇部会長障害者基幹相談支援センター、",
                "事務局：それでは、定刻となりましたので",
            ],
        ),
    ];
    let (code, _, err) = p.run(&["build", "--html"]);
    assert_eq!(code, 0, "{err}");
    let all = typeset_all(p.path());
    for (id, expected) in cases {
        let pdf = squashed(all.iter().find(|t| t.id == id).expect(id));
        let page = page_text(&p.read(&format!("output/{id}.html")));
        assert_contains_all(&pdf, expected);
        assert_contains_all(&page, expected);
    }
}

#[test]
fn a_council_renames_two_sections_and_swaps_them_without_a_template() {
    let p = TempProject::sample();
    let file = "content/komae-fukushi/council.yaml";
    p.edit(
        file,
        "    - section: attendance\n    - section: absent\n",
        "    - section: absent\n      label: 欠席委員\n    - section: attendance\n      label: 出席委員\n",
    );
    assert!(!p.path().join("content/komae-fukushi/templates").exists());
    let (pdf, page) = both_formats(&p, "komae-fukushi/r5-2-kaigiroku");
    for text in [&pdf, &page] {
        assert_contains_all(
            text,
            &["3欠席委員河西あかね", "4出席委員委員長：宮城孝", "5議題"],
        );
        assert!(!text.contains("出席者"), "{text}");
    }
}

#[test]
fn a_new_layout_is_a_short_council_template() {
    let p = TempProject::sample();
    // The header sections as a ruled two-column form, the rest below: a layout no shipped
    // template has, from the same finished phrases.
    let own = r#"{% import "common.typ.j2" as common %}
{% set lo = laid_out %}
{{ common.preamble(title=(lo.title | join(" ") | plain), author=council.name, material=material, date=meeting.date, draft=draft, style=council.style) }}
#set par(first-line-indent: 0em)
#title[{{ lo.title | join(" ") }}]
#table(
  columns: (80pt, 1fr),
{% for s in lo.sections if not s.long %}
  head[{{ s.label }}], [{% for b in s.blocks %}{{ b.text }}{% if not loop.last %}#linebreak(){% endif %}{% endfor %}],
{% endfor %}
)
{% for s in lo.sections if s.long %}
{% if s.label %}#heading[{{ s.label }}]{% endif %}
{% for b in s.blocks %}
#par[{% if b.number %}{{ b.number }} {% endif %}{{ b.text }}{% if b.beside %} {{ b.beside }}{% endif %}]
{% endfor %}
{% endfor %}
"#;
    // The same layout as a web page: the page follows the council's layout too.
    let own_page = r#"{% import "common.html.j2" as common %}
{% set lo = laid_out %}
{% set page_title %}{{ lo.title | join(" ") }}{% endset %}
{% call common.document(title=page_title, pdf=page.pdf, pdf_facts=page.pdf_facts, material=material, date=meeting.date, draft=draft, style=council.style) %}
<h1>{{ lo.title | join(" ") }}</h1>
<table class="form">
{% for s in lo.sections if not s.long %}
<tr><th scope="row">{{ s.label }}</th><td>{% for b in s.blocks %}{{ b.text }}{% if not loop.last %}<br>{% endif %}{% endfor %}</td></tr>
{% endfor %}
</table>
{% for s in lo.sections if s.long %}
{% if s.label %}<h2>{{ s.label }}</h2>{% endif %}
{% for b in s.blocks %}
<p>{% if b.number %}{{ b.number }} {% endif %}{{ b.text }}{% if b.beside %} {{ b.beside }}{% endif %}</p>
{% endfor %}
{% endfor %}
{% endcall %}
"#;
    assert!(own.lines().count() < 40 && own_page.lines().count() < 40);
    p.write("content/fuchu-jiritsu/templates/minutes_layout.typ.j2", own);
    p.write(
        "content/fuchu-jiritsu/templates/minutes_layout.html.j2",
        own_page,
    );
    let (pdf, page) = both_formats(&p, "fuchu-jiritsu/r7-1-kaigiroku");
    for text in [&pdf, &page] {
        assert_contains_all(
            text,
            &[
                "■日時：令和7年7月7日（月）午前10時",
                "■議事：",
                "3委員自己紹介【資料1】",
                "参考1第9期",
            ],
        );
    }
    let html = p.read("output/fuchu-jiritsu/r7-1-kaigiroku.html");
    assert!(
        html.contains("<table class=\"form\">"),
        "the page is the council's own"
    );
    // Other councils keep the shipped layout.
    let k = by_id(typeset_all(p.path()), "komae-fukushi/r5-2-kaigiroku");
    assert_contains_all(&squashed(&k), &["1日時令和5年7月21日"]);
}

#[test]
fn bad_layout_descriptions_are_errors_with_file_and_line() {
    let cases = [
        (
            "content/komae-fukushi/council.yaml",
            "    - section: absent\n",
            "    - section: absentees\n",
            "content/komae-fukushi/council.yaml:",
        ),
        (
            "content/komae-fukushi/council.yaml",
            "      label: 会場\n",
            "      label: \"\"\n",
            "council.yaml:20",
        ),
        (
            "content/fuchu-jiritsu/2025/meetings.yaml",
            "        materials: [名簿]\n",
            "        materials: [名薄]\n",
            "「名薄」",
        ),
        (
            "content/fuchu-jiritsu/2025/meetings.yaml",
            "        number: 2−2\n",
            "        number: 2−1\n",
            "同じ番号（資料2−1）",
        ),
    ];
    for (file, from, to, expected) in cases {
        let p = TempProject::sample();
        p.edit(file, from, to);
        let (code, _, err) = p.run(&["check"]);
        assert_ne!(code, 0, "{to}");
        assert!(err.contains(expected), "{expected}\n{err}");
        assert!(err.contains(file.rsplit('/').next().unwrap()), "{err}");
        assert!(err.contains("エラー"), "{err}");
    }
}
