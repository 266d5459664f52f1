//! Reading articles: folders of text files, single files, CSV/TSV, JSONL and stdin, streamed one
//! article at a time. Bad inputs become [`Skipped`] items with their location; reading goes on.

mod counting;
mod csv_watch;
pub mod date;
mod decode;
pub mod encoding;
mod files;
mod front_matter;
mod markup;
mod read_ahead;
mod skip;
mod table;
mod utf16;
mod walk;

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

pub use counting::ReadCounter;
pub use date::Date;
pub use decode::{decode, DecodeError, Decoded, KEEP_EVERY_LETTER};
pub use encoding::{TextEncoding, UnknownEncoding};
pub use markup::Html;
use read_ahead::{FileToRead, ReadAhead, AHEAD_BATCHES, BATCH_BYTES, BATCH_FILES};
pub use skip::{InvalidUtf8, Oversized, SkipReason, TooLarge, Utf8Place};
pub use table::{column_position, numbered_columns, ColumnError, ColumnRole, FoundColumns};

/// One article to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub group: String,
    /// The story the article reports, so that comparisons can pair it with other groups'
    /// articles on the same story: for a file in a group's folder, its name without extension
    /// (`a/state-visit.txt` and `b/state-visit.txt` report `state-visit`); for a record, its
    /// story field. Empty when not known.
    pub story: String,
    /// When it was published: from a date field of a record, or a text file's front matter.
    pub date: Option<Date>,
    pub title: String,
    pub text: String,
    /// Where it came from: `path` or `path:record N`.
    pub origin: String,
    /// Problems that did not stop scoring (repaired encoding, renamed duplicate id).
    pub warnings: Vec<String>,
    /// The values of the fields [`ReadOptions::keep_cols`] names, in that order (empty for text
    /// files, which have no fields).
    pub kept: Vec<String>,
    /// The language the record says it is in (`en`, `de`, ...), lower-cased; empty when not
    /// known. An article is scored with the lexicons of its language.
    pub language: String,
}

/// An input, or part of one, that could not be scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// `path`, `path:line:col` or `path:record N`.
    pub origin: String,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Article(Article),
    Skipped(Skipped),
}

/// How an input file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One article per file (`.txt`, `.md`).
    Text,
    Csv,
    Tsv,
    Jsonl,
    /// One article per row of a Parquet file.
    Parquet,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "text" | "txt" | "md" => Some(Format::Text),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
            "parquet" | "pq" => Some(Format::Parquet),
            _ => None,
        }
    }

    fn from_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_name)
    }
}

/// How to read inputs: formats, column names and limits.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Overrides the format the extension gives.
    pub format: Option<Format>,
    pub id_col: Option<String>,
    pub text_col: Option<String>,
    pub title_col: Option<String>,
    pub group_col: Option<String>,
    /// The field with the story; without one, a field with a usual name (`story`, `event`, ...).
    pub story_col: Option<String>,
    /// The field with the language; without one, a field named `language` or `lang`.
    pub language_col: Option<String>,
    /// The field with the publication date; without one, a field with a usual name (`date`,
    /// `published`, ...).
    pub date_col: Option<String>,
    /// Fields carried through to the outputs as they are (by name, or number from 1).
    pub keep_cols: Vec<String>,
    /// CSV/TSV files start with a header row; without one, columns are named `1`, `2`, ...
    pub header: bool,
    /// A `"` opens a quoted field (RFC 4180); off for plain TSV, where `"` is an ordinary character.
    pub quoting: bool,
    /// Refuse invalid UTF-8 instead of repairing it.
    pub strict: bool,
    /// The encoding of inputs without a byte-order mark (UTF-8 when none is named).
    pub encoding: Option<TextEncoding>,
    /// Articles larger than this many bytes are skipped.
    pub max_article_bytes: usize,
    /// Whether HTML markup is cleaned out of articles.
    pub html: Html,
    /// Folders never read as input, as canonical paths: the output folder of the run (folders
    /// holding the outputs of an earlier run are left out as well).
    pub exclude: Vec<PathBuf>,
    /// Threads that read text files ahead of the articles being handed out (none: each file is
    /// read when its article is asked for). The articles are the same either way.
    pub read_ahead_threads: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            id_col: None,
            text_col: None,
            title_col: None,
            group_col: None,
            story_col: None,
            language_col: None,
            date_col: None,
            keep_cols: Vec::new(),
            header: true,
            quoting: true,
            strict: false,
            encoding: None,
            max_article_bytes: 64 << 20,
            html: Html::Auto,
            exclude: Vec::new(),
            read_ahead_threads: 0,
        }
    }
}

