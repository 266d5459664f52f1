//! One side of comparisons, an article or a group of articles, as the statistics read it: its
//! totals per category, its tones, its term counts, and the cells the bootstrap resamples.

use rustc_hash::FxHashMap;

use super::data::{ArticleCounts, Category, Schema};
use super::findings::group_label;

/// A resampling cell: a sentence of an article side, or an article of a group side.
pub(super) struct Cell {
    pub(super) tokens: u64,
    pub(super) tone: Option<f64>,
}

/// One side of comparisons, ready for statistics.
pub(super) struct Side {
    pub(super) label: String,
    pub(super) group: String,
    /// A group resampled by article (else articles resampled by sentence).
    pub(super) is_group: bool,
    pub(super) articles: usize,
    pub(super) sentences: usize,
    pub(super) cells: Vec<Cell>,
    /// Affirmed hits of each cell in each category, a row of `categories` counts per cell: a
    /// resample adds whole rows, which the processor does several counts at a time.
    pub(super) cell_hits: Vec<u32>,
    pub(super) tokens: u64,
    pub(super) affirmed: Vec<u64>,
    pub(super) scores: Vec<f64>,
    /// Per category, for a learned one, the fitted probability of each member article in order
    /// (NaN where it has none): of a group side, one per cell. Empty for other categories.
    pub(super) probabilities: Vec<Vec<f64>>,
    /// Per category, whether it is learned (empty when none is).
    learned: Vec<bool>,
    pub(super) terms: FxHashMap<u32, u64>,
}

impl Side {
    /// One article, or several of one group pooled, resampled by sentence.
    pub(super) fn articles(label: &str, members: &[&ArticleCounts], schema: &Schema) -> Self {
        let categories = schema.categories.len();
        let sentences = members.iter().flat_map(|a| &a.sentences);
        let mut cell_hits = Vec::new();
        let mut cells = Vec::new();
        for s in sentences {
            let start = cell_hits.len();
            cell_hits.resize(start + categories, 0u32);
            for &(c, n) in &s.hits {
                cell_hits[start + c as usize] = n;
            }
            cells.push(Cell {
                tokens: s.tokens as u64,
                tone: s.tone,
            });
        }
        let (affirmed, scores) = totals(members, categories);
        let mut terms: FxHashMap<u32, u64> = FxHashMap::default();
        for a in members {
            for &(term, n) in &a.terms {
                *terms.entry(term).or_default() += n;
            }
        }
        Side {
            label: label.to_string(),
            group: members
                .first()
                .map_or_else(String::new, |a| a.group.clone()),
            is_group: false,
            articles: members.len(),
            sentences: members.iter().map(|a| a.sentence_count as usize).sum(),
            cells,
            cell_hits,
            tokens: members.iter().map(|a| a.tokens).sum(),
            affirmed,
            scores,
            probabilities: probabilities(members, schema),
            learned: learned(schema),
            terms,
        }
    }

    /// The group `name` of `members`, resampled by article; `terms` are its term counts.
    pub(super) fn group(
        name: &str,
        members: &[&ArticleCounts],
        terms: Option<&FxHashMap<u32, u64>>,
        schema: &Schema,
    ) -> Self {
        let categories = schema.categories.len();
        let (affirmed, scores) = totals(members, categories);
        Side {
            label: group_label(name),
            group: name.to_string(),
            is_group: true,
            articles: members.len(),
            sentences: members.iter().map(|a| a.sentence_count as usize).sum(),
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
            probabilities: probabilities(members, schema),
            learned: learned(schema),
            terms: terms.cloned().unwrap_or_default(),
        }
    }

    /// Affirmed hits of category `c` per 1,000 tokens.
    pub(super) fn rate(&self, c: usize) -> Option<f64> {
        rate(self.affirmed[c], self.tokens)
    }

    /// Whether category `c` is compared on fitted probabilities.
    pub(super) fn learned(&self, c: usize) -> bool {
        self.learned.get(c).copied().unwrap_or(false)
    }

    /// The fitted probabilities of learned category `c` of the member articles that have one.
    pub(super) fn probabilities_of(&self, c: usize) -> Vec<f64> {
        self.probabilities.get(c).map_or_else(Vec::new, |p| {
            p.iter().copied().filter(|x| x.is_finite()).collect()
        })
    }

    /// What the side's row of category `c` compares: the mean fitted probability over its
    /// articles of a learned category, the rate of any other.
    pub(super) fn value(&self, c: usize) -> Option<f64> {
        if self.learned(c) {
            mean(&self.probabilities_of(c))
        } else {
            self.rate(c)
        }
    }

    /// The tones of the cells that have one.
    pub(super) fn tones(&self) -> Vec<f64> {
        self.cells.iter().filter_map(|c| c.tone).collect()
    }

    pub(super) fn tone(&self) -> Option<f64> {
        mean(&self.tones())
    }
}

/// Affirmed hits and summed scores per category over `members`.
fn totals(members: &[&ArticleCounts], categories: usize) -> (Vec<u64>, Vec<f64>) {
    let mut affirmed = vec![0u64; categories];
    let mut scores = vec![0f64; categories];
    for a in members {
        affirmed
            .iter_mut()
            .zip(&a.affirmed)
            .for_each(|(s, x)| *s += x);
        scores.iter_mut().zip(&a.scores).for_each(|(s, x)| *s += x);
    }
    (affirmed, scores)
}

/// Per category, whether it is learned; empty when none is.
fn learned(schema: &Schema) -> Vec<bool> {
    match schema.has_learned() {
        true => schema.categories.iter().map(Category::learned).collect(),
        false => Vec::new(),
    }
}

/// Per category, the members' fitted probabilities of a learned one (NaN where an article has
/// none), nothing for other categories.
fn probabilities(members: &[&ArticleCounts], schema: &Schema) -> Vec<Vec<f64>> {
    if !schema.has_learned() {
        return Vec::new();
    }
    schema
        .categories
        .iter()
        .enumerate()
        .map(|(c, category)| {
            if !category.learned() {
                return Vec::new();
            }
            members
                .iter()
                .map(|a| a.probability(c).unwrap_or(f64::NAN))
                .collect()
        })
        .collect()
}

pub(super) use crate::engine::score::per_1k as rate;

pub(super) fn mean(x: &[f64]) -> Option<f64> {
    (!x.is_empty()).then(|| x.iter().sum::<f64>() / x.len() as f64)
}
