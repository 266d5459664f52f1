//! One table written as Parquet from typed columns ([`TableColumns`]), encoded on a thread of
//! its own, so that the tables of a run are encoded side by side while articles are scored.
//!
//! Rows go to the encoder in batches of a fixed size; the encoder turns each into the pages of
//! its columns at once, and keeps the pages (compressed) until the row group is complete and
//! written. So what a table holds in memory is a few batches and one row group's pages,
//! whatever the size of the corpus. Batches and row groups close at a number of rows or of
//! bytes counted on the rows alone, so the bytes of the file depend on the rows, never on how
//! they were handed over.

use std::io::Write;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::column::page::{CompressedPage, PageWriteSpec, PageWriter};
use parquet::column::writer::{get_column_writer, ColumnWriter};
use parquet::data_type::ByteArray;
use parquet::errors::ParquetError;
use parquet::file::properties::{WriterProperties, WriterPropertiesPtr};
use parquet::file::writer::{SerializedFileWriter, SerializedPageWriter, TrackedWrite};
use parquet::schema::types::{SchemaDescriptor, Type};

use super::columns::{Column, TableColumns, Values};
use super::schema::{Columns, Kind};

/// At most this many rows per row group ...
pub const ROWS_PER_GROUP: usize = 65_536;

/// ... and about this many bytes of values at most (the row that reaches it is the last): what
/// a row group keeps in memory until it is written (its pages, its dictionaries) grows with its
/// values, so a table of wide or long rows (`articles` with many lexicons, the sentences of a
/// text with no full stop) closes its groups sooner.
pub const BYTES_PER_GROUP: usize = 16 << 20;

/// Rows per data page at most: a column's values wait as dictionary keys until their page is
/// full, so this bounds them.
const ROWS_PER_PAGE: usize = 8_192;

/// Rows handed to the encoder at a time, at most ...
const ROWS_PER_BATCH: usize = 4_096;

/// ... and about this many bytes of values at most.
const BYTES_PER_BATCH: usize = 256 << 10;

/// Whether the file is compressed: on disk it is; a table handed over in memory is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    Compressed,
    Plain,
}

/// A Parquet table being written into `W`.
pub struct ParquetTable<W: Write + Send + 'static> {
    /// The rows of the batch being gathered.
    batch: TableColumns,
    /// The rows, and bytes as [`TableColumns::bytes`] counts them, of the row group that the
    /// batch goes on.
    group_rows: usize,
    group_bytes: usize,
    /// To the thread that encodes the batches; `None` once finished.
    encoder: Option<Encoder<W>>,
}

/// A batch of rows, and whether its row group ends with it.
struct Batch {
    rows: TableColumns,
    ends_group: bool,
}

struct Encoder<W> {
    batches: SyncSender<Batch>,
    /// Batches encoded, emptied, with their room kept for the next ones.
    spare: Receiver<TableColumns>,
    thread: JoinHandle<std::io::Result<W>>,
}

fn parquet_error(e: ParquetError) -> std::io::Error {
    match e {
        ParquetError::External(inner) => std::io::Error::other(inner),
        other => std::io::Error::other(other.to_string()),
    }
}

fn invalid(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}

fn schema(columns: &Columns) -> std::io::Result<Type> {
    let mut fields = Vec::with_capacity(columns.names.len());
    for (name, kind) in columns.names.iter().zip(&columns.kinds) {
        let (physical, logical, repetition) = match kind {
            Kind::Text => (
                Physical::BYTE_ARRAY,
                Some(LogicalType::String),
                Repetition::REQUIRED,
            ),
            Kind::Int => (Physical::INT64, None, Repetition::REQUIRED),
            Kind::OptInt => (Physical::INT64, None, Repetition::OPTIONAL),
            Kind::Float => (Physical::DOUBLE, None, Repetition::OPTIONAL),
            Kind::Bool => (Physical::BOOLEAN, None, Repetition::REQUIRED),
            Kind::Date => (
                Physical::INT32,
                Some(LogicalType::Date),
                Repetition::OPTIONAL,
            ),
        };
        let field = Type::primitive_type_builder(name, physical)
            .with_logical_type(logical)
            .with_repetition(repetition)
            .build()
            .map_err(parquet_error)?;
        fields.push(Arc::new(field));
    }
    Type::group_type_builder("schema")
        .with_fields(fields)
        .build()
        .map_err(parquet_error)
}

