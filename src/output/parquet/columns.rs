//! A table's rows held as typed columns: what the rows of one article become on a scoring
//! thread, and what a row group gathers before it is encoded. Every value goes into the next
//! column of its row and is checked against that column's kind; numbers are stored as the CSV
//! prints them (to its decimals), text as the CSV cell holds it.

use std::ops::Range;
use std::sync::Arc;

use super::schema::{Columns, Kind};
use crate::corpus::Date;
use crate::output::csv_row::runs_as_formula;
use crate::output::number::rounded;
use crate::output::rows::Cells;
use crate::output::tables::DECIMALS;

/// The values of one column, one per row. A missing value holds a zero and is marked in
/// `defined` (1 present, 0 missing), which only the kinds that may be missing keep.
#[derive(Debug, Clone)]
pub(super) enum Values {
    /// The text of row `i` is `bytes[ends[i - 1]..ends[i]]`: one buffer for the whole column,
    /// not one per cell.
    Text {
        bytes: Vec<u8>,
        ends: Vec<usize>,
    },
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    Date(Vec<i32>),
}

#[derive(Debug, Clone)]
pub(super) struct Column {
    pub(super) values: Values,
    /// Whether a value may be missing, and so `defined` is kept.
    pub(super) optional: bool,
    pub(super) defined: Vec<i16>,
}

/// What one value adds to the size of its row group, as counted for [`TableColumns::bytes`]:
/// the value, and for text the place where it ends.
const WORD: usize = 8;

/// The rows of one table, as typed columns.
#[derive(Debug, Clone)]
pub struct TableColumns {
    layout: Arc<Columns>,
    pub(super) columns: Vec<Column>,
    /// The column the next value goes into.
    next: usize,
    rows: usize,
    /// The size of the rows held, in bytes as [`WORD`] counts them: a function of the rows
    /// alone, so a row group closes at the same row however the rows were handed over.
    bytes: usize,
    /// Per row: `bytes` up to and including it.
    row_ends: Vec<usize>,
    /// The first value that did not fit its column (a bug of the renderer, reported by
    /// [`TableColumns::check`]).
    fault: Option<String>,
}

impl TableColumns {
    /// No rows yet, for a table of these columns.
    pub fn new(layout: Arc<Columns>) -> TableColumns {
        let columns = layout
            .kinds
            .iter()
            .map(|kind| Column {
                values: match kind {
                    Kind::Text => Values::Text {
                        bytes: Vec::new(),
                        ends: Vec::new(),
                    },
                    Kind::Int | Kind::OptInt => Values::Int(Vec::new()),
                    Kind::Float => Values::Float(Vec::new()),
                    Kind::Bool => Values::Bool(Vec::new()),
                    Kind::Date => Values::Date(Vec::new()),
                },
                optional: matches!(kind, Kind::OptInt | Kind::Float | Kind::Date),
                defined: Vec::new(),
            })
            .collect();
        TableColumns {
            layout,
            columns,
            next: 0,
            rows: 0,
            bytes: 0,
            row_ends: Vec::new(),
            fault: None,
        }
    }

