//! What comparisons work from: counts, never texts. Per article its tokens, affirmed hits and
//! summed score per category and tone; per sentence its tokens, tone and affirmed hits; per
//! article and per group the affirmed hits of each lexicon term. Gathered one article at a time,
//! so `analyze` can gather while it streams and `compare` can gather from a finished output
//! folder with the same code and the same numbers. Counts can be of one voice only (the author's
//! own words, say): then tokens, hits and tones are those of that voice's words.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::text::voice::Voice;

/// A category of the comparison, in the order of the outputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub lexicon: String,
    pub name: String,
    /// The intercept of a category of a lexicon written by `framescope learn` (scored
    /// `logistic`), whose articles are compared on their fitted probability; `None` for a
    /// category compared on its rate of hits.
    pub intercept: Option<f64>,
}

impl Category {
    /// Whether the category is compared on its articles' fitted probabilities.
    pub fn learned(&self) -> bool {
        self.intercept.is_some()
    }
}

/// A lexicon: its id, its title for charts, and its categories (indices into
/// [`Schema::categories`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexicon {
    pub id: String,
    pub name: String,
    pub tone: bool,
    pub categories: std::ops::Range<usize>,
}

/// The lexicons and categories a run measured.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schema {
    pub lexicons: Vec<Lexicon>,
    pub categories: Vec<Category>,
    /// Whether a tone lexicon was in use (so tones exist).
    pub tone: bool,
}

impl Schema {
    /// Whether any category is compared on fitted probabilities.
    pub fn has_learned(&self) -> bool {
        self.categories.iter().any(Category::learned)
    }

    /// Whether `lexicon`'s categories are compared on fitted probabilities (a lexicon written by
    /// `framescope learn`): they are not counts, so no test of counts applies to them.
    pub fn is_learned(&self, lexicon: &Lexicon) -> bool {
        self.categories[lexicon.categories.clone()]
            .iter()
            .any(Category::learned)
    }
}

/// One sentence, as counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub tokens: u32,
    /// `None` for a sentence without tokens or without a tone lexicon.
    pub tone: Option<f64>,
    /// (category, affirmed hits) for the categories with hits, by category.
    pub hits: Vec<(u32, u32)>,
}

/// One article, as counts.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleCounts {
    pub id: String,
    pub group: String,
    /// The story the article reports, to pair it with other groups' articles on the same story;
    /// empty when not known.
    pub story: String,
    /// When it was published, if known.
    pub date: Option<crate::corpus::Date>,
    pub tokens: u64,
    /// Sentences, counted whether or not they are kept in `sentences`.
    pub sentence_count: u32,
    /// Affirmed hits per category (what per_1k counts).
    pub affirmed: Vec<u64>,
    /// Summed effective weights per category (what the dominant frame is chosen by).
    pub scores: Vec<f64>,
    /// Per category, the fitted probability of a learned category, as `articles.csv` writes it
    /// (of the counted voice's words when one voice is counted); `None` for other categories and
    /// where `articles.csv` leaves it empty. Empty when no category is learned.
    pub probabilities: Vec<Option<f64>>,
    pub tone: Option<f64>,
    pub sentences: Vec<Sentence>,
    /// (term, affirmed hits), by term; terms are indices into [`Observations::terms`].
    pub terms: Vec<(u32, u64)>,
    /// The mean tone of each tenth of the article (by tokens; NaN where a tenth has no toned
    /// sentence), kept when its sentences are not, so that tone through articles can still be
    /// drawn, per group. Set by [`Gatherer::add`].
    pub tenths: [f32; TENTHS],
}

/// Parts an article's length is cut into for [`ArticleCounts::tenths`].
pub const TENTHS: usize = 10;

/// The mean tone of each tenth of a text of these sentences: a sentence falls in the tenth that
/// holds its middle token; NaN for a tenth without a toned sentence.
pub fn tone_tenths(sentences: &[Sentence]) -> [f32; TENTHS] {
    let total: u64 = sentences.iter().map(|s| u64::from(s.tokens)).sum();
    let mut sums = [(0.0f64, 0u32); TENTHS];
    let mut before = 0u64;
    for s in sentences {
        let middle = before as f64 + f64::from(s.tokens) / 2.0;
        before += u64::from(s.tokens);
        let (Some(tone), true) = (s.tone, total > 0) else {
            continue;
        };
        let tenth = ((middle / total as f64 * TENTHS as f64) as usize).min(TENTHS - 1);
        sums[tenth].0 += tone;
        sums[tenth].1 += 1;
    }
    sums.map(|(sum, n)| {
        if n > 0 {
            (sum / f64::from(n)) as f32
        } else {
            f32::NAN
        }
    })
}

