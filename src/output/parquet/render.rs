//! The rows of one article as typed columns: the rows of [`ArticleRenderer`] written into
//! [`TableColumns`] in the columns of `schema`, for the tables a run writes. The tests hold
//! them to the CSV rows.

use std::sync::Arc;

use super::columns::TableColumns;
use super::schema::{self, Columns};
use crate::corpus::Article;
use crate::engine::compile::LexiconSet;
use crate::engine::score::ArticleScores;
use crate::output::rows::{ArticleRenderer, ArticleSinks, ArticleTables, Table};
use crate::output::tables::Evidence;

/// The rows one article adds to each table, as typed columns; a table not written has none.
pub type ArticleColumns = ArticleTables<Option<TableColumns>>;

/// The columns of each table written (none for a table not written).
#[derive(Debug, Clone, Default)]
pub struct Layouts {
    pub articles: Option<Arc<Columns>>,
    pub frames: Option<Arc<Columns>>,
    pub sentences: Option<Arc<Columns>>,
    pub matches: Option<Arc<Columns>>,
    pub sources: Option<Arc<Columns>>,
}

/// Makes the rows of articles as typed columns, for the tables of one run.
#[derive(Debug, Clone)]
pub struct ColumnRenderer {
    rows: ArticleRenderer,
    layouts: Layouts,
}

impl ColumnRenderer {
    /// A renderer of the tables that `layouts` has columns for.
    pub fn new(layouts: Layouts, evidence: Evidence, kept: usize) -> ColumnRenderer {
        ColumnRenderer {
            rows: ArticleRenderer::new(evidence, kept),
            layouts,
        }
    }

    /// The columns of every table, `articles` ending with `kept` input fields.
    pub fn layouts(set: &LexiconSet, evidence: Evidence, kept: &[String]) -> Layouts {
        Layouts {
            articles: Some(Arc::new(schema::articles(set, kept))),
            frames: Some(Arc::new(schema::frames())),
            sentences: Some(Arc::new(schema::sentences(set))),
            matches: (evidence != Evidence::None).then(|| Arc::new(schema::matches())),
            sources: Some(Arc::new(schema::sources())),
        }
    }

    /// The rows of one article in every table (`set` is the one the tables were made for).
    pub fn render(
        &self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
    ) -> ArticleColumns {
        let mut keep = |_: Table, _: &mut TableColumns| Ok(());
        // Into memory, nothing fails.
        self.render_flushing(set, article, scores, usize::MAX, &mut keep)
            .expect("rows kept in memory")
    }

    /// Like [`ColumnRenderer::render`], handing a table's rows to `flush` (which empties them)
    /// whenever they take more than `every` bytes (see
    /// [`ArticleRenderer::render`](crate::output::rows::ArticleRenderer::render)). What is left
    /// at the end is for the caller to write.
    pub fn render_flushing(
        &self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
        every: usize,
        flush: &mut dyn FnMut(Table, &mut TableColumns) -> std::io::Result<()>,
    ) -> std::io::Result<ArticleColumns> {
        let table = |layout: &Option<Arc<Columns>>, rows: usize| {
            layout.as_ref().map(|l| {
                let mut columns = TableColumns::new(Arc::clone(l));
                columns.reserve(rows);
                columns
            })
        };
        let layouts = &self.layouts;
        let mut rows = ArticleColumns {
            articles: table(&layouts.articles, 1),
            frames: table(&layouts.frames, set.categories.len()),
            sentences: table(&layouts.sentences, scores.sentences.len().min(1 << 16)),
            matches: table(&layouts.matches, self.rows.shown(scores).min(1 << 16)),
            sources: table(&layouts.sources, scores.voices.speakers.len() + 1),
            source_counts: Vec::new(),
            group: String::new(),
        };
        rows.count_sources(article, &scores.voices);
        let tables = ArticleSinks {
            articles: rows.articles.as_mut(),
            frames: rows.frames.as_mut(),
            sentences: rows.sentences.as_mut(),
            matches: rows.matches.as_mut(),
            sources: rows.sources.as_mut(),
        };
        self.rows
            .render(set, article, scores, tables, every, flush)?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::score::ArticleScores;
    use crate::lexicon::{load, LexiconDir};
    use crate::output::parquet::write::{Packing, ParquetTable};
    use crate::output::parquet::ParquetRows;
    use crate::output::tables::{CsvStyle, RowRenderer};
    use crate::Scorer;

    fn article(id: &str, text: &str, kept: &[&str]) -> Article {
        Article {
            id: id.into(),
            group: "wire, \"daily\"".into(),
            story: "s, \"t\"".into(),
            date: crate::corpus::Date::new(2024, 5, 1),
            title: " A\ttitle\n on  two lines ".into(),
            text: text.into(),
            origin: id.into(),
            warnings: vec!["repaired, once".into(), "renamed".into()],
            kept: kept.iter().map(|k| k.to_string()).collect(),
            language: String::new(),
        }
    }

    /// Rows as the cells a CSV reader sees.
    fn csv_cells(bytes: &[u8]) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .map(|r| r.expect("a CSV row").iter().map(String::from).collect())
            .collect()
    }

