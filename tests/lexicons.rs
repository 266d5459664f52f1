//! Lexicon commands: every shipped lexicon is clean, and a broken one gets every error located.

mod common;

use common::*;

#[test]
fn every_shipped_lexicon_passes_check_without_warnings() {
    let out = run_in(&project_root(), &["lexicon", "check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(stderr(&out).starts_with("0 error(s), 0 warning(s)"));
}

#[test]
fn a_hand_made_bad_lexicon_gets_every_error_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let bad = r#"format = 1
[lexicon]
id = "mine"
name = "Mine"
language = "xx"
license = "CC0"
description = "d"
sources = ["s"]

[categories.hope]
description = "h"
polarity = 2
[categories.hope.terms]
"hope" = "high"
"a*" = 1
"~be*" = 1
"#;
    write(dir.path(), "lexicons/mine.toml", bad);
    let out = run_in(dir.path(), &["lexicon", "check", "lexicons/mine.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    for expected in [
        "lexicons/mine.toml:2:1: error: [lexicon] needs `version`",
        "lexicons/mine.toml:5:12: error: no stemmer for language `xx`",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // With a valid language, the category problems are reported too, all in one run.
    write(
        dir.path(),
        "lexicons/mine.toml",
        bad.replace("\"xx\"", "\"en\""),
    );
    let out = run_in(dir.path(), &["lexicon", "check", "lexicons/mine.toml"]);
    let text = stdout(&out);
    for expected in [
        "lexicons/mine.toml:12:12: error: `polarity` of category `hope` must be -1, 0 or 1",
        "lexicons/mine.toml:14:10: error: the weight of `hope` must be a number",
        "lexicons/mine.toml:15:1: error: prefix `a*` has 1 character(s)",
        "lexicons/mine.toml:16:1: error: `~be*`: a term element is either a stem",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // analyze refuses to score with it and says why.
    write(dir.path(), "a.txt", "hope");
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "a.txt",
            "--lexicon",
            "lexicons/mine.toml",
            "--out",
            "o",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("lexicons/mine.toml:12:12"));
    assert!(!dir.path().join("o").exists() || !dir.path().join("o/articles.csv").exists());
}

#[test]
fn a_local_lexicon_overrides_the_embedded_one() {
    let dir = tempfile::tempdir().unwrap();
    let local = r#"format = 1
[lexicon]
id = "crisis"
name = "Local crisis"
version = "9.9.9"
language = "en"
license = "CC0"
description = "d"
sources = ["s"]
[categories.hope]
description = "h"
polarity = 1
[categories.hope.terms]
"zebra" = 1
"#;
    write(dir.path(), "lexicons/crisis.toml", local);
    write(dir.path(), "a.txt", "A zebra. Hope.");
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "a.txt",
            "--lexicon",
            "crisis",
            "--out",
            "o",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    assert_eq!(rows[0]["crisis.hope"], "333.3333");
    let run = std::fs::read_to_string(dir.path().join("o/run.json")).unwrap();
    assert!(run.contains("\"version\": \"9.9.9\"") && run.contains("lexicons/crisis.toml"));
}

#[test]
fn two_tone_lexicons_fail_with_a_hint_to_select_one() {
    let dir = tempfile::tempdir().unwrap();
    let mood = r#"format = 1
[lexicon]
id = "mood"
name = "Mood"
version = "1.0.0"
language = "en"
license = "CC0"
description = "d"
sources = ["s"]
tone = true
[categories.glad]
description = "g"
polarity = 1
[categories.glad.terms]
"glad" = 1
"#;
    write(dir.path(), "lexicons/mood.toml", mood);
    write(dir.path(), "a.txt", "Glad news.");
    let out = run_in(
        dir.path(),
        &[
            "analyze", "a.txt", "-l", "tone", "-l", "mood", "--out", "o", "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "lexicons tone and mood both say `tone = true`; select only one of them with --lexicon"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_shows_why() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "The talks were not a success. But there is real hope.",
    );
    let out = run_in(
        dir.path(),
        &["explain", "a.txt", "-l", "tone", "-l", "crisis"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("[success]"), "{text}");
    assert!(text.contains("not(negation)"), "{text}");
    assert!(text.contains("crisis.hope"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when NO_COLOR is set");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // Far more output than a pipe buffers, so writing must meet the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "long.txt",
        "Hope for peace at last. ".repeat(5_000),
    );
    let mut child = bin()
        .args(["explain", "long.txt", "-l", "crisis"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone: the rest of the explanation has nowhere to go.
    let out = child.wait_with_output().unwrap();
    assert!(first.starts_with("== long"), "{first}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_stop_phrase_claims_its_words_and_counts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = r#"format = 1
[lexicon]
id = "blame"
name = "Blame"
version = "1"
language = "en"
license = "CC0"
description = "d"
sources = ["s"]
[categories.fault]
description = "f"
polarity = 0
stop_phrases = ["make no mistake", "clean air"]
[categories.fault.terms]
"mistake" = 2
"#;
    write(dir.path(), "lexicons/blame.toml", lexicon);
    let out = run_in(dir.path(), &["lexicon", "check", "lexicons/blame.toml"]);
    assert_eq!(out.status.code(), Some(1), "a warning, no error");
    assert!(
        stdout(&out).starts_with(
            "lexicons/blame.toml:13:36: warning: stop phrase `clean air` contains no term"
        ),
        "{}",
        stdout(&out)
    );

    write(
        dir.path(),
        "a.txt",
        "Make no mistake about it. The mistake was costly.",
    );
    let args = ["analyze", "a.txt", "--lexicon", "blame", "--out", "o", "-q"];
    let out = run_in(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let frames = read_csv(&dir.path().join("o/frames.csv"));
    assert_eq!(frames[0]["hits"], "1");
    assert_eq!(frames[0]["score"], "2.0000");
    assert_eq!(frames[0]["per_1k"], "111.1111", "1 hit in 9 tokens");
    // The evidence trail holds exactly the counted match: no row for the stop phrase.
    let matches = read_csv(&dir.path().join("o/matches.csv"));
    assert_eq!(matches.len(), 1);
    assert_eq!(matches[0]["matched_text"], "mistake");
    assert_eq!(matches[0]["start"], "30");
    let sentences = read_csv(&dir.path().join("o/sentences.csv"));
    assert_eq!(
        (sentences[0]["hits"].as_str(), sentences[1]["hits"].as_str()),
        ("0", "1")
    );

    // explain names the stop phrase and says that it counted nothing.
    let out = run_in(dir.path(), &["explain", "a.txt", "-l", "blame"]);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("\"Make no mistake\""))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("stop `make no mistake`") && line.contains("counts nothing"),
        "{line}"
    );
    assert!(text.contains("hits   1"), "{text}");
}
