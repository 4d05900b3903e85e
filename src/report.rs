//! Outputs: every rendering of diagnostics and of the IR. Each is a view of the same data.
//!
//! `human` renders rich reports with miette (graphical or narrated); `json` defines the JSON documents. Nothing
//! here does IO: renderers write into a `String` that the CLI prints.

pub mod human;
pub mod json;

use crate::Analysis;
use crate::diagnostic::Severity;

/// Counts of findings over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Findings accepted by an `allow` in the charter.
    pub suppressed: usize,
}

impl Summary {
    /// Counts the findings of several analyses.
    pub fn of(analyses: &[Analysis]) -> Summary {
        let mut res = Summary {
            files: analyses.len(),
            ..Summary::default()
        };
        for diagnostic in analyses.iter().flat_map(|a| &a.diagnostics) {
            match diagnostic.severity {
                Severity::Error => res.errors += 1,
                Severity::Warning => res.warnings += 1,
            }
        }
        res
    }
}

/// "1 error", "2 warnings".
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}
