//! CSV rows rendered straight into a byte buffer, cell by cell, with no `String` per cell.
//!
//! The bytes are those the `csv` crate writes with its defaults (RFC 4180): a field is quoted only
//! when it holds the delimiter, a quote or a line break; quotes inside are doubled; rows end with
//! `\n`. A dialect for spreadsheets also makes text cells inert (a cell a spreadsheet would run
//! as a formula starts with `'`) and may write numbers with a decimal comma.
//!
//! As a [`Cells`] sink, a [`Row`] writes the rows of the tables of articles (`rows`) as CSV,
//! copying the runs of cells that repeat from those made once ([`ReadyCells`] per run,
//! [`LeadCells`] per article).

use super::number::{push_fixed, push_uint};
use super::rows::{Cells, Lead, Repeated};
use super::tables::DECIMALS;
use crate::corpus::{Article, Date};
use crate::engine::compile::LexiconSet;

/// Classes of bytes, as bits of [`Dialect::class`].
const SPECIAL: u8 = 1;
const WHITE: u8 = 2;
/// The first byte of the only characters beyond ASCII that can be white space (U+0085, U+00A0,
/// U+1680, U+2000 to U+205F and U+3000): every other byte can be copied without a look.
const WHITE_LEAD: u8 = 4;
/// `"`: a field that holds one needs its quotes doubled, not only quotes around it.
const QUOTE: u8 = 8;

/// Cells of `0`, with the delimiter before each, that [`Row::zeros`] copies at once.
const ZERO_CELLS: usize = 64;

/// The delimiter, and the bytes that make a field need quotes.
#[derive(Debug, Clone)]
pub struct Dialect {
    delimiter: u8,
    /// Per byte: SPECIAL (the field needs quotes), WHITE (ASCII white space), WHITE_LEAD, QUOTE.
    class: [u8; 256],
    /// The delimiter can appear in a number (`.` or `-`), so numbers must be checked too.
    numeric_delimiter: bool,
    /// `,0,0,0...`: [`ZERO_CELLS`] cells of `0` in this dialect.
    zeros: [u8; 2 * ZERO_CELLS],
    /// Text cells that a spreadsheet would run as formulas start with `'`.
    inert: bool,
    /// Numbers are written with a decimal comma.
    decimal_comma: bool,
}

impl Dialect {
    pub fn new(delimiter: u8) -> Dialect {
        let mut class = [0u8; 256];
        for b in [delimiter, b'"', b'\n', b'\r'] {
            class[b as usize] |= SPECIAL;
        }
        for b in 0..=255u8 {
            if is_ascii_white(b) {
                class[b as usize] |= WHITE;
            }
        }
        for b in [0xC2, 0xE1, 0xE2, 0xE3] {
            class[b] |= WHITE_LEAD;
        }
        class[b'"' as usize] |= QUOTE;
        let mut zeros = [b'0'; 2 * ZERO_CELLS];
        zeros.iter_mut().step_by(2).for_each(|b| *b = delimiter);
        Dialect {
            delimiter,
            class,
            numeric_delimiter: matches!(delimiter, b'.' | b'-'),
            zeros,
            inert: false,
            decimal_comma: false,
        }
    }

    /// This dialect for spreadsheets: every text cell inert when `inert`, numbers with a decimal
    /// comma when `decimal_comma`.
    pub fn for_spreadsheets(mut self, inert: bool, decimal_comma: bool) -> Dialect {
        self.inert = inert;
        self.decimal_comma = decimal_comma;
        self.numeric_delimiter |= decimal_comma && self.delimiter == b',';
        self
    }
}

/// One row being written into `out`; as [`Cells`], row after row.
pub struct Row<'a> {
    out: &'a mut Vec<u8>,
    dialect: &'a Dialect,
    first: bool,
    /// The cells of repeated runs, and of the leads of the article whose rows these are, made
    /// in this dialect.
    ready: Option<(&'a ReadyCells, &'a LeadCells)>,
}

