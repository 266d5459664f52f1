//! How much of the input has been read so far, for progress reports: shared counters and a
//! reader that adds to them.

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Bytes of input read so far, and bytes of article text taken from them; clones share the
/// counts, so another thread can watch them.
#[derive(Debug, Clone, Default)]
pub struct ReadCounter {
    input: Arc<AtomicU64>,
    text: Arc<AtomicU64>,
}

impl ReadCounter {
    pub fn add_input(&self, bytes: u64) {
        self.input.fetch_add(bytes, Ordering::Relaxed);
    }

    pub fn add_text(&self, bytes: u64) {
        self.text.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Bytes of input read.
    pub fn input(&self) -> u64 {
        self.input.load(Ordering::Relaxed)
    }

    /// Bytes of article text in the articles read.
    pub fn text(&self) -> u64 {
        self.text.load(Ordering::Relaxed)
    }

    /// Where in the input the reader was when it had read `text` bytes of article text: the
    /// position of an article written downstream, while the reader is ahead of the writer.
    pub fn input_at_text(&self, text: u64) -> u64 {
        let (input, read) = (self.input(), self.text());
        if read == 0 {
            return 0;
        }
        (input as f64 * (text as f64 / read as f64).min(1.0)) as u64
    }
}

/// A reader that counts what it reads.
pub struct Counting<R> {
    pub inner: R,
    pub counter: ReadCounter,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.add_input(n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_is_read_across_clones() {
        let counter = ReadCounter::default();
        let mut reader = Counting {
            inner: &b"hello world"[..],
            counter: counter.clone(),
        };
        let mut s = String::new();
        reader.read_to_string(&mut s).unwrap();
        counter.add_text(10);
        assert_eq!(counter.input(), 11);
        // Half of the text written: about half of the input.
        assert_eq!(counter.input_at_text(5), 5);
        assert_eq!(counter.input_at_text(10), 11);
    }
}
