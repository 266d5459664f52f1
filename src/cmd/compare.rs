//! `framescope compare`: the comparisons and charts of a finished output folder; and the part
//! `analyze` shares with it: compare gathered counts and prepare the comparison files and charts.

use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use framescope::chart::{self, ChartFormat};
use framescope::compare::{
    self, output, read::read_folder, CompareError, Note, Observations, Report,
};
use framescope::report;
use framescope::report::{commit_all, AtomicFile, CsvStyle};
use rayon::prelude::*;

use super::EXIT_OK;
use crate::cli::{CompareConfig, ComparisonConfig};

/// Charts go into this folder of the output folder.
pub const CHARTS: &str = "charts";
/// Names of the charts this tool writes, to remove those of an earlier run.
const CHART_NAMES: [&str; 5] = ["frames", "heatmap", "tone", "tone_arcs", "difference_"];
/// Comparisons whose summary the terminal shows.
const TERMINAL_COMPARISONS: usize = 6;

/// The comparison files and charts of a run, written but not yet committed.
pub struct Prepared {
    pub files: Vec<AtomicFile>,
    /// Chart files, relative to the output folder.
    pub charts: Vec<String>,
    pub report: Report,
}

/// Compares and prepares every comparison output for `out`.
pub fn prepare(
    out: &Path,
    obs: &Observations,
    config: &ComparisonConfig,
    style: CsvStyle,
) -> Result<Prepared> {
    let report = compare::run(obs, &config.options).map_err(|e| anyhow!(error_message(&e)))?;
    let mut files = Vec::new();
    let mut listed = Vec::new();
    let mut charts = Vec::new();
    if let Some(format) = config.charts {
        let dir = out.join(CHARTS);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let charts_of_report = chart::charts(&report);
        let rendered: Vec<_> = charts_of_report
            .par_iter()
            .map(|chart| chart.render(format))
            .collect();
        for (chart, bytes) in charts_of_report.iter().zip(rendered) {
            let file = chart.file(format);
            let bytes = bytes.with_context(|| format!("cannot draw {file}"))?;
            let mut f = AtomicFile::create(&dir.join(&file))
                .with_context(|| format!("cannot write {}", dir.join(&file).display()))?;
            std::io::Write::write_all(&mut f, &bytes)?;
            files.push(f);
            let path = format!("{CHARTS}/{file}");
            listed.push((path.clone(), chart.description.clone()));
            charts.push(path);
        }
    }
    let mut tables = output::write(out, &report, &notes(&report), style, &listed)
        .with_context(|| format!("cannot write the comparison files in {}", out.display()))?;
    tables.append(&mut files);
    Ok(Prepared {
        files: tables,
        charts,
        report,
    })
}

/// Removes temporary files that an interrupted earlier run left in `out` and in its charts
/// folder.
pub fn remove_stale_temporaries(out: &Path) {
    report::remove_stale_temporaries(out);
    report::remove_stale_temporaries(&out.join(CHARTS));
}

/// Removes chart files of an earlier run that this run did not write again, so the folder never
/// mixes charts of two runs.
pub fn remove_stale_charts(out: &Path, written: &[String], format: Option<ChartFormat>) {
    let dir = out.join(CHARTS);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = CHART_NAMES.iter().any(|n| name.starts_with(n))
            && (name.ends_with(".png") || name.ends_with(".svg"));
        if ours && !written.iter().any(|w| w.ends_with(&format!("/{name}"))) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    if format.is_none() {
        let _ = std::fs::remove_dir(&dir);
    }
}

pub fn terminal_summary(report: &Report) -> String {
    compare::summary::terminal(report, &notes(report), TERMINAL_COMPARISONS)
}

/// Why the comparisons asked for cannot be made, with the options that change it.
fn error_message(e: &CompareError) -> String {
    match e {
        CompareError::TooManyArticles { .. } => {
            format!("{e}; compare groups (--pairs groups) or analyze fewer articles")
        }
        CompareError::TooManyPairs {
            count,
            unit,
            pairs,
            max,
        } => format!(
            "comparing every pair of {count} {} makes {pairs} comparisons, more than --max-units {max} allows; raise --max-units or pick a --baseline",
            unit.plural()
        ),
        CompareError::TooFewGroups(_) => format!("{e} (set one with --group-by)"),
        CompareError::UnknownBaseline { .. } => e.to_string(),
    }
}

/// The report's notes as the terminal and summary.md show them: with the options that change
/// what was decided.
fn notes(report: &Report) -> Vec<String> {
    report.notes.iter().map(note_text).collect()
}

fn note_text(note: &Note) -> String {
    match note {
        Note::NotAsked => "no comparison asked for (--pairs none)".into(),
        Note::GroupsInstead {
            articles,
            max_units,
            groups,
        } => format!(
            "{articles} articles make too many pairs (more than --max-units {max_units}): compared their {groups} groups instead"
        ),
        Note::OneGroupTooMany {
            articles,
            max_units,
        } => format!(
            "{articles} articles in one group: too many for every pair (--max-units {max_units}); pick a --baseline or set groups with --group-by"
        ),
        Note::TooManyPairs {
            count,
            unit,
            pairs,
            max_units,
        } => format!(
            "{count} {} make {pairs} pairs, more than --max-units {max_units} allows: no pairwise comparison (pick a --baseline or raise --max-units)",
            unit.plural()
        ),
        Note::KeynessIncomplete => "keyness needs every match: this output folder was written with a limited --evidence, so keyness.csv is empty; run `analyze` again (it counts terms whatever --evidence says)".into(),
        Note::SentencesNotKept { .. }
        | Note::OneArticle
        | Note::BaselineNotCompared { .. }
        | Note::ArcsLimited { .. } => note.to_string(),
    }
}

pub fn run(config: CompareConfig) -> Result<i32> {
    let (obs, info) = read_folder(&config.dir)?;
    if let (Some(asked), Some(recorded)) = (&config.group_by, &info.group_by) {
        if asked != recorded && asked != "group" {
            bail!(
                "{} was grouped by `{recorded}` when it was analyzed; to compare groups of `{asked}`, run `framescope analyze ... --group-by {asked}`",
                config.dir.display()
            );
        }
    }
    let mut comparison = config.comparison.clone();
    comparison.options.grouped |= info.group_by.is_some();
    let style = CsvStyle {
        bom: config.bom || info.style.bom,
        delimiter: config.delimiter.unwrap_or(info.style.delimiter),
    };
    std::fs::create_dir_all(&config.out)
        .with_context(|| format!("cannot create the output folder {}", config.out.display()))?;
    remove_stale_temporaries(&config.out);
    let prepared = prepare(&config.out, &obs, &comparison, style)?;
    commit_all(prepared.files)
        .context("cannot finish the comparison files; the previous ones are unchanged")?;
    remove_stale_charts(&config.out, &prepared.charts, comparison.charts);
    if !config.quiet {
        print!("{}", terminal_summary(&prepared.report));
        eprintln!(
            "framescope: {} comparison(s) of {} article(s), {} chart(s); results in {}",
            prepared.report.comparisons.len(),
            obs.articles.len(),
            prepared.charts.len(),
            config.out.display()
        );
    }
    Ok(EXIT_OK)
}
