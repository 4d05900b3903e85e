//! `CH504` `members-outside-size-bounds`: more or fewer listed members than the stated size allows.

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Member, SizeBounds};

crate::declare_lint! {
    /// ## What it finds
    /// A role or body with a stated `size` and a `members` list whose length is below the minimum or above
    /// the maximum. Every listed name counts, placeholders included.
    ///
    /// ## Why it matters
    /// The charter contradicts itself: either the list is out of date, or the body is not constituted as the
    /// charter requires, and its decisions can be challenged (too few members to act, or a seat held by
    /// someone the rules do not allow).
    ///
    /// ## Example
    /// ```charter
    /// body steering { drawn from committer; size 3 to 5; members "Ada Quill", "Chen Ilori" }
    /// ```
    /// Use instead:
    /// ```charter
    /// body steering { drawn from committer; size 3 to 5; members "Ada Quill", "Chen Ilori", "Dana Vos" }
    /// ```
    pub(crate) MEMBERS_OUTSIDE_SIZE_BOUNDS, "CH504", "members-outside-size-bounds", Error
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for role in &charter.roles {
        compare(cx, "role", &role.name, role.size, &role.members);
    }
    for body in &charter.bodies {
        compare(cx, "body", &body.name, body.size, &body.members);
    }
}

fn compare(cx: &mut CheckContext, kind: &str, name: &str, size: SizeBounds, members: &[Member]) {
    let (Some(first), Some(last)) = (members.first(), members.last()) else {
        return;
    };
    if !size.stated {
        return;
    }
    let count = u64::try_from(members.len()).unwrap_or(u64::MAX);
    let listed = plural(count, "member");
    let (message, help) = if count < size.min {
        (
            format!(
                "{kind} `{name}` lists {listed}, fewer than its minimum size of {}",
                size.min
            ),
            "list every current member, or lower the minimum size",
        )
    } else if let Some(max) = size.max.filter(|max| count > *max) {
        (
            format!("{kind} `{name}` lists {listed}, more than its maximum size of {max}"),
            "remove the names of those who no longer hold a seat, or raise the maximum size",
        )
    } else {
        return;
    };
    let mut diagnostic = Diagnostic::new(
        &MEMBERS_OUTSIDE_SIZE_BOUNDS,
        message,
        Label::new(first.span.cover(last.span), format!("{listed} listed")),
    );
    if let Some(span) = size.span {
        diagnostic = diagnostic.with_label(span, format!("the size is {}", describe(size)));
    }
    cx.report(diagnostic.with_help(help));
}

/// The size bounds as a phrase: `exactly 1`, `at least 3`, `at most 2`, `3 to 5`.
fn describe(size: SizeBounds) -> String {
    match size.max {
        None => format!("at least {}", size.min),
        Some(max) if max == size.min => format!("exactly {max}"),
        Some(max) if size.min == 0 => format!("at most {max}"),
        Some(max) => format!("{} to {max}", size.min),
    }
}

fn plural(count: u64, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}
