//! What every chart shares: the palette, text sizes, the title block, axes with round ticks,
//! legends that wrap instead of overlapping, column headings, and the order of categories.

use super::fonts;
use super::scene::{Align, Font, Rgb, Scene};
use crate::compare::data::Lexicon;
use crate::compare::describe::UnitSummary;
use crate::compare::findings::group_label;

/// The Okabe–Ito palette ("Color Universal Design", Okabe & Ito 2008), distinguishable with
/// every common form of colour blindness, less its black (kept for text and lines), in the order
/// groups take them: the colours most unlike each other first, yellow (faint on white) last.
pub const PALETTE: [Rgb; 7] = [
    Rgb(0x00, 0x72, 0xB2), // blue
    Rgb(0xE6, 0x9F, 0x00), // orange
    Rgb(0x00, 0x9E, 0x73), // bluish green
    Rgb(0xD5, 0x5E, 0x00), // vermillion
    Rgb(0xCC, 0x79, 0xA7), // reddish purple
    Rgb(0x56, 0xB4, 0xE9), // sky blue
    Rgb(0xF0, 0xE4, 0x42), // yellow
];
/// Groups past the palette's seven, and sides that are no group's.
pub const OTHER: Rgb = Rgb(0x8C, 0x8C, 0x8C);
pub const INK: Rgb = Rgb(0x22, 0x22, 0x22);
pub const MUTED: Rgb = Rgb(0x55, 0x55, 0x55);
pub const GRID: Rgb = Rgb(0xE3, 0xE3, 0xE3);
pub const PANEL: Rgb = Rgb(0xF6, 0xF6, 0xF6);

pub const TITLE: Font = Font {
    size: 30.0,
    bold: true,
    color: INK,
};
pub const SUBTITLE: Font = Font {
    size: 20.0,
    bold: false,
    color: MUTED,
};
pub const HEADING: Font = Font {
    size: 22.0,
    bold: true,
    color: INK,
};
pub const LABEL: Font = Font {
    size: 19.0,
    bold: false,
    color: INK,
};
pub const SMALL: Font = Font {
    size: 17.0,
    bold: false,
    color: MUTED,
};

pub const MARGIN: i32 = 28;

/// Title and subtitle lines at the top; returns the y below them.
pub fn header(scene: &mut Scene, title: &str, subtitle: &[String]) -> i32 {
    let max = scene.width as f32 - 2.0 * MARGIN as f32;
    scene.text(
        MARGIN,
        MARGIN,
        &fonts::fit(title, TITLE.size, true, max),
        TITLE,
        Align::Start,
        Align::Start,
    );
    let mut y = MARGIN + 44;
    for line in subtitle {
        scene.text(
            MARGIN,
            y,
            &fonts::fit(line, SUBTITLE.size, false, max),
            SUBTITLE,
            Align::Start,
            Align::Start,
        );
        y += 28;
    }
    y + 8
}

/// Round tick values within [lo, hi]: steps of 1, 2 or 5 × 10^k, the nearest to giving `target`
/// intervals.
pub fn ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return vec![lo];
    }
    let raw = (hi - lo) / target.max(1) as f64;
    let k = raw.log10().floor() as i32;
    // step = m × 10^k, computed as a division for negative k so ticks are exact decimals.
    let scale = |x: f64| {
        if k < 0 {
            x / 10f64.powi(-k)
        } else {
            x * 10f64.powi(k)
        }
    };
    let m = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .min_by(|a, b| {
            (scale(*a) / raw)
                .ln()
                .abs()
                .total_cmp(&(scale(*b) / raw).ln().abs())
        })
        .unwrap_or(1.0);
    let step = scale(m);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .map(|i| if i == 0 { 0.0 } else { scale(i as f64 * m) })
        .collect()
}

/// A tick value as text, with as many decimals as the step needs.
pub fn tick_label(v: f64, ticks: &[f64]) -> String {
    let step = if ticks.len() > 1 {
        (ticks[1] - ticks[0]).abs()
    } else {
        1.0
    };
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s.replace('-', "−")
    }
}

/// The width to reserve for labels: the widest, capped at `cap`, plus room for a gap.
pub fn label_width<'a>(labels: impl Iterator<Item = &'a str>, font: Font, cap: f32) -> i32 {
    labels
        .map(|l| fonts::width(&fonts::sanitize(l), font.size, font.bold))
        .fold(0.0, f32::max)
        .min(cap)
        .ceil() as i32
        + 18
}

