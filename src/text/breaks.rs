//! Where a short text may break over lines, computed once for the PDF and the web page alike.
//!
//! Japanese may break between any two characters, which in a narrow cell splits words
//! (「重点項／目」, 「野口委／員」). A text is cut here into phrases (文節, BudouX's phrase model),
//! each of parts (about words, BudouX's word model): a line breaks between phrases, between
//! the parts of a phrase only when the phrase is wider than its column, and anywhere only when
//! a part is. Whatever the models say, a line never breaks:
//! - inside a name or a short label written between spaces (「高橋 美智子」 breaks only at the
//!   space, 「加藤 さやか 委員」 keeps each of its three words whole);
//! - between a number and the words beside it (第２, ２回, 令和６年), nor between a date and
//!   its weekday (２２日（木）);
//! - before closing punctuation, a small kana or a long-vowel mark, nor after an opening bracket.
//!
//! The PDF boxes a phrase that fits its column (templates' `phrased`); the web page puts a
//! `<wbr>` between phrases and keeps words whole (`word-break: keep-all`).

mod budoux;

/// A text longer than this (in characters) is not cut: sentences, which break as Japanese
/// prose does (between any two characters, kinsoku kept), and fill a narrow column's lines.
/// A shorter one (a label, a name, a heading cell, a short issue) is kept whole phrase by
/// phrase.
pub const SHORT: usize = 24;

/// Whether a text of `count` characters is cut into phrases.
fn short(_text: &str, count: usize) -> bool {
    count <= SHORT
}

/// In a text with spaces, a word between them this short or shorter is kept whole: a surname,
/// a given name, an honorific, a room (第２会議室).
const WHOLE_WORD: usize = 5;

/// A part: its pieces, in order. A part wider than its column breaks between its pieces (two
/// kanji each, in a long run of kanji: 「包括／構成」).
pub type Part<'a> = Vec<&'a str>;
/// A phrase: its parts, in order. A run of whitespace is a phrase of its own, of one part of
/// one piece.
pub type Phrase<'a> = Vec<Part<'a>>;

/// `text` cut into phrases, parts and pieces (together the text as it was); `None` when it is
/// not to be cut: a single character, longer than [`SHORT`], or ASCII only (words of Latin
/// letters break at their spaces anyway, and templates print such values (`true`, `12`) where
/// Typst reads code).
pub fn phrases(text: &str) -> Option<Vec<Phrase<'_>>> {
    let count = text.chars().count();
    if count < 2 || !short(text, count) || text.is_ascii() {
        return None;
    }
    let spaced = text.trim().contains(char::is_whitespace);
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let space = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, after) = rest.split_at(space);
        if spaced && !word.is_empty() && word.chars().count() <= WHOLE_WORD {
            out.push(vec![vec![word]]);
        } else if !word.is_empty() {
            cut_word(word, &mut out);
        }
        let end = after
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(after.len());
        if end > 0 {
            out.push(vec![vec![&after[..end]]]);
        }
        rest = &after[end..];
    }
    // Two characters fit any column: nothing inside them to weigh.
    for phrase in &mut out {
        for part in phrase.iter_mut() {
            *part = joined_if_short(text, part);
        }
        let parts: Vec<&str> = phrase.iter().map(|p| span(text, p)).collect();
        if span(text, &parts).chars().count() <= 2 {
            *phrase = vec![vec![span(text, &parts)]];
        }
    }
    Some(out)
}

/// The slice of `text` from the start of the first of `pieces` to the end of the last (they
/// are consecutive slices of it).
fn span<'a>(text: &'a str, pieces: &[&str]) -> &'a str {
    let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    match (pieces.first(), pieces.last()) {
        (Some(first), Some(last)) => &text[offset(first)..offset(last) + last.len()],
        _ => "",
    }
}

