//! Pest pairs to AST: one `build_<rule>` method per grammar rule that carries data.
//!
//! The grammar guarantees the shape of every pair, but the builder does not rely on it blindly: a pair that is
//! not what the builder expects becomes a [`BuildError`] (reported as an internal error), never a panic.
//!
//! A rule that stands for one of several keywords (`tally`, `base`, `phase_name`, ...) is read from its text,
//! which is exactly the keyword because the rule ends with it, rather than by walking to its keyword's pair.
//!
//! `syntax::parse` hands the builder one top-level item at a time, parsed from a slice of the file that starts
//! at `base`; the builder adds `base` to every pest position, so that spans are offsets into the whole file.

use pest::iterators::{Pair, Pairs};
use smol_str::SmolStr;

use super::grammar::{Rule, is_punctuation};
use crate::ast::*;
use crate::checks::{name_too_long, string_too_long};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Why the builder stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BuildError {
    /// The grammar and the builder disagree: a bug in charterc, reported instead of panicking.
    Internal {
        /// Where the builder was when it noticed.
        span: Span,
        /// What it expected.
        message: String,
    },
    /// The text is well formed but exceeds a limit (the length of a name or a string).
    Limit(Diagnostic),
}

type Result<T> = std::result::Result<T, BuildError>;

/// The span of the whole file: from its start to the end of its last character that is not trivia.
pub(crate) fn file_span(text: &str) -> Span {
    Span::new(0, content_len(text))
}

/// The length of `text` up to the end of its last character that is not trivia (whitespace, `;`, a byte-order
/// mark or a comment). Only the end of the text is read: trailing trivia is trimmed, then the last line is
/// searched for a comment (strings cannot span lines, so the line alone says whether a `#` is in a string), and
/// again while a comment is found. The cost is that of the trailing trivia and one line, not of the whole pair,
/// which matters because every pair of every level is measured.
fn content_len(text: &str) -> usize {
    let mut end = text.len();
    loop {
        let content = text
            .get(..end)
            .unwrap_or_default()
            .trim_end_matches(is_trivia);
        // A comment ends at a line feed or a carriage return (CRLF, or a lone CR). Both are ASCII, so the
        // search is over bytes rather than decoded characters.
        let line_start = content
            .as_bytes()
            .iter()
            .rposition(|&byte| matches!(byte, b'\n' | b'\r'))
            .map_or(0, |end| end + 1);
        let line = content.get(line_start..).unwrap_or_default();
        // Most lines have no `#` at all, which a byte search (memchr) tells faster than reading their strings.
        if !line.as_bytes().contains(&b'#') {
            return content.len();
        }
        match comment_start(line) {
            Some(comment) => end = line_start + comment,
            None => return content.len(),
        }
    }
}

/// Whitespace, `;` and the byte-order mark: what the grammar skips between tokens, apart from comments.
fn is_trivia(c: char) -> bool {
    c.is_whitespace() || c == ';' || c == '\u{FEFF}'
}

/// The offset of the `#` that starts a comment in one line, if any; a `#` inside a string is not one.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (index, byte) in line.bytes().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if byte == b'"' {
            in_string = true;
        } else if byte == b'#' {
            return Some(index);
        }
    }
    None
}

/// The value of a string from the text between its quotes: `\n` and `\t` are a line feed and a tab, and a
/// backslash before any other character stands for that character (the grammar allows only `\"` and `\\`).
pub(super) fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some(other) => value.push(other),
                None => {}
            }
        } else {
            value.push(c);
        }
    }
    value
}

/// Whether a pair is anything but a comment, which the grammar leaves between tokens (see `COMMENT`).
pub(crate) fn is_not_comment(pair: &Pair<'_, Rule>) -> bool {
    pair.as_rule() != Rule::COMMENT
}

/// Walks the children of one pair, skipping comments, keywords and punctuation.
///
/// Each child's rule is read once, when the cursor first looks at it, and kept with the child it peeked: pest
/// finds a pair's rule through its end token, and a filter for comments, a peek for punctuation and a test for the
/// rule wanted each read it again (a sixth of the builder's instructions went to this walk).
struct Cursor<'i> {
    children: Pairs<'i, Rule>,
    /// The next child that is neither a comment nor punctuation, with its rule, once the cursor has looked at it.
    peeked: Option<(Pair<'i, Rule>, Rule)>,
    /// The pair's own span, for internal errors only: it is trimmed only when one is reported.
    span: pest::Span<'i>,
    base: usize,
}

impl<'i> Cursor<'i> {
    /// The rule of the next child that is neither a comment nor punctuation, if any.
    fn peek_rule(&mut self) -> Option<Rule> {
        if self.peeked.is_none() {
            for pair in self.children.by_ref() {
                let rule = pair.as_rule();
                if rule != Rule::COMMENT && !is_punctuation(rule) {
                    self.peeked = Some((pair, rule));
                    break;
                }
            }
        }
        self.peeked.as_ref().map(|(_, rule)| *rule)
    }

