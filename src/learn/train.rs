//! The training procedure of one code, the whole of what cross-validation repeats in each fold:
//! choose the candidate words by keyness (those coded and uncoded articles use at rates that
//! differ beyond chance, at most `candidates` of them), scale the features, choose the penalty by an inner
//! cross-validation, fit, keep the strongest learned words and fit again.
//!
//! The model starts from the dictionary. Its first feature is the rate of the starting
//! category's terms all together (the category's `per_1k`), with a coefficient held at 0 or above
//! and barely penalised: on its own it ranks articles exactly as the category does. Each of the
//! category's terms then gets a deviation from that shared weight, and each candidate word a
//! weight, both pulled towards 0 by the ridge penalty: a term's weight moves away from the
//! category's only as far as the coded articles push it. A learned term weighs
//! `shared + deviation` (a term of the category) or its own weight (a candidate). All features
//! are rates per 1,000 tokens, so every weight is a weight per hit, as in any lexicon.

use super::candidates::{keyness, Vocabulary};
use super::logistic::{fit, Matrix, Model, Penalty};
use crate::compare::rng::SplitMix64;
use crate::validate::stats::auc_estimate;

/// The penalty of the ridge: chosen by cross-validation, or given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum L2 {
    Auto,
    Fixed(f64),
}

/// The penalty used unless another is asked for. Measured on the halves of a development set of
/// about 110 coded news articles each (see docs/validation.md): from 30 to 10,000, 1000 ranked
/// held-out articles best over both directions; the penalty chosen by an inner
/// cross-validation for each code did worse.
pub const DEFAULT_L2: f64 = 1000.0;

/// Learned words kept per category unless asked otherwise: a list one can read, which ranked
/// held-out articles within 0.005 of keeping every word on the development halves.
pub const DEFAULT_KEEP: usize = 300;

/// The keyness (G²) a candidate word needs in a fit's articles to enter the fit unless asked
/// otherwise: 3.84, the 95th percentile of χ² with one degree of freedom, so that a word enters
/// when the coded and the uncoded articles hold it in shares that differ at the 5% level. Words
/// that do not differ cannot earn a weight that carries to other articles, and each one left in
/// adds noise to the fit. Measured on both development sets, both directions (see
/// docs/validation.md): as good as or better than every word, with half the learned words.
pub const DEFAULT_MIN_KEYNESS: f64 = 3.84;

/// Repetitions of the cross-validation unless asked otherwise.
pub const DEFAULT_REPEATS: usize = 3;

/// The penalties `Auto` chooses from: from a light pull to one that holds nearly every weight at
/// the dictionary's.
pub const L2_GRID: [f64; 8] = [3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0];

/// The penalty of the shared weight of the starting category's terms: barely any, since it is
/// one coefficient and the dictionary's own measure.
const SHARED_L2: f64 = 1.0;

/// How the procedure is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub l2: L2,
    /// Folds of every cross-validation, inner and outer.
    pub folds: usize,
    pub seed: u64,
    /// At most this many candidate words enter a fit: those with the largest keyness.
    pub candidates: usize,
    /// Only candidate words of at least this keyness (G², either sign) enter a fit.
    pub min_keyness: f64,
    /// At most this many candidate words are kept after the fit: those with the largest
    /// weights; the model is then fitted again without the others.
    pub keep: usize,
    /// Repetitions of the outer cross-validation, each with new folds.
    pub repeats: usize,
}

/// What one code is learned from.
#[derive(Clone, Copy)]
pub struct Problem<'a> {
    /// One row per coded article. Column 0 is the rate of the starting category when there is
    /// one; then its terms (`prior_terms` of them); then the candidates.
    pub x: &'a Matrix,
    pub y: &'a [bool],
    pub has_start: bool,
    pub prior_terms: usize,
    /// The vocabulary index of each candidate column.
    pub candidates: &'a [u32],
    pub vocabulary: &'a Vocabulary,
    /// The vocabulary's text of each row.
    pub texts: &'a [usize],
    /// The column of the first phrase: the candidates are words, then phrases. In `x` the
    /// phrases' columns are empty and the other terms are measured without them.
    pub first_phrase: usize,
    /// The matrix of every row measured again with a lexicon of the starting terms and only
    /// the candidate columns given. A phrase's match takes its words (and the tokens of any term
    /// that would begin inside it) from the category's other terms, so a fit with phrases needs
    /// the features that lexicon counts, not those of `x`.
    pub remeasure: &'a (dyn Fn(&[usize]) -> Matrix + Sync),
    /// For each phrase (column `first_phrase` on), the columns of the one-word terms its words
    /// would count as without it: its weight is theirs plus a deviation, as a term of the
    /// starting category has the category's shared weight plus its own.
    pub phrase_words: &'a [Vec<usize>],
}

