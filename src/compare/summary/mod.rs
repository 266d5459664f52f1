//! The findings of a comparison run in plain words, for `summary.md` and (shorter) for the
//! terminal: per comparison what it compares and what that rests on, the primary hypothesis, the
//! omnibus tests, the differences ranked by strength of evidence with the words behind them, how
//! large a difference these texts could show when none passes, the tone, and the frame profiles.
//! The wording never calls a difference absent where its interval says otherwise.

mod rank;
mod terminal;

use super::families::{family_size, FOCUS};
use super::findings::{Comparison, Design, Measure, Report, Row, Test};
use super::options::Adjustment;
use super::power::{min_detectable_ratio, tokens_needed, POWER};
pub use rank::{findings, Finding};
pub use terminal::terminal;

/// Differences named per comparison in `summary.md`.
pub const TOP: usize = 5;

/// A number for prose: one decimal, two below 10, never `-0`.
pub fn num(x: f64) -> String {
    let s = if x.abs() < 10.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    };
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s
    }
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

fn p_text(label: &str, p: Option<f64>) -> String {
    match p {
        Some(p) if p < 0.001 => format!("{label} < 0.001"),
        Some(p) => format!("{label} = {p:.3}"),
        None => "no test".into(),
    }
}

fn ci_text(row: &Row, confidence: f64) -> String {
    match row.ci {
        Some((lo, hi)) => format!("{:.0}% CI {} to {}", confidence * 100.0, num(lo), num(hi)),
        None => "no interval".into(),
    }
}

/// What the comparison compares, in a heading: `A vs B (design)`.
pub fn heading(c: &Comparison) -> String {
    let what = match c.design {
        Design::Groups => "groups, all their articles pooled".to_string(),
        Design::Stories => format!(
            "groups over the {} stories both reported, paired by story",
            c.sizes.stories
        ),
        Design::Articles => match &c.story {
            Some(story) => format!("the same story, `{story}`"),
            None => "articles".to_string(),
        },
        Design::Baseline => "against the baseline".to_string(),
    };
    format!("{} (A) vs {} (B): {what}", c.a, c.b)
}

/// What the numbers rest on.
fn sizes_line(c: &Comparison) -> String {
    let s = &c.sizes;
    let side = |articles: usize, sentences: usize, tokens: u64| {
        format!("{articles} article(s), {sentences} sentence(s), {tokens} tokens")
    };
    let (ta, tb) = c.rows.first().map_or((0, 0), |r| (r.tokens_a, r.tokens_b));
    let mut line = format!(
        "A: {}; B: {}",
        side(s.articles_a, s.sentences_a, ta),
        side(s.articles_b, s.sentences_b, tb)
    );
    if s.stories > 0 {
        line.push_str(&format!("; {} paired stories", s.stories));
    }
    line.push_str(&format!("; intervals resample {}.", c.resampled));
    line
}

/// Whether a row's difference holds up, in words that agree with its interval.
pub fn verdict(c: &Comparison, row: &Row, report: &Report) -> String {
    let tests = family_size(c, &row.family);
    let family = if row.family == FOCUS {
        "the primary hypothesis".to_string()
    } else {
        format!("`{}`", row.family)
    };
    let adjusted = if report.adjust == Adjustment::None || tests <= 1 {
        String::new()
    } else {
        format!(
            " after {} adjustment for the {tests} tests of {family}",
            report.adjust.name()
        )
    };
    let below = row.p_adjusted.is_some_and(|p| p < report.alpha);
    if row.significant {
        format!("significant{adjusted}")
    } else if row.interval_excludes_zero() {
        format!("not significant{adjusted}, though the interval excludes 0")
    } else if below {
        "the p-value passes, but the interval includes 0: not called significant".to_string()
    } else {
        format!("not significant{adjusted}; the interval includes 0")
    }
}

/// One category difference as a sentence: "B uses crisis.hope language 3.1x as often as A (...)".
pub fn describe(c: &Comparison, row: &Row, report: &Report) -> String {
    let (Some(va), Some(vb), Some(diff)) = (row.value_a, row.value_b, row.diff) else {
        return format!("{}: not defined (a side has no tokens)", row.key());
    };
    if row.measure == Measure::MeanProbability {
        return describe_probability(c, row, report, (va, vb, diff));
    }
    let (hi, lo, vh, vl) = if diff >= 0.0 {
        (&c.a, &c.b, va, vb)
    } else {
        (&c.b, &c.a, vb, va)
    };
    let name = row.key();
    let how = if vl > 0.0 {
        format!("{hi} uses {name} language {:.1}x as often as {lo}", vh / vl)
    } else {
        format!("{hi} uses {name} language and {lo} does not")
    };
    let per = if c.design == Design::Stories {
        "per 1,000 tokens, mean over stories"
    } else {
        "per 1,000 tokens"
    };
    let statistic = match (row.g2, row.t) {
        (Some(g), _) => format!("G² = {g:.1}, "),
        (None, Some(t)) => format!("paired t = {t:.2}, "),
        _ => String::new(),
    };
    format!(
        "{how} {}",
        figures_and_verdict(c, row, report, (va, vb, diff), per, &statistic)
    )
}

