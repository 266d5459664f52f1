//! Text analysis: tokens with byte offsets, their normalised forms, sentences, and whose words
//! they are ([`voice`]: quotations, reported speech and speakers).

mod normalize;
mod sentence;
mod token;
mod tokenize;
pub mod voice;

use std::collections::HashSet;
use std::hash::BuildHasher;

pub use normalize::{is_negating_contraction, normalize};
pub use sentence::{split_sentences, Sentence};
pub use token::{Token, TokenKind};
pub(crate) use tokenize::is_alphabetic;
pub use tokenize::tokenize;

/// The analysed form of one text: its tokens and sentences. Reused between articles to avoid
/// allocating anew for each.
#[derive(Debug, Default, Clone)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl Analysis {
    /// Tokenizes `text` and splits it into sentences.
    pub fn run<S: BuildHasher>(&mut self, text: &str, abbreviations: &HashSet<String, S>) {
        tokenize(text, &mut self.tokens);
        split_sentences(text, &self.tokens, abbreviations, &mut self.sentences);
    }
}
