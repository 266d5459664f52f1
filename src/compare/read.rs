//! Reads a finished output folder (`run.json`, `articles.csv`, `sentences.csv`, `frames.csv`,
//! `matches.csv`, or their Parquet twins) back into the counts comparisons work from, streaming
//! the files side by side one article at a time.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::data::{
    ArticleCounts, Category, Gatherer, Lexicon, Observations, Schema, Sentence, TermHit, TENTHS,
};
use super::gather::{as_written, mean_tone, voice_probability};
use super::plan::DETAIL_LIMIT;
use super::stories::{StoryWords, WordBagger};
use crate::corpus::Date;
use crate::output::layout::{TableFormat, ARTICLES, FRAMES, MATCHES, RUN_JSON, SENTENCES};
use crate::output::manifest::{leftover_outputs, Manifest, ManifestError, OutputEntry};
use crate::output::parquet::read::{ParquetRows, Rows};
use crate::output::tables::{category_column, column, CsvStyle, Evidence};
use crate::text::voice::Voice;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Manifest(ManifestError),
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    #[error("{path}:record {record}: {message}")]
    Record {
        path: PathBuf,
        record: u64,
        message: String,
    },
    /// Counts of one voice need every match with its voice, which the folder does not hold.
    #[error("{dir}: {reason}")]
    NoVoices { dir: PathBuf, reason: String },
}

/// What the run recorded in `run.json` that comparisons need.
#[derive(Debug, Clone)]
pub struct RunInfo {
    pub schema: Schema,
    /// Per category, whether its negated hits do not count.
    pub negatable: Vec<bool>,
    /// Whether `negatable` was recorded (older folders do not have it).
    pub negatable_known: bool,
    /// The `--group-by` of the run, if any.
    pub group_by: Option<String>,
    /// `matches.csv` holds every match (`--evidence all`).
    pub all_matches: bool,
    /// How the CSV files are laid out (byte-order mark, delimiter).
    pub style: CsvStyle,
    /// The format of the tables of rows.
    pub format: TableFormat,
    /// The language of each lexicon.
    pub languages: Vec<String>,
    /// The size and SHA-256 run.json records for each output, by file name (none for folders
    /// written before it listed them).
    pub outputs: Vec<OutputEntry>,
}

impl RunInfo {
    /// What run.json records of the file `name`.
    fn recorded(&self, name: &str) -> Option<&OutputEntry> {
        self.outputs.iter().find(|o| o.file == name)
    }

    /// Whether run.json lists `name` among the outputs of its run (always true for folders
    /// written before it listed them).
    fn lists(&self, name: &str) -> bool {
        self.outputs.is_empty() || self.recorded(name).is_some()
    }
}

/// The counts of a finished output folder, of every word or of one `voice`'s words, and what its
/// run recorded.
pub fn read_folder(dir: &Path, voice: Option<Voice>) -> Result<(Observations, RunInfo), ReadError> {
    read(dir, false, voice).map(|(obs, info, _)| (obs, info))
}

/// Like [`read_folder`], with each article's content words for story matching, found again in
/// the text of its sentences as `analyze` found them.
pub fn read_folder_with_words(
    dir: &Path,
    voice: Option<Voice>,
) -> Result<(Observations, RunInfo, StoryWords), ReadError> {
    read(dir, true, voice).map(|(obs, info, words)| (obs, info, words.unwrap_or_default()))
}

/// Where a voice's counts are in the tables: its token and tone columns in sentences.csv, and
/// the voice, sentence and weight columns of matches.csv.
struct VoiceColumns {
    voice: Voice,
    tokens: usize,
    tone: usize,
    match_voice: usize,
    match_sentence: usize,
    match_weight: usize,
}