/// The figures behind a difference and what they show: "(0.62 vs 0.31 UNIT; difference +0.31,
/// 95% CI ...; STATISTIC adjusted p = ...): significant ...".
fn figures_and_verdict(
    c: &Comparison,
    row: &Row,
    report: &Report,
    (va, vb, diff): (f64, f64, f64),
    unit: &str,
    statistic: &str,
) -> String {
    format!(
        "({} vs {} {unit}; difference {}, {}; {statistic}{}): {}",
        num(va),
        num(vb),
        signed(diff),
        ci_text(row, report.confidence),
        p_text("adjusted p", row.p_adjusted),
        verdict(c, row, report)
    )
}

/// A learned category's difference as a sentence: "A has the higher mean probability of
/// mine.conflict (0.62 vs 0.31, mean fitted probability over articles; ...)".
fn describe_probability(
    c: &Comparison,
    row: &Row,
    report: &Report,
    (va, vb, diff): (f64, f64, f64),
) -> String {
    let (hi, lo) = if diff >= 0.0 {
        (&c.a, &c.b)
    } else {
        (&c.b, &c.a)
    };
    let over = match c.design {
        Design::Stories => "mean fitted probability, mean over stories",
        _ => "mean fitted probability over articles",
    };
    let statistic = match (row.t, row.test) {
        (Some(t), Test::PairedT) => format!("paired t = {t:.2}, "),
        (Some(t), _) => format!("Welch t = {t:.2}, "),
        _ => String::new(),
    };
    format!(
        "{hi} has a higher mean probability of {} than {lo} {}",
        row.key(),
        figures_and_verdict(c, row, report, (va, vb, diff), over, &statistic)
    )
}

/// A finding in few words, for the terminal: who uses what more, the rates, the interval and
/// whether it holds up, and the words.
fn finding_short(c: &Comparison, f: &Finding, report: &Report) -> String {
    let row = f.row;
    let (Some(va), Some(vb), Some(diff)) = (row.value_a, row.value_b, row.diff) else {
        return format!("{}: not defined", row.key());
    };
    let (hi, vh, vl) = if diff >= 0.0 {
        (&c.a, va, vb)
    } else {
        (&c.b, vb, va)
    };
    let probability = row.measure == Measure::MeanProbability;
    let ratio = if probability {
        format!("difference {}", signed(diff))
    } else if vl > 0.0 {
        format!("{:.1}x", vh / vl)
    } else {
        "only this side".to_string()
    };
    let mut names = row.key();
    for r in &f.also {
        names.push_str(&format!(" (and {})", r.key()));
    }
    let holds = if row.significant {
        "significant".to_string()
    } else if row.interval_excludes_zero() {
        "not significant after adjustment; interval excludes 0".to_string()
    } else if row.p_adjusted.is_some_and(|p| p < report.alpha) {
        "p passes but the interval includes 0: not called significant".to_string()
    } else {
        "not significant".to_string()
    };
    let words: Vec<String> = f
        .words
        .iter()
        .map(|k| format!("“{}” {}–{}", k.words, k.count_a, k.count_b))
        .collect();
    let words = if words.is_empty() {
        String::new()
    } else {
        format!("; {}", words.join(", "))
    };
    let per = if probability {
        "mean probability"
    } else {
        "per 1,000 tokens"
    };
    format!(
        "{names}: more in {hi} ({ratio}; {} vs {} {per}; {}; {}): {holds}{words}",
        num(va),
        num(vb),
        ci_text(row, report.confidence),
        p_text("adj. p", row.p_adjusted)
    )
}

/// The words behind a finding, with their counts on each side.
fn words_text(f: &Finding) -> String {
    let list: Vec<String> = f
        .words
        .iter()
        .map(|k| format!("“{}” {}–{}", k.words, k.count_a, k.count_b))
        .collect();
    if list.is_empty() {
        String::new()
    } else {
        format!(" Words (A–B counts): {}.", list.join(", "))
    }
}