/// A part of two characters or fewer as one piece.
fn joined_if_short<'a>(text: &'a str, part: &[&'a str]) -> Vec<&'a str> {
    let whole = span(text, part);
    if whole.chars().count() <= 2 {
        vec![whole]
    } else {
        part.to_vec()
    }
}

/// A text too long to cut ([`SHORT`]) as runs: `true` for a unit that breaks only where it
/// must (a name or a role between spaces, a number with what belongs to it: 令和７年, ２０日（木）,
/// 午後３時, １２名), `false` for text that breaks as prose does. `None` when it has no unit, or
/// is short enough to cut.
pub fn units(text: &str) -> Option<Vec<(bool, &str)>> {
    let count = text.chars().count();
    if short(text, count) || text.is_ascii() {
        return None;
    }
    let spaced = text.trim().contains(char::is_whitespace);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // joined[k]: no break between character k and k + 1.
    let mut joined = vec![false; chars.len()];
    for k in 0..chars.len().saturating_sub(1) {
        let at = chars[k + 1].0;
        let (l, r) = (chars[k].1, chars[k + 1].1);
        let digits = |c: char| c.is_ascii_digit() || crate::text::japanese::is_fw_digit(c);
        // Only what binds numbers, dates and words the models cut; kinsoku is typst's, and
        // Latin text breaks at its spaces.
        let in_weekday = k > 0 && weekday(&text[chars[k - 1].0..]) || weekday(&text[chars[k].0..]);
        let binds = digits(l) || digits(r) || weekday(&text[at..]) || in_weekday;
        let ascii = l.is_ascii() && r.is_ascii() && !(digits(l) && digits(r));
        joined[k] = !l.is_whitespace()
            && !r.is_whitespace()
            && !ascii
            && (inside_kept(&text[..at], &text[at..])
                || binds && !may_break(&text[..at], &text[at..], true));
    }
    if spaced {
        // Words between spaces of a name line: 高橋 和子（部会長）.
        let mut start = 0;
        for (k, &(_, c)) in chars.iter().enumerate() {
            if c.is_whitespace() {
                start = k + 1;
            } else if chars.get(k + 1).is_none_or(|&(_, n)| n.is_whitespace()) {
                let latin = chars[start..=k].iter().all(|&(_, c)| c.is_ascii());
                if k + 1 - start <= 8 && !latin {
                    joined[start..k].iter_mut().for_each(|j| *j = true);
                }
            }
        }
    }
    // A unit never starts a line with closing punctuation nor ends one with an opening
    // bracket: it takes the character before or after (a box is a place to break).
    for k in (1..chars.len()).rev() {
        if joined[k] && NO_LINE_START.contains(chars[k].1) && !chars[k - 1].1.is_whitespace() {
            joined[k - 1] = true;
        }
    }
    for k in 1..chars.len().saturating_sub(1) {
        let (c, next) = (chars[k].1, chars[k + 1].1);
        if joined[k - 1] && OPENING.contains(c) && !next.is_whitespace() {
            joined[k] = true;
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    let mut k = 0;
    while k < chars.len() {
        if !joined[k] {
            k += 1;
            continue;
        }
        let start = k;
        while joined[k] {
            k += 1;
        }
        let (a, b) = (
            chars[start].0,
            chars.get(k + 1).map_or(text.len(), |&(at, _)| at),
        );
        if from < a {
            out.push((false, &text[from..a]));
        }
        out.push((true, &text[a..b]));
        from = b;
        k += 1;
    }
    if out.is_empty() {
        return None;
    }
    if from < text.len() {
        out.push((false, &text[from..]));
    }
    Some(out)
}

/// How many characters the widest phrase of `text` has (its widest line, set as short texts
/// are): a column narrower breaks a phrase of its header.
pub fn widest_phrase(text: &str) -> usize {
    match phrases(text) {
        Some(cut) => cut
            .iter()
            .map(|p| p.concat().concat().trim().chars().count())
            .max()
            .unwrap_or(0),
        None => text
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0),
    }
}

/// A word between spaces cut into phrases of parts of pieces.
fn cut_word<'a>(word: &'a str, out: &mut Vec<Phrase<'a>>) {
    let phrase_ends = kept(word, budoux::PHRASES.boundaries(word), false);
    let mut word_ends = budoux::WORDS.boundaries(word);
    // Inside a run of kanji, the word model's cuts at an odd offset from the run's start are
    // mostly wrong (「移行支／援」): kanji words are mostly of two.
    word_ends.retain(|&b| !kanji_at(word, b) || run_offset(word, b).is_multiple_of(2));
    // A word the models join to the next one ends a word (「障がい／福祉」).
    for w in ["障がい", "子ども"] {
        word_ends.extend(word.match_indices(w).map(|(at, _)| at + w.len()));
    }
    word_ends.sort_unstable();
    word_ends.dedup();
    let mut part_ends = kept(word, word_ends.clone(), false);
    part_ends.extend(kept(word, number_starts(word), true));
    part_ends.sort_unstable();
    part_ends.dedup();
    let mut piece_ends = kept(
        word,
        [
            word_ends,
            pairs(word),
            number_starts(word),
            kanji_starts(word),
        ]
        .concat(),
        true,
    );
    piece_ends.sort_unstable();
    piece_ends.dedup();
    let inside = |ends: &[usize], from: usize, to: usize| -> Vec<usize> {
        ends.iter()
            .copied()
            .filter(|&b| b > from && b < to)
            .collect()
    };
    let mut from = 0;
    for end in phrase_ends.iter().copied().chain([word.len()]) {
        let parts = whole(word, from, end, inside(&part_ends, from, end), |_| true)
            .into_iter()
            .map(|(a, b)| {
                // A particle may stand alone on a line when its word fills the one before
                // (「住まい／の」); a kanji suffix may not (「事業／者」).
                whole(word, a, b, inside(&piece_ends, a, b), is_kanji)
                    .into_iter()
                    .map(|(c, d)| &word[c..d])
                    .collect()
            })
            .collect();
        out.push(parts);
        from = end;
    }
}

/// A kanji (or 々) on both sides of the byte offset `at`.
fn kanji_at(word: &str, at: usize) -> bool {
    let (l, r) = (word[..at].chars().next_back(), word[at..].chars().next());
    l.is_some_and(is_kanji) && r.is_some_and(is_kanji)
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '々')
}

