//! The report's articles read back from a finished output folder: `articles.csv`,
//! `sentences.csv` and `matches.csv` streamed side by side, the candidates kept as `analyze`
//! kept them.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use super::views::{assemble, ArticleView, Candidates, MatchRow, SentenceRow, SENTENCES_SHOWN};
use crate::corpus::Date;
use crate::output::layout::{TableFormat, ARTICLES, MATCHES, SENTENCES};
use crate::output::parquet::read::{ParquetRows, Rows};
use crate::output::tables::{column, CsvStyle};

#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ReadError {
    pub path: PathBuf,
    pub message: String,
}

/// A table of rows (its CSV or its Parquet file) read row by row, with one row of look-ahead.
struct Table {
    path: PathBuf,
    reader: Rows<File>,
    headers: csv::StringRecord,
    peeked: Option<csv::StringRecord>,
    record: u64,
}

impl Table {
    fn open(dir: &Path, name: &str, style: CsvStyle) -> Result<Option<Table>, ReadError> {
        let mut path = dir.join(name);
        let mut reader = match File::open(&path) {
            Ok(file) => Rows::Csv(
                csv::ReaderBuilder::new()
                    .delimiter(style.delimiter)
                    .from_reader(file),
            ),
            Err(_) => {
                // A run that wrote Parquet.
                path = dir.join(TableFormat::Parquet.file(name));
                let Ok(file) = File::open(&path) else {
                    return Ok(None);
                };
                let rows = ParquetRows::open(file).map_err(|message| ReadError {
                    path: path.clone(),
                    message,
                })?;
                Rows::Parquet(rows)
            }
        };
        let headers = reader.headers().map_err(|message| ReadError {
            path: path.clone(),
            message,
        })?;
        Ok(Some(Table {
            path,
            reader,
            headers,
            peeked: None,
            record: 0,
        }))
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    }

    fn need(&self, name: &str) -> Result<usize, ReadError> {
        self.column(name).ok_or_else(|| ReadError {
            path: self.path.clone(),
            message: format!("no column `{name}`"),
        })
    }

    fn next(&mut self) -> Result<Option<csv::StringRecord>, ReadError> {
        if let Some(row) = self.peeked.take() {
            return Ok(Some(row));
        }
        let mut row = csv::StringRecord::new();
        match self.reader.read_record(&mut row) {
            Ok(true) => {
                self.record += 1;
                Ok(Some(row))
            }
            Ok(false) => Ok(None),
            Err(e) => Err(ReadError {
                path: self.path.clone(),
                message: format!("record {}: {e}", self.record + 1),
            }),
        }
    }

    fn next_of(&mut self, column: usize, id: &str) -> Result<Option<csv::StringRecord>, ReadError> {
        match self.next()? {
            Some(row) if row.get(column) == Some(id) => Ok(Some(row)),
            other => {
                self.peeked = other;
                Ok(None)
            }
        }
    }
}

fn cell(row: &csv::StringRecord, column: Option<usize>) -> &str {
    column.and_then(|c| row.get(c)).unwrap_or("")
}

fn number(row: &csv::StringRecord, column: Option<usize>) -> Option<f64> {
    cell(row, column).parse().ok()
}

/// The candidate articles of the folder `dir`, kept as `analyze` keeps them, with their
/// sentences and matches. `counts(lexicon, category, negated)` says whether a match counts in
/// its category's rate. A folder without matches.csv gives articles without matches.
pub fn candidates(
    dir: &Path,
    style: CsvStyle,
    counts: &dyn Fn(&str, &str, bool) -> bool,
) -> Result<Vec<ArticleView>, ReadError> {
    let missing = |name: &str| ReadError {
        path: dir.join(name),
        message: "cannot be read; the folder must hold the outputs of one `analyze` run".into(),
    };
    let mut articles = Table::open(dir, ARTICLES, style)?.ok_or_else(|| missing(ARTICLES))?;
    let mut sentences = Table::open(dir, SENTENCES, style)?.ok_or_else(|| missing(SENTENCES))?;
    let mut matches = Table::open(dir, MATCHES, style)?;
    let a = (
        articles.need(column::ARTICLE_ID)?,
        articles.column(column::GROUP),
        articles.column(column::TITLE),
        articles.column(column::DATE),
        articles.column(column::TOKENS),
        articles.column(column::TONE),
        articles.column(column::SENTENCES),
    );
    let s = (
        sentences.need(column::ARTICLE_ID)?,
        sentences.column("start"),
        sentences.column(column::TEXT),
        sentences.column(column::TONE),
    );
    let m: Option<HashMap<&str, Option<usize>>> = matches.as_ref().map(|t| {
        [
            column::SENTENCE,
            "start",
            column::MATCHED_TEXT,
            column::TERM,
            column::LEXICON,
            column::CATEGORY,
            "weight",
            column::NEGATED,
            "modifier",
            "effective_weight",
        ]
        .into_iter()
        .map(|name| (name, t.column(name)))
        .collect()
    });
    let m_id = match &matches {
        Some(t) => Some(t.need(column::ARTICLE_ID)?),
        None => None,
    };
    let mut kept = Candidates::default();
    let mut out = Vec::new();
    while let Some(row) = articles.next()? {
        let id = cell(&row, Some(a.0)).to_string();
        let group = cell(&row, a.1).to_string();
        let keep = kept.offer(&group);
        let mut sentence_rows = Vec::new();
        while let Some(r) = sentences.next_of(s.0, &id)? {
            if keep && sentence_rows.len() < SENTENCES_SHOWN {
                sentence_rows.push(SentenceRow {
                    start: number(&r, s.1).unwrap_or(0.0) as usize,
                    text: cell(&r, s.2).to_string(),
                    tone: number(&r, s.3),
                });
            }
        }
        let mut match_rows = Vec::new();
        if let (Some(t), Some(m), Some(m_id)) = (&mut matches, &m, m_id) {
            while let Some(r) = t.next_of(m_id, &id)? {
                let sentence = number(&r, m[column::SENTENCE]).unwrap_or(0.0) as usize;
                if !keep || sentence > SENTENCES_SHOWN {
                    continue;
                }
                let text = |name: &str| cell(&r, m[name]).to_string();
                let negated = cell(&r, m[column::NEGATED]) == "true";
                let (lexicon, category) = (text(column::LEXICON), text(column::CATEGORY));
                match_rows.push(MatchRow {
                    sentence,
                    start: number(&r, m["start"]).unwrap_or(0.0) as usize,
                    matched_text: text(column::MATCHED_TEXT),
                    term: text(column::TERM),
                    counts: counts(&lexicon, &category, negated),
                    lexicon,
                    category,
                    weight: number(&r, m["weight"]).unwrap_or(0.0),
                    negated,
                    note: text("modifier"),
                    effective: number(&r, m["effective_weight"]).unwrap_or(0.0),
                });
            }
        }
        if keep {
            let head = ArticleView {
                id,
                group,
                title: cell(&row, a.2).to_string(),
                date: Date::parse(cell(&row, a.3)).ok(),
                tokens: number(&row, a.4).unwrap_or(0.0) as u64,
                tone: number(&row, a.5),
                sentences: Vec::new(),
                sentence_count: number(&row, a.6).unwrap_or(0.0) as usize,
            };
            out.push(assemble(head, sentence_rows, match_rows));
        }
    }
    Ok(out)
}
