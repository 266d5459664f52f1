//! The rows each article adds to the tables of rows (`articles`, `frames`, `sentences`,
//! `matches`, `sources`): which cells, in which order, made from its scores. Defined once here and
//! written into any [`Cells`] sink: CSV text (`csv_row::Row`) or typed columns
//! ([`TableColumns`](super::parquet::TableColumns)), so every format holds the same rows.

use crate::corpus::{Article, Date};
use crate::engine::compile::LexiconSet;
use crate::engine::score::{ArticleScores, Hit};
use crate::output::sources::{self, SourceCount};
use crate::output::tables::{Evidence, RATED_VOICES};
use crate::text::voice::{SpeakerKind, Voice, Voices};

/// Where the cells of rows go, one after the other, a row at a time: each table format
/// writes a typed value its own way. Renderers are generic over it, so that each format's
/// rendering is compiled for that format alone.
pub trait Cells {
    /// A text cell with `s` as it is (a CSV for spreadsheets makes it inert).
    fn text(&mut self, s: &str) -> &mut Self;
    /// A text cell with `s` on one line: runs of white space (as `char::is_whitespace` has it)
    /// become one space, and white space at either end goes.
    fn one_line(&mut self, s: &str) -> &mut Self;
    /// Like [`Cells::one_line`], for text from the inputs that a spreadsheet could run as a
    /// formula: a cell that would start with `=`, `+`, `-` or `@` and is not a plain number
    /// starts with `'` in every format.
    fn inert_one_line(&mut self, s: &str) -> &mut Self;
    /// A count.
    fn count(&mut self, n: u64) -> &mut Self;
    /// A count that may be missing (an empty cell).
    fn count_opt(&mut self, n: Option<u64>) -> &mut Self;
    /// `count` cells of `0`.
    fn zeros(&mut self, count: usize) -> &mut Self;
    /// A rate, score or tone, to [`DECIMALS`](crate::output::tables::DECIMALS); missing (an
    /// empty cell) when `None` or not finite.
    fn number(&mut self, x: Option<f64>) -> &mut Self;
    /// `true` or `false`.
    fn flag(&mut self, b: bool) -> &mut Self;
    /// A date, or missing.
    fn date(&mut self, date: Option<Date>) -> &mut Self;
    /// Ends the row: the next cell starts a new one.
    fn end_row(&mut self);
    /// The size of the rows held, in the sink's own measure: rows are handed over when it
    /// passes a bound.
    fn size(&self) -> usize;
    /// The cells of `run`, which are the same in every row they appear in. A sink may copy
    /// them from cells it made once (the CSV does: most of a row of `matches` is one copy);
    /// by default they are written cell by cell.
    #[inline]
    fn repeated(&mut self, set: &LexiconSet, run: Repeated) -> &mut Self
    where
        Self: Sized,
    {
        run.write(set, self);
        self
    }
    /// The cells of `lead` that start a row of `article`. A sink may copy them from cells it
    /// made once for the article (the CSV does); by default they are written cell by cell.
    #[inline]
    fn lead(&mut self, article: &Article, lead: Lead) -> &mut Self
    where
        Self: Sized,
    {
        lead.write(article, self);
        self
    }
}

/// The cells that start the rows of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// `article_id` (in `sentences` and `matches`).
    Id,
    /// `article_id, group` (in `articles`, `frames` and `sources`).
    IdGroup,
}

impl Lead {
    /// Writes the cells of this lead of `article`.
    pub fn write<C: Cells>(self, article: &Article, out: &mut C) {
        out.text(&article.id);
        if self == Lead::IdGroup {
            out.text(&article.group);
        }
    }
}

/// Runs of cells that only depend on the lexicons, so that a sink can make them once per run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeated {
    /// `lexicon, category` of a category (in `frames`).
    Category(usize),
    /// A category's name (a lexicon's dominant category, in `articles`).
    CategoryName(usize),
    /// `term, lexicon, category, weight` of a term (in `matches`).
    Term(usize),
    /// A term's cells, then `negated, modifier, effective_weight` of a hit of it that is not
    /// negated, has no modifier and keeps the term's weight: most rows of `matches`.
    PlainHit(usize),
}