impl<'a> Row<'a> {
    pub fn new(out: &'a mut Vec<u8>, dialect: &'a Dialect) -> Row<'a> {
        Row {
            out,
            dialect,
            first: true,
            ready: None,
        }
    }

    /// This row copying the repeated runs of cells from `ready` and the leads of its article
    /// from `leads` (both made in its dialect).
    pub fn with_ready(mut self, ready: &'a ReadyCells, leads: &'a LeadCells) -> Row<'a> {
        self.ready = Some((ready, leads));
        self
    }

    /// The bytes of the rows written, to write out and clear between two rows.
    pub fn bytes_mut(&mut self) -> &mut Vec<u8> {
        self.out
    }

    #[inline]
    fn separate(&mut self) {
        if !self.first {
            self.out.push(self.dialect.delimiter);
        }
        self.first = false;
    }

    #[inline]
    fn is_special(&self, b: u8) -> bool {
        self.dialect.class[b as usize] & SPECIAL != 0
    }

    /// Cells already escaped and joined in this row's dialect (see [`ReadyCells`]).
    #[inline]
    pub fn cells(&mut self, cells: &[u8]) -> &mut Self {
        self.separate();
        self.out.extend_from_slice(cells);
        self
    }

    /// A cell with `s` as it is (made inert when the dialect asks for it).
    pub fn text(&mut self, s: &str) -> &mut Self {
        if self.dialect.inert && runs_as_formula(s) {
            let mut inert = String::with_capacity(s.len() + 1);
            inert.push('\'');
            inert.push_str(s);
            return self.plain_text(&inert);
        }
        self.plain_text(s)
    }

    /// A cell with `s` as it is, inert or not.
    fn plain_text(&mut self, s: &str) -> &mut Self {
        self.separate();
        if s.bytes().any(|b| self.is_special(b)) {
            self.out.push(b'"');
            push_doubling_quotes(self.out, s);
            self.out.push(b'"');
        } else {
            self.out.extend_from_slice(s.as_bytes());
        }
        self
    }

    /// A cell with `s` on one line: runs of white space (as `char::is_whitespace` has it, line
    /// ends included) become one space, and white space at either end goes (made inert when the
    /// dialect asks for it).
    pub fn one_line(&mut self, s: &str) -> &mut Self {
        match self.dialect.inert {
            true => self.inert_one_line(s),
            false => self.plain_one_line(s),
        }
    }

    /// [`Row::one_line`], inert or not.
    fn plain_one_line(&mut self, s: &str) -> &mut Self {
        self.separate();
        let start = self.out.len();
        let bytes = s.as_bytes();
        let class = &self.dialect.class;
        // The classes of the bytes copied, to tell whether the field needs quotes.
        let mut seen = 0u8;
        let mut i = 0;
        while i < bytes.len() {
            let (white, len) = white_space_at(s, i);
            if white {
                i += len;
                continue;
            }
            // Words joined by single spaces are copied as they are, in one piece: most texts
            // are one such run, so the loop is a class lookup per byte.
            let run = i;
            while i < bytes.len() {
                // Bytes of no class at all, the bulk of any text, in the tightest loop.
                i += bytes[i..]
                    .iter()
                    .position(|&b| class[b as usize] != 0)
                    .unwrap_or(bytes.len() - i);
                let Some(&b) = bytes.get(i) else { break };
                let c = class[b as usize];
                if c & (WHITE | WHITE_LEAD) == 0 {
                    seen |= c;
                } else if b == b' ' {
                    // A space stays if a word follows it.
                    match bytes.get(i + 1) {
                        Some(&next) if class[next as usize] & (WHITE | WHITE_LEAD) == 0 => {}
                        Some(_) if !white_space_at(s, i + 1).0 => {}
                        _ => break,
                    }
                } else if c & WHITE != 0 || white_space_at(s, i).0 {
                    break;
                }
                // The bytes that follow the first of a character are never white space.
                i += 1;
            }
            if self.out.len() > start {
                self.out.push(b' ');
            }
            self.out.extend_from_slice(&bytes[run..i]);
        }
        let special =
            seen & SPECIAL != 0 || (self.is_special(b' ') && self.out[start..].contains(&b' '));
        if special && seen & QUOTE == 0 {
            self.out.insert(start, b'"');
            self.out.push(b'"');
        } else if special {
            quote_in_place(self.out, start);
        }
        self
    }

    /// Like [`Row::one_line`], for text from the inputs that a spreadsheet could run as a
    /// formula: a cell that would start with `=`, `+`, `-` or `@` and is not a plain number
    /// starts with `'` instead, which spreadsheets show as text (a number such as `-3.5` stays a
    /// number).
    pub fn inert_one_line(&mut self, s: &str) -> &mut Self {
        let shown = s.trim_start();
        if runs_as_formula(shown) {
            let mut inert = String::with_capacity(shown.len() + 1);
            inert.push('\'');
            inert.push_str(shown);
            self.plain_one_line(&inert)
        } else {
            self.plain_one_line(s)
        }
    }

    /// A number already written as text (`-0.5000`), with the dialect's decimal mark.
    pub fn number_text(&mut self, s: &str) -> &mut Self {
        self.separate();
        let start = self.out.len();
        self.out.extend_from_slice(s.as_bytes());
        self.decimal_mark_from(start);
        self.quote_number_from(start);
        self
    }

    /// Writes the decimal point of the number from `start` as the dialect has it.
    #[inline]
    fn decimal_mark_from(&mut self, start: usize) {
        if self.dialect.decimal_comma {
            if let Some(point) = self.out[start..].iter().position(|&b| b == b'.') {
                self.out[start + point] = b',';
            }
        }
    }

    #[inline]
    pub fn uint(&mut self, n: u64) -> &mut Self {
        self.separate();
        // Digits are never quoted: the delimiter is not a digit.
        push_uint(self.out, n);
        self
    }

    /// `count` cells of `0`: the bulk of the count columns, copied many at a time.
    pub fn zeros(&mut self, mut count: usize) -> &mut Self {
        if count > 0 && self.first {
            self.uint(0);
            count -= 1;
        }
        while count > 0 {
            let cells = count.min(ZERO_CELLS);
            self.out.extend_from_slice(&self.dialect.zeros[..2 * cells]);
            count -= cells;
        }
        self
    }

    /// A number with `decimals` digits after the point (see [`push_fixed`]).
    pub fn fixed(&mut self, x: f64, decimals: usize) -> &mut Self {
        self.separate();
        let start = self.out.len();
        push_fixed(self.out, x, decimals);
        self.decimal_mark_from(start);
        self.quote_number_from(start);
        self
    }

    /// Like [`Row::fixed`], with `None` as an empty cell.
    pub fn fixed_opt(&mut self, x: Option<f64>, decimals: usize) -> &mut Self {
        match x {
            Some(x) => self.fixed(x, decimals),
            None => self.text(""),
        }
    }

    /// A number holds no quote or line break, but the delimiter may be `.` or `-`.
    #[inline]
    fn quote_number_from(&mut self, start: usize) {
        if self.dialect.numeric_delimiter && self.out[start..].contains(&self.dialect.delimiter) {
            self.out.insert(start, b'"');
            self.out.push(b'"');
        }
    }

    /// Ends the row.
    pub fn end(self) {
        self.out.push(b'\n');
    }
}

