//! `CH102` `duplicate-definition`: two items with the same name.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// Two items (roles, bodies, external bodies, thresholds, decisions) with the same name, or a second
    /// `charter` or `default vote` block. All names share one namespace.
    ///
    /// ## Why it matters
    /// A reference to the name could mean either item, and the two may say different things; charterc keeps the
    /// first and ignores the second.
    ///
    /// ## Example
    /// ```charter
    /// role maintainer { size at least 1 }
    /// body maintainer { consists of all maintainer }
    /// ```
    /// Use instead:
    /// ```charter
    /// role maintainer { size at least 1 }
    /// body council { consists of all maintainer }
    /// ```
    pub(crate) DUPLICATE_DEFINITION, "CH102", "duplicate-definition", Error
}

/// The diagnostic for a second definition of `name` at `span`, first defined at `first`.
pub(crate) fn diagnostic(span: Span, name: &str, first: Span) -> Diagnostic {
    Diagnostic::new(
        &DUPLICATE_DEFINITION,
        format!("`{name}` is defined twice"),
        Label::new(span, "defined again here"),
    )
    .with_label(first, "first defined here")
    .with_help(format!(
        "rename or remove one of the two definitions of `{name}`"
    ))
}
