//! Honest figures for a learned code: repeated k-fold cross-validation of the whole training
//! procedure (candidate choice, penalty choice, fit, pruning), with seeded stratified folds. In
//! each repetition every article is predicted once, by the model trained without it.
//!
//! The ROC AUC counts only pairs of a positive and a negative article held out in the same fold,
//! each pair ranked by the one model that saw neither. Pooling every fold's predictions into one
//! ranking instead compares probabilities of different models, whose intercepts and scales
//! differ from fold to fold; that biases the AUC downwards (Forman & Scholz 2010, "Apples-to-
//! apples in cross-validation studies", SIGKDD Explorations 12(1)), most with few coded articles
//! a fold, and it is not what a user gets: one model ranking new articles. The repetitions (new
//! folds each time) make the figure less dependent on one draw of folds. F1 is measured at a
//! threshold each fold chose on its own training articles (the best F1 there), with a bootstrap
//! interval that resamples articles.

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
    /// Repetitions of the k-fold cross-validation, each with new folds.
    pub repeats: usize,
    pub articles: usize,
    pub positives: usize,
    /// ROC AUC over the pairs held out in the same fold, with a 95% interval: ± 1.96 DeLong
    /// standard errors of the AUC of these articles' held-out predictions (the sampling error
    /// of an AUC on this many articles, which the folds do not shrink).
    pub auc: Option<Estimate>,
    /// The AUC of every fold's predictions pooled into one ranking (mean over the repetitions):
    /// lower than `auc` where the fold models are calibrated differently; kept for comparison.
    pub pooled_auc: Option<f64>,
    /// The lowest and highest AUC of a single fold (of those with both classes).
    pub fold_auc: Option<(f64, f64)>,
    /// At the thresholds chosen within the folds, over every held-out prediction of every
    /// repetition.
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

/// Pairs of a positive and a negative article: how many, and how many the positive won (ties
/// count a half).
#[derive(Debug, Clone, Copy, Default)]
struct Pairs {
    won: f64,
    total: f64,
}

impl Pairs {
    /// The pairs of `scores` within one fold.
    fn of(scores: &[f64], positive: &[bool]) -> Pairs {
        let Some(auc) = auc_estimate(scores, positive) else {
            return Pairs::default();
        };
        let p = positive.iter().filter(|&&y| y).count() as f64;
        let total = p * (positive.len() as f64 - p);
        Pairs {
            won: auc.value * total,
            total,
        }
    }
}

/// Cross-validates the training procedure on every row of `problem`; `stream` keys the folds
/// of this code (its name), so that codes get folds of their own.
pub fn cross_validate(problem: &Problem, settings: &Settings, stream: u64) -> Figures {
    let n = problem.y.len();
    let folds = settings.folds.min(n).max(2);
    let repeats = settings.repeats.max(1);
    let mut pairs = Pairs::default();
    let mut pooled = Vec::with_capacity(repeats);
    let mut half_widths = Vec::with_capacity(repeats);
    let mut losses = Vec::with_capacity(repeats);
    // Per article, over the repetitions: predicted positive, and whether it is.
    let mut predicted: Vec<Vec<bool>> = vec![Vec::with_capacity(repeats); n];
    let mut fold_aucs: Vec<f64> = Vec::new();
    let mut l2 = Vec::new();
    let mut converged = true;
    for r in 0..repeats {
        // Repetition 0 draws from replicate 0 of the code's stream, as a single k-fold always did.
        let fold = stratified_folds(
            problem.y,
            folds,
            &mut SplitMix64::stream(settings.seed, stream, 2 * r as u64),
        );
        let mut held_out = vec![0.0; n];
        for f in 0..folds {
            let train_rows: Vec<usize> = (0..n).filter(|&i| fold[i] != f).collect();
            let test_rows: Vec<usize> = (0..n).filter(|&i| fold[i] == f).collect();
            if test_rows.is_empty() {
                continue;
            }
            let key = stream ^ ((r * folds + f) as u64 + 1);
            let trained: Trained = train(problem, &train_rows, settings, key);
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
            let within = Pairs::of(&p, &labels);
            pairs.won += within.won;
            pairs.total += within.total;
            for (&i, &q) in test_rows.iter().zip(&p) {
                held_out[i] = q;
                predicted[i].push(q >= threshold);
            }
        }
        if let Some(all) = auc_estimate(&held_out, problem.y) {
            pooled.push(all.value);
            if let Some((lo, hi)) = all.interval {
                half_widths.push((hi - lo) / 2.0);
            }
        }
        losses.push(log_loss(&held_out, problem.y));
    }
    let positives = problem.y.iter().filter(|&&y| y).count();
    let mean = |v: &[f64]| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let auc = (pairs.total > 0.0).then(|| {
        let value = pairs.won / pairs.total;
        Estimate {
            value,
            interval: mean(&half_widths).map(|h| ((value - h).max(0.0), (value + h).min(1.0))),
        }
    });
    // Every repetition's predictions of an article count; `classify` at 0.5 on 0/1 predictions
    // counts them as they are.
    let (as_scores, actual): (Vec<f64>, Vec<bool>) = predicted
        .iter()
        .zip(problem.y)
        .flat_map(|(ps, &y)| ps.iter().map(move |&p| (p as u8 as f64, y)))
        .unzip();
    let c = classify(&as_scores, &actual, 0.5);
    Figures {
        folds,
        repeats,
        articles: n,
        positives,
        auc,
        pooled_auc: mean(&pooled),
        fold_auc: (!fold_aucs.is_empty()).then(|| {
            let lo = fold_aucs.iter().cloned().fold(f64::INFINITY, f64::min);
            let hi = fold_aucs.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            (lo, hi)
        }),
        precision: c.precision,
        recall: c.recall,
        f1: c.f1,
        f1_interval: f1_interval(&predicted, problem.y, settings.seed, stream),
        log_loss: mean(&losses).unwrap_or(0.0),
        l2,
        converged,
    }
}

