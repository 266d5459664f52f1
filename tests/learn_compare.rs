//! Comparisons of a learned lexicon: its categories are compared on what `articles.csv` holds
//! for them, each article's fitted probability (the mean over articles, Welch's t over the
//! articles of two groups, the paired t over stories), never on a rate of matches; and
//! `compare` of the output folder finds the same numbers.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::coded::{articles, setup};
use common::*;

/// Articles of two outlets on eight stories: `hawks` carries most of the articles coded for
/// conflict, `doves` most of the others.
fn write_corpus(dir: &Path) {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "outlet", "story", "date", "text"])
        .unwrap();
    for (k, (id, text, conflict, _)) in articles(2000, 120, 13).into_iter().enumerate() {
        let hawkish = (conflict == 1) != (k % 6 == 0);
        let outlet = if hawkish { "hawks" } else { "doves" };
        let date = format!("2024-0{}-1{}", 3 + k % 2, k % 8);
        w.write_record([id.as_str(), outlet, &format!("s{}", k % 8), &date, &text])
            .unwrap();
    }
    write(dir, "corpus.csv", w.into_inner().unwrap());
}

fn run_ok(dir: &Path, args: &[&str]) {
    let out = run_in(dir, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
}

type Rows = Vec<HashMap<String, String>>;

/// The rows of `rows` of lexicon `mine`, category `conflict`, in design `design`.
fn learned_rows<'a>(rows: &'a Rows, design: &str) -> Vec<&'a HashMap<String, String>> {
    rows.iter()
        .filter(|r| r["design"] == design && r["lexicon"] == "mine" && r["category"] == "conflict")
        .collect()
}

