//! `CH404` `final-vote-can-deadlock`: an escalation path that ends in a vote a tie leaves unresolved.

use crate::analysis::arithmetic;
use crate::analysis::electorate;
use crate::analysis::votes::{self, BySite, VoteAnalysis, VoteSite, WitnessPerReading};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, EscalationStep, RuleOrigin};

crate::declare_lint! {
    /// ## What it finds
    /// An escalation path whose last step is a vote (`step vote { ... }`, or `step decided by default vote`)
    /// with no `tie` statement, under which a tie (as many yes as no votes) fails. An ambiguous rule is
    /// reported when a tie fails under some reading, and the message says which.
    ///
    /// ## Why it matters
    /// The last step of an escalation path is where a dispute must end. If the final vote is tied, the proposal
    /// fails, but the dispute it was meant to settle is not settled: both sides still disagree, and there is no
    /// step left to take. A chair's casting vote, or a statement that a tie keeps things as they are, ends it.
    ///
    /// ## Example
    /// ```charter
    /// decision resolve_conflict {
    ///   escalate {
    ///     step parties
    ///     step vote { voters maintainer; passes when majority of cast }
    ///   }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision resolve_conflict {
    ///   escalate {
    ///     step parties
    ///     step vote { voters maintainer; passes when majority of cast; tie casting vote by lead }
    ///   }
    /// }
    /// ```
    pub(crate) FINAL_VOTE_CAN_DEADLOCK, "CH404", "final-vote-can-deadlock", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter, votes: &[VoteAnalysis<'_>]) {
    let by_site = BySite::new(votes);
    for (index, decision) in charter.decisions.iter().enumerate() {
        let step_index = decision.escalation.len().saturating_sub(1);
        let Some(EscalationStep::Vote { rule, span }) = decision.escalation.last() else {
            continue;
        };
        if rule.tie.is_some() || rule.conditions.is_empty() {
            continue;
        }
        // The rule's readings with their first failing tie: from the shared analysis when the rule is one that
        // `analyze_votes` covers (a stated step, or a copy of the default vote), else computed here.
        let site = if rule.origin == RuleOrigin::Stated {
            VoteSite::EscalationStep {
                decision: index,
                step: step_index,
            }
        } else {
            VoteSite::DefaultVote
        };
        let found = match by_site.get(site) {
            Some(vote) => WitnessPerReading::of(vote.readings(), |r| r.analysis.tie.first_failing),
            None => analyze(charter, rule),
        };
        let Some((shown, witness)) = found.first() else {
            continue;
        };
        let condition = found.condition(shown);
        let mut diagnostic = Diagnostic::new(
            &FINAL_VOTE_CAN_DEADLOCK,
            format!(
                "the escalation path of `{}` ends in a vote that a tie leaves unresolved: {} fails and no step follows{condition}",
                decision.name,
                votes::witness_words(&witness)
            ),
            Label::new(*span, "the last step: a tie fails here"),
        );
        let help = if rule.origin == RuleOrigin::Stated {
            "say what a tie does in this vote (`tie casting vote by ROLE` settles it, `tie fails` keeps things as they are), or add a step after it"
        } else {
            if let Some(default) = &charter.default_vote {
                diagnostic = diagnostic.with_label(
                    votes::conditions_span(default),
                    "the default vote says nothing about ties",
                );
            }
            "say what a tie does in the default vote (`tie casting vote by ROLE` settles it, `tie fails` keeps things as they are), or add a step after this one"
        };
        cx.report(diagnostic.with_help(help));
    }
}

/// Every reading of `rule` with the first size at which a tie fails, computed over its electorate's sizes.
fn analyze(charter: &ir::Charter, rule: &ir::VoteRule) -> WitnessPerReading {
    let sizes = electorate::electorate_sizes(charter, &rule.electorate).range;
    let readings = arithmetic::readings(rule)
        .unwrap_or_default()
        .iter()
        .map(|(label, reading)| {
            let analysis = arithmetic::analyze(reading, sizes.from..=sizes.to);
            (votes::label_words(label), analysis.tie.first_failing)
        })
        .collect();
    WitnessPerReading { readings }
}
