//! The rows of one article as typed columns: the cells that the CSV renderer
//! ([`RowRenderer`](crate::output::tables::RowRenderer)) writes as text, as the values they
//! read as, in the columns of `schema`, made straight from the scores. The tests hold the two
//! to the same rows.

use std::sync::Arc;

use super::columns::TableColumns;
use super::schema::{self, Columns};
use crate::corpus::Article;
use crate::engine::compile::LexiconSet;
use crate::engine::score::ArticleScores;
use crate::output::sources::{self, SourceCount};
use crate::output::tables::{CharOffsets, Evidence, Table, RATED_VOICES};
use crate::text::voice::{SpeakerKind, Voice};

/// The rows one article adds to each table, as typed columns; a table not written has none.
#[derive(Debug, Clone)]
pub struct ArticleColumns {
    pub articles: Option<TableColumns>,
    pub frames: Option<TableColumns>,
    pub sentences: Option<TableColumns>,
    pub matches: Option<TableColumns>,
    pub sources: Option<TableColumns>,
    /// What the article adds to its group's sources, and the group.
    pub source_counts: Vec<SourceCount>,
    pub group: String,
}

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
    evidence: Evidence,
    /// How many input fields `articles` keeps, after the other columns.
    kept: usize,
    layouts: Layouts,
}

