//! Pest pairs to AST: one `build_<rule>` function per grammar rule that carries data.
//!
//! The grammar guarantees the shape of every pair, but the builder does not rely on it blindly: a pair that is
//! not what the builder expects becomes a [`BuildError`] (reported as an internal error), never a panic.

use pest::iterators::{Pair, Pairs};

use super::grammar::{Rule, is_punctuation};
use crate::ast::*;
use crate::checks::{name_too_long, string_too_long};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Why the builder stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BuildError {
    /// The grammar and the builder disagree: a bug in charterc, reported instead of panicking.
    Internal {
        /// Where the builder was when it noticed.
        span: Span,
        /// What it expected.
        message: String,
    },
    /// The text is well formed but exceeds a limit (the length of a name or a string).
    Limit(Diagnostic),
}

type Result<T> = std::result::Result<T, BuildError>;

/// The span of a pair without the trailing whitespace, `;` and comments that pest includes in a rule ending with
/// an optional or repeated part (`a ~ b*` consumes the trivia after `a` even when no `b` follows).
fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let span = pair.as_span();
    Span::new(span.start(), span.start() + content_len(span.as_str()))
}

/// The length of `text` up to the end of its last character that is not trivia (whitespace, `;`, a byte-order
/// mark or a comment). Only the end of the text is read: trailing trivia is trimmed, then the last line is
/// searched for a comment (strings cannot span lines, so the line alone says whether a `#` is in a string), and
/// again while a comment is found. The cost is that of the trailing trivia and one line, not of the whole pair,
/// which matters because every pair of every level is measured.
fn content_len(text: &str) -> usize {
    let is_trivia = |c: char| c.is_whitespace() || c == ';' || c == '\u{FEFF}';
    let mut end = text.len();
    loop {
        let content = text
            .get(..end)
            .unwrap_or_default()
            .trim_end_matches(is_trivia);
        // A comment ends at a line feed or a carriage return (CRLF, or a lone CR).
        let line_start = content.rfind(['\n', '\r']).map_or(0, |end| end + 1);
        match comment_start(content.get(line_start..).unwrap_or_default()) {
            Some(comment) => end = line_start + comment,
            None => return content.len(),
        }
    }
}

/// The offset of the `#` that starts a comment in one line, if any; a `#` inside a string is not one.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (index, byte) in line.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if byte == b'"' {
            in_string = true;
        } else if byte == b'#' {
            return Some(index);
        }
    }
    None
}

/// Walks the children of one pair, skipping keywords and punctuation.
struct Cursor<'i> {
    children: std::iter::Peekable<Pairs<'i, Rule>>,
    span: Span,
}

impl<'i> Cursor<'i> {
    fn of(pair: Pair<'i, Rule>) -> Self {
        let span = span_of(&pair);
        Cursor {
            children: pair.into_inner().peekable(),
            span,
        }
    }

    fn skip_punctuation(&mut self) {
        while self
            .children
            .peek()
            .is_some_and(|pair| is_punctuation(pair.as_rule()))
        {
            self.children.next();
        }
    }

    fn next(&mut self) -> Option<Pair<'i, Rule>> {
        self.skip_punctuation();
        self.children.next()
    }

    fn peek_rule(&mut self) -> Option<Rule> {
        self.skip_punctuation();
        self.children.peek().map(|pair| pair.as_rule())
    }

    fn next_if(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        if self.peek_rule() == Some(rule) {
            self.next()
        } else {
            None
        }
    }

    fn require(&mut self, rule: Rule) -> Result<Pair<'i, Rule>> {
        match self.next() {
            Some(pair) if pair.as_rule() == rule => Ok(pair),
            Some(pair) => Err(BuildError::Internal {
                span: span_of(&pair),
                message: format!("expected {rule:?}, found {:?}", pair.as_rule()),
            }),
            None => Err(BuildError::Internal {
                span: self.span,
                message: format!("expected {rule:?}, found nothing"),
            }),
        }
    }

    fn any(&mut self) -> Result<Pair<'i, Rule>> {
        self.next().ok_or_else(|| BuildError::Internal {
            span: self.span,
            message: "expected a child, found nothing".into(),
        })
    }

    /// Every remaining child of `rule`, built with `build`.
    fn all<T>(
        &mut self,
        rule: Rule,
        build: impl Fn(Pair<'i, Rule>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut res = Vec::new();
        while let Some(pair) = self.next_if(rule) {
            res.push(build(pair)?);
        }
        Ok(res)
    }
}

