//! Vote rules: electorates, pass conditions with every reading of an unstated base, quorums.
//!
//! A condition `tally cmp share of base` becomes `q * tally - p * base  (relation)  0` with integer coefficients,
//! where `share = p / q`. `<` and `<=` are negated into `>` and `>=`, so a linear form only ever reads `>= 0`,
//! `> 0` or `== 0`. The coefficients are divided by their greatest common divisor, which keeps the inequality
//! equivalent because every tally is an integer.

use super::Lowerer;
use super::numbers;
use crate::ast;
use crate::checks::{
    duplicate_statement, quorum_base_not_members, too_many_conditions, undefined_threshold,
};
use crate::ir::{
    self, Base, BaseStatement, ConditionForm, ConditionOrigin, Fraction, ItemKind, Linear, Reading,
    Relation,
};
use crate::source::Span;

/// A linear expression over (y, x, a, n, 1).
#[derive(Debug, Clone, Copy, Default)]
struct Expr {
    yes: i128,
    no: i128,
    abstain: i128,
    members: i128,
    constant: i128,
}

impl Expr {
    fn tally(tally: ir::Tally) -> Expr {
        match tally {
            ir::Tally::Yes => Expr {
                yes: 1,
                ..Expr::default()
            },
            ir::Tally::No => Expr {
                no: 1,
                ..Expr::default()
            },
            ir::Tally::Abstain => Expr {
                abstain: 1,
                ..Expr::default()
            },
            ir::Tally::Turnout => Expr {
                yes: 1,
                no: 1,
                abstain: 1,
                ..Expr::default()
            },
        }
    }

    fn base(base: Base) -> Expr {
        match base {
            Base::Members => Expr {
                members: 1,
                ..Expr::default()
            },
            Base::Participating => Expr::tally(ir::Tally::Turnout),
            Base::Cast => Expr {
                yes: 1,
                no: 1,
                ..Expr::default()
            },
        }
    }

    fn constant(value: u64) -> Expr {
        Expr {
            constant: i128::from(value),
            ..Expr::default()
        }
    }

    fn scale(self, k: i128) -> Expr {
        Expr {
            yes: self.yes * k,
            no: self.no * k,
            abstain: self.abstain * k,
            members: self.members * k,
            constant: self.constant * k,
        }
    }

    fn minus(self, other: Expr) -> Expr {
        Expr {
            yes: self.yes - other.yes,
            no: self.no - other.no,
            abstain: self.abstain - other.abstain,
            members: self.members - other.members,
            constant: self.constant - other.constant,
        }
    }

    /// `self cmp 0` as a normalized linear form.
    fn compare_to_zero(self, comparator: ast::Comparator) -> Linear {
        let (expr, relation) = match comparator {
            ast::Comparator::Ge => (self, Relation::Ge),
            ast::Comparator::Gt => (self, Relation::Gt),
            ast::Comparator::Le => (self.scale(-1), Relation::Ge),
            ast::Comparator::Lt => (self.scale(-1), Relation::Gt),
            ast::Comparator::Eq => (self, Relation::Eq),
        };
        let divisor = [expr.yes, expr.no, expr.abstain, expr.members, expr.constant]
            .into_iter()
            .fold(0i128, num_integer::gcd)
            .max(1);
        Linear {
            yes: expr.yes / divisor,
            no: expr.no / divisor,
            abstain: expr.abstain / divisor,
            members: expr.members / divisor,
            constant: expr.constant / divisor,
            relation,
        }
    }
}

/// `tally cmp p/q of base`, as `q * tally - p * base cmp 0`.
fn share_linear(
    tally: ir::Tally,
    comparator: ast::Comparator,
    share: Fraction,
    base: Base,
) -> Linear {
    Expr::tally(tally)
        .scale(i128::from(share.denominator))
        .minus(Expr::base(base).scale(i128::from(share.numerator)))
        .compare_to_zero(comparator)
}

