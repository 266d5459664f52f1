//! The choice of what to compare, case by case: each pairs mode, baselines, one group, too many
//! sides, groups asked for and articles without groups.

use super::*;

fn population<'a>(articles: &[&'a str], groups: &[&'a str], detail: bool) -> Population<'a> {
    Population {
        articles: articles.to_vec(),
        groups: groups.to_vec(),
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

/// `n` article ids, `a00`, `a01`, ...
fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("a{i:02}")).collect()
}

fn every_pair(n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .collect()
}

#[test]
fn none_compares_nothing_and_says_so() {
    let plan = plan(
        &population(&["a", "b"], &["x", "y"], true),
        &options(PairsMode::None),
    )
    .unwrap();
    assert_eq!(
        plan,
        Plan {
            unit: None,
            pairs: Vec::new(),
            notes: vec![Note::NotAsked],
        }
    );
}

#[test]
fn articles_compares_every_pair_of_articles_when_sentences_are_kept() {
    let plan = plan(
        &population(&["a", "b", "c"], &["x"], true),
        &options(PairsMode::Articles),
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Articles));
    assert_eq!(plan.pairs, [(0, 1), (0, 2), (1, 2)]);
    assert!(plan.notes.is_empty());
}

#[test]
fn articles_without_their_sentences_cannot_be_compared() {
    let err = plan(
        &population(&["a", "b"], &["x"], false),
        &options(PairsMode::Articles),
    )
    .unwrap_err();
    assert_eq!(
        err,
        CompareError::TooManyArticles {
            limit: DETAIL_LIMIT
        }
    );
}

#[test]
fn groups_compares_every_pair_of_groups_and_needs_two() {
    let plan = plan(
        &population(&["a", "b", "c"], &["x", "y", "z"], true),
        &options(PairsMode::Groups),
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Groups));
    assert_eq!(plan.pairs, every_pair(3));

    let err = plan_err(&population(&["a", "b"], &["x"], true), PairsMode::Groups);
    assert_eq!(err, CompareError::TooFewGroups(1));
}

fn plan_err(population: &Population, pairs: PairsMode) -> CompareError {
    plan(population, &options(pairs)).unwrap_err()
}

#[test]
fn too_many_sides_for_every_pair_fail_when_asked_for_and_are_noted_in_auto() {
    let three_groups = population(&["a", "b", "c"], &["x", "y", "z"], true);
    let at_most_two = |pairs| Options {
        max_units: 2,
        grouped: true,
        ..options(pairs)
    };
    assert_eq!(
        plan(&three_groups, &at_most_two(PairsMode::Groups)).unwrap_err(),
        CompareError::TooManyPairs {
            count: 3,
            unit: Unit::Groups,
            pairs: 3,
            max: 2,
        }
    );
    assert_eq!(
        plan(&three_groups, &at_most_two(PairsMode::Auto)).unwrap(),
        Plan {
            unit: Some(Unit::Groups),
            pairs: Vec::new(),
            notes: vec![Note::TooManyPairs {
                count: 3,
                unit: Unit::Groups,
                pairs: 3,
                max_units: 2,
            }],
        }
    );
    let ids = ids(12);
    let articles: Vec<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(
        plan_err(&population(&articles, &[""], true), PairsMode::Articles),
        CompareError::TooManyPairs {
            count: 12,
            unit: Unit::Articles,
            pairs: 66,
            max: 10,
        }
    );
}

#[test]
fn auto_compares_few_articles_pairwise() {
    let plan = plan(
        &population(&["a", "b", "c"], &["x", "y"], true),
        &options(PairsMode::Auto),
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Articles));
    assert_eq!(plan.pairs, every_pair(3));
    assert!(plan.notes.is_empty());
}

#[test]
fn auto_compares_groups_when_grouped_on_purpose() {
    let grouped = Options {
        grouped: true,
        ..options(PairsMode::Auto)
    };
    let plan_of = |groups: &[&str]| plan(&population(&["a", "b", "c"], groups, true), &grouped);
    let two = plan_of(&["x", "y"]).unwrap();
    assert_eq!(two.unit, Some(Unit::Groups));
    assert_eq!(two.pairs, [(0, 1)]);
    // One group is nothing to compare groups with: its articles are compared instead.
    let one = plan_of(&["x"]).unwrap();
    assert_eq!(one.unit, Some(Unit::Articles));
    assert_eq!(one.pairs, every_pair(3));
}

#[test]
fn auto_compares_the_groups_of_many_articles() {
    let ids = ids(14);
    let articles: Vec<&str> = ids.iter().map(String::as_str).collect();
    let plan = plan(
        &population(&articles, &["north", "south"], true),
        &options(PairsMode::Auto),
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Groups));
    assert_eq!(plan.pairs, [(0, 1)]);
    assert_eq!(
        plan.notes,
        [Note::GroupsInstead {
            articles: 14,
            max_units: 10,
            groups: 2,
        }]
    );
}

#[test]
fn auto_compares_groups_when_sentences_are_not_kept() {
    let plan = plan(
        &population(&["a", "b", "c"], &["x", "y"], false),
        &options(PairsMode::Auto),
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Groups));
    // Few articles: nothing to note.
    assert!(plan.notes.is_empty());
}

#[test]
fn auto_says_why_nothing_is_compared() {
    let one = plan(&population(&["a"], &["x"], true), &options(PairsMode::Auto)).unwrap();
    assert_eq!((one.unit, one.notes), (None, vec![Note::OneArticle]));
    assert!(one.pairs.is_empty());

    let ids = ids(12);
    let articles: Vec<&str> = ids.iter().map(String::as_str).collect();
    let many = plan(
        &population(&articles, &["x"], true),
        &options(PairsMode::Auto),
    )
    .unwrap();
    assert_eq!(
        (many.unit, many.notes),
        (
            None,
            vec![Note::OneGroupTooMany {
                articles: 12,
                max_units: 10,
            }]
        )
    );
}

