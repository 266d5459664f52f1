//! Whose words: the voice of every token (the author's, quoted, attributed or unknown) and who
//! speaks. Stages, each over tokens and their cues: [`marks`] reads quotation marks, [`quotes`]
//! pairs them into quotations, [`frames`] finds the attributions around quotations and the
//! reported speech outside them (reading speaker phrases with [`phrase`]), [`speakers`] resolves
//! who is who, and [`analyse`] puts them together.

mod cues;
mod frames;
mod marks;
mod phrase;
mod quotes;
mod speakers;
mod words;

#[cfg(test)]
mod tests;

use std::ops::Range;

pub use cues::{Cue, PhraseKind, VoiceCues, LISTS, PHRASE_LISTS};
pub use speakers::{Speaker, SpeakerKind};

use frames::{Frame, Who};
use quotes::Quote;
use speakers::Registry;
use words::{refill, Words, NONE};

use super::{Sentence, Token};

/// Whose words a token is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Voice {
    /// The author's own words.
    #[default]
    Author,
    /// Inside quotation marks, as someone's words.
    Quoted,
    /// Reported speech without quotation marks (`officials said that ...`).
    Attributed,
    /// The rules cannot tell: a short quotation with no one who says it (scare quotes, a title),
    /// or a quotation mark left open.
    Unknown,
}

impl Voice {
    pub const ALL: [Voice; 4] = [
        Voice::Author,
        Voice::Quoted,
        Voice::Attributed,
        Voice::Unknown,
    ];

    /// As the outputs write it.
    pub fn name(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::Quoted => "quoted",
            Voice::Attributed => "attributed",
            Voice::Unknown => "unknown",
        }
    }

    /// Its place in [`Voice::ALL`], for tallies by voice.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_name(name: &str) -> Option<Voice> {
        Voice::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// Why a stretch of text has its voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// A quotation.
    Quote,
    /// A short quotation with no speaker: scare quotes, a title, a term.
    Mention,
    /// After a quotation mark never closed in its paragraph.
    Unclosed,
    /// Reported speech.
    Reported,
}

/// A stretch of tokens with one voice (and one speaker) other than the author's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceSpan {
    /// Token indices.
    pub tokens: Range<u32>,
    /// Byte offsets of its first and last token.
    pub start: u32,
    pub end: u32,
    pub voice: Voice,
    pub kind: SpanKind,
    /// An index into [`Voices::speakers`].
    pub speaker: Option<u32>,
    /// The quotation it belongs to, numbered in text order from 0 (a quotation split by its
    /// frame, or continued over paragraphs, is one).
    pub quote: Option<u32>,
}

/// The voices of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voices {
    /// In text order, not overlapping; tokens outside every span are the author's.
    pub spans: Vec<VoiceSpan>,
    pub speakers: Vec<Speaker>,
    /// Quotations (with a speaker or without).
    pub quotes: u32,
    /// The quotations and statements whose speaker was not found.
    pub unidentified: Speaker,
}

impl Default for Voices {
    fn default() -> Self {
        Voices {
            spans: Vec::new(),
            speakers: Vec::new(),
            quotes: 0,
            unidentified: Speaker::unidentified(),
        }
    }
}

impl Voices {
    /// The span that holds token `t`.
    pub fn span_of(&self, t: u32) -> Option<&VoiceSpan> {
        let i = self.spans.partition_point(|s| s.tokens.end <= t);
        self.spans.get(i).filter(|s| s.tokens.start <= t)
    }

    /// The voice of token `t`.
    pub fn voice_of(&self, t: u32) -> Voice {
        self.span_of(t).map_or(Voice::Author, |s| s.voice)
    }
}

/// A quotation as one or more quotes (continued over paragraphs).
struct Chain {
    parts: Vec<usize>,
    frame: Option<Frame>,
    kind: SpanKind,
    /// The chain whose speaker this one inherits.
    inherits: Option<usize>,
    speaker: Option<u32>,
    /// The tokens it gives its voice to, per part.
    extents: Vec<Range<usize>>,
}

/// Words that make quoted text speech rather than a term: grammar words of clauses.
const CLAUSAL: Cue = cues::CLAUSE
    | cues::AUXILIARY
    | cues::PASSIVE
    | cues::PRONOUN
    | cues::FIRST_PERSON
    | cues::THAT
    | cues::RELATIVE;