fn read(
    dir: &Path,
    with_words: bool,
    voice: Option<Voice>,
) -> Result<(Observations, RunInfo, Option<StoryWords>), ReadError> {
    let info = read_run(dir)?;
    let bagger =
        with_words.then(|| WordBagger::for_languages(info.languages.iter().map(String::as_str)));
    let mut story_words = with_words.then(StoryWords::default);
    let matches_name = info.format.file(MATCHES);
    let matches_there = dir.join(&matches_name).is_file() && info.lists(&matches_name);
    let terms_complete = info.all_matches && info.negatable_known && matches_there;
    if voice.is_some() && !terms_complete {
        return Err(ReadError::NoVoices {
            dir: dir.to_path_buf(),
            reason: "counting one voice needs every match with its voice, and this folder's matches.csv does not hold them all".into(),
        });
    }
    let mut gatherer =
        Gatherer::new(info.schema.clone(), DETAIL_LIMIT, terms_complete).with_voice(voice);
    // Listed but gone (deleted to save room, say): keyness cannot be counted, for that reason.
    gatherer.set_matches_missing(info.all_matches && !matches_there);
    let categories = info.schema.categories.len();
    let columns: Vec<String> = info
        .schema
        .categories
        .iter()
        .map(|c| category_column(&c.lexicon, &c.name))
        .collect();
    let category_index: HashMap<(String, String), usize> = info
        .schema
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.lexicon.clone(), c.name.clone()), i))
        .collect();

    let mut articles = Table::open(dir, ARTICLES, &info)?;
    let mut sentences = Table::open(dir, SENTENCES, &info)?;
    let mut frames = Table::open(dir, FRAMES, &info)?;
    let mut matches = if terms_complete {
        Some(Table::open(dir, MATCHES, &info)?)
    } else {
        None
    };
    let sentence_columns: Vec<usize> = columns
        .iter()
        .map(|c| sentences.column(c))
        .collect::<Result<_, _>>()?;
    let (a_id, a_group, a_tokens, a_sentences, a_tone) = (
        articles.column(column::ARTICLE_ID)?,
        articles.column(column::GROUP)?,
        articles.column(column::TOKENS)?,
        articles.column(column::SENTENCES)?,
        articles.column(column::TONE)?,
    );
    // A learned category's column of articles.csv holds its fitted probability.
    let learned_columns: Vec<Option<usize>> = if info.schema.has_learned() {
        info.schema
            .categories
            .iter()
            .zip(&columns)
            .map(|(c, name)| match c.learned() {
                true => articles.column(name).map(Some),
                false => Ok(None),
            })
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    // Folders written before articles.csv had the column: the story is found from the id.
    let a_story = articles.column(column::STORY).ok();
    // Folders written before articles.csv had dates have none.
    let a_date = articles.column(column::DATE).ok();
    let (s_id, s_tokens, s_tone) = (
        sentences.column(column::ARTICLE_ID)?,
        sentences.column(column::TOKENS)?,
        sentences.column(column::TONE)?,
    );
    let s_text = match with_words {
        true => Some(sentences.column(column::TEXT)?),
        false => None,
    };
    let (f_id, f_lexicon, f_category, f_score) = (
        frames.column(column::ARTICLE_ID)?,
        frames.column(column::LEXICON)?,
        frames.column(column::CATEGORY)?,
        frames.column(column::SCORE)?,
    );
    let voice_columns = match (voice, &matches) {
        (Some(v), Some(m)) => {
            let missing = |e: ReadError| ReadError::NoVoices {
                dir: dir.to_path_buf(),
                reason: format!("{e} (the folder was written before voices were measured)"),
            };
            Some(VoiceColumns {
                voice: v,
                tokens: sentences
                    .column(&format!("{}_tokens", v.name()))
                    .map_err(missing)?,
                tone: sentences
                    .column(&format!("{}_tone", v.name()))
                    .map_err(missing)?,
                match_voice: m.column(column::VOICE).map_err(missing)?,
                match_sentence: m.column(column::SENTENCE).map_err(missing)?,
                match_weight: m.column(column::EFFECTIVE_WEIGHT).map_err(missing)?,
            })
        }
        _ => None,
    };
    let m_columns = match &matches {
        Some(m) => Some((
            m.column(column::ARTICLE_ID)?,
            m.column(column::LEXICON)?,
            m.column(column::CATEGORY)?,
            m.column(column::TERM)?,
            m.column(column::NEGATED)?,
            m.column(column::MATCHED_TEXT)?,
        )),
        None => None,
    };
    // The term's weight, whose sign keyness needs for a learned category; a folder written
    // without it has no learned category.
    let m_weight = matches.as_ref().and_then(|m| m.column("weight").ok());

    while let Some(row) = articles.next()? {
        let id = row.get(a_id).unwrap_or("").to_string();
        let group = row.get(a_group).unwrap_or("").to_string();
        let story = match a_story {
            Some(c) => row.get(c).unwrap_or("").to_string(),
            None => legacy_story(&id, &group),
        };
        let date = match a_date.map(|c| row.get(c).unwrap_or("")) {
            None | Some("") => None,
            Some(cell) => Some(Date::parse(cell).map_err(|e| articles.error(e.to_string()))?),
        };
        let mut article = ArticleCounts {
            story,
            date,
            group,
            tokens: articles.number(&row, a_tokens)?,
            sentence_count: articles.number(&row, a_sentences)?,
            tone: articles.optional(&row, a_tone)?,
            affirmed: vec![0; categories],
            scores: vec![0.0; categories],
            probabilities: learned_columns
                .iter()
                .map(|col| match col {
                    Some(col) => articles.optional(&row, *col),
                    None => Ok(None),
                })
                .collect::<Result<_, _>>()?,
            sentences: Vec::new(),
            terms: Vec::new(),
            tenths: [f32::NAN; TENTHS],
            id,
        };
        // The article's matches: its terms, and when one voice is counted, that voice's
        // affirmed hits by sentence and weights by category.
        let mut terms: Vec<(u32, String, String, f64)> = Vec::new();
        let mut voice_hits: Vec<(u32, u32)> = Vec::new();
        let mut weights = vec![0.0f64; categories];
        if let (Some(m), Some((m_id, m_lexicon, m_category, m_term, m_negated, m_form))) =
            (&mut matches, m_columns)
        {
            while let Some(row) = m.next_of(m_id, &article.id)? {
                let key = (
                    row.get(m_lexicon).unwrap_or("").to_string(),
                    row.get(m_category).unwrap_or("").to_string(),
                );
                let Some(&c) = category_index.get(&key) else {
                    continue;
                };
                if let Some(vc) = &voice_columns {
                    if row.get(vc.match_voice) != Some(vc.voice.name()) {
                        continue;
                    }
                    weights[c] += m.optional(&row, vc.match_weight)?.unwrap_or(0.0);
                }
                let negated = row.get(m_negated) == Some("true");
                if !(negated && info.negatable[c]) {
                    terms.push((
                        c as u32,
                        row.get(m_term).unwrap_or("").to_string(),
                        row.get(m_form).unwrap_or("").to_string(),
                        match m_weight {
                            Some(w) => m.optional(&row, w)?.unwrap_or(1.0),
                            None => 1.0,
                        },
                    ));
                    if let Some(vc) = &voice_columns {
                        let sentence: u32 = m.number(&row, vc.match_sentence)?;
                        voice_hits.push((sentence.saturating_sub(1), c as u32));
                    }
                }
            }
        }
        let mut words = bagger.as_ref().map(WordBagger::counter);
        let mut index = 0u32;
        let mut cursor = 0usize;
        while let Some(row) = sentences.next_of(s_id, &article.id)? {
            if let (Some(words), Some(text)) = (&mut words, s_text) {
                words.add(row.get(text).unwrap_or(""));
            }
            let (tokens, tone, hits) = match &voice_columns {
                None => {
                    let mut hits = Vec::new();
                    for (c, &col) in sentence_columns.iter().enumerate() {
                        let n: u32 = sentences.number(&row, col)?;
                        if n > 0 {
                            hits.push((c as u32, n));
                        }
                    }
                    let tokens = sentences.number(&row, s_tokens)?;
                    (tokens, sentences.optional(&row, s_tone)?, hits)
                }
                Some(vc) => {
                    // Matches come in text order: their sentences never go back.
                    while cursor < voice_hits.len() && voice_hits[cursor].0 < index {
                        cursor += 1;
                    }
                    let from = cursor;
                    while cursor < voice_hits.len() && voice_hits[cursor].0 == index {
                        cursor += 1;
                    }
                    let mut hits: Vec<(u32, u32)> = Vec::new();
                    for &(_, c) in &voice_hits[from..cursor] {
                        match hits.iter_mut().find(|(k, _)| *k == c) {
                            Some((_, n)) => *n += 1,
                            None => hits.push((c, 1)),
                        }
                    }
                    hits.sort_unstable();
                    let tokens = sentences.number(&row, vc.tokens)?;
                    (tokens, sentences.optional(&row, vc.tone)?, hits)
                }
            };
            index += 1;
            if voice_columns.is_some() && tokens == 0 {
                continue;
            }
            for &(c, n) in &hits {
                article.affirmed[c as usize] += n as u64;
            }
            article.sentences.push(Sentence { tokens, tone, hits });
        }
        while let Some(row) = frames.next_of(f_id, &article.id)? {
            let key = (
                row.get(f_lexicon).unwrap_or("").to_string(),
                row.get(f_category).unwrap_or("").to_string(),
            );
            if let Some(&c) = category_index.get(&key) {
                article.scores[c] = frames.optional(&row, f_score)?.unwrap_or(0.0);
            }
        }
        if voice_columns.is_some() {
            // One voice's article is the sum of its sentences of that voice.
            article.tokens = article.sentences.iter().map(|s| s.tokens as u64).sum();
            article.sentence_count = article.sentences.len() as u32;
            article.tone = mean_tone(&article.sentences);
            article.scores = weights.into_iter().map(as_written).collect();
            // Of that voice's words, where articles.csv has a probability of every word.
            for (c, category) in info.schema.categories.iter().enumerate() {
                if let (Some(intercept), Some(_)) = (category.intercept, article.probability(c)) {
                    article.probabilities[c] =
                        voice_probability(intercept, article.scores[c], article.tokens);
                }
            }
        }
        if let (Some(story_words), Some(words)) = (&mut story_words, words) {
            story_words.push(words.finish());
        }
        gatherer.add(
            article,
            terms.iter().map(|(c, t, form, weight)| TermHit {
                category: *c,
                text: t,
                form,
                hits: 1,
                weight: *weight,
                term: None,
            }),
        );
    }
    for table in [Some(&mut sentences), Some(&mut frames), matches.as_mut()]
        .into_iter()
        .flatten()
    {
        if let Some(row) = table.next()? {
            return Err(table.error(format!(
                "article `{}` is not in {ARTICLES}, or the rows are out of order; the folder must be the unchanged output of one `analyze` run",
                row.get(0).unwrap_or("")
            )));
        }
    }
    for table in [Some(articles), Some(sentences), Some(frames), matches]
        .into_iter()
        .flatten()
    {
        table.verify()?;
    }
    Ok((gatherer.finish(), info, story_words))
}

