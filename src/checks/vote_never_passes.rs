//! `CH201` `vote-never-passes`: a vote rule that no tally passes at any size its electorate may have.

use crate::analysis::arithmetic::{self, Rule, SizeRange, Witness};
use crate::analysis::votes::{self, VoteAnalysis, count_words};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir::{self, Linear};
use crate::source::Span;

crate::declare_lint! {
    /// ## What it finds
    /// A vote rule with at least one pass condition that no tally passes, at any size its electorate may have,
    /// under every reading of the rule: `yes >= 5` among committers of whom there are at most three, or two
    /// conditions that cannot hold together (`yes >= 2/3 of members` and `no >= 1/2 of members`). The message
    /// names the condition, or the conditions together, that cannot be met, and the figures.
    ///
    /// A rule whose electorate has no stated maximum is not reported when it could pass in a larger electorate:
    /// the charter does not say that it cannot. Neither is one whose electorate may be larger than the sizes
    /// the arithmetic examines (1,000 members).
    ///
    /// ## Why it matters
    /// The decision cannot be taken as written: every vote fails, whatever the members think. Usually a count was
    /// copied from a larger project, or a size bound is wrong.
    ///
    /// ## Example
    /// ```charter
    /// role committer { size 1 to 3 }
    /// decision release {
    ///   vote { voters committer; passes when yes >= 5 }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// role committer { size 1 to 3 }
    /// decision release {
    ///   vote { voters committer; passes when majority of members }
    /// }
    /// ```
    pub(crate) VOTE_NEVER_PASSES, "CH201", "vote-never-passes", Error
}

/// How far beyond its largest size an electorate is searched for the size that would let the rule pass.
const LOOKAHEAD: u64 = 10_000;