/// An unclosed quotation with a frame is quoted up to its paragraph end if it is at most this
/// long; beyond that, only to the end of its sentence.
const MAX_UNCLOSED: usize = 80;

/// Everything the stages read.
pub struct Input<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    /// The cues of each token, as [`VoiceCues::of_token`] gives them.
    pub cues: &'a [Cue],
    /// The normalised form of each token.
    pub norm: &'a dyn Fn(usize) -> &'a str,
    pub rules: &'a VoiceCues,
}

/// The per-token lists of [`analyse`], kept between texts so that each text does not allocate
/// them again; after a call, `voices` holds the voice of each token of its text.
#[derive(Default)]
pub struct Buffers {
    pub voices: Vec<Voice>,
    words: words::Lists,
    speakers_of: Vec<u32>,
    quote_of: Vec<u32>,
    kinds: Vec<SpanKind>,
    in_frame: Vec<bool>,
    owner: Vec<u32>,
}

/// The voices of a text; `buffers.voices` receives the voice of each token.
pub fn analyse(input: &Input, buffers: &mut Buffers) -> Voices {
    let tokens = input.tokens;
    let Buffers {
        voices: voices_out,
        words: lists,
        speakers_of,
        quote_of,
        kinds,
        in_frame,
        owner,
    } = buffers;
    refill(voices_out, tokens.len(), Voice::Author);
    if tokens.is_empty() {
        return Voices::default();
    }
    let mut marks = Vec::new();
    marks::find_marks(input.text, tokens, &mut marks);
    let mut quotes = Vec::new();
    quotes::pair(tokens, &marks, &mut quotes);
    let mut w = Words::new(
        input.text,
        tokens,
        input.sentences,
        input.cues,
        input.norm,
        input.rules,
        std::mem::take(lists),
    );
    let mut chains = chains_of(&quotes);
    // Until a frame says otherwise, an unclosed quotation covers the rest of its sentence.
    for (c, chain) in chains.iter_mut().enumerate() {
        chain.extents = chain
            .parts
            .iter()
            .map(|&q| bounded(&w, &quotes[q], false))
            .collect();
        for e in &chain.extents {
            w.quoted[e.clone()].fill(c as u32);
        }
    }
    find_quote_frames(&w, &quotes, &mut chains);
    classify(&mut w, &quotes, &mut chains);
    w.after_frames = chains
        .iter()
        .filter(|c| c.kind == SpanKind::Quote)
        .filter_map(|c| c.frame.as_ref().map(|f| (f, c.extents[0].start)))
        .filter(|(f, open)| f.verb > *open)
        .map(|(f, _)| f.verb)
        .collect();
    w.bounding = chains
        .iter()
        .map(|c| c.frame.is_some() || c.kind != SpanKind::Quote)
        .collect();
    let reported = frames::reported(&w);
    let mut registry = Registry::default();
    let reported_speakers = resolve_speakers(&w, &mut chains, &reported, &mut registry);
    let mut speakers = registry.speakers;
    refill(speakers_of, tokens.len(), NONE);
    refill(quote_of, tokens.len(), NONE);
    refill(kinds, tokens.len(), SpanKind::Quote);
    refill(in_frame, tokens.len(), false);
    for r in &reported {
        in_frame[r.frame.tokens.clone()].fill(true);
    }
    // Which reported statement each token belongs to: a statement inside another (`the newspaper
    // added that ... and cited a source as saying X`) takes its own words.
    refill(owner, tokens.len(), NONE);
    for (i, (r, speaker)) in reported.iter().zip(&reported_speakers).enumerate() {
        for t in r.span.clone() {
            if w.in_quote(t) || in_frame[t] {
                continue;
            }
            let inner = voices_out[t] == Voice::Attributed
                && reported[owner[t] as usize].span.contains(&r.frame.verb);
            if voices_out[t] == Voice::Author || inner {
                voices_out[t] = Voice::Attributed;
                speakers_of[t] = speaker.unwrap_or(NONE);
                kinds[t] = SpanKind::Reported;
                owner[t] = i as u32;
            }
        }
    }
    let mut marked = vec![0u32; reported.len()];
    for (t, &o) in owner.iter().enumerate() {
        if o != NONE && tokens[t].is_countable() {
            marked[o as usize] += 1;
        }
    }
    let mut unidentified = Speaker::unidentified();
    for (speaker, marked) in reported_speakers.iter().zip(marked) {
        if marked == 0 {
            continue;
        }
        let s = match speaker {
            Some(s) => &mut speakers[*s as usize],
            None => &mut unidentified,
        };
        s.statements += 1;
        s.attributed_tokens += marked;
    }
    let mut quote_count = 0u32;
    // A quotation split by its frame (`"A," she said, "B."`) is one: by frame verb, its number.
    let mut numbered: Vec<(usize, u32)> = Vec::new();
    for chain in &chains {
        // Marks around no word (`""`, `","`) quote no one: no span, so no quotation either.
        let mut words = chain.extents.iter().flat_map(|e| e.clone());
        if !words.any(|t| tokens[t].is_countable()) {
            continue;
        }
        let (voice, number) = match chain.kind {
            SpanKind::Quote => {
                let verb = chain.frame.as_ref().map(|f| f.verb);
                let known = verb.and_then(|v| numbered.iter().find(|(f, _)| *f == v).map(|k| k.1));
                let number = known.unwrap_or_else(|| {
                    quote_count += 1;
                    if let Some(v) = verb {
                        numbered.push((v, quote_count - 1));
                    }
                    quote_count - 1
                });
                {
                    let speaker = match chain.speaker {
                        Some(s) => &mut speakers[s as usize],
                        None => &mut unidentified,
                    };
                    speaker.quotes += known.is_none() as u32;
                    speaker.quoted_tokens += chain
                        .extents
                        .iter()
                        .flat_map(|e| e.clone())
                        .filter(|&t| tokens[t].is_countable())
                        .count() as u32;
                }
                (Voice::Quoted, number)
            }
            _ => (Voice::Unknown, NONE),
        };
        for e in &chain.extents {
            for t in e.clone() {
                if voice == Voice::Unknown && voices_out[t] != Voice::Author {
                    continue;
                }
                voices_out[t] = voice;
                kinds[t] = chain.kind;
                speakers_of[t] = chain
                    .speaker
                    .filter(|_| voice == Voice::Quoted)
                    .unwrap_or(NONE);
                quote_of[t] = number;
            }
        }
    }
    // Speakers mentioned only for pronouns to find them, with no words of theirs, go.
    let mut renumbered = vec![NONE; speakers.len()];
    let mut kept = 0u32;
    for (old, s) in speakers.iter().enumerate() {
        if s.speaks() {
            renumbered[old] = kept;
            kept += 1;
        }
    }
    speakers.retain(Speaker::speaks);
    for s in speakers_of.iter_mut().filter(|s| **s != NONE) {
        *s = renumbered[*s as usize];
    }
    let spans = spans_of(&w, voices_out, speakers_of, quote_of, kinds);
    complete_names(&w, &mut speakers);
    *lists = w.into_lists();
    Voices {
        spans,
        speakers,
        quotes: quote_count,
        unidentified,
    }
}

