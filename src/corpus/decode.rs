//! Bytes to text: byte-order marks, UTF-16, invalid UTF-8 and binary data.

use super::utf16::{Endian, Utf16Decoder};

/// Text decoded from bytes, with what had to be repaired.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Why bytes could not be used as text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary data (NUL byte at byte {0}), not text; skipped")]
    Binary(usize),
    #[error("UTF-16 text without a byte-order mark; save it as UTF-8 (or as UTF-16 with a byte-order mark); skipped")]
    Utf16WithoutBom,
    #[error("binary data, not text ({0}% of its characters are invalid UTF-8 or control characters); skipped")]
    NotText(usize),
    /// Invalid UTF-8 at this byte, refused because decoding is strict.
    #[error("invalid UTF-8 at byte {0}, refused by strict reading; save the file as UTF-8")]
    InvalidUtf8(usize),
}

/// Decodes UTF-8 (with or without BOM) or UTF-16 with BOM. Invalid UTF-8 is replaced with U+FFFD
/// and reported, or refused when `strict`. Bytes with NUL in them (and no UTF-16 BOM) are binary.
pub fn decode(bytes: Vec<u8>, strict: bool) -> Result<Decoded, DecodeError> {
    let mut warnings = Vec::new();
    if let Some(endian) = utf16_bom(&bytes) {
        let mut decoder = Utf16Decoder::new(endian);
        let mut text = String::with_capacity(bytes.len() / 2);
        decoder.feed(&bytes[2..], &mut text);
        let warnings = decoder.finish(&mut text);
        return Ok(Decoded { text, warnings });
    }
    let body_start = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let mut bytes = bytes;
    if let Some(nul) = memchr_nul(&bytes) {
        if looks_like_utf16(&bytes) {
            return Err(DecodeError::Utf16WithoutBom);
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
            s.drain(..body_start);
            s
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if strict {
                return Err(DecodeError::InvalidUtf8(at));
            }
            let text = String::from_utf8_lossy(&e.into_bytes()[body_start..]).into_owned();
            if let Some(percent) = garbled_percent(&text) {
                return Err(DecodeError::NotText(percent));
            }
            warnings.push(format!(
                "invalid UTF-8 at byte {at}; decoded with replacement characters (save the file \
                 as UTF-8 to keep every letter)"
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

/// Bytes are binary data rather than text when more than a quarter of their first characters
/// are NUL or other control characters, or invalid UTF-8; a stray NUL in text is not enough.
pub fn mostly_not_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1 << 16)];
    let text = String::from_utf8_lossy(head);
    let (mut all, mut bad) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        bad += (c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace())) as usize;
    }
    bad * 4 > all.max(1)
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

/// The byte order that a UTF-16 byte-order mark at the start of `bytes` gives.
pub fn utf16_bom(bytes: &[u8]) -> Option<Endian> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(Endian::Little),
        [0xFE, 0xFF, ..] => Some(Endian::Big),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec(), true).unwrap().text, "hi");
        assert_eq!(decode(b"\xFF\xFEh\0i\0".to_vec(), true).unwrap().text, "hi");
        assert_eq!(decode(b"\xFE\xFF\0h\0i".to_vec(), true).unwrap().text, "hi");
    }

    #[test]
    fn invalid_utf8_is_repaired_or_refused() {
        let d = decode(b"ok \xFF no".to_vec(), false).unwrap();
        assert_eq!(d.text, "ok \u{FFFD} no");
        assert!(d.warnings[0].starts_with("invalid UTF-8 at byte 3; decoded with replacement"));
        assert_eq!(
            decode(b"ok \xFF".to_vec(), true).unwrap_err(),
            DecodeError::InvalidUtf8(3)
        );
    }

    #[test]
    fn mostly_invalid_bytes_mean_binary() {
        let latin1 = b"Caf\xe9 cr\xe8me, na\xefve d\xe9j\xe0 vu: the talks went on.".to_vec();
        assert!(decode(latin1, false).is_ok());
        let noise: Vec<u8> = (0..400u32).map(|i| (i * 97 % 251) as u8 | 0x80).collect();
        assert!(matches!(decode(noise, false), Err(DecodeError::NotText(p)) if p > 25));
    }

    #[test]
    fn utf16_without_a_bom_is_named() {
        let le: Vec<u8> = "Talks resume"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(le, false).unwrap_err(), DecodeError::Utf16WithoutBom);
        let be: Vec<u8> = "Talks resume"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(be, false).unwrap_err(), DecodeError::Utf16WithoutBom);
    }

    #[test]
    fn nul_bytes_mean_binary_only_in_binary_data() {
        assert_eq!(
            decode(b"PK\x03\x04\0\0".to_vec(), false).unwrap_err(),
            DecodeError::Binary(4)
        );
        let d = decode(b"Hope remains.\0 The talks went on.\0".to_vec(), false).unwrap();
        assert_eq!(d.text, "Hope remains. The talks went on.");
        assert_eq!(
            d.warnings,
            ["2 NUL byte(s) removed, the first at byte 13 (binary data in the text?)"]
        );
    }
}
