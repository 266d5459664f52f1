//! The choice of what to compare, input shape by input shape: articles without groups, groups
//! with and without shared stories, each pairs mode, baselines, too many sides, and the focus.

use super::*;

/// Articles as (id, group, story).
fn population<'a>(articles: &[(&'a str, &'a str, &'a str)], detail: bool) -> Population<'a> {
    Population {
        articles: articles
            .iter()
            .map(|&(id, group, story)| Member { id, group, story })
            .collect(),
        detail,
    }
}

fn options(pairs: PairsMode) -> Options {
    Options {
        pairs,
        ..Options::default()
    }
}

fn with_baseline(pairs: PairsMode, baseline: &str) -> Options {
    Options {
        baseline: Some(baseline.into()),
        ..options(pairs)
    }
}

/// The plan's comparisons as (design, side a, side b, story, stories paired).
fn shape(plan: &Plan) -> Vec<(Design, String, String, Option<String>, usize)> {
    let label = |i: usize| match &plan.sides[i] {
        SideSpec::Group(g) => group_label(g),
        SideSpec::Articles { label, .. } => label.clone(),
    };
    plan.comparisons
        .iter()
        .map(|c| {
            (
                c.design,
                label(c.a),
                label(c.b),
                c.story.clone(),
                c.stories.len(),
            )
        })
        .collect()
}

/// Two outlets on three stories, as the shipped examples are.
const EXAMPLES: [(&str, &str, &str); 6] = [
    ("wire/ceasefire", "wire", "ceasefire"),
    ("wire/factory", "wire", "factory"),
    ("wire/visit", "wire", "visit"),
    ("herald/ceasefire", "herald", "ceasefire"),
    ("herald/factory", "herald", "factory"),
    ("herald/visit", "herald", "visit"),
];

#[test]
fn groups_come_first_then_their_shared_stories_then_each_story() {
    let plan = plan(&population(&EXAMPLES, true), &options(PairsMode::Auto)).unwrap();
    assert_eq!(plan.unit, Some(Unit::Groups));
    let g = |d, story: Option<&str>, a: &str, b: &str, n| {
        (d, a.to_string(), b.to_string(), story.map(String::from), n)
    };
    assert_eq!(
        shape(&plan),
        [
            g(Design::Groups, None, "herald", "wire", 0),
            g(Design::Stories, None, "herald", "wire", 3),
            g(
                Design::Articles,
                Some("ceasefire"),
                "herald/ceasefire",
                "wire/ceasefire",
                0
            ),
            g(
                Design::Articles,
                Some("factory"),
                "herald/factory",
                "wire/factory",
                0
            ),
            g(
                Design::Articles,
                Some("visit"),
                "herald/visit",
                "wire/visit",
                0
            ),
        ]
    );
    assert!(plan.notes.is_empty());
}

#[test]
fn groups_are_compared_whatever_the_number_of_rows() {
    // Forty articles of two outlets with no stories: groups, not 780 article pairs.
    let ids: Vec<String> = (0..40).map(|i| format!("r{i}")).collect();
    let rows: Vec<(&str, &str, &str)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), if i % 2 == 0 { "a" } else { "b" }, ""))
        .collect();
    let plan = plan(&population(&rows, true), &options(PairsMode::Auto)).unwrap();
    assert_eq!(
        shape(&plan),
        [(Design::Groups, "a".into(), "b".into(), None, 0)]
    );
    // Six rows of the same shape: still groups.
    let plan = super::plan(&population(&rows[..6], true), &options(PairsMode::Auto)).unwrap();
    assert_eq!(shape(&plan).len(), 1);
    assert_eq!(plan.unit, Some(Unit::Groups));
}

#[test]
fn one_shared_story_is_compared_as_articles_only() {
    let rows = [
        ("a/x", "a", "x"),
        ("a/y", "a", "y"),
        ("b/x", "b", "x"),
        ("b/z", "b", "z"),
    ];
    let plan = plan(&population(&rows, true), &options(PairsMode::Auto)).unwrap();
    let designs: Vec<Design> = shape(&plan).into_iter().map(|s| s.0).collect();
    assert_eq!(designs, [Design::Groups, Design::Articles]);
}

