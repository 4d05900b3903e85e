//! Exact vote arithmetic: what a vote rule allows, for every size of the electorate.
//!
//! # Model
//!
//! An electorate has `n` members. A tally `(y, x, a)` counts yes, no and abstain votes, with `y, x, a >= 0` and
//! `y + x + a <= n`. A [`Rule`] is a conjunction of [`Linear`] inequalities
//! `yes*y + no*x + abstain*a + members*n + constant  (>=, >, ==)  0` with integer coefficients, one reading of a
//! vote rule's conditions and quorum ([`readings`] builds every reading of an [`ir::VoteRule`](crate::ir::VoteRule)).
//! Everything is integer arithmetic: there is no floating point anywhere.
//!
//! # Every question is one kind of integer program
//!
//! Over the integers, `L > 0` is `L - 1 >= 0` and `L == 0` is `L >= 0` and `-L >= 0`, so a rule is a set of
//! inequalities `L >= 0`. Each question is "the least `y` over the integer points of a system", or whether one
//! exists, where the system is the domain (`y, x, a >= 0`, `y + x + a <= n`) plus:
//!
//! | question | system |
//! | --- | --- |
//! | can it pass, smallest winning coalition ([`min_yes`]) | the rule |
//! | passes with nobody in favour | the rule, with least `y` equal to 0 |
//! | a tally and its mirror both pass ([`mirror_passes`]) | the rule at `(y, x, a)` and at `(x, y, a)` |
//! | a tie passes ([`tie`]) | the rule, `x == y`, `y >= 1` |
//! | a tie fails | `x == y`, `y >= 1`, and the negation of one condition: one system per condition (two for `==`) |
//! | A is not stricter than B ([`stricter`]) | A and the negation of one condition of B, one system per condition |
//!
//! The negation of `L >= 0` is `-L - 1 >= 0`; of `L == 0`, `L - 1 >= 0` or `-L - 1 >= 0`.
//!
//! # Solving a system exactly: Fourier–Motzkin with `n` as a parameter
//!
//! Once per system, independently of `n`:
//!
//! 1. Choose a basis `(y, m, i)` of the integer lattice that keeps `y` (the objective) and takes `m`, `i` among
//!    `x`, `a` and `s = x + a` (six unimodular changes of variables, so integer tallies and integer points
//!    correspond one to one; each of `x`, `a`, `s` lies in `[0, n]`).
//! 2. Level 0 is the system in that basis; level 1 eliminates `i` by Fourier–Motzkin (every pair of a lower and an
//!    upper bound on `i` gives one combination with positive multipliers); level 2 eliminates `m`, leaving
//!    inequalities in `y` and `n`; level 3 eliminates `y`, leaving inequalities in `n` alone: an interval of sizes.
//!    After each step the coefficients of an inequality are divided by their greatest common divisor and the
//!    constant is rounded down, which is valid on integer points. Duplicates and inequalities dominated by a
//!    parallel one are dropped.
//!
//! Every level is implied by the one before, so the bounds it gives contain every integer solution (a necessary
//! condition). An elimination of `z` is moreover **exact** when every lower bound on `z` has coefficient 1, or
//! every upper bound has coefficient -1: then every integer point of the projection extends to an integer `z`.
//! Proof: with lower bounds `z + L_j >= 0` and upper bounds `-q_k z + U_k >= 0`, take `z = max_j(-L_j)`, an
//! integer; it meets the lower bounds, and for each `k` the projected combination `q_k L_j + U_k >= 0` of the
//! maximising `j` is `q_k z <= U_k`. The other case is symmetric. The basis is the first of the six that makes
//! both eliminations exact, else the first that makes the most exact. For the rules charters write (a share of
//! yes votes among members, participants or votes cast, counts, `yes > no`, vetoes, quorums with or without
//! abstentions), over 20,000 random rules and the ~100,000 systems of their questions, the first elimination
//! was exact in all but 8 mirror systems, and the second in about 97%. The second cannot always be: `yes >= 60% of cast` with a quorum of 60% of members not counting
//! abstentions needs 5 yes votes among 11 members although its real projection `y >= 36% of n` allows 4.
//!
//! Then, for a size `n`: `y` runs upwards over the integers that level 2 allows; for each, `m` over those level 1
//! allows at `y`; for each, `i` over those level 0 allows at `(y, m)`. The first `y` that completes is the least.
//! This search is exhaustive over necessary bounds, so it is correct whatever the exactness; exactness makes its
//! first candidate succeed:
//! - both inner eliminations exact: the least `y` is the level-2 lower bound, and a witness follows by taking the
//!   lower bound of `m`, then of `i`. Cost O(|level 2|) per size, independent of `n`.
//! - only the first exact: the `y` candidates are tried in order, O(|level 1|) each. Their number does not grow
//!   with `n`: it is bounded in terms of the coefficients (the width of the real interval of `m` grows with `y`
//!   at a rate set by the slopes until it must contain an integer, or the pattern repeats with a period that
//!   divides a coefficient). For shares with denominators up to 100 it is at most about 10, usually 1 or 2.
//! - neither exact: `m` is enumerated too, O(n) per `y` and O(n²) per size in the worst case. This happens for
//!   arbitrary linear forms and for a few mirror systems (a share of participants with a share of votes cast
//!   and a quorum counting abstentions, swapped); there, in practice, the first `m` tried completes as well.
//! - all three exact: the sizes where the system has a solution are exactly the level-3 interval, so a question
//!   that only needs the first such size is answered at the first size tried.
//!
//! # Cost
//!
//! [`analyze`] builds its systems once (about 10 to 25 µs per reading, constant), computes the least `y` for
//! every size in the range (constant per size for vote rules, so the cost grows linearly with the range: about
//! 6 ns per size when exact, 40 ns when the last elimination is not), and answers the "first size where"
//! questions (nobody in favour, mirror, ties) by looping from the first size level 3 allows, which stops at once
//! for exact systems. `benches/arithmetic.rs` measures [`readings`] and [`analyze`] of `yes >= 60% of cast` with
//! an unstated quorum of 60% (two readings) over sizes 1 to 1000: about 60 µs in all. Over 3,000 random
//! realistic rules (shares with denominators up to 100, counts, comparisons, vetoes, quorums), the slowest
//! [`analyze`] over 1 to 1000 took 73 µs. [`stricter`] solves one system per condition of B (two for `==`),
//! each the same way, from the smallest size up; over 3,000 random pairs of realistic rules the slowest took
//! 23 µs for sizes 1 to 1000.
//!
//! # Bounds
//!
//! [`Rule::new`] accepts coefficients up to [`MAX_COEFFICIENT`] (2^40) in absolute value, far beyond any vote
//! rule's (for a share `p/q` they are at most `q`), so evaluating a tally is exact in `i128` for every `u64` size.
//! Fourier–Motzkin multiplies coefficients: every combination is checked and kept below 2^125; a basis whose
//! elimination would overflow is skipped, and when none fits, the system is solved by exhaustive enumeration
//! (O(n²) per size; still exact). Per size, the projected inequalities are evaluated in unchecked `i128` only for
//! sizes up to a bound computed per system so that every value stays below 2^126 (for shares with denominators up
//! to 10^6 that bound is above 10^12); larger sizes use the exhaustive enumeration. No function panics.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::RangeInclusive;

use serde::Serialize;

use crate::ir::{Base, Linear, Relation, VoteRule};

/// The largest absolute value of a coefficient or constant that [`Rule::new`] accepts: 2^40.
pub const MAX_COEFFICIENT: i128 = 1 << 40;

/// The most distinct readings [`readings`] enumerates for one vote rule.
pub const MAX_READINGS: usize = 1024;

/// Every value computed while eliminating variables stays within ±2^125, so that sums of four of them and their
/// absolute values fit in `i128` and `u128`.
const ELIMINATION_LIMIT: i128 = 1 << 125;

/// Every value of a projected inequality evaluated at a size and a tally stays within ±2^126.
const EVALUATION_LIMIT: u128 = 1 << 126;

// ---------------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------------

/// The outcome of a vote: how many voted yes, no, and abstained. (Not to be confused with
/// [`ir::Tally`](crate::ir::Tally), which names one of these counts.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Tally {
    /// Votes in favour (y).
    pub yes: u64,
    /// Votes against (x).
    pub no: u64,
    /// Abstentions (a).
    pub abstain: u64,
}

