//! `CH004` `reversed-range`: a range whose minimum is above its maximum.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A range written with its bounds the wrong way round: `size 7 to 3`, `5-3 days`.
    ///
    /// ## Why it matters
    /// No number lies in such a range, so the rule cannot be followed: a body that must have at least 7 and at
    /// most 3 members cannot exist.
    ///
    /// ## Example
    /// ```charter
    /// size 7 to 3
    /// ```
    /// Use instead:
    /// ```charter
    /// size 3 to 7
    /// ```
    pub(crate) REVERSED_RANGE, "CH004", "reversed-range", Error
}

/// The diagnostic for a range from `low` to `high` at `span`.
pub(crate) fn diagnostic(span: Span, low: u64, high: u64) -> Diagnostic {
    Diagnostic::new(
        &REVERSED_RANGE,
        format!("the range goes from {low} down to {high}, so nothing is in it"),
        Label::new(span, format!("minimum {low} is above maximum {high}")),
    )
    .with_help(format!(
        "write the smaller bound first: `{high}` then `{low}`"
    ))
}