#[test]
fn several_articles_of_one_outlet_on_a_story_are_pooled() {
    let rows = [
        ("a1", "a", "x"),
        ("a2", "a", "x"),
        ("b1", "b", "x"),
        ("a3", "a", "y"),
        ("b2", "b", "y"),
    ];
    let plan = plan(&population(&rows, true), &options(PairsMode::Auto)).unwrap();
    let stories = &plan.comparisons[1];
    assert_eq!(stories.design, Design::Stories);
    assert_eq!(stories.stories[0].a, [0, 1]);
    assert_eq!(stories.stories[0].b, [2]);
    assert!(shape(&plan)[2].1.starts_with("a: x (2 articles)"));
}

#[test]
fn without_sentences_no_article_comparison_is_planned() {
    let plan = plan(&population(&EXAMPLES, false), &options(PairsMode::Auto)).unwrap();
    let designs: Vec<Design> = shape(&plan).into_iter().map(|s| s.0).collect();
    assert_eq!(designs, [Design::Groups, Design::Stories]);
}

#[test]
fn same_story_article_pairs_stop_at_max_units_and_say_so() {
    let options = Options {
        max_units: 2,
        ..options(PairsMode::Auto)
    };
    let plan = plan(&population(&EXAMPLES, true), &options).unwrap();
    assert_eq!(shape(&plan).len(), 4);
    assert_eq!(plan.notes, [Note::StoryPairsLimited { shown: 2, total: 3 }]);
}

#[test]
fn without_groups_articles_are_compared_pair_by_pair() {
    let rows = [("a", "", ""), ("b", "", ""), ("c", "", "")];
    let plan = plan(&population(&rows, true), &options(PairsMode::Auto)).unwrap();
    assert_eq!(plan.unit, Some(Unit::Articles));
    let pairs: Vec<(String, String)> = shape(&plan).into_iter().map(|s| (s.1, s.2)).collect();
    let p = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(pairs, [p("a", "b"), p("a", "c"), p("b", "c")]);
    assert!(shape(&plan).iter().all(|s| s.0 == Design::Articles));
}

#[test]
fn articles_can_be_asked_for_when_there_are_groups() {
    let plan = plan(&population(&EXAMPLES, true), &options(PairsMode::Articles)).unwrap();
    assert_eq!(plan.unit, Some(Unit::Articles));
    assert_eq!(plan.comparisons.len(), 15);
    assert!(plan
        .comparisons
        .iter()
        .all(|c| c.design == Design::Articles));
}

#[test]
fn too_many_articles_without_groups_are_not_paired() {
    let ids: Vec<String> = (0..11).map(|i| format!("a{i}")).collect();
    let rows: Vec<(&str, &str, &str)> = ids.iter().map(|id| (id.as_str(), "", "")).collect();
    let plan = plan(&population(&rows, true), &options(PairsMode::Auto)).unwrap();
    assert!(plan.comparisons.is_empty());
    assert_eq!(
        plan.notes,
        [Note::OneGroupTooMany {
            articles: 11,
            max_units: 10
        }]
    );
    assert_eq!(
        super::plan(&population(&rows, true), &options(PairsMode::Articles)),
        Err(CompareError::TooManyPairs {
            count: 11,
            unit: Unit::Articles,
            pairs: 55,
            max: 10
        })
    );
}

#[test]
fn article_pairs_need_sentences() {
    let rows = [("a", "", ""), ("b", "", "")];
    assert_eq!(
        plan(&population(&rows, false), &options(PairsMode::Articles)),
        Err(CompareError::TooManyArticles {
            limit: DETAIL_LIMIT
        })
    );
    let plan = plan(&population(&rows, false), &options(PairsMode::Auto)).unwrap();
    assert_eq!(
        plan.notes,
        [Note::SentencesNotKept {
            articles: 2,
            limit: DETAIL_LIMIT
        }]
    );
}

