//! Supervised refinement of a dictionary on human-coded articles (`framescope learn`): for each
//! code, a regularised logistic model whose features are the matches of lexicon terms (a
//! category's own terms, and words drawn from the coded texts), cross-validated, and written as a
//! lexicon scored `logistic`, whose weights are the fitted coefficients. Pure: the caller reads
//! the articles and the codes and writes the lexicon.
//!
//! [`candidates`] draws words from the texts, [`design`] measures every term in every article,
//! [`logistic`] fits, [`train`] is the procedure for one code, [`cv`] measures how well it
//! carries to articles it never saw, [`write`] writes the lexicon and [`verify`] checks that the
//! written file scores as the fit does.

pub mod candidates;
pub mod cv;
pub mod design;
pub mod logistic;
pub mod train;
pub mod verify;
pub mod write;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::corpus::Article;
use crate::engine::compile::CompileError;
use crate::lexicon::{
    compile_term, stemmer_for, Category, Element, Loaded, Modifiers, Rules, Term,
};
use crate::validate::stats::auc_estimate;
use crate::Scorer;
use candidates::{vocabulary, Vocabulary, VocabularyRules};
use cv::Figures;
use design::{chosen_lexicon, feature_lexicon, features, first_terms, Layout, Start};
use logistic::Matrix;
use train::{train, Problem, Settings};

/// The largest weight a term of a lexicon may have; larger fitted weights are cut to it.
pub use crate::lexicon::MAX_WEIGHT;

/// One code to learn: a gold column, the category it becomes, and the category it starts from.
#[derive(Debug, Clone)]
pub struct Code<'a> {
    /// The gold column, as the user named it.
    pub gold_column: String,
    /// The name of the learned category.
    pub name: String,
    /// The category the learned one starts from: `LEXICON.CATEGORY` and the category itself.
    pub start: Option<(String, &'a Category)>,
}

/// How to learn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    pub settings: Settings,
    /// Which words of the texts may become learned terms (none when `settings.candidates` is 0).
    pub vocabulary: VocabularyRules,
}

/// A term of a learned category.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedTerm {
    pub text: String,
    pub weight: f64,
    pub elements: Vec<Element>,
    /// A word drawn from the coded texts, with the number of texts it is in; `None` for a term
    /// of the starting category.
    pub learned_from: Option<usize>,
}

/// One learned category.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedCode {
    pub gold_column: String,
    pub name: String,
    /// `LEXICON.CATEGORY` of the starting category.
    pub start: Option<String>,
    pub negatable: bool,
    pub intercept: f64,
    /// The starting category's terms first, in its order, then the learned words, heaviest
    /// first; terms whose weight is 0 are left out.
    pub terms: Vec<LearnedTerm>,
    pub stop_phrases: Vec<Term>,
    /// The ROC AUC with which the starting category's own rate ranks the same articles (no
    /// fit, so nothing to cross-validate): what learning has to beat. `None` without a start.
    pub start_auc: Option<f64>,
    /// The penalty of the final fit.
    pub l2: f64,
    /// About how many parameters the final fit drew from the data.
    pub effective_parameters: f64,
    pub figures: Figures,
    /// The probability the fit gives each article of the training set (`None` where it was not
    /// coded for this code or has no token), to check the written lexicon against.
    pub fitted: Vec<Option<f64>>,
    /// What the user should know about this fit.
    pub warnings: Vec<String>,
}

