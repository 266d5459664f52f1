//! `framescope compare`: the comparisons and charts of a finished output folder, made again
//! with other options, without scoring again.

use std::collections::HashMap;

use anyhow::{anyhow, bail, Context, Result};
use framescope::compare::read::{read_folder, read_folder_with_words, ReadError};
use framescope::output::{CsvStyle, OutputRun};
use framescope::report;

use super::outputs::{folder_chart_format, terminal_summary, write_comparisons};
use super::EXIT_OK;
use crate::cli::CompareConfig;

pub fn run(config: CompareConfig) -> Result<i32> {
    let voice = config.comparison.voice;
    let read = match config.comparison.match_stories {
        Some(_) => read_folder_with_words(&config.dir, voice)
            .map(|(obs, info, words)| (obs, info, Some(words))),
        None => read_folder(&config.dir, voice).map(|(obs, info)| (obs, info, None)),
    };
    let (mut obs, info, words) = read.map_err(|e| match e {
        ReadError::NoVoices { .. } => anyhow!(
            "--voice: {e}; run `framescope analyze` again (with --evidence all, the default) to compare one voice"
        ),
        other => other.into(),
    })?;
    if let (Some(asked), Some(recorded)) = (&config.group_by, &info.group_by) {
        if asked != recorded && asked != "group" {
            bail!(
                "{} was grouped by `{recorded}` when it was analyzed; to compare groups of `{asked}`, run `framescope analyze ... --group-by {asked}`",
                config.dir.display()
            );
        }
    }
    let comparison = config.comparison.clone();
    let style = CsvStyle {
        bom: config.bom || info.style.bom,
        delimiter: config.delimiter.unwrap_or(info.style.delimiter),
    };
    let mut run = OutputRun::open(&config.out)
        .with_context(|| format!("cannot create the output folder {}", config.out.display()))?;
    let folder_format = folder_chart_format(&config.dir);
    let candidates = match comparison.report {
        true => {
            let negatable: HashMap<(&str, &str), bool> = info
                .schema
                .categories
                .iter()
                .zip(&info.negatable)
                .map(|(c, &n)| ((c.lexicon.as_str(), c.name.as_str()), n))
                .collect();
            // Older folders do not say which categories negation empties: the match is
            // taken at its word, as matches.csv gives it.
            let counts = |lexicon: &str, category: &str, negated: bool| {
                !(negated && negatable.get(&(lexicon, category)).copied().unwrap_or(true))
            };
            Some(
                report::read::candidates(&config.dir, info.style, &counts).with_context(|| {
                    format!("cannot read the articles of {}", config.dir.display())
                })?,
            )
        }
        false => None,
    };
    let written = write_comparisons(
        &mut run,
        &mut obs,
        words.as_ref(),
        &comparison,
        style,
        folder_format,
        candidates,
    )?;
    // Nothing is put in place when the comparisons asked for cannot be made.
    let report = match (written.report, written.not_compared) {
        (Some(report), _) => report,
        (None, Some(e)) => return Err(e),
        (None, None) => bail!("no comparison was made"),
    };
    let charts = run.charts().len();
    run.commit()
        .context("cannot finish the comparison files; the previous ones are unchanged")?;
    print!("{}", terminal_summary(&report));
    if !config.quiet {
        eprintln!(
            "framescope: {} comparison(s) of {} article(s), {} chart(s); results in {}",
            report.comparisons.len(),
            obs.articles.len(),
            charts,
            config.out.display()
        );
    }
    Ok(EXIT_OK)
}