fn unexpected(pair: &Pair<'_, Rule>, context: &str) -> BuildError {
    BuildError::Internal {
        span: span_of(pair),
        message: format!("unexpected {:?} in {context}", pair.as_rule()),
    }
}

/// Builds the AST of a whole file from the `file` pair.
pub(crate) fn build_file(pair: Pair<'_, Rule>) -> Result<Charter> {
    let span = span_of(&pair);
    let mut items = Vec::new();
    for child in pair.into_inner() {
        let item = match child.as_rule() {
            Rule::EOI => continue,
            Rule::charter_decl => Item::Meta(build_charter_decl(child)?),
            Rule::role_decl => {
                let (name, stmts, span) = build_member_decl(child)?;
                Item::Role(RoleDecl { name, stmts, span })
            }
            Rule::body_decl => {
                let (name, stmts, span) = build_member_decl(child)?;
                Item::Body(BodyDecl { name, stmts, span })
            }
            Rule::external_decl => Item::External(build_external_decl(child)?),
            Rule::threshold_decl => Item::Threshold(build_threshold_decl(child)?),
            Rule::default_vote_decl => Item::DefaultVote(build_vote_body(child)?),
            Rule::decision_decl => Item::Decision(build_decision_decl(child)?),
            _ => return Err(unexpected(&child, "a file")),
        };
        items.push(item);
    }
    Ok(Charter { items, span })
}

/// A name; longer than [`name_too_long::MAX_NAME_BYTES`] is an error.
fn build_ident(pair: Pair<'_, Rule>) -> Result<Ident> {
    let text = pair.as_str();
    let span = Span::new(pair.as_span().start(), pair.as_span().end());
    if text.len() > name_too_long::MAX_NAME_BYTES {
        return Err(BuildError::Limit(name_too_long::diagnostic(
            span,
            text.len(),
        )));
    }
    Ok(Ident {
        text: text.to_owned(),
        span,
    })
}

fn build_integer(pair: Pair<'_, Rule>) -> IntegerLit {
    IntegerLit {
        digits: pair.as_str().to_owned(),
        span: span_of(&pair),
    }
}

/// A string, with its escapes resolved; longer than [`string_too_long::MAX_STRING_BYTES`] is an error.
fn build_string(pair: Pair<'_, Rule>) -> Result<StringLit> {
    let span = Span::new(pair.as_span().start(), pair.as_span().end());
    let raw = pair
        .into_inner()
        .next()
        .map(|inner| inner.as_str())
        .unwrap_or_default();
    if raw.len() > string_too_long::MAX_STRING_BYTES {
        return Err(BuildError::Limit(string_too_long::diagnostic(
            span.start,
            raw.len(),
        )));
    }
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some(other) => value.push(other),
                None => {}
            }
        } else {
            value.push(c);
        }
    }
    Ok(StringLit { value, span })
}

fn build_charter_decl(pair: Pair<'_, Rule>) -> Result<MetaDecl> {
    let mut cursor = Cursor::of(pair);
    let name = build_string(cursor.require(Rule::string)?)?;
    let mut stmts = Vec::new();
    while let Some(stmt) = cursor.next() {
        let rule = stmt.as_rule();
        let value = build_string(Cursor::of(stmt).require(Rule::string)?)?;
        stmts.push(match rule {
            Rule::source_stmt => MetaStmt::Source(value),
            Rule::version_stmt => MetaStmt::Version(value),
            Rule::adopted_stmt => MetaStmt::Adopted(value),
            _ => {
                return Err(BuildError::Internal {
                    span: value.span,
                    message: format!("unexpected {rule:?} in charter"),
                });
            }
        });
    }
    Ok(MetaDecl {
        name,
        stmts,
        span: cursor.span,
    })
}

