//! Two vote rules compared with the exact arithmetic: stricter, weaker, incomparable or the same, with witnesses.
//!
//! Rule A is at least as strict as rule B when every tally that passes A also passes B, at every electorate size
//! both may have ([`arithmetic::stricter`]). Comparing both ways gives the [`Direction`]. An ambiguous rule is
//! compared reading by reading: readings that make the same choices are paired when both rules have the same
//! ambiguous parts, otherwise every reading of one is compared with every reading of the other. The direction
//! holds "under every reading" when every pair agrees, and "under some readings" when some pairs are the same
//! and the others agree; pairs that disagree make the rules incomparable. Rules are compared over the electorate
//! sizes both may have, from one member up: with nobody to vote, there is no vote to compare.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::RangeInclusive;

use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::arithmetic::{
    self, ReadingChoice, ReadingLabel, ReadingsError, Rule, Share, SizeRange, Tally, Witness,
};
use crate::analysis::electorate::{self, Sizes};
use crate::analysis::votes::{self, ReadingAnalysis};
use crate::compare::words;
use crate::ir;

/// How a rule compares with another: of the right-hand (new) rule relative to the left-hand (old) one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Harder to pass: every tally that passes the new rule passed the old one, and some that passed no longer do.
    Stricter,
    /// Easier to pass: every tally that passed the old rule passes the new one, and some that failed now pass.
    Weaker,
    /// Some tallies newly pass and others newly fail.
    Incomparable,
    /// Exactly the same tallies pass.
    Same,
}

impl Direction {
    /// The direction seen from the other side: stricter and weaker swap.
    pub fn mirror(self) -> Direction {
        match self {
            Direction::Stricter => Direction::Weaker,
            Direction::Weaker => Direction::Stricter,
            other => other,
        }
    }

    /// The lower-case word: `stricter`, `weaker`, `incomparable`, `same`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Stricter => "stricter",
            Direction::Weaker => "weaker",
            Direction::Incomparable => "incomparable",
            Direction::Same => "same",
        }
    }
}

/// Whether a direction holds under every pair of readings compared, or only under some.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every pair of readings compared gives the direction (always the case for unambiguous rules).
    EveryReading,
    /// Some pairs give it, and the others are the same.
    SomeReadings,
}

/// A vote rule with its readings analysed over its electorate's sizes.
#[derive(Debug, Clone)]
pub struct RuleFacts<'a> {
    /// The rule.
    pub rule: &'a ir::VoteRule,
    /// The sizes its electorate may have.
    pub sizes: Sizes,
    /// Every reading with its figures, or why there are too many.
    pub readings: Result<Vec<ReadingAnalysis>, ReadingsError>,
}

impl<'a> RuleFacts<'a> {
    /// Analyses every reading of `rule`, a rule of `charter`.
    pub fn of(charter: &ir::Charter, rule: &'a ir::VoteRule) -> RuleFacts<'a> {
        let (sizes, readings) = votes::analyze_readings(charter, rule);
        RuleFacts {
            rule,
            sizes,
            readings,
        }
    }

    /// The analysed readings; empty when there are too many.
    pub fn readings(&self) -> &[ReadingAnalysis] {
        self.readings.as_deref().unwrap_or_default()
    }

    /// Whether the rule has more than one reading.
    pub fn is_ambiguous(&self) -> bool {
        self.readings().len() > 1
    }

    /// The smallest winning coalition: the smallest share of members in favour under the reading that allows
    /// the least, and under the reading that needs the most.
    pub fn coalition(&self) -> Coalition {
        let mut least: Option<ReadingShare> = None;
        let mut most: Option<ReadingShare> = None;
        for reading in self.readings() {
            let Some(share) = votes::smallest_share(reading) else {
                continue;
            };
            let candidate = ReadingShare {
                share: *share,
                reading: votes::label_words(&reading.label),
            };
            if least
                .as_ref()
                .is_none_or(|known| votes::share_is_smaller(share, &known.share))
            {
                least = Some(candidate.clone());
            }
            if most
                .as_ref()
                .is_none_or(|known| votes::share_is_smaller(&known.share, share))
            {
                most = Some(candidate);
            }
        }
        Coalition {
            least,
            most,
            sizes: self.sizes.range,
        }
    }
}

/// What the arithmetic of a rule depends on: the sizes of its electorate and its readings (labels and
/// inequalities), as [`votes::analyze_readings`] computes them before analysing each reading. Two rules with the
/// same key have the same [`RuleFacts`] apart from the `rule` they point to, so they compare and analyse alike.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ArithmeticKey {
    sizes: Sizes,
    readings: Result<Vec<(ReadingLabel, Rule)>, ReadingsError>,
}

