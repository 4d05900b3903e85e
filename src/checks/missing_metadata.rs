//! `CH107` `missing-metadata`: a charter that does not say what it is.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A file with no `charter "Name" { source "URL" }` block, or one without a `source`.
    ///
    /// ## Why it matters
    /// A transcription is only trustworthy if a reader can compare it with the published text; comparisons
    /// and reports name charters by this metadata.
    ///
    /// ## Example
    /// ```charter
    /// role maintainer { size at least 1 }
    /// ```
    /// Use instead:
    /// ```charter
    /// charter "Example" { source "https://example.org/GOVERNANCE.md" }
    /// role maintainer { size at least 1 }
    /// ```
    pub(crate) MISSING_METADATA, "CH107", "missing-metadata", Warning
}

/// The diagnostic for missing metadata; `what` says what is missing.
pub(crate) fn diagnostic(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        &MISSING_METADATA,
        format!("the charter has no {what}"),
        Label::new(span, format!("no {what}")),
    )
    .with_help("add `charter \"Name\" { source \"https://...\" }` naming the published text")
}
