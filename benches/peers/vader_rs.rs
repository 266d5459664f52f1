//! Peer of the benchmark: the `vader_sentiment` crate scoring every article of a JSONL corpus.
//!
//! Reads the JSONL file given as the only argument, scores each article's text with
//! `SentimentIntensityAnalyzer::polarity_scores` (the whole text at once), and writes
//! `id,compound` per article to stdout. benches/compare.sh builds it in a scratch project in
//! benches/work/, outside the framescope package.

use std::io::{BufRead, BufWriter, Write};

fn main() {
    let path = std::env::args().nth(1).expect("usage: vader-rs CORPUS.jsonl");
    let analyzer = vader_sentiment::SentimentIntensityAnalyzer::new();
    let lines = std::io::BufReader::new(std::fs::File::open(&path).expect("corpus opens"));
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(out, "id,compound").expect("stdout");
    for line in lines.lines() {
        let line = line.expect("corpus reads");
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        let scores = analyzer.polarity_scores(record["text"].as_str().unwrap_or(""));
        writeln!(out, "{},{:.4}", record["id"].as_str().unwrap_or(""), scores["compound"]).expect("stdout");
    }
}
