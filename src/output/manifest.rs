//! `run.json`: what a run used and produced, so every output can be traced to its inputs, and
//! the settings a later `compare` of the folder needs. Written and read through the same types.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::AtomicFile;
use super::layout::{TableFormat, ARTICLES, RUN_JSON};
use super::tables::{CsvStyle, Evidence};

use crate::corpus::Skipped;
use crate::engine::compile::LexiconSet;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub tool: String,
    pub version: String,
    /// Identifies this run; the outputs listed below belong to it.
    pub run_id: String,
    pub started_at: String,
    pub seconds: f64,
    pub arguments: Vec<String>,
    pub inputs: Vec<String>,
    /// What groups articles for comparisons, if anything.
    #[serde(default)]
    pub group_by: Option<String>,
    /// How the tables were written. Folders written before it was recorded have none; see
    /// [`Manifest::settings_or_legacy`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    pub lexicons: Vec<LexiconEntry>,
    #[serde(default)]
    pub rules: Vec<RulesEntry>,
    #[serde(default)]
    pub articles: u64,
    #[serde(default)]
    pub tokens: u64,
    #[serde(default)]
    pub skipped: Vec<SkippedEntry>,
    #[serde(default)]
    pub warnings: Vec<WarningEntry>,
    #[serde(default)]
    pub outputs: Vec<OutputEntry>,
    #[serde(default)]
    pub exit_code: i32,
    /// Folders inside the inputs that were not read because they hold outputs (this run's
    /// output folder, or one of an earlier run).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded: Vec<String>,
    /// For a folder of comparisons that `compare` wrote apart from the scores it compared: the
    /// folder of those scores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared_from: Option<String>,
}

/// The settings of a run that decide what its tables hold and how they are laid out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Which matches `matches.csv` holds: `all`, `none`, or at most N per article.
    #[serde(with = "evidence_text")]
    pub evidence: Evidence,
    /// The cell delimiter of every CSV output, as one character.
    #[serde(with = "delimiter_text")]
    pub delimiter: u8,
    /// Whether every CSV output starts with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The input fields `articles.csv` carries as they are, after its other columns.
    #[serde(default)]
    pub kept_columns: Vec<String>,
    /// Whether text cells that a spreadsheet would run as formulas start with `'`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inert_formulas: bool,
    /// Whether numbers are written with a decimal comma.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub decimal_comma: bool,
    /// The format of the tables of rows (CSV unless Parquet was asked for).
    #[serde(default, skip_serializing_if = "TableFormat::is_csv")]
    pub format: TableFormat,
}

impl Settings {
    pub fn new(evidence: Evidence, style: CsvStyle) -> Settings {
        Settings {
            evidence,
            delimiter: style.delimiter,
            bom: style.bom,
            kept_columns: Vec::new(),
            inert_formulas: style.inert_formulas,
            decimal_comma: style.decimal_comma,
            format: TableFormat::Csv,
        }
    }

    pub fn style(&self) -> CsvStyle {
        CsvStyle {
            bom: self.bom,
            delimiter: self.delimiter,
            inert_formulas: self.inert_formulas,
            decimal_comma: self.decimal_comma,
        }
    }
}

mod evidence_text {
    use super::Evidence;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(evidence: &Evidence, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&evidence.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Evidence, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

mod delimiter_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(delimiter: &u8, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&char::from(*delimiter).to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
        let text = String::deserialize(d)?;
        match text.as_bytes() {
            [byte] if byte.is_ascii() => Ok(*byte),
            _ => Err(serde::de::Error::custom(format!(
                "the delimiter `{text}` is not one ASCII character"
            ))),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("{path}: {source}")]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a framescope run manifest: {source}")]
    Invalid {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}: does not start with the column `article_id`: not a framescope output")]
    NotOurs { path: PathBuf },
    #[error("{path}: larger than {MAX_MANIFEST_BYTES} bytes: not a framescope run manifest")]
    TooLarge { path: PathBuf },
}

/// A manifest is read up to this size: one of a million articles with a warning each takes
/// about 300 MB, and a file without end (a device) must not be read for ever.
pub const MAX_MANIFEST_BYTES: u64 = 1 << 30;

impl Manifest {
    /// The manifest of the output folder `dir`.
    pub fn read(dir: &Path) -> Result<Manifest, ManifestError> {
        Self::read_file(&dir.join(RUN_JSON))
    }

    /// The manifest in the file at `path`, read up to [`MAX_MANIFEST_BYTES`].
    pub fn read_file(path: &Path) -> Result<Manifest, ManifestError> {
        let unreadable = |source| ManifestError::Unreadable {
            path: path.to_path_buf(),
            source,
        };
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_MANIFEST_BYTES + 1).read_to_end(&mut bytes))
            .map_err(unreadable)?;
        if bytes.len() as u64 > MAX_MANIFEST_BYTES {
            return Err(ManifestError::TooLarge {
                path: path.to_path_buf(),
            });
        }
        serde_json::from_slice(&bytes).map_err(|source| ManifestError::Invalid {
            path: path.to_path_buf(),
            source,
        })
    }

