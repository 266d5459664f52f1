//! The validate command end to end: articles with known scores from small lexicons written here,
//! gold files beside them, and validation.csv checked against values computed by hand.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::*;

/// One frame category, `mini.war`, whose hits are the number of times "war" occurs.
const MINI: &str = r#"format = 1
[lexicon]
id = "mini"
name = "Mini"
version = "1.0.0"
language = "en"
license = "CC0-1.0"
description = "Counts war."
sources = ["this test"]

[categories.war]
description = "war"
polarity = 0
negatable = true
[categories.war.terms]
"war" = 1.0
"#;

/// A tone lexicon with one positive and one negative word of weight 2.
const MINI_TONE: &str = r#"format = 1
[lexicon]
id = "minitone"
name = "Mini tone"
version = "1.0.0"
language = "en"
license = "CC0-1.0"
description = "Good and bad."
sources = ["this test"]
tone = true

[categories.positive]
description = "good"
polarity = 1
negatable = true
[categories.positive.terms]
"good" = 2.0

[categories.negative]
description = "bad"
polarity = -1
negatable = true
[categories.negative.terms]
"bad" = 2.0
"#;

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lexicons/mini.toml", MINI);
    write(dir.path(), "lexicons/minitone.toml", MINI_TONE);
    dir
}

fn validation(dir: &Path) -> Vec<HashMap<String, String>> {
    read_csv(&dir.join("out/validation.csv"))
}

fn by_gold<'a>(rows: &'a [HashMap<String, String>], column: &str) -> &'a HashMap<String, String> {
    rows.iter()
        .find(|r| r["gold_column"] == column)
        .unwrap_or_else(|| panic!("no row for {column}"))
}

fn assert_close(row: &HashMap<String, String>, column: &str, expected: f64) {
    let value = num(row, column);
    assert!(
        (value - expected).abs() < 1e-4,
        "{column} = {value}, expected {expected}"
    );
}

/// Hits of "war": a 3, b 2, c 2, d 1, e 0; f has no gold row and z no article.
fn article_fixtures(dir: &Path) {
    write(dir, "articles.csv", "id,text\na,war war war\nb,war and war\nc,\"war, war\"\nd,one war\ne,calm\nf,war war war war\n");
    write(
        dir,
        "gold.csv",
        "id,frame,rating\na,1,1\nb,1,2\nc,0,3\nd,0,4\ne,0,5\nz,1,NA\n",
    );
}

