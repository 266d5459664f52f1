//! The tables of rows as Parquet: the kind of every column (`schema`), a table written from the
//! renderer's rows (`write`), the tables of a run and the choice of format (`tables`), and a
//! table read back as the cells of its CSV twin (`read`).

pub mod read;
pub mod schema;
pub mod tables;
pub mod write;

pub use read::ParquetRows;
pub use tables::{ParquetTables, RowTables};
pub use write::{Packing, ParquetTable};
