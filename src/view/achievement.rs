//! Achievement rates: a goal's actual (実績 ３人) against its target (目標値 ５人), and the
//! council's rule that names a result from the rate (A: 110%以上 …).

use crate::model::EvaluationRule;
use crate::text::japanese::{fullwidth, halfwidth_digits};

/// The first number in `text` (full- or half-width digits, a decimal point allowed):
/// 「年４回以上」 → 4, 「3.5件」 → 3.5.
pub(crate) fn first_number(text: &str) -> Option<f64> {
    let text = halfwidth_digits(text).replace('．', ".").replace('，', ",");
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    digits.trim_end_matches('.').parse().ok()
}

/// The rate in percent of `actual` against `target`, when both hold a number and the target
/// is not zero.
pub(crate) fn rate(target: &str, actual: &str) -> Option<f64> {
    let (t, a) = (first_number(target)?, first_number(actual)?);
    (t > 0.0).then(|| a / t * 100.0)
}

/// A rate as printed: whole percent, full-width (６０％).
pub(crate) fn rate_text(rate: f64) -> String {
    format!("{}％", fullwidth(&format!("{:.0}", rate.round())))
}

/// The result the council's rules give `rate`: the first rule it reaches (a rule without
/// `at_least` takes every rate).
pub(crate) fn expected(rules: &[EvaluationRule], rate: f64) -> Option<&EvaluationRule> {
    // A rate printed as ６０％ is judged as ６０％: the rule sees what the reader sees.
    let shown = rate.round();
    rules
        .iter()
        .find(|r| r.at_least.is_none_or(|min| shown >= min))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(word: &str, at_least: Option<f64>) -> EvaluationRule {
        EvaluationRule {
            word: word.into(),
            at_least,
        }
    }

    #[test]
    fn numbers_in_japanese_targets() {
        assert_eq!(first_number("年４回以上"), Some(4.0));
        assert_eq!(first_number("3.5件"), Some(3.5));
        assert_eq!(first_number("１，２００人"), Some(1200.0));
        assert_eq!(first_number("協議の場の設置"), None);
        assert_eq!(
            rate("５人", "３人").map(rate_text).as_deref(),
            Some("６０％")
        );
        assert_eq!(rate("０件", "３件"), None);
    }

    #[test]
    fn the_first_rule_reached_names_the_result() {
        let rules = [
            rule("A", Some(110.0)),
            rule("B", Some(80.0)),
            rule("C", Some(50.0)),
            rule("D", None),
        ];
        let word = |r: f64| expected(&rules, r).map(|r| r.word.as_str());
        assert_eq!(word(120.0), Some("A"));
        assert_eq!(word(110.0), Some("A"));
        assert_eq!(word(79.6), Some("B"), "printed as ８０％");
        assert_eq!(word(60.0), Some("C"));
        assert_eq!(word(10.0), Some("D"));
        assert_eq!(expected(&rules[..2], 10.0), None);
    }
}