/// Everything learned.
#[derive(Debug, Clone, PartialEq)]
pub struct Learned {
    pub language: String,
    pub modifiers: Modifiers,
    pub codes: Vec<LearnedCode>,
    /// Candidate words drawn from the texts (before any fold chose among them), phrases
    /// included.
    pub candidates: usize,
    /// Of which phrases of two words.
    pub candidate_phrases: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum LearnError {
    #[error("the starting categories are in different languages ({0}); learn them one language at a time")]
    Languages(String),
    #[error("no stemmer for language `{0}`")]
    NoStemmer(String),
    #[error("code `{column}`: {problem}")]
    Code { column: String, problem: String },
    #[error("the lexicon of features cannot be compiled: {0}")]
    Compile(#[from] CompileError),
}

/// An article's tokens, and its features in each code's category: (term, rate) pairs.
type ScoredArticle = (u32, Vec<Vec<(u32, f64)>>);

/// Fewer coded (or uncoded) articles than this make a fit and its figures unreliable.
const FEW: usize = 20;

/// Learns each code from `articles`, whose codes are `labels[article][code]` (`None`: not coded),
/// with the language rules `rules` (those of the starting categories' language) and the
/// modifiers of their lexicons.
pub fn learn(
    articles: &[Article],
    labels: &[Vec<Option<bool>>],
    codes: &[Code],
    language: &str,
    rules: &BTreeMap<String, Rules>,
    modifiers: Modifiers,
    options: &Options,
) -> Result<Learned, LearnError> {
    let stemmer = stemmer_for(language).ok_or_else(|| LearnError::NoStemmer(language.into()))?;
    for (k, code) in codes.iter().enumerate() {
        let positives = labels.iter().filter(|l| l[k] == Some(true)).count();
        let negatives = labels.iter().filter(|l| l[k] == Some(false)).count();
        if positives < 2 || negatives < 2 {
            return Err(LearnError::Code {
                column: code.gold_column.clone(),
                problem: format!(
                    "{positives} article(s) coded 1 and {negatives} coded 0; learning needs at \
                     least 2 of each (and many more to be worth it)"
                ),
            });
        }
    }
    let use_candidates = options.settings.candidates > 0;
    let vocabulary = if use_candidates {
        let abbreviations = rules
            .get(language)
            .map(|r| r.abbreviations.clone())
            .unwrap_or_default();
        vocabulary(
            articles.iter().map(|a| a.text.as_str()),
            &stemmer,
            &abbreviations,
            function_words(language),
            options.vocabulary,
        )
    } else {
        Vocabulary {
            candidates: Vec::new(),
            present: vec![Vec::new(); articles.len()],
        }
    };
    let candidate_terms: Vec<Term> = vocabulary
        .candidates
        .iter()
        .map(|c| {
            let text = c.term();
            let elements = compile_term(&text, &stemmer)
                .map(|t| t.elements)
                .unwrap_or_else(|_| {
                    c.stem
                        .split(' ')
                        .map(|s| Element::Stem(s.to_string()))
                        .collect()
                });
            Term {
                text,
                weight: 1.0,
                elements,
                line: 0,
            }
        })
        .collect();
    let descriptions: Vec<String> = codes.iter().map(|c| c.name.clone()).collect();
    let starts: Vec<Start> = codes
        .iter()
        .zip(&descriptions)
        .map(|(c, d)| Start {
            name: &c.name,
            description: d,
            prior: c.start.as_ref().map(|(_, category)| *category),
        })
        .collect();
    let (lexicon, layouts) = feature_lexicon(
        &starts,
        &vocabulary,
        use_candidates.then_some(candidate_terms.as_slice()),
        language,
        modifiers.clone(),
    );
    let loaded = Loaded {
        lexicons: vec![lexicon.clone()],
        rules: rules.clone(),
        warnings: Vec::new(),
    };
    let scorer = Scorer::new(&loaded)?;
    let first = first_terms(scorer.lexicons());
    let scored: Vec<ScoredArticle> = articles
        .par_iter()
        .map(|a| {
            let scores = scorer.score_in(&a.text, &a.language);
            let rows = (0..codes.len())
                .map(|k| features(&scores, k as u32, first[k]))
                .collect();
            (scores.tokens, rows)
        })
        .collect();

    let learned: Vec<LearnedCode> = codes
        .par_iter()
        .enumerate()
        .map(|(k, code)| {
            let measure = Measure {
                features: &lexicon,
                category: k,
                layout: &layouts[k],
                candidate_terms: &candidate_terms,
                articles,
                rules,
            };
            learn_code(
                k,
                code,
                &lexicon.categories[k],
                &measure,
                &scored,
                labels,
                &vocabulary,
                options,
            )
        })
        .collect();
    Ok(Learned {
        language: language.to_string(),
        modifiers,
        codes: learned,
        candidates: vocabulary.candidates.len(),
        candidate_phrases: vocabulary
            .candidates
            .iter()
            .filter(|c| c.is_phrase())
            .count(),
    })
}

/// How to measure one code's features again with only some of its candidates.
struct Measure<'a> {
    /// The lexicon of features, and the code's category in it.
    features: &'a crate::lexicon::Lexicon,
    category: usize,
    layout: &'a Layout,
    candidate_terms: &'a [Term],
    articles: &'a [Article],
    rules: &'a BTreeMap<String, Rules>,
}

impl Measure<'_> {
    /// The rows of `texts` (articles) for the lexicon of the starting terms and the candidate
    /// columns `columns` (of a problem whose candidates begin at column `first_candidate`),
    /// laid out as the problem's columns.
    fn rows(&self, texts: &[usize], first_candidate: usize, columns: &[usize]) -> Matrix {
        let layout = self.layout;
        let slots: Vec<usize> = columns.iter().map(|&j| j - first_candidate).collect();
        let lexicon = chosen_lexicon(
            self.features,
            self.category,
            layout,
            self.candidate_terms,
            &slots,
        );
        let loaded = Loaded {
            lexicons: vec![lexicon],
            rules: self.rules.clone(),
            warnings: Vec::new(),
        };
        // A part of a lexicon that compiled compiles.
        let scorer = Scorer::new(&loaded).expect("the chosen terms compile");
        let first = first_terms(scorer.lexicons())[0];
        let has_start = first_candidate > layout.prior;
        let rows: Vec<Vec<(u32, f64)>> = texts
            .iter()
            .map(|&i| {
                let a = &self.articles[i];
                let scores = scorer.score_in(&a.text, &a.language);
                // Back to the terms' places among all the candidates.
                let row: Vec<(u32, f64)> = features(&scores, 0, first)
                    .into_iter()
                    .map(|(t, x)| {
                        let t = t as usize;
                        let place = if t < layout.prior {
                            t
                        } else {
                            layout.prior + slots[t - layout.prior]
                        };
                        (place as u32, x)
                    })
                    .collect();
                design_row(&row, layout.prior, has_start)
            })
            .collect();
        Matrix::from_rows(&rows, first_candidate + layout.candidates.len())
    }
}

