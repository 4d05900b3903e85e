//! Every finding charterc reports: its declaration, its documentation, and the checks that run on the IR.
//!
//! Each finding lives in one file under `src/checks/`, named after its kebab-case name, with a doc comment in
//! three parts (what it finds, why it matters, an example) that `charterc explain CODE` prints. Syntax and
//! lowering findings (`CH0xx`, `CH1xx`) are declared here and raised by `syntax` and `lower`, through the typed
//! constructor in their file; IR checks (`run`) read the checked IR only, never the AST or the text.
//!
//! [`ALL`] is the registry, sorted by code. Codes are stable: a code is never renumbered or reused.

pub(crate) mod duplicate_definition;
pub(crate) mod duplicate_statement;
pub(crate) mod fraction_out_of_range;
pub(crate) mod internal_error;
pub(crate) mod invalid_number;
pub(crate) mod missing_metadata;
pub(crate) mod not_utf8;
pub(crate) mod quorum_base_not_members;
pub(crate) mod reversed_range;
pub(crate) mod syntax_error;
pub(crate) mod undefined_reference;
pub(crate) mod unknown_unit;
pub(crate) mod unused_definition;
pub(crate) mod wrong_kind_reference;

use crate::diagnostic::{Diagnostic, Lint};
use crate::ir;

/// Every finding, sorted by code.
pub static ALL: &[&Lint] = &[
    &internal_error::INTERNAL_ERROR,
    &syntax_error::SYNTAX_ERROR,
    &invalid_number::INVALID_NUMBER,
    &unknown_unit::UNKNOWN_UNIT,
    &reversed_range::REVERSED_RANGE,
    &fraction_out_of_range::FRACTION_OUT_OF_RANGE,
    &not_utf8::NOT_UTF8,
    &undefined_reference::UNDEFINED_REFERENCE,
    &duplicate_definition::DUPLICATE_DEFINITION,
    &wrong_kind_reference::WRONG_KIND_REFERENCE,
    &unused_definition::UNUSED_DEFINITION,
    &duplicate_statement::DUPLICATE_STATEMENT,
    &quorum_base_not_members::QUORUM_BASE_NOT_MEMBERS,
    &missing_metadata::MISSING_METADATA,
];

/// Finds a finding by code (`CH101`, any case) or by name (`undefined-reference`).
pub fn find(code_or_name: &str) -> Option<&'static Lint> {
    ALL.iter()
        .copied()
        .find(|lint| lint.code.eq_ignore_ascii_case(code_or_name) || lint.name == code_or_name)
}

/// Where IR checks report their findings.
#[derive(Debug, Default)]
pub(crate) struct CheckContext {
    diagnostics: Vec<Diagnostic>,
}

impl CheckContext {
    /// Reports a finding about an item with the given `allow` statements.
    ///
    /// The allows are kept by the item for the suppression machinery; today every finding is reported.
    pub(crate) fn report(&mut self, diagnostic: Diagnostic, _allows: &[ir::Allow]) {
        self.diagnostics.push(diagnostic);
    }
}

/// Runs every IR check on a charter.
pub(crate) fn run(charter: &ir::Charter) -> Vec<Diagnostic> {
    let mut cx = CheckContext::default();
    unused_definition::check(&mut cx, charter);
    cx.diagnostics
}
