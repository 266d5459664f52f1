//! Properties that must hold for any input: tokens slice and cover the text, matches of one
//! category never overlap, scores do not depend on the order of articles, and any CSV or JSON
//! value survives a trip through framescope's writers and readers.

use std::collections::HashMap;
use std::sync::OnceLock;

use framescope::corpus::{Corpus, Format, Html, Item, ReadOptions};
use framescope::output::{commit_all, CsvStyle, Evidence, Tables};
use framescope::text::tokenize;
use framescope::{ArticleScores, LexiconDir, Scorer};
use proptest::prelude::*;

fn scorer() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| {
        let loaded = framescope::lexicon::load(&[], &LexiconDir::embedded_only()).unwrap();
        Scorer::new(&loaded).unwrap()
    })
}

/// Pieces of news text and of what scrapers leave in it, glued at random: lexicon words and
/// phrases, negators and intensifiers, punctuation of every kind, other scripts, emoji, markup.
const PIECES: &[&str] = &[
    "hope",
    "not",
    "very",
    "good",
    "but",
    "war",
    "peace talks",
    "humanitarian aid",
    "two-state",
    "solution",
    "U.S.",
    "Mr.",
    "don’t",
    "can't",
    "3.5",
    "1,000",
    "!",
    "?",
    ".",
    "…",
    ",",
    ";",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "-",
    "—",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "  ",
    "\u{A0}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{AD}",
    "e\u{301}",
    "Ωμέγα",
    "Привет",
    "مرحبا",
    "שלום",
    "和平",
    "😀",
    "👍🏽",
    "❤️",
    "\u{200D}",
    ":)",
    "<3",
    "<p>",
    "&amp;",
    "http://x.org",
    "\u{0}",
    "\u{7}",
    "ATTACK",
    "Crisis",
    "crisis",
    "collapsed",
    "really",
    "extremely",
];

fn news_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.join(" ")),
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat()),
        any::<String>(),
    ]
}

