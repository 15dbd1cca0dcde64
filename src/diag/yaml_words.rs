//! Japanese wording for what the YAML parsers and serde report: syntax errors, wrong types,
//! unknown and missing fields. No English reaches staff: a message not recognised becomes a
//! general one, with the position the parser gave.

/// Turns a serde / serde_yaml error message into a Japanese message and, where one helps, a
/// hint. Messages our own parsers produce are already Japanese and pass through.
pub(crate) fn explain(raw: &str) -> (String, Option<String>) {
    // serde_yaml appends " at line L column C"; the location is reported separately.
    let msg = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    // serde_yaml prefixes the field path ("meetings[0].date: …"); the path is reported apart.
    let msg = match msg.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                // Keys may hold any word (`results.1-1`, `marks.部会長`), never a space.
                && path.chars().all(|c| !c.is_whitespace() && c != ':') =>
        {
            rest
        }
        _ => msg,
    };
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(expected);
        let hint = match nearest(field, &known) {
            Some(k) => format!("{field} → {k} ですか？ 書ける項目: {}", known.join(", ")),
            None => format!("書ける項目: {}", known.join(", ")),
        };
        return (format!("知らない項目 {field} があります。"), Some(hint));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (variant, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(expected);
        return (
            format!("種類 {variant} はありません。"),
            Some(format!("書ける種類: {}", known.join(", "))),
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("必要な項目 {field} がありません。"),
            Some(format!("{field}: を書き足してください。")),
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!(
                "値の種類が違います（{}ではなく、{}を書いてください）。",
                kind_ja(found),
                kind_ja(expected)
            ),
            None,
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!(
                "値が正しくありません（{}ではなく、{}を書いてください）。",
                kind_ja(found),
                kind_ja(expected)
            ),
            None,
        );
    }
    if msg.starts_with("duplicate entry")
        || msg.contains("duplicate key")
        || msg.starts_with("duplicate field")
    {
        return (
            "同じ項目が２回書かれています。".into(),
            Some("どちらか一方を消してください。".into()),
        );
    }
    if msg.contains("recursion limit") {
        return (
            format!(
                "入れ子が深すぎます（{} 段まで）。",
                crate::limits::MAX_YAML_DEPTH
            ),
            Some(
                "「[」「{」の閉じ忘れや、字下げ（行頭の空白）の誤りがないか確かめてください。"
                    .into(),
            ),
        );
    }
    if msg.contains("repetition limit") {
        return (
            "YAML の別名（&/*）の展開や入れ子が多すぎます。".into(),
            Some("別名（& と *）を使わずに書いてください。".into()),
        );
    }
    if let Some(what) = yaml_syntax(msg) {
        return (
            format!("YAML の書き方に誤りがあります: {what}。"),
            Some("字下げ（行頭の空白）と「: 」の後の空白を確かめてください。値に「: 」や「#」を含むときは \"…\" で囲みます。".into()),
        );
    }
    if msg.contains("invalid length") {
        return ("項目の数が正しくありません。".into(), None);
    }
    // Our own parsers (dates, times, goal numbers) already speak Japanese; anything else the
    // parsers say is not passed on in English.
    if !msg.is_ascii() {
        (msg.to_string(), None)
    } else {
        (
            "YAML の書き方か値に誤りがあります。".into(),
            Some("この位置の字下げと値を確かめてください。".into()),
        )
    }
}

