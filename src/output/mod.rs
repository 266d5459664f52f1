//! The output folder, the product's interface: its layout (every file name), the run manifest
//! (written and read through one set of types), the tables and their columns (the rows of every
//! table defined once in `rows`, written as CSV, or as Parquet in `parquet`; who is quoted in
//! `sources`), atomic files, the tables written on threads of their own, the lock that keeps two
//! runs out of one folder, and the run that puts a command's files in place.

pub mod atomic;
mod csv_row;
pub mod layout;
pub mod lock;
pub mod manifest;
pub mod number;
pub mod parquet;
pub mod pending;
pub mod rows;
pub mod run;
pub mod sources;
mod spool;
pub mod tables;

pub use self::parquet::RowTables;
pub use atomic::{commit_all, finish_all, AtomicFile, CommitError};
pub use layout::TableFormat;
pub use manifest::{Manifest, Settings};
pub use rows::{Cells, Table};
pub use run::OutputRun;
pub use tables::{ArticleRows, CsvStyle, Evidence, RowRenderer, StyledTable, Tables};
