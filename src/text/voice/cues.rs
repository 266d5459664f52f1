//! The words the voice rules look for, as bits per word: reporting verbs, speaker roles, pronouns
//! and the grammar words that bound a speaker's phrase. Built from the lists of a language's rules
//! file, so that the rules of speech are data, and looked up once per distinct word form.

use rustc_hash::FxHashMap;

use crate::text::token::starts_upper;
use crate::text::TokenKind;

/// The cues of one word: a set of the bits below.
pub type Cue = u32;

/// Say and tell: they attribute a quotation or the clause they introduce.
pub const SPEECH: Cue = 1;
/// Other reporting verbs (add, warn, insist): a quotation next to them, or reported speech after
/// `that`, a colon, or at the end of the clause they attribute.
pub const REPORTING: Cue = 1 << 1;
/// Reporting participles (saying, adding): their clause is said by the subject of the sentence.
pub const PARTICIPLE: Cue = 1 << 2;
/// Verbs that name with someone's words (called, described as): a short quotation after them is
/// their subject's.
pub const NAMING: Cue = 1 << 3;
/// Verbs whose object stands before what is said (told reporters that).
pub const ADDRESSEE: Cue = 1 << 4;
/// Nouns that name a source by its role: official, spokesman, analyst, witness.
pub const ROLE: Cue = 1 << 5;
/// Nouns that name a body: ministry, government, police.
pub const INSTITUTION: Cue = 1 << 6;
/// Nouns that name a text that speaks: statement, report, study.
pub const DOCUMENT: Cue = 1 << 7;
/// Words that stand in titles before a role or name: senior, foreign, prime, deputy.
pub const MODIFIER: Cue = 1 << 8;
/// Mr, Dr, Prof.
pub const HONORIFIC: Cue = 1 << 9;
/// He, she.
pub const PERSON_PRONOUN: Cue = 1 << 10;
/// They.
pub const PLURAL_PRONOUN: Cue = 1 << 11;
/// It.
pub const THING_PRONOUN: Cue = 1 << 12;
/// I, we: outside quotation marks, the author.
pub const FIRST_PERSON: Cue = 1 << 13;
/// A, the, their: the start of a noun phrase.
pub const DETERMINER: Cue = 1 << 14;
/// Of, for: inside a speaker's phrase (head of the agency, Institute for Regional Studies).
pub const JOINER: Cue = 1 << 15;
/// Other prepositions: they end a speaker's phrase.
pub const PREPOSITION: Cue = 1 << 16;
/// Conjunctions, relative pronouns and sentence adverbs: they end a speaker's phrase.
pub const CLAUSE: Cue = 1 << 17;
/// The complementizer `that`.
pub const THAT: Cue = 1 << 18;
/// Auxiliaries and adverbs that may stand between a speaker and the verb (has, also, later).
pub const AUXILIARY: Cue = 1 << 19;
/// Forms of `be`: before a reporting verb, a passive (was told) with no speaker.
pub const PASSIVE: Cue = 1 << 20;
/// Days, months and other time words: they end a speaker's phrase.
pub const TIME: Cue = 1 << 21;
/// The anchor of a listed phrase (according to, that said): its longest word, which is rarer
/// than its short ones, so that few tokens are compared with phrases.
pub const PHRASE_ANCHOR: Cue = 1 << 22;
/// Relative pronouns (who, which): `X, which said` has X speak.
pub const RELATIVE: Cue = 1 << 23;
/// And, but: a reporting verb after them shares the subject of the sentence.
pub const COORDINATOR: Cue = 1 << 24;
/// Auxiliary verbs of a finite clause (will, had, could): `claimed his government would act`
/// reports a clause even without `that`.
pub const FINITE: Cue = 1 << 25;

/// Any verb that can attribute words.
pub const VERB: Cue = SPEECH | REPORTING | PARTICIPLE | NAMING;
/// Nouns and title words of a speaker's role.
pub const NOMINAL_OR_TITLE: Cue = ROLE | INSTITUTION | DOCUMENT | MODIFIER | HONORIFIC;
/// Any third-person pronoun.
pub const PRONOUN: Cue = PERSON_PRONOUN | PLURAL_PRONOUN | THING_PRONOUN;

