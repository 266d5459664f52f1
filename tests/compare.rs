//! Comparisons and charts end to end: statistics on a tiny case worked out by hand, the
//! examples, `compare` on a finished folder, spreadsheet output, and charts decoded as images,
//! also with the system's fonts hidden.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::*;

const LEXICON: &str = r#"format = 1

[lexicon]
id = "weather"
name = "Weather words"
version = "1.0.0"
language = "en"
license = "CC-BY-4.0"
description = "Two categories for a test worked out by hand."
sources = ["written for this test"]
tone = false

[categories.hope]
description = "hope"
polarity = 1
negatable = false

[categories.hope.terms]
"hope" = 1.0

[categories.rain]
description = "rain"
polarity = 0
negatable = false

[categories.rain.terms]
"rain" = 1.0
"#;

/// Two articles of 20 tokens in 4 sentences of 5: A has 1 `hope` and 3 `rain`, B 8 and 1.
fn tiny(dir: &Path) {
    write(dir, "weather.toml", LEXICON);
    write(dir, "in/a.txt", "Hope is here today now. Rain falls on the town. Rain falls on the town. Rain falls on the town.");
    write(dir, "in/b.txt", "Hope hope hope hope now. Hope hope hope hope now. Rain falls on the town. Sun shines on the town.");
}

fn cell<'a>(
    rows: &'a [std::collections::HashMap<String, String>],
    category: &str,
    column: &str,
) -> &'a str {
    &rows
        .iter()
        .find(|r| r["category"] == category)
        .unwrap_or_else(|| panic!("no row {category}"))[column]
}

#[test]
fn statistics_match_a_case_worked_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    tiny(dir.path());
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "in",
            "-l",
            "weather.toml",
            "--out",
            "o",
            "--no-charts",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all = read_csv(&dir.path().join("o/comparison.csv"));
    let (omnibus, rows): (Vec<_>, Vec<_>) = all.into_iter().partition(|r| r["family"] == "omnibus");
    assert_eq!(
        rows.len(),
        2,
        "one row per category, no tone row without a tone lexicon"
    );
    // Articles without groups are compared as articles.
    assert!(rows.iter().all(|r| r["design"] == "articles"));
    // The omnibus test of the lexicon comes first: G² of the 2 × 3 table (hope, rain, other
    // tokens) = ((1, 3, 16), (8, 1, 11)), 2 df: 8.1755, p = e^(−G²/2) = 0.016777.
    assert_eq!(omnibus.len(), 1);
    assert_eq!(omnibus[0]["category"], "(all categories)");
    assert_eq!(omnibus[0]["g2"], "8.1755");
    assert_eq!(omnibus[0]["df"], "2");
    assert_eq!(omnibus[0]["p_value"], "0.016777");
    assert_eq!(omnibus[0]["significant"], "true");
    // Four sentences a side are too few to trust an interval far: each row says so.
    assert!(rows
        .iter()
        .all(|r| r["caution"].contains("a has 4 sentence(s), fewer than 10")));
    assert_eq!(
        (cell(&rows, "hope", "a"), cell(&rows, "hope", "b")),
        ("a", "b")
    );
    // Rates: 1000 · 1/20 = 50 and 1000 · 8/20 = 400.
    assert_eq!(cell(&rows, "hope", "value_a"), "50.0000");
    assert_eq!(cell(&rows, "hope", "value_b"), "400.0000");
    assert_eq!(cell(&rows, "hope", "diff"), "-350.0000");
    assert_eq!(cell(&rows, "hope", "ratio"), "0.1250");
    // G² = 2 Σ O ln(O/E) over (1, 8, 19, 12) with E = (4.5, 4.5, 15.5, 15.5): 7.7920; p = erfc(√(G²/2)).
    assert_eq!(cell(&rows, "hope", "g2"), "7.7920");
    assert_eq!(cell(&rows, "hope", "p_value"), "0.005248");
    // rain: (3, 1, 17, 19) -> G² = 1.1577, p = 0.281950.
    assert_eq!(cell(&rows, "rain", "g2"), "1.1577");
    assert_eq!(cell(&rows, "rain", "p_value"), "0.281950");
    // Benjamini–Hochberg over m = 2: hope min(2 · 0.0052477, 0.28195) = 0.010495; rain 0.281950.
    assert_eq!(cell(&rows, "hope", "p_adjusted"), "0.010495");
    assert_eq!(cell(&rows, "rain", "p_adjusted"), "0.281950");
    // log2((1.5/20) / (8.5/20)) = -2.5025.
    assert_eq!(cell(&rows, "hope", "log2_ratio"), "-2.5025");
    assert_eq!(cell(&rows, "hope", "resampled"), "sentences");
    // All of B's hope sits in 2 of its 4 sentences: a resample without them (1 in 16) makes the
    // difference ≥ 0, so the 95% interval reaches 0 and the G²-significant difference is not
    // called significant: the bootstrap sees the clustering the token-level test ignores.
    let (lo, hi): (f64, f64) = (
        cell(&rows, "hope", "ci_low").parse().unwrap(),
        cell(&rows, "hope", "ci_high").parse().unwrap(),
    );
    // Bounds: A ranges 0..200 and B 0..800 per 1,000 over resamples.
    assert!(
        lo <= -350.0 && hi >= 0.0 && lo >= -800.0 && hi <= 200.0,
        "{lo} {hi}"
    );
    assert_eq!(cell(&rows, "hope", "significant"), "false");
    assert_eq!(cell(&rows, "hope", "interval_excludes_0"), "false");
    assert_eq!(cell(&rows, "hope", "family"), "weather");
    assert_eq!(cell(&rows, "hope", "role"), "exploratory");

    let keyness = read_csv(&dir.path().join("o/keyness.csv"));
    let hope = keyness.iter().find(|k| k["term"] == "hope").unwrap();
    assert_eq!(
        (
            hope["count_a"].as_str(),
            hope["count_b"].as_str(),
            hope["favours"].as_str()
        ),
        ("1", "8", "b")
    );
    assert_eq!(hope["g2"], "7.7920");

    let summary = std::fs::read_to_string(dir.path().join("o/summary.md")).unwrap();
    assert!(summary.contains("## a (A) vs b (B): articles"), "{summary}");
    // Nothing passes: the largest differences are still named, labelled, with how large a
    // difference 20 tokens a side could show.
    assert!(
        summary.contains("No category difference is significant")
            && summary.contains("b uses weather.hope language 8.0x as often as a")
            && summary.contains("not significant after Benjamini–Hochberg adjustment for the 2 tests of `weather`; the interval includes 0")
            && summary.contains("How large a difference these texts can show: at 20 and 20 tokens"),
        "{summary}"
    );
    assert!(summary.contains("Benjamini–Hochberg"), "{summary}");
    assert!(
        summary.contains("95% percentile bootstrap")
            && summary.contains("adjusted p is below 0.05 and"),
        "{summary}"
    );
}

