//! Finding the same story across groups from the texts, for inputs that do not say which
//! articles report the same story. Each article is a bag of content words (lower-cased
//! alphabetic words of three letters or more, less a short list of function words, stemmed, at
//! most [`WORDS_PER_ARTICLE`] of them), each weighted by its count times a squared idf over the
//! corpus (tf-idf with rare words weighing more); articles of different groups whose cosine
//! similarity reaches the threshold are paired, most similar first, so that a story holds at most
//! one article per group. Pure: texts and counts in, pairs and story ids out.

use std::collections::HashMap;

use rust_stemmers::Stemmer;
use rustc_hash::FxHashMap;

/// The similarity from which two articles are taken to report the same story, when not asked
/// otherwise. Measured on the example articles among generated ones (docs/stories.md): in a
/// corpus of 281 articles the example stories scored 0.11 to 0.24 and different stories at most
/// 0.09; among 4,873 articles, one pair in 70,000 of different stories reached 0.1.
pub const DEFAULT_THRESHOLD: f64 = 0.1;

/// Content words kept per article: its most frequent ones. Enough to tell a story (a news
/// article has a few hundred distinct words, most of them once), and memory stays bounded.
pub const WORDS_PER_ARTICLE: usize = 200;

/// Shorter words say little about the story (and are mostly function words).
const MIN_LETTERS: usize = 3;

/// A word in more articles than this share of them, and in more than [`COMMON_FLOOR`] articles,
/// is left out: it tells no story from another, and its pairs would make the cost quadratic.
const COMMON_SHARE: f64 = 0.5;
const COMMON_FLOOR: usize = 50;

/// English function words and reporting verbs of three letters or more: in every story alike.
/// For other languages tf-idf weighs their function words down.
pub(crate) const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "against", "all", "also", "among", "and", "another", "any", "are",
    "because", "been", "before", "being", "between", "both", "but", "can", "could", "did", "does",
    "doing", "down", "during", "each", "either", "even", "ever", "for", "from", "further", "had",
    "has", "have", "having", "her", "here", "hers", "herself", "him", "himself", "his", "how",
    "however", "into", "its", "itself", "just", "last", "least", "less", "many", "may", "might",
    "more", "most", "much", "must", "neither", "nor", "not", "now", "off", "once", "one", "only",
    "other", "our", "ours", "out", "over", "own", "said", "same", "say", "says", "she", "should",
    "since", "some", "still", "such", "than", "that", "the", "their", "theirs", "them", "then",
    "there", "these", "they", "this", "those", "though", "through", "told", "too", "two", "under",
    "until", "upon", "very", "was", "were", "what", "when", "where", "whether", "which", "while",
    "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you",
    "your", "yours",
];

/// Makes bags of content words, with the stemmer of the corpus's language.
pub struct WordBagger {
    stemmer: Option<Stemmer>,
}

impl WordBagger {
    /// A bagger for texts in `language` (an ISO 639-1 code); one the stemmer does not know is
    /// not stemmed.
    pub fn new(language: &str) -> WordBagger {
        WordBagger {
            stemmer: crate::lexicon::stemmer_for(language),
        }
    }

    /// A bagger for the language most of `languages` (those of the lexicons in use) name; the
    /// first of the most named on a tie, English when none is given.
    pub fn for_languages<'a>(languages: impl IntoIterator<Item = &'a str>) -> WordBagger {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for language in languages {
            match counts.iter_mut().find(|(l, _)| *l == language) {
                Some((_, n)) => *n += 1,
                None => counts.push((language, 1)),
            }
        }
        let most = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
        let language = counts
            .iter()
            .find(|&&(_, n)| n == most)
            .map_or("en", |&(l, _)| l);
        WordBagger::new(language)
    }

    /// A counter for the text of one article, given in pieces (its sentences).
    pub fn counter(&self) -> WordCounter<'_> {
        WordCounter {
            bagger: self,
            words: FxHashMap::default(),
            lower: String::new(),
        }
    }

    /// The bag of one whole text.
    pub fn bag(&self, text: &str) -> Bag {
        let mut counter = self.counter();
        counter.add(text);
        counter.finish()
    }
}

