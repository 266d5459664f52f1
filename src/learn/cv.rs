//! Honest figures for a learned code: k-fold cross-validation of the whole training procedure
//! (candidate choice, penalty choice, fit, pruning), with seeded stratified folds. Each article
//! is predicted once, by the model trained without it; the ROC AUC of those predictions has a
//! DeLong interval, and F1 is measured at a threshold each fold chose on its own training
//! articles (the best F1 there), with a bootstrap interval.

use super::logistic::log_loss;
use super::train::{stratified_folds, train, Problem, Settings, Trained};
use crate::compare::rng::SplitMix64;
use crate::validate::stats::{auc_estimate, best_f1, classify, Estimate};

/// Bootstrap replicates of the F1 interval.
const REPLICATES: u64 = 2000;

/// The cross-validated figures of one code.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub folds: usize,
    pub articles: usize,
    pub positives: usize,
    /// ROC AUC of the held-out predictions, with its 95% interval.
    pub auc: Option<Estimate>,
    /// The lowest and highest AUC of a single fold (of those with both classes).
    pub fold_auc: Option<(f64, f64)>,
    /// At the thresholds chosen within the folds, over all held-out predictions.
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    /// 95% percentile bootstrap interval of the F1, resampling articles.
    pub f1_interval: Option<(f64, f64)>,
    /// The mean log loss of the held-out probabilities: how well calibrated they are (0.693 is
    /// a coin toss at 50%; lower is better).
    pub log_loss: f64,
    /// The penalty each fold chose.
    pub l2: Vec<f64>,
    /// Whether every fit of every fold converged.
    pub converged: bool,
}

/// Cross-validates the training procedure on every row of `problem`; `stream` keys the folds
/// of this code (its name), so that codes get folds of their own.
pub fn cross_validate(problem: &Problem, settings: &Settings, stream: u64) -> Figures {
    let n = problem.y.len();
    let folds = settings.folds.min(n).max(2);
    let fold = stratified_folds(
        problem.y,
        folds,
        &mut SplitMix64::stream(settings.seed, stream, 0),
    );
    let mut held_out = vec![0.0; n];
    let mut predicted = vec![false; n];
    let mut fold_aucs: Vec<f64> = Vec::new();
    let mut l2 = Vec::new();
    let mut converged = true;
    for f in 0..folds {
        let train_rows: Vec<usize> = (0..n).filter(|&i| fold[i] != f).collect();
        let test_rows: Vec<usize> = (0..n).filter(|&i| fold[i] == f).collect();
        if test_rows.is_empty() {
            continue;
        }
        let trained: Trained = train(problem, &train_rows, settings, stream ^ (f as u64 + 1));
        l2.push(trained.l2);
        converged &= trained.converged;
        // The threshold this fold would use: the best F1 on its own training articles.
        let fitted = trained.probabilities(problem.x, &train_rows);
        let train_labels: Vec<bool> = train_rows.iter().map(|&i| problem.y[i]).collect();
        let threshold = best_f1(&fitted, &train_labels).map_or(0.5, |c| c.threshold);
        let p = trained.probabilities(problem.x, &test_rows);
        let labels: Vec<bool> = test_rows.iter().map(|&i| problem.y[i]).collect();
        if let Some(auc) = auc_estimate(&p, &labels) {
            fold_aucs.push(auc.value);
        }
        for (&i, &q) in test_rows.iter().zip(&p) {
            held_out[i] = q;
            predicted[i] = q >= threshold;
        }
    }
    let positives = problem.y.iter().filter(|&&y| y).count();
    // `classify` at 0.5 on 0/1 predictions counts them as they are.
    let as_scores: Vec<f64> = predicted.iter().map(|&p| p as u8 as f64).collect();
    let c = classify(&as_scores, problem.y, 0.5);
    Figures {
        folds,
        articles: n,
        positives,
        auc: auc_estimate(&held_out, problem.y),
        fold_auc: (!fold_aucs.is_empty()).then(|| {
            let lo = fold_aucs.iter().cloned().fold(f64::INFINITY, f64::min);
            let hi = fold_aucs.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            (lo, hi)
        }),
        precision: c.precision,
        recall: c.recall,
        f1: c.f1,
        f1_interval: f1_interval(&predicted, problem.y, settings.seed, stream),
        log_loss: log_loss(&held_out, problem.y),
        l2,
        converged,
    }
}

