//! Parquet in and out: `--output-format parquet` writes the CSV tables' values with types, the
//! same bytes whatever the thread count; `compare` reads such a folder as it reads CSV; and
//! `analyze` reads `.parquet` inputs as it reads CSV, with bad records located.

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::{project_root, run_in, stderr};
use framescope::output::parquet::schema::{Columns, Kind};
use framescope::output::parquet::{Packing, ParquetRows, ParquetTable, TableColumns};
use framescope::output::Cells;
use parquet::basic::{LogicalType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

const TABLES: [&str; 6] = [
    "articles",
    "frames",
    "sentences",
    "matches",
    "sources",
    "sources_by_group",
];

fn analyze(dir: &Path, out: &str, extra: &[&str]) -> PathBuf {
    let examples = project_root().join("examples/articles");
    let mut args = vec!["analyze", examples.to_str().unwrap(), "-o", out, "-q"];
    args.extend(extra);
    let o = run_in(dir, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    dir.join(out)
}

fn csv_records(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The header and rows of a Parquet table, as the cells of its CSV twin.
fn parquet_records(path: &Path) -> Vec<Vec<String>> {
    let mut rows = ParquetRows::open(File::open(path).unwrap()).unwrap();
    let mut all = vec![rows.headers().iter().map(String::from).collect()];
    let mut record = csv::StringRecord::new();
    while rows.read_record(&mut record).unwrap() {
        all.push(record.iter().map(String::from).collect());
    }
    all
}

/// The physical type and logical type of column `name` of a Parquet file.
fn column_type(path: &Path, name: &str) -> (Physical, Option<LogicalType>, Repetition) {
    let reader = SerializedFileReader::new(File::open(path).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let field = schema
        .root_schema()
        .get_fields()
        .iter()
        .find(|f| f.name() == name)
        .unwrap_or_else(|| panic!("no column {name}"))
        .clone();
    let info = field.get_basic_info();
    (
        field.get_physical_type(),
        info.logical_type_ref().cloned(),
        info.repetition(),
    )
}

#[test]
fn parquet_tables_hold_the_csv_values_with_types_and_the_same_bytes_at_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let csv = analyze(dir.path(), "csv", &[]);
    let one = analyze(
        dir.path(),
        "pq1",
        &["--output-format", "parquet", "-j", "1"],
    );
    let four = analyze(
        dir.path(),
        "pq4",
        &["--output-format", "parquet", "-j", "4"],
    );
    for table in TABLES {
        let parquet = one.join(format!("{table}.parquet"));
        assert!(
            !one.join(format!("{table}.csv")).exists(),
            "{table}.csv beside the Parquet"
        );
        let expected = csv_records(&csv.join(format!("{table}.csv")));
        let got = parquet_records(&parquet);
        assert!(expected.len() > 1, "{table} has rows");
        assert_eq!(got, expected, "{table}");
        assert_eq!(
            std::fs::read(&parquet).unwrap(),
            std::fs::read(four.join(format!("{table}.parquet"))).unwrap(),
            "{table}.parquet differs between -j 1 and -j 4"
        );
    }
    let articles = one.join("articles.parquet");
    assert_eq!(column_type(&articles, "tokens").0, Physical::INT64);
    assert_eq!(
        column_type(&articles, "tone"),
        (Physical::DOUBLE, None, Repetition::OPTIONAL)
    );
    assert_eq!(
        column_type(&articles, "crisis.hope").0,
        Physical::DOUBLE,
        "a category's rate is a number"
    );
    let title = column_type(&articles, "title");
    assert_eq!(
        (title.0, title.1),
        (Physical::BYTE_ARRAY, Some(LogicalType::String))
    );
    assert_eq!(
        column_type(&articles, "date").1,
        Some(LogicalType::Date),
        "dates are dates"
    );
    let matches = one.join("matches.parquet");
    assert_eq!(column_type(&matches, "negated").0, Physical::BOOLEAN);
    assert_eq!(column_type(&matches, "byte_start").0, Physical::INT64);
    let sentences = one.join("sentences.parquet");
    assert_eq!(
        column_type(&sentences, "crisis.hope").0,
        Physical::INT64,
        "a sentence's hits are counts"
    );
    // Compressed, with dictionaries for the repeated strings.
    let reader = SerializedFileReader::new(File::open(&matches).unwrap()).unwrap();
    let group = reader.metadata().row_group(0);
    let term = group
        .columns()
        .iter()
        .find(|c| c.column_path().string() == "term")
        .unwrap();
    assert_eq!(term.compression(), parquet::basic::Compression::SNAPPY);
    assert!(
        term.dictionary_page_offset().is_some(),
        "terms are dictionary-encoded"
    );
    let manifest = std::fs::read_to_string(one.join("run.json")).unwrap();
    assert!(manifest.contains("\"format\": \"parquet\""), "{manifest}");
    assert!(
        manifest.contains("\"file\": \"matches.parquet\""),
        "{manifest}"
    );
}

#[test]
fn compare_reads_a_parquet_folder_as_it_reads_csv_and_keeps_its_tables() {
    let dir = tempfile::tempdir().unwrap();
    let csv = analyze(dir.path(), "csv", &["--pairs", "none"]);
    let pq = analyze(
        dir.path(),
        "pq",
        &["--pairs", "none", "--output-format", "parquet"],
    );
    for folder in [&csv, &pq] {
        let o = run_in(dir.path(), &["compare", folder.to_str().unwrap(), "-q"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    for file in [
        "comparison.csv",
        "keyness.csv",
        "similarity.csv",
        "summary.md",
    ] {
        let a = std::fs::read(csv.join(file)).unwrap();
        let b = std::fs::read(pq.join(file)).unwrap();
        assert!(
            a == b,
            "{file} differs between the CSV and the Parquet folder"
        );
    }
    // Compared in place, the tables analyze wrote stay, in either format.
    for table in TABLES {
        assert!(csv.join(format!("{table}.csv")).is_file(), "{table}.csv");
        assert!(
            pq.join(format!("{table}.parquet")).is_file(),
            "{table}.parquet"
        );
    }
    // A table changed after analyze wrote it is refused.
    let frames = pq.join("frames.parquet");
    let mut bytes = std::fs::read(&frames).unwrap();
    bytes.extend_from_slice(b"changed");
    std::fs::write(&frames, bytes).unwrap();
    let o = run_in(dir.path(), &["compare", pq.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("frames.parquet") && stderr(&o).contains("changed after"),
        "{}",
        stderr(&o)
    );
}

/// The example articles as records: id, outlet, title, text.
fn example_records() -> Vec<[String; 4]> {
    let mut records = Vec::new();
    for outlet in ["global-wire", "morning-herald"] {
        for story in ["ceasefire", "factory", "state-visit"] {
            let path = project_root().join(format!("examples/articles/{outlet}/{story}.txt"));
            let text = std::fs::read_to_string(path).unwrap();
            records.push([
                format!("{outlet}/{story}"),
                outlet.to_string(),
                story.to_string(),
                text,
            ]);
        }
    }
    records
}

const INPUT_COLUMNS: [&str; 4] = ["doc", "outlet", "headline", "body"];

#[test]
fn a_parquet_input_scores_as_the_same_csv_input() {
    let dir = tempfile::tempdir().unwrap();
    let records = example_records();
    let mut csv_in = csv::Writer::from_path(dir.path().join("in.csv")).unwrap();
    csv_in.write_record(INPUT_COLUMNS).unwrap();
    for r in &records {
        csv_in.write_record(r).unwrap();
    }
    csv_in.flush().unwrap();
    let columns = Arc::new(Columns {
        names: INPUT_COLUMNS.map(String::from).to_vec(),
        kinds: vec![Kind::Text; 4],
    });
    let file = File::create(dir.path().join("in.parquet")).unwrap();
    let mut table = ParquetTable::new(file, &columns, Packing::Compressed).unwrap();
    let mut rows = TableColumns::new(columns);
    for record in &records {
        for cell in record {
            rows.text(cell);
        }
        rows.end_row();
    }
    table.append(&rows).unwrap();
    table.finish().unwrap();
    let flags = [
        "--text-col",
        "body",
        "--id-col",
        "doc",
        "--title-col",
        "headline",
        "--group-col",
        "outlet",
        "--pairs",
        "none",
        "-q",
    ];
    for (input, out) in [("in.csv", "from_csv"), ("in.parquet", "from_parquet")] {
        let mut args = vec!["analyze", input, "-o", out];
        args.extend(flags);
        let o = run_in(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{input}: {}", stderr(&o));
    }
    for table in ["articles", "frames", "sentences", "matches"] {
        let name = format!("{table}.csv");
        let from_csv = csv_records(&dir.path().join("from_csv").join(&name));
        let from_parquet = csv_records(&dir.path().join("from_parquet").join(&name));
        assert_eq!(from_parquet, from_csv, "{name}");
    }
    let articles = csv_records(&dir.path().join("from_parquet/articles.csv"));
    assert_eq!(articles.len(), 7);
    assert_eq!(articles[1][0], "global-wire/ceasefire");
    assert_eq!(articles[1][1], "global-wire");
}

/// A Parquet file of `id` and an optional `text`, where `None` is a null text.
fn with_null_text(path: &Path, texts: &[Option<&str>]) {
    let fields = vec![
        Arc::new(
            Type::primitive_type_builder("id", Physical::BYTE_ARRAY)
                .with_logical_type(Some(LogicalType::String))
                .with_repetition(Repetition::REQUIRED)
                .build()
                .unwrap(),
        ),
        Arc::new(
            Type::primitive_type_builder("text", Physical::BYTE_ARRAY)
                .with_logical_type(Some(LogicalType::String))
                .with_repetition(Repetition::OPTIONAL)
                .build()
                .unwrap(),
        ),
    ];
    let schema = Type::group_type_builder("schema")
        .with_fields(fields)
        .build()
        .unwrap();
    let file = File::create(path).unwrap();
    let properties = Arc::new(WriterProperties::builder().build());
    let mut writer = SerializedFileWriter::new(file, Arc::new(schema), properties).unwrap();
    let mut group = writer.next_row_group().unwrap();
    let ids: Vec<ByteArray> = (1..=texts.len())
        .map(|i| ByteArray::from(format!("a{i}").as_str()))
        .collect();
    let mut column = group.next_column().unwrap().unwrap();
    column
        .typed::<ByteArrayType>()
        .write_batch(&ids, None, None)
        .unwrap();
    column.close().unwrap();
    let present: Vec<ByteArray> = texts
        .iter()
        .flatten()
        .map(|t| ByteArray::from(*t))
        .collect();
    let defined: Vec<i16> = texts.iter().map(|t| i16::from(t.is_some())).collect();
    let mut column = group.next_column().unwrap().unwrap();
    column
        .typed::<ByteArrayType>()
        .write_batch(&present, Some(&defined), None)
        .unwrap();
    column.close().unwrap();
    group.close().unwrap();
    writer.close().unwrap();
}

#[test]
fn bad_parquet_inputs_are_skipped_with_where_and_why() {
    let dir = tempfile::tempdir().unwrap();
    with_null_text(
        &dir.path().join("in.parquet"),
        &[Some("Hope returned."), None, Some("Talks collapsed.")],
    );
    let o = run_in(dir.path(), &["analyze", "in.parquet", "-o", "out", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("in.parquet:record 2") && stderr(&o).contains("null"),
        "{}",
        stderr(&o)
    );
    let articles = csv_records(&dir.path().join("out/articles.csv"));
    let ids: Vec<&str> = articles[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["a1", "a3"]);

    // A column that is not there is named, with those that are.
    let o = run_in(
        dir.path(),
        &[
            "analyze",
            "in.parquet",
            "--text-col",
            "body",
            "-o",
            "o2",
            "-q",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("body") && stderr(&o).contains("text"),
        "{}",
        stderr(&o)
    );

    // A file that is not Parquet says so, and where.
    std::fs::write(dir.path().join("bad.parquet"), "id,text\n1,Hope.\n").unwrap();
    let o = run_in(dir.path(), &["analyze", "bad.parquet", "-o", "o3", "-q"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("bad.parquet") && stderr(&o).contains("Parquet"),
        "{}",
        stderr(&o)
    );
}
