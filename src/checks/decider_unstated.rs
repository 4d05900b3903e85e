//! `CH211` `decider-unstated`: a decision that does not say who decides, so the default vote is assumed.

use crate::analysis::votes::VoteAnalysis;
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, RuleOrigin};

crate::declare_lint! {
    /// ## What it finds
    /// A decision with no `vote`, no `decided by`, no lazy consensus and no escalation path, in a charter with a
    /// default vote: charterc applies the default vote, and says so.
    ///
    /// ## Why it matters
    /// "Most votes require a simple majority" covers routine business, but a text that names no decider for,
    /// say, dissolving the project may not mean the routine rule at all. The assumption should be written down
    /// (`decided by default vote`) or replaced by the rule that is meant.
    ///
    /// ## Example
    /// ```charter
    /// decision dissolve {
    ///   purpose dissolve project
    ///   notice at least 3 months
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision dissolve {
    ///   purpose dissolve project
    ///   notice at least 3 months
    ///   decided by default vote
    /// }
    /// ```
    pub(crate) DECIDER_UNSTATED, "CH211", "decider-unstated", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter, _votes: &[VoteAnalysis<'_>]) {
    let Some(default) = &charter.default_vote else {
        return;
    };
    let rule_text: Vec<&str> = default.conditions.iter().map(|c| c.text.as_str()).collect();
    let rule_words = if rule_text.is_empty() {
        "no threshold".to_owned()
    } else {
        format!("`{}`", rule_text.join(" and "))
    };
    for decision in &charter.decisions {
        if decision
            .vote
            .as_ref()
            .is_none_or(|rule| rule.origin != RuleOrigin::DefaultImplied)
        {
            continue;
        }
        cx.report(
            Diagnostic::new(
                &DECIDER_UNSTATED,
                format!("`{}` does not say who decides, so the default vote ({rule_words}) is assumed", decision.name),
                Label::new(decision.name_span, "no decider stated"),
            )
            .with_label(default.span, "the default vote")
            .with_help("write `decided by default vote` if that is meant, or give the decision its own rule"),
        );
    }
}
