//! `report.html`: one self-contained page of a run for readers who will not open a CSV file: the
//! findings in words, every chart inline, the comparison tables, the sentences behind each
//! finding and each article's text with its matches marked, as `explain` marks them. No script
//! and nothing fetched: it opens offline, prints, and can be sent as it is. Every text that comes
//! from the inputs is escaped. Built from what the run computed; writes nothing itself.

mod articles;
mod html;
mod marks;
pub mod read;
mod sections;
pub mod views;

use crate::compare::{Description, Observations, Report};
use html::escape;
use views::ArticleView;

/// A chart file, to be shown inline.
pub struct Chart {
    /// Its path in the output folder (`charts/frames.png`).
    pub path: String,
    pub description: String,
    pub bytes: Vec<u8>,
    pub svg: bool,
}

/// Everything the report shows.
pub struct Input<'a> {
    pub obs: &'a Observations,
    pub description: &'a Description,
    pub report: Option<&'a Report>,
    /// Notes on what was decided, in the words the terminal uses.
    pub notes: &'a [String],
    /// Why comparisons could not be made as asked.
    pub not_compared: Option<String>,
    pub charts: &'a [Chart],
    /// The articles shown, and what the choice of them left out.
    pub views: &'a [ArticleView],
    pub views_note: Option<String>,
}

/// The report as one HTML document.
pub fn render(input: &Input) -> String {
    let desc = input.description;
    let mut body = String::new();
    let groups = desc.groups.iter().filter(|g| !g.is_empty()).count();
    let mut what = format!(
        "{} article{}",
        desc.articles,
        if desc.articles == 1 { "" } else { "s" }
    );
    if groups >= 2 {
        what.push_str(&format!(" from {groups} groups"));
    }
    if desc.dated > 0 {
        what.push_str(&format!(", {} with a date", desc.dated));
    }
    let lexicons: Vec<String> = desc.schema.lexicons.iter().map(|l| escape(&l.id)).collect();
    body.push_str(&format!(
        "<header><h1>framescope report</h1><p class=\"lead\">{what}; lexicons: {}.</p>\
         <nav><a href=\"#summary\">Summary</a><a href=\"#charts\">Charts</a>{}<a href=\"#articles\">Articles</a></nav></header>\n",
        lexicons.join(", "),
        if input.report.is_some_and(|r| !r.comparisons.is_empty()) {
            "<a href=\"#tables\">Comparison tables</a><a href=\"#evidence\">Sentences behind the findings</a>"
        } else {
            ""
        }
    ));
    body.push_str("<main>\n");
    body.push_str(&sections::summary(input));
    body.push_str(&sections::charts(input));
    if let Some(report) = input.report.filter(|r| !r.comparisons.is_empty()) {
        body.push_str(&sections::tables(report));
        body.push_str(&articles::evidence(input, report));
    }
    body.push_str(&articles::articles(input));
    body.push_str("</main>\n");
    page(&body)
}

/// The document around `body`: its head, with the style sheet.
fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"framescope {}\">\n\
         <title>framescope report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The style sheet: one column that narrows to a phone's width, tables that scroll sideways on
/// their own, marks with their labels, and no colour that carries meaning alone.
const STYLE: &str = r#"*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1e1e1e;background:#fff}
header,main{max-width:72rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.2rem;border-bottom:1px solid #ddd}
h1{font-size:1.7rem;margin:.2rem 0}
h2{font-size:1.35rem;margin:2.2rem 0 .6rem;padding-top:.6rem;border-top:2px solid #222}
h3{font-size:1.1rem;margin:1.6rem 0 .4rem}
h4{font-size:1rem;margin:1.2rem 0 .3rem}
.lead{color:#444;margin:.2rem 0 .6rem}
nav{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;padding:.4rem 0 .8rem}
a{color:#0b5394}
a:focus,mark:focus{outline:2px solid #000;outline-offset:1px}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.92em;background:#f3f3f3;padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}
.note{background:#fff8e0;border-left:4px solid #c99a00;padding:.5rem .8rem;margin:.6rem 0}
.warn{background:#fde8e4;border-left:4px solid #b3361b;padding:.5rem .8rem;margin:.6rem 0}
ul.lines{padding-left:1.2rem}ul.lines li{margin:.25rem 0}
ol.findings{margin:.2rem 0 .4rem}
.links a{margin-right:.8rem;white-space:nowrap}
figure{margin:1rem 0 1.8rem}
figure img{display:block;width:100%;max-width:100%;height:auto;border:1px solid #e2e2e2}
figcaption{color:#444;font-size:.9rem;margin-top:.3rem;overflow-wrap:anywhere}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.4rem 0 1rem}
table{border-collapse:collapse;font-size:.92rem;min-width:100%}
th,td{padding:.3rem .5rem;border-bottom:1px solid #e5e5e5;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}
thead th{background:#f4f4f4;position:sticky;top:0}
tr.sig td{font-weight:600}
td.yes::before{content:"✔ "}
details{margin:.6rem 0}summary{cursor:pointer;font-weight:600}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
@media (max-width:760px){.sides{grid-template-columns:1fr}}
.side h5{margin:.4rem 0;font-size:.95rem}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.3em;border:1px solid rgba(0,0,0,.35)}
ol.sentences{padding-left:2.6rem}
ol.sentences li{margin:.35rem 0}
.tone{font-size:.78rem;color:#555;font-variant-numeric:tabular-nums;margin-left:.3rem}
ul.evidence{padding-left:1.1rem}ul.evidence li{margin:.45rem 0}
.src{font-size:.85rem}
mark.m{color:inherit;padding:0 .12em;border-radius:3px;position:relative;cursor:help;box-shadow:inset 0 -2px 0 rgba(0,0,0,.28)}
mark.neg{text-decoration:line-through;text-decoration-thickness:2px}
mark.up{font-weight:700}
mark.m:hover::after,mark.m:focus::after{content:attr(data-note);position:absolute;left:0;top:1.7em;z-index:5;width:max-content;max-width:min(22rem,80vw);white-space:pre-wrap;background:#222;color:#fff;font-size:.8rem;font-weight:400;line-height:1.35;padding:.35rem .5rem;border-radius:4px;text-decoration:none}
.tag{font-size:.7rem;color:#333;vertical-align:super;margin:0 .15em 0 .05em;white-space:nowrap}
.legend span{display:inline-block;margin:.15rem .8rem .15rem 0}
article{border-top:1px solid #ddd;padding-top:.4rem;margin-top:1.4rem}
article h3{margin:.4rem 0 .2rem;overflow-wrap:anywhere}
.meta{color:#555;font-size:.9rem;margin:.1rem 0 .5rem}
@media print{nav{display:none}mark.m:hover::after,mark.m:focus::after{display:none}figure{break-inside:avoid}}
"#;
