//! Families of tests and their adjustment. Within each comparison, each lexicon's categories
//! are one family, the tone is one, and the categories of the user's hypothesis (`--focus`),
//! taken out of their lexicons, are the primary family; the lexicons' omnibus tests are one
//! more. p-values are adjusted within their family, so that adding or dropping a lexicon does
//! not move the answer about another. A difference is significant when its adjusted p is below
//! alpha and its interval excludes 0.

use std::collections::BTreeMap;

use super::findings::Comparison;
use super::options::{Adjustment, Options};
use super::stats;

/// The family of the primary hypothesis.
pub const FOCUS: &str = "focus";
/// The family of the tone row (apart from the tone lexicon's categories, whose family is
/// named after the lexicon).
pub const TONE: &str = "tone_score";

/// Assigns each row of `comparison` its family, adjusts every family's p-values and decides
/// what is significant; `focus` holds the row keys of the primary hypothesis.
pub fn adjust_comparison(comparison: &mut Comparison, focus: &[String], options: &Options) {
    for row in &mut comparison.rows {
        row.primary = focus.contains(&row.key());
        row.family = if row.primary {
            FOCUS.to_string()
        } else if row.tone {
            TONE.to_string()
        } else {
            row.lexicon.clone()
        };
    }
    let mut families: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, row) in comparison.rows.iter().enumerate() {
        families.entry(row.family.clone()).or_default().push(i);
    }
    for members in families.values() {
        let p: Vec<Option<f64>> = members.iter().map(|&i| comparison.rows[i].p).collect();
        for (&i, adjusted) in members.iter().zip(adjust(&p, options.adjust)) {
            comparison.rows[i].p_adjusted = adjusted;
        }
    }
    for row in &mut comparison.rows {
        let interval_agrees = match row.ci {
            Some(_) => row.interval_excludes_zero(),
            None => options.bootstrap == 0,
        };
        row.significant = row.p_adjusted.is_some_and(|p| p < options.alpha) && interval_agrees;
    }
    let p: Vec<Option<f64>> = comparison.omnibus.iter().map(|o| Some(o.p)).collect();
    for (test, adjusted) in comparison
        .omnibus
        .iter_mut()
        .zip(adjust(&p, options.adjust))
    {
        test.p_adjusted = adjusted;
        test.significant = adjusted.is_some_and(|p| p < options.alpha);
    }
}

/// p-values adjusted by `method`, in the order given; `None` entries are not tested.
pub fn adjust(p: &[Option<f64>], method: Adjustment) -> Vec<Option<f64>> {
    match method {
        Adjustment::BenjaminiHochberg => stats::benjamini_hochberg(p),
        Adjustment::Holm => stats::holm(p),
        Adjustment::None => p.to_vec(),
    }
}