impl ArithmeticKey {
    /// The key of `rule`, a rule of `charter`: what [`votes::analyze_readings`] computes before the analysis of
    /// each reading over every size, which is what costs.
    fn of(charter: &ir::Charter, rule: &ir::VoteRule) -> ArithmeticKey {
        ArithmeticKey {
            sizes: electorate::electorate_sizes(charter, &rule.electorate),
            readings: arithmetic::readings(rule),
        }
    }
}

impl Hash for ArithmeticKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Labels and errors are not `Hash`; hashing part of what `Eq` compares keeps equal keys' hashes equal.
        self.sizes.range.hash(state);
        if let Ok(readings) = &self.readings {
            for (_, rule) in readings {
                rule.hash(state);
            }
        }
    }
}

/// The vote arithmetic of many rules, each distinct rule analysed once and each question of strictness asked
/// once.
///
/// Comparing many charters meets the same few rules again and again (a thousand charters written from a handful
/// of templates have a few hundred distinct rules), and analysing a rule or asking whether one reading is
/// stricter than another is what costs. A vote rule is therefore known by an id, given to every rule with the
/// same `ArithmeticKey`, whose facts are computed once; and the answers of [`arithmetic::stricter`] are kept
/// for each pair of readings' inequalities and sizes, which rules of different charters and rows share. Only
/// lookups go through the hash maps, never iteration, so results do not depend on hashing.
#[derive(Debug, Default)]
pub struct RuleCache<'a> {
    ids: HashMap<ArithmeticKey, usize>,
    /// The facts of each id, computed from the first rule that had it.
    facts: Vec<RuleFacts<'a>>,
    /// The smallest winning coalition of each id in words, once asked for.
    coalitions: Vec<Option<String>>,
    /// The number of each reading's inequalities of each id in [`StrictnessCache`].
    numbers: Vec<Vec<usize>>,
    /// The answers of `arithmetic::stricter` for pairs of readings.
    strictness: StrictnessCache,
}

/// The largest electorate size at which [`RuleCache`] tries every tally to tell rules apart before asking
/// [`arithmetic::stricter`]: 494 tallies in all, and rules that differ mostly differ with a few voters.
const SMALL_SIZE: u64 = 8;

/// For each size from 1 to [`SMALL_SIZE`], one bit per tally (in a fixed order) that says whether it passes.
type SmallTallies = Vec<Vec<u64>>;

/// Which tallies pass `rule` at each size from 1 to [`SMALL_SIZE`].
fn small_tallies(rule: &Rule) -> SmallTallies {
    (1..=SMALL_SIZE)
        .map(|members| {
            let mut bits = Vec::new();
            let mut index = 0_usize;
            for yes in 0..=members {
                for no in 0..=members - yes {
                    for abstain in 0..=members - yes - no {
                        if index.is_multiple_of(64) {
                            bits.push(0_u64);
                        }
                        if arithmetic::passes(rule, members, Tally::new(yes, no, abstain))
                            && let Some(word) = bits.last_mut()
                        {
                            *word |= 1 << (index % 64);
                        }
                        index += 1;
                    }
                }
            }
            bits
        })
        .collect()
}

