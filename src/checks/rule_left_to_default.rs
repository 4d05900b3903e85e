//! `CH212` `rule-left-to-default`: `passes when approved`, a vote that names no rule of its own.

use crate::analysis::votes::VoteAnalysis;
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, ConditionOrigin};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A vote that `passes when approved`: the text says "with approval" and names no threshold, so the default
    /// vote's conditions are assumed (and its quorum, unless the vote has its own).
    ///
    /// ## Why it matters
    /// The vote leans on the general rule without saying so. Readers may assume a stricter rule for an important
    /// decision, such as an amendment, and any ambiguity of the general rule is inherited.
    ///
    /// ## Example
    /// ```charter
    /// decision amend {
    ///   purpose amend charter
    ///   vote { voters tsc; passes when approved }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision amend {
    ///   purpose amend charter
    ///   vote { voters tsc; passes when yes >= 2/3 of members }
    /// }
    /// ```
    pub(crate) RULE_LEFT_TO_DEFAULT, "CH212", "rule-left-to-default", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter, votes: &[VoteAnalysis<'_>]) {
    let Some(default) = &charter.default_vote else {
        return;
    };
    for vote in votes {
        let mut reported: Vec<Span> = Vec::new();
        for condition in &vote.rule.conditions {
            let ConditionOrigin::DefaultVote { span } = condition.origin else {
                continue;
            };
            if reported.contains(&span) {
                continue;
            }
            reported.push(span);
            let inherited: Vec<&str> = vote
                .rule
                .conditions
                .iter()
                .filter(
                    |c| matches!(c.origin, ConditionOrigin::DefaultVote { span: s } if s == span),
                )
                .map(|c| c.text.as_str())
                .collect();
            cx.report(
                Diagnostic::new(
                    &RULE_LEFT_TO_DEFAULT,
                    format!(
                        "the vote on `{}` names no rule: `approved` assumes the default vote's `{}`",
                        vote.owner,
                        inherited.join(" and ")
                    ),
                    Label::new(span, "approved by what rule?"),
                )
                .with_label(default.span, "the default vote")
                .with_help("write the threshold the text means in `passes when ...`"),
            );
        }
    }
}