/// A problem's row from an article's features (term, rate) in its category: the rate of the
/// starting category's `prior` terms together first when there is a start, then the terms.
fn design_row(row: &[(u32, f64)], prior: usize, has_start: bool) -> Vec<(u32, f64)> {
    let offset = has_start as u32;
    let mut out: Vec<(u32, f64)> = Vec::with_capacity(row.len() + 1);
    if has_start {
        let rate: f64 = row
            .iter()
            .filter(|(t, _)| (*t as usize) < prior)
            .map(|(_, x)| x)
            .sum();
        out.push((0, rate));
    }
    out.extend(row.iter().map(|&(t, x)| (t + offset, x)));
    out
}

/// For each candidate phrase of `layout` (the candidates after its words), the problem's columns
/// of the one-word terms its two words would count as without it: the candidate word of the same
/// stem, or else the first one-token term of the starting category that matches the word (its
/// column counted from `offset`); none where no term would count it.
fn phrase_words(
    category: &Category,
    layout: &Layout,
    vocabulary: &Vocabulary,
    offset: usize,
) -> Vec<Vec<usize>> {
    let first_candidate = offset + layout.prior;
    let words: HashMap<&str, usize> = layout.candidates[..layout.words]
        .iter()
        .enumerate()
        .map(|(slot, &c)| {
            (
                vocabulary.candidates[c as usize].stem.as_str(),
                first_candidate + slot,
            )
        })
        .collect();
    layout.candidates[layout.words..]
        .iter()
        .map(|&c| {
            let phrase = &vocabulary.candidates[c as usize];
            phrase
                .stem
                .split(' ')
                .enumerate()
                .filter_map(|(position, stem)| {
                    words.get(stem).copied().or_else(|| {
                        category.terms[..layout.prior]
                            .iter()
                            .position(|t| {
                                t.elements.len() == 1
                                    && phrase.word_overlaps(position, &t.elements[0])
                            })
                            .map(|t| offset + t)
                    })
                })
                .collect()
        })
        .collect()
}

