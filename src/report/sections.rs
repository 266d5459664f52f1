//! The report's sections that come from numbers: the summary in words (the sides, then each
//! comparison as `summary.md` words it), the charts inline, and the comparison tables.

use super::html::{base64, escape, inline};
use super::Input;
use crate::chart::layout::GroupColours;
use crate::compare::describe::UnitSummary;
use crate::compare::summary::{self, num};
use crate::compare::{Comparison, Design, Measure, Report, Row, Unit};

/// Comparisons shown at once in the summary; the others are one click away.
const SHOWN_COMPARISONS: usize = 6;
/// Sides described one by one in the summary.
const DESCRIBED_SIDES: usize = 12;
/// Categories named per side.
const NAMED_CATEGORIES: usize = 4;

/// The rows of a comparison whose sentences the report shows: the primary hypothesis's, then
/// the differences the summary names, as indices into its rows.
pub fn evidence_rows(c: &Comparison) -> Vec<usize> {
    let index = |row: &Row| c.rows.iter().position(|r| std::ptr::eq(r, row));
    let mut rows: Vec<usize> = c
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.primary && !r.tone)
        .map(|(i, _)| i)
        .collect();
    for f in summary::findings(c, |r| !r.primary)
        .iter()
        .take(summary::TOP)
    {
        if let Some(i) = index(f.row) {
            if !rows.contains(&i) {
                rows.push(i);
            }
        }
    }
    rows
}

