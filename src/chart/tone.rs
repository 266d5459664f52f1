//! `tone.png` (the tone of each group or article with its interval) and `tone_arcs.png` (tone
//! sentence by sentence through each article, as small multiples in their group's colour, to
//! show where an article turns; pages of them for many articles, and per group, tenth by tenth,
//! when sentences were not kept for every article).

use super::fonts;
use super::frames::{accounting, side_label};
use super::layout::{self, Axis, GroupColours, Page, LABEL, MARGIN, SMALL};
use super::scene::{Align, Font, Rgb, Scene};
use crate::compare::describe::{Description, UnitSummary};
use crate::compare::{Unit, DETAIL_LIMIT};
use crate::output::layout::{TONE_ARCS_CHART, TONE_CHART};

const WIDTH: u32 = 1400;
/// Rows of `tone.png` per page.
pub const PAGE: usize = 50;
/// Panels of `tone_arcs.png` per page.
pub const ARCS_PAGE: usize = 36;
/// Articles shorter than this many sentences get no moving average: it would say nothing.
pub const SMOOTHED_FROM: usize = 10;

/// The sides with a tone, from the most positive.
pub fn sorted(desc: &Description) -> Vec<&UnitSummary> {
    let mut units: Vec<&UnitSummary> = desc.sides.iter().filter(|u| u.tone.is_some()).collect();
    units.sort_by(|a, b| {
        b.tone
            .unwrap_or(0.0)
            .total_cmp(&a.tone.unwrap_or(0.0))
            .then(a.label.cmp(&b.label))
    });
    units
}

