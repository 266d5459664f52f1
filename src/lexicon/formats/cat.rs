//! WordStat dictionaries (`.cat`): category lines and word lines, nested by leading tabs; a word
//! line ends with its weight in parentheses (`MORE (1)`). Levels are flattened as
//! `parent.child`, and words directly under a category of any level belong to that category. A
//! category line that only groups others (`ECONOMY` over `ECONOMY.+STATE+`) is no category of its
//! own unless words stand directly under it.

use super::build::{Draft, Entry};
use super::text::Line;

pub(super) fn read(lines: &[Line], draft: &mut Draft) {
    if let Some(first) = lines.iter().find(|l| !l.text.trim().is_empty()) {
        if first.text.trim_start().starts_with('<') {
            draft.error(
                first.number,
                1,
                "this file is XML (a Yoshikoder or other XML dictionary), not a WordStat \
                 dictionary, whatever its extension says",
            );
            return;
        }
    }
    // The enclosing categories: (level, name).
    let mut path: Vec<(usize, String)> = Vec::new();
    // Every category line: its flattened name, line, and whether another nests under it.
    let mut keys: Vec<(String, usize, bool)> = Vec::new();
    for line in lines {
        let text = line.text.trim_end();
        if text.trim().is_empty() {
            continue;
        }
        let level = text.len() - text.trim_start_matches('\t').len();
        let body = text.trim();
        let col = text.chars().take_while(|c| c.is_whitespace()).count() + 1;
        match split_weight(body) {
            Some((word, weight)) => {
                path.retain(|(l, _)| *l < level);
                if path.is_empty() {
                    draft.warn(
                        line.number,
                        col,
                        format!("`{word}` is not carried over: it comes before any category"),
                    );
                    continue;
                }
                let name = flattened(&path);
                let i = draft.category(&name, line.number);
                draft.add(
                    i,
                    Entry {
                        text: word.to_string(),
                        weight,
                        line: line.number,
                        col,
                    },
                );
            }
            None => {
                path.retain(|(l, _)| *l < level);
                if !path.is_empty() {
                    let parent = flattened(&path);
                    if let Some(k) = keys.iter_mut().rev().find(|k| k.0 == parent) {
                        k.2 = true;
                    }
                }
                path.push((level, body.to_string()));
                keys.push((flattened(&path), line.number, false));
            }
        }
    }
    // A category line with neither words nor categories under it is an empty category, kept
    // (and reported as empty) rather than lost.
    for (name, line, has_children) in keys {
        if !has_children {
            draft.category(&name, line);
        }
    }
}

fn flattened(path: &[(usize, String)]) -> String {
    path.iter()
        .map(|(_, n)| n.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

/// A word line: the word and its weight, `MORE (1)`; `None` for a category line, which is any
/// line that does not end with a number in parentheses (`PEOPLE (GENERAL)` is a category).
fn split_weight(body: &str) -> Option<(&str, f64)> {
    let open = body.rfind(" (")?;
    let inner = body[open + 2..].strip_suffix(')')?;
    let word = body[..open].trim();
    let weight = inner.trim().parse::<f64>().ok()?;
    (!word.is_empty()).then_some((word, weight))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lines_end_with_a_weight() {
        assert_eq!(split_weight("MORE (1)"), Some(("MORE", 1.0)));
        assert_eq!(
            split_weight("South African* (1)"),
            Some(("South African*", 1.0))
        );
        assert_eq!(split_weight("X (2.5)"), Some(("X", 2.5)));
        assert_eq!(split_weight("PEOPLE (GENERAL)"), None);
        assert_eq!(split_weight("ECONOMY"), None);
        assert_eq!(split_weight("+STATE+"), None);
    }
}