/// Whether `input` is read as text files (a folder, a text file, or stdin as one text), whose
/// articles have no fields.
pub fn reads_text_files(input: &Input, options: &ReadOptions) -> bool {
    let format = |path: Option<&Path>| {
        options
            .format
            .or_else(|| path.and_then(Format::from_path))
            .unwrap_or(Format::Text)
    };
    match input {
        Input::Stdin => format(None) == Format::Text,
        Input::Path(path) => path.is_dir() || format(Some(path)) == Format::Text,
    }
}

/// Where to read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

enum Source {
    /// A text file; its id and group come from `name`: its path inside the folder given, or
    /// for a file given by path, as much of the end of its path as tells it from the others.
    File {
        path: PathBuf,
        name: PathBuf,
        /// Its size, when it is a regular file (not a pipe or device).
        bytes: Option<u64>,
    },
    /// Text files being read on a thread of [`ReadAhead`]: their items come on `items`.
    Reading {
        files: Vec<FileToRead>,
        items: std::sync::mpsc::Receiver<Vec<Item>>,
    },
    Table {
        path: PathBuf,
        format: Format,
    },
    Stdin,
    Bytes {
        bytes: Vec<u8>,
        label: String,
        format: Format,
    },
    Missing(Skipped),
}

/// The articles of all inputs, in order, with unique ids.
pub struct Corpus {
    sources: VecDeque<Source>,
    current: Option<Box<dyn Iterator<Item = Item> + Send>>,
    options: ReadOptions,
    /// The ids seen, each with the suffix its next repeat is renamed with (`id#2`, `id#3`).
    /// Keyed by a 128-bit fingerprint of the id rather than the id itself: a third of the memory
    /// per article, and two different ids share a fingerprint with a probability of about 10^-27
    /// in a corpus of a million articles.
    seen_ids: HashMap<[u64; 2], u32>,
    read: ReadCounter,
    /// The size of all inputs, when they are all files.
    total_bytes: Option<u64>,
    /// Folders inside the inputs left out because they hold outputs: `path (why)`.
    excluded: Vec<String>,
    ahead: ReadAhead,
    /// Items of text files read ahead, with the size of each file, to hand out first.
    ready: VecDeque<(Item, Option<u64>)>,
}

impl Corpus {
    /// Lists the inputs (walking folders, sorted) without reading any article yet.
    pub fn open(inputs: &[Input], options: ReadOptions) -> Corpus {
        let mut sources = VecDeque::new();
        let mut excluded = Vec::new();
        // Where the text files given by path are in `sources`.
        let mut given_files = Vec::new();
        for input in inputs {
            match input {
                Input::Stdin => sources.push_back(Source::Stdin),
                Input::Path(path) => {
                    if expand(path, &options, &mut sources, &mut excluded) {
                        given_files.push(sources.len() - 1);
                    }
                }
            }
        }
        name_given_files(&mut sources, &given_files);
        let total_bytes = sources
            .iter()
            .map(|s| match s {
                Source::File { bytes, .. } => *bytes,
                Source::Reading { files, .. } => files.iter().map(|f| f.bytes).sum(),
                Source::Table { path, .. } => std::fs::metadata(path)
                    .ok()
                    .filter(|m| m.is_file())
                    .map(|m| m.len()),
                Source::Bytes { bytes, .. } => Some(bytes.len() as u64),
                Source::Stdin => None,
                Source::Missing(_) => Some(0),
            })
            .sum();
        Corpus {
            sources,
            current: None,
            ahead: ReadAhead::new(&options, options.read_ahead_threads),
            ready: VecDeque::new(),
            options,
            seen_ids: HashMap::new(),
            read: ReadCounter::default(),
            total_bytes,
            excluded,
        }
    }

