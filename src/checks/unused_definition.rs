//! `CH104` `unused-definition`: a role, body, external body or threshold that nothing refers to.

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
    // One flag per item, indexed like the charter's lists: marking and looking up cost O(1), where a set of
    // every reference cost a sort of all of them.
    let mut used = Used {
        roles: vec![false; charter.roles.len()],
        bodies: vec![false; charter.bodies.len()],
        externals: vec![false; charter.externals.len()],
        thresholds: vec![false; charter.thresholds.len()],
    };
    for reference in charter.references() {
        if let Some(flag) = used
            .flags(reference.kind)
            .and_then(|flags| flags.get_mut(reference.index))
        {
            *flag = true;
        }
    }
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
        if used
            .flags(kind)
            .and_then(|flags| flags.get(index).copied())
            .unwrap_or(false)
        {
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

/// Which roles, bodies, externals and thresholds some rule refers to.
struct Used {
    roles: Vec<bool>,
    bodies: Vec<bool>,
    externals: Vec<bool>,
    thresholds: Vec<bool>,
}

impl Used {
    /// The flags of the items of `kind`; `None` for decisions, which this check does not report.
    fn flags(&mut self, kind: ItemKind) -> Option<&mut Vec<bool>> {
        match kind {
            ItemKind::Role => Some(&mut self.roles),
            ItemKind::Body => Some(&mut self.bodies),
            ItemKind::External => Some(&mut self.externals),
            ItemKind::Threshold => Some(&mut self.thresholds),
            ItemKind::Decision => None,
        }
    }
}
