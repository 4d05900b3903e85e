//! The semantic differences between two versions of a charter.
//!
//! Items are aligned first ([`alignment`]); then every aligned pair is compared by
//! meaning, never by text: vote rules with the exact arithmetic (over the electorate sizes both versions allow),
//! durations by their normalized length, lists of people as sets. Two versions that say the same thing in other
//! words, or in another order, have no difference. Every [`Change`] has a [`Direction`] when it makes the charter
//! stricter or weaker, and none when it is neither (a role added, a finding resolved); the changes are sorted by
//! what they are about, so the order does not depend on the order of the items in either file.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::compare::alignment::{self, NameMap, Procedure};
use crate::compare::rules::{self, Coalition, Direction, RuleComparison, RuleFacts, Scope};
use crate::compare::words;
use crate::compare::{Finding, Prepared};
use crate::ir::{self, ItemKind};

/// What a change is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Subject {
    /// The default vote.
    DefaultVote,
    /// A role or body.
    Group {
        /// Its name (in the new charter's terms).
        name: String,
        /// `role` or `body` (in the new charter, unless removed).
        group: ItemKind,
    },
    /// An external body.
    External {
        /// Its name.
        name: String,
    },
    /// A decision.
    Decision {
        /// What it does.
        procedure: Procedure,
        /// Its name in the old charter, if it exists there.
        old: Option<String>,
        /// Its name in the new charter, if it exists there.
        new: Option<String>,
    },
    /// A finding of the checker.
    Finding {
        /// The stable code.
        code: String,
        /// The stable name.
        name: String,
    },
}

impl Subject {
    /// The subject in words: "the default vote", "role `maintainer`", "admission to `maintainer`
    /// (`add_maintainer`)", "finding `unstated-base` (CH204)".
    pub fn words(&self) -> String {
        match self {
            Subject::DefaultVote => "the default vote".to_owned(),
            Subject::Group { name, group } => format!("{} `{name}`", group.keyword()),
            Subject::External { name } => format!("external body `{name}`"),
            Subject::Decision {
                procedure,
                old,
                new,
            } => {
                let names = match (old, new) {
                    (Some(old), Some(new)) if old != new => format!("`{old}` → `{new}`"),
                    (_, Some(name)) | (Some(name), None) => format!("`{name}`"),
                    (None, None) => String::new(),
                };
                match procedure {
                    Procedure::Named { .. } => format!("decision {names}"),
                    _ => format!("{} ({names})", procedure.words()),
                }
            }
            Subject::Finding { code, name } => format!("finding `{name}` ({code})"),
        }
    }
}

/// The kind of a difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A default vote is added.
    DefaultVoteAdded,
    /// The default vote is removed.
    DefaultVoteRemoved,
    /// A role or body is added.
    GroupAdded,
    /// A role or body is removed.
    GroupRemoved,
    /// A role became a body or the reverse.
    GroupKindChanged,
    /// The size bounds of a role or body changed.
    Resized,
    /// Who a body's members are (or its chair) changed.
    CompositionChanged,
    /// The listed members changed.
    MembersChanged,
    /// Whether anyone may join without a decision changed.
    OpenJoinChanged,
    /// The ways to leave a role changed.
    ExitsChanged,
    /// The inactivity period that ends a membership changed.
    InactivityChanged,
    /// Term lengths, term limits or seat limits changed.
    TermsChanged,
    /// Recurring duties changed.
    CadenceChanged,
    /// An external body is added.
    ExternalAdded,
    /// An external body is removed.
    ExternalRemoved,
    /// A decision is added.
    DecisionAdded,
    /// A decision is removed.
    DecisionRemoved,
    /// What a decision does changed.
    PurposeChanged,
    /// Who may propose changed.
    ProposersChanged,
    /// Who decides changed (a vote, an actor with no rule, approvals, nobody).
    DeciderChanged,
    /// Who votes changed.
    VotersChanged,
    /// The pass conditions of a vote changed.
    ThresholdChanged,
    /// The quorum changed.
    QuorumChanged,
    /// How abstentions count (towards the base of a share or towards the quorum) changed.
    AbstentionChanged,
    /// Who holds a veto changed.
    VetoChanged,
    /// What a tie does changed.
    TieChanged,
    /// Whether the ballot is secret changed.
    BallotChanged,
    /// How long a vote stays open changed.
    WindowChanged,
    /// A waiting period (discussion, notice, public, review) changed.
    PhaseChanged,
    /// Lazy consensus is added.
    LazyConsensusAdded,
    /// Lazy consensus is removed.
    LazyConsensusRemoved,
    /// The silence period or what an objection leads to changed.
    LazyConsensusChanged,
    /// Escalation steps are added, removed or reordered.
    EscalationChanged,
    /// Someone who took part must now stand aside.
    RecusalAdded,
    /// Someone who stood aside may now take part.
    RecusalDropped,
    /// The people a procedure designates changed.
    DesignationChanged,
    /// The change brings a finding.
    FindingIntroduced,
    /// The change removes a finding.
    FindingResolved,
}

impl ChangeKind {
    /// The kind seen from the other side: added and removed, introduced and resolved swap.
    pub fn mirror(self) -> ChangeKind {
        use ChangeKind as K;
        match self {
            K::DefaultVoteAdded => K::DefaultVoteRemoved,
            K::DefaultVoteRemoved => K::DefaultVoteAdded,
            K::GroupAdded => K::GroupRemoved,
            K::GroupRemoved => K::GroupAdded,
            K::ExternalAdded => K::ExternalRemoved,
            K::ExternalRemoved => K::ExternalAdded,
            K::DecisionAdded => K::DecisionRemoved,
            K::DecisionRemoved => K::DecisionAdded,
            K::LazyConsensusAdded => K::LazyConsensusRemoved,
            K::LazyConsensusRemoved => K::LazyConsensusAdded,
            K::RecusalAdded => K::RecusalDropped,
            K::RecusalDropped => K::RecusalAdded,
            K::FindingIntroduced => K::FindingResolved,
            K::FindingResolved => K::FindingIntroduced,
            other => other,
        }
    }
}

/// The arithmetic of a changed vote rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleChange {
    /// How the new rule compares with the old one, with witness tallies.
    pub comparison: RuleComparison,
    /// The old rule's smallest winning coalition.
    pub old_coalition: Coalition,
    /// The new rule's smallest winning coalition.
    pub new_coalition: Coalition,
}

