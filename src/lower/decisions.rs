//! Decisions: purposes, proposers, phases, who decides and by which rule, lazy consensus, escalation.
//!
//! Who decides is resolved here once, so that downstream code never has to guess: a decision with its own
//! `vote` is decided by that vote; `decided by default vote`, or nothing at all, gets a copy of the default
//! vote (marked as such); lazy consensus keeps the vote that an objection leads to.

use super::Lowerer;
use super::numbers;
use crate::ast;
use crate::checks::{duplicate_statement, undefined_reference};
use crate::ir::{self, ItemKind, PurposeEntry, PurposeSource, RuleOrigin};
use crate::source::Span;

const ACTOR_KINDS: [ItemKind; 3] = [ItemKind::Role, ItemKind::Body, ItemKind::External];

impl Lowerer<'_> {
    pub(super) fn lower_decision(&mut self, decl: &ast::DecisionDecl) -> ir::Decision {
        // Every list is sized from the statements first, so that none is reallocated or left with spare room
        // (see `shrink`).
        let (mut purposes, mut proposers, mut phases, mut recusals) = (0, 0, 0, 0);
        let (mut designations, mut cadences, mut allows) = (0, 0, 0);
        for stmt in &decl.stmts {
            match stmt {
                ast::DecisionStmt::Purpose(..) => purposes += 1,
                ast::DecisionStmt::ProposedBy(actors, _) => proposers += actors.len(),
                ast::DecisionStmt::Phase(..) => phases += 1,
                ast::DecisionStmt::Recuse(exclusions, _) => recusals += exclusions.len(),
                ast::DecisionStmt::Designate(..) => designations += 1,
                ast::DecisionStmt::Cadence(_) => cadences += 1,
                ast::DecisionStmt::Allow(_) => allows += 1,
                _ => {}
            }
        }
        let mut decision = ir::Decision {
            name: decl.name.text.clone(),
            purposes: Vec::with_capacity(purposes),
            proposers: Vec::with_capacity(proposers),
            phases: Vec::with_capacity(phases),
            decider: ir::Decider::Unstated,
            vote: None,
            lazy_consensus: None,
            recusals: Vec::with_capacity(recusals),
            designations: Vec::with_capacity(designations),
            escalation: Vec::new(),
            cadences: Vec::with_capacity(cadences),
            allows: Vec::with_capacity(allows),
            name_span: decl.name.span,
            span: decl.span,
        };
        let mut decided_by: Option<(&ast::Decider, Span)> = None;
        let mut own_vote: Option<&ast::VoteBlock> = None;
        let mut lazy: Option<&ast::LazyBlock> = None;
        let mut seen_escalation: Option<Span> = None;
        for stmt in &decl.stmts {
            match stmt {
                ast::DecisionStmt::Purpose(purpose, span) => {
                    if let Some(purpose) = self.lower_purpose(purpose) {
                        decision.purposes.push(PurposeEntry {
                            purpose,
                            source: PurposeSource::Stated,
                            span: *span,
                        });
                    }
                }
                ast::DecisionStmt::ProposedBy(actors, _) => {
                    let proposers = self.lower_actors(actors, &ACTOR_KINDS);
                    decision.proposers.extend(proposers);
                }
                ast::DecisionStmt::Phase(kind, bound, span) => {
                    if let Some(bound) =
                        numbers::duration_bound(bound, self.source, &mut self.diagnostics)
                    {
                        decision.phases.push(ir::Phase {
                            kind: phase_kind(*kind),
                            bound,
                            span: *span,
                        });
                    }
                }
                ast::DecisionStmt::DecidedBy(decider, span) => match decided_by {
                    Some((_, first)) => self.diagnostics.push(duplicate_statement::diagnostic(
                        *span,
                        "`decided by`",
                        first,
                    )),
                    None => decided_by = Some((decider, *span)),
                },
                ast::DecisionStmt::Vote(block) => match own_vote {
                    Some(first) => self.diagnostics.push(duplicate_statement::diagnostic(
                        keyword(block.span, "vote"),
                        "`vote`",
                        keyword(first.span, "vote"),
                    )),
                    None => own_vote = Some(block),
                },
                ast::DecisionStmt::LazyConsensus(block) => match lazy {
                    Some(first) => self.diagnostics.push(duplicate_statement::diagnostic(
                        keyword(block.span, "lazy consensus"),
                        "`lazy consensus`",
                        keyword(first.span, "lazy consensus"),
                    )),
                    None => lazy = Some(block),
                },
                ast::DecisionStmt::Recuse(exclusions, _) => {
                    let recusals = self.lower_exclusions(exclusions);
                    decision.recusals.extend(recusals);
                }
                ast::DecisionStmt::Designate(count, actor, with, span) => {
                    let count = numbers::integer(count, &mut self.diagnostics);
                    let of = self.lower_actor(actor, &[ItemKind::Role, ItemKind::Body]);
                    let with = with
                        .as_ref()
                        .and_then(|w| self.resolve(w, &[ItemKind::External]));
                    if let (Some(count), Some(of)) = (count, of) {
                        decision.designations.push(ir::Designation {
                            count,
                            of,
                            with,
                            span: *span,
                        });
                    }
                }
                ast::DecisionStmt::Escalate(steps, span) => {
                    if self.first(&mut seen_escalation, *span, "`escalate`") {
                        let mut escalation = Vec::with_capacity(steps.len());
                        for step in steps {
                            escalation.extend(self.lower_step(step));
                        }
                        decision.escalation = escalation;
                    }
                }
                ast::DecisionStmt::Cadence(cadence) => {
                    let cadence = self.lower_cadence(cadence);
                    decision.cadences.push(cadence);
                }
                ast::DecisionStmt::Allow(allow) => decision.allows.push(super::lower_allow(allow)),
            }
        }
        if let (Some((_, decided_span)), Some(block)) = (decided_by, own_vote) {
            self.diagnostics.push(duplicate_statement::diagnostic(
                decided_span,
                "who decides",
                keyword(block.span, "vote"),
            ));
            decided_by = None;
        }
        let own_rule = own_vote.map(|block| self.lower_vote(block, RuleOrigin::Stated));
        if let Some(block) = lazy {
            let (lazy_consensus, objection_rule) = self.lower_lazy(block, own_rule.clone());
            decision.lazy_consensus = Some(Box::new(lazy_consensus));
            decision.decider = ir::Decider::LazyConsensus;
            decision.vote = objection_rule.or(own_rule).map(Box::new);
        } else if let Some(rule) = own_rule {
            decision.decider = ir::Decider::Vote;
            decision.vote = Some(Box::new(rule));
        } else if let Some((decider, _)) = decided_by {
            let (decider, vote) = self.lower_decider(decider);
            decision.decider = decider;
            decision.vote = vote.map(Box::new);
        } else if !decision.escalation.is_empty() {
            decision.decider = ir::Decider::Escalation;
        } else if let Some(rule) = self.default_rule(RuleOrigin::DefaultImplied, decl.name.span) {
            decision.decider = ir::Decider::Vote;
            decision.vote = Some(Box::new(rule));
        }
        super::shrink(&mut decision.purposes);
        super::shrink(&mut decision.proposers);
        super::shrink(&mut decision.phases);
        super::shrink(&mut decision.recusals);
        super::shrink(&mut decision.designations);
        super::shrink(&mut decision.escalation);
        super::shrink(&mut decision.cadences);
        super::shrink(&mut decision.allows);
        decision
    }

    /// Lowers `decided by ...` to a decider and, for `default vote`, the rule.
    fn lower_decider(&mut self, decider: &ast::Decider) -> (ir::Decider, Option<ir::VoteRule>) {
        match decider {
            ast::Decider::DefaultVote(reference) => {
                match self.default_rule(RuleOrigin::DefaultByReference, *reference) {
                    Some(rule) => (ir::Decider::Vote, Some(rule)),
                    None => {
                        self.diagnostics.push(missing_default(*reference));
                        (ir::Decider::Unstated, None)
                    }
                }
            }
            ast::Decider::Approvals(count, actor, _) => {
                let count = match count {
                    Some(count) => numbers::integer(count, &mut self.diagnostics),
                    None => Some(1),
                };
                match (count, self.lower_actor(actor, &ACTOR_KINDS)) {
                    (Some(count), Some(by)) => (ir::Decider::Approvals { count, by }, None),
                    _ => (ir::Decider::Unstated, None),
                }
            }
            ast::Decider::Actor(actor) => match self.lower_actor(actor, &ACTOR_KINDS) {
                Some(actor) => (ir::Decider::Actor { actor }, None),
                None => (ir::Decider::Unstated, None),
            },
        }
    }

    /// Lowers a lazy-consensus block; returns it and the rule an objection leads to, if any.
    fn lower_lazy(
        &mut self,
        block: &ast::LazyBlock,
        own_rule: Option<ir::VoteRule>,
    ) -> (ir::LazyConsensus, Option<ir::VoteRule>) {
        let mut silences = Vec::with_capacity(block.silences.len());
        for (bound, _) in &block.silences {
            silences.extend(numbers::duration_bound(
                bound,
                self.source,
                &mut self.diagnostics,
            ));
        }
        let mut on_objection = ir::Objection::Unstated;
        let mut rule = None;
        let mut seen: Option<Span> = None;
        for (target, span) in &block.on_objection {
            if !self.first(&mut seen, *span, "`on objection`") {
                continue;
            }
            match target {
                ast::ObjectionTarget::OwnVote => {
                    if own_rule.is_some() {
                        on_objection = ir::Objection::Vote;
                    } else {
                        self.diagnostics.push(undefined_reference::missing_block(
                            *span,
                            "`on objection -> vote` refers to this decision's vote, but it has none",
                            "this decision has no `vote { ... }`",
                            "add a `vote { ... }` block to the decision, or write `on objection -> default vote`",
                        ));
                    }
                }
                ast::ObjectionTarget::DefaultVote => {
                    match self.default_rule(RuleOrigin::DefaultByReference, *span) {
                        Some(default) => {
                            on_objection = ir::Objection::Vote;
                            rule = Some(default);
                        }
                        None => self.diagnostics.push(missing_default(*span)),
                    }
                }
                ast::ObjectionTarget::Actor(actor) => {
                    if let Some(actor) = self.lower_actor(actor, &ACTOR_KINDS) {
                        on_objection = ir::Objection::Actor { actor };
                    }
                }
            }
        }
        super::shrink(&mut silences);
        let lazy = ir::LazyConsensus {
            silence: silences.first().cloned(),
            silences,
            on_objection,
            allows: block.allows.iter().map(super::lower_allow).collect(),
            span: block.span,
        };
        (lazy, rule)
    }

    fn lower_step(&mut self, step: &ast::EscalationStep) -> Option<ir::EscalationStep> {
        Some(match step {
            ast::EscalationStep::Parties(span) => ir::EscalationStep::Parties { span: *span },
            ast::EscalationStep::Mediator(actor, span) => ir::EscalationStep::Mediator {
                actor: self.lower_actor(actor, &ACTOR_KINDS)?,
                span: *span,
            },
            ast::EscalationStep::Decision(name, span) => ir::EscalationStep::Decision {
                decision: self.resolve(name, &[ItemKind::Decision])?,
                span: *span,
            },
            ast::EscalationStep::External(name, span) => ir::EscalationStep::External {
                external: self.resolve(name, &[ItemKind::External])?,
                span: *span,
            },
            ast::EscalationStep::Vote(block, span) => ir::EscalationStep::Vote {
                rule: Box::new(self.lower_vote(block, RuleOrigin::Stated)),
                span: *span,
            },
            ast::EscalationStep::DecidedBy(decider, span) => match self.lower_decider(decider) {
                (_, Some(rule)) => ir::EscalationStep::Vote {
                    rule: Box::new(rule),
                    span: *span,
                },
                (ir::Decider::Unstated, None) => return None,
                (decider, None) => ir::EscalationStep::Decided {
                    decider,
                    span: *span,
                },
            },
        })
    }

    fn lower_purpose(&mut self, purpose: &ast::Purpose) -> Option<ir::Purpose> {
        Some(match purpose {
            ast::Purpose::Admit(role) => ir::Purpose::Admit {
                role: self.resolve(role, &[ItemKind::Role])?,
            },
            ast::Purpose::Remove(role) => ir::Purpose::Remove {
                role: self.resolve(role, &[ItemKind::Role])?,
            },
            ast::Purpose::Reinstate(role) => ir::Purpose::Reinstate {
                role: self.resolve(role, &[ItemKind::Role])?,
            },
            ast::Purpose::Appoint(body) => ir::Purpose::Appoint {
                body: self.resolve(body, &[ItemKind::Body, ItemKind::Role])?,
            },
            ast::Purpose::Elect(body) => ir::Purpose::Elect {
                body: self.resolve(body, &[ItemKind::Body, ItemKind::Role])?,
            },
            ast::Purpose::NoConfidence(body) => ir::Purpose::NoConfidence {
                body: self.resolve(body, &[ItemKind::Body, ItemKind::Role])?,
            },
            ast::Purpose::AmendCharter => ir::Purpose::AmendCharter,
            ast::Purpose::ResolveConflicts => ir::Purpose::ResolveConflicts,
            ast::Purpose::EnforceConduct => ir::Purpose::EnforceConduct,
            ast::Purpose::HandleSecurity => ir::Purpose::HandleSecurity,
            ast::Purpose::DissolveProject => ir::Purpose::DissolveProject,
            ast::Purpose::Other(what) => ir::Purpose::Other {
                what: what.value.clone(),
            },
        })
    }
}

fn phase_kind(kind: ast::PhaseKind) -> ir::PhaseKind {
    match kind {
        ast::PhaseKind::Discussion => ir::PhaseKind::Discussion,
        ast::PhaseKind::Notice => ir::PhaseKind::Notice,
        ast::PhaseKind::Public => ir::PhaseKind::Public,
        ast::PhaseKind::Review => ir::PhaseKind::Review,
    }
}

/// The span of a block's leading keyword, for labels that should not underline a whole block.
fn keyword(block: Span, keyword: &str) -> Span {
    Span::new(block.start, block.start + keyword.len())
}

fn missing_default(span: Span) -> crate::diagnostic::Diagnostic {
    undefined_reference::missing_block(
        span,
        "the default vote is referred to, but the charter has no `default vote`",
        "no `default vote { ... }` in this charter",
        "add a `default vote { ... }` block, or give this decision its own `vote { ... }`",
    )
}