/// A value for a label next to a bar: one decimal, two below 10.
pub fn value_label(v: f64) -> String {
    let s = if v.abs() < 10.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.1}")
    };
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s.replace('-', "−")
    }
}

/// A horizontal value axis from x0 to x1 for [lo, hi].
pub struct Axis {
    pub x0: i32,
    pub x1: i32,
    pub lo: f64,
    pub hi: f64,
}

impl Axis {
    pub fn x(&self, v: f64) -> i32 {
        let span = if self.hi > self.lo {
            self.hi - self.lo
        } else {
            1.0
        };
        (self.x0 as f64 + (v - self.lo) / span * (self.x1 - self.x0) as f64).round() as i32
    }

    /// Grid lines between `top` and `bottom`, placed under the shapes drawn since shape number
    /// `under` (so bars cover them); ticks and labels under `bottom`. Returns the y below.
    pub fn draw(&self, scene: &mut Scene, under: usize, top: i32, bottom: i32, title: &str) -> i32 {
        let width_px = (self.x1 - self.x0) as f32;
        let target = (width_px / 110.0).clamp(2.0, 8.0) as usize;
        let values = ticks(self.lo, self.hi, target);
        let mut grid = Scene::new(scene.width, scene.height);
        for &v in &values {
            let x = self.x(v);
            if v != 0.0 {
                grid.line(vec![(x, top), (x, bottom)], GRID, 1);
            }
        }
        let under = under.min(scene.shapes.len());
        scene.shapes.splice(under..under, grid.shapes);
        for &v in &values {
            let x = self.x(v);
            if v == 0.0 {
                scene.line(vec![(x, top), (x, bottom)], MUTED, 2);
            }
            scene.line(vec![(x, bottom), (x, bottom + 6)], MUTED, 1);
            scene.text(
                x,
                bottom + 9,
                &tick_label(v, &values),
                SMALL,
                Align::Middle,
                Align::Start,
            );
        }
        scene.line(vec![(self.x0, bottom), (self.x1, bottom)], MUTED, 1);
        let max = (self.x1 - self.x0) as f32;
        scene.text(
            (self.x0 + self.x1) / 2,
            bottom + 34,
            &fonts::fit(title, SMALL.size, false, max),
            SMALL,
            Align::Middle,
            Align::Start,
        );
        bottom + 62
    }
}

/// The widest label of a legend entry, in pixels.
pub const LEGEND_LABEL: f32 = 480.0;

/// A legend entry: one swatch per colour (two for "pale bars of either side"), then its label.
pub type LegendEntry = (Vec<Rgb>, String);

/// A legend of coloured swatches with labels, wrapping onto new lines within `max_width`.
/// Returns the y below it.
pub fn legend(scene: &mut Scene, x: i32, y: i32, max_width: i32, entries: &[LegendEntry]) -> i32 {
    let mut cx = x;
    let mut cy = y;
    let label_max = (max_width as f32 - 70.0).min(LEGEND_LABEL);
    for (colors, label) in entries {
        let label = fonts::fit_id(label, LABEL.size, false, label_max);
        let swatches = 24 * colors.len() as i32 + 4;
        let w = swatches + fonts::width(&label, LABEL.size, false).ceil() as i32 + 26;
        if cx > x && cx + w > x + max_width {
            cx = x;
            cy += 30;
        }
        for (i, color) in colors.iter().enumerate() {
            let sx = cx + 24 * i as i32;
            scene.rect(sx, cy + 3, sx + 20, cy + 21, *color);
        }
        scene.text(
            cx + swatches,
            cy + 12,
            &label,
            LABEL,
            Align::Start,
            Align::Middle,
        );
        cx += w;
    }
    cy + 36
}

/// Headings over a row of columns: upright, shortened to their column, or turned to read
/// upwards, at most `cap` pixels long, when upright ones would not be readable.
pub struct ColumnHeadings {
    labels: Vec<String>,
    upright: bool,
}

const HEADING_FONT: Font = Font {
    color: INK,
    ..LABEL
};

impl ColumnHeadings {
    pub fn new(labels: &[String], upright: bool, pitch: i32, cap: f32) -> ColumnHeadings {
        let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let room = if upright { (pitch - 12) as f32 } else { cap };
        ColumnHeadings {
            labels: fonts::fit_ids(&refs, HEADING_FONT.size, false, room),
            upright,
        }
    }

