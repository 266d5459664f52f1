//! The findings of a comparison run in plain words: for each comparison the largest significant
//! differences, the tone, how alike the frame profiles are and which frames dominate. The same
//! sentences go to the terminal and to `summary.md`.

use super::findings::{Comparison, KeyTerm, Report, Row, Unit};

/// Differences named per comparison.
pub const TOP: usize = 3;

/// A number for prose: one decimal, two below 10, never `-0`.
fn num(x: f64) -> String {
    let s = if x.abs() < 10.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    };
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s
    }
}

fn p_text(p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => "adjusted p < 0.001".into(),
        Some(p) => format!("adjusted p = {p:.3}"),
        None => "no test".into(),
    }
}

fn ci_text(row: &Row, confidence: f64) -> String {
    match row.ci {
        Some((lo, hi)) => format!("{:.0}% CI {} to {}", confidence * 100.0, num(lo), num(hi)),
        None => "no interval".into(),
    }
}

/// The significant category differences of a comparison, largest (by |log2 ratio|) first.
pub fn largest(c: &Comparison) -> Vec<&Row> {
    let mut rows: Vec<&Row> = c.rows.iter().filter(|r| !r.tone && r.significant).collect();
    rows.sort_by(|x, y| {
        let size = |r: &Row| r.log2_ratio.map_or(0.0, f64::abs);
        size(y)
            .total_cmp(&size(x))
            .then(x.lexicon.cmp(&y.lexicon))
            .then(x.category.cmp(&y.category))
    });
    rows.truncate(TOP);
    rows
}

/// One difference as a sentence: "B uses crisis.hope language 3.1x as often as A (...)".
pub fn describe(c: &Comparison, row: &Row, confidence: f64) -> String {
    let (Some(va), Some(vb), Some(diff)) = (row.value_a, row.value_b, row.diff) else {
        return format!(
            "{}.{}: not defined (a side has no tokens)",
            row.lexicon, row.category
        );
    };
    let (hi, lo, vh, vl) = if diff >= 0.0 {
        (&c.a, &c.b, va, vb)
    } else {
        (&c.b, &c.a, vb, va)
    };
    let name = format!("{}.{}", row.lexicon, row.category);
    let how = if vl > 0.0 {
        format!("{hi} uses {name} language {:.1}x as often as {lo}", vh / vl)
    } else {
        format!("{hi} uses {name} language and {lo} does not")
    };
    format!(
        "{how} ({} vs {} per 1,000 tokens; difference {}{}, {}; G² = {}, {})",
        num(va),
        num(vb),
        if diff > 0.0 { "+" } else { "" },
        num(diff),
        ci_text(row, confidence),
        row.g2.map_or_else(String::new, |g| format!("{g:.1}")),
        p_text(row.p_adjusted)
    )
}

fn describe_tone(c: &Comparison, row: &Row, confidence: f64) -> String {
    let (Some(va), Some(vb), Some(diff)) = (row.value_a, row.value_b, row.diff) else {
        return "tone: not defined (a side has no sentence with tokens)".into();
    };
    let verdict = if row.significant {
        let (more, less) = if diff >= 0.0 {
            (&c.a, &c.b)
        } else {
            (&c.b, &c.a)
        };
        format!("{more} is more positive in tone than {less}")
    } else {
        "no significant difference in tone".to_string()
    };
    format!(
        "{verdict} (mean tone {} vs {} on a −1 to 1 scale; difference {}{}, {}; Welch t-test, {})",
        num(va),
        num(vb),
        if diff > 0.0 { "+" } else { "" },
        num(diff),
        ci_text(row, confidence),
        p_text(row.p_adjusted)
    )
}

fn key_terms_of<'c>(c: &'c Comparison, row: &Row, favours: &str) -> Vec<&'c KeyTerm> {
    c.keyness
        .iter()
        .filter(|k| k.lexicon == row.lexicon && k.category == row.category && k.favours == favours)
        .take(3)
        .collect()
}

/// The summary of one comparison as lines of text (without a heading).
pub fn comparison_lines(c: &Comparison, report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    let top = largest(c);
    if top.is_empty() {
        let tested = c.rows.iter().filter(|r| !r.tone && r.p.is_some()).count();
        lines.push(format!(
            "No frame category differs significantly ({tested} tested)."
        ));
    } else {
        lines.push("Largest significant differences:".into());
        for (i, row) in top.iter().enumerate() {
            let mut line = format!("{}. {}", i + 1, describe(c, row, report.confidence));
            let favours = if row.diff.unwrap_or(0.0) >= 0.0 {
                &c.a
            } else {
                &c.b
            };
            let terms = key_terms_of(c, row, favours);
            if !terms.is_empty() {
                let list: Vec<String> = terms
                    .iter()
                    .map(|k| format!("“{}” {}–{}", k.term, k.count_a, k.count_b))
                    .collect();
                line.push_str(&format!(
                    ". Terms that make it (A–B counts): {}",
                    list.join(", ")
                ));
            }
            lines.push(line);
        }
        let more = c
            .rows
            .iter()
            .filter(|r| !r.tone && r.significant)
            .count()
            .saturating_sub(top.len());
        if more > 0 {
            lines.push(format!(
                "{more} more significant difference(s) in comparison.csv."
            ));
        }
    }
    if let Some(tone) = c.rows.iter().find(|r| r.tone) {
        lines.push(format!(
            "Tone: {}.",
            describe_tone(c, tone, report.confidence)
        ));
    }
    let profiles: Vec<String> = c
        .profiles
        .iter()
        .filter_map(|p| p.cosine.map(|x| format!("{} {:.2}", p.lexicon, x)))
        .collect();
    if !profiles.is_empty() {
        lines.push(format!(
            "Frame profiles, cosine similarity (1 = same mix): {}.",
            profiles.join(", ")
        ));
    }
    let dominant: Vec<String> = c
        .profiles
        .iter()
        .filter(|p| p.dominant_a.is_some() || p.dominant_b.is_some())
        .map(|p| {
            format!(
                "{}: {} / {}",
                p.lexicon,
                p.dominant_a.as_deref().unwrap_or("none"),
                p.dominant_b.as_deref().unwrap_or("none")
            )
        })
        .collect();
    if !dominant.is_empty() {
        lines.push(format!("Dominant frames (A / B): {}.", dominant.join("; ")));
    }
    lines
}

