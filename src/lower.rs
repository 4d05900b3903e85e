//! AST to checked IR: name resolution, exact numbers, explicit bases, normalized durations.
//!
//! Lowering never stops at the first problem: it reports every diagnostic it finds and still produces an IR, in
//! which an unresolvable reference or an unusable number is left out. The order is fixed: names are declared
//! first (so items may be used before they are defined), then thresholds and the default vote (which decisions
//! inherit), then roles, bodies and decisions, and last the purposes that role lifecycles imply.

mod decisions;
mod members;
mod names;
pub(crate) mod numbers;
mod votes;

use crate::ast;
use crate::checks::{duplicate_definition, missing_metadata};
use crate::diagnostic::Diagnostic;
use crate::ir::{self, ItemKind};
use crate::source::Span;
use names::NameTable;

/// Lowers a parsed charter to its IR, with every diagnostic found on the way.
pub fn lower(source: &str, charter: &ast::Charter) -> (ir::Charter, Vec<Diagnostic>) {
    let (mut lowerer, mut res) = Lowerer::start(source, charter);
    for item in &charter.items {
        lowerer.lower_item(item, &mut res);
    }
    lowerer.finish(res)
}

/// [`lower`], consuming the AST: each role, body, external and decision is dropped as soon as it is lowered, so
/// that the whole AST and the whole IR are never in memory together (together they would be the peak memory of
/// a check).
pub fn lower_owned(source: &str, charter: ast::Charter) -> (ir::Charter, Vec<Diagnostic>) {
    let (mut lowerer, mut res) = Lowerer::start(source, &charter);
    for item in charter.items {
        lowerer.lower_item(&item, &mut res);
    }
    lowerer.finish(res)
}

/// The state of lowering one file.
pub(crate) struct Lowerer<'a> {
    source: &'a str,
    names: NameTable,
    diagnostics: Vec<Diagnostic>,
    /// Lowered thresholds by index; `None` while being lowered (to stop a threshold that names itself).
    thresholds: Vec<Option<ir::Threshold>>,
    default_vote: Option<ir::VoteRule>,
}

impl<'a> Lowerer<'a> {
    /// Declares every name, then lowers what decisions depend on (thresholds, the default vote) and the
    /// metadata; returns the lowerer and an IR without roles, bodies, externals or decisions yet.
    fn start(source: &'a str, charter: &ast::Charter) -> (Self, ir::Charter) {
        let mut lowerer = Lowerer {
            source,
            names: NameTable::default(),
            diagnostics: Vec::new(),
            thresholds: Vec::new(),
            default_vote: None,
        };
        lowerer.declare(charter);
        lowerer.lower_thresholds(charter);
        lowerer.lower_default_vote(charter);
        let meta = lowerer.lower_meta(charter);
        // The lists are sized from the AST up front: grown by doubling, a list of decisions (1,000 bytes each)
        // kept up to twice the room it needed, the largest waste of a check's peak memory. A duplicate name makes
        // a list one item longer than needed, which is harmless.
        let (mut roles, mut bodies, mut externals, mut decisions) = (0, 0, 0, 0);
        for item in &charter.items {
            match item {
                ast::Item::Role(_) => roles += 1,
                ast::Item::Body(_) => bodies += 1,
                ast::Item::External(_) => externals += 1,
                ast::Item::Decision(_) => decisions += 1,
                _ => {}
            }
        }
        let res = ir::Charter {
            meta,
            roles: Vec::with_capacity(roles),
            bodies: Vec::with_capacity(bodies),
            externals: Vec::with_capacity(externals),
            thresholds: Vec::new(),
            default_vote: lowerer.default_vote.clone(),
            decisions: Vec::with_capacity(decisions),
        };
        (lowerer, res)
    }

    /// Lowers one role, body, external or decision into `res`, in source order; other items were lowered by
    /// [`Lowerer::start`].
    fn lower_item(&mut self, item: &ast::Item, res: &mut ir::Charter) {
        match item {
            ast::Item::Role(role) if self.is_definition(&role.name, ItemKind::Role) => {
                res.roles.push(self.lower_role(role));
            }
            ast::Item::Body(body) if self.is_definition(&body.name, ItemKind::Body) => {
                res.bodies.push(self.lower_body(body));
            }
            ast::Item::External(external)
                if self.is_definition(&external.name, ItemKind::External) =>
            {
                res.externals.push(ir::External {
                    name: external.name.text.clone(),
                    title: external.title.value.clone(),
                    name_span: external.name.span,
                    span: external.span,
                });
            }
            ast::Item::Decision(decision)
                if self.is_definition(&decision.name, ItemKind::Decision) =>
            {
                res.decisions.push(self.lower_decision(decision));
            }
            _ => {}
        }
    }

