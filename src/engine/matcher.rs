//! Lexicon matching: leftmost-longest term matches per category over the token sequence, within
//! sentences.

use crate::engine::compile::{LexiconSet, PatternId};
use crate::engine::hit::RawHit;
use crate::text::Sentence;

/// Reusable buffers for matching.
#[derive(Default)]
pub struct MatchBuffers {
    active: Vec<u32>,
    next: Vec<u32>,
    /// Best candidate per category at the current position: (category, end, specificity, term).
    best: Vec<(u32, u32, u32, u32)>,
    /// First token position where each category may match again (non-overlap within a category).
    free_from: Vec<u32>,
}

/// Finds every hit. `patterns(i)` gives the patterns token `i` satisfies. Within a category, the
/// longest match starting at the leftmost position wins (ties: the more specific term, then the
/// earlier one), and matches of one category never overlap; different categories may share tokens.
pub fn find_hits<'a>(
    set: &LexiconSet,
    sentences: &[Sentence],
    patterns: impl Fn(usize) -> &'a [PatternId],
    buffers: &mut MatchBuffers,
    out: &mut Vec<RawHit>,
) {
    out.clear();
    buffers.free_from.clear();
    buffers.free_from.resize(set.categories.len(), 0);
    for (s, sentence) in sentences.iter().enumerate() {
        let end = sentence.tokens.end as usize;
        for i in sentence.tokens.start as usize..end {
            if patterns(i).is_empty() {
                continue;
            }
            buffers.best.clear();
            buffers.active.clear();
            buffers.active.push(LexiconSet::ROOT);
            for j in i..end {
                buffers.next.clear();
                for &node in &buffers.active {
                    for &p in patterns(j) {
                        if let Some(child) = set.step(node, p) {
                            buffers.next.push(child);
                        }
                    }
                }
                if buffers.next.is_empty() {
                    break;
                }
                for &node in &buffers.next {
                    for &term in set.terms_at(node) {
                        let info = &set.terms[term as usize];
                        let candidate = (info.category, j as u32 + 1, info.specificity, term);
                        match buffers.best.iter_mut().find(|b| b.0 == info.category) {
                            None => buffers.best.push(candidate),
                            Some(b) => {
                                if (candidate.1, candidate.2, std::cmp::Reverse(candidate.3))
                                    > (b.1, b.2, std::cmp::Reverse(b.3))
                                {
                                    *b = candidate;
                                }
                            }
                        }
                    }
                }
                // Only nodes with children can go on to the next token.
                buffers.next.retain(|&node| set.has_children(node));
                if buffers.next.is_empty() {
                    break;
                }
                std::mem::swap(&mut buffers.active, &mut buffers.next);
            }
            buffers.best.sort_unstable_by_key(|b| b.0);
            for &(category, hit_end, _, term) in &buffers.best {
                let free = &mut buffers.free_from[category as usize];
                if i as u32 >= *free {
                    *free = hit_end;
                    out.push(RawHit {
                        first: i as u32,
                        end: hit_end,
                        term,
                        category,
                        sentence: s as u32,
                    });
                }
            }
        }
    }
}
