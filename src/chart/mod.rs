//! Charts of a comparison run: frame rates (`frames`), a heatmap, tone with intervals, tone arcs
//! and one difference chart per comparison. Each chart is built as a [`scene::Scene`] and
//! rendered to PNG or SVG bytes; nothing here touches the filesystem.

pub mod difference;
pub mod fonts;
pub mod frames;
pub mod heatmap;
pub mod layout;
pub mod scene;
pub mod tone;

use std::collections::HashSet;

use crate::compare::engine::Report;
pub use scene::{RenderError, Scene};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Png,
    Svg,
}

impl ChartFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ChartFormat::Png => "png",
            ChartFormat::Svg => "svg",
        }
    }
}

/// Difference charts are drawn for at most this many comparisons.
pub const MAX_DIFFERENCE_CHARTS: usize = 45;

/// A chart: its file name, what it shows, and its scene.
pub struct Chart {
    pub name: String,
    pub description: String,
    pub scene: Scene,
}

impl Chart {
    pub fn file(&self, format: ChartFormat) -> String {
        format!("{}.{}", self.name, format.extension())
    }

    pub fn render(&self, format: ChartFormat) -> Result<Vec<u8>, RenderError> {
        match format {
            ChartFormat::Png => scene::png(&self.scene),
            ChartFormat::Svg => scene::svg(&self.scene),
        }
    }
}

/// Every chart of a report, in a stable order.
pub fn charts(report: &Report) -> Vec<Chart> {
    let mut out = Vec::new();
    let mut push = |name: String, description: String, scene: Option<Scene>| {
        if let Some(scene) = scene {
            out.push(Chart { name, description, scene });
        }
    };
    push("frames".into(), "frame rates per article or group, one panel per lexicon".into(), frames::frames(report));
    push("heatmap".into(), "articles or groups by categories, rate per 1,000 tokens".into(), heatmap::heatmap(report));
    push("tone".into(), "tone of each article or group with its interval".into(), tone::tone(report));
    push("tone_arcs".into(), "tone sentence by sentence through each article".into(), tone::arcs(report));
    let mut used = HashSet::new();
    for c in report.comparisons.iter().take(MAX_DIFFERENCE_CHARTS) {
        let base = format!("difference_{}_vs_{}", slug(&c.a), slug(&c.b));
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        push(name, format!("{} minus {}, per category, with intervals", c.a, c.b), difference::difference(report, c));
    }
    out
}

/// A name as a file-name part: letters, digits, `.`, `_` and `-`, at most 40 characters.
pub fn slug(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            s.push(c);
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    let s: Vec<char> = s.trim_matches(['-', '.']).chars().collect();
    // Keep both ends of a long name: ids of one group share their start.
    let s: String = if s.len() > 40 { s[..15].iter().chain(['-', '-'].iter()).chain(&s[s.len() - 23..]).collect() } else { s.into_iter().collect() };
    if s.is_empty() {
        "x".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("morning-herald/state-visit"), "morning-herald-state-visit");
        assert_eq!(slug("../..//x"), "x");
        assert_eq!(slug("日本"), "x");
        assert_eq!(slug(&"a".repeat(80)).len(), 40);
        assert_eq!(slug("Zeitung für Politik und Gesellschaft/article-02-short"), "Zeitung-f-r-Pol--schaft-article-02-short");
    }
}
