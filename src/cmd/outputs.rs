//! The comparisons and charts of an output folder, shared by `analyze` (after scoring) and
//! `compare` (from a finished folder): compare, draw, write the comparison files into the run.

use std::path::Path;

use anyhow::{Context, Result};
use framescope::chart::{self, ChartFormat};
use framescope::compare::stories::{self, StoryWords};
use framescope::compare::{self, output, story_table, CompareError, Note, Observations, Report};
use framescope::output::{layout, AtomicFile, CsvStyle, OutputRun};
use rayon::prelude::*;

use super::interrupt;
use crate::cli::ComparisonConfig;

/// Comparisons whose summary the terminal shows.
const TERMINAL_COMPARISONS: usize = 6;

/// Compares `obs`, draws the charts asked for and writes every comparison output into `run`;
/// returns the report for the terminal, or (inside) why the comparisons asked for cannot be
/// made. When stories are to be matched, `words` holds the articles' content words: the stories
/// found go into `obs` first, and into stories.csv. A file that cannot be written (a full disk)
/// or a signal to stop is an error: then nothing may be put in place.
pub fn write_comparisons(
    run: &mut OutputRun,
    obs: &mut Observations,
    words: Option<&StoryWords>,
    config: &ComparisonConfig,
    style: CsvStyle,
) -> Result<Result<Report, String>> {
    interrupt::check()?;
    if let (Some(threshold), Some(words)) = (config.match_stories, words) {
        run.add([match_stories(run.dir(), obs, words, threshold, style)?]);
    }
    let obs = &*obs;
    let report = match compare::run(obs, &config.options) {
        Ok(report) => report,
        Err(e) => return Ok(Err(error_message(&e))),
    };
    interrupt::check()?;
    let (charts, listed) = match config.charts {
        Some(format) => draw(run.dir(), &report, format)?,
        None => (Vec::new(), Vec::new()),
    };
    interrupt::check()?;
    let tables =
        output::write(run.dir(), &report, &notes(&report), style, &listed).with_context(|| {
            format!(
                "cannot write the comparison files in {}",
                run.dir().display()
            )
        })?;
    // The comparison files come before the charts in the set, as run.json lists them.
    run.add(tables);
    run.add(charts);
    run.add_charts(listed.into_iter().map(|(path, _)| path));
    interrupt::check()?;
    Ok(Ok(report))
}

/// Finds the articles of different groups that report one story, gives them that story in
/// `obs`, and writes the pairs into stories.csv.
fn match_stories(
    dir: &Path,
    obs: &mut Observations,
    words: &StoryWords,
    threshold: f64,
    style: CsvStyle,
) -> Result<AtomicFile> {
    let articles = obs
        .articles
        .iter()
        .map(|a| (a.group.as_str(), a.story.as_str()));
    let matching = stories::match_stories(articles, words, threshold);
    matching.apply(obs.articles.iter_mut().map(|a| &mut a.story));
    story_table::write(dir, &matching, &obs.articles, style)
        .with_context(|| format!("cannot write {} in {}", layout::STORIES, dir.display()))
}

/// Chart files written, and each chart's path in the output folder with what it shows.
type Drawn = (Vec<AtomicFile>, Vec<(String, String)>);

/// Draws every chart of `report` into the charts folder of `out`.
fn draw(out: &Path, report: &Report, format: ChartFormat) -> Result<Drawn> {
    let dir = out.join(layout::CHARTS);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let charts = chart::charts(report);
    // A chart takes a moment to draw: none is begun once a signal asked the run to stop.
    let rendered: Vec<_> = charts
        .par_iter()
        .map(|chart| (!interrupt::requested()).then(|| chart.render(format)))
        .collect();
    let mut files = Vec::new();
    let mut listed = Vec::new();
    for (chart, bytes) in charts.iter().zip(rendered) {
        let file = chart.file(format);
        let bytes = bytes
            .ok_or(interrupt::Interrupted)?
            .with_context(|| format!("cannot draw {file}"))?;
        let path = dir.join(&file);
        let f = AtomicFile::create(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes).map(|()| f))
            .with_context(|| format!("cannot write {}", path.display()))?;
        files.push(f);
        listed.push((layout::chart_path(&file), chart.description.clone()));
    }
    Ok((files, listed))
}

/// The comparisons in short, for the terminal, wrapped to its width.
pub fn terminal_summary(report: &Report) -> String {
    compare::summary::terminal(
        report,
        &notes(report),
        TERMINAL_COMPARISONS,
        terminal_width(),
    )
}

/// Columns of the terminal stdout writes to; `COLUMNS` when set, else 100 when stdout is not a
/// terminal (a file or a pipe keeps lines of a readable length).
fn terminal_width() -> usize {
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    from_env
        .or_else(window_columns)
        .unwrap_or(100)
        .clamp(40, 160)
}

#[cfg(unix)]
fn window_columns() -> Option<usize> {
    // SAFETY: TIOCGWINSZ fills a winsize, which is zeroed first; a descriptor that is no
    // terminal makes the call fail, which is checked.
    unsafe {
        let mut size: libc::winsize = std::mem::zeroed();
        (libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) == 0 && size.ws_col > 0)
            .then_some(size.ws_col as usize)
    }
}

#[cfg(not(unix))]
fn window_columns() -> Option<usize> {
    None
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
        CompareError::UnknownFocus { .. } | CompareError::AmbiguousFocus { .. } => {
            format!("--focus: {e}; `framescope lexicon list` lists the categories")
        }
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
        Note::StoryPairsLimited { shown, total } => format!(
            "{total} same-story article pairs: the first {shown} (--max-units) are compared one by one, and all of them in the stories comparison"
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
        | Note::MatchesMissing
        | Note::OneArticle
        | Note::BaselineNotCompared { .. }
        | Note::ArcsLimited { .. } => note.to_string(),
    }
}
