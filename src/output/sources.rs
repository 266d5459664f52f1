//! Who is quoted: `sources.csv`, each article's speakers with their quotations and statements,
//! and `sources_by_group.csv`, the same summed over each group's articles by source (a name, or
//! for anonymous sources their role), so that outlets can be compared on whom they quote.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use super::atomic::AtomicFile;
use super::csv_row::Row;
use super::layout::SOURCE_GROUPS;
use super::rows::Cells;
use super::tables::CsvStyle;
use crate::text::voice::{Speaker, SpeakerKind, Voices};

/// `sources.csv`: one row per article and speaker.
pub const SOURCES_COLUMNS: [&str; 10] = [
    "article_id",
    "group",
    "speaker",
    "kind",
    "role",
    "quotes",
    "quoted_words",
    "statements",
    "attributed_words",
    "first_sentence",
];

/// `sources_by_group.csv`: one row per group and source.
pub const SOURCE_GROUPS_COLUMNS: [&str; 8] = [
    "group",
    "source",
    "kind",
    "articles",
    "quotes",
    "quoted_words",
    "statements",
    "attributed_words",
];

/// Sources kept apart per group; past this many, further named sources are summed in one row
/// (`other named sources`), so memory stays bounded on a large corpus.
pub const MAX_SOURCES_PER_GROUP: usize = 10_000;

/// The kind of the row of a group none of whose articles quotes or cites anyone.
pub const NO_SOURCE: &str = "none";

/// The row that sums named sources past [`MAX_SOURCES_PER_GROUP`].
pub const OTHER_SOURCES: &str = "other named sources";

/// One source of one article, as a group counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCount {
    /// The name, or an anonymous source's role noun (`official`), or empty.
    pub source: String,
    pub kind: SpeakerKind,
    pub quotes: u32,
    pub quoted_words: u32,
    pub statements: u32,
    pub attributed_words: u32,
}

/// What one article adds to its group's sources: a source per speaker (two speakers of one
/// article with one role count as one source there).
pub fn counts(voices: &Voices) -> Vec<SourceCount> {
    let mut out: Vec<SourceCount> = Vec::new();
    let unidentified = voices.unidentified.speaks().then_some(&voices.unidentified);
    for s in voices.speakers.iter().chain(unidentified) {
        let source = source_of(s);
        let count = match out
            .iter_mut()
            .find(|c| c.source == source && c.kind == s.kind)
        {
            Some(c) => c,
            None => {
                out.push(SourceCount {
                    source,
                    kind: s.kind,
                    quotes: 0,
                    quoted_words: 0,
                    statements: 0,
                    attributed_words: 0,
                });
                out.last_mut().expect("pushed")
            }
        };
        count.quotes += s.quotes;
        count.quoted_words += s.quoted_tokens;
        count.statements += s.statements;
        count.attributed_words += s.attributed_tokens;
    }
    out
}

/// How a speaker is counted across articles: a name as written, an anonymous source by its role
/// noun (`senior official` and `officials` are both `official`), pronouns and the unidentified
/// without a name.
fn source_of(s: &Speaker) -> String {
    match s.kind {
        SpeakerKind::Named => s.name.clone(),
        SpeakerKind::Anonymous if !s.role.is_empty() => s.role.to_lowercase(),
        SpeakerKind::Anonymous => s.name.to_lowercase(),
        SpeakerKind::Unresolved | SpeakerKind::Unidentified => String::new(),
    }
}

/// What the articles of a group quote and cite of one source.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    articles: u64,
    pub quotes: u64,
    pub quoted_words: u64,
    pub statements: u64,
    pub attributed_words: u64,
}

/// Sources summed per group, as articles are written.
#[derive(Debug, Default)]
pub struct SourceGroups {
    /// Per group: its articles, and its sources.
    groups: BTreeMap<String, (u64, Sources)>,
}

/// A group's sources by kind and name. Looked up once per source of every article, on the
/// thread that writes the articles in order; a group can hold thousands of sources, and a
/// sorted map of them took a dozen comparisons of names (and a copy of the name) per lookup.
/// The order of the rows comes from sorting them when they are written.
#[derive(Debug, Default)]
struct Sources {
    /// Per kind, in the order of [`KINDS`].
    by_kind: [HashMap<String, Totals>; 4],
    count: usize,
}

/// Every kind of source, in the order of their rows.
const KINDS: [SpeakerKind; 4] = [
    SpeakerKind::Named,
    SpeakerKind::Anonymous,
    SpeakerKind::Unresolved,
    SpeakerKind::Unidentified,
];