/// A lexicon term counted for keyness.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    pub category: u32,
    pub text: String,
    /// Its weight in the lexicon is below 0, or written -0 (as its first hit gave it): a term of a learned
    /// category whose hits lower the probability.
    pub negative: bool,
}

/// Everything comparisons need from a run.
#[derive(Debug, Clone, Default)]
pub struct Observations {
    pub schema: Schema,
    pub articles: Vec<ArticleCounts>,
    /// Sentences and terms are kept for every article (false once more articles than the detail
    /// limit were seen: article-level comparisons are then not available).
    pub detail: bool,
    pub terms: Vec<Term>,
    /// Per term, the words it matched (lower case, spaces made single) and how often, at most
    /// [`FORMS_PER_TERM`] of them: what the text says, where a term is a pattern (`~cost`).
    pub forms: Vec<Vec<(String, u64)>>,
    /// Affirmed hits per term per group (always gathered; groups × terms stays small).
    pub group_terms: BTreeMap<String, FxHashMap<u32, u64>>,
    /// Whether term counts are complete (a finished folder written with `--evidence none` or a
    /// per-article limit has no full match list).
    pub terms_complete: bool,
    /// The voice the counts are of: only the tokens and matches in it (`None`: every word).
    pub voice: Option<Voice>,
    /// The folder's full match list is listed by its manifest but gone: why terms are not
    /// complete, when they are not.
    pub matches_missing: bool,
}

/// Affirmed hits of one term in one article, as a gatherer receives them.
pub struct TermHit<'a> {
    pub category: u32,
    pub text: &'a str,
    /// The words the term matched in the text, as written there (any case).
    pub form: &'a str,
    pub hits: u64,
    /// The term's weight in the lexicon.
    pub weight: f64,
    /// The term's index in the lexicon set, when known: then its id is found by index rather
    /// than by hashing its text.
    pub term: Option<u32>,
}

/// Distinct forms kept per term: enough to show which words a pattern stands for.
pub const FORMS_PER_TERM: usize = 8;

/// Gathers [`Observations`] one article at a time, keeping sentence and term detail for at most
/// `detail_limit` articles so memory stays bounded on a large corpus.
pub struct Gatherer {
    obs: Observations,
    detail_limit: usize,
    /// Term ids by category and text, so that looking a term up allocates nothing.
    index: FxHashMap<u32, FxHashMap<String, u32>>,
    /// Term ids by index in the lexicon set ([`TermHit::term`]), [`UNSEEN`] before the first.
    by_term: Vec<u32>,
}

const UNSEEN: u32 = u32::MAX;

impl Gatherer {
    pub fn new(schema: Schema, detail_limit: usize, terms_complete: bool) -> Self {
        Gatherer {
            obs: Observations {
                schema,
                detail: true,
                terms_complete,
                ..Observations::default()
            },
            detail_limit,
            index: FxHashMap::default(),
            by_term: Vec::new(),
        }
    }

    /// Counts of the words of one voice only (`None`: every word), as the articles added say.
    pub fn with_voice(mut self, voice: Option<Voice>) -> Self {
        self.obs.voice = voice;
        self
    }

    pub fn schema(&self) -> &Schema {
        &self.obs.schema
    }

    /// Records that the match list of the folder read is gone (see
    /// [`Observations::matches_missing`]).
    pub fn set_matches_missing(&mut self, missing: bool) {
        self.obs.matches_missing = missing;
    }

    /// The id of the term of `category` written `text`, given in the order terms are first
    /// seen.
    fn term_id(&mut self, category: u32, text: &str, weight: f64) -> u32 {
        let texts = self.index.entry(category).or_default();
        if let Some(&id) = texts.get(text) {
            return id;
        }
        let id = self.obs.terms.len() as u32;
        self.obs.terms.push(Term {
            category,
            text: text.to_string(),
            negative: weight.is_sign_negative(),
        });
        texts.insert(text.to_string(), id);
        self.obs.forms.push(Vec::new());
        id
    }

