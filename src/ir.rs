//! The checked model of a charter: what the checks analyse and what `charterc compile` prints.
//!
//! Invariants, which lowering establishes and everything downstream relies on:
//! - fully resolved: every reference names its target's kind and index, and the target exists;
//! - every threshold has an explicit base, and every reading of an ambiguous one is listed with its linear form;
//! - numbers are exact (integers and fractions of integers, never floats);
//! - durations are normalized to a range of seconds and keep their original value and unit;
//! - every node that a diagnostic may blame carries its source [`Span`].
//!
//! The types derive `Serialize`: their field names are the `charterc compile` JSON format, versioned by
//! [`IR_VERSION`]. Renaming a field or changing its meaning needs a version bump (see ARCHITECTURE.md).

use serde::Serialize;
use smol_str::SmolStr;

use crate::source::Span;

/// The version of the JSON IR format; bumped on any incompatible change.
pub const IR_VERSION: u32 = 1;

/// A checked charter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Charter {
    /// Metadata from the `charter` block.
    pub meta: Meta,
    /// Roles in source order.
    pub roles: Vec<Role>,
    /// Bodies in source order.
    pub bodies: Vec<Body>,
    /// External bodies in source order.
    pub externals: Vec<External>,
    /// Named thresholds in source order.
    pub thresholds: Vec<Threshold>,
    /// The rule for decisions that name none.
    pub default_vote: Option<VoteRule>,
    /// Decisions in source order.
    pub decisions: Vec<Decision>,
}

/// Charter metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Meta {
    /// The charter's name.
    pub name: Option<String>,
    /// The URL of the published text.
    pub source: Option<String>,
    /// A version label.
    pub version: Option<String>,
    /// The adoption date as written.
    pub adopted: Option<String>,
    /// The `charter` block, if any.
    pub span: Option<Span>,
}

/// What kind of item a reference points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A `role`.
    Role,
    /// A `body`.
    Body,
    /// An `external` body.
    External,
    /// A `threshold`.
    Threshold,
    /// A `decision`.
    Decision,
}

impl ItemKind {
    /// The keyword that declares this kind of item.
    pub fn keyword(self) -> &'static str {
        match self {
            ItemKind::Role => "role",
            ItemKind::Body => "body",
            ItemKind::External => "external",
            ItemKind::Threshold => "threshold",
            ItemKind::Decision => "decision",
        }
    }
}

/// A resolved reference to an item: its kind, its index in that kind's list, and its name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Ref {
    /// The kind of item.
    pub kind: ItemKind,
    /// The index in the charter's list of that kind.
    pub index: usize,
    /// The item's name (a [`SmolStr`]: short names are not allocated, and copies share the text).
    pub name: SmolStr,
    /// Where the reference is written.
    pub span: Span,
}

/// Who may act: everyone, or the holders of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    /// Anyone at all.
    Anyone {
        /// Where `anyone` is written.
        span: Span,
    },
    /// A role, body or external body.
    Item {
        /// The item.
        item: Ref,
    },
}

impl Actor {
    /// Where the actor is written.
    pub fn span(&self) -> Span {
        match self {
            Actor::Anyone { span } => *span,
            Actor::Item { item } => item.span,
        }
    }

    /// The referenced item, unless the actor is `anyone`.
    pub fn item(&self) -> Option<&Ref> {
        match self {
            Actor::Anyone { .. } => None,
            Actor::Item { item } => Some(item),
        }
    }
}

/// How many people a role or body may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SizeBounds {
    /// The least number of members.
    pub min: u64,
    /// The most, if bounded.
    pub max: Option<u64>,
    /// Whether the charter states the bounds (otherwise `min` is 0 and `max` is unbounded).
    pub stated: bool,
    /// The `size` statement.
    pub span: Option<Span>,
}

/// A listed member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    /// The name as listed.
    pub name: String,
    /// Whether the name is a template placeholder such as `[Name]`.
    pub placeholder: bool,
    /// Where it is listed.
    pub span: Span,
}