/// Top-level quotations, joined where one continues another.
fn chains_of(quotes: &[Quote]) -> Vec<Chain> {
    let mut chains: Vec<Chain> = Vec::new();
    let mut chain_of = vec![usize::MAX; quotes.len()];
    for (q, quote) in quotes.iter().enumerate() {
        if quote.depth > 0 {
            continue;
        }
        let joined = quote
            .continues
            .map(|c| chain_of[c as usize])
            .filter(|&c| c != usize::MAX);
        let c = match joined {
            Some(c) => {
                chains[c].parts.push(q);
                c
            }
            None => {
                chains.push(Chain {
                    parts: vec![q],
                    frame: None,
                    kind: SpanKind::Quote,
                    inherits: None,
                    speaker: None,
                    extents: Vec::new(),
                });
                chains.len() - 1
            }
        };
        chain_of[q] = c;
    }
    chains
}

/// The tokens a quote covers, marks included: an unclosed one only to the end of the sentence of
/// its opening mark unless `full`.
fn bounded(w: &Words, quote: &Quote, full: bool) -> Range<usize> {
    let extent = quote.extent();
    if quote.unclosed() && !(full && extent.len() <= MAX_UNCLOSED) {
        let end = w.sentence_range(quote.open as usize).end;
        return extent.start..extent.end.min(end).max(extent.start + 1);
    }
    extent
}

