//! The streaming pipeline: articles are read in order on one thread, scored in parallel in
//! chunks, and handed to a sink in input order on another, so memory stays flat and output is
//! deterministic whatever the number of threads.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use crate::corpus::{Article, Item, Skipped};
use crate::score::ArticleScores;
use crate::scorer::Scorer;

/// An item of the corpus after scoring.
pub enum Scored {
    Article(Box<(Article, ArticleScores)>),
    Skipped(Skipped),
}

#[derive(Debug, Clone, Copy)]
pub struct PipelineOptions {
    /// Scoring threads.
    pub jobs: usize,
    /// A chunk closes at this many articles ...
    pub chunk_articles: usize,
    /// ... or at this many bytes of text, whichever comes first.
    pub chunk_bytes: usize,
}

impl Default for PipelineOptions {
    fn default() -> Self {
        PipelineOptions {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            chunk_articles: 256,
            chunk_bytes: 8 << 20,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError<E> {
    #[error(transparent)]
    Sink(E),
    #[error("interrupted")]
    Interrupted,
    #[error("cannot start scoring threads: {0}")]
    Threads(String),
}

/// Scores every item of `items` and gives each to `sink` in input order. Stops between chunks
/// when `stop` is set.
pub fn run<I, S, E>(
    items: I,
    scorer: &Scorer,
    options: PipelineOptions,
    stop: &AtomicBool,
    mut sink: S,
) -> Result<(), PipelineError<E>>
where
    I: Iterator<Item = Item> + Send,
    S: FnMut(Scored) -> Result<(), E> + Send,
    E: Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(|e| PipelineError::Threads(e.to_string()))?;
    let (chunk_tx, chunk_rx) = sync_channel::<Vec<Item>>(2);
    let (scored_tx, scored_rx) = sync_channel::<Vec<Scored>>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(options.chunk_articles);
            let mut bytes = 0usize;
            for item in items {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                if let Item::Article(a) = &item {
                    bytes += a.text.len();
                }
                chunk.push(item);
                if chunk.len() >= options.chunk_articles || bytes >= options.chunk_bytes {
                    if chunk_tx.send(std::mem::take(&mut chunk)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !chunk.is_empty() {
                let _ = chunk_tx.send(chunk);
            }
        });
        let writer = scope.spawn(move || -> Result<(), E> {
            for chunk in scored_rx {
                for scored in chunk {
                    sink(scored)?;
                }
            }
            Ok(())
        });
        for chunk in chunk_rx {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let scored: Vec<Scored> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|item| match item {
                        Item::Article(article) => {
                            let scores = scorer.score(&article.text);
                            Scored::Article(Box::new((article, scores)))
                        }
                        Item::Skipped(s) => Scored::Skipped(s),
                    })
                    .collect()
            });
            if scored_tx.send(scored).is_err() {
                break;
            }
        }
        drop(scored_tx);
        let result = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        result.map_err(PipelineError::Sink)?;
        if stop.load(Ordering::Relaxed) {
            return Err(PipelineError::Interrupted);
        }
        Ok(())
    })
}
