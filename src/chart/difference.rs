//! `difference_A_vs_B.png`: for one comparison, A minus B per category as diverging bars with
//! their bootstrap intervals, each side in its group's colour; significant differences solid and
//! starred, others pale with an outline. One panel per lexicon, every panel on the one scale of
//! the chart, categories sorted by difference; categories that neither side uses are left out,
//! and the chart says how many.

use super::fonts;
use super::layout::{self, Axis, GroupColours, LABEL, MARGIN};
use super::scene::{Align, Font, Rgb, Scene};
use crate::compare::summary::short_number;
use crate::compare::{Adjustment, Comparison, Design, Measure, Report, Row};

const WIDTH: u32 = 1400;
const ROW: i32 = 32;
/// How much of white is mixed into a bar that is not significant.
const PALE: f32 = 0.65;

/// The colours of sides A and B: their groups' when the sides are of different groups; one
/// colour for both otherwise (the group's, or grey for articles without one), the axis telling
/// which side is higher.
pub fn side_colours(c: &Comparison, colours: &GroupColours) -> (Rgb, Rgb) {
    let (a, b) = (&c.members.0.group, &c.members.1.group);
    match (a == b, a.is_empty()) {
        (false, _) => (colours.of(a), colours.of(b)),
        (true, false) => (colours.of(a), colours.of(a)),
        (true, true) => (layout::OTHER, layout::OTHER),
    }
}

/// Draws a bar from `x0` to `x1`: solid when significant, else pale with an outline.
fn bar(scene: &mut Scene, x0: i32, x1: i32, y0: i32, y1: i32, colour: Rgb, solid: bool) {
    if solid {
        scene.rect(x0, y0, x1, y1, colour);
    } else {
        scene.rect(x0, y0, x1, y1, colour);
        let (l, r) = (x0.min(x1), x0.max(x1));
        if r - l > 4 {
            scene.rect(l + 2, y0 + 2, r - 2, y1 - 2, colour.lighten(PALE));
        }
    }
}

