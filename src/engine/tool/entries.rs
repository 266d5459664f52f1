//! Matching dictionary entries over the tokens of another tool. An entry is a sequence of
//! patterns (exact, prefix, glob) shared by the terms of one or more categories. Two ways to pick
//! matches: each category its own leftmost-longest matches (quanteda), or one entry per position,
//! the longest and most specific, counting in every category it is in (LIWC, VADER).

use rustc_hash::FxHashMap;

use super::tokens::ToolToken;
use super::{ToolHit, ToolTerm};
use crate::lexicon::{glob_matches, Element};

/// How matches are picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Each category counts its own leftmost-longest matches; categories may share tokens.
    PerCategory,
    /// At each position the one best entry counts, in all its categories.
    PerEntry,
}

struct Entry {
    elements: Vec<Element>,
    /// The terms of this entry: (term, local category, stop phrase).
    terms: Vec<(u32, u32, bool)>,
    specificity: u32,
}

/// The entries of one lexicon, indexed by their first element.
pub struct EntryIndex {
    entries: Vec<Entry>,
    /// Global category index of each local one.
    categories: Vec<u32>,
    exact_first: FxHashMap<String, Vec<u32>>,
    prefix_first: FxHashMap<String, Vec<u32>>,
    /// The lengths (in characters) of the first prefixes, ascending.
    prefix_lengths: Vec<usize>,
    glob_first: Vec<u32>,
    pick: Pick,
}

fn specificity(e: &Element) -> u32 {
    match e {
        Element::Exact(_) => 3,
        Element::Stem(_) => 2,
        Element::Prefix(_) => 1,
        Element::Glob(_) => 0,
    }
}

fn matches(element: &Element, form: &str) -> bool {
    match element {
        Element::Exact(s) => form == s,
        Element::Prefix(p) => form.starts_with(p.as_str()),
        Element::Glob(g) => glob_matches(g, form),
        // A tool's dictionary has no stems.
        Element::Stem(_) => false,
    }
}

impl EntryIndex {
    pub fn new(terms: &[ToolTerm], pick: Pick) -> EntryIndex {
        let mut index = EntryIndex {
            entries: Vec::new(),
            categories: Vec::new(),
            exact_first: FxHashMap::default(),
            prefix_first: FxHashMap::default(),
            prefix_lengths: Vec::new(),
            glob_first: Vec::new(),
            pick,
        };
        let mut by_elements: FxHashMap<&[Element], u32> = FxHashMap::default();
        for term in terms {
            let local = match index.categories.iter().position(|&c| c == term.category) {
                Some(i) => i as u32,
                None => {
                    index.categories.push(term.category);
                    index.categories.len() as u32 - 1
                }
            };
            let id = *by_elements
                .entry(term.elements.as_slice())
                .or_insert_with(|| {
                    index.entries.push(Entry {
                        elements: term.elements.clone(),
                        terms: Vec::new(),
                        specificity: term.elements.iter().map(specificity).sum(),
                    });
                    index.entries.len() as u32 - 1
                });
            index.entries[id as usize]
                .terms
                .push((term.term, local, term.stop));
        }
        for (id, entry) in index.entries.iter().enumerate() {
            let id = id as u32;
            match &entry.elements[0] {
                Element::Exact(s) => index.exact_first.entry(s.clone()).or_default().push(id),
                Element::Prefix(p) => {
                    let len = p.chars().count();
                    if !index.prefix_lengths.contains(&len) {
                        index.prefix_lengths.push(len);
                    }
                    index.prefix_first.entry(p.clone()).or_default().push(id)
                }
                Element::Glob(_) => index.glob_first.push(id),
                Element::Stem(_) => {}
            }
        }
        index.prefix_lengths.sort_unstable();
        index
    }

