//! `CH002` `invalid-number`: a number charterc cannot use exactly.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A number that is too large to reason about exactly (above 1,000,000,000), or a fraction whose
    /// denominator is zero.
    ///
    /// ## Why it matters
    /// charterc evaluates every vote rule in exact integer arithmetic; a number it cannot represent exactly would
    /// make every answer about the rule unreliable.
    ///
    /// ## Example
    /// ```charter
    /// passes when yes >= 2/0 of members
    /// ```
    /// Use instead:
    /// ```charter
    /// passes when yes >= 2/3 of members
    /// ```
    pub(crate) INVALID_NUMBER, "CH002", "invalid-number", Error
}

/// The diagnostic for an unusable number at `span`.
pub(crate) fn diagnostic(span: Span, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(&INVALID_NUMBER, message, Label::new(span, "this number")).with_help(help)
}
