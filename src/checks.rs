//! Every finding charterc reports: its declaration, its documentation, and the checks that run on the IR.
//!
//! Each finding lives in one file under `src/checks/`, named after its kebab-case name, with a doc comment in
//! three parts (what it finds, why it matters, an example) that `charterc explain CODE` prints. Syntax and
//! lowering findings (`CH0xx`, `CH1xx`) are declared here and raised by `syntax` and `lower`, through the typed
//! constructor in their file; IR checks (`run`) read the checked IR only, never the AST or the text.
//!
//! [`ALL`] is the registry, sorted by code. Codes are stable: a code is never renumbered or reused.

pub(crate) mod abstention_effect_unstated;
pub(crate) mod admission_easier_than_amendment;
pub(crate) mod conflicting_durations;
pub(crate) mod decider_unstated;
pub(crate) mod decision_without_rule;
pub(crate) mod designation_exceeds_size;
pub(crate) mod duplicate_definition;
pub(crate) mod duplicate_statement;
pub(crate) mod escalation_cycle;
pub(crate) mod escalation_to_same_actor;
pub(crate) mod escalation_without_final_decider;
pub(crate) mod file_too_large;
pub(crate) mod final_vote_can_deadlock;
pub(crate) mod fraction_out_of_range;
pub(crate) mod internal_error;
pub(crate) mod invalid_allow;
pub(crate) mod invalid_number;
pub(crate) mod io_error;
pub(crate) mod lazy_consensus_without_silence;
pub(crate) mod members_outside_size_bounds;
pub(crate) mod minority_decides;
pub(crate) mod missing_metadata;
pub(crate) mod mixed_day_kinds;
pub(crate) mod name_too_long;
pub(crate) mod no_amendment_procedure;
pub(crate) mod not_utf8;
pub(crate) mod passes_with_nobody_in_favour;
pub(crate) mod phase_minimum_above_maximum;
pub(crate) mod placeholder_members;
pub(crate) mod proposal_and_opposite_can_pass;
pub(crate) mod protection_amendable;
pub(crate) mod quorum_base_not_members;
pub(crate) mod reversed_range;
pub(crate) mod role_without_admission;
pub(crate) mod role_without_exit;
pub(crate) mod rule_left_to_default;
pub(crate) mod string_too_long;
pub(crate) mod subject_may_vote;
pub(crate) mod syntax_error;
pub(crate) mod tie_without_tie_break;
pub(crate) mod too_many_conditions;
pub(crate) mod unanimity_over_empty_electorate;
pub(crate) mod undefined_reference;
pub(crate) mod undefined_threshold;
pub(crate) mod unknown_unit;
pub(crate) mod unstated_base;
pub(crate) mod unused_allow;
pub(crate) mod unused_definition;
pub(crate) mod vague_duration;
pub(crate) mod vote_impossible_at_some_sizes;
pub(crate) mod vote_never_passes;
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
    &io_error::IO_ERROR,
    &file_too_large::FILE_TOO_LARGE,
    &name_too_long::NAME_TOO_LONG,
    &string_too_long::STRING_TOO_LONG,
    &too_many_conditions::TOO_MANY_CONDITIONS,
    &undefined_reference::UNDEFINED_REFERENCE,
    &duplicate_definition::DUPLICATE_DEFINITION,
    &wrong_kind_reference::WRONG_KIND_REFERENCE,
    &unused_definition::UNUSED_DEFINITION,
    &duplicate_statement::DUPLICATE_STATEMENT,
    &quorum_base_not_members::QUORUM_BASE_NOT_MEMBERS,
    &missing_metadata::MISSING_METADATA,
    &invalid_allow::INVALID_ALLOW,
    &unused_allow::UNUSED_ALLOW,
    &vote_never_passes::VOTE_NEVER_PASSES,
    &vote_impossible_at_some_sizes::VOTE_IMPOSSIBLE_AT_SOME_SIZES,
    &passes_with_nobody_in_favour::PASSES_WITH_NOBODY_IN_FAVOUR,
    &unstated_base::UNSTATED_BASE,
    &abstention_effect_unstated::ABSTENTION_EFFECT_UNSTATED,
    &proposal_and_opposite_can_pass::PROPOSAL_AND_OPPOSITE_CAN_PASS,
    &minority_decides::MINORITY_DECIDES,
    &tie_without_tie_break::TIE_WITHOUT_TIE_BREAK,
    &unanimity_over_empty_electorate::UNANIMITY_OVER_EMPTY_ELECTORATE,
    &decision_without_rule::DECISION_WITHOUT_RULE,
    &decider_unstated::DECIDER_UNSTATED,
    &rule_left_to_default::RULE_LEFT_TO_DEFAULT,
    &undefined_threshold::UNDEFINED_THRESHOLD,
    &phase_minimum_above_maximum::PHASE_MINIMUM_ABOVE_MAXIMUM,
    &conflicting_durations::CONFLICTING_DURATIONS,
    &vague_duration::VAGUE_DURATION,
    &mixed_day_kinds::MIXED_DAY_KINDS,
    &lazy_consensus_without_silence::LAZY_CONSENSUS_WITHOUT_SILENCE,
    &escalation_cycle::ESCALATION_CYCLE,
    &escalation_without_final_decider::ESCALATION_WITHOUT_FINAL_DECIDER,
    &escalation_to_same_actor::ESCALATION_TO_SAME_ACTOR,
    &final_vote_can_deadlock::FINAL_VOTE_CAN_DEADLOCK,
    &role_without_admission::ROLE_WITHOUT_ADMISSION,
    &role_without_exit::ROLE_WITHOUT_EXIT,
    &placeholder_members::PLACEHOLDER_MEMBERS,
    &members_outside_size_bounds::MEMBERS_OUTSIDE_SIZE_BOUNDS,
    &designation_exceeds_size::DESIGNATION_EXCEEDS_SIZE,
    &subject_may_vote::SUBJECT_MAY_VOTE,
    &protection_amendable::PROTECTION_AMENDABLE,
    &admission_easier_than_amendment::ADMISSION_EASIER_THAN_AMENDMENT,
    &no_amendment_procedure::NO_AMENDMENT_PROCEDURE,
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
    /// Reports a finding. Suppression (`allow` statements) and configured levels are applied afterwards, in
    /// one place, so checks never look at them.
    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}

