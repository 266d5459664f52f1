//! The floor a lexicon scorer is measured against: read every `.txt` file of a folder, split its
//! text into words (runs of letters, digits and apostrophes), lower-case them and look each up in
//! a hash set of every term of the shipped lexicons, on `--jobs N` threads. With `--stem`, each
//! distinct word is stemmed once (English Snowball) and its stem kept in a per-thread cache, as a
//! scorer that matches stems must. It writes nothing but a count, so it shows what reading,
//! splitting and looking up cost alone: `benches/scaling.sh` prints it beside `framescope analyze`.
//!
//! ```sh
//! cargo run --release --example bare_loop -- FOLDER [--jobs N] [--stem]
//! ```

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use framescope::lexicon::{self, LexiconDir};
use rust_stemmers::{Algorithm, Stemmer};

fn main() {
    let mut folder = None;
    let mut jobs = 1usize;
    let mut stem = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jobs" => jobs = args.next().and_then(|n| n.parse().ok()).unwrap_or(1).max(1),
            "--stem" => stem = true,
            _ => folder = Some(PathBuf::from(arg)),
        }
    }
    let Some(folder) = folder else {
        eprintln!("bare_loop: usage: bare_loop FOLDER [--jobs N] [--stem]");
        std::process::exit(2);
    };
    let loaded = lexicon::load(&[], &LexiconDir::embedded_only()).unwrap_or_else(|e| {
        eprintln!("bare_loop: the shipped lexicons do not load: {e}");
        std::process::exit(1);
    });
    // Every word of every term, and each term's text with its pattern marks taken off.
    let mut terms: HashSet<String> = HashSet::new();
    for l in &loaded.lexicons {
        for c in &l.categories {
            for t in &c.terms {
                for word in t.text.split_whitespace() {
                    terms.insert(word.trim_matches(['~', '*']).to_lowercase());
                }
            }
        }
    }
    let mut files = Vec::new();
    collect(&folder, &mut files);
    files.sort();
    let per_thread = files.len().div_ceil(jobs).max(1);
    let (words, hits) = std::thread::scope(|scope| {
        let running: Vec<_> = files
            .chunks(per_thread)
            .map(|part| scope.spawn(|| count(part, &terms, stem)))
            .collect();
        running
            .into_iter()
            .map(|t| t.join().expect("a counting thread panicked"))
            .fold((0u64, 0u64), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    println!("{words} words, {hits} found in the lexicons");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}

/// Words and words found in `terms`, over `files`.
fn count(files: &[PathBuf], terms: &HashSet<String>, stem: bool) -> (u64, u64) {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut stems: HashMap<String, bool> = HashMap::new();
    let mut word = String::new();
    let (mut words, mut hits) = (0u64, 0u64);
    for path in files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let split = |c: char| !(c.is_alphanumeric() || c == '\'');
        for raw in text.split(split).filter(|w| !w.is_empty()) {
            words += 1;
            word.clear();
            word.extend(raw.chars().flat_map(char::to_lowercase));
            let found = if stem {
                match stems.get(word.as_str()) {
                    Some(&found) => found,
                    None => {
                        let found = terms.contains(&word) || terms.contains(&*stemmer.stem(&word));
                        stems.insert(word.clone(), found);
                        found
                    }
                }
            } else {
                terms.contains(&word)
            };
            hits += found as u64;
        }
    }
    (words, hits)
}