impl ColumnRenderer {
    /// A renderer of the tables that `layouts` has columns for.
    pub fn new(layouts: Layouts, evidence: Evidence, kept: usize) -> ColumnRenderer {
        ColumnRenderer {
            evidence,
            kept,
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
    /// whenever they take more than `every` bytes, so that the rows of a long article never
    /// need to be in memory at once. What is left at the end is for the caller to write.
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
        let shown = scores.hits.len().min(match self.evidence {
            Evidence::None => 0,
            Evidence::PerArticle(n) => n,
            Evidence::All => usize::MAX,
        });
        let layouts = &self.layouts;
        let mut rows = ArticleColumns {
            articles: table(&layouts.articles, 1),
            frames: table(&layouts.frames, set.categories.len()),
            sentences: table(&layouts.sentences, scores.sentences.len().min(1 << 16)),
            matches: table(&layouts.matches, shown.min(1 << 16)),
            sources: table(&layouts.sources, scores.voices.speakers.len() + 1),
            source_counts: sources::counts(&scores.voices),
            group: article.group.clone(),
        };
        if let Some(out) = &mut rows.articles {
            self.article_row(set, article, scores, out);
        }
        if let Some(out) = &mut rows.frames {
            frames_rows(set, article, scores, out);
        }
        let mut offsets = CharOffsets::new(&article.text);
        if let Some(out) = &mut rows.sentences {
            sentences_rows(set, article, scores, &mut offsets, out, every, flush)?;
        }
        if let Some(out) = &mut rows.matches {
            let hits = &scores.hits[..shown];
            matches_rows(set, article, scores, hits, &mut offsets, out, every, flush)?;
        }
        if let Some(out) = &mut rows.sources {
            sources_rows(article, scores, out);
        }
        Ok(rows)
    }

    fn article_row(
        &self,
        set: &LexiconSet,
        article: &Article,
        scores: &ArticleScores,
        out: &mut TableColumns,
    ) {
        out.text(&article.id)
            .text(&article.group)
            .text(&article.story)
            .date(article.date)
            .one_line(&article.title);
        out.count(scores.tokens as u64)
            .count(scores.sentences.len() as u64);
        out.number(scores.tone.tone)
            .number(scores.tone.positive_per_1k)
            .number(scores.tone.negative_per_1k)
            .number(Some(scores.tone.logratio));
        out.number(scores.voice_share(Voice::Quoted))
            .number(scores.voice_share(Voice::Attributed))
            .count(scores.voices.quotes as u64)
            .count(scores.voices.speakers.len() as u64)
            .number(scores.voice_tone(Voice::Author));
        for c in 0..set.categories.len() {
            // The rate, or a fitted lexicon's probability.
            out.number(scores.value(set, c));
        }
        for l in 0..set.lexicons.len() {
            out.text(
                scores
                    .dominant(set, l)
                    .map_or("", |c| &set.categories[c].name),
            );
        }
        out.text(&article.warnings.join("; "));
        for k in 0..self.kept {
            out.inert_one_line(article.kept.get(k).map_or("", String::as_str));
        }
        out.end_row();
    }
}

fn frames_rows(
    set: &LexiconSet,
    article: &Article,
    scores: &ArticleScores,
    out: &mut TableColumns,
) {
    for (c, category) in set.categories.iter().enumerate() {
        let tally = &scores.categories[c];
        out.text(&article.id)
            .text(&article.group)
            .text(&set.lexicons[category.lexicon].id)
            .text(&category.name);
        out.count(tally.hits as u64)
            .number(scores.per_1k(c))
            .number(Some(tally.score))
            .number(scores.share(set, c))
            .count(tally.negated as u64);
        for v in RATED_VOICES {
            out.count(tally.voice_hits[v.index()] as u64)
                .number(scores.voice_per_1k(c, v));
        }
        out.count(tally.voice_hits[Voice::Unknown.index()] as u64);
        out.end_row();
    }
}

fn sentences_rows(
    set: &LexiconSet,
    article: &Article,
    scores: &ArticleScores,
    offsets: &mut CharOffsets,
    out: &mut TableColumns,
    every: usize,
    flush: &mut dyn FnMut(Table, &mut TableColumns) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for (i, s) in scores.sentences.iter().enumerate() {
        out.text(&article.id)
            .count(i as u64 + 1)
            .count(offsets.at(s.start) as u64)
            .count(offsets.at(s.end) as u64);
        out.number(s.tone)
            .one_line(&article.text[s.start as usize..s.end as usize]);
        out.count(s.tokens as u64)
            .count(s.hits as u64)
            .count(s.positive as u64)
            .count(s.negative as u64);
        for v in RATED_VOICES {
            out.count(s.voice_tokens[v.index()] as u64);
        }
        for v in RATED_VOICES {
            out.number(s.voice_tone[v.index()]);
        }
        // The hits of the categories with any, in order of category, each once.
        let mut written = 0;
        for &(c, n) in &s.category_hits {
            let c = c as usize;
            if c >= written && c < set.categories.len() {
                out.zeros(c - written).count(n as u64);
                written = c + 1;
            }
        }
        out.zeros(set.categories.len().saturating_sub(written));
        out.end_row();
        if out.bytes() >= every {
            flush(Table::Sentences, out)?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn matches_rows(
    set: &LexiconSet,
    article: &Article,
    scores: &ArticleScores,
    hits: &[crate::engine::score::Hit],
    offsets: &mut CharOffsets,
    out: &mut TableColumns,
    every: usize,
    flush: &mut dyn FnMut(Table, &mut TableColumns) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for hit in hits {
        let term = &set.terms[hit.term as usize];
        let category = &set.categories[term.category as usize];
        out.text(&article.id)
            .count(hit.sentence as u64 + 1)
            .count(offsets.at(hit.start) as u64)
            .count(offsets.at(hit.end) as u64);
        out.text(&article.text[hit.start as usize..hit.end as usize])
            .text(&term.text)
            .text(&set.lexicons[category.lexicon].id)
            .text(&category.name)
            .number(Some(term.weight));
        out.flag(hit.negated)
            .text(&hit.note)
            .number(Some(hit.effective));
        out.count(hit.start as u64).count(hit.end as u64);
        let speaker = hit
            .speaker
            .and_then(|s| scores.voices.speakers.get(s as usize));
        out.text(hit.voice.name())
            .inert_one_line(speaker.map_or("", |s| s.name.as_str()));
        out.end_row();
        if out.bytes() >= every {
            flush(Table::Matches, out)?;
        }
    }
    Ok(())
}

/// The rows of `sources`: the article's speakers in order of first mention, then one row
/// (kind `unidentified`, no speaker) for what no speaker was found for.
fn sources_rows(article: &Article, scores: &ArticleScores, out: &mut TableColumns) {
    let voices = &scores.voices;
    let unidentified = voices.unidentified.speaks().then_some(&voices.unidentified);
    for s in voices.speakers.iter().chain(unidentified) {
        out.text(&article.id).text(&article.group);
        out.inert_one_line(&s.name)
            .text(s.kind.name())
            .inert_one_line(&s.role);
        out.count(s.quotes as u64)
            .count(s.quoted_tokens as u64)
            .count(s.statements as u64)
            .count(s.attributed_tokens as u64);
        out.count_opt(match s.kind {
            SpeakerKind::Unidentified => None,
            _ => Some(s.first_sentence as u64 + 1),
        });
        out.end_row();
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
