//! The JSON documents of `charterc diff --format json` and `charterc compare --format json`.
//!
//! Both carry a `version`; a field may be added without a version change, and renaming, removing or changing the
//! meaning of one bumps it. Their JSON Schemas are `schema/diff.schema.json` and `schema/compare.schema.json`,
//! embedded here. The texts are the same as in the human output, unwrapped.

use serde::Serialize;

use crate::compare::diff::{Change, Counts, Diff};
use crate::compare::table::{Column, Row, Table};

/// The version of the diff document.
pub const DIFF_VERSION: u32 = 1;

/// The version of the compare document.
pub const COMPARE_VERSION: u32 = 1;

/// The JSON Schema of the diff document (`schema/diff.schema.json`).
pub const DIFF_SCHEMA: &str = include_str!("../../schema/diff.schema.json");

/// The JSON Schema of the compare document (`schema/compare.schema.json`).
pub const COMPARE_SCHEMA: &str = include_str!("../../schema/compare.schema.json");

/// One side of a diff.
#[derive(Debug, Serialize)]
pub struct DiffSide<'a> {
    /// The path, or `REV:path` for a git revision.
    pub label: &'a str,
    /// The charter's name, or the label when it has none.
    pub title: &'a str,
}

/// `diff --format json`.
#[derive(Debug, Serialize)]
pub struct DiffDocument<'a> {
    /// The format version.
    pub version: u32,
    /// The old charter.
    pub old: DiffSide<'a>,
    /// The new charter.
    pub new: DiffSide<'a>,
    /// How many changes of each direction.
    pub summary: Counts,
    /// Whether some change lets something pass that did not (what `--fail-on weaker` fails on).
    pub weakens: bool,
    /// Every change, sorted by subject, then kind.
    pub changes: &'a [Change],
}

/// Builds the diff document.
pub fn diff_document<'a>(diff: &'a Diff, old: DiffSide<'a>, new: DiffSide<'a>) -> DiffDocument<'a> {
    DiffDocument {
        version: DIFF_VERSION,
        old,
        new,
        summary: diff.counts(),
        weakens: diff.weakens(),
        changes: &diff.changes,
    }
}

/// `compare --format json`.
#[derive(Debug, Serialize)]
pub struct CompareDocument<'a> {
    /// The format version.
    pub version: u32,
    /// The charters, in the order given.
    pub columns: &'a [Column],
    /// The rows, those where the charters differ first.
    pub rows: &'a [Row],
}

/// Builds the compare document.
pub fn compare_document(table: &Table) -> CompareDocument<'_> {
    CompareDocument {
        version: COMPARE_VERSION,
        columns: &table.columns,
        rows: &table.rows,
    }
}
