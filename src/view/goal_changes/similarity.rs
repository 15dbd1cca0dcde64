//! How alike two goals read: texts folded to a normal form, and the weighted character pairs
//! (bigrams) each shares with the other, rarer pairs counting more.

use crate::model::Goal;

/// A text as compared: full-width letters, digits and signs folded to half-width, whitespace
/// (including the ideographic space) left out.
pub(crate) fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// A goal's text as compared: normalised activity and target.
pub(super) fn key(g: &Goal) -> (String, String) {
    let n = |s: &Option<String>| normalise(s.as_deref().unwrap_or_default());
    (n(&g.activity), n(&g.target))
}

/// The character bigrams of a goal's normalised text with their counts, in bigram order.
fn bigrams(g: &Goal) -> Vec<((char, char), usize)> {
    let (activity, target) = key(g);
    let chars: Vec<char> = activity.chars().chain(target.chars()).collect();
    let mut all: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    all.sort_unstable();
    let mut counted: Vec<((char, char), usize)> = Vec::new();
    for b in all {
        match counted.last_mut() {
            Some((last, n)) if *last == b => *n += 1,
            _ => counted.push((b, 1)),
        }
    }
    counted
}

/// A goal's bigrams as compared: each bigram's rank among all bigrams of both years with its
/// count, in rank order (which is bigram order), and their weighted sum.
pub(super) struct Profile {
    grams: Vec<(usize, usize)>,
    total: f64,
}

/// How much a shared bigram says two goals are one: little for the drafting common to all
/// goals of both years (「協議の場において」「の協働により」), much for what few goals say.
/// By bigram rank.
pub(super) struct Weights(Vec<f64>);

impl Weights {
    /// The weights of the bigrams of `old` and `new` together, and each goal's profile.
    pub(super) fn new(old: &[&Goal], new: &[&Goal]) -> (Weights, Vec<Profile>, Vec<Profile>) {
        let counted: Vec<_> = old.iter().chain(new).map(|g| bigrams(g)).collect();
        let mut all: Vec<(char, char)> = counted.iter().flatten().map(|(b, _)| *b).collect();
        all.sort_unstable();
        // In how many goals each bigram is (a goal's bigrams are distinct).
        let mut keys: Vec<(char, char)> = Vec::new();
        let mut df: Vec<f64> = Vec::new();
        for b in all {
            match (keys.last(), df.last_mut()) {
                (Some(last), Some(d)) if *last == b => *d += 1.0,
                _ => {
                    keys.push(b);
                    df.push(1.0);
                }
            }
        }
        let n = (old.len() + new.len()) as f64 + 1.0;
        let weights = Weights(df.into_iter().map(|d| (1.0 + n / d).ln()).collect());
        let mut profiles: Vec<Profile> = counted
            .into_iter()
            .map(|c| {
                let grams: Vec<(usize, usize)> = (c.into_iter())
                    .map(|(b, n)| (keys.binary_search(&b).unwrap_or_default(), n))
                    .collect();
                let total = grams.iter().map(|&(k, c)| weights.0[k] * c as f64).sum();
                Profile { grams, total }
            })
            .collect();
        let new_profiles = profiles.split_off(old.len());
        (weights, profiles, new_profiles)
    }

    /// The weighted Sørensen–Dice coefficient of two goals' bigrams (0 to 1).
    pub(super) fn similarity(&self, a: &Profile, b: &Profile) -> f64 {
        let (mut shared, mut j) = (0.0, 0);
        for &(k, c) in &a.grams {
            while j < b.grams.len() && b.grams[j].0 < k {
                j += 1;
            }
            if let Some(&(bk, d)) = b.grams.get(j)
                && bk == k
            {
                shared += self.0[k] * c.min(d) as f64;
            }
        }
        let all = a.total + b.total;
        if all == 0.0 { 1.0 } else { 2.0 * shared / all }
    }
}
