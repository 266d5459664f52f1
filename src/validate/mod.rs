//! Validation against human coding: which score to compare ([`ScoreSpec`]), the values it takes
//! in an article or in each sentence, and the join of those values with a gold file by id into
//! agreement statistics per gold column. Pure; the gold file is read by [`gold`] and the results
//! are written by [`report`].

pub mod gold;
pub mod report;
pub mod stats;

use std::collections::HashMap;

use crate::engine::compile::LexiconSet;
use crate::engine::score::{fitted_probability, log_ratio, per_1k, ArticleScores};
use gold::GoldTable;
use stats::{Classification, Estimate};

/// At what level scores are joined with the gold codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One score per article, keyed by the article id.
    Article,
    /// One score per sentence, keyed `ARTICLE_ID:N` with N the sentence number from 1.
    Sentence,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Article => "article",
            Level::Sentence => "sentence",
        }
    }
}

/// The key of sentence `n` (from 1) of an article at sentence level.
pub fn sentence_key(article_id: &str, n: usize) -> String {
    format!("{article_id}:{n}")
}

/// The article id part of a sentence key (`a/b:3` -> `a/b`).
pub fn article_of_sentence_key(key: &str) -> &str {
    key.rsplit_once(':').map_or(key, |(article, _)| article)
}

/// What number of a category is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// What the category's column of `articles.csv` holds: its rate, or the fitted probability
    /// of a lexicon scored `logistic`.
    Value,
    /// Affirmed hits per 1,000 tokens (the `per_1k` column).
    Rate,
    /// Sum of effective weights (the `score` column).
    Score,
    /// Every hit, negated or not (the `hits` column).
    Hits,
}

/// A score of the tool that can be compared with human codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreSpec {
    /// Article tone (mean sentence tone) or sentence tone.
    Tone,
    /// Positive / negative tone hits per 1,000 tokens.
    TonePositive,
    ToneNegative,
    /// ln((positive + 0.5) / (negative + 0.5)).
    ToneLogRatio,
    /// A category of a lexicon: `LEXICON.CATEGORY` (its column of `articles.csv`),
    /// `LEXICON.CATEGORY:per_1k`, `:score` or `:hits`.
    Category {
        column: String,
        measure: Measure,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidateError {
    #[error("unknown score `{0}`: use tone, tone_pos, tone_neg, tone_logratio or LEXICON.CATEGORY (optionally followed by :per_1k, :score or :hits)")]
    UnknownScore(String),
    #[error("no category `{column}` in the lexicons in use; available: {available}")]
    UnknownCategory { column: String, available: String },
    #[error("the score `{0}` needs a tone lexicon (one with `tone = true`), and none is in use")]
    NoToneLexicon(String),
}

impl ScoreSpec {
    pub fn parse(text: &str) -> Result<ScoreSpec, ValidateError> {
        let text = text.trim();
        Ok(match text {
            "tone" => ScoreSpec::Tone,
            "tone_pos" => ScoreSpec::TonePositive,
            "tone_neg" => ScoreSpec::ToneNegative,
            "tone_logratio" => ScoreSpec::ToneLogRatio,
            _ => {
                let (column, measure) = match text.split_once(':') {
                    None => (text, Measure::Value),
                    Some((c, "per_1k")) => (c, Measure::Rate),
                    Some((c, "score")) => (c, Measure::Score),
                    Some((c, "hits")) => (c, Measure::Hits),
                    Some(_) => return Err(ValidateError::UnknownScore(text.to_string())),
                };
                match column.split_once('.') {
                    Some((l, c)) if !l.is_empty() && !c.is_empty() => ScoreSpec::Category {
                        column: column.to_string(),
                        measure,
                    },
                    _ => return Err(ValidateError::UnknownScore(text.to_string())),
                }
            }
        })
    }

    /// The name as the user writes it, in its canonical form.
    pub fn name(&self) -> String {
        match self {
            ScoreSpec::Tone => "tone".into(),
            ScoreSpec::TonePositive => "tone_pos".into(),
            ScoreSpec::ToneNegative => "tone_neg".into(),
            ScoreSpec::ToneLogRatio => "tone_logratio".into(),
            ScoreSpec::Category {
                column,
                measure: Measure::Value,
            } => column.clone(),
            ScoreSpec::Category {
                column,
                measure: Measure::Rate,
            } => format!("{column}:per_1k"),
            ScoreSpec::Category {
                column,
                measure: Measure::Score,
            } => format!("{column}:score"),
            ScoreSpec::Category {
                column,
                measure: Measure::Hits,
            } => format!("{column}:hits"),
        }
    }

    /// The id of the lexicon the score comes from (`tone` for the tone scores).
    pub fn lexicon_id(&self) -> &str {
        match self {
            ScoreSpec::Category { column, .. } => {
                column.split_once('.').map_or(column.as_str(), |(l, _)| l)
            }
            _ => "tone",
        }
    }
}

/// A score resolved against the compiled lexicons: where its value comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ResolvedScore {
    Tone,
    TonePositive,
    ToneNegative,
    ToneLogRatio,
    /// Category `index` of [`LexiconSet::categories`].
    Category {
        index: usize,
        measure: Measure,
        negatable: bool,
        /// The intercept of a category of a lexicon scored `logistic`.
        intercept: Option<f64>,
    },
}

