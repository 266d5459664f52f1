//! Figures and the report end to end: dates from columns and front matter into articles.csv and
//! timeseries.csv; the descriptive charts drawn whatever is compared; on forty dated articles of
//! four outlets, every chart decoded and checked (a colour per outlet, the same in every chart;
//! one scale per difference chart; every article accounted for), SVG that needs no font, and
//! report.html self-contained, escaped, and the same from `analyze` and `compare`.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use common::*;

/// The Okabe–Ito colours outlets take, in the order they first appear in the input.
const PALETTE: [[u8; 3]; 4] = [
    [0x00, 0x72, 0xB2],
    [0xE6, 0x9F, 0x00],
    [0x00, 0x9E, 0x73],
    [0xD5, 0x5E, 0x00],
];

const OUTLETS: [&str; 4] = [
    "wire-service",
    "daily-courier",
    "harbour-times",
    "metro-dispatch",
];

const SENTENCES: [&str; 12] = [
    "Officials said they hoped the ceasefire would hold.",
    "Residents expressed hope that the talks would bring peace.",
    "Troops were deployed to secure the border crossing.",
    "Police said the threat of further attacks remained high.",
    "Aid agencies delivered food and medicine to displaced families.",
    "Thousands of refugees sheltered in overcrowded camps.",
    "Prices of fuel and bread rose sharply this month.",
    "Factories cut jobs as exports fell.",
    "According to the ministry, the figures are preliminary.",
    "This is clearly a disaster, and everyone knows the plan will never work.",
    "The meeting took place on Tuesday in the capital.",
    "The committee will publish its findings next week.",
];

/// Forty articles, ten per outlet, dated over three months, each outlet with its own mix of
/// sentences, in an order that interleaves the outlets (the first rows name them in order).
fn forty(dir: &Path) {
    let mut csv = String::from("id,outlet,date,story,text\n");
    for i in 0..40usize {
        let outlet = OUTLETS[i % 4];
        let day = 1 + (i * 7) % 28;
        let month = 3 + (i / 4) % 3;
        let story = ["ceasefire", "floods", "budget"][i % 3];
        let text: Vec<&str> = (0..6 + i % 7)
            .map(|k| SENTENCES[(k * (i % 4 + 1) + 3 * (i % 4) + k / 3) % SENTENCES.len()])
            .collect();
        // Dates written in several forms, as exports mix them.
        let date = match i % 3 {
            0 => format!("2024-{month:02}-{day:02}"),
            1 => format!("{day} {} 2024", ["March", "April", "May"][month - 3]),
            _ => format!("2024-{month:02}-{day:02}T09:30:00Z"),
        };
        csv.push_str(&format!(
            "{outlet}/{i:02}-{story},{outlet},{date},{story},\"{}\"\n",
            text.join(" ")
        ));
    }
    write(dir, "forty.csv", csv);
}

fn analyze(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = run_in(dir, args);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        stderr(&out)
    );
    out
}

fn chart_files(dir: &Path, extension: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(extension))
        .collect();
    names.sort();
    names
}

