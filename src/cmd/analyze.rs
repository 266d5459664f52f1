//! `framescope analyze`: articles in, CSV tables and run.json out.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use framescope::checks::ArticleChecks;
use framescope::compare::{self, engine::DETAIL_LIMIT, Gatherer, PairsMode};
use framescope::corpus::{Article, Corpus, Input};
use framescope::pipeline::{self, PipelineError, PipelineOptions, Prepared};
use framescope::report::manifest::{self, Manifest, SkippedEntry, WarningEntry};
use framescope::report::{commit_set, finish_all, AtomicFile, Tables};
use framescope::ArticleScores;

use super::compare::{prepare, remove_stale_charts, remove_stale_temporaries, terminal_summary};
use super::progress::Progress;
use super::{hints, interrupt, load_scorer, EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL};
use crate::cli::AnalyzeConfig;

/// The run manifest, written last: it lists the other outputs of its run.
const RUN_JSON: &str = "run.json";

/// What the run saw, gathered as articles are written.
#[derive(Default)]
struct Tally {
    articles: u64,
    tokens: u64,
    bytes: u64,
    skipped: Vec<SkippedEntry>,
    warnings: Vec<WarningEntry>,
}

/// In `--pairs auto` mode, comparisons and charts are dropped past this many articles.
const AUTO_COMPARE_LIMIT: u64 = 10_000;

