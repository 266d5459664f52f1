//! Finds lexicon and rules files: embedded in the binary, overridden by `./lexicons/`, or named
//! by path. The only part of the lexicon module that touches the filesystem.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, Severity};
use super::formats::{self, ForeignOptions, Format};
use super::model::{Lexicon, Origin, Rules};
use super::parse::{parse_lexicon, parse_rules, Parsed, SourceFile};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_lexicons.rs"));
}

/// Lexicons ready for compilation, the rules of each language they use, and any warnings.
#[derive(Debug)]
pub struct Loaded {
    pub lexicons: Vec<Lexicon>,
    pub rules: BTreeMap<String, Rules>,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{} problem(s) in lexicon files:\n{}", .0.len(), join_lines(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("no lexicon `{id}`: available are {}; or give a path to a .toml file", .available.join(", "))]
    UnknownId { id: String, available: Vec<String> },
    #[error("no rules for language `{language}`: add lexicons/rules/{language}.toml")]
    NoRules { language: String },
}

fn join_lines(d: &[Diagnostic]) -> String {
    d.iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where to look for lexicon files besides the embedded ones, and how to read files in other
/// tools' formats.
#[derive(Debug, Clone)]
pub struct LexiconDir {
    dir: Option<PathBuf>,
    foreign: ForeignOptions,
}

impl LexiconDir {
    /// `./lexicons` relative to the working directory.
    pub fn working() -> Self {
        LexiconDir::at("lexicons")
    }

    /// A folder of lexicon files that override the embedded ones.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        LexiconDir {
            dir: Some(path.into()),
            foreign: ForeignOptions::default(),
        }
    }

    /// Only the embedded lexicons.
    pub fn embedded_only() -> Self {
        LexiconDir {
            dir: None,
            foreign: ForeignOptions::default(),
        }
    }

    /// The same, reading dictionaries of other formats as `foreign` says.
    pub fn reading(self, foreign: ForeignOptions) -> Self {
        LexiconDir { foreign, ..self }
    }

    /// How dictionaries of other formats are read.
    pub fn foreign(&self) -> &ForeignOptions {
        &self.foreign
    }

    fn local_file(&self, relative: &str) -> Option<PathBuf> {
        self.dir
            .as_ref()
            .map(|d| d.join(relative))
            .filter(|p| p.is_file())
    }

    fn local_ids(&self) -> Vec<String> {
        let Some(Ok(entries)) = self.dir.as_ref().map(std::fs::read_dir) else {
            return Vec::new();
        };
        let mut ids: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        ids.sort();
        ids
    }

    /// Every lexicon id available: embedded or local, sorted.
    pub fn available_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = embedded::LEXICONS
            .iter()
            .map(|(id, _, _)| id.to_string())
            .collect();
        ids.extend(self.local_ids());
        ids.sort();
        ids.dedup();
        ids
    }

    /// The source of lexicon `id`: the local file if there is one, else the embedded copy.
    pub fn lexicon_source(&self, id: &str) -> Result<SourceFile, LoadError> {
        if let Some(local) = self.local_file(&format!("{id}.toml")) {
            return read_file(&local);
        }
        embedded::LEXICONS
            .iter()
            .find(|(eid, _, _)| *eid == id)
            .map(|(_, file, text)| SourceFile {
                label: format!("embedded:lexicons/{file}"),
                text: text.to_string(),
                origin: Origin::Embedded,
            })
            .ok_or_else(|| LoadError::UnknownId {
                id: id.to_string(),
                available: self.available_ids(),
            })
    }

    /// The source of the rules for `language`.
    pub fn rules_source(&self, language: &str) -> Result<SourceFile, LoadError> {
        if let Some(local) = self.local_file(&format!("rules/{language}.toml")) {
            return read_file(&local);
        }
        embedded::RULES
            .iter()
            .find(|(lang, _, _)| *lang == language)
            .map(|(_, file, text)| SourceFile {
                label: format!("embedded:lexicons/rules/{file}"),
                text: text.to_string(),
                origin: Origin::Embedded,
            })
            .ok_or_else(|| LoadError::NoRules {
                language: language.to_string(),
            })
    }
}

