//! The comparison outputs: `comparison.csv`, `keyness.csv`, `similarity.csv` and `summary.md`.

use std::io::Write;
use std::path::Path;

use super::findings::{Comparison, Measure, Omnibus, Report, Row, Test};
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

/// The columns that name a comparison in `keyness.csv` and `similarity.csv`, as in
/// `comparison.csv`.
const KEY_COLUMNS: [&str; 4] = ["design", "a", "b", "story"];

fn key(c: &Comparison) -> [&str; 4] {
    [
        c.design.name(),
        &c.a,
        &c.b,
        c.story.as_deref().unwrap_or(""),
    ]
}

/// A line of `comparison.csv`: a lexicon's omnibus test, then its category rows.
enum Line<'a> {
    Omnibus(&'a Omnibus),
    Row(&'a Row),
}

/// The columns of the comparison files whose cells are numbers (given the style's decimal mark);
/// the others hold text.
pub const NUMBERS: [&str; 29] = [
    "value_a",
    "value_b",
    "diff",
    "ci_low",
    "ci_high",
    "ratio",
    "log2_ratio",
    "g2",
    "t",
    "statistic",
    "df",
    "p_value",
    "p_adjusted",
    "hits_a",
    "hits_b",
    "tokens_a",
    "tokens_b",
    "n_a",
    "n_b",
    "articles_a",
    "articles_b",
    "sentences_a",
    "sentences_b",
    "stories",
    "count_a",
    "count_b",
    "per_1k_a",
    "per_1k_b",
    "cosine",
];

/// The columns of `comparison.csv` whose cells are `true` or `false` (or empty where they do
/// not apply).
pub const FLAGS: [&str; 2] = ["significant", "interval_excludes_0"];

/// The category of omnibus lines: all of the lexicon's categories at once.
pub const OMNIBUS_CATEGORY: &str = "(all categories)";

type Cell = fn(&Comparison, &Line) -> String;

fn row_cell(line: &Line, cell: impl Fn(&Row) -> String) -> String {
    match line {
        Line::Row(r) => cell(r),
        Line::Omnibus(_) => String::new(),
    }
}

/// The columns of `comparison.csv`, in order: one list for the header and every line.
const COMPARISON_COLUMNS: &[(&str, Cell)] = &[
    ("design", |c, _| c.design.name().into()),
    ("a", |c, _| c.a.clone()),
    ("b", |c, _| c.b.clone()),
    ("story", |c, _| c.story.clone().unwrap_or_default()),
    ("lexicon", |_, l| match l {
        Line::Row(r) => r.lexicon.clone(),
        Line::Omnibus(o) => o.lexicon.clone(),
    }),
    ("category", |_, l| match l {
        Line::Row(r) => r.category.clone(),
        Line::Omnibus(_) => OMNIBUS_CATEGORY.into(),
    }),
    ("family", |_, l| match l {
        Line::Row(r) => r.family.clone(),
        Line::Omnibus(_) => "omnibus".into(),
    }),
    ("role", |_, l| {
        match l {
            Line::Row(r) if r.primary => "primary",
            _ => "exploratory",
        }
        .into()
    }),
    ("test", |_, l| match l {
        Line::Row(r) => r.test.name().into(),
        Line::Omnibus(o) => o.test.name().into(),
    }),
    // An omnibus test compares the mix of the lexicon's hits per token.
    ("measure", |_, l| match l {
        Line::Row(r) => r.measure.name().into(),
        Line::Omnibus(_) => Measure::RatePer1k.name().into(),
    }),
    ("value_a", |_, l| {
        row_cell(l, |r| fixed_opt(r.value_a, DECIMALS))
    }),
    ("value_b", |_, l| {
        row_cell(l, |r| fixed_opt(r.value_b, DECIMALS))
    }),
    ("diff", |_, l| row_cell(l, |r| fixed_opt(r.diff, DECIMALS))),
    ("ci_low", |_, l| {
        row_cell(l, |r| fixed_opt(r.ci.map(|c| c.0), DECIMALS))
    }),
    ("ci_high", |_, l| {
        row_cell(l, |r| fixed_opt(r.ci.map(|c| c.1), DECIMALS))
    }),
    ("ratio", |_, l| {
        row_cell(l, |r| fixed_opt(r.ratio, DECIMALS))
    }),
    ("log2_ratio", |_, l| {
        row_cell(l, |r| fixed_opt(r.log2_ratio, DECIMALS))
    }),
    ("g2", |_, l| match l {
        Line::Row(r) => fixed_opt(r.g2, DECIMALS),
        Line::Omnibus(o) if o.test == Test::Homogeneity => fixed(o.statistic, DECIMALS),
        Line::Omnibus(_) => String::new(),
    }),
    ("t", |_, l| row_cell(l, |r| fixed_opt(r.t, DECIMALS))),
    ("statistic", |_, l| match l {
        Line::Row(r) => fixed_opt(r.g2.or(r.t), DECIMALS),
        Line::Omnibus(o) => fixed(o.statistic, DECIMALS),
    }),
    ("df", |_, l| match l {
        Line::Omnibus(o) if o.test == Test::Homogeneity => o.df.to_string(),
        _ => String::new(),
    }),
    ("p_value", |_, l| match l {
        Line::Row(r) => fixed_opt(r.p, P_DECIMALS),
        Line::Omnibus(o) => fixed(o.p, P_DECIMALS),
    }),
    ("p_adjusted", |_, l| match l {
        Line::Row(r) => fixed_opt(r.p_adjusted, P_DECIMALS),
        Line::Omnibus(o) => fixed_opt(o.p_adjusted, P_DECIMALS),
    }),
    ("significant", |_, l| {
        flag(match l {
            Line::Row(r) => r.significant,
            Line::Omnibus(o) => o.significant,
        })
        .into()
    }),
    ("interval_excludes_0", |_, l| {
        row_cell(l, |r| {
            if r.ci.is_some() {
                flag(r.interval_excludes_zero()).into()
            } else {
                String::new()
            }
        })
    }),
    ("hits_a", |_, l| row_cell(l, |r| count(r.hits_a))),
    ("hits_b", |_, l| row_cell(l, |r| count(r.hits_b))),
    ("tokens_a", |c, l| match l {
        Line::Row(r) => r.tokens_a.to_string(),
        Line::Omnibus(_) => c
            .rows
            .first()
            .map_or(String::new(), |r| r.tokens_a.to_string()),
    }),
    ("tokens_b", |c, l| match l {
        Line::Row(r) => r.tokens_b.to_string(),
        Line::Omnibus(_) => c
            .rows
            .first()
            .map_or(String::new(), |r| r.tokens_b.to_string()),
    }),
    ("n_a", |_, l| row_cell(l, |r| r.n_a.to_string())),
    ("n_b", |_, l| row_cell(l, |r| r.n_b.to_string())),
    ("resampled", |c, _| c.resampled.into()),
    ("articles_a", |c, _| c.sizes.articles_a.to_string()),
    ("articles_b", |c, _| c.sizes.articles_b.to_string()),
    ("sentences_a", |c, _| c.sizes.sentences_a.to_string()),
    ("sentences_b", |c, _| c.sizes.sentences_b.to_string()),
    ("stories", |c, _| c.sizes.stories.to_string()),
    ("caution", |c, _| {
        c.cautions
            .iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    }),
];

/// A comparison's lines of `comparison.csv`: its omnibus tests, then its category rows.
fn lines(c: &Comparison) -> impl Iterator<Item = Line<'_>> {
    c.omnibus
        .iter()
        .map(Line::Omnibus)
        .chain(c.rows.iter().map(Line::Row))
}

