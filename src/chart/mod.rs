//! Charts of a run: the descriptive charts of every run (frame rates, a heatmap, tone, tone
//! arcs and, with dates, frame rates and tone over time), and a difference chart per comparison.
//! Each chart is built as a [`scene::Scene`] and rendered to PNG or SVG bytes; nothing here
//! touches the filesystem. Every chart of a run colours a group alike ([`layout::GroupColours`]).

pub mod difference;
pub mod fonts;
pub mod frames;
pub mod heatmap;
pub mod layout;
pub mod over_time;
pub mod scene;
mod svg;
pub mod tone;

use std::collections::HashSet;

use crate::compare::{Description, Design, Report};
use crate::output::layout::{
    DIFFERENCE_CHART_PREFIX, FRAMES_CHART, HEATMAP_CHART, OVER_TIME_CHART, TONE_ARCS_CHART,
    TONE_CHART,
};
use layout::{GroupColours, Page};
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

    /// The format of a chart file name's extension.
    pub fn of_file(name: &str) -> Option<ChartFormat> {
        match name.rsplit_once('.')?.1 {
            "png" => Some(ChartFormat::Png),
            "svg" => Some(ChartFormat::Svg),
            _ => None,
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
            ChartFormat::Svg => svg::svg(&self.scene),
        }
    }
}

/// How a page of a chart is described: with its page, when there are several.
fn paged(what: &str, page: &Page) -> String {
    if page.count > 1 {
        format!("{what} (page {} of {})", page.index + 1, page.count)
    } else {
        what.to_string()
    }
}

