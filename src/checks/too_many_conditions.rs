//! `CH011` `too-many-conditions`: a vote rule or threshold with more conditions than charterc analyses.

use crate::diagnostic::{Diagnostic, Label};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A `passes when` or a `threshold` with more than 32 conditions, counting the conditions of every named
    /// threshold (and of `approved`) it uses, as they are expanded.
    ///
    /// ## Why it matters
    /// Published rules have one to four conditions. Named thresholds are expanded into the rules that use them,
    /// so a threshold that names another several times can multiply its conditions at every level (`t2` names
    /// `t1` twice, `t3` names `t2` twice, ...); the limit keeps the checked model and the vote arithmetic of
    /// every rule small whatever the text. Only the first 32 conditions are kept.
    ///
    /// ## Example
    /// ```charter
    /// threshold t1 { yes >= 2/3 of members and no == 0 }
    /// threshold t2 { t1 and t1 and t1 and t1 }
    /// threshold t3 { t2 and t2 and t2 and t2 and t2 }
    /// ```
    /// `t3` has 40 conditions, 38 of them repeated. Use instead:
    /// ```charter
    /// threshold t1 { yes >= 2/3 of members and no == 0 }
    /// ```
    pub(crate) TOO_MANY_CONDITIONS, "CH011", "too-many-conditions", Error
}

/// The most conditions of one rule or threshold, once named thresholds are expanded.
pub(crate) const MAX_CONDITIONS: usize = 32;

/// The diagnostic for the conditions at `span`, `count` of them once expanded.
pub(crate) fn diagnostic(span: Span, count: usize) -> Diagnostic {
    Diagnostic::new(
        &TOO_MANY_CONDITIONS,
        format!("these conditions expand to {count} conditions (the limit is {MAX_CONDITIONS})"),
        Label::new(span, "named thresholds included"),
    )
    .with_help(
        "state each condition once; a threshold used several times adds its conditions each time",
    )
}