/// The story of an article of a folder written before articles.csv had a `story` column, as
/// comparisons found it then: the id past its group's folder (`global-wire/state-visit` of group
/// `global-wire` reports `state-visit`), or for a file deeper in the folder given
/// (`wire/2024/state-visit` of group `2024`), its name in its group's folder, as `analyze` now
/// gives it.
fn legacy_story(id: &str, group: &str) -> String {
    if group.is_empty() {
        return String::new();
    }
    if let Some(rest) = id.strip_prefix(group).and_then(|r| r.strip_prefix('/')) {
        return rest.to_string();
    }
    match id.rsplit_once('/') {
        Some((folders, name)) if folders.rsplit('/').next() == Some(group) => name.to_string(),
        _ => String::new(),
    }
}

fn read_run(dir: &Path) -> Result<RunInfo, ReadError> {
    let manifest = Manifest::read(dir).map_err(|e| manifest_error(dir, e))?;
    if let Some(source) = &manifest.compared_from {
        return Err(ReadError::File {
            path: dir.to_path_buf(),
            message: format!(
                "holds the comparisons of {source}, not scores; compare {source} itself"
            ),
        });
    }
    let settings = manifest.settings(dir).map_err(|e| manifest_error(dir, e))?;
    let mut schema = Schema::default();
    let mut negatable = Vec::new();
    let mut negatable_known = true;
    for lexicon in &manifest.lexicons {
        let negatable_names: &[String] = match &lexicon.negatable {
            Some(names) => names,
            None => {
                negatable_known = false;
                &[]
            }
        };
        let tone = lexicon.tone.unwrap_or(lexicon.id == "tone");
        let start = schema.categories.len();
        for name in &lexicon.categories {
            negatable.push(negatable_names.contains(name));
            schema.categories.push(Category {
                lexicon: lexicon.id.clone(),
                name: name.clone(),
                intercept: lexicon
                    .intercepts
                    .as_ref()
                    .and_then(|fitted| fitted.get(name).copied()),
            });
        }
        schema.tone |= tone;
        schema.lexicons.push(Lexicon {
            name: lexicon.name.clone(),
            id: lexicon.id.clone(),
            tone,
            categories: start..schema.categories.len(),
        });
    }
    Ok(RunInfo {
        schema,
        negatable,
        negatable_known,
        group_by: manifest.grouping(),
        all_matches: settings.evidence == Evidence::All,
        style: settings.style(),
        format: settings.format,
        languages: manifest
            .lexicons
            .iter()
            .map(|l| l.language.clone())
            .collect(),
        outputs: manifest.outputs,
    })
}

