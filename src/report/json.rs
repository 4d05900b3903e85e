//! The JSON documents charterc prints: diagnostics (`check --format json`) and the IR (`compile`).
//!
//! These types are the product surface other tools build on. Field names are stable; any incompatible change
//! bumps the document's `version`. Each document has a JSON Schema under `schema/`, embedded here and printed by
//! `charterc schema`; `tests/schema.rs` validates real output against both.

use serde::Serialize;

use crate::Analysis;
use crate::analysis::arithmetic::{ReadingChoice, ReadingsError, RuleAnalysis};
use crate::analysis::votes::{self, VoteSite};
use crate::diagnostic::{Diagnostic, Label};
use crate::ir;
use crate::report::{DocsUrl, Summary};
use crate::source::{LineIndex, Position, Span};

/// The version of the diagnostics document.
pub const DIAGNOSTICS_VERSION: u32 = 1;

/// The JSON Schema of the diagnostics document (`schema/diagnostics.schema.json`).
pub const DIAGNOSTICS_SCHEMA: &str = include_str!("../../schema/diagnostics.schema.json");

/// The JSON Schema of the IR document (`schema/ir.schema.json`).
pub const IR_SCHEMA: &str = include_str!("../../schema/ir.schema.json");

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

/// The findings in one file. A file that could not be read is listed too, with one `io-error` finding.
#[derive(Debug, Serialize)]
pub struct FileDiagnostics {
    /// The path as given (or `<stdin>`, or the name given with `--stdin-filename`).
    pub path: String,
    /// The findings, in canonical order.
    pub diagnostics: Vec<JsonDiagnostic>,
    /// The findings accepted by an `allow` in the charter, with their reasons.
    pub suppressed: Vec<JsonSuppressed>,
}

/// A finding accepted by an `allow`.
#[derive(Debug, Serialize)]
pub struct JsonSuppressed {
    /// The finding.
    #[serde(flatten)]
    pub diagnostic: JsonDiagnostic,
    /// The reason given in the charter.
    pub reason: String,
    /// Where the `allow` is written.
    pub allow: JsonLabel,
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
    /// Where the finding is explained: `docs/checks.md#ch101` unless another location is configured.
    pub url: String,
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
pub fn diagnostics_document(analyses: &[Analysis], docs: &DocsUrl) -> DiagnosticsDocument {
    let files = analyses
        .iter()
        .map(|analysis| {
            let index = LineIndex::new(&analysis.source.text);
            FileDiagnostics {
                path: analysis.source.name.clone(),
                diagnostics: analysis
                    .diagnostics
                    .iter()
                    .map(|d| json_diagnostic(d, &index, docs))
                    .collect(),
                suppressed: analysis
                    .suppressed
                    .iter()
                    .map(|s| JsonSuppressed {
                        diagnostic: json_diagnostic(&s.diagnostic, &index, docs),
                        reason: s.reason.clone(),
                        allow: json_label(&Label::new(s.allow, "allowed here"), &index),
                    })
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

fn json_diagnostic(
    diagnostic: &Diagnostic,
    index: &LineIndex<'_>,
    docs: &DocsUrl,
) -> JsonDiagnostic {
    JsonDiagnostic {
        code: diagnostic.lint.code,
        name: diagnostic.lint.name,
        severity: diagnostic.severity.as_str(),
        message: diagnostic.message.clone(),
        help: diagnostic.help.clone(),
        notes: diagnostic.notes.clone(),
        url: docs.for_lint(diagnostic.lint),
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

/// `compile`: the checked IR of one charter, with the vote arithmetic's figures.
#[derive(Debug, Serialize)]
pub struct IrDocument<'a> {
    /// The IR format version.
    pub version: u32,
    /// The path of the charter compiled.
    pub path: &'a str,
    /// The checked charter.
    pub charter: &'a ir::Charter,
    /// Every vote rule the charter states, analysed under every reading.
    pub analysis: Vec<JsonVoteAnalysis>,
}

/// The figures of one vote rule.
#[derive(Debug, Serialize)]
pub struct JsonVoteAnalysis {
    /// Where the rule is stated.
    pub site: VoteSite,
    /// The decision it belongs to, or `default vote`.
    pub owner: String,
    /// The electorate sizes examined.
    pub sizes: JsonSizes,
    /// Every reading with its figures; empty when `error` is set.
    pub readings: Vec<JsonReading>,
    /// Why the readings could not be analysed, if they could not.
    pub error: Option<ReadingsError>,
}

/// The sizes an electorate may have, as examined.
#[derive(Debug, Serialize)]
pub struct JsonSizes {
    /// The smallest size.
    pub from: u64,
    /// The largest size examined.
    pub to: u64,
    /// Whether the charter bounds the size (otherwise the upper end is an assumed default).
    pub bounded: bool,
    /// Whether larger sizes exist but were not examined.
    pub capped: bool,
}

/// One reading of a vote rule and its figures.
#[derive(Debug, Serialize)]
pub struct JsonReading {
    /// The reading in words, such as "`yes >= 2/3` of cast, quorum counts abstentions".
    pub label: String,
    /// The choices the reading makes, one per ambiguous part.
    pub choices: Vec<ReadingChoice>,
    /// The inequalities of the reading, all of which must hold.
    pub constraints: Vec<ir::Linear>,
    /// The figures over the sizes.
    pub figures: RuleAnalysis,
}

/// Builds the IR document of one charter.
pub fn ir_document<'a>(path: &'a str, charter: &'a ir::Charter) -> IrDocument<'a> {
    let analysis = votes::analyze_votes(charter)
        .into_iter()
        .map(|vote| {
            let (readings, error) = match vote.readings {
                Ok(readings) => (
                    readings
                        .into_iter()
                        .map(|reading| JsonReading {
                            label: reading.label.to_string(),
                            choices: reading.label.choices.clone(),
                            constraints: reading.rule.constraints().to_vec(),
                            figures: reading.analysis,
                        })
                        .collect(),
                    None,
                ),
                Err(error) => (Vec::new(), Some(error)),
            };
            JsonVoteAnalysis {
                site: vote.site,
                owner: vote.owner,
                sizes: JsonSizes {
                    from: vote.sizes.range.from,
                    to: vote.sizes.range.to,
                    bounded: vote.sizes.bounded,
                    capped: vote.sizes.capped,
                },
                readings,
                error,
            }
        })
        .collect();
    IrDocument {
        version: ir::IR_VERSION,
        path,
        charter,
        analysis,
    }
}