    /// The height they take.
    pub fn height(&self) -> i32 {
        if self.upright {
            return 30;
        }
        let longest = self
            .labels
            .iter()
            .map(|l| fonts::width(l, HEADING_FONT.size, false))
            .fold(0.0, f32::max);
        longest.ceil() as i32 + 12
    }

    /// Draws them with their lowest text just above `bottom`; `align` says whether each text
    /// starts or is centred at its column's x in `anchors`.
    pub fn draw(&self, scene: &mut Scene, anchors: &[i32], align: Align, bottom: i32) {
        for (&x, label) in anchors.iter().zip(&self.labels) {
            if self.upright {
                scene.text(x, bottom - 4, label, HEADING_FONT, align, Align::End);
            } else {
                scene.text_up(x, bottom - 6, label, HEADING_FONT, Align::Start, align);
            }
        }
    }
}

/// The width of the widest label, upright, with room on either side: the pitch at which every
/// label fits its column.
pub fn upright_pitch(labels: &[String]) -> i32 {
    labels
        .iter()
        .map(|l| fonts::width(&fonts::sanitize(l), LABEL.size, false).ceil() as i32 + 16)
        .max()
        .unwrap_or(0)
}

/// A lexicon's heading: its id and, when it has one, its title.
pub fn lexicon_heading(lexicon: &Lexicon) -> String {
    if lexicon.name.is_empty() || lexicon.name == lexicon.id {
        lexicon.id.clone()
    } else {
        format!("{} — {}", lexicon.id, lexicon.name)
    }
}

fn mean_rate(units: &[UnitSummary], c: usize) -> f64 {
    units.iter().filter_map(|u| u.rates[c]).sum::<f64>() / units.len().max(1) as f64
}

/// Categories of a lexicon, the most used (highest mean rate over `units`) first.
pub fn categories_by_rate(units: &[UnitSummary], lexicon: &Lexicon) -> Vec<usize> {
    let mut cats: Vec<usize> = lexicon.categories.clone().collect();
    cats.sort_by(|&x, &y| {
        mean_rate(units, y)
            .total_cmp(&mean_rate(units, x))
            .then(x.cmp(&y))
    });
    cats
}

/// One colour per group for a whole run, the same in every chart: groups take the palette in
/// the order they first appear in the input, and groups past its seven are grey. With one group
/// (or none), everything is the palette's first colour and no legend is needed.
#[derive(Debug, Clone)]
pub struct GroupColours(Vec<String>);

impl GroupColours {
    /// Colours for `groups`, in the order they first appear in the input.
    pub fn new(groups: &[String]) -> GroupColours {
        GroupColours(groups.to_vec())
    }

    /// Whether colours tell groups apart (there are two groups or more).
    pub fn telling(&self) -> bool {
        self.0.len() >= 2
    }

    pub fn of(&self, group: &str) -> Rgb {
        match self.0.iter().position(|g| g == group) {
            Some(i) if i < PALETTE.len() => PALETTE[i],
            Some(_) => OTHER,
            None if self.telling() => OTHER,
            None => PALETTE[0],
        }
    }

    /// The legend entries of the groups named (all of them when `only` is `None`); none when
    /// colours do not tell groups apart. Groups in grey share one entry.
    pub fn legend(&self, only: Option<&[&str]>) -> Vec<LegendEntry> {
        if !self.telling() {
            return Vec::new();
        }
        let shown = |g: &String| only.is_none_or(|o| o.contains(&g.as_str()));
        let mut entries: Vec<LegendEntry> = self
            .0
            .iter()
            .take(PALETTE.len())
            .filter(|g| shown(g))
            .map(|g| (vec![self.of(g)], group_label(g)))
            .collect();
        let grey = self
            .0
            .iter()
            .skip(PALETTE.len())
            .filter(|g| shown(g))
            .count();
        if grey > 0 {
            entries.push((vec![OTHER], format!("{grey} other group(s)")));
        }
        entries
    }
}

/// Which part of a long list a chart shows: charts of many articles are cut into pages
/// (`frames.png`, `frames_2.png`, ...), each saying which articles it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// From 0.
    pub index: usize,
    pub count: usize,
    /// The items shown, `first..end` of `total`.
    pub first: usize,
    pub end: usize,
    pub total: usize,
}

