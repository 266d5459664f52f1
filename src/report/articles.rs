//! The report's sections of text: the sentences behind each finding, side by side, and each
//! article shown with every match marked and its scores.

use std::collections::HashMap;

use super::html::{escape, inline};
use super::marks::{self, Tints};
use super::sections::{evidence_id, evidence_rows};
use super::views::ArticleView;
use super::Input;
use crate::chart::layout::GroupColours;
use crate::compare::findings::group_label;
use crate::compare::summary::{self, num};
use crate::compare::{Comparison, Members, Report};

/// Sentences listed per side of a finding; the rest are in the article views.
const EVIDENCE_SENTENCES: usize = 25;

fn tints(input: &Input) -> Tints {
    let schema = &input.description.schema;
    Tints::new(
        schema.lexicons.iter().map(|l| l.id.clone()).collect(),
        schema
            .lexicons
            .iter()
            .find(|l| l.tone)
            .map(|l| l.id.clone()),
    )
}

/// Whether the article `v` belongs to a side.
fn member(v: &ArticleView, side: &Members) -> bool {
    match &side.articles {
        Some(ids) => ids.contains(&v.id),
        None => v.group == side.group,
    }
}

fn swatch(colours: &GroupColours, group: &str) -> String {
    format!(
        "<span class=\"swatch\" style=\"background:{}\"></span>",
        colours.of(group).hex()
    )
}

/// One side of a finding: its sentences with a match of the row's category that counts.
fn side(
    input: &Input,
    tints: &Tints,
    colours: &GroupColours,
    (letter, label, members): (&str, &str, &Members),
    (lexicon, category): (&str, &str),
) -> String {
    let views: Vec<(usize, &ArticleView)> = input
        .views
        .iter()
        .enumerate()
        .filter(|(_, v)| member(v, members))
        .collect();
    let mut found = Vec::new();
    let mut matches = 0;
    for &(vi, v) in &views {
        for (si, s) in v.sentences.iter().enumerate() {
            let n = s
                .matches
                .iter()
                .filter(|m| m.counts && m.lexicon == lexicon && m.category == category)
                .count();
            if n > 0 {
                matches += n;
                found.push((vi, v, si, s));
            }
        }
    }
    let articles = match &members.articles {
        Some(ids) => ids.len(),
        None => input
            .obs
            .articles
            .iter()
            .filter(|a| a.group == members.group)
            .count(),
    };
    let shown = if views.len() < articles {
        format!(
            " of the {} of its {articles} articles shown here",
            views.len()
        )
    } else {
        String::new()
    };
    let mut s = format!(
        "<div class=\"side\"><h5>{}{letter}: {} — {matches} match{} in {} sentence{}{shown}</h5>\n<ul class=\"evidence\">\n",
        swatch(colours, &members.group),
        escape(label),
        if matches == 1 { "" } else { "es" },
        found.len(),
        if found.len() == 1 { "" } else { "s" }
    );
    for (vi, v, si, sentence) in found.iter().take(EVIDENCE_SENTENCES) {
        s.push_str(&format!(
            "<li><a class=\"src\" href=\"#a{vi}-{si}\">{}, sentence {}</a>: {}</li>\n",
            escape(&v.id),
            si + 1,
            marks::sentence(sentence, tints, Some((lexicon, category)))
        ));
    }
    if found.len() > EVIDENCE_SENTENCES {
        s.push_str(&format!(
            "<li>and {} more sentences, in the articles below.</li>\n",
            found.len() - EVIDENCE_SENTENCES
        ));
    }
    s.push_str("</ul></div>\n");
    s
}

/// The sentences behind each finding the summary names.
pub fn evidence(input: &Input, report: &Report) -> String {
    let tints = tints(input);
    let colours = GroupColours::new(&input.description.groups);
    let mut s = String::from(
        "<section id=\"evidence\"><h2>Sentences behind the findings</h2>\n<p>For each difference the summary names, the sentences of each side with a match of that category that counts in its rate, the match marked (hover or tap it for its term and weight). Each sentence links to its place in its article.</p>\n",
    );
    if let Some(note) = &input.views_note {
        s.push_str(&format!("<p class=\"note\">{}</p>\n", inline(note)));
    }
    for (ci, c) in report.comparisons.iter().enumerate() {
        for ri in evidence_rows(c) {
            s.push_str(&finding(input, report, &tints, &colours, ci, c, ri));
        }
    }
    s.push_str("</section>\n");
    s
}

fn finding(
    input: &Input,
    report: &Report,
    tints: &Tints,
    colours: &GroupColours,
    ci: usize,
    c: &Comparison,
    ri: usize,
) -> String {
    let row = &c.rows[ri];
    let category = (row.lexicon.as_str(), row.category.as_str());
    let mut s = format!(
        "<section class=\"finding\" id=\"{}\"><h3><code>{}</code>: {} (A) vs {} (B)</h3>\n<p>{}.</p>\n<p class=\"links\"><a href=\"#c{ci}\">the comparison</a> <a href=\"#t{ci}\">its table</a></p>\n<div class=\"sides\">\n",
        evidence_id(ci, ri),
        escape(&row.key()),
        escape(&c.a),
        escape(&c.b),
        inline(&summary::describe(c, row, report))
    );
    s.push_str(&side(
        input,
        tints,
        colours,
        ("A", &c.a, &c.members.0),
        category,
    ));
    s.push_str(&side(
        input,
        tints,
        colours,
        ("B", &c.b, &c.members.1),
        category,
    ));
    s.push_str("</div></section>\n");
    s
}

