//! The output folder through the real binary: one run at a time (a lock that names its holder),
//! nothing replaced when comparisons or charts cannot be written, only this tool's files ever
//! removed, and `compare` refusing a folder that is not as `analyze` left it.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use common::*;

const A: &str = "The talks were a great success. Officials said hope remains.";
const B: &str = "War and threats. The crisis deepened as troops attacked the city.";

fn two_outlets(dir: &Path) {
    write(dir, "in/a/visit.txt", A);
    write(dir, "in/b/visit.txt", B);
}

fn analyze(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["analyze", "in", "--out", "o", "-q"];
    args.extend(extra);
    run_in(dir, &args)
}

fn manifest(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("run.json")).unwrap()).unwrap()
}

/// The files run.json lists, and those in the folder but run.json itself, sorted.
fn listed_and_present(dir: &Path) -> (Vec<String>, Vec<String>) {
    let mut listed: Vec<String> = manifest(dir)["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["file"].as_str().unwrap().to_string())
        .collect();
    listed.sort();
    let present = output_files(dir)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name != "run.json")
        .collect();
    (listed, present)
}

#[test]
#[cfg(unix)]
fn a_second_run_into_a_folder_in_use_is_refused_with_the_holder_named() {
    let dir = tempfile::tempdir().unwrap();
    two_outlets(dir.path());
    let mut first = bin()
        .args(["analyze", "-", "--format", "jsonl", "--out", "o", "-q"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = first.stdin.take().unwrap();
    // More than a pipe holds: once written, the first run is reading its input, so it has
    // locked the folder.
    let lines: String = (0..4000)
        .map(|i| format!("{{\"id\": \"x{i}\", \"text\": \"{A}\"}}\n"))
        .collect();
    input.write_all(lines.as_bytes()).unwrap();

    let second = analyze(dir.path(), &[]);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "o is being written by another framescope run (process {}, running since ",
            first.id()
        )),
        "{err}"
    );
    assert!(err.contains("(--out)"), "{err}");
    // compare and validate keep out too.
    let compare = run_in(dir.path(), &["compare", "in", "--out", "o", "-q"]);
    assert_eq!(compare.status.code(), Some(2));

    drop(input);
    let status = first.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let run = manifest(&dir.path().join("o"));
    assert_eq!(run["articles"], 4000);
    let (listed, present) = listed_and_present(&dir.path().join("o"));
    assert_eq!(
        listed, present,
        "the folder holds what run.json lists, no lock"
    );
    // Released: the next run goes ahead.
    assert_eq!(analyze(dir.path(), &[]).status.code(), Some(0));
}

#[test]
fn a_lock_file_no_process_holds_does_not_keep_a_run_out() {
    let dir = tempfile::tempdir().unwrap();
    two_outlets(dir.path());
    // As a killed run leaves it, naming a process that is alive (pid 1) but holds no lock.
    write(
        dir.path(),
        "o/.framescope.lock",
        "pid 1\nsince 2020-01-01T00:00:00Z\n",
    );
    let out = analyze(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!dir.path().join("o/.framescope.lock").exists());
}

#[test]
#[cfg(unix)]
fn a_full_disk_during_comparisons_or_charts_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    two_outlets(dir.path());
    assert_eq!(analyze(dir.path(), &[]).status.code(), Some(0));
    let before = output_files(&dir.path().join("o"));
    let size = |name: &str| before.iter().find(|(n, _)| n == name).unwrap().1.len();
    // A limit on file size the tables and comparison files keep to and the charts pass: writes
    // past it fail as on a full disk.
    let limit_bytes = 64 << 10;
    assert!(size("comparison.csv") < limit_bytes && size("charts/frames.png") > limit_bytes);
    for args in [
        &["analyze", "in", "--out", "o", "-q"][..],
        &["compare", "o", "-q"][..],
    ] {
        let mut command = bin();
        command.args(args).current_dir(dir.path());
        limit(&mut command, libc::RLIMIT_FSIZE, limit_bytes as u64);
        let out = command.output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("File too large"), "{err}");
        assert!(err.contains("unchanged"), "{err}");
        assert_eq!(
            output_files(&dir.path().join("o")),
            before,
            "{args:?}: previous outputs changed or temporary files left"
        );
    }
}

