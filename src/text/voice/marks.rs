//! Quotation marks: which characters are quotation marks, of which family, and whether each one
//! in a text can open a quotation, close one, or is something else (an apostrophe, an inch sign).
//! Decided from the characters right before and after the mark, with the shape of curly marks
//! and guillemets as a hint where the spacing says nothing.

use crate::text::{Token, TokenKind};

/// Marks pair only with marks of their family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `"`, `“ ”`, `„`.
    Double,
    /// `'`, `‘ ’`, `‚`.
    Single,
    /// `« »`.
    Angle,
    /// `‹ ›`.
    SingleAngle,
    /// `「 」`.
    Corner,
    /// `『 』`.
    WhiteCorner,
}

/// What a mark can do where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Open,
    Close,
    /// Between two words (`said"Yes`): it closes an open quotation of its family, else opens one.
    Either,
    /// After a digit (`12" screen`, `rose 25"`): it closes an open quotation of its family, else
    /// it is an inch or foot sign.
    MeasureOrClose,
    /// After a final s (`the ministers' talks`): it closes an open quotation of its family, else
    /// it is an apostrophe.
    ApostropheOrClose,
}

/// A quotation mark in a text: its token and what it can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub token: u32,
    pub family: Family,
    pub role: Role,
    /// A closing mark right after a sentence's end and before a capitalised word (`needed." We
    /// are`): in text whose paragraphs were run together, often an opening mark whose space went
    /// to the wrong side. It opens a quotation when nothing is open and a closing mark follows.
    pub misplaced: bool,
}

/// Which way a mark's shape points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Opening,
    Closing,
    Straight,
}

fn shape_of(c: char) -> Option<(Family, Shape)> {
    use Family::*;
    use Shape::*;
    Some(match c {
        '"' | '\u{FF02}' => (Double, Straight),
        '\u{201C}' | '\u{201E}' | '\u{201F}' => (Double, Opening),
        '\u{201D}' => (Double, Closing),
        '\'' => (Single, Straight),
        '\u{2018}' | '\u{201A}' | '\u{201B}' => (Single, Opening),
        // Also the apostrophe of typeset text: decided by its neighbours, as a straight mark.
        '\u{2019}' => (Single, Straight),
        '\u{AB}' => (Angle, Opening),
        '\u{BB}' => (Angle, Closing),
        '\u{2039}' => (SingleAngle, Opening),
        '\u{203A}' => (SingleAngle, Closing),
        '\u{300C}' => (Corner, Opening),
        '\u{300D}' => (Corner, Closing),
        '\u{300E}' => (WhiteCorner, Opening),
        '\u{300F}' => (WhiteCorner, Closing),
        _ => return None,
    })
}

/// Is `c` any quotation mark?
pub fn is_quote_char(c: char) -> bool {
    shape_of(c).is_some() || c == '\u{2019}'
}

/// A mark after this character (or at the start of the text) may open a quotation.
fn open_context(before: Option<char>) -> bool {
    match before {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '\u{2014}' | '\u{2013}' | '-' | '/')
                || is_quote_char(c)
        }
    }
}

/// A mark before this character (or at the end of the text) may close a quotation.
fn close_context(after: Option<char>) -> bool {
    match after {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | '.'
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '\u{2014}'
                        | '\u{2013}'
                        | '-'
                        | '/'
                        | '\u{2026}'
                )
                || is_quote_char(c)
        }
    }
}

/// The role of a mark of `family` and `shape` between the characters `before` and `after`;
/// `None` for a mark that quotes nothing.
fn role_of(
    family: Family,
    shape: Shape,
    before: Option<char>,
    after: Option<char>,
) -> Option<Role> {
    let opens = open_context(before);
    let closes = close_context(after);
    let digit_before = before.is_some_and(|c| c.is_ascii_digit());
    let digit_after = after.is_some_and(|c| c.is_ascii_digit());
    let single = family == Family::Single;
    match shape {
        Shape::Straight => match (opens, closes) {
            // An elision (`’90s`) is no quotation.
            (true, false) if single && digit_after => None,
            (true, false) => Some(Role::Open),
            (false, true) if digit_before => Some(Role::MeasureOrClose),
            (false, true) if single && before.is_some_and(|c| c == 's' || c == 'S') => {
                Some(Role::ApostropheOrClose)
            }
            (false, true) => Some(Role::Close),
            // `5'11"`: a measure; between letters a single mark is an apostrophe (the tokenizer
            // keeps most of those inside their word).
            (false, false) if digit_before || single => None,
            (false, false) => Some(Role::Either),
            // Spaced on both sides: a stray mark.
            (true, true) => None,
        },
        Shape::Opening => match (opens, closes) {
            (true, false) if single && digit_after => None,
            // A closing mark typed with the wrong shape (`Hello“ she said`).
            (false, true) => Some(Role::Close),
            _ => Some(Role::Open),
        },
        Shape::Closing => match (opens, closes) {
            // An opening mark typed with the wrong shape (`” Hello”`).
            (true, false) => Some(Role::Open),
            _ => Some(Role::Close),
        },
    }
}

