//! A table file written and hashed on threads of its own: rows are gathered into blocks of a
//! quarter megabyte and handed over; one thread copies each block into the file, then hands it to
//! a second that adds it to the file's SHA-256. No one thread does that work for all the tables,
//! nor both steps for one table (matches.csv is most of the bytes), and the thread that puts rows
//! in input order only copies bytes.

use std::io::Write;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

use super::atomic::AtomicFile;

/// Rows are handed to the file's thread in blocks of at least this many bytes ...
const BLOCK: usize = 1 << 18;
/// ... with at most this many blocks waiting, and as many again kept for reuse: what a table
/// holds in memory is bounded (about two megabytes), whatever the number of scoring threads.
const WAITING: usize = 2;

/// A file whose bytes are written and hashed on threads of their own, in the order given.
pub struct SpooledFile {
    block: Vec<u8>,
    sender: Option<SyncSender<Vec<u8>>>,
    /// Blocks written and hashed, handed back empty to be filled again: fresh memory for every
    /// block would cost a page fault every few kilobytes.
    spare: Receiver<Vec<u8>>,
    thread: Option<JoinHandle<(AtomicFile, std::io::Result<()>)>>,
    hashing: Option<JoinHandle<Sha256>>,
}

impl SpooledFile {
    /// Takes `file` over, with whatever it holds already (a header).
    pub fn new(mut file: AtomicFile) -> std::io::Result<SpooledFile> {
        let (sender, receiver) = sync_channel::<Vec<u8>>(WAITING);
        let (to_hash, written) = sync_channel::<Vec<u8>>(WAITING);
        let (give_back, spare) = sync_channel::<Vec<u8>>(WAITING + 1);
        let mut hasher = file.hash_elsewhere();
        let hashing = std::thread::Builder::new()
            .name("framescope-hash".into())
            .spawn(move || {
                for mut block in written {
                    hasher.update(&block);
                    block.clear();
                    // Kept only while there is room: memory stays bounded.
                    let _ = give_back.try_send(block);
                }
                hasher
            })
            .map_err(crate::memory::thread_error)?;
        let thread = std::thread::Builder::new()
            .name("framescope-table".into())
            .spawn(move || {
                // After a failure (a full disk) the blocks still come, and are dropped: the
                // error is given once, when the file is finished.
                let mut result = Ok(());
                for block in receiver {
                    if result.is_ok() {
                        result = file.write_all(&block);
                    }
                    // The hashing thread has ended only if it panicked; finishing says so.
                    let _ = to_hash.send(block);
                }
                (file, result)
            })
            .map_err(crate::memory::thread_error)?;
        Ok(SpooledFile {
            block: Vec::with_capacity(BLOCK),
            sender: Some(sender),
            spare,
            thread: Some(thread),
            hashing: Some(hashing),
        })
    }

    /// Appends `bytes` to the file.
    pub fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.block.extend_from_slice(bytes);
        if self.block.len() >= BLOCK {
            self.hand_over()?;
        }
        Ok(())
    }

    fn hand_over(&mut self) -> std::io::Result<()> {
        let next = self
            .spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BLOCK));
        let block = std::mem::replace(&mut self.block, next);
        let sent = self.sender.as_ref().map(|s| s.send(block));
        match sent {
            Some(Ok(())) => Ok(()),
            // The thread has ended: only a panic there ends it early; finishing says why.
            _ => self.finish().map(|_| ()),
        }
    }

    /// Waits for every byte to be written; the file, flushed, with its size and hash complete.
    pub fn finish(&mut self) -> std::io::Result<AtomicFile> {
        if !self.block.is_empty() {
            if let Some(sender) = &self.sender {
                // A failed send means the thread has ended; joining it tells why.
                let _ = sender.send(std::mem::take(&mut self.block));
            }
        }
        self.sender = None;
        let thread = self.thread.take().ok_or_else(|| {
            std::io::Error::other("a table file was finished twice (a bug in framescope)")
        })?;
        let (mut file, result) = thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let hasher = self
            .hashing
            .take()
            .expect("the hashing thread ends with the file")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        file.hashed(hasher);
        result?;
        file.flush()?;
        Ok(file)
    }
}

impl Drop for SpooledFile {
    fn drop(&mut self) {
        // Not finished (an interrupted run): the thread ends, and drops the file, which removes
        // it, before this returns.
        self.sender = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if let Some(hashing) = self.hashing.take() {
            let _ = hashing.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_arrive_in_order_with_their_hash_and_an_unfinished_file_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("t.csv");
        let mut expected = Vec::new();
        let mut spooled = SpooledFile::new(AtomicFile::create(&dest).unwrap()).unwrap();
        for i in 0..50_000u32 {
            let row = format!("{i},{}\n", "x".repeat((i % 97) as usize));
            spooled.write_all(row.as_bytes()).unwrap();
            expected.extend_from_slice(row.as_bytes());
        }
        let file = spooled.finish().unwrap();
        let mut reference = AtomicFile::create(&dir.path().join("r.csv")).unwrap();
        reference.write_all(&expected).unwrap();
        assert_eq!(file.digest(), reference.digest());
        drop(reference);
        assert!(expected.len() > 3 * BLOCK);
        let temp = file.temp().to_path_buf();
        crate::output::commit_all(vec![file]).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), expected);
        assert!(!temp.exists());

        let unfinished = {
            let mut spooled = SpooledFile::new(AtomicFile::create(&dest).unwrap()).unwrap();
            spooled.write_all(&vec![b'y'; 3 * BLOCK]).unwrap();
            spooled
        };
        drop(unfinished);
        assert_eq!(std::fs::read(&dest).unwrap(), expected);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