fn find_quote_frames(w: &Words, quotes: &[Quote], chains: &mut [Chain]) {
    let opens: Vec<usize> = chains
        .iter()
        .map(|c| quotes[c.parts[0]].open as usize)
        .collect();
    for c in 0..chains.len() {
        let first = &quotes[chains[c].parts[0]];
        let last = &quotes[*chains[c].parts.last().expect("a chain has a part")];
        let next_open = opens.get(c + 1).copied().unwrap_or(w.len());
        let after = last
            .close
            .and_then(|close| frames::after_quote(w, close as usize, next_open));
        let before = || {
            let open = first.open as usize;
            let mut floor = w.sentence_start(open);
            // Not before the previous quotation's closing mark, which an inverted frame
            // follows (`"A," said X, "B."`).
            if c > 0 {
                if let Some(previous) = chains[c - 1].extents.last() {
                    floor = floor.max((previous.end.max(1) - 1).min(open));
                }
            }
            frames::before_quote(w, open, floor)
        };
        // `She told a town hall that "...," according to WFAA`: she speaks, WFAA reports it.
        let sourced = after
            .as_ref()
            .is_some_and(|f| matches!(w.phrase_at(f.verb), Some((PhraseKind::Source, _))));
        chains[c].frame = match after {
            Some(a) if sourced => before().or(Some(a)),
            Some(a) => Some(a),
            None => before(),
        };
    }
}

/// Decides which chains are quotations and which mentions (scare quotes, titles), sets their
/// extents, and which speaker an unattributed quotation inherits.
fn classify(w: &mut Words, quotes: &[Quote], chains: &mut [Chain]) {
    for (c, chain) in chains.iter_mut().enumerate() {
        let content: Vec<usize> = chain
            .parts
            .iter()
            .flat_map(|&q| quotes[q].content())
            .collect();
        let words = content
            .iter()
            .filter(|&&t| w.tokens[t].is_countable())
            .count();
        let title = is_title(w, &content);
        let unclosed = chain.parts.iter().any(|&q| quotes[q].unclosed());
        // A whole sentence in quotation marks is speech (`"The talks went well."`).
        let first_word = content.iter().find(|&&t| w.is_word(t));
        let sentence = first_word.is_some_and(|&t| w.is_cap(t))
            && content
                .last()
                .is_some_and(|&t| [".", "!", "?", "\u{2026}"].iter().any(|p| w.is_punct(t, p)));
        // Speech has grammar words; a term or a name in quotation marks seldom does.
        let clausal = content
            .iter()
            .any(|&t| w.has(t, CLAUSAL) || (w.is_word(t) && w.norm(t).ends_with("n't")));
        let naming = chain
            .frame
            .as_ref()
            .is_some_and(|f| w.has(f.verb, cues::NAMING) && !w.has(f.verb, cues::SPEECH));
        let kind = if chain.frame.is_some() && !(naming && title) {
            SpanKind::Quote
        } else if unclosed {
            SpanKind::Unclosed
        } else if title {
            SpanKind::Mention
        } else if (words >= 4 && clausal) || (words >= 3 && sentence) {
            SpanKind::Quote
        } else {
            SpanKind::Mention
        };
        let extents: Vec<Range<usize>> = chain
            .parts
            .iter()
            .map(|&q| bounded(w, &quotes[q], kind == SpanKind::Quote))
            .collect();
        chain.kind = kind;
        chain.extents = extents;
        // A mention lets reported speech run through it; a quotation's tokens are its own.
        for e in &chain.extents {
            let mark = if kind == SpanKind::Mention {
                NONE
            } else {
                c as u32
            };
            w.quoted[e.clone()].fill(mark);
        }
    }
    // A quotation with no frame of its own, right after a quotation with a speaker (in its
    // paragraph, or opening the next one), is the same speaker's: `"A," she said. "B."`
    let mut last_quote: Option<usize> = None;
    for c in 0..chains.len() {
        if chains[c].kind != SpanKind::Quote {
            continue;
        }
        if chains[c].frame.is_none() {
            if let Some(p) = last_quote {
                let previous_end = chains[p].extents.last().map_or(0, |e| e.end.max(1) - 1);
                let frame_end = chains[p]
                    .frame
                    .as_ref()
                    .map_or(previous_end, |f| f.tokens.end.max(previous_end + 1) - 1);
                let open = chains[c].extents[0].start;
                let close_by = w.sentence_of(open) <= w.sentence_of(frame_end) + 1;
                let has_speaker = chains[p].frame.is_some() || chains[p].inherits.is_some();
                if close_by && has_speaker {
                    chains[c].inherits = Some(p);
                }
            }
        }
        last_quote = Some(c);
    }
}

