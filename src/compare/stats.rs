//! The statistics of comparisons: the log-likelihood test on counts, Welch's t-test on tones,
//! the distributions behind their p-values, the Benjamini–Hochberg adjustment, percentiles and
//! cosine similarity. Pure functions; formulas and sources are in docs/comparisons.md.

/// Dunning's log-likelihood G² for the 2×2 table (hits, other tokens) × (side A, side B):
/// G² = 2 Σ O ln(O / E) over the four cells, with E from the margins (Dunning 1993,
/// "Accurate methods for the statistics of surprise and coincidence", Computational
/// Linguistics 19(1)). `None` when a side has no tokens.
pub fn g2(hits_a: u64, tokens_a: u64, hits_b: u64, tokens_b: u64) -> Option<f64> {
    if tokens_a == 0 || tokens_b == 0 {
        return None;
    }
    let hits_a = hits_a.min(tokens_a) as f64;
    let hits_b = hits_b.min(tokens_b) as f64;
    let (ta, tb) = (tokens_a as f64, tokens_b as f64);
    let total = ta + tb;
    let hits = hits_a + hits_b;
    let other = total - hits;
    let cells = [
        (hits_a, ta * hits / total),
        (hits_b, tb * hits / total),
        (ta - hits_a, ta * other / total),
        (tb - hits_b, tb * other / total),
    ];
    let sum: f64 = cells
        .iter()
        .filter(|(o, _)| *o > 0.0)
        .map(|(o, e)| o * (o / e).ln())
        .sum();
    Some((2.0 * sum).max(0.0))
}

/// The log-likelihood G² = 2 Σ O ln(O / E) of a table of counts (rows of equal length), with E
/// from the margins: the test of homogeneity of the rows, with (rows − 1)(columns − 1) degrees
/// of freedom. Empty cells add nothing; an empty table gives 0.
pub fn g2_table(rows: &[Vec<f64>]) -> f64 {
    let columns = rows.first().map_or(0, Vec::len);
    let row_sums: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
    let column_sums: Vec<f64> = (0..columns)
        .map(|j| rows.iter().map(|r| r[j]).sum())
        .collect();
    let total: f64 = row_sums.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let mut sum = 0.0;
    for (r, row) in rows.iter().enumerate() {
        for (j, &o) in row.iter().enumerate() {
            if o > 0.0 {
                sum += o * (o * total / (row_sums[r] * column_sums[j])).ln();
            }
        }
    }
    (2.0 * sum).max(0.0)
}

/// P(X ≥ x) for X chi-square with one degree of freedom: erfc(√(x/2)).
pub fn chi2_1_sf(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    erfc((x / 2.0).sqrt())
}

/// The complementary error function for x ≥ 0, to about 1e-15 relative error: the series
/// erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (all terms positive) below 3, and
/// Laplace's continued fraction for erfc above (Abramowitz & Stegun 7.1.6 and 7.1.14).
pub fn erfc(x: f64) -> f64 {
    const FRAC_2_SQRT_PI: f64 = std::f64::consts::FRAC_2_SQRT_PI;
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    if x < 3.0 {
        let x2 = x * x;
        let mut term = x;
        let mut sum = x;
        let mut n = 0.0;
        while term > sum * 1e-17 {
            n += 1.0;
            term *= 2.0 * x2 / (2.0 * n + 1.0);
            sum += term;
        }
        return 1.0 - FRAC_2_SQRT_PI * (-x2).exp() * sum;
    }
    // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated from
    // the tail; 60 levels are far more than x ≥ 3 needs.
    let mut tail = x;
    for k in (1..=60).rev() {
        tail = x + (k as f64 / 2.0) / tail;
    }
    (-x * x).exp() / (tail * std::f64::consts::PI.sqrt())
}