#[test]
fn groups_asked_for_need_two() {
    let rows = [("a", "x", ""), ("b", "x", "")];
    assert_eq!(
        plan(&population(&rows, true), &options(PairsMode::Groups)),
        Err(CompareError::TooFewGroups(1))
    );
}

#[test]
fn too_many_groups_are_noted_in_auto_and_refused_when_asked_for() {
    let names: Vec<String> = (0..12).map(|i| format!("g{i:02}")).collect();
    let rows: Vec<(&str, &str, &str)> =
        names.iter().map(|n| (n.as_str(), n.as_str(), "")).collect();
    let plan = plan(&population(&rows, true), &options(PairsMode::Auto)).unwrap();
    assert!(plan.comparisons.is_empty());
    assert_eq!(
        plan.notes,
        [Note::TooManyPairs {
            count: 12,
            unit: Unit::Groups,
            pairs: 66,
            max_units: 10
        }]
    );
    assert!(matches!(
        super::plan(&population(&rows, true), &options(PairsMode::Groups)),
        Err(CompareError::TooManyPairs { count: 12, .. })
    ));
}

#[test]
fn a_baseline_group_is_compared_with_every_other_and_their_stories() {
    let mut rows = EXAMPLES.to_vec();
    rows.push(("third/visit", "third", "visit"));
    rows.push(("third/factory", "third", "factory"));
    let plan = plan(
        &population(&rows, true),
        &with_baseline(PairsMode::Auto, "wire"),
    )
    .unwrap();
    let shape = shape(&plan);
    assert_eq!(
        shape[0],
        (Design::Baseline, "herald".into(), "wire".into(), None, 0)
    );
    assert_eq!(
        shape[1],
        (Design::Stories, "herald".into(), "wire".into(), None, 3)
    );
    assert_eq!(
        shape[2],
        (Design::Baseline, "third".into(), "wire".into(), None, 0)
    );
    assert_eq!(
        shape[3],
        (Design::Stories, "third".into(), "wire".into(), None, 2)
    );
    assert!(shape[4..]
        .iter()
        .all(|s| s.0 == Design::Articles && s.2.starts_with("wire/")));
}

#[test]
fn a_baseline_article_compares_articles() {
    let plan = plan(
        &population(&EXAMPLES, true),
        &with_baseline(PairsMode::Auto, "wire/visit"),
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Articles));
    assert_eq!(plan.comparisons.len(), 5);
    assert!(shape(&plan)
        .iter()
        .all(|s| s.0 == Design::Baseline && s.2 == "wire/visit"));
}

#[test]
fn an_unknown_baseline_lists_what_exists() {
    let err = plan(
        &population(&EXAMPLES, true),
        &with_baseline(PairsMode::Auto, "nope"),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("`nope`"), "{text}");
    assert!(
        text.contains("`wire/ceasefire`") && text.contains("group `herald`"),
        "{text}"
    );
}

#[test]
fn none_compares_nothing_and_says_so() {
    let plan = plan(&population(&EXAMPLES, true), &options(PairsMode::None)).unwrap();
    assert!(plan.comparisons.is_empty());
    assert_eq!(plan.notes, [Note::NotAsked]);
}

#[test]
fn focus_names_resolve_to_row_keys() {
    let categories = [
        ("crisis".to_string(), "hope".to_string()),
        ("generic".to_string(), "economic".to_string()),
        ("policy".to_string(), "economic".to_string()),
    ];
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        resolve_focus(&names(&["hope", "crisis.hope", "tone"]), &categories, true).unwrap(),
        ["crisis.hope", "tone"]
    );
    assert_eq!(
        resolve_focus(&names(&["economic"]), &categories, true),
        Err(CompareError::AmbiguousFocus {
            name: "economic".into(),
            lexicons: vec!["generic".into(), "policy".into()]
        })
    );
    assert!(matches!(
        resolve_focus(&names(&["despair"]), &categories, true),
        Err(CompareError::UnknownFocus { .. })
    ));
    assert!(resolve_focus(&names(&["tone"]), &categories, false).is_err());
}
