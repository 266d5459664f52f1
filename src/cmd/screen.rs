//! Text from the inputs made safe to print: control characters (the escape that starts a
//! terminal command, a carriage return that writes over a line, the C1 controls) and the marks
//! that reverse the direction of text are shown as escapes such as `\u{1b}`, so that an id, a
//! file name or a line of an article cannot clear the screen, retitle the terminal or hide what
//! follows it. Line breaks and tabs stay.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `s` with every character a terminal would act on shown as an escape.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(acts_on_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if acts_on_terminal(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_shown_and_plain_text_is_kept() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(visible("x\u{1b}]0;title\u{7}"), "x\\u{1b}]0;title\\u{7}");
        assert_eq!(visible("over\rwrite"), "over\\u{d}write");
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(visible("abc\u{202e}def"), "abc\\u{202e}def");
        assert!(matches!(visible("two\nlines\tand é 東"), Cow::Borrowed(_)));
    }
}
