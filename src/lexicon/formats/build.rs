//! What a reader of a foreign format collects (categories with their entries, each at its line)
//! and how it becomes the lexicon model: every entry compiled for the chosen matching, and each
//! one that cannot be carried over reported with its line and the reason.

use std::collections::HashMap;

use super::text::diagnostic;
use super::Format;
use crate::lexicon::matching::{compile_pattern, Matching};
use crate::lexicon::model::{Category, Element, Imported, Lexicon, Modifiers, Origin, Term};
use crate::lexicon::parse::{check_category_name, is_identifier, Parsed, MAX_WEIGHT};
use crate::lexicon::term::{compile_term, stemmer_for};
use crate::lexicon::{Diagnostic, Severity};

/// One word or phrase of a category, as written in the file.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub text: String,
    pub weight: f64,
    pub line: usize,
    pub col: usize,
}

#[derive(Debug)]
pub(super) struct DraftCategory {
    pub name: String,
    pub line: usize,
    pub polarity: i8,
    pub terms: Vec<Entry>,
    /// Fixed expressions that claim their words in this category and count nothing.
    pub stops: Vec<Entry>,
}

/// A dictionary as a reader collects it.
pub(super) struct Draft {
    label: String,
    pub format: Format,
    pub matching: Matching,
    categories: Vec<DraftCategory>,
    diagnostics: Vec<Diagnostic>,
}