impl Problem<'_> {
    /// The column of the first candidate.
    fn first_candidate(&self) -> usize {
        self.has_start as usize + self.prior_terms
    }
}

/// A trained model on the raw features.
#[derive(Debug, Clone, PartialEq)]
pub struct Trained {
    pub intercept: f64,
    /// One per column of the problem: the shared weight of the starting category folded into its
    /// terms (column 0 weighs 0), a dropped candidate 0.
    pub weights: Vec<f64>,
    /// The penalty used.
    pub l2: f64,
    /// Whether every fit converged.
    pub converged: bool,
    /// About how many parameters the data determined: Σ_j h_j / (h_j + λ_j) over the
    /// coefficients, h_j the curvature of the likelihood along coordinate j at the fit, plus
    /// the intercept. A penalised weight counts for less than one (Hastie & Tibshirani 1990,
    /// Generalized Additive Models, on effective degrees of freedom; here without the
    /// correlations between features, so somewhat above the exact trace).
    pub effective_parameters: f64,
    /// Every row of the problem measured with the phrases this model weighs, when it weighs
    /// any: its weights apply to these features, not to the problem's `x`.
    pub features: Option<Matrix>,
}

impl Trained {
    /// The probability of each of `rows` of `x` (the problem's matrix), measured as this model
    /// measures them.
    pub fn probabilities(&self, x: &Matrix, rows: &[usize]) -> Vec<f64> {
        self.features
            .as_ref()
            .unwrap_or(x)
            .select_rows(rows)
            .predictor(self.intercept, &self.weights)
            .into_iter()
            .map(crate::engine::score::logistic)
            .collect()
    }
}

/// Folds for `labels`, stratified: the positives and the negatives are each shuffled with the
/// generator and dealt round the folds in turn (the negatives carrying on from where the
/// positives stopped), so that every fold has nearly the same number of each.
pub fn stratified_folds(labels: &[bool], folds: usize, rng: &mut SplitMix64) -> Vec<usize> {
    let folds = folds.max(1);
    let mut fold = vec![0usize; labels.len()];
    let mut next = 0usize;
    for class in [true, false] {
        let mut members: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == class).collect();
        // Fisher–Yates.
        for i in (1..members.len()).rev() {
            let j = rng.below(i + 1);
            members.swap(i, j);
        }
        for m in members {
            fold[m] = next % folds;
            next += 1;
        }
    }
    fold
}