fn build_member_decl(pair: Pair<'_, Rule>) -> Result<(Ident, Vec<MemberStmt>, Span)> {
    let mut cursor = Cursor::of(pair);
    let name = build_ident(cursor.require(Rule::ident)?)?;
    let mut stmts = Vec::new();
    while let Some(stmt) = cursor.next() {
        stmts.push(build_member_stmt(stmt)?);
    }
    Ok((name, stmts, cursor.span))
}

fn build_member_stmt(pair: Pair<'_, Rule>) -> Result<MemberStmt> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    if rule == Rule::cadence_stmt {
        return Ok(MemberStmt::Cadence(build_cadence(pair)?));
    }
    if rule == Rule::allow_stmt {
        return Ok(MemberStmt::Allow(build_allow(pair)?));
    }
    let mut cursor = Cursor::of(pair);
    Ok(match rule {
        Rule::size_stmt => {
            let bound = cursor.any()?;
            let bound_rule = bound.as_rule();
            let mut numbers = Cursor::of(bound);
            let first = build_integer(numbers.require(Rule::integer)?);
            let size = match bound_rule {
                Rule::size_at_least => SizeBound::AtLeast(first),
                Rule::size_at_most => SizeBound::AtMost(first),
                Rule::size_exact => SizeBound::Exactly(first),
                Rule::size_range => {
                    SizeBound::Range(first, build_integer(numbers.require(Rule::integer)?))
                }
                _ => {
                    return Err(BuildError::Internal {
                        span,
                        message: format!("unexpected {bound_rule:?} in size"),
                    });
                }
            };
            MemberStmt::Size(size, span)
        }
        Rule::members_stmt => MemberStmt::Members(cursor.all(Rule::string, build_string)?, span),
        Rule::join_stmt => {
            if cursor.next_if(Rule::join_open).is_some() {
                MemberStmt::Join(None, span)
            } else {
                MemberStmt::Join(
                    Some(build_ident_list(cursor.require(Rule::ident_list)?)?),
                    span,
                )
            }
        }
        Rule::leave_stmt => MemberStmt::Leave(build_status_target(&mut cursor)?, span),
        Rule::remove_stmt => {
            let deciders = build_ident_list(cursor.require(Rule::ident_list)?)?;
            MemberStmt::Remove(deciders, build_status_target(&mut cursor)?, span)
        }
        Rule::inactive_stmt => {
            let duration = build_duration(cursor.require(Rule::duration)?)?;
            MemberStmt::Inactive(duration, build_status_target(&mut cursor)?, span)
        }
        Rule::reinstate_stmt => {
            MemberStmt::Reinstate(build_ident_list(cursor.require(Rule::ident_list)?)?, span)
        }
        Rule::term_stmt => MemberStmt::Term(build_duration(cursor.require(Rule::duration)?)?, span),
        Rule::term_limit_stmt => {
            MemberStmt::TermLimit(build_integer(cursor.require(Rule::integer)?), span)
        }
        Rule::seat_limit_stmt => {
            let count = build_integer(cursor.require(Rule::integer)?);
            MemberStmt::SeatLimit(count, build_string(cursor.require(Rule::string)?)?, span)
        }
        Rule::consists_stmt => {
            MemberStmt::ConsistsOf(build_actor_list(cursor.require(Rule::actor_list)?)?, span)
        }
        Rule::drawn_stmt => {
            MemberStmt::DrawnFrom(build_actor_list(cursor.require(Rule::actor_list)?)?, span)
        }
        Rule::appointed_stmt => {
            MemberStmt::AppointedBy(build_actor(cursor.require(Rule::actor)?)?, span)
        }
        Rule::chair_stmt => MemberStmt::Chair(build_actor(cursor.require(Rule::actor)?)?, span),
        _ => {
            return Err(BuildError::Internal {
                span,
                message: format!("unexpected {rule:?} in a role or body"),
            });
        }
    })
}