#[test]
fn same_bytes_across_threads_and_from_a_finished_folder() {
    let dir = tempfile::tempdir().unwrap();
    tiny(dir.path());
    let examples = project_root().join("examples/articles");
    let ex = examples.to_str().unwrap();
    let lex = ["-l", "tone", "-l", "crisis", "-l", "stance"];
    let run = |out: &str, jobs: &str| {
        let mut args = vec![
            "analyze",
            ex,
            "--out",
            out,
            "--jobs",
            jobs,
            "-q",
            "--group-by",
            "folder",
        ];
        args.extend(lex);
        let o = run_in(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    run("a", "1");
    run("b", "2");
    let o = run_in(dir.path(), &["compare", "a", "--out", "c", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in [
        "comparison.csv",
        "keyness.csv",
        "similarity.csv",
        "summary.md",
        "charts/frames.png",
        "charts/tone.png",
    ] {
        let a = std::fs::read(dir.path().join("a").join(f)).unwrap();
        assert!(
            a == std::fs::read(dir.path().join("b").join(f)).unwrap(),
            "{f} differs between thread counts"
        );
        assert!(
            a == std::fs::read(dir.path().join("c").join(f)).unwrap(),
            "{f} differs between analyze and compare"
        );
    }
}

#[test]
fn examples_compare_the_two_outlets() {
    let dir = tempfile::tempdir().unwrap();
    let examples = project_root().join("examples/articles");
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            examples.to_str().unwrap(),
            "--out",
            "o",
            "--group-by",
            "folder",
            "-l",
            "tone",
            "-l",
            "crisis",
            "-l",
            "stance",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all = read_csv(&dir.path().join("o/comparison.csv"));
    // The outlets pooled, then over their three shared stories, then each story.
    let designs: Vec<(String, String, String)> = all
        .iter()
        .map(|r| (r["design"].clone(), r["a"].clone(), r["story"].clone()))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let d =
        |design: &str, a: &str, story: &str| (design.to_string(), a.to_string(), story.to_string());
    assert_eq!(
        designs,
        [
            d("articles", "global-wire/ceasefire", "ceasefire"),
            d("articles", "global-wire/factory", "factory"),
            d("articles", "global-wire/state-visit", "state-visit"),
            d("groups", "global-wire", ""),
            d("stories", "global-wire", ""),
        ]
    );
    let stories = all.iter().find(|r| r["design"] == "stories").unwrap();
    assert_eq!(
        (stories["stories"].as_str(), stories["resampled"].as_str()),
        ("3", "stories")
    );
    let rows: Vec<_> = all
        .into_iter()
        .filter(|r| r["design"] == "groups" && r["family"] != "omnibus")
        .collect();
    assert!(rows.iter().all(|r| r["a"] == "global-wire"
        && r["b"] == "morning-herald"
        && r["resampled"] == "articles"));
    // The wire attributes, the opinion pieces assert: both differences are significant.
    let attribution = rows
        .iter()
        .find(|r| r["category"] == "attribution")
        .unwrap();
    assert!(num(attribution, "diff") > 0.0 && num(attribution, "ci_low") > 0.0);
    assert_eq!(attribution["significant"], "true");
    let certainty = rows.iter().find(|r| r["category"] == "certainty").unwrap();
    assert!(num(certainty, "diff") < 0.0 && certainty["significant"] == "true");
    // Values agree with the per-article outputs: group rates pool the articles' hits and tokens.
    let articles = read_csv(&dir.path().join("o/articles.csv"));
    let wire_tokens: f64 = articles
        .iter()
        .filter(|r| r["group"] == "global-wire")
        .map(|r| num(r, "tokens"))
        .sum();
    assert_eq!(num(attribution, "tokens_a"), wire_tokens);
    assert!(
        (num(attribution, "value_a") - 1000.0 * num(attribution, "hits_a") / wire_tokens).abs()
            < 1e-4
    );
    let tone = rows.iter().find(|r| r["category"] == "tone").unwrap();
    assert!(tone["g2"].is_empty() && !tone["t"].is_empty() && !tone["p_value"].is_empty());
    // p-values: plain fixed-point numbers a spreadsheet reads as numbers.
    for r in &rows {
        for c in ["p_value", "p_adjusted", "value_a", "g2", "ci_low"] {
            assert!(
                !r[c].contains(['e', 'E']) && (r[c].is_empty() || r[c].parse::<f64>().is_ok()),
                "{c} = {}",
                r[c]
            );
        }
    }
    assert!(
        stdout(&out).contains("stance.attribution: more in global-wire"),
        "{}",
        stdout(&out)
    );
    let similarity = read_csv(&dir.path().join("o/similarity.csv"));
    let stance = similarity
        .iter()
        .find(|r| r["lexicon"] == "stance" && r["design"] == "groups")
        .unwrap();
    assert_eq!(
        (stance["dominant_a"].as_str(), stance["dominant_b"].as_str()),
        ("attribution", "certainty")
    );
    let run: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("o/run.json")).unwrap())
            .unwrap();
    let files: Vec<&str> = run["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["file"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"comparison.csv") && files.contains(&"charts/heatmap.png"),
        "{files:?}"
    );
    for chart in [
        "frames",
        "tone",
        "tone_arcs",
        "difference_global-wire_vs_morning-herald",
    ] {
        check_png(&dir.path().join(format!("o/charts/{chart}.png")));
    }
    // Two groups and 31 categories: the categories run down the side, so the heatmap is a
    // table taller than wide, not a strip.
    let (w, h) = check_png(&dir.path().join("o/charts/heatmap.png"));
    assert!(h > w && w < 1000, "heatmap {w}x{h}");
}

/// Decodes a PNG and checks it is a real picture: a sensible size, many colours (anti-aliased
/// text, palette), and dark text pixels in the title area. Returns its width and height.
fn check_png(path: &Path) -> (usize, usize) {
    let (w, h, pixels) = decode_png(path);
    assert!(
        (400..=4000).contains(&w) && (200..=6000).contains(&h),
        "{}: {w}x{h}",
        path.display()
    );
    let colours: HashSet<[u8; 3]> = pixels.iter().copied().collect();
    assert!(
        colours.len() > 40,
        "{}: only {} colours",
        path.display(),
        colours.len()
    );
    let title_ink = (20..70)
        .flat_map(|y| (20..400).map(move |x| (x, y)))
        .filter(|&(x, y)| pixels[y * w + x].iter().all(|&c| c < 100))
        .count();
    assert!(
        title_ink > 200,
        "{}: no title text ({title_ink} dark pixels)",
        path.display()
    );
    (w, h)
}

#[test]
fn charts_render_with_the_system_fonts_hidden_and_as_svg() {
    let dir = tempfile::tempdir().unwrap();
    tiny(dir.path());
    write(
        dir.path(),
        "fonts.conf",
        "<?xml version=\"1.0\"?>\n<fontconfig/>\n",
    );
    let conf = dir.path().join("fonts.conf");
    let o = common::bin()
        .args(["analyze", "in", "-l", "weather.toml", "--out", "o", "-q"])
        .current_dir(dir.path())
        .env("FONTCONFIG_FILE", &conf)
        .env("FONTCONFIG_PATH", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for chart in ["frames", "heatmap", "difference_a_vs_b"] {
        check_png(&dir.path().join(format!("o/charts/{chart}.png")));
    }
    // No tone lexicon: no tone charts, and none left from an earlier run.
    assert!(!dir.path().join("o/charts/tone.png").exists());

    let o = run_in(dir.path(), &["compare", "o", "--chart-format", "svg", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let svg = std::fs::read_to_string(dir.path().join("o/charts/frames.svg")).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("Frame rates by article") && svg.contains("</svg>")
    );
    assert!(
        !dir.path().join("o/charts/frames.png").exists(),
        "charts of the earlier run are removed"
    );
    let o = run_in(dir.path(), &["compare", "o", "--no-charts", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dir.path().join("o/charts").exists());
}

#[test]
fn spreadsheet_style_and_bad_options() {
    let dir = tempfile::tempdir().unwrap();
    tiny(dir.path());
    let o = run_in(
        dir.path(),
        &[
            "analyze",
            "in",
            "-l",
            "weather.toml",
            "--out",
            "o",
            "-q",
            "--excel",
            "--delimiter",
            ";",
            "--no-charts",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("o/comparison.csv")).unwrap();
    assert!(
        text.starts_with(
            "\u{feff}design;a;b;story;lexicon;category;family;role;test;measure;value_a"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "articles;a;b;;weather;hope;weather;exploratory;G2;rate_per_1k;50.0000;400.0000;"
        ),
        "{text}"
    );
    // compare keeps the folder's style.
    let o = run_in(
        dir.path(),
        &["compare", "o", "--out", "c", "-q", "--no-charts"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("c/comparison.csv")).unwrap(),
        text
    );

    let analyze = |extra: &[&str]| {
        let base = ["analyze", "in", "-l", "weather.toml", "--out", "o", "-q"];
        run_in(dir.path(), &[&base[..], extra].concat())
    };
    let o = analyze(&["--baseline", "nope"]);
    // A baseline that is not there is known only once every article is scored: the scores are
    // kept, and the run says what to do.
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not compared: the baseline `nope`")
            && stderr(&o).contains("`a`")
            && stderr(&o).contains("framescope compare o"),
        "{}",
        stderr(&o)
    );
    let ids: Vec<String> = read_csv(&dir.path().join("o/articles.csv"))
        .into_iter()
        .map(|r| r["article_id"].clone())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    assert!(!dir.path().join("o/comparison.csv").exists());
    let o = run_in(dir.path(), &["compare", "in"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("run.json"), "{}", stderr(&o));
    let o = analyze(&["--pairs", "groups"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not compared: comparing groups needs at least two groups"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn many_articles_compare_groups_and_a_baseline_compares_articles() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "weather.toml", LEXICON);
    for i in 0..14 {
        let outlet = if i % 2 == 0 { "north" } else { "south" };
        let text = if i % 2 == 0 {
            "Hope is here. Hope stays. Hope grows."
        } else {
            "Rain falls. Rain stays. Rain grows."
        };
        write(dir.path(), &format!("in/{outlet}/story-{i:02}.txt"), text);
    }
    let o = run_in(
        dir.path(),
        &[
            "analyze",
            "in",
            "-l",
            "weather.toml",
            "--out",
            "o",
            "--no-charts",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Fourteen articles of two outlets: the outlets are compared, not 91 pairs of articles.
    let designs: HashSet<String> = read_csv(&dir.path().join("o/comparison.csv"))
        .into_iter()
        .map(|r| format!("{} {} {}", r["design"], r["a"], r["b"]))
        .collect();
    assert_eq!(designs, HashSet::from(["groups north south".to_string()]));
    assert!(
        stdout(&o).contains("north (A) vs south (B): groups"),
        "{}",
        stdout(&o)
    );
    let rows = read_csv(&dir.path().join("o/comparison.csv"));
    assert!(rows.iter().all(|r| r["a"] == "north"
        && r["b"] == "south"
        && (r["n_a"] == "7" || r["family"] == "omnibus")));
    assert_eq!(cell(&rows, "hope", "significant"), "true");

    let o = run_in(
        dir.path(),
        &[
            "compare",
            "o",
            "--baseline",
            "north/story-00",
            "-q",
            "--no-charts",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = read_csv(&dir.path().join("o/comparison.csv"));
    let sides: HashSet<&str> = rows.iter().map(|r| r["a"].as_str()).collect();
    assert_eq!(sides.len(), 13);
    assert!(rows
        .iter()
        .all(|r| r["b"] == "north/story-00" && r["resampled"] == "sentences"));
}

#[test]
fn past_ten_thousand_articles_auto_compares_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,group,text\n");
    for i in 0..10_001 {
        let group = if i % 2 == 0 { "a" } else { "b" };
        csv.push_str(&format!("{i},{group},Hope for peace. The talks failed.\n"));
    }
    write(dir.path(), "many.csv", csv);
    let args = [
        "analyze",
        "many.csv",
        "-l",
        "tone",
        "-l",
        "crisis",
        "--no-charts",
        "-q",
    ];
    let out = run_in(dir.path(), &[&args[..], &["--out", "auto"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("more than 10000 articles"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("auto/comparison.csv").exists());
    assert_eq!(
        read_csv(&dir.path().join("auto/articles.csv")).len(),
        10_001
    );

    let out = run_in(
        dir.path(),
        &[&args[..], &["--out", "asked", "--pairs", "groups"]].concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("asked/comparison.csv"));
    assert!(rows.iter().any(|r| r["a"] == "a" && r["b"] == "b"));
}

#[test]
fn comparisons_that_cannot_be_made_as_asked_keep_the_scores() {
    let dir = tempfile::tempdir().unwrap();
    for group in ["a", "b", "c"] {
        write(
            dir.path(),
            &format!("in/{group}/x.txt"),
            format!("Hope and peace for {group}. The war was bad."),
        );
        write(dir.path(), &format!("in/{group}/y.txt"), "Talks failed.");
    }
    // Three groups make three pairs, more than --max-units 2 allows: known only once every
    // article is scored, so the scores must not be lost.
    let args = ["analyze", "in", "--out", "o", "--group-by", "folder"];
    let out = run_in(
        dir.path(),
        &[&args[..], &["--pairs", "groups", "--max-units", "2"]].concat(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("not compared: comparing every pair of 3 groups makes 3 comparisons")
            && err.contains("framescope compare o"),
        "{err}"
    );
    assert_eq!(read_csv(&dir.path().join("o/articles.csv")).len(), 6);
    assert!(!dir.path().join("o/comparison.csv").exists());
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("o/run.json")).unwrap()).unwrap();
    assert_eq!(run["warnings"][0]["origin"], "comparisons");
    assert_eq!(run["exit_code"], 1);
    // The folder compares afterwards, without scoring again.
    let out = run_in(dir.path(), &["compare", "o", "--max-units", "3", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pairs: HashSet<(String, String)> = read_csv(&dir.path().join("o/comparison.csv"))
        .into_iter()
        .filter(|r| r["design"] == "groups")
        .map(|r| (r["a"].clone(), r["b"].clone()))
        .collect();
    assert_eq!(pairs.len(), 3, "{pairs:?}");
}

#[test]
fn focus_answers_one_question_as_a_primary_test() {
    let dir = tempfile::tempdir().unwrap();
    let examples = project_root().join("examples/articles");
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            examples.to_str().unwrap(),
            "--out",
            "o",
            "--no-charts",
            "--focus",
            "crisis.hope",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("o/comparison.csv"));
    let primary: Vec<_> = rows.iter().filter(|r| r["role"] == "primary").collect();
    // One primary row per comparison: the outlets pooled, paired, and the three stories.
    assert_eq!(primary.len(), 5);
    assert!(primary
        .iter()
        .all(|r| r["category"] == "hope" && r["family"] == "focus"));
    // Alone in its family, its p-value is not adjusted for the other categories.
    let visit = primary
        .iter()
        .find(|r| r["story"] == "state-visit")
        .unwrap();
    assert_eq!(visit["p_adjusted"], visit["p_value"]);
    assert_eq!(visit["significant"], "true");
    assert!(num(visit, "diff") < 0.0 && num(visit, "ci_high") < 0.0);
    // The rest of the crisis lexicon is adjusted without hope, and exploratory.
    assert!(rows
        .iter()
        .filter(|r| r["lexicon"] == "crisis" && r["category"] != "hope" && r["family"] != "omnibus")
        .all(|r| r["role"] == "exploratory" && r["family"] == "crisis"));
    let summary = std::fs::read_to_string(dir.path().join("o/summary.md")).unwrap();
    assert!(
        summary.contains("The primary hypothesis (crisis.hope) is one family of its own")
            && summary.contains(
                "Primary test, crisis.hope: morning-herald/state-visit uses crisis.hope language"
            ),
        "{summary}"
    );
    assert!(
        stdout(&out).contains("Primary test, crisis.hope"),
        "{}",
        stdout(&out)
    );
    // A category no lexicon has is refused with what exists.
    let out = run_in(
        dir.path(),
        &["compare", "o", "--focus", "despair", "--no-charts"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--focus: `despair` names no category of this run"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_table_with_outlet_and_story_columns_is_compared_outlet_against_outlet_by_story() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,outlet,story,text\n");
    let stories = ["summit", "strike", "flood", "vote"];
    for (i, story) in stories.iter().enumerate() {
        csv.push_str(&format!(
            "w{i},wire,{story},\"Officials said the {story} talks continued. According to the ministry, aid arrived. Analysts said the outcome was unclear.\"\n"
        ));
        csv.push_str(&format!(
            "h{i},herald,{story},\"We must celebrate this {story}. Hope is back and peace will come. A new dawn for everyone.\"\n"
        ));
    }
    write(dir.path(), "news.csv", csv);
    let out = run_in(
        dir.path(),
        &[
            "analyze",
            "news.csv",
            "--out",
            "o",
            "--no-charts",
            "--bootstrap",
            "500",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv(&dir.path().join("o/comparison.csv"));
    let mut designs: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r["design"].clone(), r["a"].clone(), r["story"].clone()))
        .collect();
    designs.dedup();
    let d =
        |design: &str, a: &str, story: &str| (design.to_string(), a.to_string(), story.to_string());
    // The outlets overall (pooled, then paired by story), then each story.
    assert_eq!(
        designs,
        [
            d("groups", "herald", ""),
            d("stories", "herald", ""),
            d("articles", "h2", "flood"),
            d("articles", "h1", "strike"),
            d("articles", "h0", "summit"),
            d("articles", "h3", "vote"),
        ]
    );
    let paired = rows
        .iter()
        .find(|r| r["design"] == "stories" && r["category"] == "attribution")
        .unwrap();
    assert_eq!(paired["stories"], "4");
    assert_eq!(paired["test"], "paired t");
    assert_eq!(paired["resampled"], "stories");
    // The wire attributes in every story, the herald in none.
    assert!(num(paired, "diff") < 0.0 && num(paired, "ci_high") < 0.0);
    let articles = read_csv(&dir.path().join("o/articles.csv"));
    assert_eq!(row(&articles, "w3")["story"], "vote");
    let summary = std::fs::read_to_string(dir.path().join("o/summary.md")).unwrap();
    assert!(
        summary.contains(
            "## herald (A) vs wire (B): groups over the 4 stories both reported, paired by story"
        ) && summary.contains("## h0 (A) vs w0 (B): the same story, `summit`"),
        "{summary}"
    );
}
