//! Which encoding text is in: what a byte-order mark says (UTF-8, UTF-16, UTF-32), what the
//! user names (any WHATWG encoding: windows-1252, ISO-8859-2, Shift_JIS, GBK, ...; and UTF-32),
//! and what the bytes allow to guess when they are not UTF-8. Each encoding has an incremental
//! decoder, so a whole text and a table read as a stream are decoded alike.

use std::io::{self, BufRead, Read};
use std::sync::{Arc, Mutex};

use super::utf16::{Endian, Utf16Decoder};

/// An encoding of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16(Endian),
    Utf32(Endian),
    /// Any other encoding the WHATWG Encoding Standard defines.
    Other(&'static encoding_rs::Encoding),
}

/// A name that is not an encoding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not the name of an encoding; names such as UTF-8, windows-1252, ISO-8859-2, Shift_JIS, GBK, UTF-16LE or UTF-32LE are")]
pub struct UnknownEncoding(pub String);

impl TextEncoding {
    /// The encoding named `name` (as the WHATWG Encoding Standard labels them, ignoring case:
    /// `latin1` is windows-1252, as browsers read it), or UTF-32.
    pub fn by_name(name: &str) -> Result<TextEncoding, UnknownEncoding> {
        match name.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-32le" | "utf32le" => return Ok(TextEncoding::Utf32(Endian::Little)),
            // Without a byte-order mark, UTF-32 is big-endian.
            "utf-32be" | "utf32be" | "utf-32" | "utf32" => {
                return Ok(TextEncoding::Utf32(Endian::Big))
            }
            _ => {}
        }
        let encoding = encoding_rs::Encoding::for_label(name.trim().as_bytes())
            .ok_or_else(|| UnknownEncoding(name.to_string()))?;
        Ok(if encoding == encoding_rs::UTF_8 {
            TextEncoding::Utf8
        } else if encoding == encoding_rs::UTF_16LE {
            TextEncoding::Utf16(Endian::Little)
        } else if encoding == encoding_rs::UTF_16BE {
            TextEncoding::Utf16(Endian::Big)
        } else {
            TextEncoding::Other(encoding)
        })
    }

    pub fn name(&self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16(Endian::Little) => "UTF-16LE",
            TextEncoding::Utf16(Endian::Big) => "UTF-16BE",
            TextEncoding::Utf32(Endian::Little) => "UTF-32LE",
            TextEncoding::Utf32(Endian::Big) => "UTF-32BE",
            TextEncoding::Other(e) => e.name(),
        }
    }

    /// A decoder to UTF-8 for bytes that start at byte `offset` of the input (after its
    /// byte-order mark); none for UTF-8, which is read as it is.
    pub fn decoder(self, offset: u64) -> Option<Box<dyn TextDecoder>> {
        match self {
            TextEncoding::Utf8 => None,
            TextEncoding::Utf16(endian) => Some(Box::new(Utf16Decoder::at(endian, offset))),
            TextEncoding::Utf32(endian) => Some(Box::new(Utf32Decoder::at(endian, offset))),
            TextEncoding::Other(encoding) => Some(Box::new(OtherDecoder {
                decoder: encoding.new_decoder_without_bom_handling(),
                name: encoding.name(),
                offset,
                first_invalid: None,
            })),
        }
    }
}

/// The encoding a byte-order mark at the start of `bytes` gives, and the mark's length.
pub fn byte_order_mark(bytes: &[u8]) -> Option<(TextEncoding, usize)> {
    match bytes {
        // Before UTF-16LE, whose mark begins UTF-32LE's.
        [0xFF, 0xFE, 0, 0, ..] => Some((TextEncoding::Utf32(Endian::Little), 4)),
        [0, 0, 0xFE, 0xFF, ..] => Some((TextEncoding::Utf32(Endian::Big), 4)),
        [0xEF, 0xBB, 0xBF, ..] => Some((TextEncoding::Utf8, 3)),
        [0xFF, 0xFE, ..] => Some((TextEncoding::Utf16(Endian::Little), 2)),
        [0xFE, 0xFF, ..] => Some((TextEncoding::Utf16(Endian::Big), 2)),
        _ => None,
    }
}

