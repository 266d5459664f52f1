//! The token: one unit of text with its byte span in the original article.

use std::ops::Range;

/// What kind of unit a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with inner apostrophes or abbreviation dots): `Blinken’s`, `U.S`, `don't`.
    Word,
    /// Digits with inner separators: `3.5`, `1,000`, `2024`.
    Number,
    /// An emoticon or emoji: `:)`, `<3`, `😀`.
    Emoticon,
    /// A single punctuation or symbol character.
    Punct,
}

/// One token. Offsets are byte offsets into the original text, so `&text[start..end]` is the token
/// exactly as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    /// Newlines in the whitespace before this token (capped at 255): paragraph and headline breaks.
    pub newlines_before: u8,
    /// This token is the left part of a hyphenated compound whose next part follows (`two` in
    /// `two-state`).
    pub hyphen_after: bool,
    /// A word that starts with a capital letter. Known as the token is made, while its text is
    /// at hand: the voice rules ask it of most words, several times.
    pub capital: bool,
}

impl Token {
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn text<'t>(&self, source: &'t str) -> &'t str {
        &source[self.span()]
    }

    /// Words, numbers and emoticons count as tokens of the article; punctuation does not.
    pub fn is_countable(&self) -> bool {
        self.kind != TokenKind::Punct
    }
}

/// Does `word` start with a capital letter?
pub fn starts_upper(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}
