//! The name table: every item's name, kind and index, and resolution of references against it.

use std::collections::BTreeMap;

use foldhash::HashMap;

use crate::ast;
use crate::checks::{duplicate_definition, undefined_reference, wrong_kind_reference};
use crate::diagnostic::Diagnostic;
use crate::ir::{ItemKind, Ref};
use crate::source::Span;

/// One defined item.
#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    pub(super) kind: ItemKind,
    pub(super) index: usize,
    pub(super) span: Span,
}

/// All item names of one charter. Names share one namespace across kinds.
#[derive(Debug, Default)]
pub(super) struct NameTable {
    /// A hash map with foldhash rather than a `BTreeMap`: every reference is looked up here, and a tree search
    /// compares the name with a dozen keys where a hash lookup hashes it once and compares it with one. Nothing
    /// depends on the map's order (`closest` takes the minimum of distance and name). Keyed by `String` rather
    /// than the AST's `SmolStr`, whose comparison first finds where its text is stored.
    entries: HashMap<String, Entry>,
    counts: BTreeMap<ItemKind, usize>,
}

impl NameTable {
    /// Makes room for `additional` more names, so that defining every item of a large file does not rehash the
    /// table as it grows.
    pub(super) fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
    }

    /// Defines `name`; returns its index within its kind, or `None` (with a diagnostic) if it is already defined.
    pub(super) fn define(
        &mut self,
        name: &ast::Ident,
        kind: ItemKind,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        if let Some(first) = self.entries.get(name.text.as_str()) {
            diagnostics.push(duplicate_definition::diagnostic(
                name.span, &name.text, first.span,
            ));
            return None;
        }
        let count = self.counts.entry(kind).or_insert(0);
        let index = *count;
        *count += 1;
        self.entries.insert(
            name.text.to_string(),
            Entry {
                kind,
                index,
                span: name.span,
            },
        );
        Some(index)
    }

    /// Resolves `name` to an item of one of the `expected` kinds, reporting an undefined or wrong-kind reference.
    pub(super) fn resolve(
        &self,
        name: &ast::Ident,
        expected: &[ItemKind],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Ref> {
        // The words for the expected kinds are only needed for a diagnostic, not for the common case of a name
        // that resolves.
        match self.entries.get(name.text.as_str()) {
            Some(entry) if expected.contains(&entry.kind) => Some(Ref {
                kind: entry.kind,
                index: entry.index,
                name: name.text.clone(),
                span: name.span,
            }),
            Some(entry) => {
                diagnostics.push(wrong_kind_reference::diagnostic(
                    name.span,
                    &name.text,
                    entry.kind.keyword(),
                    &describe_kinds(expected),
                    entry.span,
                ));
                None
            }
            None => {
                let suggestion = self.closest(&name.text, expected);
                diagnostics.push(undefined_reference::diagnostic(
                    name.span,
                    &name.text,
                    &describe_kinds(expected),
                    suggestion,
                ));
                None
            }
        }
    }

    /// Whether `name` is where an item of this kind is defined (the first definition of its name), in one lookup.
    pub(super) fn is_definition(&self, name: &ast::Ident, kind: ItemKind) -> bool {
        self.entries
            .get(name.text.as_str())
            .is_some_and(|entry| entry.kind == kind && entry.span == name.span)
    }

    /// Whether any item has this name.
    pub(super) fn contains(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// The defined name of an expected kind closest to `name`, if it is close enough to be a typo.
    ///
    /// The names are read in the hash map's order, which the minimum of (distance, name) does not depend on.
    fn closest(&self, name: &str, expected: &[ItemKind]) -> Option<&str> {
        self.entries
            .iter()
            .filter(|(_, entry)| expected.contains(&entry.kind))
            .map(|(candidate, _)| {
                (
                    strsim::damerau_levenshtein(name, candidate),
                    candidate.as_str(),
                )
            })
            .filter(|(distance, candidate)| {
                *distance <= 2.max(candidate.len() / 3)
                    || candidate.starts_with(name)
                    || name.starts_with(candidate)
            })
            .min()
            .map(|(_, candidate)| candidate)
    }
}

/// "role", "role or body", "role, body or external body".
fn describe_kinds(kinds: &[ItemKind]) -> String {
    let words: Vec<&str> = kinds
        .iter()
        .map(|kind| match kind {
            ItemKind::External => "external body",
            other => other.keyword(),
        })
        .collect();
    match words.as_slice() {
        [] => "item".to_owned(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