/// Whether some tally passes one rule and fails the other at a size both compare at, among the small sizes:
/// then some pair of readings differs, and [`compare_rules`] cannot find them the same. `false` says nothing.
fn differ_at_small_sizes(
    old: &RuleFacts<'_>,
    new: &RuleFacts<'_>,
    old_numbers: &[usize],
    new_numbers: &[usize],
    tallies: &[SmallTallies],
) -> bool {
    let (Ok(old_readings), Ok(new_readings)) = (&old.readings, &new.readings) else {
        return false;
    };
    let Some(sizes) = common_sizes(old.sizes.range, new.sizes.range) else {
        return false;
    };
    let index = |readings: &[ReadingAnalysis], reading: &ReadingAnalysis| {
        readings.iter().position(|r| std::ptr::eq(r, reading))
    };
    reading_pairs(old_readings, new_readings)
        .into_iter()
        .any(|(o, n)| {
            let (Some(&o), Some(&n)) = (
                index(old_readings, o).and_then(|i| old_numbers.get(i)),
                index(new_readings, n).and_then(|i| new_numbers.get(i)),
            ) else {
                return false;
            };
            if o == n {
                return false;
            }
            let (Some(o), Some(n)) = (tallies.get(o), tallies.get(n)) else {
                return false;
            };
            (sizes.from..=sizes.to.min(SMALL_SIZE))
                .any(|members| at_size(o, members) != at_size(n, members))
        })
}

/// The passing tallies at one size.
fn at_size(small: &SmallTallies, members: u64) -> Option<&Vec<u64>> {
    usize::try_from(members.checked_sub(1)?)
        .ok()
        .and_then(|i| small.get(i))
}

/// `(a, b, from)` of `arithmetic::stricter(a, b, from..=to)`, `a` and `b` numbered in [`StrictnessCache`].
type StrictnessKey = (usize, usize, u64);

/// A question for `arithmetic::stricter`: its key, the last size, and the inequalities `a` and `b`.
type Question<'r> = (StrictnessKey, u64, &'r Rule, &'r Rule);

/// What is known of `arithmetic::stricter(a, b, from..=to)` for one `a`, `b` and `from`, whatever `to`.
#[derive(Debug, Clone, Copy)]
enum Strictness {
    /// The first witness from `from` up: the answer for every `to` (none below its size, this one at or above).
    Witness(Witness),
    /// No witness from `from` up to this size.
    NoneUpTo(u64),
}

/// The answers of [`arithmetic::stricter`] that [`RuleCache`] keeps.
#[derive(Debug, Default)]
struct StrictnessCache {
    /// The inequalities of readings, numbered.
    inequalities: HashMap<Rule, usize>,
    /// The tallies that pass each numbered set of inequalities at small sizes ([`small_tallies`]).
    tallies: Vec<SmallTallies>,
    /// What is known by `(a, b, from)`, `a` and `b` numbered in `inequalities`.
    known: HashMap<StrictnessKey, Strictness>,
}

impl StrictnessCache {
    fn number(&mut self, rule: &Rule) -> usize {
        if let Some(&n) = self.inequalities.get(rule) {
            return n;
        }
        let n = self.inequalities.len();
        self.inequalities.insert(rule.clone(), n);
        self.tallies.push(small_tallies(rule));
        n
    }

    /// What is known of `arithmetic::stricter(a, b, sizes)`: the answer, or `None` when it must be asked.
    fn known(&self, key: StrictnessKey, to: u64) -> Option<Result<(), Witness>> {
        match self.known.get(&key)? {
            Strictness::Witness(witness) if witness.members <= to => Some(Err(*witness)),
            Strictness::Witness(_) => Some(Ok(())),
            Strictness::NoneUpTo(known) if to <= *known => Some(Ok(())),
            Strictness::NoneUpTo(_) => None,
        }
    }

    /// Keeps the answer of `arithmetic::stricter(a, b, from..=to)`, `key` being `(a, b, from)`.
    fn keep(&mut self, key: StrictnessKey, to: u64, answer: Result<(), Witness>) {
        let known = match answer {
            Err(witness) => Strictness::Witness(witness),
            Ok(()) => Strictness::NoneUpTo(to),
        };
        self.known.insert(key, known);
    }

