//! Every vote rule of a charter, analysed under every reading over its electorate's sizes.
//!
//! A charter states vote rules in three places: the default vote, a decision's own vote, and a vote step of an
//! escalation path. Copies of the default vote that lowering made for decisions are not analysed again: their
//! findings belong to the default vote itself. The result is computed once per charter and shared by the vote
//! checks and the JSON IR output; a [`Memo`] makes each distinct rule's arithmetic be done once, however many
//! decisions state it.

use std::collections::BTreeMap;

// foldhash rather than std's SipHash: a rule is hashed as all of its inequalities, on every lookup of the memo.
use foldhash::{HashMap, HashMapExt};

use serde::Serialize;

use crate::analysis::arithmetic::{
    self, ReadingLabel, ReadingsError, Rule, RuleAnalysis, SizeRange, Witness,
};
use crate::analysis::electorate::{self, Sizes};
use crate::ir;
use crate::source::Span;

/// Where a vote rule is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VoteSite {
    /// The `default vote` block.
    DefaultVote,
    /// The vote of a decision, by index.
    Decision {
        /// The decision's index.
        decision: usize,
    },
    /// A `step vote { ... }` of a decision's escalation path.
    EscalationStep {
        /// The decision's index.
        decision: usize,
        /// The step's index in the path.
        step: usize,
    },
}

/// One reading of a vote rule and what the arithmetic says about it.
#[derive(Debug, Clone)]
pub struct ReadingAnalysis {
    /// Which choice the reading makes for each ambiguous part (empty for an unambiguous rule).
    pub label: ReadingLabel,
    /// The rule under this reading.
    pub rule: Rule,
    /// The figures over the electorate's sizes.
    pub analysis: RuleAnalysis,
}

/// A vote rule with its analysis.
#[derive(Debug, Clone)]
pub struct VoteAnalysis<'a> {
    /// Where the rule is stated.
    pub site: VoteSite,
    /// The rule.
    pub rule: &'a ir::VoteRule,
    /// Who the rule belongs to, for messages: a decision's name, or `default vote`.
    pub owner: String,
    /// The sizes the electorate may have.
    pub sizes: Sizes,
    /// Every reading, or why the rule has too many to analyse.
    pub readings: Result<Vec<ReadingAnalysis>, ReadingsError>,
}

impl VoteAnalysis<'_> {
    /// The analysed readings; empty when there were too many.
    pub fn readings(&self) -> &[ReadingAnalysis] {
        self.readings.as_deref().unwrap_or_default()
    }

    /// Whether the rule is read more than one way.
    pub fn is_ambiguous(&self) -> bool {
        self.readings().len() > 1
    }

    /// The voters, as written: "`maintainer`", "`maintainer`, `reviewer`", or "the voters" when unstated.
    pub fn voters(&self) -> String {
        stated_voters(&self.rule.electorate).unwrap_or_else(|| "the voters".to_owned())
    }

    /// Who the rule belongs to, for a message: "the default vote", or the decision's name in backticks.
    pub fn owner_words(&self) -> String {
        if self.site == VoteSite::DefaultVote {
            "the default vote".to_owned()
        } else {
            format!("`{}`", self.owner)
        }
    }
}

/// Analyses every vote rule the charter states, in a fixed order: the default vote, then decisions in order.
pub fn analyze_votes(charter: &ir::Charter) -> Vec<VoteAnalysis<'_>> {
    analyze_votes_with(charter, &mut Memo::default())
}

