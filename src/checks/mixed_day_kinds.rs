//! `CH304` `mixed-day-kinds`: one procedure that counts some periods in business days and others in calendar time.

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Duration, DurationBound, RuleOrigin, TimeUnit};

crate::declare_lint! {
    /// ## What it finds
    /// A decision whose own waiting periods (its phases, the silence of its lazy consensus, the window of its
    /// vote and of the votes of its escalation path) use business days for some and calendar units (hours,
    /// days, weeks, months, years) for others. Windows inherited from the default vote are not counted: they
    /// are not written in the decision.
    ///
    /// ## Why it matters
    /// A business day depends on weekends and holidays, a calendar day does not. When one procedure uses both,
    /// people disagree about when the periods end relative to each other, and across holidays the order of
    /// the steps can even flip.
    ///
    /// ## Example
    /// ```charter
    /// decision approve_spending {
    ///   review at most 10 business days
    ///   vote { voters steering; passes when majority of members; open at least 7 days }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision approve_spending {
    ///   review at most 10 business days
    ///   vote { voters steering; passes when majority of members; open at least 5 business days }
    /// }
    /// ```
    pub(crate) MIXED_DAY_KINDS, "CH304", "mixed-day-kinds", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for decision in &charter.decisions {
        // Most decisions count in one kind of day: a first pass without allocating finds the ones that mix.
        let (mut business, mut calendar) = (false, false);
        for_each_bound(decision, |bound| {
            if let Some(d) = &bound.duration {
                if d.unit == TimeUnit::BusinessDays {
                    business = true;
                } else {
                    calendar = true;
                }
            }
        });
        if !(business && calendar) {
            continue;
        }
        let durations = durations(decision);
        let business: Vec<&Duration> = durations
            .iter()
            .copied()
            .filter(|d| d.unit == TimeUnit::BusinessDays)
            .collect();
        let calendar: Vec<&Duration> = durations
            .iter()
            .copied()
            .filter(|d| d.unit != TimeUnit::BusinessDays)
            .collect();
        let (Some(first_business), Some(first_calendar)) = (business.first(), calendar.first())
        else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            &MIXED_DAY_KINDS,
            format!(
                "`{}` mixes business days (`{}`) with calendar time (`{}`)",
                decision.name, first_business.text, first_calendar.text
            ),
            Label::new(first_business.span, "counted in business days"),
        );
        for other in business.iter().skip(1) {
            diagnostic = diagnostic.with_label(other.span, "counted in business days");
        }
        for other in &calendar {
            diagnostic = diagnostic.with_label(other.span, "counted in calendar time");
        }
        cx.report(diagnostic.with_help(format!(
            "count every period of `{}` in business days, or every one in calendar units",
            decision.name
        )));
    }
}

/// The durations written in a decision, in source order.
fn durations(decision: &ir::Decision) -> Vec<&Duration> {
    let mut durations: Vec<&Duration> = Vec::new();
    for_each_bound(decision, |bound| durations.extend(&bound.duration));
    durations.sort_by_key(|d| d.span);
    durations
}

/// Calls `f` with every duration bound written in a decision: its phases, its silence periods, and the windows
/// of the votes it states.
fn for_each_bound<'d>(decision: &'d ir::Decision, mut f: impl FnMut(&'d DurationBound)) {
    decision.phases.iter().for_each(|p| f(&p.bound));
    if let Some(lazy) = &decision.lazy_consensus {
        lazy.silences.iter().for_each(&mut f);
    }
    if let Some(rule) = decision
        .vote
        .as_ref()
        .filter(|r| r.origin == RuleOrigin::Stated)
    {
        rule.window.iter().for_each(&mut f);
    }
    for step in &decision.escalation {
        if let ir::EscalationStep::Vote { rule, .. } = step
            && rule.origin == RuleOrigin::Stated
        {
            rule.window.iter().for_each(&mut f);
        }
    }
}
