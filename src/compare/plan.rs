//! The choice of what to compare, as a researcher would choose it: when articles have groups
//! (outlets), the groups against each other, pooled and over the stories both reported (a
//! paired design), then the same-story article pairs one by one; articles against each other
//! when there are no groups or when asked. No statistics: ids, groups and stories in, a
//! [`Plan`] out, with the notes and errors that say why.

use std::collections::{BTreeMap, BTreeSet};

use super::findings::{group_label, Design, Note, Unit};
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
    #[error("`{name}` names no category of this run; categories are named as `lexicon.category` (such as {})", .examples.join(", "))]
    UnknownFocus { name: String, examples: Vec<String> },
    #[error("`{name}` is a category of several lexicons ({}); name one as `lexicon.{name}`", .lexicons.join(", "))]
    AmbiguousFocus { name: String, lexicons: Vec<String> },
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

/// One article as the plan sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member<'a> {
    pub id: &'a str,
    pub group: &'a str,
    /// Empty when not known.
    pub story: &'a str,
}

/// What is known of a run when choosing what to compare.
#[derive(Debug, Clone)]
pub struct Population<'a> {
    /// The articles, in the order of the run.
    pub articles: Vec<Member<'a>>,
    /// Whether sentences were kept, which comparing articles needs.
    pub detail: bool,
}

impl Population<'_> {
    /// Distinct group names, sorted; the empty name is the articles without a group.
    pub fn groups(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self.articles.iter().map(|a| a.group).collect();
        set.into_iter().collect()
    }
}

/// A side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SideSpec {
    /// Every article of a group; intervals resample its articles.
    Group(String),
    /// One article, or the articles of one group on one story, pooled; intervals resample
    /// their sentences.
    Articles { label: String, members: Vec<usize> },
}

/// The articles of two groups on one story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryPair {
    pub story: String,
    pub a: Vec<usize>,
    pub b: Vec<usize>,
}

/// One comparison to make: sides `a` and `b` (indices into [`Plan::sides`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub design: Design,
    pub a: usize,
    pub b: usize,
    /// The story of a same-story article comparison.
    pub story: Option<String>,
    /// For the stories design: the stories both groups reported.
    pub stories: Vec<StoryPair>,
}

/// What to compare, in the order the summary shows it: for each pair of groups, the groups
/// pooled and over their shared stories; then same-story article pairs (or article pairs when there are no groups).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The unit the charts of sides show (groups when there are groups).
    pub unit: Option<Unit>,
    pub sides: Vec<SideSpec>,
    pub comparisons: Vec<Planned>,
    pub notes: Vec<Note>,
}

/// Chooses what to compare, or says why what was asked for cannot be compared.
pub fn plan(population: &Population, options: &Options) -> Result<Plan, CompareError> {
    let groups = population.groups();
    let is_article = |id: &str| population.articles.iter().any(|a| a.id == id);
    let is_group = |id: &str| groups.iter().any(|g| group_label(g) == id);
    let baseline = options.baseline.as_deref();
    if let Some(id) = baseline {
        let fits = match options.pairs {
            PairsMode::Articles => is_article(id),
            PairsMode::Groups => is_group(id),
            _ => is_article(id) || is_group(id),
        };
        if !fits {
            return Err(CompareError::UnknownBaseline {
                id: id.to_string(),
                articles: population
                    .articles
                    .iter()
                    .take(CANDIDATES)
                    .map(|a| a.id.to_string())
                    .collect(),
                groups: groups
                    .iter()
                    .map(|g| group_label(g))
                    .take(CANDIDATES)
                    .collect(),
            });
        }
    }
    let mut plan = Plan {
        unit: None,
        sides: Vec::new(),
        comparisons: Vec::new(),
        notes: Vec::new(),
    };
    let compare_groups = match options.pairs {
        PairsMode::None => {
            plan.notes.push(Note::NotAsked);
            return Ok(plan);
        }
        PairsMode::Articles => false,
        PairsMode::Groups => {
            if groups.len() < 2 {
                return Err(CompareError::TooFewGroups(groups.len()));
            }
            true
        }
        PairsMode::Auto => match baseline {
            Some(id) => is_group(id) && !is_article(id),
            None => groups.len() >= 2,
        },
    };
    if compare_groups {
        plan_groups(population, &groups, options, &mut plan)?;
    } else {
        plan_articles(population, options, &mut plan)?;
    }
    Ok(plan)
}

/// Groups pooled, groups over their shared stories, and the same-story article pairs.
fn plan_groups(
    population: &Population,
    groups: &[&str],
    options: &Options,
    plan: &mut Plan,
) -> Result<(), CompareError> {
    plan.unit = Some(Unit::Groups);
    let labels: Vec<String> = groups.iter().map(|g| group_label(g)).collect();
    plan.sides = groups
        .iter()
        .map(|g| SideSpec::Group(g.to_string()))
        .collect();
    let Some(pairs) = choose_pairs(&labels, Unit::Groups, options, &mut plan.notes)? else {
        return Ok(());
    };
    let pooled = if options.baseline.is_some() {
        Design::Baseline
    } else {
        Design::Groups
    };
    // Articles of each group by story, stories in order of name.
    let mut by_story: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (i, a) in population.articles.iter().enumerate() {
        if !a.story.is_empty() {
            by_story
                .entry(a.story)
                .or_default()
                .entry(a.group)
                .or_default()
                .push(i);
        }
    }
    let mut story_articles = Vec::new();
    for &(a, b) in &pairs {
        let shared: Vec<StoryPair> = by_story
            .iter()
            .filter_map(|(story, members)| {
                Some(StoryPair {
                    story: story.to_string(),
                    a: members.get(groups[a])?.clone(),
                    b: members.get(groups[b])?.clone(),
                })
            })
            .collect();
        plan.comparisons.push(Planned {
            design: pooled,
            a,
            b,
            story: None,
            stories: Vec::new(),
        });
        if shared.len() >= 2 {
            plan.comparisons.push(Planned {
                design: Design::Stories,
                a,
                b,
                story: None,
                stories: shared.clone(),
            });
        }
        story_articles.extend(shared);
    }
    if !population.detail || story_articles.is_empty() {
        return Ok(());
    }
    if story_articles.len() > options.max_units {
        plan.notes.push(Note::StoryPairsLimited {
            shown: options.max_units,
            total: story_articles.len(),
        });
    }
    for pair in story_articles.into_iter().take(options.max_units) {
        let a = add_articles_side(population, &pair.a, &pair.story, &mut plan.sides);
        let b = add_articles_side(population, &pair.b, &pair.story, &mut plan.sides);
        plan.comparisons.push(Planned {
            design: Design::Articles,
            a,
            b,
            story: Some(pair.story),
            stories: Vec::new(),
        });
    }
    Ok(())
}

