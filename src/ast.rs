//! The surface syntax tree of a charter.
//!
//! The AST mirrors what the author wrote: names are plain strings, nothing is resolved, no default is filled in,
//! and numbers keep the digits the author typed. Every node carries the [`Span`] of its source text so that later
//! stages can point at it. It knows nothing about pest (see `syntax`) nor about what names mean (see `lower`).

use smol_str::SmolStr;

use crate::source::Span;

/// A name as written, with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The name: a [`SmolStr`], which holds names of up to 23 bytes without allocating and clones without
    /// copying, because lowering copies every name into the references of the IR.
    pub text: SmolStr,
    /// Where it is written.
    pub span: Span,
}

/// A string literal with escapes resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringLit {
    /// The string's value.
    pub value: String,
    /// Where it is written, quotes included.
    pub span: Span,
}

/// A whole number as written; its value is checked during lowering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegerLit {
    /// The digits.
    pub digits: String,
    /// Where it is written.
    pub span: Span,
}

/// A whole charter file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charter {
    /// The top-level items in source order.
    pub items: Vec<Item>,
    /// The whole file.
    pub span: Span,
}

/// A top-level item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// `charter "Name" { ... }`.
    Meta(MetaDecl),
    /// `role name { ... }`.
    Role(RoleDecl),
    /// `body name { ... }`.
    Body(BodyDecl),
    /// `external name "Full name"`.
    External(ExternalDecl),
    /// `threshold name { ... }`.
    Threshold(ThresholdDecl),
    /// `default vote { ... }`.
    DefaultVote(VoteBlock),
    /// `decision name { ... }`.
    Decision(DecisionDecl),
}

/// `charter "Name" { ... }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaDecl {
    /// The charter's name.
    pub name: StringLit,
    /// Statements in source order.
    pub stmts: Vec<MetaStmt>,
    /// The whole item.
    pub span: Span,
}

/// A statement of the charter metadata block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetaStmt {
    /// `source "URL"`.
    Source(StringLit),
    /// `version "..."`.
    Version(StringLit),
    /// `adopted "..."`.
    Adopted(StringLit),
}

/// `role name { ... }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDecl {
    /// The role's name.
    pub name: Ident,
    /// Statements in source order.
    pub stmts: Vec<MemberStmt>,
    /// The whole item.
    pub span: Span,
}

/// `body name { ... }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyDecl {
    /// The body's name.
    pub name: Ident,
    /// Statements in source order.
    pub stmts: Vec<MemberStmt>,
    /// The whole item.
    pub span: Span,
}

/// A statement of a role or body block. The grammar decides which ones each kind of block accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberStmt {
    /// `size ...`.
    Size(SizeBound, Span),
    /// `members "a", "b"`.
    Members(Vec<StringLit>, Span),
    /// `join open` (`None`) or `join by a, b`.
    Join(Option<Vec<Ident>>, Span),
    /// `leave by resignation -> target`.
    Leave(Option<Ident>, Span),
    /// `remove by a, b -> target`.
    Remove(Vec<Ident>, Option<Ident>, Span),
    /// `inactive after D -> target`.
    Inactive(Duration, Option<Ident>, Span),
    /// `reinstate by a, b`.
    Reinstate(Vec<Ident>, Span),
    /// `term D`.
    Term(Duration, Span),
    /// `term limit N`.
    TermLimit(IntegerLit, Span),
    /// `seat limit N per "what"`.
    SeatLimit(IntegerLit, StringLit, Span),
    /// `cadence "what" every D` or `periodically`.
    Cadence(Cadence),
    /// `allow lint because "reason"`.
    Allow(Allow),
    /// `consists of all a, b`.
    ConsistsOf(Vec<Actor>, Span),
    /// `drawn from a, b`.
    DrawnFrom(Vec<Actor>, Span),
    /// `appointed by x`.
    AppointedBy(Actor, Span),
    /// `chair x`.
    Chair(Actor, Span),
}

/// A size bound as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeBound {
    /// `at least N`.
    AtLeast(IntegerLit),
    /// `at most N`.
    AtMost(IntegerLit),
    /// `N to M`.
    Range(IntegerLit, IntegerLit),
    /// `N`.
    Exactly(IntegerLit),
}