impl Tally {
    /// A tally of `yes`, `no` and `abstain` votes.
    pub const fn new(yes: u64, no: u64, abstain: u64) -> Tally {
        Tally { yes, no, abstain }
    }

    /// The opposite outcome: yes and no swapped, abstentions kept.
    pub const fn mirror(self) -> Tally {
        Tally {
            yes: self.no,
            no: self.yes,
            abstain: self.abstain,
        }
    }

    /// How many voted: `yes + no + abstain`.
    pub fn turnout(self) -> u128 {
        u128::from(self.yes) + u128::from(self.no) + u128::from(self.abstain)
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} yes, {} no, {} abstaining",
            self.yes, self.no, self.abstain
        )
    }
}

/// A tally at a given electorate size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Witness {
    /// The size of the electorate, n.
    pub members: u64,
    /// The votes.
    pub tally: Tally,
}

impl fmt::Display for Witness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {} members", self.tally, self.members)
    }
}

/// An inclusive range of electorate sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SizeRange {
    /// The smallest size.
    pub from: u64,
    /// The largest size.
    pub to: u64,
}

/// A coefficient or constant whose absolute value exceeds [`MAX_COEFFICIENT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CoefficientOutOfRange {
    /// The inequality that has it.
    pub linear: Linear,
}

impl fmt::Display for CoefficientOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a coefficient of a vote condition exceeds 2^40 in absolute value: {:?}",
            self.linear
        )
    }
}

impl std::error::Error for CoefficientOutOfRange {}

/// One reading of a vote rule: the conjunction of its conditions' and its quorum's linear forms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Rule {
    /// The inequalities, all of which must hold.
    constraints: Vec<Linear>,
}

impl Rule {
    /// A rule from its inequalities; an empty list is a rule that every tally passes.
    ///
    /// # Errors
    /// When a coefficient or constant exceeds [`MAX_COEFFICIENT`] in absolute value.
    pub fn new(constraints: Vec<Linear>) -> Result<Rule, CoefficientOutOfRange> {
        for linear in &constraints {
            let parts = [
                linear.yes,
                linear.no,
                linear.abstain,
                linear.members,
                linear.constant,
            ];
            if parts
                .iter()
                .any(|c| c.unsigned_abs() > MAX_COEFFICIENT.unsigned_abs())
            {
                return Err(CoefficientOutOfRange { linear: *linear });
            }
        }
        Ok(Rule { constraints })
    }

    /// The inequalities, all of which must hold.
    pub fn constraints(&self) -> &[Linear] {
        &self.constraints
    }

    /// The rule as inequalities `form >= 0`.
    fn forms(&self) -> Vec<Form> {
        let mut forms = Vec::with_capacity(self.constraints.len() + 2);
        for linear in &self.constraints {
            push_forms(linear, &mut forms);
        }
        forms
    }
}

/// What a tie (`yes == no >= 1`) does at one electorate size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TieOutcome {
    /// Fewer than two members: no tie with at least one vote on each side.
    Impossible,
    /// Every tie passes.
    Passes {
        /// A passing tie.
        example: Tally,
    },
    /// Every tie fails.
    Fails {
        /// A failing tie.
        example: Tally,
    },
    /// Some ties pass and some fail (depending on abstentions or turnout).
    Depends {
        /// A passing tie.
        passing: Tally,
        /// A failing tie.
        failing: Tally,
    },
}

/// What ties do over a range of sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TieSummary {
    /// The first size with a passing tie (`yes == no >= 1`), and that tie.
    pub first_passing: Option<Witness>,
    /// The first size with a failing tie, and that tie.
    pub first_failing: Option<Witness>,
}

/// A share `numerator / denominator` of the members in favour, with the tally that attains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    /// Yes votes.
    pub numerator: u64,
    /// Members, at least 1.
    pub denominator: u64,
    /// The passing tally.
    pub witness: Witness,
}

/// The smallest winning coalition over a range of sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SmallestCoalition {
    /// The fewest yes votes of a passing tally at any size, at the first size where so few suffice.
    pub fewest_yes: Witness,
    /// The smallest share of the members in favour of a passing tally (compared exactly), at the first size where
    /// it is attained; `None` when the rule passes only with no members.
    pub smallest_share: Option<Share>,
}

/// Everything the arithmetic says about one reading of a rule over a range of sizes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleAnalysis {
    /// The sizes examined; empty when `from > to`.
    pub sizes: SizeRange,
    /// Whether some tally passes at some size of the range.
    pub passes_at_some_size: bool,
    /// The sizes at which no tally passes, as maximal runs in increasing order.
    pub cannot_pass: Vec<SizeRange>,
    /// The first size at which a tally with no yes vote passes, with that tally.
    pub passes_with_nobody_in_favour: Option<Witness>,
    /// The smallest winning coalition; `None` when the rule cannot pass at any size of the range.
    pub smallest_coalition: Option<SmallestCoalition>,
    /// The first size at which a passing tally's mirror (yes and no swapped) also passes, with that tally.
    pub mirror: Option<Witness>,
    /// What ties do.
    pub tie: TieSummary,
}

/// One choice that a reading makes where the charter is ambiguous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReadingChoice {
    /// The base given to a condition whose base is not stated.
    ConditionBase {
        /// The condition's index in the rule's conditions.
        condition: usize,
        /// The condition as written.
        text: String,
        /// The base under this reading.
        base: Option<Base>,
    },
    /// Whether the quorum counts abstentions, when the charter does not say.
    QuorumAbstentions {
        /// Whether abstentions count towards the quorum under this reading.
        counts: bool,
    },
}

impl fmt::Display for ReadingChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadingChoice::ConditionBase {
                text,
                base: Some(base),
                ..
            } => write!(f, "`{text}` of {}", base.keyword()),
            ReadingChoice::ConditionBase {
                text, base: None, ..
            } => write!(f, "`{text}` with no base"),
            ReadingChoice::QuorumAbstentions { counts: true } => {
                f.write_str("quorum counts abstentions")
            }
            ReadingChoice::QuorumAbstentions { counts: false } => {
                f.write_str("quorum does not count abstentions")
            }
        }
    }
}

/// Which reading of an ambiguous vote rule a [`Rule`] is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadingLabel {
    /// One choice per ambiguous condition or quorum, in the rule's order; empty when the rule is unambiguous.
    pub choices: Vec<ReadingChoice>,
}

impl fmt::Display for ReadingLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.choices.is_empty() {
            return f.write_str("the only reading");
        }
        for (index, choice) in self.choices.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{choice}")?;
        }
        Ok(())
    }
}

/// Why [`readings`] cannot build the readings of a vote rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReadingsError {
    /// A condition's coefficient is out of range.
    Coefficient {
        /// The offending inequality.
        error: CoefficientOutOfRange,
    },
    /// The ambiguous parts combine into more than [`MAX_READINGS`] readings.
    TooManyReadings,
}

impl fmt::Display for ReadingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadingsError::Coefficient { error } => error.fmt(f),
            ReadingsError::TooManyReadings => {
                write!(f, "the rule has more than {MAX_READINGS} readings")
            }
        }
    }
}

impl std::error::Error for ReadingsError {}

// ---------------------------------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------------------------------

/// Whether two actors name the same people, wherever they are written.
fn same_actor(a: &crate::ir::Actor, b: &crate::ir::Actor) -> bool {
    match (a, b) {
        (crate::ir::Actor::Anyone { .. }, crate::ir::Actor::Anyone { .. }) => true,
        (crate::ir::Actor::Item { item: a }, crate::ir::Actor::Item { item: b }) => {
            a.kind == b.kind && a.index == b.index
        }
        _ => false,
    }
}

