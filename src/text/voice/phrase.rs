//! Speaker phrases: the noun phrase before a reporting verb (its subject) or after it (an
//! inverted `said the minister`, `according to officials`), and what such a phrase names: a
//! person or body by name, a source by role (anonymous), or a pronoun to resolve.
//!
//! Without a part-of-speech tagger a phrase is read from its words' cues: capitalised words,
//! listed roles, institutions, documents and title words belong to it; grammar words, reporting
//! verbs and punctuation end it; at most two unlisted lower-case words may stand before a listed
//! noun (`a senior administration official`).

use std::ops::Range;

use super::cues::*;
use super::words::{Words, NOMINAL};

/// Words that end a speaker's phrase (unless the word is also a listed noun).
pub const BREAKS: Cue =
    CLAUSE | PREPOSITION | THAT | AUXILIARY | PASSIVE | TIME | VERB | PRONOUN | FIRST_PERSON;

/// The longest phrase read, in tokens.
const MAX_PHRASE: usize = 9;

/// Unlisted lower-case words allowed before a listed noun.
const MAX_LOOSE: usize = 2;

/// Can word `i` be the head of a speaker's phrase on its own?
///
/// Not a possessive (`Trump's` speaks for the noun after it); a capitalised word only if it is
/// listed or a name: at a sentence start a capital says nothing (`Ever wonder`), so the word
/// must be capitalised elsewhere in the text too (or be followed by another capitalised word).
fn can_head(w: &Words, i: usize) -> bool {
    if !w.is_word(i) || w.has(i, DETERMINER | FIRST_PERSON) || w.is_possessive(i) {
        return false;
    }
    w.has(i, NOMINAL)
        || (w.is_cap(i) && (w.sentence_start(i) != i || w.seen_capitalised(i) || w.is_cap(i + 1)))
}

/// Is word `i` one that belongs inside a speaker's phrase: capitalised, a listed noun or title
/// word, a number, or a possessive?
fn belongs(w: &Words, i: usize) -> bool {
    w.is_number(i)
        || (w.is_word(i)
            && (w.is_cap(i) || w.has(i, NOMINAL | MODIFIER | HONORIFIC) || w.is_possessive(i)))
}

fn breaks(w: &Words, i: usize) -> bool {
    // A capitalised time word between capitalised words is part of a name (`the Dallas Morning
    // News`).
    let in_name = w.has(i, TIME) && i > 0 && w.is_cap(i) && w.is_cap(i - 1) && w.is_cap(i + 1);
    w.has(i, BREAKS) && !w.has(i, NOMINAL) && !in_name
}

/// The speaker's phrase that ends right before token `end` (not reaching before `floor`).
pub fn before(w: &Words, end: usize, floor: usize) -> Option<Range<usize>> {
    if end <= floor || end > w.len() {
        return None;
    }
    let head = end - 1;
    if !w.is_word(head) {
        return None;
    }
    if w.has(head, PRONOUN) {
        return Some(head..end);
    }
    if breaks(w, head) || w.has(head, DETERMINER | JOINER | FIRST_PERSON) {
        return None;
    }
    let listed_head = w.has(head, NOMINAL);
    let mut start = head;
    let mut loose = 0;
    while start > floor && end - start < MAX_PHRASE {
        let k = start - 1;
        if w.is_abbreviation_dot(k) && k > floor {
            start = k - 1;
            continue;
        }
        // The apostrophe of a plural possessive: `the workers' union`.
        if w.is_apostrophe_after_word(k) {
            start = k;
            continue;
        }
        if w.is_any_punct(k) {
            break;
        }
        if w.is_determiner(k) && !w.has(k, NOMINAL) {
            start = k;
            // `a spokesperson for the ministry`: the phrase goes on before the joiner.
            if k > floor + 1
                && w.has(k - 1, JOINER)
                && (w.has(k - 2, NOMINAL | DETERMINER) || w.is_number(k - 2))
            {
                start = k - 1;
                continue;
            }
            break;
        }
        if w.has(k, JOINER) {
            if k > floor && (belongs(w, k - 1) || w.is_word(k - 1)) && !breaks(w, k - 1) {
                start = k;
                continue;
            }
            break;
        }
        if breaks(w, k) {
            break;
        }
        if belongs(w, k) {
            start = k;
        } else if listed_head && loose < MAX_LOOSE && w.is_word(k) {
            loose += 1;
            start = k;
        } else {
            break;
        }
    }
    while start < head && w.has(start, JOINER) {
        start += 1;
    }
    if !can_head(w, head) {
        return None;
    }
    Some(start..end)
}

