//! Term syntax: `word`, `word*`, `~word` and phrases of them, compiled to token elements with the
//! same analyser that reads articles, so terms and text always agree.

use rust_stemmers::Stemmer;

use super::model::Element;
use crate::text::{normalize, tokenize, TokenKind};

/// Prefixes shorter than this are refused: they would match most of the language.
pub const MIN_PREFIX: usize = 3;
/// Prefixes shorter than this get a warning.
pub const SHORT_PREFIX: usize = 4;

/// A term compiled to elements, with any warnings about it.
#[derive(Debug)]
pub struct CompiledTerm {
    pub elements: Vec<Element>,
    pub warnings: Vec<String>,
}

/// Compiles the term `raw`, or says why it cannot be used.
pub fn compile_term(raw: &str, stemmer: &Stemmer) -> Result<CompiledTerm, String> {
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
    Ok(CompiledTerm { elements, warnings })
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
