//! How large a difference the compared texts can show: the minimum detectable rate ratio for
//! two sides' token counts, and the length each side would need to detect a given ratio. For
//! a reader of two short articles, so they learn that the texts are too short, not that they
//! are alike.
//!
//! Counts are taken as Poisson: with rate `base` per token on one side and `ratio` times it on
//! the other, the log rate ratio is estimated with variance 1/(n_a·base·ratio) + 1/(n_b·base),
//! and a two-sided test at level α detects it with the given power when
//! |ln ratio| ≥ (z₁₋α/₂ + z_power) · its standard error (the normal approximation to the test
//! of two Poisson rates; see e.g. Gu, Ng, Tang & Schucany 2008, Biometrical Journal 50(2)).
//! Articles are not independent within a group, so for groups of articles these figures are
//! the best case.

use super::stats::normal_quantile;

/// Power at which detectable differences are quoted.
pub const POWER: f64 = 0.8;

fn z_sum(alpha: f64, power: f64) -> f64 {
    normal_quantile(1.0 - alpha / 2.0) + normal_quantile(power)
}

/// The smallest ratio (above 1) between two rates that a two-sided test at level `alpha`
/// detects with probability `power`, for a category used `base` times per token on the less
/// frequent side; `None` without tokens or occurrences.
pub fn min_detectable_ratio(
    base: f64,
    tokens_a: u64,
    tokens_b: u64,
    alpha: f64,
    power: f64,
) -> Option<f64> {
    if base <= 0.0 || tokens_a == 0 || tokens_b == 0 {
        return None;
    }
    let z = z_sum(alpha, power);
    let (na, nb) = (tokens_a as f64, tokens_b as f64);
    // ln R = z·sqrt(1/(na·base·R) + 1/(nb·base)): the right side falls as R grows, so the
    // iteration from R = 1 rises to the fixed point.
    let mut ratio = 1.0f64;
    for _ in 0..200 {
        let next = (z * (1.0 / (na * base * ratio) + 1.0 / (nb * base)).sqrt()).exp();
        if (next - ratio).abs() < 1e-9 * ratio {
            return Some(next);
        }
        ratio = next;
    }
    Some(ratio)
}

/// Tokens each side would need for a two-sided test at level `alpha` to detect, with
/// probability `power`, that one side uses a category `ratio` times as often as the other,
/// which uses it `base` times per token.
pub fn tokens_needed(base: f64, ratio: f64, alpha: f64, power: f64) -> Option<f64> {
    if base <= 0.0 || ratio <= 1.0 {
        return None;
    }
    let z = z_sum(alpha, power);
    Some(z * z * (1.0 / ratio + 1.0) / (base * ratio.ln().powi(2)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detectable_ratio_solves_its_equation() {
        // 200 tokens a side, 10 per 1,000 tokens.
        let r = min_detectable_ratio(0.01, 200, 200, 0.05, POWER).unwrap();
        let z = 1.959_964 + 0.841_621;
        let se = (1.0 / (200.0 * 0.01 * r) + 1.0 / (200.0 * 0.01)).sqrt();
        assert!((r.ln() - z * se).abs() < 1e-5, "{r}");
        // Short texts detect only large ratios; long ones small ratios.
        assert!(r > 5.0, "{r}");
        let long = min_detectable_ratio(0.01, 200_000, 200_000, 0.05, POWER).unwrap();
        assert!(long < 1.2, "{long}");
        assert_eq!(min_detectable_ratio(0.0, 10, 10, 0.05, POWER), None);
    }

    #[test]
    fn tokens_needed_inverts_the_detectable_ratio() {
        let n = tokens_needed(0.01, 2.0, 0.05, POWER).unwrap();
        // With n tokens a side, a doubling is exactly what can be detected.
        let r =
            min_detectable_ratio(0.01, n.round() as u64, n.round() as u64, 0.05, POWER).unwrap();
        assert!((r - 2.0).abs() < 0.01, "{n} {r}");
        assert_eq!(tokens_needed(0.01, 1.0, 0.05, POWER), None);
    }
}
