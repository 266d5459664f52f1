//! The per-article CSV outputs: `articles.csv`, `frames.csv`, `sentences.csv`, `matches.csv`,
//! written row by row as articles are scored.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use super::atomic::AtomicFile;
use super::csv_row::{Dialect, LeadCells, ReadyCells, Row};
use super::layout::{ARTICLES, FRAMES, MATCHES, SENTENCES, SOURCES};
use super::rows::{ArticleRenderer, ArticleSinks, ArticleTables, Table};
use super::sources::{SourceGroups, SOURCES_COLUMNS};
use super::spool::SpooledFile;
use crate::corpus::Article;
use crate::engine::compile::LexiconSet;
use crate::engine::score::ArticleScores;
use crate::text::voice::Voice;

/// Names of the columns that readers look up; the lists below use them.
pub mod column {
    pub const ARTICLE_ID: &str = "article_id";
    pub const GROUP: &str = "group";
    pub const STORY: &str = "story";
    pub const DATE: &str = "date";
    pub const TITLE: &str = "title";
    pub const TOKENS: &str = "tokens";
    pub const SENTENCES: &str = "sentences";
    pub const TONE: &str = "tone";
    pub const SENTENCE: &str = "sentence";
    pub const TEXT: &str = "text";
    pub const LEXICON: &str = "lexicon";
    pub const CATEGORY: &str = "category";
    pub const HITS: &str = "hits";
    pub const SCORE: &str = "score";
    pub const TERM: &str = "term";
    pub const NEGATED: &str = "negated";
    pub const MATCHED_TEXT: &str = "matched_text";
    pub const WARNINGS: &str = "warnings";
    pub const VOICE: &str = "voice";
    pub const EFFECTIVE_WEIGHT: &str = "effective_weight";
}

/// `articles.csv` starts with these columns; then one rate per category
/// ([`category_column`]; the fitted probability for a lexicon scored `logistic`), `LEXICON.dominant` per lexicon, `warnings`, and last the input fields
/// kept as they are: every column a reader knows keeps its place whichever are kept.
pub const ARTICLES_LEADING: [&str; 11] = [
    column::ARTICLE_ID,
    column::GROUP,
    column::STORY,
    column::DATE,
    column::TITLE,
    column::TOKENS,
    column::SENTENCES,
    column::TONE,
    "tone_pos",
    "tone_neg",
    "tone_logratio",
];

/// `articles.csv` goes on after [`ARTICLES_LEADING`] with these: the share of its tokens quoted
/// and attributed, its quotations and speakers, and the tone of the author's own words.
pub const ARTICLES_VOICES: [&str; 5] = [
    "quoted_share",
    "attributed_share",
    "quotes",
    "sources",
    "author_tone",
];

/// `frames.csv`: one row per article and category; after the counts of all its matches, its
/// hits by voice (`VOICE_hits`) and affirmed hits per 1,000 tokens of that voice (`VOICE_per_1k`).
pub const FRAMES_COLUMNS: [&str; 16] = [
    column::ARTICLE_ID,
    column::GROUP,
    column::LEXICON,
    column::CATEGORY,
    column::HITS,
    "per_1k",
    column::SCORE,
    "share",
    column::NEGATED,
    "author_hits",
    "author_per_1k",
    "quoted_hits",
    "quoted_per_1k",
    "attributed_hits",
    "attributed_per_1k",
    "unknown_hits",
];

/// The voices with a rate in frames.csv (unknown words are too few for one).
pub(crate) const RATED_VOICES: [Voice; 3] = [Voice::Author, Voice::Quoted, Voice::Attributed];

/// `sentences.csv` starts with these columns; then the affirmed hits per category
/// ([`category_column`]).
pub const SENTENCES_LEADING: [&str; 10] = [
    column::ARTICLE_ID,
    column::SENTENCE,
    "start",
    "end",
    column::TONE,
    column::TEXT,
    column::TOKENS,
    column::HITS,
    "positive",
    "negative",
];