/// `comparison.csv` in the plain style, written into `out`, for a program that takes the
/// comparisons in memory; its columns named in [`NUMBERS`] hold numbers.
pub fn comparison_csv(report: &Report, out: impl Write) -> std::io::Result<()> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(COMPARISON_COLUMNS.iter().map(|(name, _)| *name))?;
    for c in &report.comparisons {
        for line in lines(c) {
            csv.write_record(COMPARISON_COLUMNS.iter().map(|(_, cell)| cell(c, &line)))?;
        }
    }
    csv.flush()
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
    let header: Vec<&str> = COMPARISON_COLUMNS.iter().map(|(name, _)| *name).collect();
    let mut csv = style.table(&dir.join(COMPARISON), &header, &NUMBERS)?;
    for c in &report.comparisons {
        for line in lines(c) {
            csv.row(COMPARISON_COLUMNS.iter().map(|(_, cell)| cell(c, &line)))?;
        }
    }
    let mut files = vec![csv.into_file()];

    let header: Vec<&str> = KEY_COLUMNS
        .into_iter()
        .chain([
            "lexicon",
            "category",
            "term",
            "words",
            "favours",
            "count_a",
            "count_b",
            "per_1k_a",
            "per_1k_b",
            "log2_ratio",
            "g2",
            "p_value",
        ])
        .collect();
    let mut csv = style.table(&dir.join(KEYNESS), &header, &NUMBERS)?;
    for c in &report.comparisons {
        for k in &c.keyness {
            csv.row(key(c).into_iter().chain([
                k.lexicon.as_str(),
                &k.category,
                &k.term,
                &k.words,
                &k.favours,
                &k.count_a.to_string(),
                &k.count_b.to_string(),
                &fixed_opt(k.rate_a, DECIMALS),
                &fixed_opt(k.rate_b, DECIMALS),
                &fixed_opt(k.log2_ratio, DECIMALS),
                &fixed(k.g2, DECIMALS),
                &fixed(k.p, P_DECIMALS),
            ]))?;
        }
    }
    files.push(csv.into_file());

    let header: Vec<&str> = KEY_COLUMNS
        .into_iter()
        .chain(["lexicon", "cosine", "dominant_a", "dominant_b"])
        .collect();
    let mut csv = style.table(&dir.join(SIMILARITY), &header, &NUMBERS)?;
    for c in &report.comparisons {
        for p in &c.profiles {
            csv.row(key(c).into_iter().chain([
                p.lexicon.as_str(),
                &fixed_opt(p.cosine, DECIMALS),
                p.dominant_a.as_deref().unwrap_or(""),
                p.dominant_b.as_deref().unwrap_or(""),
            ]))?;
        }
    }
    files.push(csv.into_file());

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
        s.push_str(&format!("\n## {}\n\n", summary::heading(c)));
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