    pub fn layout(&self) -> &Arc<Columns> {
        &self.layout
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The size of the rows held (see [`TableColumns::bytes`]'s field).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Room for `rows` more rows in every column but the text ones' bytes.
    pub fn reserve(&mut self, rows: usize) {
        self.row_ends.reserve(rows);
        for column in &mut self.columns {
            match &mut column.values {
                Values::Text { ends, .. } => ends.reserve(rows),
                Values::Int(v) => v.reserve(rows),
                Values::Float(v) => v.reserve(rows),
                Values::Bool(v) => v.reserve(rows),
                Values::Date(v) => v.reserve(rows),
            }
            if column.optional {
                column.defined.reserve(rows);
            }
        }
    }

    /// The column the next value goes into, when it is of the kind that `fits` accepts.
    fn column(&mut self, what: &str, fits: impl Fn(Kind) -> bool) -> Option<&mut Column> {
        let i = self.next;
        self.next += 1;
        match self.layout.kinds.get(i) {
            Some(&kind) if fits(kind) => Some(&mut self.columns[i]),
            found => {
                if self.fault.is_none() {
                    self.fault = Some(match found {
                        Some(kind) => format!(
                            "column `{}` holds {kind:?} values, given {what}",
                            self.layout.names[i]
                        ),
                        None => format!("a row of more than {} cells", self.layout.kinds.len()),
                    });
                }
                None
            }
        }
    }

    fn text_from(&mut self, write: impl FnOnce(&mut Vec<u8>)) -> &mut Self {
        if let Some(Column {
            values: Values::Text { bytes, ends },
            ..
        }) = self.column("text", |k| k == Kind::Text)
        {
            let start = bytes.len();
            write(bytes);
            ends.push(bytes.len());
            self.bytes += bytes.len() - start + WORD;
        }
        self
    }

    fn int(&mut self, n: Option<u64>, what: &str, fits: impl Fn(Kind) -> bool) -> &mut Self {
        if let Some(column) = self.column(what, fits) {
            // Counts of a run are far below 2^63.
            let value = n.map_or(0, |n| i64::try_from(n).unwrap_or(i64::MAX));
            if let Values::Int(v) = &mut column.values {
                v.push(value);
            }
            if column.optional {
                column.defined.push(i16::from(n.is_some()));
            }
            self.bytes += WORD;
        }
        self
    }

    /// Whether every row has had a value of the right kind in every column; the error names
    /// the first that had not.
    pub fn check(&self) -> std::io::Result<()> {
        match &self.fault {
            None => Ok(()),
            Some(fault) => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{fault} (rows of {})", self.layout.names.join(",")),
            )),
        }
    }

    /// `bytes` up to and including row `row`.
    fn bytes_through(&self, row: usize) -> usize {
        self.row_ends[row]
    }

    /// `bytes` before row `row`.
    fn bytes_before(&self, row: usize) -> usize {
        match row {
            0 => 0,
            _ => self.row_ends[row - 1],
        }
    }

    /// How many of the rows from row `start` on fit in `room_rows` rows and `room_bytes` bytes:
    /// the row that fills `room_bytes` is the last to fit (and the first row always fits
    /// where there is room for a row).
    pub fn rows_fitting(&self, start: usize, room_rows: usize, room_bytes: usize) -> usize {
        let end = self.rows.min(start.saturating_add(room_rows));
        if start >= end {
            return 0;
        }
        let base = self.bytes_before(start);
        // The bytes through a row grow with the row: the first that fills the room.
        let under =
            self.row_ends[start..end].partition_point(|&through| through - base < room_bytes);
        (under + 1).min(end - start)
    }

    /// Appends rows `rows` of `from` (a table of the same columns).
    pub fn append(&mut self, from: &TableColumns, rows: Range<usize>) {
        if rows.is_empty() {
            return;
        }
        debug_assert_eq!(self.layout.kinds, from.layout.kinds);
        for (to, source) in self.columns.iter_mut().zip(&from.columns) {
            match (&mut to.values, &source.values) {
                (
                    Values::Text { bytes, ends },
                    Values::Text {
                        bytes: from_bytes,
                        ends: from_ends,
                    },
                ) => {
                    let start = match rows.start {
                        0 => 0,
                        i => from_ends[i - 1],
                    };
                    let end = from_ends[rows.end - 1];
                    let here = bytes.len();
                    bytes.extend_from_slice(&from_bytes[start..end]);
                    ends.extend(from_ends[rows.clone()].iter().map(|&e| here + (e - start)));
                }
                (Values::Int(v), Values::Int(f)) => v.extend_from_slice(&f[rows.clone()]),
                (Values::Float(v), Values::Float(f)) => v.extend_from_slice(&f[rows.clone()]),
                (Values::Bool(v), Values::Bool(f)) => v.extend_from_slice(&f[rows.clone()]),
                (Values::Date(v), Values::Date(f)) => v.extend_from_slice(&f[rows.clone()]),
                _ => unreachable!("the same kinds, in the same order"),
            }
            if to.optional {
                to.defined.extend_from_slice(&source.defined[rows.clone()]);
            }
        }
        let base = from.bytes_before(rows.start);
        let through = from.bytes_through(rows.end - 1);
        let start = self.bytes;
        self.row_ends.extend(
            from.row_ends[rows.clone()]
                .iter()
                .map(|&e| start + e - base),
        );
        self.bytes += through - base;
        self.rows += rows.len();
        if self.fault.is_none() {
            self.fault.clone_from(&from.fault);
        }
    }