/// A move to another role (such as emeritus) or out of the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exit {
    /// How the member leaves.
    pub by: ExitKind,
    /// The role they move to, if any.
    pub target: Option<Ref>,
    /// The statement.
    pub span: Span,
}

/// How a member leaves a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExitKind {
    /// They resign.
    Resignation,
    /// A decision removes them.
    Removal {
        /// The decision.
        decision: Ref,
    },
    /// Inactivity for a period.
    Inactivity {
        /// How long.
        after: Duration,
    },
}

/// A recurring duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cadence {
    /// What recurs.
    pub what: String,
    /// How often; `None` when the text says "periodically".
    pub every: Option<Duration>,
    /// The statement.
    pub span: Span,
}

/// An accepted finding for one item, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allow {
    /// The code or name as written.
    pub lint: String,
    /// Why it is accepted.
    pub reason: String,
    /// The statement.
    pub span: Span,
}

/// An at-most-N-seats-per-something rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatLimit {
    /// The most seats.
    pub count: u64,
    /// Per what (`"employer"`).
    pub per: String,
    /// The statement.
    pub span: Span,
}

/// Term rules of an elected role or body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Terms {
    /// How long a term lasts.
    pub length: Option<Duration>,
    /// How many consecutive terms one person may serve.
    pub limit: Option<u64>,
    /// Seat limits.
    pub seat_limits: Vec<SeatLimit>,
}

/// A role: a class of people with rights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Role {
    /// The name.
    pub name: SmolStr,
    /// The size bounds.
    pub size: SizeBounds,
    /// Listed members.
    pub members: Vec<Member>,
    /// Whether anyone may join without a decision (`join open`).
    pub open_join: bool,
    /// Decisions that admit a member.
    pub join_by: Vec<Ref>,
    /// Ways to leave: resignation, removal, inactivity.
    pub exits: Vec<Exit>,
    /// Decisions that reinstate a former member.
    pub reinstate_by: Vec<Ref>,
    /// Term rules.
    pub terms: Terms,
    /// Recurring duties.
    pub cadences: Vec<Cadence>,
    /// Accepted findings.
    pub allows: Vec<Allow>,
    /// The name as written.
    pub name_span: Span,
    /// The whole item.
    pub span: Span,
}

/// How a body's members relate to roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Composition {
    /// Every holder of these roles or bodies.
    AllOf {
        /// The roles or bodies.
        of: Vec<Ref>,
    },
    /// Some holders of these roles or bodies.
    DrawnFrom {
        /// The roles or bodies.
        from: Vec<Ref>,
    },
    /// The text does not say.
    Unstated,
}

/// A body: a named group defined from roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    /// The name.
    pub name: SmolStr,
    /// Who its members are.
    pub composition: Composition,
    /// The size bounds, as stated.
    pub size: SizeBounds,
    /// Listed members.
    pub members: Vec<Member>,
    /// Who or what appoints its members.
    pub appointed_by: Option<Ref>,
    /// Who chairs it.
    pub chair: Option<Actor>,
    /// Term rules.
    pub terms: Terms,
    /// Recurring duties.
    pub cadences: Vec<Cadence>,
    /// Accepted findings.
    pub allows: Vec<Allow>,
    /// The name as written.
    pub name_span: Span,
    /// The whole item.
    pub span: Span,
}

/// A body outside the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct External {
    /// The short name.
    pub name: SmolStr,
    /// The full name.
    pub title: String,
    /// The name as written.
    pub name_span: Span,
    /// The whole item.
    pub span: Span,
}

/// A named pass condition, such as a charter's definition of "supermajority".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Threshold {
    /// The name.
    pub name: SmolStr,
    /// The conditions, all of which must hold.
    pub conditions: Vec<Condition>,
    /// Accepted findings.
    pub allows: Vec<Allow>,
    /// The name as written.
    pub name_span: Span,
    /// The whole item.
    pub span: Span,
}

