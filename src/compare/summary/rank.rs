//! Which differences a summary names, in which order: ranked by strength of evidence (the
//! p-value before adjustment, which does not depend on how many categories share the family,
//! then the size of the difference), with the rows that lexicons sharing words make from the same words
//! folded into one finding.

use crate::compare::findings::{Comparison, KeyTerm, Row};

/// One difference as the summary names it: a row, the rows of other lexicons that the same
/// words make, and the words found in the texts with their counts on each side.
#[derive(Debug)]
pub struct Finding<'c> {
    pub row: &'c Row,
    pub also: Vec<&'c Row>,
    pub words: Vec<&'c KeyTerm>,
}

/// Words shown per finding.
pub const WORDS: usize = 3;

/// Rows of two lexicons are one finding when their words overlap this much (Jaccard).
const SAME_WORDS: f64 = 0.5;

/// The category rows of `c` that `keep` accepts, strongest evidence first, folded.
pub fn findings<'c>(c: &'c Comparison, keep: impl Fn(&Row) -> bool) -> Vec<Finding<'c>> {
    let mut rows: Vec<&Row> = c
        .rows
        .iter()
        .filter(|r| !r.tone && r.diff.is_some() && r.p.is_some() && keep(r))
        .collect();
    rows.sort_by(|x, y| {
        let size = |r: &Row| r.log2_ratio.map_or(0.0, f64::abs);
        x.p.unwrap_or(1.0)
            .total_cmp(&y.p.unwrap_or(1.0))
            .then(size(y).total_cmp(&size(x)))
            .then(x.lexicon.cmp(&y.lexicon))
            .then(x.category.cmp(&y.category))
    });
    let mut out: Vec<Finding> = Vec::new();
    for row in rows {
        let words = words_of(c, row);
        let same = out.iter_mut().find(|f| {
            f.row.lexicon != row.lexicon
                && f.also.iter().all(|r| r.lexicon != row.lexicon)
                && same_direction(f.row, row)
                && same_words(f, row, &words)
        });
        match same {
            Some(f) => f.also.push(row),
            None => out.push(Finding {
                row,
                also: Vec::new(),
                words,
            }),
        }
    }
    out
}

fn same_direction(x: &Row, y: &Row) -> bool {
    x.diff.unwrap_or(0.0).signum() == y.diff.unwrap_or(0.0).signum()
}

/// Whether `row` rests on the words of finding `f`: their words overlap, or without words,
/// the two rows count the same hits on each side.
fn same_words(f: &Finding, row: &Row, words: &[&KeyTerm]) -> bool {
    if f.words.is_empty() || words.is_empty() {
        return f.row.hits_a == row.hits_a && f.row.hits_b == row.hits_b;
    }
    let set = |terms: &[&KeyTerm]| -> Vec<String> {
        let mut w: Vec<String> = terms.iter().map(|k| k.words.clone()).collect();
        w.sort();
        w.dedup();
        w
    };
    let (a, b) = (set(&f.words), set(words));
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let union = a.len() + b.len() - shared;
    union > 0 && shared as f64 / union as f64 >= SAME_WORDS
}

/// The key terms of `row`'s category that favour the side using it more, strongest first.
fn words_of<'c>(c: &'c Comparison, row: &Row) -> Vec<&'c KeyTerm> {
    let favours = if row.diff.unwrap_or(0.0) >= 0.0 {
        &c.a
    } else {
        &c.b
    };
    c.keyness
        .iter()
        .filter(|k| k.lexicon == row.lexicon && k.category == row.category && k.favours == *favours)
        .take(WORDS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::findings::{Design, Measure, Sizes, Test};

    pub(crate) fn row(lexicon: &str, category: &str, p: f64, log2: f64, hits: (u64, u64)) -> Row {
        Row {
            lexicon: lexicon.into(),
            category: category.into(),
            tone: false,
            measure: Measure::RatePer1k,
            value_a: Some(1.0),
            value_b: Some(2.0),
            hits_a: Some(hits.0),
            hits_b: Some(hits.1),
            tokens_a: 100,
            tokens_b: 100,
            n_a: 10,
            n_b: 10,
            diff: Some(-1.0),
            ci: Some((-2.0, -0.5)),
            ratio: Some(0.5),
            log2_ratio: Some(log2),
            g2: Some(5.0),
            t: None,
            p: Some(p),
            p_adjusted: Some(p * 2.0),
            significant: true,
            test: Test::G2,
            family: lexicon.into(),
            primary: false,
        }
    }

    fn term(lexicon: &str, category: &str, words: &str) -> KeyTerm {
        KeyTerm {
            lexicon: lexicon.into(),
            category: category.into(),
            term: format!("~{words}"),
            words: words.into(),
            count_a: 0,
            count_b: 2,
            rate_a: None,
            rate_b: None,
            log2_ratio: None,
            g2: 3.0,
            p: 0.05,
            favours: "B".into(),
        }
    }

    #[test]
    fn strongest_evidence_first_and_lexicons_of_the_same_words_fold() {
        let c = Comparison {
            design: Design::Groups,
            a: "A".into(),
            b: "B".into(),
            story: None,
            members: Default::default(),
            resampled: "articles",
            sizes: Sizes::default(),
            cautions: Vec::new(),
            omnibus: Vec::new(),
            rows: vec![
                // A large ratio on weak evidence comes after strong evidence.
                row("crisis", "hope", 0.04, -4.0, (0, 2)),
                row("generic", "economic", 0.001, -1.0, (1, 9)),
                row("policy", "economic", 0.002, -1.0, (1, 9)),
                row("crisis", "threat", 0.01, -2.0, (1, 5)),
            ],
            keyness: vec![
                term("generic", "economic", "costs"),
                term("generic", "economic", "jobs"),
                term("policy", "economic", "costs"),
                term("policy", "economic", "jobs"),
                term("crisis", "hope", "hope"),
            ],
            profiles: Vec::new(),
        };
        let found = findings(&c, |_| true);
        let names: Vec<String> = found.iter().map(|f| f.row.key()).collect();
        assert_eq!(names, ["generic.economic", "crisis.threat", "crisis.hope"]);
        assert_eq!(found[0].also.len(), 1);
        assert_eq!(found[0].also[0].key(), "policy.economic");
        assert_eq!(found[0].words.len(), 2);
        assert_eq!(found[0].words[0].words, "costs");
    }
}
