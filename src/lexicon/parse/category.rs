//! The `[categories.NAME]` tables of a lexicon: each category's settings, its weighted terms and
//! its stop phrases, with warnings about duplicates across the lexicon.

use rustc_hash::FxHashMap;
use std::ops::Range;

use rust_stemmers::Stemmer;
use toml_edit::{Item, TableLike};

use super::reader::{key_span, Reader};
use super::MAX_WEIGHT;
use crate::lexicon::matching::{compile_pattern, Matching};
use crate::lexicon::model::{Category, Element, Scoring, Term};
use crate::lexicon::term::{compile_term, stops_a_term, CompiledTerm, StemMemo};

const CATEGORY_KEYS: &[&str] = &[
    "description",
    "polarity",
    "negatable",
    "terms",
    "stop_phrases",
    "intercept",
];

/// For duplicate warnings: the compiled elements of every term seen so far in the lexicon, with
/// its category and line.
type Seen = FxHashMap<Vec<Element>, (String, usize)>;

/// Reads every category; `None` when the file has no usable `categories` table or its language
/// has no stemmer (already reported), since terms cannot be compiled then.
pub(super) fn read_categories(
    reader: &mut Reader,
    root: &dyn TableLike,
    stemmer: Option<&Stemmer>,
    matching: Matching,
    scoring: Scoring,
) -> Option<Vec<Category>> {
    let Some(categories_item) = root.get("categories") else {
        reader.error(
            None,
            "no `[categories.NAME]` table: a lexicon needs at least one category",
        );
        return None;
    };
    let Some(tables) = categories_item.as_table_like() else {
        reader.error(
            categories_item.span(),
            "`categories` must be a table of categories",
        );
        return None;
    };
    let stemmer = stemmer?;
    let mut seen = Seen::default();
    let terms = TermReader {
        stemmer,
        matching,
        scoring,
    };
    let categories: Vec<Category> = tables
        .iter()
        .filter_map(|(name, item)| {
            let name_span = key_span(tables, name);
            read_category(reader, name, item, name_span, &terms, &mut seen)
        })
        .collect();
    if categories.is_empty() {
        reader.error(categories_item.span(), "the lexicon has no category");
    }
    Some(categories)
}

/// How the terms of a lexicon are compiled: with framescope's term syntax and the stemmer of
/// its language, or as patterns of the tool whose matching it uses.
struct TermReader<'a> {
    stemmer: &'a Stemmer,
    matching: Matching,
    /// A fitted (logistic) lexicon's weights may be negative: terms that lower the probability.
    scoring: Scoring,
}

impl TermReader<'_> {
    fn compile(&self, raw: &str) -> Result<CompiledTerm, String> {
        match self.matching {
            Matching::Framescope => compile_term(raw, self.stemmer),
            tool => compile_pattern(raw, tool).map(|elements| CompiledTerm {
                elements,
                warnings: Vec::new(),
            }),
        }
    }
}

/// Reads category `name`, written at `name_span`; `None` when it is not a table.
fn read_category(
    reader: &mut Reader,
    name: &str,
    item: &Item,
    name_span: Option<Range<usize>>,
    terms_reader: &TermReader,
    seen: &mut Seen,
) -> Option<Category> {
    let Some(table) = item.as_table_like() else {
        reader.error(
            item.span().or(name_span),
            format!("category `{name}` must be a table"),
        );
        return None;
    };
    let what = format!("category `{name}`");
    if let Err(why) = check_category_name(name) {
        reader.error(name_span.clone(), format!("category name `{name}` {why}"));
    }
    reader.only_keys(table, CATEGORY_KEYS, &what);
    let description = reader
        .string(table, "description", &what, false)
        .unwrap_or_default();
    if description.is_empty() {
        reader.warn(name_span.clone(), format!("{what} has no description"));
    }
    let polarity = read_polarity(reader, table, &what, &name_span);
    let negatable = reader
        .boolean(table, "negatable", &what)
        .unwrap_or(polarity != 0);
    let terms = read_terms(reader, table, name, &name_span, terms_reader, seen);
    let stop_phrases = read_stop_phrases(reader, table, name, &terms, seen, terms_reader);
    let intercept = read_intercept(reader, table, &what, &name_span, terms_reader.scoring);
    Some(Category {
        name: name.to_string(),
        description,
        polarity,
        negatable,
        terms,
        stop_phrases,
        intercept,
    })
}

