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
    let mut csv = style.table(&dir.join(STORIES), &STORIES_COLUMNS, &["similarity"])?;
    for pair in &matching.pairs {
        let (a, b) = (&articles[pair.a], &articles[pair.b]);
        csv.row([
            pair.story.as_str(),
            &a.id,
            &b.id,
            &a.group,
            &b.group,
            &fixed(pair.similarity, DECIMALS),
        ])?;
    }
    Ok(csv.into_file())
}
