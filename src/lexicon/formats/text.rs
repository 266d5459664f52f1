//! The text of a dictionary file: its bytes decoded (a byte-order mark dropped; UTF-8, an encoding
//! the user declares, or a legacy one recognised), and cut into numbered lines whatever their
//! ends (LF, CRLF, CR).

use encoding_rs::{Encoding, EUC_JP, SHIFT_JIS, UTF_8, WINDOWS_1252};

use crate::lexicon::{Diagnostic, Severity};

/// A decoded file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding it was read in, by its usual name.
    pub encoding: &'static str,
    /// A note on how the encoding was found, when it was not plain UTF-8.
    pub note: Option<String>,
}

/// One line, without its line end.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// From 1.
    pub number: usize,
    pub text: &'a str,
}

/// A problem at `line`:`col` of the file `label`.
pub fn diagnostic(
    label: &str,
    line: usize,
    col: usize,
    severity: Severity,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic {
        path: label.to_string(),
        line,
        col,
        severity,
        message: message.into(),
    }
}

/// The encoding named `label` (`latin1`, `windows-1252`, `shift-jis`, `euc-jp`, `iso-8859-2`, ...).
pub fn encoding_for(label: &str) -> Option<&'static Encoding> {
    let label = label.trim();
    // Names people write that the WHATWG labels lack.
    let alias = match label.to_ascii_lowercase().as_str() {
        "latin-1" | "iso8859-1" => "latin1",
        "shiftjis" | "shift-jis" | "sjis" | "cp932" => "shift_jis",
        "eucjp" => "euc-jp",
        "cp1252" => "windows-1252",
        _ => label,
    }
    .to_string();
    Encoding::for_label(alias.as_bytes())
}

/// Decodes `bytes`: with the byte-order mark's encoding when there is one, else with `declared`,
/// else as UTF-8 when they are, else in the legacy encoding whose reading is most plausible
/// (EUC-JP, Shift-JIS, then Windows-1252, which also reads Latin-1). A declared encoding the bytes
/// do not fit is an error at the first byte that does not.
pub fn decode(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
    label: &str,
) -> Result<Decoded, Diagnostic> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        return strict(encoding, body, label).map(|text| Decoded {
            text,
            encoding: encoding.name(),
            note: (encoding != UTF_8)
                .then(|| format!("read as {} (byte-order mark)", encoding.name())),
        });
    }
    if let Some(encoding) = declared {
        return strict(encoding, bytes, label).map(|text| Decoded {
            text,
            encoding: encoding.name(),
            note: None,
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
            note: None,
        });
    }
    if let Some((encoding, text)) = guess_legacy(bytes) {
        return Ok(Decoded {
            text,
            encoding: encoding.name(),
            note: Some(format!(
                "not UTF-8: read as {}, the most plausible legacy encoding; if letters look \
                 wrong, name the file's encoding",
                encoding.name()
            )),
        });
    }
    Err(first_bad_byte(UTF_8, bytes, label))
}

/// `bytes` in `encoding`, or the place of the first byte that is not.
fn strict(encoding: &'static Encoding, bytes: &[u8], label: &str) -> Result<String, Diagnostic> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(text.into_owned()),
        None => Err(first_bad_byte(encoding, bytes, label)),
    }
}

/// Where the first byte that `encoding` cannot read is.
fn first_bad_byte(encoding: &'static Encoding, bytes: &[u8], label: &str) -> Diagnostic {
    let good = decoder_error_offset(encoding, bytes).unwrap_or(bytes.len());
    let before = encoding
        .decode_without_bom_handling(&bytes[..good])
        .0
        .into_owned();
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    diagnostic(
        label,
        line,
        col,
        Severity::Error,
        format!(
            "not {} (an invalid byte here); save the file as UTF-8 or name its encoding",
            encoding.name()
        ),
    )
}

