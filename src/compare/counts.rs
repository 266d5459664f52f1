//! Comparisons from per-article counts handed over rather than read from an output folder: the
//! `articles` and `frames` rows of each article, as an engine that scored a corpus in parts
//! (a cluster job) gathers them, so its groups are compared with the statistics `analyze` uses.
//! The rows hold no sentence and no match: what needs them (keyness, same-story pairs, articles
//! compared one by one) is not available from them.

use std::collections::HashMap;

use super::data::{ArticleCounts, Gatherer, Observations, TENTHS};
use super::gather::{schema, voice_probability};
use crate::engine::compile::LexiconSet;

/// An article's row of `articles`: the counts a comparison needs of it.
#[derive(Debug, Clone, PartialEq)]
pub struct CountedArticle {
    pub id: String,
    pub group: String,
    pub tokens: u64,
    pub sentences: u32,
    pub tone: Option<f64>,
}

/// A row of `frames`: one article's hits of one category.
#[derive(Debug, Clone, PartialEq)]
pub struct CountedFrame {
    pub article: String,
    pub lexicon: String,
    pub category: String,
    pub hits: u64,
    pub negated: u64,
    pub score: f64,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CountsError {
    #[error("articles record {record}: the id `{id}` is in record {first} already; give each article once (sum its counts first)")]
    RepeatedArticle {
        record: usize,
        first: usize,
        id: String,
    },
    #[error("frames record {record}: article `{id}` is not among the articles; give the articles and frames rows of the same articles")]
    UnknownArticle { record: usize, id: String },
    #[error("frames record {record}: lexicon `{lexicon}` has no category `{category}` among the lexicons scored; compare with the lexicons the rows were scored with")]
    UnknownCategory {
        record: usize,
        lexicon: String,
        category: String,
    },
    #[error("frames record {record}: {negated} negated hits are more than its {hits} hits")]
    MoreNegatedThanHits {
        record: usize,
        negated: u64,
        hits: u64,
    },
}

/// The counts comparisons work from, built from the rows of `articles` and `frames` scored with
/// the lexicons of `set`; records are numbered from 1 in messages. Frames rows of the same
/// article and category add up.
pub fn observations(
    set: &LexiconSet,
    articles: Vec<CountedArticle>,
    frames: &[CountedFrame],
) -> Result<Observations, CountsError> {
    let schema = schema(set);
    let categories = schema.categories.len();
    let category_index: HashMap<(&str, &str), usize> = schema
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.lexicon.as_str(), c.name.as_str()), i))
        .collect();
    let mut position: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    for (i, a) in articles.iter().enumerate() {
        if let Some(&first) = position.get(a.id.as_str()) {
            return Err(CountsError::RepeatedArticle {
                record: i + 1,
                first: first + 1,
                id: a.id.clone(),
            });
        }
        position.insert(&a.id, i);
    }
    let mut affirmed = vec![vec![0u64; categories]; articles.len()];
    let mut scores = vec![vec![0.0f64; categories]; articles.len()];
    for (i, f) in frames.iter().enumerate() {
        let record = i + 1;
        let Some(&a) = position.get(f.article.as_str()) else {
            return Err(CountsError::UnknownArticle {
                record,
                id: f.article.clone(),
            });
        };
        let Some(&c) = category_index.get(&(f.lexicon.as_str(), f.category.as_str())) else {
            return Err(CountsError::UnknownCategory {
                record,
                lexicon: f.lexicon.clone(),
                category: f.category.clone(),
            });
        };
        if f.negated > f.hits {
            return Err(CountsError::MoreNegatedThanHits {
                record,
                negated: f.negated,
                hits: f.hits,
            });
        }
        // What `per_1k` counts: a negated hit of a negatable category is not affirmed.
        let negated = if set.categories[c].negatable {
            f.negated
        } else {
            0
        };
        affirmed[a][c] += f.hits - negated;
        scores[a][c] += f.score;
    }
    // No article keeps sentences or terms: article-level comparisons are not offered.
    let mut gatherer = Gatherer::new(schema, 0, false);
    let learned = set.categories.iter().any(|c| c.intercept.is_some());
    for ((a, affirmed), scores) in articles.into_iter().zip(affirmed).zip(scores) {
        // A learned category is compared on its fitted probability, made from the summed
        // weights as `compare DIR` makes one voice's.
        let probabilities = if learned {
            set.categories
                .iter()
                .zip(&scores)
                .map(|(category, &score)| voice_probability(category.intercept?, score, a.tokens))
                .collect()
        } else {
            Vec::new()
        };
        let counts = ArticleCounts {
            id: a.id,
            group: a.group,
            story: String::new(),
            date: None,
            tokens: a.tokens,
            sentence_count: a.sentences,
            affirmed,
            scores,
            probabilities,
            tone: a.tone,
            sentences: Vec::new(),
            terms: Vec::new(),
            tenths: [f32::NAN; TENTHS],
        };
        gatherer.add(counts, std::iter::empty());
    }
    Ok(gatherer.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::gather::{self, as_written};
    use crate::corpus::Article;
    use crate::{LexiconDir, Scorer};

    fn scorer() -> Scorer {
        let loaded = crate::lexicon::load(&[], &LexiconDir::embedded_only()).expect("lexicons");
        Scorer::new(&loaded).expect("compiles")
    }

    fn article(id: &str, group: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            group: group.into(),
            story: String::new(),
            date: None,
            title: String::new(),
            text: text.into(),
            origin: id.into(),
            warnings: Vec::new(),
            kept: Vec::new(),
            language: String::new(),
        }
    }

    /// The articles and frames rows of a scored article, as its tables hold them.
    fn rows(
        set: &LexiconSet,
        a: &Article,
        s: &crate::ArticleScores,
    ) -> (CountedArticle, Vec<CountedFrame>) {
        let frames = s
            .categories
            .iter()
            .enumerate()
            .map(|(c, tally)| CountedFrame {
                article: a.id.clone(),
                lexicon: set.lexicons[set.categories[c].lexicon].id.clone(),
                category: set.categories[c].name.clone(),
                hits: tally.hits as u64,
                negated: tally.negated as u64,
                score: as_written(tally.score),
            })
            .collect();
        let counted = CountedArticle {
            id: a.id.clone(),
            group: a.group.clone(),
            tokens: s.tokens as u64,
            sentences: s.sentences.len() as u32,
            tone: s.tone.tone.map(as_written),
        };
        (counted, frames)
    }

    #[test]
    fn counts_from_rows_are_the_counts_gathered_from_scores() {
        let scorer = scorer();
        let set = scorer.lexicons();
        let texts = [
            (
                "a",
                "x",
                "There is no hope and no peace. The crisis is not over, troops said.",
            ),
            (
                "b",
                "y",
                "Hope returns: aid reached refugees and talks resumed without threats.",
            ),
        ];
        let mut articles = Vec::new();
        let mut frames = Vec::new();
        let mut gathered = Vec::new();
        for (id, group, text) in texts {
            let a = article(id, group, text);
            let s = scorer.score(text);
            let (counted, rows) = rows(set, &a, &s);
            articles.push(counted);
            frames.extend(rows);
            gathered.push(gather::article(set, &a, &s, None));
        }
        let obs = observations(set, articles, &frames).expect("counts");
        assert!(!obs.detail && !obs.terms_complete);
        assert!(obs
            .articles
            .iter()
            .any(|a| a.affirmed.iter().sum::<u64>() > 0));
        let mut gatherer = Gatherer::new(schema(set), 10, true);
        for g in gathered {
            g.add_to(&mut gatherer, set);
        }
        let expected = gatherer.finish();
        for (mine, theirs) in obs.articles.iter().zip(&expected.articles) {
            assert_eq!(mine.affirmed, theirs.affirmed, "{}", mine.id);
            assert_eq!(mine.scores, theirs.scores, "{}", mine.id);
            assert_eq!((mine.tokens, mine.tone), (theirs.tokens, theirs.tone));
        }
        assert_eq!(obs.group_terms.len(), 2);
    }

    #[test]
    fn rows_that_do_not_fit_say_which() {
        let scorer = scorer();
        let set = scorer.lexicons();
        let one = |id: &str| CountedArticle {
            id: id.into(),
            group: "g".into(),
            tokens: 10,
            sentences: 1,
            tone: None,
        };
        let frame = |id: &str, category: &str, hits: u64, negated: u64| CountedFrame {
            article: id.into(),
            lexicon: "crisis".into(),
            category: category.into(),
            hits,
            negated,
            score: 0.0,
        };
        let error = |articles, frames: &[CountedFrame]| {
            observations(set, articles, frames)
                .expect_err("refused")
                .to_string()
        };
        assert!(error(vec![one("a"), one("a")], &[])
            .starts_with("articles record 2: the id `a` is in record 1"));
        assert!(error(vec![one("a")], &[frame("b", "hope", 1, 0)])
            .starts_with("frames record 1: article `b`"));
        assert!(
            error(vec![one("a")], &[frame("a", "nosuch", 1, 0)]).contains("no category `nosuch`")
        );
        assert!(error(vec![one("a")], &[frame("a", "hope", 1, 2)])
            .contains("2 negated hits are more than its 1"));
        let summed = observations(
            set,
            vec![one("a")],
            &[frame("a", "hope", 1, 0), frame("a", "hope", 2, 0)],
        )
        .expect("ok");
        let hope = set
            .categories
            .iter()
            .position(|c| c.name == "hope")
            .expect("hope");
        assert_eq!(summed.articles[0].affirmed[hope], 3);
    }
}
