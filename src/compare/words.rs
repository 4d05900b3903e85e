//! The parts of a charter in plain words, with exact figures, for comparisons.
//!
//! Names are written through a [`NameMap`], so that the words of two charters compare equal when their rules
//! do. Shares are written as fractions (`2/3`) or exact percentages (`60%`, `66.7%`), never rounded.

use crate::compare::alignment::NameMap;
use crate::ir::{self, Base, BaseStatement, BoundKind, ConditionForm, Tally};

/// A share as written in words: `1/2`, `2/3`, `3/4` for small denominators, else an exact percentage (`60%`,
/// `66.7%`) when there is one, else the fraction.
pub fn share_words(share: ir::Fraction) -> String {
    let ir::Fraction {
        numerator,
        denominator,
    } = share;
    if denominator <= 4 {
        return format!("{numerator}/{denominator}");
    }
    for decimals in 0u32..=6 {
        let scale = 10i64.pow(decimals + 2);
        if denominator > 0 && scale % denominator == 0 {
            let value = numerator.saturating_mul(scale / denominator);
            let unit = 10i64.pow(decimals);
            let whole = value / unit;
            let fraction = value % unit;
            return if decimals == 0 {
                format!("{whole}%")
            } else {
                let digits = format!("{fraction:0width$}", width = decimals as usize);
                format!("{whole}.{}%", digits.trim_end_matches('0'))
            };
        }
    }
    format!("{numerator}/{denominator}")
}

/// "all members", "those voting (abstentions included)", "the votes cast (abstentions left out)".
fn base_words(base: Base) -> &'static str {
    match base {
        Base::Members => "all members",
        Base::Participating => "those voting (abstentions included)",
        Base::Cast => "the votes cast (abstentions left out)",
    }
}

/// The base of a condition in words, or the ambiguity: `None` for a condition without a share.
fn condition_base(condition: &ir::Condition) -> Option<String> {
    match condition.base {
        BaseStatement::Stated => condition
            .readings
            .first()
            .and_then(|r| r.base)
            .map(|base| base_words(base).to_owned()),
        BaseStatement::Votes => {
            Some("the votes (whether an abstention is a vote is not stated)".to_owned())
        }
        BaseStatement::Unstated => {
            Some("an unstated base (all members, those voting, or the votes cast)".to_owned())
        }
        BaseStatement::NotApplicable => None,
    }
}

fn comparator_words(comparator: &str) -> &'static str {
    match comparator {
        ">=" => "at least",
        ">" => "more than",
        "==" => "exactly",
        "<=" => "at most",
        "<" => "fewer than",
        _ => "compared with",
    }
}

fn tally_side(tally: Tally) -> &'static str {
    match tally {
        Tally::Yes => "in favour",
        Tally::No => "against",
        Tally::Abstain => "abstaining",
        Tally::Turnout => "taking part",
    }
}

fn tally_noun(tally: Tally) -> &'static str {
    match tally {
        Tally::Yes => "yes votes",
        Tally::No => "no votes",
        Tally::Abstain => "abstentions",
        Tally::Turnout => "ballots",
    }
}

/// One pass condition in words: "at least 2/3 of all members in favour", "a simple majority of the votes cast
/// (abstentions left out)", "more yes votes than no votes".
pub fn condition_words(condition: &ir::Condition) -> String {
    let base = condition_base(condition);
    let of_base = base
        .as_deref()
        .map_or(String::new(), |b| format!(" of {b}"));
    let words = match &condition.form {
        ConditionForm::Share {
            tally,
            comparator,
            share,
        } => format!(
            "{} {}{of_base} {}",
            comparator_words(comparator),
            share_words(*share),
            tally_side(*tally)
        ),
        ConditionForm::Count {
            tally: Tally::No,
            comparator,
            count: 0,
        } if comparator == "==" || comparator == "<=" => "no vote against".to_owned(),
        ConditionForm::Count {
            tally,
            comparator,
            count,
        } => format!(
            "{} {count} {}",
            comparator_words(comparator),
            tally_side(*tally)
        ),
        ConditionForm::Comparison {
            left,
            comparator,
            right,
        } => {
            let (l, r) = (tally_noun(*left), tally_noun(*right));
            match comparator.as_str() {
                ">" => format!("more {l} than {r}"),
                ">=" => format!("at least as many {l} as {r}"),
                "<" => format!("fewer {l} than {r}"),
                "<=" => format!("at most as many {l} as {r}"),
                _ => format!("as many {l} as {r}"),
            }
        }
        ConditionForm::Unanimous => format!("unanimity{of_base}"),
        ConditionForm::Majority => format!("a simple majority{of_base}"),
    };
    match &condition.origin {
        ir::ConditionOrigin::Stated => words,
        ir::ConditionOrigin::Threshold { threshold } => {
            format!("{words} (threshold `{}`)", threshold.name)
        }
        ir::ConditionOrigin::DefaultVote { .. } => format!("{words} (from the default vote)"),
    }
}

