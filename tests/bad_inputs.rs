//! A new user's worst files, one by one, through the real binary: each gets a message that says
//! where and what, the documented exit code, and every good article still gets its row.

mod common;

use std::process::Command;

use common::*;

/// One bad input: the files it is made of, the arguments, and what the user must be told.
struct Case {
    name: &'static str,
    /// The subcommand (`analyze` unless told).
    command: &'static [&'static str],
    files: Vec<(&'static str, Vec<u8>)>,
    args: &'static [&'static str],
    code: i32,
    /// Fragments stderr or stdout must hold.
    says: &'static [&'static str],
    /// Fragments neither may hold.
    never: &'static [&'static str],
    /// Rows of articles.csv in the output folder; `None` when nothing may be written.
    rows: Option<usize>,
}

fn case(
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: &'static [&'static str],
    code: i32,
    says: &'static [&'static str],
    rows: Option<usize>,
) -> Case {
    Case {
        name,
        command: &["analyze"],
        files,
        args,
        code,
        says,
        never: &[],
        rows,
    }
}

impl Case {
    /// The case run with another subcommand, whose outputs are not looked at.
    fn on(mut self, command: &'static [&'static str]) -> Case {
        self.command = command;
        self
    }

    /// What must not be said.
    fn never(mut self, fragments: &'static [&'static str]) -> Case {
        self.never = fragments;
        self
    }
}

