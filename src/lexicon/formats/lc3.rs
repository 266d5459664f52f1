//! Lexicoder dictionaries (`.lc3`): a `+category` line starts each category, and every other
//! non-blank line below it is one of its words or phrases (spaces around them do not count).

use super::build::{Draft, Entry};
use super::text::Line;

pub(super) fn read(lines: &[Line], draft: &mut Draft) {
    let mut current: Option<usize> = None;
    let mut any = false;
    for line in lines {
        let body = line.text.trim();
        if body.is_empty() {
            continue;
        }
        let col = line.text.chars().take_while(|c| c.is_whitespace()).count() + 1;
        if let Some(name) = body.strip_prefix('+') {
            let name = name.trim();
            if name.is_empty() {
                draft.warn(line.number, col, "a `+` line without a category name");
                current = None;
                continue;
            }
            current = Some(draft.category(name, line.number));
            any = true;
            continue;
        }
        if !any && body.starts_with('<') {
            draft.error(
                line.number,
                col,
                "this file is XML, not a Lexicoder dictionary, whatever its extension says",
            );
            return;
        }
        match current {
            Some(i) => draft.add(
                i,
                Entry {
                    text: body.to_string(),
                    weight: 1.0,
                    line: line.number,
                    col,
                },
            ),
            None => draft.warn(
                line.number,
                col,
                format!("`{body}` is not carried over: it comes before any `+category` line"),
            ),
        }
    }
}