/// ln Γ(x) for x > 0: Stirling's series with terms to x⁻⁹, after shifting x above 10 with
/// Γ(x) = Γ(x + 1) / x.
pub fn ln_gamma(mut x: f64) -> f64 {
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= x.ln();
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let series = inv
        * (1.0 / 12.0
            - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 * (1.0 / 1680.0 - inv2 / 1188.0))));
    shift + (x - 0.5) * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI).ln() + series
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction
/// (Abramowitz & Stegun 26.5.8) evaluated with the modified Lentz method.
pub fn incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    // The fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - incomplete_beta(1.0 - x, b, a);
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp() / a;
    const TINY: f64 = 1e-300;
    let mut f = 1.0;
    let mut c = 1.0;
    let mut d = 0.0;
    for i in 0..=400 {
        let m = (i / 2) as f64;
        let numerator = if i == 0 {
            1.0
        } else if i % 2 == 0 {
            m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m))
        } else {
            -((a + m) * (a + b + m) * x) / ((a + 2.0 * m) * (a + 2.0 * m + 1.0))
        };
        d = 1.0 + numerator * d;
        d = if d.abs() < TINY { TINY } else { d };
        d = 1.0 / d;
        c = 1.0 + numerator / c;
        c = if c.abs() < TINY { TINY } else { c };
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-15 {
            break;
        }
    }
    front * (f - 1.0)
}

/// Two-sided p-value of Student's t with `df` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).
pub fn t_two_sided(t: f64, df: f64) -> f64 {
    if !t.is_finite() || !df.is_finite() || df <= 0.0 {
        return f64::NAN;
    }
    incomplete_beta(df / (df + t * t), df / 2.0, 0.5)
}

/// Welch's t-test for a difference of means (Welch 1947, Biometrika 34): (t, df, two-sided
/// p). `None` when a side has fewer than two values or both have no spread.
pub fn welch(a: &[f64], b: &[f64]) -> Option<(f64, f64, f64)> {
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let (ma, va) = mean_var(a);
    let (mb, vb) = mean_var(b);
    let (sa, sb) = (va / a.len() as f64, vb / b.len() as f64);
    let se2 = sa + sb;
    if se2 <= 0.0 {
        return None;
    }
    let t = (ma - mb) / se2.sqrt();
    let df = se2 * se2 / (sa * sa / (a.len() as f64 - 1.0) + sb * sb / (b.len() as f64 - 1.0));
    Some((t, df, t_two_sided(t, df)))
}

/// Mean and sample variance (n − 1 in the denominator).
fn mean_var(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
    (mean, var)
}

/// Benjamini–Hochberg adjusted p-values (Benjamini & Hochberg 1995, JRSS B 57(1)), in the order
/// given: p_adj(i) = min over ranks j ≥ rank(i) of m·p_(j)/j, at most 1. `None` entries are not
/// tested and do not count in m.
pub fn benjamini_hochberg(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut tested: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (i, p)))
        .collect();
    tested.sort_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
    let m = tested.len() as f64;
    let mut adjusted = vec![None; p.len()];
    let mut running = 1.0f64;
    for (rank, &(i, p)) in tested.iter().enumerate().rev() {
        running = running.min(p * m / (rank as f64 + 1.0));
        adjusted[i] = Some(running.min(1.0));
    }
    adjusted
}

/// Holm's step-down adjusted p-values (Holm 1979, Scandinavian Journal of Statistics 6), in the
/// order given: p_adj(i) = max over ranks j ≤ rank(i) of (m − j + 1)·p_(j), at most 1. `None`
/// entries are not tested and do not count in m.
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut tested: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (i, p)))
        .collect();
    tested.sort_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
    let m = tested.len() as f64;
    let mut adjusted = vec![None; p.len()];
    let mut running = 0.0f64;
    for (rank, &(i, p)) in tested.iter().enumerate() {
        running = running.max(p * (m - rank as f64));
        adjusted[i] = Some(running.min(1.0));
    }
    adjusted
}

