//! `framescope lexicon list` and `framescope lexicon check`.

use std::path::PathBuf;

use anyhow::Result;
use framescope::lexicon::{self, Severity};
use framescope::LexiconDir;

use super::{load_scorer, visible, EXIT_FAILED, EXIT_OK, EXIT_PARTIAL};

pub fn list(selection: &[String], dir: &LexiconDir) -> Result<i32> {
    let (scorer, _) = load_scorer(selection, dir)?;
    let set = scorer.lexicons();
    for l in &set.lexicons {
        let tone = if l.tone { ", makes the tone score" } else { "" };
        println!(
            "{} {} ({}, {} terms, from {}{tone})",
            l.id, l.version, l.name, l.term_count, l.origin
        );
        println!("  {}", visible(&l.description));
        for c in &set.categories[l.categories.clone()] {
            let (stops, terms): (Vec<_>, Vec<_>) = set
                .terms
                .iter()
                .filter(|t| set.categories[t.category as usize].column == c.column)
                .partition(|t| t.stop);
            let stops = match stops.len() {
                0 => String::new(),
                n => format!(", {n} stop phrases"),
            };
            let polarity = match c.polarity {
                1 => "+",
                -1 => "-",
                _ => " ",
            };
            println!(
                "  {polarity} {:<24} {:>5} terms{stops}  {}",
                c.column,
                terms.len(),
                c.description
            );
        }
        println!();
    }
    Ok(EXIT_OK)
}

pub fn check(paths: &[PathBuf], dir: &LexiconDir) -> Result<i32> {
    let diagnostics = lexicon::check(paths, dir)?;
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    for d in &diagnostics {
        println!("{}", visible(&d.to_string()));
    }
    let what = if paths.is_empty() {
        "the available lexicons".to_string()
    } else {
        format!("{} file(s)", paths.len())
    };
    eprintln!("{errors} error(s), {warnings} warning(s) in {what}");
    Ok(if errors > 0 {
        EXIT_FAILED
    } else if warnings > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
