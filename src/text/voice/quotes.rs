//! Quotations from quotation marks: marks of one family paired, nested quotations inside outer
//! ones, and the news convention for a quotation that runs over paragraphs (no closing mark at
//! the end of a paragraph when the next one opens with a mark). A quotation still open where its
//! paragraph ends, and not continued, is kept as unclosed: what it covers is not known.

use std::ops::Range;

use super::marks::{Family, Mark, Role};
use crate::text::Token;

/// One pair of marks (or an opening mark left open) and what lies between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The token of the opening mark.
    pub open: u32,
    /// The token of the closing mark.
    pub close: Option<u32>,
    /// The end of the quoted tokens (exclusive): the closing mark, or where the paragraph (or,
    /// for a continued quotation, the line) ends.
    pub end: u32,
    pub family: Family,
    /// Quotations around this one.
    pub depth: u32,
    /// The quotation, of the previous paragraph, that this one continues (an index into the
    /// same list).
    pub continues: Option<u32>,
    /// Left open at the end of its paragraph, and continued in the next.
    pub continued: bool,
}

impl Quote {
    /// Open at the end of its paragraph and not continued.
    pub fn unclosed(&self) -> bool {
        self.close.is_none() && !self.continued
    }

    /// The tokens between the marks.
    pub fn content(&self) -> Range<usize> {
        self.open as usize + 1..self.end as usize
    }

    /// The tokens of the quotation with its marks.
    pub fn extent(&self) -> Range<usize> {
        self.open as usize..self.close.map_or(self.end, |c| c + 1) as usize
    }
}

/// Quotations nest at most this deep; deeper marks are left alone.
const MAX_DEPTH: usize = 4;

#[derive(Debug, Clone, Copy)]
struct Opened {
    family: Family,
    token: u32,
    continues: Option<u32>,
}

/// Pairs `marks` (of `tokens`, in text order) into quotations, appended to `out` (cleared first)
/// in the order of their opening marks.
pub fn pair(tokens: &[Token], marks: &[Mark], out: &mut Vec<Quote>) {
    out.clear();
    let mut pairing = Pairing {
        out,
        stack: Vec::new(),
        pending: None,
    };
    // The paragraph of each mark, for looking ahead within one.
    let mut paragraph_of = Vec::with_capacity(marks.len());
    let (mut paragraph, mut at) = (0u32, 0usize);
    for mark in marks {
        let t = mark.token as usize;
        paragraph += tokens[at.min(t)..=t]
            .iter()
            .skip(1)
            .filter(|k| k.newlines_before >= 2)
            .count() as u32;
        at = t;
        paragraph_of.push(paragraph);
    }
    let mut scanned = 0usize;
    for (m, mark) in marks.iter().enumerate() {
        let t = mark.token as usize;
        // A paragraph break (a blank line) since the previous mark ends every open quotation.
        let paragraph = (scanned.max(1)..=t)
            .rev()
            .find(|&k| tokens[k].newlines_before >= 2);
        scanned = t + 1;
        let opening = matches!(mark.role, Role::Open | Role::Either);
        let line_start = tokens[t].newlines_before > 0;
        if let Some(start) = paragraph {
            pairing.flush(start, (start == t && opening).then_some(mark.family));
        } else if line_start && opening && pairing.is_open(mark.family) {
            // One paragraph a line: a line that opens with the mark of an open quotation
            // continues it.
            pairing.flush(t, Some(mark.family));
        }
        let closes_later = || {
            marks[m + 1..]
                .iter()
                .zip(&paragraph_of[m + 1..])
                .take_while(|(_, &p)| p == paragraph_of[m])
                .any(|(n, _)| {
                    n.family == mark.family && matches!(n.role, Role::Close | Role::Either)
                })
        };
        let reopens = mark.misplaced && !pairing.is_open(mark.family) && closes_later();
        pairing.take(mark, reopens);
    }
    // What is still open ends with its paragraph.
    let end = (scanned.max(1)..tokens.len())
        .find(|&k| tokens[k].newlines_before >= 2)
        .unwrap_or(tokens.len());
    pairing.flush(end, None);
    // Inner quotations are found before outer ones: order by opening mark, and renumber the
    // continuations.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| out[i].open);
    let mut position = vec![0u32; out.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new as u32;
    }
    let sorted: Vec<Quote> = order
        .iter()
        .map(|&i| Quote {
            continues: out[i].continues.map(|c| position[c as usize]),
            ..out[i]
        })
        .collect();
    *out = sorted;
}

struct Pairing<'a> {
    out: &'a mut Vec<Quote>,
    stack: Vec<Opened>,
    /// A quotation just left open at a paragraph end, which the mark that opens the next
    /// paragraph continues.
    pending: Option<(Family, u32)>,
}

