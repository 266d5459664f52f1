//! Text files read ahead of the article being handed out, on threads of their own, each handed
//! back to the one thread that gives articles their unique ids in input order.
//!
//! Opening, reading and decoding thousands of small files is most of that thread's work (7% of
//! a run on a folder of news articles), and it runs ahead of every scoring thread: past about
//! fourteen scoring threads, it would hold them back. Reading is a pure function of the path,
//! so where it happens changes nothing that is written. Off unless asked for
//! ([`ReadOptions::read_ahead_threads`]).

use std::path::PathBuf;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

use super::files::read_text_file;
use super::{Item, ReadOptions};

/// Files are read in batches of consecutive files, at most this many ...
pub(super) const BATCH_FILES: usize = 16;
/// ... and about this many bytes (beyond the first file, whatever its size): a batch is handed
/// over at once. Handed over one by one, small files cost 7% more CPU time on two cores.
pub(super) const BATCH_BYTES: u64 = 1 << 18;
/// At most this many batches are being read or waiting to be handed out.
pub(super) const AHEAD_BATCHES: usize = 4;

/// A text file to read: its path, its name (see [`read_text_file`]) and its size, if known.
pub(super) struct FileToRead {
    pub(super) path: PathBuf,
    pub(super) name: PathBuf,
    pub(super) bytes: Option<u64>,
}

/// Files to read, and where their items go.
struct Job {
    files: Vec<(PathBuf, PathBuf)>,
    items: SyncSender<Vec<Item>>,
}

/// The threads that read files ahead, started with the first file.
pub(super) struct ReadAhead {
    options: ReadOptions,
    threads: usize,
    /// `None` before the first file, and where no thread could be started.
    jobs: Option<Sender<Job>>,
    started: bool,
}

impl ReadAhead {
    /// Files read ahead on `threads` threads (none: `start` reads nothing).
    pub(super) fn new(options: &ReadOptions, threads: usize) -> ReadAhead {
        ReadAhead {
            options: options.clone(),
            threads,
            jobs: None,
            started: false,
        }
    }

    /// Whether files can be read ahead (until a thread fails to start).
    pub(super) fn enabled(&self) -> bool {
        self.threads > 0 && (!self.started || self.jobs.is_some())
    }

    /// Starts reading `files`; their items come on the receiver, in the same order. `None`
    /// where no reading thread could be started: the caller reads the files itself.
    pub(super) fn start(&mut self, files: &[FileToRead]) -> Option<Receiver<Vec<Item>>> {
        if !self.started {
            self.started = true;
            self.jobs = self.start_threads();
        }
        let (items, receiver) = sync_channel(1);
        let files = files
            .iter()
            .map(|f| (f.path.clone(), f.name.clone()))
            .collect();
        if self.jobs.as_ref()?.send(Job { files, items }).is_err() {
            // Every reading thread has ended (each panicked): read here from now on.
            self.jobs = None;
            return None;
        }
        Some(receiver)
    }

    fn start_threads(&self) -> Option<Sender<Job>> {
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let mut started = 0;
        for _ in 0..self.threads {
            let queue = Arc::clone(&queue);
            let options = self.options.clone();
            let thread = std::thread::Builder::new()
                .name("framescope-read".into())
                .spawn(move || read_files(&queue, &options));
            started += thread.is_ok() as usize;
        }
        (started > 0).then_some(jobs)
    }
}

/// Reads the files of the jobs in `queue` until the queue is dropped (the corpus is done).
fn read_files(queue: &Mutex<Receiver<Job>>, options: &ReadOptions) {
    loop {
        // The lock is held only while waiting: a thread that panicked while reading did not
        // hold it, so a poisoned lock is still sound.
        let job = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(job) = job else { return };
        let items = job
            .files
            .iter()
            .map(|(path, name)| read_text_file(path, name, options))
            .collect();
        // The corpus may be gone (a run stopped early): then the items are not wanted.
        let _ = job.items.send(items);
    }
}
