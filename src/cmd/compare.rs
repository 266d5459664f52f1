//! `framescope compare`: the comparisons and charts of a finished output folder, made again
//! with other options, without scoring again.

use std::collections::HashMap;

use anyhow::{anyhow, bail, Context, Result};
use framescope::compare::read::{read_folder, read_folder_with_words, ReadError};
use framescope::output::run::same_folder;
use framescope::output::{CommitError, CsvStyle, Manifest, OutputRun};
use framescope::report;

use super::outputs::{folder_chart_format, terminal_summary, write_comparisons};
use super::{hints, interrupt, visible, EXIT_OK};
use crate::cli::CompareConfig;

pub fn run(config: CompareConfig) -> Result<i32> {
    interrupt::watch();
    let out = config.out.clone();
    match run_until_done(config) {
        Err(e) if interrupt::is_interrupted(&e) => {
            eprintln!(
                "framescope: interrupted; nothing was replaced: the previous comparisons in {} are unchanged",
                out.display()
            );
            Ok(interrupt::exit_code())
        }
        other => other,
    }
}

fn run_until_done(config: CompareConfig) -> Result<i32> {
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
    interrupt::check()?;
    if let (Some(asked), Some(recorded)) = (&config.group_by, &info.group_by) {
        if asked != recorded && asked != "group" {
            bail!(
                "{} was grouped by `{recorded}` when it was analyzed; to compare groups of `{asked}`, run `framescope analyze ... --group-by {asked}`",
                config.dir.display()
            );
        }
    }
    let scores = Manifest::read(&config.dir)?;
    let comparison = config.comparison.clone();
    let style = CsvStyle {
        bom: config.bom || info.style.bom,
        delimiter: config.delimiter.unwrap_or(info.style.delimiter),
        inert_formulas: config.bom || info.style.inert_formulas,
        decimal_comma: config.decimal_comma || info.style.decimal_comma,
    };
    crate::cli::check_decimal_comma(style.delimiter, style.decimal_comma)?;
    let mut run = OutputRun::open(&config.out).map_err(hints::open_error)?;
    if !same_folder(&config.out, &config.dir) && run.holds_scores() {
        bail!(
            "{} holds the scores of another `analyze` run; write the comparisons of {} into a folder of their own (--out)",
            config.out.display(),
            config.dir.display()
        );
    }
    let unchanged = "; the previous comparisons are unchanged";
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
    let written = match write_comparisons(
        &mut run,
        &mut obs,
        words.as_ref(),
        &comparison,
        style,
        folder_format,
        candidates,
    ) {
        Ok(written) => written,
        Err(e) if interrupt::is_interrupted(&e) => return Err(e),
        Err(e) => bail!("{e:#}{unchanged}"),
    };
    // Nothing is put in place when the comparisons asked for cannot be made.
    let report = match (written.report, written.not_compared) {
        (Some(report), _) => report,
        (None, Some(e)) => return Err(e),
        (None, None) => bail!("no comparison was made"),
    };
    let charts = run.charts().len();
    match run.commit_comparisons(&scores, &config.dir, interrupt::stop_flag()) {
        Ok(()) => {}
        Err(CommitError::Interrupted) => return Err(interrupt::Interrupted.into()),
        Err(CommitError::Io(e)) => {
            bail!("cannot put the comparison files in place: {e}{unchanged}")
        }
    }
    print!("{}", visible(&terminal_summary(&report)));
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
