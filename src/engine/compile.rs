//! Compiles loaded lexicons once per run into lookup tables: token patterns and a trie of terms
//! over pattern ids, so matching never rescans text.

use rust_stemmers::Stemmer;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::engine::languages::LanguageScopes;
use crate::engine::modifiers::ModifierTables;
use crate::engine::tool::{ToolSet, ToolTerm};
use crate::lexicon::{glob_matches, Element, Lexicon, Loaded, Matching, Origin, Rules, Scoring};
use crate::text::voice::VoiceCues;

/// Index of a token pattern (one distinct [`Element`]).
pub type PatternId = u32;

/// What the outputs and reports need to know of a lexicon.
#[derive(Debug, Clone)]
pub struct LexiconInfo {
    pub id: String,
    pub name: String,
    pub version: String,
    pub language: String,
    pub description: String,
    pub sha256: String,
    pub origin: Origin,
    pub tone: bool,
    /// Indices into [`LexiconSet::categories`].
    pub categories: std::ops::Range<usize>,
    pub term_count: usize,
    /// How its terms meet a text: framescope's way or a tool's.
    pub matching: Matching,
    pub license: String,
    /// What its categories' columns of `articles.csv` hold.
    pub scoring: Scoring,
}

/// A category, with the lexicon it belongs to.
#[derive(Debug, Clone)]
pub struct CategoryInfo {
    pub lexicon: usize,
    pub name: String,
    /// `LEXICON.CATEGORY`: the column name in wide outputs.
    pub column: String,
    pub description: String,
    pub polarity: i8,
    pub negatable: bool,
    /// Set for the categories of a lexicon scored `logistic`: its column in `articles.csv` is
    /// the probability logistic(intercept + score per 1,000 tokens).
    pub intercept: Option<f64>,
}

/// A term, compiled.
#[derive(Debug, Clone)]
pub struct TermInfo {
    pub text: String,
    pub category: u32,
    pub weight: f64,
    pub len: u32,
    /// Ranks matches of one category that start and end at the same tokens; a stop phrase
    /// outranks every term.
    pub specificity: u32,
    /// A stop phrase: it claims its tokens in its category and counts nothing.
    pub stop: bool,
}

/// Added to a stop phrase's specificity: when a stop phrase and a term match the same tokens, the
/// stop phrase was written to keep that term from counting there, so it must win.
const STOP_PRECEDENCE: u32 = 1 << 20;

/// No child in [`LexiconSet::root_children`] (the root itself is never a child).
const NO_CHILD: u32 = 0;

#[derive(Debug, Default, Clone)]
struct TrieNode {
    /// Sorted by pattern id.
    children: Vec<(PatternId, u32)>,
    terms: Vec<u32>,
}

/// All lexicons of a run, compiled.
pub struct LexiconSet {
    pub lexicons: Vec<LexiconInfo>,
    pub categories: Vec<CategoryInfo>,
    pub terms: Vec<TermInfo>,
    /// The rules in force for each lexicon: its language's rules with its own modifiers.
    pub rules: Vec<Rules>,
    /// The modifier phrases of every lexicon's rules, over word ids.
    pub modifiers: ModifierTables,
    /// Full stops after these do not end sentences (the union over the languages in use).
    pub abbreviations: FxHashSet<String>,
    /// The lexicon whose polar categories make the tone score: the first of the tone lexicons
    /// (one per language).
    pub tone_lexicon: Option<usize>,
    /// The words of who speaks (reporting verbs, roles), from the rules of the languages in use.
    pub voice: VoiceCues,
    /// What applies to the articles of each language.
    pub languages: LanguageScopes,
    /// Elided words of the languages in use (`l'`, `d'`), stripped from the start of tokens.
    pub elisions: Vec<String>,
    /// The lexicons matched as other tools match.
    pub tools: ToolSet,
    exact: FxHashMap<String, PatternId>,
    prefixes: FxHashMap<String, PatternId>,
    /// Shortest and longest prefix term, in characters.
    prefix_min: usize,
    prefix_max: usize,
    /// Patterns with wildcards inside, tried one by one (imported dictionaries only).
    globs: Vec<(String, PatternId)>,
    /// One stem table per language in use, with its stemmer.
    stems: Vec<(Stemmer, FxHashMap<String, PatternId>)>,
    trie: Vec<TrieNode>,
    /// The children of the trie's root by pattern id (most matches start there, and it has a
    /// child for nearly every pattern).
    root_children: Vec<u32>,
}

