//! `heatmap.png`: groups (or articles) by categories. Colour shows the rate per 1,000 tokens on
//! one scale for the whole chart (and every page of it), a square-root scale so that rates ten
//! times apart both show, with its key; the number in each cell is the rate. The longer of the
//! two lists runs down the side, so the chart is a table to read rather than a long strip.

use super::fonts;
use super::frames::{accounting, side_label};
use super::layout::{self, Page, LABEL, MARGIN, SMALL};
use super::scene::{Align, Font, Rgb, Scene};
use crate::compare::describe::{Description, UnitSummary};
use crate::compare::Unit;
use crate::output::layout::HEATMAP_CHART;

/// Articles per page.
pub const PAGE: usize = 30;

/// The narrowest column: room for a value such as `114.3`.
const CELL_W: i32 = 60;
const CELL_H: i32 = 30;
/// Room for a band's heading above its rows.
const BAND_HEADING: i32 = 36;
/// Space between bands of columns.
const BAND_GAP: i32 = 8;
/// Columns with upright headings may widen to share this width...
const UPRIGHT_SPAN: i32 = 1100;
/// ...as long as each gets at least this; narrower ones take turned headings.
const MIN_UPRIGHT: i32 = 160;
/// The longest turned column heading.
const TURNED_CAP: f32 = 280.0;

/// Whether categories run down the side, with the articles or groups across the top: when there
/// are more categories than articles or groups.
pub fn categories_down_the_side(units: usize, categories: usize) -> bool {
    categories > units
}

/// Rows or columns in bands: lexicons for categories, groups for articles.
struct Band {
    /// Over rows: a full-width heading; None for no heading.
    heading: Option<String>,
    /// Over columns, where the band may be one column wide.
    short: Option<String>,
    /// (index of the unit or category, its label within the band).
    members: Vec<(usize, String)>,
}

/// Categories in lexicon bands, each sorted by mean rate.
fn category_bands(desc: &Description) -> Vec<Band> {
    desc.rate_lexicons()
        .map(|lexicon| Band {
            heading: Some(layout::lexicon_heading(lexicon)),
            short: Some(lexicon.id.clone()),
            members: layout::categories_by_rate(&desc.sides, lexicon)
                .into_iter()
                .map(|c| (c, desc.schema.categories[c].name.clone()))
                .collect(),
        })
        .collect()
}

/// Articles in bands by group, in order of first appearance, labelled without their group
/// (`global-wire/state-visit` under `global-wire` is `state-visit`); groups in one band.
fn unit_bands(desc: &Description, units: &[UnitSummary]) -> Vec<Band> {
    if desc.unit == Unit::Groups || units.iter().all(|u| u.group.is_empty()) {
        return vec![Band {
            heading: None,
            short: None,
            members: units
                .iter()
                .enumerate()
                .map(|(i, u)| (i, side_label(desc, u)))
                .collect(),
        }];
    }
    let mut bands: Vec<Band> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let name = u
            .label
            .strip_prefix(&format!("{}/", u.group))
            .unwrap_or(&u.label)
            .to_string();
        let heading = (!u.group.is_empty()).then(|| u.group.clone());
        match bands.iter_mut().find(|b| b.heading == heading) {
            Some(band) => band.members.push((i, name)),
            None => bands.push(Band {
                short: heading.clone(),
                heading,
                members: vec![(i, name)],
            }),
        }
    }
    bands
}

