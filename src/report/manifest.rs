//! `run.json`: what a run used and produced, so every output can be traced to its inputs.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::atomic::AtomicFile;

use crate::compile::LexiconSet;
use crate::corpus::Skipped;

#[derive(Debug, Serialize)]
pub struct Manifest {
    pub tool: &'static str,
    pub version: &'static str,
    /// Identifies this run; the outputs listed below belong to it.
    pub run_id: String,
    pub started_at: String,
    pub seconds: f64,
    pub arguments: Vec<String>,
    pub inputs: Vec<String>,
    /// What groups articles for comparisons (`--group-by`), if anything.
    pub group_by: Option<String>,
    pub lexicons: Vec<LexiconEntry>,
    pub rules: Vec<RulesEntry>,
    pub articles: u64,
    pub tokens: u64,
    pub skipped: Vec<SkippedEntry>,
    pub warnings: Vec<WarningEntry>,
    pub outputs: Vec<OutputEntry>,
    pub exit_code: i32,
}

#[derive(Debug, Serialize)]
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
    /// from `matches.csv`).
    pub negatable: Vec<String>,
    /// Whether this lexicon makes the tone score.
    pub tone: bool,
    pub terms: usize,
}

#[derive(Debug, Serialize)]
pub struct RulesEntry {
    pub language: String,
    pub version: String,
    pub sha256: String,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct SkippedEntry {
    pub origin: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct WarningEntry {
    pub article_id: String,
    pub origin: String,
    pub message: String,
}

#[derive(Debug, Serialize)]
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
            negatable: set.categories[l.categories.clone()]
                .iter()
                .filter(|c| c.negatable)
                .map(|c| c.name.clone())
                .collect(),
            tone: l.tone,
            terms: l.term_count,
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

/// The files that the manifest in `dir` lists as outputs of its run (plain file names only), so
/// that a new run can remove those it does not replace.
pub fn previous_outputs(dir: &Path, manifest_name: &str) -> Vec<PathBuf> {
    let Ok(text) = std::fs::read_to_string(dir.join(manifest_name)) else {
        return Vec::new();
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let Some(outputs) = value.get("outputs").and_then(|o| o.as_array()) else {
        return Vec::new();
    };
    outputs
        .iter()
        .filter_map(|o| o.get("file")?.as_str())
        .filter(|name| {
            let plain = Path::new(name).file_name().and_then(|n| n.to_str()) == Some(name);
            plain && !name.starts_with('.') && *name != manifest_name
        })
        .map(|name| dir.join(name))
        .collect()
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
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_306_521), "2026-11-22T00:15:21Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