/// [`analyze_votes`], reusing the analyses in `memo` and adding the new ones to it.
///
/// The readings of every rule are found first and the arithmetic is then done rule by rule
/// ([`Memo::analyze_each`]), so that the systems of one distinct rule are set up, used for every size range it is
/// asked over, and dropped before the next: kept for the whole check, they were a tenth of its peak memory.
pub fn analyze_votes_with<'a>(charter: &'a ir::Charter, memo: &mut Memo) -> Vec<VoteAnalysis<'a>> {
    let mut sites: Vec<(VoteSite, &'a ir::VoteRule, &'a str)> = Vec::new();
    if let Some(rule) = &charter.default_vote {
        sites.push((VoteSite::DefaultVote, rule, "default vote"));
    }
    for (index, decision) in charter.decisions.iter().enumerate() {
        if let Some(rule) = decision
            .vote
            .as_ref()
            .filter(|rule| rule.origin == ir::RuleOrigin::Stated)
        {
            sites.push((VoteSite::Decision { decision: index }, rule, &decision.name));
        }
        for (step_index, step) in decision.escalation.iter().enumerate() {
            if let ir::EscalationStep::Vote { rule, .. } = step
                && rule.origin == ir::RuleOrigin::Stated
            {
                let site = VoteSite::EscalationStep {
                    decision: index,
                    step: step_index,
                };
                sites.push((site, rule, &decision.name));
            }
        }
    }
    let prepared: Vec<(Sizes, ReadingsResult)> = sites
        .iter()
        .map(|(_, rule, _)| {
            (
                electorate::electorate_sizes(charter, &rule.electorate),
                arithmetic::readings(rule),
            )
        })
        .collect();
    memo.analyze_each(prepared.iter().flat_map(|(sizes, readings)| {
        readings
            .iter()
            .flatten()
            .map(|(_, rule)| (rule, sizes.range))
    }));
    sites
        .into_iter()
        .zip(prepared)
        .map(|((site, rule, owner), (sizes, readings))| VoteAnalysis {
            site,
            rule,
            owner: owner.to_owned(),
            sizes,
            readings: readings.map(|readings| analyze_each_reading(readings, sizes, memo)),
        })
        .collect()
}

/// Every reading of a rule, or why it has too many.
type ReadingsResult = Result<Vec<(ReadingLabel, Rule)>, ReadingsError>;

/// The readings of a rule with their analyses over `sizes`.
fn analyze_each_reading(
    readings: Vec<(ReadingLabel, Rule)>,
    sizes: Sizes,
    memo: &mut Memo,
) -> Vec<ReadingAnalysis> {
    readings
        .into_iter()
        .map(|(label, rule)| {
            let analysis = memo.analyze(&rule, sizes.range);
            ReadingAnalysis {
                label,
                rule,
                analysis,
            }
        })
        .collect()
}

/// The vote arithmetic already done for a charter, so that each distinct rule is set up and solved once.
///
/// Charters repeat the same few rules (a majority of members, two thirds of the votes cast) in many decisions,
/// and setting up a rule's systems costs tens of microseconds, far more than solving them at a size. Results are
/// keyed by all that the arithmetic reads: a reading's inequalities, in order, and the sizes examined. Names,
/// spans, the conditions' text and the readings' labels never enter the arithmetic, so a hit gives the same
/// figures and witnesses as a new computation. The systems of a rule depend on its inequalities alone: those that
/// [`Memo::analyze`] sets up are kept, so the same rule over electorates of other sizes is solved again but not
/// set up again; [`Memo::analyze_each`] answers every size range of a rule at once and keeps no system.
#[derive(Debug, Default)]
pub struct Memo {
    /// Per reading's inequalities: its systems, and its analyses by sizes examined.
    analyses: HashMap<Rule, Analysed>,
    /// Per rule: its system for [`arithmetic::first_passing`].
    passing: HashMap<Rule, arithmetic::PassingRule>,
    /// Per pair of rules and sizes: [`arithmetic::stricter`]. Decisions that state the same ambiguous rule ask
    /// the same questions of its readings, each a few systems to set up.
    strictness: HashMap<Rule, HashMap<Rule, Strictness>>,
}

/// The answers of [`arithmetic::stricter`] for one pair of rules, by sizes examined.
type Strictness = HashMap<SizeRange, Result<(), Witness>>;

