//! Attribution frames: the words that say who speaks. Around a quotation, a reporting verb with
//! its speaker after it (`"...," she said`, `"...," said the minister`), before it (`He said:
//! "..."`, `According to X, "..."`), or a headline's colon (`'Stronger': WHO`). Outside quotation
//! marks, reported speech: the clause after `X said (that)`, `X told Y (that)`, `According to X,`,
//! `..., saying (that)`, or before a final `..., X said.` and `..., according to X.`

use std::ops::Range;

use super::cues::*;
use super::phrase::{self, MentionKind};
use super::words::Words;

/// Who a frame says speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// The phrase at these tokens.
    Phrase(Range<usize>),
    /// The subject of the sentence of token `at` (a participle: `, saying ...`).
    Subject { at: usize },
    /// No one the text names (`"...," said in a statement`).
    Nobody,
}

/// An attribution: its verb (or source phrase, or headline colon), who speaks, and the tokens of
/// the frame itself, which remain the author's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub verb: usize,
    pub who: Who,
    pub tokens: Range<usize>,
}

/// Reported speech: a frame and the words it attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    pub frame: Frame,
    pub span: Range<usize>,
}

/// Grammar words and verbs, none of which is a participle in a subject.
const BREAKS_ANY: Cue = phrase::BREAKS | DETERMINER | JOINER;

/// Reported speech runs at most this many words.
const MAX_REPORTED: usize = 60;

/// How far from a quotation its frame may be, in tokens.
const FRAME_REACH: usize = 12;

/// What stands right before a reporting verb.
enum Subject {
    Phrase(Range<usize>),
    /// A comma, quotation mark or colon: the speaker follows the verb.
    Inverted,
    /// `was told`: no speaker.
    Passive,
    /// After `and` or `but`: the subject of the sentence.
    Shared,
    Missing,
}

fn subject_before(w: &Words, verb: usize, floor: usize) -> Subject {
    let mut k = verb;
    while k > floor && w.has(k - 1, AUXILIARY) && !w.has(k - 1, super::words::NOMINAL) {
        k -= 1;
    }
    if k > floor && w.has(k - 1, PASSIVE) {
        return Subject::Passive;
    }
    // `The WHO chief on Wednesday said`, `Tedros Wednesday said`.
    let mut timed = false;
    while k > floor && w.has(k - 1, TIME) {
        k -= 1;
        timed = true;
    }
    if timed && k > floor && w.has(k - 1, PREPOSITION) {
        k -= 1;
    }
    if k == floor {
        return Subject::Missing;
    }
    let j = k - 1;
    // `He praised the response, but warned that`: the subject of the sentence.
    if w.has(j, COORDINATOR) {
        return Subject::Shared;
    }
    // `the World Food Programme, which said`: the relative pronoun's antecedent.
    if w.has(j, RELATIVE) {
        let end = if j > floor && w.is_punct(j - 1, ",") {
            j - 1
        } else {
            j
        };
        return match phrase::before(w, end, floor) {
            Some(np) => Subject::Phrase(np),
            None => Subject::Missing,
        };
    }
    if w.is_punct(j, ",") {
        return after_comma(w, verb, j, floor);
    }
    // `four candidates—including Kamala Harris—have told`: the phrase before the first dash.
    if w.is_punct(j, "\u{2014}") || w.is_punct(j, "\u{2013}") {
        let earlier = (floor..j).rev().take(12).find(|&d| w.is_punct(d, w.raw(j)));
        return match earlier.and_then(|d| phrase::before(w, d, floor)) {
            Some(np) => Subject::Phrase(np),
            None => Subject::Missing,
        };
    }
    if w.is_mark(j) || w.is_punct(j, ":") {
        return Subject::Inverted;
    }
    let np = if w.has(verb, SPEECH) {
        phrase::before_loosely(w, k, floor)
    } else {
        phrase::before(w, k, floor)
    };
    match np {
        Some(np) => Subject::Phrase(past_prepositions(w, np, floor)),
        None => Subject::Missing,
    }
}