#[test]
fn no_charts_removes_only_the_charts_a_run_listed() {
    let dir = tempfile::tempdir().unwrap();
    two_outlets(dir.path());
    // A folder that never held our outputs, with a chart of the user's own.
    write(dir.path(), "o/charts/difference_mine.png", "mine");
    write(dir.path(), "o/charts/tone.png", "mine too");
    write(dir.path(), "o/notes.md", "notes");
    let out = analyze(dir.path(), &["--no-charts"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (name, content) in [
        ("charts/difference_mine.png", "mine"),
        ("charts/tone.png", "mine too"),
        ("notes.md", "notes"),
    ] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join("o").join(name)).unwrap(),
            content
        );
    }
    // Charts a run drew and listed go when the next run draws none.
    std::fs::remove_dir_all(dir.path().join("o")).unwrap();
    assert_eq!(analyze(dir.path(), &[]).status.code(), Some(0));
    write(dir.path(), "o/charts/mine.png", "mine");
    assert_eq!(analyze(dir.path(), &["--no-charts"]).status.code(), Some(0));
    let left: Vec<String> = output_files(&dir.path().join("o/charts"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(left, ["mine.png"]);
}

#[test]
fn a_run_killed_during_its_renames_is_told_apart_and_cleaned_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    two_outlets(dir.path());
    // Run A (every match) in o, run B (no matches.csv, one more article) in b.
    assert_eq!(analyze(dir.path(), &[]).status.code(), Some(0));
    write(dir.path(), "in/c/visit.txt", "Hope and peace at last.");
    let b = run_in(
        dir.path(),
        &["analyze", "in", "--out", "b", "-q", "--evidence", "none"],
    );
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    // What B would leave in o, killed after its first rename: A's manifest moved aside, B's
    // waiting under its temporary name, B's articles.csv beside A's other files.
    let o = dir.path().join("o");
    std::fs::rename(o.join("run.json"), o.join(".run.json.tmp-999999.previous")).unwrap();
    std::fs::copy(
        dir.path().join("b/run.json"),
        o.join(".run.json.tmp-999999"),
    )
    .unwrap();
    std::fs::copy(dir.path().join("b/articles.csv"), o.join("articles.csv")).unwrap();

    let compare = run_in(dir.path(), &["compare", "o", "-q"]);
    let err = stderr(&compare);
    assert_eq!(compare.status.code(), Some(2), "{err}");
    assert!(
        err.contains("run.json: missing, though o holds outputs: the run that wrote them was stopped while it put them in place"),
        "{err}"
    );
    // The next run into o removes the files of either run it does not write again (A's
    // matches.csv), and nothing but its own outputs is left.
    let next = analyze(dir.path(), &["--evidence", "none"]);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    let (listed, present) = listed_and_present(&o);
    assert_eq!(listed, present);
    assert!(!o.join("matches.csv").exists());
}

#[test]
fn compare_refuses_tables_changed_after_analyze_and_says_why_keyness_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    two_outlets(dir.path());
    assert_eq!(analyze(dir.path(), &[]).status.code(), Some(0));
    let o = dir.path().join("o");
    let comparison = std::fs::read(o.join("comparison.csv")).unwrap();
    let original = std::fs::read_to_string(o.join("articles.csv")).unwrap();
    // A number changed by hand.
    let edited = original.replacen(",1000.0000,", ",999.0000,", 1);
    let edited = if edited == original {
        original.replacen("0.0000", "1.0000", 1)
    } else {
        edited
    };
    assert_ne!(edited, original);
    std::fs::write(o.join("articles.csv"), &edited).unwrap();
    let out = run_in(dir.path(), &["compare", "o", "-q"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("articles.csv: not the file run.json lists")
            && err.contains("changed after `analyze` wrote it"),
        "{err}"
    );
    assert_eq!(std::fs::read(o.join("comparison.csv")).unwrap(), comparison);

    // A match list deleted to save room: compared without keyness, for that reason.
    std::fs::write(o.join("articles.csv"), &original).unwrap();
    std::fs::remove_file(o.join("matches.csv")).unwrap();
    let out = run_in(dir.path(), &["compare", "o"]);
    let text = stdout(&out) + &std::fs::read_to_string(o.join("summary.md")).unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        text.contains("matches.csv is missing from this output folder"),
        "{text}"
    );
    assert!(!text.contains("limited --evidence"), "{text}");
    // compare keeps run.json true: it lists the comparison files as they now are.
    let (listed, present) = listed_and_present(&o);
    assert_eq!(
        listed
            .iter()
            .filter(|f| *f != "matches.csv")
            .collect::<Vec<_>>(),
        present.iter().collect::<Vec<_>>()
    );
}

#[test]
fn comparisons_written_apart_name_their_scores_and_stay_out_of_other_runs() {
    let dir = tempfile::tempdir().unwrap();
    two_outlets(dir.path());
    assert_eq!(analyze(dir.path(), &[]).status.code(), Some(0));
    let out = run_in(dir.path(), &["compare", "o", "--out", "c", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let c = dir.path().join("c");
    assert_eq!(manifest(&c)["compared_from"], "o");
    let (listed, present) = listed_and_present(&c);
    assert_eq!(listed, present);
    // That folder holds comparisons, not scores.
    let again = run_in(dir.path(), &["compare", "c", "-q"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("holds the comparisons of o, not scores"),
        "{}",
        stderr(&again)
    );
    // Comparisons are not written over another run's scores.
    let p = run_in(dir.path(), &["analyze", "in", "--out", "p", "-q"]);
    assert_eq!(p.status.code(), Some(0));
    let before = output_files(&dir.path().join("p"));
    let into = run_in(dir.path(), &["compare", "o", "--out", "p", "-q"]);
    assert_eq!(into.status.code(), Some(2));
    assert!(
        stderr(&into).contains("p holds the scores of another `analyze` run"),
        "{}",
        stderr(&into)
    );
    assert_eq!(output_files(&dir.path().join("p")), before);
}
