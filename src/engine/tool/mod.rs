//! Counting as other tools count: the lexicons whose `matching` is a tool's (LIWC, quanteda,
//! VADER, AFINN) are matched over that tool's tokens with its rules, so that a dictionary gives
//! the counts its users know. Their hits carry byte offsets into the text, like framescope's own.

mod afinn;
mod entries;
mod tokens;

use crate::lexicon::{Element, Matching};

use afinn::AfinnIndex;
use entries::{EntryIndex, Pick};
use tokens::ToolToken;

/// A term of a lexicon matched as a tool matches, compiled.
#[derive(Debug, Clone)]
pub struct ToolTerm {
    /// Index into the compiled set's terms.
    pub term: u32,
    /// Index into the compiled set's categories.
    pub category: u32,
    pub elements: Vec<Element>,
    pub stop: bool,
}

/// A match found by a tool's rules, at bytes `start..end` of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolHit {
    pub start: u32,
    pub end: u32,
    pub term: u32,
    pub category: u32,
}

enum Index {
    Entries(EntryIndex),
    Afinn(AfinnIndex),
}

struct ToolLexicon {
    /// Index of the lexicon in the compiled set.
    lexicon: usize,
    matching: Matching,
    index: Index,
}

/// Every lexicon of a run that is matched as a tool matches.
#[derive(Default)]
pub struct ToolSet {
    lexicons: Vec<ToolLexicon>,
}

/// Reusable buffers for a text's tokens.
#[derive(Default)]
pub struct ToolBuffers {
    tokens: Vec<ToolToken>,
}

impl ToolSet {
    /// Adds lexicon `lexicon`, matched as `matching` (a tool's way), with its terms.
    pub fn add(&mut self, lexicon: usize, matching: Matching, terms: &[ToolTerm]) {
        // VADER looks up one token at a time: its entries of several words never match.
        let single: Vec<ToolTerm>;
        let terms = if matching.matches_phrases() {
            terms
        } else {
            single = terms
                .iter()
                .filter(|t| t.elements.len() == 1)
                .cloned()
                .collect();
            &single
        };
        let index = match matching {
            Matching::Afinn => Index::Afinn(AfinnIndex::new(terms)),
            Matching::Quanteda => Index::Entries(EntryIndex::new(terms, Pick::PerCategory)),
            _ => Index::Entries(EntryIndex::new(terms, Pick::PerEntry)),
        };
        self.lexicons.push(ToolLexicon {
            lexicon,
            matching,
            index,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.lexicons.is_empty()
    }

    /// The hits in `text` of every lexicon that `applied` allows, in text order (by start, then
    /// category), into `out` (cleared first).
    pub fn find(
        &self,
        text: &str,
        applied: &dyn Fn(usize) -> bool,
        buffers: &mut ToolBuffers,
        out: &mut Vec<ToolHit>,
    ) {
        out.clear();
        // Lexicons with the same matching share one tokenisation of the text.
        let mut tokenised: Option<Matching> = None;
        for lexicon in self.lexicons.iter().filter(|l| applied(l.lexicon)) {
            match &lexicon.index {
                Index::Afinn(index) => index.find(text, out),
                Index::Entries(index) => {
                    if tokenised != Some(lexicon.matching) {
                        match lexicon.matching {
                            Matching::Liwc => tokens::word_runs(text, &mut buffers.tokens),
                            Matching::Vader => tokens::vader(text, &mut buffers.tokens),
                            _ => tokens::whitespace_stripped(text, &mut buffers.tokens),
                        }
                        tokenised = Some(lexicon.matching);
                    }
                    index.find(&buffers.tokens, out);
                }
            }
        }
        out.sort_by_key(|h| (h.start, h.category, h.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::compile_pattern;

    /// A set of one lexicon matched as `matching`, with (entry, category) terms.
    fn set(matching: Matching, terms: &[(&str, u32)], stops: &[(&str, u32)]) -> ToolSet {
        let all: Vec<ToolTerm> = terms
            .iter()
            .map(|t| (t, false))
            .chain(stops.iter().map(|t| (t, true)))
            .enumerate()
            .map(|(i, (&(raw, category), stop))| ToolTerm {
                term: i as u32,
                category,
                elements: compile_pattern(raw, matching).unwrap(),
                stop,
            })
            .collect();
        let mut set = ToolSet::default();
        set.add(0, matching, &all);
        set
    }

    /// (matched text, category) of each hit.
    fn hits(set: &ToolSet, text: &str) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        set.find(text, &|_| true, &mut ToolBuffers::default(), &mut out);
        out.iter()
            .map(|h| {
                (
                    text[h.start as usize..h.end as usize].to_string(),
                    h.category,
                )
            })
            .collect()
    }

    fn texts(hits: &[(String, u32)], category: u32) -> Vec<&str> {
        hits.iter()
            .filter(|h| h.1 == category)
            .map(|h| h.0.as_str())
            .collect()
    }

    #[test]
    fn quanteda_counts_each_category_leftmost_longest_over_its_own_tokens() {
        let s = set(
            Matching::Quanteda,
            &[
                ("s african", 0),
                ("s african*", 0),
                ("south african*", 0),
                ("sa", 0),
                ("mary", 1),
                ("co-operative*", 2),
                ("bank*", 2),
                ("a*", 3),
            ],
            &[],
        );
        let found = hits(
            &s,
            "The S African rand; South Africans, SA. MARY's bank’s co-operative!",
        );
        assert_eq!(texts(&found, 0), ["S African", "South Africans", "SA"]);
        // `mary's` is not `mary`; `bank’s` matches `bank*`; hyphenated words stay whole.
        assert!(texts(&found, 1).is_empty());
        assert_eq!(texts(&found, 2), ["bank’s", "co-operative"]);
        assert_eq!(texts(&found, 3), ["African", "Africans"]);
    }

    #[test]
    fn liwc_counts_the_one_most_specific_entry_in_all_its_categories() {
        let s = set(
            Matching::Liwc,
            &[
                ("like*", 0),
                ("liked", 1),
                ("liked", 2),
                ("kind of", 3),
                ("kind", 4),
            ],
            &[("kind of", 4)],
        );
        let found = hits(&s, "She liked it, likes MARY's kind of kind fun");
        assert_eq!(texts(&found, 0), ["likes"]);
        assert_eq!(texts(&found, 1), ["liked"]);
        assert_eq!(texts(&found, 2), ["liked"]);
        assert_eq!(texts(&found, 3), ["kind of"]);
        assert_eq!(texts(&found, 4), ["kind"]);
    }

    #[test]
    fn vader_looks_up_one_token_at_a_time_as_written() {
        let s = set(
            Matching::Vader,
            &[("ok", 0), (":)", 0), (":D", 0), ("great", 0), ("fed up", 1)],
            &[],
        );
        let found = hits(&s, "GREAT :) OK, ok :D fed up");
        assert_eq!(texts(&found, 0), ["GREAT", ":)", "ok"]);
        assert!(texts(&found, 1).is_empty());
    }

    #[test]
    fn lexicons_not_applied_find_nothing() {
        let s = set(Matching::Liwc, &[("hope", 0)], &[]);
        let mut out = Vec::new();
        s.find("hope", &|_| false, &mut ToolBuffers::default(), &mut out);
        assert!(out.is_empty());
    }
}
