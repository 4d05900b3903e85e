//! A table of several charters: one row per aligned aspect, one column per charter.
//!
//! The rows are, in this order: the default vote; for each role and body (by name, through the [`NameMap`]), its
//! size bounds and the rule of every decision about it (admission, removal, reinstatement, appointment,
//! election, no confidence); then amendment, conflict resolution, Code of Conduct, security response,
//! dissolution and every other decision, aligned by what they do. A decision's row says how it is decided, in
//! words with its smallest winning coalition; rows for its waiting periods (phases and vote window), lazy
//! consensus, escalation path and recusals follow when some charter states them. Rows where the charters differ
//! come first. Where vote rules differ, the row carries the pairwise comparisons with witness tallies.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::compare::Prepared;
use crate::compare::alignment::{self, NameMap, Procedure};
use crate::compare::diff::how_decided_with;
use crate::compare::rules::{self, Direction, RuleCache, RuleComparison, Scope};
use crate::compare::words;
use crate::ir;

/// One charter of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The path (or `REV:path`) it was read from.
    pub label: String,
    /// The heading: the charter's name, or its path when two charters have the same name.
    pub title: String,
}

/// What a row is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Aspect {
    /// The default vote.
    DefaultVote,
    /// The size bounds of a role or body (and, for a role, whether anyone may join).
    Size {
        /// The role or body.
        group: String,
    },
    /// How a decision is decided: its vote rule and smallest winning coalition, or who decides.
    Rule {
        /// What the decision does.
        procedure: Procedure,
    },
    /// A decision's waiting periods: its phases and its vote window.
    Waiting {
        /// What the decision does.
        procedure: Procedure,
    },
    /// A decision's lazy consensus.
    LazyConsensus {
        /// What the decision does.
        procedure: Procedure,
    },
    /// A decision's escalation path.
    Escalation {
        /// What the decision does.
        procedure: Procedure,
    },
    /// Who stands aside in a decision.
    Recusal {
        /// What the decision does.
        procedure: Procedure,
    },
}

impl Aspect {
    /// The row's heading: "default vote", "size of `maintainer`", "admission to `maintainer`", "conflict
    /// resolution: escalation".
    pub fn words(&self) -> String {
        match self {
            Aspect::DefaultVote => "default vote".to_owned(),
            Aspect::Size { group } => format!("size of `{group}`"),
            Aspect::Rule { procedure } => procedure.words(),
            Aspect::Waiting { procedure } => format!("{}: waiting periods", procedure.words()),
            Aspect::LazyConsensus { procedure } => {
                format!("{}: lazy consensus", procedure.words())
            }
            Aspect::Escalation { procedure } => format!("{}: escalation", procedure.words()),
            Aspect::Recusal { procedure } => format!("{}: recusal", procedure.words()),
        }
    }
}

/// One charter's value for a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The value in plain words with exact figures.
    pub text: String,
    /// The decision the value comes from, if any.
    pub decision: Option<String>,
    /// Whether the charter has the aspect at all (the role, the decision, the default vote).
    pub present: bool,
    /// What the value means, for telling whether cells agree.
    #[serde(skip)]
    key: String,
}

/// Two charters' vote rules for a row compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairComparison {
    /// The left charter's column.
    pub left: usize,
    /// The right charter's column.
    pub right: usize,
    /// How the right charter's rule compares with the left's.
    pub comparison: RuleComparison,
    /// The comparison in one sentence, with witness tallies.
    pub summary: String,
}

/// One aligned aspect across the charters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// What the row is about.
    pub aspect: Aspect,
    /// The row's heading.
    pub label: String,
    /// Whether the charters differ on it.
    pub differs: bool,
    /// One cell per charter, in column order.
    pub cells: Vec<Cell>,
    /// Where vote rules differ, each pair of distinct rules compared (left column before right).
    pub comparisons: Vec<PairComparison>,
}

/// The comparison table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// The charters, in the order given.
    pub columns: Vec<Column>,
    /// The rows: those where the charters differ first, then the others, each in the fixed aspect order.
    pub rows: Vec<Row>,
}

/// One charter with what the table needs from it.
struct Sheet<'a> {
    charter: &'a ir::Charter,
    names: &'a NameMap,
    title: String,
    /// The decision performing each procedure: the first in source order.
    procedures: BTreeMap<Procedure, &'a ir::Decision>,
}

