#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code")]
//! The exact vote arithmetic against brute-force enumeration of every tally, for electorates of up to 12.
//!
//! Rules are drawn from realistic shapes (shares of members, participants or votes cast with fractions `p/q`,
//! `q <= 12`; counts; `yes > no`; vetoes `no == 0`; quorums with and without abstentions; one to three conditions)
//! and from arbitrary linear forms with small coefficients.

use charterc::analysis::arithmetic::{
    self, CompiledRule, Rule, SizeRange, Tally, TieOutcome, Witness, can_pass, min_yes,
    mirror_passes, passes, passes_with_nobody_in_favour, stricter, tie,
};
use charterc::analysis::votes::{Memo, analyze_readings, analyze_votes};
use charterc::ir::{Linear, Relation};
use proptest::prelude::*;

/// The largest electorate enumerated.
const MAX_N: u64 = 12;

// ---------------------------------------------------------------------------------------------------------------
// Brute force
// ---------------------------------------------------------------------------------------------------------------

/// Every tally at size `n`, by increasing yes, then no, then abstain.
fn tallies(n: u64) -> impl Iterator<Item = Tally> {
    (0..=n).flat_map(move |y| {
        (0..=n - y).flat_map(move |x| (0..=n - y - x).map(move |a| Tally::new(y, x, a)))
    })
}

/// Whether `tally` satisfies `linear` at size `n`, straight from the definition.
fn holds(linear: &Linear, n: u64, tally: Tally) -> bool {
    let value = linear.yes * i128::from(tally.yes)
        + linear.no * i128::from(tally.no)
        + linear.abstain * i128::from(tally.abstain)
        + linear.members * i128::from(n)
        + linear.constant;
    match linear.relation {
        Relation::Ge => value >= 0,
        Relation::Gt => value > 0,
        Relation::Eq => value == 0,
    }
}

fn brute_passes(rule: &Rule, n: u64, tally: Tally) -> bool {
    tally.turnout() <= u128::from(n)
        && rule
            .constraints()
            .iter()
            .all(|linear| holds(linear, n, tally))
}

fn brute_min_yes(rule: &Rule, n: u64) -> Option<u64> {
    tallies(n)
        .filter(|t| brute_passes(rule, n, *t))
        .map(|t| t.yes)
        .min()
}

fn brute_mirror(rule: &Rule, n: u64) -> bool {
    tallies(n).any(|t| brute_passes(rule, n, t) && brute_passes(rule, n, t.mirror()))
}

fn ties(n: u64) -> impl Iterator<Item = Tally> {
    tallies(n).filter(|t| t.yes == t.no && t.yes >= 1)
}

/// (some tie passes, some tie fails) at size `n`.
fn brute_tie(rule: &Rule, n: u64) -> (bool, bool) {
    (
        ties(n).any(|t| brute_passes(rule, n, t)),
        ties(n).any(|t| !brute_passes(rule, n, t)),
    )
}

/// The first size with a tally passing `a` and failing `b`.
fn brute_not_stricter(a: &Rule, b: &Rule) -> Option<u64> {
    (0..=MAX_N).find(|&n| tallies(n).any(|t| brute_passes(a, n, t) && !brute_passes(b, n, t)))
}

// ---------------------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------------------

/// A linear expression over (y, x, a, n).
type Expr = [i128; 4];

const YES: Expr = [1, 0, 0, 0];
const NO: Expr = [0, 1, 0, 0];
const ABSTAIN: Expr = [0, 0, 1, 0];
const TURNOUT: Expr = [1, 1, 1, 0];
const MEMBERS: Expr = [0, 0, 0, 1];
const PARTICIPATING: Expr = [1, 1, 1, 0];
const CAST: Expr = [1, 1, 0, 0];

/// `left - right + constant  relation  0`, with `left` and `right` scaled.
fn compare(
    left: Expr,
    left_scale: i128,
    right: Expr,
    right_scale: i128,
    constant: i128,
    relation: Relation,
) -> Linear {
    let [left_yes, left_no, left_abstain, left_members] = left;
    let [right_yes, right_no, right_abstain, right_members] = right;
    let c = |l: i128, r: i128| l * left_scale - r * right_scale;
    Linear {
        yes: c(left_yes, right_yes),
        no: c(left_no, right_no),
        abstain: c(left_abstain, right_abstain),
        members: c(left_members, right_members),
        constant,
        relation,
    }
}