fn build_status_target(cursor: &mut Cursor<'_>) -> Result<Option<Ident>> {
    let Some(target) = cursor.next_if(Rule::status_target) else {
        return Ok(None);
    };
    Cursor::of(target)
        .next_if(Rule::ident)
        .map(build_ident)
        .transpose()
}

fn build_ident_list(pair: Pair<'_, Rule>) -> Result<Vec<Ident>> {
    pair.into_inner()
        .filter(|p| p.as_rule() == Rule::ident)
        .map(build_ident)
        .collect()
}

fn build_actor_list(pair: Pair<'_, Rule>) -> Result<Vec<Actor>> {
    Cursor::of(pair).all(Rule::actor, build_actor)
}

fn build_actor(pair: Pair<'_, Rule>) -> Result<Actor> {
    let span = span_of(&pair);
    let inner = pair.into_inner().next().ok_or(BuildError::Internal {
        span,
        message: "empty actor".into(),
    })?;
    Ok(match inner.as_rule() {
        Rule::kw_anyone => Actor::Anyone(span),
        Rule::ident => Actor::Named(build_ident(inner)?),
        _ => return Err(unexpected(&inner, "an actor")),
    })
}

fn build_exclusion(pair: Pair<'_, Rule>) -> Result<Exclusion> {
    let span = span_of(&pair);
    let inner = pair.into_inner().next().ok_or(BuildError::Internal {
        span,
        message: "empty exclusion".into(),
    })?;
    Ok(match inner.as_rule() {
        Rule::kw_subject => Exclusion::Subject(span),
        Rule::kw_accused => Exclusion::Accused(span),
        Rule::kw_nominator => Exclusion::Nominator(span),
        Rule::ident => Exclusion::Named(build_ident(inner)?),
        _ => return Err(unexpected(&inner, "an exclusion")),
    })
}

fn build_cadence(pair: Pair<'_, Rule>) -> Result<Cadence> {
    let span = span_of(&pair);
    let mut cursor = Cursor::of(pair);
    let what = build_string(cursor.require(Rule::string)?)?;
    let every = match cursor.next_if(Rule::cadence_every) {
        Some(every) => Some(build_duration(Cursor::of(every).require(Rule::duration)?)?),
        None => None,
    };
    Ok(Cadence { what, every, span })
}

fn build_allow(pair: Pair<'_, Rule>) -> Result<Allow> {
    let span = span_of(&pair);
    let mut cursor = Cursor::of(pair);
    let lint = build_ident(cursor.require(Rule::lint_name)?)?;
    let reason = build_string(cursor.require(Rule::string)?)?;
    Ok(Allow { lint, reason, span })
}

fn build_external_decl(pair: Pair<'_, Rule>) -> Result<ExternalDecl> {
    let mut cursor = Cursor::of(pair);
    let name = build_ident(cursor.require(Rule::ident)?)?;
    let title = build_string(cursor.require(Rule::string)?)?;
    Ok(ExternalDecl {
        name,
        title,
        span: cursor.span,
    })
}

fn build_threshold_decl(pair: Pair<'_, Rule>) -> Result<ThresholdDecl> {
    let mut cursor = Cursor::of(pair);
    let name = build_ident(cursor.require(Rule::ident)?)?;
    let mut conditions = Vec::new();
    let mut allows = Vec::new();
    while let Some(child) = cursor.next() {
        if child.as_rule() == Rule::allow_stmt {
            allows.push(build_allow(child)?);
        } else {
            conditions.push(build_condition(child)?);
        }
    }
    Ok(ThresholdDecl {
        name,
        conditions,
        allows,
        span: cursor.span,
    })
}

fn build_decision_decl(pair: Pair<'_, Rule>) -> Result<DecisionDecl> {
    let mut cursor = Cursor::of(pair);
    let name = build_ident(cursor.require(Rule::ident)?)?;
    let mut stmts = Vec::new();
    while let Some(stmt) = cursor.next() {
        stmts.push(build_decision_stmt(stmt)?);
    }
    Ok(DecisionDecl {
        name,
        stmts,
        span: cursor.span,
    })
}

