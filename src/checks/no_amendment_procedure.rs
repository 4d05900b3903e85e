//! `CH603` `no-amendment-procedure`: a charter that says nothing about how it can be changed.

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Purpose};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A charter in which no decision has `purpose amend charter`.
    ///
    /// ## Why it matters
    /// Every charter is changed sooner or later. Without a stated procedure, whoever controls the repository
    /// can change the rules, or nobody legitimately can, and every change can be contested.
    ///
    /// ## Example
    /// ```charter
    /// charter "Example" { source "https://example.org/GOVERNANCE.md" }
    /// role maintainer { size at least 1; join by add_maintainer; leave by resignation }
    /// decision add_maintainer { vote { voters maintainer; passes when yes >= 2/3 of members } }
    /// ```
    /// Use instead (add the decision that changes the charter):
    /// ```charter
    /// decision amend_charter {
    ///   purpose amend charter
    ///   vote { voters maintainer; passes when yes >= 2/3 of members }
    /// }
    /// ```
    pub(crate) NO_AMENDMENT_PROCEDURE, "CH603", "no-amendment-procedure", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    let amendable = charter.decisions.iter().any(|decision| {
        decision
            .purposes
            .iter()
            .any(|entry| entry.purpose == Purpose::AmendCharter)
    });
    if amendable {
        return;
    }
    // The `charter` keyword of the metadata block, or the start of the file.
    let span = charter.meta.span.map_or(Span::new(0, 0), |block| {
        Span::new(block.start, (block.start + "charter".len()).min(block.end))
    });
    let diagnostic = Diagnostic::new(
        &NO_AMENDMENT_PROCEDURE,
        "the charter has no procedure to amend it",
        Label::new(span, "no decision has `purpose amend charter`"),
    )
    .with_help(
        "add a decision with `purpose amend charter` that says who may change the charter and by which rule",
    );
    cx.report(diagnostic);
}
