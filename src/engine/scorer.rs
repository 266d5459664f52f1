//! The scorer: text in, [`ArticleScores`] out, with no file involved. Thread-safe; each thread
//! keeps a cache of token forms so normalisation, stemming and lookups happen once per form.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::engine::compile::{CompileError, LexiconSet, PatternId};
use crate::engine::hit::RawHit;
use crate::engine::matcher::{find_hits, MatchBuffers};
use crate::engine::modifiers::{
    effect, exclamations, is_exclamation, Context, SentenceFacts, WordFacts,
};
use crate::engine::score::{
    exclamation_emphasis, log_ratio, per_1k, sentence_tone, ArticleScores, CategoryTally, Hit,
    SentenceScores, ToneScores,
};
use crate::engine::tool::{ToolBuffers, ToolHit};
use crate::lexicon::Loaded;
use crate::text::voice::{self, Cue, Voice, Voices};
use crate::text::{normalize, Analysis};
use std::ops::Range;

/// A form cache with more forms than this, or more bytes of text, is dropped and rebuilt, so
/// memory stays bounded on corpora with endless distinct tokens (names, numbers, misspellings):
/// about 75 bytes per form (its record, its share of the index, its texts), so under 4 MB per
/// scoring thread. The most frequent forms come back at once after a rebuild; measured on
/// news-like text, a larger cache was no faster.
const MAX_CACHED_FORMS: usize = 50_000;
const MAX_CACHED_BYTES: usize = 8 << 20;

static NEXT_SCORER_ID: AtomicU64 = AtomicU64::new(1);

/// `Scorer` is shared between threads by reference; this fails to compile if it ever stops being
/// `Send + Sync`.
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<Scorer>();
};

/// Scores texts against a compiled set of lexicons.
///
/// Compile once, then score from as many threads as there are: `Scorer` is `Send + Sync`, and
/// `score` takes `&self` and touches no file. Each thread keeps its own cache of token forms, so
/// threads never wait for each other. This is the form in which framescope runs inside another
/// data engine when a corpus outgrows one machine: build one `Scorer` per worker process and call
/// `score` from the engine's map function.
///
/// ```
/// use framescope::{LexiconDir, Scorer};
/// let loaded = framescope::lexicon::load(&["tone".to_string()], &LexiconDir::embedded_only()).unwrap();
/// let scorer = Scorer::new(&loaded).unwrap();
/// let scores = scorer.score("The talks were a great success. Nobody was hurt.");
/// assert!(scores.tone.tone.unwrap() > 0.0);
///
/// // The same scorer on several threads, and the rate of one category by name.
/// let texts = ["Peace talks resumed in hope of a deal.", "Shelling killed three civilians."];
/// let tones: Vec<Option<f64>> = std::thread::scope(|s| {
///     let handles: Vec<_> = texts.iter().map(|t| s.spawn(|| scorer.score(t).tone.tone)).collect();
///     handles.into_iter().map(|h| h.join().unwrap()).collect()
/// });
/// assert!(tones[0].unwrap() > tones[1].unwrap());
/// let set = scorer.lexicons();
/// let negative = set.categories.iter().position(|c| c.column == "tone.negative").unwrap();
/// assert!(scorer.score(texts[1]).per_1k(negative).unwrap() > 0.0);
/// ```
pub struct Scorer {
    set: LexiconSet,
    id: u64,
}

/// A distinct token form (keyed by its text as written): where its text, its normalised text and
/// the patterns it satisfies sit in the cache's arenas, and what the rules need to know of it.
///
/// 32 bytes, aligned to 32, so that it never lies across two cache lines: each token reads its
/// form at a random place of a table larger than the processor's nearest caches, and a form
/// across two lines cost two misses where one does. Half a line rather than a whole one halves
/// the table (a scoring thread's largest piece of memory, 1.6 MB of records at 50,000 forms).
/// The arenas' offsets are 32 bits and the lengths 16 and 8: a form whose spans do not fit is
/// looked up afresh at each occurrence instead of kept (see [`Form::new`]).
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Form {
    /// The text's bytes 8 to 16, zero-padded: with the slot's first eight, a form of up to 16
    /// bytes is told from the others without reading the arena.
    tail: u64,
    /// Where its text starts in the arena (its length is in its slot).
    key: u32,
    norm_start: u32,
    patterns_start: u32,
    /// What the voice rules read in it (a reporting verb, a role noun).
    cue: Cue,
    modifier: u32,
    norm_len: u16,
    patterns_len: u8,
    word_flags: u8,
}

