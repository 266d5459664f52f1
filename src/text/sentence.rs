//! Sentence segmentation over the token sequence.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it) unless
//! the full stop follows an abbreviation or an initial, or the next word starts in lower case. A
//! blank line always ends a sentence, and so does a line break after a short line without final
//! punctuation (a headline, a dateline, a byline).

use std::collections::HashSet;
use std::ops::Range;

use super::token::{Token, TokenKind};

/// A sentence: a range of token indices and the byte span from its first to its last token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Range<u32>,
    pub start: u32,
    pub end: u32,
}

/// Lines of at most this many tokens, without final punctuation, are sentences of their own.
const SHORT_LINE: usize = 8;
/// The first line of a text is a headline if it has at most this many tokens.
const HEADLINE: usize = 24;

/// Splits the tokens of `text` into sentences, appending them to `out` (cleared first).
/// `abbreviations` holds lower-case words after which a full stop does not end a sentence.
pub fn split_sentences(
    text: &str,
    tokens: &[Token],
    abbreviations: &HashSet<String>,
    out: &mut Vec<Sentence>,
) {
    out.clear();
    let mut start = 0usize;
    let mut line_start = 0usize;
    let mut first_line = true;
    let mut k = 0usize;
    while k < tokens.len() {
        let token = &tokens[k];
        if k > start && token.newlines_before > 0 {
            let line_len = k - line_start;
            let breaks = token.newlines_before >= 2
                || (starts_upper_or_digit(token.text(text))
                    && (line_len <= SHORT_LINE || (first_line && line_len <= HEADLINE)));
            if breaks {
                push(out, tokens, start, k);
                start = k;
            }
        }
        if token.newlines_before > 0 && k > 0 {
            line_start = k;
            first_line = false;
        }
        if token.kind == TokenKind::Punct && is_terminal(token.text(text)) {
            let mut end = k + 1;
            while end < tokens.len()
                && tokens[end].kind == TokenKind::Punct
                && tokens[end].start == tokens[end - 1].end
                && (is_terminal(tokens[end].text(text)) || is_closing(tokens[end].text(text)))
            {
                end += 1;
            }
            if ends_sentence(text, tokens, k, end, abbreviations) {
                push(out, tokens, start, end);
                start = end;
            }
            k = end;
            continue;
        }
        k += 1;
    }
    if start < tokens.len() {
        push(out, tokens, start, tokens.len());
    }
}

fn push(out: &mut Vec<Sentence>, tokens: &[Token], from: usize, to: usize) {
    out.push(Sentence {
        tokens: from as u32..to as u32,
        start: tokens[from].start,
        end: tokens[to - 1].end,
    });
}

fn is_terminal(p: &str) -> bool {
    matches!(p, "." | "!" | "?" | "…" | "。" | "！" | "？" | "‼" | "⁉")
}

fn is_closing(p: &str) -> bool {
    matches!(p, "\"" | "'" | "”" | "’" | "»" | ")" | "]" | "」" | "』")
}

fn starts_upper_or_digit(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || is_opening_quote(c))
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '«' | '\'' | '(')
}

/// Does the terminal punctuation at `k` (with closers up to `next`) end the sentence?
fn ends_sentence(
    text: &str,
    tokens: &[Token],
    k: usize,
    next: usize,
    abbreviations: &HashSet<String>,
) -> bool {
    let Some(following) = tokens.get(next) else {
        return true;
    };
    if following.newlines_before > 0 {
        return true;
    }
    let follow_text = following.text(text);
    if follow_text.chars().next().is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    if tokens[k].text(text) != "." || k == 0 || next != k + 1 {
        return true;
    }
    let before = &tokens[k - 1];
    if before.kind != TokenKind::Word || before.end != tokens[k].start {
        return true;
    }
    let word = before.text(text);
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    !(is_initial || word.contains('.') || abbreviations.contains(&word.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::super::tokenize::tokenize;
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let abbreviations: HashSet<String> = ["mr", "dr", "oct", "gen"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut out = Vec::new();
        split_sentences(text, &tokens, &abbreviations, &mut out);
        out.iter()
            .map(|s| text[s.start as usize..s.end as usize].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sentences("Mr. Smith met U.S. officials on Oct. 3. J. K. Rowling wrote. Talks resume."),
            [
                "Mr. Smith met U.S. officials on Oct. 3.",
                "J. K. Rowling wrote.",
                "Talks resume."
            ]
        );
    }

    #[test]
    fn decimals_and_quotes() {
        assert_eq!(
            sentences("Prices rose 3.5% in May. “We are hopeful,” she said. “Why?” he asked. \"Now.\" Then \"go\"."),
            ["Prices rose 3.5% in May.", "“We are hopeful,” she said.", "“Why?” he asked.", "\"Now.\"", "Then \"go\"."]
        );
    }

    #[test]
    fn headline_without_full_stop_is_its_own_sentence() {
        assert_eq!(
            sentences("Leaders agree on a new plan\nThe two leaders met on Monday. They agreed."),
            [
                "Leaders agree on a new plan",
                "The two leaders met on Monday.",
                "They agreed."
            ]
        );
    }

    #[test]
    fn wrapped_lines_stay_in_one_sentence() {
        assert_eq!(
            sentences("The minister said the talks would resume next week after a pause\nin Geneva and Vienna.\n\nNew paragraph"),
            ["The minister said the talks would resume next week after a pause\nin Geneva and Vienna.", "New paragraph"]
        );
    }

    #[test]
    fn no_punctuation_at_all_is_one_sentence() {
        assert_eq!(
            sentences("just some words without an end"),
            ["just some words without an end"]
        );
        assert!(sentences("").is_empty());
    }
}