/// `sentences.csv` goes on after [`SENTENCES_LEADING`] with its tokens and tone by voice (the
/// tone of a voice's words alone; empty where the voice has no token).
pub const SENTENCES_VOICES: [&str; 6] = [
    "author_tokens",
    "quoted_tokens",
    "attributed_tokens",
    "author_tone",
    "quoted_tone",
    "attributed_tone",
];

/// `matches.csv`: one row per match; `voice` says whose words it is in, `speaker` who says them.
pub const MATCHES_COLUMNS: [&str; 16] = [
    column::ARTICLE_ID,
    column::SENTENCE,
    "start",
    "end",
    column::MATCHED_TEXT,
    column::TERM,
    column::LEXICON,
    column::CATEGORY,
    "weight",
    column::NEGATED,
    "modifier",
    column::EFFECTIVE_WEIGHT,
    "byte_start",
    "byte_end",
    column::VOICE,
    "speaker",
];

/// The column of a category in the wide tables: `LEXICON.CATEGORY`.
pub fn category_column(lexicon: &str, category: &str) -> String {
    format!("{lexicon}.{category}")
}

/// The header of `articles.csv` for these lexicons and kept input fields.
pub fn articles_header(set: &LexiconSet, kept: &[String]) -> Vec<String> {
    let mut header: Vec<String> = ARTICLES_LEADING.map(String::from).to_vec();
    header.extend(ARTICLES_VOICES.map(String::from));
    header.extend(set.categories.iter().map(|c| c.column.clone()));
    header.extend(set.lexicons.iter().map(|l| format!("{}.dominant", l.id)));
    header.push(column::WARNINGS.into());
    header.extend(kept.iter().cloned());
    header
}

/// The header of `sentences.csv` for these lexicons.
pub fn sentences_header(set: &LexiconSet) -> Vec<String> {
    let mut header: Vec<String> = SENTENCES_LEADING.map(String::from).to_vec();
    header.extend(SENTENCES_VOICES.map(String::from));
    header.extend(set.categories.iter().map(|c| c.column.clone()));
    header
}

/// Decimals of rates, scores and tones in CSV cells.
pub const DECIMALS: usize = 4;

/// How CSV files are laid out for their readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    /// Start each file with a UTF-8 byte-order mark (spreadsheets need it to read UTF-8).
    pub bom: bool,
    pub delimiter: u8,
    /// Text cells that a spreadsheet would run as formulas (from scraped text: ids, titles,
    /// groups, sentences, matched words) start with `'`, which spreadsheets show as text.
    pub inert_formulas: bool,
    /// Numbers are written with a decimal comma, as spreadsheets in comma-decimal locales read
    /// them (with a delimiter other than the comma).
    pub decimal_comma: bool,
}

impl Default for CsvStyle {
    fn default() -> Self {
        CsvStyle {
            bom: false,
            delimiter: b',',
            inert_formulas: false,
            decimal_comma: false,
        }
    }
}

impl CsvStyle {
    /// The style of CSV files for spreadsheets (`--excel`): a byte-order mark, and text cells
    /// that no spreadsheet runs as formulas.
    pub fn for_spreadsheets(delimiter: u8, decimal_comma: bool) -> CsvStyle {
        CsvStyle {
            bom: true,
            delimiter,
            inert_formulas: true,
            decimal_comma,
        }
    }

    pub(crate) fn dialect(&self) -> Dialect {
        Dialect::new(self.delimiter).for_spreadsheets(self.inert_formulas, self.decimal_comma)
    }

    /// A table written row by row in this style, with its header: cells of the columns named in
    /// `numbers` are numbers (given this style's decimal mark), the others text (made inert when
    /// this style asks for it).
    pub fn table<S: AsRef<str>>(
        &self,
        dest: &Path,
        header: &[S],
        numbers: &[&str],
    ) -> std::io::Result<StyledTable> {
        let file = self.file(dest, header)?;
        Ok(StyledTable {
            file,
            dialect: self.dialect(),
            numeric: header
                .iter()
                .map(|h| numbers.contains(&h.as_ref()))
                .collect(),
            row: Vec::new(),
        })
    }

