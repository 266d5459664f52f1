//! The stories design: two groups compared over the stories both reported. Per story, each
//! group's rate of each category (its articles on the story pooled) and its tone (the mean of
//! its articles' tones); the difference per story; their mean with a bootstrap interval that
//! resamples stories, and the paired t-test. Per lexicon, a sign-flip permutation test of the
//! per-story differences asks whether the groups use the lexicon differently at all. Pairing
//! holds the story fixed, so a difference cannot come from one outlet covering other events.

use rayon::prelude::*;

use super::bootstrap::interval;
use super::data::Schema;
use super::data::{ArticleCounts, Observations};
use super::findings::{Caution, Comparison, Measure, Omnibus, Row, Sizes, Test, ENOUGH_STORIES};
use super::keyness::key_terms;
use super::options::Options;
use super::pair::{tone_row, value_row};
use super::plan::Planned;
use super::profiles::profiles;
use super::rng::{key_of, SplitMix64};
use super::side::{mean, rate, Side};
use super::stats;

/// Sign flips enumerated in full up to this many stories (2^12 = 4,096); beyond, drawn at random.
const EXACT_FLIPS: usize = 12;
/// Random sign flips drawn beyond [`EXACT_FLIPS`] stories.
const RANDOM_FLIPS: u64 = 9_999;

/// One group's articles on one story, as rates (mean fitted probabilities of learned
/// categories) and a tone.
struct StorySide {
    rates: Vec<Option<f64>>,
    tone: Option<f64>,
}

fn story_side(members: &[&ArticleCounts], schema: &Schema) -> StorySide {
    let tokens: u64 = members.iter().map(|a| a.tokens).sum();
    let rates = (0..schema.categories.len())
        .map(|c| match schema.categories[c].learned() {
            true => mean(
                &members
                    .iter()
                    .filter_map(|a| a.probability(c))
                    .collect::<Vec<_>>(),
            ),
            false => rate(members.iter().map(|a| a.affirmed[c]).sum::<u64>(), tokens),
        })
        .collect();
    let tones: Vec<f64> = members.iter().filter_map(|a| a.tone).collect();
    StorySide {
        rates,
        tone: mean(&tones),
    }
}

/// Compares the groups labelled `labels` over `planned.stories`.
pub(super) fn compare_stories(
    planned: &Planned,
    labels: (&str, &str),
    obs: &Observations,
    options: &Options,
    keyness: bool,
) -> Comparison {
    let schema = &obs.schema;
    let categories = schema.categories.len();
    let members =
        |ids: &[usize]| -> Vec<&ArticleCounts> { ids.iter().map(|&i| &obs.articles[i]).collect() };
    let all_a: Vec<&ArticleCounts> = planned.stories.iter().flat_map(|s| members(&s.a)).collect();
    let all_b: Vec<&ArticleCounts> = planned.stories.iter().flat_map(|s| members(&s.b)).collect();
    let pooled_a = Side::articles(labels.0, &all_a, schema);
    let pooled_b = Side::articles(labels.1, &all_b, schema);
    let sides: Vec<(StorySide, StorySide)> = planned
        .stories
        .iter()
        .map(|s| {
            (
                story_side(&members(&s.a), schema),
                story_side(&members(&s.b), schema),
            )
        })
        .collect();
    // Per row (categories, then tone), the per-story values of each side; a story where a side
    // has no tokens or tone drops out of that row.
    let series = |value: &dyn Fn(&StorySide) -> Option<f64>| -> Vec<(f64, f64)> {
        sides
            .iter()
            .filter_map(|(a, b)| Some((value(a)?, value(b)?)))
            .collect()
    };
    let mut rows = Vec::new();
    let key = key_of(&["stories", labels.0, labels.1]);
    for (c, category) in schema.categories.iter().enumerate() {
        let pairs = series(&|s: &StorySide| s.rates[c]);
        let mut row = paired_row(&pairs, options, key, c as u64);
        row.lexicon = category.lexicon.clone();
        row.category = category.name.clone();
        row.tokens_a = pooled_a.tokens;
        row.tokens_b = pooled_b.tokens;
        if category.learned() {
            // A mean probability per story: no counts, ratio or G².
            row.measure = Measure::MeanProbability;
            rows.push(row);
            continue;
        }
        let (ha, hb) = (pooled_a.affirmed[c], pooled_b.affirmed[c]);
        row.hits_a = Some(ha);
        row.hits_b = Some(hb);
        row.ratio = row
            .value_a
            .zip(row.value_b)
            .and_then(|(x, y)| (y > 0.0).then(|| x / y));
        row.log2_ratio = stats::log2_ratio(ha, pooled_a.tokens, hb, pooled_b.tokens);
        rows.push(row);
    }
    if schema.tone {
        let pairs = series(&|s: &StorySide| s.tone);
        let paired = paired_row(&pairs, options, key, categories as u64);
        rows.push(Row {
            ci: paired.ci,
            t: paired.t,
            p: paired.p,
            n_a: paired.n_a,
            n_b: paired.n_b,
            ..tone_row(
                schema,
                paired.value_a,
                paired.value_b,
                (pooled_a.tokens, pooled_b.tokens),
                Test::PairedT,
            )
        });
    }
    let stories = planned.stories.len();
    Comparison {
        design: planned.design,
        a: labels.0.to_string(),
        b: labels.1.to_string(),
        story: None,
        members: Default::default(),
        resampled: "stories",
        sizes: Sizes {
            articles_a: pooled_a.articles,
            articles_b: pooled_b.articles,
            sentences_a: pooled_a.sentences,
            sentences_b: pooled_b.sentences,
            stories,
        },
        cautions: if stories < ENOUGH_STORIES {
            vec![Caution::FewStories { stories }]
        } else {
            Vec::new()
        },
        omnibus: omnibus(&sides, schema, options, key),
        keyness: if keyness {
            key_terms(&pooled_a, &pooled_b, obs, options.key_terms)
        } else {
            Vec::new()
        },
        profiles: profiles(&pooled_a, &pooled_b, schema),
        rows,
    }
}

