//! The chart font, embedded: DejaVu Sans (see the README's notice), so text renders the same on
//! a machine with no font installed. Measures text and rasterises it with correct glyph
//! placement at any size.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

pub struct Fonts {
    pub regular: FontRef<'static>,
    pub bold: FontRef<'static>,
}

/// The embedded fonts, parsed once.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: FontRef::try_from_slice(dejavu::sans::regular())
            .expect("the embedded DejaVu Sans parses"),
        bold: FontRef::try_from_slice(dejavu::sans::bold())
            .expect("the embedded DejaVu Sans Bold parses"),
    })
}

fn face(bold: bool) -> &'static FontRef<'static> {
    let f = fonts();
    if bold {
        &f.bold
    } else {
        &f.regular
    }
}

/// `text` with every character the font cannot draw (and every control character) replaced by
/// `?`, so a label never renders as empty boxes.
pub fn sanitize(text: &str) -> String {
    let font = face(false);
    text.chars()
        .map(|c| {
            if c.is_control() || font.glyph_id(c).0 == 0 {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// The advance width of `text` in pixels at `size` (the line height in pixels).
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let font = face(bold).as_scaled(PxScale::from(size));
    let mut x = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = previous {
            x += font.kern(p, id);
        }
        x += font.h_advance(id);
        previous = Some(id);
    }
    x
}

/// Ascent and descent (negative) at `size`.
pub fn metrics(size: f32, bold: bool) -> (f32, f32) {
    let font = face(bold).as_scaled(PxScale::from(size));
    (font.ascent(), font.descent())
}

/// The font size for SVG (`font-size` is the em size, not the line height).
pub fn em(size: f32) -> f32 {
    let font = face(false);
    let scaled = font.as_scaled(PxScale::from(size));
    scaled.scale().y * font.units_per_em().unwrap_or(2048.0)
        / (font.ascent_unscaled() - font.descent_unscaled())
}

/// `text` shortened with `…` so it is at most `max` pixels wide.
pub fn fit(text: &str, size: f32, bold: bool, max: f32) -> String {
    let text = sanitize(text);
    if width(&text, size, bold) <= max {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if width(&candidate, size, bold) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…"
}

/// `text` shortened in the middle with `…` so it is at most `max` pixels wide, keeping its end,
/// where ids differ (`morning-herald/…` ids share their start).
pub fn fit_middle(text: &str, size: f32, bold: bool, max: f32) -> String {
    let text = sanitize(text);
    if width(&text, size, bold) <= max {
        return text;
    }
    let chars: Vec<char> = text.chars().collect();
    let shortened = |keep: usize| {
        let head = keep * 2 / 5;
        let tail = keep - head;
        let mut s: String = chars[..head]
            .iter()
            .collect::<String>()
            .trim_end()
            .to_string();
        s.push('…');
        s.extend(&chars[chars.len() - tail..]);
        s
    };
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if width(&shortened(mid), size, bold) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    shortened(lo)
}

/// An article or group id shortened to `max` pixels: for `group/name` ids the group is shortened
/// first and the name keeps its start (where article names differ), otherwise the middle goes.
pub fn fit_id(id: &str, size: f32, bold: bool, max: f32) -> String {
    let id = sanitize(id);
    if width(&id, size, bold) <= max {
        return id;
    }
    let Some((group, name)) = id.rsplit_once('/') else {
        return fit_middle(&id, size, bold, max);
    };
    let name_w = width(name, size, bold);
    let group_room = max - name_w - width("/", size, bold);
    if group_room >= width("abcde…", size, bold) {
        return format!("{}/{name}", fit(group, size, bold, group_room));
    }
    let group = fit(group, size, bold, width("abcde…", size, bold));
    let room = max - width(&group, size, bold) - width("/", size, bold);
    format!("{group}/{}", fit(name, size, bold, room.max(0.0)))
}

/// Ids shortened to `max` pixels each, alike, for labels that stand one under another: in
/// `group/name` ids every group is cut to the same width (no narrower than needed to tell the
/// groups apart), so names keep their start, where article names differ; ids without a group
/// keep their start too. Labels that would then read the same lose their middle instead.
pub fn fit_ids(ids: &[&str], size: f32, bold: bool, max: f32) -> Vec<String> {
    let ids: Vec<String> = ids.iter().map(|id| sanitize(id)).collect();
    if ids.iter().all(|id| width(id, size, bold) <= max) {
        return ids;
    }
    let slash = width("/", size, bold);
    let parts: Vec<Option<(&str, &str)>> = ids.iter().map(|id| id.rsplit_once('/')).collect();
    let widest_name = parts
        .iter()
        .flatten()
        .map(|(_, name)| width(name, size, bold))
        .fold(0.0, f32::max);
    let mut groups: Vec<&str> = parts.iter().flatten().map(|(g, _)| *g).collect();
    groups.sort_unstable();
    groups.dedup();
    let least = width("abcdefgh…", size, bold);
    let mut group_w = (max - widest_name - slash).max(least);
    let cut = |w: f32| -> Vec<String> { groups.iter().map(|g| fit(g, size, bold, w)).collect() };
    loop {
        let mut cuts = cut(group_w);
        cuts.sort_unstable();
        cuts.dedup();
        if cuts.len() == groups.len() || group_w >= max / 2.0 {
            break;
        }
        group_w += size / 2.0;
    }
    let shorten = |id: &String, part: Option<(&str, &str)>, keep_start: bool| match part {
        Some((group, name)) => {
            let group = fit(group, size, bold, group_w);
            let room = (max - width(&group, size, bold) - slash).max(0.0);
            let name = if keep_start {
                fit(name, size, bold, room)
            } else {
                fit_middle(name, size, bold, room)
            };
            format!("{group}/{name}")
        }
        None if keep_start => fit(id, size, bold, max),
        None => fit_middle(id, size, bold, max),
    };
    let mut out: Vec<String> = ids
        .iter()
        .zip(&parts)
        .map(|(id, part)| shorten(id, *part, true))
        .collect();
    let clashing: Vec<bool> = (0..out.len())
        .map(|i| (0..out.len()).any(|j| out[j] == out[i] && ids[j] != ids[i]))
        .collect();
    for (i, clash) in clashing.into_iter().enumerate() {
        if clash {
            out[i] = shorten(&ids[i], parts[i], false);
        }
    }
    out
}

/// Rasterises `text` with its baseline starting at (x, baseline), calling `pixel(x, y, coverage)`
/// for every covered pixel.
pub fn rasterise(
    text: &str,
    size: f32,
    bold: bool,
    x: f32,
    baseline: f32,
    mut pixel: impl FnMut(i32, i32, f32),
) {
    let font = face(bold);
    let scaled = font.as_scaled(PxScale::from(size));
    let mut pen = x;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            pen += scaled.kern(p, id);
        }
        let glyph = id.with_scale_and_position(PxScale::from(size), ab_glyph::point(pen, baseline));
        if let Some(outline) = font.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                pixel(
                    bounds.min.x as i32 + gx as i32,
                    bounds.min.y as i32 + gy as i32,
                    coverage,
                )
            });
        }
        pen += scaled.h_advance(id);
        previous = Some(id);
    }
}

