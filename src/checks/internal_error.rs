//! `CH000` `internal-error`: charterc itself went wrong.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A state that charterc's own code did not expect, such as the parser and the syntax-tree builder
    /// disagreeing about a construct.
    ///
    /// ## Why it matters
    /// It is a bug in charterc, not in your charter. charterc reports it instead of crashing, so the rest of the
    /// run (other files, other outputs) still completes.
    ///
    /// ## Example
    /// No charter should produce it. If one does, please report it with the charter that triggers it.
    pub(crate) INTERNAL_ERROR, "CH000", "internal-error", Error
}

/// The diagnostic for an internal error at `span`.
pub(crate) fn diagnostic(span: Span, detail: &str) -> Diagnostic {
    Diagnostic::new(
        &INTERNAL_ERROR,
        format!("internal error: {detail}"),
        Label::new(span, "while reading this"),
    )
    .with_help("this is a bug in charterc; please report it with the charter that triggers it")
}