/// Trains on `rows` of the problem; `stream` keys the inner folds (a different one per outer
/// fold, so that the procedure is the same function of its data in every fold).
pub fn train(problem: &Problem, rows: &[usize], settings: &Settings, stream: u64) -> Trained {
    let y: Vec<bool> = rows.iter().map(|&r| problem.y[r]).collect();
    let first_candidate = problem.first_candidate();
    let total = problem.x.columns();

    // The candidates keyed to the code in these rows and, when there are too many, those with
    // the largest keyness (ties: the first).
    let candidate_columns: Vec<usize> = (first_candidate..total).collect();
    let chosen: Vec<usize> =
        if candidate_columns.len() > settings.candidates || settings.min_keyness > 0.0 {
            let texts: Vec<usize> = rows.iter().map(|&r| problem.texts[r]).collect();
            let g2 = keyness(problem.vocabulary, problem.candidates, &texts, &y);
            // A phrase enters only when it is more keyed than each of its candidate words: one
            // that is not says nothing its words do not, and would only split their hits.
            let says_more = |k: usize| {
                let j = candidate_columns[k];
                j < problem.first_phrase
                    || problem.phrase_words[j - problem.first_phrase]
                        .iter()
                        .filter(|&&w| w >= first_candidate)
                        .all(|&w| g2[k].abs() > g2[w - first_candidate].abs())
            };
            let mut order: Vec<usize> = (0..candidate_columns.len())
                .filter(|&k| g2[k].abs() >= settings.min_keyness && says_more(k))
                .collect();
            order.sort_by(|&a, &b| g2[b].abs().total_cmp(&g2[a].abs()).then(a.cmp(&b)));
            order.truncate(settings.candidates);
            order.sort_unstable();
            order.into_iter().map(|k| candidate_columns[k]).collect()
        } else {
            candidate_columns
        };
    let phrases = |columns: &[usize]| columns.iter().any(|&j| j >= problem.first_phrase);
    let mut measured: Option<Matrix> = phrases(&chosen).then(|| (problem.remeasure)(&chosen));
    // A phrase's weight is the sum of its words' weights plus a deviation that the penalty pulls
    // towards 0: a phrase the coded articles say nothing about counts as its words would, rather
    // than taking their hits and counting nothing. With w_a + w_b + δ as the phrase's weight,
    // its rate joins the columns of its words (and the shared one for a word of the starting
    // category), and its own column carries δ alone.
    let mut additions: Vec<(usize, usize)> = Vec::new();
    for (p, words) in problem.phrase_words.iter().enumerate() {
        let phrase = problem.first_phrase + p;
        for &word in words {
            additions.push((phrase, word));
            if problem.has_start && (1..first_candidate).contains(&word) {
                additions.push((phrase, 0));
            }
        }
    }
    let design = |measured: &Option<Matrix>| match measured {
        Some(m) => m.select_rows(rows).with_columns_added(&additions),
        None => problem.x.select_rows(rows),
    };
    let mut sub = design(&measured);
    // Columns that have a value in these rows; the others cannot be learned here.
    // Features keep their scale, rates per 1,000 tokens: the penalty then weighs each term's
    // weight per hit alike, so that a word seen in a handful of articles cannot earn a large
    // weight per hit (scaling each feature to the same spread would give rare words the largest
    // weights). Measured against scaled features on the development halves, the two rank
    // held-out articles about equally well.
    let present: Vec<bool> = (0..total).map(|j| !sub.column(j).is_empty()).collect();
    let mut active: Vec<usize> = (0..first_candidate).collect();
    active.extend(chosen);
    active.retain(|&j| present[j]);

    let shared = problem.has_start && active.first() == Some(&0);
    let penalty_for = |l2: f64, columns: usize| {
        let mut p = Penalty::ridge(columns, l2);
        if shared {
            p.l2[0] = SHARED_L2;
            p.lower[0] = 0.0;
        }
        p
    };
    let x = sub.select_columns(&active);

    let mut converged = true;
    let at = |l2: f64| penalty_for(l2, active.len());
    let l2 = match settings.l2 {
        L2::Fixed(l2) => l2,
        L2::Auto => choose_l2(&x, &y, settings, stream, &at, &mut converged),
    };
    let mut model = fit_from_strongest(&x, &y, &at, l2);
    converged &= model.converged;

    // Keep the strongest candidates (largest weight; ties: the first) and fit again.
    let candidate_slots: Vec<usize> = (0..active.len())
        .filter(|&k| active[k] >= first_candidate)
        .collect();
    let mut kept = active.clone();
    if candidate_slots.len() > settings.keep {
        let mut order = candidate_slots.clone();
        order.sort_by(|&a, &b| {
            model.beta[b]
                .abs()
                .total_cmp(&model.beta[a].abs())
                .then(a.cmp(&b))
        });
        let dropped: std::collections::HashSet<usize> =
            order[settings.keep..].iter().copied().collect();
        let slots: Vec<usize> = (0..active.len()).filter(|k| !dropped.contains(k)).collect();
        kept = slots.iter().map(|&k| active[k]).collect();
        if dropped.iter().any(|&k| active[k] >= problem.first_phrase) {
            // A phrase left out no longer takes its words: measure again without it.
            let candidates: Vec<usize> = kept
                .iter()
                .copied()
                .filter(|&j| j >= first_candidate)
                .collect();
            measured = phrases(&candidates).then(|| (problem.remeasure)(&candidates));
            sub = design(&measured);
        }
        let start = Model {
            intercept: model.intercept,
            beta: slots.iter().map(|&k| model.beta[k]).collect(),
            sweeps: 0,
            converged: false,
        };
        let x = sub.select_columns(&kept);
        model = fit(&x, &y, &penalty_for(l2, kept.len()), Some(&start));
        converged &= model.converged;
    }
    let effective_parameters = {
        let x = sub.select_columns(&kept);
        let penalty = penalty_for(l2, kept.len());
        let p = model.probabilities(&x);
        1.0 + (0..kept.len())
            .map(|k| {
                let h: f64 = x
                    .column(k)
                    .iter()
                    .map(|&(i, v)| p[i as usize] * (1.0 - p[i as usize]) * v * v)
                    .sum();
                h / (h + penalty.l2[k])
            })
            .sum::<f64>()
    };

    // Back to the raw features; the shared weight goes to every term of the category.
    let mut weights = vec![0.0; total];
    for (k, &j) in kept.iter().enumerate() {
        weights[j] = model.beta[k];
    }
    if problem.has_start {
        let shared = weights[0];
        weights[0] = 0.0;
        for w in &mut weights[1..first_candidate] {
            *w += shared;
        }
    }
    if measured.is_some() {
        for (p, words) in problem.phrase_words.iter().enumerate() {
            let phrase = problem.first_phrase + p;
            if weights[phrase] != 0.0 {
                weights[phrase] += words.iter().map(|&w| weights[w]).sum::<f64>();
            }
        }
    }
    Trained {
        intercept: model.intercept,
        weights,
        l2,
        converged,
        effective_parameters,
        features: measured,
    }
}