/// Each article shown: its sentences with every match marked, and its scores.
pub fn articles(input: &Input) -> String {
    let tints = tints(input);
    let colours = GroupColours::new(&input.description.groups);
    let schema = &input.description.schema;
    let mut s = String::from("<section id=\"articles\"><h2>Articles</h2>\n");
    if let Some(note) = &input.views_note {
        s.push_str(&format!("<p class=\"note\">{}</p>\n", inline(note)));
    }
    s.push_str("<p>Every match is marked and labelled with its category; hover or tap a mark for its lexicon, term and weight, and what the rules did to it. <strong>¬</strong> negated (struck through), <strong>↑</strong> strengthened by an intensifier or capitals (bold), <strong>↓</strong> weakened, <strong>⇄</strong> weighed by a contrast (<em>but</em>, <em>although</em>). The tone of each sentence follows it.</p>\n<p class=\"legend\">");
    for (name, tint) in tints.legend() {
        s.push_str(&format!(
            "<span><span class=\"swatch\" style=\"background:{tint}\"></span>{}</span>",
            escape(&name)
        ));
    }
    s.push_str("</p>\n");
    if input.views.len() > 8 {
        s.push_str(&format!(
            "<details><summary>The {} articles shown</summary><ul>\n",
            input.views.len()
        ));
        for (vi, v) in input.views.iter().enumerate() {
            s.push_str(&format!(
                "<li>{}<a href=\"#a{vi}\">{}</a></li>\n",
                swatch(&colours, &v.group),
                escape(&v.id)
            ));
        }
        s.push_str("</ul></details>\n");
    }
    let counts: HashMap<&str, &crate::compare::data::ArticleCounts> = input
        .obs
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    for (vi, v) in input.views.iter().enumerate() {
        let mut meta = vec![escape(&group_label(&v.group))];
        if let Some(d) = v.date {
            meta.push(d.to_string());
        }
        if !v.title.is_empty() {
            meta.push(format!("“{}”", escape(&v.title)));
        }
        meta.push(format!(
            "{} tokens, {} sentences",
            v.tokens, v.sentence_count
        ));
        if let Some(t) = v.tone {
            meta.push(format!("tone {}", num(t)));
        }
        s.push_str(&format!(
            "<article id=\"a{vi}\"><h3>{}{}</h3>\n<p class=\"meta\">{}</p>\n",
            swatch(&colours, &v.group),
            escape(&v.id),
            meta.join(" · ")
        ));
        if let Some(a) = counts.get(v.id.as_str()) {
            let mut used: Vec<(usize, u64)> = a
                .affirmed
                .iter()
                .enumerate()
                .filter(|(_, &n)| n > 0)
                .map(|(c, &n)| (c, n))
                .collect();
            used.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            if !used.is_empty() {
                let cells: Vec<String> = used
                    .iter()
                    .map(|&(c, n)| {
                        let cat = &schema.categories[c];
                        format!(
                            "<tr><td><code>{}.{}</code></td><td>{n}</td><td>{}</td></tr>",
                            escape(&cat.lexicon),
                            escape(&cat.name),
                            num(n as f64 * 1000.0 / a.tokens.max(1) as f64)
                        )
                    })
                    .collect();
                s.push_str(&format!(
                    "<details><summary>Its scores</summary><div class=\"scroll\"><table><thead><tr><th>category</th><th>affirmed hits</th><th>per 1,000 tokens</th></tr></thead><tbody>{}</tbody></table></div></details>\n",
                    cells.concat()
                ));
            }
        }
        s.push_str("<ol class=\"sentences\">\n");
        for (si, sentence) in v.sentences.iter().enumerate() {
            let tone = sentence.tone.map_or(String::new(), |t| {
                format!("<span class=\"tone\">tone {}</span>", num(t))
            });
            s.push_str(&format!(
                "<li id=\"a{vi}-{si}\">{}{tone}</li>\n",
                marks::sentence(sentence, &tints, None)
            ));
        }
        s.push_str("</ol>\n");
        if v.sentence_count > v.sentences.len() {
            s.push_str(&format!(
                "<p class=\"note\">The first {} of its {} sentences are shown; sentences.csv and matches.csv hold them all.</p>\n",
                v.sentences.len(),
                v.sentence_count
            ));
        }
        s.push_str("</article>\n");
    }
    if input.views.is_empty() {
        s.push_str("<p>No article text is shown: sentences.csv could not be read.</p>\n");
    }
    s.push_str("</section>\n");
    s
}