/// One semantic difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What it is about.
    pub subject: Subject,
    /// What kind of difference it is.
    pub kind: ChangeKind,
    /// Whether it makes the charter stricter or weaker; `None` when it is neither.
    pub direction: Option<Direction>,
    /// What changed, in one sentence without the subject: "the pass condition is weaker under every reading".
    pub summary: String,
    /// The aspect before, in words, when it existed.
    pub before: Option<String>,
    /// The aspect after, in words, when it exists.
    pub after: Option<String>,
    /// Witness tallies, smallest winning coalitions and other facts, one sentence each.
    pub notes: Vec<String>,
    /// The arithmetic, for a changed vote rule.
    pub rule: Option<RuleChange>,
}

impl Change {
    fn new(subject: &Subject, kind: ChangeKind, summary: impl Into<String>) -> Change {
        Change {
            subject: subject.clone(),
            kind,
            direction: None,
            summary: summary.into(),
            before: None,
            after: None,
            notes: Vec::new(),
            rule: None,
        }
    }

    fn direction(mut self, direction: Option<Direction>) -> Change {
        self.direction = direction;
        self
    }

    fn before_after(mut self, before: Option<String>, after: Option<String>) -> Change {
        self.before = before;
        self.after = after;
        self
    }

    /// Whether the change lets something pass that did not: a weaker change, or an incomparable vote rule under
    /// which some tally passes that failed before.
    pub fn weakens(&self) -> bool {
        match self.direction {
            Some(Direction::Weaker) => true,
            Some(Direction::Incomparable) => self
                .rule
                .as_ref()
                .is_some_and(|r| r.comparison.newly_passing.is_some()),
            _ => false,
        }
    }
}

/// Counts of changes by direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Every change.
    pub total: usize,
    /// Stricter changes.
    pub stricter: usize,
    /// Weaker changes.
    pub weaker: usize,
    /// Incomparable changes (some outcomes newly pass, others newly fail).
    pub incomparable: usize,
    /// Changes that are neither stricter nor weaker.
    pub other: usize,
}

/// The semantic differences from an old charter to a new one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// Every difference, sorted by subject, then kind.
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether the two charters mean the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether some change lets something pass that did not ([`Change::weakens`]).
    pub fn weakens(&self) -> bool {
        self.changes.iter().any(Change::weakens)
    }

    /// How many changes of each direction.
    pub fn counts(&self) -> Counts {
        let mut res = Counts {
            total: self.changes.len(),
            ..Counts::default()
        };
        for change in &self.changes {
            match change.direction {
                Some(Direction::Stricter) => res.stricter += 1,
                Some(Direction::Weaker) => res.weaker += 1,
                Some(Direction::Incomparable) => res.incomparable += 1,
                Some(Direction::Same) | None => res.other += 1,
            }
        }
        res
    }
}

/// Both charters with the names each is read through.
struct Pair<'a> {
    old: &'a ir::Charter,
    new: &'a ir::Charter,
    /// The old charter's names in the new charter's terms: the explicit map, plus each paired decision's new name.
    old_names: NameMap,
    new_names: NameMap,
}

/// The semantic differences between `old` and `new`, reading old names through `map`.
pub fn diff(old: &Prepared, new: &Prepared, map: &NameMap) -> Diff {
    let new_names = NameMap::new();
    let alignment = alignment::align_decisions(&old.charter, map, &new.charter, &new_names);
    let mut old_names = map.clone();
    for &(i, j) in &alignment.pairs {
        if let (Some(a), Some(b)) = (old.charter.decisions.get(i), new.charter.decisions.get(j))
            && map.canonical(&a.name) == a.name
        {
            // A conflict is impossible: each old decision is paired once, and mapped names are skipped.
            let _ = old_names.add(&a.name, &b.name);
        }
    }
    let pair = Pair {
        old: &old.charter,
        new: &new.charter,
        old_names,
        new_names,
    };
    let mut changes = Vec::new();
    default_vote_changes(&pair, &mut changes);
    group_changes(&pair, &mut changes);
    external_changes(&pair, &mut changes);
    for &(i, j) in &alignment.pairs {
        if let (Some(a), Some(b)) = (pair.old.decisions.get(i), pair.new.decisions.get(j)) {
            decision_changes(&pair, a, b, &mut changes);
        }
    }
    for &i in &alignment.only_old {
        if let Some(decision) = pair.old.decisions.get(i) {
            let subject = Subject::Decision {
                procedure: alignment::main_procedure(decision, &pair.old_names),
                old: Some(decision.name.to_string()),
                new: None,
            };
            changes.push(
                Change::new(&subject, ChangeKind::DecisionRemoved, "removed")
                    .before_after(Some(how_decided(pair.old, decision, &pair.old_names)), None),
            );
        }
    }
    for &j in &alignment.only_new {
        if let Some(decision) = pair.new.decisions.get(j) {
            let subject = Subject::Decision {
                procedure: alignment::main_procedure(decision, &pair.new_names),
                old: None,
                new: Some(decision.name.to_string()),
            };
            changes.push(
                Change::new(&subject, ChangeKind::DecisionAdded, "added")
                    .before_after(None, Some(how_decided(pair.new, decision, &pair.new_names))),
            );
        }
    }
    finding_changes(&old.findings, &new.findings, &mut changes);
    changes.sort_by(|a, b| {
        (&a.subject, a.kind, &a.summary, &a.before, &a.after)
            .cmp(&(&b.subject, b.kind, &b.summary, &b.before, &b.after))
    });
    Diff { changes }
}

/// How a decision is decided, in words, with the rule and its smallest winning coalition when it is a vote.
pub fn how_decided(charter: &ir::Charter, decision: &ir::Decision, names: &NameMap) -> String {
    how_decided_with(decision, names, |rule| {
        RuleFacts::of(charter, rule).coalition().words()
    })
}

