//! Agreement and ranking statistics used by `hypecheck validate`.
//!
//! Every function returns `None` when the statistic is undefined for its input (too few
//! observations, no variance, an empty class): a report shows that as "–" (JSON `null`)
//! rather than as a misleading 0 or NaN.

/// `num / den`, or `None` when `den` is 0.
pub fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Harmonic mean of precision and recall; `None` when either is undefined, 0 when both are 0.
pub fn f1(precision: Option<f64>, recall: Option<f64>) -> Option<f64> {
    let (p, r) = (precision?, recall?);
    if p + r == 0.0 {
        Some(0.0)
    } else {
        Some(2.0 * p * r / (p + r))
    }
}

/// Ranks of `xs` (1-based); tied values get the average of the ranks they span.
pub fn average_ranks(xs: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..xs.len()).collect();
    idx.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut ranks = vec![0.0; xs.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && xs[idx[j + 1]] == xs[idx[i]] {
            j += 1;
        }
        // Positions i..=j hold ranks i+1..=j+1; their mean is (i + j) / 2 + 1.
        let r = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            ranks[k] = r;
        }
        i = j + 1;
    }
    ranks
}

/// Pearson correlation; `None` with fewer than two pairs or when either side is constant.
pub fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len();
    if n < 2 || ys.len() != n {
        return None;
    }
    let mx = xs.iter().sum::<f64>() / n as f64;
    let my = ys.iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Spearman's ρ: the Pearson correlation of the average ranks (the tie-corrected form).
pub fn spearman(xs: &[f64], ys: &[f64]) -> Option<f64> {
    if xs.len() != ys.len() {
        return None;
    }
    pearson(&average_ranks(xs), &average_ranks(ys))
}

/// Area under the ROC curve of `scores` for telling `positive` items from the others, via the
/// Mann–Whitney U statistic with average ranks: the probability that a random positive scores
/// higher than a random negative, ties counting one half. `None` when a class is empty.
pub fn auc(scores: &[f64], positive: &[bool]) -> Option<f64> {
    if scores.len() != positive.len() {
        return None;
    }
    let n_pos = positive.iter().filter(|&&p| p).count();
    let n_neg = positive.len() - n_pos;
    if n_pos == 0 || n_neg == 0 {
        return None;
    }
    let ranks = average_ranks(scores);
    let rank_sum: f64 = ranks
        .iter()
        .zip(positive)
        .filter(|(_, &p)| p)
        .map(|(r, _)| r)
        .sum();
    let np = n_pos as f64;
    let u = rank_sum - np * (np + 1.0) / 2.0;
    Some(u / (np * n_neg as f64))
}

