//! The comparison run: chooses what to compare ([`plan`](super::plan)), builds the sides,
//! resamples them once (`bootstrap`), compares each pair (`pair`) and summarises each side for
//! charts. Pure: observations in, a [`Report`] out.

use std::collections::BTreeMap;

use super::bootstrap::{tone_interval, Replicates};
use super::data::{ArticleCounts, Observations, Schema};
use super::findings::{Arc, Comparison, Note, Report, Unit, UnitSummary};
use super::options::Options;
use super::pair::compare_pair;
use super::plan::{plan, CompareError, Population};
use super::side::Side;

/// Tone arcs are drawn for at most this many articles.
pub const ARC_LIMIT: usize = 36;

/// Runs every comparison the options ask for.
pub fn run(obs: &Observations, options: &Options) -> Result<Report, CompareError> {
    let schema = &obs.schema;
    let categories = schema.categories.len();
    let mut groups: BTreeMap<&str, Vec<&ArticleCounts>> = BTreeMap::new();
    for a in &obs.articles {
        groups.entry(a.group.as_str()).or_default().push(a);
    }
    let population = Population {
        articles: obs.articles.iter().map(|a| a.id.as_str()).collect(),
        groups: groups.keys().copied().collect(),
        detail: obs.detail,
    };
    let plan = plan(&population, options)?;
    let mut notes = plan.notes;
    let sides: Vec<Side> = match plan.unit {
        None => Vec::new(),
        Some(Unit::Articles) => obs
            .articles
            .iter()
            .map(|a| Side::article(a, categories))
            .collect(),
        Some(Unit::Groups) => groups
            .iter()
            .map(|(name, members)| {
                Side::group(name, members, obs.group_terms.get(*name), categories)
            })
            .collect(),
    };
    let keyness = obs.terms_complete && (plan.unit == Some(Unit::Groups) || obs.detail);
    if !obs.terms_complete && !plan.pairs.is_empty() {
        notes.push(Note::KeynessIncomplete);
    }
    let replicates = Replicates::for_pairs(&sides, &plan.pairs, categories, options);
    let comparisons: Vec<Comparison> = plan
        .pairs
        .iter()
        .map(|&(a, b)| {
            let (ra, rb) = (replicates.of(a), replicates.of(b));
            compare_pair(&sides[a], &sides[b], (&ra, &rb), obs, options, keyness)
        })
        .collect();
    let units = sides
        .iter()
        .map(|s| summarise(s, schema, options))
        .collect();
    let arcs = if obs.detail && schema.tone {
        obs.articles
            .iter()
            .take(ARC_LIMIT)
            .map(|a| Arc {
                label: a.id.clone(),
                group: a.group.clone(),
                tones: a.sentences.iter().map(|s| s.tone).collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    if obs.detail && schema.tone && obs.articles.len() > ARC_LIMIT {
        notes.push(Note::ArcsLimited {
            shown: ARC_LIMIT,
            articles: obs.articles.len(),
        });
    }
    Ok(Report {
        schema: schema.clone(),
        unit: plan.unit,
        units,
        comparisons,
        arcs,
        baseline: options.baseline.clone(),
        bootstrap: options.bootstrap,
        seed: options.seed,
        confidence: options.confidence,
        keyness,
        notes,
    })
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
        rates: (0..schema.categories.len()).map(|c| side.rate(c)).collect(),
        tone,
        tone_ci,
    }
}
