//! Articles as the report shows them: their sentences on one line each, as sentences.csv writes
//! them, with every match placed in its sentence; which articles are kept while a run streams;
//! and which of those the report shows. `analyze` builds them from the scores and `compare` from
//! the rows of sentences.csv and matches.csv, through the same steps, so both write one report.

use std::collections::HashMap;

use crate::compare::gather::as_written;
use crate::corpus::{Article, Date};
use crate::engine::compile::LexiconSet;
use crate::engine::score::ArticleScores;
use crate::output::tables::Evidence;

/// One match, placed in its sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchView {
    /// Byte offsets into the sentence's text.
    pub start: usize,
    pub end: usize,
    pub term: String,
    pub lexicon: String,
    pub category: String,
    pub weight: f64,
    pub negated: bool,
    /// Whether it counts in its category's rate (a negated match of a category that negation
    /// empties does not).
    pub counts: bool,
    /// What the rules did, as matches.csv's `modifier` says it.
    pub note: String,
    pub effective: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SentenceView {
    /// On one line: runs of white space made one space, as sentences.csv has it.
    pub text: String,
    pub tone: Option<f64>,
    pub matches: Vec<MatchView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleView {
    pub id: String,
    pub group: String,
    pub title: String,
    pub date: Option<Date>,
    pub tokens: u64,
    pub tone: Option<f64>,
    /// Its first [`SENTENCES_SHOWN`] sentences.
    pub sentences: Vec<SentenceView>,
    /// How many sentences it has.
    pub sentence_count: usize,
}

/// A sentence as sentences.csv gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceRow {
    /// Its start in the article, in characters.
    pub start: usize,
    pub text: String,
    pub tone: Option<f64>,
}

/// A match as matches.csv gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchRow {
    /// From 1.
    pub sentence: usize,
    /// Its start in the article, in characters.
    pub start: usize,
    pub matched_text: String,
    pub term: String,
    pub lexicon: String,
    pub category: String,
    pub weight: f64,
    pub negated: bool,
    pub counts: bool,
    pub note: String,
    pub effective: f64,
}

/// `text` on one line, as the CSV outputs write sentences and titles.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article of these rows. A match is found in its sentence's one-line text where its text
/// occurs at or just before its place in the article (white space made single can only move it
/// back).
pub fn assemble(
    head: ArticleView,
    sentences: Vec<SentenceRow>,
    matches: Vec<MatchRow>,
) -> ArticleView {
    let mut out: Vec<SentenceView> = sentences
        .iter()
        .map(|s| SentenceView {
            text: s.text.clone(),
            tone: s.tone,
            matches: Vec::new(),
        })
        .collect();
    for m in matches {
        let Some(k) = m.sentence.checked_sub(1).filter(|&k| k < out.len()) else {
            continue;
        };
        let text = &out[k].text;
        let needle = one_line(&m.matched_text);
        if needle.is_empty() {
            continue;
        }
        let wanted = m.start.saturating_sub(sentences[k].start);
        // The last occurrence at or before `wanted` characters, else the first.
        let mut offsets = CharOffsets::new(text);
        let mut best = None;
        for (byte, _) in text.match_indices(&needle) {
            if best.is_some() && offsets.at(byte) > wanted {
                break;
            }
            best = Some(byte);
        }
        let Some(start) = best else { continue };
        out[k].matches.push(MatchView {
            start,
            end: start + needle.len(),
            term: m.term,
            lexicon: m.lexicon,
            category: m.category,
            weight: m.weight,
            negated: m.negated,
            counts: m.counts,
            note: m.note,
            effective: m.effective,
        });
    }
    for s in &mut out {
        s.matches
            .sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    }
    ArticleView {
        sentences: out,
        ..head
    }
}

