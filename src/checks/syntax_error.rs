//! `CH001` `syntax-error`: the text is not a charter.

use crate::diagnostic::{Diagnostic, Label};

crate::declare_lint! {
    /// ## What it finds
    /// Text that does not follow the charter language: a misspelt keyword, a missing `}`, a statement in the
    /// wrong block, a number where a name belongs, a string with an unknown escape or not closed on its line.
    ///
    /// ## Why it matters
    /// charterc cannot tell what a charter means until it can read it; nothing else is checked in a file with a
    /// syntax error.
    ///
    /// ## Example
    /// ```charter
    /// role maintainer {
    ///   sise at least 1
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// role maintainer {
    ///   size at least 1
    /// }
    /// ```
    pub(crate) SYNTAX_ERROR, "CH001", "syntax-error", Error
}

/// The diagnostic for a syntax error.
pub(crate) fn diagnostic(message: String, primary: Label) -> Diagnostic {
    Diagnostic::new(&SYNTAX_ERROR, message, primary)
}