    /// A CSV writer in this style for a new output file, for small tables.
    pub fn writer(&self, dest: &Path) -> std::io::Result<csv::Writer<AtomicFile>> {
        let mut file = AtomicFile::create(dest)?;
        if self.bom {
            file.write_all(b"\xEF\xBB\xBF")?;
        }
        Ok(csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .from_writer(file))
    }

    /// A new output file in this style, with its header row.
    pub fn file<S: AsRef<str>>(&self, dest: &Path, header: &[S]) -> std::io::Result<AtomicFile> {
        let mut file = AtomicFile::create(dest)?;
        let mut bytes = Vec::new();
        if self.bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        let dialect = self.dialect();
        let mut row = Row::new(&mut bytes, &dialect);
        for cell in header {
            row.text(cell.as_ref());
        }
        row.end();
        file.write_all(&bytes)?;
        Ok(file)
    }
}

/// A small table written row by row in a [`CsvStyle`] (see [`CsvStyle::table`]).
pub struct StyledTable {
    file: AtomicFile,
    dialect: Dialect,
    /// Per column, whether its cells are numbers.
    numeric: Vec<bool>,
    row: Vec<u8>,
}

impl StyledTable {
    /// Writes one row.
    pub fn row<I, S>(&mut self, cells: I) -> std::io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.row.clear();
        let mut row = Row::new(&mut self.row, &self.dialect);
        for (i, cell) in cells.into_iter().enumerate() {
            let cell = cell.as_ref();
            match self.numeric.get(i) {
                Some(true) => row.number_text(cell),
                _ => row.text(cell),
            };
        }
        row.end();
        self.file.write_all(&self.row)
    }

    /// The file written, to be committed.
    pub fn into_file(self) -> AtomicFile {
        self.file
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

/// Evidence given as text that is neither `all`, `none` nor a count.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not `all`, `none` or a number of matches per article")]
pub struct BadEvidence(pub String);

impl std::str::FromStr for Evidence {
    type Err = BadEvidence;

    fn from_str(text: &str) -> Result<Evidence, BadEvidence> {
        match text {
            "all" => Ok(Evidence::All),
            "none" => Ok(Evidence::None),
            n => n
                .parse()
                .map(Evidence::PerArticle)
                .map_err(|_| BadEvidence(n.to_string())),
        }
    }
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Evidence::All => f.write_str("all"),
            Evidence::None => f.write_str("none"),
            Evidence::PerArticle(n) => write!(f, "{n}"),
        }
    }
}

/// The rows one article adds to each table, as CSV bytes. Rendering them is most of the cost of
/// writing, so it happens on the scoring threads; the writer only appends bytes to files.
pub type ArticleRows = ArticleTables<Vec<u8>>;

/// Renders the rows of an article as CSV: the rows of [`ArticleRenderer`] in one style. Built
/// once per run for one set of lexicons: the cells that only depend on a term or a category are
/// escaped once here and copied into rows.
#[derive(Debug, Clone)]
pub struct RowRenderer {
    rows: ArticleRenderer,
    dialect: Dialect,
    ready: ReadyCells,
}

impl RowRenderer {
    pub fn new(set: &LexiconSet, style: CsvStyle, evidence: Evidence) -> RowRenderer {
        Self::keeping(set, style, evidence, 0)
    }

    /// A renderer whose articles.csv rows end with `kept` input fields (an article's
    /// [`Article::kept`]).
    pub fn keeping(
        set: &LexiconSet,
        style: CsvStyle,
        evidence: Evidence,
        kept: usize,
    ) -> RowRenderer {
        let dialect = style.dialect();
        RowRenderer {
            rows: ArticleRenderer::new(evidence, kept),
            ready: ReadyCells::new(set, &dialect),
            dialect,
        }
    }

