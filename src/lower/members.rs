//! Roles and bodies: sizes, member lists, lifecycles, terms; and the purposes that lifecycles imply.

use super::Lowerer;
use super::numbers;
use crate::ast;
use crate::ir::{self, ItemKind, PurposeEntry, PurposeSource};
use crate::source::Span;

/// The statements of a role or body block seen so far, for duplicate detection.
#[derive(Debug, Default)]
struct Seen {
    size: Option<Span>,
    members: Option<Span>,
    term: Option<Span>,
    term_limit: Option<Span>,
    composition: Option<Span>,
    appointed: Option<Span>,
    chair: Option<Span>,
    resignation: Option<Span>,
}

/// Everything a role and a body have in common.
#[derive(Debug)]
struct Common {
    size: ir::SizeBounds,
    members: Vec<ir::Member>,
    terms: ir::Terms,
    cadences: Vec<ir::Cadence>,
    allows: Vec<ir::Allow>,
}

impl Lowerer<'_> {
    pub(super) fn lower_role(&mut self, decl: &ast::RoleDecl) -> ir::Role {
        let mut seen = Seen::default();
        let common = self.lower_common(&decl.stmts, &mut seen);
        // The lists are sized from the statements first (see `shrink`).
        let (mut join_by, mut exits, mut reinstate_by) = (0, 0, 0);
        for stmt in &decl.stmts {
            match stmt {
                ast::MemberStmt::Join(Some(decisions), _) => join_by += decisions.len(),
                ast::MemberStmt::Leave(..) | ast::MemberStmt::Inactive(..) => exits += 1,
                ast::MemberStmt::Remove(decisions, _, _) => exits += decisions.len(),
                ast::MemberStmt::Reinstate(decisions, _) => reinstate_by += decisions.len(),
                _ => {}
            }
        }
        let mut role = ir::Role {
            name: decl.name.text.clone(),
            size: common.size,
            members: common.members,
            open_join: false,
            join_by: Vec::with_capacity(join_by),
            exits: Vec::with_capacity(exits),
            reinstate_by: Vec::with_capacity(reinstate_by),
            terms: common.terms,
            cadences: common.cadences,
            allows: common.allows,
            name_span: decl.name.span,
            span: decl.span,
        };
        for stmt in &decl.stmts {
            match stmt {
                ast::MemberStmt::Join(None, _) => role.open_join = true,
                ast::MemberStmt::Join(Some(decisions), _) => {
                    role.join_by.extend(
                        decisions
                            .iter()
                            .filter_map(|d| self.resolve(d, &[ItemKind::Decision])),
                    );
                }
                ast::MemberStmt::Leave(target, span) => {
                    if self.first(&mut seen.resignation, *span, "`leave by resignation`") {
                        let target = target
                            .as_ref()
                            .and_then(|t| self.resolve(t, &[ItemKind::Role]));
                        role.exits.push(ir::Exit {
                            by: ir::ExitKind::Resignation,
                            target,
                            span: *span,
                        });
                    }
                }
                ast::MemberStmt::Remove(decisions, target, span) => {
                    let target = target
                        .as_ref()
                        .and_then(|t| self.resolve(t, &[ItemKind::Role]));
                    for decision in decisions {
                        if let Some(decision) = self.resolve(decision, &[ItemKind::Decision]) {
                            role.exits.push(ir::Exit {
                                by: ir::ExitKind::Removal { decision },
                                target: target.clone(),
                                span: *span,
                            });
                        }
                    }
                }
                ast::MemberStmt::Inactive(duration, target, span) => {
                    let text = numbers::source_text(self.source, duration.span);
                    let after = numbers::duration(duration, text, &mut self.diagnostics);
                    let target = target
                        .as_ref()
                        .and_then(|t| self.resolve(t, &[ItemKind::Role]));
                    if let Some(after) = after {
                        role.exits.push(ir::Exit {
                            by: ir::ExitKind::Inactivity { after },
                            target,
                            span: *span,
                        });
                    }
                }
                ast::MemberStmt::Reinstate(decisions, _) => {
                    role.reinstate_by.extend(
                        decisions
                            .iter()
                            .filter_map(|d| self.resolve(d, &[ItemKind::Decision])),
                    );
                }
                _ => {}
            }
        }
        super::shrink(&mut role.join_by);
        super::shrink(&mut role.exits);
        super::shrink(&mut role.reinstate_by);
        super::shrink(&mut role.terms.seat_limits);
        super::shrink(&mut role.cadences);
        super::shrink(&mut role.allows);
        role
    }

    pub(super) fn lower_body(&mut self, decl: &ast::BodyDecl) -> ir::Body {
        let mut seen = Seen::default();
        let common = self.lower_common(&decl.stmts, &mut seen);
        let mut body = ir::Body {
            name: decl.name.text.clone(),
            composition: ir::Composition::Unstated,
            size: common.size,
            members: common.members,
            appointed_by: None,
            chair: None,
            terms: common.terms,
            cadences: common.cadences,
            allows: common.allows,
            name_span: decl.name.span,
            span: decl.span,
        };
        let member_kinds = [ItemKind::Role, ItemKind::Body];
        for stmt in &decl.stmts {
            match stmt {
                ast::MemberStmt::ConsistsOf(actors, span) => {
                    if self.first(&mut seen.composition, *span, "the body's composition") {
                        let of = self.lower_item_refs(actors, &member_kinds);
                        body.composition = ir::Composition::AllOf { of };
                    }
                }
                ast::MemberStmt::DrawnFrom(actors, span) => {
                    if self.first(&mut seen.composition, *span, "the body's composition") {
                        let from = self.lower_item_refs(actors, &member_kinds);
                        body.composition = ir::Composition::DrawnFrom { from };
                    }
                }
                ast::MemberStmt::AppointedBy(actor, span) => {
                    if self.first(&mut seen.appointed, *span, "`appointed by`") {
                        body.appointed_by = match actor {
                            ast::Actor::Named(name) => self.resolve(
                                name,
                                &[
                                    ItemKind::Decision,
                                    ItemKind::Role,
                                    ItemKind::Body,
                                    ItemKind::External,
                                ],
                            ),
                            ast::Actor::Anyone(_) => None,
                        };
                    }
                }
                ast::MemberStmt::Chair(actor, span) => {
                    if self.first(&mut seen.chair, *span, "`chair`") {
                        body.chair = self.lower_actor(actor, &member_kinds);
                    }
                }
                _ => {}
            }
        }
        match &mut body.composition {
            ir::Composition::AllOf { of: items } | ir::Composition::DrawnFrom { from: items } => {
                super::shrink(items);
            }
            ir::Composition::Unstated => {}
        }
        super::shrink(&mut body.terms.seat_limits);
        super::shrink(&mut body.cadences);
        super::shrink(&mut body.allows);
        body
    }

    /// References to roles or bodies; `anyone` is not a group a body can be made of, and is dropped.
    fn lower_item_refs(&mut self, actors: &[ast::Actor], kinds: &[ItemKind]) -> Vec<ir::Ref> {
        self.lower_actors(actors, kinds)
            .into_iter()
            .filter_map(|actor| actor.item().cloned())
            .collect()
    }

    fn lower_common(&mut self, stmts: &[ast::MemberStmt], seen: &mut Seen) -> Common {
        let mut common = Common {
            size: ir::SizeBounds {
                min: 0,
                max: None,
                stated: false,
                span: None,
            },
            members: Vec::new(),
            terms: ir::Terms::default(),
            cadences: Vec::new(),
            allows: Vec::new(),
        };
        // The lists are sized from the statements first (see `shrink`).
        let (mut seat_limits, mut cadences, mut allows) = (0, 0, 0);
        for stmt in stmts {
            match stmt {
                ast::MemberStmt::SeatLimit(..) => seat_limits += 1,
                ast::MemberStmt::Cadence(_) => cadences += 1,
                ast::MemberStmt::Allow(_) => allows += 1,
                _ => {}
            }
        }
        common.terms.seat_limits.reserve_exact(seat_limits);
        common.cadences.reserve_exact(cadences);
        common.allows.reserve_exact(allows);
        for stmt in stmts {
            match stmt {
                ast::MemberStmt::Size(bound, span) => {
                    if self.first(&mut seen.size, *span, "`size`")
                        && let Some((min, max)) = numbers::size(bound, *span, &mut self.diagnostics)
                    {
                        common.size = ir::SizeBounds {
                            min,
                            max,
                            stated: true,
                            span: Some(*span),
                        };
                    }
                }
                ast::MemberStmt::Members(names, span) => {
                    if self.first(&mut seen.members, *span, "`members`") {
                        common.members = names
                            .iter()
                            .map(|name| ir::Member {
                                name: name.value.clone(),
                                placeholder: is_placeholder(&name.value),
                                span: name.span,
                            })
                            .collect();
                    }
                }
                ast::MemberStmt::Term(duration, span) => {
                    if self.first(&mut seen.term, *span, "`term`") {
                        let text = numbers::source_text(self.source, duration.span);
                        common.terms.length =
                            numbers::duration(duration, text, &mut self.diagnostics);
                    }
                }
                ast::MemberStmt::TermLimit(limit, span) => {
                    if self.first(&mut seen.term_limit, *span, "`term limit`") {
                        common.terms.limit = numbers::integer(limit, &mut self.diagnostics);
                    }
                }
                ast::MemberStmt::SeatLimit(count, per, span) => {
                    if let Some(count) = numbers::integer(count, &mut self.diagnostics) {
                        common.terms.seat_limits.push(ir::SeatLimit {
                            count,
                            per: per.value.clone(),
                            span: *span,
                        });
                    }
                }
                ast::MemberStmt::Cadence(cadence) => {
                    let cadence = self.lower_cadence(cadence);
                    common.cadences.push(cadence);
                }
                ast::MemberStmt::Allow(allow) => common.allows.push(super::lower_allow(allow)),
                _ => {}
            }
        }
        common
    }
}