pub(crate) fn check(cx: &mut CheckContext, charter: &ir::Charter, votes: &[VoteAnalysis<'_>]) {
    for vote in votes {
        let rule = vote.rule;
        let readings = vote.readings();
        if rule.conditions.is_empty()
            || readings.is_empty()
            || readings.iter().any(|r| r.analysis.passes_at_some_size)
        {
            continue;
        }
        // Beyond the sizes the arithmetic examines, the rule may pass: nothing can be concluded.
        if vote.sizes.capped {
            continue;
        }
        let range = vote.sizes.range;
        let parts = parts(rule);
        // The one part that cannot be met on its own, if there is one; otherwise all of them together.
        let blamed: Vec<&Part> = match parts
            .iter()
            .find(|part| part.never_passes(range.from, range.to))
        {
            Some(part) => vec![part],
            None => parts.iter().collect(),
        };
        let needs = blamed_first_passing(&blamed, range.to);
        if needs.is_some() && !vote.sizes.bounded {
            // The maximum is the arithmetic's assumption, not the charter's: a larger project could pass it.
            continue;
        }
        let texts = texts(&blamed);
        let electorate = votes::electorate_words(&rule.electorate);
        let reason = match needs {
            Some(needs) => format!(
                "{texts} {} at least {} but {electorate} can have at most {}",
                if blamed.len() == 1 { "needs" } else { "need" },
                count_words(needs.members, "voter"),
                range.to
            ),
            None if blamed.len() == 1 => {
                format!("no tally meets {texts} with {}", sizes_words(range))
            }
            None => format!(
                "no tally meets {texts} together with {}",
                sizes_words(range)
            ),
        };
        let whose = vote.owner_words();
        let span = blamed
            .iter()
            .map(|part| part.span)
            .reduce(Span::cover)
            .unwrap_or(rule.span);
        let label = match needs {
            Some(needs) => format!("needs at least {}", count_words(needs.members, "voter")),
            None => "no tally meets this".to_owned(),
        };
        let mut diagnostic = Diagnostic::new(
            &VOTE_NEVER_PASSES,
            format!("{whose} can never pass: {reason}"),
            Label::new(span, label),
        );
        if let Some((size_span, size_label)) = size_statement(charter, rule) {
            diagnostic = diagnostic.with_label(size_span, size_label);
        }
        // The first tally that would pass the whole rule in a larger electorate, for the note.
        let larger = range.to.checked_add(1).and_then(|from| {
            readings
                .iter()
                .filter_map(|r| {
                    arithmetic::first_passing(&r.rule, from..=range.to.saturating_add(LOOKAHEAD))
                })
                .min()
        });
        if let Some(larger) = larger {
            diagnostic =
                diagnostic.with_note(format!("{} would pass", votes::witness_words(&larger)));
        }
        let help = match needs {
            Some(needs) => format!(
                "lower the requirement so that {} voters can meet it, or raise the maximum size of {electorate} to at least {}",
                range.to, needs.members
            ),
            None => "rewrite the conditions so that some tally can meet all of them".to_owned(),
        };
        cx.report(diagnostic.with_help(help));
    }
}

/// A pass condition or the quorum, with every reading of it on its own.
struct Part {
    /// The text in backticks.
    text: String,
    span: Span,
    readings: Vec<Rule>,
}

impl Part {
    /// Whether no tally meets this part, under any of its readings, at any size in `from..=to`.
    fn never_passes(&self, from: u64, to: u64) -> bool {
        !self.readings.is_empty()
            && self
                .readings
                .iter()
                .all(|rule| arithmetic::first_passing(rule, from..=to).is_none())
    }
}

/// The conditions and the quorum of a rule, each with its readings.
fn parts(rule: &ir::VoteRule) -> Vec<Part> {
    let mut parts: Vec<Part> = rule
        .conditions
        .iter()
        .map(|condition| Part {
            text: format!("`{}`", condition.text),
            span: condition.span,
            readings: condition
                .readings
                .iter()
                .filter_map(|reading| Rule::new(reading.constraints().collect()).ok())
                .collect(),
        })
        .collect();
    if let Some(quorum) = &rule.quorum {
        parts.push(Part {
            text: format!("`{}`", quorum.text),
            span: quorum.span,
            readings: quorum
                .readings
                .iter()
                .filter_map(|reading| Rule::new(vec![reading.linear]).ok())
                .collect(),
        });
    }
    parts
}

/// The first size above `to` (and not far above) at which the blamed parts can all be met, under some reading.
fn blamed_first_passing(blamed: &[&Part], to: u64) -> Option<Witness> {
    let mut combined: Vec<Vec<Linear>> = vec![Vec::new()];
    for part in blamed {
        let mut next = Vec::new();
        for prefix in &combined {
            for reading in &part.readings {
                let mut constraints = prefix.clone();
                constraints.extend_from_slice(reading.constraints());
                next.push(constraints);
            }
        }
        if next.len() > arithmetic::MAX_READINGS {
            return None;
        }
        combined = next;
    }
    let from = to.checked_add(1)?;
    combined
        .into_iter()
        .filter_map(|constraints| Rule::new(constraints).ok())
        .filter_map(|rule| arithmetic::first_passing(&rule, from..=to.saturating_add(LOOKAHEAD)))
        .min()
}

/// "`a`", "`a` and `b`", "`a`, `b` and `c`".
fn texts(parts: &[&Part]) -> String {
    votes::and_list(&parts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>())
}

/// "1 to 3 voters", "3 voters", "1 voter".
fn sizes_words(range: SizeRange) -> String {
    if range.from == range.to {
        count_words(range.from, "voter")
    } else {
        format!("{} to {} voters", range.from, range.to)
    }
}

/// The `size` statement of the electorate's only role or body, labelled, if it has one.
fn size_statement(charter: &ir::Charter, rule: &ir::VoteRule) -> Option<(Span, String)> {
    let [ir::Actor::Item { item }] = rule.electorate.voters.as_slice() else {
        return None;
    };
    let size = match item.kind {
        ir::ItemKind::Role => charter.roles.get(item.index)?.size,
        ir::ItemKind::Body => charter.bodies.get(item.index)?.size,
        ir::ItemKind::External | ir::ItemKind::Threshold | ir::ItemKind::Decision => return None,
    };
    let span = size.span?;
    let words = match size.max {
        Some(max) => format!("`{}` has at most {max} members", item.name),
        None => format!("`{}` has at least {} members", item.name, size.min),
    };
    Some((span, words))
}