fn finding_text(c: &Comparison, f: &Finding, report: &Report) -> String {
    let mut text = describe(c, f.row, report);
    text.push('.');
    if !f.also.is_empty() {
        let also: Vec<String> = f.also.iter().map(|r| r.key()).collect();
        text.push_str(&format!(
            " The same words make {} differ too.",
            also.join(" and ")
        ));
    }
    text.push_str(&words_text(f));
    text
}

fn describe_tone(c: &Comparison, row: &Row, report: &Report) -> String {
    let (Some(va), Some(vb), Some(diff)) = (row.value_a, row.value_b, row.diff) else {
        return "not defined (a side has no sentence with tokens)".into();
    };
    let (more, less) = if diff >= 0.0 {
        (&c.a, &c.b)
    } else {
        (&c.b, &c.a)
    };
    let lead = if row.significant {
        format!("{more} is more positive in tone than {less}")
    } else if row.interval_excludes_zero() {
        format!("{more} reads more positive than {less} here")
    } else {
        "the tone difference could be chance".to_string()
    };
    let test = match c.design {
        Design::Stories => "paired t-test",
        _ => "Welch t-test",
    };
    format!(
        "{lead} (mean tone {} vs {} on a −1 to 1 scale; difference {}, {}; {test}, {}): {}",
        num(va),
        num(vb),
        signed(diff),
        ci_text(row, report.confidence),
        p_text("adjusted p", row.p_adjusted),
        verdict(c, row, report)
    )
}

/// The omnibus tests of a comparison in one line.
fn omnibus_line(c: &Comparison) -> Option<String> {
    if c.omnibus.is_empty() {
        return None;
    }
    let parts: Vec<String> = c
        .omnibus
        .iter()
        .map(|o| {
            let what = if o.significant {
                "a different mix"
            } else {
                "no clear difference in mix"
            };
            let statistic = match o.test {
                super::findings::Test::SignFlip => format!("{} story swaps", 1u64 << o.df.min(12)),
                _ => format!("G² = {:.1}, {} df", o.statistic, o.df),
            };
            format!(
                "{} {what} ({statistic}, {})",
                o.lexicon,
                p_text("adjusted p", o.p_adjusted)
            )
        })
        .collect();
    Some(format!(
        "Does each lexicon's mix of categories differ? {}.",
        parts.join("; ")
    ))
}

