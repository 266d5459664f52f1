//! Bytes to text: byte-order marks, a named encoding, invalid UTF-8 and binary data.

use super::encoding::{byte_order_mark, decode_all, looks_like_utf32, readable_as, TextEncoding};

/// Text decoded from bytes, with what had to be repaired.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Ends the warning about text repaired from bytes that were not UTF-8: a front end may add how
/// to name the encoding.
pub const KEEP_EVERY_LETTER: &str =
    "to keep every letter, save the file as UTF-8 or name its encoding";

/// Why bytes could not be used as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary data (NUL byte at byte {0}), not text; skipped")]
    Binary(usize),
    #[error("UTF-16 text without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark), or name its encoding; skipped")]
    Utf16WithoutBom,
    #[error(
        "UTF-32 text without a byte-order mark; save it as UTF-8, or name its encoding; skipped"
    )]
    Utf32WithoutBom,
    #[error("binary data, not text ({0}% of its characters are invalid UTF-8 or control characters), or text in an encoding other than UTF-8; skipped")]
    NotText(usize),
    /// Not UTF-8, but text in one of these encodings, by the look of it.
    #[error("not UTF-8 ({percent}% of its characters are not), but it reads as {} without an error: name its encoding; skipped", .readable_as.join(" or "))]
    OtherEncoding {
        percent: usize,
        readable_as: Vec<&'static str>,
    },
    /// Invalid UTF-8 at this byte, refused because decoding is strict.
    #[error("invalid UTF-8 at byte {0}, refused by strict reading; save the file as UTF-8")]
    InvalidUtf8(usize),
}

/// Decodes a whole text: from the encoding its byte-order mark gives (UTF-8, UTF-16, UTF-32),
/// else from `named`, else as UTF-8. Invalid UTF-8 is replaced with U+FFFD and reported, or
/// refused when `strict`; bytes that are mostly not UTF-8 are refused, saying which encodings
/// they read as. A few NUL bytes in text are removed and reported; bytes with many are binary.
pub fn decode(
    bytes: Vec<u8>,
    strict: bool,
    named: Option<TextEncoding>,
) -> Result<Decoded, DecodeError> {
    let (encoding, start) = match byte_order_mark(&bytes) {
        Some((encoding, len)) => (encoding, len),
        None => (named.unwrap_or(TextEncoding::Utf8), 0),
    };
    if encoding != TextEncoding::Utf8 {
        let (text, warnings) = decode_all(encoding, &bytes[start..], start as u64);
        return Ok(Decoded { text, warnings });
    }
    let mut warnings = Vec::new();
    let mut bytes = bytes;
    if let Some(nul) = memchr_nul(&bytes) {
        if looks_like_utf16(&bytes) {
            return Err(DecodeError::Utf16WithoutBom);
        }
        if looks_like_utf32(&bytes).is_some() {
            return Err(DecodeError::Utf32WithoutBom);
        }
        if mostly_not_text(&bytes) {
            return Err(DecodeError::Binary(nul));
        }
        // A few NUL bytes in text (padding, a bad copy): they go, the text stays.
        let count = bytes.iter().filter(|&&b| b == 0).count();
        bytes.retain(|&b| b != 0);
        warnings.push(nuls_removed(count, nul));
    }
    let text = match String::from_utf8(bytes) {
        Ok(mut s) => {
            s.drain(..start);
            s
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if strict {
                return Err(DecodeError::InvalidUtf8(at));
            }
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes[start..]).into_owned();
            if let Some(percent) = garbled_percent(&text) {
                let readable_as = readable_as(&bytes[start..]);
                if readable_as.is_empty() {
                    return Err(DecodeError::NotText(percent));
                }
                return Err(DecodeError::OtherEncoding {
                    percent,
                    readable_as,
                });
            }
            warnings.push(format!(
                "invalid UTF-8 at byte {at}; decoded with replacement characters; {KEEP_EVERY_LETTER}"
            ));
            text
        }
    };
    Ok(Decoded { text, warnings })
}

/// The warning for text that had `count` NUL bytes, the first at byte `first`, removed.
pub fn nuls_removed(count: usize, first: usize) -> String {
    format!("{count} NUL byte(s) removed, the first at byte {first} (binary data in the text?)")
}

/// Bytes are binary data (or text in another encoding) rather than UTF-8 text when more than a
/// quarter of their first characters are NUL or other control characters, or invalid UTF-8; a
/// stray NUL in text is not enough.
pub fn mostly_not_text(bytes: &[u8]) -> bool {
    not_text_percent(bytes) > 25
}

/// The share, in percent, of the first characters of `bytes` that are NUL or other control
/// characters, or invalid UTF-8.
pub fn not_text_percent(bytes: &[u8]) -> usize {
    let head = &bytes[..bytes.len().min(1 << 16)];
    let text = String::from_utf8_lossy(head);
    let (mut all, mut bad) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        bad += (c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace())) as usize;
    }
    bad * 100 / all.max(1)
}