impl<W: Write + Send + 'static> ParquetTable<W> {
    /// A table of `columns` into `out`; the header of the file is written here, the rows on a
    /// thread started here.
    pub fn new(out: W, columns: &Arc<Columns>, packing: Packing) -> std::io::Result<Self> {
        let compression = match packing {
            Packing::Compressed => Compression::SNAPPY,
            Packing::Plain => Compression::UNCOMPRESSED,
        };
        let properties = Arc::new(
            WriterProperties::builder()
                .set_compression(compression)
                .set_dictionary_enabled(true)
                .set_max_row_group_row_count(Some(ROWS_PER_GROUP))
                .set_data_page_row_count_limit(ROWS_PER_PAGE)
                .build(),
        );
        let schema = Arc::new(schema(columns)?);
        let descriptor = Arc::new(SchemaDescriptor::new(Arc::clone(&schema)));
        let writer = SerializedFileWriter::new(out, schema, Arc::clone(&properties))
            .map_err(parquet_error)?;
        // The writer of rows blocks while a batch is encoded rather than gathering more.
        let (batches, received) = sync_channel::<Batch>(0);
        let (give_back, spare) = sync_channel::<TableColumns>(1);
        let thread = std::thread::Builder::new()
            .name("parquet".into())
            .spawn(move || encode(writer, &descriptor, &properties, received, give_back))
            .map_err(crate::memory::thread_error)?;
        Ok(ParquetTable {
            batch: TableColumns::new(Arc::clone(columns)),
            group_rows: 0,
            group_bytes: 0,
            encoder: Some(Encoder {
                batches,
                spare,
                thread,
            }),
        })
    }

    /// Adds the rows of `rows` (of this table's columns).
    pub fn append(&mut self, rows: &TableColumns) -> std::io::Result<()> {
        rows.check()?;
        let mut start = 0;
        while start < rows.rows() {
            let room_rows =
                (ROWS_PER_BATCH - self.batch.rows()).min(ROWS_PER_GROUP - self.group_rows);
            let room_bytes = BYTES_PER_BATCH
                .saturating_sub(self.batch.bytes())
                .min(BYTES_PER_GROUP.saturating_sub(self.group_bytes));
            let fitting = rows.rows_fitting(start, room_rows, room_bytes);
            let before = self.batch.bytes();
            self.batch.append(rows, start..start + fitting);
            self.group_rows += fitting;
            self.group_bytes += self.batch.bytes() - before;
            start += fitting;
            let group_full =
                self.group_rows >= ROWS_PER_GROUP || self.group_bytes >= BYTES_PER_GROUP;
            if group_full
                || self.batch.rows() >= ROWS_PER_BATCH
                || self.batch.bytes() >= BYTES_PER_BATCH
            {
                self.send_batch(group_full)?;
            }
        }
        Ok(())
    }

    /// Hands the batch gathered to the encoder, and starts another.
    fn send_batch(&mut self, ends_group: bool) -> std::io::Result<()> {
        let Some(encoder) = &self.encoder else {
            return Err(std::io::Error::other("the table is finished"));
        };
        let next = match encoder.spare.try_recv() {
            Ok(spare) => spare,
            Err(_) => TableColumns::new(Arc::clone(self.batch.layout())),
        };
        let rows = std::mem::replace(&mut self.batch, next);
        if ends_group {
            self.group_rows = 0;
            self.group_bytes = 0;
        }
        if encoder.batches.send(Batch { rows, ends_group }).is_ok() {
            return Ok(());
        }
        // The encoder stopped at an error: that is the error to report.
        match self.encoder.take().map(|e| e.thread.join()) {
            Some(Ok(Err(e))) => Err(e),
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            _ => Err(std::io::Error::other("the Parquet encoder stopped")),
        }
    }

    /// Writes what is left and the footer, and hands back the destination.
    pub fn finish(mut self) -> std::io::Result<W> {
        if self.group_rows > 0 {
            self.send_batch(true)?;
        }
        let Some(Encoder {
            batches, thread, ..
        }) = self.encoder.take()
        else {
            return Err(std::io::Error::other("the table is finished"));
        };
        drop(batches);
        thread
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

impl<W: Write + Send + 'static> Drop for ParquetTable<W> {
    /// A table dropped unfinished (a run that stopped) waits for its encoder to end, so that
    /// its destination is dropped (a temporary file removed) before the run goes on.
    fn drop(&mut self) {
        if let Some(Encoder {
            batches, thread, ..
        }) = self.encoder.take()
        {
            drop(batches);
            let _ = thread.join();
        }
    }
}

