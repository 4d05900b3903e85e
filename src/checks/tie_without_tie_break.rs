//! `CH208` `tie-without-tie-break`: a vote that a tie can pass, with no `tie` statement.

use crate::analysis::votes::{self, VoteAnalysis, WitnessPerReading};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir;

crate::declare_lint! {
    /// ## What it finds
    /// A vote rule with no `tie` statement under which a tie (as many yes as no votes, at least one of each)
    /// passes: `yes >= 1/3 of members` with two yes and two no votes among five maintainers. An ambiguous rule
    /// is reported when a tie passes under some reading, and the message says which.
    ///
    /// A rule under which every tie fails (`majority of members`, `yes > no`) already settles ties, and is not
    /// reported: the proposal fails.
    ///
    /// ## Why it matters
    /// Most readers expect a tied vote to fail. When the rule lets it pass, half of the voters are overruled by
    /// the other half, and people who voted no will dispute the outcome unless the charter says so plainly.
    ///
    /// ## Example
    /// ```charter
    /// decision add_label {
    ///   vote { voters maintainer; passes when yes >= 1/2 of cast }
    /// }
    /// ```
    /// Use instead, saying what a tie does:
    /// ```charter
    /// decision add_label {
    ///   vote { voters maintainer; passes when yes >= 1/2 of cast; tie fails }
    /// }
    /// ```
    pub(crate) TIE_WITHOUT_TIE_BREAK, "CH208", "tie-without-tie-break", Warning
}

pub(crate) fn check(cx: &mut CheckContext, _charter: &ir::Charter, votes: &[VoteAnalysis<'_>]) {
    for vote in votes {
        let readings = vote.readings();
        if vote.rule.tie.is_some() || vote.rule.conditions.is_empty() || readings.is_empty() {
            continue;
        }
        let found = WitnessPerReading::of(readings, |reading| reading.analysis.tie.first_passing);
        let Some((shown, witness)) = found.first() else {
            continue;
        };
        let condition = found.condition(shown);
        let whose = vote.owner_words();
        let span = votes::conditions_span(vote.rule);
        let mut diagnostic = Diagnostic::new(
            &TIE_WITHOUT_TIE_BREAK,
            format!(
                "{whose} passes on a tie and says nothing about ties: {} passes{condition}",
                votes::witness_words(&witness)
            ),
            Label::new(span, "a tie can pass"),
        );
        for (words, witness) in found.others(shown) {
            let note = match witness {
                Some(witness) => format!("if {words}: {} passes", votes::witness_words(&witness)),
                None => format!("if {words}: every tie fails"),
            };
            diagnostic = diagnostic.with_note(note);
        }
        cx.report(diagnostic.with_help(
            "say what a tie does (`tie fails`, `tie passes`, `tie revote` or `tie casting vote by ROLE`), or require more yes than no votes (`yes > no`)",
        ));
    }
}
