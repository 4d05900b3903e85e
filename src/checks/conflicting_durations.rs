//! `CH302` `conflicting-durations`: two different figures for the same waiting period of one decision.

use std::collections::BTreeMap;

use crate::checks::CheckContext;
use crate::checks::phase_minimum_above_maximum::period_name;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, BoundKind, Duration, DurationBound, Seconds};

crate::declare_lint! {
    /// ## What it finds
    /// Two statements of the same phase of one decision with the same bound (`discussion at least 7 days` and
    /// `discussion at least 14 days`), or two `silence` statements of one lazy consensus with the same bound,
    /// whose figures cannot be the same length under any reading. Repeating a figure (`7 days` and `1 week`)
    /// is not reported, and neither are figures that overlap (`1 month` and `30 days`, since a month is 28
    /// to 31 days).
    ///
    /// ## Why it matters
    /// The charter states one rule twice and the two disagree: people will follow whichever figure they read
    /// first, and a decision taken after the shorter period can be challenged under the longer one.
    ///
    /// ## Example
    /// ```charter
    /// decision add_maintainer {
    ///   discussion at least 7 days
    ///   discussion at least 14 days
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision add_maintainer {
    ///   discussion at least 14 days
    /// }
    /// ```
    pub(crate) CONFLICTING_DURATIONS, "CH302", "conflicting-durations", Error
}

/// The bound kinds in a fixed order, to group statements by.
fn bound_key(bound: BoundKind) -> u8 {
    match bound {
        BoundKind::AtLeast => 0,
        BoundKind::AtMost => 1,
        BoundKind::Exactly => 2,
        BoundKind::Unstated => 3,
    }
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for decision in &charter.decisions {
        let mut groups: BTreeMap<(ir::PhaseKind, u8), Vec<&DurationBound>> = BTreeMap::new();
        for phase in &decision.phases {
            groups
                .entry((phase.kind, bound_key(phase.bound.bound)))
                .or_default()
                .push(&phase.bound);
        }
        for ((kind, _), bounds) in &groups {
            compare(cx, &decision.name, period_name(*kind), bounds);
        }
        if let Some(lazy) = &decision.lazy_consensus {
            let mut silences: BTreeMap<u8, Vec<&DurationBound>> = BTreeMap::new();
            for silence in &lazy.silences {
                silences
                    .entry(bound_key(silence.bound))
                    .or_default()
                    .push(silence);
            }
            for bounds in silences.values() {
                compare(cx, &decision.name, "silence period", bounds);
            }
        }
    }
}

/// Reports every statement among `bounds` (all of one bound kind) that conflicts with an earlier one.
fn compare(cx: &mut CheckContext, decision: &str, period: &str, bounds: &[&DurationBound]) {
    let durations: Vec<(BoundKind, &Duration)> = bounds
        .iter()
        .filter_map(|b| b.duration.as_ref().map(|d| (b.bound, d)))
        .collect();
    for (i, (bound, later)) in durations.iter().enumerate() {
        let earlier = durations
            .iter()
            .take(i)
            .map(|(_, d)| d)
            .find(|d| disjoint(d.seconds, later.seconds));
        if let Some(earlier) = earlier {
            cx.report(diagnostic(decision, period, *bound, earlier, later));
        }
    }
}

/// Whether no reading of `a` has the length of a reading of `b`.
fn disjoint(a: Seconds, b: Seconds) -> bool {
    a.max < b.min || b.max < a.min
}

fn diagnostic(
    decision: &str,
    period: &str,
    bound: BoundKind,
    earlier: &Duration,
    later: &Duration,
) -> Diagnostic {
    let which = match bound {
        BoundKind::AtLeast => "minimum ",
        BoundKind::AtMost => "maximum ",
        BoundKind::Exactly => "exact ",
        BoundKind::Unstated => "",
    };
    Diagnostic::new(
        &CONFLICTING_DURATIONS,
        format!(
            "two different {which}{period}s for `{decision}`: `{}` and `{}`",
            earlier.text, later.text
        ),
        Label::new(later.span, format!("given as `{}` here", later.text)),
    )
    .with_label(
        earlier.span,
        format!("first given as `{}` here", earlier.text),
    )
    .with_help("keep the figure the text means and remove the other statement")
}
