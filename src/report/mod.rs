//! Writing results: atomic files, CSV tables, number formatting and the run manifest.

pub mod atomic;
mod csv_row;
pub mod manifest;
pub mod number;
pub mod tables;

pub use atomic::{commit_all, commit_set, finish_all, remove_stale_temporaries, AtomicFile};
pub use tables::{ArticleRows, CsvStyle, Evidence, RowRenderer, Tables};