/// Whether a listed name is a template placeholder rather than a person: `[Name]`, `TBD`, `<name>`.
fn is_placeholder(name: &str) -> bool {
    let trimmed = name.trim();
    let lower = trimmed.to_lowercase();
    trimmed.is_empty()
        || (trimmed.contains('[') && trimmed.contains(']'))
        || (trimmed.contains('<') && trimmed.contains('>'))
        || matches!(lower.as_str(), "tbd" | "todo" | "name" | "n/a" | "xxx")
}

/// Adds the purposes that role lifecycles and body appointments imply to the decisions they name.
pub(super) fn infer_purposes(charter: &mut ir::Charter) {
    let mut inferred: Vec<(usize, ir::Purpose, Span)> = Vec::new();
    for (role_index, role) in charter.roles.iter().enumerate() {
        let role_ref = |span: Span| ir::Ref {
            kind: ItemKind::Role,
            index: role_index,
            name: role.name.clone(),
            span,
        };
        for decision in &role.join_by {
            inferred.push((
                decision.index,
                ir::Purpose::Admit {
                    role: role_ref(role.name_span),
                },
                decision.span,
            ));
        }
        for exit in &role.exits {
            if let ir::ExitKind::Removal { decision } = &exit.by {
                inferred.push((
                    decision.index,
                    ir::Purpose::Remove {
                        role: role_ref(role.name_span),
                    },
                    decision.span,
                ));
            }
        }
        for decision in &role.reinstate_by {
            inferred.push((
                decision.index,
                ir::Purpose::Reinstate {
                    role: role_ref(role.name_span),
                },
                decision.span,
            ));
        }
    }
    for (body_index, body) in charter.bodies.iter().enumerate() {
        if let Some(appointer) = &body.appointed_by
            && appointer.kind == ItemKind::Decision
        {
            let body_ref = ir::Ref {
                kind: ItemKind::Body,
                index: body_index,
                name: body.name.clone(),
                span: body.name_span,
            };
            inferred.push((
                appointer.index,
                ir::Purpose::Appoint { body: body_ref },
                appointer.span,
            ));
        }
    }
    for (decision_index, purpose, span) in inferred {
        let Some(decision) = charter.decisions.get_mut(decision_index) else {
            continue;
        };
        if decision
            .purposes
            .iter()
            .any(|entry| same_purpose(&entry.purpose, &purpose))
        {
            continue;
        }
        // A push would give a full list room for four; the IR is otherwise complete, so room for one will do.
        decision.purposes.reserve_exact(1);
        decision.purposes.push(PurposeEntry {
            purpose,
            source: PurposeSource::Inferred,
            span,
        });
    }
}

/// Whether two purposes say the same thing, ignoring where they are written.
fn same_purpose(a: &ir::Purpose, b: &ir::Purpose) -> bool {
    use ir::Purpose::*;
    match (a, b) {
        (Admit { role: x }, Admit { role: y })
        | (Remove { role: x }, Remove { role: y })
        | (Reinstate { role: x }, Reinstate { role: y })
        | (Appoint { body: x }, Appoint { body: y })
        | (Elect { body: x }, Elect { body: y })
        | (NoConfidence { body: x }, NoConfidence { body: y }) => {
            x.kind == y.kind && x.index == y.index
        }
        _ => a == b,
    }
}
