//! The per-article CSV outputs: `articles.csv`, `frames.csv`, `sentences.csv`, `matches.csv`,
//! written row by row as articles are scored.

use std::io::Write;
use std::path::Path;

use super::atomic::AtomicFile;
use super::number::{fixed, fixed_opt};
use crate::compile::LexiconSet;
use crate::corpus::Article;
use crate::score::ArticleScores;

/// Decimals of rates, scores and tones in CSV cells.
pub const DECIMALS: usize = 4;

/// How CSV files are laid out for their readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    /// Start each file with a UTF-8 byte-order mark (spreadsheets need it to read UTF-8).
    pub bom: bool,
    pub delimiter: u8,
}

impl Default for CsvStyle {
    fn default() -> Self {
        CsvStyle {
            bom: false,
            delimiter: b',',
        }
    }
}

impl CsvStyle {
    pub fn writer(&self, dest: &Path) -> std::io::Result<csv::Writer<AtomicFile>> {
        let mut file = AtomicFile::create(dest)?;
        if self.bom {
            file.write_all(b"\xEF\xBB\xBF")?;
        }
        Ok(csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .from_writer(file))
    }
}

/// How much of the evidence trail to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    All,
    None,
    /// At most this many matches per article (the first ones in the text).
    PerArticle(usize),
}

/// Maps byte offsets of one text to character offsets, for offsets that Python and R can slice
/// with. Queries come nearly in order (a match may start before the previous one ended), so the
/// cost is the distance from the previous query, not from the start of the text.
struct CharOffsets<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> Self {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: u32) -> usize {
        let byte = byte as usize;
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.chars -= self.text[byte..self.byte].chars().count();
        } else {
            self.chars += self.text[self.byte..byte].chars().count();
        }
        self.byte = byte;
        self.chars
    }
}

/// One line of text per cell: runs of white space (line ends included) become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The four streaming CSV outputs.
pub struct Tables {
    articles: csv::Writer<AtomicFile>,
    frames: csv::Writer<AtomicFile>,
    sentences: csv::Writer<AtomicFile>,
    matches: Option<csv::Writer<AtomicFile>>,
    evidence: Evidence,
    row: Vec<String>,
}

pub const ARTICLES: &str = "articles.csv";
pub const FRAMES: &str = "frames.csv";
pub const SENTENCES: &str = "sentences.csv";
pub const MATCHES: &str = "matches.csv";

impl Tables {
    pub fn create(
        dir: &Path,
        set: &LexiconSet,
        style: CsvStyle,
        evidence: Evidence,
    ) -> std::io::Result<Tables> {
        let mut articles = style.writer(&dir.join(ARTICLES))?;
        let mut header: Vec<String> = [
            "article_id",
            "group",
            "title",
            "tokens",
            "sentences",
            "tone",
            "tone_pos",
            "tone_neg",
            "tone_logratio",
        ]
        .map(String::from)
        .to_vec();
        header.extend(set.categories.iter().map(|c| c.column.clone()));
        header.extend(set.lexicons.iter().map(|l| format!("{}.dominant", l.id)));
        header.push("warnings".into());
        articles.write_record(&header)?;

        let mut frames = style.writer(&dir.join(FRAMES))?;
        frames.write_record([
            "article_id",
            "group",
            "lexicon",
            "category",
            "hits",
            "per_1k",
            "score",
            "share",
            "negated",
        ])?;

        let mut sentences = style.writer(&dir.join(SENTENCES))?;
        let mut header: Vec<String> = [
            "article_id",
            "sentence",
            "start",
            "end",
            "tone",
            "text",
            "tokens",
            "hits",
            "positive",
            "negative",
        ]
        .map(String::from)
        .to_vec();
        header.extend(set.categories.iter().map(|c| c.column.clone()));
        sentences.write_record(&header)?;

        let matches = match evidence {
            Evidence::None => None,
            _ => {
                let mut m = style.writer(&dir.join(MATCHES))?;
                m.write_record([
                    "article_id",
                    "sentence",
                    "start",
                    "end",
                    "matched_text",
                    "term",
                    "lexicon",
                    "category",
                    "weight",
                    "negated",
                    "modifier",
                    "effective_weight",
                    "byte_start",
                    "byte_end",
                ])?;
                Some(m)
            }
        };
        Ok(Tables {
            articles,
            frames,
            sentences,
            matches,
            evidence,
            row: Vec::new(),
        })
    }

