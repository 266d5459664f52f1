//! `over_time.png`: each group's frame rates and tone week by week or month by month, with
//! intervals, as small multiples: the tone (when there is a tone lexicon), the categories of the
//! primary hypothesis, then the most used categories; every category panel on one scale.

use super::fonts;
use super::layout::{self, GroupColours, LABEL, MARGIN, SMALL};
use super::scene::{Align, Font, Rgb, Scene};
use crate::compare::describe::Description;
use crate::compare::timeseries::TimeSeries;

const WIDTH: u32 = 1400;
const COLUMNS: i32 = 2;
const PANEL_H: i32 = 270;
/// Category panels drawn, besides the tone.
pub const CATEGORY_PANELS: usize = 8;

/// What a panel shows: the tone, or a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Tone,
    Category(usize),
}

/// The panels: the tone, the focus categories, then the most used categories of the frame
/// lexicons (the tone lexicon's are the tone panel), at most [`CATEGORY_PANELS`] of them.
pub fn panels(desc: &Description, ts: &TimeSeries) -> Vec<Measure> {
    let schema = &desc.schema;
    let mut out = Vec::new();
    if ts.tone {
        out.push(Measure::Tone);
    }
    let key = |c: usize| {
        let cat = &schema.categories[c];
        format!("{}.{}", cat.lexicon, cat.name)
    };
    let tone_lexicon = |c: usize| {
        schema
            .lexicons
            .iter()
            .any(|l| l.tone && l.categories.contains(&c))
    };
    // A learned category's rate of matches is not what it measures.
    let mut chosen: Vec<usize> = (0..schema.categories.len())
        .filter(|&c| desc.focus.contains(&key(c)) && !schema.categories[c].learned())
        .collect();
    let tokens: u64 = ts.cells.iter().map(|c| c.tokens).sum();
    let mut by_use: Vec<(usize, u64)> = (0..schema.categories.len())
        .filter(|&c| !tone_lexicon(c) && !chosen.contains(&c) && !schema.categories[c].learned())
        .map(|c| (c, ts.cells.iter().map(|cell| cell.hits[c]).sum()))
        .filter(|&(_, hits)| hits > 0 && tokens > 0)
        .collect();
    by_use.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    chosen.extend(by_use.into_iter().map(|(c, _)| c));
    chosen.truncate(CATEGORY_PANELS.max(desc.focus.len()));
    out.extend(chosen.into_iter().map(Measure::Category));
    out
}

/// A value of one cell, with its interval.
fn value(ts: &TimeSeries, cell: usize, m: Measure) -> Option<(f64, Option<(f64, f64)>)> {
    let c = &ts.cells[cell];
    match m {
        Measure::Tone => c.tone.map(|t| (t, c.tone_interval)),
        Measure::Category(k) => c.rates[k].map(|r| (r, c.intervals[k])),
    }
}

pub fn over_time(desc: &Description, colours: &GroupColours) -> Option<Scene> {
    let ts = desc.timeseries.as_ref()?;
    let panels = panels(desc, ts);
    if panels.is_empty() || ts.periods.is_empty() {
        return None;
    }
    let schema = &desc.schema;
    let mut scene = Scene::new(WIDTH, 0);
    let confidence = (desc.confidence * 100.0).round();
    let per = if ts.weekly {
        "week (Monday to Sunday)"
    } else {
        "month"
    };
    let mut subtitle = vec![
        format!("Per {per}, each group's articles of the period pooled: affirmed hits per 1,000 tokens, and the mean tone of its articles"),
        format!("Whiskers: {confidence:.0}% bootstrap interval over the period's articles; hollow point: one article, no interval"),
    ];
    let categories = panels.iter().filter(|m| **m != Measure::Tone).count();
    subtitle.push(format!(
        "Every category panel on one scale; {categories} of {} categories shown (the named ones, then the most used); timeseries.csv has all",
        desc.rate_categories()
    ));
    subtitle.extend(desc.learned_left_out());
    let dated = ts.cells.iter().map(|c| c.articles).sum::<usize>();
    if ts.undated > 0 {
        subtitle.push(format!(
            "{dated} of {} articles have a date; the {} without are not counted here",
            dated + ts.undated,
            ts.undated
        ));
    } else {
        subtitle.push(format!("All {dated} articles have a date"));
    }
    let mut y = layout::header(
        &mut scene,
        &format!(
            "Frame rates and tone by {} and group",
            if ts.weekly { "week" } else { "month" }
        ),
        &subtitle,
    );
    let groups: Vec<&str> = ts.groups.iter().map(String::as_str).collect();
    let entries = colours.legend(Some(&groups));
    if !entries.is_empty() {
        y = layout::legend(&mut scene, MARGIN, y, WIDTH as i32 - 2 * MARGIN, &entries);
    }
    y += 8;
    // One scale for every category panel: up to the highest rate, and whiskers up to half as
    // far again; longer ones are cut at the panel's top.
    let top_rate = (0..ts.cells.len())
        .flat_map(|i| panels.iter().map(move |&m| (i, m)))
        .filter(|(_, m)| *m != Measure::Tone)
        .filter_map(|(i, m)| value(ts, i, m))
        .fold(0.0f64, |acc, (v, ci)| {
            acc.max(v).max(ci.map_or(0.0, |c| c.1.min(v * 1.5)))
        });
    let rate_end = if top_rate > 0.0 { top_rate * 1.05 } else { 1.0 };
    let gap = 36;
    let panel_w = (WIDTH as i32 - 2 * MARGIN - (COLUMNS - 1) * gap) / COLUMNS;
    for (i, &m) in panels.iter().enumerate() {
        let (col, row) = (i as i32 % COLUMNS, i as i32 / COLUMNS);
        let px = MARGIN + col * (panel_w + gap);
        let py = y + row * (PANEL_H + gap);
        let title = match m {
            Measure::Tone => "tone (mean of the articles, −1 to +1)".to_string(),
            Measure::Category(k) => {
                let c = &schema.categories[k];
                format!("{}.{} per 1,000 tokens", c.lexicon, c.name)
            }
        };
        scene.text(
            px,
            py,
            &fonts::fit(&title, LABEL.size, true, panel_w as f32),
            Font {
                bold: true,
                ..LABEL
            },
            Align::Start,
            Align::Start,
        );
        let (lo, hi) = match m {
            Measure::Tone => (-1.0, 1.0),
            Measure::Category(_) => (0.0, rate_end),
        };
        draw_panel(
            &mut scene,
            ts,
            m,
            colours,
            (px + 52, py + 34, px + panel_w - 8, py + PANEL_H - 48),
            (lo, hi),
        );
    }
    let rows = (panels.len() as i32 + COLUMNS - 1) / COLUMNS;
    scene.height = (y + rows * (PANEL_H + gap) + MARGIN) as u32;
    Some(scene)
}

