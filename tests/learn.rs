//! `framescope learn` end to end, on coded articles generated here: a starting lexicon that
//! catches half of what coders mark, a word it lacks that the fit must find, and a code learned
//! from words alone. The learned lexicon is then used as any other: checked, analyzed with,
//! explained and validated.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::coded::{phrase_articles, setup, write_set};
use common::*;

fn learn(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
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
    ];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

/// The learned lexicon as TOML.
fn learned(dir: &Path) -> toml_edit::DocumentMut {
    std::fs::read_to_string(dir.join("lexicons/mine.toml"))
        .unwrap()
        .parse()
        .unwrap()
}

/// `analyze` of the held-out articles with the learned lexicon, into `out/`.
fn analyze_held_out(dir: &Path) {
    let a = run_in(
        dir,
        &[
            "analyze",
            "held_out.csv",
            "--lexicon",
            "lexicons/mine.toml",
            "--out",
            "out",
            "--pairs",
            "none",
            "--no-charts",
            "--quiet",
        ],
    );
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
}

#[test]
fn learns_a_lexicon_that_ranks_held_out_articles_better_and_is_an_ordinary_lexicon() {
    let dir = setup();
    let d = dir.path();
    let out = learn(d, &[]);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        stderr(&out)
    );
    let printed = stdout(&out);
    assert!(printed.contains("150 coded article(s)"), "{printed}");
    assert!(printed.contains("Cross-validated"), "{printed}");
    assert!(printed.contains("Written: lexicons/mine.toml"), "{printed}");

    // The file: scored logistic, with intercepts, the fit's figures and its provenance.
    let doc = learned(d);
    assert_eq!(doc["lexicon"]["score"].as_str(), Some("logistic"));
    assert_eq!(doc["learned"]["articles"].as_integer(), Some(150));
    let sha = doc["learned"]["training_sha256"].as_str().unwrap();
    assert!(sha.len() == 64 && sha.chars().all(|c| c.is_ascii_hexdigit()));
    let conflict = &doc["learned"]["codes"]["conflict"];
    assert_eq!(conflict["start"].as_str(), Some("start.conflict"));
    let cv_auc = conflict["cv_auc"].as_float().unwrap();
    let (low, high) = (
        conflict["cv_auc_low"].as_float().unwrap(),
        conflict["cv_auc_high"].as_float().unwrap(),
    );
    assert!(low <= cv_auc && cv_auc <= high, "{low} {cv_auc} {high}");
    assert!(cv_auc > 0.75, "the code is easy to learn: {cv_auc}");
    // Beside it, what learning had to beat: the starting category's own rate on the same
    // articles, which misses the word the coders' articles use most.
    assert_eq!(doc["learned"]["repeats"].as_integer(), Some(3));
    let start_auc = conflict["start_auc"].as_float().unwrap();
    assert!(
        start_auc > 0.5 && start_auc < cv_auc,
        "{start_auc} {cv_auc}"
    );
    let pooled = conflict["cv_auc_pooled"].as_float().unwrap();
    assert!(pooled > 0.5 && pooled <= 1.0, "{pooled}");
    assert!(printed.contains("start"), "{printed}");
    assert!(
        doc["learned"]["codes"]["money"].get("start_auc").is_none(),
        "no start, nothing to beat"
    );
    let terms = doc["categories"]["conflict"]["terms"].as_table().unwrap();
    let weight = |t: &str| terms.get(t).and_then(|v| v.as_float());
    // The missing word was found, and weighs more than the word that is everywhere.
    let quarrel = weight("~quarrel").expect("quarrel learned");
    assert!(quarrel > 0.0, "{terms:?}");
    assert!(
        weight("~dispute").unwrap() > weight("clash").unwrap(),
        "{terms:?}"
    );
    let text = std::fs::read_to_string(d.join("lexicons/mine.toml")).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("\"~quarrel\"") && l.contains("# learned, in ")),
        "learned terms are marked"
    );
    // The code learned from words alone found its words.
    let money = doc["categories"]["money"]["terms"].as_table().unwrap();
    assert!(money.get("~budget").and_then(|v| v.as_float()).unwrap() > 0.0);
    assert!(doc["learned"]["codes"]["money"].get("start").is_none());

    // An ordinary lexicon: `lexicon check` passes without a warning.
    let check = run_in(d, &["lexicon", "check", "lexicons/mine.toml"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(
        stderr(&check).contains("0 error(s), 0 warning(s)"),
        "{}",
        stderr(&check)
    );

    // analyze: the column of articles.csv is the probability, made from the sum of the
    // effective weights of the matches, as matches.csv lists them.
    analyze_held_out(d);
    let articles = read_csv(&d.join("out/articles.csv"));
    let frames = read_csv(&d.join("out/frames.csv"));
    let matches = read_csv(&d.join("out/matches.csv"));
    let intercept = doc["categories"]["conflict"]["intercept"]
        .as_float()
        .unwrap();
    let mut sums: HashMap<String, f64> = HashMap::new();
    for m in matches.iter().filter(|m| m["category"] == "conflict") {
        *sums.entry(m["article_id"].clone()).or_default() += num(m, "effective_weight");
    }
    let mut checked = 0;
    for f in frames.iter().filter(|f| f["category"] == "conflict") {
        let id = &f["article_id"];
        let score = num(f, "score");
        assert!(
            (score - sums.get(id).copied().unwrap_or(0.0)).abs() < 1e-3,
            "{id}"
        );
        let article = row(&articles, id);
        let p = num(article, "mine.conflict");
        let tokens = num(article, "tokens");
        let expected = 1.0 / (1.0 + (-(intercept + 1000.0 * score / tokens)).exp());
        assert!(p > 0.0 && p < 1.0);
        // The score is written with 4 decimals and divided by some 45 tokens: up to 1e-3 apart.
        assert!((p - expected).abs() < 1e-3, "{id}: {p} against {expected}");
        checked += 1;
    }
    assert_eq!(checked, 80);

    // validate: a gold column named after a learned category is compared with its probability,
    // and on held-out articles the learned lexicon ranks them better than the one it started from.
    let v = run_in(
        d,
        &[
            "validate",
            "held_out.csv",
            "--gold",
            "held_out.csv",
            "--gold-col",
            "conflict",
            "--lexicon",
            "lexicons/mine.toml",
            "--out",
            "v",
            "--quiet",
        ],
    );
    assert_eq!(v.status.code(), Some(0), "{}", stderr(&v));
    let rows = read_csv(&d.join("v/validation.csv"));
    assert_eq!(rows[0]["score"], "mine.conflict");
    let learned_auc = num(&rows[0], "auc");
    let s = run_in(
        d,
        &[
            "validate",
            "held_out.csv",
            "--gold",
            "held_out.csv",
            "--gold-col",
            "conflict=start.conflict",
            "--out",
            "s",
            "--quiet",
        ],
    );
    assert_eq!(s.status.code(), Some(0), "{}", stderr(&s));
    let start_auc = num(&read_csv(&d.join("s/validation.csv"))[0], "auc");
    assert!(
        learned_auc > start_auc + 0.05,
        "learned {learned_auc} against the start's {start_auc}"
    );

    // explain: which terms pushed an article's probability up.
    let e = run_in(
        d,
        &[
            "explain",
            "held_out.csv",
            "--article",
            "a1000",
            "--lexicon",
            "lexicons/mine.toml",
        ],
    );
    let shown = stdout(&e);
    assert!(
        shown.contains("probability") && shown.contains("= logistic("),
        "{shown}"
    );
    assert!(
        shown.contains("up:   `~dispute` ×2"),
        "the terms that pushed it up: {shown}"
    );
}

#[test]
fn the_same_data_give_the_same_bytes_whatever_the_threads() {
    let dir = setup();
    let d = dir.path();
    // With the penalty chosen by an inner cross-validation in every fit.
    let first = learn(d, &["--jobs", "1", "--quiet", "--l2", "auto"]);
    assert!(first.status.code().unwrap() <= 1, "{}", stderr(&first));
    let one = std::fs::read(d.join("lexicons/mine.toml")).unwrap();
    let again = learn(d, &["--jobs", "3", "--force", "--quiet", "--l2", "auto"]);
    assert!(again.status.code().unwrap() <= 1, "{}", stderr(&again));
    assert_eq!(one, std::fs::read(d.join("lexicons/mine.toml")).unwrap());
    // Another seed, other folds: other figures.
    let other = learn(d, &["--seed", "9", "--force", "--quiet", "--l2", "auto"]);
    assert!(other.status.code().unwrap() <= 1);
    assert_ne!(one, std::fs::read(d.join("lexicons/mine.toml")).unwrap());
    // One repetition of the cross-validation instead of three: other figures, said so.
    let once = learn(d, &["--repeats", "1", "--force", "--quiet", "--l2", "auto"]);
    assert!(once.status.code().unwrap() <= 1, "{}", stderr(&once));
    assert_eq!(learned(d)["learned"]["repeats"].as_integer(), Some(1));
    let refused = learn(d, &["--repeats", "0", "--force"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--repeats"),
        "{}",
        stderr(&refused)
    );
}

/// The number of learned words of a code in the lexicon as written.
fn learned_words(doc: &toml_edit::DocumentMut, code: &str) -> i64 {
    doc["learned"]["codes"][code]["terms_learned"]
        .as_integer()
        .unwrap()
}

#[test]
fn only_words_keyed_to_the_code_are_learned_and_the_threshold_is_recorded() {
    let dir = setup();
    let d = dir.path();
    let every = learn(d, &["--quiet", "--min-keyness", "0"]);
    assert!(every.status.code().unwrap() <= 1, "{}", stderr(&every));
    let doc = learned(d);
    assert_eq!(doc["learned"]["min_keyness"].as_float(), Some(0.0));
    let all_words = learned_words(&doc, "conflict");
    let keyed = learn(d, &["--quiet", "--force"]);
    assert!(keyed.status.code().unwrap() <= 1, "{}", stderr(&keyed));
    let doc = learned(d);
    assert_eq!(
        doc["learned"]["min_keyness"].as_float(),
        Some(framescope::learn::train::DEFAULT_MIN_KEYNESS)
    );
    let keyed_words = learned_words(&doc, "conflict");
    assert!(
        keyed_words > 0 && keyed_words < all_words,
        "{keyed_words} of {all_words}"
    );
    for bad in ["-1", "nan"] {
        let refused = learn(d, &["--force", &format!("--min-keyness={bad}")]);
        assert_eq!(refused.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&refused).contains("--min-keyness takes a G²"),
            "{}",
            stderr(&refused)
        );
    }
}

#[test]
fn refuses_what_it_cannot_learn_and_says_why() {
    let dir = setup();
    let d = dir.path();
    // An existing file is kept unless --force.
    write(d, "lexicons/mine.toml", "keep me");
    let out = learn(d, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(d.join("lexicons/mine.toml")).unwrap(),
        "keep me"
    );

    // Codes other than 0 and 1.
    write(d, "graded.csv", "id,conflict,money\na0,2,0\na1,0,1\n");
    let out = run_in(
        d,
        &[
            "learn",
            "coded.csv",
            "--gold",
            "graded.csv",
            "--gold-col",
            "conflict",
            "--id",
            "other",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("gold column `conflict` holds 2"),
        "{}",
        stderr(&out)
    );

    // A category that does not exist, named with what there is.
    let out = run_in(
        d,
        &[
            "learn",
            "coded.csv",
            "--gold",
            "coded.csv",
            "--gold-col",
            "conflict=start.war",
            "--id",
            "other",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has no category `war`; it has conflict"),
        "{}",
        stderr(&out)
    );

    // Too few coded articles of a kind.
    write(d, "few.csv", "id,conflict\na0,1\na1,0\na2,0\na3,0\n");
    let out = run_in(
        d,
        &[
            "learn",
            "coded.csv",
            "--gold",
            "few.csv",
            "--gold-col",
            "conflict",
            "--id",
            "other",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("at least 2 of each"),
        "{}",
        stderr(&out)
    );
    assert!(!d.join("lexicons/other.toml").exists());
}

/// A gold file given as a pipe is read once: its codes and its sha256 come from the same bytes.
#[cfg(unix)]
#[test]
fn a_gold_file_from_a_pipe_is_read_once() {
    let dir = setup();
    let coded = std::fs::read(dir.path().join("coded.csv")).unwrap();
    let fifo = dir.path().join("codes.fifo");
    mkfifo(&fifo);
    let feeder = {
        let (fifo, coded) = (fifo.clone(), coded.clone());
        std::thread::spawn(move || std::fs::write(fifo, coded).unwrap())
    };
    let out = run_in(
        dir.path(),
        &[
            "learn",
            "coded.csv",
            "--gold",
            "codes.fifo",
            "--gold-col",
            "money",
            "--id",
            "mine",
            "-q",
        ],
    );
    feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lexicon = learned(dir.path());
    let sha = lexicon["learned"]["gold_sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let expected = {
        use sha2::Digest;
        sha2::Sha256::digest(&coded)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert_eq!(sha, expected);
}

#[test]
fn a_phrase_is_learned_as_a_term_of_two_words_and_counts_as_the_scorer_counts_it() {
    let dir = setup();
    let d = dir.path();
    write_set(d, "coded.csv", &phrase_articles(0, 150, 21));
    write_set(d, "held_out.csv", &phrase_articles(1000, 80, 22));
    let validate = |out: &str| {
        let v = run_in(
            d,
            &[
                "validate",
                "held_out.csv",
                "--gold",
                "held_out.csv",
                "--gold-col",
                "conflict",
                "--lexicon",
                "lexicons/mine.toml",
                "--out",
                out,
                "--quiet",
            ],
        );
        assert_eq!(v.status.code(), Some(0), "{}", stderr(&v));
        num(&read_csv(&d.join(out).join("validation.csv"))[0], "auc")
    };

    // Words only: `border` and `clash` are in half of all articles, so each weighs little.
    let words = learn(d, &["--quiet"]);
    assert!(words.status.code().unwrap() <= 1, "{}", stderr(&words));
    let doc = learned(d);
    assert_eq!(doc["learned"]["phrases"].as_bool(), Some(false));
    let terms = doc["categories"]["conflict"]["terms"].as_table().unwrap();
    assert!(terms.iter().all(|(t, _)| !t.contains(' ')), "{terms:?}");
    let words_auc = validate("v_words");

    let out = learn(d, &["--phrases", "--force", "--jobs", "1"]);
    assert!(out.status.code().unwrap() <= 1, "{}", stderr(&out));
    let one = std::fs::read(d.join("lexicons/mine.toml")).unwrap();
    let again = learn(d, &["--phrases", "--force", "--jobs", "3", "--quiet"]);
    assert!(again.status.code().unwrap() <= 1, "{}", stderr(&again));
    assert_eq!(one, std::fs::read(d.join("lexicons/mine.toml")).unwrap());
    assert!(
        !stderr(&out).contains("differ from the fit's"),
        "the written lexicon scores as the fit: {}",
        stderr(&out)
    );
    let doc = learned(d);
    assert_eq!(doc["learned"]["phrases"].as_bool(), Some(true));
    assert!(doc["learned"]["candidate_phrases"].as_integer().unwrap() > 0);
    let terms = doc["categories"]["conflict"]["terms"].as_table().unwrap();
    let weight = |t: &str| terms.get(t).and_then(|v| v.as_float());
    let phrase = weight("~border ~clash").expect("the phrase is learned");
    assert!(
        phrase > weight("clash").unwrap() && phrase > 0.0,
        "{terms:?}"
    );
    let text = std::fs::read_to_string(d.join("lexicons/mine.toml")).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("\"~border ~clash\" = ") && l.contains("# learned, in ")),
        "{text}"
    );
    let check = run_in(d, &["lexicon", "check", "lexicons/mine.toml"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(stderr(&check).contains("0 error(s), 0 warning(s)"));
    let phrases_auc = validate("v_phrases");
    assert!(
        phrases_auc > words_auc,
        "the phrase ranks held-out articles better than its words: {phrases_auc} against {words_auc}"
    );

    // Its matches are rows of matches.csv, which its words no longer count, and the score is
    // still their sum.
    analyze_held_out(d);
    let matches = read_csv(&d.join("out/matches.csv"));
    let conflict: Vec<_> = matches
        .iter()
        .filter(|m| m["category"] == "conflict")
        .collect();
    let phrase_hits: Vec<_> = conflict
        .iter()
        .filter(|m| m["term"] == "~border ~clash")
        .collect();
    assert!(!phrase_hits.is_empty(), "{:?}", conflict.first());
    for m in &phrase_hits {
        assert_eq!(m["matched_text"].to_lowercase(), "border clash", "{m:?}");
        let (from, to) = (num(m, "byte_start"), num(m, "byte_end"));
        assert!(
            !conflict.iter().any(|o| o["article_id"] == m["article_id"]
                && o["term"] != m["term"]
                && num(o, "byte_start") >= from
                && num(o, "byte_start") < to),
            "the phrase's words are not counted again: {m:?}"
        );
    }
    let frames = read_csv(&d.join("out/frames.csv"));
    for f in frames.iter().filter(|f| f["category"] == "conflict") {
        let sum: f64 = conflict
            .iter()
            .filter(|m| m["article_id"] == f["article_id"])
            .map(|m| num(m, "effective_weight"))
            .sum();
        assert!((num(f, "score") - sum).abs() < 1e-3, "{f:?}");
    }
}
