//! Articles stored as records: CSV/TSV rows and JSON lines (from files or stdin).

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use super::counting::{Counting, ReadCounter};
use super::csv_watch::{CsvWatch, RecordTooLarge};
use super::decode::{looks_like_utf16, utf16_bom};
use super::utf16::{StreamWarnings, Utf16Stream};
use super::{decode, headline, Article, DecodeError, Format, Item, ReadOptions, Skipped};

/// Bytes looked at to tell binary data and the field delimiter.
const SNIFF_BYTES: usize = 1 << 16;
/// Column names listed in a message, at most.
const LISTED_COLUMNS: usize = 30;

const ID_NAMES: &[&str] = &[
    "id",
    "article_id",
    "doc_id",
    "document_id",
    "docid",
    "uid",
    "guid",
    "url",
    "link",
];
const TEXT_NAMES: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "story",
    "article_text",
    "maintext",
];
const TITLE_NAMES: &[&str] = &["title", "headline", "heading"];
const GROUP_NAMES: &[&str] = &[
    "group",
    "outlet",
    "source",
    "publisher",
    "media",
    "site",
    "domain",
];

/// Which field holds what.
struct Columns {
    id: Option<usize>,
    text: usize,
    title: Option<usize>,
    group: Option<usize>,
}

/// The field named `wanted` (ignoring case and surrounding spaces) or, when no field has that
/// name, the field at that 1-based position: `--text-col 3` is the third column.
pub fn column_position(names: &[String], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    let named = names
        .iter()
        .position(|n| n.trim().eq_ignore_ascii_case(wanted));
    named.or_else(|| {
        wanted
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1 && n <= names.len())
            .map(|n| n - 1)
    })
}

/// Column names of a table without a header row: `1`, `2`, ... up to `len`.
pub fn numbered_columns(len: usize) -> Vec<String> {
    (1..=len).map(|i| i.to_string()).collect()
}

/// Finds a field: the one the flag names (or numbers), or else the first known alternative.
fn find(
    names: &[String],
    flag: Option<&str>,
    alternatives: &[&str],
) -> Result<Option<usize>, String> {
    let position = |wanted: &str| {
        names
            .iter()
            .position(|n| n.trim().eq_ignore_ascii_case(wanted))
    };
    match flag {
        Some(f) => column_position(names, f)
            .map(Some)
            .ok_or_else(|| format!("column `{f}` not found")),
        None => Ok(alternatives.iter().find_map(|a| position(a))),
    }
}

fn resolve(names: &[String], o: &ReadOptions) -> Result<Columns, String> {
    let found = || {
        let mut list: Vec<String> = names
            .iter()
            .take(LISTED_COLUMNS)
            .map(|s| shorten(s, 40))
            .collect();
        if names.len() > LISTED_COLUMNS {
            list.push(format!("... ({} in all)", names.len()));
        }
        format!(
            "columns found: {}",
            if list.is_empty() {
                "(none)".to_string()
            } else {
                list.join(", ")
            }
        )
    };
    let text = find(names, o.text_col.as_deref(), TEXT_NAMES)
        .map_err(|e| format!("{e} (--text-col); {}", found()))?
        .ok_or_else(|| {
            format!(
                "no text column (looked for {}); {}; name it with --text-col",
                TEXT_NAMES.join(", "),
                found()
            )
        })?;
    let with = |flag: &Option<String>, alts, name| {
        find(names, flag.as_deref(), alts).map_err(|e| format!("{e} ({name}); {}", found()))
    };
    Ok(Columns {
        text,
        id: with(&o.id_col, ID_NAMES, "--id-col")?,
        title: with(&o.title_col, TITLE_NAMES, "--title-col")?,
        group: with(&o.group_col, GROUP_NAMES, "--group-col / --group-by")?,
    })
}

/// `s` cut to at most `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s.to_string(),
    }
}

/// Reads a CSV, TSV or JSONL file record by record, adding the bytes it reads to `counter`.
pub fn read_table(
    path: &Path,
    format: Format,
    options: &ReadOptions,
    counter: ReadCounter,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let label = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return single_skip(label, format!("cannot open: {e}")),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = Counting {
        inner: file,
        counter,
    };
    records(
        Box::new(BufReader::with_capacity(1 << 16, file)),
        label,
        stem,
        format,
        options,
    )
}

