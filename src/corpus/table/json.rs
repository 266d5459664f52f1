//! JSON records: JSON lines (one object per line) and a `.json` file holding one array of
//! objects. Field values that are numbers or booleans are read as their JSON text; `null` is an
//! absent field.

use std::borrow::Cow;
use std::io::{BufRead, Read};

use super::columns::{resolve, ColumnError, Columns};
use super::json_record::{Field, Record};
use super::record::Table;
use super::Items;
use crate::corpus::decode::nuls_removed;
use crate::corpus::{InvalidUtf8, Item, Oversized, SkipReason, TooLarge, Utf8Place};

/// The articles of a JSON lines input, one per non-blank line.
pub(super) struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    table: Table,
    /// The number of the line in `buffer`, from 1.
    line: u64,
    buffer: Vec<u8>,
    columns: KnownColumns,
}

impl JsonLines {
    pub(super) fn new(reader: Box<dyn BufRead + Send>, table: Table) -> Self {
        JsonLines {
            reader,
            table,
            line: 0,
            buffer: Vec::new(),
            columns: KnownColumns::default(),
        }
    }

    /// Reads the next line into the buffer, at most one article's size; a longer line is
    /// skipped to its end. `None` at the end of the input.
    fn read_line(&mut self) -> Option<Result<(), SkipReason>> {
        self.buffer.clear();
        let limit = self.table.options.max_article_bytes as u64 + 1024;
        let read = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buffer);
        match read {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => return Some(Err(format!("cannot read: {e}").into())),
        }
        self.line += 1;
        if self.buffer.len() as u64 == limit && self.buffer.last() != Some(&b'\n') {
            let rest = self.skip_rest_of_line();
            return Some(Err(SkipReason::TooLarge(TooLarge {
                what: Oversized::Line(limit + rest),
                limit: self.table.options.max_article_bytes,
            })));
        }
        Some(Ok(()))
    }

    /// Reads past the end of the current line; how many bytes that was.
    fn skip_rest_of_line(&mut self) -> u64 {
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
        rest
    }

    /// The article of `line` (the buffer's, not blank).
    fn line_item(table: &Table, columns: &mut KnownColumns, number: u64, line: &[u8]) -> Item {
        let mut warnings = Vec::new();
        let strict = table.options.strict;
        let line = match record_text(line, Utf8Place::Line, strict, &mut warnings) {
            Ok(line) => line,
            Err(invalid) => {
                return table.skip(number.to_string(), SkipReason::StrictUtf8(invalid));
            }
        };
        match Record::parse(&line) {
            Ok(record) => {
                json_article(table, columns, record, number.to_string(), number, warnings)
            }
            Err(e) => table.skip(format!("{number}:{}", e.column()), json_problem(&e)),
        }
    }
}

impl Iterator for JsonLines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Err(reason) = self.read_line()? {
                return Some(self.table.skip(self.line.max(1).to_string(), reason));
            }
            let line = self.buffer.trim_ascii();
            if !line.is_empty() {
                let item = Self::line_item(&self.table, &mut self.columns, self.line, line);
                return Some(item);
            }
        }
    }
}

/// The JSON text of one record's bytes (at `place`): NUL bytes removed and bytes that are not
/// UTF-8 replaced, each said in `warnings`; when `strict`, where the first byte that is not UTF-8
/// is instead.
fn record_text<'a>(
    bytes: &'a [u8],
    place: Utf8Place,
    strict: bool,
    warnings: &mut Vec<String>,
) -> Result<Cow<'a, str>, InvalidUtf8> {
    // Raw NUL bytes make a record invalid JSON: they go, said once, and the record is read.
    let bytes = match bytes.iter().position(|&b| b == 0) {
        Some(first) => {
            let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
            warnings.push(nuls_removed(bytes.len() - kept.len(), first));
            Cow::Owned(kept)
        }
        None => Cow::Borrowed(bytes),
    };
    let (error, bytes) = match bytes {
        Cow::Borrowed(b) => match std::str::from_utf8(b) {
            Ok(text) => return Ok(Cow::Borrowed(text)),
            Err(e) => (e, Cow::Borrowed(b)),
        },
        Cow::Owned(b) => match String::from_utf8(b) {
            Ok(text) => return Ok(Cow::Owned(text)),
            Err(e) => (e.utf8_error(), Cow::Owned(e.into_bytes())),
        },
    };
    let invalid = InvalidUtf8 {
        at_byte: error.valid_up_to(),
        place,
    };
    if strict {
        return Err(invalid);
    }
    warnings.push(invalid.repaired());
    Ok(Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()))
}

