//! Valence shifters: negation, intensifiers and diminishers, contrast and emphasis, applied to
//! each hit according to the rules of its lexicon.
//!
//! Modifier phrases (`no longer`, `a bit`) are compiled once per run into tables over word ids, and
//! each distinct token form learns its word id once (see [`WordFacts`]), so applying the rules
//! looks up small integer keys instead of joining and hashing strings.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::engine::hit::RawHit;
use crate::lexicon::{ContrastWeights, Rules};
use crate::text::{is_negating_contraction, Sentence, Token, TokenKind};

/// The longest multi-word modifier the rules may hold.
const MAX_MODIFIER_WORDS: usize = 3;
/// At most this many intensifiers chain before a hit (`very very good`): more repeat the point
/// rather than strengthen it, and an unbounded chain would make the cost of a sentence quadratic
/// and its weight overflow.
const MAX_INTENSIFIER_CHAIN: usize = 3;
/// The negation lookback skips punctuation, but never more than this many tokens per word of the
/// window, so a run of punctuation cannot make it scan a whole sentence for every hit.
const LOOKBACK_TOKENS_PER_WORD: usize = 4;

/// The word id of a word that no modifier phrase holds.
pub const NOT_A_MODIFIER: u32 = u32::MAX;

/// A modifier phrase as word ids in text order, padded with [`NOT_A_MODIFIER`].
type Phrase = [u32; MAX_MODIFIER_WORDS];

/// The modifier phrases of one set of rules, over word ids.
struct CompiledRules {
    negators: FxHashMap<Phrase, ()>,
    intensifiers: FxHashMap<Phrase, f64>,
    contrast: FxHashMap<Phrase, ContrastWeights>,
    clause_breaks: FxHashSet<u32>,
}

/// Every word that appears in a modifier phrase of any lexicon's rules, and those rules over word
/// ids. Lexicons with the same rules share one compiled set (a "rule group").
pub struct ModifierTables {
    words: FxHashMap<String, u32>,
    groups: Vec<CompiledRules>,
    group_of_lexicon: Vec<usize>,
    /// Every factor the rules hold, as notes write it, by its bits: formatting a float for each
    /// note costs far more than finding its text.
    factor_texts: FxHashMap<u64, String>,
}

impl ModifierTables {
    /// Compiles the rules in force for each lexicon (indexed like the lexicons).
    pub fn compile(rules: &[Rules]) -> ModifierTables {
        let mut tables = ModifierTables {
            words: FxHashMap::default(),
            groups: Vec::new(),
            group_of_lexicon: Vec::new(),
            factor_texts: FxHashMap::default(),
        };
        let mut distinct: Vec<&Rules> = Vec::new();
        for r in rules {
            let group = match distinct.iter().position(|d| same_modifiers(d, r)) {
                Some(g) => g,
                None => {
                    distinct.push(r);
                    let compiled = tables.compile_rules(r);
                    tables.groups.push(compiled);
                    tables.groups.len() - 1
                }
            };
            tables.group_of_lexicon.push(group);
        }
        let factors = rules.iter().flat_map(|r| {
            let contrast = r.contrast.values().flat_map(|w| [w.before, w.after]);
            r.intensifiers
                .values()
                .copied()
                .chain(contrast)
                .chain([r.caps_emphasis])
        });
        for f in factors {
            tables
                .factor_texts
                .entry(f.to_bits())
                .or_insert_with(|| f.to_string());
        }
        tables
    }

    fn compile_rules(&mut self, rules: &Rules) -> CompiledRules {
        let mut compiled = CompiledRules {
            negators: FxHashMap::default(),
            intensifiers: FxHashMap::default(),
            contrast: FxHashMap::default(),
            clause_breaks: FxHashSet::default(),
        };
        for key in &rules.negators {
            if let Some(p) = self.phrase(key) {
                compiled.negators.insert(p, ());
            }
        }
        for (key, &f) in &rules.intensifiers {
            if let Some(p) = self.phrase(key) {
                compiled.intensifiers.insert(p, f);
            }
        }
        for (key, &w) in &rules.contrast {
            if let Some(p) = self.phrase(key) {
                compiled.contrast.insert(p, w);
            }
        }
        for key in &rules.clause_breaks {
            // Clause breaks are single punctuation tokens; a key of several words never matches.
            if !key.contains(' ') {
                let id = self.word_id(key);
                compiled.clause_breaks.insert(id);
            }
        }
        compiled
    }

