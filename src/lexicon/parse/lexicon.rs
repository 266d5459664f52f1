//! A lexicon file's top level: its `[lexicon]` table of metadata, then its modifiers and
//! categories, put together into the model.

use toml_edit::{ImDocument, Item, TableLike};

use rust_stemmers::Stemmer;

use super::category::{is_identifier, read_categories};
use super::document::check_format;
use super::reader::{table_span, Reader};
use super::rules::read_modifiers;
use super::{sha256_hex, SourceFile};
use crate::lexicon::matching::Matching;
use crate::lexicon::model::{Imported, Lexicon};
use crate::lexicon::term::stemmer_for;

const HEADER_KEYS: &[&str] = &[
    "id",
    "name",
    "version",
    "language",
    "license",
    "description",
    "sources",
    "tone",
    "matching",
    "imported_from",
    "imported_sha256",
    "imported_format",
];

/// The `[lexicon]` table as read; a required value is `None` when it is missing or unusable
/// (and has been reported).
struct Header {
    id: Option<String>,
    name: Option<String>,
    version: Option<String>,
    language: Option<String>,
    license: Option<String>,
    description: Option<String>,
    sources: Vec<String>,
    tone: bool,
    matching: Matching,
    imported: Option<Imported>,
    /// The stemmer of `language`, when there is one.
    stemmer: Option<Stemmer>,
}

pub(super) fn read_lexicon(
    reader: &mut Reader,
    doc: &ImDocument<&str>,
    source: &SourceFile,
    expected_id: Option<&str>,
) -> Option<Lexicon> {
    let root = doc.as_table();
    reader.only_keys(
        root,
        &["format", "lexicon", "modifiers", "categories"],
        "the file",
    );
    check_format(reader, root);
    let header = read_header(reader, root, expected_id)?;
    let modifiers = read_modifiers(reader, root);
    let categories = read_categories(reader, root, header.stemmer.as_ref(), header.matching)?;
    Some(Lexicon {
        id: header.id?,
        name: header.name?,
        version: header.version?,
        language: header.language?,
        license: header.license.unwrap_or_default(),
        description: header.description.unwrap_or_default(),
        sources: header.sources,
        tone: header.tone,
        modifiers,
        categories,
        origin: source.origin.clone(),
        sha256: sha256_hex(&source.text),
        matching: header.matching,
        imported: header.imported,
    })
}

/// Reads `[lexicon]`; `None` when the file has no such table.
fn read_header(
    reader: &mut Reader,
    root: &dyn TableLike,
    expected_id: Option<&str>,
) -> Option<Header> {
    let header_span = root.get("lexicon").and_then(Item::span);
    let Some(table) = root.get("lexicon").and_then(Item::as_table_like) else {
        reader.error(
            None,
            "missing the `[lexicon]` table (id, name, version, language, ...)",
        );
        return None;
    };
    let what = "[lexicon]";
    reader.only_keys(table, HEADER_KEYS, what);
    let required =
        |reader: &mut Reader, key| reader.string_at(table, key, what, true, header_span.clone());
    let id = required(reader, "id");
    let name = required(reader, "name");
    let version = required(reader, "version");
    let language = required(reader, "language");
    let header = Header {
        id,
        name,
        version,
        language,
        license: reader.string(table, "license", what, false),
        description: reader.string(table, "description", what, false),
        sources: reader.strings(table, "sources", what),
        tone: reader.boolean(table, "tone", what).unwrap_or(false),
        matching: read_matching(reader, table),
        imported: read_imported(reader, table),
        stemmer: None,
    };
    warn_missing_provenance(reader, table, &header);
    if let Some(id) = &header.id {
        check_id(reader, table, id, expected_id);
    }
    // A lexicon matched as another tool matches uses no stems, so any language will do.
    let stemmer = match header.matching {
        Matching::Framescope => header
            .language
            .as_deref()
            .and_then(|language| language_stemmer(reader, table, language)),
        _ => stemmer_for("en"),
    };
    if let Some(language) = &header.language {
        check_language_code(reader, table, language);
    }
    Some(Header { stemmer, ..header })
}

/// `matching`: how the lexicon's terms meet a text (framescope's way when absent).
fn read_matching(reader: &mut Reader, table: &dyn TableLike) -> Matching {
    let Some(name) = reader.string(table, "matching", "[lexicon]", false) else {
        return Matching::Framescope;
    };
    Matching::from_name(&name).unwrap_or_else(|| {
        let names: Vec<&str> = Matching::ALL.iter().map(|m| m.name()).collect();
        reader.error(
            table.get("matching").and_then(Item::span),
            format!(
                "unknown `matching` `{name}`; expected one of: {}",
                names.join(", ")
            ),
        );
        Matching::Framescope
    })
}

/// `imported_from`, `imported_sha256` and `imported_format`: the file a lexicon was converted
/// from, which `lexicon import` records.
fn read_imported(reader: &mut Reader, table: &dyn TableLike) -> Option<Imported> {
    let what = "[lexicon]";
    let file = reader.string(table, "imported_from", what, false)?;
    Some(Imported {
        file,
        sha256: reader
            .string(table, "imported_sha256", what, false)
            .unwrap_or_default(),
        format: reader
            .string(table, "imported_format", what, false)
            .unwrap_or_default(),
    })
}

/// A language is a lower-case code (`en`, `de`, `pt`): it names the rules file to use and is
/// compared with the articles' language.
fn check_language_code(reader: &mut Reader, table: &dyn TableLike, language: &str) {
    let ok = !language.is_empty()
        && language.len() <= 8
        && language.chars().all(|c| c.is_ascii_lowercase());
    if !ok {
        reader.error(
            table.get("language").and_then(Item::span),
            format!("language `{language}` must be a lower-case code such as en, de, fr, es"),
        );
    }
}

/// Warns about metadata others need to reuse a lexicon: its license, description and sources.
fn warn_missing_provenance(reader: &mut Reader, table: &dyn TableLike, header: &Header) {
    if header.license.is_none() {
        reader.warn(
            table_span(table),
            "[lexicon] has no `license`: say under which terms others may use it",
        );
    }
    if header.description.is_none() {
        reader.warn(table_span(table), "[lexicon] has no `description`");
    }
    if header.sources.is_empty() {
        reader.warn(
            table_span(table),
            "[lexicon] has no `sources`: record where the ideas came from",
        );
    }
}

/// The id must match the file name (when there is one) and be an identifier.
fn check_id(reader: &mut Reader, table: &dyn TableLike, id: &str, expected_id: Option<&str>) {
    let span = table.get("id").and_then(Item::span);
    if let Some(expected) = expected_id.filter(|&expected| id != expected) {
        reader.error(
            span.clone(),
            format!("id `{id}` differs from the file name `{expected}.toml`; make them equal"),
        );
    }
    if !is_identifier(id) {
        reader.error(
            span,
            format!("id `{id}` must be lower-case letters, digits and `_`"),
        );
    }
}

/// The stemmer of `language`, reported when there is none.
fn language_stemmer(reader: &mut Reader, table: &dyn TableLike, language: &str) -> Option<Stemmer> {
    let stemmer = stemmer_for(language);
    if stemmer.is_none() {
        reader.error(
            table.get("language").and_then(Item::span),
            format!("no stemmer for language `{language}`; use a code such as en, de, fr, es, nl"),
        );
    }
    stemmer
}
