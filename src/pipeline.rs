//! The streaming pipeline: articles are read in order on one thread, scored in parallel in
//! chunks, and handed to a sink in input order on another, so memory stays flat and output is
//! deterministic whatever the number of threads.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, RecvTimeoutError};
use std::time::Duration;

use rayon::prelude::*;

use crate::corpus::{Article, Item, SkipReason, Skipped};
use crate::engine::score::ArticleScores;
use crate::engine::scorer::Scorer;
use crate::memory;

/// An item of the corpus after scoring.
pub enum Scored {
    Article(Box<(Article, ArticleScores)>),
    Skipped(Skipped),
}

/// An item of the corpus after scoring, with what the `prepare` step of [`run_prepared`] made of
/// an article on the scoring threads.
pub enum Prepared<R> {
    Article(Box<(Article, ArticleScores, R)>),
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
        // Small chunks keep memory low and flat: about five chunks are alive at once (being read,
        // queued, scored, queued, written), and the rows of a chunk take about seven times its
        // text. A quarter of a megabyte of text is still some 5 ms of work per chunk and thread.
        PipelineOptions {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            chunk_articles: 256,
            chunk_bytes: 1 << 18,
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
    I: Iterator<Item = Item> + Send + 'static,
    S: FnMut(Scored) -> Result<(), E> + Send,
    E: Send,
{
    run_prepared(
        items,
        scorer,
        options,
        stop,
        |_, _| (),
        |item| {
            sink(match item {
                Prepared::Article(boxed) => {
                    let (article, scores, ()) = *boxed;
                    Scored::Article(Box::new((article, scores)))
                }
                Prepared::Skipped(s) => Scored::Skipped(s),
            })
        },
    )
}

/// Like [`run`], and also applies `prepare` to each scored article on the scoring threads (to
/// render its output rows, say), so that the sink, which runs on one thread, has little left to
/// do.
pub fn run_prepared<I, P, R, S, E>(
    items: I,
    scorer: &Scorer,
    options: PipelineOptions,
    stop: &AtomicBool,
    prepare: P,
    mut sink: S,
) -> Result<(), PipelineError<E>>
where
    I: Iterator<Item = Item> + Send + 'static,
    P: Fn(&mut Article, &ArticleScores) -> R + Sync,
    R: Send,
    S: FnMut(Prepared<R>) -> Result<(), E> + Send,
    E: Send,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(|e| PipelineError::Threads(memory::thread_error(e).to_string()))?;
    let (chunk_tx, chunk_rx) = sync_channel::<Vec<Item>>(1);
    let (scored_tx, scored_rx) = sync_channel::<Vec<Prepared<R>>>(1);
    // The reader is not a scoped thread: a read can block for as long as its input gives nothing
    // (stdin), and a stopped run must not wait for it. It ends at its next chunk once the
    // receiver is gone.
    let reader = std::thread::Builder::new().spawn(move || {
        let mut chunk = Vec::with_capacity(options.chunk_articles);
        let mut bytes = 0usize;
        for item in items {
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
    let reader = reader.map_err(|e| PipelineError::Threads(memory::thread_error(e).to_string()))?;
    let outcome = std::thread::scope(|scope| {
        let writer = std::thread::Builder::new()
            .spawn_scoped(scope, move || -> Result<(), E> {
                for chunk in scored_rx {
                    for scored in chunk {
                        sink(scored)?;
                    }
                }
                Ok(())
            })
            .map_err(|e| PipelineError::Threads(memory::thread_error(e).to_string()))?;
        loop {
            let chunk = match chunk_rx.recv_timeout(STOP_POLL) {
                Ok(chunk) => chunk,
                Err(RecvTimeoutError::Timeout) if !stop.load(Ordering::Relaxed) => continue,
                Err(_) => break,
            };
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let scored: Vec<Prepared<R>> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|item| match item {
                        Item::Article(article) if !fits_in_memory(&article) => {
                            Prepared::Skipped(not_enough_memory(article))
                        }
                        Item::Article(mut article) => {
                            let scores = scorer.score_in(&article.text, &article.language);
                            article
                                .warnings
                                .extend(scorer.language_warning(&article.language));
                            let prepared = prepare(&mut article, &scores);
                            Prepared::Article(Box::new((article, scores, prepared)))
                        }
                        Item::Skipped(s) => Prepared::Skipped(s),
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
    });
    drop(chunk_rx);
    if !matches!(outcome, Err(PipelineError::Interrupted)) {
        // The reader has ended or ends at its next chunk; a panic there is passed on.
        reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    }
    outcome
}

/// Whether scoring `article` may take no more memory than is left: a long article that would
/// not fit is skipped with a message, where scoring it would abort the whole run.
fn fits_in_memory(article: &Article) -> bool {
    let len = article.text.len();
    len <= memory::CHECKED_ABOVE
        || memory::available().is_none_or(|available| memory::needed_for(len) <= available)
}

fn not_enough_memory(article: Article) -> Skipped {
    let needed = memory::needed_for(article.text.len());
    Skipped {
        reason: SkipReason::NotEnoughMemory {
            needed,
            available: memory::available().unwrap_or(0),
        },
        origin: article.origin,
    }
}

/// How often a run waiting for input looks at the stop flag.
const STOP_POLL: Duration = Duration::from_millis(50);
