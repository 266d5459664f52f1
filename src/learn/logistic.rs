//! Regularised logistic regression on sparse features, fitted by cyclic coordinate descent: the
//! model of `framescope learn`. Small and exact enough for a few hundred to a few thousand coded
//! articles; no state outside the call, so the same data give the same coefficients.
//!
//! The objective is the negative log-likelihood plus a ridge (L2) penalty with a weight and a
//! centre of its own for each coefficient, under box constraints:
//!
//! ```text
//! Σ_i [ln(1 + e^η_i) − y_i η_i] + ½ Σ_j λ_j (β_j − c_j)²,   η_i = b + Σ_j x_ij β_j,
//! lower_j ≤ β_j ≤ upper_j
//! ```
//!
//! with the intercept `b` unpenalised. Each coordinate takes a Newton step on its own curvature;
//! when that step would not lower the objective, it takes the step of the curvature's upper
//! bound ¼ Σ x_ij² + λ_j instead, which always does (a majorise-minimise step: Böhning &
//! Lindsay 1988, "Monotonicity of quadratic-approximation algorithms", Annals of the Institute
//! of Statistical Mathematics 40(4)). The objective is strictly convex when every λ_j > 0, so
//! the minimum is unique and the result does not depend on where the descent starts, to within
//! the tolerance.

/// A sparse matrix stored by column: the features of a set of articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matrix {
    pub rows: usize,
    /// Column j's entries are `entries[starts[j]..starts[j + 1]]`, by row.
    starts: Vec<usize>,
    entries: Vec<(u32, f64)>,
}

impl Matrix {
    /// A matrix of `columns` columns from its rows, each a list of (column, value) pairs; zeros
    /// and repeated columns within a row are summed away.
    pub fn from_rows(rows: &[Vec<(u32, f64)>], columns: usize) -> Matrix {
        let mut counts = vec![0usize; columns + 1];
        for row in rows {
            for &(j, _) in row {
                counts[j as usize + 1] += 1;
            }
        }
        for j in 0..columns {
            counts[j + 1] += counts[j];
        }
        let starts = counts.clone();
        let mut next = counts;
        let mut entries = vec![(0u32, 0.0); starts[columns]];
        for (i, row) in rows.iter().enumerate() {
            for &(j, v) in row {
                entries[next[j as usize]] = (i as u32, v);
                next[j as usize] += 1;
            }
        }
        let mut m = Matrix {
            rows: rows.len(),
            starts,
            entries,
        };
        m.tidy();
        m
    }

    /// Sums entries of the same row within a column and drops zeros.
    fn tidy(&mut self) {
        let mut entries: Vec<(u32, f64)> = Vec::with_capacity(self.entries.len());
        let mut starts = vec![0usize];
        for j in 0..self.columns() {
            let column = &mut self.entries[self.starts[j]..self.starts[j + 1]];
            column.sort_by_key(|&(i, _)| i);
            let first = entries.len();
            for &(i, v) in column.iter() {
                let same_row = entries.len() > first && entries.last().is_some_and(|e| e.0 == i);
                match entries.last_mut() {
                    Some((_, sum)) if same_row => *sum += v,
                    _ => entries.push((i, v)),
                }
            }
            let kept = first + retain_nonzero(&mut entries[first..]);
            entries.truncate(kept);
            starts.push(entries.len());
        }
        self.entries = entries;
        self.starts = starts;
    }

    pub fn columns(&self) -> usize {
        self.starts.len() - 1
    }

    /// Column j: (row, value) pairs by row.
    pub fn column(&self, j: usize) -> &[(u32, f64)] {
        &self.entries[self.starts[j]..self.starts[j + 1]]
    }

    /// The rows `keep` (in that order) of this matrix, renumbered from 0.
    pub fn select_rows(&self, keep: &[usize]) -> Matrix {
        let mut new_index = vec![u32::MAX; self.rows];
        for (k, &i) in keep.iter().enumerate() {
            new_index[i] = k as u32;
        }
        let mut starts = vec![0usize];
        let mut entries = Vec::new();
        for j in 0..self.columns() {
            let first = entries.len();
            for &(i, v) in self.column(j) {
                let k = new_index[i as usize];
                if k != u32::MAX {
                    entries.push((k, v));
                }
            }
            entries[first..].sort_by_key(|&(i, _)| i);
            starts.push(entries.len());
        }
        Matrix {
            rows: keep.len(),
            starts,
            entries,
        }
    }