/// How large a difference these texts could show, for the strongest of `rows` (by p).
pub fn detectable(c: &Comparison, row: &Row, report: &Report) -> Option<String> {
    let (ha, hb) = (row.hits_a?, row.hits_b?);
    let tokens = row.tokens_a + row.tokens_b;
    if tokens == 0 || ha + hb == 0 {
        return None;
    }
    let base = (ha + hb) as f64 / tokens as f64;
    let ratio = min_detectable_ratio(base, row.tokens_a, row.tokens_b, report.alpha, POWER)?;
    let needed = tokens_needed(base, 2.0, report.alpha, POWER)?;
    let best_case = match c.design {
        Design::Articles => "",
        _ => " (at best: articles of one outlet are not independent)",
    };
    Some(format!(
        "How large a difference these texts can show: at {} and {} tokens, {} (used {} times per 1,000 tokens across both) would have to be about {:.1} times as frequent on one side to be detected with {:.0}% power at α = {} before adjustment{best_case}; a doubling would need about {} tokens a side.",
        row.tokens_a,
        row.tokens_b,
        row.key(),
        num(base * 1000.0),
        ratio,
        POWER * 100.0,
        short_number(report.alpha),
        thousands(needed.ceil() as u64)
    ))
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The primary hypothesis's rows of a comparison, in words.
fn comparison_focus(c: &Comparison, report: &Report) -> Vec<String> {
    c.rows
        .iter()
        .filter(|r| r.primary)
        .map(|row| {
            let text = if row.tone {
                describe_tone(c, row, report)
            } else {
                describe(c, row, report)
            };
            format!("Primary test, {}: {text}.", row.key())
        })
        .collect()
}

/// The summary of one comparison as lines of text (without its heading); lines starting with a
/// digit continue a list.
pub fn comparison_lines(c: &Comparison, report: &Report) -> Vec<String> {
    let mut lines = vec![sizes_line(c)];
    for caution in &c.cautions {
        lines.push(format!("Caution: {caution}."));
    }
    lines.extend(comparison_focus(c, report));
    lines.extend(omnibus_line(c));
    let exploratory = if report.focus.is_empty() {
        ""
    } else {
        " (exploratory)"
    };
    let ranked = findings(c, |r| !r.primary);
    let significant = ranked.iter().filter(|f| f.row.significant).count();
    let tested = c
        .rows
        .iter()
        .filter(|r| !r.tone && !r.primary && r.p.is_some())
        .count();
    if ranked.is_empty() {
        lines.push(format!(
            "No category difference to report ({tested} tested)."
        ));
    } else {
        if significant == 0 {
            lines.push(format!(
                "No category difference{exploratory} is significant ({tested} tested; {} adjustment within each lexicon, α = {}). The largest, strongest evidence first:",
                report.adjust.name(),
                short_number(report.alpha)
            ));
        } else {
            lines.push(format!(
                "Largest differences{exploratory}, strongest evidence first ({significant} of {tested} significant):"
            ));
        }
        for (i, f) in ranked.iter().take(TOP).enumerate() {
            lines.push(format!("{}. {}", i + 1, finding_text(c, f, report)));
        }
        let more = ranked
            .iter()
            .skip(TOP)
            .filter(|f| f.row.significant)
            .count();
        if more > 0 {
            lines.push(format!(
                "{more} more significant difference(s) in comparison.csv."
            ));
        }
        if significant == 0 {
            lines.extend(detectable(c, ranked[0].row, report));
        }
    }
    if let Some(tone) = c.rows.iter().find(|r| r.tone && !r.primary) {
        lines.push(format!("Tone: {}.", describe_tone(c, tone, report)));
    }
    let profiles: Vec<String> = c
        .profiles
        .iter()
        .filter_map(|p| p.cosine.map(|x| format!("{} {:.2}", p.lexicon, x)))
        .collect();
    if !profiles.is_empty() {
        lines.push(format!(
            "Frame profiles, cosine similarity (1 = same mix): {}.",
            profiles.join(", ")
        ));
    }
    let dominant: Vec<String> = c
        .profiles
        .iter()
        .filter(|p| p.dominant_a.is_some() || p.dominant_b.is_some())
        .map(|p| {
            format!(
                "{}: {} / {}",
                p.lexicon,
                p.dominant_a.as_deref().unwrap_or("none"),
                p.dominant_b.as_deref().unwrap_or("none")
            )
        })
        .collect();
    if !dominant.is_empty() {
        lines.push(format!("Dominant frames (A / B): {}.", dominant.join("; ")));
    }
    lines
}

/// How the comparisons were made, in one paragraph.
pub fn method(report: &Report) -> String {
    let pairs = match &report.baseline {
        Some(b) => format!("Each side is compared with the baseline `{b}`."),
        None => "Every pair of sides is compared.".into(),
    };
    let focus = if report.focus.is_empty() {
        "No primary hypothesis was named, so every row is exploratory.".to_string()
    } else {
        format!(
            "The primary hypothesis ({}) is one family of its own, tested before the exploratory rows.",
            report.focus.join(", ")
        )
    };
    format!(
        "Designs: **groups** pool every article of each group (outlet) and resample whole articles within each group (a cluster bootstrap, since sentences of one article are not independent); **stories** compare two groups over the stories both reported, one difference per story, resampling stories, with the paired t-test; **articles** compare two articles (or one story's articles of two groups) and resample sentences. {pairs} Rates are affirmed hits per 1,000 tokens. Differences are A − B with {}% percentile bootstrap intervals ({} replicates, seed {}). Counts of pooled sides are tested with Dunning's log-likelihood G² (1 df), tone with Welch's t-test. Within each comparison each lexicon is one family of tests and the tone another; p-values are adjusted within their family ({}). {focus} Each lexicon also has an omnibus test of whether the two sides use its categories in a different mix: G² homogeneity over its categories and the remaining tokens for pooled sides, a sign-flip permutation test of the per-story differences for the stories design; these tests are one family. A difference is significant when its adjusted p is below {} and its interval excludes 0. Where none is, the largest differences are still shown, labelled not significant, with the smallest rate ratio the texts' lengths could detect.",
        short_number(report.confidence * 100.0),
        report.bootstrap,
        report.seed,
        match report.adjust {
            Adjustment::BenjaminiHochberg => "Benjamini–Hochberg false discovery rate",
            Adjustment::Holm => "Holm's family-wise error rate",
            Adjustment::None => "no adjustment",
        },
        short_number(report.alpha)
    ) + if report.schema.has_learned() {
        " Categories of a learned lexicon (scored `logistic`, written by `framescope learn`) are compared on what `articles.csv` holds for them, each article's fitted probability: the mean over articles, tested with Welch's t-test over articles for groups and the paired t-test over stories; each such lexicon is a family of its own, and has no rate ratio, G² or omnibus test, its probabilities not being counts. Two single articles have one probability each and no test."
    } else {
        ""
    }
}

/// `x` for prose: at most six decimals and no trailing zeros, so that a level computed as
/// `1 - 0.95` reads 0.05.
pub fn short_number(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests;