/// `cadence "what" every D`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cadence {
    /// What recurs.
    pub what: StringLit,
    /// How often; `None` for `periodically`.
    pub every: Option<Duration>,
    /// The whole statement.
    pub span: Span,
}

/// `allow lint because "reason"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allow {
    /// The code or name of the finding.
    pub lint: Ident,
    /// Why the finding is accepted.
    pub reason: StringLit,
    /// The whole statement.
    pub span: Span,
}

/// `external name "Full name"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalDecl {
    /// The short name used in references.
    pub name: Ident,
    /// The full name.
    pub title: StringLit,
    /// The whole item.
    pub span: Span,
}

/// `threshold name { conditions }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdDecl {
    /// The threshold's name.
    pub name: Ident,
    /// The conditions, all of which must hold.
    pub conditions: Vec<Condition>,
    /// `allow` statements.
    pub allows: Vec<Allow>,
    /// The whole item.
    pub span: Span,
}

/// `decision name { ... }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionDecl {
    /// The decision's name.
    pub name: Ident,
    /// Statements in source order.
    pub stmts: Vec<DecisionStmt>,
    /// The whole item.
    pub span: Span,
}

/// A statement of a decision block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionStmt {
    /// `purpose ...`.
    Purpose(Purpose, Span),
    /// `proposed by a, b`.
    ProposedBy(Vec<Actor>, Span),
    /// `discussion at least D` and the other phases.
    Phase(PhaseKind, DurationBound, Span),
    /// `decided by ...`.
    DecidedBy(Decider, Span),
    /// `vote { ... }`.
    Vote(VoteBlock),
    /// `lazy consensus { ... }`.
    LazyConsensus(LazyBlock),
    /// `recuse a, b`.
    Recuse(Vec<Exclusion>, Span),
    /// `designate N actor with external`.
    Designate(IntegerLit, Actor, Option<Ident>, Span),
    /// `escalate { ... }`.
    Escalate(Vec<EscalationStep>, Span),
    /// `cadence ...`.
    Cadence(Cadence),
    /// `allow ...`.
    Allow(Allow),
}

/// What a decision does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// `admit role`.
    Admit(Ident),
    /// `remove role`.
    Remove(Ident),
    /// `reinstate role`.
    Reinstate(Ident),
    /// `appoint body`.
    Appoint(Ident),
    /// `elect body`.
    Elect(Ident),
    /// `no confidence body`.
    NoConfidence(Ident),
    /// `amend charter`.
    AmendCharter,
    /// `resolve conflicts`.
    ResolveConflicts,
    /// `enforce conduct`.
    EnforceConduct,
    /// `handle security`.
    HandleSecurity,
    /// `dissolve project`.
    DissolveProject,
    /// `other "text"`.
    Other(StringLit),
}

/// A named waiting period of a procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseKind {
    /// `discussion`.
    Discussion,
    /// `notice`.
    Notice,
    /// `public`.
    Public,
    /// `review`.
    Review,
}

/// Who decides, as written after `decided by`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decider {
    /// `default vote`.
    DefaultVote(Span),
    /// `any [N] actor`.
    Approvals(Option<IntegerLit>, Actor, Span),
    /// `actor`: by a rule the text does not state.
    Actor(Actor),
}

/// `lazy consensus { ... }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LazyBlock {
    /// `silence ...` statements.
    pub silences: Vec<(DurationBound, Span)>,
    /// `on objection -> ...` statements.
    pub on_objection: Vec<(ObjectionTarget, Span)>,
    /// `allow` statements.
    pub allows: Vec<Allow>,
    /// The whole block.
    pub span: Span,
}

/// What an objection turns a lazy-consensus proposal into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjectionTarget {
    /// `default vote`.
    DefaultVote,
    /// `vote`: the decision's own vote.
    OwnVote,
    /// An actor decides.
    Actor(Actor),
}

/// One step of an escalation path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EscalationStep {
    /// `step parties`.
    Parties(Span),
    /// `step mediator actor`.
    Mediator(Actor, Span),
    /// `step decision name`.
    Decision(Ident, Span),
    /// `step external name`.
    External(Ident, Span),
    /// `step vote { ... }`.
    Vote(VoteBlock, Span),
    /// `step decided by ...`.
    DecidedBy(Decider, Span),
}

