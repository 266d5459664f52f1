//! Articles stored as records: CSV/TSV rows and JSON lines (from files or stdin). This module
//! opens the input and hands it to the reader of its format.

mod columns;
mod csv;
mod json;
mod json_record;
mod parquet;
mod record;
mod stream;

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor};
use std::path::Path;

use super::counting::{Counting, ReadCounter};
use super::files::{read_up_to, Bounded};
use super::front_matter::read_text;
use super::{decode, Article, Format, Item, Oversized, ReadOptions, SkipReason, Skipped, TooLarge};
pub use columns::{column_position, numbered_columns, ColumnError, ColumnRole, FoundColumns};
use record::Table;
use stream::Start;

/// The items of one input, read lazily.
type Items = Box<dyn Iterator<Item = Item> + Send>;

/// Parquet is read from anywhere in a file (its footer first), not as a stream.
const NOT_FROM_STREAM: &str =
    "Parquet is read from a file, not from a stream; save it to a file and give its path";

/// Reads a CSV, TSV, JSONL or Parquet file record by record, adding the bytes it reads to `counter`.
pub fn read_table(
    path: &Path,
    format: Format,
    options: &ReadOptions,
    counter: ReadCounter,
) -> Items {
    if format == Format::Parquet {
        return parquet::read_parquet(path, options, counter);
    }
    let label = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return single_skip(label, format!("cannot open: {e}").into()),
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = Counting {
        inner: file,
        counter,
    };
    let reader = Box::new(BufReader::with_capacity(1 << 16, file));
    records(reader, Table::new(label, stem, options), format)
}

/// Reads stdin in the given format, adding the bytes it reads to `counter`.
pub fn read_stdin(format: Format, options: &ReadOptions, counter: ReadCounter) -> Items {
    let label = "<stdin>".to_string();
    let stdin = Counting {
        inner: std::io::stdin(),
        counter,
    };
    if format == Format::Text {
        let item = match read_up_to(stdin, options.max_article_bytes) {
            Ok(Bounded::Bytes(bytes)) => text_article(bytes, "stdin", label, options),
            Ok(Bounded::TooLarge(what)) => Item::Skipped(Skipped {
                origin: label,
                reason: SkipReason::TooLarge(TooLarge {
                    what,
                    limit: options.max_article_bytes,
                }),
            }),
            Err(e) => return single_skip(label, format!("cannot read: {e}").into()),
        };
        return Box::new(std::iter::once(item));
    }
    if format == Format::Parquet {
        return single_skip(label, NOT_FROM_STREAM.into());
    }
    let table = Table::new(label, "stdin".into(), options);
    records(Box::new(BufReader::new(stdin)), table, format)
}

/// Reads articles from bytes in memory as from a file of `format`, named `label` in messages.
pub fn read_bytes(bytes: Vec<u8>, label: &str, format: Format, options: &ReadOptions) -> Items {
    if format == Format::Text {
        let item = text_article(bytes, label, label.to_string(), options);
        return Box::new(std::iter::once(item));
    }
    if format == Format::Parquet {
        return parquet::read_parquet_bytes(bytes, label, options);
    }
    let table = Table::new(label.to_string(), label.to_string(), options);
    records(Box::new(Cursor::new(bytes)), table, format)
}

/// One article from the bytes of a whole text.
fn text_article(bytes: Vec<u8>, id: &str, origin: String, options: &ReadOptions) -> Item {
    match decode(bytes, options.strict, options.encoding) {
        Ok(d) if d.text.len() > options.max_article_bytes => Item::Skipped(Skipped {
            origin,
            reason: SkipReason::TooLarge(TooLarge {
                what: Oversized::Input(d.text.len() as u64),
                limit: options.max_article_bytes,
            }),
        }),
        Ok(d) => {
            let mut warnings = d.warnings;
            let (text, title, date) = read_text(d.text, &mut warnings);
            Item::Article(Article {
                id: id.into(),
                group: String::new(),
                story: String::new(),
                date,
                title,
                text,
                origin,
                warnings,
                kept: Vec::new(),
                language: String::new(),
            })
        }
        Err(e) => Item::Skipped(Skipped {
            origin,
            reason: e.into(),
        }),
    }
}

fn single_skip(origin: String, reason: SkipReason) -> Items {
    Box::new(std::iter::once(Item::Skipped(Skipped { origin, reason })))
}

/// The records of a table in `format`, read from `reader`.
fn records(reader: Box<dyn BufRead + Send>, table: Table, format: Format) -> Items {
    let start = match stream::start(reader, table.options.encoding) {
        Ok(start) => start,
        Err(reason) => return single_skip(table.label, reason),
    };
    let Start {
        reader,
        head,
        decode_warnings,
    } = start;
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    let items: Items = match format {
        Format::Jsonl if first == Some(&b'[') => json::json_array(reader, table),
        Format::Jsonl => Box::new(json::JsonLines::new(reader, table)),
        _ => {
            let delimiter = match format {
                Format::Tsv => b'\t',
                _ => csv::sniff_delimiter(&head),
            };
            Box::new(csv::CsvRecords::new(reader, delimiter, table))
        }
    };
    match decode_warnings {
        Some(found) => Box::new(stream::WithDecodeWarnings::new(items, found)),
        None => items,
    }
}

/// Reading whole tables from bytes, for the tests of the readers.
#[cfg(test)]
mod test_support {
    use super::{read_bytes, Format};
    use crate::corpus::{Article, Item, ReadOptions, Skipped};

    /// Every item of `text` read as a table of `format` named `label`.
    pub(super) fn read(
        text: &str,
        label: &str,
        format: Format,
        options: &ReadOptions,
    ) -> Vec<Item> {
        read_bytes(text.as_bytes().to_vec(), label, format, options).collect()
    }

    pub(super) fn articles(items: &[Item]) -> Vec<&Article> {
        items
            .iter()
            .filter_map(|item| match item {
                Item::Article(a) => Some(a),
                Item::Skipped(_) => None,
            })
            .collect()
    }

    pub(super) fn skipped(items: &[Item]) -> Vec<&Skipped> {
        items
            .iter()
            .filter_map(|item| match item {
                Item::Skipped(s) => Some(s),
                Item::Article(_) => None,
            })
            .collect()
    }
}