/// Is the quoted text a title or a name (`"Hope and Glory"`): every word capitalised but the
/// small grammar words?
fn is_title(w: &Words, content: &[usize]) -> bool {
    let words: Vec<usize> = content.iter().copied().filter(|&t| w.is_word(t)).collect();
    let small = cues::DETERMINER | cues::JOINER | cues::PREPOSITION | cues::CLAUSE;
    !words.is_empty()
        && w.is_cap(words[0])
        && words.iter().all(|&t| w.is_cap(t) || w.has(t, small))
        && words.len() >= 2
}

/// Resolves the speakers of the quotations' frames and of reported speech, together and in
/// text order so that a pronoun finds the speaker mentioned last; then the speakers quotations
/// inherit. Returns the speaker of each reported statement.
fn resolve_speakers(
    w: &Words,
    chains: &mut [Chain],
    reported: &[frames::Reported],
    registry: &mut Registry,
) -> Vec<Option<u32>> {
    /// A frame to resolve: a quotation's (chain index) or reported speech's (index); or a
    /// mention of someone that a later pronoun may refer to.
    #[derive(Clone)]
    enum Of {
        Chain(usize),
        Reported(usize),
        Mention(Range<usize>),
    }
    let mut order: Vec<(usize, Of)> = chains
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == SpanKind::Quote)
        .filter_map(|(i, c)| c.frame.as_ref().map(|f| (f.tokens.start, Of::Chain(i))))
        .collect();
    order.extend(
        reported
            .iter()
            .enumerate()
            .map(|(i, r)| (r.frame.tokens.start, Of::Reported(i))),
    );
    // Other mentions of people matter only to pronouns: looked for when a frame has one.
    let framed: Vec<usize> = order.iter().map(|(at, _)| *at).collect();
    let pronoun = |at: &usize| w.has(*at, cues::PRONOUN) || w.has(*at, cues::PARTICIPLE);
    if framed.iter().any(pronoun) {
        let mentions = frames::subjects(w)
            .into_iter()
            .chain(phrase::subject_names(w));
        order.extend(
            mentions
                .filter(|np| !framed.contains(&np.start))
                .map(|np| (np.start, Of::Mention(np))),
        );
    }
    order.sort_by_key(|(at, of)| (*at, !matches!(of, Of::Chain(_))));
    let mut recent: Option<(usize, u32)> = None;
    let mut out = vec![None; reported.len()];
    for (_, of) in order {
        let frame = match &of {
            Of::Chain(c) => chains[*c].frame.as_ref(),
            Of::Reported(r) => Some(&reported[*r].frame),
            Of::Mention(np) => {
                let mention = phrase::describe(w, np.clone());
                if !matches!(mention.kind, phrase::MentionKind::Pronoun(_)) {
                    registry.resolve(&mention, np.start, w.sentence_of(np.start));
                }
                continue;
            }
        };
        let Some(frame) = frame else { continue };
        // A quotation and reported speech can share a frame (`X said that "..."`).
        let speaker = speaker_of_frame(w, frame, recent, registry);
        if let Some(s) = speaker {
            recent = Some((w.sentence_of(frame.verb), s));
        }
        match of {
            Of::Chain(c) => chains[c].speaker = speaker,
            Of::Reported(r) => out[r] = speaker,
            Of::Mention(_) => {}
        }
    }
    for c in 0..chains.len() {
        if chains[c].speaker.is_some() || chains[c].frame.is_some() {
            continue;
        }
        // A quotation inside reported speech is the reporter's source's: `He said that the name
        // must "inspire them"`.
        let open = chains[c].extents[0].start;
        let within = reported
            .iter()
            .zip(&out)
            .find(|(r, _)| r.span.start <= open && open < r.span.end);
        chains[c].speaker = match within {
            Some((_, speaker)) => *speaker,
            None => chains[c].inherits.and_then(|p| chains[p].speaker),
        };
    }
    out
}

/// The speaker a frame names; `recent` is the latest speaker resolved, with its sentence.
fn speaker_of_frame(
    w: &Words,
    frame: &Frame,
    recent: Option<(usize, u32)>,
    registry: &mut Registry,
) -> Option<u32> {
    let np = match &frame.who {
        Who::Phrase(np) => np.clone(),
        Who::Nobody => return None,
        Who::Subject { at } => {
            let sentence = w.sentence_of(*at);
            if let Some((s, id)) = recent {
                if s == sentence {
                    return Some(id);
                }
            }
            let start = w.sentence_start(*at);
            phrase::after(w, start, *at)?
        }
    };
    let mention = phrase::describe(w, np.clone());
    Some(registry.resolve(&mention, np.start, w.sentence_of(np.start)))
}

