//! The comparisons and charts of an output folder, shared by `analyze` (after scoring) and
//! `compare` (from a finished folder): compare, draw, write the comparison files into the run.

use std::path::Path;

use anyhow::{Context, Result};
use framescope::chart::{self, ChartFormat};
use framescope::compare::{self, engine::Report, Observations};
use framescope::output::{comparison, layout, AtomicFile, CsvStyle, OutputRun};
use rayon::prelude::*;

use crate::cli::ComparisonConfig;

/// Comparisons whose summary the terminal shows.
const TERMINAL_COMPARISONS: usize = 6;

/// Compares `obs`, draws the charts asked for and writes every comparison output into `run`;
/// returns the report for the terminal.
pub fn write_comparisons(
    run: &mut OutputRun,
    obs: &Observations,
    config: &ComparisonConfig,
    style: CsvStyle,
) -> Result<Report> {
    let report = compare::run(obs, &config.options)?;
    let (charts, listed) = match config.charts {
        Some(format) => draw(run.dir(), &report, format)?,
        None => (Vec::new(), Vec::new()),
    };
    let tables = comparison::write(run.dir(), &report, style, &listed).with_context(|| {
        format!(
            "cannot write the comparison files in {}",
            run.dir().display()
        )
    })?;
    // The comparison files come before the charts in the set, as run.json lists them.
    run.add(tables);
    run.add(charts);
    if config.charts.is_some() {
        run.add_charts(listed.into_iter().map(|(path, _)| path));
    }
    Ok(report)
}

/// Chart files written, and each chart's path in the output folder with what it shows.
type Drawn = (Vec<AtomicFile>, Vec<(String, String)>);

/// Draws every chart of `report` into the charts folder of `out`.
fn draw(out: &Path, report: &Report, format: ChartFormat) -> Result<Drawn> {
    let dir = out.join(layout::CHARTS);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let charts = chart::charts(report);
    let rendered: Vec<_> = charts
        .par_iter()
        .map(|chart| chart.render(format))
        .collect();
    let mut files = Vec::new();
    let mut listed = Vec::new();
    for (chart, bytes) in charts.iter().zip(rendered) {
        let file = chart.file(format);
        let bytes = bytes.with_context(|| format!("cannot draw {file}"))?;
        let path = dir.join(&file);
        let f = AtomicFile::create(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes).map(|()| f))
            .with_context(|| format!("cannot write {}", path.display()))?;
        files.push(f);
        listed.push((layout::chart_path(&file), chart.description.clone()));
    }
    Ok((files, listed))
}

/// The comparisons in short, for the terminal.
pub fn terminal_summary(report: &Report) -> String {
    compare::summary::terminal(report, TERMINAL_COMPARISONS)
}