    /// Writes every row of one article.
    pub fn write(
        &mut self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
    ) -> csv::Result<()> {
        let row = &mut self.row;
        row.clear();
        row.extend([
            article.id.clone(),
            article.group.clone(),
            one_line(&article.title),
            scores.tokens.to_string(),
            scores.sentences.len().to_string(),
            fixed_opt(scores.tone.tone, DECIMALS),
            fixed_opt(scores.tone.positive_per_1k, DECIMALS),
            fixed_opt(scores.tone.negative_per_1k, DECIMALS),
            fixed(scores.tone.logratio, DECIMALS),
        ]);
        row.extend((0..set.categories.len()).map(|c| fixed_opt(scores.per_1k(c), DECIMALS)));
        row.extend((0..set.lexicons.len()).map(|l| {
            scores
                .dominant(set, l)
                .map_or_else(String::new, |c| set.categories[c].name.clone())
        }));
        row.push(article.warnings.join("; "));
        self.articles.write_record(&*row)?;

        for (c, category) in set.categories.iter().enumerate() {
            let tally = &scores.categories[c];
            self.frames.write_record([
                article.id.as_str(),
                &article.group,
                &set.lexicons[category.lexicon].id,
                &category.name,
                &tally.hits.to_string(),
                &fixed_opt(scores.per_1k(c), DECIMALS),
                &fixed(tally.score, DECIMALS),
                &fixed_opt(scores.share(set, c), DECIMALS),
                &tally.negated.to_string(),
            ])?;
        }

        let mut offsets = CharOffsets::new(&article.text);
        let mut counts = vec![0u32; set.categories.len()];
        for (i, s) in scores.sentences.iter().enumerate() {
            counts.iter_mut().for_each(|c| *c = 0);
            for &(c, n) in &s.category_hits {
                counts[c as usize] = n;
            }
            let row = &mut self.row;
            row.clear();
            row.extend([
                article.id.clone(),
                (i + 1).to_string(),
                offsets.at(s.start).to_string(),
                offsets.at(s.end).to_string(),
                fixed_opt(s.tone, DECIMALS),
                one_line(&article.text[s.start as usize..s.end as usize]),
                s.tokens.to_string(),
                s.hits.to_string(),
                s.positive.to_string(),
                s.negative.to_string(),
            ]);
            row.extend(counts.iter().map(u32::to_string));
            self.sentences.write_record(&*row)?;
        }

        if let Some(matches) = &mut self.matches {
            let limit = match self.evidence {
                Evidence::PerArticle(n) => n,
                _ => usize::MAX,
            };
            let mut offsets = CharOffsets::new(&article.text);
            for hit in scores.hits.iter().take(limit) {
                let category = &set.categories[hit.category as usize];
                matches.write_record([
                    article.id.as_str(),
                    &(hit.sentence + 1).to_string(),
                    &offsets.at(hit.start).to_string(),
                    &offsets.at(hit.end).to_string(),
                    &article.text[hit.start as usize..hit.end as usize],
                    &set.terms[hit.term as usize].text,
                    &set.lexicons[category.lexicon].id,
                    &category.name,
                    &fixed(hit.weight, DECIMALS),
                    if hit.negated { "true" } else { "false" },
                    &hit.note,
                    &fixed(hit.effective, DECIMALS),
                    &hit.start.to_string(),
                    &hit.end.to_string(),
                ])?;
            }
        }
        Ok(())
    }

    /// The files, flushed, ready to commit.
    pub fn into_files(self) -> std::io::Result<Vec<AtomicFile>> {
        let mut files = Vec::new();
        let writers = [
            Some(self.articles),
            Some(self.frames),
            Some(self.sentences),
            self.matches,
        ];
        for w in writers.into_iter().flatten() {
            files.push(
                w.into_inner()
                    .map_err(|e| std::io::Error::other(e.to_string()))?,
            );
        }
        Ok(files)
    }
}
