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
    /// The tables written, by the names of their CSV files (`articles.csv` ...): writing a
    /// table takes longer than scoring, so those not wanted are not written.
    pub tables: Vec<&'static str>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            read: ReadOptions::default(),
            jobs: PipelineOptions::default().jobs,
            evidence: Evidence::All,
            tables: vec![ARTICLES, FRAMES, SENTENCES, MATCHES, SOURCES],
        }
    }
}

/// The tables of a batch, each a whole Parquet file, with its articles in input order; empty
/// where not asked for.
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
        |name| Ok(options.tables.contains(&name).then(Vec::new)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::SkipReason;
    use crate::output::parquet::schema::{Columns, Kind};
    use crate::output::parquet::{ParquetRows, ParquetTable, TableColumns};
    use crate::output::rows::Cells;
    use crate::output::tables::articles_header;
    use crate::LexiconDir;

    fn scorer() -> Scorer {
        let loaded = crate::lexicon::load(&[], &LexiconDir::embedded_only()).expect("lexicons");
        Scorer::new(&loaded).expect("compiles")
    }

    /// A Parquet file of records `(id, text)`.
    fn records(rows: &[(&str, &str)]) -> Vec<u8> {
        let columns = std::sync::Arc::new(Columns {
            names: vec!["id".into(), "text".into()],
            kinds: vec![Kind::Text, Kind::Text],
        });
        let mut table = ParquetTable::new(Vec::new(), &columns, Packing::Plain).expect("table");
        let mut records = TableColumns::new(columns);
        for (id, text) in rows {
            records.text(id).text(text).end_row();
        }
        table.append(&records).expect("rows");
        table.finish().expect("file")
    }

    fn rows(parquet: &[u8]) -> Vec<Vec<String>> {
        let mut reader = ParquetRows::from_bytes(parquet.to_vec()).expect("parquet");
        let mut record = csv::StringRecord::new();
        let mut rows = Vec::new();
        while reader.read_record(&mut record).expect("row") {
            rows.push(record.iter().map(String::from).collect());
        }
        rows
    }

    const TEXTS: [(&str, &str); 3] = [
        ("c", "Hope returns to the talks. Peace is near."),
        ("a", "The crisis deepened as troops moved to the border."),
        (
            "b",
            "Aid agencies warned that refugees lack food and shelter.",
        ),
    ];

    #[test]
    fn articles_come_out_in_input_order_whatever_the_batches() {
        let scorer = scorer();
        let options = BatchOptions::default();
        let whole = score_parquet(&scorer, records(&TEXTS), "batch", &options).expect("scored");
        let ids: Vec<String> = rows(&whole.articles).iter().map(|r| r[0].clone()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
        let mut parts = Vec::new();
        for part in [&TEXTS[..1], &TEXTS[1..]] {
            let one = BatchOptions {
                jobs: 1,
                ..options.clone()
            };
            parts.push(score_parquet(&scorer, records(part), "batch", &one).expect("scored"));
        }
        for table in [
            |t: &BatchTables| t.articles.clone(),
            |t: &BatchTables| t.frames.clone(),
            |t: &BatchTables| t.matches.clone(),
            |t: &BatchTables| t.sentences.clone(),
        ] {
            let joined: Vec<Vec<String>> = parts.iter().flat_map(|p| rows(&table(p))).collect();
            assert_eq!(joined, rows(&table(&whole)));
        }
        assert!(!rows(&whole.matches).is_empty());
    }

    #[test]
    fn a_record_that_cannot_be_scored_is_skipped_where_it_is() {
        let scorer = scorer();
        let mut options = BatchOptions::default();
        options.read.max_article_bytes = 45;
        let batch = score_parquet(&scorer, records(&TEXTS), "batch", &options).expect("scored");
        let ids: Vec<String> = rows(&batch.articles).iter().map(|r| r[0].clone()).collect();
        assert_eq!(ids, ["c"]);
        let places: Vec<&str> = batch.skipped.iter().map(|s| s.origin.as_str()).collect();
        assert_eq!(places, ["batch:record 2", "batch:record 3"]);
        assert!(matches!(batch.skipped[0].reason, SkipReason::TooLarge(_)));
    }

    #[test]
    fn empty_tables_have_every_column_and_no_row() {
        let scorer = scorer();
        let options = BatchOptions {
            evidence: Evidence::None,
            ..BatchOptions::default()
        };
        let tables = empty_tables(&scorer, &options).expect("tables");
        let reader = ParquetRows::from_bytes(tables.articles.clone()).expect("parquet");
        let header: Vec<&str> = reader.headers().iter().collect();
        assert_eq!(header, articles_header(scorer.lexicons(), &[]));
        assert!(rows(&tables.articles).is_empty());
        assert!(
            tables.matches.is_empty(),
            "no matches table without evidence"
        );
    }
}
