//! Reads lexicon and rules files (TOML) into the model, collecting every problem with its
//! location rather than stopping at the first.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use sha2::{Digest, Sha256};
use toml_edit::{ImDocument, Item, TableLike};

use super::diagnostic::{Diagnostic, Locator, Severity};
use super::model::{Category, ContrastWeights, Element, Lexicon, Modifiers, Origin, Rules, Term};
use super::term::{compile_term, stemmer_for, stops_a_term, CompiledTerm, StemMemo};
use rust_stemmers::Stemmer;

/// The largest weight a term may have.
pub const MAX_WEIGHT: f64 = 10.0;

/// The text of one lexicon or rules file and where it came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// How messages name the file: a path, or `embedded:lexicons/ID.toml`.
    pub label: String,
    pub text: String,
    pub origin: Origin,
}

/// The result of reading a file: the model if there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Parsed<T> {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

struct Ctx<'a> {
    loc: Locator<'a>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    fn error(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        let d = self.loc.at(span.map(|s| s.start), Severity::Error, message);
        self.diagnostics.push(d);
    }

    fn warn(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        let d = self
            .loc
            .at(span.map(|s| s.start), Severity::Warning, message);
        self.diagnostics.push(d);
    }

    fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Reports every key of `table` not in `allowed`.
    fn only_keys(&mut self, table: &dyn TableLike, allowed: &[&str], what: &str) {
        for (key, _) in table.iter() {
            if !allowed.contains(&key) {
                let span = table.get_key_value(key).and_then(|(k, _)| k.span());
                self.error(
                    span,
                    format!(
                        "unknown key `{key}` in {what}; expected one of: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    fn string(
        &mut self,
        table: &dyn TableLike,
        key: &str,
        what: &str,
        required: bool,
    ) -> Option<String> {
        self.string_at(table, key, what, required, None)
    }

    /// Like `string`, with `anchor` as the place to report a missing key (the table's header).
    fn string_at(
        &mut self,
        table: &dyn TableLike,
        key: &str,
        what: &str,
        required: bool,
        anchor: Option<Range<usize>>,
    ) -> Option<String> {
        match table.get(key) {
            Some(item) => match item.as_str() {
                Some(s) => Some(s.to_string()),
                None => {
                    self.error(item.span(), format!("`{key}` in {what} must be a string"));
                    None
                }
            },
            None => {
                if required {
                    self.error(
                        anchor.or_else(|| table_span(table)),
                        format!("{what} needs `{key}`"),
                    );
                }
                None
            }
        }
    }

    fn boolean(&mut self, table: &dyn TableLike, key: &str, what: &str) -> Option<bool> {
        let item = table.get(key)?;
        let value = item.as_bool();
        if value.is_none() {
            self.error(
                item.span(),
                format!("`{key}` in {what} must be true or false"),
            );
        }
        value
    }

    fn number(&mut self, item: &Item, what: &str) -> Option<f64> {
        let value = item
            .as_float()
            .or_else(|| item.as_integer().map(|i| i as f64));
        if value.is_none() {
            self.error(item.span(), format!("{what} must be a number"));
        }
        value
    }

    fn strings(&mut self, table: &dyn TableLike, key: &str, what: &str) -> Vec<String> {
        self.spanned_strings(table, key, &format!("`{key}` in {what}"))
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    /// The strings of the list `key`, each with where it stands; `owner` names the list in
    /// messages about values that are not strings.
    fn spanned_strings(
        &mut self,
        table: &dyn TableLike,
        key: &str,
        owner: &str,
    ) -> Vec<(String, Option<Range<usize>>)> {
        let Some(item) = table.get(key) else {
            return Vec::new();
        };
        let Some(array) = item.as_array() else {
            self.error(item.span(), format!("{owner} must be a list of strings"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array.iter() {
            match value.as_str() {
                Some(s) => out.push((s.to_string(), value.span())),
                None => self.error(value.span(), format!("{owner} must hold only strings")),
            }
        }
        out
    }

    /// A table of `word = factor` entries, as normalised words.
    fn factors(&mut self, table: &dyn TableLike, key: &str, what: &str) -> Vec<(String, f64)> {
        let Some(item) = table.get(key) else {
            return Vec::new();
        };
        let Some(entries) = item.as_table_like() else {
            self.error(
                item.span(),
                format!("`{key}` in {what} must be a table of `word = factor`"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (word, value) in entries.iter() {
            if let Some(f) = self.number(value, &format!("the factor of `{word}` in `{key}`")) {
                if f <= 0.0 || f > MAX_WEIGHT {
                    self.error(
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

    fn contrast(&mut self, table: &dyn TableLike, what: &str) -> Vec<(String, ContrastWeights)> {
        let Some(item) = table.get("contrast") else {
            return Vec::new();
        };
        let Some(entries) = item.as_table_like() else {
            self.error(item.span(), format!("`contrast` in {what} must be a table of `word = {{ before = .., after = .. }}`"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (word, value) in entries.iter() {
            let Some(weights) = value.as_table_like() else {
                self.error(
                    value.span(),
                    format!("contrast word `{word}` needs `{{ before = .., after = .. }}`"),
                );
                continue;
            };
            self.only_keys(
                weights,
                &["before", "after"],
                &format!("contrast word `{word}`"),
            );
            let mut get = |k: &str| match weights.get(k) {
                Some(v) => self.number(v, &format!("`{k}` of contrast word `{word}`")),
                None => {
                    self.error(value.span(), format!("contrast word `{word}` needs `{k}`"));
                    None
                }
            };
            if let (Some(before), Some(after)) = (get("before"), get("after")) {
                out.push((normal_words(word), ContrastWeights { before, after }));
            }
        }
        out
    }
}

/// Where a table is: its first key.
fn table_span(table: &dyn TableLike) -> Option<Range<usize>> {
    table
        .get_values()
        .first()
        .and_then(|(keys, _)| keys.first().and_then(|k| k.span()))
}

/// Lower-cased words separated by single spaces: how multi-word modifiers are compared.
fn normal_words(raw: &str) -> String {
    raw.split_whitespace()
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Parses the document, reporting a syntax error with its position. The TOML parser stops at
/// the first error, so to report the others in the same run, the line of each error is blanked
/// out (keeping every offset) and the text parsed again, until it parses or stops progressing.
fn parse_document<'a>(ctx: &mut Ctx<'a>, text: &'a str) -> Option<ImDocument<&'a str>> {
    let mut error = match ImDocument::parse(text) {
        Ok(doc) => return Some(doc),
        Err(e) => e,
    };
    let mut patched = text.as_bytes().to_vec();
    let mut last_line = None;
    for _ in 0..MAX_SYNTAX_ERRORS {
        let message = error.message().trim().replace('\n', " ");
        let span = error.span();
        ctx.error(span.clone(), format!("TOML syntax: {message}"));
        let Some(at) = span.map(|s| s.start.min(patched.len())) else {
            break;
        };
        let line = ctx.loc.line_col(at).0;
        if last_line.is_some_and(|l| line <= l) {
            break;
        }
        last_line = Some(line);
        let start = patched[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = patched[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(patched.len(), |i| at + i);
        patched[start..end].fill(b' ');
        // Blanking whole lines of valid UTF-8 with ASCII spaces leaves valid UTF-8.
        let Ok(next) = std::str::from_utf8(&patched) else {
            break;
        };
        match ImDocument::parse(next) {
            Ok(_) => break,
            Err(e) => error = e,
        }
    }
    None
}

/// At most this many syntax errors are reported for one file.
const MAX_SYNTAX_ERRORS: usize = 20;

fn check_format(ctx: &mut Ctx, root: &dyn TableLike) {
    match root.get("format") {
        None => ctx.warn(None, "no `format = 1` line: assuming format 1"),
        Some(item) if item.as_integer() == Some(1) => {}
        Some(item) => ctx.error(
            item.span(),
            "`format` must be 1, the only schema version this framescope reads",
        ),
    }
}

/// Reads a lexicon file. `expected_id` is the id its file name gives, if any.
pub fn parse_lexicon(source: &SourceFile, expected_id: Option<&str>) -> Parsed<Lexicon> {
    let text = source.text.strip_prefix('\u{FEFF}').unwrap_or(&source.text);
    let mut ctx = Ctx {
        loc: Locator::new(&source.label, text),
        diagnostics: Vec::new(),
    };
    let lexicon = parse_document(&mut ctx, text)
        .and_then(|doc| read_lexicon(&mut ctx, &doc, source, expected_id));
    let value = if ctx.has_errors() { None } else { lexicon };
    Parsed {
        value,
        diagnostics: ctx.diagnostics,
    }
}

fn read_lexicon(
    ctx: &mut Ctx,
    doc: &ImDocument<&str>,
    source: &SourceFile,
    expected_id: Option<&str>,
) -> Option<Lexicon> {
    let root = doc.as_table();
    ctx.only_keys(
        root,
        &["format", "lexicon", "modifiers", "categories"],
        "the file",
    );
    check_format(ctx, root);
    let header_span = root.get("lexicon").and_then(Item::span);
    let Some(header) = root.get("lexicon").and_then(Item::as_table_like) else {
        ctx.error(
            None,
            "missing the `[lexicon]` table (id, name, version, language, ...)",
        );
        return None;
    };
    let what = "[lexicon]";
    ctx.only_keys(
        header,
        &[
            "id",
            "name",
            "version",
            "language",
            "license",
            "description",
            "sources",
            "tone",
        ],
        what,
    );
    let id = ctx.string_at(header, "id", what, true, header_span.clone());
    let name = ctx.string_at(header, "name", what, true, header_span.clone());
    let version = ctx.string_at(header, "version", what, true, header_span.clone());
    let language = ctx.string_at(header, "language", what, true, header_span.clone());
    let license = ctx.string(header, "license", what, false);
    let description = ctx.string(header, "description", what, false);
    let sources = ctx.strings(header, "sources", what);
    let tone = ctx.boolean(header, "tone", what).unwrap_or(false);
    if license.is_none() {
        ctx.warn(
            table_span(header),
            "[lexicon] has no `license`: say under which terms others may use it",
        );
    }
    if description.is_none() {
        ctx.warn(table_span(header), "[lexicon] has no `description`");
    }
    if sources.is_empty() {
        ctx.warn(
            table_span(header),
            "[lexicon] has no `sources`: record where the ideas came from",
        );
    }
    if let (Some(id), Some(expected)) = (&id, expected_id) {
        if id != expected {
            let span = header.get("id").and_then(Item::span);
            ctx.error(
                span,
                format!("id `{id}` differs from the file name `{expected}.toml`; make them equal"),
            );
        }
    }
    if let Some(id) = &id {
        if !is_identifier(id) {
            let span = header.get("id").and_then(Item::span);
            ctx.error(
                span,
                format!("id `{id}` must be lower-case letters, digits and `_`"),
            );
        }
    }
    let stemmer = language.as_deref().and_then(|l| {
        let s = stemmer_for(l);
        if s.is_none() {
            let span = header.get("language").and_then(Item::span);
            ctx.error(
                span,
                format!("no stemmer for language `{l}`; use a code such as en, de, fr, es, nl"),
            );
        }
        s
    });

    let modifiers = match root.get("modifiers") {
        None => Modifiers::default(),
        Some(item) => match item.as_table_like() {
            Some(m) => {
                let what = "[modifiers]";
                ctx.only_keys(
                    m,
                    &["negators", "intensifiers", "diminishers", "contrast"],
                    what,
                );
                let mut intensifiers = ctx.factors(m, "intensifiers", what);
                intensifiers.extend(ctx.factors(m, "diminishers", what));
                Modifiers {
                    negators: ctx
                        .strings(m, "negators", what)
                        .iter()
                        .map(|s| normal_words(s))
                        .collect(),
                    intensifiers,
                    contrast: ctx.contrast(m, what),
                }
            }
            None => {
                ctx.error(item.span(), "`modifiers` must be a table");
                Modifiers::default()
            }
        },
    };

    let Some(categories_item) = root.get("categories") else {
        ctx.error(
            None,
            "no `[categories.NAME]` table: a lexicon needs at least one category",
        );
        return None;
    };
    let Some(category_tables) = categories_item.as_table_like() else {
        ctx.error(
            categories_item.span(),
            "`categories` must be a table of categories",
        );
        return None;
    };
    let stemmer = stemmer?;
    let mut categories = Vec::new();
    // For duplicate warnings: the compiled elements of every term seen, with where it was.
    let mut seen: HashMap<Vec<Element>, (String, usize)> = HashMap::new();
    for (name, item) in category_tables.iter() {
        let key_span = category_tables
            .get_key_value(name)
            .and_then(|(k, _)| k.span());
        let Some(table) = item.as_table_like() else {
            ctx.error(
                item.span().or(key_span.clone()),
                format!("category `{name}` must be a table"),
            );
            continue;
        };
        let what = format!("category `{name}`");
        if !is_identifier(name) {
            ctx.error(
                key_span.clone(),
                format!("category name `{name}` must be lower-case letters, digits and `_`"),
            );
        }
        ctx.only_keys(
            table,
            &[
                "description",
                "polarity",
                "negatable",
                "terms",
                "stop_phrases",
            ],
            &what,
        );
        let description = ctx
            .string(table, "description", &what, false)
            .unwrap_or_default();
        if description.is_empty() {
            ctx.warn(key_span.clone(), format!("{what} has no description"));
        }
        let polarity = match table.get("polarity") {
            Some(p) => match p.as_integer() {
                Some(v @ -1..=1) => v as i8,
                _ => {
                    ctx.error(p.span(), format!("`polarity` of {what} must be -1, 0 or 1"));
                    0
                }
            },
            None => {
                ctx.error(
                    key_span.clone(),
                    format!("{what} needs `polarity` (-1, 0 or 1)"),
                );
                0
            }
        };
        let negatable = ctx
            .boolean(table, "negatable", &what)
            .unwrap_or(polarity != 0);
        let mut terms = Vec::new();
        match table.get("terms").map(|t| (t, t.as_table_like())) {
            None => ctx.error(key_span.clone(), format!("{what} needs a `terms` table")),
            Some((t, None)) => ctx.error(
                t.span(),
                format!("`terms` of {what} must be a table of `\"term\" = weight`"),
            ),
            Some((_, Some(term_table))) => {
                for (raw, value) in term_table.iter() {
                    let span = term_table.get_key_value(raw).and_then(|(k, _)| k.span());
                    let line = span.clone().map_or(1, |s| ctx.loc.line_col(s.start).0);
                    let weight = ctx.number(value, &format!("the weight of `{raw}`"));
                    if let Some(w) = weight {
                        if !(w > 0.0 && w <= MAX_WEIGHT) {
                            ctx.error(value.span(), format!("the weight of `{raw}` must be above 0 and at most {MAX_WEIGHT}"));
                        }
                    }
                    let Some(compiled) = compile_reported(ctx, raw, &stemmer, &span) else {
                        continue;
                    };
                    if let Some((other, other_line)) = seen.get(&compiled.elements) {
                        let inline_note = span
                            .as_ref()
                            .is_some_and(|s| has_note(ctx.loc.line_text(s.start)));
                        if other == name {
                            ctx.warn(span.clone(), format!("`{raw}` is the same term as the one on line {other_line} once normalised"));
                        } else if !inline_note {
                            ctx.warn(
                                span.clone(),
                                format!("`{raw}` is also in category `{other}` (line {other_line}); add a `# note:` comment on this line if that is deliberate"),
                            );
                        }
                    } else {
                        seen.insert(compiled.elements.clone(), (name.to_string(), line));
                    }
                    terms.push(Term {
                        text: raw.to_string(),
                        weight: weight.unwrap_or(1.0),
                        elements: compiled.elements,
                        line,
                    });
                }
                if terms.is_empty() {
                    ctx.warn(
                        key_span.clone(),
                        format!("{what} has no terms: it will always count zero"),
                    );
                }
            }
        }
        let stop_phrases = read_stop_phrases(ctx, table, name, &terms, &seen, &stemmer);
        categories.push(Category {
            name: name.to_string(),
            description,
            polarity,
            negatable,
            terms,
            stop_phrases,
        });
    }
    if categories.is_empty() {
        ctx.error(categories_item.span(), "the lexicon has no category");
    }
    Some(Lexicon {
        id: id?,
        name: name?,
        version: version?,
        language: language?,
        license: license.unwrap_or_default(),
        description: description.unwrap_or_default(),
        sources,
        tone,
        modifiers,
        categories,
        origin: source.origin.clone(),
        sha256: sha256_hex(&source.text),
    })
}

/// `raw` compiled, with its warnings reported at `span`; `None`, with the error reported, when
/// it cannot be compiled.
fn compile_reported(
    ctx: &mut Ctx,
    raw: &str,
    stemmer: &Stemmer,
    span: &Option<Range<usize>>,
) -> Option<CompiledTerm> {
    match compile_term(raw, stemmer) {
        Ok(mut compiled) => {
            for w in std::mem::take(&mut compiled.warnings) {
                ctx.warn(span.clone(), w);
            }
            Some(compiled)
        }
        Err(message) => {
            ctx.error(span.clone(), message);
            None
        }
    }
}

/// Reads the `stop_phrases` list of category `name`, whose terms are `terms`; `seen` holds the
/// lexicon's terms so far (elements -> category, line).
fn read_stop_phrases(
    ctx: &mut Ctx,
    table: &dyn TableLike,
    name: &str,
    terms: &[Term],
    seen: &HashMap<Vec<Element>, (String, usize)>,
    stemmer: &Stemmer,
) -> Vec<Term> {
    let what = format!("category `{name}`");
    let values = ctx.spanned_strings(table, "stop_phrases", &format!("`stop_phrases` of {what}"));
    let mut phrases: Vec<Term> = Vec::new();
    let mut stems = StemMemo::new(stemmer);
    for (raw, span) in values {
        let raw = raw.as_str();
        let line = span.clone().map_or(1, |s| ctx.loc.line_col(s.start).0);
        let Some(compiled) = compile_reported(ctx, raw, stemmer, &span) else {
            continue;
        };
        if let Some(other) = phrases.iter().find(|p| p.elements == compiled.elements) {
            ctx.warn(
                span.clone(),
                format!(
                    "stop phrase `{raw}` is the same as the one on line {} once normalised",
                    other.line
                ),
            );
        } else if let Some((_, term_line)) = seen.get(&compiled.elements).filter(|(c, _)| c == name)
        {
            ctx.warn(
                span.clone(),
                format!("stop phrase `{raw}` is also a term of {what} (line {term_line}): a stop phrase wins, so the term never counts; keep one"),
            );
        } else if !stops_a_term(&compiled.elements, terms, &mut stems) {
            ctx.warn(
                span.clone(),
                format!("stop phrase `{raw}` contains no term of {what}, so it stops nothing; remove it, or move it to the category whose term it should stop"),
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

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Reads a rules file (`lexicons/rules/LANG.toml`).
pub fn parse_rules(source: &SourceFile) -> Parsed<Rules> {
    let text = source.text.strip_prefix('\u{FEFF}').unwrap_or(&source.text);
    let mut ctx = Ctx {
        loc: Locator::new(&source.label, text),
        diagnostics: Vec::new(),
    };
    let rules = parse_document(&mut ctx, text).and_then(|doc| read_rules(&mut ctx, &doc, source));
    let value = if ctx.has_errors() { None } else { rules };
    Parsed {
        value,
        diagnostics: ctx.diagnostics,
    }
}

fn read_rules(ctx: &mut Ctx, doc: &ImDocument<&str>, source: &SourceFile) -> Option<Rules> {
    let root = doc.as_table();
    ctx.only_keys(root, &["format", "rules"], "the file");
    check_format(ctx, root);
    let Some(table) = root.get("rules").and_then(Item::as_table_like) else {
        ctx.error(None, "missing the `[rules]` table");
        return None;
    };
    let what = "[rules]";
    ctx.only_keys(
        table,
        &[
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
            "caps_emphasis",
            "exclamation_boost",
            "tone_alpha",
        ],
        what,
    );
    let language = ctx.string(table, "language", what, true);
    let version = ctx.string(table, "version", what, true);
    let mut bounded = |key: &str, default: f64, range: Range<f64>| match table.get(key) {
        None => default,
        Some(item) => match ctx.number(item, &format!("`{key}`")) {
            Some(v) if range.contains(&v) => v,
            Some(_) => {
                ctx.error(
                    item.span(),
                    format!("`{key}` must be in [{}, {})", range.start, range.end),
                );
                default
            }
            None => default,
        },
    };
    let negation_window = bounded("negation_window", 3.0, 1.0..11.0) as usize;
    let negation_factor = bounded("negation_factor", -0.5, -1.0..1.0);
    let caps_emphasis = bounded("caps_emphasis", 1.0, 1.0..3.0);
    let exclamation_boost = bounded("exclamation_boost", 0.0, 0.0..2.0);
    let tone_alpha = bounded("tone_alpha", 15.0, 0.1..1000.0);
    let mut intensifiers: HashMap<String, f64> = ctx
        .factors(table, "intensifiers", what)
        .into_iter()
        .collect();
    intensifiers.extend(ctx.factors(table, "diminishers", what));
    let set = |v: Vec<String>| -> HashSet<String> { v.iter().map(|s| normal_words(s)).collect() };
    let negators = set(ctx.strings(table, "negators", what));
    let clause_breaks = set(ctx.strings(table, "clause_breaks", what));
    let abbreviations = set(ctx.strings(table, "abbreviations", what));
    let contrast = ctx.contrast(table, what).into_iter().collect();
    if let Some(lang) = &language {
        if stemmer_for(lang).is_none() {
            ctx.error(
                table.get("language").and_then(Item::span),
                format!("no stemmer for language `{lang}`"),
            );
        }
    }
    Some(Rules {
        language: language?,
        version: version?,
        negators,
        negation_window,
        negation_factor,
        clause_breaks,
        intensifiers,
        contrast,
        abbreviations,
        caps_emphasis,
        exclamation_boost,
        tone_alpha,
        origin: source.origin.clone(),
        sha256: sha256_hex(&source.text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Parsed<Lexicon> {
        let source = SourceFile {
            label: "bad.toml".into(),
            text: text.into(),
            origin: Origin::Embedded,
        };
        parse_lexicon(&source, Some("bad"))
    }

    const GOOD: &str = r#"format = 1
[lexicon]
id = "bad"
name = "Test"
version = "1"
language = "en"
license = "CC0"
description = "d"
sources = ["s"]

[categories.hope]
description = "h"
polarity = 1
[categories.hope.terms]
"hope" = 1.0
"glimmer of hope" = 1.5
"#;

    #[test]
    fn a_good_file_has_no_diagnostic() {
        let parsed = parse(GOOD);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let lexicon = parsed.value.unwrap();
        assert!(lexicon.categories[0].negatable);
        assert_eq!(lexicon.term_count(), 2);
    }

    /// Every message of `expected` begins one of the `reported` diagnostics.
    fn assert_reports(reported: &[String], expected: &[&str]) {
        for e in expected {
            assert!(
                reported.iter().any(|t| t.starts_with(e)),
                "missing {e:?} in {reported:#?}"
            );
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let bad = GOOD
            .replace("version = \"1\"\n", "")
            .replace("polarity = 1", "polarity = 2\ncolour = \"red\"")
            .replace("\"hope\" = 1.0", "\"hope\" = -1\n\"x*\" = 1\n\"Hope\" = 1");
        let parsed = parse(&bad);
        assert!(parsed.value.is_none());
        let text: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
        let expect = [
            "bad.toml:2:1: error: [lexicon] needs `version`",
            "bad.toml:13:1: error: unknown key `colour`",
            "bad.toml:12:12: error: `polarity` of category `hope` must be -1, 0 or 1",
            "bad.toml:15:10: error: the weight of `hope` must be above 0",
            "bad.toml:16:1: error: prefix `x*` has 1 character(s)",
            "bad.toml:17:1: warning: `Hope` is the same term as the one on line 15",
        ];
        assert_reports(&text, &expect);
    }

    #[test]
    fn stop_phrases_are_read_apart_from_terms_and_checked() {
        let with = |stops: &str| {
            parse(&GOOD.replace(
                "polarity = 1\n",
                &format!("polarity = 1\nstop_phrases = [{stops}]\n"),
            ))
        };
        let parsed = with(r#""hope springs eternal", "no ~hope""#);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let category = &parsed.value.unwrap().categories[0];
        assert_eq!(category.terms.len(), 2);
        let stops: Vec<&str> = category
            .stop_phrases
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(stops, ["hope springs eternal", "no ~hope"]);
        assert_eq!(category.stop_phrases[0].weight, 0.0);

        let parsed = with(r#""clean air", "Hope", "a*", 3"#);
        let text: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
        let expect = [
            "bad.toml:14:17: warning: stop phrase `clean air` contains no term of category `hope`",
            "bad.toml:14:30: warning: stop phrase `Hope` is also a term of category `hope` (line 16)",
            "bad.toml:14:38: error: prefix `a*` has 1 character(s)",
            "bad.toml:14:44: error: `stop_phrases` of category `hope` must hold only strings",
        ];
        assert_reports(&text, &expect);
        assert_eq!(text.len(), expect.len(), "{text:#?}");
        assert!(with("\"x\"")
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning));
        assert!(
            parse(&GOOD.replace("polarity = 1\n", "polarity = 1\nstop_phrases = \"x\"\n"))
                .value
                .is_none()
        );
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let parsed = parse("[lexicon]\nid = \"bad\nname = 3\n");
        let d = &parsed.diagnostics[0];
        assert_eq!((d.line, d.severity), (2, Severity::Error));
        assert!(d.message.starts_with("TOML syntax"));
    }
}
