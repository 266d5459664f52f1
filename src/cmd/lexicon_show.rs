//! `framescope lexicon show`: what a lexicon or one of its categories counts (its terms with
//! their weights, stop phrases and descriptions), and with `--matches`, which words of given texts
//! each term matched.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use anyhow::{bail, Result};
use framescope::corpus::{Corpus, Input, Item, ReadOptions};
use framescope::lexicon::{self, Category, Lexicon};
use framescope::output::number::fixed;
use framescope::{LexiconDir, Scorer};

use super::EXIT_OK;

pub fn show(
    selection: &str,
    category: Option<&str>,
    inputs: &[String],
    dir: &LexiconDir,
) -> Result<i32> {
    let (id, category) = split_selection(selection, category, dir);
    let loaded = lexicon::load(std::slice::from_ref(&id), dir)?;
    let Some(lexicon) = loaded.lexicons.first() else {
        bail!("no lexicon `{id}`");
    };
    let categories: Vec<&Category> = match &category {
        None => lexicon.categories.iter().collect(),
        Some(name) => match lexicon.categories.iter().find(|c| &c.name == name) {
            Some(c) => vec![c],
            None => {
                let names: Vec<&str> = lexicon.categories.iter().map(|c| c.name.as_str()).collect();
                bail!(
                    "lexicon `{}` has no category `{name}`; it has: {}",
                    lexicon.id,
                    names.join(", ")
                );
            }
        },
    };
    let matched = if inputs.is_empty() {
        None
    } else {
        Some(surface_forms(&loaded, inputs)?)
    };
    let mut out = String::new();
    header(lexicon, &mut out);
    for c in categories {
        category_block(lexicon, c, matched.as_ref(), &mut out);
    }
    print!("{out}");
    Ok(EXIT_OK)
}

/// The lexicon and the category a selection names: `ID`, `ID.CATEGORY` (category names may hold
/// dots themselves), or a path with the category given apart.
fn split_selection(
    selection: &str,
    category: Option<&str>,
    dir: &LexiconDir,
) -> (String, Option<String>) {
    if category.is_some() || lexicon::formats::looks_like_dictionary_path(selection) {
        return (selection.to_string(), category.map(String::from));
    }
    let ids = dir.available_ids();
    if ids.iter().any(|i| i == selection) {
        return (selection.to_string(), None);
    }
    match selection.split_once('.') {
        Some((id, name)) if ids.iter().any(|i| i == id) => (id.to_string(), Some(name.to_string())),
        _ => (selection.to_string(), None),
    }
}

fn header(l: &Lexicon, out: &mut String) {
    let _ = writeln!(out, "{} {} ({})", l.id, l.version, l.name);
    let license = if l.license.is_empty() {
        "not given"
    } else {
        &l.license
    };
    let _ = writeln!(
        out,
        "  language {} · matching {} · licence {} · from {}",
        l.language, l.matching, license, l.origin
    );
    if let Some(i) = &l.imported {
        let _ = writeln!(
            out,
            "  converted from {} ({}, sha256 {})",
            i.file, i.format, i.sha256
        );
    }
    let _ = writeln!(out, "  {}", l.description);
    for s in &l.sources {
        let _ = writeln!(out, "  source: {s}");
    }
}

/// Surface forms (as written, lower-cased) matched by each term, by (category, term text).
type Matched = HashMap<(String, String), BTreeMap<String, u64>>;

fn category_block(l: &Lexicon, c: &Category, matched: Option<&Matched>, out: &mut String) {
    let polarity = match c.polarity {
        1 => "positive",
        -1 => "negative",
        _ => "no polarity",
    };
    let _ = writeln!(
        out,
        "\n{}.{}  ({}, {}{}; {} terms{})",
        l.id,
        c.name,
        polarity,
        if c.negatable {
            "negatable"
        } else {
            "not negatable"
        },
        match c.intercept {
            Some(i) => format!(", probability with intercept {}", fixed(i, 3)),
            None if l.tone && c.polarity != 0 => ", makes the tone score".to_string(),
            None => String::new(),
        },
        c.terms.len(),
        match c.stop_phrases.len() {
            0 => String::new(),
            n => format!(", {n} stop phrases"),
        }
    );
    if !c.description.is_empty() {
        let _ = writeln!(out, "  {}", c.description);
    }
    let forms = |text: &str| -> String {
        let Some(m) = matched else {
            return String::new();
        };
        match m.get(&(c.name.clone(), text.to_string())) {
            None => "    (no match)".to_string(),
            Some(forms) => {
                let mut list: Vec<(&String, &u64)> = forms.iter().collect();
                list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                let shown: Vec<String> = list.iter().map(|(f, n)| format!("{f} ×{n}")).collect();
                format!("    matched: {}", shown.join(", "))
            }
        }
    };
    for t in &c.terms {
        let _ = writeln!(out, "  {:>6.2}  {}{}", t.weight, t.text, forms(&t.text));
    }
    for s in &c.stop_phrases {
        let _ = writeln!(out, "    stop  {}{}", s.text, forms(&s.text));
    }
}

/// Scores `inputs` with the lexicon and gathers the words each term matched.
fn surface_forms(loaded: &lexicon::Loaded, inputs: &[String]) -> Result<Matched> {
    let scorer = Scorer::new(loaded)?;
    let set = scorer.lexicons();
    let inputs: Vec<Input> = inputs.iter().map(|i| Input::parse(i)).collect();
    let mut matched = Matched::new();
    let mut articles = 0;
    for item in Corpus::open(&inputs, ReadOptions::default()) {
        let article = match item {
            Item::Article(a) => a,
            Item::Skipped(s) => {
                eprintln!("framescope: skipped {}: {}", s.origin, s.reason);
                continue;
            }
        };
        articles += 1;
        let scores = scorer.score(&article.text);
        for h in scores.hits.iter().chain(&scores.stopped) {
            let term = &set.terms[h.term as usize];
            let category = &set.categories[term.category as usize];
            let form = article.text[h.start as usize..h.end as usize].to_lowercase();
            *matched
                .entry((category.name.clone(), term.text.clone()))
                .or_default()
                .entry(form)
                .or_default() += 1;
        }
    }
    if articles == 0 {
        bail!("no article could be read from the inputs of --matches");
    }
    eprintln!("framescope: matches in {articles} article(s)");
    Ok(matched)
}