impl Page {
    /// `total` items cut into pages of at most `size`; one page when there are none.
    pub fn split(total: usize, size: usize) -> Vec<Page> {
        let count = total.div_ceil(size.max(1)).max(1);
        // Pages as even as can be, so the last is not a stub.
        let per = total.div_ceil(count);
        (0..count)
            .map(|index| Page {
                index,
                count,
                first: (index * per).min(total),
                end: ((index + 1) * per).min(total),
                total,
            })
            .collect()
    }

    /// The file name of this page of chart `name`.
    pub fn name(&self, name: &str) -> String {
        if self.index == 0 {
            name.to_string()
        } else {
            format!("{name}_{}", self.index + 1)
        }
    }

    /// The subtitle line that says what the page of chart `name` holds, when there are several.
    pub fn line(&self, what: &str, name: &str) -> Option<String> {
        (self.count > 1).then(|| {
            let last = Page {
                index: self.count - 1,
                ..*self
            };
            format!(
                "Page {} of {}: {what} {}–{} of {} (pages {name} to {})",
                self.index + 1,
                self.count,
                self.first + 1,
                self.end,
                self.total,
                last.name(name)
            )
        })
    }
}

/// A colour along the viridis scale (van der Walt & Smith, 2015; perceptually uniform and
/// colour-blind safe), from five published anchor colours, for `t` in [0, 1].
pub fn viridis(t: f64) -> Rgb {
    const ANCHORS: [(u8, u8, u8); 5] = [
        (0x44, 0x01, 0x54),
        (0x3b, 0x52, 0x8b),
        (0x21, 0x91, 0x8c),
        (0x5e, 0xc9, 0x62),
        (0xfd, 0xe7, 0x25),
    ];
    let t = t.clamp(0.0, 1.0) * 4.0;
    let i = (t.floor() as usize).min(3);
    let f = t - i as f64;
    let (a, b) = (ANCHORS[i], ANCHORS[i + 1]);
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * f).round() as u8;
    Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 47.0, 5), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(ticks(-1.0, 1.0, 4), vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(ticks(0.0, 0.9, 4), vec![0.0, 0.2, 0.4, 0.6, 0.8]);
        assert_eq!(tick_label(-0.5, &[-1.0, -0.5]), "−0.5");
        assert_eq!(tick_label(20.0, &[0.0, 10.0]), "20");
        assert_eq!(value_label(47.123), "47.1");
        assert_eq!(value_label(-0.001), "0.00");
        assert_eq!(viridis(0.0), Rgb(0x44, 0x01, 0x54));
        assert_eq!(viridis(1.0), Rgb(0xfd, 0xe7, 0x25));
    }

    #[test]
    fn pages_are_even_and_cover_every_item() {
        let pages = Page::split(100, 36);
        assert_eq!(pages.len(), 3);
        assert_eq!(
            pages.iter().map(|p| p.end - p.first).collect::<Vec<_>>(),
            [34, 34, 32]
        );
        assert_eq!((pages[2].first, pages[2].end), (68, 100));
        assert_eq!(pages[1].name("tone_arcs"), "tone_arcs_2");
        assert_eq!(pages[0].name("tone_arcs"), "tone_arcs");
        assert_eq!(Page::split(0, 36).len(), 1);
        assert_eq!(Page::split(36, 36).len(), 1);
        assert!(Page::split(36, 36)[0].line("articles", "tone").is_none());
        assert_eq!(
            pages[1].line("articles", "tone").unwrap(),
            "Page 2 of 3: articles 35–68 of 100 (pages tone to tone_3)"
        );
    }

    #[test]
    fn a_group_keeps_its_colour_whatever_else_is_drawn() {
        let groups: Vec<String> = (0..9).map(|i| format!("g{i}")).collect();
        let colours = GroupColours::new(&groups);
        assert_eq!(colours.of("g0"), PALETTE[0]);
        assert_eq!(colours.of("g3"), PALETTE[3]);
        assert_eq!(colours.of("g8"), OTHER);
        let legend = colours.legend(Some(&["g3", "g8"]));
        assert_eq!(legend.len(), 2);
        assert_eq!(legend[0].0, vec![PALETTE[3]]);
        let one = GroupColours::new(&["".to_string()]);
        assert!(!one.telling() && one.legend(None).is_empty());
        assert_eq!(one.of(""), PALETTE[0]);
    }
}
