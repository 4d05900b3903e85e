//! `CH206` `proposal-and-opposite-can-pass`: a vote rule under which a proposal and its opposite can both pass.

use crate::analysis::arithmetic::{Rule, SizeRange, Witness};
use crate::analysis::votes::{self, Memo, VoteAnalysis, WitnessPerReading};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{Linear, Relation};

crate::declare_lint! {
    /// ## What it finds
    /// A vote rule with a passing tally of more yes than no votes whose mirror (yes and no swapped, the same
    /// abstentions) passes too: a proposal passes, and so would the opposite proposal with the same voters on
    /// the other side. Any threshold below one half of its base allows it (`yes >= 1/3 of members`,
    /// `yes >= 2/5 of cast`). A passing tie is its own mirror and is not counted here (`tie-without-tie-break`
    /// reports it), so `yes >= 1/2 of cast` is not reported. An ambiguous rule is reported when this holds
    /// under some reading, and the message says which.
    ///
    /// ## Why it matters
    /// Two contradictory proposals ("add this dependency", "do not add it") can both be adopted by the same
    /// electorate, and the charter does not say which one stands.
    ///
    /// ## Example
    /// ```charter
    /// decision add_reviewer {
    ///   vote { voters maintainer; passes when yes >= 1/3 of members }
    /// }
    /// ```
    /// Use instead, if a third of the maintainers is meant to be enough, require more yes than no as well:
    /// ```charter
    /// decision add_reviewer {
    ///   vote { voters maintainer; passes when yes >= 1/3 of members and yes > no }
    /// }
    /// ```
    pub(crate) PROPOSAL_AND_OPPOSITE_CAN_PASS, "CH206", "proposal-and-opposite-can-pass", Warning
}

pub(crate) fn check(cx: &mut CheckContext, votes: &[VoteAnalysis<'_>], memo: &mut Memo) {
    for vote in votes {
        let readings = vote.readings();
        if vote.rule.conditions.is_empty() || readings.is_empty() {
            continue;
        }
        let range = vote.sizes.range;
        let found = WitnessPerReading::of(readings, |reading| {
            // The system of `opposite_passes` is the mirror system of the analysis with `yes > no` added: when
            // the mirror system has no solution at any size of the range, neither has it, and it is not set up.
            if reading.analysis.sizes == range && reading.analysis.mirror.is_none() {
                return None;
            }
            opposite_passes(&reading.rule, range, memo)
        });
        let Some((shown, witness)) = found.first() else {
            continue;
        };
        let condition = found.condition(shown);
        let whose = vote.owner_words();
        let span = votes::conditions_span(vote.rule);
        let mirror = witness.tally.mirror();
        let mut diagnostic = Diagnostic::new(
            &PROPOSAL_AND_OPPOSITE_CAN_PASS,
            format!(
                "a proposal and its opposite can both pass {whose}: {} passes, and so does {}{condition}",
                votes::witness_words(&witness),
                votes::tally_words(&mirror)
            ),
            Label::new(
                span,
                format!(
                    "passes with {} and with {}",
                    votes::tally_words(&witness.tally),
                    votes::tally_words(&mirror)
                ),
            ),
        );
        for (words, witness) in found.others(shown) {
            let note = match witness {
                Some(witness) => format!(
                    "if {words}: {} passes, and so does {}",
                    votes::witness_words(&witness),
                    votes::tally_words(&witness.tally.mirror())
                ),
                None => format!("if {words}: a proposal and its opposite cannot both pass"),
            };
            diagnostic = diagnostic.with_note(note);
        }
        cx.report(diagnostic.with_help(
            "require more yes than no votes as well (add `yes > no`), or a threshold above half of its base",
        ));
    }
}

/// The first size in `sizes` with a tally of more yes than no votes that passes `rule` and whose mirror passes
/// too, with that tally.
fn opposite_passes(rule: &Rule, sizes: SizeRange, memo: &mut Memo) -> Option<Witness> {
    // One system: the rule at (y, x, a), the rule at (x, y, a), and y >= x + 1.
    let mut constraints: Vec<Linear> = rule.constraints().to_vec();
    constraints.extend(rule.constraints().iter().map(|linear| Linear {
        yes: linear.no,
        no: linear.yes,
        ..*linear
    }));
    constraints.push(Linear {
        yes: 1,
        no: -1,
        abstain: 0,
        members: 0,
        constant: -1,
        relation: Relation::Ge,
    });
    let system = Rule::new(constraints).ok()?;
    memo.first_passing(&system, sizes)
}
