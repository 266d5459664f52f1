//! Word lists: VADER's lexicon (token, mean valence, standard deviation, ratings), AFINN's (word
//! or phrase and an integer), and plain lists of words, each optionally with a score. Scores go
//! into a `positive` and a `negative` category with their size as the weight (the tone
//! categories; 0 into `neutral`), or into the categories the user names; a repeated word keeps
//! its last score, as the tools' dictionaries do.

use std::collections::HashMap;

use super::build::{Draft, Entry};
use super::text::Line;
use super::Format;

/// One line read: the entry, its score if the list has scores, where it is.
struct Scored<'a> {
    word: &'a str,
    score: Option<f64>,
    line: usize,
}

pub(super) fn read(
    lines: &[Line],
    format: Format,
    categories: &[String],
    file: &str,
    draft: &mut Draft,
) {
    let mut read: Vec<Scored> = Vec::new();
    // The index in `read` of each word, so that a repeat replaces it.
    let mut index: HashMap<&str, usize> = HashMap::new();
    for line in lines {
        if line.text.trim().is_empty() {
            continue;
        }
        let Some(scored) = parse_line(line, format, draft) else {
            continue;
        };
        match index.get(scored.word) {
            Some(&i) => {
                draft.warn(
                    line.number,
                    1,
                    format!(
                        "`{}` is listed again (first on line {}): this later entry replaces it, \
                         as in the tool's dictionary",
                        scored.word, read[i].line
                    ),
                );
                read[i] = scored;
            }
            None => {
                index.insert(scored.word, read.len());
                read.push(scored);
            }
        }
    }
    let scored = read.iter().any(|s| s.score.is_some());
    let (positive, negative) = match (categories, scored) {
        ([], true) => ("positive".to_string(), "negative".to_string()),
        ([], false) => {
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            (stem.to_string(), stem.to_string())
        }
        ([one], _) => (one.clone(), one.clone()),
        ([pos, neg, ..], _) => (pos.clone(), neg.clone()),
    };
    for s in read {
        let score = s.score.unwrap_or(1.0);
        let (name, polarity) = if positive == negative {
            (positive.as_str(), 0)
        } else if score > 0.0 {
            (positive.as_str(), 1)
        } else if score < 0.0 {
            (negative.as_str(), -1)
        } else {
            ("neutral", 0)
        };
        let i = draft.category(name, s.line);
        draft.set_polarity(i, polarity);
        draft.add(
            i,
            Entry {
                text: s.word.to_string(),
                weight: score.abs(),
                line: s.line,
                col: 1,
            },
        );
    }
}

/// The entry of one line; `None`, reported, when the line does not have the list's shape.
fn parse_line<'a>(line: &Line<'a>, format: Format, draft: &mut Draft) -> Option<Scored<'a>> {
    let text = line.text;
    let fields: Vec<&str> = text.split('\t').collect();
    let at = |score| Scored {
        word: fields[0].trim(),
        score,
        line: line.number,
    };
    let bad = |draft: &mut Draft, why: &str| {
        draft.warn(
            line.number,
            1,
            format!("`{}` is not carried over: {why}", text.trim()),
        );
        None
    };
    match format {
        Format::Vader | Format::Afinn => {
            if fields.len() < 2 || fields[0].trim().is_empty() {
                return bad(draft, "a line of this list is a word, a tab and a score");
            }
            match fields[1].trim().parse::<f64>() {
                Ok(v) if v.is_finite() => Some(at(Some(v))),
                _ => bad(draft, "its score is not a number"),
            }
        }
        _ => {
            if fields.len() >= 2 {
                return match fields[1].trim().parse::<f64>() {
                    Ok(v) if v.is_finite() => Some(at(Some(v))),
                    _ => bad(draft, "the field after the tab is not a score"),
                };
            }
            let word = text.trim();
            Some(Scored {
                word,
                score: None,
                line: line.number,
            })
        }
    }
}
