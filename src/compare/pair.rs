//! The statistics of one pooled pair of sides (two groups, two articles, or one story's
//! articles of two groups): per category the two rates, their difference with a bootstrap
//! interval, the ratio and Dunning's G²; the tone difference with Welch's t-test; per lexicon
//! the omnibus G² test of homogeneity. p-values are adjusted afterwards, family by family
//! ([`super::families`]).

use rayon::prelude::*;

use super::bootstrap::interval;
use super::data::{Observations, Schema};
use super::findings::{
    Caution, Comparison, Measure, Omnibus, Row, Sizes, Test, ENOUGH_ARTICLES, ENOUGH_SENTENCES,
};
use super::keyness::key_terms;
use super::options::Options;
use super::plan::Planned;
use super::profiles::profiles;
use super::rng::{key_of, SplitMix64};
use super::side::{mean, Side};
use super::stats;

/// Compares side `a` with side `b`, whose bootstrap replicates are `replicates`; with key terms
/// when `keyness` is possible.
pub(super) fn compare_pair(
    planned: &Planned,
    (a, b): (&Side, &Side),
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
        .map(|(c, category)| Row {
            lexicon: category.lexicon.clone(),
            category: category.name.clone(),
            ..match category.learned() {
                true => learned_row(a, b, c),
                false => rate_row(a, b, c),
            }
        })
        .collect();
    if schema.tone {
        let (ta, tb) = (a.tones(), b.tones());
        let (va, vb) = (mean(&ta), mean(&tb));
        let welch = stats::welch(&ta, &tb);
        rows.push(Row {
            t: welch.map(|w| w.0),
            p: welch.map(|w| w.2),
            n_a: ta.len(),
            n_b: tb.len(),
            ..tone_row(schema, va, vb, (a.tokens, b.tokens), Test::Welch)
        });
    }
    if options.bootstrap > 0 && !a.cells.is_empty() && !b.cells.is_empty() {
        let width = categories + 1;
        for (i, row) in rows.iter_mut().enumerate() {
            if row.diff.is_none() {
                continue;
            }
            if row.measure == Measure::MeanProbability && !(a.is_group && b.is_group) {
                // Sentences are the cells of these sides; a probability is an article's.
                row.ci = article_interval(a, b, i, options);
                continue;
            }
            let mut draws: Vec<f64> = replicates_a
                .chunks_exact(width)
                .zip(replicates_b.chunks_exact(width))
                .map(|(ra, rb)| ra[i] - rb[i])
                .filter(|d| d.is_finite())
                .collect();
            row.ci = interval(&mut draws, options.confidence());
        }
    }
    Comparison {
        design: planned.design,
        story: planned.story.clone(),
        members: Default::default(),
        resampled: resampled(a),
        sizes: Sizes {
            articles_a: a.articles,
            articles_b: b.articles,
            sentences_a: a.sentences,
            sentences_b: b.sentences,
            stories: 0,
        },
        cautions: cautions(a, b),
        omnibus: omnibus(a, b, schema),
        keyness: if keyness {
            key_terms(a, b, obs, options.key_terms)
        } else {
            Vec::new()
        },
        profiles: profiles(a, b, schema),
        rows,
        a: a.label.clone(),
        b: b.label.clone(),
    }
}

/// Category `c`'s row of rates, tested with G² on the pooled counts; lexicon and category left
/// empty.
fn rate_row(a: &Side, b: &Side, c: usize) -> Row {
    let (va, vb) = (a.rate(c), b.rate(c));
    let (ha, hb) = (a.affirmed[c], b.affirmed[c]);
    let g2 = stats::g2(ha, a.tokens, hb, b.tokens);
    Row {
        hits_a: Some(ha),
        hits_b: Some(hb),
        n_a: a.cells.len(),
        n_b: b.cells.len(),
        ratio: va.zip(vb).and_then(|(x, y)| (y > 0.0).then(|| x / y)),
        log2_ratio: stats::log2_ratio(ha, a.tokens, hb, b.tokens),
        g2,
        p: g2.map(stats::chi2_1_sf),
        ..value_row(va, vb, (a.tokens, b.tokens), Measure::RatePer1k, Test::G2)
    }
}

/// Learned category `c`'s row: the mean fitted probability of each side's articles, compared
/// with Welch's t-test over articles (a side needs two). A probability is not a count: no hits,
/// ratio or G². Two single articles have one probability each and no test.
fn learned_row(a: &Side, b: &Side, c: usize) -> Row {
    let (pa, pb) = (a.probabilities_of(c), b.probabilities_of(c));
    let welch = stats::welch(&pa, &pb);
    Row {
        n_a: pa.len(),
        n_b: pb.len(),
        t: welch.map(|w| w.0),
        p: welch.map(|w| w.2),
        ..value_row(
            mean(&pa),
            mean(&pb),
            (a.tokens, b.tokens),
            Measure::MeanProbability,
            Test::Welch,
        )
    }
}