/// Runs of tokens with one voice, speaker, kind and quotation.
fn spans_of(
    w: &Words,
    voices: &[Voice],
    speakers: &[u32],
    quotes: &[u32],
    kinds: &[SpanKind],
) -> Vec<VoiceSpan> {
    let mut spans: Vec<VoiceSpan> = Vec::new();
    for t in 0..voices.len() {
        if voices[t] == Voice::Author {
            continue;
        }
        let speaker = (speakers[t] != NONE).then_some(speakers[t]);
        let quote = (quotes[t] != NONE).then_some(quotes[t]);
        if let Some(last) = spans.last_mut() {
            // A span ends with its paragraph.
            if last.tokens.end == t as u32
                && w.tokens[t].newlines_before < 2
                && last.voice == voices[t]
                && last.speaker == speaker
                && last.quote == quote
                && last.kind == kinds[t]
            {
                last.tokens.end += 1;
                last.end = w.tokens[t].end;
                continue;
            }
        }
        spans.push(VoiceSpan {
            tokens: t as u32..t as u32 + 1,
            start: w.tokens[t].start,
            end: w.tokens[t].end,
            voice: voices[t],
            kind: kinds[t],
            speaker,
            quote,
        });
    }
    // Punctuation alone says nothing.
    spans.retain(|s| {
        s.tokens
            .clone()
            .any(|t| w.tokens[t as usize].is_countable())
    });
    spans
}

/// A named speaker found by part of a name (`Markovic`) gets the fullest form of it the text
/// gives (`Elena Markovic` of `Foreign Minister Elena Markovic`), and the title written with it.
fn complete_names(w: &Words, speakers: &mut [Speaker]) {
    if !speakers.iter().any(|s| s.kind == SpeakerKind::Named) {
        return;
    }
    let title_or_grammar = cues::NOMINAL_OR_TITLE | phrase::BREAKS | cues::DETERMINER;
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < w.len() {
        if !w.is_cap(i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if w.is_cap(end)
                && (w.tokens[end - 1].hyphen_after || w.tokens[end].start > w.tokens[end - 1].end)
            {
                end += 1;
            } else if w.is_abbreviation_dot(end) && w.is_cap(end + 1) {
                end += 2;
            } else {
                break;
            }
        }
        runs.push(start..end);
        i = end;
    }
    let mut words: Vec<usize> = Vec::new();
    let mut norms: Vec<&str> = Vec::new();
    for speaker in speakers.iter_mut().filter(|s| s.kind == SpeakerKind::Named) {
        let known: Vec<String> = speaker
            .name
            .split_whitespace()
            .map(|x| x.to_lowercase())
            .collect();
        let mut best: Option<(Range<usize>, Range<usize>)> = None;
        for run in &runs {
            // Buffers kept from run to run: this loop runs for every named speaker and every
            // run of capitals, hundreds of times an article.
            words.clear();
            words.extend(run.clone().filter(|&t| w.is_word(t)));
            // The name is the last stretch of words that are no title or grammar word.
            let name_from = words
                .iter()
                .rposition(|&t| w.has(t, title_or_grammar))
                .map_or(0, |p| p + 1);
            let name = &words[name_from..];
            norms.clear();
            norms.extend(name.iter().map(|&t| w.norm(t)));
            let holds = known.iter().all(|k| norms.contains(&k.as_str()));
            let longer = name.len() > best.as_ref().map_or(known.len(), |b| b.1.len());
            if holds && longer && !name.is_empty() {
                let title = words[..name_from]
                    .iter()
                    .copied()
                    .filter(|&t| w.has(t, cues::NOMINAL_OR_TITLE) && !w.has(t, cues::HONORIFIC))
                    .collect::<Vec<_>>();
                let title = match (title.first(), title.last()) {
                    (Some(&a), Some(&b)) => a..b + 1,
                    _ => 0..0,
                };
                best = Some((title, name[0]..name[name.len() - 1] + 1));
            }
        }
        if let Some((title, name)) = best {
            speaker.name = phrase::without_possessive(w.phrase_text(name));
            if speaker.role.is_empty() && !title.is_empty() {
                speaker.role = w.phrase_text(title);
            }
        }
    }
}