/// The article as the report shows it, from its scores: the rows the CSV outputs would hold (the
/// matches `evidence` keeps), assembled as `compare` assembles them from those files.
pub fn from_scores(
    set: &LexiconSet,
    article: &Article,
    scores: &ArticleScores,
    evidence: Evidence,
) -> ArticleView {
    let text = &article.text;
    let mut offsets = CharOffsets::new(text);
    let sentences = scores
        .sentences
        .iter()
        .take(SENTENCES_SHOWN)
        .map(|s| SentenceRow {
            start: offsets.at(s.start as usize),
            text: one_line(&text[s.start as usize..s.end as usize]),
            tone: s.tone.map(as_written),
        })
        .collect();
    let limit = match evidence {
        Evidence::All => usize::MAX,
        Evidence::None => 0,
        Evidence::PerArticle(n) => n,
    };
    let mut offsets = CharOffsets::new(text);
    let matches = scores
        .hits
        .iter()
        .take(limit)
        .take_while(|hit| (hit.sentence as usize) < SENTENCES_SHOWN)
        .map(|hit| {
            let term = &set.terms[hit.term as usize];
            let category = &set.categories[hit.category as usize];
            MatchRow {
                sentence: hit.sentence as usize + 1,
                start: offsets.at(hit.start as usize),
                matched_text: text[hit.start as usize..hit.end as usize].to_string(),
                term: term.text.clone(),
                lexicon: set.lexicons[category.lexicon].id.clone(),
                category: category.name.clone(),
                weight: as_written(term.weight),
                negated: hit.negated,
                counts: !(hit.negated && category.negatable),
                note: hit.note.clone(),
                effective: as_written(hit.effective),
            }
        })
        .collect();
    let head = ArticleView {
        id: article.id.clone(),
        group: article.group.clone(),
        title: one_line(&article.title),
        date: article.date,
        tokens: scores.tokens as u64,
        tone: scores.tone.tone.map(as_written),
        sentences: Vec::new(),
        sentence_count: scores.sentences.len(),
    };
    assemble(head, sentences, matches)
}

/// Sentences shown of one article: the rest of a longer one are in sentences.csv.
pub const SENTENCES_SHOWN: usize = 2000;

/// Character offsets of byte offsets that mostly move forward, counted from the previous one.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of byte offset `byte` (a character boundary).
    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Articles kept while a run streams, as candidates for the report's views.
pub const CANDIDATES: usize = 200;
/// Candidates kept of one group, so that a long first group does not crowd out the others.
pub const CANDIDATES_PER_GROUP: usize = 100;
/// Articles the report shows.
pub const SHOWN: usize = 100;

/// Which articles are kept as candidates, decided one at a time in input order.
#[derive(Debug, Default)]
pub struct Candidates {
    kept: usize,
    per_group: HashMap<String, usize>,
}

impl Candidates {
    /// Whether the next article, of `group`, is kept.
    pub fn offer(&mut self, group: &str) -> bool {
        let of_group = self.per_group.get(group).copied().unwrap_or(0);
        if self.kept >= CANDIDATES || of_group >= CANDIDATES_PER_GROUP {
            return false;
        }
        self.kept += 1;
        self.per_group.insert(group.to_string(), of_group + 1);
        true
    }
}