#[test]
fn dates_come_from_columns_and_front_matter_and_make_a_time_series() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "news.csv",
        "id,outlet,published,text\n\
         1,wire,2024-05-01,Hope returned to the city.\n\
         2,wire,\"Thu, 02 May 2024 10:00:00 +0000\",Hope and peace talks resumed.\n\
         3,wire,05/06/2024,Fear grew after the attack.\n\
         4,herald,,Refugees sheltered in camps.\n\
         5,herald,2024-06-03,Troops attacked the border.\n",
    );
    let out = run_in(
        dir.path(),
        &["analyze", "news.csv", "--period", "month", "-o", "o", "-q"],
    );
    // A date that cannot be read is a warning: the article is scored without one.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let articles = read_csv(&dir.path().join("o/articles.csv"));
    let date = |id: &str| row(&articles, id)["date"].clone();
    assert_eq!(
        [date("1"), date("2"), date("3"), date("4"), date("5")],
        ["2024-05-01", "2024-05-02", "", "", "2024-06-03"]
    );
    assert!(row(&articles, "3")["warnings"].contains("day first or month first"));
    // Each group and month: hits and tokens are those of its articles, the rate their ratio.
    let frames = read_csv(&dir.path().join("o/frames.csv"));
    let series = read_csv(&dir.path().join("o/timeseries.csv"));
    let wire = |category: &str| {
        series
            .iter()
            .find(|r| r["group"] == "wire" && r["period"] == "2024-05" && r["category"] == category)
            .unwrap_or_else(|| panic!("no wire 2024-05 {category}"))
    };
    let hope = wire("crisis.hope");
    let hits: u64 = frames
        .iter()
        .filter(|r| ["1", "2"].contains(&r["article_id"].as_str()))
        .filter(|r| r["lexicon"] == "crisis" && r["category"] == "hope")
        .map(|r| r["hits"].parse::<u64>().unwrap())
        .sum();
    let tokens = num(row(&articles, "1"), "tokens") + num(row(&articles, "2"), "tokens");
    assert!(hits > 0);
    assert_eq!(
        (
            hope["articles"].as_str(),
            hope["hits"].parse::<u64>().unwrap()
        ),
        ("2", hits)
    );
    assert_eq!(num(hope, "tokens"), tokens);
    assert!((num(hope, "rate") - hits as f64 * 1000.0 / tokens).abs() < 1e-3);
    assert!(num(hope, "ci_low") <= num(hope, "ci_high"));
    assert_eq!(
        (hope["start"].as_str(), hope["end"].as_str()),
        ("2024-05-01", "2024-05-31")
    );
    let tone = wire("tone");
    assert_eq!(tone["hits"], "");
    // The undated are left out, and said to be.
    assert!(!series
        .iter()
        .any(|r| r["group"] == "herald" && r["period"] == "2024-05"));
    assert!(dir.path().join("o/charts/over_time.png").is_file());

    // --date-col names the column; a named column that is missing is an error naming the flag.
    let out = run_in(
        dir.path(),
        &["analyze", "news.csv", "--date-col", "when", "-o", "x", "-q"],
    );
    assert!(
        stderr(&out).contains("column `when` not found (--date-col)"),
        "{}",
        stderr(&out)
    );

    // Front matter gives text files their date and title, and is not scored.
    write(
        dir.path(),
        "md/wire/visit.md",
        "---\ntitle: \"Talks resume\"\ndate: 2024-05-01\ntags: hope, peace, hope\n---\n\nThe talks resumed in the capital.\n",
    );
    write(
        dir.path(),
        "md/herald/visit.md",
        "+++\ndate = \"1 May 2024\"\n+++\nA hopeful day for peace.\n",
    );
    let out = run_in(dir.path(), &["analyze", "md", "-o", "m", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let articles = read_csv(&dir.path().join("m/articles.csv"));
    let wire = row(&articles, "wire/visit");
    assert_eq!(
        (wire["date"].as_str(), wire["title"].as_str()),
        ("2024-05-01", "Talks resume")
    );
    assert_eq!(row(&articles, "herald/visit")["date"], "2024-05-01");
    let sentences = read_csv(&dir.path().join("m/sentences.csv"));
    let first = sentences
        .iter()
        .find(|r| r["article_id"] == "wire/visit")
        .unwrap();
    assert_eq!(first["text"], "The talks resumed in the capital.");
    assert!(dir.path().join("m/timeseries.csv").is_file());
    // `compare` reads the dates back: the same series.
    let before = std::fs::read(dir.path().join("m/timeseries.csv")).unwrap();
    let out = run_in(dir.path(), &["compare", "m", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("m/timeseries.csv")).unwrap(),
        before
    );
}

#[test]
fn descriptive_charts_are_drawn_whatever_is_compared() {
    let dir = tempfile::tempdir().unwrap();
    let examples = project_root().join("examples/articles");
    let one = examples.join("global-wire/state-visit.txt");
    for (name, args) in [
        ("none", vec![examples.to_str().unwrap(), "--pairs", "none"]),
        ("one", vec![one.to_str().unwrap()]),
    ] {
        let mut all = vec!["analyze", "-o", name, "-q", "--bootstrap", "200"];
        all.extend(args);
        analyze(dir.path(), &all);
        let charts = chart_files(&dir.path().join(name), ".png");
        for chart in ["frames.png", "heatmap.png", "tone.png", "tone_arcs.png"] {
            assert!(charts.contains(&chart.to_string()), "{name}: {charts:?}");
        }
        assert!(
            !charts.iter().any(|c| c.starts_with("difference_")),
            "{charts:?}"
        );
        for chart in &charts {
            let (w, h, pixels) = decode_png(&dir.path().join(name).join("charts").join(chart));
            assert!(w >= 400 && h >= 200, "{chart}: {w}x{h}");
            assert!(pixels.iter().any(|p| p.iter().all(|&c| c < 80)), "{chart}");
        }
        assert!(dir.path().join(name).join("report.html").is_file());
    }
}

/// The x of every tick under each horizontal axis of a chart: rows where a long line of the
/// axis grey runs, and the columns of that grey just below them.
fn axis_ticks(w: usize, pixels: &[[u8; 3]]) -> Vec<Vec<usize>> {
    const AXIS: [u8; 3] = [0x55, 0x55, 0x55];
    let h = pixels.len() / w;
    let mut axes = Vec::new();
    let mut y = 0;
    while y + 6 < h {
        let run = (0..w).filter(|&x| pixels[y * w + x] == AXIS).count();
        if run > w / 2 {
            let ticks: Vec<usize> = (0..w)
                .filter(|&x| (2..6).all(|d| pixels[(y + d) * w + x] == AXIS))
                .collect();
            axes.push(ticks);
            y += 6;
        }
        y += 1;
    }
    axes
}

#[test]
fn forty_dated_articles_of_four_outlets_give_charts_that_read_truthfully() {
    let dir = tempfile::tempdir().unwrap();
    forty(dir.path());
    analyze(
        dir.path(),
        &[
            "analyze",
            "forty.csv",
            "-o",
            "o",
            "-q",
            "--bootstrap",
            "200",
        ],
    );
    let o = dir.path().join("o");
    let charts = chart_files(&o, ".png");
    for chart in [
        "frames.png",
        "heatmap.png",
        "tone.png",
        "tone_arcs.png",
        "tone_arcs_2.png",
        "over_time.png",
    ] {
        assert!(charts.contains(&chart.to_string()), "{charts:?}");
    }
    let colour = |outlet: &str| PALETTE[OUTLETS.iter().position(|o| *o == outlet).unwrap()];
    for chart in &charts {
        let (w, _, pixels) = decode_png(&o.join("charts").join(chart));
        let present: HashSet<[u8; 3]> = pixels.iter().copied().collect();
        let shown: Vec<&str> = OUTLETS
            .iter()
            .copied()
            .filter(|outlet| present.contains(&colour(outlet)))
            .collect();
        match chart.strip_prefix("difference_") {
            // A comparison's chart shows its two sides' colours, and no other outlet's.
            Some(sides) => {
                let named: Vec<&str> = OUTLETS
                    .iter()
                    .copied()
                    .filter(|outlet| sides.contains(outlet))
                    .collect();
                assert_eq!(named.len(), 2, "{chart}");
                assert_eq!(shown, named, "{chart}");
                // One scale: every panel's axis has its ticks at the same places.
                let axes = axis_ticks(w, &pixels);
                assert!(axes.len() >= 3, "{chart}: {} axes", axes.len());
                assert!(
                    axes.iter().all(|t| *t == axes[0] && t.len() >= 3),
                    "{chart}: {axes:?}"
                );
            }
            // The tone arcs' pages each show their articles' outlets; the heatmap colours rates,
            // not outlets; the others show all four.
            None if chart.starts_with("tone_arcs") => assert!(shown.len() >= 2, "{chart}"),
            None if chart.starts_with("heatmap") => {}
            None => assert_eq!(shown, OUTLETS, "{chart}"),
        }
    }

    // The same charts as SVG: no font needed, every glyph defined, and every article accounted
    // for on the pages of tone arcs; the groups of the others add up to all forty.
    let out = run_in(
        dir.path(),
        &[
            "compare",
            "o",
            "--chart-format",
            "svg",
            "-q",
            "--bootstrap",
            "200",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        chart_files(&o, ".png").is_empty(),
        "PNGs of the earlier run are removed"
    );
    let svgs = chart_files(&o, ".svg");
    assert_eq!(svgs.len(), charts.len());
    let mut arcs: Vec<String> = Vec::new();
    for name in &svgs {
        let svg = std::fs::read_to_string(o.join("charts").join(name)).unwrap();
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{name}"
        );
        assert!(
            !svg.contains("<text") && !svg.contains("font-family"),
            "{name}"
        );
        let defined: HashSet<&str> = svg
            .split("<path id=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        for used in svg.split("xlink:href=\"#").skip(1) {
            let id = used.split('"').next().unwrap();
            assert!(defined.contains(id), "{name}: #{id} is not defined");
        }
        let labels: Vec<&str> = svg
            .split("aria-label=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        if name.starts_with("tone_arcs") {
            arcs.extend(
                labels
                    .iter()
                    .filter(|l| OUTLETS.iter().any(|o| l.starts_with(&format!("{o}/"))))
                    .map(|l| l.to_string()),
            );
        }
        if name == "tone.svg" {
            let counted: usize = labels
                .iter()
                .filter_map(|l| {
                    l.strip_suffix(')')?
                        .rsplit_once(" (")?
                        .1
                        .parse::<usize>()
                        .ok()
                })
                .sum();
            assert_eq!(counted, 40, "{labels:?}");
        }
    }
    arcs.sort();
    let ids: Vec<String> = read_csv(&o.join("articles.csv"))
        .iter()
        .map(|r| r["article_id"].clone())
        .collect();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(
        arcs, expected,
        "each article once on the pages of tone arcs"
    );
    // `compare` keeps the folder's chart format unless told otherwise.
    let out = run_in(dir.path(), &["compare", "o", "-q", "--bootstrap", "200"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(chart_files(&o, ".svg").len(), svgs.len());
    assert!(chart_files(&o, ".png").is_empty());
    // The series: the four outlets, month by month.
    let series = read_csv(&o.join("timeseries.csv"));
    let groups: HashSet<&str> = series.iter().map(|r| r["group"].as_str()).collect();
    assert_eq!(groups.len(), 4);
    let periods: HashSet<&str> = series.iter().map(|r| r["period"].as_str()).collect();
    assert_eq!(periods, HashSet::from(["2024-03", "2024-04", "2024-05"]));
}

/// Every `href="#x"` of the page has an element with `id="x"`.
fn links_resolve(html: &str) {
    let ids: HashSet<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    for link in html.split("href=\"#").skip(1) {
        let id = link.split('"').next().unwrap();
        assert!(ids.contains(id), "a link to #{id}, which is nowhere");
    }
}

#[test]
fn the_report_is_self_contained_escaped_and_the_same_from_compare() {
    let dir = tempfile::tempdir().unwrap();
    forty(dir.path());
    let mut csv = std::fs::read_to_string(dir.path().join("forty.csv")).unwrap();
    csv.push_str(
        "\"evil/<script>alert(1)</script>\",\"\"\"><img src=x onerror=alert(2)>\",2024-04-02,budget,\"Officials said they hoped <script>alert('x')</script> the talks would bring peace.\"\n",
    );
    write(dir.path(), "forty.csv", csv);
    analyze(
        dir.path(),
        &[
            "analyze",
            "forty.csv",
            "--html",
            "keep",
            "-o",
            "o",
            "-q",
            "--bootstrap",
            "200",
        ],
    );
    let o = dir.path().join("o");
    let html = std::fs::read_to_string(o.join("report.html")).unwrap();
    // Nothing from the inputs becomes markup.
    assert!(
        !html.contains("<script") && !html.contains("<img src=x"),
        "unescaped input"
    );
    assert!(html.contains("evil/&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Nothing is fetched: no address outside the page.
    for pattern in ["src=\"http", "href=\"http", "url(", "@import", "src=\"//"] {
        assert!(!html.contains(pattern), "{pattern}");
    }
    links_resolve(&html);
    // Every chart is in it, as the file's own bytes.
    let charts = chart_files(&o, ".png");
    assert_eq!(html.matches("<img ").count(), charts.len());
    for chart in &charts {
        let bytes = std::fs::read(o.join("charts").join(chart)).unwrap();
        assert!(
            html.contains(&format!("data:image/png;base64,{}\"", base64(&bytes))),
            "{chart}"
        );
    }
    // The summary's findings lead to sentences, with their matches marked.
    assert!(html.contains("→ the sentences</a>"));
    assert!(html.matches("<mark class=\"m").count() > 100);
    assert!(html.contains("data-note=\"crisis.hope · term"));
    // Every article is shown, each once.
    for r in read_csv(&o.join("articles.csv")) {
        let heading = format!(
            "</span>{}</h3>",
            r["article_id"]
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        );
        assert_eq!(html.matches(&heading).count(), 1, "{}", r["article_id"]);
    }
    let run = std::fs::read_to_string(o.join("run.json")).unwrap();
    assert!(run.contains("\"report.html\""));
    // `compare` writes the same report from the folder.
    let out = run_in(dir.path(), &["compare", "o", "-q", "--bootstrap", "200"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(o.join("report.html")).unwrap(),
        html
    );
    // --no-report writes none, and lists none.
    analyze(
        dir.path(),
        &[
            "analyze",
            "forty.csv",
            "-o",
            "o",
            "-q",
            "--no-report",
            "--no-charts",
        ],
    );
    assert!(!o.join("report.html").exists());
    assert!(!std::fs::read_to_string(o.join("run.json"))
        .unwrap()
        .contains("report.html"));
}

#[test]
fn a_large_run_shows_a_sample_of_articles_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,text\n");
    for i in 0..130 {
        csv.push_str(&format!("a{i:03},{}\n", SENTENCES[i % SENTENCES.len()]));
    }
    write(dir.path(), "many.csv", csv);
    analyze(
        dir.path(),
        &[
            "analyze",
            "many.csv",
            "-o",
            "o",
            "-q",
            "--bootstrap",
            "0",
            "--pairs",
            "none",
        ],
    );
    let html = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
    assert!(
        html.contains("This report shows the text of 100 of the 130 articles"),
        "no note of the sample"
    );
    assert_eq!(html.matches("<article id=").count(), 100);
    // Charts of 130 articles come in pages, each saying which.
    let charts: HashMap<String, ()> = chart_files(&dir.path().join("o"), ".png")
        .into_iter()
        .map(|c| (c, ()))
        .collect();
    for chart in [
        "frames_4.png",
        "heatmap_5.png",
        "tone_3.png",
        "tone_arcs_4.png",
    ] {
        assert!(charts.contains_key(chart), "{chart}: {:?}", charts.keys());
    }
    links_resolve(&html);
}
