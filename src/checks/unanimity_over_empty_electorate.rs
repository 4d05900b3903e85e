//! `CH209` `unanimity-over-empty-electorate`: a unanimous vote among an electorate that may have nobody in it.

use crate::analysis::arithmetic::{self, Tally};
use crate::analysis::votes::{self, VoteAnalysis};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, ConditionForm};

crate::declare_lint! {
    /// ## What it finds
    /// A `unanimous` condition in a vote whose electorate may be empty: `voters maintainer except nominator`
    /// when there may be a single maintainer, or a role with no stated minimum. The message says what the rule
    /// does then: with nobody to vote, "every member voted yes" holds, so the vote passes with nobody in favour;
    /// under a reading that needs at least one ballot, it can never pass.
    ///
    /// ## Why it matters
    /// Unanimity is meant as the strongest protection, and over an empty electorate it protects nothing (the
    /// nominator alone decides) or blocks everything, depending on how it is read. Either way the text does not
    /// say what happens when the last eligible voter is the one who is excluded.
    ///
    /// ## Example
    /// ```charter
    /// role maintainer { size at least 1 }
    /// decision add_maintainer {
    ///   vote { voters maintainer except nominator; passes when unanimous of members }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// role maintainer { size at least 2 }
    /// decision add_maintainer {
    ///   vote { voters maintainer except nominator; passes when unanimous of members }
    /// }
    /// ```
    pub(crate) UNANIMITY_OVER_EMPTY_ELECTORATE, "CH209", "unanimity-over-empty-electorate", Warning
}

pub(crate) fn check(cx: &mut CheckContext, _charter: &ir::Charter, votes: &[VoteAnalysis<'_>]) {
    for vote in votes {
        if vote.sizes.range.from != 0 {
            continue;
        }
        let readings = vote.readings();
        let electorate = votes::electorate_words(&vote.rule.electorate);
        let whose = vote.owner_words();
        // What the whole rule does when nobody may vote, under each reading.
        let nobody = Tally::new(0, 0, 0);
        let passing: Vec<bool> = readings
            .iter()
            .map(|reading| arithmetic::passes(&reading.rule, 0, nobody))
            .collect();
        let outcome = if readings.is_empty() {
            "the charter does not say what happens then".to_owned()
        } else if passing.iter().all(|p| *p) {
            "with nobody left to vote, it passes".to_owned()
        } else if passing.iter().all(|p| !p) {
            "with nobody left to vote, it can never pass".to_owned()
        } else {
            let when: Vec<String> = readings
                .iter()
                .zip(&passing)
                .filter(|(_, passes)| **passes)
                .filter_map(|(reading, _)| votes::label_words(&reading.label))
                .collect();
            format!(
                "with nobody left to vote, it passes if {} and can never pass otherwise",
                when.join(", or if ")
            )
        };
        for condition in &vote.rule.conditions {
            if !matches!(condition.form, ConditionForm::Unanimous) {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                &UNANIMITY_OVER_EMPTY_ELECTORATE,
                format!(
                    "{whose} needs `{}` among {electorate}, who may be nobody: {outcome}",
                    condition.text
                ),
                Label::new(
                    condition.span,
                    "unanimous among an electorate that may be empty",
                ),
            );
            if let Some(span) = vote.rule.electorate.span {
                diagnostic = diagnostic.with_label(span, "may have no members");
            }
            cx.report(diagnostic.with_help(
                "raise the minimum size of the voters' role so that someone is always left to vote, or add `yes >= 1`",
            ));
        }
    }
}
