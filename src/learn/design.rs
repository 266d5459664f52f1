//! The features of a fit: a lexicon with one category per gold column, holding the terms of the
//! category it starts from (each of weight 1) and the candidate words, and the rates at which
//! each article matches each of them.
//!
//! Features are measured by scoring the articles with that lexicon, so they are exactly what the
//! learned lexicon will count: the same matching (leftmost-longest within a category, stop
//! phrases), the same rules (negation, intensifiers, contrast). A term's feature is
//! 1000 × Σ effective weight / tokens over its hits; with weights of 1, the effective weight is
//! what the rules made of the hit. A learned lexicon whose term t weighs w_t thus scores an
//! article Σ_t w_t × feature_t per 1,000 tokens.
//!
//! A candidate word never changes another term's matches (a one-token match takes no token a
//! longer term could use first), so every word can be measured at once. A candidate phrase does:
//! its match takes its two words, and a term that would begin on its second word. Phrases are
//! therefore left out of the lexicon that measures every article once, and a fit that weighs
//! phrases measures the articles again with [`chosen_lexicon`], which holds exactly its terms.

use crate::engine::compile::LexiconSet;
use crate::engine::score::ArticleScores;
use crate::lexicon::{Category, Lexicon, Modifiers, Origin, Scoring, Term};

use super::candidates::Vocabulary;

/// Where the terms of one learned category come from: first the terms of the category it starts
/// from, in their order, then candidate words, then candidate phrases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// The first `prior` terms are those of the starting category.
    pub prior: usize,
    /// Then one term per candidate: indices into the vocabulary, the words first.
    pub candidates: Vec<u32>,
    /// The first `words` candidates are words, the others phrases.
    pub words: usize,
}

impl Layout {
    pub fn terms(&self) -> usize {
        self.prior + self.candidates.len()
    }
}

/// A category to learn: its name and, when it starts from one, a category of another lexicon.
#[derive(Debug, Clone)]
pub struct Start<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub prior: Option<&'a Category>,
}

/// The id of the lexicon of features.
pub const FEATURES_ID: &str = "learn_features";

/// The lexicon whose matches are the features: per category, the starting category's terms and
/// stop phrases (weights set to 1) and the candidate words no one-token starting term competes
/// with. The candidate phrases no starting term duplicates are laid out after the words but left
/// out of the lexicon (see the module's notes). `candidate_terms` are the candidates' compiled
/// terms (`~form`), in vocabulary order; `None` for no candidates.
pub fn feature_lexicon(
    starts: &[Start],
    vocabulary: &Vocabulary,
    candidate_terms: Option<&[Term]>,
    language: &str,
    modifiers: Modifiers,
) -> (Lexicon, Vec<Layout>) {
    let mut categories = Vec::new();
    let mut layouts = Vec::new();
    for start in starts {
        let mut terms: Vec<Term> = Vec::new();
        let mut stop_phrases = Vec::new();
        let mut negatable = false;
        if let Some(prior) = start.prior {
            terms.extend(prior.terms.iter().map(|t| Term {
                weight: 1.0,
                ..t.clone()
            }));
            stop_phrases = prior.stop_phrases.clone();
            negatable = prior.negatable;
        }
        let prior = terms.len();
        let mut candidates = Vec::new();
        let mut phrases = Vec::new();
        if let Some(candidate_terms) = candidate_terms {
            for (k, (candidate, term)) in vocabulary
                .candidates
                .iter()
                .zip(candidate_terms)
                .enumerate()
            {
                if candidate.is_phrase() {
                    if !terms[..prior]
                        .iter()
                        .any(|t| candidate.duplicates(&t.elements))
                    {
                        phrases.push(k as u32);
                    }
                    continue;
                }
                let competes = terms[..prior]
                    .iter()
                    .filter(|t| t.elements.len() == 1)
                    .any(|t| candidate.overlaps(&t.elements[0]));
                if !competes {
                    candidates.push(k as u32);
                    terms.push(term.clone());
                }
            }
        }
        let words = candidates.len();
        candidates.extend(phrases);
        categories.push(Category {
            name: start.name.to_string(),
            description: start.description.to_string(),
            polarity: 0,
            negatable,
            terms,
            stop_phrases,
            intercept: None,
        });
        layouts.push(Layout {
            prior,
            candidates,
            words,
        });
    }
    (lexicon_of(categories, language, modifiers), layouts)
}

/// The lexicon of features with these categories.
fn lexicon_of(categories: Vec<Category>, language: &str, modifiers: Modifiers) -> Lexicon {
    Lexicon {
        id: FEATURES_ID.to_string(),
        name: "Features of a fit".to_string(),
        version: "0".to_string(),
        language: language.to_string(),
        license: String::new(),
        description: String::new(),
        sources: Vec::new(),
        tone: false,
        modifiers,
        categories,
        origin: Origin::Embedded,
        sha256: String::new(),
        matching: Default::default(),
        imported: None,
        scoring: Scoring::Rate,
    }
}