#[test]
fn article_level_statistics_match_hand_computation() {
    let dir = setup();
    article_fixtures(dir.path());
    let args = [
        "validate",
        "articles.csv",
        "--gold",
        "gold.csv",
        "-l",
        "mini",
        "--out",
        "out",
    ];
    let out = run_in(
        dir.path(),
        &[
            &args[..],
            &[
                "--gold-col",
                "frame=mini.war:hits",
                "--gold-col",
                "rating=mini.war:hits",
            ],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("5 of 6 gold articles matched a scored article"),
        "{text}"
    );
    assert!(
        text.contains("1 gold id(s) matched nothing, e.g. `z`"),
        "{text}"
    );
    assert!(
        text.contains("1 article(s) have no gold row and were not scored, e.g. `f`"),
        "{text}"
    );

    let rows = validation(dir.path());
    assert_eq!(rows.len(), 2);
    let frame = by_gold(&rows, "frame");
    assert_eq!(
        (
            frame["level"].as_str(),
            frame["score"].as_str(),
            frame["kind"].as_str()
        ),
        ("article", "mini.war:hits", "binary")
    );
    assert_eq!(
        (
            frame["n"].as_str(),
            frame["positives"].as_str(),
            frame["negatives"].as_str()
        ),
        ("5", "2", "3")
    );
    // Positives 3, 2 against negatives 2, 1, 0: 5.5 of 6 pairs ordered right (the tie counts half).
    assert_close(frame, "auc", 5.5 / 6.0);
    // DeLong standard error sqrt(2/144) (see the unit test); the upper end is kept at 1.
    assert_close(
        frame,
        "auc_low",
        5.5 / 6.0 - 1.959964 * (2.0f64 / 144.0).sqrt(),
    );
    assert_close(frame, "auc_high", 1.0);
    // Best F1 at hits >= 2: tp 2, fp 1, fn 0.
    assert_eq!(frame["threshold_rule"], "best_f1");
    assert_close(frame, "threshold", 2.0);
    assert_close(frame, "precision", 2.0 / 3.0);
    assert_close(frame, "recall", 1.0);
    assert_close(frame, "f1", 0.8);

    // Ratings 1..5 against hits 3, 2, 2, 1, 0: r = -7 / sqrt(52); rho = -9.5 / sqrt(95).
    let rating = by_gold(&rows, "rating");
    assert_eq!(
        (
            rating["kind"].as_str(),
            rating["n"].as_str(),
            rating["missing"].as_str()
        ),
        ("numeric", "5", "0")
    );
    assert_close(rating, "pearson_r", -7.0 / 52f64.sqrt());
    assert_close(rating, "pearson_low", -0.9981434);
    assert_close(rating, "pearson_high", -0.6161739);
    assert_close(rating, "spearman_rho", -9.5 / 95f64.sqrt());
    assert_eq!(rating["auc"], "", "no AUC for a graded column");
}

#[test]
fn a_chosen_threshold_is_reported_as_chosen() {
    let dir = setup();
    article_fixtures(dir.path());
    let out = run_in(
        dir.path(),
        &[
            "validate",
            "articles.csv",
            "--gold",
            "gold.csv",
            "-l",
            "mini",
            "--out",
            "out",
            "--gold-col",
            "frame",
            "--score",
            "mini.war:hits",
            "--threshold",
            "1",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = validation(dir.path());
    let frame = by_gold(&rows, "frame");
    // hits >= 1: a, b, c, d predicted; tp 2, fp 2, fn 0.
    assert_eq!(frame["threshold_rule"], "chosen");
    assert_close(frame, "precision", 0.5);
    assert_close(frame, "recall", 1.0);
    assert_close(frame, "f1", 2.0 / 3.0);
    assert!(stdout(&out).contains("1.000 (chosen)"), "{}", stdout(&out));
}

#[test]
fn headerless_plain_tsv_is_scored_and_read_as_gold() {
    let dir = setup();
    // The second text opens a quote it never closes: plain TSV must not swallow the next lines.
    write(
        dir.path(),
        "items.tsv",
        "1\t1.0\tgood\r\n2\t-1\t\"bad news\r\n3\t0\tnothing here\r\n4\t2\tgood good\r\n",
    );
    let out = run_in(
        dir.path(),
        &[
            "validate",
            "items.tsv",
            "--no-header",
            "--no-quoting",
            "--id-col",
            "1",
            "--text-col",
            "3",
            "--gold",
            "items.tsv",
            "--gold-no-header",
            "--gold-no-quoting",
            "-l",
            "minitone",
            "--out",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("4 of 4 gold articles matched"),
        "{}",
        stdout(&out)
    );
    let rows = validation(dir.path());
    // The only numeric column besides the id is column 2, compared with the default score, tone.
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(
        (
            row["gold_column"].as_str(),
            row["score"].as_str(),
            row["n"].as_str()
        ),
        ("2", "tone", "4")
    );
    // Tones x / sqrt(x² + 15): 2/√19, -2/√19, 0, 4/√31 against 1, -1, 0, 2.
    assert_close(row, "pearson_r", 0.9926045);
    assert_close(row, "pearson_low", 0.6848531);
    assert_close(row, "pearson_high", 0.9998527);
    assert_close(row, "spearman_rho", 1.0);
}

#[test]
fn sentence_level_by_sentence_column_or_by_key() {
    let dir = setup();
    write(dir.path(), "a.txt", "War and war. Calm now. War again.");
    write(dir.path(), "b.txt", "Calm. War, war and war.");
    // Sentence hits: a 2, 0, 1; b 0, 3. Positives a1, a3, b1, b2 (2, 1, 0, 3) against a2 (0):
    // 3 wins and 1 tie of 4 pairs = 0.875.
    write(
        dir.path(),
        "gold.csv",
        "article,n,frame\na,1,1\na,2,0\na,3,1\nb,1,1\nb,2,1\n",
    );
    let common = [
        "validate",
        "a.txt",
        "b.txt",
        "--level",
        "sentence",
        "-l",
        "mini",
        "--score",
        "mini.war:hits",
        "--out",
        "out",
    ];
    let out = run_in(
        dir.path(),
        &[
            &common[..],
            &[
                "--gold",
                "gold.csv",
                "--gold-id",
                "article",
                "--gold-sentence",
                "n",
            ],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = validation(dir.path());
    let frame = by_gold(&rows, "frame");
    assert_eq!(
        (
            frame["level"].as_str(),
            frame["n"].as_str(),
            frame["positives"].as_str()
        ),
        ("sentence", "5", "4")
    );
    assert_close(frame, "auc", 0.875);

    // The same codes keyed ARTICLE_ID:N give the same result.
    write(
        dir.path(),
        "keyed.csv",
        "id,frame\na:1,1\na:2,0\na:3,1\nb:1,1\nb:2,1\n",
    );
    let out = run_in(
        dir.path(),
        &[&common[..], &["--gold", "keyed.csv"]].concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_close(by_gold(&validation(dir.path()), "frame"), "auc", 0.875);
    assert!(
        stdout(&out).contains("5 of 5 gold sentences matched a scored sentence"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn problems_are_reported_with_what_to_do() {
    let dir = setup();
    article_fixtures(dir.path());
    // No id in common.
    write(dir.path(), "other.csv", "id,frame\nx,1\ny,0\n");
    let out = run_in(
        dir.path(),
        &[
            "validate",
            "articles.csv",
            "--gold",
            "other.csv",
            "-l",
            "mini",
            "--score",
            "mini.war",
            "--out",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no gold id matched a scored article: gold ids such as `x`, `y`"),
        "{}",
        stderr(&out)
    );
    assert!(
        !dir.path().join("out/validation.csv").exists(),
        "nothing written without a match"
    );
    // A category that does not exist lists the ones that do.
    let out = run_in(
        dir.path(),
        &[
            "validate",
            "articles.csv",
            "--gold",
            "gold.csv",
            "-l",
            "mini",
            "--score",
            "mini.peace",
            "--out",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("no category `mini.peace` in the lexicons in use; available: mini.war"),
        "{}",
        stderr(&out)
    );
    // A gold column that does not exist lists the columns found.
    let out = run_in(
        dir.path(),
        &[
            "validate",
            "articles.csv",
            "--gold",
            "gold.csv",
            "-l",
            "mini",
            "--gold-col",
            "frames=mini.war",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "gold.csv: no column `frames` (--gold-col); columns found: id, frame, rating"
        ),
        "{}",
        stderr(&out)
    );
    // A repeated gold id is a warning with its line: the run finishes with exit code 1.
    write(dir.path(), "twice.csv", "id,frame\na,1\na,0\nb,0\n");
    let out = run_in(
        dir.path(),
        &[
            "validate",
            "articles.csv",
            "--gold",
            "twice.csv",
            "-l",
            "mini",
            "--score",
            "mini.war",
            "--out",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("twice.csv:3: id `a` repeats an earlier row"),
        "{}",
        stderr(&out)
    );
}
