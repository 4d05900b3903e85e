//! `CH601` `protection-amendable`: the charter can be amended by a vote that a decision it protects would reject.
//!
//! The comparison helpers here are shared with `admission-easier-than-amendment` (`CH602`).

use std::collections::BTreeSet;

use crate::analysis::arithmetic::{self, Rule, SizeRange, Witness};
use crate::analysis::electorate;
use crate::analysis::votes::{self, BySite, Memo, VoteAnalysis, VoteSite};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, ItemKind, Purpose, RuleOrigin};

crate::declare_lint! {
    /// ## What it finds
    /// An amendment decision (`purpose amend charter`) and another decision with its own vote among the same
    /// voters (the same roles and bodies; exclusions such as the subject are ignored), such that, under every
    /// reading of both rules, some tally amends the charter and fails the other decision. The two rules are
    /// compared at every electorate size both allow, leaving out sizes at which the other decision cannot pass
    /// at all (`vote-impossible-at-some-sizes` reports those). The message shows such a tally. Copies of the
    /// default vote are not compared: a protection is a rule a decision states for itself.
    ///
    /// ## Why it matters
    /// A rule that is harder to meet than an amendment protects nothing: a coalition that cannot win the vote
    /// (admitting a maintainer needs every maintainer) can first amend the charter to lower the rule, then win.
    /// Either the protection is not meant, or amending the charter should be at least as hard.
    ///
    /// ## Example
    /// ```charter
    /// decision add_maintainer {
    ///   vote { voters maintainer; passes when unanimous of members }
    /// }
    /// decision amend_charter {
    ///   purpose amend charter
    ///   vote { voters maintainer; passes when yes >= 60% of cast }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision add_maintainer {
    ///   vote { voters maintainer; passes when unanimous of members }
    /// }
    /// decision amend_charter {
    ///   purpose amend charter
    ///   vote { voters maintainer; passes when unanimous of members }
    /// }
    /// ```
    pub(crate) PROTECTION_AMENDABLE, "CH601", "protection-amendable", Warning
}

