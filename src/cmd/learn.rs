//! `framescope learn`: reads coded articles and their gold codes, fits a lexicon to each code
//! (the `learn` library), prints its cross-validated figures and writes it as a lexicon file that
//! is checked to score as the fit does.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use anyhow::{bail, Context, Result};
use framescope::corpus::{Article, Corpus, Item};
use framescope::learn::write::{lexicon_toml, Header};
use framescope::learn::{self, Code, Learned};
use framescope::lexicon::{parse_lexicon, parse_rules, Category, Lexicon, Modifiers, Rules};
use framescope::output::atomic::{commit_all, AtomicFile};
use framescope::validate::gold;

use super::{hints, EXIT_OK, EXIT_PARTIAL};
use crate::cli::LearnConfig;

/// The language of codes learned from words alone.
const DEFAULT_LANGUAGE: &str = "en";

/// A written lexicon whose probabilities differ from the fit's by more than this is reported.
const AGREEMENT: f64 = 1e-4;

pub fn run(config: LearnConfig) -> Result<i32> {
    if config.out.exists() && !config.force {
        bail!(
            "{} exists; --force replaces it, or --out writes elsewhere",
            config.out.display()
        );
    }
    let gold = gold::read(&config.gold, &config.gold_options).map_err(hints::gold_error)?;
    let mut problems = 0usize;
    for w in &gold.warnings {
        eprintln!("framescope: warning: {w}");
        problems += 1;
    }

    // The starting lexicons and their categories.
    let mut ids: Vec<String> = config
        .columns
        .iter()
        .filter_map(|c| c.start.as_ref().map(|(l, _)| l.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    let loaded = if ids.is_empty() {
        None
    } else {
        Some(framescope::lexicon::load(&ids, &config.lexicon_dir)?)
    };
    let lexicons: Vec<&Lexicon> = loaded.iter().flat_map(|l| l.lexicons.iter()).collect();
    let lexicon_named = |selection: &str| -> Option<&Lexicon> {
        let position = ids.iter().position(|id| id == selection)?;
        lexicons.get(position).copied()
    };
    let mut codes: Vec<Code> = Vec::new();
    let columns: Vec<(String, Option<(String, String)>)> = if config.columns.is_empty() {
        gold.columns.iter().map(|c| (c.clone(), None)).collect()
    } else {
        config
            .columns
            .iter()
            .map(|c| (c.gold_column.clone(), c.start.clone()))
            .collect()
    };
    for (column, start) in &columns {
        if let Err(why) = framescope::lexicon::check_category_name(column) {
            bail!("gold column `{column}` cannot name a category: it {why}");
        }
        let start = match start {
            None => None,
            Some((lexicon, category)) => {
                let l = lexicon_named(lexicon).context("a starting lexicon was not loaded")?;
                let c: &Category = l
                    .categories
                    .iter()
                    .find(|c| c.name == *category)
                    .with_context(|| {
                        let names: Vec<&str> =
                            l.categories.iter().map(|c| c.name.as_str()).collect();
                        format!(
                            "--gold-col {column}={lexicon}.{category}: lexicon `{}` has no category \
                             `{category}`; it has {}",
                            l.id,
                            names.join(", ")
                        )
                    })?;
                if l.scoring != framescope::lexicon::Scoring::Rate {
                    bail!(
                        "--gold-col {column}={lexicon}.{category}: `{}` is a learned lexicon; start \
                         from the dictionary it was learned from",
                        l.id
                    );
                }
                Some((format!("{}.{}", l.id, c.name), c))
            }
        };
        codes.push(Code {
            gold_column: column.clone(),
            name: column.clone(),
            start,
        });
    }
    let mut languages: Vec<&str> = lexicons.iter().map(|l| l.language.as_str()).collect();
    languages.sort();
    languages.dedup();
    let language = match languages.as_slice() {
        [] => DEFAULT_LANGUAGE.to_string(),
        [one] => one.to_string(),
        many => bail!(
            "the starting lexicons are in different languages ({}); learn one language at a time",
            many.join(", ")
        ),
    };
    let rules = rules_for(&language, loaded.as_ref().map(|l| &l.rules), &config)?;
    let modifiers = union_of_modifiers(&lexicons);

    // The coded articles, in input order.
    let column_index: Vec<usize> = codes
        .iter()
        .map(|c| {
            gold.columns
                .iter()
                .position(|g| *g == c.gold_column)
                .expect("the gold file was read with this column")
        })
        .collect();
    let gold_rows: HashMap<&str, usize> = gold
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.key.as_str(), i))
        .collect();
    let mut articles: Vec<Article> = Vec::new();
    let mut labels: Vec<Vec<Option<bool>>> = Vec::new();
    let mut uncoded = 0usize;
    let mut seen: HashSet<String> = HashSet::new();
    for item in Corpus::open(&config.inputs, config.read.clone()) {
        match item {
            Item::Skipped(s) => {
                eprintln!(
                    "framescope: skipped {}: {}",
                    s.origin,
                    hints::skip_reason(&s.reason)
                );
                problems += 1;
            }
            Item::Article(a) => {
                let Some(&row) = gold_rows.get(a.id.as_str()) else {
                    uncoded += 1;
                    continue;
                };
                for w in &a.warnings {
                    eprintln!("framescope: warning: {}: {w}", a.origin);
                    problems += 1;
                }
                let mut codes_of = Vec::with_capacity(codes.len());
                for (k, &col) in column_index.iter().enumerate() {
                    codes_of.push(match gold.rows[row].values[col] {
                        None => None,
                        Some(0.0) => Some(false),
                        Some(1.0) => Some(true),
                        Some(v) => bail!(
                            "{}: gold column `{}` holds {v} for article `{}`; learn fits codes of 0 \
                             and 1",
                            config.gold.display(),
                            codes[k].gold_column,
                            a.id
                        ),
                    });
                }
                seen.insert(a.id.clone());
                articles.push(a);
                labels.push(codes_of);
            }
        }
    }
    if articles.is_empty() {
        let gold_ids: Vec<&str> = gold.rows.iter().take(3).map(|r| r.key.as_str()).collect();
        bail!(
            "no article matched a gold id (gold ids such as {}); check --gold-id and --id-col",
            gold_ids.join(", ")
        );
    }
    let unmatched = gold.rows.iter().filter(|r| !seen.contains(&r.key)).count();
    if !config.quiet {
        println!(
            "{} coded article(s) to learn from ({} gold row(s) matched no article, {} article(s) \
             had no gold row).",
            articles.len(),
            unmatched,
            uncoded
        );
        eprintln!(
            "framescope: learning {} code(s) with {}-fold cross-validation...",
            codes.len(),
            config.options.settings.folds
        );
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.jobs)
        .build()
        .context("cannot start the threads")?;
    let learned = pool.install(|| {
        learn::learn(
            &articles,
            &labels,
            &codes,
            &language,
            &rules,
            modifiers,
            &config.options,
        )
    })?;

    let header = Header {
        id: config.id.clone(),
        name: format!(
            "Learned from {}",
            file_name(&config.gold).unwrap_or_default()
        ),
        version: String::new(),
        license: license(&config, &lexicons),
        sources: lexicons
            .iter()
            .map(|l| {
                format!(
                    "{} {} (sha256 {}): the terms each category started from. {}",
                    l.id,
                    l.version,
                    l.sha256,
                    l.sources.join(" ")
                )
            })
            .collect(),
        gold_file: file_name(&config.gold).unwrap_or_default(),
        gold_sha256: gold.sha256.clone(),
        training_sha256: learn::training_sha256(&articles, &labels),
        articles: articles.len(),
        settings: config.options.settings,
        min_documents: config.options.vocabulary.min_documents,
        max_share: config.options.vocabulary.max_share,
        phrases: config.options.vocabulary.phrases,
        framescope: env!("CARGO_PKG_VERSION").to_string(),
    };
    let header = Header {
        version: format!("1.0.0+{}", &header.training_sha256[..12]),
        ..header
    };
    let text = lexicon_toml(&learned, &header);

    // What is written must read back and score as the fit does.
    let check = parse_lexicon(
        &framescope::lexicon::SourceFile {
            label: config.out.display().to_string(),
            text: text.clone(),
            origin: framescope::lexicon::Origin::File(config.out.clone()),
        },
        Some(&config.id),
    );
    if check.errors().next().is_some() {
        for d in &check.diagnostics {
            eprintln!("{d}");
        }
        bail!("the learned lexicon does not read back; nothing was written");
    }
    let agreement = learn::verify::verify(&text, &config.id, &learned, &articles, &rules)?;

    print_figures(&learned);
    for code in &learned.codes {
        for w in &code.warnings {
            eprintln!("framescope: warning: {}: {w}", code.name);
            problems += 1;
        }
    }
    if agreement.largest > AGREEMENT {
        eprintln!(
            "framescope: warning: scored with the written lexicon, the coded articles' \
             probabilities differ from the fit's by up to {:.2e} (a term left out changed other \
             terms' matches)",
            agreement.largest
        );
        problems += 1;
    }
    if let Some(dir) = config.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    let mut file = AtomicFile::create(&config.out)
        .with_context(|| format!("cannot write {}", config.out.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .and_then(|()| commit_all(vec![file]))
        .with_context(|| format!("cannot write {}", config.out.display()))?;
    if !config.quiet {
        let terms: usize = learned.codes.iter().map(|c| c.terms.len()).sum();
        println!(
            "\nWritten: {} ({} categories, {} terms; checked to give the {} fitted probabilities \
             of the coded articles to within {:.0e}).",
            config.out.display(),
            learned.codes.len(),
            terms,
            agreement.compared,
            AGREEMENT
        );
        println!(
            "Next: validate it on coded articles not used here (framescope validate ARTICLES \
             --gold CODES --lexicon {}), then analyze with --lexicon {}.",
            config.out.display(),
            config.out.display()
        );
    }
    if lexicons.is_empty() && config.license.is_none() && !config.quiet {
        eprintln!(
            "framescope: the learned lexicon has no licence: add one with --license, or as \
             `license` in the file"
        );
    }
    Ok(if problems > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

/// The language rules the learned lexicon is measured with: those loaded with the starting
/// lexicons, or the language's own file.
fn rules_for(
    language: &str,
    loaded: Option<&BTreeMap<String, Rules>>,
    config: &LearnConfig,
) -> Result<BTreeMap<String, Rules>> {
    if let Some(rules) = loaded.and_then(|r| r.get(language)) {
        return Ok(BTreeMap::from([(language.to_string(), rules.clone())]));
    }
    let source = config.lexicon_dir.rules_source(language)?;
    let parsed = parse_rules(&source);
    let Some(rules) = parsed.value else {
        for d in &parsed.diagnostics {
            eprintln!("{d}");
        }
        bail!("the rules for language `{language}` cannot be read");
    };
    Ok(BTreeMap::from([(language.to_string(), rules)]))
}

/// The modifiers of all starting lexicons together.
fn union_of_modifiers(lexicons: &[&Lexicon]) -> Modifiers {
    let mut m = Modifiers::default();
    for l in lexicons {
        for n in &l.modifiers.negators {
            if !m.negators.contains(n) {
                m.negators.push(n.clone());
            }
        }
        for i in &l.modifiers.intensifiers {
            if !m.intensifiers.iter().any(|(w, _)| *w == i.0) {
                m.intensifiers.push(i.clone());
            }
        }
        for c in &l.modifiers.contrast {
            if !m.contrast.iter().any(|(w, _)| *w == c.0) {
                m.contrast.push(c.clone());
            }
        }
    }
    m
}

/// The licence of the learned lexicon: as given, else that of the starting lexicons (all of
/// them, when they differ).
fn license(config: &LearnConfig, lexicons: &[&Lexicon]) -> String {
    if let Some(l) = &config.license {
        return l.clone();
    }
    let mut licenses: Vec<&str> = lexicons
        .iter()
        .map(|l| l.license.as_str())
        .filter(|l| !l.is_empty())
        .collect();
    licenses.sort();
    licenses.dedup();
    licenses.join(" AND ")
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// The cross-validated figures of every code, as a table.
fn print_figures(learned: &Learned) {
    let width = learned
        .codes
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let (folds, repeats) = learned
        .codes
        .first()
        .map_or((0, 0), |c| (c.figures.folds, c.figures.repeats));
    println!(
        "\nCross-validated: each article predicted by a model fitted without it ({folds} folds, \
         {repeats} time(s) with new folds)."
    );
    println!(
        "  {:<width$}  {:>9}  {:>5}  {:<22}  {:<13}  {:<22}  {:>7}  {:>5}  {:>7}  {:>6}",
        "code",
        "coded",
        "start",
        "AUC [95% CI]",
        "fold AUCs",
        "F1 [95% CI]",
        "penalty",
        "terms",
        "learned",
        "params"
    );
    for c in &learned.codes {
        let f = &c.figures;
        let auc = f.auc.map_or("–".to_string(), |a| match a.interval {
            Some((lo, hi)) => format!("{:.3} [{lo:.3}, {hi:.3}]", a.value),
            None => format!("{:.3}", a.value),
        });
        let folds = f
            .fold_auc
            .map_or("–".to_string(), |(lo, hi)| format!("{lo:.2} to {hi:.2}"));
        let f1 = match (f.f1, f.f1_interval) {
            (Some(v), Some((lo, hi))) => format!("{v:.3} [{lo:.3}, {hi:.3}]"),
            (Some(v), None) => format!("{v:.3}"),
            _ => "–".to_string(),
        };
        let learned_terms = c.terms.iter().filter(|t| t.learned_from.is_some()).count();
        println!(
            "  {:<width$}  {:>9}  {:>5}  {:<22}  {:<13}  {:<22}  {:>7}  {:>5}  {:>7}  {:>6.1}",
            c.name,
            format!("{}/{}", f.positives, f.articles),
            c.start_auc.map_or("–".to_string(), |a| format!("{a:.3}")),
            auc,
            folds,
            f1,
            c.l2,
            c.terms.len(),
            learned_terms,
            c.effective_parameters
        );
    }
    println!(
        "  start: the AUC of the starting category's own rate on these articles, which learning \
         has to beat.\n  AUC: over the pairs of articles held out together, each ranked by the \
         one model fitted without them.\n  F1 at the threshold each fold chose on its own \
         training articles; the penalty is that of the final fit."
    );
}
