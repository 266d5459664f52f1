//! The choice of what to compare: articles or groups, and which pairs of them, with the notes
//! and errors that say why. No statistics: the ids of the articles and the names of the groups
//! in, a [`Plan`] out.

use std::collections::BTreeSet;

use super::findings::{group_label, Note, Unit};
use super::options::{Options, PairsMode};

/// Sentences and terms are kept for at most this many articles.
pub const DETAIL_LIMIT: usize = 200;

/// Why the comparisons asked for cannot be made.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CompareError {
    #[error(
        "the baseline `{id}` is neither an article nor a group of this run; some that exist: {}",
        candidates(.articles, .groups)
    )]
    UnknownBaseline {
        id: String,
        /// The first few article ids and group labels, to show what a baseline may be.
        articles: Vec<String>,
        groups: Vec<String>,
    },
    #[error(
        "comparing articles keeps every sentence in memory, so it is limited to {limit} articles and this run has more"
    )]
    TooManyArticles { limit: usize },
    #[error(
        "comparing every pair of {count} {} makes {pairs} comparisons, more than the {max} allowed",
        .unit.plural()
    )]
    TooManyPairs {
        count: usize,
        unit: Unit,
        pairs: usize,
        max: usize,
    },
    #[error("comparing groups needs at least two groups; this run has {0}")]
    TooFewGroups(usize),
}

fn candidates(articles: &[String], groups: &[String]) -> String {
    let names: Vec<String> = articles
        .iter()
        .map(|a| format!("`{a}`"))
        .chain(groups.iter().map(|g| format!("group `{g}`")))
        .collect();
    names.join(", ")
}

/// Candidates of each kind an unknown baseline lists.
const CANDIDATES: usize = 5;

/// What is known of a run when choosing what to compare.
#[derive(Debug, Clone)]
pub struct Population<'a> {
    /// Article ids, in the order of the run.
    pub articles: Vec<&'a str>,
    /// Distinct group names, sorted; the empty name is the articles without a group.
    pub groups: Vec<&'a str>,
    /// Whether sentences were kept, which comparing articles needs.
    pub detail: bool,
}

impl Population<'_> {
    /// The labels of the sides of `unit`, in the order sides are built.
    fn side_labels(&self, unit: Unit) -> Vec<String> {
        match unit {
            Unit::Articles => self.articles.iter().map(|a| a.to_string()).collect(),
            Unit::Groups => self.groups.iter().map(|g| group_label(g)).collect(),
        }
    }
}

/// What to compare: the unit, the pairs as indices of sides (articles in the order of the run,
/// groups sorted by name), and notes on what was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub unit: Option<Unit>,
    pub pairs: Vec<(usize, usize)>,
    pub notes: Vec<Note>,
}

/// Chooses what to compare, or says why what was asked for cannot be compared.
pub fn plan(population: &Population, options: &Options) -> Result<Plan, CompareError> {
    let mut notes = Vec::new();
    let unit = choose_unit(population, options, &mut notes)?;
    let pairs = match unit {
        None => Vec::new(),
        Some(unit) => choose_pairs(&population.side_labels(unit), unit, options, &mut notes)?,
    };
    Ok(Plan { unit, pairs, notes })
}

fn choose_unit(
    population: &Population,
    options: &Options,
    notes: &mut Vec<Note>,
) -> Result<Option<Unit>, CompareError> {
    let articles = population.articles.len();
    let groups = population.groups.len();
    let detail = population.detail;
    let is_article = |id: &str| population.articles.contains(&id);
    let is_group = |id: &str| population.groups.iter().any(|g| group_label(g) == id);
    if let Some(id) = &options.baseline {
        let fits = match options.pairs {
            PairsMode::Articles => is_article(id),
            PairsMode::Groups => is_group(id),
            _ => is_article(id) || is_group(id),
        };
        if !fits {
            return Err(CompareError::UnknownBaseline {
                id: id.clone(),
                articles: population
                    .articles
                    .iter()
                    .take(CANDIDATES)
                    .map(|a| a.to_string())
                    .collect(),
                groups: population
                    .groups
                    .iter()
                    .map(|g| group_label(g))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .take(CANDIDATES)
                    .collect(),
            });
        }
    }
    let sentences_kept = |notes: &mut Vec<Note>| {
        if !detail {
            notes.push(Note::SentencesNotKept {
                articles,
                limit: DETAIL_LIMIT,
            });
        }
        detail
    };
    Ok(match options.pairs {
        PairsMode::None => {
            notes.push(Note::NotAsked);
            None
        }
        PairsMode::Articles => {
            if !detail {
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
            let baseline = options.baseline.as_deref();
            let baseline_is_group = baseline.is_some_and(|id| is_group(id) && !is_article(id));
            let baseline_is_article = baseline.is_some_and(is_article);
            if (options.grouped || baseline_is_group) && groups >= 2 && !baseline_is_article {
                Some(Unit::Groups)
            } else if (baseline_is_article && sentences_kept(notes))
                || (articles >= 2 && articles <= options.max_units && detail)
            {
                Some(Unit::Articles)
            } else if groups >= 2 {
                if articles > options.max_units {
                    notes.push(Note::GroupsInstead {
                        articles,
                        max_units: options.max_units,
                        groups,
                    });
                }
                Some(Unit::Groups)
            } else {
                notes.push(if articles < 2 {
                    Note::OneArticle
                } else {
                    Note::OneGroupTooMany {
                        articles,
                        max_units: options.max_units,
                    }
                });
                None
            }
        }
    })
}

/// The pairs of sides, labelled `labels`, to compare: each against the baseline, or every pair
/// up to `options.max_units` sides.
fn choose_pairs(
    labels: &[String],
    unit: Unit,
    options: &Options,
    notes: &mut Vec<Note>,
) -> Result<Vec<(usize, usize)>, CompareError> {
    if let Some(id) = &options.baseline {
        if let Some(base) = labels.iter().position(|label| label == id) {
            return Ok((0..labels.len())
                .filter(|&i| i != base)
                .map(|i| (i, base))
                .collect());
        }
        notes.push(Note::BaselineNotCompared {
            id: id.clone(),
            unit,
        });
        return Ok(Vec::new());
    }
    let n = labels.len();
    if n > options.max_units {
        let pairs = n * (n - 1) / 2;
        if options.pairs != PairsMode::Auto {
            return Err(CompareError::TooManyPairs {
                count: n,
                unit,
                pairs,
                max: options.max_units,
            });
        }
        notes.push(Note::TooManyPairs {
            count: n,
            unit,
            pairs,
            max_units: options.max_units,
        });
        return Ok(Vec::new());
    }
    Ok((0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .collect())
}

#[cfg(test)]
mod tests;