/// The subject of a verb whose nearest phrase is the object of a preposition (`leaders in
/// Europe said`, `An article by Aaron Hall in AdAge asked`): the phrase before the prepositions.
fn past_prepositions(w: &Words, np: Range<usize>, floor: usize) -> Range<usize> {
    let mut best = np;
    for _ in 0..3 {
        let p = best.start;
        if p <= floor + 1 || !w.has(p - 1, PREPOSITION) || w.has(p - 1, JOINER) {
            break;
        }
        // `A lawyer hired by Minnesota Democrats says`: past a participle too.
        let outer = phrase::before(w, p - 1, floor).or_else(|| {
            let participle = p - 2;
            (participle > floor
                && w.is_word(participle)
                && !w.is_cap(participle)
                && !w.has(participle, BREAKS_ANY))
            .then(|| phrase::before(w, participle, floor))
            .flatten()
        });
        match outer {
            Some(outer) => best = outer,
            None => break,
        }
    }
    best
}

/// A comma right before the verb (at `comma`): an appositive or relative clause between the
/// speaker and the verb (`Dr Hadid, a researcher, said`, `A senior official, who spoke on
/// condition of anonymity, said`, `A commander, reached by telephone, said`), or an inverted
/// speaker at the end of the clause (`..., said a spokesman.`).
fn after_comma(w: &Words, verb: usize, comma: usize, floor: usize) -> Subject {
    let earlier = (floor..comma).rev().take(16).find(|&c| w.is_punct(c, ","));
    let appositive = earlier.and_then(|c| {
        let np = phrase::before(w, c, floor)?;
        let starts_clause =
            np.start == floor || !w.is_word(np.start - 1) || w.has(np.start - 1, CLAUSE);
        // A relative clause or an appositive may hold a verb of its own (`who asked not to be
        // named`); anything else between commas with a reporting verb is a clause of its own.
        let described = w.has(c + 1, CLAUSE | DETERMINER | RELATIVE);
        let reports = (c + 1..comma).any(|t| w.is_verb(t, VERB));
        (starts_clause && (described || !reports)).then_some((c, np))
    });
    if let Some((c, np)) = &appositive {
        if w.has(c + 1, CLAUSE | DETERMINER | RELATIVE) {
            return Subject::Phrase(np.clone());
        }
        // `Assange's lawyer, Carlos Poveda, said`: the name between the commas.
        if let Some(name) = phrase::before(w, comma, c + 1) {
            if name.start == c + 1 && phrase::describe(w, name.clone()).kind == MentionKind::Named {
                return Subject::Phrase(name);
            }
        }
    }
    let ceil = w.sentence_range(verb).end;
    let inverted =
        phrase::after(w, verb + 1, ceil).is_some_and(|np| np.end >= ceil || w.is_any_punct(np.end));
    match appositive {
        _ if inverted => Subject::Inverted,
        Some((_, np)) => Subject::Phrase(np),
        None => Subject::Missing,
    }
}

/// Where a coordination of speakers ending at `start` begins (`residents and a UN official`):
/// the frame covers both, the last one speaks.
fn coordinated(w: &Words, start: usize, floor: usize) -> usize {
    if start > floor + 1 && w.norm(start - 1) == "and" {
        if let Some(first) = phrase::before(w, start - 1, floor) {
            return first.start;
        }
    }
    start
}

/// The end of the sentence of token `i`, before any quotation that opens after `i`.
fn clause_end(w: &Words, from: usize) -> usize {
    let end = w.sentence_range(from.min(w.len() - 1)).end;
    (from..end)
        .find(|&k| w.bounds_clause(k) || ends_clause(w, k))
        .map_or(end, |k| {
            if ends_clause(w, k) && !w.is_punct(k, ";") {
                k + 1
            } else {
                k
            }
        })
}

/// A semicolon, or a full stop, question or exclamation mark that the sentence splitter did not
/// take as a sentence end (`Why did police say he checked in? pic.twitter.com/...`).
fn ends_clause(w: &Words, k: usize) -> bool {
    w.is_punct(k, ";")
        || w.is_punct(k, "?")
        || w.is_punct(k, "!")
        || (w.is_punct(k, ".") && !w.is_abbreviation_dot(k))
}

