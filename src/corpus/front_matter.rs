//! Front matter at the top of a text file: a block between `---` lines (`key: value`, as YAML
//! writes it) or `+++` lines (`key = value`, as TOML does), as static site generators and news
//! scrapers write it. Its date and title are read, and the block is not part of the article.

use super::date::{field_date, Date, DATE_NAMES};
use super::headline;

/// A block longer than this is not taken for front matter.
const MAX_LINES: usize = 200;

/// What front matter said, and the text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The value of the first key that names a date (`date`, `published`, ...).
    pub date: Option<String>,
    pub title: Option<String>,
    /// The article's text: what follows the block, its leading blank lines removed.
    pub body: String,
}

/// The front matter of `text`, if it starts with a closed block.
pub fn split(text: &str) -> Option<FrontMatter> {
    let mut lines = text.split_inclusive('\n');
    let fence = lines.next()?.trim_end();
    let assign = match fence {
        "---" => ':',
        "+++" => '=',
        _ => return None,
    };
    let mut offset = fence.len();
    offset += text[offset..].len() - text[offset..].trim_start_matches(['\r', '\n']).len();
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut end = None;
    for (i, line) in text[offset..].split_inclusive('\n').enumerate() {
        if i >= MAX_LINES {
            return None;
        }
        let content = line.trim_end();
        offset += line.len();
        if content == fence || (fence == "---" && content == "...") {
            end = Some(offset);
            break;
        }
        if let Some((key, value)) = content.split_once(assign) {
            // Only top-level keys: an indented line belongs to the key above.
            if !key.starts_with([' ', '\t']) {
                fields.push((key.trim().to_ascii_lowercase(), unquote(value)));
            }
        }
    }
    let body = text[end?..].trim_start_matches(['\r', '\n']).to_string();
    let find = |names: &[&str]| {
        names.iter().find_map(|name| {
            fields
                .iter()
                .find(|(k, v)| k == name && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    Some(FrontMatter {
        date: find(DATE_NAMES),
        title: find(&["title", "headline"]),
        body,
    })
}

/// A text file's text, title and date: from its front matter when it has one (the title otherwise
/// from its first line, as [`headline`] finds it). A date that cannot be read is a warning.
pub(super) fn read_text(
    text: String,
    warnings: &mut Vec<String>,
) -> (String, String, Option<Date>) {
    match split(&text) {
        Some(fm) => {
            let date = fm.date.as_deref().and_then(|d| field_date(d, warnings));
            let title = fm.title.unwrap_or_else(|| headline(&fm.body));
            (fm.body, title, date)
        }
        None => {
            let title = headline(&text);
            (text, title, None)
        }
    }
}

/// A value without the quotes around it.
fn unquote(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_blocks_give_date_title_and_body() {
        let fm = split("---\ntitle: \"Talks resume\"\nDate: 2024-05-01\ntags:\n  - a\n---\n\nThe talks resumed.\n").unwrap();
        assert_eq!(fm.date.as_deref(), Some("2024-05-01"));
        assert_eq!(fm.title.as_deref(), Some("Talks resume"));
        assert_eq!(fm.body, "The talks resumed.\n");
        let fm = split("+++\r\npublished = '2024-05-02T10:00:00Z'\r\n+++\r\nBody.").unwrap();
        assert_eq!(fm.date.as_deref(), Some("2024-05-02T10:00:00Z"));
        assert_eq!((fm.title, fm.body.as_str()), (None, "Body."));
        // An indented key belongs to the key above; the first date key wins.
        let fm = split("---\nmeta:\n  date: 1999-01-01\npubdate: 2024-05-03\n---\nx").unwrap();
        assert_eq!(fm.date.as_deref(), Some("2024-05-03"));
    }

    #[test]
    fn text_without_a_closed_block_has_no_front_matter() {
        assert_eq!(split("The talks resumed.\n---\n"), None);
        assert_eq!(split("---\ndate: 2024-05-01\nno end"), None);
        assert_eq!(split(""), None);
        let long = format!("---\n{}---\nbody", "a: b\n".repeat(MAX_LINES + 1));
        assert_eq!(split(&long), None);
        // A rule under a heading is not front matter.
        assert_eq!(split("# Talks\n---\nbody"), None);
    }
}