/// The `intercept` of a category: required in a lexicon scored `logistic`, refused elsewhere.
fn read_intercept(
    reader: &mut Reader,
    table: &dyn TableLike,
    what: &str,
    name_span: &Option<Range<usize>>,
    scoring: Scoring,
) -> Option<f64> {
    let item = table.get("intercept");
    match (scoring, item) {
        (Scoring::Logistic, Some(item)) => {
            let value = reader.number(item, &format!("the `intercept` of {what}"))?;
            if value.abs() > MAX_INTERCEPT {
                reader.error(
                    item.span(),
                    format!("the `intercept` of {what} must lie between -{MAX_INTERCEPT} and {MAX_INTERCEPT}"),
                );
            }
            Some(value)
        }
        (Scoring::Logistic, None) => {
            reader.error(
                name_span.clone(),
                format!("{what} needs an `intercept`: the lexicon's score is logistic"),
            );
            None
        }
        (Scoring::Rate, Some(item)) => {
            reader.error(
                item.span(),
                format!(
                    "{what} has an `intercept`, which only a lexicon with `score = \"logistic\"` uses"
                ),
            );
            None
        }
        (Scoring::Rate, None) => None,
    }
}

/// The largest intercept a logistic category may have: beyond it the probability is 0 or 1
/// whatever the matches.
const MAX_INTERCEPT: f64 = 50.0;

/// The category's `polarity`: -1, 0 or 1 (0 once reported when missing or invalid).
fn read_polarity(
    reader: &mut Reader,
    table: &dyn TableLike,
    what: &str,
    name_span: &Option<Range<usize>>,
) -> i8 {
    match table.get("polarity") {
        Some(p) => match p.as_integer() {
            Some(v @ -1..=1) => v as i8,
            _ => {
                reader.error(p.span(), format!("`polarity` of {what} must be -1, 0 or 1"));
                0
            }
        },
        None => {
            reader.error(
                name_span.clone(),
                format!("{what} needs `polarity` (-1, 0 or 1)"),
            );
            0
        }
    }
}

/// The `terms` table of category `name`: `"term" = weight` entries.
fn read_terms(
    reader: &mut Reader,
    table: &dyn TableLike,
    name: &str,
    name_span: &Option<Range<usize>>,
    terms_reader: &TermReader,
    seen: &mut Seen,
) -> Vec<Term> {
    let what = format!("category `{name}`");
    let term_table = match table.get("terms").map(|t| (t, t.as_table_like())) {
        None => {
            reader.error(name_span.clone(), format!("{what} needs a `terms` table"));
            return Vec::new();
        }
        Some((t, None)) => {
            reader.error(
                t.span(),
                format!("`terms` of {what} must be a table of `\"term\" = weight`"),
            );
            return Vec::new();
        }
        Some((_, Some(term_table))) => term_table,
    };
    let terms: Vec<Term> = term_table
        .iter()
        .filter_map(|(raw, value)| {
            let span = key_span(term_table, raw);
            read_term(reader, name, raw, value, span, terms_reader, seen)
        })
        .collect();
    if terms.is_empty() {
        reader.warn(
            name_span.clone(),
            format!("{what} has no terms: it will always count zero"),
        );
    }
    terms
}

/// One `"raw" = weight` entry of category `name`, its key written at `span`; `None` when the
/// term cannot be compiled.
fn read_term(
    reader: &mut Reader,
    name: &str,
    raw: &str,
    value: &Item,
    span: Option<Range<usize>>,
    terms_reader: &TermReader,
    seen: &mut Seen,
) -> Option<Term> {
    let line = reader.line_of(&span);
    let weight = reader.number(value, &format!("the weight of `{raw}`"));
    if let Some(w) = weight {
        if terms_reader.scoring == Scoring::Logistic {
            if !(w != 0.0 && w.abs() <= MAX_WEIGHT) {
                reader.error(
                    value.span(),
                    format!(
                        "the weight of `{raw}` must be between -{MAX_WEIGHT} and {MAX_WEIGHT}, and not 0"
                    ),
                );
            }
        } else {
            let zero_ok = terms_reader.matching.allows_zero_weight();
            let low_ok = if zero_ok { w >= 0.0 } else { w > 0.0 };
            if !(low_ok && w <= MAX_WEIGHT) {
                let low = if zero_ok { "at least 0" } else { "above 0" };
                reader.error(
                    value.span(),
                    format!("the weight of `{raw}` must be {low} and at most {MAX_WEIGHT}"),
                );
            }
        }
    }
    let compiled = compile_reported(reader, raw, terms_reader, &span)?;
    match seen.get(&compiled.elements) {
        Some((other, other_line)) => warn_duplicate(reader, name, raw, &span, other, *other_line),
        None => {
            seen.insert(compiled.elements.clone(), (name.to_string(), line));
        }
    }
    Some(Term {
        text: raw.to_string(),
        weight: weight.unwrap_or(1.0),
        elements: compiled.elements,
        line,
    })
}