/// Resolves each score against the lexicons in use.
pub fn resolve(specs: &[ScoreSpec], set: &LexiconSet) -> Result<Vec<ResolvedScore>, ValidateError> {
    let tone = |resolved: ResolvedScore, spec: &ScoreSpec| match set.tone_lexicon {
        Some(_) => Ok(resolved),
        None => Err(ValidateError::NoToneLexicon(spec.name())),
    };
    specs
        .iter()
        .map(|spec| match spec {
            ScoreSpec::Tone => tone(ResolvedScore::Tone, spec),
            ScoreSpec::TonePositive => tone(ResolvedScore::TonePositive, spec),
            ScoreSpec::ToneNegative => tone(ResolvedScore::ToneNegative, spec),
            ScoreSpec::ToneLogRatio => tone(ResolvedScore::ToneLogRatio, spec),
            ScoreSpec::Category { column, measure } => {
                let index = set
                    .categories
                    .iter()
                    .position(|c| c.column == *column)
                    .ok_or_else(|| ValidateError::UnknownCategory {
                        column: column.clone(),
                        available: set
                            .categories
                            .iter()
                            .map(|c| c.column.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    })?;
                Ok(ResolvedScore::Category {
                    index,
                    measure: *measure,
                    negatable: set.categories[index].negatable,
                    intercept: set.categories[index].intercept,
                })
            }
        })
        .collect()
}

/// The score a gold column is compared with when the user names none: the fitted probability of
/// the category of that name in a lexicon scored `logistic` (as `framescope learn` writes them,
/// one category per gold column), if one is in use.
pub fn fitted_score_for(set: &LexiconSet, gold_column: &str) -> Option<ScoreSpec> {
    set.categories
        .iter()
        .find(|c| c.intercept.is_some() && c.name == gold_column)
        .map(|c| ScoreSpec::Category {
            column: c.column.clone(),
            measure: Measure::Value,
        })
}

/// What the scores of an article or a sentence are computed from.
struct Span {
    tokens: u32,
    tone: Option<f64>,
    positive: u32,
    negative: u32,
}

/// Counts of one category within a span.
#[derive(Default, Clone, Copy)]
struct CategoryCounts {
    hits: u32,
    affirmed: u32,
    score: f64,
}

fn value(score: ResolvedScore, span: &Span, counts: CategoryCounts) -> Option<f64> {
    match score {
        ResolvedScore::Tone => span.tone,
        ResolvedScore::TonePositive => per_1k(span.positive, span.tokens),
        ResolvedScore::ToneNegative => per_1k(span.negative, span.tokens),
        ResolvedScore::ToneLogRatio => Some(log_ratio(span.positive, span.negative)),
        ResolvedScore::Category {
            measure, intercept, ..
        } => match (measure, intercept) {
            (Measure::Value, Some(intercept)) => {
                fitted_probability(intercept, counts.score, span.tokens)
            }
            (Measure::Value | Measure::Rate, _) => per_1k(counts.affirmed, span.tokens),
            (Measure::Score, _) => Some(counts.score),
            (Measure::Hits, _) => Some(counts.hits as f64),
        },
    }
}

/// The value of each score for a whole article, as in `articles.csv` and `frames.csv`.
pub fn article_values(scores: &ArticleScores, resolved: &[ResolvedScore]) -> Vec<Option<f64>> {
    let span = Span {
        tokens: scores.tokens,
        tone: scores.tone.tone,
        positive: scores.tone.positive,
        negative: scores.tone.negative,
    };
    resolved
        .iter()
        .map(|&r| {
            let counts = match r {
                ResolvedScore::Category { index, .. } => {
                    let t = &scores.categories[index];
                    CategoryCounts {
                        hits: t.hits,
                        affirmed: t.affirmed,
                        score: t.score,
                    }
                }
                _ => CategoryCounts::default(),
            };
            value(r, &span, counts)
        })
        .collect()
}

/// The value of each score for each sentence, computed from the sentence's own hits with the
/// same rules as for articles (rates per 1,000 tokens of the sentence).
pub fn sentence_values(
    scores: &ArticleScores,
    resolved: &[ResolvedScore],
) -> Vec<Vec<Option<f64>>> {
    let mut counts = vec![vec![CategoryCounts::default(); resolved.len()]; scores.sentences.len()];
    for hit in &scores.hits {
        for (k, r) in resolved.iter().enumerate() {
            if let ResolvedScore::Category {
                index, negatable, ..
            } = *r
            {
                if hit.category as usize == index {
                    let c = &mut counts[hit.sentence as usize][k];
                    c.hits += 1;
                    c.affirmed += !(hit.negated && negatable) as u32;
                    c.score += hit.effective;
                }
            }
        }
    }
    scores
        .sentences
        .iter()
        .zip(counts)
        .map(|(s, counts)| {
            let span = Span {
                tokens: s.tokens,
                tone: s.tone,
                positive: s.positive,
                negative: s.negative,
            };
            resolved
                .iter()
                .zip(counts)
                .map(|(&r, c)| value(r, &span, c))
                .collect()
        })
        .collect()
}

/// One gold column compared with one score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The gold column as the user named it.
    pub gold_column: String,
    pub score: ScoreSpec,
}

