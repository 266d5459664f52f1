//! The comparison engine: chooses what to compare, then for each pair of sides computes per
//! category the two rates, their difference with a bootstrap confidence interval, the ratio,
//! Dunning's G² with its Benjamini–Hochberg adjusted p-value, the tone difference with Welch's
//! t-test, the similarity of the frame profiles and the keyness of terms. Pure: observations in,
//! a [`Report`] out.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use super::data::{ArticleCounts, Observations, Schema};
use super::rng::{key_of, SplitMix64};
use super::stats;

/// What to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairsMode {
    /// Groups when grouping was asked for, else articles when there are few, else groups.
    Auto,
    Articles,
    Groups,
    None,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub pairs: PairsMode,
    /// The run was grouped on purpose (`--group-by`): `Auto` compares groups.
    pub grouped: bool,
    /// Compare every other side with this article or group instead of every pair.
    pub baseline: Option<String>,
    /// Every pair is compared only up to this many articles or groups.
    pub max_units: usize,
    /// Bootstrap replicates for confidence intervals (0: no intervals).
    pub bootstrap: u32,
    pub seed: u64,
    /// Confidence level of the intervals and 1 − the significance level.
    pub confidence: f64,
    /// Keyness rows kept per category and side.
    pub key_terms: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pairs: PairsMode::Auto,
            grouped: false,
            baseline: None,
            max_units: 10,
            bootstrap: 2000,
            seed: 20_240_601,
            confidence: 0.95,
            key_terms: 10,
        }
    }
}

/// The sides compared: single articles, or groups of articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Articles,
    Groups,
}

impl Unit {
    /// What the bootstrap resamples for this unit.
    pub fn resampled(self) -> &'static str {
        match self {
            Unit::Articles => "sentences",
            Unit::Groups => "articles",
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CompareError {
    #[error("the baseline `{id}` is neither an article nor a group of this run; {candidates}")]
    UnknownBaseline { id: String, candidates: String },
    #[error(
        "comparing articles keeps every sentence in memory, so it is limited to {limit} articles and this run has more; compare groups (--pairs groups) or analyze fewer articles"
    )]
    TooManyArticles { limit: usize },
    #[error("comparing every pair of {count} {unit} makes {pairs} comparisons, more than --max-units {max} allows; raise --max-units or pick a --baseline")]
    TooManyPairs {
        count: usize,
        unit: &'static str,
        pairs: usize,
        max: usize,
    },
    #[error(
        "comparing groups needs at least two groups; this run has {0} (set one with --group-by)"
    )]
    TooFewGroups(usize),
}

/// One category (or the tone) of one comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub lexicon: String,
    pub category: String,
    pub tone: bool,
    /// Rates per 1,000 tokens; for the tone row, mean tones.
    pub value_a: Option<f64>,
    pub value_b: Option<f64>,
    /// Affirmed hits (categories only).
    pub hits_a: Option<u64>,
    pub hits_b: Option<u64>,
    pub tokens_a: u64,
    pub tokens_b: u64,
    /// What the bootstrap resampled on each side (sentences or articles).
    pub n_a: usize,
    pub n_b: usize,
    pub diff: Option<f64>,
    pub ci: Option<(f64, f64)>,
    pub ratio: Option<f64>,
    pub log2_ratio: Option<f64>,
    pub g2: Option<f64>,
    /// For the tone row, Welch's t statistic.
    pub t: Option<f64>,
    pub p: Option<f64>,
    pub p_adjusted: Option<f64>,
    pub significant: bool,
}

/// A term that distinguishes one side from the other within a category.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTerm {
    pub lexicon: String,
    pub category: String,
    pub term: String,
    pub count_a: u64,
    pub count_b: u64,
    pub rate_a: Option<f64>,
    pub rate_b: Option<f64>,
    pub log2_ratio: Option<f64>,
    pub g2: f64,
    pub p: f64,
    /// The label of the side that uses the term more.
    pub favours: String,
}

/// How alike the two sides' frame profiles are within a lexicon (or `all` frame lexicons).
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub lexicon: String,
    pub cosine: Option<f64>,
    pub dominant_a: Option<String>,
    pub dominant_b: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub rows: Vec<Row>,
    pub keyness: Vec<KeyTerm>,
    pub profiles: Vec<Profile>,
}

