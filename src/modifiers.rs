//! Valence shifters: negation, intensifiers and diminishers, contrast and emphasis, applied to
//! each hit according to the rules of its lexicon.

use std::fmt::Write as _;

use crate::lexicon::{ContrastWeights, Rules};
use crate::matcher::RawHit;
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

/// The view of an article that the rules need.
pub struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub norms: &'a [&'a str],
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

/// Facts about a sentence computed once for all its hits under one set of rules.
#[derive(Debug, Clone, Copy)]
pub struct SentenceFacts {
    /// First token after the contrast word and the word's weights, if the sentence has one.
    contrast: Option<(u32, u32, ContrastWeights)>,
    all_caps: bool,
    pub exclamations: u32,
}

impl SentenceFacts {
    pub fn of(ctx: &Context, sentence: &Sentence, rules: &Rules) -> Self {
        let range = sentence.tokens.start as usize..sentence.tokens.end as usize;
        let mut contrast = None;
        // The first token that is not punctuation: a contrast word there links to the previous
        // sentence, not inside this one.
        let first_word = range
            .clone()
            .find(|&i| ctx.tokens[i].kind != TokenKind::Punct)
            .unwrap_or(range.start);
        for k in first_word + 1..range.end {
            if let Some((words, weights)) =
                longest_phrase_ending(ctx.norms, k, first_word + 1, |p| {
                    rules.contrast.get(p).copied()
                })
            {
                contrast = Some(((k + 1 - words) as u32, (k + 1) as u32, weights));
                break;
            }
        }
        let mut letters = false;
        let mut all_caps = true;
        let mut exclamations = 0;
        for t in &ctx.tokens[range] {
            let s = t.text(ctx.text);
            match t.kind {
                TokenKind::Word if s.chars().any(char::is_alphabetic) => {
                    letters = true;
                    all_caps &= !s.chars().any(char::is_lowercase);
                }
                TokenKind::Punct if s == "!" => exclamations += 1,
                _ => {}
            }
        }
        SentenceFacts {
            contrast,
            all_caps: letters && all_caps,
            exclamations,
        }
    }
}

/// The longest phrase of up to three normalised words ending at token `k` (not reaching before
/// `lo`) that `lookup` knows, with its length in tokens.
fn longest_phrase_ending<T>(
    norms: &[&str],
    k: usize,
    lo: usize,
    lookup: impl Fn(&str) -> Option<T>,
) -> Option<(usize, T)> {
    let mut best = None;
    let mut phrase = String::new();
    for n in 1..=MAX_MODIFIER_WORDS {
        if k + 1 < n || k + 1 - n < lo {
            break;
        }
        phrase.clear();
        for (i, w) in norms[k + 1 - n..=k].iter().enumerate() {
            if i > 0 {
                phrase.push(' ');
            }
            phrase.push_str(w);
        }
        if let Some(v) = lookup(&phrase) {
            best = Some((n, v));
        }
    }
    best
}

/// Applies the rules to one hit.
pub fn effect(
    ctx: &Context,
    hit: &RawHit,
    sentence: &Sentence,
    facts: &SentenceFacts,
    rules: &Rules,
) -> Effect {
    let mut note = String::new();
    let mut factor = 1.0;
    let lo = sentence.tokens.start as usize;
    let first = hit.first as usize;

    // Intensifiers and diminishers directly before the hit, chained.
    let mut k = first;
    let mut chained = 0;
    while k > lo && chained < MAX_INTENSIFIER_CHAIN {
        chained += 1;
        match longest_phrase_ending(ctx.norms, k - 1, lo, |p| rules.intensifiers.get(p).copied()) {
            Some((n, f)) => {
                factor *= f;
                push_note(
                    &mut note,
                    format_args!("{}×{}", ctx.norms[k - n..k].join(" "), f),
                );
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
        let token = &ctx.tokens[k];
        let norm = ctx.norms[k];
        if token.kind == TokenKind::Punct {
            if rules.clause_breaks.contains(norm) {
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
        let negator = if is_negating_contraction(norm) || rules.negators.contains(norm) {
            Some(norm.to_string())
        } else {
            longest_phrase_ending(ctx.norms, k, lo, |p| {
                rules.negators.contains(p).then_some(())
            })
            .map(|(n, ())| ctx.norms[k + 1 - n..=k].join(" "))
        };
        if let Some(word) = negator {
            negated = true;
            push_note(&mut note, format_args!("{word}(negation)"));
            break;
        }
    }

    // Contrast: weight moves to what follows the contrast word.
    if let Some((start, end, weights)) = facts.contrast {
        let word = ctx.norms[start as usize..end as usize].join(" ");
        if hit.end <= start {
            factor *= weights.before;
            push_note(&mut note, format_args!("{word}:before×{}", weights.before));
        } else if hit.first >= end {
            factor *= weights.after;
            push_note(&mut note, format_args!("{word}:after×{}", weights.after));
        }
    }

    // Emphasis by capitals, unless the whole sentence shouts.
    if rules.caps_emphasis != 1.0 && !facts.all_caps {
        let shouted = ctx.tokens[first..hit.end as usize].iter().all(|t| {
            let s = t.text(ctx.text);
            t.kind == TokenKind::Word
                && s.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !s.chars().any(char::is_lowercase)
        });
        if shouted {
            factor *= rules.caps_emphasis;
            push_note(&mut note, format_args!("CAPS×{}", rules.caps_emphasis));
        }
    }
    Effect {
        negated,
        factor,
        note,
    }
}

fn push_note(note: &mut String, args: std::fmt::Arguments) {
    if !note.is_empty() {
        note.push(';');
    }
    let _ = note.write_fmt(args);
}
