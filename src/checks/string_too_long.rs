//! `CH010` `string-too-long`: a string longer than charterc accepts.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A quoted string (a title, a URL, a member's name, a purpose, a reason) longer than 4,096 bytes.
    ///
    /// ## Why it matters
    /// Strings in a charter are titles, links and short reasons; a string of thousands of characters is almost
    /// always an unclosed quote that swallowed the rest of a line, or text pasted into the wrong place. Like a
    /// syntax error, it ends the check of the file.
    ///
    /// ## Example
    /// An `allow` whose reason quotes a whole section of the governance text. Keep the reason to a sentence or
    /// two, and link to the text with the charter's `source`.
    pub(crate) STRING_TOO_LONG, "CH010", "string-too-long", Error
}

/// The longest string, in bytes, between its quotes and before escapes are resolved.
pub(crate) const MAX_STRING_BYTES: usize = 4_096;

/// The diagnostic for a string starting at `start` whose contents are `len` bytes long; the label is on its opening
/// quote.
pub(crate) fn diagnostic(start: usize, len: usize) -> Diagnostic {
    Diagnostic::new(
        &STRING_TOO_LONG,
        format!("this string is {len} bytes long (the limit is {MAX_STRING_BYTES})"),
        Label::new(Span::new(start, start + 1), "this string starts here"),
    )
    .with_help("shorten the text, or check for a quote that is not closed where you meant")
}
