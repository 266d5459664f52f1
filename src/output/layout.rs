//! The output folder's layout: the name of every file and folder a run writes there, and the
//! clean-up of what an earlier or interrupted run left behind. Writers and readers take names
//! from here alone.

use std::path::Path;

/// The run manifest, renamed into place last: it lists the other outputs of its run.
pub const RUN_JSON: &str = "run.json";
/// One row per article.
pub const ARTICLES: &str = "articles.csv";
/// One row per article and category.
pub const FRAMES: &str = "frames.csv";
/// One row per sentence.
pub const SENTENCES: &str = "sentences.csv";
/// One row per match: the evidence trail.
pub const MATCHES: &str = "matches.csv";
/// One row per article and speaker: who is quoted.
pub const SOURCES: &str = "sources.csv";
/// One row per group and source: whom each group quotes.
pub const SOURCE_GROUPS: &str = "sources_by_group.csv";
/// One row per comparison and category.
pub const COMPARISON: &str = "comparison.csv";
/// The terms that tell the sides of each comparison apart.
pub const KEYNESS: &str = "keyness.csv";
/// Profile similarity and dominant frames per comparison.
pub const SIMILARITY: &str = "similarity.csv";
/// The comparisons in words.
pub const SUMMARY: &str = "summary.md";
/// The articles of different groups found to report one story, when story matching is asked for.
pub const STORIES: &str = "stories.csv";
/// The lock a run holds on the folder while it writes there (hidden, and removed when it ends).
pub const LOCK: &str = ".framescope.lock";

/// The tables of scores that `analyze` writes and `compare` reads back; every other output is
/// written by both (comparisons, summary, charts).
pub const SCORE_TABLES: [&str; 4] = [ARTICLES, FRAMES, SENTENCES, MATCHES];

/// Every table of rows that `analyze` alone writes: the scores and who is quoted.
const ROW_TABLES: [&str; 6] = [ARTICLES, FRAMES, SENTENCES, MATCHES, SOURCES, SOURCE_GROUPS];

/// Whether `file` (a path relative to the output folder, as run.json lists it) is written by
/// `compare` as well as by `analyze`: anything but the tables of rows (in either format) and
/// the manifest.
pub fn is_comparison_output(file: &str) -> bool {
    let parquet = |t: &&str| TableFormat::Parquet.file(t) == file;
    file != RUN_JSON && !ROW_TABLES.contains(&file) && !ROW_TABLES.iter().any(parquet)
}

/// The file format of the tables of rows (`articles`, `frames`, `sentences`, `matches`,
/// `sources`, `sources_by_group`); the comparison files are CSV whatever it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TableFormat {
    #[default]
    Csv,
    /// Typed columns, dictionary-encoded and compressed, one file per table.
    Parquet,
}

impl TableFormat {
    /// The name of the table whose CSV name is `csv` (`articles.csv`) in this format.
    pub fn file(self, csv: &str) -> String {
        match self {
            TableFormat::Csv => csv.to_string(),
            TableFormat::Parquet => format!("{}.parquet", csv.strip_suffix(".csv").unwrap_or(csv)),
        }
    }

    pub fn is_csv(&self) -> bool {
        *self == TableFormat::Csv
    }

    pub fn name(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::Parquet => "parquet",
        }
    }
}

/// Frame rates and tone by group and week or month, when articles have dates.
pub const TIMESERIES: &str = "timeseries.csv";
/// The report of a run in one HTML file.
pub const REPORT: &str = "report.html";

/// Charts go into this folder of the output folder.
pub const CHARTS: &str = "charts";
/// The chart of frame rates per article or group.
pub const FRAMES_CHART: &str = "frames";
/// The heatmap of units by categories.
pub const HEATMAP_CHART: &str = "heatmap";
/// Tone with intervals.
pub const TONE_CHART: &str = "tone";
/// Tone sentence by sentence.
pub const TONE_ARCS_CHART: &str = "tone_arcs";
/// Frame rates and tone by group over time.
pub const OVER_TIME_CHART: &str = "over_time";
/// Difference charts are named this, then the sides.
pub const DIFFERENCE_CHART_PREFIX: &str = "difference_";
/// The path of a chart file relative to the output folder, as run.json and summary.md list it.
pub fn chart_path(file: &str) -> String {
    format!("{CHARTS}/{file}")
}