    fn next(&mut self) -> Option<Pair<'i, Rule>> {
        self.peek_rule()?;
        self.peeked.take().map(|(pair, _)| pair)
    }

    fn next_if(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        if self.peek_rule()? == rule {
            self.peeked.take().map(|(pair, _)| pair)
        } else {
            None
        }
    }

    /// How many children are left, counting comments and punctuation: room enough for a list of the rest, which
    /// `fit` then trims, so that the list is allocated once rather than grown from four elements by doubling.
    fn remaining(&self) -> usize {
        self.children.len() + usize::from(self.peeked.is_some())
    }

    fn span(&self) -> Span {
        trimmed(self.span, self.base)
    }

    fn require(&mut self, rule: Rule) -> Result<Pair<'i, Rule>> {
        self.peek_rule();
        match self.peeked.take() {
            Some((pair, found)) if found == rule => Ok(pair),
            Some((pair, found)) => Err(BuildError::Internal {
                span: trimmed(pair.as_span(), self.base),
                message: format!("expected {rule:?}, found {found:?}"),
            }),
            None => Err(BuildError::Internal {
                span: self.span(),
                message: format!("expected {rule:?}, found nothing"),
            }),
        }
    }

    fn any(&mut self) -> Result<Pair<'i, Rule>> {
        self.next().ok_or_else(|| BuildError::Internal {
            span: self.span(),
            message: "expected a child, found nothing".into(),
        })
    }

    /// Every remaining child of `rule`, built with `build`.
    fn all<T>(
        &mut self,
        rule: Rule,
        mut build: impl FnMut(Pair<'i, Rule>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut res = Vec::with_capacity(self.remaining());
        while let Some(pair) = self.next_if(rule) {
            res.push(build(pair)?);
        }
        Ok(fit(res))
    }
}

/// `items` without the spare capacity of its growth: the AST of a large file holds hundreds of thousands of
/// short lists of large enum values, and the slack of each would be a fifth of the AST's memory. Shrinking
/// in place does not copy.
pub(super) fn fit<T>(mut items: Vec<T>) -> Vec<T> {
    items.shrink_to_fit();
    items
}

/// A pest span made absolute and trimmed of the trailing whitespace, `;` and comments that pest includes in a
/// rule ending with an optional or repeated part (`a ~ b*` consumes the trivia after `a` even when no `b`
/// follows).
///
/// Most pairs end with a token, which is told from their last character alone: a pair's text ends with a comment
/// only at the end of the parsed text, because the trivia pest skips after a comment always includes the line
/// end that follows it (and a comment is atomic, so a pair cannot end inside one). Any other pair whose last
/// character is not whitespace or `;` has no trailing trivia, and its last line need not be searched for a
/// comment. (A comment's own pair would be taken for a token, but the builder skips comments.)
fn trimmed(span: pest::Span<'_>, base: usize) -> Span {
    let start = base + span.start();
    let text = span.as_str();
    let ends_with_token = span.end() < span.get_input().len()
        && text.chars().next_back().is_some_and(|c| !is_trivia(c));
    let len = if ends_with_token {
        text.len()
    } else {
        content_len(text)
    };
    Span::new(start, start + len)
}

/// Builds the AST of one top-level item parsed from a slice of the file that starts at `base`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Builder {
    base: usize,
}

impl Builder {
    /// A builder for pairs parsed from the slice of the file that starts at byte `base`.
    pub(crate) fn at(base: usize) -> Self {
        Builder { base }
    }

    /// The span of a pair in the file, trimmed (see [`trimmed`]).
    fn span_of(self, pair: &Pair<'_, Rule>) -> Span {
        trimmed(pair.as_span(), self.base)
    }

    /// The span of a pair in the file, as pest matched it: for atomic rules and rules that end with a mandatory
    /// token, which never include trailing trivia.
    fn exact_span(self, pair: &Pair<'_, Rule>) -> Span {
        let span = pair.as_span();
        Span::new(self.base + span.start(), self.base + span.end())
    }

