//! Which field of a record holds what: columns named by the user (by name or by number from 1)
//! or found by their usual names (`text`, `body`, `headline`, `outlet`, ...).

use std::fmt;

use crate::corpus::date::DATE_NAMES;
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
const STORY_NAMES: &[&str] = &["story", "story_id", "event", "topic_id"];
const LANGUAGE_NAMES: &[&str] = &["language", "lang"];

/// Which field holds what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Columns {
    pub(super) id: Option<usize>,
    pub(super) text: usize,
    pub(super) title: Option<usize>,
    pub(super) group: Option<usize>,
    pub(super) story: Option<usize>,
    pub(super) language: Option<usize>,
    pub(super) date: Option<usize>,
    /// The fields carried through to the outputs, in the order they were named.
    pub(super) kept: Vec<usize>,
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

/// A column a table is read by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    Id,
    Text,
    Title,
    Group,
    Story,
    Language,
    Date,
    /// A field carried through to the outputs.
    Kept,
}

/// The columns of a table cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ColumnError {
    /// The column asked for as `role` is not in the table.
    #[error("column `{wanted}` not found; {found}")]
    NotFound {
        role: ColumnRole,
        wanted: String,
        found: FoundColumns,
    },
    /// No column was asked for as the text and none has one of the usual names.
    #[error("no text column (looked for {}); {found}", TEXT_NAMES.join(", "))]
    NoText { found: FoundColumns },
}

impl ColumnError {
    /// The columns the table has.
    pub fn found(&self) -> &FoundColumns {
        match self {
            ColumnError::NotFound { found, .. } | ColumnError::NoText { found } => found,
        }
    }
}

/// The columns a table has, as messages list them: at most [`LISTED_COLUMNS`] names, each cut
/// short, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundColumns {
    listed: Vec<String>,
    total: usize,
}

impl FoundColumns {
    fn new(names: &[String]) -> Self {
        FoundColumns {
            listed: names
                .iter()
                .take(LISTED_COLUMNS)
                .map(|s| shorten(s, 40))
                .collect(),
            total: names.len(),
        }
    }
}

impl fmt::Display for FoundColumns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.listed.is_empty() {
            return f.write_str("columns found: (none)");
        }
        write!(f, "columns found: {}", self.listed.join(", "))?;
        if self.total > self.listed.len() {
            write!(f, ", ... ({} in all)", self.total)?;
        }
        Ok(())
    }
}

/// Finds the column for `role`: the one `wanted` names (or numbers), or else the first of its
/// usual names.
fn find(
    names: &[String],
    role: ColumnRole,
    wanted: Option<&str>,
    usual_names: &[&str],
) -> Result<Option<usize>, ColumnError> {
    find_besides(names, role, wanted, usual_names, None)
}

/// Like [`find`], but a usual name does not find the column `taken` (a role may share a usual
/// name with another, as the story with the text: `story`).
fn find_besides(
    names: &[String],
    role: ColumnRole,
    wanted: Option<&str>,
    usual_names: &[&str],
    taken: Option<usize>,
) -> Result<Option<usize>, ColumnError> {
    match wanted {
        Some(wanted) => named(names, role, wanted).map(Some),
        None => Ok(usual_names.iter().find_map(|usual| {
            names
                .iter()
                .enumerate()
                .position(|(i, n)| Some(i) != taken && n.trim().eq_ignore_ascii_case(usual))
        })),
    }
}

/// The column `wanted` names (or numbers), which must be there.
fn named(names: &[String], role: ColumnRole, wanted: &str) -> Result<usize, ColumnError> {
    column_position(names, wanted).ok_or_else(|| ColumnError::NotFound {
        role,
        wanted: wanted.to_string(),
        found: FoundColumns::new(names),
    })
}