/// The views the report shows, at most [`SHOWN`]: all of them when they fit; otherwise the
/// articles compared one by one (`compared`, in order), then the others group by group in turn.
/// `total` is the number of articles of the run; the note says what was left out, and why.
pub fn select(
    candidates: Vec<ArticleView>,
    compared: &[String],
    total: usize,
) -> (Vec<ArticleView>, Option<String>) {
    if candidates.len() == total && total <= SHOWN {
        return (candidates, None);
    }
    let mut chosen: Vec<bool> = vec![false; candidates.len()];
    let mut count = 0;
    for id in compared {
        if count >= SHOWN {
            break;
        }
        if let Some(i) = candidates.iter().position(|v| v.id == *id) {
            if !chosen[i] {
                chosen[i] = true;
                count += 1;
            }
        }
    }
    let from_comparisons = count;
    let mut groups: Vec<&str> = Vec::new();
    for v in &candidates {
        if !groups.contains(&v.group.as_str()) {
            groups.push(&v.group);
        }
    }
    let mut queues: Vec<Vec<usize>> = groups
        .iter()
        .map(|g| {
            (0..candidates.len())
                .rev()
                .filter(|&i| candidates[i].group == *g && !chosen[i])
                .collect()
        })
        .collect();
    while count < SHOWN && queues.iter().any(|q| !q.is_empty()) {
        for q in &mut queues {
            if count >= SHOWN {
                break;
            }
            if let Some(i) = q.pop() {
                chosen[i] = true;
                count += 1;
            }
        }
    }
    let shown: Vec<ArticleView> = candidates
        .into_iter()
        .zip(chosen)
        .filter(|(_, c)| *c)
        .map(|(v, _)| v)
        .collect();
    let mut note = format!("This report shows the text of {count} of the {total} articles: ");
    if from_comparisons > 0 {
        note.push_str(&format!(
            "the {from_comparisons} compared one by one, then others of each group in turn"
        ));
    } else {
        note.push_str("articles of each group in turn");
    }
    note.push_str(&format!(
        ", among the first read (at most {CANDIDATES}, and {CANDIDATES_PER_GROUP} of a group). sentences.csv and matches.csv hold every article."
    ));
    (shown, Some(note))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(id: &str, group: &str) -> ArticleView {
        ArticleView {
            id: id.into(),
            group: group.into(),
            title: String::new(),
            date: None,
            tokens: 10,
            tone: None,
            sentences: Vec::new(),
            sentence_count: 0,
        }
    }

    fn hit(sentence: usize, start: usize, text: &str) -> MatchRow {
        MatchRow {
            sentence,
            start,
            matched_text: text.into(),
            term: text.into(),
            lexicon: "crisis".into(),
            category: "hope".into(),
            weight: 1.0,
            negated: false,
            counts: true,
            note: String::new(),
            effective: 1.0,
        }
    }

    #[test]
    fn matches_land_on_their_occurrence_in_the_one_line_sentence() {
        // The article: "Hope.  Hope,\n\n  hope\tand  peace talks." (sentence 2 starts at 6).
        let sentences = vec![
            SentenceRow {
                start: 0,
                text: "Hope.".into(),
                tone: None,
            },
            SentenceRow {
                start: 7,
                text: "Hope, hope and peace talks.".into(),
                tone: Some(0.5),
            },
        ];
        let matches = vec![
            hit(1, 0, "Hope"),
            hit(2, 7, "Hope"),
            // The second `hope` is at 16 in the article, 9 into its sentence: at 6 once the white
            // space is made single, not the first occurrence.
            hit(2, 16, "hope"),
            hit(2, 28, "peace\ntalks"),
            hit(9, 0, "nowhere"),
        ];
        let view = assemble(head("a", "g"), sentences, matches);
        let spans: Vec<Vec<(usize, usize)>> = view
            .sentences
            .iter()
            .map(|s| s.matches.iter().map(|m| (m.start, m.end)).collect())
            .collect();
        assert_eq!(spans, vec![vec![(0, 4)], vec![(0, 4), (6, 10), (15, 26)]]);
        assert_eq!(view.sentences[1].tone, Some(0.5));
    }

    #[test]
    fn candidates_leave_room_for_every_group_and_the_compared_come_first() {
        let mut candidates = Candidates::default();
        let kept = (0..150).filter(|_| candidates.offer("a")).count();
        assert_eq!(kept, CANDIDATES_PER_GROUP);
        assert!(candidates.offer("b"));
        let views: Vec<ArticleView> = (0..30)
            .map(|i| head(&format!("{i}"), ["a", "b", "c"][i % 3]))
            .collect();
        let (shown, note) = select(views.clone(), &[], 30);
        assert_eq!((shown.len(), note), (30, None));
        let many: Vec<ArticleView> = (0..150)
            .map(|i| head(&format!("{i}"), if i < 140 { "a" } else { "b" }))
            .collect();
        let (shown, note) = select(many, &["145".into(), "7".into()], 150);
        assert_eq!(shown.len(), SHOWN);
        // Both compared articles, and every article of the small group.
        for id in ["145", "7", "140", "149"] {
            assert!(shown.iter().any(|v| v.id == id), "{id}");
        }
        // Shown in input order.
        assert!(shown
            .windows(2)
            .all(|w| w[0].id.parse::<u32>().unwrap() < w[1].id.parse::<u32>().unwrap()));
        let note = note.unwrap();
        assert!(
            note.contains("100 of the 150 articles: the 2 compared one by one"),
            "{note}"
        );
    }
}