/// The lexicon of category `category` of `features` (a lexicon of [`feature_lexicon`], laid out
/// as `layout`) that holds only the starting category's terms and the candidates `slots`
/// (indices into `layout.candidates`), in that order: the lexicon a fit with these candidates
/// stands for, phrases included.
pub fn chosen_lexicon(
    features: &Lexicon,
    category: usize,
    layout: &Layout,
    candidate_terms: &[Term],
    slots: &[usize],
) -> Lexicon {
    let all = &features.categories[category];
    let mut terms = all.terms[..layout.prior].to_vec();
    terms.extend(
        slots
            .iter()
            .map(|&s| candidate_terms[layout.candidates[s] as usize].clone()),
    );
    let chosen = Category {
        terms,
        name: all.name.clone(),
        description: all.description.clone(),
        stop_phrases: all.stop_phrases.clone(),
        ..*all
    };
    lexicon_of(vec![chosen], &features.language, features.modifiers.clone())
}

/// Where each category's terms begin in [`LexiconSet::terms`]: its terms come first, in the
/// order of the file, then its stop phrases.
pub fn first_terms(set: &LexiconSet) -> Vec<u32> {
    let mut first = vec![u32::MAX; set.categories.len()];
    for (i, t) in set.terms.iter().enumerate() {
        let c = t.category as usize;
        if first[c] == u32::MAX {
            first[c] = i as u32;
        }
    }
    first
}

/// The features of one article in category `category` of `set`, whose terms begin at
/// `first_term`: (term within the category, 1000 × Σ effective weight / tokens), by term.
/// Empty for an article without tokens.
pub fn features(scores: &ArticleScores, category: u32, first_term: u32) -> Vec<(u32, f64)> {
    if scores.tokens == 0 {
        return Vec::new();
    }
    let per = 1000.0 / scores.tokens as f64;
    let mut row: Vec<(u32, f64)> = Vec::new();
    for hit in scores.hits.iter().filter(|h| h.category == category) {
        let term = hit.term - first_term;
        match row.iter_mut().find(|(t, _)| *t == term) {
            Some((_, x)) => *x += hit.effective * per,
            None => row.push((term, hit.effective * per)),
        }
    }
    row.sort_by_key(|&(t, _)| t);
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::candidates::{vocabulary, VocabularyRules};
    use crate::lexicon::{compile_term, stemmer_for, Loaded};
    use std::collections::BTreeMap;

    fn term(text: &str, weight: f64) -> Term {
        let stemmer = stemmer_for("en").unwrap();
        Term {
            text: text.into(),
            weight,
            elements: compile_term(text, &stemmer).unwrap().elements,
            line: 1,
        }
    }

    #[test]
    fn features_are_the_rates_of_each_term_and_candidates_do_not_compete_with_terms() {
        let texts = [
            "Courts ruled. The court of appeal ruled again on the tariff and the duty.",
            "The tariff and a court.",
        ];
        let rules = VocabularyRules {
            min_documents: 2,
            max_share: 1.0,
            min_letters: 3,
            phrases: false,
        };
        let stemmer = stemmer_for("en").unwrap();
        let v = vocabulary(texts, &stemmer, &Default::default(), &[], rules);
        let candidate_terms: Vec<Term> =
            v.candidates.iter().map(|c| term(&c.term(), 1.0)).collect();
        let prior = Category {
            name: "legality".into(),
            description: "d".into(),
            polarity: 0,
            negatable: false,
            terms: vec![term("~court", 1.4), term("court of appeal", 2.0)],
            stop_phrases: vec![],
            intercept: None,
        };
        let starts = [Start {
            name: "legal",
            description: "coded legal",
            prior: Some(&prior),
        }];
        let (lexicon, layouts) = feature_lexicon(
            &starts,
            &v,
            Some(&candidate_terms),
            "en",
            Modifiers::default(),
        );
        let names: Vec<&str> = v.candidates.iter().map(|c| c.stem.as_str()).collect();
        assert_eq!(names, ["and", "court", "tariff", "the"]);
        // `court` is a term already, so not a candidate of this category.
        assert_eq!(layouts[0].prior, 2);
        assert_eq!(layouts[0].candidates, vec![0, 2, 3]);
        assert!(lexicon.categories[0].terms.iter().all(|t| t.weight == 1.0));

        let mut rules_by_language = BTreeMap::new();
        rules_by_language.insert("en".to_string(), crate::lexicon::Rules::none("en"));
        let loaded = Loaded {
            lexicons: vec![lexicon],
            rules: rules_by_language,
            warnings: vec![],
        };
        let scorer = crate::Scorer::new(&loaded).unwrap();
        let set = scorer.lexicons();
        let first = first_terms(set);
        let scores = scorer.score(texts[0]);
        assert_eq!(scores.tokens, 14);
        let row = features(&scores, 0, first[0]);
        let per = 1000.0 / 14.0;
        // ~court once (Courts), court of appeal once (not ~court: the longer match wins), then
        // the candidates and, tariff once and the three times.
        assert_eq!(
            row,
            vec![(0, per), (1, per), (2, per), (3, per), (4, 3.0 * per)],
            "{:?}",
            scores.hits
        );
    }
}