    /// The columns `keep` (in that order) of this matrix.
    pub fn select_columns(&self, keep: &[usize]) -> Matrix {
        let mut starts = vec![0usize];
        let mut entries = Vec::new();
        for &j in keep {
            entries.extend_from_slice(self.column(j));
            starts.push(entries.len());
        }
        Matrix {
            rows: self.rows,
            starts,
            entries,
        }
    }

    /// This matrix with each column `from` of `additions` added to its column `to`, in a new
    /// matrix (several additions to one column sum up).
    pub fn with_columns_added(&self, additions: &[(usize, usize)]) -> Matrix {
        if additions.is_empty() {
            return self.clone();
        }
        let mut starts = vec![0usize];
        let mut entries = Vec::new();
        for j in 0..self.columns() {
            let first = entries.len();
            entries.extend_from_slice(self.column(j));
            for &(from, _) in additions.iter().filter(|&&(_, to)| to == j) {
                entries.extend_from_slice(self.column(from));
            }
            let column = &mut entries[first..];
            column.sort_by_key(|&(i, _)| i);
            // Sum the entries of one row, in place.
            let mut kept = 0;
            for k in 0..column.len() {
                if kept > 0 && column[kept - 1].0 == column[k].0 {
                    column[kept - 1].1 += column[k].1;
                } else {
                    column[kept] = column[k];
                    kept += 1;
                }
            }
            entries.truncate(first + kept);
            starts.push(entries.len());
        }
        Matrix {
            rows: self.rows,
            starts,
            entries,
        }
    }

    /// The linear predictor b + Σ_j x_ij β_j of every row.
    pub fn predictor(&self, intercept: f64, beta: &[f64]) -> Vec<f64> {
        let mut eta = vec![intercept; self.rows];
        for (j, &b) in beta.iter().enumerate() {
            if b != 0.0 {
                for &(i, v) in self.column(j) {
                    eta[i as usize] += v * b;
                }
            }
        }
        eta
    }
}

/// Moves the entries with a value other than 0 to the front; returns how many there are.
fn retain_nonzero(entries: &mut [(u32, f64)]) -> usize {
    let mut kept = 0;
    for k in 0..entries.len() {
        if entries[k].1 != 0.0 {
            entries[kept] = entries[k];
            kept += 1;
        }
    }
    kept
}

/// The penalty and constraints of each coefficient.
#[derive(Debug, Clone, PartialEq)]
pub struct Penalty {
    /// λ_j ≥ 0.
    pub l2: Vec<f64>,
    /// c_j: the value the penalty pulls β_j towards.
    pub centre: Vec<f64>,
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

impl Penalty {
    /// The same ridge penalty λ for every one of `p` coefficients, towards 0, unconstrained.
    pub fn ridge(p: usize, l2: f64) -> Penalty {
        Penalty {
            l2: vec![l2; p],
            centre: vec![0.0; p],
            lower: vec![f64::NEG_INFINITY; p],
            upper: vec![f64::INFINITY; p],
        }
    }
}

/// A fitted model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub intercept: f64,
    pub beta: Vec<f64>,
    /// Sweeps over the coordinates until the largest change fell below the tolerance.
    pub sweeps: usize,
    /// Whether the tolerance was reached within the allowed sweeps.
    pub converged: bool,
}

impl Model {
    /// The probability of each row of `x`.
    pub fn probabilities(&self, x: &Matrix) -> Vec<f64> {
        x.predictor(self.intercept, &self.beta)
            .into_iter()
            .map(crate::engine::score::logistic)
            .collect()
    }
}

/// Stop when no coefficient moved more than this in a sweep: for rates of up to 100 per 1,000
/// tokens, a change of the predictor of at most 1e-5.
const TOLERANCE: f64 = 1e-7;
/// At most this many sweeps over the coordinates.
const MAX_SWEEPS: usize = 10_000;

/// ln(1 + e^x) without overflow.
fn softplus(x: f64) -> f64 {
    if x > 0.0 {
        x + (-x).exp().ln_1p()
    } else {
        x.exp().ln_1p()
    }
}

