//! `CH602` `admission-easier-than-amendment`: a role whose members amend the charter can be joined more easily
//! than the charter can be amended (packing).

use crate::analysis::arithmetic::{self, Rule, SizeRange};
use crate::analysis::votes::{self, BySite, Memo, VoteAnalysis};
use crate::checks::CheckContext;
use crate::checks::protection_amendable::{
    Readings, has_voters, is_amendment, rule_words, separate, voter_keys,
};
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, ItemKind, Linear, Purpose, Ref, Relation};

crate::declare_lint! {
    /// ## What it finds
    /// A decision that admits members to a role (`purpose admit ROLE`, or named in the role's `join by`) by a
    /// vote among the same voters as the amendment of the charter, when those voters include the role, and when,
    /// under every reading of both rules, admission is strictly easier: every tally that amends the charter
    /// also admits, and some tally admits without amending (at a size where the charter can be amended at all).
    /// The message shows such a tally. An amendment that no tally with a no vote passes (unanimity, a veto) is
    /// not reported: adding members does not outvote an opponent there.
    ///
    /// ## Why it matters
    /// Packing: a coalition that can admit members but cannot amend the charter can admit allies until it
    /// holds the amendment threshold, then amend the charter on its own. "A simple majority adds maintainers,
    /// two thirds amend the charter" means that a majority can amend the charter after a few admissions.
    ///
    /// ## Example
    /// ```charter
    /// decision add_maintainer {
    ///   purpose admit maintainer
    ///   vote { voters maintainer; passes when majority of members }
    /// }
    /// decision amend_charter {
    ///   purpose amend charter
    ///   vote { voters maintainer; passes when yes >= 2/3 of members }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision add_maintainer {
    ///   purpose admit maintainer
    ///   vote { voters maintainer; passes when yes >= 2/3 of members }
    /// }
    /// decision amend_charter {
    ///   purpose amend charter
    ///   vote { voters maintainer; passes when yes >= 2/3 of members }
    /// }
    /// ```
    pub(crate) ADMISSION_EASIER_THAN_AMENDMENT, "CH602", "admission-easier-than-amendment", Warning
}

pub(crate) fn check(
    cx: &mut CheckContext,
    charter: &ir::Charter,
    votes: &[VoteAnalysis<'_>],
    memo: &mut Memo,
) {
    let votes = BySite::new(votes);
    for (a_index, amendment) in charter.decisions.iter().enumerate() {
        let Some(a_rule) = amendment.vote.as_ref().filter(|_| is_amendment(amendment)) else {
            continue;
        };
        let Some(a) = Readings::of(charter, &votes, a_index, a_rule) else {
            continue;
        };
        // Computed once per amendment rather than once per decision compared with it.
        let a_voters = voter_keys(a_rule);
        for (p_index, decision) in charter.decisions.iter().enumerate() {
            if p_index == a_index {
                continue;
            }
            let Some(p_rule) = &decision.vote else {
                continue;
            };
            if !has_voters(p_rule, &a_voters) {
                continue;
            }
            // The roles this decision admits whose members vote on amendments.
            let Some(role) = decision
                .purposes
                .iter()
                .find_map(|entry| match &entry.purpose {
                    Purpose::Admit { role } if votes_as(charter, p_rule, role) => Some(role),
                    _ => None,
                })
            else {
                continue;
            };
            let Some(p) = Readings::of(charter, &votes, p_index, p_rule) else {
                continue;
            };
            let Some(range) = a.common_sizes(&p) else {
                continue;
            };
            // Under every pair of readings: whatever amends also admits, and something admits but does not amend.
            let amending_admits = a.readings.iter().all(|a| {
                p.readings
                    .iter()
                    .all(|p| memo.stricter(&a.rule, &p.rule, range).is_ok())
            });
            // Packing outvotes opponents only if the charter can be amended over some no votes: against
            // unanimity or a veto, new members do not help.
            if !amending_admits || !a.readings.iter().all(|a| passes_over_a_no(&a.rule, range)) {
                continue;
            }
            let Some((witness, condition)) = separate(&p, &a, range, memo) else {
                continue;
            };
            let diagnostic = Diagnostic::new(
                &ADMISSION_EASIER_THAN_AMENDMENT,
                format!(
                    "{} admits `{}` but amending the charter needs {}, so a coalition can add `{}` members until it can amend: {} admits and does not amend{condition}",
                    rule_words(p_rule),
                    role.name,
                    rule_words(a_rule),
                    role.name,
                    votes::witness_words(&witness)
                ),
                Label::new(
                    votes::conditions_span(p_rule),
                    format!("`{}` admits with less than an amendment needs", decision.name),
                ),
            )
            .with_label(
                votes::conditions_span(a_rule),
                format!("`{}` needs more", amendment.name),
            );
            cx.report(diagnostic.with_help(format!(
                "require at least {} to admit `{}` too, so that admitting members cannot give a coalition the amendment threshold",
                rule_words(a_rule),
                role.name
            )));
        }
    }
}

/// Whether some tally with at least one no vote passes `rule` at some size in `range`.
fn passes_over_a_no(rule: &Rule, range: SizeRange) -> bool {
    let at_least_one_no = Linear {
        yes: 0,
        no: 1,
        abstain: 0,
        members: 0,
        constant: -1,
        relation: Relation::Ge,
    };
    let mut constraints = rule.constraints().to_vec();
    constraints.push(at_least_one_no);
    Rule::new(constraints)
        .is_ok_and(|system| arithmetic::first_passing(&system, range.from..=range.to).is_some())
}

/// Whether the holders of `role` are among the rule's voters: the role itself, or a body of all its holders.
fn votes_as(charter: &ir::Charter, rule: &ir::VoteRule, role: &Ref) -> bool {
    rule.electorate.voters.iter().filter_map(ir::Actor::item).any(|voter| match voter.kind {
        ItemKind::Role => voter.index == role.index,
        ItemKind::Body => charter.bodies.get(voter.index).is_some_and(|body| {
            matches!(&body.composition, ir::Composition::AllOf { of } if of.iter().any(|r| r.kind == ItemKind::Role && r.index == role.index))
        }),
        ItemKind::External | ItemKind::Threshold | ItemKind::Decision => false,
    })
}