    /// The rows of one article in every table (`set` is the one the renderer was made for).
    pub fn render(
        &self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
    ) -> ArticleRows {
        let mut rows = ArticleRows::default();
        self.render_into(set, article, scores, &mut rows);
        rows
    }

    /// Like [`RowRenderer::render`], into buffers that are cleared first.
    pub fn render_into(
        &self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
        rows: &mut ArticleRows,
    ) {
        let mut keep = |_: Table, _: &mut Vec<u8>| Ok(());
        // Into memory, nothing fails.
        let _ = self.render_flushing(set, article, scores, rows, usize::MAX, &mut keep);
    }

    /// Like [`RowRenderer::render_into`], handing a table's rows to `flush` (which empties the
    /// buffer) whenever they take more than `every` bytes (see [`ArticleRenderer::render`]).
    /// What is left in `rows` at the end is for the caller to write.
    pub fn render_flushing(
        &self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
        rows: &mut ArticleRows,
        every: usize,
        flush: &mut dyn FnMut(Table, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let id = article.id.len();
        rows.articles.clear();
        rows.frames.clear();
        rows.frames
            .reserve(set.categories.len() * (id + article.group.len() + 64));
        rows.sentences.clear();
        rows.sentences.reserve(
            (article.text.len() + scores.sentences.len() * (id + 40 + 2 * set.categories.len()))
                .min(every),
        );
        rows.matches.clear();
        rows.matches
            .reserve((self.rows.shown(scores) * (id + 96)).min(every));
        rows.sources.clear();
        let leads = LeadCells::new(article, &self.dialect);
        let row = |bytes| Row::new(bytes, &self.dialect).with_ready(&self.ready, &leads);
        let (mut articles, mut frames) = (row(&mut rows.articles), row(&mut rows.frames));
        let (mut sentences, mut matches) = (row(&mut rows.sentences), row(&mut rows.matches));
        let mut sources = row(&mut rows.sources);
        let tables = ArticleSinks {
            articles: Some(&mut articles),
            frames: Some(&mut frames),
            sentences: Some(&mut sentences),
            matches: Some(&mut matches),
            sources: Some(&mut sources),
        };
        let mut flush_bytes = |table: Table, rows: &mut Row| flush(table, rows.bytes_mut());
        self.rows
            .render(set, article, scores, tables, every, &mut flush_bytes)?;
        rows.count_sources(article, &scores.voices);
        Ok(())
    }
}

/// The rows of an article longer than this are written as they are rendered, a megabyte at a
/// time, rather than rendered whole first.
pub const RENDER_WHOLE_UP_TO: usize = 1 << 20;

/// The four streaming CSV outputs.
pub struct Tables {
    // Each hashed and written on a thread of its own.
    articles: SpooledFile,
    frames: SpooledFile,
    sentences: SpooledFile,
    matches: Option<SpooledFile>,
    sources: SpooledFile,
    /// Sources summed per group, written into `dir` at the end.
    source_groups: SourceGroups,
    dir: std::path::PathBuf,
    style: CsvStyle,
    /// Shared with the scoring threads: the cells of every term take about a megabyte with the
    /// shipped lexicons.
    renderer: Arc<RowRenderer>,
    rows: ArticleRows,
}

impl Tables {
    pub fn create(
        dir: &Path,
        set: &LexiconSet,
        style: CsvStyle,
        evidence: Evidence,
    ) -> std::io::Result<Tables> {
        Self::create_keeping(dir, set, style, evidence, &[])
    }

