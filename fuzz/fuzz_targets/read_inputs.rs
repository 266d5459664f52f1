//! The input readers on any bytes: CSV, TSV, JSON lines, JSON arrays and text, with a small
//! size limit so the guards are exercised. The first byte chooses the format and options.
#![no_main]

use std::collections::HashSet;

use framescope::corpus::{Corpus, Format, Html, Item, ReadOptions};
use libfuzzer_sys::fuzz_target;

const LIMIT: usize = 4096;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let format = [Format::Csv, Format::Tsv, Format::Jsonl, Format::Text][choice as usize % 4];
    let options = ReadOptions {
        strict: choice & 4 != 0,
        html: if choice & 8 != 0 {
            Html::Strip
        } else {
            Html::Auto
        },
        max_article_bytes: LIMIT,
        ..ReadOptions::default()
    };
    let mut ids = HashSet::new();
    for item in Corpus::from_bytes(bytes.to_vec(), "fuzz", format, options) {
        match item {
            Item::Article(a) => {
                assert!(a.text.len() <= LIMIT, "article over the limit");
                assert!(ids.insert(a.id.clone()), "duplicate id {}", a.id);
                assert!(a.origin.starts_with("fuzz"));
            }
            Item::Skipped(s) => {
                assert!(s.origin.starts_with("fuzz") && !s.reason.is_empty());
            }
        }
    }
});