/// A reading with its analyses over the sizes asked so far, and its systems if they are kept.
#[derive(Debug)]
struct Analysed {
    compiled: Option<arithmetic::CompiledRule>,
    by_sizes: HashMap<SizeRange, RuleAnalysis>,
}

impl Memo {
    /// [`arithmetic::analyze`] of `rule` over `sizes`, computed the first time only.
    pub fn analyze(&mut self, rule: &Rule, sizes: SizeRange) -> RuleAnalysis {
        // One lookup, borrowing the rule, when the rule is known; only the first of a rule clones it.
        if let Some(Analysed { compiled, by_sizes }) = self.analyses.get_mut(rule) {
            if let Some(analysis) = by_sizes.get(&sizes) {
                return analysis.clone();
            }
            let compiled = compiled.get_or_insert_with(|| arithmetic::CompiledRule::new(rule));
            let analysis = compiled.analyze(sizes.from..=sizes.to);
            by_sizes.insert(sizes, analysis.clone());
            return analysis;
        }
        let compiled = arithmetic::CompiledRule::new(rule);
        let analysis = compiled.analyze(sizes.from..=sizes.to);
        let mut by_sizes = HashMap::with_capacity(1);
        by_sizes.insert(sizes, analysis.clone());
        self.analyses.insert(
            rule.clone(),
            Analysed {
                compiled: Some(compiled),
                by_sizes,
            },
        );
        analysis
    }

    /// Analyses every (rule, sizes) pair not analysed yet, one distinct rule at a time: its systems are set up
    /// once for all of its size ranges and dropped before the next rule's, so at most one rule's systems are in
    /// memory. The analyses are kept, for [`Memo::analyze`] to return.
    pub fn analyze_each<'r>(&mut self, requests: impl IntoIterator<Item = (&'r Rule, SizeRange)>) {
        // Distinct rules in the order first asked, each with the size ranges asked of it.
        let mut positions: HashMap<&Rule, usize> = HashMap::new();
        let mut rules: Vec<(&Rule, Vec<SizeRange>)> = Vec::new();
        for (rule, sizes) in requests {
            let position = *positions.entry(rule).or_insert_with(|| {
                rules.push((rule, Vec::new()));
                rules.len() - 1
            });
            // A range asked twice is analysed once: the second finds it in `by_sizes` below.
            if let Some((_, ranges)) = rules.get_mut(position) {
                ranges.push(sizes);
            }
        }
        for (rule, ranges) in rules {
            let analysed = match self.analyses.get_mut(rule) {
                Some(analysed) => analysed,
                None => self.analyses.entry(rule.clone()).or_insert(Analysed {
                    compiled: None,
                    by_sizes: HashMap::new(),
                }),
            };
            let mut set_up: Option<arithmetic::CompiledRule> = None;
            for sizes in ranges {
                if analysed.by_sizes.contains_key(&sizes) {
                    continue;
                }
                let compiled = match &analysed.compiled {
                    Some(kept) => kept,
                    None => set_up.get_or_insert_with(|| arithmetic::CompiledRule::new(rule)),
                };
                let analysis = compiled.analyze(sizes.from..=sizes.to);
                analysed.by_sizes.insert(sizes, analysis);
            }
        }
    }

    /// [`arithmetic::stricter`] of `a` and `b` over `sizes`, computed the first time only.
    ///
    /// # Errors
    /// As [`arithmetic::stricter`]: a tally that passes `a` and fails `b`.
    pub fn stricter(&mut self, a: &Rule, b: &Rule, sizes: SizeRange) -> Result<(), Witness> {
        // Looked up by reference, so that only the first of a pair clones its rules.
        if let Some(answer) = self
            .strictness
            .get(a)
            .and_then(|of_a| of_a.get(b))
            .and_then(|by_sizes| by_sizes.get(&sizes))
        {
            return *answer;
        }
        let answer = arithmetic::stricter(a, b, sizes.from..=sizes.to);
        let of_a = match self.strictness.get_mut(a) {
            Some(of_a) => of_a,
            None => self.strictness.entry(a.clone()).or_default(),
        };
        let by_sizes = match of_a.get_mut(b) {
            Some(by_sizes) => by_sizes,
            None => of_a.entry(b.clone()).or_default(),
        };
        by_sizes.insert(sizes, answer);
        answer
    }

    /// [`arithmetic::first_passing`] of `rule` over `sizes`, with the rule's system set up the first time only.
    pub fn first_passing(&mut self, rule: &Rule, sizes: SizeRange) -> Option<Witness> {
        if let Some(prepared) = self.passing.get(rule) {
            return prepared.first_passing(sizes.from..=sizes.to);
        }
        let prepared = arithmetic::PassingRule::new(rule);
        let witness = prepared.first_passing(sizes.from..=sizes.to);
        self.passing.insert(rule.clone(), prepared);
        witness
    }
}

