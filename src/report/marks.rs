//! A sentence with its matches marked, as `explain` marks them in the terminal: each mark tinted
//! by its lexicon (positive and negative tone apart), labelled with its categories so that no
//! colour has to be told apart, and flagged when negated, strengthened, weakened or contrasted;
//! its term, weight and what the rules did on hover, or on a tap on a phone.

use super::html::{escape, push_escaped};
use super::views::{MatchView, SentenceView};

/// Tints of marks (dark text reads on each), by lexicon in the run's order; the tone lexicon's
/// positive and negative matches take their own.
const TINTS: [&str; 6] = [
    "#fff1a8", "#cdeedd", "#e9dcf5", "#f7dfc8", "#d9e8f5", "#e4e4e4",
];
pub const POSITIVE: &str = "#cfe4ff";
pub const NEGATIVE: &str = "#ffd5c8";

/// What the rules did to a match, as a symbol and in words.
pub fn effects(m: &MatchView) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if m.negated && !m.counts {
        out.push(("¬", "negated: does not count"));
    } else if m.negated {
        out.push(("¬", "negated: this category counts it anyway"));
    }
    if m.note.contains(":before×") || m.note.contains(":after×") {
        out.push(("⇄", "contrasted"));
    }
    if !m.negated && m.effective.abs() > m.weight.abs() + 1e-9 {
        out.push(("↑", "strengthened"));
    } else if !m.negated && m.effective.abs() + 1e-9 < m.weight.abs() {
        out.push(("↓", "weakened"));
    }
    out
}

/// How marks are tinted: by lexicon, the tone lexicon by sign.
pub struct Tints {
    lexicons: Vec<String>,
    tone: Option<String>,
}

impl Tints {
    /// `lexicons` in the run's order; `tone` the tone lexicon's id.
    pub fn new(lexicons: Vec<String>, tone: Option<String>) -> Tints {
        Tints { lexicons, tone }
    }

    pub fn of(&self, lexicon: &str, category: &str) -> &'static str {
        if self.tone.as_deref() == Some(lexicon) {
            return if category == "negative" {
                NEGATIVE
            } else {
                POSITIVE
            };
        }
        let frames = self
            .lexicons
            .iter()
            .filter(|l| Some(l.as_str()) != self.tone.as_deref());
        let i = frames.take_while(|l| *l != lexicon).count();
        TINTS[i % TINTS.len()]
    }

    /// The lexicons with their tints, for a legend.
    pub fn legend(&self) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for l in &self.lexicons {
            if self.tone.as_deref() == Some(l.as_str()) {
                out.push((format!("{l}: positive"), POSITIVE));
                out.push((format!("{l}: negative"), NEGATIVE));
            } else {
                out.push((l.clone(), self.of(l, "")));
            }
        }
        out
    }
}

/// A match's line of the hover note: `crisis.hope · term hope* · weight 1.00 → 1.40 · very×1.4`.
fn note_line(m: &MatchView) -> String {
    let mut line = format!(
        "{}.{} · term {} · weight {:.2} → {:.2}",
        m.lexicon, m.category, m.term, m.weight, m.effective
    );
    if !m.note.is_empty() {
        line.push_str(&format!(" · {}", m.note));
    }
    for (_, words) in effects(m) {
        line.push_str(&format!(" · {words}"));
    }
    line
}