/// Characters that may lie between tokens: what the tokenizer skips.
fn skippable(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FE0F}'
        )
        || matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn by_category(scores: &ArticleScores) -> HashMap<u32, Vec<(u32, u32)>> {
    let mut spans: HashMap<u32, Vec<(u32, u32)>> = HashMap::new();
    for h in &scores.hits {
        spans.entry(h.category).or_default().push((h.start, h.end));
    }
    spans
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tokens_slice_the_text_on_char_boundaries_and_cover_it_in_order(text in news_text()) {
        let mut tokens = Vec::new();
        tokenize(&text, &mut tokens);
        let mut at = 0usize;
        for t in &tokens {
            let (start, end) = (t.start as usize, t.end as usize);
            prop_assert!(at <= start && start < end && end <= text.len());
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            let gap = &text[at..start];
            prop_assert!(gap.chars().all(skippable), "unexplained gap {:?} before {:?}", gap, t.text(&text));
            at = end;
        }
        prop_assert!(text[at..].chars().all(skippable), "unexplained tail {:?}", &text[at..]);
    }

    #[test]
    fn matches_of_one_category_never_overlap(text in news_text()) {
        let scores = scorer().score(&text);
        for (category, mut spans) in by_category(&scores) {
            spans.sort();
            for pair in spans.windows(2) {
                prop_assert!(pair[0].1 <= pair[1].0, "category {} overlaps: {:?}", category, pair);
            }
        }
        for h in &scores.hits {
            prop_assert!(text.get(h.start as usize..h.end as usize).is_some());
            prop_assert!(h.effective.is_finite());
        }
    }

    #[test]
    fn scores_do_not_depend_on_the_order_of_articles(
        texts in prop::collection::vec(news_text(), 1..8),
        seed in any::<u64>(),
    ) {
        let first: Vec<ArticleScores> = texts.iter().map(|t| scorer().score(t)).collect();
        let mut order: Vec<usize> = (0..texts.len()).collect();
        let mut state = seed | 1;
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            prop_assert_eq!(&scorer().score(&texts[i]), &first[i]);
        }
    }

    #[test]
    fn any_value_written_to_a_csv_output_reads_back(
        ids in prop::collection::vec("\\PC*", 1..5),
        group in "\\PC*",
    ) {
        let dir = tempfile::tempdir().unwrap();
        let set = scorer().lexicons();
        for style in [CsvStyle::default(), CsvStyle { bom: true, delimiter: b';', ..CsvStyle::default() }] {
            let mut tables = Tables::create(dir.path(), set, style, Evidence::All).unwrap();
            for id in &ids {
                let article = framescope::corpus::Article {
                    id: id.clone(),
                    group: group.clone(),
                    story: format!("{group} {id}"),
                    date: framescope::corpus::Date::new(2024, 5, 1),
                    title: String::new(),
                    text: "Hope, at last.".into(),
                    origin: String::new(),
                    warnings: vec![format!("a warning about {id}")],
                    kept: Vec::new(),
                    language: String::new(),
                };
                tables.write(set, &article, &scorer().score(&article.text)).unwrap();
            }
            commit_all(tables.into_files().unwrap()).unwrap();
            let mut bytes = std::fs::read(dir.path().join("articles.csv")).unwrap();
            if style.bom {
                prop_assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
                bytes.drain(..3);
            }
            let mut reader = csv::ReaderBuilder::new().delimiter(style.delimiter).from_reader(bytes.as_slice());
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            prop_assert_eq!(rows.len(), ids.len());
            for (row, id) in rows.iter().zip(&ids) {
                prop_assert_eq!(&row[0], id.as_str());
                prop_assert_eq!(&row[1], group.as_str());
                prop_assert_eq!(&row[2], format!("{group} {id}"));
                prop_assert_eq!(row.iter().next_back().unwrap(), format!("a warning about {id}"));
            }
        }
    }

    #[test]
    fn no_cell_for_spreadsheets_runs_as_a_formula(
        ids in prop::collection::vec("[=+@\t\r -]?\\PC*", 1..5),
        group in "[=+@-]?\\PC*",
        text in "[=+@\t -]?[A-Za-z =+@.-]{0,30}",
    ) {
        let dir = tempfile::tempdir().unwrap();
        let set = scorer().lexicons();
        let style = CsvStyle::for_spreadsheets(b';', true);
        let mut tables = Tables::create(dir.path(), set, style, Evidence::All).unwrap();
        for id in &ids {
            let article = framescope::corpus::Article {
                id: id.clone(),
                group: group.clone(),
                story: group.clone(),
                date: None,
                title: text.clone(),
                text: format!("{text} hope."),
                origin: String::new(),
                warnings: Vec::new(),
                kept: Vec::new(),
                language: String::new(),
            };
            tables.write(set, &article, &scorer().score(&article.text)).unwrap();
        }
        commit_all(tables.into_files().unwrap()).unwrap();
        let plain_number = |s: &str| s.replace(',', ".").parse::<f64>().is_ok();
        for table in ["articles.csv", "frames.csv", "sentences.csv", "matches.csv"] {
            let bytes = std::fs::read(dir.path().join(table)).unwrap();
            let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
            for row in reader.records().map(Result::unwrap) {
                for cell in row.iter() {
                    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                    prop_assert!(!formula || plain_number(cell.trim()), "{table}: {cell:?}");
                }
            }
            // Ids read back as written, behind a `'` where they would have run.
            if table == "articles.csv" {
                let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
                for (row, id) in reader.records().map(Result::unwrap).zip(&ids) {
                    let cell = &row[0];
                    prop_assert!(cell == id || cell.strip_prefix('\'') == Some(id.as_str()), "{cell:?} for {id:?}");
                }
            }
        }
    }

    #[test]
    fn any_text_written_as_csv_or_json_lines_reads_back(
        records in prop::collection::vec(("[a-z0-9][^\\x00#]{0,8}[a-z0-9]", "[^\\x00]*"), 1..6),
    ) {
        // Distinct ids, so that none is renamed as a duplicate.
        let records: Vec<(String, String)> =
            records.into_iter().enumerate().map(|(i, (id, text))| (format!("{i}{id}"), text)).collect();
        let mut csv_bytes = Vec::new();
        {
            let mut writer = csv::Writer::from_writer(&mut csv_bytes);
            writer.write_record(["id", "text"]).unwrap();
            for (id, text) in &records {
                writer.write_record([id, text]).unwrap();
            }
        }
        let json_bytes: Vec<u8> = records
            .iter()
            .flat_map(|(id, text)| {
                let mut line = serde_json::to_vec(&serde_json::json!({"id": id, "text": text})).unwrap();
                line.push(b'\n');
                line
            })
            .collect();
        for (bytes, format) in [(csv_bytes, Format::Csv), (json_bytes, Format::Jsonl)] {
            let options = ReadOptions { html: Html::Keep, ..ReadOptions::default() };
            let items: Vec<Item> = Corpus::from_bytes(bytes, "in", format, options).collect();
            prop_assert_eq!(items.len(), records.len());
            for (item, (id, text)) in items.iter().zip(&records) {
                let Item::Article(article) = item else {
                    return Err(TestCaseError::fail(format!("{format:?} skipped {item:?}")));
                };
                prop_assert_eq!(&article.id, id);
                prop_assert_eq!(&article.text, text);
            }
        }
    }
}

/// The tone hit on `hope` in `text`: its effective weight and whether it was negated.
fn hope(text: &str) -> (f64, bool) {
    let set = scorer().lexicons();
    let scores = scorer().score(text);
    let hit = scores
        .hits
        .iter()
        .find(|h| {
            set.terms[h.term as usize].text == "hope"
                && set.categories[h.category as usize].column == "tone.positive"
        })
        .expect("a hit on hope");
    (hit.effective, hit.negated)
}

#[test]
fn intensifier_chains_and_the_negation_lookback_are_bounded() {
    assert_eq!(
        hope("very very very very very very hope").0,
        hope("very very very hope").0
    );
    assert!(hope("very very very hope").0 > hope("very very hope").0);
    assert!(
        hope("not !!!!! hope").1,
        "punctuation is skipped when looking for a negator"
    );
    assert!(
        !hope(&format!("not {} hope", "!".repeat(13))).1,
        "but not without end"
    );
}
