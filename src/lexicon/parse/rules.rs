//! Modifier words: the rules file of a language (negators, intensifiers, contrast words, clause
//! breaks and the scoring constants) and a lexicon's own `[modifiers]` table.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml_edit::{ImDocument, Item, TableLike};

use super::document::check_format;
use super::reader::Reader;
use super::{sha256_hex, SourceFile, MAX_WEIGHT};
use crate::lexicon::model::{ContrastWeights, Modifiers, Rules};
use crate::lexicon::term::stemmer_for;
use crate::text::voice::{LISTS, PHRASE_LISTS};

const RULES_KEYS: &[&str] = &[
    "language",
    "version",
    "negators",
    "negation_window",
    "negation_factor",
    "clause_breaks",
    "intensifiers",
    "diminishers",
    "contrast",
    "abbreviations",
    "elisions",
    "caps_emphasis",
    "exclamation_boost",
    "tone_alpha",
    "voice",
];

/// The scoring constants of a rules file, each within its range.
struct Constants {
    negation_window: usize,
    negation_factor: f64,
    caps_emphasis: f64,
    exclamation_boost: f64,
    tone_alpha: f64,
}

pub(super) fn read_rules(
    reader: &mut Reader,
    doc: &ImDocument<&str>,
    source: &SourceFile,
) -> Option<Rules> {
    let root = doc.as_table();
    reader.only_keys(root, &["format", "rules"], "the file");
    check_format(reader, root);
    let Some(table) = root.get("rules").and_then(Item::as_table_like) else {
        reader.error(None, "missing the `[rules]` table");
        return None;
    };
    let what = "[rules]";
    reader.only_keys(table, RULES_KEYS, what);
    let language = reader.string(table, "language", what, true);
    let version = reader.string(table, "version", what, true);
    let constants = read_constants(reader, table);
    let mut intensifiers: HashMap<String, f64> = read_factors(reader, table, "intensifiers", what)
        .into_iter()
        .collect();
    intensifiers.extend(read_factors(reader, table, "diminishers", what));
    let mut word_set =
        |key: &str| -> HashSet<String> { normal_list(reader.strings(table, key, what)).collect() };
    let negators = word_set("negators");
    let clause_breaks = word_set("clause_breaks");
    let abbreviations = word_set("abbreviations");
    let elisions = word_set("elisions");
    let contrast = read_contrast(reader, table, what).into_iter().collect();
    let voice = read_voice(reader, table);
    if let Some(lang) = &language {
        if stemmer_for(lang).is_none() {
            reader.error(
                table.get("language").and_then(Item::span),
                format!("no stemmer for language `{lang}`"),
            );
        }
    }
    Some(Rules {
        language: language?,
        version: version?,
        negators,
        negation_window: constants.negation_window,
        negation_factor: constants.negation_factor,
        clause_breaks,
        intensifiers,
        contrast,
        abbreviations,
        elisions,
        caps_emphasis: constants.caps_emphasis,
        exclamation_boost: constants.exclamation_boost,
        tone_alpha: constants.tone_alpha,
        voice,
        origin: source.origin.clone(),
        sha256: sha256_hex(&source.text),
    })
}

/// The `[rules.voice]` table: lists of words and phrases, each under a name the voice rules know.
fn read_voice(reader: &mut Reader, table: &dyn TableLike) -> Vec<(String, Vec<String>)> {
    let Some(item) = table.get("voice") else {
        return Vec::new();
    };
    let Some(voice) = item.as_table_like() else {
        reader.error(
            item.span(),
            "`voice` in [rules] must be a table of word lists",
        );
        return Vec::new();
    };
    let known: Vec<&str> = LISTS
        .iter()
        .map(|(name, _)| *name)
        .chain(PHRASE_LISTS.iter().map(|(name, _)| *name))
        .collect();
    let what = "[rules.voice]";
    reader.only_keys(voice, &known, what);
    known
        .iter()
        .filter(|name| voice.contains_key(name))
        .map(|name| {
            let words: Vec<String> = normal_list(reader.strings(voice, name, what)).collect();
            (name.to_string(), words)
        })
        .collect()
}

