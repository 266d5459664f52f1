//! LIWC dictionaries (`.dic`, 2001 to 2015): a header of numbered categories between two `%`
//! lines, then one word or phrase a line with the numbers of its categories.
//!
//! What varies between files and is read here: spaces or tabs as separators, ids written with
//! or without leading zeros (`02` is `2`), blank lines, categories nested by indentation in the
//! header (flattened as `parent.child`), header lines without an id that only group the lines
//! under them, and LIWC 2007's conditional codes. `<of>131/125` (category 131 when the next word
//! is *of*, else 125) becomes the phrase `kind of` in 131 and, in 125, the word with `kind of` as
//! a stop phrase; a code that depends on the previous word (`(02 134)125/464`) cannot be carried
//! over and is reported. Matched as quanteda reads LIWC files, the entries with `<of>` are
//! dropped and the parentheses removed as quanteda does, so that the counts are its counts.

use std::collections::BTreeMap;

use super::build::{Draft, Entry};
use super::text::Line;
use crate::lexicon::matching::Matching;

/// A category of the header: its flattened name, where it was defined.
struct HeaderCategory {
    name: String,
    line: usize,
}

pub(super) fn read(lines: &[Line], draft: &mut Draft) {
    let mut rest = lines.iter().skip_while(|l| l.text.trim().is_empty());
    match rest.next() {
        Some(first) if first.text.trim() == "%" => {}
        Some(first) => {
            draft.error(
                first.number,
                1,
                format!(
                    "a LIWC dictionary begins with a line holding only `%`; this one begins with \
                     `{}`",
                    shorten(first.text.trim())
                ),
            );
            return;
        }
        None => {
            draft.error(1, 1, "the file is empty");
            return;
        }
    }
    let mut header = Vec::new();
    let mut closed = false;
    for line in rest.by_ref() {
        if line.text.trim() == "%" {
            closed = true;
            break;
        }
        header.push(*line);
    }
    if !closed {
        let last = lines.last().map_or(1, |l| l.number);
        draft.error(
            last,
            1,
            "the category list is not closed by a line holding only `%`",
        );
        return;
    }
    let categories = read_header(&header, draft);
    for c in categories.values() {
        draft.category(&c.name, c.line);
    }
    let quanteda = draft.matching == Matching::Quanteda;
    for line in rest {
        if line.text.trim().is_empty() {
            continue;
        }
        read_entry(line, &categories, quanteda, draft);
    }
}

/// The categories of the header by id, with names flattened by indentation.
fn read_header(lines: &[Line], draft: &mut Draft) -> BTreeMap<u64, HeaderCategory> {
    let mut categories: BTreeMap<u64, HeaderCategory> = BTreeMap::new();
    // The names of the enclosing header lines, by level.
    let mut parents: Vec<(usize, String)> = Vec::new();
    for line in lines {
        if line.text.trim().is_empty() {
            continue;
        }
        let level = indentation(line.text);
        let text = line.text.trim();
        let (first, rest) = split_first(text);
        let (id, name) = match first.parse::<u64>() {
            Ok(id) if first.chars().all(|c| c.is_ascii_digit()) => (Some(id), rest.trim()),
            _ => (None, text),
        };
        if name.is_empty() {
            draft.warn(
                line.number,
                1,
                format!("category {first} has no name: its words are not carried over"),
            );
            continue;
        }
        parents.retain(|(l, _)| *l < level);
        let mut path: Vec<&str> = parents.iter().map(|(_, n)| n.as_str()).collect();
        path.push(name);
        let full = path.join(".");
        parents.push((level, name.to_string()));
        let Some(id) = id else {
            continue;
        };
        if let Some(previous) = categories.get(&id) {
            draft.warn(
                line.number,
                1,
                format!(
                    "category id {id} is defined again (first on line {} as `{}`): the first is kept",
                    previous.line, previous.name
                ),
            );
            continue;
        }
        categories.insert(
            id,
            HeaderCategory {
                name: full,
                line: line.number,
            },
        );
    }
    categories
}

