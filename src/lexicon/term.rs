//! Term syntax: `word`, `word*`, `~word` and phrases of them, compiled to token elements with the
//! same analyser that reads articles, so terms and text always agree.

use rustc_hash::FxHashMap;

use rust_stemmers::Stemmer;

use super::model::Element;
use crate::text::{normalize, tokenize, TokenKind};

/// Prefixes shorter than this are refused: they would match most of the language.
pub const MIN_PREFIX: usize = 3;
/// Prefixes shorter than this get a warning.
pub const SHORT_PREFIX: usize = 4;

/// A phrase has at most this many words: matching takes time in proportion to the words of a
/// phrase at each place in a text, and longer phrases rarely recur word for word.
pub const MAX_PHRASE_WORDS: usize = 12;
/// A term is at most this many characters long.
pub const MAX_TERM_CHARS: usize = 200;

/// A term compiled to elements, with any warnings about it.
#[derive(Debug)]
pub struct CompiledTerm {
    pub elements: Vec<Element>,
    pub warnings: Vec<String>,
}

/// Compiles the term `raw`, or says why it cannot be used.
pub fn compile_term(raw: &str, stemmer: &Stemmer) -> Result<CompiledTerm, String> {
    let chars = raw.chars().count();
    if chars > MAX_TERM_CHARS {
        return Err(format!(
            "a term of {chars} characters; at most {MAX_TERM_CHARS} (a term is a word or a short phrase)"
        ));
    }
    let pattern = looks_like_a_regular_expression(raw).then(|| {
        format!(
            "`{raw}` looks like a regular expression, which terms are not: its punctuation is \
             left out and its words are matched as a phrase; write one term per word or phrase \
             (`word*` matches a prefix, `~word` a stem)"
        )
    });
    let mut compiled = compile_elements(raw, stemmer);
    if let Some(pattern) = pattern {
        match &mut compiled {
            Ok(term) => term.warnings.insert(0, pattern),
            Err(e) => *e = format!("{pattern}; as it is, {e}"),
        }
    }
    compiled
}

fn compile_elements(raw: &str, stemmer: &Stemmer) -> Result<CompiledTerm, String> {
    let mut elements = Vec::new();
    let mut warnings = Vec::new();
    let mut tokens = Vec::new();
    let mut norm = String::new();
    for piece in raw.split_whitespace() {
        let (stem, rest) = match piece.strip_prefix('~') {
            Some(rest) => (true, rest),
            None => (false, piece),
        };
        let (prefix, body) = match rest.strip_suffix('*') {
            Some(body) => (true, body),
            None => (false, rest),
        };
        if stem && prefix {
            return Err(format!(
                "`{piece}`: a term element is either a stem `~word` or a prefix `word*`, not both"
            ));
        }
        if body.contains(['*', '~']) {
            return Err(format!(
                "`{piece}`: `*` may only end an element and `~` only begin it"
            ));
        }
        tokenize(body, &mut tokens);
        if tokens.is_empty() {
            return Err(format!(
                "`{piece}` has no word in it once normalised: it can never match"
            ));
        }
        for (j, token) in tokens.iter().enumerate() {
            normalize(token.text(body), token.kind, &mut norm);
            let last = j + 1 == tokens.len();
            let element = if stem {
                if token.kind != TokenKind::Word {
                    warnings.push(format!(
                        "`{piece}`: a stem of `{norm}` matches only `{norm}` itself"
                    ));
                }
                Element::Stem(stemmer.stem(&norm).into_owned())
            } else if prefix && last {
                let len = norm.chars().count();
                if len < MIN_PREFIX {
                    return Err(format!(
                        "prefix `{piece}` has {len} character(s) before `*`; at least {MIN_PREFIX} are needed"
                    ));
                }
                if len < SHORT_PREFIX {
                    warnings.push(format!(
                        "prefix `{piece}` is very short and matches many unrelated words"
                    ));
                }
                Element::Prefix(norm.clone())
            } else {
                Element::Exact(norm.clone())
            };
            elements.push(element);
        }
    }
    if elements.is_empty() {
        return Err("empty term".to_string());
    }
    if elements.len() > MAX_PHRASE_WORDS {
        return Err(format!(
            "a phrase of {} words; at most {MAX_PHRASE_WORDS} (longer phrases slow matching down and rarely recur word for word)",
            elements.len()
        ));
    }
    Ok(CompiledTerm { elements, warnings })
}