pub fn run(config: AnalyzeConfig) -> Result<i32> {
    let started = Instant::now();
    let started_unix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let (scorer, lexicon_warnings) = load_scorer(&config.lexicons, &config.lexicon_dir)?;
    if lexicon_warnings > 0 && !config.quiet {
        eprintln!("framescope: {lexicon_warnings} lexicon warning(s); `framescope lexicon check` lists them");
    }
    let set = scorer.lexicons();
    std::fs::create_dir_all(&config.out)
        .with_context(|| format!("cannot create the output folder {}", config.out.display()))?;
    remove_stale_temporaries(&config.out);
    let stop = interrupt::stop_flag();
    let mut tables = Tables::create(&config.out, set, config.style, config.evidence)
        .with_context(|| format!("cannot write in the output folder {}", config.out.display()))?;

    let corpus = Corpus::open(&config.inputs, config.read.clone());
    let mut progress = Progress::new(config.quiet, corpus.total_bytes(), corpus.read_counter());
    let options = PipelineOptions {
        jobs: config.jobs,
        ..PipelineOptions::default()
    };
    let mut tally = Tally::default();
    let comparing =
        config.comparison.options.pairs != PairsMode::None || config.comparison.charts.is_some();
    let mut gatherer =
        comparing.then(|| Gatherer::new(compare::gather::schema(set), DETAIL_LIMIT, true));
    let gathering = AtomicBool::new(comparing);
    let auto_pairs = config.comparison.options.pairs == PairsMode::Auto;
    let checks = ArticleChecks::new(set);
    let renderer = tables.renderer();
    // On the scoring threads: the article's checks (their warnings go into its row), then its
    // rows and its counts for comparisons, so that the writer only appends bytes.
    let prepare_rows = |article: &mut Article, scores: &ArticleScores| {
        article
            .warnings
            .extend(checks.warnings(&article.text, scores));
        let gathered = gathering
            .load(Ordering::Relaxed)
            .then(|| compare::gather::article(set, article, scores));
        (renderer.render(set, article, scores), gathered)
    };
    let result = pipeline::run_prepared(
        corpus,
        &scorer,
        options,
        stop,
        prepare_rows,
        |scored| -> Result<()> {
            match scored {
                Prepared::Article(boxed) => {
                    let (article, scores, (rows, gathered)) = *boxed;
                    tables.write_rows(&rows).with_context(|| {
                        format!("while writing the results of {}", article.origin)
                    })?;
                    if let (Some(gatherer), Some(gathered)) = (&mut gatherer, gathered) {
                        gathered.add_to(gatherer, set);
                    }
                    tally.articles += 1;
                    if auto_pairs && gatherer.is_some() && tally.articles > AUTO_COMPARE_LIMIT {
                        // Comparisons keep counts for every article: beyond this size they are
                        // made only when asked for, so that memory stays flat by default.
                        gatherer = None;
                        gathering.store(false, Ordering::Relaxed);
                        progress.println(&format!(
                            "framescope: more than {AUTO_COMPARE_LIMIT} articles: no comparisons or charts \
                             unless asked for with --pairs groups or --group-by (they hold about 1 KB per article)"
                        ));
                    }
                    tally.tokens += scores.tokens as u64;
                    tally.bytes += article.text.len() as u64;
                    for w in &article.warnings {
                        progress.println(&format!("framescope: warning: {}: {w}", article.origin));
                        tally.warnings.push(WarningEntry {
                            article_id: article.id.clone(),
                            origin: article.origin.clone(),
                            message: w.clone(),
                        });
                    }
                    progress.advance(article.text.len() as u64);
                }
                Prepared::Skipped(s) => {
                    let reason = hints::skip_reason(&s.reason);
                    progress.println(&format!("framescope: skipped {}: {reason}", s.origin));
                    tally.skipped.push(SkippedEntry {
                        origin: s.origin,
                        reason,
                    });
                }
            }
            Ok(())
        },
    );
    progress.finish();
    let unchanged = format!(
        "nothing was replaced: the previous outputs in {} are unchanged",
        config.out.display()
    );
    let cannot_write = |e: &dyn std::fmt::Display| {
        anyhow!(
            "cannot write the outputs in {}: {e}; {unchanged}",
            config.out.display()
        )
    };
    match result {
        Ok(()) => {}
        Err(PipelineError::Sink(e)) => return Err(cannot_write(&format_args!("{e:#}"))),
        Err(PipelineError::Interrupted) => {
            drop(tables); // removes the temporary files
            eprintln!(
                "framescope: interrupted after {} article(s); {unchanged}",
                tally.articles
            );
            return Ok(EXIT_INTERRUPTED);
        }
        Err(e) => bail!("{e}; {unchanged}"),
    }
    if tally.articles == 0 {
        bail!(
            "no article could be read from {}; nothing was written (the previous outputs in {} are unchanged)",
            describe_inputs(&config.inputs),
            config.out.display()
        );
    }

    let files = tables.into_files().map_err(|e| cannot_write(&e))?;
    // Syncing the tables waits for the disk: it overlaps the comparisons and charts.
    let (files, prepared) = std::thread::scope(|scope| {
        let syncing = scope.spawn(move || {
            let mut files = files;
            finish_all(&mut files).map(|()| files)
        });
        let prepared = gatherer.map(|gatherer| {
            prepare(
                &config.out,
                &gatherer.finish(),
                &config.comparison,
                config.style,
            )
        });
        let files = syncing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (files, prepared)
    });
    let mut files = files.map_err(|e| cannot_write(&e))?;
    // Comparisons that cannot be made as asked (too many pairs, say: known only once every
    // article is scored) do not throw the scores away: they are written, and `compare` can
    // compare them with other options without scoring again.
    let prepared = match prepared.transpose() {
        Ok(prepared) => prepared,
        Err(e) => {
            let message = format!(
                "not compared: {e:#}; the scores are written, and `framescope compare {}` with other options compares them without scoring again",
                config.out.display()
            );
            eprintln!("framescope: warning: {message}");
            tally.warnings.push(WarningEntry {
                article_id: String::new(),
                origin: "comparisons".into(),
                message,
            });
            None
        }
    };
    let charts = prepared.map(|mut p| {
        files.append(&mut p.files);
        (p.charts, p.report)
    });
    finish_all(&mut files).map_err(|e| cannot_write(&e))?;
    let code = if tally.skipped.is_empty() && tally.warnings.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    };
    let (lexicons, rules) = manifest::lexicon_entries(set);
    let seconds = started.elapsed().as_secs_f64();
    let manifest = Manifest {
        tool: "framescope",
        version: env!("CARGO_PKG_VERSION"),
        run_id: format!("{:x}-{:x}", started_unix, std::process::id()),
        started_at: manifest::rfc3339((started_unix / 1_000_000_000) as u64),
        seconds: (seconds * 1000.0).round() / 1000.0,
        arguments: config.arguments.clone(),
        inputs: config.inputs.iter().map(input_name).collect(),
        group_by: config.group_by.clone(),
        lexicons,
        rules,
        articles: tally.articles,
        tokens: tally.tokens,
        skipped: tally.skipped,
        warnings: tally.warnings,
        outputs: files
            .iter()
            .map(|f| manifest::pending_output_entry(&config.out, f))
            .collect::<std::io::Result<_>>()?,
        exit_code: code,
    };
    let mut run_json =
        AtomicFile::create(&config.out.join(RUN_JSON)).map_err(|e| cannot_write(&e))?;
    serde_json::to_writer_pretty(&mut run_json, &manifest).map_err(|e| cannot_write(&e))?;
    std::io::Write::write_all(&mut run_json, b"\n").map_err(|e| cannot_write(&e))?;
    let obsolete = manifest::previous_outputs(&config.out, RUN_JSON);
    commit_set(files, run_json, &obsolete).with_context(|| {
        format!(
            "cannot put the outputs in place in {}",
            config.out.display()
        )
    })?;
    remove_stale_charts(
        &config.out,
        charts.as_ref().map_or(&[][..], |c| &c.0[..]),
        config.comparison.charts,
    );

    if !config.quiet {
        if let Some((_, report)) = &charts {
            print!("{}", terminal_summary(report));
        }
        let mb = tally.bytes as f64 / 1e6;
        eprintln!(
            "framescope: {} article(s), {} tokens, {:.1} MB in {:.2} s ({:.1} MB/s, {:.0} articles/s); {} skipped, {} warning(s); results in {}",
            tally.articles,
            tally.tokens,
            mb,
            seconds,
            mb / seconds.max(1e-9),
            tally.articles as f64 / seconds.max(1e-9),
            manifest.skipped.len(),
            manifest.warnings.len(),
            config.out.display()
        );
    }
    Ok(code)
}

fn input_name(input: &Input) -> String {
    match input {
        Input::Stdin => "-".into(),
        Input::Path(p) => p.display().to_string(),
    }
}

fn describe_inputs(inputs: &[Input]) -> String {
    inputs.iter().map(input_name).collect::<Vec<_>>().join(", ")
}