/// Every reading of a vote rule: one choice of reading per condition and per quorum (the cartesian product),
/// keeping the first of readings whose inequalities are the same set.
///
/// # Errors
/// When a coefficient is out of range, or when there are more than [`MAX_READINGS`] combinations.
pub fn readings(vote: &VoteRule) -> Result<Vec<(ReadingLabel, Rule)>, ReadingsError> {
    let veto = Linear {
        yes: 0,
        no: 1,
        abstain: 0,
        members: 0,
        constant: 0,
        relation: Relation::Eq,
    };
    // A veto held by every voter is `no == 0`; a veto held by only some voters cannot be written over the counts
    // of a tally, and is left out (the IR keeps it).
    let vetoed = !vote.vetoes.is_empty()
        && vote
            .electorate
            .voters
            .iter()
            .all(|voter| vote.vetoes.iter().any(|veto| same_actor(veto, voter)));
    // Most rules are read one way: their only reading is their inequalities in order, built without the
    // combinations and the search for duplicates below, which would give the same.
    if vote.conditions.iter().all(|c| c.readings.len() <= 1)
        && vote.quorum.as_ref().is_none_or(|q| q.readings.len() <= 1)
    {
        let mut constraints: Vec<Linear> = Vec::new();
        for reading in vote.conditions.iter().flat_map(|c| c.readings.first()) {
            constraints.extend(reading.constraints());
        }
        if vetoed {
            constraints.push(veto);
        }
        constraints.extend(
            vote.quorum
                .iter()
                .flat_map(|q| q.readings.first())
                .map(|r| r.linear),
        );
        let rule = Rule::new(constraints).map_err(|error| ReadingsError::Coefficient { error })?;
        return Ok(vec![(
            ReadingLabel {
                choices: Vec::new(),
            },
            rule,
        )]);
    }
    let mut parts: Vec<Vec<(Option<ReadingChoice>, Vec<Linear>)>> = Vec::new();
    for (index, condition) in vote.conditions.iter().enumerate() {
        let ambiguous = condition.readings.len() > 1;
        let options = condition.readings.iter().map(|reading| {
            let choice = ambiguous.then(|| ReadingChoice::ConditionBase {
                condition: index,
                text: condition.text.clone(),
                base: reading.base,
            });
            (choice, reading.constraints().collect())
        });
        parts.push(options.collect());
    }
    if vetoed {
        parts.push(vec![(None, vec![veto])]);
    }
    if let Some(quorum) = &vote.quorum {
        let ambiguous = quorum.readings.len() > 1;
        let options = quorum.readings.iter().map(|reading| {
            let choice = ambiguous.then_some(ReadingChoice::QuorumAbstentions {
                counts: reading.counts_abstentions,
            });
            (choice, vec![reading.linear])
        });
        parts.push(options.collect());
    }
    parts.retain(|options| !options.is_empty());
    let combinations = parts
        .iter()
        .try_fold(1usize, |count, options| {
            count
                .checked_mul(options.len())
                .filter(|&c| c <= MAX_READINGS)
        })
        .ok_or(ReadingsError::TooManyReadings)?;

    let mut result = Vec::new();
    let mut seen: BTreeSet<Vec<Linear>> = BTreeSet::new();
    let mut digits = vec![0usize; parts.len()];
    for _ in 0..combinations {
        let mut choices = Vec::new();
        let mut constraints = Vec::with_capacity(parts.len());
        for (options, &digit) in parts.iter().zip(&digits) {
            if let Some((choice, linears)) = options.get(digit) {
                choices.extend(choice.clone());
                constraints.extend(linears.iter().copied());
            }
        }
        // Advance the odometer: the first part varies fastest.
        for (digit, options) in digits.iter_mut().zip(&parts) {
            *digit += 1;
            if *digit < options.len() {
                break;
            }
            *digit = 0;
        }
        let mut key = constraints.clone();
        key.sort();
        key.dedup();
        if seen.insert(key) {
            let rule =
                Rule::new(constraints).map_err(|error| ReadingsError::Coefficient { error })?;
            result.push((ReadingLabel { choices }, rule));
        }
    }
    Ok(result)
}

/// Whether `tally` passes `rule` in an electorate of `members`. A tally with more votes than members does not.
pub fn passes(rule: &Rule, members: u64, tally: Tally) -> bool {
    tally.turnout() <= u128::from(members)
        && rule
            .forms()
            .iter()
            .all(|form| form.value(members, tally) >= 0)
}

/// The passing tally with the fewest yes votes (the smallest winning coalition) at size `members`; `None` when
/// no tally passes. Among those, the witness is the first found, not necessarily the smallest otherwise.
pub fn min_yes(rule: &Rule, members: u64) -> Option<Tally> {
    System::new(rule.forms()).min_yes(members)
}

/// Whether some tally passes at size `members`.
pub fn can_pass(rule: &Rule, members: u64) -> bool {
    min_yes(rule, members).is_some()
}

/// A passing tally with no yes vote at size `members`, if there is one.
pub fn passes_with_nobody_in_favour(rule: &Rule, members: u64) -> Option<Tally> {
    min_yes(rule, members).filter(|tally| tally.yes == 0)
}

/// A passing tally `(y, x, a)` whose mirror `(x, y, a)` also passes at size `members`, if there is one: a
/// proposal and its opposite can both pass. (A passing tie, or a passing tally with no yes and no no votes, is
/// its own mirror.)
pub fn mirror_passes(rule: &Rule, members: u64) -> Option<Tally> {
    mirror_system(rule).min_yes(members)
}

/// What a tie (`yes == no >= 1`) does at size `members`.
pub fn tie(rule: &Rule, members: u64) -> TieOutcome {
    tie_outcome(&tie_pass_system(rule), &tie_fail_systems(rule), members)
}

/// Whether every tally that passes `a` also passes `b`, at every size in `sizes`.
///
/// # Errors
/// A witness otherwise: a size and a tally that passes `a` and fails `b`, the smallest size first.
pub fn stricter(a: &Rule, b: &Rule, sizes: RangeInclusive<u64>) -> Result<(), Witness> {
    let (from, mut to) = (*sizes.start(), *sizes.end());
    let a_forms = a.forms();
    let mut best: Option<Witness> = None;
    for piece in b.constraints.iter().flat_map(negations) {
        let mut forms = a_forms.clone();
        forms.push(piece);
        if let Some(witness) = System::new(forms).first_feasible(from, to) {
            if best.is_none_or(|known| witness < known) {
                best = Some(witness);
            }
            // A later witness must not come at a larger size.
            to = witness.members;
        }
    }
    best.map_or(Ok(()), Err)
}

/// The first size in `sizes` at which some tally passes `rule`, with that tally; `None` when none does.
pub fn first_passing(rule: &Rule, sizes: RangeInclusive<u64>) -> Option<Witness> {
    PassingRule::new(rule).first_passing(sizes)
}

/// The first size in `sizes` at which a tally with no yes vote passes `rule`, with that tally: the
/// `passes_with_nobody_in_favour` of [`analyze`], without setting up its other systems or solving every size.
pub fn first_passing_with_nobody_in_favour(
    rule: &Rule,
    sizes: RangeInclusive<u64>,
) -> Option<Witness> {
    // The first size is that of the rule with `y <= 0`, found from its level-3 interval (at once when its
    // projections are exact) rather than by solving the rule at every size; the tally is then the rule's own
    // solution of least `y` at that size, as `analyze` gives it (the system with `y <= 0` may be solved in
    // another basis, and find another tally).
    let mut nobody = rule.forms();
    nobody.push(Form::new(-1, 0, 0, 0, 0));
    let members = System::new(nobody)
        .first_feasible(*sizes.start(), *sizes.end())?
        .members;
    min_yes(rule, members).map(|tally| Witness { members, tally })
}

/// A rule with its system prepared once, for [`first_passing`] over many ranges of sizes.
#[derive(Debug, Clone)]
pub struct PassingRule {
    system: System,
}

impl PassingRule {
    /// Prepares the system of `rule`.
    pub fn new(rule: &Rule) -> PassingRule {
        PassingRule {
            system: System::new(rule.forms()),
        }
    }

    /// See [`first_passing`].
    pub fn first_passing(&self, sizes: RangeInclusive<u64>) -> Option<Witness> {
        self.system.first_feasible(*sizes.start(), *sizes.end())
    }
}

