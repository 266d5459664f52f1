//! Dictionaries from other tools, read through the binary: every format with its awkward corners
//! (written here for the tests), the counts each tool's matching gives, what cannot be carried
//! over listed at its line, and files whose extension lies refused.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{read_csv, run_in, stderr, stdout, write};

/// (hits, score) per (article, category) of a run of `analyze` on `texts` with `args`.
fn frames(
    dir: &Path,
    texts: &[(&str, &str)],
    args: &[&str],
) -> HashMap<(String, String), (u64, f64)> {
    let input = dir.join("texts");
    for (id, text) in texts {
        write(&input, &format!("{id}.txt"), text);
    }
    let out = dir.join("out");
    let mut all = vec![
        "analyze",
        "texts",
        "--out",
        "out",
        "--pairs",
        "none",
        "--no-charts",
        "-q",
    ];
    all.extend(args);
    let o = run_in(dir, &all);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    read_csv(&out.join("frames.csv"))
        .into_iter()
        .map(|r| {
            (
                (r["article_id"].clone(), r["category"].clone()),
                (r["hits"].parse().unwrap(), r["score"].parse().unwrap()),
            )
        })
        .collect()
}

fn hits(f: &HashMap<(String, String), (u64, f64)>, article: &str, category: &str) -> u64 {
    f.get(&(article.to_string(), category.to_string()))
        .unwrap_or_else(|| panic!("no row {article} {category} in {f:?}"))
        .0
}

/// `lexicon check` on one file: its stdout lines.
fn check(dir: &Path, file: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["lexicon", "check", file];
    all.extend(args);
    let o = run_in(dir, &all);
    stdout(&o).lines().map(String::from).collect()
}

/// A LIWC 2007 dictionary saved on Windows: BOM, CRLF, ids with and without leading zeros, tabs
/// and spaces, blank lines, a word in several categories, a wildcard, a phrase, conditional
/// codes, an undefined id, upper-case names.
const LIWC_2007: &str = "\u{FEFF}%\r\n01\tPosEmo\r\n2   NegEmo\r\n003\tFunct\r\n%\r\n\r\nhappy\t1\r\nhapp*\t01\r\nsad    02\r\nkind\t<of>3/1\r\nthe\t3    03\r\nlike\t(02 134)1/3\t3\r\nkind of\t3\r\nlonely\t2 9\r\n\r\ngrr\t9\r\n";

#[test]
fn a_liwc_2007_dictionary_counts_as_liwc_does() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "emo.dic", LIWC_2007);
    let texts = [
        (
            "a",
            "Happy, happier and the happiest; MARY's kind of sad, lonely day.",
        ),
        ("b", "A kind man. I like it."),
    ];
    let f = frames(dir.path(), &texts, &["--lexicon", "emo.dic"]);
    // happy (exact) and happier, happiest (prefix): the one most specific entry each.
    assert_eq!(hits(&f, "a", "PosEmo"), 3);
    // `the` twice in Funct counts once; `kind of` is one phrase in Funct, not kind in PosEmo.
    assert_eq!(hits(&f, "a", "Funct"), 2);
    assert_eq!(hits(&f, "a", "NegEmo"), 2);
    assert_eq!(hits(&f, "b", "PosEmo"), 1, "kind, not followed by of");
    // `like` keeps its plain code 3; its conditional code is not carried over.
    assert_eq!(hits(&f, "b", "Funct"), 1);

    let listed = check(dir.path(), "emo.dic", &[]);
    let has = |line: usize, words: &str| {
        listed
            .iter()
            .any(|l| l.starts_with(&format!("emo.dic:{line}:")) && l.contains(words))
    };
    assert!(has(11, "repeats"), "{listed:#?}");
    assert!(has(12, "(02 134)1/3"), "{listed:#?}");
    assert!(has(14, "category 9 is not defined"), "{listed:#?}");
    assert!(has(16, "`grr` is not carried over"), "{listed:#?}");
}

