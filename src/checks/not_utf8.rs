//! `CH006` `not-utf8`: a file that is not UTF-8 text.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A charter file whose bytes are not valid UTF-8, such as a file saved in Latin-1 or a binary file.
    ///
    /// ## Why it matters
    /// charterc reads charters as UTF-8 text; it reports the first invalid byte rather than guessing an encoding
    /// and reading names wrongly.
    ///
    /// ## Example
    /// A file containing the Latin-1 byte `0xE9` for `é`. Re-save the file as UTF-8.
    pub(crate) NOT_UTF8, "CH006", "not-utf8", Error
}

/// The diagnostic for an invalid byte at `offset`.
pub(crate) fn diagnostic(offset: usize) -> Diagnostic {
    Diagnostic::new(
        &NOT_UTF8,
        format!("the file is not UTF-8 text: invalid byte at offset {offset}"),
        Label::new(Span::new(offset, offset), "invalid UTF-8 here"),
    )
    .with_help("save the file as UTF-8")
}
