//! `CH501` `role-without-admission`: a role nobody can join.

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, ItemKind, Purpose};

crate::declare_lint! {
    /// ## What it finds
    /// A role with no `join by DECISION`, no `join open`, that no other role's exit moves members into
    /// (`leave by resignation -> emeritus` makes `emeritus` reachable), and that no decision admits, appoints
    /// or elects members to (`purpose admit ROLE`, `purpose appoint ROLE`, `purpose elect ROLE`).
    ///
    /// ## Why it matters
    /// The role has no documented way in: either its members are chosen informally, by whoever happens to
    /// hold power, or the role dies out as its members leave. Both are what a charter is meant to prevent.
    ///
    /// ## Example
    /// ```charter
    /// role committer { leave by resignation }
    /// ```
    /// Use instead:
    /// ```charter
    /// role committer { join by add_committer; leave by resignation }
    /// decision add_committer { vote { voters maintainer; passes when majority of members } }
    /// ```
    pub(crate) ROLE_WITHOUT_ADMISSION, "CH501", "role-without-admission", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    // The roles that some other role's exit moves members into, or that a decision admits to: found once, so
    // that the check is linear in the number of roles and decisions.
    let mut entered = vec![false; charter.roles.len()];
    for (from, role) in charter.roles.iter().enumerate() {
        for exit in &role.exits {
            if let Some(target) = &exit.target
                && target.kind == ItemKind::Role
                && target.index != from
                && let Some(slot) = entered.get_mut(target.index)
            {
                *slot = true;
            }
        }
    }
    for decision in &charter.decisions {
        for entry in &decision.purposes {
            if let Purpose::Admit { role: target }
            | Purpose::Appoint { body: target }
            | Purpose::Elect { body: target } = &entry.purpose
                && target.kind == ItemKind::Role
                && let Some(slot) = entered.get_mut(target.index)
            {
                *slot = true;
            }
        }
    }
    for (index, role) in charter.roles.iter().enumerate() {
        if role.open_join
            || !role.join_by.is_empty()
            || entered.get(index).copied().unwrap_or(false)
        {
            continue;
        }
        let diagnostic = Diagnostic::new(
            &ROLE_WITHOUT_ADMISSION,
            format!("role `{}` has no way to join", role.name),
            Label::new(role.name_span, "no decision admits members to this role"),
        )
        .with_help(format!(
            "add `join by DECISION` to `{}` naming the decision that admits members, or `join open` if anyone may join",
            role.name
        ));
        cx.report(diagnostic);
    }
}