pub fn difference(report: &Report, c: &Comparison, colours: &GroupColours) -> Option<Scene> {
    let defined: Vec<&Row> = c
        .rows
        .iter()
        .filter(|r| !r.tone && r.diff.is_some())
        .collect();
    // A learned category's difference is of probabilities, on another scale than the rates
    // every panel shares: comparison.csv and the summary give it.
    let learned = defined
        .iter()
        .filter(|r| r.measure == Measure::MeanProbability)
        .count();
    // A category neither side uses has nothing to show: it would only fill the panels.
    let rows: Vec<&Row> = defined
        .iter()
        .copied()
        .filter(|r| r.measure == Measure::RatePer1k)
        .filter(|r| r.hits_a.unwrap_or(0) + r.hits_b.unwrap_or(0) > 0)
        .collect();
    let unused = defined.len() - learned - rows.len();
    if rows.is_empty() {
        return None;
    }
    let (colour_a, colour_b) = side_colours(c, colours);
    let schema = &report.schema;
    let label_w = layout::label_width(rows.iter().map(|r| r.category.as_str()), LABEL, 300.0);
    let x0 = MARGIN + label_w;
    let x1 = WIDTH as i32 - MARGIN - 110;
    let mut scene = Scene::new(WIDTH, 0);
    let confidence = (report.confidence * 100.0).round();
    let (design, test) = match c.design {
        Design::Stories => (
            format!(
                "paired over {} stories, intervals resample stories",
                c.sizes.stories
            ),
            "paired t",
        ),
        Design::Groups | Design::Baseline if c.resampled == "articles" => (
            "all articles pooled, intervals resample articles".to_string(),
            "G²",
        ),
        _ => ("intervals resample sentences".to_string(), "G²"),
    };
    let adjusted = match report.adjust {
        Adjustment::None => String::new(),
        method => format!("{} adjusted within each lexicon, ", method.name()),
    };
    let mut subtitle = vec![
        format!("A = {}", c.a),
        format!("B = {}", c.b),
        format!("Bars: difference in affirmed hits per 1,000 tokens ({design}); whiskers: {confidence:.0}% bootstrap interval; * significant"),
        format!("({adjusted}{test} p < {} and interval excluding 0); one scale for every panel", short_number(report.alpha)),
    ];
    if unused > 0 {
        subtitle.push(format!(
            "{unused} categor{} with no hit on either side not shown (comparison.csv lists every category)",
            if unused == 1 { "y" } else { "ies" }
        ));
    }
    if learned > 0 {
        subtitle.push(format!(
            "{learned} categor{} of a learned lexicon not shown: compared on mean probability, not rates (comparison.csv, summary.md)",
            if learned == 1 { "y" } else { "ies" }
        ));
    }
    // The title names both sides, each shortened alike when they are long.
    let room = (WIDTH as i32 - 2 * MARGIN) as f32
        - fonts::width("Frame rates:  minus ", layout::TITLE.size, true);
    let sides = fonts::fit_ids(&[&c.a, &c.b], layout::TITLE.size, true, room / 2.0);
    let title = format!("Frame rates: {} minus {}", sides[0], sides[1]);
    let mut y = layout::header(&mut scene, &title, &subtitle);
    let room = layout::LEGEND_LABEL - fonts::width("right of 0, A higher: ", LABEL.size, false);
    let sides = fonts::fit_ids(&[&c.a, &c.b], LABEL.size, false, room);
    let legend = [
        (
            vec![colour_a],
            format!("right of 0, A higher: {}", sides[0]),
        ),
        (vec![colour_b], format!("left of 0, B higher: {}", sides[1])),
        (
            vec![colour_a.lighten(PALE), colour_b.lighten(PALE)],
            "pale: not significant".to_string(),
        ),
    ];
    y = layout::legend(&mut scene, MARGIN, y, WIDTH as i32 - 2 * MARGIN, &legend) + 4;
    let reach = rows
        .iter()
        .flat_map(|r| [r.diff, r.ci.map(|c| c.0), r.ci.map(|c| c.1)])
        .flatten()
        .map(f64::abs)
        .fold(0.0, f64::max);
    let reach = if reach > 0.0 { reach * 1.1 } else { 1.0 };
    let axis = Axis {
        x0,
        x1,
        lo: -reach,
        hi: reach,
    };
    for lexicon in &schema.lexicons {
        let mut mine: Vec<&Row> = rows
            .iter()
            .copied()
            .filter(|r| r.lexicon == lexicon.id)
            .collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_by(|a, b| {
            b.diff
                .unwrap_or(0.0)
                .total_cmp(&a.diff.unwrap_or(0.0))
                .then(a.category.cmp(&b.category))
        });
        let heading = layout::lexicon_heading(lexicon);
        scene.text(
            MARGIN,
            y,
            &fonts::fit(
                &heading,
                layout::HEADING.size,
                true,
                (WIDTH as i32 - 2 * MARGIN) as f32,
            ),
            layout::HEADING,
            Align::Start,
            Align::Start,
        );
        y += 42;
        let top = y;
        let under = scene.shapes.len();
        for r in &mine {
            let diff = r.diff.unwrap_or(0.0);
            let mid = y + ROW / 2;
            let base = if diff >= 0.0 { colour_a } else { colour_b };
            bar(
                &mut scene,
                axis.x(0.0),
                axis.x(diff),
                mid - 9,
                mid + 9,
                base,
                r.significant,
            );
            if let Some((lo, hi)) = r.ci {
                let ink = Rgb(0x22, 0x22, 0x22);
                scene.line(vec![(axis.x(lo), mid), (axis.x(hi), mid)], ink, 2);
                scene.line(vec![(axis.x(lo), mid - 6), (axis.x(lo), mid + 6)], ink, 2);
                scene.line(vec![(axis.x(hi), mid - 6), (axis.x(hi), mid + 6)], ink, 2);
            }
            let name = fonts::fit(&r.category, LABEL.size, false, (label_w - 18) as f32);
            scene.text(x0 - 10, mid, &name, LABEL, Align::End, Align::Middle);
            let value = format!(
                "{}{}{}",
                if diff > 0.0 { "+" } else { "" },
                layout::value_label(diff),
                if r.significant { " *" } else { "" }
            );
            let font = if r.significant {
                Font {
                    bold: true,
                    ..LABEL
                }
            } else {
                Font {
                    color: layout::MUTED,
                    ..LABEL
                }
            };
            scene.text(
                WIDTH as i32 - MARGIN,
                mid,
                &value,
                font,
                Align::End,
                Align::Middle,
            );
            y += ROW;
        }
        y = axis.draw(
            &mut scene,
            under,
            top - 4,
            y + 4,
            "A − B, affirmed hits per 1,000 tokens",
        ) + 6;
    }
    scene.height = (y + MARGIN) as u32;
    Some(scene)
}