fn build_decision_stmt(pair: Pair<'_, Rule>) -> Result<DecisionStmt> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    match rule {
        Rule::cadence_stmt => return Ok(DecisionStmt::Cadence(build_cadence(pair)?)),
        Rule::allow_stmt => return Ok(DecisionStmt::Allow(build_allow(pair)?)),
        Rule::vote_block => return Ok(DecisionStmt::Vote(build_vote_body(pair)?)),
        Rule::lazy_block => return Ok(DecisionStmt::LazyConsensus(build_lazy_block(pair)?)),
        _ => {}
    }
    let mut cursor = Cursor::of(pair);
    Ok(match rule {
        Rule::purpose_stmt => DecisionStmt::Purpose(build_purpose(cursor.any()?)?, span),
        Rule::proposed_stmt => {
            DecisionStmt::ProposedBy(build_actor_list(cursor.require(Rule::actor_list)?)?, span)
        }
        Rule::phase_stmt => {
            let name = cursor.require(Rule::phase_name)?;
            let kind = match name.clone().into_inner().next().map(|p| p.as_rule()) {
                Some(Rule::kw_discussion) => PhaseKind::Discussion,
                Some(Rule::kw_notice) => PhaseKind::Notice,
                Some(Rule::kw_public) => PhaseKind::Public,
                Some(Rule::kw_review) => PhaseKind::Review,
                _ => return Err(unexpected(&name, "a phase")),
            };
            DecisionStmt::Phase(
                kind,
                build_duration_bound(cursor.require(Rule::duration_bound)?)?,
                span,
            )
        }
        Rule::decided_stmt => DecisionStmt::DecidedBy(build_decider(cursor.any()?)?, span),
        Rule::recuse_stmt => {
            DecisionStmt::Recuse(cursor.all(Rule::exclusion, build_exclusion)?, span)
        }
        Rule::designate_stmt => {
            let count = build_integer(cursor.require(Rule::integer)?);
            let actor = build_actor(cursor.require(Rule::actor)?)?;
            let with = cursor.next_if(Rule::ident).map(build_ident).transpose()?;
            DecisionStmt::Designate(count, actor, with, span)
        }
        Rule::escalate_block => {
            let steps = cursor.all(Rule::escalation_step, build_escalation_step)?;
            DecisionStmt::Escalate(steps, span)
        }
        _ => {
            return Err(BuildError::Internal {
                span,
                message: format!("unexpected {rule:?} in a decision"),
            });
        }
    })
}

fn build_purpose(pair: Pair<'_, Rule>) -> Result<Purpose> {
    let rule = pair.as_rule();
    let span = span_of(&pair);
    let mut cursor = Cursor::of(pair);
    Ok(match rule {
        Rule::purpose_admit => Purpose::Admit(build_ident(cursor.require(Rule::ident)?)?),
        Rule::purpose_remove => Purpose::Remove(build_ident(cursor.require(Rule::ident)?)?),
        Rule::purpose_reinstate => Purpose::Reinstate(build_ident(cursor.require(Rule::ident)?)?),
        Rule::purpose_appoint => Purpose::Appoint(build_ident(cursor.require(Rule::ident)?)?),
        Rule::purpose_elect => Purpose::Elect(build_ident(cursor.require(Rule::ident)?)?),
        Rule::purpose_no_confidence => {
            Purpose::NoConfidence(build_ident(cursor.require(Rule::ident)?)?)
        }
        Rule::purpose_amend => Purpose::AmendCharter,
        Rule::purpose_conflicts => Purpose::ResolveConflicts,
        Rule::purpose_conduct => Purpose::EnforceConduct,
        Rule::purpose_security => Purpose::HandleSecurity,
        Rule::purpose_dissolve => Purpose::DissolveProject,
        Rule::purpose_other => Purpose::Other(build_string(cursor.require(Rule::string)?)?),
        _ => {
            return Err(BuildError::Internal {
                span,
                message: format!("unexpected {rule:?} in a purpose"),
            });
        }
    })
}

