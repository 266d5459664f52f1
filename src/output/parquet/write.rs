//! One table written as Parquet from the CSV rows the renderer makes: each cell read back into
//! a value of its column's kind, so the numbers are those the CSV prints, to its decimals.
//! Row groups hold a fixed number of rows, so the bytes depend on the rows alone, never on how
//! they were handed over.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::schema::{Columns, Kind};
use crate::corpus::Date;

/// Rows per row group: a few megabytes of matches or sentences, enough for dictionaries and
/// compression to pay, little enough to stay in memory.
pub const ROWS_PER_GROUP: usize = 65_536;

/// The values of one column not yet written, with definition levels for the kinds that may be
/// missing (1 present, 0 missing).
enum Values {
    Text(Vec<ByteArray>),
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    Date(Vec<i32>),
}

struct Column {
    name: String,
    kind: Kind,
    values: Values,
    defined: Vec<i16>,
}

/// A Parquet table being written into `W`, row group by row group.
pub struct ParquetTable<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    columns: Vec<Column>,
    rows: usize,
    record: csv::ByteRecord,
}

/// Whether the file is compressed: on disk it is; a table handed over in memory is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    Compressed,
    Plain,
}

fn parquet_error(e: parquet::errors::ParquetError) -> std::io::Error {
    match e {
        parquet::errors::ParquetError::External(inner) => std::io::Error::other(inner),
        other => std::io::Error::other(other.to_string()),
    }
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

impl<W: Write + Send> ParquetTable<W> {
    pub fn new(out: W, columns: &Columns, packing: Packing) -> std::io::Result<Self> {
        let compression = match packing {
            Packing::Compressed => Compression::SNAPPY,
            Packing::Plain => Compression::UNCOMPRESSED,
        };
        let properties = WriterProperties::builder()
            .set_compression(compression)
            .set_dictionary_enabled(true)
            .set_max_row_group_row_count(Some(ROWS_PER_GROUP))
            .build();
        let writer =
            SerializedFileWriter::new(out, Arc::new(schema(columns)?), Arc::new(properties))
                .map_err(parquet_error)?;
        let columns = columns
            .names
            .iter()
            .zip(&columns.kinds)
            .map(|(name, &kind)| Column {
                name: name.clone(),
                kind,
                values: match kind {
                    Kind::Text => Values::Text(Vec::new()),
                    Kind::Int | Kind::OptInt => Values::Int(Vec::new()),
                    Kind::Float => Values::Float(Vec::new()),
                    Kind::Bool => Values::Bool(Vec::new()),
                    Kind::Date => Values::Date(Vec::new()),
                },
                defined: Vec::new(),
            })
            .collect();
        Ok(ParquetTable {
            writer,
            columns,
            rows: 0,
            record: csv::ByteRecord::new(),
        })
    }

    /// Adds the rows of `csv` (rows as the renderer writes them in the default style: `,`
    /// between cells, `.` in numbers, no header).
    pub fn push_csv(&mut self, csv: &[u8]) -> std::io::Result<()> {
        if csv.is_empty() {
            return Ok(());
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv);
        let mut record = std::mem::take(&mut self.record);
        let result = (|| {
            while reader
                .read_byte_record(&mut record)
                .map_err(std::io::Error::other)?
            {
                self.push_record(&record)?;
            }
            Ok(())
        })();
        self.record = record;
        result
    }

    fn push_record(&mut self, record: &csv::ByteRecord) -> std::io::Result<()> {
        if record.len() != self.columns.len() {
            return Err(invalid(format!(
                "a row of {} cells for {} columns",
                record.len(),
                self.columns.len()
            )));
        }
        for (column, cell) in self.columns.iter_mut().zip(record.iter()) {
            column.push(cell)?;
        }
        self.rows += 1;
        if self.rows == ROWS_PER_GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    fn flush_group(&mut self) -> std::io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group().map_err(parquet_error)?;
        for column in &mut self.columns {
            let Some(mut writer) = group.next_column().map_err(parquet_error)? else {
                return Err(invalid(
                    "fewer columns in the file than in the table".into(),
                ));
            };
            let defined = match column.kind {
                Kind::OptInt | Kind::Float | Kind::Date => Some(&column.defined[..]),
                _ => None,
            };
            let written = match (writer.untyped(), &column.values) {
                (ColumnWriter::ByteArrayColumnWriter(w), Values::Text(v)) => {
                    w.write_batch(v, defined, None)
                }
                (ColumnWriter::Int64ColumnWriter(w), Values::Int(v)) => {
                    w.write_batch(v, defined, None)
                }
                (ColumnWriter::DoubleColumnWriter(w), Values::Float(v)) => {
                    w.write_batch(v, defined, None)
                }
                (ColumnWriter::BoolColumnWriter(w), Values::Bool(v)) => {
                    w.write_batch(v, defined, None)
                }
                (ColumnWriter::Int32ColumnWriter(w), Values::Date(v)) => {
                    w.write_batch(v, defined, None)
                }
                _ => return Err(invalid(format!("column `{}`: type mismatch", column.name))),
            };
            written.map_err(parquet_error)?;
            writer.close().map_err(parquet_error)?;
            column.clear();
        }
        group.close().map_err(parquet_error)?;
        self.rows = 0;
        Ok(())
    }

    /// Writes what is left and the footer, and hands back the destination.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.flush_group()?;
        self.writer.into_inner().map_err(parquet_error)
    }
}

fn invalid(message: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message)
}

impl Column {
    fn push(&mut self, cell: &[u8]) -> std::io::Result<()> {
        let name = &self.name;
        let bad = |what: &str| {
            invalid(format!(
                "column `{name}` holds `{}`, not {what}",
                String::from_utf8_lossy(cell)
            ))
        };
        let text = || std::str::from_utf8(cell).map_err(|_| bad("UTF-8 text"));
        let present = !cell.is_empty();
        match &mut self.values {
            Values::Text(v) => {
                text()?;
                v.push(ByteArray::from(cell.to_vec()));
                return Ok(());
            }
            Values::Int(_) if !present && self.kind == Kind::OptInt => {}
            Values::Int(v) => v.push(text()?.parse().map_err(|_| bad("a count"))?),
            Values::Float(_) if !present => {}
            Values::Float(v) => v.push(text()?.parse().map_err(|_| bad("a number"))?),
            Values::Bool(v) => v.push(match cell {
                b"true" => true,
                b"false" => false,
                _ => return Err(bad("`true` or `false`")),
            }),
            Values::Date(_) if !present => {}
            Values::Date(v) => {
                let date = Date::parse(text()?).map_err(|_| bad("a date"))?;
                v.push(date.days() as i32);
            }
        }
        if matches!(self.kind, Kind::OptInt | Kind::Float | Kind::Date) {
            self.defined.push(i16::from(present));
        }
        Ok(())
    }

    fn clear(&mut self) {
        match &mut self.values {
            Values::Text(v) => v.clear(),
            Values::Int(v) => v.clear(),
            Values::Float(v) => v.clear(),
            Values::Bool(v) => v.clear(),
            Values::Date(v) => v.clear(),
        }
        self.defined.clear();
    }
}