/// [`first_passing`] as it was first written: the first tally that passes `rule` and fails a rule that nothing
/// passes, through [`stricter`]. Kept for the test that [`PassingRule`] gives the same answers.
#[cfg(test)]
fn first_passing_through_stricter(rule: &Rule, sizes: RangeInclusive<u64>) -> Option<Witness> {
    // Every tally fails `never`, so the first tally that passes `rule` and fails `never` is the first passing one.
    let never = Rule::new(vec![Linear {
        yes: 0,
        no: 0,
        abstain: 0,
        members: 0,
        constant: -1,
        relation: Relation::Ge,
    }])
    .ok()?;
    stricter(rule, &never, sizes).err()
}

/// Everything the arithmetic says about `rule` over the sizes in `sizes`.
pub fn analyze(rule: &Rule, sizes: RangeInclusive<u64>) -> RuleAnalysis {
    CompiledRule::new(rule).analyze(sizes)
}

/// A rule with its systems prepared once, for many questions at many sizes.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    /// The rule.
    pass: System,
    /// The rule at a tally and at its mirror.
    mirror: System,
    /// The rule at a tie.
    tie_pass: System,
    /// A tie and the negation of one condition, per condition.
    tie_fail: Vec<System>,
}

impl CompiledRule {
    /// Prepares the systems of `rule`.
    pub fn new(rule: &Rule) -> CompiledRule {
        CompiledRule {
            pass: System::new(rule.forms()),
            mirror: mirror_system(rule),
            tie_pass: tie_pass_system(rule),
            tie_fail: tie_fail_systems(rule),
        }
    }

    /// See [`min_yes`].
    pub fn min_yes(&self, members: u64) -> Option<Tally> {
        self.pass.min_yes(members)
    }

    /// See [`mirror_passes`].
    pub fn mirror_passes(&self, members: u64) -> Option<Tally> {
        self.mirror.min_yes(members)
    }

    /// See [`tie`].
    pub fn tie(&self, members: u64) -> TieOutcome {
        tie_outcome(&self.tie_pass, &self.tie_fail, members)
    }

