//! Normalised form of a token: the key under which lexicon terms and article words meet.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::token::TokenKind;

/// Writes the normalised form of `raw` into `out` (cleared first): Unicode NFC, lower case, curly
/// apostrophes as `'`, soft hyphens removed and a final possessive `'s` or `'` dropped
/// (`Blinken’s` -> `blinken`). Emoticons keep their case (`:D` is not `:d`) but lose emoji
/// variation selectors and skin tones, so `❤️` and `❤` are one form.
pub fn normalize(raw: &str, kind: TokenKind, out: &mut String) {
    out.clear();
    if kind == TokenKind::Emoticon {
        out.extend(
            raw.chars()
                .filter(|c| !matches!(*c as u32, 0xFE0F | 0x1F3FB..=0x1F3FF)),
        );
        return;
    }
    if raw.is_ascii() {
        out.extend(raw.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        let mut push = |c: char| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => out.push('\''),
            '\u{AD}' => {}
            c => out.extend(c.to_lowercase()),
        };
        if is_nfc_quick(raw.chars()) == IsNormalized::Yes {
            raw.chars().for_each(&mut push);
        } else {
            raw.nfc().for_each(&mut push);
        }
    }
    strip_possessive(out);
}

fn strip_possessive(word: &mut String) {
    if word.len() > 3 && word.ends_with("'s") {
        word.truncate(word.len() - 2);
    } else if word.len() > 2 && word.ends_with('\'') {
        word.truncate(word.len() - 1);
    }
}

/// Does this normalised word negate (`not`, or a contraction ending in `n't`)? The list of negator
/// words comes from the language rules; the contraction suffix is English morphology.
pub fn is_negating_contraction(norm: &str) -> bool {
    norm.len() > 3 && norm.ends_with("n't")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(raw: &str) -> String {
        let mut s = String::new();
        normalize(raw, TokenKind::Word, &mut s);
        s
    }

    #[test]
    fn folds_case_apostrophes_and_possessives() {
        assert_eq!(norm("Blinken’s"), "blinken");
        assert_eq!(norm("DON’T"), "don't");
        assert_eq!(norm("U.S"), "u.s");
        assert_eq!(norm("it's"), "it");
    }

    #[test]
    fn composes_decomposed_letters() {
        assert_eq!(norm("Cafe\u{301}"), "café");
        assert_eq!(norm("nego\u{AD}tiation"), "negotiation");
    }

    #[test]
    fn emoticons_keep_case_and_drop_selectors() {
        let mut s = String::new();
        normalize(":D", TokenKind::Emoticon, &mut s);
        assert_eq!(s, ":D");
        normalize("❤️", TokenKind::Emoticon, &mut s);
        assert_eq!(s, "❤");
    }
}