fn manifest_error(dir: &Path, e: ManifestError) -> ReadError {
    match e {
        ManifestError::Unreadable { path, source }
            if source.kind() == std::io::ErrorKind::NotFound
                && (dir.join(ARTICLES).exists() || !leftover_outputs(dir).is_empty()) =>
        {
            ReadError::File {
                path,
                message: format!(
                    "missing, though {} holds outputs: the run that wrote them was stopped while it put them in place, so they may be of two runs; run `analyze` again",
                    dir.display()
                ),
            }
        }
        ManifestError::Unreadable { path, source } => ReadError::File {
            path,
            message: format!("{source}; give the output folder of an `analyze` run"),
        },
        other => ReadError::Manifest(other),
    }
}

/// A file read through, with its size and SHA-256 as far as it was read.
struct Hashing {
    file: File,
    bytes: u64,
    hasher: Sha256,
}

impl Read for Hashing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// A table of rows (CSV or Parquet) read row by row, with one row of look-ahead.
struct Table {
    path: PathBuf,
    reader: Rows<Hashing>,
    /// The size and SHA-256 of a Parquet file, read through before its rows (a CSV file's are
    /// taken as it is read).
    read_through: Option<(u64, String)>,
    headers: csv::StringRecord,
    peeked: Option<csv::StringRecord>,
    record: u64,
    /// What run.json records of the file.
    recorded: Option<OutputEntry>,
    /// Numbers are written with a decimal comma.
    decimal_comma: bool,
}

