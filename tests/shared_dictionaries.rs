//! Real dictionaries from other tools against the counts those tools give: reads every file in
//! `../shared/data/lexicons/`, checks what each parses to against `EXPECTED_PARSE.csv`, scores
//! its texts with the binary and compares every comparable row of `REFERENCE.csv` (those with
//! `target = yes`). Skipped, saying so, when the folder is absent. Nothing from the folder is
//! copied into the project: the files are read where they are, the texts written to a temp dir.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use common::{project_root, read_csv, run_in};
use framescope::lexicon::formats::{encoding_for, ForeignOptions};
use framescope::lexicon::{read_lexicon_path, Lexicon, Matching};

fn shared() -> Option<PathBuf> {
    let dir = project_root().join("../shared/data/lexicons");
    if dir.join("REFERENCE.csv").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} not found; the check of real dictionaries needs it",
            dir.display()
        );
        None
    }
}

/// The matching that reproduces a reference row's tokenisation, or `None` for rows that are not
/// dictionary counts.
fn matching_of(tokenisation: &str) -> Option<Matching> {
    match tokenisation {
        "liwc-w+" => Some(Matching::Liwc),
        "ws-strip" => Some(Matching::Quanteda),
        "vader-tokens" => Some(Matching::Vader),
        "afinn-regex" => Some(Matching::Afinn),
        _ => None,
    }
}

/// (hits, score) per (article, category) from frames.csv of a run of `file` as `matching`.
type Counts = HashMap<(String, String), (u64, f64)>;

fn count(dir: &Path, texts: &Path, file: &Path, matching: Matching) -> Counts {
    let out = dir.join(format!("out-{}", matching.name()));
    let o = run_in(
        dir,
        &[
            "analyze",
            texts.to_str().unwrap(),
            "--lexicon",
            file.to_str().unwrap(),
            "--lexicon-match",
            matching.name(),
            "--out",
            out.to_str().unwrap(),
            "--pairs",
            "none",
            "--no-charts",
            "-q",
        ],
    );
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "{}: {}",
        file.display(),
        common::stderr(&o)
    );
    read_csv(&out.join("frames.csv"))
        .into_iter()
        .map(|r| {
            (
                (r["article_id"].clone(), r["category"].clone()),
                (r["hits"].parse().unwrap(), r["score"].parse().unwrap()),
            )
        })
        .collect()
}

/// The reference's count and value of a row, as this run gives them.
fn measured(row: &HashMap<String, String>, counts: &Counts) -> (u64, f64) {
    let text = &row["text_id"];
    let get = |c: &str| {
        counts
            .get(&(text.clone(), c.to_string()))
            .copied()
            .unwrap_or((0, 0.0))
    };
    let (pos, neg, neutral) = (get("positive"), get("negative"), get("neutral"));
    match (row["format"].as_str(), row["category"].as_str()) {
        ("vader-lexicon", "positive_words") => pos,
        ("vader-lexicon", "negative_words") => (neg.0, -neg.1),
        ("vader-lexicon", "all_lexicon_words") | ("afinn", "matches") => {
            (pos.0 + neg.0 + neutral.0, pos.1 - neg.1)
        }
        (_, category) => get(category),
    }
}

