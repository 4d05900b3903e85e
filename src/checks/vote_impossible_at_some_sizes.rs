//! `CH202` `vote-impossible-at-some-sizes`: a vote rule that cannot pass at some sizes its electorate may have.

use crate::analysis::arithmetic::SizeRange;
use crate::analysis::electorate::Sizes;
use crate::analysis::votes::{self, VoteAnalysis, count_words};
use crate::checks::CheckContext;
use crate::diagnostic::{Diagnostic, Label};
use crate::ir;

crate::declare_lint! {
    /// ## What it finds
    /// A vote rule that some tally passes at some size of its electorate, but that no tally passes at other
    /// sizes the charter allows: `yes >= 3` among committers of whom there may be one or two. It is reported
    /// when every reading of the rule agrees on the sizes where it cannot pass. An electorate of nobody, which
    /// cannot vote at all, is not counted (`unanimity-over-empty-electorate` looks at it).
    ///
    /// ## Why it matters
    /// While the role is small, the decision cannot be taken: a project that shrinks, or has just started, is
    /// stuck exactly when it needs to add people. The charter should either require a size at which the rule
    /// works, or use a rule that scales with the electorate (a share of members instead of a count).
    ///
    /// ## Example
    /// ```charter
    /// role committer { size at least 1 }
    /// decision release {
    ///   vote { voters committer; passes when yes >= 3 and yes > no }
    /// }
    /// ```
    /// Use instead:
    /// ```charter
    /// role committer { size at least 3 }
    /// decision release {
    ///   vote { voters committer; passes when yes >= 3 and yes > no }
    /// }
    /// ```
    pub(crate) VOTE_IMPOSSIBLE_AT_SOME_SIZES, "CH202", "vote-impossible-at-some-sizes", Warning
}

pub(crate) fn check(cx: &mut CheckContext, _charter: &ir::Charter, votes: &[VoteAnalysis<'_>]) {
    for vote in votes {
        let readings = vote.readings();
        let Some(first) = readings.first() else {
            continue;
        };
        if vote.rule.conditions.is_empty()
            || readings.iter().any(|r| !r.analysis.passes_at_some_size)
        {
            continue;
        }
        let runs = without_empty(&first.analysis.cannot_pass);
        if runs.is_empty()
            || readings
                .iter()
                .any(|r| without_empty(&r.analysis.cannot_pass) != runs)
        {
            continue;
        }
        let electorate = electorate_words(vote.rule);
        let whose = vote.owner_words();
        let Some((run, rest)) = runs.split_first() else {
            continue;
        };
        let (when, label) = run_words(*run, &vote.sizes, &electorate);
        let span = votes::conditions_span(vote.rule);
        let mut diagnostic = Diagnostic::new(
            &VOTE_IMPOSSIBLE_AT_SOME_SIZES,
            format!("{whose} cannot pass {when}"),
            Label::new(span, label),
        );
        if let Some(electorate_span) = vote.rule.electorate.span {
            diagnostic = diagnostic.with_label(
                electorate_span,
                format!("may have {}", sizes_words(&vote.sizes)),
            );
        }
        for run in rest {
            diagnostic = diagnostic.with_note(format!(
                "it cannot pass either {}",
                run_words(*run, &vote.sizes, &electorate).0
            ));
        }
        let help = if run.from <= vote.sizes.range.from.max(1) {
            format!(
                "require a size at which the rule can pass (at least {} voters), or measure the rule as a share of members",
                run.to.saturating_add(1)
            )
        } else {
            "measure the rule as a share of members, so that it can pass at every size".to_owned()
        };
        cx.report(diagnostic.with_help(help));
    }
}

/// The runs of sizes where no tally passes, leaving out the empty electorate.
fn without_empty(runs: &[SizeRange]) -> Vec<SizeRange> {
    runs.iter()
        .filter_map(|run| {
            let from = run.from.max(1);
            (from <= run.to).then_some(SizeRange { from, to: run.to })
        })
        .collect()
}

/// The sizes the electorate may have, in words.
fn sizes_words(sizes: &Sizes) -> String {
    match (sizes.range.from, sizes.bounded && !sizes.capped) {
        (from, true) => format!("{from} to {} members", sizes.range.to),
        (0, false) => "no members".to_owned(),
        (1, false) => "a single member".to_owned(),
        (from, false) => format!("as few as {from} members"),
    }
}

/// When the rule cannot pass, for the message, and the label under the conditions.
fn run_words(run: SizeRange, sizes: &Sizes, electorate: &str) -> (String, String) {
    let range = sizes.range;
    if run.from <= range.from.max(1) {
        let fewer = run.to.saturating_add(1);
        (
            format!(
                "while {electorate} has fewer than {}, which its size allows (at least {})",
                count_words(fewer, "member"),
                range.from
            ),
            format!("needs at least {}", count_words(fewer, "voter")),
        )
    } else if run.to >= range.to {
        let more = run.from.saturating_sub(1);
        let allowed = if sizes.capped {
            "its size allows".to_owned()
        } else if sizes.bounded {
            format!("its size allows (at most {})", range.to)
        } else {
            "its size allows (no maximum is stated)".to_owned()
        };
        (
            format!(
                "while {electorate} has more than {}, which {allowed}",
                count_words(more, "member")
            ),
            format!("cannot pass with more than {}", count_words(more, "voter")),
        )
    } else if run.from == run.to {
        (
            format!(
                "while {electorate} has exactly {}, which its size allows",
                count_words(run.from, "member")
            ),
            format!("cannot pass with {}", count_words(run.from, "voter")),
        )
    } else {
        (
            format!(
                "while {electorate} has {} to {} members, which its size allows",
                run.from, run.to
            ),
            format!("cannot pass with {} to {} voters", run.from, run.to),
        )
    }
}

/// The electorate as written, like [`votes::electorate_words`]: "`committer`", "`maintainer` except the subject";
/// but "the electorate" when anyone may vote, and for voters the charter does not name.
fn electorate_words(rule: &ir::VoteRule) -> String {
    let electorate = &rule.electorate;
    if electorate
        .voters
        .iter()
        .any(|voter| matches!(voter, ir::Actor::Anyone { .. }))
    {
        return "the electorate".to_owned();
    }
    let voters = votes::stated_voters(electorate).unwrap_or_else(|| "the electorate".to_owned());
    format!("{voters}{}", votes::exclusions_words(electorate))
}
