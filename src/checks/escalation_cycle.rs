//! `CH401` `escalation-cycle`: escalation paths that hand a matter back to a decision already on the way.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, EscalationStep};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A chain of `step decision NAME` steps that returns to a decision already on it: `a` escalates to `b`,
    /// and `b` escalates back to `a` (or a decision escalates to itself). Each cycle is reported once, at the
    /// step of its first decision in source order, with a label on every step of the cycle; when several
    /// cycles start at the same decision, the shortest is reported.
    ///
    /// ## Why it matters
    /// An escalation path exists so that a matter the first procedure cannot settle ends somewhere. A cycle
    /// never ends: a dispute can be bounced between the procedures forever, and nobody has the last word.
    ///
    /// ## Example
    /// ```charter
    /// decision resolve_conflict {
    ///   escalate { step parties; step decision tsc_ruling }
    /// }
    /// decision tsc_ruling {
    ///   decided by tsc
    ///   escalate { step decision resolve_conflict }
    /// }
    /// ```
    /// Use instead (the last step decides):
    /// ```charter
    /// decision resolve_conflict {
    ///   escalate { step parties; step decision tsc_ruling }
    /// }
    /// decision tsc_ruling {
    ///   decided by tsc
    ///   escalate { step vote { voters maintainer; passes when majority of members } }
    /// }
    /// ```
    pub(crate) ESCALATION_CYCLE, "CH401", "escalation-cycle", Error
}

/// An edge of the escalation graph: a `step decision` in one decision's path.
#[derive(Debug, Clone, Copy)]
struct Edge {
    from: usize,
    to: usize,
    span: Span,
}

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter) {
    let count = charter.decisions.len();
    let edges: Vec<Vec<Edge>> = charter
        .decisions
        .iter()
        .enumerate()
        .map(|(from, decision)| {
            decision
                .escalation
                .iter()
                .filter_map(|step| match step {
                    EscalationStep::Decision { decision, span } if decision.index < count => {
                        Some(Edge {
                            from,
                            to: decision.index,
                            span: *span,
                        })
                    }
                    _ => None,
                })
                .collect()
        })
        .collect();
    for start in 0..count {
        if let Some(cycle) = shortest_cycle(&edges, start) {
            cx.report(diagnostic(charter, &cycle));
        }
    }
}

/// The shortest cycle through `start` that visits no decision before `start`, so that every cycle is found
/// from its first decision only.
fn shortest_cycle(edges: &[Vec<Edge>], start: usize) -> Option<Vec<Edge>> {
    let mut reached_by: BTreeMap<usize, Edge> = BTreeMap::new();
    let mut seen: BTreeSet<usize> = BTreeSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for edge in edges.get(node).into_iter().flatten() {
            if edge.to == start {
                let mut cycle = vec![*edge];
                let mut at = node;
                while let Some(previous) = reached_by.get(&at) {
                    cycle.push(*previous);
                    at = previous.from;
                }
                cycle.reverse();
                return Some(cycle);
            }
            if edge.to > start && seen.insert(edge.to) {
                reached_by.insert(edge.to, *edge);
                queue.push_back(edge.to);
            }
        }
    }
    None
}

fn diagnostic(charter: &ir::Charter, cycle: &[Edge]) -> Diagnostic {
    let name = |index: usize| {
        charter
            .decisions
            .get(index)
            .map_or("?", |decision| decision.name.as_str())
    };
    let Some((first, rest)) = cycle.split_first() else {
        return Diagnostic::new(
            &ESCALATION_CYCLE,
            "escalation cycle",
            Label::new(Span::default(), ""),
        );
    };
    let start = name(first.from);
    if rest.is_empty() {
        return Diagnostic::new(
            &ESCALATION_CYCLE,
            format!("the escalation path of `{start}` hands the matter back to `{start}` itself"),
            Label::new(first.span, format!("`{start}` escalates to itself")),
        )
        .with_help("end the path with a step that decides, such as a vote, instead of this step");
    }
    let mut path = format!("`{start}`");
    for edge in cycle {
        path.push_str(&format!(" -> `{}`", name(edge.to)));
    }
    let mut diagnostic = Diagnostic::new(
        &ESCALATION_CYCLE,
        format!("escalation paths form a cycle: {path}"),
        Label::new(
            first.span,
            format!("`{start}` hands the matter to `{}`", name(first.to)),
        ),
    );
    for edge in rest {
        let back = if edge.to == first.from { " back" } else { "" };
        diagnostic = diagnostic.with_label(
            edge.span,
            format!(
                "`{}` hands it{back} to `{}`",
                name(edge.from),
                name(edge.to)
            ),
        );
    }
    diagnostic.with_help(
        "end one of these paths with a step that decides, such as a vote, instead of handing the matter on",
    )
}