/// Typed values as CSV cells: numbers to [`DECIMALS`] with the dialect's decimal mark, and an
/// empty cell for a value that is missing.
impl Cells for Row<'_> {
    #[inline]
    fn text(&mut self, s: &str) -> &mut Self {
        Row::text(self, s)
    }

    #[inline]
    fn one_line(&mut self, s: &str) -> &mut Self {
        Row::one_line(self, s)
    }

    #[inline]
    fn inert_one_line(&mut self, s: &str) -> &mut Self {
        Row::inert_one_line(self, s)
    }

    #[inline]
    fn count(&mut self, n: u64) -> &mut Self {
        self.uint(n)
    }

    fn count_opt(&mut self, n: Option<u64>) -> &mut Self {
        match n {
            Some(n) => self.uint(n),
            None => Row::text(self, ""),
        }
    }

    #[inline]
    fn zeros(&mut self, count: usize) -> &mut Self {
        Row::zeros(self, count)
    }

    #[inline]
    fn number(&mut self, x: Option<f64>) -> &mut Self {
        self.fixed_opt(x, DECIMALS)
    }

    #[inline]
    fn flag(&mut self, b: bool) -> &mut Self {
        Row::text(self, if b { "true" } else { "false" })
    }

    fn date(&mut self, date: Option<Date>) -> &mut Self {
        match date {
            Some(date) => Row::text(self, &date.to_string()),
            None => Row::text(self, ""),
        }
    }

    #[inline]
    fn end_row(&mut self) {
        self.out.push(b'\n');
        self.first = true;
    }

    #[inline]
    fn size(&self) -> usize {
        self.out.len()
    }

    #[inline]
    fn repeated(&mut self, set: &LexiconSet, run: Repeated) -> &mut Self {
        match self.ready.and_then(|(ready, _)| ready.get(run)) {
            Some(cells) => self.cells(cells),
            None => {
                run.write(set, self);
                self
            }
        }
    }

    #[inline]
    fn lead(&mut self, article: &Article, lead: Lead) -> &mut Self {
        match self.ready {
            Some((_, leads)) => self.cells(leads.get(lead)),
            None => {
                lead.write(article, self);
                self
            }
        }
    }
}

