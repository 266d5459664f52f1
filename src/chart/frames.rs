//! `frames.png`: frame rates per group or article, one panel per lexicon, every bar on one scale
//! for the whole chart (and for every page of it). Up to three sides of different groups as
//! grouped horizontal bars in their groups' colours; otherwise a grid, one row per side and one
//! column per category, each column with its axis, so thirty articles stay readable.

use super::fonts;
use super::layout::{self, Axis, GroupColours, Page, LABEL, MARGIN, SMALL};
use super::scene::{Align, Scene};
use crate::compare::describe::{Description, UnitSummary};
use crate::compare::{Unit, DETAIL_LIMIT};
use crate::output::layout::FRAMES_CHART;

const WIDTH: u32 = 1400;
/// Sides drawn as grouped bars; beyond this, the grid (more bars per category would make a
/// chart thousands of pixels tall and leave readers matching colours to a legend).
const MAX_GROUPED: usize = 3;
/// The narrowest column of the grid: a bar long enough to compare, and its value.
const GRID_COLUMN: i32 = 150;
/// Articles per page.
pub const PAGE: usize = 40;

/// The highest rate of any side: the end of the one scale.
fn scale_end(all: &[UnitSummary]) -> f64 {
    let max = all
        .iter()
        .flat_map(|u| u.rates.iter().flatten())
        .fold(0.0, |m: f64, &v| m.max(v));
    if max > 0.0 {
        max * 1.08
    } else {
        1.0
    }
}

/// The chart of `page` of the description's sides.
pub fn frames(desc: &Description, page: &Page, colours: &GroupColours) -> Option<Scene> {
    let units = &desc.sides[page.first..page.end];
    if units.is_empty() || desc.rate_categories() == 0 {
        return None;
    }
    let mut seen = Vec::new();
    let distinct = units.iter().all(|u| {
        let c = colours.of(&u.group);
        let new = !seen.contains(&c);
        seen.push(c);
        new
    });
    Some(if units.len() <= MAX_GROUPED && distinct {
        grouped(desc, units, page, colours)
    } else {
        grid(desc, units, page, colours)
    })
}

fn title(desc: &Description) -> String {
    match (desc.unit, desc.pooled) {
        (Unit::Groups, _) => "Frame rates by group".into(),
        (_, true) => format!("Frame rates of all {} articles", desc.articles),
        _ if desc.articles == 1 => "Frame rates of the article".into(),
        _ => "Frame rates by article".into(),
    }
}

/// What the sides account for, and which page this is.
pub fn accounting(desc: &Description, page: &Page, chart: &str) -> Vec<String> {
    let mut lines = Vec::new();
    match (desc.unit, desc.pooled) {
        (Unit::Groups, _) => lines.push(format!(
            "{} articles in {} groups, each group's articles pooled (its label gives their number)",
            desc.articles,
            desc.sides.len()
        )),
        (_, true) => lines.push(format!(
            "{} articles without groups, pooled: more than the {DETAIL_LIMIT} whose sentences are kept one by one",
            desc.articles
        )),
        _ => lines.extend(page.line("articles", chart)),
    }
    lines.extend(desc.learned_left_out());
    lines
}

/// A side's label: a group with its number of articles.
pub fn side_label(desc: &Description, u: &UnitSummary) -> String {
    match desc.unit {
        Unit::Groups => format!("{} ({})", u.label, u.articles),
        Unit::Articles => u.label.clone(),
    }
}

fn grouped(
    desc: &Description,
    units: &[UnitSummary],
    page: &Page,
    colours: &GroupColours,
) -> Scene {
    let n = units.len() as i32;
    let bar = 18;
    let pitch = bar + 3;
    let block = n * pitch + 16;
    let label_w = layout::label_width(
        desc.schema.categories.iter().map(|c| c.name.as_str()),
        LABEL,
        300.0,
    );
    let x0 = MARGIN + label_w;
    let x1 = WIDTH as i32 - MARGIN - 70;
    let mut scene = Scene::new(WIDTH, 0);
    let mut subtitle = vec![
        "Affirmed hits per 1,000 tokens, one scale for the whole chart; one panel per lexicon, categories sorted by average rate"
            .to_string(),
    ];
    subtitle.extend(accounting(desc, page, FRAMES_CHART));
    let mut y = layout::header(&mut scene, &title(desc), &subtitle);
    let entries: Vec<_> = units
        .iter()
        .map(|u| (vec![colours.of(&u.group)], side_label(desc, u)))
        .collect();
    y = layout::legend(&mut scene, MARGIN, y, WIDTH as i32 - 2 * MARGIN, &entries) + 6;
    let axis = Axis {
        x0,
        x1,
        lo: 0.0,
        hi: scale_end(&desc.sides),
    };
    for lexicon in desc.rate_lexicons() {
        scene.text(
            MARGIN,
            y,
            &fonts::fit(
                &layout::lexicon_heading(lexicon),
                layout::HEADING.size,
                true,
                (WIDTH as i32 - 2 * MARGIN) as f32,
            ),
            layout::HEADING,
            Align::Start,
            Align::Start,
        );
        y += 40;
        let cats = layout::categories_by_rate(&desc.sides, lexicon);
        let top = y;
        let under = scene.shapes.len();
        for &c in &cats {
            let name = fonts::fit(
                &desc.schema.categories[c].name,
                LABEL.size,
                false,
                (label_w - 18) as f32,
            );
            scene.text(
                x0 - 10,
                y + (block - 16) / 2,
                &name,
                LABEL,
                Align::End,
                Align::Middle,
            );
            for (i, u) in units.iter().enumerate() {
                let by = y + i as i32 * pitch;
                if let Some(v) = u.rates[c] {
                    scene.rect(
                        x0,
                        by,
                        axis.x(v).max(x0 + 1),
                        by + bar,
                        colours.of(&u.group),
                    );
                    scene.text(
                        axis.x(v) + 6,
                        by + bar / 2,
                        &layout::value_label(v),
                        SMALL,
                        Align::Start,
                        Align::Middle,
                    );
                }
            }
            y += block;
        }
        y = axis.draw(
            &mut scene,
            under,
            top - 4,
            y - 8,
            "affirmed hits per 1,000 tokens",
        ) + 4;
    }
    scene.height = (y + MARGIN) as u32;
    scene
}

