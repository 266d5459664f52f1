//! Which field of a record holds what: columns named by the user (by name or by number from 1)
//! or found by their usual names (`text`, `body`, `headline`, `outlet`, ...).

use crate::corpus::ReadOptions;

/// Column names listed in a message, at most.
const LISTED_COLUMNS: usize = 30;

const ID_NAMES: &[&str] = &[
    "id",
    "article_id",
    "doc_id",
    "document_id",
    "docid",
    "uid",
    "guid",
    "url",
    "link",
];
const TEXT_NAMES: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "story",
    "article_text",
    "maintext",
];
const TITLE_NAMES: &[&str] = &["title", "headline", "heading"];
const GROUP_NAMES: &[&str] = &[
    "group",
    "outlet",
    "source",
    "publisher",
    "media",
    "site",
    "domain",
];

/// Which field holds what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Columns {
    pub(super) id: Option<usize>,
    pub(super) text: usize,
    pub(super) title: Option<usize>,
    pub(super) group: Option<usize>,
}

/// The field named `wanted` (ignoring case and surrounding spaces) or, when no field has that
/// name, the field at that 1-based position: column `3` is the third column.
pub fn column_position(names: &[String], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    let named = names
        .iter()
        .position(|n| n.trim().eq_ignore_ascii_case(wanted));
    named.or_else(|| {
        wanted
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1 && n <= names.len())
            .map(|n| n - 1)
    })
}

/// Column names of a table without a header row: `1`, `2`, ... up to `len`.
pub fn numbered_columns(len: usize) -> Vec<String> {
    (1..=len).map(|i| i.to_string()).collect()
}

/// Finds a field: the one the flag names (or numbers), or else the first known alternative.
fn find(
    names: &[String],
    flag: Option<&str>,
    alternatives: &[&str],
) -> Result<Option<usize>, String> {
    let position = |wanted: &str| {
        names
            .iter()
            .position(|n| n.trim().eq_ignore_ascii_case(wanted))
    };
    match flag {
        Some(f) => column_position(names, f)
            .map(Some)
            .ok_or_else(|| format!("column `{f}` not found")),
        None => Ok(alternatives.iter().find_map(|a| position(a))),
    }
}

/// The columns of a table whose fields are `names`, as `options` name them or by their usual
/// names.
pub(super) fn resolve(names: &[String], o: &ReadOptions) -> Result<Columns, String> {
    let found = || {
        let mut list: Vec<String> = names
            .iter()
            .take(LISTED_COLUMNS)
            .map(|s| shorten(s, 40))
            .collect();
        if names.len() > LISTED_COLUMNS {
            list.push(format!("... ({} in all)", names.len()));
        }
        format!(
            "columns found: {}",
            if list.is_empty() {
                "(none)".to_string()
            } else {
                list.join(", ")
            }
        )
    };
    let text = find(names, o.text_col.as_deref(), TEXT_NAMES)
        .map_err(|e| format!("{e} (--text-col); {}", found()))?
        .ok_or_else(|| {
            format!(
                "no text column (looked for {}); {}; name it with --text-col",
                TEXT_NAMES.join(", "),
                found()
            )
        })?;
    let with = |flag: &Option<String>, alts, name| {
        find(names, flag.as_deref(), alts).map_err(|e| format!("{e} ({name}); {}", found()))
    };
    Ok(Columns {
        text,
        id: with(&o.id_col, ID_NAMES, "--id-col")?,
        title: with(&o.title_col, TITLE_NAMES, "--title-col")?,
        group: with(&o.group_col, GROUP_NAMES, "--group-col / --group-by")?,
    })
}

/// `s` cut to at most `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s.to_string(),
    }
}
