//! `CH109` `unused-allow`: an `allow` that suppresses nothing.

use crate::diagnostic::{Diagnostic, Label, Lint};
use crate::ir;

crate::declare_lint! {
    /// ## What it finds
    /// An `allow` statement for a finding that is not reported in the block where the `allow` is written.
    ///
    /// ## Why it matters
    /// The charter changed and the finding went away, or the `allow` sits in the wrong block. Either way it no
    /// longer documents anything, and it would silently accept the finding if it came back for another reason.
    ///
    /// ## Example
    /// ```charter
    /// decision add_maintainer {
    ///   allow minority-decides because "historical"
    ///   vote { voters maintainer; passes when yes >= 2/3 of members }
    /// }
    /// ```
    /// Use instead: remove the `allow`.
    /// ```charter
    /// decision add_maintainer {
    ///   vote { voters maintainer; passes when yes >= 2/3 of members }
    /// }
    /// ```
    pub(crate) UNUSED_ALLOW, "CH109", "unused-allow", Warning
}

/// An `allow` of `lint` that matched no finding.
pub(crate) fn diagnostic(allow: &ir::Allow, lint: &Lint) -> Diagnostic {
    Diagnostic::new(
        &UNUSED_ALLOW,
        format!("`allow {}` suppresses nothing here", allow.lint),
        Label::new(
            allow.span,
            format!("no `{}` finding in this block", lint.name),
        ),
    )
    .with_help("remove this `allow`, or move it into the block the finding points at")
}
