//! framescope: measures the tone and framing of news articles with auditable lexicon scores.
//!
//! The data flow reads top to bottom: [`corpus`] reads articles, [`lexicon`] loads and checks
//! lexicons, [`text`] splits each article into tokens and sentences, the [`engine`] compiles the
//! lexicons, matches their terms, applies negation, intensity and contrast and adds up the scores,
//! [`pipeline`] scores articles in parallel in input order, and [`output`] writes the results;
//! [`compare`] contrasts finished runs, [`chart`] draws them, [`report`] puts a run into one HTML
//! page, [`validate`] measures scores against human codes, and [`learn`] fits lexicon weights to
//! them. [`batch`] scores a batch of records held in memory (Parquet in, Parquet tables out)
//! for programs that hand articles over rather than files.
//!
//! Only these touch the filesystem: `corpus` (input articles), `lexicon` (lexicon and rules
//! files), `output` (output files, and the manifest of the folder's previous run), `compare` (finished output
//! folders it reads back), `report` (the same, for the texts it shows) and `validate` (gold codes it
//! reads, `validation.csv` it writes); [`memory`] reads the system's own files (`/proc`, `/sys`) to
//! tell how much memory is left. The engine, `text`, `pipeline` and `chart` never do.

pub mod batch;
pub mod chart;
pub mod compare;
pub mod corpus;
pub mod engine;
pub mod learn;
pub mod lexicon;
pub mod memory;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod text;
pub mod validate;

pub use engine::score::ArticleScores;
pub use engine::scorer::Scorer;
pub use lexicon::LexiconDir;
