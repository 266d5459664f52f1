//! The scorer: text in, [`ArticleScores`] out, with no file involved. Thread-safe; each thread
//! keeps a cache of token forms so normalisation, stemming and lookups happen once per form.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::compile::{CompileError, LexiconSet, PatternId};
use crate::lexicon::Loaded;
use crate::matcher::{find_hits, MatchBuffers, RawHit};
use crate::modifiers::{effect, Context, SentenceFacts};
use crate::score::{
    log_ratio, per_1k, ArticleScores, CategoryTally, Hit, SentenceScores, ToneScores,
};
use crate::text::{normalize, Analysis};

/// A form cache larger than this is dropped and rebuilt, so memory stays bounded on corpora with
/// endless distinct tokens (ids, numbers, misspellings).
const MAX_CACHED_FORMS: usize = 500_000;

static NEXT_SCORER_ID: AtomicU64 = AtomicU64::new(1);

/// Scores texts against a compiled set of lexicons.
///
/// ```
/// use framescope::{LexiconDir, Scorer};
/// let loaded = framescope::lexicon::load(&["tone".to_string()], &LexiconDir::embedded_only()).unwrap();
/// let scorer = Scorer::new(&loaded).unwrap();
/// let scores = scorer.score("The talks were a great success. Nobody was hurt.");
/// assert!(scores.tone.tone.unwrap() > 0.0);
/// ```
pub struct Scorer {
    set: LexiconSet,
    id: u64,
}

/// A token form: its normalised text and the lexicon patterns it satisfies.
struct Form {
    norm: Box<str>,
    patterns: Box<[PatternId]>,
}

/// Per-thread buffers and form cache, reused between articles.
#[derive(Default)]
pub struct Workspace {
    scorer: u64,
    cache: HashMap<Box<str>, u32>,
    forms: Vec<Form>,
    analysis: Analysis,
    token_forms: Vec<u32>,
    buffers: MatchBuffers,
    raw_hits: Vec<RawHit>,
    norm: String,
    patterns: Vec<PatternId>,
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

    /// Scores one text, also returning its analysis (tokens and sentences) for display.
    pub fn analyse(&self, text: &str) -> (ArticleScores, Analysis) {
        let mut ws = Workspace::default();
        let scores = self.score_with(text, &mut ws);
        (scores, ws.analysis)
    }

    /// Scores one text with an explicit workspace.
    pub fn score_with(&self, text: &str, ws: &mut Workspace) -> ArticleScores {
        if ws.scorer != self.id || ws.forms.len() > MAX_CACHED_FORMS {
            ws.cache.clear();
            ws.forms.clear();
            ws.scorer = self.id;
        }
        ws.analysis.run(text, &self.set.abbreviations);
        self.resolve_forms(text, ws);
        let forms = &ws.forms;
        let token_forms = &ws.token_forms;
        find_hits(
            &self.set,
            &ws.analysis.sentences,
            |i| &forms[token_forms[i] as usize].patterns,
            &mut ws.buffers,
            &mut ws.raw_hits,
        );
        let norms: Vec<&str> = token_forms
            .iter()
            .map(|&f| &*forms[f as usize].norm)
            .collect();
        let ctx = Context {
            text,
            tokens: &ws.analysis.tokens,
            norms: &norms,
        };
        self.tally(&ctx, &ws.analysis, &ws.raw_hits)
    }

    fn resolve_forms(&self, text: &str, ws: &mut Workspace) {
        ws.token_forms.clear();
        for token in &ws.analysis.tokens {
            let raw = token.text(text);
            let id = match ws.cache.get(raw) {
                Some(&id) => id,
                None => {
                    normalize(raw, token.kind, &mut ws.norm);
                    ws.patterns.clear();
                    self.set.patterns_of(&ws.norm, &mut ws.patterns);
                    let id = ws.forms.len() as u32;
                    ws.forms.push(Form {
                        norm: ws.norm.as_str().into(),
                        patterns: ws.patterns.as_slice().into(),
                    });
                    ws.cache.insert(raw.into(), id);
                    id
                }
            };
            ws.token_forms.push(id);
        }
    }

