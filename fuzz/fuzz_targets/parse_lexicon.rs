//! The lexicon and rules parsers on any text: every problem located inside the file, no value
//! with an error, and any lexicon that parses compiles and scores.
#![no_main]

use std::collections::BTreeMap;

use framescope::lexicon::{parse_lexicon, parse_rules, Loaded, Origin, Severity, SourceFile};
use framescope::{LexiconDir, Scorer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let lines = text.split('\n').count();
    let source = SourceFile {
        label: "fuzz.toml".into(),
        text,
        origin: Origin::Embedded,
    };
    let rules = parse_rules(&source);
    for d in &rules.diagnostics {
        assert!(d.line >= 1 && d.line <= lines && d.col >= 1, "{d}");
    }
    assert!(rules.value.is_none() || rules.errors().next().is_none());

    let parsed = parse_lexicon(&source, None);
    for d in &parsed.diagnostics {
        assert!(d.line >= 1 && d.line <= lines && d.col >= 1, "{d}");
    }
    let Some(lexicon) = parsed.value else { return };
    assert!(parsed
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Warning));
    let dir = LexiconDir::embedded_only();
    let Ok(rules_source) = dir.rules_source(&lexicon.language) else {
        return;
    };
    let Some(language_rules) = parse_rules(&rules_source).value else {
        return;
    };
    let loaded = Loaded {
        rules: BTreeMap::from([(lexicon.language.clone(), language_rules)]),
        lexicons: vec![lexicon],
        warnings: Vec::new(),
    };
    let scorer = Scorer::new(&loaded).unwrap();
    let scores = scorer.score("Not a very good start, but hope remains. Talks of war!");
    assert!(scores.categories.iter().all(|c| c.score.is_finite()));
});