/// The start of the clause that ends before token `i`: the sentence start, or past the last
/// quotation or semicolon before `i` in the sentence.
fn clause_start(w: &Words, i: usize) -> usize {
    let start = dateline_end(w, w.sentence_start(i.min(w.len() - 1))).min(i);
    (start..i)
        .rev()
        .find(|&k| w.bounds_clause(k) || w.is_punct(k, ";"))
        .map_or(start, |k| k + 1)
}

/// Past a wire story's dateline (`VALDORA, March 4 (Global Wire) - `) at the sentence start
/// `start`; else `start`.
fn dateline_end(w: &Words, start: usize) -> usize {
    let raw = if w.is_word(start) { w.raw(start) } else { "" };
    let capitals = raw.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && raw.chars().all(|c| !c.is_lowercase());
    if !capitals || !(w.is_punct(start + 1, ",") || w.is_punct(start + 1, "(")) {
        return start;
    }
    let end = w.sentence_range(start).end.min(start + 16);
    (start + 1..end)
        .find(|&k| w.is_punct(k, "-") || w.is_punct(k, "\u{2014}") || w.is_punct(k, "\u{2013}"))
        .map_or(start, |k| k + 1)
}

/// The frame of reporting verb `verb`, with its subject or inverted speaker.
fn frame_of_verb(w: &Words, verb: usize, floor: usize) -> Option<Frame> {
    // `cited two sources as saying`: the phrase before `as` speaks.
    if w.has(verb, PARTICIPLE) && verb > floor + 1 && w.norm(verb - 1) == "as" {
        if let Some(np) = phrase::before(w, verb - 1, floor) {
            return Some(Frame {
                verb,
                tokens: np.start..verb + 1,
                who: Who::Phrase(np),
            });
        }
    }
    if w.has(verb, PARTICIPLE) {
        return Some(Frame {
            verb,
            who: Who::Subject { at: verb },
            tokens: verb..verb + 1,
        });
    }
    match subject_before(w, verb, floor) {
        Subject::Phrase(np) => {
            if w.has(np.start, FIRST_PERSON) {
                return None;
            }
            Some(Frame {
                verb,
                tokens: coordinated(w, np.start, floor)..verb + 1,
                who: Who::Phrase(np),
            })
        }
        Subject::Inverted => {
            let ceil = w.sentence_range(verb).end;
            let np = phrase::after(w, verb + 1, ceil)?;
            Some(Frame {
                verb,
                tokens: verb..np.end,
                who: Who::Phrase(np),
            })
        }
        // Only with a complement that says something (`but warned that ...`).
        Subject::Shared if w.has(verb + 1, THAT) || w.has(verb, SPEECH) => Some(Frame {
            verb,
            who: Who::Subject { at: verb },
            tokens: verb..verb + 1,
        }),
        Subject::Shared | Subject::Passive | Subject::Missing => None,
    }
}

/// A source phrase (`according to X`) at `at`, `len` words long.
fn source_frame(w: &Words, at: usize, len: usize) -> Option<Frame> {
    let ceil = w.sentence_range(at).end;
    let np = phrase::after(w, at + len, ceil)?;
    let end = np.end;
    let np = phrase::source_of_document(w, np, ceil);
    Some(Frame {
        verb: at,
        tokens: at..end.max(np.end),
        who: Who::Phrase(np),
    })
}