/// The counts of a vote's tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tally {
    /// Votes in favour (y).
    Yes,
    /// Votes against (x).
    No,
    /// Abstentions (a).
    Abstain,
    /// y + x + a.
    Turnout,
}

/// What a share is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// n: everyone in the electorate.
    Members,
    /// y + x + a: abstentions count.
    Participating,
    /// y + x: abstentions do not count.
    Cast,
}

impl Base {
    /// Every base, in a fixed order.
    pub const ALL: [Base; 3] = [Base::Members, Base::Participating, Base::Cast];

    /// The keyword for this base.
    pub fn keyword(self) -> &'static str {
        match self {
            Base::Members => "members",
            Base::Participating => "participating",
            Base::Cast => "cast",
        }
    }
}

/// How the base of a share was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseStatement {
    /// The charter names one base.
    Stated,
    /// The charter says "of votes": participating or cast.
    Votes,
    /// The charter names no base: members, participating or cast.
    Unstated,
    /// The condition has no share, so no base.
    NotApplicable,
}

/// A comparison, normalized so that the linear form reads `... >= 0`, `... > 0` or `... == 0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Relation {
    /// `>=`.
    #[serde(rename = ">=")]
    Ge,
    /// `>`.
    #[serde(rename = ">")]
    Gt,
    /// `==`.
    #[serde(rename = "==")]
    Eq,
}

impl Relation {
    /// The symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            Relation::Ge => ">=",
            Relation::Gt => ">",
            Relation::Eq => "==",
        }
    }
}

/// An exact fraction `numerator / denominator`, in lowest terms, with a positive denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Fraction {
    /// The numerator.
    pub numerator: i64,
    /// The denominator, positive.
    pub denominator: i64,
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

/// `yes * y + no * x + abstain * a + members * n + constant  (relation)  0`, with integer coefficients.
///
/// Every pass condition and quorum is one such inequality per reading; this is the form the vote arithmetic uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Linear {
    /// Coefficient of y.
    pub yes: i128,
    /// Coefficient of x.
    pub no: i128,
    /// Coefficient of a.
    pub abstain: i128,
    /// Coefficient of n.
    pub members: i128,
    /// The constant term.
    pub constant: i128,
    /// The relation to zero.
    pub relation: Relation,
}

/// One way to read a condition: its base and its linear form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// The base under this reading, if the condition has a share.
    pub base: Option<Base>,
    /// The condition as a linear inequality under this reading.
    pub linear: Linear,
    /// What a share of `cast` or `participating` presupposes: that the base is not empty (`y + x >= 1`, or
    /// `y + x + a >= 1`). A share of no votes at all is not a share, so such a condition fails when nobody voted.
    pub presupposes: Option<Linear>,
}

impl Reading {
    /// The reading of a share condition measured against `base`.
    pub fn share(base: Base, linear: Linear) -> Reading {
        let presupposes = match base {
            Base::Members => None,
            Base::Participating => Some(Linear {
                yes: 1,
                no: 1,
                abstain: 1,
                members: 0,
                constant: -1,
                relation: Relation::Ge,
            }),
            Base::Cast => Some(Linear {
                yes: 1,
                no: 1,
                abstain: 0,
                members: 0,
                constant: -1,
                relation: Relation::Ge,
            }),
        };
        Reading {
            base: Some(base),
            linear,
            presupposes,
        }
    }

    /// The reading of a condition without a share.
    pub fn plain(linear: Linear) -> Reading {
        Reading {
            base: None,
            linear,
            presupposes: None,
        }
    }

    /// Every inequality of this reading: the condition, and what it presupposes.
    pub fn constraints(&self) -> impl Iterator<Item = Linear> + '_ {
        std::iter::once(self.linear).chain(self.presupposes)
    }
}

