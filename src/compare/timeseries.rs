//! Frame rates and tone over time: for each group and each week or month, the affirmed hits per
//! 1,000 tokens of every category (the mean fitted probability of its articles for a learned
//! one) and the mean tone of its articles, each with a bootstrap interval that resamples the
//! period's articles; and `timeseries.csv`, which holds them.

use std::path::Path;

use rayon::prelude::*;

use super::bootstrap::interval;
use super::data::{ArticleCounts, Schema};
use super::findings::{group_label, Measure};
use super::options::Options;
use super::rng::{key_of, SplitMix64};
use super::side::rate;
use crate::corpus::date::days_in_month;
use crate::corpus::Date;
use crate::output::layout::TIMESERIES;
use crate::output::number::fixed_opt;
use crate::output::tables::{CsvStyle, DECIMALS};
use crate::output::AtomicFile;

/// How dates are grouped into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Weeks when the dates span at most [`WEEKS_UP_TO_DAYS`] days and a group has, on average,
    /// [`ARTICLES_A_WEEK`] articles a week or more (or when the dates span at most five weeks,
    /// which months would cut into one or two points); months otherwise.
    Auto,
    Week,
    Month,
}

/// Dates spanning more than this many days are grouped by month under [`Period::Auto`]: weeks
/// would make more points than a reader can follow.
pub const WEEKS_UP_TO_DAYS: i64 = 120;
/// Under [`Period::Auto`], weeks need this many articles a week per group on average: fewer
/// would leave most points resting on one article.
pub const ARTICLES_A_WEEK: f64 = 2.0;

/// One period: an ISO week (Monday to Sunday) or a calendar month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// `2024-W18` or `2024-05`.
    pub label: String,
    pub start: Date,
    pub end: Date,
}

/// One group in one period that has articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Indices into [`TimeSeries::groups`] and [`TimeSeries::periods`].
    pub group: usize,
    pub period: usize,
    pub articles: usize,
    pub tokens: u64,
    /// Per category: affirmed hits, and the rate per 1,000 tokens (for a learned category, the
    /// mean fitted probability of the articles that have one) with its interval.
    pub hits: Vec<u64>,
    pub rates: Vec<Option<f64>>,
    pub intervals: Vec<Option<(f64, f64)>>,
    /// The mean tone of its articles, and its interval.
    pub tone: Option<f64>,
    pub tone_interval: Option<(f64, f64)>,
}

/// Frame rates and tone by group and period.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeSeries {
    /// Whether the periods are weeks (else months).
    pub weekly: bool,
    /// Every period from the first date's to the last's, in order, with or without articles.
    pub periods: Vec<Span>,
    /// The groups, in the order they first appear in the input.
    pub groups: Vec<String>,
    /// By group, then period.
    pub cells: Vec<Cell>,
    /// Articles without a date, which are not counted here.
    pub undated: usize,
    pub tone: bool,
}

