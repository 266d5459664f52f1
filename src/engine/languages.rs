//! Articles in several languages: an article whose language is known is scored only with the
//! lexicons of that language, cut into sentences with that language's abbreviations, and given
//! its tone by that language's tone lexicon. Built once per run from the compiled lexicons.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon::Rules;

/// What applies to the articles of one language.
#[derive(Debug, Clone)]
pub struct Scope {
    /// Per lexicon: is it applied?
    pub applied: Vec<bool>,
    /// The tone lexicon of the language, if there is one.
    pub tone: Option<usize>,
    pub abbreviations: FxHashSet<String>,
}

/// The scopes of every language that has lexicons in the run.
#[derive(Debug, Clone, Default)]
pub struct LanguageScopes {
    by_language: FxHashMap<String, Scope>,
}

impl LanguageScopes {
    /// `languages[l]` is the language of lexicon `l`, `tone[l]` whether it makes the tone score,
    /// `rules[l]` its rules.
    pub fn build(languages: &[&str], tone: &[bool], rules: &[Rules]) -> LanguageScopes {
        let mut by_language: FxHashMap<String, Scope> = FxHashMap::default();
        for (l, &language) in languages.iter().enumerate() {
            let scope = by_language
                .entry(language.to_string())
                .or_insert_with(|| Scope {
                    applied: vec![false; languages.len()],
                    tone: None,
                    abbreviations: FxHashSet::default(),
                });
            scope.applied[l] = true;
            if tone[l] && scope.tone.is_none() {
                scope.tone = Some(l);
            }
            scope
                .abbreviations
                .extend(rules[l].abbreviations.iter().cloned());
        }
        LanguageScopes { by_language }
    }

    /// The scope of `language` (a code or a name, any case); `None` when it is empty or no
    /// lexicon of the run is in it, and every lexicon then applies.
    pub fn scope(&self, language: &str) -> Option<&Scope> {
        if language.is_empty() {
            return None;
        }
        self.by_language.get(&language_code(language))
    }

    /// Whether the run has lexicons in more than one language.
    pub fn several(&self) -> bool {
        self.by_language.len() > 1
    }

    /// Is `language` one no lexicon of the run is in?
    pub fn is_unknown(&self, language: &str) -> bool {
        !language.is_empty() && !self.by_language.contains_key(&language_code(language))
    }

    /// The languages of the run's lexicons, sorted.
    pub fn languages(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.by_language.keys().map(String::as_str).collect();
        all.sort_unstable();
        all
    }
}

/// The language code an article's language field means: `en` for `en`, `EN`, `en-GB`, `en_US`
/// or `English`; other values lower-cased as they are.
pub fn language_code(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    let primary = lower.split(['-', '_']).next().unwrap_or("");
    let named = match primary {
        "english" => "en",
        "german" | "deutsch" => "de",
        "french" | "français" | "francais" => "fr",
        "spanish" | "español" | "espanol" | "castellano" => "es",
        "italian" | "italiano" => "it",
        "portuguese" | "português" | "portugues" => "pt",
        "dutch" | "nederlands" => "nl",
        "russian" | "русский" => "ru",
        "swedish" | "svenska" => "sv",
        "danish" | "dansk" => "da",
        "norwegian" | "norsk" => "no",
        "finnish" | "suomi" => "fi",
        other => other,
    };
    named.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_fields_are_read_as_codes() {
        assert_eq!(language_code("en-GB"), "en");
        assert_eq!(language_code(" DE "), "de");
        assert_eq!(language_code("pt_BR"), "pt");
        assert_eq!(language_code("Français"), "fr");
        assert_eq!(language_code("tlh"), "tlh");
    }

    #[test]
    fn each_language_applies_its_own_lexicons_and_tone() {
        let rules = |l: &str| {
            let mut r = Rules::none(l);
            r.abbreviations.insert(format!("abbr-{l}"));
            r
        };
        let scopes = LanguageScopes::build(
            &["en", "de", "en"],
            &[false, true, true],
            &[rules("en"), rules("de"), rules("en")],
        );
        let en = scopes.scope("EN-us").unwrap();
        assert_eq!(en.applied, [true, false, true]);
        assert_eq!(en.tone, Some(2));
        assert!(en.abbreviations.contains("abbr-en") && !en.abbreviations.contains("abbr-de"));
        assert_eq!(scopes.scope("deutsch").unwrap().tone, Some(1));
        assert!(scopes.scope("fr").is_none() && scopes.is_unknown("fr"));
        assert!(scopes.scope("").is_none() && !scopes.is_unknown(""));
        assert_eq!(scopes.languages(), ["de", "en"]);
        assert!(scopes.several());
    }
}