/// Where a condition comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConditionOrigin {
    /// Written in the rule itself.
    Stated,
    /// From a named threshold.
    Threshold {
        /// The threshold.
        threshold: Ref,
    },
    /// The rule says `approved` and names no rule: the default vote's conditions apply.
    DefaultVote {
        /// Where `approved` is written.
        span: Span,
    },
}

/// The shape of a condition as the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConditionForm {
    /// `tally cmp share of base`.
    Share {
        /// The tally compared.
        tally: Tally,
        /// The comparison as written (`>=`, `>`, `<=`, `<`, `==`).
        comparator: String,
        /// The share, exact.
        share: Fraction,
    },
    /// `tally cmp count`.
    Count {
        /// The tally compared.
        tally: Tally,
        /// The comparison as written.
        comparator: String,
        /// The count.
        count: u64,
    },
    /// `tally cmp tally`.
    Comparison {
        /// The left tally.
        left: Tally,
        /// The comparison as written.
        comparator: String,
        /// The right tally.
        right: Tally,
    },
    /// `unanimous`: every vote counted in the base is yes.
    Unanimous,
    /// `majority`: yes strictly above half of the base.
    Majority,
}

/// One pass condition of a vote rule, or a quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// The condition in the language's own syntax, with its base made explicit when stated.
    pub text: String,
    /// What the author wrote.
    pub form: ConditionForm,
    /// How the base was given.
    pub base: BaseStatement,
    /// Every reading; exactly one when the condition is unambiguous.
    pub readings: Vec<Reading>,
    /// Where the condition comes from.
    pub origin: ConditionOrigin,
    /// Where the condition is written.
    pub span: Span,
}

/// A quorum: the turnout a vote needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quorum {
    /// The quorum in the language's own syntax.
    pub text: String,
    /// The share of members, or the count, as written.
    pub form: ConditionForm,
    /// Whether abstentions count towards the quorum; `None` when the text does not say.
    pub counts_abstentions: Option<bool>,
    /// Every reading: one per answer to the abstention question the text leaves open.
    pub readings: Vec<QuorumReading>,
    /// The statement.
    pub span: Span,
}

/// One reading of a quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuorumReading {
    /// Whether abstentions count towards it under this reading.
    pub counts_abstentions: bool,
    /// The quorum as a linear inequality.
    pub linear: Linear,
}

/// What happens on a tie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TieBreak {
    /// The proposal fails.
    Fails,
    /// The proposal passes.
    Passes,
    /// The vote is held again.
    Revote,
    /// Someone casts a deciding vote.
    CastingVote {
        /// Who.
        by: Actor,
    },
}

/// Who is left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Exclusion {
    /// The person the decision is about.
    Subject {
        /// Where it is written.
        span: Span,
    },
    /// The person accused.
    Accused {
        /// Where it is written.
        span: Span,
    },
    /// The person who nominated the subject.
    Nominator {
        /// Where it is written.
        span: Span,
    },
    /// Holders of a role or body.
    Item {
        /// The role or body.
        item: Ref,
    },
}

/// Who votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Electorate {
    /// The roles and bodies whose members vote; empty when the text does not say.
    pub voters: Vec<Actor>,
    /// Who is left out.
    pub exclusions: Vec<Exclusion>,
    /// The `voters` statement, if any.
    pub span: Option<Span>,
}

/// Where a vote rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleOrigin {
    /// A `vote { ... }` written for this decision or step.
    Stated,
    /// `decided by default vote` or `on objection -> default vote`.
    DefaultByReference,
    /// The decision names no rule, so the default vote applies.
    DefaultImplied,
    /// The `default vote` block itself.
    Default,
}

