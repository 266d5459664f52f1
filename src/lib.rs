//! framescope: measures the tone and framing of news articles with auditable lexicon scores.
//!
//! The data flow reads top to bottom: [`corpus`] reads articles, [`text`] analyses them,
//! [`compile`] and [`matcher`] find lexicon terms, [`modifiers`] apply negation, intensity and
//! contrast, [`score`] aggregates, and [`report`] writes the results; [`validate`] measures scores
//! against human codes. Only `corpus`, lexicon loading, `report` and the gold reader and writer of
//! `validate` touch the filesystem.

pub mod chart;
pub mod checks;
pub mod compare;
pub mod compile;
pub mod corpus;
pub mod lexicon;
pub mod matcher;
pub mod modifiers;
pub mod output;
pub mod pipeline;
pub mod score;
pub mod scorer;
pub mod text;
pub mod validate;

pub use lexicon::LexiconDir;
pub use score::ArticleScores;
pub use scorer::Scorer;