    /// The thresholds and the purposes that role lifecycles imply, once every item is lowered.
    fn finish(self, mut res: ir::Charter) -> (ir::Charter, Vec<Diagnostic>) {
        res.thresholds = self.thresholds.into_iter().flatten().collect();
        members::infer_purposes(&mut res);
        (res, self.diagnostics)
    }

    /// Declares every named item, reporting duplicates.
    fn declare(&mut self, charter: &ast::Charter) {
        let mut first_meta: Option<Span> = None;
        let mut first_default: Option<Span> = None;
        self.names.reserve(charter.items.len());
        for item in &charter.items {
            let (name, kind) = match item {
                ast::Item::Role(role) => (&role.name, ItemKind::Role),
                ast::Item::Body(body) => (&body.name, ItemKind::Body),
                ast::Item::External(external) => (&external.name, ItemKind::External),
                ast::Item::Threshold(threshold) => (&threshold.name, ItemKind::Threshold),
                ast::Item::Decision(decision) => (&decision.name, ItemKind::Decision),
                ast::Item::Meta(meta) => {
                    self.once(&mut first_meta, meta.span, "charter");
                    continue;
                }
                ast::Item::DefaultVote(vote) => {
                    self.once(&mut first_default, vote.span, "default vote");
                    continue;
                }
            };
            self.names.define(name, kind, &mut self.diagnostics);
        }
    }

    fn once(&mut self, first: &mut Option<Span>, span: Span, what: &str) {
        match first {
            Some(first) => {
                let keyword_span = Span::new(span.start, span.start + what.len());
                self.diagnostics
                    .push(duplicate_definition::diagnostic(keyword_span, what, *first));
            }
            None => *first = Some(span),
        }
    }

    /// Whether this item is the definition the name table kept (the first one of its name).
    fn is_definition(&mut self, name: &ast::Ident, kind: ItemKind) -> bool {
        self.names.is_definition(name, kind)
    }

    fn lower_meta(&mut self, charter: &ast::Charter) -> ir::Meta {
        let mut meta = ir::Meta::default();
        let Some(decl) = charter.items.iter().find_map(|item| match item {
            ast::Item::Meta(meta) => Some(meta),
            _ => None,
        }) else {
            self.diagnostics.push(missing_metadata::diagnostic(
                Span::new(0, 0),
                "`charter` block",
            ));
            return meta;
        };
        meta.name = Some(decl.name.value.clone());
        meta.span = Some(decl.span);
        for stmt in &decl.stmts {
            match stmt {
                ast::MetaStmt::Source(url) => meta.source = Some(url.value.clone()),
                ast::MetaStmt::Version(version) => meta.version = Some(version.value.clone()),
                ast::MetaStmt::Adopted(adopted) => meta.adopted = Some(adopted.value.clone()),
            }
        }
        if meta.source.is_none() {
            self.diagnostics
                .push(missing_metadata::diagnostic(decl.name.span, "`source` URL"));
        }
        meta
    }

    fn lower_thresholds(&mut self, charter: &ast::Charter) {
        let decls: Vec<&ast::ThresholdDecl> = charter
            .items
            .iter()
            .filter_map(|item| match item {
                ast::Item::Threshold(t) => Some(t),
                _ => None,
            })
            .collect();
        let kept: Vec<&ast::ThresholdDecl> = decls
            .into_iter()
            .filter(|t| self.is_definition(&t.name, ItemKind::Threshold))
            .collect();
        self.thresholds = vec![None; kept.len()];
        // Thresholds may name earlier thresholds; each is lowered once, in source order.
        for (index, decl) in kept.into_iter().enumerate() {
            let conditions = self.lower_conditions(&decl.conditions);
            let threshold = ir::Threshold {
                name: decl.name.text.clone(),
                conditions,
                allows: decl.allows.iter().map(lower_allow).collect(),
                name_span: decl.name.span,
                span: decl.span,
            };
            if let Some(slot) = self.thresholds.get_mut(index) {
                *slot = Some(threshold);
            }
        }
    }

