//! CSV and TSV records: the delimiter of a `.csv` file, the header (or numbered columns without
//! one), and each row checked for what the parser lets through (quotes left open or not doubled,
//! rows of the wrong length, invalid UTF-8).

use std::io::BufRead;

use ::csv::{ByteRecord, ErrorKind, Reader, ReaderBuilder};

use super::columns::{numbered_columns, resolve, Columns};
use super::record::Table;
use crate::corpus::csv_watch::{CsvWatch, RecordTooLarge};
use crate::corpus::{InvalidUtf8, Item, Oversized, SkipReason, TooLarge, Utf8Place};

/// The delimiter of a `.csv` file: `,` unless the header line has none and has `;` (spreadsheets
/// in comma-decimal locales) or tabs.
pub(super) fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    match (count(b','), count(b';'), count(b'\t')) {
        (0, semicolons, tabs) if semicolons > 0 && semicolons >= tabs => b';',
        (0, _, tabs) if tabs > 0 => b'\t',
        _ => b',',
    }
}

/// The articles of a CSV or TSV table, one per row after the header.
pub(super) struct CsvRecords {
    csv: Reader<CsvWatch<Box<dyn BufRead + Send>>>,
    table: Table,
    /// Known once the header is read.
    columns: Option<Columns>,
    header_len: usize,
    /// Rows read so far.
    record: u64,
    done: bool,
    /// A problem of the header, told with the first record.
    header_warning: Option<String>,
}

impl CsvRecords {
    pub(super) fn new(reader: Box<dyn BufRead + Send>, delimiter: u8, table: Table) -> Self {
        let options = &table.options;
        let watch = CsvWatch::new(
            reader,
            delimiter,
            options.quoting,
            options.max_article_bytes as u64,
        );
        let csv = ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(options.header)
            .quoting(options.quoting)
            .from_reader(watch);
        CsvRecords {
            csv,
            table,
            columns: None,
            header_len: 0,
            record: 0,
            done: false,
            header_warning: None,
        }
    }

    /// Reads the header (or counts the fields of the first row) and finds the columns; when that
    /// fails, the item that ends the table.
    fn read_header(&mut self) -> Option<Item> {
        let headers = match self.csv.byte_headers() {
            Ok(h) if !self.table.options.header => numbered_columns(h.len()),
            Ok(h) => h
                .iter()
                .map(|f| {
                    String::from_utf8_lossy(f)
                        .trim_start_matches('\u{FEFF}')
                        .to_string()
                })
                .collect::<Vec<_>>(),
            Err(e) => return Some(self.read_error(e, "the header")),
        };
        let open = self.csv.get_ref().open_quote_at_end();
        if let Some(open) = open.filter(|_| self.table.options.header) {
            return Some(self.table.skip(
                open.line.to_string(),
                "the header has a quote that is never closed, so the whole file became one \
                 header; close the quote (a quote inside a field is written as two: \"\")",
            ));
        }
        self.header_warning = repeated_column(&headers);
        match resolve(&headers, &self.table.options) {
            Ok(columns) => {
                self.header_len = headers.len();
                self.columns = Some(columns);
                None
            }
            Err(reason) => Some(self.table.skip_all(reason)),
        }
    }

    /// The line on which the record at `position` starts (0 when not known).
    fn line_of(&mut self, position: Option<&::csv::Position>) -> u64 {
        position.map_or(0, |p| {
            self.csv
                .get_mut()
                .line_of_record(p.byte())
                .unwrap_or(p.line())
        })
    }

    /// A record that cannot be read ends the file: the parser cannot find the next record.
    fn read_error(&mut self, e: ::csv::Error, what: &str) -> Item {
        let line = self.line_of(e.position());
        let watch = self.csv.get_ref();
        let reason = match e.kind() {
            ErrorKind::Io(io) if RecordTooLarge::is(io) => SkipReason::TooLarge(TooLarge {
                what: Oversized::Row {
                    what: what.to_string(),
                    open_quote_line: watch.open_quote().map(|q| q.line),
                },
                limit: self.table.options.max_article_bytes,
            }),
            _ => format!("cannot read {what}: {e}; the rest of the file is skipped").into(),
        };
        let at = if line > 0 { line } else { watch.record_line() };
        self.table.skip(at.to_string(), reason)
    }

    /// The article of row number `self.record`, just read into `record`.
    fn row(&mut self, record: &ByteRecord) -> Item {
        let line = self.line_of(record.position());
        let at = format!("{line} (record {})", self.record);
        let start = record.position().map_or(0, |p| p.byte());
        if let Some(open) = self.csv.get_ref().open_quote_at_end() {
            if open.byte >= start {
                self.done = true;
                return self.table.skip(
                    format!("{} (record {})", open.line, self.record),
                    "a quote opened here is never closed, so the rest of the file became one \
                     field; record skipped (close the quote; a quote inside a field is written \
                     as two: \"\")",
                );
            }
        }
        let mut warnings = Vec::new();
        warnings.extend(self.header_warning.take());
        warnings.extend(self.stray_quote(line));
        if record.len() != self.header_len {
            warnings.push(format!(
                "{} fields where the header has {}",
                record.len(),
                self.header_len
            ));
        }
        let (fields, bad_utf8) = utf8_fields(record);
        if let Some(invalid) = bad_utf8 {
            if self.table.options.strict {
                return self.table.skip(at, SkipReason::StrictUtf8(invalid));
            }
            warnings.push(invalid.repaired());
        }
        let columns = self.columns.as_ref().expect("the header is read first");
        let field = |i: usize| fields.get(i).cloned();
        self.table
            .article(columns, at, self.record, field, warnings)
    }