/// One panel in the box (left, top, right, bottom), its values from `lo` to `hi`.
fn draw_panel(
    scene: &mut Scene,
    ts: &TimeSeries,
    m: Measure,
    colours: &GroupColours,
    (left, top, right, bottom): (i32, i32, i32, i32),
    (lo, hi): (f64, f64),
) {
    scene.rect(left, top, right, bottom, layout::PANEL);
    let y_of = |v: f64| {
        let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
        bottom - (t * f64::from(bottom - top)).round() as i32
    };
    let ticks = layout::ticks(lo, hi, 4);
    for &v in &ticks {
        let yy = y_of(v);
        let colour = if v == 0.0 {
            layout::MUTED
        } else {
            layout::GRID
        };
        scene.line(vec![(left, yy), (right, yy)], colour, 1);
        scene.text(
            left - 6,
            yy,
            &layout::tick_label(v, &ticks),
            SMALL,
            Align::End,
            Align::Middle,
        );
    }
    let n = ts.periods.len();
    let step = f64::from(right - left) / n as f64;
    let x_of = |p: usize| left + ((p as f64 + 0.5) * step).round() as i32;
    // Period labels, as many as fit side by side.
    let widest = ts
        .periods
        .iter()
        .map(|p| fonts::width(&p.label, SMALL.size, false))
        .fold(0.0, f32::max);
    let stride = ((widest + 12.0) as f64 / step).ceil().max(1.0) as usize;
    for (p, span) in ts.periods.iter().enumerate().step_by(stride) {
        scene.line(
            vec![(x_of(p), bottom), (x_of(p), bottom + 5)],
            layout::MUTED,
            1,
        );
        scene.text(
            x_of(p),
            bottom + 8,
            &span.label,
            SMALL,
            Align::Middle,
            Align::Start,
        );
    }
    let groups = ts.groups.len();
    // Groups side by side within a period, so that their whiskers do not hide each other.
    let dodge = (step * 0.5 / groups.max(1) as f64).min(8.0);
    for g in 0..groups {
        let colour = colours.of(&ts.groups[g]);
        let offset = ((g as f64 - (groups as f64 - 1.0) / 2.0) * dodge).round() as i32;
        let mut line: Vec<(i32, i32)> = Vec::new();
        let mut previous = None;
        let cells = ts.cells.iter().enumerate().filter(|(_, c)| c.group == g);
        let mut points = Vec::new();
        for (i, cell) in cells {
            let Some((v, ci)) = value(ts, i, m) else {
                continue;
            };
            let x = x_of(cell.period) + offset;
            // A period without articles breaks the line.
            if previous.is_some_and(|p| p + 1 != cell.period) && line.len() >= 2 {
                scene.line(std::mem::take(&mut line), colour, 2);
            } else if previous.is_some_and(|p| p + 1 != cell.period) {
                line.clear();
            }
            previous = Some(cell.period);
            line.push((x, y_of(v)));
            if let Some((a, b)) = ci {
                scene.line(vec![(x, y_of(a)), (x, y_of(b))], colour, 2);
            }
            points.push((x, y_of(v), cell.articles == 1));
        }
        if line.len() >= 2 {
            scene.line(line, colour, 2);
        }
        for (x, yy, single) in points {
            scene.circle(x, yy, 5, colour);
            if single {
                scene.circle(x, yy, 3, Rgb(255, 255, 255));
            }
        }
    }
}