/// Reads stdin in the given format, adding the bytes it reads to `counter`.
pub fn read_stdin(
    format: Format,
    options: &ReadOptions,
    counter: ReadCounter,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let label = "<stdin>".to_string();
    let stdin = Counting {
        inner: std::io::stdin(),
        counter,
    };
    if format == Format::Text {
        let mut bytes = Vec::new();
        let limit = options.max_article_bytes as u64;
        if let Err(e) = stdin.take(limit + 1).read_to_end(&mut bytes) {
            return single_skip(label, format!("cannot read: {e}"));
        }
        return Box::new(std::iter::once(text_article(
            bytes, "stdin", label, options,
        )));
    }
    records(
        Box::new(BufReader::new(stdin)),
        label,
        "stdin".into(),
        format,
        options,
    )
}

/// Reads articles from bytes in memory as from a file of `format`, named `label` in messages.
pub fn read_bytes(
    bytes: Vec<u8>,
    label: &str,
    format: Format,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = Item> + Send> {
    if format == Format::Text {
        let item = text_article(bytes, label, label.to_string(), options);
        return Box::new(std::iter::once(item));
    }
    let reader = Box::new(Cursor::new(bytes));
    records(
        reader,
        label.to_string(),
        label.to_string(),
        format,
        options,
    )
}

/// One article from the bytes of a whole text.
fn text_article(bytes: Vec<u8>, id: &str, origin: String, options: &ReadOptions) -> Item {
    match decode(bytes, options.strict) {
        Ok(d) if d.text.len() > options.max_article_bytes => Item::Skipped(Skipped {
            origin,
            reason: format!(
                "{} bytes, over the limit of {} bytes per article (--max-article-mb); skipped",
                d.text.len(),
                options.max_article_bytes
            ),
        }),
        Ok(d) => Item::Article(Article {
            id: id.into(),
            group: String::new(),
            title: headline(&d.text),
            text: d.text,
            origin,
            warnings: d.warnings,
        }),
        Err(e) => Item::Skipped(Skipped {
            origin,
            reason: e.to_string(),
        }),
    }
}

fn single_skip(origin: String, reason: String) -> Box<dyn Iterator<Item = Item> + Send> {
    Box::new(std::iter::once(Item::Skipped(Skipped { origin, reason })))
}

fn records(
    mut reader: Box<dyn BufRead + Send>,
    label: String,
    stem: String,
    format: Format,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let mut head = match reader.fill_buf() {
        Ok(head) => head.get(..SNIFF_BYTES).unwrap_or(head).to_vec(),
        Err(e) => return single_skip(label, format!("cannot read: {e}")),
    };
    if head.is_empty() {
        return single_skip(label, "empty file".into());
    }
    // UTF-16 files (spreadsheet exports) are decoded as they are read, like UTF-8 ones.
    let mut decode_warnings = None;
    if let Some(endian) = utf16_bom(&head) {
        reader.consume(2);
        let warnings = StreamWarnings::default();
        decode_warnings = Some(warnings.clone());
        reader = Box::new(Utf16Stream::new(reader, endian, warnings));
        head = match reader.fill_buf() {
            Ok(head) => head.get(..SNIFF_BYTES).unwrap_or(head).to_vec(),
            Err(e) => return single_skip(label, format!("cannot read: {e}")),
        };
        if head.is_empty() {
            return single_skip(label, "empty file (a UTF-16 byte-order mark only)".into());
        }
    } else if let Some(nul) = head.iter().position(|&b| b == 0) {
        let reason = if looks_like_utf16(&head) {
            DecodeError::Utf16WithoutBom.to_string()
        } else {
            format!(
                "binary data (NUL byte at byte {nul}), not a CSV, TSV or JSON lines file; skipped"
            )
        };
        return single_skip(label, reason);
    }
    // A UTF-8 byte-order mark (spreadsheets write one) is not part of the first field.
    let mut head = head.as_slice();
    if let Some(rest) = head.strip_prefix(b"\xEF\xBB\xBF") {
        reader.consume(3);
        head = rest;
    }
    let shared = Shared {
        label,
        stem,
        options: options.clone(),
    };
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    let items: Box<dyn Iterator<Item = Item> + Send> = match format {
        Format::Jsonl if first == Some(&b'[') => json_array(reader, shared),
        Format::Jsonl => Box::new(JsonLines {
            reader,
            shared,
            line: 0,
            buffer: Vec::new(),
        }),
        _ => {
            let delimiter = match format {
                Format::Tsv => b'\t',
                _ => sniff_delimiter(head),
            };
            let watch = CsvWatch::new(
                reader,
                delimiter,
                options.quoting,
                options.max_article_bytes as u64,
            );
            let csv = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .flexible(true)
                .has_headers(options.header)
                .quoting(options.quoting)
                .from_reader(watch);
            Box::new(CsvRecords {
                csv,
                shared,
                columns: None,
                header_len: 0,
                record: 0,
                done: false,
            })
        }
    };
    match decode_warnings {
        Some(found) => Box::new(WithDecodeWarnings {
            items,
            next: None,
            found,
        }),
        None => items,
    }
}

/// Gives the last item of a UTF-16 file the problems found in decoding it (they are known only
/// once the whole file has been read): the last article's warnings, or the reason the last
/// record was skipped.
struct WithDecodeWarnings {
    items: Box<dyn Iterator<Item = Item> + Send>,
    /// The item read ahead.
    next: Option<Item>,
    found: StreamWarnings,
}

impl Iterator for WithDecodeWarnings {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut item = self.next.take().or_else(|| self.items.next())?;
        self.next = self.items.next();
        if self.next.is_none() {
            // A poisoned lock only means a reader panicked; the list is still whole.
            let mut found = self.found.lock().unwrap_or_else(|e| e.into_inner());
            match &mut item {
                Item::Article(article) => {
                    article.warnings.splice(0..0, found.drain(..));
                }
                Item::Skipped(skipped) if !found.is_empty() => {
                    let problems = found.drain(..).collect::<Vec<_>>().join("; ");
                    skipped.reason = format!("{}; the file also had: {problems}", skipped.reason);
                }
                Item::Skipped(_) => {}
            }
        }
        Some(item)
    }
}

