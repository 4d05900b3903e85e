//! `CH503` `placeholder-members`: a member list that holds template placeholders instead of names.

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Member};

crate::declare_lint! {
    /// ## What it finds
    /// A `members` list of a role or body with template placeholders such as `[Name]`, `<name>` or `TBD`,
    /// once per list, with every placeholder labelled.
    ///
    /// ## Why it matters
    /// The charter says who holds power, and a placeholder names nobody: readers cannot tell who sits on the
    /// body, whether it has enough members to act, or whether it exists at all. The text was probably adopted
    /// from a template and never filled in.
    ///
    /// ## Example
    /// ```charter
    /// body tsc { drawn from maintainer; members "[Name] - [GitHub Username]", "[Name] - [GitHub Username]" }
    /// ```
    /// Use instead:
    /// ```charter
    /// body tsc { drawn from maintainer; members "Ada Quill", "Chen Ilori" }
    /// ```
    pub(crate) PLACEHOLDER_MEMBERS, "CH503", "placeholder-members", Warning
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    for role in &charter.roles {
        list(cx, "role", &role.name, &role.members);
    }
    for body in &charter.bodies {
        list(cx, "body", &body.name, &body.members);
    }
}

fn list(cx: &mut CheckContext, kind: &str, name: &str, members: &[Member]) {
    let placeholders: Vec<&Member> = members.iter().filter(|m| m.placeholder).collect();
    let Some((first, rest)) = placeholders.split_first() else {
        return;
    };
    let (count, total) = (placeholders.len(), members.len());
    let message = match (count == total, count) {
        (true, 1) => format!("the only listed member of {kind} `{name}` is a placeholder"),
        (true, 2) => format!("both listed members of {kind} `{name}` are placeholders"),
        (true, _) => format!("all {total} listed members of {kind} `{name}` are placeholders"),
        (false, 1) => {
            format!("1 of the {total} listed members of {kind} `{name}` is a placeholder")
        }
        (false, _) => {
            format!("{count} of the {total} listed members of {kind} `{name}` are placeholders")
        }
    };
    let mut diagnostic = Diagnostic::new(
        &PLACEHOLDER_MEMBERS,
        message,
        Label::new(first.span, "a placeholder, not a name"),
    );
    for other in rest {
        diagnostic = diagnostic.with_label(other.span, "another placeholder");
    }
    cx.report(diagnostic.with_help(
        "list the current members by name, or remove the `members` statement until they are known",
    ));
}