/// Removes temporary files that an interrupted earlier run left in `out` and in its charts
/// folder.
pub fn remove_stale_temporaries(out: &Path) {
    super::atomic::remove_stale_temporaries(out);
    super::atomic::remove_stale_temporaries(&out.join(CHARTS));
}

/// The file at `listed` (a path relative to `out`, as run.json lists it) when it is one this tool
/// could have written there: a plain relative path of at most two parts (`articles.csv`,
/// `charts/tone.png`), no part hidden or leading out of the folder. A hand-edited manifest can
/// make nothing else go.
pub fn listed_output(out: &Path, listed: &str) -> Option<std::path::PathBuf> {
    let parts: Vec<&str> = listed.split('/').collect();
    let plain = |p: &&str| {
        !p.is_empty()
            && !p.starts_with('.')
            && !p.contains('\\')
            && Path::new(p).file_name() == Some(p.as_ref())
    };
    let fits = match parts.as_slice() {
        [name] => plain(name) && *name != RUN_JSON,
        [folder, name] => *folder == CHARTS && plain(name),
        _ => false,
    };
    fits.then(|| parts.iter().fold(out.to_path_buf(), |path, p| path.join(p)))
}

/// Removes the outputs an earlier run listed (`previous`, relative to `out`) that this run did
/// not write again (`written`), so the folder never mixes the outputs of two runs; only files
/// a manifest says this tool wrote are touched, never a file of the user's. The charts folder
/// goes too when that leaves it empty.
pub fn remove_obsolete(out: &Path, previous: &[String], written: &[String]) {
    for listed in previous {
        if written.contains(listed) {
            continue;
        }
        if let Some(path) = listed_output(out, listed) {
            let _ = std::fs::remove_file(path);
        }
    }
    // Only when empty: a folder the user keeps files in stays.
    let _ = std::fs::remove_dir(out.join(CHARTS));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_outputs_go_and_files_of_the_user_stay() {
        let dir = tempfile::tempdir().unwrap();
        let charts = dir.path().join(CHARTS);
        std::fs::create_dir(&charts).unwrap();
        for name in [
            "tone.png",
            "difference_a_vs_b.png",
            "mine.png",
            "difference_x.png",
        ] {
            std::fs::write(charts.join(name), "x").unwrap();
        }
        std::fs::write(dir.path().join("keyness.csv"), "x").unwrap();
        let previous = [
            chart_path("tone.png"),
            chart_path("difference_a_vs_b.png"),
            "keyness.csv".to_string(),
            "../outside.csv".to_string(),
            ".hidden".to_string(),
            "charts/../../x".to_string(),
        ];
        remove_obsolete(dir.path(), &previous, &[chart_path("tone.png")]);
        let mut left: Vec<String> = std::fs::read_dir(&charts)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        // The user's own chart-like file was never listed: it stays.
        assert_eq!(left, ["difference_x.png", "mine.png", "tone.png"]);
        assert!(!dir.path().join("keyness.csv").exists());
    }

    #[test]
    fn tables_of_rows_in_either_format_are_not_comparison_outputs() {
        for table in ROW_TABLES {
            assert!(!is_comparison_output(table), "{table}");
            assert!(!is_comparison_output(&TableFormat::Parquet.file(table)));
        }
        assert_eq!(TableFormat::Parquet.file(MATCHES), "matches.parquet");
        assert!(is_comparison_output(COMPARISON));
        assert!(is_comparison_output(&chart_path("tone.png")));
        assert!(!is_comparison_output(RUN_JSON));
    }

    #[test]
    fn an_empty_charts_folder_goes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(CHARTS)).unwrap();
        std::fs::write(dir.path().join(CHARTS).join("tone.png"), "x").unwrap();
        remove_obsolete(dir.path(), &[chart_path("tone.png")], &[]);
        assert!(!dir.path().join(CHARTS).exists());
    }

    #[test]
    fn listed_outputs_stay_inside_the_folder() {
        let out = Path::new("o");
        assert_eq!(
            listed_output(out, "articles.csv"),
            Some(out.join("articles.csv"))
        );
        assert_eq!(
            listed_output(out, "charts/tone.png"),
            Some(out.join("charts").join("tone.png"))
        );
        for bad in [
            "",
            "run.json",
            "../a.csv",
            "/etc/passwd",
            "a/b.csv",
            "charts/.x",
            "charts/",
        ] {
            assert_eq!(listed_output(out, bad), None, "{bad}");
        }
    }
}
