//! Typed values read out of a TOML document, each problem collected as a diagnostic at the place
//! it concerns.

use std::ops::Range;

use toml_edit::{Item, TableLike};

use crate::lexicon::diagnostic::{Diagnostic, Locator, Severity};

/// One file being read: where its offsets are, and the problems found so far.
pub(super) struct Reader<'a> {
    pub(super) loc: Locator<'a>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(label: &'a str, text: &'a str) -> Self {
        Reader {
            loc: Locator::new(label, text),
            diagnostics: Vec::new(),
        }
    }

    pub(super) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    pub(super) fn error(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        let d = self.loc.at(span.map(|s| s.start), Severity::Error, message);
        self.diagnostics.push(d);
    }

    pub(super) fn warn(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        let d = self
            .loc
            .at(span.map(|s| s.start), Severity::Warning, message);
        self.diagnostics.push(d);
    }

    pub(super) fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The line (from 1) of a span; line 1 when the span is unknown.
    pub(super) fn line_of(&self, span: &Option<Range<usize>>) -> usize {
        span.as_ref().map_or(1, |s| self.loc.line_col(s.start).0)
    }

    /// Reports every key of `table` not in `allowed`.
    pub(super) fn only_keys(&mut self, table: &dyn TableLike, allowed: &[&str], what: &str) {
        for (key, _) in table.iter() {
            if !allowed.contains(&key) {
                let span = key_span(table, key);
                self.error(
                    span,
                    format!(
                        "unknown key `{key}` in {what}; expected one of: {}",
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    pub(super) fn string(
        &mut self,
        table: &dyn TableLike,
        key: &str,
        what: &str,
        required: bool,
    ) -> Option<String> {
        self.string_at(table, key, what, required, None)
    }

    /// Like `string`, with `anchor` as the place to report a missing key (the table's header).
    pub(super) fn string_at(
        &mut self,
        table: &dyn TableLike,
        key: &str,
        what: &str,
        required: bool,
        anchor: Option<Range<usize>>,
    ) -> Option<String> {
        match table.get(key) {
            Some(item) => match item.as_str() {
                Some(s) => Some(s.to_string()),
                None => {
                    self.error(item.span(), format!("`{key}` in {what} must be a string"));
                    None
                }
            },
            None => {
                if required {
                    self.error(
                        anchor.or_else(|| table_span(table)),
                        format!("{what} needs `{key}`"),
                    );
                }
                None
            }
        }
    }

    pub(super) fn boolean(&mut self, table: &dyn TableLike, key: &str, what: &str) -> Option<bool> {
        let item = table.get(key)?;
        let value = item.as_bool();
        if value.is_none() {
            self.error(
                item.span(),
                format!("`{key}` in {what} must be true or false"),
            );
        }
        value
    }

    pub(super) fn number(&mut self, item: &Item, what: &str) -> Option<f64> {
        let value = item
            .as_float()
            .or_else(|| item.as_integer().map(|i| i as f64));
        if value.is_none() {
            self.error(item.span(), format!("{what} must be a number"));
        }
        value
    }

    pub(super) fn strings(&mut self, table: &dyn TableLike, key: &str, what: &str) -> Vec<String> {
        self.spanned_strings(table, key, &format!("`{key}` in {what}"))
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    /// The strings of the list `key`, each with where it stands; `owner` names the list in
    /// messages about values that are not strings.
    pub(super) fn spanned_strings(
        &mut self,
        table: &dyn TableLike,
        key: &str,
        owner: &str,
    ) -> Vec<(String, Option<Range<usize>>)> {
        let Some(item) = table.get(key) else {
            return Vec::new();
        };
        let Some(array) = item.as_array() else {
            self.error(item.span(), format!("{owner} must be a list of strings"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for value in array.iter() {
            match value.as_str() {
                Some(s) => out.push((s.to_string(), value.span())),
                None => self.error(value.span(), format!("{owner} must hold only strings")),
            }
        }
        out
    }
}

/// Where a table is: its first key.
pub(super) fn table_span(table: &dyn TableLike) -> Option<Range<usize>> {
    table
        .get_values()
        .first()
        .and_then(|(keys, _)| keys.first().and_then(|k| k.span()))
}

/// Where the key `key` of `table` is written.
pub(super) fn key_span(table: &dyn TableLike, key: &str) -> Option<Range<usize>> {
    table.get_key_value(key).and_then(|(k, _)| k.span())
}
