//! Scores of an article and its sentences, and the measures derived from them (rates, shares,
//! tone, dominant frame). Formulas are documented in docs/scoring.md.

use crate::engine::compile::LexiconSet;
use crate::text::voice::{Voice, Voices};

/// Counts and weighted score of one category in one article.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CategoryTally {
    /// Every match, negated or not.
    pub hits: u32,
    /// Matches under negation.
    pub negated: u32,
    /// Matches that count for the category: all hits, less negated ones where the category is
    /// negatable.
    pub affirmed: u32,
    /// Sum of effective weights (negated hits of negatable categories count with the negation
    /// factor, which is negative).
    pub score: f64,
    /// `hits` by voice, indexed by [`Voice::index`].
    pub voice_hits: [u32; 4],
    /// `affirmed` by voice.
    pub voice_affirmed: [u32; 4],
}

/// One match, with what the rules did to it: the evidence trail.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub sentence: u32,
    /// Byte offsets into the original text.
    pub start: u32,
    pub end: u32,
    pub term: u32,
    pub category: u32,
    /// The term's weight as written in the lexicon.
    pub weight: f64,
    /// The weight after modifiers and negation: what the score adds up.
    pub effective: f64,
    pub negated: bool,
    pub note: String,
    /// Whose words the match is: the voice of its first token.
    pub voice: Voice,
    /// Who speaks them, an index into [`Voices::speakers`].
    pub speaker: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SentenceScores {
    /// Byte offsets into the original text.
    pub start: u32,
    pub end: u32,
    pub tokens: u32,
    /// Net valence: the sum of signed effective tone weights, with exclamation emphasis.
    pub valence: f64,
    /// valence / sqrt(valence² + alpha), in (-1, 1); `None` for a sentence with no token.
    pub tone: Option<f64>,
    pub hits: u32,
    pub positive: u32,
    pub negative: u32,
    /// (category, affirmed hits) for the categories with affirmed hits in this sentence, by
    /// category: what the article's `per_1k` counts, sentence by sentence.
    pub category_hits: Vec<(u32, u32)>,
    /// Its tokens by voice, indexed by [`Voice::index`].
    pub voice_tokens: [u32; 4],
    /// The tone of its words of each voice alone (as `tone`, from the tone hits and exclamation
    /// marks of that voice); `None` where the voice has no token here.
    pub voice_tone: [Option<f64>; 4],
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ToneScores {
    /// Mean sentence tone over the sentences with tokens, in [-1, 1].
    pub tone: Option<f64>,
    /// Tone hits whose effective valence is positive / negative.
    pub positive: u32,
    pub negative: u32,
    pub positive_per_1k: Option<f64>,
    pub negative_per_1k: Option<f64>,
    /// ln((positive + 0.5) / (negative + 0.5)).
    pub logratio: f64,
}

/// Everything framescope measures in one text.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleScores {
    /// Words, numbers and emoticons (punctuation excluded): the denominator of rates.
    pub tokens: u32,
    pub sentences: Vec<SentenceScores>,
    /// Indexed like [`LexiconSet::categories`].
    pub categories: Vec<CategoryTally>,
    pub tone: ToneScores,
    pub hits: Vec<Hit>,
    /// Matches of stop phrases, in text order: they kept the terms inside them from matching and
    /// count nowhere (no tally, rate or `matches.csv` row); `explain` shows them.
    pub stopped: Vec<Hit>,
    /// Quotations, reported speech and speakers.
    pub voices: Voices,
    /// Tokens by voice, indexed by [`Voice::index`] (they add up to `tokens`).
    pub voice_tokens: [u32; 4],
    /// Per category, whether its lexicon was not applied to this text because the text is in
    /// another language: its rate and share are then empty, not 0. Empty when all applied.
    pub unscored: Vec<bool>,
}

/// `count` per 1,000 tokens; `None` when there are no tokens (an empty cell, never NaN).
pub fn per_1k(count: impl Into<u64>, tokens: impl Into<u64>) -> Option<f64> {
    let (count, tokens) = (count.into(), tokens.into());
    (tokens > 0).then(|| 1000.0 * count as f64 / tokens as f64)
}

/// The log ratio of positive to negative counts with 0.5 smoothing.
pub fn log_ratio(positive: u32, negative: u32) -> f64 {
    ((positive as f64 + 0.5) / (negative as f64 + 0.5)).ln()
}

/// At most this many exclamation marks in a sentence add emphasis: a row of them is one shout.
const MAX_EMPHATIC_EXCLAMATIONS: u32 = 3;

/// A sentence's net valence after `marks` exclamation marks: each (up to three) moves it `boost`
/// further from zero. Only for a valence other than zero, which has no direction to move in.
pub fn exclamation_emphasis(valence: f64, marks: u32, boost: f64) -> f64 {
    valence + valence.signum() * marks.min(MAX_EMPHATIC_EXCLAMATIONS) as f64 * boost
}

