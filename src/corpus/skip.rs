//! Why an input, or a record of one, was not read as an article. Reasons are structured so that a
//! front end can tell the user which of its settings would change the outcome; their text here
//! says only what is wrong.

use std::fmt;

use super::table::ColumnError;
use super::{DecodeError, KEEP_EVERY_LETTER};

/// Why something was skipped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// Larger than the limit of one article.
    #[error("{0}")]
    TooLarge(TooLarge),
    /// Invalid UTF-8 in a record, refused because reading is strict.
    #[error("{0}, refused by strict reading")]
    StrictUtf8(InvalidUtf8),
    /// A whole text that cannot be decoded.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// The columns asked for, or needed, are not in the table.
    #[error(transparent)]
    Column(#[from] ColumnError),
    /// A folder without text files, perhaps with table files that are read only when named.
    #[error("folder holds no .txt or .md file{}", table_files_note(*.tables))]
    NoTextFiles {
        folder: String,
        /// Table files (CSV, TSV, JSON) directly in the folder.
        tables: usize,
    },
    /// The last record of a UTF-16 input, skipped for `reason`, and the problems found in
    /// decoding that input (known only once all of it was read).
    #[error("{reason}; the file also had: {}", .problems.join("; "))]
    WithDecodeProblems {
        reason: Box<SkipReason>,
        problems: Vec<String>,
    },
    /// An article whose scoring may take more memory than is left.
    #[error("scoring it may take up to {} MB of memory (its length times the most a byte of text has been seen to take), and {} MB are left; skipped (free memory, or split the article)", .needed >> 20, .available >> 20)]
    NotEnoughMemory { needed: u64, available: u64 },
    /// Any other problem, said in full.
    #[error("{0}")]
    Other(String),
}

impl From<String> for SkipReason {
    fn from(reason: String) -> Self {
        SkipReason::Other(reason)
    }
}

impl From<&str> for SkipReason {
    fn from(reason: &str) -> Self {
        SkipReason::Other(reason.to_string())
    }
}

fn table_files_note(tables: usize) -> String {
    if tables > 0 {
        format!("; its {tables} table file(s) are read when named")
    } else {
        String::new()
    }
}

/// What is over the limit of one article, and by how much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge {
    pub what: Oversized,
    /// The limit, in bytes per article.
    pub limit: usize,
}

/// The part of an input found too large.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Oversized {
    /// A whole text (a file, or stdin) of this many bytes.
    Input(u64),
    /// A whole text whose size is not known beforehand (a pipe, stdin, a device), found to be
    /// larger than the limit once that much was read.
    MoreThan,
    /// The text field of a record, of this many bytes.
    TextField(usize),
    /// A CSV row (`record N`) or `the header` that never ended within the limit, perhaps because
    /// of the quote opened on `open_quote_line`; the rest of the file cannot be read.
    Row {
        what: String,
        open_quote_line: Option<u64>,
    },
    /// A JSON line of this many bytes.
    Line(u64),
    /// An element of a JSON array of this many bytes.
    Element(u64),
}

impl TooLarge {
    /// What is too large, against the limit.
    pub fn problem(&self) -> String {
        let limit = self.limit;
        match &self.what {
            Oversized::Input(bytes) => {
                format!("{bytes} bytes, over the limit of {limit} bytes per article")
            }
            Oversized::MoreThan => {
                format!("more than the limit of {limit} bytes per article (read up to it)")
            }
            Oversized::TextField(bytes) => {
                format!("text of {bytes} bytes, over the limit of {limit}")
            }
            Oversized::Row { what, .. } => {
                format!("{what} is over the limit of {limit} bytes per article")
            }
            Oversized::Line(bytes) => {
                format!("a line of {bytes} bytes, over the limit of {limit} bytes per article")
            }
            Oversized::Element(bytes) => {
                format!("an element of {bytes} bytes, over the limit of {limit} bytes per article")
            }
        }
    }

    /// What was skipped as a result, as it follows [`TooLarge::problem`] (with its separator).
    pub fn outcome(&self) -> String {
        match &self.what {
            Oversized::Input(_) | Oversized::MoreThan => "; skipped".into(),
            Oversized::TextField(_) => String::new(),
            Oversized::Row {
                open_quote_line, ..
            } => {
                let opened = open_quote_line.map_or(String::new(), |line| {
                    format!(" (inside a quote opened at line {line}: is it closed?)")
                });
                format!("{opened}; the rest of the file is skipped")
            }
            Oversized::Line(_) => "; line skipped".into(),
            Oversized::Element(_) => "; element skipped".into(),
        }
    }
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.problem(), self.outcome())
    }
}

/// Where bytes that are not UTF-8 were found in a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidUtf8 {
    /// The offset of the first invalid byte in `place`.
    pub at_byte: usize,
    pub place: Utf8Place,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utf8Place {
    /// Field N (from 1) of a CSV row.
    Field(usize),
    /// A JSON line.
    Line,
    /// An element of a JSON array.
    Element,
}

impl fmt::Display for InvalidUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid UTF-8 at byte {}", self.at_byte)?;
        match self.place {
            Utf8Place::Field(n) => write!(f, " of field {n}"),
            Utf8Place::Line => write!(f, " of the line"),
            Utf8Place::Element => write!(f, " of the element"),
        }
    }
}

impl InvalidUtf8 {
    /// The warning for a record whose invalid bytes were replaced.
    pub fn repaired(&self) -> String {
        format!("{self}; decoded with replacement characters; {KEEP_EVERY_LETTER}")
    }
}
