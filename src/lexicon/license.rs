//! What a lexicon's licence allows, as far as its words say: whether it is for non-commercial
//! or research use only, which users must be told before they publish or sell results.

/// The restriction a licence states, if any: `non-commercial use` or `research use`.
pub fn restriction(license: &str) -> Option<&'static str> {
    let l = license.to_lowercase();
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // Creative Commons writes the restriction as NC in the licence's name (CC-BY-NC-4.0).
    let creative_commons_nc = words.first() == Some(&"cc") && words.contains(&"nc");
    let non_commercial = creative_commons_nc
        || l.contains("non-commercial")
        || l.contains("noncommercial")
        || l.contains("non commercial")
        || l.contains("not for commercial");
    if non_commercial {
        return Some("non-commercial use");
    }
    let research_only = ["research", "academic"].iter().any(|w| {
        l.contains(&format!("{w} use only"))
            || l.contains(&format!("{w} purposes only"))
            || l.contains(&format!("for {w} use"))
            || l.contains(&format!("only for {w}"))
    });
    research_only.then_some("research use")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restrictions_are_read_from_the_words_of_a_licence() {
        assert_eq!(restriction("CC-BY-NC-4.0"), Some("non-commercial use"));
        assert_eq!(restriction("CC BY-NC-SA 3.0"), Some("non-commercial use"));
        assert_eq!(
            restriction("Available for non-commercial academic purposes only"),
            Some("non-commercial use")
        );
        assert_eq!(restriction("For research use only"), Some("research use"));
        assert_eq!(
            restriction("licensed for academic purposes only"),
            Some("research use")
        );
        assert_eq!(restriction("CC-BY-4.0"), None);
        assert_eq!(restriction("MIT"), None);
        assert_eq!(restriction("ODbL-1.0"), None);
        assert_eq!(restriction(""), None);
        // `nc` inside another word is no restriction.
        assert_eq!(restriction("Apache-2.0 (incl. sync notes)"), None);
    }
}