/// A JSON parse error without serde's own location (the caller gives `path:line:col`).
fn json_problem(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line").next().unwrap_or(&message);
    format!("invalid JSON: {message}; skipped")
}

/// The columns of the last records' field names: most inputs name the same fields in every
/// record, and finding the columns anew for each took more time than reading its fields.
#[derive(Default)]
struct KnownColumns {
    names: Vec<String>,
    columns: Option<Columns>,
}

impl KnownColumns {
    /// The columns of a record whose fields are named `names` (in order of name).
    fn of<'a>(
        &mut self,
        names: impl ExactSizeIterator<Item = &'a str> + Clone,
        table: &Table,
    ) -> Result<&Columns, ColumnError> {
        let known =
            self.names.len() == names.len() && names.clone().zip(&self.names).all(|(a, b)| a == b);
        if !known || self.columns.is_none() {
            self.columns = None;
            self.names.clear();
            self.names.extend(names.map(str::to_string));
            self.columns = Some(resolve(&self.names, &table.options)?);
        }
        Ok(self.columns.as_ref().expect("columns were found above"))
    }
}

/// An article from one JSON record (record number `number`, at `at`), which must be an object
/// with a text field.
fn json_article(
    table: &Table,
    known: &mut KnownColumns,
    record: Record,
    at: String,
    number: u64,
    warnings: Vec<String>,
) -> Item {
    let Record(Some(fields)) = record else {
        return table.skip(at, "expected a JSON object like {\"id\": .., \"text\": ..}");
    };
    let columns = match known.of(fields.keys().map(|k| k.as_ref()), table) {
        Ok(c) => c,
        Err(reason) => return table.skip(at, reason),
    };
    let values: Vec<&Field> = fields.values().collect();
    if let Field::Json { nested: true, .. } = values[columns.text] {
        let name = fields.keys().nth(columns.text).map_or("", |k| k.as_ref());
        let reason = format!("field `{name}` holds a JSON object or list, not text");
        return table.skip(at, reason);
    }
    let field = |i: usize| values.get(i).and_then(|v| v.to_text());
    table.article(columns, at, number, field, warnings)
}