    /// [`arithmetic::stricter`], answered from what is known when it can be.
    ///
    /// The same two readings are compared over many ranges of sizes (electorates differ from charter to
    /// charter), mostly from the same first size. `stricter` returns the witness at the smallest size, and the
    /// witness it picks at a size does not depend on where the range ends, so a witness found from `from` is the
    /// answer up to any size at or above its own, and "no witness below it" under; and no witness up to some size
    /// is the answer up to any size under that.
    fn stricter(&mut self, a: &Rule, b: &Rule, sizes: RangeInclusive<u64>) -> Result<(), Witness> {
        let (from, to) = (*sizes.start(), *sizes.end());
        let key = (self.number(a), self.number(b), from);
        if let Some(answer) = self.known(key, to) {
            return answer;
        }
        let answer = arithmetic::stricter(a, b, sizes);
        self.keep(key, to, answer);
        answer
    }
}

impl<'a> RuleCache<'a> {
    /// An empty cache.
    pub fn new() -> RuleCache<'a> {
        RuleCache::default()
    }

    /// The ids of many rules, each with its charter, analysing a rule only when no rule with the same arithmetic
    /// was seen; the keys, and the facts of rules not seen before, are computed in parallel, and ids are given
    /// in the order of `rules`.
    pub fn ids(
        &mut self,
        rules: &[Option<(&ir::Charter, &'a ir::VoteRule)>],
    ) -> Vec<Option<usize>> {
        let keys: Vec<Option<ArithmeticKey>> = rules
            .par_iter()
            .map(|rule| rule.map(|(charter, rule)| ArithmeticKey::of(charter, rule)))
            .collect();
        // The first column of each key not seen before, in column order.
        let mut new: Vec<usize> = Vec::new();
        let mut seen: HashSet<&ArithmeticKey> = HashSet::new();
        for (column, key) in keys.iter().enumerate() {
            if let Some(key) = key
                && !self.ids.contains_key(key)
                && seen.insert(key)
            {
                new.push(column);
            }
        }
        let facts: Vec<Option<RuleFacts<'a>>> = new
            .par_iter()
            .map(|&column| match rules.get(column) {
                Some(Some((charter, rule))) => Some(RuleFacts::of(charter, rule)),
                _ => None,
            })
            .collect();
        for (column, facts) in new.into_iter().zip(facts) {
            if let (Some(facts), Some(Some(key))) = (facts, keys.get(column)) {
                self.insert(key.clone(), facts);
            }
        }
        keys.iter()
            .map(|key| key.as_ref().and_then(|key| self.ids.get(key).copied()))
            .collect()
    }

    /// Gives the next id to `key`, whose facts are `facts`.
    fn insert(&mut self, key: ArithmeticKey, facts: RuleFacts<'a>) -> usize {
        let id = self.facts.len();
        let numbers = facts
            .readings()
            .iter()
            .map(|reading| self.strictness.number(&reading.rule))
            .collect();
        self.numbers.push(numbers);
        self.facts.push(facts);
        self.coalitions.push(None);
        self.ids.insert(key, id);
        id
    }

    /// The facts of an id; `None` for an id this cache did not give.
    pub fn facts(&self, id: usize) -> Option<&RuleFacts<'a>> {
        self.facts.get(id)
    }

    /// The smallest winning coalition of an id in words ([`Coalition::words`]).
    pub fn coalition_words(&mut self, id: usize) -> String {
        if let Some(Some(known)) = self.coalitions.get(id) {
            return known.clone();
        }
        let words = self
            .facts
            .get(id)
            .map(|facts| facts.coalition().words())
            .unwrap_or_default();
        if let Some(slot) = self.coalitions.get_mut(id) {
            *slot = Some(words.clone());
        }
        words
    }

    /// The smallest winning coalition of an id in words, when [`RuleCache::coalition_words`] was asked for it.
    pub fn known_coalition_words(&self, id: usize) -> Option<String> {
        self.coalitions.get(id).cloned().flatten()
    }

    /// Answers, in parallel, the questions of strictness that [`RuleCache::compare_known`] will ask for each pair of ids, so that comparing many pairs of distinct rules
    /// uses every core. The answers are those `arithmetic::stricter` gives, computed once each; only the time
    /// they take changes.
    pub fn prepare_comparisons(&mut self, pairs: &[(usize, usize)]) {
        // (a, b, from) and the largest `to` asked, with a's and b's inequalities, in the order first asked.
        let mut questions: Vec<Question<'_>> = Vec::new();
        let mut asked: HashMap<StrictnessKey, usize> = HashMap::new();
        for &(old, new) in pairs {
            let (Some(old), Some(new)) = (self.facts.get(old), self.facts.get(new)) else {
                continue;
            };
            let (Ok(old_readings), Ok(new_readings)) = (&old.readings, &new.readings) else {
                continue;
            };
            let Some(sizes) = common_sizes(old.sizes.range, new.sizes.range) else {
                continue;
            };
            for (o, n) in reading_pairs(old_readings, new_readings) {
                for (a, b) in [(&n.rule, &o.rule), (&o.rule, &n.rule)] {
                    let key = (
                        self.strictness.number(a),
                        self.strictness.number(b),
                        sizes.from,
                    );
                    if self.strictness.known(key, sizes.to).is_some() {
                        continue;
                    }
                    // The answer up to the largest size asked answers every smaller one.
                    match asked.get(&key).and_then(|&i| questions.get_mut(i)) {
                        Some(question) => question.1 = question.1.max(sizes.to),
                        None => {
                            asked.insert(key, questions.len());
                            questions.push((key, sizes.to, a, b));
                        }
                    }
                }
            }
        }
        let answers: Vec<Result<(), Witness>> = questions
            .par_iter()
            .map(|&((_, _, from), to, a, b)| arithmetic::stricter(a, b, from..=to))
            .collect();
        let kept: Vec<(StrictnessKey, u64)> =
            questions.iter().map(|&(key, to, _, _)| (key, to)).collect();
        for ((key, to), answer) in kept.into_iter().zip(answers) {
            self.strictness.keep(key, to, answer);
        }
    }

    /// [`compare_rules`] of the rules with ids `old` and `new` (`None` for an id this cache did not give), without
    /// keeping anything: for many comparisons at once, in parallel, after
    /// [`RuleCache::prepare_comparisons`] gathered their answers (a question it did not gather is asked of
    /// `arithmetic::stricter` directly, with the same answer).
    pub fn compare_known(&self, old: usize, new: usize) -> Option<RuleComparison> {
        let (old, new) = (self.facts.get(old)?, self.facts.get(new)?);
        let strictness = &self.strictness;
        Some(compare_rules_by(old, new, &mut |a, b, sizes| {
            let key = match (
                strictness.inequalities.get(a),
                strictness.inequalities.get(b),
            ) {
                (Some(&a), Some(&b)) => Some((a, b, *sizes.start())),
                _ => None,
            };
            key.and_then(|key| strictness.known(key, *sizes.end()))
                .unwrap_or_else(|| arithmetic::stricter(a, b, sizes))
        }))
    }

    /// Whether [`compare_rules`] of the rules with ids `old` and `new` says they are the same; `false` for an id
    /// this cache did not give.
    pub fn same(&mut self, old: usize, new: usize) -> bool {
        let (Some(old_facts), Some(new_facts)) = (self.facts.get(old), self.facts.get(new)) else {
            return false;
        };
        let (Some(old_numbers), Some(new_numbers)) = (self.numbers.get(old), self.numbers.get(new))
        else {
            return false;
        };
        let tallies = &self.strictness.tallies;
        if differ_at_small_sizes(old_facts, new_facts, old_numbers, new_numbers, tallies) {
            return false;
        }
        let strictness = &mut self.strictness;
        same_by(old_facts, new_facts, &mut |a, b, sizes| {
            strictness.stricter(a, b, sizes)
        })
    }
}

