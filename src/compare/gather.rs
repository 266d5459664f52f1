//! Counts for comparisons from the scores of a run, rounded as the CSV outputs round them, so
//! `analyze` and `compare` on its output folder compute the same numbers.

use rustc_hash::FxHashMap;

use super::data::{
    form_key, ArticleCounts, Category, Gatherer, Lexicon, Schema, Sentence, TermHit, TENTHS,
};
use super::stories::{Bag, WordBagger};
use crate::corpus::Article;
use crate::engine::compile::LexiconSet;
use crate::engine::score::{fitted_probability, ArticleScores};
use crate::output::number::fixed;
use crate::output::tables::DECIMALS;
use crate::text::voice::Voice;

/// The categories of a compiled lexicon set.
pub fn schema(set: &LexiconSet) -> Schema {
    Schema {
        lexicons: set
            .lexicons
            .iter()
            .map(|l| Lexicon {
                id: l.id.clone(),
                name: l.name.clone(),
                tone: l.tone,
                categories: l.categories.clone(),
            })
            .collect(),
        categories: set
            .categories
            .iter()
            .map(|c| Category {
                lexicon: set.lexicons[c.lexicon].id.clone(),
                name: c.name.clone(),
                intercept: c.intercept,
            })
            .collect(),
        tone: set.tone_lexicon.is_some(),
    }
}

/// A value as the CSV outputs write it.
pub fn as_written(x: f64) -> f64 {
    fixed(x, DECIMALS).parse().unwrap_or(x)
}

/// The fitted probability of a learned category from the counts of one voice's words (its
/// summed weights as written, its tokens), as written; `analyze` and `compare` both make it
/// so, from the same numbers.
pub fn voice_probability(intercept: f64, score: f64, tokens: u64) -> Option<f64> {
    fitted_probability(intercept, score, tokens).map(as_written)
}

/// Per category of `set`, the fitted probability of a learned one as `articles.csv` writes it,
/// or with `voice` of that voice's words (`counts` are that voice's); empty without learned
/// categories.
fn probabilities(
    set: &LexiconSet,
    scores: &ArticleScores,
    counts: &ArticleCounts,
    voice: Option<Voice>,
) -> Vec<Option<f64>> {
    if set.categories.iter().all(|c| c.intercept.is_none()) {
        return Vec::new();
    }
    (0..set.categories.len())
        .map(|c| {
            let intercept = set.categories[c].intercept?;
            let all = scores.probability(set, c).map(as_written)?;
            match voice {
                None => Some(all),
                Some(_) => voice_probability(intercept, counts.scores[c], counts.tokens),
            }
        })
        .collect()
}

/// Whether a hit counts in its category's rate: all hits, less negated ones of negatable
/// categories (as `per_1k`).
fn affirmed(set: &LexiconSet, category: u32, negated: bool) -> bool {
    !(negated && set.categories[category as usize].negatable)
}

/// One scored article as counts, made on a scoring thread so that the thread that adds it to a
/// [`Gatherer`] has little left to do.
pub struct GatheredArticle {
    counts: ArticleCounts,
    /// (category, term, matched form as kept ([`form_key`]), affirmed hits), in the order each is
    /// first hit; terms are
    /// indices into [`LexiconSet::terms`].
    terms: Vec<(u32, u32, String, u64)>,
    /// Its content words, when stories are to be matched.
    words: Option<Bag>,
}

impl GatheredArticle {
    /// Gathers the article's content words too, for story matching: from its sentences, as
    /// `compare` finds them again in sentences.csv.
    pub fn with_story_words(
        mut self,
        bagger: &WordBagger,
        article: &Article,
        scores: &ArticleScores,
    ) -> Self {
        let mut counter = bagger.counter();
        for s in &scores.sentences {
            counter.add(
                article
                    .text
                    .get(s.start as usize..s.end as usize)
                    .unwrap_or(""),
            );
        }
        self.words = Some(counter.finish());
        self
    }

    /// Adds the counts to `gatherer`; returns the content words, if gathered.
    pub fn add_to(self, gatherer: &mut Gatherer, set: &LexiconSet) -> Option<Bag> {
        gatherer.add(
            self.counts,
            self.terms
                .iter()
                .map(|(category, term, form, hits)| TermHit {
                    category: *category,
                    text: &set.terms[*term as usize].text,
                    form,
                    hits: *hits,
                    weight: set.terms[*term as usize].weight,
                    term: Some(*term),
                }),
        );
        self.words
    }
}

