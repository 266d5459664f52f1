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

use crate::compare::{Design, Report};
use crate::output::layout::{
    DIFFERENCE_CHART_PREFIX, FRAMES_CHART, HEATMAP_CHART, TONE_ARCS_CHART, TONE_CHART,
};
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
            out.push(Chart {
                name,
                description,
                scene,
            });
        }
    };
    push(
        FRAMES_CHART.into(),
        "frame rates per article or group, one panel per lexicon".into(),
        frames::frames(report),
    );
    push(
        HEATMAP_CHART.into(),
        "articles or groups by categories, rate per 1,000 tokens".into(),
        heatmap::heatmap(report),
    );
    push(
        TONE_CHART.into(),
        "tone of each article or group with its interval".into(),
        tone::tone(report),
    );
    push(
        TONE_ARCS_CHART.into(),
        "tone sentence by sentence through each article".into(),
        tone::arcs(report),
    );
    let mut used = HashSet::new();
    for c in report.comparisons.iter().take(MAX_DIFFERENCE_CHARTS) {
        // The paired comparison of two groups has the same sides as the pooled one.
        let design = match c.design {
            Design::Stories => "_stories",
            _ => "",
        };
        let base = format!(
            "{DIFFERENCE_CHART_PREFIX}{}_vs_{}{design}",
            slug(&c.a),
            slug(&c.b)
        );
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        push(
            name,
            format!(
                "{} minus {} ({}), per category, with intervals",
                c.a,
                c.b,
                c.design.name()
            ),
            difference::difference(report, c),
        );
    }
    out
}

/// A name as a file-name part: letters and digits of any script, `.`, `_` and `-`, at most
/// [`SLUG_UNITS`] long. A long `group/name` id keeps its group's start and its name's start and
/// end (ids of one group share their start, and the name tells articles apart).
pub fn slug(name: &str) -> String {
    let whole = clean(name);
    let s = match name.rsplit_once('/') {
        Some((group, item)) if units(&whole) > SLUG_UNITS => {
            let mut group = clean(group);
            while units(&group) > 12 {
                group.pop();
            }
            let mut s = trim(group);
            let room = SLUG_UNITS - units(&s) - 1;
            if !s.is_empty() {
                s.push('-');
            }
            s.extend(cut_middle(clean(item), room));
            s
        }
        _ => cut_middle(whole, SLUG_UNITS),
    };
    if s.is_empty() {
        "x".into()
    } else {
        s.into_iter().collect()
    }
}

/// How long a slug may be, in units: an ASCII character is one, any other two, so that the
/// name of a difference chart (two slugs) stays well within the 255 bytes file systems allow.
const SLUG_UNITS: usize = 40;

