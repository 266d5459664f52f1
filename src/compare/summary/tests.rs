//! The wording rules: what a summary says of a difference, given its interval and test.

use super::*;
use crate::compare::data::Schema;
use crate::compare::findings::{Sizes, Test};

fn row(category: &str, va: f64, vb: f64, ci: (f64, f64), p: f64, p_adjusted: f64) -> Row {
    Row {
        lexicon: "crisis".into(),
        category: category.into(),
        tone: false,
        measure: Measure::RatePer1k,
        value_a: Some(va),
        value_b: Some(vb),
        hits_a: Some(2),
        hits_b: Some(6),
        tokens_a: 200,
        tokens_b: 200,
        n_a: 12,
        n_b: 12,
        diff: Some(va - vb),
        ci: Some(ci),
        ratio: (vb > 0.0).then(|| va / vb),
        log2_ratio: Some((va / vb).log2()),
        g2: Some(4.0),
        t: None,
        p: Some(p),
        p_adjusted: Some(p_adjusted),
        significant: p_adjusted < 0.05 && (ci.0 > 0.0 || ci.1 < 0.0),
        test: Test::G2,
        family: "crisis".into(),
        primary: false,
    }
}

fn comparison(rows: Vec<Row>) -> Comparison {
    Comparison {
        design: Design::Articles,
        a: "wire".into(),
        b: "op-ed".into(),
        story: None,
        members: Default::default(),
        resampled: "sentences",
        sizes: Sizes {
            articles_a: 1,
            articles_b: 1,
            sentences_a: 12,
            sentences_b: 12,
            stories: 0,
        },
        cautions: Vec::new(),
        omnibus: Vec::new(),
        rows,
        keyness: Vec::new(),
        profiles: Vec::new(),
    }
}

fn report(c: Comparison) -> Report {
    Report {
        schema: Schema::default(),
        unit: None,
        comparisons: vec![c],
        baseline: None,
        bootstrap: 2000,
        seed: 1,
        confidence: 0.95,
        alpha: 0.05,
        adjust: Adjustment::BenjaminiHochberg,
        focus: Vec::new(),
        keyness: true,
        notes: Vec::new(),
    }
}

#[test]
fn an_interval_that_excludes_zero_is_never_called_no_difference() {
    let c = comparison(vec![
        row("hope", 10.0, 30.0, (-35.0, -4.0), 0.03, 0.09),
        row("threat", 5.0, 6.0, (-8.0, 6.0), 0.8, 0.8),
    ]);
    let r = report(c.clone());
    let hope = describe(&c, &c.rows[0], &r);
    assert!(
        hope.contains("op-ed uses crisis.hope language 3.0x as often as wire")
            && hope.contains("95% CI -35.0 to -4.00")
            && hope.ends_with(
                "not significant after Benjamini–Hochberg adjustment for the 2 tests of `crisis`, though the interval excludes 0"
            ),
        "{hope}"
    );
    let threat = describe(&c, &c.rows[1], &r);
    assert!(
        threat.ends_with("not significant after Benjamini–Hochberg adjustment for the 2 tests of `crisis`; the interval includes 0"),
        "{threat}"
    );
    let lines = comparison_lines(&c, &r).join("\n");
    assert!(!lines.contains("no significant difference"), "{lines}");
}

#[test]
fn when_nothing_passes_the_largest_are_named_with_the_length_needed() {
    let c = comparison(vec![
        row("threat", 5.0, 6.0, (-8.0, 6.0), 0.8, 0.8),
        row("hope", 10.0, 30.0, (-35.0, -4.0), 0.03, 0.09),
    ]);
    let lines = comparison_lines(&c, &report(c.clone()));
    let text = lines.join("\n");
    assert!(
        text.contains("No category difference is significant (2 tested; Benjamini–Hochberg adjustment within each lexicon, α = 0.05). The largest, strongest evidence first:"),
        "{text}"
    );
    // Strongest evidence first: hope (p = 0.03) before threat (p = 0.8).
    let first = lines.iter().position(|l| l.starts_with("1. ")).unwrap();
    assert!(lines[first].contains("crisis.hope"), "{text}");
    assert!(lines[first + 1].contains("crisis.threat"), "{text}");
    // The detectable ratio is quoted for the strongest: 8 hits in 400 tokens, 20 per 1,000.
    assert!(
        text.contains("How large a difference these texts can show: at 200 and 200 tokens, crisis.hope (used 20.0 times per 1,000 tokens across both) would have to be about"),
        "{text}"
    );
    assert!(text.contains("a doubling would need about"), "{text}");
}

#[test]
fn a_significant_difference_says_so_and_a_tone_row_agrees_with_its_interval() {
    let mut tone = row("tone", -0.2, 0.2, (-0.6, -0.1), 0.2, 0.2);
    tone.tone = true;
    tone.g2 = None;
    tone.family = "tone_score".into();
    let c = comparison(vec![
        row("hope", 10.0, 40.0, (-45.0, -12.0), 0.001, 0.002),
        tone,
    ]);
    let r = report(c.clone());
    let lines = comparison_lines(&c, &r).join("\n");
    assert!(
        lines.contains("Largest differences, strongest evidence first (1 of 1 significant):"),
        "{lines}"
    );
    assert!(lines.contains("): significant."), "{lines}");
    // Welch's p is above α while the interval excludes 0: said as it is.
    assert!(
        lines.contains("Tone: op-ed reads more positive than wire here")
            && lines.contains("not significant, though the interval excludes 0"),
        "{lines}"
    );
}

#[test]
fn numbers_and_levels_read_as_written() {
    assert_eq!(short_number(1.0 - 0.95), "0.05");
    assert_eq!(short_number(0.95 * 100.0), "95");
    assert_eq!(num(-0.0001), "0.00");
    assert_eq!(thousands(1_234_567), "1,234,567");
}

#[test]
fn the_terminal_says_when_a_p_value_passes_but_the_interval_does_not() {
    let c = comparison(vec![
        row("hope", 10.0, 40.0, (-45.0, 3.0), 0.01, 0.02),
        row("threat", 10.0, 12.0, (-8.0, 4.0), 0.4, 0.4),
    ]);
    let r = report(c);
    let text = terminal(&r, &[], 1, 400);
    assert!(
        text.contains("p passes but the interval includes 0: not called significant"),
        "{text}"
    );
    let threat = text.lines().find(|l| l.contains("crisis.threat")).unwrap();
    assert!(threat.contains("): not significant"), "{text}");
}