fn grid(desc: &Description, units: &[UnitSummary], page: &Page, colours: &GroupColours) -> Scene {
    let row = 26;
    let names: Vec<String> = units.iter().map(|u| side_label(desc, u)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let label_w = layout::label_width(names.iter().copied(), LABEL, 330.0);
    let labels = fonts::fit_ids(&names, LABEL.size, false, (label_w - 18) as f32);
    let x0 = MARGIN + label_w;
    let width = WIDTH as i32;
    let x1 = width - MARGIN;
    // Columns of one width everywhere, so that one rate draws one length: a lexicon with more
    // categories than fit across takes several rows of columns.
    let per_row = ((x1 - x0) / GRID_COLUMN).max(1) as usize;
    let col_w = (x1 - x0) / per_row as i32;
    let mut scene = Scene::new(width as u32, 0);
    let end = scale_end(&desc.sides);
    let mut subtitle = vec![
        "Affirmed hits per 1,000 tokens; one panel per lexicon, one column per category, sorted by average rate"
            .to_string(),
        format!(
            "Every bar on one scale, from 0 to {} (the axis under each column)",
            layout::value_label(end)
        ),
    ];
    subtitle.extend(accounting(desc, page, FRAMES_CHART));
    let mut y = layout::header(&mut scene, &title(desc), &subtitle);
    let present: Vec<&str> = units.iter().map(|u| u.group.as_str()).collect();
    let entries = colours.legend(Some(&present));
    if !entries.is_empty() {
        y = layout::legend(&mut scene, MARGIN, y, width - 2 * MARGIN, &entries) + 6;
    }
    let bar_room = (col_w - 66).max(10);
    let length = |v: f64| (v / end * bar_room as f64).round() as i32;
    let ticks = layout::ticks(0.0, end, 1);
    let round = ticks.last().copied().unwrap_or(0.0);
    for lexicon in desc.rate_lexicons() {
        scene.text(
            MARGIN,
            y,
            &fonts::fit(
                &layout::lexicon_heading(lexicon),
                layout::HEADING.size,
                true,
                (width - 2 * MARGIN) as f32,
            ),
            layout::HEADING,
            Align::Start,
            Align::Start,
        );
        y += 40;
        let all = layout::categories_by_rate(&desc.sides, lexicon);
        for cats in all.chunks(per_row) {
            let headings: Vec<String> = cats
                .iter()
                .map(|&c| desc.schema.categories[c].name.clone())
                .collect();
            // Headings start where the bars do.
            let starts: Vec<i32> = (0..cats.len() as i32).map(|k| x0 + k * col_w + 6).collect();
            let upright = layout::upright_pitch(&headings) <= col_w;
            let headings = layout::ColumnHeadings::new(&headings, upright, col_w, 220.0);
            y += headings.height();
            headings.draw(&mut scene, &starts, Align::Start, y);
            y += 2;
            for (i, u) in units.iter().enumerate() {
                let ry = y + i as i32 * row;
                if i % 2 == 0 {
                    let end = x0 + col_w * cats.len() as i32;
                    scene.rect(MARGIN, ry, end, ry + row, layout::PANEL);
                }
                scene.text(
                    x0 - 10,
                    ry + row / 2,
                    &labels[i],
                    LABEL,
                    Align::End,
                    Align::Middle,
                );
                for (k, &c) in cats.iter().enumerate() {
                    let cx = x0 + k as i32 * col_w;
                    let Some(v) = u.rates[c] else { continue };
                    let len = length(v);
                    if v > 0.0 {
                        scene.rect(
                            cx + 6,
                            ry + 5,
                            cx + 6 + len.max(1),
                            ry + row - 5,
                            colours.of(&u.group),
                        );
                    }
                    scene.text(
                        cx + 12 + len,
                        ry + row / 2,
                        &layout::value_label(v),
                        SMALL,
                        Align::Start,
                        Align::Middle,
                    );
                }
            }
            y += row * units.len() as i32;
            // Each column's axis: its zero line up the rows, and a scale from 0 to a round
            // value.
            for k in 0..cats.len() as i32 {
                let cx = x0 + k * col_w + 6;
                scene.line(
                    vec![(cx, y - row * units.len() as i32), (cx, y)],
                    layout::MUTED,
                    1,
                );
                scene.line(vec![(cx, y), (cx + bar_room, y)], layout::MUTED, 1);
                scene.text(cx, y + 4, "0", SMALL, Align::Middle, Align::Start);
                if round > 0.0 && length(round) >= 24 {
                    let tx = cx + length(round);
                    scene.line(vec![(tx, y), (tx, y + 4)], layout::MUTED, 1);
                    scene.text(
                        tx,
                        y + 4,
                        &layout::tick_label(round, &ticks),
                        SMALL,
                        Align::Middle,
                        Align::Start,
                    );
                }
            }
            y += 34;
        }
        y += 6;
    }
    scene.height = (y + MARGIN) as u32;
    scene
}
