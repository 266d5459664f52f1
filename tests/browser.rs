//! report.html in a real browser: headless Chromium opens it offline and must render it, every
//! chart decoded, the matches marked, no script error; and screenshots at a desktop's and a
//! phone's width must show a page. Skips, and says so, where Chromium is not installed (`.ci/run`
//! installs it).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// The Chromium on the PATH, if any.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs headless Chromium on `page` with `extra` flags, in a fresh profile, with nothing it may
/// reach over the network; returns its stdout and stderr. Fails the test rather than hang when
/// it does not finish in two minutes.
fn run_chromium(browser: &Path, profile: &Path, extra: &[String], page: &Path) -> (String, String) {
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ]
    .map(String::from)
    .to_vec();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(extra.iter().cloned());
    args.push(format!("file://{}", page.display()));
    let mut child = Command::new(browser)
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let reading = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).ok();
        s
    });
    let reading_err = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).ok();
        s
    });
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish with {args:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (reading.join().unwrap(), reading_err.join().unwrap())
}

/// The value of `data-NAME` on the page's body in a dumped DOM.
fn data<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let at = dom.find(&format!("data-{name}=\""))? + name.len() + 7;
    dom[at..].split('"').next()
}

#[test]
fn the_report_renders_in_a_browser_offline() {
    let Some(browser) = chromium() else {
        eprintln!(
            "skipped: chromium is not installed, so report.html is not opened in a browser (.ci/run installs it)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let examples = project_root().join("examples/articles");
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            examples.to_str().unwrap(),
            "-o",
            "o",
            "-q",
            "--bootstrap",
            "200",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = dir.path().join("o/report.html");
    let html = std::fs::read_to_string(&report).unwrap();
    let charts = std::fs::read_dir(dir.path().join("o/charts"))
        .unwrap()
        .count();

    // A copy with a check that runs once the page has loaded: how many images decoded, how
    // many marks, and that the findings' links lead somewhere.
    let check = r##"<script>
addEventListener('load', () => {
  const images = [...document.images];
  const decoded = images.filter(i => i.complete && i.naturalWidth > 0).length;
  const links = [...document.querySelectorAll('a[href^="#"]')];
  const broken = links.filter(a => !document.getElementById(a.getAttribute('href').slice(1))).length;
  const b = document.body.dataset;
  b.images = decoded + '/' + images.length;
  b.marks = document.querySelectorAll('mark.m').length;
  b.broken = broken;
  b.findings = document.querySelectorAll('a.read').length;
  b.checked = 'yes';
});
</script>"##;
    let checked = dir.path().join("checked.html");
    std::fs::write(
        &checked,
        html.replace("</body>", &format!("{check}</body>")),
    )
    .unwrap();
    let profile = tempfile::tempdir().unwrap();
    let (dom, log) = run_chromium(
        &browser,
        profile.path(),
        &["--dump-dom".into(), "--virtual-time-budget=5000".into()],
        &checked,
    );
    assert_eq!(
        data(&dom, "checked"),
        Some("yes"),
        "the page did not load: {log}"
    );
    assert_eq!(
        data(&dom, "images"),
        Some(format!("{charts}/{charts}").as_str()),
        "every chart decoded"
    );
    let marks: usize = data(&dom, "marks").unwrap().parse().unwrap();
    assert!(marks > 50, "{marks} marks");
    assert_eq!(data(&dom, "broken"), Some("0"), "links that lead nowhere");
    let findings: usize = data(&dom, "findings").unwrap().parse().unwrap();
    assert!(findings > 0, "findings link to their sentences");
    assert!(
        !log.contains("Uncaught") && !log.contains("Refused to"),
        "script errors or blocked loads: {log}"
    );

    // Screenshots at a desktop's and a phone's width show a page: text, and the charts'
    // colours.
    for (size, name) in [("1280,2000", "desktop.png"), ("400,1800", "phone.png")] {
        let shot = dir.path().join(name);
        let profile = tempfile::tempdir().unwrap();
        run_chromium(
            &browser,
            profile.path(),
            &[
                format!("--screenshot={}", shot.display()),
                format!("--window-size={size}"),
                "--hide-scrollbars".into(),
            ],
            &report,
        );
        let (w, h, pixels) = decode_png(&shot);
        assert_eq!(format!("{w},{h}"), size);
        let dark = pixels.iter().filter(|p| p.iter().all(|&c| c < 90)).count();
        let colours: std::collections::HashSet<[u8; 3]> = pixels.iter().copied().collect();
        assert!(dark > 2_000 && colours.len() > 30, "{name}: a blank page");
    }
}