#[test]
fn learned_categories_are_compared_on_their_probabilities_and_compare_finds_the_same() {
    let dir = setup();
    let d = dir.path();
    run_ok(
        d,
        &[
            "learn",
            "coded.csv",
            "--gold",
            "coded.csv",
            "--gold-col",
            "conflict=start.conflict",
            "--gold-col",
            "money",
            "--id",
            "mine",
            "--quiet",
        ],
    );
    write_corpus(d);
    let analyze = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "analyze",
            "corpus.csv",
            "--lexicon",
            "lexicons/mine.toml",
            "--out",
            out,
            "--no-charts",
            "--quiet",
        ];
        args.extend_from_slice(extra);
        run_ok(d, &args);
    };
    analyze("out", &[]);

    let scored = read_csv(&d.join("out/articles.csv"));
    let rows = read_csv(&d.join("out/comparison.csv"));
    let column = |r: &HashMap<String, String>, name: &str| r[name].clone();
    // The groups design: the mean of the probabilities articles.csv holds, Welch's t over the
    // articles, a bootstrap interval, and none of the statistics of counts.
    let groups = learned_rows(&rows, "groups");
    assert_eq!(groups.len(), 1, "{rows:?}");
    let g = groups[0];
    assert_eq!(g["measure"], "mean_probability");
    assert_eq!(g["test"], "Welch t");
    assert_eq!(g["family"], "mine");
    for empty in ["ratio", "log2_ratio", "g2", "hits_a", "hits_b", "df"] {
        assert_eq!(g[empty], "", "{empty} of a probability");
    }
    for (side, value, n) in [("a", "value_a", "n_a"), ("b", "value_b", "n_b")] {
        let members: Vec<f64> = scored
            .iter()
            .filter(|a| a["group"] == g[side])
            .map(|a| num(a, "mine.conflict"))
            .collect();
        assert!(members.iter().all(|p| *p > 0.0 && *p < 1.0));
        let mean = members.iter().sum::<f64>() / members.len() as f64;
        assert!((num(g, value) - mean).abs() < 1e-4, "{side}: {g:?}");
        assert_eq!(num(g, n) as usize, members.len());
    }
    let (diff, low, high) = (num(g, "diff"), num(g, "ci_low"), num(g, "ci_high"));
    assert!(low < diff && diff < high, "{g:?}");
    assert!((num(g, "value_a") - num(g, "value_b") - diff).abs() < 2e-4);
    // Hawks carry the conflict: a large difference, found by the t-test and the interval.
    let hawks_first = g["a"] == "hawks";
    assert_eq!(diff > 0.0, hawks_first, "{g:?}");
    assert!(diff.abs() > 0.2, "{g:?}");
    assert!(num(g, "t").abs() > 3.0 && num(g, "p_value") < 0.01, "{g:?}");
    assert_eq!(g["significant"], "true");
    // No omnibus test of counts for a lexicon of probabilities; the tone row is a mean tone.
    assert!(
        !rows
            .iter()
            .any(|r| r["lexicon"] == "mine" && r["family"] == "omnibus"),
        "no omnibus for mine"
    );
    for r in rows.iter().filter(|r| r["lexicon"] != "mine") {
        let expected = match r["category"].as_str() {
            "tone" => "mean_tone",
            _ => "rate_per_1k",
        };
        assert_eq!(r["measure"], expected, "{r:?}");
    }

    // The stories design: the paired t-test over the per-story differences of mean probability.
    let stories = learned_rows(&rows, "stories");
    assert_eq!(stories.len(), 1);
    let s = stories[0];
    assert_eq!(
        (column(s, "measure"), column(s, "test")),
        ("mean_probability".into(), "paired t".into())
    );
    assert_eq!(num(s, "n_a"), 8.0, "eight stories");
    assert!(num(s, "p_value") < 0.05, "{s:?}");
    assert!(num(s, "value_a") > 0.0 && num(s, "value_a") < 1.0);
    assert_eq!(s["g2"], "");

    // One story's articles of the two outlets: Welch's t over them, an interval that resamples
    // them (their sentences are not what a probability is of).
    let same_story = learned_rows(&rows, "articles");
    assert_eq!(same_story.len(), 8, "one per story");
    for r in same_story {
        assert_eq!(
            (r["measure"].as_str(), r["test"].as_str()),
            ("mean_probability", "Welch t")
        );
        let (diff, low, high) = (num(r, "diff"), num(r, "ci_low"), num(r, "ci_high"));
        assert!(low <= diff && diff <= high, "{r:?}");
        assert!((0.0..=1.0).contains(&num(r, "p_value")), "{r:?}");
        assert!(num(r, "n_a") >= 2.0 && num(r, "n_b") >= 2.0);
    }

    // Two single articles: one probability each, their difference, and no test.
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "text"]).unwrap();
    for (id, text, _, _) in articles(3000, 2, 14) {
        w.write_record([id, text]).unwrap();
    }
    write(d, "two.csv", w.into_inner().unwrap());
    run_ok(
        d,
        &[
            "analyze",
            "two.csv",
            "--lexicon",
            "lexicons/mine.toml",
            "--out",
            "two",
            "--no-charts",
            "--quiet",
        ],
    );
    let two = read_csv(&d.join("two/comparison.csv"));
    let single = learned_rows(&two, "articles");
    assert_eq!(single.len(), 1, "{two:?}");
    let r = single[0];
    assert_eq!(r["measure"], "mean_probability");
    assert_eq!((r["p_value"].as_str(), r["ci_low"].as_str()), ("", ""));
    assert_eq!(r["significant"], "false");
    let probabilities = read_csv(&d.join("two/articles.csv"));
    assert_eq!(num(r, "value_a"), num(&probabilities[0], "mine.conflict"));

    // Over time, a learned category's `rate` is its articles' mean probability, with an interval.
    let series = read_csv(&d.join("out/timeseries.csv"));
    let learned: Vec<_> = series
        .iter()
        .filter(|r| r["category"] == "mine.conflict")
        .collect();
    assert!(
        learned.len() >= 4,
        "two outlets, two months at least: {series:?}"
    );
    for r in &learned {
        assert_eq!(r["measure"], "mean_probability");
        let members: Vec<f64> = scored
            .iter()
            .filter(|a| {
                a["group"] == r["group"] && (r["start"] <= a["date"] && a["date"] <= r["end"])
            })
            .map(|a| num(a, "mine.conflict"))
            .collect();
        assert_eq!(num(r, "articles") as usize, members.len());
        let mean = members.iter().sum::<f64>() / members.len() as f64;
        assert!((num(r, "rate") - mean).abs() < 1e-4, "{r:?}");
        assert!(num(r, "ci_low") <= num(r, "rate") && num(r, "rate") <= num(r, "ci_high"));
        assert!(num(r, "ci_low") >= 0.0 && num(r, "ci_high") <= 1.0, "{r:?}");
    }
    for r in series
        .iter()
        .filter(|r| !r["category"].starts_with("mine."))
    {
        let expected = if r["category"] == "tone" {
            "mean_tone"
        } else {
            "rate_per_1k"
        };
        assert_eq!(r["measure"], expected, "{r:?}");
    }

    // The summary says what was compared, in probabilities.
    let summary = std::fs::read_to_string(d.join("out/summary.md")).unwrap();
    assert!(
        summary.contains("a higher mean probability of mine.conflict"),
        "{summary}"
    );

    // run.json records the intercepts, and `compare` of the folder makes the same files.
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("out/run.json")).unwrap()).unwrap();
    let mine = run["lexicons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "mine")
        .unwrap();
    assert!(mine["intercepts"]["conflict"].is_f64(), "{mine}");
    run_ok(
        d,
        &["compare", "out", "--out", "again", "--no-charts", "--quiet"],
    );
    for file in [
        "comparison.csv",
        "keyness.csv",
        "similarity.csv",
        "summary.md",
        "timeseries.csv",
    ] {
        assert_eq!(
            std::fs::read(d.join("out").join(file)).unwrap(),
            std::fs::read(d.join("again").join(file)).unwrap(),
            "{file}"
        );
    }

    // Charts of rates leave the learned lexicon out, and say so.
    let generic = project_root().join("lexicons/generic.toml");
    run_ok(
        d,
        &[
            "analyze",
            "corpus.csv",
            "--lexicon",
            "lexicons/mine.toml",
            "--lexicon",
            generic.to_str().unwrap(),
            "--out",
            "charted",
            "--chart-format",
            "svg",
            "--quiet",
        ],
    );
    for chart in ["frames.svg", "heatmap.svg"] {
        let svg = std::fs::read_to_string(d.join("charted/charts").join(chart)).unwrap();
        assert!(svg.contains("Not shown: learned lexicon mine"), "{chart}");
    }
    let difference =
        std::fs::read_to_string(d.join("charted/charts/difference_doves_vs_hawks.svg"))
            .or_else(|_| {
                std::fs::read_to_string(d.join("charted/charts/difference_hawks_vs_doves.svg"))
            })
            .unwrap();
    assert!(difference.contains("2 categories of a learned lexicon not shown"));

    // Of one voice's words, the probabilities are made again from that voice's counts, by both.
    analyze("author", &["--voice", "author"]);
    run_ok(
        d,
        &[
            "compare",
            "author",
            "--voice",
            "author",
            "--out",
            "author_again",
            "--no-charts",
            "--quiet",
        ],
    );
    let voiced = std::fs::read(d.join("author/comparison.csv")).unwrap();
    assert_eq!(
        voiced,
        std::fs::read(d.join("author_again/comparison.csv")).unwrap()
    );
    let voiced = read_csv(&d.join("author/comparison.csv"));
    assert_eq!(
        learned_rows(&voiced, "groups")[0]["measure"],
        "mean_probability"
    );
}

