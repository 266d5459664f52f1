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
/// Every chart name this tool writes starts with one of these (pages after the first add
/// `_2`, `_3`, ...).
const CHART_NAMES: [&str; 6] = [
    FRAMES_CHART,
    HEATMAP_CHART,
    TONE_CHART,
    TONE_ARCS_CHART,
    OVER_TIME_CHART,
    DIFFERENCE_CHART_PREFIX,
];
/// File extensions of charts.
const CHART_EXTENSIONS: [&str; 2] = [".png", ".svg"];

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

/// Removes chart files of an earlier run that this run did not write again (`written` as
/// [`chart_path`] gives them), so the folder never mixes charts of two runs; with no charts
/// drawn, the charts folder goes too when it is left empty.
pub fn remove_stale_charts(out: &Path, written: &[String], charts_drawn: bool) {
    let dir = out.join(CHARTS);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = CHART_NAMES.iter().any(|n| name.starts_with(n))
            && CHART_EXTENSIONS.iter().any(|e| name.ends_with(e));
        if ours && !written.iter().any(|w| *w == chart_path(&name)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    if !charts_drawn {
        let _ = std::fs::remove_dir(&dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_charts_go_and_other_files_stay() {
        let dir = tempfile::tempdir().unwrap();
        let charts = dir.path().join(CHARTS);
        std::fs::create_dir(&charts).unwrap();
        for name in [
            "tone.png",
            "heatmap.svg",
            "difference_a_vs_b.png",
            "mine.png",
            "tone.txt",
        ] {
            std::fs::write(charts.join(name), "x").unwrap();
        }
        remove_stale_charts(dir.path(), &[chart_path("tone.png")], true);
        let mut left: Vec<String> = std::fs::read_dir(&charts)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["mine.png", "tone.png", "tone.txt"]);
    }

    #[test]
    fn an_empty_charts_folder_goes_when_no_chart_is_drawn() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(CHARTS)).unwrap();
        std::fs::write(dir.path().join(CHARTS).join("tone.png"), "x").unwrap();
        remove_stale_charts(dir.path(), &[], false);
        assert!(!dir.path().join(CHARTS).exists());
    }
}
