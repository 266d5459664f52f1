//! The statistics of one pair of sides: per category the two rates, their difference with a
//! bootstrap interval, the ratio and Dunning's G²; the tone difference with Welch's t-test;
//! Benjamini–Hochberg adjusted p-values and which differences are significant.

use super::bootstrap::interval;
use super::data::Observations;
use super::findings::{Comparison, Row};
use super::keyness::key_terms;
use super::options::Options;
use super::profiles::profiles;
use super::side::{mean, Side};
use super::stats;

/// Compares side `a` with side `b`, whose bootstrap replicates are `replicates`; with key terms
/// when `keyness` is possible.
pub(super) fn compare_pair(
    a: &Side,
    b: &Side,
    (replicates_a, replicates_b): (&[f64], &[f64]),
    obs: &Observations,
    options: &Options,
    keyness: bool,
) -> Comparison {
    let schema = &obs.schema;
    let categories = schema.categories.len();
    let mut rows: Vec<Row> = schema
        .categories
        .iter()
        .enumerate()
        .map(|(c, category)| {
            let (va, vb) = (a.rate(c), b.rate(c));
            let (ha, hb) = (a.affirmed[c], b.affirmed[c]);
            let g2 = stats::g2(ha, a.tokens, hb, b.tokens);
            Row {
                lexicon: category.lexicon.clone(),
                category: category.name.clone(),
                tone: false,
                value_a: va,
                value_b: vb,
                hits_a: Some(ha),
                hits_b: Some(hb),
                tokens_a: a.tokens,
                tokens_b: b.tokens,
                n_a: a.cells.len(),
                n_b: b.cells.len(),
                diff: va.zip(vb).map(|(x, y)| x - y),
                ci: None,
                ratio: va.zip(vb).and_then(|(x, y)| (y > 0.0).then(|| x / y)),
                log2_ratio: stats::log2_ratio(ha, a.tokens, hb, b.tokens),
                g2,
                t: None,
                p: g2.map(stats::chi2_1_sf),
                p_adjusted: None,
                significant: false,
            }
        })
        .collect();
    if schema.tone {
        let (ta, tb) = (a.tones(), b.tones());
        let (va, vb) = (mean(&ta), mean(&tb));
        let welch = stats::welch(&ta, &tb);
        rows.push(Row {
            lexicon: schema
                .lexicons
                .iter()
                .find(|l| l.tone)
                .map_or_else(|| "tone".to_string(), |l| l.id.clone()),
            category: "tone".into(),
            tone: true,
            value_a: va,
            value_b: vb,
            hits_a: None,
            hits_b: None,
            tokens_a: a.tokens,
            tokens_b: b.tokens,
            n_a: ta.len(),
            n_b: tb.len(),
            diff: va.zip(vb).map(|(x, y)| x - y),
            ci: None,
            ratio: None,
            log2_ratio: None,
            g2: None,
            t: welch.map(|w| w.0),
            p: welch.map(|w| w.2),
            p_adjusted: None,
            significant: false,
        });
    }
    if options.bootstrap > 0 && !a.cells.is_empty() && !b.cells.is_empty() {
        let width = categories + 1;
        for (i, row) in rows.iter_mut().enumerate() {
            if row.diff.is_none() {
                continue;
            }
            let mut draws: Vec<f64> = replicates_a
                .chunks_exact(width)
                .zip(replicates_b.chunks_exact(width))
                .map(|(ra, rb)| ra[i] - rb[i])
                .filter(|d| d.is_finite())
                .collect();
            row.ci = interval(&mut draws, options.confidence);
        }
    }
    let adjusted = stats::benjamini_hochberg(&rows.iter().map(|r| r.p).collect::<Vec<_>>());
    let alpha = 1.0 - options.confidence;
    for (row, p_adjusted) in rows.iter_mut().zip(adjusted) {
        row.p_adjusted = p_adjusted;
        let excludes_zero = match row.ci {
            Some((lo, hi)) => lo > 0.0 || hi < 0.0,
            None => options.bootstrap == 0,
        };
        row.significant = p_adjusted.is_some_and(|p| p < alpha) && excludes_zero;
    }
    Comparison {
        a: a.label.clone(),
        b: b.label.clone(),
        keyness: if keyness {
            key_terms(a, b, obs, options.key_terms)
        } else {
            Vec::new()
        },
        profiles: profiles(a, b, schema),
        rows,
    }
}
