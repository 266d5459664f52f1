//! Stories and kept fields end to end: the story of each article (from folders, files given by
//! path and table columns) in articles.csv, input fields carried through with `--keep-col`, and
//! `--match-stories` finding the same story across outlets from the texts alone.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::*;

fn run_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("run.json")).unwrap()).unwrap()
}

fn examples() -> std::path::PathBuf {
    project_root().join("examples/articles")
}

#[test]
fn articles_of_a_folder_report_the_story_of_their_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &["analyze", examples().to_str().unwrap(), "-o", "out", "-q"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let articles = read_csv(&dir.path().join("out/articles.csv"));
    let wire = row(&articles, "global-wire/state-visit");
    assert_eq!(
        (wire["group"].as_str(), wire["story"].as_str()),
        ("global-wire", "state-visit")
    );
    let header = std::fs::read_to_string(dir.path().join("out/articles.csv")).unwrap();
    assert!(
        header.starts_with("article_id,group,story,date,title,"),
        "{header}"
    );
}

#[test]
fn files_given_by_path_are_told_apart_as_folders_are() {
    let dir = tempfile::tempdir().unwrap();
    for outlet in ["a", "b"] {
        let text = std::fs::read_to_string(examples().join(if outlet == "a" {
            "global-wire/state-visit.txt"
        } else {
            "morning-herald/state-visit.txt"
        }))
        .unwrap();
        write(dir.path(), &format!("{outlet}/state-visit.txt"), text);
    }
    write(
        dir.path(),
        "b/factory.txt",
        "The factory closed. Workers fear for their jobs.",
    );
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "a/state-visit.txt",
            "b/state-visit.txt",
            "b/factory.txt",
            "-o",
            "out",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let articles = read_csv(&dir.path().join("out/articles.csv"));
    let cells = |id: &str| {
        let r = row(&articles, id);
        (r["group"].clone(), r["story"].clone())
    };
    assert_eq!(cells("a/state-visit"), ("a".into(), "state-visit".into()));
    assert_eq!(cells("b/state-visit"), ("b".into(), "state-visit".into()));
    // A file whose name no other file shares keeps its id, without a group, as a file alone.
    assert_eq!(cells("factory"), (String::new(), String::new()));
    let run = run_json(&dir.path().join("out"));
    assert_eq!(run["warnings"].as_array().unwrap().len(), 0, "{run}");

    let out = run_in(
        dir.path(),
        &["analyze", "a/state-visit.txt", "-o", "alone", "-q"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let articles = read_csv(&dir.path().join("alone/articles.csv"));
    assert_eq!(row(&articles, "state-visit")["group"], "");
    // The same file twice is still one id given twice.
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "a/state-visit.txt",
            "./a/state-visit.txt",
            "-o",
            "twice",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("duplicate id `state-visit` renamed `state-visit#2`"));
}

#[test]
fn a_story_column_and_kept_fields_go_into_articles_csv() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "news.csv",
        "id,outlet,event,date,topic,text\n\
         1,wire,visit,2024-05-01,=1+1,Talks resumed in hope.\n\
         2,herald,visit,2024-05-02,-3.5,A hopeful day for peace.\n\
         3,herald,,2024-05-03,@SUM(A1),Fear grew after the attack.\n",
    );
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "news.csv",
            "--keep-col",
            "event,topic",
            "-o",
            "out",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("out/articles.csv")).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    // The `date` column is recognised by its name, and read as a date.
    assert_eq!(&header[..4], ["article_id", "group", "story", "date"]);
    assert_eq!(&header[header.len() - 3..], ["warnings", "event", "topic"]);
    let articles = read_csv(&dir.path().join("out/articles.csv"));
    let cells = |id: &str| {
        let r = row(&articles, id);
        [r["story"].clone(), r["date"].clone(), r["topic"].clone()]
    };
    // Text a spreadsheet would run as a formula starts with `'`; numbers stay numbers.
    assert_eq!(cells("1"), ["visit", "2024-05-01", "'=1+1"]);
    assert_eq!(cells("2"), ["visit", "2024-05-02", "-3.5"]);
    assert_eq!(cells("3"), ["", "2024-05-03", "'@SUM(A1)"]);
    let run = run_json(&dir.path().join("out"));
    assert_eq!(
        run["settings"]["kept_columns"],
        serde_json::json!(["event", "topic"])
    );

    // --story-col names another column; a named column that is missing is an error.
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "news.csv",
            "--story-col",
            "date",
            "-o",
            "dated",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let articles = read_csv(&dir.path().join("dated/articles.csv"));
    assert_eq!(row(&articles, "2")["story"], "2024-05-02");
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "news.csv",
            "--keep-col",
            "topic",
            "--keep-col",
            "author",
            "-o",
            "x",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "column `author` not found (--keep-col); columns found: id, outlet, event, date, topic, text"
        ),
        "{}",
        stderr(&out)
    );
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "news.csv",
            "--story-col",
            "desk",
            "-o",
            "x",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("column `desk` not found (--story-col)"));
    let out = run_in(
        dir.path(),
        &["analyze", "news.csv", "--keep-col", "tone", "-o", "x", "-q"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("articles.csv has a column of that name already"));
    let out = run_in(
        dir.path(),
        &["analyze", "news.csv", "--keep-col", "date", "-o", "x", "-q"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("articles.csv has a column of that name already"));
    assert!(stderr(&out).contains("--date-col"), "{}", stderr(&out));
}

#[test]
fn kept_fields_need_inputs_with_fields() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            examples().to_str().unwrap(),
            "--keep-col",
            "date",
            "-o",
            "out",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is a folder of text files, which has no fields"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("out").exists());
}

