//! Who is who: speaker mentions of one article resolved to speakers. A later mention of a name
//! (`Markovic`, `Tedros`) is the person named in full before; `the minister` is the speaker
//! titled minister before; a pronoun is the latest speaker it can stand for; a role phrase said
//! again (`officials`) is the same source.

use super::cues::{PERSON_PRONOUN, PLURAL_PRONOUN, THING_PRONOUN};
use super::phrase::{Mention, MentionKind};

/// How a speaker is identified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpeakerKind {
    /// By a name: a person or a body.
    Named,
    /// By a role only: officials, a senior diplomat, the ministry.
    Anonymous,
    /// By a pronoun that no speaker before it resolves.
    Unresolved,
    /// Not at all: quotations and statements whose speaker the rules did not find.
    Unidentified,
}

impl SpeakerKind {
    pub fn name(self) -> &'static str {
        match self {
            SpeakerKind::Named => "named",
            SpeakerKind::Anonymous => "anonymous",
            SpeakerKind::Unresolved => "unresolved",
            SpeakerKind::Unidentified => "unidentified",
        }
    }
}

/// One speaker of an article, with what the article gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The name in its fullest form, or the role phrase (`senior official`), or the pronoun.
    pub name: String,
    pub kind: SpeakerKind,
    /// A named speaker's title as written, or an anonymous speaker's role noun (`official`).
    pub role: String,
    /// Quotations given to them (a quotation split by its frame counts once).
    pub quotes: u32,
    /// Words (tokens) inside those quotations.
    pub quoted_tokens: u32,
    /// Reported statements (attributions without quotation marks).
    pub statements: u32,
    pub attributed_tokens: u32,
    /// The sentence (0-based) of their first mention.
    pub first_sentence: u32,
}

struct Entry {
    name_words: Vec<String>,
    head: String,
    plural: bool,
    body: bool,
    /// Lower-case key of an anonymous speaker's phrase.
    key: String,
    /// Token of the latest mention.
    last: usize,
    /// The pronoun (`he` or `she`) that referred to them, once one did.
    pronoun: Option<String>,
}

/// The speakers of one article, resolved in text order.
#[derive(Default)]
pub struct Registry {
    pub speakers: Vec<Speaker>,
    entries: Vec<Entry>,
}

impl Registry {
    /// The speaker `mention` (at token `at`, in sentence `sentence`) refers to, added if new.
    pub fn resolve(&mut self, mention: &Mention, at: usize, sentence: usize) -> u32 {
        let found = match mention.kind {
            MentionKind::Pronoun(cue) => self.latest(|e, s| {
                s.kind != SpeakerKind::Unresolved
                    && if cue & PERSON_PRONOUN != 0 {
                        // Once `she` referred to someone, `he` does not, and the other way.
                        let agrees = e.pronoun.as_ref().is_none_or(|p| *p == mention.display);
                        s.kind == SpeakerKind::Named && !e.body && !e.plural && agrees
                    } else if cue & PLURAL_PRONOUN != 0 {
                        e.plural
                    } else if cue & THING_PRONOUN != 0 {
                        e.body && !e.plural
                    } else {
                        false
                    }
            }),
            MentionKind::Named => self.latest(|e, s| {
                s.kind == SpeakerKind::Named && same_name(&e.name_words, &mention.name)
            }),
            MentionKind::Anonymous => {
                let key = mention.display.to_lowercase();
                self.latest(|e, s| s.kind == SpeakerKind::Anonymous && e.key == key)
                    .or_else(|| {
                        // `the minister`, `the official`: the speaker titled so before.
                        (mention.definite && !mention.head.is_empty())
                            .then(|| {
                                self.latest(|e, s| {
                                    s.kind != SpeakerKind::Unresolved
                                        && e.head == mention.head
                                        && e.plural == mention.plural
                                })
                            })
                            .flatten()
                    })
            }
        };
        if let Some(id) = found {
            let entry = &mut self.entries[id as usize];
            entry.last = at;
            if matches!(mention.kind, MentionKind::Pronoun(c) if c & PERSON_PRONOUN != 0) {
                entry.pronoun = Some(mention.display.clone());
            }
            if mention.kind == MentionKind::Named && mention.name.len() > entry.name_words.len() {
                // The fuller form of the name.
                entry.name_words = mention.name.clone();
                self.speakers[id as usize].name = mention.display.clone();
            }
            let speaker = &mut self.speakers[id as usize];
            if speaker.role.is_empty() && !mention.role.is_empty() {
                speaker.role = mention.role.clone();
            }
            return id;
        }
        let kind = match mention.kind {
            MentionKind::Named => SpeakerKind::Named,
            MentionKind::Anonymous => SpeakerKind::Anonymous,
            MentionKind::Pronoun(_) => SpeakerKind::Unresolved,
        };
        // Every unresolved `he` of an article is one speaker: there is no telling them apart.
        if kind == SpeakerKind::Unresolved {
            if let Some(id) = self
                .speakers
                .iter()
                .position(|s| s.kind == kind && s.name == mention.display)
            {
                return id as u32;
            }
        }
        self.entries.push(Entry {
            name_words: mention.name.clone(),
            head: mention.head.clone(),
            plural: mention.plural,
            body: mention.body,
            key: mention.display.to_lowercase(),
            last: at,
            pronoun: None,
        });
        self.speakers.push(Speaker {
            name: mention.display.clone(),
            kind,
            role: mention.role.clone(),
            quotes: 0,
            quoted_tokens: 0,
            statements: 0,
            attributed_tokens: 0,
            first_sentence: sentence as u32,
        });
        (self.speakers.len() - 1) as u32
    }