/// The heatmap of `page` of the description's sides.
pub fn heatmap(desc: &Description, page: &Page) -> Option<Scene> {
    let units = &desc.sides[page.first..page.end];
    if units.is_empty() || desc.rate_categories() == 0 {
        return None;
    }
    let down = categories_down_the_side(units.len(), desc.rate_categories());
    let (rows, columns) = if down {
        (category_bands(desc), unit_bands(desc, units))
    } else {
        (unit_bands(desc, units), category_bands(desc))
    };
    // The cell of a row and a column, as (unit, category).
    let cell = |r: usize, c: usize| if down { (c, r) } else { (r, c) };
    let scale = Scale::of(&desc.sides);

    // Columns: upright headings when the columns can be widened to hold them (shortened, when
    // there are few columns and long names), otherwise narrow columns with turned headings.
    let column_labels: Vec<String> = columns
        .iter()
        .flat_map(|b| b.members.iter().map(|(_, l)| l.clone()))
        .collect();
    let count = column_labels.len() as i32;
    let room = (UPRIGHT_SPAN - BAND_GAP * (columns.len() as i32 - 1)) / count;
    let upright = room >= MIN_UPRIGHT;
    let pitch = if upright {
        layout::upright_pitch(&column_labels).clamp(CELL_W, room)
    } else {
        CELL_W
    };
    let row_labels: Vec<&str> = rows
        .iter()
        .flat_map(|b| b.members.iter().map(|(_, l)| l.as_str()))
        .collect();
    let label_w = layout::label_width(row_labels.iter().copied(), LABEL, 330.0);
    let fitted_rows = fonts::fit_ids(&row_labels, LABEL.size, false, (label_w - 18) as f32);
    let x0 = MARGIN + label_w;
    let mut lefts = Vec::new();
    let mut x = x0;
    for band in &columns {
        lefts.push(x);
        x += band.members.len() as i32 * pitch + BAND_GAP;
    }
    let right = x - BAND_GAP;

    let n = desc.sides.len();
    let what = match (desc.unit, desc.pooled, n) {
        (Unit::Groups, _, _) => format!("{n} groups"),
        (_, true, _) => format!("all {} articles", desc.articles),
        (_, _, 1) => "1 article".to_string(),
        _ => format!("{n} articles"),
    };
    let title = format!("Frame rates of {what} by category");
    let mut subtitle = vec![
        "Number in each cell: affirmed hits per 1,000 tokens".to_string(),
        "Colour: the rate, on one scale for the whole chart (square-root scale; key below)"
            .to_string(),
    ];
    subtitle.extend(accounting(desc, page, HEATMAP_CHART));
    let text_w = subtitle
        .iter()
        .map(|l| fonts::width(l, layout::SUBTITLE.size, false))
        .chain([fonts::width(&title, layout::TITLE.size, true)])
        .fold(0.0, f32::max)
        .ceil() as i32;
    let key_w = x0 + (KEY + 12).max(fonts::width(&scale.label(), SMALL.size, false).ceil() as i32);
    let width = (right + MARGIN)
        .max(text_w + 2 * MARGIN)
        .max(key_w + MARGIN);
    let mut scene = Scene::new(width as u32, 0);
    let mut y = layout::header(&mut scene, &title, &subtitle) + 4;

    // The names of the bands of columns, when they have names.
    let bold = Font {
        bold: true,
        ..LABEL
    };
    if columns.iter().any(|b| b.short.is_some()) {
        for (band, &left) in columns.iter().zip(&lefts) {
            let Some(short) = &band.short else { continue };
            let b = left + band.members.len() as i32 * pitch;
            let name = fonts::fit_id(short, LABEL.size, true, (b - left - 6) as f32);
            scene.text((left + b) / 2, y, &name, bold, Align::Middle, Align::Start);
            scene.line(vec![(left + 2, y + 28), (b - 2, y + 28)], layout::MUTED, 2);
        }
        y += 36;
    }
    let centres: Vec<i32> = columns
        .iter()
        .zip(&lefts)
        .flat_map(|(band, &left)| (0..band.members.len() as i32).map(move |k| left + k * pitch))
        .map(|x| x + pitch / 2 - 1)
        .collect();
    let headings = layout::ColumnHeadings::new(&column_labels, upright, pitch, TURNED_CAP);
    y += headings.height();
    headings.draw(&mut scene, &centres, Align::Middle, y);
    y += 4;

    let mut fitted_rows = fitted_rows.into_iter();
    for band in &rows {
        if let Some(heading) = &band.heading {
            let heading = fonts::fit_id(heading, LABEL.size, true, (width - 2 * MARGIN) as f32);
            scene.text(MARGIN, y + 8, &heading, bold, Align::Start, Align::Start);
            scene.line(vec![(MARGIN, y + 33), (right, y + 33)], layout::GRID, 1);
            y += BAND_HEADING + 2;
        }
        for (r, _) in &band.members {
            let label = fitted_rows.next().unwrap_or_default();
            scene.text(
                x0 - 10,
                y + CELL_H / 2 - 1,
                &label,
                LABEL,
                Align::End,
                Align::Middle,
            );
            for (column, &left) in columns.iter().zip(&lefts) {
                for (k, (c, _)) in column.members.iter().enumerate() {
                    let (u, category) = cell(*r, *c);
                    let cx = left + k as i32 * pitch;
                    draw_cell(&mut scene, cx, y, pitch, units[u].rates[category], &scale);
                }
            }
            y += CELL_H;
        }
        y += 6;
    }

    y = scale.key(&mut scene, x0, y + 14);
    scene.height = (y + MARGIN) as u32;
    Some(scene)
}