    /// The manifest as the bytes of `run.json`.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes =
            serde_json::to_vec_pretty(self).expect("a manifest always serializes to JSON");
        bytes.push(b'\n');
        bytes
    }

    /// The recorded settings of the output folder `dir`; for a folder written before they were
    /// recorded, what its saved arguments and the first bytes of its `articles.csv` show.
    pub fn settings(&self, dir: &Path) -> Result<Settings, ManifestError> {
        if let Some(settings) = &self.settings {
            return Ok(settings.clone());
        }
        let evidence = match LegacyArguments(&self.arguments).value_of("--evidence") {
            None => Evidence::All,
            // An unreadable value: assume the file holds only some matches.
            Some(text) => text.parse().unwrap_or(Evidence::PerArticle(0)),
        };
        Ok(Settings::new(evidence, legacy_style(&dir.join(ARTICLES))?))
    }

    /// What grouped the articles; for a folder written before it was recorded, what its saved
    /// arguments show.
    pub fn grouping(&self) -> Option<String> {
        self.group_by.clone().or_else(|| {
            LegacyArguments(&self.arguments)
                .value_of("--group-by")
                .map(String::from)
        })
    }
}

/// The byte-order mark and delimiter of a CSV output whose header starts with `article_id`,
/// for folders whose manifest does not record them.
fn legacy_style(path: &Path) -> Result<CsvStyle, ManifestError> {
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map_err(|source| ManifestError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
    let head = &head[..n];
    let (bom, rest) = match head.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, head),
    };
    match rest.strip_prefix(b"article_id") {
        Some([delimiter, ..]) => Ok(CsvStyle {
            bom,
            delimiter: *delimiter,
            ..CsvStyle::default()
        }),
        _ => Err(ManifestError::NotOurs {
            path: path.to_path_buf(),
        }),
    }
}

/// The command line saved by a run that recorded no [`Settings`].
struct LegacyArguments<'a>(&'a [String]);