/// Cohen's κ for two raters who labelled the same items: `pairs` holds (rater A, rater B)
/// category indices below `k`. `None` when there are no pairs or chance agreement is 1 (both
/// raters used one and the same category throughout).
pub fn cohen_kappa(pairs: &[(usize, usize)], k: usize) -> Option<f64> {
    let n = pairs.len();
    if n == 0 {
        return None;
    }
    let mut a = vec![0usize; k];
    let mut b = vec![0usize; k];
    let mut agree = 0usize;
    for &(x, y) in pairs {
        a[x] += 1;
        b[y] += 1;
        agree += usize::from(x == y);
    }
    let nf = n as f64;
    let po = agree as f64 / nf;
    let pe: f64 = a
        .iter()
        .zip(&b)
        .map(|(&x, &y)| (x as f64 / nf) * (y as f64 / nf))
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

/// Krippendorff's α for nominal data, two coders, no missing values: `pairs` as for
/// [`cohen_kappa`]. α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k over the coincidence
/// matrix (n = 2 × pairs). `None` with fewer than two pairs or when all values are one category.
pub fn krippendorff_alpha_nominal(pairs: &[(usize, usize)], k: usize) -> Option<f64> {
    if pairs.len() < 2 {
        return None;
    }
    let mut marg = vec![0usize; k];
    let mut disagree = 0usize;
    for &(x, y) in pairs {
        marg[x] += 1;
        marg[y] += 1;
        if x != y {
            // The unit contributes o_xy and o_yx: two off-diagonal coincidences.
            disagree += 2;
        }
    }
    let n = (2 * pairs.len()) as f64;
    let total: f64 = marg.iter().map(|&m| m as f64).sum();
    let same: f64 = marg.iter().map(|&m| (m as f64) * (m as f64)).sum();
    let expected = total * total - same; // Σ_{c≠k} n_c n_k
    if expected == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * disagree as f64 / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("defined");
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn ranks_average_ties() {
        assert_eq!(
            average_ranks(&[10.0, 20.0, 20.0, 5.0, 20.0]),
            vec![2.0, 4.0, 4.0, 1.0, 4.0]
        );
        assert_eq!(average_ranks(&[]), Vec::<f64>::new());
    }

    #[test]
    fn spearman_hand_computed() {
        // Perfect monotone, not linear.
        close(
            spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 4.0, 9.0, 100.0]),
            1.0,
        );
        close(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), -1.0);
        // x ranks 1,2,3,4; y = [0,0,1,2] → ranks 1.5,1.5,3,4.
        // mean 2.5; dx = -1.5,-.5,.5,1.5; dy = -1,-1,.5,1.5
        // sxy = 1.5+.5+.25+2.25 = 4.5; sxx = 5; syy = 1+1+.25+2.25 = 4.5
        // ρ = 4.5 / sqrt(22.5) = 0.9486832980505138
        close(
            spearman(&[1.0, 2.0, 3.0, 4.0], &[0.0, 0.0, 1.0, 2.0]),
            4.5 / 22.5f64.sqrt(),
        );
        assert_eq!(spearman(&[1.0, 2.0], &[3.0, 3.0]), None);
        assert_eq!(spearman(&[1.0], &[1.0]), None);
    }

    #[test]
    fn auc_with_ties() {
        // Positives 0.9, 0.5; negatives 0.5, 0.1.
        // Pairs: (0.9>0.5)=1, (0.9>0.1)=1, (0.5=0.5)=.5, (0.5>0.1)=1 → 3.5/4.
        close(
            auc(&[0.9, 0.5, 0.5, 0.1], &[true, true, false, false]),
            0.875,
        );
        close(auc(&[1.0, 2.0], &[true, false]), 0.0);
        close(auc(&[1.0, 1.0, 1.0], &[true, false, false]), 0.5);
        assert_eq!(auc(&[1.0, 2.0], &[true, true]), None);
    }

    #[test]
    fn kappa_hand_computed() {
        // 10 items, 2 categories: a=(0:6,1:4), b=(0:5,1:5); agreement on 7 (4×0, 3×1).
        // pairs: 4×(0,0), 2×(0,1), 1×(1,0), 3×(1,1)
        let mut p = vec![(0, 0); 4];
        p.extend([(0, 1); 2]);
        p.push((1, 0));
        p.extend([(1, 1); 3]);
        // po = .7; pe = .6*.5 + .4*.5 = .5; κ = .2/.5 = .4
        close(cohen_kappa(&p, 2), 0.4);
        close(cohen_kappa(&[(0, 0), (1, 1)], 2), 1.0);
        assert_eq!(cohen_kappa(&[(0, 0), (0, 0)], 2), None);
        assert_eq!(cohen_kappa(&[], 2), None);
    }

    #[test]
    fn alpha_hand_computed() {
        // Same 10 pairs as the κ test. Values: c0 = 6+5 = 11, c1 = 4+5 = 9, n = 20.
        // Disagreeing units 3 → off-diagonal coincidences 6.
        // Σ_{c≠k} n_c n_k = 2·11·9 = 198. α = 1 − 19·6/198 = 1 − 114/198 = 0.424242…
        let mut p = vec![(0, 0); 4];
        p.extend([(0, 1); 2]);
        p.push((1, 0));
        p.extend([(1, 1); 3]);
        close(krippendorff_alpha_nominal(&p, 2), 1.0 - 114.0 / 198.0);
        // Krippendorff's textbook-style check with 3 categories:
        // pairs (0,0),(1,1),(2,2),(0,1): n = 8, marg = 3,3,2; Σ_{c≠k} = 64 − (9+9+4) = 42;
        // α = 1 − 7·2/42 = 2/3.
        close(
            krippendorff_alpha_nominal(&[(0, 0), (1, 1), (2, 2), (0, 1)], 3),
            2.0 / 3.0,
        );
        assert_eq!(krippendorff_alpha_nominal(&[(1, 1), (1, 1)], 3), None);
        assert_eq!(krippendorff_alpha_nominal(&[(0, 1)], 2), None);
    }

    #[test]
    fn f1_and_ratio() {
        assert_eq!(ratio(1, 0), None);
        close(ratio(1, 4), 0.25);
        close(f1(Some(0.5), Some(1.0)), 2.0 / 3.0);
        close(f1(Some(0.0), Some(0.0)), 0.0);
        assert_eq!(f1(None, Some(1.0)), None);
    }
}
