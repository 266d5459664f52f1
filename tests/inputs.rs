//! Inputs that only a real filesystem or a real process can make, through the binary: pipes and
//! devices given by path, folders with what cannot be read in them, and corpora large enough to
//! show a cost that grows too fast. Memory and CPU are bounded by limits set on the child, so a
//! regression fails the test instead of the machine.
#![cfg(unix)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;

/// Runs `command` with its stdin fed "Hope remains. " without end (until it stops reading), in
/// at most `memory` bytes of address space.
fn fed_without_end(mut command: Command, memory: u64) -> Output {
    command
        .env("MALLOC_ARENA_MAX", "2")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit(&mut command, libc::RLIMIT_AS, memory);
    let mut child = command.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let block = "Hope remains. ".repeat(1 << 12);
        // Ends when the run closes its end of the pipe.
        while input.write_all(block.as_bytes()).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

#[test]
fn an_input_of_unknown_size_given_by_path_is_read_up_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut command = bin();
    command
        .args([
            "analyze",
            "/dev/stdin",
            "--max-article-mb",
            "2",
            "--out",
            "o",
            "-q",
        ])
        .current_dir(dir.path());
    let out = fed_without_end(command, 1 << 30);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "/dev/stdin: more than the limit of 2097152 bytes per article (read up to it)"
        ),
        "{err}"
    );
    // A named pipe given by path, as `<(...)` gives one.
    let pipe = dir.path().join("feed.txt");
    mkfifo(&pipe);
    let child = bin()
        .args([
            "analyze",
            "feed.txt",
            "--max-article-mb",
            "1",
            "--out",
            "o",
            "-q",
        ])
        .current_dir(dir.path())
        .env("MALLOC_ARENA_MAX", "2")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut writer = std::fs::OpenOptions::new().write(true).open(&pipe).unwrap();
    let block = "War looms. ".repeat(1 << 12);
    while writer.write_all(block.as_bytes()).is_ok() {}
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("feed.txt: more than the limit of 1048576 bytes"),
        "{err}"
    );
    // Within the limit, a pipe is read whole as one article.
    let small = run_in(dir.path(), &["analyze", "/dev/null", "--out", "o", "-q"]);
    assert_eq!(small.status.code(), Some(1), "{}", stderr(&small));
}

#[test]
fn what_a_folder_walk_cannot_read_is_said_and_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "in/a.txt", GOOD);
    write(root, "in/real/b.txt", "War looms.");
    std::os::unix::fs::symlink(root.join("in/real"), root.join("in/linked")).unwrap();
    std::os::unix::fs::symlink(root.join("in"), root.join("in/real/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("in/broken.txt")).unwrap();
    mkfifo(&root.join("in/pipe.txt"));
    // A folder deeper than the longest path the system takes.
    deep_folder(&root.join("in/deep"), 50, "far.txt");
    let out = run_in(root, &["analyze", "in", "--out", "o", "--pairs", "none"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for said in [
        "skipped in/broken.txt: a link to ",
        "nowhere.txt, which does not exist",
        "skipped in/pipe.txt: not a regular file",
        "skipped in/real: a folder already read; read once",
        "the path is longer than the system allows",
    ] {
        assert!(err.contains(said), "no {said:?} in {err}");
    }
    // The linked folder is read (once), beside the real one.
    let rows = read_csv(&root.join("o/articles.csv"));
    let mut ids: Vec<&str> = rows.iter().map(|r| r["article_id"].as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["a", "linked/b"]);
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("o/run.json")).unwrap()).unwrap();
    let skipped: Vec<&str> = run["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["origin"].as_str().unwrap())
        .collect();
    assert_eq!(skipped.len(), 5, "{skipped:?}");
    assert!(skipped.contains(&"in/pipe.txt"), "{skipped:?}");
}

#[test]
fn a_folder_that_cannot_be_listed_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "in/a.txt", GOOD);
    write(root, "in/closed/b.txt", "War looms.");
    set_mode(&root.join("in/closed"), 0o000);
    let mut command = bin();
    command
        .args(["analyze", "in", "--out", "o", "--pairs", "none"])
        .current_dir(root);
    // Permissions do not bind the superuser: the run is made as nobody where the test is root.
    // SAFETY: getuid cannot fail.
    if unsafe { libc::getuid() } == 0 {
        set_mode(root, 0o777);
        set_mode(&root.join("in"), 0o777);
        as_nobody(&mut command);
    }
    let out = command.output().unwrap();
    set_mode(&root.join("in/closed"), 0o755);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("skipped in/closed: cannot list folder: Permission denied"),
        "{err}"
    );
    assert_eq!(read_csv(&root.join("o/articles.csv")).len(), 1);
}