/// [`how_decided`], with the smallest winning coalition of the decision's vote rule in words from `coalition`,
/// for a caller that keeps the analyses of rules it meets many times ([`crate::compare::rules::RuleCache`]).
pub fn how_decided_with(
    decision: &ir::Decision,
    names: &NameMap,
    coalition: impl FnOnce(&ir::VoteRule) -> String,
) -> String {
    let rule = decision.vote.as_ref().map(|rule| {
        let coalition = coalition(rule);
        format!(
            "{}; smallest winning coalition {coalition}",
            words::rule_words(rule, names)
        )
    });
    match (&decision.decider, rule) {
        (ir::Decider::LazyConsensus, Some(rule)) => {
            format!("lazy consensus; on objection {rule}")
        }
        (ir::Decider::Vote, Some(rule)) => rule,
        (decider, _) => words::decider_words(decider, names),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The default vote
// ---------------------------------------------------------------------------------------------------------------

/// The decisions of a charter that fall under its default vote.
fn default_users(charter: &ir::Charter) -> Vec<String> {
    charter
        .decisions
        .iter()
        .filter(|d| {
            d.vote.as_ref().is_some_and(|r| {
                matches!(
                    r.origin,
                    ir::RuleOrigin::DefaultByReference | ir::RuleOrigin::DefaultImplied
                )
            }) || d.escalation.iter().any(|step| {
                matches!(step, ir::EscalationStep::Vote { rule, .. } if rule.origin == ir::RuleOrigin::DefaultByReference)
            })
        })
        .map(|d| format!("`{}`", d.name))
        .collect()
}

fn default_vote_changes(pair: &Pair<'_>, changes: &mut Vec<Change>) {
    let subject = Subject::DefaultVote;
    match (&pair.old.default_vote, &pair.new.default_vote) {
        (None, None) => {}
        (None, Some(rule)) => {
            let mut change = Change::new(&subject, ChangeKind::DefaultVoteAdded, "added")
                .before_after(
                    None,
                    Some(rule_with_coalition(pair.new, rule, &pair.new_names)),
                );
            let users = default_users(pair.new);
            if !users.is_empty() {
                change
                    .notes
                    .push(format!("it applies to {}", words::and_list(&users)));
            }
            changes.push(change);
        }
        (Some(rule), None) => {
            let mut change = Change::new(&subject, ChangeKind::DefaultVoteRemoved, "removed")
                .before_after(
                    Some(rule_with_coalition(pair.old, rule, &pair.old_names)),
                    None,
                );
            let users = default_users(pair.old);
            if !users.is_empty() {
                change
                    .notes
                    .push(format!("it applied to {}", words::and_list(&users)));
            }
            changes.push(change);
        }
        (Some(old), Some(new)) => {
            let start = changes.len();
            vote_changes(pair, &subject, old, new, true, "", changes);
            let users = default_users(pair.new);
            if !users.is_empty() {
                for change in changes.iter_mut().skip(start) {
                    change
                        .notes
                        .push(format!("it applies to {}", words::and_list(&users)));
                }
            }
        }
    }
}

fn rule_with_coalition(charter: &ir::Charter, rule: &ir::VoteRule, names: &NameMap) -> String {
    format!(
        "{}; smallest winning coalition {}",
        words::rule_words(rule, names),
        RuleFacts::of(charter, rule).coalition().words()
    )
}

// ---------------------------------------------------------------------------------------------------------------
// Vote rules
// ---------------------------------------------------------------------------------------------------------------

/// What a condition means, without where it is written or how it is spelt.
fn condition_meaning(condition: &ir::Condition) -> (&ir::ConditionForm, Vec<&ir::Reading>) {
    (&condition.form, condition.readings.iter().collect())
}

/// Whether two lists of conditions differ only in their bases, and only between bases that differ in how they
/// count abstentions (of those voting, of the votes cast, of votes).
fn only_abstentions_differ(old: &[ir::Condition], new: &[ir::Condition]) -> bool {
    old.len() == new.len()
        && old.iter().zip(new).all(|(a, b)| {
            a.form == b.form
                && (a.readings == b.readings || (abstention_base(a) && abstention_base(b)))
        })
}

fn abstention_base(condition: &ir::Condition) -> bool {
    condition.base != ir::BaseStatement::Unstated
        && condition
            .readings
            .iter()
            .all(|r| matches!(r.base, Some(ir::Base::Participating) | Some(ir::Base::Cast)))
}

/// A set of actors in canonical words.
fn actor_set(actors: &[ir::Actor], names: &NameMap) -> BTreeSet<String> {
    actors
        .iter()
        .map(|a| words::actor_words(a, names))
        .collect()
}

fn exclusion_set(exclusions: &[ir::Exclusion], names: &NameMap) -> BTreeSet<String> {
    exclusions
        .iter()
        .map(|e| words::exclusion_words(e, names))
        .collect()
}

/// "the pass condition", "the quorum", ... with the site: "the pass condition of escalation step 2".
fn with_site(what: &str, site: &str) -> String {
    if site.is_empty() {
        what.to_owned()
    } else {
        format!("{what} of {site}")
    }
}

fn direction_phrase(comparison: &RuleComparison) -> String {
    let scope = match comparison.scope {
        Scope::EveryReading => "under every reading",
        Scope::SomeReadings => "under some readings",
    };
    if comparison.sizes.is_none() {
        return "changed, and the two rules cannot be compared tally by tally".to_owned();
    }
    match comparison.direction {
        Direction::Stricter => format!("is stricter {scope}"),
        Direction::Weaker => format!("is weaker {scope}"),
        Direction::Incomparable => {
            "is neither stricter nor weaker: some outcomes newly pass and others newly fail"
                .to_owned()
        }
        Direction::Same => "means the same".to_owned(),
    }
}

/// The changes between two vote rules at the same place. `with_exclusions` says whether exclusions from the
/// electorate are compared here (for the default vote and escalation steps) or with the decision's recusals.
fn vote_changes(
    pair: &Pair<'_>,
    subject: &Subject,
    old: &ir::VoteRule,
    new: &ir::VoteRule,
    with_exclusions: bool,
    site: &str,
    changes: &mut Vec<Change>,
) {
    let (on, nn) = (&pair.old_names, &pair.new_names);
    let voters_changed =
        actor_set(&old.electorate.voters, on) != actor_set(&new.electorate.voters, nn);
    if voters_changed {
        changes.push(
            Change::new(
                subject,
                ChangeKind::VotersChanged,
                format!("{} changed", with_site("who votes", site)),
            )
            .before_after(
                Some(words::electorate_words(&old.electorate, on)),
                Some(words::electorate_words(&new.electorate, nn)),
            ),
        );
    }
    if with_exclusions {
        recusal_changes(
            subject,
            &exclusion_set(&old.electorate.exclusions, on),
            &exclusion_set(&new.electorate.exclusions, nn),
            site,
            changes,
        );
    }

    // The arithmetic: conditions, quorum and a veto held by every voter.
    let old_facts = RuleFacts::of(pair.old, old);
    let new_facts = RuleFacts::of(pair.new, new);
    let comparison = rules::compare_rules(&old_facts, &new_facts);
    let conditions_same = old
        .conditions
        .iter()
        .map(condition_meaning)
        .collect::<Vec<_>>()
        == new
            .conditions
            .iter()
            .map(condition_meaning)
            .collect::<Vec<_>>();
    let quorum_same = old.quorum.as_ref().map(|q| (&q.form, &q.readings))
        == new.quorum.as_ref().map(|q| (&q.form, &q.readings));
    let vetoes_same = actor_set(&old.vetoes, on) == actor_set(&new.vetoes, nn);
    let mut arithmetic_kind = None;
    if comparison.direction != Direction::Same {
        let (kind, what) = if !conditions_same {
            if quorum_same && only_abstentions_differ(&old.conditions, &new.conditions) {
                (
                    ChangeKind::AbstentionChanged,
                    "the treatment of abstentions",
                )
            } else {
                (ChangeKind::ThresholdChanged, "the pass condition")
            }
        } else if !quorum_same {
            let abstentions_only = match (&old.quorum, &new.quorum) {
                (Some(a), Some(b)) => a.form == b.form,
                _ => false,
            };
            if abstentions_only {
                (
                    ChangeKind::AbstentionChanged,
                    "the quorum's treatment of abstentions",
                )
            } else {
                (ChangeKind::QuorumChanged, "the quorum")
            }
        } else if !vetoes_same {
            (ChangeKind::VetoChanged, "the veto")
        } else {
            (ChangeKind::ThresholdChanged, "the rule")
        };
        arithmetic_kind = Some(kind);
        let old_coalition = old_facts.coalition();
        let new_coalition = new_facts.coalition();
        let mut change = Change::new(
            subject,
            kind,
            format!(
                "{} {}",
                with_site(what, site),
                direction_phrase(&comparison)
            ),
        )
        .direction(comparison.sizes.map(|_| comparison.direction))
        .before_after(
            Some(words::conditions_words(old)),
            Some(words::conditions_words(new)),
        );
        if let Some(w) = &comparison.newly_passing {
            change.notes.push(format!(
                "{} passes under the new rule and not under the old{}",
                rules::witness_words(&w.witness, new),
                rules::reading_clause(w, "the old rule", "the new rule")
            ));
        }
        if let Some(w) = &comparison.newly_failing {
            change.notes.push(format!(
                "{} passes under the old rule and not under the new{}",
                rules::witness_words(&w.witness, old),
                rules::reading_clause(w, "the old rule", "the new rule")
            ));
        }
        let (before, after) = (old_coalition.words(), new_coalition.words());
        if before == after {
            change.notes.push(format!(
                "smallest winning coalition: {before}, before and after"
            ));
        } else {
            change.notes.push(format!(
                "smallest winning coalition before: {before}; after: {after}"
            ));
        }
        match comparison.sizes {
            Some(sizes) => change.notes.push(format!(
                "compared for electorates of {} to {} members",
                sizes.from, sizes.to
            )),
            None => change.notes.push(
                "the two electorates have no size in common, or a rule has too many readings, so the rules are not compared tally by tally".to_owned(),
            ),
        }
        if voters_changed {
            change.notes.push(
                "the voters changed too: the figures compare electorates of the same size"
                    .to_owned(),
            );
        }
        change.rule = Some(RuleChange {
            comparison,
            old_coalition,
            new_coalition,
        });
        changes.push(change);
    }
    if !vetoes_same && arithmetic_kind != Some(ChangeKind::VetoChanged) {
        let (old_v, new_v) = (actor_set(&old.vetoes, on), actor_set(&new.vetoes, nn));
        let direction = if old_v.is_subset(&new_v) {
            Some(Direction::Stricter)
        } else if new_v.is_subset(&old_v) {
            Some(Direction::Weaker)
        } else {
            None
        };
        let list = |set: &BTreeSet<String>| {
            if set.is_empty() {
                "nobody".to_owned()
            } else {
                words::and_list(&set.iter().collect::<Vec<_>>())
            }
        };
        changes.push(
            Change::new(
                subject,
                ChangeKind::VetoChanged,
                format!("{} changed", with_site("who holds a veto", site)),
            )
            .direction(direction)
            .before_after(Some(list(&old_v)), Some(list(&new_v))),
        );
    }

    let (old_tie, new_tie) = (
        words::tie_words(old.tie.as_ref(), on),
        words::tie_words(new.tie.as_ref(), nn),
    );
    if old_tie != new_tie {
        let rank = |tie: Option<&ir::TieBreak>| match tie {
            Some(ir::TieBreak::Passes) => 0,
            Some(ir::TieBreak::Fails) => 2,
            _ => 1,
        };
        let (a, b) = (rank(old.tie.as_ref()), rank(new.tie.as_ref()));
        let direction = match b.cmp(&a) {
            std::cmp::Ordering::Greater => Some(Direction::Stricter),
            std::cmp::Ordering::Less => Some(Direction::Weaker),
            std::cmp::Ordering::Equal => None,
        };
        let stated = |tie: Option<String>| tie.unwrap_or_else(|| "not stated".to_owned());
        changes.push(
            Change::new(
                subject,
                ChangeKind::TieChanged,
                format!("{} changed", with_site("what a tie does", site)),
            )
            .direction(direction)
            .before_after(Some(stated(old_tie)), Some(stated(new_tie))),
        );
    }

    if old.secret_ballot != new.secret_ballot {
        let ballot = |secret: Option<bool>| {
            match secret {
                Some(true) => "secret",
                Some(false) => "public",
                None => "not stated",
            }
            .to_owned()
        };
        changes.push(
            Change::new(
                subject,
                ChangeKind::BallotChanged,
                format!("{} changed", with_site("the ballot", site)),
            )
            .before_after(
                Some(ballot(old.secret_ballot)),
                Some(ballot(new.secret_ballot)),
            ),
        );
    }

    if let Some(change) = bound_change(
        subject,
        ChangeKind::WindowChanged,
        &with_site("the vote window", site),
        old.window.as_ref(),
        new.window.as_ref(),
    ) {
        changes.push(change);
    }
}

fn recusal_changes(
    subject: &Subject,
    old: &BTreeSet<String>,
    new: &BTreeSet<String>,
    site: &str,
    changes: &mut Vec<Change>,
) {
    let place = if site.is_empty() {
        String::new()
    } else {
        format!(" in {site}")
    };
    for added in new.difference(old) {
        changes.push(
            Change::new(
                subject,
                ChangeKind::RecusalAdded,
                format!("{added} may no longer take part{place}"),
            )
            .direction(Some(Direction::Stricter)),
        );
    }
    for dropped in old.difference(new) {
        changes.push(
            Change::new(
                subject,
                ChangeKind::RecusalDropped,
                format!("{dropped} may now take part{place}"),
            )
            .direction(Some(Direction::Weaker)),
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------------------------------------------

/// Whether two duration bounds mean the same: the same kind of bound over the same calendar lengths.
fn same_bound(a: &ir::DurationBound, b: &ir::DurationBound) -> bool {
    let meaning = |x: &ir::DurationBound| {
        (
            x.bound,
            x.duration.as_ref().map(|d| {
                (
                    d.seconds,
                    d.approximate,
                    d.unit == ir::TimeUnit::BusinessDays,
                )
            }),
        )
    };
    meaning(a) == meaning(b)
}

/// Whether a bound is a minimum: a longer one makes the procedure slower, so stricter.
fn is_minimum(bound: &ir::DurationBound) -> bool {
    matches!(bound.bound, ir::BoundKind::AtLeast | ir::BoundKind::Exactly)
}

/// The change of a waiting period: added, removed, lengthened, shortened, or changed.
fn bound_change(
    subject: &Subject,
    kind: ChangeKind,
    what: &str,
    old: Option<&ir::DurationBound>,
    new: Option<&ir::DurationBound>,
) -> Option<Change> {
    let (verb, direction) = match (old, new) {
        (None, None) => return None,
        (None, Some(b)) => ("added", is_minimum(b).then_some(Direction::Stricter)),
        (Some(a), None) => ("removed", is_minimum(a).then_some(Direction::Weaker)),
        (Some(a), Some(b)) => {
            if same_bound(a, b) {
                return None;
            }
            let seconds = |x: &ir::DurationBound| x.duration.as_ref().map(|d| d.seconds);
            match (seconds(a), seconds(b)) {
                (Some(x), Some(y)) if a.bound == b.bound && x != y => {
                    let minimum = is_minimum(a);
                    if y.min >= x.min && y.max >= x.max {
                        ("lengthened", minimum.then_some(Direction::Stricter))
                    } else if y.min <= x.min && y.max <= x.max {
                        ("shortened", minimum.then_some(Direction::Weaker))
                    } else {
                        ("changed", None)
                    }
                }
                _ => ("changed", None),
            }
        }
    };
    Some(
        Change::new(subject, kind, format!("{what} is {verb}"))
            .direction(direction)
            .before_after(old.map(words::bound_words), new.map(words::bound_words)),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// Roles, bodies and external bodies
// ---------------------------------------------------------------------------------------------------------------

/// A role or body, seen the same way whichever it is.
struct Group<'a> {
    kind: ItemKind,
    size: &'a ir::SizeBounds,
    members: &'a [ir::Member],
    terms: &'a ir::Terms,
    cadences: &'a [ir::Cadence],
    role: Option<&'a ir::Role>,
    body: Option<&'a ir::Body>,
}

fn groups<'a>(charter: &'a ir::Charter, names: &NameMap) -> BTreeMap<String, Group<'a>> {
    let mut res = BTreeMap::new();
    for role in &charter.roles {
        res.insert(
            names.canonical(&role.name).to_owned(),
            Group {
                kind: ItemKind::Role,
                size: &role.size,
                members: &role.members,
                terms: &role.terms,
                cadences: &role.cadences,
                role: Some(role),
                body: None,
            },
        );
    }
    for body in &charter.bodies {
        res.insert(
            names.canonical(&body.name).to_owned(),
            Group {
                kind: ItemKind::Body,
                size: &body.size,
                members: &body.members,
                terms: &body.terms,
                cadences: &body.cadences,
                role: None,
                body: Some(body),
            },
        );
    }
    res
}

fn group_summary(group: &Group<'_>, names: &NameMap) -> String {
    let mut res = format!("size {}", words::size_words(group.size));
    if let Some(body) = group.body {
        res.push_str(&format!("; {}", composition_words(body, names)));
    }
    res
}

fn composition_words(body: &ir::Body, names: &NameMap) -> String {
    let list = |refs: &[ir::Ref]| {
        words::and_list(
            &refs
                .iter()
                .map(|r| format!("`{}`", names.canonical(&r.name)))
                .collect::<Vec<_>>(),
        )
    };
    let mut res = match &body.composition {
        ir::Composition::AllOf { of } => format!("consists of every {}", list(of)),
        ir::Composition::DrawnFrom { from } => format!("drawn from {}", list(from)),
        ir::Composition::Unstated => "composition not stated".to_owned(),
    };
    if let Some(chair) = &body.chair {
        res.push_str(&format!(
            ", chaired by {}",
            words::actor_words(chair, names)
        ));
    }
    res
}

fn exit_words(exit: &ir::Exit, names: &NameMap) -> String {
    let how = match &exit.by {
        ir::ExitKind::Resignation => "resignation".to_owned(),
        ir::ExitKind::Removal { .. } => "removal by a decision".to_owned(),
        ir::ExitKind::Inactivity { .. } => "inactivity".to_owned(),
    };
    match &exit.target {
        Some(target) => format!("{how} → `{}`", names.canonical(&target.name)),
        None => how,
    }
}

fn terms_words(terms: &ir::Terms) -> String {
    let mut parts = Vec::new();
    if let Some(length) = &terms.length {
        parts.push(format!("terms of {}", length.text));
    }
    if let Some(limit) = terms.limit {
        parts.push(format!("at most {limit} consecutive terms"));
    }
    for seat in &terms.seat_limits {
        parts.push(format!("at most {} seats per {}", seat.count, seat.per));
    }
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join("; ")
    }
}

fn cadence_set(cadences: &[ir::Cadence]) -> BTreeSet<String> {
    cadences
        .iter()
        .map(|c| match &c.every {
            Some(every) => format!("\"{}\" every {}", c.what, every.text),
            None => format!("\"{}\" periodically", c.what),
        })
        .collect()
}

fn set_words(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "none".to_owned()
    } else {
        words::and_list(&set.iter().collect::<Vec<_>>())
    }
}

/// A change between two sets of words, with what was added and removed as notes.
fn set_change(
    subject: &Subject,
    kind: ChangeKind,
    summary: String,
    old: &BTreeSet<String>,
    new: &BTreeSet<String>,
) -> Option<Change> {
    if old == new {
        return None;
    }
    let mut change = Change::new(subject, kind, summary)
        .before_after(Some(set_words(old)), Some(set_words(new)));
    let added: Vec<&String> = new.difference(old).collect();
    let removed: Vec<&String> = old.difference(new).collect();
    if !added.is_empty() {
        change
            .notes
            .push(format!("added: {}", words::and_list(&added)));
    }
    if !removed.is_empty() {
        change
            .notes
            .push(format!("removed: {}", words::and_list(&removed)));
    }
    Some(change)
}

fn group_changes(pair: &Pair<'_>, changes: &mut Vec<Change>) {
    let (on, nn) = (&pair.old_names, &pair.new_names);
    let old_groups = groups(pair.old, on);
    let new_groups = groups(pair.new, nn);
    for (name, group) in &old_groups {
        if !new_groups.contains_key(name) {
            let subject = Subject::Group {
                name: name.clone(),
                group: group.kind,
            };
            changes.push(
                Change::new(&subject, ChangeKind::GroupRemoved, "removed")
                    .before_after(Some(group_summary(group, on)), None),
            );
        }
    }
    for (name, new) in &new_groups {
        let subject = Subject::Group {
            name: name.clone(),
            group: new.kind,
        };
        let Some(old) = old_groups.get(name) else {
            changes.push(
                Change::new(&subject, ChangeKind::GroupAdded, "added")
                    .before_after(None, Some(group_summary(new, nn))),
            );
            continue;
        };
        if old.kind != new.kind {
            changes.push(
                Change::new(
                    &subject,
                    ChangeKind::GroupKindChanged,
                    format!("is now a {}", new.kind.keyword()),
                )
                .before_after(
                    Some(old.kind.keyword().to_owned()),
                    Some(new.kind.keyword().to_owned()),
                ),
            );
        }
        let (old_size, new_size) = (words::size_words(old.size), words::size_words(new.size));
        if old_size != new_size {
            changes.push(
                Change::new(&subject, ChangeKind::Resized, "resized")
                    .before_after(Some(old_size), Some(new_size)),
            );
        }
        if let (Some(a), Some(b)) = (old.body, new.body) {
            let (before, after) = (composition_words(a, on), composition_words(b, nn));
            if before != after {
                changes.push(
                    Change::new(
                        &subject,
                        ChangeKind::CompositionChanged,
                        "its members are chosen differently",
                    )
                    .before_after(Some(before), Some(after)),
                );
            }
        }
        let member_set = |members: &[ir::Member]| -> BTreeSet<String> {
            members.iter().map(|m| format!("\"{}\"", m.name)).collect()
        };
        let (old_members, new_members) = (member_set(old.members), member_set(new.members));
        if old_members != new_members || old.members.len() != new.members.len() {
            let count = |n: usize| match n {
                1 => "1 member listed".to_owned(),
                n => format!("{n} members listed"),
            };
            let mut change = Change::new(
                &subject,
                ChangeKind::MembersChanged,
                "the listed members changed",
            )
            .before_after(
                Some(count(old.members.len())),
                Some(count(new.members.len())),
            );
            let added: Vec<&String> = new_members.difference(&old_members).collect();
            let removed: Vec<&String> = old_members.difference(&new_members).collect();
            if !added.is_empty() {
                change
                    .notes
                    .push(format!("listed: {}", words::and_list(&added)));
            }
            if !removed.is_empty() {
                change
                    .notes
                    .push(format!("no longer listed: {}", words::and_list(&removed)));
            }
            changes.push(change);
        }
        if let (Some(a), Some(b)) = (old.role, new.role) {
            role_changes(&subject, a, b, pair, changes);
        }
        let (old_terms, new_terms) = (terms_words(old.terms), terms_words(new.terms));
        if old_terms != new_terms {
            changes.push(
                Change::new(&subject, ChangeKind::TermsChanged, "its terms changed")
                    .before_after(Some(old_terms), Some(new_terms)),
            );
        }
        changes.extend(set_change(
            &subject,
            ChangeKind::CadenceChanged,
            "its recurring duties changed".to_owned(),
            &cadence_set(old.cadences),
            &cadence_set(new.cadences),
        ));
    }
}

fn role_changes(
    subject: &Subject,
    old: &ir::Role,
    new: &ir::Role,
    pair: &Pair<'_>,
    changes: &mut Vec<Change>,
) {
    if old.open_join != new.open_join {
        let (summary, direction) = if new.open_join {
            ("anyone may now join without a decision", Direction::Weaker)
        } else {
            ("joining now takes a decision", Direction::Stricter)
        };
        let open = |open: bool| if open { "open" } else { "by decision" }.to_owned();
        changes.push(
            Change::new(subject, ChangeKind::OpenJoinChanged, summary)
                .direction(Some(direction))
                .before_after(Some(open(old.open_join)), Some(open(new.open_join))),
        );
    }
    let exits = |role: &ir::Role, names: &NameMap| -> BTreeSet<String> {
        role.exits.iter().map(|e| exit_words(e, names)).collect()
    };
    changes.extend(set_change(
        subject,
        ChangeKind::ExitsChanged,
        "the ways to leave changed".to_owned(),
        &exits(old, &pair.old_names),
        &exits(new, &pair.new_names),
    ));
    let inactivity = |role: &'_ ir::Role| -> Option<ir::DurationBound> {
        role.exits.iter().find_map(|e| match &e.by {
            ir::ExitKind::Inactivity { after } => Some(ir::DurationBound {
                bound: ir::BoundKind::AtLeast,
                duration: Some(after.clone()),
                span: after.span,
            }),
            _ => None,
        })
    };
    let (a, b) = (inactivity(old), inactivity(new));
    if a.is_some()
        && b.is_some()
        && let Some(change) = bound_change(
            subject,
            ChangeKind::InactivityChanged,
            "the inactivity period that ends a membership",
            a.as_ref(),
            b.as_ref(),
        )
    {
        // A longer inactivity period is neither stricter nor weaker governance.
        changes.push(change.direction(None));
    }
}

fn external_changes(pair: &Pair<'_>, changes: &mut Vec<Change>) {
    let set = |charter: &ir::Charter, names: &NameMap| -> BTreeMap<String, String> {
        charter
            .externals
            .iter()
            .map(|e| (names.canonical(&e.name).to_owned(), e.title.clone()))
            .collect()
    };
    let old = set(pair.old, &pair.old_names);
    let new = set(pair.new, &pair.new_names);
    for (name, title) in &old {
        if !new.contains_key(name) {
            let subject = Subject::External { name: name.clone() };
            changes.push(
                Change::new(&subject, ChangeKind::ExternalRemoved, "removed")
                    .before_after(Some(format!("\"{title}\"")), None),
            );
        }
    }
    for (name, title) in &new {
        if !old.contains_key(name) {
            let subject = Subject::External { name: name.clone() };
            changes.push(
                Change::new(&subject, ChangeKind::ExternalAdded, "added")
                    .before_after(None, Some(format!("\"{title}\""))),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------------------------

/// Who decides, as a key: a vote (or lazy consensus that ends in one) compares equal to a vote.
fn decider_key(decision: &ir::Decision, names: &NameMap) -> String {
    match &decision.decider {
        ir::Decider::Vote => "vote".to_owned(),
        ir::Decider::LazyConsensus if decision.vote.is_some() => "vote".to_owned(),
        ir::Decider::Approvals { by, .. } => format!("approvals {}", words::actor_words(by, names)),
        other => words::decider_words(other, names),
    }
}

fn is_default_copy(rule: &ir::VoteRule) -> bool {
    matches!(
        rule.origin,
        ir::RuleOrigin::DefaultByReference | ir::RuleOrigin::DefaultImplied
    )
}

fn decision_changes(
    pair: &Pair<'_>,
    old: &ir::Decision,
    new: &ir::Decision,
    changes: &mut Vec<Change>,
) {
    let (on, nn) = (&pair.old_names, &pair.new_names);
    let subject = Subject::Decision {
        procedure: alignment::main_procedure(new, nn),
        old: Some(old.name.to_string()),
        new: Some(new.name.to_string()),
    };
    let procedure_set = |d: &ir::Decision, names: &NameMap| -> BTreeSet<String> {
        alignment::procedures(d, names)
            .iter()
            .map(Procedure::words)
            .collect()
    };
    changes.extend(set_change(
        &subject,
        ChangeKind::PurposeChanged,
        "what it does changed".to_owned(),
        &procedure_set(old, on),
        &procedure_set(new, nn),
    ));
    let proposers = |d: &ir::Decision, names: &NameMap| -> BTreeSet<String> {
        let set = actor_set(&d.proposers, names);
        if set.is_empty() {
            BTreeSet::from(["not stated".to_owned()])
        } else {
            set
        }
    };
    changes.extend(set_change(
        &subject,
        ChangeKind::ProposersChanged,
        "who may propose changed".to_owned(),
        &proposers(old, on),
        &proposers(new, nn),
    ));

    // Waiting periods, phase by phase.
    let phases = |d: &ir::Decision| -> BTreeMap<ir::PhaseKind, ir::DurationBound> {
        let mut res = BTreeMap::new();
        for phase in &d.phases {
            res.entry(phase.kind).or_insert_with(|| phase.bound.clone());
        }
        res
    };
    let (old_phases, new_phases) = (phases(old), phases(new));
    let kinds: BTreeSet<ir::PhaseKind> = old_phases
        .keys()
        .chain(new_phases.keys())
        .copied()
        .collect();
    for kind in kinds {
        changes.extend(bound_change(
            &subject,
            ChangeKind::PhaseChanged,
            &format!("the {} period", words::phase_words(kind)),
            old_phases.get(&kind),
            new_phases.get(&kind),
        ));
    }

    // Who decides.
    let (old_key, new_key) = (decider_key(old, on), decider_key(new, nn));
    match (&old.decider, &new.decider) {
        (ir::Decider::Approvals { count: a, .. }, ir::Decider::Approvals { count: b, .. })
            if old_key == new_key && a != b =>
        {
            let direction = if b > a {
                Direction::Stricter
            } else {
                Direction::Weaker
            };
            changes.push(
                Change::new(
                    &subject,
                    ChangeKind::DeciderChanged,
                    "the number of approvals changed",
                )
                .direction(Some(direction))
                .before_after(
                    Some(words::decider_words(&old.decider, on)),
                    Some(words::decider_words(&new.decider, nn)),
                ),
            );
        }
        _ if old_key != new_key => {
            changes.push(
                Change::new(&subject, ChangeKind::DeciderChanged, "who decides changed")
                    .before_after(
                        Some(how_decided(pair.old, old, on)),
                        Some(how_decided(pair.new, new, nn)),
                    ),
            );
        }
        _ => {}
    }
    if let (Some(a), Some(b)) = (&old.vote, &new.vote)
        && !(is_default_copy(a) && is_default_copy(b))
    {
        vote_changes(pair, &subject, a, b, false, "", changes);
    }

    // Lazy consensus.
    match (&old.lazy_consensus, &new.lazy_consensus) {
        (None, None) => {}
        (None, Some(lazy)) => changes.push(
            Change::new(
                &subject,
                ChangeKind::LazyConsensusAdded,
                "a proposal can now pass by lazy consensus, when nobody objects",
            )
            .direction(Some(Direction::Weaker))
            .before_after(None, Some(words::lazy_consensus_words(lazy, nn))),
        ),
        (Some(lazy), None) => changes.push(
            Change::new(
                &subject,
                ChangeKind::LazyConsensusRemoved,
                "a proposal can no longer pass by lazy consensus",
            )
            .direction(Some(Direction::Stricter))
            .before_after(Some(words::lazy_consensus_words(lazy, on)), None),
        ),
        (Some(a), Some(b)) => {
            changes.extend(bound_change(
                &subject,
                ChangeKind::LazyConsensusChanged,
                "the lazy-consensus silence period",
                a.silence.as_ref(),
                b.silence.as_ref(),
            ));
            let (before, after) = (
                words::objection_words(&a.on_objection, on),
                words::objection_words(&b.on_objection, nn),
            );
            if before != after {
                changes.push(
                    Change::new(
                        &subject,
                        ChangeKind::LazyConsensusChanged,
                        "what an objection leads to changed",
                    )
                    .before_after(Some(before), Some(after)),
                );
            }
        }
    }

    // Recusal: the decision's own, and those of its own vote.
    let recusals = |d: &ir::Decision, names: &NameMap| -> BTreeSet<String> {
        let mut set = exclusion_set(&d.recusals, names);
        if let Some(rule) = d.vote.as_ref().filter(|r| !is_default_copy(r)) {
            set.extend(exclusion_set(&rule.electorate.exclusions, names));
        }
        set
    };
    recusal_changes(
        &subject,
        &recusals(old, on),
        &recusals(new, nn),
        "",
        changes,
    );

    let designations = |d: &ir::Decision, names: &NameMap| -> BTreeSet<String> {
        d.designations
            .iter()
            .map(|x| {
                let with = x.with.as_ref().map_or(String::new(), |w| {
                    format!(" with `{}`", names.canonical(&w.name))
                });
                format!("{} {}{with}", x.count, words::actor_words(&x.of, names))
            })
            .collect()
    };
    changes.extend(set_change(
        &subject,
        ChangeKind::DesignationChanged,
        "the people it designates changed".to_owned(),
        &designations(old, on),
        &designations(new, nn),
    ));

    escalation_changes(pair, &subject, old, new, changes);

    changes.extend(set_change(
        &subject,
        ChangeKind::CadenceChanged,
        "its recurring duties changed".to_owned(),
        &cadence_set(&old.cadences),
        &cadence_set(&new.cadences),
    ));
}

/// The longest common subsequence of two lists, as index pairs.
fn common_subsequence(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let value = if a.get(i) == b.get(j) {
                1 + cell(&table, i + 1, j + 1)
            } else {
                cell(&table, i + 1, j).max(cell(&table, i, j + 1))
            };
            if let Some(slot) = table.get_mut(i).and_then(|row| row.get_mut(j)) {
                *slot = value;
            }
        }
    }
    let (mut i, mut j, mut res) = (0, 0, Vec::new());
    while i < n && j < m {
        if a.get(i) == b.get(j) {
            res.push((i, j));
            i += 1;
            j += 1;
        } else if cell(&table, i + 1, j) >= cell(&table, i, j + 1) {
            i += 1;
        } else {
            j += 1;
        }
    }
    res
}

fn cell(table: &[Vec<usize>], i: usize, j: usize) -> usize {
    table
        .get(i)
        .and_then(|row| row.get(j))
        .copied()
        .unwrap_or(0)
}

fn escalation_changes(
    pair: &Pair<'_>,
    subject: &Subject,
    old: &ir::Decision,
    new: &ir::Decision,
    changes: &mut Vec<Change>,
) {
    let (on, nn) = (&pair.old_names, &pair.new_names);
    let old_steps: Vec<String> = old
        .escalation
        .iter()
        .map(|s| words::step_words(s, on))
        .collect();
    let new_steps: Vec<String> = new
        .escalation
        .iter()
        .map(|s| words::step_words(s, nn))
        .collect();
    if old_steps == new_steps {
        for (index, (a, b)) in old.escalation.iter().zip(&new.escalation).enumerate() {
            if let (
                ir::EscalationStep::Vote { rule: a, .. },
                ir::EscalationStep::Vote { rule: b, .. },
            ) = (a, b)
                && !(is_default_copy(a) && is_default_copy(b))
            {
                let site = format!("escalation step {}", index + 1);
                vote_changes(pair, subject, a, b, true, &site, changes);
            }
        }
        return;
    }
    let chain = |steps: &[String]| {
        if steps.is_empty() {
            "no escalation path".to_owned()
        } else {
            steps.join(" → ")
        }
    };
    let mut sorted_old = old_steps.clone();
    let mut sorted_new = new_steps.clone();
    sorted_old.sort();
    sorted_new.sort();
    let mut change = Change::new(subject, ChangeKind::EscalationChanged, "");
    if sorted_old == sorted_new {
        change.summary = "the escalation steps are reordered".to_owned();
    } else {
        let common = common_subsequence(&old_steps, &new_steps);
        let kept_old: BTreeSet<usize> = common.iter().map(|(i, _)| *i).collect();
        let kept_new: BTreeSet<usize> = common.iter().map(|(_, j)| *j).collect();
        let removed: Vec<String> = old_steps
            .iter()
            .enumerate()
            .filter(|(i, _)| !kept_old.contains(i))
            .map(|(i, s)| format!("step {} ({s})", i + 1))
            .collect();
        let added: Vec<String> = new_steps
            .iter()
            .enumerate()
            .filter(|(j, _)| !kept_new.contains(j))
            .map(|(j, s)| format!("step {} ({s})", j + 1))
            .collect();
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("adds {}", words::and_list(&added)));
        }
        if !removed.is_empty() {
            parts.push(format!("removes {}", words::and_list(&removed)));
        }
        change.summary = format!("the escalation path {}", parts.join(" and "));
    }
    changes.push(change.before_after(Some(chain(&old_steps)), Some(chain(&new_steps))));
}

// ---------------------------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------------------------

fn count_findings(findings: &[Finding]) -> BTreeMap<&Finding, usize> {
    let mut res: BTreeMap<&Finding, usize> = BTreeMap::new();
    for finding in findings {
        *res.entry(finding).or_default() += 1;
    }
    res
}

fn finding_changes(old: &[Finding], new: &[Finding], changes: &mut Vec<Change>) {
    let (old_counts, new_counts) = (count_findings(old), count_findings(new));
    let mut push = |finding: &Finding, kind: ChangeKind, verb: &str| {
        let subject = Subject::Finding {
            code: finding.code.to_owned(),
            name: finding.name.to_owned(),
        };
        let severity = finding.severity.as_str();
        changes.push(Change::new(
            &subject,
            kind,
            format!("{verb} {severity}: {}", finding.message),
        ));
    };
    for (finding, n) in &new_counts {
        for _ in old_counts.get(finding).copied().unwrap_or(0)..*n {
            push(finding, ChangeKind::FindingIntroduced, "introduces a");
        }
    }
    for (finding, n) in &old_counts {
        for _ in new_counts.get(finding).copied().unwrap_or(0)..*n {
            push(finding, ChangeKind::FindingResolved, "resolves a");
        }
    }
}