/// A vote rule, fully resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteRule {
    /// Where the rule comes from.
    pub origin: RuleOrigin,
    /// Who votes.
    pub electorate: Electorate,
    /// The pass conditions; all must hold. Empty when the text states none.
    pub conditions: Vec<Condition>,
    /// The quorum, if any.
    pub quorum: Option<Quorum>,
    /// What a tie does, if the text says.
    pub tie: Option<TieBreak>,
    /// Who holds a veto: any no vote of theirs blocks.
    pub vetoes: Vec<Actor>,
    /// Whether the text says nobody holds a veto.
    pub no_veto: bool,
    /// Whether the ballot is secret; `None` when the text does not say.
    pub secret_ballot: Option<bool>,
    /// How long the vote stays open.
    pub window: Option<DurationBound>,
    /// Accepted findings.
    pub allows: Vec<Allow>,
    /// The rule's source: the `vote` block, or the reference to the default.
    pub span: Span,
}

/// A time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// 3,600 s.
    Hours,
    /// 86,400 s.
    Days,
    /// Monday to Friday; the calendar length depends on weekends and holidays.
    BusinessDays,
    /// 7 days.
    Weeks,
    /// 28 to 31 days.
    Months,
    /// 365 or 366 days.
    Years,
}

/// A range of seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Seconds {
    /// The shortest reading.
    pub min: u64,
    /// The longest reading.
    pub max: u64,
}

/// A duration: the value as written and its normalization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duration {
    /// The text as written, such as `~3-5 business days`.
    pub text: String,
    /// The (lower) value.
    pub value: u64,
    /// The upper value of a range such as `3-5`.
    pub value_max: Option<u64>,
    /// The unit.
    pub unit: TimeUnit,
    /// Whether the text marks it as approximate (`~`).
    pub approximate: bool,
    /// The calendar length in seconds, from the shortest to the longest reading.
    pub seconds: Seconds,
    /// Where it is written.
    pub span: Span,
}

/// How a duration bounds a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundKind {
    /// A minimum.
    AtLeast,
    /// A maximum.
    AtMost,
    /// Both.
    Exactly,
    /// The text gives a figure but does not say whether it is a minimum or a maximum.
    Unstated,
}

/// A duration with its bound kind; `duration` is `None` for "periodically".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DurationBound {
    /// Minimum, maximum, exact or unstated.
    pub bound: BoundKind,
    /// The duration, or `None` when the text gives no figure.
    pub duration: Option<Duration>,
    /// Where it is written.
    pub span: Span,
}

/// A waiting period of a procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseKind {
    /// Discussion before a decision.
    Discussion,
    /// Notice given in advance.
    Notice,
    /// The proposal must be public.
    Public,
    /// Review.
    Review,
}

/// A phase of a decision with its bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// Which phase.
    pub kind: PhaseKind,
    /// How long.
    pub bound: DurationBound,
    /// The statement.
    pub span: Span,
}

/// What a decision does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Purpose {
    /// Admits a member to a role.
    Admit {
        /// The role.
        role: Ref,
    },
    /// Removes a member from a role.
    Remove {
        /// The role.
        role: Ref,
    },
    /// Reinstates a former member.
    Reinstate {
        /// The role.
        role: Ref,
    },
    /// Appoints a body's members.
    Appoint {
        /// The body.
        body: Ref,
    },
    /// Elects a body's members.
    Elect {
        /// The body.
        body: Ref,
    },
    /// A vote of no confidence in a body.
    NoConfidence {
        /// The body.
        body: Ref,
    },
    /// Amends the charter.
    AmendCharter,
    /// Resolves conflicts.
    ResolveConflicts,
    /// Enforces the code of conduct.
    EnforceConduct,
    /// Handles security reports.
    HandleSecurity,
    /// Dissolves the project.
    DissolveProject,
    /// Something else, in words.
    Other {
        /// What it does.
        what: String,
    },
}

/// Whether a purpose is written or inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PurposeSource {
    /// `purpose ...` in the decision.
    Stated,
    /// Inferred from a role's `join by`, `remove by` or `reinstate by`.
    Inferred,
}

/// A purpose with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurposeEntry {
    /// What the decision does.
    pub purpose: Purpose,
    /// Written or inferred.
    pub source: PurposeSource,
    /// The statement that says or implies it.
    pub span: Span,
}

