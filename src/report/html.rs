//! Writing HTML safely: every text is escaped (article texts and ids come from the inputs, and
//! must never become markup), the few inline marks of the summary's wording (`code`, **bold**)
//! are made after escaping, and binary files become base64 for data URIs.

/// `text` escaped for HTML text and attribute values; control characters become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    push_escaped(&mut out, text);
    out
}

/// Appends `text` escaped to `out`.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

/// A line of the summary's wording as HTML: escaped, then `` `x` `` as code and `**x**` as bold
/// (marks that open and close within the line; a lone one stays as it is).
pub fn inline(text: &str) -> String {
    let escaped = escape(text);
    let code = pair(&escaped, "`", "<code>", "</code>");
    pair(&code, "**", "<strong>", "</strong>")
}

fn pair(text: &str, mark: &str, open: &str, close: &str) -> String {
    let parts: Vec<&str> = text.split(mark).collect();
    if parts.len() < 3 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 32);
    // An odd number of marks leaves the last one as text.
    let pairs = (parts.len() - 1) / 2;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            if i <= 2 * pairs {
                out.push_str(if i % 2 == 1 { open } else { close });
            } else {
                out.push_str(mark);
            }
        }
        out.push_str(part);
    }
    out
}

/// Bytes as base64 (RFC 4648, with padding), for data URIs.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> shift) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_never_becomes_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{0}b\nc"), "a b c");
        assert_eq!(
            inline("`<b>` and **groups** `x"),
            "<code>&lt;b&gt;</code> and <strong>groups</strong> `x"
        );
        assert_eq!(inline("no marks"), "no marks");
    }

    #[test]
    fn base64_as_the_rfc_gives_it() {
        // RFC 4648, section 10.
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), output);
        }
    }
}