    /// A rules key (normalised words joined by single spaces, as the loader writes them) as a
    /// phrase of word ids; `None` when it has more words than any phrase can match.
    fn phrase(&mut self, key: &str) -> Option<Phrase> {
        let mut phrase = [NOT_A_MODIFIER; MAX_MODIFIER_WORDS];
        for (i, word) in key.split(' ').enumerate() {
            *phrase.get_mut(i)? = self.word_id(word);
        }
        Some(phrase)
    }

    fn word_id(&mut self, word: &str) -> u32 {
        let next = self.words.len() as u32;
        *self.words.entry(word.to_string()).or_insert(next)
    }

    /// The word id of a normalised token form, or [`NOT_A_MODIFIER`].
    pub fn word(&self, norm: &str) -> u32 {
        self.words.get(norm).copied().unwrap_or(NOT_A_MODIFIER)
    }

    /// The rule group of lexicon `lexicon`.
    pub fn group_of(&self, lexicon: usize) -> usize {
        self.group_of_lexicon[lexicon]
    }

    pub fn group_count(&self) -> usize {
        self.groups.len()
    }
}

fn same_modifiers(a: &Rules, b: &Rules) -> bool {
    a.negators == b.negators
        && a.intensifiers == b.intensifiers
        && a.contrast == b.contrast
        && a.clause_breaks == b.clause_breaks
}

/// What the rules need to know of a token form, computed once per distinct form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordFacts {
    /// The form's id among modifier words, or [`NOT_A_MODIFIER`].
    pub modifier: u32,
    pub(crate) flags: u8,
}

const NEGATING_CONTRACTION: u8 = 1;
/// A word with letters in it.
const LETTERS: u8 = 2;
/// A word with letters and no lower-case letter.
const UPPER: u8 = 4;
/// A word of two or more letters, none in lower case: written in capitals for emphasis.
const SHOUTED: u8 = 8;
const EXCLAMATION: u8 = 16;

impl WordFacts {
    /// The facts of a token written `raw`, of kind `kind`, with normalised form `norm`.
    pub fn of(raw: &str, kind: TokenKind, norm: &str, tables: &ModifierTables) -> WordFacts {
        let mut flags = 0;
        if is_negating_contraction(norm) {
            flags |= NEGATING_CONTRACTION;
        }
        match kind {
            TokenKind::Word => {
                let lower = raw.chars().any(char::is_lowercase);
                let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
                if letters > 0 {
                    flags |= LETTERS;
                    if !lower {
                        flags |= UPPER;
                    }
                }
                if letters > 1 && !lower {
                    flags |= SHOUTED;
                }
            }
            TokenKind::Punct if raw == "!" => flags |= EXCLAMATION,
            _ => {}
        }
        WordFacts {
            modifier: tables.word(norm),
            flags,
        }
    }

    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// The view of an article that the rules need.
pub struct Context<'a> {
    pub tokens: &'a [Token],
    /// Indexed like `tokens`.
    pub words: &'a [WordFacts],
    /// The normalised form of token `i`, for the notes of the evidence trail.
    pub norm: &'a dyn Fn(usize) -> &'a str,
}

impl Context<'_> {
    /// Appends the normalised forms of tokens `range`, joined by spaces.
    fn push_phrase(&self, note: &mut String, range: std::ops::Range<usize>) {
        for (n, i) in range.enumerate() {
            if n > 0 {
                note.push(' ');
            }
            note.push_str((self.norm)(i));
        }
    }
}