    /// Adds one article; `term_hits` are its affirmed term hits, in any order (a term may come
    /// more than once). Terms get their ids in the order they are first seen.
    pub fn add<'a>(
        &mut self,
        mut article: ArticleCounts,
        term_hits: impl IntoIterator<Item = TermHit<'a>>,
    ) {
        let mut counts: Vec<(u32, u64)> = Vec::new();
        for hit in term_hits {
            let known = hit
                .term
                .and_then(|t| self.by_term.get(t as usize))
                .filter(|&&id| id != UNSEEN);
            let id = match known {
                Some(&id) => id,
                None => {
                    let id = self.term_id(hit.category, hit.text, hit.weight);
                    if let Some(t) = hit.term {
                        let t = t as usize;
                        if self.by_term.len() <= t {
                            self.by_term.resize(t + 1, UNSEEN);
                        }
                        self.by_term[t] = id;
                    }
                    id
                }
            };
            add_form(&mut self.obs.forms[id as usize], hit.form, hit.hits);
            counts.push((id, hit.hits));
        }
        article.tenths = tone_tenths(&article.sentences);
        counts.sort_unstable_by_key(|&(id, _)| id);
        counts.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 += later.1;
            }
            same
        });
        if !self.obs.group_terms.contains_key(&article.group) {
            self.obs
                .group_terms
                .insert(article.group.clone(), FxHashMap::default());
        }
        let group = self
            .obs
            .group_terms
            .get_mut(&article.group)
            .expect("inserted above");
        for &(term, n) in &counts {
            *group.entry(term).or_default() += n;
        }
        if self.obs.articles.len() >= self.detail_limit && self.obs.detail {
            self.obs.detail = false;
            for a in &mut self.obs.articles {
                a.sentences = Vec::new();
                a.terms = Vec::new();
            }
        }
        if self.obs.detail {
            article.terms = counts;
        } else {
            article.sentences = Vec::new();
            article.terms = Vec::new();
        }
        self.obs.articles.push(article);
    }

    pub fn finish(self) -> Observations {
        self.obs
    }
}

impl ArticleCounts {
    /// The fitted probability of learned category `c` (see [`ArticleCounts::probabilities`]).
    pub fn probability(&self, c: usize) -> Option<f64> {
        self.probabilities.get(c).copied().flatten()
    }
}

impl Observations {
    /// How a term reads in the text: its most frequent forms, joined by `/` (`costs/cost`).
    pub fn words_of(&self, term: u32, most: usize) -> String {
        let mut forms: Vec<&(String, u64)> = self.forms[term as usize].iter().collect();
        forms.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let words: Vec<&str> = forms.iter().take(most).map(|f| f.0.as_str()).collect();
        if words.is_empty() {
            self.terms[term as usize].text.clone()
        } else {
            words.join("/")
        }
    }
}

/// Counts `hits` of `form` among a term's forms, lower-cased with runs of white space made one
/// space; past [`FORMS_PER_TERM`] forms, new ones are not kept.
fn add_form(forms: &mut Vec<(String, u64)>, form: &str, hits: u64) {
    // Most forms are in lower case with single spaces already (the scorer's gatherer makes them
    // so): those are compared as they are, and copied only when kept.
    let made;
    let key = if is_form_key(form) {
        form
    } else {
        made = form_key(form);
        made.as_str()
    };
    if let Some(f) = forms.iter_mut().find(|f| f.0 == key) {
        f.1 += hits;
    } else if forms.len() < FORMS_PER_TERM {
        forms.push((key.to_string(), hits));
    }
}

/// How a matched form is kept: in lower case, its words separated by single spaces.
pub fn form_key(form: &str) -> String {
    if is_form_key(form) {
        return form.to_string();
    }
    if form.is_ascii() {
        // Byte by byte: lowering ASCII letters changes no length and no other byte.
        let mut key = String::with_capacity(form.len());
        for word in form.split_whitespace() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(word);
        }
        key.make_ascii_lowercase();
        return key;
    }
    let mut key = String::with_capacity(form.len());
    for word in form.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Whether `form` is its own [`form_key`]: ASCII with no capital, and words separated by single