/// Who decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decider {
    /// A vote; the rule is the decision's `vote`.
    Vote,
    /// A number of approvals from holders of a role (`decided by any maintainer`).
    Approvals {
        /// How many approvals.
        count: u64,
        /// From whom.
        by: Actor,
    },
    /// An actor decides by a rule the text does not state.
    Actor {
        /// Who.
        actor: Actor,
    },
    /// Lazy consensus; see the decision's `lazy_consensus`.
    LazyConsensus,
    /// The decision names no decider but an escalation path, whose steps decide.
    Escalation,
    /// Nothing is stated and there is no default vote.
    Unstated,
}

/// What an objection turns a lazy-consensus proposal into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Objection {
    /// A vote under the decision's `vote` rule.
    Vote,
    /// An actor decides by a rule the text does not state.
    Actor {
        /// Who.
        actor: Actor,
    },
    /// The text does not say.
    Unstated,
}

/// Lazy consensus: the proposal passes after a silence period with no objection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LazyConsensus {
    /// How long nobody may object; `None` when the text does not say.
    pub silence: Option<DurationBound>,
    /// Every `silence` statement, when more than one is written.
    pub silences: Vec<DurationBound>,
    /// What an objection leads to.
    pub on_objection: Objection,
    /// Accepted findings.
    pub allows: Vec<Allow>,
    /// The block.
    pub span: Span,
}

/// A procedure's need for a number of people of a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Designation {
    /// How many people.
    pub count: u64,
    /// Of which role or body.
    pub of: Actor,
    /// Working with which external body.
    pub with: Option<Ref>,
    /// The statement.
    pub span: Span,
}

/// One step of an escalation path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EscalationStep {
    /// The parties work it out themselves.
    Parties {
        /// The step.
        span: Span,
    },
    /// Someone mediates.
    Mediator {
        /// Who.
        actor: Actor,
        /// The step.
        span: Span,
    },
    /// Another decision takes over.
    Decision {
        /// The decision.
        decision: Ref,
        /// The step.
        span: Span,
    },
    /// An external body takes over.
    External {
        /// The external body.
        external: Ref,
        /// The step.
        span: Span,
    },
    /// A vote settles it.
    Vote {
        /// The rule.
        rule: Box<VoteRule>,
        /// The step.
        span: Span,
    },
    /// An actor decides by a rule the text does not state, or a number of approvals.
    Decided {
        /// Who decides.
        decider: Decider,
        /// The step.
        span: Span,
    },
}

/// A decision: a named procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The name.
    pub name: SmolStr,
    /// What it does: stated, or inferred from role lifecycles.
    pub purposes: Vec<PurposeEntry>,
    /// Who may propose; empty when the text does not say.
    pub proposers: Vec<Actor>,
    /// Waiting periods.
    pub phases: Vec<Phase>,
    /// Who decides.
    pub decider: Decider,
    /// The vote rule that settles the decision (its own, or the default vote), if any. Boxed, as
    /// `lazy_consensus` is, because a quarter of decisions have none and a decision is in memory for every item
    /// of a charter: inline, the two made a decision twice as large.
    pub vote: Option<Box<VoteRule>>,
    /// Lazy consensus, if it applies.
    pub lazy_consensus: Option<Box<LazyConsensus>>,
    /// Who may not take part.
    pub recusals: Vec<Exclusion>,
    /// People the procedure needs.
    pub designations: Vec<Designation>,
    /// The escalation path, in order.
    pub escalation: Vec<EscalationStep>,
    /// Recurring duties.
    pub cadences: Vec<Cadence>,
    /// Accepted findings.
    pub allows: Vec<Allow>,
    /// The name as written.
    pub name_span: Span,
    /// The whole item.
    pub span: Span,
}

