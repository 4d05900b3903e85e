//! Which item of one charter corresponds to which item of another.
//!
//! - Roles, bodies and external bodies correspond by name. A [`NameMap`] (`--map tsc=maintainer_council`) says
//!   that two names mean the same thing when they differ; it also applies to decision names.
//! - Decisions correspond by what they do, then by name. What a decision does is its set of [`Procedure`]s: the
//!   purposes it states or that lowering inferred from role lifecycles, or, when it has none, a purpose guessed
//!   from its name (`amend_charter` amends the charter, `resolve_conflict` resolves conflicts), or else its name.
//!   Two charters' decisions are paired greedily: the pairs that share the most procedures first, then pairs
//!   with the same name, each decision at most once; ties are broken by name, so the pairing does not depend on
//!   the order of the items in the files.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use crate::ir;

/// An explicit correspondence of names that differ between charters: `--map tsc=maintainer_council` says that
/// `tsc` in one charter is `maintainer_council` in another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameMap {
    renames: BTreeMap<String, String>,
}

/// Why a `--map` argument is not a valid correspondence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMapError {
    /// The argument is not of the form `old=new` with two names.
    Malformed {
        /// The argument as given.
        spec: String,
    },
    /// The same name is mapped to two different names.
    Conflicting {
        /// The name mapped twice.
        name: String,
        /// The first name it is mapped to.
        first: String,
        /// The second.
        second: String,
    },
}

impl fmt::Display for NameMapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameMapError::Malformed { spec } => write!(
                f,
                "`{spec}` is not a name mapping; write `OLD=NEW`, such as `tsc=maintainer_council`"
            ),
            NameMapError::Conflicting {
                name,
                first,
                second,
            } => write!(
                f,
                "`{name}` is mapped to both `{first}` and `{second}`; give one mapping per name"
            ),
        }
    }
}

impl std::error::Error for NameMapError {}

impl NameMap {
    /// A map that renames nothing.
    pub fn new() -> NameMap {
        NameMap::default()
    }

    /// Adds a correspondence given as `old=new`.
    ///
    /// # Errors
    /// When the argument is not two names around `=`, or when `old` is already mapped to another name.
    pub fn add_spec(&mut self, spec: &str) -> Result<(), NameMapError> {
        let malformed = || NameMapError::Malformed {
            spec: spec.to_owned(),
        };
        let (from, to) = spec.split_once('=').ok_or_else(malformed)?;
        let (from, to) = (from.trim(), to.trim());
        if from.is_empty() || to.is_empty() || to.contains('=') {
            return Err(malformed());
        }
        self.add(from, to)
    }

    /// Says that `from` means what `to` means.
    ///
    /// # Errors
    /// When `from` is already mapped to another name.
    pub fn add(&mut self, from: &str, to: &str) -> Result<(), NameMapError> {
        match self.renames.get(from) {
            Some(known) if known != to => Err(NameMapError::Conflicting {
                name: from.to_owned(),
                first: known.clone(),
                second: to.to_owned(),
            }),
            _ => {
                self.renames.insert(from.to_owned(), to.to_owned());
                Ok(())
            }
        }
    }

    /// The name `name` stands for: its mapping, or itself.
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.renames.get(name).map_or(name, String::as_str)
    }

    /// Whether the map renames nothing.
    pub fn is_empty(&self) -> bool {
        self.renames.is_empty()
    }
}

/// What a decision does, with every name in it made canonical: the key decisions are aligned by.
///
/// The order of the variants is the order in which comparisons list them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Procedure {
    /// Admits a member to a role.
    Admit {
        /// The role.
        role: String,
    },
    /// Removes a member from a role.
    Remove {
        /// The role.
        role: String,
    },
    /// Reinstates a former member.
    Reinstate {
        /// The role.
        role: String,
    },
    /// Appoints a body's members.
    Appoint {
        /// The body.
        body: String,
    },
    /// Elects a body's members.
    Elect {
        /// The body.
        body: String,
    },
    /// A vote of no confidence in a body.
    NoConfidence {
        /// The body.
        body: String,
    },
    /// Amends the charter.
    AmendCharter,
    /// Resolves conflicts.
    ResolveConflicts,
    /// Enforces the Code of Conduct.
    EnforceConduct,
    /// Handles security reports.
    HandleSecurity,
    /// Dissolves the project.
    DissolveProject,
    /// Something else, described in words (compared with runs of whitespace made one space).
    Other {
        /// What it does.
        what: String,
    },
    /// A decision that states no purpose and whose purpose cannot be told from its name: its name.
    Named {
        /// The decision's name.
        name: String,
    },
}

