//! `framescope validate`: scores articles, joins the scores with a gold file of human codes by id
//! and reports how well they agree, on the terminal and in validation.csv.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use anyhow::{bail, Context, Result};
use framescope::corpus::{Corpus, Item};
use framescope::pipeline::{self, PipelineError, PipelineOptions, Scored};
use framescope::validate::{self, gold, report, Comparison, Level, ScoreSpec};

use framescope::output::lock::FolderLock;

use super::{hints, interrupt, load_scorer, visible, EXIT_OK, EXIT_PARTIAL};
use crate::cli::ValidateConfig;

/// How many unmatched ids the summary lists.
const SHOWN_IDS: usize = 5;

/// Articles read but not scored because the gold file has no row for them.
#[derive(Default)]
struct Unwanted {
    count: usize,
    first: Vec<String>,
}

pub fn run(config: ValidateConfig) -> Result<i32> {
    interrupt::watch();
    let gold = gold::read(&config.gold, &config.gold_options).map_err(hints::gold_error)?;
    let (mut comparisons, mut defaulted): (Vec<Comparison>, Vec<bool>) =
        if config.comparisons.is_empty() {
            gold.columns
                .iter()
                .map(|c| {
                    let comparison = Comparison {
                        gold_column: c.clone(),
                        score: config.default_score.clone(),
                    };
                    (comparison, true)
                })
                .unzip()
        } else {
            (config.comparisons.clone(), config.defaulted.clone())
        };
    if config.score_given {
        defaulted.iter_mut().for_each(|d| *d = false);
    }
    let specs_of = |comparisons: &[Comparison]| {
        let mut specs: Vec<ScoreSpec> = Vec::new();
        for c in comparisons {
            if !specs.contains(&c.score) {
                specs.push(c.score.clone());
            }
        }
        specs
    };
    let lexicons = if config.lexicons.is_empty() {
        let mut ids: Vec<String> = specs_of(&comparisons)
            .iter()
            .map(|s| s.lexicon_id().to_string())
            .collect();
        ids.sort();
        ids.dedup();
        ids
    } else {
        config.lexicons.clone()
    };
    let (scorer, _) = load_scorer(&lexicons, &config.lexicon_dir)?;
    // A gold column that names no score is compared with the fitted category of its name.
    for (c, defaulted) in comparisons.iter_mut().zip(&defaulted) {
        if let Some(fitted) = defaulted
            .then(|| validate::fitted_score_for(scorer.lexicons(), &c.gold_column))
            .flatten()
        {
            c.score = fitted;
        }
    }
    let specs = specs_of(&comparisons);
    let resolved = validate::resolve(&specs, scorer.lexicons())?;

    // Only articles the gold file codes are scored; the others are counted.
    let wanted: HashSet<String> = gold
        .rows
        .iter()
        .map(|r| match config.level {
            Level::Article => r.key.clone(),
            Level::Sentence => validate::article_of_sentence_key(&r.key).to_string(),
        })
        .collect();
    // Shared with the reading thread, which counts what it leaves out.
    let unwanted = Arc::new(Mutex::new(Unwanted::default()));
    let counted = Arc::clone(&unwanted);
    let mut read = config.read.clone();
    read.exclude.extend(config.out.canonicalize().ok());
    let articles = Corpus::open(&config.inputs, read).filter(move |item| match item {
        Item::Article(a) if !wanted.contains(a.id.as_str()) => {
            let mut u = counted.lock().unwrap_or_else(|e| e.into_inner());
            u.count += 1;
            if u.first.len() < SHOWN_IDS {
                u.first.push(a.id.clone());
            }
            false
        }
        _ => true,
    });
    let mut scored: HashMap<String, Vec<Option<f64>>> = HashMap::new();
    let mut problems = 0usize;
    let options = PipelineOptions {
        jobs: config.jobs,
        ..PipelineOptions::default()
    };
    let result = pipeline::run(
        articles,
        &scorer,
        options,
        interrupt::stop_flag(),
        |item| -> Result<(), std::convert::Infallible> {
            match item {
                Scored::Article(boxed) => {
                    let (article, scores) = &*boxed;
                    for w in &article.warnings {
                        eprintln!(
                            "framescope: warning: {}",
                            visible(&format!("{}: {}", article.origin, hints::warning(w)))
                        );
                        problems += 1;
                    }
                    match config.level {
                        Level::Article => {
                            scored.insert(
                                article.id.clone(),
                                validate::article_values(scores, &resolved),
                            );
                        }
                        Level::Sentence => {
                            for (i, values) in validate::sentence_values(scores, &resolved)
                                .into_iter()
                                .enumerate()
                            {
                                scored.insert(validate::sentence_key(&article.id, i + 1), values);
                            }
                        }
                    }
                }
                Scored::Skipped(s) => {
                    eprintln!(
                        "framescope: skipped {}",
                        visible(&format!("{}: {}", s.origin, hints::skip_reason(&s.reason)))
                    );
                    problems += 1;
                }
            }
            Ok(())
        },
    );
    match result {
        Ok(()) => {}
        Err(PipelineError::Sink(never)) => match never {},
        Err(PipelineError::Interrupted) => return Err(interrupt::Interrupted.into()),
        Err(e) => bail!("{e}"),
    }
    for w in &gold.warnings {
        eprintln!("framescope: warning: {}", visible(w));
        problems += 1;
    }

    let validation = validate::join(
        config.level,
        &gold,
        &specs,
        &scored,
        &comparisons,
        config.threshold,
    );
    let unwanted = std::mem::take(&mut *unwanted.lock().unwrap_or_else(|e| e.into_inner()));
    let join = &validation.join;
    let unit = config.level.name();
    if join.matched == 0 {
        let hint = match (config.level, config.gold_options.sentence.is_some()) {
            (Level::Sentence, false) => {
                " At sentence level the gold ids must read ARTICLE_ID:N (or give --gold-sentence)."
            }
            _ => "",
        };
        bail!(
            "no gold id matched a scored {unit}: gold ids such as {} against scored ids such as {}; check --gold-id and --id-col.{hint}",
            quoted(join.gold_unmatched.iter().take(3)),
            quoted(scored.keys().take(3).chain(unwanted.first.iter().take(3)))
        );
    }
    if !config.quiet {
        println!(
            "{} of {} gold {unit}s matched a scored {unit} (gold ids from column `{}` of {}).",
            join.matched,
            join.gold_rows,
            gold.id_column,
            config.gold.display()
        );
        if !join.gold_unmatched.is_empty() {
            println!(
                "{} gold id(s) matched nothing, e.g. {}.",
                join.gold_unmatched.len(),
                quoted(join.gold_unmatched.iter().take(SHOWN_IDS))
            );
        }
        if unwanted.count > 0 {
            println!(
                "{} article(s) have no gold row and were not scored, e.g. {}.",
                unwanted.count,
                quoted(unwanted.first.iter())
            );
        }
        println!();
    }
    print!("{}", visible(&report::render(&validation)));
    interrupt::check()?;
    std::fs::create_dir_all(&config.out)
        .with_context(|| format!("cannot create the output folder {}", config.out.display()))?;
    // Another run writing into the folder must not see its temporary files go.
    let _lock = FolderLock::acquire(&config.out).map_err(|e| hints::open_error(e.into()))?;
    let path = report::write_csv(&config.out, &validation)
        .with_context(|| format!("cannot write {}", config.out.display()))?;
    if !config.quiet {
        println!("\nWritten: {}", path.display());
    }
    Ok(if problems > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

fn quoted<'a>(ids: impl Iterator<Item = &'a String>) -> String {
    let list: Vec<String> = ids.map(|id| format!("`{}`", visible(id))).collect();
    if list.is_empty() {
        "(none)".into()
    } else {
        list.join(", ")
    }
}
