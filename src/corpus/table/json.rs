//! JSON records: JSON lines (one object per line) and a `.json` file holding one array of
//! objects. Field values that are numbers or booleans are read as their JSON text; `null` is an
//! absent field.

use std::io::{BufRead, Read};

use serde_json::Value;

use super::columns::resolve;
use super::record::Table;
use super::{single_skip, Items};
use crate::corpus::decode::nuls_removed;
use crate::corpus::{InvalidUtf8, Item, Oversized, SkipReason, TooLarge, Utf8Place};

/// The articles of a JSON lines input, one per non-blank line.
pub(super) struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    table: Table,
    /// The number of the line in `buffer`, from 1.
    line: u64,
    buffer: Vec<u8>,
}

impl JsonLines {
    pub(super) fn new(reader: Box<dyn BufRead + Send>, table: Table) -> Self {
        JsonLines {
            reader,
            table,
            line: 0,
            buffer: Vec::new(),
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

    /// The article of the line in the buffer, which is not blank.
    fn line_item(&self, line: &[u8]) -> Item {
        let mut warnings = Vec::new();
        let without_nuls;
        let line = match line.iter().position(|&b| b == 0) {
            // Raw NUL bytes make a line invalid JSON: they go, said once, and the line is read.
            Some(first) => {
                without_nuls = line
                    .iter()
                    .copied()
                    .filter(|&b| b != 0)
                    .collect::<Vec<u8>>();
                warnings.push(nuls_removed(line.len() - without_nuls.len(), first));
                without_nuls.as_slice()
            }
            None => line,
        };
        let repaired;
        let line = match std::str::from_utf8(line) {
            Ok(_) => line,
            Err(e) => {
                let invalid = InvalidUtf8 {
                    at_byte: e.valid_up_to(),
                    place: Utf8Place::Line,
                };
                if self.table.options.strict {
                    let at = self.line.to_string();
                    return self.table.skip(at, SkipReason::StrictUtf8(invalid));
                }
                warnings.push(invalid.repaired());
                repaired = String::from_utf8_lossy(line).into_owned();
                repaired.as_bytes()
            }
        };
        match serde_json::from_slice(line) {
            Ok(value) => json_article(
                &self.table,
                value,
                self.line.to_string(),
                self.line,
                warnings,
            ),
            Err(e) => {
                let at = format!("{}:{}", self.line, e.column());
                self.table.skip(at, json_problem(&e))
            }
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
                return Some(self.line_item(line));
            }
        }
    }
}

/// A JSON parse error without serde's own location (the caller gives `path:line:col`).
fn json_problem(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let message = message.split(" at line").next().unwrap_or(&message);
    format!("invalid JSON: {message}; skipped")
}

/// An article from one JSON value (record number `record`, at `at`), which must be an object
/// with a text field.
fn json_article(
    table: &Table,
    value: Value,
    at: String,
    record: u64,
    warnings: Vec<String>,
) -> Item {
    let Some(object) = value.as_object() else {
        return table.skip(at, "expected a JSON object like {\"id\": .., \"text\": ..}");
    };
    let names: Vec<String> = object.keys().cloned().collect();
    let columns = match resolve(&names, &table.options) {
        Ok(c) => c,
        Err(reason) => return table.skip(at, reason),
    };
    if matches!(
        object[&names[columns.text]],
        Value::Object(_) | Value::Array(_)
    ) {
        let reason = format!(
            "field `{}` holds a JSON object or list, not text",
            names[columns.text]
        );
        return table.skip(at, reason);
    }
    let field = |i: usize| {
        names.get(i).and_then(|k| match &object[k] {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        })
    };
    table.article(&columns, at, record, field, warnings)
}

/// A `.json` file holding one array of article objects. It is read whole, up to the limit of
/// one article per element on average being absurd: 16 times the article limit.
pub(super) fn json_array(reader: Box<dyn BufRead + Send>, table: Table) -> Items {
    let limit = (table.options.max_article_bytes as u64).saturating_mul(16);
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut bytes) {
        return single_skip(table.label, format!("cannot read: {e}").into());
    }
    if bytes.len() as u64 > limit {
        let reason = format!(
            "a JSON array over {limit} bytes; write one object per line (JSON lines) instead"
        );
        return single_skip(table.label, reason.into());
    }
    let mut warnings = Vec::new();
    if let Err(e) = std::str::from_utf8(&bytes) {
        let invalid = InvalidUtf8 {
            at_byte: e.valid_up_to(),
            place: Utf8Place::Input,
        };
        if table.options.strict {
            return single_skip(table.label, SkipReason::StrictUtf8(invalid));
        }
        warnings.push(invalid.repaired());
    }
    let text = String::from_utf8_lossy(&bytes);
    let values = match serde_json::from_str::<Vec<Value>>(&text) {
        Ok(v) => v,
        Err(e) => {
            let label = format!("{}:{}:{}", table.label, e.line(), e.column());
            return single_skip(label, json_problem(&e).into());
        }
    };
    let items: Vec<Item> = values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let n = i as u64 + 1;
            let at = format!("element {n}");
            json_article(&table, v, at, n, std::mem::take(&mut warnings))
        })
        .collect();
    Box::new(items.into_iter())
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
        let items = jsonl("  [{\"id\": \"x\", \"text\": \"Hope.\"}, {\"text\": \"Fear.\"}, 3]");
        let read = articles(&items);
        let ids: Vec<&str> = read.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", "feed-2"]);
        assert_eq!(read[1].origin, "feed:element 2");
        assert_eq!(skipped(&items)[0].origin, "feed:element 3");

        let items = jsonl("[{\"text\": \"Hope.\"},\n {\"text\": }]");
        let skips = skipped(&items);
        assert_eq!(items.len(), 1);
        assert_eq!(skips[0].origin, "feed:2:11");
        assert!(skips[0].reason.to_string().starts_with("invalid JSON: "));
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
