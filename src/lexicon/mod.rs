//! Lexicons: the model, the TOML file format with its diagnostics, and where files come from.

mod diagnostic;
mod model;
mod parse;
mod source;
mod term;

pub use diagnostic::{Diagnostic, Severity};
pub use model::{Category, ContrastWeights, Element, Lexicon, Modifiers, Origin, Rules, Term};
pub use parse::{parse_lexicon, parse_rules, sha256_hex, Parsed, SourceFile};
pub use source::{check, load, LexiconDir, LoadError, Loaded};
pub use term::{compile_term, stemmer_for};
