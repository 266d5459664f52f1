//! Reads a gold file of human codes: CSV or TSV, with a header row or not, one row per article or
//! sentence, an id column and the numeric columns to compare with. The only part of validation
//! that touches the filesystem on the way in.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::corpus::{column_position, decode, numbered_columns};

/// Id column names tried, in order, when none is given.
const ID_NAMES: &[&str] = &[
    "id",
    "article_id",
    "sentence_id",
    "doc_id",
    "document_id",
    "docid",
    "uid",
    "url",
];

/// Cells that mean "no code": left out of the statistics without a warning.
const MISSING: &[&str] = &["", "na", "n/a", "nan", "null", "none", ".", "-", "?"];

/// How to read the gold file.
#[derive(Debug, Clone)]
pub struct GoldOptions {
    /// The file starts with a header row; without one, columns are named `1`, `2`, ...
    pub header: bool,
    /// A `"` opens a quoted field; off for plain TSV.
    pub quoting: bool,
    /// The id column (name or 1-based number) [default: a column named id, article_id, ...; the
    /// first column without a header].
    pub id: Option<String>,
    /// A column with sentence numbers (from 1): rows are then keyed `ID:N`.
    pub sentence: Option<String>,
    /// The columns to read (names or numbers) [default: every numeric column but the id and
    /// sentence columns].
    pub columns: Vec<String>,
}

/// One coded article or sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldRow {
    /// The article id, or `ARTICLE_ID:N` for a sentence.
    pub key: String,
    /// One value per column of [`GoldTable::columns`]; `None` where not coded.
    pub values: Vec<Option<f64>>,
}

/// The gold codes, one row per distinct key, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTable {
    /// The id column's name in the file (a number for a file without header).
    pub id_column: String,
    /// The columns read, named as the user named them (or by their header when chosen by default).
    pub columns: Vec<String>,
    pub rows: Vec<GoldRow>,
    /// Problems that did not stop reading, each with its `path:line`.
    pub warnings: Vec<String>,
    /// The SHA-256 of the file's bytes as read, in hex.
    pub sha256: String,
}

#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("cannot read the gold file {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {problem}")]
    Invalid { path: String, problem: GoldProblem },
}

/// What is wrong with a gold file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum GoldProblem {
    /// The column asked for as `role` is not in the file, whose columns are `found`.
    #[error("no column `{wanted}`; columns found: {}", .found.join(", "))]
    NoSuchColumn {
        role: GoldColumnRole,
        wanted: String,
        found: Vec<String>,
    },
    /// No id column was asked for and none has one of the usual names.
    #[error("no id column (looked for {}); columns found: {}", ID_NAMES.join(", "), .found.join(", "))]
    NoIdColumn { found: Vec<String> },
    /// No columns were asked for and none besides the id holds only numbers.
    #[error("no numeric column besides the id; columns found: {}", .found.join(", "))]
    NoNumericColumn { found: Vec<String> },
    /// Any other problem, said in full.
    #[error("{0}")]
    Other(String),
}

/// A column of the gold file asked for by name or number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldColumnRole {
    /// The id of each row.
    Id,
    /// Sentence numbers.
    Sentence,
    /// Codes to compare with the scores.
    Codes,
}

/// The delimiter of a gold file: tab for `.tsv`/`.tab`, comma for `.csv`, else a tab when the
/// first line has one.
fn delimiter(path: &Path, text: &str) -> u8 {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("tsv" | "tab") => b'\t',
        Some("csv") => b',',
        _ if text.lines().next().is_some_and(|l| l.contains('\t')) => b'\t',
        _ => b',',
    }
}

fn is_missing(cell: &str) -> bool {
    let cell = cell.trim();
    MISSING.iter().any(|m| cell.eq_ignore_ascii_case(m))
}

fn number(cell: &str) -> Option<f64> {
    cell.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The line of a record of a text, for records asked in order: each newline is counted once.
struct LineCounter<'a> {
    text: &'a [u8],
    /// Bytes counted so far, and the newlines among them.
    counted: usize,
    newlines: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            counted: 0,
            newlines: 0,
        }
    }

    /// The line (from 1) of the record the parser places at byte `byte`: it may place it on the
    /// line end before the record.
    fn line_of(&mut self, byte: u64) -> u64 {
        let mut byte = (byte as usize).min(self.text.len());
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte < self.counted {
            self.counted = 0;
            self.newlines = 0;
        }
        let newlines = self.text[self.counted..byte]
            .iter()
            .filter(|&&b| b == b'\n');
        self.newlines += newlines.count() as u64;
        self.counted = byte;
        self.newlines + 1
    }
}

/// A gold file is read up to this size: a million coded articles take some tens of megabytes,
/// and a device or a pipe that never ends must not be read for ever.
pub const MAX_GOLD_BYTES: u64 = 1 << 30;