/// The frame after a quotation whose closing mark is `close`, up to `next_open` (the next
/// quotation's opening mark).
pub fn after_quote(w: &Words, close: usize, next_open: usize) -> Option<Frame> {
    let mut k = close + 1;
    let mut limit = w.sentence_range(close).end;
    // `"We will win." Markovic said.`: a short next sentence can be the frame.
    if k == limit && k < w.len() && !w.starts_line(k) {
        let next = w.sentence_range(k);
        if next.len() <= 8 {
            limit = next.end;
        }
    }
    let limit = limit.min(next_open).min(k + FRAME_REACH);
    // Speech closes with punctuation inside the marks or right after them (`"...," she said`,
    // `'...', he said`); a quoted phrase inside a sentence does not (`a "former official" told`).
    let dash = |t: usize| w.is_punct(t, "\u{2014}") || w.is_punct(t, "\u{2013}");
    let spoken = [",", ".", "?", "!", "\u{2026}"]
        .iter()
        .any(|p| w.is_punct(close - 1, p) || w.is_punct(k, p))
        || dash(close - 1)
        || dash(k);
    while k < limit && (w.is_punct(k, ",") || dash(k)) {
        k += 1;
    }
    if k >= limit {
        return None;
    }
    if !spoken {
        return headline(w, k, limit);
    }
    // `"...," said the minister`
    if w.is_verb(k, SPEECH | REPORTING) {
        return Some(match phrase::after(w, k + 1, limit) {
            Some(np) => Frame {
                verb: k,
                tokens: k..np.end,
                who: Who::Phrase(np),
            },
            None => Frame {
                verb: k,
                tokens: k..k + 1,
                who: Who::Nobody,
            },
        });
    }
    if let Some((PhraseKind::Source, len)) = w.phrase_at(k) {
        return source_frame(w, k, len);
    }
    // `"...," the minister said`, `"...," she added`, `"...," Dr Hadid, a researcher, said`
    if let Some(np) = phrase::after_loosely(w, k, limit) {
        let mut j = np.end;
        // `"...," Kristine Phillips and Deanna Paul wrote`: the first of them speaks.
        if w.norm(j) == "and" {
            if let Some(second) = phrase::after(w, j + 1, limit) {
                j = second.end;
            }
        }
        if w.is_punct(j, ",") {
            // `Alfredo Sirkis, executive director of the centre, a think tank, said`: past the
            // appositives to the verb after a comma.
            let reach = (np.end + 2 * FRAME_REACH)
                .min(w.sentence_range(np.end).end)
                .min(next_open);
            let verb = (j + 1..reach).find(|&v| {
                let mut b = v;
                while b > j && w.has(b - 1, AUXILIARY) {
                    b -= 1;
                }
                w.is_verb(v, SPEECH | REPORTING) && w.is_punct(b - 1, ",")
            });
            if let Some(v) = verb {
                return Some(Frame {
                    verb: v,
                    tokens: np.start..v + 1,
                    who: Who::Phrase(np),
                });
            }
        }
        while j < limit && w.has(j, AUXILIARY) {
            j += 1;
        }
        if j < limit && w.is_verb(j, SPEECH | REPORTING) && !w.has(np.start, FIRST_PERSON) {
            return Some(Frame {
                verb: j,
                tokens: np.start..j + 1,
                who: Who::Phrase(np),
            });
        }
    }
    headline(w, k, limit)
}

/// A headline's source after a colon: `'Stronger': WHO`.
fn headline(w: &Words, k: usize, limit: usize) -> Option<Frame> {
    if w.is_punct(k, ":") {
        if let Some(np) = phrase::after(w, k + 1, limit) {
            let line_ends = np.end >= limit || w.starts_line(np.end);
            if line_ends && !w.has(np.start, PRONOUN) {
                return Some(Frame {
                    verb: k,
                    tokens: k..np.end,
                    who: Who::Phrase(np),
                });
            }
        }
    }
    None
}

/// The frame before a quotation whose opening mark is `open`, not reaching before `floor` (the
/// sentence start, or the end of the quotation before it in the sentence).
pub fn before_quote(w: &Words, open: usize, floor: usize) -> Option<Frame> {
    let lo = floor.max(open.saturating_sub(FRAME_REACH));
    for v in (lo..open).rev() {
        if w.is_punct(v, ";") || w.in_quote(v) {
            break;
        }
        if w.is_verb(v, VERB) {
            if let Some(frame) = frame_of_verb(w, v, floor) {
                if leads_to(w, &frame, open) {
                    return Some(frame);
                }
            }
        }
        if let Some((PhraseKind::Source, len)) = w.phrase_at(v) {
            return source_frame(w, v, len).filter(|f| only_punctuation(w, f.tokens.end..open));
        }
    }
    // An interview's `Markovic: "We are here."`.
    if open > floor + 1 && w.is_punct(open - 1, ":") {
        let np = phrase::before(w, open - 1, floor)?;
        if np.start == floor && !w.has(np.start, PRONOUN) {
            return Some(Frame {
                verb: open - 1,
                tokens: np.clone(),
                who: Who::Phrase(np),
            });
        }
    }
    None
}

