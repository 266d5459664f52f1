//! Watches the bytes of a CSV file as the parser reads them, to say what the parser cannot: where
//! a quote was left open (which makes the rest of the file one field), where a closing quote is
//! followed by more text (a quote not doubled, or a quote left open that swallowed the next
//! rows), and when one record grows beyond any plausible article (which stops reading before
//! memory runs out).
//!
//! It follows the quoting rules of the `csv` crate with its defaults (RFC 4180): a `"` opens a
//! quoted field only at the start of a field, `""` inside one is a quote, and `\r`, `\n` or `\r\n`
//! end a record outside quotes. Both read the same bytes with the same rules, so they agree.

use std::collections::VecDeque;
use std::io::Read;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A `"` inside a quoted field: a doubled quote or the end of the quotes.
    QuoteInQuoted,
}

/// Where a quoted field opened: 1-based line, and byte offset in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenQuote {
    pub line: u64,
    pub byte: u64,
}

/// A reader that passes bytes through unchanged while tracking the CSV quote state.
pub struct CsvWatch<R> {
    inner: R,
    delimiter: u8,
    /// `"`, or none when quoting is off (plain TSV).
    quote: Option<u8>,
    state: State,
    line: u64,
    byte: u64,
    opened: OpenQuote,
    /// Quotes followed by text rather than by a delimiter or line end, not yet claimed by a
    /// record: (byte, line).
    stray_quotes: Vec<(u64, u64)>,
    record_bytes: u64,
    /// The line on which the record being read started.
    record_line: u64,
    max_record_bytes: u64,
    at_end: bool,
    /// The byte before the one being watched.
    previous: u8,
    /// Whether the next byte that is not a line end starts a record.
    at_record_start: bool,
    /// Where the line ends before that record began.
    line_ends_from: u64,
    /// The records read ahead of the parser: where the line ends before each begin, where it
    /// starts, and its line. The parser's own line numbers are one short after each `\r\n`
    /// (its position for a record is the `\n` before it), so lines are told from here.
    record_starts: VecDeque<(u64, u64, u64)>,
}

impl<R: Read> CsvWatch<R> {
    pub fn new(inner: R, delimiter: u8, quoting: bool, max_record_bytes: u64) -> Self {
        CsvWatch {
            inner,
            delimiter,
            quote: quoting.then_some(b'"'),
            state: State::FieldStart,
            line: 1,
            byte: 0,
            opened: OpenQuote { line: 1, byte: 0 },
            stray_quotes: Vec::new(),
            record_bytes: 0,
            record_line: 1,
            max_record_bytes,
            at_end: false,
            previous: 0,
            at_record_start: true,
            line_ends_from: 0,
            record_starts: VecDeque::new(),
        }
    }

    /// The line on which the record the parser places at byte `byte` starts (the parser may
    /// place it on the line ends before it); forgets the records before it. Records are asked
    /// for in order, so what is kept is what the parser has not reached.
    pub fn line_of_record(&mut self, byte: u64) -> Option<u64> {
        while let Some(&(ends_from, start, line)) = self.record_starts.front() {
            if ends_from > byte {
                return None;
            }
            if start >= byte {
                return Some(line);
            }
            self.record_starts.pop_front();
        }
        None
    }

    /// The quote left open at the end of the file, once the whole file has been read.
    pub fn open_quote_at_end(&self) -> Option<OpenQuote> {
        (self.at_end && self.state == State::Quoted).then_some(self.opened)
    }

    /// The quoted field being read, if the reader is inside one.
    pub fn open_quote(&self) -> Option<OpenQuote> {
        (self.state == State::Quoted).then_some(self.opened)
    }

    /// The line of the first stray quote before byte `end`; forgets all of those.
    pub fn take_stray_quote(&mut self, end: u64) -> Option<u64> {
        let n = self.stray_quotes.partition_point(|&(byte, _)| byte < end);
        let first = self
            .stray_quotes
            .first()
            .filter(|_| n > 0)
            .map(|&(_, line)| line);
        self.stray_quotes.drain(..n);
        first
    }

    /// The line on which the record being read started.
    pub fn record_line(&self) -> u64 {
        self.record_line
    }