#[test]
fn the_same_dictionary_read_as_quanteda_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "emo.dic", LIWC_2007);
    let texts = [("a", "MARY's kind of happy, a kind man; I like it.")];
    let f = frames(
        dir.path(),
        &texts,
        &["--lexicon", "emo.dic", "--lexicon-match", "quanteda"],
    );
    // quanteda drops the `<of>` entry, so `kind` alone is in no category; `kind of` is Funct.
    assert_eq!(hits(&f, "a", "PosEmo"), 1);
    // The parentheses of `like` go from the first `(` to the last `)`: `like` keeps code 3.
    assert_eq!(hits(&f, "a", "Funct"), 2);
}

/// LIWC 2015 with categories nested by indentation, and header lines without ids.
const LIWC_2015: &str =
    "%\n1\tfunction\n\t2\tpronoun\n\t\t3\tppron\nsocial\n\t4\tfamily\n%\nthe\t1\nwe\t2 3\nmum\t4\n";

#[test]
fn nested_liwc_categories_are_flattened_as_parent_child() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "nested.dic", LIWC_2015);
    let f = frames(
        dir.path(),
        &[("a", "We told the mum.")],
        &["--lexicon", "nested.dic"],
    );
    assert_eq!(hits(&f, "a", "function"), 1);
    assert_eq!(hits(&f, "a", "function.pronoun"), 1);
    assert_eq!(hits(&f, "a", "function.pronoun.ppron"), 1);
    assert_eq!(hits(&f, "a", "social.family"), 1);
}

#[test]
fn wordstat_levels_weights_and_legacy_encodings() {
    let dir = tempfile::tempdir().unwrap();
    // Windows-1252 bytes (é as 0xE9), CRLF, three levels, words directly under a top level, the
    // same subcategory name under two parents, weights, multi-word and wildcard values.
    let cat: &[u8] = b"ECONOMY\r\n\tSTATE\r\n\t\tTAX* (2)\r\n\t\tCAF\xC9 (1)\r\n\tMARKET\r\n\t\tPRICE* (1)\r\nPLACES\r\n\tSOUTH AFRICA (1)\r\n\tS African* (1)\r\nVALUES\r\n\tSTATE\r\n\t\tNATION (1)\r\n";
    write(dir.path(), "econ.cat", cat);
    let texts = [(
        "a",
        "Taxes and tax-free prices at the Café; South Africa and the S Africans; our nation.",
    )];
    let f = frames(dir.path(), &texts, &["--lexicon", "econ.cat"]);
    assert_eq!(hits(&f, "a", "ECONOMY.STATE"), 3, "taxes, tax-free, café");
    assert_eq!(hits(&f, "a", "ECONOMY.MARKET"), 1);
    assert_eq!(hits(&f, "a", "PLACES"), 2);
    assert_eq!(hits(&f, "a", "VALUES.STATE"), 1);
    // The weight in parentheses is the term's weight.
    let rows = read_csv(&dir.path().join("out/matches.csv"));
    let taxes = rows.iter().find(|r| r["matched_text"] == "Taxes").unwrap();
    assert_eq!(taxes["weight"], "2.0000");
    // The encoding was recognised, and said so.
    let listed = check(dir.path(), "econ.cat", &[]);
    assert!(
        listed.iter().any(|l| l.contains("windows-1252")),
        "{listed:#?}"
    );
}

