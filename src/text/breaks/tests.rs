//! Tests of the cuts: phrases, parts, pieces and units.

use super::*;

/// Phrases apart with ／, parts with ・, pieces with ,.
fn shown(text: &str) -> String {
    let part = |p: &Part| p.join(",");
    phrases(text)
        .unwrap()
        .iter()
        .map(|ph| ph.iter().map(part).collect::<Vec<_>>().join("・"))
        .collect::<Vec<_>>()
        .join("／")
}

#[test]
fn phrases_parts_and_pieces() {
    assert_eq!(shown("協議の場の設置"), "協議の／場の／設置");
    // Pieces are the last resort of a part wider than its column: a particle too.
    assert_eq!(shown("にも包括構成要素"), "にも／包括,構成・要素");
    assert_eq!(
        shown("ピアサポーターの活用の場の拡大"),
        "ピアサポーター,の／活用,の／場の／拡大"
    );
    // The word model's 「移行支／援」 is not a cut; two kanji each are.
    assert_eq!(shown("就労移行支援事業所"), "就労・移行・支援,事業所");
    assert_eq!(shown("障がい福祉・介護"), "障がい・福祉・・介護");
}

#[test]
fn names_dates_and_numbers_stay_whole() {
    assert_eq!(shown("加藤 さやか 委員"), "加藤／ ／さやか／ ／委員");
    assert_eq!(shown("高橋 美智子"), "高橋／ ／美智子");
    // One phrase; wider than its column, it breaks after its year or its month.
    assert_eq!(
        shown("令和６年５月２２日（木）"),
        "令和６年・５月・２２日（木）"
    );
    assert!(!shown("第２会議室で年２回以上実施").contains("第／"));
    assert!(!shown("年２回以上実施").contains("２／"));
    assert_eq!(shown("企業の理解"), "企業,の／理解");
    // A number may start a line after a word, not after 第 or 年.
    assert_eq!(shown("受け入れ先５社"), "受け入れ先・５社");
    assert_eq!(shown("第２会議室"), "第２会議室");
    assert_eq!(widest_phrase("Ｒ６年度評価結果"), 4);
    assert_eq!(widest_phrase("実績"), 2);
}

/// A long text keeps its numbers, dates and names whole, and nothing else.
#[test]
fn long_texts_keep_units() {
    let kept = |text: &str| -> Vec<String> {
        units(text)
            .unwrap()
            .into_iter()
            .filter(|u| u.0)
            .map(|u| u.1.to_string())
            .collect()
    };
    assert_eq!(
        kept("【日時】令和７年２月２０日（木）午後２時～午後３時３０分まで開きました。"),
        [
            "日時",
            "令和７年",
            "２月",
            "２０日（木）",
            "午後２時",
            "午後３時３０分"
        ]
    );
    assert_eq!(
        kept("北見台障害者就業・生活支援センター 高橋 和子（部会長） から説明がありました。"),
        ["高橋", "和子（部会長）"]
    );
    assert!(units("協議の場の設置について、あらためて検討する必要がある。").is_none());
    assert!(units("短い文。").is_none());
    let text = "出席者１２名、欠席者３名で、第２回の会議を開きました。";
    let joined: String = units(text).unwrap().iter().map(|u| u.1).collect();
    assert_eq!(joined, text);
}

#[test]
fn long_and_tiny_texts_are_not_cut() {
    assert!(phrases(&"あ".repeat(SHORT + 1)).is_none());
    assert!(phrases(&"あ".repeat(SHORT)).is_some());
    assert!(phrases("あ").is_none());
    assert!(phrases("").is_none());
    assert!(phrases("false").is_none());
}

/// Every cut puts the text back together as it was.
#[test]
fn cuts_lose_nothing() {
    for text in [
        "就労定着支援事業者",
        "精神障害者地域移行部会 合同部会",
        "Ｒ６年度評価結果",
        "a  b\tc　第二種社会福祉事業者",
        "\n改行\r\nのある文",
    ] {
        let joined: String = phrases(text).unwrap().concat().concat().concat();
        assert_eq!(joined, text);
    }
}