    fn watch(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let terminator = b == b'\n' || b == b'\r';
            let quote = Some(b) == self.quote;
            self.state = match (self.state, b) {
                (State::FieldStart, _) if quote => {
                    self.opened = OpenQuote {
                        line: self.line,
                        byte: self.byte,
                    };
                    State::Quoted
                }
                (State::Quoted, _) if quote => State::QuoteInQuoted,
                (State::Quoted, _) => State::Quoted,
                (State::QuoteInQuoted, _) if quote => State::Quoted,
                (_, d) if d == self.delimiter => State::FieldStart,
                _ if terminator => {
                    self.record_bytes = 0;
                    if !self.at_record_start {
                        self.at_record_start = true;
                        self.line_ends_from = self.byte;
                    }
                    State::FieldStart
                }
                (State::QuoteInQuoted, _) => {
                    self.stray_quotes.push((self.byte - 1, self.line));
                    State::Unquoted
                }
                _ => State::Unquoted,
            };
            if self.at_record_start && !terminator {
                self.at_record_start = false;
                let start = (self.line_ends_from, self.byte, self.line);
                self.record_starts.push_back(start);
            }
            // A line ends at `\n`, `\r\n`, or a `\r` alone (as old Mac files end lines).
            if b == b'\r' || (b == b'\n' && self.previous != b'\r') {
                self.line += 1;
            }
            self.previous = b;
            if self.record_bytes == 0 {
                self.record_line = self.line;
            }
            self.byte += 1;
            self.record_bytes += 1;
        }
    }
}

impl<R: Read> Read for CsvWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.record_bytes > self.max_record_bytes {
            return Err(std::io::Error::other(RecordTooLarge));
        }
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.at_end = true;
        }
        self.watch(&buf[..n]);
        Ok(n)
    }
}

/// The error a [`CsvWatch`] gives once a record has grown past its limit.
#[derive(Debug, thiserror::Error)]
#[error("record over the size limit")]
pub struct RecordTooLarge;

impl RecordTooLarge {
    /// Is this I/O error the size guard?
    pub fn is(e: &std::io::Error) -> bool {
        e.get_ref()
            .is_some_and(|inner| inner.is::<RecordTooLarge>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watched(text: &str) -> CsvWatch<&[u8]> {
        let mut w = CsvWatch::new(text.as_bytes(), b',', true, u64::MAX);
        std::io::copy(&mut w, &mut std::io::sink()).unwrap();
        let mut rest = [0u8; 1];
        assert_eq!(w.read(&mut rest).unwrap(), 0);
        w
    }

    #[test]
    fn closed_quotes_leave_nothing_open() {
        for text in [
            "id,text\n1,\"a, \"\"b\"\"\nc\"\n",
            "a,5\" screen,\"x\"\"\"\n",
            "",
            "\"\"",
        ] {
            assert_eq!(watched(text).open_quote_at_end(), None, "{text:?}");
        }
    }

    #[test]
    fn an_open_quote_is_found_where_it_opened() {
        let w = watched("id,text\n1,\"fine\"\n2,\"never closed\n3,more\n");
        assert_eq!(w.open_quote_at_end(), Some(OpenQuote { line: 3, byte: 19 }));
    }

    #[test]
    fn a_quote_followed_by_text_is_stray() {
        let mut w = watched("id,text\n1,\"a \"b\" c\"\n2,\"open\n3,\"x\n");
        assert_eq!(w.take_stray_quote(11), None);
        assert_eq!(w.take_stray_quote(22), Some(2));
        assert_eq!(w.take_stray_quote(u64::MAX), Some(4));
        assert_eq!(w.take_stray_quote(u64::MAX), None);
    }

    #[test]
    fn records_start_on_their_lines_whatever_the_line_ends() {
        let mut w = watched("id,text\r\n1,\"a\r\nb\"\r\n\r\n2,c\r\n");
        assert_eq!(w.line_of_record(0), Some(1));
        // Placed at its first byte, or on the line ends before it.
        assert_eq!(w.line_of_record(8), Some(2));
        assert_eq!(w.line_of_record(9), Some(2));
        // Line 4 is blank; the record after it starts on line 5.
        assert_eq!(w.line_of_record(18), Some(5));
        assert_eq!(w.line_of_record(22), None);
    }

    #[test]
    fn a_record_over_the_limit_stops_reading() {
        let text = format!("id,text\n1,\"{}", "x".repeat(100_000));
        let mut w = CsvWatch::new(text.as_bytes(), b',', true, 1000);
        let e = std::io::copy(&mut w, &mut std::io::sink()).unwrap_err();
        assert!(RecordTooLarge::is(&e));
    }
}