/// The 2.5th and 97.5th percentiles of the F1 over bootstrap resamples of the articles, each
/// drawn article bringing all its predictions (one per repetition); `None` when too few
/// resamples have an F1.
fn f1_interval(
    predicted: &[Vec<bool>],
    actual: &[bool],
    seed: u64,
    stream: u64,
) -> Option<(f64, f64)> {
    let n = predicted.len();
    if n < 2 {
        return None;
    }
    // Per article: true positives, false positives, false negatives over its predictions.
    let counts: Vec<(u64, u64, u64)> = predicted
        .iter()
        .zip(actual)
        .map(|(ps, &y)| {
            let yes = ps.iter().filter(|&&p| p).count() as u64;
            let no = ps.len() as u64 - yes;
            if y {
                (yes, 0, no)
            } else {
                (0, yes, 0)
            }
        })
        .collect();
    let mut values = Vec::with_capacity(REPLICATES as usize);
    for r in 0..REPLICATES {
        let mut rng = SplitMix64::stream(seed, stream ^ 0xF1, r);
        let (mut tp, mut fp, mut fneg) = (0u64, 0u64, 0u64);
        for _ in 0..n {
            let (a, b, c) = counts[rng.below(n)];
            tp += a;
            fp += b;
            fneg += c;
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
    fn the_auc_counts_pairs_within_a_fold_and_ignores_how_folds_compare() {
        // Each fold's model ranks its own articles perfectly, but the second fold's model gives
        // every article lower probabilities: pooled, its positives fall below the first fold's
        // negatives; pair by pair within folds, every positive wins.
        let first = Pairs::of(&[0.9, 0.8, 0.85, 0.7], &[true, false, true, false]);
        let second = Pairs::of(&[0.3, 0.2, 0.1], &[true, false, false]);
        assert_eq!((first.won, first.total), (4.0, 4.0));
        assert_eq!((second.won, second.total), (2.0, 2.0));
        let pooled = auc_estimate(
            &[0.9, 0.8, 0.85, 0.7, 0.3, 0.2, 0.1],
            &[true, false, true, false, true, false, false],
        )
        .unwrap();
        assert!(pooled.value < 0.85, "{pooled:?}");
        let within = (first.won + second.won) / (first.total + second.total);
        assert_eq!(within, 1.0);
        // Ties count a half; a fold with one class has no pairs.
        let tied = Pairs::of(&[0.5, 0.5], &[true, false]);
        assert_eq!((tied.won, tied.total), (0.5, 1.0));
        let one_class = Pairs::of(&[0.5, 0.4], &[false, false]);
        assert_eq!(one_class.total, 0.0);
    }

    #[test]
    fn repetitions_draw_new_folds_and_count_every_fold() {
        let (x, y) = problem_data(60);
        let vocabulary = Vocabulary::default();
        let texts: Vec<usize> = (0..60).collect();
        let problem = Problem {
            x: &x,
            y: &y,
            has_start: true,
            prior_terms: 1,
            candidates: &[0],
            vocabulary: &vocabulary,
            texts: &texts,
            // No phrases: the matrix never needs measuring again.
            first_phrase: x.columns(),
            remeasure: &|_: &[usize]| x.clone(),
            phrase_words: &[],
        };
        let settings = Settings {
            l2: L2::Fixed(100.0),
            folds: 4,
            seed: 5,
            candidates: 10,
            min_keyness: 0.0,
            keep: 10,
            repeats: 3,
        };
        let three = cross_validate(&problem, &settings, 9);
        assert_eq!((three.folds, three.repeats, three.l2.len()), (4, 3, 12));
        let once = cross_validate(
            &problem,
            &Settings {
                repeats: 1,
                ..settings
            },
            9,
        );
        assert_eq!(once.l2.len(), 4);
        // Other folds, other held-out predictions: the figures differ, and the same settings
        // give the same figures.
        assert_ne!(three.pooled_auc, once.pooled_auc);
        assert_eq!(three, cross_validate(&problem, &settings, 9));
        let auc = three.auc.unwrap();
        let (lo, hi) = auc.interval.unwrap();
        assert!(
            lo < auc.value && auc.value < hi && auc.value > 0.8,
            "{three:?}"
        );
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
            // No phrases: the matrix never needs measuring again.
            first_phrase: x.columns(),
            remeasure: &|_: &[usize]| x.clone(),
            phrase_words: &[],
        };
        let settings = Settings {
            l2: L2::Auto,
            folds: 5,
            seed: 1,
            candidates: 10,
            min_keyness: 0.0,
            keep: 10,
            repeats: 1,
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