/// The series of the dated articles among `articles` (given by group, then in input order);
/// `None` when none has a date.
pub fn build(
    articles: &[&ArticleCounts],
    schema: &Schema,
    period: Period,
    options: &Options,
) -> Option<TimeSeries> {
    let dated: Vec<(&ArticleCounts, Date)> = articles
        .iter()
        .filter_map(|a| a.date.map(|d| (*a, d)))
        .collect();
    let first = dated.iter().map(|(_, d)| *d).min()?;
    let last = dated.iter().map(|(_, d)| *d).max()?;
    let span = last.days() - first.days();
    let weekly = match period {
        Period::Week => true,
        Period::Month => false,
        Period::Auto => {
            let weeks = (last.week_start().days() - first.week_start().days()) / 7 + 1;
            let groups = {
                let mut g: Vec<&str> = dated.iter().map(|(a, _)| a.group.as_str()).collect();
                g.sort_unstable();
                g.dedup();
                g.len()
            };
            let a_week = dated.len() as f64 / (weeks as f64 * groups as f64);
            span <= 35 || (span <= WEEKS_UP_TO_DAYS && a_week >= ARTICLES_A_WEEK)
        }
    };
    let periods = spans(first, last, weekly);
    let index = |d: Date| -> usize {
        if weekly {
            ((d.week_start().days() - first.week_start().days()) / 7) as usize
        } else {
            ((d.year - first.year) * 12 + i32::from(d.month) - i32::from(first.month)) as usize
        }
    };
    let mut groups: Vec<String> = Vec::new();
    for (a, _) in &dated {
        if !groups.contains(&a.group) {
            groups.push(a.group.clone());
        }
    }
    let mut members: Vec<((usize, usize), Vec<&ArticleCounts>)> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let mut by_period: Vec<Vec<&ArticleCounts>> = vec![Vec::new(); periods.len()];
        for (a, d) in dated.iter().filter(|(a, _)| a.group == *group) {
            by_period[index(*d)].push(a);
        }
        members.extend(
            by_period
                .into_iter()
                .enumerate()
                .filter(|(_, m)| !m.is_empty())
                .map(|(p, m)| ((g, p), m)),
        );
    }
    let cells = members
        .par_iter()
        .map(|((g, p), m)| cell(*g, *p, m, &groups[*g], &periods[*p].label, schema, options))
        .collect();
    Some(TimeSeries {
        weekly,
        periods,
        groups,
        cells,
        undated: articles.len() - dated.len(),
        tone: schema.tone,
    })
}

