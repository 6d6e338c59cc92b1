//! Scores: the Hype Index curve and hype density.
//!
//! **Density** is weighted hits per 1,000 words: `D = 1000 · W / max(words, 100)`. `W` sums
//! the counted weight of hits (endorsed: weight × boosters; hedged: weight × boosters × hedge
//! factor). The floor of 100 words keeps a one-line headline from jumping to the top of the
//! scale on a single adjective.
//!
//! **Hype Index** maps density onto 0–100 with a fixed saturating curve,
//! `HI = 100 · (1 − exp(−D / K))` with `K` = [`CURVE_K`]. It is calibrated once (see
//! `docs/method.md`) and then kept fixed so indices stay comparable across weeks: 5 weighted
//! hits per 1,000 words give about 15, 10 give 28, 20 give 49, 30 give 63, 40 give 74.
//!
//! **Hype discourse** uses the same curve on the weight of quoted, negated and questioned hits:
//! how much the text talks about hype without endorsing it.
//!
//! **Several documents** (`check a.md b.md`, a report's week, outlet or model) get one index
//! from [`aggregate_index`]: summed weight over summed *floored* word counts,
//! `D = 1000 · ΣW / Σ max(words, 100)`. Each document is floored on its own, so three 30-word
//! drafts count as 300 words, not 100, and a group of one document has that document's index.

/// The curve constant: density at which the index reaches 63.2.
pub const CURVE_K: f64 = 30.0;

/// Minimum word count in the density denominator.
pub const MIN_WORDS: usize = 100;

/// Weighted hits per 1,000 words.
pub fn density(weight: f64, words: usize) -> f64 {
    1000.0 * weight / words.max(MIN_WORDS) as f64
}

/// The 0–100 index for a density, rounded to one decimal.
pub fn index(density: f64) -> f64 {
    if !density.is_finite() || density <= 0.0 {
        return 0.0;
    }
    let v = 100.0 * (1.0 - (-density / CURVE_K).exp());
    (v * 10.0).round() / 10.0
}

/// The word count a document contributes to a density denominator: at least [`MIN_WORDS`].
pub fn floored_words(words: u64) -> u64 {
    words.max(MIN_WORDS as u64)
}

/// The Hype Index of several documents together: summed counted weight over the sum of their
/// [`floored_words`]. 0 when there is no document.
pub fn aggregate_index(weight: f64, floored_words: u64) -> f64 {
    if floored_words == 0 {
        return 0.0;
    }
    index(1000.0 * weight / floored_words as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_is_monotonic_and_bounded() {
        assert_eq!(index(0.0), 0.0);
        assert!(index(5.0) < index(10.0));
        assert!(index(1e9) <= 100.0);
        assert_eq!(index(f64::NAN), 0.0);
        assert_eq!(density(2.0, 10), 20.0);
        assert_eq!(density(2.0, 1000), 2.0);
    }

    #[test]
    fn one_document_aggregates_to_its_own_index() {
        for words in [10usize, 100, 250] {
            assert_eq!(
                aggregate_index(3.0, floored_words(words as u64)),
                index(density(3.0, words))
            );
        }
        // Three 30-word drafts: 300 floored words, not 100.
        assert_eq!(aggregate_index(3.0, 3 * floored_words(30)), index(10.0));
        assert_eq!(aggregate_index(3.0, 0), 0.0);
    }
}
