//! Outputs for spreadsheets, through the binary: under `--excel` no cell of any CSV output opens
//! as a formula, whatever the scraped ids, titles, groups and text held; `--decimal-comma` writes
//! numbers as comma-decimal locales read them, and `compare` reads such a folder back.

mod common;

use std::path::Path;

use common::*;

/// Every cell of every CSV output in `dir`, by file, read with `delimiter` past a byte-order mark.
fn cells(dir: &Path, delimiter: u8) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for (name, bytes) in output_files(dir) {
        if !name.ends_with(".csv") {
            continue;
        }
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(body);
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                all.push((name.clone(), cell.to_string()));
            }
        }
    }
    all
}

fn runs_as_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && cell.trim().replacen(',', ".", 1).parse::<f64>().is_err()
}

const HOSTILE: &str = "id,outlet,title,text,note,date\n\
    \"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",@wire,+cmd|' /C calc'!A0,\"-2+3 said the officials: hope remains. =1+1 war looms.\",=2*3,2024-03-01\n\
    \"\t=SUM(A1)\",-herald,\"\r@title\",\"Hope and peace at last, officials said; the war is over.\",-5,2024-03-02\n\
    plain,=wire,Title,\"War and threats; the crisis deepened, critics said.\",ok,2024-04-09\n";

#[test]
fn under_excel_no_cell_of_any_output_runs_as_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.csv", HOSTILE);
    let args = [
        "analyze",
        "in.csv",
        "--out",
        "o",
        "-q",
        "--excel",
        "--decimal-comma",
        "--keep-col",
        "note",
        "--pairs",
        "articles",
        "--match-stories",
    ];
    let out = run_in(dir.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o = dir.path().join("o");
    let all = cells(&o, b';');
    for file in [
        "articles.csv",
        "frames.csv",
        "sentences.csv",
        "matches.csv",
        "comparison.csv",
        "sources.csv",
        "sources_by_group.csv",
        "timeseries.csv",
    ] {
        assert!(all.iter().any(|(f, _)| f == file), "no {file}");
    }
    let running: Vec<_> = all.iter().filter(|(_, c)| runs_as_formula(c)).collect();
    assert!(running.is_empty(), "{running:?}");
    // What would have run is kept behind a `'`, and numbers have a decimal comma.
    let articles = cells(&o, b';');
    assert!(articles
        .iter()
        .any(|(_, c)| c == "'=HYPERLINK(\"http://x\",\"click\")"));
    assert!(articles.iter().any(|(_, c)| c == "'@wire"));
    assert!(articles.iter().any(|(_, c)| c == "'=2*3"));
    assert!(
        articles.iter().any(|(_, c)| c == "-5"),
        "a number stays a number"
    );
    assert!(articles.iter().any(|(f, c)| f == "articles.csv"
        && c.contains(',')
        && c.parse::<f64>().is_err()
        && c.replacen(',', ".", 1).parse::<f64>().is_ok()));
    assert!(!articles
        .iter()
        .any(|(f, c)| f == "frames.csv" && c.contains('.') && c.parse::<f64>().is_ok()));
    // compare reads the folder back, numbers and ids alike, and writes in its style.
    let again = run_in(dir.path(), &["compare", "o", "-q", "--pairs", "articles"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let running: Vec<_> = cells(&o, b';')
        .into_iter()
        .filter(|(_, c)| runs_as_formula(c))
        .collect();
    assert!(running.is_empty(), "{running:?}");
}

#[test]
fn without_excel_cells_hold_the_text_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.csv", HOSTILE);
    let out = run_in(
        dir.path(),
        &["analyze", "in.csv", "--out", "o", "-q", "--pairs", "none"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    assert_eq!(rows[0]["article_id"], "=HYPERLINK(\"http://x\",\"click\")");
    assert_eq!(rows[0]["group"], "@wire");
}

#[test]
fn a_decimal_comma_needs_another_delimiter() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", "Hope remains.");
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "a.txt",
            "--out",
            "o",
            "--decimal-comma",
            "--delimiter",
            ",",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--decimal-comma writes one half as 0,5"),
        "{}",
        stderr(&out)
    );
    // Alone, it takes the semicolon.
    let out = run_in(
        dir.path(),
        &["analyze", "a.txt", "--out", "o", "-q", "--decimal-comma"],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("o/articles.csv")).unwrap();
    assert!(text.starts_with("article_id;group;"), "{text}");
    assert!(
        text.contains(";1000,0000;") || text.contains(";500,0000;"),
        "{text}"
    );
}
