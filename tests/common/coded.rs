//! Coded articles generated for the tests of `framescope learn`: a starting lexicon that
//! catches half of what coders mark, a word it lacks that the fit must find, and a code learned
//! from words alone.

use std::path::Path;

use super::write;

/// A starting lexicon: `dispute` is a good sign of the code, `clash` is in every kind of article,
/// and `quarrel`, which coders also mark, is missing.
pub const START: &str = r#"format = 1
[lexicon]
id = "start"
name = "Start"
version = "1.0.0"
language = "en"
license = "CC0-1.0"
description = "A frame lexicon to start from."
sources = ["this test"]

[categories.conflict]
description = "Disagreement."
polarity = 0
negatable = false
[categories.conflict.terms]
"~dispute" = 1.0
"clash" = 1.0
"#;

const FILLER: &[&str] = &[
    "the",
    "city",
    "council",
    "met",
    "on",
    "tuesday",
    "to",
    "discuss",
    "new",
    "plans",
    "for",
    "road",
    "and",
    "school",
    "while",
    "residents",
    "said",
    "they",
    "would",
    "wait",
    "see",
    "how",
    "it",
    "goes",
    "in",
    "spring",
    "officials",
    "noted",
    "weather",
    "park",
    "river",
    "bridge",
    "morning",
    "evening",
    "week",
    "report",
    "local",
    "people",
    "talked",
    "about",
    "market",
];

/// A small seeded generator (the 64-bit LCG of Knuth's MMIX), so the data are the same each run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

/// `n` articles with ids from `first`: (id, text, conflict code, money code).
pub fn articles(first: usize, n: usize, seed: u64) -> Vec<(String, String, u8, u8)> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|k| {
            let conflict = rng.below(5) < 2;
            let money = rng.below(3) == 0;
            let mut words: Vec<&str> = (0..40).map(|_| FILLER[rng.below(FILLER.len())]).collect();
            let mut put = |w: &'static str, rng: &mut Lcg| {
                let at = rng.below(words.len());
                words.insert(at, w);
            };
            if conflict {
                // Half of the coded articles say dispute, the other half quarrel.
                let word = if rng.below(2) == 0 {
                    "disputes"
                } else {
                    "quarrel"
                };
                put(word, &mut rng);
                put(word, &mut rng);
            }
            if rng.below(2) == 0 {
                put("clash", &mut rng);
            }
            if money {
                put("budget", &mut rng);
                put("costs", &mut rng);
            }
            let text = words.join(" ") + ".";
            (format!("a{}", first + k), text, conflict as u8, money as u8)
        })
        .collect()
}

/// `n` articles with ids from `first` whose conflict code is marked by a phrase: coded articles
/// say *border clash*, while *border* and *clash* (a term of the starting lexicon) are each in
/// all articles up to twice, apart; the money code is a coin toss.
pub fn phrase_articles(first: usize, n: usize, seed: u64) -> Vec<(String, String, u8, u8)> {
    let mut rng = Lcg(seed);
    (0..n)
        .map(|k| {
            let conflict = rng.below(5) < 2;
            let money = rng.below(2) == 0;
            let mut words: Vec<&str> = (0..40).map(|_| FILLER[rng.below(FILLER.len())]).collect();
            for word in ["border", "clash"] {
                for _ in 0..rng.below(3) {
                    let at = rng.below(words.len());
                    words.insert(at, word);
                }
            }
            if conflict {
                let at = rng.below(words.len());
                words.splice(at..at, ["border", "clash"]);
            }
            let text = words.join(" ") + ".";
            (format!("a{}", first + k), text, conflict as u8, money as u8)
        })
        .collect()
}

pub fn write_set(dir: &Path, name: &str, rows: &[(String, String, u8, u8)]) {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "conflict", "money", "text"]).unwrap();
    for (id, text, c, m) in rows {
        w.write_record([id.as_str(), &c.to_string(), &m.to_string(), text.as_str()])
            .unwrap();
    }
    write(dir, name, w.into_inner().unwrap());
}

pub fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lexicons/start.toml", START);
    write_set(dir.path(), "coded.csv", &articles(0, 150, 11));
    write_set(dir.path(), "held_out.csv", &articles(1000, 80, 12));
    dir
}