/// A share of members in favour under one reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadingShare {
    /// The share, with the tally that attains it.
    pub share: Share,
    /// The reading in words, for an ambiguous rule.
    pub reading: Option<String>,
}

/// The smallest winning coalition of a rule: the smallest share of the members whose yes votes can pass it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coalition {
    /// The smallest share under any reading; `None` when the rule cannot pass with anyone in favour.
    pub least: Option<ReadingShare>,
    /// The largest of the readings' smallest shares (the same as `least` for an unambiguous rule).
    pub most: Option<ReadingShare>,
    /// The sizes examined.
    pub sizes: SizeRange,
}

impl Coalition {
    /// "2 of 3 in favour (67%)", or "1 of 100 in favour (1%) to 2 of 3 (67%), depending on the reading", or
    /// "none: it cannot pass with anyone in favour".
    pub fn words(&self) -> String {
        let figure = |share: &Share| {
            format!(
                "{} of {} ({}%)",
                share.numerator,
                share.denominator,
                votes::percent(share.numerator, share.denominator)
            )
        };
        match (&self.least, &self.most) {
            (Some(least), Some(most)) if least.share != most.share => format!(
                "{} to {}, depending on the reading",
                figure(&least.share),
                figure(&most.share)
            ),
            (Some(least), _) => figure(&least.share),
            _ => "none: no tally with anyone in favour passes".to_owned(),
        }
    }
}