/// Builds the comparison table of several charters, reading every name through `names`.
///
/// Each distinct vote rule is analysed once, and each question of strictness between two readings is asked once
/// ([`RuleCache`]): a thousand charters repeat a few hundred rules, so the cost follows the distinct rules rather
/// than the cells or the pairs of columns.
pub fn compare<'a>(charters: &'a [Prepared], names: &'a NameMap) -> Table {
    let titles: Vec<String> = charters.iter().map(|p| p.title.clone()).collect();
    let columns: Vec<Column> = charters
        .iter()
        .map(|p| {
            let unique = titles.iter().filter(|t| **t == p.title).count() == 1;
            Column {
                label: p.label.clone(),
                title: if unique {
                    p.title.clone()
                } else {
                    p.label.clone()
                },
            }
        })
        .collect();
    let sheets: Vec<Sheet<'a>> = charters
        .iter()
        .zip(&columns)
        .map(|(p, column)| {
            let mut procedures = BTreeMap::new();
            for decision in &p.charter.decisions {
                for procedure in alignment::procedures(decision, names) {
                    procedures.entry(procedure).or_insert(decision);
                }
            }
            Sheet {
                charter: &p.charter,
                names,
                title: column.title.clone(),
                procedures,
            }
        })
        .collect();

    // Roles and bodies in order of first appearance, then the procedures.
    let mut groups: Vec<String> = Vec::new();
    for sheet in &sheets {
        let items = sheet
            .charter
            .roles
            .iter()
            .map(|r| &r.name)
            .chain(sheet.charter.bodies.iter().map(|b| &b.name));
        for name in items {
            let name = names.canonical(name).to_owned();
            if !groups.contains(&name) {
                groups.push(name);
            }
        }
    }
    let all_procedures: BTreeSet<Procedure> = sheets
        .iter()
        .flat_map(|s| s.procedures.keys().cloned())
        .collect();

    let mut cache = RuleCache::new();
    let mut rows = vec![default_vote_row(&sheets, &mut cache)];
    let mut placed: BTreeSet<&Procedure> = BTreeSet::new();
    for group in &groups {
        rows.push(size_row(&sheets, group));
        for procedure in all_procedures
            .iter()
            .filter(|p| p.group() == Some(group.as_str()))
        {
            placed.insert(procedure);
            decision_rows(&sheets, procedure, &mut cache, &mut rows);
        }
    }
    for procedure in &all_procedures {
        if !placed.contains(procedure) {
            decision_rows(&sheets, procedure, &mut cache, &mut rows);
        }
    }
    let (mut differing, same): (Vec<Row>, Vec<Row>) = rows.into_iter().partition(|r| r.differs);
    differing.extend(same);
    Table {
        columns,
        rows: differing,
    }
}

fn cell(text: String, decision: Option<&ir::Decision>, present: bool, key: String) -> Cell {
    Cell {
        text,
        decision: decision.map(|d| d.name.to_string()),
        present,
        key,
    }
}

fn absent(text: &str) -> Cell {
    cell(text.to_owned(), None, false, "\u{0}absent".to_owned())
}

fn row(aspect: Aspect, cells: Vec<Cell>, comparisons: Vec<PairComparison>) -> Row {
    let keys: BTreeSet<&str> = cells.iter().map(|c| c.key.as_str()).collect();
    Row {
        label: aspect.words(),
        aspect,
        differs: keys.len() > 1,
        cells,
        comparisons,
    }
}