    /// Like [`Tables::create`], with articles.csv ending with the input fields named `kept`.
    pub fn create_keeping(
        dir: &Path,
        set: &LexiconSet,
        style: CsvStyle,
        evidence: Evidence,
        kept: &[String],
    ) -> std::io::Result<Tables> {
        fn spooled<S: AsRef<str>>(
            style: CsvStyle,
            path: &Path,
            header: &[S],
        ) -> std::io::Result<SpooledFile> {
            SpooledFile::new(style.file(path, header)?)
        }
        let articles = spooled(style, &dir.join(ARTICLES), &articles_header(set, kept))?;
        let frames = spooled(style, &dir.join(FRAMES), &FRAMES_COLUMNS)?;
        let sentences = spooled(style, &dir.join(SENTENCES), &sentences_header(set))?;
        let matches = match evidence {
            Evidence::None => None,
            _ => Some(spooled(style, &dir.join(MATCHES), &MATCHES_COLUMNS)?),
        };
        let sources = spooled(style, &dir.join(SOURCES), &SOURCES_COLUMNS)?;
        Ok(Tables {
            articles,
            frames,
            sentences,
            matches,
            sources,
            source_groups: SourceGroups::default(),
            dir: dir.to_path_buf(),
            style,
            renderer: Arc::new(RowRenderer::keeping(set, style, evidence, kept.len())),
            rows: ArticleRows::default(),
        })
    }

    /// How rows are rendered for these files, to render them elsewhere (on scoring threads).
    pub fn renderer(&self) -> Arc<RowRenderer> {
        Arc::clone(&self.renderer)
    }

    /// Writes every row of one article, rendering them here: a megabyte of rows at a time, so
    /// that a long article's rows are never in memory at once.
    pub fn write(
        &mut self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
    ) -> std::io::Result<()> {
        let mut rows = std::mem::take(&mut self.rows);
        let renderer = Arc::clone(&self.renderer);
        let (sentences, matches) = (&mut self.sentences, &mut self.matches);
        let mut flush = |table: Table, bytes: &mut Vec<u8>| {
            match (table, &mut *matches) {
                (Table::Sentences, _) => sentences.write_all(bytes)?,
                (Table::Matches, Some(matches)) => matches.write_all(bytes)?,
                (Table::Matches, None) => {}
            }
            bytes.clear();
            Ok(())
        };
        let rendered =
            renderer.render_flushing(set, article, scores, &mut rows, 1 << 20, &mut flush);
        let result = rendered.and_then(|()| self.write_rows(&rows));
        // The buffers stay for the next article, but not a long article's worth of them.
        rows.sentences.shrink_to(1 << 21);
        rows.matches.shrink_to(1 << 21);
        self.rows = rows;
        result
    }

    /// Writes rows rendered by [`Tables::renderer`].
    pub fn write_rows(&mut self, rows: &ArticleRows) -> std::io::Result<()> {
        self.write_article_rows(rows)?;
        self.sources.write_all(&rows.sources)?;
        self.source_groups.add(&rows.group, &rows.source_counts);
        Ok(())
    }

    fn write_article_rows(&mut self, rows: &ArticleRows) -> std::io::Result<()> {
        self.articles.write_all(&rows.articles)?;
        self.frames.write_all(&rows.frames)?;
        self.sentences.write_all(&rows.sentences)?;
        if let Some(matches) = &mut self.matches {
            matches.write_all(&rows.matches)?;
        }
        Ok(())
    }

    /// The files, flushed (so that a full disk shows here), ready to commit.
    pub fn into_files(mut self) -> std::io::Result<Vec<AtomicFile>> {
        let groups = self.source_groups.write(&self.dir, self.style)?;
        let mut files = vec![
            self.articles.finish()?,
            self.frames.finish()?,
            self.sentences.finish()?,
        ];
        if let Some(matches) = &mut self.matches {
            files.push(matches.finish()?);
        }
        files.push(self.sources.finish()?);
        files.push(groups);
        for f in &mut files {
            f.flush()?;
        }
        Ok(files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{load, LexiconDir};
    use crate::output::number::{fixed, fixed_opt};
    use crate::Scorer;

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            group: "g".into(),
            story: "s, \"t\"".into(),
            date: crate::corpus::Date::new(2024, 5, 1),
            title: "t".into(),
            text: text.into(),
            origin: id.into(),
            warnings: Vec::new(),
            kept: vec!["2024-05-01".into(), "=1+1".into()],
            language: String::new(),
        }
    }