/// The YAML parsers' syntax messages (libyaml's and saphyr's share their wording), in
/// Japanese.
fn yaml_syntax(msg: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        (
            "unknown anchor",
            "定義されていない別名（* で始まる値）が使われています",
        ),
        (
            "did not find expected key",
            "項目名（「項目: 」）があるはずの所に別のものがあります",
        ),
        (
            "mapping values are not allowed",
            "この位置に「項目: 値」は書けません",
        ),
        (
            "block sequence entries are not allowed",
            "この位置にリストの「- 」は書けません",
        ),
        (
            "did not find expected '-' indicator",
            "リストの「- 」があるはずの所に別のものがあります",
        ),
        (
            "did not find expected <document start>",
            "字下げがそろっていません（行頭から書く項目が字下げされているか、その逆です）",
        ),
        (
            "did not find expected ',' or ']'",
            "「[」に対応する「]」がありません",
        ),
        (
            "did not find expected ',' or '}'",
            "「{」に対応する「}」がありません",
        ),
        ("simple key", "「項目: 値」の「:」が見つかりません"),
        (
            "could not find expected ':'",
            "「項目: 値」の「:」が見つかりません",
        ),
        (
            "unexpected end of stream",
            "ファイルが途中で終わっています（引用符 \" ' や括弧の閉じ忘れ）",
        ),
        (
            "unknown escape",
            "\"…\" の中の「\\」の使い方が正しくありません（「\\」を書くときは '…' で囲みます）",
        ),
        (
            "invalid Unicode character escape",
            "\"…\" の中の「\\u」「\\U」で書いた文字の番号が文字を表していません（D800～DFFF などは使えません）",
        ),
        (
            "invalid Unicode",
            "\"…\" の中の「\\u」「\\U」で書いた文字の番号が文字を表していません（D800～DFFF などは使えません）",
        ),
        ("tab", "タブ文字は字下げに使えません"),
        ("control character", "制御文字が含まれています"),
        (
            "tag",
            "「!」で始まる値は使えません（値を \"…\" で囲んでください）",
        ),
        ("anchor", "別名（& と *）の書き方が正しくありません"),
        (
            "found character that cannot start any token",
            "「@」「`」「%」などで始まる値はそのままでは書けません（値を \"…\" で囲んでください）",
        ),
        (
            "while scanning a quoted scalar",
            "引用符（\" '）の閉じ忘れがあります",
        ),
        (
            "while scanning a block scalar",
            "「|」「>」で始まる文の字下げが正しくありません",
        ),
        (
            "multiple documents",
            "１つのファイルに「---」で区切った内容が２つ以上あります",
        ),
        ("while parsing", "字下げや記号の使い方が正しくありません"),
        ("while scanning", "字下げや記号の使い方が正しくありません"),
        (
            "did not find expected",
            "字下げや記号の使い方が正しくありません",
        ),
        ("found ", "字下げや記号の使い方が正しくありません"),
    ];
    TABLE
        .iter()
        .find(|(en, _)| msg.contains(en))
        .map(|(_, ja)| *ja)
}

/// The `backticked` words of a serde "expected one of `a`, `b`" list.
fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The known word closest to `word`, if it is close enough to be a typo.
pub(crate) fn nearest<'a>(word: &str, known: &'a [String]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.as_str())
}

fn kind_ja(s: &str) -> String {
    // serde names the integer type a too large number did not fit: "`1e30` as u128".
    let s = s.trim().split(" as ").next().unwrap_or_default().trim();
    let table = [
        ("a string", "文字"),
        ("string", "文字"),
        ("integer", "整数"),
        ("u32", "0 以上の整数"),
        ("u64", "0 以上の整数"),
        ("usize", "0 以上の整数"),
        ("i32", "整数"),
        ("Option value", "空の値"),
        ("variant identifier", "種類の名前（annual_report など）"),
        ("enum", "種類の名前"),
        ("char", "１文字"),
        ("bytes", "文字"),
        ("option", "空の値"),
        ("a sequence", "リスト（- で始まる行）"),
        ("sequence", "リスト（- で始まる行）"),
        ("a map", "「項目: 値」の組"),
        ("map", "「項目: 値」の組"),
        ("struct", "「項目: 値」の組"),
        ("a boolean", "true（はい）か false（いいえ）"),
        ("boolean", "true（はい）か false（いいえ）"),
        ("unit value", "空の値"),
        ("floating point", "小数"),
    ];
    for (en, ja) in table {
        if s.starts_with(en) || s.contains(&format!("struct {en}")) {
            let quoted = s
                .split_once(['`', '"'])
                .map(|(_, v)| v.trim_end_matches(['`', '"']));
            return match quoted {
                Some(v) => format!("{ja}「{v}」"),
                None => ja.to_string(),
            };
        }
    }
    if s.starts_with("struct ") || s.starts_with("internally tagged enum") {
        return "「項目: 値」の組".into();
    }
    // A description in serde's words that has no Japanese here: say nothing in English.
    if s.is_ascii() {
        return "正しい値".into();
    }
    s.to_string()
}

