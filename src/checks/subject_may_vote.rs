//! `CH506` `subject-may-vote`: the person a decision is about may take part in deciding it.

use std::collections::BTreeSet;

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Actor, Composition, Decider, Exclusion, ItemKind, Purpose, Ref, RuleOrigin};

crate::declare_lint! {
    /// ## What it finds
    /// - A decision that removes members of a role (`purpose remove ROLE`, stated or implied by
    ///   `remove by`), or votes no confidence in a body, whose voters (or whoever decides) include holders of
    ///   that role or members of that body, with neither `except subject` in the voters nor `recuse subject`
    ///   in the decision (excluding the role or body itself, `except steering`, also works).
    /// - A decision that enforces the code of conduct (`purpose enforce conduct`) decided by people of the
    ///   project, with neither `except accused` nor `recuse accused`.
    ///
    /// Voters include a role's holders directly, or through a body that consists of or is drawn from it.
    ///
    /// ## Why it matters
    /// Nobody should judge their own case. The subject of a removal votes against it, and with a small
    /// electorate that vote can be the one that saves them; an accused who sits on the committee hearing the
    /// complaint deters people from reporting at all.
    ///
    /// ## Example
    /// ```charter
    /// decision remove_maintainer {
    ///   purpose remove maintainer
    ///   vote { voters maintainer; passes when yes >= 2/3 of members }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision remove_maintainer {
    ///   purpose remove maintainer
    ///   vote { voters maintainer except subject; passes when yes >= 2/3 of members }
    /// }
    /// ```
    pub(crate) SUBJECT_MAY_VOTE, "CH506", "subject-may-vote", Warning
}

/// A role, body or external body, by kind and index.
pub(super) type Key = (ItemKind, usize);

/// The item and every role or body its members are drawn from, following bodies' compositions.
pub(super) fn members_of(charter: &ir::Charter, item: &Ref) -> BTreeSet<Key> {
    let mut res = BTreeSet::new();
    let mut todo = vec![(item.kind, item.index)];
    while let Some(key) = todo.pop() {
        if !res.insert(key) {
            continue;
        }
        if key.0 != ItemKind::Body {
            continue;
        }
        if let Some(body) = charter.bodies.get(key.1) {
            match &body.composition {
                Composition::AllOf { of: items } | Composition::DrawnFrom { from: items } => {
                    todo.extend(items.iter().map(|r| (r.kind, r.index)));
                }
                Composition::Unstated => {}
            }
        }
    }
    res
}

/// How an actor takes part in settling a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A voter of a vote written in the decision.
    Voter,
    /// A voter of the default vote, which the decision uses.
    DefaultVoter,
    /// Who decides (`decided by ACTOR`, `decided by any N ACTOR`).
    Decider,
}

/// Who settles a decision: the voters of its rule and the actor of its decider.
fn deciders(decision: &ir::Decision) -> Vec<(&Actor, Part)> {
    let mut res = Vec::new();
    if let Some(rule) = &decision.vote {
        let part = if rule.origin == RuleOrigin::Stated {
            Part::Voter
        } else {
            Part::DefaultVoter
        };
        res.extend(rule.electorate.voters.iter().map(|actor| (actor, part)));
    }
    if let Decider::Actor { actor } | Decider::Approvals { by: actor, .. } = &decision.decider {
        res.push((actor, Part::Decider));
    }
    res
}

fn exclusions(decision: &ir::Decision) -> impl Iterator<Item = &Exclusion> {
    decision.recusals.iter().chain(
        decision
            .vote
            .iter()
            .flat_map(|rule| rule.electorate.exclusions.iter()),
    )
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for decision in &charter.decisions {
        for entry in &decision.purposes {
            match &entry.purpose {
                Purpose::Remove { role: target } | Purpose::NoConfidence { body: target } => {
                    subject(cx, charter, decision, target, &entry.purpose);
                }
                Purpose::EnforceConduct => accused(cx, decision),
                _ => {}
            }
        }
    }
}

/// A removal or no-confidence decision in which the subject may vote.
fn subject(
    cx: &mut CheckContext,
    charter: &ir::Charter,
    decision: &ir::Decision,
    target: &Ref,
    purpose: &Purpose,
) {
    let excluded = exclusions(decision).any(|exclusion| match exclusion {
        Exclusion::Subject { .. } => true,
        Exclusion::Item { item } => item.kind == target.kind && item.index == target.index,
        Exclusion::Accused { .. } | Exclusion::Nominator { .. } => false,
    });
    if excluded {
        return;
    }
    let targets = members_of(charter, target);
    let voter = deciders(decision)
        .into_iter()
        .find(|(actor, _)| match actor {
            Actor::Anyone { .. } => true,
            Actor::Item { item } => !members_of(charter, item).is_disjoint(&targets),
        });
    let Some((actor, part)) = voter else {
        return;
    };
    let (message, who, help) = match purpose {
        Purpose::NoConfidence { .. } => (
            format!(
                "members of `{}` may vote in `{}`, a vote of no confidence in themselves",
                target.name, decision.name
            ),
            format!("members of `{}`", target.name),
            format!(
                "add `except {}` to the voters, or `recuse subject` to the decision",
                target.name
            ),
        ),
        _ => (
            format!(
                "the `{}` whom `{}` removes may vote on their own removal",
                target.name, decision.name
            ),
            format!("the `{}` concerned", target.name),
            "add `except subject` to the voters, or `recuse subject` to the decision".to_owned(),
        ),
    };
    let diagnostic = labelled(decision, actor, part, message, &who).with_help(help);
    cx.report(diagnostic);
}

/// A code-of-conduct decision in which the accused may take part.
fn accused(cx: &mut CheckContext, decision: &ir::Decision) {
    if exclusions(decision).any(|e| matches!(e, Exclusion::Accused { .. })) {
        return;
    }
    let people = deciders(decision)
        .into_iter()
        .find(|(actor, _)| match actor {
            Actor::Anyone { .. } => true,
            Actor::Item { item } => matches!(item.kind, ItemKind::Role | ItemKind::Body),
        });
    let Some((actor, part)) = people else {
        return;
    };
    let message = format!("the accused may take part in deciding `{}`", decision.name);
    let diagnostic = labelled(decision, actor, part, message, "the accused")
        .with_help("add `recuse accused` to the decision, or `except accused` to the voters");
    cx.report(diagnostic);
}

/// The diagnostic, with the primary label on the voters or the decider when they are written in the decision,
/// and on the decision's reference to the default vote otherwise.
fn labelled(
    decision: &ir::Decision,
    actor: &Actor,
    part: Part,
    message: String,
    who: &str,
) -> Diagnostic {
    let name = match actor {
        Actor::Anyone { .. } => "anyone".to_owned(),
        Actor::Item { item } => format!("`{}`", item.name),
    };
    let (span, label) = match part {
        Part::Voter => (actor.span(), format!("{who} may be among these voters")),
        Part::Decider => (
            actor.span(),
            format!("{who} may be among {name}, who decide"),
        ),
        Part::DefaultVoter => (
            decision
                .vote
                .as_ref()
                .map_or(decision.name_span, |rule| rule.span),
            format!("{who} may be among the voters of the default vote ({name})"),
        ),
    };
    Diagnostic::new(&SUBJECT_MAY_VOTE, message, Label::new(span, label))
}