/// The ids of a row's vote rules in `cache`, one per column.
fn rule_ids<'a>(
    sheets: &[Sheet<'a>],
    rules: &[Option<&'a ir::VoteRule>],
    cache: &mut RuleCache<'a>,
) -> Vec<Option<usize>> {
    let rules: Vec<Option<(&'a ir::Charter, &'a ir::VoteRule)>> = sheets
        .iter()
        .zip(rules)
        .map(|(sheet, rule)| rule.map(|rule| (sheet.charter, rule)))
        .collect();
    cache.ids(&rules)
}

/// The vote rules of a row compared: cells whose rules are the same over their common sizes share a class, which
/// goes into their keys; each pair of classes is compared once, by their first columns.
///
/// A column's class is the first representative (a column that starts a class) whose rule compares as the same;
/// columns with the same rule id find the same class, so it is looked for once per id (`settled`).
fn compare_votes<'a>(
    sheets: &[Sheet<'a>],
    rules: &[Option<&'a ir::VoteRule>],
    ids: &[Option<usize>],
    cells: &mut [Cell],
    cache: &mut RuleCache<'a>,
) -> Vec<PairComparison> {
    // class[i] is the first column whose rule is the same as column i's.
    let mut class: Vec<Option<usize>> = vec![None; ids.len()];
    let mut representatives: Vec<usize> = Vec::new();
    // The class found for a rule id. Representatives are only ever appended, so a later column with the same id
    // would scan the same representatives with the same results up to the one found; a column that started a
    // class is found by its own id when its rule is the same as itself (not so when it cannot be analysed).
    let mut settled: HashMap<usize, usize> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        let Some(id) = *id else { continue };
        let found = match settled.get(&id) {
            Some(&r) => Some(r),
            None => representatives
                .iter()
                .copied()
                .find(|&r| matches!(ids.get(r), Some(Some(known)) if cache.same(*known, id))),
        };
        let representative = match found {
            Some(r) => r,
            None => {
                representatives.push(i);
                if !cache.same(id, id) {
                    if let Some(slot) = class.get_mut(i) {
                        *slot = Some(i);
                    }
                    continue;
                }
                i
            }
        };
        settled.insert(id, representative);
        if let Some(slot) = class.get_mut(i) {
            *slot = Some(representative);
        }
    }
    // Every pair of representatives, left column before right, in order; the strictness questions of all of
    // them are answered first (in parallel), then each pair is compared and put in words in parallel from those
    // answers, collected in that order.
    let columns: Vec<(usize, usize)> = representatives
        .iter()
        .enumerate()
        .flat_map(|(a_index, &left)| {
            representatives
                .iter()
                .skip(a_index + 1)
                .map(move |&right| (left, right))
        })
        .collect();
    let pairs: Vec<(usize, usize)> = columns
        .iter()
        .filter_map(|&(left, right)| match (ids.get(left), ids.get(right)) {
            (Some(Some(l)), Some(Some(r))) => Some((*l, *r)),
            _ => None,
        })
        .collect();
    cache.prepare_comparisons(&pairs);
    let known: &RuleCache<'a> = cache;
    let comparisons: Vec<PairComparison> = columns
        .par_iter()
        .filter_map(|&(left, right)| {
            let (Some(Some(l)), Some(Some(r))) = (ids.get(left), ids.get(right)) else {
                return None;
            };
            let (Some(Some(l_rule)), Some(Some(r_rule))) = (rules.get(left), rules.get(right))
            else {
                return None;
            };
            let (Some(left_sheet), Some(right_sheet)) = (sheets.get(left), sheets.get(right))
            else {
                return None;
            };
            let comparison = known.compare_known(*l, *r)?;
            let summary = comparison_words(&comparison, left_sheet, right_sheet, l_rule, r_rule);
            Some(PairComparison {
                left,
                right,
                comparison,
                summary,
            })
        })
        .collect();
    let keyed = cells.par_iter_mut().zip(rules).zip(&class).zip(sheets);
    keyed.for_each(|(((cell, rule), class), sheet)| {
        if let (Some(rule), Some(class)) = (rule, class) {
            cell.key = format!(
                "{}\u{0}{}\u{0}{:?}\u{0}{}\u{0}{:?}\u{0}{class}",
                cell.key,
                words::electorate_words(&rule.electorate, sheet.names),
                words::tie_words(rule.tie.as_ref(), sheet.names),
                words::actors_words(&rule.vetoes, sheet.names),
                rule.secret_ballot
            );
        }
    });
    comparisons
}

/// "KitOps is weaker than WasmEdge under every reading: with 5 `maintainer`, 3 yes and 2 no passes in KitOps and
/// not in WasmEdge".
fn comparison_words(
    comparison: &RuleComparison,
    left: &Sheet<'_>,
    right: &Sheet<'_>,
    left_rule: &ir::VoteRule,
    right_rule: &ir::VoteRule,
) -> String {
    let (l, r) = (&left.title, &right.title);
    let scope = match comparison.scope {
        Scope::EveryReading => "under every reading",
        Scope::SomeReadings => "under some readings",
    };
    let head = match comparison.direction {
        Direction::Stricter => format!("{r} is stricter than {l} {scope}"),
        Direction::Weaker => format!("{r} is weaker than {l} {scope}"),
        Direction::Incomparable => format!("{l} and {r} are incomparable"),
        Direction::Same => format!("{l} and {r} are the same"),
    };
    let mut witnesses = Vec::new();
    if let Some(w) = &comparison.newly_passing {
        witnesses.push(format!(
            "{} passes in {r} and not in {l}{}",
            rules::witness_words(&w.witness, right_rule),
            rules::reading_clause(w, l, r)
        ));
    }
    if let Some(w) = &comparison.newly_failing {
        witnesses.push(format!(
            "{} passes in {l} and not in {r}{}",
            rules::witness_words(&w.witness, left_rule),
            rules::reading_clause(w, l, r)
        ));
    }
    if witnesses.is_empty() {
        if comparison.sizes.is_none() {
            return format!(
                "{head}: their electorates have no size in common, or a rule has too many readings to compare"
            );
        }
        return head;
    }
    format!("{head}: {}", witnesses.join("; "))
}

fn default_vote_row<'a>(sheets: &[Sheet<'a>], cache: &mut RuleCache<'a>) -> Row {
    let rules: Vec<Option<&ir::VoteRule>> = sheets
        .iter()
        .map(|s| s.charter.default_vote.as_ref())
        .collect();
    let ids = rule_ids(sheets, &rules, cache);
    let mut cells: Vec<Cell> = sheets
        .iter()
        .zip(&ids)
        .map(|(sheet, id)| match (&sheet.charter.default_vote, id) {
            (Some(rule), Some(id)) => {
                let coalition = cache.coalition_words(*id);
                cell(
                    format!(
                        "{}; smallest winning coalition {coalition}",
                        words::rule_words(rule, sheet.names)
                    ),
                    None,
                    true,
                    "vote".to_owned(),
                )
            }
            _ => absent("none: a decision that names no rule has no decider"),
        })
        .collect();
    let comparisons = compare_votes(sheets, &rules, &ids, &mut cells, cache);
    row(Aspect::DefaultVote, cells, comparisons)
}

