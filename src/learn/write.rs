//! Writes what was learned as a lexicon file: framescope's TOML, scored `logistic`, with a
//! header that says how it was made and how well it carried to held-out articles (for people, as
//! comments, and for programs, in the `[learned]` table). Same learning, same bytes.

use std::collections::HashMap;
use std::fmt::Write;

use super::train::{Settings, L2};
use super::{Learned, LearnedCode, WEIGHT_DECIMALS};
use crate::lexicon::export::{modifier_lines, quoted};
use crate::lexicon::Element;

/// What the header says about the lexicon and the data it was learned from.
#[derive(Debug, Clone)]
pub struct Header {
    pub id: String,
    pub name: String,
    pub version: String,
    /// Empty: none known (the file then says so in a comment).
    pub license: String,
    /// The starting lexicons, one entry each (`policy 1.3.0: ...`).
    pub sources: Vec<String>,
    /// The gold file's name (without its folder) and the SHA-256 of its bytes.
    pub gold_file: String,
    pub gold_sha256: String,
    /// The SHA-256 of the training set itself: the coded articles' ids, texts and codes.
    pub training_sha256: String,
    /// Coded articles used.
    pub articles: usize,
    pub settings: Settings,
    pub min_documents: usize,
    pub max_share: f64,
    /// Phrases of two words were candidates.
    pub phrases: bool,
    /// The version of framescope that learned it.
    pub framescope: String,
}

/// A number as TOML writes a float, with at most `decimals` decimals and no trailing zeros.
fn decimal(x: f64, decimals: usize) -> String {
    let mut s = format!("{x:.decimals$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.push('0');
        }
    }
    if s == "-0.0" {
        s = "0.0".into();
    }
    s
}

fn three(x: Option<f64>) -> String {
    x.map_or("–".to_string(), |v| format!("{v:.3}"))
}

fn interval(i: Option<(f64, f64)>) -> String {
    i.map_or(String::new(), |(lo, hi)| format!(" [{lo:.3}, {hi:.3}]"))
}

/// The lexicon file.
pub fn lexicon_toml(learned: &Learned, header: &Header) -> String {
    let mut out = String::new();
    write_comments(&mut out, learned, header);
    out.push_str("format = 1\n\n[lexicon]\n");
    let _ = writeln!(out, "id = {}", quoted(&header.id));
    let _ = writeln!(out, "name = {}", quoted(&header.name));
    let _ = writeln!(out, "version = {}", quoted(&header.version));
    let _ = writeln!(out, "language = {}", quoted(&learned.language));
    if header.license.is_empty() {
        out.push_str("# license = \"\"  # no starting lexicon gave one: say under which terms it may be used\n");
    } else {
        let _ = writeln!(out, "license = {}", quoted(&header.license));
    }
    let description = format!(
        "Categories fitted to the human codes of {} articles of {}: each category's column of \
         articles.csv is the probability that a coder marks an article with its code.",
        header.articles, header.gold_file
    );
    let _ = writeln!(out, "description = {}", quoted(&description));
    let mut sources = header.sources.clone();
    sources.push(format!(
        "Fitted by framescope {} (`framescope learn`) to {} coded articles of {} (training set \
         sha256 {}).",
        header.framescope, header.articles, header.gold_file, header.training_sha256
    ));
    out.push_str("sources = [\n");
    for s in &sources {
        let _ = writeln!(out, "  {},", quoted(s));
    }
    out.push_str("]\ntone = false\nscore = \"logistic\"\n");
    write_modifiers(&mut out, learned);
    write_learned_table(&mut out, learned, header);
    let mut seen: HashMap<&[Element], &str> = HashMap::new();
    for code in &learned.codes {
        write_category(&mut out, code, header, &mut seen);
    }
    out
}