    /// Folders inside the inputs that are not read because they hold outputs, each as
    /// `path (why)`.
    pub fn excluded(&self) -> &[String] {
        &self.excluded
    }

    /// The size in bytes of all inputs, known when none is stdin or a pipe.
    pub fn total_bytes(&self) -> Option<u64> {
        self.total_bytes
    }

    /// A handle on how much has been read so far (for a progress bar on another thread).
    pub fn read_counter(&self) -> ReadCounter {
        self.read.clone()
    }

    /// Articles from bytes in memory, read as a file of `format` named `label` would be.
    pub fn from_bytes(bytes: Vec<u8>, label: &str, format: Format, options: ReadOptions) -> Corpus {
        let total_bytes = Some(bytes.len() as u64);
        let source = Source::Bytes {
            bytes,
            label: label.to_string(),
            format,
        };
        Corpus {
            sources: VecDeque::from([source]),
            current: None,
            ahead: ReadAhead::new(&options, 0),
            ready: VecDeque::new(),
            options,
            seen_ids: HashMap::new(),
            read: ReadCounter::default(),
            total_bytes,
            excluded: Vec::new(),
        }
    }

    fn next_raw(&mut self) -> Option<Item> {
        loop {
            if let Some((item, bytes)) = self.ready.pop_front() {
                self.read.add_input(bytes.unwrap_or(0));
                return Some(item);
            }
            if let Some(items) = &mut self.current {
                if let Some(item) = items.next() {
                    return Some(item);
                }
                self.current = None;
            }
            self.read_ahead();
            match self.sources.pop_front()? {
                Source::File { path, name, bytes } => {
                    let item = files::read_text_file(&path, &name, &self.options);
                    self.read.add_input(bytes.unwrap_or(0));
                    return Some(item);
                }
                Source::Reading { files, items } => {
                    // A reading thread that ended without the items panicked: reading the files
                    // here shows why.
                    let items = items.recv().unwrap_or_else(|_| {
                        let read =
                            |f: &FileToRead| files::read_text_file(&f.path, &f.name, &self.options);
                        files.iter().map(read).collect()
                    });
                    self.ready
                        .extend(items.into_iter().zip(files.iter().map(|f| f.bytes)));
                }
                Source::Missing(skipped) => return Some(Item::Skipped(skipped)),
                Source::Table { path, format } => {
                    self.current = Some(table::read_table(
                        &path,
                        format,
                        &self.options,
                        self.read.clone(),
                    ))
                }
                Source::Bytes {
                    bytes,
                    label,
                    format,
                } => {
                    self.read.add_input(bytes.len() as u64);
                    self.current = Some(table::read_bytes(bytes, &label, format, &self.options));
                }
                Source::Stdin => {
                    let format = self.options.format.unwrap_or(Format::Text);
                    self.current =
                        Some(table::read_stdin(format, &self.options, self.read.clone()));
                }
            }
        }
    }

