//! Text in encodings other than UTF-8, through the binary: what a byte-order mark says is read as
//! that encoding, and what the user names with `--encoding` is read as that; either way the
//! outputs are those of the same text in UTF-8.

mod common;

use std::path::Path;

use common::*;

/// Letters every encoding tested here has (Windows-1252 and ISO-8859-15 lack the dash `—`).
const TEXT: &str =
    "Talks resume in Zürich\n\nThe café talks were a great success, officials said; \
                    hope remains for peace. A deal worth 5 € was signed - naïve, critics said.";

fn utf32(s: &str, little: bool) -> Vec<u8> {
    let mut bytes = if little {
        vec![0xFF, 0xFE, 0, 0]
    } else {
        vec![0, 0, 0xFE, 0xFF]
    };
    for c in s.chars() {
        let unit = c as u32;
        bytes.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

/// The scores of `file` (with `extra` arguments) as the tables give them, and the exit code.
fn scores(dir: &Path, file: &str, extra: &[&str]) -> (Option<i32>, Vec<Vec<u8>>) {
    let out = format!("out-{file}");
    let mut args = vec!["analyze", file, "--out", &out, "-q", "--pairs", "none"];
    args.extend(extra);
    let run = run_in(dir, &args);
    let tables = ["articles.csv", "sentences.csv", "matches.csv"]
        .iter()
        .map(|t| std::fs::read(dir.join(&out).join(t)).unwrap_or_default())
        .collect();
    (run.status.code(), tables)
}

/// The tables of a file, with its own name (the id) replaced by that of the UTF-8 twin.
fn as_twin(tables: Vec<Vec<u8>>, id: &str, twin: &str) -> Vec<String> {
    tables
        .into_iter()
        .map(|t| String::from_utf8(t).unwrap().replace(id, twin))
        .collect()
}

#[test]
fn text_files_in_other_encodings_score_as_their_utf8_twin() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "utf8.txt", TEXT);
    let (code, expected) = scores(dir.path(), "utf8.txt", &[]);
    assert_eq!(code, Some(0));
    let expected = as_twin(expected, "utf8", "utf8");
    assert!(expected[1].contains("café talks"), "{}", expected[1]);
    let cp1252 = encoding_rs::WINDOWS_1252.encode(TEXT).0.into_owned();
    assert!(
        !encoding_rs::ISO_8859_15.encode(TEXT).2,
        "every letter has a byte"
    );
    let cases: [(&str, Vec<u8>, &[&str]); 5] = [
        ("utf32le.txt", utf32(TEXT, true), &[]),
        ("utf32be.txt", utf32(TEXT, false), &[]),
        (
            "cp1252.txt",
            cp1252.clone(),
            &["--encoding", "windows-1252"],
        ),
        (
            "latin9.txt",
            encoding_rs::ISO_8859_15.encode(TEXT).0.into_owned(),
            &["--encoding", "ISO-8859-15"],
        ),
        // A byte-order mark wins over the name given.
        (
            "marked.txt",
            [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat(),
            &["--encoding", "windows-1252"],
        ),
    ];
    for (file, bytes, extra) in cases {
        write(dir.path(), file, &bytes);
        let (code, tables) = scores(dir.path(), file, extra);
        assert_eq!(code, Some(0), "{file}");
        let id = file.trim_end_matches(".txt");
        assert!(
            as_twin(tables, id, "utf8") == expected,
            "{file} differs from its UTF-8 twin"
        );
    }
    // Without the name, Windows-1252 is repaired and the run says how to read every letter.
    let out = run_in(
        dir.path(),
        &["analyze", "cp1252.txt", "--out", "plain", "-q"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("or name its encoding (--encoding windows-1252"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn tables_in_other_encodings_stream_as_their_utf8_twin() {
    let dir = tempfile::tempdir().unwrap();
    let japanese = "Talks resume. 平和交渉は成功した。希望が残る、と官僚は言った。";
    for (twin, text, named) in [(0, TEXT, "windows-1252"), (1, japanese, "shift_jis")] {
        // Far more than one block of decoding: records straddle blocks.
        let mut csv = String::from("id;text\r\n");
        for i in 0..3000 {
            csv.push_str(&format!("r{i};\"{} {i}\"\r\n", text.replace('\n', " ")));
        }
        let utf8 = format!("utf8-{twin}.csv");
        write(dir.path(), &utf8, &csv);
        // Japanese gets a warning of its script against English lexicons: exit 1 for both.
        let (twin_code, expected) = scores(dir.path(), &utf8, &[]);
        let encoding = encoding_rs::Encoding::for_label(named.as_bytes()).unwrap();
        let (bytes, _, unmappable) = encoding.encode(&csv);
        assert!(!unmappable);
        let cases: [(String, Vec<u8>, &[&str]); 2] = [
            (format!("utf32-{twin}.csv"), utf32(&csv, true), &[]),
            (
                format!("named-{twin}.csv"),
                bytes.into_owned(),
                &["--encoding", named],
            ),
        ];
        for (file, bytes, extra) in cases {
            write(dir.path(), &file, &bytes);
            let (code, tables) = scores(dir.path(), &file, extra);
            assert_eq!(code, twin_code, "{file}");
            assert!(tables == expected, "{file} differs from its UTF-8 twin");
        }
    }
}

#[test]
fn japanese_in_shift_jis_is_read_when_named_and_named_when_not() {
    let dir = tempfile::tempdir().unwrap();
    let japanese = "平和交渉は成功した。希望が残る、と官僚は言った。\n戦争の危機は去った。";
    write(dir.path(), "utf8.txt", japanese);
    write(
        dir.path(),
        "sjis.txt",
        encoding_rs::SHIFT_JIS.encode(japanese).0.as_ref(),
    );
    let out = run_in(dir.path(), &["analyze", "sjis.txt", "--out", "o", "-q"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("but it reads as Shift_JIS") && err.contains("(--encoding Shift_JIS)"),
        "{err}"
    );
    assert!(!err.contains("binary data"), "{err}");
    let (_, expected) = scores(dir.path(), "utf8.txt", &[]);
    let (_, tables) = scores(dir.path(), "sjis.txt", &["--encoding", "Shift_JIS"]);
    assert_eq!(
        as_twin(tables, "sjis", "utf8"),
        as_twin(expected, "utf8", "utf8")
    );
}