/// One side as charts show it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitSummary {
    pub label: String,
    pub group: String,
    pub articles: usize,
    pub tokens: u64,
    /// Per category, per 1,000 tokens.
    pub rates: Vec<Option<f64>>,
    pub tone: Option<f64>,
    pub tone_ci: Option<(f64, f64)>,
}

/// A sentence-by-sentence tone series of one article, for tone arcs.
#[derive(Debug, Clone, PartialEq)]
pub struct Arc {
    pub label: String,
    pub group: String,
    pub tones: Vec<Option<f64>>,
}

/// Everything a comparison run found.
#[derive(Debug, Clone)]
pub struct Report {
    pub schema: Schema,
    pub unit: Option<Unit>,
    pub units: Vec<UnitSummary>,
    pub comparisons: Vec<Comparison>,
    pub arcs: Vec<Arc>,
    pub baseline: Option<String>,
    pub bootstrap: u32,
    pub seed: u64,
    pub confidence: f64,
    /// Whether keyness could be computed (complete term counts).
    pub keyness: bool,
    /// What was decided and why, for the terminal and summary.md.
    pub notes: Vec<String>,
}

/// Sentences and terms are kept for at most this many articles.
pub const DETAIL_LIMIT: usize = 200;
/// Tone arcs are drawn for at most this many articles.
pub const ARC_LIMIT: usize = 36;

/// A resampling cell: a sentence of an article side, or an article of a group side.
struct Cell {
    tokens: u64,
    tone: Option<f64>,
}

/// One side of comparisons, ready for statistics.
struct Side {
    label: String,
    group: String,
    articles: usize,
    cells: Vec<Cell>,
    /// Affirmed hits of each cell in each category, a row of `categories` counts per cell: a
    /// resample adds whole rows, which the processor does several counts at a time.
    cell_hits: Vec<u32>,
    tokens: u64,
    affirmed: Vec<u64>,
    scores: Vec<f64>,
    terms: FxHashMap<u32, u64>,
}

impl Side {
    fn article(a: &ArticleCounts, categories: usize) -> Self {
        let mut cell_hits = vec![0u32; a.sentences.len() * categories];
        for (row, s) in cell_hits.chunks_exact_mut(categories).zip(&a.sentences) {
            for &(c, n) in &s.hits {
                row[c as usize] = n;
            }
        }
        Side {
            label: a.id.clone(),
            group: a.group.clone(),
            articles: 1,
            cells: a
                .sentences
                .iter()
                .map(|s| Cell {
                    tokens: s.tokens as u64,
                    tone: s.tone,
                })
                .collect(),
            cell_hits,
            tokens: a.tokens,
            affirmed: a.affirmed.clone(),
            scores: a.scores.clone(),
            terms: a.terms.iter().copied().collect(),
        }
    }

    fn group(
        name: &str,
        members: &[&ArticleCounts],
        terms: Option<&FxHashMap<u32, u64>>,
        categories: usize,
    ) -> Self {
        let mut affirmed = vec![0u64; categories];
        let mut scores = vec![0f64; categories];
        for a in members {
            affirmed
                .iter_mut()
                .zip(&a.affirmed)
                .for_each(|(s, x)| *s += x);
            scores.iter_mut().zip(&a.scores).for_each(|(s, x)| *s += x);
        }
        Side {
            label: group_label(name),
            group: name.to_string(),
            articles: members.len(),
            cells: members
                .iter()
                .map(|a| Cell {
                    tokens: a.tokens,
                    tone: a.tone,
                })
                .collect(),
            // An article's hits in one category fit 32 bits: it holds at most 4 GB of text.
            cell_hits: members
                .iter()
                .flat_map(|a| {
                    a.affirmed
                        .iter()
                        .map(|&n| u32::try_from(n).unwrap_or(u32::MAX))
                })
                .collect(),
            tokens: members.iter().map(|a| a.tokens).sum(),
            affirmed,
            scores,
            terms: terms.cloned().unwrap_or_default(),
        }
    }

    fn rate(&self, c: usize) -> Option<f64> {
        rate(self.affirmed[c], self.tokens)
    }

    fn tones(&self) -> Vec<f64> {
        self.cells.iter().filter_map(|c| c.tone).collect()
    }

    fn tone(&self) -> Option<f64> {
        mean(&self.tones())
    }

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

