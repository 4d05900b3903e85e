//! `CH005` `fraction-out-of-range`: a share that is not between 0 (excluded) and 1 (included).

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A share of a base that is zero or more than the whole: `0/3 of members`, `3/2 of members`, `150%`.
    ///
    /// ## Why it matters
    /// A threshold of zero passes with nobody in favour; a threshold above the whole can never be met.
    /// Either way the rule does not say what its authors meant.
    ///
    /// ## Example
    /// ```charter
    /// passes when yes >= 3/2 of members
    /// ```
    /// Use instead:
    /// ```charter
    /// passes when yes >= 2/3 of members
    /// ```
    pub(crate) FRACTION_OUT_OF_RANGE, "CH005", "fraction-out-of-range", Error
}

/// The diagnostic for the share `text` at `span`.
pub(crate) fn diagnostic(span: Span, text: &str) -> Diagnostic {
    Diagnostic::new(
        &FRACTION_OUT_OF_RANGE,
        format!("the share `{text}` is outside the range from 0 (excluded) to 1 (included)"),
        Label::new(span, "not a share of a whole"),
    )
    .with_help("use a fraction such as `2/3` or a percentage such as `60%`")
}