    /// Rows written as a Parquet file and read back as the cells of its CSV twin.
    fn parquet_cells(rows: &TableColumns) -> Vec<Vec<String>> {
        let mut table =
            ParquetTable::new(Vec::new(), rows.layout(), Packing::Compressed).expect("table");
        table.append(rows).expect("rows");
        let mut reader = ParquetRows::from_bytes(table.finish().expect("file")).expect("parquet");
        let mut record = csv::StringRecord::new();
        let mut cells = Vec::new();
        while reader.read_record(&mut record).expect("a row") {
            cells.push(record.iter().map(String::from).collect());
        }
        cells
    }

    fn articles() -> Vec<Article> {
        let mut undated = article(
            "beyond, ascii",
            "Ñandú café: the \u{201c}crisis\u{201d} was terrible \u{2014} officials said\u{3000}it \
             was not a disaster.\u{a0}Hope returned\u{2026}  The protest was very violent and \
             deadly. 東京 police arrested 12 protesters after the attack; the economy grew.\n\n\
             \"Nobody expected the crisis to end so soon.\"",
            &["  =1+1", "-3.5"],
        );
        undated.date = None;
        undated.warnings.clear();
        vec![
            article(
                "=ascii",
                "The talks were not good, and the \"deal\" was very bad.\n\nPeople  were happy \
                 with the peace agreement; the war ended.\tTroops attacked the city and killed \
                 civilians. \"We are hopeful,\" said Foreign Minister Elena Markovic. Officials \
                 said the crisis was not over, according to a senior official.",
                &["desk, \"a\"", "@home"],
            ),
            undated,
            article("empty", "", &["", ""]),
        ]
    }

    /// Every scored article, and the same with hits that differ from their term in one way
    /// (a weight changed by a modifier, a note, negation), which scoring may not make.
    fn scored(scorer: &Scorer) -> Vec<(Article, ArticleScores)> {
        let mut all = Vec::new();
        for a in articles() {
            let scores = scorer.score(&a.text);
            let mut changed = scores.clone();
            for (i, hit) in changed.hits.iter_mut().enumerate() {
                match i % 3 {
                    0 => hit.effective *= 0.5,
                    1 => hit.note = "x, \"y\"".into(),
                    _ => hit.negated = !hit.negated,
                }
            }
            all.push((a.clone(), scores));
            all.push((a, changed));
        }
        all
    }