/// Like [`before`], also taking an unlisted noun after a determiner (`the volunteer said`), and a
/// capitalised word that opens the sentence: for say and tell, whose subject is a speaker
/// whatever noun it is.
pub fn before_loosely(w: &Words, end: usize, floor: usize) -> Option<Range<usize>> {
    before(w, end, floor).or_else(|| {
        let head = end.checked_sub(1)?;
        // A name that opens its sentence and is seen nowhere else (`Ruiz told reporters`).
        if head == floor && w.is_cap(head) && !w.is_possessive(head) && !w.has(head, BREAKS) {
            return Some(head..end);
        }
        let det = (head.saturating_sub(2).max(floor)..head)
            .rev()
            .find(|&k| w.is_determiner(k))?;
        let plain = (det + 1..end).all(|k| w.is_word(k) && !w.has(k, BREAKS | DETERMINER | JOINER));
        plain.then_some(det..end)
    })
}

/// Like [`after`], also taking a determiner and an unlisted noun right before a form of say or
/// tell (`"...," the volunteer said`).
pub fn after_loosely(w: &Words, start: usize, ceil: usize) -> Option<Range<usize>> {
    after(w, start, ceil).or_else(|| {
        if !w.is_determiner(start) {
            return None;
        }
        let end = (start + 2..(start + 4).min(ceil + 1)).find(|&e| w.is_verb(e, SPEECH))?;
        let plain =
            (start + 1..end).all(|k| w.is_word(k) && !w.has(k, BREAKS | DETERMINER | JOINER));
        plain.then_some(start..end)
    })
}

/// The speaker's phrase that starts at token `start` (not reaching `ceil`).
pub fn after(w: &Words, start: usize, ceil: usize) -> Option<Range<usize>> {
    let ceil = ceil.min(w.len());
    if start >= ceil || !(w.is_word(start) || w.is_number(start)) {
        return None;
    }
    if w.has(start, PRONOUN) && !w.has(start, NOMINAL) {
        return Some(start..start + 1);
    }
    let mut i = start;
    if w.is_determiner(i) && !w.has(i, NOMINAL) {
        i += 1;
    }
    let mut end = start;
    let mut last_belonging = None;
    while i < ceil && i - start < MAX_PHRASE {
        if w.is_abbreviation_dot(i) && w.is_cap(i + 1) {
            i += 1;
            continue;
        }
        if w.is_apostrophe_after_word(i) && i > start {
            i += 1;
            continue;
        }
        if w.is_any_punct(i) {
            break;
        }
        if w.has(i, JOINER) && !w.has(i, NOMINAL) {
            if end > start && i + 1 < ceil && (belongs(w, i + 1) || w.is_determiner(i + 1)) {
                // `the head of the agency`: the phrase goes on after the joiner and its
                // determiner.
                i += 1;
                if w.is_determiner(i) {
                    i += 1;
                }
                continue;
            }
            break;
        }
        if breaks(w, i) || (w.is_determiner(i) && !w.has(i, NOMINAL)) {
            break;
        }
        if belongs(w, i) {
            last_belonging = Some(i);
        } else {
            // An unlisted lower-case word belongs only if a listed noun follows closely.
            let listed_next = (i + 1..(i + 1 + MAX_LOOSE).min(ceil))
                .take_while(|&k| w.is_word(k))
                .any(|k| w.has(k, NOMINAL));
            if !listed_next {
                break;
            }
        }
        i += 1;
        end = i;
    }
    // End on a word that belongs: not on a joiner or a loose word.
    let end = match last_belonging {
        Some(last) => end.min(last + 1),
        None => return None,
    };
    let head = end - 1;
    if !can_head(w, head) {
        return None;
    }
    Some(start..end)
}

/// A document (`a statement from the ministry`) speaks for the source named after it.
pub fn source_of_document(w: &Words, np: Range<usize>, ceil: usize) -> Range<usize> {
    let head = np.end - 1;
    if w.has(head, DOCUMENT) && (w.has(np.end, JOINER) || w.has(np.end, PREPOSITION)) {
        if let Some(inner) = after(w, np.end + 1, ceil) {
            if !w.has(inner.end - 1, DOCUMENT) && !w.has(inner.start, PRONOUN) {
                return inner;
            }
        }
    }
    np
}

