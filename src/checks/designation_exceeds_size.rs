//! `CH505` `designation-exceeds-size`: a procedure that needs more people than a role or body may have.

use std::collections::BTreeSet;

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Actor, Composition, ItemKind, Ref, SizeBounds};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A `designate N ROLE` whose role or body may have fewer than N members. A role's least size is its
    /// stated minimum, or 0 when no size is stated. A body's is its stated minimum; without one, a body that
    /// consists of all holders of some roles has at least the sum of their minimums, and any other body
    /// may be empty.
    ///
    /// ## Why it matters
    /// While the role has fewer members than the procedure needs, the procedure cannot be followed, and the
    /// case it exists for (often a complaint against a member) has no way to be handled.
    ///
    /// ## Example
    /// ```charter
    /// role maintainer { size at least 1 }
    /// decision enforce_conduct { designate 2 maintainer }
    /// ```
    /// Use instead:
    /// ```charter
    /// role maintainer { size at least 2 }
    /// decision enforce_conduct { designate 2 maintainer }
    /// ```
    pub(crate) DESIGNATION_EXCEEDS_SIZE, "CH505", "designation-exceeds-size", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for decision in &charter.decisions {
        for designation in &decision.designations {
            let Actor::Item { item } = &designation.of else {
                continue;
            };
            let least = least_size(charter, item, &mut BTreeSet::new());
            if least >= designation.count {
                continue;
            }
            let only = match least {
                0 => "none".to_owned(),
                n => format!("only {n}"),
            };
            let mut diagnostic = Diagnostic::new(
                &DESIGNATION_EXCEEDS_SIZE,
                format!(
                    "`{}` designates {} `{}` but there may be {only}",
                    decision.name, designation.count, item.name
                ),
                Label::new(
                    designation.span,
                    format!("needs {} `{}`", designation.count, item.name),
                ),
            );
            if let Some((span, label)) = size_statement(charter, item) {
                diagnostic = diagnostic.with_label(span, label);
            }
            cx.report(diagnostic.with_help(format!(
                "raise the minimum size of `{}` to {count} (`size at least {count}`), or designate fewer people",
                item.name,
                count = designation.count
            )));
        }
    }
}

/// The fewest members a role or body may have.
fn least_size(
    charter: &ir::Charter,
    item: &Ref,
    visiting: &mut BTreeSet<(ItemKind, usize)>,
) -> u64 {
    if !visiting.insert((item.kind, item.index)) {
        return 0;
    }
    let least = match item.kind {
        ItemKind::Role => charter.roles.get(item.index).map_or(0, |r| r.size.min),
        ItemKind::Body => match charter.bodies.get(item.index) {
            Some(body) if body.size.stated => body.size.min,
            Some(body) => match &body.composition {
                Composition::AllOf { of } => of
                    .iter()
                    .map(|r| least_size(charter, r, visiting))
                    .fold(0, u64::saturating_add),
                Composition::DrawnFrom { .. } | Composition::Unstated => 0,
            },
            None => 0,
        },
        ItemKind::External | ItemKind::Threshold | ItemKind::Decision => 0,
    };
    visiting.remove(&(item.kind, item.index));
    least
}

/// The `size` statement of a role or body, labelled, if it has one.
fn size_statement(charter: &ir::Charter, item: &Ref) -> Option<(Span, String)> {
    let size: SizeBounds = match item.kind {
        ItemKind::Role => charter.roles.get(item.index)?.size,
        ItemKind::Body => charter.bodies.get(item.index)?.size,
        ItemKind::External | ItemKind::Threshold | ItemKind::Decision => return None,
    };
    let span = size.span?;
    Some((
        span,
        format!("`{}` may have as few as {}", item.name, size.min),
    ))
}