impl Sources {
    /// The totals of `source` of `kind`, new if it was not there: in the row of other named
    /// sources if the group already has [`MAX_SOURCES_PER_GROUP`].
    fn totals(&mut self, kind: SpeakerKind, source: &str) -> &mut Totals {
        let slot = |kind: SpeakerKind| KINDS.iter().position(|&k| k == kind).expect("every kind");
        let (mut i, mut source) = (slot(kind), source);
        if !self.by_kind[i].contains_key(source) {
            if self.count >= MAX_SOURCES_PER_GROUP {
                (i, source) = (slot(SpeakerKind::Named), OTHER_SOURCES);
            }
            if !self.by_kind[i].contains_key(source) {
                self.by_kind[i].insert(source.to_string(), Totals::default());
                self.count += 1;
            }
        }
        self.by_kind[i].get_mut(source).expect("inserted above")
    }

    /// Every source with its totals, in no order.
    fn iter(&self) -> impl Iterator<Item = (SpeakerKind, &str, &Totals)> {
        KINDS
            .iter()
            .zip(&self.by_kind)
            .flat_map(|(&kind, sources)| {
                sources
                    .iter()
                    .map(move |(source, totals)| (kind, source.as_str(), totals))
            })
    }
}

impl SourceGroups {
    /// Adds one article's sources to its group.
    pub fn add(&mut self, group: &str, counts: &[SourceCount]) {
        if !self.groups.contains_key(group) {
            self.groups
                .insert(group.to_string(), (0, Sources::default()));
        }
        let (articles, sources) = self.groups.get_mut(group).expect("inserted above");
        *articles += 1;
        for c in counts {
            let t = sources.totals(c.kind, &c.source);
            t.articles += 1;
            t.quotes += c.quotes as u64;
            t.quoted_words += c.quoted_words as u64;
            t.statements += c.statements as u64;
            t.attributed_words += c.attributed_words as u64;
        }
    }

    /// Writes `sources_by_group.csv` into `dir`.
    pub fn write(&self, dir: &Path, style: CsvStyle) -> std::io::Result<AtomicFile> {
        let mut file = style.file(&dir.join(SOURCE_GROUPS), &SOURCE_GROUPS_COLUMNS)?;
        let dialect = style.dialect();
        let mut bytes = Vec::new();
        let mut row = Row::new(&mut bytes, &dialect);
        let mut flush = |row: &mut Row| {
            let bytes = row.bytes_mut();
            file.write_all(bytes)?;
            bytes.clear();
            Ok(())
        };
        self.render(&mut row, 1 << 16, &mut flush)?;
        flush(&mut row)?;
        Ok(file)
    }

    /// Writes the rows of `sources_by_group` (see [`SourceGroups::rows`]) into `out`, handing
    /// them to `flush` (which empties it) whenever they pass `every` of its size; what is left
    /// at the end is for the caller to write.
    pub fn render<C: Cells>(
        &self,
        out: &mut C,
        every: usize,
        flush: &mut dyn FnMut(&mut C) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        for source in self.rows() {
            out.text(source.group)
                .inert_one_line(source.source)
                .text(source.kind)
                .count(source.articles)
                .count(source.totals.quotes)
                .count(source.totals.quoted_words)
                .count(source.totals.statements)
                .count(source.totals.attributed_words);
            out.end_row();
            if out.size() >= every {
                flush(out)?;
            }
        }
        Ok(())
    }

    /// The rows of `sources_by_group.csv`: per group, the sources most quoted and cited first;
    /// a group with no source at all has one row of kind `none` with its article count.
    pub fn rows(&self) -> impl Iterator<Item = GroupSource<'_>> {
        self.groups.iter().flat_map(|(group, (articles, sources))| {
            let none = (sources.count == 0).then(|| GroupSource {
                group,
                source: "",
                kind: NO_SOURCE,
                articles: *articles,
                totals: Totals::default(),
            });
            let mut rows: Vec<(SpeakerKind, &str, &Totals)> = sources.iter().collect();
            // Kind and source tell every row apart, so the order is the same in every run.
            rows.sort_by(|a, b| {
                let weight = |t: &Totals| t.quotes + t.statements;
                weight(b.2)
                    .cmp(&weight(a.2))
                    .then((a.0, a.1).cmp(&(b.0, b.1)))
            });
            none.into_iter()
                .chain(rows.into_iter().map(|(kind, source, t)| GroupSource {
                    group,
                    source,
                    kind: kind.name(),
                    articles: t.articles,
                    totals: *t,
                }))
        })
    }
}

