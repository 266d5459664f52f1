//! The bootstrap: resampling a side's cells with a random stream of its own, the replicates that
//! every comparison a side takes part in shares, and percentile intervals of the draws.

use std::borrow::Cow;

use rayon::prelude::*;

use super::options::Options;
use super::rng::{key_of, SplitMix64};
use super::side::{rate, Side};
use super::stats;

impl Side {
    /// The tone of one bootstrap resample of this side's cells: the same draws as
    /// [`Side::resample`] makes, without the category counts that a unit's summary does not use.
    fn resample_tone(&self, rng: &mut SplitMix64) -> f64 {
        let (mut tone_sum, mut toned) = (0.0, 0usize);
        for _ in 0..self.cells.len() {
            if let Some(t) = self.cells[rng.below(self.cells.len())].tone {
                tone_sum += t;
                toned += 1;
            }
        }
        if toned > 0 {
            tone_sum / toned as f64
        } else {
            f64::NAN
        }
    }

    /// Category rates and tone of one bootstrap resample of this side's cells; for a learned
    /// category of a group side, the mean fitted probability of the resampled articles (NaN
    /// for a side of articles, whose cells are sentences: it has no interval).
    fn resample(&self, rng: &mut SplitMix64, categories: usize, out: &mut Vec<f64>) {
        let mut counts = vec![0u64; categories];
        let mut tokens = 0u64;
        let (mut tone_sum, mut toned) = (0.0, 0usize);
        let mut probabilities = vec![(0.0f64, 0usize); self.probabilities.len()];
        for _ in 0..self.cells.len() {
            let i = rng.below(self.cells.len());
            if self.is_group {
                for (sum, p) in probabilities.iter_mut().zip(&self.probabilities) {
                    if let Some(&x) = p.get(i).filter(|x| x.is_finite()) {
                        sum.0 += x;
                        sum.1 += 1;
                    }
                }
            }
            let cell = &self.cells[i];
            tokens += cell.tokens;
            let hits = &self.cell_hits[i * categories..(i + 1) * categories];
            for (total, &n) in counts.iter_mut().zip(hits) {
                *total += u64::from(n);
            }
            if let Some(t) = cell.tone {
                tone_sum += t;
                toned += 1;
            }
        }
        out.clear();
        out.extend(counts.iter().enumerate().map(|(c, &n)| {
            if self.learned(c) {
                match probabilities[c] {
                    (sum, n) if n > 0 => sum / n as f64,
                    _ => f64::NAN,
                }
            } else {
                rate(n, tokens).unwrap_or(f64::NAN)
            }
        }));
        out.push(if toned > 0 {
            tone_sum / toned as f64
        } else {
            f64::NAN
        });
    }
}

/// The percentile interval of the side's tone over `options.bootstrap` resamples; `None` without
/// replicates or tones.
pub(super) fn tone_interval(side: &Side, options: &Options) -> Option<(f64, f64)> {
    let key = key_of(&["unit", &side.label]);
    let mut draws: Vec<f64> = (0..options.bootstrap as u64)
        .into_par_iter()
        .map(|r| side.resample_tone(&mut SplitMix64::stream(options.seed, key, r)))
        .filter(|t| t.is_finite())
        .collect();
    interval(&mut draws, options.confidence())
}

/// The central `confidence` percentile interval of `draws` (sorted in place); `None` without
/// draws.
pub(super) fn interval(draws: &mut [f64], confidence: f64) -> Option<(f64, f64)> {
    if draws.is_empty() {
        return None;
    }
    draws.sort_by(f64::total_cmp);
    let tail = (1.0 - confidence) / 2.0;
    Some((
        stats::quantile(draws, tail)?,
        stats::quantile(draws, 1.0 - tail)?,
    ))
}

/// The bootstrap replicates of every side that takes part in a comparison: each side is
/// resampled once, with a random stream of its own, and every comparison it takes part in uses
/// those replicates (a side in 11 pairs is resampled once, not 11 times). They are kept when they
/// fit [`REPLICATE_MEMORY`], and made again for each comparison otherwise: the same numbers
/// either way.
pub(super) struct Replicates<'a> {
    sides: &'a [Side],
    categories: usize,
    options: &'a Options,
    kept: Vec<Option<Vec<f64>>>,
}

/// Bytes that kept replicates may take.
const REPLICATE_MEMORY: usize = 256 << 20;

impl<'a> Replicates<'a> {
    pub(super) fn for_pairs(
        sides: &'a [Side],
        pairs: &[(usize, usize)],
        categories: usize,
        options: &'a Options,
    ) -> Self {
        let mut replicates = Replicates {
            sides,
            categories,
            options,
            kept: vec![None; sides.len()],
        };
        let mut used: Vec<usize> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        used.sort_unstable();
        used.dedup();
        let bytes = used.len() * options.bootstrap as usize * (categories + 1) * 8;
        if bytes <= REPLICATE_MEMORY {
            for side in used {
                replicates.kept[side] = Some(replicates.make(side));
            }
        }
        replicates
    }

    /// Replicate `r` of the side is `[r * (categories + 1)..][..categories + 1]`: its rates per
    /// category, then its tone.
    pub(super) fn of(&self, side: usize) -> Cow<'_, [f64]> {
        match &self.kept[side] {
            Some(kept) => Cow::Borrowed(kept),
            None => Cow::Owned(self.make(side)),
        }
    }

    fn make(&self, side: usize) -> Vec<f64> {
        let side = &self.sides[side];
        if side.cells.is_empty() {
            return Vec::new();
        }
        let key = key_of(&["side", &side.label]);
        (0..self.options.bootstrap as u64)
            .into_par_iter()
            .flat_map_iter(|r| {
                let mut rng = SplitMix64::stream(self.options.seed, key, r);
                let mut out = Vec::with_capacity(self.categories + 1);
                side.resample(&mut rng, self.categories, &mut out);
                out
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::interval;

    #[test]
    fn an_interval_cuts_equal_tails_interpolating_between_draws() {
        // 0..=100: the 2.5% and 97.5% quantiles fall halfway between draws, on 2.5 and 97.5.
        let mut draws: Vec<f64> = (0..=100).rev().map(f64::from).collect();
        let (low, high) = interval(&mut draws, 0.95).unwrap();
        assert!(
            (low - 2.5).abs() < 1e-9 && (high - 97.5).abs() < 1e-9,
            "{low} {high}"
        );
        assert_eq!(interval(&mut draws, 0.5), Some((25.0, 75.0)));
        // Sorted in place, whatever the order drawn.
        assert_eq!(draws[0], 0.0);
        assert_eq!(draws[100], 100.0);
    }

    #[test]
    fn an_interval_of_few_draws_interpolates_and_of_none_is_none() {
        let mut draws = [3.0, 1.0];
        // h = 0.025 and 0.975 between the two draws.
        let (low, high) = interval(&mut draws, 0.95).unwrap();
        assert!(
            (low - 1.05).abs() < 1e-9 && (high - 2.95).abs() < 1e-9,
            "{low} {high}"
        );
        assert_eq!(interval(&mut [7.0], 0.9), Some((7.0, 7.0)));
        assert_eq!(interval(&mut [], 0.95), None);
    }

    #[test]
    fn full_confidence_spans_every_draw() {
        let mut draws = [4.0, -2.0, 9.5, 0.0];
        assert_eq!(interval(&mut draws, 1.0), Some((-2.0, 9.5)));
    }
}