/// The percentile interval of the difference in mean fitted probability of learned category
/// `c` when the sides' articles are resampled, for sides whose cells are sentences; `None`
/// unless each side has two articles with a probability.
fn article_interval(a: &Side, b: &Side, c: usize, options: &Options) -> Option<(f64, f64)> {
    let (pa, pb) = (a.probabilities_of(c), b.probabilities_of(c));
    if pa.len() < 2 || pb.len() < 2 {
        return None;
    }
    let key = key_of(&["learned", &a.label, &b.label, &c.to_string()]);
    let resampled_mean = |p: &[f64], rng: &mut SplitMix64| {
        (0..p.len()).map(|_| p[rng.below(p.len())]).sum::<f64>() / p.len() as f64
    };
    let mut draws: Vec<f64> = (0..options.bootstrap as u64)
        .into_par_iter()
        .map(|r| {
            let mut rng = SplitMix64::stream(options.seed, key, r);
            resampled_mean(&pa, &mut rng) - resampled_mean(&pb, &mut rng)
        })
        .collect();
    interval(&mut draws, options.confidence())
}

/// What a side's cells are.
fn resampled(side: &Side) -> &'static str {
    if side.is_group {
        "articles"
    } else {
        "sentences"
    }
}

/// The tone row of a comparison, without its test.
pub(super) fn tone_row(
    schema: &Schema,
    va: Option<f64>,
    vb: Option<f64>,
    tokens: (u64, u64),
    test: Test,
) -> Row {
    Row {
        lexicon: schema
            .lexicons
            .iter()
            .find(|l| l.tone)
            .map_or_else(|| "tone".to_string(), |l| l.id.clone()),
        category: "tone".into(),
        tone: true,
        ..value_row(va, vb, tokens, Measure::MeanTone, test)
    }
}

/// A row of the two values of `measure`, their difference and nothing else: no test result,
/// interval, family, lexicon or category yet.
pub(super) fn value_row(
    va: Option<f64>,
    vb: Option<f64>,
    (tokens_a, tokens_b): (u64, u64),
    measure: Measure,
    test: Test,
) -> Row {
    Row {
        lexicon: String::new(),
        category: String::new(),
        tone: false,
        measure,
        value_a: va,
        value_b: vb,
        hits_a: None,
        hits_b: None,
        tokens_a,
        tokens_b,
        n_a: 0,
        n_b: 0,
        diff: va.zip(vb).map(|(x, y)| x - y),
        ci: None,
        ratio: None,
        log2_ratio: None,
        g2: None,
        t: None,
        p: None,
        p_adjusted: None,
        significant: false,
        test,
        family: String::new(),
        primary: false,
    }
}

/// The sides' intervals that rest on too little: an article side of few sentences, a group
/// of few articles.
fn cautions(a: &Side, b: &Side) -> Vec<Caution> {
    let mut out = Vec::new();
    for side in [a, b] {
        if side.is_group {
            if side.articles < ENOUGH_ARTICLES {
                out.push(Caution::FewArticles {
                    side: side.label.clone(),
                    articles: side.articles,
                });
            }
        } else if side.cells.len() < ENOUGH_SENTENCES {
            out.push(Caution::FewSentences {
                side: side.label.clone(),
                sentences: side.cells.len(),
            });
        }
    }
    out
}

/// Per frame lexicon, Dunning's G² test of homogeneity of the 2 × (k + 1) table of the two
/// sides' hits in the lexicon's k categories and their remaining tokens, with k degrees of
/// freedom; categories neither side uses drop out. One test for "do these sides use this
/// lexicon differently?", with power where k separate tests have little.
fn omnibus(a: &Side, b: &Side, schema: &Schema) -> Vec<Omnibus> {
    let mut out = Vec::new();
    // A learned lexicon's probabilities are not counts: no test of counts applies to them.
    for lexicon in schema
        .lexicons
        .iter()
        .filter(|l| !l.tone && !schema.is_learned(l))
    {
        let used: Vec<usize> = lexicon
            .categories
            .clone()
            .filter(|&c| a.affirmed[c] + b.affirmed[c] > 0)
            .collect();
        if used.is_empty() || a.tokens == 0 || b.tokens == 0 {
            continue;
        }
        let row = |s: &Side| -> Vec<f64> {
            let hits: Vec<f64> = used.iter().map(|&c| s.affirmed[c] as f64).collect();
            let rest = (s.tokens as f64 - hits.iter().sum::<f64>()).max(0.0);
            hits.into_iter().chain([rest]).collect()
        };
        let g2 = stats::g2_table(&[row(a), row(b)]);
        let df = used.len();
        out.push(Omnibus {
            lexicon: lexicon.id.clone(),
            test: Test::Homogeneity,
            statistic: g2,
            df,
            p: stats::chi2_sf(g2, df as f64),
            p_adjusted: None,
            significant: false,
        });
    }
    out
}