/// The tone chart of `page` of `sorted` (see [`sorted`]).
pub fn tone(
    desc: &Description,
    sorted: &[&UnitSummary],
    page: &Page,
    colours: &GroupColours,
) -> Option<Scene> {
    let units = &sorted[page.first..page.end];
    if units.is_empty() {
        return None;
    }
    let articles = desc.unit == Unit::Articles && !desc.pooled;
    let row = 34;
    let names: Vec<String> = units.iter().map(|u| side_label(desc, u)).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let label_w = layout::label_width(names.iter().copied(), LABEL, 360.0);
    let labels = fonts::fit_ids(&names, LABEL.size, false, (label_w - 18) as f32);
    let x0 = MARGIN + label_w;
    let x1 = WIDTH as i32 - MARGIN - 100;
    let mut scene = Scene::new(WIDTH, 0);
    let confidence = (desc.confidence * 100.0).round();
    let mut subtitle = vec![
        "Mean sentence tone, from −1 (negative) to +1 (positive), sorted from most positive"
            .to_string(),
        if articles {
            format!("Lines: {confidence:.0}% bootstrap interval over the article's sentences")
        } else {
            format!("Tone of a group: the mean of its articles' tones; lines: {confidence:.0}% bootstrap interval over its articles")
        },
    ];
    subtitle.extend(accounting(desc, page, TONE_CHART));
    let mut y = layout::header(
        &mut scene,
        &format!("Tone by {}", if articles { "article" } else { "group" }),
        &subtitle,
    );
    let present: Vec<&str> = units.iter().map(|u| u.group.as_str()).collect();
    let entries = colours.legend(Some(&present));
    if !entries.is_empty() {
        y = layout::legend(&mut scene, MARGIN, y, WIDTH as i32 - 2 * MARGIN, &entries);
    }
    // One scale on every page.
    let reach = sorted
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
        let colour = colours.of(&u.group);
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

/// `page` of the tone arcs of the description's articles.
pub fn arcs(desc: &Description, page: &Page, colours: &GroupColours) -> Option<Scene> {
    let arcs = &desc.arcs[page.first..page.end];
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
    let mut subtitle = vec![
        "Each bar is one sentence, in reading order; its height is the sentence's tone (−1 to +1)"
            .to_string(),
        format!("Line: moving average over about a tenth of the article, for articles of {SMOOTHED_FROM} sentences or more"),
    ];
    subtitle.extend(page.line("articles", TONE_ARCS_CHART));
    let mut y = layout::header(
        &mut scene,
        "Tone through each article, sentence by sentence",
        &subtitle,
    );
    let present: Vec<&str> = arcs.iter().map(|a| a.group.as_str()).collect();
    let entries = colours.legend(Some(&present));
    if !entries.is_empty() {
        y = layout::legend(&mut scene, MARGIN, y, WIDTH as i32 - 2 * MARGIN, &entries);
    }
    y += 6;
    let names: Vec<&str> = arcs.iter().map(|a| a.label.as_str()).collect();
    let titles = fonts::fit_ids(&names, LABEL.size, true, (panel_w - 26) as f32);
    for (i, (arc, title)) in arcs.iter().zip(&titles).enumerate() {
        let (col, row) = (i as i32 % cols, i as i32 / cols);
        let px = MARGIN + col * (panel_w + gap);
        let py = y + row * (panel_h + gap);
        let colour = colours.of(&arc.group);
        let (left, right, bottom, mid, half) =
            arc_panel(&mut scene, (px, py), (panel_w, panel_h), colour, title);
        // More sentences than pixels: each pixel column shows the mean of its sentences.
        let tones = columns(&arc.tones, (right - left) as usize);
        let count = tones.len().max(1);
        let step = (right - left) as f64 / count as f64;
        let inset = if step > 4.0 { 1.0 } else { 0.0 };
        for (k, t) in tones.iter().enumerate() {
            let Some(t) = t else { continue };
            let xa = left + (k as f64 * step + inset) as i32;
            let xb = (left + ((k + 1) as f64 * step - inset) as i32).max(xa + 1);
            let yy = mid - (t * half as f64) as i32;
            scene.rect(xa, mid, xb, yy, colour);
        }
        let points: Vec<(i32, i32)> = moving_average(&tones)
            .into_iter()
            .enumerate()
            .filter_map(|(k, m)| {
                m.map(|m| {
                    (
                        left + ((k as f64 + 0.5) * step) as i32,
                        mid - (m * half as f64) as i32,
                    )
                })
            })
            .collect();
        if points.len() >= 2 {
            scene.line(points, layout::INK, 2);
        }
        scene.text(left, bottom + 6, "1", SMALL, Align::Start, Align::Start);
        scene.text(
            right,
            bottom + 6,
            &format!("sentence {}", arc.tones.len()),
            SMALL,
            Align::End,
            Align::Start,
        );
    }
    let rows = (n as i32 + cols - 1) / cols;
    scene.height = (y + rows * (panel_h + gap) + MARGIN) as u32;
    Some(scene)
}

/// `tones` in at most `width` columns: as they are when they fit, else each column the mean of
/// the sentences that fall in it.
fn columns(tones: &[Option<f64>], width: usize) -> Vec<Option<f64>> {
    if tones.len() <= width.max(1) {
        return tones.to_vec();
    }
    (0..width)
        .map(|c| {
            let part = &tones[c * tones.len() / width..(c + 1) * tones.len() / width];
            let toned: Vec<f64> = part.iter().flatten().copied().collect();
            (!toned.is_empty()).then(|| toned.iter().sum::<f64>() / toned.len() as f64)
        })
        .collect()
}

/// A panel's background, its +1, 0 and −1 lines and their labels.
fn tone_grid(scene: &mut Scene, left: i32, right: i32, mid: i32, half: i32) {
    scene.rect(left, mid - half, right, mid + half, layout::PANEL);
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
}

/// The centred moving average of `tones` over an odd window of about a tenth of their number
/// (at least 3); none for fewer than [`SMOOTHED_FROM`] sentences.
pub fn moving_average(tones: &[Option<f64>]) -> Vec<Option<f64>> {
    let n = tones.len();
    if n < SMOOTHED_FROM {
        return Vec::new();
    }
    let half = (n / 20).max(1);
    (0..n)
        .map(|k| {
            let window: Vec<f64> = tones[k.saturating_sub(half)..(k + half + 1).min(n)]
                .iter()
                .flatten()
                .copied()
                .collect();
            (!window.is_empty()).then(|| window.iter().sum::<f64>() / window.len() as f64)
        })
        .collect()
}

/// `tone_arcs.png` when sentences were not kept for every article: per group, the mean tone of
/// its articles tenth by tenth of their length, with intervals.
pub fn group_arcs(desc: &Description, colours: &GroupColours) -> Option<Scene> {
    let arcs: Vec<_> = desc
        .group_arcs
        .iter()
        .filter(|a| a.tenths.iter().any(Option::is_some))
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
    let panel_h = 250;
    let mut scene = Scene::new(WIDTH, 0);
    let confidence = (desc.confidence * 100.0).round();
    let subtitle = vec![
        format!(
            "{} articles: more than the {DETAIL_LIMIT} whose sentences are kept, so each group's articles are averaged",
            desc.articles
        ),
        "Each bar is a tenth of the articles' length; its height is the mean tone there (−1 to +1)"
            .to_string(),
        format!("Whiskers: about {confidence:.0}% interval over the articles (mean ± z standard errors)"),
    ];
    let y = layout::header(
        &mut scene,
        "Tone through the articles of each group, tenth by tenth",
        &subtitle,
    ) + 6;
    let names: Vec<String> = arcs
        .iter()
        .map(|a| format!("{} ({} articles)", desc.group_label(&a.group), a.articles))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let titles = fonts::fit_ids(&names, LABEL.size, true, (panel_w - 26) as f32);
    for (i, (arc, title)) in arcs.iter().zip(&titles).enumerate() {
        let (col, row) = (i as i32 % cols, i as i32 / cols);
        let px = MARGIN + col * (panel_w + gap);
        let py = y + row * (panel_h + gap);
        let colour = colours.of(&arc.group);
        let (left, right, bottom, mid, half) =
            arc_panel(&mut scene, (px, py), (panel_w, panel_h), colour, title);
        let step = (right - left) as f64 / arc.tenths.len() as f64;
        let at = |v: f64| mid - (v.clamp(-1.0, 1.0) * half as f64) as i32;
        for (k, tenth) in arc.tenths.iter().enumerate() {
            let Some(tenth) = tenth else {
                continue;
            };
            let (mean, interval) = (&tenth.mean, &tenth.interval);
            let xa = left + (k as f64 * step + 3.0) as i32;
            let xb = left + ((k + 1) as f64 * step - 3.0) as i32;
            scene.rect(xa, mid, xb, at(*mean), colour);
            if let Some((lo, hi)) = interval {
                let xm = (xa + xb) / 2;
                scene.line(vec![(xm, at(*lo)), (xm, at(*hi))], layout::INK, 2);
                scene.line(vec![(xm - 5, at(*lo)), (xm + 5, at(*lo))], layout::INK, 2);
                scene.line(vec![(xm - 5, at(*hi)), (xm + 5, at(*hi))], layout::INK, 2);
            }
        }
        scene.text(left, bottom + 6, "start", SMALL, Align::Start, Align::Start);
        scene.text(right, bottom + 6, "end", SMALL, Align::End, Align::Start);
    }
    let rows = (n as i32 + cols - 1) / cols;
    scene.height = (y + rows * (panel_h + gap) + MARGIN) as u32;
    Some(scene)
}

/// One arc's panel: its group's swatch and title, and the tone grid; returns the plot's left
/// and right edges, its bottom, its 0 line and half its height.
fn arc_panel(
    scene: &mut Scene,
    (px, py): (i32, i32),
    (panel_w, panel_h): (i32, i32),
    colour: Rgb,
    title: &str,
) -> (i32, i32, i32, i32, i32) {
    scene.rect(px, py + 3, px + 16, py + 19, colour);
    scene.text(
        px + 24,
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
    tone_grid(scene, left, right, mid, half);
    (left, right, bottom, mid, half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_articles_get_no_moving_average_and_long_ones_a_wider_one() {
        assert!(moving_average(&[Some(1.0); 9]).is_empty());
        let tones: Vec<Option<f64>> = (0..40).map(|k| Some(f64::from(k % 2))).collect();
        let smooth = moving_average(&tones);
        assert_eq!(smooth.len(), 40);
        // A window of 5 (two either side) in the middle.
        assert_eq!(smooth[10], Some(0.4));
        assert_eq!(smooth[0], Some(1.0 / 3.0));
        // Sentences past the pixels are averaged by column.
        let long: Vec<Option<f64>> = (0..1000).map(|k| Some(f64::from(k % 2))).collect();
        let cols = columns(&long, 100);
        assert_eq!(cols.len(), 100);
        assert!(cols.iter().all(|c| *c == Some(0.5)));
        assert_eq!(columns(&long[..10], 100).len(), 10);
    }
}