/// Fits at `l2`, coming down the grid from its strongest penalty (each fit starting from the
/// last): fewer sweeps than a fit from nothing, and the same minimum.
fn fit_from_strongest(
    x: &Matrix,
    y: &[bool],
    penalty_at: &dyn Fn(f64) -> Penalty,
    l2: f64,
) -> Model {
    let mut model: Option<Model> = None;
    for &step in L2_GRID.iter().rev().filter(|&&g| g > l2) {
        model = Some(fit(x, y, &penalty_at(step), model.as_ref()));
    }
    fit(x, y, &penalty_at(l2), model.as_ref())
}

/// The penalty of the grid whose fits ranked held-out rows best (highest ROC AUC) in an inner
/// cross-validation of these rows; on a tie, the stronger one.
fn choose_l2(
    x: &Matrix,
    y: &[bool],
    settings: &Settings,
    stream: u64,
    penalty_at: &dyn Fn(f64) -> Penalty,
    converged: &mut bool,
) -> f64 {
    let folds = settings.folds.min(y.len()).max(2);
    let mut rng = SplitMix64::stream(settings.seed, stream, 1);
    let fold = stratified_folds(y, folds, &mut rng);
    let mut held_out: Vec<Vec<f64>> = vec![vec![0.0; y.len()]; L2_GRID.len()];
    for f in 0..folds {
        let train: Vec<usize> = (0..y.len()).filter(|&i| fold[i] != f).collect();
        let test: Vec<usize> = (0..y.len()).filter(|&i| fold[i] == f).collect();
        if test.is_empty() {
            continue;
        }
        let xt = x.select_rows(&train);
        let yt: Vec<bool> = train.iter().map(|&i| y[i]).collect();
        let xv = x.select_rows(&test);
        let mut model: Option<Model> = None;
        for (g, &l2) in L2_GRID.iter().enumerate().rev() {
            let m = fit(&xt, &yt, &penalty_at(l2), model.as_ref());
            *converged &= m.converged;
            for (&i, p) in test.iter().zip(m.probabilities(&xv)) {
                held_out[g][i] = p;
            }
            model = Some(m);
        }
    }
    // The highest AUC, as the figures report; on a tie, the stronger penalty.
    let mut best = (f64::NEG_INFINITY, L2_GRID[L2_GRID.len() - 1]);
    for (g, &l2) in L2_GRID.iter().enumerate().rev() {
        let auc = auc_estimate(&held_out[g], y).map_or(0.5, |a| a.value);
        if auc > best.0 + 1e-12 {
            best = (auc, l2);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_seeded_and_cover_every_row_once() {
        let labels: Vec<bool> = (0..23).map(|i| i % 4 == 0).collect();
        let positives = labels.iter().filter(|&&l| l).count();
        let folds = stratified_folds(&labels, 5, &mut SplitMix64::new(7));
        assert_eq!(folds.len(), 23);
        for f in 0..5 {
            let members: Vec<usize> = (0..23).filter(|&i| folds[i] == f).collect();
            let pos = members.iter().filter(|&&i| labels[i]).count();
            assert!(members.len() == 4 || members.len() == 5, "{f}: {members:?}");
            assert!(
                pos * 5 >= positives - 4 && pos * 5 <= positives + 4,
                "{f}: {pos}"
            );
        }
        assert_eq!(folds, stratified_folds(&labels, 5, &mut SplitMix64::new(7)));
        assert_ne!(folds, stratified_folds(&labels, 5, &mut SplitMix64::new(8)));
    }
}