/// The columns of a table whose fields are `names`, as `options` name them or by their usual
/// names.
pub(super) fn resolve(names: &[String], options: &ReadOptions) -> Result<Columns, ColumnError> {
    let text = find(
        names,
        ColumnRole::Text,
        options.text_col.as_deref(),
        TEXT_NAMES,
    )?
    .ok_or_else(|| ColumnError::NoText {
        found: FoundColumns::new(names),
    })?;
    Ok(Columns {
        text,
        id: find(names, ColumnRole::Id, options.id_col.as_deref(), ID_NAMES)?,
        title: find(
            names,
            ColumnRole::Title,
            options.title_col.as_deref(),
            TITLE_NAMES,
        )?,
        group: find(
            names,
            ColumnRole::Group,
            options.group_col.as_deref(),
            GROUP_NAMES,
        )?,
        story: find_besides(
            names,
            ColumnRole::Story,
            options.story_col.as_deref(),
            STORY_NAMES,
            Some(text),
        )?,
        language: find(
            names,
            ColumnRole::Language,
            options.language_col.as_deref(),
            LANGUAGE_NAMES,
        )?,
        date: find(
            names,
            ColumnRole::Date,
            options.date_col.as_deref(),
            DATE_NAMES,
        )?,
        kept: options
            .keep_cols
            .iter()
            .map(|wanted| named(names, ColumnRole::Kept, wanted))
            .collect::<Result<_, _>>()?,
    })
}