/// Does the frame introduce the quotation that opens at `open`: is what stands between them
/// only what a frame has there (punctuation, an addressee, a time or place, `that`, a few words
/// before `that` as in `voiced alarm that`, or a naming verb's object)?
fn leads_to(w: &Words, frame: &Frame, open: usize) -> bool {
    let from = frame.tokens.end.max(frame.verb + 1);
    if from > open || only_punctuation(w, from..open) {
        return from <= open;
    }
    let verb = frame.verb;
    if w.has(verb, NAMING) && !w.has(verb, SPEECH | REPORTING) {
        return open - from <= 6 && (0..open - from).all(|k| !w.is_punct(from + k, "."));
    }
    match complement(w, verb, from, open) {
        Ok(Some(k)) if k == open => return true,
        Ok(None) => {
            let stop = (from..open).find(|&k| w.is_any_punct(k)).unwrap_or(open);
            if only_punctuation(w, stop..open) {
                return true;
            }
        }
        _ => {}
    }
    // `voiced alarm that "..."`, `expressed hope that "..."`.
    open >= 2
        && (w.has(open - 1, THAT) || w.is_punct(open - 1, ":"))
        && open - 1 - from <= 3
        && (from..open - 1).all(|k| w.is_word(k) && !w.has(k, VERB))
}

/// Are tokens `range` all punctuation (commas, colons, dashes)?
fn only_punctuation(w: &Words, range: Range<usize>) -> bool {
    range.into_iter().all(|k| {
        w.is_punct(k, ",")
            || w.is_punct(k, ":")
            || w.is_punct(k, "\u{2014}")
            || w.is_punct(k, "\u{2013}")
    })
}

/// Where what a verb says starts, after the verb (and its addressee, and the time or place
/// phrases after it): `Some(k)` for a complement at `k`; `None` when the clause ends there (a
/// final `..., she said.`); `Err` when what follows is no reported speech.
fn complement(w: &Words, verb: usize, from: usize, end: usize) -> Result<Option<usize>, ()> {
    let mut k = from;
    if w.has(verb, ADDRESSEE) && !w.has(k, THAT) {
        k = past_object(w, k, end);
        // `told the jury, according to the Chronicle, that ...`
        if w.is_punct(k, ",") {
            if let Some(that) = (k + 1..(k + 12).min(end)).find(|&t| w.has(t, THAT)) {
                return Ok(Some(that + 1));
            }
        }
    }
    // `said on Tuesday`, `said Wednesday`, `said in a statement`, `told reporters in Geneva`.
    for _ in 0..3 {
        while w.has(k, TIME) && !w.has(k, THAT) {
            k += 1;
        }
        if !w.has(k, PREPOSITION) || w.has(k, THAT) {
            break;
        }
        k += 1;
        if w.is_determiner(k) {
            k += 1;
        }
        let mut taken = 0;
        while k < end
            && taken < 4
            && (w.is_word(k) || w.is_number(k) || w.is_abbreviation_dot(k))
            && !w.has(k, THAT | DETERMINER | CLAUSE | PREPOSITION)
        {
            k += 1;
            taken += 1;
        }
    }
    let speech = w.has(verb, SPEECH);
    let spaced = |k: usize| k + 1 < w.len() && w.tokens[k + 1].start > w.tokens[k].end;
    if w.has(k, THAT) || (w.is_punct(k, ":") && spaced(k)) {
        return Ok(Some(k + 1));
    }
    // A colon glued to the next word joins two texts run together (`said:Biden addressed`).
    if w.is_punct(k, ":") {
        return Err(());
    }
    let closing = [",", ".", "?", "!", ";", ")"];
    if k >= end || closing.iter().any(|p| w.is_punct(k, p)) {
        return Ok(None);
    }
    // `claimed his government would act`: a clause without `that`, known by an auxiliary soon
    // after its subject.
    let clause = (k..(k + 5).min(end))
        .take_while(|&t| {
            (w.is_word(t) || w.is_number(t)) && !w.has(t, PREPOSITION | JOINER | THAT | VERB)
        })
        .any(|t| t > k && w.has(t, FINITE | PASSIVE));
    if speech || (clause && !w.has(verb, NAMING)) {
        Ok(Some(k))
    } else {
        Err(())
    }
}