impl Procedure {
    /// The role or body the procedure is about, if any.
    pub fn group(&self) -> Option<&str> {
        match self {
            Procedure::Admit { role }
            | Procedure::Remove { role }
            | Procedure::Reinstate { role } => Some(role),
            Procedure::Appoint { body }
            | Procedure::Elect { body }
            | Procedure::NoConfidence { body } => Some(body),
            _ => None,
        }
    }

    /// The procedure in words: "admission to `maintainer`", "amendment of the charter".
    pub fn words(&self) -> String {
        match self {
            Procedure::Admit { role } => format!("admission to `{role}`"),
            Procedure::Remove { role } => format!("removal from `{role}`"),
            Procedure::Reinstate { role } => format!("reinstatement to `{role}`"),
            Procedure::Appoint { body } => format!("appointment of `{body}`"),
            Procedure::Elect { body } => format!("election of `{body}`"),
            Procedure::NoConfidence { body } => format!("no confidence in `{body}`"),
            Procedure::AmendCharter => "amendment of the charter".to_owned(),
            Procedure::ResolveConflicts => "conflict resolution".to_owned(),
            Procedure::EnforceConduct => "Code of Conduct enforcement".to_owned(),
            Procedure::HandleSecurity => "security response".to_owned(),
            Procedure::DissolveProject => "dissolution of the project".to_owned(),
            Procedure::Other { what } => format!("\"{what}\""),
            Procedure::Named { name } => format!("decision `{name}`"),
        }
    }
}

/// Runs of whitespace made one space, so that `other` purposes written across lines compare equal.
fn normalize_words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The procedure a stated or inferred purpose names, with canonical names.
fn purpose_procedure(purpose: &ir::Purpose, names: &NameMap) -> Procedure {
    let name = |r: &ir::Ref| names.canonical(&r.name).to_owned();
    match purpose {
        ir::Purpose::Admit { role } => Procedure::Admit { role: name(role) },
        ir::Purpose::Remove { role } => Procedure::Remove { role: name(role) },
        ir::Purpose::Reinstate { role } => Procedure::Reinstate { role: name(role) },
        ir::Purpose::Appoint { body } => Procedure::Appoint { body: name(body) },
        ir::Purpose::Elect { body } => Procedure::Elect { body: name(body) },
        ir::Purpose::NoConfidence { body } => Procedure::NoConfidence { body: name(body) },
        ir::Purpose::AmendCharter => Procedure::AmendCharter,
        ir::Purpose::ResolveConflicts => Procedure::ResolveConflicts,
        ir::Purpose::EnforceConduct => Procedure::EnforceConduct,
        ir::Purpose::HandleSecurity => Procedure::HandleSecurity,
        ir::Purpose::DissolveProject => Procedure::DissolveProject,
        ir::Purpose::Other { what } => Procedure::Other {
            what: normalize_words(what),
        },
    }
}

/// The purpose a decision's name suggests, for decisions that state none: `amend_charter`, `change_governance`,
/// `resolve_conflict`, `coc_case`, `handle_security`, `dissolve`.
fn purpose_from_name(name: &str) -> Option<Procedure> {
    let name = name.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| name.contains(word));
    if has(&["amend", "governance", "charter"]) {
        Some(Procedure::AmendCharter)
    } else if has(&["conflict", "dispute"]) {
        Some(Procedure::ResolveConflicts)
    } else if has(&["conduct", "coc"]) {
        Some(Procedure::EnforceConduct)
    } else if has(&["security", "vulnerab"]) {
        Some(Procedure::HandleSecurity)
    } else if has(&["dissol"]) {
        Some(Procedure::DissolveProject)
    } else {
        None
    }
}

/// Every procedure a decision performs, sorted: its purposes, else the one its name suggests, else its name.
pub fn procedures(decision: &ir::Decision, names: &NameMap) -> BTreeSet<Procedure> {
    let mut res: BTreeSet<Procedure> = decision
        .purposes
        .iter()
        .map(|entry| purpose_procedure(&entry.purpose, names))
        .collect();
    if res.is_empty() {
        let name = names.canonical(&decision.name);
        res.insert(purpose_from_name(name).unwrap_or_else(|| Procedure::Named {
            name: name.to_owned(),
        }));
    }
    res
}

