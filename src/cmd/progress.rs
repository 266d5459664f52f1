//! The progress bar of long runs: on stderr when it is a terminal, silent otherwise.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use framescope::corpus::ReadCounter;
use indicatif::{ProgressBar, ProgressStyle};

use super::screen::visible;

/// How often the bar's numbers change: often enough to look alive, rarely enough to cost nothing.
const REFRESH: Duration = Duration::from_millis(100);

/// Input read of the total (a spinner when the total is unknown, as with stdin), articles per
/// second, megabytes per second and the time left.
pub struct Progress {
    bar: Option<ProgressBar>,
    read: ReadCounter,
    started: Instant,
    refreshed: Instant,
    articles: u64,
    text: u64,
}

impl Progress {
    /// A bar over `total` bytes of input, following `read`; none when `quiet` or when stderr is
    /// not a terminal.
    pub fn new(quiet: bool, total: Option<u64>, read: ReadCounter) -> Progress {
        let now = Instant::now();
        let mut progress = Progress {
            bar: None,
            read,
            started: now,
            refreshed: now,
            articles: 0,
            text: 0,
        };
        if quiet || !std::io::stderr().is_terminal() {
            return progress;
        }
        let (bar, template) = match total {
            Some(total) => (
                ProgressBar::new(total),
                "{bar:30} {percent:>3}%  {msg}  {decimal_bytes}/{decimal_total_bytes}  {decimal_bytes_per_sec}  ETA {eta}",
            ),
            None => (ProgressBar::new_spinner(), "{spinner} {msg}  {decimal_bytes}  {decimal_bytes_per_sec}  {elapsed}"),
        };
        let style =
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style.progress_chars("=> "));
        bar.enable_steady_tick(Duration::from_millis(200));
        progress.bar = Some(bar);
        progress
    }

    /// One more article written, with `text` bytes of text.
    pub fn advance(&mut self, text: u64) {
        self.articles += 1;
        self.text += text;
        let Some(bar) = &self.bar else { return };
        let now = Instant::now();
        if now.duration_since(self.refreshed) < REFRESH {
            return;
        }
        self.refreshed = now;
        // The reader runs ahead of the writer: show where the input was at this article.
        bar.set_position(self.read.input_at_text(self.text));
        let seconds = now.duration_since(self.started).as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{} articles ({:.0}/s)",
            self.articles,
            self.articles as f64 / seconds
        ));
    }

    /// Prints a line above the bar, with what it quotes from the inputs made safe to print.
    pub fn println(&self, line: &str) {
        let line = &*visible(line);
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