impl Draft {
    pub fn new(label: &str, format: Format, matching: Matching) -> Draft {
        Draft {
            label: label.to_string(),
            format,
            matching,
            categories: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    pub fn warn(&mut self, line: usize, col: usize, message: impl Into<String>) {
        let d = diagnostic(&self.label, line, col, Severity::Warning, message);
        self.diagnostics.push(d);
    }

    pub fn error(&mut self, line: usize, col: usize, message: impl Into<String>) {
        let d = diagnostic(&self.label, line, col, Severity::Error, message);
        self.diagnostics.push(d);
    }

    /// The index of category `name`, created (at `line`) if new.
    pub fn category(&mut self, name: &str, line: usize) -> usize {
        if let Some(i) = self.categories.iter().position(|c| c.name == name) {
            return i;
        }
        self.categories.push(DraftCategory {
            name: name.to_string(),
            line,
            polarity: 0,
            terms: Vec::new(),
            stops: Vec::new(),
        });
        self.categories.len() - 1
    }

    pub fn set_polarity(&mut self, category: usize, polarity: i8) {
        self.categories[category].polarity = polarity;
    }

    pub fn add(&mut self, category: usize, entry: Entry) {
        self.categories[category].terms.push(entry);
    }

    pub fn add_stop(&mut self, category: usize, entry: Entry) {
        self.categories[category].stops.push(entry);
    }
}

/// What the file cannot say about itself.
pub(super) struct Meta {
    pub id: String,
    pub language: String,
    pub license: String,
    /// The file's name.
    pub file: String,
    pub sha256: String,
    pub encoding: &'static str,
    pub origin: Origin,
}

/// The lexicon a draft makes, with every problem; no lexicon when one of them is an error.
pub(super) fn finish(mut draft: Draft, meta: Meta) -> Parsed<Lexicon> {
    if !is_identifier(&meta.id) {
        draft.error(
            1,
            1,
            format!(
                "lexicon id `{}` must be lower-case letters, digits and `_`",
                meta.id
            ),
        );
    }
    let stemmer = match draft.matching {
        Matching::Framescope => {
            let stemmer = stemmer_for(&meta.language);
            if stemmer.is_none() {
                draft.error(
                    1,
                    1,
                    format!(
                        "no stemmer for language `{}`, which framescope's matching needs; use a \
                         code such as en, de, fr, es, nl",
                        meta.language
                    ),
                );
            }
            stemmer
        }
        _ => None,
    };
    if draft.categories.is_empty() && !has_errors(&draft.diagnostics) {
        draft.error(
            1,
            1,
            format!("no category found in {}", draft.format.describe()),
        );
    }
    let drafts = std::mem::take(&mut draft.categories);
    let mut categories = Vec::new();
    for category in drafts {
        if let Err(why) = check_category_name(&category.name) {
            draft.error(
                category.line,
                1,
                format!("category name `{}` {why}", category.name),
            );
            continue;
        }
        let compile = |raw: &str| -> Result<Vec<Element>, String> {
            match (&stemmer, draft.matching) {
                (Some(stemmer), Matching::Framescope) => {
                    compile_term(raw, stemmer).map(|c| c.elements)
                }
                (_, tool) => compile_pattern(raw, tool),
            }
        };
        let (terms, mut problems) = compile_entries(&category, &category.terms, &compile, &draft);
        let (stops, more) = compile_entries(&category, &category.stops, &compile, &draft);
        problems.extend(more);
        for (line, col, message) in problems {
            draft.warn(line, col, message);
        }
        if terms.is_empty() {
            draft.warn(
                category.line,
                1,
                format!(
                    "category `{}` has no entry: it always counts 0",
                    category.name
                ),
            );
        }
        categories.push(Category {
            description: format!("category `{}` of {}", category.name, meta.file),
            negatable: category.polarity != 0 && !draft.matching.is_tool(),
            name: category.name,
            polarity: category.polarity,
            terms,
            stop_phrases: stops,
        });
    }
    let failed = has_errors(&draft.diagnostics);
    let lexicon = Lexicon {
        id: meta.id,
        name: meta.file.clone(),
        version: format!("sha256:{}", &meta.sha256[..12.min(meta.sha256.len())]),
        language: meta.language,
        license: meta.license,
        description: format!(
            "{} read from {}, matched as {} counts",
            capitalised(draft.format.describe()),
            meta.file,
            draft.matching
        ),
        sources: vec![format!(
            "{} ({}, sha256 {})",
            meta.file, meta.encoding, meta.sha256
        )],
        tone: false,
        modifiers: Modifiers::default(),
        categories,
        origin: meta.origin,
        sha256: meta.sha256.clone(),
        matching: draft.matching,
        imported: Some(Imported {
            file: meta.file,
            sha256: meta.sha256,
            format: draft.format.name().to_string(),
        }),
    };
    Parsed {
        value: (!failed).then_some(lexicon),
        diagnostics: draft.diagnostics,
    }
}

/// A problem with an entry: its line, column and message.
type Problem = (usize, usize, String);

/// The entries of `category` that can be carried over, compiled, and why each other cannot.
/// An entry equal to an earlier one of the category is counted once, as each tool does.
fn compile_entries(
    category: &DraftCategory,
    entries: &[Entry],
    compile: &dyn Fn(&str) -> Result<Vec<Element>, String>,
    draft: &Draft,
) -> (Vec<Term>, Vec<Problem>) {
    let mut terms: Vec<Term> = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<Vec<Element>, usize> = HashMap::new();
    let zero_ok = draft.matching.allows_zero_weight();
    for entry in entries {
        let not_carried = |why: String| {
            (
                entry.line,
                entry.col,
                format!("`{}` is not carried over: {why}", entry.text),
            )
        };
        let w = entry.weight;
        let low_ok = if zero_ok { w >= 0.0 } else { w > 0.0 };
        if !(low_ok && w <= MAX_WEIGHT) {
            let low = if zero_ok { "0" } else { "above 0" };
            problems.push(not_carried(format!(
                "its weight {w} is outside {low} to {MAX_WEIGHT}"
            )));
            continue;
        }
        let elements = match compile(&entry.text) {
            Ok(e) => e,
            Err(why) => {
                problems.push(not_carried(why));
                continue;
            }
        };
        if let Some(&line) = seen.get(&elements) {
            problems.push((
                entry.line,
                entry.col,
                format!(
                    "`{}` repeats the entry of line {line} in category `{}`: counted once",
                    entry.text, category.name
                ),
            ));
            continue;
        }
        if elements.len() > 1 && !draft.matching.matches_phrases() {
            problems.push((
                entry.line,
                entry.col,
                format!(
                    "`{}` has several words, and {} matching looks up one token at a time: it \
                     never matches",
                    entry.text, draft.matching
                ),
            ));
        }
        seen.insert(elements.clone(), entry.line);
        terms.push(Term {
            text: entry.text.clone(),
            weight: entry.weight,
            elements,
            line: entry.line,
        });
    }
    (terms, problems)
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
