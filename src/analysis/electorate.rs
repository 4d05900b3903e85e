//! How many people a role, a body or an electorate may have.
//!
//! Sizes come from the charter's `size` statements. A role or body whose size is not stated may have from
//! 1 to [`DEFAULT_MAX_SIZE`] members: the arithmetic needs a finite range, and 100 covers every project the
//! seeds describe. A body that `consists of all` some roles has their combined size. An electorate of several
//! groups has at least as many members as its largest group and at most all of them together (the groups may
//! overlap), less one member per individual exclusion (the subject, the accused, the nominator). The arithmetic
//! examines sizes up to [`ANALYSED_MAX_SIZE`].

use crate::analysis::arithmetic::SizeRange;
use crate::ir::{self, ItemKind};

/// The largest size assumed for a role or body whose size is not bounded by the charter.
pub const DEFAULT_MAX_SIZE: u64 = 100;

/// The largest electorate size the vote arithmetic examines. The analysis costs a little per size, so a charter
/// that allows a billion members is examined up to this size, and the figures say so through [`Sizes::capped`].
pub const ANALYSED_MAX_SIZE: u64 = 1_000;

/// The sizes a role, body or electorate may have, and whether the charter bounds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// The range.
    pub range: SizeRange,
    /// Whether the upper bound comes from the charter (otherwise it is [`DEFAULT_MAX_SIZE`]).
    pub bounded: bool,
    /// Whether the range was cut at [`ANALYSED_MAX_SIZE`].
    pub capped: bool,
}

/// The sizes of the role or body `item` refers to; `None` for other kinds of items.
pub fn item_sizes(charter: &ir::Charter, item: &ir::Ref) -> Option<Sizes> {
    item_sizes_at_depth(charter, item, 0)
}

fn item_sizes_at_depth(charter: &ir::Charter, item: &ir::Ref, depth: usize) -> Option<Sizes> {
    // Bodies made of bodies made of ... are resolved a few levels deep; a cycle falls back to the default.
    const MAX_DEPTH: usize = 8;
    match item.kind {
        ItemKind::Role => charter
            .roles
            .get(item.index)
            .map(|role| stated_sizes(&role.size)),
        ItemKind::Body => {
            let body = charter.bodies.get(item.index)?;
            if body.size.stated || depth >= MAX_DEPTH {
                return Some(stated_sizes(&body.size));
            }
            match &body.composition {
                ir::Composition::AllOf { of } if !of.is_empty() => {
                    let parts: Vec<Sizes> = of
                        .iter()
                        .filter_map(|part| item_sizes_at_depth(charter, part, depth + 1))
                        .collect();
                    Some(union(&parts))
                }
                _ => Some(stated_sizes(&body.size)),
            }
        }
        ItemKind::External | ItemKind::Threshold | ItemKind::Decision => None,
    }
}

/// The sizes of a vote's electorate.
pub fn electorate_sizes(charter: &ir::Charter, electorate: &ir::Electorate) -> Sizes {
    let groups: Vec<Sizes> = electorate
        .voters
        .iter()
        .map(|voter| match voter {
            ir::Actor::Anyone { .. } => unbounded(1),
            ir::Actor::Item { item } => item_sizes(charter, item).unwrap_or(unbounded(1)),
        })
        .collect();
    let all = if groups.is_empty() {
        unbounded(1)
    } else {
        union(&groups)
    };
    let excluded = electorate
        .exclusions
        .iter()
        .filter(|exclusion| !matches!(exclusion, ir::Exclusion::Item { .. }))
        .count() as u64;
    let from = all
        .range
        .from
        .saturating_sub(excluded)
        .min(ANALYSED_MAX_SIZE);
    let to = all.range.to.saturating_sub(excluded);
    Sizes {
        range: SizeRange {
            from,
            to: to.min(ANALYSED_MAX_SIZE),
        },
        bounded: all.bounded,
        capped: to > ANALYSED_MAX_SIZE,
    }
}

fn stated_sizes(size: &ir::SizeBounds) -> Sizes {
    match (size.stated, size.max) {
        (true, Some(max)) => Sizes {
            range: SizeRange {
                from: size.min,
                to: max,
            },
            bounded: true,
            capped: false,
        },
        (true, None) => unbounded(size.min),
        (false, _) => unbounded(1),
    }
}

fn unbounded(from: u64) -> Sizes {
    Sizes {
        range: SizeRange {
            from,
            to: DEFAULT_MAX_SIZE.max(from),
        },
        bounded: false,
        capped: false,
    }
}

/// Several possibly overlapping groups together: at least the largest minimum, at most the sum of maxima.
fn union(groups: &[Sizes]) -> Sizes {
    let from = groups.iter().map(|g| g.range.from).max().unwrap_or(0);
    let to = groups
        .iter()
        .map(|g| g.range.to)
        .fold(0u64, u64::saturating_add)
        .max(from);
    Sizes {
        range: SizeRange { from, to },
        bounded: groups.iter().all(|g| g.bounded),
        capped: false,
    }
}