/// The first NEL, LS or PS (U+0085, U+2028, U+2029, pasted from a word processor or a PDF)
/// with text after it on its line. serde_yaml breaks the line there and an editor shows no
/// break, so the text after it is read as a new line at the left edge. Used only once a file
/// has failed to parse (at the end of a value or a line it changes nothing), so the message
/// names the character at its own line rather than what the parser made of the rest.
pub(crate) fn hidden_break(text: &str) -> Option<crate::diag::Problem> {
    let names = [
        ('\u{2028}', "行区切りの文字"),
        ('\u{2029}', "段落区切りの文字"),
        ('\u{85}', "改行の制御文字"),
    ];
    for (i, line) in text.lines().enumerate() {
        // The column of the last character that is not a space of any kind.
        let Some(last) = line
            .chars()
            .enumerate()
            .filter(|(_, c)| !c.is_whitespace())
            .map(|(col, _)| col)
            .last()
        else {
            continue;
        };
        let found = line.chars().take(last).enumerate().find_map(|(col, c)| {
            let (_, name) = names.iter().find(|(b, _)| *b == c)?;
            Some((col, name))
        });
        if let Some((col, name)) = found {
            return Some(
                crate::diag::Problem::error(
                    "",
                    format!(
                        "{} 行目の {} 文字目に目に見えない{name}があります。YAML はそこで行が変わったものとして読みます。",
                        i + 1,
                        col + 1
                    ),
                )
                .at(Some(i + 1), Some(col + 1))
                .hint("ほかのソフトから貼り付けたときに紛れ込むことがあります。その文字を消してください（見えないときは、前後の数文字を消して打ち直します）。"),
            );
        }
    }
    None
}