/// How many tests share a row's family in its comparison.
pub fn family_size(comparison: &Comparison, family: &str) -> usize {
    comparison
        .rows
        .iter()
        .filter(|r| r.family == family && r.p.is_some())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::findings::{Design, Measure, Row, Sizes, Test};

    fn row(lexicon: &str, category: &str, p: f64, ci: (f64, f64)) -> Row {
        Row {
            lexicon: lexicon.into(),
            category: category.into(),
            tone: category == "tone",
            measure: Measure::RatePer1k,
            value_a: Some(1.0),
            value_b: Some(0.0),
            hits_a: None,
            hits_b: None,
            tokens_a: 100,
            tokens_b: 100,
            n_a: 10,
            n_b: 10,
            diff: Some(1.0),
            ci: Some(ci),
            ratio: None,
            log2_ratio: None,
            g2: None,
            t: None,
            p: Some(p),
            p_adjusted: None,
            significant: false,
            test: Test::G2,
            family: String::new(),
            primary: false,
        }
    }

    fn comparison(rows: Vec<Row>) -> Comparison {
        Comparison {
            design: Design::Articles,
            a: "A".into(),
            b: "B".into(),
            story: None,
            members: Default::default(),
            resampled: "sentences",
            sizes: Sizes::default(),
            cautions: Vec::new(),
            omnibus: Vec::new(),
            rows,
            keyness: Vec::new(),
            profiles: Vec::new(),
        }
    }

    fn adjusted(c: &Comparison) -> Vec<f64> {
        c.rows
            .iter()
            .map(|r| (r.p_adjusted.unwrap() * 1e9).round() / 1e9)
            .collect()
    }

    #[test]
    fn each_lexicon_and_the_tone_are_families_of_their_own() {
        let rows = vec![
            row("crisis", "hope", 0.01, (1.0, 2.0)),
            row("crisis", "threat", 0.04, (1.0, 2.0)),
            row("stance", "attribution", 0.03, (1.0, 2.0)),
            row("stance", "emotive", 0.2, (-1.0, 2.0)),
            row("tone", "tone", 0.02, (0.1, 0.2)),
        ];
        let mut c = comparison(rows.clone());
        adjust_comparison(&mut c, &[], &Options::default());
        // Benjamini–Hochberg within crisis (0.01, 0.04: 2·0.01/1 = 0.02, 0.04), within stance
        // (0.03, 0.2: 2·0.03/1 = 0.06, 0.2), tone alone (0.02).
        assert_eq!(adjusted(&c), [0.02, 0.04, 0.06, 0.2, 0.02]);
        let families: Vec<&str> = c.rows.iter().map(|r| r.family.as_str()).collect();
        assert_eq!(families, ["crisis", "crisis", "stance", "stance", TONE]);
        let significant: Vec<bool> = c.rows.iter().map(|r| r.significant).collect();
        assert_eq!(significant, [true, true, false, false, true]);

        // Holm within the same families: crisis 2·0.01 = 0.02, max(0.02, 0.04) = 0.04; stance
        // 2·0.03 = 0.06, 0.2.
        let mut holm = comparison(rows.clone());
        let options = Options {
            adjust: Adjustment::Holm,
            ..Options::default()
        };
        adjust_comparison(&mut holm, &[], &options);
        assert_eq!(adjusted(&holm), [0.02, 0.04, 0.06, 0.2, 0.02]);

        // Dropping a lexicon leaves the others' answers as they were.
        let mut fewer = comparison(rows[..2].to_vec());
        adjust_comparison(&mut fewer, &[], &Options::default());
        assert_eq!(adjusted(&fewer), [0.02, 0.04]);
    }

    #[test]
    fn the_focus_is_a_primary_family_and_the_rest_exploratory() {
        let mut c = comparison(vec![
            row("crisis", "hope", 0.03, (1.0, 2.0)),
            row("crisis", "threat", 0.01, (1.0, 2.0)),
            row("crisis", "security", 0.5, (-1.0, 2.0)),
        ]);
        adjust_comparison(&mut c, &["crisis.hope".into()], &Options::default());
        // hope alone in its family keeps p = 0.03; threat and security: 0.02, 0.5.
        assert_eq!(adjusted(&c), [0.03, 0.02, 0.5]);
        assert!(c.rows[0].primary && !c.rows[1].primary);
        assert_eq!(c.rows[0].family, FOCUS);
        assert_eq!(family_size(&c, "crisis"), 2);
    }

    #[test]
    fn an_interval_that_includes_zero_is_never_significant() {
        let mut c = comparison(vec![row("crisis", "hope", 0.001, (-0.5, 2.0))]);
        adjust_comparison(&mut c, &[], &Options::default());
        assert!(!c.rows[0].significant);
        let mut none = comparison(vec![row("crisis", "hope", 0.04, (0.5, 2.0))]);
        let options = Options {
            adjust: Adjustment::None,
            ..Options::default()
        };
        adjust_comparison(&mut none, &[], &options);
        assert_eq!(none.rows[0].p_adjusted, Some(0.04));
        assert!(none.rows[0].significant);
    }
}
