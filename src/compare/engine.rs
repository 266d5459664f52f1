//! The comparison run: chooses what to compare ([`plan`](super::plan)), builds the sides,
//! resamples them once (`bootstrap`), compares each pooled pair (`pair`) and each pair of groups
//! over their shared stories (`paired`), adjusts each family of tests (`families`) and
//! summarises each side for charts. Pure: observations in, a [`Report`] out.

use super::bootstrap::{tone_interval, Replicates};
use super::data::{ArticleCounts, Observations, Schema};
use super::families::adjust_comparison;
use super::findings::{Arc, Comparison, Design, Note, Report, UnitSummary};
use super::options::Options;
use super::pair::compare_pair;
use super::paired::compare_stories;
use super::plan::{plan, resolve_focus, CompareError, Member, Population, SideSpec};
use super::side::Side;

/// Tone arcs are drawn for at most this many articles.
pub const ARC_LIMIT: usize = 36;

/// Runs every comparison the options ask for.
pub fn run(obs: &Observations, options: &Options) -> Result<Report, CompareError> {
    let schema = &obs.schema;
    let categories = schema.categories.len();
    let focus = resolve_focus(
        &options.focus,
        &schema
            .categories
            .iter()
            .map(|c| (c.lexicon.clone(), c.name.clone()))
            .collect::<Vec<_>>(),
        schema.tone,
    )?;
    let population = Population {
        articles: obs
            .articles
            .iter()
            .map(|a| Member {
                id: &a.id,
                group: &a.group,
                story: &a.story,
            })
            .collect(),
        detail: obs.detail,
    };
    let plan = plan(&population, options)?;
    let mut notes = plan.notes;
    let sides: Vec<Side> = plan
        .sides
        .iter()
        .map(|spec| match spec {
            SideSpec::Group(name) => {
                let members: Vec<&ArticleCounts> =
                    obs.articles.iter().filter(|a| a.group == *name).collect();
                Side::group(name, &members, obs.group_terms.get(name), categories)
            }
            SideSpec::Articles { label, members } => {
                let members: Vec<&ArticleCounts> =
                    members.iter().map(|&i| &obs.articles[i]).collect();
                Side::articles(label, &members, categories)
            }
        })
        .collect();
    let keyness_for = |side: &Side| obs.terms_complete && (side.is_group || obs.detail);
    if !obs.terms_complete && !plan.comparisons.is_empty() {
        notes.push(match obs.matches_missing {
            true => Note::MatchesMissing,
            false => Note::KeynessIncomplete,
        });
    }
    let pooled: Vec<(usize, usize)> = plan
        .comparisons
        .iter()
        .filter(|c| c.design != Design::Stories)
        .map(|c| (c.a, c.b))
        .collect();
    let replicates = Replicates::for_pairs(&sides, &pooled, categories, options);
    let comparisons: Vec<Comparison> = plan
        .comparisons
        .iter()
        .map(|planned| {
            let (a, b) = (&sides[planned.a], &sides[planned.b]);
            let mut comparison = if planned.design == Design::Stories {
                compare_stories(
                    planned,
                    (&a.label, &b.label),
                    obs,
                    options,
                    obs.terms_complete && obs.detail,
                )
            } else {
                let (ra, rb) = (replicates.of(planned.a), replicates.of(planned.b));
                compare_pair(
                    planned,
                    (a, b),
                    (&ra, &rb),
                    obs,
                    options,
                    keyness_for(a) && keyness_for(b),
                )
            };
            adjust_comparison(&mut comparison, &focus, options);
            comparison
        })
        .collect();
    // The charts of sides show the plan's unit: the groups, or the articles.
    let units = sides
        .iter()
        .filter(|s| {
            plan.unit
                .is_some_and(|u| s.is_group == (u == super::findings::Unit::Groups))
        })
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
        confidence: options.confidence(),
        alpha: options.alpha,
        adjust: options.adjust,
        focus,
        keyness: obs.terms_complete,
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