    /// See [`analyze`].
    pub fn analyze(&self, sizes: RangeInclusive<u64>) -> RuleAnalysis {
        let (from, to) = (*sizes.start(), *sizes.end());
        let mut cannot_pass: Vec<SizeRange> = Vec::new();
        let mut nobody: Option<u64> = None;
        // (yes, members) of the fewest yes votes and of the smallest share.
        let mut fewest: Option<(u64, u64)> = None;
        let mut smallest: Option<(u64, u64)> = None;
        if from <= to {
            for members in from..=to {
                let Some(yes) = self.pass.min_yes_count(members) else {
                    match cannot_pass.last_mut() {
                        Some(run) if run.to.checked_add(1) == Some(members) => run.to = members,
                        _ => cannot_pass.push(SizeRange {
                            from: members,
                            to: members,
                        }),
                    }
                    continue;
                };
                if yes == 0 && nobody.is_none() {
                    nobody = Some(members);
                }
                if fewest.is_none_or(|(least, _)| yes < least) {
                    fewest = Some((yes, members));
                }
                let smaller = |(least, of): (u64, u64)| {
                    u128::from(yes) * u128::from(of) < u128::from(least) * u128::from(members)
                };
                if members >= 1 && smallest.is_none_or(smaller) {
                    smallest = Some((yes, members));
                }
            }
        }
        let witness = |members: u64| {
            self.pass
                .min_yes(members)
                .map(|tally| Witness { members, tally })
        };
        let smallest_coalition =
            fewest
                .and_then(|(_, members)| witness(members))
                .map(|fewest_yes| SmallestCoalition {
                    fewest_yes,
                    smallest_share: smallest.and_then(|(_, members)| witness(members)).map(
                        |witness| Share {
                            numerator: witness.tally.yes,
                            denominator: witness.members,
                            witness,
                        },
                    ),
                });
        let first_failing = self
            .tie_fail
            .iter()
            .filter_map(|system| system.first_feasible(from.max(2), to))
            .min();
        RuleAnalysis {
            sizes: SizeRange { from, to },
            passes_at_some_size: fewest.is_some(),
            cannot_pass,
            passes_with_nobody_in_favour: nobody.and_then(witness),
            smallest_coalition,
            mirror: self.mirror.first_feasible(from, to),
            tie: TieSummary {
                first_passing: self.tie_pass.first_feasible(from.max(2), to),
                first_failing,
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Systems of the questions
// ---------------------------------------------------------------------------------------------------------------

/// The rule at `(y, x, a)` and at `(x, y, a)`.
fn mirror_system(rule: &Rule) -> System {
    let mut forms = rule.forms();
    let mirrored: Vec<Form> = forms.iter().map(|form| form.mirrored()).collect();
    forms.extend(mirrored);
    System::new(forms)
}

/// `x == y` and `y >= 1`.
const TIE: [Form; 3] = [
    Form::new(-1, 1, 0, 0, 0),
    Form::new(1, -1, 0, 0, 0),
    Form::new(1, 0, 0, 0, -1),
];

/// The rule at a tie.
fn tie_pass_system(rule: &Rule) -> System {
    let mut forms = rule.forms();
    forms.extend(TIE);
    System::new(forms)
}

/// A tie and the negation of one condition, per condition (two for an equality).
fn tie_fail_systems(rule: &Rule) -> Vec<System> {
    rule.constraints
        .iter()
        .flat_map(negations)
        .map(|piece| {
            let mut forms = TIE.to_vec();
            forms.push(piece);
            System::new(forms)
        })
        .collect()
}

/// What a tie does at size `members`, from the tie systems.
fn tie_outcome(passing: &System, failing: &[System], members: u64) -> TieOutcome {
    if members < 2 {
        return TieOutcome::Impossible;
    }
    let passing = passing.min_yes(members);
    let failing = failing
        .iter()
        .filter_map(|system| system.min_yes(members))
        .min();
    match (passing, failing) {
        (Some(passing), Some(failing)) => TieOutcome::Depends { passing, failing },
        (Some(example), None) => TieOutcome::Passes { example },
        (None, Some(example)) => TieOutcome::Fails { example },
        // Unreachable with at least two members: the tie (1, 1, 0) passes or fails.
        (None, None) => TieOutcome::Impossible,
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Inequalities in the tally's own coordinates
// ---------------------------------------------------------------------------------------------------------------

/// `yes*y + no*x + abstain*a + members*n + constant >= 0`. Coefficients are at most 2^40 + 1 in absolute value
/// (a rule's, negated, minus one), or those of the domain and the tie, which are smaller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Form {
    yes: i128,
    no: i128,
    abstain: i128,
    members: i128,
    constant: i128,
}

impl Form {
    const fn new(yes: i128, no: i128, abstain: i128, members: i128, constant: i128) -> Form {
        Form {
            yes,
            no,
            abstain,
            members,
            constant,
        }
    }

    /// The left-hand side of a linear form, as `... >= 0`.
    const fn of(linear: &Linear) -> Form {
        Form::new(
            linear.yes,
            linear.no,
            linear.abstain,
            linear.members,
            linear.constant,
        )
    }

    /// `-self`. In range: the coefficients are at most 2^40 + 1 in absolute value.
    const fn negated(self) -> Form {
        Form::new(
            -self.yes,
            -self.no,
            -self.abstain,
            -self.members,
            -self.constant,
        )
    }

    /// `self - 1`: over the integers, `self > 0` is `self - 1 >= 0`.
    const fn minus_one(self) -> Form {
        Form {
            constant: self.constant - 1,
            ..self
        }
    }

    /// The form at the mirror tally: yes and no swapped.
    const fn mirrored(self) -> Form {
        Form {
            yes: self.no,
            no: self.yes,
            ..self
        }
    }

    /// The value at `(y, x, a, n)`. Each term is below 2^41 · 2^64 in absolute value, so the sum of five is far
    /// inside `i128`.
    fn value(self, members: u64, tally: Tally) -> i128 {
        self.yes * i128::from(tally.yes)
            + self.no * i128::from(tally.no)
            + self.abstain * i128::from(tally.abstain)
            + self.members * i128::from(members)
            + self.constant
    }
}

/// `linear` as inequalities `>= 0`: `L >= 0`; `L - 1 >= 0` for `L > 0`; `L >= 0` and `-L >= 0` for `L == 0`.
fn push_forms(linear: &Linear, out: &mut Vec<Form>) {
    let form = Form::of(linear);
    match linear.relation {
        Relation::Ge => out.push(form),
        Relation::Gt => out.push(form.minus_one()),
        Relation::Eq => out.extend([form, form.negated()]),
    }
}

/// The ways `linear` can fail, each an inequality `>= 0`: `-L - 1 >= 0` for `L >= 0`; `-L >= 0` for `L > 0`;
/// `L - 1 >= 0` or `-L - 1 >= 0` for `L == 0`.
fn negations(linear: &Linear) -> Vec<Form> {
    let form = Form::of(linear);
    match linear.relation {
        Relation::Ge => vec![form.negated().minus_one()],
        Relation::Gt => vec![form.negated()],
        Relation::Eq => vec![form.minus_one(), form.negated().minus_one()],
    }
}

/// The domain: `y >= 0`, `x >= 0`, `a >= 0`, `n - y - x - a >= 0`.
const DOMAIN: [Form; 4] = [
    Form::new(1, 0, 0, 0, 0),
    Form::new(0, 1, 0, 0, 0),
    Form::new(0, 0, 1, 0, 0),
    Form::new(-1, -1, -1, 1, 0),
];

// ---------------------------------------------------------------------------------------------------------------
// Inequalities in a basis (y, m, i), and Fourier–Motzkin
// ---------------------------------------------------------------------------------------------------------------

/// `yes*y + middle*m + inner*i + members*n + constant >= 0` in a [`Basis`]. The field order makes sorting group
/// parallel inequalities with the tightest (smallest constant) first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Ineq {
    yes: i128,
    middle: i128,
    inner: i128,
    members: i128,
    constant: i128,
}

/// A unimodular change of the `(x, a)` coordinates: `x = no.0 * i + no.1 * m`, `a = abstain.0 * i + abstain.1 * m`.
#[derive(Debug, Clone, Copy)]
struct Basis {
    no: (i128, i128),
    abstain: (i128, i128),
}

/// The bases tried, in order: the inner and middle variables among `x`, `a` and `s = x + a`.
const BASES: [Basis; 6] = [
    // i = a, m = x
    Basis {
        no: (0, 1),
        abstain: (1, 0),
    },
    // i = x, m = a
    Basis {
        no: (1, 0),
        abstain: (0, 1),
    },
    // i = x, m = s: a = s - x
    Basis {
        no: (1, 0),
        abstain: (-1, 1),
    },
    // i = a, m = s: x = s - a
    Basis {
        no: (-1, 1),
        abstain: (1, 0),
    },
    // i = s, m = x: a = s - x
    Basis {
        no: (0, 1),
        abstain: (1, -1),
    },
    // i = s, m = a: x = s - a
    Basis {
        no: (1, -1),
        abstain: (0, 1),
    },
];

impl Basis {
    /// `form` in this basis. The entries are -1, 0 or 1, so coefficients at most double.
    fn apply(self, form: &Form) -> Ineq {
        Ineq {
            yes: form.yes,
            middle: form.no * self.no.1 + form.abstain * self.abstain.1,
            inner: form.no * self.no.0 + form.abstain * self.abstain.0,
            members: form.members,
            constant: form.constant,
        }
    }

    /// The tally at `(y, m, i)`; `None` if a count is negative, which the domain inequalities rule out.
    fn tally(self, yes: i128, middle: i128, inner: i128) -> Option<Tally> {
        let no = self.no.0 * inner + self.no.1 * middle;
        let abstain = self.abstain.0 * inner + self.abstain.1 * middle;
        Some(Tally {
            yes: u64::try_from(yes).ok()?,
            no: u64::try_from(no).ok()?,
            abstain: u64::try_from(abstain).ok()?,
        })
    }
}

/// A variable of a basis.
#[derive(Debug, Clone, Copy)]
enum Var {
    Yes,
    Middle,
    Inner,
}

impl Var {
    const fn coefficient(self, ineq: &Ineq) -> i128 {
        match self {
            Var::Yes => ineq.yes,
            Var::Middle => ineq.middle,
            Var::Inner => ineq.inner,
        }
    }
}

/// The greatest common divisor.
fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        // Most coefficients fit in 64 bits, where division is a single instruction.
        if let (Ok(small_a), Ok(small_b)) = (u64::try_from(a), u64::try_from(b)) {
            return u128::from(gcd_u64(small_a, small_b));
        }
        (a, b) = (b, a % b);
    }
    a
}

/// The greatest common divisor of two 64-bit numbers.
fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `floor(a / b)` for `b > 0`.
fn floor_div(a: i128, b: i128) -> i128 {
    if b == 1 {
        return a;
    }
    // A 64-bit division is a single instruction; a 128-bit one is a library call.
    if let (Ok(small_a), Ok(small_b)) = (i64::try_from(a), i64::try_from(b)) {
        return i128::from(small_a.div_euclid(small_b));
    }
    a.div_euclid(b)
}

/// `ceil(a / b)` for `b > 0`.
fn ceil_div(a: i128, b: i128) -> i128 {
    -floor_div(-a, b)
}

/// An inequality after normalization.
enum Normalized {
    /// Holds at every integer point with `n >= 0`.
    Always,
    /// Holds nowhere.
    Never,
    /// Divided by the gcd of its coefficients, its constant rounded down (in place).
    Keep,
}

/// Divides an inequality by the gcd `g` of its variable coefficients (`n` included: it is an integer too) and
/// rounds the constant down: `g*e + k >= 0` is `e >= -k/g`, that is `e + floor(k/g) >= 0`, on integer points.
fn normalize(ineq: &mut Ineq) -> Normalized {
    let parts = [ineq.yes, ineq.middle, ineq.inner, ineq.members];
    let mut divisor = 0;
    for part in parts {
        // Most inequalities have a coefficient of ±1, after which the gcd cannot change.
        if divisor == 1 {
            break;
        }
        divisor = gcd(divisor, part.unsigned_abs());
    }
    let only_members = ineq.yes == 0 && ineq.middle == 0 && ineq.inner == 0;
    if divisor == 0 {
        return if ineq.constant >= 0 {
            Normalized::Always
        } else {
            Normalized::Never
        };
    }
    if only_members && ineq.members > 0 && ineq.constant >= 0 {
        return Normalized::Always;
    }
    // The coefficients are within ±2^125, so the divisor fits; if it did not, the inequality is kept as is.
    let Ok(d) = i128::try_from(divisor) else {
        return Normalized::Keep;
    };
    if d == 1 {
        return Normalized::Keep;
    }
    *ineq = Ineq {
        yes: exact_div(ineq.yes, d),
        middle: exact_div(ineq.middle, d),
        inner: exact_div(ineq.inner, d),
        members: exact_div(ineq.members, d),
        constant: floor_div(ineq.constant, d),
    };
    Normalized::Keep
}

/// `a / d` for `d > 1` that divides `a`.
fn exact_div(a: i128, d: i128) -> i128 {
    // A 64-bit division is a single instruction; a 128-bit one is a library call. (`d > 1`, so neither can
    // overflow.)
    if let (Ok(small_a), Ok(small_d)) = (i64::try_from(a), i64::try_from(d)) {
        return i128::from(small_a / small_d);
    }
    a / d
}

/// Normalizes, sorts, and drops duplicates and inequalities dominated by a parallel one. `None` when one holds
/// nowhere.
fn tidy(ineqs: Vec<Ineq>) -> Option<Vec<Ineq>> {
    tidy_after(ineqs, 0)
}

/// [`tidy`], for inequalities of which the first `normalized` are normalized already: those an elimination
/// passes on from a tidied system. Normalizing is idempotent (the gcd of a normalized inequality is 1, and one
/// that holds everywhere or nowhere was dropped), so they are not normalized again.
fn tidy_after(mut ineqs: Vec<Ineq>, normalized: usize) -> Option<Vec<Ineq>> {
    // In place: the inequalities come in a vector of their own, and a system is tidied several times per basis.
    let mut never = false;
    let mut index = 0;
    ineqs.retain_mut(|ineq| {
        index += 1;
        if index <= normalized {
            return true;
        }
        match normalize(ineq) {
            Normalized::Always => false,
            Normalized::Never => {
                never = true;
                false
            }
            Normalized::Keep => true,
        }
    });
    if never {
        return None;
    }
    keep_tightest(&mut ineqs, normalized);
    Some(ineqs)
}

/// The most inequalities that [`keep_tightest`] compares pairwise rather than sorting. The systems of vote rules
/// have 5 to 10 inequalities per level, where sorting 80-byte inequalities costs more than comparing each with
/// those kept before it.
const PAIRWISE_DEDUP_LIMIT: usize = 32;

/// Drops duplicates and inequalities dominated by a parallel one (same coefficients, larger constant), keeping
/// one per direction with the smallest constant, the tightest. The first `distinct` inequalities are known to be
/// pairwise non-parallel (those an elimination passes on from a tidied system), so they are not compared with
/// each other. Only which inequalities are kept matters, not their order: every use of a level computes a
/// minimum, a maximum or an interval over all of them.
fn keep_tightest(ineqs: &mut Vec<Ineq>, distinct: usize) {
    if ineqs.len() > PAIRWISE_DEDUP_LIMIT {
        ineqs.sort_unstable();
        // Among parallel inequalities, sorting puts the smallest constant, the tightest, first.
        ineqs.dedup_by(|later, first| parallel(later, first));
        return;
    }
    let first_compared = distinct.min(ineqs.len());
    let mut kept = first_compared;
    for index in first_compared..ineqs.len() {
        let (head, tail) = ineqs.split_at_mut(index);
        let Some(&candidate) = tail.first() else {
            break;
        };
        let earlier = head.get_mut(..kept).unwrap_or_default();
        if let Some(known) = earlier.iter_mut().find(|known| parallel(known, &candidate)) {
            known.constant = known.constant.min(candidate.constant);
        } else {
            // Moves the candidate down over a dropped one; when nothing was dropped yet (`kept == index`), it is in
            // place already.
            if let Some(slot) = head.get_mut(kept) {
                *slot = candidate;
            }
            kept += 1;
        }
    }
    ineqs.truncate(kept);
}

/// Whether two inequalities have the same coefficients (their constants may differ).
fn parallel(a: &Ineq, b: &Ineq) -> bool {
    (a.yes, a.middle, a.inner, a.members) == (b.yes, b.middle, b.inner, b.members)
}

/// The result of eliminating a variable.
enum Eliminated {
    /// The projection; `exact` when every integer point of it extends to an integer value of the variable.
    Projection { ineqs: Vec<Ineq>, exact: bool },
    /// The projection has an inequality that holds nowhere: the system has no solution at any size.
    Never,
    /// A coefficient would leave ±2^125.
    Overflow,
}

/// `value` if it is within ±[`ELIMINATION_LIMIT`].
fn bounded(value: Option<i128>) -> Option<i128> {
    value.filter(|v| v.unsigned_abs() <= ELIMINATION_LIMIT.unsigned_abs())
}

/// `q * lower + p * upper`, checked.
fn combine(lower: &Ineq, q: i128, upper: &Ineq, p: i128) -> Option<Ineq> {
    let mix = |l: i128, u: i128| bounded(l.checked_mul(q)?.checked_add(u.checked_mul(p)?));
    Some(Ineq {
        yes: mix(lower.yes, upper.yes)?,
        middle: mix(lower.middle, upper.middle)?,
        inner: mix(lower.inner, upper.inner)?,
        members: mix(lower.members, upper.members)?,
        constant: mix(lower.constant, upper.constant)?,
    })
}

/// `q * lower + p * upper` for multipliers and coefficients within ±2^62, where it cannot overflow and stays
/// within ±2^125: each product is within ±2^124.
fn combine_small(lower: &Ineq, q: i128, upper: &Ineq, p: i128) -> Ineq {
    combine_each(lower, upper, |l, u| l * q + u * p)
}

/// `q * lower + p * upper` for multipliers and coefficients below 2^31 in absolute value, in 64-bit arithmetic:
/// each product is below 2^62 and their sum below 2^63, so it cannot overflow, and the result is that of
/// [`combine_small`].
fn combine_tiny(lower: &Ineq, q: i128, upper: &Ineq, p: i128) -> Ineq {
    // Lossless: every operand is below 2^31 in absolute value.
    let (q, p) = (q as i64, p as i64);
    combine_each(lower, upper, |l, u| i128::from(l as i64 * q + u as i64 * p))
}

/// The inequality whose every coefficient and constant is `mix` of those of `lower` and `upper`.
fn combine_each(lower: &Ineq, upper: &Ineq, mix: impl Fn(i128, i128) -> i128) -> Ineq {
    Ineq {
        yes: mix(lower.yes, upper.yes),
        middle: mix(lower.middle, upper.middle),
        inner: mix(lower.inner, upper.inner),
        members: mix(lower.members, upper.members),
        constant: mix(lower.constant, upper.constant),
    }
}

/// The absolute values of the coefficients and the constant of `ineq`, or-ed together: for a power of two `b`,
/// it is below `b` exactly when each of them is.
fn magnitude(ineq: &Ineq) -> u128 {
    ineq.yes.unsigned_abs()
        | ineq.middle.unsigned_abs()
        | ineq.inner.unsigned_abs()
        | ineq.members.unsigned_abs()
        | ineq.constant.unsigned_abs()
}

/// Fourier–Motzkin elimination of `var`: the inequalities without it, and for each lower bound `p*v + L >= 0`
/// (`p > 0`) and upper bound `-q*v + U >= 0` (`q > 0`), `q*L + p*U >= 0`. `source` is the result of [`tidy`].
fn eliminate(source: &[Ineq], var: Var) -> Eliminated {
    let lower = || source.iter().filter(|ineq| var.coefficient(ineq) > 0);
    let upper = || source.iter().filter(|ineq| var.coefficient(ineq) < 0);
    // One pass over `source` for the counts, the exactness and the size of the coefficients of the bounds (the
    // only inequalities that are multiplied).
    let (mut lowers, mut uppers) = (0usize, 0usize);
    let (mut unit_lowers, mut unit_uppers) = (true, true);
    let mut bounds_magnitude = 0;
    for ineq in source {
        let coefficient = var.coefficient(ineq);
        if coefficient > 0 {
            lowers += 1;
            unit_lowers &= coefficient == 1;
            bounds_magnitude |= magnitude(ineq);
        } else if coefficient < 0 {
            uppers += 1;
            unit_uppers &= coefficient == -1;
            bounds_magnitude |= magnitude(ineq);
        }
    }
    // Every coefficient and constant of the bounds (and so every multiplier) below 2^31, or 2^62, in absolute value.
    let tiny = bounds_magnitude < 1 << 31;
    let small = bounds_magnitude < 1 << 62;
    let exact = unit_lowers || unit_uppers;
    let mut result = Vec::with_capacity(source.len() - lowers - uppers + lowers * uppers);
    result.extend(
        source
            .iter()
            .filter(|ineq| var.coefficient(ineq) == 0)
            .copied(),
    );
    // `source` is tidied: what it passes on is normalized, and no two of those are parallel, so with nothing to
    // combine the projection is tidied already.
    let passed_on = result.len();
    if lowers == 0 || uppers == 0 {
        return Eliminated::Projection {
            ineqs: result,
            exact,
        };
    }
    // The coefficients of vote rules are small (`tiny` above): then no combination needs checked arithmetic, nor
    // 128-bit products (the multipliers are coefficients of the bounds too), and the result is the same.
    for l in lower() {
        for u in upper() {
            let (p, q) = (var.coefficient(l), -var.coefficient(u));
            if tiny {
                result.push(combine_tiny(l, q, u, p));
                continue;
            }
            if small {
                result.push(combine_small(l, q, u, p));
                continue;
            }
            match combine(l, q, u, p) {
                Some(ineq) => result.push(ineq),
                None => return Eliminated::Overflow,
            }
        }
    }
    match tidy_after(result, passed_on) {
        Some(ineqs) => Eliminated::Projection { ineqs, exact },
        None => Eliminated::Never,
    }
}

/// The integers `t` in `[0, high]` with `coefficient * t + rest >= 0` for every `(coefficient, rest)`, as an
/// interval; `None` when there are none.
#[inline]
fn integer_interval(high: i128, terms: impl Iterator<Item = (i128, i128)>) -> Option<(i128, i128)> {
    let (mut low, mut high) = (0, high);
    for (coefficient, rest) in terms {
        if coefficient > 0 {
            low = low.max(ceil_div(-rest, coefficient));
        } else if coefficient < 0 {
            high = high.min(floor_div(rest, -coefficient));
        } else if rest < 0 {
            return None;
        }
        if low > high {
            return None;
        }
    }
    Some((low, high))
}

// ---------------------------------------------------------------------------------------------------------------
// Solving a system
// ---------------------------------------------------------------------------------------------------------------

/// A system of inequalities over tallies, domain included, with the way to solve it.
#[derive(Debug, Clone)]
struct System {
    /// The inequalities in the tally's coordinates, domain included.
    forms: Vec<Form>,
    solver: Solver,
}

/// How a system is solved.
#[derive(Debug, Clone)]
enum Solver {
    /// No solution at any size.
    Never,
    /// Fourier–Motzkin projections in a basis.
    Projected(Box<Plan>),
    /// Every basis overflows: enumerate `y` and `x`, and solve for `a`.
    Exhaustive,
}

/// The projections of a system in one basis.
#[derive(Debug, Clone)]
struct Plan {
    basis: Basis,
    /// Over `(y, m, i, n)`.
    level0: Vec<Ineq>,
    /// Over `(y, m, n)`: `i` eliminated.
    level1: Vec<Ineq>,
    /// Over `(y, n)`: `m` eliminated.
    level2: Vec<Ineq>,
    /// Whether eliminating `i` is exact.
    inner_exact: bool,
    /// Whether eliminating `m` is exact.
    middle_exact: bool,
    /// The sizes that level 3 (`y` eliminated) allows: a necessary condition, and a sufficient one when the
    /// three eliminations are exact.
    sizes: (u64, u64),
    /// The largest size at which every inequality of levels 0 to 2 evaluates within ±2^126 for counts in `[0, n]`.
    max_members: u64,
}

impl System {
    fn new(mut forms: Vec<Form>) -> System {
        // Many systems the checks ask about have no solution (a rule with the negation of a condition it
        // states, a rule with its own mirror when it requires more yes than no votes): two opposite inequalities
        // say so without projecting anything.
        if has_opposite_pair(&forms) {
            return System {
                forms,
                solver: Solver::Never,
            };
        }
        forms.extend(DOMAIN);
        let solver = Solver::build(&forms);
        System { forms, solver }
    }

    /// The least `y` of a solution at size `members`, with the solution.
    fn min_yes(&self, members: u64) -> Option<Tally> {
        match &self.solver {
            Solver::Never => None,
            Solver::Projected(plan) if members <= plan.max_members => {
                let (yes, middle, inner) = plan.min_yes(i128::from(members))?;
                plan.basis.tally(yes, middle, inner)
            }
            Solver::Projected(_) | Solver::Exhaustive => exhaustive_min_yes(&self.forms, members),
        }
    }

    /// The least `y` of a solution at size `members`, without building the rest of the solution when the plan is
    /// exact.
    fn min_yes_count(&self, members: u64) -> Option<u64> {
        match &self.solver {
            Solver::Never => None,
            Solver::Projected(plan) if members <= plan.max_members => {
                u64::try_from(plan.min_yes_count(i128::from(members))?).ok()
            }
            Solver::Projected(_) | Solver::Exhaustive => {
                exhaustive_min_yes(&self.forms, members).map(|t| t.yes)
            }
        }
    }

    /// The first size in `from..=to` with a solution, and its solution of least `y`.
    fn first_feasible(&self, from: u64, to: u64) -> Option<Witness> {
        let (from, to) = match &self.solver {
            Solver::Never => return None,
            Solver::Projected(plan) => (from.max(plan.sizes.0), to.min(plan.sizes.1)),
            Solver::Exhaustive => (from, to),
        };
        // When the plan is exact, the first size of the level-3 interval has a solution: one iteration.
        (from..=to).find_map(|members| {
            self.min_yes(members)
                .map(|tally| Witness { members, tally })
        })
    }
}

/// Whether two of `forms` contradict each other: `L + k >= 0` and `-L + j >= 0` with `k + j < 0`, which no point
/// satisfies, integer or not.
fn has_opposite_pair(forms: &[Form]) -> bool {
    forms.iter().enumerate().any(|(index, a)| {
        forms.iter().skip(index + 1).any(|b| {
            // The coefficients are at most 2^40 + 1 in absolute value (see `Form`), so the sums cannot overflow.
            a.yes + b.yes == 0
                && a.no + b.no == 0
                && a.abstain + b.abstain == 0
                && a.members + b.members == 0
                && a.constant + b.constant < 0
        })
    })
}

impl Solver {
    /// Projects the system in the first basis where both inner eliminations are exact, else in the first where
    /// the most are.
    fn build(forms: &[Form]) -> Solver {
        let mut best: Option<(u8, Plan)> = None;
        for basis in BASES {
            let Some(level0) = tidy(forms.iter().map(|form| basis.apply(form)).collect()) else {
                return Solver::Never;
            };
            let (level1, inner_exact) = match eliminate(&level0, Var::Inner) {
                Eliminated::Projection { ineqs, exact } => (ineqs, exact),
                Eliminated::Never => return Solver::Never,
                Eliminated::Overflow => continue,
            };
            let (level2, middle_exact) = match eliminate(&level1, Var::Middle) {
                Eliminated::Projection { ineqs, exact } => (ineqs, exact),
                Eliminated::Never => return Solver::Never,
                Eliminated::Overflow => continue,
            };
            let rank = 2 * u8::from(inner_exact) + u8::from(middle_exact);
            if best.as_ref().is_some_and(|(known, _)| rank <= *known) {
                continue;
            }
            // Level 3 only narrows the sizes to try: when it overflows, every size is tried.
            let sizes = match eliminate(&level2, Var::Yes) {
                Eliminated::Projection { ineqs, .. } => match size_interval(&ineqs) {
                    Some(sizes) => sizes,
                    None => return Solver::Never,
                },
                Eliminated::Never => return Solver::Never,
                Eliminated::Overflow => (0, u64::MAX),
            };
            let max_members = [&level0, &level1, &level2]
                .into_iter()
                .flatten()
                .map(max_members)
                .min()
                .unwrap_or(u64::MAX);
            let plan = Plan {
                basis,
                level0,
                level1,
                level2,
                inner_exact,
                middle_exact,
                sizes,
                max_members,
            };
            best = Some((rank, plan));
            if rank == 3 {
                break;
            }
        }
        match best {
            Some((_, plan)) => Solver::Projected(Box::new(plan)),
            None => Solver::Exhaustive,
        }
    }
}

/// The sizes allowed by inequalities in `n` alone; `None` when there are none.
fn size_interval(ineqs: &[Ineq]) -> Option<(u64, u64)> {
    let terms = ineqs.iter().map(|ineq| (ineq.members, ineq.constant));
    let (low, high) = integer_interval(i128::from(u64::MAX), terms)?;
    Some((u64::try_from(low).ok()?, u64::try_from(high).ok()?))
}

/// The largest `n` such that `|yes|n + |middle|n + |inner|n + |members|n + |constant| <= 2^126`: then the
/// inequality and every partial sum of it evaluate inside `i128` at any point with counts in `[0, n]`.
fn max_members(ineq: &Ineq) -> u64 {
    // Each coefficient is within ±2^125 (elimination checks it), so the sum of four fits in u128.
    let weight = ineq.yes.unsigned_abs()
        + ineq.middle.unsigned_abs()
        + ineq.inner.unsigned_abs()
        + ineq.members.unsigned_abs();
    let headroom = EVALUATION_LIMIT.saturating_sub(ineq.constant.unsigned_abs());
    match headroom.checked_div(weight) {
        Some(bound) => u64::try_from(bound).unwrap_or(u64::MAX),
        None => u64::MAX,
    }
}

// In the methods below, `n <= max_members` and every count is in `[0, n]`, so each `+` and `*` stays within
// ±2^126 (see `max_members`): the arithmetic cannot overflow.
impl Plan {
    /// The `y` that level 2 allows at size `n`.
    fn yes_interval(&self, n: i128) -> Option<(i128, i128)> {
        integer_interval(
            n,
            self.level2
                .iter()
                .map(|c| (c.yes, c.members * n + c.constant)),
        )
    }

    /// The `m` that level 1 allows at `(y, n)`.
    fn middle_interval(&self, n: i128, yes: i128) -> Option<(i128, i128)> {
        integer_interval(
            n,
            self.level1
                .iter()
                .map(|c| (c.middle, c.members * n + c.constant + c.yes * yes)),
        )
    }

    /// The `i` that level 0 allows at `(y, m, n)`.
    fn inner_interval(&self, n: i128, yes: i128, middle: i128) -> Option<(i128, i128)> {
        let terms = self.level0.iter().map(|c| {
            (
                c.inner,
                c.members * n + c.constant + c.yes * yes + c.middle * middle,
            )
        });
        integer_interval(n, terms)
    }

    /// A solution `(m, i)` at `(y, n)`, the least `m` first.
    fn complete(&self, n: i128, yes: i128) -> Option<(i128, i128)> {
        let (low, high) = self.middle_interval(n, yes)?;
        // With an exact inner elimination, the first `m` completes.
        (low..=high).find_map(|middle| {
            self.inner_interval(n, yes, middle)
                .map(|(inner, _)| (middle, inner))
        })
    }

    /// Whether there is a solution at `(y, n)`.
    fn completes(&self, n: i128, yes: i128) -> bool {
        if self.inner_exact {
            self.middle_interval(n, yes).is_some()
        } else {
            self.complete(n, yes).is_some()
        }
    }

    /// Whether level 3 allows size `n`.
    fn allows_size(&self, n: i128) -> bool {
        i128::from(self.sizes.0) <= n && n <= i128::from(self.sizes.1)
    }

    /// The solution `(y, m, i)` of least `y` at size `n`.
    fn min_yes(&self, n: i128) -> Option<(i128, i128, i128)> {
        if !self.allows_size(n) {
            return None;
        }
        let (low, high) = self.yes_interval(n)?;
        (low..=high).find_map(|yes| {
            self.complete(n, yes)
                .map(|(middle, inner)| (yes, middle, inner))
        })
    }

    /// The least `y` of a solution at size `n`.
    fn min_yes_count(&self, n: i128) -> Option<i128> {
        if !self.allows_size(n) {
            return None;
        }
        let (low, high) = self.yes_interval(n)?;
        if self.inner_exact && self.middle_exact {
            return Some(low);
        }
        (low..=high).find(|&yes| self.completes(n, yes))
    }
}

/// The solution of least `y` at size `members` by enumerating `y` and `x` and solving for `a`: O(n²). Each form's
/// coefficients are at most 2^40 + 1 in absolute value and each count at most 2^64, so the values stay far inside
/// `i128`.
fn exhaustive_min_yes(forms: &[Form], members: u64) -> Option<Tally> {
    let n = i128::from(members);
    (0..=members).find_map(|yes| {
        let y = i128::from(yes);
        (0..=members - yes).find_map(|no| {
            let x = i128::from(no);
            let terms = forms
                .iter()
                .map(|f| (f.abstain, f.yes * y + f.no * x + f.members * n + f.constant));
            let (abstain, _) = integer_interval(n - y - x, terms)?;
            Some(Tally {
                yes,
                no,
                abstain: u64::try_from(abstain).ok()?,
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(
        yes: i128,
        no: i128,
        abstain: i128,
        members: i128,
        constant: i128,
        relation: Relation,
    ) -> Linear {
        Linear {
            yes,
            no,
            abstain,
            members,
            constant,
            relation,
        }
    }

    /// `yes >= 60% of cast` and a quorum of 60% of members not counting abstentions.
    fn sixty_percent() -> Rule {
        Rule::new(vec![
            linear(2, -3, 0, 0, 0, Relation::Ge),
            linear(5, 5, 0, -3, 0, Relation::Ge),
        ])
        .unwrap()
    }

    #[test]
    fn sixty_percent_of_cast_with_a_quorum_not_counting_abstentions() {
        let rule = sixty_percent();
        assert_eq!(min_yes(&rule, 25), Some(Tally::new(9, 6, 0)));
        // 4 yes votes would need 3 no votes for the quorum (7 of 11 >= 6.6), and 4 < 60% of 7.
        assert_eq!(min_yes(&rule, 11).map(|t| t.yes), Some(5));
        assert_eq!(passes_with_nobody_in_favour(&rule, 10), None);
        assert_eq!(mirror_passes(&rule, 10), None);
    }

    #[test]
    fn exhaustive_enumeration_agrees_with_the_projections() {
        let rule = sixty_percent();
        let system = System::new(rule.forms());
        assert!(matches!(system.solver, Solver::Projected(_)));
        for n in 0..40 {
            assert_eq!(
                system.min_yes(n).map(|t| t.yes),
                exhaustive_min_yes(&system.forms, n).map(|t| t.yes)
            );
        }
    }

    #[test]
    fn huge_coefficients_fall_back_to_enumeration() {
        let q = (1i128 << 40) - 87;
        let p = q / 3 * 2 + 1;
        // yes >= p/q of cast; quorum p/q of members counting abstentions.
        let rule = Rule::new(vec![
            linear(q - p, -p, 0, 0, 0, Relation::Ge),
            linear(q, q, q, -p, 0, Relation::Ge),
        ])
        .unwrap();
        let compiled = CompiledRule::new(&rule);
        assert!(matches!(
            compiled.pass.solver,
            Solver::Exhaustive | Solver::Projected(_)
        ));
        for n in 0..12 {
            let expected = exhaustive_min_yes(&compiled.pass.forms, n);
            assert_eq!(compiled.min_yes(n), expected);
        }
    }

    #[test]
    fn a_prepared_rule_finds_the_same_first_passing_tally_as_stricter() {
        let rules = [
            sixty_percent(),
            Rule::new(vec![linear(1, 0, 0, 0, -5, Relation::Ge)]).unwrap(),
            Rule::new(vec![linear(0, 0, 0, 0, -1, Relation::Ge)]).unwrap(),
            Rule::new(vec![
                linear(1, -1, 0, 0, 0, Relation::Gt),
                linear(0, 1, 0, 0, 0, Relation::Eq),
            ])
            .unwrap(),
            Rule::new(Vec::new()).unwrap(),
        ];
        for rule in &rules {
            let prepared = PassingRule::new(rule);
            for (from, to) in [(0, 0), (0, 30), (3, 12), (7, 5), (11, 11), (20, 1000)] {
                assert_eq!(
                    prepared.first_passing(from..=to),
                    first_passing_through_stricter(rule, from..=to),
                    "{rule:?} over {from}..={to}"
                );
            }
        }
    }

    #[test]
    fn the_first_tally_with_nobody_in_favour_is_that_of_analyze() {
        let rules = [
            sixty_percent(),
            // no <= 1/3 of members: passes with nobody in favour at every size.
            Rule::new(vec![linear(0, -3, 0, 1, 0, Relation::Ge)]).unwrap(),
            // yes >= 2/3 of members: only at size 0.
            Rule::new(vec![linear(3, 0, 0, -2, 0, Relation::Ge)]).unwrap(),
            // A turnout of at least 5 and no more than 2 no votes: abstentions alone pass from size 5.
            Rule::new(vec![
                linear(1, 1, 1, 0, -5, Relation::Ge),
                linear(0, -1, 0, 0, 2, Relation::Ge),
            ])
            .unwrap(),
            Rule::new(vec![linear(1, -1, 0, 0, 0, Relation::Ge)]).unwrap(),
            Rule::new(Vec::new()).unwrap(),
        ];
        for rule in &rules {
            for (from, to) in [(0, 0), (0, 30), (1, 40), (3, 12), (7, 5), (6, 6), (1, 1000)] {
                assert_eq!(
                    first_passing_with_nobody_in_favour(rule, from..=to),
                    analyze(rule, from..=to).passes_with_nobody_in_favour,
                    "{rule:?} over {from}..={to}"
                );
            }
        }
    }

    #[test]
    fn coefficients_out_of_range_are_refused() {
        assert!(Rule::new(vec![linear(MAX_COEFFICIENT + 1, 0, 0, 0, 0, Relation::Ge)]).is_err());
        assert!(Rule::new(vec![linear(-MAX_COEFFICIENT, 0, 0, 0, 0, Relation::Ge)]).is_ok());
    }
}