fn build_decider(pair: Pair<'_, Rule>) -> Result<Decider> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    let mut cursor = Cursor::of(pair);
    Ok(match rule {
        Rule::decider_default => Decider::DefaultVote(span),
        Rule::decider_single => {
            let count = cursor.next_if(Rule::integer).map(build_integer);
            Decider::Approvals(count, build_actor(cursor.require(Rule::actor)?)?, span)
        }
        Rule::decider_actor => Decider::Actor(build_actor(cursor.require(Rule::actor)?)?),
        _ => {
            return Err(BuildError::Internal {
                span,
                message: format!("unexpected {rule:?} in a decider"),
            });
        }
    })
}

fn build_lazy_block(pair: Pair<'_, Rule>) -> Result<LazyBlock> {
    let mut cursor = Cursor::of(pair);
    let mut block = LazyBlock {
        silences: Vec::new(),
        on_objection: Vec::new(),
        allows: Vec::new(),
        span: cursor.span,
    };
    while let Some(stmt) = cursor.next() {
        let span = span_of(&stmt);
        match stmt.as_rule() {
            Rule::silence_stmt => {
                let bound = build_duration_bound(Cursor::of(stmt).require(Rule::duration_bound)?)?;
                block.silences.push((bound, span));
            }
            Rule::objection_stmt => {
                let target = Cursor::of(stmt).any()?;
                let target = match target.as_rule() {
                    Rule::objection_default => ObjectionTarget::DefaultVote,
                    Rule::objection_vote => ObjectionTarget::OwnVote,
                    Rule::objection_actor => ObjectionTarget::Actor(build_actor(
                        Cursor::of(target).require(Rule::actor)?,
                    )?),
                    _ => return Err(unexpected(&target, "an objection")),
                };
                block.on_objection.push((target, span));
            }
            Rule::allow_stmt => block.allows.push(build_allow(stmt)?),
            _ => return Err(unexpected(&stmt, "lazy consensus")),
        }
    }
    Ok(block)
}

fn build_escalation_step(pair: Pair<'_, Rule>) -> Result<EscalationStep> {
    let span = span_of(&pair);
    let kind = Cursor::of(pair).any()?;
    let rule = kind.as_rule();
    let mut cursor = Cursor::of(kind.clone());
    Ok(match rule {
        Rule::step_parties => EscalationStep::Parties(span),
        Rule::step_mediator => {
            EscalationStep::Mediator(build_actor(cursor.require(Rule::actor)?)?, span)
        }
        Rule::step_decision => {
            EscalationStep::Decision(build_ident(cursor.require(Rule::ident)?)?, span)
        }
        Rule::step_external => {
            EscalationStep::External(build_ident(cursor.require(Rule::ident)?)?, span)
        }
        Rule::step_vote => {
            EscalationStep::Vote(build_vote_body(cursor.require(Rule::vote_block)?)?, span)
        }
        Rule::step_decided => EscalationStep::DecidedBy(build_decider(cursor.any()?)?, span),
        _ => return Err(unexpected(&kind, "an escalation step")),
    })
}

/// Builds a vote block from a `vote_block` or `default_vote_decl` pair.
fn build_vote_body(pair: Pair<'_, Rule>) -> Result<VoteBlock> {
    let mut cursor = Cursor::of(pair);
    let mut stmts = Vec::new();
    while let Some(stmt) = cursor.next() {
        stmts.push(build_vote_stmt(stmt)?);
    }
    Ok(VoteBlock {
        stmts,
        span: cursor.span,
    })
}

