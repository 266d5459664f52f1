//! framescope: measures the tone and framing of news articles with auditable lexicon scores.
//!
//! The data flow reads top to bottom: [`corpus`] reads articles, [`text`] analyses them,
//! [`compile`] and [`matcher`] find lexicon terms, [`modifiers`] apply negation, intensity and
//! contrast, [`score`] aggregates, and [`report`] writes the results. Only `corpus`, lexicon
//! loading and `report` touch the filesystem.

pub mod checks;
pub mod compile;
pub mod corpus;
pub mod lexicon;
pub mod matcher;
pub mod modifiers;
pub mod pipeline;
pub mod report;
pub mod score;
pub mod scorer;
pub mod text;

pub use lexicon::LexiconDir;
pub use score::ArticleScores;
pub use scorer::Scorer;