/// A row of per-story values `(a, b)`: the mean of each side, the mean difference with its
/// interval over resampled stories, and the paired t-test. Lexicon and category are left empty.
fn paired_row(pairs: &[(f64, f64)], options: &Options, key: u64, row: u64) -> Row {
    let values_a: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let values_b: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let d: Vec<f64> = pairs.iter().map(|(a, b)| a - b).collect();
    let test = stats::paired_t(&d);
    let ci = (options.bootstrap > 0 && !d.is_empty())
        .then(|| {
            let mut draws: Vec<f64> = (0..options.bootstrap as u64)
                .into_par_iter()
                .map(|r| {
                    let mut rng = SplitMix64::stream(options.seed, key ^ row, r);
                    let sum: f64 = (0..d.len()).map(|_| d[rng.below(d.len())]).sum();
                    sum / d.len() as f64
                })
                .collect();
            interval(&mut draws, options.confidence())
        })
        .flatten();
    Row {
        n_a: d.len(),
        n_b: d.len(),
        diff: mean(&d),
        ci,
        t: test.map(|t| t.0),
        // Differences all alike (all zero, say) give no t: no evidence either way.
        p: test.map(|t| t.2).or_else(|| (!d.is_empty()).then_some(1.0)),
        ..value_row(
            mean(&values_a),
            mean(&values_b),
            (0, 0),
            Measure::RatePer1k,
            Test::PairedT,
        )
    }
}

/// Per frame lexicon, the sign-flip permutation test of the per-story differences: with
/// d[s][c] the difference of story s in category c, the statistic Σ_c (Σ_s d[s][c])² /
/// Σ_s d[s][c]² (each category on its own scale) is compared with its values when the sides of
/// each story are swapped at random — every swap is equally likely when the groups do not
/// differ. Exact over all 2^S swaps up to [`EXACT_FLIPS`] stories.
fn omnibus(
    sides: &[(StorySide, StorySide)],
    schema: &super::data::Schema,
    options: &Options,
    key: u64,
) -> Vec<Omnibus> {
    let mut out = Vec::new();
    // A learned lexicon's probabilities are not counts: its rows are tested one by one.
    for lexicon in schema
        .lexicons
        .iter()
        .filter(|l| !l.tone && !schema.is_learned(l))
    {
        let columns: Vec<Vec<f64>> = lexicon
            .categories
            .clone()
            .map(|c| {
                sides
                    .iter()
                    .map(|(a, b)| match (a.rates[c], b.rates[c]) {
                        (Some(x), Some(y)) => x - y,
                        _ => 0.0,
                    })
                    .collect::<Vec<f64>>()
            })
            .filter(|d| d.iter().any(|&x| x != 0.0))
            .collect();
        let stories = sides.len();
        if columns.is_empty() || stories < 2 {
            continue;
        }
        let statistic = |signs: &dyn Fn(usize) -> f64| -> f64 {
            columns
                .iter()
                .map(|d| {
                    let sum: f64 = d.iter().enumerate().map(|(s, x)| signs(s) * x).sum();
                    let squares: f64 = d.iter().map(|x| x * x).sum();
                    sum * sum / squares
                })
                .sum()
        };
        let observed = statistic(&|_| 1.0);
        // A tolerance, so that a swap giving the same value counts as at least as extreme.
        let at_least = |t: f64| t >= observed * (1.0 - 1e-12);
        let p = if stories <= EXACT_FLIPS {
            let total = 1u64 << stories;
            let extreme = (0..total)
                .filter(|mask| at_least(statistic(&|s| sign(mask >> s))))
                .count();
            extreme as f64 / total as f64
        } else {
            let lexicon_key = key ^ key_of(&["omnibus", &lexicon.id]);
            let extreme = (0..RANDOM_FLIPS)
                .into_par_iter()
                .filter(|&r| {
                    let mut rng = SplitMix64::stream(options.seed, lexicon_key, r);
                    let mask: Vec<u64> = (0..stories).map(|_| rng.next_u64()).collect();
                    at_least(statistic(&|s| sign(mask[s])))
                })
                .count();
            (1 + extreme) as f64 / (1 + RANDOM_FLIPS) as f64
        };
        out.push(Omnibus {
            lexicon: lexicon.id.clone(),
            test: Test::SignFlip,
            statistic: observed,
            df: stories,
            p,
            p_adjusted: None,
            significant: false,
        });
    }
    out
}