/// Text in UTF-32 without a byte-order mark, and its byte order: in its first characters, three
/// bytes of each four are NUL (for any letter below U+0100) and the fourth is not.
pub fn looks_like_utf32(bytes: &[u8]) -> Option<Endian> {
    let units: Vec<&[u8]> = bytes.chunks_exact(4).take(64).collect();
    let count = |f: &dyn Fn(&[u8]) -> bool| units.iter().filter(|u| f(u)).count();
    let little = count(&|u| u[0] != 0 && u[1..] == [0, 0, 0]);
    let big = count(&|u| u[..3] == [0, 0, 0] && u[3] != 0);
    if units.len() < 4 {
        return None;
    }
    if little * 10 >= units.len() * 9 {
        Some(Endian::Little)
    } else if big * 10 >= units.len() * 9 {
        Some(Endian::Big)
    } else {
        None
    }
}

/// Encodings that text which is not UTF-8 is commonly in, tried in this order when guessing.
const GUESSES: [&encoding_rs::Encoding; 8] = [
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_JP,
    encoding_rs::GBK,
    encoding_rs::BIG5,
    encoding_rs::EUC_KR,
    encoding_rs::WINDOWS_1251,
    encoding_rs::WINDOWS_1253,
    encoding_rs::KOI8_R,
];

/// The encodings that bytes which are not UTF-8 read as without an error and as text (letters,
/// spaces and punctuation, not control characters): the likely ones, for a message that says
/// which to name. Single-byte Western encodings read almost any bytes, so they are not guessed.
pub fn readable_as(bytes: &[u8]) -> Vec<&'static str> {
    let head = &bytes[..bytes.len().min(1 << 16)];
    GUESSES
        .iter()
        .filter(|encoding| {
            let mut decoder = encoding.new_decoder_without_bom_handling();
            let Some(room) = decoder.max_utf8_buffer_length_without_replacement(head.len()) else {
                return false;
            };
            let mut text = String::with_capacity(room);
            // Not the last piece: a character cut at the end of the head is no error.
            let (result, _) = decoder.decode_to_string_without_replacement(head, &mut text, false);
            result == encoding_rs::DecoderResult::InputEmpty
                && reads_as_text(&text, encoding.is_single_byte())
        })
        .map(|e| e.name())
        .collect()
}

/// Whether `text` reads as a written language: nearly every character a letter or digit, white
/// space or punctuation (ASCII, general, or that of CJK scripts and their full-width forms), and
/// enough of them breaks between words: spaces, for the alphabets of single-byte encodings, or
/// spaces and punctuation, for CJK scripts. Bytes that are not text decoded as one of these give
/// letters without breaks.
fn reads_as_text(text: &str, single_byte: bool) -> bool {
    let (mut all, mut good, mut spaces, mut breaks) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        all += 1;
        let punctuation = c.is_ascii_punctuation()
            || matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{A0}'..='\u{BF}');
        let space = c.is_whitespace();
        good += (c.is_alphanumeric() || space || punctuation) as usize;
        spaces += space as usize;
        breaks += (space || punctuation) as usize;
    }
    let broken = match single_byte {
        true => spaces * 20 >= all,
        false => breaks * 25 >= all,
    };
    all > 0 && good * 10 >= all * 9 && broken
}

/// Decodes text fed in pieces of any size to UTF-8.
pub trait TextDecoder: Send {
    /// Decodes `bytes` onto `out`.
    fn feed(&mut self, bytes: &[u8], out: &mut String);
    /// Ends the text; returns what had to be repaired, in words for the user.
    fn finish(&mut self, out: &mut String) -> Vec<String>;
}

impl TextDecoder for Utf16Decoder {
    fn feed(&mut self, bytes: &[u8], out: &mut String) {
        Utf16Decoder::feed(self, bytes, out);
    }

    fn finish(&mut self, out: &mut String) -> Vec<String> {
        Utf16Decoder::finish(self, out)
    }
}

/// UTF-32 in either byte order; a value that is not a character becomes U+FFFD.
pub struct Utf32Decoder {
    endian: Endian,
    /// Offset in the input of the next byte fed.
    offset: u64,
    /// The first bytes of a unit split between two pieces.
    partial: Vec<u8>,
    first_invalid: Option<u64>,
}

impl Utf32Decoder {
    pub fn at(endian: Endian, offset: u64) -> Self {
        Utf32Decoder {
            endian,
            offset,
            partial: Vec::with_capacity(4),
            first_invalid: None,
        }
    }

    fn unit(&mut self, unit: [u8; 4], out: &mut String) {
        let value = match self.endian {
            Endian::Little => u32::from_le_bytes(unit),
            Endian::Big => u32::from_be_bytes(unit),
        };
        match char::from_u32(value) {
            Some(c) => out.push(c),
            None => {
                self.first_invalid.get_or_insert(self.offset);
                out.push('\u{FFFD}');
            }
        }
        self.offset += 4;
    }
}

