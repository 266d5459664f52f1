//! Word segmentation: splits text into tokens that keep their byte offsets.
//!
//! The rules follow the word-boundary rules of Unicode UAX #29 (letters and digits form words; an
//! apostrophe between letters and a dot or comma between digits stay inside the word) with the
//! extensions news text needs: dotted abbreviations (`U.S.`, `a.m.`) stay one word, hyphenated
//! compounds (`two-state`) become their parts, ideographs are one token each, and emoticons and
//! emoji are tokens of their own.

use super::token::{starts_upper, Token, TokenKind};

/// Splits `text` into tokens, appending them to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let mut i = 0;
    let mut newlines: u32 = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // Fast path for the commonest byte between words.
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        // Fast path for a word or number starting with an ASCII letter or digit: the checks below
        // would all fail for it but the word-character one.
        let first = bytes[i];
        if first.is_ascii_alphanumeric() {
            let kind = if first.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let end = scan_word(text, i);
            i = push_token(text, i, end, kind, &mut newlines, out);
            continue;
        }
        let c = char_at(text, i);
        let width = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            i += width;
            continue;
        }
        if is_ignorable(c) {
            i += width;
            continue;
        }
        let start = i;
        let (end, kind) = if is_ideograph(c) {
            (i + width, TokenKind::Word)
        } else if is_word_char(c) {
            let end = scan_word(text, i);
            let kind = if c.is_ascii_digit() || c.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            (end, kind)
        } else if is_emoji(c) {
            (scan_emoji(text, i), TokenKind::Emoticon)
        } else if let Some(len) = emoticon_at(text, i) {
            (i + len, TokenKind::Emoticon)
        } else {
            (i + width, TokenKind::Punct)
        };
        i = push_token(text, start, end, kind, &mut newlines, out);
    }
}

/// Pushes the token at `start..end` with the newlines before it (then reset); returns where the
/// next token may start: past the hyphen of a compound (`two-state`) that follows a word.
#[inline(always)]
fn push_token(
    text: &str,
    start: usize,
    end: usize,
    kind: TokenKind,
    newlines: &mut u32,
    out: &mut Vec<Token>,
) -> usize {
    let mut next = end;
    let mut hyphen_after = false;
    if kind != TokenKind::Punct && kind != TokenKind::Emoticon {
        if let Some(h) = compound_hyphen_at(text, end) {
            hyphen_after = true;
            next = end + h;
        }
    }
    out.push(Token {
        start: start as u32,
        end: end as u32,
        kind,
        newlines_before: (*newlines).min(255) as u8,
        hyphen_after,
        capital: kind == TokenKind::Word && starts_upper(&text[start..end]),
    });
    *newlines = 0;
    next
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or('\u{FFFD}')
    }
}

#[inline]
fn char_after(text: &str, i: usize) -> Option<char> {
    (i < text.len()).then(|| char_at(text, i))
}

/// Letters, digits, combining marks (and the soft hyphen, which sits inside words).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Accented Latin letters and punctuation: see `is_alphabetic`.
        0xC0..=0x24F | 0x2000..=0x206F => is_alphabetic(c),
        _ => {
            c.is_alphanumeric()
                || unicode_normalization::char::is_combining_mark(c)
                || c == '\u{AD}'
        }
    }
}

/// `c.is_alphabetic()`, answered without the general table for the accented Latin letters and
/// the punctuation (curly quotes, dashes) that make most of the non-ASCII characters of news
/// in Latin script: the table's lookup was most of the script check's time on such text.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        // Latin-1 letters and Latin Extended-A and B: all letters but two signs (`×`, `÷`).
        0xC0..=0x24F => c != '\u{D7}' && c != '\u{F7}',
        // General Punctuation (spaces, dashes, curly quotes): no letter, digit or mark.
        0x2000..=0x206F => false,
        _ => c.is_alphabetic(),
    }
}

fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FE0F}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// Scripts written without spaces between words: each character is a token.
fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility
        | 0x20000..=0x2FFFF)
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B50 | 0x2B55)
}

