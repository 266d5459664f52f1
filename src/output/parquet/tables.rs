//! The tables of rows of `analyze` as Parquet files (`articles.parquet`, ...), and the choice
//! between them and the CSV files: the same renderer makes the rows of both.

use std::io::Write;
use std::path::{Path, PathBuf};
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

type File = ParquetTable<AtomicFile>;

/// The Parquet tables of one run, written row group by row group as articles come.
pub struct ParquetTables {
    articles: File,
    frames: File,
    sentences: File,
    matches: Option<File>,
    sources: File,
    source_groups: SourceGroups,
    dir: PathBuf,
    renderer: Arc<RowRenderer>,
    rows: ArticleRows,
}

fn create(dir: &Path, csv_name: &str, columns: &Columns) -> std::io::Result<File> {
    let file = AtomicFile::create(&dir.join(TableFormat::Parquet.file(csv_name)))?;
    ParquetTable::new(file, columns, Packing::Compressed)
}

impl ParquetTables {
    /// The tables of a run into `dir`, `articles` ending with the input fields named `kept`.
    pub fn create_keeping(
        dir: &Path,
        set: &LexiconSet,
        evidence: Evidence,
        kept: &[String],
    ) -> std::io::Result<ParquetTables> {
        let matches = match evidence {
            Evidence::None => None,
            _ => Some(create(dir, MATCHES, &schema::matches())?),
        };
        Ok(ParquetTables {
            articles: create(dir, ARTICLES, &schema::articles(set, kept))?,
            frames: create(dir, FRAMES, &schema::frames())?,
            sentences: create(dir, SENTENCES, &schema::sentences(set))?,
            matches,
            sources: create(dir, SOURCES, &schema::sources())?,
            source_groups: SourceGroups::default(),
            dir: dir.to_path_buf(),
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
            match (table, &mut *matches) {
                (Table::Sentences, _) => sentences.push_csv(bytes)?,
                (Table::Matches, Some(matches)) => matches.push_csv(bytes)?,
                (Table::Matches, None) => {}
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
        self.articles.push_csv(&rows.articles)?;
        self.frames.push_csv(&rows.frames)?;
        self.sentences.push_csv(&rows.sentences)?;
        if let Some(matches) = &mut self.matches {
            matches.push_csv(&rows.matches)?;
        }
        self.sources.push_csv(&rows.sources)?;
        self.source_groups.add(&rows.group, &rows.source_counts);
        Ok(())
    }

    /// The files, finished and flushed, ready to commit.
    pub fn into_files(self) -> std::io::Result<Vec<AtomicFile>> {
        let dir = &self.dir;
        let mut groups = create(dir, SOURCE_GROUPS, &schema::source_groups())?;
        let dialect = CsvStyle::default().dialect();
        self.source_groups
            .render(&dialect, &mut |rows| groups.push_csv(rows))?;
        let mut files = Vec::new();
        for table in [
            Some(self.articles),
            Some(self.frames),
            Some(self.sentences),
            self.matches,
            Some(self.sources),
            Some(groups),
        ]
        .into_iter()
        .flatten()
        {
            let mut file = table.finish()?;
            file.flush()?;
            files.push(file);
        }
        Ok(files)
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