impl Table {
    fn open(dir: &Path, name: &str, info: &RunInfo) -> Result<Table, ReadError> {
        let name = &info.format.file(name);
        let path = dir.join(name);
        let file = File::open(&path).map_err(|e| {
            let listed = match info.recorded(name) {
                Some(_) => format!(" ({RUN_JSON} lists it)"),
                None => String::new(),
            };
            ReadError::File {
                path: path.clone(),
                message: format!(
                    "{e}{listed}; the folder must hold the outputs of one `analyze` run, as it left them"
                ),
            }
        })?;
        let file_error = |e: &dyn std::fmt::Display| ReadError::File {
            path: path.clone(),
            message: e.to_string(),
        };
        let mut file = Hashing {
            file,
            bytes: 0,
            hasher: Sha256::new(),
        };
        let (mut reader, read_through) = match info.format {
            TableFormat::Csv => (
                Rows::Csv(
                    csv::ReaderBuilder::new()
                        .delimiter(info.style.delimiter)
                        .from_reader(file),
                ),
                None,
            ),
            TableFormat::Parquet => {
                // Its rows are read from anywhere in the file: it is hashed whole first.
                std::io::copy(&mut file, &mut std::io::sink()).map_err(|e| file_error(&e))?;
                let read_through = (file.bytes, hex(file.hasher.finalize().as_slice()));
                if let Some(recorded) = info.recorded(name) {
                    // Refused before its rows are read: a changed file may not even parse.
                    changed(&path, &read_through, recorded)?;
                }
                let again = File::open(&path).map_err(|e| file_error(&e))?;
                let rows = ParquetRows::open(again).map_err(|e| file_error(&e))?;
                (Rows::Parquet(rows), Some(read_through))
            }
        };
        let headers = reader.headers().map_err(|e| file_error(&e))?;
        Ok(Table {
            path,
            reader,
            read_through,
            headers,
            peeked: None,
            record: 0,
            recorded: info.recorded(name).cloned(),
            decimal_comma: info.style.decimal_comma && info.format == TableFormat::Csv,
        })
    }

