//! The comparison run: chooses what to compare ([`plan`](super::plan)), builds the sides,
//! resamples them once (`bootstrap`), compares each pooled pair (`pair`) and each pair of groups
//! over their shared stories (`paired`), adjusts each family of tests (`families`) and
//! summarises each side for charts. Pure: observations in, a [`Report`] out.

use super::bootstrap::Replicates;
use super::data::{ArticleCounts, Observations};
use super::families::adjust_comparison;
use super::findings::{Comparison, Design, Members, Note, Report};
use super::options::Options;
use super::pair::compare_pair;
use super::paired::compare_stories;
use super::plan::{plan, resolve_focus, CompareError, Member, Population, SideSpec};
use super::side::Side;

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
    if let Some(voice) = obs.voice {
        notes.insert(0, Note::Voice(voice));
    }
    let sides: Vec<Side> = plan
        .sides
        .iter()
        .map(|spec| match spec {
            SideSpec::Group(name) => {
                let members: Vec<&ArticleCounts> =
                    obs.articles.iter().filter(|a| a.group == *name).collect();
                Side::group(name, &members, obs.group_terms.get(name), schema)
            }
            SideSpec::Articles { label, members } => {
                let members: Vec<&ArticleCounts> =
                    members.iter().map(|&i| &obs.articles[i]).collect();
                Side::articles(label, &members, schema)
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
            comparison.members = (
                members(&plan.sides[planned.a], obs),
                members(&plan.sides[planned.b], obs),
            );
            comparison
        })
        .collect();
    Ok(Report {
        schema: schema.clone(),
        unit: plan.unit,
        comparisons,
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

/// The articles of a side of the plan.
fn members(side: &SideSpec, obs: &Observations) -> Members {
    match side {
        SideSpec::Group(name) => Members {
            group: name.clone(),
            articles: None,
        },
        SideSpec::Articles { members, .. } => Members {
            group: members
                .first()
                .map_or_else(String::new, |&i| obs.articles[i].group.clone()),
            articles: Some(
                members
                    .iter()
                    .map(|&i| obs.articles[i].id.clone())
                    .collect(),
            ),
        },
    }
}