/// The scoring constants of `[rules]`; one that is missing or out of range takes its default.
fn read_constants(reader: &mut Reader, table: &dyn TableLike) -> Constants {
    let mut bounded = |key: &str, default: f64, range: Range<f64>| match table.get(key) {
        None => default,
        Some(item) => match reader.number(item, &format!("`{key}`")) {
            Some(v) if range.contains(&v) => v,
            Some(_) => {
                reader.error(
                    item.span(),
                    format!("`{key}` must be in [{}, {})", range.start, range.end),
                );
                default
            }
            None => default,
        },
    };
    Constants {
        negation_window: bounded("negation_window", 3.0, 1.0..11.0) as usize,
        negation_factor: bounded("negation_factor", -0.5, -1.0..1.0),
        caps_emphasis: bounded("caps_emphasis", 1.0, 1.0..3.0),
        exclamation_boost: bounded("exclamation_boost", 0.0, 0.0..2.0),
        tone_alpha: bounded("tone_alpha", 15.0, 0.1..1000.0),
    }
}

/// A lexicon's `[modifiers]` table: words that add to or replace its language's rules.
pub(super) fn read_modifiers(reader: &mut Reader, root: &dyn TableLike) -> Modifiers {
    let Some(item) = root.get("modifiers") else {
        return Modifiers::default();
    };
    let Some(table) = item.as_table_like() else {
        reader.error(item.span(), "`modifiers` must be a table");
        return Modifiers::default();
    };
    let what = "[modifiers]";
    reader.only_keys(
        table,
        &["negators", "intensifiers", "diminishers", "contrast"],
        what,
    );
    let mut intensifiers = read_factors(reader, table, "intensifiers", what);
    intensifiers.extend(read_factors(reader, table, "diminishers", what));
    Modifiers {
        negators: normal_list(reader.strings(table, "negators", what)).collect(),
        intensifiers,
        contrast: read_contrast(reader, table, what),
    }
}

/// A table of `word = factor` entries, as normalised words.
fn read_factors(
    reader: &mut Reader,
    table: &dyn TableLike,
    key: &str,
    what: &str,
) -> Vec<(String, f64)> {
    let Some(item) = table.get(key) else {
        return Vec::new();
    };
    let Some(entries) = item.as_table_like() else {
        reader.error(
            item.span(),
            format!("`{key}` in {what} must be a table of `word = factor`"),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (word, value) in entries.iter() {
        if let Some(f) = reader.number(value, &format!("the factor of `{word}` in `{key}`")) {
            if f <= 0.0 || f > MAX_WEIGHT {
                reader.error(
                    value.span(),
                    format!("the factor of `{word}` must be above 0 and at most {MAX_WEIGHT}"),
                );
            } else {
                out.push((normal_words(word), f));
            }
        }
    }
    out
}

/// The `contrast` table: `word = { before = .., after = .. }` entries, as normalised words.
fn read_contrast(
    reader: &mut Reader,
    table: &dyn TableLike,
    what: &str,
) -> Vec<(String, ContrastWeights)> {
    let Some(item) = table.get("contrast") else {
        return Vec::new();
    };
    let Some(entries) = item.as_table_like() else {
        reader.error(
            item.span(),
            format!(
                "`contrast` in {what} must be a table of `word = {{ before = .., after = .. }}`"
            ),
        );
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|(word, value)| {
            read_contrast_weights(reader, word, value).map(|w| (normal_words(word), w))
        })
        .collect()
}

/// The weights of contrast word `word`, both required.
fn read_contrast_weights(reader: &mut Reader, word: &str, value: &Item) -> Option<ContrastWeights> {
    let Some(weights) = value.as_table_like() else {
        reader.error(
            value.span(),
            format!("contrast word `{word}` needs `{{ before = .., after = .. }}`"),
        );
        return None;
    };
    reader.only_keys(
        weights,
        &["before", "after"],
        &format!("contrast word `{word}`"),
    );
    let mut get = |k: &str| match weights.get(k) {
        Some(v) => reader.number(v, &format!("`{k}` of contrast word `{word}`")),
        None => {
            reader.error(value.span(), format!("contrast word `{word}` needs `{k}`"));
            None
        }
    };
    let (before, after) = (get("before"), get("after"));
    Some(ContrastWeights {
        before: before?,
        after: after?,
    })
}

/// The words of a list, normalised.
fn normal_list(words: Vec<String>) -> impl Iterator<Item = String> {
    words.into_iter().map(|s| normal_words(&s))
}

/// Lower-cased words separated by single spaces: how multi-word modifiers are compared.
fn normal_words(raw: &str) -> String {
    raw.split_whitespace()
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect::<Vec<_>>()
        .join(" ")
}
