//! `CH108` `invalid-allow`: an `allow` that cannot apply.

use crate::diagnostic::{Diagnostic, Label, Lint};
use crate::ir;

crate::declare_lint! {
    /// ## What it finds
    /// An `allow` statement that names no known finding, names an error (a contradiction, which cannot be
    /// accepted), or gives an empty reason.
    ///
    /// ## Why it matters
    /// An `allow` is a promise that someone looked at a finding and accepted it for a reason. One that cannot
    /// apply hides nothing today and may hide the wrong thing tomorrow; a typo in its code silently allows nothing.
    ///
    /// ## Example
    /// ```charter
    /// decision add_reviewer {
    ///   allow minority-decide because "reviewers are low-stakes"
    ///   vote { voters maintainer; passes when yes >= 1/3 of members }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision add_reviewer {
    ///   allow minority-decides because "reviewers are low-stakes"
    ///   vote { voters maintainer; passes when yes >= 1/3 of members }
    /// }
    /// ```
    pub(crate) INVALID_ALLOW, "CH108", "invalid-allow", Warning
}

/// An `allow` naming no finding.
pub(crate) fn unknown(allow: &ir::Allow) -> Diagnostic {
    let suggestion = crate::checks::ALL
        .iter()
        .map(|lint| {
            (
                strsim::damerau_levenshtein(&allow.lint, lint.name),
                lint.name,
            )
        })
        .filter(|(distance, _)| *distance <= 3)
        .min()
        .map(|(_, name)| name);
    let res = Diagnostic::new(
        &INVALID_ALLOW,
        format!("`allow {}` names no finding", allow.lint),
        Label::new(allow.span, "unknown code or name"),
    );
    match suggestion {
        Some(name) => res.with_help(format!("did you mean `{name}`?")),
        None => res.with_help("`charterc explain` lists every finding's code and name"),
    }
}

/// An `allow` naming an error.
pub(crate) fn error(allow: &ir::Allow, lint: &Lint) -> Diagnostic {
    Diagnostic::new(
        &INVALID_ALLOW,
        format!(
            "`{}` ({}) is an error and cannot be allowed",
            lint.code, lint.name
        ),
        Label::new(allow.span, "a contradiction cannot be accepted"),
    )
    .with_help("fix the contradiction instead, then remove this `allow`")
}

/// An `allow` with an empty reason.
pub(crate) fn no_reason(allow: &ir::Allow) -> Diagnostic {
    Diagnostic::new(
        &INVALID_ALLOW,
        format!("`allow {}` gives no reason", allow.lint),
        Label::new(allow.span, "empty reason"),
    )
    .with_help("say in the `because \"...\"` why the finding is acceptable")
}
