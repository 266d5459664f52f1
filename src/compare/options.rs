//! What a comparison run is asked for: which sides to pair, against which baseline, up to how
//! many, and the settings of the statistics.

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
    /// The run was grouped on purpose: `Auto` compares groups.
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
