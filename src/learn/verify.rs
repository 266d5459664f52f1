//! Checks a written lexicon against the fit it came from: scored with the ordinary scorer, every
//! coded article must get the probability the fit gave it. What could make them differ is the
//! matching of the terms left out (a word the fit weighed 0), which should not change the others'
//! matches, and the rounding of the written weights.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::Learned;
use crate::corpus::Article;
use crate::lexicon::{parse_lexicon, Origin, Rules, SourceFile};
use crate::Scorer;

/// How far the written lexicon's probabilities are from the fit's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Agreement {
    /// Probabilities compared: coded articles times codes.
    pub compared: usize,
    /// The largest absolute difference.
    pub largest: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("the written lexicon does not read back: {0}")]
    Unreadable(String),
    #[error("the written lexicon cannot be compiled: {0}")]
    Compile(#[from] crate::engine::compile::CompileError),
}

/// Scores `articles` with the lexicon `text` (id `id`) and compares each learned category's
/// probability with the fit's.
pub fn verify(
    text: &str,
    id: &str,
    learned: &Learned,
    articles: &[Article],
    rules: &BTreeMap<String, Rules>,
) -> Result<Agreement, VerifyError> {
    let source = SourceFile {
        label: format!("{id}.toml"),
        text: text.to_string(),
        origin: Origin::Embedded,
    };
    let parsed = parse_lexicon(&source, Some(id));
    let lexicon = parsed.value.ok_or_else(|| {
        let problems: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
        VerifyError::Unreadable(problems.join("; "))
    })?;
    let loaded = crate::lexicon::Loaded {
        lexicons: vec![lexicon],
        rules: rules.clone(),
        warnings: Vec::new(),
    };
    let scorer = Scorer::new(&loaded)?;
    let set = scorer.lexicons();
    let columns: Vec<Option<usize>> = learned
        .codes
        .iter()
        .map(|c| set.categories.iter().position(|k| k.name == c.name))
        .collect();
    let per_article: Vec<(usize, f64)> = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let scores = scorer.score_in(&a.text, &a.language);
            let mut compared = 0;
            let mut largest = 0.0f64;
            for (code, column) in learned.codes.iter().zip(&columns) {
                let (Some(expected), Some(c)) = (code.fitted[i], column) else {
                    continue;
                };
                let got = scores.probability(set, *c).unwrap_or(f64::NAN);
                compared += 1;
                let d = (got - expected).abs();
                largest = if d.is_nan() {
                    f64::INFINITY
                } else {
                    largest.max(d)
                };
            }
            (compared, largest)
        })
        .collect();
    Ok(Agreement {
        compared: per_article.iter().map(|p| p.0).sum(),
        largest: per_article.iter().map(|p| p.1).fold(0.0, f64::max),
    })
}
