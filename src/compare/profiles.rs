//! Frame profiles of two sides: how alike their category rates are within each frame lexicon
//! (and over all of them), and which frame dominates each side.

use std::ops::Range;

use super::data::Schema;
use super::findings::Profile;
use super::side::Side;
use super::stats;

/// One profile per frame lexicon, then one over `all` of them when there are several. A learned
/// lexicon's profile is of its mean fitted probabilities, and its dominant category the one of
/// highest mean probability from 0.5 on (as in `articles.csv`); probabilities do not join the
/// rates of `all`.
pub(super) fn profiles(a: &Side, b: &Side, schema: &Schema) -> Vec<Profile> {
    let values = |s: &Side, range: Range<usize>| {
        range
            .map(|c| s.value(c).unwrap_or(0.0))
            .collect::<Vec<f64>>()
    };
    let dominant = |s: &Side, range: Range<usize>, learned: bool| {
        // How strongly category c holds on the side: above 0 when it does.
        let strength = |c: usize| match learned {
            true => s.value(c).map_or(0.0, |p| p - 0.5 + f64::EPSILON),
            false => s.scores[c],
        };
        let mut best: Option<(usize, f64)> = None;
        for c in range {
            let x = strength(c);
            if x > 0.0 && best.is_none_or(|(_, b)| x > b) {
                best = Some((c, x));
            }
        }
        best.map(|(c, _)| schema.categories[c].name.clone())
    };
    let mut out = Vec::new();
    let (mut all_a, mut all_b) = (Vec::new(), Vec::new());
    let mut rate_lexicons = 0;
    for lexicon in schema.lexicons.iter().filter(|l| !l.tone) {
        let learned = schema.is_learned(lexicon);
        let (va, vb) = (
            values(a, lexicon.categories.clone()),
            values(b, lexicon.categories.clone()),
        );
        out.push(Profile {
            lexicon: lexicon.id.clone(),
            cosine: stats::cosine(&va, &vb),
            dominant_a: dominant(a, lexicon.categories.clone(), learned),
            dominant_b: dominant(b, lexicon.categories.clone(), learned),
        });
        if !learned {
            rate_lexicons += 1;
            all_a.extend(va);
            all_b.extend(vb);
        }
    }
    if rate_lexicons > 1 {
        out.push(Profile {
            lexicon: "all".into(),
            cosine: stats::cosine(&all_a, &all_b),
            dominant_a: None,
            dominant_b: None,
        });
    }
    out
}