/// The 2.5th and 97.5th percentiles of the F1 of `predicted` against `actual` over bootstrap
/// resamples of the articles; `None` when too few resamples have an F1.
fn f1_interval(predicted: &[bool], actual: &[bool], seed: u64, stream: u64) -> Option<(f64, f64)> {
    let n = predicted.len();
    if n < 2 {
        return None;
    }
    let mut values = Vec::with_capacity(REPLICATES as usize);
    for r in 0..REPLICATES {
        let mut rng = SplitMix64::stream(seed, stream ^ 0xF1, r);
        let (mut tp, mut fp, mut fneg) = (0u64, 0u64, 0u64);
        for _ in 0..n {
            let i = rng.below(n);
            match (predicted[i], actual[i]) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fneg += 1,
                (false, false) => {}
            }
        }
        if 2 * tp + fp + fneg > 0 {
            values.push(2.0 * tp as f64 / (2 * tp + fp + fneg) as f64);
        }
    }
    if values.len() < (REPLICATES as usize) / 2 {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at =
        |q: f64| values[((q * (values.len() - 1) as f64).round() as usize).min(values.len() - 1)];
    Some((at(0.025), at(0.975)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::candidates::Vocabulary;
    use crate::learn::logistic::Matrix;
    use crate::learn::train::L2;

    /// `n` articles: the first feature (a dictionary rate) tells the classes apart noisily, the
    /// second is noise.
    fn problem_data(n: usize) -> (Matrix, Vec<bool>) {
        let mut rng = SplitMix64::new(3);
        let mut rows = Vec::new();
        let mut y = Vec::new();
        for i in 0..n {
            let positive = i % 3 == 0;
            let signal = if positive { 4.0 } else { 1.0 } + (rng.below(100) as f64) / 25.0;
            let noise = rng.below(100) as f64 / 10.0;
            rows.push(vec![(0, signal), (1, signal), (2, noise)]);
            y.push(positive);
        }
        (Matrix::from_rows(&rows, 3), y)
    }

    #[test]
    fn cross_validation_predicts_every_article_from_a_model_that_never_saw_it() {
        let (x, y) = problem_data(90);
        let vocabulary = Vocabulary::default();
        let texts: Vec<usize> = (0..90).collect();
        let problem = Problem {
            x: &x,
            y: &y,
            has_start: true,
            prior_terms: 1,
            candidates: &[0],
            vocabulary: &vocabulary,
            texts: &texts,
        };
        let settings = Settings {
            l2: L2::Auto,
            folds: 5,
            seed: 1,
            candidates: 10,
            keep: 10,
        };
        let figures = cross_validate(&problem, &settings, 42);
        assert_eq!(
            (figures.folds, figures.articles, figures.positives),
            (5, 90, 30)
        );
        let auc = figures.auc.unwrap();
        assert!(auc.value > 0.8, "{figures:?}");
        let (lo, hi) = auc.interval.unwrap();
        assert!(lo < auc.value && auc.value < hi);
        let (fold_lo, fold_hi) = figures.fold_auc.unwrap();
        assert!(fold_lo <= fold_hi);
        assert_eq!(figures.l2.len(), 5);
        let f1 = figures.f1.unwrap();
        let (f1_lo, f1_hi) = figures.f1_interval.unwrap();
        assert!(f1 > 0.5 && f1_lo <= f1 && f1 <= f1_hi, "{figures:?}");
        assert!(figures.converged);
        // Seeded: the same figures every time; another seed, other folds.
        assert_eq!(figures, cross_validate(&problem, &settings, 42));
        let other = cross_validate(
            &problem,
            &Settings {
                seed: 2,
                ..settings
            },
            42,
        );
        assert_ne!(figures.auc, other.auc);
    }
}