/// Finds the quotation marks among `tokens` of `text`, in text order, appending them to `out`
/// (cleared first).
pub fn find_marks(text: &str, tokens: &[Token], out: &mut Vec<Mark>) {
    out.clear();
    // Guillemets point outwards in French (« … ») and inwards in German (» … «): the first one
    // of a text that opens by its spacing says which.
    let mut inward: Option<bool> = None;
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Punct {
            continue;
        }
        let raw = token.text(text);
        let mut chars = raw.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            continue;
        };
        let Some((family, mut shape)) = shape_of(c) else {
            continue;
        };
        let before = text[..token.start as usize].chars().next_back();
        let after = text[token.end as usize..].chars().next();
        if matches!(family, Family::Angle | Family::SingleAngle) {
            let reversed = *inward.get_or_insert_with(|| {
                shape == Shape::Closing && open_context(before) && !close_context(after)
            });
            if reversed {
                shape = match shape {
                    Shape::Opening => Shape::Closing,
                    Shape::Closing => Shape::Opening,
                    Shape::Straight => Shape::Straight,
                };
            }
        }
        if let Some(role) = role_of(family, shape, before, after) {
            let sentence_end = before.is_some_and(|c| matches!(c, '.' | '?' | '!'));
            let capital_next = text[token.end as usize..]
                .strip_prefix(' ')
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_uppercase);
            out.push(Mark {
                token: i as u32,
                family,
                role,
                misplaced: role == Role::Close && sentence_end && capital_next,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn roles(text: &str) -> Vec<(String, Role)> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut marks = Vec::new();
        find_marks(text, &tokens, &mut marks);
        marks
            .iter()
            .map(|m| (tokens[m.token as usize].text(text).to_string(), m.role))
            .collect()
    }

    #[test]
    fn spacing_says_open_or_close() {
        use Role::*;
        assert_eq!(
            roles("He said \"no,\" and 'yes'."),
            [
                ("\"".into(), Open),
                ("\"".into(), Close),
                ("'".into(), Open),
                ("'".into(), ApostropheOrClose)
            ]
        );
        assert_eq!(
            roles("said:\"Yes\""),
            [("\"".into(), Either), ("\"".into(), Close)]
        );
    }

    #[test]
    fn inches_feet_apostrophes_and_elisions_are_not_quotes() {
        use Role::*;
        // A 6'5" forward, a 12" screen, the '90s: no quotation mark, but the marks after a
        // digit close a quotation if one is open.
        assert_eq!(
            roles("The 6'5\" forward bought a 12\" screen in the '90s."),
            [("\"".into(), MeasureOrClose), ("\"".into(), MeasureOrClose)]
        );
        assert_eq!(
            roles("the ministers' talks"),
            [("'".into(), ApostropheOrClose)]
        );
        assert_eq!(roles("Blinken’s visit, don't"), []);
    }

    #[test]
    fn curly_marks_and_guillemets_keep_their_direction() {
        use Role::*;
        assert_eq!(
            roles("« Nous restons », a-t-il dit. “We stay,” he said; ‘fine’."),
            [
                ("«".into(), Open),
                ("»".into(), Close),
                ("“".into(), Open),
                ("”".into(), Close),
                ("‘".into(), Open),
                ("’".into(), Close)
            ]
        );
        // German guillemets point inwards.
        assert_eq!(
            roles("Er sagte »Wir bleiben« und ging."),
            [("»".into(), Open), ("«".into(), Close)]
        );
        // „…“ in German: the second mark closes by its spacing.
        assert_eq!(
            roles("Er sagte „Ja“ und ging."),
            [("„".into(), Open), ("“".into(), Close)]
        );
    }
}