/// How many kanji stand before `at` in its run of kanji.
fn run_offset(word: &str, at: usize) -> usize {
    word[..at]
        .chars()
        .rev()
        .take_while(|&c| is_kanji(c))
        .count()
}

/// Cuts every two kanji inside a run of four or more (「包括／構成／要素」); a run of odd length
/// keeps three at its end (「支援／事業所」), or at its start when it starts with a prefix.
fn pairs(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let len = chars[i..].iter().take_while(|&&(_, c)| is_kanji(c)).count();
        if len >= 4 {
            let skip = usize::from(len % 2 == 1 && PREFIXES.contains(chars[i].1));
            let mut k = 2 + skip;
            while k + 2 <= len {
                out.push(chars[i + k].0);
                k += 2;
            }
        }
        i += len.max(1);
    }
    out
}

/// The boundaries (byte offsets into `word`) at which a line may break: the model's, less
/// those the rules of the module forbid.
fn kept(word: &str, boundaries: Vec<usize>, loose: bool) -> Vec<usize> {
    boundaries
        .into_iter()
        .filter(|&b| may_break(&word[..b], &word[b..], loose))
        .collect()
}

/// Where kanji follow hiragana: the words of a compound verb (「助け／合い」).
fn kanji_starts(word: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in word.char_indices() {
        if is_kanji(c) && prev.is_some_and(|p| ('ぁ'..='ゖ').contains(&p)) {
            out.push(at);
        }
        prev = Some(c);
    }
    out
}

/// Where a run of digits starts after something else.
fn number_starts(word: &str) -> Vec<usize> {
    let digit = |c: char| c.is_ascii_digit() || crate::text::japanese::is_fw_digit(c);
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (at, c) in word.char_indices() {
        if digit(c) && prev.is_some_and(|p| !digit(p)) {
            out.push(at);
        }
        prev = Some(c);
    }
    out
}