const _: () = assert!(std::mem::size_of::<Form>() == 32);

/// What a token takes of its form: the spans of its normalised text and of its patterns in the
/// cache's arenas, and what the rules read in it.
#[derive(Clone, Copy)]
struct FormFacts {
    norm: (usize, usize),
    patterns: (usize, usize),
    word: WordFacts,
    cue: Cue,
}

impl Form {
    /// The record of a form whose text starts at `key` in the arena, or `None` where a span
    /// does not fit its field (a token of more than 64 KB, an arena past 4 GB, more than 255
    /// patterns of one form).
    fn new(key: usize, facts: &FormFacts) -> Option<Form> {
        let (norm, patterns) = (facts.norm, facts.patterns);
        Some(Form {
            tail: 0,
            key: u32::try_from(key).ok()?,
            norm_start: u32::try_from(norm.0).ok()?,
            patterns_start: u32::try_from(patterns.0).ok()?,
            cue: facts.cue,
            modifier: facts.word.modifier,
            norm_len: u16::try_from(norm.1 - norm.0).ok()?,
            patterns_len: u8::try_from(patterns.1 - patterns.0).ok()?,
            word_flags: facts.word.flags,
        })
    }

    #[inline(always)]
    fn facts(&self) -> FormFacts {
        let (norm, patterns) = (self.norm_start as usize, self.patterns_start as usize);
        FormFacts {
            norm: (norm, norm + self.norm_len as usize),
            patterns: (patterns, patterns + self.patterns_len as usize),
            word: WordFacts {
                modifier: self.modifier,
                flags: self.word_flags,
            },
            cue: self.cue,
        }
    }
}

/// A slot of the form index: the first eight bytes of a form's text, its length, and the
/// form's id. A form of up to eight bytes (most words) is told from the others by its slot
/// alone, so that a lookup reads no text but the token's: the table is read at a random place
/// once per token, and each further place it reads is one more likely cache miss.
#[derive(Clone, Copy)]
struct Slot {
    head: u64,
    len: u32,
    form: u32,
}

impl Slot {
    const EMPTY: Slot = Slot {
        head: 0,
        len: 0,
        form: EMPTY,
    };
}

/// The first eight bytes of `raw`, zero-padded, as one number.
#[inline(always)]
fn head_of(raw: &[u8]) -> u64 {
    // Shorter texts are read as two overlapping halves, whose shared bytes are the same bytes
    // in the same places: a copy of variable length would be a library call.
    let n = raw.len();
    let u16_at = |i: usize| u16::from_le_bytes([raw[i], raw[i + 1]]) as u64;
    let u32_at = |i: usize| u32::from_le_bytes([raw[i], raw[i + 1], raw[i + 2], raw[i + 3]]) as u64;
    match n {
        8.. => u64::from_le_bytes([
            raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
        ]),
        4..=7 => u32_at(0) | u32_at(n - 4) << (8 * (n - 4)),
        2..=3 => u16_at(0) | u16_at(n - 2) << (8 * (n - 2)),
        1 => raw[0] as u64,
        _ => 0,
    }
}

/// Bytes 8 to 16 of `raw`, zero-padded, as one number (0 for a text of up to 8 bytes).
#[inline(always)]
fn tail_of(raw: &[u8]) -> u64 {
    raw.get(8..).map_or(0, head_of)
}

const EMPTY: u32 = u32::MAX;

/// How many tokens ahead of the one looked up the slot of a token is fetched (and its form
/// half as many ahead).
const PREFETCH_AHEAD: usize = 16;

/// Token forms seen so far, with everything derived from them: normalisation, stemming, pattern
/// lookups and modifier facts happen once per form rather than once per token.
///
/// The index is an open-addressing table of (hash, form id) slots over arenas of texts, rather
/// than a map of boxed strings: a lookup reads one slot and, when the hash matches, one arena
/// entry, where a map would also follow a pointer to each candidate key. This lookup runs once per
/// token and was the largest cost of scoring.
#[derive(Default)]
struct FormCache {
    slots: Vec<Slot>,
    forms: Vec<Form>,
    keys: String,
    norms: String,
    patterns: Vec<PatternId>,
}

