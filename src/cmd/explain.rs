//! `framescope explain`: an article's sentences with each match highlighted, what the rules did
//! to it, and the article's scores — the way to check why a score is what it is.

use std::fmt::Write as _;

use anyhow::{bail, Result};
use framescope::corpus::{Article, Corpus, Item};
use framescope::engine::checks::ArticleChecks;
use framescope::engine::compile::LexiconSet;
use framescope::output::number::{fixed, fixed_opt};
use framescope::text::voice::{SpanKind, Voice, VoiceSpan};
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

    /// Colour by voice: magenta quoted, blue attributed, yellow unknown.
    fn voice_code(voice: Voice) -> &'static str {
        match voice {
            Voice::Quoted => "35",
            Voice::Attributed => "34",
            Voice::Unknown => "33",
            Voice::Author => "0",
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
                let scores = scorer.score_in(&article.text, &article.language);
                article
                    .warnings
                    .extend(scorer.language_warning(&article.language));
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

/// The direction a hit is coloured in: its category's polarity, or for a category of a fitted
/// lexicon, whether it raised or lowered the probability.
fn direction(set: &LexiconSet, hit: &framescope::engine::score::Hit) -> i8 {
    match set.categories[hit.category as usize].intercept {
        Some(_) if hit.effective > 0.0 => 1,
        Some(_) if hit.effective < 0.0 => -1,
        _ => set.categories[hit.category as usize].polarity,
    }
}

/// How many terms `explain` names that pushed a fitted probability up, and down.
const SHOWN_PUSHES: usize = 5;

/// A category of a fitted lexicon: its probability, how the intercept and the matches make it, and
/// the terms that pushed it up and down most.
fn fitted(out: &mut String, set: &LexiconSet, scores: &ArticleScores, c: usize, intercept: f64) {
    let tally = &scores.categories[c];
    let name = &set.categories[c].name;
    let Some(p) = scores.probability(set, c) else {
        let _ = writeln!(out, "      {name:<22} probability (no tokens)");
        return;
    };
    let per_1k = 1000.0 * tally.score / scores.tokens as f64;
    let _ = writeln!(
        out,
        "      {name:<22} probability {} = logistic({} + {}): intercept {}, score {} in {} tokens, {} hits",
        fixed(p, 3),
        fixed(intercept, 2),
        fixed(per_1k, 2),
        fixed(intercept, 2),
        fixed(tally.score, 3),
        scores.tokens,
        tally.hits
    );
    // Each term's share of the score: the sum of its hits' effective weights.
    let mut by_term: Vec<(u32, f64, u32)> = Vec::new();
    for h in scores.hits.iter().filter(|h| h.category as usize == c) {
        match by_term.iter_mut().find(|(t, _, _)| *t == h.term) {
            Some((_, sum, n)) => {
                *sum += h.effective;
                *n += 1;
            }
            None => by_term.push((h.term, h.effective, 1)),
        }
    }
    let list = |terms: &mut dyn Iterator<Item = &(u32, f64, u32)>| {
        terms
            .take(SHOWN_PUSHES)
            .map(|(t, sum, n)| {
                let times = if *n > 1 {
                    format!(" ×{n}")
                } else {
                    String::new()
                };
                format!(
                    "`{}`{times} {}",
                    set.terms[*t as usize].text,
                    fixed(*sum, 2)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Largest push first; equal pushes in the order the terms were first matched.
    by_term.sort_by(|a, b| b.1.total_cmp(&a.1));
    let up = list(&mut by_term.iter().filter(|x| x.1 > 0.0));
    let down = list(&mut by_term.iter().rev().filter(|x| x.1 < 0.0));
    if !up.is_empty() {
        let _ = writeln!(out, "         up:   {up}");
    }
    if !down.is_empty() {
        let _ = writeln!(out, "         down: {down}");
    }
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
        let warning = format!("warning: {}", visible(&hints::warning(w)));
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
            // A dictionary matched as another tool matches knows no sentences: its phrase may
            // run past the sentence it starts in, and is highlighted up to the sentence's end.
            let (s, e) = (
                (h.start.saturating_sub(sentence.start) as usize).min(text.len()),
                (h.end.saturating_sub(sentence.start) as usize).min(text.len()),
            );
            if spans.last().is_none_or(|(_, b, _)| s >= *b) {
                spans.push((s, e, Style::hit_code(direction(set, h), h.negated)));
            }
        }
        let voice_spans: Vec<&VoiceSpan> = scores
            .voices
            .spans
            .iter()
            .filter(|v| v.start < sentence.end && v.end > sentence.start)
            .collect();
        let mut line = String::new();
        let mut at = 0;
        for (s, e, code) in &spans {
            push_voiced(&mut line, text, at..*s, sentence.start, &voice_spans, style);
            let hit = visible(&text[*s..*e]);
            line.push_str(&if style.color {
                style.paint(code, &hit)
            } else {
                format!("[{hit}]")
            });
            at = *e;
        }
        push_voiced(
            &mut line,
            text,
            at..text.len(),
            sentence.start,
            &voice_spans,
            style,
        );
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let tone = sentence
            .tone
            .map_or(String::new(), |t| format!("  tone {}", fixed(t, 3)));
        let _ = writeln!(out, "[{}]{} {line}", i + 1, style.paint("2", &tone));
        for v in &voice_spans {
            let from = v.start.max(sentence.start) as usize;
            let to = v.end.min(sentence.end) as usize;
            let words = article.text[from..to]
                .split_whitespace()
                .collect::<Vec<_>>();
            let _ = writeln!(
                out,
                "      {}: {}",
                style.paint(Style::voice_code(v.voice), &voice_label(scores, v)),
                style.paint("2", &words.join(" "))
            );
        }
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
            if h.voice != Voice::Author {
                let _ = write!(effect, " · {}", h.voice.name());
                if let Some(s) = h
                    .speaker
                    .and_then(|s| scores.voices.speakers.get(s as usize))
                {
                    let _ = write!(effect, " ({})", s.name);
                }
            }
            let _ = writeln!(
                out,
                "      {:<28} {:<26} {:<22} {}",
                style.paint(
                    &Style::hit_code(direction(set, h), h.negated),
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
            if let Some(intercept) = set.categories[c].intercept {
                fitted(&mut out, set, scores, c, intercept);
                continue;
            }
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
    render_voices(&mut out, scores, style);
    out.push('\n');
    out
}

/// Appends `text[range]` (of a sentence starting at byte `offset`) to `line`, coloured by the
/// voice of each stretch when colour is on.
fn push_voiced(
    line: &mut String,
    text: &str,
    range: std::ops::Range<usize>,
    offset: u32,
    spans: &[&VoiceSpan],
    style: &Style,
) {
    if !style.color || spans.is_empty() {
        line.push_str(&visible(&text[range]));
        return;
    }
    let mut at = range.start;
    for v in spans {
        let s = (v.start.saturating_sub(offset) as usize).clamp(at, range.end);
        let e = (v.end.saturating_sub(offset) as usize).clamp(s, range.end);
        if s >= e {
            continue;
        }
        line.push_str(&visible(&text[at..s]));
        line.push_str(&style.paint(Style::voice_code(v.voice), &visible(&text[s..e])));
        at = e;
    }
    line.push_str(&visible(&text[at..range.end]));
}

/// What a voice span is and who speaks it: `quoted · Elena Markovic (named)`.
fn voice_label(scores: &ArticleScores, v: &VoiceSpan) -> String {
    let what = match (v.voice, v.kind) {
        (Voice::Unknown, SpanKind::Mention) => "unknown · scare quotes or a title".to_string(),
        (Voice::Unknown, _) => "unknown · quotation mark left open".to_string(),
        (voice, _) => voice.name().to_string(),
    };
    match v
        .speaker
        .and_then(|s| scores.voices.speakers.get(s as usize))
    {
        Some(s) => format!("{what} · {} ({})", s.name, s.kind.name()),
        None if matches!(v.voice, Voice::Quoted | Voice::Attributed) => {
            format!("{what} · speaker not found")
        }
        None => what,
    }
}

/// The article's voices: the share of each, its tone, and who is quoted.
fn render_voices(out: &mut String, scores: &ArticleScores, style: &Style) {
    let _ = writeln!(out, "\n{}", style.paint("1", "Voices"));
    let shares: Vec<String> = Voice::ALL
        .iter()
        .map(|&v| {
            let share = scores
                .voice_share(v)
                .map_or("-".into(), |x| fixed(100.0 * x, 1));
            format!("{} {share}%", v.name())
        })
        .collect();
    let _ = writeln!(
        out,
        "   {} of tokens; {} quotation(s)",
        shares.join(" · "),
        scores.voices.quotes
    );
    let tones: Vec<String> = [Voice::Author, Voice::Quoted, Voice::Attributed]
        .iter()
        .filter_map(|&v| {
            scores
                .voice_tone(v)
                .map(|t| format!("{} {}", v.name(), fixed(t, 3)))
        })
        .collect();
    if !tones.is_empty() {
        let _ = writeln!(out, "   tone by voice: {}", tones.join(" · "));
    }
    if scores.voices.speakers.is_empty() {
        let _ = writeln!(out, "   no speaker found");
        return;
    }
    let _ = writeln!(out, "   who speaks:");
    for s in &scores.voices.speakers {
        let role = if s.role.is_empty() {
            String::new()
        } else {
            format!(", {}", s.role)
        };
        let _ = writeln!(
            out,
            "      {:<34} {} quotation(s), {} word(s) · {} statement(s), {} word(s)",
            format!("{} ({}{role})", s.name, s.kind.name()),
            s.quotes,
            s.quoted_tokens,
            s.statements,
            s.attributed_tokens
        );
    }
}