    /// The rows of sentences.csv and matches.csv, written field by field with the csv crate and
    /// the character offsets counted from the start of the text.
    fn reference(
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
        delimiter: u8,
    ) -> (Vec<u8>, Vec<u8>) {
        let text = &article.text;
        let chars = |byte: u32| text[..byte as usize].chars().count().to_string();
        let writer = || {
            csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(Vec::new())
        };
        let mut sentences = writer();
        for (i, s) in scores.sentences.iter().enumerate() {
            let mut counts = vec![0u32; set.categories.len()];
            for &(c, n) in &s.category_hits {
                counts[c as usize] = n;
            }
            let words: Vec<&str> = text[s.start as usize..s.end as usize]
                .split_whitespace()
                .collect();
            let mut record = vec![
                article.id.clone(),
                (i + 1).to_string(),
                chars(s.start),
                chars(s.end),
                fixed_opt(s.tone, DECIMALS),
                words.join(" "),
            ];
            record.extend([s.tokens, s.hits, s.positive, s.negative].map(|n| n.to_string()));
            record.extend(RATED_VOICES.map(|v| s.voice_tokens[v.index()].to_string()));
            record.extend(RATED_VOICES.map(|v| fixed_opt(s.voice_tone[v.index()], DECIMALS)));
            record.extend(counts.iter().map(|n| n.to_string()));
            sentences.write_record(&record).unwrap();
        }
        let mut matches = writer();
        for hit in &scores.hits {
            let term = &set.terms[hit.term as usize];
            let category = &set.categories[term.category as usize];
            matches
                .write_record([
                    article.id.clone(),
                    (hit.sentence + 1).to_string(),
                    chars(hit.start),
                    chars(hit.end),
                    text[hit.start as usize..hit.end as usize].to_string(),
                    term.text.clone(),
                    set.lexicons[category.lexicon].id.clone(),
                    category.name.clone(),
                    fixed(term.weight, DECIMALS),
                    hit.negated.to_string(),
                    hit.note.clone(),
                    fixed(hit.effective, DECIMALS),
                    hit.start.to_string(),
                    hit.end.to_string(),
                    hit.voice.name().to_string(),
                    hit.speaker.map_or(String::new(), |s| {
                        scores.voices.speakers[s as usize].name.clone()
                    }),
                ])
                .unwrap();
        }
        (
            sentences.into_inner().unwrap(),
            matches.into_inner().unwrap(),
        )
    }