fn negate(linear: Linear) -> Linear {
    Linear {
        yes: -linear.yes,
        no: -linear.no,
        abstain: -linear.abstain,
        members: -linear.members,
        constant: -linear.constant,
        ..linear
    }
}

fn strict_or_not() -> impl Strategy<Value = Relation> {
    prop_oneof![Just(Relation::Ge), Just(Relation::Gt)]
}

fn fraction() -> impl Strategy<Value = (i128, i128)> {
    (1i128..=12).prop_flat_map(|q| (0..=q, Just(q)))
}

/// One condition of a realistic shape.
fn realistic_condition() -> impl Strategy<Value = Linear> {
    let base = prop_oneof![Just(MEMBERS), Just(PARTICIPATING), Just(CAST)];
    let tally = prop_oneof![4 => Just(YES), 1 => Just(NO), 1 => Just(TURNOUT), 1 => Just(ABSTAIN)];
    prop_oneof![
        // `tally >= p/q of base`, `tally > p/q of base`, or `tally <= p/q of base`.
        (
            tally.clone(),
            fraction(),
            base.clone(),
            strict_or_not(),
            any::<bool>()
        )
            .prop_map(|(tally, (p, q), base, relation, at_most)| {
                let linear = compare(tally, q, base, p, 0, relation);
                if at_most { negate(linear) } else { linear }
            }),
        // `unanimous` of a base: yes >= base.
        base.clone()
            .prop_map(|base| compare(YES, 1, base, 1, 0, Relation::Ge)),
        // `majority` of a base: 2 yes > base.
        base.prop_map(|base| compare(YES, 2, base, 1, 0, Relation::Gt)),
        // `tally >= k`.
        (tally, 0i128..=6).prop_map(|(tally, k)| compare(tally, 1, MEMBERS, 0, -k, Relation::Ge)),
        // `yes > no`, `yes >= no`.
        strict_or_not().prop_map(|relation| compare(YES, 1, NO, 1, 0, relation)),
        // A veto: `no == 0`.
        Just(compare(NO, 1, MEMBERS, 0, 0, Relation::Eq)),
    ]
}

/// A quorum: turnout with or without abstentions at least a share of members, or a count.
fn quorum() -> impl Strategy<Value = Linear> {
    let turnout = prop_oneof![Just(PARTICIPATING), Just(CAST)];
    prop_oneof![
        (turnout.clone(), fraction(), strict_or_not())
            .prop_map(|(turnout, (p, q), relation)| compare(turnout, q, MEMBERS, p, 0, relation)),
        (turnout, 0i128..=6).prop_map(|(turnout, k)| compare(
            turnout,
            1,
            MEMBERS,
            0,
            -k,
            Relation::Ge
        )),
    ]
}

fn realistic_rule() -> impl Strategy<Value = Rule> {
    (
        prop::collection::vec(realistic_condition(), 1..=3),
        prop::option::of(quorum()),
    )
        .prop_map(|(mut conditions, quorum)| {
            conditions.extend(quorum);
            Rule::new(conditions).unwrap()
        })
}

/// An arbitrary linear form with coefficients in -5..=5.
fn random_linear() -> impl Strategy<Value = Linear> {
    let relation = prop_oneof![Just(Relation::Ge), Just(Relation::Gt), Just(Relation::Eq)];
    (
        -5i128..=5,
        -5i128..=5,
        -5i128..=5,
        -5i128..=5,
        -5i128..=5,
        relation,
    )
        .prop_map(|(yes, no, abstain, members, constant, relation)| Linear {
            yes,
            no,
            abstain,
            members,
            constant,
            relation,
        })
}

fn random_rule() -> impl Strategy<Value = Rule> {
    prop::collection::vec(random_linear(), 0..=3)
        .prop_map(|constraints| Rule::new(constraints).unwrap())
}

/// Coefficients near 2^40, where the projections overflow: a share `p/q of cast` with a huge `q` and a small
/// quorum, or two arbitrary forms with huge coefficients (every elimination overflows and the arithmetic
/// enumerates).
fn huge_rule() -> impl Strategy<Value = Rule> {
    let huge = || {
        prop_oneof![
            (1i128 << 39)..(1i128 << 40),
            -(1i128 << 40)..-(1i128 << 39),
            -2i128..=2
        ]
    };
    let huge_linear = (huge(), huge(), huge(), huge(), huge()).prop_map(
        |(yes, no, abstain, members, constant)| Linear {
            yes,
            no,
            abstain,
            members,
            constant,
            relation: Relation::Ge,
        },
    );
    let share = ((1i128 << 39)..(1i128 << 40), 0i128..=100, fraction()).prop_map(
        |(q, percent, (p_small, q_small))| {
            vec![
                compare(YES, q, CAST, q / 100 * percent, 0, Relation::Ge),
                compare(PARTICIPATING, q_small, MEMBERS, p_small, 0, Relation::Ge),
            ]
        },
    );
    prop_oneof![share, prop::collection::vec(huge_linear, 2..=3)]
        .prop_map(|conditions| Rule::new(conditions).unwrap())
}