    fn tally(&self, ctx: &Context, analysis: &Analysis, raw_hits: &[RawHit]) -> ArticleScores {
        let set = &self.set;
        let tone_categories = set.tone_categories();
        let mut categories = vec![CategoryTally::default(); set.categories.len()];
        let mut sentences: Vec<SentenceScores> = analysis
            .sentences
            .iter()
            .map(|s| SentenceScores {
                start: s.start,
                end: s.end,
                tokens: ctx.tokens[s.tokens.start as usize..s.tokens.end as usize]
                    .iter()
                    .filter(|t| t.is_countable())
                    .count() as u32,
                valence: 0.0,
                tone: None,
                hits: 0,
                positive: 0,
                negative: 0,
                category_hits: Vec::new(),
            })
            .collect();
        let mut hits = Vec::with_capacity(raw_hits.len());
        let mut tone = ToneScores::default();
        // Sentence facts per lexicon, for the sentence being worked on.
        let mut facts: Vec<Option<SentenceFacts>> = vec![None; set.lexicons.len()];
        let mut facts_sentence = u32::MAX;
        for raw in raw_hits {
            let term = &set.terms[raw.term as usize];
            let category = &set.categories[raw.category as usize];
            let rules = &set.rules[category.lexicon];
            let sentence = &analysis.sentences[raw.sentence as usize];
            if facts_sentence != raw.sentence {
                facts.iter_mut().for_each(|f| *f = None);
                facts_sentence = raw.sentence;
            }
            let sentence_facts = *facts[category.lexicon]
                .get_or_insert_with(|| SentenceFacts::of(ctx, sentence, rules));
            let e = effect(ctx, raw, sentence, &sentence_facts, rules);
            let negation = if e.negated && category.negatable {
                rules.negation_factor
            } else {
                1.0
            };
            let effective = term.weight * e.factor * negation;

            let tally = &mut categories[raw.category as usize];
            tally.hits += 1;
            tally.negated += e.negated as u32;
            let affirmed = !(e.negated && category.negatable);
            tally.affirmed += affirmed as u32;
            tally.score += effective;

            let s = &mut sentences[raw.sentence as usize];
            s.hits += 1;
            if affirmed {
                match s.category_hits.last_mut() {
                    Some((c, n)) if *c == raw.category => *n += 1,
                    _ => match s.category_hits.iter_mut().find(|(c, _)| *c == raw.category) {
                        Some((_, n)) => *n += 1,
                        None => s.category_hits.push((raw.category, 1)),
                    },
                }
            }
            if tone_categories.contains(&(raw.category as usize)) {
                let valence = category.polarity as f64 * effective;
                s.valence += valence;
                if valence > 0.0 {
                    s.positive += 1;
                    tone.positive += 1;
                } else if valence < 0.0 {
                    s.negative += 1;
                    tone.negative += 1;
                }
            }
            let first = &ctx.tokens[raw.first as usize];
            let last = &ctx.tokens[raw.end as usize - 1];
            hits.push(Hit {
                sentence: raw.sentence,
                start: first.start,
                end: last.end,
                term: raw.term,
                category: raw.category,
                weight: term.weight,
                effective,
                negated: e.negated,
                note: e.note,
            });
        }
        let tokens = ctx.tokens.iter().filter(|t| t.is_countable()).count() as u32;
        if let Some(lexicon) = set.tone_lexicon {
            let rules = &set.rules[lexicon];
            let mut sum = 0.0;
            let mut counted = 0usize;
            for (i, s) in sentences.iter_mut().enumerate() {
                s.category_hits.sort_unstable();
                if s.tokens == 0 {
                    continue;
                }
                if s.valence != 0.0 && rules.exclamation_boost > 0.0 {
                    let facts = SentenceFacts::of(ctx, &analysis.sentences[i], rules);
                    s.valence += s.valence.signum()
                        * facts.exclamations.min(3) as f64
                        * rules.exclamation_boost;
                }
                let t = s.valence / (s.valence * s.valence + rules.tone_alpha).sqrt();
                s.tone = Some(t);
                sum += t;
                counted += 1;
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
        }
    }
}