/// Whether a term is written as a regular expression (`\bwar\b`, `(peace|truce)`, `colou?r`,
/// `[Hh]ope`, `negotiat.*`): a common mistake that would silently match something else.
fn looks_like_a_regular_expression(raw: &str) -> bool {
    const SIGNS: [&str; 12] = [
        "\\b", "\\w", "\\d", "\\s", ".*", ".+", "(?", "|", "?", "^", "$", "{",
    ];
    // Every sign holds one of these bytes; most terms have none, and loading checks thousands.
    const SIGN_BYTES: &[u8] = b"\\.(?|^${[";
    if !raw.bytes().any(|b| SIGN_BYTES.contains(&b)) {
        return false;
    }
    // Emoticons (`^_^`, `:-|`) are terms of their own: a pattern has letters among its signs.
    raw.chars().any(char::is_alphabetic)
        && (SIGNS.iter().any(|sign| raw.contains(sign))
            || (raw.contains('[') && raw.contains(']'))
            || (raw.contains('(') && raw.contains(')')))
}

/// Stems of exact words, computed once each: checking a category's stop phrases compares every
/// one of them with every term, and stemming is the costly part.
pub struct StemMemo<'a> {
    stemmer: &'a Stemmer,
    stems: FxHashMap<String, String>,
}

impl<'a> StemMemo<'a> {
    pub fn new(stemmer: &'a Stemmer) -> Self {
        StemMemo {
            stemmer,
            stems: FxHashMap::default(),
        }
    }

    fn stem(&mut self, word: &str) -> &str {
        if !self.stems.contains_key(word) {
            let stem = self.stemmer.stem(word).into_owned();
            self.stems.insert(word.to_string(), stem);
        }
        &self.stems[word]
    }
}

/// Could one token satisfy both elements? Decided exactly when one of them is an exact word; for
/// two stems or prefixes, by whether one begins with the other (a stem is mostly a word's start).
fn may_share_a_token(a: &Element, b: &Element, stems: &mut StemMemo) -> bool {
    use Element::*;
    match (a, b) {
        (Exact(x), Exact(y)) => x == y,
        (Exact(x), Prefix(p)) | (Prefix(p), Exact(x)) => x.starts_with(p.as_str()),
        (Exact(x), Stem(s)) | (Stem(s), Exact(x)) => stems.stem(x) == s.as_str(),
        (Stem(s), Stem(t)) => s == t,
        (Prefix(p), Prefix(q)) | (Stem(p), Prefix(q)) | (Prefix(p), Stem(q)) => {
            p.starts_with(q.as_str()) || q.starts_with(p.as_str())
        }
        (Exact(x), Glob(g)) | (Glob(g), Exact(x)) => crate::lexicon::glob_matches(g, x),
        // Globs are rare and short-lived (imported dictionaries): assume they may meet.
        (Glob(_), _) | (_, Glob(_)) => true,
    }
}

/// Does a stop phrase stop anything: could a term begin on one of its tokens? Matching within a
/// category is leftmost-longest, so a stop phrase that matches first keeps every term that would
/// begin inside it from matching there; one that holds no term's start has no effect.
pub fn stops_a_term(stop: &[Element], terms: &[super::model::Term], stems: &mut StemMemo) -> bool {
    terms.iter().any(|term| {
        (0..stop.len()).any(|k| {
            stop[k..]
                .iter()
                .zip(&term.elements)
                .all(|(a, b)| may_share_a_token(a, b, stems))
        })
    })
}