/// A side of the articles `members` (of one group, on `story`), added once.
fn add_articles_side(
    population: &Population,
    members: &[usize],
    story: &str,
    sides: &mut Vec<SideSpec>,
) -> usize {
    let first = population.articles[members[0]];
    let label = match members {
        [_] => first.id.to_string(),
        _ => format!(
            "{}: {story} ({} articles)",
            group_label(first.group),
            members.len()
        ),
    };
    let side = SideSpec::Articles {
        label,
        members: members.to_vec(),
    };
    match sides.iter().position(|s| *s == side) {
        Some(i) => i,
        None => {
            sides.push(side);
            sides.len() - 1
        }
    }
}

/// Article against article: every pair, or each against the baseline article.
fn plan_articles(
    population: &Population,
    options: &Options,
    plan: &mut Plan,
) -> Result<(), CompareError> {
    let articles = population.articles.len();
    if !population.detail {
        if options.pairs == PairsMode::Articles {
            return Err(CompareError::TooManyArticles {
                limit: DETAIL_LIMIT,
            });
        }
        plan.notes.push(Note::SentencesNotKept {
            articles,
            limit: DETAIL_LIMIT,
        });
        return Ok(());
    }
    if articles < 2 {
        plan.notes.push(Note::OneArticle);
        return Ok(());
    }
    let labels: Vec<String> = population
        .articles
        .iter()
        .map(|a| a.id.to_string())
        .collect();
    if options.pairs == PairsMode::Auto
        && options.baseline.is_none()
        && articles > options.max_units
    {
        plan.notes.push(Note::OneGroupTooMany {
            articles,
            max_units: options.max_units,
        });
        return Ok(());
    }
    plan.unit = Some(Unit::Articles);
    plan.sides = population
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| SideSpec::Articles {
            label: a.id.to_string(),
            members: vec![i],
        })
        .collect();
    let Some(pairs) = choose_pairs(&labels, Unit::Articles, options, &mut plan.notes)? else {
        return Ok(());
    };
    let design = if options.baseline.is_some() {
        Design::Baseline
    } else {
        Design::Articles
    };
    plan.comparisons = pairs
        .into_iter()
        .map(|(a, b)| Planned {
            design,
            a,
            b,
            story: None,
            stories: Vec::new(),
        })
        .collect();
    Ok(())
}

/// The pairs of sides, labelled `labels`, to compare: each against the baseline, or every pair
/// up to `options.max_units` sides; `None` (with a note) when none is compared.
fn choose_pairs(
    labels: &[String],
    unit: Unit,
    options: &Options,
    notes: &mut Vec<Note>,
) -> Result<Option<Vec<(usize, usize)>>, CompareError> {
    if let Some(id) = &options.baseline {
        if let Some(base) = labels.iter().position(|label| label == id) {
            return Ok(Some(
                (0..labels.len())
                    .filter(|&i| i != base)
                    .map(|i| (i, base))
                    .collect(),
            ));
        }
        notes.push(Note::BaselineNotCompared {
            id: id.clone(),
            unit,
        });
        return Ok(None);
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
        return Ok(None);
    }
    Ok(Some(
        (0..n)
            .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
            .collect(),
    ))
}

/// The focus categories as row keys (`lexicon.category` or `tone`): each name is a key, or a
/// category name that exactly one lexicon has.
pub fn resolve_focus(
    names: &[String],
    categories: &[(String, String)],
    tone: bool,
) -> Result<Vec<String>, CompareError> {
    let mut keys = Vec::new();
    for name in names {
        let is_key = (name == "tone" && tone)
            || categories
                .iter()
                .any(|(lexicon, category)| format!("{lexicon}.{category}") == *name);
        let key = if is_key {
            name.clone()
        } else {
            let lexicons: Vec<String> = categories
                .iter()
                .filter(|(_, category)| category == name)
                .map(|(lexicon, _)| lexicon.clone())
                .collect();
            match lexicons.as_slice() {
                [lexicon] => format!("{lexicon}.{name}"),
                [] => {
                    return Err(CompareError::UnknownFocus {
                        name: name.clone(),
                        examples: categories
                            .iter()
                            .take(3)
                            .map(|(l, c)| format!("`{l}.{c}`"))
                            .collect(),
                    })
                }
                _ => {
                    return Err(CompareError::AmbiguousFocus {
                        name: name.clone(),
                        lexicons,
                    })
                }
            }
        };
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    Ok(keys)
}

#[cfg(test)]
mod tests;