/// How the comparisons were made, in one paragraph.
pub fn method(report: &Report) -> String {
    let unit = match report.unit {
        Some(Unit::Articles) => "articles; confidence intervals resample sentences",
        Some(Unit::Groups) => "groups of articles; confidence intervals resample whole articles within each group (a cluster bootstrap), since sentences of one article are not independent",
        None => "nothing",
    };
    let pairs = match &report.baseline {
        Some(b) => format!("each against the baseline `{b}`"),
        None => "every pair".into(),
    };
    format!(
        "Compared: {unit}; {pairs}. Rates are affirmed hits per 1,000 tokens. Differences are A − B with {}% percentile bootstrap intervals ({} replicates, seed {}). Counts are tested with Dunning's log-likelihood G² (1 df), tone with Welch's t-test; p-values are adjusted for the number of categories in each comparison with the Benjamini–Hochberg false discovery rate. A difference is significant when its adjusted p is below {} and its interval excludes 0.",
        short_number(report.confidence * 100.0),
        report.bootstrap,
        report.seed,
        short_number(1.0 - report.confidence)
    )
}

/// `x` for prose: at most six decimals and no trailing zeros, so that a level computed as
/// `1 - 0.95` reads 0.05.
fn short_number(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The terminal summary: the report's `notes`, in the words the reader sees, every comparison
/// up to `limit`, then a pointer to summary.md.
pub fn terminal(report: &Report, notes: &[String], limit: usize) -> String {
    let mut out = String::new();
    for note in notes {
        out.push_str(&format!("note: {note}\n"));
    }
    for c in report.comparisons.iter().take(limit) {
        out.push_str(&format!("\n{} (A) vs {} (B)\n", c.a, c.b));
        for line in comparison_lines(c, report) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    if report.comparisons.len() > limit {
        out.push_str(&format!(
            "\n... {} more comparison(s) in summary.md\n",
            report.comparisons.len() - limit
        ));
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn levels_read_as_written() {
        assert_eq!(short_number(1.0 - 0.95), "0.05");
        assert_eq!(short_number(0.95 * 100.0), "95");
        assert_eq!(short_number(97.5), "97.5");
        assert_eq!(short_number(1.0 - 0.999), "0.001");
    }

    use super::*;

    fn row(category: &str, va: f64, vb: f64, log2: f64, significant: bool) -> Row {
        Row {
            lexicon: "crisis".into(),
            category: category.into(),
            tone: false,
            value_a: Some(va),
            value_b: Some(vb),
            hits_a: Some(1),
            hits_b: Some(1),
            tokens_a: 100,
            tokens_b: 100,
            n_a: 5,
            n_b: 5,
            diff: Some(va - vb),
            ci: Some((va - vb - 1.0, va - vb + 1.0)),
            ratio: (vb > 0.0).then(|| va / vb),
            log2_ratio: Some(log2),
            g2: Some(9.0),
            t: None,
            p: Some(0.003),
            p_adjusted: Some(0.0123),
            significant,
        }
    }

    #[test]
    fn names_the_larger_side_and_ranks_by_relative_size() {
        let c = Comparison {
            a: "A".into(),
            b: "B".into(),
            rows: vec![
                row("hope", 1.4, 4.34, -1.6, true),
                row("threat", 20.0, 10.0, 1.0, true),
                row("security", 9.0, 1.0, 3.0, false),
            ],
            keyness: Vec::new(),
            profiles: Vec::new(),
        };
        let top = largest(&c);
        assert_eq!(
            top.iter().map(|r| r.category.as_str()).collect::<Vec<_>>(),
            ["hope", "threat"]
        );
        let text = describe(&c, top[0], 0.95);
        assert!(text.starts_with("B uses crisis.hope language 3.1x as often as A (1.40 vs 4.34 per 1,000 tokens; difference -2.94, 95% CI -3.94 to -1.94"), "{text}");
        assert!(text.ends_with("G² = 9.0, adjusted p = 0.012)"), "{text}");
        let zero = row("violence", 2.0, 0.0, 2.3, true);
        assert!(
            describe(&c, &zero, 0.95).starts_with("A uses crisis.violence language and B does not")
        );
    }
}
