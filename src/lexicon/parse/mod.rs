//! Reads lexicon and rules files (TOML) into the model, collecting every problem with its
//! location rather than stopping at the first.

mod category;
mod document;
mod lexicon;
mod reader;
mod rules;

use sha2::{Digest, Sha256};
use toml_edit::ImDocument;

use super::diagnostic::{Diagnostic, Severity};
use super::model::{Lexicon, Origin, Rules};
use reader::Reader;

pub use category::{check_category_name, is_identifier};

/// The largest weight a term may have.
pub const MAX_WEIGHT: f64 = 10.0;

/// The text of one lexicon or rules file and where it came from.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// How messages name the file: a path, or `embedded:lexicons/ID.toml`.
    pub label: String,
    pub text: String,
    pub origin: Origin,
}

/// The result of reading a file: the model if there was no error, and every diagnostic.
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Parsed<T> {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

pub fn sha256_hex(text: &str) -> String {
    sha256_bytes(text.as_bytes())
}

/// The SHA-256 of `bytes`, in lower-case hexadecimal.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads a lexicon file. `expected_id` is the id its file name gives, if any.
pub fn parse_lexicon(source: &SourceFile, expected_id: Option<&str>) -> Parsed<Lexicon> {
    parse_file(source, |reader, doc| {
        lexicon::read_lexicon(reader, doc, source, expected_id)
    })
}

/// Reads a rules file (`lexicons/rules/LANG.toml`).
pub fn parse_rules(source: &SourceFile) -> Parsed<Rules> {
    parse_file(source, |reader, doc| rules::read_rules(reader, doc, source))
}

/// Parses `source` as TOML and reads the document with `read`; the value is kept only when no
/// error was reported.
fn parse_file<T>(
    source: &SourceFile,
    read: impl FnOnce(&mut Reader, &ImDocument<&str>) -> Option<T>,
) -> Parsed<T> {
    let text = source.text.strip_prefix('\u{FEFF}').unwrap_or(&source.text);
    let mut reader = Reader::new(&source.label, text);
    let value = document::parse_document(&mut reader, text).and_then(|doc| read(&mut reader, &doc));
    let value = if reader.has_errors() { None } else { value };
    Parsed {
        value,
        diagnostics: reader.into_diagnostics(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::model::Scoring;

    fn parse(text: &str) -> Parsed<Lexicon> {
        let source = SourceFile {
            label: "bad.toml".into(),
            text: text.into(),
            origin: Origin::Embedded,
        };
        parse_lexicon(&source, Some("bad"))
    }

    const GOOD: &str = r#"format = 1
[lexicon]
id = "bad"
name = "Test"
version = "1"
language = "en"
license = "CC0"
description = "d"
sources = ["s"]

[categories.hope]
description = "h"
polarity = 1
[categories.hope.terms]
"hope" = 1.0
"glimmer of hope" = 1.5
"#;

    #[test]
    fn a_good_file_has_no_diagnostic() {
        let parsed = parse(GOOD);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let lexicon = parsed.value.unwrap();
        assert!(lexicon.categories[0].negatable);
        assert_eq!(lexicon.term_count(), 2);
    }

    /// Every message of `expected` begins one of the `reported` diagnostics.
    fn assert_reports(reported: &[String], expected: &[&str]) {
        for e in expected {
            assert!(
                reported.iter().any(|t| t.starts_with(e)),
                "missing {e:?} in {reported:#?}"
            );
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let bad = GOOD
            .replace("version = \"1\"\n", "")
            .replace("polarity = 1", "polarity = 2\ncolour = \"red\"")
            .replace("\"hope\" = 1.0", "\"hope\" = -1\n\"x*\" = 1\n\"Hope\" = 1");
        let parsed = parse(&bad);
        assert!(parsed.value.is_none());
        let text: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
        let expect = [
            "bad.toml:2:1: error: [lexicon] needs `version`",
            "bad.toml:13:1: error: unknown key `colour`",
            "bad.toml:12:12: error: `polarity` of category `hope` must be -1, 0 or 1",
            "bad.toml:15:10: error: the weight of `hope` must be above 0",
            "bad.toml:16:1: error: prefix `x*` has 1 character(s)",
            "bad.toml:17:1: warning: `Hope` is the same term as the one on line 15",
        ];
        assert_reports(&text, &expect);
    }

    #[test]
    fn stop_phrases_are_read_apart_from_terms_and_checked() {
        let with = |stops: &str| {
            parse(&GOOD.replace(
                "polarity = 1\n",
                &format!("polarity = 1\nstop_phrases = [{stops}]\n"),
            ))
        };
        let parsed = with(r#""hope springs eternal", "no ~hope""#);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let category = &parsed.value.unwrap().categories[0];
        assert_eq!(category.terms.len(), 2);
        let stops: Vec<&str> = category
            .stop_phrases
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(stops, ["hope springs eternal", "no ~hope"]);
        assert_eq!(category.stop_phrases[0].weight, 0.0);

        let parsed = with(r#""clean air", "Hope", "a*", 3"#);
        let text: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
        let expect = [
            "bad.toml:14:17: warning: stop phrase `clean air` contains no term of category `hope`",
            "bad.toml:14:30: warning: stop phrase `Hope` is also a term of category `hope` (line 16)",
            "bad.toml:14:38: error: prefix `a*` has 1 character(s)",
            "bad.toml:14:44: error: `stop_phrases` of category `hope` must hold only strings",
        ];
        assert_reports(&text, &expect);
        assert_eq!(text.len(), expect.len(), "{text:#?}");
        assert!(with("\"x\"")
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Warning));
        assert!(
            parse(&GOOD.replace("polarity = 1\n", "polarity = 1\nstop_phrases = \"x\"\n"))
                .value
                .is_none()
        );
    }

    #[test]
    fn a_logistic_lexicon_has_intercepts_and_signed_weights() {
        let logistic = GOOD
            .replace(
                "sources = [\"s\"]\n",
                "sources = [\"s\"]\nscore = \"logistic\"\n",
            )
            .replace("polarity = 1\n", "polarity = 0\nintercept = -1.25\n")
            .replace("\"hope\" = 1.0", "\"hope\" = -0.5")
            + "\n[learned]\narticles = 3\n";
        let parsed = parse(&logistic);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let lexicon = parsed.value.unwrap();
        assert_eq!(lexicon.scoring, Scoring::Logistic);
        assert_eq!(lexicon.categories[0].intercept, Some(-1.25));
        assert_eq!(lexicon.categories[0].terms[0].weight, -0.5);

        let text = |t: &str| -> Vec<String> {
            parse(t).diagnostics.iter().map(|d| d.to_string()).collect()
        };
        assert_reports(
            &text(&logistic.replace("intercept = -1.25\n", "")),
            &["bad.toml:12:13: error: category `hope` needs an `intercept`"],
        );
        assert_reports(
            &text(&logistic.replace("-0.5", "0")),
            &["bad.toml:17:10: error: the weight of `hope` must be between -10 and 10, and not 0"],
        );
        assert_reports(
            &text(&logistic.replace("score = \"logistic\"", "score = \"odds\"")),
            &["bad.toml:10:9: error: unknown `score` `odds`"],
        );
        assert_reports(
            &text(&GOOD.replace("polarity = 1\n", "polarity = 1\nintercept = 2\n")),
            &["bad.toml:14:13: error: category `hope` has an `intercept`"],
        );
        assert_reports(
            &text(&logistic.replace("sources", "tone = true\nsources")),
            &["bad.toml:11:9: error: a lexicon with `score = \"logistic\"` cannot make the tone score"],
        );
        assert_reports(
            &text(
                &logistic
                    .replace("\n[learned]\narticles = 3\n", "")
                    .replace("format = 1\n", "format = 1\nlearned = 3\n"),
            ),
            &["bad.toml:2:11: error: `learned` must be a table"],
        );
    }

    #[test]
    fn the_voice_table_of_a_rules_file_is_read_and_checked() {
        let rules = |voice: &str| {
            parse_rules(&SourceFile {
                label: "rules/xx.toml".into(),
                text: format!(
                    "format = 1\n[rules]\nlanguage = \"en\"\nversion = \"1\"\n[rules.voice]\n{voice}"
                ),
                origin: Origin::Embedded,
            })
        };
        let good =
            rules("speech_verbs = [\"Said\", \"told\"]\nsource_phrases = [\"according to\"]\n");
        assert!(good.diagnostics.is_empty(), "{:?}", good.diagnostics);
        assert_eq!(
            good.value.unwrap().voice,
            [
                (
                    "speech_verbs".to_string(),
                    vec!["said".to_string(), "told".to_string()]
                ),
                (
                    "source_phrases".to_string(),
                    vec!["according to".to_string()]
                )
            ]
        );
        let bad = rules("speech_verb = [\"said\"]\nroles = \"official\"\n");
        let text: Vec<String> = bad.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_reports(
            &text,
            &[
                "rules/xx.toml:6:1: error: unknown key `speech_verb` in [rules.voice]",
                "rules/xx.toml:7:9: error: `roles` in [rules.voice] must be a list of strings",
            ],
        );
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let parsed = parse("[lexicon]\nid = \"bad\nname = 3\n");
        let d = &parsed.diagnostics[0];
        assert_eq!((d.line, d.severity), (2, Severity::Error));
        assert!(d.message.starts_with("TOML syntax"));
    }
}
