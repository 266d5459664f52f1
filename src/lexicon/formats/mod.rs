//! Dictionaries in the formats researchers bring from other tools: LIWC `.dic`, WordStat `.cat`,
//! Lexicoder `.lc3`, quanteda-style YAML, and word lists with or without scores (VADER, AFINN).
//! Each reader yields the same [`Lexicon`] model as framescope's TOML files, with every entry it
//! could not carry over reported at its line; [`detect`] tells the formats apart.

mod build;
mod cat;
mod detect;
mod dic;
mod lc3;
mod text;
mod wordlist;
mod yaml;

use std::fmt;
use std::path::Path;

pub use encoding_rs::Encoding;

use super::matching::Matching;
use super::model::{Lexicon, Origin};
use super::parse::{sha256_bytes, Parsed};
use super::Diagnostic;

pub use detect::{detect, looks_like_dictionary_path};
pub use text::encoding_for;

/// The formats a lexicon file may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// framescope's own TOML.
    Toml,
    /// LIWC (2001, 2007, 2015): `%`, numbered categories, `%`, then words with their numbers.
    Dic,
    /// WordStat: categories and words indented by tabs, words with a weight in parentheses.
    Cat,
    /// Lexicoder: `+category` lines, each followed by its words.
    Lc3,
    /// quanteda-style YAML: categories (nested or not) mapped to lists of words.
    Yaml,
    /// VADER's lexicon: token, mean valence, standard deviation and the ratings, tab-separated.
    Vader,
    /// AFINN: a word or phrase and an integer score, tab-separated.
    Afinn,
    /// A list of words, one a line, each optionally followed by a score.
    Words,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Toml,
        Format::Dic,
        Format::Cat,
        Format::Lc3,
        Format::Yaml,
        Format::Vader,
        Format::Afinn,
        Format::Words,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Dic => "dic",
            Format::Cat => "cat",
            Format::Lc3 => "lc3",
            Format::Yaml => "yaml",
            Format::Vader => "vader",
            Format::Afinn => "afinn",
            Format::Words => "words",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        let name = match name.as_str() {
            "yml" => "yaml",
            "liwc" => "dic",
            "wordstat" => "cat",
            "lexicoder" => "lc3",
            "wordlist" | "txt" => "words",
            other => other,
        };
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// What the format is, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Toml => "a framescope lexicon (TOML)",
            Format::Dic => "a LIWC dictionary (.dic)",
            Format::Cat => "a WordStat dictionary (.cat)",
            Format::Lc3 => "a Lexicoder dictionary (.lc3)",
            Format::Yaml => "a YAML dictionary",
            Format::Vader => "a VADER lexicon",
            Format::Afinn => "an AFINN word list",
            Format::Words => "a word list",
        }
    }

    /// How a dictionary of this format is matched unless told otherwise: as the tool its users
    /// know counts with it.
    pub fn default_matching(self) -> Matching {
        match self {
            Format::Toml => Matching::Framescope,
            Format::Dic => Matching::Liwc,
            Format::Cat | Format::Lc3 | Format::Yaml | Format::Words => Matching::Quanteda,
            Format::Vader => Matching::Vader,
            Format::Afinn => Matching::Afinn,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How to read dictionaries in other formats; what the file itself cannot say.
#[derive(Debug, Clone, Default)]
pub struct ForeignOptions {
    /// The format, instead of detecting it.
    pub format: Option<Format>,
    /// How to match, instead of the format's usual way.
    pub matching: Option<Matching>,
    /// The file's encoding, instead of UTF-8 or a recognised legacy one.
    pub encoding: Option<&'static Encoding>,
    /// The language of the words [default: en].
    pub language: Option<String>,
    /// The lexicon's id [default: from the file name].
    pub id: Option<String>,
    /// For word lists: the category of every word (one name), or of the positive and the
    /// negative ones (two) [default: `positive` and `negative` for scores, the file name for
    /// plain lists].
    pub categories: Vec<String>,
    /// The licence, which the file cannot carry.
    pub license: Option<String>,
}

/// Reads a dictionary in `format` (not TOML) into the model. Entries that cannot be carried
/// over are warnings at their lines; the lexicon is kept unless something stops the whole file.
pub fn read_foreign(
    bytes: &[u8],
    path: &Path,
    label: &str,
    format: Format,
    options: &ForeignOptions,
) -> Parsed<Lexicon> {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| label.to_string());
    let matching = options.matching.unwrap_or(format.default_matching());
    let decoded = match text::decode(bytes, options.encoding, label) {
        Ok(d) => d,
        Err(e) => {
            return Parsed {
                value: None,
                diagnostics: vec![e],
            }
        }
    };
    let mut draft = build::Draft::new(label, format, matching);
    if let Some(note) = &decoded.note {
        draft.warn(1, 1, note.clone());
    }
    let lines = text::lines(&decoded.text);
    match format {
        Format::Dic => dic::read(&lines, &mut draft),
        Format::Cat => cat::read(&lines, &mut draft),
        Format::Lc3 => lc3::read(&lines, &mut draft),
        Format::Yaml => yaml::read(&decoded.text, &mut draft),
        Format::Vader | Format::Afinn | Format::Words => {
            wordlist::read(&lines, format, &options.categories, &file, &mut draft)
        }
        Format::Toml => draft.error(1, 1, "a TOML lexicon is not read here"),
    }
    let meta = build::Meta {
        id: options.id.clone().unwrap_or_else(|| id_from_file(path)),
        language: options.language.clone().unwrap_or_else(|| "en".to_string()),
        license: options.license.clone().unwrap_or_default(),
        file,
        sha256: sha256_bytes(bytes),
        encoding: decoded.encoding,
        origin: Origin::File(path.to_path_buf()),
    };
    build::finish(draft, meta)
}

/// The id a dictionary's file name gives it: its stem in lower case, with `_` for anything but
/// letters and digits (`laver-garry.cat` is `laver_garry`).
pub fn id_from_file(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '_'
            }
        })
        .collect();
    if id.is_empty() {
        id.push_str("dictionary");
    }
    id
}

/// Problems that stop a file: any error among `diagnostics`.
pub fn errors_in(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == super::Severity::Error)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_file_names() {
        assert_eq!(
            id_from_file(Path::new("dir/laver-garry.cat")),
            "laver_garry"
        );
        assert_eq!(id_from_file(Path::new("AFINN-en-165.txt")), "afinn_en_165");
        assert_eq!(id_from_file(Path::new("mary.dic")), "mary");
    }

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
        assert_eq!(Format::from_name("YML"), Some(Format::Yaml));
        assert_eq!(Format::from_name("wordstat"), Some(Format::Cat));
        assert_eq!(Format::from_name("xml"), None);
    }
}
