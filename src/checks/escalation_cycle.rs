//! `CH401` `escalation-cycle`: escalation paths that hand a matter back to a decision already on the way.

use std::collections::VecDeque;

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::NodeFiltered;

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
    let mut search = Search::new(count);
    for (start, component) in first_decisions(&edges) {
        if let Some(cycle) = search.shortest_cycle(&edges, start, &component) {
            cx.report(diagnostic(charter, &cycle));
        }
    }
}

/// Every decision that is the first, in source order, of some cycle, in source order, with the decisions that
/// can be on such a cycle: the strongly connected component of the decision among the decisions from it on.
///
/// A cycle through `start` that visits no earlier decision lies in the component of `start` among the decisions
/// from `start` on. The components of the whole graph give the first such decision of each (its first
/// decision); the others are found among the components of what is left when that first decision is taken out,
/// and so on. A decision on no cycle costs nothing after the first pass, where searching from every decision,
/// as this check first did, took time quadratic in the length of an escalation chain. Kosaraju's algorithm
/// rather than Tarjan's because petgraph's is iterative: the depth of the stack does not grow with the chain.
fn first_decisions(edges: &[Vec<Edge>]) -> Vec<(usize, Vec<usize>)> {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(edges.len(), 0);
    for _ in edges {
        graph.add_node(());
    }
    for edge in edges.iter().flatten() {
        graph.add_edge(NodeIndex::new(edge.from), NodeIndex::new(edge.to), ());
    }
    let loops = |node: usize| {
        edges
            .get(node)
            .is_some_and(|out| out.iter().any(|edge| edge.to == node))
    };
    let mut res = Vec::new();
    // Which decisions are in the set whose components are being computed: the set's number, or 0.
    let mut member = vec![0usize; edges.len()];
    let mut sets: Vec<Vec<usize>> = vec![(0..edges.len()).collect()];
    let mut number = 0;
    while let Some(set) = sets.pop() {
        number += 1;
        for &node in &set {
            if let Some(slot) = member.get_mut(node) {
                *slot = number;
            }
        }
        let within = NodeFiltered::from_fn(&graph, |node: NodeIndex| {
            member.get(node.index()) == Some(&number)
        });
        for component in kosaraju_scc(&within) {
            let mut component: Vec<usize> = component.iter().map(|node| node.index()).collect();
            component.sort_unstable();
            let Some((&first, rest)) = component.split_first() else {
                continue;
            };
            if rest.is_empty() && !loops(first) {
                continue;
            }
            if !rest.is_empty() {
                sets.push(rest.to_vec());
            }
            res.push((first, component));
        }
    }
    res.sort_unstable_by_key(|(first, _)| *first);
    res
}

/// The state of the breadth-first searches for shortest cycles, indexed by decision and reset after each.
struct Search {
    /// The step by which a decision was first reached.
    reached_by: Vec<Option<Edge>>,
    /// Whether a decision is in the component searched.
    allowed: Vec<bool>,
}

impl Search {
    fn new(count: usize) -> Search {
        Search {
            reached_by: vec![None; count],
            allowed: vec![false; count],
        }
    }

    /// The shortest cycle through `start` that visits no decision before `start`, so that every cycle is found
    /// from its first decision only; the search stays in `component`, where every such cycle lies, and follows
    /// the steps in the same order as a search of the whole graph would.
    fn shortest_cycle(
        &mut self,
        edges: &[Vec<Edge>],
        start: usize,
        component: &[usize],
    ) -> Option<Vec<Edge>> {
        for &node in component {
            if let Some(flag) = self.allowed.get_mut(node) {
                *flag = true;
            }
        }
        let cycle = self.breadth_first(edges, start);
        for &node in component {
            if let Some(flag) = self.allowed.get_mut(node) {
                *flag = false;
            }
            if let Some(slot) = self.reached_by.get_mut(node) {
                *slot = None;
            }
        }
        cycle
    }

    fn breadth_first(&mut self, edges: &[Vec<Edge>], start: usize) -> Option<Vec<Edge>> {
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for edge in edges.get(node).into_iter().flatten() {
                if edge.to == start {
                    let mut cycle = vec![*edge];
                    let mut at = node;
                    while let Some(previous) = self.reached_by.get(at).copied().flatten() {
                        cycle.push(previous);
                        at = previous.from;
                    }
                    cycle.reverse();
                    return Some(cycle);
                }
                let allowed = self.allowed.get(edge.to).copied().unwrap_or(false);
                if edge.to > start
                    && allowed
                    && let Some(slot @ None) = self.reached_by.get_mut(edge.to)
                {
                    *slot = Some(*edge);
                    queue.push_back(edge.to);
                }
            }
        }
        None
    }
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;

    /// The search this check first made, from every decision over the whole graph: the reference that the
    /// components must agree with.
    fn reference(edges: &[Vec<Edge>]) -> Vec<Vec<Edge>> {
        let mut res = Vec::new();
        for start in 0..edges.len() {
            let mut reached_by: BTreeMap<usize, Edge> = BTreeMap::new();
            let mut seen: BTreeSet<usize> = BTreeSet::from([start]);
            let mut queue = VecDeque::from([start]);
            'search: while let Some(node) = queue.pop_front() {
                for edge in edges.get(node).into_iter().flatten() {
                    if edge.to == start {
                        let mut cycle = vec![*edge];
                        let mut at = node;
                        while let Some(previous) = reached_by.get(&at) {
                            cycle.push(*previous);
                            at = previous.from;
                        }
                        cycle.reverse();
                        res.push(cycle);
                        break 'search;
                    }
                    if edge.to > start && seen.insert(edge.to) {
                        reached_by.insert(edge.to, *edge);
                        queue.push_back(edge.to);
                    }
                }
            }
        }
        res
    }

    fn found(edges: &[Vec<Edge>]) -> Vec<Vec<Edge>> {
        let mut search = Search::new(edges.len());
        first_decisions(edges)
            .into_iter()
            .filter_map(|(start, component)| search.shortest_cycle(edges, start, &component))
            .collect()
    }

    fn steps(cycles: &[Vec<Edge>]) -> Vec<Vec<(usize, usize, Span)>> {
        cycles
            .iter()
            .map(|cycle| cycle.iter().map(|e| (e.from, e.to, e.span)).collect())
            .collect()
    }

    #[test]
    fn components_find_the_cycles_of_a_search_from_every_decision() {
        // SplitMix64, so that the graphs are the same on every run.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        for round in 0..2_000 {
            let count = 1 + (next() % 12) as usize;
            let density = 1 + next() % 4;
            let mut span = 0;
            let edges: Vec<Vec<Edge>> = (0..count)
                .map(|from| {
                    let out = next() % (density + 1);
                    (0..out)
                        .map(|_| {
                            span += 1;
                            Edge {
                                from,
                                to: (next() % count as u64) as usize,
                                span: Span::new(span, span + 1),
                            }
                        })
                        .collect()
                })
                .collect();
            assert_eq!(
                steps(&found(&edges)),
                steps(&reference(&edges)),
                "round {round}"
            );
        }
    }

    #[test]
    fn a_long_chain_is_one_cycle() {
        let count = 5_000;
        let edges: Vec<Vec<Edge>> = (0..count)
            .map(|from| {
                vec![Edge {
                    from,
                    to: (from + 1) % count,
                    span: Span::new(from, from + 1),
                }]
            })
            .collect();
        let cycles = found(&edges);
        assert_eq!(cycles.len(), 1);
        assert_eq!(cycles.first().map(Vec::len), Some(count));
    }
}
