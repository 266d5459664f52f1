//! The analyze command end to end: the real binary on fixtures in a temp folder.

mod common;

use common::*;

#[test]
fn examples_write_all_outputs_and_rank_as_a_reader_would() {
    let dir = tempfile::tempdir().unwrap();
    let examples = project_root().join("examples/articles");
    let out = run_in(
        dir.path(),
        &["analyze", examples.to_str().unwrap(), "--out", "out"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for f in [
        "articles.csv",
        "frames.csv",
        "sentences.csv",
        "matches.csv",
        "run.json",
    ] {
        assert!(dir.path().join("out").join(f).is_file(), "{f} missing");
    }
    let articles = read_csv(&dir.path().join("out/articles.csv"));
    assert_eq!(articles.len(), 6);
    let wire = row(&articles, "global-wire/state-visit");
    let opinion = row(&articles, "morning-herald/state-visit");
    assert_eq!(wire["group"], "global-wire");
    assert_eq!(
        wire["title"],
        "Foreign minister arrives in Valdora for first visit in six years"
    );
    // The upbeat opinion piece leans on hope; the wire report attributes its claims.
    assert!(num(opinion, "crisis.hope") > 2.0 * num(wire, "crisis.hope"));
    assert!(num(wire, "stance.attribution") > 2.0 * num(opinion, "stance.attribution"));
    assert!(num(opinion, "tone") > num(wire, "tone"));
    assert_eq!(opinion["crisis.dominant"], "hope");

    let frames = read_csv(&dir.path().join("out/frames.csv"));
    let hope = frames
        .iter()
        .find(|r| r["article_id"] == "morning-herald/state-visit" && r["category"] == "hope")
        .unwrap();
    assert_eq!(hope["lexicon"], "crisis");
    assert_eq!(hope["per_1k"], opinion["crisis.hope"]);

    // The evidence trail: offsets slice the original text to the matched text.
    let text = std::fs::read_to_string(examples.join("morning-herald/state-visit.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let matches = read_csv(&dir.path().join("out/matches.csv"));
    let mine: Vec<_> = matches
        .iter()
        .filter(|m| m["article_id"] == "morning-herald/state-visit")
        .collect();
    assert!(mine.len() > 20);
    for m in &mine {
        let (s, e) = (num(m, "start") as usize, num(m, "end") as usize);
        assert_eq!(chars[s..e].iter().collect::<String>(), m["matched_text"]);
    }
    let hope_hits = mine
        .iter()
        .filter(|m| m["lexicon"] == "crisis" && m["category"] == "hope" && m["negated"] == "false")
        .count();
    assert_eq!(hope_hits.to_string(), hope["hits"]);

    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out/run.json")).unwrap())
            .unwrap();
    assert_eq!(run["articles"], 6);
    assert_eq!(run["exit_code"], 0);
    assert!(run["lexicons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["id"] == "tone" && l["sha256"].as_str().unwrap().len() == 64));
}

#[test]
fn same_inputs_give_the_same_bytes_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let examples = project_root().join("examples/articles");
    let a = run_in(
        dir.path(),
        &[
            "analyze",
            examples.to_str().unwrap(),
            "--out",
            "a",
            "--jobs",
            "1",
            "-q",
        ],
    );
    let b = run_in(
        dir.path(),
        &[
            "analyze",
            examples.to_str().unwrap(),
            "--out",
            "b",
            "--jobs",
            "2",
            "-q",
        ],
    );
    assert!(a.status.success() && b.status.success());
    for f in ["articles.csv", "frames.csv", "sentences.csv", "matches.csv"] {
        let x = std::fs::read(dir.path().join("a").join(f)).unwrap();
        let y = std::fs::read(dir.path().join("b").join(f)).unwrap();
        assert!(x == y, "{f} differs between runs");
    }
}

#[test]
fn files_read_ahead_on_threads_give_the_same_outputs_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    // The examples' outlets, each a folder of articles.
    for outlet in std::fs::read_dir(project_root().join("examples/articles")).unwrap() {
        let outlet = outlet.unwrap().path();
        for article in std::fs::read_dir(&outlet).unwrap() {
            let article = article.unwrap().path();
            let name = article.strip_prefix(outlet.parent().unwrap()).unwrap();
            write(
                &corpus,
                name.to_str().unwrap(),
                std::fs::read(&article).unwrap(),
            );
        }
    }
    write(&corpus, "wire/binary.txt", [0u8, 1, 2, 0, 0, 0, 7, 0, 0, 0]);
    write(&corpus, "wire/latin.txt", b"Caf\xe9 talks ended in hope.");
    write(
        &corpus,
        "wire/page.txt",
        "<p>Peace <b>talks</b> resumed.</p>",
    );
    for i in 0..40 {
        write(
            &corpus,
            &format!("opinion/{i:02}.txt"),
            format!("Op-ed {i}: {GOOD}"),
        );
    }
    let run = |out: &str, extra: &[&str]| {
        let mut args = vec!["analyze", "corpus", "--out", out, "-q", "--jobs", "2"];
        args.extend(extra);
        let o = run_in(dir.path(), &args);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let files: Vec<(String, Vec<u8>)> = output_files(&dir.path().join(out))
            .into_iter()
            .filter(|(name, _)| name != "run.json")
            .collect();
        (files, stderr(&o).replace(out, "<out>"))
    };
    let (files, messages) = run("one-thread", &["--read-threads", "0"]);
    assert!(files.len() > 10, "{files:?}");
    assert!(
        messages.contains("binary.txt") && messages.contains("latin.txt"),
        "{messages}"
    );
    let read_ahead = run("read-ahead", &["--read-threads", "3"]);
    assert!(
        read_ahead == (files, messages),
        "outputs or messages differ"
    );
    let o = run_in(dir.path(), &["analyze", "corpus", "--read-threads", "17"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--read-threads must be at most 16"));
}

#[test]
fn csv_and_jsonl_inputs_with_other_column_names() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "in.csv",
        "doc_id,outlet,body\n1,A,\"The talks were a great success, officials said.\"\n2,B,\"A terrible, bloody attack.\"\n",
    );
    write(
        dir.path(),
        "in.jsonl",
        "{\"id\": 7, \"source\": \"C\", \"content\": \"Hope at last.\"}\n",
    );
    let out = run_in(
        dir.path(),
        &["analyze", "in.csv", "in.jsonl", "--out", "o", "-q"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    let ids: Vec<&str> = rows.iter().map(|r| r["article_id"].as_str()).collect();
    assert_eq!(ids, ["1", "2", "7"]);
    assert_eq!(row(&rows, "2")["group"], "B");
    assert!(num(row(&rows, "1"), "tone") > 0.0);
    assert!(num(row(&rows, "2"), "tone") < 0.0);
}

#[test]
fn a_missing_text_column_names_the_columns_and_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.csv", "id,words\n1,hello\n");
    let out = run_in(dir.path(), &["analyze", "in.csv", "--out", "o"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("columns found: id, words") && err.contains("--text-col"),
        "{err}"
    );
    assert!(!dir.path().join("o/articles.csv").exists());
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "in.csv",
            "--out",
            "o",
            "--text-col",
            "words",
            "-q",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_bad_file_is_skipped_and_the_good_ones_written() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/good.txt", "Peace at last.");
    write(dir.path(), "in/binary.txt", b"\x00\x01\x02PNG");
    write(dir.path(), "in/latin1.txt", b"Caf\xe9 talks were good.");
    let out = run_in(dir.path(), &["analyze", "in", "--out", "o", "-q"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("binary.txt: binary data (NUL byte at byte 0)"),
        "{err}"
    );
    assert!(err.contains("latin1.txt: invalid UTF-8 at byte 3"), "{err}");
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    assert_eq!(rows.len(), 2);
    assert!(row(&rows, "latin1")["warnings"].contains("invalid UTF-8 at byte 3"));
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("o/run.json")).unwrap())
            .unwrap();
    assert_eq!(run["skipped"].as_array().unwrap().len(), 1);
    assert_eq!(run["exit_code"], 1);
}

#[test]
fn an_empty_article_gets_empty_rates_not_nan() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/empty.txt", "");
    write(dir.path(), "in/dots.txt", "... !!! ???");
    let out = run_in(dir.path(), &["analyze", "in", "--out", "o", "-q"]);
    // An article without words is scored, with a warning (exit 1).
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    for r in &rows {
        assert_eq!(r["tokens"], "0");
        assert_eq!(r["tone"], "");
        assert_eq!(r["crisis.hope"], "");
        assert!(r.values().all(|v| !v.contains("NaN") && !v.contains("inf")));
    }
}
