//! `CH402` `escalation-without-final-decider`: an escalation path whose last step decides nothing.

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Actor, EscalationStep};

crate::declare_lint! {
    /// ## What it finds
    /// An `escalate { ... }` path whose last step is `step parties` or `step mediator ...`: the people
    /// involved, or a mediator, who help but do not decide. A last step that hands the matter to another
    /// decision, to an external body, to a vote or to someone who decides is a final decider.
    ///
    /// ## Why it matters
    /// An escalation path is what happens when nobody agrees. If its last step only mediates, a dispute that
    /// mediation cannot settle has nowhere to go, which is exactly the case the path was written for.
    ///
    /// ## Example
    /// ```charter
    /// decision resolve_conflict {
    ///   escalate { step parties; step mediator maintainer }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision resolve_conflict {
    ///   escalate { step parties; step mediator maintainer; step decided by default vote }
    /// }
    /// ```
    pub(crate) ESCALATION_WITHOUT_FINAL_DECIDER, "CH402", "escalation-without-final-decider", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for decision in &charter.decisions {
        let (what, span) = match decision.escalation.last() {
            Some(EscalationStep::Parties { span }) => ("the parties themselves".to_owned(), *span),
            Some(EscalationStep::Mediator { actor, span }) => {
                let who = match actor {
                    Actor::Anyone { .. } => "anyone".to_owned(),
                    Actor::Item { item } => format!("`{}`", item.name),
                };
                (format!("mediation by {who}"), *span)
            }
            _ => continue,
        };
        let diagnostic = Diagnostic::new(
            &ESCALATION_WITHOUT_FINAL_DECIDER,
            format!(
                "the escalation path of `{}` ends with {what}, and nobody decides",
                decision.name
            ),
            Label::new(span, "the last step decides nothing"),
        )
        .with_help(
            "add a last step that decides, such as `step vote { ... }` or `step decided by default vote`",
        );
        cx.report(diagnostic);
    }
}