impl Repeated {
    /// Writes the cells of this run.
    pub fn write<C: Cells>(self, set: &LexiconSet, out: &mut C) {
        match self {
            Repeated::Category(c) => {
                let category = &set.categories[c];
                out.text(&set.lexicons[category.lexicon].id)
                    .text(&category.name);
            }
            Repeated::CategoryName(c) => {
                out.text(&set.categories[c].name);
            }
            Repeated::Term(t) => {
                let term = &set.terms[t];
                out.text(&term.text);
                Repeated::Category(term.category as usize).write(set, out);
                out.number(Some(term.weight));
            }
            Repeated::PlainHit(t) => {
                Repeated::Term(t).write(set, out);
                hit_cells(out, false, "", set.terms[t].weight);
            }
        }
    }
}

/// `negated, modifier, effective_weight` of a hit.
fn hit_cells<C: Cells>(out: &mut C, negated: bool, note: &str, effective: f64) {
    out.flag(negated).text(note).number(Some(effective));
}

/// The tables whose rows [`ArticleRenderer::render`] may hand over before the end of an
/// article (those with a row per sentence or per match).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Sentences,
    Matches,
}

/// The rows one article adds to each table in one format (CSV bytes, or typed columns where a
/// table may not be written), and what it adds to its group's sources.
#[derive(Debug, Default, Clone)]
pub struct ArticleTables<T> {
    pub articles: T,
    pub frames: T,
    pub sentences: T,
    pub matches: T,
    pub sources: T,
    /// What the article adds to its group's sources, and the group.
    pub source_counts: Vec<SourceCount>,
    pub group: String,
}

impl<T> ArticleTables<T> {
    /// Keeps what `article` adds to its group's sources.
    pub(crate) fn count_sources(&mut self, article: &Article, voices: &Voices) {
        self.source_counts = sources::counts(voices);
        self.group.clone_from(&article.group);
    }
}

/// The sink of each table of one article; a table with none is not rendered.
pub struct ArticleSinks<'a, C> {
    pub articles: Option<&'a mut C>,
    pub frames: Option<&'a mut C>,
    pub sentences: Option<&'a mut C>,
    pub matches: Option<&'a mut C>,
    pub sources: Option<&'a mut C>,
}

/// Makes the rows of articles, in any format, for the tables of one run.
#[derive(Debug, Clone)]
pub struct ArticleRenderer {
    evidence: Evidence,
    /// How many input fields `articles` keeps, after the other columns.
    kept: usize,
}

impl ArticleRenderer {
    /// Rows with the matches that `evidence` asks for, and `articles` rows ending with `kept`
    /// input fields (an article's [`Article::kept`]).
    pub fn new(evidence: Evidence, kept: usize) -> ArticleRenderer {
        ArticleRenderer { evidence, kept }
    }

    /// How many of an article's matches have a row: the first ones in the text.
    pub fn shown(&self, scores: &ArticleScores) -> usize {
        scores.hits.len().min(match self.evidence {
            Evidence::None => 0,
            Evidence::PerArticle(n) => n,
            Evidence::All => usize::MAX,
        })
    }

    /// Writes the rows of one article into the sink of each table (`set` is the one the tables
    /// were made for), handing a table's rows to `flush` (which empties the sink) whenever
    /// they pass `every` of its size: the rows of a long article (a hundred times its text,
    /// for one of one-word sentences) never need to be in memory at once. What is left in the
    /// sinks at the end is for the caller to write.
    pub fn render<C: Cells>(
        &self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
        sinks: ArticleSinks<'_, C>,
        every: usize,
        flush: &mut dyn FnMut(Table, &mut C) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        if let Some(out) = sinks.articles {
            self.article_row(set, article, scores, out);
        }
        if let Some(out) = sinks.frames {
            frames_rows(set, article, scores, out);
        }
        let mut offsets = CharOffsets::new(&article.text);
        if let Some(out) = sinks.sentences {
            sentences_rows(set, article, scores, &mut offsets, out, every, flush)?;
        }
        if let Some(out) = sinks.matches {
            let hits = &scores.hits[..self.shown(scores)];
            let rows = MatchRows {
                set,
                article,
                voices: &scores.voices,
            };
            rows.write(hits, &mut offsets, out, every, flush)?;
        }
        if let Some(out) = sinks.sources {
            sources_rows(article, &scores.voices, out);
        }
        Ok(())
    }