fn write_comments(out: &mut String, learned: &Learned, header: &Header) {
    let s = &header.settings;
    let _ = writeln!(
        out,
        "# Learned by framescope {} (`framescope learn`) from {} coded articles of {}.",
        header.framescope, header.articles, header.gold_file
    );
    out.push_str(
        "# Each category is fitted to one gold column. Its column of articles.csv holds the \
         probability\n# that a coder marks an article with that code:\n\
         #     logistic(intercept + 1000 × score / tokens)\n\
         # where score is the sum of the effective weights of the category's matches (the `score` \
         of\n# frames.csv). Terms below 0 lower the probability. Terms marked `# learned` were \
         drawn from the\n# coded texts; the others are those of the category each started from.\n#\n",
    );
    let _ = writeln!(
        out,
        "# How well it carries to articles it was not fitted on: {}-fold cross-validation \
         (stratified, seed {}),\n# done {} time(s) with new folds, the whole procedure repeated \
         in each fold; the AUC counts the pairs\n# of articles held out together, each ranked by \
         the one model fitted without them. `start` is the AUC\n# of the starting category's \
         own rate on the same articles, which learning has to beat.",
        s.folds,
        s.seed,
        s.repeats.max(1)
    );
    let width = learned
        .codes
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let _ = writeln!(
        out,
        "#   {:<width$}  {:>9}  {:>5}  {:<22}  {:<22}  penalty",
        "category", "coded", "start", "AUC [95% CI]", "F1 [95% CI]"
    );
    for code in &learned.codes {
        let f = &code.figures;
        let auc = f.auc.map_or("–".to_string(), |a| {
            format!("{:.3}{}", a.value, interval(a.interval))
        });
        let f1 = format!("{}{}", three(f.f1), interval(f.f1_interval));
        let _ = writeln!(
            out,
            "#   {:<width$}  {:>9}  {:>5}  {:<22}  {:<22}  {}",
            code.name,
            format!("{}/{}", f.positives, f.articles),
            three(code.start_auc),
            auc,
            f1,
            decimal(code.l2, 1)
        );
    }
    out.push_str(
        "# Before relying on it, validate it on coded articles that were not used here:\n",
    );
    let _ = writeln!(
        out,
        "#   framescope validate ARTICLES --gold CODES --lexicon {}.toml\n",
        header.id
    );
}

fn write_modifiers(out: &mut String, learned: &Learned) {
    if learned.modifiers.is_empty() {
        return;
    }
    out.push_str("\n# The modifiers of the starting lexicons, which the fit was measured with.\n[modifiers]\n");
    modifier_lines(&learned.modifiers, out, &|x| decimal(x, 6));
}

fn write_learned_table(out: &mut String, learned: &Learned, header: &Header) {
    let s = &header.settings;
    out.push_str("\n# How it was learned; not used in scoring.\n[learned]\n");
    let _ = writeln!(out, "framescope = {}", quoted(&header.framescope));
    let _ = writeln!(out, "articles = {}", header.articles);
    let _ = writeln!(out, "gold_file = {}", quoted(&header.gold_file));
    let _ = writeln!(out, "gold_sha256 = {}", quoted(&header.gold_sha256));
    let _ = writeln!(out, "training_sha256 = {}", quoted(&header.training_sha256));
    let _ = writeln!(out, "folds = {}", s.folds);
    let _ = writeln!(out, "repeats = {}", s.repeats);
    let _ = writeln!(out, "seed = {}", s.seed);
    match s.l2 {
        L2::Auto => out.push_str("l2 = \"auto\"\n"),
        L2::Fixed(l2) => {
            let _ = writeln!(out, "l2 = {}", decimal(l2, 6));
        }
    }
    let _ = writeln!(out, "candidate_words = {}", learned.candidates);
    if header.phrases {
        let _ = writeln!(out, "candidate_phrases = {}", learned.candidate_phrases);
    }
    let all = |n: usize| {
        if n == usize::MAX {
            "\"all\"".to_string()
        } else {
            n.to_string()
        }
    };
    let _ = writeln!(out, "candidates_per_fit = {}", all(s.candidates));
    let _ = writeln!(out, "min_keyness = {}", decimal(s.min_keyness, 6));
    let _ = writeln!(out, "keep = {}", all(s.keep));
    let _ = writeln!(out, "min_documents = {}", header.min_documents);
    let _ = writeln!(out, "max_share = {}", decimal(header.max_share, 6));
    let _ = writeln!(out, "phrases = {}", header.phrases);
    for code in &learned.codes {
        let f = &code.figures;
        let _ = writeln!(out, "\n[learned.codes.{}]", quoted(&code.name));
        let _ = writeln!(out, "gold_column = {}", quoted(&code.gold_column));
        if let Some(start) = &code.start {
            let _ = writeln!(out, "start = {}", quoted(start));
        }
        let _ = writeln!(out, "articles = {}", f.articles);
        let _ = writeln!(out, "coded = {}", f.positives);
        let _ = writeln!(out, "l2 = {}", decimal(code.l2, 6));
        let mut field = |key: &str, value: Option<f64>| {
            if let Some(v) = value {
                let _ = writeln!(out, "{key} = {}", decimal(v, 4));
            }
        };
        field("start_auc", code.start_auc);
        field("cv_auc", f.auc.map(|a| a.value));
        field("cv_auc_low", f.auc.and_then(|a| a.interval).map(|i| i.0));
        field("cv_auc_high", f.auc.and_then(|a| a.interval).map(|i| i.1));
        field("cv_auc_pooled", f.pooled_auc);
        field("cv_fold_auc_min", f.fold_auc.map(|i| i.0));
        field("cv_fold_auc_max", f.fold_auc.map(|i| i.1));
        field("cv_precision", f.precision);
        field("cv_recall", f.recall);
        field("cv_f1", f.f1);
        field("cv_f1_low", f.f1_interval.map(|i| i.0));
        field("cv_f1_high", f.f1_interval.map(|i| i.1));
        field("cv_log_loss", Some(f.log_loss));
        field("effective_parameters", Some(code.effective_parameters));
        let starting = code
            .terms
            .iter()
            .filter(|t| t.learned_from.is_none())
            .count();
        let _ = writeln!(out, "terms_start = {starting}");
        let _ = writeln!(out, "terms_learned = {}", code.terms.len() - starting);
        if !code.warnings.is_empty() {
            let list: Vec<String> = code.warnings.iter().map(|w| quoted(w)).collect();
            let _ = writeln!(out, "warnings = [{}]", list.join(", "));
        }
    }
}