/// The lists of a rules file's `[rules.voice]` table, each with the bit its words get. A list
/// may be missing; an unknown one is an error of the rules file.
pub const LISTS: &[(&str, Cue)] = &[
    ("speech_verbs", SPEECH),
    ("reporting_verbs", REPORTING),
    ("participles", PARTICIPLE),
    ("naming_verbs", NAMING),
    ("addressee_verbs", ADDRESSEE),
    ("roles", ROLE),
    ("institutions", INSTITUTION),
    ("documents", DOCUMENT),
    ("title_words", MODIFIER),
    ("honorifics", HONORIFIC),
    ("person_pronouns", PERSON_PRONOUN),
    ("plural_pronouns", PLURAL_PRONOUN),
    ("thing_pronouns", THING_PRONOUN),
    ("first_person", FIRST_PERSON),
    ("determiners", DETERMINER),
    ("joiners", JOINER),
    ("prepositions", PREPOSITION),
    ("clause_words", CLAUSE),
    ("relative_pronouns", RELATIVE),
    ("coordinators", COORDINATOR),
    ("auxiliary_verbs", FINITE),
    ("complementizers", THAT),
    ("auxiliaries", AUXILIARY),
    ("passive", PASSIVE),
    ("time_words", TIME),
];

/// Lists of phrases rather than words.
pub const PHRASE_LISTS: &[(&str, PhraseKind)] = &[
    ("source_phrases", PhraseKind::Source),
    ("not_speech", PhraseKind::NotSpeech),
];

/// What a listed phrase does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    /// Introduces a source: `according to X`.
    Source,
    /// A reporting verb in a fixed expression that reports nothing: `that said`, `needless to
    /// say`.
    NotSpeech,
}

/// The cue words of the languages in use.
#[derive(Debug, Clone, Default)]
pub struct VoiceCues {
    words: FxHashMap<String, Cue>,
    /// Phrases, as lower-case words, by their anchor word, with the anchor's place in them.
    phrases: FxHashMap<String, Vec<(Vec<String>, usize, PhraseKind)>>,
}

impl VoiceCues {
    /// Adds the words of the list named `list` (a name of [`LISTS`] or [`PHRASE_LISTS`]); false
    /// for a name that is neither.
    pub fn add_list<S: AsRef<str>>(&mut self, list: &str, words: &[S]) -> bool {
        if let Some(&(_, cue)) = LISTS.iter().find(|(name, _)| *name == list) {
            for w in words {
                *self.words.entry(lower(w.as_ref())).or_default() |= cue;
            }
            return true;
        }
        if let Some(&(_, kind)) = PHRASE_LISTS.iter().find(|(name, _)| *name == list) {
            for p in words {
                let phrase: Vec<String> = p.as_ref().split_whitespace().map(lower).collect();
                // The longest word, the first of them on a tie.
                let anchor = (0..phrase.len()).rev().max_by_key(|&k| phrase[k].len());
                if let Some(at) = anchor {
                    let word = phrase[at].clone();
                    *self.words.entry(word.clone()).or_default() |= PHRASE_ANCHOR;
                    let anchored = self.phrases.entry(word).or_default();
                    if !anchored.iter().any(|(q, _, _)| *q == phrase) {
                        anchored.push((phrase, at, kind));
                    }
                }
            }
            return true;
        }
        false
    }

    /// No cue at all: only quotation marks can be read.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The cues of a word in its normalised form.
    pub fn of(&self, norm: &str) -> Cue {
        self.words.get(norm).copied().unwrap_or(0)
    }

