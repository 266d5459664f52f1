//! What a comparison run is asked for: which sides to pair, against which baseline, up to how
//! many, which categories form the primary hypothesis, and the settings of the statistics.

/// What to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairsMode {
    /// Groups (with their same-story pairs) when articles have groups, else articles.
    Auto,
    Articles,
    Groups,
    None,
}

/// How p-values are adjusted for the number of tests in each family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjustment {
    /// Benjamini–Hochberg: controls the false discovery rate.
    BenjaminiHochberg,
    /// Holm: controls the family-wise error rate.
    Holm,
    /// No adjustment.
    None,
}

impl Adjustment {
    /// How the method is named in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Adjustment::BenjaminiHochberg => "Benjamini–Hochberg",
            Adjustment::Holm => "Holm",
            Adjustment::None => "none",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub pairs: PairsMode,
    /// Compare every other side with this article or group instead of every pair.
    pub baseline: Option<String>,
    /// Every pair is compared only up to this many articles or groups; as many same-story
    /// article pairs are compared one by one.
    pub max_units: usize,
    /// Bootstrap replicates for confidence intervals (0: no intervals).
    pub bootstrap: u32,
    pub seed: u64,
    /// Significance level; intervals are at 1 − alpha.
    pub alpha: f64,
    pub adjust: Adjustment,
    /// The categories of the user's hypothesis (`lexicon.category`, a category name that one
    /// lexicon has, or `tone`): tested as one primary family.
    pub focus: Vec<String>,
    /// Keyness rows kept per category and side.
    pub key_terms: usize,
}

impl Options {
    /// Confidence level of the intervals.
    pub fn confidence(&self) -> f64 {
        1.0 - self.alpha
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pairs: PairsMode::Auto,
            baseline: None,
            max_units: 10,
            bootstrap: 2000,
            seed: 20_240_601,
            alpha: 0.05,
            adjust: Adjustment::BenjaminiHochberg,
            focus: Vec::new(),
            key_terms: 10,
        }
    }
}
