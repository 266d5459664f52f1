//! Articles and lexicons in German, French and Spanish (written here for the tests): each
//! lexicon stemmed for its language, its rules (negators, elisions, abbreviations) from
//! `lexicons/rules/LANG.toml`, and each article scored only with the lexicons of its language.

mod common;

use common::{num, read_csv, row, run_in, stderr, write};

fn lexicon(id: &str, language: &str, category: &str, terms: &[&str], tone: bool) -> String {
    let terms: String = terms.iter().map(|t| format!("\"{t}\" = 1.0\n")).collect();
    let polarity = if tone { 1 } else { 0 };
    format!(
        "format = 1\n[lexicon]\nid = \"{id}\"\nname = \"{id}\"\nversion = \"1\"\nlanguage = \
         \"{language}\"\nlicense = \"CC0\"\ndescription = \"d\"\nsources = [\"s\"]\ntone = {tone}\n\n\
         [categories.{category}]\ndescription = \"c\"\npolarity = {polarity}\n\
         [categories.{category}.terms]\n{terms}"
    )
}

const ARTICLES: &str = "id,language,text
de1,de,\"Die Hoffnungen wuchsen bzw. Die Stimmung stieg, aber keine Hoffnung blieb.\"
fr1,fr,\"L'espoir renaît, mais il n'y a pas d'espoir.\"
es1,es,\"La esperanza crece, pero no hay esperanzas.\"
it1,it,\"La speranza cresce.\"
";

#[test]
fn each_article_is_scored_with_the_lexicons_of_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "hoffnung.toml",
        lexicon("hoffnung", "de", "hope", &["~hoffnung"], false),
    );
    write(
        d,
        "espoir.toml",
        lexicon("espoir", "fr", "hope", &["~espoir"], false),
    );
    write(
        d,
        "esperanza.toml",
        lexicon("esperanza", "es", "hope", &["~esperanza"], false),
    );
    write(d, "articles.csv", ARTICLES);
    let o = run_in(
        d,
        &[
            "analyze",
            "articles.csv",
            "--lexicon",
            "hoffnung.toml",
            "--lexicon",
            "espoir.toml",
            "--lexicon",
            "esperanza.toml",
            "--pairs",
            "none",
            "--no-charts",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let frames = read_csv(&d.join("output/frames.csv"));
    let frame = |article: &str, lexicon: &str| {
        frames
            .iter()
            .find(|r| r["article_id"] == article && r["lexicon"] == lexicon)
            .unwrap()
            .clone()
    };
    // Stemmed for its language, negated by its language's negators; `l'espoir` and `d'espoir`
    // lose their elided article.
    for (article, lexicon) in [("de1", "hoffnung"), ("fr1", "espoir"), ("es1", "esperanza")] {
        let f = frame(article, lexicon);
        assert_eq!(
            (f["hits"].as_str(), f["negated"].as_str()),
            ("2", "1"),
            "{article}: {f:?}"
        );
    }
    // Lexicons of other languages are not applied: no hit, and an empty rate, not 0.
    let other = frame("de1", "espoir");
    assert_eq!(
        (other["hits"].as_str(), other["per_1k"].as_str()),
        ("0", "")
    );
    let articles = read_csv(&d.join("output/articles.csv"));
    assert_eq!(row(&articles, "de1")["espoir.hope"], "");
    assert!(num(row(&articles, "de1"), "hoffnung.hope") > 0.0);
    // German abbreviations: `bzw.` does not end the sentence before `Die`.
    assert_eq!(row(&articles, "de1")["sentences"], "1");
    // A language without a lexicon is scored with them all, with a warning.
    let it = row(&articles, "it1");
    assert!(
        it["warnings"].contains("language `it` has no lexicon in this run"),
        "{it:?}"
    );
    assert_eq!(it["espoir.hope"], "0.0000");
}

#[test]
fn each_language_has_its_own_tone_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "ton.toml",
        lexicon("ton", "de", "positive", &["~erfolg", "gut"], true),
    );
    write(
        d,
        "articles.csv",
        "id,lang,text\nen1,en,A great success.\nde1,de,Ein großer Erfolg. Nicht gut.\n",
    );
    let o = run_in(
        d,
        &[
            "analyze",
            "articles.csv",
            "--lexicon",
            "tone",
            "--lexicon",
            "ton.toml",
            "--pairs",
            "none",
            "--no-charts",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let articles = read_csv(&d.join("output/articles.csv"));
    let en = row(&articles, "en1");
    let de = row(&articles, "de1");
    assert!(num(en, "tone") > 0.0);
    assert_eq!(de["tone.positive"], "");
    // One positive sentence, one negated: the German rules' `nicht` negates `gut`.
    assert!(
        num(de, "tone_pos") > 0.0 && num(de, "tone_neg") > 0.0,
        "{de:?}"
    );
}

#[test]
fn rules_files_ship_for_german_french_and_spanish() {
    let dir = tempfile::tempdir().unwrap();
    for language in ["de", "fr", "es"] {
        let o = run_in(
            dir.path(),
            &[
                "lexicon",
                "check",
                common::project_root()
                    .join(format!("lexicons/rules/{language}.toml"))
                    .to_str()
                    .unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{language}: {}", stderr(&o));
    }
}
