//! `heatmap.png`: articles (or groups) by categories. Colour shows a rate relative to the highest
//! in its column (rates of different categories differ tenfold, so one scale would hide most of
//! them); the number in each cell is the rate per 1,000 tokens.

use super::fonts;
use super::layout::{self, LABEL, MARGIN, SMALL};
use super::scene::{Align, Font, Rgb, Scene};
use crate::compare::engine::{Report, Unit};

const CELL_W: i32 = 76;
const CELL_H: i32 = 32;

pub fn heatmap(report: &Report) -> Option<Scene> {
    let units = &report.units;
    let schema = &report.schema;
    if units.is_empty() || schema.categories.is_empty() {
        return None;
    }
    let columns = schema.categories.len() as i32;
    let label_w = layout::label_width(units.iter().map(|u| u.label.as_str()), LABEL, 330.0);
    let x0 = MARGIN + label_w;
    let width = (x0 + columns * CELL_W + MARGIN).max(900);
    let what = if report.unit == Some(Unit::Groups) {
        "groups"
    } else {
        "articles"
    };
    let mut scene = Scene::new(width as u32, 0);
    let subtitle = vec![
        "Numbers: affirmed hits per 1,000 tokens. Colour: the rate relative to the highest in its column".to_string(),
        "(dark: none or little, yellow: the column's highest)".to_string(),
    ];
    let mut y = layout::header(
        &mut scene,
        &format!("Frame rates: {what} by category"),
        &subtitle,
    );

    // Lexicon spans, then category names on two staggered rows so neighbours never collide.
    for lexicon in &schema.lexicons {
        let (a, b) = (
            x0 + lexicon.categories.start as i32 * CELL_W,
            x0 + lexicon.categories.end as i32 * CELL_W,
        );
        let name = fonts::fit(&lexicon.id, LABEL.size, true, (b - a - 6) as f32);
        scene.text(
            (a + b) / 2,
            y,
            &name,
            Font {
                bold: true,
                ..LABEL
            },
            Align::Middle,
            Align::Start,
        );
        scene.line(vec![(a + 3, y + 28), (b - 3, y + 28)], layout::MUTED, 2);
    }
    y += 38;
    for (c, category) in schema.categories.iter().enumerate() {
        let cx = x0 + c as i32 * CELL_W + CELL_W / 2;
        let row = (c % 2) as i32;
        let name = fonts::fit(&category.name, SMALL.size, false, (2 * CELL_W - 10) as f32);
        scene.text(
            cx,
            y + row * 26,
            &name,
            Font {
                color: layout::INK,
                ..SMALL
            },
            Align::Middle,
            Align::Start,
        );
        scene.line(vec![(cx, y + row * 26 + 22), (cx, y + 52)], layout::GRID, 1);
    }
    y += 56;
    let max: Vec<f64> = (0..schema.categories.len())
        .map(|c| units.iter().filter_map(|u| u.rates[c]).fold(0.0, f64::max))
        .collect();
    for u in units {
        let label = fonts::fit_id(&u.label, LABEL.size, false, (label_w - 18) as f32);
        scene.text(
            x0 - 10,
            y + CELL_H / 2,
            &label,
            LABEL,
            Align::End,
            Align::Middle,
        );
        for (c, (rate, max)) in u.rates.iter().zip(&max).enumerate() {
            let cx = x0 + c as i32 * CELL_W;
            match *rate {
                Some(v) => {
                    let fill = layout::viridis(if *max > 0.0 { v / max } else { 0.0 });
                    scene.rect(cx, y, cx + CELL_W - 2, y + CELL_H - 2, fill);
                    let ink = if fill.luminance() < 0.45 {
                        Rgb(255, 255, 255)
                    } else {
                        Rgb(0, 0, 0)
                    };
                    let text = fonts::fit(
                        &layout::value_label(v),
                        SMALL.size,
                        false,
                        (CELL_W - 8) as f32,
                    );
                    scene.text(
                        cx + CELL_W / 2 - 1,
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
                None => scene.rect(cx, y, cx + CELL_W - 2, y + CELL_H - 2, layout::PANEL),
            }
        }
        y += CELL_H;
    }
    // A colour key.
    y += 20;
    let key_x = x0;
    for i in 0..200 {
        scene.rect(
            key_x + i,
            y,
            key_x + i + 1,
            y + 18,
            layout::viridis(i as f64 / 199.0),
        );
    }
    scene.text(key_x - 10, y + 9, "0", SMALL, Align::End, Align::Middle);
    scene.text(
        key_x + 210,
        y + 9,
        "highest in the column",
        SMALL,
        Align::Start,
        Align::Middle,
    );
    scene.height = (y + 18 + MARGIN) as u32;
    Some(scene)
}
