//! The pest parser generated from `grammar/charter.pest`, and a human name for every grammar rule.

/// The parser generated from `grammar/charter.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "grammar/charter.pest"]
pub(crate) struct CharterParser;

/// What a grammar rule looks like, in words a charter author understands.
///
/// Exhaustive on purpose, with no `_` arm: a new grammar rule does not compile until it has a description.
pub(crate) fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the file",
        Rule::WHITESPACE => "whitespace",
        Rule::COMMENT => "a comment",
        Rule::next_items => "an item or the end of the file",
        Rule::item => {
            "an item (`charter`, `role`, `body`, `external`, `threshold`, `default vote` or `decision`)"
        }
        Rule::charter_stmt => "`source`, `version` or `adopted`",
        Rule::role_stmt => "a role statement",
        Rule::body_stmt => "a body statement",
        Rule::decision_stmt => "a decision statement",
        Rule::size_bound => "a size such as `at least 2`",
        Rule::purpose => "a purpose such as `admit maintainer`",
        Rule::decider => "who decides",
        Rule::lazy_stmt => "`silence` or `on objection`",
        Rule::objection_target => "`vote`, `default vote` or a role",
        Rule::step_kind => "a step",
        Rule::vote_body => "a vote block",
        Rule::vote_stmt => "a vote statement",
        Rule::condition => "a condition such as `yes >= 2/3 of members`",
        Rule::operand => "a share, a count or a tally",
        Rule::share => "a share such as `2/3` or `60%`",
        Rule::ident_char => "a letter, digit, `_` or `-`",
        Rule::reserved => "a reserved word",
        Rule::file => "a charter",
        Rule::charter_decl => "`charter`",
        Rule::source_stmt => "`source`",
        Rule::version_stmt => "`version`",
        Rule::adopted_stmt => "`adopted`",
        Rule::role_decl => "`role`",
        Rule::body_decl => "`body`",
        Rule::consists_stmt => "`consists of all`",
        Rule::drawn_stmt => "`drawn from`",
        Rule::appointed_stmt => "`appointed by`",
        Rule::chair_stmt => "`chair`",
        Rule::external_decl => "`external`",
        Rule::threshold_decl => "`threshold`",
        Rule::default_vote_decl => "`default vote`",
        Rule::decision_decl => "`decision`",
        Rule::size_stmt => "`size`",
        Rule::size_at_least => "`at least`",
        Rule::size_at_most => "`at most`",
        Rule::size_range => "a range such as `3 to 7`",
        Rule::size_exact => "a number",
        Rule::members_stmt => "`members`",
        Rule::join_stmt => "`join`",
        Rule::join_open => "`open`",
        Rule::leave_stmt => "`leave`",
        Rule::remove_stmt => "`remove`",
        Rule::inactive_stmt => "`inactive`",
        Rule::status_target => "`->` and a role",
        Rule::reinstate_stmt => "`reinstate`",
        Rule::term_stmt => "`term`",
        Rule::term_limit_stmt => "`term limit`",
        Rule::seat_limit_stmt => "`seat limit`",
        Rule::cadence_stmt => "`cadence`",
        Rule::cadence_every => "`every` and a duration",
        Rule::allow_stmt => "`allow`",
        Rule::lint_name => "a finding's code or name, such as `CH101` or `undefined-reference`",
        Rule::purpose_stmt => "`purpose`",
        Rule::purpose_admit => "`admit`",
        Rule::purpose_remove => "`remove`",
        Rule::purpose_reinstate => "`reinstate`",
        Rule::purpose_appoint => "`appoint`",
        Rule::purpose_elect => "`elect`",
        Rule::purpose_no_confidence => "`no confidence`",
        Rule::purpose_amend => "`amend charter`",
        Rule::purpose_conflicts => "`resolve conflicts`",
        Rule::purpose_conduct => "`enforce conduct`",
        Rule::purpose_security => "`handle security`",
        Rule::purpose_dissolve => "`dissolve project`",
        Rule::purpose_other => "`other`",
        Rule::proposed_stmt => "`proposed by`",
        Rule::phase_stmt => "a waiting period (`discussion`, `notice`, `public`, `review`)",
        Rule::phase_name => "`discussion`, `notice`, `public` or `review`",
        Rule::decided_stmt => "`decided by`",
        Rule::decider_default => "`default vote`",
        Rule::decider_single => "`any`",
        Rule::decider_actor => "a role or body",
        Rule::recuse_stmt => "`recuse`",
        Rule::designate_stmt => "`designate`",
        Rule::lazy_block => "`lazy consensus`",
        Rule::silence_stmt => "`silence`",
        Rule::objection_stmt => "`on objection`",
        Rule::objection_default => "`default vote`",
        Rule::objection_vote => "`vote`",
        Rule::objection_actor => "a role or body",
        Rule::escalate_block => "`escalate`",
        Rule::escalation_step => "`step`",
        Rule::step_parties => "`parties`",
        Rule::step_mediator => "`mediator`",
        Rule::step_decision => "`decision`",
        Rule::step_external => "`external`",
        Rule::step_vote => "`vote`",
        Rule::step_decided => "`decided by`",
        Rule::vote_block => "`vote`",
        Rule::voters_stmt => "`voters`",
        Rule::passes_stmt => "`passes when`",
        Rule::quorum_stmt => "`quorum`",
        Rule::abstention_clause => "`counting abstentions` or `not counting abstentions`",
        Rule::abstentions_counted => "`counting abstentions`",
        Rule::abstentions_not_counted => "`not counting abstentions`",
        Rule::tie_stmt => "`tie`",
        Rule::tie_fails => "`fails`",
        Rule::tie_passes => "`passes`",
        Rule::tie_revote => "`revote`",
        Rule::tie_casting => "`casting vote by`",
        Rule::veto_stmt => "`veto by`",
        Rule::no_veto_stmt => "`no veto`",
        Rule::ballot_stmt => "`ballot`",
        Rule::open_stmt => "`open`",
        Rule::cond_unanimous => "`unanimous`",
        Rule::cond_majority => "`majority`",
        Rule::cond_approved => "`approved`",
        Rule::cond_compare => "a comparison such as `yes >= 2/3 of members`",
        Rule::cond_named => "the name of a threshold",
        Rule::tally => "`yes`, `no`, `abstain` or `turnout`",
        Rule::comparator => "a comparison (`>=`, `>`, `<=`, `<`, `==`)",
        Rule::amount => "a share such as `2/3 of members` or `60% of cast`, or a count such as `3`",
        Rule::fraction => "a fraction such as `2/3`",
        Rule::percent => "a percentage such as `60%`",
        Rule::base => "`members`, `participating`, `cast` or `votes`",
        Rule::actor_list => "a list of roles or bodies",
        Rule::actor => "a role, a body or `anyone`",
        Rule::exclusion => "`subject`, `accused`, `nominator` or a role",
        Rule::ident_list => "a list of names",
        Rule::duration_bound => "a duration such as `7 days` or `at least 2 weeks`",
        Rule::bound_kind => "`at least`, `at most` or `exactly`",
        Rule::duration => "a duration such as `7 days`",
        Rule::approx => "`~`",
        Rule::unit => "a unit (`hours`, `days`, `business days`, `weeks`, `months`, `years`)",
        Rule::vague_period => "`periodically`",
        Rule::block_start => "`{`",
        Rule::block_end => "`}`",
        Rule::integer => "a number",
        Rule::string => "a quoted string such as `\"text\"`",
        Rule::string_inner => "the text of a string",
        Rule::ident => "a name",
        Rule::kw_abstain => "`abstain`",
        Rule::kw_abstentions => "`abstentions`",
        Rule::kw_accused => "`accused`",
        Rule::kw_admit => "`admit`",
        Rule::kw_adopted => "`adopted`",
        Rule::kw_after => "`after`",
        Rule::kw_all => "`all`",
        Rule::kw_allow => "`allow`",
        Rule::kw_amend => "`amend`",
        Rule::kw_and => "`and`",
        Rule::kw_any => "`any`",
        Rule::kw_anyone => "`anyone`",
        Rule::kw_appoint => "`appoint`",
        Rule::kw_appointed => "`appointed by`",
        Rule::kw_approved => "`approved`",
        Rule::kw_at => "`at`",
        Rule::kw_ballot => "`ballot`",
        Rule::kw_because => "`because`",
        Rule::kw_body => "`body`",
        Rule::kw_by => "`by`",
        Rule::kw_cadence => "`cadence`",
        Rule::kw_cast => "`cast`",
        Rule::kw_casting => "`casting`",
        Rule::kw_chair => "`chair`",
        Rule::kw_charter => "`charter`",
        Rule::kw_conduct => "`conduct`",
        Rule::kw_confidence => "`confidence`",
        Rule::kw_conflicts => "`conflicts`",
        Rule::kw_consensus => "`consensus`",
        Rule::kw_consists => "`consists of all`",
        Rule::kw_counting => "`counting`",
        Rule::kw_decided => "`decided by`",
        Rule::kw_decision => "`decision`",
        Rule::kw_default => "`default vote`",
        Rule::kw_designate => "`designate`",
        Rule::kw_discussion => "`discussion`",
        Rule::kw_dissolve => "`dissolve`",
        Rule::kw_drawn => "`drawn from`",
        Rule::kw_elect => "`elect`",
        Rule::kw_enforce => "`enforce`",
        Rule::kw_escalate => "`escalate`",
        Rule::kw_every => "`every`",
        Rule::kw_exactly => "`exactly`",
        Rule::kw_except => "`except`",
        Rule::kw_external => "`external`",
        Rule::kw_fails => "`fails`",
        Rule::kw_from => "`from`",
        Rule::kw_handle => "`handle`",
        Rule::kw_inactive => "`inactive`",
        Rule::kw_join => "`join`",
        Rule::kw_lazy => "`lazy consensus`",
        Rule::kw_least => "`least`",
        Rule::kw_leave => "`leave`",
        Rule::kw_limit => "`limit`",
        Rule::kw_majority => "`majority`",
        Rule::kw_mediator => "`mediator`",
        Rule::kw_members => "`members`",
        Rule::kw_most => "`most`",
        Rule::kw_no => "`no`",
        Rule::kw_nominator => "`nominator`",
        Rule::kw_not => "`not`",
        Rule::kw_notice => "`notice`",
        Rule::kw_objection => "`objection`",
        Rule::kw_of => "`of`",
        Rule::kw_on => "`on objection`",
        Rule::kw_open => "`open`",
        Rule::kw_other => "`other`",
        Rule::kw_participating => "`participating`",
        Rule::kw_parties => "`parties`",
        Rule::kw_passes => "`passes`",
        Rule::kw_per => "`per`",
        Rule::kw_periodically => "`periodically`",
        Rule::kw_project => "`project`",
        Rule::kw_proposed => "`proposed by`",
        Rule::kw_public => "`public`",
        Rule::kw_purpose => "`purpose`",
        Rule::kw_quorum => "`quorum`",
        Rule::kw_recuse => "`recuse`",
        Rule::kw_reinstate => "`reinstate`",
        Rule::kw_remove => "`remove`",
        Rule::kw_resignation => "`resignation`",
        Rule::kw_resolve => "`resolve`",
        Rule::kw_review => "`review`",
        Rule::kw_revote => "`revote`",
        Rule::kw_role => "`role`",
        Rule::kw_seat => "`seat limit`",
        Rule::kw_secret => "`secret`",
        Rule::kw_security => "`security`",
        Rule::kw_silence => "`silence`",
        Rule::kw_size => "`size`",
        Rule::kw_source => "`source`",
        Rule::kw_step => "`step`",
        Rule::kw_subject => "`subject`",
        Rule::kw_term => "`term`",
        Rule::kw_threshold => "`threshold`",
        Rule::kw_tie => "`tie`",
        Rule::kw_to => "`to`",
        Rule::kw_turnout => "`turnout`",
        Rule::kw_unanimous => "`unanimous`",
        Rule::kw_veto => "`veto`",
        Rule::kw_version => "`version`",
        Rule::kw_vote => "`vote`",
        Rule::kw_voters => "`voters`",
        Rule::kw_votes => "`votes`",
        Rule::kw_when => "`when`",
        Rule::kw_with => "`with`",
        Rule::kw_yes => "`yes`",
    }
}