/// Indentation level: one per tab, one per run of up to four spaces.
fn indentation(line: &str) -> usize {
    let mut level = 0;
    let mut spaces = 0;
    for c in line.chars() {
        match c {
            '\t' => {
                level += 1;
                spaces = 0;
            }
            ' ' => {
                spaces += 1;
                if spaces == 4 {
                    level += 1;
                    spaces = 0;
                }
            }
            _ => break,
        }
    }
    level + usize::from(spaces > 0)
}

/// One entry line: the word or phrase, then its category codes.
fn read_entry(
    line: &Line,
    categories: &BTreeMap<u64, HeaderCategory>,
    quanteda: bool,
    draft: &mut Draft,
) {
    let text = line.text.trim();
    if quanteda && text.contains("<of>") {
        draft.warn(
            line.number,
            1,
            format!(
                "`{}` is not carried over: its `<of>` code depends on the next word, and \
                 quanteda drops such entries",
                split_word(text).0
            ),
        );
        return;
    }
    let cleaned;
    let text = if quanteda && text.contains('(') {
        cleaned = remove_parentheses_as_quanteda(text);
        let (word, _) = split_word(text);
        draft.warn(
            line.number,
            1,
            format!(
                "`{word}`: its conditional codes in parentheses are removed as quanteda removes \
                 them (from the first `(` to the last `)`)"
            ),
        );
        cleaned.as_str()
    } else {
        text
    };
    let (word, codes) = split_word(text);
    let col = line.text.len() - line.text.trim_start().len() + 1;
    let entry = |text: &str| Entry {
        text: text.to_string(),
        weight: 1.0,
        line: line.number,
        col,
    };
    let mut placed = 0;
    for code in split_codes(codes) {
        let code = code.as_str();
        match parse_code(code) {
            Code::Plain(id) => match categories.get(&id) {
                Some(c) => {
                    let i = draft.category(&c.name, c.line);
                    draft.add(i, entry(word));
                    placed += 1;
                }
                None => draft.warn(
                    line.number,
                    col,
                    format!(
                        "`{word}`: category {code} is not defined in the header, so the word is \
                         not put in it"
                    ),
                ),
            },
            Code::NextWord { next, then, or } => {
                let phrase = format!("{word} {next}");
                if let Some(c) = then.and_then(|id| categories.get(&id)) {
                    let i = draft.category(&c.name, c.line);
                    draft.add(i, entry(&phrase));
                    placed += 1;
                }
                if let Some(c) = or.and_then(|id| categories.get(&id)) {
                    let i = draft.category(&c.name, c.line);
                    draft.add(i, entry(word));
                    draft.add_stop(i, entry(&phrase));
                    placed += 1;
                }
                for id in [then, or].into_iter().flatten() {
                    if !categories.contains_key(&id) {
                        draft.warn(
                            line.number,
                            col,
                            format!(
                                "`{word}`: category {id} of `{code}` is not defined in the header"
                            ),
                        );
                    }
                }
            }
            Code::PreviousWord => draft.warn(
                line.number,
                col,
                format!(
                    "`{word}`: the conditional code `{code}` (categories that depend on the \
                     previous word) cannot be carried over; its other codes are kept"
                ),
            ),
            Code::Unreadable => draft.warn(
                line.number,
                col,
                format!("`{word}`: `{code}` is not a category number, so it is not carried over"),
            ),
        }
    }
    if placed == 0 {
        draft.warn(
            line.number,
            col,
            format!("`{word}` is not carried over: it is in no category the header defines"),
        );
    }
}

/// The codes of an entry, a parenthesised group (`(02 134)125/464`) kept as one.
fn split_codes(codes: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for piece in codes.split_whitespace() {
        match out.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(piece);
            }
            _ => out.push(piece.to_string()),
        }
        let last = out.last().map_or("", String::as_str);
        open = last.starts_with('(') && !last.contains(')');
    }
    out
}

/// A category code of an entry.
#[derive(Debug, PartialEq)]
enum Code {
    Plain(u64),
    /// `<next>then/or`: category `then` when the next word is `next`, else `or`.
    NextWord {
        next: String,
        then: Option<u64>,
        or: Option<u64>,
    },
    /// `(a b)then/or`: depends on the category of the previous word.
    PreviousWord,
    Unreadable,
}

