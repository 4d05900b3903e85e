//! `CH301` `phase-minimum-above-maximum`: a waiting period whose minimum is longer than its maximum.

use std::collections::BTreeMap;

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, BoundKind, Duration, DurationBound, PhaseKind};

crate::declare_lint! {
    /// ## What it finds
    /// A phase of a decision (`discussion`, `notice`, `public`, `review`), or the silence period of a lazy
    /// consensus, whose minimum (`at least`, `exactly`) is longer than its maximum (`at most`, `exactly`),
    /// even when the minimum is read as short as possible and the maximum as long as possible (a month is 28
    /// to 31 days, so `at least 1 month` and `at most 30 days` do not contradict each other).
    ///
    /// ## Why it matters
    /// Nobody can follow the procedure: whenever the period ends, one of the two rules is broken, and any
    /// decision taken under it can be challenged.
    ///
    /// ## Example
    /// ```charter
    /// decision add_maintainer {
    ///   discussion at least 14 days
    ///   discussion at most 7 days
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision add_maintainer {
    ///   discussion at least 7 days
    ///   discussion at most 14 days
    /// }
    /// ```
    pub(crate) PHASE_MINIMUM_ABOVE_MAXIMUM, "CH301", "phase-minimum-above-maximum", Error
}

/// The name of a phase's waiting period, as messages say it.
pub(super) fn period_name(kind: PhaseKind) -> &'static str {
    match kind {
        PhaseKind::Discussion => "discussion period",
        PhaseKind::Notice => "notice period",
        PhaseKind::Public => "public period",
        PhaseKind::Review => "review period",
    }
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for decision in &charter.decisions {
        let mut phases: BTreeMap<PhaseKind, Vec<&DurationBound>> = BTreeMap::new();
        for phase in &decision.phases {
            phases.entry(phase.kind).or_default().push(&phase.bound);
        }
        for (kind, bounds) in &phases {
            compare(cx, &decision.name, period_name(*kind), bounds);
        }
        if let Some(lazy) = &decision.lazy_consensus {
            let silences: Vec<&DurationBound> = lazy.silences.iter().collect();
            compare(cx, &decision.name, "silence period", &silences);
        }
    }
}

/// Reports every minimum among `bounds` that is longer than a maximum among them.
fn compare(cx: &mut CheckContext, decision: &str, period: &str, bounds: &[&DurationBound]) {
    let minimums = bounds.iter().filter_map(|b| {
        let is_min = matches!(b.bound, BoundKind::AtLeast | BoundKind::Exactly);
        b.duration.as_ref().filter(|_| is_min).map(|d| (*b, d))
    });
    for (min_bound, min) in minimums {
        let maximums = bounds.iter().filter_map(|b| {
            let is_max = matches!(b.bound, BoundKind::AtMost | BoundKind::Exactly);
            b.duration.as_ref().filter(|_| is_max).map(|d| (*b, d))
        });
        for (max_bound, max) in maximums {
            // One `exactly` bound is its own minimum and maximum; two different `exactly` bounds are
            // `conflicting-durations`.
            let both_exact =
                min_bound.bound == BoundKind::Exactly && max_bound.bound == BoundKind::Exactly;
            if std::ptr::eq(min_bound, max_bound) || both_exact {
                continue;
            }
            if min.seconds.min > max.seconds.max {
                cx.report(diagnostic(decision, period, min_bound, min, max_bound, max));
            }
        }
    }
}

fn diagnostic(
    decision: &str,
    period: &str,
    min_bound: &DurationBound,
    min: &Duration,
    max_bound: &DurationBound,
    max: &Duration,
) -> Diagnostic {
    let min_word = bound_word(min_bound.bound);
    let max_word = bound_word(max_bound.bound);
    Diagnostic::new(
        &PHASE_MINIMUM_ABOVE_MAXIMUM,
        format!(
            "the {period} of `{decision}` must last {min_word} `{}` and {max_word} `{}`",
            min.text, max.text
        ),
        Label::new(min.span, "this minimum is longer than the maximum"),
    )
    .with_label(max.span, "the maximum")
    .with_help(
        "correct the figures so that the minimum is not above the maximum, or keep one bound",
    )
}

fn bound_word(bound: BoundKind) -> &'static str {
    match bound {
        BoundKind::AtLeast => "at least",
        BoundKind::AtMost => "at most",
        BoundKind::Exactly => "exactly",
        BoundKind::Unstated => "",
    }
}
