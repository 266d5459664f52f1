//! The TOML document of a file: its syntax errors, several per run, and its schema version.

use toml_edit::{ImDocument, TableLike};

use super::reader::Reader;

/// At most this many syntax errors are reported for one file.
const MAX_SYNTAX_ERRORS: usize = 20;

/// Parses the document, reporting a syntax error with its position. The TOML parser stops at
/// the first error, so to report the others in the same run, the line of each error is blanked
/// out (keeping every offset) and the text parsed again, until it parses or stops progressing.
pub(super) fn parse_document<'a>(
    reader: &mut Reader<'a>,
    text: &'a str,
) -> Option<ImDocument<&'a str>> {
    let mut error = match ImDocument::parse(text) {
        Ok(doc) => return Some(doc),
        Err(e) => e,
    };
    let mut patched = text.as_bytes().to_vec();
    let mut last_line = None;
    for _ in 0..MAX_SYNTAX_ERRORS {
        let message = error.message().trim().replace('\n', " ");
        let span = error.span();
        reader.error(span.clone(), format!("TOML syntax: {message}"));
        let Some(at) = span.map(|s| s.start.min(patched.len())) else {
            break;
        };
        let line = reader.loc.line_col(at).0;
        if last_line.is_some_and(|l| line <= l) {
            break;
        }
        last_line = Some(line);
        blank_line(&mut patched, at);
        // Blanking whole lines of valid UTF-8 with ASCII spaces leaves valid UTF-8.
        let Ok(next) = std::str::from_utf8(&patched) else {
            break;
        };
        match ImDocument::parse(next) {
            Ok(_) => break,
            Err(e) => error = e,
        }
    }
    None
}

/// Replaces the line holding byte `at` with spaces, keeping its line end.
fn blank_line(text: &mut [u8], at: usize) {
    let start = text[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = text[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i);
    text[start..end].fill(b' ');
}

/// Checks the `format = 1` line that both lexicon and rules files start with.
pub(super) fn check_format(reader: &mut Reader, root: &dyn TableLike) {
    match root.get("format") {
        None => reader.warn(None, "no `format = 1` line: assuming format 1"),
        Some(item) if item.as_integer() == Some(1) => {}
        Some(item) => reader.error(
            item.span(),
            "`format` must be 1, the only schema version this framescope reads",
        ),
    }
}