/// An emoji with its variation selectors, skin tones and zero-width-joined followers.
fn scan_emoji(text: &str, mut i: usize) -> usize {
    i += char_at(text, i).len_utf8();
    while let Some(c) = char_after(text, i) {
        match c as u32 {
            0xFE0F | 0x1F3FB..=0x1F3FF => i += c.len_utf8(),
            0x200D => match char_after(text, i + 3) {
                Some(n) if is_emoji(n) => i += 3 + n.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    i
}

/// ASCII emoticons, longest first so `:-)` wins over `:-`.
const EMOTICONS: &[&str] = &[
    ">:-(", ":'-(", ":-)", ":-(", ":-D", ":-P", ":-p", ":'(", ":')", ";-)", ">:(", "</3", "^_^",
    "^^", ":)", ":(", ":D", ":P", ":p", ";)", ";D", "=)", "=(", "=D", ":/", ":|", ":]", ":[", "<3",
    ":o", ":O", ":*", ";(",
];

/// Length of the emoticon starting at `i`, if one does and it stands alone (not in `http://` or
/// `<30`).
fn emoticon_at(text: &str, i: usize) -> Option<usize> {
    let rest = &text.as_bytes()[i..];
    let first = *rest.first()?;
    if !matches!(first, b':' | b';' | b'=' | b'<' | b'>' | b'^') {
        return None;
    }
    let e = EMOTICONS.iter().find(|e| rest.starts_with(e.as_bytes()))?;
    let end = i + e.len();
    match char_after(text, end) {
        Some(c) if is_word_char(c) || c == '/' => None,
        _ => Some(e.len()),
    }
}

/// A word: word characters, with apostrophes between letters, dots inside abbreviations and dots or
/// commas between digits kept inside.
fn scan_word(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    // Letters since the last abbreviation dot: `U.S` joins, `end.Next` does not.
    let mut segment = 0usize;
    loop {
        // ASCII letters and digits, the bulk of most words, need no decoding.
        let run = bytes[i..]
            .iter()
            .position(|&b| !ASCII_ALPHANUMERIC[b as usize])
            .unwrap_or(bytes.len() - i);
        i += run;
        segment += run;
        let Some(&b) = bytes.get(i) else { break };
        // Any other ASCII byte but an apostrophe, dot or comma ends the word: no need to decode it
        // or look past it.
        if b.is_ascii() && !matches!(b, b'\'' | b'.' | b',') {
            break;
        }
        let c = char_at(text, i);
        if is_word_char(c) && !is_ideograph(c) {
            i += c.len_utf8();
            segment += 1;
            continue;
        }
        // The word's first character is a word character, so `i > start` here; and a joiner is
        // always followed by a word character, so the character before `i` is a word character.
        let prev = text[..i].chars().next_back().unwrap_or(' ');
        let next = char_after(text, i + c.len_utf8());
        let joins = match (c, next) {
            ('\'' | '\u{2019}' | '\u{02BC}', Some(n)) => prev.is_alphabetic() && n.is_alphabetic(),
            ('.', Some(n)) if prev.is_ascii_digit() => n.is_ascii_digit(),
            ('.', Some(n)) => {
                segment <= 2
                    && prev.is_alphabetic()
                    && n.is_alphabetic()
                    && abbreviation_segment(text, i + 1)
            }
            (',', Some(n)) => prev.is_ascii_digit() && n.is_ascii_digit(),
            _ => false,
        };
        if !joins {
            break;
        }
        i += c.len_utf8();
        segment = 0;
    }
    i
}

/// ASCII letters and digits, by byte: one load per byte in the loop over a word.
const ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// After an abbreviation dot, the next segment is itself short (`U.S`, `a.m`, `Ph.D`), so that
/// `a.Next` in text missing a space is not glued together.
fn abbreviation_segment(text: &str, from: usize) -> bool {
    text[from..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(3)
        .count()
        <= 2
}

/// Length of a hyphen at `i` that joins two word characters (`two-state`), if there is one.
fn compound_hyphen_at(text: &str, i: usize) -> Option<usize> {
    // Most words end before a space or punctuation: only `-` and the lead byte of U+2010 and
    // U+2011 can start a hyphen.
    if !matches!(text.as_bytes().get(i), Some(b'-' | 0xE2)) {
        return None;
    }
    let c = char_after(text, i)?;
    if !matches!(c, '-' | '\u{2010}' | '\u{2011}') {
        return None;
    }
    let after = char_after(text, i + c.len_utf8())?;
    is_word_char(after).then_some(c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_word_characters_are_as_the_unicode_tables_say() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let hex = c as u32;
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{hex:04X}");
            let word = c.is_alphanumeric()
                || unicode_normalization::char::is_combining_mark(c)
                || c == '\u{AD}';
            assert_eq!(is_word_char(c), word, "U+{hex:04X}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        tokens.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn a_word_knows_whether_it_starts_with_a_capital() {
        let text = "The U.S. said Élan, über-rich 3 :) Ω x";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let capitals: Vec<(&str, bool)> =
            tokens.iter().map(|t| (t.text(text), t.capital)).collect();
        assert_eq!(
            capitals,
            [
                ("The", true),
                ("U.S", true),
                (".", false),
                ("said", false),
                ("Élan", true),
                (",", false),
                ("über", false),
                ("rich", false),
                ("3", false),
                (":)", false),
                ("Ω", true),
                ("x", false),
            ]
        );
        // As the voice rules asked before it was known in advance.
        for t in &tokens {
            let word = t.kind == TokenKind::Word;
            assert_eq!(t.capital, word && starts_upper(t.text(text)));
        }
    }

    #[test]
    fn abbreviations_stay_whole() {
        assert_eq!(
            words("The U.S. and Mr. Smith"),
            ["The", "U.S", ".", "and", "Mr", ".", "Smith"]
        );
        assert_eq!(words("at 9 a.m. today"), ["at", "9", "a.m", ".", "today"]);
        assert_eq!(words("ended.Next"), ["ended", ".", "Next"]);
    }

    #[test]
    fn ascii_words_end_at_any_other_ascii_byte() {
        assert_eq!(
            words("ab!cd?ef'gh ij' kl\"mn(op)qr;st:uv/wx_yz"),
            [
                "ab", "!", "cd", "?", "ef'gh", "ij", "'", "kl", "\"", "mn", "(", "op", ")", "qr",
                ";", "st", ":", "uv", "/", "wx", "_", "yz"
            ]
        );
        let text = "7am x2 3,5 a,b Zürich naïve";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let kinds: Vec<_> = tokens.iter().map(|t| (t.text(text), t.kind)).collect();
        use TokenKind::{Number, Punct, Word};
        assert_eq!(
            kinds,
            [
                ("7am", Number),
                ("x2", Word),
                ("3,5", Number),
                ("a", Word),
                (",", Punct),
                ("b", Word),
                ("Zürich", Word),
                ("naïve", Word)
            ]
        );
    }

    #[test]
    fn numbers_keep_inner_separators() {
        assert_eq!(
            words("rose 3.5% to 1,000,000."),
            ["rose", "3.5", "%", "to", "1,000,000", "."]
        );
    }

    #[test]
    fn apostrophes_inside_words() {
        assert_eq!(
            words("Blinken’s visit, don't"),
            ["Blinken’s", "visit", ",", "don't"]
        );
        assert_eq!(
            words("the ministers' talks"),
            ["the", "ministers", "'", "talks"]
        );
    }

    #[test]
    fn hyphenated_compounds_become_parts() {
        let text = "a two-state solution post‑war";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let parts: Vec<_> = tokens
            .iter()
            .map(|t| (t.text(text), t.hyphen_after))
            .collect();
        assert_eq!(
            parts,
            [
                ("a", false),
                ("two", true),
                ("state", false),
                ("solution", false),
                ("post", true),
                ("war", false)
            ]
        );
    }

    #[test]
    fn emoticons_and_emoji() {
        assert_eq!(
            words("great :) see http://x.org <30 ❤️ 👍🏽"),
            [
                "great", ":)", "see", "http", ":", "/", "/", "x", ".", "org", "<", "30", "❤️", "👍🏽"
            ]
        );
    }

    #[test]
    fn ideographs_are_single_tokens() {
        assert_eq!(words("和平谈判"), ["和", "平", "谈", "判"]);
    }

    #[test]
    fn offsets_slice_the_original() {
        let text = "  Café\u{00A0}crème — “quoted”\r\nnext";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        for t in &tokens {
            assert!(
                text.is_char_boundary(t.start as usize) && text.is_char_boundary(t.end as usize)
            );
        }
        assert_eq!(tokens.last().unwrap().newlines_before, 1);
    }
}
