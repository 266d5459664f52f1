//! Frame profiles of two sides: how alike their category rates are within each frame lexicon
//! (and over all of them), and which frame dominates each side.

use std::ops::Range;

use super::data::Schema;
use super::findings::Profile;
use super::side::Side;
use super::stats;

/// One profile per frame lexicon, then one over `all` of them when there are several.
pub(super) fn profiles(a: &Side, b: &Side, schema: &Schema) -> Vec<Profile> {
    let rates = |s: &Side, range: Range<usize>| {
        range
            .map(|c| s.rate(c).unwrap_or(0.0))
            .collect::<Vec<f64>>()
    };
    let dominant = |s: &Side, range: Range<usize>| {
        let mut best: Option<usize> = None;
        for c in range {
            if s.scores[c] > 0.0 && best.is_none_or(|x| s.scores[c] > s.scores[x]) {
                best = Some(c);
            }
        }
        best.map(|c| schema.categories[c].name.clone())
    };
    let mut out = Vec::new();
    let (mut all_a, mut all_b) = (Vec::new(), Vec::new());
    for lexicon in schema.lexicons.iter().filter(|l| !l.tone) {
        let (ra, rb) = (
            rates(a, lexicon.categories.clone()),
            rates(b, lexicon.categories.clone()),
        );
        out.push(Profile {
            lexicon: lexicon.id.clone(),
            cosine: stats::cosine(&ra, &rb),
            dominant_a: dominant(a, lexicon.categories.clone()),
            dominant_b: dominant(b, lexicon.categories.clone()),
        });
        all_a.extend(ra);
        all_b.extend(rb);
    }
    if out.len() > 1 {
        out.push(Profile {
            lexicon: "all".into(),
            cosine: stats::cosine(&all_a, &all_b),
            dominant_a: None,
            dominant_b: None,
        });
    }
    out
}
