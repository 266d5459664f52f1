//! What the descriptive charts show, made from the counts whatever was compared: each group's or
//! each article's rates and tone with its interval, the tone through each article, and the
//! groups in the order they first appear in the input (the order their colours follow). Pure:
//! observations in, a [`Description`] out.

use super::bootstrap::tone_interval;
use super::data::{ArticleCounts, Lexicon, Observations, Schema, TENTHS};
use super::findings::{group_label, Unit};
use super::options::Options;
use super::side::Side;
use super::stats;
use super::timeseries::{self, Period, TimeSeries};

/// One side as charts show it: a group, an article, or every article pooled.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitSummary {
    pub label: String,
    pub group: String,
    pub articles: usize,
    pub tokens: u64,
    /// Per category, per 1,000 tokens.
    pub rates: Vec<Option<f64>>,
    pub tone: Option<f64>,
    pub tone_ci: Option<(f64, f64)>,
}

/// A sentence-by-sentence tone series of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Arc {
    pub label: String,
    pub group: String,
    pub tones: Vec<Option<f64>>,
}

/// The tone through a group's articles, tenth by tenth of their length: for runs whose
/// sentences are not all kept.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupArc {
    pub group: String,
    /// Articles with a tone in at least one tenth.
    pub articles: usize,
    /// Per tenth, when an article has a tone there.
    pub tenths: Vec<Option<Tenth>>,
}

/// The tone of a group's articles in one tenth of their length.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tenth {
    /// The mean over the articles with a tone there.
    pub mean: f64,
    /// Mean ± z standard errors; none from one article.
    pub interval: Option<(f64, f64)>,
    pub articles: usize,
}

/// Everything the descriptive charts need.
#[derive(Debug, Clone)]
pub struct Description {
    pub schema: Schema,
    /// Group names in the order they first appear in the input (the empty name is the articles
    /// without a group).
    pub groups: Vec<String>,
    /// What the sides are: groups when articles have at least two, else articles.
    pub unit: Unit,
    /// Groups in `groups` order; or articles, by group in that order and then in input order;
    /// or, for more articles than sentences are kept for and no groups, all of them as one side
    /// (`pooled`).
    pub sides: Vec<UnitSummary>,
    pub pooled: bool,
    /// Every article scored.
    pub articles: usize,
    /// Tone sentence by sentence of every article, in the order of `sides` for articles, when
    /// sentences were kept and a tone lexicon was used.
    pub arcs: Vec<Arc>,
    /// Per group, when sentences were not kept: the tone tenth by tenth of its articles.
    pub group_arcs: Vec<GroupArc>,
    pub confidence: f64,
    pub bootstrap: u32,
    /// Frame rates and tone by group and period, when articles have dates.
    pub timeseries: Option<TimeSeries>,
    /// Articles with a date.
    pub dated: usize,
    /// The categories of the primary hypothesis (`lexicon.category`, `tone`), shown first.
    pub focus: Vec<String>,
}

