//! A scene as a self-contained SVG file: shapes placed on the same pixels as the PNG's, and text
//! drawn as the embedded font's glyph outlines (each glyph defined once and reused), so it looks
//! the same in every viewer whatever fonts it has. Each text keeps its words in an `aria-label`
//! for screen readers and search.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::fonts;
use super::scene::{place, RenderError, Scene, Shape};

/// Escapes text for an XML attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A number with at most three decimals and no trailing zeros.
fn n(x: f32) -> String {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// The glyphs used so far, each with its id in the file.
#[derive(Default)]
struct Glyphs {
    ids: HashMap<(bool, u16), Option<String>>,
    defs: String,
}

impl Glyphs {
    /// The id of a glyph's definition, defining it on first use; `None` for a glyph with no
    /// outline.
    fn id(&mut self, glyph: ab_glyph::GlyphId, bold: bool) -> Option<String> {
        if let Some(id) = self.ids.get(&(bold, glyph.0)) {
            return id.clone();
        }
        let id = fonts::glyph_path(glyph, bold).map(|d| {
            let id = format!("{}{}", if bold { 'b' } else { 'r' }, glyph.0);
            let _ = write!(self.defs, "<path id=\"{id}\" d=\"{d}\"/>");
            id
        });
        self.ids.insert((bold, glyph.0), id.clone());
        id
    }
}

/// The scene as an SVG file.
pub fn svg(scene: &Scene) -> Result<Vec<u8>, RenderError> {
    let (w, h) = (scene.width, scene.height);
    let mut body = String::new();
    let mut glyphs = Glyphs::default();
    let _ = write!(
        body,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    );
    for shape in &scene.shapes {
        match shape {
            // Plotters fills both corners' pixels: x1 - x0 + 1 pixels wide.
            Shape::Rect {
                x0,
                y0,
                x1,
                y1,
                fill,
            } => {
                let _ = write!(
                    body,
                    "<rect x=\"{x0}\" y=\"{y0}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                    x1 - x0 + 1,
                    y1 - y0 + 1,
                    fill.hex()
                );
            }
            // Pixel centres, so that a one-pixel line covers one row of pixels as in the PNG.
            Shape::Line {
                points,
                color,
                width,
            } => {
                let points: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{},{}", n(*x as f32 + 0.5), n(*y as f32 + 0.5)))
                    .collect();
                let _ = write!(
                    body,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\" stroke-linejoin=\"round\"/>",
                    points.join(" "),
                    color.hex()
                );
            }
            Shape::Circle { x, y, r, fill } => {
                let _ = write!(
                    body,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{r}\" fill=\"{}\"/>",
                    n(*x as f32 + 0.5),
                    n(*y as f32 + 0.5),
                    fill.hex()
                );
            }
            Shape::Text {
                x,
                y,
                text,
                font,
                h,
                v,
                up,
            } => {
                let (ax, ay) = if *up { (0, 0) } else { (*x, *y) };
                let (left, baseline, _) = place(ax, ay, text, font, *h, *v);
                let scale = fonts::units_to_pixels(font.size, font.bold);
                // Glyphs are placed in font units along the baseline, the whole text scaled
                // once; turned text is first turned a quarter anticlockwise about (x, y), as the
                // PNG turns it.
                let turn = if *up {
                    format!("translate({x} {y}) rotate(-90) ")
                } else {
                    String::new()
                };
                let _ = write!(
                    body,
                    "<g aria-label=\"{}\" fill=\"{}\" transform=\"{turn}translate({} {}) scale({} {})\">",
                    escape(text),
                    font.color.hex(),
                    n(left),
                    n(baseline),
                    n(scale),
                    n(-scale)
                );
                for (glyph, pen) in fonts::layout_glyphs(text, font.size, font.bold) {
                    let Some(id) = glyphs.id(glyph, font.bold) else {
                        continue;
                    };
                    let _ = write!(
                        body,
                        "<use xlink:href=\"#{id}\" x=\"{}\"/>",
                        (pen / scale).round()
                    );
                }
                body.push_str("</g>");
            }
        }
    }
    let mut out = String::with_capacity(body.len() + glyphs.defs.len() + 300);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">"
    );
    if !glyphs.defs.is_empty() {
        let _ = writeln!(out, "<defs>{}</defs>", glyphs.defs);
    }
    out.push_str(&body);
    out.push_str("\n</svg>\n");
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::layout::{LABEL, TITLE};
    use crate::chart::scene::{Align, Rgb};

    #[test]
    fn text_is_drawn_as_shared_glyph_outlines_and_named_for_readers() {
        let mut scene = Scene::new(300, 120);
        scene.rect(10, 10, 19, 19, Rgb(0, 0x72, 0xB2));
        scene.text(10, 40, "Hope & <fear>", TITLE, Align::Start, Align::Start);
        scene.text_up(200, 110, "hope", LABEL, Align::Start, Align::Middle);
        let svg = String::from_utf8(svg(&scene).unwrap()).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(!svg.contains("<text") && !svg.contains("font-family"));
        assert!(svg.contains("aria-label=\"Hope &amp; &lt;fear&gt;\""));
        assert!(
            svg.contains("<rect x=\"10\" y=\"10\" width=\"10\" height=\"10\" fill=\"#0072b2\"/>")
        );
        assert!(svg.contains("rotate(-90)"));
        // `e` is defined once per weight: used twice in the bold title, once in `hope`.
        for (bold, uses) in [(true, 2), (false, 1)] {
            let e = fonts::layout_glyphs("e", 20.0, bold)[0].0;
            let id = format!("{}{}", if bold { 'b' } else { 'r' }, e.0);
            assert_eq!(svg.matches(&format!("<path id=\"{id}\"")).count(), 1);
            assert_eq!(svg.matches(&format!("href=\"#{id}\"")).count(), uses);
        }
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}