/// The delimiter of a `.csv` file: `,` unless the header line has none and has `;` (spreadsheets
/// in comma-decimal locales) or tabs.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    match (count(b','), count(b';'), count(b'\t')) {
        (0, semicolons, tabs) if semicolons > 0 && semicolons >= tabs => b';',
        (0, _, tabs) if tabs > 0 => b'\t',
        _ => b',',
    }
}

struct Shared {
    label: String,
    stem: String,
    options: ReadOptions,
}

impl Shared {
    fn skip(&self, at: String, reason: impl Into<String>) -> Item {
        Item::Skipped(Skipped {
            origin: format!("{}:{at}", self.label),
            reason: reason.into(),
        })
    }

    /// Builds an article from its fields; `field(i)` gives field i's text.
    fn article(
        &mut self,
        columns: &Columns,
        at: String,
        record: u64,
        field: impl Fn(usize) -> Option<String>,
        warnings: Vec<String>,
    ) -> Item {
        let Some(text) = field(columns.text) else {
            return self.skip(at, "the text field is missing in this record");
        };
        if text.len() > self.options.max_article_bytes {
            return self.skip(
                at,
                format!(
                    "text of {} bytes, over the limit of {} (--max-article-mb)",
                    text.len(),
                    self.options.max_article_bytes
                ),
            );
        }
        let get = |c: Option<usize>| {
            c.and_then(&field)
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let mut id = get(columns.id);
        if id.is_empty() {
            id = format!("{}-{record}", self.stem);
        }
        let title = match columns.title {
            Some(_) => get(columns.title),
            None => headline(&text),
        };
        Item::Article(Article {
            id,
            group: get(columns.group),
            title,
            text,
            origin: format!("{}:{at}", self.label),
            warnings,
        })
    }
}

struct CsvRecords {
    csv: csv::Reader<CsvWatch<Box<dyn BufRead + Send>>>,
    shared: Shared,
    columns: Option<Columns>,
    header_len: usize,
    record: u64,
    done: bool,
}

impl CsvRecords {
    /// A record that cannot be read ends the file: the parser cannot find the next record.
    fn read_error(&self, e: csv::Error, what: &str) -> Item {
        let watch = self.csv.get_ref();
        let line = e.position().map_or(0, |p| p.line());
        let reason = match e.kind() {
            csv::ErrorKind::Io(io) if RecordTooLarge::is(io) => {
                let opened = watch.open_quote().map_or(String::new(), |q| {
                    format!(" (inside a quote opened at line {}: is it closed?)", q.line)
                });
                format!(
                    "{what} is over the limit of {} bytes per article (--max-article-mb){opened}; \
                     the rest of the file is skipped",
                    self.shared.options.max_article_bytes
                )
            }
            _ => format!("cannot read {what}: {e}; the rest of the file is skipped"),
        };
        let at = if line > 0 { line } else { watch.record_line() };
        self.shared.skip(at.to_string(), reason)
    }
}

impl Iterator for CsvRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            let headers = match self.csv.byte_headers() {
                Ok(h) if !self.shared.options.header => numbered_columns(h.len()),
                Ok(h) => h
                    .iter()
                    .map(|f| {
                        String::from_utf8_lossy(f)
                            .trim_start_matches('\u{FEFF}')
                            .to_string()
                    })
                    .collect::<Vec<_>>(),
                Err(e) => {
                    self.done = true;
                    return Some(self.read_error(e, "the header"));
                }
            };
            let open = self.csv.get_ref().open_quote_at_end();
            if let Some(open) = open.filter(|_| self.shared.options.header) {
                self.done = true;
                return Some(self.shared.skip(
                    open.line.to_string(),
                    "the header has a quote that is never closed, so the whole file became one \
                     header; close the quote (a quote inside a field is written as two: \"\")",
                ));
            }
            match resolve(&headers, &self.shared.options) {
                Ok(c) => {
                    self.header_len = headers.len();
                    self.columns = Some(c);
                }
                Err(reason) => {
                    self.done = true;
                    return Some(Item::Skipped(Skipped {
                        origin: self.shared.label.clone(),
                        reason,
                    }));
                }
            }
        }
        let mut record = csv::ByteRecord::new();
        match self.csv.read_byte_record(&mut record) {
            Ok(false) => {
                self.done = true;
                (self.record == 0).then(|| {
                    Item::Skipped(Skipped {
                        origin: self.shared.label.clone(),
                        reason: "no record after the header".into(),
                    })
                })
            }
            Err(e) => {
                self.record += 1;
                self.done = true;
                Some(self.read_error(e, &format!("record {}", self.record)))
            }
            Ok(true) => {
                self.record += 1;
                let line = record.position().map_or(0, |p| p.line());
                let at = format!("{line} (record {})", self.record);
                let start = record.position().map_or(0, |p| p.byte());
                if let Some(open) = self.csv.get_ref().open_quote_at_end() {
                    if open.byte >= start {
                        self.done = true;
                        return Some(self.shared.skip(
                            format!("{} (record {})", open.line, self.record),
                            "a quote opened here is never closed, so the rest of the file \
                             became one field; record skipped (close the quote; a quote inside \
                             a field is written as two: \"\")",
                        ));
                    }
                }
                let mut warnings = Vec::new();
                let end = self.csv.position().clone();
                if let Some(quote) = self.csv.get_mut().take_stray_quote(end.byte()) {
                    let last_line = end.line().saturating_sub(1).max(quote).max(line);
                    let span = if last_line > line {
                        format!(
                            "; this record runs from line {line} to {last_line}: were rows merged?"
                        )
                    } else {
                        String::new()
                    };
                    warnings.push(format!(
                        "a closing quote on line {quote} is followed by more text: a quote inside \
                         a quoted field must be doubled (\"\"), or one was left open{span}"
                    ));
                }
                if record.len() != self.header_len {
                    warnings.push(format!(
                        "{} fields where the header has {}",
                        record.len(),
                        self.header_len
                    ));
                }
                let mut bad_utf8 = None;
                let strict = self.shared.options.strict;
                let fields: Vec<Option<String>> = (0..record.len())
                    .map(|i| {
                        let raw = &record[i];
                        match std::str::from_utf8(raw) {
                            Ok(s) => Some(s.to_string()),
                            Err(e) => {
                                bad_utf8.get_or_insert((i, e.valid_up_to()));
                                Some(String::from_utf8_lossy(raw).into_owned())
                            }
                        }
                    })
                    .collect();
                if let Some((field, at_byte)) = bad_utf8 {
                    let message = format!("invalid UTF-8 at byte {at_byte} of field {}", field + 1);
                    if strict {
                        return Some(self.shared.skip(at, format!("{message} (--strict)")));
                    }
                    warnings.push(format!("{message}; decoded with replacement characters"));
                }
                let columns = self.columns.as_ref().expect("resolved above");
                Some(self.shared.article(
                    columns,
                    at,
                    self.record,
                    |i| fields.get(i).cloned().flatten(),
                    warnings,
                ))
            }
        }
    }
}

struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    shared: Shared,
    line: u64,
    buffer: Vec<u8>,
}

impl JsonLines {
    /// Reads the next line into the buffer, at most one article's size; a longer line is
    /// skipped to its end. `None` at the end of the input.
    fn read_line(&mut self) -> Option<Result<(), String>> {
        self.buffer.clear();
        let limit = self.shared.options.max_article_bytes as u64 + 1024;
        let read = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buffer);
        match read {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => return Some(Err(format!("cannot read: {e}"))),
        }
        self.line += 1;
        if self.buffer.len() as u64 == limit && self.buffer.last() != Some(&b'\n') {
            let mut rest = 0u64;
            loop {
                let (skip, done) = match self.reader.fill_buf() {
                    Ok([]) | Err(_) => break,
                    Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                        Some(i) => (i + 1, true),
                        None => (buf.len(), false),
                    },
                };
                self.reader.consume(skip);
                rest += skip as u64;
                if done {
                    break;
                }
            }
            return Some(Err(format!(
                "a line of {} bytes, over the limit of {} bytes per article (--max-article-mb); \
                 line skipped",
                limit + rest,
                self.shared.options.max_article_bytes
            )));
        }
        Some(Ok(()))
    }
}

impl Iterator for JsonLines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Err(reason) = self.read_line()? {
                return Some(self.shared.skip(self.line.max(1).to_string(), reason));
            }
            let line = self.buffer.trim_ascii();
            if line.is_empty() {
                continue;
            }
            let mut warnings = Vec::new();
            let repaired;
            let line = match std::str::from_utf8(line) {
                Ok(_) => line,
                Err(e) => {
                    let message = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
                    if self.shared.options.strict {
                        let at = self.line.to_string();
                        return Some(self.shared.skip(at, format!("{message} (--strict)")));
                    }
                    warnings.push(format!("{message}; decoded with replacement characters"));
                    repaired = String::from_utf8_lossy(line).into_owned();
                    repaired.as_bytes()
                }
            };
            let value: serde_json::Value = match serde_json::from_slice(line) {
                Ok(v) => v,
                Err(e) => {
                    let at = format!("{}:{}", self.line, e.column());
                    return Some(self.shared.skip(at, json_problem(&e)));
                }
            };
            let at = self.line.to_string();
            let line = self.line;
            return Some(self.shared.json_article(value, at, line, warnings));
        }
    }
}