/// The CSV cells of every [`Repeated`] run of one set of lexicons, in one dialect: made once per
/// run and copied into rows.
#[derive(Debug, Clone, Default)]
pub struct ReadyCells {
    runs: Runs,
    /// Per term: its cells ([`Repeated::Term`]), and those of a plain hit of it
    /// ([`Repeated::PlainHit`]), which start with them and so share their bytes.
    terms: Vec<(Span, Span)>,
    /// Per category: [`Repeated::Category`] and [`Repeated::CategoryName`].
    categories: Vec<(Span, Span)>,
}

impl ReadyCells {
    /// The cells of every run of `set` in `dialect`.
    pub fn new(set: &LexiconSet, dialect: &Dialect) -> ReadyCells {
        let mut runs = Runs::default();
        let terms = (0..set.terms.len())
            .map(|t| {
                let plain = runs.push(dialect, |row| Repeated::PlainHit(t).write(set, row));
                let term =
                    runs.push_within(plain, dialect, |row| Repeated::Term(t).write(set, row));
                (term, plain)
            })
            .collect();
        let categories = (0..set.categories.len())
            .map(|c| {
                let category = runs.push(dialect, |row| Repeated::Category(c).write(set, row));
                let name = runs.push(dialect, |row| Repeated::CategoryName(c).write(set, row));
                (category, name)
            })
            .collect();
        // It lives for the whole run (a megabyte or two with the shipped lexicons): without
        // the room left by growing.
        runs.bytes.shrink_to_fit();
        ReadyCells {
            runs,
            terms,
            categories,
        }
    }

    /// The cells of `run`, when they were made.
    #[inline]
    fn get(&self, run: Repeated) -> Option<&[u8]> {
        let span = match run {
            Repeated::Term(t) => self.terms.get(t)?.0,
            Repeated::PlainHit(t) => self.terms.get(t)?.1,
            Repeated::Category(c) => self.categories.get(c)?.0,
            Repeated::CategoryName(c) => self.categories.get(c)?.1,
        };
        Some(self.runs.get(span))
    }
}

/// The CSV cells of the [`Lead`]s of one article, in one dialect: made once per article and
/// copied into its rows.
#[derive(Debug, Clone, Default)]
pub struct LeadCells {
    runs: Runs,
    /// [`Lead::Id`], which starts [`Lead::IdGroup`] and so shares its bytes.
    id: Span,
    id_group: Span,
}

impl LeadCells {
    pub fn new(article: &Article, dialect: &Dialect) -> LeadCells {
        let mut runs = Runs::default();
        let id_group = runs.push(dialect, |row| Lead::IdGroup.write(article, row));
        let id = runs.push_within(id_group, dialect, |row| Lead::Id.write(article, row));
        LeadCells { runs, id, id_group }
    }