#[test]
fn japanese_legacy_encodings_are_read_or_named() {
    let dir = tempfile::tempdir().unwrap();
    // あい in Shift-JIS and in EUC-JP.
    write(
        dir.path(),
        "sjis.cat",
        b"JA\n\t\x82\xA0\x82\xA2 (1)\n".as_slice(),
    );
    write(
        dir.path(),
        "euc.cat",
        b"JA\n\t\xA4\xA2\xA4\xA4 (1)\n".as_slice(),
    );
    let texts = [("a", "あい")];
    for file in ["sjis.cat", "euc.cat"] {
        let f = frames(dir.path(), &texts, &["--lexicon", file]);
        assert_eq!(hits(&f, "a", "JA"), 1, "{file}");
    }
    // An encoding named by the user that the bytes do not fit is refused at its place.
    let o = run_in(
        dir.path(),
        &["lexicon", "check", "euc.cat", "--lexicon-encoding", "utf-8"],
    );
    assert!(
        stdout(&o).contains("euc.cat:2:2: error: not UTF-8"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_file_whose_extension_lies_is_refused_with_what_it_looks_like() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "actually.cat",
        "<?xml version=\"1.0\"?>\n<dictionary><cnode name=\"A\"/></dictionary>\n",
    );
    write(dir.path(), "liwc.cat", "%\n1\tA\n%\nx\t1\n");
    write(dir.path(), "texts/a.txt", "x");
    for (file, looks) in [("actually.cat", "XML"), ("liwc.cat", "LIWC")] {
        let o = run_in(dir.path(), &["analyze", "texts", "--lexicon", file]);
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        assert!(
            e.contains(&format!("{file}:1:1: error:")) && e.contains(looks),
            "{e}"
        );
    }
    // Told the format, it reads the file as that.
    let f = frames(
        dir.path(),
        &[("a", "x")],
        &["--lexicon", "liwc.cat", "--lexicon-format", "dic"],
    );
    assert_eq!(hits(&f, "a", "A"), 1);
}

#[test]
fn lexicoder_and_yaml_dictionaries() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mary.lc3",
        "+A CATEGORY\n more \n lamb\n+Another\n had\n",
    );
    write(
        dir.path(),
        "nested.yml",
        "# nested, flow and block lists\nECONOMY:\n  Tax Policy: [tax*, \"levy\"]\n  TRADE:\n    - tariff*\n    - free trade\nPEOPLE: citizens\n",
    );
    let texts = [(
        "a",
        "Mary had more lamb; taxes, a levy and free trade tariffs for citizens.",
    )];
    let f = frames(
        dir.path(),
        &texts,
        &["--lexicon", "mary.lc3", "--lexicon", "nested.yml"],
    );
    assert_eq!(hits(&f, "a", "A CATEGORY"), 2);
    assert_eq!(hits(&f, "a", "Another"), 1);
    assert_eq!(hits(&f, "a", "ECONOMY.Tax Policy"), 2);
    assert_eq!(hits(&f, "a", "ECONOMY.TRADE"), 2);
    assert_eq!(hits(&f, "a", "PEOPLE"), 1);
    // Category names keep their case and spaces in the columns of articles.csv.
    let articles = read_csv(&dir.path().join("out/articles.csv"));
    assert!(
        articles[0].contains_key("mary.A CATEGORY"),
        "{:?}",
        articles[0].keys()
    );
}

#[test]
fn a_yaml_syntax_error_is_located() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.yml", "A: [x, y\nB: [z]\n");
    let listed = check(dir.path(), "bad.yml", &[]);
    assert!(
        listed
            .iter()
            .any(|l| l.starts_with("bad.yml:") && l.contains("error: YAML syntax")),
        "{listed:#?}"
    );
}

