//! The tables of rows of `analyze` as Parquet files (`articles.parquet`, ...), and the choice
//! between them and the CSV files: the same renderer makes the rows of both.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use super::schema::{self, Columns};
use super::write::{Packing, ParquetTable};
use crate::corpus::Article;
use crate::engine::compile::LexiconSet;
use crate::engine::score::ArticleScores;
use crate::output::atomic::AtomicFile;
use crate::output::layout::{
    TableFormat, ARTICLES, FRAMES, MATCHES, SENTENCES, SOURCES, SOURCE_GROUPS,
};
use crate::output::sources::SourceGroups;
use crate::output::tables::{
    ArticleRows, CsvStyle, Evidence, RowRenderer, Table, Tables, RENDER_WHOLE_UP_TO,
};

/// The Parquet tables of one run, written row group by row group as articles come: into files
/// of an output folder, or into buffers in memory (`W`).
pub struct ParquetTables<W: Write + Send = AtomicFile> {
    // Each table is written only where its sink was given.
    articles: Option<ParquetTable<W>>,
    frames: Option<ParquetTable<W>>,
    sentences: Option<ParquetTable<W>>,
    matches: Option<ParquetTable<W>>,
    sources: Option<ParquetTable<W>>,
    source_groups: SourceGroups,
    groups: Option<ParquetTable<W>>,
    renderer: Arc<RowRenderer>,
    rows: ArticleRows,
}

impl ParquetTables<AtomicFile> {
    /// The tables of a run into `dir`, `articles` ending with the input fields named `kept`.
    pub fn create_keeping(
        dir: &Path,
        set: &LexiconSet,
        evidence: Evidence,
        kept: &[String],
    ) -> std::io::Result<ParquetTables> {
        ParquetTables::into_sinks(set, evidence, kept, Packing::Compressed, |csv_name| {
            AtomicFile::create(&dir.join(TableFormat::Parquet.file(csv_name))).map(Some)
        })
    }

    /// The files, finished and flushed, ready to commit.
    pub fn into_files(self) -> std::io::Result<Vec<AtomicFile>> {
        let mut files = Vec::new();
        for (_, mut file) in self.finish()? {
            file.flush()?;
            files.push(file);
        }
        Ok(files)
    }
}

impl<W: Write + Send> ParquetTables<W> {
    /// The tables written into what `sink` gives for each table (named as its CSV file; none
    /// for a table not wanted), `articles` ending with the input fields named `kept`; `matches`
    /// only when `evidence` asks for matches.
    pub fn into_sinks(
        set: &LexiconSet,
        evidence: Evidence,
        kept: &[String],
        packing: Packing,
        mut sink: impl FnMut(&str) -> std::io::Result<Option<W>>,
    ) -> std::io::Result<ParquetTables<W>> {
        let mut table = |csv_name: &str, columns: &Columns| match sink(csv_name)? {
            Some(out) => ParquetTable::new(out, columns, packing).map(Some),
            None => Ok(None),
        };
        let matches = match evidence {
            Evidence::None => None,
            _ => table(MATCHES, &schema::matches())?,
        };
        Ok(ParquetTables {
            articles: table(ARTICLES, &schema::articles(set, kept))?,
            frames: table(FRAMES, &schema::frames())?,
            sentences: table(SENTENCES, &schema::sentences(set))?,
            matches,
            sources: table(SOURCES, &schema::sources())?,
            source_groups: SourceGroups::default(),
            groups: table(SOURCE_GROUPS, &schema::source_groups())?,
            // The cells are read back as values: they are rendered in the plain style.
            renderer: Arc::new(RowRenderer::keeping(
                set,
                CsvStyle::default(),
                evidence,
                kept.len(),
            )),
            rows: ArticleRows::default(),
        })
    }

    pub fn renderer(&self) -> Arc<RowRenderer> {
        Arc::clone(&self.renderer)
    }

