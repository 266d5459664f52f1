//! A chart as a list of shapes in pixel coordinates, and its rendering to PNG (plotters' bitmap
//! backend, with text rasterised from the embedded font; SVG is written by [`super::svg`]).
//! Charts build scenes without knowing the output format, and tests can inspect where text went.

use plotters::prelude::*;

use super::fonts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// This colour mixed with white: `amount` 0 is the colour, 1 is white.
    pub fn lighten(self, amount: f32) -> Rgb {
        let mix = |c: u8| (c as f32 + (255.0 - c as f32) * amount).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// Relative luminance (ITU-R BT.709 weights on sRGB values), to pick a readable text colour.
    pub fn luminance(self) -> f32 {
        (0.2126 * self.0 as f32 + 0.7152 * self.1 as f32 + 0.0722 * self.2 as f32) / 255.0
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn plotters(self) -> RGBColor {
        RGBColor(self.0, self.1, self.2)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

/// How text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// Line height in pixels.
    pub size: f32,
    pub bold: bool,
    pub color: Rgb,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x0: i32,
        y0: i32,
        x1: i32,
        y1: i32,
        fill: Rgb,
    },
    Line {
        points: Vec<(i32, i32)>,
        color: Rgb,
        width: u32,
    },
    Circle {
        x: i32,
        y: i32,
        r: u32,
        fill: Rgb,
    },
    /// Text anchored at (x, y): `h` says which end of the text is at x, `v` whether y is its top,
    /// middle or bottom. Upright text is laid out first and then, when `up`, turned a quarter
    /// anticlockwise about (x, y) to read from bottom to top, as column headings in tables do.
    Text {
        x: i32,
        y: i32,
        text: String,
        font: Font,
        h: Align,
        v: Align,
        up: bool,
    },
}

/// A text's box: (x0, y0, x1, y1).
pub type TextBox = (f32, f32, f32, f32);

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: u32,
    pub height: u32,
    pub shapes: Vec<Shape>,
}

impl Scene {
    pub fn new(width: u32, height: u32) -> Scene {
        Scene {
            width,
            height,
            shapes: Vec::new(),
        }
    }

    pub fn rect(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, fill: Rgb) {
        let (x0, x1) = (x0.min(x1), x0.max(x1));
        let (y0, y1) = (y0.min(y1), y0.max(y1));
        self.shapes.push(Shape::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
        });
    }

    pub fn line(&mut self, points: Vec<(i32, i32)>, color: Rgb, width: u32) {
        self.shapes.push(Shape::Line {
            points,
            color,
            width,
        });
    }

    pub fn circle(&mut self, x: i32, y: i32, r: u32, fill: Rgb) {
        self.shapes.push(Shape::Circle { x, y, r, fill });
    }

    /// Draws `text` (sanitized to what the font covers) and returns its width.
    pub fn text(&mut self, x: i32, y: i32, text: &str, font: Font, h: Align, v: Align) -> f32 {
        self.push_text(x, y, text, font, h, v, false)
    }

    /// Draws `text` reading from bottom to top; `h` and `v` align it before it is turned, so
    /// `Align::Start` for `h` puts its first letter at y, the text rising above. Returns its length.
    pub fn text_up(&mut self, x: i32, y: i32, text: &str, font: Font, h: Align, v: Align) -> f32 {
        self.push_text(x, y, text, font, h, v, true)
    }

    #[allow(clippy::too_many_arguments)]
    fn push_text(
        &mut self,
        x: i32,
        y: i32,
        text: &str,
        font: Font,
        h: Align,
        v: Align,
        up: bool,
    ) -> f32 {
        let text = fonts::sanitize(text);
        let w = fonts::width(&text, font.size, font.bold);
        self.shapes.push(Shape::Text {
            x,
            y,
            text,
            font,
            h,
            v,
            up,
        });
        w
    }

    /// The boxes of every text, for checking that none overlap.
    pub fn text_boxes(&self) -> Vec<(String, TextBox)> {
        self.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text {
                    x,
                    y,
                    text,
                    font,
                    h,
                    v,
                    up,
                } => Some((text.clone(), text_box(*x, *y, text, font, *h, *v, *up))),
                _ => None,
            })
            .collect()
    }
}