fn any_rule() -> impl Strategy<Value = Rule> {
    prop_oneof![3 => realistic_rule(), 3 => random_rule(), 1 => huge_rule()]
}

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

/// Every per-size answer agrees with enumeration at every size up to `MAX_N`.
fn check_per_size(rule: &Rule) {
    let compiled = CompiledRule::new(rule);
    for n in 0..=MAX_N {
        for t in tallies(n) {
            assert_eq!(
                passes(rule, n, t),
                brute_passes(rule, n, t),
                "passes at n={n}, {t:?}"
            );
        }
        assert!(
            !passes(rule, n, Tally::new(n, 1, 0)),
            "a tally larger than the electorate passes"
        );

        let expected = brute_min_yes(rule, n);
        let found = min_yes(rule, n);
        assert_eq!(found.map(|t| t.yes), expected, "min_yes at n={n}");
        assert_eq!(compiled.min_yes(n), found, "compiled min_yes at n={n}");
        if let Some(t) = found {
            assert!(
                brute_passes(rule, n, t),
                "min_yes witness {t:?} fails at n={n}"
            );
        }
        assert_eq!(can_pass(rule, n), expected.is_some(), "can_pass at n={n}");

        let nobody = passes_with_nobody_in_favour(rule, n);
        assert_eq!(
            nobody.is_some(),
            expected == Some(0),
            "passes_with_nobody_in_favour at n={n}"
        );
        if let Some(t) = nobody {
            assert!(
                t.yes == 0 && brute_passes(rule, n, t),
                "nobody witness {t:?} at n={n}"
            );
        }

        let mirror = mirror_passes(rule, n);
        assert_eq!(mirror.is_some(), brute_mirror(rule, n), "mirror at n={n}");
        assert_eq!(
            compiled.mirror_passes(n),
            mirror,
            "compiled mirror at n={n}"
        );
        if let Some(t) = mirror {
            assert!(
                brute_passes(rule, n, t) && brute_passes(rule, n, t.mirror()),
                "mirror witness {t:?} at n={n}"
            );
        }

        let outcome = tie(rule, n);
        assert_eq!(compiled.tie(n), outcome, "compiled tie at n={n}");
        let is_tie = |t: Tally| t.yes == t.no && t.yes >= 1 && t.turnout() <= u128::from(n);
        match (brute_tie(rule, n), outcome) {
            ((false, false), TieOutcome::Impossible) => assert!(n < 2),
            ((true, false), TieOutcome::Passes { example }) => {
                assert!(is_tie(example) && brute_passes(rule, n, example))
            }
            ((false, true), TieOutcome::Fails { example }) => {
                assert!(is_tie(example) && !brute_passes(rule, n, example))
            }
            ((true, true), TieOutcome::Depends { passing, failing }) => {
                assert!(is_tie(passing) && brute_passes(rule, n, passing));
                assert!(is_tie(failing) && !brute_passes(rule, n, failing));
            }
            (expected, outcome) => assert_eq!(
                Some(expected),
                None,
                "tie at n={n}: expected (passes, fails) = {expected:?}, got {outcome:?}"
            ),
        }
    }
}