impl TextDecoder for Utf32Decoder {
    fn feed(&mut self, mut bytes: &[u8], out: &mut String) {
        if !self.partial.is_empty() {
            let take = (4 - self.partial.len()).min(bytes.len());
            self.partial.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.partial.len() < 4 {
                return;
            }
            let unit = [
                self.partial[0],
                self.partial[1],
                self.partial[2],
                self.partial[3],
            ];
            self.partial.clear();
            self.unit(unit, out);
        }
        let mut units = bytes.chunks_exact(4);
        for u in &mut units {
            self.unit([u[0], u[1], u[2], u[3]], out);
        }
        self.partial.extend_from_slice(units.remainder());
    }

    fn finish(&mut self, _out: &mut String) -> Vec<String> {
        let mut warnings = Vec::new();
        if !self.partial.is_empty() {
            warnings.push(format!(
                "UTF-32 text whose length is not a multiple of 4 bytes; the last {} byte(s) were dropped",
                self.partial.len()
            ));
            self.partial.clear();
        }
        if let Some(at) = self.first_invalid.take() {
            warnings.push(format!(
                "invalid UTF-32 at byte {at}; decoded with replacement characters"
            ));
        }
        warnings
    }
}

/// Any WHATWG encoding, through `encoding_rs`; bytes that are not text in it become U+FFFD.
struct OtherDecoder {
    decoder: encoding_rs::Decoder,
    name: &'static str,
    offset: u64,
    first_invalid: Option<u64>,
}

impl OtherDecoder {
    fn decode(&mut self, mut bytes: &[u8], out: &mut String, last: bool) {
        loop {
            let room = self
                .decoder
                .max_utf8_buffer_length_without_replacement(bytes.len())
                .unwrap_or(bytes.len() * 3 + 16);
            out.reserve(room);
            let (result, read) = self
                .decoder
                .decode_to_string_without_replacement(bytes, out, last);
            self.offset += read as u64;
            bytes = &bytes[read..];
            match result {
                encoding_rs::DecoderResult::InputEmpty => return,
                encoding_rs::DecoderResult::OutputFull => {}
                encoding_rs::DecoderResult::Malformed(bad, after) => {
                    let at = self.offset - u64::from(bad) - u64::from(after);
                    self.first_invalid.get_or_insert(at);
                    out.push('\u{FFFD}');
                }
            }
        }
    }
}

impl TextDecoder for OtherDecoder {
    fn feed(&mut self, bytes: &[u8], out: &mut String) {
        self.decode(bytes, out, false);
    }

    fn finish(&mut self, out: &mut String) -> Vec<String> {
        self.decode(&[], out, true);
        self.first_invalid
            .take()
            .map(|at| {
                format!(
                    "bytes that are not {} at byte {at}; decoded with replacement characters",
                    self.name
                )
            })
            .into_iter()
            .collect()
    }
}

/// Problems found while a stream is decoded, for the reader of its records to report.
pub type StreamWarnings = Arc<Mutex<Vec<String>>>;

/// A byte stream in some encoding (its byte-order mark already consumed) read as UTF-8.
pub struct DecodingStream<R> {
    inner: R,
    decoder: Box<dyn TextDecoder>,
    decoded: String,
    /// Bytes of `decoded` already read.
    position: usize,
    finished: bool,
    warnings: StreamWarnings,
}

/// Bytes decoded at a time.
const BLOCK: usize = 1 << 16;