    /// Warns about a closing quote followed by more text in the row that starts on `line`: a
    /// quote not doubled, or one left open that merged the following rows into this one.
    fn stray_quote(&mut self, line: u64) -> Option<String> {
        let end = self.csv.position().clone();
        let quote = self.csv.get_mut().take_stray_quote(end.byte())?;
        let last_line = end.line().saturating_sub(1).max(quote).max(line);
        let span = if last_line > line {
            format!("; this record runs from line {line} to {last_line}: were rows merged?")
        } else {
            String::new()
        };
        Some(format!(
            "a closing quote on line {quote} is followed by more text: a quote inside a quoted \
             field must be doubled (\"\"), or one was left open{span}"
        ))
    }
}

/// The first column name the header gives twice (columns are looked up by name, ignoring case
/// and surrounding spaces, so only the first of them is ever read), in words.
fn repeated_column(headers: &[String]) -> Option<String> {
    let key = |h: &String| h.trim().to_lowercase();
    headers.iter().enumerate().find_map(|(i, h)| {
        let first = headers[..i]
            .iter()
            .position(|earlier| key(earlier) == key(h))?;
        Some(format!(
            "the header names `{}` twice (columns {} and {}); the first is read",
            h.trim(),
            first + 1,
            i + 1
        ))
    })
}

/// The fields of `record` as text, invalid UTF-8 replaced, with where the first invalid byte is.
fn utf8_fields(record: &ByteRecord) -> (Vec<String>, Option<InvalidUtf8>) {
    let mut bad_utf8 = None;
    let fields = record
        .iter()
        .enumerate()
        .map(|(i, raw)| match std::str::from_utf8(raw) {
            Ok(s) => s.to_string(),
            Err(e) => {
                bad_utf8.get_or_insert(InvalidUtf8 {
                    at_byte: e.valid_up_to(),
                    place: Utf8Place::Field(i + 1),
                });
                String::from_utf8_lossy(raw).into_owned()
            }
        })
        .collect();
    (fields, bad_utf8)
}

