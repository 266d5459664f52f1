//! Agreement statistics between a tool's scores and human codes: Pearson and Spearman
//! correlations with Fisher-z intervals, ROC AUC with a DeLong interval, and precision, recall
//! and F1 at a threshold. Pure functions over finite numbers.
//!
//! Sources of the formulas:
//! - Fisher (1915, 1921): z = atanh(r) is nearly normal with standard error 1/sqrt(n - 3).
//! - Bonett, D. G. & Wright, T. A. (2000), "Sample size requirements for estimating Pearson,
//!   Kendall and Spearman correlations", Psychometrika 65(1): standard error
//!   sqrt((1 + rho²/2) / (n - 3)) for the Fisher z of Spearman's rho.
//! - Mann & Whitney (1947); Hanley, J. A. & McNeil, B. J. (1982), "The meaning and use of the
//!   area under a receiver operating characteristic (ROC) curve", Radiology 143(1): the AUC is the
//!   probability that a random positive scores above a random negative (ties count one half).
//! - DeLong, E. R., DeLong, D. M. & Clarke-Pearson, D. L. (1988), "Comparing the areas under two
//!   or more correlated receiver operating characteristic curves: a nonparametric approach",
//!   Biometrics 44(3): the variance of the AUC from its structural components, which stays
//!   correct when many scores tie (as zero counts do).

/// The 97.5th percentile of the standard normal distribution: two-sided 95% intervals.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// A statistic with its 95% confidence interval (none when the sample is too small for one).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub interval: Option<(f64, f64)>,
}

/// Pearson's product-moment correlation; `None` with fewer than 2 pairs or a constant variable.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    assert_eq!(x.len(), y.len(), "paired samples");
    let n = x.len();
    if n < 2 {
        return None;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / n as f64;
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// A 95% interval for a correlation through Fisher's z, with the given standard error of z.
fn fisher_interval(r: f64, standard_error: f64) -> (f64, f64) {
    if r.abs() >= 1.0 {
        return (r, r);
    }
    let z = r.atanh();
    (
        (z - Z_95 * standard_error).tanh(),
        (z + Z_95 * standard_error).tanh(),
    )
}

/// Pearson's r with the Fisher-z interval (standard error 1/sqrt(n - 3); needs n ≥ 4).
pub fn pearson_estimate(x: &[f64], y: &[f64]) -> Option<Estimate> {
    let r = pearson(x, y)?;
    let n = x.len() as f64;
    let interval = (x.len() >= 4).then(|| fisher_interval(r, 1.0 / (n - 3.0).sqrt()));
    Some(Estimate { value: r, interval })
}

/// Ranks from 1, ties sharing the average of the ranks they span.
pub fn ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut out = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && v[order[j]] == v[order[i]] {
            j += 1;
        }
        // Positions i..j (0-based) hold ranks i+1..=j; their mean is (i + 1 + j) / 2.
        let rank = (i + 1 + j) as f64 / 2.0;
        for &k in &order[i..j] {
            out[k] = rank;
        }
        i = j;
    }
    out
}

/// Spearman's rho (Pearson's r of average ranks) with the Fisher-z interval of Bonett & Wright
/// (2000); needs n ≥ 4 for the interval.
pub fn spearman_estimate(x: &[f64], y: &[f64]) -> Option<Estimate> {
    let rho = pearson(&ranks(x), &ranks(y))?;
    let n = x.len() as f64;
    let interval =
        (x.len() >= 4).then(|| fisher_interval(rho, ((1.0 + rho * rho / 2.0) / (n - 3.0)).sqrt()));
    Some(Estimate {
        value: rho,
        interval,
    })
}

/// For each value of `of`, the share of `against` below it, ties counting one half:
/// the placement values of DeLong et al. (1988). `against` must be sorted.
fn placements(of: &[f64], against_sorted: &[f64], below: bool) -> Vec<f64> {
    let m = against_sorted.len() as f64;
    of.iter()
        .map(|&x| {
            let less = against_sorted.partition_point(|&y| y < x) as f64;
            let not_greater = against_sorted.partition_point(|&y| y <= x) as f64;
            let ties = not_greater - less;
            let beaten = if below { less } else { m - not_greater };
            (beaten + 0.5 * ties) / m
        })
        .collect()
}

fn sample_variance(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    v.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)
}