/// The analysed vote rules by where they are stated, so that a check looking up the rule of one decision does
/// not search all of them (once per decision, that search was quadratic in the number of decisions).
#[derive(Debug)]
pub struct BySite<'v, 'a> {
    votes: &'v [VoteAnalysis<'a>],
    positions: BTreeMap<VoteSite, usize>,
}

impl<'v, 'a> BySite<'v, 'a> {
    /// Indexes `votes` by site, keeping the first of a site as a search from the start would find it.
    pub fn new(votes: &'v [VoteAnalysis<'a>]) -> BySite<'v, 'a> {
        let mut positions = BTreeMap::new();
        for (position, vote) in votes.iter().enumerate() {
            positions.entry(vote.site).or_insert(position);
        }
        BySite { votes, positions }
    }

    /// The analysis of the rule stated at `site`, if it was analysed.
    pub fn get(&self, site: VoteSite) -> Option<&'v VoteAnalysis<'a>> {
        self.positions
            .get(&site)
            .and_then(|&position| self.votes.get(position))
    }
}

/// The sizes of a rule's electorate, and every reading of the rule analysed over them.
pub fn analyze_readings(
    charter: &ir::Charter,
    rule: &ir::VoteRule,
) -> (Sizes, Result<Vec<ReadingAnalysis>, ReadingsError>) {
    analyze_readings_with(charter, rule, &mut Memo::default())
}

/// [`analyze_readings`], reusing the analyses in `memo` and adding the new ones to it.
pub fn analyze_readings_with(
    charter: &ir::Charter,
    rule: &ir::VoteRule,
    memo: &mut Memo,
) -> (Sizes, Result<Vec<ReadingAnalysis>, ReadingsError>) {
    let sizes = electorate::electorate_sizes(charter, &rule.electorate);
    let readings =
        arithmetic::readings(rule).map(|readings| analyze_each_reading(readings, sizes, memo));
    (sizes, readings)
}

// ---------------------------------------------------------------------------------------------------------------
// Figures in words, for messages
// ---------------------------------------------------------------------------------------------------------------

