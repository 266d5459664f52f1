//! What a comparison run found: the compared sides, each comparison's rows, key terms and profile
//! similarities, the tone arcs, and notes on what was decided and why. Plain data: the engine
//! fills it, the summary, the charts and the output files read it.

use crate::text::voice::Voice;
use std::fmt;

use super::data::Schema;
use super::options::Adjustment;

/// The study design a comparison follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    /// Two groups (outlets), every article of each pooled; intervals resample articles.
    Groups,
    /// Two groups over the stories both reported: per-story differences, intervals resample
    /// stories, a paired test.
    Stories,
    /// Two articles (or one story's articles of two groups); intervals resample sentences.
    Articles,
    /// A side against the baseline asked for, pooled as groups or articles are.
    Baseline,
}

impl Design {
    /// How the design is named in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Design::Groups => "groups",
            Design::Stories => "stories",
            Design::Articles => "articles",
            Design::Baseline => "baseline",
        }
    }
}

/// The test behind a p-value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// Dunning's log-likelihood G² on the 2×2 table of hits and other tokens (1 df).
    G2,
    /// Welch's t-test on sentence (or article) tones.
    Welch,
    /// The paired t-test on per-story differences.
    PairedT,
    /// G² test of homogeneity of a lexicon's category counts and the remaining tokens.
    Homogeneity,
    /// Sign-flip permutation test of a lexicon's per-story differences.
    SignFlip,
}

impl Test {
    pub fn name(self) -> &'static str {
        match self {
            Test::G2 => "G2",
            Test::Welch => "Welch t",
            Test::PairedT => "paired t",
            Test::Homogeneity => "G2 homogeneity",
            Test::SignFlip => "sign-flip permutation",
        }
    }
}

/// What a row's values measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Affirmed hits per 1,000 tokens.
    RatePer1k,
    /// The mean over articles of a learned category's fitted probability.
    MeanProbability,
    /// The mean tone (of sentences for an article, of articles for a group).
    MeanTone,
}

impl Measure {
    /// How the measure is named in `comparison.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Measure::RatePer1k => "rate_per_1k",
            Measure::MeanProbability => "mean_probability",
            Measure::MeanTone => "mean_tone",
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
    /// What the values are: rates, mean probabilities (a learned category) or mean tones.
    pub measure: Measure,
    /// Rates per 1,000 tokens; for a learned category, mean fitted probabilities; for the tone
    /// row, mean tones.
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
    /// Welch's or the paired t statistic (tone, learned categories, the stories design).
    pub t: Option<f64>,
    pub p: Option<f64>,
    pub p_adjusted: Option<f64>,
    pub significant: bool,
    pub test: Test,
    /// The family its p-value is adjusted in: its lexicon, `tone`, or `focus` for the primary
    /// hypothesis.
    pub family: String,
    /// Part of the primary hypothesis (`focus`); every other row is exploratory.
    pub primary: bool,
}

impl Row {
    /// The category as the user names it: `lexicon.category`, or `tone` for the tone row.
    pub fn key(&self) -> String {
        if self.tone {
            "tone".into()
        } else {
            format!("{}.{}", self.lexicon, self.category)
        }
    }

    /// Whether the interval lies wholly on one side of 0.
    pub fn interval_excludes_zero(&self) -> bool {
        self.ci.is_some_and(|(lo, hi)| lo > 0.0 || hi < 0.0)
    }
}

/// One lexicon's omnibus test in one comparison: do the two sides use its categories in a
/// different mix?
#[derive(Debug, Clone, PartialEq)]
pub struct Omnibus {
    pub lexicon: String,
    pub test: Test,
    pub statistic: f64,
    /// Degrees of freedom (G²); for the permutation test, the number of stories.
    pub df: usize,
    pub p: f64,
    /// Adjusted across the lexicons' omnibus tests of the comparison.
    pub p_adjusted: Option<f64>,
    pub significant: bool,
}

/// What a comparison's numbers rest on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sizes {
    pub articles_a: usize,
    pub articles_b: usize,
    pub sentences_a: usize,
    pub sentences_b: usize,
    /// Stories paired (the stories design), else 0.
    pub stories: usize,
}

/// An interval that rests on too little to be trusted far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caution {
    FewSentences { side: String, sentences: usize },
    FewArticles { side: String, articles: usize },
    FewStories { stories: usize },
}