/// +1 or −1 from the lowest bit.
fn sign(bits: u64) -> f64 {
    if bits & 1 == 0 {
        1.0
    } else {
        -1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paired_row_averages_per_story_differences() {
        let options = Options {
            bootstrap: 200,
            ..Options::default()
        };
        let row = paired_row(&[(10.0, 4.0), (8.0, 5.0), (6.0, 6.0)], &options, 1, 0);
        assert_eq!(row.value_a, Some(8.0));
        assert_eq!(row.value_b, Some(5.0));
        assert_eq!(row.diff, Some(3.0));
        // d = 6, 3, 0: mean 3, sd 3, t = 3 / (3/√3) = √3.
        assert!((row.t.unwrap() - 3f64.sqrt()).abs() < 1e-12);
        let (lo, hi) = row.ci.unwrap();
        assert!(
            (0.0..=3.0).contains(&lo) && (3.0..=6.0).contains(&hi),
            "{lo} {hi}"
        );
        assert_eq!(row.n_a, 3);
    }

    #[test]
    fn equal_differences_give_no_evidence() {
        let row = paired_row(&[(1.0, 1.0), (2.0, 2.0)], &Options::default(), 1, 0);
        assert_eq!(row.diff, Some(0.0));
        assert_eq!(row.t, None);
        assert_eq!(row.p, Some(1.0));
    }

    fn sides(d: &[f64]) -> Vec<(StorySide, StorySide)> {
        d.iter()
            .map(|&x| {
                (
                    StorySide {
                        rates: vec![Some(10.0 + x)],
                        tone: None,
                    },
                    StorySide {
                        rates: vec![Some(10.0)],
                        tone: None,
                    },
                )
            })
            .collect()
    }

    fn schema() -> super::super::data::Schema {
        super::super::data::Schema {
            lexicons: vec![super::super::data::Lexicon {
                id: "crisis".into(),
                name: "Crisis".into(),
                tone: false,
                categories: 0..1,
            }],
            categories: vec![super::super::data::Category {
                lexicon: "crisis".into(),
                name: "hope".into(),
                intercept: None,
            }],
            tone: false,
        }
    }

    #[test]
    fn sign_flips_are_counted_exactly() {
        // Three stories all one way: of the 8 swaps, only all-kept and all-swapped are as
        // extreme, so p = 2/8.
        let tests = omnibus(&sides(&[1.0, 2.0, 3.0]), &schema(), &Options::default(), 7);
        assert_eq!(tests.len(), 1);
        assert_eq!(tests[0].p, 0.25);
        assert_eq!(tests[0].df, 3);
        // Six stories all one way: 2/64.
        let tests = omnibus(&sides(&[1.0; 6]), &schema(), &Options::default(), 7);
        assert_eq!(tests[0].p, 2.0 / 64.0);
        // Differences that cancel are not evidence.
        let tests = omnibus(
            &sides(&[1.0, -1.0, 1.0, -1.0]),
            &schema(),
            &Options::default(),
            7,
        );
        assert_eq!(tests[0].p, 1.0);
    }
}
