//! The view of a text the voice stages read: each token with its cues, its sentence, and
//! whether it lies inside a quotation.

use std::ops::Range;

use super::cues::{Cue, PhraseKind, VoiceCues, DETERMINER, DOCUMENT, INSTITUTION, ROLE};
use super::marks::is_quote_char;
use crate::text::{Sentence, Token, TokenKind};

/// Nouns that can head a speaker's phrase.
pub const NOMINAL: Cue = ROLE | INSTITUTION | DOCUMENT;

/// No quotation.
pub const NONE: u32 = u32::MAX;

pub struct Words<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    cues: &'a [Cue],
    norm: &'a dyn Fn(usize) -> &'a str,
    pub rules: &'a VoiceCues,
    pub sentences: &'a [Sentence],
    sentence_of: Vec<u32>,
    /// Per token, the top-level quotation (an index of the chains) it lies in, marks included;
    /// [`NONE`] outside quotations.
    pub quoted: Vec<u32>,
    /// Per quotation (chain), whether it bounds a clause of reported speech.
    pub bounding: Vec<bool>,
    /// The verbs of frames that follow their quotation (`"...," she said`): they report nothing
    /// more.
    pub after_frames: Vec<usize>,
    /// Per token, the listed phrase that starts there and its length in tokens.
    phrases: Vec<Option<(PhraseKind, u8)>>,
    /// Tokens inside a phrase that reports nothing (`that said`).
    not_speech: Vec<bool>,
    /// Lower-case forms of the words capitalised somewhere other than at a sentence start:
    /// names, as far as capitals tell. Found when first asked for: most texts never ask.
    capitalised: std::cell::OnceCell<std::collections::HashSet<&'a str>>,
    /// Per sentence: written in title case (a headline), where verbs are not read as frames;
    /// found when first asked for.
    title_case: Vec<std::cell::Cell<Option<bool>>>,
}

/// The per-token lists of [`Words`], kept between texts so that each text does not allocate
/// them again.
#[derive(Default)]
pub struct Lists {
    sentence_of: Vec<u32>,
    quoted: Vec<u32>,
    phrases: Vec<Option<(PhraseKind, u8)>>,
    not_speech: Vec<bool>,
    title_case: Vec<std::cell::Cell<Option<bool>>>,
}

/// `list` emptied and filled with `len` copies of `value`.
pub(super) fn refill<T: Clone>(list: &mut Vec<T>, len: usize, value: T) {
    list.clear();
    list.resize(len, value);
}