/// One scored article as counts: of every word (`voice` `None`), or of one voice's words only.
pub fn article(
    set: &LexiconSet,
    article: &Article,
    scores: &ArticleScores,
    voice: Option<Voice>,
) -> GatheredArticle {
    let mut counts = match voice {
        None => all_words(article, scores),
        Some(v) => voice_words(set, article, scores, v),
    };
    counts.probabilities = probabilities(set, scores, &counts, voice);
    let mut terms: Vec<(u32, u32, String, u64)> = Vec::new();
    let mut position: FxHashMap<(u32, u32, &str), usize> = FxHashMap::default();
    for hit in scores
        .hits
        .iter()
        .filter(|h| affirmed(set, h.category, h.negated))
        .filter(|h| voice.is_none_or(|v| h.voice == v))
    {
        let form = article
            .text
            .get(hit.start as usize..hit.end as usize)
            .unwrap_or("");
        let at = *position
            .entry((hit.category, hit.term, form))
            .or_insert_with(|| {
                // Made here, on a scoring thread, as the gatherer keeps it.
                terms.push((hit.category, hit.term, form_key(form), 0));
                terms.len() - 1
            });
        terms[at].3 += 1;
    }
    GatheredArticle {
        counts,
        terms,
        words: None,
    }
}

/// The counts of every word of an article.
fn all_words(article: &Article, scores: &ArticleScores) -> ArticleCounts {
    let sentences = scores
        .sentences
        .iter()
        .map(|s| Sentence {
            tokens: s.tokens,
            tone: s.tone.map(as_written),
            hits: s.category_hits.clone(),
        })
        .collect();
    ArticleCounts {
        id: article.id.clone(),
        group: article.group.clone(),
        story: article.story.clone(),
        date: article.date,
        tokens: scores.tokens as u64,
        sentence_count: scores.sentences.len() as u32,
        affirmed: scores
            .categories
            .iter()
            .map(|t| t.affirmed as u64)
            .collect(),
        scores: scores
            .categories
            .iter()
            .map(|t| as_written(t.score))
            .collect(),
        probabilities: Vec::new(),
        tone: scores.tone.tone.map(as_written),
        sentences,
        terms: Vec::new(),
        tenths: [f32::NAN; TENTHS],
    }
}

/// The counts of the words of one voice: its tokens, its affirmed hits, the sum of its hits'
/// weights as matches.csv writes them, and its sentences (those with tokens of the voice) with
/// the tone of that voice's words. `compare` finds the same numbers in the outputs (see
/// [`super::read`]).
fn voice_words(
    set: &LexiconSet,
    article: &Article,
    scores: &ArticleScores,
    voice: Voice,
) -> ArticleCounts {
    let v = voice.index();
    let categories = set.categories.len();
    let mut sentence_hits: Vec<Vec<(u32, u32)>> = vec![Vec::new(); scores.sentences.len()];
    let mut weights = vec![0.0f64; categories];
    for hit in scores.hits.iter().filter(|h| h.voice == voice) {
        weights[hit.category as usize] += as_written(hit.effective);
        if !affirmed(set, hit.category, hit.negated) {
            continue;
        }
        let hits = &mut sentence_hits[hit.sentence as usize];
        match hits.iter_mut().find(|(c, _)| *c == hit.category) {
            Some((_, n)) => *n += 1,
            None => hits.push((hit.category, 1)),
        }
    }
    let sentences: Vec<Sentence> = scores
        .sentences
        .iter()
        .zip(sentence_hits)
        .filter(|(s, _)| s.voice_tokens[v] > 0)
        .map(|(s, mut hits)| {
            hits.sort_unstable();
            Sentence {
                tokens: s.voice_tokens[v],
                tone: s.voice_tone[v].map(as_written),
                hits,
            }
        })
        .collect();
    ArticleCounts {
        id: article.id.clone(),
        group: article.group.clone(),
        story: article.story.clone(),
        date: article.date,
        tokens: scores.voice_tokens[v] as u64,
        sentence_count: sentences.len() as u32,
        affirmed: scores
            .categories
            .iter()
            .map(|t| t.voice_affirmed[v] as u64)
            .collect(),
        scores: weights.into_iter().map(as_written).collect(),
        probabilities: Vec::new(),
        tone: mean_tone(&sentences),
        sentences,
        terms: Vec::new(),
        tenths: [f32::NAN; TENTHS],
    }
}

/// The tone of one voice's words in an article: the mean of its sentences' tones (as written),
/// as written.
pub fn mean_tone(sentences: &[Sentence]) -> Option<f64> {
    let tones: Vec<f64> = sentences.iter().filter_map(|s| s.tone).collect();
    (!tones.is_empty()).then(|| as_written(tones.iter().sum::<f64>() / tones.len() as f64))
}