    /// Starts reading the text files at the front of the inputs, in batches of consecutive
    /// files, up to [`AHEAD_BATCHES`] batches being read, and beyond the first no more than as
    /// many full batches hold.
    fn read_ahead(&mut self) {
        if !self.ahead.enabled() {
            return;
        }
        let limit = self.options.max_article_bytes as u64 + 1;
        let size = |bytes: Option<u64>| bytes.unwrap_or(0).min(limit);
        let (mut reading, mut in_flight) = (0, 0);
        while let Some(Source::Reading { files, .. }) = self.sources.get(reading) {
            in_flight += files.iter().map(|f| size(f.bytes)).sum::<u64>();
            reading += 1;
        }
        for at in reading..AHEAD_BATCHES {
            // Beyond the first batch, what is read ahead stays under a bound (a batch of one
            // large file holds the others back).
            if at > 0 && in_flight >= AHEAD_BATCHES as u64 * BATCH_BYTES {
                return;
            }
            let (mut files, mut bytes) = (Vec::new(), 0);
            while let Some(Source::File { bytes: next, .. }) = self.sources.get(at) {
                let full = files.len() == BATCH_FILES || bytes + size(*next) > BATCH_BYTES;
                if !files.is_empty() && full {
                    break;
                }
                bytes += size(*next);
                let Some(Source::File { path, name, bytes }) = self.sources.remove(at) else {
                    unreachable!("a file was there")
                };
                files.push(FileToRead { path, name, bytes });
            }
            if files.is_empty() {
                return;
            }
            let source = match self.ahead.start(&files) {
                Some(items) => Source::Reading { files, items },
                // No thread to read on: the files are read here, one at a time.
                None => {
                    for (i, f) in files.into_iter().enumerate() {
                        let (path, name, bytes) = (f.path, f.name, f.bytes);
                        self.sources
                            .insert(at + i, Source::File { path, name, bytes });
                    }
                    return;
                }
            };
            self.sources.insert(at, source);
            in_flight += bytes;
        }
    }

    fn make_unique(&mut self, article: &mut Article) {
        let key = fingerprint(&article.id);
        let Some(&next) = self.seen_ids.get(&key) else {
            self.seen_ids.insert(key, 2);
            return;
        };
        // From the suffix after the last one given to this id: suffixes below it are taken,
        // so a corpus that already holds `x#2` ... `x#N` does not probe them all again for
        // every repeat of `x`.
        let mut n = next;
        let mut candidate = format!("{}#{n}", article.id);
        while self.seen_ids.contains_key(&fingerprint(&candidate)) {
            n += 1;
            candidate = format!("{}#{n}", article.id);
        }
        article.warnings.push(format!(
            "duplicate id `{}` renamed `{candidate}`",
            article.id
        ));
        self.seen_ids.insert(key, n + 1);
        self.seen_ids.insert(fingerprint(&candidate), 2);
        article.id = candidate;
    }
}

/// The first 128 bits of the SHA-256 of an id (as two words: a `u128` key would be aligned to 16
/// bytes and take a third more room in the map).
fn fingerprint(id: &str) -> [u64; 2] {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(id.as_bytes());
    let word = |i: usize| u64::from_le_bytes(digest[i..i + 8].try_into().expect("8 bytes"));
    [word(0), word(8)]
}

impl Iterator for Corpus {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut item = self.next_raw()?;
        if let Item::Article(article) = &mut item {
            self.make_unique(article);
            clean_markup(article, self.options.html);
            self.read.add_text(article.text.len() as u64);
        }
        Some(item)
    }
}

/// Gives the text files given by path (at `given` in `sources`) names that tell apart those
/// whose file names would make the same id.
fn name_given_files(sources: &mut VecDeque<Source>, given: &[usize]) {
    let paths: Vec<PathBuf> = given
        .iter()
        .filter_map(|&i| match &sources[i] {
            Source::File { path, .. } => Some(path.clone()),
            _ => None,
        })
        .collect();
    let names = files::tell_apart(&paths);
    for (&i, new_name) in given.iter().zip(names) {
        if let Source::File { name, .. } = &mut sources[i] {
            *name = new_name;
        }
    }
}

