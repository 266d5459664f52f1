//! The loaded form of lexicons and language rules, as the rest of the engine sees them.

use std::collections::{HashMap, HashSet};

pub use super::matching::Matching;

/// Where a lexicon or rules file came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary from the project's `lexicons/` folder.
    Embedded,
    /// Read from this file at run time.
    File(std::path::PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Embedded => f.write_str("embedded"),
            Origin::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A lexicon: header, modifier overrides and categories of weighted terms.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub id: String,
    pub name: String,
    pub version: String,
    pub language: String,
    pub license: String,
    pub description: String,
    pub sources: Vec<String>,
    /// The polar categories of this lexicon make the tone score.
    pub tone: bool,
    pub modifiers: Modifiers,
    pub categories: Vec<Category>,
    pub origin: Origin,
    pub sha256: String,
    /// How texts are cut and terms matched: framescope's own way, or as the tool the dictionary
    /// came from counts.
    pub matching: Matching,
    /// The file this lexicon was converted from, when it was.
    pub imported: Option<Imported>,
    /// What a category's column of `articles.csv` holds: its rate, or a fitted probability.
    pub scoring: Scoring,
}

/// How the number `articles.csv` reports for a category is made from its matches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scoring {
    /// Affirmed hits per 1,000 tokens (`per_1k`).
    #[default]
    Rate,
    /// A fitted probability: the logistic function of the category's intercept plus its score
    /// (the sum of effective weights) per 1,000 tokens. Written by `framescope learn`; weights may
    /// be negative.
    Logistic,
}

impl Scoring {
    /// The value of `score` in a lexicon's header.
    pub fn name(self) -> &'static str {
        match self {
            Scoring::Rate => "rate",
            Scoring::Logistic => "logistic",
        }
    }

    pub fn from_name(name: &str) -> Option<Scoring> {
        [Scoring::Rate, Scoring::Logistic]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// The foreign dictionary a lexicon was read or converted from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The file's name, without its folder.
    pub file: String,
    pub sha256: String,
    /// The format it was read as (`dic`, `cat`, ...).
    pub format: String,
}

impl Lexicon {
    pub fn term_count(&self) -> usize {
        self.categories.iter().map(|c| c.terms.len()).sum()
    }
}

#[derive(Debug, Clone)]
pub struct Category {
    pub name: String,
    pub description: String,
    /// -1, 0 or +1.
    pub polarity: i8,
    pub negatable: bool,
    pub terms: Vec<Term>,
    /// Fixed expressions that claim their tokens in this category without counting (weight 0):
    /// a longer match wins over the terms inside it, so `make no mistake` keeps `mistake` from
    /// counting.
    pub stop_phrases: Vec<Term>,
    /// The intercept of a category of a lexicon scored [`Scoring::Logistic`]; `None` otherwise.
    pub intercept: Option<f64>,
}

/// A term as written in the file, and the token pattern it compiles to.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub text: String,
    pub weight: f64,
    pub elements: Vec<Element>,
    /// 1-based line of the term in its file, for messages.
    pub line: usize,
}

/// One token position of a term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Element {
    /// The normalised form must be equal.
    Exact(String),
    /// The normalised form must start with this.
    Prefix(String),
    /// The Snowball stem of the normalised form must be equal.
    Stem(String),
    /// The form must match this pattern as a whole: `*` stands for any run of characters (none
    /// included), `?` for exactly one. Only in lexicons matched as another tool matches.
    Glob(String),
}

impl Element {
    /// Exact beats stem beats prefix when two terms of a category match the same tokens.
    pub fn specificity(&self) -> u32 {
        match self {
            Element::Exact(_) => 3,
            Element::Stem(_) => 2,
            Element::Prefix(_) => 1,
            Element::Glob(_) => 0,
        }
    }
}

/// Additions a lexicon makes to its language's rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Modifiers {
    pub negators: Vec<String>,
    pub intensifiers: Vec<(String, f64)>,
    pub contrast: Vec<(String, ContrastWeights)>,
}

impl Modifiers {
    /// Whether the lexicon lists no modifier of its own.
    pub fn is_empty(&self) -> bool {
        self.negators.is_empty() && self.intensifiers.is_empty() && self.contrast.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContrastWeights {
    pub before: f64,
    pub after: f64,
}

/// The rules of one language: negation, intensity and contrast, sentence abbreviations, and the
/// constants of the tone formula.
#[derive(Debug, Clone)]
pub struct Rules {
    pub language: String,
    pub version: String,
    pub negators: HashSet<String>,
    pub negation_window: usize,
    pub negation_factor: f64,
    pub clause_breaks: HashSet<String>,
    /// Multi-word intensifiers and diminishers (`a bit`), as normalised words, with their factor.
    pub intensifiers: HashMap<String, f64>,
    pub contrast: HashMap<String, ContrastWeights>,
    pub abbreviations: HashSet<String>,
    /// Elided words written onto the next one (`l'`, `d'`, `qu'` in French): a token that begins
    /// with one is matched without it (`l'espoir` as `espoir`).
    pub elisions: HashSet<String>,
    /// Weight factor of a hit written in capitals inside a sentence that is not.
    pub caps_emphasis: f64,
    /// Added to a sentence's valence, in its direction, per `!` (at most three).
    pub exclamation_boost: f64,
    /// The constant of the sentence tone normalisation x / sqrt(x² + alpha).
    pub tone_alpha: f64,
    /// The word lists of `[rules.voice]` (who speaks), by list name, in the order written.
    pub voice: Vec<(String, Vec<String>)>,
    pub origin: Origin,
    pub sha256: String,
}

impl Rules {
    /// No rules: for a language without a rules file. Nothing negates, intensifies or contrasts;
    /// the tone constants keep their defaults.
    pub fn none(language: &str) -> Rules {
        Rules {
            language: language.to_string(),
            version: "none".to_string(),
            negators: HashSet::new(),
            negation_window: 3,
            negation_factor: -0.5,
            clause_breaks: HashSet::new(),
            intensifiers: HashMap::new(),
            contrast: HashMap::new(),
            abbreviations: HashSet::new(),
            elisions: HashSet::new(),
            caps_emphasis: 1.0,
            exclamation_boost: 0.0,
            tone_alpha: 15.0,
            voice: Vec::new(),
            origin: Origin::Embedded,
            sha256: String::new(),
        }
    }

    /// These rules extended by a lexicon's modifiers.
    pub fn with(&self, modifiers: &Modifiers) -> Rules {
        let mut rules = self.clone();
        rules.negators.extend(modifiers.negators.iter().cloned());
        rules
            .intensifiers
            .extend(modifiers.intensifiers.iter().cloned());
        rules.contrast.extend(modifiers.contrast.iter().cloned());
        rules
    }
}
