//! `stories.csv`: the pairs of articles story matching found to report one story, with their
//! similarity.

use std::path::Path;

use super::data::ArticleCounts;
use super::stories::Matching;
use crate::output::layout::STORIES;
use crate::output::number::fixed;
use crate::output::tables::{CsvStyle, DECIMALS};
use crate::output::AtomicFile;

/// The columns of `stories.csv`.
pub const STORIES_COLUMNS: [&str; 6] = ["story", "a", "b", "group_a", "group_b", "similarity"];

/// Writes `stories.csv` into `dir`: one row per pair of `matching`, whose indices are those of
/// `articles`.
pub fn write(
    dir: &Path,
    matching: &Matching,
    articles: &[ArticleCounts],
    style: CsvStyle,
) -> std::io::Result<AtomicFile> {
    let mut csv = style.writer(&dir.join(STORIES))?;
    csv.write_record(STORIES_COLUMNS)?;
    for pair in &matching.pairs {
        let (a, b) = (&articles[pair.a], &articles[pair.b]);
        csv.write_record([
            pair.story.as_str(),
            &a.id,
            &b.id,
            &a.group,
            &b.group,
            &fixed(pair.similarity, DECIMALS),
        ])?;
    }
    csv.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}
