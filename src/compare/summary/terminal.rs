//! The short summary for the terminal: a block per comparison (its strongest findings, the
//! tone, and what the numbers rest on), wrapped to the terminal's width, then a pointer to
//! `summary.md` for the rest.

use super::{comparison_focus, describe_tone, detectable, finding_short, findings, heading};
use crate::compare::findings::Report;

/// Findings shown per comparison on the terminal.
const SHOWN: usize = 3;

/// The terminal summary of up to `limit` comparisons, lines wrapped at `width` columns.
pub fn terminal(report: &Report, notes: &[String], limit: usize, width: usize) -> String {
    let mut out = String::new();
    for note in notes {
        out.push_str(&wrap(&format!("note: {note}"), width, ""));
    }
    for c in report.comparisons.iter().take(limit) {
        out.push('\n');
        out.push_str(&wrap(&heading(c), width, ""));
        let mut items: Vec<String> = comparison_focus(c, report);
        let ranked = findings(c, |r| !r.primary);
        let significant = ranked.iter().filter(|f| f.row.significant).count();
        if ranked.is_empty() {
            items.push("No category difference to report.".into());
        } else if significant == 0 {
            items.push("No category differs significantly; the largest:".into());
        }
        items.extend(
            ranked
                .iter()
                .take(SHOWN)
                .map(|f| finding_short(c, f, report)),
        );
        if significant == 0 {
            if let Some(f) = ranked.first() {
                items.extend(detectable(c, f.row, report));
            }
        }
        if let Some(tone) = c.rows.iter().find(|r| r.tone && !r.primary) {
            items.push(format!("Tone: {}.", describe_tone(c, tone, report)));
        }
        if !c.cautions.is_empty() {
            let cautions: Vec<String> = c.cautions.iter().map(|x| x.to_string()).collect();
            items.push(format!("Caution: {}.", cautions.join("; ")));
        }
        for item in items {
            out.push_str(&wrap(&item, width, "  - "));
        }
    }
    let more = report.comparisons.len().saturating_sub(limit);
    out.push('\n');
    let pointer = if more > 0 {
        format!("{more} more comparison(s), the method, and every difference with its words are in summary.md.")
    } else {
        "The method, and every difference with its words, are in summary.md.".to_string()
    };
    out.push_str(&wrap(&pointer, width, ""));
    out
}

/// `text` wrapped at `width` columns, its first line led by `lead` and the others indented as
/// far; each line ends with a newline. Words longer than a line stay whole.
pub fn wrap(text: &str, width: usize, lead: &str) -> String {
    let indent = " ".repeat(lead.chars().count());
    let room = width.max(lead.chars().count() + 20);
    let mut out = String::new();
    let mut line = lead.to_string();
    let mut length = line.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !empty && length + 1 + w > room {
            out.push_str(&line);
            out.push('\n');
            line = indent.clone();
            length = indent.len();
            empty = true;
        }
        if !empty {
            line.push(' ');
            length += 1;
        }
        line.push_str(word);
        length += w;
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_under_a_hanging_indent() {
        let text = "morning-herald uses crisis.hope language 8.8x as often as global-wire";
        let wrapped = wrap(text, 30, "  - ");
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines.len() > 1);
        assert!(lines[0].starts_with("  - morning-herald"));
        assert!(lines[1..]
            .iter()
            .all(|l| l.starts_with("    ") && !l.starts_with("     ")));
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{wrapped}");
        assert_eq!(
            wrapped.split_whitespace().collect::<Vec<_>>(),
            ["-"]
                .into_iter()
                .chain(text.split_whitespace())
                .collect::<Vec<_>>()
        );
    }
}