    /// No rows, the room kept.
    pub fn clear(&mut self) {
        for column in &mut self.columns {
            match &mut column.values {
                Values::Text { bytes, ends } => {
                    bytes.clear();
                    ends.clear();
                }
                Values::Int(v) => v.clear(),
                Values::Float(v) => v.clear(),
                Values::Bool(v) => v.clear(),
                Values::Date(v) => v.clear(),
            }
            column.defined.clear();
        }
        self.next = 0;
        self.rows = 0;
        self.bytes = 0;
        self.row_ends.clear();
        self.fault = None;
    }
}

/// Typed values into the next columns of the row, as the CSV cells read: numbers rounded to the
/// CSV's decimals, text as the CSV cell holds it.
impl Cells for TableColumns {
    fn text(&mut self, s: &str) -> &mut Self {
        self.text_from(|bytes| bytes.extend_from_slice(s.as_bytes()))
    }

    fn one_line(&mut self, s: &str) -> &mut Self {
        self.text_from(|bytes| push_one_line(bytes, s))
    }

    /// Inert as the CSV cell is, whatever the style of the CSV: the value is the same in every
    /// table.
    fn inert_one_line(&mut self, s: &str) -> &mut Self {
        let shown = s.trim_start();
        self.text_from(|bytes| {
            if runs_as_formula(shown) {
                bytes.push(b'\'');
            }
            push_one_line(bytes, shown)
        })
    }

    fn count(&mut self, n: u64) -> &mut Self {
        self.int(Some(n), "a count", |k| k == Kind::Int || k == Kind::OptInt)
    }

    fn count_opt(&mut self, n: Option<u64>) -> &mut Self {
        self.int(n, "a count that may be missing", |k| k == Kind::OptInt)
    }

    fn zeros(&mut self, count: usize) -> &mut Self {
        for _ in 0..count {
            self.count(0);
        }
        self
    }

    /// Stored as the CSV prints it (to [`DECIMALS`]), rounded.
    fn number(&mut self, x: Option<f64>) -> &mut Self {
        if let Some(column) = self.column("a number", |k| k == Kind::Float) {
            let value = x.and_then(|x| rounded(x, DECIMALS));
            if let Values::Float(v) = &mut column.values {
                v.push(value.unwrap_or(0.0));
            }
            column.defined.push(i16::from(value.is_some()));
            self.bytes += WORD;
        }
        self
    }

    fn flag(&mut self, b: bool) -> &mut Self {
        if let Some(Column {
            values: Values::Bool(v),
            ..
        }) = self.column("`true` or `false`", |k| k == Kind::Bool)
        {
            v.push(b);
            self.bytes += 1;
        }
        self
    }

    fn date(&mut self, date: Option<Date>) -> &mut Self {
        if let Some(column) = self.column("a date", |k| k == Kind::Date) {
            if let Values::Date(v) = &mut column.values {
                // Days since 1970 of any date a reader accepts fit 32 bits.
                v.push(date.map_or(0, |d| d.days() as i32));
            }
            column.defined.push(i16::from(date.is_some()));
            self.bytes += WORD;
        }
        self
    }

    /// Every column has had its value, or the fault is kept for [`TableColumns::check`].
    fn end_row(&mut self) {
        if self.next != self.columns.len() && self.fault.is_none() {
            self.fault = Some(format!(
                "a row of {} cells for {} columns",
                self.next,
                self.columns.len()
            ));
        }
        self.next = 0;
        self.rows += 1;
        self.row_ends.push(self.bytes);
    }

    fn size(&self) -> usize {
        self.bytes
    }
}

/// Appends the words of `s` joined by single spaces.
fn push_one_line(out: &mut Vec<u8>, s: &str) {
    let start = out.len();
    for word in s.split_whitespace() {
        if out.len() > start {
            out.push(b' ');
        }
        out.extend_from_slice(word.as_bytes());
    }
}