/// A JSON parse error without serde's own location (the caller gives `path:line:col`).
fn json_problem(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line").next().unwrap_or(&message);
    format!("invalid JSON: {message}; skipped")
}

impl Shared {
    /// An article from one JSON value, which must be an object with a text field.
    fn json_article(
        &mut self,
        value: serde_json::Value,
        at: String,
        record: u64,
        warnings: Vec<String>,
    ) -> Item {
        let Some(object) = value.as_object() else {
            return self.skip(at, "expected a JSON object like {\"id\": .., \"text\": ..}");
        };
        let names: Vec<String> = object.keys().cloned().collect();
        let columns = match resolve(&names, &self.options) {
            Ok(c) => c,
            Err(reason) => return self.skip(at, reason),
        };
        if matches!(
            object[&names[columns.text]],
            serde_json::Value::Object(_) | serde_json::Value::Array(_)
        ) {
            let reason = format!(
                "field `{}` holds a JSON object or list, not text",
                names[columns.text]
            );
            return self.skip(at, reason);
        }
        let field = |i: usize| {
            names.get(i).and_then(|k| match &object[k] {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            })
        };
        self.article(&columns, at, record, field, warnings)
    }
}

/// A `.json` file holding one array of article objects. It is read whole, up to the limit of
/// one article per element on average being absurd: 16 times the article limit.
fn json_array(
    reader: Box<dyn BufRead + Send>,
    mut shared: Shared,
) -> Box<dyn Iterator<Item = Item> + Send> {
    let limit = (shared.options.max_article_bytes as u64).saturating_mul(16);
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        return single_skip(shared.label, format!("cannot read: {e}"));
    }
    if bytes.len() as u64 > limit {
        let reason = format!(
            "a JSON array over {limit} bytes; write one object per line (JSON lines) instead"
        );
        return single_skip(shared.label, reason);
    }
    let mut warnings = Vec::new();
    if let Err(e) = std::str::from_utf8(&bytes) {
        let message = format!("invalid UTF-8 at byte {}", e.valid_up_to());
        if shared.options.strict {
            return single_skip(shared.label, format!("{message} (--strict)"));
        }
        warnings.push(format!("{message}; decoded with replacement characters"));
    }
    let text = String::from_utf8_lossy(&bytes);
    let values = match serde_json::from_str::<Vec<serde_json::Value>>(&text) {
        Ok(v) => v,
        Err(e) => {
            let label = format!("{}:{}:{}", shared.label, e.line(), e.column());
            return single_skip(label, json_problem(&e));
        }
    };
    let items: Vec<Item> = values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let n = i as u64 + 1;
            shared.json_article(v, format!("element {n}"), n, std::mem::take(&mut warnings))
        })
        .collect();
    Box::new(items.into_iter())
}