/// The six example articles under file names that differ per outlet, so that no name tells
/// which report the same story.
fn renamed_examples(dir: &Path) -> HashMap<String, String> {
    let mut story_of = HashMap::new();
    for (outlet, prefix) in [("global-wire", "wire"), ("morning-herald", "herald")] {
        for (i, story) in ["ceasefire", "factory", "state-visit"].iter().enumerate() {
            let text =
                std::fs::read_to_string(examples().join(format!("{outlet}/{story}.txt"))).unwrap();
            // Numbered against the order of the stories, so that the order does not tell either.
            let number = if outlet == "global-wire" { i } else { 2 - i };
            let name = format!("{prefix}-{number}");
            write(dir, &format!("in/{outlet}/{name}.txt"), text);
            story_of.insert(format!("{outlet}/{name}"), story.to_string());
        }
    }
    story_of
}

#[test]
fn matching_stories_pairs_the_examples_from_their_texts() {
    let dir = tempfile::tempdir().unwrap();
    let story_of = renamed_examples(dir.path());
    let out = run_in(
        dir.path(),
        &["analyze", "in", "--match-stories", "-o", "out", "-q"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pairs = read_csv(&dir.path().join("out/stories.csv"));
    assert_eq!(pairs.len(), 3, "{pairs:?}");
    for p in &pairs {
        assert_eq!(story_of[&p["a"]], story_of[&p["b"]], "{p:?}");
        assert_eq!(
            (p["group_a"].as_str(), p["group_b"].as_str()),
            ("global-wire", "morning-herald")
        );
        let similarity: f64 = p["similarity"].parse().unwrap();
        assert!((0.1..=1.0).contains(&similarity), "{p:?}");
    }
    let mut stories: Vec<&str> = pairs.iter().map(|p| p["story"].as_str()).collect();
    stories.sort();
    assert_eq!(stories, ["match-001", "match-002", "match-003"]);
    let run = run_json(&dir.path().join("out"));
    assert!(run["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["file"] == "stories.csv"));

    // `compare` finds the same pairs again from sentences.csv.
    let out = run_in(
        dir.path(),
        &["compare", "out", "--match-stories", "-o", "again", "-q"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("again/stories.csv")).unwrap(),
        std::fs::read(dir.path().join("out/stories.csv")).unwrap()
    );

    // Above every pair's similarity, nothing is matched.
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "in",
            "--match-stories",
            "--story-threshold",
            "0.9",
            "-o",
            "strict",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(read_csv(&dir.path().join("strict/stories.csv")).is_empty());
    let out = run_in(
        dir.path(),
        &["analyze", "in", "--story-threshold", "0.5", "-o", "x"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn folders_written_before_the_story_column_are_still_compared() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            examples().to_str().unwrap(),
            "-o",
            "out",
            "-q",
            "--no-charts",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // articles.csv as earlier versions wrote it: without the story column.
    let path = dir.path().join("out/articles.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header = reader.headers().unwrap().clone();
    let story = header.iter().position(|h| h == "story").unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let keep = |r: &csv::StringRecord| -> Vec<String> {
        r.iter()
            .enumerate()
            .filter(|&(i, _)| i != story)
            .map(|(_, c)| c.to_string())
            .collect()
    };
    writer.write_record(keep(&header)).unwrap();
    for r in reader.records() {
        writer.write_record(keep(&r.unwrap())).unwrap();
    }
    let old = writer.into_inner().unwrap();
    std::fs::write(&path, &old).unwrap();
    // ... and run.json as they wrote it beside it: with that file's size and hash.
    let run_json = dir.path().join("out/run.json");
    let mut run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&run_json).unwrap()).unwrap();
    for entry in run["outputs"].as_array_mut().unwrap() {
        if entry["file"] == "articles.csv" {
            let sha256: String =
                sha2::Digest::finalize(<sha2::Sha256 as sha2::Digest>::new_with_prefix(&old))
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
            entry["bytes"] = old.len().into();
            entry["sha256"] = sha256.into();
        }
    }
    std::fs::write(&run_json, serde_json::to_vec_pretty(&run).unwrap()).unwrap();
    let out = run_in(
        dir.path(),
        &["compare", "out", "--match-stories", "--no-charts", "-q"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The stories found from the ids pair the example articles already: nothing to match.
    assert!(read_csv(&dir.path().join("out/stories.csv")).is_empty());
}