/// Every week (from its Monday) or month from the one holding `first` to the one holding `last`.
fn spans(first: Date, last: Date, weekly: bool) -> Vec<Span> {
    let mut out = Vec::new();
    if weekly {
        let mut start = first.week_start();
        while start <= last {
            let (year, week) = start.iso_week();
            let end = Date::from_days(start.days() + 6);
            out.push(Span {
                label: format!("{year}-W{week:02}"),
                start,
                end,
            });
            start = Date::from_days(start.days() + 7);
        }
    } else {
        let (mut year, mut month) = (first.year, first.month);
        while (year, month) <= (last.year, last.month) {
            out.push(Span {
                label: format!("{year:04}-{month:02}"),
                start: Date {
                    year,
                    month,
                    day: 1,
                },
                end: Date {
                    year,
                    month,
                    day: days_in_month(year, month),
                },
            });
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
    }
    out
}

/// One group's articles in one period, with intervals over `options.bootstrap` resamples of its
/// articles (none from a single article, which says nothing about how another would read).
fn cell(
    group: usize,
    period: usize,
    members: &[&ArticleCounts],
    group_name: &str,
    period_label: &str,
    schema: &Schema,
    options: &Options,
) -> Cell {
    let categories = schema.categories.len();
    let mut hits = vec![0u64; categories];
    for a in members {
        for (total, n) in hits.iter_mut().zip(&a.affirmed) {
            *total += n;
        }
    }
    let tokens: u64 = members.iter().map(|a| a.tokens).sum();
    let tones: Vec<f64> = members.iter().filter_map(|a| a.tone).collect();
    let tone =
        (schema.tone && !tones.is_empty()).then(|| tones.iter().sum::<f64>() / tones.len() as f64);
    // A learned category's articles are summarised by their fitted probabilities, not counts.
    let learned: Vec<usize> = (0..categories)
        .filter(|&c| schema.categories[c].learned())
        .collect();
    let mean_probability = |articles: &mut dyn Iterator<Item = &ArticleCounts>, c: usize| {
        let (sum, n) = articles
            .filter_map(|a| a.probability(c))
            .fold((0.0, 0usize), |(s, n), p| (s + p, n + 1));
        (n > 0).then(|| sum / n as f64)
    };
    let mut intervals = vec![None; categories];
    let mut tone_interval = None;
    if members.len() >= 2 && options.bootstrap > 0 {
        // Each article's hits where it has any: most categories have none.
        let sparse: Vec<Vec<(usize, u64)>> = members
            .iter()
            .map(|a| {
                a.affirmed
                    .iter()
                    .enumerate()
                    .filter(|(_, &n)| n > 0)
                    .map(|(c, &n)| (c, n))
                    .collect()
            })
            .collect();
        let key = key_of(&["timeseries", group_name, period_label]);
        let replicates = options.bootstrap as usize;
        let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(replicates); categories + 1];
        let mut counts = vec![0u64; categories];
        let mut drawn = Vec::with_capacity(members.len());
        for r in 0..replicates as u64 {
            let mut rng = SplitMix64::stream(options.seed, key, r);
            counts.iter_mut().for_each(|c| *c = 0);
            drawn.clear();
            let (mut resampled_tokens, mut tone_sum, mut toned) = (0u64, 0.0, 0usize);
            for _ in 0..members.len() {
                let i = rng.below(members.len());
                drawn.push(i);
                resampled_tokens += members[i].tokens;
                for &(c, n) in &sparse[i] {
                    counts[c] += n;
                }
                if let Some(t) = members[i].tone {
                    tone_sum += t;
                    toned += 1;
                }
            }
            for (c, &n) in counts.iter().enumerate() {
                if learned.contains(&c) {
                    continue;
                }
                if let Some(x) = rate(n, resampled_tokens) {
                    draws[c].push(x);
                }
            }
            for &c in &learned {
                if let Some(x) = mean_probability(&mut drawn.iter().map(|&i| members[i]), c) {
                    draws[c].push(x);
                }
            }
            if toned > 0 {
                draws[categories].push(tone_sum / toned as f64);
            }
        }
        let confidence = options.confidence();
        for (c, d) in draws.iter_mut().take(categories).enumerate() {
            intervals[c] = interval(d, confidence);
        }
        if tone.is_some() {
            tone_interval = interval(&mut draws[categories], confidence);
        }
    }
    Cell {
        group,
        period,
        articles: members.len(),
        tokens,
        rates: (0..categories)
            .map(|c| {
                if learned.contains(&c) {
                    mean_probability(&mut members.iter().copied(), c)
                } else {
                    rate(hits[c], tokens)
                }
            })
            .collect(),
        hits,
        intervals,
        tone,
        tone_interval,
    }
}

/// `timeseries.csv`: one row per group, period with articles, and category (`lexicon.category`,
/// then `tone`); `measure` says what `rate` holds: `rate_per_1k`, `mean_probability` (of a
/// learned category's articles) or `mean_tone` (of the period's articles).
pub const COLUMNS: [&str; 12] = [
    "group", "period", "start", "end", "articles", "tokens", "category", "measure", "hits", "rate",
    "ci_low", "ci_high",
];