/// The encoder's thread: every batch into the pages of its row group, every row group into
/// the file as it is complete; then the footer.
fn encode<W: Write + Send>(
    mut writer: SerializedFileWriter<W>,
    descriptor: &SchemaDescriptor,
    properties: &WriterPropertiesPtr,
    batches: Receiver<Batch>,
    give_back: SyncSender<TableColumns>,
) -> std::io::Result<W> {
    let mut group: Option<GroupPages> = None;
    for Batch {
        mut rows,
        ends_group,
    } in batches
    {
        let pages = match &mut group {
            Some(pages) => pages,
            None => group.insert(GroupPages::new(descriptor, properties)),
        };
        pages.write(&mut rows)?;
        rows.clear();
        let _ = give_back.try_send(rows);
        if ends_group {
            if let Some(pages) = group.take() {
                pages.into_row_group(&mut writer)?;
            }
        }
    }
    if let Some(pages) = group.take() {
        pages.into_row_group(&mut writer)?;
    }
    writer.into_inner().map_err(parquet_error)
}

/// The pages of one column chunk, kept in memory until its row group is written.
type ChunkBuffer = Arc<Mutex<TrackedWrite<Vec<u8>>>>;

struct BufferedPages(ChunkBuffer);

impl PageWriter for BufferedPages {
    fn write_page(&mut self, page: CompressedPage) -> parquet::errors::Result<PageWriteSpec> {
        let mut sink = self.0.lock().map_err(|_| poisoned())?;
        SerializedPageWriter::new(&mut sink).write_page(page)
    }

    fn close(&mut self) -> parquet::errors::Result<()> {
        let mut sink = self.0.lock().map_err(|_| poisoned())?;
        Ok(sink.flush()?)
    }
}

fn poisoned() -> ParquetError {
    ParquetError::General("a column's pages were left half written".into())
}

/// A row group being encoded: a writer per column, each into its own pages.
struct GroupPages {
    columns: Vec<(ColumnWriter<'static>, ChunkBuffer)>,
    names: Vec<String>,
}

impl GroupPages {
    fn new(descriptor: &SchemaDescriptor, properties: &WriterPropertiesPtr) -> GroupPages {
        let mut columns = Vec::with_capacity(descriptor.num_columns());
        let mut names = Vec::with_capacity(descriptor.num_columns());
        for i in 0..descriptor.num_columns() {
            let column = descriptor.column(i);
            names.push(column.name().to_string());
            let buffer: ChunkBuffer = Arc::new(Mutex::new(TrackedWrite::new(Vec::new())));
            let pages = Box::new(BufferedPages(Arc::clone(&buffer)));
            columns.push((
                get_column_writer(column, Arc::clone(properties), pages),
                buffer,
            ));
        }
        GroupPages { columns, names }
    }