    #[inline]
    fn get(&self, lead: Lead) -> &[u8] {
        self.runs.get(match lead {
            Lead::Id => self.id,
            Lead::IdGroup => self.id_group,
        })
    }
}

/// Runs of cells, one after the other: one allocation rather than one per run.
#[derive(Debug, Clone, Default)]
struct Runs {
    bytes: Vec<u8>,
}

/// Where a run is in [`Runs::bytes`]: start and end (runs of cells of lexicons and articles
/// stay far below 4 GB).
type Span = (u32, u32);

impl Runs {
    /// Adds the cells that `write` writes, as a row of their own.
    fn push(&mut self, dialect: &Dialect, write: impl FnOnce(&mut Row)) -> Span {
        let start = self.bytes.len();
        write(&mut Row::new(&mut self.bytes, dialect));
        (start as u32, self.bytes.len() as u32)
    }

    /// Like [`Runs::push`], for cells that most often start the run `outer`: then they are
    /// that run's first bytes, not a copy.
    fn push_within(
        &mut self,
        outer: Span,
        dialect: &Dialect,
        write: impl FnOnce(&mut Row),
    ) -> Span {
        let (start, end) = self.push(dialect, write);
        let run = &self.bytes[start as usize..end as usize];
        if self.bytes[outer.0 as usize..outer.1 as usize].starts_with(run) {
            self.bytes.truncate(start as usize);
            return (outer.0, outer.0 + (end - start));
        }
        (start, end)
    }

    #[inline]
    fn get(&self, (start, end): Span) -> &[u8] {
        &self.bytes[start as usize..end as usize]
    }
}

/// Whether a spreadsheet would take a cell that starts as `s` for a formula: one that starts with
/// `=`, `+`, `-` or `@` (or a tab or carriage return, which spreadsheets skip before them) and is
/// not a plain number such as `-3.5`.
pub(crate) fn runs_as_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(s.trim())
}