/// Words that name no frame and are never learned, alone or in a phrase: English function words
/// and reporting verbs for English; none for other languages, for which the keyness threshold
/// alone keeps them out when they are as common in coded as in uncoded articles.
fn function_words(language: &str) -> &'static [&'static str] {
    if language == "en" {
        crate::compare::stories::STOP_WORDS
    } else {
        &[]
    }
}

/// Learns code `k`, whose category of features is `category`, measured by `measure`.
#[allow(clippy::too_many_arguments)]
fn learn_code(
    k: usize,
    code: &Code,
    category: &Category,
    measure: &Measure,
    scored: &[ScoredArticle],
    labels: &[Vec<Option<bool>>],
    vocabulary: &Vocabulary,
    options: &Options,
) -> LearnedCode {
    let layout = measure.layout;
    let candidate_terms = measure.candidate_terms;
    let has_start = code.start.is_some();
    let offset = has_start as u32;
    // The coded articles with tokens; the others cannot be learned from.
    let texts: Vec<usize> = (0..scored.len())
        .filter(|&i| labels[i][k].is_some() && scored[i].0 > 0)
        .collect();
    let rows: Vec<Vec<(u32, f64)>> = texts
        .iter()
        .map(|&i| design_row(&scored[i].1[k], layout.prior, has_start))
        .collect();
    let columns = offset as usize + layout.terms();
    let x = Matrix::from_rows(&rows, columns);
    let y: Vec<bool> = texts.iter().map(|&i| labels[i][k] == Some(true)).collect();
    let first_candidate = offset as usize + layout.prior;
    let remeasure = |columns: &[usize]| measure.rows(&texts, first_candidate, columns);
    let phrase_words = phrase_words(category, layout, vocabulary, offset as usize);
    let problem = Problem {
        x: &x,
        y: &y,
        has_start,
        prior_terms: layout.prior,
        candidates: &layout.candidates,
        vocabulary,
        texts: &texts,
        first_phrase: first_candidate + layout.words,
        remeasure: &remeasure,
        phrase_words: &phrase_words,
    };
    let stream = crate::compare::rng::key_of(&[&code.name]);
    let figures = cv::cross_validate(&problem, &options.settings, stream);
    let start_auc = has_start
        .then(|| {
            let rates: Vec<f64> = rows
                .iter()
                .map(|row| {
                    row.first()
                        .filter(|(j, _)| *j == 0)
                        .map_or(0.0, |&(_, x)| x)
                })
                .collect();
            auc_estimate(&rates, &y).map(|a| a.value)
        })
        .flatten();
    let all: Vec<usize> = (0..y.len()).collect();
    let trained = train(&problem, &all, &options.settings, stream);

    let mut warnings = Vec::new();
    let skipped = labels.iter().filter(|l| l[k].is_some()).count() - texts.len();
    if skipped > 0 {
        warnings.push(format!(
            "{skipped} coded article(s) without a word were left out"
        ));
    }
    let positives = figures.positives;
    let negatives = figures.articles - positives;
    let rarer = positives.min(negatives);
    if rarer < FEW {
        warnings.push(format!(
            "only {rarer} article(s) {}: too few for a stable fit, and the intervals show it; \
             code more articles",
            if positives <= negatives {
                "coded 1"
            } else {
                "coded 0"
            }
        ));
    }
    if rarer >= FEW && trained.effective_parameters > rarer as f64 {
        warnings.push(format!(
            "the fit draws about {:.0} parameters from the data, more than the {rarer} article(s) \
             {}: too few articles for the number of terms it weighs; the cross-validated figures \
             say how much carries (a stronger penalty, fewer candidate words or more coded \
             articles help)",
            trained.effective_parameters,
            if positives <= negatives {
                "coded 1"
            } else {
                "coded 0"
            }
        ));
    }
    if let (Some(start), Some(cv)) = (start_auc, figures.auc) {
        if rarer >= FEW && cv.value < start {
            warnings.push(format!(
                "in cross-validation the learned category ranked these articles less well (AUC \
                 {:.3}) than the starting category's own rate (AUC {start:.3}): learning may not \
                 pay for this code with this many coded articles; validate both on articles not \
                 used here",
                cv.value
            ));
        }
    }
    if !figures.converged || !trained.converged {
        warnings.push("a fit stopped before it converged; its weights are approximate".into());
    }

    let mut terms = Vec::new();
    let mut clipped = 0;
    let mut weight_of = |w: f64| {
        if w.abs() > MAX_WEIGHT {
            clipped += 1;
        }
        w.clamp(-MAX_WEIGHT, MAX_WEIGHT)
    };
    let raw = &trained.weights;
    for (t, term) in category.terms[..layout.prior].iter().enumerate() {
        let w = weight_of(raw[offset as usize + t]);
        if written(w) {
            terms.push(LearnedTerm {
                text: term.text.clone(),
                weight: w,
                elements: term.elements.clone(),
                learned_from: None,
            });
        }
    }
    let mut learned: Vec<LearnedTerm> = Vec::new();
    for (u, &c) in layout.candidates.iter().enumerate() {
        let w = weight_of(raw[offset as usize + layout.prior + u]);
        if written(w) {
            let term = &candidate_terms[c as usize];
            learned.push(LearnedTerm {
                text: term.text.clone(),
                weight: w,
                elements: term.elements.clone(),
                learned_from: Some(vocabulary.candidates[c as usize].documents),
            });
        }
    }
    learned.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.text.cmp(&b.text)));
    let learned_count = learned.len();
    terms.extend(learned);
    if clipped > 0 {
        warnings.push(format!(
            "{clipped} weight(s) beyond ±{MAX_WEIGHT} were cut to it: a word in very few articles \
             took a large weight; a stronger penalty avoids it"
        ));
    }
    let _ = learned_count;

    // What the written weights give each article of the training set, measured with the
    // phrases the final fit weighs.
    let mut fitted = vec![None; labels.len()];
    let written_weights: Vec<f64> = raw
        .iter()
        .enumerate()
        .map(|(j, &w)| {
            if j < offset as usize {
                0.0
            } else {
                weight_of_written(w)
            }
        })
        .collect();
    let final_x = trained.features.as_ref().unwrap_or(&x);
    for (&i, eta) in texts
        .iter()
        .zip(final_x.predictor(trained.intercept, &written_weights))
    {
        fitted[i] = Some(crate::engine::score::logistic(eta));
    }
    LearnedCode {
        gold_column: code.gold_column.clone(),
        name: code.name.clone(),
        start: code.start.as_ref().map(|(name, _)| name.clone()),
        start_auc,
        negatable: category.negatable,
        intercept: trained.intercept,
        terms,
        stop_phrases: category.stop_phrases.clone(),
        l2: trained.l2,
        effective_parameters: trained.effective_parameters,
        figures,
        fitted,
        warnings,
    }
}