    /// Category rates and tone of one bootstrap resample of this side's cells.
    fn resample(&self, rng: &mut SplitMix64, categories: usize, out: &mut Vec<f64>) {
        let mut counts = vec![0u64; categories];
        let mut tokens = 0u64;
        let (mut tone_sum, mut toned) = (0.0, 0usize);
        for _ in 0..self.cells.len() {
            let i = rng.below(self.cells.len());
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
        out.extend(counts.iter().map(|&n| rate(n, tokens).unwrap_or(f64::NAN)));
        out.push(if toned > 0 {
            tone_sum / toned as f64
        } else {
            f64::NAN
        });
    }
}

/// How a group is named in outputs; articles without a group form the group `(none)`.
pub fn group_label(name: &str) -> String {
    if name.is_empty() {
        "(none)".to_string()
    } else {
        name.to_string()
    }
}

fn rate(hits: u64, tokens: u64) -> Option<f64> {
    (tokens > 0).then(|| 1000.0 * hits as f64 / tokens as f64)
}

fn mean(x: &[f64]) -> Option<f64> {
    (!x.is_empty()).then(|| x.iter().sum::<f64>() / x.len() as f64)
}

/// Runs every comparison the options ask for.
pub fn run(obs: &Observations, options: &Options) -> Result<Report, CompareError> {
    let schema = &obs.schema;
    let mut notes = Vec::new();
    let mut groups: BTreeMap<&str, Vec<&ArticleCounts>> = BTreeMap::new();
    for a in &obs.articles {
        groups.entry(a.group.as_str()).or_default().push(a);
    }
    let unit = choose_unit(obs, groups.len(), options, &mut notes)?;
    let sides: Vec<Side> = match unit {
        None => Vec::new(),
        Some(Unit::Articles) => obs
            .articles
            .iter()
            .map(|a| Side::article(a, schema.categories.len()))
            .collect(),
        Some(Unit::Groups) => groups
            .iter()
            .map(|(name, members)| {
                Side::group(
                    name,
                    members,
                    obs.group_terms.get(*name),
                    schema.categories.len(),
                )
            })
            .collect(),
    };
    let pairs = choose_pairs(&sides, unit, options, &mut notes)?;
    let keyness = obs.terms_complete && (unit == Some(Unit::Groups) || obs.detail);
    if !obs.terms_complete && !pairs.is_empty() {
        notes.push("keyness needs every match: this output folder was written with a limited --evidence, so keyness.csv is empty; run `analyze` again (it counts terms whatever --evidence says)".into());
    }
    let replicates = Replicates::for_pairs(&sides, &pairs, schema.categories.len(), options);
    let comparisons: Vec<Comparison> = pairs
        .iter()
        .map(|&(a, b)| {
            let (ra, rb) = (replicates.of(a), replicates.of(b));
            compare_pair(&sides[a], &sides[b], (&ra, &rb), obs, options, keyness)
        })
        .collect();
    let units = sides
        .iter()
        .map(|s| summarise(s, schema, options))
        .collect();
    let arcs = if obs.detail && schema.tone {
        obs.articles
            .iter()
            .take(ARC_LIMIT)
            .map(|a| Arc {
                label: a.id.clone(),
                group: a.group.clone(),
                tones: a.sentences.iter().map(|s| s.tone).collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    if obs.detail && schema.tone && obs.articles.len() > ARC_LIMIT {
        notes.push(format!(
            "tone arcs show the first {ARC_LIMIT} of {} articles",
            obs.articles.len()
        ));
    }
    Ok(Report {
        schema: schema.clone(),
        unit,
        units,
        comparisons,
        arcs,
        baseline: options.baseline.clone(),
        bootstrap: options.bootstrap,
        seed: options.seed,
        confidence: options.confidence,
        keyness,
        notes,
    })
}

fn choose_unit(
    obs: &Observations,
    groups: usize,
    options: &Options,
    notes: &mut Vec<String>,
) -> Result<Option<Unit>, CompareError> {
    let articles = obs.articles.len();
    let is_article = |id: &str| obs.articles.iter().any(|a| a.id == id);
    let is_group = |id: &str| obs.articles.iter().any(|a| group_label(&a.group) == id);
    if let Some(id) = &options.baseline {
        let fits = match options.pairs {
            PairsMode::Articles => is_article(id),
            PairsMode::Groups => is_group(id),
            _ => is_article(id) || is_group(id),
        };
        if !fits {
            let mut names: Vec<String> = obs
                .articles
                .iter()
                .take(5)
                .map(|a| format!("`{}`", a.id))
                .collect();
            names.extend(
                obs.articles
                    .iter()
                    .map(|a| group_label(&a.group))
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .take(5)
                    .map(|g| format!("group `{g}`")),
            );
            return Err(CompareError::UnknownBaseline {
                id: id.clone(),
                candidates: format!("some that exist: {}", names.join(", ")),
            });
        }
    }
    let articles_ok = |notes: &mut Vec<String>| {
        if obs.detail {
            true
        } else {
            notes.push(format!("{articles} articles are more than the {DETAIL_LIMIT} whose sentences are kept for article comparisons"));
            false
        }
    };
    Ok(match options.pairs {
        PairsMode::None => {
            notes.push("no comparison asked for (--pairs none)".into());
            None
        }
        PairsMode::Articles => {
            if !obs.detail {
                return Err(CompareError::TooManyArticles {
                    limit: DETAIL_LIMIT,
                });
            }
            Some(Unit::Articles)
        }
        PairsMode::Groups => {
            if groups < 2 {
                return Err(CompareError::TooFewGroups(groups));
            }
            Some(Unit::Groups)
        }
        PairsMode::Auto => {
            let baseline_is_group = options
                .baseline
                .as_deref()
                .is_some_and(|id| is_group(id) && !is_article(id));
            let baseline_is_article = options.baseline.as_deref().is_some_and(is_article);
            if (options.grouped || baseline_is_group) && groups >= 2 && !baseline_is_article {
                Some(Unit::Groups)
            } else if (baseline_is_article && articles_ok(notes))
                || (articles >= 2 && articles <= options.max_units && obs.detail)
            {
                Some(Unit::Articles)
            } else if groups >= 2 {
                if articles > options.max_units {
                    notes.push(format!(
                        "{articles} articles make too many pairs (more than --max-units {}): compared their {groups} groups instead",
                        options.max_units
                    ));
                }
                Some(Unit::Groups)
            } else {
                notes.push(if articles < 2 {
                    "one article only: nothing to compare".to_string()
                } else {
                    format!(
                        "{articles} articles in one group: too many for every pair (--max-units {}); pick a --baseline or set groups with --group-by",
                        options.max_units
                    )
                });
                None
            }
        }
    })
}

fn choose_pairs(
    sides: &[Side],
    unit: Option<Unit>,
    options: &Options,
    notes: &mut Vec<String>,
) -> Result<Vec<(usize, usize)>, CompareError> {
    let Some(unit) = unit else {
        return Ok(Vec::new());
    };
    if let Some(id) = &options.baseline {
        let base = sides.iter().position(|s| &s.label == id);
        if let Some(base) = base {
            return Ok((0..sides.len())
                .filter(|&i| i != base)
                .map(|i| (i, base))
                .collect());
        }
        notes.push(format!(
            "the baseline `{id}` is not among the compared {}",
            unit_name(unit)
        ));
        return Ok(Vec::new());
    }
    let n = sides.len();
    if n > options.max_units {
        if options.pairs != PairsMode::Auto {
            return Err(CompareError::TooManyPairs {
                count: n,
                unit: unit_name(unit),
                pairs: n * (n - 1) / 2,
                max: options.max_units,
            });
        }
        notes.push(format!(
            "{n} {} make {} pairs, more than --max-units {} allows: no pairwise comparison (pick a --baseline or raise --max-units)",
            unit_name(unit),
            n * (n - 1) / 2,
            options.max_units
        ));
        return Ok(Vec::new());
    }
    Ok((0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .collect())
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Articles => "articles",
        Unit::Groups => "groups",
    }
}

fn summarise(side: &Side, schema: &Schema, options: &Options) -> UnitSummary {
    let tone = if schema.tone { side.tone() } else { None };
    let tone_ci = if schema.tone && options.bootstrap > 0 && tone.is_some() {
        let key = key_of(&["unit", &side.label]);
        let mut draws: Vec<f64> = (0..options.bootstrap as u64)
            .into_par_iter()
            .map(|r| side.resample_tone(&mut SplitMix64::stream(options.seed, key, r)))
            .filter(|t| t.is_finite())
            .collect();
        interval(&mut draws, options.confidence)
    } else {
        None
    };
    UnitSummary {
        label: side.label.clone(),
        group: side.group.clone(),
        articles: side.articles,
        tokens: side.tokens,
        rates: (0..schema.categories.len()).map(|c| side.rate(c)).collect(),
        tone,
        tone_ci,
    }
}

fn interval(draws: &mut [f64], confidence: f64) -> Option<(f64, f64)> {
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
struct Replicates<'a> {
    sides: &'a [Side],
    categories: usize,
    options: &'a Options,
    kept: Vec<Option<Vec<f64>>>,
}

/// Bytes that kept replicates may take.
const REPLICATE_MEMORY: usize = 256 << 20;

impl<'a> Replicates<'a> {
    fn for_pairs(
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
    fn of(&self, side: usize) -> Cow<'_, [f64]> {
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

fn compare_pair(
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

fn key_terms(a: &Side, b: &Side, obs: &Observations, keep: usize) -> Vec<KeyTerm> {
    let schema = &obs.schema;
    let mut by_category: BTreeMap<u32, Vec<KeyTerm>> = BTreeMap::new();
    let mut ids: Vec<u32> = a.terms.keys().chain(b.terms.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let term = &obs.terms[id as usize];
        let (ca, cb) = (
            a.terms.get(&id).copied().unwrap_or(0),
            b.terms.get(&id).copied().unwrap_or(0),
        );
        let Some(g2) = stats::g2(ca, a.tokens, cb, b.tokens) else {
            continue;
        };
        let (ra, rb) = (rate(ca, a.tokens), rate(cb, b.tokens));
        let favours = match ra.partial_cmp(&rb) {
            Some(std::cmp::Ordering::Greater) => &a.label,
            Some(std::cmp::Ordering::Less) => &b.label,
            _ => continue,
        };
        let category = &schema.categories[term.category as usize];
        by_category.entry(term.category).or_default().push(KeyTerm {
            lexicon: category.lexicon.clone(),
            category: category.name.clone(),
            term: term.text.clone(),
            count_a: ca,
            count_b: cb,
            rate_a: ra,
            rate_b: rb,
            log2_ratio: stats::log2_ratio(ca, a.tokens, cb, b.tokens),
            g2,
            p: stats::chi2_1_sf(g2),
            favours: favours.clone(),
        });
    }
    let mut out = Vec::new();
    for (_, mut terms) in by_category {
        terms.sort_by(|x, y| {
            (x.favours != a.label)
                .cmp(&(y.favours != a.label))
                .then(y.g2.total_cmp(&x.g2))
                .then(x.term.cmp(&y.term))
        });
        let mut kept = [0usize; 2];
        for t in terms {
            let side = (t.favours != a.label) as usize;
            if kept[side] < keep {
                kept[side] += 1;
                out.push(t);
            }
        }
    }
    out
}

fn profiles(a: &Side, b: &Side, schema: &Schema) -> Vec<Profile> {
    let rates = |s: &Side, range: std::ops::Range<usize>| {
        range
            .map(|c| s.rate(c).unwrap_or(0.0))
            .collect::<Vec<f64>>()
    };
    let dominant = |s: &Side, range: std::ops::Range<usize>| {
        let mut best: Option<usize> = None;
        for c in range {
            if s.scores[c] > 0.0 && best.is_none_or(|x| s.scores[c] > s.scores[x]) {
                best = Some(c);
            }
        }
        best.map(|c| schema.categories[c].name.clone())
    };
    let mut out = Vec::new();
    let (mut all_a, mut all_b) = (Vec::new(), Vec::new());
    for lexicon in schema.lexicons.iter().filter(|l| !l.tone) {
        let (ra, rb) = (
            rates(a, lexicon.categories.clone()),
            rates(b, lexicon.categories.clone()),
        );
        out.push(Profile {
            lexicon: lexicon.id.clone(),
            cosine: stats::cosine(&ra, &rb),
            dominant_a: dominant(a, lexicon.categories.clone()),
            dominant_b: dominant(b, lexicon.categories.clone()),
        });
        all_a.extend(ra);
        all_b.extend(rb);
    }
    if out.len() > 1 {
        out.push(Profile {
            lexicon: "all".into(),
            cosine: stats::cosine(&all_a, &all_b),
            dominant_a: None,
            dominant_b: None,
        });
    }
    out
}