pub(crate) fn check(
    cx: &mut CheckContext,
    charter: &ir::Charter,
    votes: &[VoteAnalysis<'_>],
    memo: &mut Memo,
) {
    let votes = BySite::new(votes);
    for (a_index, amendment) in charter.decisions.iter().enumerate() {
        let Some(a_rule) = amendment.vote.as_ref().filter(|_| is_amendment(amendment)) else {
            continue;
        };
        let Some(a) = Readings::of(charter, &votes, a_index, a_rule) else {
            continue;
        };
        // Computed once per amendment rather than once per decision compared with it.
        let a_voters = voter_keys(a_rule);
        for (d_index, decision) in charter.decisions.iter().enumerate() {
            if d_index == a_index || is_amendment(decision) {
                continue;
            }
            // Only a rule the decision states for itself is a protection; a copy of the default vote is not.
            let Some(d_rule) = decision
                .vote
                .as_ref()
                .filter(|rule| rule.origin == RuleOrigin::Stated)
            else {
                continue;
            };
            if !has_voters(d_rule, &a_voters) {
                continue;
            }
            let Some(d) = Readings::of(charter, &votes, d_index, d_rule) else {
                continue;
            };
            let Some(range) = a.common_sizes(&d) else {
                continue;
            };
            // Under every pair of readings, some tally passes the amendment and fails the decision.
            let Some(separating) = separate(&a, &d, range, memo) else {
                continue;
            };
            let (witness, condition) = separating;
            let mut diagnostic = Diagnostic::new(
                &PROTECTION_AMENDABLE,
                format!(
                    "amending the charter is easier than `{}`: {} amends the charter but does not {}{condition}",
                    decision.name,
                    votes::witness_words(&witness),
                    purpose_words(decision)
                ),
                Label::new(
                    votes::conditions_span(d_rule),
                    format!("needs more than amending the charter: {}", rule_words(d_rule)),
                ),
            )
            .with_label(
                votes::conditions_span(a_rule),
                format!("`{}` amends the charter with {}", amendment.name, rule_words(a_rule)),
            );
            diagnostic = diagnostic.with_note(format!(
                "a coalition that cannot pass `{}` can amend the charter to lower its rule, then pass it",
                decision.name
            ));
            cx.report(diagnostic.with_help(format!(
                "make amending the charter at least as hard as `{}` ({}), or lower that rule if it is not meant as a protection",
                decision.name,
                rule_words(d_rule)
            )));
        }
    }
}

/// Whether the decision amends the charter.
pub(super) fn is_amendment(decision: &ir::Decision) -> bool {
    decision
        .purposes
        .iter()
        .any(|entry| entry.purpose == Purpose::AmendCharter)
}

/// The voters of a rule as a set of roles and bodies (`None` for `anyone`), exclusions ignored.
pub(super) fn voter_keys(rule: &ir::VoteRule) -> BTreeSet<Option<(ItemKind, usize)>> {
    rule.electorate
        .voters
        .iter()
        .map(|voter| voter.item().map(|item| (item.kind, item.index)))
        .collect()
}

/// Whether the voters of `rule` are the set `keys` built by [`voter_keys`], compared without building a set for
/// `rule`: the amendment checks compare one rule's voters with those of every decision.
pub(super) fn has_voters(rule: &ir::VoteRule, keys: &BTreeSet<Option<(ItemKind, usize)>>) -> bool {
    let key = |voter: &ir::Actor| voter.item().map(|item| (item.kind, item.index));
    let voters = &rule.electorate.voters;
    voters.iter().all(|voter| keys.contains(&key(voter)))
        && keys
            .iter()
            .all(|wanted| voters.iter().any(|voter| key(voter) == *wanted))
}

/// One reading of a vote rule.
pub(super) struct ReadingOf {
    /// Its choices in words; `None` for the only reading of an unambiguous rule.
    pub(super) label: Option<String>,
    /// The rule under this reading.
    pub(super) rule: Rule,
    /// The sizes of the electorate at which no tally passes, as maximal runs in increasing order.
    pub(super) cannot_pass: Vec<SizeRange>,
}

/// Every reading of a vote rule, with its electorate's sizes.
pub(super) struct Readings {
    /// The readings.
    pub(super) readings: Vec<ReadingOf>,
    /// The sizes the electorate may have.
    pub(super) sizes: SizeRange,
}

impl Readings {
    /// The readings of the vote rule of decision `index`: from the shared analysis when `analyze_votes` covers
    /// it (a stated rule, or a copy of the default vote), else computed here. `None` for a rule with no
    /// condition, no voters, or too many readings.
    pub(super) fn of(
        charter: &ir::Charter,
        votes: &BySite<'_, '_>,
        index: usize,
        rule: &ir::VoteRule,
    ) -> Option<Readings> {
        if rule.conditions.is_empty() || rule.electorate.voters.is_empty() {
            return None;
        }
        let site = if rule.origin == RuleOrigin::Stated {
            VoteSite::Decision { decision: index }
        } else {
            VoteSite::DefaultVote
        };
        let sizes = electorate::electorate_sizes(charter, &rule.electorate).range;
        let readings: Vec<ReadingOf> = match votes.get(site) {
            Some(vote) => vote
                .readings()
                .iter()
                .map(|r| ReadingOf {
                    label: votes::label_words(&r.label),
                    rule: r.rule.clone(),
                    cannot_pass: r.analysis.cannot_pass.clone(),
                })
                .collect(),
            None => arithmetic::readings(rule)
                .ok()?
                .into_iter()
                .map(|(label, rule)| {
                    let cannot_pass = arithmetic::analyze(&rule, sizes.from..=sizes.to).cannot_pass;
                    ReadingOf {
                        label: votes::label_words(&label),
                        rule,
                        cannot_pass,
                    }
                })
                .collect(),
        };
        if readings.is_empty() {
            return None;
        }
        Some(Readings { readings, sizes })
    }

    /// The sizes of at least one member that both electorates may have.
    pub(super) fn common_sizes(&self, other: &Readings) -> Option<SizeRange> {
        let from = self.sizes.from.max(other.sizes.from).max(1);
        let to = self.sizes.to.min(other.sizes.to);
        (from <= to).then_some(SizeRange { from, to })
    }

    /// Whether `witness` passes under every reading.
    pub(super) fn all_pass(&self, witness: &Witness) -> bool {
        self.readings
            .iter()
            .all(|r| arithmetic::passes(&r.rule, witness.members, witness.tally))
    }

    /// Whether `witness` fails under every reading.
    pub(super) fn all_fail(&self, witness: &Witness) -> bool {
        self.readings
            .iter()
            .all(|r| !arithmetic::passes(&r.rule, witness.members, witness.tally))
    }
}

/// A tally that passes `passing` and fails `failing`, when there is one under every pair of readings, at a size
/// where the failing reading can pass (where it cannot pass at all, failing says nothing about how strict it
/// is): one that does so under every reading of both if the witnesses include one, else the smallest, with the
/// readings it needs in words (", if ...").
pub(super) fn separate(
    passing: &Readings,
    failing: &Readings,
    range: SizeRange,
    memo: &mut Memo,
) -> Option<(Witness, String)> {
    let mut witnesses: Vec<(Witness, Vec<&str>)> = Vec::new();
    for p in &passing.readings {
        for f in &failing.readings {
            let witness = passable(range, &f.cannot_pass)
                .into_iter()
                .find_map(|sizes| memo.stricter(&p.rule, &f.rule, sizes).err())?;
            let labels = [&p.label, &f.label]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            witnesses.push((witness, labels));
        }
    }
    witnesses.sort();
    if let Some((witness, _)) = witnesses
        .iter()
        .find(|(w, _)| passing.all_pass(w) && failing.all_fail(w))
    {
        return Some((*witness, String::new()));
    }
    let (witness, labels) = witnesses.into_iter().next()?;
    let condition = if labels.is_empty() {
        String::new()
    } else {
        format!(", if {}", labels.join(" and "))
    };
    Some((witness, condition))
}

/// The runs of sizes in `range` outside `cannot_pass`, in increasing order.
fn passable(range: SizeRange, cannot_pass: &[SizeRange]) -> Vec<SizeRange> {
    let mut res = Vec::new();
    let mut from = range.from;
    for run in cannot_pass {
        if run.to < from {
            continue;
        }
        if run.from > range.to {
            break;
        }
        if run.from > from {
            res.push(SizeRange {
                from,
                to: run.from - 1,
            });
        }
        match run.to.checked_add(1) {
            Some(next) => from = next,
            None => return res,
        }
    }
    if from <= range.to {
        res.push(SizeRange { from, to: range.to });
    }
    res
}

/// A rule's conditions and quorum in words: "`yes >= 60% of cast` and `quorum >= 60% of members`".
pub(super) fn rule_words(rule: &ir::VoteRule) -> String {
    let conditions: Vec<String> = rule
        .conditions
        .iter()
        .map(|c| format!("`{}`", c.text))
        .collect();
    let mut words = conditions.join(" and ");
    if let Some(quorum) = &rule.quorum {
        words = format!("{words} and `{}`", quorum.text);
    }
    words
}

/// What passing the decision does, negated by the caller: "admit a `maintainer`", "pass `release`".
fn purpose_words(decision: &ir::Decision) -> String {
    match decision.purposes.first().map(|entry| &entry.purpose) {
        Some(Purpose::Admit { role }) => format!("admit a `{}`", role.name),
        Some(Purpose::Remove { role }) => format!("remove a `{}`", role.name),
        Some(Purpose::Reinstate { role }) => format!("reinstate a `{}`", role.name),
        Some(Purpose::Appoint { body }) => format!("appoint `{}`", body.name),
        Some(Purpose::Elect { body }) => format!("elect `{}`", body.name),
        _ => format!("pass `{}`", decision.name),
    }
}