/// Decimals of the weights written: finer than any difference a weight makes to a probability.
pub const WEIGHT_DECIMALS: usize = 6;

/// Whether a weight is written: one that rounds to 0 at [`WEIGHT_DECIMALS`] is not (a lexicon
/// weight is never 0).
fn written(w: f64) -> bool {
    w.abs() >= 0.5 * 10f64.powi(-(WEIGHT_DECIMALS as i32))
}

/// The weight as written: cut to ±[`MAX_WEIGHT`], 0 where it is not written.
fn weight_of_written(w: f64) -> f64 {
    let w = w.clamp(-MAX_WEIGHT, MAX_WEIGHT);
    if written(w) {
        w
    } else {
        0.0
    }
}

/// The SHA-256 of a training set: its articles by id, each with its text and its codes (`1`,
/// `0`, or empty where not coded), whatever the files and their order were.
pub fn training_sha256(articles: &[Article], labels: &[Vec<Option<bool>>]) -> String {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| articles[a].id.cmp(&articles[b].id));
    let mut canonical = String::new();
    for i in order {
        canonical.push_str(&articles[i].id);
        canonical.push('\0');
        canonical.push_str(&articles[i].text);
        canonical.push('\0');
        for code in &labels[i] {
            canonical.push(match code {
                Some(true) => '1',
                Some(false) => '0',
                None => '-',
            });
        }
        canonical.push('\n');
    }
    crate::lexicon::sha256_hex(&canonical)
}