/// Whether a rule only marks a keyword or punctuation, and carries no data for the AST.
pub(crate) fn is_punctuation(rule: Rule) -> bool {
    matches!(rule, Rule::block_start | Rule::block_end) || describe_is_keyword(rule)
}

fn describe_is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_abstain
            | Rule::kw_abstentions
            | Rule::kw_accused
            | Rule::kw_admit
            | Rule::kw_adopted
            | Rule::kw_after
            | Rule::kw_all
            | Rule::kw_allow
            | Rule::kw_amend
            | Rule::kw_and
            | Rule::kw_any
            | Rule::kw_anyone
            | Rule::kw_appoint
            | Rule::kw_appointed
            | Rule::kw_approved
            | Rule::kw_at
            | Rule::kw_ballot
            | Rule::kw_because
            | Rule::kw_body
            | Rule::kw_by
            | Rule::kw_cadence
            | Rule::kw_cast
            | Rule::kw_casting
            | Rule::kw_chair
            | Rule::kw_charter
            | Rule::kw_conduct
            | Rule::kw_confidence
            | Rule::kw_conflicts
            | Rule::kw_consensus
            | Rule::kw_consists
            | Rule::kw_counting
            | Rule::kw_decided
            | Rule::kw_decision
            | Rule::kw_default
            | Rule::kw_designate
            | Rule::kw_discussion
            | Rule::kw_dissolve
            | Rule::kw_drawn
            | Rule::kw_elect
            | Rule::kw_enforce
            | Rule::kw_escalate
            | Rule::kw_every
            | Rule::kw_exactly
            | Rule::kw_except
            | Rule::kw_external
            | Rule::kw_fails
            | Rule::kw_from
            | Rule::kw_handle
            | Rule::kw_inactive
            | Rule::kw_join
            | Rule::kw_lazy
            | Rule::kw_least
            | Rule::kw_leave
            | Rule::kw_limit
            | Rule::kw_majority
            | Rule::kw_mediator
            | Rule::kw_members
            | Rule::kw_most
            | Rule::kw_no
            | Rule::kw_nominator
            | Rule::kw_not
            | Rule::kw_notice
            | Rule::kw_objection
            | Rule::kw_of
            | Rule::kw_on
            | Rule::kw_open
            | Rule::kw_other
            | Rule::kw_participating
            | Rule::kw_parties
            | Rule::kw_passes
            | Rule::kw_per
            | Rule::kw_periodically
            | Rule::kw_project
            | Rule::kw_proposed
            | Rule::kw_public
            | Rule::kw_purpose
            | Rule::kw_quorum
            | Rule::kw_recuse
            | Rule::kw_reinstate
            | Rule::kw_remove
            | Rule::kw_resignation
            | Rule::kw_resolve
            | Rule::kw_review
            | Rule::kw_revote
            | Rule::kw_role
            | Rule::kw_seat
            | Rule::kw_secret
            | Rule::kw_security
            | Rule::kw_silence
            | Rule::kw_size
            | Rule::kw_source
            | Rule::kw_step
            | Rule::kw_subject
            | Rule::kw_term
            | Rule::kw_threshold
            | Rule::kw_tie
            | Rule::kw_to
            | Rule::kw_turnout
            | Rule::kw_unanimous
            | Rule::kw_veto
            | Rule::kw_version
            | Rule::kw_vote
            | Rule::kw_voters
            | Rule::kw_votes
            | Rule::kw_when
            | Rule::kw_with
            | Rule::kw_yes
    )
}