/// What a speaker's phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A person or body by name (Elena Markovic, Reuters, the Foreign Ministry).
    Named,
    /// A source by role (officials, a senior diplomat, the ministry).
    Anonymous,
    /// He, she, they, it: someone named before.
    Pronoun(Cue),
}

/// A speaker's phrase, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub tokens: Range<usize>,
    pub kind: MentionKind,
    /// As shown: the name, or the role phrase without its determiner, on one line.
    pub display: String,
    /// A named speaker's name, as lower-case words.
    pub name: Vec<String>,
    /// A named speaker's title as written (`Foreign Minister`), or an anonymous speaker's role
    /// noun in lower case and singular (`official`).
    pub role: String,
    /// The role or title noun, lower case and singular: what a later `the minister` refers to.
    pub head: String,
    pub plural: bool,
    /// A body or a document rather than a person.
    pub body: bool,
    /// Starts with `the`: may refer back to a speaker named before.
    pub definite: bool,
}

/// Reads the speaker's phrase `np`.
pub fn describe(w: &Words, np: Range<usize>) -> Mention {
    let words: Vec<usize> = np
        .clone()
        .filter(|&i| w.is_word(i) || w.is_number(i))
        .collect();
    let definite = words.first().is_some_and(|&i| w.norm(i) == "the");
    let first = words
        .iter()
        .position(|&i| !w.is_determiner(i) || w.has(i, NOMINAL))
        .unwrap_or(words.len().saturating_sub(1));
    let words = &words[first..];
    let core_len = words
        .iter()
        .position(|&i| w.has(i, JOINER) && !w.has(i, NOMINAL))
        .unwrap_or(words.len())
        .max(1);
    let core = &words[..core_len.min(words.len())];
    let head = *core.last().unwrap_or(&(np.end - 1));
    let head_word = singular(w, head);
    if words.len() == 1 && w.has(head, PRONOUN) {
        return Mention {
            tokens: np,
            kind: MentionKind::Pronoun(w.cue(head) & PRONOUN),
            display: w.norm(head).to_string(),
            name: Vec::new(),
            role: String::new(),
            head: String::new(),
            plural: w.has(head, PLURAL_PRONOUN),
            body: w.has(head, THING_PRONOUN),
            definite: false,
        };
    }
    let sentence_start = w.sentence_start(np.start);
    let is_name = |i: usize| {
        w.is_cap(i)
            && !w.has(i, NOMINAL | MODIFIER | HONORIFIC | DETERMINER | PRONOUN)
            && !breaks(w, i)
    };
    // A compound's first part is a name with its last (`Review-Journal`).
    let is_name = |i: usize| is_name(i) || (w.tokens[i].hyphen_after && is_name(i + 1));
    let name_start = core.iter().rposition(|&i| !is_name(i)).map_or(0, |p| p + 1);
    let name = &core[name_start..];
    let last = *words.last().unwrap_or(&head);
    let plural = !w.has(head, PRONOUN) && is_plural(w, head);
    let body = w.has(head, INSTITUTION | DOCUMENT) || is_acronym(w.raw(head));
    if !name.is_empty() {
        let title = &core[..name_start];
        let title: Vec<usize> = title
            .iter()
            .copied()
            .filter(|&i| !w.has(i, HONORIFIC))
            .collect();
        return Mention {
            display: without_possessive(w.phrase_text(name[0]..name[name.len() - 1] + 1)),
            name: name.iter().map(|&i| w.norm(i).to_string()).collect(),
            role: match (title.first(), title.last()) {
                (Some(&a), Some(&b)) => w.phrase_text(a..b + 1),
                _ => String::new(),
            },
            head: title.last().map_or(String::new(), |&i| singular(w, i)),
            kind: MentionKind::Named,
            tokens: np,
            plural: false,
            body,
            definite,
        };
    }
    // A body named with capitals (`the Foreign Ministry`, `the Associated Press`), not only at
    // the start of a sentence.
    let capitalised = w.is_cap(head) && head != sentence_start;
    let named_body = capitalised
        && (w.has(head, INSTITUTION) || core.iter().any(|&i| is_name(i) && i != sentence_start));
    let from = words.first().copied().unwrap_or(np.start);
    let mut display = w.phrase_text(from..last + 1);
    if named_body {
        return Mention {
            name: core.iter().map(|&i| w.norm(i).to_string()).collect(),
            role: head_word.clone(),
            head: head_word,
            display,
            kind: MentionKind::Named,
            tokens: np,
            plural,
            body,
            definite,
        };
    }
    // Capitalised only because it starts the sentence: `Officials said`.
    if from == sentence_start && !is_name(from) && w.is_cap(from) && !is_acronym(w.raw(from)) {
        display = lower_first(&display);
    }
    Mention {
        tokens: np,
        kind: MentionKind::Anonymous,
        display,
        name: Vec::new(),
        role: head_word.clone(),
        head: head_word,
        plural,
        body,
        definite,
    }
}