#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// Only one lexicon per language may make the tone score; the caller says how to select
    /// fewer lexicons.
    #[error("lexicons {first} and {second} both say `tone = true`")]
    TwoToneLexicons { first: String, second: String },
    #[error("no lexicon selected")]
    Empty,
}

impl LexiconSet {
    pub fn compile(loaded: &Loaded) -> Result<Self, CompileError> {
        if loaded.lexicons.is_empty() {
            return Err(CompileError::Empty);
        }
        // Stems serve framescope's matching only; a tool's dictionary needs no stemmer.
        let languages: Vec<&str> = {
            let mut l: Vec<&str> = loaded
                .lexicons
                .iter()
                .filter(|l| !l.matching.is_tool())
                .map(|l| l.language.as_str())
                .collect();
            l.sort();
            l.dedup();
            l
        };
        let mut set = LexiconSet {
            lexicons: Vec::new(),
            categories: Vec::new(),
            terms: Vec::new(),
            rules: Vec::new(),
            modifiers: ModifierTables::compile(&[]),
            abbreviations: Default::default(),
            tone_lexicon: None,
            voice: VoiceCues::default(),
            languages: LanguageScopes::default(),
            elisions: Vec::new(),
            tools: ToolSet::default(),
            exact: FxHashMap::default(),
            prefixes: FxHashMap::default(),
            prefix_min: usize::MAX,
            prefix_max: 0,
            globs: Vec::new(),
            stems: languages
                .iter()
                .map(|l| {
                    (
                        crate::lexicon::stemmer_for(l).expect("language checked at load"),
                        FxHashMap::default(),
                    )
                })
                .collect(),
            trie: vec![TrieNode::default()],
            root_children: Vec::new(),
        };
        let mut patterns = 0u32;
        for (index, lexicon) in loaded.lexicons.iter().enumerate() {
            if lexicon.tone {
                let same_language = loaded.lexicons[..index]
                    .iter()
                    .find(|l| l.tone && l.language == lexicon.language);
                if let Some(previous) = same_language {
                    return Err(CompileError::TwoToneLexicons {
                        first: previous.id.clone(),
                        second: lexicon.id.clone(),
                    });
                }
                set.tone_lexicon = set.tone_lexicon.or(Some(index));
            }
            let rules = loaded.rules[&lexicon.language].with(&lexicon.modifiers);
            set.abbreviations
                .extend(rules.abbreviations.iter().cloned());
            if !set.rules.iter().any(|r| r.language == rules.language) {
                for (list, words) in &rules.voice {
                    // The parser keeps only the lists the voice rules know.
                    set.voice.add_list(list, words);
                }
            }
            set.rules.push(rules);
            match languages.binary_search(&lexicon.language.as_str()) {
                Ok(language) if !lexicon.matching.is_tool() => {
                    set.add_lexicon(index, lexicon, language, &mut patterns)
                }
                _ => set.add_tool_lexicon(index, lexicon),
            }
        }
        set.modifiers = ModifierTables::compile(&set.rules);
        let lexicon_languages: Vec<&str> = loaded
            .lexicons
            .iter()
            .map(|l| l.language.as_str())
            .collect();
        let tone: Vec<bool> = loaded.lexicons.iter().map(|l| l.tone).collect();
        set.languages = LanguageScopes::build(&lexicon_languages, &tone, &set.rules);
        let mut elisions: Vec<String> = set
            .rules
            .iter()
            .flat_map(|r| r.elisions.iter().cloned())
            .collect();
        // Longest first, so that `qu'` is tried before a shorter elision it ends with.
        elisions.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        elisions.dedup();
        set.elisions = elisions;
        set.root_children = vec![NO_CHILD; patterns as usize];
        for &(pattern, child) in &set.trie[Self::ROOT as usize].children {
            set.root_children[pattern as usize] = child;
        }
        Ok(set)
    }

