//! Ctrl-C and SIGTERM through the real binary, at the points where a run can be stopped: while it
//! waits for input, once everything is scored and drawn (just before the outputs are put in
//! place), and while `compare` reads a folder. Each run is made to wait on a pipe the test holds,
//! so the signal arrives at a known point whatever the speed of the machine: the run must then
//! exit with 128 + the signal, leave no temporary file or lock, and leave the previous outputs
//! exactly as they were.
#![cfg(unix)]

mod common;

use std::io::{BufReader, Write};
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc;

use common::*;

const A: &str = "The talks were a great success. Officials said hope remains.";
const B: &str = "War and threats. The crisis deepened as troops attacked the city.";

/// A folder of two outlets' articles on one story, analyzed into `o` once.
fn analyzed(dir: &Path) -> Vec<(String, Vec<u8>)> {
    write(dir, "in/a/visit.txt", A);
    write(dir, "in/b/visit.txt", B);
    let first = run_in(dir, &["analyze", "in", "--out", "o", "-q"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(dir.join("o/charts").is_dir());
    output_files(&dir.join("o"))
}

/// What happened first: the pipe was opened by the run, or the run ended.
enum Event {
    Opened(std::fs::File),
    Exited(ExitStatus),
}

/// Waits for `child` in a thread, and opens the named pipe `fifo` for writing in another: the
/// open returns once the run opens the pipe to read it, which is where it then waits.
fn wait_at_pipe(child: Child, fifo: &Path) -> mpsc::Receiver<Event> {
    let (tx, rx) = mpsc::channel();
    let opened = tx.clone();
    let path = fifo.to_path_buf();
    std::thread::spawn(move || {
        if let Ok(f) = std::fs::OpenOptions::new().write(true).open(path) {
            let _ = opened.send(Event::Opened(f));
        }
    });
    exit_events(child, tx);
    rx
}

fn exit_events(mut child: Child, tx: mpsc::Sender<Event>) {
    std::thread::spawn(move || {
        let status = child.wait().unwrap();
        let _ = tx.send(Event::Exited(status));
    });
}

/// The next exit among `events` (an open of the pipe after the run ended means nothing).
fn exited(events: &mpsc::Receiver<Event>) -> ExitStatus {
    loop {
        if let Event::Exited(status) = events.recv().unwrap() {
            return status;
        }
    }
}

/// Runs `analyze` again into `o`, whose run.json is made a pipe: the run reads it once every
/// article is scored and every chart drawn, just before it replaces anything. Sends `signal`
/// there (`twice`: a second time once the first was acknowledged), then lets the run read the
/// manifest; returns its exit status and what it said.
fn signal_before_commit(dir: &Path, signal: i32, twice: bool) -> (ExitStatus, String) {
    let run_json = dir.join("o/run.json");
    let saved = std::fs::read(&run_json).unwrap();
    std::fs::remove_file(&run_json).unwrap();
    mkfifo(&run_json);
    let mut child = bin()
        .args(["analyze", "in", "--out", "o", "-q"])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let events = wait_at_pipe(child, &run_json);
    let mut pipe = match events.recv().unwrap() {
        Event::Opened(pipe) => pipe,
        Event::Exited(status) => panic!("the run ended before it read run.json: {status}"),
    };
    // The run is reading the manifest: everything is scored and drawn.
    send_signal(pid, signal);
    let mut said = String::new();
    assert!(read_until(&mut err, &mut said, "interrupted"), "{said}");
    if twice {
        send_signal(pid, signal);
        let status = exited(&events);
        drop(pipe);
        std::io::Read::read_to_string(&mut err, &mut said).unwrap();
        return (status, said);
    }
    pipe.write_all(&saved).unwrap();
    drop(pipe);
    let status = exited(&events);
    std::io::Read::read_to_string(&mut err, &mut said).unwrap();
    (status, said)
}

/// The outputs are those of the first run, but for run.json, still the pipe the test made.
fn assert_unchanged(dir: &Path, before: &[(String, Vec<u8>)]) {
    let after = output_files(&dir.join("o"));
    let without_manifest = |files: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|(n, _)| n != "run.json")
            .cloned()
            .collect()
    };
    assert_eq!(
        without_manifest(&after),
        without_manifest(before),
        "previous outputs changed, or files left"
    );
    assert!(after.iter().any(|(n, b)| n == "run.json" && b == b"<fifo>"));
    assert_eq!(hidden_files(&dir.join("o")), Vec::<String>::new());
}