fn text(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

fn utf16le(s: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

fn utf16be(s: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    bytes
}

/// A lexicon of one category whose second term, on line 11, is `term`.
fn lexicon_with(term: &str) -> Vec<u8> {
    format!(
        "format = 1\n[lexicon]\nid = \"l\"\nname = \"L\"\nversion = \"1\"\nlanguage = \"en\"\n\
         [categories.hope]\npolarity = 1\n[categories.hope.terms]\n\"hope\" = 1.0\n\"{term}\" = 1.0\n"
    )
    .into_bytes()
}

const LEXICON_WITH_SYNTAX_ERRORS: &str = "format = 1\n[lexicon]\nid = \"l\n\
    name = \"L\"\n[categories.hope\npolarity = 1\n";

fn cases() -> Vec<Case> {
    vec![
        // Encodings.
        case("utf8 with BOM", vec![("a.txt", [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat())], &["a.txt"], 0, &[], Some(1)),
        case("utf16 little endian", vec![("a.txt", utf16le(GOOD))], &["a.txt"], 0, &[], Some(1)),
        case("utf16 CSV from a spreadsheet", vec![("a.csv", utf16be(&format!("id\ttext\r\n1\t{GOOD}\r\n")))], &["a.csv"], 0, &[], Some(1)),
        case("utf8 CSV with BOM and quoted header", vec![("a.csv", text("\u{FEFF}\"id\",\"text\"\r\n\"x\",\"hope\"\r\n"))], &["a.csv", "--id-col", "id"], 0, &[], Some(1)),
        case("utf8 JSON lines with BOM", vec![("a.jsonl", text("\u{FEFF}{\"text\": \"hope\"}\n"))], &["a.jsonl"], 0, &[], Some(1)),
        case("invalid utf8 is repaired and marked", vec![("a.txt", b"Caf\xe9 talks were a success.".to_vec())], &["a.txt"], 1, &["a.txt: invalid UTF-8 at byte 3"], Some(1)),
        case("invalid utf8 under --strict", vec![("a.txt", b"Caf\xe9 talks.".to_vec())], &["a.txt", "--strict"], 2, &["a.txt: invalid UTF-8 at byte 3 (--strict"], None),
        case("windows line ends", vec![("a.txt", text("Talks fail.\r\nHope remains.\r\n"))], &["a.txt"], 0, &[], Some(1)),
        case("utf16 without a BOM", vec![("a.csv", text("id,text\n1,hope\n").iter().flat_map(|&b| [b, 0]).collect())], &["a.csv"], 2, &["a.csv: UTF-16 text without a byte-order mark"], None),
        case("NUL bytes", vec![("a.txt", b"PK\x03\x04\x14\x00\x06\x00".to_vec())], &["a.txt"], 2, &["a.txt: binary data (NUL byte at byte 5)", "no article could be read"], None),
        case("binary data without NUL", vec![("a.txt", (0..600u32).map(|i| (i * 131 % 127) as u8 | 0x80).collect())], &["a.txt"], 2, &["a.txt: binary data, not text"], None),
        // Degenerate articles.
        case("empty", vec![("a.txt", vec![])], &["a.txt"], 1, &["a.txt: no words"], Some(1)),
        case("whitespace only", vec![("a.txt", text(" \n\t\r\n  "))], &["a.txt"], 1, &["no words"], Some(1)),
        case("one word", vec![("a.txt", text("hope"))], &["a.txt"], 0, &[], Some(1)),
        case("no sentence punctuation", vec![("a.txt", text("talks and hope and war and peace without an end"))], &["a.txt"], 0, &[], Some(1)),
        case("Arabic", vec![("a.txt", text("مرحبا بالعالم. السلام عليكم ورحمة الله وبركاته. المحادثات نجحت"))], &["a.txt"], 1, &["a.txt: written mostly in Arabic script"], Some(1)),
        case("Hebrew", vec![("a.txt", text("השיחות הסתיימו בהצלחה גדולה. יש תקווה לשלום"))], &["a.txt"], 1, &["written mostly in Hebrew script"], Some(1)),
        case("Chinese", vec![("a.txt", text("和平谈判取得了巨大成功。大家都很高兴。官员们说希望仍然存在。"))], &["a.txt"], 1, &["written mostly in Chinese, Japanese or Korean script"], Some(1)),
        case("HTML left in", vec![("a.txt", text("<html><body><h1>Talks</h1><p class=\"x\">The talks <b>failed</b>.</p><script>var hope=1;</script></body></html>"))], &["a.txt"], 1, &["a.txt: HTML: 11 tag(s) removed"], Some(1)),
        case("over the size limit", vec![("big.txt", vec![b'a'; 1_100_000]), ("a.txt", text(GOOD))], &["big.txt", "a.txt", "--max-article-mb", "1"], 1, &["big.txt: 1100000 bytes, over the limit of 1048576 bytes per article (--max-article-mb)"], Some(1)),
        // CSV and JSON lines.
        case("missing text column", vec![("a.csv", text("id,words\n1,hello\n"))], &["a.csv"], 2, &["a.csv: no text column", "columns found: id, words", "--text-col"], None),
        case("ragged rows", vec![("a.csv", text("id,text,extra\n1,hope\n2,war,x,y\n3\n"))], &["a.csv"], 1, &["a.csv:2 (record 1): 2 fields where the header has 3", "a.csv:3 (record 2): 4 fields", "a.csv:4 (record 3): the text field is missing"], Some(2)),
        case("quote left open to the end", vec![("a.csv", text("id,text\n1,hope\n2,\"war and\n3,peace\n"))], &["a.csv"], 1, &["a.csv:3 (record 2): a quote opened here is never closed"], Some(1)),
        case("quote left open and closed later", vec![("a.csv", text("id,text\n1,\"hope\n2,war\n3,\"peace\n"))], &["a.csv"], 1, &["a.csv:2 (record 1): a closing quote on line 4 is followed by more text", "from line 2 to 4"], Some(1)),
        case("quote left open in the header", vec![("a.csv", text("\"id,text\n1,hope\n"))], &["a.csv"], 2, &["a.csv:1: the header has a quote that is never closed"], None),
        case("header only", vec![("a.csv", text("id,text\n"))], &["a.csv"], 2, &["a.csv: no record after the header"], None),
        case("empty CSV", vec![("a.csv", vec![])], &["a.csv"], 2, &["a.csv: empty file"], None),
        case("semicolon CSV from a spreadsheet", vec![("a.csv", text("id;text\n1;\"hope, at last\"\n"))], &["a.csv"], 0, &[], Some(1)),
        case("a JSON line that does not parse", vec![("a.jsonl", text("{\"text\": \"hope\"}\n{\"text\": \"war\n[1, 2]\n\"text\"\n"))], &["a.jsonl"], 1, &["a.jsonl:2:", "invalid JSON", "a.jsonl:3: expected a JSON object", "a.jsonl:4: expected a JSON object"], Some(1)),
        case("a JSON text that is not text", vec![("a.jsonl", text("{\"text\": {\"en\": \"hope\"}}\n{\"body\": \"war\"}\n"))], &["a.jsonl"], 1, &["a.jsonl:1: field `text` holds a JSON object"], Some(1)),
        case("a JSON array", vec![("a.json", text("[\n {\"id\": \"x\", \"text\": \"hope\"},\n {\"id\": \"y\", \"text\": \"war\"}\n]\n"))], &["a.json"], 0, &[], Some(2)),
        case("a JSON line over the limit", vec![("a.jsonl", [b"{\"text\": \"".to_vec(), vec![b'a'; 1_100_000], b"\"}\n{\"text\": \"hope\"}\n".to_vec()].concat())], &["a.jsonl", "--max-article-mb", "1"], 1, &["a.jsonl:1: a line of", "over the limit"], Some(1)),
        case("a CSV record over the limit", vec![("a.csv", [b"id,text\n1,hope\n2,\"".to_vec(), vec![b'a'; 1_200_000]].concat())], &["a.csv", "--max-article-mb", "1"], 1, &["a.csv:3: record 2 is over the limit", "inside a quote opened at line 3"], Some(1)),
        case("duplicate ids", vec![("a.csv", text("id,text\na,hope\na,war\na,peace\n"))], &["a.csv"], 1, &["duplicate id `a` renamed `a#2`", "duplicate id `a` renamed `a#3`"], Some(3)),
        case("binary file named CSV", vec![("a.csv", b"id,text\n\x00\x01\x02\x00\x01\x02".to_vec())], &["a.csv"], 2, &["a.csv: binary data, not a CSV"], None),
        // Lexicons.
        case("lexicon with two syntax errors", vec![("l.toml", text(LEXICON_WITH_SYNTAX_ERRORS)), ("a.txt", text(GOOD))], &["a.txt", "-l", "l.toml"], 2, &["l.toml:3:8: error: TOML syntax", "l.toml:5:17: error: TOML syntax", "l.toml:5:", "2 problem(s)"], None),
        case("lexicon not in UTF-8", vec![("l.toml", b"format = 1\nname = \"\xff\"\n".to_vec()), ("a.txt", text(GOOD))], &["a.txt", "-l", "l.toml", "-l", "missing.toml"], 2, &["l.toml:2:9: error: not UTF-8", "missing.toml:1:1: error: cannot read"], None),
        // Arguments and outputs.
        case("a folder of CSV files", vec![("in/a.csv", text("id,text\n1,hope\n"))], &["in"], 2, &["in: folder holds no .txt or .md file; its 1 table file(s) are read when named"], None),
        case("no such input", vec![], &["nowhere.txt"], 2, &["nowhere.txt: cannot open"], None),
        case("a bad size limit", vec![("a.txt", text(GOOD))], &["a.txt", "--max-article-mb", "0"], 2, &["--max-article-mb must be between 1 and 4095"], None),
        case("output folder under a file", vec![("a.txt", text(GOOD))], &["a.txt", "--out", "a.txt/out"], 2, &["cannot create the output folder a.txt/out"], None),
        // Round two. Inputs of unknown size are read up to the limit, never whole.
        case("a device without end given by path", vec![], &["/dev/zero", "--max-article-mb", "1"], 2, &["/dev/zero: more than the limit of 1048576 bytes per article (read up to it) (--max-article-mb); skipped"], None),
        case("a device without end read as a table", vec![], &["/dev/zero", "--format", "csv", "--max-article-mb", "1"], 2, &["/dev/zero: binary data, not a CSV"], None),
        case("a lexicon without end", vec![], &["check", "/dev/zero"], 2, &["/dev/zero:1:1: error: larger than 67108864 bytes: not a lexicon file"], None).on(&["lexicon"]),
        // NUL bytes are a problem of their record, not of the file.
        case("a NUL in the first record of a CSV", vec![("a.csv", text(&format!("id,text\n1,Hope\0 remains.\n{}", (2..200).map(|i| format!("{i},{GOOD}\n")).collect::<String>())))], &["a.csv"], 1, &["a.csv:2 (record 1): 1 NUL character(s) removed from its fields"], Some(199)),
        case("a NUL late in a CSV", vec![("a.csv", text(&format!("id,text\n{}9999,War\0.\n", (1..3000).map(|i| format!("{i},{GOOD}\n")).collect::<String>())))], &["a.csv"], 1, &["a.csv:3001 (record 3000): 1 NUL character(s) removed"], Some(3000)),
        case("a binary record among good ones", vec![("a.csv", [b"id,text\n1,hope\n2,\"".to_vec(), (0..200u8).map(|b| b % 7).collect(), b"\"\n".to_vec(), (3..100).map(|i| format!("{i},{GOOD}\n")).collect::<String>().into_bytes()].concat())], &["a.csv"], 1, &["a.csv:3 (record 2): binary data in the text field"], Some(98)),
        case("raw NUL bytes in a JSON line", vec![("a.jsonl", text("{\"text\": \"Hope\0 remains.\"}\n{\"text\": \"war\"}\n"))], &["a.jsonl"], 1, &["a.jsonl:1: 1 NUL byte(s) removed, the first at byte 14"], Some(2)),
        case("an escaped NUL in JSON text", vec![("a.jsonl", text("{\"text\": \"Hope\\u0000 remains.\"}\n"))], &["a.jsonl"], 1, &["a.jsonl:1: 1 NUL character(s) removed"], Some(1)),
        case("a stray NUL in a text file", vec![("a.txt", text("Hope remains.\0 The talks went on."))], &["a.txt"], 1, &["a.txt: 1 NUL byte(s) removed, the first at byte 13"], Some(1)),
        // Lines are those of the file, whatever ends its lines.
        case("warnings of a CSV with Windows line ends", vec![("a.csv", text("id,text\r\n1,hope\r\n\r\n2,war,x\r\n"))], &["a.csv"], 1, &["a.csv:4 (record 2): 3 fields where the header has 2"], Some(2)),
        case("warnings of a CSV with old Mac line ends", vec![("a.csv", text("id,text\r1,hope\r2,war,x\r"))], &["a.csv"], 1, &["a.csv:3 (record 2): 3 fields where the header has 2"], Some(2)),
        case("gold lines in a file with Windows line ends", vec![("a.csv", text("id,text\na,Hope.\nb,War.\n")), ("g.csv", text("id,y\r\na,1\r\na,2\r\nb,high\r\n"))], &["a.csv", "--gold", "g.csv", "--gold-col", "y", "--out", "v"], 1, &["g.csv:3: id `a` repeats", "g.csv:4: `high` in column `y`"], None).on(&["validate"]),
        case("a repeated column name", vec![("a.csv", text("id,text,TEXT\n1,hope,war\n2,peace,x\n"))], &["a.csv"], 1, &["a.csv:2 (record 1): the header names `TEXT` twice (columns 2 and 3); the first is read"], Some(2)),
        // Ids that are made unique say so, and a terminal is never sent what they hold.
        case("repeats of an id whose renamings exist", vec![("a.csv", text("id,text\na,hope\na#2,war\na,peace\na,calm\n"))], &["a.csv"], 1, &["duplicate id `a` renamed `a#3`", "duplicate id `a` renamed `a#4`"], Some(4)),
        case("terminal escapes in an id", vec![("a.csv", text("id,text\n\"\x1b]0;pwned\x07\x1b[2J\",hope\n\"\x1b]0;pwned\x07\x1b[2J\",war\n"))], &["a.csv"], 1, &["duplicate id `\\u{1b}]0;pwned\\u{7}\\u{1b}[2J` renamed"], Some(2)).never(&["\x1b", "\x07"]),
        case("terminal escapes in a file name", vec![("in/\x1b[2Jx.txt", vec![0, 1, 2, 3, 4, 5])], &["in"], 2, &["in/\\u{1b}[2Jx.txt: binary data"], None).never(&["\x1b"]),
        // Folders: what cannot be read is said, and outputs are never input.
        case("an output folder of an earlier run inside the input", vec![("in/a.txt", text(GOOD)), ("in/old/summary.md", text("# Comparisons\n\nHope and war.")), ("in/old/run.json", text("{\n  \"tool\": \"framescope\",\n  \"outputs\": []\n}\n"))], &["in"], 0, &["not read as input: in/old (the output folder of an earlier run)"], Some(1)),
        case("the output folder inside the input", vec![("in/a.txt", text(GOOD)), ("in/out/summary.md", text("# Comparisons\n\nHope and war."))], &["in", "--out", "in/out"], 0, &["not read as input: in/out (the output folder of this run)"], Some(1)),
        // Options that cannot do what they say.
        case("a lexicon folder that is not there", vec![("a.txt", text(GOOD))], &["a.txt", "--lexicon-dir", "nowhere"], 2, &["--lexicon-dir nowhere: no such folder"], None),
        case("--group-by a field of text files", vec![("in/a/x.txt", text(GOOD)), ("in/b/y.txt", text(GOOD))], &["in", "--group-by", "outlet"], 2, &["--group-by outlet names a field, but in is a folder of text files, which has no fields"], None),
        case("--group-by with one group", vec![("a.csv", text("id,outlet,text\n1,wire,hope\n2,wire,war\n"))], &["a.csv", "--group-by", "outlet"], 1, &["--group-by outlet: every article is in the one group `wire`, so no groups were compared"], Some(2)),
        case("--group-by folder of a flat folder", vec![("in/a.txt", text(GOOD)), ("in/b.txt", text("War looms."))], &["in", "--group-by", "folder"], 1, &["--group-by folder: every article is directly in the folder given"], Some(2)),
        case("far too many threads", vec![("a.txt", text(GOOD))], &["a.txt", "--jobs", "100000"], 0, &["--jobs 100000 is more than 4 per core; using"], Some(1)),
        // Lexicons: what cannot match as meant is told.
        case("a very long phrase term", vec![("l.toml", lexicon_with(&vec!["hope"; 40].join(" ")))], &["check", "l.toml"], 2, &["l.toml:11:1: error: a phrase of 40 words; at most 12"], None).on(&["lexicon"]),
        case("a term written as a regular expression", vec![("l.toml", lexicon_with("(peace|truce)"))], &["check", "l.toml"], 1, &["l.toml:11:1: warning: `(peace|truce)` looks like a regular expression"], None).on(&["lexicon"]),
        // Encodings: what can be detected is; what cannot is named.
        case("UTF-32 with a byte-order mark", vec![("a.txt", [vec![0xFF, 0xFE, 0, 0], format!("Talks resume\n\n{GOOD}").chars().flat_map(|c| (c as u32).to_le_bytes()).collect()].concat())], &["a.txt"], 0, &[], Some(1)),
        case("UTF-32 without a byte-order mark", vec![("a.txt", GOOD.chars().flat_map(|c| (c as u32).to_le_bytes()).collect())], &["a.txt"], 2, &["a.txt: UTF-32 text without a byte-order mark", "(--encoding UTF-32LE or UTF-32BE names it)"], None),
        case("Japanese in Shift_JIS, not named", vec![("a.txt", vec![0x95, 0xbd, 0x98, 0x61, 0x8c, 0xf0, 0x8f, 0xc2, 0x82, 0xcd, 0x90, 0xac, 0x8c, 0xf7, 0x82, 0xb5, 0x82, 0xbd, 0x81, 0x42, 0x8a, 0xf3, 0x96, 0x5d, 0x82, 0xaa, 0x8e, 0x63, 0x82, 0xe9, 0x81, 0x42])], &["a.txt"], 2, &["a.txt: not UTF-8", "it reads as Shift_JIS", "(--encoding Shift_JIS)"], None).never(&["binary"]),
        case("Windows-1252 from a spreadsheet, not named", vec![("a.csv", b"id;text\r\n1;Caf\xe9 talks cost 5 \x80, officials said.\r\n".to_vec())], &["a.csv"], 1, &["a.csv:2 (record 1): invalid UTF-8 at byte 3 of field 2", "(--encoding windows-1252"], Some(1)),
        case("Windows-1252 from a spreadsheet, named", vec![("a.csv", b"id;text\r\n1;Caf\xe9 talks cost 5 \x80, officials said.\r\n".to_vec())], &["a.csv", "--encoding", "windows-1252"], 0, &[], Some(1)),
        case("an encoding that does not exist", vec![("a.txt", text(GOOD))], &["a.txt", "--encoding", "klingon"], 2, &["--encoding `klingon` is not the name of an encoding"], None),
        // JSON arrays are read element by element.
        case("a JSON array cut short", vec![("a.json", text("[\n {\"id\": \"x\", \"text\": \"hope\"},\n {\"id\": \"y\", \"text\": \"war\"},\n {\"id\": \"z\", \"text\": \"pea"))], &["a.json"], 1, &["a.json:4:2 (element 3): the file ends inside this element"], Some(2)),
        case("a JSON array with a bad element", vec![("a.json", text("[{\"text\": \"hope\"},\n {\"text\": \"war\" \"x\"},\n {\"text\": \"peace\"}]"))], &["a.json"], 1, &["a.json:2:17 (element 2): invalid JSON"], Some(2)),
        case("a JSON array with text after it", vec![("a.json", text("[{\"text\": \"hope\"}]\n{\"text\": \"war\"}\n"))], &["a.json"], 1, &["a.json:2:1: text after the closing `]`"], Some(1)),
        case("an empty JSON array", vec![("a.json", text("[ ]"))], &["a.json"], 2, &["a.json: an empty JSON array"], None),
        case("a JSON array element over the limit", vec![("a.json", [b"[{\"text\": \"".to_vec(), vec![b'a'; 1_100_000], b"\"},\n {\"text\": \"hope\"}]".to_vec()].concat())], &["a.json", "--max-article-mb", "1"], 1, &["a.json:1 (element 1): an element of 1100012 bytes, over the limit of 1048576 bytes per article (--max-article-mb); element skipped"], Some(1)),
        // A folder that is not as analyze left it.
        case("compare of a folder without its manifest", vec![("o/articles.csv", text("article_id,group\n"))], &["o"], 2, &["o/run.json: missing, though o holds outputs"], None).on(&["compare"]),
    ]
}

/// Runs framescope as [`run_in`] does, within 4 GiB of address space and two minutes of CPU: a
/// reader that regresses to reading `/dev/zero` whole, or a thousand threads, fails its case
/// instead of the machine.
fn bounded(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut command = bin();
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("MALLOC_ARENA_MAX", "2");
    #[cfg(unix)]
    {
        limit(&mut command, libc::RLIMIT_AS, 4 << 30);
        limit(&mut command, libc::RLIMIT_CPU, 120);
    }
    command.output().expect("framescope runs")
}

#[test]
fn each_bad_input_gets_a_located_message_and_its_exit_code() {
    let mut failures = Vec::new();
    for case in cases() {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in &case.files {
            write(dir.path(), name, bytes);
        }
        let analyze = case.command == ["analyze"];
        let mut args = case.command.to_vec();
        args.extend(case.args);
        if analyze && !case.args.contains(&"--out") {
            args.extend(["--out", "out"]);
        }
        let out_folder = args
            .iter()
            .position(|a| *a == "--out")
            .map_or("out", |i| args[i + 1]);
        let out = bounded(dir.path(), &args);
        let err = stderr(&out) + &stdout(&out);
        let mut problems = Vec::new();
        if out.status.code() != Some(case.code) {
            problems.push(format!(
                "exit {:?}, expected {}",
                out.status.code(),
                case.code
            ));
        }
        for fragment in case.says {
            if !err.contains(fragment) {
                problems.push(format!("no {fragment:?}"));
            }
        }
        for fragment in case.never {
            if err.contains(fragment) {
                problems.push(format!("said {fragment:?}"));
            }
        }
        if err.contains("panicked") {
            problems.push("panicked".into());
        }
        let articles = dir.path().join(out_folder).join("articles.csv");
        match case.rows {
            _ if !analyze => {}
            Some(n) if articles.is_file() => {
                let rows = read_csv(&articles);
                if rows.len() != n {
                    problems.push(format!("{} rows, expected {n}", rows.len()));
                }
                let cells = rows.iter().flat_map(|r| r.values());
                if cells
                    .clone()
                    .any(|v| v == "NaN" || v.contains("inf") || v.contains('\0'))
                {
                    problems.push("NaN, inf or NUL in articles.csv".into());
                }
            }
            Some(_) => problems.push("no articles.csv".into()),
            None if articles.exists() => problems.push("articles.csv written".into()),
            None => {}
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n  stderr: {err}",
                case.name,
                problems.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn degenerate_articles_get_honest_rows() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/empty.txt", "");
    write(dir.path(), "in/dots.txt", "... !!! ???");
    write(dir.path(), "in/one.txt", "Hope");
    let out = run_in(dir.path(), &["analyze", "in", "--out", "o", "-q"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    for id in ["empty", "dots"] {
        let r = row(&rows, id);
        assert_eq!((r["tokens"].as_str(), r["tone"].as_str()), ("0", ""));
        assert_eq!(
            (r["crisis.hope"].as_str(), r["tone_pos"].as_str()),
            ("", "")
        );
        assert!(r["warnings"].contains("no words"));
    }
    let one = row(&rows, "one");
    assert_eq!(
        (one["tokens"].as_str(), one["sentences"].as_str()),
        ("1", "1")
    );
    assert_eq!(one["title"], "", "a text of one line has no headline");
    assert_eq!(num(one, "crisis.hope"), 1000.0);
    assert_eq!(one["warnings"], "");
}

#[test]
fn html_tags_are_not_scored_as_words() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<html><head><title>Talks</title><style>.hope{}</style></head><body>\
                <p>The talks <b>failed</b> badly &amp; hope&#8217;s gone.</p><script>hope()</script></body></html>";
    write(dir.path(), "a.txt", html);
    let out = run_in(dir.path(), &["analyze", "a.txt", "--out", "o", "-q"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    assert_eq!(
        rows[0]["tokens"], "7",
        "Talks The talks failed badly hope’s gone"
    );
    assert_eq!(rows[0]["title"], "Talks");
    let matches = read_csv(&dir.path().join("o/matches.csv"));
    let hope = matches
        .iter()
        .filter(|m| m["matched_text"].to_lowercase().starts_with("hope"))
        .count();
    assert_eq!(
        hope, 2,
        "one hope in the text, in two lexicons; none from the style or script"
    );

    let kept = run_in(
        dir.path(),
        &["analyze", "a.txt", "--out", "k", "-q", "--html", "keep"],
    );
    assert_eq!(kept.status.code(), Some(0), "{}", stderr(&kept));
    let rows = read_csv(&dir.path().join("k/articles.csv"));
    assert!(num(&rows[0], "tokens") > 20.0);
}

#[test]
fn ids_with_commas_quotes_and_newlines_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let ids = ["a,b", "say \"hi\"", "two\nlines", "semi;colon", " spaced "];
    let mut csv = String::from("id,text\n");
    for id in ids {
        csv.push_str(&format!("\"{}\",hope and peace\n", id.replace('"', "\"\"")));
    }
    write(dir.path(), "in.csv", csv);
    let out = run_in(dir.path(), &["analyze", "in.csv", "--out", "o", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected: Vec<&str> = ids.iter().map(|s| s.trim()).collect();
    for file in ["articles.csv", "frames.csv", "sentences.csv", "matches.csv"] {
        let rows = read_csv(&dir.path().join("o").join(file));
        let mut seen: Vec<&str> = rows.iter().map(|r| r["article_id"].as_str()).collect();
        seen.dedup();
        assert_eq!(seen, expected, "{file}");
    }
}

#[test]
fn a_folder_with_bad_files_still_gives_complete_results_for_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let good = [
        "Talks fail. War looms.",
        "Hope at last, officials said.",
        GOOD,
    ];
    for (i, t) in good.iter().enumerate() {
        write(dir.path(), &format!("in/good{i}.txt"), t);
    }
    write(dir.path(), "in/bad/binary.txt", b"\x00\x01PNG");
    write(dir.path(), "in/bad/latin1.txt", b"Caf\xe9 talks were good.");
    write(dir.path(), "in/bad/empty.txt", "");
    write(
        dir.path(),
        "in/bad/noise.txt",
        (0..500u32)
            .map(|i| (i * 37 % 120) as u8 | 0x80)
            .collect::<Vec<_>>(),
    );
    let out = run_in(dir.path(), &["analyze", "in", "--out", "o", "-q"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    // The good articles are scored exactly as they are on their own.
    for (i, _) in good.iter().enumerate() {
        let alone = run_in(
            dir.path(),
            &[
                "analyze",
                &format!("in/good{i}.txt"),
                "--out",
                &format!("alone{i}"),
                "-q",
            ],
        );
        assert_eq!(alone.status.code(), Some(0));
        let mut together = read_csv(&dir.path().join("o/articles.csv"));
        together.retain(|r| r["article_id"] == format!("good{i}"));
        let mut by_itself = read_csv(&dir.path().join(format!("alone{i}/articles.csv")));
        by_itself[0].remove("group");
        together[0].remove("group");
        assert_eq!(together, by_itself);
    }
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("o/run.json")).unwrap())
            .unwrap();
    let skipped: Vec<&str> = run["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["origin"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["in/bad/binary.txt", "in/bad/noise.txt"]);
    assert_eq!(run["articles"], 5);
    assert_eq!(run["exit_code"], 1);
    let warned: Vec<&str> = run["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["article_id"].as_str().unwrap())
        .collect();
    assert_eq!(warned, ["bad/empty", "bad/latin1"]);
}

#[test]
fn a_full_disk_leaves_the_previous_outputs_intact() {
    let dir = tempfile::tempdir().unwrap();
    let examples = project_root().join("examples/articles");
    let examples = examples.to_str().unwrap();
    let first = run_in(dir.path(), &["analyze", examples, "--out", "o", "-q"]);
    assert_eq!(first.status.code(), Some(0));
    let before = output_files(&dir.path().join("o"));
    // A file size limit makes writes fail as a full disk does (EFBIG rather than ENOSPC).
    let out = Command::new("sh")
        .args(["-c", "ulimit -f 8 && trap '' XFSZ && exec \"$0\" \"$@\""])
        .arg(bin_path())
        .args([
            "analyze",
            examples,
            "--out",
            "o",
            "-q",
            "--evidence",
            "none",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("cannot write the outputs in o: ") && err.contains("File too large"),
        "{err}"
    );
    assert!(
        err.contains("the previous outputs in o are unchanged"),
        "{err}"
    );
    assert_eq!(
        output_files(&dir.path().join("o")),
        before,
        "previous outputs changed or temporary files left"
    );
}

#[test]
fn a_second_run_replaces_the_outputs_as_a_set() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", GOOD);
    let run = |extra: &[&str]| {
        let mut args = vec!["analyze", "a.txt", "--out", "o", "-q"];
        args.extend(extra);
        assert_eq!(run_in(dir.path(), &args).status.code(), Some(0));
        let text = std::fs::read_to_string(dir.path().join("o/run.json")).unwrap();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    };
    let first = run(&[]);
    assert!(dir.path().join("o/matches.csv").is_file());
    let second = run(&["--evidence", "none"]);
    assert_ne!(first["run_id"], second["run_id"]);
    assert!(
        !dir.path().join("o/matches.csv").exists(),
        "a stale matches.csv would belong to the first run"
    );
    // run.json lists exactly the files in the folder, with their hashes.
    let listed: Vec<(String, u64)> = second["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["file"].as_str().unwrap().to_string(),
                o["bytes"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut present: Vec<(String, u64)> = output_files(&dir.path().join("o"))
        .into_iter()
        .filter(|(name, _)| name != "run.json")
        .map(|(name, bytes)| (name, bytes.len() as u64))
        .collect();
    present.sort();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(listed_sorted, present);
}

#[test]
fn huge_lines_and_sentences_finish() {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "the", "talks", "were", "not", "very", "good", "but", "hope", "remains", "war", ",",
        "really",
    ];
    let mut sentence = String::with_capacity(1 << 20);
    let mut i = 0usize;
    while sentence.len() < 1 << 20 {
        sentence.push_str(words[i % words.len()]);
        sentence.push(' ');
        i = i.wrapping_mul(7).wrapping_add(3) % 1009;
    }
    write(dir.path(), "in/sentence.txt", &sentence);
    let line: String = (0..10).map(|_| sentence.replace("! ", ". ")).collect();
    write(dir.path(), "in/line.txt", &line);
    let many: String = (0..100_000)
        .map(|i| format!("Sentence {i} is not good. "))
        .collect();
    write(dir.path(), "in/many.txt", &many);
    write(dir.path(), "in/bangs.txt", "!".repeat(1 << 20));
    write(
        dir.path(),
        "in/intensified.txt",
        format!("{} good", "very ".repeat(200_000)),
    );
    let out = run_in(
        dir.path(),
        &["analyze", "in", "--out", "o", "-q", "--evidence", "5"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("bangs.txt: no words"));
    let rows = read_csv(&dir.path().join("o/articles.csv"));
    assert_eq!(row(&rows, "many")["sentences"], "100000");
    assert_eq!(row(&rows, "sentence")["sentences"], "1");
    assert!(num(row(&rows, "line"), "tokens") > 1_500_000.0);
    for r in &rows {
        assert!(!r["tone"].is_empty() || r["tokens"] == "0", "{r:?}");
    }
    let very = num(row(&rows, "intensified"), "tone");
    assert!(
        very > 0.0 && very < 1.0,
        "a long chain of intensifiers stays bounded: {very}"
    );
}

#[test]
fn a_large_utf16_table_streams_and_scores_as_its_utf8_twin() {
    let dir = tempfile::tempdir().unwrap();
    // Some 3 MB of UTF-16, far more than one read block, with a lone surrogate in record 2000
    // and a stray last byte.
    let mut table = String::from("id\ttext\r\n");
    for i in 0..4000 {
        let bad = if i == 2000 { "\u{FFFD}" } else { "" };
        table.push_str(&format!(
            "r{i}\tTalks in Zürich 🕊 brought hope{bad}; officials said the crisis was easing. {}\r\n",
            "Delegates met again. ".repeat(i % 7)
        ));
    }
    write(dir.path(), "utf8.tsv", table.as_bytes());
    let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
    for unit in table.encode_utf16() {
        // The replacement character stands for a lone high surrogate in the UTF-16 file.
        let unit = if unit == 0xFFFD { 0xD800 } else { unit };
        utf16.extend(unit.to_le_bytes());
    }
    utf16.push(b'x');
    write(dir.path(), "utf16.tsv", &utf16);

    let plain = run_in(dir.path(), &["analyze", "utf8.tsv", "--out", "a", "-q"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    let wide = run_in(dir.path(), &["analyze", "utf16.tsv", "--out", "b", "-q"]);
    // Repaired, not refused: every article is scored and the run says what was repaired.
    assert_eq!(wide.status.code(), Some(1), "{}", stderr(&wide));
    for table in ["sentences.csv", "frames.csv", "matches.csv"] {
        let a = std::fs::read(dir.path().join("a").join(table)).unwrap();
        let b = std::fs::read(dir.path().join("b").join(table)).unwrap();
        assert!(
            a == b,
            "{table} differs between the UTF-8 and the UTF-16 file"
        );
    }
    let rows = read_csv(&dir.path().join("b/articles.csv"));
    assert_eq!(rows.len(), 4000);
    let warned: Vec<&str> = rows
        .iter()
        .map(|r| r["warnings"].as_str())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = warned.join(" | ");
    // Byte 2 + 2 * (the unit's index): where the lone surrogate really is.
    let at = 2 + 2 * table[..table.find('\u{FFFD}').unwrap()]
        .encode_utf16()
        .count();
    assert!(
        joined.contains(&format!("invalid UTF-16 at byte {at};")),
        "{joined}"
    );
    assert!(joined.contains("odd number of bytes"), "{joined}");
    assert!(
        rows[3999]["warnings"].contains("odd number of bytes"),
        "the end of the file is reported with its last article"
    );
}

#[test]
fn temporary_files_left_by_an_interrupted_run_are_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in/a.txt", GOOD);
    write(
        dir.path(),
        "in/b.txt",
        "War and threats. The crisis deepened.",
    );
    let stale = [
        "o/.matches.csv.tmp-4000000",
        "o/charts/.frames.png.tmp-4000000",
    ];
    for name in stale {
        write(dir.path(), name, "half written");
    }
    let out = run_in(dir.path(), &["analyze", "in", "--out", "o", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in stale {
        assert!(!dir.path().join(name).exists(), "{name} is still there");
    }
    // `compare` on the finished folder cleans up after itself the same way.
    for name in stale {
        write(dir.path(), name, "half written");
    }
    let out = run_in(dir.path(), &["compare", "o", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in stale {
        assert!(
            !dir.path().join(name).exists(),
            "{name} is still there after compare"
        );
    }
}