/// Past the object of a verb such as `told` (`reporters`, `the jury`, `him`, `Reuters`), from
/// `k`.
fn past_object(w: &Words, k: usize, end: usize) -> usize {
    if w.has(k, PRONOUN | FIRST_PERSON) {
        return k + 1;
    }
    if let Some(object) = phrase::after(w, k, end) {
        if object.len() <= 4 {
            return object.end;
        }
    }
    let mut t = k;
    if w.is_determiner(t) {
        t += 1;
    }
    let start = t;
    while t < end
        && t - start < 3
        && w.is_word(t)
        && !w.has(
            t,
            THAT | PREPOSITION | CLAUSE | FINITE | PASSIVE | DETERMINER,
        )
    {
        t += 1;
    }
    if t > start {
        t
    } else {
        k
    }
}

/// Reported speech outside quotation marks, in text order.
pub fn reported(w: &Words) -> Vec<Reported> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        if w.in_quote(i) {
            i += 1;
            continue;
        }
        let found = if let Some((PhraseKind::Source, len)) = w.phrase_at(i) {
            reported_by_source(w, i, len)
        } else if w.is_verb(i, SPEECH | REPORTING | PARTICIPLE) && !w.frames_quote_before(i) {
            reported_by_verb(w, i)
        } else {
            None
        };
        if let Some(mut r) = found {
            // A clause of reported speech longer than this is text run together, not speech.
            let countable = |t: &usize| w.tokens[*t].is_countable();
            if let Some(cut) = r.span.clone().filter(countable).nth(MAX_REPORTED) {
                r.span.end = cut;
            }
            if !r.span.is_empty() {
                out.push(r);
            }
        }
        i += 1;
    }
    out
}

fn reported_by_source(w: &Words, at: usize, len: usize) -> Option<Reported> {
    let frame = source_frame(w, at, len)?;
    let floor = clause_start(w, at);
    // `"...," according to X`: the source of the quotation, which says nothing more.
    let mut before = at;
    while before > 0 && w.is_punct(before - 1, ",") {
        before -= 1;
    }
    if before > 0 && w.in_quote(before - 1) {
        return None;
    }
    // `According to X, ...`, also after a word or two (`Well, according to X, ...`).
    let fronted =
        (floor..at).filter(|&t| w.is_word(t)).count() <= 2 && w.is_punct(frame.tokens.end, ",");
    let span = if at == floor || w.has(at.saturating_sub(1), THAT) || fronted {
        // `According to X, the talks failed.`
        let mut from = frame.tokens.end;
        if w.is_punct(from, ",") {
            from += 1;
        }
        from..clause_end(w, from)
    } else {
        // `The talks failed, according to X.`
        let to = if w.is_punct(at - 1, ",") { at - 1 } else { at };
        floor..to
    };
    Some(Reported { frame, span })
}

fn reported_by_verb(w: &Words, verb: usize) -> Option<Reported> {
    let floor = clause_start(w, verb);
    let frame = frame_of_verb(w, verb, floor)?;
    let end = clause_end(w, verb);
    let after = frame.tokens.end.max(verb + 1);
    match complement(w, verb, after, end) {
        Ok(Some(from)) => Some(Reported {
            span: from.min(end)..end,
            frame,
        }),
        // `The talks will resume, she said.`: the clause before, after its comma.
        Ok(None) => {
            let start = frame.tokens.start;
            if start > floor + 1 && w.is_punct(start - 1, ",") && !w.has(verb, PARTICIPLE) {
                Some(Reported {
                    span: floor..start - 1,
                    frame,
                })
            } else {
                None
            }
        }
        Err(()) => None,
    }
}

/// Phrases that name someone as the subject of a reporting or naming verb, outside quotation
/// marks, whether or not the verb attributes any words (`Hall wondered about`): the speakers a
/// later pronoun may refer to.
pub fn subjects(w: &Words) -> Vec<Range<usize>> {
    (0..w.len())
        .filter(|&v| !w.in_quote(v) && w.is_verb(v, SPEECH | REPORTING | NAMING))
        .filter_map(|v| match subject_before(w, v, clause_start(w, v)) {
            Subject::Phrase(np) if !w.has(np.start, FIRST_PERSON | PRONOUN) => Some(np),
            _ => None,
        })
        .collect()
}