fn tally_of(tally: ast::Tally) -> ir::Tally {
    match tally {
        ast::Tally::Yes => ir::Tally::Yes,
        ast::Tally::No => ir::Tally::No,
        ast::Tally::Abstain => ir::Tally::Abstain,
        ast::Tally::Turnout => ir::Tally::Turnout,
    }
}

fn tally_word(tally: ir::Tally) -> &'static str {
    match tally {
        ir::Tally::Yes => "yes",
        ir::Tally::No => "no",
        ir::Tally::Abstain => "abstain",
        ir::Tally::Turnout => "turnout",
    }
}

fn comparator_symbol(comparator: ast::Comparator) -> &'static str {
    match comparator {
        ast::Comparator::Ge => ">=",
        ast::Comparator::Gt => ">",
        ast::Comparator::Le => "<=",
        ast::Comparator::Lt => "<",
        ast::Comparator::Eq => "==",
    }
}

/// The bases a share may be measured against, and how the base was given.
fn bases_of(base: Option<ast::Base>) -> (BaseStatement, Vec<Base>) {
    match base {
        Some(ast::Base::Members) => (BaseStatement::Stated, vec![Base::Members]),
        Some(ast::Base::Participating) => (BaseStatement::Stated, vec![Base::Participating]),
        Some(ast::Base::Cast) => (BaseStatement::Stated, vec![Base::Cast]),
        Some(ast::Base::Votes) => (BaseStatement::Votes, vec![Base::Participating, Base::Cast]),
        None => (BaseStatement::Unstated, Base::ALL.to_vec()),
    }
}

fn base_suffix(base: Option<ast::Base>) -> &'static str {
    match base {
        Some(ast::Base::Members) => " of members",
        Some(ast::Base::Participating) => " of participating",
        Some(ast::Base::Cast) => " of cast",
        Some(ast::Base::Votes) => " of votes",
        None => "",
    }
}

/// A share as written, in two parts (the digits and a `%` or nothing), to be joined into a condition's text.
fn share_text(share: &ast::Share) -> [&str; 2] {
    match share {
        ast::Share::Fraction(text) => [text, ""],
        ast::Share::Percent(digits) => [digits, "%"],
    }
}

