//! `CH003` `unknown-unit`: a duration with a unit charterc does not know.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A duration whose unit is not one of `hours`, `days`, `business days`, `weeks`, `months` or `years`
    /// (singular forms work too).
    ///
    /// ## Why it matters
    /// Waiting periods are compared across procedures and across charters; a unit charterc cannot convert
    /// cannot be compared, and is often a typo.
    ///
    /// ## Example
    /// ```charter
    /// discussion at least 7 dayz
    /// ```
    /// Use instead:
    /// ```charter
    /// discussion at least 7 days
    /// ```
    pub(crate) UNKNOWN_UNIT, "CH003", "unknown-unit", Error
}

/// The diagnostic for the unknown unit `unit` at `span`, with the closest known unit if any.
pub(crate) fn diagnostic(span: Span, unit: &str, suggestion: Option<&str>) -> Diagnostic {
    let res = Diagnostic::new(
        &UNKNOWN_UNIT,
        format!("unknown unit `{unit}`"),
        Label::new(span, "not a unit of time"),
    );
    match suggestion {
        Some(suggestion) => res.with_help(format!("did you mean `{suggestion}`?")),
        None => res.with_help("use `hours`, `days`, `business days`, `weeks`, `months` or `years`"),
    }
}
