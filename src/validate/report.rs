//! The results of a validation as `validation.csv` (every statistic, fixed precision) and as a
//! table for the terminal.

use std::fmt::Write as _;
use std::path::Path;

use super::stats::Estimate;
use super::{Kind, Validation};
use crate::output::number::{fixed, fixed_opt};
use crate::output::tables::DECIMALS;
use crate::output::{commit_all, CsvStyle};

pub const VALIDATION: &str = "validation.csv";

const HEADER: [&str; 22] = [
    "level",
    "gold_column",
    "score",
    "kind",
    "n",
    "missing",
    "pearson_r",
    "pearson_low",
    "pearson_high",
    "spearman_rho",
    "spearman_low",
    "spearman_high",
    "positives",
    "negatives",
    "auc",
    "auc_low",
    "auc_high",
    "threshold",
    "threshold_rule",
    "precision",
    "recall",
    "f1",
];

fn estimate_cells(e: Option<Estimate>) -> [String; 3] {
    let interval = e.and_then(|e| e.interval);
    [
        fixed_opt(e.map(|e| e.value), DECIMALS),
        fixed_opt(interval.map(|i| i.0), DECIMALS),
        fixed_opt(interval.map(|i| i.1), DECIMALS),
    ]
}

/// Writes `validation.csv` into `dir` atomically: one row per comparison.
pub fn write_csv(dir: &Path, validation: &Validation) -> std::io::Result<std::path::PathBuf> {
    let dest = dir.join(VALIDATION);
    let mut w = CsvStyle::default().writer(&dest)?;
    w.write_record(HEADER)?;
    for r in &validation.results {
        let mut row: Vec<String> = vec![
            validation.level.name().into(),
            r.gold_column.clone(),
            r.score.clone(),
            match r.kind {
                Kind::Numeric => "numeric".into(),
                Kind::Binary => "binary".into(),
            },
            r.n.to_string(),
            r.missing.to_string(),
        ];
        row.extend(estimate_cells(r.pearson));
        row.extend(estimate_cells(r.spearman));
        match &r.binary {
            Some(b) => {
                row.extend([b.positives.to_string(), b.negatives.to_string()]);
                row.extend(estimate_cells(b.auc));
                match &b.classification {
                    Some((c, rule)) => row.extend([
                        fixed(c.threshold, DECIMALS),
                        rule.name().to_string(),
                        fixed_opt(c.precision, DECIMALS),
                        fixed_opt(c.recall, DECIMALS),
                        fixed_opt(c.f1, DECIMALS),
                    ]),
                    None => row.extend(vec![String::new(); 5]),
                }
            }
            None => row.extend(vec![String::new(); 10]),
        }
        w.write_record(&row)?;
    }
    let file = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    commit_all(vec![file])?;
    Ok(dest)
}

/// `0.812 [0.761, 0.863]`, or `-` when undefined.
fn with_interval(e: Option<Estimate>) -> String {
    match e {
        None => "-".into(),
        Some(Estimate {
            value,
            interval: None,
        }) => fixed(value, 3),
        Some(Estimate {
            value,
            interval: Some((lo, hi)),
        }) => format!("{} [{}, {}]", fixed(value, 3), fixed(lo, 3), fixed(hi, 3)),
    }
}

/// Left-aligned columns separated by two spaces.
fn layout(rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        let _ = writeln!(out, "  {}", line.join("  ").trim_end());
    }
    out
}

/// The results as text tables: correlations for numeric gold columns, AUC and classification
/// for binary ones.
pub fn render(validation: &Validation) -> String {
    let mut out = String::new();
    let numeric: Vec<_> = validation
        .results
        .iter()
        .filter(|r| r.kind == Kind::Numeric)
        .collect();
    let binary: Vec<_> = validation
        .results
        .iter()
        .filter_map(|r| r.binary.as_ref().map(|b| (r, b)))
        .collect();
    if !numeric.is_empty() {
        let _ = writeln!(
            out,
            "Numeric gold columns: correlation of the score with the human codes (95% CI)"
        );
        let mut rows = vec![["gold", "score", "n", "Pearson r", "Spearman rho"]
            .map(String::from)
            .to_vec()];
        for r in numeric {
            rows.push(vec![
                r.gold_column.clone(),
                r.score.clone(),
                r.n.to_string(),
                with_interval(r.pearson),
                with_interval(r.spearman),
            ]);
        }
        out.push_str(&layout(&rows));
    }
    if !binary.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "Binary gold columns: ROC AUC (95% CI) and classification by `score >= threshold`"
        );
        let mut rows = vec![[
            "gold",
            "score",
            "n",
            "pos",
            "AUC",
            "threshold",
            "precision",
            "recall",
            "F1",
        ]
        .map(String::from)
        .to_vec()];
        for (r, b) in binary {
            let mut row = vec![
                r.gold_column.clone(),
                r.score.clone(),
                r.n.to_string(),
                b.positives.to_string(),
                with_interval(b.auc),
            ];
            match &b.classification {
                Some((c, rule)) => row.extend([
                    format!(
                        "{} ({})",
                        fixed(c.threshold, 3),
                        rule.name().replace('_', " ")
                    ),
                    fixed_opt(c.precision, 3),
                    fixed_opt(c.recall, 3),
                    fixed_opt(c.f1, 3),
                ]),
                None => row.extend(["-", "-", "-", "-"].map(String::from)),
            }
            rows.push(row);
        }
        out.push_str(&layout(&rows));
    }
    out
}
