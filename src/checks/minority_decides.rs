//! `CH207` `minority-decides`: a vote that can pass with fewer than half of the electorate in favour.

use crate::analysis::arithmetic::Share;
use crate::analysis::votes::{self, ReadingAnalysis, VoteAnalysis};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir;

crate::declare_lint! {
    /// ## What it finds
    /// A vote whose smallest winning coalition is below half of its electorate: some size of the electorate
    /// allows a passing tally with fewer than half of the members in favour. The message names the figure. An
    /// ambiguous rule is reported when this holds under every reading, with the smallest figure and the reading
    /// that gives it; when it holds under some readings only, the ambiguity itself is reported (`unstated-base`,
    /// `abstention-effect-unstated`).
    ///
    /// ## Why it matters
    /// A text that says "a vote of the maintainers" suggests that most maintainers agree. When a third of them,
    /// or a single one with the rest abstaining, is enough, a minority can decide what the text seems to reserve
    /// for a majority. That may be intended (adding a reviewer is low-stakes); then say so with an `allow`.
    ///
    /// ## Example
    /// ```charter
    /// decision add_reviewer {
    ///   vote { voters maintainer; passes when yes >= 1/3 of members }
    /// }
    /// ```
    /// Use instead, if a majority is meant:
    /// ```charter
    /// decision add_reviewer {
    ///   vote { voters maintainer; passes when majority of members }
    /// }
    /// ```
    /// or, if a minority is meant:
    /// ```charter
    /// decision add_reviewer {
    ///   allow minority-decides because "a reviewer has no merge rights; a third of the maintainers is enough"
    ///   vote { voters maintainer; passes when yes >= 1/3 of members }
    /// }
    /// ```
    pub(crate) MINORITY_DECIDES, "CH207", "minority-decides", Warning
}

pub(crate) fn check(cx: &mut CheckContext, _charter: &ir::Charter, votes: &[VoteAnalysis<'_>]) {
    for vote in votes {
        if vote.rule.conditions.is_empty() {
            continue;
        }
        // Under every reading a minority must be enough; when only some readings allow it, the ambiguity is the
        // finding (`unstated-base`, `abstention-effect-unstated`), and those report the figures.
        let below_half =
            |share: &Share| u128::from(share.numerator) * 2 < u128::from(share.denominator);
        if !vote
            .readings()
            .iter()
            .all(|r| votes::smallest_share(r).is_some_and(below_half))
        {
            continue;
        }
        let Some((worst, share)) = smallest(vote.readings()) else {
            continue;
        };
        let voters = vote.voters();
        let condition = match votes::label_words(&worst.label) {
            Some(words) => format!(" if {words}"),
            None => String::new(),
        };
        let whose = vote.owner_words();
        let span = votes::conditions_span(vote.rule);
        let mut diagnostic = Diagnostic::new(
            &MINORITY_DECIDES,
            format!(
                "{whose} can pass with {}{condition}",
                votes::coalition_words(share, &voters)
            ),
            Label::new(
                span,
                format!(
                    "{}% in favour can be enough",
                    votes::percent(share.numerator, share.denominator)
                ),
            ),
        )
        .with_note(format!("{} passes", votes::witness_words(&share.witness)));
        if vote.is_ambiguous() {
            for (reading, coalition) in votes::coalitions_per_reading(vote) {
                diagnostic = diagnostic.with_note(format!("if {reading}: {coalition}"));
            }
        }
        if let Some(note) = votes::sizes_note(vote) {
            diagnostic = diagnostic.with_note(note);
        }
        cx.report(diagnostic.with_help(
            "require more than half of the members (`majority of members`), or accept it with `allow minority-decides because \"...\"`",
        ));
    }
}

/// The reading with the smallest winning share, and that share.
fn smallest(readings: &[ReadingAnalysis]) -> Option<(&ReadingAnalysis, &Share)> {
    let mut res: Option<(&ReadingAnalysis, &Share)> = None;
    for reading in readings {
        if let Some(share) = votes::smallest_share(reading)
            && res.is_none_or(|(_, best)| votes::share_is_smaller(share, best))
        {
            res = Some((reading, share));
        }
    }
    res
}
