//! `charterc diff` as text: for a terminal (`human`, wrapped to a width) and as Markdown for a pull-request
//! comment (`markdown`).
//!
//! Both list the changes grouped by direction, the ones that weaken the charter first: weaker, incomparable,
//! stricter, then the others; within a group, in the diff's order (by subject).

use crate::compare::{Change, Diff, Direction};
use crate::report::wrap;

/// The groups of changes, in the order they are shown, with their headings.
fn groups(diff: &Diff) -> Vec<(&'static str, Vec<&Change>)> {
    let of = |wanted: Option<Direction>| -> Vec<&Change> {
        diff.changes
            .iter()
            .filter(|c| match (c.direction, wanted) {
                (Some(Direction::Same) | None, None) => true,
                (Some(d), Some(w)) => d == w,
                _ => false,
            })
            .collect()
    };
    [
        ("Weaker", of(Some(Direction::Weaker))),
        ("Incomparable", of(Some(Direction::Incomparable))),
        ("Stricter", of(Some(Direction::Stricter))),
        ("Other changes", of(None)),
    ]
    .into_iter()
    .filter(|(_, changes)| !changes.is_empty())
    .collect()
}

/// "3 differences: 1 weaker, 0 stricter, 0 incomparable, 2 other".
pub fn counts_line(diff: &Diff) -> String {
    let counts = diff.counts();
    format!(
        "{}: {} weaker, {} stricter, {} incomparable, {} other",
        crate::report::plural(counts.total, "difference"),
        counts.weaker,
        counts.stricter,
        counts.incomparable,
        counts.other
    )
}

/// The lines under a change: before, after, then its notes.
fn details(change: &Change) -> Vec<String> {
    let mut res = Vec::new();
    if let Some(before) = &change.before {
        res.push(format!("before: {before}"));
    }
    if let Some(after) = &change.after {
        res.push(format!("after: {after}"));
    }
    res.extend(change.notes.iter().cloned());
    res
}

/// The diff for a terminal, every line at most `width` columns wide.
pub fn render_human(diff: &Diff, old: &str, new: &str, width: usize) -> String {
    let mut out = wrap::hanging(
        &format!("charterc diff: {old} (old) → {new} (new)"),
        width,
        "",
        "  ",
    );
    if diff.is_empty() {
        out.push_str("no semantic difference\n");
        return out;
    }
    out.push_str(&wrap::hanging(&counts_line(diff), width, "", "  "));
    for (heading, changes) in groups(diff) {
        out.push('\n');
        out.push_str(&format!("{heading} ({})\n", changes.len()));
        for change in changes {
            out.push_str(&wrap::hanging(
                &format!("{}: {}", change.subject.words(), change.summary),
                width,
                "  - ",
                "    ",
            ));
            for line in details(change) {
                out.push_str(&wrap::hanging(&line, width, "      ", "        "));
            }
        }
    }
    if diff.weakens() {
        out.push('\n');
        out.push_str(&wrap::hanging(
            "this change weakens the charter: `--fail-on weaker` fails on it",
            width,
            "",
            "  ",
        ));
    }
    out
}

/// The diff as Markdown, fit to paste as a pull-request comment.
pub fn render_markdown(diff: &Diff, old: &str, new: &str) -> String {
    let mut out = format!(
        "### Governance changes: `{}` → `{}`\n\n",
        code(old),
        code(new)
    );
    if diff.is_empty() {
        out.push_str("No semantic difference.\n");
        return out;
    }
    let counts = diff.counts();
    out.push_str(&format!(
        "**{} weaker** · {} stricter · {} incomparable · {} other\n",
        counts.weaker, counts.stricter, counts.incomparable, counts.other
    ));
    for (heading, changes) in groups(diff) {
        out.push_str(&format!("\n#### {heading} ({})\n\n", changes.len()));
        for change in changes {
            out.push_str(&format!(
                "- **{}**: {}\n",
                change.subject.words(),
                change.summary
            ));
            for line in details(change) {
                out.push_str(&format!("  - {line}\n"));
            }
        }
    }
    if diff.weakens() {
        out.push_str("\n> This change weakens the charter.\n");
    }
    // Pasted into a pull request, or printed to the terminal that ran it: no control character is sent raw.
    crate::report::visible::visible_owned(out)
}

/// A path made safe inside Markdown backticks.
fn code(text: &str) -> String {
    text.replace('`', "'")
}