fn parse_code(code: &str) -> Code {
    if let Ok(id) = code.parse::<u64>() {
        return Code::Plain(id);
    }
    if code.starts_with('(') {
        return Code::PreviousWord;
    }
    if let Some(rest) = code.strip_prefix('<') {
        if let Some((next, ids)) = rest.split_once('>') {
            let (then, or) = match ids.split_once('/') {
                Some((a, b)) => (a.parse().ok(), b.parse().ok()),
                None => (ids.parse().ok(), None),
            };
            if !next.is_empty() && (then.is_some() || or.is_some()) {
                return Code::NextWord {
                    next: next.to_string(),
                    then,
                    or,
                };
            }
        }
    }
    Code::Unreadable
}

/// quanteda replaces the regular expression `\(.+\)` by a space: from the first `(` to the last
/// `)` of the line.
fn remove_parentheses_as_quanteda(text: &str) -> String {
    match (text.find('('), text.rfind(')')) {
        (Some(a), Some(b)) if b > a => format!("{} {}", &text[..a], &text[b + 1..]),
        _ => text.to_string(),
    }
}

/// The word or phrase of an entry line and the text of its codes. With a tab, the word is what
/// comes before the first tab (a phrase may hold spaces); without one, it is what precedes the
/// trailing run of codes.
fn split_word(text: &str) -> (&str, &str) {
    if let Some((word, codes)) = text.split_once('\t') {
        return (word.trim(), codes);
    }
    let pieces: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|p| (p.as_ptr() as usize - text.as_ptr() as usize, p))
        .collect();
    let mut word_end = pieces.len();
    while word_end > 1 && looks_like_code(pieces[word_end - 1].1) {
        word_end -= 1;
    }
    match pieces.get(word_end) {
        Some(&(at, _)) => (text[..at].trim(), &text[at..]),
        None => (text, ""),
    }
}

fn looks_like_code(piece: &str) -> bool {
    piece.chars().all(|c| c.is_ascii_digit())
        || piece.starts_with('<')
        || piece.starts_with('(')
        || piece.ends_with(')')
        || piece
            .chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ')')
}

/// The first whitespace-separated piece of `text` and what follows it.
fn split_first(text: &str) -> (&str, &str) {
    match text.find(char::is_whitespace) {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    }
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_liwc_writes_them() {
        assert_eq!(parse_code("02"), Code::Plain(2));
        assert_eq!(
            parse_code("<of>131/125"),
            Code::NextWord {
                next: "of".into(),
                then: Some(131),
                or: Some(125)
            }
        );
        assert_eq!(parse_code("(02"), Code::PreviousWord);
        assert_eq!(parse_code("x1"), Code::Unreadable);
    }

    #[test]
    fn words_are_told_from_codes_with_tabs_or_spaces() {
        assert_eq!(split_word("little    02    03"), ("little", "02    03"));
        assert_eq!(split_word("kind of 131"), ("kind of", "131"));
        assert_eq!(split_word("kind of\t131"), ("kind of", "131"));
        assert_eq!(
            split_word("liked\t11\t13\t126 721"),
            ("liked", "11\t13\t126 721")
        );
        assert_eq!(split_word("lonely"), ("lonely", ""));
        assert_eq!(split_word("2020"), ("2020", ""));
    }

    #[test]
    fn a_parenthesised_condition_is_one_code() {
        assert_eq!(
            split_codes("(02 134)125/464\t(02 134)126\t253"),
            ["(02 134)125/464", "(02 134)126", "253"]
        );
        assert_eq!(split_codes("1  02"), ["1", "02"]);
    }

    #[test]
    fn quanteda_removes_parentheses_greedily() {
        assert_eq!(
            remove_parentheses_as_quanteda("like\t(02 134)125/464\t(02 134)126\t253"),
            "like\t 126\t253"
        );
    }

    #[test]
    fn indentation_counts_tabs_and_runs_of_spaces() {
        assert_eq!(indentation("11 verb"), 0);
        assert_eq!(indentation("\t121 x"), 1);
        assert_eq!(indentation("\t\t133 x"), 2);
        assert_eq!(indentation("    133 x"), 1);
        assert_eq!(indentation("  133 x"), 1);
    }
}