/// What the rules did to one hit.
#[derive(Debug, Clone, PartialEq)]
pub struct Effect {
    pub negated: bool,
    /// Product of intensifier, contrast and emphasis factors (negation not included).
    pub factor: f64,
    /// Human-readable list of what applied, e.g. `not(negation);very×1.3;but:after×1.5`.
    pub note: String,
}

/// Facts about a sentence computed once for all its hits under one rule group.
#[derive(Debug, Clone, Copy)]
pub struct SentenceFacts {
    /// First token after the contrast word and the word's weights, if the sentence has one.
    contrast: Option<(u32, u32, ContrastWeights)>,
    all_caps: bool,
}

impl SentenceFacts {
    pub fn of(ctx: &Context, sentence: &Sentence, tables: &ModifierTables, group: usize) -> Self {
        let rules = &tables.groups[group];
        let range = sentence.tokens.start as usize..sentence.tokens.end as usize;
        let mut contrast = None;
        // The first token that is not punctuation: a contrast word there links to the previous
        // sentence, not inside this one.
        let first_word = range
            .clone()
            .find(|&i| ctx.tokens[i].kind != TokenKind::Punct)
            .unwrap_or(range.start);
        if !rules.contrast.is_empty() {
            for k in first_word + 1..range.end {
                if let Some((words, weights)) =
                    longest_phrase_ending(ctx.words, k, first_word + 1, &rules.contrast)
                {
                    contrast = Some(((k + 1 - words) as u32, (k + 1) as u32, weights));
                    break;
                }
            }
        }
        let mut letters = false;
        let mut all_caps = true;
        for w in &ctx.words[range] {
            if w.has(LETTERS) {
                letters = true;
                all_caps &= w.has(UPPER);
            }
        }
        SentenceFacts {
            contrast,
            all_caps: letters && all_caps,
        }
    }
}

/// Exclamation marks in a sentence.
pub fn exclamations(ctx: &Context, sentence: &Sentence) -> u32 {
    ctx.words[sentence.tokens.start as usize..sentence.tokens.end as usize]
        .iter()
        .filter(|w| w.has(EXCLAMATION))
        .count() as u32
}

/// Whether token `t` is an exclamation mark.
pub fn is_exclamation(ctx: &Context, t: usize) -> bool {
    ctx.words[t].has(EXCLAMATION)
}

/// The longest phrase of up to three words ending at token `k` (not reaching before `lo`) that
/// `table` holds, with its length in tokens.
fn longest_phrase_ending<T: Copy>(
    words: &[WordFacts],
    k: usize,
    lo: usize,
    table: &FxHashMap<Phrase, T>,
) -> Option<(usize, T)> {
    let mut best = None;
    let mut phrase = [NOT_A_MODIFIER; MAX_MODIFIER_WORDS];
    for n in 1..=MAX_MODIFIER_WORDS {
        if k + 1 < n || k + 1 - n < lo {
            break;
        }
        let word = words[k + 1 - n].modifier;
        // A longer phrase would hold this word too.
        if word == NOT_A_MODIFIER {
            break;
        }
        phrase.copy_within(0..n - 1, 1);
        phrase[0] = word;
        if let Some(&v) = table.get(&phrase) {
            best = Some((n, v));
        }
    }
    best
}