/// Every chart of a run, in a stable order: the descriptive charts of `desc`, then the
/// difference chart of each comparison of `report`.
pub fn charts(desc: &Description, report: Option<&Report>) -> Vec<Chart> {
    let colours = GroupColours::new(&desc.groups);
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
    let sides = desc.sides.len();
    for page in Page::split(sides, frames::PAGE) {
        push(
            page.name(FRAMES_CHART),
            paged(
                "frame rates per group or article, one panel per lexicon",
                &page,
            ),
            frames::frames(desc, &page, &colours),
        );
    }
    for page in Page::split(sides, heatmap::PAGE) {
        push(
            page.name(HEATMAP_CHART),
            paged(
                "groups or articles by categories, rate per 1,000 tokens",
                &page,
            ),
            heatmap::heatmap(desc, &page),
        );
    }
    let toned = tone::sorted(desc);
    for page in Page::split(toned.len(), tone::PAGE) {
        push(
            page.name(TONE_CHART),
            paged("tone of each group or article with its interval", &page),
            tone::tone(desc, &toned, &page, &colours),
        );
    }
    if desc.arcs.is_empty() {
        push(
            TONE_ARCS_CHART.into(),
            "tone through the articles of each group, tenth by tenth".into(),
            tone::group_arcs(desc, &colours),
        );
    }
    for page in Page::split(desc.arcs.len(), tone::ARCS_PAGE) {
        push(
            page.name(TONE_ARCS_CHART),
            paged("tone sentence by sentence through each article", &page),
            tone::arcs(desc, &page, &colours),
        );
    }
    push(
        OVER_TIME_CHART.into(),
        "frame rates and tone of each group by week or month, with intervals".into(),
        over_time::over_time(desc, &colours),
    );
    let Some(report) = report else {
        return out;
    };
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
            difference::difference(report, c, &colours),
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
    use crate::compare::timeseries::Period;
    use crate::compare::{describe, Options, PairsMode};

    const OUTLETS: [&str; 3] = [
        "the-daily-chronicle-of-northern-province-evening-edition",
        "wire",
        "新闻 Zeitung für Politik",
    ];

    /// Thirty articles in three outlets with long ids (one not Latin), varied counts and tones.
    fn thirty() -> crate::compare::Observations {
        articles(30, &OUTLETS)
    }

    /// `n` articles in `outlets` in turn, with varied counts and tones.
    fn articles(n: u32, outlets: &[&str]) -> crate::compare::Observations {
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
                intercept: None,
            },
            Category {
                lexicon: "tone".into(),
                name: "negative".into(),
                intercept: None,
            },
        ];
        categories.extend(names.iter().map(|n| Category {
            lexicon: "crisis".into(),
            name: n.to_string(),
            intercept: None,
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
        for i in 0..n {
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
            let group = outlets[i as usize % outlets.len()];
            let article = ArticleCounts {
                probabilities: Vec::new(),
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
                tenths: [f32::NAN; 10],
            };
            g.add(article, std::iter::empty());
        }
        g.finish()
    }

    fn overlaps(a: &scene::TextBox, b: &scene::TextBox) -> bool {
        a.0 < b.2 - 0.5 && b.0 < a.2 - 0.5 && a.1 < b.3 - 0.5 && b.1 < a.3 - 0.5
    }

    fn description(obs: &crate::compare::Observations, options: &Options) -> Description {
        describe(obs, options, Period::Auto, &[])
    }

    #[test]
    fn thirty_long_ids_give_charts_whose_texts_never_overlap_or_leave_the_canvas() {
        for (obs, options) in [
            (
                thirty(),
                Options {
                    pairs: PairsMode::Groups,
                    bootstrap: 200,
                    ..Options::default()
                },
            ),
            (
                articles(30, &[OUTLETS[0]]),
                Options {
                    pairs: PairsMode::Articles,
                    baseline: Some(format!("{}/article-01-short", OUTLETS[0])),
                    bootstrap: 200,
                    ..Options::default()
                },
            ),
            (
                articles(75, &OUTLETS[1..]),
                Options {
                    pairs: PairsMode::None,
                    bootstrap: 50,
                    ..Options::default()
                },
            ),
        ] {
            let report = crate::compare::run(&obs, &options).unwrap();
            let charts = charts(&description(&obs, &options), Some(&report));
            assert!(charts.len() >= 4, "{}", charts.len());
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

    /// The texts of a chart.
    fn texts(chart: &Chart) -> Vec<String> {
        chart
            .scene
            .text_boxes()
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn every_article_is_on_one_page_of_each_chart_of_articles() {
        // One outlet: the charts show articles, 130 of them on pages.
        let obs = articles(130, &["wire"]);
        let options = Options {
            pairs: PairsMode::None,
            bootstrap: 20,
            ..Options::default()
        };
        let desc = description(&obs, &options);
        let charts = charts(&desc, None);
        for (prefix, pages) in [("frames", 4), ("heatmap", 5), ("tone", 3), ("tone_arcs", 4)] {
            let mine: Vec<&Chart> = charts
                .iter()
                .filter(|c| {
                    c.name == prefix
                        || c.name
                            .strip_prefix(prefix)
                            .and_then(|r| r.strip_prefix('_'))
                            .is_some_and(|n| n.parse::<u32>().is_ok())
                })
                .collect();
            assert_eq!(mine.len(), pages, "{prefix}");
            // Long ids are shortened on charts: the short ones are looked for.
            for article in obs.articles.iter().filter(|a| a.id.ends_with("short")) {
                let name = article.id.rsplit('/').next().unwrap();
                let on: usize = mine
                    .iter()
                    .filter(|c| texts(c).iter().any(|t| t == name || t == &article.id))
                    .count();
                assert_eq!(on, 1, "{prefix}: {} on {on} pages", article.id);
            }
            // Each page says which articles it holds.
            let last = texts(mine[pages - 1]).join("\n");
            assert!(
                last.contains(&format!("Page {pages} of {pages}: articles")),
                "{prefix}: {last}"
            );
        }
    }

    #[test]
    fn a_group_has_one_colour_in_every_chart() {
        let obs = thirty();
        let options = Options {
            pairs: PairsMode::Groups,
            bootstrap: 50,
            ..Options::default()
        };
        let report = crate::compare::run(&obs, &options).unwrap();
        let desc = description(&obs, &options);
        let colours = GroupColours::new(&desc.groups);
        // Groups take colours in the order they first appear, not by name.
        assert_eq!(desc.groups, OUTLETS);
        assert_eq!(colours.of("wire"), layout::PALETTE[1]);
        for c in &report.comparisons {
            let (a, b) = difference::side_colours(c, &colours);
            assert_eq!(a, colours.of(&c.members.0.group));
            assert_eq!(b, colours.of(&c.members.1.group));
        }
        // Every filled shape of every chart in a group's colour is that group's, and each
        // group's colour is drawn somewhere.
        let palette: Vec<scene::Rgb> = OUTLETS.iter().map(|g| colours.of(g)).collect();
        let mut drawn = [false; 3];
        for chart in charts(&desc, Some(&report)) {
            for shape in &chart.scene.shapes {
                if let scene::Shape::Rect { fill, .. } | scene::Shape::Circle { fill, .. } = shape {
                    if let Some(i) = palette.iter().position(|p| p == fill) {
                        drawn[i] = true;
                    }
                }
            }
        }
        assert_eq!(drawn, [true; 3]);
    }

    #[test]
    fn the_heatmap_runs_the_longer_list_down_the_side() {
        let at = |scene: &Scene, text: &str| {
            scene
                .text_boxes()
                .into_iter()
                .find(|(t, _)| t == text)
                .unwrap_or_else(|| panic!("no `{text}`"))
                .1
        };
        let options = Options {
            pairs: PairsMode::None,
            bootstrap: 50,
            ..Options::default()
        };
        // Three groups, eight categories: categories down the side, groups across the top.
        let desc = description(&thirty(), &options);
        let page = Page::split(desc.sides.len(), heatmap::PAGE)[0];
        let scene = heatmap::heatmap(&desc, &page).unwrap();
        let (hope, wire) = (at(&scene, "hope"), at(&scene, "wire (10)"));
        assert!(hope.2 < wire.0 && hope.1 > wire.3, "{hope:?} {wire:?}");
        // Thirty articles of one outlet: articles down the side, under their outlet,
        // categories on top.
        let desc = description(&articles(30, &["wire"]), &options);
        let page = Page::split(desc.sides.len(), heatmap::PAGE)[0];
        let scene = heatmap::heatmap(&desc, &page).unwrap();
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