    #[test]
    fn rows_are_those_of_the_csv_crate() {
        let loaded = load(&[], &LexiconDir::embedded_only()).unwrap();
        let scorer = Scorer::new(&loaded).unwrap();
        let set = scorer.lexicons();
        let articles = [
            article(
                "ascii",
                "The talks were not good, and the \"deal\" was very bad.\n\nPeople  were happy \
                 with the peace agreement; the war ended.\tTroops attacked the city and killed \
                 civilians. Officials said the crisis was not over.",
            ),
            article(
                "beyond, ascii",
                "Ñandú café: the \u{201c}crisis\u{201d} was terrible \u{2014} officials said\u{3000}it \
                 was not a disaster.\u{a0}Hope returned\u{2026}  The protest was very violent and \
                 deadly. 東京 police arrested 12 protesters after the attack; the economy grew.",
            ),
        ];
        let (mut plain, mut negated, mut noted, mut offsets_differ) = (0, 0, 0, 0);
        let mut spoken = 0;
        for a in &articles {
            let scored = scorer.score(&a.text);
            // Also hits that differ from the term in one way only, which scoring may not make.
            let mut changed = scored.clone();
            for (i, hit) in changed.hits.iter_mut().enumerate() {
                match i % 3 {
                    0 => hit.effective *= 0.5,
                    1 => hit.note = "x, \"y\"".into(),
                    _ => hit.negated = !hit.negated,
                }
            }
            for scores in [scored, changed] {
                for hit in &scores.hits {
                    let term = &set.terms[hit.term as usize];
                    plain += (!hit.negated && hit.note.is_empty() && hit.effective == term.weight)
                        as usize;
                    negated += hit.negated as usize;
                    noted += !hit.note.is_empty() as usize;
                    spoken += hit.speaker.is_some() as usize;
                    offsets_differ += (a.text[..hit.start as usize].chars().count()
                        != hit.start as usize) as usize;
                }
                for delimiter in [b',', b';', b'\t', b' ', b'.', b'-'] {
                    let style = CsvStyle {
                        delimiter,
                        ..CsvStyle::default()
                    };
                    let rows = RowRenderer::new(set, style, Evidence::All).render(set, a, &scores);
                    let (sentences, matches) = reference(set, a, &scores, delimiter);
                    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).unwrap();
                    assert_eq!(text(&rows.sentences), text(&sentences), "{delimiter}");
                    assert_eq!(text(&rows.matches), text(&matches), "{delimiter}");
                }
            }
        }
        // Every path of the matches rows was taken.
        assert!(plain > 0 && negated > 0 && noted > 0 && offsets_differ > 0 && spoken > 0);
    }

    #[test]
    fn articles_rows_hold_the_story_after_the_group_and_kept_fields_last() {
        let loaded = load(&[], &LexiconDir::embedded_only()).unwrap();
        let scorer = Scorer::new(&loaded).unwrap();
        let set = scorer.lexicons();
        let a = article("a", "Hope returned.");
        let kept = ["desk".to_string(), "topic".to_string()];
        let rows = RowRenderer::keeping(set, CsvStyle::default(), Evidence::All, kept.len())
            .render(set, &a, &scorer.score(&a.text));
        let header = articles_header(set, &kept);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(rows.articles.as_slice());
        let row = reader.records().next().unwrap().unwrap();
        let cell = |name: &str| &row[header.iter().position(|h| h == name).unwrap()];
        assert_eq!(&header[..4], ["article_id", "group", "story", "date"]);
        assert_eq!((cell("story"), cell("date")), ("s, \"t\"", "2024-05-01"));
        assert_eq!(&header[header.len() - 3..], ["warnings", "desk", "topic"]);
        assert_eq!((cell("desk"), cell("topic")), ("2024-05-01", "'=1+1"));
    }

    #[test]
    fn every_row_has_as_many_cells_as_its_header() {
        let loaded = load(&[], &LexiconDir::embedded_only()).unwrap();
        let scorer = Scorer::new(&loaded).unwrap();
        let set = scorer.lexicons();
        let a = article(
            "a, \"b\"",
            "The talks were not good.\n\nPeople were happy with the peace agreement; officials \
             said the war ended. Troops attacked the city. \"We are hopeful,\" she said.",
        );
        let scores = scorer.score(&a.text);
        assert!(!scores.hits.is_empty());
        let kept = ["date".to_string(), "topic".to_string()];
        let rows = RowRenderer::keeping(set, CsvStyle::default(), Evidence::All, kept.len())
            .render(set, &a, &scores);
        let tables: [(&[u8], Vec<String>); 5] = [
            (&rows.articles, articles_header(set, &kept)),
            (&rows.frames, FRAMES_COLUMNS.map(String::from).to_vec()),
            (&rows.sentences, sentences_header(set)),
            (&rows.matches, MATCHES_COLUMNS.map(String::from).to_vec()),
            (&rows.sources, SOURCES_COLUMNS.map(String::from).to_vec()),
        ];
        for (bytes, header) in tables {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(bytes);
            let mut records = 0;
            for record in reader.records() {
                assert_eq!(record.unwrap().len(), header.len(), "{header:?}");
                records += 1;
            }
            assert!(records > 0, "{header:?}");
        }
    }
}
