//! `CH203` `passes-with-nobody-in-favour`: a vote rule that a tally with no yes vote passes.

use crate::analysis::arithmetic::{self, Witness};
use crate::analysis::votes::{self, VoteAnalysis};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir;

crate::declare_lint! {
    /// ## What it finds
    /// A vote rule that, under every reading, some tally with no yes vote passes, in an electorate of at least
    /// one member: `yes >= 0`, a cap on no votes alone (`no <= 1/3 of members`), or a turnout requirement
    /// alone. The message shows such a tally. An electorate of nobody is left to
    /// `unanimity-over-empty-electorate`, and a rule with no condition at all to `decision-without-rule`.
    ///
    /// ## Why it matters
    /// A proposal that nobody supports is adopted: if nobody turns up, or everyone abstains, the vote passes.
    /// The rule was meant to require support and does not say so.
    ///
    /// ## Example
    /// ```charter
    /// decision release {
    ///   vote { voters maintainer; passes when no <= 1/3 of members }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision release {
    ///   vote { voters maintainer; passes when no <= 1/3 of members and yes >= 1/2 of members }
    /// }
    /// ```
    pub(crate) PASSES_WITH_NOBODY_IN_FAVOUR, "CH203", "passes-with-nobody-in-favour", Error
}

pub(crate) fn check(cx: &mut CheckContext, _charter: &ir::Charter, votes: &[VoteAnalysis<'_>]) {
    for vote in votes {
        let readings = vote.readings();
        if vote.rule.conditions.is_empty() || readings.is_empty() {
            continue;
        }
        let from = vote.sizes.range.from.max(1);
        let to = vote.sizes.range.to;
        // The first witness at a size of at least one, per reading.
        let witnesses: Option<Vec<Witness>> = readings
            .iter()
            .map(
                |reading| match reading.analysis.passes_with_nobody_in_favour {
                    Some(witness) if witness.members >= 1 => Some(witness),
                    Some(_) => {
                        arithmetic::first_passing_with_nobody_in_favour(&reading.rule, from..=to)
                    }
                    None => None,
                },
            )
            .collect();
        let Some(witnesses) = witnesses else {
            continue;
        };
        // A tally that passes under every reading, if one of the witnesses is; else the first reading's.
        let mut sorted = witnesses.clone();
        sorted.sort();
        let universal = sorted.iter().copied().find(|w| {
            readings
                .iter()
                .all(|r| arithmetic::passes(&r.rule, w.members, w.tally))
        });
        let (witness, condition) = match (universal, readings.first(), witnesses.first()) {
            (Some(witness), _, _) => (witness, String::new()),
            (None, Some(first), Some(witness)) => {
                let condition = votes::label_words(&first.label)
                    .map(|words| format!(" if {words}"))
                    .unwrap_or_default();
                (*witness, condition)
            }
            _ => continue,
        };
        let whose = vote.owner_words();
        let span = votes::conditions_span(vote.rule);
        let mut diagnostic = Diagnostic::new(
            &PASSES_WITH_NOBODY_IN_FAVOUR,
            format!(
                "{whose} can pass with nobody in favour: {}{condition}",
                passing_words(&witness)
            ),
            Label::new(span, "passes without a single yes vote"),
        );
        if universal.is_none() {
            for (reading, witness) in readings.iter().zip(&witnesses).skip(1) {
                if let Some(words) = votes::label_words(&reading.label) {
                    diagnostic =
                        diagnostic.with_note(format!("if {words}: {}", passing_words(witness)));
                }
            }
        }
        cx.report(diagnostic.with_help(
            "require at least one vote in favour (add `yes >= 1`), or a share of the members (`majority of members`)",
        ));
    }
}

/// "with 3 members, 0 yes and 2 abstaining passes", or "with 3 members and no vote cast, the vote passes".
fn passing_words(witness: &Witness) -> String {
    if witness.tally.turnout() == 0 {
        format!(
            "with {} and nobody voting, the vote passes",
            votes::count_words(witness.members, "member")
        )
    } else {
        format!("{} passes", votes::witness_words(witness))
    }
}
