//! `CH210` `decision-without-rule`: a decision, vote or escalation step that says who decides but not how.

use crate::analysis::votes::VoteAnalysis;
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Decider, EscalationStep, Objection, RuleOrigin};

crate::declare_lint! {
    /// ## What it finds
    /// A decision settled by someone with no rule: `decided by tsc` ("the TSC makes a final decision"), an
    /// objection or an escalation step handed to a body with no rule, a vote that says who votes but not what it
    /// takes to pass, or a decision that names no rule in a charter with no default vote.
    ///
    /// ## Why it matters
    /// "The TSC decides" does not say whether one TSC member, a majority or all of them are needed, nor what
    /// happens if they are split. The rule is then made up when the decision is contested, which is exactly when
    /// it should already be written down.
    ///
    /// ## Example
    /// ```charter
    /// decision significant_change {
    ///   decided by tsc
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision significant_change {
    ///   vote { voters tsc; passes when majority of members; tie fails }
    /// }
    /// ```
    pub(crate) DECISION_WITHOUT_RULE, "CH210", "decision-without-rule", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter, votes: &[VoteAnalysis<'_>]) {
    for vote in votes {
        if vote.rule.conditions.is_empty() && vote.rule.quorum.is_none() {
            let whose = if vote.owner == "default vote" {
                "the default vote".to_owned()
            } else {
                format!("the vote on `{}`", vote.owner)
            };
            let span = vote.rule.electorate.span.unwrap_or(vote.rule.span);
            cx.report(
                Diagnostic::new(
                    &DECISION_WITHOUT_RULE,
                    format!("{whose} says who votes but not what it takes to pass"),
                    Label::new(span, "no `passes when`"),
                )
                .with_help("add `passes when ...` with the threshold the text means, such as `majority of members`"),
            );
        }
    }
    for decision in &charter.decisions {
        match &decision.decider {
            Decider::Actor { actor } => cx.report(no_rule(
                format!("`{}` is decided by {} by a rule the charter does not state", decision.name, actor_words(actor)),
                actor,
            )),
            Decider::Unstated => cx.report(
                Diagnostic::new(
                    &DECISION_WITHOUT_RULE,
                    format!("`{}` names no rule, and the charter has no default vote", decision.name),
                    Label::new(decision.name_span, "who decides, and how?"),
                )
                .with_help("give the decision a `vote { ... }`, or add a `default vote { ... }` to the charter"),
            ),
            Decider::Vote | Decider::Approvals { .. } | Decider::LazyConsensus | Decider::Escalation => {}
        }
        if let Some(lazy) = &decision.lazy_consensus
            && let Objection::Actor { actor } = &lazy.on_objection
        {
            cx.report(no_rule(
                format!(
                    "an objection to `{}` goes to {} with no rule for deciding it",
                    decision.name,
                    actor_words(actor)
                ),
                actor,
            ));
        }
        for step in &decision.escalation {
            if let EscalationStep::Decided {
                decider: Decider::Actor { actor },
                ..
            } = step
            {
                cx.report(no_rule(
                    format!(
                        "the escalation of `{}` hands the matter to {} with no rule for deciding it",
                        decision.name,
                        actor_words(actor)
                    ),
                    actor,
                ));
            }
        }
        // A vote that says `approved` in a charter with no default vote has nothing to lean on.
        if charter.default_vote.is_none()
            && let Some(rule) = decision
                .vote
                .as_ref()
                .filter(|r| r.origin == RuleOrigin::Stated)
            && rule.conditions.is_empty()
            && rule.quorum.is_some()
        {
            cx.report(
                Diagnostic::new(
                    &DECISION_WITHOUT_RULE,
                    format!(
                        "the vote on `{}` has a quorum but no threshold to pass",
                        decision.name
                    ),
                    Label::new(rule.span, "no `passes when`"),
                )
                .with_help("add `passes when ...` with the threshold the text means"),
            );
        }
    }
}

fn no_rule(message: String, actor: &ir::Actor) -> Diagnostic {
    Diagnostic::new(
        &DECISION_WITHOUT_RULE,
        message,
        Label::new(actor.span(), "decides by what rule?"),
    )
    .with_help("replace it with a `vote { ... }` that says who votes and what it takes to pass")
}

fn actor_words(actor: &ir::Actor) -> String {
    match actor {
        ir::Actor::Anyone { .. } => "anyone".to_owned(),
        ir::Actor::Item { item } => format!("`{}`", item.name),
    }
}