    #[test]
    fn typed_rows_read_back_as_the_csv_rows() {
        let loaded = load(&[], &LexiconDir::embedded_only()).expect("lexicons");
        let scorer = Scorer::new(&loaded).expect("compiles");
        let set = scorer.lexicons();
        let kept = ["desk".to_string(), "topic".to_string()];
        let (mut matched, mut spoken, mut unidentified) = (0, 0, 0);
        for evidence in [Evidence::All, Evidence::PerArticle(2)] {
            let csv = RowRenderer::keeping(set, CsvStyle::default(), evidence, kept.len());
            let typed = ColumnRenderer::new(
                ColumnRenderer::layouts(set, evidence, &kept),
                evidence,
                kept.len(),
            );
            for (a, scores) in scored(&scorer) {
                let text = csv.render(set, &a, &scores);
                let rows = typed.render(set, &a, &scores);
                let tables = [
                    ("articles", &text.articles, &rows.articles),
                    ("frames", &text.frames, &rows.frames),
                    ("sentences", &text.sentences, &rows.sentences),
                    ("matches", &text.matches, &rows.matches),
                    ("sources", &text.sources, &rows.sources),
                ];
                for (name, text, rows) in tables {
                    let rows = rows.as_ref().expect("every table is rendered");
                    assert_eq!(parquet_cells(rows), csv_cells(text), "{name} of {}", a.id);
                }
                assert_eq!(rows.source_counts, text.source_counts);
                assert_eq!(rows.group, text.group);
                matched += rows.matches.as_ref().map_or(0, |m| m.rows());
                spoken += scores.hits.iter().filter(|h| h.speaker.is_some()).count();
                unidentified += usize::from(scores.voices.unidentified.speaks());
            }
        }
        // The cases that make cells differ were all there.
        assert!(
            matched > 0 && spoken > 0 && unidentified > 0,
            "{matched} {spoken} {unidentified}"
        );
    }

    #[test]
    fn rows_handed_over_as_they_are_rendered_are_the_rows_rendered_whole() {
        let loaded = load(&[], &LexiconDir::embedded_only()).expect("lexicons");
        let scorer = Scorer::new(&loaded).expect("compiles");
        let set = scorer.lexicons();
        let renderer = ColumnRenderer::new(
            ColumnRenderer::layouts(set, Evidence::All, &[]),
            Evidence::All,
            0,
        );
        let (a, scores) = scored(&scorer).swap_remove(0);
        let whole = renderer.render(set, &a, &scores);
        let mut sentences =
            TableColumns::new(Arc::clone(whole.sentences.as_ref().unwrap().layout()));
        let mut matches = TableColumns::new(Arc::clone(whole.matches.as_ref().unwrap().layout()));
        let mut flushes = 0;
        let mut flush = |table: Table, rows: &mut TableColumns| {
            let to = match table {
                Table::Sentences => &mut sentences,
                Table::Matches => &mut matches,
            };
            to.append(rows, 0..rows.rows());
            rows.clear();
            flushes += 1;
            Ok(())
        };
        let left = renderer
            .render_flushing(set, &a, &scores, 1, &mut flush)
            .expect("rendered");
        assert_eq!(flushes, scores.sentences.len() + scores.hits.len());
        for (flushed, left, whole) in [
            (&mut sentences, &left.sentences, &whole.sentences),
            (&mut matches, &left.matches, &whole.matches),
        ] {
            let left = left.as_ref().unwrap();
            flushed.append(left, 0..left.rows());
            assert_eq!(
                parquet_cells(flushed),
                parquet_cells(whole.as_ref().unwrap())
            );
        }
    }

    #[test]
    fn a_table_not_written_is_not_rendered() {
        let loaded = load(&[], &LexiconDir::embedded_only()).expect("lexicons");
        let scorer = Scorer::new(&loaded).expect("compiles");
        let set = scorer.lexicons();
        let mut layouts = ColumnRenderer::layouts(set, Evidence::None, &[]);
        assert!(layouts.matches.is_none(), "no matches without evidence");
        layouts.sentences = None;
        let renderer = ColumnRenderer::new(layouts, Evidence::None, 0);
        let (a, scores) = scored(&scorer).swap_remove(0);
        let rows = renderer.render(set, &a, &scores);
        assert!(rows.sentences.is_none() && rows.matches.is_none());
        assert_eq!(rows.frames.map(|f| f.rows()), Some(set.categories.len()));
    }
}