    fn article_row<C: Cells>(
        &self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
        out: &mut C,
    ) {
        out.lead(article, Lead::IdGroup)
            .text(&article.story)
            .date(article.date)
            .one_line(&article.title);
        out.count(scores.tokens as u64)
            .count(scores.sentences.len() as u64);
        out.number(scores.tone.tone)
            .number(scores.tone.positive_per_1k)
            .number(scores.tone.negative_per_1k)
            .number(Some(scores.tone.logratio));
        out.number(scores.voice_share(Voice::Quoted))
            .number(scores.voice_share(Voice::Attributed))
            .count(scores.voices.quotes as u64)
            .count(scores.voices.speakers.len() as u64)
            .number(scores.voice_tone(Voice::Author));
        for c in 0..set.categories.len() {
            // The rate, or a fitted lexicon's probability.
            out.number(scores.value(set, c));
        }
        for l in 0..set.lexicons.len() {
            match scores.dominant(set, l) {
                Some(c) => out.repeated(set, Repeated::CategoryName(c)),
                None => out.text(""),
            };
        }
        out.text(&article.warnings.join("; "));
        for k in 0..self.kept {
            out.inert_one_line(article.kept.get(k).map_or("", String::as_str));
        }
        out.end_row();
    }
}

/// The rows of `frames`: one per category.
fn frames_rows<C: Cells>(set: &LexiconSet, article: &Article, scores: &ArticleScores, out: &mut C) {
    for c in 0..set.categories.len() {
        let tally = &scores.categories[c];
        out.lead(article, Lead::IdGroup)
            .repeated(set, Repeated::Category(c));
        out.count(tally.hits as u64)
            .number(scores.per_1k(c))
            .number(Some(tally.score))
            .number(scores.share(set, c))
            .count(tally.negated as u64);
        for v in RATED_VOICES {
            out.count(tally.voice_hits[v.index()] as u64)
                .number(scores.voice_per_1k(c, v));
        }
        out.count(tally.voice_hits[Voice::Unknown.index()] as u64);
        out.end_row();
    }
}

/// The rows of `sentences`: one per sentence.
fn sentences_rows<C: Cells>(
    set: &LexiconSet,
    article: &Article,
    scores: &ArticleScores,
    offsets: &mut CharOffsets,
    out: &mut C,
    every: usize,
    flush: &mut dyn FnMut(Table, &mut C) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for (i, s) in scores.sentences.iter().enumerate() {
        out.lead(article, Lead::Id)
            .count(i as u64 + 1)
            .count(offsets.at(s.start) as u64)
            .count(offsets.at(s.end) as u64);
        out.number(s.tone)
            .one_line(&article.text[s.start as usize..s.end as usize]);
        out.count(s.tokens as u64)
            .count(s.hits as u64)
            .count(s.positive as u64)
            .count(s.negative as u64);
        for v in RATED_VOICES {
            out.count(s.voice_tokens[v.index()] as u64);
        }
        for v in RATED_VOICES {
            out.number(s.voice_tone[v.index()]);
        }
        // The hits of the categories with any, in order of category, each once (as the scorer
        // makes them); most counts are 0, and the zeros between two go at once.
        let mut written = 0;
        for &(c, n) in &s.category_hits {
            let c = c as usize;
            debug_assert!(c >= written && c < set.categories.len());
            if c >= written && c < set.categories.len() {
                out.zeros(c - written).count(n as u64);
                written = c + 1;
            }
        }
        out.zeros(set.categories.len().saturating_sub(written));
        out.end_row();
        if out.size() >= every {
            flush(Table::Sentences, out)?;
        }
    }
    Ok(())
}

/// What the rows of `matches` of one article are made from.
struct MatchRows<'a> {
    set: &'a LexiconSet,
    article: &'a Article,
    voices: &'a Voices,
}

