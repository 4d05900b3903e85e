//! `CH205` `abstention-effect-unstated`: a quorum that does not say whether abstentions count, when it matters.

use crate::analysis::votes::{self, Memo, Part, VoteAnalysis, VoteSite};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir;

crate::declare_lint! {
    /// ## What it finds
    /// A quorum that does not say whether those who abstain count towards it, when the two answers lead to
    /// different outcomes. The message shows a tally that passes under one answer and fails under the other,
    /// and the smallest winning coalition under each.
    ///
    /// ## Why it matters
    /// "60% of votes cast, with a quorum of 60% of maintainers" can pass with 36% of the maintainers in favour
    /// if abstainers do not count towards the quorum, and with a single yes if they do. A quorum exists to stop a
    /// few people deciding for everyone; left open, it may not.
    ///
    /// ## Example
    /// ```charter
    /// vote {
    ///   voters maintainer
    ///   passes when yes >= 60% of cast
    ///   quorum 60% of members
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// vote {
    ///   voters maintainer
    ///   passes when yes >= 60% of cast
    ///   quorum 60% of members not counting abstentions
    /// }
    /// ```
    pub(crate) ABSTENTION_EFFECT_UNSTATED, "CH205", "abstention-effect-unstated", Warning
}

pub(crate) fn check(
    cx: &mut CheckContext,
    charter: &ir::Charter,
    votes: &[VoteAnalysis<'_>],
    memo: &mut Memo,
) {
    let default_quorum = charter
        .default_vote
        .as_ref()
        .and_then(|rule| rule.quorum.as_ref())
        .map(|q| q.span);
    for vote in votes {
        let Some(quorum) = vote
            .rule
            .quorum
            .as_ref()
            .filter(|q| q.counts_abstentions.is_none())
        else {
            continue;
        };
        // A quorum inherited from the default vote (through `approved`) is reported once, at the default vote.
        if vote.site != VoteSite::DefaultVote && Some(quorum.span) == default_quorum {
            continue;
        }
        let Some(difference) = votes::part_changes_outcome_with(vote, Part::Quorum, memo) else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            &ABSTENTION_EFFECT_UNSTATED,
            format!(
                "`{}` does not say whether abstentions count towards it",
                quorum.text
            ),
            Label::new(quorum.span, "do abstentions count?"),
        );
        for note in votes::ambiguity_notes(vote, &difference, Part::Quorum) {
            diagnostic = diagnostic.with_note(note);
        }
        cx.report(
            diagnostic.with_help(
                "add `counting abstentions` or `not counting abstentions` to the quorum",
            ),
        );
    }
}
