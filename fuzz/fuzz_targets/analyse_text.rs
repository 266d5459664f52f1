//! The text analyser on any bytes: decoding, HTML cleaning, tokenizing, sentences, matching,
//! modifiers and scores. Checks that offsets slice the text and that every value is finite.
#![no_main]

use std::sync::OnceLock;

use framescope::corpus::{Corpus, Format, Item, ReadOptions};
use framescope::{LexiconDir, Scorer};
use libfuzzer_sys::fuzz_target;

fn scorer() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| {
        let loaded = framescope::lexicon::load(&[], &LexiconDir::embedded_only()).unwrap();
        Scorer::new(&loaded).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let items = Corpus::from_bytes(data.to_vec(), "fuzz", Format::Text, ReadOptions::default());
    for item in items {
        let Item::Article(article) = item else {
            continue;
        };
        let text = &article.text;
        let scores = scorer().score(text);
        let mut previous_end = 0;
        for s in &scores.sentences {
            assert!(s.start as usize >= previous_end && s.start <= s.end);
            assert!(text.get(s.start as usize..s.end as usize).is_some());
            previous_end = s.end as usize;
            assert!(s.tone.is_none_or(|t| (-1.0..=1.0).contains(&t)));
        }
        for h in &scores.hits {
            assert!(text.get(h.start as usize..h.end as usize).is_some());
            assert!(h.effective.is_finite());
        }
        assert!(scores.tone.tone.is_none_or(f64::is_finite));
        assert!(scores.tone.logratio.is_finite());
        assert!(scores.categories.iter().all(|c| c.score.is_finite()));
        assert_eq!(scores.tokens == 0, scores.tone.positive_per_1k.is_none());
    }
});