/// Describes `obs`; `period` is how dates are grouped, `focus` the categories named first.
pub fn describe(
    obs: &Observations,
    options: &Options,
    period: Period,
    focus: &[String],
) -> Description {
    let schema = &obs.schema;
    let mut groups: Vec<String> = Vec::new();
    for a in &obs.articles {
        if !groups.contains(&a.group) {
            groups.push(a.group.clone());
        }
    }
    let unit = if groups.len() >= 2 {
        Unit::Groups
    } else {
        Unit::Articles
    };
    // Articles by group, in order of first appearance, then in input order.
    let mut ordered: Vec<&ArticleCounts> = Vec::with_capacity(obs.articles.len());
    for g in &groups {
        ordered.extend(obs.articles.iter().filter(|a| a.group == *g));
    }
    let pooled = unit == Unit::Articles && !obs.detail;
    let sides: Vec<UnitSummary> = match unit {
        Unit::Groups => groups
            .iter()
            .map(|g| {
                let members: Vec<&ArticleCounts> =
                    ordered.iter().copied().filter(|a| a.group == *g).collect();
                summarise(&Side::group(g, &members, None, schema), schema, options)
            })
            .collect(),
        Unit::Articles if pooled => {
            let mut side = Side::group("", &ordered, None, schema);
            side.label = format!("all {} articles", ordered.len());
            vec![summarise(&side, schema, options)]
        }
        Unit::Articles => ordered
            .iter()
            .map(|a| summarise(&Side::articles(&a.id, &[a], schema), schema, options))
            .collect(),
    };
    let arcs = if obs.detail && schema.tone {
        ordered
            .iter()
            .map(|a| Arc {
                label: a.id.clone(),
                group: a.group.clone(),
                tones: a.sentences.iter().map(|s| s.tone).collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let group_arcs = if !obs.detail && schema.tone {
        groups
            .iter()
            .map(|g| group_arc(g, &ordered, options.confidence()))
            .collect()
    } else {
        Vec::new()
    };
    let timeseries = timeseries::build(&ordered, schema, period, options);
    Description {
        schema: schema.clone(),
        groups,
        unit,
        sides,
        pooled,
        articles: obs.articles.len(),
        arcs,
        group_arcs,
        confidence: options.confidence(),
        bootstrap: options.bootstrap,
        dated: obs.articles.iter().filter(|a| a.date.is_some()).count(),
        timeseries,
        focus: focus.to_vec(),
    }
}

impl Description {
    /// The lexicons whose categories charts draw as rates: every one but those written by
    /// `framescope learn`, whose fitted probabilities are on a scale of their own (comparisons
    /// compare them).
    pub fn rate_lexicons(&self) -> impl Iterator<Item = &Lexicon> {
        self.schema
            .lexicons
            .iter()
            .filter(|l| !self.schema.is_learned(l))
    }

    /// The categories charts draw as rates.
    pub fn rate_categories(&self) -> usize {
        self.rate_lexicons().map(|l| l.categories.len()).sum()
    }

    /// What a chart of rates says when it leaves learned lexicons out; `None` without one.
    pub fn learned_left_out(&self) -> Option<String> {
        let learned: Vec<&str> = self
            .schema
            .lexicons
            .iter()
            .filter(|l| self.schema.is_learned(l))
            .map(|l| l.id.as_str())
            .collect();
        (!learned.is_empty()).then(|| {
            format!(
                "Not shown: learned lexicon{} {} (fitted probabilities, not rates; comparison.csv compares their means)",
                if learned.len() == 1 { "" } else { "s" },
                learned.join(", ")
            )
        })
    }

    /// How a group is named on charts.
    pub fn group_label(&self, group: &str) -> String {
        group_label(group)
    }
}

/// A side as charts show it: its rates, and its tone with a bootstrap interval.
fn summarise(side: &Side, schema: &Schema, options: &Options) -> UnitSummary {
    let tone = if schema.tone { side.tone() } else { None };
    let tone_ci = if schema.tone && options.bootstrap > 0 && tone.is_some() {
        tone_interval(side, options)
    } else {
        None
    };
    UnitSummary {
        label: side.label.clone(),
        group: side.group.clone(),
        articles: side.articles,
        tokens: side.tokens,
        // A learned category's rate of matches is not what it measures: charts leave it out.
        rates: (0..schema.categories.len())
            .map(|c| match schema.categories[c].learned() {
                true => None,
                false => side.rate(c),
            })
            .collect(),
        tone,
        tone_ci,
    }
}

/// The tone through the articles of `group`, tenth by tenth.
fn group_arc(group: &str, articles: &[&ArticleCounts], confidence: f64) -> GroupArc {
    let members: Vec<&&ArticleCounts> = articles.iter().filter(|a| a.group == group).collect();
    let z = stats::normal_quantile(1.0 - (1.0 - confidence) / 2.0);
    let tenths = (0..TENTHS)
        .map(|k| {
            let tones: Vec<f64> = members
                .iter()
                .map(|a| f64::from(a.tenths[k]))
                .filter(|t| t.is_finite())
                .collect();
            let n = tones.len();
            if n == 0 {
                return None;
            }
            let mean = tones.iter().sum::<f64>() / n as f64;
            let interval = (n >= 2).then(|| {
                let var = tones.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
                let half = z * (var / n as f64).sqrt();
                (mean - half, mean + half)
            });
            Some(Tenth {
                mean,
                interval,
                articles: n,
            })
        })
        .collect();
    GroupArc {
        group: group.to_string(),
        articles: members
            .iter()
            .filter(|a| a.tenths.iter().any(|t| t.is_finite()))
            .count(),
        tenths,
    }
}