    /// Writes every row of one article, rendering them here a megabyte at a time.
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
            match (table, &mut *sentences, &mut *matches) {
                (Table::Sentences, Some(sentences), _) => sentences.push_csv(bytes)?,
                (Table::Matches, _, Some(matches)) => matches.push_csv(bytes)?,
                _ => {}
            }
            bytes.clear();
            Ok(())
        };
        let rendered = renderer.render_flushing(
            set,
            article,
            scores,
            &mut rows,
            RENDER_WHOLE_UP_TO,
            &mut flush,
        );
        let result = rendered.and_then(|()| self.write_rows(&rows));
        rows.sentences.shrink_to(1 << 21);
        rows.matches.shrink_to(1 << 21);
        self.rows = rows;
        result
    }

    /// Writes rows rendered by [`ParquetTables::renderer`].
    pub fn write_rows(&mut self, rows: &ArticleRows) -> std::io::Result<()> {
        for (table, rows) in [
            (&mut self.articles, &rows.articles),
            (&mut self.frames, &rows.frames),
            (&mut self.sentences, &rows.sentences),
            (&mut self.matches, &rows.matches),
            (&mut self.sources, &rows.sources),
        ] {
            if let Some(table) = table {
                table.push_csv(rows)?;
            }
        }
        if self.groups.is_some() {
            self.source_groups.add(&rows.group, &rows.source_counts);
        }
        Ok(())
    }

    /// Every table finished (its footer written), each with the name of its CSV twin, in the
    /// order the run lists them.
    pub fn finish(mut self) -> std::io::Result<Vec<(&'static str, W)>> {
        if let Some(groups) = &mut self.groups {
            let dialect = CsvStyle::default().dialect();
            self.source_groups
                .render(&dialect, &mut |rows| groups.push_csv(rows))?;
        }
        let mut finished = Vec::new();
        for (name, table) in [
            (ARTICLES, self.articles),
            (FRAMES, self.frames),
            (SENTENCES, self.sentences),
            (MATCHES, self.matches),
            (SOURCES, self.sources),
            (SOURCE_GROUPS, self.groups),
        ] {
            if let Some(table) = table {
                finished.push((name, table.finish()?));
            }
        }
        Ok(finished)
    }
}

/// The tables of rows of a run, in the format asked for.
pub enum RowTables {
    Csv(Box<Tables>),
    Parquet(Box<ParquetTables>),
}

impl RowTables {
    /// The tables of a run into `dir` in `format` (CSV in `style`).
    pub fn create(
        dir: &Path,
        set: &LexiconSet,
        format: TableFormat,
        style: CsvStyle,
        evidence: Evidence,
        kept: &[String],
    ) -> std::io::Result<RowTables> {
        Ok(match format {
            TableFormat::Csv => RowTables::Csv(Box::new(Tables::create_keeping(
                dir, set, style, evidence, kept,
            )?)),
            TableFormat::Parquet => RowTables::Parquet(Box::new(ParquetTables::create_keeping(
                dir, set, evidence, kept,
            )?)),
        })
    }

    /// How rows are rendered for these files, to render them on the scoring threads.
    pub fn renderer(&self) -> Arc<RowRenderer> {
        match self {
            RowTables::Csv(t) => t.renderer(),
            RowTables::Parquet(t) => t.renderer(),
        }
    }

    /// Writes every row of one article, rendering them here.
    pub fn write(
        &mut self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
    ) -> std::io::Result<()> {
        match self {
            RowTables::Csv(t) => t.write(set, article, scores),
            RowTables::Parquet(t) => t.write(set, article, scores),
        }
    }

    /// Writes rows rendered by [`RowTables::renderer`].
    pub fn write_rows(&mut self, rows: &ArticleRows) -> std::io::Result<()> {
        match self {
            RowTables::Csv(t) => t.write_rows(rows),
            RowTables::Parquet(t) => t.write_rows(rows),
        }
    }

    /// The files, flushed, ready to commit.
    pub fn into_files(self) -> std::io::Result<Vec<AtomicFile>> {
        match self {
            RowTables::Csv(t) => (*t).into_files(),
            RowTables::Parquet(t) => (*t).into_files(),
        }
    }
}