/// Counts the content words of one article, piece by piece.
pub struct WordCounter<'a> {
    bagger: &'a WordBagger,
    /// Lower-cased words and their counts; stemmed once each at the end.
    words: FxHashMap<String, u32>,
    lower: String,
}

impl WordCounter<'_> {
    /// Counts the content words of `text`.
    pub fn add(&mut self, text: &str) {
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if word.len() < MIN_LETTERS || word.chars().nth(MIN_LETTERS - 1).is_none() {
                continue;
            }
            self.lower.clear();
            self.lower.extend(word.chars().flat_map(char::to_lowercase));
            if STOP_WORDS.binary_search(&self.lower.as_str()).is_ok() {
                continue;
            }
            match self.words.get_mut(self.lower.as_str()) {
                Some(n) => *n += 1,
                None => {
                    self.words.insert(self.lower.clone(), 1);
                }
            }
        }
    }

    /// The article's bag: its stems and their counts, the most frequent
    /// [`WORDS_PER_ARTICLE`] of them (by count, then alphabetically).
    pub fn finish(self) -> Bag {
        let mut stems: FxHashMap<String, u32> = FxHashMap::default();
        for (word, n) in self.words {
            let stem = match &self.bagger.stemmer {
                Some(stemmer) => stemmer.stem(&word).into_owned(),
                None => word,
            };
            *stems.entry(stem).or_default() += n;
        }
        let mut words: Vec<(String, u32)> = stems.into_iter().collect();
        words.sort_unstable_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        words.truncate(WORDS_PER_ARTICLE);
        words.shrink_to_fit();
        Bag(words)
    }
}

/// The content words of one article (stems and counts), as its scoring thread makes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bag(pub Vec<(String, u32)>);

/// The bags of every article of a run, in the order of its articles, with each stem stored once.
#[derive(Debug, Default)]
pub struct StoryWords {
    vocabulary: FxHashMap<Box<str>, u32>,
    /// Per article: (stem id, count).
    bags: Vec<Box<[(u32, u32)]>>,
}

impl StoryWords {
    /// Adds the bag of the next article.
    pub fn push(&mut self, bag: Bag) {
        let ids: Vec<(u32, u32)> = bag
            .0
            .into_iter()
            .map(|(word, n)| {
                let next = self.vocabulary.len() as u32;
                let id = *self.vocabulary.entry(word.into_boxed_str()).or_insert(next);
                (id, n)
            })
            .collect();
        self.bags.push(ids.into_boxed_slice());
    }

    /// How many articles have a bag.
    pub fn len(&self) -> usize {
        self.bags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bags.is_empty()
    }
}

/// Two articles found to report one story.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchedPair {
    /// The story both now report.
    pub story: String,
    /// The articles, as indices into the list matched (`a` comes first there).
    pub a: usize,
    pub b: usize,
    /// Cosine similarity of their tf-idf weighted content words.
    pub similarity: f64,
}

/// What story matching found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matching {
    /// The pairs, story by story (in the order of their first article), most similar first.
    pub pairs: Vec<MatchedPair>,
    /// (article, story) for every article whose story changes.
    pub assigned: Vec<(usize, String)>,
}

impl Matching {
    /// Gives the articles their new stories (`stories` in the order matched).
    pub fn apply<'a>(&self, stories: impl IntoIterator<Item = &'a mut String>) {
        let mut stories: Vec<&mut String> = stories.into_iter().collect();
        for (article, story) in &self.assigned {
            if let Some(s) = stories.get_mut(*article) {
                story.clone_into(s);
            }
        }
    }
}

