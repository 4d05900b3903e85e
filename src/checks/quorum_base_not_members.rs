//! `CH106` `quorum-base-not-members`: a quorum measured against something other than the members.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A quorum written as a share of `participating`, `cast` or `votes`.
    ///
    /// ## Why it matters
    /// A quorum is a condition on turnout: how many of the members took part. Measured against the votes
    /// themselves it is always met, so it does not do what a quorum is for.
    ///
    /// ## Example
    /// ```charter
    /// quorum 60% of cast
    /// ```
    /// Use instead:
    /// ```charter
    /// quorum 60% of members not counting abstentions
    /// ```
    pub(crate) QUORUM_BASE_NOT_MEMBERS, "CH106", "quorum-base-not-members", Error
}

/// The diagnostic for a quorum at `span` measured against `base`.
pub(crate) fn diagnostic(span: Span, base: &str) -> Diagnostic {
    Diagnostic::new(
        &QUORUM_BASE_NOT_MEMBERS,
        format!("a quorum is measured against the members, not `{base}`"),
        Label::new(span, format!("a share of `{base}`")),
    )
    .with_help(
        "write the quorum as a share `of members`, and say whether abstentions count towards it",
    )
}
