//! The streaming pipeline: articles are read in order on one thread, scored in chunks by
//! whichever scoring thread is free, and handed to a sink in input order on another, so memory
//! stays flat and output is deterministic whatever the number of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

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
        // Small chunks keep memory low and flat: at most two chunks per scoring thread and two
        // more are alive at once (see `run_prepared`), and the rows of a chunk take about seven
        // times its text. A chunk is scored by one thread: 32 KB of text is still 1 to 2 ms of
        // work, so that handing chunks out costs little, and short enough that the threads
        // finish a run together.
        PipelineOptions {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            chunk_articles: 32,
            chunk_bytes: 1 << 15,
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
    let jobs = options.jobs.max(1);
    // A chunk is read only with a ticket, and its ticket comes back once the chunk is written:
    // however far the scoring threads run ahead of a slow chunk, no more than `window` chunks
    // (read, queued, scored or waiting for their turn to be written) are ever alive.
    let window = 2 * jobs + 2;
    let (ticket_tx, ticket_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        ticket_tx.send(()).expect("the channel holds every ticket");
    }
    let (chunk_tx, chunk_rx) = sync_channel::<(usize, Vec<Item>)>(jobs);
    let chunk_rx = Mutex::new(chunk_rx);
    // Set when a scoring thread panics or cannot start: the others stop, since the writer would
    // wait for the lost chunk for ever.
    let abandoned = AtomicBool::new(false);
    let (scored_tx, scored_rx) = channel::<(usize, Vec<Prepared<R>>)>();
    // The reader is not a scoped thread: a read can block for as long as its input gives nothing
    // (stdin), and a stopped run must not wait for it. It ends at its next chunk once the
    // scoring threads or the writer are gone.
    let reader = std::thread::Builder::new().spawn(move || {
        let mut chunk = Vec::with_capacity(options.chunk_articles);
        let (mut bytes, mut sequence) = (0usize, 0usize);
        let mut send = |chunk: Vec<Item>| {
            let sent = ticket_rx.recv().is_ok() && chunk_tx.send((sequence, chunk)).is_ok();
            sequence += 1;
            sent
        };
        for item in items {
            if let Item::Article(a) = &item {
                bytes += a.text.len();
            }
            chunk.push(item);
            if chunk.len() >= options.chunk_articles || bytes >= options.chunk_bytes {
                if !send(std::mem::take(&mut chunk)) {
                    return;
                }
                bytes = 0;
            }
        }
        if !chunk.is_empty() {
            send(chunk);
        }
    });
    let reader = reader.map_err(|e| PipelineError::Threads(memory::thread_error(e).to_string()))?;
    // Each scoring thread takes the next chunk as soon as it is free: no thread waits for
    // the others at the end of a chunk.
    let halted = || stop.load(Ordering::Relaxed) || abandoned.load(Ordering::Relaxed);
    let score_chunks = |scored_tx: Sender<(usize, Vec<Prepared<R>>)>| {
        let _abandon_on_panic = AbandonOnPanic(&abandoned);
        loop {
            let next = chunk_rx.lock().map(|chunks| chunks.recv_timeout(STOP_POLL));
            let (sequence, chunk) = match next {
                Ok(Ok(chunk)) => chunk,
                Ok(Err(RecvTimeoutError::Timeout)) if !halted() => continue,
                _ => return,
            };
            if halted() {
                return;
            }
            let scored = chunk
                .into_iter()
                .map(|item| score_item(item, scorer, &prepare))
                .collect();
            if scored_tx.send((sequence, scored)).is_err() {
                return;
            }
        }
    };
    let outcome = std::thread::scope(|scope| {
        let writer = std::thread::Builder::new()
            .spawn_scoped(scope, move || -> Result<(), E> {
                // Chunks come back in the order they were scored in and go out in input order.
                let mut waiting = BTreeMap::new();
                let mut next = 0;
                for (sequence, chunk) in scored_rx {
                    waiting.insert(sequence, chunk);
                    while let Some(chunk) = waiting.remove(&next) {
                        for scored in chunk {
                            sink(scored)?;
                        }
                        next += 1;
                        // The reader may be gone (all read, or stopped).
                        let _ = ticket_tx.send(());
                    }
                }
                Ok(())
            })
            .map_err(|e| PipelineError::Threads(memory::thread_error(e).to_string()))?;
        let mut scoring = Vec::with_capacity(jobs);
        for _ in 0..jobs {
            let scored_tx = scored_tx.clone();
            let score_chunks = &score_chunks;
            let thread = std::thread::Builder::new()
                .name("framescope-score".into())
                .spawn_scoped(scope, move || score_chunks(scored_tx));
            match thread {
                Ok(thread) => scoring.push(thread),
                Err(e) => {
                    abandoned.store(true, Ordering::Relaxed);
                    return Err(PipelineError::Threads(memory::thread_error(e).to_string()));
                }
            }
        }
        drop(scored_tx);
        for thread in scoring {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
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

/// Sets its flag when the scoring thread that holds it unwinds.
struct AbandonOnPanic<'a>(&'a AtomicBool);

impl Drop for AbandonOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(true, Ordering::Relaxed);
        }
    }
}