/// Fits the model to rows `x` with labels `y`, starting from `start` (a model of the same
/// features) or from the intercept of the base rate and zero coefficients.
pub fn fit(x: &Matrix, y: &[bool], penalty: &Penalty, start: Option<&Model>) -> Model {
    let p = x.columns();
    debug_assert_eq!(y.len(), x.rows);
    debug_assert_eq!(penalty.l2.len(), p);
    let n = x.rows;
    let mut beta: Vec<f64> = match start {
        Some(m) => m.beta.clone(),
        None => (0..p)
            .map(|j| penalty.centre[j].clamp(penalty.lower[j], penalty.upper[j]))
            .collect(),
    };
    let mut intercept = match start {
        Some(m) => m.intercept,
        None => {
            // The log odds of the base rate, kept finite when one class is absent.
            let positives = y.iter().filter(|&&v| v).count() as f64;
            ((positives + 0.5) / (n as f64 - positives + 0.5)).ln()
        }
    };
    let mut eta = x.predictor(intercept, &beta);
    // The bound on each coordinate's curvature, ¼ Σ_i x_ij², without the penalty.
    let bound: Vec<f64> = (0..p)
        .map(|j| 0.25 * x.column(j).iter().map(|&(_, v)| v * v).sum::<f64>())
        .collect();
    let target = |i: usize| if y[i] { 1.0 } else { 0.0 };
    let mut sweeps = 0;
    let mut converged = false;
    while sweeps < MAX_SWEEPS {
        sweeps += 1;
        let mut largest = 0.0f64;
        // The intercept touches every row: a Newton step, halved until it lowers the objective.
        if n > 0 {
            let (mut g, mut h) = (0.0, 0.0);
            for (i, &e) in eta.iter().enumerate() {
                let q = crate::engine::score::logistic(e);
                g += q - target(i);
                h += q * (1.0 - q);
            }
            let loss = |shift: f64| -> f64 {
                eta.iter()
                    .enumerate()
                    .map(|(i, &e)| softplus(e + shift) - target(i) * (e + shift))
                    .sum()
            };
            let mut step = -g / h.max(1e-12);
            let before = loss(0.0);
            while step.abs() > 1e-15 && loss(step) > before {
                step *= 0.5;
            }
            if step.abs() > 1e-15 && step.is_finite() {
                intercept += step;
                eta.iter_mut().for_each(|e| *e += step);
                largest = largest.max(step.abs());
            }
        }
        for j in 0..p {
            let column = x.column(j);
            let lambda = penalty.l2[j];
            if column.is_empty() && lambda == 0.0 {
                continue;
            }
            let (mut g, mut h) = (lambda * (beta[j] - penalty.centre[j]), lambda);
            for &(i, v) in column {
                let q = crate::engine::score::logistic(eta[i as usize]);
                g += (q - target(i as usize)) * v;
                h += q * (1.0 - q) * v * v;
            }
            let limit = |b: f64| b.clamp(penalty.lower[j], penalty.upper[j]);
            let newton = limit(beta[j] - g / h.max(1e-12)) - beta[j];
            let change = |d: f64| -> f64 {
                let mut delta = 0.5
                    * lambda
                    * ((beta[j] + d - penalty.centre[j]).powi(2)
                        - (beta[j] - penalty.centre[j]).powi(2));
                for &(i, v) in column {
                    let e = eta[i as usize];
                    delta += softplus(e + d * v) - softplus(e) - target(i as usize) * d * v;
                }
                delta
            };
            let step = if newton != 0.0 && change(newton) <= 0.0 {
                newton
            } else {
                limit(beta[j] - g / (bound[j] + lambda).max(1e-12)) - beta[j]
            };
            if step != 0.0 && step.is_finite() {
                beta[j] += step;
                for &(i, v) in column {
                    eta[i as usize] += step * v;
                }
                largest = largest.max(step.abs());
            }
        }
        if largest < TOLERANCE {
            converged = true;
            break;
        }
    }
    Model {
        intercept,
        beta,
        sweeps,
        converged,
    }
}

