//! `CH305` `lazy-consensus-without-silence`: a lazy consensus that never says how long silence must last.

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir;
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A `lazy consensus { ... }` block with no `silence` statement.
    ///
    /// ## Why it matters
    /// Under lazy consensus a proposal passes when nobody objects for long enough. Without a silence period
    /// nobody knows when silence becomes consent: a proposal can be merged minutes after it is made, before
    /// anyone who would object has seen it.
    ///
    /// ## Example
    /// ```charter
    /// decision general_business {
    ///   lazy consensus { on objection -> default vote }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// decision general_business {
    ///   lazy consensus { silence at least 72 hours; on objection -> default vote }
    /// }
    /// ```
    pub(crate) LAZY_CONSENSUS_WITHOUT_SILENCE, "CH305", "lazy-consensus-without-silence", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for decision in &charter.decisions {
        let Some(lazy) = &decision.lazy_consensus else {
            continue;
        };
        if !lazy.silences.is_empty() {
            continue;
        }
        // The block's keywords, not the whole block.
        let end = lazy.span.start + "lazy consensus".len();
        let keyword = if end <= lazy.span.end {
            Span::new(lazy.span.start, end)
        } else {
            lazy.span
        };
        let diagnostic = Diagnostic::new(
            &LAZY_CONSENSUS_WITHOUT_SILENCE,
            format!(
                "the lazy consensus of `{}` has no silence period",
                decision.name
            ),
            Label::new(keyword, "no `silence` in this block"),
        )
        .with_help(
            "add `silence at least DURATION`: how long nobody may object before the proposal passes",
        );
        cx.report(diagnostic);
    }
}