/// Applies the rules of rule group `group` (with the scalar settings of `rules`) to one hit.
pub fn effect(
    ctx: &Context,
    hit: &RawHit,
    sentence: &Sentence,
    facts: &SentenceFacts,
    tables: &ModifierTables,
    group: usize,
    rules: &Rules,
) -> Effect {
    let compiled = &tables.groups[group];
    let mut note = String::new();
    let mut factor = 1.0;
    let lo = sentence.tokens.start as usize;
    let first = hit.first as usize;

    // Intensifiers and diminishers directly before the hit, chained.
    let mut k = first;
    let mut chained = 0;
    while k > lo && chained < MAX_INTENSIFIER_CHAIN {
        chained += 1;
        match longest_phrase_ending(ctx.words, k - 1, lo, &compiled.intensifiers) {
            Some((n, f)) => {
                factor *= f;
                start_note(&mut note);
                ctx.push_phrase(&mut note, k - n..k);
                note.push('×');
                push_factor(&mut note, f, tables);
                k -= n;
            }
            None => break,
        }
    }

    // Negation: a negator at most `negation_window` words back, in the same clause.
    let mut negated = false;
    let mut words = 0;
    let mut k = first;
    let floor = lo.max(first.saturating_sub(rules.negation_window * LOOKBACK_TOKENS_PER_WORD));
    while k > floor && words < rules.negation_window {
        k -= 1;
        let word = ctx.words[k];
        if ctx.tokens[k].kind == TokenKind::Punct {
            if compiled.clause_breaks.contains(&word.modifier) {
                break;
            }
            continue;
        }
        if let Some((c, ..)) = facts.contrast {
            if k < c as usize && first >= c as usize {
                break;
            }
        }
        words += 1;
        let single = [word.modifier, NOT_A_MODIFIER, NOT_A_MODIFIER];
        let negator = if word.has(NEGATING_CONTRACTION) || compiled.negators.contains_key(&single) {
            Some(k..k + 1)
        } else {
            longest_phrase_ending(ctx.words, k, lo, &compiled.negators)
                .map(|(n, ())| k + 1 - n..k + 1)
        };
        if let Some(range) = negator {
            negated = true;
            start_note(&mut note);
            ctx.push_phrase(&mut note, range);
            note.push_str("(negation)");
            break;
        }
    }

    // Contrast: weight moves to what follows the contrast word.
    if let Some((start, end, weights)) = facts.contrast {
        if hit.end <= start {
            factor *= weights.before;
            start_note(&mut note);
            ctx.push_phrase(&mut note, start as usize..end as usize);
            note.push_str(":before×");
            push_factor(&mut note, weights.before, tables);
        } else if hit.first >= end {
            factor *= weights.after;
            start_note(&mut note);
            ctx.push_phrase(&mut note, start as usize..end as usize);
            note.push_str(":after×");
            push_factor(&mut note, weights.after, tables);
        }
    }

    // Emphasis by capitals, unless the whole sentence shouts.
    if rules.caps_emphasis != 1.0 && !facts.all_caps {
        let shouted = ctx.words[first..hit.end as usize]
            .iter()
            .all(|w| w.has(SHOUTED));
        if shouted {
            factor *= rules.caps_emphasis;
            start_note(&mut note);
            note.push_str("CAPS×");
            push_factor(&mut note, rules.caps_emphasis, tables);
        }
    }
    Effect {
        negated,
        factor,
        note,
    }
}

/// Separates the next part of a note from the ones before it.
fn start_note(note: &mut String) {
    if !note.is_empty() {
        note.push(';');
    }
}

/// Appends `factor` as `{}` formats it.
fn push_factor(note: &mut String, factor: f64, tables: &ModifierTables) {
    match tables.factor_texts.get(&factor.to_bits()) {
        Some(text) => note.push_str(text),
        None => note.push_str(&factor.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{parse_rules, LexiconDir};

    #[test]
    fn factors_are_written_as_formatted() {
        let source = LexiconDir::embedded_only().rules_source("en").unwrap();
        let rules = parse_rules(&source).value.unwrap();
        let tables = ModifierTables::compile(std::slice::from_ref(&rules));
        let contrast = rules.contrast.values().flat_map(|w| [w.before, w.after]);
        let factors: Vec<f64> = rules
            .intensifiers
            .values()
            .copied()
            .chain(contrast)
            .chain([rules.caps_emphasis])
            .collect();
        assert!(factors.len() > 10);
        // The rules' own factors come from the compiled texts; any other is formatted.
        for f in factors.into_iter().chain([1.0 / 3.0, 1e-7, -0.25]) {
            let mut note = String::from("x");
            push_factor(&mut note, f, &tables);
            assert_eq!(note, format!("x{f}"));
        }
    }
}
