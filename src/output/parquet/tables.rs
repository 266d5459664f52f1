//! The tables of rows of `analyze` as Parquet files (`articles.parquet`, ...), and the choice
//! between them and the CSV files: rows rendered on the scoring threads, as CSV text or as
//! typed columns, and written by the tables of their format.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use super::columns::TableColumns;
use super::render::{ArticleColumns, ColumnRenderer};
use super::schema::{self, Columns};
use super::write::{Packing, ParquetTable};
use crate::corpus::Article;
use crate::engine::compile::LexiconSet;
use crate::engine::score::ArticleScores;
use crate::output::atomic::AtomicFile;
use crate::output::layout::{
    TableFormat, ARTICLES, FRAMES, MATCHES, SENTENCES, SOURCES, SOURCE_GROUPS,
};
use crate::output::rows::Table;
use crate::output::sources::SourceGroups;
use crate::output::tables::{
    ArticleRows, CsvStyle, Evidence, RowRenderer, Tables, RENDER_WHOLE_UP_TO,
};

/// The Parquet tables of one run, written row group by row group as articles come: into files
/// of an output folder, or into buffers in memory (`W`).
pub struct ParquetTables<W: Write + Send + 'static = AtomicFile> {
    // Each table is written only where its sink was given, each encoded on a thread of its own.
    articles: Option<ParquetTable<W>>,
    frames: Option<ParquetTable<W>>,
    sentences: Option<ParquetTable<W>>,
    matches: Option<ParquetTable<W>>,
    sources: Option<ParquetTable<W>>,
    source_groups: SourceGroups,
    groups: Option<(ParquetTable<W>, Arc<Columns>)>,
    renderer: Arc<ColumnRenderer>,
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

impl<W: Write + Send + 'static> ParquetTables<W> {
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
        let mut layouts = ColumnRenderer::layouts(set, evidence, kept);
        let mut table = |csv_name: &str, layout: &mut Option<Arc<Columns>>| {
            let Some(columns) = layout.as_ref() else {
                return Ok(None);
            };
            match sink(csv_name)? {
                Some(out) => ParquetTable::new(out, columns, packing).map(Some),
                None => {
                    // Not written, so not rendered either.
                    *layout = None;
                    Ok(None)
                }
            }
        };
        let articles = table(ARTICLES, &mut layouts.articles)?;
        let frames = table(FRAMES, &mut layouts.frames)?;
        let sentences = table(SENTENCES, &mut layouts.sentences)?;
        let matches = table(MATCHES, &mut layouts.matches)?;
        let sources = table(SOURCES, &mut layouts.sources)?;
        let groups_layout = Arc::new(schema::source_groups());
        let groups = table(SOURCE_GROUPS, &mut Some(Arc::clone(&groups_layout)))?
            .map(|t| (t, groups_layout));
        Ok(ParquetTables {
            articles,
            frames,
            sentences,
            matches,
            sources,
            source_groups: SourceGroups::default(),
            groups,
            renderer: Arc::new(ColumnRenderer::new(layouts, evidence, kept.len())),
        })
    }

    pub fn renderer(&self) -> Arc<ColumnRenderer> {
        Arc::clone(&self.renderer)
    }

    /// Writes every row of one article, rendering them here a megabyte at a time.
    pub fn write(
        &mut self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
    ) -> std::io::Result<()> {
        let renderer = Arc::clone(&self.renderer);
        let (sentences, matches) = (&mut self.sentences, &mut self.matches);
        let mut flush = |table: Table, rows: &mut TableColumns| {
            match (table, &mut *sentences, &mut *matches) {
                (Table::Sentences, Some(sentences), _) => sentences.append(rows)?,
                (Table::Matches, _, Some(matches)) => matches.append(rows)?,
                _ => {}
            }
            rows.clear();
            Ok(())
        };
        let rows =
            renderer.render_flushing(set, article, scores, RENDER_WHOLE_UP_TO, &mut flush)?;
        self.write_rows(&rows)
    }

    /// Writes rows rendered by [`ParquetTables::renderer`].
    pub fn write_rows(&mut self, rows: &ArticleColumns) -> std::io::Result<()> {
        for (table, rows) in [
            (&mut self.articles, &rows.articles),
            (&mut self.frames, &rows.frames),
            (&mut self.sentences, &rows.sentences),
            (&mut self.matches, &rows.matches),
            (&mut self.sources, &rows.sources),
        ] {
            if let (Some(table), Some(rows)) = (table, rows) {
                table.append(rows)?;
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
        let groups = match self.groups.take() {
            Some((mut table, layout)) => {
                let mut rows = TableColumns::new(layout);
                let mut flush = |rows: &mut TableColumns| {
                    table.append(rows)?;
                    rows.clear();
                    Ok(())
                };
                self.source_groups
                    .render(&mut rows, RENDER_WHOLE_UP_TO, &mut flush)?;
                table.append(&rows)?;
                Some(table)
            }
            None => None,
        };
        let mut finished = Vec::new();
        for (name, table) in [
            (ARTICLES, self.articles),
            (FRAMES, self.frames),
            (SENTENCES, self.sentences),
            (MATCHES, self.matches),
            (SOURCES, self.sources),
            (SOURCE_GROUPS, groups),
        ] {
            if let Some(table) = table {
                finished.push((name, table.finish()?));
            }
        }
        Ok(finished)
    }
}

/// How the rows of an article are rendered for the tables of a run, on the scoring threads.
#[derive(Debug, Clone)]
pub enum RowRenderers {
    Csv(Arc<RowRenderer>),
    Parquet(Arc<ColumnRenderer>),
}

/// The rows of one article, rendered for the tables of a run.
#[derive(Debug)]
pub enum RenderedRows {
    Csv(ArticleRows),
    Parquet(Box<ArticleColumns>),
}

impl RowRenderers {
    /// The rows of one article in every table (`set` is the one the tables were made for).
    pub fn render(
        &self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
    ) -> RenderedRows {
        match self {
            RowRenderers::Csv(r) => RenderedRows::Csv(r.render(set, article, scores)),
            RowRenderers::Parquet(r) => {
                RenderedRows::Parquet(Box::new(r.render(set, article, scores)))
            }
        }
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
    pub fn renderer(&self) -> RowRenderers {
        match self {
            RowTables::Csv(t) => RowRenderers::Csv(t.renderer()),
            RowTables::Parquet(t) => RowRenderers::Parquet(t.renderer()),
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
    pub fn write_rows(&mut self, rows: &RenderedRows) -> std::io::Result<()> {
        match (self, rows) {
            (RowTables::Csv(t), RenderedRows::Csv(rows)) => t.write_rows(rows),
            (RowTables::Parquet(t), RenderedRows::Parquet(rows)) => t.write_rows(rows),
            _ => Err(std::io::Error::other(
                "rows rendered for tables of another format",
            )),
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