fn units(s: &[char]) -> usize {
    s.iter().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn clean(name: &str) -> Vec<char> {
    let mut s: Vec<char> = Vec::new();
    for c in name.chars() {
        if c.is_alphanumeric() || c == '.' || c == '_' {
            s.push(c);
        } else if s.last() != Some(&'-') {
            s.push('-');
        }
    }
    trim(s)
}

fn trim(s: Vec<char>) -> Vec<char> {
    let keep = |c: &char| *c != '-' && *c != '.';
    let start = s.iter().position(keep).unwrap_or(s.len());
    let end = s.iter().rposition(keep).map_or(start, |i| i + 1);
    s[start..end].to_vec()
}

/// `s` at most `budget` units long: its start, `--` and its end.
fn cut_middle(s: Vec<char>, budget: usize) -> Vec<char> {
    if units(&s) <= budget {
        return s;
    }
    let room = budget.saturating_sub(2);
    let mut head = Vec::new();
    for &c in &s {
        if units(&head) + units(&[c]) > room / 2 {
            break;
        }
        head.push(c);
    }
    let mut tail = Vec::new();
    for &c in s.iter().rev() {
        if units(&head) + units(&tail) + units(&[c]) > room {
            break;
        }
        tail.push(c);
    }
    tail.reverse();
    // One `--` marks the cut, however the parts end.
    let mut head = trim(head);
    head.extend(['-', '-']);
    head.extend(trim(tail));
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::compare::data::{ArticleCounts, Category, Gatherer, Lexicon, Schema, Sentence};
    use crate::compare::{Options, PairsMode};

    /// Thirty articles in three outlets with long ids (one not Latin), varied counts and tones.
    fn thirty() -> crate::compare::Observations {
        let names = [
            "hope",
            "security",
            "humanitarian_assistance",
            "diplomacy",
            "violence",
            "threat",
        ];
        let mut categories = vec![
            Category {
                lexicon: "tone".into(),
                name: "positive".into(),
            },
            Category {
                lexicon: "tone".into(),
                name: "negative".into(),
            },
        ];
        categories.extend(names.iter().map(|n| Category {
            lexicon: "crisis".into(),
            name: n.to_string(),
        }));
        let schema = Schema {
            lexicons: vec![
                Lexicon {
                    id: "tone".into(),
                    name: "News tone".into(),
                    tone: true,
                    categories: 0..2,
                },
                Lexicon {
                    id: "crisis".into(),
                    name: "Conflict, crisis and diplomacy reporting".into(),
                    tone: false,
                    categories: 2..8,
                },
            ],
            categories,
            tone: true,
        };
        let mut g = Gatherer::new(schema, 200, true);
        let outlets = [
            "the-daily-chronicle-of-northern-province-evening-edition",
            "wire",
            "新闻 Zeitung für Politik",
        ];
        for i in 0..30u32 {
            let sentences: Vec<Sentence> = (0..5 + i % 17)
                .map(|k| Sentence {
                    tokens: 12 + (k % 5),
                    tone: Some(((i * 7 + k * 13) % 19) as f64 / 9.5 - 1.0),
                    hits: vec![((k + i) % 8, 1 + (k % 3)), ((k * 3 + i) % 8 + 8, 1)]
                        .into_iter()
                        .filter(|(c, _)| *c < 8)
                        .collect(),
                })
                .collect();
            let mut affirmed = vec![0u64; 8];
            for s in &sentences {
                for &(c, n) in &s.hits {
                    affirmed[c as usize] += n as u64;
                }
            }
            let group = outlets[i as usize % 3];
            let article = ArticleCounts {
                story: String::new(),
                date: None,
                sentence_count: sentences.len() as u32,
                id: format!(
                    "{group}/article-{i:02}-{}",
                    if i % 4 == 0 {
                        "an-exceptionally-long-headline-slug-about-ceasefire-talks"
                    } else {
                        "short"
                    }
                ),
                group: group.into(),
                tokens: sentences.iter().map(|s| s.tokens as u64).sum(),
                scores: affirmed.iter().map(|&n| n as f64).collect(),
                affirmed,
                tone: Some(
                    sentences.iter().filter_map(|s| s.tone).sum::<f64>() / sentences.len() as f64,
                ),
                sentences,
                terms: Vec::new(),
            };
            g.add(article, std::iter::empty());
        }
        g.finish()
    }

    fn overlaps(a: &scene::TextBox, b: &scene::TextBox) -> bool {
        a.0 < b.2 - 0.5 && b.0 < a.2 - 0.5 && a.1 < b.3 - 0.5 && b.1 < a.3 - 0.5
    }

    #[test]
    fn thirty_long_ids_give_charts_whose_texts_never_overlap_or_leave_the_canvas() {
        let obs = thirty();
        for options in [
            Options {
                pairs: PairsMode::Articles,
                baseline: Some(obs.articles[1].id.clone()),
                bootstrap: 200,
                ..Options::default()
            },
            Options {
                pairs: PairsMode::Groups,
                bootstrap: 200,
                ..Options::default()
            },
        ] {
            let report = crate::compare::run(&obs, &options).unwrap();
            let charts = charts(&report);
            assert!(charts.len() >= 5, "{}", charts.len());
            for chart in &charts {
                let boxes = chart.scene.text_boxes();
                for (i, (ta, a)) in boxes.iter().enumerate() {
                    assert!(
                        a.0 >= 0.0
                            && a.2 <= chart.scene.width as f32
                            && a.1 >= 0.0
                            && a.3 <= chart.scene.height as f32,
                        "{}: `{ta}` leaves the canvas",
                        chart.name
                    );
                    for (tb, b) in &boxes[i + 1..] {
                        assert!(!overlaps(a, b), "{}: `{ta}` overlaps `{tb}`", chart.name);
                    }
                }
            }
        }
    }

    #[test]
    fn the_heatmap_runs_the_longer_list_down_the_side() {
        let obs = thirty();
        let at = |scene: &Scene, text: &str| {
            scene
                .text_boxes()
                .into_iter()
                .find(|(t, _)| t == text)
                .unwrap_or_else(|| panic!("no `{text}`"))
                .1
        };
        // Three groups, eight categories: categories down the side, groups across the top.
        let options = Options {
            pairs: PairsMode::Groups,
            bootstrap: 50,
            ..Options::default()
        };
        let scene = heatmap::heatmap(&crate::compare::run(&obs, &options).unwrap()).unwrap();
        let (hope, wire) = (at(&scene, "hope"), at(&scene, "wire"));
        assert!(hope.2 < wire.0 && hope.1 > wire.3, "{hope:?} {wire:?}");
        // Thirty articles: articles down the side, under their outlet, categories on top.
        let options = Options {
            pairs: PairsMode::Articles,
            baseline: Some(obs.articles[1].id.clone()),
            bootstrap: 50,
            ..Options::default()
        };
        let scene = heatmap::heatmap(&crate::compare::run(&obs, &options).unwrap()).unwrap();
        let (hope, article, outlet) = (
            at(&scene, "hope"),
            at(&scene, "article-01-short"),
            at(&scene, "wire"),
        );
        assert!(
            article.2 < hope.0 && article.1 > hope.3,
            "{article:?} {hope:?}"
        );
        assert!(outlet.0 < article.0 && outlet.3 < article.1, "{outlet:?}");
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("morning-herald/state-visit"),
            "morning-herald-state-visit"
        );
        assert_eq!(slug("../..//x"), "x");
        assert_eq!(slug("日本 : 新闻"), "日本-新闻");
        assert_eq!(slug(&"a".repeat(80)).len(), 40);
        assert_eq!(
            slug("Zeitung für Politik und Gesellschaft/article-02-short"),
            "Zeitung-für-article-02-short"
        );
        assert_eq!(
            slug("the-daily-chronicle/00-ceasefire-talks-resume-in-the-capital-after-weeks"),
            "the-daily-ch-00-ceasefire--l-after-weeks"
        );
        // At most 80 bytes however many letters of other scripts, so two fit in a file name.
        let long = slug(&"Агентство Новостей ".repeat(9));
        assert!(long.len() <= 80 && long.starts_with("Агентство"), "{long}");
    }
}