fn build_vote_stmt(pair: Pair<'_, Rule>) -> Result<VoteStmt> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    if rule == Rule::allow_stmt {
        return Ok(VoteStmt::Allow(build_allow(pair)?));
    }
    let mut cursor = Cursor::of(pair);
    Ok(match rule {
        Rule::voters_stmt => {
            let voters = build_actor_list(cursor.require(Rule::actor_list)?)?;
            let except = cursor.all(Rule::exclusion, build_exclusion)?;
            VoteStmt::Voters(voters, except, span)
        }
        Rule::passes_stmt => {
            let mut conditions = Vec::new();
            while let Some(condition) = cursor.next() {
                conditions.push(build_condition(condition)?);
            }
            VoteStmt::Passes(conditions, span)
        }
        Rule::quorum_stmt => {
            let comparator = match cursor.next_if(Rule::comparator) {
                Some(pair) => Some(build_comparator(&pair)?),
                None => None,
            };
            let amount = build_amount(cursor.require(Rule::amount)?)?;
            let counts_abstentions = match cursor.next_if(Rule::abstention_clause) {
                Some(clause) => match Cursor::of(clause).any()?.as_rule() {
                    Rule::abstentions_counted => Some(true),
                    _ => Some(false),
                },
                None => None,
            };
            VoteStmt::Quorum(comparator, amount, counts_abstentions, span)
        }
        Rule::tie_stmt => {
            let tie = cursor.any()?;
            let rule = match tie.as_rule() {
                Rule::tie_fails => TieRule::Fails,
                Rule::tie_passes => TieRule::Passes,
                Rule::tie_revote => TieRule::Revote,
                Rule::tie_casting => {
                    TieRule::CastingVote(build_actor(Cursor::of(tie).require(Rule::actor)?)?)
                }
                _ => return Err(unexpected(&tie, "a tie rule")),
            };
            VoteStmt::Tie(rule, span)
        }
        Rule::veto_stmt => {
            VoteStmt::Veto(build_actor_list(cursor.require(Rule::actor_list)?)?, span)
        }
        Rule::no_veto_stmt => VoteStmt::NoVeto(span),
        Rule::ballot_stmt => {
            let secret = cursor
                .children
                .any(|child| child.as_rule() == Rule::kw_secret);
            VoteStmt::Ballot(secret, span)
        }
        Rule::open_stmt => VoteStmt::Open(
            build_duration_bound(cursor.require(Rule::duration_bound)?)?,
            span,
        ),
        _ => {
            return Err(BuildError::Internal {
                span,
                message: format!("unexpected {rule:?} in a vote"),
            });
        }
    })
}

fn build_condition(pair: Pair<'_, Rule>) -> Result<Condition> {
    let span = span_of(&pair);
    let rule = pair.as_rule();
    let mut cursor = Cursor::of(pair);
    Ok(match rule {
        Rule::cond_unanimous => Condition::Unanimous(build_optional_base(&mut cursor)?, span),
        Rule::cond_majority => Condition::Majority(build_optional_base(&mut cursor)?, span),
        Rule::cond_approved => Condition::Approved(span),
        Rule::cond_named => Condition::Named(build_ident(cursor.require(Rule::ident)?)?),
        Rule::cond_compare => {
            let tally = build_tally(cursor.require(Rule::tally)?)?;
            let comparator = build_comparator(&cursor.require(Rule::comparator)?)?;
            let operand = cursor.any()?;
            let operand = match operand.as_rule() {
                Rule::amount => Operand::Amount(build_amount(operand)?),
                Rule::tally => {
                    let span = span_of(&operand);
                    Operand::Tally(build_tally(operand)?, span)
                }
                _ => return Err(unexpected(&operand, "a comparison")),
            };
            Condition::Compare(tally, comparator, operand, span)
        }
        _ => {
            return Err(BuildError::Internal {
                span,
                message: format!("unexpected {rule:?} in a condition"),
            });
        }
    })
}

fn build_optional_base(cursor: &mut Cursor<'_>) -> Result<Option<Base>> {
    match cursor.next_if(Rule::base) {
        Some(base) => Ok(Some(build_base(base)?)),
        None => Ok(None),
    }
}

fn build_base(pair: Pair<'_, Rule>) -> Result<Base> {
    let inner = Cursor::of(pair.clone()).children.next();
    Ok(match inner.map(|p| p.as_rule()) {
        Some(Rule::kw_members) => Base::Members,
        Some(Rule::kw_participating) => Base::Participating,
        Some(Rule::kw_cast) => Base::Cast,
        Some(Rule::kw_votes) => Base::Votes,
        _ => return Err(unexpected(&pair, "a base")),
    })
}

