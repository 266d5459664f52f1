//! Writing results: atomic files, CSV tables, number formatting and the run manifest.

pub mod atomic;
pub mod comparison;
pub mod manifest;
pub mod number;
pub mod tables;

pub use atomic::{commit_all, commit_set, remove_stale_temporaries, AtomicFile};
pub use tables::{CsvStyle, Evidence, Tables};