/// The paired t-test of differences against 0 (a one-sample t-test of `d`): (t, df, two-sided
/// p). `None` with fewer than two differences or none that differ from the others.
pub fn paired_t(d: &[f64]) -> Option<(f64, f64, f64)> {
    if d.len() < 2 {
        return None;
    }
    let (mean, var) = mean_var(d);
    if var <= 0.0 {
        return None;
    }
    let t = mean / (var / d.len() as f64).sqrt();
    let df = d.len() as f64 - 1.0;
    Some((t, df, t_two_sided(t, df)))
}

/// P(X ≥ x) for X chi-square with `df` degrees of freedom: the regularized upper incomplete
/// gamma function Q(df/2, x/2).
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    if x.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    gamma_q(df / 2.0, x / 2.0)
}

/// The regularized upper incomplete gamma function Q(a, x) for a > 0, x > 0: by its power series
/// for P = 1 − Q below x = a + 1, and by its continued fraction (modified Lentz) above
/// (Abramowitz & Stegun 6.5.29 and 6.5.31).
pub fn gamma_q(a: f64, x: f64) -> f64 {
    let front = (a * x.ln() - x - ln_gamma(a)).exp();
    if x < a + 1.0 {
        let (mut term, mut sum, mut n) = (1.0 / a, 1.0 / a, a);
        while term.abs() > sum.abs() * 1e-16 {
            n += 1.0;
            term *= x / n;
            sum += term;
        }
        return (1.0 - front * sum).clamp(0.0, 1.0);
    }
    const TINY: f64 = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut f = d;
    for i in 1..=400 {
        let an = -(i as f64) * (i as f64 - a);
        b += 2.0;
        d = an * d + b;
        d = if d.abs() < TINY { TINY } else { d };
        c = b + an / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        let delta = d * c;
        f *= delta;
        if (delta - 1.0).abs() < 1e-15 {
            break;
        }
    }
    (front * f).clamp(0.0, 1.0)
}