/// Writes `timeseries.csv` into `dir`.
pub fn write(
    dir: &Path,
    series: &TimeSeries,
    schema: &Schema,
    style: CsvStyle,
) -> std::io::Result<AtomicFile> {
    let numbers = ["articles", "tokens", "hits", "rate", "ci_low", "ci_high"];
    let mut w = style.table(&dir.join(TIMESERIES), &COLUMNS, &numbers)?;
    let decimals = |x: Option<f64>| fixed_opt(x, DECIMALS);
    for c in &series.cells {
        let span = &series.periods[c.period];
        let lead = [
            group_label(&series.groups[c.group]),
            span.label.clone(),
            span.start.to_string(),
            span.end.to_string(),
            c.articles.to_string(),
            c.tokens.to_string(),
        ];
        for (k, category) in schema.categories.iter().enumerate() {
            let (lo, hi) = c.intervals[k].unzip();
            let mut record = lead.to_vec();
            let measure = if category.learned() {
                Measure::MeanProbability
            } else {
                Measure::RatePer1k
            };
            record.extend([
                format!("{}.{}", category.lexicon, category.name),
                measure.name().to_string(),
                c.hits[k].to_string(),
                decimals(c.rates[k]),
                decimals(lo),
                decimals(hi),
            ]);
            w.row(&record)?;
        }
        if series.tone {
            let (lo, hi) = c.tone_interval.unzip();
            let mut record = lead.to_vec();
            record.extend([
                "tone".to_string(),
                Measure::MeanTone.name().to_string(),
                String::new(),
                decimals(c.tone),
                decimals(lo),
                decimals(hi),
            ]);
            w.row(&record)?;
        }
    }
    Ok(w.into_file())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::data::{Category, Lexicon, TENTHS};

    fn article(group: &str, date: &str, tokens: u64, hits: u64, tone: f64) -> ArticleCounts {
        ArticleCounts {
            id: format!("{group}/{date}"),
            group: group.into(),
            story: String::new(),
            date: Some(Date::parse(date).unwrap()),
            tokens,
            sentence_count: 1,
            affirmed: vec![hits],
            scores: vec![hits as f64],
            probabilities: Vec::new(),
            tone: Some(tone),
            sentences: Vec::new(),
            terms: Vec::new(),
            tenths: [f32::NAN; TENTHS],
        }
    }

    fn schema() -> Schema {
        Schema {
            lexicons: vec![Lexicon {
                id: "crisis".into(),
                name: String::new(),
                tone: false,
                categories: 0..1,
            }],
            categories: vec![Category {
                lexicon: "crisis".into(),
                name: "hope".into(),
                intercept: None,
            }],
            tone: true,
        }
    }

    #[test]
    fn weeks_for_short_spans_months_for_long_ones_with_pooled_rates() {
        let a = [
            article("wire", "2024-04-30", 1000, 2, 0.5),
            article("wire", "2024-05-02", 1000, 4, -0.5),
            article("herald", "2024-05-13", 500, 10, 0.2),
            article("wire", "2024-05-14", 2000, 0, 0.1),
        ];
        let refs: Vec<&ArticleCounts> = a.iter().collect();
        let options = Options {
            bootstrap: 200,
            ..Options::default()
        };
        let ts = build(&refs, &schema(), Period::Auto, &options).unwrap();
        assert!(ts.weekly);
        let labels: Vec<&str> = ts.periods.iter().map(|p| p.label.as_str()).collect();
        // Every week from the first to the last, empty ones too.
        assert_eq!(labels, ["2024-W18", "2024-W19", "2024-W20"]);
        assert_eq!(ts.periods[0].start.to_string(), "2024-04-29");
        assert_eq!(ts.periods[0].end.to_string(), "2024-05-05");
        assert_eq!(ts.groups, ["wire", "herald"]);
        let first = &ts.cells[0];
        assert_eq!((first.group, first.period, first.articles), (0, 0, 2));
        // 6 hits in 2,000 tokens: 3 per 1,000; the tone is the mean of the articles' tones.
        assert_eq!(first.rates[0], Some(3.0));
        assert_eq!(first.tone, Some(0.0));
        let (lo, hi) = first.intervals[0].unwrap();
        assert!(lo >= 2.0 && hi <= 4.0 && lo < hi, "{lo} {hi}");
        // One article: no interval.
        let single = ts.cells.iter().find(|c| c.group == 1).unwrap();
        assert_eq!((single.articles, single.intervals[0]), (1, None));
        assert_eq!(single.rates[0], Some(20.0));
        let months = build(&refs, &schema(), Period::Month, &options).unwrap();
        let labels: Vec<&str> = months.periods.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["2024-04", "2024-05"]);
        assert_eq!(months.periods[1].end.to_string(), "2024-05-31");
        let none: Vec<&ArticleCounts> = Vec::new();
        assert!(build(&none, &schema(), Period::Auto, &options).is_none());
    }
}