fn build_tally(pair: Pair<'_, Rule>) -> Result<Tally> {
    let inner = Cursor::of(pair.clone()).children.next();
    Ok(match inner.map(|p| p.as_rule()) {
        Some(Rule::kw_yes) => Tally::Yes,
        Some(Rule::kw_no) => Tally::No,
        Some(Rule::kw_abstain) => Tally::Abstain,
        Some(Rule::kw_turnout) => Tally::Turnout,
        _ => return Err(unexpected(&pair, "a tally")),
    })
}

fn build_comparator(pair: &Pair<'_, Rule>) -> Result<Comparator> {
    Ok(match pair.as_str() {
        ">=" => Comparator::Ge,
        ">" => Comparator::Gt,
        "<=" => Comparator::Le,
        "<" => Comparator::Lt,
        "==" => Comparator::Eq,
        _ => return Err(unexpected(pair, "a comparator")),
    })
}

fn build_amount(pair: Pair<'_, Rule>) -> Result<Amount> {
    let span = span_of(&pair);
    let mut cursor = Cursor::of(pair);
    let first = cursor.any()?;
    Ok(match first.as_rule() {
        Rule::integer => Amount::Count(build_integer(first)),
        Rule::fraction => Amount::Share(
            Share::Fraction(first.as_str().to_owned()),
            build_optional_base(&mut cursor)?,
            span,
        ),
        Rule::percent => {
            let digits = first.as_str().trim_end_matches('%').to_owned();
            Amount::Share(
                Share::Percent(digits),
                build_optional_base(&mut cursor)?,
                span,
            )
        }
        _ => return Err(unexpected(&first, "an amount")),
    })
}

fn build_duration_bound(pair: Pair<'_, Rule>) -> Result<DurationBound> {
    let span = span_of(&pair);
    let mut cursor = Cursor::of(pair);
    let kind = match cursor.next_if(Rule::bound_kind) {
        Some(kind) => {
            let words: Vec<Rule> = kind.into_inner().map(|p| p.as_rule()).collect();
            Some(if words.contains(&Rule::kw_least) {
                BoundKind::AtLeast
            } else if words.contains(&Rule::kw_most) {
                BoundKind::AtMost
            } else {
                BoundKind::Exactly
            })
        }
        None => None,
    };
    let duration = match cursor.next_if(Rule::duration) {
        Some(duration) => Some(build_duration(duration)?),
        None => None,
    };
    Ok(DurationBound {
        kind,
        duration,
        span,
    })
}

fn build_duration(pair: Pair<'_, Rule>) -> Result<Duration> {
    let span = span_of(&pair);
    let mut cursor = Cursor::of(pair);
    let approximate = cursor.next_if(Rule::approx).is_some();
    let low = build_integer(cursor.require(Rule::integer)?);
    let high = cursor.next_if(Rule::integer).map(build_integer);
    // A unit is not a name: an unknown one, however long, is reported by lowering with a suggestion.
    let unit = cursor.require(Rule::unit)?;
    let unit = Ident {
        text: unit.as_str().to_owned(),
        span: span_of(&unit),
    };
    Ok(Duration {
        approximate,
        low,
        high,
        unit,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::content_len;

    #[test]
    fn content_len_drops_trailing_trivia_only() {
        assert_eq!(content_len("yes > no  # why\n  ; \n"), "yes > no".len());
        assert_eq!(content_len("\"a # b\" # c"), "\"a # b\"".len());
        assert_eq!(
            content_len("x \"q\\\"#\" ; # c\n  # d\n\u{FEFF}"),
            "x \"q\\\"#\"".len()
        );
        assert_eq!(content_len("a\n# one\n# two\n"), 1);
        assert_eq!(content_len("# only a comment"), 0);
        assert_eq!(content_len(""), 0);
        assert_eq!(content_len("é ;"), "é".len());
        assert_eq!(content_len("a # c\rb # d\r"), "a # c\rb".len());
    }
}
