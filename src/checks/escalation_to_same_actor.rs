//! `CH403` `escalation-to-same-actor`: an escalation step that hands the matter to whoever just had it.

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Decider, EscalationStep, ItemKind, Ref};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// Two consecutive steps of an escalation path handed to the same role, body or external body: a
    /// mediator who then decides (`step mediator tsc` then `step decided by tsc`), two steps decided by the
    /// same actor, or a first step handed to the actor that already decides the decision (`decided by tsc`
    /// then `step decided by tsc`). A `step decision NAME` counts as handed to whoever decides `NAME`.
    /// Votes are not compared (a formal vote is a different way to decide), and a step that hands a decision
    /// to itself is an `escalation-cycle`, not this.
    ///
    /// ## Why it matters
    /// Escalating is meant to bring the matter before someone new. Handing it to the same people again adds
    /// a step that cannot change the outcome, and a mediator who then judges the case has heard the parties
    /// in confidence first, which parties may rightly contest.
    ///
    /// ## Example
    /// ```charter
    /// decision resolve_conflict {
    ///   escalate { step parties; step mediator tsc; step decided by tsc }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision resolve_conflict {
    ///   escalate { step parties; step mediator maintainer; step decided by tsc }
    /// }
    /// ```
    pub(crate) ESCALATION_TO_SAME_ACTOR, "CH403", "escalation-to-same-actor", Warning
}

/// Who a step hands the matter to, and where that step is written.
#[derive(Debug, Clone, Copy)]
struct Handover<'a> {
    actor: &'a Ref,
    span: Span,
    /// Whether this is the decision's own decider rather than a step.
    own: bool,
    /// The decision a `step decision` hands the matter to.
    via: Option<&'a str>,
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for (index, decision) in charter.decisions.iter().enumerate() {
        if decision.escalation.is_empty() {
            continue;
        }
        let mut previous: Option<Handover<'_>> =
            decider_actor(&decision.decider).map(|actor| Handover {
                actor,
                span: actor.span,
                own: true,
                via: None,
            });
        for step in &decision.escalation {
            let current = step_actor(charter, index, step);
            if let (Some(before), Some(now)) = (previous, current)
                && before.actor.kind == now.actor.kind
                && before.actor.index == now.actor.index
            {
                cx.report(diagnostic(&decision.name, before, now));
            }
            previous = current;
        }
    }
}

/// The actor a decider hands the decision to, unless it is a vote, lazy consensus or nothing.
fn decider_actor(decider: &Decider) -> Option<&Ref> {
    match decider {
        Decider::Actor { actor } | Decider::Approvals { by: actor, .. } => actor.item(),
        Decider::Vote | Decider::LazyConsensus | Decider::Escalation | Decider::Unstated => None,
    }
}

fn step_actor<'a>(
    charter: &'a ir::Charter,
    decision_index: usize,
    step: &'a EscalationStep,
) -> Option<Handover<'a>> {
    let (actor, span, via) = match step {
        EscalationStep::Mediator { actor, span } => (actor.item()?, *span, None),
        EscalationStep::External { external, span } => (external, *span, None),
        EscalationStep::Decided { decider, span } => (decider_actor(decider)?, *span, None),
        EscalationStep::Decision { decision, span } => {
            if decision.index == decision_index || decision.kind != ItemKind::Decision {
                return None;
            }
            let target = charter.decisions.get(decision.index)?;
            (
                decider_actor(&target.decider)?,
                *span,
                Some(target.name.as_str()),
            )
        }
        EscalationStep::Parties { .. } | EscalationStep::Vote { .. } => return None,
    };
    Some(Handover {
        actor,
        span,
        own: false,
        via,
    })
}

fn diagnostic(decision: &str, before: Handover<'_>, now: Handover<'_>) -> Diagnostic {
    let name = &now.actor.name;
    let first = if before.own {
        format!("`{decision}` is decided by `{name}`")
    } else {
        format!("first handed to `{name}` here")
    };
    Diagnostic::new(
        &ESCALATION_TO_SAME_ACTOR,
        format!("the escalation of `{decision}` hands the matter to `{name}` twice in a row"),
        Label::new(
            now.span,
            match now.via {
                Some(via) => format!("handed to `{name}` again: `{via}` is decided by `{name}`"),
                None => format!("handed to `{name}` again"),
            },
        ),
    )
    .with_label(before.span, first)
    .with_help(format!(
        "hand this step to someone other than `{name}`, or merge the two steps"
    ))
}
