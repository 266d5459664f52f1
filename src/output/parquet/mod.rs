//! The tables of rows as Parquet: the kind of every column (`schema`), the rows of an article
//! as typed columns (`columns`, made by `render`), a table written from them a row group at a
//! time (`write`), the tables of a run and the choice of format (`tables`), and a table read
//! back as the cells of its CSV twin (`read`).

pub mod columns;
pub mod read;
pub mod render;
pub mod schema;
pub mod tables;
pub mod write;

pub use columns::TableColumns;
pub use read::ParquetRows;
pub use render::{ArticleColumns, ColumnRenderer};
pub use tables::{ParquetTables, RenderedRows, RowRenderers, RowTables};
pub use write::{Packing, ParquetTable};
