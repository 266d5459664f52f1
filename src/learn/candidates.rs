//! Candidate terms drawn from the coded texts: the words of the articles, by stem, and the
//! phrases of two adjacent words, by the stems of both, that occur in enough of them to be
//! learned from, and their keyness for a code (Dunning's G² of the articles that have the term
//! among the coded and the uncoded ones).
//!
//! The vocabulary is drawn from the texts without their codes, so it can be drawn once for all
//! folds of a cross-validation; keyness uses the codes and is computed within each fold.

use std::collections::{HashMap, HashSet};

use rust_stemmers::Stemmer;

use crate::lexicon::Element;
use crate::text::{normalize, Analysis, TokenKind};

/// A term learned terms may be made of: a word (one stem and the forms of it seen in the texts)
/// or a phrase of two words (a stem for each).
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The Snowball stem all its forms share; for a phrase, the stems of its two words
    /// separated by a space.
    pub stem: String,
    /// Its most frequent form (ties: the first in alphabetical order), as the term `~form`
    /// (a phrase: `~first ~second`) names it.
    pub form: String,
    /// Every normalised form seen, sorted (a phrase's words separated by a space).
    pub forms: Vec<String>,
    /// The number of texts it occurs in.
    pub documents: usize,
}

impl Candidate {
    /// The term that matches it in a lexicon: `~form`, or `~first ~second` for a phrase, which
    /// matches the two words' forms in sequence within a sentence, as the texts held them.
    pub fn term(&self) -> String {
        self.form
            .split(' ')
            .map(|w| format!("~{w}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether it is a phrase of two words.
    pub fn is_phrase(&self) -> bool {
        self.stem.contains(' ')
    }

    /// Whether a one-token term with this element matches one of its forms: such a term would
    /// compete with the candidate for the same tokens. Always false for a phrase.
    pub fn overlaps(&self, element: &Element) -> bool {
        !self.is_phrase() && word_overlaps(&self.stem, &self.forms, element)
    }

    /// Whether a one-token term with this element matches the word at `position` (0 or 1 in
    /// a phrase) in one of the forms seen.
    pub fn word_overlaps(&self, position: usize, element: &Element) -> bool {
        let Some(stem) = self.stem.split(' ').nth(position) else {
            return false;
        };
        let forms: Vec<String> = self
            .forms
            .iter()
            .filter_map(|f| f.split(' ').nth(position).map(str::to_string))
            .collect();
        word_overlaps(stem, &forms, element)
    }

    /// Whether a term with these elements matches this very candidate: a one-token term one of
    /// a word's forms, or a two-token term each word of one of a phrase's forms. Such a term
    /// would take the same tokens, so the candidate adds nothing beside it.
    pub fn duplicates(&self, elements: &[Element]) -> bool {
        let stems: Vec<&str> = self.stem.split(' ').collect();
        if elements.len() != stems.len() {
            return false;
        }
        self.forms.iter().any(|form| {
            form.split(' ')
                .zip(&stems)
                .zip(elements)
                .all(|((f, s), e)| word_overlaps(s, &[f.to_string()], e))
        })
    }
}

/// Whether a one-token term with `element` matches one of `forms` of the word whose stem is
/// `stem`.
fn word_overlaps(stem: &str, forms: &[String], element: &Element) -> bool {
    match element {
        Element::Exact(s) => forms.iter().any(|f| f == s),
        Element::Prefix(p) => forms.iter().any(|f| f.starts_with(p.as_str())),
        Element::Stem(s) => s == stem,
        Element::Glob(g) => forms.iter().any(|f| crate::lexicon::glob_matches(g, f)),
    }
}

/// Which words may become candidates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VocabularyRules {
    /// In at least this many texts: a word seen in fewer cannot be learned from.
    pub min_documents: usize,
    /// In at most this share of the texts: words in most articles (*the*, *said*) say little
    /// about one code and make weights that nobody can read.
    pub max_share: f64,
    /// At least this many letters (each word of a phrase too).
    pub min_letters: usize,
    /// Phrases of two adjacent words are candidates too. Off unless asked for: on the
    /// development sets they ranked held-out articles no better, at several times the
    /// computing (each fit that weighs a phrase measures its articles again).
    pub phrases: bool,
}

impl Default for VocabularyRules {
    fn default() -> Self {
        VocabularyRules {
            min_documents: 5,
            max_share: 0.5,
            min_letters: 3,
            phrases: false,
        }
    }
}

/// The candidates of a set of texts, and which of them each text holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    /// Sorted by stem.
    pub candidates: Vec<Candidate>,
    /// Per text, the indices of the candidates it holds, ascending.
    pub present: Vec<Vec<u32>>,
}

/// Draws the candidates from `texts`: words of letters only (no digits, apostrophes or dots),
/// grouped by stem, and (when `rules.phrases`) phrases of two such words that follow each other
/// within a sentence with nothing between them, grouped by the stems of both. Neither a word nor
/// a word of a phrase is one of `function_words` (lower case, sorted): *would*, *their* or *said
/// that* name no frame, and as learned terms they would only be read as if they did.
/// Sentences are split as the scorer splits them, with `abbreviations`.
pub fn vocabulary<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    stemmer: &Stemmer,
    abbreviations: &HashSet<String>,
    function_words: &[&str],
    rules: VocabularyRules,
) -> Vocabulary {
    // stem -> (form -> count, documents)
    let mut stems: HashMap<String, (HashMap<String, usize>, usize)> = HashMap::new();
    let mut per_text: Vec<Vec<String>> = Vec::new();
    let mut analysis = Analysis::default();
    let mut norm = String::new();
    for text in texts {
        analysis.run(text, abbreviations);
        let mut seen: Vec<String> = Vec::new();
        for sentence in &analysis.sentences {
            // The previous token of the sentence, when it was a word that may start a phrase.
            let mut previous: Option<(String, String)> = None;
            for token in
                &analysis.tokens[sentence.tokens.start as usize..sentence.tokens.end as usize]
            {
                let word = (token.kind == TokenKind::Word).then(|| {
                    normalize(token.text(text), token.kind, &mut norm);
                    norm.clone()
                });
                let Some(word) = word.filter(|w| {
                    w.chars().count() >= rules.min_letters && w.chars().all(char::is_alphabetic)
                }) else {
                    previous = None;
                    continue;
                };
                let stem = stemmer.stem(&word).into_owned();
                let function = function_words.binary_search(&word.as_str()).is_ok();
                if rules.phrases && !function {
                    if let Some((first_word, first_stem)) = previous.take() {
                        let key = format!("{first_stem} {stem}");
                        let entry = stems.entry(key.clone()).or_default();
                        *entry.0.entry(format!("{first_word} {word}")).or_default() += 1;
                        seen.push(key);
                    }
                }
                if !function {
                    let entry = stems.entry(stem.clone()).or_default();
                    *entry.0.entry(word.clone()).or_default() += 1;
                    seen.push(stem.clone());
                }
                previous = (!function).then_some((word, stem));
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for stem in &seen {
            if let Some(entry) = stems.get_mut(stem) {
                entry.1 += 1;
            }
        }
        per_text.push(seen);
    }
    let texts = per_text.len();
    let most = (rules.max_share * texts as f64).floor() as usize;
    let mut candidates: Vec<Candidate> = stems
        .into_iter()
        .filter(|(_, (_, documents))| *documents >= rules.min_documents && *documents <= most)
        .map(|(stem, (forms, documents))| {
            let form = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            let mut forms: Vec<String> = forms.into_keys().collect();
            forms.sort();
            Candidate {
                stem,
                form,
                forms,
                documents,
            }
        })
        .collect();
    candidates.sort_by(|a, b| a.stem.cmp(&b.stem));
    let index: HashMap<&str, u32> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.stem.as_str(), i as u32))
        .collect();
    let present = per_text
        .iter()
        .map(|stems| {
            let mut ids: Vec<u32> = stems
                .iter()
                .filter_map(|s| index.get(s.as_str()).copied())
                .collect();
            ids.sort_unstable();
            ids
        })
        .collect();
    Vocabulary {
        candidates,
        present,
    }
}

