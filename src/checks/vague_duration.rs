//! `CH303` `vague-duration`: an approximate duration, a range, or `periodically`.

use crate::checks::CheckContext;
use crate::checks::phase_minimum_above_maximum::period_name;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Cadence, DurationBound, ExitKind, RuleOrigin, VoteRule};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A duration the text does not pin down: an approximate figure (`~3 days`), a range (`3-5 business
    /// days`), or `periodically` where a period or a cadence should be. A figure without a bound word
    /// (`discussion 7 days`) is not reported here: its figure is exact.
    ///
    /// ## Why it matters
    /// People reading the charter will wait for different lengths of time, so the same procedure can be
    /// closed early by one person and still be open for another; a decision taken in between can be
    /// challenged.
    ///
    /// ## Example
    /// ```charter
    /// decision add_project {
    ///   discussion ~3-5 business days
    ///   decided by maintainer
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision add_project {
    ///   discussion at least 5 business days
    ///   decided by maintainer
    /// }
    /// ```
    pub(crate) VAGUE_DURATION, "CH303", "vague-duration", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for role in &charter.roles {
        for exit in &role.exits {
            if let ExitKind::Inactivity { after } = &exit.by {
                duration(cx, after, || {
                    format!("the inactivity period of role `{}`", role.name)
                });
            }
        }
        if let Some(term) = &role.terms.length {
            duration(cx, term, || format!("the term of role `{}`", role.name));
        }
        cadences(cx, &role.cadences);
    }
    for body in &charter.bodies {
        if let Some(term) = &body.terms.length {
            duration(cx, term, || format!("the term of body `{}`", body.name));
        }
        cadences(cx, &body.cadences);
    }
    if let Some(rule) = &charter.default_vote {
        window(cx, rule, || "the default vote".to_owned());
    }
    for decision in &charter.decisions {
        for phase in &decision.phases {
            bound(cx, &phase.bound, || {
                format!("the {} of `{}`", period_name(phase.kind), decision.name)
            });
        }
        if let Some(lazy) = &decision.lazy_consensus {
            for silence in &lazy.silences {
                bound(cx, silence, || {
                    format!("the silence period of `{}`", decision.name)
                });
            }
        }
        // A copy of the default vote is checked once, at the default vote.
        if let Some(rule) = decision
            .vote
            .as_ref()
            .filter(|r| r.origin == RuleOrigin::Stated)
        {
            window(cx, rule, || format!("the vote of `{}`", decision.name));
        }
        for step in &decision.escalation {
            if let ir::EscalationStep::Vote { rule, .. } = step
                && rule.origin == RuleOrigin::Stated
            {
                window(cx, rule, || {
                    format!("an escalation vote of `{}`", decision.name)
                });
            }
        }
        cadences(cx, &decision.cadences);
    }
}

// The contexts are written only for a finding: most durations are exact, and formatting a context for each of
// them cost more than the rest of the check.

fn window(cx: &mut CheckContext, rule: &VoteRule, whose: impl FnOnce() -> String) {
    if let Some(window) = &rule.window {
        bound(cx, window, || format!("how long {} stays open", whose()));
    }
}

fn cadences(cx: &mut CheckContext, cadences: &[Cadence]) {
    for cadence in cadences {
        let context = "how often this recurs";
        match &cadence.every {
            Some(every) => duration(cx, every, || context.to_owned()),
            None => cx.report(
                no_figure(periodically_span(cadence.span), context)
                    .with_help("state the period, such as `every 1 month`"),
            ),
        }
    }
}

fn bound(cx: &mut CheckContext, bound: &DurationBound, context: impl FnOnce() -> String) {
    match &bound.duration {
        Some(d) => duration(cx, d, context),
        None => cx.report(
            no_figure(periodically_span(bound.span), &context())
                .with_help("state how long, such as `at least 7 days`"),
        ),
    }
}

fn duration(cx: &mut CheckContext, duration: &ir::Duration, context: impl FnOnce() -> String) {
    let text = &duration.text;
    let message = if duration.approximate {
        format!("`{text}` is approximate")
    } else if duration.value_max.is_some() {
        format!("`{text}` is a range, not one figure")
    } else {
        return;
    };
    let diagnostic = Diagnostic::new(
        &VAGUE_DURATION,
        message,
        Label::new(duration.span, context()),
    )
    .with_help(format!(
        "state the one figure the procedure requires, such as `{}`",
        exact(duration)
    ));
    cx.report(diagnostic);
}

fn no_figure(span: Span, context: &str) -> Diagnostic {
    Diagnostic::new(
        &VAGUE_DURATION,
        "`periodically` gives no figure",
        Label::new(span, context),
    )
}

/// The `periodically` keyword that ends a statement, or the whole statement if it is shorter.
fn periodically_span(statement: Span) -> Span {
    const KEYWORD: usize = "periodically".len();
    if statement.len() >= KEYWORD {
        Span::new(statement.end - KEYWORD, statement.end)
    } else {
        statement
    }
}

/// The largest figure of a vague duration, written exactly: `5 business days` for `~3-5 business days`.
fn exact(duration: &ir::Duration) -> String {
    let value = duration.value_max.unwrap_or(duration.value);
    let unit = match (duration.unit, value == 1) {
        (ir::TimeUnit::Hours, true) => "hour",
        (ir::TimeUnit::Hours, false) => "hours",
        (ir::TimeUnit::Days, true) => "day",
        (ir::TimeUnit::Days, false) => "days",
        (ir::TimeUnit::BusinessDays, true) => "business day",
        (ir::TimeUnit::BusinessDays, false) => "business days",
        (ir::TimeUnit::Weeks, true) => "week",
        (ir::TimeUnit::Weeks, false) => "weeks",
        (ir::TimeUnit::Months, true) => "month",
        (ir::TimeUnit::Months, false) => "months",
        (ir::TimeUnit::Years, true) => "year",
        (ir::TimeUnit::Years, false) => "years",
    };
    format!("{value} {unit}")
}
