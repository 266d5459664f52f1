//! What CSV rows and JSON objects share: the table they come from (its name in messages, its
//! file stem for ids) and the article built from a record's fields.

use super::columns::Columns;
use crate::corpus::date::field_date;
use crate::corpus::decode::mostly_not_text;
use crate::corpus::{
    headline, Article, Item, Oversized, ReadOptions, SkipReason, Skipped, TooLarge,
};

/// The table being read.
pub(super) struct Table {
    /// How messages name the input: a path or `<stdin>`.
    pub(super) label: String,
    /// Names the articles of records without an id: `STEM-N` for record N.
    pub(super) stem: String,
    pub(super) options: ReadOptions,
}

impl Table {
    pub(super) fn new(label: String, stem: String, options: &ReadOptions) -> Self {
        Table {
            label,
            stem,
            options: options.clone(),
        }
    }

    /// A record skipped; `at` says where it is in the input (a line, an element).
    pub(super) fn skip(&self, at: String, reason: impl Into<SkipReason>) -> Item {
        Item::Skipped(Skipped {
            origin: format!("{}:{at}", self.label),
            reason: reason.into(),
        })
    }

    /// The whole input skipped.
    pub(super) fn skip_all(&self, reason: impl Into<SkipReason>) -> Item {
        Item::Skipped(Skipped {
            origin: self.label.clone(),
            reason: reason.into(),
        })
    }

    /// Builds an article from the fields of record number `record`; `field(i)` gives field i's
    /// text, or `None` for a field the record lacks.
    pub(super) fn article(
        &self,
        columns: &Columns,
        at: String,
        record: u64,
        field: impl Fn(usize) -> Option<String>,
        mut warnings: Vec<String>,
    ) -> Item {
        // NUL characters (raw bytes in a CSV, `\u0000` in JSON) go from every field, said once.
        let nuls = std::cell::Cell::new(0usize);
        let field = |i: usize| {
            field(i).map(|s| match s.contains('\0') {
                true => {
                    nuls.set(nuls.get() + s.matches('\0').count());
                    s.replace('\0', "")
                }
                false => s,
            })
        };
        let Some(text) = field(columns.text) else {
            return self.skip(at, "the text field is missing in this record");
        };
        if nuls.get() > 0 && mostly_not_text(text.as_bytes()) {
            return self.skip(
                at,
                "binary data in the text field, not text; record skipped",
            );
        }
        if text.len() > self.options.max_article_bytes {
            let too_large = TooLarge {
                what: Oversized::TextField(text.len()),
                limit: self.options.max_article_bytes,
            };
            return self.skip(at, SkipReason::TooLarge(too_large));
        }
        let get = |c: Option<usize>| {
            c.and_then(&field)
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let mut id = get(columns.id);
        if id.is_empty() {
            id = format!("{}-{record}", self.stem);
        }
        let title = match columns.title {
            Some(_) => get(columns.title),
            None => headline(&text),
        };
        let date = columns
            .date
            .and_then(|c| field_date(&get(Some(c)), &mut warnings));
        let group = get(columns.group);
        let story = get(columns.story);
        let kept: Vec<String> = columns
            .kept
            .iter()
            .map(|&c| field(c).unwrap_or_default())
            .collect();
        let mut warnings = warnings;
        if nuls.get() > 0 {
            warnings.push(format!(
                "{} NUL character(s) removed from its fields (binary data in the text?)",
                nuls.get()
            ));
        }
        Item::Article(Article {
            id,
            group,
            story,
            date,
            title,
            text,
            origin: format!("{}:{at}", self.label),
            warnings,
            kept,
            language: get(columns.language).to_lowercase(),
        })
    }
}
