//! The type of every column of the tables of rows, beside the column lists of `tables` and
//! `sources`: one kind per name, in the same order, so a column added there without its kind
//! here does not compile.

use crate::engine::compile::LexiconSet;
use crate::output::sources::{SOURCES_COLUMNS, SOURCE_GROUPS_COLUMNS};
use crate::output::tables::{
    articles_header, sentences_header, ARTICLES_LEADING, ARTICLES_VOICES, FRAMES_COLUMNS,
    MATCHES_COLUMNS, SENTENCES_LEADING, SENTENCES_VOICES,
};

/// What a column holds, and so its Parquet type. A CSV cell reads as exactly one value of its
/// kind: an empty cell is a missing value where the kind allows one, an error elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text; an empty cell is the empty string.
    Text,
    /// A count: a 64-bit integer, never missing.
    Int,
    /// A count that may be missing (an empty cell).
    OptInt,
    /// A rate, score or tone: a 64-bit float as the CSV prints it (its decimals), or missing
    /// where it is not defined.
    Float,
    /// `true` or `false`.
    Bool,
    /// A calendar date (`YYYY-MM-DD`), or missing.
    Date,
}

use Kind::{Bool, Date, Float, Int, OptInt, Text};

const ARTICLES_LEADING_KINDS: [Kind; ARTICLES_LEADING.len()] = [
    Text, Text, Text, Date, Text, Int, Int, Float, Float, Float, Float,
];
const ARTICLES_VOICES_KINDS: [Kind; ARTICLES_VOICES.len()] = [Float, Float, Int, Int, Float];
const FRAMES_KINDS: [Kind; FRAMES_COLUMNS.len()] = [
    Text, Text, Text, Text, Int, Float, Float, Float, Int, Int, Float, Int, Float, Int, Float, Int,
];
const SENTENCES_LEADING_KINDS: [Kind; SENTENCES_LEADING.len()] =
    [Text, Int, Int, Int, Float, Text, Int, Int, Int, Int];
const SENTENCES_VOICES_KINDS: [Kind; SENTENCES_VOICES.len()] = [Int, Int, Int, Float, Float, Float];
const MATCHES_KINDS: [Kind; MATCHES_COLUMNS.len()] = [
    Text, Int, Int, Int, Text, Text, Text, Text, Float, Bool, Text, Float, Int, Int, Text, Text,
];
const SOURCES_KINDS: [Kind; SOURCES_COLUMNS.len()] =
    [Text, Text, Text, Text, Text, Int, Int, Int, Int, OptInt];
const SOURCE_GROUPS_KINDS: [Kind; SOURCE_GROUPS_COLUMNS.len()] =
    [Text, Text, Text, Int, Int, Int, Int, Int];

/// A table's columns: their names (the CSV header) and kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub names: Vec<String>,
    pub kinds: Vec<Kind>,
}

impl Columns {
    fn fixed(names: &[&str], kinds: &[Kind]) -> Columns {
        debug_assert_eq!(names.len(), kinds.len());
        Columns {
            names: names.iter().map(|s| s.to_string()).collect(),
            kinds: kinds.to_vec(),
        }
    }

    /// The kind of the column named `name`.
    pub fn kind(&self, name: &str) -> Option<Kind> {
        let i = self.names.iter().position(|n| n == name)?;
        Some(self.kinds[i])
    }
}

/// `articles`: after the leading and voice columns, a rate (or fitted probability) per
/// category, the dominant category of each lexicon, the warnings, and the kept input fields.
pub fn articles(set: &LexiconSet, kept: &[String]) -> Columns {
    let names = articles_header(set, kept);
    let mut kinds = ARTICLES_LEADING_KINDS.to_vec();
    kinds.extend(ARTICLES_VOICES_KINDS);
    kinds.extend(set.categories.iter().map(|_| Float));
    kinds.extend(set.lexicons.iter().map(|_| Text));
    kinds.push(Text);
    kinds.extend(kept.iter().map(|_| Text));
    Columns { names, kinds }
}

pub fn frames() -> Columns {
    Columns::fixed(&FRAMES_COLUMNS, &FRAMES_KINDS)
}

/// `sentences`: after the leading and voice columns, the affirmed hits of each category.
pub fn sentences(set: &LexiconSet) -> Columns {
    let names = sentences_header(set);
    let mut kinds = SENTENCES_LEADING_KINDS.to_vec();
    kinds.extend(SENTENCES_VOICES_KINDS);
    kinds.extend(set.categories.iter().map(|_| Int));
    Columns { names, kinds }
}

pub fn matches() -> Columns {
    Columns::fixed(&MATCHES_COLUMNS, &MATCHES_KINDS)
}

pub fn sources() -> Columns {
    Columns::fixed(&SOURCES_COLUMNS, &SOURCES_KINDS)
}

pub fn source_groups() -> Columns {
    Columns::fixed(&SOURCE_GROUPS_COLUMNS, &SOURCE_GROUPS_KINDS)
}