/// Adds the sources of one input path; true when it is a text file given by its path. Folders
/// inside it that hold outputs go into `excluded`.
fn expand(
    path: &Path,
    options: &ReadOptions,
    sources: &mut VecDeque<Source>,
    excluded: &mut Vec<String>,
) -> bool {
    let missing = |reason: SkipReason| {
        Source::Missing(Skipped {
            origin: path.display().to_string(),
            reason,
        })
    };
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            sources.push_back(missing(format!("cannot open: {e}; check the path").into()));
            return false;
        }
    };
    if metadata.is_dir() {
        let found = match walk::walk(path, &options.exclude) {
            Ok(found) => found,
            Err(e) => {
                sources.push_back(missing(format!("cannot list folder: {e}").into()));
                return false;
            }
        };
        if found.is_empty() {
            let tables = std::fs::read_dir(path)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .filter(|e| Format::from_path(&e.path()).is_some_and(|f| f != Format::Text))
                        .count()
                })
                .unwrap_or(0);
            sources.push_back(missing(SkipReason::NoTextFiles {
                folder: path.display().to_string(),
                tables,
            }));
        }
        for f in found {
            match f {
                walk::Found::File(p, bytes) => sources.push_back(Source::File {
                    name: p.strip_prefix(path).unwrap_or(&p).to_path_buf(),
                    path: p,
                    bytes: Some(bytes),
                }),
                walk::Found::Problem(p, why) => sources.push_back(Source::Missing(Skipped {
                    origin: p.display().to_string(),
                    reason: why.into(),
                })),
                walk::Found::Excluded(p, why) => excluded.push(format!("{} ({why})", p.display())),
            }
        }
        return false;
    }
    let format = options
        .format
        .or_else(|| Format::from_path(path))
        .unwrap_or(Format::Text);
    match format {
        Format::Text => {
            sources.push_back(Source::File {
                path: path.to_path_buf(),
                name: path.file_name().map(PathBuf::from).unwrap_or_default(),
                bytes: metadata.is_file().then_some(metadata.len()),
            });
            true
        }
        format => {
            sources.push_back(Source::Table {
                path: path.to_path_buf(),
                format,
            });
            false
        }
    }
}

/// Cleans HTML out of an article's text and title when `mode` asks for it, and says so.
fn clean_markup(article: &mut Article, mode: Html) {
    let is_html = match mode {
        Html::Keep => false,
        Html::Strip => true,
        Html::Auto => markup::count_tags(&article.text, markup::MIN_TAGS) >= markup::MIN_TAGS,
    };
    if !is_html {
        return;
    }
    let (text, tags) = markup::strip(&article.text);
    if tags == 0 {
        return;
    }
    article.text = text;
    article.title = markup::strip(&article.title).0.trim().to_string();
    if article.title.is_empty() {
        article.title = headline(&article.text);
    }
    article.warnings.push(format!(
        "HTML: {tags} tag(s) removed and character references decoded; {MARKUP_REMOVED}"
    ));
}

/// Ends the warning about markup taken out of an article: a front end may add how to keep it.
pub const MARKUP_REMOVED: &str = "offsets refer to the text without markup";