/// The sentence as HTML. With `only`, just the matches of that (lexicon, category) are marked.
/// Overlapping matches (one word of several categories) share the first one's mark.
pub fn sentence(s: &SentenceView, tints: &Tints, only: Option<(&str, &str)>) -> String {
    let matches: Vec<&MatchView> = s
        .matches
        .iter()
        .filter(|m| only.is_none_or(|(l, c)| m.lexicon == l && m.category == c))
        .filter(|m| {
            m.end <= s.text.len()
                && s.text.is_char_boundary(m.start)
                && s.text.is_char_boundary(m.end)
        })
        .collect();
    let mut groups: Vec<(usize, usize, Vec<&MatchView>)> = Vec::new();
    for m in matches {
        match groups.last_mut() {
            Some((_, end, members)) if m.start < *end => members.push(m),
            _ => groups.push((m.start, m.end, vec![m])),
        }
    }
    let mut out = String::with_capacity(s.text.len() * 2);
    let mut at = 0;
    for (start, end, members) in groups {
        push_escaped(&mut out, &s.text[at..start]);
        let first = members[0];
        let mut classes = vec!["m"];
        let all: Vec<(&str, &str)> = members.iter().flat_map(|m| effects(m)).collect();
        if all.iter().any(|(s, _)| *s == "¬") {
            classes.push("neg");
        }
        if all.iter().any(|(s, _)| *s == "↑") {
            classes.push("up");
        }
        let notes: Vec<String> = members.iter().map(|m| escape(&note_line(m))).collect();
        let notes = notes.join("&#10;");
        out.push_str(&format!(
            "<mark class=\"{}\" style=\"background:{}\" tabindex=\"0\" data-note=\"{notes}\">",
            classes.join(" "),
            tints.of(&first.lexicon, &first.category)
        ));
        push_escaped(&mut out, &s.text[start..end]);
        out.push_str("</mark>");
        // Each category once (two lexicons may share a name; the note tells them apart); with
        // one category asked for, its name goes without saying.
        let mut labels: Vec<String> = Vec::new();
        for m in &members {
            let symbols: String = effects(m).iter().map(|(s, _)| *s).collect();
            let label = match (only.is_some(), symbols.is_empty()) {
                (true, _) => symbols,
                (false, true) => escape(&m.category),
                (false, false) => format!("{} {symbols}", escape(&m.category)),
            };
            if !label.is_empty() && !labels.contains(&label) {
                labels.push(label);
            }
        }
        if !labels.is_empty() {
            out.push_str(&format!(
                "<span class=\"tag\">{}</span>",
                labels.join(" · ")
            ));
        }
        at = end;
    }
    push_escaped(&mut out, &s.text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, category: &str, negated: bool, effective: f64) -> MatchView {
        MatchView {
            start,
            end,
            term: "hope*".into(),
            lexicon: "crisis".into(),
            category: category.into(),
            weight: 1.0,
            negated,
            counts: !negated,
            note: if effective > 1.0 {
                "very×1.5".into()
            } else {
                String::new()
            },
            effective,
        }
    }

    #[test]
    fn marks_are_escaped_labelled_and_share_overlaps() {
        let s = SentenceView {
            text: "<b>very hope</b> & no peace".into(),
            tone: None,
            matches: vec![
                m(8, 12, "hope", false, 1.5),
                m(8, 12, "diplomacy", false, 1.0),
                m(22, 27, "peace", true, -1.0),
            ],
        };
        let tints = Tints::new(vec!["tone".into(), "crisis".into()], Some("tone".into()));
        let html = sentence(&s, &tints, None);
        assert!(
            html.starts_with("&lt;b&gt;very <mark class=\"m up\""),
            "{html}"
        );
        assert_eq!(html.matches("<mark").count(), 2);
        assert!(
            html.contains("<span class=\"tag\">hope ↑ · diplomacy</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"tag\">peace ¬</span>"),
            "{html}"
        );
        assert!(html.contains("weight 1.00 → 1.50 · very×1.5 · strengthened"));
        assert!(html.contains("&lt;/b&gt; &amp; no "));
        assert!(!html.contains("<b>"));
        let only = sentence(&s, &tints, Some(("crisis", "peace")));
        assert_eq!(only.matches("<mark").count(), 1);
        assert!(
            only.contains("</mark><span class=\"tag\">¬</span>"),
            "{only}"
        );
        let only = sentence(&s, &tints, Some(("crisis", "diplomacy")));
        assert!(!only.contains("class=\"tag\""), "{only}");
        assert_eq!(tints.of("tone", "negative"), NEGATIVE);
        assert_eq!(tints.of("crisis", "hope"), TINTS[0]);
    }
}