/// Text repaired from invalid UTF-8 is binary data when more than a quarter of its first
/// characters are replacement or control characters; text in another encoding (Windows-1252,
/// Latin-1) has far fewer, one per accented letter.
fn garbled_percent(text: &str) -> Option<usize> {
    let (mut all, mut bad) = (0usize, 0usize);
    for c in text.chars().take(1 << 16) {
        all += 1;
        bad += (c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace())) as usize;
    }
    (all >= 16 && bad * 4 > all).then(|| bad * 100 / all)
}

/// Text in UTF-16 without a byte-order mark: in its first characters, one byte of each pair is
/// NUL (Latin letters) and the other is not.
pub fn looks_like_utf16(bytes: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(64).collect();
    let count = |f: &dyn Fn(&[u8]) -> bool| pairs.iter().filter(|p| f(p)).count();
    let little = count(&|p| p[0] != 0 && p[1] == 0);
    let big = count(&|p| p[0] == 0 && p[1] != 0);
    pairs.len() >= 4 && little.max(big) * 10 >= pairs.len() * 9
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_encodings() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFhi".to_vec(), true, None).unwrap().text,
            "hi"
        );
        assert_eq!(
            decode(b"\xFF\xFEh\0i\0".to_vec(), true, None).unwrap().text,
            "hi"
        );
        assert_eq!(
            decode(b"\xFE\xFF\0h\0i".to_vec(), true, None).unwrap().text,
            "hi"
        );
        // UTF-32LE's mark begins with UTF-16LE's.
        let utf32 = b"\xFF\xFE\0\0h\0\0\0i\0\0\0".to_vec();
        assert_eq!(decode(utf32, true, None).unwrap().text, "hi");
        // A mark wins over the encoding named; without one, the name decides.
        let cp1252 = TextEncoding::by_name("windows-1252").ok();
        assert_eq!(
            decode(b"\xEF\xBB\xBFcaf\xc3\xa9".to_vec(), true, cp1252)
                .unwrap()
                .text,
            "café"
        );
        assert_eq!(
            decode(b"caf\xe9 \x80".to_vec(), true, cp1252).unwrap().text,
            "café €"
        );
    }

    #[test]
    fn text_in_another_encoding_is_told_which() {
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("平和交渉は成功した。希望が残る。官僚は言った。");
        match decode(sjis.to_vec(), false, None) {
            Err(DecodeError::OtherEncoding { readable_as, .. }) => {
                assert!(readable_as.contains(&"Shift_JIS"), "{readable_as:?}")
            }
            other => panic!("{other:?}"),
        }
        let named = TextEncoding::by_name("Shift_JIS").ok();
        assert_eq!(
            decode(sjis.to_vec(), false, named).unwrap().text,
            "平和交渉は成功した。希望が残る。官僚は言った。"
        );
    }

    #[test]
    fn invalid_utf8_is_repaired_or_refused() {
        let d = decode(b"ok \xFF no".to_vec(), false, None).unwrap();
        assert_eq!(d.text, "ok \u{FFFD} no");
        assert!(d.warnings[0].starts_with("invalid UTF-8 at byte 3; decoded with replacement"));
        assert!(d.warnings[0].ends_with(KEEP_EVERY_LETTER));
        assert_eq!(
            decode(b"ok \xFF".to_vec(), true, None).unwrap_err(),
            DecodeError::InvalidUtf8(3)
        );
    }

    #[test]
    fn mostly_invalid_bytes_mean_binary() {
        let latin1 = b"Caf\xe9 cr\xe8me, na\xefve d\xe9j\xe0 vu: the talks went on.".to_vec();
        assert!(decode(latin1, false, None).is_ok());
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 97 % 251) as u8 | 0x80).collect();
        assert!(matches!(decode(noise, false, None), Err(DecodeError::NotText(p)) if p > 25));
    }

    #[test]
    fn utf16_without_a_bom_is_named() {
        let le: Vec<u8> = "Talks resume"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(le, false, None).unwrap_err(),
            DecodeError::Utf16WithoutBom
        );
        let be: Vec<u8> = "Talks resume"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            decode(be, false, None).unwrap_err(),
            DecodeError::Utf16WithoutBom
        );
    }

    #[test]
    fn nul_bytes_mean_binary_only_in_binary_data() {
        assert_eq!(
            decode(b"PK\x03\x04\0\0".to_vec(), false, None).unwrap_err(),
            DecodeError::Binary(4)
        );
        let d = decode(
            b"Hope remains.\0 The talks went on.\0".to_vec(),
            false,
            None,
        )
        .unwrap();
        assert_eq!(d.text, "Hope remains. The talks went on.");
        assert_eq!(
            d.warnings,
            ["2 NUL byte(s) removed, the first at byte 13 (binary data in the text?)"]
        );
    }
}
