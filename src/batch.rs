//! Scoring a batch of articles held in memory, as another program hands it over (a data frame
//! of a notebook, a partition of a cluster job): the records as a Parquet file in memory in,
//! the tables of rows as Parquet files in memory out. The records are read as `analyze` reads a
//! Parquet file and the rows written by its writers, so every number is the one its tables hold.

use std::sync::atomic::AtomicBool;

use crate::corpus::{Article, Corpus, Format, Item, ReadOptions, Skipped};
use crate::engine::checks::ArticleChecks;
use crate::engine::score::ArticleScores;
use crate::engine::scorer::Scorer;
use crate::output::layout::{ARTICLES, FRAMES, MATCHES, SENTENCES, SOURCES};
use crate::output::parquet::{Packing, ParquetTables};
use crate::output::tables::{Evidence, RENDER_WHOLE_UP_TO};
use crate::pipeline::{self, PipelineError, PipelineOptions, Prepared};

/// How a batch is read and scored.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Which fields are the text, id, group, ... (as for a Parquet file given to `analyze`).
    pub read: ReadOptions,
    /// Scoring threads.
    pub jobs: usize,
    /// The matches written: all of them, none, or the first ones of each article.
    pub evidence: Evidence,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            read: ReadOptions::default(),
            jobs: PipelineOptions::default().jobs,
            evidence: Evidence::All,
        }
    }
}

/// The tables of a batch, each a whole Parquet file, with its articles in input order.
#[derive(Debug, Default)]
pub struct BatchTables {
    pub articles: Vec<u8>,
    pub frames: Vec<u8>,
    pub sentences: Vec<u8>,
    /// Empty when no match was asked for.
    pub matches: Vec<u8>,
    pub sources: Vec<u8>,
    /// The records that could not be scored, where they are and why.
    pub skipped: Vec<Skipped>,
    /// The scored articles that had warnings (their `warnings` cell in `articles`).
    pub warned: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("cannot write the tables of the batch: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot start the scoring threads: {0}")]
    Threads(String),
}

/// Scores the records of the Parquet file `parquet`, named `label` in the places of skipped
/// records (`label:record N`).
pub fn score_parquet(
    scorer: &Scorer,
    parquet: Vec<u8>,
    label: &str,
    options: &BatchOptions,
) -> Result<BatchTables, BatchError> {
    let corpus = Corpus::from_bytes(parquet, label, Format::Parquet, options.read.clone());
    score_items(scorer, corpus, options)
}

/// The tables of a batch without a record: the columns and types every batch's tables have.
pub fn empty_tables(scorer: &Scorer, options: &BatchOptions) -> Result<BatchTables, BatchError> {
    score_items(scorer, std::iter::empty(), options)
}

fn score_items<I>(
    scorer: &Scorer,
    items: I,
    options: &BatchOptions,
) -> Result<BatchTables, BatchError>
where
    I: Iterator<Item = Item> + Send + 'static,
{
    let set = scorer.lexicons();
    let mut tables = ParquetTables::into_sinks(
        set,
        options.evidence,
        &options.read.keep_cols,
        Packing::Plain,
        |_| Ok(Vec::new()),
    )?;
    let renderer = tables.renderer();
    let checks = ArticleChecks::new(set);
    // On the scoring threads: the article's checks (their warnings go into its row), then its
    // rows, as `analyze` does.
    let prepare = |article: &mut Article, scores: &ArticleScores| {
        article
            .warnings
            .extend(checks.warnings(&article.text, scores));
        (article.text.len() <= RENDER_WHOLE_UP_TO).then(|| renderer.render(set, article, scores))
    };
    let mut skipped = Vec::new();
    let mut warned = 0;
    let never = AtomicBool::new(false);
    let pipeline_options = PipelineOptions {
        jobs: options.jobs,
        ..PipelineOptions::default()
    };
    let result =
        pipeline::run_prepared(
            items,
            scorer,
            pipeline_options,
            &never,
            prepare,
            |item| match item {
                Prepared::Article(boxed) => {
                    let (article, scores, rows) = *boxed;
                    warned += usize::from(!article.warnings.is_empty());
                    match &rows {
                        Some(rows) => tables.write_rows(rows),
                        None => tables.write(set, &article, &scores),
                    }
                }
                Prepared::Skipped(s) => {
                    skipped.push(s);
                    Ok(())
                }
            },
        );
    match result {
        Ok(()) => {}
        Err(PipelineError::Sink(e)) => return Err(BatchError::Write(e)),
        Err(PipelineError::Threads(e)) => return Err(BatchError::Threads(e)),
        Err(PipelineError::Interrupted) => unreachable!("the stop flag is never set"),
    }
    let mut batch = BatchTables {
        skipped,
        warned,
        ..BatchTables::default()
    };
    for (name, bytes) in tables.finish()? {
        match name {
            ARTICLES => batch.articles = bytes,
            FRAMES => batch.frames = bytes,
            SENTENCES => batch.sentences = bytes,
            MATCHES => batch.matches = bytes,
            SOURCES => batch.sources = bytes,
            _ => {}
        }
    }
    Ok(batch)
}