/// A name as shown, without the possessive of the phrase it stood in (`Douglas Haig's`).
pub fn without_possessive(name: String) -> String {
    match name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("\u{2019}s"))
    {
        Some(stem) => stem.to_string(),
        None => name,
    }
}

/// Two letters or more, none in lower case (`WHO`, `US`).
pub(super) fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word.chars().all(|c| !c.is_lowercase())
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// English plurals of role nouns: `officials`, `witnesses`, `people`, `police`.
fn is_plural(w: &Words, i: usize) -> bool {
    let norm = w.norm(i);
    matches!(norm, "people" | "police" | "staff" | "media")
        || (norm.ends_with('s') && !norm.ends_with("ss") && singular(w, i) != norm)
        || norm.ends_with("men")
}

/// A role noun in the singular when the singular is listed too (`officials` → `official`,
/// `spokesmen` → `spokesman`, `ministries` → `ministry`); other words as they are, lower case.
pub fn singular(w: &Words, i: usize) -> String {
    let norm = w.norm(i);
    let listed = |s: &str| w.rules.of(s) & NOMINAL != 0;
    let candidates = [
        norm.strip_suffix("ies").map(|s| format!("{s}y")),
        norm.strip_suffix("men").map(|s| format!("{s}man")),
        norm.strip_suffix("es").map(str::to_string),
        norm.strip_suffix('s').map(str::to_string),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty() && listed(s))
        .unwrap_or_else(|| norm.to_string())
}

/// Names of people that open a sentence as its subject (`Christine Pelosi backed the plan`):
/// two or more capitalised words that are no title, role or grammar word, followed by a lower-case
/// word. A later `he` or `she` may refer to them.
pub fn subject_names(w: &Words) -> Vec<Range<usize>> {
    let excluded = NOMINAL | MODIFIER | TIME | BREAKS | DETERMINER | JOINER;
    let is_part = |k: usize| w.is_cap(k) && !w.has(k, excluded);
    // Surnames the text gives with a first name somewhere (`Jair Bolsonaro`): alone at the
    // start of a sentence, they name the same person.
    // Found when first needed.
    let surnames = std::cell::OnceCell::new();
    let surnames = || -> &Vec<&str> {
        surnames.get_or_init(|| {
            (1..w.len())
                .filter(|&k| is_part(k) && is_part(k - 1) && !w.is_cap(k + 1) && !w.starts_line(k))
                .map(|k| w.norm(k))
                .collect()
        })
    };
    let mut out = Vec::new();
    for (i, sentence) in w.sentences.iter().enumerate() {
        let start = sentence.tokens.start as usize;
        // A headline is in title case: the first sentence, without a full stop.
        let last = sentence.tokens.end as usize - 1;
        if i == 0 && !(w.is_punct(last, ".") || w.is_punct(last, "!") || w.is_punct(last, "?")) {
            continue;
        }
        // Past a title: `Foreign Minister Elena Markovic arrived`.
        let mut name_start = start;
        while (w.is_cap(name_start) && w.has(name_start, NOMINAL | MODIFIER | HONORIFIC))
            || w.is_abbreviation_dot(name_start)
        {
            name_start += 1;
        }
        let mut end = name_start;
        while end < sentence.tokens.end as usize {
            if is_part(end) {
                end += 1;
            } else if w.is_abbreviation_dot(end) && is_part(end + 1) {
                end += 2;
            } else {
                break;
            }
        }
        let words = (name_start..end).filter(|&k| w.is_word(k)).count();
        let followed = w.is_word(end)
            && !w.is_cap(end)
            && !w.has(end, PREPOSITION | JOINER | DETERMINER | CLAUSE);
        let known = words == 1 && followed && surnames().contains(&w.norm(name_start));
        if (words >= 2 || known) && followed && !w.in_quote(start) {
            out.push(start..end);
        }
    }
    out
}
