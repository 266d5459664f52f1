//! HTML left in scraped text: recognised by its tags and reduced to the words a reader sees, so
//! tag names, attributes and scripts are never scored as words.
//!
//! Block elements (`p`, `div`, `h1`, `br`, `li`, ...) become paragraph breaks, so headlines and
//! paragraphs still end sentences; inline elements (`b`, `a`, `span`, ...) vanish; the contents
//! of `script`, `style` and similar elements are dropped; character references (`&amp;`,
//! `&#8217;`) are decoded. The cleaned text is what gets scored, so offsets refer to it.

/// Whether to clean markup out of articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Html {
    /// Clean articles that hold at least [`MIN_TAGS`] HTML tags.
    #[default]
    Auto,
    /// Clean every article.
    Strip,
    /// Score text as it is.
    Keep,
}

/// Tags needed before `Auto` treats a text as HTML: one `<b>` in prose may be a quotation.
pub const MIN_TAGS: usize = 2;

/// Elements that end a paragraph.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];
/// Elements that sit inside a line of text.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "cite", "code", "em", "font", "i", "img", "mark", "q", "s", "small", "span",
    "strong", "sub", "sup", "time", "u",
];
/// Elements whose content is not text for a reader.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object",
];

/// Named character references common in news pages.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("rsquo", '\u{2019}'),
    ("lsquo", '\u{2018}'),
    ("rdquo", '\u{201D}'),
    ("ldquo", '\u{201C}'),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("hellip", '\u{2026}'),
    ("laquo", '\u{AB}'),
    ("raquo", '\u{BB}'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("aacute", 'á'),
    ("agrave", 'à'),
    ("oacute", 'ó'),
    ("iacute", 'í'),
    ("uacute", 'ú'),
    ("ntilde", 'ñ'),
    ("ccedil", 'ç'),
    ("auml", 'ä'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("szlig", 'ß'),
    ("euro", '€'),
    ("pound", '£'),
    ("copy", '©'),
    ("shy", '\u{AD}'),
];

/// A tag starting at the `<` at byte `at`: its lower-case name, whether it closes, and the byte
/// after its `>`. `None` when the `<` does not open a tag (`a < b`, `<3`).
fn tag_at(text: &str, at: usize) -> Option<(String, bool, usize)> {
    let rest = &text[at + 1..];
    let (closing, name_start) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name: String = name_start
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let after = name_start[name.len()..].chars().next()?;
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    if !(after == '>' || after == '/' || after.is_ascii_whitespace()) {
        return None;
    }
    let known = BLOCK.contains(&name.as_str())
        || INLINE.contains(&name.as_str())
        || HIDDEN.contains(&name.as_str());
    if !known {
        return None;
    }
    let end = rest.find('>').map(|i| at + 1 + i + 1)?;
    Some((name, closing, end))
}

/// How many HTML tags `text` holds, counting up to `enough`.
pub fn count_tags(text: &str, enough: usize) -> usize {
    let mut count = 0;
    for (at, _) in text.match_indices('<') {
        if tag_at(text, at).is_some() {
            count += 1;
            if count >= enough {
                break;
            }
        }
    }
    count
}

/// `text` without markup, and how many tags were removed.
pub fn strip(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut tags = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        match bytes[i] {
            b'<' if text[i..].starts_with("<!--") => {
                i = text[i..].find("-->").map_or(text.len(), |e| i + e + 3);
                tags += 1;
            }
            b'<' if text[i..].len() > 2 && text[i + 1..].starts_with(['!', '?']) => {
                // A doctype or processing instruction.
                i = text[i..].find('>').map_or(text.len(), |e| i + e + 1);
                tags += 1;
            }
            b'<' => match tag_at(text, i) {
                Some((name, closing, end)) => {
                    tags += 1;
                    i = end;
                    if BLOCK.contains(&name.as_str()) {
                        out.push_str("\n\n");
                    } else if HIDDEN.contains(&name.as_str()) && !closing {
                        let close = format!("</{name}");
                        i = find_ignoring_case(&text[i..], &close).map_or(text.len(), |e| {
                            let from = i + e;
                            text[from..].find('>').map_or(text.len(), |g| from + g + 1)
                        });
                        out.push(' ');
                    }
                }
                None => {
                    out.push('<');
                    i += 1;
                }
            },
            b'&' => match entity_at(&text[i..]) {
                Some((c, len)) => {
                    out.push(c);
                    i += len;
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            },
            _ => {
                let next = text[i..].find(['<', '&']).map_or(text.len(), |n| i + n);
                out.push_str(&text[i..next]);
                i = next;
            }
        }
    }
    (out, tags)
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The character of the reference at the start of `s` (`&amp;`, `&#8217;`, `&#x2019;`) and its
/// length in bytes.
fn entity_at(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[1..end];
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        ENTITIES.iter().find(|(name, _)| *name == body)?.1
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_breaks_or_vanish_and_scripts_go() {
        let html = "<html><head><title>Talks fail</title><script>var x = \"<p>\";</script></head>\
                    <body><p class=\"lead\">The talks <b>failed</b> badly.</p><p>Hope&nbsp;remains</p></body></html>";
        let (text, tags) = strip(html);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            words,
            ["Talks", "fail", "The", "talks", "failed", "badly.", "Hope", "remains"]
        );
        assert!(text.contains("fail\n\n"));
        assert!(tags > 10);
    }

    #[test]
    fn references_are_decoded() {
        assert_eq!(
            strip("don&#8217;t &amp; won&rsquo;t &#x41; &bogus; a&b").0,
            "don\u{2019}t & won\u{2019}t A &bogus; a&b"
        );
    }

    #[test]
    fn prose_with_angle_brackets_is_not_html() {
        assert_eq!(count_tags("if a < b and b > c, or <3 <- that", 2), 0);
        assert_eq!(count_tags("<p>one</p>", 2), 2);
        assert_eq!(strip("a < b <unknown> c").0, "a < b <unknown> c");
    }
}