fn write_category<'a>(
    out: &mut String,
    code: &'a LearnedCode,
    header: &Header,
    seen: &mut HashMap<&'a [Element], &'a str>,
) {
    let key = quoted(&code.name);
    let f = &code.figures;
    let start = code.start.as_ref().map_or(String::new(), |s| {
        format!(", starting from the terms of {s}")
    });
    let description = format!(
        "The probability that a coder marks an article with code `{}` of {}, fitted to {} \
         articles ({} coded 1){start}.",
        code.gold_column, header.gold_file, f.articles, f.positives
    );
    let _ = write!(out, "\n[categories.{key}]\n");
    let _ = writeln!(out, "description = {}", quoted(&description));
    out.push_str("polarity = 0\n");
    let _ = writeln!(out, "negatable = {}", code.negatable);
    let _ = writeln!(
        out,
        "intercept = {}",
        decimal(code.intercept, WEIGHT_DECIMALS)
    );
    if !code.stop_phrases.is_empty() {
        out.push_str("stop_phrases = [\n");
        for s in &code.stop_phrases {
            let _ = writeln!(out, "  {},", quoted(&s.text));
        }
        out.push_str("]\n");
    }
    let _ = writeln!(out, "\n[categories.{key}.terms]");
    let mut heading_learned = false;
    for t in &code.terms {
        if t.learned_from.is_some() && !heading_learned {
            out.push_str("# -- learned from the coded texts\n");
            heading_learned = true;
        }
        let mut comment = match t.learned_from {
            Some(texts) => format!("learned, in {texts} texts"),
            None => String::new(),
        };
        // A term in two categories is deliberate here: each category is fitted on its own.
        match seen.get(t.elements.as_slice()) {
            Some(other) => {
                if !comment.is_empty() {
                    comment.push_str("; ");
                }
                let _ = write!(comment, "note: also in `{other}`, fitted apart");
            }
            None => {
                seen.insert(&t.elements, &code.name);
            }
        }
        let comment = if comment.is_empty() {
            String::new()
        } else {
            format!("  # {comment}")
        };
        let _ = writeln!(
            out,
            "{} = {}{comment}",
            quoted(&t.text),
            decimal(t.weight, WEIGHT_DECIMALS)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_no_trailing_zeros_and_no_negative_zero() {
        assert_eq!(decimal(0.1234, 6), "0.1234");
        assert_eq!(decimal(2.0, 6), "2.0");
        assert_eq!(decimal(-0.0000001, 6), "0.0");
        assert_eq!(decimal(-1.5, 6), "-1.5");
        assert_eq!(decimal(1.23456789, 6), "1.234568");
    }
}