/// The first place where a full-width space (U+3000) or a tab stands where YAML needs a plain
/// space: in the indentation before a key or a list item, after a key's colon, or after a
/// list dash. Used only once a file has failed to parse (such characters are fine inside
/// text), so the message names the character and its line rather than what the parser made
/// of it.
pub(crate) fn invisible_cause(text: &str) -> Option<crate::diag::Problem> {
    let looks_like_key = |s: &str| {
        let s = s.trim_start_matches(['\u{3000}', ' ', '\t']);
        s.starts_with("- ")
            || s.starts_with("-\u{3000}")
            || s.split_once(':').is_some_and(|(k, v)| {
                !k.is_empty()
                    && !k.starts_with(['#', '"', '\''])
                    && !k.contains(char::is_whitespace)
                    && (v.is_empty() || v.starts_with([' ', '\u{3000}', '\t']))
            })
    };
    for (i, line) in text.lines().enumerate() {
        let rest = line.trim_start_matches(' ');
        if rest.starts_with('#') || rest.trim().is_empty() {
            continue;
        }
        let indent: String = rest
            .chars()
            .take_while(|c| matches!(c, '\u{3000}' | '\t' | ' '))
            .collect();
        let after_dash = rest
            .strip_prefix('-')
            .filter(|r| r.starts_with(['\u{3000}', '\t']));
        let after_colon = rest
            .split_once(':')
            .filter(|(k, v)| {
                !k.is_empty()
                    && !k.starts_with(['#', '"', '\''])
                    && !k.contains(char::is_whitespace)
                    && v.starts_with(['\u{3000}', '\t'])
            })
            .map(|(k, _)| k.chars().count() + 1);
        let column = if !indent.is_empty() && looks_like_key(rest) {
            Some(0)
        } else if after_dash.is_some() {
            Some(1)
        } else {
            after_colon
        };
        let Some(offset) = column else { continue };
        let col = line.chars().count() - rest.chars().count() + offset;
        let c = line.chars().nth(col).unwrap_or(' ');
        let name = if c == '\t' {
            "タブ"
        } else {
            "全角の空白"
        };
        return Some(
            crate::diag::Problem::error(
                "",
                format!("{} 行目の {} 文字目に{name}があります。YAML の字下げや「:」「-」の後には半角の空白しか使えません。", i + 1, col + 1),
            )
            .at(Some(i + 1), Some(col + 1))
            .hint(format!("その{name}を半角の空白に置き換えてください（文の中の全角の空白はそのままで構いません）。")),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_separator_with_text_after_it_is_named() {
        let p = hidden_break("a: 1\nvenue: 本庁舎\u{2028}\u{2028}３階\nb: 2\n").unwrap();
        assert_eq!((p.line, p.column), (Some(2), Some(11)));
        assert!(p.message.contains("行区切りの文字"), "{}", p.message);
        assert!(!p.message.contains("U+"), "{}", p.message);
        // At the end of a value or a line it changes nothing.
        assert!(hidden_break("venue: 本庁舎\u{2028}\u{2028}\nb: \u{85} \n").is_none());
    }

    #[test]
    fn invisible_characters_are_named() {
        let p = invisible_cause("meetings:\n  - number: 1\n    venue:\u{3000}市役所\n").unwrap();
        assert_eq!((p.line, p.column), (Some(3), Some(11)));
        assert!(p.message.contains("全角の空白があります"), "{}", p.message);
        assert!(!p.message.contains("U+"), "{}", p.message);
        let p = invisible_cause("a:\n\u{3000}\u{3000}b: 1\n").unwrap();
        assert_eq!((p.line, p.column), (Some(2), Some(1)));
        let p = invisible_cause("a:\n  -\u{3000}b\n").unwrap();
        assert_eq!((p.line, p.column), (Some(2), Some(4)));
        let p = invisible_cause("a:\n\tb: 1\n").unwrap();
        assert!(p.message.contains("タブがあります"), "{}", p.message);
        // Inside text a full-width space is fine.
        assert!(invisible_cause("name: 岡本\u{3000}誠\nintro:\n  - \u{3000}本部会は\n").is_none());
    }

    #[test]
    fn unknown_field_suggests_nearest() {
        let (m, h) = explain(
            "meetings[0]: unknown field `venu`, expected one of `number`, `date`, `venue` at line 3 column 5",
        );
        assert!(m.contains("知らない項目 venu"), "{m}");
        assert!(h.unwrap().starts_with("venu → venue ですか？"));
    }

    #[test]
    fn missing_and_types() {
        assert_eq!(
            explain("missing field `name`").0,
            "必要な項目 name がありません。"
        );
        let (m, _) = explain(
            "results.2-1: invalid type: boolean `true`, expected 評価の言葉、または result: と reason: の組",
        );
        assert!(m.starts_with("値の種類が違います"), "{m}");
        let (m, _) = explain("invalid type: integer `5`, expected a string");
        assert_eq!(
            m,
            "値の種類が違います（整数「5」ではなく、文字を書いてください）。"
        );
    }

    #[test]
    fn no_english_reaches_staff() {
        for raw in [
            "while parsing a block mapping, did not find expected key at line 3 column 1",
            "simple key expected",
            "while parsing node, found unknown anchor",
            "something nobody has seen before",
        ] {
            let (m, _) = explain(raw);
            assert!(
                !m.contains("expected") && !m.contains("nobody"),
                "{raw} → {m}"
            );
        }
    }
}