    /// The cues of a token written `raw`, of kind `kind`, with normalised form `norm`: those of
    /// its normalised form, except that an acronym (`WHO`, `US`) is a name, whatever grammar
    /// word it spells in lower case. It keeps only the cues of names and titles, and that it
    /// anchors phrases, since phrases are matched by their normalised words. Computed once per
    /// distinct form, with the form's other facts.
    pub fn of_token(&self, raw: &str, kind: TokenKind, norm: &str) -> Cue {
        let cue = self.of(norm);
        if cue == 0 || kind != TokenKind::Word || !starts_upper(raw) {
            return cue;
        }
        match super::phrase::is_acronym(raw) {
            true => cue & (NOMINAL_OR_TITLE | PHRASE_ANCHOR),
            false => cue,
        }
    }

    /// The listed phrases around a word that anchors phrases: `anchor` is its normalised form,
    /// and `word(d)` the normalised word `d` places from it (negative: before), if there is one.
    /// Each phrase found as (its kind, where it starts relative to the anchor, its length).
    pub fn phrases_around<'w>(
        &self,
        anchor: &str,
        word: impl Fn(isize) -> Option<&'w str>,
    ) -> Vec<(PhraseKind, isize, usize)> {
        let Some(candidates) = self.phrases.get(anchor) else {
            return Vec::new();
        };
        candidates
            .iter()
            .filter(|(phrase, at, _)| {
                phrase
                    .iter()
                    .enumerate()
                    .all(|(k, w)| word(k as isize - *at as isize).is_some_and(|x| x == w))
            })
            .map(|(phrase, at, kind)| (*kind, -(*at as isize), phrase.len()))
            .collect()
    }
}

/// Lower case with curly apostrophes straight, as normalised words are.
fn lower(word: &str) -> String {
    word.to_lowercase().replace('\u{2019}', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_give_bits_and_phrases_mark_their_first_word() {
        let mut cues = VoiceCues::default();
        assert!(cues.add_list("speech_verbs", &["Said", "told"]));
        assert!(cues.add_list("addressee_verbs", &["told"]));
        assert!(cues.add_list("source_phrases", &["according to", "in the words of"]));
        assert!(!cues.add_list("verbs", &["x"]));
        assert_eq!(cues.of("said"), SPEECH);
        assert_eq!(cues.of("told"), SPEECH | ADDRESSEE);
        assert_eq!(cues.of("according"), PHRASE_ANCHOR);
        assert_eq!(cues.of("to"), 0);
        assert_eq!(cues.of("walked"), 0);
        let words = ["officials", "said", "according", "to", "officials"];
        let around = |at: isize| move |d: isize| words.get((at + d) as usize).copied();
        assert_eq!(
            cues.phrases_around("according", around(2)),
            [(PhraseKind::Source, 0, 2)]
        );
        let words = ["in", "the", "words", "of", "officials"];
        let around = |at: isize| move |d: isize| words.get((at + d) as usize).copied();
        assert_eq!(
            cues.phrases_around("words", around(2)),
            [(PhraseKind::Source, -2, 4)]
        );
        let words = ["according", "as"];
        let around = |at: isize| move |d: isize| words.get((at + d) as usize).copied();
        assert!(cues.phrases_around("according", around(0)).is_empty());
    }

    #[test]
    fn an_acronym_keeps_the_cues_of_names_and_of_phrases_only() {
        let mut cues = VoiceCues::default();
        assert!(cues.add_list("plural_pronouns", &["us"]));
        assert!(cues.add_list("institutions", &["who"]));
        assert!(cues.add_list("clause_words", &["who"]));
        assert!(cues.add_list("source_phrases", &["according to"]));
        let word = TokenKind::Word;
        assert_eq!(cues.of_token("us", word, "us"), PLURAL_PRONOUN);
        assert_eq!(cues.of_token("Us", word, "us"), PLURAL_PRONOUN);
        assert_eq!(cues.of_token("US", word, "us"), 0);
        assert_eq!(cues.of_token("who", word, "who"), INSTITUTION | CLAUSE);
        assert_eq!(cues.of_token("WHO", word, "who"), INSTITUTION);
        assert_eq!(cues.of_token("ACCORDING", word, "according"), PHRASE_ANCHOR);
        // One letter is not an acronym.
        assert!(cues.add_list("first_person", &["i"]));
        assert_eq!(cues.of_token("I", word, "i"), FIRST_PERSON);
    }
}