/// The first line of a text, when it reads as a headline: short, without a final full stop, and
/// followed by more text (a text of one line is all body, not a title).
pub fn headline(text: &str) -> String {
    let mut lines = text.trim().lines();
    let first = lines.next().unwrap_or("").trim();
    let body_follows = lines.any(|l| !l.trim().is_empty());
    if body_follows && !first.ends_with('.') && first.chars().take(161).count() <= 160 {
        first.trim_start_matches('#').trim().to_string()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_is_a_short_first_line_before_the_body() {
        assert_eq!(
            headline("# Talks resume\n\nThe talks resumed."),
            "Talks resume"
        );
        assert_eq!(headline("Talks resume"), "");
        assert_eq!(headline("The talks resumed.\nMore."), "");
        assert_eq!(headline(&format!("{}\nbody", "x".repeat(161))), "");
        assert_eq!(headline(""), "");
    }

    #[test]
    fn repeated_ids_are_made_unique_and_the_progress_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.csv");
        let csv = "id,text\na,Hope.\na,Fear.\na#2,Calm.\na,War.\n";
        std::fs::write(&path, csv).unwrap();
        let corpus = Corpus::open(&[Input::Path(path)], ReadOptions::default());
        assert_eq!(corpus.total_bytes(), Some(csv.len() as u64));
        let read = corpus.read_counter();
        let articles: Vec<Article> = corpus
            .filter_map(|item| match item {
                Item::Article(a) => Some(a),
                Item::Skipped(_) => None,
            })
            .collect();
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "a#2", "a#2#2", "a#3"]);
        assert_eq!(articles[1].warnings, ["duplicate id `a` renamed `a#2`"]);
        assert_eq!(read.input(), csv.len() as u64);
        assert_eq!(read.text(), "Hope.Fear.Calm.War.".len() as u64);
    }

    #[test]
    fn files_read_ahead_stay_under_a_bound() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: usize| {
            std::fs::write(dir.path().join(name), "Hope remains. ".repeat(bytes / 14)).unwrap();
        };
        (0..6).for_each(|i| write(&format!("large-{i}.txt"), 600_000));
        (0..80).for_each(|i| write(&format!("small-{i:02}.txt"), 1_000));
        let options = ReadOptions {
            read_ahead_threads: 2,
            ..ReadOptions::default()
        };
        let mut corpus = Corpus::open(&[Input::Path(dir.path().to_path_buf())], options);
        // Files being read ahead, and in how many batches.
        let ahead = |corpus: &Corpus| {
            let batches = corpus.sources.iter().filter_map(|s| match s {
                Source::Reading { files, .. } => Some(files.len()),
                _ => None,
            });
            batches.fold((0, 0), |(files, batches), n| (files + n, batches + 1))
        };
        // Large files (the folder's first) go one a batch: two batches were started, 1.2 MB,
        // and no more; the first has been handed out.
        corpus.next();
        assert_eq!(ahead(&corpus), (1, 1));
        for _ in 0..6 {
            corpus.next();
        }
        // Small files, 16 a batch: four batches were started, and the first is being handed out.
        assert_eq!(ahead(&corpus), (3 * 16, 3));
        assert_eq!(corpus.count(), 80 - 1);
    }

    #[test]
    fn files_read_ahead_on_threads_come_as_read_one_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for group in ["a", "b"] {
            std::fs::create_dir(root.join(group)).unwrap();
        }
        // More files than one batch holds, with every kind of item a text file can give.
        for i in 0..40 {
            let text = format!(
                "Article {i}: peace talks resumed.\n\nMore hope {}.",
                "x".repeat(i * 37)
            );
            std::fs::write(root.join(format!("a/{i:02}.txt")), text).unwrap();
        }
        std::fs::write(root.join("a/html.txt"), "<p>War <b>and</b> peace.</p>").unwrap();
        std::fs::write(root.join("a/binary.txt"), [0u8, 1, 2, 0, 0, 0, 7, 0, 0, 0]).unwrap();
        std::fs::write(root.join("a/latin.txt"), b"Caf\xe9 talks.").unwrap();
        std::fs::write(root.join("a/large.txt"), "word ".repeat(600)).unwrap();
        std::fs::write(root.join("b/00.txt"), "The same name in another group.").unwrap();
        std::fs::write(root.join("in.csv"), "id,text\n00,A record with that id.\n").unwrap();
        std::fs::write(root.join("b/zz.txt"), "After the table.").unwrap();
        let options = ReadOptions {
            max_article_bytes: 2048,
            ..ReadOptions::default()
        };
        let read = |threads: usize| {
            // A table between two folders: files are read ahead up to it, and after it.
            let inputs = ["a", "in.csv", "b"].map(|p| Input::Path(root.join(p)));
            let options = ReadOptions {
                read_ahead_threads: threads,
                ..options.clone()
            };
            let corpus = Corpus::open(&inputs, options);
            let counter = corpus.read_counter();
            let items: Vec<Item> = corpus.collect();
            (items, counter.input(), counter.text())
        };
        let one_at_a_time = read(0);
        let (items, _, _) = &one_at_a_time;
        let ids: Vec<&str> = items
            .iter()
            .filter_map(|i| match i {
                Item::Article(a) => Some(a.id.as_str()),
                Item::Skipped(_) => None,
            })
            .collect();
        assert_eq!(ids.len(), 45);
        assert_eq!(ids[40..], ["html", "latin", "00#2", "00#3", "zz"]);
        let skipped = items.iter().filter(|i| matches!(i, Item::Skipped(_)));
        assert_eq!(skipped.count(), 2, "the binary and the large files");
        for threads in [1, 3] {
            assert_eq!(read(threads), one_at_a_time, "{threads} threads");
        }
    }
}
