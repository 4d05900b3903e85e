//! `CH213` `undefined-threshold`: a pass condition that names a threshold the charter never defines.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A pass condition that is a name, such as `passes when supermajority`, where the charter defines no
    /// `threshold` of that name. Texts often say "a supermajority" and never say how much that is.
    ///
    /// ## Why it matters
    /// Without a definition the vote has no rule: a "supermajority" is two thirds to some readers, three fifths
    /// or three quarters to others. charterc leaves the condition out of the analysis and reports it, so the
    /// transcription can stay faithful to a text that is vague.
    ///
    /// ## Example
    /// ```charter
    /// decision amend { vote { voters maintainer; passes when supermajority } }
    /// ```
    /// Use instead:
    /// ```charter
    /// threshold supermajority { yes >= 2/3 of members }
    /// decision amend { vote { voters maintainer; passes when supermajority } }
    /// ```
    pub(crate) UNDEFINED_THRESHOLD, "CH213", "undefined-threshold", Warning
}

/// The diagnostic for the undefined threshold `name` at `span`.
pub(crate) fn diagnostic(span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(
        &UNDEFINED_THRESHOLD,
        format!("`{name}` is used as a threshold but never defined"),
        Label::new(span, "how much is this?"),
    )
    .with_help(format!(
        "define it: `threshold {name} {{ yes >= 2/3 of members }}`, with the figure the text means"
    ))
}
