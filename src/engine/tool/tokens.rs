//! The tokens of other tools, each with its byte span in the original text and its lower-cased
//! form: LIWC's runs of word characters, quanteda's whitespace tokens without edge punctuation,
//! and VADER's whitespace tokens, stripped unless too little would remain.

/// A token of another tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolToken {
    pub start: u32,
    pub end: u32,
    /// Lower-cased.
    pub form: String,
}

/// A word character as Python's `\w` has it: letters, digits and `_`.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Python's `string.punctuation`: the ASCII punctuation characters.
fn is_ascii_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// What quanteda-style tokens lose at their ends: ASCII punctuation, curly quotes and the
/// ellipsis.
fn is_edge_punctuation(c: char) -> bool {
    is_ascii_punctuation(c) || matches!(c, '“' | '”' | '‘' | '’' | '…')
}

fn token(text: &str, start: usize, end: usize) -> ToolToken {
    ToolToken {
        start: start as u32,
        end: end as u32,
        form: text[start..end].to_lowercase(),
    }
}

/// LIWC's tokens: every run of word characters, lower-cased (`MARY's` is `mary` and `s`).
pub fn word_runs(text: &str, out: &mut Vec<ToolToken>) {
    out.clear();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(token(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(token(text, s, text.len()));
    }
}

/// The whitespace-separated pieces of `text`, as byte spans.
fn pieces(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &text[at..];
        let skip = rest.len() - rest.trim_start().len();
        let start = at + skip;
        if start >= text.len() {
            return None;
        }
        let len = text[start..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - start);
        at = start + len;
        Some((start, start + len))
    })
}

/// `start..end` of `text` without the characters `strip` takes at either end.
fn trimmed(text: &str, start: usize, end: usize, strip: fn(char) -> bool) -> (usize, usize) {
    let piece = &text[start..end];
    let inner = piece.trim_start_matches(strip);
    let s = start + (piece.len() - inner.len());
    let inner = inner.trim_end_matches(strip);
    (s, s + inner.len())
}

/// quanteda-style tokens: whitespace-separated, without the punctuation at their ends, empty ones
/// dropped, lower-cased. Apostrophes and hyphens inside stay (`mary's`, `co-operative`).
pub fn whitespace_stripped(text: &str, out: &mut Vec<ToolToken>) {
    out.clear();
    for (start, end) in pieces(text) {
        let (s, e) = trimmed(text, start, end, is_edge_punctuation);
        if s < e {
            out.push(token(text, s, e));
        }
    }
}

/// VADER's tokens: whitespace-separated; a token loses the ASCII punctuation at its ends unless
/// two characters or fewer would remain, in which case it stays whole (so `:)` survives and
/// `OK,` stays `ok,`); lower-cased.
pub fn vader(text: &str, out: &mut Vec<ToolToken>) {
    out.clear();
    for (start, end) in pieces(text) {
        let (s, e) = trimmed(text, start, end, is_ascii_punctuation);
        if text[s..e].chars().count() <= 2 {
            out.push(token(text, start, end));
        } else {
            out.push(token(text, s, e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(f: fn(&str, &mut Vec<ToolToken>), text: &str) -> Vec<String> {
        let mut out = Vec::new();
        f(text, &mut out);
        for t in &out {
            assert_eq!(
                t.form,
                text[t.start as usize..t.end as usize].to_lowercase()
            );
        }
        out.into_iter().map(|t| t.form).collect()
    }

    #[test]
    fn liwc_tokens_are_runs_of_word_characters() {
        assert_eq!(
            forms(word_runs, "MARY's lamb, co-operative naïve_x 3.5"),
            ["mary", "s", "lamb", "co", "operative", "naïve_x", "3", "5"]
        );
    }

    #[test]
    fn quanteda_tokens_lose_only_their_edge_punctuation() {
        assert_eq!(
            forms(
                whitespace_stripped,
                "“MARY's” bank’s co-operative, (tax-free)... — !!!"
            ),
            ["mary's", "bank’s", "co-operative", "tax-free", "—"]
        );
    }

    #[test]
    fn vader_tokens_keep_short_ones_whole() {
        assert_eq!(
            forms(vader, "GREAT, look :) OK, no!!! a fun."),
            ["great", "look", ":)", "ok,", "no!!!", "a", "fun"]
        );
    }
}