/// `analyze` agrees with enumeration over sizes `from..=MAX_N`.
fn check_analysis(rule: &Rule, from: u64) {
    let analysis = arithmetic::analyze(rule, from..=MAX_N);
    let sizes = from..=MAX_N;
    let min_yes: Vec<(u64, Option<u64>)> =
        sizes.clone().map(|n| (n, brute_min_yes(rule, n))).collect();

    assert_eq!(analysis.sizes, SizeRange { from, to: MAX_N });
    let cannot: Vec<u64> = min_yes
        .iter()
        .filter(|(_, y)| y.is_none())
        .map(|(n, _)| *n)
        .collect();
    let listed: Vec<u64> = analysis
        .cannot_pass
        .iter()
        .flat_map(|run| run.from..=run.to)
        .collect();
    assert_eq!(listed, cannot, "cannot_pass");
    for pair in analysis.cannot_pass.windows(2) {
        let [first, second] = pair else { continue };
        assert!(
            first.to + 1 < second.from,
            "runs are not maximal: {:?}",
            analysis.cannot_pass
        );
    }
    assert_eq!(
        analysis.passes_at_some_size,
        cannot.len() as u64 != MAX_N - from + 1
    );

    let valid = |w: &Witness| brute_passes(rule, w.members, w.tally);
    let nobody = min_yes.iter().find(|(_, y)| *y == Some(0)).map(|(n, _)| *n);
    assert_eq!(
        analysis.passes_with_nobody_in_favour.map(|w| w.members),
        nobody,
        "nobody"
    );
    if let Some(w) = analysis.passes_with_nobody_in_favour {
        assert!(valid(&w) && w.tally.yes == 0);
    }

    let passing: Vec<(u64, u64)> = min_yes
        .iter()
        .filter_map(|(n, y)| y.map(|y| (*n, y)))
        .collect();
    match (&analysis.smallest_coalition, passing.is_empty()) {
        (None, true) => {}
        (Some(coalition), false) => {
            let fewest = passing.iter().map(|(_, y)| *y).min().unwrap();
            let first = passing.iter().find(|(_, y)| *y == fewest).unwrap().0;
            assert_eq!(
                (coalition.fewest_yes.members, coalition.fewest_yes.tally.yes),
                (first, fewest),
                "fewest yes"
            );
            assert!(valid(&coalition.fewest_yes));
            // The smallest share y/n over n >= 1, first n on ties, by cross-multiplication.
            let mut best: Option<(u64, u64)> = None;
            for &(n, y) in passing.iter().filter(|(n, _)| *n >= 1) {
                if best.is_none_or(|(bn, by)| {
                    u128::from(y) * u128::from(bn) < u128::from(by) * u128::from(n)
                }) {
                    best = Some((n, y));
                }
            }
            let share = coalition
                .smallest_share
                .map(|s| (s.denominator, s.numerator));
            assert_eq!(share, best, "smallest share");
            if let Some(share) = coalition.smallest_share {
                assert!(valid(&share.witness));
                assert_eq!(
                    (share.witness.members, share.witness.tally.yes),
                    (share.denominator, share.numerator)
                );
            }
        }
        (coalition, _) => assert_eq!(
            coalition.is_some(),
            !passing.is_empty(),
            "smallest coalition {coalition:?} against {passing:?}"
        ),
    }

    let mirror = sizes.clone().find(|&n| brute_mirror(rule, n));
    assert_eq!(analysis.mirror.map(|w| w.members), mirror, "first mirror");
    if let Some(w) = analysis.mirror {
        assert!(valid(&w) && brute_passes(rule, w.members, w.tally.mirror()));
    }

    let first_passing_tie = sizes.clone().find(|&n| brute_tie(rule, n).0);
    let first_failing_tie = sizes.clone().find(|&n| brute_tie(rule, n).1);
    assert_eq!(
        analysis.tie.first_passing.map(|w| w.members),
        first_passing_tie,
        "first passing tie"
    );
    assert_eq!(
        analysis.tie.first_failing.map(|w| w.members),
        first_failing_tie,
        "first failing tie"
    );
    if let Some(w) = analysis.tie.first_passing {
        assert!(valid(&w) && w.tally.yes == w.tally.no && w.tally.yes >= 1);
    }
    if let Some(w) = analysis.tie.first_failing {
        assert!(
            !valid(&w)
                && w.tally.yes == w.tally.no
                && w.tally.yes >= 1
                && w.tally.turnout() <= u128::from(w.members)
        );
    }
}