/// Lexicon and rules files are read up to this size: the shipped ones take a few dozen
/// kilobytes, and a device or a pipe that never ends (`/dev/zero`) must not be read for ever.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads a lexicon or rules file, up to [`MAX_FILE_BYTES`]. A file that cannot be read, is too
/// large, or is not UTF-8, is a located problem like any other in it.
pub fn read_file(path: &Path) -> Result<SourceFile, LoadError> {
    source_file(path, read_bytes(path)?)
}

/// A problem at the start of the file `path`.
fn file_problem(path: &Path, message: String) -> LoadError {
    LoadError::Invalid(vec![Diagnostic {
        path: path.display().to_string(),
        line: 1,
        col: 1,
        severity: Severity::Error,
        message,
    }])
}

/// The bytes of the file at `path`, up to [`MAX_FILE_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| file_problem(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(file_problem(
            path,
            format!("larger than {MAX_FILE_BYTES} bytes: not a lexicon file"),
        ));
    }
    Ok(bytes)
}

/// The text of the file at `path`, read as `bytes`, which must be UTF-8.
fn source_file(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, LoadError> {
    let label = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LoadError::Invalid(vec![Diagnostic {
            path: label.clone(),
            line,
            col,
            severity: Severity::Error,
            message: "not UTF-8 (an invalid byte here); save the file as UTF-8".into(),
        }])
    })?;
    Ok(SourceFile {
        label,
        text,
        origin: Origin::File(path.to_path_buf()),
    })
}

