//! `CH103` `wrong-kind-reference`: a reference to an item of the wrong kind.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A name used where another kind of item is expected: a decision used as a role, a role used as the
    /// decision that admits members, an external body given a vote.
    ///
    /// ## Why it matters
    /// The rule then says something that cannot be done, such as "the members of `add_maintainer` vote".
    ///
    /// ## Example
    /// ```charter
    /// role maintainer { join by maintainer }
    /// ```
    /// Use instead:
    /// ```charter
    /// role maintainer { join by add_maintainer }
    /// decision add_maintainer { vote { voters maintainer; passes when majority of members } }
    /// ```
    pub(crate) WRONG_KIND_REFERENCE, "CH103", "wrong-kind-reference", Error
}

/// The diagnostic for `name` at `span`, a `found` defined at `definition`, where a `expected` is needed.
pub(crate) fn diagnostic(
    span: Span,
    name: &str,
    found: &str,
    expected: &str,
    definition: Span,
) -> Diagnostic {
    Diagnostic::new(
        &WRONG_KIND_REFERENCE,
        format!("`{name}` is a {found}, but a {expected} is expected here"),
        Label::new(span, format!("expected a {expected}")),
    )
    .with_label(definition, format!("`{name}` is defined as a {found} here"))
    .with_help(format!("refer to a {expected} here"))
}
