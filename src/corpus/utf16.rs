//! UTF-16 to UTF-8, incrementally: a whole text in memory, or a file read a block at a time (see
//! [`super::encoding::DecodingStream`]) so that a large UTF-16 export streams like a UTF-8 one.

/// Byte order of the UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endian {
    Little,
    Big,
}

/// Decodes UTF-16 bytes fed in pieces of any size; unpaired surrogates become U+FFFD.
#[derive(Debug)]
pub struct Utf16Decoder {
    endian: Endian,
    /// Offset in the file of the next byte fed (the byte-order mark counts).
    offset: u64,
    /// The first byte of a code unit split between two pieces.
    odd_byte: Option<u8>,
    /// A high surrogate waiting for its low half, with its offset.
    high: Option<(u16, u64)>,
    first_invalid: Option<u64>,
}

impl Utf16Decoder {
    /// A decoder for the bytes after a two-byte byte-order mark.
    #[cfg(test)]
    pub fn new(endian: Endian) -> Self {
        Self::at(endian, 2)
    }

    /// A decoder for bytes that start at byte `offset` of the input.
    pub fn at(endian: Endian, offset: u64) -> Self {
        Utf16Decoder {
            endian,
            offset,
            odd_byte: None,
            high: None,
            first_invalid: None,
        }
    }

    /// Decodes `bytes` onto `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut String) {
        let mut bytes = bytes;
        if let Some(first) = self.odd_byte.take() {
            let Some((&second, rest)) = bytes.split_first() else {
                self.odd_byte = Some(first);
                return;
            };
            self.unit([first, second], out);
            bytes = rest;
        }
        let mut pairs = bytes.chunks_exact(2);
        for pair in &mut pairs {
            self.unit([pair[0], pair[1]], out);
        }
        if let [last] = pairs.remainder() {
            self.odd_byte = Some(*last);
        }
    }

    fn unit(&mut self, pair: [u8; 2], out: &mut String) {
        let unit = match self.endian {
            Endian::Little => u16::from_le_bytes(pair),
            Endian::Big => u16::from_be_bytes(pair),
        };
        let at = self.offset;
        self.offset += 2;
        match unit {
            0xD800..=0xDBFF => {
                if let Some((_, high_at)) = self.high.replace((unit, at)) {
                    self.invalid(high_at, out);
                }
            }
            0xDC00..=0xDFFF => match self.high.take() {
                Some((high, _)) => {
                    let c =
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                }
                None => self.invalid(at, out),
            },
            _ => {
                if let Some((_, high_at)) = self.high.take() {
                    self.invalid(high_at, out);
                }
                // Every unit outside the surrogate range is a scalar value.
                out.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'));
            }
        }
    }

    fn invalid(&mut self, at: u64, out: &mut String) {
        self.first_invalid.get_or_insert(at);
        out.push('\u{FFFD}');
    }

    /// Ends the text: a high surrogate left alone becomes U+FFFD, a last odd byte is dropped.
    /// Returns what had to be repaired, in words for the user.
    pub fn finish(&mut self, out: &mut String) -> Vec<String> {
        if let Some((_, at)) = self.high.take() {
            self.invalid(at, out);
        }
        let mut warnings = Vec::new();
        if self.odd_byte.take().is_some() {
            warnings
                .push("UTF-16 text with an odd number of bytes; the last byte was dropped".into());
        }
        if let Some(at) = self.first_invalid.take() {
            warnings.push(format!(
                "invalid UTF-16 at byte {at}; decoded with replacement characters"
            ));
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(s: &str, endian: Endian) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| match endian {
                Endian::Little => u.to_le_bytes(),
                Endian::Big => u.to_be_bytes(),
            })
            .collect()
    }

    fn whole(bytes: &[u8], endian: Endian) -> (String, Vec<String>) {
        let mut d = Utf16Decoder::new(endian);
        let mut out = String::new();
        d.feed(bytes, &mut out);
        let warnings = d.finish(&mut out);
        (out, warnings)
    }

    #[test]
    fn pieces_of_any_size_decode_as_the_whole() {
        let text = "Peace 🕊 talks in Zürich — 和平, 1\r\n";
        for endian in [Endian::Little, Endian::Big] {
            let bytes = encode(text, endian);
            for size in 1..=7 {
                let mut d = Utf16Decoder::new(endian);
                let mut out = String::new();
                for piece in bytes.chunks(size) {
                    d.feed(piece, &mut out);
                }
                assert!(d.finish(&mut out).is_empty());
                assert_eq!(out, text, "pieces of {size}");
            }
        }
    }

    #[test]
    fn unpaired_surrogates_and_an_odd_byte_are_repaired_and_reported() {
        // "a", a lone high surrogate, "b", a lone low surrogate, then half a unit.
        let mut bytes: Vec<u8> = [0x61, 0xD800, 0x62, 0xDC00]
            .iter()
            .flat_map(|u: &u16| u.to_le_bytes())
            .collect();
        bytes.push(0x63);
        let (text, warnings) = whole(&bytes, Endian::Little);
        assert_eq!(text, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(
            warnings,
            vec![
                "UTF-16 text with an odd number of bytes; the last byte was dropped".to_string(),
                // The byte-order mark takes bytes 0 and 1.
                "invalid UTF-16 at byte 4; decoded with replacement characters".to_string(),
            ]
        );
        let (text, warnings) = whole(&encode("x", Endian::Big)[..1], Endian::Big);
        assert_eq!((text.as_str(), warnings.len()), ("", 1));
        // A high surrogate at the very end.
        let (text, _) = whole(&0xD83Du16.to_be_bytes(), Endian::Big);
        assert_eq!(text, "\u{FFFD}");
    }

    #[test]
    fn a_stream_reads_the_same_text_and_reports_at_its_end() {
        use crate::corpus::encoding::{DecodingStream, StreamWarnings};
        use std::io::{BufRead, Read};
        let text = "id,text\n1,\"hope, at last\"\n".repeat(10_000);
        let mut bytes = encode(&text, Endian::Little);
        bytes.push(0);
        let warnings = StreamWarnings::default();
        // A small buffer below, so that blocks and lines straddle reads.
        let inner = std::io::BufReader::with_capacity(333, bytes.as_slice());
        let decoder = Box::new(Utf16Decoder::new(Endian::Little));
        let mut stream = DecodingStream::new(inner, decoder, warnings.clone());
        let mut first = String::new();
        stream.read_line(&mut first).unwrap();
        assert_eq!(first, "id,text\n");
        assert!(warnings.lock().unwrap().is_empty(), "nothing known yet");
        let mut rest = String::new();
        stream.read_to_string(&mut rest).unwrap();
        assert_eq!(first + &rest, text);
        assert_eq!(warnings.lock().unwrap().len(), 1);
    }
}