/// Runs every IR check on a charter.
pub(crate) fn run(charter: &ir::Charter) -> Vec<Diagnostic> {
    // The vote arithmetic is shared by every vote check and computed once. The memo of the analyses is dropped
    // with them: no check asks for an analysis again, and the memory it held is then free for the checks; the
    // memo of `proposal-and-opposite-can-pass` holds other systems.
    let votes = crate::analysis::votes::analyze_votes(charter);
    let mut memo = crate::analysis::votes::Memo::default();
    let mut cx = CheckContext::default();
    unused_definition::check(&mut cx, charter);
    phase_minimum_above_maximum::check(&mut cx, charter);
    conflicting_durations::check(&mut cx, charter);
    vague_duration::check(&mut cx, charter);
    mixed_day_kinds::check(&mut cx, charter);
    lazy_consensus_without_silence::check(&mut cx, charter);
    escalation_cycle::check(&mut cx, charter);
    escalation_without_final_decider::check(&mut cx, charter);
    escalation_to_same_actor::check(&mut cx, charter);
    role_without_admission::check(&mut cx, charter);
    role_without_exit::check(&mut cx, charter);
    placeholder_members::check(&mut cx, charter);
    members_outside_size_bounds::check(&mut cx, charter);
    designation_exceeds_size::check(&mut cx, charter);
    subject_may_vote::check(&mut cx, charter);
    no_amendment_procedure::check(&mut cx, charter);
    unstated_base::check(&mut cx, charter, &votes, &mut memo);
    abstention_effect_unstated::check(&mut cx, charter, &votes, &mut memo);
    minority_decides::check(&mut cx, charter, &votes);
    decision_without_rule::check(&mut cx, charter, &votes);
    decider_unstated::check(&mut cx, charter, &votes);
    rule_left_to_default::check(&mut cx, charter, &votes);
    vote_never_passes::check(&mut cx, charter, &votes);
    vote_impossible_at_some_sizes::check(&mut cx, charter, &votes);
    passes_with_nobody_in_favour::check(&mut cx, charter, &votes);
    proposal_and_opposite_can_pass::check(&mut cx, &votes, &mut memo);
    tie_without_tie_break::check(&mut cx, charter, &votes);
    unanimity_over_empty_electorate::check(&mut cx, charter, &votes);
    final_vote_can_deadlock::check(&mut cx, charter, &votes);
    protection_amendable::check(&mut cx, charter, &votes, &mut memo);
    admission_easier_than_amendment::check(&mut cx, charter, &votes, &mut memo);
    cx.diagnostics
}