/// Finds the articles of different groups that report one story. `articles` gives each
/// article's group and story (empty when not known), in the order of `words`.
///
/// Articles already sharing a story with an article of another group keep it (their story is
/// the input's); a story that only one group's articles have pairs nothing, so such articles
/// are matched like those without one. Candidate pairs (different, known groups, similarity at
/// least `threshold`) are taken most similar first; a pair is taken when its two stories hold
/// articles of different groups only, and not both come from the input, and the two stories
/// become one: so a story holds at most one article per group, and each article is matched to
/// at most one article of each other group. Stories made this way are named `match-001`,
/// `match-002`, ... in the order of their first article; those that join an input's story take
/// its name.
pub fn match_stories<'a>(
    articles: impl IntoIterator<Item = (&'a str, &'a str)>,
    words: &StoryWords,
    threshold: f64,
) -> Matching {
    let articles: Vec<(&str, &str)> = articles.into_iter().collect();
    let n = articles.len().min(words.bags.len());
    let articles = &articles[..n];
    let mut stories = Stories::new(articles);
    let mut candidates = similar_pairs(articles, &words.bags[..n], words.vocabulary.len());
    candidates.retain(|c| c.0 >= threshold);
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut taken = Vec::new();
    for (similarity, a, b) in candidates {
        if stories.join(a, b) {
            taken.push((a, b, similarity));
        }
    }
    stories.name(articles, taken)
}

