//! `CH101` `undefined-reference`: a name that no item defines.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A reference to a role, body, external body, threshold or decision that the charter does not define.
    ///
    /// ## Why it matters
    /// A rule that names nobody cannot be followed: `voters maintainers` when the role is `maintainer` leaves the
    /// electorate undefined, and every figure about that vote with it.
    ///
    /// ## Example
    /// ```charter
    /// role maintainer { size at least 1 }
    /// default vote { voters maintainers; passes when majority of members }
    /// ```
    /// Use instead:
    /// ```charter
    /// role maintainer { size at least 1 }
    /// default vote { voters maintainer; passes when majority of members }
    /// ```
    pub(crate) UNDEFINED_REFERENCE, "CH101", "undefined-reference", Error
}

/// The diagnostic for `name` at `span`, expected to be a `what`, with the closest defined name if any.
pub(crate) fn diagnostic(
    span: Span,
    name: &str,
    what: &str,
    suggestion: Option<&str>,
) -> Diagnostic {
    let res = Diagnostic::new(
        &UNDEFINED_REFERENCE,
        format!("`{name}` is not defined"),
        Label::new(span, format!("no {what} named `{name}`")),
    );
    match suggestion {
        Some(suggestion) => res.with_help(format!("did you mean `{suggestion}`?")),
        None => res.with_help(format!("define `{name}`, or refer to an existing {what}")),
    }
}

/// The diagnostic for a reference to a block that does not exist, such as `decided by default vote` in a charter
/// with no `default vote`.
pub(crate) fn missing_block(span: Span, message: &str, label: &str, help: &str) -> Diagnostic {
    Diagnostic::new(&UNDEFINED_REFERENCE, message, Label::new(span, label)).with_help(help)
}