/// The mean negative log-likelihood (deviance / 2n) of probabilities `p` for labels `y`: how
/// well held-out articles were predicted, lower is better.
pub fn log_loss(p: &[f64], y: &[bool]) -> f64 {
    if p.is_empty() {
        return 0.0;
    }
    let floor = 1e-15;
    let sum: f64 = p
        .iter()
        .zip(y)
        .map(|(&q, &t)| {
            let q = q.clamp(floor, 1.0 - floor);
            if t {
                -q.ln()
            } else {
                -(1.0 - q).ln()
            }
        })
        .sum();
    sum / p.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One feature per row: x = value, or none for 0.
    fn one_feature(values: &[f64]) -> Matrix {
        let rows: Vec<Vec<(u32, f64)>> = values
            .iter()
            .map(|&v| if v == 0.0 { vec![] } else { vec![(0, v)] })
            .collect();
        Matrix::from_rows(&rows, 1)
    }

    /// The objective the fit minimises.
    fn objective(x: &Matrix, y: &[bool], penalty: &Penalty, m: &Model) -> f64 {
        let eta = x.predictor(m.intercept, &m.beta);
        let nll: f64 = eta
            .iter()
            .zip(y)
            .map(|(&e, &t)| softplus(e) - if t { e } else { 0.0 })
            .sum();
        let pen: f64 = (0..m.beta.len())
            .map(|j| 0.5 * penalty.l2[j] * (m.beta[j] - penalty.centre[j]).powi(2))
            .sum();
        nll + pen
    }

    #[test]
    fn columns_added_sum_row_by_row() {
        let rows = vec![
            vec![(0, 1.0), (2, 5.0)],
            vec![(1, 2.0)],
            vec![(0, 3.0), (1, 4.0), (2, 6.0)],
        ];
        let x = Matrix::from_rows(&rows, 3);
        // Column 2 into column 0, twice, and into column 1.
        let added = x.with_columns_added(&[(2, 0), (2, 1), (2, 0)]);
        let expected = Matrix::from_rows(
            &[
                vec![(0, 11.0), (1, 5.0), (2, 5.0)],
                vec![(1, 2.0)],
                vec![(0, 15.0), (1, 10.0), (2, 6.0)],
            ],
            3,
        );
        assert_eq!(added, expected);
        assert_eq!(x.with_columns_added(&[]), x);
    }

    #[test]
    fn matrices_keep_their_entries_by_column_and_select_rows_and_columns() {
        let rows = vec![
            vec![(1, 2.0), (0, 1.0), (1, 0.5)],
            vec![],
            vec![(0, 3.0), (2, 0.0)],
        ];
        let m = Matrix::from_rows(&rows, 3);
        assert_eq!(m.column(0), &[(0, 1.0), (2, 3.0)]);
        assert_eq!(m.column(1), &[(0, 2.5)]);
        assert!(m.column(2).is_empty(), "zeros are dropped");
        let r = m.select_rows(&[2, 0]);
        assert_eq!((r.rows, r.column(0)), (2, &[(0, 3.0), (1, 1.0)][..]));
        let c = m.select_columns(&[1]);
        assert_eq!((c.columns(), c.column(0)), (1, &[(0, 2.5)][..]));
        assert_eq!(m.predictor(1.0, &[1.0, 2.0, 5.0]), vec![7.0, 1.0, 4.0]);
    }

    #[test]
    fn separable_data_get_a_finite_fit_that_ranks_them_perfectly() {
        // The feature alone separates the classes: without a penalty the coefficient would run
        // off to infinity; the ridge keeps it finite, and the ranking is perfect.
        let x = one_feature(&[0.0, 0.5, 1.0, 3.0, 4.0, 5.0]);
        let y = [false, false, false, true, true, true];
        let m = fit(&x, &y, &Penalty::ridge(1, 0.1), None);
        assert!(m.converged, "{m:?}");
        assert!(m.beta[0].is_finite() && m.beta[0] > 1.0, "{m:?}");
        let p = m.probabilities(&x);
        let lowest_positive = p[3..].iter().cloned().fold(f64::INFINITY, f64::min);
        let highest_negative = p[..3].iter().cloned().fold(0.0, f64::max);
        assert!(lowest_positive > highest_negative, "{p:?}");
        assert!(p[5] > 0.9 && p[0] < 0.1, "{p:?}");
    }

    #[test]
    fn the_fit_is_the_minimum_of_its_objective() {
        let rows: Vec<Vec<(u32, f64)>> = (0..40)
            .map(|i| {
                let a = (i % 7) as f64 * 0.5;
                let b = ((i * 3) % 5) as f64;
                vec![(0, a), (1, b)]
            })
            .collect();
        let y: Vec<bool> = (0..40).map(|i| (i % 7) + (i * 3 % 5) > 4).collect();
        let x = Matrix::from_rows(&rows, 2);
        let penalty = Penalty::ridge(2, 1.0);
        let m = fit(&x, &y, &penalty, None);
        assert!(m.converged);
        let best = objective(&x, &y, &penalty, &m);
        // Every small move of any parameter makes the objective worse.
        for d in [1e-3, -1e-3] {
            for j in 0..3 {
                let mut moved = m.clone();
                if j == 2 {
                    moved.intercept += d;
                } else {
                    moved.beta[j] += d;
                }
                assert!(objective(&x, &y, &penalty, &moved) > best, "{j} {d}");
            }
        }
    }

    #[test]
    fn a_stronger_penalty_shrinks_the_weights() {
        let x = one_feature(&[0.0, 1.0, 2.0, 1.0, 3.0, 4.0, 2.0, 5.0]);
        let y = [false, false, false, true, true, true, false, true];
        let mut last = f64::INFINITY;
        for l2 in [0.01, 0.1, 1.0, 10.0, 100.0, 1000.0] {
            let m = fit(&x, &y, &Penalty::ridge(1, l2), None);
            assert!(m.beta[0] > 0.0 && m.beta[0] < last, "{l2}: {m:?}");
            last = m.beta[0];
        }
        assert!(last < 0.02, "{last}");
        // Towards its centre, not towards 0, when it has one.
        let mut penalty = Penalty::ridge(1, 1e6);
        penalty.centre[0] = 0.7;
        let m = fit(&x, &y, &penalty, None);
        assert!((m.beta[0] - 0.7).abs() < 1e-3, "{m:?}");
    }

    #[test]
    fn bounds_hold() {
        // A feature that only negatives have would get a negative weight; a lower bound of 0
        // stops it there.
        let x = one_feature(&[2.0, 3.0, 0.0, 0.0, 1.0, 0.0]);
        let y = [false, false, true, true, false, true];
        let free = fit(&x, &y, &Penalty::ridge(1, 0.1), None);
        assert!(free.beta[0] < -0.5, "{free:?}");
        let mut penalty = Penalty::ridge(1, 0.1);
        penalty.lower[0] = 0.0;
        let bounded = fit(&x, &y, &penalty, None);
        assert_eq!(bounded.beta[0], 0.0);
        assert!(bounded.converged);
    }

    #[test]
    fn the_same_data_give_the_same_model_and_a_warm_start_the_same_minimum() {
        let rows: Vec<Vec<(u32, f64)>> = (0..30)
            .map(|i| vec![((i % 3) as u32, 1.0 + (i % 4) as f64), (3, (i % 5) as f64)])
            .collect();
        let y: Vec<bool> = (0..30).map(|i| i % 3 == 1 || i % 5 == 4).collect();
        let x = Matrix::from_rows(&rows, 4);
        let penalty = Penalty::ridge(4, 0.5);
        let a = fit(&x, &y, &penalty, None);
        let b = fit(&x, &y, &penalty, None);
        assert_eq!(a, b);
        let other = fit(&x, &y, &Penalty::ridge(4, 50.0), None);
        let warm = fit(&x, &y, &penalty, Some(&other));
        for (u, v) in a.beta.iter().zip(&warm.beta) {
            assert!((u - v).abs() < 1e-5, "{a:?} {warm:?}");
        }
    }

    #[test]
    fn log_loss_rewards_confident_right_answers() {
        let y = [true, false];
        assert!(log_loss(&[0.9, 0.1], &y) < log_loss(&[0.6, 0.4], &y));
        assert!((log_loss(&[0.5, 0.5], &y) - 2f64.ln()).abs() < 1e-12);
        assert!(log_loss(&[1.0, 1.0], &y).is_finite());
    }
}