#[test]
fn articles_without_groups_form_one_group_named_none() {
    let ungrouped = population(&["a", "b"], &[""], true);
    let plan = plan(&ungrouped, &options(PairsMode::Auto)).unwrap();
    assert_eq!(plan.unit, Some(Unit::Articles));
    assert_eq!(plan.pairs, [(0, 1)]);
    assert_eq!(
        plan_err(&ungrouped, PairsMode::Groups),
        CompareError::TooFewGroups(1)
    );
    // The group is known by its label.
    let against_none = super::plan(&ungrouped, &with_baseline(PairsMode::Auto, "(none)"));
    assert_eq!(against_none.unwrap().unit, Some(Unit::Articles));
}

#[test]
fn a_baseline_article_is_compared_with_every_other_article() {
    let ids = ids(14);
    let articles: Vec<&str> = ids.iter().map(String::as_str).collect();
    let plan = plan(
        &population(&articles, &["north", "south"], true),
        &with_baseline(PairsMode::Auto, "a03"),
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Articles));
    assert_eq!(plan.pairs.len(), 13);
    assert!(plan
        .pairs
        .iter()
        .all(|&(side, base)| base == 3 && side != 3));
    assert_eq!(plan.pairs[..3], [(0, 3), (1, 3), (2, 3)]);
    assert!(plan.notes.is_empty());
}

#[test]
fn a_baseline_group_is_compared_with_every_other_group() {
    let plan = plan(
        &population(&["a", "b", "c"], &["x", "y", "z"], true),
        &with_baseline(PairsMode::Auto, "y"),
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Groups));
    assert_eq!(plan.pairs, [(0, 1), (2, 1)]);
}

#[test]
fn a_baseline_article_without_sentences_leaves_the_groups_without_a_baseline() {
    let plan = plan(
        &population(&["a", "b", "c"], &["x", "y"], false),
        &with_baseline(PairsMode::Auto, "b"),
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Groups));
    assert!(plan.pairs.is_empty());
    assert_eq!(
        plan.notes,
        [
            Note::SentencesNotKept {
                articles: 3,
                limit: DETAIL_LIMIT,
            },
            Note::BaselineNotCompared {
                id: "b".into(),
                unit: Unit::Groups,
            },
        ]
    );
}

#[test]
fn an_unknown_baseline_names_some_that_exist() {
    let ids = ids(7);
    let articles: Vec<&str> = ids.iter().map(String::as_str).collect();
    let err = plan(
        &population(&articles, &["", "b", "a"], true),
        &with_baseline(PairsMode::Auto, "nope"),
    )
    .unwrap_err();
    assert_eq!(
        err,
        CompareError::UnknownBaseline {
            id: "nope".into(),
            articles: ids[..5].to_vec(),
            groups: vec!["(none)".into(), "a".into(), "b".into()],
        }
    );
    assert_eq!(
        err.to_string(),
        "the baseline `nope` is neither an article nor a group of this run; some that exist: `a00`, `a01`, `a02`, `a03`, `a04`, group `(none)`, group `a`, group `b`"
    );
}

#[test]
fn a_baseline_must_be_of_the_unit_asked_for() {
    let run = population(&["a", "b"], &["x", "y"], true);
    assert!(matches!(
        plan(&run, &with_baseline(PairsMode::Groups, "a")),
        Err(CompareError::UnknownBaseline { .. })
    ));
    assert!(matches!(
        plan(&run, &with_baseline(PairsMode::Articles, "x")),
        Err(CompareError::UnknownBaseline { .. })
    ));
    let groups = plan(&run, &with_baseline(PairsMode::Groups, "x")).unwrap();
    assert_eq!(
        (groups.unit, groups.pairs),
        (Some(Unit::Groups), vec![(1, 0)])
    );
}

#[test]
fn an_id_of_an_article_and_a_group_is_taken_as_the_article() {
    let plan = plan(
        &population(&["x", "b", "c"], &["x", "y"], true),
        &Options {
            grouped: true,
            ..with_baseline(PairsMode::Auto, "x")
        },
    )
    .unwrap();
    assert_eq!(plan.unit, Some(Unit::Articles));
    assert_eq!(plan.pairs, [(1, 0), (2, 0)]);
}

#[test]
fn errors_and_notes_name_no_command_line_option() {
    let errors = [
        CompareError::TooManyArticles { limit: 200 },
        CompareError::TooManyPairs {
            count: 3,
            unit: Unit::Groups,
            pairs: 3,
            max: 2,
        },
        CompareError::TooFewGroups(1),
    ];
    let notes = [
        Note::NotAsked,
        Note::SentencesNotKept {
            articles: 300,
            limit: 200,
        },
        Note::GroupsInstead {
            articles: 14,
            max_units: 10,
            groups: 2,
        },
        Note::OneArticle,
        Note::OneGroupTooMany {
            articles: 12,
            max_units: 10,
        },
        Note::BaselineNotCompared {
            id: "b".into(),
            unit: Unit::Groups,
        },
        Note::TooManyPairs {
            count: 12,
            unit: Unit::Articles,
            pairs: 66,
            max_units: 10,
        },
        Note::KeynessIncomplete,
        Note::ArcsLimited {
            shown: 36,
            articles: 40,
        },
    ];
    let texts = errors
        .iter()
        .map(ToString::to_string)
        .chain(notes.iter().map(ToString::to_string));
    for text in texts {
        assert!(!text.contains("--"), "{text}");
    }
}