#[test]
fn the_key_terms_of_a_learned_category_are_those_that_raise_its_probability() {
    let dir = setup();
    let d = dir.path();
    // A fitted lexicon in which `dispute`, which the hawks use most, lowers the probability.
    write(
        d,
        "lexicons/mine.toml",
        r#"format = 1
[lexicon]
id = "mine"
name = "Mine"
version = "1.0.0"
language = "en"
license = "CC0-1.0"
description = "Fitted."
sources = ["this test"]
score = "logistic"

[categories.conflict]
description = "The probability of conflict."
polarity = 0
negatable = false
intercept = -1.0

[categories.conflict.terms]
"~dispute" = -0.2
"~quarrel" = 0.15
"clash" = 0.05
"#,
    );
    write_corpus(d);
    run_ok(
        d,
        &[
            "analyze",
            "corpus.csv",
            "--lexicon",
            "lexicons/mine.toml",
            "--out",
            "out",
            "--no-charts",
            "--quiet",
        ],
    );
    // A term of negative weight lowers the probability: a side that uses it more is not for
    // that reason more in the category, so keyness.csv does not list it, whichever side uses
    // it more; `compare` of the folder (reading matches.csv) agrees.
    let keyness = read_csv(&d.join("out/keyness.csv"));
    let listed: Vec<&str> = keyness
        .iter()
        .filter(|r| r["lexicon"] == "mine")
        .map(|r| r["term"].as_str())
        .collect();
    assert!(listed.contains(&"~quarrel"), "{keyness:?}");
    assert!(!listed.contains(&"~dispute"), "{keyness:?}");
    let matches = read_csv(&d.join("out/matches.csv"));
    assert!(
        matches.iter().filter(|m| m["term"] == "~dispute").count() > 20,
        "the hawks use it"
    );
    run_ok(
        d,
        &["compare", "out", "--out", "again", "--no-charts", "--quiet"],
    );
    assert_eq!(
        std::fs::read(d.join("out/keyness.csv")).unwrap(),
        std::fs::read(d.join("again/keyness.csv")).unwrap()
    );
}