/// Collects the located problems of `result` into `diagnostics`; other errors stop at once.
fn collect<T>(
    result: Result<T, LoadError>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<T>, LoadError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(LoadError::Invalid(found)) => {
            diagnostics.extend(found);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Is this selection a path rather than an id? A path has a folder or the extension of a
/// dictionary format (`.toml`, `.dic`, `.cat`, `.txt`, ...).
pub fn is_path(selection: &str) -> bool {
    formats::looks_like_dictionary_path(selection)
}

/// The id a lexicon file's name gives it.
pub fn id_from_path(path: &Path) -> Option<String> {
    path.file_stem().map(|s| s.to_string_lossy().into_owned())
}

/// Loads the selected lexicons (ids or paths; all available when empty) and their rules. Every
/// file is read and checked before failing, so all problems are reported at once.
pub fn load(selection: &[String], dir: &LexiconDir) -> Result<Loaded, LoadError> {
    load_with(selection, dir, dir.foreign())
}

/// Like [`load`], reading files in other tools' formats as `foreign` says.
pub fn load_with(
    selection: &[String],
    dir: &LexiconDir,
    foreign: &ForeignOptions,
) -> Result<Loaded, LoadError> {
    let chosen: Vec<String> = if selection.is_empty() {
        dir.available_ids()
    } else {
        selection.to_vec()
    };
    let mut diagnostics = Vec::new();
    let mut lexicons = Vec::new();
    for s in &chosen {
        let parsed = if is_path(s) {
            read_lexicon_path(Path::new(s), foreign)
        } else {
            dir.lexicon_source(s)
                .map(|source| parse_lexicon(&source, Some(s)))
        };
        let Some(parsed) = collect(parsed, &mut diagnostics)? else {
            continue;
        };
        diagnostics.extend(parsed.diagnostics);
        lexicons.extend(parsed.value);
    }
    let mut rules = BTreeMap::new();
    for lexicon in &lexicons {
        if rules.contains_key(&lexicon.language) {
            continue;
        }
        let source = match dir.rules_source(&lexicon.language) {
            Err(LoadError::NoRules { language }) => {
                // Without rules a lexicon still counts; only framescope's matching uses them.
                if !lexicon.matching.is_tool() {
                    diagnostics.push(Diagnostic {
                        path: lexicon.origin.to_string(),
                        line: 1,
                        col: 1,
                        severity: Severity::Warning,
                        message: format!(
                            "no rules for language `{language}`: negation, intensifiers and \
                             contrast are not applied; add lexicons/rules/{language}.toml"
                        ),
                    });
                }
                rules.insert(language.clone(), Rules::none(&language));
                continue;
            }
            other => other,
        };
        let Some(source) = collect(source, &mut diagnostics)? else {
            continue;
        };
        let parsed = parse_rules(&source);
        diagnostics.extend(parsed.diagnostics);
        if let Some(r) = parsed.value {
            rules.insert(lexicon.language.clone(), r);
        }
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        diagnostics.retain(|d| d.severity == Severity::Error);
        return Err(LoadError::Invalid(diagnostics));
    }
    let mut seen = std::collections::HashSet::new();
    for l in &lexicons {
        if !seen.insert(l.id.clone()) {
            return Err(LoadError::Invalid(vec![Diagnostic {
                path: l.origin.to_string(),
                line: 1,
                col: 1,
                severity: Severity::Error,
                message: format!("lexicon `{}` is selected twice", l.id),
            }]));
        }
    }
    Ok(Loaded {
        lexicons,
        rules,
        warnings: diagnostics,
    })
}

/// Reads the lexicon file at `path` in whatever format it has: framescope's TOML (whose id must
/// be its file name) or another tool's dictionary.
pub fn read_lexicon_path(
    path: &Path,
    foreign: &ForeignOptions,
) -> Result<Parsed<Lexicon>, LoadError> {
    let label = path.display().to_string();
    let bytes = read_bytes(path)?;
    let format =
        formats::detect(path, &bytes, foreign.format).map_err(|d| LoadError::Invalid(vec![d]))?;
    if format == Format::Toml {
        let source = source_file(path, bytes)?;
        return Ok(parse_lexicon(&source, id_from_path(path).as_deref()));
    }
    Ok(formats::read_foreign(&bytes, path, &label, format, foreign))
}

/// Checks files: each path is a lexicon, or a rules file when it sits in a `rules` folder. With no
/// path, checks every available lexicon and the rules of their languages. Returns all diagnostics.
pub fn check(paths: &[PathBuf], dir: &LexiconDir) -> Result<Vec<Diagnostic>, LoadError> {
    check_with(paths, dir, dir.foreign())
}

/// Like [`check`], reading files in other tools' formats as `foreign` says: every entry that
/// cannot be carried over is a warning at its line.
pub fn check_with(
    paths: &[PathBuf],
    dir: &LexiconDir,
    foreign: &ForeignOptions,
) -> Result<Vec<Diagnostic>, LoadError> {
    let mut diagnostics = Vec::new();
    if paths.is_empty() {
        let mut languages = std::collections::BTreeSet::new();
        for id in dir.available_ids() {
            let Some(source) = collect(dir.lexicon_source(&id), &mut diagnostics)? else {
                continue;
            };
            let parsed = parse_lexicon(&source, Some(&id));
            languages.extend(parsed.value.as_ref().map(|l| l.language.clone()));
            diagnostics.extend(parsed.diagnostics);
        }
        for language in languages {
            if let Some(source) = collect(dir.rules_source(&language), &mut diagnostics)? {
                diagnostics.extend(parse_rules(&source).diagnostics);
            }
        }
    } else {
        for path in paths {
            let in_rules_dir = path
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|n| n == "rules");
            if in_rules_dir {
                if let Some(source) = collect(read_file(path), &mut diagnostics)? {
                    diagnostics.extend(parse_rules(&source).diagnostics);
                }
            } else if let Some(parsed) =
                collect(read_lexicon_path(path, foreign), &mut diagnostics)?
            {
                diagnostics.extend(parsed.diagnostics);
            }
        }
    }
    Ok(diagnostics)
}