/// Whether a line may break between `before` and `after` (both non-empty in practice).
/// Between pieces (`loose`), a number may start a line after a word (「受け入れ先／５社」), not
/// after what it belongs to (第２, 令和６, 年２回, Ｒ６).
fn may_break(before: &str, after: &str, loose: bool) -> bool {
    let (Some(l), Some(r)) = (before.chars().next_back(), after.chars().next()) else {
        return true;
    };
    let number = |c: char| c.is_ascii_digit() || crate::text::japanese::is_fw_digit(c);
    // A number and what is written beside it: 第２, ２回, ２２日, 令和６年, １０：００～.
    let counted = before.chars().rev().nth(1).is_some_and(number);
    let latin = |c: char| c.is_ascii_alphanumeric() || ('Ａ'..='ｚ').contains(&c);
    // A word of Latin letters and digits: ＰＤＦ, 137KB.
    if latin(l) && latin(r) {
        return false;
    }
    let bound = if loose {
        // ７年／２月: a 年 after a number is its unit, and binds nothing after it.
        (NUMBER_PREFIXES.contains(l) && !counted) || latin(l)
    } else {
        l.is_alphanumeric()
    };
    // A time: ３時３０分.
    let minutes = after.trim_start_matches(number).starts_with('分');
    if number(r) && (bound || NUMBER_JOINERS.contains(l) || (l == '時' && counted && minutes)) {
        return false;
    }
    // A number and its unit (２回, ３０分); a particle may follow on the next line (表１／の).
    let particle = loose && ('ぁ'..='ゖ').contains(&r);
    if number(l) && !OPENING.contains(r) && !particle {
        return false;
    }
    // A date and its weekday: ２２日（木）.
    if weekday(after) && (l == '日' || number(l)) {
        return false;
    }
    !(inside_kept(before, after) || NO_LINE_START.contains(r) || OPENING.contains(l))
}

/// Whether a word of [`KEEP`] spans the place between `before` and `after`.
fn inside_kept(before: &str, after: &str) -> bool {
    KEEP.iter().any(|w| {
        w.char_indices()
            .skip(1)
            .any(|(k, _)| before.ends_with(&w[..k]) && after.starts_with(&w[k..]))
    })
}

/// 「（木）」, 「(木)」, 「（祝）」 at the start of `text`.
fn weekday(text: &str) -> bool {
    let mut c = text.chars();
    matches!(
        (c.next(), c.next(), c.next()),
        (Some('（' | '('), Some(d), Some('）' | ')')) if "月火水木金土日祝".contains(d)
    )
}

/// Words never broken inside, which the models cut (「障が／い」, 「日／時」), and those a
/// number follows.
const KEEP: [&str; 10] = [
    "障がい",
    "子ども",
    "受け入れ",
    "日時",
    "その他",
    "午前",
    "午後",
    "令和",
    "平成",
    "昭和",
];
/// Kanji that bind the number after them: 第２, 令和６, 平成３０, 年２回, 約３０, 毎月１回.
const NUMBER_PREFIXES: &str = "第約計全各毎延和成年月週日号回度時分午前後";
/// Characters that bind a number to the one before it: ～１２時, －３.
const NUMBER_JOINERS: &str = "～〜－-：:．.，,／/";
/// Opening brackets: a line never ends with one.
const OPENING: &str = "（(「『【〔［[｛{〈《“‘";
/// What a line never starts with: closing punctuation, small kana, long-vowel and iteration
/// marks, the wave dash (JIS X 4051's 行頭禁則, strict).
const NO_LINE_START: &str = "、。，．,.・：；:;！？!?）)」』】〕］]｝}〉》”’ー～〜ゝゞヽヾ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ％%";

/// `word[from..end]` cut at `inside` into ranges, none of one character that `joins`: such a
/// range joins its neighbour (a suffix, 「者」 「会」 「員」, the one before it; a prefix, 「第」
/// 「各」, the one after it).
fn whole(
    word: &str,
    from: usize,
    end: usize,
    inside: Vec<usize>,
    joins: fn(char) -> bool,
) -> Vec<(usize, usize)> {
    let mut edges: Vec<usize> = [from].into_iter().chain(inside).chain([end]).collect();
    // edges[k]..edges[k + 1] is range k.
    while edges.len() > 2 {
        let single = (0..edges.len() - 1).find(|&k| {
            let mut c = word[edges[k]..edges[k + 1]].chars();
            c.next().is_some_and(joins) && c.next().is_none()
        });
        let Some(k) = single else { break };
        let last = k + 2 == edges.len();
        let prefix = word[edges[k]..].starts_with(|c| PREFIXES.contains(c));
        if k == 0 || (prefix && !last) {
            edges.remove(k + 1);
        } else {
            edges.remove(k);
        }
    }
    edges.windows(2).map(|w| (w[0], w[1])).collect()
}

/// One-character words that belong to the word after them.
const PREFIXES: &str = "第各全毎約計新旧再非未不無諸当本同両";

#[cfg(test)]
mod tests;
