//! Comparisons of articles and groups: what differs, by how much, and whether the difference is
//! larger than chance. [`data`] holds the counts comparisons work from, [`gather`] builds them
//! from scores, [`read`] from a finished output folder; [`options`] says what is asked for,
//! [`plan`] chooses what to compare, [`engine`] runs the comparisons: `side` builds the sides,
//! `bootstrap` resamples them, `pair` compares two, `keyness` and `profiles` find their
//! distinguishing terms and frames. [`stats`] and [`rng`] hold the statistics, [`findings`] what
//! a run found, [`summary`] puts it into words and [`output`] writes the comparison files.
//! [`describe`] summarises groups and articles for the charts whatever is compared, and
//! [`timeseries`] their rates and tone week by week or month by month.
//! [`stories`] finds the articles of different groups that report one story, from their words,
//! and [`story_table`] writes what it found. [`counts`] builds the counts from per-article rows
//! handed over in memory (a cluster's), rather than from a folder.

mod bootstrap;
pub mod counts;
pub mod data;
pub mod describe;
pub mod engine;
pub mod families;
pub mod findings;
pub mod gather;
mod keyness;
pub mod options;
pub mod output;
mod pair;
mod paired;
pub mod plan;
pub mod power;
mod profiles;
pub mod read;
pub mod rng;
mod side;
pub mod stats;
pub mod stories;
pub mod story_table;
pub mod summary;
pub mod timeseries;

pub use data::{Gatherer, Observations, Schema};
pub use describe::{describe, Description};
pub use engine::run;
pub use findings::{
    Caution, Comparison, Design, Measure, Members, Note, Omnibus, Report, Row, Test, Unit,
};
pub use options::{Adjustment, Options, PairsMode};
pub use plan::{CompareError, DETAIL_LIMIT};
