//! `CH502` `role-without-exit`: a role nobody can leave or be removed from.

use std::collections::BTreeSet;

use crate::checks::CheckContext;
use crate::checks::subject_may_vote::{Key, members_of};
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Actor, Decider, EscalationStep, ItemKind, Objection, TieBreak, VoteRule};

crate::declare_lint! {
    /// ## What it finds
    /// A role with no way out: no `leave by resignation`, no `remove by DECISION`, no `inactive after`.
    ///
    /// A role that members only reach by leaving another role (`-> emeritus`) is not reported when it has no
    /// say in any decision: it is not among the voters of any vote (directly or through a body), holds no veto
    /// or casting vote, decides nothing and chairs nothing. Such an honorary status is commonly held for life
    /// and harms nobody. It is reported as soon as a rule gives it power.
    ///
    /// ## Why it matters
    /// Members who cannot resign stay counted in every vote measured against all members, and members who
    /// cannot be removed keep their rights whatever they do: an inactive majority can block every decision
    /// that needs a share of all members.
    ///
    /// ## Example
    /// ```charter
    /// role reviewer { join by add_reviewer }
    /// ```
    /// Use instead:
    /// ```charter
    /// role reviewer { join by add_reviewer; leave by resignation; inactive after 1 year }
    /// ```
    pub(crate) ROLE_WITHOUT_EXIT, "CH502", "role-without-exit", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    // Who has a say is a walk over every rule of the charter; it is only needed for a status role without an
    // exit, which most charters do not have.
    let mut powerful: Option<BTreeSet<Key>> = None;
    let statuses = statuses(charter);
    for (index, role) in charter.roles.iter().enumerate() {
        if !role.exits.is_empty() {
            continue;
        }
        let is_status = statuses.get(index).copied().unwrap_or(false);
        if is_status
            && !powerful
                .get_or_insert_with(|| with_a_say(charter))
                .contains(&(ItemKind::Role, index))
        {
            continue;
        }
        let diagnostic = Diagnostic::new(
            &ROLE_WITHOUT_EXIT,
            format!("role `{}` has no way to leave", role.name),
            Label::new(role.name_span, "no resignation, removal or inactivity"),
        )
        .with_help(format!(
            "add `leave by resignation`, `remove by DECISION` or `inactive after DURATION` to `{}`",
            role.name
        ));
        cx.report(diagnostic);
    }
}

/// Per role, whether members reach it by leaving another role (`-> emeritus`): one pass over every exit, so
/// that the check does not search all roles for each role.
fn statuses(charter: &ir::Charter) -> Vec<bool> {
    let mut res = vec![false; charter.roles.len()];
    for (other, role) in charter.roles.iter().enumerate() {
        for target in role.exits.iter().filter_map(|exit| exit.target.as_ref()) {
            // A role that leads to itself is not a status reached from elsewhere.
            if target.kind == ItemKind::Role
                && target.index != other
                && let Some(flag) = res.get_mut(target.index)
            {
                *flag = true;
            }
        }
    }
    res
}

/// Every role and body with a say in some decision: voters, veto holders, casting votes, deciders, chairs,
/// and the roles and bodies those are made of.
fn with_a_say(charter: &ir::Charter) -> BTreeSet<Key> {
    let mut actors: Vec<&Actor> = Vec::new();
    let mut rules: Vec<&VoteRule> = charter.default_vote.iter().collect();
    for decision in &charter.decisions {
        rules.extend(decision.vote.as_deref());
        decider(&decision.decider, &mut actors);
        if let Some(Objection::Actor { actor }) =
            decision.lazy_consensus.as_ref().map(|l| &l.on_objection)
        {
            actors.push(actor);
        }
        for step in &decision.escalation {
            match step {
                EscalationStep::Vote { rule, .. } => rules.push(rule),
                EscalationStep::Decided { decider: d, .. } => decider(d, &mut actors),
                EscalationStep::Parties { .. }
                | EscalationStep::Mediator { .. }
                | EscalationStep::Decision { .. }
                | EscalationStep::External { .. } => {}
            }
        }
    }
    for rule in rules {
        actors.extend(&rule.electorate.voters);
        actors.extend(&rule.vetoes);
        if let Some(TieBreak::CastingVote { by }) = &rule.tie {
            actors.push(by);
        }
    }
    actors.extend(charter.bodies.iter().filter_map(|b| b.chair.as_ref()));
    let mut res = BTreeSet::new();
    for item in actors.iter().filter_map(|a| a.item()) {
        // `res` holds the members of every item it holds, so an item already there adds nothing; most actors
        // are the same few roles.
        if !res.contains(&(item.kind, item.index)) {
            res.extend(members_of(charter, item));
        }
    }
    res
}

fn decider<'a>(decider: &'a Decider, actors: &mut Vec<&'a Actor>) {
    if let Decider::Actor { actor } | Decider::Approvals { by: actor, .. } = decider {
        actors.push(actor);
    }
}
