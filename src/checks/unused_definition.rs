//! `CH104` `unused-definition`: a role, body, external body or threshold that nothing refers to.

use std::collections::BTreeSet;

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, ItemKind};

crate::declare_lint! {
    /// ## What it finds
    /// A role, body, external body or threshold that no rule of the charter refers to: nobody of that role
    /// votes, proposes, decides or is excluded, and no role moves its members there.
    ///
    /// ## Why it matters
    /// A role the rules never mention has no rights in the charter, whatever the prose says about it.
    /// Often a rule that should name it was transcribed with another name, or was never written down.
    ///
    /// ## Example
    /// ```charter
    /// role maintainer { size at least 1 }
    /// role reviewer { size at least 1 }
    /// default vote { voters maintainer; passes when majority of members }
    /// ```
    /// Use instead: give the role its place in a rule (or remove it):
    /// ```charter
    /// default vote { voters maintainer, reviewer; passes when majority of members }
    /// ```
    pub(crate) UNUSED_DEFINITION, "CH104", "unused-definition", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    let used: BTreeSet<(ItemKind, usize)> = charter
        .references()
        .iter()
        .map(|r| (r.kind, r.index))
        .collect();
    let items = charter
        .roles
        .iter()
        .enumerate()
        .map(|(i, role)| (ItemKind::Role, i, &role.name, role.name_span))
        .chain(
            charter
                .bodies
                .iter()
                .enumerate()
                .map(|(i, b)| (ItemKind::Body, i, &b.name, b.name_span)),
        )
        .chain(
            charter
                .externals
                .iter()
                .enumerate()
                .map(|(i, e)| (ItemKind::External, i, &e.name, e.name_span)),
        )
        .chain(
            charter
                .thresholds
                .iter()
                .enumerate()
                .map(|(i, t)| (ItemKind::Threshold, i, &t.name, t.name_span)),
        );
    for (kind, index, name, span) in items {
        if used.contains(&(kind, index)) {
            continue;
        }
        let diagnostic = Diagnostic::new(
            &UNUSED_DEFINITION,
            format!(
                "{} `{name}` is never referred to by any rule",
                kind.keyword()
            ),
            Label::new(span, "defined here, never used"),
        )
        .with_help(format!(
            "name `{name}` in the rule that gives it its rights, or remove it"
        ));
        cx.report(diagnostic);
    }
}