/// The standard normal quantile: the x with Φ(x) = q, by bisection on Φ(x) = erfc(−x/√2)/2
/// (to about 1e-12).
pub fn normal_quantile(q: f64) -> f64 {
    let cdf = |x: f64| 0.5 * erfc(-x / std::f64::consts::SQRT_2);
    let (mut lo, mut hi) = (-40.0f64, 40.0f64);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if cdf(mid) < q {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The q-quantile of sorted values, interpolating linearly between order statistics
/// (Hyndman & Fan 1996, definition 7, as R's default).
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Cosine similarity of two profiles; `None` when either is all zeros.
pub fn cosine(a: &[f64], b: &[f64]) -> Option<f64> {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f64 = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let nb: f64 = b.iter().map(|x| x * x).sum::<f64>().sqrt();
    (na > 0.0 && nb > 0.0).then(|| (dot / (na * nb)).clamp(-1.0, 1.0))
}

/// log2 of the ratio of two rates with 0.5 added to each count, so a zero count on one side
/// still gives a finite effect size (Hardie 2014, "Log Ratio", the smoothing as in Lowe et al.
/// 2011). `None` when a side has no tokens.
pub fn log2_ratio(hits_a: u64, tokens_a: u64, hits_b: u64, tokens_b: u64) -> Option<f64> {
    if tokens_a == 0 || tokens_b == 0 {
        return None;
    }
    let ra = (hits_a as f64 + 0.5) / tokens_a as f64;
    let rb = (hits_b as f64 + 0.5) / tokens_b as f64;
    Some((ra / rb).log2())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(x: f64, y: f64, tol: f64) -> bool {
        (x - y).abs() <= tol * y.abs().max(1e-300)
    }

    #[test]
    fn g2_matches_a_table_worked_by_hand() {
        // A: 10 hits in 1,000 tokens; B: 30 in 1,000. Expected hits 20 and 20, others 980 and 980.
        // G² = 2 (10 ln(10/20) + 30 ln(30/20) + 990 ln(990/980) + 970 ln(970/980))
        let by_hand = 2.0
            * (10.0 * (0.5f64).ln()
                + 30.0 * (1.5f64).ln()
                + 990.0 * (990.0f64 / 980.0).ln()
                + 970.0 * (970.0f64 / 980.0).ln());
        let g = g2(10, 1000, 30, 1000).unwrap();
        assert!(close(g, by_hand, 1e-12), "{g} vs {by_hand}");
        assert!((g - 10.6690).abs() < 1e-4, "{g}");
        assert_eq!(g2(0, 100, 0, 100), Some(0.0));
        assert_eq!(g2(1, 0, 1, 10), None);
        // Symmetric in the sides.
        assert!(close(g2(30, 1000, 10, 1000).unwrap(), g, 1e-12));
    }

    #[test]
    fn chi_square_tail_at_known_critical_values() {
        assert!(close(chi2_1_sf(3.841458820694124), 0.05, 1e-12));
        assert!(close(chi2_1_sf(6.634896601021214), 0.01, 1e-12));
        assert!(close(chi2_1_sf(10.827566170662733), 0.001, 1e-11));
        assert!(close(chi2_1_sf(28.373_987_361_779_147), 1e-7, 1e-9));
        assert_eq!(chi2_1_sf(0.0), 1.0);
        assert!(close(erfc(1.0), 0.157_299_207_050_285_1, 1e-14));
        assert!(close(erfc(0.5), 0.479_500_122_186_953_5, 1e-14));
        assert!(close(erfc(5.0), 1.537_459_794_428_034_8e-12, 1e-12));
        assert!(close(erfc(-1.0), 1.842_700_792_949_715, 1e-14));
    }

    #[test]
    fn gamma_beta_and_t_at_known_values() {
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-13
        ));
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-13));
        assert!(close(ln_gamma(100.0), 359.134_205_369_575_4, 1e-14));
        assert!(close(incomplete_beta(0.3, 2.0, 3.0), 0.3483, 1e-12)); // 1 - (0.7^4 + 4·0.3·0.7^3)
        assert!(close(
            t_two_sided(2.228_138_851_986_273_5, 10.0),
            0.05,
            1e-10
        ));
        assert!(close(t_two_sided(12.706_204_736_174_7, 1.0), 0.05, 1e-10));
        assert!(close(t_two_sided(1.959_963_984_540_054, 1e9), 0.05, 1e-6));
        assert_eq!(t_two_sided(0.0, 5.0), 1.0);
    }

    #[test]
    fn welch_matches_a_case_worked_by_hand() {
        // a: mean 2, variance 1 (n = 3); b: mean 5, variance 1 (n = 3):
        // t = -3 / sqrt(1/3 + 1/3) = -3.6742, df = (2/3)² / (2 · (1/3)² / 2) = 4.
        let (t, df, p) = welch(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0]).unwrap();
        assert!(close(t, -3.674_234_614_174_767, 1e-12));
        assert!(close(df, 4.0, 1e-12));
        assert!(close(p, 0.021_311_641_128_756_8, 1e-8), "{p}");
        assert!(welch(&[1.0], &[1.0, 2.0]).is_none());
        assert!(welch(&[1.0, 1.0], &[1.0, 1.0]).is_none());
    }

    #[test]
    fn benjamini_hochberg_by_hand() {
        // m = 4 tests: sorted 0.01, 0.02, 0.03, 0.5 -> 0.04, 0.04, 0.04, 0.5.
        let p = [Some(0.03), None, Some(0.01), Some(0.5), Some(0.02)];
        let adj = benjamini_hochberg(&p);
        let expect = [Some(0.04), None, Some(0.04), Some(0.5), Some(0.04)];
        for (x, y) in adj.iter().zip(expect) {
            match (x, y) {
                (Some(x), Some(y)) => assert!(close(*x, y, 1e-12), "{x} vs {y}"),
                (x, y) => assert_eq!(*x, y),
            }
        }
        assert_eq!(
            benjamini_hochberg(&[Some(0.9), Some(0.8)]),
            vec![Some(0.9), Some(0.9)]
        );
    }

    #[test]
    fn quantiles_cosine_and_log_ratio() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert_eq!(quantile(&v, 0.025), Some(1.1));
        assert_eq!(quantile(&[], 0.5), None);
        assert!(close(
            cosine(&[1.0, 0.0], &[1.0, 1.0]).unwrap(),
            std::f64::consts::FRAC_1_SQRT_2,
            1e-12
        ));
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 1.0]), None);
        assert!(close(
            log2_ratio(3, 100, 1, 200).unwrap(),
            (3.5f64 / 100.0 / (1.5 / 200.0)).log2(),
            1e-12
        ));
        assert_eq!(log2_ratio(0, 10, 0, 10), Some(0.0));
    }

    #[test]
    fn g2_of_a_table_is_the_2x2_g2_for_two_columns() {
        let two = g2_table(&[vec![3.0, 97.0], vec![12.0, 188.0]]);
        assert!((two - g2(3, 100, 12, 200).unwrap()).abs() < 1e-12);
        // Rows in the same proportions: no evidence of difference.
        assert!(g2_table(&[vec![1.0, 2.0, 7.0], vec![2.0, 4.0, 14.0]]).abs() < 1e-12);
        assert_eq!(g2_table(&[]), 0.0);
    }

    #[test]
    fn holm_by_hand() {
        // Sorted 0.01, 0.03, 0.04, 0.20 (m = 4): 4·0.01 = 0.04, 3·0.03 = 0.09, max(0.09, 2·0.04)
        // = 0.09, max(0.09, 1·0.20) = 0.20.
        let p = [Some(0.04), Some(0.01), None, Some(0.2), Some(0.03)];
        let adjusted: Vec<Option<f64>> = holm(&p)
            .into_iter()
            .map(|x| x.map(|x| (x * 1e9).round() / 1e9))
            .collect();
        assert_eq!(
            adjusted,
            [Some(0.09), Some(0.04), None, Some(0.2), Some(0.09)]
        );
    }

    #[test]
    fn chi_square_tails() {
        // R: pchisq(c(3.841459, 5.991465, 11.0705), c(1, 2, 5), lower.tail = FALSE) = 0.05.
        for (x, df) in [(3.841459, 1.0), (5.991465, 2.0), (11.0705, 5.0)] {
            assert!((chi2_sf(x, df) - 0.05).abs() < 1e-6, "{x} {df}");
        }
        assert!((chi2_sf(3.0, 1.0) - chi2_1_sf(3.0)).abs() < 1e-12);
        // Below a + 1 the series is used: pchisq(1, 10, lower.tail = FALSE) = 0.9998279.
        assert!((chi2_sf(1.0, 10.0) - 0.999_827_9).abs() < 1e-6);
        assert_eq!(chi2_sf(0.0, 3.0), 1.0);
    }

    #[test]
    fn paired_t_by_hand() {
        // d = 1, 2, 3: mean 2, sd 1, t = 2 / (1/√3) = 3.4641, df 2; R: t.test(c(1,2,3))$p.value
        // = 0.07418.
        let (t, df, p) = paired_t(&[1.0, 2.0, 3.0]).unwrap();
        assert!((t - 3.464_101_6).abs() < 1e-6);
        assert_eq!(df, 2.0);
        assert!((p - 0.074_180_2).abs() < 1e-5, "{p}");
        assert!(paired_t(&[1.0]).is_none());
        assert!(paired_t(&[2.0, 2.0]).is_none());
    }

    #[test]
    fn normal_quantiles() {
        assert!((normal_quantile(0.975) - 1.959_963_985).abs() < 1e-8);
        assert!((normal_quantile(0.8) - 0.841_621_234).abs() < 1e-8);
        assert!(normal_quantile(0.5).abs() < 1e-10);
    }
}
