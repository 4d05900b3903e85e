//! `CH009` `name-too-long`: a name longer than charterc accepts.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A name (of a role, body, decision, threshold or external body, or of a finding in an `allow`) longer
    /// than 128 bytes.
    ///
    /// ## Why it matters
    /// Names are identifiers, such as `maintainer` or `security_team`, not sentences; a name of hundreds of
    /// characters is a missing space or a missing quote. The limit also bounds the cost of the "did you mean"
    /// suggestions, which compare names with each other. Like a syntax error, it ends the check of the file.
    ///
    /// ## Example
    /// ```charter
    /// external coc CNCF_Code_of_Conduct_Committee_which_hears_appeals_from_any_project_member_who_disagrees_with_a_decision_of_the_maintainers "CNCF"
    /// ```
    /// Use instead:
    /// ```charter
    /// external cncf_coc "CNCF Code of Conduct Committee"
    /// ```
    pub(crate) NAME_TOO_LONG, "CH009", "name-too-long", Error
}

/// The longest name, in bytes.
pub(crate) const MAX_NAME_BYTES: usize = 128;

/// The diagnostic for the name at `span`, `len` bytes long.
pub(crate) fn diagnostic(span: Span, len: usize) -> Diagnostic {
    Diagnostic::new(
        &NAME_TOO_LONG,
        format!("this name is {len} bytes long (the limit is {MAX_NAME_BYTES})"),
        Label::new(span, "this name"),
    )
    .with_help("use a short identifier such as `security_team`, and put longer text in a string")
}
