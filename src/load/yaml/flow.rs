//! A bracket left open: `goals: [1-1, 1-2` without its `]`. YAML reads on into the next
//! lines as part of the list and fails there, at a place that has nothing wrong with it; the
//! parser's words (indentation, an unexpected key) send staff to the wrong line. Once a file
//! has failed to parse, this finds the `[` or `{` still open where the parser stopped and
//! names it at the end of its own line, where the closing bracket belongs.

use crate::diag::Problem;

/// The `[` or `{` opened on a line before `error_line` (1-based) and not closed by then, when
/// its line reads as complete (not ending in `,` or an opening bracket, as a list written over
/// several lines does): a problem at the end of that line.
pub(crate) fn unclosed_bracket(text: &str, error_line: usize) -> Option<Problem> {
    let (line, column, open) = open_before(text, error_line)?;
    let (close, example) = if open == '[' {
        (']', "goals: [1-1, 1-2]")
    } else {
        ('}', "lecturer: {name: 山田 太郎, affiliation: 〇〇大学}")
    };
    Some(
        Problem::error(
            "",
            format!(
                "{line} 行目の「{open}」に対応する「{close}」がありません。次の行からも、その続きとして読まれています。"
            ),
        )
        .at(Some(line), Some(column))
        .hint(format!(
            "{line} 行目の終わりに「{close}」を書いて閉じてください（例: {example}）。"
        )),
    )
}

/// The innermost bracket still open at the start of `error_line`: its line, the column just
/// after its line's last character, and the bracket.
fn open_before(text: &str, error_line: usize) -> Option<(usize, usize, char)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    // A block scalar (`|`, `>`) holds text, not YAML, in the lines indented under its key.
    let mut block_scalar: Option<usize> = None;
    for (i, line) in text.lines().enumerate().take(error_line.saturating_sub(1)) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(key_indent) = block_scalar {
            if line.trim().is_empty() || indent > key_indent {
                continue;
            }
            block_scalar = None;
        }
        let mut quote: Option<char> = None;
        // Where a value may start: a bracket there opens a list or a mapping (inside a
        // plain value, `第１回[案]`, it is text).
        let mut value_start = true;
        let chars: Vec<char> = line.chars().collect();
        for (j, &c) in chars.iter().enumerate() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            let in_flow = !stack.is_empty();
            let spaced = |k: usize| chars.get(k).is_none_or(|c| c.is_whitespace());
            match c {
                '#' if j == 0 || spaced(j - 1) => break,
                '"' | '\'' if value_start => quote = Some(c),
                '[' | '{' if value_start || in_flow => stack.push((i + 1, c)),
                ']' | '}' if in_flow => {
                    stack.pop();
                }
                _ => {}
            }
            value_start = match c {
                ' ' | '\t' => value_start,
                // A list's dash, or a key's colon (not the one in 15:00), followed by a space.
                '-' => value_start && spaced(j + 1),
                ':' | '?' => spaced(j + 1),
                '[' | '{' | ',' => !stack.is_empty(),
                _ => false,
            };
        }
        let value = line.split(" #").next().unwrap_or(line).trim();
        let value = match value.rsplit_once(": ") {
            Some((_, v)) => v,
            None => value.strip_prefix("- ").unwrap_or(value),
        }
        .trim();
        let block = value.strip_prefix(['|', '>']).is_some_and(|modifiers| {
            (modifiers.chars()).all(|c| c.is_ascii_digit() || c == '+' || c == '-')
        });
        if stack.is_empty() && quote.is_none() && block {
            block_scalar = Some(indent);
        }
    }
    let (line, open) = *stack.last()?;
    let text_line = text.lines().nth(line - 1)?;
    let content = text_line.split(" #").next().unwrap_or(text_line).trim_end();
    // A list written over several lines goes on after a comma or an opening bracket.
    if content.ends_with([',', '[', '{']) {
        return None;
    }
    Some((line, content.chars().count() + 1, open))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracket_left_open_is_named_at_its_own_line() {
        let text = "meetings:\n  - number: 1\n    goals: [1-1, 1-2\n    venue: 本庁舎\n";
        let p = unclosed_bracket(text, 4).unwrap();
        assert_eq!((p.line, p.column), (Some(3), Some(21)));
        assert!(p.message.contains("「[」に対応する「]」"), "{}", p.message);
        let p = unclosed_bracket("a: {name: x\nb: 1\n", 2).unwrap();
        assert!(p.message.contains("「{」に対応する「}」"), "{}", p.message);
    }

    #[test]
    fn brackets_in_text_open_nothing() {
        // Inside a plain value, a quoted value, a comment or a block of text.
        for text in [
            "title: 第１回[案]\nb: 1\n",
            "title: \"[案\"\nb: 1\n",
            "title: 案 # [メモ\nb: 1\n",
            "note: |\n  [参考\nb: 1\n",
            "time: 15:00\nb: [1, 2]\nc: 1\n",
        ] {
            assert!(unclosed_bracket(text, 3).is_none(), "{text}");
        }
        // A list written over several lines, left open after its comma, is not guessed at.
        assert!(unclosed_bracket("a: [1,\n  2\nb: 1\n", 3).is_none());
    }
}
