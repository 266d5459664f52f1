//! `framescope explain`: an article's sentences with each match highlighted, what the rules did
//! to it, and the article's scores — the way to check why a score is what it is.

use std::fmt::Write as _;

use anyhow::{bail, Result};
use framescope::corpus::{Article, Corpus, Item};
use framescope::engine::checks::ArticleChecks;
use framescope::engine::compile::LexiconSet;
use framescope::output::number::{fixed, fixed_opt};
use framescope::ArticleScores;

use super::{hints, load_scorer, visible, EXIT_OK, EXIT_PARTIAL};
use crate::cli::ExplainConfig;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// Colour by direction: green positive, red negative, cyan frames; struck-through when negated.
    fn hit_code(polarity: i8, negated: bool) -> String {
        let base = match polarity {
            1 => "1;32",
            -1 => "1;31",
            _ => "1;36",
        };
        if negated {
            format!("{base};9")
        } else {
            base.to_string()
        }
    }
}

pub fn run(config: ExplainConfig) -> Result<i32> {
    let (scorer, _) = load_scorer(&config.lexicons, &config.lexicon_dir)?;
    let style = Style {
        color: config.color,
    };
    let mut shown = 0;
    let mut problems = 0;
    let checks = ArticleChecks::new(scorer.lexicons());
    let mut seen_ids = Vec::new();
    for item in Corpus::open(std::slice::from_ref(&config.input), config.read.clone()) {
        match item {
            Item::Skipped(s) => {
                eprintln!(
                    "framescope: skipped {}",
                    visible(&format!("{}: {}", s.origin, hints::skip_reason(&s.reason)))
                );
                problems += 1;
            }
            Item::Article(mut article) => {
                if config.article.as_ref().is_some_and(|id| *id != article.id) {
                    if seen_ids.len() < 20 {
                        seen_ids.push(visible(&article.id).into_owned());
                    }
                    continue;
                }
                let (scores, _) = scorer.analyse(&article.text);
                article
                    .warnings
                    .extend(checks.warnings(&article.text, &scores));
                problems += !article.warnings.is_empty() as usize;
                print!("{}", render(scorer.lexicons(), &article, &scores, &style));
                shown += 1;
            }
        }
    }
    if shown == 0 {
        match &config.article {
            Some(id) => bail!(
                "no article `{}` in the input; ids seen include: {}",
                visible(id),
                seen_ids.join(", ")
            ),
            None => bail!("no article could be read from the input"),
        }
    }
    Ok(if problems > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

fn render(set: &LexiconSet, article: &Article, scores: &ArticleScores, style: &Style) -> String {
    let mut out = String::new();
    let title = if article.title.is_empty() {
        String::new()
    } else {
        format!(" — {}", visible(&article.title))
    };
    let _ = writeln!(
        out,
        "{}",
        style.paint("1", &format!("== {}{title}", visible(&article.id)))
    );
    let _ = writeln!(
        out,
        "   {} tokens, {} sentences, from {}",
        scores.tokens,
        scores.sentences.len(),
        visible(&article.origin)
    );
    for w in &article.warnings {
        let warning = format!("warning: {}", visible(w));
        let _ = writeln!(out, "   {}", style.paint("33", &warning));
    }
    out.push('\n');
    let mut hits = scores.hits.iter().peekable();
    let mut stopped = scores.stopped.iter().peekable();
    for (i, sentence) in scores.sentences.iter().enumerate() {
        let mut sentence_hits = Vec::new();
        while let Some(h) = hits.next_if(|h| h.sentence as usize == i) {
            sentence_hits.push(h);
        }
        let mut sentence_stops = Vec::new();
        while let Some(h) = stopped.next_if(|h| h.sentence as usize == i) {
            sentence_stops.push(h);
        }
        // Highlight each hit that does not overlap an earlier one, coloured by that hit. Hits come
        // in text order, so only the last highlighted span can overlap the next hit.
        let text = &article.text[sentence.start as usize..sentence.end as usize];
        let mut spans: Vec<(usize, usize, String)> = Vec::new();
        for h in &sentence_hits {
            let (s, e) = (
                (h.start - sentence.start) as usize,
                (h.end - sentence.start) as usize,
            );
            if spans.last().is_none_or(|(_, b, _)| s >= *b) {
                spans.push((
                    s,
                    e,
                    Style::hit_code(set.categories[h.category as usize].polarity, h.negated),
                ));
            }
        }
        let mut line = String::new();
        let mut at = 0;
        for (s, e, code) in &spans {
            line.push_str(&visible(&text[at..*s]));
            let hit = visible(&text[*s..*e]);
            line.push_str(&if style.color {
                style.paint(code, &hit)
            } else {
                format!("[{hit}]")
            });
            at = *e;
        }
        line.push_str(&visible(&text[at..]));
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let tone = sentence
            .tone
            .map_or(String::new(), |t| format!("  tone {}", fixed(t, 3)));
        let _ = writeln!(out, "[{}]{} {line}", i + 1, style.paint("2", &tone));
        for h in sentence_hits {
            let category = &set.categories[h.category as usize];
            let matched = &article.text[h.start as usize..h.end as usize];
            let mut effect = format!("w {}", fixed(h.weight, 2));
            if !h.note.is_empty() {
                let _ = write!(effect, " · {}", h.note);
            }
            if h.negated && !category.negatable {
                effect.push_str(" · negation ignored (category not negatable)");
            }
            let _ = write!(effect, " → {}", fixed(h.effective, 2));
            let _ = writeln!(
                out,
                "      {:<28} {:<26} {:<22} {}",
                style.paint(
                    &Style::hit_code(category.polarity, h.negated),
                    &format!("{matched:?}")
                ),
                category.column,
                format!("term `{}`", set.terms[h.term as usize].text),
                effect
            );
        }
        for h in sentence_stops {
            let matched = &article.text[h.start as usize..h.end as usize];
            let _ = writeln!(
                out,
                "      {:<28} {:<26} {:<22} stop phrase · counts nothing",
                style.paint("2", &format!("{matched:?}")),
                set.categories[h.category as usize].column,
                format!("stop `{}`", set.terms[h.term as usize].text),
            );
        }
    }
    let _ = writeln!(out, "\n{}", style.paint("1", "Scores"));
    if set.tone_lexicon.is_some() {
        let t = &scores.tone;
        let _ = writeln!(
            out,
            "   tone {}   positive {} ({}/1k)   negative {} ({}/1k)   log ratio {}",
            fixed_opt(t.tone, 3),
            t.positive,
            fixed_opt(t.positive_per_1k, 2),
            t.negative,
            fixed_opt(t.negative_per_1k, 2),
            fixed(t.logratio, 3)
        );
    }
    for (l, lexicon) in set.lexicons.iter().enumerate() {
        let dominant = scores
            .dominant(set, l)
            .map_or("none".to_string(), |c| set.categories[c].name.clone());
        let _ = writeln!(out, "   {} (dominant: {dominant})", lexicon.id);
        for c in lexicon.categories.clone() {
            let tally = &scores.categories[c];
            if tally.hits == 0 {
                continue;
            }
            let _ = writeln!(
                out,
                "      {:<22} hits {:>3}  negated {:>2}  per 1k {:>8}  score {:>8}",
                set.categories[c].name,
                tally.hits,
                tally.negated,
                fixed_opt(scores.per_1k(c), 2),
                fixed(tally.score, 2)
            );
        }
    }
    out.push('\n');
    out
}