impl LegacyArguments<'_> {
    /// The value given to `flag` last, as `FLAG VALUE` or `FLAG=VALUE`.
    fn value_of(&self, flag: &str) -> Option<&str> {
        let prefix = format!("{flag}=");
        let arguments = self.0;
        arguments.iter().enumerate().rev().find_map(|(i, a)| {
            if a == flag {
                arguments.get(i + 1).map(String::as_str)
            } else {
                a.strip_prefix(prefix.as_str())
            }
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LexiconEntry {
    pub id: String,
    pub name: String,
    pub version: String,
    pub language: String,
    pub sha256: String,
    /// `embedded` or the path of the file used.
    pub source: String,
    pub categories: Vec<String>,
    /// Categories whose negated hits do not count (so rates and comparisons can be recomputed
    /// from `matches.csv`); not recorded by the first versions.
    #[serde(default)]
    pub negatable: Option<Vec<String>>,
    /// Whether this lexicon makes the tone score; not recorded by the first versions.
    #[serde(default)]
    pub tone: Option<bool>,
    #[serde(default)]
    pub terms: usize,
    /// The licence the lexicon states (empty when it states none); not recorded by the first
    /// versions.
    #[serde(default)]
    pub license: String,
    /// How the lexicon's terms were matched, when not framescope's way (`liwc`, `quanteda`,
    /// `vader`, `afinn`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matching: Option<String>,
    /// For a lexicon written by `framescope learn` (scored `logistic`), each category's
    /// intercept: its column of `articles.csv` is a fitted probability, and comparisons compare
    /// it (`compare` of the folder reads it back, and makes it again for one voice's words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intercepts: Option<BTreeMap<String, f64>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RulesEntry {
    pub language: String,
    pub version: String,
    pub sha256: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SkippedEntry {
    pub origin: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WarningEntry {
    pub article_id: String,
    pub origin: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutputEntry {
    pub file: String,
    pub bytes: u64,
    pub sha256: String,
}

impl From<&Skipped> for SkippedEntry {
    fn from(s: &Skipped) -> Self {
        SkippedEntry {
            origin: s.origin.clone(),
            reason: s.reason.to_string(),
        }
    }
}

pub fn lexicon_entries(set: &LexiconSet) -> (Vec<LexiconEntry>, Vec<RulesEntry>) {
    let lexicons = set
        .lexicons
        .iter()
        .map(|l| LexiconEntry {
            id: l.id.clone(),
            name: l.name.clone(),
            version: l.version.clone(),
            language: l.language.clone(),
            sha256: l.sha256.clone(),
            source: l.origin.to_string(),
            categories: set.categories[l.categories.clone()]
                .iter()
                .map(|c| c.name.clone())
                .collect(),
            negatable: Some(
                set.categories[l.categories.clone()]
                    .iter()
                    .filter(|c| c.negatable)
                    .map(|c| c.name.clone())
                    .collect(),
            ),
            tone: Some(l.tone),
            terms: l.term_count,
            license: l.license.clone(),
            matching: l.matching.is_tool().then(|| l.matching.name().to_string()),
            intercepts: {
                let fitted: BTreeMap<String, f64> = set.categories[l.categories.clone()]
                    .iter()
                    .filter_map(|c| Some((c.name.clone(), c.intercept?)))
                    .collect();
                (!fitted.is_empty()).then_some(fitted)
            },
        })
        .collect();
    let mut rules: Vec<RulesEntry> = Vec::new();
    for r in &set.rules {
        if !rules.iter().any(|e| e.language == r.language) {
            rules.push(RulesEntry {
                language: r.language.clone(),
                version: r.version.clone(),
                sha256: r.sha256.clone(),
                source: r.origin.to_string(),
            });
        }
    }
    (lexicons, rules)
}

/// Size and hash of an output file, as written so far.
pub fn written_entry(file: &AtomicFile) -> OutputEntry {
    let (bytes, sha256) = file.digest();
    let file = file
        .dest()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    OutputEntry {
        file,
        bytes,
        sha256,
    }
}

/// Size and hash of an output file not yet committed (from what was written to it, without
/// reading it back), under its final name relative to the output folder `out` (`articles.csv`,
/// `charts/tone.png`): the manifest can then be committed together with the files it lists.
pub fn pending_output_entry(out: &Path, file: &AtomicFile) -> std::io::Result<OutputEntry> {
    let mut entry = written_entry(file);
    if let Ok(relative) = file.dest().strip_prefix(out) {
        let parts: Vec<_> = relative.iter().map(|p| p.to_string_lossy()).collect();
        entry.file = parts.join("/");
    }
    Ok(entry)
}

/// The outputs that the manifest in `dir` lists (paths relative to `dir`, as it lists them): the
/// files this tool wrote there, which a new run may remove. A folder without a readable
/// manifest lists none.
pub fn previous_outputs(dir: &Path) -> Vec<String> {
    Manifest::read(dir)
        .map(|m| m.outputs.into_iter().map(|o| o.file).collect())
        .unwrap_or_default()
}

/// The outputs listed by the manifests a run left under temporary names when it was killed while
/// it put its outputs in place (its own, and the previous one it had moved aside): outputs of
/// either may be in the folder.
pub fn leftover_outputs(dir: &Path) -> Vec<String> {
    let mut listed: Vec<String> = Vec::new();
    for path in pending_manifests(dir) {
        if let Ok(manifest) = Manifest::read_file(&path) {
            listed.extend(manifest.outputs.into_iter().map(|o| o.file));
        }
    }
    listed
}

/// Manifests that a run left under temporary names, its own and the one it replaced: stopped
/// during its renames, the outputs of both may be in place.
fn pending_manifests(dir: &Path) -> Vec<PathBuf> {
    let prefix = format!(".{RUN_JSON}.tmp-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Seconds since 1970 as an RFC 3339 UTC timestamp.
pub fn rfc3339(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let secs = unix_seconds % 86_400;
    // Civil date from days since the epoch (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + (month <= 2) as i64;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_back_and_older_folders_fall_back_to_their_arguments() {
        let dir = tempfile::tempdir().unwrap();
        // A manifest as the first versions wrote it: no settings, no negatable categories.
        let old = r#"{"tool": "framescope", "version": "0.1.0", "run_id": "x", "started_at": "",
            "seconds": 0.1, "arguments": ["analyze", "in", "--evidence=5", "--group-by", "outlet"],
            "inputs": ["in"], "lexicons": [{"id": "crisis", "name": "Crisis", "version": "1",
            "language": "en", "sha256": "", "source": "embedded", "categories": ["hope"]}]}"#;
        std::fs::write(dir.path().join(RUN_JSON), old).unwrap();
        std::fs::write(dir.path().join(ARTICLES), "\u{feff}article_id;group\n").unwrap();
        let manifest = Manifest::read(dir.path()).unwrap();
        assert_eq!(manifest.lexicons[0].negatable, None);
        assert_eq!(
            manifest.settings(dir.path()).unwrap(),
            Settings {
                evidence: Evidence::PerArticle(5),
                delimiter: b';',
                bom: true,
                kept_columns: Vec::new(),
                inert_formulas: false,
                decimal_comma: false,
                format: TableFormat::Csv,
            }
        );
        assert_eq!(manifest.grouping().as_deref(), Some("outlet"));

        // A manifest written now records its settings, and reads back the same.
        let mut manifest = manifest;
        manifest.settings = Some(Settings {
            evidence: Evidence::None,
            delimiter: b'\t',
            bom: false,
            kept_columns: vec!["date".into()],
            inert_formulas: true,
            decimal_comma: true,
            format: TableFormat::Parquet,
        });
        std::fs::write(dir.path().join(RUN_JSON), manifest.to_json()).unwrap();
        let again = Manifest::read(dir.path()).unwrap();
        assert_eq!(again.settings, manifest.settings);
        assert_eq!(again.settings(dir.path()).unwrap().evidence, Evidence::None);
        // Something that is not a manifest says so.
        std::fs::write(dir.path().join(RUN_JSON), "[1, 2]").unwrap();
        assert!(matches!(
            Manifest::read(dir.path()),
            Err(ManifestError::Invalid { .. })
        ));
    }

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_306_521), "2026-11-22T00:15:21Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
