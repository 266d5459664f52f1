//! `tone.png` (the tone of each article or group with its interval) and `tone_arcs.png` (tone
//! sentence by sentence through each article, as small multiples, to show where an article
//! turns).

use super::fonts;
use super::layout::{self, Axis, GroupColours, LABEL, MARGIN, SIDE_A, SIDE_B, SMALL};
use super::scene::{Align, Font, Scene};
use crate::compare::{Report, Unit};

const WIDTH: u32 = 1400;

pub fn tone(report: &Report) -> Option<Scene> {
    let mut units: Vec<_> = report.units.iter().filter(|u| u.tone.is_some()).collect();
    if units.is_empty() {
        return None;
    }
    units.sort_by(|a, b| {
        b.tone
            .unwrap_or(0.0)
            .total_cmp(&a.tone.unwrap_or(0.0))
            .then(a.label.cmp(&b.label))
    });
    let articles = report.unit != Some(Unit::Groups);
    let groups = GroupColours::new(report);
    let row = 34;
    let names: Vec<&str> = units.iter().map(|u| u.label.as_str()).collect();
    let label_w = layout::label_width(names.iter().copied(), LABEL, 360.0);
    let labels = fonts::fit_ids(&names, LABEL.size, false, (label_w - 18) as f32);
    let x0 = MARGIN + label_w;
    let x1 = WIDTH as i32 - MARGIN - 100;
    let mut scene = Scene::new(WIDTH, 0);
    let confidence = (report.confidence * 100.0).round();
    let subtitle = vec![
        "Mean sentence tone, from −1 (negative) to +1 (positive), sorted from most positive"
            .to_string(),
        if articles {
            format!("Lines: {confidence:.0}% bootstrap interval over the article's sentences")
        } else {
            format!("Group tone is the mean of its articles' tones; lines: {confidence:.0}% bootstrap interval over its articles")
        },
    ];
    let mut y = layout::header(
        &mut scene,
        &format!("Tone by {}", if articles { "article" } else { "group" }),
        &subtitle,
    );
    let entries = groups.legend();
    if !entries.is_empty() {
        y = layout::legend(&mut scene, MARGIN, y, WIDTH as i32 - 2 * MARGIN, &entries);
    }
    let reach = units
        .iter()
        .flat_map(|u| [u.tone, u.tone_ci.map(|c| c.0), u.tone_ci.map(|c| c.1)])
        .flatten()
        .map(f64::abs)
        .fold(0.0, f64::max);
    let reach = (reach * 1.15).clamp(0.1, 1.0);
    let axis = Axis {
        x0,
        x1,
        lo: -reach,
        hi: reach,
    };
    let top = y;
    // Stripes first, so the grid lines run over them and under the intervals.
    for i in (0..units.len() as i32).step_by(2) {
        let ry = y + i * row;
        scene.rect(MARGIN, ry, WIDTH as i32 - MARGIN, ry + row, layout::PANEL);
    }
    let under = scene.shapes.len();
    for (u, label) in units.iter().zip(&labels) {
        let mid = y + row / 2;
        let colour = groups.of(&u.group);
        if let Some((lo, hi)) = u.tone_ci {
            scene.line(vec![(axis.x(lo), mid), (axis.x(hi), mid)], colour, 3);
        }
        let t = u.tone.unwrap_or(0.0);
        scene.circle(axis.x(t), mid, 8, colour);
        scene.text(x0 - 10, mid, label, LABEL, Align::End, Align::Middle);
        let value = format!(
            "{}{}",
            if t > 0.0 { "+" } else { "" },
            layout::value_label(t)
        );
        scene.text(
            WIDTH as i32 - MARGIN - 8,
            mid,
            &value,
            LABEL,
            Align::End,
            Align::Middle,
        );
        y += row;
    }
    y = axis.draw(
        &mut scene,
        under,
        top,
        y + 4,
        "mean sentence tone (−1 to +1)",
    );
    scene.height = (y + MARGIN) as u32;
    Some(scene)
}

