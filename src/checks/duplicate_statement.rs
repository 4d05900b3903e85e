//! `CH105` `duplicate-statement`: a statement given twice where only one makes sense.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A statement that may appear once per block written twice: two `size`, two `voters`, two `passes when`,
    /// two `quorum`, or a decision with both `decided by` and its own `vote`.
    ///
    /// ## Why it matters
    /// The two statements may disagree, and the charter does not say which one wins; charterc keeps the first.
    ///
    /// ## Example
    /// ```charter
    /// vote {
    ///   voters maintainer
    ///   passes when majority of members
    ///   passes when yes >= 2/3 of members
    /// }
    /// ```
    /// Use instead (all conditions must hold, in one statement):
    /// ```charter
    /// vote {
    ///   voters maintainer
    ///   passes when yes >= 2/3 of members
    /// }
    /// ```
    pub(crate) DUPLICATE_STATEMENT, "CH105", "duplicate-statement", Error
}

/// The diagnostic for a second `what` at `span`, first given at `first`.
pub(crate) fn diagnostic(span: Span, what: &str, first: Span) -> Diagnostic {
    Diagnostic::new(
        &DUPLICATE_STATEMENT,
        format!("{what} is given twice"),
        Label::new(span, "given again here"),
    )
    .with_label(first, "first given here")
    .with_help("keep one of the two statements")
}
