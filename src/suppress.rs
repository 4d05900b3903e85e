//! In-charter suppression: `allow CODE because "reason"` accepts a finding for the block it is written in.
//!
//! An `allow` applies to the findings whose primary location lies inside the innermost block that contains it
//! (a role, a body, a threshold, the default vote, a decision, or a vote or lazy-consensus block inside one).
//! Suppressed findings are not lost: they are returned with their reason, and the JSON output lists them.
//! An `allow` that names no finding, names an error, or suppresses nothing is itself reported.

use std::collections::HashMap;

use crate::checks::{self, invalid_allow, unused_allow};
use crate::diagnostic::{Diagnostic, Severity};
use crate::ir;
use crate::source::Span;

/// A finding accepted by an `allow`, with the reason given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    /// The finding.
    pub diagnostic: Diagnostic,
    /// The reason written next to the `allow`.
    pub reason: String,
    /// The `allow` statement.
    pub allow: Span,
}

/// Splits `diagnostics` into kept and suppressed, adding findings about the `allow` statements themselves.
pub fn apply(
    charter: &ir::Charter,
    diagnostics: Vec<Diagnostic>,
) -> (Vec<Diagnostic>, Vec<Suppressed>) {
    let scopes = scoped_allows(charter);
    let mut used = vec![false; scopes.len()];
    let mut kept = Vec::new();
    let mut suppressed = Vec::new();
    let found: Vec<Option<&'static crate::diagnostic::Lint>> = scopes
        .iter()
        .map(|(allow, _)| checks::find(&allow.lint))
        .collect();
    // Only an `allow` of a warning, with a reason, accepts anything.
    let valid: Vec<Option<&'static crate::diagnostic::Lint>> = found
        .iter()
        .zip(&scopes)
        .map(|(lint, (allow, _))| {
            lint.filter(|lint| {
                lint.default_severity == Severity::Warning && !allow.reason.trim().is_empty()
            })
        })
        .collect();
    // The valid allows of each finding, in the order of `scopes`: a finding is compared with the allows of its
    // own code only, not with every allow of the charter.
    let mut by_code: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (index, lint) in valid.iter().enumerate() {
        if let Some(lint) = lint {
            by_code.entry(lint.code).or_default().push(index);
        }
    }
    for diagnostic in diagnostics {
        let candidates = by_code
            .get(diagnostic.lint.code)
            .map_or(&[][..], Vec::as_slice);
        let matching = candidates.iter().find_map(|&index| {
            let (allow, scope) = scopes.get(index)?;
            let lint = valid.get(index).copied().flatten()?;
            (std::ptr::eq(lint, diagnostic.lint)
                && diagnostic.severity == Severity::Warning
                && scope.start <= diagnostic.primary.span.start
                && diagnostic.primary.span.end <= scope.end)
                .then_some((index, (allow, scope)))
        });
        match matching {
            Some((index, (allow, _))) => {
                if let Some(flag) = used.get_mut(index) {
                    *flag = true;
                }
                suppressed.push(Suppressed {
                    diagnostic,
                    reason: allow.reason.clone(),
                    allow: allow.span,
                });
            }
            None => kept.push(diagnostic),
        }
    }
    for (index, (allow, _)) in scopes.iter().enumerate() {
        match found.get(index).copied().flatten() {
            None => kept.push(invalid_allow::unknown(allow)),
            Some(lint) if lint.default_severity == Severity::Error => {
                kept.push(invalid_allow::error(allow, lint))
            }
            Some(_) if allow.reason.trim().is_empty() => kept.push(invalid_allow::no_reason(allow)),
            Some(lint) if !used.get(index).copied().unwrap_or(false) => {
                kept.push(unused_allow::diagnostic(allow, lint))
            }
            Some(_) => {}
        }
    }
    (kept, suppressed)
}

/// Every `allow` with the span of the block it applies to, innermost blocks first so that they win.
fn scoped_allows(charter: &ir::Charter) -> Vec<(&ir::Allow, Span)> {
    let mut inner = Vec::new();
    let mut outer = Vec::new();
    for role in &charter.roles {
        outer.extend(role.allows.iter().map(|a| (a, role.span)));
    }
    for body in &charter.bodies {
        outer.extend(body.allows.iter().map(|a| (a, body.span)));
    }
    for threshold in &charter.thresholds {
        outer.extend(threshold.allows.iter().map(|a| (a, threshold.span)));
    }
    if let Some(rule) = &charter.default_vote {
        outer.extend(rule.allows.iter().map(|a| (a, rule.span)));
    }
    for decision in &charter.decisions {
        outer.extend(decision.allows.iter().map(|a| (a, decision.span)));
        if let Some(rule) = decision
            .vote
            .as_ref()
            .filter(|rule| rule.origin == ir::RuleOrigin::Stated)
        {
            inner.extend(rule.allows.iter().map(|a| (a, rule.span)));
        }
        if let Some(lazy) = &decision.lazy_consensus {
            inner.extend(lazy.allows.iter().map(|a| (a, lazy.span)));
        }
        for step in &decision.escalation {
            if let ir::EscalationStep::Vote { rule, .. } = step
                && rule.origin == ir::RuleOrigin::Stated
            {
                inner.extend(rule.allows.iter().map(|a| (a, rule.span)));
            }
        }
    }
    inner.extend(outer);
    inner
}