    /// Every entry that matches at token `i`, with its length in tokens.
    fn candidates(&self, tokens: &[ToolToken], i: usize, out: &mut Vec<(u32, usize)>) {
        out.clear();
        let form = tokens[i].form.as_str();
        let mut firsts: Vec<u32> = Vec::new();
        if let Some(ids) = self.exact_first.get(form) {
            firsts.extend(ids);
        }
        if !self.prefix_lengths.is_empty() {
            let mut ends = form.char_indices().map(|(b, c)| b + c.len_utf8());
            let mut chars = 0;
            for &len in self.prefix_lengths.iter().filter(|&&l| l > 0) {
                let Some(end) = ends.by_ref().nth(len - chars - 1) else {
                    break;
                };
                chars = len;
                if let Some(ids) = self.prefix_first.get(&form[..end]) {
                    firsts.extend(ids);
                }
            }
            // The empty prefix, `*` alone, matches every form.
            if let Some(ids) = self.prefix_first.get("") {
                firsts.extend(ids);
            }
        }
        firsts.extend(
            self.glob_first
                .iter()
                .filter(|&&id| matches(&self.entries[id as usize].elements[0], form)),
        );
        for id in firsts {
            let elements = &self.entries[id as usize].elements;
            if i + elements.len() > tokens.len() {
                continue;
            }
            let rest_match = elements[1..]
                .iter()
                .zip(&tokens[i + 1..])
                .all(|(e, t)| matches(e, &t.form));
            if rest_match {
                out.push((id, elements.len()));
            }
        }
    }

    /// Every hit in `tokens`, appended to `out`.
    pub fn find(&self, tokens: &[ToolToken], out: &mut Vec<ToolHit>) {
        let mut candidates = Vec::new();
        match self.pick {
            Pick::PerEntry => {
                let mut i = 0;
                while i < tokens.len() {
                    self.candidates(tokens, i, &mut candidates);
                    let best = candidates.iter().max_by_key(|&&(id, len)| {
                        (
                            len,
                            self.entries[id as usize].specificity,
                            std::cmp::Reverse(id),
                        )
                    });
                    let Some(&(id, len)) = best else {
                        i += 1;
                        continue;
                    };
                    for &(term, local, stop) in &self.entries[id as usize].terms {
                        if !stop {
                            out.push(self.hit(tokens, i, len, term, local));
                        }
                    }
                    i += len;
                }
            }
            Pick::PerCategory => {
                let mut free_from = vec![0usize; self.categories.len()];
                // Best per local category at this position: (len, stop, specificity, term).
                let mut best: Vec<Option<(usize, bool, u32, u32)>> =
                    vec![None; self.categories.len()];
                for i in 0..tokens.len() {
                    self.candidates(tokens, i, &mut candidates);
                    if candidates.is_empty() {
                        continue;
                    }
                    best.iter_mut().for_each(|b| *b = None);
                    for &(id, len) in &candidates {
                        let entry = &self.entries[id as usize];
                        for &(term, local, stop) in &entry.terms {
                            let c = local as usize;
                            if free_from[c] > i {
                                continue;
                            }
                            let candidate = (len, stop, entry.specificity, term);
                            let better = best[c].is_none_or(|b| {
                                (len, stop, entry.specificity, std::cmp::Reverse(term))
                                    > (b.0, b.1, b.2, std::cmp::Reverse(b.3))
                            });
                            if better {
                                best[c] = Some(candidate);
                            }
                        }
                    }
                    for (c, b) in best.iter().enumerate() {
                        if let Some((len, stop, _, term)) = *b {
                            free_from[c] = i + len;
                            if !stop {
                                out.push(self.hit(tokens, i, len, term, c as u32));
                            }
                        }
                    }
                }
            }
        }
    }

    fn hit(&self, tokens: &[ToolToken], i: usize, len: usize, term: u32, local: u32) -> ToolHit {
        ToolHit {
            start: tokens[i].start,
            end: tokens[i + len - 1].end,
            term,
            category: self.categories[local as usize],
        }
    }
}