/// Below these, an interval rests on too little (sentences of an article, articles of a group,
/// stories of a paired comparison).
pub const ENOUGH_SENTENCES: usize = 10;
pub const ENOUGH_ARTICLES: usize = 5;
pub const ENOUGH_STORIES: usize = 5;

impl fmt::Display for Caution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Caution::FewSentences { side, sentences } => write!(
                f,
                "{side} has {sentences} sentence(s), fewer than {ENOUGH_SENTENCES}: its intervals rest on too little"
            ),
            Caution::FewArticles { side, articles } => write!(
                f,
                "{side} has {articles} article(s), fewer than {ENOUGH_ARTICLES}: its intervals rest on too little"
            ),
            Caution::FewStories { stories } => write!(
                f,
                "{stories} paired stor{}, fewer than {ENOUGH_STORIES}: the intervals rest on too little",
                if *stories == 1 { "y" } else { "ies" }
            ),
        }
    }
}
/// A term that distinguishes one side from the other within a category.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTerm {
    pub lexicon: String,
    pub category: String,
    pub term: String,
    /// How the term reads in the texts: its most frequent matched forms (`costs/cost`).
    pub words: String,
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

/// The articles that make one side of a comparison, so that readers can go from a comparison to
/// its texts and draw each side in its group's colour.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Members {
    /// The group of its articles (of the first, for articles of several groups); empty for
    /// articles without a group.
    pub group: String,
    /// The articles, by id; `None` for every article of the group.
    pub articles: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub design: Design,
    pub a: String,
    pub b: String,
    /// Which articles make sides A and B (set by the engine, which knows the plan's sides).
    pub members: (Members, Members),
    /// The story both sides report, for a same-story comparison of articles.
    pub story: Option<String>,
    /// What the intervals resample: `sentences`, `articles` or `stories`.
    pub resampled: &'static str,
    pub sizes: Sizes,
    pub cautions: Vec<Caution>,
    /// One omnibus test per frame lexicon, reported before the categories.
    pub omnibus: Vec<Omnibus>,
    pub rows: Vec<Row>,
    pub keyness: Vec<KeyTerm>,
    pub profiles: Vec<Profile>,
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
    /// More same-story article pairs than are compared one by one: all of them enter the
    /// stories comparison.
    StoryPairsLimited { shown: usize, total: usize },
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
    /// Only the words of one voice were counted.
    Voice(Voice),
    /// The folder compared has lost its match list, so terms cannot be counted.
    MatchesMissing,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::NotAsked => write!(f, "no comparison asked for"),
            Note::SentencesNotKept { articles, limit } => write!(
                f,
                "{articles} articles are more than the {limit} whose sentences are kept for article comparisons"
            ),
            Note::StoryPairsLimited { shown, total } => write!(
                f,
                "{total} same-story article pairs: the first {shown} are compared one by one, and all of them in the stories comparison"
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
            Note::Voice(voice) => write!(f, "{}", voice_words(*voice)),
            Note::MatchesMissing => write!(
                f,
                "keyness needs every match: matches.csv is missing from this output folder (it held every match), so keyness.csv is empty; analyze again to count every term"
            ),
        }
    }
}

/// Everything a comparison run found.
#[derive(Debug, Clone)]
pub struct Report {
    pub schema: Schema,
    pub unit: Option<Unit>,
    pub comparisons: Vec<Comparison>,
    pub baseline: Option<String>,
    pub bootstrap: u32,
    pub seed: u64,
    pub confidence: f64,
    pub alpha: f64,
    pub adjust: Adjustment,
    /// The categories of the primary family, as row keys (`crisis.hope`, `tone`).
    pub focus: Vec<String>,
    /// Whether keyness could be computed (complete term counts).
    pub keyness: bool,
    /// What was decided and why, for the terminal and summary.md.
    pub notes: Vec<Note>,
}

/// Which words comparisons of one voice count, in words.
pub fn voice_words(voice: Voice) -> &'static str {
    match voice {
        Voice::Author => "comparisons count the author's own words only: tokens and matches outside quotation marks and reported speech",
        Voice::Quoted => "comparisons count quoted words only: tokens and matches inside quotation marks",
        Voice::Attributed => "comparisons count reported speech only: tokens and matches attributed without quotation marks",
        Voice::Unknown => "comparisons count the words whose voice the rules cannot tell only",
    }
}