/// `s` cut to at most `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}...", &s[..cut]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn options(text: Option<&str>, title: Option<&str>) -> ReadOptions {
        ReadOptions {
            text_col: text.map(String::from),
            title_col: title.map(String::from),
            ..ReadOptions::default()
        }
    }

    #[test]
    fn columns_are_found_by_their_usual_names_ignoring_case_and_spaces() {
        let columns = resolve(
            &names(&["Headline", " ID ", "Outlet", "BODY"]),
            &options(None, None),
        )
        .unwrap();
        let expected = Columns {
            id: Some(1),
            text: 3,
            title: Some(0),
            group: Some(2),
            story: None,
            language: None,
            date: None,
            kept: Vec::new(),
        };
        assert_eq!(columns, expected);
        // The first usual name in order wins: `text` before `content`, `outlet` before `source`.
        let columns = resolve(
            &names(&["content", "source", "text", "outlet"]),
            &options(None, None),
        )
        .unwrap();
        assert_eq!(
            (columns.text, columns.group, columns.id),
            (2, Some(3), None)
        );
    }

    #[test]
    fn a_named_column_is_found_by_name_then_by_number_from_1() {
        let table = names(&["id", "words", "3"]);
        let by_name = resolve(&table, &options(Some("Words"), None)).unwrap();
        assert_eq!(by_name.text, 1);
        let by_number = resolve(&table, &options(Some("2"), Some("1"))).unwrap();
        assert_eq!((by_number.text, by_number.title), (1, Some(0)));
        // A column named `3` is that column, not the third.
        assert_eq!(column_position(&table, "3"), Some(2));
        assert_eq!(column_position(&names(&["3", "a", "b"]), "3"), Some(0));
        assert_eq!(column_position(&table, "0"), None);
        assert_eq!(column_position(&table, "4"), None);
    }

    #[test]
    fn a_missing_column_is_an_error_naming_the_columns_that_exist() {
        let e = resolve(&names(&["id", "text"]), &options(None, Some("headline"))).unwrap_err();
        assert!(
            matches!(&e, ColumnError::NotFound { role: ColumnRole::Title, wanted, .. } if wanted == "headline"),
            "{e:?}"
        );
        assert_eq!(
            e.to_string(),
            "column `headline` not found; columns found: id, text"
        );
        let table = names(&["id", "words"]);
        let e = resolve(&table, &options(Some("body"), None)).unwrap_err();
        assert!(
            matches!(
                &e,
                ColumnError::NotFound {
                    role: ColumnRole::Text,
                    ..
                }
            ),
            "{e:?}"
        );
        let e = resolve(&table, &options(None, None)).unwrap_err();
        assert!(matches!(e, ColumnError::NoText { .. }), "{e:?}");
        assert!(e
            .to_string()
            .starts_with("no text column (looked for text, body, content"));
        assert!(e.to_string().ends_with("; columns found: id, words"), "{e}");
    }

    #[test]
    fn the_columns_found_are_listed_short() {
        let many: Vec<String> = (1..=35).map(|i| format!("c{i}")).collect();
        let listed = FoundColumns::new(&many).to_string();
        assert!(listed.starts_with("columns found: c1, c2, "), "{listed}");
        assert!(listed.ends_with(", c30, ... (35 in all)"), "{listed}");
        let long = FoundColumns::new(&["x".repeat(50)]).to_string();
        assert_eq!(long, format!("columns found: {}...", "x".repeat(40)));
        assert_eq!(FoundColumns::new(&[]).to_string(), "columns found: (none)");
    }

    #[test]
    fn the_story_is_found_by_its_usual_names_but_not_in_the_text() {
        let story = |list: &[&str], wanted: Option<&str>| {
            let options = ReadOptions {
                story_col: wanted.map(String::from),
                ..ReadOptions::default()
            };
            resolve(&names(list), &options).map(|c| (c.text, c.story))
        };
        assert_eq!(story(&["id", "text", "Story_ID"], None), Ok((1, Some(2))));
        assert_eq!(story(&["event", "text", "story"], None), Ok((1, Some(2))));
        assert_eq!(story(&["topic_id", "body"], None), Ok((1, Some(0))));
        // `story` is also a usual name of the text: a table whose text it is has no story.
        assert_eq!(story(&["id", "story"], None), Ok((1, None)));
        assert_eq!(
            story(&["id", "text", "desk"], Some("desk")),
            Ok((1, Some(2)))
        );
        let e = story(&["id", "text"], Some("desk")).unwrap_err();
        assert!(
            matches!(&e, ColumnError::NotFound { role: ColumnRole::Story, wanted, .. } if wanted == "desk"),
            "{e:?}"
        );
    }

    #[test]
    fn the_date_is_found_by_its_usual_names_or_named() {
        let date = |list: &[&str], wanted: Option<&str>| {
            let options = ReadOptions {
                date_col: wanted.map(String::from),
                ..ReadOptions::default()
            };
            resolve(&names(list), &options).map(|c| c.date)
        };
        assert_eq!(date(&["id", "text", "Published_At"], None), Ok(Some(2)));
        assert_eq!(date(&["pubdate", "text", "Date"], None), Ok(Some(2)));
        assert_eq!(date(&["id", "text"], None), Ok(None));
        assert_eq!(date(&["id", "text", "when"], Some("when")), Ok(Some(2)));
        let e = date(&["id", "text"], Some("when")).unwrap_err();
        assert!(
            matches!(
                &e,
                ColumnError::NotFound {
                    role: ColumnRole::Date,
                    ..
                }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn kept_columns_are_found_in_order_and_must_be_there() {
        let keep = |wanted: &[&str]| {
            let options = ReadOptions {
                keep_cols: wanted.iter().map(|s| s.to_string()).collect(),
                ..ReadOptions::default()
            };
            resolve(&names(&["id", "text", "Date", "topic"]), &options).map(|c| c.kept)
        };
        assert_eq!(keep(&[]), Ok(vec![]));
        assert_eq!(keep(&["topic", "date", "1"]), Ok(vec![3, 2, 0]));
        let e = keep(&["date", "author"]).unwrap_err();
        assert_eq!(
            e,
            ColumnError::NotFound {
                role: ColumnRole::Kept,
                wanted: "author".into(),
                found: FoundColumns::new(&names(&["id", "text", "Date", "topic"])),
            }
        );
        assert_eq!(
            e.to_string(),
            "column `author` not found; columns found: id, text, Date, topic"
        );
    }

    #[test]
    fn a_table_without_header_has_numbered_columns() {
        assert_eq!(numbered_columns(3), ["1", "2", "3"]);
        assert!(numbered_columns(0).is_empty());
    }
}