#[test]
fn vader_and_afinn_lists_count_as_those_tools_do() {
    let dir = tempfile::tempdir().unwrap();
    // CRLF, no final newline, a repeat (the last wins), a capitalised entry (VADER never matches
    // it), an emoticon, a phrase.
    write(
        dir.path(),
        "vader_like.txt",
        "good\t1.9\t0.5\t[2, 2]\r\nok\t0.9\t0.5\t[1, 1]\r\nbad\t-2.5\t0.5\t[-2, -3]\r\n:)\t2.0\t0.5\t[2, 2]\r\n:D\t2.3\t0.5\t[2, 2]\r\nfed up\t-1.8\t0.5\t[-2, -2]\r\nok\t1.2\t0.5\t[1, 1]",
    );
    // Integer scores, phrases that win over their words, a zero that blocks.
    write(
        dir.path(),
        "afinn_like.txt",
        "good\t3\nnot good\t-2\nkind\t2\nkind of\t0\nfree\t1\nfed up\t-3",
    );
    let texts = [(
        "a",
        "Not good, OK, ok :) :D; fed up with a kind of bad, tax-free deal. Good!",
    )];
    let f = frames(dir.path(), &texts, &["--lexicon", "vader_like.txt"]);
    // good ×2, ok (not `OK,`, which keeps its comma), :) ; not :D (VADER lower-cases tokens).
    assert_eq!(hits(&f, "a", "positive"), 4);
    assert_eq!(hits(&f, "a", "negative"), 1, "bad; `fed up` is two tokens");
    let ok = read_csv(&dir.path().join("out/matches.csv"))
        .into_iter()
        .find(|r| r["matched_text"] == "ok")
        .unwrap();
    assert_eq!(ok["weight"], "1.2000", "the later entry replaces the first");

    let f = frames(dir.path(), &texts, &["--lexicon", "afinn_like.txt"]);
    assert_eq!(hits(&f, "a", "negative"), 2, "not good, fed up");
    assert_eq!(hits(&f, "a", "positive"), 2, "free (in tax-free), Good");
    assert_eq!(
        hits(&f, "a", "neutral"),
        1,
        "kind of, which keeps kind from counting"
    );
}

#[test]
fn a_plain_word_list_goes_into_the_category_named_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "threat.txt", "threat*\nwarn*\nrisk of\n");
    let f = frames(
        dir.path(),
        &[("a", "Threats and warnings: a risk of war.")],
        &[
            "--lexicon",
            "threat.txt",
            "--list-categories",
            "Danger",
            "--lexicon-match",
            "quanteda",
        ],
    );
    assert_eq!(hits(&f, "a", "Danger"), 3);
}

#[test]
fn a_dictionary_matched_the_framescope_way_uses_stems_and_negation() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "hope.dic",
        "%\n1\thope\n2\tshort\n%\nhope*\t1\nab*\t2\n",
    );
    let f = frames(
        dir.path(),
        &[("a", "There is no hope, but hopeful signs. Abandon it.")],
        &["--lexicon", "hope.dic", "--lexicon-match", "framescope"],
    );
    assert_eq!(hits(&f, "a", "hope"), 2);
    // framescope's term syntax wants three letters before `*`: the entry is listed, not used.
    assert_eq!(hits(&f, "a", "short"), 0);
    let listed = check(dir.path(), "hope.dic", &["--lexicon-match", "framescope"]);
    assert!(
        listed
            .iter()
            .any(|l| l.starts_with("hope.dic:6:") && l.contains("`ab*` is not carried over")),
        "{listed:#?}"
    );
}