/// A tally that passes one rule and fails the other, with the readings under which it does.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RuleWitness {
    /// The electorate size and the tally.
    pub witness: Witness,
    /// The reading of the old (left) rule, when it is ambiguous.
    pub old_reading: Option<String>,
    /// The reading of the new (right) rule, when it is ambiguous.
    pub new_reading: Option<String>,
}

/// How a new (right) vote rule compares with an old (left) one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleComparison {
    /// The direction of the new rule relative to the old one.
    pub direction: Direction,
    /// Whether the direction holds under every pair of readings compared.
    pub scope: Scope,
    /// The electorate sizes compared: those both rules' electorates may have, from one member up; `None` when
    /// they have none in common or a rule could not be analysed (then the direction is `same` for identical
    /// rules and `incomparable` otherwise, without witnesses).
    pub sizes: Option<SizeRange>,
    /// A tally that passes the new rule and fails the old one, at the smallest size where there is one.
    pub newly_passing: Option<RuleWitness>,
    /// A tally that passes the old rule and fails the new one, at the smallest size where there is one.
    pub newly_failing: Option<RuleWitness>,
}

impl RuleComparison {
    /// The same comparison seen from the other side: old and new swap.
    pub fn mirror(&self) -> RuleComparison {
        let swap = |w: &RuleWitness| RuleWitness {
            witness: w.witness,
            old_reading: w.new_reading.clone(),
            new_reading: w.old_reading.clone(),
        };
        RuleComparison {
            direction: self.direction.mirror(),
            scope: self.scope,
            sizes: self.sizes,
            newly_passing: self.newly_failing.as_ref().map(swap),
            newly_failing: self.newly_passing.as_ref().map(swap),
        }
    }
}

/// The structure of a reading's choices, without the text of the conditions: readings of two rules with the
/// same ambiguous parts correspond when their structures are equal.
fn choice_shape(choice: &ReadingChoice) -> (u8, Option<ir::Base>, bool) {
    match choice {
        ReadingChoice::ConditionBase { base, .. } => (0, *base, false),
        ReadingChoice::QuorumAbstentions { counts } => (1, None, *counts),
    }
}

fn shapes(reading: &ReadingAnalysis) -> Vec<(u8, Option<ir::Base>, bool)> {
    reading.label.choices.iter().map(choice_shape).collect()
}

/// The pairs of readings to compare: matching readings when both rules are ambiguous in the same way, every
/// pair otherwise.
fn reading_pairs<'r>(
    old: &'r [ReadingAnalysis],
    new: &'r [ReadingAnalysis],
) -> Vec<(&'r ReadingAnalysis, &'r ReadingAnalysis)> {
    let old_shapes: Vec<_> = old.iter().map(shapes).collect();
    let new_shapes: Vec<_> = new.iter().map(shapes).collect();
    if old.len() > 1 && old_shapes == new_shapes {
        return old.iter().zip(new).collect();
    }
    old.iter()
        .flat_map(|o| new.iter().map(move |n| (o, n)))
        .collect()
}

/// The sizes both ranges contain, if any, from one member up: an empty electorate holds no vote, so the rules
/// are not compared there.
pub fn common_sizes(a: SizeRange, b: SizeRange) -> Option<SizeRange> {
    let from = a.from.max(b.from).max(1);
    let to = a.to.min(b.to);
    (from <= to).then_some(SizeRange { from, to })
}