/// Every pair (similarity, a, b) with a < b of articles of different known groups that share a
/// content word, with the cosine similarity of their tf-idf weighted bags.
fn similar_pairs(
    articles: &[(&str, &str)],
    bags: &[Box<[(u32, u32)]>],
    vocabulary: usize,
) -> Vec<(f64, usize, usize)> {
    let n = bags.len();
    let mut documents = vec![0usize; vocabulary];
    for bag in bags {
        for &(word, _) in bag.iter() {
            documents[word as usize] += 1;
        }
    }
    let common = |word: u32| {
        let df = documents[word as usize];
        df > COMMON_FLOOR && df as f64 > COMMON_SHARE * n as f64
    };
    // Smoothed idf, so that a word of every article still counts a little (in a corpus of two
    // articles every shared word is in every article).
    // Squared smoothed idf: the rare words that name a story's people and places weigh far
    // above the words any story uses, and a word of every article still counts a little (in a
    // corpus of two articles every shared word is in every article). Plain idf let articles of
    // different stories reach the similarity of one story's articles (docs/stories.md).
    let idf = |word: u32| {
        let rarity = ((1 + n) as f64 / (1 + documents[word as usize]) as f64).ln();
        1.0 + rarity * rarity
    };
    let vectors: Vec<Vec<(u32, f64)>> = bags
        .iter()
        .map(|bag| {
            let mut v: Vec<(u32, f64)> = bag
                .iter()
                .filter(|&&(word, _)| !common(word))
                .map(|&(word, count)| (word, count as f64 * idf(word)))
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            v.iter_mut()
                .for_each(|(_, w)| *w /= norm.max(f64::MIN_POSITIVE));
            v
        })
        .collect();
    let mut postings: Vec<Vec<(u32, f64)>> = vec![Vec::new(); vocabulary];
    for (i, vector) in vectors.iter().enumerate() {
        if !articles[i].0.is_empty() {
            for &(word, weight) in vector {
                postings[word as usize].push((i as u32, weight));
            }
        }
    }
    let mut pairs = Vec::new();
    let mut dot = vec![0.0f64; n];
    let mut touched: Vec<usize> = Vec::new();
    for (i, vector) in vectors.iter().enumerate() {
        let group = articles[i].0;
        if group.is_empty() {
            continue;
        }
        for &(word, weight) in vector {
            for &(j, other) in &postings[word as usize] {
                let j = j as usize;
                if j > i && articles[j].0 != group {
                    if dot[j] == 0.0 {
                        touched.push(j);
                    }
                    dot[j] += weight * other;
                }
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            pairs.push((dot[j].min(1.0), i, j));
            dot[j] = 0.0;
        }
        touched.clear();
    }
    pairs
}

/// The stories as matching joins them: one set of articles each (a union-find over articles).
struct Stories {
    parent: Vec<usize>,
    /// At each story's root: the groups of its articles (ids, sorted), whether its name comes
    /// from the input (it spanned groups before matching), and whether matching joined it.
    groups: Vec<Vec<u32>>,
    from_input: Vec<bool>,
    joined: Vec<bool>,
}

impl Stories {
    /// The stories of the input: articles of one named story together, every other alone.
    fn new(articles: &[(&str, &str)]) -> Stories {
        let mut group_ids: HashMap<&str, u32> = HashMap::new();
        let mut stories = Stories {
            parent: (0..articles.len()).collect(),
            groups: articles
                .iter()
                .map(|&(group, _)| {
                    if group.is_empty() {
                        return Vec::new();
                    }
                    let next = group_ids.len() as u32;
                    vec![*group_ids.entry(group).or_insert(next)]
                })
                .collect(),
            from_input: vec![false; articles.len()],
            joined: vec![false; articles.len()],
        };
        let mut first_of: HashMap<&str, usize> = HashMap::new();
        for (i, &(_, story)) in articles.iter().enumerate() {
            if story.is_empty() {
                continue;
            }
            match first_of.get(story) {
                Some(&first) => stories.union(first, i),
                None => {
                    first_of.insert(story, i);
                }
            }
        }
        for i in 0..articles.len() {
            if stories.root(i) == i {
                stories.from_input[i] = stories.groups[i].len() > 1;
            }
        }
        stories
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        let (keep, gone) = (a.min(b), a.max(b));
        self.parent[gone] = keep;
        let mut groups = std::mem::take(&mut self.groups[gone]);
        groups.extend_from_slice(&self.groups[keep]);
        groups.sort_unstable();
        groups.dedup();
        self.groups[keep] = groups;
        self.from_input[keep] |= self.from_input[gone];
        self.joined[keep] |= self.joined[gone];
    }

    /// Joins the stories of `a` and `b` when they hold articles of different groups only and
    /// not both are the input's; true when joined.
    fn join(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb || (self.from_input[ra] && self.from_input[rb]) {
            return false;
        }
        let shared = self.groups[ra]
            .iter()
            .any(|g| self.groups[rb].binary_search(g).is_ok());
        if shared {
            return false;
        }
        self.union(ra, rb);
        let root = self.root(ra);
        self.joined[root] = true;
        true
    }

    /// Names the stories matching joined and lists the pairs `taken` (a, b, similarity) under
    /// them.
    fn name(mut self, articles: &[(&str, &str)], taken: Vec<(usize, usize, f64)>) -> Matching {
        let used: std::collections::HashSet<&str> = articles.iter().map(|a| a.1).collect();
        let mut names: HashMap<usize, String> = HashMap::new();
        let mut number = 0;
        let mut assigned = Vec::new();
        for i in 0..articles.len() {
            let root = self.root(i);
            if !self.joined[root] {
                continue;
            }
            let name = names.entry(root).or_insert_with(|| {
                if self.from_input[root] {
                    return articles[root].1.to_string();
                }
                loop {
                    number += 1;
                    let name = format!("match-{number:03}");
                    if !used.contains(name.as_str()) {
                        return name;
                    }
                }
            });
            if articles[i].1 != name.as_str() {
                assigned.push((i, name.clone()));
            }
        }
        let mut pairs: Vec<(usize, MatchedPair)> = taken
            .into_iter()
            .map(|(a, b, similarity)| {
                let root = self.root(a);
                let pair = MatchedPair {
                    story: names[&root].clone(),
                    a,
                    b,
                    similarity,
                };
                (root, pair)
            })
            .collect();
        // Story by story in the order of their first article; within one, as taken.
        pairs.sort_by_key(|(root, _)| *root);
        Matching {
            pairs: pairs.into_iter().map(|(_, pair)| pair).collect(),
            assigned,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VISIT_WIRE: &str = "The foreign minister of Valdora arrived in the capital on Monday \
        for talks with the prime minister about trade, the border dispute and fishing rights. \
        Officials said the visit, the first in six years, would focus on the border.";
    const VISIT_OPINION: &str = "At last Valdora's foreign minister has come to our capital. \
        Talks on trade and the long border dispute can finally move forward, and the fishing \
        rights that divided the prime minister's cabinet may be settled at the border.";
    const FACTORY_WIRE: &str = "A chemical factory near the river closed on Tuesday after \
        inspectors found leaking tanks. Workers were sent home and the plant owner promised \
        repairs to the tanks within weeks.";
    const FACTORY_OPINION: &str = "The leaking tanks at the riverside chemical factory are a \
        scandal. Inspectors closed the plant, workers lost their shifts, and the owner's \
        promise of repairs comes far too late.";
    const FLOODS: &str = "Heavy rain flooded the northern valley overnight; rescue teams \
        evacuated villages as the dam overflowed and roads were washed away.";

    fn words(texts: &[&str]) -> StoryWords {
        let bagger = WordBagger::new("en");
        let mut words = StoryWords::default();
        for t in texts {
            words.push(bagger.bag(t));
        }
        words
    }

    fn matched(articles: &[(&str, &str)], texts: &[&str]) -> Matching {
        match_stories(articles.iter().copied(), &words(texts), DEFAULT_THRESHOLD)
    }

    #[test]
    fn stop_words_are_sorted_for_lookup() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn bags_hold_stemmed_content_words_and_their_counts() {
        let bag = WordBagger::new("en").bag("The Talks, talking; TALKED! of a war-torn city, 2024");
        let mut stems = bag.0.clone();
        stems.sort();
        assert_eq!(
            stems,
            [
                ("citi".into(), 1),
                ("talk".into(), 3),
                ("torn".into(), 1),
                ("war".into(), 1)
            ]
        );
        // Pieces count as one text.
        let bagger = WordBagger::new("en");
        let mut counter = bagger.counter();
        counter.add("The Talks, talking;");
        counter.add("TALKED! of a war-torn city, 2024");
        assert_eq!(counter.finish(), bag);
        // At most the most frequent words, ties alphabetically.
        let long: Vec<String> = (0..300)
            .map(|i| {
                let letters: String = format!("{i:03}")
                    .chars()
                    .map(|d| (b'a' + d.to_digit(10).unwrap() as u8) as char)
                    .collect();
                format!("zz{letters}")
            })
            .collect();
        let bag = WordBagger::new("xx").bag(&format!("{} zzaaa", long.join(" ")));
        assert_eq!(bag.0.len(), WORDS_PER_ARTICLE);
        assert_eq!(bag.0[0], ("zzaaa".into(), 2));
        assert_eq!(bag.0[1], ("zzaab".into(), 1));
    }

    #[test]
    fn the_language_most_lexicons_use_is_stemmed() {
        let stem = |languages: &[&str]| {
            WordBagger::for_languages(languages.iter().copied())
                .bag("connections")
                .0[0]
                .0
                .clone()
        };
        assert_eq!(stem(&[]), "connect");
        assert_eq!(stem(&["en", "de", "en"]), "connect");
        assert_eq!(stem(&["zz"]), "connections");
    }

    #[test]
    fn same_story_texts_match_and_unrelated_do_not() {
        let articles = [
            ("wire", ""),
            ("wire", ""),
            ("opinion", ""),
            ("opinion", ""),
            ("opinion", ""),
        ];
        let texts = [
            VISIT_WIRE,
            FACTORY_WIRE,
            FACTORY_OPINION,
            FLOODS,
            VISIT_OPINION,
        ];
        let m = matched(&articles, &texts);
        let pairs: Vec<(&str, usize, usize)> = m
            .pairs
            .iter()
            .map(|p| (p.story.as_str(), p.a, p.b))
            .collect();
        assert_eq!(pairs, [("match-001", 0, 4), ("match-002", 1, 2)]);
        assert!(m
            .pairs
            .iter()
            .all(|p| p.similarity >= DEFAULT_THRESHOLD && p.similarity <= 1.0));
        assert_eq!(
            m.assigned,
            [
                (0, "match-001".into()),
                (1, "match-002".into()),
                (2, "match-002".into()),
                (4, "match-001".into())
            ]
        );
        let mut stories = vec![String::new(); 5];
        m.apply(stories.iter_mut());
        assert_eq!(
            stories,
            ["match-001", "match-002", "match-002", "", "match-001"]
        );
    }

    #[test]
    fn articles_of_one_group_or_of_no_group_are_never_matched() {
        let texts = [VISIT_WIRE, VISIT_OPINION];
        assert!(matched(&[("wire", ""), ("wire", "")], &texts)
            .pairs
            .is_empty());
        assert!(matched(&[("", ""), ("", "")], &texts).pairs.is_empty());
        assert_eq!(
            matched(&[("wire", ""), ("opinion", "")], &texts)
                .pairs
                .len(),
            1
        );
    }

    #[test]
    fn matching_is_the_same_every_time() {
        let articles = [
            ("a", ""),
            ("b", ""),
            ("c", ""),
            ("a", ""),
            ("b", ""),
            ("c", ""),
        ];
        let texts = [
            VISIT_WIRE,
            VISIT_OPINION,
            VISIT_WIRE,
            FACTORY_WIRE,
            FACTORY_OPINION,
            FACTORY_OPINION,
        ];
        let first = matched(&articles, &texts);
        for _ in 0..5 {
            assert_eq!(matched(&articles, &texts), first);
        }
        // Three groups on one story make one story of three articles.
        let stories: Vec<&str> = first.pairs.iter().map(|p| p.story.as_str()).collect();
        assert_eq!(
            stories,
            ["match-001", "match-001", "match-002", "match-002"]
        );
    }

    #[test]
    fn a_story_holds_one_article_per_group() {
        // Two wire texts of one story: the opinion piece is matched to one of them only.
        let articles = [("wire", ""), ("wire", ""), ("opinion", "")];
        let texts = [VISIT_WIRE, VISIT_WIRE, VISIT_OPINION];
        let m = matched(&articles, &texts);
        assert_eq!(m.pairs.len(), 1);
        assert_eq!((m.pairs[0].a, m.pairs[0].b), (0, 2));
        // The same with three groups: each article at most once per other group.
        let articles = [("a", ""), ("b", ""), ("b", ""), ("c", "")];
        let texts = [VISIT_WIRE, VISIT_OPINION, VISIT_WIRE, VISIT_OPINION];
        let m = matched(&articles, &texts);
        let mut per_group: HashMap<(usize, &str), usize> = HashMap::new();
        for p in &m.pairs {
            *per_group.entry((p.a, articles[p.b].0)).or_default() += 1;
            *per_group.entry((p.b, articles[p.a].0)).or_default() += 1;
        }
        assert!(per_group.values().all(|&n| n == 1), "{m:?}");
        assert_eq!(m.pairs.len(), 2);
    }

    #[test]
    fn stories_of_the_input_are_kept_and_lone_ones_replaced() {
        // Articles 0 and 1 share a story across groups: kept. Article 2's story is its own:
        // matching the factory pieces replaces it. Article 3 joins the input's story `visit`.
        let articles = [
            ("wire", "visit"),
            ("opinion", "visit"),
            ("wire", "herald-factory"),
            ("blog", ""),
            ("opinion", "factory-2"),
        ];
        let texts = [
            VISIT_WIRE,
            VISIT_OPINION,
            FACTORY_WIRE,
            VISIT_OPINION,
            FACTORY_OPINION,
        ];
        let m = matched(&articles, &texts);
        let pairs: Vec<(&str, usize, usize)> = m
            .pairs
            .iter()
            .map(|p| (p.story.as_str(), p.a, p.b))
            .collect();
        assert_eq!(pairs, [("visit", 1, 3), ("match-001", 2, 4)]);
        assert_eq!(
            m.assigned,
            [
                (2, "match-001".into()),
                (3, "visit".into()),
                (4, "match-001".into())
            ]
        );
        // A new name never takes one the input uses.
        let articles = [("wire", "match-001"), ("opinion", "")];
        let m = matched(&articles, &[FACTORY_WIRE, FACTORY_OPINION]);
        assert_eq!(m.pairs[0].story, "match-002");
    }

    #[test]
    fn no_pair_is_below_the_threshold() {
        let articles = [("wire", ""), ("opinion", "")];
        let words = words(&[VISIT_WIRE, VISIT_OPINION]);
        let found = match_stories(articles.iter().copied(), &words, 0.0);
        let similarity = found.pairs[0].similarity;
        assert!(
            match_stories(articles.iter().copied(), &words, similarity + 1e-9)
                .pairs
                .is_empty()
        );
    }
}
