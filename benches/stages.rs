//! Micro-benchmarks of the stages of scoring, on one thread, so that a regression shows where it
//! comes from: `cargo bench --bench stages`. Each stage runs over the same 200 generated news
//! articles (about 0.75 MB; see examples/news_corpus) with every shipped lexicon.
//!
//! - `tokenize`: words and sentences (`Analysis::run`);
//! - `match`: lexicon matching over the token sequence, patterns of each token given;
//! - `score`: the whole scorer (tokenize, form cache, match, modifiers, tallies);
//! - `render`: the CSV rows of every table, with the default evidence (all matches);
//! - `write`: rendering and appending the rows to the four output files.

#[path = "../examples/news_corpus/generate.rs"]
#[allow(dead_code)]
mod generate;

use std::sync::LazyLock;

use divan::counter::BytesCount;
use divan::Bencher;
use framescope::corpus::Article;
use framescope::engine::compile::PatternId;
use framescope::engine::matcher::{find_hits, MatchBuffers};
use framescope::output::{CsvStyle, Evidence, RowRenderer, Tables};
use framescope::text::{normalize, Analysis};
use framescope::{ArticleScores, LexiconDir, Scorer};

fn main() {
    divan::main();
}

const ARTICLES: u64 = 200;

static SAMPLE: LazyLock<Vec<Article>> = LazyLock::new(|| {
    let generator = generate::NewsGenerator::new(1);
    (0..ARTICLES)
        .map(|i| {
            let a = generator.article(i);
            Article {
                id: a.id,
                group: a.outlet.to_string(),
                story: String::new(),
                date: None,
                title: a.title,
                text: a.text,
                origin: String::new(),
                warnings: Vec::new(),
                kept: Vec::new(),
                language: String::new(),
            }
        })
        .collect()
});

static SCORER: LazyLock<Scorer> = LazyLock::new(|| {
    let loaded = framescope::lexicon::load(&[], &LexiconDir::embedded_only())
        .expect("shipped lexicons load");
    Scorer::new(&loaded).expect("shipped lexicons compile")
});

static SCORES: LazyLock<Vec<ArticleScores>> =
    LazyLock::new(|| SAMPLE.iter().map(|a| SCORER.score(&a.text)).collect());

fn bytes() -> BytesCount {
    BytesCount::new(SAMPLE.iter().map(|a| a.text.len()).sum::<usize>())
}

#[divan::bench]
fn tokenize(bencher: Bencher) {
    let abbreviations = &SCORER.lexicons().abbreviations;
    let mut analysis = Analysis::default();
    bencher.counter(bytes()).bench_local(|| {
        for a in SAMPLE.iter() {
            analysis.run(&a.text, abbreviations);
        }
        analysis.tokens.len()
    });
}

#[divan::bench(name = "match")]
fn matching(bencher: Bencher) {
    let set = SCORER.lexicons();
    // Each article's sentences and the patterns of each of its tokens, found beforehand.
    let prepared: Vec<(Analysis, Vec<Vec<PatternId>>)> = SAMPLE
        .iter()
        .map(|a| {
            let mut analysis = Analysis::default();
            analysis.run(&a.text, &set.abbreviations);
            let mut norm = String::new();
            let patterns = analysis
                .tokens
                .iter()
                .map(|t| {
                    normalize(t.text(&a.text), t.kind, &mut norm);
                    let mut p = Vec::new();
                    set.patterns_of(&norm, &mut p);
                    p
                })
                .collect();
            (analysis, patterns)
        })
        .collect();
    let mut buffers = MatchBuffers::default();
    let mut hits = Vec::new();
    bencher.counter(bytes()).bench_local(|| {
        let mut total = 0;
        for (analysis, patterns) in &prepared {
            find_hits(
                set,
                &analysis.sentences,
                |i| &patterns[i],
                &mut buffers,
                &mut hits,
            );
            total += hits.len();
        }
        total
    });
}

#[divan::bench]
fn score(bencher: Bencher) {
    bencher.counter(bytes()).bench_local(|| {
        SAMPLE
            .iter()
            .map(|a| SCORER.score(&a.text).hits.len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn render(bencher: Bencher) {
    let set = SCORER.lexicons();
    let renderer = RowRenderer::new(set, CsvStyle::default(), Evidence::All);
    bencher.counter(bytes()).bench_local(|| {
        SAMPLE
            .iter()
            .zip(SCORES.iter())
            .map(|(a, s)| renderer.render(set, a, s).matches.len())
            .sum::<usize>()
    });
}

#[divan::bench]
fn write(bencher: Bencher) {
    let set = SCORER.lexicons();
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut tables =
        Tables::create(dir.path(), set, CsvStyle::default(), Evidence::All).expect("output files");
    bencher.counter(bytes()).bench_local(|| {
        for (a, s) in SAMPLE.iter().zip(SCORES.iter()) {
            tables.write(set, a, s).expect("written");
        }
    });
}