/// A witness made easier to read: the members who did not vote vote no, or abstain, when the tally still passes
/// `passing` and fails `failing`.
fn fill(witness: Witness, passing: &Rule, failing: &Rule) -> Witness {
    let Witness { members, tally } = witness;
    let voted = u64::try_from(tally.turnout()).unwrap_or(members);
    let rest = members.saturating_sub(voted);
    let separates = |t: Tally| {
        arithmetic::passes(passing, members, t) && !arithmetic::passes(failing, members, t)
    };
    [
        Tally::new(tally.yes, tally.no.saturating_add(rest), tally.abstain),
        Tally::new(tally.yes, tally.no, tally.abstain.saturating_add(rest)),
    ]
    .into_iter()
    .find(|t| rest > 0 && separates(*t))
    .map_or(witness, |tally| Witness { members, tally })
}

/// Compares the new rule with the old one over the sizes both electorates may have.
pub fn compare_rules(old: &RuleFacts<'_>, new: &RuleFacts<'_>) -> RuleComparison {
    compare_rules_by(old, new, &mut arithmetic::stricter)
}

/// [`compare_rules`], asking `stricter` instead of [`arithmetic::stricter`], so that [`RuleCache`] can answer
/// from what it knows.
fn compare_rules_by(
    old: &RuleFacts<'_>,
    new: &RuleFacts<'_>,
    stricter: &mut impl FnMut(&Rule, &Rule, RangeInclusive<u64>) -> Result<(), Witness>,
) -> RuleComparison {
    let incomparable = |sizes| RuleComparison {
        direction: Direction::Incomparable,
        scope: Scope::EveryReading,
        sizes,
        newly_passing: None,
        newly_failing: None,
    };
    let (Ok(old_readings), Ok(new_readings)) = (&old.readings, &new.readings) else {
        return incomparable(None);
    };
    let Some(sizes) = common_sizes(old.sizes.range, new.sizes.range) else {
        // No size to compare at: the rules are the same only if they are the same inequalities.
        let constraints = |readings: &[ReadingAnalysis]| -> Vec<Vec<ir::Linear>> {
            readings
                .iter()
                .map(|r| r.rule.constraints().to_vec())
                .collect()
        };
        if constraints(old_readings) == constraints(new_readings) {
            return RuleComparison {
                direction: Direction::Same,
                ..incomparable(None)
            };
        }
        return incomparable(None);
    };
    let range: RangeInclusive<u64> = sizes.from..=sizes.to;
    let mut directions = Vec::new();
    let mut newly_passing: Option<RuleWitness> = None;
    let mut newly_failing: Option<RuleWitness> = None;
    for (o, n) in reading_pairs(old_readings, new_readings) {
        let words = |reading: &ReadingAnalysis| votes::label_words(&reading.label);
        let passes_new = stricter(&n.rule, &o.rule, range.clone()).err();
        let passes_old = stricter(&o.rule, &n.rule, range.clone()).err();
        if let Some(witness) = passes_new {
            let candidate = RuleWitness {
                witness: fill(witness, &n.rule, &o.rule),
                old_reading: words(o),
                new_reading: words(n),
            };
            if newly_passing
                .as_ref()
                .is_none_or(|known| passing_new_key(&candidate) < passing_new_key(known))
            {
                newly_passing = Some(candidate);
            }
        }
        if let Some(witness) = passes_old {
            let candidate = RuleWitness {
                witness: fill(witness, &o.rule, &n.rule),
                old_reading: words(o),
                new_reading: words(n),
            };
            if newly_failing
                .as_ref()
                .is_none_or(|known| passing_old_key(&candidate) < passing_old_key(known))
            {
                newly_failing = Some(candidate);
            }
        }
        directions.push(match (passes_new.is_some(), passes_old.is_some()) {
            (false, false) => Direction::Same,
            (false, true) => Direction::Stricter,
            (true, false) => Direction::Weaker,
            (true, true) => Direction::Incomparable,
        });
    }
    let all = |d: Direction| directions.iter().all(|x| *x == d);
    let only = |d: Direction| directions.iter().all(|x| *x == d || *x == Direction::Same);
    let (direction, scope) = if all(Direction::Same) {
        (Direction::Same, Scope::EveryReading)
    } else if only(Direction::Stricter) {
        (Direction::Stricter, scope_of(all(Direction::Stricter)))
    } else if only(Direction::Weaker) {
        (Direction::Weaker, scope_of(all(Direction::Weaker)))
    } else {
        (
            Direction::Incomparable,
            scope_of(all(Direction::Incomparable)),
        )
    };
    RuleComparison {
        direction,
        scope,
        sizes: Some(sizes),
        newly_passing,
        newly_failing,
    }
}

