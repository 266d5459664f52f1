//! AFINN's matching: the text lower-cased with its runs of whitespace made one space; at each
//! word boundary, the longest entry that starts there and ends at a word boundary, across all
//! categories; the scan goes on after it. Word boundaries are those of Python's `\b`.

use rustc_hash::FxHashMap;

use super::tokens::is_word_char;
use super::{ToolHit, ToolTerm};
use crate::lexicon::Element;

struct Entry {
    text: String,
    /// (term, category, stop phrase).
    terms: Vec<(u32, u32, bool)>,
}

pub struct AfinnIndex {
    entries: Vec<Entry>,
    /// Entries by their first run of word characters, longest first.
    by_first_run: FxHashMap<String, Vec<u32>>,
    /// Entries that begin with another character, longest first.
    others: Vec<u32>,
}

/// The text an entry matches: its words joined by single spaces.
fn entry_text(elements: &[Element]) -> String {
    elements
        .iter()
        .map(|e| match e {
            Element::Exact(s) | Element::Prefix(s) | Element::Stem(s) | Element::Glob(s) => {
                s.as_str()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn first_run(s: &str) -> &str {
    let end = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
    &s[..end]
}

impl AfinnIndex {
    pub fn new(terms: &[ToolTerm]) -> AfinnIndex {
        let mut entries: Vec<Entry> = Vec::new();
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        for term in terms {
            let text = entry_text(&term.elements);
            let id = *ids.entry(text.clone()).or_insert_with(|| {
                entries.push(Entry {
                    text,
                    terms: Vec::new(),
                });
                entries.len() as u32 - 1
            });
            entries[id as usize]
                .terms
                .push((term.term, term.category, term.stop));
        }
        let mut by_first_run: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut others = Vec::new();
        for (id, entry) in entries.iter().enumerate() {
            match first_run(&entry.text) {
                "" => others.push(id as u32),
                run => by_first_run
                    .entry(run.to_string())
                    .or_default()
                    .push(id as u32),
            }
        }
        // Longest first, as AFINN orders its pattern; equal lengths keep the file's order.
        let length = |id: &u32| std::cmp::Reverse(entries[*id as usize].text.chars().count());
        by_first_run
            .values_mut()
            .for_each(|v| v.sort_by_key(length));
        others.sort_by_key(length);
        AfinnIndex {
            entries,
            by_first_run,
            others,
        }
    }

    /// Every hit in `text`, appended to `out`.
    pub fn find(&self, text: &str, out: &mut Vec<ToolHit>) {
        let (norm, origin) = normalise(text);
        let chars: Vec<(usize, char)> = norm.char_indices().collect();
        let word_at = |k: usize| chars.get(k).is_some_and(|&(_, c)| is_word_char(c));
        let boundary = |k: usize| (k > 0 && word_at(k - 1)) != word_at(k);
        // Character index of each byte offset that starts a character.
        let char_index: FxHashMap<usize, usize> = chars
            .iter()
            .enumerate()
            .map(|(k, &(b, _))| (b, k))
            .collect();
        let mut k = 0;
        while k < chars.len() {
            if !boundary(k) {
                k += 1;
                continue;
            }
            let at = chars[k].0;
            let rest = &norm[at..];
            let candidates = if word_at(k) {
                self.by_first_run.get(first_run(rest))
            } else {
                None
            };
            let candidates = candidates.map(Vec::as_slice).unwrap_or(if word_at(k) {
                &[]
            } else {
                &self.others
            });
            let found = candidates.iter().find_map(|&id| {
                let entry = &self.entries[id as usize];
                if !rest.starts_with(entry.text.as_str()) {
                    return None;
                }
                let end = at + entry.text.len();
                let end_k = if end == norm.len() {
                    chars.len()
                } else {
                    *char_index.get(&end)?
                };
                boundary(end_k).then_some((id, end, end_k))
            });
            match found {
                Some((id, end, end_k)) => {
                    for &(term, category, stop) in &self.entries[id as usize].terms {
                        if !stop {
                            out.push(ToolHit {
                                start: origin[at],
                                end: origin[end],
                                term,
                                category,
                            });
                        }
                    }
                    k = end_k.max(k + 1);
                }
                None => k += 1,
            }
        }
    }
}

/// `text` lower-cased with each run of whitespace made one space, and for each byte offset of
/// the result (and its end) the byte offset of the original character it came from.
fn normalise(text: &str) -> (String, Vec<u32>) {
    let mut norm = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                norm.push(' ');
                origin.push(i as u32);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        for lower in c.to_lowercase() {
            let before = norm.len();
            norm.push(lower);
            origin.extend(std::iter::repeat_n(i as u32, norm.len() - before));
        }
    }
    // A hit that ends with the text ends at the text's end.
    origin.push(text.len() as u32);
    (norm, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(entries: &[(&str, u32)]) -> AfinnIndex {
        let terms: Vec<ToolTerm> = entries
            .iter()
            .enumerate()
            .map(|(i, (text, category))| ToolTerm {
                term: i as u32,
                category: *category,
                elements: text
                    .split(' ')
                    .map(|w| Element::Exact(w.to_string()))
                    .collect(),
                stop: false,
            })
            .collect();
        AfinnIndex::new(&terms)
    }

    fn found(index: &AfinnIndex, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        index.find(text, &mut out);
        out.iter()
            .map(|h| text[h.start as usize..h.end as usize].to_string())
            .collect()
    }

    #[test]
    fn the_longest_entry_wins_at_word_boundaries_across_categories() {
        let i = index(&[
            ("good", 0),
            ("not good", 1),
            ("kind", 0),
            ("kind of", 2),
            ("free", 0),
        ]);
        assert_eq!(
            found(&i, "It was NOT  good, a kind of joke; kindness; tax-free."),
            ["NOT  good", "kind of", "free"]
        );
    }

    #[test]
    fn apostrophes_and_emoticons_need_their_boundaries() {
        let i = index(&[("can't stand", 0), (":)", 0), ("can", 1)]);
        assert_eq!(found(&i, "I can't stand it :) can"), ["can't stand", "can"]);
        // `\b` before `:` needs a word character before it, as in Python.
        assert_eq!(found(&i, "x:)y"), [":)"]);
        assert!(found(&i, "x:)").is_empty());
    }
}
