//! `CH204` `unstated-base`: a share whose base (of whom?) the charter leaves open, when the answer matters.

use crate::analysis::votes::{self, Memo, Part, VoteAnalysis};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, BaseStatement, ConditionForm, ConditionOrigin};

crate::declare_lint! {
    /// ## What it finds
    /// A pass condition whose share does not say what it is a share of (`yes >= 2/3`: two thirds of the
    /// members, of those who vote, or of the votes cast?), or says "of votes" without saying whether an
    /// abstention is a vote, when the readings lead to different outcomes. The message shows a tally that passes
    /// under one reading and fails under another, and the smallest winning coalition under each.
    ///
    /// ## Why it matters
    /// "A 2/3 vote" of nine maintainers can take six of them, or two with seven abstaining. People will read the
    /// rule the way that suits them on the day it matters, and the charter gives no answer.
    /// An ambiguity inherited through a named threshold or through `approved` is reported where it is used.
    ///
    /// ## Example
    /// ```charter
    /// decision add_maintainer {
    ///   vote { voters maintainer; passes when yes >= 2/3 }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision add_maintainer {
    ///   vote { voters maintainer; passes when yes >= 2/3 of members }
    /// }
    /// ```
    pub(crate) UNSTATED_BASE, "CH204", "unstated-base", Warning
}

pub(crate) fn check(
    cx: &mut CheckContext,
    _charter: &ir::Charter,
    votes: &[VoteAnalysis<'_>],
    memo: &mut Memo,
) {
    for vote in votes {
        for (index, condition) in vote.rule.conditions.iter().enumerate() {
            if !matches!(
                condition.base,
                BaseStatement::Unstated | BaseStatement::Votes
            ) {
                continue;
            }
            let Some(difference) =
                votes::part_changes_outcome_with(vote, Part::Condition(index), memo)
            else {
                continue;
            };
            let mut diagnostic = Diagnostic::new(
                &UNSTATED_BASE,
                message(condition),
                Label::new(condition.span, label(condition)),
            );
            for note in votes::ambiguity_notes(vote, &difference, Part::Condition(index)) {
                diagnostic = diagnostic.with_note(note);
            }
            cx.report(diagnostic.with_help(help(condition)));
        }
    }
}

/// What the condition leaves open, in one sentence.
fn message(condition: &ir::Condition) -> String {
    let open = match (&condition.base, &condition.form) {
        (BaseStatement::Votes, _) => "does not say whether an abstention is a vote".to_owned(),
        (_, ConditionForm::Share { share, .. }) => format!("does not say {share} of whom"),
        (_, ConditionForm::Majority) => "does not say a majority of whom".to_owned(),
        (_, ConditionForm::Unanimous) => "does not say unanimous among whom".to_owned(),
        _ => "does not say what its share is measured against".to_owned(),
    };
    match &condition.origin {
        ConditionOrigin::Stated => format!("`{}` {open}", condition.text),
        ConditionOrigin::Threshold { threshold } => {
            format!("`{}` is `{}`, which {open}", threshold.name, condition.text)
        }
        ConditionOrigin::DefaultVote { .. } => {
            format!(
                "`approved` leans on the default vote's `{}`, which {open}",
                condition.text
            )
        }
    }
}

fn label(condition: &ir::Condition) -> String {
    match (&condition.base, &condition.form) {
        (BaseStatement::Votes, _) => "is an abstention a vote?".to_owned(),
        (_, ConditionForm::Share { share, .. }) => format!("{share} of whom?"),
        _ => "of whom?".to_owned(),
    }
}

fn help(condition: &ir::Condition) -> String {
    let place = match &condition.origin {
        ConditionOrigin::Stated => "",
        ConditionOrigin::Threshold { .. } => " in the threshold",
        ConditionOrigin::DefaultVote { .. } => " in the default vote",
    };
    match condition.base {
        BaseStatement::Votes => {
            format!(
                "write `of cast` if abstentions do not count, or `of participating` if they do{place}"
            )
        }
        _ => format!("name the base{place}: `of members`, `of participating` or `of cast`"),
    }
}
