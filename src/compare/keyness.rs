//! Keyness: the lexicon terms that distinguish one side from the other within each category,
//! ranked by Dunning's G², the strongest few kept for each side. In a learned category (a
//! lexicon written by `framescope learn`) a term of negative weight lowers the probability: a
//! side that uses it more is not for that reason more in the category, so such terms are left
//! out and the key terms of a learned category are those that raise it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::data::Observations;
use super::findings::KeyTerm;
use super::side::{rate, Side};
use super::stats;

/// Forms of a term shown as its words.
const WORDS_SHOWN: usize = 3;

/// Per category, up to `keep` terms that side `a` uses more, then up to `keep` that `b` uses
/// more, each by G² from the largest.
pub(super) fn key_terms(a: &Side, b: &Side, obs: &Observations, keep: usize) -> Vec<KeyTerm> {
    let schema = &obs.schema;
    let mut by_category: BTreeMap<u32, Vec<KeyTerm>> = BTreeMap::new();
    let mut ids: Vec<u32> = a.terms.keys().chain(b.terms.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let term = &obs.terms[id as usize];
        if term.negative && schema.categories[term.category as usize].learned() {
            continue;
        }
        let (ca, cb) = (
            a.terms.get(&id).copied().unwrap_or(0),
            b.terms.get(&id).copied().unwrap_or(0),
        );
        let Some(g2) = stats::g2(ca, a.tokens, cb, b.tokens) else {
            continue;
        };
        let (ra, rb) = (rate(ca, a.tokens), rate(cb, b.tokens));
        let favours = match ra.partial_cmp(&rb) {
            Some(Ordering::Greater) => &a.label,
            Some(Ordering::Less) => &b.label,
            _ => continue,
        };
        let category = &schema.categories[term.category as usize];
        by_category.entry(term.category).or_default().push(KeyTerm {
            lexicon: category.lexicon.clone(),
            category: category.name.clone(),
            term: term.text.clone(),
            words: obs.words_of(id, WORDS_SHOWN),
            count_a: ca,
            count_b: cb,
            rate_a: ra,
            rate_b: rb,
            log2_ratio: stats::log2_ratio(ca, a.tokens, cb, b.tokens),
            g2,
            p: stats::chi2_1_sf(g2),
            favours: favours.clone(),
        });
    }
    let mut out = Vec::new();
    for (_, mut terms) in by_category {
        terms.sort_by(|x, y| {
            (x.favours != a.label)
                .cmp(&(y.favours != a.label))
                .then(y.g2.total_cmp(&x.g2))
                .then(x.term.cmp(&y.term))
        });
        let mut kept = [0usize; 2];
        for t in terms {
            let side = (t.favours != a.label) as usize;
            if kept[side] < keep {
                kept[side] += 1;
                out.push(t);
            }
        }
    }
    out
}