    /// The most recently mentioned speaker that `fits`.
    fn latest(&self, fits: impl Fn(&Entry, &Speaker) -> bool) -> Option<u32> {
        self.entries
            .iter()
            .zip(&self.speakers)
            .enumerate()
            .filter(|(_, (e, s))| fits(e, s))
            .max_by_key(|(_, (e, _))| e.last)
            .map(|(i, _)| i as u32)
    }
}

/// Two names of one person: one holds every word of the other (`Markovic` of `Elena
/// Markovic`), or they share the surname.
fn same_name(known: &[String], new: &[String]) -> bool {
    if known.is_empty() || new.is_empty() {
        return false;
    }
    let (short, long) = if known.len() <= new.len() {
        (known, new)
    } else {
        (new, known)
    };
    short.iter().all(|w| long.contains(w)) || known.last() == new.last()
}

impl Speaker {
    /// The quotations and statements of an article whose speaker was not found.
    pub fn unidentified() -> Speaker {
        Speaker {
            name: String::new(),
            kind: SpeakerKind::Unidentified,
            role: String::new(),
            quotes: 0,
            quoted_tokens: 0,
            statements: 0,
            attributed_tokens: 0,
            first_sentence: 0,
        }
    }

    /// Gives anything at all.
    pub fn speaks(&self) -> bool {
        self.quotes + self.statements > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(kind: MentionKind, display: &str, name: &[&str], head: &str) -> Mention {
        Mention {
            tokens: 0..1,
            kind,
            display: display.into(),
            name: name.iter().map(|s| s.to_string()).collect(),
            role: head.into(),
            head: head.into(),
            plural: display.ends_with('s'),
            body: false,
            definite: display.starts_with("the "),
        }
    }

    #[test]
    fn names_titles_and_pronouns_resolve_to_earlier_speakers() {
        let mut r = Registry::default();
        let markovic = mention(
            MentionKind::Named,
            "Elena Markovic",
            &["elena", "markovic"],
            "minister",
        );
        assert_eq!(r.resolve(&markovic, 0, 0), 0);
        let officials = mention(MentionKind::Anonymous, "officials", &[], "official");
        assert_eq!(r.resolve(&officials, 5, 1), 1);
        let she = mention(MentionKind::Pronoun(PERSON_PRONOUN), "she", &[], "");
        assert_eq!(r.resolve(&she, 9, 2), 0);
        let they = mention(MentionKind::Pronoun(PLURAL_PRONOUN), "they", &[], "");
        assert_eq!(r.resolve(&they, 12, 3), 1);
        let surname = mention(MentionKind::Named, "Markovic", &["markovic"], "");
        assert_eq!(r.resolve(&surname, 20, 4), 0);
        let minister = mention(MentionKind::Anonymous, "the minister", &[], "minister");
        assert_eq!(r.resolve(&minister, 25, 5), 0);
        let it = mention(MentionKind::Pronoun(THING_PRONOUN), "it", &[], "");
        assert_eq!(r.resolve(&it, 30, 6), 2);
        assert_eq!(r.speakers[2].kind, SpeakerKind::Unresolved);
        assert_eq!(r.resolve(&it, 31, 6), 2);
        assert_eq!(r.speakers[0].name, "Elena Markovic");
        assert_eq!(r.speakers.len(), 3);
    }
}