    fn add_lexicon(
        &mut self,
        index: usize,
        lexicon: &Lexicon,
        language: usize,
        patterns: &mut u32,
    ) {
        let first_category = self.categories.len();
        for category in &lexicon.categories {
            let category_index = self.categories.len() as u32;
            self.categories.push(CategoryInfo {
                lexicon: index,
                name: category.name.clone(),
                column: format!("{}.{}", lexicon.id, category.name),
                description: category.description.clone(),
                polarity: category.polarity,
                negatable: category.negatable,
                intercept: category.intercept,
            });
            let stops = category.stop_phrases.iter().map(|t| (t, true));
            for (term, stop) in category.terms.iter().map(|t| (t, false)).chain(stops) {
                let ids: Vec<PatternId> = term
                    .elements
                    .iter()
                    .map(|e| self.pattern(e, language, patterns))
                    .collect();
                let term_index = self.terms.len() as u32;
                let specificity: u32 = term.elements.iter().map(Element::specificity).sum();
                self.terms.push(TermInfo {
                    text: term.text.clone(),
                    category: category_index,
                    weight: term.weight,
                    len: ids.len() as u32,
                    specificity: specificity + if stop { STOP_PRECEDENCE } else { 0 },
                    stop,
                });
                let mut node = 0usize;
                for id in ids {
                    node = self.child(node, id);
                }
                self.trie[node].terms.push(term_index);
            }
        }
        self.push_info(lexicon, first_category);
    }

    fn push_info(&mut self, lexicon: &Lexicon, first_category: usize) {
        self.lexicons.push(LexiconInfo {
            id: lexicon.id.clone(),
            name: lexicon.name.clone(),
            version: lexicon.version.clone(),
            language: lexicon.language.clone(),
            description: lexicon.description.clone(),
            sha256: lexicon.sha256.clone(),
            origin: lexicon.origin.clone(),
            tone: lexicon.tone,
            categories: first_category..self.categories.len(),
            term_count: lexicon.term_count(),
            matching: lexicon.matching,
            license: lexicon.license.clone(),
            scoring: lexicon.scoring,
        });
    }

    /// A lexicon matched as another tool matches: its categories and terms are listed like any
    /// other's, and matched by [`ToolSet`] rather than the trie.
    fn add_tool_lexicon(&mut self, index: usize, lexicon: &Lexicon) {
        let first_category = self.categories.len();
        let mut terms = Vec::new();
        for category in &lexicon.categories {
            let category_index = self.categories.len() as u32;
            self.categories.push(CategoryInfo {
                lexicon: index,
                name: category.name.clone(),
                column: format!("{}.{}", lexicon.id, category.name),
                description: category.description.clone(),
                polarity: category.polarity,
                negatable: category.negatable,
                intercept: category.intercept,
            });
            let stops = category.stop_phrases.iter().map(|t| (t, true));
            for (term, stop) in category.terms.iter().map(|t| (t, false)).chain(stops) {
                let term_index = self.terms.len() as u32;
                let specificity: u32 = term.elements.iter().map(Element::specificity).sum();
                self.terms.push(TermInfo {
                    text: term.text.clone(),
                    category: category_index,
                    weight: term.weight,
                    len: term.elements.len() as u32,
                    specificity: specificity + if stop { STOP_PRECEDENCE } else { 0 },
                    stop,
                });
                terms.push(ToolTerm {
                    term: term_index,
                    category: category_index,
                    elements: term.elements.clone(),
                    stop,
                });
            }
        }
        self.tools.add(index, lexicon.matching, &terms);
        self.push_info(lexicon, first_category);
    }