/// spaces, with none before or after.
fn is_form_key(form: &str) -> bool {
    let bytes = form.as_bytes();
    let spaced_well = |i: usize| i > 0 && i + 1 < bytes.len() && bytes[i - 1] != b' ';
    bytes.iter().enumerate().all(|(i, &b)| {
        b.is_ascii()
            && !b.is_ascii_uppercase()
            // The vertical tab is white space to `split_whitespace`, not to `is_ascii_whitespace`.
            && (!(b.is_ascii_whitespace() || b == 0x0B) || (b == b' ' && spaced_well(i)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, group: &str) -> ArticleCounts {
        ArticleCounts {
            id: id.into(),
            group: group.into(),
            story: String::new(),
            date: None,
            tokens: 10,
            sentence_count: 1,
            affirmed: vec![1],
            scores: vec![1.0],
            probabilities: Vec::new(),
            tone: Some(0.1),
            sentences: vec![Sentence {
                tokens: 10,
                tone: Some(0.1),
                hits: vec![(0, 1)],
            }],
            terms: Vec::new(),
            tenths: [f32::NAN; TENTHS],
        }
    }

    #[test]
    fn tone_by_tenth_puts_each_sentence_where_its_middle_is() {
        let s = |tokens, tone| Sentence {
            tokens,
            tone,
            hits: Vec::new(),
        };
        // 100 tokens: the middles fall at 5, 25, 27.5, 75 and 97.5.
        let tenths = tone_tenths(&[
            s(10, Some(0.5)),
            s(30, Some(-1.0)),
            s(0, None),
            s(40, None),
            s(20, Some(0.25)),
        ]);
        assert_eq!(tenths[0], 0.5);
        assert_eq!(tenths[2], -1.0);
        assert_eq!(tenths[9], 0.25);
        assert!(tenths[1].is_nan() && tenths[6].is_nan());
        assert!(tone_tenths(&[]).iter().all(|t| t.is_nan()));
    }

    #[test]
    fn terms_are_counted_per_article_and_group_and_detail_is_dropped_past_the_limit() {
        let mut g = Gatherer::new(Schema::default(), 2, true);
        let hits = || {
            [
                TermHit {
                    category: 0,
                    text: "hope",
                    form: "Hope",
                    hits: 1,
                    weight: 1.0,
                    term: None,
                },
                TermHit {
                    category: 0,
                    text: "calm",
                    form: "calm",
                    hits: 1,
                    weight: 1.0,
                    term: None,
                },
                TermHit {
                    category: 0,
                    text: "hope",
                    form: "hopes",
                    hits: 1,
                    weight: 1.0,
                    term: None,
                },
            ]
        };
        g.add(article("a", "x"), hits());
        g.add(article("b", "x"), hits());
        let two = {
            let mut g2 = Gatherer::new(Schema::default(), 2, true);
            g2.add(article("a", "x"), hits());
            g2.finish()
        };
        assert!(two.detail);
        assert_eq!(two.articles[0].terms, vec![(0, 2), (1, 1)]);
        assert_eq!(
            two.terms[0],
            Term {
                category: 0,
                text: "hope".into(),
                negative: false,
            }
        );
        g.add(article("c", "y"), hits());
        let obs = g.finish();
        assert!(!obs.detail);
        assert!(obs
            .articles
            .iter()
            .all(|a| a.sentences.is_empty() && a.terms.is_empty()));
        assert_eq!(obs.group_terms["x"][&0], 4);
        assert_eq!(obs.group_terms["y"][&1], 1);
        assert_eq!(obs.articles.len(), 3);
        assert_eq!(obs.forms[0], vec![("hope".into(), 3), ("hopes".into(), 3)]);
        assert_eq!(obs.words_of(0, 2), "hope/hopes");
        assert_eq!(obs.words_of(1, 2), "calm");
    }

    #[test]
    fn a_form_is_kept_in_lower_case_with_single_spaces_whether_made_before_or_not() {
        for form in [
            "hope",
            "Hope",
            "peace  talks",
            " calm",
            "calm ",
            "Élan",
            "a\tb",
            "a\x0Bb",
            "x y z",
            "U.S.  Aid",
        ] {
            let mut raw = Vec::new();
            add_form(&mut raw, form, 2);
            let mut made = Vec::new();
            add_form(&mut made, &form_key(form), 2);
            assert_eq!(raw, made, "{form:?}");
            assert_eq!(is_form_key(form), raw[0].0 == form, "{form:?}");
        }
        assert_eq!(form_key(" Peace\n  TALKS "), "peace talks");
    }
}