impl Comparison {
    /// Parses `COL` or `COL=SCORE`; a bare `COL` is compared with `default_score`.
    pub fn parse(arg: &str, default_score: &ScoreSpec) -> Result<Comparison, ValidateError> {
        match arg.split_once('=') {
            Some((column, score)) => Ok(Comparison {
                gold_column: column.trim().to_string(),
                score: ScoreSpec::parse(score)?,
            }),
            None => Ok(Comparison {
                gold_column: arg.trim().to_string(),
                score: default_score.clone(),
            }),
        }
    }
}

/// Whether a gold column holds 0/1 codes or graded values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Numeric,
    Binary,
}

/// How the threshold of a binary comparison was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThresholdRule {
    /// Given by the user.
    Chosen,
    /// The observed score with the highest F1 on these data.
    BestF1,
}

impl ThresholdRule {
    pub fn name(self) -> &'static str {
        match self {
            ThresholdRule::Chosen => "chosen",
            ThresholdRule::BestF1 => "best_f1",
        }
    }
}

/// What a binary gold column adds: class counts, AUC and the classification at a threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct BinaryResult {
    pub positives: usize,
    pub negatives: usize,
    pub auc: Option<Estimate>,
    pub classification: Option<(Classification, ThresholdRule)>,
}

/// The agreement of one score with one gold column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnResult {
    pub gold_column: String,
    pub score: String,
    pub kind: Kind,
    /// Pairs with both a gold value and a score.
    pub n: usize,
    /// Matched rows left out because the gold value or the score is missing.
    pub missing: usize,
    pub pearson: Option<Estimate>,
    pub spearman: Option<Estimate>,
    pub binary: Option<BinaryResult>,
}

/// Agreement statistics of paired (gold, score) values. A gold column whose values are all 0 or
/// 1 is binary and also gets AUC and precision/recall/F1 (at `threshold`, or the best-F1 one).
pub fn evaluate(
    gold_column: &str,
    score: &str,
    pairs: &[(f64, f64)],
    missing: usize,
    threshold: Option<f64>,
) -> ColumnResult {
    let gold: Vec<f64> = pairs.iter().map(|p| p.0).collect();
    let scores: Vec<f64> = pairs.iter().map(|p| p.1).collect();
    let binary = !gold.is_empty() && gold.iter().all(|&g| g == 0.0 || g == 1.0);
    let binary = binary.then(|| {
        let positive: Vec<bool> = gold.iter().map(|&g| g == 1.0).collect();
        let positives = positive.iter().filter(|&&p| p).count();
        let classification = match threshold {
            Some(t) => Some((
                stats::classify(&scores, &positive, t),
                ThresholdRule::Chosen,
            )),
            None => stats::best_f1(&scores, &positive).map(|c| (c, ThresholdRule::BestF1)),
        };
        BinaryResult {
            positives,
            negatives: pairs.len() - positives,
            auc: stats::auc_estimate(&scores, &positive),
            classification,
        }
    });
    ColumnResult {
        gold_column: gold_column.to_string(),
        score: score.to_string(),
        kind: if binary.is_some() {
            Kind::Binary
        } else {
            Kind::Numeric
        },
        n: pairs.len(),
        missing,
        pearson: stats::pearson_estimate(&gold, &scores),
        spearman: stats::spearman_estimate(&gold, &scores),
        binary,
    }
}

