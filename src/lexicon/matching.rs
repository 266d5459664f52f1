//! How a lexicon's terms meet a text: framescope's own way, or the way of the tool a dictionary
//! came from, so that a dictionary gives the counts its users know. Also the pattern syntax of
//! foreign dictionaries (`word`, `word*`, globs, phrases), compiled to term elements.

use std::fmt;

use super::model::Element;

/// The ways of cutting a text into tokens and matching terms. See docs/dictionaries.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Matching {
    /// framescope's tokens and sentences, stems, negation, intensifiers and contrast.
    #[default]
    Framescope,
    /// LIWC: lower-cased runs of letters, digits and `_`; each word (or phrase) counts in the
    /// categories of the one entry it matches, the most specific; `*` ends a prefix.
    Liwc,
    /// quanteda's dictionary lookup: whitespace tokens without the punctuation at their ends,
    /// lower-cased; glob patterns and phrases; each category counts its own leftmost-longest
    /// matches.
    Quanteda,
    /// VADER's lexicon lookup: whitespace tokens, lower-cased, without the punctuation at their
    /// ends unless two characters or fewer would remain; one token, one entry, as written.
    Vader,
    /// AFINN: the lower-cased text with its whitespace collapsed; at each word boundary the
    /// longest entry that ends at a word boundary, across all categories.
    Afinn,
}

impl Matching {
    pub const ALL: [Matching; 5] = [
        Matching::Framescope,
        Matching::Liwc,
        Matching::Quanteda,
        Matching::Vader,
        Matching::Afinn,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Matching::Framescope => "framescope",
            Matching::Liwc => "liwc",
            Matching::Quanteda => "quanteda",
            Matching::Vader => "vader",
            Matching::Afinn => "afinn",
        }
    }

    pub fn from_name(name: &str) -> Option<Matching> {
        Matching::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Matched as another tool matches: no stems, sentences, negation or intensifiers.
    pub fn is_tool(self) -> bool {
        self != Matching::Framescope
    }

    /// Does a term of several words ever match?
    pub fn matches_phrases(self) -> bool {
        self != Matching::Vader
    }

    /// May a term weigh 0? A tool's dictionary may hold such entries, which count a match and
    /// add nothing to the score (AFINN's `kind of`); framescope's own terms weigh more than 0.
    pub fn allows_zero_weight(self) -> bool {
        self.is_tool()
    }
}

impl fmt::Display for Matching {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Compiles a term of a lexicon matched as a tool matches (not [`Matching::Framescope`], whose
/// terms have their own syntax) into elements: one per whitespace-separated word; a word ending
/// in a single `*` is a prefix, one with other `*` or `?` a glob, any other an exact form. LIWC
/// and quanteda compare lower-cased forms; VADER and AFINN compare the entry as written with the
/// lower-cased text, so an entry with capitals never matches, as in those tools.
pub fn compile_pattern(raw: &str, matching: Matching) -> Result<Vec<Element>, String> {
    let folded = match matching {
        Matching::Vader | Matching::Afinn => raw.to_string(),
        _ => raw.to_lowercase(),
    };
    let mut elements = Vec::new();
    for piece in folded.split_whitespace() {
        let element = match matching {
            Matching::Vader | Matching::Afinn => Element::Exact(piece.to_string()),
            _ => match piece.strip_suffix('*') {
                Some(body) if !body.contains(['*', '?']) => Element::Prefix(body.to_string()),
                _ if piece.contains(['*', '?']) => Element::Glob(piece.to_string()),
                _ => Element::Exact(piece.to_string()),
            },
        };
        elements.push(element);
    }
    if elements.is_empty() {
        return Err("empty entry".to_string());
    }
    Ok(elements)
}

/// The text of an element as a pattern of a foreign dictionary (`word`, `word*`, a glob).
pub fn pattern_text(elements: &[Element]) -> String {
    elements
        .iter()
        .map(|e| match e {
            Element::Exact(s) | Element::Glob(s) => s.clone(),
            Element::Prefix(s) => format!("{s}*"),
            Element::Stem(s) => format!("~{s}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Does `form` match the glob `pattern` as a whole? `*` matches any run of characters (none
/// included), `?` exactly one character.
pub fn glob_matches(pattern: &str, form: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = form.chars().collect();
    // The classic two-pointer match with backtracking to the last `*`: linear in practice.
    let (mut i, mut j) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while j < s.len() {
        if i < p.len() && (p[i] == '?' || p[i] == s[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in Matching::ALL {
            assert_eq!(Matching::from_name(m.name()), Some(m));
        }
        assert_eq!(Matching::from_name(" LIWC "), Some(Matching::Liwc));
        assert_eq!(Matching::from_name("nltk"), None);
    }

    #[test]
    fn patterns_compile_to_exact_prefix_and_glob_elements() {
        let q = |raw| compile_pattern(raw, Matching::Quanteda).unwrap();
        assert_eq!(q("SELL*"), [Element::Prefix("sell".into())]);
        assert_eq!(q("a*"), [Element::Prefix("a".into())]);
        assert_eq!(
            q("South  African*"),
            [
                Element::Exact("south".into()),
                Element::Prefix("african".into())
            ]
        );
        assert_eq!(q("*ing"), [Element::Glob("*ing".into())]);
        assert_eq!(q("colo?r"), [Element::Glob("colo?r".into())]);
        assert_eq!(q("co-operative*"), [Element::Prefix("co-operative".into())]);
        // VADER keeps case and asterisks: `:*` is an emoticon there.
        assert_eq!(
            compile_pattern(":*", Matching::Vader).unwrap(),
            [Element::Exact(":*".into())]
        );
        assert_eq!(
            compile_pattern(":D", Matching::Vader).unwrap(),
            [Element::Exact(":D".into())]
        );
        assert!(compile_pattern("  ", Matching::Liwc).is_err());
        assert_eq!(pattern_text(&q("South African*")), "south african*");
    }

    #[test]
    fn globs_match_whole_forms() {
        assert!(glob_matches("*ing", "sing"));
        assert!(glob_matches("*ing", "ing"));
        assert!(!glob_matches("*ing", "singer"));
        assert!(glob_matches("colo?r", "colour"));
        assert!(!glob_matches("colo?r", "color"));
        assert!(glob_matches("a*b*c", "aXXbYYc"));
        assert!(!glob_matches("a*b*c", "aXXbYY"));
        assert!(glob_matches("*", ""));
        assert!(glob_matches("naï?e", "naïve"));
    }
}