/// One row of `sources_by_group.csv`: a source of a group, and what its articles quote of it.
#[derive(Debug, Clone, Copy)]
pub struct GroupSource<'a> {
    pub group: &'a str,
    pub source: &'a str,
    pub kind: &'static str,
    pub articles: u64,
    pub totals: Totals,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(name: &str, kind: SpeakerKind, role: &str, quotes: u32, statements: u32) -> Speaker {
        Speaker {
            name: name.into(),
            kind,
            role: role.into(),
            quotes,
            quoted_tokens: 5 * quotes,
            statements,
            attributed_tokens: 10 * statements,
            first_sentence: 0,
        }
    }

    #[test]
    fn anonymous_sources_are_grouped_by_role_and_named_ones_by_name() {
        let voices = Voices {
            speakers: vec![
                speaker("senior official", SpeakerKind::Anonymous, "official", 1, 0),
                speaker("officials", SpeakerKind::Anonymous, "official", 0, 2),
                speaker(
                    "Elena Markovic",
                    SpeakerKind::Named,
                    "Foreign Minister",
                    2,
                    0,
                ),
                speaker("he", SpeakerKind::Unresolved, "", 1, 0),
            ],
            ..Voices::default()
        };
        let counts = counts(&voices);
        assert_eq!(counts.len(), 3);
        assert_eq!(
            (
                counts[0].source.as_str(),
                counts[0].quotes,
                counts[0].statements
            ),
            ("official", 1, 2)
        );
        let mut groups = SourceGroups::default();
        groups.add("wire", &counts);
        groups.add("wire", &counts[..1]);
        groups.add("opinion", &[]);
        let dir = tempfile::tempdir().unwrap();
        let file = groups.write(dir.path(), CsvStyle::default()).unwrap();
        crate::output::commit_all(vec![file]).unwrap();
        let text = std::fs::read_to_string(dir.path().join(SOURCE_GROUPS)).unwrap();
        assert_eq!(
            text,
            "group,source,kind,articles,quotes,quoted_words,statements,attributed_words\n\
             opinion,,none,1,0,0,0,0\n\
             wire,official,anonymous,2,2,10,4,40\n\
             wire,Elena Markovic,named,1,2,10,0,0\n\
             wire,,unresolved,1,1,5,0,0\n"
        );
    }

    #[test]
    fn past_the_cap_new_sources_of_a_group_are_summed_in_one_row() {
        let count = |source: &str, kind: SpeakerKind| SourceCount {
            source: source.into(),
            kind,
            quotes: 1,
            quoted_words: 3,
            statements: 0,
            attributed_words: 0,
        };
        let mut groups = SourceGroups::default();
        for n in 0..MAX_SOURCES_PER_GROUP - 1 {
            groups.add("wire", &[count(&format!("Person {n}"), SpeakerKind::Named)]);
        }
        groups.add("wire", &[count("official", SpeakerKind::Anonymous)]);
        // The group is full: a source it has keeps its row, new ones of any kind are summed.
        groups.add(
            "wire",
            &[
                count("official", SpeakerKind::Anonymous),
                count("Late Comer", SpeakerKind::Named),
                count("spokesman", SpeakerKind::Anonymous),
            ],
        );
        groups.add("wire", &[count("Another One", SpeakerKind::Named)]);
        groups.add("opinion", &[count("Late Comer", SpeakerKind::Named)]);
        let rows: Vec<GroupSource> = groups.rows().collect();
        let wire: Vec<&GroupSource> = rows.iter().filter(|r| r.group == "wire").collect();
        assert_eq!(wire.len(), MAX_SOURCES_PER_GROUP + 1);
        let find = |source: &str| wire.iter().find(|r| r.source == source).copied();
        let official = find("official").expect("kept");
        assert_eq!(
            (official.kind, official.articles, official.totals.quotes),
            ("anonymous", 2, 2)
        );
        let other = find(OTHER_SOURCES).expect("summed");
        assert_eq!(
            (other.kind, other.articles, other.totals.quotes),
            ("named", 3, 3)
        );
        assert!(find("Late Comer").is_none() && find("spokesman").is_none());
        // Most quoted first, then by kind and source.
        assert_eq!(wire[0].source, OTHER_SOURCES);
        assert_eq!(wire[1].source, "official");
        assert_eq!((wire[2].source, wire[3].source), ("Person 0", "Person 1"));
        assert_eq!(rows[0].group, "opinion");
        assert_eq!(rows[0].source, "Late Comer");
    }
}
