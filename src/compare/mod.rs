//! Comparisons of articles and groups: what differs, by how much, and whether the difference is
//! larger than chance. [`data`] holds the counts comparisons work from, [`gather`] builds them
//! from scores, [`read`] from a finished output folder, [`engine`] compares, [`stats`] and
//! [`rng`] hold the statistics, [`summary`] puts the findings into words and [`output`] writes
//! the comparison files.

pub mod data;
pub mod engine;
pub mod gather;
pub mod output;
pub mod read;
pub mod rng;
pub mod stats;
pub mod summary;

pub use data::{Gatherer, Observations, Schema};
pub use engine::{run, CompareError, Comparison, Options, PairsMode, Report, Row, Unit};