    fn pattern(&mut self, element: &Element, language: usize, next: &mut u32) -> PatternId {
        let mut fresh = || {
            *next += 1;
            *next - 1
        };
        match element {
            Element::Exact(s) => *self.exact.entry(s.clone()).or_insert_with(&mut fresh),
            Element::Stem(s) => *self.stems[language]
                .1
                .entry(s.clone())
                .or_insert_with(&mut fresh),
            Element::Prefix(s) => {
                let chars = s.chars().count();
                self.prefix_min = self.prefix_min.min(chars);
                self.prefix_max = self.prefix_max.max(chars);
                *self.prefixes.entry(s.clone()).or_insert_with(&mut fresh)
            }
            Element::Glob(g) => match self.globs.iter().find(|(h, _)| h == g) {
                Some(&(_, id)) => id,
                None => {
                    let id = fresh();
                    self.globs.push((g.clone(), id));
                    id
                }
            },
        }
    }

    fn child(&mut self, node: usize, id: PatternId) -> usize {
        match self.trie[node].children.binary_search_by_key(&id, |c| c.0) {
            Ok(i) => self.trie[node].children[i].1 as usize,
            Err(i) => {
                let new = self.trie.len();
                self.trie.push(TrieNode::default());
                self.trie[node].children.insert(i, (id, new as u32));
                new
            }
        }
    }

    /// Every pattern a token with normalised form `norm` satisfies, appended to `out` in
    /// increasing order.
    pub fn patterns_of(&self, norm: &str, out: &mut Vec<PatternId>) {
        let start = out.len();
        if let Some(&id) = self.exact.get(norm) {
            out.push(id);
        }
        for (stemmer, table) in &self.stems {
            if !table.is_empty() {
                if let Some(&id) = table.get(stemmer.stem(norm).as_ref()) {
                    out.push(id);
                }
            }
        }
        if !self.prefixes.is_empty() {
            for (chars, (end, c)) in norm.char_indices().enumerate() {
                let len = chars + 1;
                if len > self.prefix_max {
                    break;
                }
                if len >= self.prefix_min {
                    if let Some(&id) = self.prefixes.get(&norm[..end + c.len_utf8()]) {
                        out.push(id);
                    }
                }
            }
        }
        for (glob, id) in &self.globs {
            if glob_matches(glob, norm) {
                out.push(*id);
            }
        }
        out[start..].sort_unstable();
        let mut kept = start;
        for i in start..out.len() {
            if kept == start || out[i] != out[kept - 1] {
                out[kept] = out[i];
                kept += 1;
            }
        }
        out.truncate(kept);
    }

    pub const ROOT: u32 = 0;

    /// The trie node reached from `node` by a token satisfying `pattern`.
    #[inline]
    pub fn step(&self, node: u32, pattern: PatternId) -> Option<u32> {
        if node == Self::ROOT {
            let child = self
                .root_children
                .get(pattern as usize)
                .copied()
                .unwrap_or(NO_CHILD);
            return (child != NO_CHILD).then_some(child);
        }
        let children = &self.trie[node as usize].children;
        children
            .binary_search_by_key(&pattern, |c| c.0)
            .ok()
            .map(|i| children[i].1)
    }

    /// Does any longer term continue from `node`?
    #[inline]
    pub fn has_children(&self, node: u32) -> bool {
        !self.trie[node as usize].children.is_empty()
    }

    /// Terms that end at `node`.
    #[inline]
    pub fn terms_at(&self, node: u32) -> &[u32] {
        &self.trie[node as usize].terms
    }

    /// Indices of the categories of the tone lexicon, if there is one.
    pub fn tone_categories(&self) -> std::ops::Range<usize> {
        self.tone_lexicon
            .map_or(0..0, |l| self.lexicons[l].categories.clone())
    }

    /// `norm` without an elided word at its start (`l'espoir` is `espoir`), when the rules in use
    /// have elisions and something is left after it.
    pub fn strip_elision(&self, norm: &mut String) {
        if let Some(e) = self
            .elisions
            .iter()
            .find(|e| norm.len() > e.len() && norm.starts_with(e.as_str()))
        {
            norm.drain(..e.len());
        }
    }
}