/// ROC AUC of `scores` for telling `positive` items from the rest: the Mann–Whitney probability
/// that a positive outscores a negative. The 95% interval is AUC ± 1.96 × the DeLong standard
/// error, kept within [0, 1]; it needs at least 2 positives and 2 negatives. `None` when either
/// class is empty.
pub fn auc_estimate(scores: &[f64], positive: &[bool]) -> Option<Estimate> {
    assert_eq!(scores.len(), positive.len(), "paired samples");
    let mut pos: Vec<f64> = scores
        .iter()
        .zip(positive)
        .filter(|(_, &p)| p)
        .map(|(&s, _)| s)
        .collect();
    let mut neg: Vec<f64> = scores
        .iter()
        .zip(positive)
        .filter(|(_, &p)| !p)
        .map(|(&s, _)| s)
        .collect();
    if pos.is_empty() || neg.is_empty() {
        return None;
    }
    pos.sort_by(f64::total_cmp);
    neg.sort_by(f64::total_cmp);
    // V10: for each positive, the share of negatives it beats; V01: for each negative, the share
    // of positives that beat it. Both average to the AUC.
    let v10 = placements(&pos, &neg, true);
    let v01 = placements(&neg, &pos, false);
    let auc = v10.iter().sum::<f64>() / pos.len() as f64;
    let interval = (pos.len() >= 2 && neg.len() >= 2).then(|| {
        let variance =
            sample_variance(&v10) / pos.len() as f64 + sample_variance(&v01) / neg.len() as f64;
        let half = Z_95 * variance.max(0.0).sqrt();
        ((auc - half).max(0.0), (auc + half).min(1.0))
    });
    Some(Estimate {
        value: auc,
        interval,
    })
}

/// Precision, recall and F1 of the rule "score ≥ threshold means positive".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Classification {
    pub threshold: f64,
    /// `None` when nothing is predicted positive.
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

pub fn classify(scores: &[f64], positive: &[bool], threshold: f64) -> Classification {
    let (mut tp, mut fp, mut fneg) = (0u64, 0u64, 0u64);
    for (&s, &p) in scores.iter().zip(positive) {
        match (s >= threshold, p) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fneg += 1,
            (false, false) => {}
        }
    }
    counts_to_classification(threshold, tp, fp, fneg)
}

fn counts_to_classification(threshold: f64, tp: u64, fp: u64, fneg: u64) -> Classification {
    let ratio = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
    let precision = ratio(tp, tp + fp);
    let recall = ratio(tp, tp + fneg);
    let f1 = ratio(2 * tp, 2 * tp + fp + fneg);
    Classification {
        threshold,
        precision,
        recall,
        f1,
    }
}

