//! Lexicons: the model, the TOML file format with its diagnostics, and where files come from.

mod diagnostic;
pub mod export;
pub mod formats;
pub mod license;
mod matching;
mod model;
mod parse;
mod source;
mod term;

pub use diagnostic::{Diagnostic, Severity};
pub use matching::{compile_pattern, glob_matches, pattern_text, Matching};
pub use model::{
    Category, ContrastWeights, Element, Imported, Lexicon, Modifiers, Origin, Rules, Term,
};
pub use parse::check_category_name;
pub use parse::{parse_lexicon, parse_rules, sha256_hex, Parsed, SourceFile};
pub use source::{
    check, check_with, load, load_with, read_lexicon_path, LexiconDir, LoadError, Loaded,
};
pub use term::{compile_term, stemmer_for};