/// The logistic function 1 / (1 + e^-x), in (0, 1) for any finite x and never overflowing.
pub fn logistic(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// The fitted probability of a category of a lexicon scored `logistic`: logistic(intercept +
/// 1000 × score / tokens), with `score` the sum of its effective weights. `None` without tokens.
pub fn fitted_probability(intercept: f64, score: f64, tokens: impl Into<u64>) -> Option<f64> {
    let tokens = tokens.into();
    (tokens > 0).then(|| logistic(intercept + 1000.0 * score / tokens as f64))
}

/// A sentence's tone from its net valence: valence / sqrt(valence² + alpha), in (-1, 1).
pub fn sentence_tone(valence: f64, alpha: f64) -> f64 {
    valence / (valence * valence + alpha).sqrt()
}

impl ArticleScores {
    /// Affirmed hits of category `c` per 1,000 tokens; `None` without tokens, or when the
    /// category's lexicon is in another language than the text.
    pub fn per_1k(&self, c: usize) -> Option<f64> {
        if self.is_unscored(c) {
            return None;
        }
        per_1k(self.categories[c].affirmed, self.tokens)
    }

    /// The fitted probability of category `c` when its lexicon is scored `logistic`; `None` for
    /// other categories, without tokens, or when the category's lexicon is in another language.
    pub fn probability(&self, set: &LexiconSet, c: usize) -> Option<f64> {
        let intercept = set.categories[c].intercept?;
        if self.is_unscored(c) {
            return None;
        }
        fitted_probability(intercept, self.categories[c].score, self.tokens)
    }

    /// What `articles.csv` reports for category `c`: the fitted probability of a category scored
    /// `logistic`, the rate per 1,000 tokens of any other.
    pub fn value(&self, set: &LexiconSet, c: usize) -> Option<f64> {
        match set.categories[c].intercept {
            Some(_) => self.probability(set, c),
            None => self.per_1k(c),
        }
    }

    /// Affirmed hits of category `c` in voice `v` per 1,000 tokens of that voice; `None` when
    /// its lexicon was not applied to this text.
    pub fn voice_per_1k(&self, c: usize, v: Voice) -> Option<f64> {
        if self.is_unscored(c) {
            return None;
        }
        per_1k(
            self.categories[c].voice_affirmed[v.index()],
            self.voice_tokens[v.index()],
        )
    }

    /// The share of the tokens in voice `v`; `None` without tokens.
    pub fn voice_share(&self, v: Voice) -> Option<f64> {
        (self.tokens > 0).then(|| self.voice_tokens[v.index()] as f64 / self.tokens as f64)
    }

    /// The tone of voice `v`: the mean of its sentences' tone in that voice, over the sentences
    /// where it has tokens.
    pub fn voice_tone(&self, v: Voice) -> Option<f64> {
        let tones: Vec<f64> = self
            .sentences
            .iter()
            .filter_map(|s| s.voice_tone[v.index()])
            .collect();
        (!tones.is_empty()).then(|| tones.iter().sum::<f64>() / tones.len() as f64)
    }

    /// Was category `c`'s lexicon left out for this text, being in another language?
    pub fn is_unscored(&self, c: usize) -> bool {
        self.unscored.get(c).copied().unwrap_or(false)
    }

    /// Category `c`'s share of its lexicon's affirmed hits; `None` when the lexicon has none.
    pub fn share(&self, set: &LexiconSet, c: usize) -> Option<f64> {
        if self.is_unscored(c) {
            return None;
        }
        let lexicon = &set.lexicons[set.categories[c].lexicon];
        let total: u32 = self.categories[lexicon.categories.clone()]
            .iter()
            .map(|t| t.affirmed)
            .sum();
        (total > 0).then(|| self.categories[c].affirmed as f64 / total as f64)
    }

    /// The category of lexicon `l` with the highest positive score (ties: the first listed); in
    /// a lexicon scored `logistic`, the one with the highest probability, from 0.5 on.
    pub fn dominant(&self, set: &LexiconSet, l: usize) -> Option<usize> {
        // How strongly category c holds, compared within one lexicon: above 0 when it does.
        let strength = |c: usize| match set.categories[c].intercept {
            Some(_) => self
                .probability(set, c)
                .map_or(0.0, |p| p - 0.5 + f64::EPSILON),
            None => self.categories[c].score,
        };
        let mut best: Option<(usize, f64)> = None;
        for c in set.lexicons[l].categories.clone() {
            let s = strength(c);
            if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((c, s));
            }
        }
        best.map(|(c, _)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_empty_without_tokens() {
        assert_eq!(per_1k(3u32, 0u32), None);
        assert_eq!(per_1k(3u32, 1500u32), Some(2.0));
    }

    #[test]
    fn sentence_tone_stays_inside_minus_one_to_one() {
        assert_eq!(sentence_tone(0.0, 15.0), 0.0);
        assert!((sentence_tone(1.0, 3.0) - 0.5).abs() < 1e-12);
        assert!(sentence_tone(-1e6, 15.0) > -1.0 && sentence_tone(1e6, 15.0) < 1.0);
    }

    #[test]
    fn exclamations_add_emphasis_away_from_zero_up_to_three() {
        assert_eq!(exclamation_emphasis(2.0, 1, 0.5), 2.5);
        assert_eq!(exclamation_emphasis(-2.0, 5, 0.5), -3.5);
    }

    #[test]
    fn fitted_probabilities_follow_the_logistic_function() {
        assert_eq!(logistic(0.0), 0.5);
        assert!((logistic(2.0) + logistic(-2.0) - 1.0).abs() < 1e-15);
        assert!(logistic(-1000.0) >= 0.0 && logistic(1000.0) <= 1.0);
        assert!(!logistic(-1000.0).is_nan() && !logistic(1000.0).is_nan());
        // intercept -1, score 0.5 in 250 tokens: 2 per 1,000 tokens, logistic(1).
        let p = fitted_probability(-1.0, 0.5, 250u32).unwrap();
        assert!((p - 1.0 / (1.0 + (-1.0f64).exp())).abs() < 1e-15);
        assert_eq!(fitted_probability(-1.0, 0.5, 0u32), None);
    }

    #[test]
    fn log_ratio_is_smoothed() {
        assert_eq!(log_ratio(0, 0), 0.0);
        assert!((log_ratio(3, 1) - (3.5f64 / 1.5).ln()).abs() < 1e-12);
    }
}