impl Lowerer<'_> {
    /// Lowers the conditions of a `passes when` (or a threshold), expanding named thresholds and `approved`.
    pub(super) fn lower_conditions(&mut self, conditions: &[ast::Condition]) -> Vec<ir::Condition> {
        // One condition each, unless a named threshold or `approved` stands for several (then `shrink` below).
        let mut res = Vec::with_capacity(conditions.len());
        for condition in conditions {
            match condition {
                ast::Condition::Named(name) if !self.names.contains(&name.text) => {
                    // A text that says "a supermajority" and never defines it: vague, not contradictory.
                    self.diagnostics
                        .push(undefined_threshold::diagnostic(name.span, &name.text));
                }
                ast::Condition::Named(name) => {
                    let Some(threshold) =
                        self.names
                            .resolve(name, &[ItemKind::Threshold], &mut self.diagnostics)
                    else {
                        continue;
                    };
                    let Some(lowered) = self
                        .thresholds
                        .get(threshold.index)
                        .and_then(Option::as_ref)
                    else {
                        continue;
                    };
                    for inner in &lowered.conditions {
                        let mut inner = inner.clone();
                        inner.origin = ConditionOrigin::Threshold {
                            threshold: threshold.clone(),
                        };
                        inner.span = name.span;
                        res.push(inner);
                    }
                }
                ast::Condition::Approved(span) => {
                    let inherited = self
                        .default_vote
                        .as_ref()
                        .map(|rule| rule.conditions.clone())
                        .unwrap_or_default();
                    for mut inner in inherited {
                        inner.origin = ConditionOrigin::DefaultVote { span: *span };
                        inner.span = *span;
                        res.push(inner);
                    }
                }
                other => res.extend(self.lower_plain_condition(other)),
            }
        }
        if res.len() > too_many_conditions::MAX_CONDITIONS {
            let span = match (conditions.first(), conditions.last()) {
                (Some(first), Some(last)) => first.span().cover(last.span()),
                _ => Span::default(),
            };
            self.diagnostics
                .push(too_many_conditions::diagnostic(span, res.len()));
            res.truncate(too_many_conditions::MAX_CONDITIONS);
        }
        super::shrink(&mut res);
        res
    }

    /// Lowers a condition that is neither a named threshold nor `approved`.
    fn lower_plain_condition(&mut self, condition: &ast::Condition) -> Option<ir::Condition> {
        let span = condition.span();
        let stated = ConditionOrigin::Stated;
        match condition {
            ast::Condition::Unanimous(base, _) => {
                let (statement, bases) = bases_of(*base);
                let one = Fraction {
                    numerator: 1,
                    denominator: 1,
                };
                let readings = bases
                    .into_iter()
                    .map(|b| {
                        Reading::share(b, share_linear(ir::Tally::Yes, ast::Comparator::Ge, one, b))
                    })
                    .collect();
                let text = ["unanimous", base_suffix(*base)].concat();
                Some(ir::Condition {
                    text,
                    form: ConditionForm::Unanimous,
                    base: statement,
                    readings,
                    origin: stated,
                    span,
                })
            }
            ast::Condition::Majority(base, _) => {
                let (statement, bases) = bases_of(*base);
                let half = Fraction {
                    numerator: 1,
                    denominator: 2,
                };
                let readings = bases
                    .into_iter()
                    .map(|b| {
                        Reading::share(
                            b,
                            share_linear(ir::Tally::Yes, ast::Comparator::Gt, half, b),
                        )
                    })
                    .collect();
                let text = ["majority", base_suffix(*base)].concat();
                Some(ir::Condition {
                    text,
                    form: ConditionForm::Majority,
                    base: statement,
                    readings,
                    origin: stated,
                    span,
                })
            }
            ast::Condition::Compare(tally, comparator, operand, _) => {
                let tally = tally_of(*tally);
                let symbol = comparator_symbol(*comparator);
                let left = tally_word(tally);
                match operand {
                    ast::Operand::Tally(right, _) => {
                        let right = tally_of(*right);
                        let linear = Expr::tally(tally)
                            .minus(Expr::tally(right))
                            .compare_to_zero(*comparator);
                        Some(ir::Condition {
                            text: [left, " ", symbol, " ", tally_word(right)].concat(),
                            form: ConditionForm::Comparison {
                                left: tally,
                                comparator: symbol.to_owned(),
                                right,
                            },
                            base: BaseStatement::NotApplicable,
                            readings: vec![Reading::plain(linear)],
                            origin: stated,
                            span,
                        })
                    }
                    ast::Operand::Amount(ast::Amount::Count(count)) => {
                        let value = numbers::integer(count, &mut self.diagnostics)?;
                        let linear = Expr::tally(tally)
                            .minus(Expr::constant(value))
                            .compare_to_zero(*comparator);
                        Some(ir::Condition {
                            text: format!("{left} {symbol} {value}"),
                            form: ConditionForm::Count {
                                tally,
                                comparator: symbol.to_owned(),
                                count: value,
                            },
                            base: BaseStatement::NotApplicable,
                            readings: vec![Reading::plain(linear)],
                            origin: stated,
                            span,
                        })
                    }
                    ast::Operand::Amount(ast::Amount::Share(share, base, share_span)) => {
                        let fraction = numbers::share(share, *share_span, &mut self.diagnostics)?;
                        let (statement, bases) = bases_of(*base);
                        let readings = bases
                            .into_iter()
                            .map(|b| {
                                Reading::share(b, share_linear(tally, *comparator, fraction, b))
                            })
                            .collect();
                        Some(ir::Condition {
                            text: {
                                let [digits, percent] = share_text(share);
                                [left, " ", symbol, " ", digits, percent, base_suffix(*base)]
                                    .concat()
                            },
                            form: ConditionForm::Share {
                                tally,
                                comparator: symbol.to_owned(),
                                share: fraction,
                            },
                            base: statement,
                            readings,
                            origin: stated,
                            span,
                        })
                    }
                }
            }
            ast::Condition::Named(_) | ast::Condition::Approved(_) => None,
        }
    }

    /// Lowers a quorum statement.
    fn lower_quorum(
        &mut self,
        comparator: Option<ast::Comparator>,
        amount: &ast::Amount,
        counts_abstentions: Option<bool>,
        span: Span,
    ) -> Option<ir::Quorum> {
        let comparator = comparator.unwrap_or(ast::Comparator::Ge);
        let symbol = comparator_symbol(comparator);
        let clause = match counts_abstentions {
            Some(true) => " counting abstentions",
            Some(false) => " not counting abstentions",
            None => "",
        };
        let readings_for: Vec<bool> = match counts_abstentions {
            Some(counts) => vec![counts],
            None => vec![true, false],
        };
        let turnout = |counts: bool| {
            if counts {
                Expr::base(Base::Participating)
            } else {
                Expr::base(Base::Cast)
            }
        };
        let (form, text, linears): (ConditionForm, String, Vec<(bool, Linear)>) = match amount {
            ast::Amount::Count(count) => {
                let value = numbers::integer(count, &mut self.diagnostics)?;
                let linears = readings_for
                    .iter()
                    .map(|&c| {
                        (
                            c,
                            turnout(c)
                                .minus(Expr::constant(value))
                                .compare_to_zero(comparator),
                        )
                    })
                    .collect();
                let form = ConditionForm::Count {
                    tally: ir::Tally::Turnout,
                    comparator: symbol.to_owned(),
                    count: value,
                };
                (form, format!("quorum {symbol} {value}{clause}"), linears)
            }
            ast::Amount::Share(share, base, share_span) => {
                if let Some(base) = base
                    && *base != ast::Base::Members
                {
                    self.diagnostics.push(quorum_base_not_members::diagnostic(
                        *share_span,
                        base_suffix(Some(*base)).trim_start_matches(" of "),
                    ));
                    return None;
                }
                let fraction = numbers::share(share, *share_span, &mut self.diagnostics)?;
                let linears = readings_for
                    .iter()
                    .map(|&c| {
                        let linear = turnout(c)
                            .scale(i128::from(fraction.denominator))
                            .minus(Expr::base(Base::Members).scale(i128::from(fraction.numerator)))
                            .compare_to_zero(comparator);
                        (c, linear)
                    })
                    .collect();
                let form = ConditionForm::Share {
                    tally: ir::Tally::Turnout,
                    comparator: symbol.to_owned(),
                    share: fraction,
                };
                (
                    form,
                    {
                        let [digits, percent] = share_text(share);
                        [
                            "quorum ",
                            symbol,
                            " ",
                            digits,
                            percent,
                            " of members",
                            clause,
                        ]
                        .concat()
                    },
                    linears,
                )
            }
        };
        let readings = linears
            .into_iter()
            .map(|(counts_abstentions, linear)| ir::QuorumReading {
                counts_abstentions,
                linear,
            })
            .collect();
        Some(ir::Quorum {
            text,
            form,
            counts_abstentions,
            readings,
            span,
        })
    }

    /// Lowers a `vote { ... }` block (or the `default vote` body).
    pub(super) fn lower_vote(
        &mut self,
        block: &ast::VoteBlock,
        origin: ir::RuleOrigin,
    ) -> ir::VoteRule {
        let mut rule = ir::VoteRule {
            origin,
            electorate: ir::Electorate {
                voters: Vec::new(),
                exclusions: Vec::new(),
                span: None,
            },
            conditions: Vec::new(),
            quorum: None,
            tie: None,
            vetoes: Vec::new(),
            no_veto: false,
            secret_ballot: None,
            window: None,
            allows: Vec::new(),
            span: block.span,
        };
        let allows = block
            .stmts
            .iter()
            .filter(|stmt| matches!(stmt, ast::VoteStmt::Allow(_)))
            .count();
        rule.allows.reserve_exact(allows);
        let mut seen = Seen::default();
        let mut leans_on_default = false;
        for stmt in &block.stmts {
            match stmt {
                ast::VoteStmt::Voters(voters, exclusions, span) => {
                    if self.first(&mut seen.voters, *span, "`voters`") {
                        rule.electorate.voters =
                            self.lower_actors(voters, &[ItemKind::Role, ItemKind::Body]);
                        rule.electorate.exclusions = self.lower_exclusions(exclusions);
                        rule.electorate.span = Some(*span);
                    }
                }
                ast::VoteStmt::Passes(conditions, span) => {
                    if self.first(&mut seen.passes, *span, "`passes when`") {
                        rule.conditions = self.lower_conditions(conditions);
                        leans_on_default |= conditions
                            .iter()
                            .any(|c| matches!(c, ast::Condition::Approved(_)));
                    }
                }
                ast::VoteStmt::Quorum(comparator, amount, counts, span) => {
                    if self.first(&mut seen.quorum, *span, "`quorum`") {
                        rule.quorum = self.lower_quorum(*comparator, amount, *counts, *span);
                    }
                }
                ast::VoteStmt::Tie(tie, span) => {
                    if self.first(&mut seen.tie, *span, "`tie`") {
                        rule.tie = match tie {
                            ast::TieRule::Fails => Some(ir::TieBreak::Fails),
                            ast::TieRule::Passes => Some(ir::TieBreak::Passes),
                            ast::TieRule::Revote => Some(ir::TieBreak::Revote),
                            ast::TieRule::CastingVote(actor) => self
                                .lower_actor(actor, &[ItemKind::Role, ItemKind::Body])
                                .map(|by| ir::TieBreak::CastingVote { by }),
                        };
                    }
                }
                ast::VoteStmt::Veto(actors, _) => {
                    let vetoes = self.lower_actors(actors, &[ItemKind::Role, ItemKind::Body]);
                    super::append(&mut rule.vetoes, vetoes);
                }
                ast::VoteStmt::NoVeto(span) => {
                    if self.first(&mut seen.no_veto, *span, "`no veto`") {
                        rule.no_veto = true;
                    }
                }
                ast::VoteStmt::Ballot(secret, span) => {
                    if self.first(&mut seen.ballot, *span, "`ballot`") {
                        rule.secret_ballot = Some(*secret);
                    }
                }
                ast::VoteStmt::Open(bound, span) => {
                    if self.first(&mut seen.open, *span, "`open`") {
                        rule.window =
                            numbers::duration_bound(bound, self.source, &mut self.diagnostics);
                    }
                }
                ast::VoteStmt::Allow(allow) => rule.allows.push(super::lower_allow(allow)),
            }
        }
        // `approved` means "by the general vote": its quorum applies too, unless this vote states its own.
        if leans_on_default && rule.quorum.is_none() {
            rule.quorum = self
                .default_vote
                .as_ref()
                .and_then(|default| default.quorum.clone());
        }
        super::shrink_rule(&mut rule);
        rule
    }

    /// Records the first occurrence of a statement; reports and returns `false` for a second one.
    pub(super) fn first(&mut self, seen: &mut Option<Span>, span: Span, what: &str) -> bool {
        match seen {
            Some(first) => {
                self.diagnostics
                    .push(duplicate_statement::diagnostic(span, what, *first));
                false
            }
            None => {
                *seen = Some(span);
                true
            }
        }
    }
}

/// The statements of a vote block seen so far, for duplicate detection.
#[derive(Debug, Default)]
struct Seen {
    voters: Option<Span>,
    passes: Option<Span>,
    quorum: Option<Span>,
    tie: Option<Span>,
    no_veto: Option<Span>,
    ballot: Option<Span>,
    open: Option<Span>,
}
