//! Checks of the text itself, line by line: characters no bundled font can print, runs with
//! nowhere to break a line, values cut short by 「 #」.

use super::*;

/// Characters no bundled font has (emoji, rare kanji outside the fonts) cannot go into the PDF
/// (PDF/A forbids missing glyphs): each is reported with its file, line and column, so staff
/// can replace it before typst is ever asked.
pub fn check_printable(project: &Project, can_print: impl Fn(char) -> bool) -> Problems {
    let mut out = Problems::default();
    // Each distinct character is looked up once (font coverage lookups are not cheap).
    let mut known: std::collections::HashMap<char, bool> = std::collections::HashMap::new();
    let mut can_print = |c: char| *known.entry(c).or_insert_with(|| can_print(c));
    // The texts the loader read (size-checked, inside the root, byte-order mark removed).
    // At most this many per file are listed (a file pasted from elsewhere may have thousands).
    const SHOWN: usize = 20;
    // Letters and digits without a space: longer than any URL or identifier a document holds.
    const MAX_UNBROKEN: usize = 2_000;
    for (file, text) in &project.texts {
        let mut found = 0;
        // (line, column, character, written as an escape)
        let mut unprintable = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            // `venue: 本庁舎 #3会議室` prints 本庁舎: YAML reads 「 #」 on as a comment.
            if let Some(col) = cut_by_comment(line) {
                out.push(
                    Problem::warning(
                        file.as_path(),
                        "値の途中の「 #」から後は、コメントとして読み飛ばされます。",
                    )
                    .at(Some(i + 1), Some(col))
                    .hint("値に「#」を含めるときは、値全体を \"…\" で囲んでください。コメントのつもりなら、行を分けて書いてください。"),
                );
            }
            // A run of letters and digits with nowhere to break a line: the PDF cannot hold it
            // as one string (PDF/A allows 32767 characters) and no page is wide enough.
            let mut run = 0;
            for (col, c) in line.chars().enumerate() {
                run = if c.is_ascii_graphic() { run + 1 } else { 0 };
                if run == MAX_UNBROKEN {
                    out.push(
                        Problem::error(
                            file.as_path(),
                            format!("空白のない英数字が {MAX_UNBROKEN} 文字以上続いています。"),
                        )
                        .at(Some(i + 1), Some(col + 2 - MAX_UNBROKEN))
                        .hint("誤って貼り付けた内容でないか確かめ、途中に空白を入れてください。"),
                    );
                }
                if !(c.is_control() || c.is_whitespace() || c.is_ascii()) {
                    unprintable.push((i + 1, col + 1, c, false));
                }
            }
        }
        // Characters written as escapes (`"\uFFFE"`) are not in the text: check what the
        // value holds, at the line where it starts. Control characters and line separators
        // are laid out as the text's own are.
        unprintable.extend(
            crate::load::yaml::scan::escaped_chars(text)
                .into_iter()
                .filter(|(_, _, c)| !(c.is_control() || c.is_whitespace()))
                .map(|(line, col, c)| (line, col, c, true)),
        );
        for (line, col, c, escaped) in unprintable {
            if can_print(c) {
                continue;
            }
            found += 1;
            if found > SHOWN {
                continue;
            }
            // An escape is named as staff wrote it (「\uFFFE」); a character by itself.
            let (shown, hint) = if escaped {
                let code = c as u32;
                let written = if code <= 0xFFFF {
                    format!("\\u{code:04X}")
                } else {
                    format!("\\U{code:08X}")
                };
                (
                    format!("\"…\" の中に「{written}」と書いた文字"),
                    "その「\\」で始まる書き方を、ふつうの文字に書き直すか消してください。",
                )
            } else {
                (
                    format!("「{c}」"),
                    "ほかの文字に置き換えてください（絵文字は使えません。人名の異体字は通常の字体にしてください）。",
                )
            };
            out.push(
                Problem::error(
                    file.as_path(),
                    format!("{shown}は同梱のフォントにない文字のため、印刷できません。"),
                )
                .at(Some(line), Some(col))
                .hint(hint),
            );
        }
        if found > SHOWN {
            out.push(Problem::error(
                file.as_path(),
                format!("ほかにも印刷できない文字が {} 個あります。", found - SHOWN),
            ));
        }
    }
    Problems(
        out.0
            .into_iter()
            .map(|p| p.relative_to(&project.root))
            .collect(),
    )
}

/// The column of a 「 #」 that cuts an unquoted value short (`key: value #more`), if any.
pub(super) fn cut_by_comment(line: &str) -> Option<usize> {
    let body = line.trim_start().trim_start_matches("- ");
    let (key, value) = body.split_once(": ")?;
    let value = value.trim_start();
    if key.is_empty()
        || key.contains(' ')
        || value.is_empty()
        || value.starts_with(['"', '\'', '#', '|', '>', '[', '{'])
    {
        return None;
    }
    let at = value.find(" #")?;
    let before = line.len() - value.len() + at;
    Some(line[..before].chars().count() + 2)
}