/// The anchor of a row's sentences.
pub fn evidence_id(comparison: usize, row: usize) -> String {
    format!("e{comparison}-{row}")
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

/// A side in words: its size, tone and most used categories.
fn side_line(input: &Input, u: &UnitSummary) -> String {
    let desc = input.description;
    let schema = &desc.schema;
    let colours = GroupColours::new(&desc.groups);
    let mut line = format!(
        "<span class=\"swatch\" style=\"background:{}\"></span><strong>{}</strong>",
        colours.of(&u.group).hex(),
        escape(&u.label)
    );
    let articles = if u.articles == 1 {
        "1 article".to_string()
    } else {
        format!("{} articles", u.articles)
    };
    line.push_str(&format!(" ({articles}, {} tokens)", u.tokens));
    if let Some(t) = u.tone {
        line.push_str(&format!(": tone {}", signed(t)));
        if let Some((lo, hi)) = u.tone_ci {
            line.push_str(&format!(
                " ({:.0}% interval {} to {})",
                desc.confidence * 100.0,
                signed(lo),
                signed(hi)
            ));
        }
    }
    let mut used: Vec<(usize, f64)> = u
        .rates
        .iter()
        .enumerate()
        .filter_map(|(c, r)| r.filter(|&r| r > 0.0).map(|r| (c, r)))
        .filter(|(c, _)| {
            !schema
                .lexicons
                .iter()
                .any(|l| l.tone && l.categories.contains(c))
        })
        .collect();
    used.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    if !used.is_empty() {
        let named: Vec<String> = used
            .iter()
            .take(NAMED_CATEGORIES)
            .map(|&(c, r)| {
                let cat = &schema.categories[c];
                format!(
                    "<code>{}.{}</code> {}",
                    escape(&cat.lexicon),
                    escape(&cat.name),
                    num(r)
                )
            })
            .collect();
        line.push_str(&format!(
            "; most used frames: {} per 1,000 tokens",
            named.join(", ")
        ));
    }
    line
}

/// The summary: what was read, what was decided, the sides, and each comparison in words with
/// links to the sentences behind its findings.
pub fn summary(input: &Input) -> String {
    let desc = input.description;
    let mut s = String::from("<section id=\"summary\"><h2>Summary</h2>\n");
    if let Some(why) = &input.not_compared {
        s.push_str(&format!(
            "<p class=\"warn\">Not compared: {}</p>\n",
            inline(why)
        ));
    }
    for note in input.notes {
        s.push_str(&format!("<p class=\"note\">Note: {}</p>\n", inline(note)));
    }
    let what = match (desc.unit, desc.pooled) {
        (Unit::Groups, _) => "Each group, its articles pooled",
        (_, true) => "All the articles, pooled",
        _ if desc.articles == 1 => "The article",
        _ => "Each article",
    };
    s.push_str(&format!("<h3>{what}</h3>\n<ul class=\"lines\">\n"));
    for u in desc.sides.iter().take(DESCRIBED_SIDES) {
        s.push_str(&format!("<li>{}</li>\n", side_line(input, u)));
    }
    if desc.sides.len() > DESCRIBED_SIDES {
        s.push_str(&format!(
            "<li>{} more: see the charts, and articles.csv for every article.</li>\n",
            desc.sides.len() - DESCRIBED_SIDES
        ));
    }
    s.push_str("</ul>\n");
    if let Some(ts) = &desc.timeseries {
        let (first, last) = (
            ts.periods.first().map_or("", |p| p.label.as_str()),
            ts.periods.last().map_or("", |p| p.label.as_str()),
        );
        let chart = if input.charts.iter().any(|c| c.path.contains("/over_time.")) {
            "<a href=\"#chart-over_time\">the chart over time</a> and "
        } else {
            ""
        };
        s.push_str(&format!(
            "<p>{} of the {} articles are dated, from {first} to {last}: their rates and tone by {} are in {chart}<code>timeseries.csv</code>.</p>\n",
            desc.dated,
            desc.articles,
            if ts.weekly { "week" } else { "month" },
        ));
    }
    let Some(report) = input.report.filter(|r| !r.comparisons.is_empty()) else {
        s.push_str("</section>\n");
        return s;
    };
    s.push_str(
        "<p>In every comparison A is the first side named and B the second. Each finding links to the sentences that make it.</p>\n",
    );
    for (ci, c) in report.comparisons.iter().enumerate() {
        if ci == SHOWN_COMPARISONS {
            s.push_str(&format!(
                "<details><summary>{} more comparisons</summary>\n",
                report.comparisons.len() - SHOWN_COMPARISONS
            ));
        }
        s.push_str(&comparison(report, ci, c));
    }
    if report.comparisons.len() > SHOWN_COMPARISONS {
        s.push_str("</details>\n");
    }
    s.push_str(&format!(
        "<details><summary>How the comparisons were made</summary><p>{}</p></details>\n</section>\n",
        inline(&summary::method(report))
    ));
    s
}

/// One comparison in words.
fn comparison(report: &Report, ci: usize, c: &Comparison) -> String {
    let mut s = format!(
        "<h3 id=\"c{ci}\">{}</h3>\n<ul class=\"lines\">\n",
        inline(&summary::heading(c))
    );
    let mut in_list = false;
    // The numbered lines are the ranked findings, in order; each links to its sentences.
    let ranked = summary::findings(c, |r| !r.primary);
    let link = |row: &Row| {
        let shown = evidence_rows(c);
        c.rows
            .iter()
            .position(|r| std::ptr::eq(r, row))
            .filter(|i| shown.contains(i))
            .map_or(String::new(), |i| {
                format!(
                    " <a class=\"read\" href=\"#{}\">→ the sentences</a>",
                    evidence_id(ci, i)
                )
            })
    };
    for line in summary::comparison_lines(c, report) {
        let numbered = line
            .split_once(". ")
            .and_then(|(n, rest)| n.parse::<usize>().ok().map(|n| (n, rest)));
        match numbered {
            Some((n, rest)) => {
                if !in_list {
                    s.push_str("<li><ol class=\"findings\">\n");
                    in_list = true;
                }
                let to = ranked.get(n - 1).map_or(String::new(), |f| link(f.row));
                s.push_str(&format!("<li>{}{to}</li>\n", inline(rest)));
            }
            None => {
                if in_list {
                    s.push_str("</ol></li>\n");
                    in_list = false;
                }
                // A line that introduces a list holds it; a primary test links to its
                // sentences.
                let primary = c
                    .rows
                    .iter()
                    .find(|r| r.primary && line.starts_with(&format!("Primary test, {}:", r.key())))
                    .map_or(String::new(), link);
                s.push_str(&format!("<li>{}{primary}", inline(&line)));
                if line.ends_with(':') {
                    s.push_str("\n<ol class=\"findings\">\n");
                    in_list = true;
                } else {
                    s.push_str("</li>\n");
                }
            }
        }
    }
    if in_list {
        s.push_str("</ol></li>\n");
    }
    s.push_str("</ul>\n");
    let rows = evidence_rows(c);
    if !rows.is_empty() {
        let links: Vec<String> = rows
            .iter()
            .map(|&r| {
                format!(
                    "<a href=\"#{}\">{}</a>",
                    evidence_id(ci, r),
                    escape(&c.rows[r].key())
                )
            })
            .collect();
        s.push_str(&format!(
            "<p class=\"links\">Sentences behind: {} · <a href=\"#t{ci}\">table</a></p>\n",
            links.join(" ")
        ));
    }
    s
}

/// Every chart, inline as a data URI, with what it shows; difference charts after the others.
pub fn charts(input: &Input) -> String {
    let mut s = String::from("<section id=\"charts\"><h2>Charts</h2>\n");
    if input.charts.is_empty() {
        s.push_str("<p>No chart was drawn for this run.</p>\n");
    }
    let mut differences = false;
    for chart in input.charts {
        let name = chart
            .path
            .rsplit('/')
            .next()
            .unwrap_or(&chart.path)
            .rsplit_once('.')
            .map_or(chart.path.as_str(), |(n, _)| n);
        if name.starts_with(crate::output::layout::DIFFERENCE_CHART_PREFIX) && !differences {
            differences = true;
            s.push_str("<h3>Differences, comparison by comparison</h3>\n");
        }
        let mime = if chart.svg {
            "image/svg+xml"
        } else {
            "image/png"
        };
        s.push_str(&format!(
            "<figure id=\"chart-{}\"><img alt=\"{}\" src=\"data:{mime};base64,{}\"><figcaption><code>{}</code>: {}</figcaption></figure>\n",
            escape(name),
            escape(&chart.description),
            base64(&chart.bytes),
            escape(&chart.path),
            escape(&chart.description)
        ));
    }
    s.push_str("</section>\n");
    s
}

/// A row's cells: rates or tones, difference, interval, ratio, adjusted p.
fn cells(row: &Row) -> [String; 6] {
    let value = |v: Option<f64>| v.map_or("–".to_string(), num);
    // A ratio of rates only: not of tones, nor of probabilities.
    let ratio = match (row.value_a, row.value_b, row.measure) {
        (Some(a), Some(b), Measure::RatePer1k) if b > 0.0 && a > 0.0 => format!("{:.2}×", a / b),
        _ => "–".into(),
    };
    [
        value(row.value_a),
        value(row.value_b),
        row.diff.map_or("–".into(), signed),
        row.ci.map_or("–".into(), |(lo, hi)| {
            format!("{} to {}", num(lo), num(hi))
        }),
        ratio,
        match row.p_adjusted {
            Some(p) if p < 0.001 => "&lt; 0.001".into(),
            Some(p) => format!("{p:.3}"),
            None => "–".into(),
        },
    ]
}

/// Each comparison's rows as a table: the tone and every category either side uses.
pub fn tables(report: &Report) -> String {
    let learned = if report.schema.has_learned() {
        "; a learned lexicon's categories: mean fitted probability over articles, 0 to 1"
    } else {
        ""
    };
    let mut s = format!(
        "<section id=\"tables\"><h2>Comparison tables</h2>\n<p>Rates are affirmed hits per 1,000 tokens (tone: mean sentence tone, −1 to +1{learned}); A − B with its bootstrap interval; ratio A ÷ B; p adjusted within each family. Categories neither side uses are left out; <code>comparison.csv</code> has every row.</p>\n",
    );
    let confidence = (report.confidence * 100.0).round();
    for (ci, c) in report.comparisons.iter().enumerate() {
        let evidence = evidence_rows(c);
        let rows: Vec<(usize, &Row)> = c
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.tone
                    || r.measure == Measure::MeanProbability
                    || r.hits_a.unwrap_or(0) + r.hits_b.unwrap_or(0) > 0
            })
            .collect();
        let significant = c.rows.iter().filter(|r| r.significant).count();
        let per = if c.design == Design::Stories {
            " (means over stories)"
        } else {
            ""
        };
        s.push_str(&format!(
            "<details id=\"t{ci}\"{}><summary>{} — {significant} significant</summary>\n<div class=\"scroll\"><table>\n<thead><tr><th>category</th><th>A</th><th>B</th><th>A − B{per}</th><th>{confidence:.0}% interval</th><th>ratio</th><th>adj. p</th><th>significant</th><th>sentences</th></tr></thead>\n<tbody>\n",
            if ci == 0 { " open" } else { "" },
            inline(&summary::heading(c))
        ));
        for (ri, row) in rows {
            let [a, b, diff, ci_text, ratio, p] = cells(row);
            let link = if evidence.contains(&ri) {
                format!("<a href=\"#{}\">read</a>", evidence_id(ci, ri))
            } else {
                String::new()
            };
            s.push_str(&format!(
                "<tr{}><td><code>{}</code></td><td>{a}</td><td>{b}</td><td>{diff}</td><td>{ci_text}</td><td>{ratio}</td><td>{p}</td><td{}>{}</td><td>{link}</td></tr>\n",
                if row.significant { " class=\"sig\"" } else { "" },
                escape(&row.key()),
                if row.significant { " class=\"yes\"" } else { "" },
                if row.significant { "yes" } else { "no" }
            ));
        }
        s.push_str("</tbody></table></div></details>\n");
    }
    s.push_str("</section>\n");
    s
}