pub fn arcs(report: &Report) -> Option<Scene> {
    let arcs: Vec<_> = report
        .arcs
        .iter()
        .filter(|a| a.tones.iter().any(Option::is_some))
        .collect();
    if arcs.is_empty() {
        return None;
    }
    let n = arcs.len();
    let cols = match n {
        1 => 1,
        2..=4 => 2,
        _ => 3,
    };
    let gap = 28;
    let panel_w = (WIDTH as i32 - 2 * MARGIN - (cols - 1) * gap) / cols;
    let panel_h = 230;
    let mut scene = Scene::new(WIDTH, 0);
    let subtitle = vec![
        "Each bar is one sentence, in reading order; its height is the sentence's tone (−1 to +1)"
            .to_string(),
    ];
    let mut y = layout::header(
        &mut scene,
        "Tone through each article, sentence by sentence",
        &subtitle,
    );
    let legend = [
        (vec![SIDE_A], "positive sentence".to_string()),
        (vec![SIDE_B], "negative sentence".to_string()),
        (
            vec![layout::INK],
            "moving average of 3 sentences".to_string(),
        ),
    ];
    y = layout::legend(&mut scene, MARGIN, y, WIDTH as i32 - 2 * MARGIN, &legend) + 6;
    let names: Vec<&str> = arcs.iter().map(|a| a.label.as_str()).collect();
    let titles = fonts::fit_ids(&names, LABEL.size, true, panel_w as f32);
    for (i, (arc, title)) in arcs.iter().zip(&titles).enumerate() {
        let (col, row) = (i as i32 % cols, i as i32 / cols);
        let px = MARGIN + col * (panel_w + gap);
        let py = y + row * (panel_h + gap);
        scene.text(
            px,
            py,
            title,
            Font {
                bold: true,
                ..LABEL
            },
            Align::Start,
            Align::Start,
        );
        let (left, right) = (px + 40, px + panel_w - 6);
        let (top, bottom) = (py + 34, py + panel_h - 34);
        let mid = (top + bottom) / 2;
        let half = (bottom - top) / 2;
        scene.rect(left, top, right, bottom, layout::PANEL);
        for (v, label) in [(1.0, "+1"), (0.0, "0"), (-1.0, "−1")] {
            let yy = mid - (v * half as f64) as i32;
            scene.line(
                vec![(left, yy), (right, yy)],
                if v == 0.0 {
                    layout::MUTED
                } else {
                    layout::GRID
                },
                1,
            );
            scene.text(left - 6, yy, label, SMALL, Align::End, Align::Middle);
        }
        let count = arc.tones.len().max(1);
        let step = (right - left) as f64 / count as f64;
        let inset = if step > 4.0 { 1.0 } else { 0.0 };
        for (k, t) in arc.tones.iter().enumerate() {
            let Some(t) = t else { continue };
            let xa = left + (k as f64 * step + inset) as i32;
            let xb = (left + ((k + 1) as f64 * step - inset) as i32).max(xa + 1);
            let yy = mid - (t * half as f64) as i32;
            scene.rect(xa, mid, xb, yy, if *t >= 0.0 { SIDE_A } else { SIDE_B });
        }
        if count >= 3 {
            let points: Vec<(i32, i32)> = (0..count)
                .filter_map(|k| {
                    let window: Vec<f64> = arc.tones[k.saturating_sub(1)..(k + 2).min(count)]
                        .iter()
                        .flatten()
                        .copied()
                        .collect();
                    (!window.is_empty()).then(|| {
                        let m = window.iter().sum::<f64>() / window.len() as f64;
                        (
                            left + ((k as f64 + 0.5) * step) as i32,
                            mid - (m * half as f64) as i32,
                        )
                    })
                })
                .collect();
            scene.line(points, layout::INK, 2);
        }
        scene.text(left, bottom + 6, "1", SMALL, Align::Start, Align::Start);
        scene.text(
            right,
            bottom + 6,
            &format!("sentence {count}"),
            SMALL,
            Align::End,
            Align::Start,
        );
    }
    let rows = (n as i32 + cols - 1) / cols;
    scene.height = (y + rows * (panel_h + gap) + MARGIN) as u32;
    Some(scene)
}