/// Reads the gold file at `path`, up to [`MAX_GOLD_BYTES`].
pub fn read(path: &Path, options: &GoldOptions) -> Result<GoldTable, GoldError> {
    let io = |source| GoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_GOLD_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    let label = path.display().to_string();
    if bytes.len() as u64 > MAX_GOLD_BYTES {
        return Err(GoldError::Invalid {
            path: label,
            problem: GoldProblem::Other(format!(
                "larger than {MAX_GOLD_BYTES} bytes: not a file of codes"
            )),
        });
    }
    let invalid = |problem: GoldProblem| GoldError::Invalid {
        path: label.clone(),
        problem,
    };
    let other = |message: String| invalid(GoldProblem::Other(message));
    let sha256 = crate::lexicon::sha256_bytes(&bytes);
    let decoded = decode(bytes, false, None).map_err(|e| other(e.to_string()))?;
    let mut warnings: Vec<String> = decoded
        .warnings
        .iter()
        .map(|w| format!("{label}: {w}"))
        .collect();
    let text = decoded.text;

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(path, &text))
        .has_headers(false)
        .flexible(true)
        .quoting(options.quoting)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    // The parser's line numbers are one short after `\r\n` line ends; lines are counted here
    // from the byte where each record starts.
    let mut lines = LineCounter::new(&text);
    for result in reader.records() {
        let record = result.map_err(|e| {
            let line = e.position().map_or(0, |p| lines.line_of(p.byte()));
            other(format!("line {line}: {e}"))
        })?;
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        records.push((line, record));
    }
    let names: Vec<String> = match (options.header, records.first()) {
        (_, None) => return Err(other("the gold file is empty".into())),
        (true, Some((_, header))) => header
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{FEFF}').to_string())
            .collect(),
        (false, Some(_)) => {
            numbered_columns(records.iter().map(|(_, r)| r.len()).max().unwrap_or(0))
        }
    };
    if options.header {
        records.remove(0);
    }
    let locate = |wanted: &str, role: GoldColumnRole| {
        column_position(&names, wanted).ok_or_else(|| {
            invalid(GoldProblem::NoSuchColumn {
                role,
                wanted: wanted.to_string(),
                found: names.clone(),
            })
        })
    };

    let id = match &options.id {
        Some(wanted) => locate(wanted, GoldColumnRole::Id)?,
        None if !options.header => 0,
        None => ID_NAMES
            .iter()
            .find_map(|n| names.iter().position(|h| h.eq_ignore_ascii_case(n)))
            .ok_or_else(|| {
                invalid(GoldProblem::NoIdColumn {
                    found: names.clone(),
                })
            })?,
    };
    let sentence = options
        .sentence
        .as_deref()
        .map(|s| locate(s, GoldColumnRole::Sentence))
        .transpose()?;
    let cell = |record: &csv::StringRecord, i: usize| record.get(i).unwrap_or("").to_string();

    let (columns, names_used): (Vec<usize>, Vec<String>) = if options.columns.is_empty() {
        // Every column whose cells are all numbers or missing, with at least one number.
        (0..names.len())
            .filter(|&i| i != id && Some(i) != sentence)
            .filter(|&i| {
                let cells = || records.iter().map(|(_, r)| cell(r, i));
                cells().any(|c| number(&c).is_some())
                    && cells().all(|c| number(&c).is_some() || is_missing(&c))
            })
            .map(|i| (i, names[i].clone()))
            .unzip()
    } else {
        let mut seen = HashSet::new();
        let mut chosen = (Vec::new(), Vec::new());
        for wanted in &options.columns {
            if seen.insert(wanted.clone()) {
                chosen.0.push(locate(wanted, GoldColumnRole::Codes)?);
                chosen.1.push(wanted.clone());
            }
        }
        chosen
    };
    if columns.is_empty() {
        return Err(invalid(GoldProblem::NoNumericColumn {
            found: names.clone(),
        }));
    }

    let mut rows = Vec::with_capacity(records.len());
    let mut keys = HashSet::new();
    let mut invalid_cells = vec![0usize; columns.len()];
    for (line, record) in &records {
        let at = format!("{label}:{line}");
        let id_value = cell(record, id).trim().to_string();
        if id_value.is_empty() {
            warnings.push(format!("{at}: no id; row skipped"));
            continue;
        }
        let key = match sentence {
            None => id_value,
            Some(s) => match cell(record, s).trim().parse::<usize>() {
                Ok(n) if n >= 1 => crate::validate::sentence_key(&id_value, n),
                _ => {
                    warnings.push(format!(
                        "{at}: sentence number `{}` is not a whole number from 1; row skipped",
                        cell(record, s).trim()
                    ));
                    continue;
                }
            },
        };
        if !keys.insert(key.clone()) {
            warnings.push(format!(
                "{at}: id `{key}` repeats an earlier row; the first row is used"
            ));
            continue;
        }
        let values = columns
            .iter()
            .enumerate()
            .map(|(k, &c)| {
                let raw = cell(record, c);
                let value = number(&raw);
                if value.is_none() && !is_missing(&raw) {
                    invalid_cells[k] += 1;
                    if invalid_cells[k] <= 3 {
                        warnings.push(format!(
                            "{at}: `{}` in column `{}` is not a number; left out",
                            raw.trim(),
                            names_used[k]
                        ));
                    }
                }
                value
            })
            .collect();
        rows.push(GoldRow { key, values });
    }
    for (k, &count) in invalid_cells.iter().enumerate() {
        if count > 3 {
            warnings.push(format!(
                "{label}: {count} cells of column `{}` are not numbers and were left out",
                names_used[k]
            ));
        }
        if count > 0 && rows.iter().all(|r| r.values[k].is_none()) {
            return Err(other(format!(
                "column `{}` holds no number; is it the right column? columns found: {}",
                names_used[k],
                names.join(", ")
            )));
        }
    }
    Ok(GoldTable {
        id_column: names[id].clone(),
        columns: names_used,
        rows,
        warnings,
        sha256,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> GoldOptions {
        GoldOptions {
            header: true,
            quoting: true,
            id: None,
            sentence: None,
            columns: Vec::new(),
        }
    }

    fn gold(name: &str, content: &str, options: &GoldOptions) -> Result<GoldTable, GoldError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        read(&path, options)
    }

    #[test]
    fn numeric_columns_are_found_by_default() {
        let t = gold(
            "g.csv",
            "id,outlet,conflict,score\na,X,1,0.5\nb,Y,0,NA\n",
            &options(),
        )
        .unwrap();
        assert_eq!(t.id_column, "id");
        assert_eq!(t.columns, ["conflict", "score"]);
        assert_eq!(
            t.rows[1],
            GoldRow {
                key: "b".into(),
                values: vec![Some(0.0), None]
            }
        );
        assert!(t.warnings.is_empty());
    }

    #[test]
    fn headerless_tsv_with_stray_quotes_is_read_by_column_number() {
        let text = "1\t2.5\t\"  an opening quote never closed\r\n2\t-1\tplain\r\n";
        let o = GoldOptions {
            header: false,
            quoting: false,
            ..options()
        };
        let t = gold("g.tsv", text, &o).unwrap();
        assert_eq!(
            (t.id_column.as_str(), t.columns.clone()),
            ("1", vec!["2".to_string()])
        );
        assert_eq!(
            t.rows.iter().map(|r| r.values[0]).collect::<Vec<_>>(),
            [Some(2.5), Some(-1.0)]
        );
    }

    #[test]
    fn sentence_rows_are_keyed_by_article_and_number() {
        let o = GoldOptions {
            sentence: Some("n".into()),
            columns: vec!["mean".into()],
            ..options()
        };
        let t = gold("g.csv", "id,n,mean\na/b,2,1.5\na/b,x,1\n", &o).unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].key, "a/b:2");
        assert!(
            t.warnings[0].contains("g.csv:3: sentence number `x`"),
            "{:?}",
            t.warnings
        );
    }

    #[test]
    fn lines_are_right_after_windows_line_ends() {
        let o = GoldOptions {
            columns: vec!["y".into()],
            ..options()
        };
        let t = gold("g.csv", "id,y\r\na,1\r\na,2\r\nb,high\r\n", &o).unwrap();
        assert!(
            t.warnings
                .iter()
                .any(|w| w.contains("g.csv:3: id `a` repeats")),
            "{:?}",
            t.warnings
        );
        assert!(
            t.warnings.iter().any(|w| w.contains("g.csv:4: `high`")),
            "{:?}",
            t.warnings
        );
    }

    #[test]
    fn repeats_and_bad_cells_are_warned_with_their_line() {
        let o = GoldOptions {
            columns: vec!["y".into()],
            ..options()
        };
        let t = gold("g.csv", "id,y\na,1\na,2\nb,high\nc,3\n", &o).unwrap();
        assert_eq!(
            t.rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert_eq!(t.rows[0].values, [Some(1.0)]);
        assert!(
            t.warnings
                .iter()
                .any(|w| w.contains("g.csv:3: id `a` repeats")),
            "{:?}",
            t.warnings
        );
        assert!(
            t.warnings
                .iter()
                .any(|w| w.contains("g.csv:4: `high` in column `y` is not a number")),
            "{:?}",
            t.warnings
        );
    }

    #[test]
    fn wrong_columns_are_errors_that_list_the_columns() {
        let o = GoldOptions {
            columns: vec!["frame".into()],
            ..options()
        };
        let e = gold("g.csv", "id,y\na,1\n", &o).unwrap_err();
        assert!(
            matches!(&e, GoldError::Invalid { problem: GoldProblem::NoSuchColumn { role: GoldColumnRole::Codes, wanted, .. }, .. } if wanted == "frame"),
            "{e:?}"
        );
        assert!(
            e.to_string()
                .ends_with("g.csv: no column `frame`; columns found: id, y"),
            "{e}"
        );
        let e = gold("g.csv", "key,y\na,1\n", &options())
            .unwrap_err()
            .to_string();
        assert!(e.contains("no id column"), "{e}");
        let o = GoldOptions {
            columns: vec!["y".into()],
            ..options()
        };
        let e = gold("g.csv", "id,y\na,x\nb,z\n", &o)
            .unwrap_err()
            .to_string();
        assert!(e.contains("column `y` holds no number"), "{e}");
    }
}
