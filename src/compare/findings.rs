//! What a comparison run found: the compared sides, each comparison's rows, key terms and profile
//! similarities, the tone arcs, and notes on what was decided and why. Plain data: the engine
//! fills it, the summary, the charts and the output files read it.

use std::fmt;

use super::data::Schema;

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

    /// The sides of this unit, named in prose.
    pub fn plural(self) -> &'static str {
        match self {
            Unit::Articles => "articles",
            Unit::Groups => "groups",
        }
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

/// Something decided that the reader should know: why fewer or other comparisons were made than
/// one might expect. Carries what the decision rests on, so that the command line can also say
/// which of its options changes it; [`fmt::Display`] says it without naming options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// No comparison was asked for.
    NotAsked,
    /// A baseline article was asked for, but sentences were not kept for so many articles.
    SentencesNotKept { articles: usize, limit: usize },
    /// Too many articles for every pair: their groups were compared instead.
    GroupsInstead {
        articles: usize,
        max_units: usize,
        groups: usize,
    },
    /// A single article: nothing to compare it with.
    OneArticle,
    /// Too many articles for every pair, and no groups to compare instead.
    OneGroupTooMany { articles: usize, max_units: usize },
    /// The baseline is an article or group, but not one of the compared unit.
    BaselineNotCompared { id: String, unit: Unit },
    /// Every pair would be too many pairs: none was compared.
    TooManyPairs {
        count: usize,
        unit: Unit,
        pairs: usize,
        max_units: usize,
    },
    /// The folder compared keeps only some matches per article, so terms cannot be counted.
    KeynessIncomplete,
    /// Tone arcs are drawn for the first articles only.
    ArcsLimited { shown: usize, articles: usize },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::NotAsked => write!(f, "no comparison asked for"),
            Note::SentencesNotKept { articles, limit } => write!(
                f,
                "{articles} articles are more than the {limit} whose sentences are kept for article comparisons"
            ),
            Note::GroupsInstead {
                articles,
                max_units,
                groups,
            } => write!(
                f,
                "{articles} articles make too many pairs (more than {max_units}): compared their {groups} groups instead"
            ),
            Note::OneArticle => write!(f, "one article only: nothing to compare"),
            Note::OneGroupTooMany {
                articles,
                max_units,
            } => write!(
                f,
                "{articles} articles in one group: too many for every pair (more than {max_units}); pick a baseline or set groups"
            ),
            Note::BaselineNotCompared { id, unit } => write!(
                f,
                "the baseline `{id}` is not among the compared {}",
                unit.plural()
            ),
            Note::TooManyPairs {
                count,
                unit,
                pairs,
                max_units,
            } => write!(
                f,
                "{count} {} make {pairs} pairs, more than {max_units} {} allow: no pairwise comparison (pick a baseline or allow more)",
                unit.plural(),
                unit.plural()
            ),
            Note::KeynessIncomplete => write!(
                f,
                "keyness needs every match: this output folder keeps only some matches per article, so keyness.csv is empty; analyze again to count every term"
            ),
            Note::ArcsLimited { shown, articles } => write!(
                f,
                "tone arcs show the first {shown} of {articles} articles"
            ),
        }
    }
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
    pub notes: Vec<Note>,
}