/// The colour scale of a heatmap: 0 to the highest rate of any side, the square root of a rate
/// along viridis, so that 1 and 100 per 1,000 tokens both read.
struct Scale {
    max: f64,
}

/// The length of the key, in pixels.
const KEY: i32 = 400;

impl Scale {
    fn of(units: &[UnitSummary]) -> Scale {
        let max = units
            .iter()
            .flat_map(|u| u.rates.iter().flatten())
            .fold(0.0, |m: f64, &v| m.max(v));
        Scale { max }
    }

    /// Where `v` lies along the scale, from 0 to 1.
    fn position(&self, v: f64) -> f64 {
        if self.max > 0.0 {
            (v / self.max).max(0.0).sqrt()
        } else {
            0.0
        }
    }

    fn colour(&self, v: f64) -> Rgb {
        layout::viridis(self.position(v))
    }

    /// The key at (x, y), with round values where they fall; returns the y below it.
    fn key(&self, scene: &mut Scene, x: i32, y: i32) -> i32 {
        for i in 0..KEY {
            let t = f64::from(i) / f64::from(KEY - 1);
            scene.rect(x + i, y, x + i + 1, y + 18, layout::viridis(t));
        }
        let mut marks: Vec<(i32, String)> = vec![(0, "0".into())];
        if self.max > 0.0 {
            let mut candidates = Vec::new();
            let mut p = 10f64.powf(self.max.log10().floor() - 2.0);
            while p <= self.max {
                for m in [1.0, 2.0, 5.0] {
                    if p * m <= self.max {
                        candidates.push(p * m);
                    }
                }
                p *= 10.0;
            }
            for v in candidates {
                let at = (self.position(v) * f64::from(KEY - 1)).round() as i32;
                // Far enough from the marks already made (and from the end) to read.
                if marks.iter().all(|(m, _)| (at - m).abs() >= 46) {
                    let label = if v.fract() == 0.0 {
                        format!("{v:.0}")
                    } else {
                        layout::value_label(v)
                    };
                    marks.push((at, label));
                }
            }
        }
        for (at, label) in &marks {
            scene.line(vec![(x + at, y + 18), (x + at, y + 24)], layout::MUTED, 1);
            scene.text(x + at, y + 26, label, SMALL, Align::Middle, Align::Start);
        }
        scene.text(x, y + 50, &self.label(), SMALL, Align::Start, Align::Start);
        y + 74
    }

    fn label(&self) -> String {
        format!(
            "Affirmed hits per 1,000 tokens (highest {}; square-root scale)",
            layout::value_label(self.max)
        )
    }
}

/// One cell at (x, y): its colour on the chart's scale, and the rate printed in white or black,
/// whichever reads better on it; grey when there is no rate.
fn draw_cell(scene: &mut Scene, x: i32, y: i32, pitch: i32, rate: Option<f64>, scale: &Scale) {
    let Some(v) = rate else {
        scene.rect(x, y, x + pitch - 2, y + CELL_H - 2, layout::PANEL);
        return;
    };
    let fill = scale.colour(v);
    scene.rect(x, y, x + pitch - 2, y + CELL_H - 2, fill);
    let ink = if fill.luminance() < 0.45 {
        Rgb(255, 255, 255)
    } else {
        Rgb(0, 0, 0)
    };
    let text = fonts::fit(
        &layout::value_label(v),
        SMALL.size,
        false,
        (pitch - 8) as f32,
    );
    scene.text(
        x + pitch / 2 - 1,
        y + CELL_H / 2 - 1,
        &text,
        Font {
            color: ink,
            ..SMALL
        },
        Align::Middle,
        Align::Middle,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longer_list_runs_down_the_side() {
        assert!(categories_down_the_side(2, 31));
        assert!(categories_down_the_side(30, 31));
        assert!(!categories_down_the_side(31, 31));
        assert!(!categories_down_the_side(60, 31));
    }
}