/// The glyphs of `text` at `size` with the pen position of each from the text's start, placed
/// as [`rasterise`] places them.
pub fn layout_glyphs(text: &str, size: f32, bold: bool) -> Vec<(ab_glyph::GlyphId, f32)> {
    let scaled = face(bold).as_scaled(PxScale::from(size));
    let mut pen = 0.0;
    let mut previous = None;
    let mut out = Vec::new();
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            pen += scaled.kern(p, id);
        }
        out.push((id, pen));
        pen += scaled.h_advance(id);
        previous = Some(id);
    }
    out
}

/// Pixels per font unit at `size`.
pub fn units_to_pixels(size: f32, bold: bool) -> f32 {
    face(bold).as_scaled(PxScale::from(size)).h_scale_factor()
}

/// A glyph's outline as SVG path data in font units (y pointing up), or `None` for a glyph
/// without one (a space).
pub fn glyph_path(id: ab_glyph::GlyphId, bold: bool) -> Option<String> {
    use ab_glyph::OutlineCurve::{Cubic, Line, Quad};
    use std::fmt::Write as _;
    let outline = face(bold).outline(id)?;
    let mut d = String::new();
    let mut at: Option<ab_glyph::Point> = None;
    let point = |d: &mut String, p: ab_glyph::Point| {
        let _ = write!(d, "{} {}", p.x.round(), p.y.round());
    };
    for curve in &outline.curves {
        let start = match curve {
            Line(a, _) | Quad(a, _, _) | Cubic(a, _, _, _) => *a,
        };
        if at != Some(start) {
            if at.is_some() {
                d.push('Z');
            }
            d.push('M');
            point(&mut d, start);
        }
        match curve {
            Line(_, b) => {
                d.push('L');
                point(&mut d, *b);
                at = Some(*b);
            }
            Quad(_, c, b) => {
                d.push('Q');
                point(&mut d, *c);
                d.push(' ');
                point(&mut d, *b);
                at = Some(*b);
            }
            Cubic(_, c1, c2, b) => {
                d.push('C');
                point(&mut d, *c1);
                d.push(' ');
                point(&mut d, *c2);
                d.push(' ');
                point(&mut d, *b);
                at = Some(*b);
            }
        }
    }
    if d.is_empty() {
        return None;
    }
    d.push('Z');
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_fits_and_sanitizes() {
        assert!(width("Hope", 18.0, false) > 30.0);
        assert!(width("Hope", 18.0, true) > width("Hope", 18.0, false));
        let long = "morning-herald/a-very-long-article-id-that-goes-on-and-on";
        let short = fit(long, 18.0, false, 150.0);
        assert!(
            short.ends_with('…') && width(&short, 18.0, false) <= 150.0,
            "{short}"
        );
        assert_eq!(fit("short", 18.0, false, 150.0), "short");
        let middle = fit_middle(
            "Zeitung für Politik und Gesellschaft/article-02-short",
            18.0,
            false,
            250.0,
        );
        let id = fit_id(
            "Zeitung für Politik und Gesellschaft/article-08-a-long-slug-about-talks",
            18.0,
            false,
            250.0,
        );
        assert!(
            id.contains("/article-08") && width(&id, 18.0, false) <= 250.0,
            "{id}"
        );
        assert!(
            middle.ends_with("article-02-short")
                && middle.contains('…')
                && width(&middle, 18.0, false) <= 250.0,
            "{middle}"
        );
        assert_eq!(sanitize("a\u{4e2d}b\n"), "a?b?");
        assert!(em(18.0) < 18.0 && em(18.0) > 14.0);
    }
}
