//! BudouX (Google's phrase segmenter, Apache-2.0): its Japanese models and its parser, ported
//! from the Python package's `parser.py` (budoux 0.10.1). A model scores each position of a
//! text from the characters around it; a positive score is a place where a line may break.
//!
//! `ja.json` cuts a text into phrases (文節: 「協議の／場の／設置」); `ja_word.json` cuts finer,
//! about into words (「包括構成／要素」), for a phrase longer than its column. Both files are
//! the package's own, unchanged (`budoux/LICENSE`).

use std::collections::HashMap;
use std::sync::LazyLock;

/// One model: the weights of the 13 features, and the score every position starts from.
pub(super) struct Model {
    /// UW1…UW6: one character at offsets -3…+2 from the position.
    unigrams: [HashMap<String, i32>; 6],
    /// BW1…BW3: two characters at offsets -2, -1, 0.
    bigrams: [HashMap<String, i32>; 3],
    /// TW1…TW4: three characters at offsets -3, -2, -1, 0.
    trigrams: [HashMap<String, i32>; 4],
    base: i64,
}

/// The phrase model.
pub(super) static PHRASES: LazyLock<Model> =
    LazyLock::new(|| Model::parse(include_str!("budoux/ja.json")));
/// The word model.
pub(super) static WORDS: LazyLock<Model> =
    LazyLock::new(|| Model::parse(include_str!("budoux/ja_word.json")));

impl Model {
    /// A model from BudouX's JSON (`{"UW1": {"あ": 12, …}, …}`). The files are part of the
    /// program, so a malformed one is a bug of the build, caught by the tests.
    fn parse(json: &str) -> Model {
        let mut groups: HashMap<String, HashMap<String, i32>> =
            serde_json::from_str(json).expect("BudouX model is valid JSON");
        let total: i64 = groups
            .values()
            .flat_map(|g| g.values())
            .map(|&v| i64::from(v))
            .sum();
        let mut take = |name: &str| groups.remove(name).unwrap_or_default();
        Model {
            unigrams: ["UW1", "UW2", "UW3", "UW4", "UW5", "UW6"].map(&mut take),
            bigrams: ["BW1", "BW2", "BW3"].map(&mut take),
            trigrams: ["TW1", "TW2", "TW3", "TW4"].map(&mut take),
            // Python: -sum(all weights) * 0.5; scores are compared with 0 in doubled units.
            base: -total,
        }
    }

    /// The byte offsets inside `text` where the model puts a boundary (never 0 or the end).
    pub(super) fn boundaries(&self, text: &str) -> Vec<usize> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let n = chars.len();
        let mut key = String::with_capacity(12);
        // The weight of the characters from..to (char indices) in `map`.
        let mut weight = |map: &HashMap<String, i32>, from: usize, to: usize| -> i64 {
            key.clear();
            key.extend(chars[from..to].iter().map(|&(_, c)| c));
            i64::from(map.get(key.as_str()).copied().unwrap_or(0))
        };
        let mut out = Vec::new();
        for (i, &(at, _)) in chars.iter().enumerate().skip(1) {
            let mut score = 0i64;
            let uw = &self.unigrams;
            if i > 2 {
                score += weight(&uw[0], i - 3, i - 2);
            }
            if i > 1 {
                score += weight(&uw[1], i - 2, i - 1);
            }
            score += weight(&uw[2], i - 1, i);
            score += weight(&uw[3], i, i + 1);
            if i + 1 < n {
                score += weight(&uw[4], i + 1, i + 2);
            }
            if i + 2 < n {
                score += weight(&uw[5], i + 2, i + 3);
            }
            let bw = &self.bigrams;
            if i > 1 {
                score += weight(&bw[0], i - 2, i);
            }
            score += weight(&bw[1], i - 1, i + 1);
            if i + 1 < n {
                score += weight(&bw[2], i, i + 2);
            }
            let tw = &self.trigrams;
            if i > 2 {
                score += weight(&tw[0], i - 3, i);
            }
            if i > 1 {
                score += weight(&tw[1], i - 2, i + 1);
            }
            if i + 1 < n {
                score += weight(&tw[2], i - 1, i + 2);
            }
            if i + 2 < n {
                score += weight(&tw[3], i, i + 3);
            }
            // score + base/2 > 0, in whole numbers.
            if 2 * score + self.base > 0 {
                out.push(at);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut<'a>(model: &Model, text: &'a str) -> Vec<&'a str> {
        let mut pieces = Vec::new();
        let mut from = 0;
        for b in model.boundaries(text) {
            pieces.push(&text[from..b]);
            from = b;
        }
        pieces.push(&text[from..]);
        pieces
    }

    /// The same cuts as the Python package gives (budoux 0.10.1, `Parser.parse`).
    #[test]
    fn cuts_as_the_reference_parser() {
        assert_eq!(cut(&PHRASES, "協議の場の設置"), ["協議の", "場の", "設置"]);
        assert_eq!(cut(&PHRASES, "にも包括構成要素"), ["にも", "包括構成要素"]);
        assert_eq!(
            cut(&PHRASES, "ピアサポーターの活用の場の拡大"),
            ["ピアサポーターの", "活用の", "場の", "拡大"]
        );
        assert_eq!(
            cut(&PHRASES, "令和６年５月２２日（木）"),
            ["令和", "６年５月２２日", "（木）"]
        );
        assert_eq!(
            cut(&WORDS, "にも包括構成要素"),
            ["に", "も", "包括構成", "要素"]
        );
        assert_eq!(
            cut(&WORDS, "地域包括ケアシステムの構築"),
            ["地域包括ケアシステム", "の", "構築"]
        );
        assert!(PHRASES.boundaries("").is_empty());
        assert!(PHRASES.boundaries("あ").is_empty());
    }
}