impl FormCache {
    fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| s.form = EMPTY);
        self.forms.clear();
        self.keys.clear();
        self.norms.clear();
        self.patterns.clear();
    }

    fn hash(raw: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(raw)
    }

    /// The id of the form written `raw` (with hash `hash`), or the slot where it would go.
    #[inline(always)]
    fn find(&self, raw: &str, hash: u64) -> Result<u32, usize> {
        let raw = raw.as_bytes();
        let (head, len) = (head_of(raw), raw.len() as u32);
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.form == EMPTY {
                return Err(i);
            }
            if slot.head == head && slot.len == len {
                if raw.len() <= 8 {
                    return Ok(slot.form);
                }
                let form = &self.forms[slot.form as usize];
                if form.tail == tail_of(raw) {
                    if raw.len() <= 16 {
                        return Ok(slot.form);
                    }
                    // Compared as bytes: slicing the `String` would check char boundaries.
                    let a = form.key as usize;
                    let b = a + raw.len();
                    if same_bytes(&self.keys.as_bytes()[a + 16..b], &raw[16..]) {
                        return Ok(slot.form);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Keeps the form written `raw`, with `facts`, at the slot `find` gave (unless one of its
    /// spans does not fit a record: then it is not kept).
    fn insert(&mut self, raw: &str, slot: usize, facts: &FormFacts) {
        let Some(mut form) = Form::new(self.keys.len(), facts) else {
            return;
        };
        self.keys.push_str(raw);
        form.tail = tail_of(raw.as_bytes());
        let id = self.forms.len() as u32;
        self.forms.push(form);
        self.slots[slot] = Slot {
            head: head_of(raw.as_bytes()),
            len: raw.len() as u32,
            form: id,
        };
        // Up to four fifths full, so that 50,000 forms fit 65,536 slots (1 MB): slots are
        // 16 bytes, four to a cache line, and the longer probe runs of a fuller table mostly
        // stay in the line the first read brought.
        if self.forms.len() * 5 > self.slots.len() * 4 {
            self.grow();
        }
    }

    /// Doubles the index.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1 << 12);
        let old = std::mem::replace(&mut self.slots, vec![Slot::EMPTY; size]);
        for slot in old.into_iter().filter(|s| s.form != EMPTY) {
            let a = self.forms[slot.form as usize].key as usize;
            let key = &self.keys[a..a + slot.len as usize];
            let mut i = Self::hash(key) as usize & (size - 1);
            while self.slots[i].form != EMPTY {
                i = (i + 1) & (size - 1);
            }
            self.slots[i] = slot;
        }
    }

    /// Asks the processor to bring the slot where a form of hash `hash` would be into its
    /// cache.
    #[inline(always)]
    fn prefetch_slot(&self, hash: u64) {
        prefetch(&self.slots[hash as usize & (self.slots.len() - 1)]);
    }

    /// Asks the processor to bring the record of the form in the first slot of hash `hash`
    /// into its cache: that of the form of that hash, most times. The slot must have been
    /// fetched before, or this waits for it.
    #[inline(always)]
    fn prefetch_form(&self, hash: u64) {
        let slot = &self.slots[hash as usize & (self.slots.len() - 1)];
        if let Some(form) = self.forms.get(slot.form as usize) {
            prefetch(form);
        }
    }

    /// The normalised text at `span` of the arena (a form's `norm`).
    fn norm(&self, (a, b): (usize, usize)) -> &str {
        &self.norms[a..b]
    }
}

/// Asks the processor to bring the memory of `x` into its nearest cache, without waiting for it.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program sees and cannot fault.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// Whether `a` and `b` hold the same bytes, compared eight at a time in place: most forms are
/// a few bytes long, and a call to the library's comparison cost more than the comparison
/// (it was 4% of a run, once for every token).
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word = |s: &[u8]| u64::from_le_bytes(s.try_into().expect("eight bytes"));
    let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in a8.by_ref().zip(b8.by_ref()) {
        if word(x) != word(y) {
            return false;
        }
    }
    // Byte by byte: a slice comparison would be the library call again.
    a8.remainder()
        .iter()
        .zip(b8.remainder())
        .all(|(x, y)| x == y)
}

/// Per-thread buffers and form cache, reused between articles.
#[derive(Default)]
pub struct Workspace {
    scorer: u64,
    cache: FormCache,
    analysis: Analysis,
    /// Per token: its form's normalised text, as a span of the cache's arena. Copied from the
    /// form as it is looked up, since the rules ask for it again and again: reading it from
    /// the form each time meant reading the form again, often from memory.
    token_norms: Vec<(usize, usize)>,
    /// Per token: its form's patterns, as a span of the cache's pattern arena.
    token_patterns: Vec<(usize, usize)>,
    words: Vec<WordFacts>,
    /// Per token: its voice cues.
    cues: Vec<Cue>,
    /// Per token: the hash of its text.
    hashes: Vec<u64>,
    /// Per token: its voice (and the voice rules' working lists).
    voices: voice::Buffers,
    buffers: MatchBuffers,
    raw_hits: Vec<RawHit>,
    tool_buffers: ToolBuffers,
    tool_hits: Vec<ToolHit>,
    norm: String,
}

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

impl Scorer {
    pub fn new(loaded: &Loaded) -> Result<Self, CompileError> {
        Ok(Scorer {
            set: LexiconSet::compile(loaded)?,
            id: NEXT_SCORER_ID.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// The compiled lexicons: categories, terms and rules, for reports.
    pub fn lexicons(&self) -> &LexiconSet {
        &self.set
    }

    /// Scores one text.
    pub fn score(&self, text: &str) -> ArticleScores {
        WORKSPACE.with(|ws| self.score_with(text, &mut ws.borrow_mut()))
    }

    /// Scores one text written in `language` (a code such as `de`, or a name): only the
    /// lexicons of that language apply, with its abbreviations and its tone lexicon. With an
    /// empty language, or one no lexicon is in, every lexicon applies, as [`Scorer::score`].
    pub fn score_in(&self, text: &str, language: &str) -> ArticleScores {
        WORKSPACE.with(|ws| self.score_in_with(text, language, &mut ws.borrow_mut()))
    }

    /// Why an article in `language` is scored with every lexicon rather than those of its
    /// language, when that is so: no lexicon of the run is in it.
    pub fn language_warning(&self, language: &str) -> Option<String> {
        let scopes = &self.set.languages;
        scopes.is_unknown(language).then(|| {
            format!(
                "language `{}` has no lexicon in this run: scored with the lexicons in {}",
                language.trim(),
                scopes.languages().join(", ")
            )
        })
    }

    /// Scores one text, also returning its analysis (tokens and sentences) for display.
    pub fn analyse(&self, text: &str) -> (ArticleScores, Analysis) {
        let mut ws = Workspace::default();
        let scores = self.score_with(text, &mut ws);
        (scores, ws.analysis)
    }

    /// Scores one text with an explicit workspace.
    pub fn score_with(&self, text: &str, ws: &mut Workspace) -> ArticleScores {
        self.score_in_with(text, "", ws)
    }

    /// Scores one text in `language` with an explicit workspace.
    pub fn score_in_with(&self, text: &str, language: &str, ws: &mut Workspace) -> ArticleScores {
        let scope = self.set.languages.scope(language);
        if ws.cache.slots.is_empty() {
            ws.cache.grow();
        }
        if ws.scorer != self.id
            || ws.cache.forms.len() > MAX_CACHED_FORMS
            || ws.cache.keys.len() + ws.cache.norms.len() > MAX_CACHED_BYTES
        {
            ws.cache.clear();
            ws.scorer = self.id;
        }
        let abbreviations = scope.map_or(&self.set.abbreviations, |s| &s.abbreviations);
        ws.analysis.run(text, abbreviations);
        self.resolve_forms(text, ws);
        let cache = &ws.cache;
        let token_norms = &ws.token_norms;
        let token_patterns = &ws.token_patterns;
        find_hits(
            &self.set,
            &ws.analysis.sentences,
            |i| {
                let (a, b) = token_patterns[i];
                &cache.patterns[a..b]
            },
            &mut ws.buffers,
            &mut ws.raw_hits,
        );
        let applied = |lexicon: usize| scope.is_none_or(|s| s.applied[lexicon]);
        if scope.is_some() {
            let categories = &self.set.categories;
            ws.raw_hits
                .retain(|h| applied(categories[h.category as usize].lexicon));
        }
        if self.set.tools.is_empty() {
            ws.tool_hits.clear();
        } else {
            self.set
                .tools
                .find(text, &applied, &mut ws.tool_buffers, &mut ws.tool_hits);
        }
        let norm = |i: usize| cache.norm(token_norms[i]);
        let voices = voice::analyse(
            &voice::Input {
                text,
                tokens: &ws.analysis.tokens,
                sentences: &ws.analysis.sentences,
                cues: &ws.cues,
                norm: &norm,
                rules: &self.set.voice,
            },
            &mut ws.voices,
        );
        let ctx = Context {
            tokens: &ws.analysis.tokens,
            words: &ws.words,
            norm: &norm,
        };
        let tone_lexicon = match scope {
            Some(s) => s.tone,
            None => self.set.tone_lexicon,
        };
        let mut scores = self.tally(
            &ctx,
            &ws.analysis,
            &ws.raw_hits,
            &ws.tool_hits,
            tone_lexicon,
            Spoken {
                voices,
                tokens: &ws.voices.voices,
            },
        );
        if let Some(s) = scope.filter(|s| s.applied.contains(&false)) {
            scores.unscored = self
                .set
                .categories
                .iter()
                .map(|c| !s.applied[c.lexicon])
                .collect();
        }
        scores
    }

    fn resolve_forms(&self, text: &str, ws: &mut Workspace) {
        ws.token_norms.clear();
        ws.token_patterns.clear();
        ws.words.clear();
        ws.cues.clear();
        let cache = &mut ws.cache;
        let tokens = &ws.analysis.tokens;
        // Each lookup reads a slot, then a form, at random places of tables larger than the
        // processor's nearest caches, and waited for both (the largest cost of scoring). With
        // every token's hash known first, the slot of a token further on is fetched while this
        // one is looked up, and the form of one half as far, whose slot has arrived by then.
        ws.hashes.clear();
        ws.hashes
            .extend(tokens.iter().map(|t| FormCache::hash(t.text(text))));
        for (i, token) in tokens.iter().enumerate() {
            if let Some(&ahead) = ws.hashes.get(i + PREFETCH_AHEAD) {
                cache.prefetch_slot(ahead);
            }
            if let Some(&ahead) = ws.hashes.get(i + PREFETCH_AHEAD / 2) {
                cache.prefetch_form(ahead);
            }
            let raw = token.text(text);
            let hash = ws.hashes[i];
            let form = match cache.find(raw, hash) {
                Ok(id) => cache.forms[id as usize].facts(),
                Err(slot) => {
                    normalize(raw, token.kind, &mut ws.norm);
                    if !self.set.elisions.is_empty() {
                        self.set.strip_elision(&mut ws.norm);
                    }
                    let norm_start = cache.norms.len();
                    cache.norms.push_str(&ws.norm);
                    let patterns_start = cache.patterns.len();
                    self.set.patterns_of(&ws.norm, &mut cache.patterns);
                    let facts = FormFacts {
                        norm: (norm_start, cache.norms.len()),
                        patterns: (patterns_start, cache.patterns.len()),
                        word: WordFacts::of(raw, token.kind, &ws.norm, &self.set.modifiers),
                        cue: self.set.voice.of_token(raw, token.kind, &ws.norm),
                    };
                    cache.insert(raw, slot, &facts);
                    facts
                }
            };
            ws.token_norms.push(form.norm);
            ws.token_patterns.push(form.patterns);
            ws.words.push(form.word);
            ws.cues.push(form.cue);
        }
    }

    fn tally(
        &self,
        ctx: &Context,
        analysis: &Analysis,
        raw_hits: &[RawHit],
        tool_hits: &[ToolHit],
        tone_lexicon: Option<usize>,
        spoken: Spoken,
    ) -> ArticleScores {
        let Spoken {
            voices,
            tokens: token_voices,
        } = spoken;
        let set = &self.set;
        let tone_categories = tone_lexicon.map_or(0..0, |l| set.lexicons[l].categories.clone());
        let sentences: Vec<SentenceScores> = analysis
            .sentences
            .iter()
            .map(|s| {
                let range = s.tokens.start as usize..s.tokens.end as usize;
                let mut voice_tokens = [0u32; 4];
                for t in range.clone().filter(|&t| ctx.tokens[t].is_countable()) {
                    voice_tokens[token_voices[t].index()] += 1;
                }
                SentenceScores {
                    start: s.start,
                    end: s.end,
                    tokens: voice_tokens.iter().sum(),
                    valence: 0.0,
                    tone: None,
                    hits: 0,
                    positive: 0,
                    negative: 0,
                    category_hits: Vec::new(),
                    voice_tokens,
                    voice_tone: [None; 4],
                }
            })
            .collect();
        let mut counts = Counts {
            categories: vec![CategoryTally::default(); set.categories.len()],
            voice_valence: vec![[0.0f64; 4]; sentences.len()],
            sentences,
            tone: ToneScores::default(),
            hits: Vec::with_capacity(raw_hits.len() + tool_hits.len()),
        };
        // The voice of the token `t`, and its speaker when quoted or attributed.
        let voice_of = |t: u32| {
            let voice = token_voices[t as usize];
            let speaker = match voice {
                Voice::Quoted | Voice::Attributed => {
                    voices.span_of(t).and_then(|span| span.speaker)
                }
                _ => None,
            };
            (voice, speaker)
        };
        let modifiers = &set.modifiers;
        // Sentence facts per rule group, for the sentence being worked on.
        let mut facts: Vec<Option<SentenceFacts>> = vec![None; modifiers.group_count()];
        let mut facts_sentence = u32::MAX;
        let mut stopped = Vec::new();
        for raw in raw_hits {
            let term = &set.terms[raw.term as usize];
            let first = &ctx.tokens[raw.first as usize];
            let last = &ctx.tokens[raw.end as usize - 1];
            if term.stop {
                stopped.push(Hit {
                    sentence: raw.sentence,
                    start: first.start,
                    end: last.end,
                    term: raw.term,
                    category: raw.category,
                    weight: 0.0,
                    effective: 0.0,
                    negated: false,
                    note: String::new(),
                    voice: Voice::Author,
                    speaker: None,
                });
                continue;
            }
            let (voice, speaker) = voice_of(raw.first);
            let category = &set.categories[raw.category as usize];
            let rules = &set.rules[category.lexicon];
            let group = modifiers.group_of(category.lexicon);
            let sentence = &analysis.sentences[raw.sentence as usize];
            if facts_sentence != raw.sentence {
                facts.iter_mut().for_each(|f| *f = None);
                facts_sentence = raw.sentence;
            }
            let sentence_facts = *facts[group]
                .get_or_insert_with(|| SentenceFacts::of(ctx, sentence, modifiers, group));
            let e = effect(ctx, raw, sentence, &sentence_facts, modifiers, group, rules);
            let negation = if e.negated && category.negatable {
                rules.negation_factor
            } else {
                1.0
            };
            let effective = term.weight * e.factor * negation;
            let affirmed = !(e.negated && category.negatable);
            let hit = Hit {
                sentence: raw.sentence,
                start: first.start,
                end: last.end,
                term: raw.term,
                category: raw.category,
                weight: term.weight,
                effective,
                negated: e.negated,
                note: e.note,
                voice,
                speaker,
            };
            counts.add(set, &tone_categories, hit, affirmed);
        }
        // Hits of lexicons matched as other tools match: no modifiers, never negated; each in the
        // sentence where it starts.
        for t in tool_hits {
            let term = &set.terms[t.term as usize];
            let sentence = analysis
                .sentences
                .partition_point(|s| s.start <= t.start)
                .saturating_sub(1);
            // The voice of the token where the hit starts.
            let (voice, speaker) = match ctx.tokens.partition_point(|k| k.start <= t.start) {
                0 => (Voice::Author, None),
                k => voice_of(k as u32 - 1),
            };
            let hit = Hit {
                sentence: sentence as u32,
                start: t.start,
                end: t.end,
                term: t.term,
                category: t.category,
                weight: term.weight,
                effective: term.weight,
                negated: false,
                note: String::new(),
                voice,
                speaker,
            };
            counts.add(set, &tone_categories, hit, true);
        }
        let Counts {
            categories,
            mut sentences,
            mut tone,
            mut hits,
            voice_valence,
        } = counts;
        if !tool_hits.is_empty() {
            // In text order, as the rows of matches.csv are; a stable sort keeps framescope's own
            // hits in the order the matcher found them.
            hits.sort_by_key(|h| h.start);
        }
        // Sentences partition the tokens, so the article's count is the sum of theirs.
        let tokens: u32 = sentences.iter().map(|s| s.tokens).sum();
        let mut voice_tokens = [0u32; 4];
        for s in &sentences {
            for (total, n) in voice_tokens.iter_mut().zip(s.voice_tokens) {
                *total += n;
            }
        }
        if let Some(lexicon) = tone_lexicon {
            let rules = &set.rules[lexicon];
            let mut sum = 0.0;
            let mut counted = 0usize;
            for (i, s) in sentences.iter_mut().enumerate() {
                s.category_hits.sort_unstable();
                if s.tokens == 0 {
                    continue;
                }
                if s.valence != 0.0 && rules.exclamation_boost > 0.0 {
                    let marks = exclamations(ctx, &analysis.sentences[i]);
                    s.valence = exclamation_emphasis(s.valence, marks, rules.exclamation_boost);
                }
                let t = sentence_tone(s.valence, rules.tone_alpha);
                s.tone = Some(t);
                sum += t;
                counted += 1;
                let range = analysis.sentences[i].tokens.clone();
                for v in Voice::ALL {
                    if s.voice_tokens[v.index()] == 0 {
                        continue;
                    }
                    let mut valence = voice_valence[i][v.index()];
                    if valence != 0.0 && rules.exclamation_boost > 0.0 {
                        let marks = range
                            .clone()
                            .filter(|&t| {
                                token_voices[t as usize] == v && is_exclamation(ctx, t as usize)
                            })
                            .count() as u32;
                        valence = exclamation_emphasis(valence, marks, rules.exclamation_boost);
                    }
                    s.voice_tone[v.index()] = Some(sentence_tone(valence, rules.tone_alpha));
                }
            }
            tone.tone = (counted > 0).then(|| sum / counted as f64);
            tone.positive_per_1k = per_1k(tone.positive, tokens);
            tone.negative_per_1k = per_1k(tone.negative, tokens);
            tone.logratio = log_ratio(tone.positive, tone.negative);
        } else {
            sentences
                .iter_mut()
                .for_each(|s| s.category_hits.sort_unstable());
        }
        ArticleScores {
            tokens,
            sentences,
            categories,
            tone,
            hits,
            stopped,
            voices,
            voice_tokens,
            unscored: Vec::new(),
        }
    }
}

/// Whose words an article's are: its quotations, reported speech and speakers, and each token's
/// voice.
struct Spoken<'a> {
    voices: Voices,
    tokens: &'a [Voice],
}

/// What an article's hits add up to, as they are counted.
struct Counts {
    categories: Vec<CategoryTally>,
    sentences: Vec<SentenceScores>,
    tone: ToneScores,
    hits: Vec<Hit>,
    /// Per sentence, the net valence of each voice's tone hits.
    voice_valence: Vec<[f64; 4]>,
}

impl Counts {
    /// Counts `hit` in its category, its sentence and the tone; `affirmed` unless negated in a
    /// negatable category.
    fn add(&mut self, set: &LexiconSet, tone_categories: &Range<usize>, hit: Hit, affirmed: bool) {
        let category = &set.categories[hit.category as usize];
        let tally = &mut self.categories[hit.category as usize];
        tally.hits += 1;
        tally.negated += hit.negated as u32;
        tally.affirmed += affirmed as u32;
        tally.score += hit.effective;
        tally.voice_hits[hit.voice.index()] += 1;
        tally.voice_affirmed[hit.voice.index()] += affirmed as u32;

        if let Some(s) = self.sentences.get_mut(hit.sentence as usize) {
            s.hits += 1;
            if affirmed {
                match s.category_hits.last_mut() {
                    Some((c, n)) if *c == hit.category => *n += 1,
                    _ => match s.category_hits.iter_mut().find(|(c, _)| *c == hit.category) {
                        Some((_, n)) => *n += 1,
                        None => s.category_hits.push((hit.category, 1)),
                    },
                }
            }
            if tone_categories.contains(&(hit.category as usize)) {
                let valence = category.polarity as f64 * hit.effective;
                s.valence += valence;
                self.voice_valence[hit.sentence as usize][hit.voice.index()] += valence;
                if valence > 0.0 {
                    s.positive += 1;
                    self.tone.positive += 1;
                } else if valence < 0.0 {
                    s.negative += 1;
                    self.tone.negative += 1;
                }
            }
        }
        self.hits.push(hit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{parse_lexicon, parse_rules, LexiconDir, Origin, SourceFile};

    /// A scorer over one lexicon written inline, with the embedded English rules.
    fn scorer(categories: &str) -> Scorer {
        let text = format!(
            "format = 1\n[lexicon]\nid = \"t\"\nname = \"T\"\nversion = \"1\"\nlanguage = \"en\"\n\
             license = \"CC0\"\ndescription = \"d\"\nsources = [\"s\"]\n{categories}"
        );
        let source = |text: String| SourceFile {
            label: "t.toml".into(),
            text,
            origin: Origin::Embedded,
        };
        let lexicon = parse_lexicon(&source(text), Some("t"));
        assert!(lexicon.diagnostics.is_empty(), "{:?}", lexicon.diagnostics);
        let rules_source = LexiconDir::embedded_only().rules_source("en").unwrap();
        let rules = parse_rules(&rules_source).value.unwrap();
        let loaded = Loaded {
            lexicons: vec![lexicon.value.unwrap()],
            rules: [("en".to_string(), rules)].into(),
            warnings: Vec::new(),
        };
        Scorer::new(&loaded).unwrap()
    }

    const MISTAKES: &str = r#"
[categories.neg]
description = "n"
polarity = -1
stop_phrases = ["make no mistake", "~accord"]
[categories.neg.terms]
"mistake" = 1.0
"according" = 1.0
[categories.other]
description = "o"
polarity = 0
[categories.other.terms]
"mistake" = 1.0  # note: a second category that has no stop phrase
"#;

    #[test]
    fn a_stop_phrase_keeps_its_terms_from_counting_in_its_category_only() {
        let scorer = scorer(MISTAKES);
        let scores = scorer.score("Make no mistake: it was a mistake.");
        let neg = &scores.categories[0];
        assert_eq!((neg.hits, neg.negated, neg.affirmed), (1, 0, 1));
        assert_eq!(neg.score, 1.0);
        // The other category has no stop phrase: both mistakes count there.
        assert_eq!(scores.categories[1].hits, 2);
        assert_eq!(scores.hits.len(), 3);
        // The stop phrase's match is kept apart, with no weight, for display.
        assert_eq!(scores.stopped.len(), 1);
        let stop = &scores.stopped[0];
        assert_eq!((stop.start, stop.end, stop.effective), (0, 15, 0.0));
        assert!(scorer.lexicons().terms[stop.term as usize].stop);
        // Without the stop phrase the first mistake was a negated hit.
        assert_eq!(scorer.score("Make no mistake.").categories[0].hits, 0);
    }

    #[test]
    fn a_stop_phrase_wins_over_a_term_of_the_same_length() {
        // `according` is exact, `~accord` a stem (less specific), yet the stop phrase wins.
        let scores = scorer(MISTAKES).score("According to the report, it was a mistake.");
        assert_eq!(scores.categories[0].hits, 1);
        assert_eq!(scores.stopped.len(), 1);
    }

    #[test]
    fn a_head_is_the_first_eight_bytes_zero_padded() {
        let text = b"abcdefghij";
        for n in 0..=text.len() {
            let mut padded = [0u8; 8];
            let shown = n.min(8);
            padded[..shown].copy_from_slice(&text[..shown]);
            assert_eq!(head_of(&text[..n]), u64::from_le_bytes(padded), "{n}");
        }
    }

    #[test]
    fn forms_that_share_their_first_eight_bytes_stay_apart() {
        let scorer = scorer(MISTAKES);
        // Same first eight bytes and length, and a short form that is a prefix of the others;
        // then the same first 16 bytes and length.
        let text = "mistakesA mistakesB mistakes mistake mistakesA mistake \
                    unprecedentedlyX unprecedentedlyY unprecedentedlyX \
                    unprecedentedlyXYa unprecedentedlyXYb unprecedentedlyXYa.";
        scorer.score(text);
        WORKSPACE.with(|ws| {
            let ws = ws.borrow();
            // Each form's normalised text has a place of its own in the arena.
            let forms = &ws.token_norms;
            assert_eq!(forms.len(), 13);
            assert_eq!(forms[0], forms[4]);
            assert_eq!(forms[3], forms[5]);
            assert_eq!(forms[6], forms[8]);
            assert_eq!(forms[9], forms[11]);
            let distinct: std::collections::HashSet<_> = forms[..12].iter().copied().collect();
            assert_eq!(distinct.len(), 8);
        });
    }

    #[test]
    fn a_form_too_long_to_keep_is_scored_at_each_occurrence() {
        let scorer = scorer(MISTAKES);
        // A word whose normalised text is longer than a record's 16-bit length.
        let long = "x".repeat(70_000);
        let text = format!("{long} was a mistake, {long} a mistake.");
        let mut ws = Workspace::default();
        let scores = scorer.score_in_with(&text, "", &mut ws);
        assert_eq!(scores.categories[0].hits, 2);
        assert_eq!(scores.hits.len(), 4);
        let norms = &ws.token_norms;
        // Both occurrences have their normalised text, each its own copy, since the form was
        // not kept; every other form was, once.
        assert_eq!(ws.cache.norm(norms[0]), long);
        assert_eq!(ws.cache.norm(norms[5]), long);
        assert_ne!(norms[0], norms[5]);
        assert_eq!(norms[3], norms[7]);
        assert_eq!(ws.cache.forms.len(), 5);
        // Scored again, the short forms are found and the long one is looked up afresh.
        let again = scorer.score_in_with(&text, "", &mut ws);
        assert_eq!(again.categories[0].hits, 2);
        assert_eq!(ws.cache.forms.len(), 5);
    }

    #[test]
    fn bytes_compare_as_slices_do() {
        let texts = [
            "",
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh1234567",
            "ü",
        ];
        for x in texts {
            for y in texts {
                assert_eq!(
                    same_bytes(x.as_bytes(), y.as_bytes()),
                    x == y,
                    "{x:?} {y:?}"
                );
            }
        }
        assert!(!same_bytes(b"abcdefgXi", b"abcdefghi"));
        assert!(!same_bytes(b"abcdefghX", b"abcdefghi"));
    }
}
