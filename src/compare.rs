//! Comparing charters: what a change to one charter does (`charterc diff`), and how several charters differ
//! (`charterc compare`).
//!
//! Everything here is a pure function of checked charters: no IO, no rendering (see `report::diff_text`,
//! `report::compare_table` and `report::compare_json`).
//!
//! - [`alignment`]: which role, body and decision of one charter corresponds to which of another: by name (with
//!   an explicit [`NameMap`]), and decisions by what they do, then by name.
//! - [`rules`]: two vote rules compared with the exact arithmetic: stricter, weaker, incomparable or the same,
//!   with witness tallies and the smallest winning coalition of each.
//! - [`diff`](mod@diff): the semantic differences between two versions of a charter.
//! - [`table`]: a table of aligned aspects (rows) across several charters (columns).
//! - [`words`]: the parts of a charter in plain words with exact figures.
//!
//! A charter is compared only when it parses and lowers without error ([`prepare`]); its findings are kept, so
//! that a diff can say which findings a change introduces or resolves.

pub mod alignment;
pub mod diff;
pub mod rules;
pub mod table;
pub mod words;

pub use alignment::{NameMap, NameMapError, Procedure};
pub use diff::{Change, ChangeKind, Diff, Subject, diff};
pub use rules::{Direction, RuleComparison, Scope};
pub use table::{Table, compare};

use serde::Serialize;

use crate::config::Levels;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::{ir, lower, syntax};

/// A finding of a charter, as a comparison sees it: without its location, so that moving text around does not
/// make a finding look new.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Finding {
    /// `error` or `warning`.
    pub severity: Severity,
    /// The stable code, such as `CH204`.
    pub code: &'static str,
    /// The stable name, such as `unstated-base`.
    pub name: &'static str,
    /// The message.
    pub message: String,
}

/// A charter ready to be compared: checked, lowered without error, with its findings.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// How the charter is named in reports: its path, or `REV:path` for a git revision.
    pub label: String,
    /// The charter's own name (`charter "KitOps"`), or the label when it has none.
    pub title: String,
    /// The checked IR.
    pub charter: ir::Charter,
    /// Its findings, sorted, without locations.
    pub findings: Vec<Finding>,
}

/// Checks a charter for comparison.
///
/// # Errors
/// The diagnostics that make it impossible to compare: a syntax error, or errors of lowering (such as an
/// undefined name), which leave holes in the IR.
pub fn prepare(source: &SourceFile) -> Result<Prepared, Vec<Diagnostic>> {
    let ast = syntax::parse(source).map_err(|diagnostic| vec![diagnostic])?;
    let (charter, lowering) = lower::lower(&source.text, &ast);
    drop(ast);
    if lowering.iter().any(|d| d.severity == Severity::Error) {
        return Err(lowering
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect());
    }
    // The findings `check_with` gives, from the IR already lowered rather than from parsing and lowering the
    // text a second time; a file too large for `check_with` keeps its answer (one `file-too-large` finding).
    let diagnostics = if source.text.len() > crate::MAX_INPUT_BYTES {
        crate::check_with(source, &Levels::default()).diagnostics
    } else {
        let (diagnostics, _suppressed) = crate::analyze(&charter, lowering);
        let mut diagnostics = Levels::default().apply(diagnostics);
        crate::diagnostic::sort_diagnostics(&mut diagnostics);
        diagnostics
    };
    let mut findings: Vec<Finding> = diagnostics
        .iter()
        .map(|d| Finding {
            severity: d.severity,
            code: d.lint.code,
            name: d.lint.name,
            message: d.message.clone(),
        })
        .collect();
    findings.sort();
    let title = charter
        .meta
        .name
        .clone()
        .unwrap_or_else(|| source.name.clone());
    Ok(Prepared {
        label: source.name.clone(),
        title,
        charter,
        findings,
    })
}
