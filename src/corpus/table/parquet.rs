//! Articles stored as the rows of a Parquet file: its top-level columns found as a CSV header's
//! are, each row's values turned into the text of its fields (strings as they are, numbers and
//! dates written out), problems located as `path:record N`. A file on disk and bytes in memory
//! are read by the same code.

use std::fs::File;
use std::path::Path;

use parquet::file::reader::{ChunkReader, FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use parquet::record::Field;

use super::columns::{resolve, Columns};
use super::record::Table;
use super::Items;
use crate::corpus::counting::ReadCounter;
use crate::corpus::{Date, Item, ReadOptions};

/// The articles of a Parquet file, one per row.
struct ParquetRecords {
    table: Table,
    columns: Columns,
    rows: RowIter<'static>,
    /// Rows read so far.
    record: u64,
    total_rows: u64,
    file_bytes: u64,
    /// Bytes told to the counter so far: the file's share of the rows read.
    counted: u64,
    counter: ReadCounter,
    done: bool,
}

/// Reads the Parquet file at `path`, adding its bytes to `counter` as its rows are read.
pub(super) fn read_parquet(path: &Path, options: &ReadOptions, counter: ReadCounter) -> Items {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let table = Table::new(path.display().to_string(), stem, options);
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return once(table.skip_all(format!("cannot open: {e}"))),
    };
    let file_bytes = file.metadata().map_or(0, |m| m.len());
    read_chunks(file, file_bytes, table, counter)
}

/// Reads a whole Parquet file held in memory, named `label` in messages (and `label-N` the
/// articles of records without an id).
pub(super) fn read_parquet_bytes(bytes: Vec<u8>, label: &str, options: &ReadOptions) -> Items {
    let table = Table::new(label.to_string(), label.to_string(), options);
    let file_bytes = bytes.len() as u64;
    read_chunks(
        bytes::Bytes::from(bytes),
        file_bytes,
        table,
        ReadCounter::default(),
    )
}

/// The articles of the Parquet file `source` of `file_bytes` bytes.
fn read_chunks<R: ChunkReader + 'static>(
    source: R,
    file_bytes: u64,
    table: Table,
    counter: ReadCounter,
) -> Items {
    let reader = match SerializedFileReader::new(source) {
        Ok(r) => r,
        Err(e) => {
            counter.add_input(file_bytes);
            return once(table.skip_all(format!(
                "cannot be read as Parquet ({e}); give a Parquet file, or a name that says its \
                 format"
            )));
        }
    };
    let metadata = reader.metadata().file_metadata();
    let names: Vec<String> = metadata
        .schema_descr()
        .root_schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let total_rows = metadata.num_rows().max(0) as u64;
    let columns = match resolve(&names, &table.options) {
        Ok(c) => c,
        Err(reason) => {
            counter.add_input(file_bytes);
            return once(table.skip_all(reason));
        }
    };
    let reader: Box<dyn FileReader> = Box::new(reader);
    Box::new(ParquetRecords {
        table,
        columns,
        rows: RowIter::from_file_into(reader),
        record: 0,
        total_rows,
        file_bytes,
        counted: 0,
        counter,
        done: false,
    })
}

fn once(item: Item) -> Items {
    Box::new(std::iter::once(item))
}

/// The text of a field; `None` for a missing value. A date column's timestamps give their
/// day; bytes that are not UTF-8 give `Err`.
fn field_text(field: &Field, is_date: bool) -> Result<Option<String>, ()> {
    const MILLIS_PER_DAY: i64 = 86_400_000;
    let day = |millis: i64| Date::from_days(millis.div_euclid(MILLIS_PER_DAY)).to_string();
    Ok(Some(match field {
        Field::Null => return Ok(None),
        Field::Str(s) => s.clone(),
        Field::Bytes(b) => match std::str::from_utf8(b.data()) {
            Ok(s) => s.to_string(),
            Err(_) => return Err(()),
        },
        Field::Date(days) => Date::from_days(i64::from(*days)).to_string(),
        Field::TimestampMillis(ms) if is_date => day(*ms),
        Field::TimestampMicros(us) if is_date => day(us.div_euclid(1000)),
        other => other.to_string(),
    }))
}

impl ParquetRecords {
    fn count_read(&mut self) {
        let share = match self.total_rows {
            0 => self.file_bytes,
            rows => self.file_bytes * self.record.min(rows) / rows,
        };
        self.counter.add_input(share - self.counted.min(share));
        self.counted = self.counted.max(share);
    }
}

impl Iterator for ParquetRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        let row = match self.rows.next() {
            None => {
                self.done = true;
                let empty = self.record == 0;
                self.record = self.record.max(self.total_rows);
                self.count_read();
                return empty.then(|| self.table.skip_all("no record in the file"));
            }
            Some(Err(e)) => {
                self.done = true;
                self.record += 1;
                self.count_read();
                return Some(self.table.skip(
                    format!("record {}", self.record),
                    format!("cannot read this record ({e}); the rest of the file is skipped"),
                ));
            }
            Some(Ok(row)) => row,
        };
        self.record += 1;
        self.count_read();
        let at = format!("record {}", self.record);
        let fields: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
        let text = self.columns.text;
        let date = self.columns.date;
        let mut texts = Vec::with_capacity(fields.len());
        for (i, field) in fields.iter().enumerate() {
            match field_text(field, Some(i) == date) {
                Ok(t) => texts.push(t),
                Err(()) if i == text => {
                    return Some(self.table.skip(
                        at,
                        "the text field holds bytes that are not UTF-8 text; record skipped",
                    ))
                }
                // Another field of bytes: kept as far as it reads.
                Err(()) => texts.push(field.to_string().into()),
            }
        }
        if texts.get(text).is_some_and(Option::is_none) {
            return Some(
                self.table
                    .skip(at, "the text field is null in this record; record skipped"),
            );
        }
        let field = |i: usize| texts.get(i).cloned().flatten();
        Some(
            self.table
                .article(&self.columns, at, self.record, field, Vec::new()),
        )
    }
}