/// How the ids of the scored items and of the gold rows matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinSummary {
    pub gold_rows: usize,
    pub matched: usize,
    /// Gold ids with no scored item, in gold-file order.
    pub gold_unmatched: Vec<String>,
}

/// The outcome of a validation: how ids matched and the statistics per comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    pub level: Level,
    pub join: JoinSummary,
    pub results: Vec<ColumnResult>,
}

/// Joins scored values with the gold rows and evaluates each comparison. `scored` maps a key to
/// one value per score of `specs`; every comparison's gold column is in `gold` and its score in
/// `specs`.
pub fn join(
    level: Level,
    gold: &GoldTable,
    specs: &[ScoreSpec],
    scored: &HashMap<String, Vec<Option<f64>>>,
    comparisons: &[Comparison],
    threshold: Option<f64>,
) -> Validation {
    let indices: Vec<(usize, usize)> = comparisons
        .iter()
        .map(|c| {
            let column = gold
                .columns
                .iter()
                .position(|g| *g == c.gold_column)
                .expect("the gold file was read with this column");
            let score = specs
                .iter()
                .position(|s| *s == c.score)
                .expect("this score was computed");
            (column, score)
        })
        .collect();
    let mut matched = 0;
    let mut gold_unmatched = Vec::new();
    let mut pairs: Vec<Vec<(f64, f64)>> = vec![Vec::new(); comparisons.len()];
    let mut missing = vec![0usize; comparisons.len()];
    for row in &gold.rows {
        let Some(values) = scored.get(&row.key) else {
            gold_unmatched.push(row.key.clone());
            continue;
        };
        matched += 1;
        for (i, &(column, score)) in indices.iter().enumerate() {
            match (row.values[column], values[score]) {
                (Some(g), Some(s)) => pairs[i].push((g, s)),
                _ => missing[i] += 1,
            }
        }
    }
    let results = comparisons
        .iter()
        .zip(pairs)
        .zip(missing)
        .map(|((c, pairs), missing)| {
            evaluate(&c.gold_column, &c.score.name(), &pairs, missing, threshold)
        })
        .collect();
    Validation {
        level,
        join: JoinSummary {
            gold_rows: gold.rows.len(),
            matched,
            gold_unmatched,
        },
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_names_parse_and_print_back() {
        for name in [
            "tone",
            "tone_pos",
            "tone_neg",
            "tone_logratio",
            "generic.conflict",
            "crisis.hope:score",
            "crisis.hope:hits",
        ] {
            assert_eq!(ScoreSpec::parse(name).unwrap().name(), name);
        }
        assert_eq!(
            ScoreSpec::parse("crisis.hope:per_1k").unwrap().name(),
            "crisis.hope:per_1k"
        );
        assert_eq!(
            ScoreSpec::parse("generic.conflict").unwrap().lexicon_id(),
            "generic"
        );
        assert_eq!(ScoreSpec::parse("tone_neg").unwrap().lexicon_id(), "tone");
        for bad in ["conflict", "x.", ".y", "crisis.hope:share", "Tone"] {
            assert!(ScoreSpec::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn comparisons_pair_a_column_with_a_score() {
        let default = ScoreSpec::Tone;
        let c = Comparison::parse("moral=generic.morality", &default).unwrap();
        assert_eq!(
            (c.gold_column.as_str(), c.score.name()),
            ("moral", "generic.morality".to_string())
        );
        assert_eq!(
            Comparison::parse("2", &default).unwrap().score,
            ScoreSpec::Tone
        );
    }

    #[test]
    fn sentence_keys_split_at_the_last_colon() {
        assert_eq!(sentence_key("a:b", 3), "a:b:3");
        assert_eq!(article_of_sentence_key("a:b:3"), "a:b");
    }

    #[test]
    fn binary_columns_get_auc_and_a_threshold() {
        let pairs = [(1.0, 3.0), (1.0, 2.0), (0.0, 2.0), (0.0, 1.0), (0.0, 0.0)];
        let r = evaluate("frame", "lex.cat", &pairs, 1, None);
        assert_eq!(r.kind, Kind::Binary);
        let b = r.binary.unwrap();
        assert_eq!((b.positives, b.negatives), (2, 3));
        assert!((b.auc.unwrap().value - 5.5 / 6.0).abs() < 1e-12);
        let (c, rule) = b.classification.unwrap();
        assert_eq!((c.threshold, rule), (2.0, ThresholdRule::BestF1));
        let numeric = evaluate(
            "mean",
            "tone",
            &[(0.5, 1.0), (2.0, 3.0), (-1.0, -2.0)],
            0,
            None,
        );
        assert_eq!(numeric.kind, Kind::Numeric);
        assert!(numeric.binary.is_none());
    }
}
