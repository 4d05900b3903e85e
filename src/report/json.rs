//! The JSON documents charterc prints: diagnostics (`check --format json`) and the IR (`compile`).
//!
//! These types are the product surface other tools build on. Field names are stable; any incompatible change
//! bumps the document's `version`.

use serde::Serialize;

use crate::Analysis;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir;
use crate::report::Summary;
use crate::source::{LineIndex, Position, Span};

/// The version of the diagnostics document.
pub const DIAGNOSTICS_VERSION: u32 = 1;

/// `check --format json`: one document per run.
#[derive(Debug, Serialize)]
pub struct DiagnosticsDocument {
    /// The format version.
    pub version: u32,
    /// Every file checked, in the order given.
    pub files: Vec<FileDiagnostics>,
    /// Totals.
    pub summary: Summary,
}

/// The findings in one file.
#[derive(Debug, Serialize)]
pub struct FileDiagnostics {
    /// The path as given (or `<stdin>`).
    pub path: String,
    /// The findings, in canonical order.
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    /// The stable code, such as `CH101`.
    pub code: &'static str,
    /// The stable kebab-case name.
    pub name: &'static str,
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The message.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Further facts.
    pub notes: Vec<String>,
    /// The main location.
    pub primary: JsonLabel,
    /// Other locations.
    pub secondary: Vec<JsonLabel>,
}

/// A labelled range.
#[derive(Debug, Serialize)]
pub struct JsonLabel {
    /// What the label says.
    pub message: String,
    /// Where the range starts.
    pub start: Position,
    /// Where it ends (exclusive).
    pub end: Position,
}

/// Builds the diagnostics document of a run.
pub fn diagnostics_document(analyses: &[Analysis]) -> DiagnosticsDocument {
    let files = analyses
        .iter()
        .map(|analysis| {
            let index = LineIndex::new(&analysis.source.text);
            FileDiagnostics {
                path: analysis.source.name.clone(),
                diagnostics: analysis
                    .diagnostics
                    .iter()
                    .map(|d| json_diagnostic(d, &index))
                    .collect(),
            }
        })
        .collect();
    DiagnosticsDocument {
        version: DIAGNOSTICS_VERSION,
        files,
        summary: Summary::of(analyses),
    }
}

fn json_diagnostic(diagnostic: &Diagnostic, index: &LineIndex<'_>) -> JsonDiagnostic {
    JsonDiagnostic {
        code: diagnostic.lint.code,
        name: diagnostic.lint.name,
        severity: diagnostic.severity.as_str(),
        message: diagnostic.message.clone(),
        help: diagnostic.help.clone(),
        notes: diagnostic.notes.clone(),
        primary: json_label(&diagnostic.primary, index),
        secondary: diagnostic
            .secondary
            .iter()
            .map(|l| json_label(l, index))
            .collect(),
    }
}

fn json_label(label: &Label, index: &LineIndex<'_>) -> JsonLabel {
    let Span { start, end } = label.span;
    JsonLabel {
        message: label.message.clone(),
        start: index.position(start),
        end: index.position(end),
    }
}

/// `compile`: the checked IR of one charter.
#[derive(Debug, Serialize)]
pub struct IrDocument<'a> {
    /// The IR format version.
    pub version: u32,
    /// The path of the charter compiled.
    pub path: &'a str,
    /// The checked charter.
    pub charter: &'a ir::Charter,
}

/// Builds the IR document of one charter.
pub fn ir_document<'a>(path: &'a str, charter: &'a ir::Charter) -> IrDocument<'a> {
    IrDocument {
        version: ir::IR_VERSION,
        path,
        charter,
    }
}