/// A `.json` file holding one array of article objects, read one element at a time: memory
/// holds one element, and an array cut short keeps every element before the cut.
pub(super) fn json_array(reader: Box<dyn BufRead + Send>, table: Table) -> Items {
    Box::new(JsonArray {
        reader,
        table,
        line: 1,
        col: 1,
        elements: 0,
        state: ArrayState::Opening,
        element: Vec::new(),
        columns: KnownColumns::default(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArrayState {
    /// Before the `[`.
    Opening,
    /// After `[` or `,`: an element comes next (or, right after `[`, the `]` of an empty array).
    Element {
        first: bool,
    },
    /// After an element: `,` or `]` comes next.
    Separator,
    Done,
}

/// Where an element's bytes end, as they are scanned.
#[derive(Debug, Default)]
struct Scan {
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// Bytes of the element, whether kept or not.
    bytes: u64,
}

struct JsonArray {
    reader: Box<dyn BufRead + Send>,
    table: Table,
    /// Line and column (from 1) of the next byte.
    line: u64,
    col: u64,
    elements: u64,
    state: ArrayState,
    element: Vec<u8>,
    columns: KnownColumns,
}

impl JsonArray {
    /// Moves past white space; the next byte, not consumed, or `None` at the end.
    fn peek_past_space(&mut self) -> Result<Option<u8>, String> {
        loop {
            let buf = self
                .reader
                .fill_buf()
                .map_err(|e| format!("cannot read: {e}"))?;
            let Some(&b) = buf.first() else {
                return Ok(None);
            };
            if !b.is_ascii_whitespace() {
                return Ok(Some(b));
            }
            self.advance(b);
            self.reader.consume(1);
        }
    }

    fn advance(&mut self, b: u8) {
        if b == b'\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
    }

    fn take_byte(&mut self, b: u8) {
        self.advance(b);
        self.reader.consume(1);
    }

    /// Reads one element's bytes, up to the `,` or `]` after it (not taken); keeps at most
    /// `limit` of them. Returns the scan, whose `bytes` says how many there were, or `None` when
    /// the input ended inside the element.
    fn read_element(&mut self, limit: u64) -> Result<Option<Scan>, String> {
        self.element.clear();
        let mut scan = Scan::default();
        loop {
            let buf = self
                .reader
                .fill_buf()
                .map_err(|e| format!("cannot read: {e}"))?;
            if buf.is_empty() {
                return Ok(None);
            }
            let mut end = None;
            for (i, &b) in buf.iter().enumerate() {
                if scan.in_string {
                    match b {
                        _ if scan.escaped => scan.escaped = false,
                        b'\\' => scan.escaped = true,
                        b'"' => scan.in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match b {
                    b'"' => scan.in_string = true,
                    b'{' | b'[' => scan.depth += 1,
                    b'}' | b']' if scan.depth > 0 => scan.depth -= 1,
                    b',' | b']' if scan.depth == 0 => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let taken = end.unwrap_or(buf.len());
            let room = limit.saturating_sub(self.element.len() as u64) as usize;
            self.element.extend_from_slice(&buf[..taken.min(room)]);
            let (lines, col) = count_lines(&buf[..taken]);
            scan.bytes += taken as u64;
            self.reader.consume(taken);
            if lines > 0 {
                self.line += lines;
                self.col = col;
            } else {
                self.col += taken as u64;
            }
            if end.is_some() {
                return Ok(Some(scan));
            }
        }
    }

    /// The article of the element just read, which began at `line`:`col`.
    fn element_item(&mut self, line: u64, col: u64) -> Item {
        let n = self.elements;
        let at = format!("{line} (element {n})");
        let mut warnings = Vec::new();
        let bytes = self.element.trim_ascii_end();
        let strict = self.table.options.strict;
        let json = match record_text(bytes, Utf8Place::Element, strict, &mut warnings) {
            Ok(json) => json,
            Err(invalid) => return self.table.skip(at, SkipReason::StrictUtf8(invalid)),
        };
        match Record::parse(&json) {
            Ok(record) => json_article(&self.table, &mut self.columns, record, at, n, warnings),
            Err(e) => {
                // Where in the file: the element's own lines and columns, from where it began.
                let line_in = e.line() as u64;
                let (l, c) = match line_in {
                    0 | 1 => (line, col + (e.column() as u64).saturating_sub(1)),
                    _ => (line + line_in - 1, e.column() as u64),
                };
                self.table
                    .skip(format!("{l}:{c} (element {n})"), json_problem(&e))
            }
        }
    }

    /// The item that ends the array early: what is wrong at the current place.
    fn stop(&mut self, problem: String) -> Item {
        self.state = ArrayState::Done;
        let at = format!("{}:{}", self.line, self.col);
        self.table
            .skip(at, format!("{problem}; the rest of the file is skipped"))
    }
}

impl Iterator for JsonArray {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            let next = match self.peek_past_space() {
                Ok(next) => next,
                Err(e) => return Some(self.stop(e)),
            };
            match (self.state, next) {
                (ArrayState::Done, _) => return None,
                (ArrayState::Opening, Some(b'[')) => {
                    self.take_byte(b'[');
                    self.state = ArrayState::Element { first: true };
                }
                (ArrayState::Opening, _) => {
                    return Some(self.stop("expected a JSON array `[` of objects".into()))
                }
                (ArrayState::Element { first: true }, Some(b']')) => {
                    self.take_byte(b']');
                    self.state = ArrayState::Done;
                    let end = self.peek_past_space();
                    return match end {
                        Ok(None) => Some(self.table.skip_all("an empty JSON array")),
                        _ => Some(self.stop("text after the closing `]`".into())),
                    };
                }
                (ArrayState::Element { .. }, None) => {
                    let after = match self.elements {
                        0 => "before its first element".to_string(),
                        n => format!("after element {n}"),
                    };
                    return Some(self.stop(format!("the array ends {after}, without its `]`")));
                }
                (ArrayState::Element { .. }, Some(b',' | b']')) => {
                    return Some(self.stop(format!("element {} is missing", self.elements + 1)))
                }
                (ArrayState::Element { .. }, Some(_)) => {
                    let (line, col) = (self.line, self.col);
                    self.elements += 1;
                    let limit = self.table.options.max_article_bytes as u64 + 1024;
                    let scan = match self.read_element(limit + 1) {
                        Ok(Some(scan)) => scan,
                        Ok(None) => {
                            let n = self.elements;
                            self.state = ArrayState::Done;
                            return Some(self.table.skip(
                                format!("{line}:{col} (element {n})"),
                                "the file ends inside this element: it was cut short; the \
                                 elements before it are read",
                            ));
                        }
                        Err(e) => return Some(self.stop(e)),
                    };
                    self.state = ArrayState::Separator;
                    if scan.bytes > limit {
                        let too_large = TooLarge {
                            what: Oversized::Element(scan.bytes),
                            limit: self.table.options.max_article_bytes,
                        };
                        let at = format!("{line} (element {})", self.elements);
                        return Some(self.table.skip(at, SkipReason::TooLarge(too_large)));
                    }
                    return Some(self.element_item(line, col));
                }
                (ArrayState::Separator, Some(b',')) => {
                    self.take_byte(b',');
                    self.state = ArrayState::Element { first: false };
                }
                (ArrayState::Separator, Some(b']')) => {
                    self.take_byte(b']');
                    self.state = ArrayState::Done;
                    return match self.peek_past_space() {
                        Ok(None) => None,
                        _ => Some(self.stop("text after the closing `]`".into())),
                    };
                }
                (ArrayState::Separator, None) => {
                    let n = self.elements;
                    return Some(
                        self.stop(format!("the array ends after element {n}, without its `]`")),
                    );
                }
                (ArrayState::Separator, Some(_)) => {
                    return Some(self.stop(format!(
                        "expected `,` or `]` after element {}",
                        self.elements
                    )))
                }
            }
        }
    }
}

/// The newlines in `bytes`, and the column after the last of them (from 1).
fn count_lines(bytes: &[u8]) -> (u64, u64) {
    match bytes.iter().rposition(|&b| b == b'\n') {
        Some(last) => {
            let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            (lines, (bytes.len() - last) as u64)
        }
        None => (0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{articles, read, skipped};
    use super::*;
    use crate::corpus::{ColumnError, Format, ReadOptions};

    fn jsonl(text: &str) -> Vec<Item> {
        read(text, "feed", Format::Jsonl, &ReadOptions::default())
    }

    #[test]
    fn a_json_line_without_text_is_skipped_with_its_line() {
        let items = jsonl(
            "{\"id\": \"a\", \"text\": \"Hope.\"}\n\n{\"id\": \"b\", \"title\": \"x\"}\n\
             {\"id\": \"c\", \"text\": null}\n{\"id\": \"d\", \"text\": \"Fear.\"}\n",
        );
        let ids: Vec<&str> = articles(&items).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
        let skips = skipped(&items);
        // The blank line counts: the record without a text field is on line 3.
        assert_eq!(skips[0].origin, "feed:3");
        assert!(
            matches!(&skips[0].reason, SkipReason::Column(ColumnError::NoText { found }) if found.to_string() == "columns found: id, title"),
            "{skips:?}"
        );
        assert_eq!(skips[1].origin, "feed:4");
        assert_eq!(
            skips[1].reason.to_string(),
            "the text field is missing in this record"
        );
        assert_eq!(articles(&items)[1].origin, "feed:5");
    }

    #[test]
    fn each_record_finds_its_own_fields_whatever_the_records_before_it_named() {
        let items = jsonl(
            "{\"id\": \"a\", \"text\": \"Hope.\"}\n{\"id\": \"b\", \"text\": \"War.\"}\n\
             {\"an\": 1, \"id\": \"c\", \"text\": \"Fear.\"}\n{\"text\": \"Peace.\", \"title\": \"T\"}\n\
             {\"id\": \"e\", \"body\": \"Aid.\"}\n",
        );
        let read = articles(&items);
        let fields: Vec<(&str, &str)> = read
            .iter()
            .map(|a| (a.id.as_str(), a.text.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("a", "Hope."),
                ("b", "War."),
                ("c", "Fear."),
                ("feed-4", "Peace."),
                ("e", "Aid.")
            ]
        );
        assert_eq!(read[3].title, "T");
    }

    #[test]
    fn nul_bytes_go_and_bytes_not_utf8_are_repaired_or_refused_in_lines_and_elements() {
        let lines =
            b"{\"text\": \"Hope \xff for peace.\"}\n{\"text\": \"War\x00 and \xc3 fear.\"}\n\
                      {\"text\": \"Aid\x00.\"}\n"
                .to_vec();
        let array = b"[{\"text\": \"Hope \xff.\"},\n {\"text\": \"War\x00 \xe2\x82.\"}]".to_vec();
        let read = |bytes: &Vec<u8>, strict: bool| -> Vec<Item> {
            let options = ReadOptions {
                strict,
                ..ReadOptions::default()
            };
            super::super::read_bytes(bytes.clone(), "feed", Format::Jsonl, &options).collect()
        };

        let items = read(&lines, false);
        let texts: Vec<&str> = articles(&items).iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Hope \u{FFFD} for peace.", "War and \u{FFFD} fear.", "Aid."]
        );
        let warnings = &articles(&items)[1].warnings;
        assert!(warnings[0].starts_with("1 NUL byte(s) removed, the first at byte 13"));
        // The place of the bad byte is counted without the NUL before it.
        assert!(warnings[1].starts_with("invalid UTF-8 at byte 18 of the line"));
        let items = read(&lines, true);
        let skips: Vec<&str> = skipped(&items).iter().map(|s| s.origin.as_str()).collect();
        assert_eq!(skips, ["feed:1", "feed:2"]);
        assert_eq!(articles(&items)[0].text, "Aid.");

        let items = read(&array, false);
        let texts: Vec<&str> = articles(&items).iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["Hope \u{FFFD}.", "War \u{FFFD}."]);
        let items = read(&array, true);
        assert_eq!(skipped(&items).len(), 2);
        assert!(skipped(&items)[1]
            .reason
            .to_string()
            .starts_with("invalid UTF-8 at byte 14 of the element"));
    }

    #[test]
    fn numbers_and_booleans_are_read_as_text_and_null_as_nothing() {
        let items = jsonl("{\"id\": 7, \"text\": \"Hope.\", \"outlet\": null, \"title\": true}\n");
        let article = articles(&items)[0];
        assert_eq!(
            (
                article.id.as_str(),
                article.group.as_str(),
                article.title.as_str()
            ),
            ("7", "", "true")
        );
        let items = jsonl("{\"id\": null, \"text\": \"Hope.\", \"title\": 1.5}\n");
        let article = articles(&items)[0];
        assert_eq!(
            (article.id.as_str(), article.title.as_str()),
            ("feed-1", "1.5")
        );
    }

    #[test]
    fn a_bad_json_line_is_skipped_with_its_line_and_column() {
        let items = jsonl(
            "{\"text\": \"a\"}\n{\"text\": oops}\n[1]\n{\"text\": {\"a\": 1}}\n{\"text\": \"b\"}\n",
        );
        let skips = skipped(&items);
        assert_eq!(skips[0].origin, "feed:2:10");
        let reason = skips[0].reason.to_string();
        assert!(reason.starts_with("invalid JSON: "), "{reason}");
        assert!(
            reason.ends_with("; skipped") && !reason.contains(" at line"),
            "{reason}"
        );
        assert_eq!(skips[1].origin, "feed:3");
        assert!(skips[1]
            .reason
            .to_string()
            .starts_with("expected a JSON object"));
        assert_eq!(
            skips[2].reason.to_string(),
            "field `text` holds a JSON object or list, not text"
        );
        let texts: Vec<&str> = articles(&items).iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["a", "b"]);
    }

    #[test]
    fn kept_fields_of_json_hold_their_values_as_text() {
        let options = ReadOptions {
            keep_cols: vec!["date".into(), "tags".into(), "n".into()],
            ..ReadOptions::default()
        };
        let line = "{\"text\": \"Hope.\", \"story_id\": 7, \"date\": \"2024\", \"tags\": [\"a\"], \"n\": null}";
        let items = read(line, "feed", Format::Jsonl, &options);
        let read = articles(&items);
        assert_eq!(read[0].kept, ["2024", "[\"a\"]", ""]);
        assert_eq!(read[0].story, "7");
    }

    #[test]
    fn a_json_array_gives_one_article_per_element() {
        let items = jsonl("  [{\"id\": \"x\", \"text\": \"Hope, [and] {more}.\"}, {\"text\": \"Fear \\\"]\\\".\"},\n 3]");
        let read = articles(&items);
        let ids: Vec<&str> = read.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", "feed-2"]);
        assert_eq!(read[0].text, "Hope, [and] {more}.");
        assert_eq!(read[1].text, "Fear \"]\".");
        assert_eq!(read[1].origin, "feed:1 (element 2)");
        assert_eq!(skipped(&items)[0].origin, "feed:2 (element 3)");
        assert_eq!(items.len(), 3);

        // A bad element is skipped where it is wrong; those before it are read.
        let items = jsonl("[{\"text\": \"Hope.\"},\n {\"text\": }]");
        let skips = skipped(&items);
        assert_eq!(articles(&items).len(), 1);
        assert_eq!(skips[0].origin, "feed:2:11 (element 2)");
        assert!(skips[0].reason.to_string().starts_with("invalid JSON: "));
    }

    #[test]
    fn a_json_array_cut_short_keeps_its_complete_elements() {
        let items = jsonl("[{\"text\": \"Hope.\"}, {\"text\": \"War.\"}, {\"text\": \"Pea");
        assert_eq!(articles(&items).len(), 2);
        let skips = skipped(&items);
        assert_eq!(skips[0].origin, "feed:1:39 (element 3)");
        assert!(skips[0]
            .reason
            .to_string()
            .contains("the file ends inside this element"));
        let items = jsonl("[{\"text\": \"Hope.\"},\n");
        assert_eq!(articles(&items).len(), 1);
        assert!(skipped(&items)[0]
            .reason
            .to_string()
            .contains("the array ends after element 1, without its `]`"));
        let items = jsonl("[{\"text\": \"Hope.\"}] trailing");
        assert_eq!(articles(&items).len(), 1);
        assert_eq!(skipped(&items)[0].origin, "feed:1:21");
        assert_eq!(
            skipped(&jsonl("[ ]"))[0].reason.to_string(),
            "an empty JSON array"
        );
    }

    #[test]
    fn a_json_array_element_over_the_limit_is_skipped_alone() {
        let options = ReadOptions {
            max_article_bytes: 10,
            ..ReadOptions::default()
        };
        let long = format!("{{\"text\": \"{}\"}}", "a".repeat(5000));
        let text = format!("[{long}, {{\"text\": \"short\"}}]");
        let items = read(&text, "feed", Format::Jsonl, &options);
        assert_eq!(skipped(&items)[0].origin, "feed:1 (element 1)");
        assert_eq!(articles(&items)[0].text, "short");
    }

    #[test]
    fn a_json_line_over_the_limit_is_skipped_to_its_end() {
        let options = ReadOptions {
            max_article_bytes: 10,
            ..ReadOptions::default()
        };
        let long = format!("{{\"text\": \"{}\"}}", "a".repeat(2000));
        let text = format!("{long}\n{{\"text\": \"short\"}}\n");
        let items = read(&text, "feed", Format::Jsonl, &options);
        let skips = skipped(&items);
        assert_eq!(skips[0].origin, "feed:1");
        let expected = SkipReason::TooLarge(TooLarge {
            what: Oversized::Line(long.len() as u64 + 1),
            limit: 10,
        });
        assert_eq!(skips[0].reason, expected);
        assert_eq!(articles(&items)[0].text, "short");
    }
}