/// Makes `depth` folders of 100-character names one inside the other under `top`, each made
/// from the one above it (a path from the root to the last one is longer than the system
/// takes), and a text file `name` in the last.
fn deep_folder(top: &Path, depth: usize, name: &str) {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    std::fs::create_dir_all(top).unwrap();
    let path = CString::new(top.as_os_str().as_bytes()).unwrap();
    // SAFETY: every descriptor opened here is checked, used while open, and closed.
    unsafe {
        let mut fd = libc::open(path.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY);
        assert!(fd >= 0);
        for i in 0..depth {
            let folder = CString::new(format!("folder_{i:0>93}")).unwrap();
            assert_eq!(libc::mkdirat(fd, folder.as_ptr(), 0o755), 0);
            let next = libc::openat(fd, folder.as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY);
            assert!(next >= 0);
            libc::close(fd);
            fd = next;
        }
        let file = CString::new(name).unwrap();
        let f = libc::openat(fd, file.as_ptr(), libc::O_WRONLY | libc::O_CREAT, 0o644);
        assert!(f >= 0);
        let text = b"Hope at last.";
        assert_eq!(
            libc::write(f, text.as_ptr().cast(), text.len()),
            text.len() as isize
        );
        libc::close(f);
        libc::close(fd);
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Makes `command` run as the user nobody.
fn as_nobody(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    command.uid(65534).gid(65534);
}

#[test]
fn renaming_repeated_ids_stays_linear_when_their_renamings_exist() {
    let dir = tempfile::tempdir().unwrap();
    // `x#2` ... `x#40001`, then `x` 40,000 times: each repeat of `x` once probed every name
    // taken before it (40,000 x 40,000 hashes, minutes of CPU; now under a second).
    let mut csv = String::from("id,text\n");
    for i in 2..40_002 {
        csv.push_str(&format!("x#{i},hope\n"));
    }
    for _ in 0..40_000 {
        csv.push_str("x,war\n");
    }
    write(dir.path(), "in.csv", &csv);
    let mut command = bin();
    command
        .args([
            "analyze",
            "in.csv",
            "--out",
            "o",
            "-q",
            "--pairs",
            "none",
            "--no-charts",
        ])
        .current_dir(dir.path());
    // Twenty times the CPU the renaming and scoring take, a tenth of what the renaming took.
    limit(&mut command, libc::RLIMIT_CPU, 20);
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{:?}", out.status);
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    assert_eq!(rows.len(), 80_000);
    assert_eq!(rows[40_000]["article_id"], "x");
    assert_eq!(rows[40_001]["article_id"], "x#40002");
    assert_eq!(rows[79_999]["article_id"], "x#80000");
}

#[test]
fn a_json_array_many_times_the_article_limit_is_read_element_by_element() {
    let dir = tempfile::tempdir().unwrap();
    // 20 MB of elements under a limit of 1 MB an article: once refused whole, as it was read
    // whole (at 3 to 27 times its size in memory).
    let mut json = String::from("[\n");
    let text = format!(
        "{} ",
        "Officials said hope remains for peace talks.".repeat(100)
    );
    for i in 0..5000 {
        json.push_str(&format!("{{\"id\": \"a{i}\", \"text\": \"{text}\"}},\n"));
    }
    json.push_str("{\"id\": \"last\", \"text\": \"War.\"}\n]\n");
    assert!(json.len() > 20 << 20);
    write(dir.path(), "big.json", &json);
    let mut command = bin();
    command
        .args([
            "analyze",
            "big.json",
            "--out",
            "o",
            "-q",
            "--max-article-mb",
            "1",
            "--pairs",
            "none",
            "--no-charts",
            "--evidence",
            "none",
        ])
        .current_dir(dir.path())
        .env("MALLOC_ARENA_MAX", "2");
    limit(&mut command, libc::RLIMIT_AS, 1 << 30);
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    assert_eq!(rows.len(), 5001);
    assert_eq!(rows[5000]["article_id"], "last");
}

#[test]
fn an_article_that_may_not_fit_in_memory_is_skipped_alone() {
    let dir = tempfile::tempdir().unwrap();
    // One-word exclamations that all match: the costliest text known, some 155 bytes of memory
    // per byte; 8 MB of it would take 1.2 GB.
    write(dir.path(), "in/big.txt", "War! ".repeat(8_000_000 / 5));
    write(dir.path(), "in/small.txt", GOOD);
    let mut command = bin();
    command
        .args([
            "analyze", "in", "--out", "o", "-q", "--pairs", "none", "--jobs", "2",
        ])
        .current_dir(dir.path())
        .env("MALLOC_ARENA_MAX", "2");
    limit(&mut command, libc::RLIMIT_AS, 700 << 20);
    let out = command.output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("skipped in/big.txt: scoring it may take up to 1220 MB of memory"),
        "{err}"
    );
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["article_id"], "small");
}

#[test]
fn running_out_of_memory_ends_with_a_message_and_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/a.txt", "War! ".repeat(250_000 / 5));
    let first = run_in(
        dir.path(),
        &["analyze", "in", "--out", "o", "-q", "--pairs", "none"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // From far too little memory to enough: each run ends as it should, never in an abort.
    let mut failed_cleanly = 0;
    // Below 32 MB the process cannot start (glibc aborts before main, with the Parquet code
    // mapped too), which says nothing of how framescope ends.
    for mb in (32..=256).step_by(16) {
        let before = output_files(&dir.path().join("o"));
        let mut command = bin();
        command
            .args([
                "analyze",
                "in",
                "--out",
                "o",
                "-q",
                "--pairs",
                "none",
                "--no-charts",
                "--jobs",
                "2",
            ])
            .current_dir(dir.path())
            .env("MALLOC_ARENA_MAX", "2");
        limit(&mut command, libc::RLIMIT_AS, mb << 20);
        let out = command.output().unwrap();
        let err = stderr(&out);
        match out.status.code() {
            Some(0) => {}
            Some(2) => {
                assert!(
                    err.contains("framescope: error: ")
                        && err.contains("out of memory")
                        && err.contains("previous outputs")
                        && err.contains("unchanged"),
                    "{mb} MB: {err}"
                );
                assert_eq!(output_files(&dir.path().join("o")), before, "{mb} MB");
                failed_cleanly += 1;
            }
            other => panic!("{mb} MB: exit {other:?}: {err}"),
        }
    }
    assert!(failed_cleanly > 0, "no limit was low enough to run out");
}

#[test]
fn the_markup_warning_in_articles_csv_names_no_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/a.txt", "<p>Hope <b>remains</b>.</p>");
    let out = run_in(
        dir.path(),
        &["analyze", "in", "--out", "o", "-q", "--no-charts"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("(--html keep scores it as it is)"));
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    assert!(rows[0]["warnings"].ends_with("offsets refer to the text without markup"));
}