/// Scores one item of a chunk, on a scoring thread.
fn score_item<P, R>(item: Item, scorer: &Scorer, prepare: &P) -> Prepared<R>
where
    P: Fn(&mut Article, &ArticleScores) -> R,
{
    match item {
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
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LexiconDir;

    fn scorer() -> Scorer {
        let loaded = crate::lexicon::load(&[], &LexiconDir::embedded_only()).expect("lexicons");
        Scorer::new(&loaded).expect("compiles")
    }

    fn articles(n: usize) -> impl Iterator<Item = Item> + Send + 'static {
        (0..n).map(|i| {
            Item::Article(Article {
                id: i.to_string(),
                group: String::new(),
                story: String::new(),
                date: None,
                title: String::new(),
                text: format!("Article {i} brings hope and fear."),
                origin: format!("input:record {i}"),
                warnings: Vec::new(),
                kept: Vec::new(),
                language: String::new(),
            })
        })
    }

    /// One article a chunk, so that chunks finish in any order.
    fn options(jobs: usize) -> PipelineOptions {
        PipelineOptions {
            jobs,
            chunk_articles: 1,
            chunk_bytes: 1 << 15,
        }
    }

    fn ids_written(
        n: usize,
        jobs: usize,
        stop: &AtomicBool,
        mut on_each: impl FnMut(usize) -> Result<(), &'static str> + Send,
    ) -> (Vec<String>, Result<(), PipelineError<&'static str>>) {
        let scorer = scorer();
        let mut written = Vec::new();
        // Every fifth article takes longer to prepare, so later chunks overtake it.
        let prepare = |article: &mut Article, _: &ArticleScores| {
            let slow = article.id.parse::<usize>().expect("number") % 5 == 0;
            if slow {
                std::thread::sleep(Duration::from_millis(2));
            }
            article.id.clone()
        };
        let result = run_prepared(articles(n), &scorer, options(jobs), stop, prepare, |item| {
            if let Prepared::Article(boxed) = item {
                let (article, _, prepared) = *boxed;
                assert_eq!(article.id, prepared);
                written.push(article.id);
            }
            on_each(written.len())
        });
        (written, result)
    }

    #[test]
    fn articles_are_written_in_input_order_whatever_thread_scores_them() {
        let never = AtomicBool::new(false);
        for jobs in [1, 3, 8] {
            let (written, result) = ids_written(120, jobs, &never, |_| Ok(()));
            assert!(result.is_ok());
            let expected: Vec<String> = (0..120).map(|i| i.to_string()).collect();
            assert_eq!(written, expected, "{jobs} threads");
        }
    }

    #[test]
    fn a_failing_sink_ends_the_run_with_its_error() {
        let never = AtomicBool::new(false);
        let (written, result) = ids_written(500, 4, &never, |n| {
            if n == 10 {
                Err("disk full")
            } else {
                Ok(())
            }
        });
        assert!(matches!(result, Err(PipelineError::Sink("disk full"))));
        assert_eq!(written.len(), 10);
    }

    #[test]
    fn a_stop_ends_the_run_between_chunks() {
        let stop = AtomicBool::new(false);
        let (written, result) = ids_written(500, 4, &stop, |n| {
            if n == 3 {
                stop.store(true, Ordering::Relaxed);
            }
            Ok(())
        });
        assert!(matches!(result, Err(PipelineError::Interrupted)));
        assert!(written.len() < 500);
        assert_eq!(written[..3], ["0", "1", "2"]);
    }

    #[test]
    fn a_panic_while_scoring_reaches_the_caller() {
        let scorer = scorer();
        let never = AtomicBool::new(false);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let prepare = |article: &mut Article, _: &ArticleScores| {
                assert_ne!(article.id, "7", "a bug while scoring");
            };
            run_prepared(articles(200), &scorer, options(3), &never, prepare, |_| {
                Ok::<(), ()>(())
            })
        }));
        assert!(outcome.is_err());
    }
}