/// A quorum in words: "a quorum of at least 3/5 of all members taking part, abstentions counting".
pub fn quorum_words(quorum: &ir::Quorum) -> String {
    let amount = match &quorum.form {
        ConditionForm::Share {
            comparator, share, ..
        } => format!(
            "{} {} of all members",
            comparator_words(comparator),
            share_words(*share)
        ),
        ConditionForm::Count {
            comparator, count, ..
        } => format!("{} {count}", comparator_words(comparator)),
        _ => format!("`{}`", quorum.text),
    };
    let abstentions = match quorum.counts_abstentions {
        Some(true) => "abstentions counting",
        Some(false) => "abstentions not counting",
        None => "whether abstentions count is not stated",
    };
    format!("a quorum of {amount} taking part, {abstentions}")
}

/// An actor: "anyone", "`maintainer`".
pub fn actor_words(actor: &ir::Actor, names: &NameMap) -> String {
    match actor {
        ir::Actor::Anyone { .. } => "anyone".to_owned(),
        ir::Actor::Item { item } => format!("`{}`", names.canonical(&item.name)),
    }
}

/// Actors joined with "and": "`contributor` and `maintainer`".
pub fn actors_words(actors: &[ir::Actor], names: &NameMap) -> String {
    and_list(
        &actors
            .iter()
            .map(|a| actor_words(a, names))
            .collect::<Vec<_>>(),
    )
}

/// Who is left out: "the subject", "the accused", "the nominator", "`steering`".
pub fn exclusion_words(exclusion: &ir::Exclusion, names: &NameMap) -> String {
    match exclusion {
        ir::Exclusion::Subject { .. } => "the subject".to_owned(),
        ir::Exclusion::Accused { .. } => "the accused".to_owned(),
        ir::Exclusion::Nominator { .. } => "the nominator".to_owned(),
        ir::Exclusion::Item { item } => format!("`{}`", names.canonical(&item.name)),
    }
}

pub use crate::analysis::votes::and_list;

/// The electorate: "`maintainer`", "`maintainer` except the subject", "voters not stated".
pub fn electorate_words(electorate: &ir::Electorate, names: &NameMap) -> String {
    let voters = if electorate.voters.is_empty() {
        "voters not stated".to_owned()
    } else {
        actors_words(&electorate.voters, names)
    };
    if electorate.exclusions.is_empty() {
        voters
    } else {
        let excluded: Vec<String> = electorate
            .exclusions
            .iter()
            .map(|e| exclusion_words(e, names))
            .collect();
        format!("{voters} except {}", and_list(&excluded))
    }
}

/// What a tie does, if the rule says: "a tie fails", "the chair `x` casts the deciding vote on a tie".
pub fn tie_words(tie: Option<&ir::TieBreak>, names: &NameMap) -> Option<String> {
    tie.map(|tie| match tie {
        ir::TieBreak::Fails => "a tie fails".to_owned(),
        ir::TieBreak::Passes => "a tie passes".to_owned(),
        ir::TieBreak::Revote => "a tie is voted again".to_owned(),
        ir::TieBreak::CastingVote { by } => {
            format!(
                "{} casts the deciding vote on a tie",
                actor_words(by, names)
            )
        }
    })
}

/// The pass conditions and the quorum in words, joined with "and"; "no pass condition stated" when there is none.
pub fn conditions_words(rule: &ir::VoteRule) -> String {
    let mut parts: Vec<String> = rule.conditions.iter().map(condition_words).collect();
    if parts.is_empty() {
        parts.push("no pass condition stated".to_owned());
    }
    if let Some(quorum) = &rule.quorum {
        parts.push(quorum_words(quorum));
    }
    and_list(&parts)
}

/// A whole vote rule in words: "a vote of `maintainer`: at least 2/3 of all members in favour; a tie fails".
pub fn rule_words(rule: &ir::VoteRule, names: &NameMap) -> String {
    let mut res = match rule.origin {
        ir::RuleOrigin::DefaultByReference | ir::RuleOrigin::DefaultImplied => {
            "the default vote, a vote of ".to_owned()
        }
        ir::RuleOrigin::Stated | ir::RuleOrigin::Default => "a vote of ".to_owned(),
    };
    res.push_str(&electorate_words(&rule.electorate, names));
    res.push_str(": ");
    res.push_str(&conditions_words(rule));
    if let Some(tie) = tie_words(rule.tie.as_ref(), names) {
        res.push_str("; ");
        res.push_str(&tie);
    }
    if !rule.vetoes.is_empty() {
        res.push_str(&format!("; veto by {}", actors_words(&rule.vetoes, names)));
    }
    res
}