impl Charter {
    /// Every reference in the charter, in a fixed order: roles, bodies, thresholds, the default vote, decisions.
    pub fn references(&self) -> Vec<&Ref> {
        let mut res = Vec::new();
        for role in &self.roles {
            res.extend(&role.join_by);
            res.extend(&role.reinstate_by);
            for exit in &role.exits {
                if let ExitKind::Removal { decision } = &exit.by {
                    res.push(decision);
                }
                res.extend(&exit.target);
            }
        }
        for body in &self.bodies {
            match &body.composition {
                Composition::AllOf { of: items } | Composition::DrawnFrom { from: items } => {
                    res.extend(items)
                }
                Composition::Unstated => {}
            }
            res.extend(&body.appointed_by);
            res.extend(body.chair.as_ref().and_then(Actor::item));
        }
        for threshold in &self.thresholds {
            conditions_refs(&threshold.conditions, &mut res);
        }
        if let Some(rule) = &self.default_vote {
            rule_refs(rule, &mut res);
        }
        for decision in &self.decisions {
            for entry in &decision.purposes {
                res.extend(purpose_ref(&entry.purpose));
            }
            res.extend(decision.proposers.iter().filter_map(Actor::item));
            decider_refs(&decision.decider, &mut res);
            if let Some(rule) = &decision.vote {
                rule_refs(rule, &mut res);
            }
            if let Some(Objection::Actor { actor }) =
                decision.lazy_consensus.as_ref().map(|l| &l.on_objection)
            {
                res.extend(actor.item());
            }
            exclusion_refs(&decision.recusals, &mut res);
            for designation in &decision.designations {
                res.extend(designation.of.item());
                res.extend(&designation.with);
            }
            for step in &decision.escalation {
                match step {
                    EscalationStep::Parties { .. } => {}
                    EscalationStep::Mediator { actor, .. } => res.extend(actor.item()),
                    EscalationStep::Decision { decision, .. } => res.push(decision),
                    EscalationStep::External { external, .. } => res.push(external),
                    EscalationStep::Vote { rule, .. } => rule_refs(rule, &mut res),
                    EscalationStep::Decided { decider, .. } => decider_refs(decider, &mut res),
                }
            }
        }
        res
    }
}

fn purpose_ref(purpose: &Purpose) -> Option<&Ref> {
    match purpose {
        Purpose::Admit { role } | Purpose::Remove { role } | Purpose::Reinstate { role } => {
            Some(role)
        }
        Purpose::Appoint { body } | Purpose::Elect { body } | Purpose::NoConfidence { body } => {
            Some(body)
        }
        Purpose::AmendCharter
        | Purpose::ResolveConflicts
        | Purpose::EnforceConduct
        | Purpose::HandleSecurity
        | Purpose::DissolveProject
        | Purpose::Other { .. } => None,
    }
}

fn decider_refs<'a>(decider: &'a Decider, res: &mut Vec<&'a Ref>) {
    match decider {
        Decider::Approvals { by: actor, .. } | Decider::Actor { actor } => res.extend(actor.item()),
        Decider::Vote | Decider::LazyConsensus | Decider::Escalation | Decider::Unstated => {}
    }
}

fn rule_refs<'a>(rule: &'a VoteRule, res: &mut Vec<&'a Ref>) {
    res.extend(rule.electorate.voters.iter().filter_map(Actor::item));
    exclusion_refs(&rule.electorate.exclusions, res);
    conditions_refs(&rule.conditions, res);
    if let Some(TieBreak::CastingVote { by }) = &rule.tie {
        res.extend(by.item());
    }
    res.extend(rule.vetoes.iter().filter_map(Actor::item));
}

fn conditions_refs<'a>(conditions: &'a [Condition], res: &mut Vec<&'a Ref>) {
    for condition in conditions {
        if let ConditionOrigin::Threshold { threshold } = &condition.origin {
            res.push(threshold);
        }
    }
}

fn exclusion_refs<'a>(exclusions: &'a [Exclusion], res: &mut Vec<&'a Ref>) {
    for exclusion in exclusions {
        if let Exclusion::Item { item } = exclusion {
            res.push(item);
        }
    }
}