/// `s` is a decimal number: a sign, digits with at most one point, and an exponent.
fn is_plain_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(at) => (&s[..at], Some(&s[at + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, part)) => {
            (whole.is_empty() || digits(whole))
                && (part.is_empty() || digits(part))
                && !(whole.is_empty() && part.is_empty())
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// ASCII white space as `char::is_whitespace` has it.
#[inline]
fn is_ascii_white(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Is there white space at byte `i` of `s`, and how long is the character there?
#[inline]
fn white_space_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (is_ascii_white(b), 1)
    } else {
        let c = s[i..].chars().next().unwrap_or(' ');
        (c.is_whitespace(), c.len_utf8())
    }
}

/// Puts the field that starts at `start` (the end of `out`) between quotes, doubling its quotes.
fn quote_in_place(out: &mut Vec<u8>, start: usize) {
    let quotes = out[start..].iter().filter(|&&b| b == b'"').count();
    let old_end = out.len();
    // The closing quote, and room for the rest.
    out.resize(old_end + quotes + 2, b'"');
    // Move the field right from its end, a piece between two quotes at a time (a memmove each
    // rather than a loop over bytes): each piece moves by one for the opening quote and one for
    // each quote before it, doubled.
    let mut end = old_end;
    let mut shift = quotes + 1;
    while let Some(q) = out[start..end].iter().rposition(|&b| b == b'"') {
        let q = start + q;
        out.copy_within(q..end, q + shift);
        shift -= 1;
        out[q + shift] = b'"';
        end = q;
    }
    out.copy_within(start..end, start + 1);
    out[start] = b'"';
}

fn push_doubling_quotes(out: &mut Vec<u8>, s: &str) {
    let mut rest = s.as_bytes();
    while let Some(q) = rest.iter().position(|&b| b == b'"') {
        out.extend_from_slice(&rest[..=q]);
        out.push(b'"');
        rest = &rest[q + 1..];
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the csv crate writes for the same cells.
    fn reference(cells: &[&str], delimiter: u8) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(Vec::new());
        w.write_record(cells).unwrap();
        w.into_inner().unwrap()
    }

    #[test]
    fn same_bytes_as_the_csv_crate() {
        let cells = [
            "plain",
            "with, comma",
            "say \"hi\"",
            "two\nlines",
            "cr\rhere",
            "",
            "semi;colon",
            "tab\there",
            "0.5000",
        ];
        for delimiter in [b',', b';', b'\t', b'.', b'|'] {
            let mut out = Vec::new();
            let dialect = Dialect::new(delimiter);
            let mut row = Row::new(&mut out, &dialect);
            for c in cells {
                row.text(c);
            }
            row.end();
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&reference(&cells, delimiter))
            );
        }
    }

    #[test]
    fn numbers_and_one_line_cells() {
        let mut out = Vec::new();
        let dot = Dialect::new(b'.');
        let mut row = Row::new(&mut out, &dot);
        row.uint(42)
            .fixed(0.5, 4)
            .fixed_opt(None, 4)
            .one_line("  a \"b\"\n\n c\t")
            .text("x.y")
            .text("z");
        row.end();
        assert_eq!(
            out,
            reference(&["42", "0.5000", "", "a \"b\" c", "x.y", "z"], b'.')
        );
        let mut out = Vec::new();
        let comma = Dialect::new(b',');
        let mut row = Row::new(&mut out, &comma);
        row.one_line("x,\r\ny").one_line("");
        row.end();
        assert_eq!(out, reference(&["x, y", ""], b','));
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_made_inert() {
        let cell = |s: &str| {
            let dialect = Dialect::new(b',');
            let mut out = Vec::new();
            Row::new(&mut out, &dialect).inert_one_line(s);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("  @SUM(A1:A2)"), "'@SUM(A1:A2)");
        assert_eq!(cell("\t+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(cell("-2+3,4"), "\"'-2+3,4\"");
        assert_eq!(cell("-"), "'-");
        // Numbers stay numbers, other text stays as it is.
        for plain in [
            "-3.5",
            "+4",
            "-1e-3",
            "-.5",
            "2024-05-01",
            "a=b",
            "",
            "it's",
        ] {
            assert_eq!(cell(plain), plain);
        }
    }

    #[test]
    fn a_dialect_for_spreadsheets_makes_every_text_cell_inert_and_may_write_decimal_commas() {
        let dialect = Dialect::new(b';').for_spreadsheets(true, true);
        let mut out = Vec::new();
        let mut row = Row::new(&mut out, &dialect);
        row.text("=HYPERLINK(\"x\")")
            .text("\t=1")
            .text("-3.5")
            .text("plain")
            .one_line("  @SUM(A1)\n")
            .fixed(-0.25, 4)
            .number_text("12.5000")
            .uint(7);
        row.end();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"'=HYPERLINK(\"\"x\"\")\";'\t=1;-3.5;plain;'@SUM(A1);-0,2500;12,5000;7\n"
        );
        // Not for spreadsheets: text as it is, numbers with a point.
        let plain = Dialect::new(b',');
        let mut out = Vec::new();
        Row::new(&mut out, &plain).text("=1").fixed(0.5, 1);
        assert_eq!(out, b"=1,0.5");
        // A decimal comma with a comma delimiter is quoted, not misread.
        let comma = Dialect::new(b',').for_spreadsheets(false, true);
        let mut out = Vec::new();
        Row::new(&mut out, &comma).fixed(0.5, 1).uint(2);
        assert_eq!(out, b"\"0,5\",2");
    }

    #[test]
    fn zeros_are_cells_of_zero() {
        for delimiter in [b',', b';', b'\t', b'.', b'-'] {
            let dialect = Dialect::new(delimiter);
            for count in [
                0,
                1,
                2,
                ZERO_CELLS - 1,
                ZERO_CELLS,
                ZERO_CELLS + 1,
                3 * ZERO_CELLS + 5,
            ] {
                for first in [true, false] {
                    let (mut out, mut expected) = (Vec::new(), Vec::new());
                    let mut row = Row::new(&mut out, &dialect);
                    let mut reference = Row::new(&mut expected, &dialect);
                    if !first {
                        row.uint(7);
                        reference.uint(7);
                    }
                    row.zeros(count);
                    row.end();
                    for _ in 0..count {
                        reference.uint(0);
                    }
                    reference.end();
                    assert_eq!(out, expected, "{count} zeros, first: {first}");
                }
            }
        }
    }

    #[test]
    fn white_space_beyond_ascii_starts_with_a_white_lead() {
        // one_line only looks closer at characters that start with such a byte.
        let dialect = Dialect::new(b',');
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let mut bytes = [0u8; 4];
                let lead = c.encode_utf8(&mut bytes).as_bytes()[0];
                assert!(dialect.class[lead as usize] & WHITE_LEAD != 0, "{c:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn one_line_is_words_joined_by_spaces(s in "[a b\t\n\r\u{b}\u{c}\u{1c}\u{a0}\u{2003}\u{3000}\u{3001}\u{2028}\u{201c}\u{2014}\u{a9}\u{1680}\u{1681}\",;.é\u{85}x]{0,40}", delimiter in proptest::sample::select(vec![b',', b';', b'\t', b' ', b'.'])) {
            let words: Vec<&str> = s.split_whitespace().collect();
            let dialect = Dialect::new(delimiter);
            let mut out = Vec::new();
            Row::new(&mut out, &dialect).one_line(&s);
            let mut expected = Vec::new();
            Row::new(&mut expected, &dialect).text(&words.join(" "));
            proptest::prop_assert_eq!(String::from_utf8_lossy(&out), String::from_utf8_lossy(&expected));
        }
    }

    #[test]
    fn ready_cells_are_the_cells_written_one_by_one() {
        let loaded = crate::lexicon::load(&[], &crate::lexicon::LexiconDir::embedded_only())
            .expect("lexicons");
        let scorer = crate::Scorer::new(&loaded).expect("compiles");
        let set = scorer.lexicons();
        let article = Article {
            id: "a, \"b\"".into(),
            group: "=wire".into(),
            story: String::new(),
            date: None,
            title: String::new(),
            text: String::new(),
            origin: String::new(),
            warnings: Vec::new(),
            kept: Vec::new(),
            language: String::new(),
        };
        let runs = (0..set.terms.len())
            .flat_map(|t| [Repeated::Term(t), Repeated::PlainHit(t)])
            .chain((0..set.categories.len()).map(Repeated::Category))
            .chain((0..set.categories.len()).map(Repeated::CategoryName));
        let dialects = [
            Dialect::new(b','),
            Dialect::new(b'.'),
            Dialect::new(b';').for_spreadsheets(true, true),
        ];
        for dialect in &dialects {
            let ready = ReadyCells::new(set, dialect);
            let leads = LeadCells::new(&article, dialect);
            // Each run after a cell, as in rows: copied, and written cell by cell.
            let both = |write: &dyn Fn(&mut Row, bool)| {
                let (mut copied, mut written) = (Vec::new(), Vec::new());
                let mut row = Row::new(&mut copied, dialect).with_ready(&ready, &leads);
                row.uint(1);
                write(&mut row, true);
                row.end_row();
                let mut row = Row::new(&mut written, dialect);
                row.uint(1);
                write(&mut row, false);
                row.end_row();
                (copied, written)
            };
            for run in runs.clone() {
                let (copied, written) = both(&|row, ready| match ready {
                    true => drop(row.repeated(set, run)),
                    false => run.write(set, row),
                });
                assert_eq!(copied, written, "{run:?}");
            }
            for lead in [Lead::Id, Lead::IdGroup] {
                let (copied, written) = both(&|row, ready| match ready {
                    true => drop(row.lead(&article, lead)),
                    false => lead.write(&article, row),
                });
                assert_eq!(copied, written, "{lead:?}");
                assert!(copied.starts_with(b"1"), "{lead:?}");
            }
        }
        assert!(!set.terms.is_empty() && !set.categories.is_empty());
    }
}