/// "1 voter", "3 voters": a count with its noun, plural unless the count is one.
pub fn count_words(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`": items joined with commas and a final "and"; empty for no item.
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => format!(
            "{} and {}",
            init.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// The voters as written: "`maintainer`", "`maintainer`, `reviewer`", "anyone"; `None` when the charter does
/// not say who votes.
pub fn stated_voters(electorate: &ir::Electorate) -> Option<String> {
    let names: Vec<String> = electorate
        .voters
        .iter()
        .map(|voter| match voter {
            ir::Actor::Anyone { .. } => "anyone".to_owned(),
            ir::Actor::Item { item } => format!("`{}`", item.name),
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// Who is left out of an electorate, as the end of a phrase that names its voters: " except the subject",
/// " except the nominator and `chair`"; empty when nobody is left out.
pub fn exclusions_words(electorate: &ir::Electorate) -> String {
    let exclusions: Vec<String> = electorate
        .exclusions
        .iter()
        .map(|exclusion| match exclusion {
            ir::Exclusion::Subject { .. } => "the subject".to_owned(),
            ir::Exclusion::Accused { .. } => "the accused".to_owned(),
            ir::Exclusion::Nominator { .. } => "the nominator".to_owned(),
            ir::Exclusion::Item { item } => format!("`{}`", item.name),
        })
        .collect();
    if exclusions.is_empty() {
        String::new()
    } else {
        format!(" except {}", and_list(&exclusions))
    }
}

/// The electorate as written, with who is left out: "`committer`", "`maintainer` except the subject"; its
/// voters are "the voters" when the charter does not say who votes.
pub fn electorate_words(electorate: &ir::Electorate) -> String {
    let voters = stated_voters(electorate).unwrap_or_else(|| "the voters".to_owned());
    format!("{voters}{}", exclusions_words(electorate))
}

/// The span of a rule's pass conditions, from the first to the last, or of the whole rule when it has none.
pub fn conditions_span(rule: &ir::VoteRule) -> Span {
    match (rule.conditions.first(), rule.conditions.last()) {
        (Some(first), Some(last)) => first.span.cover(last.span),
        _ => rule.span,
    }
}

/// `numerator / denominator` as a whole percentage, rounded half up, in integers.
pub fn percent(numerator: u64, denominator: u64) -> u64 {
    if denominator == 0 {
        return 0;
    }
    let (numerator, denominator) = (u128::from(numerator), u128::from(denominator));
    u64::try_from((200 * numerator + denominator) / (2 * denominator)).unwrap_or(u64::MAX)
}

/// "3 yes, 1 no and 5 abstaining" (parts that are zero are left out, except yes).
pub fn tally_words(tally: &arithmetic::Tally) -> String {
    let mut parts = vec![format!("{} yes", tally.yes)];
    if tally.no > 0 {
        parts.push(format!("{} no", tally.no));
    }
    if tally.abstain > 0 {
        parts.push(format!("{} abstaining", tally.abstain));
    }
    and_list(&parts)
}

/// "with 9 members, 3 yes and 5 abstaining".
pub fn witness_words(witness: &arithmetic::Witness) -> String {
    format!(
        "with {}, {}",
        count_words(witness.members, "member"),
        tally_words(&witness.tally)
    )
}

/// "1 of 100 `maintainer` in favour (1%)".
pub fn coalition_words(share: &arithmetic::Share, voters: &str) -> String {
    format!(
        "{} of {} {voters} in favour ({}%)",
        share.numerator,
        share.denominator,
        percent(share.numerator, share.denominator)
    )
}

/// The smallest share of members in favour that passes this reading, if it can pass with at least one member.
pub fn smallest_share(reading: &ReadingAnalysis) -> Option<&arithmetic::Share> {
    reading
        .analysis
        .smallest_coalition
        .as_ref()
        .and_then(|c| c.smallest_share.as_ref())
}

/// Whether share `a` is smaller than share `b`, compared exactly.
pub fn share_is_smaller(a: &arithmetic::Share, b: &arithmetic::Share) -> bool {
    u128::from(a.numerator) * u128::from(b.denominator)
        < u128::from(b.numerator) * u128::from(a.denominator)
}

/// One choice of a reading, as a condition in words: "if `yes >= 2/3` is a share of votes cast".
pub fn choice_words(choice: &arithmetic::ReadingChoice) -> String {
    match choice {
        arithmetic::ReadingChoice::ConditionBase { text, base, .. } => {
            let base = match base {
                Some(ir::Base::Members) => "of all members",
                Some(ir::Base::Participating) => "of those who vote, abstentions included",
                Some(ir::Base::Cast) => "of the votes cast, abstentions left out",
                None => "of no stated base",
            };
            format!("`{text}` is read {base}")
        }
        arithmetic::ReadingChoice::QuorumAbstentions { counts: true } => {
            "abstentions count towards the quorum".to_owned()
        }
        arithmetic::ReadingChoice::QuorumAbstentions { counts: false } => {
            "abstentions do not count towards the quorum".to_owned()
        }
    }
}

/// A reading's choices in words, joined with "and"; `None` for the only reading of an unambiguous rule.
pub fn label_words(label: &ReadingLabel) -> Option<String> {
    if label.choices.is_empty() {
        return None;
    }
    Some(
        label
            .choices
            .iter()
            .map(choice_words)
            .collect::<Vec<_>>()
            .join(" and "),
    )
}

/// Which ambiguous part of a rule a question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The base of the condition with this index.
    Condition(usize),
    /// Whether the quorum counts abstentions.
    Quorum,
}

impl Part {
    fn matches(self, choice: &arithmetic::ReadingChoice) -> bool {
        match (self, choice) {
            (
                Part::Condition(index),
                arithmetic::ReadingChoice::ConditionBase { condition, .. },
            ) => *condition == index,
            (Part::Quorum, arithmetic::ReadingChoice::QuorumAbstentions { .. }) => true,
            _ => false,
        }
    }
}

/// Two readings that differ only in one ambiguous part, and a tally that passes one and fails the other.
#[derive(Debug, Clone)]
pub struct Difference<'r> {
    /// The reading under which the witness passes.
    pub passing: &'r ReadingAnalysis,
    /// The reading under which it fails.
    pub failing: &'r ReadingAnalysis,
    /// The tally, at an electorate size.
    pub witness: arithmetic::Witness,
}

impl Difference<'_> {
    /// The choice each reading makes for the part, in words.
    pub fn choices(&self, part: Part) -> (String, String) {
        let words = |reading: &ReadingAnalysis| {
            reading
                .label
                .choices
                .iter()
                .find(|c| part.matches(c))
                .map(choice_words)
                .unwrap_or_default()
        };
        (words(self.passing), words(self.failing))
    }

    /// The witness and what each choice for the part does with it: "with 9 members, 3 yes and 5 abstaining
    /// passes if ..., and fails if ...".
    pub fn outcome_words(&self, part: Part) -> String {
        let (passing, failing) = self.choices(part);
        format!(
            "{} passes if {passing}, and fails if {failing}",
            witness_words(&self.witness)
        )
    }
}

/// Whether the answer to an ambiguous part changes the outcome of a vote: two readings that agree on every other
/// part and disagree on this one, with a tally that passes under one and fails under the other.
pub fn part_changes_outcome<'r>(vote: &'r VoteAnalysis<'_>, part: Part) -> Option<Difference<'r>> {
    part_changes_outcome_with(vote, part, &mut Memo::default())
}

/// [`part_changes_outcome`], reusing the comparisons in `memo` and adding the new ones to it.
pub fn part_changes_outcome_with<'r>(
    vote: &'r VoteAnalysis<'_>,
    part: Part,
    memo: &mut Memo,
) -> Option<Difference<'r>> {
    let readings = vote.readings();
    let range = vote.sizes.range;
    let others = |reading: &ReadingAnalysis| -> Vec<arithmetic::ReadingChoice> {
        reading
            .label
            .choices
            .iter()
            .filter(|c| !part.matches(c))
            .cloned()
            .collect()
    };
    let mut best: Option<Difference<'r>> = None;
    for (i, a) in readings.iter().enumerate() {
        for b in readings.iter().skip(i + 1) {
            if others(a) != others(b) {
                continue;
            }
            for (passing, failing) in [(a, b), (b, a)] {
                if let Err(witness) = memo.stricter(&passing.rule, &failing.rule, range)
                    && best.as_ref().is_none_or(|d| witness < d.witness)
                {
                    best = Some(Difference {
                        passing,
                        failing,
                        witness,
                    });
                }
            }
        }
    }
    best
}

/// A note saying which sizes were examined, when the charter does not bound them (or bounds them beyond what is
/// examined); `None` when the charter's bounds were examined in full.
pub fn sizes_note(vote: &VoteAnalysis<'_>) -> Option<String> {
    let range = vote.sizes.range;
    if vote.sizes.capped {
        Some(format!(
            "{} may have more members than the {} examined; the figures are for {} to {} members",
            vote.voters(),
            electorate::ANALYSED_MAX_SIZE,
            range.from,
            range.to
        ))
    } else if !vote.sizes.bounded {
        Some(format!(
            "the charter sets no maximum size for {}; the figures are for {} to {} members",
            vote.voters(),
            range.from,
            range.to
        ))
    } else {
        None
    }
}

/// For every reading that names its choices (those of an ambiguous rule) and can pass with someone in favour:
/// the choices in words and the smallest winning coalition in words, "6 of 9 `maintainer` in favour (67%)".
pub fn coalitions_per_reading(vote: &VoteAnalysis<'_>) -> Vec<(String, String)> {
    let voters = vote.voters();
    vote.readings()
        .iter()
        .filter_map(|reading| {
            let words = label_words(&reading.label)?;
            let share = smallest_share(reading)?;
            Some((words, coalition_words(share, &voters)))
        })
        .collect()
}

/// The notes that explain an ambiguous part whose answer changes the outcome: the tally that the answers decide
/// differently, the smallest winning coalition under each reading, and which sizes were examined.
pub fn ambiguity_notes(
    vote: &VoteAnalysis<'_>,
    difference: &Difference<'_>,
    part: Part,
) -> Vec<String> {
    let mut notes = vec![difference.outcome_words(part)];
    notes.extend(
        coalitions_per_reading(vote)
            .into_iter()
            .map(|(reading, coalition)| format!("if {reading}: can pass with {coalition}")),
    );
    notes.extend(sizes_note(vote));
    notes
}

/// One question asked of every reading of a rule (does a tie pass? can a proposal and its opposite both
/// pass?): the first tally, if any, that answers yes under each reading.
#[derive(Debug, Clone)]
pub struct WitnessPerReading {
    /// Per reading, in order: its choices in words (`None` for the only reading of an unambiguous rule), and its
    /// witness.
    pub readings: Vec<(Option<String>, Option<Witness>)>,
}

impl WitnessPerReading {
    /// Asks `witness` of every reading.
    pub fn of(
        readings: &[ReadingAnalysis],
        mut witness: impl FnMut(&ReadingAnalysis) -> Option<Witness>,
    ) -> WitnessPerReading {
        WitnessPerReading {
            readings: readings
                .iter()
                .map(|reading| (label_words(&reading.label), witness(reading)))
                .collect(),
        }
    }

    /// The smallest witness over every reading, with the index of its reading (the earlier reading when two
    /// give the same witness); `None` when no reading has one.
    pub fn first(&self) -> Option<(usize, Witness)> {
        self.readings
            .iter()
            .enumerate()
            .filter_map(|(index, (_, witness))| witness.map(|w| (index, w)))
            .min_by_key(|(_, witness)| *witness)
    }

    /// Whether every reading has a witness.
    pub fn everywhere(&self) -> bool {
        self.readings.iter().all(|(_, witness)| witness.is_some())
    }

    /// ", if ..." with the choices of the reading at `index`, for a message that shows its witness; empty when
    /// every reading has a witness, or the rule is not ambiguous.
    pub fn condition(&self, index: usize) -> String {
        match (self.everywhere(), self.readings.get(index)) {
            (false, Some((Some(words), _))) => format!(", if {words}"),
            _ => String::new(),
        }
    }

    /// The readings other than the one at `shown`, with their choices in words and their witnesses, for notes;
    /// none when every reading has a witness (the message then holds under every reading).
    pub fn others(&self, shown: usize) -> Vec<(&str, Option<Witness>)> {
        if self.everywhere() {
            return Vec::new();
        }
        self.readings
            .iter()
            .enumerate()
            .filter(|(index, _)| *index != shown)
            .filter_map(|(_, (words, witness))| Some((words.as_deref()?, *witness)))
            .collect()
    }
}
