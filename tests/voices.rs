//! Whose words, end to end: a wire report and an opinion piece on one event (written for the
//! test), analyzed by the real binary; how much of each is quoted and attributed, who is quoted,
//! the voice of every match, comparisons of the author's own words, and `explain`.

mod common;

use std::path::Path;

use common::*;

const WIRE: &str = "Talks resume in Arvel as envoys meet\n\n\
ARVEL, May 2 (Wire) - Peace talks between the two sides resumed on Monday after a pause of \
three months, officials said.\n\n\
\"We are hopeful that this round will bring a lasting agreement,\" Foreign Minister Dana Kovac \
told reporters. \"Nobody wants another winter of fighting.\"\n\n\
A senior diplomat, who asked not to be named, said the mediators had prepared a new plan for \
the border crossings.\n\n\
According to the foreign ministry, the delegations will meet again on Friday.\n\n\
Kovac said the agreement would be a historic step for both countries.";

const OPINION: &str = "A spring of hope in Arvel\n\n\
The talks in Arvel are a triumph of patience and a gift of hope. For years the two nations \
trusted nothing but their guns. Now they sit at one table, and the road to a lasting peace \
lies open.\n\n\
We should celebrate this brave and hopeful moment, and demand that both governments finish \
what they have begun.";

/// Analyzes the two articles (groups `wire` and `opinion`, one story) into `out`.
fn analyze(dir: &Path, extra: &[&str]) -> std::process::Output {
    write(dir, "in/wire/talks.txt", WIRE);
    write(dir, "in/opinion/talks.txt", OPINION);
    let mut args = vec!["analyze", "in", "--out", "out", "-q", "--no-charts"];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

#[test]
fn how_much_is_quoted_who_is_quoted_and_whose_words_each_match_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = analyze(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out_dir = dir.path().join("out");

    let articles = read_csv(&out_dir.join("articles.csv"));
    let wire = row(&articles, "wire/talks");
    let opinion = row(&articles, "opinion/talks");
    assert!(num(wire, "quoted_share") > 0.15, "{wire:?}");
    assert!(num(wire, "attributed_share") > 0.2, "{wire:?}");
    assert_eq!(wire["quotes"], "2");
    assert_eq!(
        (
            num(opinion, "quoted_share"),
            num(opinion, "attributed_share")
        ),
        (0.0, 0.0)
    );
    assert_eq!(
        (opinion["quotes"].as_str(), opinion["sources"].as_str()),
        ("0", "0")
    );
    assert!(num(opinion, "author_tone") > num(wire, "author_tone"));

    // Who is quoted: the minister by name (her second quotation has no frame of its own), the
    // diplomat, the officials and the ministry by role.
    let sources = read_csv(&out_dir.join("sources.csv"));
    let speaker = |name: &str| {
        sources
            .iter()
            .find(|r| r["speaker"] == name)
            .unwrap_or_else(|| panic!("no source {name}: {sources:?}"))
    };
    let kovac = speaker("Dana Kovac");
    assert_eq!(
        (
            kovac["kind"].as_str(),
            kovac["role"].as_str(),
            kovac["quotes"].as_str()
        ),
        ("named", "Foreign Minister", "2")
    );
    assert_eq!(kovac["statements"], "1");
    assert_eq!(speaker("senior diplomat")["kind"], "anonymous");
    assert_eq!(speaker("officials")["role"], "official");
    assert_eq!(speaker("foreign ministry")["kind"], "anonymous");
    assert!(sources.iter().all(|r| r["group"] == "wire"));

    // Per group: the opinion piece quotes no one, and says so in a row of its own.
    let groups = read_csv(&out_dir.join("sources_by_group.csv"));
    let opinion_rows: Vec<_> = groups.iter().filter(|r| r["group"] == "opinion").collect();
    assert_eq!(opinion_rows.len(), 1);
    assert_eq!(
        (
            opinion_rows[0]["kind"].as_str(),
            opinion_rows[0]["articles"].as_str()
        ),
        ("none", "1")
    );
    let named: Vec<_> = groups
        .iter()
        .filter(|r| r["group"] == "wire" && r["kind"] == "named")
        .collect();
    assert_eq!(named.len(), 1);
    assert_eq!(named[0]["source"], "Dana Kovac");

    // Every match says whose words it is: hope in the opinion piece is the author's, in the wire
    // report the minister's.
    let matches = read_csv(&out_dir.join("matches.csv"));
    let hopeful = |id: &str| {
        matches
            .iter()
            .filter(|m| {
                m["article_id"] == id && m["matched_text"].to_lowercase().starts_with("hope")
            })
            .map(|m| (m["voice"].clone(), m["speaker"].clone()))
            .collect::<Vec<_>>()
    };
    let wire_hope = hopeful("wire/talks");
    assert!(!wire_hope.is_empty());
    assert!(
        wire_hope
            .iter()
            .all(|(v, s)| v == "quoted" && s == "Dana Kovac"),
        "{wire_hope:?}"
    );
    assert!(hopeful("opinion/talks")
        .iter()
        .all(|(v, s)| v == "author" && s.is_empty()));
    let voices = ["author", "quoted", "attributed", "unknown"];
    assert!(matches
        .iter()
        .all(|m| voices.contains(&m["voice"].as_str())));

    // frames.csv: the hits of each voice add up to all hits.
    let frames = read_csv(&out_dir.join("frames.csv"));
    for f in &frames {
        let by_voice: f64 = voices.iter().map(|v| num(f, &format!("{v}_hits"))).sum();
        assert_eq!(by_voice, num(f, "hits"), "{f:?}");
    }
    let hope = frames
        .iter()
        .find(|f| f["article_id"] == "wire/talks" && f["category"] == "hope")
        .unwrap();
    assert!(num(hope, "quoted_hits") >= 1.0 && num(hope, "quoted_per_1k") > 0.0);

    // sentences.csv: tokens by voice add up to no more than all tokens.
    let sentences = read_csv(&out_dir.join("sentences.csv"));
    for s in &sentences {
        let by_voice: f64 = ["author", "quoted", "attributed"]
            .iter()
            .map(|v| num(s, &format!("{v}_tokens")))
            .sum();
        assert!(by_voice <= num(s, "tokens"), "{s:?}");
    }
    // The run lists the new files with the others.
    let manifest = std::fs::read_to_string(out_dir.join("run.json")).unwrap();
    assert!(manifest.contains("\"sources.csv\"") && manifest.contains("\"sources_by_group.csv\""));
}

#[test]
fn comparisons_of_the_author_s_own_words_are_the_same_from_analyze_and_compare() {
    let dir = tempfile::tempdir().unwrap();
    let out = analyze(dir.path(), &["--voice", "author", "--pairs", "articles"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("the author's own words only"),
        "{}",
        stdout(&out)
    );
    let by_analyze = std::fs::read(dir.path().join("out/comparison.csv")).unwrap();
    let again = run_in(
        dir.path(),
        &[
            "compare",
            "out",
            "--out",
            "again",
            "-q",
            "--voice",
            "author",
            "--pairs",
            "articles",
            "--no-charts",
        ],
    );
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let by_compare = std::fs::read(dir.path().join("again/comparison.csv")).unwrap();
    assert_eq!(by_analyze, by_compare);
    let all = run_in(
        dir.path(),
        &[
            "compare",
            "out",
            "--out",
            "all",
            "-q",
            "--pairs",
            "articles",
            "--no-charts",
        ],
    );
    assert_eq!(all.status.code(), Some(0), "{}", stderr(&all));
    // Counting the author's words only, the wire report has fewer tokens than in all its words.
    let rows = read_csv(&dir.path().join("again/comparison.csv"));
    let all_rows = read_csv(&dir.path().join("all/comparison.csv"));
    let tokens_a = |rows: &[std::collections::HashMap<String, String>]| {
        let r = rows.iter().find(|r| r["category"] == "hope").unwrap();
        let wire_is_a = r["a"] == "wire/talks";
        num(r, if wire_is_a { "tokens_a" } else { "tokens_b" })
    };
    assert!(tokens_a(&rows) < tokens_a(&all_rows) * 0.7);
}

#[test]
fn comparing_one_voice_needs_every_match() {
    let dir = tempfile::tempdir().unwrap();
    let out = analyze(dir.path(), &["--evidence", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let again = run_in(dir.path(), &["compare", "out", "--voice", "quoted", "-q"]);
    assert_eq!(again.status.code(), Some(2));
    let err = stderr(&again);
    assert!(
        err.contains("--voice") && err.contains("--evidence all"),
        "{err}"
    );
}

#[test]
fn explain_marks_quotations_and_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "wire.txt", WIRE);
    let out = run_in(
        dir.path(),
        &["explain", path.to_str().unwrap(), "--color", "never"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("quoted · Dana Kovac (named): \"We are hopeful"),
        "{text}"
    );
    assert!(
        text.contains("attributed · officials (anonymous): Peace talks"),
        "{text}"
    );
    assert!(text.contains("who speaks:"), "{text}");
    assert!(text.contains("· quoted (Dana Kovac)"), "{text}");
}

/// The shared development data, when it is beside the project: every article is read, and the
/// voice columns are consistent.
#[test]
fn shared_news_articles_read_consistently() {
    let data = project_root().join("../shared/data/frames");
    let files = ["policy_frames_dev.csv", "climate_frames_dev.csv"].map(|f| data.join(f));
    if !files.iter().all(|f| f.is_file()) {
        eprintln!("skipped: ../shared/data/frames is not there");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        "analyze",
        "--out",
        "out",
        "-q",
        "--pairs",
        "none",
        "--no-charts",
    ];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let out = run_in(dir.path(), &args);
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&out)
    );
    let articles = read_csv(&dir.path().join("out/articles.csv"));
    assert_eq!(articles.len(), 217 + 214);
    let mut quoting = 0;
    for a in &articles {
        let (q, at) = (num(a, "quoted_share"), num(a, "attributed_share"));
        assert!((0.0..=1.0).contains(&(q + at)), "{a:?}");
        quoting += (num(a, "quotes") > 0.0) as usize;
    }
    // News quotes people: most of these articles hold a quotation.
    assert!(
        quoting * 3 > articles.len() * 2,
        "{quoting} of {}",
        articles.len()
    );
}
