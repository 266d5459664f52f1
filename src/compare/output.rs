//! The comparison outputs: `comparison.csv`, `keyness.csv`, `similarity.csv` and `summary.md`.

use std::io::Write;
use std::path::Path;

use super::findings::Report;
use super::summary;
use crate::output::layout::{COMPARISON, KEYNESS, SIMILARITY, SUMMARY};
use crate::output::number::{fixed, fixed_opt};
use crate::output::tables::{CsvStyle, DECIMALS};
use crate::output::AtomicFile;

/// Decimals of p-values: fixed, so a spreadsheet never sees scientific notation.
pub const P_DECIMALS: usize = 6;

fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn count(x: Option<u64>) -> String {
    x.map_or_else(String::new, |x| x.to_string())
}

/// Writes the three CSV files and the summary into `dir`; `notes` are the report's notes in the
/// words the reader sees, and `charts` the chart files written beside them, both listed in the
/// summary.
pub fn write(
    dir: &Path,
    report: &Report,
    notes: &[String],
    style: CsvStyle,
    charts: &[(String, String)],
) -> std::io::Result<Vec<AtomicFile>> {
    let resampled = report.unit.map_or("", |u| u.resampled());
    let mut csv = style.writer(&dir.join(COMPARISON))?;
    csv.write_record([
        "a",
        "b",
        "lexicon",
        "category",
        "value_a",
        "value_b",
        "diff",
        "ci_low",
        "ci_high",
        "ratio",
        "g2",
        "p_value",
        "p_adjusted",
        "significant",
        "hits_a",
        "hits_b",
        "tokens_a",
        "tokens_b",
        "n_a",
        "n_b",
        "log2_ratio",
        "t",
        "resampled",
    ])?;
    for c in &report.comparisons {
        for r in &c.rows {
            csv.write_record([
                c.a.as_str(),
                &c.b,
                &r.lexicon,
                &r.category,
                &fixed_opt(r.value_a, DECIMALS),
                &fixed_opt(r.value_b, DECIMALS),
                &fixed_opt(r.diff, DECIMALS),
                &fixed_opt(r.ci.map(|c| c.0), DECIMALS),
                &fixed_opt(r.ci.map(|c| c.1), DECIMALS),
                &fixed_opt(r.ratio, DECIMALS),
                &fixed_opt(r.g2, DECIMALS),
                &fixed_opt(r.p, P_DECIMALS),
                &fixed_opt(r.p_adjusted, P_DECIMALS),
                flag(r.significant),
                &count(r.hits_a),
                &count(r.hits_b),
                &r.tokens_a.to_string(),
                &r.tokens_b.to_string(),
                &r.n_a.to_string(),
                &r.n_b.to_string(),
                &fixed_opt(r.log2_ratio, DECIMALS),
                &fixed_opt(r.t, DECIMALS),
                resampled,
            ])?;
        }
    }
    let mut files = vec![csv
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?];

    let mut csv = style.writer(&dir.join(KEYNESS))?;
    csv.write_record([
        "a",
        "b",
        "lexicon",
        "category",
        "term",
        "favours",
        "count_a",
        "count_b",
        "per_1k_a",
        "per_1k_b",
        "log2_ratio",
        "g2",
        "p_value",
    ])?;
    for c in &report.comparisons {
        for k in &c.keyness {
            csv.write_record([
                c.a.as_str(),
                &c.b,
                &k.lexicon,
                &k.category,
                &k.term,
                &k.favours,
                &k.count_a.to_string(),
                &k.count_b.to_string(),
                &fixed_opt(k.rate_a, DECIMALS),
                &fixed_opt(k.rate_b, DECIMALS),
                &fixed_opt(k.log2_ratio, DECIMALS),
                &fixed(k.g2, DECIMALS),
                &fixed(k.p, P_DECIMALS),
            ])?;
        }
    }
    files.push(
        csv.into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?,
    );

    let mut csv = style.writer(&dir.join(SIMILARITY))?;
    csv.write_record(["a", "b", "lexicon", "cosine", "dominant_a", "dominant_b"])?;
    for c in &report.comparisons {
        for p in &c.profiles {
            csv.write_record([
                c.a.as_str(),
                &c.b,
                &p.lexicon,
                &fixed_opt(p.cosine, DECIMALS),
                p.dominant_a.as_deref().unwrap_or(""),
                p.dominant_b.as_deref().unwrap_or(""),
            ])?;
        }
    }
    files.push(
        csv.into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?,
    );

    let mut md = AtomicFile::create(&dir.join(SUMMARY))?;
    md.write_all(markdown(report, notes, charts).as_bytes())?;
    files.push(md);
    Ok(files)
}

/// `summary.md`: the method, the notes, each comparison in words, and the charts.
pub fn markdown(report: &Report, notes: &[String], charts: &[(String, String)]) -> String {
    let mut s = String::from("# Comparisons\n\n");
    s.push_str(&summary::method(report));
    s.push_str("\n\nIn every comparison A is the first side named and B the second; `comparison.csv` has every category, `keyness.csv` the terms that distinguish the sides within each category, `similarity.csv` the profile similarity and dominant frames.\n");
    if !notes.is_empty() {
        s.push_str("\n## Notes\n\n");
        for note in notes {
            s.push_str(&format!("- {note}\n"));
        }
    }
    for c in &report.comparisons {
        s.push_str(&format!("\n## {} (A) vs {} (B)\n\n", c.a, c.b));
        for line in summary::comparison_lines(c, report) {
            let bullet = if line.starts_with(|ch: char| ch.is_ascii_digit()) {
                "   "
            } else {
                "- "
            };
            s.push_str(&format!("{bullet}{line}\n"));
        }
    }
    if !charts.is_empty() {
        s.push_str("\n## Charts\n\n");
        for (file, what) in charts {
            s.push_str(&format!("- [`{file}`]({file}): {what}\n"));
        }
    }
    s
}