/// The threshold among the observed scores with the highest F1 (ties: the highest threshold,
/// which predicts the fewest positives). Fitted on the same data it is judged on, so its F1 is
/// optimistic. `None` without scores or without positives.
pub fn best_f1(scores: &[f64], positive: &[bool]) -> Option<Classification> {
    let total_pos = positive.iter().filter(|&&p| p).count() as u64;
    if scores.is_empty() || total_pos == 0 {
        return None;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    // Lower the threshold through the distinct scores, highest first, counting what it admits.
    let (mut tp, mut fp) = (0u64, 0u64);
    let mut best: Option<Classification> = None;
    let mut i = 0;
    while i < order.len() {
        let threshold = scores[order[i]];
        while i < order.len() && scores[order[i]] == threshold {
            if positive[order[i]] {
                tp += 1;
            } else {
                fp += 1;
            }
            i += 1;
        }
        let c = counts_to_classification(threshold, tp, fp, total_pos - tp);
        if best.is_none_or(|b| c.f1.unwrap_or(0.0) > b.f1.unwrap_or(0.0)) {
            best = Some(c);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn pearson_by_hand() {
        // Deviations (-2,-1,0,1,2) and (-1,-2,1,0,2): Σxy = 8, Σx² = Σy² = 10, r = 0.8.
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [2.0, 1.0, 4.0, 3.0, 5.0];
        let e = pearson_estimate(&x, &y).unwrap();
        assert!(close(e.value, 0.8));
        // z = atanh(0.8) = 1.0986123, se = 1/sqrt(2); tanh(z ± 1.959964 × 0.7071068).
        let (lo, hi) = e.interval.unwrap();
        assert!(close(lo, -0.2796400), "{lo}");
        assert!(close(hi, 0.9861962), "{hi}");
    }

    #[test]
    fn pearson_is_undefined_for_constants_and_tiny_samples() {
        assert_eq!(pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]), None);
        assert_eq!(pearson(&[1.0], &[1.0]), None);
        let e = pearson_estimate(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]).unwrap();
        assert!(close(e.value, 0.5));
        assert_eq!(e.interval, None, "n = 3 has no Fisher interval");
        let perfect = pearson_estimate(&[1.0, 2.0, 3.0, 4.0], &[2.0, 4.0, 6.0, 8.0]).unwrap();
        assert_eq!(perfect.interval, Some((1.0, 1.0)));
    }

    #[test]
    fn ties_share_average_ranks() {
        assert_eq!(
            ranks(&[10.0, 20.0, 20.0, 5.0, 20.0]),
            vec![2.0, 4.0, 4.0, 1.0, 4.0]
        );
    }

    #[test]
    fn spearman_by_hand() {
        // Ranks of x: 1..5; of y (3, 1, 4, 2, 2 with two tied at 2): 4, 1, 5, 2.5, 2.5.
        // Deviations from 3: (-2,-1,0,1,2) and (1,-2,2,-0.5,-0.5): Σxy = -2+2+0-0.5-1 = -1.5,
        // Σx² = 10, Σy² = 1+4+4+0.25+0.25 = 9.5, rho = -1.5 / sqrt(95) = -0.1538968.
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [3.0, 1.0, 4.0, 2.0, 2.0];
        let e = spearman_estimate(&x, &y).unwrap();
        assert!(close(e.value, -0.1538968), "{}", e.value);
        // Bonett–Wright: se = sqrt((1 + rho²/2) / 2) = 0.7112; z = atanh(rho) = -0.1551293.
        let (lo, hi) = e.interval.unwrap();
        let se = ((1.0 + 0.1538968f64.powi(2) / 2.0) / 2.0).sqrt();
        assert!(close(lo, (-0.1551293 - Z_95 * se).tanh()), "{lo}");
        assert!(close(hi, (-0.1551293 + Z_95 * se).tanh()), "{hi}");
        assert!(close(lo, -0.9136559), "{lo}");
    }

    #[test]
    fn auc_counts_ties_as_half() {
        // Positives 3, 2; negatives 2, 1, 0. Pairs: 3 beats all three; 2 beats 1 and 0 and ties
        // 2: (3 + 2.5) / 6 = 0.9166667.
        let scores = [3.0, 2.0, 2.0, 1.0, 0.0];
        let positive = [true, true, false, false, false];
        let e = auc_estimate(&scores, &positive).unwrap();
        assert!(close(e.value, 5.5 / 6.0));
        // DeLong by hand: V10 = (1, 5/6), variance 1/72 -> /2 = 1/144; V01 for negatives 2, 1,
        // 0 = (0.75, 1, 1), variance 1/48 -> /3 = 1/144. se = sqrt(2/144) = 0.1178511.
        let (lo, hi) = e.interval.unwrap();
        assert!(
            close(lo, 5.5 / 6.0 - Z_95 * (2.0f64 / 144.0).sqrt()),
            "{lo}"
        );
        assert_eq!(hi, 1.0, "kept within [0, 1]");
    }

    #[test]
    fn auc_of_perfect_reversed_and_one_class() {
        let positive = [true, true, false, false];
        assert_eq!(
            auc_estimate(&[4.0, 3.0, 2.0, 1.0], &positive)
                .unwrap()
                .value,
            1.0
        );
        assert_eq!(
            auc_estimate(&[1.0, 2.0, 3.0, 4.0], &positive)
                .unwrap()
                .value,
            0.0
        );
        assert_eq!(
            auc_estimate(&[0.0, 0.0, 0.0, 0.0], &positive)
                .unwrap()
                .value,
            0.5
        );
        assert_eq!(auc_estimate(&[1.0, 2.0], &[true, true]), None);
    }

    #[test]
    fn classification_at_a_threshold() {
        let scores = [5.0, 4.0, 3.0, 2.0, 1.0, 0.0];
        let positive = [true, false, true, true, false, false];
        // score ≥ 3: predicted 5, 4, 3 -> tp 2, fp 1, fn 1.
        let c = classify(&scores, &positive, 3.0);
        assert_eq!((c.precision, c.recall), (Some(2.0 / 3.0), Some(2.0 / 3.0)));
        assert!(close(c.f1.unwrap(), 2.0 / 3.0));
        let none = classify(&scores, &positive, 9.0);
        assert_eq!(
            (none.precision, none.recall, none.f1),
            (None, Some(0.0), Some(0.0))
        );
    }

    #[test]
    fn best_threshold_maximises_f1() {
        let scores = [5.0, 4.0, 3.0, 2.0, 1.0, 0.0];
        let positive = [true, false, true, true, false, false];
        // Thresholds 5: F1 2/4 = 0.5; 4: 2/5; 3: 4/6; 2: tp 3 fp 1 -> 6/7; 1: 6/8; 0: 6/9.
        let best = best_f1(&scores, &positive).unwrap();
        assert_eq!(best.threshold, 2.0);
        assert!(close(best.f1.unwrap(), 6.0 / 7.0));
        // Ties in F1 keep the higher threshold.
        let tied = best_f1(&[1.0, 0.0], &[true, false]).unwrap();
        assert_eq!(tied.threshold, 1.0);
        assert_eq!(best_f1(&[1.0], &[false]), None);
    }
}