/// The offset of the first malformed sequence of `bytes` in `encoding`.
fn decoder_error_offset(encoding: &'static Encoding, bytes: &[u8]) -> Option<usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(4096);
    let mut at = 0;
    loop {
        out.clear();
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[at..], &mut out, true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => return None,
            encoding_rs::DecoderResult::OutputFull => {
                at += read;
                out.reserve(4096);
            }
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                return Some((at + read).saturating_sub(bad as usize + after as usize));
            }
        }
    }
}

/// The legacy encoding that reads `bytes` most plausibly: Japanese double-byte encodings when
/// they decode without error into kana and kanji, else Windows-1252 (a superset of Latin-1's
/// printable characters).
fn guess_legacy(bytes: &[u8]) -> Option<(&'static Encoding, String)> {
    let mut best: Option<(i64, &'static Encoding, String)> = None;
    for encoding in [EUC_JP, SHIFT_JIS] {
        let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) else {
            continue;
        };
        let score = japanese_score(&text);
        if score > 0 && best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, encoding, text.into_owned()));
        }
    }
    if let Some((_, encoding, text)) = best {
        return Some((encoding, text));
    }
    WINDOWS_1252
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| (WINDOWS_1252, t.into_owned()))
}

/// How Japanese a decoding looks: full-width kana and kanji count for it; half-width katakana,
/// C1 controls and replacement characters (what a wrong double-byte reading gives) against it.
fn japanese_score(text: &str) -> i64 {
    text.chars()
        .map(|c| match c as u32 {
            0x3040..=0x30FF | 0x4E00..=0x9FFF | 0x3000..=0x303F | 0xFF01..=0xFF5E => 2,
            0xFF61..=0xFF9F | 0x80..=0x9F | 0xFFFD => -3,
            _ => 0,
        })
        .sum()
}

/// The lines of `text`, numbered from 1; a line end is LF, CRLF or a lone CR.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(&text[start..]);
    }
    out.into_iter()
        .enumerate()
        .map(|(i, text)| Line {
            number: i + 1,
            text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bom_is_dropped_and_every_line_end_understood() {
        let decoded = decode(b"\xEF\xBB\xBF%\r\n1\tA\r\n%\rx\t1", None, "f.dic").unwrap();
        let lines = lines(&decoded.text);
        let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["%", "1\tA", "%", "x\t1"]);
        assert_eq!(lines[3].number, 4);
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.note.is_none());
    }

    #[test]
    fn legacy_encodings_are_recognised() {
        // "あいう" in EUC-JP and in Shift-JIS; "Š" in Windows-1252.
        let euc = decode(b"X\n\t\xA4\xA2\xA4\xA4\xA4\xA6 (1)\n", None, "e.cat").unwrap();
        assert_eq!(euc.encoding, "EUC-JP");
        assert!(euc.text.contains("あいう"));
        let sjis = decode(b"X\n\t\x82\xA0\x82\xA2\x82\xA4 (1)\n", None, "s.cat").unwrap();
        assert_eq!(sjis.encoding, "Shift_JIS");
        assert!(sjis.text.contains("あいう"));
        let latin = decode(b"X\n\t\x8A (1)\n", None, "w.cat").unwrap();
        assert_eq!(latin.encoding, "windows-1252");
        assert!(latin.text.contains('Š'));
        assert!(latin.note.unwrap().contains("legacy"));
    }

    #[test]
    fn a_declared_encoding_is_used_and_checked() {
        let latin2 = encoding_for("iso-8859-2").unwrap();
        let decoded = decode(b"X\n\t\xC8 (1)\n", Some(latin2), "l.cat").unwrap();
        assert!(decoded.text.contains('Č'));
        let sjis = encoding_for("shift-jis").unwrap();
        let bad = decode(b"ok\nab\x82", Some(sjis), "b.cat").unwrap_err();
        assert_eq!((bad.line, bad.col), (2, 3), "{bad}");
        assert!(encoding_for("no-such-encoding").is_none());
    }
}