    fn cursor<'i>(self, pair: Pair<'i, Rule>) -> Cursor<'i> {
        let span = pair.as_span();
        Cursor {
            children: pair.into_inner(),
            peeked: None,
            span,
            base: self.base,
        }
    }

    fn unexpected(self, pair: &Pair<'_, Rule>, context: &str) -> BuildError {
        BuildError::Internal {
            span: self.span_of(pair),
            message: format!("unexpected {:?} in {context}", pair.as_rule()),
        }
    }

    /// Builds one top-level item.
    pub(crate) fn build_item(self, pair: Pair<'_, Rule>) -> Result<Item> {
        Ok(match pair.as_rule() {
            Rule::charter_decl => Item::Meta(self.build_charter_decl(pair)?),
            Rule::role_decl => {
                let (name, stmts, span) = self.build_member_decl(pair)?;
                Item::Role(RoleDecl { name, stmts, span })
            }
            Rule::body_decl => {
                let (name, stmts, span) = self.build_member_decl(pair)?;
                Item::Body(BodyDecl { name, stmts, span })
            }
            Rule::external_decl => Item::External(self.build_external_decl(pair)?),
            Rule::threshold_decl => Item::Threshold(self.build_threshold_decl(pair)?),
            Rule::default_vote_decl => Item::DefaultVote(self.build_vote_body(pair)?),
            Rule::decision_decl => Item::Decision(self.build_decision_decl(pair)?),
            _ => return Err(self.unexpected(&pair, "a file")),
        })
    }

    /// A name; longer than [`name_too_long::MAX_NAME_BYTES`] is an error.
    fn build_ident(self, pair: Pair<'_, Rule>) -> Result<Ident> {
        let text = pair.as_str();
        let span = self.exact_span(&pair);
        if text.len() > name_too_long::MAX_NAME_BYTES {
            return Err(BuildError::Limit(name_too_long::diagnostic(
                span,
                text.len(),
            )));
        }
        Ok(Ident {
            text: SmolStr::new(text),
            span,
        })
    }

    fn build_integer(self, pair: Pair<'_, Rule>) -> IntegerLit {
        IntegerLit {
            digits: pair.as_str().to_owned(),
            span: self.exact_span(&pair),
        }
    }

    /// A string, with its escapes resolved; longer than [`string_too_long::MAX_STRING_BYTES`] is an error.
    fn build_string(self, pair: Pair<'_, Rule>) -> Result<StringLit> {
        let span = self.exact_span(&pair);
        let raw = pair
            .into_inner()
            .next()
            .map(|inner| inner.as_str())
            .unwrap_or_default();
        if raw.len() > string_too_long::MAX_STRING_BYTES {
            return Err(BuildError::Limit(string_too_long::diagnostic(
                span.start,
                raw.len(),
            )));
        }
        let value = unescape(raw);
        Ok(StringLit { value, span })
    }

    fn build_charter_decl(self, pair: Pair<'_, Rule>) -> Result<MetaDecl> {
        let mut cursor = self.cursor(pair);
        let name = self.build_string(cursor.require(Rule::string)?)?;
        let mut stmts = Vec::new();
        while let Some(stmt) = cursor.next() {
            let rule = stmt.as_rule();
            let value = self.build_string(self.cursor(stmt).require(Rule::string)?)?;
            stmts.push(match rule {
                Rule::source_stmt => MetaStmt::Source(value),
                Rule::version_stmt => MetaStmt::Version(value),
                Rule::adopted_stmt => MetaStmt::Adopted(value),
                _ => {
                    return Err(BuildError::Internal {
                        span: value.span,
                        message: format!("unexpected {rule:?} in charter"),
                    });
                }
            });
        }
        Ok(MetaDecl {
            name,
            stmts: fit(stmts),
            span: cursor.span(),
        })
    }

    fn build_member_decl(self, pair: Pair<'_, Rule>) -> Result<(Ident, Vec<MemberStmt>, Span)> {
        let mut cursor = self.cursor(pair);
        let name = self.build_ident(cursor.require(Rule::ident)?)?;
        let mut stmts = Vec::with_capacity(cursor.remaining());
        while let Some(stmt) = cursor.next() {
            stmts.push(self.build_member_stmt(stmt)?);
        }
        Ok((name, fit(stmts), cursor.span()))
    }

    fn build_member_stmt(self, pair: Pair<'_, Rule>) -> Result<MemberStmt> {
        let span = self.span_of(&pair);
        let rule = pair.as_rule();
        if rule == Rule::cadence_stmt {
            return Ok(MemberStmt::Cadence(self.build_cadence(pair)?));
        }
        if rule == Rule::allow_stmt {
            return Ok(MemberStmt::Allow(self.build_allow(pair)?));
        }
        let mut cursor = self.cursor(pair);
        Ok(match rule {
            Rule::size_stmt => {
                let bound = cursor.any()?;
                let bound_rule = bound.as_rule();
                let mut numbers = self.cursor(bound);
                let first = self.build_integer(numbers.require(Rule::integer)?);
                let size = match bound_rule {
                    Rule::size_at_least => SizeBound::AtLeast(first),
                    Rule::size_at_most => SizeBound::AtMost(first),
                    Rule::size_exact => SizeBound::Exactly(first),
                    Rule::size_range => {
                        SizeBound::Range(first, self.build_integer(numbers.require(Rule::integer)?))
                    }
                    _ => {
                        return Err(BuildError::Internal {
                            span,
                            message: format!("unexpected {bound_rule:?} in size"),
                        });
                    }
                };
                MemberStmt::Size(size, span)
            }
            Rule::members_stmt => {
                MemberStmt::Members(cursor.all(Rule::string, |p| self.build_string(p))?, span)
            }
            Rule::join_stmt => {
                if cursor.next_if(Rule::join_open).is_some() {
                    MemberStmt::Join(None, span)
                } else {
                    MemberStmt::Join(
                        Some(self.build_ident_list(cursor.require(Rule::ident_list)?)?),
                        span,
                    )
                }
            }
            Rule::leave_stmt => MemberStmt::Leave(self.build_status_target(&mut cursor)?, span),
            Rule::remove_stmt => {
                let deciders = self.build_ident_list(cursor.require(Rule::ident_list)?)?;
                MemberStmt::Remove(deciders, self.build_status_target(&mut cursor)?, span)
            }
            Rule::inactive_stmt => {
                let duration = self.build_duration(cursor.require(Rule::duration)?)?;
                MemberStmt::Inactive(duration, self.build_status_target(&mut cursor)?, span)
            }
            Rule::reinstate_stmt => MemberStmt::Reinstate(
                self.build_ident_list(cursor.require(Rule::ident_list)?)?,
                span,
            ),
            Rule::term_stmt => {
                MemberStmt::Term(self.build_duration(cursor.require(Rule::duration)?)?, span)
            }
            Rule::term_limit_stmt => {
                MemberStmt::TermLimit(self.build_integer(cursor.require(Rule::integer)?), span)
            }
            Rule::seat_limit_stmt => {
                let count = self.build_integer(cursor.require(Rule::integer)?);
                MemberStmt::SeatLimit(
                    count,
                    self.build_string(cursor.require(Rule::string)?)?,
                    span,
                )
            }
            Rule::consists_stmt => MemberStmt::ConsistsOf(
                self.build_actor_list(cursor.require(Rule::actor_list)?)?,
                span,
            ),
            Rule::drawn_stmt => MemberStmt::DrawnFrom(
                self.build_actor_list(cursor.require(Rule::actor_list)?)?,
                span,
            ),
            Rule::appointed_stmt => {
                MemberStmt::AppointedBy(self.build_actor(cursor.require(Rule::actor)?)?, span)
            }
            Rule::chair_stmt => {
                MemberStmt::Chair(self.build_actor(cursor.require(Rule::actor)?)?, span)
            }
            _ => {
                return Err(BuildError::Internal {
                    span,
                    message: format!("unexpected {rule:?} in a role or body"),
                });
            }
        })
    }

    fn build_status_target(self, cursor: &mut Cursor<'_>) -> Result<Option<Ident>> {
        let Some(target) = cursor.next_if(Rule::status_target) else {
            return Ok(None);
        };
        self.cursor(target)
            .next_if(Rule::ident)
            .map(|p| self.build_ident(p))
            .transpose()
    }

    fn build_ident_list(self, pair: Pair<'_, Rule>) -> Result<Vec<Ident>> {
        // Sized for every child (names and the words between them), then trimmed: see `Cursor::remaining`.
        let children = pair.into_inner();
        let mut res = Vec::with_capacity(children.len());
        for child in children {
            if child.as_rule() == Rule::ident {
                res.push(self.build_ident(child)?);
            }
        }
        Ok(fit(res))
    }

    fn build_actor_list(self, pair: Pair<'_, Rule>) -> Result<Vec<Actor>> {
        self.cursor(pair).all(Rule::actor, |p| self.build_actor(p))
    }

    fn build_actor(self, pair: Pair<'_, Rule>) -> Result<Actor> {
        let span = self.span_of(&pair);
        let inner = pair.into_inner().next().ok_or(BuildError::Internal {
            span,
            message: "empty actor".into(),
        })?;
        Ok(match inner.as_rule() {
            Rule::kw_anyone => Actor::Anyone(span),
            Rule::ident => Actor::Named(self.build_ident(inner)?),
            _ => return Err(self.unexpected(&inner, "an actor")),
        })
    }

    fn build_exclusion(self, pair: Pair<'_, Rule>) -> Result<Exclusion> {
        let span = self.span_of(&pair);
        let inner = pair.into_inner().next().ok_or(BuildError::Internal {
            span,
            message: "empty exclusion".into(),
        })?;
        Ok(match inner.as_rule() {
            Rule::kw_subject => Exclusion::Subject(span),
            Rule::kw_accused => Exclusion::Accused(span),
            Rule::kw_nominator => Exclusion::Nominator(span),
            Rule::ident => Exclusion::Named(self.build_ident(inner)?),
            _ => return Err(self.unexpected(&inner, "an exclusion")),
        })
    }

    fn build_cadence(self, pair: Pair<'_, Rule>) -> Result<Cadence> {
        let span = self.span_of(&pair);
        let mut cursor = self.cursor(pair);
        let what = self.build_string(cursor.require(Rule::string)?)?;
        let every = match cursor.next_if(Rule::cadence_every) {
            Some(every) => Some(self.build_duration(self.cursor(every).require(Rule::duration)?)?),
            None => None,
        };
        Ok(Cadence { what, every, span })
    }

    fn build_allow(self, pair: Pair<'_, Rule>) -> Result<Allow> {
        let span = self.span_of(&pair);
        let mut cursor = self.cursor(pair);
        let lint = self.build_ident(cursor.require(Rule::lint_name)?)?;
        let reason = self.build_string(cursor.require(Rule::string)?)?;
        Ok(Allow { lint, reason, span })
    }

    fn build_external_decl(self, pair: Pair<'_, Rule>) -> Result<ExternalDecl> {
        let mut cursor = self.cursor(pair);
        let name = self.build_ident(cursor.require(Rule::ident)?)?;
        let title = self.build_string(cursor.require(Rule::string)?)?;
        Ok(ExternalDecl {
            name,
            title,
            span: cursor.span(),
        })
    }

    fn build_threshold_decl(self, pair: Pair<'_, Rule>) -> Result<ThresholdDecl> {
        let mut cursor = self.cursor(pair);
        let name = self.build_ident(cursor.require(Rule::ident)?)?;
        let mut conditions = Vec::new();
        let mut allows = Vec::new();
        while let Some(child) = cursor.next() {
            if child.as_rule() == Rule::allow_stmt {
                allows.push(self.build_allow(child)?);
            } else {
                conditions.push(self.build_condition(child)?);
            }
        }
        Ok(ThresholdDecl {
            name,
            conditions: fit(conditions),
            allows: fit(allows),
            span: cursor.span(),
        })
    }

    fn build_decision_decl(self, pair: Pair<'_, Rule>) -> Result<DecisionDecl> {
        let mut cursor = self.cursor(pair);
        let name = self.build_ident(cursor.require(Rule::ident)?)?;
        let mut stmts = Vec::with_capacity(cursor.remaining());
        while let Some(stmt) = cursor.next() {
            stmts.push(self.build_decision_stmt(stmt)?);
        }
        Ok(DecisionDecl {
            name,
            stmts: fit(stmts),
            span: cursor.span(),
        })
    }

    fn build_decision_stmt(self, pair: Pair<'_, Rule>) -> Result<DecisionStmt> {
        let rule = pair.as_rule();
        match rule {
            Rule::cadence_stmt => return Ok(DecisionStmt::Cadence(self.build_cadence(pair)?)),
            Rule::allow_stmt => return Ok(DecisionStmt::Allow(self.build_allow(pair)?)),
            Rule::vote_block => return Ok(DecisionStmt::Vote(self.build_vote_body(pair)?)),
            Rule::lazy_block => {
                return Ok(DecisionStmt::LazyConsensus(self.build_lazy_block(pair)?));
            }
            _ => {}
        }
        let span = self.span_of(&pair);
        let mut cursor = self.cursor(pair);
        Ok(match rule {
            Rule::purpose_stmt => DecisionStmt::Purpose(self.build_purpose(cursor.any()?)?, span),
            Rule::proposed_stmt => DecisionStmt::ProposedBy(
                self.build_actor_list(cursor.require(Rule::actor_list)?)?,
                span,
            ),
            Rule::phase_stmt => {
                let name = cursor.require(Rule::phase_name)?;
                let kind = match name.as_str() {
                    "discussion" => PhaseKind::Discussion,
                    "notice" => PhaseKind::Notice,
                    "public" => PhaseKind::Public,
                    "review" => PhaseKind::Review,
                    _ => return Err(self.unexpected(&name, "a phase")),
                };
                DecisionStmt::Phase(
                    kind,
                    self.build_duration_bound(cursor.require(Rule::duration_bound)?)?,
                    span,
                )
            }
            Rule::decided_stmt => DecisionStmt::DecidedBy(self.build_decider(cursor.any()?)?, span),
            Rule::recuse_stmt => DecisionStmt::Recuse(
                cursor.all(Rule::exclusion, |p| self.build_exclusion(p))?,
                span,
            ),
            Rule::designate_stmt => {
                let count = self.build_integer(cursor.require(Rule::integer)?);
                let actor = self.build_actor(cursor.require(Rule::actor)?)?;
                let with = cursor
                    .next_if(Rule::ident)
                    .map(|p| self.build_ident(p))
                    .transpose()?;
                DecisionStmt::Designate(count, actor, with, span)
            }
            Rule::escalate_block => {
                let steps = cursor.all(Rule::escalation_step, |p| self.build_escalation_step(p))?;
                DecisionStmt::Escalate(steps, span)
            }
            _ => {
                return Err(BuildError::Internal {
                    span,
                    message: format!("unexpected {rule:?} in a decision"),
                });
            }
        })
    }

    fn build_purpose(self, pair: Pair<'_, Rule>) -> Result<Purpose> {
        let rule = pair.as_rule();
        let span = self.span_of(&pair);
        let mut cursor = self.cursor(pair);
        let mut ident = || -> Result<Ident> { self.build_ident(cursor.require(Rule::ident)?) };
        Ok(match rule {
            Rule::purpose_admit => Purpose::Admit(ident()?),
            Rule::purpose_remove => Purpose::Remove(ident()?),
            Rule::purpose_reinstate => Purpose::Reinstate(ident()?),
            Rule::purpose_appoint => Purpose::Appoint(ident()?),
            Rule::purpose_elect => Purpose::Elect(ident()?),
            Rule::purpose_no_confidence => Purpose::NoConfidence(ident()?),
            Rule::purpose_amend => Purpose::AmendCharter,
            Rule::purpose_conflicts => Purpose::ResolveConflicts,
            Rule::purpose_conduct => Purpose::EnforceConduct,
            Rule::purpose_security => Purpose::HandleSecurity,
            Rule::purpose_dissolve => Purpose::DissolveProject,
            Rule::purpose_other => {
                Purpose::Other(self.build_string(cursor.require(Rule::string)?)?)
            }
            _ => {
                return Err(BuildError::Internal {
                    span,
                    message: format!("unexpected {rule:?} in a purpose"),
                });
            }
        })
    }

    fn build_decider(self, pair: Pair<'_, Rule>) -> Result<Decider> {
        let span = self.span_of(&pair);
        let rule = pair.as_rule();
        let mut cursor = self.cursor(pair);
        Ok(match rule {
            Rule::decider_default => Decider::DefaultVote(span),
            Rule::decider_single => {
                let count = cursor.next_if(Rule::integer).map(|p| self.build_integer(p));
                Decider::Approvals(count, self.build_actor(cursor.require(Rule::actor)?)?, span)
            }
            Rule::decider_actor => Decider::Actor(self.build_actor(cursor.require(Rule::actor)?)?),
            _ => {
                return Err(BuildError::Internal {
                    span,
                    message: format!("unexpected {rule:?} in a decider"),
                });
            }
        })
    }

    fn build_lazy_block(self, pair: Pair<'_, Rule>) -> Result<LazyBlock> {
        let mut cursor = self.cursor(pair);
        let mut block = LazyBlock {
            silences: Vec::new(),
            on_objection: Vec::new(),
            allows: Vec::new(),
            span: cursor.span(),
        };
        while let Some(stmt) = cursor.next() {
            match stmt.as_rule() {
                Rule::silence_stmt => {
                    let span = self.span_of(&stmt);
                    let bound = self
                        .build_duration_bound(self.cursor(stmt).require(Rule::duration_bound)?)?;
                    block.silences.push((bound, span));
                }
                Rule::objection_stmt => {
                    let span = self.span_of(&stmt);
                    let target = self.cursor(stmt).any()?;
                    let target = match target.as_rule() {
                        Rule::objection_default => ObjectionTarget::DefaultVote,
                        Rule::objection_vote => ObjectionTarget::OwnVote,
                        Rule::objection_actor => ObjectionTarget::Actor(
                            self.build_actor(self.cursor(target).require(Rule::actor)?)?,
                        ),
                        _ => return Err(self.unexpected(&target, "an objection")),
                    };
                    block.on_objection.push((target, span));
                }
                Rule::allow_stmt => block.allows.push(self.build_allow(stmt)?),
                _ => return Err(self.unexpected(&stmt, "lazy consensus")),
            }
        }
        block.silences.shrink_to_fit();
        block.on_objection.shrink_to_fit();
        block.allows.shrink_to_fit();
        Ok(block)
    }

    fn build_escalation_step(self, pair: Pair<'_, Rule>) -> Result<EscalationStep> {
        let span = self.span_of(&pair);
        let kind = self.cursor(pair).any()?;
        let rule = kind.as_rule();
        let mut cursor = self.cursor(kind.clone());
        Ok(match rule {
            Rule::step_parties => EscalationStep::Parties(span),
            Rule::step_mediator => {
                EscalationStep::Mediator(self.build_actor(cursor.require(Rule::actor)?)?, span)
            }
            Rule::step_decision => {
                EscalationStep::Decision(self.build_ident(cursor.require(Rule::ident)?)?, span)
            }
            Rule::step_external => {
                EscalationStep::External(self.build_ident(cursor.require(Rule::ident)?)?, span)
            }
            Rule::step_vote => EscalationStep::Vote(
                self.build_vote_body(cursor.require(Rule::vote_block)?)?,
                span,
            ),
            Rule::step_decided => {
                EscalationStep::DecidedBy(self.build_decider(cursor.any()?)?, span)
            }
            _ => return Err(self.unexpected(&kind, "an escalation step")),
        })
    }

    /// Builds a vote block from a `vote_block` or `default_vote_decl` pair.
    fn build_vote_body(self, pair: Pair<'_, Rule>) -> Result<VoteBlock> {
        let mut cursor = self.cursor(pair);
        let mut stmts = Vec::with_capacity(cursor.remaining());
        while let Some(stmt) = cursor.next() {
            stmts.push(self.build_vote_stmt(stmt)?);
        }
        Ok(VoteBlock {
            stmts: fit(stmts),
            span: cursor.span(),
        })
    }

    fn build_vote_stmt(self, pair: Pair<'_, Rule>) -> Result<VoteStmt> {
        let span = self.span_of(&pair);
        let rule = pair.as_rule();
        if rule == Rule::allow_stmt {
            return Ok(VoteStmt::Allow(self.build_allow(pair)?));
        }
        if rule == Rule::ballot_stmt {
            // `ballot secret` or `ballot public`: the rule ends with the keyword.
            return Ok(VoteStmt::Ballot(pair.as_str().ends_with("secret"), span));
        }
        let mut cursor = self.cursor(pair);
        Ok(match rule {
            Rule::voters_stmt => {
                let voters = self.build_actor_list(cursor.require(Rule::actor_list)?)?;
                let except = cursor.all(Rule::exclusion, |p| self.build_exclusion(p))?;
                VoteStmt::Voters(voters, except, span)
            }
            Rule::passes_stmt => {
                let mut conditions = Vec::with_capacity(cursor.remaining());
                while let Some(condition) = cursor.next() {
                    conditions.push(self.build_condition(condition)?);
                }
                VoteStmt::Passes(fit(conditions), span)
            }
            Rule::quorum_stmt => {
                let comparator = match cursor.next_if(Rule::comparator) {
                    Some(pair) => Some(self.build_comparator(&pair)?),
                    None => None,
                };
                let amount = self.build_amount(cursor.require(Rule::amount)?)?;
                let counts_abstentions = match cursor.next_if(Rule::abstention_clause) {
                    Some(clause) => match self.cursor(clause).any()?.as_rule() {
                        Rule::abstentions_counted => Some(true),
                        _ => Some(false),
                    },
                    None => None,
                };
                VoteStmt::Quorum(comparator, amount, counts_abstentions, span)
            }
            Rule::tie_stmt => {
                let tie = cursor.any()?;
                let rule = match tie.as_rule() {
                    Rule::tie_fails => TieRule::Fails,
                    Rule::tie_passes => TieRule::Passes,
                    Rule::tie_revote => TieRule::Revote,
                    Rule::tie_casting => TieRule::CastingVote(
                        self.build_actor(self.cursor(tie).require(Rule::actor)?)?,
                    ),
                    _ => return Err(self.unexpected(&tie, "a tie rule")),
                };
                VoteStmt::Tie(rule, span)
            }
            Rule::veto_stmt => VoteStmt::Veto(
                self.build_actor_list(cursor.require(Rule::actor_list)?)?,
                span,
            ),
            Rule::no_veto_stmt => VoteStmt::NoVeto(span),
            Rule::open_stmt => VoteStmt::Open(
                self.build_duration_bound(cursor.require(Rule::duration_bound)?)?,
                span,
            ),
            _ => {
                return Err(BuildError::Internal {
                    span,
                    message: format!("unexpected {rule:?} in a vote"),
                });
            }
        })
    }

    fn build_condition(self, pair: Pair<'_, Rule>) -> Result<Condition> {
        let rule = pair.as_rule();
        if rule == Rule::cond_named {
            let mut cursor = self.cursor(pair);
            return Ok(Condition::Named(
                self.build_ident(cursor.require(Rule::ident)?)?,
            ));
        }
        let span = self.span_of(&pair);
        let mut cursor = self.cursor(pair);
        Ok(match rule {
            Rule::cond_unanimous => {
                Condition::Unanimous(self.build_optional_base(&mut cursor)?, span)
            }
            Rule::cond_majority => {
                Condition::Majority(self.build_optional_base(&mut cursor)?, span)
            }
            Rule::cond_approved => Condition::Approved(span),
            Rule::cond_compare => {
                let tally = self.build_tally(&cursor.require(Rule::tally)?)?;
                let comparator = self.build_comparator(&cursor.require(Rule::comparator)?)?;
                let operand = cursor.any()?;
                let operand = match operand.as_rule() {
                    Rule::amount => Operand::Amount(self.build_amount(operand)?),
                    Rule::tally => {
                        Operand::Tally(self.build_tally(&operand)?, self.span_of(&operand))
                    }
                    _ => return Err(self.unexpected(&operand, "a comparison")),
                };
                Condition::Compare(tally, comparator, operand, span)
            }
            _ => {
                return Err(BuildError::Internal {
                    span,
                    message: format!("unexpected {rule:?} in a condition"),
                });
            }
        })
    }

    fn build_optional_base(self, cursor: &mut Cursor<'_>) -> Result<Option<Base>> {
        match cursor.next_if(Rule::base) {
            Some(base) => Ok(Some(self.build_base(&base)?)),
            None => Ok(None),
        }
    }

    /// The rule ends with its keyword, so its text is the keyword.
    fn build_base(self, pair: &Pair<'_, Rule>) -> Result<Base> {
        Ok(match pair.as_str() {
            "members" => Base::Members,
            "participating" => Base::Participating,
            "cast" => Base::Cast,
            "votes" => Base::Votes,
            _ => return Err(self.unexpected(pair, "a base")),
        })
    }

    /// The rule ends with its keyword, so its text is the keyword.
    fn build_tally(self, pair: &Pair<'_, Rule>) -> Result<Tally> {
        Ok(match pair.as_str() {
            "yes" => Tally::Yes,
            "no" => Tally::No,
            "abstain" => Tally::Abstain,
            "turnout" => Tally::Turnout,
            _ => return Err(self.unexpected(pair, "a tally")),
        })
    }

    fn build_comparator(self, pair: &Pair<'_, Rule>) -> Result<Comparator> {
        Ok(match pair.as_str() {
            ">=" => Comparator::Ge,
            ">" => Comparator::Gt,
            "<=" => Comparator::Le,
            "<" => Comparator::Lt,
            "==" => Comparator::Eq,
            _ => return Err(self.unexpected(pair, "a comparator")),
        })
    }

    fn build_amount(self, pair: Pair<'_, Rule>) -> Result<Amount> {
        let span = self.span_of(&pair);
        let mut cursor = self.cursor(pair);
        let first = cursor.any()?;
        Ok(match first.as_rule() {
            Rule::integer => Amount::Count(self.build_integer(first)),
            Rule::fraction => Amount::Share(
                Share::Fraction(first.as_str().to_owned()),
                self.build_optional_base(&mut cursor)?,
                span,
            ),
            Rule::percent => {
                let digits = first.as_str().trim_end_matches('%').to_owned();
                Amount::Share(
                    Share::Percent(digits),
                    self.build_optional_base(&mut cursor)?,
                    span,
                )
            }
            _ => return Err(self.unexpected(&first, "an amount")),
        })
    }

    fn build_duration_bound(self, pair: Pair<'_, Rule>) -> Result<DurationBound> {
        let span = self.span_of(&pair);
        let mut cursor = self.cursor(pair);
        // `at least`, `at most` or `exactly`: the rule ends with its last keyword.
        let kind = cursor.next_if(Rule::bound_kind).map(|kind| {
            let words = kind.as_str();
            if words.ends_with("least") {
                BoundKind::AtLeast
            } else if words.ends_with("most") {
                BoundKind::AtMost
            } else {
                BoundKind::Exactly
            }
        });
        let duration = match cursor.next_if(Rule::duration) {
            Some(duration) => Some(self.build_duration(duration)?),
            None => None,
        };
        Ok(DurationBound {
            kind,
            duration,
            span,
        })
    }

    fn build_duration(self, pair: Pair<'_, Rule>) -> Result<Duration> {
        let span = self.span_of(&pair);
        let mut cursor = self.cursor(pair);
        let approximate = cursor.next_if(Rule::approx).is_some();
        let low = self.build_integer(cursor.require(Rule::integer)?);
        let high = cursor.next_if(Rule::integer).map(|p| self.build_integer(p));
        // A unit is not a name: an unknown one, however long, is reported by lowering with a suggestion.
        let unit = cursor.require(Rule::unit)?;
        let unit = Ident {
            text: SmolStr::new(unit.as_str()),
            span: self.exact_span(&unit),
        };
        Ok(Duration {
            approximate,
            low,
            high,
            unit,
            span,
        })
    }
}