    /// Checks the file, read to its end, against what run.json records of it: numbers changed
    /// by hand, or a file of another run, would give comparisons that are not those of the run.
    fn verify(mut self) -> Result<(), ReadError> {
        let Some(recorded) = self.recorded.take() else {
            return Ok(());
        };
        let path = self.path.clone();
        let (bytes, sha256) = match (self.reader, self.read_through) {
            (Rows::Csv(reader), _) => {
                let mut hashing = reader.into_inner();
                // Whatever the parser left unread (nothing, after its last record).
                std::io::copy(&mut hashing, &mut std::io::sink()).map_err(|e| ReadError::File {
                    path: path.clone(),
                    message: e.to_string(),
                })?;
                (hashing.bytes, hex(hashing.hasher.finalize().as_slice()))
            }
            (Rows::Parquet(_), Some(read_through)) => read_through,
            (Rows::Parquet(_), None) => return Ok(()),
        };
        changed(&path, &(bytes, sha256), &recorded)
    }

    fn column(&self, name: &str) -> Result<usize, ReadError> {
        self.headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .ok_or_else(|| ReadError::File {
                path: self.path.clone(),
                message: format!(
                    "no column `{name}`; the folder and run.json must come from the same run"
                ),
            })
    }

    fn error(&self, message: String) -> ReadError {
        ReadError::Record {
            path: self.path.clone(),
            record: self.record,
            message,
        }
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
            Err(message) => Err(ReadError::Record {
                path: self.path.clone(),
                record: self.record + 1,
                message,
            }),
        }
    }

    /// The next row if it belongs to article `id`.
    fn next_of(&mut self, column: usize, id: &str) -> Result<Option<csv::StringRecord>, ReadError> {
        match self.next()? {
            Some(row) if row.get(column) == Some(id) => Ok(Some(row)),
            other => {
                self.peeked = other;
                Ok(None)
            }
        }
    }

    fn number<T: std::str::FromStr>(
        &self,
        row: &csv::StringRecord,
        column: usize,
    ) -> Result<T, ReadError> {
        let cell = row.get(column).unwrap_or("");
        let parsed = match self.decimal_comma {
            true => cell.replacen(',', ".", 1).parse(),
            false => cell.parse(),
        };
        parsed.map_err(|_| {
            self.error(format!(
                "column `{}` holds `{cell}`, not a number",
                &self.headers[column]
            ))
        })
    }

    fn optional(&self, row: &csv::StringRecord, column: usize) -> Result<Option<f64>, ReadError> {
        match row.get(column).unwrap_or("") {
            "" => Ok(None),
            _ => self.number(row, column).map(Some),
        }
    }
}

/// An error unless a file of `found` size and SHA-256 is the one run.json records.
fn changed(path: &Path, found: &(u64, String), recorded: &OutputEntry) -> Result<(), ReadError> {
    let (bytes, sha256) = found;
    if *bytes == recorded.bytes && *sha256 == recorded.sha256 {
        return Ok(());
    }
    Err(ReadError::File {
        path: path.to_path_buf(),
        message: format!(
            "not the file {RUN_JSON} lists ({bytes} bytes with SHA-256 {}, where {RUN_JSON} records {} bytes with SHA-256 {}): it was changed after `analyze` wrote it, and comparisons of it would not be those of the run; run `analyze` again",
            short(sha256),
            recorded.bytes,
            short(&recorded.sha256)
        ),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first characters of a hash, enough to tell two apart in a message.
fn short(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_without_a_story_column_find_it_from_ids() {
        assert_eq!(
            legacy_story("global-wire/state-visit", "global-wire"),
            "state-visit"
        );
        assert_eq!(legacy_story("wire/2024/state-visit", "2024"), "state-visit");
        assert_eq!(legacy_story("g/x/y", "g"), "x/y");
        assert_eq!(legacy_story("state-visit", ""), "");
        assert_eq!(legacy_story("a1", "wire"), "");
        assert_eq!(legacy_story("wire-2/a1", "wire"), "");
    }
}