/// `vote { ... }`, also the body of `default vote { ... }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteBlock {
    /// Statements in source order.
    pub stmts: Vec<VoteStmt>,
    /// The whole block, keyword included.
    pub span: Span,
}

/// A statement of a vote block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteStmt {
    /// `voters a, b except x, y`.
    Voters(Vec<Actor>, Vec<Exclusion>, Span),
    /// `passes when c1 and c2`.
    Passes(Vec<Condition>, Span),
    /// `quorum [cmp] amount [abstention clause]`.
    Quorum(Option<Comparator>, Amount, Option<bool>, Span),
    /// `tie ...`.
    Tie(TieRule, Span),
    /// `veto by a, b`.
    Veto(Vec<Actor>, Span),
    /// `no veto`.
    NoVeto(Span),
    /// `ballot secret` (`true`) or `ballot public`.
    Ballot(bool, Span),
    /// `open ...`.
    Open(DurationBound, Span),
    /// `allow ...`.
    Allow(Allow),
}

/// What a tie does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TieRule {
    /// `tie fails`.
    Fails,
    /// `tie passes`.
    Passes,
    /// `tie revote`.
    Revote,
    /// `tie casting vote by actor`.
    CastingVote(Actor),
}

/// A pass condition as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// `unanimous [of base]`.
    Unanimous(Option<Base>, Span),
    /// `majority [of base]`.
    Majority(Option<Base>, Span),
    /// `approved`.
    Approved(Span),
    /// `tally cmp operand`.
    Compare(Tally, Comparator, Operand, Span),
    /// The name of a `threshold`.
    Named(Ident),
}

impl Condition {
    /// The condition's source span.
    pub fn span(&self) -> Span {
        match self {
            Condition::Unanimous(_, span)
            | Condition::Majority(_, span)
            | Condition::Approved(span)
            | Condition::Compare(_, _, _, span) => *span,
            Condition::Named(ident) => ident.span,
        }
    }
}

/// A count in a tally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tally {
    /// Votes in favour.
    Yes,
    /// Votes against.
    No,
    /// Abstentions.
    Abstain,
    /// Everyone who took part: yes + no + abstain.
    Turnout,
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// `>=`.
    Ge,
    /// `>`.
    Gt,
    /// `<=`.
    Le,
    /// `<`.
    Lt,
    /// `==`.
    Eq,
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operand {
    /// A share or a count.
    Amount(Amount),
    /// Another tally.
    Tally(Tally, Span),
}

/// A share of a base, or a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amount {
    /// `2/3 [of base]` or `60% [of base]`.
    Share(Share, Option<Base>, Span),
    /// `3`.
    Count(IntegerLit),
}

/// A share as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Share {
    /// `p/q`.
    Fraction(String),
    /// `p%` or `p.q%` (the digits without `%`).
    Percent(String),
}

/// The base a share is measured against, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// `members`.
    Members,
    /// `participating`.
    Participating,
    /// `cast`.
    Cast,
    /// `votes`: participating or cast, the text does not say.
    Votes,
}

/// A role, body or external body, or anyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// `anyone`.
    Anyone(Span),
    /// A name.
    Named(Ident),
}

impl Actor {
    /// The actor's source span.
    pub fn span(&self) -> Span {
        match self {
            Actor::Anyone(span) => *span,
            Actor::Named(ident) => ident.span,
        }
    }
}

/// Who is left out of a vote or a procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    /// The person the decision is about.
    Subject(Span),
    /// The person accused.
    Accused(Span),
    /// The person who nominated the subject.
    Nominator(Span),
    /// Holders of a role.
    Named(Ident),
}

/// A duration with an optional bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationBound {
    /// `at least`, `at most`, `exactly`, or nothing.
    pub kind: Option<BoundKind>,
    /// The duration; `None` for `periodically`.
    pub duration: Option<Duration>,
    /// The whole bound.
    pub span: Span,
}

/// How a duration bounds a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundKind {
    /// `at least`.
    AtLeast,
    /// `at most`.
    AtMost,
    /// `exactly`.
    Exactly,
}

/// `~3-5 business days`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duration {
    /// Whether `~` was written.
    pub approximate: bool,
    /// The first (or only) number.
    pub low: IntegerLit,
    /// The second number of a range.
    pub high: Option<IntegerLit>,
    /// The unit as written.
    pub unit: Ident,
    /// The whole duration.
    pub span: Span,
}