/// The procedure a decision is listed under: the first of its procedures in the fixed order.
pub fn main_procedure(decision: &ir::Decision, names: &NameMap) -> Procedure {
    procedures(decision, names)
        .into_iter()
        .next()
        .unwrap_or_else(|| Procedure::Named {
            name: names.canonical(&decision.name).to_owned(),
        })
}

/// The decisions of two charters paired with each other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionAlignment {
    /// `(old index, new index)` of each pair, in the order of the old charter's decisions.
    pub pairs: Vec<(usize, usize)>,
    /// Decisions of the old charter with no counterpart.
    pub only_old: Vec<usize>,
    /// Decisions of the new charter with no counterpart.
    pub only_new: Vec<usize>,
}

/// Pairs the decisions of `old` with those of `new`: by shared procedures first, then by name.
pub fn align_decisions(
    old: &ir::Charter,
    old_names: &NameMap,
    new: &ir::Charter,
    new_names: &NameMap,
) -> DecisionAlignment {
    let old_procedures: Vec<BTreeSet<Procedure>> = old
        .decisions
        .iter()
        .map(|d| procedures(d, old_names))
        .collect();
    let new_procedures: Vec<BTreeSet<Procedure>> = new
        .decisions
        .iter()
        .map(|d| procedures(d, new_names))
        .collect();
    // (shared procedures, same name, old name, new name, old index, new index)
    let mut candidates = Vec::new();
    for (i, (decision, procs)) in old.decisions.iter().zip(&old_procedures).enumerate() {
        let old_name = old_names.canonical(&decision.name);
        for (j, (other, other_procs)) in new.decisions.iter().zip(&new_procedures).enumerate() {
            let new_name = new_names.canonical(&other.name);
            let shared = procs.intersection(other_procs).count();
            let same_name = old_name == new_name;
            if shared > 0 || same_name {
                candidates.push((shared, same_name, old_name, new_name, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| {
        (b.0, b.1)
            .cmp(&(a.0, a.1))
            .then_with(|| (a.2, a.3).cmp(&(b.2, b.3)))
            .then_with(|| (a.4, a.5).cmp(&(b.4, b.5)))
    });
    let mut old_taken = vec![false; old.decisions.len()];
    let mut new_taken = vec![false; new.decisions.len()];
    let mut pairs = Vec::new();
    for (_, _, _, _, i, j) in candidates {
        let free = |taken: &[bool], index: usize| taken.get(index).is_some_and(|t| !t);
        if free(&old_taken, i) && free(&new_taken, j) {
            if let Some(slot) = old_taken.get_mut(i) {
                *slot = true;
            }
            if let Some(slot) = new_taken.get_mut(j) {
                *slot = true;
            }
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    let unpaired = |taken: &[bool]| {
        taken
            .iter()
            .enumerate()
            .filter(|(_, t)| !**t)
            .map(|(index, _)| index)
            .collect()
    };
    DecisionAlignment {
        pairs,
        only_old: unpaired(&old_taken),
        only_new: unpaired(&new_taken),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_maps_parse_and_refuse_conflicts() {
        let mut map = NameMap::new();
        assert!(map.add_spec("tsc=maintainer_council").is_ok());
        assert_eq!(map.canonical("tsc"), "maintainer_council");
        assert_eq!(map.canonical("other"), "other");
        assert!(map.add_spec("tsc=maintainer_council").is_ok());
        assert!(matches!(
            map.add_spec("tsc=council"),
            Err(NameMapError::Conflicting { .. })
        ));
        assert!(matches!(
            map.add_spec("tsc"),
            Err(NameMapError::Malformed { .. })
        ));
        assert!(matches!(
            map.add_spec("=x"),
            Err(NameMapError::Malformed { .. })
        ));
    }

    #[test]
    fn names_suggest_purposes() {
        assert_eq!(
            purpose_from_name("change_governance"),
            Some(Procedure::AmendCharter)
        );
        assert_eq!(
            purpose_from_name("coc_case"),
            Some(Procedure::EnforceConduct)
        );
        assert_eq!(purpose_from_name("release"), None);
    }
}