    /// Encodes the rows of `rows`, column by column.
    fn write(&mut self, rows: &mut TableColumns) -> std::io::Result<()> {
        if rows.columns.len() != self.columns.len() {
            return Err(invalid(
                "fewer columns in the file than in the table".into(),
            ));
        }
        for ((writer, _), (column, name)) in self
            .columns
            .iter_mut()
            .zip(rows.columns.iter_mut().zip(&self.names))
        {
            write_column(writer, column, name)?;
        }
        Ok(())
    }

    /// Writes the row group into the file.
    fn into_row_group<W: Write + Send>(
        self,
        writer: &mut SerializedFileWriter<W>,
    ) -> std::io::Result<()> {
        let mut row_group = writer.next_row_group().map_err(parquet_error)?;
        for (column, buffer) in self.columns {
            let closed = column.close().map_err(parquet_error)?;
            // The column's writer, gone with its close, held the only other reference.
            let pages = Arc::try_unwrap(buffer)
                .map_err(|_| std::io::Error::other("a column's pages are still being written"))?
                .into_inner()
                .map_err(|_| parquet_error(poisoned()))?
                .into_inner()
                .map_err(parquet_error)?;
            row_group
                .append_column(&bytes::Bytes::from(pages), closed)
                .map_err(parquet_error)?;
        }
        row_group.close().map_err(parquet_error)?;
        Ok(())
    }
}

/// Encodes the values of one column of a batch.
fn write_column(writer: &mut ColumnWriter, column: &mut Column, name: &str) -> std::io::Result<()> {
    let Column {
        values,
        optional,
        defined,
    } = column;
    let levels = optional.then_some(&defined[..]);
    // Only the values present are written; a missing one is its level alone.
    fn present<T: Copy>(values: &[T], defined: &[i16]) -> Vec<T> {
        values
            .iter()
            .zip(defined)
            .filter(|(_, d)| **d == 1)
            .map(|(x, _)| *x)
            .collect()
    }
    let written = match (writer, &mut *values) {
        (ColumnWriter::ByteArrayColumnWriter(w), Values::Text { bytes, ends }) => {
            // Cells that share the batch's buffer rather than a copy each (the dictionary
            // keeps some until the row group is written; the buffer goes with the last).
            let shared = bytes::Bytes::from(std::mem::take(bytes));
            let mut start = 0;
            let cells: Vec<ByteArray> = ends
                .iter()
                .map(|&end| {
                    let cell = ByteArray::from(shared.slice(start..end));
                    start = end;
                    cell
                })
                .collect();
            w.write_batch(&cells, levels, None)
        }
        (ColumnWriter::Int64ColumnWriter(w), Values::Int(v)) => match levels {
            Some(levels) => w.write_batch(&present(v, levels), Some(levels), None),
            None => w.write_batch(v, None, None),
        },
        (ColumnWriter::DoubleColumnWriter(w), Values::Float(v)) => {
            w.write_batch(&present(v, defined), levels, None)
        }
        (ColumnWriter::BoolColumnWriter(w), Values::Bool(v)) => w.write_batch(v, levels, None),
        (ColumnWriter::Int32ColumnWriter(w), Values::Date(v)) => {
            w.write_batch(&present(v, defined), levels, None)
        }
        _ => return Err(invalid(format!("column `{name}`: type mismatch"))),
    };
    written.map_err(parquet_error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Date;
    use crate::output::parquet::ParquetRows;
    use crate::output::rows::Cells;

    fn layout() -> Arc<Columns> {
        Arc::new(Columns {
            names: ["id", "n", "x", "m", "flag", "day"]
                .map(String::from)
                .to_vec(),
            kinds: vec![
                Kind::Text,
                Kind::Int,
                Kind::Float,
                Kind::OptInt,
                Kind::Bool,
                Kind::Date,
            ],
        })
    }

    /// Rows `range` of a table long enough for several row groups.
    fn rows(range: std::ops::Range<usize>) -> TableColumns {
        let mut rows = TableColumns::new(layout());
        for i in range {
            rows.text(&format!("article {}", i % 977))
                .count(i as u64)
                .number((i % 5 != 0).then(|| i as f64 / 7.0))
                .count_opt((i % 3 != 0).then_some(i as u64 % 11))
                .flag(i % 2 == 0)
                .date((i % 4 != 0).then(|| Date::from_days(19_000 + (i % 400) as i64)));
            rows.end_row();
        }
        rows
    }

    fn written(pieces: impl IntoIterator<Item = std::ops::Range<usize>>) -> Vec<u8> {
        let mut table = ParquetTable::new(Vec::new(), &layout(), Packing::Compressed).unwrap();
        for piece in pieces {
            table.append(&rows(piece)).unwrap();
        }
        table.finish().unwrap()
    }

    #[test]
    fn the_bytes_depend_on_the_rows_not_on_how_they_were_handed_over() {
        let total = 2 * ROWS_PER_GROUP + 1_234;
        let whole = written(std::iter::once(0..total));
        let mut pieces = Vec::new();
        let mut start = 0;
        for size in [1, 4_095, 3, 70_000, 17].iter().cycle() {
            let end = (start + size).min(total);
            pieces.push(start..end);
            start = end;
            if start == total {
                break;
            }
        }
        assert_eq!(written(pieces), whole);
        let reader =
            parquet::file::reader::SerializedFileReader::new(bytes::Bytes::from(whole.clone()))
                .unwrap();
        use parquet::file::reader::FileReader;
        assert_eq!(reader.metadata().num_row_groups(), 3);
        let mut back = ParquetRows::from_bytes(whole).unwrap();
        let mut record = csv::StringRecord::new();
        let mut n = 0;
        while back.read_record(&mut record).unwrap() {
            if n == 10 {
                let cells: Vec<&str> = record.iter().collect();
                assert_eq!(cells, ["article 10", "10", "", "10", "true", "2022-01-18"]);
            }
            n += 1;
        }
        assert_eq!(n, total);
    }

    #[test]
    fn a_row_group_closes_at_its_bytes() {
        let mut long = TableColumns::new(layout());
        let text = "w ".repeat(1 << 20);
        for _ in 0..20 {
            long.text(&text)
                .count(1)
                .number(None)
                .count_opt(None)
                .flag(true)
                .date(None);
            long.end_row();
        }
        let mut table = ParquetTable::new(Vec::new(), &layout(), Packing::Plain).unwrap();
        table.append(&long).unwrap();
        let file = bytes::Bytes::from(table.finish().unwrap());
        use parquet::file::reader::FileReader;
        let reader = parquet::file::reader::SerializedFileReader::new(file).unwrap();
        let groups: Vec<i64> = reader
            .metadata()
            .row_groups()
            .iter()
            .map(|g| g.num_rows())
            .collect();
        // Each row holds 2 MB of text: the eighth reaches 16 MB and closes its group.
        assert_eq!(groups, [8, 8, 4]);
    }

    /// A destination that fails after some bytes, as a full disk does.
    struct FullDisk(usize);

    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 < buf.len() {
                return Err(std::io::Error::other("no space left"));
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_destination_is_an_error_not_a_crash() {
        let mut table = ParquetTable::new(FullDisk(1 << 16), &layout(), Packing::Plain).unwrap();
        let mut failed = None;
        for piece in 0..40 {
            if let Err(e) = table.append(&rows(piece * 10_000..(piece + 1) * 10_000)) {
                failed = Some(e);
                break;
            }
        }
        let error = match failed {
            Some(e) => e,
            None => table.finish().err().expect("the disk is full"),
        };
        assert!(error.to_string().contains("no space left"), "{error}");
    }

    #[test]
    fn a_row_that_does_not_fit_its_columns_is_refused() {
        let mut bad = TableColumns::new(layout());
        bad.count(1).count(2);
        bad.end_row();
        let mut table = ParquetTable::new(Vec::new(), &layout(), Packing::Plain).unwrap();
        let error = table.append(&bad).unwrap_err();
        assert!(error.to_string().contains("column `id`"), "{error}");
    }
}
