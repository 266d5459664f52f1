//! `frames.png`: frame rates per article or group, one panel per lexicon. Up to three sides as
//! grouped horizontal bars (one colour per side); more as a grid of small bars, one row per side
//! and one column per category (coloured by group), so thirty articles stay readable.

use super::fonts;
use super::layout::{self, Axis, GroupColours, LABEL, MARGIN, PALETTE, SMALL};
use super::scene::{Align, Scene};
use crate::compare::{Report, Unit};

const WIDTH: u32 = 1400;
/// Sides drawn as grouped bars; beyond this, the grid (more bars per category would make a
/// chart thousands of pixels tall and leave readers matching colours to a legend).
const MAX_GROUPED: usize = 3;
/// The narrowest column of the grid: a bar and its value.
const GRID_COLUMN: i32 = 112;

fn what(report: &Report) -> &'static str {
    match report.unit {
        Some(Unit::Groups) => "group",
        _ => "article",
    }
}

pub fn frames(report: &Report) -> Option<Scene> {
    if report.units.is_empty() || report.schema.categories.is_empty() {
        return None;
    }
    Some(if report.units.len() <= MAX_GROUPED {
        grouped(report)
    } else {
        grid(report)
    })
}

fn title(report: &Report) -> String {
    format!("Frame rates by {}", what(report))
}

fn grouped(report: &Report) -> Scene {
    let units = &report.units;
    let n = units.len() as i32;
    let bar = 18;
    let pitch = bar + 3;
    let block = n * pitch + 16;
    let label_w = layout::label_width(
        report.schema.categories.iter().map(|c| c.name.as_str()),
        LABEL,
        300.0,
    );
    let x0 = MARGIN + label_w;
    let x1 = WIDTH as i32 - MARGIN - 70;
    let mut scene = Scene::new(WIDTH, 0);
    let subtitle = vec![
        "Affirmed hits per 1,000 tokens; one panel per lexicon, categories sorted by average rate"
            .to_string(),
    ];
    let mut y = layout::header(&mut scene, &title(report), &subtitle);
    let entries: Vec<_> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (vec![PALETTE[i % PALETTE.len()]], u.label.clone()))
        .collect();
    y = layout::legend(&mut scene, MARGIN, y, WIDTH as i32 - 2 * MARGIN, &entries) + 6;
    for lexicon in &report.schema.lexicons {
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
        let cats = layout::categories_by_rate(report, lexicon);
        let max = cats
            .iter()
            .flat_map(|&c| units.iter().filter_map(move |u| u.rates[c]))
            .fold(0.0, f64::max);
        let axis = Axis {
            x0,
            x1,
            lo: 0.0,
            hi: if max > 0.0 { max * 1.08 } else { 1.0 },
        };
        let top = y;
        let under = scene.shapes.len();
        for &c in &cats {
            let name = fonts::fit(
                &report.schema.categories[c].name,
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
                        PALETTE[i % PALETTE.len()],
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

fn grid(report: &Report) -> Scene {
    let units = &report.units;
    let row = 26;
    let names: Vec<&str> = units.iter().map(|u| u.label.as_str()).collect();
    let label_w = layout::label_width(names.iter().copied(), LABEL, 330.0);
    let labels = fonts::fit_ids(&names, LABEL.size, false, (label_w - 18) as f32);
    let x0 = MARGIN + label_w;
    // Every panel shares the canvas; it widens so that the lexicon with the most categories
    // still gives each a readable column.
    let most = report
        .schema
        .lexicons
        .iter()
        .map(|l| l.categories.len() as i32)
        .max()
        .unwrap_or(1);
    let width = (x0 + most * GRID_COLUMN + MARGIN).max(WIDTH as i32);
    let x1 = width - MARGIN;
    let mut scene = Scene::new(width as u32, 0);
    let subtitle = vec![
        "Affirmed hits per 1,000 tokens; one panel per lexicon, one column per category, sorted by average rate"
            .to_string(),
        "Bars are scaled within each column (the longest is the column's highest rate)".to_string(),
    ];
    let mut y = layout::header(&mut scene, &title(report), &subtitle);
    let groups = GroupColours::new(report);
    let entries = groups.legend();
    if !entries.is_empty() {
        y = layout::legend(&mut scene, MARGIN, y, width - 2 * MARGIN, &entries) + 6;
    }
    for lexicon in &report.schema.lexicons {
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
        let cats = layout::categories_by_rate(report, lexicon);
        let col_w = (x1 - x0) / cats.len().max(1) as i32;
        let headings: Vec<String> = cats
            .iter()
            .map(|&c| report.schema.categories[c].name.clone())
            .collect();
        // Headings start where the bars do.
        let starts: Vec<i32> = (0..cats.len() as i32).map(|k| x0 + k * col_w + 6).collect();
        let upright = layout::upright_pitch(&headings) <= col_w;
        let headings = layout::ColumnHeadings::new(&headings, upright, col_w, 220.0);
        y += headings.height();
        headings.draw(&mut scene, &starts, Align::Start, y);
        y += 2;
        let bar_room = (col_w - 66).max(10) as f64;
        for (i, u) in units.iter().enumerate() {
            let ry = y + i as i32 * row;
            if i % 2 == 0 {
                scene.rect(MARGIN, ry, x1, ry + row, layout::PANEL);
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
                let max = units.iter().filter_map(|u| u.rates[c]).fold(0.0, f64::max);
                let Some(v) = u.rates[c] else { continue };
                let len = if max > 0.0 {
                    (v / max * bar_room) as i32
                } else {
                    0
                };
                scene.rect(
                    cx + 6,
                    ry + 5,
                    cx + 6 + len.max(1),
                    ry + row - 5,
                    groups.of(&u.group),
                );
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
        y += row * units.len() as i32 + 24;
    }
    scene.height = (y + MARGIN) as u32;
    scene
}