impl MatchRows<'_> {
    /// One row per hit of `hits`.
    fn write<C: Cells>(
        &self,
        hits: &[Hit],
        offsets: &mut CharOffsets,
        out: &mut C,
        every: usize,
        flush: &mut dyn FnMut(Table, &mut C) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let (set, article) = (self.set, self.article);
        for hit in hits {
            out.lead(article, Lead::Id)
                .count(hit.sentence as u64 + 1)
                .count(offsets.at(hit.start) as u64)
                .count(offsets.at(hit.end) as u64);
            out.text(&article.text[hit.start as usize..hit.end as usize]);
            let t = hit.term as usize;
            if !hit.negated && hit.note.is_empty() && hit.effective == set.terms[t].weight {
                out.repeated(set, Repeated::PlainHit(t));
            } else {
                out.repeated(set, Repeated::Term(t));
                hit_cells(out, hit.negated, &hit.note, hit.effective);
            }
            out.count(hit.start as u64).count(hit.end as u64);
            let speaker = hit
                .speaker
                .and_then(|s| self.voices.speakers.get(s as usize));
            out.text(hit.voice.name())
                .inert_one_line(speaker.map_or("", |s| s.name.as_str()));
            out.end_row();
            if out.size() >= every {
                flush(Table::Matches, out)?;
            }
        }
        Ok(())
    }
}

/// The rows of `sources`: the article's speakers in order of first mention, then one row
/// (kind `unidentified`, no speaker) for what no speaker was found for.
fn sources_rows<C: Cells>(article: &Article, voices: &Voices, out: &mut C) {
    let unidentified = voices.unidentified.speaks().then_some(&voices.unidentified);
    for s in voices.speakers.iter().chain(unidentified) {
        out.lead(article, Lead::IdGroup);
        out.inert_one_line(&s.name)
            .text(s.kind.name())
            .inert_one_line(&s.role);
        out.count(s.quotes as u64)
            .count(s.quoted_tokens as u64)
            .count(s.statements as u64)
            .count(s.attributed_tokens as u64);
        out.count_opt(match s.kind {
            SpeakerKind::Unidentified => None,
            _ => Some(s.first_sentence as u64 + 1),
        });
        out.end_row();
    }
}

/// Maps byte offsets of one text to character offsets, for offsets that Python and R can slice
/// with. A character offset is the byte offset less the bytes before it that continue a
/// character; those are listed once per text, and each query counts from the previous one, so
/// queries that move forward through the text (with short steps back, as overlapping matches
/// make) cost little more than a comparison each.
pub(crate) struct CharOffsets {
    /// Where the bytes that continue a character (`10xxxxxx`) are, in order: none in ASCII text,
    /// and few in most texts beyond it.
    continuations: Vec<u32>,
    /// How many of them come before the byte offset of the last query.
    before: usize,
}

impl CharOffsets {
    pub(crate) fn new(text: &str) -> Self {
        let mut continuations = Vec::new();
        // Eight bytes at a time, since most of them are ASCII even in texts that are not.
        for (i, chunk) in text.as_bytes().chunks(8).enumerate() {
            if !chunk.is_ascii() {
                let continuing = chunk.iter().enumerate().filter(|(_, &b)| b & 0xC0 == 0x80);
                continuations.extend(continuing.map(|(j, _)| (8 * i + j) as u32));
            }
        }
        CharOffsets {
            continuations,
            before: 0,
        }
    }

    /// The character offset of byte offset `byte` (a character boundary).
    pub(crate) fn at(&mut self, byte: u32) -> usize {
        let continuations = &self.continuations;
        while self.before < continuations.len() && continuations[self.before] < byte {
            self.before += 1;
        }
        while self.before > 0 && continuations[self.before - 1] >= byte {
            self.before -= 1;
        }
        byte as usize - self.before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn character_offsets_in_any_order(
            text in "[aé東\u{1F600} ]{0,60}",
            picks in proptest::collection::vec(0usize..1000, 0..30),
        ) {
            let boundaries: Vec<usize> = (0..=text.len()).filter(|&b| text.is_char_boundary(b)).collect();
            let mut offsets = CharOffsets::new(&text);
            for pick in picks {
                let byte = boundaries[pick % boundaries.len()];
                proptest::prop_assert_eq!(offsets.at(byte as u32), text[..byte].chars().count());
            }
        }
    }
}