/// The Snowball stemmer for a language code (`en`, `de`, ...), if there is one.
pub fn stemmer_for(language: &str) -> Option<Stemmer> {
    use rust_stemmers::Algorithm::*;
    let algorithm = match language {
        "en" => English,
        "ar" => Arabic,
        "da" => Danish,
        "nl" => Dutch,
        "fi" => Finnish,
        "fr" => French,
        "de" => German,
        "el" => Greek,
        "hu" => Hungarian,
        "it" => Italian,
        "no" | "nb" => Norwegian,
        "pt" => Portuguese,
        "ro" => Romanian,
        "ru" => Russian,
        "es" => Spanish,
        "sv" => Swedish,
        "ta" => Tamil,
        "tr" => Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_phrases_and_patterns_are_told() {
        let stemmer = Stemmer::create(rust_stemmers::Algorithm::English);
        let long = vec!["word"; MAX_PHRASE_WORDS + 1].join(" ");
        let e = compile_term(&long, &stemmer).unwrap_err();
        assert!(e.starts_with("a phrase of 13 words; at most 12"), "{e}");
        assert!(compile_term(&"w".repeat(MAX_TERM_CHARS + 1), &stemmer).is_err());
        for pattern in [
            "\\bwar\\b",
            "(peace|truce)",
            "colou?r",
            "[Hh]ope",
            "negotiat.*",
        ] {
            let told = match compile_term(pattern, &stemmer) {
                Ok(t) => t.warnings[0].clone(),
                Err(e) => e,
            };
            assert!(
                told.contains("looks like a regular expression"),
                "{pattern}: {told}"
            );
        }
        for plain in ["^_^", ":-|", "peace talks", "hope*", "~negotiate", "U.S."] {
            let t = compile_term(plain, &stemmer).unwrap();
            assert!(t.warnings.is_empty(), "{plain}: {:?}", t.warnings);
        }
    }

    fn compile(raw: &str) -> Result<Vec<Element>, String> {
        compile_term(raw, &stemmer_for("en").unwrap()).map(|t| t.elements)
    }

    fn exact(s: &str) -> Element {
        Element::Exact(s.to_string())
    }

    #[test]
    fn each_syntax() {
        assert_eq!(compile("Hope").unwrap(), [exact("hope")]);
        assert_eq!(
            compile("negotiat*").unwrap(),
            [Element::Prefix("negotiat".into())]
        );
        assert_eq!(
            compile("~threatened").unwrap(),
            [Element::Stem("threaten".into())]
        );
        assert_eq!(
            compile("call* for calm").unwrap(),
            [Element::Prefix("call".into()), exact("for"), exact("calm")]
        );
        assert_eq!(
            compile("two-state solution").unwrap(),
            [exact("two"), exact("state"), exact("solution")]
        );
        assert_eq!(compile(":)").unwrap(), [exact(":)")]);
    }

    #[test]
    fn a_stop_phrase_stops_a_term_that_could_begin_inside_it() {
        let stemmer = stemmer_for("en").unwrap();
        let term = |raw: &str| super::super::model::Term {
            text: raw.to_string(),
            weight: 1.0,
            elements: compile(raw).unwrap(),
            line: 1,
        };
        let stops = |stop: &str, terms: &[&str]| {
            let terms: Vec<_> = terms.iter().map(|t| term(t)).collect();
            stops_a_term(
                &compile(stop).unwrap(),
                &terms,
                &mut StemMemo::new(&stemmer),
            )
        };
        assert!(stops("make no mistake", &["mistake"]));
        assert!(stops("make no mistake", &["~mistakes"]));
        assert!(!stops("make no mistake", &["~mistaken"]));
        assert!(stops("make no mistake", &["mist*"]));
        assert!(stops("clean power plan", &["plan to", "power plan"]));
        // A term that begins inside and runs past the stop phrase is stopped there too.
        assert!(stops("need to know", &["know how"]));
        assert!(!stops("make no mistake", &["mistakes", "no deal"]));
        assert!(!stops("need to know", &["to do"]));
        assert!(!stops("clean air", &[]));
    }

    #[test]
    fn refuses_what_cannot_work() {
        assert!(compile("ab*").unwrap_err().contains("at least 3"));
        assert!(compile("~hope*").unwrap_err().contains("not both"));
        assert!(compile("ho*pe").unwrap_err().contains("may only end"));
        assert!(compile("   ").is_err());
        assert!(compile("\u{200B}").unwrap_err().contains("never match"));
        let short = compile_term("war*", &stemmer_for("en").unwrap()).unwrap();
        assert_eq!(short.warnings.len(), 1);
    }
}