/// Whether [`compare_rules_by`] would find the rules the same, without looking for witnesses once a pair of
/// readings differs: what the table asks most often, of rules that mostly differ.
fn same_by(
    old: &RuleFacts<'_>,
    new: &RuleFacts<'_>,
    stricter: &mut impl FnMut(&Rule, &Rule, RangeInclusive<u64>) -> Result<(), Witness>,
) -> bool {
    let (Ok(old_readings), Ok(new_readings)) = (&old.readings, &new.readings) else {
        return false;
    };
    let Some(sizes) = common_sizes(old.sizes.range, new.sizes.range) else {
        return compare_rules_by(old, new, stricter).direction == Direction::Same;
    };
    let range: RangeInclusive<u64> = sizes.from..=sizes.to;
    reading_pairs(old_readings, new_readings)
        .into_iter()
        .all(|(o, n)| {
            stricter(&n.rule, &o.rule, range.clone()).is_ok()
                && stricter(&o.rule, &n.rule, range.clone()).is_ok()
        })
}

/// The order in which witnesses that pass the new rule are preferred: smallest size and tally first, then by the
/// reading that passes and the reading that fails. Seen from the other side, a witness that passes the old rule
/// is ordered the same way ([`passing_old_key`]), so that comparing B with A mirrors comparing A with B.
fn passing_new_key(w: &RuleWitness) -> (Witness, &Option<String>, &Option<String>) {
    (w.witness, &w.new_reading, &w.old_reading)
}

/// See [`passing_new_key`].
fn passing_old_key(w: &RuleWitness) -> (Witness, &Option<String>, &Option<String>) {
    (w.witness, &w.old_reading, &w.new_reading)
}

fn scope_of(every: bool) -> Scope {
    if every {
        Scope::EveryReading
    } else {
        Scope::SomeReadings
    }
}

/// "with 5 `maintainer` voters, 3 yes and 2 no": a witness with the voters named when they are one role or body,
/// and the members who did not vote counted.
pub fn witness_words(witness: &Witness, rule: &ir::VoteRule) -> String {
    let Witness { members, tally } = *witness;
    if members == 0 {
        return "with no voter at all (an empty electorate), no vote".to_owned();
    }
    let noun = if members == 1 { "voter" } else { "voters" };
    let voters = match rule.electorate.voters.as_slice() {
        [ir::Actor::Item { item }] => format!("{members} `{}` {noun}", item.name),
        _ => format!("{members} {noun}"),
    };
    let mut parts = vec![format!("{} yes", tally.yes)];
    if tally.no > 0 {
        parts.push(format!("{} no", tally.no));
    }
    if tally.abstain > 0 {
        parts.push(format!("{} abstaining", tally.abstain));
    }
    let voted = u64::try_from(tally.turnout()).unwrap_or(members);
    if voted < members {
        parts.push(format!("{} not voting", members - voted));
    }
    format!("with {voters}, {}", words::and_list(&parts))
}

/// The readings a witness holds under, as a clause: " (in the old rule if ...; in the new rule if ...)"; empty
/// for unambiguous rules.
pub fn reading_clause(witness: &RuleWitness, old_name: &str, new_name: &str) -> String {
    let mut parts = Vec::new();
    if let Some(reading) = &witness.old_reading {
        parts.push(format!("in {old_name} if {reading}"));
    }
    if let Some(reading) = &witness.new_reading {
        parts.push(format!("in {new_name} if {reading}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join("; "))
    }
}