impl Iterator for CsvRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            if let Some(item) = self.read_header() {
                self.done = true;
                return Some(item);
            }
        }
        let mut record = ByteRecord::new();
        match self.csv.read_byte_record(&mut record) {
            Ok(false) => {
                self.done = true;
                (self.record == 0).then(|| self.table.skip_all("no record after the header"))
            }
            Err(e) => {
                self.record += 1;
                self.done = true;
                Some(self.read_error(e, &format!("record {}", self.record)))
            }
            Ok(true) => {
                self.record += 1;
                Some(self.row(&record))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{articles, read, skipped};
    use super::*;
    use crate::corpus::{ColumnError, Format, ReadOptions};

    fn csv(text: &str, options: &ReadOptions) -> Vec<Item> {
        read(text, "in.csv", Format::Csv, options)
    }

    #[test]
    fn a_header_without_commas_gives_the_delimiter() {
        assert_eq!(sniff_delimiter(b"id;text\n1;a, b\n"), b';');
        assert_eq!(sniff_delimiter(b"id\ttext\n1\ta; b\n"), b'\t');
        assert_eq!(sniff_delimiter(b"id;text,title\n"), b',');
        assert_eq!(sniff_delimiter(b"a;b\tc\td\n"), b'\t');
        assert_eq!(sniff_delimiter(b"text\n"), b',');
    }

    #[test]
    fn a_semicolon_table_is_read_by_its_sniffed_delimiter() {
        let items = csv(
            "id;outlet;text\n1;a;\"Hope, and more.\"\n",
            &ReadOptions::default(),
        );
        let read = articles(&items);
        assert_eq!(read.len(), 1, "{items:?}");
        assert_eq!(
            (
                read[0].id.as_str(),
                read[0].group.as_str(),
                read[0].text.as_str()
            ),
            ("1", "a", "Hope, and more.")
        );
        assert_eq!(read[0].origin, "in.csv:2 (record 1)");
    }

    #[test]
    fn the_story_and_kept_fields_are_read_from_each_row() {
        let options = ReadOptions {
            keep_cols: vec!["date".into(), "topic".into()],
            ..ReadOptions::default()
        };
        let items = csv(
            "id,outlet,event,text,date,topic\n1,a, visit ,Hope.,2024-05-01,=1+1\n2,b,visit,Fear.\n",
            &options,
        );
        let read = articles(&items);
        assert_eq!(read.len(), 2, "{items:?}");
        assert_eq!(
            (read[0].story.as_str(), read[1].story.as_str()),
            ("visit", "visit")
        );
        assert_eq!(read[0].kept, ["2024-05-01", "=1+1"]);
        // A row short of a kept field keeps it empty.
        assert_eq!(read[1].kept, ["", ""]);

        let options = ReadOptions {
            keep_cols: vec!["author".into()],
            ..ReadOptions::default()
        };
        let items = csv("id,text\n1,Hope.\n", &options);
        assert_eq!(
            skipped(&items)[0].reason.to_string(),
            "column `author` not found; columns found: id, text"
        );
    }

    #[test]
    fn without_a_header_columns_are_named_by_number() {
        let options = ReadOptions {
            header: false,
            id_col: Some("1".into()),
            text_col: Some("2".into()),
            ..ReadOptions::default()
        };
        let items = csv("a,Hope.\nb,Fear.\n", &options);
        let ids_and_texts: Vec<(&str, &str)> = articles(&items)
            .iter()
            .map(|a| (a.id.as_str(), a.text.as_str()))
            .collect();
        assert_eq!(ids_and_texts, [("a", "Hope."), ("b", "Fear.")]);

        let options = ReadOptions {
            header: false,
            ..ReadOptions::default()
        };
        let items = csv("a,Hope.\n", &options);
        let skips = skipped(&items);
        assert_eq!(skips.len(), 1);
        assert!(
            matches!(&skips[0].reason, SkipReason::Column(e) if e.found().to_string() == "columns found: 1, 2"),
            "{skips:?}"
        );
    }

    #[test]
    fn with_quoting_off_a_quote_is_an_ordinary_character() {
        let text = "id\ttext\n1\t\"Hope is\n2\tFear\n";
        let plain = ReadOptions {
            quoting: false,
            ..ReadOptions::default()
        };
        let items = read(text, "in.tsv", Format::Tsv, &plain);
        let texts: Vec<&str> = articles(&items).iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["\"Hope is", "Fear"]);
        // With quoting on, the open quote swallows the rest of the file.
        let items = read(text, "in.tsv", Format::Tsv, &ReadOptions::default());
        assert!(articles(&items).is_empty(), "{items:?}");
        assert!(skipped(&items)[0]
            .reason
            .to_string()
            .contains("never closed"));
    }

    #[test]
    fn a_record_without_id_is_named_after_the_file_and_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("news.csv");
        std::fs::write(&path, "id,text\n,Hope.\nx,Fear.\n  ,Calm.\n").unwrap();
        let options = ReadOptions::default();
        let counter = crate::corpus::ReadCounter::default();
        let items: Vec<Item> =
            super::super::read_table(&path, Format::Csv, &options, counter).collect();
        let ids: Vec<&str> = articles(&items).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["news-1", "x", "news-3"]);
    }

    #[test]
    fn rows_of_the_wrong_length_and_invalid_utf8_are_warned_or_refused() {
        let text = b"id,text\n1,Caf\xe9\n2,Hope.,extra\n".to_vec();
        let items: Vec<Item> =
            super::super::read_bytes(text.clone(), "in.csv", Format::Csv, &ReadOptions::default())
                .collect();
        let read = articles(&items);
        assert_eq!(
            read[0].warnings,
            [format!(
                "invalid UTF-8 at byte 3 of field 2; decoded with replacement characters; {}",
                crate::corpus::KEEP_EVERY_LETTER
            )]
        );
        assert_eq!(read[1].warnings, ["3 fields where the header has 2"]);

        let strict = ReadOptions {
            strict: true,
            ..ReadOptions::default()
        };
        let items: Vec<Item> =
            super::super::read_bytes(text, "in.csv", Format::Csv, &strict).collect();
        let skips = skipped(&items);
        assert_eq!(skips[0].origin, "in.csv:2 (record 1)");
        let expected = SkipReason::StrictUtf8(InvalidUtf8 {
            at_byte: 3,
            place: Utf8Place::Field(2),
        });
        assert_eq!(skips[0].reason, expected);
        assert_eq!(articles(&items).len(), 1);
    }

    #[test]
    fn a_text_over_the_limit_is_skipped_and_reading_goes_on() {
        let options = ReadOptions {
            max_article_bytes: 10,
            ..ReadOptions::default()
        };
        let items = csv("id,text\n1,far too long a text\n2,short\n", &options);
        let skips = skipped(&items);
        let expected = SkipReason::TooLarge(TooLarge {
            what: Oversized::TextField("far too long a text".len()),
            limit: 10,
        });
        assert_eq!(skips[0].reason, expected);
        assert_eq!(articles(&items)[0].id, "2");
    }

    #[test]
    fn a_header_without_the_text_column_skips_the_table() {
        let items = csv("id,words\n1,hello\n", &ReadOptions::default());
        assert_eq!(items.len(), 1);
        let skips = skipped(&items);
        assert_eq!(skips[0].origin, "in.csv");
        assert!(
            matches!(
                &skips[0].reason,
                SkipReason::Column(ColumnError::NoText { .. })
            ),
            "{skips:?}"
        );
        let header_only = csv("id,text\n", &ReadOptions::default());
        assert_eq!(
            skipped(&header_only)[0].reason.to_string(),
            "no record after the header"
        );
    }
}