/// The keyness of each of `candidates` (indices into the vocabulary) for the code: G² of the
/// texts `rows` that hold it among those coded (`labels[k]` for row `rows[k]`) and those not,
/// signed positive when coded texts hold it more often.
pub fn keyness(
    vocabulary: &Vocabulary,
    candidates: &[u32],
    rows: &[usize],
    labels: &[bool],
) -> Vec<f64> {
    let positives = labels.iter().filter(|&&l| l).count() as u64;
    let negatives = labels.len() as u64 - positives;
    let slot: HashMap<u32, usize> = candidates
        .iter()
        .enumerate()
        .map(|(k, &c)| (c, k))
        .collect();
    let mut with = vec![(0u64, 0u64); candidates.len()];
    for (&row, &label) in rows.iter().zip(labels) {
        for c in &vocabulary.present[row] {
            if let Some(&k) = slot.get(c) {
                if label {
                    with[k].0 += 1;
                } else {
                    with[k].1 += 1;
                }
            }
        }
    }
    with.iter()
        .map(|&(a, b)| {
            let g2 = crate::compare::stats::g2(a, positives, b, negatives).unwrap_or(0.0);
            // Compare the shares a / positives and b / negatives without dividing.
            if (a * negatives) >= (b * positives) {
                g2
            } else {
                -g2
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Stemmer {
        crate::lexicon::stemmer_for("en").unwrap()
    }

    #[test]
    fn words_are_grouped_by_stem_and_counted_once_per_text() {
        let texts = [
            "Tariffs rose. The tariff was raised, tariffs again.",
            "New tariffs on steel.",
            "Steel mills and the U.S. economy in 2024.",
            "Nothing here at all, the end.",
        ];
        let rules = VocabularyRules {
            min_documents: 2,
            max_share: 0.75,
            min_letters: 3,
            phrases: false,
        };
        let v = vocabulary(texts, &english(), &HashSet::new(), &[], rules);
        let stems: Vec<&str> = v.candidates.iter().map(|c| c.stem.as_str()).collect();
        // `the` is in 3 of 4 texts (75%): kept at max_share 0.75; `u.s` and `2024` are not words.
        assert_eq!(stems, ["steel", "tariff", "the"]);
        let tariff = &v.candidates[1];
        assert_eq!(tariff.documents, 2);
        assert_eq!(tariff.form, "tariffs", "the most frequent form");
        assert_eq!(tariff.forms, ["tariff", "tariffs"]);
        assert_eq!(tariff.term(), "~tariffs");
        assert_eq!(v.present, vec![vec![1, 2], vec![0, 1], vec![0, 2], vec![2]]);
        assert!(tariff.overlaps(&Element::Exact("tariff".into())));
        assert!(tariff.overlaps(&Element::Prefix("tarif".into())));
        assert!(tariff.overlaps(&Element::Stem("tariff".into())));
        assert!(!tariff.overlaps(&Element::Exact("tariffed".into())));
        let fewer = vocabulary(
            texts,
            &english(),
            &HashSet::new(),
            &[],
            VocabularyRules {
                max_share: 0.5,
                ..rules
            },
        );
        assert!(fewer.candidates.iter().all(|c| c.stem != "the"));
    }

    #[test]
    fn phrases_are_adjacent_words_of_one_sentence_without_function_words() {
        let texts = [
            "The Supreme Court ruled. Court rulings, supreme courts.",
            "A supreme court; the court said that climate refugees fled.",
            "Climate refugee camps and the Supreme Court.\n\nSupreme\n\nCourt",
        ];
        let rules = VocabularyRules {
            min_documents: 2,
            max_share: 1.0,
            min_letters: 3,
            phrases: true,
        };
        let v = vocabulary(
            texts,
            &english(),
            &HashSet::new(),
            &["said", "that", "the"],
            rules,
        );
        let phrases: Vec<(&str, &str, usize)> = v
            .candidates
            .iter()
            .filter(|c| c.is_phrase())
            .map(|c| (c.stem.as_str(), c.form.as_str(), c.documents))
            .collect();
        // `supreme court` is in all three texts (not across `ruled.`, `rulings,` or the blank
        // lines); `climate refugee` in two; `court rule` only in the first (the second has
        // `court said`, and `said` is a function word); `the supreme` and `said that` never.
        // With `max_share` 1, `said`, `that` and `the` would be word candidates but for the
        // function words.
        assert_eq!(
            phrases,
            [
                ("climat refuge", "climate refugee", 2),
                ("suprem court", "supreme court", 3)
            ]
        );
        let phrase = v
            .candidates
            .iter()
            .find(|c| c.stem == "suprem court")
            .unwrap();
        assert_eq!(phrase.term(), "~supreme ~court");
        assert_eq!(phrase.forms, ["supreme court", "supreme courts"]);
        let stemmer = english();
        let elements = |t: &str| crate::lexicon::compile_term(t, &stemmer).unwrap().elements;
        // Function words are no candidates, alone or in a phrase.
        assert!(v.candidates.iter().all(|c| c
            .stem
            .split(' ')
            .all(|w| !["said", "that", "the"].contains(&w))));
        assert!(phrase.duplicates(&elements("supreme court")));
        assert!(phrase.duplicates(&elements("~supreme ~court")));
        assert!(!phrase.duplicates(&elements("~court")));
        assert!(!phrase.duplicates(&elements("supreme court of")));
        assert!(!phrase.overlaps(&Element::Stem("court".into())));
        // Every text that holds a phrase holds its words.
        let court = v.candidates.iter().position(|c| c.stem == "court").unwrap() as u32;
        let at = v
            .candidates
            .iter()
            .position(|c| c.stem == "suprem court")
            .unwrap() as u32;
        assert!(v
            .present
            .iter()
            .all(|p| !p.contains(&at) || p.contains(&court)));
        let none = vocabulary(
            texts,
            &english(),
            &HashSet::new(),
            &[],
            VocabularyRules {
                phrases: false,
                ..rules
            },
        );
        assert!(none.candidates.iter().all(|c| !c.is_phrase()));
    }

    #[test]
    fn keyness_is_signed_by_which_side_holds_the_word_more() {
        let v = Vocabulary {
            candidates: Vec::new(),
            present: vec![vec![0], vec![0], vec![0, 1], vec![1], vec![1], vec![]],
        };
        let labels = [true, true, true, false, false, false];
        let k = keyness(&v, &[0, 1], &[0, 1, 2, 3, 4, 5], &labels);
        assert!(k[0] > 0.0 && k[1] < 0.0, "{k:?}");
        assert!(k[0] > -k[1], "all coded texts hold word 0: {k:?}");
        // Only the rows given count.
        let k = keyness(&v, &[0], &[3, 4, 5], &[false, false, true]);
        assert_eq!(k, vec![0.0]);
    }
}
