//! The start of a table's bytes: binary data is refused, byte-order marks are dropped, and text
//! in another encoding than UTF-8 (UTF-16 spreadsheet exports, UTF-32, a named encoding) is
//! decoded as it is read, its problems told once the input is read.

use std::io::BufRead;

use crate::corpus::decode::{looks_like_utf16, mostly_not_text, not_text_percent};
use crate::corpus::encoding::{
    byte_order_mark, looks_like_utf32, readable_as, DecodingStream, StreamWarnings, TextEncoding,
};
use crate::corpus::{DecodeError, Item, SkipReason};

/// Bytes looked at to tell binary data and the field delimiter.
const SNIFF_BYTES: usize = 1 << 16;

/// A table's text, ready to be parsed.
pub(super) struct Start {
    /// Reads UTF-8 from the first byte of the first record.
    pub(super) reader: Box<dyn BufRead + Send>,
    /// The first bytes `reader` will give (up to [`SNIFF_BYTES`]).
    pub(super) head: Vec<u8>,
    /// Where a UTF-16 input's decoding problems are collected.
    pub(super) decode_warnings: Option<StreamWarnings>,
}

/// Looks at the first bytes of `reader`: the reason it cannot be read as a table, or its text.
/// A byte-order mark gives the encoding; without one, `named` does (UTF-8 when none is named).
pub(super) fn start(
    mut reader: Box<dyn BufRead + Send>,
    named: Option<TextEncoding>,
) -> Result<Start, SkipReason> {
    let mut head = peek(&mut reader)?;
    if head.is_empty() {
        return Err("empty file".into());
    }
    let (encoding, mark) = match byte_order_mark(&head) {
        Some((encoding, len)) => (encoding, len),
        None => (named.unwrap_or(TextEncoding::Utf8), 0),
    };
    reader.consume(mark);
    let mut decode_warnings = None;
    if let Some(decoder) = encoding.decoder(mark as u64) {
        let warnings = StreamWarnings::default();
        decode_warnings = Some(warnings.clone());
        reader = Box::new(DecodingStream::new(reader, decoder, warnings));
        head = peek(&mut reader)?;
        if head.is_empty() {
            return Err("empty file (a byte-order mark only)".into());
        }
        return Ok(Start {
            reader,
            head,
            decode_warnings,
        });
    }
    head.drain(..mark);
    if head.contains(&0) && looks_like_utf16(&head) {
        return Err(DecodeError::Utf16WithoutBom.into());
    }
    if head.contains(&0) && looks_like_utf32(&head).is_some() {
        return Err(DecodeError::Utf32WithoutBom.into());
    }
    if mostly_not_text(&head) {
        // Judged from the start only when it is mostly not text: a stray NUL is a problem of
        // its record, which is told so while the others are read.
        let readable_as = readable_as(&head);
        if !readable_as.is_empty() {
            let percent = not_text_percent(&head);
            return Err(DecodeError::OtherEncoding {
                percent,
                readable_as,
            }
            .into());
        }
        return Err(
            "binary data, not a CSV, TSV or JSON lines file (most of its first bytes are \
             not text), or text in an encoding other than UTF-8; skipped"
                .into(),
        );
    }
    if head.is_empty() {
        return Err("empty file (a byte-order mark only)".into());
    }
    Ok(Start {
        reader,
        head,
        decode_warnings,
    })
}

/// The next bytes `reader` will give, without consuming them.
fn peek(reader: &mut Box<dyn BufRead + Send>) -> Result<Vec<u8>, SkipReason> {
    match reader.fill_buf() {
        Ok(head) => Ok(head.get(..SNIFF_BYTES).unwrap_or(head).to_vec()),
        Err(e) => Err(format!("cannot read: {e}").into()),
    }
}

/// Gives the last item of a UTF-16 file the problems found in decoding it (they are known only
/// once the whole file has been read): the last article's warnings, or the reason the last
/// record was skipped.
pub(super) struct WithDecodeWarnings {
    items: Box<dyn Iterator<Item = Item> + Send>,
    /// The item read ahead.
    next: Option<Item>,
    found: StreamWarnings,
}

impl WithDecodeWarnings {
    pub(super) fn new(items: Box<dyn Iterator<Item = Item> + Send>, found: StreamWarnings) -> Self {
        WithDecodeWarnings {
            items,
            next: None,
            found,
        }
    }
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
                    let reason =
                        std::mem::replace(&mut skipped.reason, SkipReason::Other(String::new()));
                    skipped.reason = SkipReason::WithDecodeProblems {
                        reason: Box::new(reason),
                        problems: found.drain(..).collect(),
                    };
                }
                Item::Skipped(_) => {}
            }
        }
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{articles, read, skipped};
    use crate::corpus::{Format, ReadOptions, SkipReason};

    #[test]
    fn empty_and_binary_inputs_are_skipped_whole() {
        let options = ReadOptions::default();
        let empty = read("", "in.csv", Format::Csv, &options);
        assert_eq!(skipped(&empty)[0].reason.to_string(), "empty file");
        let binary = read("\0\0\x01id,\0\0", "in.csv", Format::Csv, &options);
        let reason = skipped(&binary)[0].reason.to_string();
        assert!(reason.starts_with("binary data, not a CSV"), "{reason}");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_column() {
        let options = ReadOptions::default();
        let items = read(
            "\u{FEFF}text,id\nHope.,7\n",
            "in.csv",
            Format::Csv,
            &options,
        );
        assert_eq!(articles(&items)[0].id, "7");
    }

    #[test]
    fn utf16_problems_go_to_the_last_item() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "id,text\n1,Hope.\n2,".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        // A lone high surrogate, then the end of the input.
        bytes.extend([0x00, 0xD8]);
        let items: Vec<_> =
            super::super::read_bytes(bytes, "in.csv", Format::Csv, &ReadOptions::default())
                .collect();
        let read = articles(&items);
        assert!(read[0].warnings.is_empty());
        assert_eq!(read.len(), 2, "{items:?}");
        assert!(!read[1].warnings.is_empty(), "{items:?}");

        let mut bytes = vec![0xFF, 0xFE];
        for unit in "id,words\n1,x\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        bytes.extend([0x00, 0xD8]);
        let items: Vec<_> =
            super::super::read_bytes(bytes, "in.csv", Format::Csv, &ReadOptions::default())
                .collect();
        assert!(
            matches!(&skipped(&items)[0].reason, SkipReason::WithDecodeProblems { reason, problems }
                if matches!(**reason, SkipReason::Column(_)) && !problems.is_empty()),
            "{items:?}"
        );
    }
}