/// Where a text lands: its left edge and baseline, and its box.
pub(super) fn place(
    x: i32,
    y: i32,
    text: &str,
    font: &Font,
    h: Align,
    v: Align,
) -> (f32, f32, TextBox) {
    let w = fonts::width(text, font.size, font.bold);
    let (ascent, descent) = fonts::metrics(font.size, font.bold);
    let left = match h {
        Align::Start => x as f32,
        Align::Middle => x as f32 - w / 2.0,
        Align::End => x as f32 - w,
    };
    // Centre on the height of capitals and digits (about 0.73 of the ascent), as readers expect.
    let baseline = match v {
        Align::Start => y as f32 + ascent,
        Align::Middle => y as f32 + ascent * 0.36,
        Align::End => y as f32 + descent,
    };
    (
        left,
        baseline,
        (
            left,
            baseline - ascent * 0.75,
            left + w,
            baseline - descent * 0.5,
        ),
    )
}

fn text_box(x: i32, y: i32, text: &str, font: &Font, h: Align, v: Align, up: bool) -> TextBox {
    if !up {
        return place(x, y, text, font, h, v).2;
    }
    // Laid out about the origin, then turned: a point (u, w) of upright text lands at
    // (x + w, y − u).
    let (l, t, r, b) = place(0, 0, text, font, h, v).2;
    (x as f32 + t, y as f32 - r, x as f32 + b, y as f32 - l)
}

#[derive(Debug, thiserror::Error)]
#[error("cannot draw the chart: {0}")]
pub struct RenderError(String);

pub(super) fn err(e: impl std::fmt::Display) -> RenderError {
    RenderError(e.to_string())
}

/// The scene as a PNG file.
pub fn png(scene: &Scene) -> Result<Vec<u8>, RenderError> {
    let (w, h) = (scene.width, scene.height);
    let mut buffer = vec![255u8; w as usize * h as usize * 3];
    {
        let area = BitMapBackend::with_buffer(&mut buffer, (w, h)).into_drawing_area();
        for shape in &scene.shapes {
            match shape {
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
                    let c = font.color;
                    let mut result = Ok(());
                    fonts::rasterise(
                        text,
                        font.size,
                        font.bold,
                        left,
                        baseline,
                        |px, py, coverage| {
                            // A quarter turn maps the pixel grid onto itself: pixel (px, py) of
                            // the upright text covers pixel (x + py, y − px − 1) once turned.
                            let at = if *up { (x + py, y - px - 1) } else { (px, py) };
                            if coverage > 0.0 && result.is_ok() {
                                result = area.draw_pixel(
                                    at,
                                    &RGBAColor(c.0, c.1, c.2, coverage.min(1.0) as f64),
                                );
                            }
                        },
                    );
                    result.map_err(err)?;
                }
                other => draw_shape(&area, other).map_err(err)?,
            }
        }
        area.present().map_err(err)?;
    }
    encode(w, h, &buffer)
}

/// RGB pixels as a PNG file: with a palette when they have at most 256 colours (as charts of
/// flat fills and anti-aliased text mostly do: a third of the size, and the same pixels),
/// else as RGB.
fn encode(w: u32, h: u32, rgb: &[u8]) -> Result<Vec<u8>, RenderError> {
    let mut colours: Vec<[u8; 3]> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for px in rgb.chunks_exact(3) {
        let c = [px[0], px[1], px[2]];
        if seen.insert(c) {
            colours.push(c);
            if colours.len() > 256 {
                break;
            }
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    let indexed: Option<Vec<u8>> = (colours.len() <= 256).then(|| {
        // Sorted, so that the same picture always gives the same file.
        colours.sort_unstable();
        let index: std::collections::HashMap<[u8; 3], u8> = colours
            .iter()
            .enumerate()
            .map(|(i, c)| (*c, i as u8))
            .collect();
        rgb.chunks_exact(3)
            .map(|px| index[&[px[0], px[1], px[2]]])
            .collect()
    });
    let data = match &indexed {
        Some(indices) => {
            // Palette indices are no quantities: filters that predict them only cost.
            encoder.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
            encoder.set_filter(png::FilterType::NoFilter);
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(colours.concat());
            indices.as_slice()
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            rgb
        }
    };
    let mut writer = encoder.write_header().map_err(err)?;
    writer.write_image_data(data).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}

fn draw_shape<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    shape: &Shape,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    match shape {
        Shape::Rect {
            x0,
            y0,
            x1,
            y1,
            fill,
        } => area.draw(&Rectangle::new(
            [(*x0, *y0), (*x1, *y1)],
            fill.plotters().filled(),
        )),
        Shape::Line {
            points,
            color,
            width,
        } => area.draw(&PathElement::new(
            points.clone(),
            color.plotters().stroke_width(*width),
        )),
        Shape::Circle { x, y, r, fill } => {
            area.draw(&Circle::new((*x, *y), *r, fill.plotters().filled()))
        }
        Shape::Text { .. } => Ok(()),
    }
}