impl<R: BufRead> DecodingStream<R> {
    pub fn new(inner: R, decoder: Box<dyn TextDecoder>, warnings: StreamWarnings) -> Self {
        DecodingStream {
            inner,
            decoder,
            decoded: String::with_capacity(BLOCK),
            position: 0,
            finished: false,
            warnings,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.decoded.clear();
        self.position = 0;
        while self.decoded.is_empty() && !self.finished {
            let block = self.inner.fill_buf()?;
            let take = block.len().min(BLOCK);
            self.decoder.feed(&block[..take], &mut self.decoded);
            self.inner.consume(take);
            // Looking ahead for the end now, not at the next call, puts the warnings about the
            // end of the file in place before the reader of records has taken its last record.
            if self.inner.fill_buf()?.is_empty() {
                self.finished = true;
                let warnings = self.decoder.finish(&mut self.decoded);
                if !warnings.is_empty() {
                    // A poisoned lock only means another reader panicked; the list is still whole.
                    let mut shared = self.warnings.lock().unwrap_or_else(|e| e.into_inner());
                    shared.extend(warnings);
                }
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Read for DecodingStream<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for DecodingStream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.position == self.decoded.len() {
            self.refill()?;
        }
        Ok(&self.decoded.as_bytes()[self.position..])
    }

    fn consume(&mut self, amount: usize) {
        self.position = (self.position + amount).min(self.decoded.len());
    }
}

/// `bytes` decoded whole from `encoding`, starting at byte `offset` of the input.
pub fn decode_all(encoding: TextEncoding, bytes: &[u8], offset: u64) -> (String, Vec<String>) {
    match encoding.decoder(offset) {
        Some(mut decoder) => {
            let mut text = String::with_capacity(bytes.len());
            decoder.feed(bytes, &mut text);
            let warnings = decoder.finish(&mut text);
            (text, warnings)
        }
        None => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            (text, Vec::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf32(s: &str, endian: Endian) -> Vec<u8> {
        s.chars()
            .flat_map(|c| match endian {
                Endian::Little => (c as u32).to_le_bytes(),
                Endian::Big => (c as u32).to_be_bytes(),
            })
            .collect()
    }

    #[test]
    fn marks_and_names() {
        assert_eq!(
            byte_order_mark(&[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0]),
            Some((TextEncoding::Utf32(Endian::Little), 4))
        );
        assert_eq!(
            byte_order_mark(&[0xFF, 0xFE, b'a', 0]),
            Some((TextEncoding::Utf16(Endian::Little), 2))
        );
        assert_eq!(
            TextEncoding::by_name("Windows-1252").unwrap().name(),
            "windows-1252"
        );
        assert_eq!(
            TextEncoding::by_name("latin1").unwrap().name(),
            "windows-1252"
        );
        assert_eq!(
            TextEncoding::by_name("shift_jis").unwrap().name(),
            "Shift_JIS"
        );
        assert_eq!(
            TextEncoding::by_name("UTF-32LE").unwrap(),
            TextEncoding::Utf32(Endian::Little)
        );
        assert_eq!(TextEncoding::by_name("utf8").unwrap(), TextEncoding::Utf8);
        assert!(TextEncoding::by_name("klingon").is_err());
    }

    #[test]
    fn utf32_in_pieces_of_any_size() {
        let text = "Peace 🕊 talks in Zürich — 和平";
        for endian in [Endian::Little, Endian::Big] {
            let bytes = utf32(text, endian);
            for size in 1..=9 {
                let mut d = Utf32Decoder::at(endian, 4);
                let mut out = String::new();
                for piece in bytes.chunks(size) {
                    d.feed(piece, &mut out);
                }
                assert!(d.finish(&mut out).is_empty());
                assert_eq!(out, text);
            }
            assert_eq!(
                looks_like_utf32(&utf32("Talks resume", endian)),
                Some(endian)
            );
        }
        let mut bad = utf32("ab", Endian::Little);
        bad.extend(0xD800u32.to_le_bytes());
        bad.push(1);
        let (text, warnings) = decode_all(TextEncoding::Utf32(Endian::Little), &bad, 4);
        assert_eq!(text, "ab\u{FFFD}");
        assert_eq!(warnings.len(), 2);
        assert!(warnings[1].contains("at byte 12"), "{warnings:?}");
    }

    #[test]
    fn other_encodings_decode_and_say_where_they_could_not() {
        let cp1252 = b"caf\xe9 \x80 na\xefve";
        let (text, warnings) =
            decode_all(TextEncoding::by_name("windows-1252").unwrap(), cp1252, 0);
        assert_eq!(text, "café € naïve");
        assert!(warnings.is_empty());
        // Shift_JIS, in pieces that cut its characters in two.
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("平和交渉は成功した。希望が残る。");
        let encoding = TextEncoding::by_name("Shift_JIS").unwrap();
        let mut decoder = encoding.decoder(0).unwrap();
        let mut out = String::new();
        for piece in sjis.chunks(3) {
            decoder.feed(piece, &mut out);
        }
        assert!(decoder.finish(&mut out).is_empty());
        assert_eq!(out, "平和交渉は成功した。希望が残る。");
        let (_, warnings) = decode_all(encoding, b"ab\x82", 0);
        assert_eq!(
            warnings,
            ["bytes that are not Shift_JIS at byte 2; decoded with replacement characters"]
        );
        assert!(readable_as(&sjis).contains(&"Shift_JIS"));
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 97 % 251) as u8).collect();
        assert!(readable_as(&noise).is_empty());
    }
}