impl<'a> Words<'a> {
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        cues: &'a [Cue],
        norm: &'a dyn Fn(usize) -> &'a str,
        rules: &'a VoiceCues,
        lists: Lists,
    ) -> Self {
        let Lists {
            mut sentence_of,
            mut quoted,
            mut phrases,
            mut not_speech,
            mut title_case,
        } = lists;
        refill(&mut sentence_of, tokens.len(), 0);
        for (s, sentence) in sentences.iter().enumerate() {
            for t in sentence.tokens.clone() {
                sentence_of[t as usize] = s as u32;
            }
        }
        refill(&mut phrases, tokens.len(), None);
        refill(&mut not_speech, tokens.len(), false);
        refill(&mut quoted, tokens.len(), NONE);
        refill(&mut title_case, sentences.len(), std::cell::Cell::new(None));
        let anchors = cues
            .iter()
            .enumerate()
            .filter(|(_, &c)| c & super::cues::PHRASE_ANCHOR != 0);
        for (i, _) in anchors {
            let word = |d: isize| {
                let t = i as isize + d;
                (t >= 0
                    && (t as usize) < tokens.len()
                    && tokens[t as usize].kind != TokenKind::Punct)
                    .then(|| norm(t as usize))
            };
            for (kind, from, len) in rules.phrases_around(norm(i), word) {
                let start = (i as isize + from) as usize;
                let longer = phrases[start].is_none_or(|(_, n): (PhraseKind, u8)| len > n as usize);
                if longer {
                    phrases[start] = Some((kind, len.min(255) as u8));
                }
                if kind == PhraseKind::NotSpeech {
                    not_speech[start..(start + len).min(tokens.len())].fill(true);
                }
            }
        }
        Words {
            text,
            tokens,
            cues,
            capitalised: std::cell::OnceCell::new(),
            title_case,
            norm,
            rules,
            sentences,
            sentence_of,
            quoted,
            bounding: Vec::new(),
            after_frames: Vec::new(),
            phrases,
            not_speech,
        }
    }

    /// Its per-token lists, for the next text.
    pub fn into_lists(self) -> Lists {
        Lists {
            sentence_of: self.sentence_of,
            quoted: self.quoted,
            phrases: self.phrases,
            not_speech: self.not_speech,
            title_case: self.title_case,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn cue(&self, i: usize) -> Cue {
        self.cues[i]
    }

    pub fn has(&self, i: usize, cue: Cue) -> bool {
        i < self.tokens.len() && self.cues[i] & cue != 0
    }

    /// The normalised form of token `i`; empty past the last token, as the other questions
    /// about a token answer no there.
    pub fn norm(&self, i: usize) -> &'a str {
        if i < self.tokens.len() {
            (self.norm)(i)
        } else {
            ""
        }
    }

    pub fn raw(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    pub fn is_word(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == TokenKind::Word
    }

    pub fn is_number(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == TokenKind::Number
    }

    /// A word that starts with a capital letter.
    pub fn is_cap(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].capital
    }

    /// A word written with the possessive `'s`.
    pub fn is_possessive(&self, i: usize) -> bool {
        let raw = self.raw(i);
        self.is_word(i) && (raw.ends_with("'s") || raw.ends_with("\u{2019}s"))
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == TokenKind::Punct && self.raw(i) == p
    }

    /// Any punctuation or symbol.
    pub fn is_any_punct(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == TokenKind::Punct
    }

    /// A quotation mark.
    pub fn is_mark(&self, i: usize) -> bool {
        self.is_any_punct(i) && self.raw(i).chars().next().is_some_and(is_quote_char)
    }

    /// A full stop written right after an abbreviation, an initial or an honorific (`Dr.`,
    /// `U.S.`, `J.`), inside a name.
    pub fn is_abbreviation_dot(&self, i: usize) -> bool {
        if !self.is_punct(i, ".") || i == 0 || !self.is_word(i - 1) {
            return false;
        }
        if self.tokens[i - 1].end != self.tokens[i].start {
            return false;
        }
        let word = self.raw(i - 1);
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        initial || word.contains('.') || self.has(i - 1, super::cues::HONORIFIC)
    }

    /// An apostrophe written right after a word ending in s (`workers'`): a plural possessive.
    pub fn is_apostrophe_after_word(&self, i: usize) -> bool {
        i > 0
            && (self.is_punct(i, "'") || self.is_punct(i, "\u{2019}"))
            && self.is_word(i - 1)
            && self.tokens[i - 1].end == self.tokens[i].start
            && self.raw(i - 1).ends_with(['s', 'S'])
            && self
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.start > self.tokens[i].end)
    }

    pub fn is_determiner(&self, i: usize) -> bool {
        self.has(i, DETERMINER)
    }

    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentence_of[i] as usize
    }

    /// The tokens of the sentence of token `i`.
    pub fn sentence_range(&self, i: usize) -> Range<usize> {
        let s = &self.sentences[self.sentence_of(i)];
        s.tokens.start as usize..s.tokens.end as usize
    }

    /// The first token of the sentence of token `i`.
    pub fn sentence_start(&self, i: usize) -> usize {
        self.sentence_range(i).start
    }

    /// The listed phrase that starts at `i`.
    pub fn phrase_at(&self, i: usize) -> Option<(PhraseKind, usize)> {
        self.phrases
            .get(i)
            .copied()
            .flatten()
            .map(|(k, n)| (k, n as usize))
    }

    /// A reporting verb that reports (not one in `that said`, nor `so-called`, nor in a
    /// headline in title case).
    pub fn is_verb(&self, i: usize, cue: Cue) -> bool {
        self.has(i, cue)
            && !self.not_speech[i]
            && !(i > 0 && self.tokens[i - 1].hyphen_after)
            && self.is_word(i)
            && !self.in_title_case(i)
    }

    /// Is the sentence of token `i` written in title case (a headline)?
    fn in_title_case(&self, i: usize) -> bool {
        let s = self.sentence_of(i);
        if let Some(known) = self.title_case[s].get() {
            return known;
        }
        let range = self.sentence_range(i);
        let (mut words, mut capitals) = (0usize, 0usize);
        for t in range.filter(|&t| self.is_word(t)) {
            words += 1;
            capitals += self.is_cap(t) as usize;
        }
        let title = words >= 4 && capitals * 4 >= words * 3;
        self.title_case[s].set(Some(title));
        title
    }

    /// Is the word at `i` written with a capital elsewhere than at a sentence start?
    pub fn seen_capitalised(&self, i: usize) -> bool {
        let capitalised = self.capitalised.get_or_init(|| {
            let mut set = std::collections::HashSet::new();
            for sentence in self.sentences {
                let range = sentence.tokens.start as usize + 1..sentence.tokens.end as usize;
                for t in range {
                    let after_mark = self.raw(t - 1).ends_with(['"', '\u{201C}', ':']);
                    if self.is_cap(t) && !after_mark {
                        set.insert(self.norm(t));
                    }
                }
            }
            set
        });
        capitalised.contains(self.norm(i))
    }

    pub fn in_quote(&self, i: usize) -> bool {
        self.quoted[i] != NONE
    }

    /// Is token `i` the verb of a frame that follows its quotation?
    pub fn frames_quote_before(&self, i: usize) -> bool {
        self.after_frames.contains(&i)
    }

    /// Does token `i` lie in a quotation that ends a clause of reported speech: one with a frame
    /// of its own, or left open? (Reported speech runs on through a quotation without a frame:
    /// `He said the name must "inspire them" to act`.)
    pub fn bounds_clause(&self, i: usize) -> bool {
        self.quoted[i] != NONE
            && self
                .bounding
                .get(self.quoted[i] as usize)
                .copied()
                .unwrap_or(true)
    }

    /// The text of tokens `range` on one line.
    pub fn phrase_text(&self, range: Range<usize>) -> String {
        if range.is_empty() {
            return String::new();
        }
        let slice = &self.text
            [self.tokens[range.start].start as usize..self.tokens[range.end - 1].end as usize];
        slice.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Does token `i` start its line?
    pub fn starts_line(&self, i: usize) -> bool {
        i == 0 || self.tokens[i].newlines_before > 0
    }
}
