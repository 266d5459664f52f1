//! Articles stored as records: CSV/TSV rows and JSON lines (from files or stdin).

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use super::{decode, headline, Article, Format, Item, ReadOptions, Skipped};

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

/// Finds a field: the one named by the flag, or else the first known alternative (ignoring case).
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
        Some(f) => position(f)
            .map(Some)
            .ok_or_else(|| format!("column `{f}` not found")),
        None => Ok(alternatives.iter().find_map(|a| position(a))),
    }
}

fn resolve(names: &[String], o: &ReadOptions) -> Result<Columns, String> {
    let found = || {
        let list: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
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

/// Reads a CSV, TSV or JSONL file record by record.
pub fn read_table(
    path: &Path,
    format: Format,
    options: &ReadOptions,
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
    records(
        Box::new(BufReader::with_capacity(1 << 16, file)),
        label,
        stem,
        format,
        options,
    )
}

/// Reads stdin in the given format.
pub fn read_stdin(format: Format, options: &ReadOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    let label = "<stdin>".to_string();
    if format == Format::Text {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
            return single_skip(label, format!("cannot read: {e}"));
        }
        let item = match decode(bytes, options.strict) {
            Ok(d) => Item::Article(Article {
                id: "stdin".into(),
                group: String::new(),
                title: headline(&d.text),
                text: d.text,
                origin: label,
                warnings: d.warnings,
            }),
            Err(e) => Item::Skipped(Skipped {
                origin: label,
                reason: e.to_string(),
            }),
        };
        return Box::new(std::iter::once(item));
    }
    records(
        Box::new(BufReader::new(std::io::stdin())),
        label,
        "stdin".into(),
        format,
        options,
    )
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
    // UTF-16 files (spreadsheet exports) are decoded whole; UTF-8 is streamed.
    let head = reader
        .fill_buf()
        .map(|b| b.get(..2).map(|h| h.to_vec()))
        .ok()
        .flatten();
    if matches!(head.as_deref(), Some([0xFF, 0xFE]) | Some([0xFE, 0xFF])) {
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            return single_skip(label, format!("cannot read: {e}"));
        }
        match decode(bytes, options.strict) {
            Ok(d) => reader = Box::new(Cursor::new(d.text.into_bytes())),
            Err(e) => return single_skip(label, e.to_string()),
        }
    }
    let shared = Shared {
        label,
        stem,
        options: options.clone(),
    };
    match format {
        Format::Jsonl => Box::new(JsonLines {
            reader,
            shared,
            line: 0,
            buffer: Vec::new(),
        }),
        _ => {
            let delimiter = if format == Format::Tsv { b'\t' } else { b',' };
            let csv = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .flexible(true)
                .from_reader(reader);
            Box::new(CsvRecords {
                csv,
                shared,
                columns: None,
                header_len: 0,
                record: 0,
                done: false,
            })
        }
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
        &self,
        columns: &Columns,
        at: String,
        record: u64,
        field: impl Fn(usize) -> Option<String>,
        mut warnings: Vec<String>,
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
        warnings.iter_mut().for_each(|w| *w = format!("{at}: {w}"));
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
    csv: csv::Reader<Box<dyn BufRead + Send>>,
    shared: Shared,
    columns: Option<Columns>,
    header_len: usize,
    record: u64,
    done: bool,
}

impl Iterator for CsvRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            let headers = match self.csv.byte_headers() {
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
                    return Some(
                        self.shared
                            .skip("1".into(), format!("cannot read the header: {e}")),
                    );
                }
            };
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
                None
            }
            Err(e) => {
                self.record += 1;
                let line = e.position().map_or(0, |p| p.line());
                self.done = !matches!(
                    e.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                );
                Some(
                    self.shared
                        .skip(format!("{line}"), format!("record {}: {e}", self.record)),
                )
            }
            Ok(true) => {
                self.record += 1;
                let line = record.position().map_or(0, |p| p.line());
                let at = format!("{line} (record {})", self.record);
                let mut warnings = Vec::new();
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
                    let message = format!("invalid UTF-8 in field {} at byte {at_byte}", field + 1);
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

impl Iterator for JsonLines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            self.buffer.clear();
            match self.reader.read_until(b'\n', &mut self.buffer) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    return Some(
                        self.shared
                            .skip(format!("{}", self.line + 1), format!("cannot read: {e}")),
                    )
                }
            }
            self.line += 1;
            let line = self.buffer.trim_ascii();
            if line.is_empty() {
                continue;
            }
            let value: serde_json::Value = match serde_json::from_slice(line) {
                Ok(v) => v,
                Err(e) => {
                    let message = e.to_string();
                    let message = message
                        .split(" at line")
                        .next()
                        .unwrap_or(&message)
                        .to_string();
                    return Some(self.shared.skip(
                        format!("{}:{}", self.line, e.column()),
                        format!("invalid JSON: {message}; line skipped"),
                    ));
                }
            };
            let at = format!("{}", self.line);
            let Some(object) = value.as_object() else {
                return Some(self.shared.skip(
                    at,
                    "a JSON line must be an object like {\"id\": .., \"text\": ..}",
                ));
            };
            let names: Vec<String> = object.keys().cloned().collect();
            let columns = match resolve(&names, &self.shared.options) {
                Ok(c) => c,
                Err(reason) => return Some(self.shared.skip(at, reason)),
            };
            let field = |i: usize| {
                names.get(i).and_then(|k| match &object[k] {
                    serde_json::Value::Null => None,
                    serde_json::Value::String(s) => Some(s.clone()),
                    other => Some(other.to_string()),
                })
            };
            return Some(
                self.shared
                    .article(&columns, at, self.line, field, Vec::new()),
            );
        }
    }
}
