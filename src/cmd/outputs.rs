//! The comparisons, charts, time series and report of an output folder, shared by `analyze`
//! (after scoring) and `compare` (from a finished folder): compare, describe, draw, and write
//! every file into the run.

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use framescope::chart::{self, ChartFormat};
use framescope::compare::stories::{self, StoryWords};
use framescope::compare::{
    self, output, story_table, timeseries, CompareError, Description, Note, Observations, Report,
};
use framescope::output::{layout, AtomicFile, CsvStyle, OutputRun};
use framescope::report::{self, views, views::ArticleView};
use rayon::prelude::*;

use super::interrupt;
use crate::cli::ComparisonConfig;

/// Comparisons whose summary the terminal shows.
const TERMINAL_COMPARISONS: usize = 6;

/// What [`write_comparisons`] made.
pub struct Written {
    /// The comparisons, when they could be made as asked.
    pub report: Option<Report>,
    /// Why not, with the options that change it.
    pub not_compared: Option<anyhow::Error>,
}

/// Compares `obs`, describes its groups and articles, draws the charts asked for and writes
/// every comparison output, the time series and the report into `run`. When stories are to be
/// matched, `words` holds the articles' content words: the stories found go into `obs` first,
/// and into stories.csv. Comparisons that cannot be made as asked do not stop the rest: the
/// charts of the articles and groups, and the time series, are still written. `folder_format`
/// is the format of the charts already in the folder, kept unless another is asked for;
/// `candidates` the articles report.html may show (none: no report). A file that cannot be
/// written (a full disk) or a signal to stop is an error: then nothing may be put in place.
pub fn write_comparisons(
    run: &mut OutputRun,
    obs: &mut Observations,
    words: Option<&StoryWords>,
    config: &ComparisonConfig,
    style: CsvStyle,
    folder_format: Option<ChartFormat>,
    candidates: Option<Vec<ArticleView>>,
) -> Result<Written> {
    interrupt::check()?;
    if let (Some(threshold), Some(words)) = (config.match_stories, words) {
        run.add([match_stories(run.dir(), obs, words, threshold, style)?]);
    }
    let obs = &*obs;
    let compared: Result<Report> =
        compare::run(obs, &config.options).map_err(|e| anyhow!(error_message(&e)));
    let focus = compared
        .as_ref()
        .map(|r| r.focus.clone())
        .unwrap_or_default();
    let description = compare::describe(obs, &config.options, config.period, &focus);
    let report = compared.as_ref().ok();
    interrupt::check()?;
    let not_compared_text = compared.as_ref().err().map(|e| format!("{e:#}"));
    let format = config
        .chart_format
        .or(folder_format)
        .unwrap_or(ChartFormat::Png);
    let (charts, listed, inline) = match config.charts {
        true => draw(run.dir(), &description, report, format)?,
        false => (Vec::new(), Vec::new(), Vec::new()),
    };
    interrupt::check()?;
    if let Some(report) = report {
        let tables = output::write(run.dir(), report, &notes(report), style, &listed)
            .with_context(|| {
                format!(
                    "cannot write the comparison files in {}",
                    run.dir().display()
                )
            })?;
        // The comparison files come before the charts in the set, as run.json lists them.
        run.add(tables);
    }
    if let Some(series) = &description.timeseries {
        let file = timeseries::write(run.dir(), series, &description.schema, style)
            .with_context(|| format!("cannot write {}", layout::TIMESERIES))?;
        run.add([file]);
    }
    if let Some(candidates) = candidates {
        let compared: Vec<String> = report
            .iter()
            .flat_map(|r| &r.comparisons)
            .flat_map(|c| [&c.members.0, &c.members.1])
            .flat_map(|m| m.articles.iter().flatten().cloned())
            .collect();
        let (views, views_note) = views::select(candidates, &compared, obs.articles.len());
        let notes = report.map(notes).unwrap_or_default();
        let html = report::render(&report::Input {
            obs,
            description: &description,
            report,
            notes: &notes,
            not_compared: not_compared_text,
            charts: &inline,
            views: &views,
            views_note,
        });
        let path = run.dir().join(layout::REPORT);
        let file = AtomicFile::create(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, html.as_bytes()).map(|()| f))
            .with_context(|| format!("cannot write {}", path.display()))?;
        run.add([file]);
    }
    run.add(charts);
    if config.charts {
        run.add_charts(listed.into_iter().map(|(path, _)| path));
    }
    interrupt::check()?;
    let (report, not_compared) = match compared {
        Ok(report) => (Some(report), None),
        Err(e) => (None, Some(e)),
    };
    Ok(Written {
        report,
        not_compared,
    })
}

/// The format of the charts in the output folder `dir`, if it has any.
pub fn folder_chart_format(dir: &Path) -> Option<ChartFormat> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join(layout::CHARTS))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names.iter().find_map(|n| ChartFormat::of_file(n))
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

/// Chart files written, each chart's path in the output folder with what it shows, and their
/// bytes for the report.
type Drawn = (Vec<AtomicFile>, Vec<(String, String)>, Vec<report::Chart>);

/// Draws every chart of the run into the charts folder of `out`.
fn draw(
    out: &Path,
    description: &Description,
    report: Option<&Report>,
    format: ChartFormat,
) -> Result<Drawn> {
    let dir = out.join(layout::CHARTS);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let charts = chart::charts(description, report);
    // A chart takes a moment to draw: none is begun once a signal asked the run to stop.
    let rendered: Vec<_> = charts
        .par_iter()
        .map(|chart| (!interrupt::requested()).then(|| chart.render(format)))
        .collect();
    let mut files = Vec::new();
    let mut listed = Vec::new();
    let mut inline = Vec::new();
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
        inline.push(report::Chart {
            path: layout::chart_path(&file),
            description: chart.description.clone(),
            bytes,
            svg: format == ChartFormat::Svg,
        });
    }
    Ok((files, listed, inline))
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
        Note::Voice(voice) => format!("{note} (--voice {})", voice.name()),
        Note::SentencesNotKept { .. }
        | Note::MatchesMissing
        | Note::OneArticle
        | Note::BaselineNotCompared { .. } => note.to_string(),
    }
}