    fn lower_default_vote(&mut self, charter: &ast::Charter) {
        let block = charter.items.iter().find_map(|item| match item {
            ast::Item::DefaultVote(vote) => Some(vote),
            _ => None,
        });
        if let Some(block) = block {
            self.default_vote = Some(self.lower_vote(block, ir::RuleOrigin::Default));
        }
    }

    /// A copy of the default vote for a decision, with its origin and the span of what invoked it.
    fn default_rule(&self, origin: ir::RuleOrigin, span: Span) -> Option<ir::VoteRule> {
        self.default_vote.clone().map(|mut rule| {
            rule.origin = origin;
            rule.span = span;
            rule
        })
    }

    fn lower_actor(&mut self, actor: &ast::Actor, kinds: &[ItemKind]) -> Option<ir::Actor> {
        match actor {
            ast::Actor::Anyone(span) => Some(ir::Actor::Anyone { span: *span }),
            ast::Actor::Named(name) => self
                .names
                .resolve(name, kinds, &mut self.diagnostics)
                .map(|item| ir::Actor::Item { item }),
        }
    }

    fn lower_actors(&mut self, actors: &[ast::Actor], kinds: &[ItemKind]) -> Vec<ir::Actor> {
        // Sized for every actor, which is exact unless one does not resolve (an error); a filtering `collect`
        // would make room for four.
        let mut res = Vec::with_capacity(actors.len());
        for actor in actors {
            res.extend(self.lower_actor(actor, kinds));
        }
        res
    }

    fn lower_exclusions(&mut self, exclusions: &[ast::Exclusion]) -> Vec<ir::Exclusion> {
        // Sized as `lower_actors` is.
        let mut res = Vec::with_capacity(exclusions.len());
        for exclusion in exclusions {
            res.extend(match exclusion {
                ast::Exclusion::Subject(span) => Some(ir::Exclusion::Subject { span: *span }),
                ast::Exclusion::Accused(span) => Some(ir::Exclusion::Accused { span: *span }),
                ast::Exclusion::Nominator(span) => Some(ir::Exclusion::Nominator { span: *span }),
                ast::Exclusion::Named(name) => self
                    .names
                    .resolve(
                        name,
                        &[ItemKind::Role, ItemKind::Body],
                        &mut self.diagnostics,
                    )
                    .map(|item| ir::Exclusion::Item { item }),
            });
        }
        res
    }

    fn resolve(&mut self, name: &ast::Ident, kinds: &[ItemKind]) -> Option<ir::Ref> {
        self.names.resolve(name, kinds, &mut self.diagnostics)
    }

    fn lower_cadence(&mut self, cadence: &ast::Cadence) -> ir::Cadence {
        let every = cadence.every.as_ref().and_then(|d| {
            numbers::duration(
                d,
                numbers::source_text(self.source, d.span),
                &mut self.diagnostics,
            )
        });
        ir::Cadence {
            what: cadence.what.value.clone(),
            every,
            span: cadence.span,
        }
    }
}

/// Gives back a list's spare room. Lists built by `push`, `extend` or a filtering `collect` start with room for
/// four elements, and most of the IR's lists hold one or two: that slack was a fifth of a check's peak memory.
/// The IR is built once and only read afterwards, so the room is never used. Lowering sizes its lists from the
/// statements up front, so this only reallocates after an error left an element out: shrinking every list
/// instead cost a tenth of the lowering of the 10 MB charter.
fn shrink<T>(list: &mut Vec<T>) {
    if list.capacity() > list.len() {
        list.shrink_to_fit();
    }
}

/// Adds `more` to `list`, taking `more`'s allocation when `list` is empty (`extend` would make room for four).
fn append<T>(list: &mut Vec<T>, more: Vec<T>) {
    if list.is_empty() {
        *list = more;
    } else {
        list.extend(more);
    }
}

fn shrink_rule(rule: &mut ir::VoteRule) {
    shrink(&mut rule.electorate.voters);
    shrink(&mut rule.electorate.exclusions);
    shrink(&mut rule.conditions);
    shrink(&mut rule.vetoes);
    shrink(&mut rule.allows);
}

fn lower_allow(allow: &ast::Allow) -> ir::Allow {
    ir::Allow {
        lint: allow.lint.text.to_string(),
        reason: allow.reason.value.clone(),
        span: allow.span,
    }
}