/// Warns that term `raw` of category `name` was already seen in category `other` on line
/// `other_line`. Across categories a `# note:` comment on the term's line says it is deliberate.
fn warn_duplicate(
    reader: &mut Reader,
    name: &str,
    raw: &str,
    span: &Option<Range<usize>>,
    other: &str,
    other_line: usize,
) {
    let inline_note = span
        .as_ref()
        .is_some_and(|s| has_note(reader.loc.line_text(s.start)));
    if other == name {
        reader.warn(
            span.clone(),
            format!("`{raw}` is the same term as the one on line {other_line} once normalised"),
        );
    } else if !inline_note {
        reader.warn(
            span.clone(),
            format!(
                "`{raw}` is also in category `{other}` (line {other_line}); add a `# note:` \
                 comment on this line if that is deliberate"
            ),
        );
    }
}

/// `raw` compiled, with its warnings reported at `span`; `None`, with the error reported, when
/// it cannot be compiled.
fn compile_reported(
    reader: &mut Reader,
    raw: &str,
    terms_reader: &TermReader,
    span: &Option<Range<usize>>,
) -> Option<CompiledTerm> {
    match terms_reader.compile(raw) {
        Ok(mut compiled) => {
            for w in std::mem::take(&mut compiled.warnings) {
                reader.warn(span.clone(), w);
            }
            Some(compiled)
        }
        Err(message) => {
            reader.error(span.clone(), message);
            None
        }
    }
}

/// Reads the `stop_phrases` list of category `name`, whose terms are `terms`; `seen` holds the
/// lexicon's terms so far.
fn read_stop_phrases(
    reader: &mut Reader,
    table: &dyn TableLike,
    name: &str,
    terms: &[Term],
    seen: &Seen,
    terms_reader: &TermReader,
) -> Vec<Term> {
    let what = format!("category `{name}`");
    let values =
        reader.spanned_strings(table, "stop_phrases", &format!("`stop_phrases` of {what}"));
    let mut phrases: Vec<Term> = Vec::new();
    let mut stems = StemMemo::new(terms_reader.stemmer);
    for (raw, span) in values {
        let raw = raw.as_str();
        let line = reader.line_of(&span);
        let Some(compiled) = compile_reported(reader, raw, terms_reader, &span) else {
            continue;
        };
        if let Some(other) = phrases.iter().find(|p| p.elements == compiled.elements) {
            reader.warn(
                span.clone(),
                format!(
                    "stop phrase `{raw}` is the same as the one on line {} once normalised",
                    other.line
                ),
            );
        } else if let Some((_, term_line)) = seen.get(&compiled.elements).filter(|(c, _)| c == name)
        {
            reader.warn(
                span.clone(),
                format!(
                    "stop phrase `{raw}` is also a term of {what} (line {term_line}): a stop \
                     phrase wins, so the term never counts; keep one"
                ),
            );
        } else if !stops_a_term(&compiled.elements, terms, &mut stems) {
            reader.warn(
                span.clone(),
                format!(
                    "stop phrase `{raw}` contains no term of {what}, so it stops nothing; remove \
                     it, or move it to the category whose term it should stop"
                ),
            );
        }
        phrases.push(Term {
            text: raw.to_string(),
            weight: 0.0,
            elements: compiled.elements,
            line,
        });
    }
    phrases
}

/// A `# note:` comment on a term's line explains a deliberate duplicate.
fn has_note(line: &str) -> bool {
    line.split_once('#')
        .is_some_and(|(_, comment)| comment.contains("note:"))
}

/// A category name keeps the case and the characters of the dictionary it came from (`A
/// CATEGORY`, `ECONOMY.+STATE+`), since outputs name columns after it; what would break a column
/// name or a message is refused.
pub fn check_category_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("is empty");
    }
    if name.trim() != name {
        return Err("must not begin or end with a space");
    }
    if name.chars().any(char::is_control) {
        return Err("must not hold control characters (tabs, line breaks)");
    }
    if name.chars().count() > 200 {
        return Err("is longer than 200 characters");
    }
    Ok(())
}

/// Lower-case letters, digits and `_`: what lexicon ids are made of.
pub fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