#[test]
fn real_dictionaries_give_the_reference_counts() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    std::fs::create_dir_all(&texts).unwrap();
    for row in read_csv(&shared.join("texts.csv")) {
        std::fs::write(texts.join(format!("{}.txt", row["id"])), &row["text"]).unwrap();
    }
    let reference: Vec<HashMap<String, String>> = read_csv(&shared.join("REFERENCE.csv"))
        .into_iter()
        .filter(|r| r["target"] == "yes")
        .collect();
    let mut runs: BTreeMap<(String, &'static str), Counts> = BTreeMap::new();
    let (mut matched, mut compared) = (0, 0);
    let mut mismatches = Vec::new();
    let mut not_counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in &reference {
        let Some(matching) = matching_of(&row["tokenisation"]) else {
            *not_counts.entry(row["category"].clone()).or_default() += 1;
            continue;
        };
        let counts = runs
            .entry((row["file"].clone(), matching.name()))
            .or_insert_with(|| count(dir.path(), &texts, &shared.join(&row["file"]), matching));
        let (hits, value) = measured(row, counts);
        compared += 1;
        let want: u64 = row["count"].parse().unwrap();
        let value_ok =
            row["value"].is_empty() || (row["value"].parse::<f64>().unwrap() - value).abs() < 1e-6;
        if hits == want && value_ok {
            matched += 1;
        } else {
            mismatches.push(format!(
                "{} {} {} [{}]: reference {} {}, framescope {hits} {value}",
                row["file"],
                row["text_id"],
                row["category"],
                row["tokenisation"],
                want,
                row["value"]
            ));
        }
    }
    eprintln!(
        "{matched} of {compared} comparable count rows match; rows that are not dictionary \
         counts (VADER's rule-based scores): {not_counts:?}"
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(compared > 400, "only {compared} rows compared");
}

/// The lexicon the file parses to when read as quanteda reads it.
fn read_as_quanteda(path: &Path, encoding: Option<&str>) -> Lexicon {
    let options = ForeignOptions {
        matching: Some(Matching::Quanteda),
        encoding: encoding.map(|e| encoding_for(e).unwrap()),
        ..ForeignOptions::default()
    };
    let parsed = read_lexicon_path(path, &options).unwrap();
    parsed
        .value
        .unwrap_or_else(|| panic!("{}: {:?}", path.display(), parsed.diagnostics))
}

#[test]
fn real_dictionaries_parse_to_the_expected_categories_and_values() {
    let Some(shared) = shared() else { return };
    let mut checked = 0;
    for row in read_csv(&shared.join("EXPECTED_PARSE.csv")) {
        let path = shared.join(&row["file"]);
        let reader = row["reader"].as_str();
        if reader == "(none)" {
            let e = read_lexicon_path(&path, &ForeignOptions::default()).unwrap_err();
            assert!(e.to_string().contains("XML"), "{e}");
            checked += 1;
            continue;
        }
        if !reader.starts_with("documented-semantics") {
            // The raw output of another reader, with its defects: not a target.
            continue;
        }
        // The encoded files are pinned with their case kept; quanteda names the encoding of
        // all but the Latin-1 one, and so do we.
        let case_kept = reader.contains("tolower=FALSE");
        let encoding = row["basis"]
            .split_once("encoding='")
            .map(|(_, rest)| rest.split('\'').next().unwrap().to_string());
        let lexicon = read_as_quanteda(&path, encoding.as_deref());
        if row["key"] == "(shape only)" {
            check_shape(&lexicon, &row["values"]);
            checked += 1;
            continue;
        }
        let category = lexicon
            .categories
            .iter()
            .find(|c| c.name == row["key"])
            .unwrap_or_else(|| panic!("{}: no category {}", row["file"], row["key"]));
        let values: Vec<String> = category
            .terms
            .iter()
            .map(|t| {
                if case_kept {
                    t.text.clone()
                } else {
                    t.text.to_lowercase()
                }
            })
            .collect();
        let expected: Vec<&str> = row["values"].split(" | ").collect();
        assert_eq!(values, expected, "{} {}", row["file"], row["key"]);
        checked += 1;
    }
    eprintln!("{checked} documented parse rows of EXPECTED_PARSE.csv checked");
    assert!(checked > 60, "only {checked} rows checked");
}

/// `4 top-level keys; length of each: 1, 4, 2, 2`: the categories that hold words, grouped by
/// their first level.
fn check_shape(lexicon: &Lexicon, shape: &str) {
    let mut top: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in lexicon.categories.iter().filter(|c| !c.terms.is_empty()) {
        let (first, rest) = c.name.split_once('.').unwrap_or((&c.name, ""));
        let child = rest.split('.').next().unwrap_or("");
        let children = top.entry(first).or_default();
        if !child.is_empty() && !children.contains(&child) {
            children.push(child);
        }
    }
    let keys: usize = shape.split(' ').next().unwrap().parse().unwrap();
    assert_eq!(top.len(), keys, "{top:?}");
    // The groups of categories pinned by the test whatever the reading of nested values.
    assert_eq!(top["misc"].len(), 4, "{top:?}");
    assert_eq!(top["else"].len(), 2, "{top:?}");
    assert!(top["verb"].is_empty(), "{top:?}");
}