#[test]
fn import_writes_a_lexicon_that_counts_the_same_and_records_its_source_and_licence() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "emo.dic", LIWC_2007);
    let texts = [(
        "a",
        "Happy, happier and the happiest; MARY's kind of sad, lonely day.",
    )];
    let direct = frames(d, &texts, &["--lexicon", "emo.dic"]);

    let args = [
        "lexicon",
        "import",
        "emo.dic",
        "--id",
        "emotions",
        "--license",
        "CC-BY-NC-4.0",
    ];
    let o = run_in(d, &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // What was not carried over is listed at its line.
    assert!(
        stdout(&o).contains("emo.dic:16:1: warning: `grr` is not carried over"),
        "{}",
        stdout(&o)
    );
    let toml = std::fs::read_to_string(d.join("lexicons/emotions.toml")).unwrap();
    let sha: String = Sha256::digest(LIWC_2007.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(toml.contains("imported_from = \"emo.dic\""), "{toml}");
    assert!(
        toml.contains(&format!("imported_sha256 = \"{sha}\"")),
        "{toml}"
    );
    assert!(toml.contains("[categories.\"PosEmo\"]"), "{toml}");
    // Importing again does not replace it unless asked.
    assert_eq!(run_in(d, &args).status.code(), Some(2));
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(run_in(d, &forced).status.code(), Some(1));

    // The lexicon, by id, counts as the dictionary did; its licence is announced and recorded.
    let o = run_in(
        d,
        &[
            "analyze",
            "texts",
            "--lexicon",
            "emotions",
            "--out",
            "out2",
            "--pairs",
            "none",
            "--no-charts",
        ],
    );
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("lexicon `emotions` is licensed for non-commercial use only"),
        "{}",
        stderr(&o)
    );
    for r in read_csv(&d.join("out2/frames.csv")) {
        let key = (r["article_id"].clone(), r["category"].clone());
        assert_eq!(r["hits"].parse::<u64>().unwrap(), direct[&key].0, "{key:?}");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out2/run.json")).unwrap()).unwrap();
    assert_eq!(manifest["lexicons"][0]["license"], "CC-BY-NC-4.0");
    assert_eq!(manifest["lexicons"][0]["matching"], "liwc");
}

#[test]
fn export_writes_other_formats_and_lists_what_they_cannot_hold() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "emo.dic", LIWC_2007);
    let texts = [(
        "a",
        "Happy, happier and the happiest; kind of sad, a kind man, lonely.",
    )];
    let direct = frames(d, &texts, &["--lexicon", "emo.dic"]);
    let o = run_in(
        d,
        &[
            "lexicon",
            "export",
            "emo.dic",
            "--format",
            "dic",
            "--out",
            "again.dic",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not exported: stop phrase `kind of`"),
        "{}",
        stderr(&o)
    );
    // Read back, the exported dictionary counts the same: LIWC's longest entry wins anyway.
    let again = frames(d, &texts, &["--lexicon", "again.dic"]);
    assert_eq!(again, direct);

    let o = run_in(d, &["lexicon", "export", "emo.dic", "--format", "yaml"]);
    assert!(
        stdout(&o).contains("\"PosEmo\": [\"happy\", \"happ*\", \"kind\"]"),
        "{}",
        stdout(&o)
    );
    let o = run_in(d, &["lexicon", "export", "crisis", "--format", "tsv"]);
    assert_eq!(o.status.code(), Some(0));
    let tsv = stdout(&o);
    assert!(tsv.starts_with("category\tterm\tweight\tpolarity\tstop_phrase\n"));
    assert!(tsv.lines().any(|l| l.starts_with("hope\t")), "{tsv}");
    // Stems cannot be written for other tools: listed.
    let o = run_in(d, &["lexicon", "export", "crisis", "--format", "dic"]);
    assert!(stderr(&o).contains("is a stem (`~`)"), "{}", stderr(&o));
}

#[test]
fn show_lists_what_a_category_counts_and_the_words_it_matched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "emo.dic", LIWC_2007);
    write(
        d,
        "texts/a.txt",
        "Happy, happier and the happiest day. Happier still.",
    );
    let o = run_in(
        d,
        &[
            "lexicon",
            "show",
            "emo.dic",
            "--category",
            "PosEmo",
            "--matches",
            "texts",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("matching liwc"), "{out}");
    assert!(out.contains("emo.PosEmo"), "{out}");
    assert!(
        out.contains("happ*    matched: happier ×2, happiest ×1"),
        "{out}"
    );
    assert!(out.contains("stop  kind of    (no match)"), "{out}");
    assert!(!out.contains("NegEmo"), "{out}");

    // Shipped lexicons too, by id and category; an unknown category lists the real ones.
    let o = run_in(d, &["lexicon", "show", "crisis.hope"]);
    assert!(
        stdout(&o).contains("crisis.hope  (positive"),
        "{}",
        stdout(&o)
    );
    let o = run_in(d, &["lexicon", "show", "crisis.despair"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("has no category `despair`; it has: hope"),
        "{}",
        stderr(&o)
    );
}