impl Pairing<'_> {
    fn is_open(&self, family: Family) -> bool {
        self.stack.iter().any(|o| o.family == family)
    }

    /// Ends every open quotation at token `end`; the outermost continues if the next paragraph
    /// opens with a mark of its family (`continued_by`).
    fn flush(&mut self, end: usize, continued_by: Option<Family>) {
        let stack = std::mem::take(&mut self.stack);
        for (depth, opened) in stack.into_iter().enumerate() {
            let continued = depth == 0 && continued_by == Some(opened.family);
            if continued {
                self.pending = Some((opened.family, self.out.len() as u32));
            }
            self.emit(opened, None, end, depth, continued);
        }
    }

    fn emit(
        &mut self,
        opened: Opened,
        close: Option<u32>,
        end: usize,
        depth: usize,
        continued: bool,
    ) {
        self.out.push(Quote {
            open: opened.token,
            close,
            end: end as u32,
            family: opened.family,
            depth: depth as u32,
            continues: opened.continues,
            continued,
        });
    }

    /// Takes `mark`; `reopens` makes a misplaced closing mark open a quotation.
    fn take(&mut self, mark: &Mark, reopens: bool) {
        let pending = self.pending.take();
        let same = self.stack.iter().rposition(|o| o.family == mark.family);
        let opens = match mark.role {
            _ if reopens => true,
            Role::Open => true,
            Role::Close => false,
            Role::Either => same.is_none(),
            Role::MeasureOrClose | Role::ApostropheOrClose => {
                if same.is_none() {
                    return;
                }
                false
            }
        };
        if opens {
            if self.stack.len() < MAX_DEPTH {
                let continues = pending
                    .filter(|(family, _)| *family == mark.family)
                    .map(|(_, quote)| quote);
                self.stack.push(Opened {
                    family: mark.family,
                    token: mark.token,
                    continues,
                });
            }
            return;
        }
        let Some(k) = same else {
            // A closing mark with nothing to close.
            return;
        };
        // Quotations opened inside the one that closes, and never closed, end with it.
        let inner: Vec<Opened> = self.stack.drain(k + 1..).collect();
        for (d, opened) in inner.into_iter().enumerate() {
            self.emit(opened, None, mark.token as usize, k + 1 + d, false);
        }
        let opened = self.stack.pop().expect("k is an index of the stack");
        self.emit(opened, Some(mark.token), mark.token as usize, k, false);
    }
}

#[cfg(test)]
mod tests {
    use super::super::marks::find_marks;
    use super::*;
    use crate::text::tokenize;

    /// Each quotation as (its text between the marks, depth, closed, continued, continues).
    fn quotes(text: &str) -> Vec<(String, u32, bool, bool, Option<u32>)> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut marks = Vec::new();
        find_marks(text, &tokens, &mut marks);
        let mut out = Vec::new();
        pair(&tokens, &marks, &mut out);
        out.iter()
            .map(|q| {
                let c = q.content();
                let s = if c.is_empty() {
                    String::new()
                } else {
                    text[tokens[c.start].start as usize..tokens[c.end - 1].end as usize].to_string()
                };
                (s, q.depth, q.close.is_some(), q.continued, q.continues)
            })
            .collect()
    }

    #[test]
    fn nested_quotations_inside_outer_ones() {
        assert_eq!(
            quotes("“He told me ‘never again’ twice,” she said."),
            [
                (
                    "He told me ‘never again’ twice,".into(),
                    0,
                    true,
                    false,
                    None
                ),
                ("never again".into(), 1, true, false, None)
            ]
        );
        // Straight marks of one family nest by their spacing.
        assert_eq!(
            quotes("\"He said \"no\" to me,\" she said."),
            [
                ("He said \"no\" to me,".into(), 0, true, false, None),
                ("no".into(), 1, true, false, None)
            ]
        );
    }

    #[test]
    fn a_quotation_continued_in_the_next_paragraph_and_one_left_unclosed() {
        let text =
            "\"We will stay,\" he said. \"We came to work.\n\n\"We leave when it is done.\"\n\n\
                    Then she wrote \"nothing more.\n\nThe end.";
        assert_eq!(
            quotes(text),
            [
                ("We will stay,".into(), 0, true, false, None),
                ("We came to work.".into(), 0, false, true, None),
                ("We leave when it is done.".into(), 0, true, false, Some(1)),
                ("nothing more.".into(), 0, false, false, None)
            ]
        );
        // One paragraph a line: a line opening with the mark continues the quotation.
        let text = "\"We came to work.\n\"We leave when it is done.\"";
        assert_eq!(quotes(text)[1].4, Some(0));
        // A line break inside a quotation does not end it.
        assert_eq!(
            quotes("\"We came\nto work,\" he said.")[0],
            ("We came\nto work,".into(), 0, true, false, None)
        );
    }

    #[test]
    fn an_opening_mark_whose_space_went_to_the_wrong_side() {
        // Paragraphs run together: `improved." We` opens, since nothing is open and a closing
        // mark follows; a closing mark after a quotation that is open still closes it.
        assert_eq!(
            quotes("It needed work.\" We are proving it,\" said Toubia.")[0],
            ("We are proving it,".into(), 0, true, false, None)
        );
        assert_eq!(quotes("\"We stay.\" The talks went on.").len(), 1);
    }

    #[test]
    fn inch_signs_and_apostrophes_close_only_open_quotations() {
        assert_eq!(
            quotes("A 12\" screen and the ministers' talks."),
            Vec::<(String, u32, bool, bool, Option<u32>)>::new()
        );
        assert_eq!(
            quotes("\"The toll rose to 25\" is wrong; 'ask the ministers' he said."),
            [
                ("The toll rose to 25".into(), 0, true, false, None),
                ("ask the ministers".into(), 0, true, false, None)
            ]
        );
    }
}