fn size_row(sheets: &[Sheet<'_>], group: &str) -> Row {
    let cells = sheets
        .iter()
        .map(|sheet| {
            let names = sheet.names;
            if let Some(role) = sheet
                .charter
                .roles
                .iter()
                .find(|r| names.canonical(&r.name) == group)
            {
                let mut text = format!("role, {}", size_phrase(&role.size));
                if role.open_join {
                    text.push_str("; anyone may join");
                }
                return cell(text.clone(), None, true, text);
            }
            if let Some(body) = sheet
                .charter
                .bodies
                .iter()
                .find(|b| names.canonical(&b.name) == group)
            {
                let text = format!("body, {}", size_phrase(&body.size));
                return cell(text.clone(), None, true, text);
            }
            absent(&format!("no `{group}`"))
        })
        .collect();
    row(
        Aspect::Size {
            group: group.to_owned(),
        },
        cells,
        Vec::new(),
    )
}

fn size_phrase(size: &ir::SizeBounds) -> String {
    match words::size_words(size).as_str() {
        "not stated" => "size not stated".to_owned(),
        bounds if bounds.ends_with(" 1") => format!("{bounds} member"),
        bounds => format!("{bounds} members"),
    }
}

/// The rows of one procedure: how it is decided, then its waiting periods, lazy consensus, escalation and
/// recusals when some charter states them.
fn decision_rows<'a>(
    sheets: &[Sheet<'a>],
    procedure: &Procedure,
    cache: &mut RuleCache<'a>,
    rows: &mut Vec<Row>,
) {
    let decisions: Vec<Option<&'a ir::Decision>> = sheets
        .iter()
        .map(|s| s.procedures.get(procedure).copied())
        .collect();
    let rules: Vec<Option<&'a ir::VoteRule>> = decisions
        .iter()
        .map(|d| d.and_then(|d| d.vote.as_deref()))
        .collect();
    let ids = rule_ids(sheets, &rules, cache);
    for id in ids.iter().flatten() {
        cache.coalition_words(*id);
    }

    // How it is decided. Each cell's words are its own work, done in parallel, in column order.
    let known: &RuleCache<'a> = cache;
    let mut cells: Vec<Cell> = sheets
        .par_iter()
        .zip(&decisions)
        .zip(&ids)
        .map(|((sheet, decision), id)| match decision {
            Some(d) => {
                let text = how_decided_with(d, sheet.names, |_| {
                    id.and_then(|id| known.known_coalition_words(id))
                        .unwrap_or_default()
                });
                let key = if d.vote.is_some() {
                    match d.decider {
                        ir::Decider::LazyConsensus => "lazy consensus, then a vote".to_owned(),
                        _ => "a vote".to_owned(),
                    }
                } else {
                    words::decider_words(&d.decider, sheet.names)
                };
                cell(text, Some(d), true, key)
            }
            None => absent("no such decision"),
        })
        .collect();
    let comparisons = compare_votes(sheets, &rules, &ids, &mut cells, cache);
    rows.push(row(
        Aspect::Rule {
            procedure: procedure.clone(),
        },
        cells,
        comparisons,
    ));

    let sub_rows: [(Aspect, DetailFn); 4] = [
        (
            Aspect::Waiting {
                procedure: procedure.clone(),
            },
            waiting,
        ),
        (
            Aspect::LazyConsensus {
                procedure: procedure.clone(),
            },
            lazy,
        ),
        (
            Aspect::Escalation {
                procedure: procedure.clone(),
            },
            escalation,
        ),
        (
            Aspect::Recusal {
                procedure: procedure.clone(),
            },
            recusal,
        ),
    ];
    for (aspect, detail) in sub_rows {
        let details: Vec<Option<Option<(String, String)>>> = sheets
            .par_iter()
            .zip(&decisions)
            .map(|(sheet, d)| d.map(|d| detail(d, sheet.names)))
            .collect();
        if !details.iter().any(|d| matches!(d, Some(Some(_)))) {
            continue;
        }
        let cells = details
            .into_iter()
            .zip(&decisions)
            .map(|(detail, decision)| match (detail, decision) {
                (Some(Some((text, key))), Some(d)) => cell(text, Some(d), true, key),
                (_, Some(d)) => cell("none stated".to_owned(), Some(d), true, String::new()),
                (_, None) => absent("no such decision"),
            })
            .collect();
        rows.push(row(aspect, cells, Vec::new()));
    }
}

/// A decision's detail for a sub-row: its words and what they mean, or `None` when the decision states nothing.
type DetailFn = fn(&ir::Decision, &NameMap) -> Option<(String, String)>;

fn bound_key(bound: &ir::DurationBound) -> String {
    format!(
        "{:?}{:?}",
        bound.bound,
        bound.duration.as_ref().map(|d| (d.seconds, d.approximate))
    )
}

fn waiting(decision: &ir::Decision, _names: &NameMap) -> Option<(String, String)> {
    let mut text = Vec::new();
    let mut key = Vec::new();
    let mut phases: Vec<&ir::Phase> = decision.phases.iter().collect();
    phases.sort_by_key(|p| p.kind);
    for phase in phases {
        text.push(format!(
            "{} {}",
            words::phase_words(phase.kind),
            words::bound_words(&phase.bound)
        ));
        key.push(format!("{:?}{}", phase.kind, bound_key(&phase.bound)));
    }
    if let Some(window) = decision.vote.as_ref().and_then(|v| v.window.as_ref()) {
        text.push(format!("vote open {}", words::bound_words(window)));
        key.push(format!("window{}", bound_key(window)));
    }
    (!text.is_empty()).then(|| (text.join("; "), key.join(";")))
}

fn lazy(decision: &ir::Decision, names: &NameMap) -> Option<(String, String)> {
    decision.lazy_consensus.as_ref().map(|lazy| {
        let key = format!(
            "{:?}{}",
            lazy.silence.as_ref().map(bound_key),
            words::objection_words(&lazy.on_objection, names)
        );
        (words::lazy_consensus_words(lazy, names), key)
    })
}

fn escalation(decision: &ir::Decision, names: &NameMap) -> Option<(String, String)> {
    (!decision.escalation.is_empty()).then(|| {
        let text = words::escalation_words(&decision.escalation, names);
        (text.clone(), text)
    })
}

fn recusal(decision: &ir::Decision, names: &NameMap) -> Option<(String, String)> {
    let mut set: BTreeSet<String> = decision
        .recusals
        .iter()
        .map(|e| words::exclusion_words(e, names))
        .collect();
    if let Some(rule) = decision
        .vote
        .as_ref()
        .filter(|r| r.origin == ir::RuleOrigin::Stated)
    {
        set.extend(
            rule.electorate
                .exclusions
                .iter()
                .map(|e| words::exclusion_words(e, names)),
        );
    }
    (!set.is_empty()).then(|| {
        let list: Vec<&String> = set.iter().collect();
        let text = format!("{} may not take part", words::and_list(&list));
        (text.clone(), text)
    })
}
