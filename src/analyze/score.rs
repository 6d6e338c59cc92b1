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
}