fn check_stricter(a: &Rule, b: &Rule) {
    let expected = brute_not_stricter(a, b);
    match stricter(a, b, 0..=MAX_N) {
        Ok(()) => assert_eq!(
            expected, None,
            "stricter: a witness exists at n={expected:?}"
        ),
        Err(witness) => {
            assert_eq!(
                Some(witness.members),
                expected,
                "stricter: not the first size"
            );
            assert!(
                brute_passes(a, witness.members, witness.tally),
                "witness {witness:?} fails A"
            );
            assert!(
                !brute_passes(b, witness.members, witness.tally),
                "witness {witness:?} passes B"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn per_size_answers_match_enumeration(rule in any_rule()) {
        check_per_size(&rule);
    }

    #[test]
    fn analysis_matches_enumeration(rule in any_rule(), from in 0u64..=3) {
        check_analysis(&rule, from);
    }

    #[test]
    fn stricter_matches_enumeration(a in any_rule(), b in any_rule()) {
        check_stricter(&a, &b);
    }

    /// The memo of `analysis::votes` gives what the arithmetic gives without it, on a miss, on a hit, and for
    /// a rule it has already set up, over other sizes.
    #[test]
    fn memoized_analyses_match_new_ones(
        rule in any_rule(),
        ranges in proptest::collection::vec((0u64..=MAX_N, 0u64..=MAX_N), 1..4),
    ) {
        let mut memo = Memo::default();
        let never = Rule::new(vec![Linear {
            yes: 0,
            no: 0,
            abstain: 0,
            members: 0,
            constant: -1,
            relation: Relation::Ge,
        }])
        .unwrap();
        for _ in 0..2 {
            for &(from, to) in &ranges {
                let sizes = SizeRange { from, to };
                prop_assert_eq!(memo.analyze(&rule, sizes), arithmetic::analyze(&rule, from..=to));
                let first = memo.first_passing(&rule, sizes);
                prop_assert_eq!(first, arithmetic::first_passing(&rule, from..=to));
                prop_assert_eq!(first, stricter(&rule, &never, from..=to).err());
            }
        }
    }

    #[test]
    fn realistic_rules_compared_with_each_other(a in realistic_rule(), b in realistic_rule()) {
        check_stricter(&a, &b);
        // A rule is stricter than itself, and than any rule it adds conditions to.
        prop_assert_eq!(stricter(&a, &a, 0..=MAX_N), Ok(()));
        let mut both = a.constraints().to_vec();
        both.extend_from_slice(b.constraints());
        let both = Rule::new(both).unwrap();
        prop_assert_eq!(stricter(&both, &a, 0..=MAX_N), Ok(()));
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Examples from the charter domain
// ---------------------------------------------------------------------------------------------------------------

fn rule(constraints: Vec<Linear>) -> Rule {
    Rule::new(constraints).unwrap()
}

#[test]
fn sixty_percent_of_cast_with_a_sixty_percent_quorum() {
    let share = compare(YES, 5, CAST, 3, 0, Relation::Ge);
    let counting = rule(vec![
        share,
        compare(PARTICIPATING, 5, MEMBERS, 3, 0, Relation::Ge),
    ]);
    let not_counting = rule(vec![share, compare(CAST, 5, MEMBERS, 3, 0, Relation::Ge)]);
    // Counting abstentions, nobody in favour suffices: everyone abstains.
    assert_eq!(
        passes_with_nobody_in_favour(&counting, 10),
        Some(Tally::new(0, 0, 6))
    );
    // Not counting them, 36% of the members: 9 of 25, with 6 against.
    assert_eq!(min_yes(&not_counting, 25), Some(Tally::new(9, 6, 0)));
    let analysis = arithmetic::analyze(&not_counting, 1..=100);
    let share = analysis.smallest_coalition.unwrap().smallest_share.unwrap();
    assert_eq!((share.numerator, share.denominator), (9, 25));
    assert_eq!(analysis.mirror, None);
    assert!(analysis.cannot_pass.is_empty());
    // Not counting abstentions is stricter than counting them, not the other way round.
    assert_eq!(stricter(&not_counting, &counting, 1..=100), Ok(()));
    let witness = stricter(&counting, &not_counting, 1..=100).unwrap_err();
    assert_eq!(
        witness,
        Witness {
            members: 1,
            tally: Tally::new(0, 0, 1)
        }
    );
}

#[test]
fn at_least_five_yes_cannot_pass_below_five() {
    let five = rule(vec![compare(YES, 1, MEMBERS, 0, -5, Relation::Ge)]);
    let analysis = arithmetic::analyze(&five, 1..=10);
    assert_eq!(analysis.cannot_pass, vec![SizeRange { from: 1, to: 4 }]);
    assert_eq!(
        analysis.smallest_coalition.unwrap().fewest_yes,
        Witness {
            members: 5,
            tally: Tally::new(5, 0, 0)
        }
    );
}

#[test]
fn a_simple_majority_of_cast_fails_on_a_tie_and_half_passes_both_ways() {
    let majority = rule(vec![compare(YES, 2, CAST, 1, 0, Relation::Gt)]);
    assert_eq!(
        tie(&majority, 4),
        TieOutcome::Fails {
            example: Tally::new(1, 1, 0)
        }
    );
    assert_eq!(mirror_passes(&majority, 4), None);
    let half = rule(vec![compare(YES, 2, CAST, 1, 0, Relation::Ge)]);
    assert!(matches!(tie(&half, 4), TieOutcome::Passes { .. }));
    assert!(mirror_passes(&half, 4).is_some());
}

#[test]
fn an_empty_range_says_nothing() {
    let analysis = arithmetic::analyze(&rule(vec![]), std::ops::RangeInclusive::new(5, 4));
    assert!(!analysis.passes_at_some_size);
    assert!(
        analysis.cannot_pass.is_empty()
            && analysis.smallest_coalition.is_none()
            && analysis.mirror.is_none()
    );
}

#[test]
fn readings_of_an_ambiguous_vote_rule() {
    use charterc::check;
    use charterc::source::SourceFile;
    let text = r#"
charter "Readings" { source "https://example.org/GOVERNANCE.md" }
role maintainer { size at least 1; join by add_maintainer; leave by resignation }
decision add_maintainer {
  purpose amend charter
  vote { voters maintainer; passes when yes >= 2/3 and yes > no; quorum 1/2 of members }
}
"#;
    let charter = check(&SourceFile::new("readings.charter", text))
        .charter
        .unwrap();
    let vote = charter.decisions.first().unwrap().vote.clone().unwrap();
    let readings = arithmetic::readings(&vote).unwrap();
    // Three bases for `yes >= 2/3`, two answers to the abstention question; `yes > no` is unambiguous.
    assert_eq!(readings.len(), 6);
    let labels: Vec<String> = readings
        .iter()
        .map(|(label, _)| label.to_string())
        .collect();
    assert_eq!(
        labels.first().map(String::as_str),
        Some("`yes >= 2/3` of members, quorum counts abstentions")
    );
    assert!(labels.contains(&"`yes >= 2/3` of cast, quorum does not count abstentions".to_owned()));
    // Two conditions and the quorum, plus `y + x (+ a) >= 1` when the share is of votes cast or participating.
    for (label, rule) in &readings {
        let expected = if label.to_string().contains("of members") {
            3
        } else {
            4
        };
        assert_eq!(rule.constraints().len(), expected, "{label}");
    }
    // Of members, two thirds of 9 is 6 whatever the turnout; of votes cast, with the quorum counting
    // abstentions, one yes and four abstentions pass.
    let fewest: Vec<u64> = readings
        .iter()
        .map(|(_, rule)| min_yes(rule, 9).unwrap().yes)
        .collect();
    assert_eq!(fewest.first(), Some(&6));
    assert!(fewest.contains(&1));
}

/// Two decisions with the same rule, written differently, over electorates of the same sizes: the second is
/// answered from the memo, and both get the figures and witnesses of an analysis made without it.
#[test]
fn identical_rules_in_different_decisions_get_the_same_figures() {
    use charterc::check;
    use charterc::source::SourceFile;
    let text = r#"
charter "Twice" { source "https://example.org/GOVERNANCE.md" }
role maintainer { size 3 to 12; join by add_maintainer; leave by resignation }
role reviewer { size 3 to 12; join by add_maintainer; leave by resignation }
decision add_maintainer {
  vote { voters maintainer; passes when yes >= 2/3 and yes > no; quorum 1/2 of members }
}
decision add_reviewer {
  vote {
    voters reviewer
    passes when yes >= 2/3 and yes > no
    quorum 1/2 of members
  }
}
"#;
    let charter = check(&SourceFile::new("twice.charter", text))
        .charter
        .unwrap();
    let votes = analyze_votes(&charter);
    assert_eq!(votes.len(), 2);
    let (first, second) = (votes.first().unwrap(), votes.last().unwrap());
    assert_eq!(first.sizes, second.sizes);
    assert!(first.readings().len() > 1);
    let figures = |readings: &[charterc::analysis::votes::ReadingAnalysis]| {
        readings
            .iter()
            .map(|r| (r.label.clone(), r.rule.clone(), r.analysis.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(figures(first.readings()), figures(second.readings()));
    for vote in [first, second] {
        let (sizes, readings) = analyze_readings(&charter, vote.rule);
        assert_eq!(sizes, vote.sizes);
        assert_eq!(figures(&readings.unwrap()), figures(vote.readings()));
    }
}