/// A duration with its bound: "at least 7 days", "at most 14 days", "exactly 30 days", "~3-5 business days
/// (minimum or maximum not stated)", "periodically".
pub fn bound_words(bound: &ir::DurationBound) -> String {
    let Some(duration) = &bound.duration else {
        return "periodically (no figure)".to_owned();
    };
    match bound.bound {
        BoundKind::AtLeast => format!("at least {}", duration.text),
        BoundKind::AtMost => format!("at most {}", duration.text),
        BoundKind::Exactly => format!("exactly {}", duration.text),
        BoundKind::Unstated => format!("{} (minimum or maximum not stated)", duration.text),
    }
}

/// A phase's name: "discussion", "notice", "public", "review".
pub fn phase_words(kind: ir::PhaseKind) -> &'static str {
    match kind {
        ir::PhaseKind::Discussion => "discussion",
        ir::PhaseKind::Notice => "notice",
        ir::PhaseKind::Public => "public proposal",
        ir::PhaseKind::Review => "review",
    }
}

/// Size bounds: "at least 1", "at most 5", "2 to 4", "exactly 1", "not stated".
pub fn size_words(size: &ir::SizeBounds) -> String {
    if !size.stated {
        return "not stated".to_owned();
    }
    match size.max {
        None => format!("at least {}", size.min),
        Some(max) if max == size.min => format!("exactly {max}"),
        Some(max) if size.min == 0 => format!("at most {max}"),
        Some(max) => format!("{} to {max}", size.min),
    }
}

/// Who decides, in words, without the vote rule: "a vote", "any 2 `security_team`", "`tsc`, by a rule the text
/// does not state", "lazy consensus", "its escalation path", "nobody (no decider and no default vote)".
pub fn decider_words(decider: &ir::Decider, names: &NameMap) -> String {
    match decider {
        ir::Decider::Vote => "a vote".to_owned(),
        ir::Decider::Approvals { count, by } => {
            format!("approval by any {count} {}", actor_words(by, names))
        }
        ir::Decider::Actor { actor } => format!(
            "{} decides, by a rule the text does not state",
            actor_words(actor, names)
        ),
        ir::Decider::LazyConsensus => "lazy consensus".to_owned(),
        ir::Decider::Escalation => "its escalation path".to_owned(),
        ir::Decider::Unstated => {
            "nobody: the charter names no decider and has no default vote".to_owned()
        }
    }
}

/// What an objection to a lazy-consensus proposal leads to.
pub fn objection_words(objection: &ir::Objection, names: &NameMap) -> String {
    match objection {
        ir::Objection::Vote => "a vote".to_owned(),
        ir::Objection::Actor { actor } => format!(
            "{} decides, by a rule the text does not state",
            actor_words(actor, names)
        ),
        ir::Objection::Unstated => "not stated".to_owned(),
    }
}

/// A lazy consensus in words: "silence of at least 48 hours, then on objection a vote".
pub fn lazy_consensus_words(lazy: &ir::LazyConsensus, names: &NameMap) -> String {
    let silence = match &lazy.silence {
        Some(bound) => format!("silence of {}", bound_words(bound)),
        None => "no silence period stated".to_owned(),
    };
    format!(
        "{silence}; on objection: {}",
        objection_words(&lazy.on_objection, names)
    )
}

/// One escalation step in words: "the parties", "mediation by `maintainer`", "the default vote", "a vote of
/// `tsc`: ...", "`tsc` decides, by a rule the text does not state".
pub fn step_words(step: &ir::EscalationStep, names: &NameMap) -> String {
    match step {
        ir::EscalationStep::Parties { .. } => "the parties".to_owned(),
        ir::EscalationStep::Mediator { actor, .. } => {
            format!("mediation by {}", actor_words(actor, names))
        }
        ir::EscalationStep::Decision { decision, .. } => {
            format!("decision `{}`", names.canonical(&decision.name))
        }
        ir::EscalationStep::External { external, .. } => {
            format!("external `{}`", names.canonical(&external.name))
        }
        ir::EscalationStep::Vote { rule, .. } => match rule.origin {
            ir::RuleOrigin::Stated | ir::RuleOrigin::Default => {
                format!("a vote of {}", electorate_words(&rule.electorate, names))
            }
            ir::RuleOrigin::DefaultByReference | ir::RuleOrigin::DefaultImplied => {
                "the default vote".to_owned()
            }
        },
        ir::EscalationStep::Decided { decider, .. } => decider_words(decider, names),
    }
}

/// An escalation path in words: "the parties → `maintainer_council` decides ... → the default vote".
pub fn escalation_words(steps: &[ir::EscalationStep], names: &NameMap) -> String {
    steps
        .iter()
        .map(|s| step_words(s, names))
        .collect::<Vec<_>>()
        .join(" → ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_written_exactly() {
        let f = |numerator, denominator| {
            share_words(ir::Fraction {
                numerator,
                denominator,
            })
        };
        assert_eq!(f(2, 3), "2/3");
        assert_eq!(f(1, 2), "1/2");
        assert_eq!(f(3, 5), "60%");
        assert_eq!(f(667, 1000), "66.7%");
        assert_eq!(f(1, 7), "1/7");
        assert_eq!(f(1, 8), "12.5%");
    }
}
