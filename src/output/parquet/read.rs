//! A Parquet table read back row by row as the cells its CSV twin holds: counts in digits,
//! numbers to the CSV's decimals, missing values as empty cells, so that every reader of the
//! CSV outputs reads either.

use std::fs::File;

use parquet::file::reader::{ChunkReader, FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use parquet::record::Field;

use crate::corpus::Date;
use crate::output::number::fixed;
use crate::output::tables::DECIMALS;

/// The rows of a Parquet file, as CSV records.
pub struct ParquetRows {
    headers: csv::StringRecord,
    rows: RowIter<'static>,
}

impl ParquetRows {
    /// Opens `file`; the error says what is wrong with it.
    pub fn open(file: File) -> Result<ParquetRows, String> {
        ParquetRows::of(file)
    }

    /// The rows of a whole Parquet file held in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<ParquetRows, String> {
        ParquetRows::of(bytes::Bytes::from(bytes))
    }

    fn of<R: ChunkReader + 'static>(source: R) -> Result<ParquetRows, String> {
        let reader =
            SerializedFileReader::new(source).map_err(|e| format!("not a Parquet file: {e}"))?;
        let headers = reader
            .metadata()
            .file_metadata()
            .schema_descr()
            .root_schema()
            .get_fields()
            .iter()
            .map(|f| f.name().to_string())
            .collect();
        let reader: Box<dyn FileReader> = Box::new(reader);
        Ok(ParquetRows {
            headers,
            rows: RowIter::from_file_into(reader),
        })
    }

    pub fn headers(&self) -> &csv::StringRecord {
        &self.headers
    }

    /// Reads the next row into `record`; false at the end.
    pub fn read_record(&mut self, record: &mut csv::StringRecord) -> Result<bool, String> {
        let Some(row) = self.rows.next() else {
            return Ok(false);
        };
        let row = row.map_err(|e| e.to_string())?;
        record.clear();
        let mut cell = String::new();
        for (_, field) in row.get_column_iter() {
            cell.clear();
            push_cell(&mut cell, field);
            record.push_field(&cell);
        }
        Ok(true)
    }
}

/// Appends `field` as its CSV cell.
pub fn push_cell(cell: &mut String, field: &Field) {
    use std::fmt::Write;
    match field {
        Field::Null => {}
        Field::Str(s) => cell.push_str(s),
        Field::Bool(b) => cell.push_str(if *b { "true" } else { "false" }),
        Field::Long(n) => {
            let _ = write!(cell, "{n}");
        }
        Field::Int(n) => {
            let _ = write!(cell, "{n}");
        }
        Field::Double(x) => cell.push_str(&fixed(*x, DECIMALS)),
        Field::Float(x) => cell.push_str(&fixed(f64::from(*x), DECIMALS)),
        Field::Date(days) => {
            let _ = write!(cell, "{}", Date::from_days(i64::from(*days)));
        }
        other => {
            let _ = write!(cell, "{other}");
        }
    }
}

/// A table of rows read back as CSV records, from its CSV or its Parquet file.
pub enum Rows<R: std::io::Read> {
    Csv(csv::Reader<R>),
    Parquet(ParquetRows),
}

impl<R: std::io::Read> Rows<R> {
    /// The header; the error says what is wrong with the file.
    pub fn headers(&mut self) -> Result<csv::StringRecord, String> {
        match self {
            Rows::Csv(reader) => reader.headers().cloned().map_err(|e| e.to_string()),
            Rows::Parquet(rows) => Ok(rows.headers().clone()),
        }
    }

    /// Reads the next row into `record`; false at the end.
    pub fn read_record(&mut self, record: &mut csv::StringRecord) -> Result<bool, String> {
        match self {
            Rows::Csv(reader) => reader.read_record(record).map_err(|e| e.to_string()),
            Rows::Parquet(rows) => rows.read_record(record),
        }
    }
}