#[test]
fn ctrl_c_once_everything_is_scored_and_drawn_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let before = analyzed(dir.path());
    let (status, said) = signal_before_commit(dir.path(), libc::SIGINT, false);
    assert_eq!(status.code(), Some(130), "{said}");
    assert!(
        said.contains("nothing was replaced: the previous outputs in o are unchanged"),
        "{said}"
    );
    assert_unchanged(dir.path(), &before);
}

#[test]
fn sigterm_is_handled_as_ctrl_c_and_exits_143() {
    let dir = tempfile::tempdir().unwrap();
    let before = analyzed(dir.path());
    let (status, said) = signal_before_commit(dir.path(), libc::SIGTERM, false);
    assert_eq!(status.code(), Some(143), "{said}");
    assert!(said.contains("interrupted (SIGTERM)"), "{said}");
    assert_unchanged(dir.path(), &before);
}

#[test]
fn a_second_signal_quits_at_once_and_still_removes_the_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let before = analyzed(dir.path());
    let (status, said) = signal_before_commit(dir.path(), libc::SIGINT, true);
    assert_eq!(status.code(), Some(130), "{said}");
    assert!(said.contains("quit at once"), "{said}");
    assert_unchanged(dir.path(), &before);
}

#[test]
fn ctrl_c_while_waiting_for_input_stops_without_waiting_for_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let before = analyzed(dir.path());
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        let mut child = bin()
            .args(["analyze", "-", "--format", "jsonl", "--out", "o", "-q"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let mut input = child.stdin.take().unwrap();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        // More than a pipe holds: once written, the run is reading, so it has opened its
        // temporary files and locked the folder.
        let line = format!("{{\"text\": \"{A}\"}}\n");
        input.write_all(line.repeat(4000).as_bytes()).unwrap();
        send_signal(pid, signal);
        let mut said = String::new();
        assert!(read_until(&mut err, &mut said, "interrupted"), "{said}");
        // The input stays open: the run must end without it. Should it wait, the watchdog ends
        // it after two minutes and the status below fails the test rather than hanging it.
        let (tx, events) = mpsc::channel();
        exit_events(child, tx);
        let status = match events.recv_timeout(std::time::Duration::from_secs(120)) {
            Ok(Event::Exited(status)) => status,
            _ => {
                send_signal(pid, libc::SIGKILL);
                exited(&events)
            }
        };
        drop(input);
        std::io::Read::read_to_string(&mut err, &mut said).unwrap();
        assert_eq!(status.code(), Some(code), "{said}");
        assert!(said.contains("interrupted after"), "{said}");
        assert_eq!(output_files(&dir.path().join("o")), before, "{said}");
    }
}

#[test]
fn compare_stops_on_ctrl_c_and_keeps_the_previous_comparisons() {
    let dir = tempfile::tempdir().unwrap();
    let before = analyzed(dir.path());
    for (signal, code) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        // articles.csv as a pipe: compare reads it first, and waits there.
        let articles = dir.path().join("o/articles.csv");
        let saved = before
            .iter()
            .find(|(n, _)| n == "articles.csv")
            .unwrap()
            .1
            .clone();
        let _ = std::fs::remove_file(&articles);
        mkfifo(&articles);
        let mut child = bin()
            .args(["compare", "o", "-q", "--seed", "7"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let events = wait_at_pipe(child, &articles);
        let mut pipe = match events.recv().unwrap() {
            Event::Opened(pipe) => pipe,
            Event::Exited(status) => panic!("compare ended before it read articles.csv: {status}"),
        };
        send_signal(pid, signal);
        let mut said = String::new();
        assert!(read_until(&mut err, &mut said, "interrupted"), "{said}");
        pipe.write_all(&saved).unwrap();
        drop(pipe);
        let status = exited(&events);
        std::io::Read::read_to_string(&mut err, &mut said).unwrap();
        assert_eq!(status.code(), Some(code), "{said}");
        assert!(
            said.contains("the previous comparisons in o are unchanged"),
            "{said}"
        );
        let after = output_files(&dir.path().join("o"));
        let others = |files: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
            files
                .iter()
                .filter(|(n, _)| n != "articles.csv")
                .cloned()
                .collect()
        };
        assert_eq!(others(&after), others(&before), "{said}");
        assert_eq!(hidden_files(&dir.path().join("o")), Vec::<String>::new());
    }
}