#[cfg(test)]
mod tests {
    use pest::Parser as _;

    use super::super::grammar::{CharterParser, Rule};
    use super::{content_len, trimmed};

    #[test]
    fn content_len_drops_trailing_trivia_only() {
        assert_eq!(content_len("yes > no  # why\n  ; \n"), "yes > no".len());
        assert_eq!(content_len("\"a # b\" # c"), "\"a # b\"".len());
        assert_eq!(
            content_len("x \"q\\\"#\" ; # c\n  # d\n\u{FEFF}"),
            "x \"q\\\"#\"".len()
        );
        assert_eq!(content_len("a\n# one\n# two\n"), 1);
        assert_eq!(content_len("# only a comment"), 0);
        assert_eq!(content_len(""), 0);
        assert_eq!(content_len("é ;"), "é".len());
        assert_eq!(content_len("a # c\rb # d\r"), "a # c\rb".len());
    }

    /// The shortcut of `trimmed` gives what `content_len` gives, for every pair of texts with comments, strings
    /// holding `#`, `;` and trailing trivia, in the middle of the text and at its end.
    #[test]
    fn trimmed_agrees_with_content_len_on_every_pair() {
        let texts = [
            "role a { size 1 } # c",
            "role a { size 1 }\n# c\n",
            "role a { size at least 1 # c\n ; }\nexternal b \"x # y\" # z",
            "decision d {\n  purpose other \"p # q\" ;\n  decided by a # c\n  vote { voters a # c\n passes when yes > no }\n}\n# end",
            include_str!("../../charters/example.charter"),
            "decision d { decided by a }\r# c\r\n",
            "decision d {\n  review at least 7 days # c\n  decided by any a\n} ; # c",
        ];
        for text in texts {
            let pairs = CharterParser::parse(Rule::file, text);
            assert!(pairs.is_ok(), "{text:?} does not parse");
            // The builder never trims the span of a comment's own pair (it skips comments) or of a string's
            // interior (which content_len, with no quote to go by, would cut at a `#`).
            for pair in pairs
                .into_iter()
                .flat_map(|pairs| pairs.flatten())
                .filter(|pair| !matches!(pair.as_rule(), Rule::COMMENT | Rule::string_inner))
            {
                let span = pair.as_span();
                let start = 3 + span.start();
                assert_eq!(
                    trimmed(span, 3).end,
                    start + content_len(span.as_str()),
                    "{:?} in {text:?}",
                    pair.as_rule()
                );
            }
        }
    }
}
